package org.twostep.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.twostep.audit.Method;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.twostep.policy.Escalation;

/**
 * A person who can sign in. Looked up by {@code usernameKey}, the NFKC-normalized, lower-cased
 * username (see {@link Usernames}), which the database keeps unique.
 */
@Entity
@Table(name = "account")
public class Account {

    /** The group every account is in; pages for signed-in users require it. */
    public static final String USER_GROUP = "user";
    /** The group of administrators. */
    public static final String ADMIN_GROUP = "admin";

    public enum Status {
        ACTIVE,
        DISABLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "username_key", nullable = false, length = 64, unique = true)
    private String usernameKey;

    @Column(name = "display_name", nullable = false, length = 128)
    private String displayName;

    @Column(length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 255)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(nullable = false)
    private boolean admin;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Wrong codes since the last successful sign-in or the last lockout, across logins. */
    @Column(name = "failed_second_factors", nullable = false)
    private int failedSecondFactors;

    /** Lockouts of codes in a row, not yet forgotten: each waits longer (see {@code policy.Lockout}). */
    @Column(name = "code_lockouts", nullable = false)
    private int codeLockouts;

    /** The end of the current or last lockout of codes. */
    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "locked_permanently", nullable = false)
    private boolean lockedPermanently;

    @Column(name = "failed_passwords", nullable = false)
    private int failedPasswords;

    @Column(name = "password_lockouts", nullable = false)
    private int passwordLockouts;

    @Column(name = "password_wait_until")
    private Instant passwordWaitUntil;

    /** Random, base64url; what authenticators store as the user handle of a passkey. */
    @Column(name = "webauthn_user_handle", length = 64, unique = true)
    private String webAuthnUserHandle;

    /** The second factor (an app or a key) of the last sign-in with one; the challenge page offers it first. */
    @Enumerated(EnumType.STRING)
    @Column(name = "last_second_factor", length = 16)
    private Method lastSecondFactor;

    /** Random (a UUID); the {@code sub} of this account's ID tokens, stable and never the username. */
    @Column(name = "oidc_subject", length = 36, unique = true)
    private String oidcSubject;

    /** Sessions signed in before this are over (a password change ends the others); null: none ended. */
    @Column(name = "sessions_valid_from")
    private Instant sessionsValidFrom;

    protected Account() {
    }

    Account(String username, String displayName, String email, String passwordHash, boolean admin, Instant createdAt) {
        this.username = username;
        this.usernameKey = Usernames.key(username);
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.status = Status.ACTIVE;
        this.admin = admin;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    /** A new password: the hash replaced, and every session signed in before {@code now} over. */
    void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.sessionsValidFrom = now;
    }

    /** Every session signed in before {@code now} is over (a stolen trust cookie was used). */
    public void endSessions(Instant now) {
        this.sessionsValidFrom = now;
    }

    /** Whether a session of this account signed in at {@code signedInAt} may go on: active, and not ended since. */
    public boolean admitsSessionFrom(Instant signedInAt) {
        return isActive() && (sessionsValidFrom == null || !signedInAt.isBefore(sessionsValidFrom));
    }

    public String webAuthnUserHandle() {
        return webAuthnUserHandle;
    }

    public void assignWebAuthnUserHandle(String userHandle) {
        if (webAuthnUserHandle == null) {
            webAuthnUserHandle = userHandle;
        }
    }

    /** The end of the current or last lockout of codes; null when there was none since the last sign-in. See {@code policy.Lockout}. */
    public Instant lockedUntil() {
        return lockedUntil;
    }

    /** Wrong codes since the last successful second factor or the last lockout, across logins. */
    public int failedSecondFactors() {
        return failedSecondFactors;
    }

    /** The counter of wrong codes, as the lockout policy reads it. */
    public Escalation.Count codeCount() {
        return new Escalation.Count(failedSecondFactors, codeLockouts, lockedUntil);
    }

    /** Sets what the lockout policy decided for codes. */
    public void codeCount(Escalation.Count count) {
        failedSecondFactors = count.failures();
        codeLockouts = count.lockouts();
        lockedUntil = count.until();
    }

    /** Whether codes stay refused until an administrator lifts the lock ({@code twostep.lockout.permanent-after}). */
    public boolean isLockedPermanently() {
        return lockedPermanently;
    }

    public void lockPermanently() {
        lockedPermanently = true;
    }

    /** The counter of wrong passwords, as the lockout policy reads it. */
    public Escalation.Count passwordCount() {
        return new Escalation.Count(failedPasswords, passwordLockouts, passwordWaitUntil);
    }

    /** Sets what the lockout policy decided for passwords. */
    public void passwordCount(Escalation.Count count) {
        failedPasswords = count.failures();
        passwordLockouts = count.lockouts();
        passwordWaitUntil = count.until();
    }

    /** The app or key of the last sign-in with one; null when it never signed in with one. */
    public Method lastSecondFactor() {
        return lastSecondFactor;
    }

    /** Remembers a sign-in's second factor, when it is an app or a key (a recovery code is an exception, not a habit). */
    public void signedInWith(Method method) {
        if (method == Method.TOTP || method == Method.WEBAUTHN) {
            lastSecondFactor = method;
        }
    }

    /** The account's subject identifier for OpenID Connect, made at its first use. */
    public String oidcSubject() {
        if (oidcSubject == null) {
            oidcSubject = java.util.UUID.randomUUID().toString();
        }
        return oidcSubject;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public Set<String> groups() {
        return admin ? Set.of(USER_GROUP, ADMIN_GROUP) : Set.of(USER_GROUP);
    }
}
