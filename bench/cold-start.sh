#!/usr/bin/env bash
# Cold start, process start -> first acknowledged signed, encrypted /ping (reply delivered to a
# local fake Open API), median of 5, for each runtime variant. Run from the repository root.
#   bench/cold-start.sh            # all variants; needs Temurin 25 (and a JDK 21) where set below
# Artifacts are built here in turn; the AOT cache is bound to the absolute path of
# target/quarkus-app it was trained in, so that variant runs in place.
set -euo pipefail
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64}
# The product is compiled for Java 21, Lambda's runtime (java21). Point J21 at a JDK 21 to measure
# that runtime; our build machines have none, so it defaults to J25.
J21=${J21:-$J25}
RUNS=${RUNS:-5}
# Outside target/: the builds below run `clean`.
WORK=${WORK:-/tmp/feishu-bot-coldstart}
# ColdStart.java is JDK-only: any Java 17+ runs it.
bench() { "$J21/bin/java" bench/ColdStart.java "$@"; }

rm -rf "$WORK" && mkdir -p "$WORK/ric"

# 1. Lambda zip under the AWS Lambda Runtime Interface Client.
./mvnw -B -q clean package -Plambda -DskipTests
mkdir -p "$WORK/lambda" && unzip -q target/function.zip -d "$WORK/lambda"
for a in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 \
         com.amazonaws:aws-lambda-java-serialization:1.2.0 \
         software.amazon.awssdk:utils-lite:2.34.0; do
  ./mvnw -B -q dependency:copy -Dartifact="$a" -DoutputDirectory="$WORK/ric"
done
L=$WORK/lambda
echo "== Lambda zip under RIC ($("$J21/bin/java" -version 2>&1 | head -1))"
bench lambda "$RUNS" "$L" -- "$J21/bin/java" -cp "$L:$L/lib/*:$WORK/ric/*" \
  com.amazonaws.services.lambda.runtime.api.client.AWSLambda \
  io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest

# 2. and 3. The plain jar on Java 21 (if J21 is one) and Java 25.
./mvnw -B -q clean package -DskipTests
cp -a target/quarkus-app "$WORK/jvm"
if [ "$J21" != "$J25" ]; then
  echo "== plain jar, $("$J21/bin/java" -version 2>&1 | head -1)"
  bench http "$RUNS" "$WORK/jvm" -- "$J21/bin/java" -jar quarkus-run.jar
fi
echo "== plain jar, Java 25"
bench http "$RUNS" "$WORK/jvm" -- "$J25/bin/java" -jar quarkus-run.jar

# 4. Java 25 with the AOT cache trained by the @QuarkusIntegrationTest runs.
JAVA_HOME=$J25 ./mvnw -B -q verify -Paot -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
echo "== Java 25 + AOT cache"
bench http "$RUNS" target/quarkus-app -- "$J25/bin/java" -XX:AOTCache=app.aot -jar quarkus-run.jar
