package org.twostep.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.Base64UrlUtil;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.twostep.refusal.Reason;

/**
 * The WebAuthn ceremonies' checks, by webauthn4j's non-strict manager (attestation "none" is
 * accepted, as passkeys need): W3C WebAuthn Level 3 §7.1 (registration) and §7.2 (authentication).
 * No CBOR, COSE or signature code of our own. Plain and thread-safe.
 *
 * <pre>{@code
 * RegisteredKey key = verifier.register(json, rp, challenge, true);
 * Assertion assertion = verifier.parseAssertion(json);
 * long counter = verifier.authenticate(assertion, rp, challenge, storedKey, true);
 * }</pre>
 */
public final class WebAuthnVerifier {

    /** ES256 first (what security keys and passkeys make), RS256 for Windows Hello. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** §5.8.3 (PublicKeyCredentialDescriptor): credential ids are at most 1023 bytes. */
    static final int MAX_CREDENTIAL_ID_BYTES = 1023;

    /** What the {@code attested_data} column holds. */
    static final int MAX_ATTESTED_DATA_CHARS = 4000;

    /** The transports WebAuthn Level 3 names (§5.8.4). */
    static final Set<String> KNOWN_TRANSPORTS = Set.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal");

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(new ObjectConverter());

    /** The COSE algorithm ids offered at registration, in order of preference. */
    public static List<Long> algorithms() {
        return ALGORITHMS.stream().map(p -> p.getAlg().getValue()).toList();
    }

    /** §7.1: verifies a new credential against the ceremony's challenge; user presence is always required. */
    public RegisteredKey register(String json, RelyingParty rp, byte[] challenge, boolean userVerificationRequired) {
        RegistrationData data = refusingMalformed(() -> manager.parseRegistrationResponseJSON(json));
        mapped(() -> manager.verify(data, new RegistrationParameters(server(rp, challenge), ALGORITHMS,
                userVerificationRequired, true)));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticator.getAttestedCredentialData();
        // The transports are the browser's unsigned hint: only the ones WebAuthn names are kept.
        String transports = data.getTransports() == null ? ""
                : data.getTransports().stream().map(AuthenticatorTransport::getValue).filter(KNOWN_TRANSPORTS::contains)
                .distinct().sorted().collect(Collectors.joining(","));
        String attestedData = Base64UrlUtil.encodeToString(credentialData.convert(attested));
        // §5.8.3: a credential id is at most 1023 bytes; a key too big to store is no key of ours either.
        if (attested.getCredentialId().length > MAX_CREDENTIAL_ID_BYTES || attestedData.length() > MAX_ATTESTED_DATA_CHARS) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_MALFORMED);
        }
        return new RegisteredKey(Base64UrlUtil.encodeToString(attested.getCredentialId()),
                attestedData, authenticator.getSignCount(),
                attested.getAaguid().getValue().toString(), transports, authenticator.isFlagUV(),
                authenticator.isFlagBE(), authenticator.isFlagBS());
    }

    /** Reads an assertion, to find the credential (and user handle) it names before verifying it. */
    public Assertion parseAssertion(String json) {
        AuthenticationData data = refusingMalformed(() -> manager.parseAuthenticationResponseJSON(json));
        if (data.getCredentialId() == null) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_MALFORMED);
        }
        return new Assertion(data);
    }

    /**
     * §7.2: verifies the assertion against the ceremony's challenge and the stored key; returns the
     * new signature counter. A counter that stays 0 is accepted (many passkeys have none); a non-zero
     * counter that does not increase is refused as {@code WEBAUTHN_COUNTER_REGRESSED}.
     */
    public long authenticate(Assertion assertion, RelyingParty rp, byte[] challenge, StoredKey key,
                             boolean userVerificationRequired) {
        CredentialRecord record = new CredentialRecordImpl(null, key.userVerified(), key.backupEligible(), key.backedUp(),
                key.signCount(), credentialData.convert(Base64UrlUtil.decode(key.attestedData())), null, null, null,
                transports(key.transports()));
        mapped(() -> manager.verify(assertion.data(), new AuthenticationParameters(server(rp, challenge), record,
                null, userVerificationRequired, true)));
        return assertion.data().getAuthenticatorData().getSignCount();
    }

    private static ServerProperty server(RelyingParty rp, byte[] challenge) {
        Set<Origin> origins = rp.origins().stream().map(Origin::new).collect(Collectors.toSet());
        return new ServerProperty(origins, rp.id(), new DefaultChallenge(challenge));
    }

    private static Set<AuthenticatorTransport> transports(String csv) {
        return csv == null || csv.isBlank() ? Set.of()
                : Arrays.stream(csv.split(",")).map(AuthenticatorTransport::create).collect(Collectors.toSet());
    }

    /** webauthn4j reports malformed input with Jackson's own exceptions, or a NullPointerException for "{}". */
    private static <T> T refusingMalformed(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_MALFORMED);
        }
    }

    /** The one place webauthn4j's failures become reason codes. */
    private static void mapped(Runnable verification) {
        try {
            verification.run();
        } catch (BadChallengeException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_BAD_CHALLENGE);
        } catch (BadOriginException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_BAD_ORIGIN);
        } catch (BadRpIdException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_BAD_RP_ID);
        } catch (BadSignatureException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_BAD_SIGNATURE);
        } catch (MaliciousCounterValueException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_COUNTER_REGRESSED);
        } catch (UserNotPresentException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_USER_NOT_PRESENT);
        } catch (UserNotVerifiedException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_USER_NOT_VERIFIED);
        } catch (VerificationException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_REFUSED);
        } catch (com.webauthn4j.converter.exception.DataConversionException e) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_MALFORMED);
        }
    }

    /** A new credential as it is stored: ids and key data base64url, flags from the authenticator data. */
    public record RegisteredKey(String credentialId, String attestedData, long signCount, String aaguid, String transports,
                                boolean userVerified, boolean backupEligible, boolean backedUp) {
    }

    /** A stored credential, as authentication needs it. */
    public record StoredKey(String attestedData, long signCount, String transports, boolean userVerified,
                            boolean backupEligible, boolean backedUp) {
    }

    /** A parsed assertion: which credential signed it, for whom, and whether the user was verified. */
    public record Assertion(AuthenticationData data) {

        public String credentialId() {
            return Base64UrlUtil.encodeToString(data.getCredentialId());
        }

        /** The user handle a discoverable credential (passkey) returns; null for a plain security key. */
        public String userHandle() {
            return data.getUserHandle() == null ? null : Base64UrlUtil.encodeToString(data.getUserHandle());
        }

    }
}
