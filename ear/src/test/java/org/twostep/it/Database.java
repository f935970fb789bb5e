package org.twostep.it;

import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The server's own H2 database, reached through H2's mixed mode while the server runs: the tests
 * create accounts as an administrator would, and read what the application wrote.
 */
final class Database {

    static final int TEST_ITERATIONS = 10_000;

    private final String url;

    private Database(String url) {
        this.url = url;
    }

    /** The embedded database of the server with this base directory, through H2's mixed mode. */
    static Database ofServer(String serverBaseDir) {
        return new Database("jdbc:h2:file:" + serverBaseDir + "/data/twostep/twostep;AUTO_SERVER=TRUE");
    }

    /** A database at this JDBC URL (a database server's). */
    static Database at(String url) {
        return new Database(url);
    }

    /** An active account whose password is hashed the way the application hashes (Pbkdf2PasswordHash's format). */
    long createAccount(String username, String password) {
        update("insert into account (username, username_key, display_name, password_hash, status, admin, created_at)"
                        + " values (?, ?, ?, ?, 'ACTIVE', false, current_timestamp)",
                username, username.toLowerCase(), "Test " + username, pbkdf2(password));
        return accountId(username);
    }

    long accountId(String username) {
        return query("select id from account where username_key = ?", username.toLowerCase()).get(0).getLong(0);
    }

    /** The audit rows of a user, oldest first. */
    List<AuditRow> audit(String username) {
        List<AuditRow> rows = new ArrayList<>();
        for (Row row : query("select type, outcome, reason, method, detail, correlation_id, account_id from audit_event"
                + " where lower(username) = lower(?) order by id", username)) {
            rows.add(new AuditRow(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5)));
        }
        return rows;
    }

    List<AuditRow> auditOfType(String username, String type) {
        return audit(username).stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The user's latest audit row of this type; fails the test when there is none. */
    AuditRow lastOfType(String username, String type) {
        List<AuditRow> rows = auditOfType(username, type);
        if (rows.isEmpty()) {
            throw new AssertionError("no " + type + " audited for " + username);
        }
        return rows.get(rows.size() - 1);
    }

    /** Moves every pending challenge of the user past its time to live. */
    int expirePendingChallenges(String username) {
        return update("update pending_challenge set expires_at = dateadd('MINUTE', -1, current_timestamp)"
                + " where account_id = ? and state = 'PENDING'", accountId(username));
    }

    List<Row> challenges(String username) {
        return query("select state, attempts, purpose from pending_challenge where account_id = ? order by created_at",
                accountId(username));
    }

    /** Every value of every character column of the application's tables that contains the text. */
    List<String> columnsContaining(String needle) {
        List<String> hits = new ArrayList<>();
        for (Row column : query("select table_name, column_name from information_schema.columns"
                + " where table_schema = 'PUBLIC' and data_type like '%CHAR%'")) {
            String table = column.get(0);
            String name = column.get(1);
            for (Row row : query("select count(*) from \"" + table + "\" where upper(\"" + name + "\") like ?",
                    "%" + needle.toUpperCase() + "%")) {
                if (row.getLong(0) > 0) {
                    hits.add(table + "." + name);
                }
            }
        }
        return hits;
    }

    List<Row> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet results = statement.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            int columns = results.getMetaData().getColumnCount();
            while (results.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = results.getObject(i + 1);
                }
                rows.add(new Row(values));
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /**
     * Another writer, as a second node or an administrator's tool would be: its transaction holds
     * the rows this query selects locked until it is closed (rolled back).
     */
    AutoCloseable lockRows(String selectForUpdate, Object... parameters) {
        try {
            Connection connection = connect();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, selectForUpdate, parameters);
                 ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("nothing to lock: " + selectForUpdate);
                }
            }
            return () -> {
                connection.rollback();
                connection.close();
            };
        } catch (SQLException e) {
            throw new AssertionError(selectForUpdate, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "sa");
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static String pbkdf2(String password) {
        try {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, TEST_ITERATIONS, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "PBKDF2WithHmacSHA256:" + TEST_ITERATIONS + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    record Row(Object[] values) {

        String get(int i) {
            return values[i] == null ? null : values[i].toString();
        }

        long getLong(int i) {
            return ((Number) values[i]).longValue();
        }
    }

    record AuditRow(String type, String outcome, String reason, String method, String detail, String correlationId) {
    }
}
