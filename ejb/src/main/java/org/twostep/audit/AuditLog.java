package org.twostep.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes the audit trail. Successes join the caller's transaction, so they exist only if the step
 * did; refusals get a transaction of their own, so the refusal's rollback cannot erase them.
 *
 * <pre>{@code
 * @EJB AuditLog audit;
 * audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, Reason.UNKNOWN_USER, attempt));
 * }</pre>
 */
@Stateless
public class AuditLog {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** Observed in the same transaction: the security notices of {@code org.twostep.notice} are queued with their event. */
    @Inject
    Event<AuditEvent> recorded;

    /** Records a step that succeeded, as part of the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(AuditEvent event) {
        event.stamp(clock.instant());
        em.persist(event);
        trace(event);
        recorded.fire(event);
    }

    /** Records a refusal in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refusal(AuditEvent event) {
        event.stamp(clock.instant());
        em.persist(event);
        trace(event);
        recorded.fire(event);
    }

    /**
     * At DEBUG ({@code org.twostep.audit.AuditLog}), each event as one line, so that a login can be
     * followed in the log while it happens: what the audit row holds, which is never a secret, less
     * the name typed when it matched no account.
     */
    private void trace(AuditEvent event) {
        log.fine(() -> "Audit " + event.type() + " " + event.outcome() + (event.reason() == null ? "" : " " + event.reason())
                + (event.method() == null ? "" : " by " + event.method()) + " account=" + event.accountId()
                // A name typed that matched no account may be a password typed in the wrong field: not repeated here.
                + (event.accountId() == null ? "" : " username=" + event.username()) + " login=" + event.correlationId()
                + (event.detail() == null ? "" : " (" + event.detail() + ")"));
    }

    /** Records what happened outside any transaction (a notice sent in the background), in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(AuditEvent event) {
        refusal(event);
    }

    /** Deletes the events that occurred before {@code before} (the sweeper's work, after the retention period). */
    public int purgeOlderThan(Instant before) {
        return em.createQuery("delete from AuditEvent e where e.occurredAt < :before").setParameter("before", before)
                .executeUpdate();
    }
}
