package io.feishubot.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {

  @ParameterizedTest(name = "HTTP {0}, code {1} is {2}")
  @CsvSource({
    // Overloaded or unreachable.
    "500, -1, TRANSIENT",
    "502, -1, TRANSIENT",
    "503, 1, TRANSIENT",
    "408, -1, TRANSIENT",
    "0, -1, TRANSIENT",
    // Rate limits, with HTTP 429, the older HTTP 400, or HTTP 200 and a code.
    "429, 99991400, TRANSIENT",
    "429, -1, TRANSIENT",
    "400, 99991400, TRANSIENT",
    "200, 11232, TRANSIENT",
    "200, 230020, TRANSIENT",
    // Token refused, whatever the status.
    "400, 99991663, TOKEN_INVALID",
    "401, 99991664, TOKEN_INVALID",
    "200, 99991671, TOKEN_INVALID",
    "401, -1, TOKEN_INVALID",
    // Everything else: resending the same request cannot help.
    "400, 230002, PERMANENT",
    "403, 99991672, PERMANENT",
    "404, -1, PERMANENT",
    "200, 230011, PERMANENT",
    "400, 10014, PERMANENT",
  })
  void classifies(int httpStatus, int code, FailureKind expected) {
    assertThat(FailureKind.of(httpStatus, code)).isEqualTo(expected);
  }

  /** The circuit breaker skips rate limits by type, so only they may be the subtype. */
  @ParameterizedTest(name = "HTTP {0}, code {1} rate limited: {2}")
  @CsvSource({
    "429, 99991400, true",
    "429, -1, true",
    "400, 99991400, true",
    "200, 11232, true",
    "200, 230020, true",
    "500, -1, false",
    "503, 1, false",
    "0, -1, false",
  })
  void rateLimits_areTheirOwnTransientType(int httpStatus, int code, boolean rateLimited) {
    TransientFeishuException failure =
        TransientFeishuException.of(
            OpenApiEndpoint.REPLY, httpStatus, code, "msg", null, Duration.ofSeconds(1));
    assertThat(failure instanceof RateLimitedFeishuException).isEqualTo(rateLimited);
    assertThat(failure.rateLimited()).isEqualTo(rateLimited);
    assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @ParameterizedTest(name = "custom bot: HTTP {0}, code {1} is {2}")
  @CsvSource({
    "200, 11232, TRANSIENT",
    "200, 9499, TRANSIENT",
    "500, -1, TRANSIENT",
    "0, -1, TRANSIENT",
    // Signature or clock, IP allow-list, keyword: configuration a resend cannot fix.
    "200, 19021, PERMANENT",
    "200, 19022, PERMANENT",
    "200, 19024, PERMANENT",
  })
  void classifiesCustomBotAnswers(int httpStatus, int code, FailureKind expected) {
    assertThat(FailureKind.of(OpenApiEndpoint.CUSTOM_BOT, httpStatus, code)).isEqualTo(expected);
    if (code == 9499) {
      // Only the custom bot's: an Open API 9499 is a bad request.
      assertThat(FailureKind.of(OpenApiEndpoint.SEND, httpStatus, code))
          .isEqualTo(FailureKind.PERMANENT);
    }
  }
}
