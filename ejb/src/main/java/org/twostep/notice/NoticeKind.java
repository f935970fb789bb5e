package org.twostep.notice;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.audit.Outcome;
import org.twostep.refusal.Reason;

/**
 * What an account's owner is told of by e-mail (OWASP's MFA cheat sheet; ASVS 5.0 V6.3.5, V6.3.7):
 * each kind with its subject and the sentence that says what happened.
 */
public enum NoticeKind {
    FACTOR_ADDED("A second factor was added to your account",
            "A second factor (an authenticator app, a security key or a passkey) was added to your account."),
    FACTOR_REMOVED("A second factor was removed from your account",
            "A second factor (an authenticator app, a security key or a passkey) was removed from your account."),
    RECOVERY_CODES_MADE("New recovery codes were made for your account",
            "A new set of recovery codes was made for your account. The old codes no longer work."),
    RECOVERY_CODE_USED("A recovery code was used to sign in",
            "One of your recovery codes was used to sign in to your account."),
    LOCKED_OUT("Codes for your account are refused for a while",
            "Too many wrong codes were entered for your account, so codes from your authenticator app are refused for a while."),
    BROWSER_TRUSTED("A browser no longer asks for your second factor",
            "A browser was trusted: when you sign in there with your password, it will not ask for your second factor."),
    TRUSTED_BROWSER_COPIED("A copy of a trusted browser's cookie was refused",
            "A browser presented an old copy of a trusted browser's cookie. It was refused, and that browser is no longer trusted."),
    PASSWORD_CHANGED("Your password was changed",
            "The password of your account was changed. Your other sessions were signed out."),
    SECOND_FACTOR_FAILED("A wrong second factor after your correct password",
            "Someone entered your correct password and then a wrong second factor.");

    /** Refusals that were a wrong proof after the password (not a malformed entry, a busy answer or an expiry). */
    private static final Set<Reason> WRONG_PROOF = EnumSet.of(Reason.TOTP_MISMATCH, Reason.CLOCK_SKEW_SUSPECTED,
            Reason.TOTP_REPLAYED, Reason.TOO_MANY_ATTEMPTS, Reason.RECOVERY_CODE_MISMATCH, Reason.RECOVERY_CODE_REPLAYED,
            Reason.WEBAUTHN_BAD_SIGNATURE, Reason.WEBAUTHN_UNKNOWN_CREDENTIAL, Reason.WEBAUTHN_FOREIGN_CREDENTIAL,
            Reason.WEBAUTHN_COUNTER_REGRESSED);

    final String subject;
    final String sentence;

    NoticeKind(String subject, String sentence) {
        this.subject = subject;
        this.sentence = sentence;
    }

    /** The notice an audited event calls for, if any. */
    static Optional<NoticeKind> of(AuditEvent event) {
        if (event.accountId() == null) {
            return Optional.empty();
        }
        boolean ok = event.outcome() == Outcome.SUCCESS;
        NoticeKind kind = switch (event.type()) {
            case FACTOR_ADDED -> ok ? FACTOR_ADDED : null;
            case FACTOR_REMOVED -> ok ? FACTOR_REMOVED : null;
            case RECOVERY_CODES_REGENERATED -> ok ? RECOVERY_CODES_MADE : null;
            case RECOVERY_CODE_USED -> ok ? RECOVERY_CODE_USED : null;
            case ACCOUNT_LOCKED -> LOCKED_OUT;
            case TRUSTED_BROWSER_ADDED -> ok ? BROWSER_TRUSTED : null;
            case TRUSTED_BROWSER_REFUSED -> event.reason() == Reason.TRUSTED_BROWSER_REUSED ? TRUSTED_BROWSER_COPIED : null;
            case PASSWORD_CHANGED -> ok ? PASSWORD_CHANGED : null;
            case SECOND_FACTOR_FAILED -> WRONG_PROOF.contains(event.reason()) ? SECOND_FACTOR_FAILED : null;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }

    /** Kinds that a crowd of attempts could repeat: at most one per account in {@link Notices#REPEAT_QUIET}. */
    boolean mayRepeat() {
        return this == SECOND_FACTOR_FAILED || this == LOCKED_OUT || this == TRUSTED_BROWSER_COPIED;
    }
}
