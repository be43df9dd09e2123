#!/usr/bin/env bash
# The fresh-machine check: README's two commands (scripts/test.sh, which CI's .ci/run calls, and
# scripts/run.sh) on a Debian 12 root that has nothing but a minimal base, as CI's fresh machine has,
# then README's "Install in an office" on a second such root. A package installed by hand on this
# machine cannot hide a missing line in scripts/install-deps.sh or in the package's Depends here.
#
#   scripts/fresh-check.sh [REV]        (default HEAD; run as root)
#
# 1. root:     mmdebstrap makes a Debian 12 root (variant minbase: the Essential and required
#              packages and apt; no compiler, no git) from the Debian mirrors this machine's apt uses;
# 2. a clean clone of REV goes to /root/motcua in it (cloned from here: the root has no git yet);
# 3. inside the root, as root, each step timed:
#      download  apt-get update and fetch the packages of `scripts/install-deps.sh --list`
#      install   scripts/install-deps.sh
#      build     scripts/build.sh
#      tests     .ci/run (install and build are then no-ops, so this is the ctest run)
#      run       scripts/run.sh, headless (no screen in a root): the kiosk tour's screenshots are
#                made, motcua-web answers on its address, and stopping run.sh stops it
#      package   cpack -G DEB, as README's "Install in an office" builds the .deb
# 4. office-root: a second minbase root, the office PC, which gets only that .deb:
#      office-install  apt-get install --no-install-recommends ./motcua_*.deb (nothing may rest on
#                      a recommended package)
#      office          README's steps 2, 3, 5 and 6 as written (`runuser -u motcua --`, which every
#                      Debian has; sudo is not in a minimal one): init, catalogue import, a PIN for
#                      every login, `motcua doctor`, whose fonts, database, disk, clock and config
#                      checks must be OK (a root has no printer, sound card or screen: those checks
#                      say so and do not count).
#
# Mounts (/dev, /sys, /proc, tmpfs on /tmp, /run, /dev/shm) live in a private mount namespace and go
# away with it; every process started inside lives in a private PID namespace and is killed with it.
# A policy-rc.d (as in container images) keeps package scripts from starting services, which would
# share this machine's network (cupsd on port 631). The network is this machine's: apt reaches the
# mirrors, tests' servers take their own ports.
#
# Downloaded .deb files are kept in $MOTCUA_FRESH_CACHE (default /var/cache/motcua-fresh-debs, seeded
# with hard links from this machine's apt cache), so "download" is short when they are there; apt
# checks each against the index and decides inside the root alone what to install. The root stays in
# $MOTCUA_FRESH_DIR (default /var/tmp/motcua-fresh; the office's in $MOTCUA_FRESH_DIR-office) until the
# next run, for a look; the whole log is $MOTCUA_FRESH_DIR.log. Exit status 0 when every step passed, 1 when one failed, 2 on bad usage.
#
# MOTCUA_FRESH_CCACHE=DIR (a ccache folder of this machine, e.g. ~/.cache/ccache) speeds up the build
# step: the checker installs ccache in the root after the `install` step (the checker's tool, as
# mmdebstrap is; nothing of motcua's uses it) and the build reuses DIR's objects. Debian 12's g++ is
# the same package inside and out, and ccache checks every header it read, so the objects are the
# ones the build would make; only what install-deps.sh installs and what the tests find is on trial.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
dir=${MOTCUA_FRESH_DIR:-/var/tmp/motcua-fresh}
cache=${MOTCUA_FRESH_CACHE:-/var/cache/motcua-fresh-debs}
log=$dir.log

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-check.sh: run as root (mmdebstrap, chroot and mounts need it)" >&2
  exit 2
fi
commit=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") || {
  echo "fresh-check.sh: no commit '$rev' in $root" >&2
  exit 2
}
if ! command -v mmdebstrap >/dev/null; then
  echo "fresh-check.sh: installing mmdebstrap on this machine (the checker's tool, not motcua's)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi
