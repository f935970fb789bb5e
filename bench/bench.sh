#!/usr/bin/env bash
# TwoStep's login benchmark, and Keycloak's beside it. See the README's "Performance".
#
#   bench/bench.sh                      # TwoStep at each hash setting, then Keycloak at its own
#   BENCH_KEYCLOAK=0 bench/bench.sh     # TwoStep only
#
# Builds what the run command builds (the same WildFly, configured by wildfly-config/, the same EAR),
# and for each hash setting seeds BENCH_USERS accounts into a fresh database of its own
# (bench/target/data), starts that server, runs the load generator at each concurrency and stops it. The results
# are JSON lines in bench/target/results-<time>.jsonl and a table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

USERS=${BENCH_USERS:-10000}
CONCURRENCY=${BENCH_CONCURRENCY:-1,2,4,8}
FIRST_WARMUP=${BENCH_FIRST_WARMUP:-120}      # a fresh server: the JIT takes minutes on 2 cores
WARMUP=${BENCH_WARMUP:-15}
WINDOW=${BENCH_WINDOW:-45}
FLOW=${BENCH_FLOW:-twostep}                 # or twostep-oidc: authorize, the login, the code redeemed
HASHES=${BENCH_HASHES-"pbkdf2:1024 pbkdf2:600000 argon2id:7168:5:1"}
KEYCLOAK=${BENCH_KEYCLOAK:-1}
KEYCLOAK_HASHES=${BENCH_KEYCLOAK_HASHES-"pbkdf2:1 pbkdf2:600000 argon2id:7168:5:1"}
KEYCLOAK_VERSION=26.7.3
# The run command's heap and collector (ear/pom.xml, run.jvm.sizing); BENCH_JFR=1 records each window
# (bench/target/profile-*.jfr) with deep stacks.
SERVER_SIZING=${BENCH_SERVER_SIZING:-"-Xms64m -Xmx512m -XX:+UseSerialGC"}
JFR=${BENCH_JFR:-0}
SERVER_JAVA_HOME=${BENCH_SERVER_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}

TARGET=$ROOT/bench/target
DATA=$TARGET/data
RESULTS=$TARGET/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl
WILDFLY=$ROOT/ear/target/server/wildfly-39.0.1.Final
KEY_FILE=$TARGET/secret-key
CP="$TARGET/classes:$TARGET/lib/*"
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.5; done
  fi
  SERVER_PID=
}
trap stop_server EXIT

