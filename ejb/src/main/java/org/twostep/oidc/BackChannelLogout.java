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
import java.util.List;
import java.util.logging.Logger;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.refusal.Reason;

/**
 * Back-Channel Logout 1.0 §2.5: sends logout tokens (made by {@link Authorizations#sessionEnded}) to
 * the clients' back-channel logout URIs by a POST from the server, in the background so that signing
 * out never waits for an application, and with no transaction held open meanwhile. Each notice is
 * audited ({@code OIDC_LOGOUT_NOTICE}), refused when the client did not answer 200 or 204 within five
 * seconds; a notice is sent once, not retried.
 *
 * <pre>{@code
 * backChannel.tell(notices);
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
    AuditLog audit;

    @Inject
    Logger log;

    /** A logout token for one client, signed already, and whose session it was (for the audit trail). */
    public record Notice(String clientId, String uri, long accountId, String username, String logoutToken) {
    }

    /** Sends each notice in turn, in the background; each is audited, delivered or not. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // no transaction held open while an application answers
    public void tell(List<Notice> notices) {
        notices.forEach(this::deliver);
    }

    private void deliver(Notice notice) {
        LoginAttempt attempt = LoginAttempt.resume(null, notice.username(), null);
        String problem;
        try {
            HttpRequest post = HttpRequest.newBuilder(URI.create(notice.uri()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                            + URLEncoder.encode(notice.logoutToken(), StandardCharsets.UTF_8)))
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
            audit.recordAlone(AuditEvent.succeeded(EventType.OIDC_LOGOUT_NOTICE, attempt).forAccount(notice.accountId())
                    .detail("client=" + notice.clientId()));
            return;
        }
        String why = problem;
        log.warning(() -> "Back-channel logout notice to the OpenID Connect client " + notice.clientId() + " not delivered: " + why);
        audit.refusal(AuditEvent.refused(EventType.OIDC_LOGOUT_NOTICE, Reason.OIDC_LOGOUT_NOT_DELIVERED, attempt)
                .forAccount(notice.accountId()).detail("client=" + notice.clientId() + "; " + why));
    }
}
