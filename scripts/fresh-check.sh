#!/usr/bin/env bash
# The fresh-machine check: CI's test command (.ci/run, i.e. README's scripts/test.sh) on a Debian 12
# root that has nothing but a minimal base, as CI's fresh machine has. A package installed by hand on
# this machine cannot hide a missing line in scripts/install-deps.sh here.
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
# $MOTCUA_FRESH_DIR (default /var/tmp/motcua-fresh) until the next run, for a look; the whole log is
# $MOTCUA_FRESH_DIR.log. Exit status 0 when every step passed, 1 when one failed, 2 on bad usage.
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
if [ -d "$dir" ] && findmnt -rn -o TARGET | grep -q "^$dir\(/\|$\)"; then
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
rm -rf "$dir"
mkdir -p "$dir"
: >"$log"
say() { echo "== $*" | tee -a "$log" >&2; }
times=()  # "step seconds status"
started=$(date +%s)
say "fresh-check of $commit; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
say "root: mmdebstrap minbase bookworm into $dir from: ${mirrors[*]}"
t=$(date +%s)
status=0
# mmdebstrap in its own mount namespace too, so a failure cannot leave the cache bind-mounted.
unshare --mount bash -c 'mount --make-rprivate / && exec "$@"' mmdebstrap-ns \
  mmdebstrap --mode=root --variant=minbase --skip=cleanup/apt/cache \
  --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
  --setup-hook="mount --bind '$cache' \"\$1/var/cache/apt/archives\"" \
  --customize-hook='umount "$1/var/cache/apt/archives"' \
  --customize-hook='printf "#!/bin/sh\nexit 101\n" >"$1/usr/sbin/policy-rc.d"; chmod 755 "$1/usr/sbin/policy-rc.d"' \
  --customize-hook='printf "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n" >"$1/etc/hosts"' \
  bookworm "$dir" "${mirrors[@]}" >>"$log" 2>&1 || status=$?
times+=("root $(($(date +%s) - t)) $status")
if ((status != 0)); then
  tail -n 30 "$log" >&2
  echo "fresh-check.sh: FAILED: mmdebstrap exit status $status (log: $log)" >&2
  exit 1
fi
say "root made: $(chroot "$dir" dpkg-query -W | wc -l) packages"

git clone -q --no-hardlinks "$root" "$dir/root/motcua"
git -C "$dir/root/motcua" checkout -q --detach "$commit"

# The steps inside the root: a script of its own, so the namespaces run one command.
cat >"$dir/root/fresh-steps.sh" <<'STEPS'
#!/bin/bash
set -uo pipefail
cd /root/motcua
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
STEPS
chmod 755 "$dir/root/fresh-steps.sh"

say "inside the root: download, install, build, tests (their output follows)"
status=0
unshare --mount --pid --fork --mount-proc="$dir/proc" bash -c '
  set -e
  dir=$1
  mount --make-rprivate /
  mount --rbind /dev "$dir/dev"
  mount -t tmpfs -o mode=1777 tmpfs "$dir/dev/shm"
  mount --rbind /sys "$dir/sys"
  mount -t tmpfs -o mode=1777 tmpfs "$dir/tmp"
  mount -t tmpfs -o mode=755 tmpfs "$dir/run"
  mount --bind "$2" "$dir/var/cache/apt/archives"
  if [ -n "$3" ]; then
    mkdir -p "$dir/var/cache/motcua-ccache"
    mount --bind "$3" "$dir/var/cache/motcua-ccache"
  fi
  exec chroot "$dir" /root/fresh-steps.sh
' fresh-root "$dir" "$cache" "$ccache_dir" 2>&1 | tee -a "$log" || status=$?
while read -r name seconds code; do times+=("$name $seconds $code"); done <"$dir/root/fresh-times" || true
# ctest's summary and the names of the tests that failed, if it got that far.
ctest_summary=$(sed -n -e '/tests passed, .* tests failed out of/p' -e '/^Total Test time/p' \
  -e '/The following tests FAILED:/,/^Errors while running CTest/p' "$log")

{
  echo
  echo "fresh-check of $commit on $(nproc) cores (shared), load average at the end $(cut -d' ' -f1-3 /proc/loadavg):"
  printf '  %-9s %8s  %s\n' step seconds "exit status"
  for row in "${times[@]}"; do
    read -r name seconds code <<<"$row"
    printf '  %-9s %8s  %s\n' "$name" "$seconds" "$code"
  done
  printf '  %-9s %8s\n' whole $(($(date +%s) - started))
  if [ -n "$ctest_summary" ]; then echo "$ctest_summary"; fi
  echo "log: $log; the root stays in $dir"
} | tee -a "$log"
if ((status != 0)); then
  echo "fresh-check.sh: FAILED (exit status $status)" | tee -a "$log" >&2
  exit 1
fi
echo "fresh-check.sh: passed" | tee -a "$log"
