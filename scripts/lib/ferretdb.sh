#!/usr/bin/env bash
# Builds FerretDB v1.24.2 once (cached in .cache/ferretdb, git-ignored) and starts it on demand.
# Sourced by scripts/services.sh; safe to re-run.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
# Local build fix "idx1": FerretDB v1's SQLite backend updates/deletes by `_ferretdb_sjson->'$._id'` while its
# unique `_id` index is on `_ferretdb_sjson->"_id"`, so SQLite cannot use the index and every updated document
# costs a full table scan (updateMany is quadratic: 2,000 documents took 147 s, 7 s with the fix). We build with
# the id expression matching the index. Same results; the bump of the suffix invalidates cached binaries.
FERRETDB_PATCH="idx1"
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
FERRETDB_CACHE="$ROOT/.cache/ferretdb/$FERRETDB_VERSION-$FERRETDB_PATCH"
FERRETDB_BIN="$FERRETDB_CACHE/ferretdb"

ensure_go() {
  if command -v go >/dev/null 2>&1; then return 0; fi
  if [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; return 0; fi
  echo "[ferretdb] Go is not installed; installing golang-go from Debian" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
}

build_ferretdb() {
  if [ -x "$FERRETDB_BIN" ]; then return 0; fi
  ensure_go
  echo "[ferretdb] building FerretDB $FERRETDB_VERSION (first run only, ~1-2 min)" >&2
  local work
  work="$(mktemp -d)"
  export CGO_ENABLED=0 GOFLAGS=-mod=mod
  local dir
  dir="$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  if [ -z "$dir" ]; then echo "[ferretdb] go mod download failed" >&2; return 1; fi
  cp -r "$dir" "$work/src"
  chmod -R u+w "$work/src"
  echo "$FERRETDB_VERSION" > "$work/src/build/version/version.txt"
  local meta="$work/src/internal/backends/sqlite/metadata/metadata.go"
  sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \`->\"_id\"\`|" "$meta"
  grep -q 'IDColumn = DefaultColumn + `->"_id"`' "$meta" || { echo "[ferretdb] could not apply the _id index fix" >&2; return 1; }
  mkdir -p "$FERRETDB_CACHE"
  if ! (cd "$work/src" && go build -trimpath -buildvcs=false -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb); then
    echo "[ferretdb] retrying link with -checklinkname=0" >&2
    (cd "$work/src" && go build -trimpath -buildvcs=false -ldflags=-checklinkname=0 -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  fi
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$work"
}

# start_ferretdb DATA_DIR PORT LOGFILE -> sets FERRETDB_PID (a child of the calling shell, so it can be waited on)
start_ferretdb() {
  local data_dir="$1" port="$2" log="$3"
  build_ferretdb
  mkdir -p "$data_dir"
  "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$data_dir/" --listen-addr="127.0.0.1:$port" \
    --telemetry=disable --state-dir=- --debug-addr=- --log-level=warn >"$log" 2>&1 &
  FERRETDB_PID=$!
  echo "$FERRETDB_PID"
}
