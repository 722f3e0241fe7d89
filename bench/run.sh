#!/usr/bin/env bash
# Benchmarks feishu-bot against what users would pick instead (the official Feishu Java SDK, on its
# own in JMH and inside a minimal Spring Boot 3 app over HTTP). See BENCHMARKS.md for the results.
#
#   bench/run.sh --quick     a few minutes with the builds: a short comparison (BENCHMARKS.md)
#   bench/run.sh             the full run behind BENCHMARKS.md
#   options: --skip-build    reuse the last build
#            --only LIST     comma-separated subset of: jmh,http,startup,memory,tokens,dynamo,native
#            --native PATH   also measure this native executable beside the JVM jar (section 7)
#   bench/run.sh --soak      the load-shedding soak instead (bench/soak.sh; its options follow)
#
# Everything stays on loopback; every load run is bounded in time or count and stops by itself.
# Results: bench/target/results-<mode>/ (summary.md, results.tsv and the raw tool output).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

MODE=full
SKIP_BUILD=false
PARTIAL=false
SOAK=false
ONLY=jmh,http,startup,memory,tokens,dynamo
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --skip-build) SKIP_BUILD=true ;;
    --only) ONLY=$2; PARTIAL=true; shift ;;
    --soak) SOAK=true; PARTIAL=true; shift; break ;; # the rest are the soak's options
    --native) NATIVE_BIN=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
NATIVE_BIN=${NATIVE_BIN:-}
[ -n "$NATIVE_BIN" ] && [ "$PARTIAL" = false ] && ONLY="$ONLY,native"
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

if [ "$MODE" = quick ]; then
  # A quick comparison of the same jar against the same baseline, not the published figures (what it
  # measures and what it leaves out: BENCHMARKS.md, "Quick mode"). Our pipeline is a longer call
  # chain than the SDK's and needs ~10 s of warm-up before C2 has compiled it on this machine;
  # shorter warm-ups report the interpreter, not the code. One fork: the SDK's time varies between
  # forks, so the quick ratio is indicative only.
  JMH_OPTS=(-f 1 -wi 5 -w 2s -i 3 -r 1s)
  JMH_PIPELINE='PipelineBenchmark\.(feishuBot|sdk)$'; JMH_BENCHMARKS="feishuBot sdk"; JMH_EXTRAS=false
  # HTTP: a fixed 15 s warm-up (the JIT is still compiling both servers) and 5 s measurements.
  WARM_MIN_S=15; WARM_MAX_S=15; RUN_S=5; POOL=70000; STARTUP_RUNS=3; TOKEN_RUN_S=0
  # Memory with the lean flags only; no Java 25 AOT builds or startup variants.
  MEMORY_DEFAULT_FLAGS=false; JAVA25_EXTRAS=false
else
  # The SDK's time varies between JVM forks (15-23 us): several forks, or the ratio is luck.
  JMH_OPTS=(-f 3 -wi 8 -w 2s -i 8 -r 2s)
  JMH_PIPELINE=PipelineBenchmark; JMH_EXTRAS=true
  JMH_BENCHMARKS="feishuBot sdk step1_verifySignature step2_decrypt step3_parseEnvelopes step4_messageAndCommandLine"
  WARM_MIN_S=30; WARM_MAX_S=240; RUN_S=15; POOL=300000; STARTUP_RUNS=5; TOKEN_RUN_S=65
  MEMORY_DEFAULT_FLAGS=true; JAVA25_EXTRAS=true
fi
CONNECTIONS=16
# Load runs measure a server whose JIT has settled: on one core, HotSpot keeps compiling both apps
# for one to three minutes, and a measurement taken meanwhile reports the compiler, not the server
# (our /ping went from ~800 req/s after 5 s to ~3,400 req/s after 120 s). The warm-up ends when
# fewer than WARM_SETTLED_COMPILES methods were compiled in the last 10 s (jstat), after at least
# WARM_MIN_S and at most WARM_MAX_S; its length is recorded with each result.
WARM_SETTLED_COMPILES=25
MEMORY_EVENTS=10000

