package org.twostep.web.webauthn;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnOptions;

/**
 * Writes ceremony options as the JSON form of WebAuthn Level 3's {@code PublicKeyCredentialCreationOptions}
 * and {@code PublicKeyCredentialRequestOptions} (§5.4, §5.5), binary values base64url, as
 * {@code PublicKey.parseCreationOptionsFromJSON} reads them.
 */
final class OptionsJson {

    private OptionsJson() {
    }

    static JsonObject creation(WebAuthnOptions.Creation options, RelyingParty rp) {
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        options.algorithms().forEach(alg -> algorithms.add(Json.createObjectBuilder().add("type", "public-key").add("alg", alg)));
        return Json.createObjectBuilder()
                .add("rp", Json.createObjectBuilder().add("id", rp.id()).add("name", rp.name()))
                .add("user", Json.createObjectBuilder()
                        .add("id", options.userHandle())
                        .add("name", options.userName())
                        .add("displayName", options.displayName()))
                .add("challenge", options.challenge())
                .add("pubKeyCredParams", algorithms)
                .add("timeout", options.timeoutMillis())
                .add("excludeCredentials", descriptors(options.exclude()))
                .add("authenticatorSelection", Json.createObjectBuilder()
                        .add("residentKey", options.passkey() ? "required" : "discouraged")
                        .add("requireResidentKey", options.passkey())
                        .add("userVerification", options.passkey() ? "required" : "discouraged"))
                .add("attestation", "none")
                .build();
    }

    static JsonObject request(WebAuthnOptions.Request options, RelyingParty rp) {
        return Json.createObjectBuilder()
                .add("challenge", options.challenge())
                .add("rpId", rp.id())
                .add("timeout", options.timeoutMillis())
                .add("allowCredentials", descriptors(options.allow()))
                .add("userVerification", options.userVerificationRequired() ? "required" : "discouraged")
                .build();
    }

    private static JsonArrayBuilder descriptors(List<WebAuthnOptions.KeyRef> keys) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (WebAuthnOptions.KeyRef key : keys) {
            JsonObjectBuilder descriptor = Json.createObjectBuilder().add("type", "public-key").add("id", key.id());
            if (!key.transports().isEmpty()) {
                descriptor.add("transports", Json.createArrayBuilder(key.transports()));
            }
            array.add(descriptor);
        }
        return array;
    }
}
