#!/usr/bin/env bash
# A PostgreSQL server owned by the caller, for the store's tests and benchmarks: a fresh
# data directory under FOLDER, listening on 127.0.0.1 only (and a socket in FOLDER), with
# trust authentication for the local user `metrotrace`. Installs Debian's `postgresql`
# when missing.
#
#   scripts/postgres-server.sh start FOLDER [PORT]   prints the server's URL
#   scripts/postgres-server.sh stop FOLDER
#
# As root, the server runs as the `postgres` user the Debian package creates (PostgreSQL
# refuses to run as root). The URL names the `postgres` database; tests create their own.
set -euo pipefail

action=${1:?usage: postgres-server.sh start|stop FOLDER [PORT]}
folder=${2:?usage: postgres-server.sh start|stop FOLDER [PORT]}
port=${3:-54329}

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

bin_folder() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(bin_folder)" ]; then
  echo "postgres-server.sh: installing postgresql" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    || { $sudo apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
fi
bin=$(bin_folder)

# Runs a PostgreSQL program as the server's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$folder"
    folder=$(cd "$folder" && pwd)
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$folder"; fi
    if [ ! -f "$folder/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$folder/data" -U metrotrace -A trust --encoding=UTF8 --locale=C >"$folder/initdb.log"
    fi
    # Started without pg_ctl's own wait, then waited for until it accepts connections.
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -W \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c max_connections=200" start >/dev/null
    for _ in $(seq 1 120); do
      if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        echo "postgres://metrotrace@127.0.0.1:$port/postgres"
        exit 0
      fi
      sleep 0.5
    done
    echo "postgres-server.sh: the server did not start within 60 s; its log:" >&2
    tail -n 30 "$folder/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$folder/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: postgres-server.sh start|stop FOLDER [PORT]" >&2
    exit 2
    ;;
esac
