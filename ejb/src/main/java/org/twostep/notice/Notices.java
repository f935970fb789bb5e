package org.twostep.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.twostep.account.Account;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.Text;
import org.twostep.config.Settings;
import org.twostep.trust.BrowserNames;

/**
 * The queue of security notices. An audited event that calls for one ({@link NoticeKind#of}) queues
 * it in the event's own transaction, so a notice exists exactly when its event does; nothing is sent
 * here ({@link NoticeSender} does, from a timer), so a login never waits for a mail relay. Off
 * unless {@code twostep.notices.enabled}; an account with no e-mail address gets none. A kind a
 * crowd could repeat (wrong second factors, lockouts) is queued once per account per
 * {@link #REPEAT_QUIET}.
 *
 * <pre>{@code
 * auditLog.record(AuditEvent.succeeded(EventType.PASSWORD_CHANGED, attempt).forAccount(id)); // queues the notice
 * }</pre>
 */
@ApplicationScoped
public class Notices {

    /** At most one notice of a repeatable kind per account in this time. */
    static final Duration REPEAT_QUIET = Duration.ofMinutes(15);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    java.util.logging.Logger log;

    /**
     * Runs in the transaction of the audit row (the observer is synchronous). A notice that cannot be
     * written (a translation's broken pattern) is logged and left out: it never undoes the change it
     * tells of.
     */
    void onAudited(@Observes AuditEvent event) {
        if (!settings.noticesEnabled()) {
            return;
        }
        NoticeKind.of(event).ifPresent(kind -> {
            try {
                queue(kind, event);
            } catch (IllegalArgumentException | java.util.MissingResourceException | java.time.DateTimeException e) {
                log.warning(() -> "Security notice " + kind + " for account " + event.accountId() + " not queued: " + e);
            }
        });
    }

    private void queue(NoticeKind kind, AuditEvent event) {
        Account account = em.find(Account.class, event.accountId());
        if (account == null || account.email() == null || account.email().isBlank()) {
            return;
        }
        Instant now = clock.instant();
        if (kind.mayRepeat() && queuedSince(account.id(), kind, now.minus(REPEAT_QUIET))) {
            return;
        }
        em.persist(new Notice(account.id(), kind, account.email(), Text.clean(settings.issuer() + ": " + kind.subject(), 200),
                body(kind, account, event), now));
    }

    private boolean queuedSince(long accountId, NoticeKind kind, Instant since) {
        return !em.createQuery("select n.id from Notice n where n.accountId = :account and n.kind = :kind"
                        + " and n.createdAt > :since", Long.class)
                .setParameter("account", accountId)
                .setParameter("kind", kind)
                .setParameter("since", since)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** Plain and short: what happened, when, from where, and what to do if it was not the owner. */
    String body(NoticeKind kind, Account account, AuditEvent event) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z", Locale.ENGLISH).withZone(settings.timeZone());
        String link = settings.oidcIssuer().map(issuer -> "\n  " + issuer.replaceAll("/+$", "") + "/account/security.xhtml").orElse("");
        String address = event.clientAddress() == null ? NoticeKind.TEXTS.getString("unknownAddress") : event.clientAddress();
        return MessageFormat.format(NoticeKind.TEXTS.getString("body"), account.displayName(), kind.sentence(),
                when.format(clock.instant()), address, BrowserNames.of(event.userAgent()), account.username(), link,
                settings.issuer());
    }

    /** Up to {@code max} notices due at {@code now}, the oldest first. */
    @Transactional
    public List<Notice> due(Instant now, int max) {
        return em.createQuery("select n from Notice n where n.sentAt is null and n.failedAt is null and n.nextAttemptAt <= :now"
                        + " order by n.nextAttemptAt, n.id", Notice.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    @Transactional
    public void sent(long id, Instant now) {
        Notice notice = em.find(Notice.class, id);
        if (notice != null) {
            notice.sent(now);
        }
    }

    /**
     * A failed attempt: the next after one interval of the sender ({@code twostep.notices.interval}),
     * then two, four ..., at most an hour apart, until {@code twostep.notices.give-up-after}.
     *
     * @return whether it is given up on
     */
    @Transactional
    public boolean failed(long id, String error, Instant now) {
        Notice notice = em.find(Notice.class, id);
        if (notice == null) {
            return false;
        }
        long seconds = Math.min(3600, Math.max(1, settings.noticesInterval().toSeconds()) << Math.min(notice.attempts(), 12));
        Instant next = now.plusSeconds(seconds);
        boolean givenUp = !next.isBefore(notice.createdAt().plus(settings.noticesGiveUpAfter()));
        notice.failed(error, now, givenUp ? null : next);
        return givenUp;
    }

    /** A notice the relay refused for its address: not tried again. */
    @Transactional
    public void givenUp(long id, String error, Instant now) {
        Notice notice = em.find(Notice.class, id);
        if (notice != null) {
            notice.failed(error, now, null);
        }
    }

    /** Deletes notices sent or given up on before {@code before}. */
    @Transactional
    public int purgeFinished(Instant before) {
        return em.createQuery("delete from Notice n where (n.sentAt is not null and n.sentAt < :before)"
                        + " or (n.failedAt is not null and n.failedAt < :before)")
                .setParameter("before", before)
                .executeUpdate();
    }
}
