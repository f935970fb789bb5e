package org.twostep.it;

import java.time.Instant;
import org.twostep.crypto.Base32;
import org.twostep.totp.Hotp;
import org.twostep.totp.TotpAlgorithm;

/** The test's authenticator app: the secret read from the enrollment page, and codes computed from it. */
final class Authenticator {

    private static final int PERIOD = 30;

    private final byte[] secret;
    private long lastUsedStep = -1;

    Authenticator(String groupedSecret) {
        this.secret = Base32.decode(groupedSecret);
    }

    /** A code the server has not seen yet: the current step's, or the next one's (within the ±1 window). */
    String nextCode() {
        long now = currentStep();
        long step = Math.max(now, lastUsedStep + 1);
        while (step > now + 1) {
            sleepUntilNextStep();
            now = currentStep();
        }
        lastUsedStep = step;
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