# The product is compiled for Java 21: every Java program here (our server, the baseline, JMH, the
# load tools) runs on one JDK 21+, by default the one ./mvnw builds with (JAVA=/path/to/bin/java
# chooses another).
JAVA=${JAVA:-$(./mvnw -B -v | sed -n 's/.*runtime: //p')/bin/java}
JAVA_NAME=java$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA25=$JAVA25_HOME/bin/java
[ -x "$JAVA25" ] || JAVA25=
# Same flags for our server and the baseline in the throughput runs; the memory run uses its own.
HTTP_JVM_FLAGS=${HTTP_JVM_FLAGS:--Xms256m -Xmx256m}
MEMORY_JVM_FLAGS=${MEMORY_JVM_FLAGS:--Xmx64m -XX:+UseSerialGC}

OUT=$ROOT/bench/target/results-$MODE
WORK=$ROOT/bench/target/work
mkdir -p "$OUT" "$WORK"
# A partial run (--only) adds to the results of the last run instead of starting afresh.
[ "$PARTIAL" = true ] || : > "$OUT/results.tsv"
OURS_PORT=18080; FAKE_PORT=18081; BASE_PORT=18082; DYNALITE_PORT=18083
DYNAMO_EVENTS=200
URL_OURS=http://127.0.0.1:$OURS_PORT/feishu/events
URL_BASE=http://127.0.0.1:$BASE_PORT/feishu/events

# The server gets one core, the load generator and the fake Open API the other, so they do not
# steal each other's cycles; with a single core everything shares it.
if [ "$(nproc)" -ge 2 ]; then
  SERVER_CPUS="taskset -c 0"; LOAD_CPUS="taskset -c 1"
else
  SERVER_CPUS=""; LOAD_CPUS=""
fi

