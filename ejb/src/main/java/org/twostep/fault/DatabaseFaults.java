package org.twostep.fault;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.twostep.oidc.OidcException;
import org.twostep.refusal.VerificationException;

/**
 * The one place a database failure is handled: every enterprise bean of TwoStep runs through it
 * (a default interceptor, {@code META-INF/ejb-jar.xml}). A lock timeout, a constraint violation or
 * a lost connection becomes a {@link ServiceBusyException}: the transaction rolls back, the user is
 * told to try again (HTTP 503), and the log gets one line with the exception's type and SQL state.
 * Never its message: the database's text prints the rows it was working on, a password hash among
 * them. A timer's run (the sweeper) is skipped the same way, until the next. The persistence context is flushed before the method returns, so a failure of its writes
 * is met here too and not at the commit, where the container would log it with its stack trace.
 *
 * <pre>{@code
 * WARNING Database fault in Proofs.totp: PessimisticLockException, SQL state HYT00 (error 50200); answered busy
 * }</pre>
 */
public class DatabaseFaults {

    @Inject
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Logger log;

    @AroundInvoke
    public Object guard(InvocationContext invocation) throws Exception {
        try {
            Object result;
            try {
                result = invocation.proceed();
            } catch (VerificationException | OidcException e) {
                if (!(e instanceof ServiceBusyException)) {
                    flushIfActive(); // a refusal commits what it counted
                }
                throw e;
            }
            flushIfActive();
            return result;
        } catch (PersistenceException e) {
            throw busy(invocation, e);
        }
    }

    /**
     * A timer's run (the sweeper) that meets a database fault is skipped with the same one line:
     * the next run tries again, and nobody waits for an answer.
     */
    @AroundTimeout
    public Object guardTimer(InvocationContext invocation) throws Exception {
        try {
            return guard(invocation);
        } catch (ServiceBusyException e) {
            return null; // logged by guard; the transaction is rolled back
        } catch (EJBException e) {
            // A bean the run calls failed or is stopping (the application undeployed meanwhile): one line, and the
            // next run tries again. Its type only: what a failed bean's exception says is not the log's to repeat.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String cause = root.getClass().getSimpleName();
            log.warning(() -> "Timer run of " + invocation.getMethod().getDeclaringClass().getSimpleName()
                    + " stopped short: " + cause + "; the next run tries again");
            return null;
        }
    }

    private void flushIfActive() {
        if (transactions.getTransactionKey() != null && !transactions.getRollbackOnly() && em.isJoinedToTransaction()) {
            em.flush();
        }
    }

    private ServiceBusyException busy(InvocationContext invocation, PersistenceException e) {
        if (transactions.getTransactionKey() != null) {
            transactions.setRollbackOnly();
        }
        log.warning(() -> "Database fault in " + invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                + invocation.getMethod().getName() + ": " + describe(e) + "; answered busy");
        return new ServiceBusyException();
    }

    /** The exception's type and, when the driver gave one, the SQL state and vendor code; no message. */
    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return text + ", SQL state " + sql.getSQLState() + " (error " + sql.getErrorCode() + ")";
            }
        }
        return text;
    }
}
