#!/usr/bin/env bash
# Benchmark riskreg against Hugo and cmark on one generated corpus of N ship logs.
#
#   scripts/bench.sh [N] [--runs R] [--scale M] [--no-scale] [--no-hugo] [--scale-hugo] [--write] [--keep]
#   scripts/bench.sh --smoke
#
# N (default 10,000) ship logs plus the example registers are generated once. Each of R runs
# (default 3) starts from a fresh copy of that corpus and times, with /usr/bin/time (wall, peak RSS):
#   riskreg  cold: `import` + `build` on an empty database and output folder; no change: the same
#            two commands again; one-file change: tick one box in one log, then the two commands.
#   Hugo     the same markdown with generated title/date front matter in a minimal site (no theme,
#            three small layouts); cold: `hugo` after removing the output, resources/ and cache;
#            no change: `hugo` again; one-file change: the same edit, then `hugo` again (a CLI
#            build always renders every page: Hugo has no persistent incremental mode outside
#            `hugo server`).
#   cmark    the parse+render floor: `cmark` over every file, 500 files per process (xargs); for
#            the one-file change, `cmark` over the edited file.
# Reported: median wall time and the largest peak RSS over the runs, the riskreg/Hugo ratios
# and the targets. A scale line times riskreg's cold import+build at M logs (default 50,000;
# Hugo only with --scale-hugo) and compares its time per log and its peak memory with the
# N run's (memory counts as flat up to 1.5 times the N run's peak).
# --write also writes the table, date, machine and versions to bench/RESULTS.md.
# --smoke (for CI): N=200, 1 run, scale line at 1,000; Hugo and cmark only when installed.
# --keep leaves the work folder (corpus, last run's sites) for inspection.
# Set RISKREG=path to time an existing binary instead of building the release one.
# Figures and targets only: nothing here (or in any test) fails on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

N=10000 RUNS=3 SCALE=50000 USE_HUGO=1 SCALE_HUGO=0 WRITE=0 SMOKE=0 KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift ;;
        --scale) SCALE="$2"; shift ;;
        --no-scale) SCALE=0 ;;
        --no-hugo) USE_HUGO=0 ;;
        --scale-hugo) SCALE_HUGO=1 ;;
        --write) WRITE=1 ;;
        --smoke) SMOKE=1 ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) N="$1" ;;
        *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$SMOKE" = 1 ]; then
    N=200 RUNS=1 SCALE=1000
    if [ "$WRITE" = 1 ]; then echo "bench.sh: --smoke does not write bench/RESULTS.md" >&2; exit 2; fi
fi
for v in "$N" "$RUNS" "$SCALE"; do
    [[ "$v" =~ ^[0-9]+$ ]] || { echo "bench.sh: '$v' is not a number" >&2; exit 2; }
done
[ "$N" -gt 0 ] && [ "$RUNS" -gt 0 ] || { echo "bench.sh: N and --runs must be positive" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ -z "${RISKREG:-}" ]; then
    swift build -c release --product riskreg >/dev/null
    RISKREG="$(swift build -c release --show-bin-path)/riskreg"
fi
bin="$(cd "$(dirname "$RISKREG")" && pwd)/$(basename "$RISKREG")"
hugo_note="" cmark_note=""
if [ "$USE_HUGO" = 0 ]; then hugo_note="not run (--no-hugo)"
elif ! command -v hugo >/dev/null; then USE_HUGO=0; hugo_note="not installed (apt-get install hugo)"; fi
USE_CMARK=1
command -v cmark >/dev/null || { USE_CMARK=0; cmark_note="not installed (apt-get install cmark)"; }

