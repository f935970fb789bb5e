package org.twostep.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.wildfly.security.http.oidc.IDToken;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/** For the {@code user} role: who is signed in, their roles, and how TwoStep says they proved it. */
@WebServlet({"/secured/", "/admin/"})
public class SecuredServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        StringBuilder body = new StringBuilder("<dl>")
                .append(item("username", caller.getName()))
                .append(item("is-user", request.isUserInRole("user")))
                .append(item("is-admin", request.isUserInRole("admin")));
        OidcSecurityContext context = caller instanceof OidcPrincipal<?> oidc ? oidc.getOidcSecurityContext()
                : (OidcSecurityContext) request.getAttribute(OidcSecurityContext.class.getName());
        if (context != null) {
            IDToken token = context.getIDToken();
            body.append(item("acr", token.getClaimValueAsString("acr")))
                    .append(item("amr", String.join(" ", token.getStringListClaimValue("amr"))))
                    .append(item("auth-time", token.getClaimValueAsString("auth_time")));
        }
        body.append("</dl><p><a href=\"../\">Home</a></p>");
        Pages.write(response, request.getServletPath().startsWith("/admin") ? "For administrators" : "For users", body.toString());
    }

    private static String item(String id, Object value) {
        return "<dt>" + id + "</dt><dd id=\"" + id + "\">" + Pages.escape(value) + "</dd>";
    }
}
