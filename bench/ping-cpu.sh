#!/usr/bin/env bash
# Server CPU per /ping (and req/s, p99) for one server build on one pinned core, with optional CPU
# profile: the A/B experiments behind BENCHMARKS.md's "what changed" rows (event loops, reply body).
#   bench/ping-cpu.sh APP LABEL [java flags...]
#     APP: a quarkus-app directory (ours) or bench/sdk-baseline/target/sdk-baseline.jar
#     e.g. bench/ping-cpu.sh bench/target/work/app-plain loops1 -Dquarkus.vertx.event-loops-pool-size=1
#   WARM=80 MEAS=10 (seconds); PROFILE=1 attaches async-profiler 4.1 for the measured window and
#   writes collapsed stacks to /tmp/ping-cpu-LABEL/collapsed.txt.
# Needs the pools and jars of a prior bench/run.sh (bench/target/work, bench/jmh/target).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=$1; LABEL=$2; shift 2
WARM=${WARM:-80}; MEAS=${MEAS:-10}
W=$ROOT/bench/target/work
OUTD=/tmp/ping-cpu-$LABEL; mkdir -p "$OUTD"
BENCH_CP=$ROOT/bench/jmh/target/classes:$(cat "$ROOT/bench/jmh/target/classpath.txt")
# A JDK 21+ (the product's target), by default the one ./mvnw builds with, as in run.sh.
JAVA=${JAVA:-$("$ROOT/mvnw" -B -v | sed -n 's/.*runtime: //p')/bin/java}
export FEISHU_APP_ID=cli_bench FEISHU_APP_SECRET=bench-app-secret FEISHU_VERIFICATION_TOKEN=vtoken123 \
  FEISHU_ENCRYPT_KEY="test key" FEISHU_API_BASE_URL=http://127.0.0.1:18081 \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=18080
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

taskset -c 1 "$JAVA" -Xmx256m -cp "$BENCH_CP" io.feishubot.bench.load.FakeOpenApi 18081 > "$OUTD/fake.log" 2>&1 &
PIDS+=($!)
sleep 1.5
if [[ $APP == *.jar ]]; then
  taskset -c 0 "$JAVA" -Xms256m -Xmx256m "$@" -jar "$APP" --server.port=18080 --server.address=127.0.0.1 \
    --feishu.api-base-url=http://127.0.0.1:18081 --logging.level.com.lark.oapi=WARN > "$OUTD/server.log" 2>&1 &
else
  taskset -c 0 "$JAVA" -Xms256m -Xmx256m "$@" -jar "$APP/quarkus-run.jar" > "$OUTD/server.log" 2>&1 &
fi
SRV=$!; PIDS+=("$SRV")
for _ in $(seq 1 200); do (echo > /dev/tcp/127.0.0.1/18080) 2>/dev/null && break; sleep 0.2; done

load() { # seconds pool output
  taskset -c 1 wrk -t1 -c16 -d"$1"s --timeout 5s -s "$ROOT/bench/http/deliveries.lua" \
    http://127.0.0.1:18080/feishu/events -- "$2" 1 > "$3" 2>&1
}
load "$WARM" "$W/ping-warm.txt" "$OUTD/wrk-warm.txt"

AP=
if [ "${PROFILE:-0}" = 1 ]; then
  AP=$OUTD/ap/linux-x64/libasyncProfiler.so
  JAR=$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar
  [ -f "$JAR" ] || "$ROOT/mvnw" -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1
  [ -f "$AP" ] || (mkdir -p "$OUTD/ap" && cd "$OUTD/ap" && unzip -q -o "$JAR" 'linux-x64/*')
  "$(dirname "$JAVA")/jcmd" "$SRV" JVMTI.agent_load "$AP" '"start,event=cpu,interval=1ms"' > /dev/null
fi
ticks0=$(awk '{print $14 + $15}' "/proc/$SRV/stat")
load "$MEAS" "$W/ping-run.txt" "$OUTD/wrk.txt"
ticks1=$(awk '{print $14 + $15}' "/proc/$SRV/stat")
[ -n "$AP" ] && "$(dirname "$JAVA")/jcmd" "$SRV" JVMTI.agent_load "$AP" "\"stop,collapsed,file=$OUTD/collapsed.txt\"" > /dev/null

result=$(grep '^RESULT' "$OUTD/wrk.txt")
requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$result")
cpu_us=$(( (ticks1 - ticks0) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))
echo "$LABEL: $result server_cpu_us_per_request=$cpu_us load=$(cut -d' ' -f1 /proc/loadavg)"
