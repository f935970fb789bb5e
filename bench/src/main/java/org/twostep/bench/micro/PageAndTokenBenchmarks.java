package org.twostep.bench.micro;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import org.twostep.oidc.SigningKeys;
import org.twostep.totp.OtpAuthUri;
import org.twostep.totp.TotpAlgorithm;
import org.twostep.totp.TotpParameters;
import org.twostep.web.enroll.QrCodes;

/**
 * The enrollment page's QR code (the {@code otpauth://} URI as an SVG, zxing's encoder) and an ID
 * token signed as the token endpoint signs it (Nimbus, with TwoStep's own kinds of key: RSA 2048 for
 * RS256, P-256 for ES256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PageAndTokenBenchmarks {

    private String otpauth;
    private RSAKey rsa;
    private ECKey ec;
    private RSASSASigner rsaSigner;
    private ECDSASigner ecSigner;

    @Setup
    public void setUp() throws JOSEException {
        otpauth = OtpAuthUri.of("TwoStep", "bench00001", "BenchTotpSecret20byt".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                new TotpParameters(TotpAlgorithm.SHA1, 6, 30));
        rsa = SigningKeys.newKey();
        ec = SigningKeys.newEcKey();
        rsaSigner = new RSASSASigner(rsa);
        ecSigner = new ECDSASigner(ec);
    }

    @Benchmark
    public String qrCode() {
        return QrCodes.svg(otpauth);
    }

    @Benchmark
    public String idTokenRs256() throws JOSEException {
        return sign(JWSAlgorithm.RS256, rsa.getKeyID(), rsaSigner);
    }

    @Benchmark
    public String idTokenEs256() throws JOSEException {
        return sign(JWSAlgorithm.ES256, ec.getKeyID(), ecSigner);
    }

    /** The claims of an ID token after a code from an app, as Tokens writes them. */
    private static String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("http://localhost:8080/twostep").subject(UUID.randomUUID().toString()).audience("hello-oidc")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .claim("auth_time", now.getEpochSecond()).claim("acr", "mfa").claim("amr", List.of("pwd", "otp", "mfa"))
                .claim("azp", "hello-oidc").claim("nonce", UUID.randomUUID().toString()).claim("sid", UUID.randomUUID().toString())
                .claim("preferred_username", "bench00001").claim("groups", List.of("user"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
