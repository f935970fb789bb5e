package org.twostep.web.webauthn;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.twostep.account.SignedIn;
import org.twostep.audit.Reason;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.VerificationException;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnKeys;
import org.twostep.web.login.Clients;
import org.twostep.web.login.Next;
import org.twostep.web.login.PendingLogin;
import org.twostep.web.login.Refusal;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;
import org.twostep.web.login.WebAuthnAssertionCredential;

/**
 * The JSON side of the WebAuthn ceremonies, for {@code webauthn.js}: options out, the browser's
 * {@code PublicKeyCredential} in. Each pair shares a ceremony whose id the session holds.
 *
 * <ul>
 * <li>{@code registration/options}, {@code registration}: a signed-in caller adds a key or passkey;</li>
 * <li>{@code authentication/options}, {@code authentication}: the second step of a pending login;</li>
 * <li>{@code passkey/options}, {@code passkey}: a passkey signs in on its own.</li>
 * </ul>
 *
 * Requests must come from an allowed {@code Origin} (403 otherwise); bodies over 64 KiB, empty or not
 * JSON get a 400 with a short message. Refusals carry their reason code into the audit trail.
 */
@Path("webauthn")
@Produces(MediaType.APPLICATION_JSON)
public class WebAuthnResource {

    static final int MAX_BODY = 64 * 1024;
    static final String CEREMONY_KEY = "org.twostep.web.webauthn.Ceremony";

    @EJB
    WebAuthnKeys keys;

    @EJB
    Challenges challenges;

    @Inject
    RelyingParties relyingParties;

    @Inject
    SecurityContext securityContext;

