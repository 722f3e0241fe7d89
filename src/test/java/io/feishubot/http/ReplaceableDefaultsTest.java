package io.feishubot.http;

import static io.feishubot.testsupport.BotEndpoint.deliver;
import static io.feishubot.testsupport.BotEndpoint.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.feishubot.idempotency.ClaimResult;
import io.feishubot.idempotency.ClaimStatus;
import io.feishubot.idempotency.IdempotencyKey;
import io.feishubot.idempotency.IdempotencyStore;
import io.feishubot.idempotency.InMemoryIdempotencyStore;
import io.feishubot.message.MessageContent;
import io.feishubot.message.SentMessage;
import io.feishubot.outbound.MessageSender;
import io.feishubot.testsupport.Events;
import io.feishubot.testsupport.FakeFeishuOpenApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Open API sender and the idempotency store are defaults: an application's own beans of those
 * types (a recording sender, a Redis or Postgres store) replace them with no other change.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeFeishuOpenApi.class, restrictToAnnotatedClass = true)
@TestProfile(ReplaceableDefaultsTest.OwnBeans.class)
class ReplaceableDefaultsTest {

  /** Enables the two beans below, which are not beans in any other test. */
  public static class OwnBeans implements QuarkusTestProfile {
    @Override
    public java.util.Set<Class<?>> getEnabledAlternatives() {
      return java.util.Set.of(RecordingSender.class, CountingStore.class);
    }
  }

  @Test
  void ownSenderAndStore_replaceTheDefaults() {
    Events.MessageEvent event = Events.message("/ping");
    deliver(event).then().statusCode(200);
    deliver(event).then().statusCode(200);

    // The application's sender got the reply; the Open API got nothing.
    assertThat(RecordingSender.SENT).containsExactly("reply " + event.messageId() + " text");
    assertThat(repliesTo(event.messageId())).isEmpty();
    // The application's store was asked twice, and kept the second delivery out.
    assertThat(CountingStore.CLAIMS).containsExactly(event.eventId(), event.eventId());
  }

  @Alternative
  @ApplicationScoped
  public static class RecordingSender implements MessageSender {
    static final List<String> SENT = new CopyOnWriteArrayList<>();

    @Override
    public Uni<SentMessage> reply(
        String chatId, String messageId, MessageContent content, String uuid, Instant deadline) {
      SENT.add("reply " + messageId + " " + content.msgType());
      return Uni.createFrom().item(new SentMessage("om_recorded"));
    }

    @Override
    public Uni<SentMessage> sendToChat(
        String chatId, MessageContent content, String uuid, Instant deadline) {
      SENT.add("send " + chatId + " " + content.msgType());
      return Uni.createFrom().item(new SentMessage("om_recorded"));
    }

    @Override
    public Uni<Void> updateCard(String messageId, MessageContent content, Instant deadline) {
      SENT.add("update " + messageId);
      return Uni.createFrom().voidItem();
    }
  }

  /** Stands in for a store of the application's own; keeps its entries in memory. */
  @Alternative
  @ApplicationScoped
  public static class CountingStore implements IdempotencyStore {
    static final List<String> CLAIMS = new CopyOnWriteArrayList<>();
    private final IdempotencyStore entries = new InMemoryIdempotencyStore(Duration.ofHours(24));

    @Override
    public ClaimResult claim(IdempotencyKey key, Instant now, Instant inProgressUntil) {
      CLAIMS.add(key.eventId());
      return entries.claim(key, now, inProgressUntil);
    }

    @Override
    public void complete(IdempotencyKey key, Instant now, Optional<String> response) {
      entries.complete(key, now, response);
    }

    @Override
    public boolean renew(IdempotencyKey key, Instant now, Instant inProgressUntil) {
      return entries.renew(key, now, inProgressUntil);
    }

    @Override
    public void release(IdempotencyKey key) {
      entries.release(key);
    }

    @Override
    public Optional<ClaimStatus> find(IdempotencyKey key, Instant now) {
      return entries.find(key, now);
    }

    @Override
    public boolean mayBlock() {
      return false;
    }
  }
}
