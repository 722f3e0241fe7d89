package io.feishubot.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns an HTTP error from the Open API into an {@link OpenApiErrorResponse} that keeps Feishu's
 * {@code code}, {@code msg} and rate-limit reset, which {@link OutboundAttempts} classifies.
 */
public class FeishuApiErrorMapper implements ResponseExceptionMapper<RuntimeException> {

  static final String RATE_LIMIT_RESET_HEADER = "x-ogw-ratelimit-reset";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public RuntimeException toThrowable(Response response) {
    int code = -1;
    String msg = "";
    try {
      if (response.hasEntity()) {
        JsonNode body = JSON.readTree(response.readEntity(String.class));
        code = body.path("code").asInt(-1);
        msg = body.path("msg").asText("");
      }
    } catch (RuntimeException | java.io.IOException notJson) {
      // A gateway error page is not JSON; the HTTP status alone still classifies it.
      msg = "non-JSON error body";
    }
    return new OpenApiErrorResponse(response.getStatus(), code, msg, rateLimitReset(response));
  }

  @Override
  public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
    return status >= 400;
  }

  static Duration rateLimitReset(Response response) {
    String value = response.getHeaderString(RATE_LIMIT_RESET_HEADER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException ignored) {
      return null;
    }
  }
}
