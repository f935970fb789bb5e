package org.twostep.bench;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * TwoStep's login in six requests: the protected page (redirected to the login page), the login
 * page, the password (redirected to the challenge page), the challenge page, the code (redirected
 * back), the signed-in page. Post/redirect/get at both posts, as a browser does it.
 */
final class TwoStepFlow implements LoginFlow {

    private final URI start;

    TwoStepFlow(URI base) {
        this.start = base.resolve("/twostep/");
    }

    @Override
    public void login(Browser browser, String username) {
        Browser.Page protectedPage = browser.get("protected page", start);
        Browser.Page loginPage = browser.get("login page", browser.redirect(protectedPage));
        Browser.Page password = browser.submit("password", loginPage, loginPage.form("form#login"),
                Map.of("username", username, "password", BenchUsers.PASSWORD));
        Browser.Page challengePage = browser.get("challenge page", redirectOrRefusal(browser, password));
        Browser.Page code = browser.submit("code", challengePage, challengePage.form("form#challenge"),
                Map.of("code", BenchUsers.code(Instant.now())));
        Browser.Page signedIn = browser.get("signed-in page", redirectOrRefusal(browser, code));
        if (signedIn.status() != 200 || !signedIn.body().contains(username)) {
            throw new Browser.FlowException("signed-in page: " + signedIn.status() + " without the username");
        }
    }

    /** A refused step answers its own page again with a message: that message is the reason. */
    private static URI redirectOrRefusal(Browser browser, Browser.Page page) {
        if (page.status() == 200) {
            Element message = page.document().selectFirst(".error, .messages li, [role=alert]");
            throw new Browser.FlowException(page.uri().getPath() + ": " + (message == null ? "no redirect" : message.text()));
        }
        return browser.redirect(page);
    }
}
