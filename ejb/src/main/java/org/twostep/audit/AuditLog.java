package org.twostep.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;

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

    /** Records a step that succeeded, as part of the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(AuditEvent event) {
        event.stamp(clock.instant());
        em.persist(event);
    }

    /** Records a refusal in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refusal(AuditEvent event) {
        event.stamp(clock.instant());
        em.persist(event);
    }
}
