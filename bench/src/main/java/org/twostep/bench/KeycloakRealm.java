package org.twostep.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The realm Keycloak imports for the comparison: realm {@code bench}, the public client
 * {@code bench}, and the same N users with the same password and OTP secret as TwoStep's accounts,
 * their password credentials pre-hashed in Keycloak's stored form (so the import hashes nothing), and
 * the realm's password policy naming the same hash (so no login rehashes). The default browser flow
 * asks a user with an OTP credential for the code.
 *
 * <pre>
 * java -cp ... org.twostep.bench.KeycloakRealm --out target/keycloak-import/bench-realm.json --users 10000 --hash pbkdf2:1
 * </pre>
 */
public final class KeycloakRealm {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path out = Path.of(Options.required(options, "out"));
        int users = Integer.parseInt(options.getOrDefault("users", "10000"));
        String[] hash = options.getOrDefault("hash", "pbkdf2:600000").split(":");
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        String policy;
        String credentialData;
        byte[] key;
        if (hash[0].equals("pbkdf2")) {
            int iterations = Integer.parseInt(hash[1]);
            policy = "hashAlgorithm(pbkdf2-sha256) and hashIterations(" + iterations + ")";
            key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(BenchUsers.PASSWORD.toCharArray(), salt, iterations, 256)).getEncoded();
            credentialData = "{\"hashIterations\":" + iterations + ",\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}";
        } else if (hash[0].equals("argon2id")) {
            int memory = Integer.parseInt(hash[1]);
            int iterations = Integer.parseInt(hash[2]);
            int parallelism = Integer.parseInt(hash[3]);
            // Keycloak's argon2 provider: its defaults are id, 1.3, 32 bytes, 7168 KiB, 5 passes, 1 lane.
            policy = "hashAlgorithm(argon2)";
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
            key = new byte[32];
            generator.generateBytes(BenchUsers.PASSWORD.getBytes(StandardCharsets.UTF_8), key);
            credentialData = "{\"hashIterations\":" + iterations + ",\"algorithm\":\"argon2\",\"additionalParameters\":{"
                    + "\"type\":[\"id\"],\"version\":[\"1.3\"],\"hashLength\":[\"32\"],\"memory\":[\"" + memory + "\"],"
                    + "\"iterations\":[\"" + iterations + "\"],\"parallelism\":[\"" + parallelism + "\"]}}";
        } else {
            throw new IllegalArgumentException("--hash pbkdf2:<iterations> or argon2id:<KiB>:<t>:<p>");
        }
        String secretData = "{\"value\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"salt\":\""
                + Base64.getEncoder().encodeToString(salt) + "\",\"additionalParameters\":{}}";
        String otpSecret = "{\"value\":\"" + BenchUsers.TOTP_SECRET + "\"}";
        String otpData = "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}";

        Files.createDirectories(out.getParent());
        try (BufferedWriter json = Files.newBufferedWriter(out)) {
            json.write("{\"realm\":\"bench\",\"enabled\":true,\"sslRequired\":\"none\",\"passwordPolicy\":" + quote(policy)
                    + ",\"otpPolicyType\":\"totp\",\"otpPolicyAlgorithm\":\"HmacSHA1\",\"otpPolicyDigits\":6,\"otpPolicyPeriod\":30,"
                    + "\"otpPolicyLookAheadWindow\":1,\"otpPolicyCodeReusable\":false,\"bruteForceProtected\":false,\n"
                    + "\"clients\":[{\"clientId\":\"bench\",\"enabled\":true,\"publicClient\":true,\"standardFlowEnabled\":true,"
                    + "\"redirectUris\":[" + quote(KeycloakFlow.CALLBACK) + "]}],\n\"users\":[\n");
            for (int n = 1; n <= users; n++) {
                json.write((n > 1 ? ",\n" : "") + "{\"username\":" + quote(BenchUsers.username(n)) + ",\"enabled\":true,"
                        + "\"firstName\":\"Bench\",\"lastName\":\"User " + n + "\",\"email\":" + quote(BenchUsers.username(n) + "@bench.test")
                        + ",\"emailVerified\":true,\"credentials\":["
                        + "{\"type\":\"password\",\"secretData\":" + quote(secretData) + ",\"credentialData\":" + quote(credentialData) + "},"
                        + "{\"type\":\"otp\",\"userLabel\":\"bench\",\"secretData\":" + quote(otpSecret) + ",\"credentialData\":" + quote(otpData) + "}]}");
            }
            json.write("\n]}\n");
        }
        System.out.println("Keycloak realm bench: " + users + " users, " + policy + " -> " + out);
    }

    private static String quote(String text) {
        return "\"" + Json.escape(text) + "\"";
    }

    private KeycloakRealm() {
    }
}