wait_for() { # url seconds
  for _ in $(seq 1 "$2"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "not answering after $2 s: $1" >&2
  return 1
}

if [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "== build (the run command's server, the EAR, the benchmarks)"
  ./mvnw -q -B -Pbench,run package -DskipTests -Dexec.skip=true
fi
mkdir -p "$DATA"
[ -s "$KEY_FILE" ] || head -c 32 /dev/urandom | base64 > "$KEY_FILE"
SECRET_KEY=$(cat "$KEY_FILE")
echo "server JDK: $("$SERVER_JAVA_HOME/bin/java" -version 2>&1 | head -1); results: $RESULTS"

jfr=()
[ "$JFR" = 1 ] && jfr=(--jfr "$TARGET" --jcmd "$SERVER_JAVA_HOME/bin/jcmd")

for hash in $HASHES; do
  IFS=: read -r algorithm p1 p2 p3 <<< "$hash"
  if [ "$algorithm" = pbkdf2 ]; then
    settings=(-Dtwostep.password.algorithm=PBKDF2WithHmacSHA256 -Dtwostep.password.iterations="$p1")
  else
    settings=(-Dtwostep.password.algorithm=argon2id -Dtwostep.password.argon2.memory-kib="$p1"
              -Dtwostep.password.argon2.iterations="$p2" -Dtwostep.password.argon2.parallelism="$p3")
  fi
  # A fresh database and server data directory for each setting, as Keycloak gets below: the audit
  # trail and challenges of earlier runs would make every later one slower.
  rm -rf "$DATA" && mkdir -p "$DATA"
  echo "== TwoStep, $hash: seeding $USERS accounts"
  "$JAVA_BIN" -cp "$CP" org.twostep.bench.Seed --jdbc "jdbc:h2:file:$DATA/twostep/twostep" \
      --users "$USERS" --hash "$hash" --secret-key "$SECRET_KEY"
  sizing=$SERVER_SIZING
  [ "$JFR" = 1 ] && sizing="$sizing -XX:FlightRecorderOptions:stackdepth=512"
  JAVA_HOME=$SERVER_JAVA_HOME JBOSS_JAVA_SIZING=$sizing MALLOC_ARENA_MAX=2 "$WILDFLY/bin/standalone.sh" -Djboss.server.data.dir="$DATA" \
      -Dtwostep.secret-key="$SECRET_KEY" -Dtwostep.proxy-address-forwarding=true \
      -Dtwostep.oidc.clients=hello-oidc,hello-jakarta,bench \
      -Dtwostep.oidc.client.bench.secret=bench-client-secret-of-at-least-32-chars \
      -Dtwostep.oidc.client.bench.redirect-uris=http://127.0.0.1:9/callback \
      "${settings[@]}" > "$TARGET/wildfly.out" 2>&1 &
  wait_for http://127.0.0.1:8080/twostep/login.xhtml 180
  SERVER_PID=$(pgrep -f "jboss-modules.jar.*jboss.server.data.dir=$DATA" | head -1)
  "$JAVA_BIN" -cp "$CP" org.twostep.bench.Load --flow "$FLOW" --base http://127.0.0.1:8080 --server-pid "$SERVER_PID" \
      --users "$USERS" --concurrency "$CONCURRENCY" --first-warmup "$FIRST_WARMUP" --warmup "$WARMUP" --window "$WINDOW" \
      --label "$hash" --out "$RESULTS" "${jfr[@]}"
  stop_server
done

if [ "$KEYCLOAK" = 1 ]; then
  KC_HOME=$TARGET/keycloak-$KEYCLOAK_VERSION
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    echo "== Keycloak $KEYCLOAK_VERSION from Maven Central"
    ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip -DoutputDirectory="$TARGET"
    (cd "$TARGET" && unzip -q -o keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip && mv keycloak-$KEYCLOAK_VERSION "$KC_HOME" 2>/dev/null || true)
    # Production mode, one node, the embedded H2 file database as TwoStep runs; its default caches
    # (embedded Infinispan, a cluster of one).
    JAVA_HOME=$SERVER_JAVA_HOME "$KC_HOME/bin/kc.sh" build --db=dev-file > "$TARGET/keycloak-build.out" 2>&1
  fi
  for hash in $KEYCLOAK_HASHES; do
    echo "== Keycloak, $hash: importing $USERS users"
    rm -rf "$KC_HOME/data"
    mkdir -p "$KC_HOME/data/import"
    "$JAVA_BIN" -cp "$CP" org.twostep.bench.KeycloakRealm --out "$KC_HOME/data/import/bench-realm.json" --users "$USERS" --hash "$hash"
    JAVA_HOME=$SERVER_JAVA_HOME "$KC_HOME/bin/kc.sh" start --optimized --import-realm --http-enabled=true \
        --http-host=127.0.0.1 --http-port=8180 --hostname=http://127.0.0.1:8180 > "$TARGET/keycloak.out" 2>&1 &
    wait_for http://127.0.0.1:8180/realms/bench/.well-known/openid-configuration 600
    SERVER_PID=$(pgrep -f "kc.home.dir=$KC_HOME" | head -1)
    "$JAVA_BIN" -cp "$CP" org.twostep.bench.Load --flow keycloak --base http://127.0.0.1:8180 --server-pid "$SERVER_PID" \
        --users "$USERS" --concurrency "$CONCURRENCY" --first-warmup "$FIRST_WARMUP" --warmup "$WARMUP" --window "$WINDOW" \
        --label "$hash" --out "$RESULTS"
    stop_server
  done
fi

echo "== results ($RESULTS)"
"$JAVA_BIN" -cp "$CP" org.twostep.bench.Report "$RESULTS"
