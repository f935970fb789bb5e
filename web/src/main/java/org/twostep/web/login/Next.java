package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;

/** Where a signed-in caller goes next, when a script (not a form) completed the login and navigates itself. */
public final class Next {

    static final String KEY = "org.twostep.web.login.Next";

    private Next() {
    }

    static void set(HttpServletRequest request, String path) {
        request.setAttribute(KEY, path);
    }

    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(KEY);
    }
}