log() { printf '\n== %s (load %s)\n' "$*" "$(load1)"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
record() { # section name value unit note
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$(load1)" "${5:-}" | tee -a "$OUT/results.tsv"
}

PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

stop() { # pid
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

wait_port() { # port
  for _ in $(seq 1 600); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "nothing answered on port $1" >&2
  return 1
}

# --- soak mode: bursts, duplicates, Open API faults and redelivery (issue 17), in bench/soak.sh ----
if [ "$SOAK" = true ]; then
  # shellcheck source=soak.sh
  source "$ROOT/bench/soak.sh"
  soak_main "$@"
  exit 0
fi

# --- prerequisites ------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

BENCH_CP_FILE=$ROOT/bench/jmh/target/classpath.txt
if [ "$SKIP_BUILD" = false ]; then
  log "build: product (plain jar, installed for the benchmarks), JMH module, SDK baseline"
  ./mvnw -B -q install -DskipTests
  rm -rf "$WORK/app-plain" && cp -a target/quarkus-app "$WORK/app-plain"
  ./mvnw -B -q -f bench/jmh/pom.xml package
  ./mvnw -B -q -f bench/sdk-baseline/pom.xml package -DskipTests
  if [ -n "$JAVA25" ] && [ "$JAVA25_EXTRAS" = true ]; then
    # What the Quarkus AOT switch makes at package time without integration tests to train it
    # (formatting was already applied by the first build).
    JAVA_HOME=$JAVA25_HOME ./mvnw -B -q package -DskipTests -Dspotless.skip=true \
      -Dquarkus.package.jar.aot.enabled=true
    rm -rf "$WORK/app-aot-package" && cp -a target/quarkus-app "$WORK/app-aot-package"
    ./mvnw -B -q package -DskipTests # leave target/ as the plain jar
  fi
fi
BENCH_CP=$ROOT/bench/jmh/target/classes:$(cat "$BENCH_CP_FILE")
BASELINE_JAR=$ROOT/bench/sdk-baseline/target/sdk-baseline.jar
tool() { "$JAVA" -cp "$BENCH_CP" "io.feishubot.bench.load.$@"; }

{
  echo "date: $(date -u +%FT%TZ)"
  echo "mode: $MODE"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tail -1)"
  [ -n "$JAVA25" ] && echo "java25: $("$JAVA25" -version 2>&1 | head -2 | tail -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "load at start: $(cat /proc/loadavg)"
} | tee "$OUT/machine.txt"

# --- 1. core pipeline (JMH) ---------------------------------------------------------------------
if wants jmh; then
  log "JMH: feishu-bot pipeline vs SDK EventDispatcher"
  "$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main "$JMH_PIPELINE" "${JMH_OPTS[@]}" \
    -prof gc -rf csv -rff "$OUT/jmh.csv" | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|Pipeline)' || true
  for b in $JMH_BENCHMARKS; do
    ns=$(awk -F, -v b="\"io.feishubot.bench.PipelineBenchmark.$b\"" '$1==b {print $5}' "$OUT/jmh.csv")
    err=$(awk -F, -v b="\"io.feishubot.bench.PipelineBenchmark.$b\"" '$1==b {print $6}' "$OUT/jmh.csv")
    alloc=$(awk -F, -v b="\"io.feishubot.bench.PipelineBenchmark.$b:gc.alloc.rate.norm\"" '$1==b {print $5}' "$OUT/jmh.csv")
    record jmh "$b" "$(printf '%.0f' "$ns")" "ns/op ±$(printf '%.0f' "$err")" "alloc $(printf '%.0f' "$alloc") B/op"
  done
  if [ "$JMH_EXTRAS" = true ]; then
    log "JMH: in-memory dedup store, claim cost against a day's remembered events"
    "$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main DedupStoreBenchmark -rf csv -rff "$OUT/jmh-dedup.csv" \
      > "$OUT/jmh-dedup.txt"
    awk -F, 'NR>1 {gsub(/"/,""); printf "dedup\tclaim with %s live entries\t%.0f\tns/op\n", $8, $5}' "$OUT/jmh-dedup.csv" |
      while IFS=$'\t' read -r s n v u; do record "$s" "$n" "$v" "$u"; done
    log "JMH: per-event fixed costs that a cache could avoid"
    "$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main CostCentersBenchmark -rf csv -rff "$OUT/jmh-costs.csv" \
      > "$OUT/jmh-costs.txt"
    awk -F, 'NR>1 {gsub(/"/,""); sub(/.*\./, "", $1); printf "cost\t%s\t%.0f\tns/op\n", $1, $5}' "$OUT/jmh-costs.csv" |
      while IFS=$'\t' read -r s n v u; do record "$s" "$n" "$v" "$u"; done
  fi
  if [ "$MODE" = full ]; then
    "$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main 'PipelineBenchmark\.(feishuBot|sdk)$' \
      -f 1 -wi 8 -w 2s -i 3 -r 3s -prof 'stack:lines=3;top=20' > "$OUT/jmh-stack.txt"
  fi
fi

# --- pools of unique deliveries -----------------------------------------------------------------
pool() { # kind size file
  # Reused while fresh: the deliveries carry signed timestamps, which the server's window refuses
  # once they are a day old.
  [ -s "$3" ] && [ "$(wc -l < "$3")" -ge "$2" ] && [ -z "$(find "$3" -mmin +720)" ] && return 0
  tool DeliveryPool "$1" "$2" "$3"
}
if wants http || wants startup || wants memory || wants tokens || wants dynamo; then
  log "generating pools of signed, encrypted deliveries with unique event ids"
  pool FROM_APP "$POOL" "$WORK/app-warm.txt"
  pool FROM_APP "$POOL" "$WORK/app-run.txt"
  # /ping now runs at 6k+ requests/s on one core: a run pool of POOL/4 would wrap within 15 s.
  pool PING $((POOL * 2)) "$WORK/ping-warm.txt"
  pool PING $((POOL / 2)) "$WORK/ping-run.txt"
  pool PING "$MEMORY_EVENTS" "$WORK/ping-memory.txt"
  pool PING "$DYNAMO_EVENTS" "$WORK/ping-dynamo.txt"
fi

export FEISHU_APP_ID=cli_bench FEISHU_APP_SECRET=bench-app-secret \
  FEISHU_VERIFICATION_TOKEN=vtoken123 FEISHU_ENCRYPT_KEY="test key" \
  FEISHU_API_BASE_URL=http://127.0.0.1:$FAKE_PORT \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$OURS_PORT

start_fake() { # [token lifetime s]
  $LOAD_CPUS "$JAVA" -Xmx256m -cp "$BENCH_CP" io.feishubot.bench.load.FakeOpenApi "$FAKE_PORT" "$@" \
    > "$OUT/fake-open-api.log" 2>&1 &
  FAKE_PID=$!; PIDS+=("$FAKE_PID")
  wait_port "$FAKE_PORT"
}
fake_stat() { curl -s "http://127.0.0.1:$FAKE_PORT/stats" | cut -d' ' -f"$1"; }

# start_server NAME JVMFLAGS: our jar or the baseline, pinned to the server core
start_server() {
  local name=$1 flags=$2
  case "$name" in
    ours)
      # shellcheck disable=SC2086
      $SERVER_CPUS "$JAVA" $flags -jar "$WORK/app-plain/quarkus-run.jar" > "$OUT/server-$name.log" 2>&1 &
      SERVER_PORT=$OURS_PORT; SERVER_URL=$URL_OURS ;;
    sdk-quiet|sdk-default)
      local logging=()
      # The SDK logs every request's headers and body at INFO; "quiet" turns just that off.
      [ "$name" = sdk-quiet ] && logging=(--logging.level.com.lark.oapi=WARN)
      # shellcheck disable=SC2086
      $SERVER_CPUS "$JAVA" $flags -jar "$BASELINE_JAR" --server.port=$BASE_PORT \
        --server.address=127.0.0.1 --feishu.api-base-url="$FEISHU_API_BASE_URL" "${logging[@]}" \
        > "$OUT/server-$name.log" 2>&1 &
      SERVER_PORT=$BASE_PORT; SERVER_URL=$URL_BASE ;;
  esac
  SERVER_PID=$!; PIDS+=("$SERVER_PID")
  wait_port "$SERVER_PORT"
}

