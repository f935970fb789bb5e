package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;

/** Signs out: the container forgets the caller, the session is invalidated. */
@Named
@RequestScoped
public class LogoutAction {

    @Inject
    FacesContext faces;

    @EJB
    Accounts accounts;

    @Inject
    RequestClient client;

    public String logout() throws ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        SignedIn who = SignedInSession.get(request);
        if (who != null) {
            accounts.signedOut(who, client.info());
        }
        request.logout();
        external.invalidateSession();
        return "/login?faces-redirect=true&signedOut=true";
    }
}