# A mount left under the old root would make `rm -rf` reach this machine's /dev: refuse instead.
office=$dir-office
if findmnt -rn -o TARGET | grep -q "^\($dir\|$office\)\(/\|$\)"; then
  echo "fresh-check.sh: something is mounted under $dir; unmount it first" >&2
  exit 2
fi

# The mirrors this machine's apt uses for Debian 12 (deb822 or one-line sources), else deb.debian.org.
mirrors=()
while read -r uri suite; do
  mirrors+=("deb $uri $suite main")
done < <(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' 2>/dev/null |
  grep -E ' bookworm(-updates|-security)?$' | sort -u)
if ((${#mirrors[@]} == 0)); then
  mirrors=("deb http://deb.debian.org/debian bookworm main"
    "deb http://deb.debian.org/debian bookworm-updates main"
    "deb http://deb.debian.org/debian-security bookworm-security main")
fi

ccache_dir=${MOTCUA_FRESH_CCACHE:-}
if [ -n "$ccache_dir" ] && [ ! -d "$ccache_dir" ]; then
  echo "fresh-check.sh: MOTCUA_FRESH_CCACHE=$ccache_dir is not a folder" >&2
  exit 2
fi

mkdir -p "$cache/partial"
cp -l -n /var/cache/apt/archives/*.deb "$cache"/ 2>/dev/null || true
rm -rf "$dir" "$office"
mkdir -p "$dir" "$office"
: >"$log"
say() { echo "== $*" | tee -a "$log" >&2; }
times=()  # "step seconds status"
started=$(date +%s)
say "fresh-check of $commit; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# make_root DIR: a minbase Debian 12 root in DIR; its time is recorded as step NAME.
make_root() {
  local name=$1 target=$2 t status=0
  say "$name: mmdebstrap minbase bookworm into $target from: ${mirrors[*]}"
  t=$(date +%s)
  # mmdebstrap in its own mount namespace too, so a failure cannot leave the cache bind-mounted.
  unshare --mount bash -c 'mount --make-rprivate / && exec "$@"' mmdebstrap-ns \
    mmdebstrap --mode=root --variant=minbase --skip=cleanup/apt/cache \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
    --setup-hook="mount --bind '$cache' \"\$1/var/cache/apt/archives\"" \
    --customize-hook='umount "$1/var/cache/apt/archives"' \
    --customize-hook='printf "#!/bin/sh\nexit 101\n" >"$1/usr/sbin/policy-rc.d"; chmod 755 "$1/usr/sbin/policy-rc.d"' \
    --customize-hook='printf "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n" >"$1/etc/hosts"' \
    bookworm "$target" "${mirrors[@]}" >>"$log" 2>&1 || status=$?
  times+=("$name $(($(date +%s) - t)) $status")
  if ((status != 0)); then
    tail -n 30 "$log" >&2
    echo "fresh-check.sh: FAILED: mmdebstrap exit status $status (log: $log)" >&2
    exit 1
  fi
  say "$name made: $(chroot "$target" dpkg-query -W | wc -l) packages"
}
# in_root DIR SCRIPT [CCACHE]: runs /root/SCRIPT inside DIR with its own mounts and PIDs (the
# namespaces die with it); returns its exit status.
in_root() {
  unshare --mount --pid --fork --mount-proc="$1/proc" bash -c '
    set -e
    dir=$1
    mount --make-rprivate /
    mount --rbind /dev "$dir/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$dir/dev/shm"
    mount --rbind /sys "$dir/sys"
    mount -t tmpfs -o mode=1777 tmpfs "$dir/tmp"
    mount -t tmpfs -o mode=755 tmpfs "$dir/run"
    mount --bind "$2" "$dir/var/cache/apt/archives"
    if [ -n "$4" ]; then
      mkdir -p "$dir/var/cache/motcua-ccache"
      mount --bind "$4" "$dir/var/cache/motcua-ccache"
    fi
    exec chroot "$dir" "/root/$3"
  ' fresh-root "$1" "$cache" "$2" "${3:-}" 2>&1 | tee -a "$log"
}

make_root root "$dir"

git clone -q --no-hardlinks "$root" "$dir/root/motcua"
git -C "$dir/root/motcua" checkout -q --detach "$commit"

# The start of both roots' step scripts: a shell that records each step's time and stops at the
# first failure.
read -r -d '' prelude <<'PRELUDE' || true
#!/bin/bash
set -uo pipefail
export HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
unset DISPLAY WAYLAND_DISPLAY
: >/root/fresh-times
timed() {  # step command...: runs it, records "step seconds status"; stops the script on failure
  local name=$1 start status=0
  shift
  echo "== $name: $*" >&2
  start=$(date +%s)
  "$@" || status=$?
  echo "$name $(($(date +%s) - start)) $status" >>/root/fresh-times
  echo "== $name: $(($(date +%s) - start)) s, exit status $status" >&2
  ((status == 0)) || exit "$status"
}
PRELUDE

# The steps inside the root: a script of its own, so the namespaces run one command.
{
  echo "$prelude"
  cat <<'STEPS'
cd /root/motcua
download() {
  apt-get update -qq &&
    apt-get install -y -qq --download-only --no-install-recommends $(scripts/install-deps.sh --list)
}
timed download download
timed install scripts/install-deps.sh
if [ -d /var/cache/motcua-ccache ]; then
  # MOTCUA_FRESH_CCACHE: the checker's ccache, after motcua's own packages are in.
  timed ccache apt-get install -y -qq --no-install-recommends ccache
  export CCACHE_DIR=/var/cache/motcua-ccache CCACHE_BASEDIR=/root/motcua
fi
timed build scripts/build.sh
timed tests .ci/run

# The run command, headless as on a machine without a screen: it initialises the office, tours the
# kiosk (screenshots) and serves motcua-web until stopped. Checked as a user would: the tour's
# screenshots are there, the web page answers, and stopping run.sh stops motcua-web.
run_headless() {
  local port=$((20000 + RANDOM % 20000)) pid waited=0 answer
  export MOTCUA_WEB_LISTEN=127.0.0.1:$port MOTCUA_SCREENSHOTS=/root/run-screens
  scripts/run.sh >/root/run.log 2>&1 &
  pid=$!
  until grep -q "keeps serving" /root/run.log; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat /root/run.log >&2
      echo "run.sh stopped before serving" >&2
      return 1
    fi
    ((waited++ < 900)) || { cat /root/run.log >&2; echo "run.sh: no tour after 900 s" >&2; return 1; }
    sleep 1
  done
  cat /root/run.log >&2
  echo "screenshots: $(ls /root/run-screens/*.png | wc -l) in /root/run-screens" >&2
  ls /root/run-screens/*.png >/dev/null || return 1
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  answer=$(head -c 4096 <&3 | tr -d '\r')
  exec 3>&-
  echo "motcua-web on port $port answered: $(head -n 1 <<<"$answer")" >&2
  grep -q '^HTTP/1.1 200' <<<"$answer" || return 1
  grep -q 'lang="vi"' <<<"$answer" || { echo "the page is not the citizens' Vietnamese page" >&2; return 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  sleep 1
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "motcua-web still serves after run.sh stopped" >&2
    return 1
  fi
}
timed run run_headless
# The office's package, as README's "Install in an office" builds it.
timed package bash -c 'cd build && cpack -G DEB >/dev/null && ls -l motcua_*_amd64.deb'
STEPS
} >"$dir/root/fresh-steps.sh"
chmod 755 "$dir/root/fresh-steps.sh"

# The office PC: a second minbase root that gets only the package, with --no-install-recommends
# (nothing the programs need may rest on a recommendation), then README's steps 2, 3, 5 and 6 as
# written there (runuser, not sudo) up to `motcua doctor`. There is no printer, sound card or
# screen in a root: doctor's printer, sound and display checks report that; every other check
# (fonts, database with every PIN set, disk, clock, config) must say OK.
{
  echo "$prelude"
  cat <<'STEPS'
office_install() {
  apt-get update -qq && apt-get install -y -qq --no-install-recommends /root/motcua_*_amd64.deb
}
office_steps() {
  # (Each step says `|| return 1`: `set -e` does not act inside a function run by `timed`.)
  local db=/var/lib/motcua/motcua.db login logins doctor
  # 2. Describe the office (here: its hotline).
  sed -i 's/^hotline = ""/hotline = "024 0000 0000"/' /etc/motcua/office.toml || return 1
  # 3. Create the database as motcua, load the procedures.
  runuser -u motcua -- motcua --db "$db" init || return 1
  runuser -u motcua -- motcua --db "$db" catalogue import /usr/share/motcua/catalogue/*.tsv || return 1
  # 5. A PIN for every login (read from standard input when it is not a terminal).
  logins=$(runuser -u motcua -- motcua --db "$db" staff list | awk '{print $1}') || return 1
  for login in $logins; do
    echo "$((284719 + RANDOM))" | runuser -u motcua -- motcua --db "$db" staff set-pin "$login" || return 1
  done
  # 6. Check the machine.
  runuser -u motcua -- motcua --db "$db" doctor || true
  doctor=$(runuser -u motcua -- motcua --db "$db" doctor --json 2>/dev/null || true)
  for check in fonts database disk clock config; do
    if ! grep -q "\"check\":\"$check\",[^}]*\"status\":\"ok\"" <<<"$doctor"; then
      echo "doctor: the $check check is not OK on the office root" >&2
      return 1
    fi
  done
  echo "doctor: fonts, database, disk, clock and config OK (printer, sound and display need the office's hardware)" >&2
}
timed office-install office_install
timed office office_steps
STEPS
} >"$dir/root/office-steps.sh"
chmod 755 "$dir/root/office-steps.sh"

say "inside the root: download, install, build, tests, run, package (their output follows)"
status=0
in_root "$dir" fresh-steps.sh "$ccache_dir" || status=$?
while read -r name seconds code; do times+=("$name $seconds $code"); done <"$dir/root/fresh-times" || true
if ((status == 0)); then
  make_root office-root "$office"
  cp "$dir"/root/motcua/build/motcua_*_amd64.deb "$dir/root/office-steps.sh" "$office/root/"
  say "the office root: the package and README's install steps up to doctor (their output follows)"
  in_root "$office" office-steps.sh || status=$?
  while read -r name seconds code; do times+=("$name $seconds $code"); done <"$office/root/fresh-times" || true
fi
# ctest's summary and the names of the tests that failed, if it got that far.
ctest_summary=$(sed -n -e '/tests passed, .* tests failed out of/p' -e '/^Total Test time/p' \
  -e '/The following tests FAILED:/,/^Errors while running CTest/p' "$log")

{
  echo
  echo "fresh-check of $commit on $(nproc) cores (shared), load average at the end $(cut -d' ' -f1-3 /proc/loadavg):"
  printf '  %-14s %8s  %s\n' step seconds "exit status"
  for row in "${times[@]}"; do
    read -r name seconds code <<<"$row"
    printf '  %-14s %8s  %s\n' "$name" "$seconds" "$code"
  done
  printf '  %-14s %8s\n' whole $(($(date +%s) - started))
  if [ -n "$ctest_summary" ]; then echo "$ctest_summary"; fi
  echo "log: $log; the roots stay in $dir and $office"
} | tee -a "$log"
if ((status != 0)); then
  echo "fresh-check.sh: FAILED (exit status $status)" | tee -a "$log" >&2
  exit 1
fi
echo "fresh-check.sh: passed" | tee -a "$log"
