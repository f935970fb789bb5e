package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code wildfly-config/} scripts stay mirrors: on a copy of the configuration the build made,
 * in an embedded (offline) server run by WildFly's own {@code jboss-cli.sh}, each restore script
 * undoes exactly what its configure script adds, and configuring again gives the same server.
 */
class WildFlyConfigIT {

    private static final Path SCRIPTS = Path.of(System.getProperty("twostep.wildfly-config"));
    private static final Path JBOSS_HOME = Path.of(System.getProperty("jboss.home"));
    private static final List<String> CONCERNS = List.of("datasource", "security", "twostep", "examples");
    private static final String STAGE = "=== stage ";
    private static final String END = "=== end of stage";

    /** What the scripts touch, read at each stage; none of these fails when a resource is missing. */
    private static final String PROBE = String.join("\n",
            "/subsystem=datasources:read-children-names(child-type=data-source)",
            "/subsystem=undertow:read-children-names(child-type=application-security-domain)",
            "/subsystem=undertow/application-security-domain=other:read-resource",
            "/subsystem=undertow:read-children-resources(child-type=application-security-domain)",
            "/subsystem=microprofile-config-smallrye:read-children-names(child-type=config-source)",
            "/subsystem=datasources:read-children-resources(child-type=data-source, recursive=true)",
            "/subsystem=microprofile-config-smallrye:read-children-resources(child-type=config-source, recursive=true)",
            "/subsystem=elytron-oidc-client:read-children-resources(child-type=secure-deployment, recursive=true)",
            "/subsystem=mail:read-children-resources(child-type=mail-session, recursive=true)",
            "/socket-binding-group=standard-sockets:read-children-resources(child-type=remote-destination-outbound-socket-binding)");

    @Test
    void eachRestoreUndoesItsConfigureAndConfiguringAgainGivesTheSameServer() throws Exception {
        Path configuration = JBOSS_HOME.resolve("standalone/configuration");
        Path copy = configuration.resolve("twostep-cli-roundtrip.xml");
        Files.copy(configuration.resolve("standalone.xml"), copy, StandardCopyOption.REPLACE_EXISTING);
        try {
            List<String> script = new ArrayList<>();
            script.add("embed-server --server-config=" + copy.getFileName() + " --std-out=discard --admin-only");
            stage(script, "configured");
            reversed(CONCERNS).forEach(concern -> apply(script, "restore-" + concern));
            stage(script, "restored");
            CONCERNS.forEach(concern -> apply(script, "configure-" + concern));
            stage(script, "configured again");
            apply(script, "configure-mail"); // optional, after configure-twostep: not applied by the build
            stage(script, "mail relay with a login");
            apply(script, "restore-mail");
            stage(script, "mail relay restored");
            reversed(CONCERNS).forEach(concern -> apply(script, "restore-" + concern));
            stage(script, "restored again");
            script.add("stop-embedded-server");
            List<String> stages = run(script);

            assertEquals(6, stages.size(), String.join("\n", stages));
            String configured = stages.get(0);
            String restored = stages.get(1);
            assertTrue(configured.contains("TwoStepDS") && configured.contains("\"twostep\""), configured);
            assertTrue(configured.contains("\"integrated-jaspi\" => false"), "TwoStep's domain trusts its identity stores: " + configured);
            assertFalse(restored.contains("TwoStepDS"), restored);
            assertFalse(restored.contains("\"twostep\""), restored);
            assertTrue(configured.contains("hello-oidc.war"), configured);
            assertTrue(configured.contains("twostep-mail-smtp") && configured.contains("java:jboss/mail/TwoStep"), configured);
            String mail = stages.get(3);
            assertTrue(mail.contains("\"twostep.notices.enabled\" => true") && mail.contains("${twostep.mail.username}"),
                    "configure-mail.cli gives the relay a login and turns the notices on: " + mail);
            assertFalse(configured.contains("twostep.notices.enabled"), "notices are off unless configured");
            assertEquals(configured, stages.get(4), "restore-mail.cli undoes configure-mail.cli");
            assertFalse(restored.contains("twostep-mail-smtp") || restored.contains("java:jboss/mail/TwoStep"), restored);
            assertFalse(restored.contains("hello-oidc"), restored);
            assertFalse(restored.contains("\"integrated-jaspi\" => false"), restored);
            assertFalse(otherDomain(configured).contains("\"integrated-jaspi\" => false"), otherDomain(configured));
            assertEquals(otherDomain(configured), otherDomain(restored), "\"other\" is as WildFly ships it throughout");
            assertEquals(configured, stages.get(2), "configure after restore gives the same server");
            assertEquals(restored, stages.get(5), "and restore undoes it again");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The probe's answer for the "other" application security domain, which TwoStep must leave alone. */
    private static String otherDomain(String stage) {
        String[] answers = stage.split("\n}\n");
        return answers[2];
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static void stage(List<String> script, String name) {
        script.add("echo " + STAGE + name);
        script.add(PROBE);
        script.add("echo " + END);
    }

    /**
     * A script's commands; its {@code reload} stays admin-only, as the embedded server started (a
     * service removed, such as the sessions kept on disk, can be added again only after one).
     */
    private static void apply(List<String> script, String name) {
        try {
            Files.readAllLines(SCRIPTS.resolve(name + ".cli")).stream()
                    .map(line -> line.strip().equals("reload") ? "reload --admin-only=true" : line)
                    .forEach(script::add);
        } catch (IOException e) {
            throw new AssertionError(name, e);
        }
    }

    /** Runs the commands in one jboss-cli.sh process; returns the probe output of each stage. */
    private static List<String> run(List<String> script) throws Exception {
        Path file = Files.createTempFile("twostep-roundtrip", ".cli");
        Files.write(file, script);
        ProcessBuilder builder = new ProcessBuilder(JBOSS_HOME.resolve("bin/jboss-cli.sh").toString(), "--file=" + file)
                .redirectErrorStream(true);
        // The embedded server runs in the CLI's JVM: keep its ports clear of the test server's.
        builder.environment().put("JAVA_OPTS", "-Djboss.socket.binding.port-offset=5000");
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(3, TimeUnit.MINUTES), "jboss-cli.sh did not finish");
        Files.delete(file);
        assertEquals(0, cli.exitValue(), output);
        String[] parts = output.split(STAGE);
        List<String> stages = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) { // parts[0] is what the CLI printed before the first stage
            String probed = parts[i].substring(parts[i].indexOf('\n') + 1);
            stages.add(probed.substring(0, probed.indexOf(END)).strip());
        }
        return stages;
    }
}
