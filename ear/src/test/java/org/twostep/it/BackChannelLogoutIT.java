package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Back-Channel Logout 1.0, received as an application would: an HTTP endpoint on 127.0.0.1:18590
 * (it-bcl's registered back-channel logout URI) that checks each logout token with Nimbus's
 * {@link LogoutTokenValidator} against TwoStep's JWKS, as a client library does. Signing out at
 * TwoStep tells each application given tokens in the session, once; an application that does not
 * answer is audited, and nothing else is affected.
 */
class BackChannelLogoutIT extends OidcIT {

    private static final String BCL = "it-bcl";
    private static final String BCL_SECRET = "it-bcl-secret-0123456789abcdefghijklmno";
    private static final String BCL_CB = "http://127.0.0.1:1/bcl/cb";
    private static final String DOWN = "it-bcl-down";
    private static final String DOWN_SECRET = "it-bcl-down-secret-0123456789abcdefghi";
    private static final String DOWN_CB = "http://127.0.0.1:1/down/cb";

    @Test
    void signingOutTellsEachApplicationGivenTokensInTheSessionWithAValidLogoutToken() throws Exception {
        LogoutTokenValidator validator = new LogoutTokenValidator(new Issuer(issuer()), new ClientID(BCL), JWSAlgorithm.RS256,
                JWKSet.parse(browser().get("api/oidc/jwks").body()));
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        HttpServer application = HttpServer.create(new InetSocketAddress("127.0.0.1", 18590), 0);
        application.createContext("/backchannel-logout", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            try {
                String token = URLDecoder.decode(body.substring(body.indexOf("logout_token=") + "logout_token=".length()),
                        StandardCharsets.UTF_8);
                received.add(validator.validate(JWTParser.parse(token)));
                status = 200;
            } catch (Exception e) {
                received.add(e);
                status = 400;
            }
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        application.start();
        try {
            EnrolledUser user = enrolledUser("bcl");
            Browser browser = signedIn(user);
            var tokens = json(redeem(BCL, BCL_SECRET, code(browser, BCL, BCL_CB, null), BCL_CB, null, true).body());
            JWTClaimsSet id = verified(tokens.get("id_token").asString(), BCL);
            assertNotNull(id.getStringClaim("sid"), "the ID token names the session");
            redeem(DOWN, DOWN_SECRET, code(browser, DOWN, DOWN_CB, null), DOWN_CB, null, true);
            redeem(APP, APP_SECRET, code(browser, APP, APP_CB, null), APP_CB, null, true); // registered no back-channel URI
            Instant signedOut = Instant.now();

            signOut(browser, browser.open("home.xhtml"));

            Object notice = received.poll(15, TimeUnit.SECONDS);
            if (notice instanceof Exception e) {
                throw new AssertionError("the logout token did not validate", e);
            }
            LogoutTokenClaimsSet logout = (LogoutTokenClaimsSet) notice;
            assertNotNull(logout, "a logout notice arrived");
            assertEquals(id.getStringClaim("sid"), logout.getSessionID().getValue());
            assertEquals(id.getSubject(), logout.getSubject().getValue());
            assertTrue(!logout.getIssueTime().toInstant().isBefore(signedOut.minusSeconds(2)));

            assertEquals("client=" + BCL, awaitAudit(user, "SUCCESS").detail());
            Database.AuditRow undelivered = awaitAudit(user, "FAILURE");
            assertEquals("OIDC_LOGOUT_NOT_DELIVERED", undelivered.reason());
            assertTrue(undelivered.detail().startsWith("client=" + DOWN + "; "), undelivered.detail());
            assertEquals(0, db.query("select count(*) from oidc_grant where sid = ? and state = 'ACTIVE'", id.getStringClaim("sid"))
                    .get(0).getLong(0), "every grant of the session is revoked");
            assertOAuthError(refresh(BCL, BCL_SECRET, tokens.get("refresh_token").asString()), 400, "invalid_grant");
            assertEquals("OIDC_REFRESH_TOKEN_INVALID", lastRefusal(), "signed out: no more tokens");
            assertEquals(null, received.poll(1, TimeUnit.SECONDS), "one notice for it-bcl, none for it-app");
        } finally {
            application.stop(0);
        }
    }

    /** The user's logout notice audited with this outcome, waited for: notices are sent in the background. */
    private Database.AuditRow awaitAudit(EnrolledUser user, String outcome) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            var rows = db.auditOfType(user.username(), "OIDC_LOGOUT_NOTICE").stream()
                    .filter(row -> row.outcome().equals(outcome)).toList();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no OIDC_LOGOUT_NOTICE " + outcome + " audited for " + user.username());
    }
}
