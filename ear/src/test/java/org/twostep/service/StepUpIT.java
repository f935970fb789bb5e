package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;
import org.twostep.config.Settings;
import org.twostep.factors.FactorKind;
import org.twostep.factors.SecondFactors;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.webauthn.WebAuthnKeys;

/** Step-up is the services' rule, not only the pages': a factor change with an old second factor is refused. */
class StepUpIT extends ServiceIT {

    @EJB
    Challenges challenges;

    @EJB
    Verifications verifications;

    @EJB
    SecondFactors factors;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @EJB
    WebAuthnKeys keys;

    @Inject
    Settings settings;

    @Test
    void sensitiveChangesNeedASecondFactorProvenWithinTheWindow() {
        Enrolled user = enrolled("stepup");
        SignedIn who = verifications.totp(Proving.login(challenges.open(user.afterPassword(), user.attempt()).id()), currentCode(user),
                Enrolled.CLIENT);
        assertEquals(clock.instant(), who.secondFactorAt());
        assertEquals(10, recoveryCodes.regenerate(who, Enrolled.CLIENT).size(), "fresh: allowed");

        clock.move(settings.stepUpWindow());
        assertEquals(Reason.STEP_UP_REQUIRED, refusal(() -> recoveryCodes.regenerate(who, Enrolled.CLIENT)));
        assertEquals(Reason.STEP_UP_REQUIRED, refusal(() -> factors.beginTotp(who, Enrolled.CLIENT)));
        assertEquals(Reason.STEP_UP_REQUIRED, refusal(() -> keys.registrationOptions(who, true, Enrolled.CLIENT)));
        assertEquals(Reason.STEP_UP_REQUIRED, refusal(() -> factors.remove(who, FactorKind.TOTP, user.appId(), Enrolled.CLIENT)));
        // Each refusal is audited, with the reason, as what was asked for.
        assertEquals(List.of(EventType.RECOVERY_CODES_REGENERATED, EventType.FACTOR_REFUSED, EventType.FACTOR_REFUSED,
                EventType.FACTOR_REMOVED), audit(user.accountId()).stream()
                .filter(e -> e.reason() == Reason.STEP_UP_REQUIRED).map(AuditEvent::type).toList());

        clock.move(Duration.ofSeconds(30)); // the code of the sign-in is spent
        ChallengeTicket stepUp = challenges.openStepUp(who, false, Enrolled.CLIENT);
        SignedIn proven = verifications.totp(Proving.stepUp(stepUp.id(), who.accountId()), currentCode(user), Enrolled.CLIENT);
        assertEquals(1, count(user.accountId(), EventType.STEP_UP_OK));
        assertEquals(10, recoveryCodes.regenerate(who.provenAt(proven.secondFactorAt(), proven.secondFactor()), Enrolled.CLIENT).size(),
                "after the step-up: allowed");
    }

    @Test
    void aStepUpForAKeyTakesNoAppCodeAndNoRecoveryCode() {
        Enrolled user = enrolled("keyonly");
        SignedIn who = verifications.totp(Proving.login(challenges.open(user.afterPassword(), user.attempt()).id()), currentCode(user),
                Enrolled.CLIENT);
        String recoveryCode = recoveryCodes.regenerate(who, Enrolled.CLIENT).get(0);
        clock.move(Duration.ofSeconds(30)); // the code of the sign-in is spent
        ChallengeTicket stepUp = challenges.openStepUp(who, true, Enrolled.CLIENT);
        assertEquals(false, stepUp.options().totp(), "the page offers no app");
        assertEquals(false, stepUp.options().recoveryCode(), "nor a recovery code");
        assertEquals(Reason.NO_PENDING_CHALLENGE, refusal(() -> verifications.totp(Proving.stepUp(stepUp.id(), who.accountId()), currentCode(user), Enrolled.CLIENT)));
        assertEquals(Reason.NO_PENDING_CHALLENGE, refusal(() -> verifications.recoveryCode(Proving.stepUp(stepUp.id(), who.accountId()), recoveryCode,
                Enrolled.CLIENT)));
        assertEquals(0, count(user.accountId(), EventType.STEP_UP_OK));
    }

    @Test
    void aProofCountsOnlyForWhatItWasAskedForAndOnlyForItsOwnAccount() {
        Enrolled user = enrolled("bound");
        Enrolled other = enrolled("other");
        SignedIn who = verifications.totp(Proving.login(challenges.open(user.afterPassword(), user.attempt()).id()),
                currentCode(user), Enrolled.CLIENT);
        clock.move(Duration.ofSeconds(30)); // the code of the sign-in is spent
        ChallengeTicket stepUp = challenges.openStepUp(who, false, Enrolled.CLIENT);
        ChallengeTicket login = challenges.open(user.afterPassword(), user.attempt());

        assertEquals(Reason.NO_PENDING_CHALLENGE, refusal(() -> verifications.totp(Proving.login(stepUp.id()), currentCode(user),
                Enrolled.CLIENT)), "a step-up's challenge finishes no login");
        assertEquals(Reason.NO_PENDING_CHALLENGE, refusal(() -> verifications.totp(Proving.stepUp(login.id(), who.accountId()),
                currentCode(user), Enrolled.CLIENT)), "a login's challenge is no step-up");
        assertEquals(Reason.NO_PENDING_CHALLENGE, refusal(() -> verifications.totp(Proving.stepUp(stepUp.id(), other.accountId()),
                currentCode(user), Enrolled.CLIENT)), "a step-up counts for its own account only");
        assertEquals(0, count(user.accountId(), EventType.STEP_UP_OK));
        assertEquals(user.username(), verifications.totp(Proving.stepUp(stepUp.id(), who.accountId()), currentCode(user),
                Enrolled.CLIENT).username(), "the step-up itself, asked for as one, by its account");
    }

    private static Reason refusal(Runnable step) {
        return assertThrows(VerificationException.class, step::run).reason();
    }
}