    @Inject
    StepUp stepUp;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    @Path("registration/options")
    public Response registrationOptions(@QueryParam("passkey") boolean passkey) {
        SignedIn who = SignedInSession.get(request);
        if (who == null) {
            return refusal(Response.Status.UNAUTHORIZED, "Sign in first.");
        }
        if (stepUp.isNeeded()) {
            return refusal(Response.Status.FORBIDDEN, "Confirm it is you first: reload the page.");
        }
        RelyingParty rp = relyingParties.of(request);
        Response wrongOrigin = checkOrigin(rp);
        if (wrongOrigin != null) {
            return wrongOrigin;
        }
        var options = keys.registrationOptions(who, passkey);
        request.getSession().setAttribute(CEREMONY_KEY, options.ceremonyId());
        return Response.ok(OptionsJson.creation(options, rp)).build();
    }

    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@QueryParam("nickname") String nickname, InputStream stream) {
        String body = readBounded(stream);
        SignedIn who = SignedInSession.get(request);
        if (who == null) {
            return refusal(Response.Status.UNAUTHORIZED, "Sign in first.");
        }
        if (stepUp.isNeeded()) {
            return refusal(Response.Status.FORBIDDEN, "Confirm it is you first: reload the page.");
        }
        RelyingParty rp = relyingParties.of(request);
        Response bad = checkRequest(rp, body);
        if (bad != null) {
            return bad;
        }
        try {
            var key = keys.register(who, takeCeremony(), body, nickname, rp, Clients.of(request));
            return Response.ok(Json.createObjectBuilder()
                    .add("nickname", key.nickname())
                    .add("redirect", request.getContextPath() + "/account/security.xhtml")
                    .build()).build();
        } catch (VerificationException e) {
            return refusal(e.reason());
        }
    }

    @POST
    @Path("authentication/options")
    public Response authenticationOptions() {
        PendingLogin pending = PendingLogin.get(request);
        if (pending == null || pending.isEnrollment()) {
            return refusal(Response.Status.UNAUTHORIZED, Refusal.message(Reason.NO_PENDING_CHALLENGE));
        }
        RelyingParty rp = relyingParties.of(request);
        Response wrongOrigin = checkOrigin(rp);
        if (wrongOrigin != null) {
            return wrongOrigin;
        }
        try {
            var options = challenges.webAuthnOptions(pending.challengeId(), Clients.of(request));
            request.getSession().setAttribute(CEREMONY_KEY, options.ceremonyId());
            return Response.ok(OptionsJson.request(options, rp)).build();
        } catch (VerificationException e) {
            return refusal(e.reason());
        }
    }

    @POST
    @Path("authentication")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response authenticate(InputStream stream) {
        String body = readBounded(stream);
        if (PendingLogin.get(request) == null) {
            return refusal(Response.Status.UNAUTHORIZED, Refusal.message(Reason.NO_PENDING_CHALLENGE));
        }
        return stepUp.isInProgress() ? stepUp(body) : signIn(body, false);
    }

    /** A signed-in caller proves a key again before a sensitive change, then returns where they were. */
    private Response stepUp(String body) {
        RelyingParty rp = relyingParties.of(request);
        Response bad = checkRequest(rp, body);
        if (bad != null) {
            return bad;
        }
        try {
            String next = stepUp.prove(new WebAuthnAssertionCredential(takeCeremony(), body, rp, false));
            return Response.ok(Json.createObjectBuilder().add("redirect", next).build()).build();
        } catch (VerificationException e) {
            return refusal(e.reason());
        }
    }

    @POST
    @Path("passkey/options")
    public Response passkeyOptions() {
        RelyingParty rp = relyingParties.of(request);
        Response wrongOrigin = checkOrigin(rp);
        if (wrongOrigin != null) {
            return wrongOrigin;
        }
        var options = keys.passkeyOptions();
        request.getSession().setAttribute(CEREMONY_KEY, options.ceremonyId());
        return Response.ok(OptionsJson.request(options, rp)).build();
    }

    @POST
    @Path("passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response passkey(InputStream stream) {
        String body = readBounded(stream);
        return signIn(body, true);
    }

    /** Hands the assertion to the authentication mechanism, which signs the caller in or refuses. */
    private Response signIn(String body, boolean passkey) {
        RelyingParty rp = relyingParties.of(request);
        Response bad = checkRequest(rp, body);
        if (bad != null) {
            return bad;
        }
        AuthenticationStatus status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new WebAuthnAssertionCredential(takeCeremony(), body, rp, passkey)).newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS && Next.of(request) != null) {
            return Response.ok(Json.createObjectBuilder().add("redirect", Next.of(request)).build()).build();
        }
        Reason reason = Refusal.reasonOf(request);
        return reason == null ? refusal(Response.Status.FORBIDDEN, Refusal.message(request)) : refusal(reason);
    }

    /** The session's ceremony id, forgotten as it is read: a ceremony is answered once. */
    private String takeCeremony() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        String ceremonyId = (String) session.getAttribute(CEREMONY_KEY);
        session.removeAttribute(CEREMONY_KEY);
        return ceremonyId;
    }

    /** A cross-site page must not drive these endpoints: the browser's Origin header must be one of the RP's. */
    private Response checkOrigin(RelyingParty rp) {
        String origin = request.getHeader("Origin");
        return origin != null && rp.origins().contains(origin) ? null
                : refusal(Response.Status.FORBIDDEN, "Requests must come from this site's own pages.");
    }

    /**
     * The Origin check, then the size: oversized bodies stop here; empty or malformed ones go on to be
     * refused, and audited, as WEBAUTHN_MALFORMED.
     */
    private Response checkRequest(RelyingParty rp, String body) {
        Response wrongOrigin = checkOrigin(rp);
        if (wrongOrigin != null) {
            return wrongOrigin;
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY) {
            return refusal(Response.Status.BAD_REQUEST, "The request is too large.");
        }
        return null;
    }

    /**
     * The body as text, read no further than one byte past {@link #MAX_BODY}: a huge body is refused
     * without being held in memory. Null when there is none.
     */
    private static String readBounded(InputStream stream) {
        if (stream == null) {
            return null;
        }
        try {
            byte[] bytes = stream.readNBytes(MAX_BODY + 1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // a broken upload reads as no body: refused as malformed
        }
    }

    private static Response refusal(Reason reason) {
        Response.Status status = reason == Reason.WEBAUTHN_MALFORMED ? Response.Status.BAD_REQUEST : Response.Status.FORBIDDEN;
        return refusal(status, Refusal.message(reason));
    }

    private static Response refusal(Response.Status status, String message) {
        JsonObject body = Json.createObjectBuilder().add("message", message).build();
        return Response.status(status).entity(body).build();
    }
}
