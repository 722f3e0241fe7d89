package io.feishubot.emulator;

import io.feishubot.config.FeishuConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one gate in front of every emulator path ({@code /dev/emulator…}, {@code
 * /dev/fake-open-api…}), ahead of JAX-RS: it sees every method, so a disabled emulator answers 404
 * to all of them rather than a 405 that would tell the path exists. Its rules are {@link
 * EmulatorAccess}'s.
 */
@ApplicationScoped
public class EmulatorRoutes {

  static final String TOKEN_HEADER = "X-Emulator-Token";
  static final String TOKEN_COOKIE = "feishu_emulator_token";
  private static final String PATHS = "^/dev/(emulator|fake-open-api)(/.*)?$";

  void install(@Observes Router router, FeishuConfig config) {
    EmulatorAccess access =
        new EmulatorAccess(config.emulator(), LaunchMode.current() != LaunchMode.NORMAL);
    router
        .routeWithRegex(PATHS)
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(context -> gate(access, context));
  }

  private static void gate(EmulatorAccess access, RoutingContext context) {
    Cookie cookie = context.request().getCookie(TOKEN_COOKIE);
    EmulatorAccess.Request request =
        new EmulatorAccess.Request(
            context.normalizedPath(),
            context.request().method().name(),
            context.request().getHeader(TOKEN_HEADER),
            cookie == null ? null : cookie.getValue(),
            context.request().getParam("token"),
            context.request().getHeader("Content-Type"));
    switch (access.decide(request)) {
      case PASS -> context.next();
      case NOT_FOUND -> end(context, 404, "not found");
      case UNAUTHORIZED -> end(context, 401, "unauthorized");
      case UNSUPPORTED_MEDIA_TYPE -> end(context, 415, "unsupported media type");
      case REMEMBER_TOKEN -> {
        // HttpOnly: no script reads it; Strict: no other site's request carries it.
        Cookie remembered =
            Cookie.cookie(TOKEN_COOKIE, request.queryToken())
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(context.request().isSSL())
                .setPath(EmulatorPage.ROOT);
        context.response().addCookie(remembered);
        context.response().setStatusCode(303).putHeader("Location", EmulatorPage.ROOT).end();
      }
    }
  }

  /** The body every other error of the service has ({@code {"error": …}}). */
  private static void end(RoutingContext context, int status, String message) {
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end("{\"error\":\"" + message + "\"}");
  }
}
