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
import org.twostep.fault.ServiceBusyException;

/**
 * The faults that are no server error, each answered with a short page of its own and one log
 * line, never Faces' error page with a stack trace. Registered in {@code faces-config.xml}; every
 * other exception goes on to Faces' own handler.
 * <ul>
 * <li>A form posted with a view state the server does not hold (the page was open too long, the
 *     session ended, or the value was forged): the expired page, HTTP 400.</li>
 * <li>A step TwoStep could not do now (the database busy or unreachable): the busy page, HTTP 503
 *     with {@code Retry-After}; {@code DatabaseFaults} has logged it already.</li>
 * </ul>
 */
public class FaultPages extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(FaultPages.class.getName());

    public FaultPages(ExceptionHandlerFactory wrapped) {
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
                FacesContext faces = FacesContext.getCurrentInstance();
                if (isCausedBy(thrown, ViewExpiredException.class)) {
                    events.remove();
                    LOG.info(() -> "A form came with a view state this server does not hold (expired, or forged): "
                            + faces.getExternalContext().getRequestServletPath() + " answered as expired");
                    answer(faces, 400, "/expired.html");
                } else if (isCausedBy(thrown, ServiceBusyException.class)) {
                    events.remove();
                    answer(faces, 503, "/busy.html");
                }
            }
            getWrapped().handle();
        }

        private static boolean isCausedBy(Throwable thrown, Class<? extends Throwable> type) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }

        private static void answer(FacesContext faces, int status, String page) {
            ExternalContext external = faces.getExternalContext();
            if (!external.isResponseCommitted()) {
                String retryAfter = status == 503 ? Integer.toString(ServiceBusyException.RETRY_AFTER_SECONDS) : null;
                external.responseReset();
                if (retryAfter != null) {
                    external.setResponseHeader("Retry-After", retryAfter);
                }
                external.setResponseStatus(status);
                external.setResponseContentType("text/html");
                external.setResponseCharacterEncoding("UTF-8");
                try (InputStream in = external.getResourceAsStream(page);
                     OutputStream out = external.getResponseOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new FacesException("cannot write " + page, e);
                }
            }
            faces.responseComplete();
        }
    }
}
