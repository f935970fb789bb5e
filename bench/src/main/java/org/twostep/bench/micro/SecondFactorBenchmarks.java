package org.twostep.bench.micro;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import com.webauthn4j.data.UserVerificationRequirement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twostep.crypto.SecretCipher;
import org.twostep.recovery.RecoveryCodes;
import org.twostep.totp.Hotp;
import org.twostep.totp.TotpAlgorithm;
import org.twostep.totp.TotpParameters;
import org.twostep.totp.TotpVerifier;
import org.twostep.webauthn.EmulatedBrowser;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnVerifier;

/**
 * What each second factor costs to check, the way the server checks it: a TOTP code (the secret
 * opened from its AES-GCM seal first, then RFC 6238 with one step either side), a recovery code
 * (normalized, digested, compared in constant time with a set of ten), a WebAuthn assertion (parsed
 * and verified by webauthn4j against the stored key).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecondFactorBenchmarks {

    private static final String ORIGIN = "http://localhost:8080";
    private static final RelyingParty RP = new RelyingParty("localhost", "TwoStep", Set.of(ORIGIN));

    private final TotpVerifier totp = new TotpVerifier();
    private final TotpParameters parameters = new TotpParameters(TotpAlgorithm.SHA1, 6, 30);
    private SecretCipher cipher;
    private String sealedSecret;
    private String code;
    private Instant now;

    private List<String> recoveryDigests;
    private String typedRecoveryCode;

    private final WebAuthnVerifier webAuthn = new WebAuthnVerifier();
    private String assertionJson;
    private byte[] loginChallenge;
    private WebAuthnVerifier.StoredKey storedKey;

    @Setup
    public void setUp() {
        cipher = new SecretCipher("k1", SecretCipher.newKey());
        byte[] secret = "BenchTotpSecret20byt".getBytes(StandardCharsets.US_ASCII);
        sealedSecret = cipher.seal(secret, "totp:42");
        now = Instant.now();
        code = Hotp.generate(secret, now.getEpochSecond() / 30, 6, TotpAlgorithm.SHA1);

        List<String> codes = RecoveryCodes.generate(RecoveryCodes.SET_SIZE);
        recoveryDigests = codes.stream().map(c -> RecoveryCodes.digest(RecoveryCodes.normalize(c))).toList();
        typedRecoveryCode = codes.get(RecoveryCodes.SET_SIZE - 1).toLowerCase(); // typed as a person types it

        byte[] registration = random();
        EmulatedBrowser.Registered made = EmulatedBrowser.Key.fresh().register(ORIGIN,
                EmulatedBrowser.creationOptions(RP.id(), registration, "user-handle".getBytes(StandardCharsets.US_ASCII), false));
        WebAuthnVerifier.RegisteredKey key = webAuthn.register(made.json(), RP, registration, false);
        storedKey = new WebAuthnVerifier.StoredKey(key.attestedData(), key.signCount(), key.transports(), key.userVerified(),
                key.backupEligible(), key.backedUp());
        loginChallenge = random();
        assertionJson = made.key().sign(ORIGIN, EmulatedBrowser.requestOptions(loginChallenge, RP.id(),
                List.of(EmulatedBrowser.descriptor(made.key())), UserVerificationRequirement.DISCOURAGED));
    }

    @Benchmark
    public long totpCode() {
        byte[] secret = cipher.open(sealedSecret, "totp:42");
        return totp.verify(secret, parameters, code, now, 0);
    }

    @Benchmark
    public boolean recoveryCode() {
        String digest = RecoveryCodes.digest(RecoveryCodes.normalize(typedRecoveryCode));
        boolean found = false;
        for (String stored : recoveryDigests) { // every one compared, as RecoveryCodeSets does
            found |= java.security.MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                    digest.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    @Benchmark
    public long webAuthnAssertion() {
        return webAuthn.authenticate(webAuthn.parseAssertion(assertionJson), RP, loginChallenge, storedKey, false);
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
