#!/usr/bin/env bash
# Builds (Release) and runs every benchmark under bench/, printing their tables.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
export MOTCUA_BUILD_DIR=${MOTCUA_BUILD_DIR:-$root/build-bench}
"$root/scripts/build.sh" -DCMAKE_BUILD_TYPE=Release -DMOTCUA_BUILD_TESTS=OFF
for b in "$MOTCUA_BUILD_DIR"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo
  echo "== $(basename "$b")"
  (cd "$root" && "$b")
done
