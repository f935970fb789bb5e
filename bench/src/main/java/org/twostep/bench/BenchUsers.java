package org.twostep.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.twostep.totp.Hotp;
import org.twostep.totp.TotpAlgorithm;

/**
 * The accounts the benchmark signs in with: {@code bench00001} to {@code benchNNNNN}, one password
 * and one authenticator secret for all of them (each account remembers its own last code, so sharing
 * the secret reuses no code; the load generator takes the accounts in turn, so no account signs in
 * twice within one 30-second step while there are more accounts than logins in 60 seconds).
 *
 * <p>The secret is ASCII, its bytes the HMAC key: Keycloak keeps an OTP secret that way, TwoStep
 * keeps the same bytes sealed, so both servers check the same codes.
 */
final class BenchUsers {

    static final String PASSWORD = "bench-Password-2026!";
    static final String TOTP_SECRET = "BenchTotpSecret20byt"; // 20 bytes, as authenticator apps use for SHA-1
    private static final byte[] KEY = TOTP_SECRET.getBytes(StandardCharsets.US_ASCII);

    private BenchUsers() {
    }

    static String username(int n) {
        return String.format("bench%05d", n);
    }

    /** RFC 6238: the code of the 30-second step now. */
    static String code(Instant now) {
        return Hotp.generate(KEY, now.getEpochSecond() / 30, 6, TotpAlgorithm.SHA1);
    }

    static byte[] totpKey() {
        return KEY.clone();
    }
}
