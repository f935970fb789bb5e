package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.factors.AccountOverview;
import org.twostep.factors.SecondFactors;
import org.twostep.web.login.SignedInSession;

/** {@code home.xhtml}: who is signed in, and their second factors. */
@Named
@RequestScoped
public class HomePage {

    @EJB
    SecondFactors factors;

    @Inject
    FacesContext faces;

    private AccountOverview overview;

    public AccountOverview getOverview() {
        if (overview == null) {
            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
            overview = factors.overview(SignedInSession.get(request).accountId());
        }
        return overview;
    }
}
