#!/usr/bin/env bash
# Screenshots of every screen of the kiosk, the lobby and counter displays and the staff console in
# every variant (sizes, text size, language, contrast), and one contact sheet per program, so a
# reviewer sees all screens at once:
#   <build>/screenshots/<program>/all/<variant>/<screen>.png
#   <build>/screenshots/contact-<program>.png
# Builds what it needs first. Run after scripts/build.sh (or on its own).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MOTCUA_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DMOTCUA_DEVELOPER=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target motcua_kiosk_app_tests motcua_display_app_tests motcua_console_app_tests \
  motcua_contact_sheet
shots=$build/screenshots
rm -rf "$shots/kiosk/all" "$shots/display/all" "$shots/console/all"
export SDL_VIDEODRIVER=offscreen MOTCUA_SCREENSHOTS=1
(cd "$build/tests" && ./motcua_kiosk_app_tests "[layout]" >/dev/null)
# The display's tests save their screens flat under display/: the lobby TV's and the counter tablet's
# become a row each.
rm -f "$shots"/display/*.png
(cd "$build/tests" && ./motcua_display_app_tests >/dev/null)
for kind in lobby counter; do
  mkdir -p "$shots/display/all/$kind"
  cp "$shots"/display/"$kind"_*.png "$shots/display/all/$kind/" 2>/dev/null || true
done
(cd "$build/tests" && ./motcua_console_app_tests "[screens]" >/dev/null)
for program in kiosk display console; do
  if [ -d "$shots/$program/all" ]; then
    "$build/tests/motcua_contact_sheet" "$shots/$program/all" "$shots/contact-$program.png" 200
  fi
done
