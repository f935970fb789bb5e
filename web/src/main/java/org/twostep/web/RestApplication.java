package org.twostep.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON endpoints, under {@code /twostep/api/}: today the WebAuthn ceremonies. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
