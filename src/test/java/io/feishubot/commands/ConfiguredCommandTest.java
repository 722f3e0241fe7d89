package io.feishubot.commands;

import static io.feishubot.commands.CommandTestSupport.commands;
import static io.feishubot.commands.CommandTestSupport.only;
import static io.feishubot.commands.CommandTestSupport.replyOf;
import static io.feishubot.commands.CommandTestSupport.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feishubot.message.Message;
import io.feishubot.message.MessageContent;
import io.feishubot.router.CommandFailedException;
import io.feishubot.router.CommandHandler;
import io.feishubot.testsupport.CommandReceiver;
import io.feishubot.testsupport.CommandReceiver.Answer;
import io.feishubot.testsupport.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configured command against a real endpoint on loopback, which checks the signature with its own
 * HMAC code. The command is called as a job would call it; delivery is tested elsewhere.
 */
class ConfiguredCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "cmd-secret-0a9b8c7d";

  private CommandReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = CommandReceiver.signedWith(SECRET);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private CommandHandler deploy(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("FEISHU_COMMANDS_DEPLOY_URL", receiver.url());
    env.put("FEISHU_COMMANDS_DEPLOY_SECRET", SECRET);
    return only(commands(env));
  }

  private CommandHandler deploy() {
    return deploy(Map.of());
  }

  @Test
  void postsOneSignedRequest_withTheCommandArgsAndIds_andRepliesWithTheText() throws Exception {
    receiver.answering(Answer.text("Deploying api (build 42)"));
    long before = System.currentTimeMillis() / 1000;

    Message reply = replyOf(deploy(), typed("/deploy api  --force"));

    assertThat(reply).isEqualTo(Message.text("Deploying api (build 42)"));
    assertThat(receiver.received()).hasSize(1);
    CommandReceiver.Received request = receiver.received().get(0);
    assertThat(request.signatureValid()).contains(true);
    assertThat(request.header("X-Feishu-Bot-Event-Id")).isEqualTo("ev_configured_1");
    assertThat(Long.parseLong(request.header("X-Feishu-Bot-Timestamp")))
        .isBetween(before, System.currentTimeMillis() / 1000);
    assertThat(request.header("X-Feishu-Bot-Signature")).matches("sha256=[0-9a-f]{64}");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode expected =
        JSON.readTree(
            """
            {"command":"deploy","args":["api","--force"],"text":"/deploy api  --force",
             "event_id":"ev_configured_1","message_id":"om_msg1","chat_id":"oc_ops",
             "chat_type":"group",
             "sender":{"open_id":"ou_sender","user_id":"u_sender","union_id":"on_sender"}}
            """);
    assertThat(request.json()).isEqualTo(expected);
  }

  @Test
  void aSlowAnswer_isStillReplied() {
    receiver.answering(Answer.text("done after a while").after(Duration.ofSeconds(6)));

    long started = System.nanoTime();
    Message reply = replyOf(deploy(), typed("/deploy api"));

    assertThat(reply).isEqualTo(Message.text("done after a while"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(6));
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aServerError_becomesAReplyNamingTheCommandAndStatus_andIsNotRetried() {
    receiver.answering(Answer.status(500));

    Message reply = replyOf(deploy(), typed("/deploy api"));

    assertThat(reply).isEqualTo(Message.text("/deploy failed: the endpoint answered HTTP 500."));
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aFailure_isThrownWithItsReply_soThatTheJobCountsAsFailed() {
    receiver.answering(Answer.status(502));

    assertThatThrownBy(() -> deploy().handle(typed("/deploy api")))
        .isInstanceOfSatisfying(
            CommandFailedException.class,
            failed -> {
              assertThat(failed.reply())
                  .isEqualTo(Message.text("/deploy failed: the endpoint answered HTTP 502."));
              assertThat(failed.getMessage()).isEqualTo("the endpoint answered HTTP 502");
            });
  }

  @Test
  void aClientError_namesItsStatus() {
    receiver.answering(Answer.status(403));

    assertThat(replyOf(deploy(), typed("/deploy api")))
        .isEqualTo(Message.text("/deploy failed: the endpoint answered HTTP 403."));
  }

  @Test
  void noAnswerWithinTheCommandsTimeout_becomesATimeoutReply_inTime() {
    receiver.answering(Answer.text("too late").after(Duration.ofSeconds(5)));
    CommandHandler deploy = deploy(Map.of("FEISHU_COMMANDS_DEPLOY_TIMEOUT", "1s"));

    long started = System.nanoTime();
    Message reply = replyOf(deploy, typed("/deploy api"));

    assertThat(reply)
        .isEqualTo(Message.text("/deploy failed: the endpoint did not answer within 1s."));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(deploy.jobTimeout()).contains(Duration.ofSeconds(1));
  }

  @Test
  void aCardAnswer_isRepliedAsThatCard() throws Exception {
    String card =
        """
        {"schema":"2.0","header":{"title":{"tag":"plain_text","content":"Deployed"}},
         "body":{"elements":[{"tag":"markdown","content":"**api** is live"},
                             {"tag":"img","img_key":"img_v2_123"}]}}
        """;
    receiver.answering(Answer.json("{\"msg_type\":\"interactive\",\"content\":" + card + "}"));

    Message reply = replyOf(deploy(), typed("/deploy api"));

    MessageContent content = MessageContent.of(reply);
    assertThat(content.msgType()).isEqualTo("interactive");
    assertThat(JSON.readTree(content.content())).isEqualTo(JSON.readTree(card));
  }

  @Test
  void textAndPostInTheMessageShape_areRepliedAsSuch() throws Exception {
    receiver.answering(
        Answer.json("{\"msg_type\":\"text\",\"content\":{\"text\":\"plain as JSON\"}}"));
    assertThat(replyOf(deploy(), typed("/deploy api"))).isEqualTo(Message.text("plain as JSON"));

    String post =
        "{\"zh_cn\":{\"title\":\"Done\",\"content\":[[{\"tag\":\"text\",\"text\":\"ok\"}]]}}";
    receiver.answering(Answer.json("{\"msg_type\":\"post\",\"content\":" + post + "}"));
    MessageContent content = MessageContent.of(replyOf(deploy(), typed("/deploy api")));
    assertThat(content.msgType()).isEqualTo("post");
    assertThat(JSON.readTree(content.content())).isEqualTo(JSON.readTree(post));
  }

  @Test
  void noContent_postsNothing() {
    receiver.answering(new Answer(204, "text/plain", "", Duration.ZERO));

    assertThat(replyOf(deploy(), typed("/deploy api"))).isEqualTo(Message.none());
  }

  @Test
  void anUnreachableEndpoint_becomesAReply() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandHandler deploy =
        only(
            commands(
                Map.of("FEISHU_COMMANDS_DEPLOY_URL", "http://127.0.0.1:" + closedPort + "/x")));

    assertThat(replyOf(deploy, typed("/deploy api")))
        .isEqualTo(Message.text("/deploy failed: the endpoint could not be reached."));
  }

  @Test
  void anAnswerThatIsNotAMessage_becomesAReply() {
    receiver.answering(new Answer(200, "text/html", "<html>oops</html>", Duration.ZERO));
    assertThat(replyOf(deploy(), typed("/deploy api")))
        .isEqualTo(
            Message.text(
                "/deploy failed: the endpoint's answer could not be read (content type"
                    + " text/html; expected text/plain or application/json)."));

    receiver.answering(Answer.text(" "));
    assertThat(replyOf(deploy(), typed("/deploy api")))
        .isEqualTo(
            Message.text(
                "/deploy failed: the endpoint's answer could not be read (empty text; answer 204"
                    + " to post nothing)."));

    receiver.answering(Answer.json("{\"msg_type\":\"audio\",\"content\":{}}"));
    assertThat(replyOf(deploy(), typed("/deploy api")))
        .isEqualTo(
            Message.text(
                "/deploy failed: the endpoint's answer could not be read (not a message in"
                    + " JSON)."));
  }

  @Test
  void anAnswerTooLargeToPost_orToRead_becomesAReply() {
    Message tooLarge = Message.text("/deploy failed: the endpoint's answer is too large to post.");
    receiver.answering(Answer.text("x".repeat(200 * 1024))); // over Feishu's 150 KB for text
    assertThat(replyOf(deploy(), typed("/deploy api"))).isEqualTo(tooLarge);

    receiver.answering(Answer.text("x".repeat(2 * 1024 * 1024))); // over what the bot reads
    assertThat(replyOf(deploy(), typed("/deploy api"))).isEqualTo(tooLarge);
  }

  @Test
  void withoutASecret_theRequestCarriesNoSignature() throws IOException {
    try (CommandReceiver open = CommandReceiver.unsigned()) {
      CommandHandler deploy = only(commands(Map.of("FEISHU_COMMANDS_DEPLOY_URL", open.url())));

      assertThat(replyOf(deploy, typed("/deploy api"))).isEqualTo(Message.text("ok"));

      assertThat(open.received()).hasSize(1);
      assertThat(open.received().get(0).header("X-Feishu-Bot-Signature")).isNull();
      assertThat(open.received().get(0).header("X-Feishu-Bot-Timestamp")).isNotNull();
      assertThat(open.received().get(0).header("X-Feishu-Bot-Event-Id"))
          .isEqualTo("ev_configured_1");
    }
  }

  @Test
  void theUrlAndSecret_appearInNoReplyAndNoLogLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort + "/hook-7f3a9c?token=url-token-5e1d";
    StringBuilder replies = new StringBuilder();
    try (LogCapture logs = LogCapture.start()) {
      for (Answer answer :
          new Answer[] {
            Answer.status(500),
            Answer.status(401),
            Answer.text("late").after(Duration.ofSeconds(3)),
            new Answer(200, "application/xml", "<x/>", Duration.ZERO),
            Answer.text("fine")
          }) {
        receiver.answering(answer);
        replies.append(
            replyOf(deploy(Map.of("FEISHU_COMMANDS_DEPLOY_TIMEOUT", "1s")), typed("/deploy a")));
      }
      replies.append(
          replyOf(
              only(
                  commands(
                      Map.of(
                          "FEISHU_COMMANDS_DEPLOY_URL", unreachable,
                          "FEISHU_COMMANDS_DEPLOY_SECRET", SECRET))),
              typed("/deploy a")));

      String logged = String.join("\n", logs.lines());
      assertThat(logged).contains("/deploy").contains("HTTP 500").contains("ev_configured_1");
      for (String secret :
          new String[] {SECRET, "hook-7f3a9c", "url-token-5e1d", "127.0.0.1:", "must not repeat"}) {
        assertThat(logged).doesNotContain(secret);
        assertThat(replies.toString()).doesNotContain(secret);
      }
    }
  }
}
