package org.twostep.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.twostep.config.Settings;

/**
 * Creates the administrator account {@code admin} on the first start, when no account exists.
 * Its password is {@code twostep.admin.initial-password} (environment:
 * {@code TWOSTEP_ADMIN_INITIAL_PASSWORD}); when that is not set, one is generated and printed to the
 * server log this once, as Keycloak does. Like every account without a second factor, it must enroll
 * an authenticator app at its first login before it reaches anything else.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class BootstrapAdmin {

    public static final String USERNAME = "admin";

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    @EJB
    Accounts accounts;

    @Inject
    Settings settings;

    @Inject
    Logger log;

    @PostConstruct
    void createWhenEmpty() {
        if (accounts.exists()) {
            return;
        }
        char[] password = settings.adminInitialPassword().map(String::toCharArray).orElse(null);
        if (password == null) {
            password = generate();
            log.warning("Created the administrator account '" + USERNAME + "' with the generated password "
                    + new String(password) + " (shown this once; set twostep.admin.initial-password to choose it)."
                    + " It must enroll an authenticator app at its first login.");
        } else {
            log.info("Created the administrator account '" + USERNAME + "' with the configured initial password.");
        }
        accounts.create(USERNAME, "Administrator", null, password, true);
    }

    private static char[] generate() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }
}
