package io.feishubot.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomBotSignatureTest {

  @Test
  void matchesTheDocumentedVector() {
    // shared/feishu-protocol.md §12 (c): timestamp 1599360473, secret "demo".
    assertThat(CustomBotSignature.sign(1599360473L, "demo"))
        .isEqualTo("l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
  }

  @Test
  void dependsOnTimestampAndSecret() {
    String signed = CustomBotSignature.sign(1599360473L, "demo");
    assertThat(CustomBotSignature.sign(1599360474L, "demo")).isNotEqualTo(signed);
    assertThat(CustomBotSignature.sign(1599360473L, "demo2")).isNotEqualTo(signed);
  }
}
