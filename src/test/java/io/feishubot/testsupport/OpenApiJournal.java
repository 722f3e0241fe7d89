package io.feishubot.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What the fake Open API received, for asserting how often and when the bot called it. */
public final class OpenApiJournal {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiJournal() {}

  /** Every reply request to {@code messageId}, oldest first. */
  public static List<LoggedRequest> repliesTo(String messageId) {
    return FakeFeishuOpenApi.server()
        .findAll(postRequestedFor(urlEqualTo(FakeFeishuOpenApi.replyPath(messageId))));
  }

  /** How many tenant token fetches reached the API so far. */
  public static int tokenFetches() {
    return FakeFeishuOpenApi.server()
        .findAll(postRequestedFor(urlEqualTo(FakeFeishuOpenApi.TOKEN_PATH)))
        .size();
  }

  /** The {@code uuid} field of a reply request. */
  public static String uuidOf(LoggedRequest request) {
    try {
      return JSON.readTree(request.getBodyAsString()).path("uuid").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
