package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.PasswordChanges;
import org.twostep.account.PasswordRules;
import org.twostep.web.PageMessages;
import org.twostep.web.login.RequestClient;
import org.twostep.web.login.SessionChecks;
import org.twostep.web.login.SignedInSession;

/**
 * {@code account/password.xhtml}: a new password, after a step-up (the page's gate, and the service
 * again). The fields live in this request only; what was typed is never shown back.
 */
@Named
@RequestScoped
public class PasswordPage {

    @EJB
    PasswordChanges passwords;

    @Inject
    SessionChecks sessions;

    @Inject
    HttpServletRequest request;

    @Inject
    RequestClient client;

    @Inject
    PageMessages messages;

    private String current;
    private String next;
    private String repeated;

    public String change() {
        boolean changed = messages.tryTo(() -> sessions.passwordChanged(request, passwords.change(SignedInSession.get(request),
                chars(current), chars(next), chars(repeated), client.info())));
        current = next = repeated = null;
        if (!changed) {
            return null;
        }
        messages.info("password.changed");
        messages.keep();
        return "/account/security?faces-redirect=true";
    }

    public int getMinLength() {
        return PasswordRules.MIN_LENGTH;
    }

    public int getMaxLength() {
        return PasswordRules.MAX_LENGTH;
    }

    private static char[] chars(String typed) {
        return typed == null ? new char[0] : typed.toCharArray();
    }

    public String getCurrent() {
        return null;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNext() {
        return null;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getRepeated() {
        return null;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
