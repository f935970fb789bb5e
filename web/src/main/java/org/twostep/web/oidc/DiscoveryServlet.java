package org.twostep.web.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.twostep.oidc.SigningKeys;

/**
 * OpenID Connect Discovery 1.0 §4: the provider's metadata at {@code /.well-known/openid-configuration}
 * under the issuer. It lists what TwoStep supports today, nothing more.
 */
@WebServlet("/.well-known/openid-configuration")
public class DiscoveryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Issuers issuers;

    @Inject
    transient SigningKeys signingKeys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var metadata = Json.createObjectBuilder()
                .add("issuer", issuers.of(request))
                .add("authorization_endpoint", issuers.endpoint(request, "authorize"))
                .add("token_endpoint", issuers.endpoint(request, "token"))
                .add("userinfo_endpoint", issuers.endpoint(request, "userinfo"))
                .add("jwks_uri", issuers.endpoint(request, "jwks"))
                .add("end_session_endpoint", issuers.endpoint(request, "logout"))
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("response_modes_supported", Json.createArrayBuilder().add("query"))
                .add("grant_types_supported", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", signingKeys.offers(JWSAlgorithm.ES256)
                        ? Json.createArrayBuilder().add("RS256").add("ES256") : Json.createArrayBuilder().add("RS256"))
                .add("scopes_supported", Json.createArrayBuilder().add("openid").add("profile").add("email"))
                .add("token_endpoint_auth_methods_supported",
                        Json.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("none"))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .add("claims_supported", Json.createArrayBuilder().add("sub").add("iss").add("aud").add("exp").add("iat")
                        .add("auth_time").add("nonce").add("acr").add("amr").add("azp").add("sid").add("preferred_username")
                        .add("name").add("email").add("groups"))
                .add("acr_values_supported", Json.createArrayBuilder().add("phr").add("mfa"))
                .add("prompt_values_supported", Json.createArrayBuilder().add("none").add("login").add("consent"))
                .add("authorization_response_iss_parameter_supported", true)
                .add("backchannel_logout_supported", true)
                .add("backchannel_logout_session_supported", true)
                .build();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(metadata.toString());
    }
}
