package org.twostep.service;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.SecurityContext;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twostep.account.Accounts;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.EventType;
import org.twostep.crypto.Base32;
import org.twostep.totp.Hotp;
import org.twostep.totp.TotpAlgorithm;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.totp.TotpEnrollment;

/**
 * Base of the in-container tests: the services, without the web tier, in a micro deployment of their
 * own (the EJB module and its libraries as the build packaged them, and these tests), run inside the
 * managed WildFly against its database, on a {@link MovableClock} the test moves. No HTTP, no sleeping.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ServiceIT {

    @Inject
    MovableClock clock;

    @Inject
    EntityManager em;

    /**
     * Unused: WildFly gives Jakarta Security's beans (the {@code Pbkdf2PasswordHash} that accounts hash
     * with) only to deployments that use it, and an injected {@code SecurityContext} is one of its
     * signs. In the EAR the web module's mechanism is.
     */
    @Inject
    SecurityContext jakartaSecurityInUse;

    @Deployment
    static WebArchive services() {
        EnterpriseArchive built = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("twostep.ear")));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "twostep-services.war")
                .addAsLibrary(built.getAsType(JavaArchive.class, "twostep-ejb.jar"))
                .addPackage(ServiceIT.class.getPackage())
                .addAsWebInfResource(built.get("META-INF/jboss-deployment-structure.xml").getAsset(),
                        "jboss-deployment-structure.xml")
                .addAsWebInfResource("META-INF/beans.xml", "beans.xml");
        for (ArchivePath path : built.getContent(p -> p.get().startsWith("/lib/")).keySet()) {
            war.addAsLibrary(built.get(path).getAsset(), path.get().substring("/lib/".length())); // WEB-INF/lib/x.jar
        }
        return war;
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @EJB
    Accounts accounts;

    @EJB
    TotpAuthenticators apps;

    /** A new account with no second factor yet; its username starts with the prefix. */
    Enrolled newAccount(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        long accountId = accounts.create(username, "Test " + username, null, "correct horse battery staple".toCharArray(), false).id();
        return new Enrolled(accountId, username, null, 0);
    }

    /** A new account whose owner confirmed an authenticator app, at the test clock's time. */
    Enrolled enrolled(String prefix) {
        Enrolled account = newAccount(prefix);
        long accountId = account.accountId();
        String username = account.username();
        TotpEnrollment enrollment = apps.begin(accountId, username);
        apps.confirm(accountId, enrollment.id(), codeAt(enrollment.groupedSecret(), clock.instant()));
        clock.move(Duration.ofSeconds(30)); // the confirming code is spent: the next one is a step later
        return new Enrolled(accountId, username, enrollment.groupedSecret(), enrollment.id());
    }

    /** The code the user's app shows now, by the test clock. */
    String currentCode(Enrolled user) {
        return codeAt(user.secret(), clock.instant());
    }

    /** A code that is not the current one (nor, but by a one-in-100,000 chance, a nearby one). */
    String wrongCode(Enrolled user) {
        return String.format("%06d", (Integer.parseInt(currentCode(user)) + 500_000) % 1_000_000);
    }

    /** The code an authenticator app with this (grouped, Base32) secret shows at the test clock's time. */
    String codeAt(String groupedSecret, Instant when) {
        return Hotp.generate(Base32.decode(groupedSecret.replace(" ", "")), when.getEpochSecond() / 30, 6, TotpAlgorithm.SHA1);
    }

    /** The audit events of one account, oldest first. */
    List<AuditEvent> audit(long accountId) {
        return em.createQuery("select e from AuditEvent e where e.accountId = :account order by e.id", AuditEvent.class)
                .setParameter("account", accountId)
                .getResultList();
    }

    long count(long accountId, EventType type) {
        return audit(accountId).stream().filter(e -> e.type() == type).count();
    }
}
