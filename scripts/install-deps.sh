#!/usr/bin/env bash
# Installs the Debian 12 packages motcua needs to build, run and test. Idempotent: does nothing when
# everything is already there. Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsqlite3-dev sqlite3
  catch2
  libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libicu-dev libcli11-dev
  libsdl2-dev libsdl2-ttf-dev fonts-noto-core fontconfig libfontconfig-dev
  libusb-1.0-0-dev libcups2-dev cups-daemon cups-client
  libqrencode-dev libpng-dev libsodium-dev
  libespeak-ng-dev espeak-ng-data
  chromium  # renders the HTML report in tests/report (headless screenshot)
  dpkg-dev lintian help2man  # the Debian package (cpack -G DEB: dpkg-shlibdeps), its checks and man pages
)
# Extra packages a caller asks for (e.g. the test command adds what only tests need).
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
