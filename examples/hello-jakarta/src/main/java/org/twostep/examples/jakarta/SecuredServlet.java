package org.twostep.examples.jakarta;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** For the {@code user} role: who is signed in, their roles, and how TwoStep says they proved it. */
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
@WebServlet("/secured/")
public class SecuredServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient OpenIdContext openId;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var claims = openId.getIdentityToken().getJwtClaims();
        String body = "<dl>"
                + item("username", request.getUserPrincipal().getName())
                + item("is-user", request.isUserInRole("user"))
                + item("is-admin", request.isUserInRole("admin"))
                + item("acr", claims.getStringClaim("acr").orElse(""))
                + item("amr", String.join(" ", claims.getArrayStringClaim("amr")))
                + item("auth-time", claims.getNumericDateClaim("auth_time").map(t -> t.getEpochSecond()).orElse(0L))
                + "</dl>";
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>For users · hello-jakarta"
                + "</title></head><body><h1>For users</h1>" + body + "</body></html>");
    }

    private static String item(String id, Object value) {
        return "<dt>" + id + "</dt><dd id=\"" + id + "\">" + escape(value) + "</dd>";
    }

    private static String escape(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
