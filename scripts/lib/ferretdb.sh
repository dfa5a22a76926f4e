#!/usr/bin/env bash
# Builds FerretDB v1.24.2 once (cached in .cache/ferretdb, git-ignored) and starts it on demand.
# Sourced by scripts/services.sh; safe to re-run.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
# Local build fixes, one patch file each in scripts/lib/ferretdb-patches/ (applied in name order; each file says
# what it fixes and what it measured). The cache directory is keyed by a hash of the patches, so changing or adding
# one rebuilds the binary once.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
FERRETDB_PATCH_DIR="$ROOT/scripts/lib/ferretdb-patches"
FERRETDB_PATCH="$(cat "$FERRETDB_PATCH_DIR"/*.patch 2>/dev/null | sha256sum | cut -c1-12)"
FERRETDB_CACHE="$ROOT/.cache/ferretdb/$FERRETDB_VERSION-$FERRETDB_PATCH"
FERRETDB_BIN="$FERRETDB_CACHE/ferretdb"
# SQLite settings for the dev/test server: WAL (FerretDB's default) with synchronous=NORMAL instead of SQLite's
# FULL, so a commit no longer waits for fsync (the database stays consistent; only the last commits can be lost
# on power loss, acceptable for dev and test data). Measured with bench:ingest: bulk label of 10,000 images
# 19.8 s -> 3.4 s, ZIP import 22 -> 34 images/s (together with GOGC below).
FERRETDB_SQLITE_PARAMS="_pragma=synchronous(normal)"
# FerretDB v1 allocates heavily while converting documents; a larger GC target trades memory for CPU.
FERRETDB_GOGC="${FERRETDB_GOGC:-400}"

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
  local patch
  for patch in "$FERRETDB_PATCH_DIR"/*.patch; do
    [ -e "$patch" ] || continue
    if command -v patch >/dev/null 2>&1; then
      patch -s -p1 -d "$work/src" <"$patch" && continue
    elif (cd "$work/src" && git apply -p1 "$patch"); then
      continue
    fi
    {
      echo "[ferretdb] could not apply $(basename "$patch")" >&2
      rm -rf "$work"
      return 1
    }
  done
  mkdir -p "$FERRETDB_CACHE"
  if ! (cd "$work/src" && go build -trimpath -buildvcs=false -o "$FERRETDB_BIN.tmp.$$" ./cmd/ferretdb); then
    echo "[ferretdb] retrying link with -checklinkname=0" >&2
    (cd "$work/src" && go build -trimpath -buildvcs=false -ldflags=-checklinkname=0 -o "$FERRETDB_BIN.tmp.$$" ./cmd/ferretdb)
  fi
  mv "$FERRETDB_BIN.tmp.$$" "$FERRETDB_BIN"
  rm -rf "$work"
}

# start_ferretdb DATA_DIR PORT LOGFILE -> sets FERRETDB_PID (a child of the calling shell, so it can be waited on)
start_ferretdb() {
  local data_dir="$1" port="$2" log="$3"
  build_ferretdb
  mkdir -p "$data_dir"
  GOGC="$FERRETDB_GOGC" "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$data_dir/?$FERRETDB_SQLITE_PARAMS" --listen-addr="127.0.0.1:$port" \
    --telemetry=disable --state-dir=- --debug-addr=- --log-level=warn >"$log" 2>&1 &
  FERRETDB_PID=$!
  echo "$FERRETDB_PID"
}
