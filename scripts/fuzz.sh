#!/usr/bin/env bash
# The fuzz command: builds the libFuzzer targets (clang, ASan + UBSan) into build-fuzz and runs each
# for a fixed time budget, then prints one table: executions run and crashes found per target.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (default 60 s each; targets: see fuzz/README.md)
#   scripts/fuzz.sh --minimise [TARGET...]  keep only the corpus inputs that add coverage (-merge=1)
# New inputs that add coverage are merged back into fuzz/corpus/<target>/ (commit them if useful).
# A crash leaves its input in build-fuzz/fuzz-artifacts/<target>/ and the log in
# build-fuzz/fuzz-logs/<target>.log; the exit status is 1 when any target crashed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minimise=0
if [ "${1:-}" = "--minimise" ]; then
  minimise=1
  shift
  set -- 60 "$@"
fi
budget=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(office_config catalogue_files escpos_decoder script cli web_request); fi
if ! [[ $budget =~ ^[0-9]+$ ]] || ((budget < 1)); then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi

"$root/scripts/install-deps.sh" clang libclang-rt-14-dev
build=${MOTCUA_FUZZ_BUILD_DIR:-$root/build-fuzz}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_FUZZ=ON \
  -DMOTCUA_SANITIZE=ON -DMOTCUA_BUILD_TESTS=OFF -DMOTCUA_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "${MOTCUA_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
if ((minimise)); then
  # libFuzzer's merge into an empty folder keeps the fewest inputs that cover what the corpus covers.
  printf '%-16s %8s %8s\n' target before after
  for t in "${targets[@]}"; do
    corpus=$root/fuzz/corpus/$t
    kept=$build/fuzz-minimised/$t
    rm -rf "$kept"
    mkdir -p "$kept" "$build/fuzz-logs"
    "$build/fuzz/fuzz_$t" -merge=1 "$kept" "$corpus" </dev/null >"$build/fuzz-logs/$t.minimise" 2>&1
    before=$(find "$corpus" -type f | wc -l)
    after=$(find "$kept" -type f | wc -l)
    if ((after == 0)); then
      echo "fuzz.sh: the merge of $t kept nothing (log: $build/fuzz-logs/$t.minimise); corpus unchanged" >&2
      exit 1
    fi
    find "$corpus" -type f -delete
    cp "$kept"/* "$corpus"/
    printf '%-16s %8s %8s\n' "$t" "$before" "$after"
  done
  exit 0
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan.supp:print_suppressions=0}
rows=()
failed=0
for t in "${targets[@]}"; do
  corpus=$root/fuzz/corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  fresh=$build/fuzz-new/$t
  log=$build/fuzz-logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$fresh" "$(dirname "$log")"
  before=$(find "$artifacts" -type f | wc -l)
  echo "== fuzz_$t for ${budget}s" >&2
  status=0
  # New inputs go to $fresh first (seeded from the kept corpus); only those adding coverage are
  # merged back, so the repository's corpus stays small.
  "$build/fuzz/fuzz_$t" "$fresh" "$corpus" -max_total_time="$budget" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" </dev/null >"$log" 2>&1 || status=$?
  "$build/fuzz/fuzz_$t" -merge=1 "$corpus" "$fresh" </dev/null >>"$log.merge" 2>&1 || true
  rm -rf "$fresh"
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  if [ -z "$execs" ]; then
    execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  fi
  crashes=$(($(find "$artifacts" -type f | wc -l) - before))
  if ((status != 0 && crashes == 0)); then crashes=1; fi  # died without writing an artifact
  ((crashes == 0)) || failed=1
  newest=$( ((crashes == 0)) || ls -t "$artifacts" 2>/dev/null | head -1)
  rows+=("$(printf '%-16s %8ss %12s %8s  %s' "$t" "$budget" "${execs:-?}" "$crashes" "${newest:+$artifacts/$newest}")")
done

printf '%-16s %9s %12s %8s  %s\n' target budget executions crashes artifact
for r in "${rows[@]}"; do echo "$r"; done
exit "$failed"
