#!/usr/bin/env bash
# Builds (Release) and runs every benchmark under bench/; each prints its own table, then one summary
# table over all of them: each figure with its unit, its target and whether it is met, and where there
# is one, the baseline measured in the same run and the ratio (figure / baseline). bench_stores and
# bench_city measure both stores side by side: each starts a private PostgreSQL server (fsync on)
# through scripts/test-postgres.sh and stops it at the end.
#
# Usage: scripts/bench.sh [--quick]
#   --quick  shorter runs of the programs that have a duration option (bench_queue, bench_report, bench_web,
#            bench_city, bench_stores), for trying it; the figures are noisier.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,10p' "$0" | cut -c3-; exit 0 ;;
    *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-deps.sh"
build=${MOTCUA_BUILD_DIR:-$root/build-bench}
# Release is -O3, where GCC 12 reports false -Wrestrict warnings inside libstdc++'s string operator+
# (GCC bug 105651) in code under queue/; a measuring build does not turn warnings into errors (the
# developer build, -O2, still does).
log=$(mktemp)
results=$(mktemp)
trap 'rm -f "$log" "$results"' EXIT
echo "Building the benchmarks (Release) in $build ..."
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DMOTCUA_DEVELOPER=OFF -DMOTCUA_BUILD_TESTS=OFF &&
  cmake --build "$build" -j "$(nproc)" --target motcua_benchmarks; } >"$log" 2>&1; then
  cat "$log"
  echo "bench.sh: the build failed" >&2
  exit 1
fi

export MOTCUA_BENCH_RESULTS=$results
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)
failed=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  args=()
  if ((quick)); then
    case $name in
      bench_queue) args=(--seconds 0.5) ;;
      bench_report) args=(--days 30 --api-days 1) ;;
      bench_city) args=(--quick) ;;
      bench_stores) args=(--ops 200) ;;
      bench_web) args=(--seconds 5) ;;
    esac
  fi
  echo
  echo "== $name ${args[*]}"
  status=0
  (cd "$root" && "$b" "${args[@]}") || status=$?
  if ((status != 0)); then
    failed=1
    # A program that fails shows in the summary as a figure that missed.
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "FAILED with exit status $status (see above)" nan - - no - - - \
      >>"$results"
  fi
done

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git -C "$root" diff --quiet HEAD 2>/dev/null; then commit="$commit + uncommitted changes"; fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "== Summary of every benchmark$( ((quick)) && echo " (--quick)")"
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores; load average $load_start at start," \
  "$(cut -d' ' -f1-3 /proc/loadavg) at end; commit $commit; Release; $(date -u '+%Y-%m-%d %H:%M UTC')," \
  "$(($(date +%s) - started)) s"
# Columns are sized to their longest entry; mawk counts bytes, so width() discounts UTF-8
# continuation bytes to keep the dash and Vietnamese text aligned.
awk -F'\t' '
  function width(s,   t) { t = s; return length(s) - gsub(/[\200-\277]/, "", t) }
  function pad(s, w,   n) { n = w - width(s); while (n-- > 0) s = s " "; return s }
  function lpad(s, w,   n) { n = w - width(s); while (n-- > 0) s = " " s; return s }
  function num(v,   a) {
    if (v == "-" || v == "nan") return v
    a = v < 0 ? -v : v
    if (v == int(v) && a < 1e12) return sprintf("%d", v)
    if (a >= 100) return sprintf("%.0f", v)
    if (a >= 10) return sprintf("%.1f", v)
    if (a >= 0.1) return sprintf("%.2f", v)
    return sprintf("%.3g", v)
  }
  function target(t,   part) { if (t == "-") return "—"; split(t, part, " "); return part[1] " " num(part[2]) }
  function grow(c, s) { if (width(s) > w[c]) w[c] = width(s) }
  {
    n++
    prog[n] = $1; fig[n] = $2; val[n] = num($3); unit[n] = $4
    tgt[n] = target($5)
    met[n] = $6 == "-" ? "—" : $6
    base[n] = $7 == "-" ? "—" : $7 " " num($8)
    ratio[n] = $9 == "-" ? "—" : num($9) "x"
    if ($6 == "no") missed[++misses] = $1 ": " $2 " = " val[n] " " unit[n] ($5 == "-" ? "" : " (target " tgt[n] ")")
  }
  END {
    split("program|figure|value|unit|target|meets target|baseline (same run)|ratio", head, "|")
    for (c = 1; c <= 8; c++) w[c] = width(head[c])
    for (i = 1; i <= n; i++) {
      grow(1, prog[i]); grow(2, fig[i]); grow(3, val[i]); grow(4, unit[i])
      grow(5, tgt[i]); grow(6, met[i]); grow(7, base[i]); grow(8, ratio[i])
    }
    line = pad(head[1], w[1]) "  " pad(head[2], w[2]) "  " lpad(head[3], w[3]) " " pad(head[4], w[4]) "  " \
      pad(head[5], w[5]) "  " pad(head[6], w[6]) "  " pad(head[7], w[7]) "  " lpad(head[8], w[8])
    print line
    rule = ""; for (k = width(line); k > 0; k--) rule = rule "-"
    print rule
    for (i = 1; i <= n; i++) {
      print pad(prog[i], w[1]) "  " pad(fig[i], w[2]) "  " lpad(val[i], w[3]) " " pad(unit[i], w[4]) "  " \
        pad(tgt[i], w[5]) "  " pad(met[i], w[6]) "  " pad(base[i], w[7]) "  " lpad(ratio[i], w[8])
    }
    print rule
    print "ratio = value / baseline, both measured in this run (times: lower is better; rates: higher is better)."
    if (misses == 0) print "Every figure with a target meets it."
    else {
      print misses " figure" (misses == 1 ? " misses its target" : "s miss their target") ":"
      for (i = 1; i <= misses; i++) print "  " missed[i]
    }
  }' "$results"
exit "$failed"
