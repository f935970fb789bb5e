package org.twostep.web.faces;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A form posted with a view state the server does not hold (the page was open too long, the session
 * ended, or the value was forged) is answered with the expired page and HTTP 400, and one line in
 * the log: a client's mistake, not a server error with a stack trace. Registered in
 * {@code faces-config.xml}; every other exception goes on to Faces' own handler.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(ExpiredViews.class.getName());

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                if (expired(thrown)) {
                    events.remove();
                    answerExpired(FacesContext.getCurrentInstance());
                }
            }
            getWrapped().handle();
        }

        private static boolean expired(Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof ViewExpiredException) {
                    return true;
                }
            }
            return false;
        }

        private static void answerExpired(FacesContext faces) {
            ExternalContext external = faces.getExternalContext();
            LOG.info(() -> "A form came with a view state this server does not hold (expired, or forged): "
                    + external.getRequestServletPath() + " answered as expired");
            if (!external.isResponseCommitted()) {
                external.responseReset();
                external.setResponseStatus(400);
                external.setResponseContentType("text/html");
                external.setResponseCharacterEncoding("UTF-8");
                try (InputStream page = external.getResourceAsStream("/expired.html");
                     OutputStream out = external.getResponseOutputStream()) {
                    page.transferTo(out);
                } catch (IOException e) {
                    throw new FacesException("cannot write the expired page", e);
                }
            }
            faces.responseComplete();
        }
    }
}
