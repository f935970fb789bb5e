package org.twostep.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;

/**
 * Replaces the production {@code Clock} producer in the services' micro deployment: an alternative
 * enabled by its priority, for every bean archive of the deployment, so every service reads the
 * test's {@link MovableClock}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TestClocks {

    private final MovableClock clock = new MovableClock();

    @Produces
    @Alternative
    Clock clock() {
        return clock;
    }

    @Produces
    @Typed(MovableClock.class)
    MovableClock movable() {
        return clock;
    }
}
