package io.feishubot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the bot, under the {@code feishu} prefix. Environment variables follow the usual
 * mapping: {@code feishu.app-secret} is {@code FEISHU_APP_SECRET}.
 */
@ConfigMapping(prefix = "feishu")
public interface FeishuConfig {

  /** The app's App ID ({@code cli_…}) from the Feishu developer console. Required in prod. */
  Optional<String> appId();

  /** The app's App Secret. Required in prod; without it (and the App ID) replies are a dry run. */
  Optional<String> appSecret();

  /** The Verification Token from "Events and callbacks → Encryption strategy". Required in prod. */
  Optional<String> verificationToken();

  /**
   * The Encrypt Key from the same page. Strongly recommended: with it every delivery is signed and
   * encrypted; without it only the verification token authenticates a request.
   */
  Optional<String> encryptKey();

  /**
   * Base URL of the Open API: {@code https://open.feishu.cn}, or {@code
   * https://open.larksuite.com}.
   */
  @WithDefault("https://open.feishu.cn")
  URI apiBaseUrl();

  /**
   * The bot's own open_id. When set, only a mention of the bot is stripped from a command; when
   * unset, every leading mention is.
   */
  Optional<String> botOpenId();

  /**
   * Refuse to start when a required setting is missing. On in prod; the dev and test profiles turn
   * it off so that {@code quarkus dev} starts with nothing set.
   */
  @WithDefault("true")
  boolean requireCredentials();

  /**
   * Log replies instead of sending them. Defaults to on exactly when the App ID or App Secret is
   * missing.
   */
  Optional<Boolean> dryRun();

  /** Time budget, from receipt, to handle an event and answer; Feishu redelivers after 3 s. */
  @WithDefault("2500ms")
  Duration ackDeadline();

  /** Request signature checks. */
  Signature signature();

  /** Deduplication of redelivered events. */
  Idempotency idempotency();

  /**
   * Calls to the Open API: budgets, the cap on calls in flight and the per-chat pace. Retries,
   * timeouts and the circuit breaker are MicroProfile FT settings in application.properties.
   */
  Outbound outbound();

  /** The local emulator: a chat page at {@code /dev/emulator} and a fake Open API. */
  Emulator emulator();

  /**
   * The local emulator. It signs deliveries with this app's own Encrypt Key, so outside dev mode it
   * must never be reachable without a secret of its own.
   */
  interface Emulator {
    /**
     * Serve {@code /dev/emulator} and the fake Open API under {@code /dev/fake-open-api}. Off by
     * default; the dev profile turns it on. When off, both answer 404 like any unknown path.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The secret that opens the emulator: required when it is enabled in a production run (the app
     * refuses to start without it), optional in dev mode and tests. At least 16 characters.
     */
    Optional<String> token();
  }

  /** The Alertmanager receiver, {@code POST /alerts/alertmanager}. */
  Alerts alerts();

  /** A group's custom bot (incoming webhook): the way to post for teams without an app. */
  Webhook webhook();

  /** The Alertmanager whose API the Silence buttons call. */
  Alertmanager alertmanager();

  /** The Alertmanager receiver, {@code POST /alerts/alertmanager}. */
  interface Alerts {
    /**
     * The bearer token Alertmanager must send ({@code http_config.authorization.credentials}).
     * Without it the receiver answers every request 401.
     */
    Optional<String> token();

    /**
     * The chat ({@code oc_…}) the app bot posts alert cards to, unless the request names one with
     * {@code ?chat_id=}. Without either, cards go to the custom bot, if one is set.
     */
    Optional<String> chatId();

    /**
     * How long, from receipt, a notification may take to be posted, retries included. Alertmanager
     * waits up to 10 s for a webhook answer before it counts the attempt as failed and retries.
     */
    @WithDefault("8s")
    Duration deadline();
  }

  /** A group's custom bot (incoming webhook). */
  interface Webhook {
    /**
     * The hook URL, {@code https://open.feishu.cn/open-apis/bot/v2/hook/<token>}. It is a
     * credential: whoever has it can post to the group. Never logged. A String, not a URI, so that
     * a malformed value is not quoted in a configuration error.
     */
    Optional<String> url();

    /** The signing secret ("signature verification" in the bot's security settings), if set. */
    Optional<String> secret();
  }

  /** The Alertmanager whose API the Silence buttons call. */
  interface Alertmanager {
    /**
     * Base URL of its API as the bot reaches it ({@code http://alertmanager:9093}); silences are
     * created at {@code <url>/api/v2/silences}. Without it, alert cards have no Silence buttons.
     */
    Optional<String> url();
  }

  /** Commands that run after their delivery is acknowledged: deferred jobs. */
  Jobs jobs();

  /**
   * Per-command settings, keyed by the command's name: {@code feishu.commands.deploy.url} ({@code
   * FEISHU_COMMANDS_DEPLOY_URL}). An entry with a {@code url} defines a command that calls that
   * HTTP endpoint; an entry without one only sets who may run the Java command of that name.
   */
  Map<String, Command> commands();

  /** Deferred jobs. */
  interface Jobs {
    /** How long a deferred command may run, from its acknowledgement, unless it says otherwise. */
    @WithDefault("5m")
    Duration timeout();

