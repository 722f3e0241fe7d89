#!/usr/bin/env bash
# Cold start, process start -> first acknowledged signed, encrypted /ping (reply delivered to a
# local fake Open API), median of 5, for each runtime variant. Run from the repository root.
#   bench/cold-start.sh            # all variants; needs JDK 17 and Temurin 25 where set below
# Artifacts are built here in turn; the AOT cache is bound to the absolute path of
# target/quarkus-app it was trained in, so that variant runs in place.
set -euo pipefail
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-5}
# Outside target/: the builds below run `clean`.
WORK=${WORK:-/tmp/feishu-bot-coldstart}
bench() { "$J17/bin/java" -cp "$WORK/classes" bench/ColdStart.java "$@"; }

rm -rf "$WORK" && mkdir -p "$WORK/ric"

# 1. Lambda zip under the AWS Lambda Runtime Interface Client.
./mvnw -B -q clean package -Plambda -DskipTests
mkdir -p "$WORK/lambda" && unzip -q target/function.zip -d "$WORK/lambda"
for a in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 \
         com.amazonaws:aws-lambda-java-serialization:1.2.0 \
         software.amazon.awssdk:utils-lite:2.34.0; do
  ./mvnw -B -q dependency:copy -Dartifact="$a" -DoutputDirectory="$WORK/ric"
done
cp -a target/classes "$WORK/classes"
L=$WORK/lambda
echo "== Lambda zip under RIC (Java 17)"
bench lambda "$RUNS" "$L" -- "$J17/bin/java" -cp "$L:$L/lib/*:$WORK/ric/*" \
  com.amazonaws.services.lambda.runtime.api.client.AWSLambda \
  io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest

# 2. and 3. The plain jar on Java 17 and Java 25.
./mvnw -B -q clean package -DskipTests
cp -a target/quarkus-app "$WORK/jvm"
echo "== plain jar, Java 17"
bench http "$RUNS" "$WORK/jvm" -- "$J17/bin/java" -jar quarkus-run.jar
echo "== plain jar, Java 25"
bench http "$RUNS" "$WORK/jvm" -- "$J25/bin/java" -jar quarkus-run.jar

# 4. Java 25 with the AOT cache trained by the @QuarkusIntegrationTest runs.
JAVA_HOME=$J25 ./mvnw -B -q verify -Paot -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
echo "== Java 25 + AOT cache"
bench http "$RUNS" target/quarkus-app -- "$J25/bin/java" -XX:AOTCache=app.aot -jar quarkus-run.jar
