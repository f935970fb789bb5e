package org.twostep.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A cookie-keeping HTTP client that reads pages as a browser without JavaScript would: follows
 * redirects, submits forms with their hidden fields (the Faces view state among them).
 */
final class Browser {

    private final URI base;
    /**
     * Where this browser's requests come from, as the test server reads it (it trusts the proxy
     * header, {@code twostep.proxy-address-forwarding}): each browser is a person at an address of
     * its own, so the per-address limits see the suite as the crowd it is.
     */
    private final String address = "10." + ADDRESSES.nextInt(256) + "." + ADDRESSES.nextInt(256) + "." + (1 + ADDRESSES.nextInt(254));
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /** The same cookies, redirects not followed: to see where a server sends the browser (an OIDC client's address). */
    private final HttpClient stay;

    private static final java.util.Random ADDRESSES = new java.security.SecureRandom();

    Browser(URI base) {
        this.base = base;
        // HTTP/1.1, as a reverse proxy speaks to WildFly: over an upgraded (h2c) connection WildFly 39 does not read X-Forwarded-For.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.stay = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs the address (relative to the application, or absolute) and returns the answer as it came, redirects not followed. */
    Raw get(String pathOrUrl) {
        return raw(HttpRequest.newBuilder(base.resolve(pathOrUrl)).GET());
    }

    /** GETs a path of this server exactly as written (not resolved against the application), redirects not followed. */
    Raw getRawPath(String rawPath) {
        return raw(HttpRequest.newBuilder(URI.create(base.getScheme() + "://" + base.getRawAuthority() + rawPath)).GET());
    }

    /** POSTs a form, with an {@code Authorization} header when not null; the answer as it came. */
    Raw postForm(String path, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return raw(request);
    }

    /** GETs with an {@code Authorization} header; the answer as it came. */
    Raw getWith(String path, String authorization) {
        return raw(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization).GET());
    }

    private Raw raw(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = stay.send(request.header("User-Agent", "TwoStep-IT").header("X-Forwarded-For", address).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Raw(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Page open(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** Fills the form's fields, keeps its hidden ones, and presses the given button. */
    Page submit(Page page, String formId, Map<String, String> fields, String buttonId) {
        Element form = form(page, formId);
        return post(page.uri().resolve(form.attr("action")), formValues(form, fields, buttonId));
    }

    /** As {@link #submit}, but the answer as it came: where the server sends the browser next. */
    Raw submitWithoutFollowing(Page page, String formId, Map<String, String> fields, String buttonId) {
        Element form = form(page, formId);
        return postForm(page.uri().resolve(form.attr("action")).toString(), formValues(form, fields, buttonId), null);
    }

    /** The form's fields as this browser would send them, for a test that then spoils the body. */
    Map<String, String> formFields(Page page, String formId, Map<String, String> fields, String buttonId) {
        return formValues(form(page, formId), fields, buttonId);
    }

    /** Where the form posts to. */
    URI formAction(Page page, String formId) {
        return page.uri().resolve(form(page, formId).attr("action"));
    }

    /** POSTs these bytes as they are, with this content type (none when null) and {@code Origin} (none when null). */
    Raw postBytes(URI target, String contentType, byte[] body, String origin) {
        return postWithHeaders(target, contentType, body, origin == null ? Map.of() : Map.of("Origin", origin));
    }

    /** POSTs these bytes as they are, with this content type (none when null) and these headers. */
    Raw postWithHeaders(URI target, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return raw(request);
    }

    /** A form body, URL-encoded as a browser encodes it. */
    static String encoded(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Element form(Page page, String formId) {
        Element form = page.doc().getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form '" + formId + "' on " + page.uri() + ":\n" + page.text());
        }
        return form;
    }

    private static Map<String, String> formValues(Element form, Map<String, String> fields, String buttonId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("button")) {
                values.put(input.attr("name"), input.val());
            }
        }
        values.putAll(fields);
        Element button = form.getElementById(buttonId);
        values.put(button.attr("name"), button.val());
        return values;
    }

    Page post(URI target, Map<String, String> values) {
        String body = values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", target.getScheme() + "://" + target.getRawAuthority()) // as a browser sends it with a form
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * POSTs a JSON body as the pages' script does, with the given {@code Origin} header (none when
     * null), and returns the answer as it came: the JSON endpoints redirect nowhere.
     */
    Json postJson(String path, String json, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "TwoStep-IT").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Json(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The client address the server sees for this browser. */
    String address() {
        return address;
    }

    /** The session cookie's value, or null before the server set one. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("User-Agent", "TwoStep-IT").header("X-Forwarded-For", address).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.uri(), Jsoup.parse(response.body(), response.uri().toString()),
                    response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An answer as received: status, headers, body. */
    record Raw(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** Where a redirect points, resolved. */
        URI location() {
            String location = header("Location");
            return location == null ? null : URI.create(location);
        }
    }

    /** A JSON answer as received: its status and its body, unparsed. */
    record Json(int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A page as received: where the redirects ended, its status and its document. */
    record Page(int status, URI uri, Document doc, Map<String, List<String>> headers) {

        /** The first value of a response header, or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String path() {
            return uri.getPath();
        }

        String text() {
            return doc.text();
        }

        /** The Faces messages shown on the page. */
        String messages() {
            return doc.select(".messages li").text();
        }

        String textOf(String id) {
            Element element = doc.getElementById(id);
            return element == null ? null : element.text();
        }
    }
}
