package org.twostep.policy;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.twostep.account.Account;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.config.Settings;

/** The policies as plain objects, on settings and a clock the test chooses. */
final class Policies {

    private Policies() {
    }

    /** Codes: {@code threshold} wrong ones wait {@code duration}, doubling to 4 times it; passwords the same; permanent after {@code permanentAfter}. */
    static Lockout lockout(int threshold, Duration duration, int permanentAfter, Clock clock) {
        Escalation escalation = new Escalation(threshold, duration, duration.multipliedBy(4), Duration.ofDays(1));
        Lockout lockout = new Lockout();
        lockout.settings = new Settings() {
            @Override
            public Escalation codeLockout() {
                return escalation;
            }

            @Override
            public Escalation passwordLockout() {
                return escalation;
            }

            @Override
            public int lockoutPermanentAfter() {
                return permanentAfter;
            }
        };
        lockout.clock = clock;
        lockout.configure();
        return lockout;
    }

    /** The step-up window; the refusals it audits are added to {@code audited}. */
    static StepUpWindow stepUpWindow(Duration window, Clock clock, List<AuditEvent> audited) {
        StepUpWindow stepUp = new StepUpWindow();
        stepUp.settings = new Settings() {
            @Override
            public Duration stepUpWindow() {
                return window;
            }
        };
        stepUp.clock = clock;
        stepUp.audit = new AuditLog() {
            @Override
            public void refusal(AuditEvent event) {
                audited.add(event);
            }
        };
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
