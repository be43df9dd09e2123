#!/usr/bin/env bash
# Installs the Debian 12 packages motcua needs to build, run and test. Idempotent: does nothing when
# everything is already there. Runs apt-get as root, or through sudo.
#
# apt runs with --no-install-recommends, as CI's fresh Debian 12 root does: every package whose files
# the build, the programs or the tests use must be named here, never reached as a recommendation.
# tests/packaging/system_files_test.cpp checks that each program and file the tests use from the
# system comes from a package of this list.
#
#   scripts/install-deps.sh [PACKAGE...]   install the list (and PACKAGE...) where missing
#   scripts/install-deps.sh --list         print the list, one package a line, install nothing
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsqlite3-dev sqlite3
  catch2
  libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libicu-dev libcli11-dev
  libsdl2-dev libsdl2-ttf-dev fonts-noto-core fontconfig libfontconfig-dev
  fonts-material-design-icons-iconfont  # the UI's pictograms (Apache-2.0)
  libusb-1.0-0-dev libcups2-dev cups-daemon cups-client
  cups  # CUPS's backends (socket://, usb://, lpd://): cups-daemon alone has only http and ipp
  libqrencode-dev libpng-dev libsodium-dev
  libpq-dev  # the PostgreSQL store's client (libpq)
  libboost1.74-dev  # motcua-web's HTTP server (Beast, Asio: headers only, nothing at run time)
  postgresql-15  # the server the tests start privately (scripts/test-postgres.sh), and an office's server
  libespeak-ng-dev espeak-ng-data
  libpulse-dev  # the kiosk's headphone watch asks the sound server (PulseAudio or PipeWire) through libpulse
  pulseaudio pulseaudio-utils  # the private sound server and pactl of tests/voice/headphone_watch_test.cpp
  chromium  # renders the HTML report in tests/report (headless screenshot)
  systemd  # systemd-analyze verify on the units (tests/shell/session_test.cpp)
  sway grim  # the kiosk session (packaging/session/sway.conf) and its screenshots in tests/shell/session_test.cpp
  clang-format  # clang-format 14: the checked-in .clang-format is followed (scripts/check-format.sh)
  dpkg-dev lintian help2man  # the Debian package (cpack -G DEB: dpkg-shlibdeps), its checks and man pages
)
# Extra packages a caller asks for (e.g. the test command adds what only tests need).
if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "Installing: ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
