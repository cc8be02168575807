#!/usr/bin/env bash
# Benchmark: generate N ship logs (default 10,000) plus the example registers, then time
#   1. a cold import, 2. a cold site build, 3. a no-change re-import + rebuild,
#   4. a one-file change re-import + rebuild,
# printing wall time and peak memory (max RSS) for each. Figures only: no pass/fail here.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
swift build -c release --product riskreg >/dev/null
bin="$(swift build -c release --show-bin-path)/riskreg"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/register/logs"
cp register/*.md "$work/register/"
python3 - "$work/register/logs" "$N" <<'PY'
import os, sys, random
out, n = sys.argv[1], int(sys.argv[2])
random.seed(4)
risks = ["A10", "A11", "A12", "A13", "A14", "A15", "A16", "S1", "S2"]
for i in range(1, n + 1):
    day = f"2026-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}"
    risk = risks[i % len(risks)]
    text = f"""# {day} — Drill {i} executed: generated scenario {i}

## Summary

R20 risk register, {risk}. Drill executed against {'production' if i % 3 else 'staging'}; nothing unexpected
except what the findings say. Streaming completions survived the stop.

## Headline numbers

- Stream duration: {random.uniform(10, 90):.2f}s
- Bytes received: {random.randint(1000, 90000):,}
- Recovery time: {random.randint(10, 400)}s
- Customer impact: zero

## Method

- Started a long streaming completion (`stream: true`).
- Issued `aws ecs stop-task` against one task.

## Real findings

### 1. Cooperative drain protects in-flight streams

`stop-task` triggers SIGTERM + ALB deregistration. The drained task keeps serving.

### 2. Something to follow up

A second finding with **bold** text and a [link](https://example.com/{i}).

## Action items

- [ ] Follow up on drill {i} @team{i % 17} due 2026-{(i % 12) + 1:02d}-28
- [x] Write the ship log
- [ ] Schedule the next drill #{i}

## Lockstep checklist

- [x] Drill artifact — `docs/results/{i}.md`
- [x] Ship log — this file
- [ ] Register updated
"""
    with open(os.path.join(out, f"{day}-drill-{i}.md"), "w") as f:
        f.write(text)
PY
measure() {
    local label="$1"; shift
    local stats
    stats=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>"$work/err"; } 2>&1 ) || true
    stats=$(tail -1 "$work/err")
    printf '%-34s %6ss  %6d MB\n' "$label" "$(echo "$stats" | cut -d' ' -f1)" "$(( $(echo "$stats" | cut -d' ' -f2) / 1024 ))"
}
cd "$work"
export RISKREG_TODAY=2026-11-21
echo "riskreg benchmark: $N ship logs, $(du -sh register/logs | cut -f1) of markdown, $(nproc) cores"
measure "cold import" "$bin" import register --db r.db --quiet
measure "cold build" "$bin" build --db r.db --templates "$root/templates" --out public --quiet
measure "no-change re-import" "$bin" import register --db r.db --quiet
measure "no-change rebuild" "$bin" build --db r.db --templates "$root/templates" --out public --quiet
logs=(register/logs/*.md)
sed -i 's/- \[ \] Register updated/- [x] Register updated/' "${logs[0]}"
measure "one-file change re-import" "$bin" import register --db r.db --quiet
measure "one-file change rebuild" "$bin" build --db r.db --templates "$root/templates" --out public --quiet
echo "pages: $(find public -name '*.html' | wc -l), db: $(du -h r.db | cut -f1)"
