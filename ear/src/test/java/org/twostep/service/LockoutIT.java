package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.twostep.account.Account;
import org.twostep.audit.EventType;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;
import org.twostep.config.Settings;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The lockout policy through the services, on a moved clock: counted across logins, lifted when its time is up. */
class LockoutIT extends ServiceIT {

    @EJB
    Challenges challenges;

    @EJB
    Verifications verifications;

    @Inject
    Settings settings;

    @Test
    void tenWrongCodesAcrossTwoLoginsLockTheAccountUntilTheLockoutEnds() {
        Enrolled user = enrolled("lockout");
        for (int login = 1; login <= 2; login++) {
            ChallengeTicket ticket = challenges.open(user.afterPassword(), user.attempt());
            for (int attempt = 1; attempt <= 5; attempt++) {
                Reason refused = refusal(() -> verifications.totp(Proving.login(ticket.id()), wrongCode(user), Enrolled.CLIENT));
                Reason expected = attempt < 5 ? Reason.TOTP_MISMATCH : login == 1 ? Reason.TOO_MANY_ATTEMPTS : Reason.LOCKED_OUT;
                assertEquals(expected, refused, "login " + login + ", attempt " + attempt);
            }
        }
        assertEquals(1, count(user.accountId(), EventType.ACCOUNT_LOCKED));
        assertEquals(clock.instant().plus(settings.lockoutDuration()), em.find(Account.class, user.accountId()).lockedUntil());

        ChallengeTicket duringLockout = challenges.open(user.afterPassword(), user.attempt());
        assertEquals(Reason.LOCKED_OUT, refusal(() -> verifications.totp(Proving.login(duringLockout.id()), currentCode(user), Enrolled.CLIENT)),
                "a new password step buys no new guesses: even the right code is refused, unchecked");
        clock.move(settings.lockoutDuration().minusSeconds(1));
        ChallengeTicket lastSecond = challenges.open(user.afterPassword(), user.attempt());
        assertEquals(Reason.LOCKED_OUT, refusal(() -> verifications.totp(Proving.login(lastSecond.id()), currentCode(user), Enrolled.CLIENT)));
        assertEquals(1, count(user.accountId(), EventType.ACCOUNT_LOCKED), "refusals during the lockout count nowhere");

        clock.move(Duration.ofSeconds(1));
        ChallengeTicket afterLockout = challenges.open(user.afterPassword(), user.attempt());
        assertEquals(user.username(), verifications.totp(Proving.login(afterLockout.id()), currentCode(user), Enrolled.CLIENT).username());
        Account account = em.find(Account.class, user.accountId());
        assertEquals(0, account.failedSecondFactors(), "a success clears the count");
        assertEquals(1, account.codeCount().lockouts(), "not the escalation: only a quiet day forgets that");
    }

    @Test
    void aLockoutThatStartsDuringALoginEndsItAndRefusesTheRightCodeToo() {
        Enrolled user = enrolled("mid-login");
        ChallengeTicket first = challenges.open(user.afterPassword(), user.attempt());
        for (int attempt = 1; attempt <= 4; attempt++) {
            refusal(() -> verifications.totp(Proving.login(first.id()), wrongCode(user), Enrolled.CLIENT));
        }
        ChallengeTicket second = challenges.open(user.afterPassword(), user.attempt());
        for (int attempt = 1; attempt <= 5; attempt++) {
            refusal(() -> verifications.totp(Proving.login(second.id()), wrongCode(user), Enrolled.CLIENT));
        }
        ChallengeTicket third = challenges.open(user.afterPassword(), user.attempt());
        assertEquals(Reason.LOCKED_OUT, refusal(() -> verifications.totp(Proving.login(third.id()), wrongCode(user), Enrolled.CLIENT)),
                "the tenth failure locks");
        assertEquals(Reason.LOCKED_OUT, refusal(() -> verifications.totp(Proving.login(first.id()), currentCode(user), Enrolled.CLIENT)),
                "the first login's challenge is locked with the account");
    }

    private static Reason refusal(Runnable step) {
        return assertThrows(VerificationException.class, step::run).reason();
    }
}
