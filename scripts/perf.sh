#!/usr/bin/env bash
# Whole-process timings for the README "Performance" table: start, open the database, work,
# print, exit. Release build; wall time and peak memory from /usr/bin/time when present.
# Usage: scripts/perf.sh [SCHOOLS] (default 24000; 8 teams, 12 terms, 50,000 GIAS rows)
set -euo pipefail
cd "$(dirname "$0")/.."
SCHOOLS="${1:-24000}"
cargo build --release --quiet
BIN="$PWD/target/release/termly"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

measure() { # label, command...
    local label="$1"; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "$label: %e s wall, %M KB peak" "$@" > /dev/null
    else
        echo "$label:"; time "$@" > /dev/null
    fi
}

echo "== fixtures (bundled Wrenfield borough)"
"$BIN" --database "$WORK/fixtures.db" import > /dev/null
"$BIN" --database "$WORK/fixtures.db" snapshot > /dev/null # warm the page cache
for i in 1 2 3; do measure "snapshot, fixtures" "$BIN" --database "$WORK/fixtures.db" snapshot; done

echo "== demo: $SCHOOLS schools x 8 teams x 12 terms, 50,000-row GIAS extract"
"$BIN" demo-data --schools "$SCHOOLS" --terms 12 --teams 8 --seed 1 --gias-rows 50000 \
    --out "$WORK/nat" > /dev/null
CFG="$WORK/nat/termly.toml"
measure "import everything" "$BIN" --config "$CFG" import
for i in 1 2 3; do measure "snapshot, $SCHOOLS schools" "$BIN" --config "$CFG" snapshot; done

# One term's scores into a database that holds the register but no scores yet.
mkdir -p "$WORK/one"
LATEST="$(ls "$WORK/nat/scores" | sort | tail -1)"
cp -r "$WORK/nat/scores/$LATEST" "$WORK/one/"
for i in 1 2 3; do
    rm -f "$WORK/reg.db"*
    "$BIN" --config "$CFG" --database "$WORK/reg.db" import --register "$WORK/nat/register.csv" \
        --support "$WORK/nat/support.csv" --inspections "$WORK/nat/inspections.csv" > /dev/null
    measure "import one term's scores (8 files)" \
        "$BIN" --config "$CFG" --database "$WORK/reg.db" import --scores "$WORK/one"
done

for i in 1 2 3; do
    rm -f "$WORK/gias.db"*
    measure "import GIAS extract, 50,000 rows" \
        "$BIN" --config "$CFG" --database "$WORK/gias.db" import --register "$WORK/nat/gias.csv"
done
