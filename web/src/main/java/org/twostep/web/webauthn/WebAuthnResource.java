package org.twostep.web.webauthn;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.twostep.account.SignedIn;
import org.twostep.challenge.NoPendingChallengeException;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnAssertions;
import org.twostep.webauthn.WebAuthnKeys;
import org.twostep.web.login.LoginOutcome;
import org.twostep.web.login.NotSignedInException;
import org.twostep.web.login.Logins;
import org.twostep.web.login.PasskeyCredential;
import org.twostep.web.login.PendingLogin;
import org.twostep.web.login.RequestClient;
import org.twostep.web.login.SecurityKeyCredential;
import org.twostep.web.login.SignedInSession;

/**
 * The JSON side of the WebAuthn ceremonies, for {@code webauthn.js}: options out, the browser's
 * {@code PublicKeyCredential} in. Each pair shares a ceremony whose id the session holds.
 *
 * <ul>
 * <li>{@code registration/options}, {@code registration}: a signed-in caller adds a key or passkey;</li>
 * <li>{@code authentication/options}, {@code authentication}: the second step of a pending login or step-up;</li>
 * <li>{@code passkey/options}, {@code passkey}: a passkey signs in on its own.</li>
 * </ul>
 *
 * Requests must come from an allowed {@code Origin} ({@link SameOrigin}); bodies over 64 KiB get a
 * 400 ({@link BoundedBodyReader}); refusals become their status and message in {@link RefusalMapper}.
 * Assertions go to the authentication mechanism, like every other credential.
 */
@Path("webauthn")
@Produces(MediaType.APPLICATION_JSON)
@SameOrigin
public class WebAuthnResource {

    @EJB
    WebAuthnKeys keys;

    @EJB
    WebAuthnAssertions assertions;

    @EJB
    Verifications verifications;

    @Inject
    RelyingParties relyingParties;

    @Inject
    Logins logins;

    @Inject
    RequestClient client;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    @Path("registration/options")
    public JsonObject registrationOptions(@QueryParam("passkey") boolean passkey) {
        var options = keys.registrationOptions(signedIn(), passkey, client.info());
        CeremonySession.start(request, options.ceremonyId());
        return OptionsJson.creation(options, relyingParties.of(request));
    }

    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject register(@QueryParam("nickname") String nickname, BoundedBody body) {
        var key = keys.register(signedIn(), CeremonySession.take(request), BoundedBody.textOf(body), nickname,
                relyingParties.of(request), client.info());
        return Json.createObjectBuilder()
                .add("nickname", key.nickname())
                .add("redirect", request.getContextPath() + "/account/security.xhtml?added=key") // the page confirms it
                .build();
    }

    @POST
    @Path("authentication/options")
    public JsonObject authenticationOptions() {
        var options = verifications.webAuthnOptions(pendingProof(), client.info());
        CeremonySession.start(request, options.ceremonyId());
        return OptionsJson.request(options, relyingParties.of(request));
    }

    @POST
    @Path("authentication")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response authenticate(@QueryParam("trust") boolean trustBrowser, BoundedBody body) {
        pendingProof();
        return signIn(new SecurityKeyCredential(CeremonySession.take(request), BoundedBody.textOf(body), relyingParties.of(request),
                trustBrowser));
    }

    @POST
    @Path("passkey/options")
    public JsonObject passkeyOptions() {
        var options = assertions.passkeyOptions(client.info());
        CeremonySession.start(request, options.ceremonyId());
        return OptionsJson.request(options, relyingParties.of(request));
    }

    @POST
    @Path("passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response passkey(BoundedBody body) {
        RelyingParty rp = relyingParties.of(request);
        return signIn(new PasskeyCredential(CeremonySession.take(request), BoundedBody.textOf(body), rp));
    }

    /** Hands the assertion to the authentication mechanism, which signs the caller in (or proves a step-up) or refuses. */
    private Response signIn(Credential assertion) {
        LoginOutcome outcome = logins.submit(assertion, response);
        if (outcome.isRefused()) {
            return JsonAnswers.refusal(outcome.refusal());
        }
        return JsonAnswers.redirect(outcome.next());
    }

    private SignedIn signedIn() {
        SignedIn who = SignedInSession.get(request);
        if (who == null) {
            throw new NotSignedInException();
        }
        return who;
    }

    /** The session's pending login or step-up; a session with none, or only an app's enrollment, is refused. */
    private Proving pendingProof() {
        PendingLogin pending = PendingLogin.get(request);
        if (pending == null || pending.isEnrollment()) {
            throw new NoPendingChallengeException();
        }
        return PendingLogin.proving(request);
    }
}
