#!/usr/bin/env bash
# Local, throw-away PostgreSQL and Redis for `make test` and `make demo`, run from the machine's own
# binaries. Installs the Debian packages when they are missing and this runs as root; otherwise it
# names the package to install.
#
#   services.sh ensure          install what is missing (postgresql, redis-server, python3-aiosmtpd)
#   services.sh start DIR       start both servers with their data under DIR; writes DIR/env
#   services.sh stop DIR        stop them and remove DIR
set -euo pipefail

need_packages=()

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

check() {
  need_packages=()
  pg_bindir >/dev/null || need_packages+=(postgresql)
  command -v redis-server >/dev/null || need_packages+=(redis-server)
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need_packages+=(python3-aiosmtpd)
}

ensure() {
  check
  if [[ ${#need_packages[@]} -eq 0 ]]; then return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing: ${need_packages[*]}. Install them with: sudo apt-get install -y ${need_packages[*]}" >&2
    exit 1
  fi
  echo "installing ${need_packages[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >&2
  check
  if [[ ${#need_packages[@]} -ne 0 ]]; then
    echo "still missing after install: ${need_packages[*]}" >&2
    exit 1
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1
  ensure
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local bin; bin=$(pg_bindir)
  local pg_port redis_port
  pg_port=$(free_port)
  redis_port=$(free_port)

  mkdir -p "$dir/pg" "$dir/pgsock"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir/pg" "$dir/pgsock"; chmod 755 "$dir"; fi
  as_pg "$bin/initdb" -D "$dir/pg" -U crmsignal --auth=trust --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Durability settings off: these clusters are thrown away after the run.
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $dir/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U crmsignal -d postgres -qc "CREATE DATABASE crmsignal" >/dev/null

  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$redis_port" ping >/dev/null

  cat >"$dir/env" <<ENV
export CRMSIGNAL_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=crmsignal;Database=crmsignal'
export CRMSIGNAL_REDIS='127.0.0.1:$redis_port'
ENV
  echo "postgres on 127.0.0.1:$pg_port, redis on 127.0.0.1:$redis_port (data in $dir)" >&2
}

stop() {
  local dir=$1
  [[ -d "$dir" ]] || return 0
  local bin
  if bin=$(pg_bindir) && [[ -f "$dir/pg/postmaster.pid" ]]; then
    as_pg "$bin/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$dir/redis.pid" ]]; then
    kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  ensure) ensure ;;
  start) start "${2:?usage: services.sh start DIR}" ;;
  stop) stop "${2:?usage: services.sh stop DIR}" ;;
  *) echo "usage: services.sh ensure | start DIR | stop DIR" >&2; exit 2 ;;
esac