work="$(mktemp -d)"
if [ "$KEEP" = 1 ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
results="$work/results.tsv"   # tool, step, part, run, seconds, peak KB
: >"$results"
mkdir -p "$work/timings"
export RISKREG_TODAY=2026-11-21 RISKREG_TIMINGS=1 HUGO_CACHEDIR="$work/hugo-cache"

# generate DIR COUNT: DIR/register (the example registers + COUNT ship logs, for riskreg and
# cmark) and DIR/hugo (a Hugo site whose content is the same files, with front matter).
generate() {
    local dir="$1" count="$2"
    mkdir -p "$dir/register/logs" "$dir/hugo/content/logs" "$dir/hugo/content/register" "$dir/hugo/layouts/_default"
    cp register/*.md "$dir/register/"
    python3 - "$dir" "$count" <<'PY'
import json, os, random, re, sys
base, n = sys.argv[1], int(sys.argv[2])
out = os.path.join(base, "register", "logs")
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
# Hugo's copy: the same bytes after a front matter block giving the title (the first H1) and the
# date (from the file name), which Hugo does not take from the markdown itself.
for sub in ("logs", "register"):
    src = os.path.join(base, "register") if sub == "register" else out
    for name in sorted(os.listdir(src)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(src, name), encoding="utf-8").read()
        if not text.startswith("---\n"):
            h1 = re.search(r"^# (.+)$", text, re.M)
            day = re.match(r"\d{4}-\d{2}-\d{2}", name)
            front = [f"title: {json.dumps(h1.group(1) if h1 else name[:-3])}"]
            if day:
                front.append(f"date: {day.group(0)}")
            text = "---\n" + "\n".join(front) + "\n---\n" + text
        with open(os.path.join(base, "hugo", "content", sub, name), "w", encoding="utf-8") as f:
            f.write(text)
PY
    # A minimal site: no theme, one layout per page kind, each a real HTML page. Taxonomies, RSS,
    # sitemap, robots.txt and 404 are off, so Hugo renders only the pages and their lists; future
    # dates are built (some generated logs are dated after today, which Hugo would skip).
    cat >"$dir/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "Risk register"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
buildFuture = true
TOML
    local head='<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    cat >"$dir/hugo/layouts/_default/single.html" <<HTML
$head<title>{{ .Title }} · {{ .Site.Title }}</title></head><body>
<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .Section }}</a></nav>
<main><article><p><time>{{ .Date.Format "2006-01-02" }}</time> · {{ .WordCount }} words</p>{{ .Content }}</article>
<p>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</p></main>
</body></html>
HTML
    cat >"$dir/hugo/layouts/_default/list.html" <<HTML
$head<title>{{ .Title }} · {{ .Site.Title }}</title></head><body>
<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></nav>
<main><h1>{{ .Title }}</h1><table><thead><tr><th>Date</th><th>Title</th></tr></thead><tbody>
{{ range .Pages.ByDate.Reverse }}<tr><td>{{ .Date.Format "2006-01-02" }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td></tr>
{{ end }}</tbody></table></main>
</body></html>
HTML
    cat >"$dir/hugo/layouts/index.html" <<HTML
$head<title>{{ .Site.Title }}</title></head><body>
<main><h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} pages)</li>{{ end }}</ul>
<h2>Latest</h2><ul>{{ range first 20 .Site.RegularPages.ByDate.Reverse }}<li>{{ .Date.Format "2006-01-02" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>
</body></html>
HTML
}

# measure TOOL STEP PART RUN CMD...: runs CMD under /usr/bin/time and records wall time and peak
# RSS. A failing command stops the benchmark (its stderr is shown): a broken run is not a figure.
measure() {
    local tool="$1" step="$2" part="$3" run="$4"; shift 4
    if ! /usr/bin/time -o "$work/time.out" -f '%e %M' "$@" >"$work/stdout" 2>"$work/stderr"; then
        echo "bench.sh: $tool $step ($part, run $run) failed: $*" >&2
        tail -20 "$work/stderr" >&2
        exit 1
    fi
    if [ "$tool" = riskreg ]; then
        cp "$work/stderr" "$work/timings/$step.$part.$run"
        cp "$work/stdout" "$work/timings/$step.$part.$run.out"
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$step" "$part" "$run" "$(tail -1 "$work/time.out" | tr ' ' '\t')" >>"$results"
}

# bench_corpus LABEL DIR COUNT WITH_HUGO: the runs over one generated corpus. LABEL prefixes the
# step names ("" for the N corpus, "scale." for the scale line, which times cold runs only).
set_aside() {
    if [ -e "$1" ]; then mkdir -p "$work/aside" && mv "$1" "$(mktemp -d "$work/aside/XXXXXX")/"; fi
}

bench_corpus() {
    local label="$1" dir="$2" count="$3" with_hugo="$4" r
    local logs=("$dir"/register/logs/*.md)
    local edit; edit="$(basename "${logs[$((count / 2))]}")"
    local tick='s/- \[ \] Register updated/- [x] Register updated/'
    for r in $(seq 1 "$RUNS"); do
        echo "  ${label:+scale line, }N=$count: run $r/$RUNS" >&2
        # The previous run's files are moved aside, not deleted: on ext4 without a journal (as on
        # these VMs) creating files soon after deleting tens of thousands makes every create scan
        # past the recently freed inodes, a cost of the machine that would land on whichever
        # tool runs next. Everything moved aside goes when the benchmark ends.
        set_aside "$work/run"
        mkdir -p "$work/run" && cp -r "$dir/register" "$dir/hugo" "$work/run/"
        (
            cd "$work/run"
            local steps=(cold)
            if [ -z "$label" ]; then steps=(cold nochange change); fi
            for step in "${steps[@]}"; do
                if [ "$step" = change ]; then sed -i "$tick" "register/logs/$edit"; fi
                measure riskreg "$label$step" import "$r" "$bin" import register --db r.db --quiet
                # Not a timing check: a change that imports nothing would make the figures meaningless.
                if [ "$step" = change ] && ! grep -q ' 1 updated,' "$work/stdout"; then
                    echo "bench.sh: the one-file change did not update one file: $(cat "$work/stdout")" >&2
                    exit 1
                fi
                measure riskreg "$label$step" build "$r" "$bin" build --db r.db --templates "$root/templates" --out public --quiet
            done
            if [ "$r" = 1 ]; then
                echo "${label}riskreg_pages=$(find public -name '*.html' | wc -l)" >>"$work/meta"
                echo "${label}db=$(du -h r.db | cut -f1)" >>"$work/meta"
            fi
            if [ "$with_hugo" = 1 ]; then
                for step in "${steps[@]}"; do
                    if [ "$step" = cold ]; then set_aside hugo-out; set_aside hugo/resources; set_aside "$HUGO_CACHEDIR"; fi
                    if [ "$step" = change ]; then sed -i "$tick" "hugo/content/logs/$edit"; fi
                    measure hugo "$label$step" build "$r" hugo --quiet -s hugo -d "$work/run/hugo-out"
                done
                if [ "$r" = 1 ]; then echo "${label}hugo_pages=$(find hugo-out -name '*.html' | wc -l)" >>"$work/meta"; fi
            fi
            if [ "$USE_CMARK" = 1 ]; then
                measure cmark "${label}cold" all "$r" sh -c 'find register -name "*.md" -print0 | xargs -0 -n 500 cmark >/dev/null'
                if [ -z "$label" ]; then measure cmark change one "$r" cmark "register/logs/$edit"; fi
            fi
        )
    done
    echo "${label}files=$(find "$dir/register" -name '*.md' | wc -l)" >>"$work/meta"
    echo "${label}bytes=$(du -sb "$dir/register" | cut -f1)" >>"$work/meta"
}

echo "riskreg vs Hugo vs cmark: N=$N, $RUNS run(s), scale line at ${SCALE/#0/off}; work dir $work" >&2
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
generate "$work/corpus" "$N"
bench_corpus "" "$work/corpus" "$N" "$USE_HUGO"
if [ "$SCALE" -gt 0 ]; then
    set_aside "$work/corpus"
    generate "$work/corpus-scale" "$SCALE"
    bench_corpus "scale." "$work/corpus-scale" "$SCALE" "$((USE_HUGO && SCALE_HUGO))"
fi

# Machine and versions for the report.
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "load=at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mem=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
    echo "disk=$(findmnt -n -o FSTYPE,SOURCE --target "$work" | tr -s ' ')"
    echo "riskreg_version=$("$bin" --version)"
    if [ "$USE_HUGO" = 1 ]; then echo "hugo_version=$(hugo version)"; fi
    if [ "$USE_CMARK" = 1 ]; then echo "cmark_version=$(cmark --version | head -1)"; fi
    echo "hugo_note=$hugo_note"
    echo "cmark_note=$cmark_note"
    echo "scale_hugo=$SCALE_HUGO"
    echo "smoke=$SMOKE"
    echo "args=N=$N runs=$RUNS scale=$SCALE"
} >>"$work/meta"

python3 - "$results" "$work/meta" "$work/timings" "$N" "$RUNS" "$SCALE" "$WRITE" "$root/bench/RESULTS.md" <<'PY'
import collections, glob, os, re, statistics, sys
results, meta_path, timings_dir = sys.argv[1:4]
n, runs, scale, write = (int(a) for a in sys.argv[4:8])
out_path = sys.argv[8]
meta = dict(l.rstrip("\n").split("=", 1) for l in open(meta_path) if "=" in l)

# rows[(tool, step)][run] = [seconds, peak KB] summed over the step's commands (RSS: max).
rows = collections.defaultdict(dict)
parts = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(results):
    tool, step, part, run, secs, kb = line.split("\t")
    secs, kb = float(secs), int(kb)
    cur = rows[(tool, step)].setdefault(run, [0.0, 0])
    cur[0] += secs
    cur[1] = max(cur[1], kb)
    parts[(tool, step)][part].append((secs, kb))

def fig(tool, step):
    """(median wall seconds, max peak MB) over the runs, or None when not measured."""
    r = rows.get((tool, step))
    if not r:
        return None
    return statistics.median(v[0] for v in r.values()), max(v[1] for v in r.values()) / 1024

def cell(f):
    return "—" if f is None else f"{f[0]:.2f} s · {f[1]:.0f} MB"

hugo_missing = meta.get("hugo_note") or "not run"
def ratio(a, b):
    if a is None or b is None:
        return None
    return a[0] / b[0] if b[0] > 0 else None

def ratio_cell(a, b, digits):
    """'0.55× (RSS 0.80×)': riskreg/Hugo wall time, then peak memory."""
    r = ratio(a, b)
    if r is None:
        return "—"
    return f"{r:.{digits}f}× (RSS {a[1] / b[1]:.2f}×)" if b[1] > 0 else f"{r:.{digits}f}×"

# Targets. Ratios are riskreg/Hugo wall time; MB limits are riskreg's peak RSS.
LINEAR = 1.2          # "linear in N": time per log at the scale line ≤ 1.2× the N run's
FLAT = 1.5            # "memory flat": peak RSS at the scale line ≤ 1.5× the N run's
def verdict(checks):
    """checks: [(name, ok or None)]: 'yes', 'no (time)', or '? (…)' when a check had no data."""
    bad = [name for name, ok in checks if ok is False]
    unknown = [name for name, ok in checks if ok is None]
    if bad:
        return "**no** (" + ", ".join(bad) + ")"
    if unknown:
        return "? (" + ", ".join(unknown) + " not measured)"
    return "yes"

lines = []
lines.append("| step | riskreg | Hugo | cmark | riskreg/Hugo | target | met? |")
lines.append("|---|---:|---:|---:|---:|---|---|")
cold_r, cold_h, cold_c = fig("riskreg", "cold"), fig("hugo", "cold"), fig("cmark", "cold")
rc = ratio(cold_r, cold_h)
lines.append(f"| cold import+build, {n:,} logs | {cell(cold_r)} | {cell(cold_h)} | {cell(cold_c)} | "
             f"{ratio_cell(cold_r, cold_h, 2)} | ≤ 0.2× Hugo's clean build; < 300 MB | "
             f"{verdict([('time', None if rc is None else rc <= 0.2), ('RSS', cold_r[1] < 300)])} |")
ch_r, ch_h, ch_c = fig("riskreg", "change"), fig("hugo", "change"), fig("cmark", "change")
rch = ratio(ch_r, ch_h)
# Without Hugo the time check falls back to the ≈0.5 s the ratio means at 10,000 logs.
time_ok = (rch <= 0.04) if rch is not None else (ch_r[0] <= 0.5 if n == 10000 else None)
lines.append(f"| one-file change | {cell(ch_r)} | {cell(ch_h)} | {cell(ch_c)} | "
             f"{ratio_cell(ch_r, ch_h, 3)} | ≤ 0.04× Hugo's rebuild (≈0.5 s); < 150 MB | "
             f"{verdict([('time', time_ok), ('RSS', ch_r[1] < 150)])} |")
nc_r, nc_h = fig("riskreg", "nochange"), fig("hugo", "nochange")
rnc = ratio(nc_r, nc_h)
lines.append(f"| no change | {cell(nc_r)} | {cell(nc_h)} | — | "
             f"{ratio_cell(nc_r, nc_h, 3)} | < 0.3 s | {verdict([('time', nc_r[0] < 0.3)])} |")
sc_r = fig("riskreg", "scale.cold")
if sc_r:
    sc_h, sc_c = fig("hugo", "scale.cold"), fig("cmark", "scale.cold")
    per_log = (sc_r[0] / scale) / (cold_r[0] / n) if cold_r[0] > 0 else None
    # Memory: the scale line's peak against the N run's, and what each 1,000 more logs added.
    growth = sc_r[1] / cold_r[1] if cold_r[1] > 0 else None
    per_thousand = (sc_r[1] - cold_r[1]) / (scale - n) * 1000 if scale != n else None
    rs = ratio(sc_r, sc_h)
    ratio_txt = ("—" if per_log is None else f"per log {per_log:.2f}× the {n:,} run") + \
        ("" if growth is None else f"; peak {growth:.1f}× the {n:,} run's" +
         ("" if per_thousand is None else f" (+{per_thousand:.1f} MB per 1,000 logs)")) + \
        ("" if rs is None else f"; {ratio_cell(sc_r, sc_h, 2)} Hugo")
    hugo_cell = cell(sc_h) if sc_h else ("skipped" if cold_h else "—")
    lines.append(f"| cold import+build, {scale:,} logs | {cell(sc_r)} | {hugo_cell} | {cell(sc_c)} | {ratio_txt} | "
                 f"linear in N (per log ≤ {LINEAR}× the {n:,} run); memory flat (peak ≤ {FLAT}× the {n:,} run's) and < 300 MB | "
                 f"{verdict([('linear', None if per_log is None else per_log <= LINEAR), ('memory grows', None if growth is None else growth <= FLAT), ('RSS', sc_r[1] < 300)])} |")
table = "\n".join(lines)

# Where the time goes: riskreg's import and build separately, and its build steps (RISKREG_TIMINGS).
def part_median(step, part):
    v = parts[("riskreg", step)].get(part)
    return None if not v else (statistics.median(s for s, _ in v), max(k for _, k in v) / 1024)

def step_times(step):
    """Median ms and max peak MB per build step over the runs, from the RISKREG_TIMINGS lines."""
    acc = collections.defaultdict(list)
    for path in glob.glob(os.path.join(timings_dir, f"{step}.build.*")):
        for line in open(path, encoding="utf-8", errors="replace"):
            m = re.match(r"\s+(.+?): (\d+) ms(?:, peak (\d+) MB)?$", line.rstrip("\n"))
            if m:
                acc[m.group(1)].append((int(m.group(2)), int(m.group(3) or 0)))
    return {k: (statistics.median(ms for ms, _ in v), max(mb for _, mb in v)) for k, v in acc.items()}

where = ["| riskreg step | import | build | slowest build steps (median ms, peak MB so far) |", "|---|---:|---:|---|"]
for step, name in (("cold", f"cold, {n:,} logs"), ("nochange", "no change"), ("change", "one-file change"), ("scale.cold", f"cold, {scale:,} logs")):
    imp, bld = part_median(step, "import"), part_median(step, "build")
    if imp is None:
        continue
    top = sorted(step_times(step).items(), key=lambda kv: -kv[1][0])[:4]
    tops = "; ".join(f"{k} {ms:.0f} ms ({mb} MB)" if mb else f"{k} {ms:.0f} ms" for k, (ms, mb) in top)
    where.append(f"| {name} | {cell(imp)} | {cell(bld)} | {tops or '—'} |")
where_table = "\n".join(where)

def said(step, part):
    """riskreg's own summary line for a step of run 1 (its stdout under --quiet)."""
    try:
        text = open(os.path.join(timings_dir, f"{step}.{part}.1.out"), encoding="utf-8").read().strip()
    except OSError:
        return "?"
    return text.splitlines()[-1] if text else "?"

mb = int(meta.get("bytes", 0)) / 1e6
notes = [
    f"Corpus: {int(meta.get('files', 0)):,} markdown files ({mb:.1f} MB): the 2 example registers and {n:,} generated ship logs. "
    f"Pages written: riskreg {meta.get('riskreg_pages', '?')}, Hugo {meta.get('hugo_pages', '—')}; riskreg database {meta.get('db', '?')}.",
    f"Times: median wall time of {runs} run(s); memory: the largest peak RSS (`/usr/bin/time -f '%e %M'`) over the runs "
    "and over the step's commands. Every run starts from a fresh copy of the corpus; the page cache is warm "
    "(\"cold\" means an empty database and output folder, not a cold disk cache). "
    "A run's files (and Hugo's output before its cold build) are moved aside, not deleted, until the benchmark ends: "
    "on ext4 without a journal, as here, creating files within about 30 s of deleting tens of thousands makes each "
    "create scan past the freed inodes, which would be charged to whichever tool ran next.",
]
notes.append("riskreg said (run 1): " + "; ".join(
    f"{name}: import `{said(step, 'import')}`, build `{said(step, 'build')}`"
    for step, name in (("cold", "cold"), ("nochange", "no change"), ("change", "one-file change"))) + ".")
if meta.get("hugo_note"):
    notes.append(f"Hugo: {meta['hugo_note']}.")
if meta.get("cmark_note"):
    notes.append(f"cmark: {meta['cmark_note']}.")
if sc_r and not fig("hugo", "scale.cold"):
    notes.append(f"The {scale:,} line skips Hugo (pass --scale-hugo to time it too).")
if n != 10000:
    notes.append(f"**N={n:,} is not the default 10,000**: the targets are set for 10,000 logs, so the met? column is only indicative.")

print()
print(table)
print()
print(where_table)
print()
for note in notes:
    print("- " + note)

if write:
    versions = [f"`{meta['riskreg_version']}`"]
    versions.append(f"`{meta['hugo_version']}`" if meta.get("hugo_version") else f"Hugo {hugo_missing}")
    versions.append(f"`{meta['cmark_version']}`" if meta.get("cmark_version") else "cmark not installed")
    doc = f"""# Benchmark: riskreg, Hugo and cmark on one corpus

Written by `scripts/bench.sh --write` ({meta['args']}); `make bench` runs the default
(10,000 logs, 3 runs, a 50,000 scale line).

- Date: {meta['date']}
- Machine: {meta['nproc']} cores ({meta['cpu']}), {meta['mem']} RAM; work folder on {meta['disk']} (mktemp, not tmpfs)
- Load average (1, 5, 15 min): {meta['load']}; other work on the machine shows up in every column
- Versions: {'; '.join(versions)}

{table}

## Where the time goes

{where_table}

Build steps are riskreg's own `RISKREG_TIMINGS=1` lines from the same runs; "peak" there is the
process's peak RSS when the step ended.

## Notes

""" + "\n".join("- " + x for x in notes) + """

## What is measured

- **riskreg**: `riskreg import register --db r.db` then `riskreg build --db r.db --out public`
  (`RISKREG_TODAY` fixed, `--quiet`). Cold: empty database and output. No change: both commands
  again. One-file change: one log's `- [ ] Register updated` becomes `- [x]`, then both commands.
  The step's time is the two commands' sum, its memory the larger peak.
- **Hugo**: a minimal site in the work folder: `hugo.toml` with no theme and
  `disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]` (riskreg writes a
  feed and a sitemap, so turning them off makes Hugo's side lighter, not heavier) and
  `buildFuture = true` (some generated logs are dated after today), and three
  layouts written by the script (`_default/single.html`: title, date, word count, the rendered
  markdown, previous/next links; `_default/list.html`: a table of every page in the section;
  `index.html`: sections and the latest 20 pages). Content: the same files under `content/logs/`
  and `content/register/`, each with a generated front matter block (`title` from the first H1,
  `date` from the file name) because Hugo takes neither from the markdown. Markdown by Hugo's
  Goldmark. Cold: `hugo --quiet -s SITE -d OUT` after removing `OUT`, `resources/` and the cache
  folder. No change: the same command again. One-file change: the same edit as riskreg's, then the
  same command: a CLI build renders every page each time (Hugo has no persistent incremental mode
  outside `hugo server`), so its "rebuild" is a full build over a warm output folder.
- **cmark**: the parse+render floor (HTML to /dev/null, no files written). Cold:
  `find register -name '*.md' -print0 | xargs -0 -n 500 cmark` (500 files per process, which
  cmark reads as one document: few process starts, memory bounded by the batch). One-file change:
  `cmark` over the edited file. No change: nothing to parse.
- Both riskreg and Hugo use every core (riskreg renders pages in parallel; Hugo is Go); cmark is
  single-threaded. Targets live here only: no test asserts a time.
"""
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w") as f:
        f.write(doc)
    print(f"\nwrote {os.path.relpath(out_path)}")
PY
