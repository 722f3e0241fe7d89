package io.feishubot.bench;

import io.feishubot.feishu.EncryptedEnvelope;
import io.feishubot.feishu.EnvelopeParser;
import io.feishubot.feishu.EventCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event fixed costs the pipeline pays that a cache could avoid, each measured alone, so
 * that a proposed optimisation can be judged by its size before anyone touches product code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class CostCentersBenchmark {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private SecretKeySpec key;
  private byte[] raw;
  private Cipher reusable;
  private EventCipher eventCipher;
  private String ciphertext;
  private SimpleMeterRegistry registry;
  private Counter cached;
  private final String text = "ping now please";

  @Setup
  public void setUp() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(Deliveries.ENCRYPT_KEY.getBytes(StandardCharsets.UTF_8));
    key = new SecretKeySpec(digest, "AES");
    byte[] body = Deliveries.generate(Deliveries.Kind.PING, 1, Instant.now()).get(0).body();
    ciphertext = ((EncryptedEnvelope) new EnvelopeParser().parse(body)).encrypt();
    raw = Base64.getDecoder().decode(ciphertext);
    reusable = Cipher.getInstance("AES/CBC/PKCS5Padding");
    eventCipher = new EventCipher(Deliveries.ENCRYPT_KEY);
    registry = new SimpleMeterRegistry();
    cached = Counter.builder("feishu.events").tag("type", "t").register(registry);
    UUID.randomUUID(); // SecureRandom seeded outside the measurement
  }

  /** What {@code EventCipher.decrypt} does in full, for scale. */
  @Benchmark
  public byte[] decrypt_product() {
    return eventCipher.decrypt(ciphertext);
  }

  /** The part of it a per-thread Cipher would save: the provider lookup. */
  @Benchmark
  public Cipher decrypt_cipherGetInstanceOnly() throws Exception {
    return Cipher.getInstance("AES/CBC/PKCS5Padding");
  }

  /** Decrypt with a reused Cipher (init per call is unavoidable: the IV changes). */
  @Benchmark
  public byte[] decrypt_reusedCipher() throws Exception {
    reusable.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(raw, 0, 16));
    return reusable.doFinal(raw, 16, raw.length - 16);
  }

  @Benchmark
  public MessageDigest digestGetInstanceOnly() throws Exception {
    return MessageDigest.getInstance("SHA-256");
  }

  /** {@code String.split} with a regex compiles it each call, as CommandLineParser does. */
  @Benchmark
  public String[] split_stringRegex() {
    return text.split("\\s+", -1);
  }

  @Benchmark
  public String[] split_precompiled() {
    return WHITESPACE.split(text, -1);
  }

  /**
   * Building and registering the events counter per event, as EventWebhook.count did before the
   * meters were cached per tag set (EventMeters).
   */
  @Benchmark
  public void counter_builderPerEvent() {
    Counter.builder("feishu.events")
        .tag("type", "im.message.receive_v1")
        .tag("outcome", "accepted")
        .tag("reason", "none")
        .register(registry)
        .increment();
  }

  @Benchmark
  public void counter_cached() {
    cached.increment();
  }
}
