package org.twostep.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The public page: anyone may see it. */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String signedIn = request.getUserPrincipal() == null ? "Nobody is signed in."
                : "Signed in as <span id=\"username\">" + Pages.escape(request.getUserPrincipal().getName()) + "</span>.";
        Pages.write(response, "Hello", "<p id=\"status\">" + signedIn + "</p><ul>"
                + "<li><a href=\"secured/\">A page for users</a></li>"
                + "<li><a href=\"admin/\">A page for administrators</a></li>"
                + "<li><a href=\"recent/\">A page for a second factor proven in the last two minutes</a></li>"
                + "<li><a href=\"logout\">Sign out of this application</a></li></ul>");
    }
}
