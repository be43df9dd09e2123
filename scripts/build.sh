#!/usr/bin/env bash
# Configures and builds motcua into ${MOTCUA_BUILD_DIR:-build}. Extra arguments go to cmake.
#
# The build the test command runs: Release (-O3, as the .deb is built) with MOTCUA_DEVELOPER, so every
# warning of cmake/MotcuaTargetOptions.cmake is an error in the optimised build too, where GCC's flow
# analysis finds what -O2 misses. MOTCUA_BUILD_TYPE=RelWithDebInfo (or Debug) for a debugger's build.
# ccache is used when it is installed (a developer's second build; a fresh machine has no cache).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MOTCUA_BUILD_DIR:-$root/build}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${MOTCUA_BUILD_TYPE:-Release}" -DMOTCUA_DEVELOPER=ON \
  "${launcher[@]}" "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
