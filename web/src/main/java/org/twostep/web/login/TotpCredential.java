package org.twostep.web.login;

/**
 * A code typed from an authenticator app, as the challenge and enrollment pages submit it.
 *
 * <pre>{@code
 * securityContext.authenticate(request, response, withParams().credential(new TotpCredential(code)));
 * }</pre>
 */
public record TotpCredential(String code, boolean trustBrowser) implements SecondFactorCredential {

    public TotpCredential(String code) {
        this(code, false);
    }

    @Override
    public String toString() {
        return "TotpCredential[code=***]";
    }
}
