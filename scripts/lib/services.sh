#!/usr/bin/env bash
# Local services for `npm start` and `npm test`: PostgreSQL, Redis and a MongoDB-wire server.
# Uses what already answers; otherwise installs (Debian) and starts it. Idempotent, safe to re-run.
# Source this file, then call the ensure_* functions.
set -euo pipefail

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# shellcheck source=ferretdb.sh
source "$ROOT/scripts/lib/ferretdb.sh"

log() { echo "[services] $*" >&2; }

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    log "need to install $* but not root; install it yourself (sudo apt-get install $*)"
    return 1
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null 2>&1 || true; _APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL ------------------------------------------------------------
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }

ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    log "PostgreSQL not installed: installing from Debian"
    apt_install postgresql
  fi
  if ! pg_up; then
    log "starting PostgreSQL"
    local ver
    ver="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
    if [ -n "$ver" ]; then
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
    fi
    for _ in $(seq 1 60); do pg_up && break; sleep 0.5; done
    pg_up || { log "PostgreSQL did not come up on 127.0.0.1:5432"; return 1; }
    # Local trust auth for the app user over TCP, as on the dev machines.
  fi
}

# psql as the postgres superuser (trust auth locally; falls back to the unix socket as the postgres OS user).
pg_sql() {
  if psql -h 127.0.0.1 -U postgres -d postgres -tAc "$1" 2>/dev/null; then return 0; fi
  su postgres -c "psql -d postgres -tAc \"$1\"" 2>/dev/null
}

ensure_database() {
  local name="$1"
  if [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname='$name'")" != "1" ]; then
    log "creating PostgreSQL database $name"
    pg_sql "CREATE DATABASE \"$name\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null
  fi
}

# --- Redis -----------------------------------------------------------------
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    log "Redis not installed: installing from Debian"
    apt_install redis-server
  fi
  if ! redis_up; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir "${REDIS_DIR:-/var/lib/redis}" --logfile "${REDIS_LOG:-/var/log/redis/ci.log}" >/dev/null
    for _ in $(seq 1 40); do redis_up && break; sleep 0.25; done
    redis_up || { log "Redis did not come up on 127.0.0.1:6379"; return 1; }
  fi
}

# --- MongoDB wire protocol -------------------------------------------------
mongo_ping() { node "$ROOT/scripts/lib/mongo-ping.js" "$1" >/dev/null 2>&1; }

# ensure_mongo URL DATA_DIR LOGFILE
# When URL already answers, it is used. Otherwise a mongod on PATH, else FerretDB (SQLite) is started on
# URL's port with DATA_DIR. Sets STARTED_MONGO_PID when this call started a server.
ensure_mongo() {
  local url="$1" data_dir="$2" logfile="$3"
  STARTED_MONGO_PID=""
  if mongo_ping "$url"; then return 0; fi
  local port
  port="$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||27017)' "$url")"
  mkdir -p "$data_dir"
  if command -v mongod >/dev/null 2>&1; then
    log "starting mongod on 127.0.0.1:$port"
    mongod --bind_ip 127.0.0.1 --port "$port" --dbpath "$data_dir" >"$logfile" 2>&1 &
    STARTED_MONGO_PID=$!
  else
    log "starting FerretDB $FERRETDB_VERSION (SQLite) on 127.0.0.1:$port, data in ${data_dir#"$ROOT"/}"
    start_ferretdb "$data_dir" "$port" "$logfile" >/dev/null
    STARTED_MONGO_PID="$FERRETDB_PID"
  fi
  for _ in $(seq 1 120); do
    if mongo_ping "$url"; then return 0; fi
    if ! kill -0 "$STARTED_MONGO_PID" 2>/dev/null; then break; fi
    sleep 0.25
  done
  log "the MongoDB-compatible server did not answer on $url; its log:"
  tail -20 "$logfile" >&2 || true
  return 1
}

# Finds a free TCP port on 127.0.0.1.
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
