#!/usr/bin/env bash
# The sanitizer command: builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (MOTCUA_SANITIZE, strict warnings on) into build-asan and runs the whole test suite there. Any
# leak, memory error or undefined behaviour aborts the test it happens in, so ctest reports it as
# a failure. Extra arguments go to ctest (e.g. -R 'printer: ' to run one suite).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MOTCUA_ASAN_BUILD_DIR:-$root/build-asan}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_SANITIZE=ON -DMOTCUA_DEVELOPER=ON \
  -DMOTCUA_BUILD_TESTS=ON -DMOTCUA_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "${MOTCUA_JOBS:-$(nproc)}"

# detect_leaks: LeakSanitizer at exit; abort_on_error: a report kills the process with SIGABRT, so
# a test that forks children (multi-process tests) sees it too. UBSan stops at the first finding.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside system libraries that motcua cannot free, each with its reason.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan.supp:print_suppressions=0}
cd "$build"
ctest --output-on-failure --schedule-random -j "${MOTCUA_JOBS:-$(nproc)}" --timeout 1800 "$@"
