package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import org.junit.jupiter.api.Test;
import org.twostep.account.SignedIn;
import org.twostep.audit.EventType;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.PendingChallenge;
import org.twostep.challenge.Verifications;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.totp.TotpEnrollment;

/**
 * The first authenticator app is enrolled once: a login opened while the account had no factor
 * (someone else's, with the password) cannot confirm its own app after the owner has enrolled one.
 */
class EnrollmentIT extends ServiceIT {

    @EJB
    Challenges challenges;

    @EJB
    Verifications verifications;

    @Test
    void aLoginOpenedWithoutAFactorCannotAddOneAfterTheOwnerDid() {
        Enrolled account = newAccount("first");
        long accountId = account.accountId();
        SignedIn afterPassword = account.afterPassword();

        ChallengeTicket intruder = challenges.open(afterPassword, account.attempt()); // opened first
        ChallengeTicket owner = challenges.open(afterPassword, account.attempt());
        assertEquals(PendingChallenge.Purpose.ENROLLMENT, intruder.purpose());
        TotpEnrollment intrudersApp = challenges.enrollment(intruder.id(), Enrolled.CLIENT);
        TotpEnrollment ownersApp = challenges.enrollment(owner.id(), Enrolled.CLIENT);

        verifications.enrollment(owner.id(), codeAt(ownersApp.groupedSecret(), clock.instant()), Enrolled.CLIENT);
        VerificationException refused = assertThrows(VerificationException.class, () -> verifications.enrollment(intruder.id(),
                codeAt(intrudersApp.groupedSecret(), clock.instant()), Enrolled.CLIENT));
        assertEquals(Reason.ENROLLMENT_NOT_PENDING, refused.reason());
        assertEquals(1, apps.countActive(accountId), "the owner's app only");
        assertEquals(1, count(accountId, EventType.FACTOR_ADDED));
    }
}
