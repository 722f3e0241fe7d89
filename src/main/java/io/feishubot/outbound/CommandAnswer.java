package io.feishubot.outbound;

import java.util.Optional;

/**
 * What a configured command's endpoint answered with a 2xx status.
 *
 * @param status the HTTP status
 * @param mediaType the Content-Type's media type in lower case ({@code text/plain}), without its
 *     parameters; empty when the answer has none
 * @param body the body decoded with the Content-Type's charset (UTF-8 unless it names another)
 */
public record CommandAnswer(int status, Optional<String> mediaType, String body) {

  /** Sizes only: the body may hold user data. */
  @Override
  public String toString() {
    return "CommandAnswer[" + status + ", " + mediaType.orElse("-") + ", " + body.length() + "]";
  }
}
