package org.twostep.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webauthn4j.data.UserVerificationRequirement;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twostep.refusal.Reason;

/**
 * {@link WebAuthnVerifier}, one test a refusal, with webauthn4j's emulated authenticator behind an
 * emulated browser: W3C WebAuthn Level 3 §7.1 (registration) and §7.2 (authentication).
 */
class WebAuthnVerifierTest {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String OTHER_ORIGIN = "http://evil.example:8080";
    private static final RelyingParty RP = new RelyingParty("localhost", "TwoStep", Set.of(ORIGIN));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebAuthnVerifier verifier = new WebAuthnVerifier();
    private final byte[] challenge = random();

    @Test
    void aKeyRegistersThenSignsInAndItsCounterMoves() {
        Stored stored = registered(false);
        byte[] login = random();
        String assertion = stored.key().sign(ORIGIN, request(login, stored, UserVerificationRequirement.DISCOURAGED));
        WebAuthnVerifier.Assertion parsed = verifier.parseAssertion(assertion);
        assertEquals(EmulatedBrowser.base64url(stored.key().credentialId()), parsed.credentialId());
        long counter = verifier.authenticate(parsed, RP, login, stored.storedKey(), false);
        assertTrue(counter > stored.registered().signCount(), "the counter moved: " + counter);
    }

    @Test
    void aPasskeyRegistersWithUserVerification() {
        Stored passkey = registered(true);
        assertTrue(passkey.registered().userVerified());
    }

    @Test
    void aRegistrationOfAnotherChallengeIsRefused() {
        String json = EmulatedBrowser.Key.fresh().register(ORIGIN, creation(random(), false)).json();
        assertRefused(Reason.WEBAUTHN_BAD_CHALLENGE, () -> verifier.register(json, RP, challenge, false));
    }

    @Test
    void aRegistrationMadeOnAnotherOriginIsRefused() {
        String json = EmulatedBrowser.Key.fresh().register(OTHER_ORIGIN, creation(challenge, false)).json();
        assertRefused(Reason.WEBAUTHN_BAD_ORIGIN, () -> verifier.register(json, RP, challenge, false));
    }

    @Test
    void aRegistrationForAnotherRelyingPartyIdIsRefused() {
        RelyingParty bothOrigins = new RelyingParty("localhost", "TwoStep", Set.of(ORIGIN, OTHER_ORIGIN));
        String json = EmulatedBrowser.Key.fresh().register(OTHER_ORIGIN,
                EmulatedBrowser.creationOptions("evil.example", challenge, random(), false)).json();
        assertRefused(Reason.WEBAUTHN_BAD_RP_ID, () -> verifier.register(json, bothOrigins, challenge, false));
    }

