package org.twostep.oidc;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Logger;
import org.twostep.account.Account;
import org.twostep.account.Accounts;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.refusal.Reason;

/**
 * Back-Channel Logout 1.0: when a TwoStep session ends, each client that was given tokens in it and
 * registered a back-channel logout URI is sent a signed logout token naming the session ({@code sid}),
 * by a POST from the server (§2.5), in the background so that signing out never waits for an
 * application. Each notice is audited ({@code OIDC_LOGOUT_NOTICE}), refused when the client did not
 * answer 200 or 204 within five seconds; a notice is sent once, not retried.
 *
 * <pre>{@code
 * backChannel.sessionEnded(who.sessionId());
 * }</pre>
 */
@Stateless
public class BackChannelLogout {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // §2.5: the notice goes to the registered address only
            .build();

    @EJB
    OidcSessions sessions;

    @EJB
    OidcClients clients;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    @Inject
    Tokens tokens;

    @Inject
    Logger log;

    /** Tells every client given tokens in session {@code sid} that it ended; nothing happens for a session without any. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // no transaction held open while an application answers
    public void sessionEnded(String sid) {
        for (SessionClient held : sessions.take(sid)) {
            OidcClient client = clients.find(held.clientId());
            Account account = accounts.find(held.accountId());
            if (client != null && client.backChannelLogoutUri() != null && account != null) {
                notify(client, account, tokens.logoutToken(held.issuer(), client.clientId(), account.oidcSubject(), sid));
            }
        }
    }

    private void notify(OidcClient client, Account account, String logoutToken) {
        LoginAttempt attempt = LoginAttempt.resume(null, account.username(), null);
        String problem;
        try {
            HttpRequest post = HttpRequest.newBuilder(URI.create(client.backChannelLogoutUri()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                            + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                    .build();
            int status = HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
            problem = status == 200 || status == 204 ? null : "it answered HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            problem = "it could not be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "the server is stopping";
        }
        if (problem == null) {
            audit.recordAlone(AuditEvent.succeeded(EventType.OIDC_LOGOUT_NOTICE, attempt).forAccount(account.id())
                    .detail("client=" + client.clientId()));
            return;
        }
        String why = problem;
        log.warning(() -> "Back-channel logout notice to the OpenID Connect client " + client.clientId() + " not delivered: " + why);
        audit.refusal(AuditEvent.refused(EventType.OIDC_LOGOUT_NOTICE, Reason.OIDC_LOGOUT_NOT_DELIVERED, attempt)
                .forAccount(account.id()).detail("client=" + client.clientId() + "; " + why));
    }
}
