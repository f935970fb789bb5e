package org.twostep.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * Produces the container resources the services inject: the entity manager, the clock (so tests
 * and timers agree on "now") and loggers.
 *
 * <pre>{@code
 * @Inject EntityManager em;
 * @Inject Clock clock;
 * @Inject Logger log;
 * }</pre>
 */
@ApplicationScoped
public class Resources {

    @Produces
    @PersistenceContext(unitName = "twostep")
    private EntityManager em;

    /**
     * UTC, in whole milliseconds: what the database stores (microseconds at most) is then exactly what
     * the services compared, so an expiry decided in Java and one decided in a query agree to the instant.
     */
    @Produces
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    @Produces
    Logger logger(InjectionPoint injectionPoint) {
        return Logger.getLogger(injectionPoint.getMember().getDeclaringClass().getName());
    }
}
