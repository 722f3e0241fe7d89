package io.feishubot.nativeimage;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds static initialisers that would capture the build machine in a native image.
 *
 * <p>Quarkus asks native-image to initialise application classes while the image is built, so a
 * static field set from the clock, a random generator, the environment or the machine's size holds
 * the build machine's value forever after: every instance of the binary shares one "random" seed,
 * one start time, the builder's environment variables and core count. (GraalVM refuses a {@code
 * Random} in the image heap on its own, but not a timestamp, an environment variable or a core
 * count.) Netty buffers are on the list too: Netty's own configuration forbids creating them before
 * run time.
 *
 * <p>The search starts at each static initialiser and follows calls into our own methods and
 * constructors (enum constants, {@code static final X = new X()}, helpers), not into libraries.
 * Lambdas are not followed: they run when called, at run time.
 */
final class BuildTimeState {

  /** Owner → methods that read the machine or its clock; {@code <init>} is a constructor. */
  private static final Map<String, Set<String>> MACHINE_READS =
      Map.ofEntries(
          Map.entry(
              "java.lang.System",
              Set.of("currentTimeMillis", "nanoTime", "getenv", "getProperty", "getProperties")),
          Map.entry(
              "java.lang.Runtime",
              Set.of("availableProcessors", "maxMemory", "totalMemory", "freeMemory")),
          Map.entry("java.lang.Integer", Set.of("getInteger")),
          Map.entry("java.lang.Long", Set.of("getLong")),
          Map.entry("java.lang.Boolean", Set.of("getBoolean")),
          Map.entry("java.lang.Math", Set.of("random")),
          Map.entry("java.lang.ProcessHandle", Set.of("current")),
          Map.entry("java.net.InetAddress", Set.of("getLocalHost")),
          Map.entry("java.time.Instant", Set.of("now")),
          Map.entry("java.time.LocalDate", Set.of("now")),
          Map.entry("java.time.LocalDateTime", Set.of("now")),
          Map.entry("java.time.LocalTime", Set.of("now")),
          Map.entry("java.time.OffsetDateTime", Set.of("now")),
          Map.entry("java.time.ZonedDateTime", Set.of("now")),
          Map.entry("java.time.Clock", Set.of("millis", "instant", "systemDefaultZone")),
          Map.entry("java.time.ZoneId", Set.of("systemDefault")),
          Map.entry("java.util.TimeZone", Set.of("getDefault")),
          Map.entry("java.util.Locale", Set.of("getDefault")),
          Map.entry("java.util.UUID", Set.of("randomUUID")),
          Map.entry("java.util.Random", Set.of("<init>")),
          Map.entry("java.util.SplittableRandom", Set.of("<init>")),
          Map.entry(
              "java.security.SecureRandom", Set.of("<init>", "getInstance", "getInstanceStrong")),
          Map.entry("java.util.concurrent.ThreadLocalRandom", Set.of("current")),
          Map.entry("io.vertx.core.buffer.Buffer", Set.of("buffer")),
          Map.entry(
              "io.netty.buffer.Unpooled",
              Set.of("buffer", "directBuffer", "wrappedBuffer", "copiedBuffer")));

  private BuildTimeState() {}

  /** One line per capture: the static initialiser, the path of our calls, and the machine read. */
  static List<String> captures(JavaClasses classes, String root) {
    List<String> found = new ArrayList<>();
    for (JavaClass type : classes) {
      type.getStaticInitializer()
          .ifPresent(
              init -> search(init, root, List.of(init.getFullName()), new HashSet<>(), found));
    }
    found.sort(null);
    return found;
  }

  private static void search(
      JavaCodeUnit unit, String root, List<String> path, Set<String> seen, List<String> found) {
    if (!seen.add(unit.getFullName())) {
      return;
    }
    for (JavaCall<?> call : unit.getCallsFromSelf()) {
      if (call.isDeclaredInLambda()) {
        continue; // ArchUnit reports a lambda's calls as its declaring method's
      }
      String owner = call.getTargetOwner().getName();
      if (MACHINE_READS.getOrDefault(owner, Set.of()).contains(call.getName())) {
        found.add(String.join(" → ", path) + " → " + owner + "." + call.getName());
      } else if (owner.startsWith(root)) {
        call.getTarget()
            .resolveMember()
            .filter(JavaCodeUnit.class::isInstance)
            .map(JavaCodeUnit.class::cast)
            .ifPresent(
                next -> {
                  List<String> longer = new ArrayList<>(path);
                  longer.add(next.getFullName());
                  search(next, root, longer, seen, found);
                });
      }
    }
  }
}
