package org.twostep.examples.hello;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The example's pages: plain HTML, every value escaped. */
final class Pages {

    private Pages() {
    }

    static void write(HttpServletResponse response, String title, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · hello-oidc</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>");
    }

    static String escape(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