wrk_run() { # url seconds pool
  $LOAD_CPUS wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s -s "$ROOT/bench/http/deliveries.lua" "$1" -- "$3" 1 \
    | grep '^RESULT'
}

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process
JSTAT=$(dirname "$(readlink -f "$JAVA")")/jstat
compiled_methods() { "$JSTAT" -compiler "$1" | awk 'NR == 2 {print $1}'; }
# warm_until_settled URL POOL PID OUTFILE: load until the JIT settles; prints "seconds compiled"
warm_until_settled() {
  if [ "$WARM_MIN_S" -ge "$WARM_MAX_S" ]; then
    # A fixed warm-up (quick mode): no polling, whose jstat JVMs would compete for the cores.
    $LOAD_CPUS wrk -t1 -c"$CONNECTIONS" -d"$WARM_MAX_S"s --timeout 5s -s "$ROOT/bench/http/deliveries.lua" \
      "$1" -- "$2" 1 > "$4" 2>&1 || true
    echo "$WARM_MAX_S $(compiled_methods "$3")"
    return
  fi
  $LOAD_CPUS wrk -t1 -c"$CONNECTIONS" -d"$WARM_MAX_S"s --timeout 5s -s "$ROOT/bench/http/deliveries.lua" \
    "$1" -- "$2" 1 > "$4" 2>&1 &
  local wrk_pid=$! start=$SECONDS before after
  before=$(compiled_methods "$3")
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 10
    after=$(compiled_methods "$3")
    echo "warm-up t=$((SECONDS - start))s compiled=$after (+$((after - before)))" >> "$4.jit"
    if [ $((SECONDS - start)) -ge "$WARM_MIN_S" ] && [ $((after - before)) -lt "$WARM_SETTLED_COMPILES" ]; then
      kill "$wrk_pid" 2>/dev/null || true
      break
    fi
    before=$after
  done
  wait "$wrk_pid" 2>/dev/null || true
  echo "$((SECONDS - start)) $after"
}

# --- 2. HTTP end to end -------------------------------------------------------------------------
if wants http; then
  # The baseline with the SDK's default (per-request INFO) logging only in the full run.
  HTTP_SERVERS="ours sdk-quiet"
  [ "$MODE" = full ] && HTTP_SERVERS="ours sdk-quiet sdk-default"
  for server in $HTTP_SERVERS; do
    for scenario in app ping; do
      log "HTTP $server / $scenario: warm until the JIT settles (${WARM_MIN_S}-${WARM_MAX_S}s), measure ${RUN_S}s at $CONNECTIONS connections"
      start_fake
      start_server "$server" "$HTTP_JVM_FLAGS"
      read -r warm_s warm_jit < <(warm_until_settled "$SERVER_URL" "$WORK/$scenario-warm.txt" "$SERVER_PID" \
        "$OUT/wrk-$server-$scenario-warm.txt")
      cpu_before=$(cpu_ticks "$SERVER_PID")
      result=$(wrk_run "$SERVER_URL" "$RUN_S" "$WORK/$scenario-run.txt")
      cpu_ticks_used=$(( $(cpu_ticks "$SERVER_PID") - cpu_before ))
      echo "$result" > "$OUT/wrk-$server-$scenario.txt"
      tokens=$(fake_stat 1); replies=$(fake_stat 2); rejected=$(fake_stat 3)
      # Server CPU per request does not depend on whether the server or the load generator was
      # the bottleneck (at 14k req/s ours leaves part of its core idle).
      requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$result")
      cpu_us=$(( requests > 0 ? cpu_ticks_used * 1000000 / CLK_TCK / requests : 0 ))
      record http "$server/$scenario" "$result server_cpu_us_per_request=$cpu_us" "" \
        "warm=${warm_s}s jit_methods=$warm_jit server_cpu=$((cpu_ticks_used * 100 / CLK_TCK / RUN_S))% tokens=$tokens replies=$replies rejected=$rejected"
      stop "$SERVER_PID"; stop "$FAKE_PID"
    done
  done
