package org.twostep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.twostep.account.Argon2idHash;
import org.twostep.account.PasswordHash;
import org.twostep.account.Pbkdf2Hash;
import org.twostep.crypto.SecretCipher;

/**
 * Writes the benchmark's accounts into TwoStep's database, the server stopped (H2 embedded) or
 * running (PostgreSQL): the schema migrated first with TwoStep's own Flyway migrations, then N active
 * accounts with one confirmed authenticator app each, the secret sealed with the configured key as
 * the server seals it. Accounts that exist get the given password hash again (so a new hash setting
 * needs no new accounts). Optionally a pile of expired pending challenges for the sweeper.
 *
 * <pre>
 * java -cp ... org.twostep.bench.Seed --jdbc jdbc:h2:file:bench/target/data/twostep/twostep --users 10000 \
 *      --hash pbkdf2:1024 --secret-key BASE64 [--expired-challenges 1000000]
 * </pre>
 *
 * {@code --hash}: {@code pbkdf2:<iterations>} or {@code argon2id:<memory KiB>:<iterations>:<parallelism>}.
 */
public final class Seed {

    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        String url = Options.required(options, "jdbc");
        String user = options.getOrDefault("db-user", "sa");
        String password = options.getOrDefault("db-password", "sa");
        int users = Integer.parseInt(options.getOrDefault("users", "10000"));
        String setting = options.getOrDefault("hash", "pbkdf2:600000");
        PasswordHash hash = hashOf(setting);
        SecretCipher cipher = new SecretCipher(options.getOrDefault("secret-key-id", "k1"),
                Base64.getDecoder().decode(Options.required(options, "secret-key")));
        int expired = Integer.parseInt(options.getOrDefault("expired-challenges", "0"));

        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        // One hash for every account: the same password, and the server's cost per login is the same.
        String stored = hash.hash(BenchUsers.PASSWORD.toCharArray());
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            int created = seedAccounts(db, users, stored, cipher);
            long firstId = accountId(db, BenchUsers.username(1));
            if (expired > 0) {
                seedExpiredChallenges(db, firstId, expired);
            }
            // The hash's setting only: never its salt or key.
            System.out.printf("%d accounts (%d new), password hash %s, %d expired challenges, in %.1f s%n",
                    users, created, setting, expired, (System.nanoTime() - started) / 1e9);
        }
    }

    /** A {@code --hash} value as the hash it names. */
    public static PasswordHash hashOf(String spec) {
        String[] parts = spec.split(":");
        return switch (parts[0]) {
            case "pbkdf2" -> new Pbkdf2Hash("PBKDF2WithHmacSHA256", Integer.parseInt(parts[1]));
            case "argon2id" -> new Argon2idHash(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            default -> throw new IllegalArgumentException("--hash pbkdf2:<iterations> or argon2id:<KiB>:<t>:<p>");
        };
    }

    private static int seedAccounts(Connection db, int users, String stored, SecretCipher cipher) throws SQLException {
        int created = 0;
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement update = db.prepareStatement(
                "update account set password_hash = ?, failed_passwords = 0, failed_second_factors = 0, locked_until = null, "
                        + "password_wait_until = null where username_key like 'bench%'")) {
            update.setString(1, stored);
            update.executeUpdate();
        }
        try (PreparedStatement exists = db.prepareStatement("select id from account where username_key = ?");
             PreparedStatement account = db.prepareStatement(
                     "insert into account (username, username_key, display_name, password_hash, status, admin, created_at) "
                             + "values (?, ?, ?, ?, 'ACTIVE', false, ?)", new String[] {"id"});
             PreparedStatement app = db.prepareStatement(
                     "insert into totp_authenticator (account_id, nickname, secret_sealed, algorithm, digits, period_seconds, "
                             + "last_used_step, status, created_at) values (?, 'Authenticator app', ?, 'SHA1', 6, 30, 0, 'ACTIVE', ?)")) {
            for (int n = 1; n <= users; n++) {
                String username = BenchUsers.username(n);
                exists.setString(1, username);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        continue;
                    }
                }
                account.setString(1, username);
                account.setString(2, username);
                account.setString(3, "Bench user " + n);
                account.setString(4, stored);
                account.setTimestamp(5, now);
                account.executeUpdate();
                long id;
                try (ResultSet key = account.getGeneratedKeys()) {
                    key.next();
                    id = key.getLong(1);
                }
                app.setLong(1, id);
                app.setString(2, cipher.seal(BenchUsers.totpKey(), "totp:" + id)); // TotpAuthenticators' associated data
                app.setTimestamp(3, now);
                app.addBatch();
                if (++created % BATCH == 0) {
                    app.executeBatch();
                    db.commit();
                }
            }
            app.executeBatch();
            db.commit();
        }
        return created;
    }

    private static long accountId(Connection db, String username) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select id from account where username_key = ?")) {
            select.setString(1, username);
            try (ResultSet found = select.executeQuery()) {
                if (!found.next()) {
                    throw new IllegalStateException("no account " + username);
                }
                return found.getLong(1);
            }
        }
    }

    /** Pending challenges whose time ran out an hour ago, as abandoned logins leave them. */
    private static void seedExpiredChallenges(Connection db, long accountId, int count) throws SQLException {
        Timestamp created = Timestamp.from(Instant.now().minus(Duration.ofMinutes(65)));
        Timestamp expires = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        try (PreparedStatement challenge = db.prepareStatement(
                "insert into pending_challenge (id, account_id, username, purpose, state, attempts, correlation_id, created_at, expires_at) "
                        + "values (?, ?, ?, 'SECOND_FACTOR', 'PENDING', 0, ?, ?, ?)")) {
            for (int i = 1; i <= count; i++) {
                challenge.setString(1, UUID.randomUUID().toString());
                challenge.setLong(2, accountId);
                challenge.setString(3, BenchUsers.username(1));
                challenge.setString(4, UUID.randomUUID().toString());
                challenge.setTimestamp(5, created);
                challenge.setTimestamp(6, expires);
                challenge.addBatch();
                if (i % (10 * BATCH) == 0) {
                    challenge.executeBatch();
                    db.commit();
                }
            }
            challenge.executeBatch();
            db.commit();
        }
    }

    private Seed() {
    }
}
