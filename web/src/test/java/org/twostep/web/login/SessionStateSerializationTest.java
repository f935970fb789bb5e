package org.twostep.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twostep.account.SignedIn;
import org.twostep.audit.Method;
import org.twostep.challenge.PendingChallenge;
import org.twostep.factors.SecondFactorOptions;

/** What the mechanism keeps in the HTTP session must survive serialization: a distributed session replicates it. */
class SessionStateSerializationTest {

    @Test
    void pendingLoginSurvivesSerialization() throws Exception {
        PendingLogin pending = new PendingLogin("3f1c8a9e-0000-4000-8000-000000000001", PendingChallenge.Purpose.SECOND_FACTOR,
                new SecondFactorOptions(true, true, false, Method.WEBAUTHN));
        assertEquals(pending, roundTrip(pending));
    }

    @Test
    void signedInCallerSurvivesSerialization() throws Exception {
        SignedIn who = new SignedIn(42, "alice", Set.of("user", "admin"), Instant.parse("2026-12-01T08:00:00Z"), Method.TOTP, "sid-1");
        assertEquals(who, roundTrip(who));
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
