package org.twostep.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.FormElement;

/**
 * One person's browser for one login: a fresh cookie jar, the shared keep-alive connections of the
 * {@link HttpClient}, redirects followed by hand so each request is timed as its own step, forms
 * read from the served HTML and posted with every field the browser would send.
 */
final class Browser {

    private final HttpClient http;
    private final String forwardedFor;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Steps steps;

    Browser(HttpClient http, String forwardedFor, Steps steps) {
        this.http = http;
        this.forwardedFor = forwardedFor;
        this.steps = steps;
    }

    /** The response of one request, its page parsed on demand. */
    record Page(int status, URI uri, String location, String body) {
        Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        FormElement form(String cssQuery) {
            FormElement form = (FormElement) document().selectFirst(cssQuery);
            if (form == null) {
                throw new FlowException("no form " + cssQuery + " (status " + status + ")");
            }
            return form;
        }
    }

    Steps steps() {
        return steps;
    }

    Page get(String step, URI uri) {
        return send(step, HttpRequest.newBuilder(uri).GET());
    }

    /** Posts the form as a browser would: its fields, the given values over them, and the button pressed. */
    Page submit(String step, Page page, FormElement form, Map<String, String> values) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.formData().forEach(kv -> fields.put(kv.key(), kv.value()));
        fields.putAll(values);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI action = page.uri().resolve(form.attr("action"));
        return send(step, HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", action.getScheme() + "://" + action.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows a redirect the page answered with; it must be one. */
    URI redirect(Page page) {
        if (page.status() / 100 != 3 || page.location() == null) {
            throw new FlowException("expected a redirect, got " + page.status());
        }
        return page.uri().resolve(page.location());
    }

    private Page send(String step, HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30)).header("User-Agent", "TwoStep-bench/1").header("Accept", "text/html");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        HttpRequest built = request.build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlowException(step + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowException(step + ": interrupted");
        }
        steps.record(step, System.nanoTime() - start);
        remember(response.headers().allValues("Set-Cookie"));
        if (response.statusCode() >= 400) {
            throw new FlowException(step + ": " + response.statusCode());
        }
        return new Page(response.statusCode(), built.uri(), response.headers().firstValue("Location").orElse(null), response.body());
    }

    private void remember(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
    }

    /** A login that did not end signed in; the message is the reason counted in the report. */
    static final class FlowException extends RuntimeException {
        FlowException(String reason) {
            super(reason, null, false, false);
        }
    }
}
