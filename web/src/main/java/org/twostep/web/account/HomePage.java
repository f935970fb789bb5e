package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.AccountOverview;
import org.twostep.account.Accounts;
import org.twostep.web.login.SignedInSession;

/** {@code home.xhtml}: who is signed in, and their second factors. */
@Named
@RequestScoped
public class HomePage {

    @EJB
    Accounts accounts;

    @Inject
    FacesContext faces;

    private AccountOverview overview;

    public AccountOverview getOverview() {
        if (overview == null) {
            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
            overview = accounts.overview(SignedInSession.get(request).accountId());
        }
        return overview;
    }
}
