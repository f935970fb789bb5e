package org.twostep.webauthn;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A browser and its authenticator in software, for the WebAuthn tests of every tier: webauthn4j-test's
 * emulated authenticator (no attestation, a signature counter, user verification) behind an emulated
 * browser that writes the origin it runs on into the client data, as a real one does. It reads the
 * server's options in their JSON form (WebAuthn Level 3 §5.4, §5.5) and writes the browser's answers
 * in theirs (§5.1), binary values base64url.
 *
 * <pre>{@code
 * EmulatedBrowser.Registered made = EmulatedBrowser.Key.fresh()
 *         .register("http://localhost:8080", EmulatedBrowser.creationOptions(creationOptionsJson));
 * post(made.json());
 * String assertion = made.key().sign("http://localhost:8080", EmulatedBrowser.requestOptions(requestOptionsJson));
 * }</pre>
 */
public final class EmulatedBrowser {

    private EmulatedBrowser() {
    }

    /** An emulated authenticator, and the id of the credential it made (null until it made one). */
    public record Key(WebAuthnAuthenticatorAdaptor authenticator, byte[] credentialId) {

        public static Key fresh() {
            return new Key(new WebAuthnAuthenticatorAdaptor(new NoneAttestationAuthenticator()), null);
        }

        /** Makes a credential for these options on {@code origin}; the key that holds it, and its registration JSON. */
        public Registered register(String origin, PublicKeyCredentialCreationOptions options) {
            var credential = new ClientPlatform(new Origin(origin), authenticator).create(options);
            return new Registered(new Key(authenticator, credential.getRawId()), registrationJson(credential));
        }

        /** The assertion JSON the browser on {@code origin} posts after its authenticator signed the options. */
        public String sign(String origin, PublicKeyCredentialRequestOptions options) {
            return assertionJson(new ClientPlatform(new Origin(origin), authenticator).get(options));
        }
    }

    /** A key after registering, and what the browser posted for it. */
    public record Registered(Key key, String json) {
    }

    /** The creation options as the server sent them. */
    public static PublicKeyCredentialCreationOptions creationOptions(JsonNode json) {
        JsonNode rp = json.get("rp");
        JsonNode user = json.get("user");
        JsonNode selection = json.get("authenticatorSelection");
        return new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(rp.get("id").asString(), rp.get("name").asString()),
                new PublicKeyCredentialUserEntity(bytes(user.get("id")), user.get("name").asString(),
                        user.get("displayName").asString()),
                new DefaultChallenge(bytes(json.get("challenge"))),
                json.get("pubKeyCredParams").valueStream()
                        .map(p -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                                COSEAlgorithmIdentifier.create(p.get("alg").asLong())))
                        .toList(),
                json.get("timeout").asLong(),
                descriptors(json.get("excludeCredentials")),
                new AuthenticatorSelectionCriteria(null, selection.get("requireResidentKey").asBoolean(),
                        ResidentKeyRequirement.create(selection.get("residentKey").asString()),
                        UserVerificationRequirement.create(selection.get("userVerification").asString())),
                AttestationConveyancePreference.create(json.get("attestation").asString()),
                null);
    }

    /** Creation options for a relying party, without a server: what the unit tests register with. */
    public static PublicKeyCredentialCreationOptions creationOptions(String rpId, byte[] challenge, byte[] userHandle,
                                                                     boolean passkey) {
        return new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity(rpId, "TwoStep"),
                new PublicKeyCredentialUserEntity(userHandle, "alice", "Alice"), new DefaultChallenge(challenge),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                120_000L, List.of(),
                new AuthenticatorSelectionCriteria(null, passkey,
                        passkey ? ResidentKeyRequirement.REQUIRED : ResidentKeyRequirement.DISCOURAGED,
                        passkey ? UserVerificationRequirement.REQUIRED : UserVerificationRequirement.DISCOURAGED),
                AttestationConveyancePreference.NONE, null);
    }

    /** The request options as the server sent them. */
    public static PublicKeyCredentialRequestOptions requestOptions(JsonNode json) {
        return requestOptions(json, UserVerificationRequirement.create(json.get("userVerification").asString()));
    }

    /** The request options, with the user verification the client asks its authenticator for. */
    public static PublicKeyCredentialRequestOptions requestOptions(JsonNode json, UserVerificationRequirement verification) {
        return requestOptions(bytes(json.get("challenge")), json.get("rpId").asString(), descriptors(json.get("allowCredentials")),
                verification);
    }

    /** The request options, with the allowed credentials replaced by this key alone. */
    public static PublicKeyCredentialRequestOptions allowingOnly(Key key, JsonNode json) {
        return requestOptions(bytes(json.get("challenge")), json.get("rpId").asString(), List.of(descriptor(key)),
                UserVerificationRequirement.create(json.get("userVerification").asString()));
    }

    /** Request options for a relying party, without a server. */
    public static PublicKeyCredentialRequestOptions requestOptions(byte[] challenge, String rpId,
                                                                   List<PublicKeyCredentialDescriptor> allow,
                                                                   UserVerificationRequirement verification) {
        return new PublicKeyCredentialRequestOptions(new DefaultChallenge(challenge), 120_000L, rpId, allow, verification, null);
    }

    public static PublicKeyCredentialDescriptor descriptor(Key key) {
        return new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, key.credentialId(), null);
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode list) {
        return list.valueStream()
                .map(d -> new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, bytes(d.get("id")), null))
                .toList();
    }

    public static String registrationJson(
            PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential) {
        AuthenticatorAttestationResponse response = credential.getResponse();
        ObjectNode json = credentialJson(credential.getRawId());
        ObjectNode body = json.putObject("response");
        body.put("clientDataJSON", base64url(response.getClientDataJSON()));
        body.put("attestationObject", base64url(response.getAttestationObject()));
        var transports = body.putArray("transports");
        if (response.getTransports() != null) {
            response.getTransports().stream().map(AuthenticatorTransport::getValue).forEach(transports::add);
        }
        return json.toString();
    }

    public static String assertionJson(
            PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential) {
        AuthenticatorAssertionResponse response = credential.getResponse();
        ObjectNode json = credentialJson(credential.getRawId());
        ObjectNode body = json.putObject("response");
        body.put("clientDataJSON", base64url(response.getClientDataJSON()));
        body.put("authenticatorData", base64url(response.getAuthenticatorData()));
        body.put("signature", base64url(response.getSignature()));
        if (response.getUserHandle() == null) {
            body.putNull("userHandle");
        } else {
            body.put("userHandle", base64url(response.getUserHandle()));
        }
        return json.toString();
    }

    private static ObjectNode credentialJson(byte[] rawId) {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("id", base64url(rawId));
        json.put("rawId", base64url(rawId));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "cross-platform");
        json.putObject("clientExtensionResults");
        return json;
    }

    public static byte[] bytes(JsonNode base64url) {
        return Base64.getUrlDecoder().decode(base64url.asString());
    }

    public static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
