package org.twostep.recovery;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.policy.StepUpWindow;

/**
 * An account's set of recovery codes: a new set replaces the old one, each code works once.
 *
 * <pre>{@code
 * List<String> shown = sets.regenerate(who, client); // show once, never again
 * sets.use(accountId, "7KQM X3RT ...");              // or a VerificationException
 * }</pre>
 */
@Stateless
public class RecoveryCodeSets {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @Inject
    StepUpWindow stepUp;

    /**
     * Replaces the account's codes with a fresh set and returns it, the only time it is readable. A
     * sensitive change: it needs a second factor proven within the step-up window.
     */
    public List<String> regenerate(SignedIn who, ClientInfo client) {
        stepUp.require(who, EventType.RECOVERY_CODES_REGENERATED, Method.RECOVERY_CODE, client);
        List<String> codes = replace(who.accountId());
        audit.record(AuditEvent.succeeded(EventType.RECOVERY_CODES_REGENERATED, LoginAttempt.resume(null, who.username(), client))
                .forAccount(who.accountId()).by(Method.RECOVERY_CODE));
        return codes;
    }

    private List<String> replace(long accountId) {
        em.createQuery("delete from RecoveryCode c where c.accountId = :account")
                .setParameter("account", accountId)
                .executeUpdate();
        Instant now = clock.instant();
        List<String> codes = RecoveryCodes.generate(RecoveryCodes.SET_SIZE);
        for (String code : codes) {
            em.persist(new RecoveryCode(accountId, RecoveryCodes.digest(RecoveryCodes.normalize(code)), now));
        }
        return codes;
    }

    /** How many unused codes the account has; -1 when it never had a set. */
    public int remaining(long accountId) {
        Object[] counts = em.createQuery("select count(c), sum(case when c.usedAt is null then 1 else 0 end)"
                        + " from RecoveryCode c where c.accountId = :account", Object[].class)
                .setParameter("account", accountId)
                .getSingleResult();
        return ((Number) counts[0]).longValue() == 0 ? -1 : ((Number) counts[1]).intValue();
    }

    /**
     * Spends one code. The digest is compared in constant time with each of the account's codes;
     * the spending is a conditional update whose row count decides, so of two concurrent requests
     * with one code exactly one succeeds.
     *
     * @throws org.twostep.refusal.VerificationException malformed, unknown or already used
     */
    public void use(long accountId, String typed) {
        String digest = RecoveryCodes.digest(RecoveryCodes.normalize(typed));
        List<RecoveryCode> codes = em.createQuery("select c from RecoveryCode c where c.accountId = :account", RecoveryCode.class)
                .setParameter("account", accountId)
                .getResultList();
        RecoveryCode match = null;
        for (RecoveryCode code : codes) {
            if (RecoveryCodes.same(code.digest(), digest)) {
                match = code;
            }
        }
        if (match == null) {
            throw new RecoveryCodeMismatchException();
        }
        int spent = em.createQuery("update RecoveryCode c set c.usedAt = :now where c.id = :id and c.usedAt is null")
                .setParameter("now", clock.instant())
                .setParameter("id", match.id())
                .executeUpdate();
        if (spent == 0) {
            throw new RecoveryCodeReplayedException();
        }
    }
}
