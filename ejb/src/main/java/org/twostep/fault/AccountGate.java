package org.twostep.fault;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets the steps of one account (or of one WebAuthn ceremony) through one at a time, in the order
 * they came, before any of them opens a transaction: a crowd of submissions for one account waits
 * here, holding no database connection and no row lock, instead of in the database, where each
 * waiter would hold a connection until the lock timeout. The database's row locks still order the
 * steps across nodes; this only keeps the queue in front of them short. A step that waits longer
 * than {@link #MAX_WAIT_MILLIS} is answered busy.
 *
 * <p>Memory is bounded: keys share {@value #STRIPES} fair locks by their hash, so two accounts may
 * now and then wait for each other's short step, and no number of keys grows anything.
 *
 * <pre>{@code
 * SignedIn who = gate.inTurn(accountId, () -> proofs.totp(challengeId, code, client)); // or ServiceBusyException
 * }</pre>
 */
@ApplicationScoped
public class AccountGate {

    static final int STRIPES = 256;
    static final long MAX_WAIT_MILLIS = 10_000;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public AccountGate() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs the step when no other step of this key runs on this node; {@link ServiceBusyException} after waiting too long. */
    public <T> T inTurn(Object key, Supplier<T> step) {
        ReentrantLock turn = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        try {
            if (!turn.tryLock(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new ServiceBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException();
        }
        try {
            return step.get();
        } finally {
            turn.unlock();
        }
    }
}
