package org.twostep.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.wildfly.security.http.oidc.OidcPrincipal;

/**
 * A page for a second factor proven in the last two minutes (a payment, a setting that matters): when
 * it is older, the application's session ends and the browser comes back with {@code max_age=120}, which
 * WildFly's OIDC client passes on to TwoStep, which asks for the second factor only.
 */
@WebServlet("/recent/")
public class RecentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final long MAX_AGE = 120;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long authTime = ((OidcPrincipal<?>) request.getUserPrincipal()).getOidcSecurityContext().getIDToken()
                .getClaimValue("auth_time", Long.class);
        if (Instant.now().getEpochSecond() - authTime > MAX_AGE) {
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/recent/?max_age=" + MAX_AGE);
            return;
        }
        Pages.write(response, "A recent second factor", "<p>Your second factor was proven at <span id=\"auth-time\">"
                + authTime + "</span> (seconds since 1970), less than two minutes ago.</p><p><a href=\"../\">Home</a></p>");
    }
}
