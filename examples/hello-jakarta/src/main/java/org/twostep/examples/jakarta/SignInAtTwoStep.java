package org.twostep.examples.jakarta;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;

/**
 * All the security this application has: Jakarta Security's OpenID Connect mechanism, signing users in
 * at TwoStep; nothing WildFly-specific. On a CDI bean, where Jakarta Security looks for it. The secret
 * is the example's (registered by wildfly-config/configure-examples.cli); a real application takes it
 * from its configuration. The mechanism keeps the caller in the application's session and, by default,
 * does not look at the tokens' expiry (5 minutes): the session outlives them. ({@code tokenAutoRefresh =
 * true} failed on WildFly 39 when we tried it: a 500 once the tokens had expired, ELY01088 from
 * Soteria's {@code notifyContainerAboutLogin}.)
 */
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "http://localhost:8080/twostep",
        clientId = "hello-jakarta",
        clientSecret = "hello-jakarta-example-secret-0123456789abcd",
        redirectURI = "${baseURL}/Callback",
        redirectToOriginalResource = true)
@DeclareRoles({"user", "admin"})
@ApplicationScoped
public class SignInAtTwoStep {
}
