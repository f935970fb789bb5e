package org.twostep.policy;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import org.twostep.account.Account;
import org.twostep.config.Settings;

/** The policies as plain objects, on settings and a clock the test chooses. */
final class Policies {

    private Policies() {
    }

    static Lockout lockout(int threshold, Duration duration, Clock clock) {
        Lockout lockout = new Lockout();
        lockout.settings = new Settings() {
            @Override
            public int lockoutThreshold() {
                return threshold;
            }

            @Override
            public Duration lockoutDuration() {
                return duration;
            }
        };
        lockout.clock = clock;
        return lockout;
    }

    static StepUpWindow stepUpWindow(Duration window, Clock clock) {
        StepUpWindow stepUp = new StepUpWindow();
        stepUp.settings = new Settings() {
            @Override
            public Duration stepUpWindow() {
                return window;
            }
        };
        stepUp.clock = clock;
        return stepUp;
    }

    /** An account as JPA would make it (the no-argument constructor): not locked, no failures. */
    static Account account() {
        try {
            Constructor<Account> constructor = Account.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
