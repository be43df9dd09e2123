#!/usr/bin/env bash
# A private PostgreSQL server for the tests: initdb into a temporary folder, its own port on
# 127.0.0.1 and its own socket folder, no system service. Run as root (as CI does), the server runs
# as the unprivileged user 'nobody' (initdb refuses root).
#
#   scripts/test-postgres.sh start STATE_DIR   starts it; writes STATE_DIR/url (the owner's URL),
#                                              STATE_DIR/data_dir and STATE_DIR/bin_dir
#   scripts/test-postgres.sh stop STATE_DIR    stops it (fast, then immediate) and removes its folder
#   scripts/test-postgres.sh restart STATE_DIR [MODE]  stops it with MODE (immediate) and starts it again
#   scripts/test-postgres.sh down STATE_DIR [MODE]     stops it with MODE (fast), keeping its folder
#   scripts/test-postgres.sh up STATE_DIR              starts a server stopped by down, on the same port
#
# Test settings: fsync=off (a killed server keeps what the OS already has; the tests kill processes,
# not the machine), trust authentication on 127.0.0.1 only. The benchmarks start a server of their
# own with MOTCUA_PG_DURABLE=1: fsync on, as in an office (bench/bench_stores.cpp).
set -euo pipefail

cmd=${1:?usage: test-postgres.sh start|stop|restart|down|up STATE_DIR}
state=${2:?usage: test-postgres.sh start|stop|restart|down|up STATE_DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "test-postgres: no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb); scripts/install-deps.sh installs package postgresql" >&2
  exit 1
fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

start() {
  mkdir -p "$state"
  if [ -f "$state/data_dir" ] && as_server "$bindir/pg_ctl" -D "$(cat "$state/data_dir")" status >/dev/null 2>&1; then
    echo "test-postgres: already running ($(cat "$state/url"))"
    return 0
  fi
  local dir
  dir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown nobody:nogroup "$dir"; fi
  as_server "$bindir/initdb" -D "$dir/data" -U motcua_owner --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # MOTCUA_PG_DURABLE=1 (the benchmarks): an office server's durability, fsync and all.
  local durability="fsync = off
full_page_writes = off"
  if [ "${MOTCUA_PG_DURABLE:-}" = 1 ]; then durability="fsync = on"; fi
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
$durability
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
EOF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
  # A free port: try a few at random until the server starts on one.
  local port started=""
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    if as_server "$bindir/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 30 start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ -z "$started" ]; then
    echo "test-postgres: the server did not start; its log:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
  fi
  echo "$dir/data" >"$state/data_dir"
  echo "$bindir" >"$state/bin_dir"
  echo "$port" >"$state/port"
  echo "postgresql://motcua_owner@127.0.0.1:$port/postgres" >"$state/url"
  echo "test-postgres: started $(cat "$state/url") (data in $dir/data)"
}

stop() {
  [ -f "$state/data_dir" ] || return 0
  local data mode=${1:-fast}
  data=$(cat "$state/data_dir")
  as_server "$bindir/pg_ctl" -D "$data" -m "$mode" -w -t 30 stop >/dev/null 2>&1 ||
    as_server "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
}

# The same server again, on its port (after restart's or down's stop).
up() {
  local data
  data=$(cat "$state/data_dir")
  as_server "$bindir/pg_ctl" -D "$data" -o "-p $(cat "$state/port")" -l "$(dirname "$data")/server.log" -w -t 60 start >/dev/null
}

case "$cmd" in
  start) start ;;
  stop)
    stop fast
    if [ -f "$state/data_dir" ]; then rm -rf "$(dirname "$(cat "$state/data_dir")")"; fi
    rm -f "$state/url" "$state/data_dir" "$state/bin_dir" "$state/port"
    echo "test-postgres: stopped"
    ;;
  restart)
    stop "${3:-immediate}"
    up
    ;;
  down) stop "${3:-fast}" ;;
  up) up ;;
  *)
    echo "usage: test-postgres.sh start|stop|restart|down|up STATE_DIR" >&2
    exit 2
    ;;
esac
