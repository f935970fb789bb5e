package org.twostep.notice;

import java.util.EnumSet;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.audit.Outcome;
import org.twostep.refusal.Reason;

/**
 * What an account's owner is told of by e-mail (OWASP's MFA cheat sheet; ASVS 5.0 V6.3.5, V6.3.7):
 * each kind with its subject and the sentence that says what happened ({@code notices.properties}).
 */
public enum NoticeKind {
    FACTOR_ADDED,
    FACTOR_REMOVED,
    RECOVERY_CODES_MADE,
    RECOVERY_CODE_USED,
    LOCKED_OUT,
    BROWSER_TRUSTED,
    TRUSTED_BROWSER_COPIED,
    PASSWORD_CHANGED,
    SECOND_FACTOR_FAILED;

    /** Refusals that were a wrong proof after the password (not a malformed entry, a busy answer or an expiry). */
    private static final Set<Reason> WRONG_PROOF = EnumSet.of(Reason.TOTP_MISMATCH, Reason.CLOCK_SKEW_SUSPECTED,
            Reason.TOO_MANY_ATTEMPTS, Reason.RECOVERY_CODE_MISMATCH, Reason.RECOVERY_CODE_REPLAYED,
            Reason.WEBAUTHN_BAD_SIGNATURE, Reason.WEBAUTHN_UNKNOWN_CREDENTIAL, Reason.WEBAUTHN_FOREIGN_CREDENTIAL,
            Reason.WEBAUTHN_COUNTER_REGRESSED);

    /** The texts, by kind ({@code notices.properties}): English, or a deployment's translation. */
    static final ResourceBundle TEXTS = ResourceBundle.getBundle("org.twostep.notice.notices");

    String subject() {
        return TEXTS.getString(name() + ".subject");
    }

    String sentence() {
        return TEXTS.getString(name() + ".sentence");
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