    @Test
    void theBrowsersTransportHintsKeepOnlyWhatWebAuthnNamesSoAnyListFitsTheTable() {
        String json = EmulatedBrowser.Key.fresh().register(ORIGIN, creation(challenge, false)).json();
        String hostile = json.replaceFirst("\"transports\":\\[[^\\]]*\\]",
                "\"transports\":[\"usb\",\"" + "x".repeat(5000) + "\",\"nfc\",\"usb\",\"<script>\"]");
        assertTrue(hostile.contains("x".repeat(5000)), "the hint was planted");
        assertEquals("nfc,usb", verifier.register(hostile, RP, challenge, false).transports());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"id\":", "not json", "[]", "{\"id\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}"})
    void aRegistrationThatIsNoCredentialIsRefusedAsMalformed(String json) {
        assertRefused(Reason.WEBAUTHN_MALFORMED, () -> verifier.register(json, RP, challenge, false));
    }

    @Test
    void anAssertionSignedByAnotherKeyIsRefused() {
        Stored mine = registered(false);
        Stored other = registered(false);
        String assertion = other.key().sign(ORIGIN, request(challenge, other, UserVerificationRequirement.DISCOURAGED));
        assertRefused(Reason.WEBAUTHN_BAD_SIGNATURE,
                () -> verifier.authenticate(verifier.parseAssertion(assertion), RP, challenge, mine.storedKey(), false));
    }

    @Test
    void anAssertionWhoseCounterDidNotIncreaseIsRefused() {
        Stored stored = registered(false);
        String older = stored.key().sign(ORIGIN, request(challenge, stored, UserVerificationRequirement.DISCOURAGED));
        byte[] later = random();
        String newer = stored.key().sign(ORIGIN, request(later, stored, UserVerificationRequirement.DISCOURAGED));
        long counter = verifier.authenticate(verifier.parseAssertion(newer), RP, later, stored.storedKey(), false);
        WebAuthnVerifier.StoredKey moved = stored.storedKey(counter);
        assertRefused(Reason.WEBAUTHN_COUNTER_REGRESSED,
                () -> verifier.authenticate(verifier.parseAssertion(older), RP, challenge, moved, false));
    }

    @Test
    void anAssertionOfAnotherChallengeIsRefused() {
        Stored stored = registered(false);
        String assertion = stored.key().sign(ORIGIN, request(random(), stored, UserVerificationRequirement.DISCOURAGED));
        assertRefused(Reason.WEBAUTHN_BAD_CHALLENGE,
                () -> verifier.authenticate(verifier.parseAssertion(assertion), RP, challenge, stored.storedKey(), false));
    }

    @Test
    void anAssertionMadeOnAnotherOriginIsRefused() {
        Stored stored = registered(false);
        String assertion = stored.key().sign(OTHER_ORIGIN, request(challenge, stored, UserVerificationRequirement.DISCOURAGED));
        assertRefused(Reason.WEBAUTHN_BAD_ORIGIN,
                () -> verifier.authenticate(verifier.parseAssertion(assertion), RP, challenge, stored.storedKey(), false));
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefusedWhenItIsRequired() {
        Stored passkey = registered(true);
        String assertion = passkey.key().sign(ORIGIN, request(challenge, passkey, UserVerificationRequirement.DISCOURAGED));
        assertRefused(Reason.WEBAUTHN_USER_NOT_VERIFIED,
                () -> verifier.authenticate(verifier.parseAssertion(assertion), RP, challenge, passkey.storedKey(), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"id\":", "null", "{\"type\":\"public-key\",\"response\":{}}"})
    void anAssertionThatIsNoCredentialIsRefusedAsMalformed(String json) {
        assertRefused(Reason.WEBAUTHN_MALFORMED, () -> verifier.parseAssertion(json));
    }

    @Test
    void refusalsHoldNoInputInTheirMessage() {
        String secretish = "{\"id\":\"" + "s3cr3t".repeat(10) + "\"}";
        WebAuthnRefusedException e = assertThrows(WebAuthnRefusedException.class, () -> verifier.parseAssertion(secretish));
        assertEquals(e.reason().name(), e.getMessage());
        assertEquals(null, e.getCause());
    }

    // --- a registered key, as the registry stores it ---

    private record Stored(EmulatedBrowser.Key key, WebAuthnVerifier.RegisteredKey registered) {

        WebAuthnVerifier.StoredKey storedKey() {
            return storedKey(registered.signCount());
        }

        WebAuthnVerifier.StoredKey storedKey(long signCount) {
            return new WebAuthnVerifier.StoredKey(registered.attestedData(), signCount, registered.transports(),
                    registered.userVerified(), registered.backupEligible(), registered.backedUp());
        }
    }

    private Stored registered(boolean passkey) {
        byte[] registration = random();
        EmulatedBrowser.Registered made = EmulatedBrowser.Key.fresh().register(ORIGIN, creation(registration, passkey));
        return new Stored(made.key(), verifier.register(made.json(), RP, registration, passkey));
    }

    private static com.webauthn4j.data.PublicKeyCredentialCreationOptions creation(byte[] challenge, boolean passkey) {
        return EmulatedBrowser.creationOptions(RP.id(), challenge, "user-handle".getBytes(StandardCharsets.US_ASCII), passkey);
    }

    private static com.webauthn4j.data.PublicKeyCredentialRequestOptions request(byte[] challenge, Stored stored,
                                                                                UserVerificationRequirement verification) {
        return EmulatedBrowser.requestOptions(challenge, RP.id(), List.of(EmulatedBrowser.descriptor(stored.key())), verification);
    }

    private static void assertRefused(Reason reason, Executable step) {
        assertEquals(reason, assertThrows(WebAuthnRefusedException.class, step).reason());
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
