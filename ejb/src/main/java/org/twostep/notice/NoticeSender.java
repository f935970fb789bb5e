package org.twostep.notice;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.twostep.config.Settings;

/**
 * Sends the queued security notices through WildFly's mail session {@code java:jboss/mail/TwoStep}
 * (configure-twostep.cli makes it, configure-mail.cli points it at a relay), every
 * {@code twostep.notices.interval}, a batch at a time, each outside any transaction. A relay that
 * refuses or is down gets the notice again later ({@link Notices#failed}); one given up on is
 * logged at WARN, without its content.
 *
 * <p>One timer, not persistent, as the sweeper's; with notices off it is not created.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class NoticeSender {

    static final int BATCH = 50;

    /** WildFly's mail session, looked up when notices are on (a server set up before them may not have it). */
    static final String MAIL_SESSION = "java:jboss/mail/TwoStep";

    private Session mail;
    private boolean missingSaid;

    @Resource
    TimerService timers;

    @Inject
    Notices notices;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @PostConstruct
    void schedule() {
        if (!settings.noticesEnabled()) {
            return;
        }
        long interval = settings.noticesInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("twostep-notice-sender", false));
    }

    @PreDestroy
    void cancel() {
        timers.getTimers().forEach(Timer::cancel);
    }

    /** Sends what is due; public so that a test can send now instead of waiting for the timer. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sendDue() {
        if (!mailSession()) {
            return 0;
        }
        int sent = 0;
        List<Notice> due;
        do {
            due = notices.due(clock.instant(), BATCH);
            for (Notice notice : due) {
                Sent result = send(notice);
                if (result == Sent.YES) {
                    sent++;
                } else if (result == Sent.RELAY_FAILING) {
                    return sent; // the rest waits for the next run
                }
            }
        } while (due.size() == BATCH);
        return sent;
    }

    /**
     * Looked up, not injected: an injected resource would be required of every server, notices on or
     * off; and at each run until found, as a binding may come up after this bean at boot.
     */
    private boolean mailSession() {
        if (mail != null) {
            return true;
        }
        try {
            mail = InitialContext.doLookup(MAIL_SESSION);
            return true;
        } catch (NamingException e) {
            if (!missingSaid) {
                missingSaid = true;
                log.warning(() -> "twostep.notices.enabled is true but the server has no mail session " + MAIL_SESSION
                        + " (wildfly-config/configure-twostep.cli makes it): notices are queued and not sent");
            }
            return false;
        }
    }

    private enum Sent { YES, MALFORMED_ADDRESS, RELAY_FAILING }

    private Sent send(Notice notice) {
        InternetAddress to;
        try {
            to = new InternetAddress(notice.toAddress(), true);
        } catch (AddressException e) {
            // The account's address cannot be one: no relay will take it. Given up on; the rest goes on.
            notices.givenUp(notice.id(), "AddressException: the account's address is malformed", clock.instant());
            log.warning(() -> "Security notice " + notice.id() + " given up on: its account's e-mail address is malformed");
            return Sent.MALFORMED_ADDRESS;
        }
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setFrom(new InternetAddress(settings.noticesFrom()));
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(notice.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setText(notice.body(), "UTF-8");
            message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies
            Transport.send(message);
            notices.sent(notice.id(), clock.instant());
            return Sent.YES;
        } catch (MessagingException e) {
            return failed(notice, e);
        }
    }

    /** Anything the relay answered or failed to answer: tried again later, until {@code twostep.notices.give-up-after}. */
    private Sent failed(Notice notice, MessagingException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (notices.failed(notice.id(), error, clock.instant())) {
            log.warning(() -> "Security notice " + notice.id() + " given up on after " + (notice.attempts() + 1)
                    + " attempts: " + error);
        } else {
            log.info(() -> "Security notice " + notice.id() + " not sent, tried again later: " + error);
        }
        return Sent.RELAY_FAILING;
    }
}