fi

# Where our server's time goes under the no-outbound load: JFR execution samples, top frames and
# the first frame of ours (io.feishubot) in each sample. Full mode only; its own run, not measured.
top_frames() { # jfr file
  "$(dirname "$(readlink -f "$JAVA")")/jfr" print --events jdk.ExecutionSample "$1" > "$1.txt"
  echo "-- top frames (self time)"
  awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' "$1.txt" |
    sort | uniq -c | sort -rn | head -20 || true # head closes the pipe early: not a failure
  echo "-- first feishu-bot frame on the stack (inclusive)"
  awk '/stackTrace = \[/ {inside=1; found=0; next} inside && /io\.feishubot/ && !found {l=$0; sub(/^[ \t]+/, "", l); sub(/line:.*/, "", l); print l; found=1} /^\]/ {inside=0}' "$1.txt" |
    sort | uniq -c | sort -rn | head -15 || true
}
if wants http && [ "$MODE" = full ]; then
  log "JFR profile of our server under the no-outbound load"
  start_fake
  start_server ours "$HTTP_JVM_FLAGS -XX:StartFlightRecording=filename=$OUT/ours-app.jfr,settings=profile,dumponexit=true"
  warm_until_settled "$SERVER_URL" "$WORK/app-warm.txt" "$SERVER_PID" "$OUT/wrk-profile-warm.txt" > /dev/null
  wrk_run "$SERVER_URL" "$RUN_S" "$WORK/app-run.txt" > /dev/null
  stop "$SERVER_PID"; stop "$FAKE_PID"
  [ -f "$OUT/ours-app.jfr" ] && top_frames "$OUT/ours-app.jfr" > "$OUT/ours-app-profile.txt"
fi

