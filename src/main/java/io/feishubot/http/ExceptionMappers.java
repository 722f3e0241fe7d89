package io.feishubot.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become HTTP answers. Callers get a status and a generic body; the
 * details stay in our log (type only, since exception text can quote input).
 */
public class ExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

  @ServerExceptionMapper
  public Response mapWebApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.errorf("request failed with HTTP %d (%s)", status, e.getClass().getSimpleName());
    }
    return ErrorBodies.response(status, genericMessage(status));
  }

  @ServerExceptionMapper
  public Response mapUnexpected(RuntimeException e) {
    LOG.errorf(e, "unexpected failure (%s)", e.getClass().getSimpleName());
    return ErrorBodies.response(500, "internal error");
  }

  private static String genericMessage(int status) {
    return switch (status) {
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request too large";
      case 415 -> "unsupported media type";
      default -> status < 500 ? "bad request" : "internal error";
    };
  }
}
