package org.twostep.examples.jakarta;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signs out of the application and of TwoStep (OpenID Connect RP-Initiated Logout 1.0): this session
 * ends, and the browser goes to TwoStep's {@code end_session_endpoint} with the ID token as the hint and
 * this application's home as the address to come back to; TwoStep ends its session and sends it back.
 *
 * <p>Built here from {@link OpenIdContext} rather than with {@code @LogoutDefinition(notifyProvider = true)}:
 * on WildFly 39 that sent the browser to {@code .../ResteasyUriBuilderImpl@...}, a broken address.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient OpenIdContext openId;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String home = request.getRequestURL().toString().replaceFirst("/logout$", "/");
        if (request.getUserPrincipal() == null || openId.getIdentityToken() == null) {
            response.sendRedirect(home);
            return;
        }
        String endSession = openId.getProviderMetadata().getString("end_session_endpoint");
        String idToken = openId.getIdentityToken().getToken();
        request.getSession().invalidate();
        response.sendRedirect(endSession + "?id_token_hint=" + URLEncoder.encode(idToken, StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(home, StandardCharsets.UTF_8));
    }
}
