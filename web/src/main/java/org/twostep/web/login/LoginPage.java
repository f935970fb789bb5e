package org.twostep.web.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;

/** {@code login.xhtml}: the first step, username and password. */
@Named
@RequestScoped
public class LoginPage {

    @Inject
    CredentialSubmission submission;

    private String username;
    private String password;

    /** A signed-in caller has nothing to do here, even in the middle of a step-up. */
    public String redirectIfSignedIn() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return SignedInSession.get(request) != null ? "/home?faces-redirect=true" : null;
    }

    public void signIn() {
        String typed = password == null ? "" : password;
        password = null;
        submission.submit(new UsernamePasswordCredential(username == null ? "" : username, new Password(typed)));
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null; // never rendered back
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
