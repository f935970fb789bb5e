package org.twostep.oidc;

import java.util.List;

/** What a client's configuration must be, checked before it is registered (and named in a warning when not). */
public final class ClientRules {

    /** Client secrets are compared as SHA-256 digests: that is only safe for long random secrets. */
    public static final int MIN_SECRET_LENGTH = 32;

    private ClientRules() {
    }

    /** What is wrong with a client's configuration (never showing the secret), or null. */
    public static String misconfiguration(String clientId, ClientSettings settings) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{1,64}")) {
            return "a client id is 1 to 64 letters, digits or . _ -";
        }
        if (settings.secret() != null && settings.secret().length() < MIN_SECRET_LENGTH) {
            return "the secret of client " + clientId + " is shorter than " + MIN_SECRET_LENGTH + " characters";
        }
        if (settings.redirectUris().isEmpty()) {
            return "client " + clientId + " has no redirect URI";
        }
        List<String> backChannel = settings.backChannelLogoutUri() == null ? List.of() : List.of(settings.backChannelLogoutUri());
        for (List<String> uris : List.of(settings.redirectUris(), settings.postLogoutRedirectUris(), backChannel)) {
            if (String.join("\n", uris).length() > 4000 || uris.stream().anyMatch(uri -> uri.length() > 2000
                    || uri.contains("#") || !uri.startsWith("https://") && !uri.startsWith("http://"))) {
                return "the redirect and logout URIs of client " + clientId
                        + " must be absolute http(s) URLs without a fragment, 2000 characters each and 4000 in all at most";
            }
        }
        if (String.join("\n", settings.allowedGroups()).length() > 1000
                || settings.allowedGroups().stream().anyMatch(group -> !group.matches("[A-Za-z0-9._-]{1,64}"))) {
            return "the allowed groups of client " + clientId + " are names of letters, digits or . _ -, 1000 characters in all at most";
        }
        if (settings.defaultMaxAge() != null && settings.defaultMaxAge() < 0) {
            return "the max-age of client " + clientId + " is a number of seconds";
        }
        if (settings.requiredAcr() != null && !List.of(Assurance.PHISHING_RESISTANT, Assurance.ANY_SECOND_FACTOR)
                .contains(settings.requiredAcr())) {
            return "the acr of client " + clientId + " is phr or mfa";
        }
        if (!List.of("RS256", "ES256").contains(settings.idTokenAlgorithm())) {
            return "the ID tokens of client " + clientId + " are signed RS256 or ES256";
        }
        return null;
    }
}
