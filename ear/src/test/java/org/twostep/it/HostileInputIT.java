package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything hostile thrown at every form and JSON endpoint: megabyte fields, invalid UTF-8, NUL and
 * control characters, SQL and template metacharacters, script tags, missing and duplicated
 * parameters, wrong content types, deeply nested and truncated JSON. Each answer is a 4xx or the page
 * with a short message; the server stays up; no table changes but the audit trail; no ERROR in the
 * log. Names that carry markup are shown as text wherever they appear.
 */
class HostileInputIT extends TwoStepIT {

    static final String MEGABYTE = "a".repeat(1 << 20);
    static final List<String> HOSTILE = List.of(MEGABYTE, "\u0000", "nul\u0000inside", "bell\u0007esc\u001b[2J",
            "' or '1'='1' --", "\"; drop table account; --", "<script>alert(1)</script>", "line\r\nSet-Cookie: evil=1",
            "\uD800", "%00%0d%0a", "${jndi:ldap://127.0.0.1:1/x}", "#{7*7}", "../../../../etc/passwd", "１２３４５６");
    /** The tables that hold what users own; only the audit trail may grow while hostile input arrives. */
    static final List<String> OWNED = List.of("account", "totp_authenticator", "webauthn_credential", "recovery_code",
            "oidc_grant", "oidc_refresh_token");

