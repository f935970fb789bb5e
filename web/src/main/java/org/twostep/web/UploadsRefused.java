package org.twostep.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * TwoStep takes no uploads: a multipart body is refused with 415 before anything reads a parameter.
 * Otherwise the first {@code getParameter} parses it, and a malformed one (a boundary never closed)
 * ends in a server error with a stack trace in the log, for what is a client's mistake.
 */
@WebFilter("/*")
public class UploadsRefused extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("TwoStep takes no uploads.");
            return;
        }
        chain.doFilter(request, response);
    }
}
