package org.twostep.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * What an application's OpenID Connect client runs at TwoStep: the authorization request, the
 * two-step login it leads to, back to the authorization endpoint, the redirect to the application
 * with a code, and the code redeemed at the token endpoint (the client authenticated with its
 * secret, {@code client_secret_basic}). Client {@code bench}, registered by {@code bench.sh}.
 */
final class TwoStepOidcFlow implements LoginFlow {

    static final String CLIENT = "bench";
    static final String SECRET = "bench-client-secret-of-at-least-32-chars";
    static final String CALLBACK = "http://127.0.0.1:9/callback";

    private final URI base;
    private final HttpClient http;

    TwoStepOidcFlow(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    @Override
    public void login(Browser browser, String username) {
        URI authorize = base.resolve("/twostep/api/oidc/authorize?client_id=" + CLIENT + "&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&state=" + UUID.randomUUID() + "&nonce=" + UUID.randomUUID());
        Browser.Page asked = browser.get("authorize", authorize);
        Browser.Page loginPage = browser.get("login page", browser.redirect(asked));
        Browser.Page password = browser.submit("password", loginPage, loginPage.form("form#login"),
                Map.of("username", username, "password", BenchUsers.PASSWORD));
        Browser.Page challengePage = browser.get("challenge page", browser.redirect(password));
        Browser.Page code = browser.submit("code", challengePage, challengePage.form("form#challenge"),
                Map.of("code", BenchUsers.code(Instant.now())));
        Browser.Page back = browser.get("authorize again", browser.redirect(code));
        URI callback = browser.redirect(back);
        String query = callback.getRawQuery() == null ? "" : callback.getRawQuery();
        String authorizationCode = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                authorizationCode = pair.substring(5);
            }
        }
        if (!callback.toString().startsWith(CALLBACK) || authorizationCode == null) {
            throw new Browser.FlowException("authorize again: no code for the application");
        }
        redeem(browser, authorizationCode);
    }

    private void redeem(Browser browser, String authorizationCode) {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/twostep/api/oidc/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + authorizationCode
                        + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new Browser.FlowException("token: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Browser.FlowException("token: interrupted");
        }
        browser.steps().record("token", System.nanoTime() - start);
        if (response.statusCode() != 200 || !response.body().contains("\"id_token\"")) {
            throw new Browser.FlowException("token: " + response.statusCode());
        }
    }
}
