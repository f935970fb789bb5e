package org.twostep.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that drive TwoStep from outside, over real HTTP, against the managed WildFly
 * the build configured: deploys the EAR the build produced.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class TwoStepIT extends LoginSteps {

    @ArquillianResource
    URL deploymentUrl;

    TwoStepIT() {
        super(Database.ofServer(System.getProperty("twostep.it.base.dir")));
    }

    @Deployment(testable = false)
    static EnterpriseArchive twostep() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("twostep.ear")));
    }

    @Override
    URI base() {
        return URI.create(deploymentUrl.getProtocol() + "://" + deploymentUrl.getAuthority() + "/twostep/");
    }
}
