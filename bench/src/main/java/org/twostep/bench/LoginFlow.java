package org.twostep.bench;

/** The requests of one two-step login, from the first page to signed in, as one server asks them. */
interface LoginFlow {

    /** Signs the user in, or throws {@link Browser.FlowException} naming the step that did not. */
    void login(Browser browser, String username);
}