# --- 3. startup ---------------------------------------------------------------------------------
probe() { # label url command...
  local label=$1 url=$2; shift 2
  tool StartupProbe "$url" "$WORK/app-run.txt" "$STARTUP_RUNS" "$OUT/startup-$label.log" -- "$@" \
    > "$OUT/startup-$label.txt"
  record startup "$label" "$(awk '/^median/ {print $2}' "$OUT/startup-$label.txt")" "ms (median of $STARTUP_RUNS)" \
    "$(grep '^run' "$OUT/startup-$label.txt" | awk '{print $3}' | paste -sd' ')"
}
if wants startup; then
  log "startup: process start to first acknowledged signed event"
  start_fake
  probe "ours-$JAVA_NAME" "$URL_OURS" bash -c "cd '$WORK/app-plain' && exec '$JAVA' -jar quarkus-run.jar"
  probe "sdk-spring-$JAVA_NAME" "$URL_BASE" "$JAVA" -jar "$BASELINE_JAR" --server.port=$BASE_PORT \
    --server.address=127.0.0.1 --logging.level.com.lark.oapi=WARN
  if [ -n "$JAVA25" ] && [ "$JAVA25_EXTRAS" = true ]; then
    [ "$JAVA25" -ef "$JAVA" ] ||
      probe ours-java25 "$URL_OURS" bash -c "cd '$WORK/app-plain' && exec '$JAVA25' -jar quarkus-run.jar"
    if [ -f "$WORK/app-aot-package/app-cds.jsa" ]; then
      probe ours-java25-package-archive "$URL_OURS" bash -c \
        "cd '$WORK/app-aot-package' && exec '$JAVA25' -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar"
    fi
    # JEP 514 one-step training on the real workload (what @QuarkusIntegrationTest training does
    # with the test suite): run with -XX:AOTCacheOutput, send events, stop; the JVM writes the cache.
    rm -rf "$WORK/app-aot-trained" && cp -a "$WORK/app-plain" "$WORK/app-aot-trained"
    (cd "$WORK/app-aot-trained" && exec "$JAVA25" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar) \
      > "$OUT/aot-training.log" 2>&1 &
    TRAIN_PID=$!; PIDS+=("$TRAIN_PID")
    wait_port "$OURS_PORT"
    tool Sender "$URL_OURS" "$WORK/ping-warm.txt" 2000 4 > "$OUT/aot-training-sender.txt"
    # The JVM assembles the cache at exit, which takes a while: wait for it, do not kill it.
    kill "$TRAIN_PID"; wait "$TRAIN_PID" 2>/dev/null || true
    if [ -f "$WORK/app-aot-trained/app.aot" ]; then
      probe ours-java25-aot-trained "$URL_OURS" bash -c \
        "cd '$WORK/app-aot-trained' && exec '$JAVA25' -XX:AOTCache=app.aot -jar quarkus-run.jar"
      # With the C1-only flag serverless.yml gives the Lambda JVM: less JIT work competing with boot.
      probe ours-java25-aot-trained-c1 "$URL_OURS" bash -c \
        "cd '$WORK/app-aot-trained' && exec '$JAVA25' -XX:AOTCache=app.aot -XX:TieredStopAtLevel=1 -jar quarkus-run.jar"
    else
      echo "AOT training wrote no cache; see $OUT/aot-training.log" >&2
    fi
  fi
  stop "$FAKE_PID"
fi

# --- 4. memory ----------------------------------------------------------------------------------
memory_run() { # label server flags [malloc arenas]
  local label=$1 server=$2 flags=$3 arenas=${4:-}
  log "memory $label: RSS after $MEMORY_EVENTS /ping events with $flags${arenas:+ MALLOC_ARENA_MAX=$arenas}"
  start_fake
  if [ -n "$arenas" ]; then MALLOC_ARENA_MAX=$arenas start_server "$server" "$flags"; else start_server "$server" "$flags"; fi
  local idle sent rss hwm
  idle=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
  sent=$(tool Sender "$SERVER_URL" "$WORK/ping-memory.txt" "$MEMORY_EVENTS" 4)
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  record memory "$label" "$((rss / 1024))" "MiB RSS" \
    "idle=$((idle / 1024))MiB peak=$((hwm / 1024))MiB sender(sent ok failed s)=$sent replies=$(fake_stat 2)"
  stop "$SERVER_PID"; stop "$FAKE_PID"
}
# A lean set for small containers: smaller heap, C1 only (no C2 code or compiler arenas), a
# smaller code cache and thread stacks, two malloc arenas.
LEAN_JVM_FLAGS=${LEAN_JVM_FLAGS:--Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -Xss256k}
if wants memory; then
  if [ "$MEMORY_DEFAULT_FLAGS" = true ]; then
    memory_run ours ours "$MEMORY_JVM_FLAGS"
    memory_run sdk-quiet sdk-quiet "$MEMORY_JVM_FLAGS"
  fi
  memory_run ours-lean ours "$LEAN_JVM_FLAGS" 2
  memory_run sdk-quiet-lean sdk-quiet "$LEAN_JVM_FLAGS" 2
fi

# --- 5. token fetches under a compressed token lifetime -----------------------------------------
# Feishu's tokens live 7200 s. With a 330 s lifetime, a cache that refreshes 5 min before expiry
# refetches every 30 s, so a 65 s run shows the policy: 3 fetches (t=0, 30, 60) for ours.
if wants tokens && [ "$TOKEN_RUN_S" -gt 0 ]; then
  for server in ours sdk-quiet; do
    log "token fetches $server: ${TOKEN_RUN_S}s of /ping traffic, token lifetime 330 s"
    start_fake 330
    start_server "$server" "$HTTP_JVM_FLAGS"
    # 4 connections, 10 ms between requests: ~400 events/s, so the pool never wraps to duplicates.
    $LOAD_CPUS wrk -t1 -c4 -d"${TOKEN_RUN_S}"s -s "$ROOT/bench/http/deliveries.lua" "$SERVER_URL" -- \
      "$WORK/ping-run.txt" 1 10 > "$OUT/wrk-tokens-$server.txt" 2>&1 || true
    record tokens "$server" "$(fake_stat 1)" "token fetches in ${TOKEN_RUN_S}s (lifetime 330s)" \
      "replies=$(fake_stat 2) $(grep '^RESULT' "$OUT/wrk-tokens-$server.txt" | cut -d' ' -f2)"
    stop "$SERVER_PID"; stop "$FAKE_PID"
  done
