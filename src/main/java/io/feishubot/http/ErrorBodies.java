package io.feishubot.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The only shape of error body the service sends: a short generic message, nothing else. */
final class ErrorBodies {

  private ErrorBodies() {}

  static Response response(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", message))
        .build();
  }
}
