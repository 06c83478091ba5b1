#!/usr/bin/env bash
# Hubbub against its peers in one run: the raw Netty floor, Hubbub, ws and Socket.IO, each swept for the highest rate
# it keeps up with, servers pinned to CPU 0 and the load generator to CPU 1. Writes bench/target/compare.md.
#
#   bench/compare.sh                       # 10,000 connections, broadcast and big-group
#   bench/compare.sh -n 1000 --scenario small-groups --start-rate 1000
#
# Extra arguments go to `hubbub-bench.jar compare` (see its --help).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/target/hubbub.jar ] || [ ! -f bench/target/hubbub-bench.jar ]; then
  mvn -B -q package -DskipTests -DskipITs -pl dist,bench -am
fi
(cd bench/peers && node ../../conformance/js/ensure-deps.mjs)

SERVER_CPUS="${SERVER_CPUS:-0}"
GENERATOR_CPUS="${GENERATOR_CPUS:-1}"
exec taskset -c "$GENERATOR_CPUS" java -Xmx4g -jar bench/target/hubbub-bench.jar compare \
  --server-cpus "$SERVER_CPUS" "$@"
