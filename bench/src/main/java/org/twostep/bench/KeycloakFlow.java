package org.twostep.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Keycloak's login of the same shape in three requests: the authorization endpoint (the login page),
 * the password (answered with the OTP page), the code (redirected to the client with an
 * authorization code). Realm {@code bench}, public client {@code bench}.
 */
final class KeycloakFlow implements LoginFlow {

    static final String CALLBACK = "http://127.0.0.1:9/callback";
    private final URI base;

    KeycloakFlow(URI base) {
        this.base = base;
    }

    @Override
    public void login(Browser browser, String username) {
        URI authorize = base.resolve("/realms/bench/protocol/openid-connect/auth?client_id=bench&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&state=" + UUID.randomUUID());
        Browser.Page loginPage = browser.get("login page", authorize);
        Browser.Page otpPage = browser.submit("password", loginPage, loginPage.form("form#kc-form-login"),
                Map.of("username", username, "password", BenchUsers.PASSWORD));
        Browser.Page code = browser.submit("code", otpPage, otpPage.form("form#kc-otp-login-form"),
                Map.of("otp", BenchUsers.code(Instant.now())));
        if (code.status() != 302 || code.location() == null || !code.location().startsWith(CALLBACK) || !code.location().contains("code=")) {
            throw new Browser.FlowException("code: " + code.status() + " without an authorization code");
        }
    }
}
