#!/usr/bin/env bash
# Starts the built product (API + worker + Angular app) on a free port against throw-away databases,
# plus the fake web-image-search providers, then runs the Playwright journeys in Debian's Chromium.
# Usage: e2e.sh RUN_DIR   (expects TEST_MONGO_URL, TEST_DATABASE_URL, REDIS_URL from scripts/test.sh)
set -uo pipefail
RUN_DIR="$1"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$ROOT"
source scripts/lib/services.sh
set +e

if [ ! -x /usr/bin/chromium ]; then
  echo "[e2e] installing Debian's chromium" >&2
  apt_install chromium fonts-liberation || { echo "[e2e] chromium is missing and could not be installed" >&2; exit 1; }
fi

name="e2e_$(date +%s)"
ensure_database "$name" >/dev/null
PORT="$(free_port)"
FAKE_PORT="$(free_port)"
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null; }
trap stop_all EXIT

node e2e/support/fake-providers.js "$FAKE_PORT" > "$RUN_DIR/logs/fake-providers.log" 2>&1 &
pids+=($!)

export PORT NODE_ENV=test MONGO_URL="$TEST_MONGO_URL/$name" DATABASE_URL="$TEST_DATABASE_URL/$name" REDIS_URL \
  QUEUE_PREFIX="$name" JWT_SECRET="e2e-secret-0123456789abcdef0123456789" \
  ADMIN_USERNAME="e2e-admin" ADMIN_PASSWORD="e2e admin password 123" ML_WORKERS=1 \
  LOGIN_RATE_LIMIT_PER_MINUTE=1000 PREDICTION_RATE_LIMIT_PER_MINUTE=10000 \
  OPENVERSE_BASE_URL="http://127.0.0.1:$FAKE_PORT/openverse" WIKIMEDIA_BASE_URL="http://127.0.0.1:$FAKE_PORT/wikimedia" \
  GOOGLE_SEARCH_BASE_URL="http://127.0.0.1:$FAKE_PORT/google" BRAVE_SEARCH_BASE_URL="http://127.0.0.1:$FAKE_PORT/brave" \
  GOOGLE_SEARCH_API_KEY="fake-key" GOOGLE_SEARCH_CX="fake-cx" BRAVE_SEARCH_TOKEN="fake-token" \
  IMAGE_SEARCH_ALLOW_PRIVATE_ADDRESSES=true
PROCESS_ROLE=worker node backend/dist/worker.js > "$RUN_DIR/logs/e2e-worker.log" 2>&1 &
pids+=($!)
PROCESS_ROLE=api node backend/dist/main.js > "$RUN_DIR/logs/e2e-api.log" 2>&1 &
api=$!
pids+=($api)
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 $api 2>/dev/null || break
  sleep 0.5
done
if ! curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then
  echo "[e2e] the API did not start; its log:" >&2
  tail -40 "$RUN_DIR/logs/e2e-api.log" >&2
  exit 1
fi

export BASE_URL="http://127.0.0.1:$PORT" FAKE_PROVIDER_URL="http://127.0.0.1:$FAKE_PORT" \
  E2E_ADMIN_USERNAME="$ADMIN_USERNAME" E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  PLAYWRIGHT_JSON_OUTPUT_NAME="$RUN_DIR/reports/e2e.json"
(cd e2e && npx playwright test --reporter=list,json)
rc=$?
pg_sql "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1
exit $rc
