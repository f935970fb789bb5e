package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole server restart (a new JVM) keeps accounts and their authenticator apps: the database and
 * the key that seals secrets live in the server's data directory. Runs on a second server of its
 * own (arquillian.xml, "restartable"), which the test starts and stops.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT extends LoginSteps {

    static final String SERVER = "restartable";
    static final String APP = "twostep-restartable";

    @ArquillianResource
    ContainerController servers;

    @ArquillianResource
    Deployer deployer;

    RestartIT() {
        super(new Database(System.getProperty("twostep.it.restart.base.dir")));
    }

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive twostep() {
        return TwoStepIT.twostep();
    }

    @Override
    URI base() {
        return URI.create("http://127.0.0.1:8180/twostep/");
    }

    @Test
    void accountsAndAuthenticatorsSurviveARestart() {
        servers.start(SERVER);
        try {
            deployer.deploy(APP);
            EnrolledUser user = enrolledUser("restart");

            servers.stop(SERVER);
            servers.start(SERVER);

            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
            assertSignedInAs(enterCode(browser, challenge, user.app().nextCode()), user.username());
            deployer.undeploy(APP);
        } finally {
            servers.stop(SERVER);
        }
    }
}
