#!/usr/bin/env bash
# The run command: installs what is missing, builds, initialises the embedded default office
# (database in the per-user data directory, the bundled office config and catalogue) and starts
# motcua: the lobby display and a staff console beside the kiosk, and motcua-web (the citizens' pages,
# on http://127.0.0.1:8080/ or $MOTCUA_WEB_LISTEN). Without a screen it runs a short headless tour of
# the kiosk, keeps the screenshots, and leaves motcua-web serving until Ctrl+C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin=${MOTCUA_BUILD_DIR:-$root/build}/kiosk
config=${MOTCUA_CONFIG:-$root/assets/office.toml}
export MOTCUA_CONFIG=$config

"$bin/motcua" --config "$config" init
# The catalogue: imported on the first run; re-import after editing assets/catalogue/.
if [ "$("$bin/motcua" --json catalogue fields | grep -c '"code"' || true)" -eq 0 ]; then
  "$bin/motcua" catalogue import "$root"/assets/catalogue/*.tsv
fi
"$bin/motcua" status

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
web_listen=${MOTCUA_WEB_LISTEN:-127.0.0.1:8080}
if [ -x "$bin/motcua-web" ]; then
  "$bin/motcua-web" --listen "$web_listen" & pids+=($!)
  echo "motcua-web: the citizens' pages are on http://$web_listen/ (a ticket's page: /t/..., numbers: /lay-so)" >&2
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  shots=${MOTCUA_SCREENSHOTS:-$PWD/motcua-screens}
  mkdir -p "$shots"
  echo "No screen here (DISPLAY and WAYLAND_DISPLAY are unset): touring the kiosk headless." >&2
  (cd "$shots" && "$bin/motcua-kiosk" --headless --size 1080x1920 --script "$root/assets/demo/kiosk-tour.txt")
  echo "Screenshots of the kiosk are in $shots" >&2
  if [ -x "$bin/motcua-web" ]; then
    echo "motcua-web keeps serving http://$web_listen/ until Ctrl+C" >&2
    wait "${pids[0]}"
  fi
  exit 0
fi

if [ -x "$bin/motcua-display" ]; then "$bin/motcua-display" --size 1920x1080 & pids+=($!); fi
if [ -x "$bin/motcua-console" ]; then "$bin/motcua-console" --size 1366x768 & pids+=($!); fi
"$bin/motcua-kiosk" --size 1080x1920
