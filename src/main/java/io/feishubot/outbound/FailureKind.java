package io.feishubot.outbound;

import java.util.Set;

/**
 * What a failed Open API answer means for the caller, decided from the HTTP status and Feishu's
 * {@code code} (shared/feishu-protocol.md §6, §10).
 */
public enum FailureKind {
  /** Worth another attempt soon: Feishu was overloaded, rate limited or unreachable. */
  TRANSIENT,
  /** The access token was refused: fetch a fresh one and try once more. */
  TOKEN_INVALID,
  /** Will fail the same way however often it is sent: permission, bad request, gone message. */
  PERMANENT;

  /** The status of a call that got no HTTP answer: refused, reset or cut off. */
  static final int NO_ANSWER = 0;

  /** Request frequency limit (HTTP 429, on older APIs HTTP 400). */
  static final int RATE_LIMITED = 99991400;

  /** Message-service rate limits: 11232 (bot/message sending), 230020 (per chat). */
  static final Set<Integer> MESSAGE_RATE_LIMITS = Set.of(11232, 230020);

  /**
   * A custom bot's throttling: 11232, and 9499, which its documentation also uses for "Bad Request"
   * but third-party fixtures show as "too many request". Bodies are size-checked before they are
   * sent, so a 9499 is more likely throttling, and retrying a bad request costs little.
   */
  static final Set<Integer> CUSTOM_BOT_RATE_LIMITS = Set.of(11232, 9499);

  /** tenant_access_token, app_access_token and generic access token invalid. */
  static final Set<Integer> TOKEN_INVALID_CODES = Set.of(99991663, 99991664, 99991671);

  /**
   * Classifies an answer that is a failure: an HTTP error, or HTTP 200 with a non-zero {@code
   * code}. A token code wins over the status, because Feishu sends it with 400 or 401 alike.
   */
  public static FailureKind of(int httpStatus, int code) {
    if (TOKEN_INVALID_CODES.contains(code)) {
      return TOKEN_INVALID;
    }
    if (isRateLimit(httpStatus, code)
        || httpStatus == NO_ANSWER
        || httpStatus >= 500
        || httpStatus == 408) {
      return TRANSIENT;
    }
    if (httpStatus == 401) {
      return TOKEN_INVALID;
    }
    return PERMANENT;
  }

  /** As {@link #of(int, int)}, with the codes particular to {@code endpoint}. */
  public static FailureKind of(OpenApiEndpoint endpoint, int httpStatus, int code) {
    return isRateLimit(endpoint, httpStatus, code) ? TRANSIENT : of(httpStatus, code);
  }

  /** Whether Feishu throttled the call, so waiting for its reset is the right backoff. */
  public static boolean isRateLimit(int httpStatus, int code) {
    return httpStatus == 429 || code == RATE_LIMITED || MESSAGE_RATE_LIMITS.contains(code);
  }

  /** As {@link #isRateLimit(int, int)}, with the codes particular to {@code endpoint}. */
  public static boolean isRateLimit(OpenApiEndpoint endpoint, int httpStatus, int code) {
    return isRateLimit(httpStatus, code)
        || (endpoint == OpenApiEndpoint.CUSTOM_BOT && CUSTOM_BOT_RATE_LIMITS.contains(code));
  }
}
