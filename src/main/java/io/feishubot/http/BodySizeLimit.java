package io.feishubot.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers 413 to a request whose declared {@code Content-Length} is over {@code
 * quarkus.http.limits.max-body-size}, before anything reads the body, and then reads and discards
 * the body so the client sees the answer.
 *
 * <p>Quarkus itself answers 413 and closes the connection at once. Bytes the client is still
 * sending then arrive at a closed socket, the kernel answers them with a TCP reset, and a client
 * that writes its whole body before it reads (many do) gets "connection reset" instead of the 413;
 * one that reads while it writes wins or loses a race (the native binary, quicker to answer, lost
 * it in the black-box checks). Draining costs only reading: nothing is kept, and the drain is
 * bounded in bytes and time.
 *
 * <p>A chunked body (no {@code Content-Length}) can only be refused once it has grown past the
 * limit, so it is read and counted here first; a body within the limit is handed on whole.
 */
@ApplicationScoped
public class BodySizeLimit {

  /** Before Quarkus's own limit check (order -2), which would close the connection. */
  static final int ROUTE_ORDER = -3;

  /** Read and discard at most this much of a refused body, then close anyway. */
  static final long DRAIN_LIMIT_BYTES = 64L << 20;

  /** A client that trickles its body does not hold the connection longer than this. */
  static final long DRAIN_TIMEOUT_MS = 5_000;

  /**
   * Bytes, not a Vert.x buffer: a Netty buffer must not be made while the native image is built.
   */
  private static final byte[] BODY =
      "{\"error\":\"request too large\"}".getBytes(StandardCharsets.UTF_8);

  private final Optional<MemorySize> limit;

  public BodySizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
    this.limit = limit;
  }

  void install(@Observes Router router) {
    limit.ifPresent(max -> router.route().order(ROUTE_ORDER).handler(guard(max.asLongValue())));
  }

  static Handler<RoutingContext> guard(long maxBytes) {
    return context -> {
      HttpServerRequest request = context.request();
      long declared = declaredLength(request);
      if (declared > maxBytes) {
        refuse(context);
      } else if (declared < 0 && isChunked(request)) {
        readChunked(context, maxBytes);
      } else {
        context.next();
      }
    };
  }

  /**
   * Reads a chunked body here, counting, and hands it on whole (Quarkus REST takes a body that is
   * already read); one that grows past the limit is refused like a declared one. Quarkus REST would
   * count it too, but close the connection right behind its 413.
   */
  private static void readChunked(RoutingContext context, long maxBytes) {
    HttpServerRequest request = context.request();
    Buffer body = Buffer.buffer();
    request.exceptionHandler(context::fail);
    request.endHandler(
        ended -> {
          context.setBody(body);
          context.next();
        });
    request.handler(
        chunk -> {
          if (body.length() + (long) chunk.length() > maxBytes) {
            refuse(context); // replaces these handlers with the drain's
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.resume();
  }

  private static boolean isChunked(HttpServerRequest request) {
    String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
    return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
  }

  /** The declared body length, or -1 when there is none (chunked) or it is not a number. */
  static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException malformed) {
      return -1; // the HTTP codec rejects it before we see it; nothing to do here
    }
  }

  private static void refuse(RoutingContext context) {
    HttpServerRequest request = context.request();
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    var response =
        context
            .response()
            .setStatusCode(413)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (http1) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    Drain drain = new Drain(context, http1);
    if (http1 && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // The client waits for our answer before it sends the body: there is nothing to drain.
      drain.bodyDone();
    } else {
      drain.start();
    }
    response.end(Buffer.buffer(BODY)).onComplete(sent -> drain.answered());
  }

  /**
   * Reads a refused body to its end, or to a bound, and ends the exchange once the answer is out:
   * an HTTP/1 connection is closed (we said so); an HTTP/2 stream simply ends.
   */
  private static final class Drain {
    private final RoutingContext context;
    private final boolean http1;
    private long drained;
    private long timer = -1;
    private boolean bodyDone;
    private boolean answered;
    private boolean closed;

    Drain(RoutingContext context, boolean http1) {
      this.context = context;
      this.http1 = http1;
    }

    void start() {
      HttpServerRequest request = context.request();
      if (request.isEnded()) {
        bodyDone();
        return;
      }
      timer = context.vertx().setTimer(DRAIN_TIMEOUT_MS, id -> bodyDone());
      request.exceptionHandler(failure -> bodyDone());
      request.endHandler(ended -> bodyDone());
      request.handler(
          chunk -> {
            drained += chunk.length();
            if (drained > DRAIN_LIMIT_BYTES) {
              bodyDone();
            }
          });
      request.resume();
    }

    /** The body ended, or we stop reading it (bound reached, timeout, failure). */
    void bodyDone() {
      if (bodyDone) {
        return;
      }
      bodyDone = true;
      if (timer != -1) {
        context.vertx().cancelTimer(timer);
      }
      if (!context.request().isEnded()) {
        context.request().pause();
      }
      closeWhenDone();
    }

    void answered() {
      answered = true;
      closeWhenDone();
    }

    private void closeWhenDone() {
      if (bodyDone && answered && !closed) {
        closed = true;
        if (http1) {
          context.request().connection().close();
        }
      }
    }
  }
}
