#!/usr/bin/env bash
# `npm test`: starts what it needs itself (throw-away databases; never the dev data) and runs every
# unit, integration and end-to-end test. Exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
cd "$ROOT"
started_at=$(date +%s)

bash scripts/lib/ensure-install.sh || exit 1
# shellcheck source=lib/services.sh
source scripts/lib/services.sh
set +e

RUN_DIR="$ROOT/.cache/test-run"
rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR/reports" "$RUN_DIR/logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT INT TERM

ensure_postgres || exit 1
ensure_redis || exit 1
MONGO_PORT="$(free_port)"
export TEST_MONGO_URL="mongodb://127.0.0.1:$MONGO_PORT"
ensure_mongo "$TEST_MONGO_URL/ping" "$RUN_DIR/mongo" "$RUN_DIR/logs/mongo.log" || exit 1
[ -n "$STARTED_MONGO_PID" ] && pids+=("$STARTED_MONGO_PID")
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432"
export REDIS_URL="redis://127.0.0.1:6379"
export NODE_ENV=test

echo "[test] building backend and frontend" >&2
npx nx run-many -t build --projects=@cat-identifier/backend,@cat-identifier/frontend --outputStyle=static \
  > "$RUN_DIR/logs/build.log" 2>&1 || { tail -60 "$RUN_DIR/logs/build.log"; echo "0 passed, 1 failed"; exit 1; }

status=0
# Type checks: the backend's sources and tests, the frontend's specs (the app itself is checked by its build;
# vitest strips types without checking them) and the end-to-end journeys (Playwright strips types too). Each is one entry of the summary.
typecheck() { # typecheck NAME REPORT TSCONFIG
  echo "[test] $1" >&2
  if npx tsc --noEmit -p "$3" > "$RUN_DIR/logs/$2.log" 2>&1; then
    echo "{\"name\":\"$1\",\"passed\":1,\"failed\":0}" > "$RUN_DIR/reports/$2.json"
  else
    cat "$RUN_DIR/logs/$2.log"
    echo "{\"name\":\"$1\",\"passed\":0,\"failed\":1}" > "$RUN_DIR/reports/$2.json"
    status=1
  fi
}
typecheck "backend typecheck" typecheck backend/tsconfig.json
typecheck "frontend spec typecheck" typecheck-frontend frontend/tsconfig.spec.json
typecheck "e2e typecheck" typecheck-e2e e2e/tsconfig.json

echo "[test] backend unit + integration tests (jest)" >&2
(cd backend && npx jest --config jest.config.js --maxWorkers=2 --json --outputFile="$RUN_DIR/reports/backend.json") || status=1

echo "[test] frontend unit tests (vitest)" >&2
(cd frontend && npx ng test --watch=false --reporters=default --reporters=json --output-file="$RUN_DIR/reports/frontend.json") || status=1

echo "[test] end-to-end tests (Playwright + Chromium against the real stack)" >&2
bash scripts/lib/e2e.sh "$RUN_DIR" || status=1

node scripts/lib/summarise-tests.js "$RUN_DIR/reports" "$(( $(date +%s) - started_at ))" || status=1
exit $status
