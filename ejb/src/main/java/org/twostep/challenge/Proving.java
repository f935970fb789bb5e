package org.twostep.challenge;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a proof is asked for, which its challenge must match: a login's second step, or a signed-in
 * caller's step-up, bound to that caller's account. So a step-up's proof never finishes a login,
 * a login's proof never counts as a step-up, and no one's step-up is proven with another
 * account's challenge, whatever the caller of the service.
 *
 * <pre>{@code
 * verifications.totp(Proving.login(challengeId), code, client);
 * verifications.totp(Proving.stepUp(challengeId, who.accountId()), code, client);
 * }</pre>
 *
 * @param challengeId       the pending challenge, or null when there is none
 * @param signedInAccountId the signed-in caller's account for a step-up; null for a login
 */
public record Proving(String challengeId, Long signedInAccountId) implements Serializable {

    private static final Set<PendingChallenge.Purpose> LOGIN = EnumSet.of(PendingChallenge.Purpose.SECOND_FACTOR);
    private static final Set<PendingChallenge.Purpose> STEP_UP =
            EnumSet.of(PendingChallenge.Purpose.STEP_UP, PendingChallenge.Purpose.STEP_UP_KEY);

    public static Proving login(String challengeId) {
        return new Proving(challengeId, null);
    }

    public static Proving stepUp(String challengeId, long signedInAccountId) {
        return new Proving(challengeId, signedInAccountId);
    }

    public boolean isStepUp() {
        return signedInAccountId != null;
    }

    /** Of the purposes a proof may serve, those this request is for. */
    Set<PendingChallenge.Purpose> within(Set<PendingChallenge.Purpose> purposes) {
        Set<PendingChallenge.Purpose> mine = EnumSet.copyOf(isStepUp() ? STEP_UP : LOGIN);
        mine.retainAll(purposes);
        return mine;
    }

    /** Whether the challenge is of the account this request is bound to (any, for a login). */
    boolean accepts(PendingChallenge challenge) {
        return !isStepUp() || signedInAccountId == challenge.accountId();
    }
}
