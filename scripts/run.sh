#!/usr/bin/env bash
# The run command: installs what is missing, builds, initialises the embedded default office
# (database in the per-user data directory, the bundled config and catalogue) and starts motcua.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin=${MOTCUA_BUILD_DIR:-$root/build}/kiosk
"$bin/motcua" --config "$root/assets/office.toml" init
"$bin/motcua" --config "$root/assets/office.toml" status
