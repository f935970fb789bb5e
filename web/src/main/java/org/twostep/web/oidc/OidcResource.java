package org.twostep.web.oidc;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twostep.account.SignedIn;
import org.twostep.oidc.AuthorizationRequest;
import org.twostep.oidc.Authorizations;
import org.twostep.oidc.OidcException;
import org.twostep.oidc.SigningKeys;
import org.twostep.refusal.Refusal;
import org.twostep.refusal.VerificationException;
import org.twostep.web.Markup;
import org.twostep.web.login.Logins;
import org.twostep.web.login.RequestClient;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;

/**
 * The OpenID Connect endpoints under {@code /twostep/api/oidc/}: {@code authorize} (Core §3.1.2),
 * {@code token} (§3.1.3), {@code userinfo} (§5.3) and {@code jwks}. The checks are the
 * {@link Authorizations} service's; this class translates HTTP to them and their
 * {@link OidcException}s back, in one place each: an error page at TwoStep for an unknown client or
 * redirect URI, a redirect with {@code error} and {@code state} for the rest, JSON for the token and
 * userinfo endpoints.
 */
@Path("oidc")
public class OidcResource {

    private static final List<String> AUTHORIZE_PARAMETERS = List.of("client_id", "redirect_uri", "response_type", "scope",
            "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "acr_values");

    /** Which of this session's authorization requests a proof (the login, or a step-up) was started for, and when. */
    static final String PROOF_STARTED = "org.twostep.web.oidc.ProofStarted";

    /** The proof started for an authorization request (its query string), and when. */
    record ProofFor(String request, Instant started) implements java.io.Serializable {
    }

    @EJB
    Authorizations authorizations;

    @Inject
    Logins logins;

    @Inject
    StepUp stepUp;

    @Inject
    Clock clock;


    @Inject
    SigningKeys signingKeys;

    @Inject
    Issuers issuers;

    @Inject
    RequestClient client;

    @Context
    HttpServletRequest request;

    /** Core §3.1.2.1: the request may come as a form; it is answered as the same request by GET (one way through). */
    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeByPost(MultivaluedMap<String, String> form) {
        return seeOther(request.getContextPath() + "/api/oidc/authorize?" + query(form));
    }

    @GET
    @Path("authorize")
    public Response authorize(@Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String clientId = query.getFirst("client_id");
        String redirectUri = query.getFirst("redirect_uri");
        try {
            // RFC 6749 §3.1: a parameter sent twice is an error; for these two it is one TwoStep shows.
            if (repeated(query, "client_id") || repeated(query, "redirect_uri")) {
                throw authorizations.refusedAtTheDoor(OidcException.invalidRequest("client_id and redirect_uri are sent once"),
                        clientId, client.info());
            }
            authorizations.checkClient(clientId, redirectUri, client.info());
        } catch (OidcException e) {
            return errorPage(e);
        }
        String state = query.getFirst("state");
        try {
            if (AUTHORIZE_PARAMETERS.stream().anyMatch(name -> repeated(query, name))) {
                throw authorizations.refusedAtTheDoor(OidcException.invalidRequest("a parameter is sent twice"), clientId,
                        client.info());
            }
            AuthorizationRequest authorization = authorizations.check(new Authorizations.Parameters(clientId, redirectUri,
                    query.getFirst("response_type"), query.getFirst("scope"), state, query.getFirst("nonce"),
                    query.getFirst("code_challenge"), query.getFirst("code_challenge_method"), query.getFirst("prompt"),
                    query.getFirst("max_age"), query.getFirst("acr_values")), client.info());
            SignedIn who = SignedInSession.get(request);
            if (who == null) {
                if (authorization.promptNone()) {
                    throw authorizations.loginRequired(authorization, client.info());
                }
                // The two-step login first, then back to this very request, whose max_age it meets.
                SignedInSession.returnHereAfterLogin(request);
                request.getSession().setAttribute(PROOF_STARTED, new ProofFor(request.getQueryString(), clock.instant()));
                return seeOther(request.getContextPath() + "/login.xhtml");
            }
            Response notYet = stepUpOrRefusal(authorization, who);
            if (notYet != null) {
                return notYet;
            }
            String code = authorizations.issue(authorization, who, issuers.of(request), client.info());
            return back(redirectUri, Map.of("code", code), state);
        } catch (VerificationException e) {
            // The account is locked: no step-up can be opened.
            return back(redirectUri, Map.of("error", "access_denied", "error_description", "the account is locked"), state);
        } catch (OidcException e) {
            return back(redirectUri, Map.of("error", e.error(), "error_description", e.description()), state);
        }
    }

    /**
     * Core §3.1.2.1 {@code max_age} and {@code acr_values}: a second factor too old, or not a key when
     * one was asked for, goes through the step-up (the second factor only, not the password; only a
     * key when one was asked for) and comes back to this request; the second time round a step-up
     * proven since counts as fresh. A caller the client is not for, or who has no key when one is
     * needed, is told so on a page at TwoStep, whose link takes the error back to the application.
     * Null when the code may be issued.
     */
    private Response stepUpOrRefusal(AuthorizationRequest authorization, SignedIn who) {
        HttpSession session = request.getSession();
        // A login or step-up counts only for the request that started it (the service decides for how long).
        Instant started = session.getAttribute(PROOF_STARTED) instanceof ProofFor marker
                && marker.request().equals(request.getQueryString()) ? marker.started() : null;
        session.removeAttribute(PROOF_STARTED);
        return switch (authorizations.assurance(authorization, who, started)) {
            case ENOUGH -> null;
            case NO_ACCESS -> refusedHere(authorization, authorizations.noAccess(authorization, who, client.info()), false);
            case UNMET -> refusedHere(authorization, authorizations.unmet(authorization, who, client.info()), true);
            case STEP_UP -> {
                if (authorization.promptNone()) {
                    throw authorizations.interactionRequired(authorization, client.info()); // no page for prompt=none
                }
                stepUp.openForThisRequest(authorization.phishingResistant());
                session.setAttribute(PROOF_STARTED, new ProofFor(request.getQueryString(), clock.instant()));
                yield seeOther(request.getContextPath() + "/challenge.xhtml");
            }
        };
    }

    /**
     * A refusal the person should understand before going back: a page at TwoStep saying why, whose
     * link returns the error to the application; with {@code prompt=none}, the error at once.
     */
    private Response refusedHere(AuthorizationRequest authorization, OidcException e, boolean offerAKey) {
        String back = backTo(authorization.redirectUri(), Map.of("error", e.error(), "error_description", e.description()),
                authorization.state());
        if (authorization.promptNone()) {
            return seeOther(back);
        }
        String links = (offerAKey ? "<p><a id=\"addKey\" href=\"" + request.getContextPath()
                + "/account/security.xhtml\">Add a security key or passkey</a></p>" : "")
                + "<p><a id=\"backToApplication\" href=\"" + Markup.escape(back) + "\">Back to the application</a></p>";
        return page(403, e, links);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        try {
            ClientCredentials credentials = clientCredentials(form, authorization);
            var tokens = authorizations.redeem(new Authorizations.TokenRequest(form.getFirst("grant_type"), form.getFirst("code"),
                    form.getFirst("redirect_uri"), credentials.clientId(), credentials.secret(), form.getFirst("code_verifier"),
                    form.getFirst("refresh_token")), client.info());
            return Response.ok(Json.createObjectBuilder()
                            .add("access_token", tokens.accessToken())
                            .add("token_type", "Bearer")
                            .add("expires_in", tokens.expiresIn())
                            .add("id_token", tokens.idToken())
                            .add("refresh_token", tokens.refreshToken())
                            .add("scope", tokens.scope())
                            .build().toString())
                    .header("Pragma", "no-cache")
                    .build();
        } catch (OidcException e) {
            return clientError(e, authorization);
        }
    }

    /** How a client authenticated at an endpoint of its own: its id and secret, from Basic or the form. */
    private record ClientCredentials(String clientId, String secret) {
    }

    /**
     * RFC 6749 §2.3.1 and §3.2: the client's id and secret, from an HTTP Basic header or the form (not
     * both); a parameter sent twice is an error. Refusals are audited.
     */
    private ClientCredentials clientCredentials(MultivaluedMap<String, String> form, String authorization) {
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        if (form.values().stream().anyMatch(values -> values.size() > 1)) {
            throw authorizations.refusedAtTheDoor(OidcException.invalidRequest("a parameter is sent twice"), clientId,
                    client.info());
        }
        if (!isBasic(authorization)) {
            return new ClientCredentials(clientId, secret);
        }
        String[] basic;
        try {
            basic = basicCredentials(authorization);
        } catch (OidcException e) {
            throw authorizations.refusedAtTheDoor(e, clientId, client.info());
        }
        if (secret != null || clientId != null && !clientId.equals(basic[0])) {
            throw authorizations.refusedAtTheDoor(OidcException.invalidRequest("use one client authentication method"),
                    clientId, client.info());
        }
        return new ClientCredentials(basic[0], basic[1]);
    }

    /** RFC 6749 §5.2: invalid_client is a 401, with a challenge when the client tried Basic; the rest 400. */
    private static Response clientError(OidcException e, String authorization) {
        boolean unauthorized = "invalid_client".equals(e.error());
        Response.ResponseBuilder answer = Response.status(unauthorized ? 401 : 400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(errorJson(e).build().toString());
        if (unauthorized && isBasic(authorization)) {
            answer.header("WWW-Authenticate", "Basic realm=\"twostep\"");
        }
        return answer.build();
    }

    private static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @GET
    @POST
    @Path("userinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Response userinfo(@HeaderParam("Authorization") String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer realm=\"twostep\"").build();
        }
        try {
            JsonObjectBuilder claims = Json.createObjectBuilder();
            authorizations.userinfo(issuers.of(request), authorization.substring(7).strip()).forEach((name, value) -> {
                if (value instanceof List<?> list) {
                    claims.add(name, Json.createArrayBuilder(list));
                } else {
                    claims.add(name, String.valueOf(value));
                }
            });
            return Response.ok(claims.build().toString()).build();
        } catch (OidcException e) {
            authorizations.refusedAtTheDoor(e, null, client.info());
            // RFC 6750 §3.1
            return Response.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
    }

    /**
     * RP-Initiated Logout 1.0: with a valid {@code id_token_hint}, the TwoStep session ends and the
     * browser goes to the registered {@code post_logout_redirect_uri} (with {@code state}), or to the
     * login page. Without one, nothing ends here: the person is shown TwoStep's own page, whose
     * "Sign out" button decides (a link on another site cannot sign anyone out).
     */
    /**
     * RP-Initiated Logout 1.0 §2: a browser's form is answered as the same request by GET. A POST from
     * an application's server with its refresh token and its client authentication (what WildFly's
     * OIDC client sends when the application calls {@code request.logout()}) ends that application's
     * grant, answered 204.
     */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logoutByPost(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        if (form.getFirst("refresh_token") == null || form.getFirst("id_token_hint") != null) {
            return seeOther(request.getContextPath() + "/api/oidc/logout?" + query(form));
        }
        try {
            ClientCredentials credentials = clientCredentials(form, authorization);
            authorizations.endGrant(credentials.clientId(), credentials.secret(), form.getFirst("refresh_token"), client.info());
            return Response.noContent().build();
        } catch (OidcException e) {
            return clientError(e, authorization);
        }
    }

    @GET
    @Path("logout")
    public Response logout(@QueryParam("id_token_hint") String idTokenHint, @QueryParam("client_id") String clientId,
                           @QueryParam("post_logout_redirect_uri") String postLogoutRedirectUri,
                           @QueryParam("state") String state) {
        Authorizations.Logout logout;
        try {
            logout = authorizations.logout(idTokenHint, clientId, postLogoutRedirectUri, issuers.of(request),
                    SignedInSession.get(request), client.info());
        } catch (OidcException e) {
            return errorPage(e);
        }
        if (!logout.confirmed()) {
            return seeOther(request.getContextPath() + "/home.xhtml");
        }
        logins.signOut();
        if (logout.redirectUri() == null) {
            return seeOther(request.getContextPath() + "/login.xhtml?signedOut=true");
        }
        return seeOther(withQuery(logout.redirectUri(), state == null ? Map.of() : Map.of("state", state)));
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return signingKeys.publicJwks();
    }

    /** RFC 6749 §4.1.2, §4.1.2.1 and RFC 9207: back to the client's registered redirect URI, with state and iss. */
    private Response back(String redirectUri, Map<String, String> parameters, String state) {
        return seeOther(backTo(redirectUri, parameters, state));
    }

    private String backTo(String redirectUri, Map<String, String> parameters, String state) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuers.of(request));
        return withQuery(redirectUri, all);
    }

    /** A registered address with parameters added to its query, each form-encoded as it is (never a URI template). */
    private static String withQuery(String registered, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return registered;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        parameters.forEach((name, value) -> query.put(name, List.of(value)));
        return registered + (registered.contains("?") ? "&" : "?") + query(query);
    }

    /** 303 to an address as written: a path of this server is not resolved against the REST base. */
    private static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", location).build();
    }

    /** What a person sees when TwoStep cannot send them back: a short page, the audit trail has the reason. */
    private static Response errorPage(OidcException e) {
        return page(400, e, "");
    }

    /** A short page at TwoStep: the refusal's message, then {@code links} (HTML made here, client text escaped). */
    private static Response page(int status, OidcException e, String links) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in refused · TwoStep</title>"
                + "<link rel=\"stylesheet\" href=\"../../jakarta.faces.resource/twostep.css.xhtml?ln=twostep\"></head>"
                + "<body><main class=\"card\"><h1>Sign-in refused</h1><p id=\"refusal\">" + Refusal.of(e.reason()).message()
                + "</p>" + links + "</main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }


    /** Parameters as a query string, in their order, each form-encoded, a repeated one repeated (and then refused as such). */
    private static String query(Map<String, List<String>> form) {
        StringBuilder query = new StringBuilder();
        form.forEach((name, values) -> values.forEach(value -> query.append(query.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }

    private static String formDecoded(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder errorJson(OidcException e) {
        return Json.createObjectBuilder().add("error", e.error()).add("error_description", e.description());
    }

    private static boolean repeated(MultivaluedMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        return values != null && values.size() > 1;
    }

    /**
     * RFC 6749 §2.3.1: the id and secret are form-encoded, then joined by a colon, then base64. WildFly's
     * OIDC client sends them unencoded, so a {@code +} is kept as it is (only {@code %XX} escapes are read).
     */
    private static String[] basicCredentials(String authorization) {
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OidcException.invalidClient("malformed Basic credentials");
            }
            return new String[] {formDecoded(decoded.substring(0, colon)), formDecoded(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            throw OidcException.invalidClient("malformed Basic credentials");
        }
    }
}