    @Test
    void everyFormAnswersHostileFieldsShortlyAndChangesNothingButTheAuditTrail() {
        EnrolledUser user = enrolledUser("hostile");
        Browser owner = signedIn(user);
        Browser.Page security = owner.open("account/security.xhtml");
        owner.submit(security, "recovery", Map.of(), "regenerate"); // so that the challenge page offers recovery codes
        Browser atChallenge = browser();
        Browser.Page challenge = signInWithPassword(atChallenge, user.username(), PASSWORD);
        Map<String, String> before = snapshot();
        ServerLog.Mark mark = ServerLog.mark();

        for (String value : HOSTILE) {
            assertShort(signInWithPassword(browser(), value, value), value);
            challenge = assertShort(enterCode(atChallenge, challenge, value), value);
            assertEquals("/twostep/challenge.xhtml", challenge.path(), "the login goes on");
            challenge = assertShort(atChallenge.submit(challenge, "recovery", Map.of("recoveryCode", value), "useRecoveryCode"), value);
        }
        Browser.Page login = browser().open("login.xhtml");
        Browser spoiler = browser();
        Browser.Page fresh = spoiler.open("login.xhtml");
        URI action = spoiler.formAction(fresh, "login");
        Map<String, String> fields = spoiler.formFields(fresh, "login", Map.of("username", "nobody", "password", "x"), "signIn");
        Map<String, String> missing = new LinkedHashMap<>(fields);
        missing.remove("username");
        missing.remove("password");
        for (byte[] body : List.of(
                Browser.encoded(missing).getBytes(StandardCharsets.US_ASCII),                                    // missing
                (Browser.encoded(fields) + "&username=admin&password=y").getBytes(StandardCharsets.US_ASCII),   // duplicated
                Browser.encoded(fields).replace("username=nobody", "username=%C3%28%FF%FE").getBytes(StandardCharsets.US_ASCII),
                withRawBytes(Browser.encoded(fields).replace("username=nobody", "username="), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}))) {
            Browser.Raw answer = spoiler.postBytes(action, "application/x-www-form-urlencoded", body, null);
            assertTrue(answer.status() < 500, answer.status() + " " + answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
        for (String type : new String[] {"text/plain", "application/json", "multipart/form-data; boundary=x", null}) {
            Browser.Raw answer = spoiler.postBytes(action, type, Browser.encoded(fields).getBytes(StandardCharsets.US_ASCII), null);
            assertTrue(answer.status() < 500, type + ": " + answer.status());
        }
        assertEquals(415, spoiler.postBytes(action, "multipart/form-data; boundary=x", "--x\r\nbroken".getBytes(StandardCharsets.US_ASCII),
                null).status(), "a malformed upload: TwoStep takes none");

        assertEquals(200, login.status());
        assertEquals(200, browser().open("login.xhtml").status(), "the server is up");
        assertEquals(before, snapshot(), "no table changed but the audit trail");
        assertEquals(List.of(), mark.errors(), "no ERROR in the log");
        assertEquals("/twostep/login.xhtml", atChallenge.open("home.xhtml").path(), "nobody signed in by any of it");
    }

    @Test
    void everyJsonEndpointAnswersHostileBodiesWithA4xx() {
        EnrolledUser user = enrolledUser("hostile-json");
        Browser owner = signedIn(user);
        Browser atChallenge = browser();
        signInWithPassword(atChallenge, user.username(), PASSWORD);
        Map<String, String> before = snapshot();
        ServerLog.Mark mark = ServerLog.mark();

        List<byte[]> bodies = new ArrayList<>();
        bodies.add(("\"" + MEGABYTE + "\"").getBytes(StandardCharsets.US_ASCII));
        bodies.add(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, (byte) 0xFF, '"', '}'});
        bodies.add("{\"id\":\"\u0000\",\"type\":\"public-key\"}".getBytes(StandardCharsets.UTF_8));
        bodies.add(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
        bodies.add("{\"id\":".getBytes(StandardCharsets.US_ASCII));
        bodies.add("<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
        bodies.add(new byte[0]);
        // The JSON endpoints refuse with a 4xx; the OpenID Connect pages a browser posts to may also answer a page.
        Map<String, Boolean> endpoints = new LinkedHashMap<>();
        endpoints.put("api/webauthn/registration", true);
        endpoints.put("api/webauthn/authentication", true);
        endpoints.put("api/webauthn/passkey", true);
        endpoints.put("oidc/token", true);
        endpoints.put("oidc/authorize", false);
        endpoints.put("oidc/logout", false);
        endpoints.forEach((path, json) -> {
            Browser client = path.contains("registration") ? owner : path.contains("authentication") ? atChallenge : browser();
            for (byte[] body : bodies) {
                for (String type : new String[] {"application/json", "text/plain", "application/x-www-form-urlencoded"}) {
                    Browser.Raw answer = client.postBytes(base().resolve(path), type, body, origin());
                    String what = path + " " + type + " " + body.length + " bytes: " + answer.status() + " " + head(answer.body());
                    assertTrue(answer.status() < 500 && (!json || answer.status() >= 400), what);
                    assertFalse(answer.body().contains("Exception"), what);
                }
            }
        });

        assertEquals(200, browser().open("login.xhtml").status(), "the server is up");
        assertEquals(before, snapshot(), "no table changed but the audit trail");
        assertEquals(List.of(), mark.errors(), "no ERROR in the log");
    }

    @Test
    void namesThatCarryMarkupAreShownAsText() {
        EnrolledUser user = enrolledUser("markup");
        String displayName = "<script>alert('name')</script>";
        db.update("update account set display_name = ? where username_key = ?", displayName, user.username());
        Browser browser = signedIn(user);

        Browser.Page home = browser.open("home.xhtml");
        assertTrue(home.doc().select("script").stream().noneMatch(s -> s.data().contains("alert('name')")), home.doc().html());
        assertTrue(home.text().contains(displayName), home.text());

        String nickname = "<img src=x onerror=alert(1)>";
        Browser.Page security = browser.open("account/security.xhtml");
        String form = security.doc().select("#factors tbody tr").get(0).selectFirst("form").id();
        Browser.Page renamed = browser.submit(security, form, Map.of("nickname", nickname), form + ":rename");
        assertTrue(renamed.doc().select("img[onerror]").isEmpty(), renamed.doc().html());
        assertTrue(renamed.text().contains(nickname), renamed.text());
    }

    /** A page with a short message (or the plain page it was), never a server error or a stack trace. */
    private static Browser.Page assertShort(Browser.Page page, String sent) {
        String what = sent.length() > 40 ? sent.length() + " characters" : sent;
        assertTrue(page.status() < 500, what + ": " + page.status() + " " + head(page.text()));
        assertFalse(page.text().contains("Exception"), what + ": " + head(page.text()));
        String message = page.messages();
        assertTrue(message == null || message.length() <= 160, what + ": " + head(message));
        assertFalse(page.text().contains(MEGABYTE.substring(0, 1000)), "a megabyte is not echoed back");
        return page;
    }

    /** Each owned table's rows, as text, to compare before and after. */
    private Map<String, String> snapshot() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : OWNED) {
            StringBuilder rows = new StringBuilder();
            for (Database.Row row : db.query("select * from " + table + " order by 1")) {
                rows.append(java.util.Arrays.toString(row.values())).append('\n');
            }
            tables.put(table, rows.toString());
        }
        return tables;
    }

    private static byte[] withRawBytes(String ascii, byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] text = ascii.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(raw);
        out.write('&');
        out.writeBytes(text);
        return out.toByteArray();
    }

    private static String head(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "...";
    }
}
