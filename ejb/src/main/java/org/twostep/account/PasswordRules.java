package org.twostep.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.twostep.refusal.Reason;

/**
 * What a new password must be (NIST SP 800-63B-4 §3.1.1.2, with a second factor beside it): 8 to 128
 * characters, any characters (spaces and emoji too), no rules of composition, and not one of the
 * 5,000 most common passwords of that length ({@code common-passwords.txt}, from zxcvbn's list),
 * nor the username. No expiry: a password is changed when its owner wants, or it was exposed.
 *
 * <pre>{@code
 * Reason refused = PasswordRules.check(password, repeated, "alice");   // null: acceptable
 * }</pre>
 */
public final class PasswordRules {

    /** NIST's floor when a second factor is required. */
    public static final int MIN_LENGTH = 8;

    /** NIST asks that at least 64 be allowed; the hash's cost does not grow with the length. */
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    private PasswordRules() {
    }

    /**
     * @return why the new password is refused, or null if it is acceptable
     */
    public static Reason check(char[] password, char[] repeated, String username) {
        if (password == null || repeated == null || !java.util.Arrays.equals(password, repeated)) {
            return Reason.PASSWORD_REPEAT_MISMATCH;
        }
        String text = new String(password);
        int length = text.codePointCount(0, text.length()); // an emoji is one character to its typist
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Reason.PASSWORD_LENGTH;
        }
        String folded = text.toLowerCase(Locale.ROOT);
        if (COMMON.contains(folded) || (username != null && folded.equals(username.toLowerCase(Locale.ROOT)))) {
            return Reason.PASSWORD_COMMON;
        }
        return null;
    }

    /** Whether the list holds this password, ignoring case (for tests and the README's claim). */
    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int commonCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>(8192);
        try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the EJB module");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    common.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
