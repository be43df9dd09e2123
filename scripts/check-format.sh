#!/usr/bin/env bash
# Checks that every C++ file of the project follows the checked-in .clang-format (run by ctest as
# "format: every C++ file follows .clang-format"). clang-format's output changes between releases:
# the files are formatted with Debian 12's clang-format 14, which install-deps.sh installs.
#
#   scripts/check-format.sh          list the files that differ, exit 1 if any
#   scripts/check-format.sh --fix    format them in place
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format
if command -v clang-format-14 >/dev/null; then format=clang-format-14; fi
if ! command -v "$format" >/dev/null; then
  echo "check-format: clang-format is not installed (scripts/install-deps.sh installs it)" >&2
  exit 2
fi

mapfile -d '' files < <(find bench fonts fuzz kiosk printer queue tests text \
  -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
if ((${#files[@]} == 0)); then
  echo "check-format: no C++ files found under $(pwd)" >&2
  exit 2
fi

if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
  exit 0
fi

# One clang-format for all the files (one per file takes 15 s); its "code should be clang-formatted"
# errors name the files.
status=0
report=$("$format" --dry-run --Werror "${files[@]}" 2>&1) || status=$?
mapfile -t differ < <(grep -o '^[^:]*:[0-9]*:[0-9]*: error' <<<"$report" | cut -d: -f1 | sort -u)
if ((status != 0 && ${#differ[@]} == 0)); then
  echo "check-format: $format failed without naming a file:" >&2
  echo "$report" >&2
  exit 2
fi
if ((${#differ[@]} > 0)); then
  echo "check-format: ${#differ[@]} of ${#files[@]} files do not follow .clang-format ($("$format" --version)):" >&2
  printf '  %s\n' "${differ[@]}" >&2
  echo "Run scripts/check-format.sh --fix, or show the changes: $format --dry-run FILE" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files follow .clang-format ($("$format" --version))"
