package io.feishubot.emulator;

import io.feishubot.config.FeishuConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may reach the emulator's paths. Off: nothing is there (404, like any unknown path). On: the
 * fake Open API is open to the bot (the app's credentials guard it, as on Feishu), and the page and
 * its API need the emulator token whenever one is required: always outside dev mode, and in dev
 * mode when one is configured.
 */
final class EmulatorAccess {

  /** What to do with a request to an emulator path. */
  enum Decision {
    PASS,
    NOT_FOUND,
    UNAUTHORIZED,
    /** A state-changing API call that is not JSON: refused so other sites cannot forge it. */
    UNSUPPORTED_MEDIA_TYPE,
    /** The page opened with {@code ?token=}: keep it in a cookie, and drop it from the URL. */
    REMEMBER_TOKEN
  }

  /** A request as far as access is concerned. */
  record Request(
      String path,
      String method,
      String headerToken,
      String cookieToken,
      String queryToken,
      String contentType) {}

  static final int MIN_TOKEN_LENGTH = 16;

  private final boolean enabled;
  private final boolean tokenRequired;
  private final Optional<byte[]> token;

  EmulatorAccess(FeishuConfig.Emulator config, boolean devMode) {
    this.enabled = config.enabled();
    this.token =
        config
            .token()
            .filter(value -> !value.isBlank())
            .map(value -> value.getBytes(StandardCharsets.UTF_8));
    this.tokenRequired = !devMode || token.isPresent();
  }

  Decision decide(Request request) {
    if (!enabled) {
      return Decision.NOT_FOUND;
    }
    if (request.path().startsWith(FakeOpenApiResource.ROOT)) {
      return Decision.PASS;
    }
    if (tokenRequired && !matches(request.headerToken()) && !matches(request.cookieToken())) {
      return isPage(request) && matches(request.queryToken())
          ? Decision.REMEMBER_TOKEN
          : Decision.UNAUTHORIZED;
    }
    boolean reads = "GET".equals(request.method()) || "HEAD".equals(request.method());
    if (!reads && !isJson(request.contentType())) {
      return Decision.UNSUPPORTED_MEDIA_TYPE;
    }
    return Decision.PASS;
  }

  private boolean matches(String given) {
    // Without a configured token (only possible in dev mode) nothing matches; constant time, so
    // timing tells nothing about how much of a guess was right.
    return given != null
        && token.isPresent()
        && MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isPage(Request request) {
    return "GET".equals(request.method()) && EmulatorPage.ROOT.equals(request.path());
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }
}
