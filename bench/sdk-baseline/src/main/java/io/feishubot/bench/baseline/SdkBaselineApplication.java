package io.feishubot.bench.baseline;

import com.lark.oapi.Client;
import com.lark.oapi.core.utils.Jsons;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.service.im.ImService;
import com.lark.oapi.service.im.v1.model.P2MessageReceiveV1;
import com.lark.oapi.service.im.v1.model.ReplyMessageReq;
import com.lark.oapi.service.im.v1.model.ReplyMessageReqBody;
import com.lark.oapi.service.im.v1.model.ReplyMessageResp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The same bot as feishu-bot's {@code /ping}, written the way the SDK's samples show: an SDK {@link
 * Client} for replies (it caches the tenant token itself), an {@link EventDispatcher} with one
 * message handler that skips redeliveries by event id, ignores non-users, reads the text and
 * replies "pong" in the thread.
 */
@SpringBootApplication
public class SdkBaselineApplication {

  public static void main(String[] args) {
    SpringApplication.run(SdkBaselineApplication.class, args);
  }

  @Bean
  Client feishuClient(
      @Value("${feishu.app-id}") String appId,
      @Value("${feishu.app-secret}") String appSecret,
      @Value("${feishu.api-base-url}") String baseUrl) {
    return Client.newBuilder(appId, appSecret).openBaseUrl(baseUrl).build();
  }

  @Bean
  EventDispatcher eventDispatcher(
      @Value("${feishu.verification-token}") String verificationToken,
      @Value("${feishu.encrypt-key}") String encryptKey,
      Client client) {
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    return EventDispatcher.newBuilder(verificationToken, encryptKey)
        .onP2MessageReceiveV1(
            new ImService.P2MessageReceiveV1Handler() {
              @Override
              public void handle(P2MessageReceiveV1 event) throws Exception {
                if (seen.putIfAbsent(event.getHeader().getEventId(), Boolean.TRUE) != null) {
                  return;
                }
                if (!"user".equals(event.getEvent().getSender().getSenderType())) {
                  return;
                }
                String messageId = event.getEvent().getMessage().getMessageId();
                Map<?, ?> content =
                    Jsons.DEFAULT.fromJson(event.getEvent().getMessage().getContent(), Map.class);
                String text = String.valueOf(content.get("text"));
                String reply = text.contains("/ping") ? "pong" : "Unknown command";
                ReplyMessageResp resp =
                    client
                        .im()
                        .message()
                        .reply(
                            ReplyMessageReq.newBuilder()
                                .messageId(messageId)
                                .replyMessageReqBody(
                                    ReplyMessageReqBody.newBuilder()
                                        .msgType("text")
                                        .content(Jsons.DEFAULT.toJson(Map.of("text", reply)))
                                        .uuid(event.getHeader().getEventId())
                                        .build())
                                .build());
                if (!resp.success()) {
                  seen.remove(event.getHeader().getEventId());
                  throw new IllegalStateException("reply failed: " + resp.getCode());
                }
              }
            })
        .build();
  }
}
