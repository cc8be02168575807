#!/usr/bin/env bash
# Writes everything `make demo` produces (site, export, weekly reports in every format, CLI
# tables) for the example register into one folder, with a fixed day, so two binaries can be
# compared byte for byte:
#   scripts/demo-outputs.sh BINARY OUTDIR
#   diff -r /tmp/before /tmp/after
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
cp -r "$root/register" "$work/register"
rm -f "$work"/register/riskreg.db*
cd "$work"
export RISKREG_TODAY=2026-11-21
"$bin" import register/ > "$out/import.txt" 2>&1 || true
"$bin" build --templates "$root/templates" --out site --quiet > /dev/null
cp -r site "$out/site"
"$bin" export > "$out/export.json"
for format in markdown json html; do
    "$bin" report weekly --week 2026-W47 --format "$format" --templates "$root/templates" > "$out/report-W47.$format"
done
"$bin" drills > "$out/drills.txt"
"$bin" risks > "$out/risks.txt"
"$bin" drill 4 > "$out/drill-4.txt"
"$bin" risk A10 > "$out/risk-A10.txt"
"$bin" status > "$out/status.txt"
"$bin" checklist > "$out/checklist.txt"
