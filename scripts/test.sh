#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (ctest, random order).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${MOTCUA_BUILD_DIR:-$root/build}"
ctest --output-on-failure --schedule-random -j "$(nproc)" --timeout 600
