package io.feishubot.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The payload of a job's self-invocation: an API Gateway HTTP API event (payload format 2.0, as
 * {@code serverless.yml} declares), so the function's one handler, quarkus-amazon-lambda-http,
 * turns it into {@code POST} {@value #PATH} and the JAX-RS resource there runs the job. The signed
 * job travels base64-encoded, so its exact bytes reach the signature check.
 *
 * <p>API Gateway never builds this event: no route leads to {@value #PATH}, and the resource
 * refuses anything without a valid signature whichever way it arrives.
 */
public final class LambdaJobEvent {

  /** Where a job arrives. */
  public static final String PATH = "/internal/jobs";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTE = "POST " + PATH;

  private LambdaJobEvent() {}

  /**
   * @param requestId names the request in logs; the job's event id
   */
  public static byte[] of(SignedJob job, String requestId, Instant now) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", ROUTE);
    event.put("rawPath", PATH);
    event.put("rawQueryString", "");
    event
        .putObject("headers")
        .put("content-type", "application/json")
        .put(JobCodec.SIGNATURE_HEADER.toLowerCase(Locale.ROOT), job.signature());
    ObjectNode context = event.putObject("requestContext");
    context
        .putObject("http")
        .put("method", "POST")
        .put("path", PATH)
        .put("protocol", "HTTP/1.1")
        .put("sourceIp", "127.0.0.1")
        .put("userAgent", "feishu-bot");
    context.put("requestId", requestId);
    context.put("routeKey", ROUTE);
    context.put("stage", "$default");
    context.put("timeEpoch", now.toEpochMilli());
    event.put("body", Base64.getEncoder().encodeToString(job.payload()));
    event.put("isBase64Encoded", true);
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }
}
