#!/usr/bin/env bash
# Runs a command (CLI, benchmark) with the dev services up and the backend built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
cd "$ROOT"
bash scripts/lib/ensure-install.sh >&2
# shellcheck source=lib/services.sh
source scripts/lib/services.sh
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017/cat_identifier}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cat_identifier}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
DATA_DIR="${DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA_DIR/logs"
npx nx run @cat-identifier/backend:build --outputStyle=static >&2
ensure_postgres >&2
ensure_redis >&2
ensure_database "$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$DATABASE_URL")" >&2
ensure_mongo "$MONGO_URL" "$DATA_DIR/mongo" "$DATA_DIR/logs/mongo.log" >&2
started="$STARTED_MONGO_PID"
set +e
PROCESS_ROLE=cli "$@"
rc=$?
[ -n "$started" ] && kill "$started" 2>/dev/null
exit $rc
