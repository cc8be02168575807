#!/bin/sh
# Run the riskreg reliability drills. RISKREG=/path/to/riskreg overrides the binary
# (default: .build/release/riskreg under the repository root). Pass --quick for CI.
exec python3 "$(dirname "$0")/run.py" "$@"