fi

# --- 6. DynamoDB calls per event ----------------------------------------------------------------
# Our jar with the DynamoDB store against dynalite (open-source DynamoDB server, from npm), counting
# the store's own call metric: N new events, then the same N again as redeliveries.
idempotency_calls() {
  curl -s "http://127.0.0.1:$OURS_PORT/q/metrics" |
    awk '/^feishu_idempotency_calls_total/ {sum += $NF} END {printf "%d", sum}'
}
if wants dynamo; then
  log "DynamoDB calls per new and per duplicate event ($DYNAMO_EVENTS each)"
  DYNALITE_HOME=$ROOT/bench/target/dynalite
  if [ ! -x "$DYNALITE_HOME/node_modules/.bin/dynalite" ]; then
    npm install --no-save --silent --prefix "$DYNALITE_HOME" dynalite@4.0.0 > /dev/null
  fi
  "$DYNALITE_HOME/node_modules/.bin/dynalite" --host 127.0.0.1 --port "$DYNALITE_PORT" --createTableMs 0 \
    > "$OUT/dynalite.log" 2>&1 &
  DYNALITE_PID=$!; PIDS+=("$DYNALITE_PID")
  wait_port "$DYNALITE_PORT"
  start_fake
  FEISHU_IDEMPOTENCY_STORE=dynamodb FEISHU_IDEMPOTENCY_CREATE_TABLE=true \
    QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE=http://127.0.0.1:$DYNALITE_PORT QUARKUS_DYNAMODB_AWS_REGION=us-east-1 \
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE=static \
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=bench \
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=bench \
    start_server ours "$HTTP_JVM_FLAGS"
  before=$(idempotency_calls)
  sent_new=$(tool Sender "$URL_OURS" "$WORK/ping-dynamo.txt" "$DYNAMO_EVENTS" 4)
  after_new=$(idempotency_calls)
  sent_dup=$(tool Sender "$URL_OURS" "$WORK/ping-dynamo.txt" "$DYNAMO_EVENTS" 4)
  after_dup=$(idempotency_calls)
  curl -s "http://127.0.0.1:$OURS_PORT/q/metrics" | grep '^feishu_idempotency_calls_total' > "$OUT/dynamo-calls.txt" || true
  record dynamo "calls per new event" "$(awk -v a="$before" -v b="$after_new" -v n="$DYNAMO_EVENTS" 'BEGIN {printf "%.2f", (b-a)/n}')" \
    "DynamoDB calls" "sender(sent ok failed s)=$sent_new replies=$(fake_stat 2)"
  record dynamo "calls per duplicate event" "$(awk -v a="$after_new" -v b="$after_dup" -v n="$DYNAMO_EVENTS" 'BEGIN {printf "%.2f", (b-a)/n}')" \
    "DynamoDB calls" "sender(sent ok failed s)=$sent_dup replies=$(fake_stat 2)"
  stop "$SERVER_PID"; stop "$FAKE_PID"; stop "$DYNALITE_PID"
fi

