package io.feishubot.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feishubot.feishu.BotAddedToChat;
import io.feishubot.feishu.BotRemovedFromChat;
import io.feishubot.feishu.FeishuEvent;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.feishu.RawEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRouterTest {

  @Test
  void findsTheHandlerOfEachType() {
    Handler<BotAddedToChat> added = new Handler<>(BotAddedToChat.EVENT_TYPE, BotAddedToChat.class);
    Handler<RawEvent> reaction = new Handler<>("im.message.reaction.created_v1", RawEvent.class);
    EventRouter router = new EventRouter(List.of(added, reaction));
    assertThat(router.handlerFor(BotAddedToChat.EVENT_TYPE)).containsSame(added);
    assertThat(router.handlerFor("im.message.reaction.created_v1")).containsSame(reaction);
    assertThat(router.handlerFor(BotRemovedFromChat.EVENT_TYPE)).isEmpty();
  }

  @Test
  void refusesTwoHandlersForOneType_namingBoth() {
    Handler<BotAddedToChat> first = new Handler<>(BotAddedToChat.EVENT_TYPE, BotAddedToChat.class);
    Other second = new Other();
    assertThatThrownBy(() -> new EventRouter(List.of(first, second)))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining(BotAddedToChat.EVENT_TYPE)
        .hasMessageContaining(Handler.class.getName())
        .hasMessageContaining(Other.class.getName());
  }

  @Test
  void refusesAHandlerWhoseRecordIsNotItsTypes() {
    assertThatThrownBy(
            () ->
                new EventRouter(List.of(new Handler<>(BotAddedToChat.EVENT_TYPE, RawEvent.class))))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining("BotAddedToChat");
    assertThatThrownBy(
            () -> new EventRouter(List.of(new Handler<>("custom.type_v1", BotAddedToChat.class))))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining("RawEvent");
  }

  @Test
  void refusesHandlersForMessages_whichCommandsHandle() {
    assertThatThrownBy(
            () ->
                new EventRouter(
                    List.of(new Handler<>(MessageReceived.EVENT_TYPE, MessageReceived.class))))
        .isInstanceOf(HandlerConflictException.class)
        .hasMessageContaining(MessageReceived.EVENT_TYPE);
  }

  private record Handler<E extends FeishuEvent>(String eventType, Class<E> eventClass)
      implements EventHandler<E> {
    @Override
    public Uni<Void> handle(E event, EventContext context) {
      return Uni.createFrom().voidItem();
    }
  }

  private static final class Other implements EventHandler<BotAddedToChat> {
    @Override
    public String eventType() {
      return BotAddedToChat.EVENT_TYPE;
    }

    @Override
    public Class<BotAddedToChat> eventClass() {
      return BotAddedToChat.class;
    }

    @Override
    public Uni<Void> handle(BotAddedToChat event, EventContext context) {
      return Uni.createFrom().voidItem();
    }
  }
}
