package org.twostep.oidc;

import jakarta.ejb.ApplicationException;

/**
 * A client's settings break a rule of {@link ClientRules}: the message names what is wrong (never the
 * secret). An application exception, so a wrong setting is reported to the caller, not logged by the
 * container as a server error.
 */
@ApplicationException(rollback = true)
public class ClientMisconfiguredException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ClientMisconfiguredException(String problem) {
        super(problem);
    }
}
