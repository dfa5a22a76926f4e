#!/usr/bin/env bash
# `npm start`: install what is missing, build, start the local services, and serve the API, the worker
# and the Angular app on one URL. Runs in the foreground; Ctrl-C stops everything it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
cd "$ROOT"

bash scripts/lib/ensure-install.sh
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

export PORT="${PORT:-3000}"
export NODE_ENV="${NODE_ENV:-development}"
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017/cat_identifier}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cat_identifier}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
DATA_DIR="${DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA_DIR/logs"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "[start] stopping…" >&2
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

echo "[start] building backend and frontend (cached by Nx when nothing changed)" >&2
npx nx run-many -t build --projects=@cat-identifier/backend,@cat-identifier/frontend --outputStyle=static

ensure_postgres
ensure_redis
if [[ "$DATABASE_URL" == *"127.0.0.1"* || "$DATABASE_URL" == *"localhost"* ]]; then
  ensure_database "$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$DATABASE_URL")"
fi
ensure_mongo "$MONGO_URL" "$DATA_DIR/mongo" "$DATA_DIR/logs/mongo.log"
[ -n "$STARTED_MONGO_PID" ] && pids+=("$STARTED_MONGO_PID")

PROCESS_ROLE=worker node backend/dist/worker.js &
worker_pid=$!
pids+=("$worker_pid")
PROCESS_ROLE=api node backend/dist/main.js &
api_pid=$!
pids+=("$api_pid")

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then break; fi
  kill -0 "$api_pid" 2>/dev/null || { echo "[start] the API exited; see the messages above" >&2; exit 1; }
  sleep 0.5
done

cat >&2 <<MSG

  Cat Identifier is running:  http://localhost:$PORT
  Admin area:                 http://localhost:$PORT/admin   (first admin: see the message above, or ADMIN_USERNAME/ADMIN_PASSWORD)
  API docs:                   http://localhost:$PORT/api/docs
  Press Ctrl-C to stop.

MSG
# Runs until Ctrl-C, or until the API or the worker exits (then everything else is stopped too).
wait -n "$api_pid" "$worker_pid" || true
