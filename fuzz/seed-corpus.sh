#!/usr/bin/env bash
# Refreshes fuzz/corpus/ from the example register and the test fixtures (files over 64 KB are
# skipped). Hand-written seeds (fuzz/corpus/hand-*.md) are kept as they are.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS="$REPO/fuzz/corpus"
mkdir -p "$CORPUS"
find "$CORPUS" -maxdepth 1 -type f ! -name 'hand-*' -delete
cd "$REPO"
find register Tests/RiskregTests/Fixtures -type f -name '*.md' -size -65537c -print0 | sort -z |
    while IFS= read -r -d '' f; do
        name=$(printf '%s' "$f" | sed -e 's#^Tests/RiskregTests/Fixtures/#fixture/#' -e 's#/#__#g' -e 's#[^A-Za-z0-9._-]#_#g')
        cp "$f" "$CORPUS/$name"
    done
echo "$(find "$CORPUS" -type f | wc -l) seeds in fuzz/corpus ($(du -sh "$CORPUS" | cut -f1))"
