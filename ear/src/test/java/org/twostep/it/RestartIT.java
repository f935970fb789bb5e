package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults and operations a server and its database go through: a whole server restart (a new JVM) in
 * the middle of a login, the database gone for a moment, a rotation of the key that seals secrets,
 * and a production server started without one. Runs on a second server of its own (arquillian.xml,
 * "restartable"), which the test starts and stops, whose database is a real H2 server in this JVM
 * on 127.0.0.1 (its files under the server's base directory), so that the test can take it away.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT extends LoginSteps {

    static final String SERVER = "restartable";
    static final String APP = "twostep-restartable";
    static final String BASE_DIR = System.getProperty("twostep.it.restart.base.dir");
    /** The port arquillian.xml's twostep.db.url names for this server. */
    static final String DATABASE_PORT = "19092";

    private static Server database;

    @ArquillianResource
    ContainerController servers;

    @ArquillianResource
    Deployer deployer;

    RestartIT() {
        super(Database.at("jdbc:h2:tcp://127.0.0.1:" + DATABASE_PORT + "/twostep"));
    }

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive twostep() {
        return TwoStepIT.twostep();
    }

    @BeforeAll
    static void startDatabase() throws SQLException {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        database = startDatabaseServer();
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    private static Server startDatabaseServer() throws SQLException {
        return Server.createTcpServer("-tcpPort", DATABASE_PORT, "-ifNotExists",
                "-baseDir", Path.of(BASE_DIR, "database").toString()).start();
    }

    @Override
    URI base() {
        return URI.create("http://127.0.0.1:8180/twostep/");
    }

    @Test
    void aLoginWhosePasswordWasAcceptedBeforeARestartFinishesAfterIt() {
        servers.start(SERVER);
        deployer.deploy(APP);
        try {
            EnrolledUser user = enrolledUser("restart");
            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());

            servers.stop(SERVER); // the sessions are written to the data directory
            assertEquals(List.of(), filesContaining(Path.of(BASE_DIR, "data", "twostep", "sessions"), PASSWORD,
                    user.app().secretText()), "a stored session holds no password and no secret");
            servers.start(SERVER);

            assertSignedInAs(enterCode(browser, challenge, user.app().nextCode()), user.username());
            Browser fresh = browser();
            assertSignedInAs(enterCode(fresh, signInWithPassword(fresh, user.username(), PASSWORD), user.app().nextCode()),
                    user.username());
        } finally {
            deployer.undeploy(APP);
            servers.stop(SERVER);
        }
    }

    @Test
    void theDatabaseGoneForAMomentIsAnsweredBusyAndTheLoginGoesOnAfter() throws SQLException {
        servers.start(SERVER);
        deployer.deploy(APP);
        try {
            EnrolledUser user = enrolledUser("outage");
            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            String code = user.app().nextCode();
            ServerLog.Mark mark = ServerLog.markOf(BASE_DIR);

            database.stop();
            Browser.Page busy;
            try {
                busy = enterCode(browser, challenge, code);
            } finally {
                database = startDatabaseServer();
            }

            assertEquals(503, busy.status(), busy.text());
            assertEquals("2", busy.header("Retry-After"));
            assertTrue(busy.text().contains("TwoStep is busy") && busy.text().contains("Nothing was changed"), busy.text());
            assertFalse(busy.text().contains("Exception"), busy.text());
            // Nothing half-written: the same login goes on, and the code still counts.
            Browser.Page again = browser.open("challenge.xhtml");
            assertSignedInAs(enterCode(browser, again, code), user.username());
            assertEquals(List.of(), mark.errors(), "an outage is no error of TwoStep's");
            assertFalse(mark.linesContaining("Database fault in").isEmpty(), "the fault has its one line: " + mark.since());
        } finally {
            deployer.undeploy(APP);
            servers.stop(SERVER);
        }
    }

    @Test
    void aKeyRotationReSealsEverySecretWithoutLossAndTheOldKeyCanGoAfter() throws Exception {
        servers.start(SERVER);
        deployer.deploy(APP);
        try {
            EnrolledUser user = enrolledUser("rotation"); // sealed with the generated key file ("local")
            assertEquals(0L, sealedWith("k2"));
            String key = java.util.Base64.getEncoder().encodeToString(randomKey());

            // The rotation, as the README tells it: the new key configured, the application restarted.
            cli("/system-property=twostep.secret-key:add(value=\"" + key + "\")", "/system-property=twostep.secret-key-id:add(value=k2)",
                    "/system-property=twostep.sweeper.interval:add(value=PT1S)");
            ServerLog.Mark mark = ServerLog.markOf(BASE_DIR);
            deployer.undeploy(APP);
            deployer.deploy(APP);
            for (int i = 0; i < 100 && sealedWith("local") > 0; i++) {
                Thread.sleep(200);
            }
            assertEquals(0L, sealedWith("local"), "every secret re-sealed");
            assertTrue(sealedWith("k2") >= 1);
            // The sweep logs it after the batch's commit, which the count above may see first.
            for (int i = 0; i < 50 && mark.linesContaining("none is left under an older key").isEmpty(); i++) {
                Thread.sleep(200);
            }
            assertFalse(mark.linesContaining("none is left under an older key").isEmpty(), mark.since().toString());
            Browser during = browser();
            assertSignedInAs(enterCode(during, signInWithPassword(during, user.username(), PASSWORD), user.app().nextCode()),
                    user.username());

            Files.delete(Path.of(BASE_DIR, "data", "twostep", "secret.key")); // the old key goes
            deployer.undeploy(APP);
            deployer.deploy(APP);
            Browser after = browser();
            assertSignedInAs(enterCode(after, signInWithPassword(after, user.username(), PASSWORD), user.app().nextCode()),
                    user.username());
            assertEquals(List.of(), mark.linesContaining(key), "the key is in no log line");
        } finally {
            deployer.undeploy(APP);
            cli("/system-property=twostep.secret-key:remove", "/system-property=twostep.secret-key-id:remove",
                    "/system-property=twostep.sweeper.interval:remove");
            servers.stop(SERVER);
        }
    }

    @Test
    void aProductionServerWithoutAConfiguredKeyRefusesToStartAndSaysWhatToSet() throws Exception {
        servers.start(SERVER);
        try {
            cli("/system-property=twostep.production:add(value=true)");
            ServerLog.Mark mark = ServerLog.markOf(BASE_DIR);
            assertThrows(Exception.class, () -> deployer.deploy(APP), "no deployment without a key");
            assertFalse(mark.linesContaining("twostep.production is true but no twostep.secret-key is configured: set"
                    + " twostep.secret-key").isEmpty(), mark.since().toString());
        } finally {
            cli("/system-property=twostep.production:remove");
            servers.stop(SERVER);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** How many authenticator secrets the key with this id sealed. */
    private long sealedWith(String keyId) {
        return db.query("select count(*) from totp_authenticator where secret_sealed like ?", "v1:" + keyId + ":%").get(0).getLong(0);
    }

    /** Runs management commands on the running server, as an operator does with jboss-cli.sh. */
    private static void cli(String... commands) throws IOException, InterruptedException {
        Path script = Files.createTempFile("twostep-restartable", ".cli");
        Files.write(script, List.of(commands));
        try {
            Process cli = new ProcessBuilder(Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(),
                    "--connect", "--controller=127.0.0.1:10090", "--file=" + script).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cli.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "jboss-cli.sh did not finish");
            assertEquals(0, cli.exitValue(), output);
        } finally {
            Files.delete(script);
        }
    }

    /** The files under a folder whose bytes contain any of these texts. */
    private static List<Path> filesContaining(Path folder, String... texts) {
        assertTrue(Files.isDirectory(folder), "sessions are kept in " + folder);
        try (Stream<Path> all = Files.walk(folder)) {
            assertTrue(all.anyMatch(Files::isRegularFile), "the sessions were written to " + folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String content = new String(read(file), StandardCharsets.ISO_8859_1);
                return Stream.of(texts).anyMatch(content::contains);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
