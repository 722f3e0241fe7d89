package io.feishubot.webhook;

import io.feishubot.concurrent.BlockingWork;
import io.feishubot.feishu.MessageReceived;
import io.feishubot.jobs.Job;
import io.feishubot.jobs.JobDispatcher;
import io.feishubot.message.Message;
import io.feishubot.message.MessageTooLargeException;
import io.feishubot.message.SentMessage;
import io.feishubot.router.CommandFailedException;
import io.feishubot.router.CommandHandler;
import io.feishubot.router.CommandRouter;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The work of a command whose event this delivery has claimed: who may run it, then its handler
 * inline or its job handed over, and the failures a command answers in words. {@link
 * EventExecution} around it owns the claim, its completion or release, and the timing.
 */
final class CommandExecution {

  private static final Logger LOG = Logger.getLogger(CommandExecution.class);

  private final CommandRouter commands;
  private final JobDispatcher jobs;
  private final Clock clock;

  CommandExecution(CommandRouter commands, JobDispatcher jobs, Clock clock) {
    this.commands = commands;
    this.jobs = jobs;
    this.clock = clock;
  }

  Uni<?> run(Triage.Pending pending, Triage.RunCommand run, EventMessenger messenger) {
    MessageReceived received = run.received();
    MessageReceived.Message message = received.message();
    String name = run.command().name();
    HandlerContexts.OfCommand context =
        new HandlerContexts.OfCommand(
            run.command(),
            pending.header().eventId(),
            pending.appId(),
            message,
            received.sender(),
            messenger);
    if (!commands.accessOf(name).allows(message.chatId(), received.sender())) {
      LOG.infof(
          "event %s: /%s refused for sender %s",
          pending.header().eventId(), name, received.sender().openId());
      return messenger.commandReply(
          message.chatId(),
          message.messageId(),
          Message.text("/" + name + " is not allowed here."));
    }
    // One look-up serves both questions (deferred? may block?); null is an unknown name, which
    // the router answers without blocking.
    CommandHandler handler = commands.handlerOf(name).orElse(null);
    if (handler != null && handler.deferred()) {
      return acknowledgeJob(pending, handler, context, messenger);
    }
    // Each Uni stage costs a context capture per event (mutiny-smallrye-context-propagation), so
    // a handler that cannot block runs right here (this is called when the delivery's chain is
    // subscribed), and both failures a command can answer in words share one recovery stage.
    Uni<SentMessage> replied;
    if (handler != null && handler.mayBlock()) {
      replied =
          BlockingWork.run(true, () -> commands.route(context))
              .chain(reply -> messenger.commandReply(message.chatId(), message.messageId(), reply));
    } else {
      try {
        replied =
            messenger.commandReply(message.chatId(), message.messageId(), commands.route(context));
      } catch (RuntimeException e) {
        replied = Uni.createFrom().failure(e);
      }
    }
    return replied
        .onFailure(CommandExecution::answerableFailure)
        .recoverWithUni(failure -> answerFailure(pending, run, messenger, failure));
  }

  /** A command failure answered with a reply instead of a redelivery. */
  private static boolean answerableFailure(Throwable failure) {
    return failure instanceof CommandFailedException || failure instanceof MessageTooLargeException;
  }

  private static Uni<SentMessage> answerFailure(
      Triage.Pending pending, Triage.RunCommand run, EventMessenger messenger, Throwable failure) {
    MessageReceived.Message message = run.received().message();
    return switch (failure) {
      case CommandFailedException failed -> {
        // A failure the handler put in words: the same would come back on a redelivery.
        LOG.warnf(
            "event %s: /%s failed (%s)",
            pending.header().eventId(), run.command().name(), failed.getMessage());
        yield messenger
            .commandReply(message.chatId(), message.messageId(), failed.reply())
            .onFailure(MessageTooLargeException.class)
            .recoverWithUni(tooLarge -> answerTooLarge(pending, run, messenger, tooLarge));
      }
      case MessageTooLargeException tooLarge -> answerTooLarge(pending, run, messenger, tooLarge);
      default -> Uni.createFrom().failure(failure);
    };
  }

  private static Uni<SentMessage> answerTooLarge(
      Triage.Pending pending, Triage.RunCommand run, EventMessenger messenger, Throwable tooLarge) {
    // The same answer would be too large on every redelivery: say so once, in words.
    LOG.errorf("event %s: %s", pending.header().eventId(), tooLarge.getMessage());
    MessageReceived.Message message = run.received().message();
    return messenger.commandReply(
        message.chatId(),
        message.messageId(),
        Message.text("/" + run.command().name() + " answered with a message too large to send."));
  }

  /**
   * A deferred command: posts its acknowledgement (place 0, as a plain command's reply) and hands
   * the job over. The job's key is its own, so this event's claim completes now and every
   * redelivery is a duplicate, while the job runs or after.
   */
  private Uni<?> acknowledgeJob(
      Triage.Pending pending,
      CommandHandler handler,
      HandlerContexts.OfCommand context,
      EventMessenger messenger) {
    MessageReceived.Message message = context.message();
    return Uni.createFrom()
        .item(() -> handler.acknowledgement(context))
        .chain(ack -> messenger.commandReply(message.chatId(), message.messageId(), ack))
        .chain(
            sent ->
                BlockingWork.run(
                    true, // dispatching may call another service (Lambda's Invoke API)
                    () -> {
                      jobs.dispatch(
                          new Job(
                              pending.appId(),
                              context.eventId(),
                              context.command(),
                              message,
                              context.sender(),
                              clock.instant()));
                      return sent;
                    }));
  }
}
