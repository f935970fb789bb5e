package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;
import org.twostep.refusal.VerificationException;
import org.twostep.totp.TotpFactor;
import org.twostep.totp.TotpMismatchException;

/**
 * RFC 6238 §6 through the services: an authenticator app whose clock falls behind a step at a time
 * keeps signing in, the window following it; the drift is kept, for its owner and the help desk;
 * a code far outside the window is refused exactly as a wrong code is.
 */
class ClockDriftIT extends ServiceIT {

    @EJB
    Challenges challenges;

    @EJB
    Verifications verifications;

    @Test
    void aPhoneWhoseClockFallsBehindStepByStepKeepsSigningIn() {
        Enrolled user = enrolled("drift");
        Duration behind = Duration.ZERO;
        for (int login = 1; login <= 16; login++) {
            if (login % 2 == 0) {
                behind = behind.plusSeconds(30); // the phone loses a step every second login: 4 minutes by the end
            }
            clock.move(Duration.ofMinutes(5)); // a later login: a new code
            String shown = codeAt(user.secret(), clock.instant().minus(behind));
            ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
            assertEquals(user.username(), verifications.totp(Proving.login(ticket.id()), shown, Enrolled.CLIENT).username(),
                    "login " + login + ", the phone " + behind.toSeconds() + " s behind");
        }

        TotpFactor app = apps.list(user.accountId()).get(0);
        assertEquals(-240, app.clockOffsetSeconds());
        assertTrue(app.clockIsOff());
        assertEquals("about 4 minutes behind", app.clockOffsetText());
        AuditEvent lastLogin = audit(user.accountId()).stream().filter(e -> e.type() == EventType.LOGIN_OK)
                .reduce((first, second) -> second).orElseThrow();
        assertEquals("clock offset -240 s", lastLogin.detail(), "the help desk sees the drift");
    }

    @Test
    void withoutTheHistoryTheSameSlowPhoneIsRefusedAsAWrongCodeIs() {
        Enrolled user = enrolled("no-history");
        clock.move(Duration.ofMinutes(5));
        ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
        String fourMinutesOld = codeAt(user.secret(), clock.instant().minusSeconds(240));
        VerificationException refused = assertThrows(VerificationException.class,
                () -> verifications.totp(Proving.login(ticket.id()), fourMinutesOld, Enrolled.CLIENT));
        assertEquals(Reason.CLOCK_SKEW_SUSPECTED, refused.reason(), "the audit trail knows");
        assertEquals(Refusal.of(new TotpMismatchException()).message(), Refusal.of(refused).message(),
                "the person typing is told nothing more than for a wrong code");
        assertFalse(apps.list(user.accountId()).get(0).clockIsOff(), "an unverified skew is never kept");
    }

    @Test
    void aCodeFarOutsideTheFollowedWindowIsStillAWrongCode() {
        Enrolled user = enrolled("far");
        clock.move(Duration.ofMinutes(5));
        for (int behind = 30; behind <= 90; behind += 30) { // a step more each time: the window follows
            signIn(user, clock.instant().minusSeconds(behind));
            clock.move(Duration.ofMinutes(5));
        }

        ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
        String tenMinutesOld = codeAt(user.secret(), clock.instant().minusSeconds(600));
        VerificationException refused = assertThrows(VerificationException.class,
                () -> verifications.totp(Proving.login(ticket.id()), tenMinutesOld, Enrolled.CLIENT));
        assertEquals(Refusal.of(new TotpMismatchException()).message(), Refusal.of(refused).message());
        assertEquals(-90, apps.list(user.accountId()).get(0).clockOffsetSeconds(), "a refused code moves nothing");
    }

    private void signIn(Enrolled user, Instant phoneTime) {
        ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
        verifications.totp(Proving.login(ticket.id()), codeAt(user.secret(), phoneTime), Enrolled.CLIENT);
    }
}
