# The load-shedding soak (issue 17). Sourced by bench/run.sh, whose helpers it uses (stop,
# wait_port, PIDS and its clean-up); run it as `bench/run.sh --soak [options]`. Results and how to
# read them: BENCHMARKS.md, "Load shedding". Every run is bounded: N events per row, at most 5
# deliveries per event, each bot stopped after its rows; the whole soak takes minutes.
#
#   --events N        events per row (default 1000, as in issue 17's table)
#   --before DIR      also run every row against another build's quarkus-app directory (labelled
#                     "before"), e.g. the base commit's: git archive BASE | tar -x -C /tmp/base &&
#                     (cd /tmp/base && ./mvnw -B -q package -DskipTests); --before /tmp/base/target/quarkus-app
#   --skip-build      reuse the last build
#   --no-pair         skip the rows with two instances sharing DynamoDB (dynalite from npm)
#   --no-single       skip the rows with one instance and the in-memory store

soak_main() {
  local events=1000 before="" pair=true single=true
  while [ $# -gt 0 ]; do
    case "$1" in
      --events) events=$2; shift ;;
      --before) before=$(cd "$2" && pwd); shift ;;
      --skip-build) SKIP_BUILD=true ;;
      --no-pair) pair=false ;;
      --no-single) single=false ;;
      *) echo "unknown soak option $1" >&2; exit 2 ;;
    esac
    shift
  done
  SOAK_EVENTS=$events
  SOAK_OUT=$ROOT/bench/target/results-soak
  mkdir -p "$SOAK_OUT" "$WORK"
  # The product (and so the bench tools that use its classes) needs Java 21+: run.sh's JAVA25.
  SOAK_JAVA=${SOAK_JAVA:-${JAVA25:-java}}
  SOAK_FAKE_URL=http://127.0.0.1:18091
  local bot_port=18090 bot2_port=18092 dynalite_port=18093

  if [ "$SKIP_BUILD" = false ]; then
    log "soak build: product (installed for the bench module) and the bench module"
    ./mvnw -B -q install -DskipTests
    ./mvnw -B -q -f bench/jmh/pom.xml package
  fi
  rm -rf "$WORK/app-soak" && cp -a target/quarkus-app "$WORK/app-soak"
  # This build's product classes first: the bench module's classpath names the product jar in the
  # local Maven repository, which another checkout's install may have replaced since.
  BENCH_CP=$ROOT/bench/jmh/target/classes:$ROOT/target/feishu-bot-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/bench/jmh/target/classpath.txt")

  export FEISHU_APP_ID=cli_bench FEISHU_APP_SECRET=bench-app-secret \
    FEISHU_VERIFICATION_TOKEN=vtoken123 FEISHU_ENCRYPT_KEY="test key" \
    FEISHU_API_BASE_URL=$SOAK_FAKE_URL QUARKUS_HTTP_HOST=127.0.0.1
  $LOAD_CPUS "$SOAK_JAVA" -Xmx256m -cp "$BENCH_CP" io.feishubot.bench.load.SoakOpenApi 18091 \
    > "$SOAK_OUT/soak-open-api.log" 2>&1 &
  PIDS+=("$!")
  wait_port 18091

  [ -s "$SOAK_OUT/soak.tsv" ] || printf '%b\n' "build\tsetup\tscenario\tsenders\terrors\tevents\tdeliveries\tnon_2xx\tlate\tno_2xx_after_5\tmost_deliveries\tapi_attempts\tapi_500\tapi_429\tunreplied (acked_dup)\tmax_replies\tcircuit_opens\tevents_per_s\tload1" \
    > "$SOAK_OUT/soak.tsv"
  local builds=("after:$WORK/app-soak") entry build app
  [ -n "$before" ] && builds=("before:$before" "${builds[@]}")
  for entry in "${builds[@]}"; do
    [ "$single" = true ] || break
    build=${entry%%:*}; app=${entry#*:}
    log "soak: $build, one instance, in-memory store"
    soak_bot "$app" "$bot_port" "$SOAK_OUT/bot-$build-jar.log"
    soak_rows "$build" jar "http://127.0.0.1:$bot_port/feishu/events"
    stop "$SOAK_BOT_PID"
  done

  [ "$pair" = true ] || return 0
  local dynalite_home=$ROOT/bench/target/dynalite first second
  if [ ! -x "$dynalite_home/node_modules/.bin/dynalite" ]; then
    npm install --no-save --silent --prefix "$dynalite_home" dynalite@4.0.0 > /dev/null
  fi
  local dynamo=(FEISHU_IDEMPOTENCY_STORE=dynamodb FEISHU_IDEMPOTENCY_CREATE_TABLE=true
    QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE=http://127.0.0.1:$dynalite_port QUARKUS_DYNAMODB_AWS_REGION=us-east-1
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE=static
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=bench
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=bench)
  for entry in "${builds[@]}"; do
    build=${entry%%:*}; app=${entry#*:}
    log "soak: $build, two instances sharing DynamoDB (dynalite)"
    # dynalite 4.0.0 throws, and exits, when a client aborts a request (as the bot's 400 ms
    # DynamoDB attempt timeout does under this load); the soak wants it to outlive that.
    NODE_PATH=$dynalite_home/node_modules node -e "
      process.on('uncaughtException', e => console.error('dynalite: ' + e.message));
      require('dynalite')({ createTableMs: 0 }).listen($dynalite_port, '127.0.0.1',
        () => console.log('dynalite listening on 127.0.0.1:$dynalite_port'));" \
      > "$SOAK_OUT/dynalite-$build.log" 2>&1 &
    local dynalite_pid=$!; PIDS+=("$dynalite_pid")
    wait_port "$dynalite_port"
    soak_bot "$app" "$bot_port" "$SOAK_OUT/bot-$build-pair-1.log" "${dynamo[@]}"; first=$SOAK_BOT_PID
    # The first created the table; a second creation check at startup only risks the store's 1 s
    # budget on a loaded machine.
    soak_bot "$app" "$bot2_port" "$SOAK_OUT/bot-$build-pair-2.log" "${dynamo[@]}" \
      FEISHU_IDEMPOTENCY_CREATE_TABLE=false; second=$SOAK_BOT_PID
    soak_rows "$build" pair-dynalite \
      "http://127.0.0.1:$bot_port/feishu/events,http://127.0.0.1:$bot2_port/feishu/events"
    stop "$first"; stop "$second"; stop "$dynalite_pid"
  done
  echo
  column -t -s $'\t' "$SOAK_OUT/soak.tsv" || cat "$SOAK_OUT/soak.tsv"
}

soak_bot() { # app-dir port log [env...]: a fresh bot on the server core
  local app=$1 port=$2 out=$3; shift 3
  # shellcheck disable=SC2086
  env "$@" QUARKUS_HTTP_PORT="$port" $SERVER_CPUS "$SOAK_JAVA" $HTTP_JVM_FLAGS -jar "$app/quarkus-run.jar" \
    > "$out" 2>&1 &
  SOAK_BOT_PID=$!; PIDS+=("$SOAK_BOT_PID")
  wait_port "$port"
}

# The same rows for every setup, after a JIT warm-up at low concurrency (not recorded). Events are
# spread over EVENTS/4 chats, so Feishu's 5/s per chat applies, as in production, but rarely
# bites; the last row puts 15 commands into one chat at once, redelivered 2 s apart.
soak_rows() { # build setup urls
  local build=$1 setup=$2 urls=$3 chats=$((SOAK_EVENTS / 4))
  $LOAD_CPUS "$SOAK_JAVA" -cp "$BENCH_CP" io.feishubot.bench.load.Soak warm-up "$urls" "$SOAK_FAKE_URL" \
    600 4 0 600 300 > /dev/null
  soak_row "$build" "$setup" burst-16 "$urls" "$SOAK_EVENTS" 16 0 "$chats" 300
  soak_row "$build" "$setup" burst-32 "$urls" "$SOAK_EVENTS" 32 0 "$chats" 300
  soak_row "$build" "$setup" burst-64 "$urls" "$SOAK_EVENTS" 64 0 "$chats" 300
  soak_row "$build" "$setup" errors-10 "$urls" "$SOAK_EVENTS" 32 0.1 "$chats" 300
  soak_row "$build" "$setup" errors-20 "$urls" "$SOAK_EVENTS" 32 0.2 "$chats" 300
  soak_row "$build" "$setup" one-chat-15 "$urls" 15 15 0 1 2000
}

soak_row() { # build setup scenario urls events senders errors chats gap-ms
  local build=$1 setup=$2 scenario=$3 urls=$4; shift 4
  local line
  line=$($LOAD_CPUS "$SOAK_JAVA" -cp "$BENCH_CP" io.feishubot.bench.load.Soak "$scenario" "$urls" \
    "$SOAK_FAKE_URL" "$@")
  printf '%s\t%s\t%s\t%s\n' "$build" "$setup" "$line" "$(load1)" | tee -a "$SOAK_OUT/soak.tsv"
}
