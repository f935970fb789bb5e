package org.twostep.it;

import java.time.Instant;
import org.twostep.crypto.Base32;
import org.twostep.totp.Hotp;
import org.twostep.totp.TotpAlgorithm;
import org.twostep.totp.TotpVerifier;

/** The test's authenticator app: the secret read from the enrollment page, and codes computed from it. */
final class Authenticator {

    private static final int PERIOD = 30;

    private final byte[] secret;
    private long lastUsedStep = -1;

    /** How many steps ahead of the server's clock this app's last code was: the drift the server learnt from it. */
    private long ahead;

    Authenticator(String groupedSecret) {
        this.secret = Base32.decode(groupedSecret);
    }

    /**
     * A code the server has not seen yet, without waiting where the server would take one: the
     * current step's, else the next one's. An app whose codes run ahead of the server's clock is
     * followed (RFC 6238 §6: the server centres its next window where the last accepted code was), so
     * a test that signs in several times a minute gets codes a step further ahead each time, up to
     * the 10 steps from now the server accepts, instead of waiting 30 s for each. The helper assumes each code
     * it gives is accepted.
     */
    String nextCode() {
        long now = currentStep();
        long step = Math.max(now + ahead, lastUsedStep + 1); // the app's own step, or the next if that one was used
        while (step > now + ahead + 1) {
            sleepUntilNextStep();
            now = currentStep();
            step = Math.max(now + ahead, lastUsedStep + 1);
        }
        lastUsedStep = step;
        ahead = Math.min(TotpVerifier.MAX_DRIFT_STEPS - 1, step - now); // the window reaches one step past the drift
        return codeAt(step);
    }

    /** The code of a step this many steps from now, after waiting for a fresh step so "now" cannot move meanwhile. */
    String codeStepsFromNow(int offset) {
        if (Instant.now().getEpochSecond() % PERIOD > PERIOD - 5) {
            sleepUntilNextStep();
        }
        return codeAt(currentStep() + offset);
    }

    /** A well-formed code that matches no step near now. */
    String wrongCode() {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", 123457 + candidate * 7919);
            boolean nearNow = false;
            for (int offset = -11; offset <= 11; offset++) {
                nearNow |= code.equals(codeStepsFromNow(offset));
            }
            if (!nearNow) {
                return code;
            }
        }
    }

    /** The secret as the enrollment page showed it, without the spaces: what must never reach a log. */
    String secretText() {
        return Base32.encode(secret);
    }

    /** The code the last call to {@link #nextCode()} returned. */
    String lastCode() {
        return codeAt(lastUsedStep);
    }

    private String codeAt(long step) {
        return Hotp.generate(secret, step, 6, TotpAlgorithm.SHA1);
    }

    private static long currentStep() {
        return Instant.now().getEpochSecond() / PERIOD;
    }

    private static void sleepUntilNextStep() {
        long millis = (PERIOD - Instant.now().getEpochSecond() % PERIOD) * 1000L + 50;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
