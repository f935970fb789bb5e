package org.twostep.oidc;

import java.util.List;

/** What a client's configuration must be, checked before it is registered (and named in a warning when not). */
public final class ClientRules {

    /** Client secrets are compared as SHA-256 digests: that is only safe for long random secrets. */
    public static final int MIN_SECRET_LENGTH = 32;

    private ClientRules() {
    }

    /** What is wrong with a client's configuration (never showing the secret), or null. */
    public static String misconfiguration(String clientId, String secret, List<String> redirectUris,
                                          List<String> postLogoutRedirectUris) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{1,64}")) {
            return "a client id is 1 to 64 letters, digits or . _ -";
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            return "the secret of client " + clientId + " is shorter than " + MIN_SECRET_LENGTH + " characters";
        }
        if (redirectUris.isEmpty()) {
            return "client " + clientId + " has no redirect URI";
        }
        for (List<String> uris : List.of(redirectUris, postLogoutRedirectUris)) {
            if (String.join("\n", uris).length() > 4000 || uris.stream().anyMatch(uri -> uri.length() > 2000
                    || uri.contains("#") || !uri.startsWith("https://") && !uri.startsWith("http://"))) {
                return "the (post-logout) redirect URIs of client " + clientId
                        + " must be absolute http(s) URLs without a fragment, 2000 characters each and 4000 in all at most";
            }
        }
        return null;
    }
}
