#!/usr/bin/env bash
# A throwaway PostgreSQL server for the database tests, on 127.0.0.1 only.
#
#   scripts/postgres-test.sh start    starts it (or finds it running) and prints one line to stdout,
#                                     the Npgsql connection string of the `formation_test` database
#   scripts/postgres-test.sh status   prints that line and exits 0 when it runs, exits 3 when not
#   scripts/postgres-test.sh stop     stops it and removes its directory
#
# The cluster (data, unix socket, log) lives in ${TMPDIR:-/tmp}/formation-pg-$UID, or in
# FORMATION_PG_DIR, whose name must start with formation-pg- (scripts/test.sh gives each run its own).
# Its port is 55432, or FORMATION_PG_PORT, or the next free one. PostgreSQL will not run as root, so
# under root the cluster belongs to, and runs as, the `postgres` OS user (the postgresql package
# creates it); under any other user it runs as that user. Durability is off (fsync,
# full_page_writes, synchronous_commit): it is for tests only. Logs go to stderr and to
# $dir/server.log, never to stdout.
set -euo pipefail

exec 3>&1 1>&2 # stdout is only for the connection string

die() {
  echo "postgres-test: $*"
  exit 1
}

dir="${TMPDIR:-/tmp}"
dir="${FORMATION_PG_DIR:-${dir%/}/formation-pg-$UID}"
[[ "$dir" == /* ]] || dir="$PWD/$dir"
dir="${dir%/}"
[[ "${dir##*/}" == formation-pg-* ]] || die "FORMATION_PG_DIR must name a directory called formation-pg-… (it is removed on stop): $dir"
data="$dir/data"
log="$dir/server.log"
database=formation_test

# The newest PostgreSQL server installed (Debian puts each major version in /usr/lib/postgresql/N/bin).
find_bin() {
  local candidate best="" best_version=0 version
  for candidate in /usr/lib/postgresql/*/bin; do
    [[ -x "$candidate/pg_ctl" && -x "$candidate/initdb" ]] || continue
    version=${candidate#/usr/lib/postgresql/}
    version=${version%%/*}
    version=${version%%.*}
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if ((version > best_version)); then
      best=$candidate
      best_version=$version
    fi
  done
  if [[ -z "$best" ]] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [[ -n "$best" ]] || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin or on PATH (install the Debian package postgresql; scripts/test.sh does)"
  bin=$best
}

# Runs a command as the cluster's owner: `postgres` under root, else the current user. It never gets
# fd 3 (the real stdout): a server holding it open would keep `$(postgres-test.sh start)` waiting.
as_owner() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@" 3>&-
  else
    "$@" 3>&-
  fi
}

# psql, pg_isready and createdb connect over TCP as the `postgres` role (trust), from any OS user.
connection_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=$database"; }

running_port() {
  [[ -f "$data/postmaster.pid" && -f "$dir/port" ]] || return 1
  as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1 || return 1
  local port
  port=$(<"$dir/port")
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 5 || return 1
  echo "$port"
}

port_in_use() {
  (exec 4<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ensure_database() {
  local port=$1 exists
  exists=$("$bin/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "select 1 from pg_database where datname = '$database'") ||
    die "cannot query the server on port $port"
  if [[ "$exists" != 1 ]]; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" || die "cannot create the database $database"
  fi
}

start() {
  local port
  if port=$(running_port); then
    ensure_database "$port"
    connection_string "$port" >&3
    return 0
  fi

  # Anything left from an earlier run (a crash, a killed test run) is thrown away.
  if [[ -d "$dir" ]]; then
    [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" stop -D "$data" -m immediate -w >/dev/null 2>&1 || true
    rm -rf -- "$dir"
  fi

  # The socket path must fit in 107 bytes.
  ((${#dir} + 20 < 107)) || die "the directory $dir is too long for a unix socket; set TMPDIR to a shorter one, e.g. TMPDIR=/tmp"

  mkdir -p -- "$dir"
  chmod 700 "$dir"
  if ((EUID == 0)); then
    id -u postgres >/dev/null 2>&1 || die "the OS user postgres does not exist (install the Debian package postgresql)"
    chown postgres: "$dir"
    as_owner test -w "$dir" || die "the postgres user cannot write to $dir (a parent directory is closed to it); set TMPDIR=/tmp"
  fi

  echo "postgres-test: initdb in $data ($bin)"
  as_owner "$bin/initdb" -D "$data" --auth=trust --username=postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log"
    die "initdb failed"
  }

  cat >>"$data/postgresql.conf" <<EOF

# scripts/postgres-test.sh: a throwaway server for tests, on loopback only, durability off
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_connections = 200
EOF

  port=${FORMATION_PG_PORT:-55432}
  local tries=0
  while :; do
    ((tries < 50)) || die "no free port found from ${FORMATION_PG_PORT:-55432} to $port"
    tries=$((tries + 1))
    if port_in_use "$port"; then
      port=$((port + 1))
      continue
    fi
    echo "postgres-test: starting on 127.0.0.1:$port (log: $log)"
    rm -f -- "$log"
    if as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "-p $port" >/dev/null 2>&1; then
      break
    fi
    # Someone took the port between the check and the start: try the next one.
    if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets' "$log" 2>/dev/null; then
      as_owner "$bin/pg_ctl" stop -D "$data" -m immediate -w >/dev/null 2>&1 || true
      port=$((port + 1))
      continue
    fi
    tail -n 30 "$log" 2>/dev/null || true
    die "the server did not start (see above and $log)"
  done
  echo "$port" >"$dir/port"

  local waited=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2; do
    ((waited < 30)) || {
      tail -n 30 "$log" || true
      die "the server on port $port does not answer"
    }
    waited=$((waited + 1))
    sleep 1
  done

  ensure_database "$port"
  connection_string "$port" >&3
}

status() {
  local port
  port=$(running_port) || exit 3
  connection_string "$port" >&3
}

stop() {
  if [[ -f "$data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" stop -D "$data" -m immediate -w >/dev/null 2>&1 ||
      echo "postgres-test: the server in $data did not stop; removing its directory anyway"
  fi
  rm -rf -- "$dir"
}

cd / # the server runs as another user, who may not be able to read the current directory
case "${1:-}" in
  start)
    find_bin
    start
    ;;
  status)
    find_bin
    status
    ;;
  stop)
    if [[ -f "$data/postmaster.pid" ]]; then find_bin; fi
    stop
    ;;
  *)
    echo "usage: $0 start|status|stop"
    exit 2
    ;;
esac
