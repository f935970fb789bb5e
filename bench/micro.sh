#!/usr/bin/env bash
# JMH microbenchmarks of the pieces of a login: the password hash (the bound of logins per second),
# TOTP, recovery code and WebAuthn assertion checks, the enrollment QR code, ID token signing.
#
#   bench/micro.sh                      # all of them
#   bench/micro.sh PasswordHash -t 2    # any JMH options: here the hash on 2 threads at once
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_BUILD:-1}" = 1 ]; then
  ./mvnw -q -B -Pbench install -DskipTests -DskipITs
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main "$@"