    /**
     * How long a running job's claim stays valid without being renewed. The runner renews it every
     * third of this; a worker that dies leaves a claim that lapses after at most this long, and a
     * retry may then run the job.
     */
    @WithDefault("30s")
    Duration lease();

    /**
     * On shutdown, how long running in-process jobs may take to finish before they are released and
     * logged by event id. Keep it under the platform's grace (Knative: 30 s by default).
     */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** In-process jobs that run at once; more wait in the queue. */
    @WithDefault("8")
    int concurrency();

    /** In-process jobs that may wait for a slot; one more is refused (the delivery gets a 503). */
    @WithDefault("64")
    int queue();

    /**
     * Where jobs run: {@code in-process} (a bounded executor in this JVM), {@code lambda} (an
     * asynchronous invocation of this function), or {@code auto}: lambda when running on AWS Lambda
     * ({@code AWS_LAMBDA_FUNCTION_NAME} is set), else in-process.
     */
    @WithDefault("auto")
    Dispatch dispatch();

    /**
     * On Lambda, the alias or version that a job's asynchronous invocation names: the one API
     * Gateway invokes, since Lambda keeps SnapStart and the asynchronous settings (retries, the
     * on-failure queue) per alias or version. {@code serverless.yml} sets {@code snapstart} for the
     * JVM variant. Unset: the unqualified function ({@code $LATEST}), as the native variant is
     * invoked.
     */
    Optional<String> lambdaQualifier();

    /** Where jobs run. */
    enum Dispatch {
      AUTO,
      IN_PROCESS,
      LAMBDA
    }
  }

  /** One command's settings. */
  interface Command {
    /**
     * The endpoint the command POSTs to (absolute http or https); defines a configured command.
     * Treated as a credential (it may carry a token): never logged or shown. A String, not a URI,
     * so that a malformed value is not quoted in a configuration error.
     */
    Optional<String> url();

    /** One line for {@code /help}; unset: "Configured command (no description set)". */
    Optional<String> description();

    /**
     * The key of the request's HMAC-SHA256 signature ({@code X-Feishu-Bot-Signature}). Unset: the
     * request carries no signature header, and the endpoint cannot tell it from anyone else's.
     */
    Optional<String> secret();

    /** How long the endpoint may take to answer, from the acknowledgement. */
    @WithDefault("30s")
    Duration timeout();

    /** Chats ({@code oc_…}) the command may be run in; unset: any chat. */
    Optional<Set<String>> allowedChats();

    /** Users (open_id, user_id or union_id) who may run the command; unset: anyone. */
    Optional<Set<String>> allowedUsers();
  }

  /** Calls to the Open API. */
  interface Outbound {
    /**
     * The least part of an event's deadline in which an Open API attempt (first or retry) is still
     * started. Keep it at or above the endpoints' {@code Timeout/value}: then no attempt outlives
     * the deadline, and the event is answered 503 in time for Feishu to redeliver it.
     */
    @WithDefault("800ms")
    Duration minAttemptTime();

    /**
     * Open API message calls in flight at once. A call over the limit waits for a slot while a full
     * attempt ({@code min-attempt-time}) still fits before its event's deadline, and is answered
     * 503 only when it does not. Feishu takes at most 50 sends per second per app: 32 calls in
     * flight keep up with that even at 600 ms per call.
     */
    @WithDefault("32")
    int concurrentCalls();

    /**
     * Calls that may wait for one of the {@code concurrent-calls} slots at once; one more is
     * answered 503 at once. Only bounds memory: each wait already ends at its event's deadline.
     */
    @WithDefault("256")
    int waitingCalls();

    /**
     * Least time between two sends into one chat. Feishu accepts 5 per second per chat (one per 200
     * ms), shared by every bot in it; the extra 20 ms absorb the jitter between a send's turn here
     * and the moment Feishu counts it. A burst into one chat queues for its turns within each
     * event's deadline; what does not fit is answered 503 and comes back with Feishu's redelivery.
     */
    @WithDefault("220ms")
    Duration chatSendInterval();
  }

  /** Request signature checks. */
  interface Signature {
    /**
     * Oldest accepted {@code X-Lark-Request-Timestamp}. Must cover Feishu's redelivery window
     * (about 7.1 h); the default matches the idempotency retention.
     */
    @WithDefault("24h")
    Duration maxAge();

    /** How far in the future a timestamp may be (clock skew). */
    @WithDefault("5m")
    Duration maxFutureSkew();
  }

  /** Deduplication of redelivered events. */
  interface Idempotency {
    /** Where claims are kept: {@code memory} (one instance only) or {@code dynamodb} (shared). */
    @WithDefault("memory")
    StoreKind store();

    /** DynamoDB table name, with the {@code dynamodb} store. */
    @WithDefault("feishu-bot-idempotency")
    String table();

    /**
     * How long a processed event id is remembered; must exceed Feishu's ~7.1 h redelivery window.
     */
    @WithDefault("24h")
    Duration ttl();

    /** Create the DynamoDB table at startup if it is missing (local runs and tests). */
    @WithName("create-table")
    @WithDefault("false")
    boolean createTable();

    /** The kinds of idempotency store. */
    enum StoreKind {
      MEMORY,
      DYNAMODB
    }
  }

  /** Whether replies are only logged: explicitly configured, else when credentials are missing. */
  default boolean dryRunEffective() {
    return dryRun().orElse(appId().isEmpty() || appSecret().isEmpty());
  }
}
