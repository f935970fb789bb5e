#!/usr/bin/env bash
# The sweeper at scale: BENCH_CHALLENGES (1,000,000) expired pending challenges, swept by the one
# timer in batches, each expired and audited once. Prints how long the sweep took and how much heap
# the server held meanwhile (old generation after each collection, from jstat), against the same
# server idle: a constant heap, not one that grows with the backlog.
#
#   bench/sweeper.sh        # after bench/bench.sh has built (or with BENCH_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CHALLENGES=${BENCH_CHALLENGES:-1000000}
SERVER_JAVA_HOME=${BENCH_SERVER_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
TARGET=$ROOT/bench/target
DATA=$TARGET/sweeper-data
WILDFLY=$ROOT/ear/target/server/wildfly-39.0.1.Final
LOG=$WILDFLY/standalone/log/server.log
CP="$TARGET/classes:$TARGET/lib/*"
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -d "$TARGET/lib" ]; then
  ./mvnw -q -B -Pbench,run package -DskipTests -Dexec.skip=true
fi
rm -rf "$DATA"
mkdir -p "$DATA"
KEY=$(head -c 32 /dev/urandom | base64)
echo "== seeding $CHALLENGES expired challenges"
"$JAVA_BIN" -cp "$CP" org.twostep.bench.Seed --jdbc "jdbc:h2:file:$DATA/twostep/twostep" --users 100 \
    --hash pbkdf2:1024 --secret-key "$KEY" --expired-challenges "$CHALLENGES" 2>&1 | grep -v "^INFO\|^[A-Z][a-z][a-z] [0-9]"

lines=$( [ -f "$LOG" ] && wc -l < "$LOG" || echo 0)
# The first sweep runs one interval after the start: long enough to read the idle heap first.
# As the run command starts it (ear/pom.xml, run.jvm.sizing).
JAVA_HOME=$SERVER_JAVA_HOME JBOSS_JAVA_SIZING="-Xms64m -Xmx512m -XX:+UseSerialGC" MALLOC_ARENA_MAX=2 \
    "$WILDFLY/bin/standalone.sh" -Djboss.server.data.dir="$DATA" -Dtwostep.secret-key="$KEY" \
    -Dtwostep.sweeper.interval=PT30S > "$TARGET/sweeper-wildfly.out" 2>&1 &
for _ in $(seq 1 180); do curl -fsS -o /dev/null http://127.0.0.1:8080/twostep/login.xhtml 2>/dev/null && break; sleep 1; done
PID=$(pgrep -f "jboss-modules.jar.*jboss.server.data.dir=$DATA" | head -1)
trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.5; done' EXIT
JSTAT=$SERVER_JAVA_HOME/bin/jstat
old_used() { "$JSTAT" -gc "$PID" | awk 'NR==2 {printf "%d", $8 / 1024}'; } # OU, MiB
idle=$(old_used)
peak=$idle
echo "== server up (pid $PID), old generation idle: $idle MiB; waiting for the sweep"
start=$(date +%s)
until tail -n +"$((lines + 1))" "$LOG" | grep -q "Sweep took"; do
  sleep 2
  now=$(old_used); [ "$now" -gt "$peak" ] && peak=$now
  if [ $(( $(date +%s) - start )) -gt 3600 ]; then echo "no sweep after an hour" >&2; exit 1; fi
done
tail -n +"$((lines + 1))" "$LOG" | grep "Sweep took" | sed 's/.*INFO/INFO/'
rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' /proc/"$PID"/status)
echo "old generation: idle $idle MiB, at most $peak MiB during the sweep; server RSS after it: $rss MiB (-Xmx512m)"