# --- 7. a native executable beside the JVM jar (--native PATH) -----------------------------------
# The comparison behind BENCHMARKS.md's "Native executable" section, rerunnable wherever a GraalVM
# or Mandrel toolchain built the binary (./mvnw package -Dnative: the plain HTTP runner, not the
# -Plambda bootstrap). Both sides get the same load: signed, encrypted events that need no reply,
# NATIVE_CONNECTIONS connections, server and wrk sharing every core (no pinning), a fixed warm-up,
# then RUN_S measured; plus process start to first acknowledged event, resident memory and, for
# the binary, its garbage collections during the measured run (-XX:+PrintGC).
#   NATIVE_FLAGS   run-time flags for the binary, e.g. "-Xmx256m" (default: the baked-in ones)
#   NATIVE_JVM     the java that runs the jar, 21 or newer (default: the Java 25 above)
NATIVE_CONNECTIONS=${NATIVE_CONNECTIONS:-32}
NATIVE_WARM_S=${NATIVE_WARM_S:-30}
NATIVE_FLAGS=${NATIVE_FLAGS:-}
NATIVE_JVM=${NATIVE_JVM:-${JAVA25:-$JAVA}}
native_load() { # url seconds pool
  wrk -t1 -c"$NATIVE_CONNECTIONS" -d"$2"s --timeout 5s -s "$ROOT/bench/http/deliveries.lua" "$1" -- \
    "$3" 1 | grep '^RESULT'
}
gc_summary() { # PrintGC lines on stdin -> "incremental=N full=N gc_ms=T max_pause_ms=P"
  sed -n 's/.*\(Incremental\|Full\) GC.* \([0-9.]*\) secs.*/\1 \2/p' |
    awk '{n[$1]++; t += $2 * 1000; if ($2 * 1000 > max) max = $2 * 1000}
      END {printf "incremental=%d full=%d gc_ms=%.0f max_pause_ms=%.1f", n["Incremental"], n["Full"], t, max}'
}
if wants native; then
  if [ ! -x "$NATIVE_BIN" ]; then
    echo "--native: '$NATIVE_BIN' is not an executable (build it with ./mvnw package -Dnative)" >&2
    exit 2
  fi
  log "native executable vs JVM jar: no-reply events, $NATIVE_CONNECTIONS connections, all cores shared, ${NATIVE_WARM_S}s warm-up, ${RUN_S}s measured"
  pool FROM_APP "$POOL" "$WORK/app-warm.txt"
  pool FROM_APP "$POOL" "$WORK/app-run.txt"
  start_fake
  # shellcheck disable=SC2086
  probe native-binary "$URL_OURS" "$NATIVE_BIN" $NATIVE_FLAGS
  probe native-cmp-jvm "$URL_OURS" bash -c "cd '$WORK/app-plain' && exec '$NATIVE_JVM' -jar quarkus-run.jar"
  for side in jvm native; do
    server_log=$OUT/native-cmp-$side.log
    if [ "$side" = native ]; then
      # shellcheck disable=SC2086
      "$NATIVE_BIN" -XX:+PrintGC $NATIVE_FLAGS > "$server_log" 2>&1 &
      flags="${NATIVE_FLAGS:-baked-in defaults}"
    else
      # shellcheck disable=SC2086
      "$NATIVE_JVM" $HTTP_JVM_FLAGS -jar "$WORK/app-plain/quarkus-run.jar" > "$server_log" 2>&1 &
      flags=$HTTP_JVM_FLAGS
    fi
    server_pid=$!; PIDS+=("$server_pid")
    wait_port "$OURS_PORT"
    native_load "$URL_OURS" "$NATIVE_WARM_S" "$WORK/app-warm.txt" > "$OUT/wrk-native-cmp-$side-warm.txt" || true
    log_lines=$(wc -l < "$server_log")
    cpu_before=$(cpu_ticks "$server_pid")
    result=$(native_load "$URL_OURS" "$RUN_S" "$WORK/app-run.txt")
    cpu_ticks_used=$(( $(cpu_ticks "$server_pid") - cpu_before ))
    requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$result")
    cpu_us=$(( requests > 0 ? cpu_ticks_used * 1000000 / CLK_TCK / requests : 0 ))
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status")
    hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$server_pid/status")
    gc=""
    [ "$side" = native ] && gc=" $(tail -n +"$((log_lines + 1))" "$server_log" | gc_summary)"
    record native "$side/app" "$result server_cpu_us_per_request=$cpu_us" "" \
      "connections=$NATIVE_CONNECTIONS warm=${NATIVE_WARM_S}s rss=${rss}MiB peak=${hwm}MiB flags=$flags$gc"
    stop "$server_pid"
  done
  stop "$FAKE_PID"
fi

echo "load at end: $(cat /proc/loadavg)" | tee -a "$OUT/machine.txt"
echo
echo "results: $OUT/results.tsv"
column -t -s $'\t' "$OUT/results.tsv" || cat "$OUT/results.tsv"
