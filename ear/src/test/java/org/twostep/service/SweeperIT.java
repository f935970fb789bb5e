package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.challenge.ChallengeSweeper;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.PendingChallenge;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;
import org.twostep.config.Settings;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.totp.TotpAuthenticator;
import org.twostep.totp.TotpEnrollment;
import org.twostep.webauthn.WebAuthnAssertions;
import org.twostep.webauthn.WebAuthnCeremony;

/** The sweeper, run by the test at moved times: expiry is audited once, finished things are purged after retention. */
class SweeperIT extends ServiceIT {

    @EJB
    ChallengeSweeper sweeper;

    @EJB
    Challenges challenges;

    @EJB
    Verifications verifications;

    @EJB
    WebAuthnAssertions assertions;

    @Inject
    Settings settings;

    @Test
    void anExpiredChallengeIsSweptAndAuditedOnceThenRefused() {
        Enrolled user = enrolled("swept");
        ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());

        clock.move(settings.challengeTtl().minusSeconds(1));
        sweeper.sweep();
        assertEquals(PendingChallenge.State.PENDING, em.find(PendingChallenge.class, ticket.id()).state());

        clock.move(Duration.ofSeconds(1));
        sweeper.sweep();
        sweeper.sweep();
        assertEquals(PendingChallenge.State.EXPIRED, em.find(PendingChallenge.class, ticket.id()).state());
        List<AuditEvent> expired = audit(user.accountId()).stream().filter(e -> e.type() == EventType.CHALLENGE_EXPIRED).toList();
        assertEquals(1, expired.size(), "audited exactly once");
        assertEquals("swept", expired.get(0).detail());
        assertEquals(Reason.CHALLENGE_EXPIRED, expired.get(0).reason());

        VerificationException refused = assertThrows(VerificationException.class,
                () -> verifications.totp(Proving.login(ticket.id()), currentCode(user), Enrolled.CLIENT));
        assertEquals(Reason.CHALLENGE_EXPIRED, refused.reason(), "even the right code");
    }

    @Test
    void aBacklogOfSeveralBatchesIsSweptInOneSweepEachAuditedOnce() {
        Enrolled user = enrolled("backlog");
        int backlog = 1_201; // more than two of the sweeper's batches (500 each), and a short last one
        for (int i = 0; i < backlog; i++) {
            challenges.open(user.afterPassword(), user.attempt());
        }
        clock.move(settings.challengeTtl());
        sweeper.sweep();
        assertEquals(0L, em.createQuery("select count(c) from PendingChallenge c where c.accountId = :account and c.state = :pending",
                Long.class).setParameter("account", user.accountId()).setParameter("pending", PendingChallenge.State.PENDING)
                .getSingleResult(), "none left pending");
        assertEquals(backlog, count(user.accountId(), EventType.CHALLENGE_EXPIRED), "each audited exactly once");
        sweeper.sweep();
        assertEquals(backlog, count(user.accountId(), EventType.CHALLENGE_EXPIRED), "and not again");
    }

    @Test
    void aChallengePastItsTimeIsRefusedEvenBeforeTheSweeperSeesIt() {
        Enrolled user = enrolled("unswept");
        ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
        clock.move(settings.challengeTtl());
        VerificationException refused = assertThrows(VerificationException.class,
                () -> verifications.totp(Proving.login(ticket.id()), currentCode(user), Enrolled.CLIENT));
        assertEquals(Reason.CHALLENGE_EXPIRED, refused.reason());
    }

    @Test
    void finishedChallengesAbandonedEnrollmentsAndExpiredCeremoniesGoAfterTheirTime() {
        Enrolled user = enrolled("purged");
        ChallengeTicket finished = challenges.open(user.afterPassword(), user.attempt());
        verifications.totp(Proving.login(finished.id()), currentCode(user), Enrolled.CLIENT);
        TotpEnrollment abandoned = apps.begin(user.accountId(), user.username());
        String ceremonyId = assertions.passkeyOptions(Enrolled.CLIENT).ceremonyId();

        clock.move(settings.webAuthnTimeout().plusSeconds(1));
        sweeper.sweep();
        assertNull(em.find(WebAuthnCeremony.class, ceremonyId), "an expired ceremony serves no one");
        assertNotNull(em.find(PendingChallenge.class, finished.id()), "kept for the retention period");
        assertNotNull(em.find(TotpAuthenticator.class, abandoned.id()));

        clock.move(settings.challengeRetention());
        sweeper.sweep();
        assertNull(em.find(PendingChallenge.class, finished.id()));
        assertNull(em.find(TotpAuthenticator.class, abandoned.id()));
        assertNotNull(em.find(TotpAuthenticator.class, user.appId()), "the confirmed app stays");
    }

    @Test
    void auditEventsArePurgedAfterTheirRetentionAndNotBefore() {
        Enrolled user = enrolled("retained"); // audited at the test clock's time: ACCOUNT_CREATED, FACTOR_ADDED...
        long recorded = audit(user.accountId()).size();
        assertEquals(true, recorded > 0);

        clock.move(settings.auditRetention().minusDays(1));
        sweeper.sweep();
        assertEquals(recorded, audit(user.accountId()).size(), "kept within the retention");

        clock.move(Duration.ofDays(2));
        sweeper.sweep();
        assertEquals(0, audit(user.accountId()).size(), "purged after it");
    }
}
