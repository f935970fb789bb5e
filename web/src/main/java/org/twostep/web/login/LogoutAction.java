package org.twostep.web.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Signs out: the "Sign out" button of TwoStep's pages. */
@Named
@RequestScoped
public class LogoutAction {

    @Inject
    Logins logins;

    public String logout() {
        logins.signOut();
        return "/login?faces-redirect=true&signedOut=true";
    }
}
