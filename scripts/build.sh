#!/usr/bin/env bash
# Configures and builds motcua into ${MOTCUA_BUILD_DIR:-build}. Extra arguments go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MOTCUA_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_DEVELOPER=ON "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
