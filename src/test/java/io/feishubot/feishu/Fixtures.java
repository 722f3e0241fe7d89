package io.feishubot.feishu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test vectors of the protocol notes (§3, §12) and the JSON fixtures under {@code events/}. */
final class Fixtures {

  static final String TEST_KEY = "test key";
  static final String TIMESTAMP = "1700000000";
  static final String NONCE = "f3b8c2a1d4e5";
  static final String VERIFICATION_TOKEN = "vtoken123";

  static final String A1_PLAINTEXT =
      "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"evt_0001\",\"event_type\":"
          + "\"im.message.receive_v1\",\"create_time\":\"1700000000000\",\"token\":\"vtoken123\","
          + "\"app_id\":\"cli_test\",\"tenant_key\":\"tk_test\"},\"event\":{\"message\":{"
          + "\"message_id\":\"om_1\",\"chat_id\":\"oc_1\",\"chat_type\":\"p2p\","
          + "\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"/help\\\"}\"}}}";
  static final String A1_IV_HEX = "000102030405060708090a0b0c0d0e0f";
  static final String A1_ENCRYPT =
      "AAECAwQFBgcICQoLDA0ODzksK1XHDGhxTlKJKwLymcMyd1nZHD+oH9xjSv/KOaKK4yPHkFB2NBz8k6fzGuSZ38zyYbm4"
          + "xuxcXtcMzN7GlJIobAcz5eJq8W5e3AijoWJzQFxrb4J+ZJLK1PKPpvu7PDlbhfr3utmwN0l0tqw2BpeXaY3San1j"
          + "vKQ6w9EO/eglu2vvnQoLcqm19ioPDjTZxaD9EDA0E/n1lGFpAZdLYq+vAwJ7w/Hvz7TdDRPkMzP/nVVyR0NLASHm"
          + "bmLCZqPDTywCJ562xQfk+mov5li5IVQrIA1la5N2SBbkg0clRK2u/c/ZeQY3x1vNkuTlykX9GO+QF6749cH2Qm3G"
          + "EF2uZbZi97MudegPEFWIAUG9MOpuUMlyLnDW/0bs46Hpcn79NqXRIa1tjaeC1dYxxsOnHzfSsEBWJycgyZiQeY9b"
          + "RT8T";

  static final String A2_PLAINTEXT =
      "{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"vtoken123\",\"type\":\"url_verification\"}";
  static final String A2_IV_HEX = "0f0e0d0c0b0a09080706050403020100";
  static final String A2_ENCRYPT =
      "Dw4NDAsKCQgHBgUEAwIBAE4eO3T/20fW5z5HyjEqoYvMaUF9zEbbtfTmgYOHKb8bdgrlxHEyac3lC+cKbCvfIbK0gmKY"
          + "KleAtvNNS8lhiUjjqy1P7H1D5t094ej+Z9uU";

  /** The official doc sample: key {@code test key} decrypts this to {@code hello world}. */
  static final String OFFICIAL_ENCRYPT = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";

  /** (b): signature over the 462-byte encrypted envelope of a1. */
  static final String SIGNATURE_ENCRYPTED_BODY =
      "abd16823e61748ad4841377c9dacb8f852c357367d526d68516d73b96e4478c4";

  /** (b): signature over the a1 plaintext delivered unencrypted. */
  static final String SIGNATURE_PLAIN_BODY =
      "dc8a721e6b78de002450569041248bfd16d0bfec81732757ee4bd3074b050ed5";

  /** (b'): old-style card SHA-1 signature over {@code card.action.trigger_v1-button.json}. */
  static final String CARD_SIGNATURE = "85e9ad1b4ecff70187d0a470382eb4cae45d7973";

  private Fixtures() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] encryptedA1Body() {
    return utf8("{\"encrypt\":\"" + A1_ENCRYPT + "\"}");
  }

  /** Exact bytes of {@code src/test/resources/events/<name>}; signatures depend on every byte. */
  static byte[] event(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
