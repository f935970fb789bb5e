package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.twostep.account.SignedIn;
import org.twostep.oidc.BackChannelLogout;

/**
 * A signed-in session that times out ends like one signed out: the applications given tokens in it
 * are told (Back-Channel Logout). A session ended by signing out was told already by
 * {@link Logins#signOut}; one ended while still in use (the application stopping) is not a timeout.
 */
@WebListener
public class SessionTimeouts implements HttpSessionListener {

    @EJB
    BackChannelLogout backChannel;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        boolean timedOut = session.getMaxInactiveInterval() > 0
                && System.currentTimeMillis() - session.getLastAccessedTime() >= session.getMaxInactiveInterval() * 1000L;
        if (timedOut && session.getAttribute(SignedInSession.KEY) instanceof SignedIn who) {
            backChannel.sessionEnded(who.sessionId());
        }
    }
}
