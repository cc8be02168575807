#!/usr/bin/env bash
# Runs riskreg's fuzz targets for a set time each and reports what they did.
#
#   fuzz/run.sh [SECONDS] [TARGET[=SECONDS]...]   # default: 900 s each, targets parser render
#   fuzz/run.sh 900 parser=1200 render=600         # 20 min parser, 10 min render
#
# Each target runs on ONE core (-workers=1 -jobs=1) with -max_len=65536 -timeout=10
# -rss_limit_mb=2048 -use_value_profile=1, over a working corpus outside the repository
# ($RISKREG_FUZZ_WORK/<target>/corpus, default under /tmp/riskreg-fuzz/work) seeded from
# fuzz/corpus/. libFuzzer stops at the first crash; the run then resumes with the time left
# (at most MAX_SESSIONS sessions), so one shallow bug does not end the whole run.
#
# Per target it prints executions, exec/s, coverage (cov: and ft: of the last stats line), the
# working corpus and the crashes (artifact files). Every crash, leak, timeout or OOM input is
# run again; one that reproduces is minimised (-minimize_crash=1) and copied to
# fuzz/crashes/<target>-<n>.md (base64 in <target>-<n>.md.b64 when it is not UTF-8 text). The
# figures, the top stack frames and how to reproduce go to fuzz/RESULTS.md.
#
# Builds the targets first (fuzz/build.sh) when they are missing; BUILD=1 rebuilds them.
# RESULTS=append adds this run's section to fuzz/RESULTS.md instead of replacing the file.
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ="$REPO/fuzz"
OUT=${RISKREG_FUZZ_DIR:-/tmp/riskreg-fuzz}
WORK=${RISKREG_FUZZ_WORK:-$OUT/work}
SWIFT_BIN=${SWIFT_BIN:-/opt/swift/usr/bin}
SECONDS_EACH=900
case "${1:-}" in [0-9]*) SECONDS_EACH=$1; shift ;; esac
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(parser render)
MAX_SESSIONS=${MAX_SESSIONS:-4}
MINIMIZE_SECONDS=${MINIMIZE_SECONDS:-120}
FLAGS=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -use_value_profile=1 -workers=1 -jobs=1 -print_final_stats=1)
# More libFuzzer flags, e.g. EXTRA_FLAGS=-len_control=0 (mutate up to -max_len from the start).
# shellcheck disable=SC2206
FLAGS+=(${EXTRA_FLAGS:-})

usage() { echo "usage: fuzz/run.sh [SECONDS] [TARGET[=SECONDS]...]" >&2; exit 64; }
case "$SECONDS_EACH" in ''|*[!0-9]*) usage ;; esac
declare -A BUDGET SEEN
for i in "${!TARGETS[@]}"; do
    spec=${TARGETS[$i]}
    name=${spec%%=*}
    budget=$SECONDS_EACH
    [ "$name" != "$spec" ] && budget=${spec#*=}
    case "$budget" in ''|*[!0-9]*) usage ;; esac
    case "$name" in parser|render) ;; *) usage ;; esac
    TARGETS[$i]=$name
    BUDGET[$name]=$budget
done

# Let libFuzzer and ASan report crashes (Swift's own backtracer would race them), symbolised.
export SWIFT_BACKTRACE=enable=no
export ASAN_SYMBOLIZER_PATH="$SWIFT_BIN/llvm-symbolizer"
export ASAN_OPTIONS=${ASAN_OPTIONS:-symbolize=1:detect_leaks=1}

log() { printf '[fuzz/run] %s\n' "$*" >&2; }

missing=()
for target in "${TARGETS[@]}"; do [ -x "$OUT/$target" ] || missing+=("$target"); done
if [ "${BUILD:-0}" = 1 ]; then missing=("${TARGETS[@]}"); fi
if [ ${#missing[@]} -gt 0 ]; then
    log "building ${missing[*]}"
    "$FUZZ/build.sh" "${missing[@]}" || { log "build failed"; exit 1; }
fi

demangle() { if [ -x "$SWIFT_BIN/swift-demangle" ]; then "$SWIFT_BIN/swift-demangle" --simplified; else cat; fi; }

# The first frames of a crash report that are not libFuzzer's, the sanitizer's or libc's.
top_frames() {
    grep -E '^[[:space:]]*#[0-9]+ 0x' "$1" | demangle |
        grep -vE ' in (__sanitizer|__asan|__interceptor|fuzzer::|__lsan|___interceptor|malloc|calloc|realloc|free|operator new|abort|raise|__libc|__GI_|_start|main )| in [^ ]*(libc\.so|libFuzzer)|FuzzerLoop\.cpp|FuzzerDriver\.cpp|FuzzerMain\.cpp|sanitizer_common|asan_' |
        grep ' in ' | sed -E 's/^[[:space:]]*#[0-9]+ 0x[0-9a-f]+ in //; s/ \(BuildId: [0-9a-f]+\)//' | head -"${2:-8}"
}

# What identifies a bug: the cause and the first three frames in source files of ours.
signature() {
    { cause "$1" | sed -E 's/#[0-9]+ 0x[0-9a-f]+ in //; s/==[0-9]+==//g; s/0x[0-9a-f]+//g'
      top_frames "$1" 30 | grep -v '<compiler-generated>' | grep -E '\.swift:|\.c:' | head -3 | sed -E 's/:[0-9]+(:[0-9]+)?$//'
    } | tr '\n' ' '
}

# The one-line cause: Swift's fatal error, or the sanitizer's / libFuzzer's summary.
cause() {
    { grep -m1 -E 'Fatal error|Swift runtime failure|precondition failed|Assertion failed' "$1" ||
      grep -m1 -E '^SUMMARY: ' "$1" || grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)' "$1"; } | demangle |
        sed -E 's/^[[:space:]]*#[0-9]+ 0x[0-9a-f]+ in //; s# /<compiler-generated>##' | cut -c1-300
}

is_text() { LC_ALL=C.UTF-8 iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && ! LC_ALL=C grep -qP '\x00' "$1"; }

mkdir -p "$WORK"
REPORT="$WORK/report.md"
{
    echo "| target | seconds | sessions | executions | exec/s | cov | ft | corpus (files / bytes) | new units | peak RSS MB | crash artifacts |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"
} > "$REPORT.table"
: > "$REPORT.crashes"

for target in "${TARGETS[@]}"; do
    bin="$OUT/$target"
    dir="$WORK/$target"
    mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/logs"
    before=$(find "$dir/artifacts" -type f ! -name 'slow-unit-*' | sort)
    seconds=${BUDGET[$target]}
    log "$target: fuzzing for ${seconds}s (corpus $dir/corpus, seeds $FUZZ/corpus)"
    start=$(date +%s)
    sessions=0 execs=0 fuzz_seconds=0 new_units=0 peak_rss=0 cov=? ft=?
    while :; do
        elapsed=$(( $(date +%s) - start ))
        left=$(( seconds - elapsed ))
        [ "$left" -ge 20 ] || [ "$sessions" -eq 0 ] || break
        [ "$left" -ge 1 ] || left=1
        sessions=$((sessions + 1))
        session_log="$dir/logs/session-$sessions.log"
        session_start=$EPOCHREALTIME
        # -jobs=1 runs the fuzzer in a child whose output goes to fuzz-0.log in the cwd.
        (cd "$dir" && rm -f fuzz-0.log && timeout -k 30 $((left + 300)) "$bin" "${FLAGS[@]}" -max_total_time="$left" \
            -artifact_prefix="$dir/artifacts/" "$dir/corpus" "$FUZZ/corpus" > "$dir/logs/parent-$sessions.log" 2>&1)
        rc=$?
        fuzz_seconds=$(awk -v a="$fuzz_seconds" -v s="$session_start" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.1f", a + e - s}')
        if [ -f "$dir/fuzz-0.log" ]; then mv "$dir/fuzz-0.log" "$session_log"; else cp "$dir/logs/parent-$sessions.log" "$session_log"; fi
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$session_log" | tail -1)
        [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$session_log" | tail -1 | tr -d '#')
        execs=$(( execs + ${n:-0} ))
        u=$(sed -n 's/^stat::new_units_added: *//p' "$session_log" | tail -1); new_units=$(( new_units + ${u:-0} ))
        r=$(sed -n 's/^stat::peak_rss_mb: *//p' "$session_log" | tail -1); [ "${r:-0}" -gt "$peak_rss" ] && peak_rss=$r
        last=$(grep -E '^#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE|RELOAD)' "$session_log" | tail -1)
        c=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last"); f=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
        [ -n "$c" ] && cov=$c; [ -n "$f" ] && ft=$f
        crashed=$(grep -cE '^==[0-9]+== ?ERROR: |deadly signal|Fatal error|ERROR: libFuzzer' "$session_log")
        log "$target: session $sessions: exit $rc, ${n:-0} executions, cov ${c:-?} ft ${f:-?}$([ "$crashed" -gt 0 ] && echo ', CRASHED')"
        [ "$crashed" -gt 0 ] || break
        [ "$sessions" -lt "$MAX_SESSIONS" ] || { log "$target: $MAX_SESSIONS sessions used, stopping"; break; }
    done
    corpus_files=$(find "$dir/corpus" -type f | wc -l)
    corpus_bytes=$(find "$dir/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    after=$(find "$dir/artifacts" -type f ! -name 'slow-unit-*' | sort)
    artifacts=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed '/^$/d')
    crashes=$(printf '%s\n' "$artifacts" | sed '/^$/d' | wc -l)
    rate=$(awk -v n="$execs" -v t="$fuzz_seconds" 'BEGIN {printf "%.0f", (t > 0 ? n / t : 0)}')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s |\n' "$target" "$fuzz_seconds" "$sessions" "$execs" "$rate" \
        "$cov" "$ft" "$corpus_files" "$corpus_bytes" "$new_units" "$peak_rss" "$crashes" >> "$REPORT.table"
    echo "== $target: executions $execs, exec/s $rate, cov $cov, ft $ft, corpus $corpus_files files / $corpus_bytes bytes, crashes $crashes"

    # Reproduce, minimise and keep every new artifact.
    while IFS= read -r artifact; do
        [ -n "$artifact" ] || continue
        base=$(basename "$artifact")
        repro="$dir/logs/$base.repro.log"
        (cd "$dir" && timeout -k 10 120 "$bin" -timeout=10 -rss_limit_mb=2048 "$artifact" > "$repro" 2>&1)
        if [ $? -eq 0 ]; then
            echo "- \`$target\` \`$base\`: did not reproduce on a second run (flaky or state-dependent); left in $dir/artifacts" >> "$REPORT.crashes"
            continue
        fi
        minimized="$artifact"
        case "$base" in
            crash-*|leak-*)
                (cd "$dir" && timeout -k 10 $((MINIMIZE_SECONDS + 60)) "$bin" -minimize_crash=1 -max_total_time="$MINIMIZE_SECONDS" \
                    -timeout=10 -rss_limit_mb=2048 -exact_artifact_path="$dir/artifacts/min-$base" "$artifact" \
                    > "$dir/logs/$base.minimize.log" 2>&1)
                if [ -s "$dir/artifacts/min-$base" ] && (cd "$dir" && timeout -k 10 120 "$bin" -timeout=10 -rss_limit_mb=2048 \
                    "$dir/artifacts/min-$base" > "$dir/logs/min-$base.repro.log" 2>&1; [ $? -ne 0 ]); then
                    minimized="$dir/artifacts/min-$base"
                    repro="$dir/logs/min-$base.repro.log"
                fi ;;
        esac
        sig=$(signature "$repro")
        if [ -n "${SEEN[$sig]:-}" ]; then
            echo "- \`$target\` \`$base\`: same cause and frames as \`fuzz/crashes/${SEEN[$sig]}\` (not kept again)" >> "$REPORT.crashes"
            continue
        fi
        mkdir -p "$FUZZ/crashes"
        existing=$(ls "$FUZZ/crashes/$target"-*.md* 2>/dev/null | sed -E "s/.*$target-([0-9]+)\..*/\1/" | sort -n | tail -1)
        number=$(( ${existing:-0} + 1 ))
        if is_text "$minimized"; then
            keep="$FUZZ/crashes/$target-$number.md"; cp "$minimized" "$keep"
        else
            keep="$FUZZ/crashes/$target-$number.md.b64"; base64 -w 76 "$minimized" > "$keep"
        fi
        {
            echo "- \`$target\` \`$base\` → \`fuzz/crashes/$(basename "$keep")\` ($(wc -c < "$minimized") bytes$([ "$(wc -c < "$minimized")" -lt "$(wc -c < "$artifact")" ] && echo ", minimised from $(wc -c < "$artifact")"))"
            echo "  - cause: \`$(cause "$repro")\`"
            echo "  - top frames:"
            top_frames "$repro" 8 | sed 's/^/    - `/; s/$/`/'
            echo "  - reproduce: \`fuzz/build.sh $target && SWIFT_BACKTRACE=enable=no $OUT/$target $([ "${keep##*.}" = b64 ] && echo "<(base64 -d fuzz/crashes/$(basename "$keep"))" || echo "fuzz/crashes/$(basename "$keep")")\`"
        } >> "$REPORT.crashes"
        SEEN[$sig]=$(basename "$keep")
        log "$target: kept $keep"
    done <<<"$artifacts"
done

# fuzz/RESULTS.md: one section per run; RESULTS=append keeps the earlier ones.
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
if [ "${RESULTS:-replace}" != append ] || [ ! -s "$FUZZ/RESULTS.md" ]; then
    {
        echo "# Fuzzing results"
        echo
        echo "Written by \`fuzz/run.sh\`, one section per run; see fuzz/README.md for what each target covers."
        echo "Executions and exec/s are summed over a target's sessions (a new session starts after a crash); cov"
        echo "and ft are from the last stats line; the corpus is the working corpus at the end of the run."
    } > "$FUZZ/RESULTS.md"
fi
{
    echo
    echo "## Run of $(date -u +'%Y-%m-%d %H:%M UTC'): \`fuzz/run.sh$(for t in "${TARGETS[@]}"; do printf ' %s=%s' "$t" "${BUDGET[$t]}"; done)\`"
    echo
    echo "- machine: $(uname -srm), $(nproc) cores ($cpu), $mem; one core per target run"
    sed 's/^/- /' "$OUT/build-info.txt" 2>/dev/null
    echo "- options: \`${FLAGS[*]}\`, working corpus under \`$WORK/<target>/corpus\`, seeds \`fuzz/corpus/\` ($(find "$FUZZ/corpus" -type f | wc -l) files)"
    echo
    cat "$REPORT.table"
    echo
    echo "Crashes:"
    echo
    if [ -s "$REPORT.crashes" ]; then cat "$REPORT.crashes"; else echo "None: no crash, sanitizer report, leak, timeout (>10 s) or OOM (>2048 MB) input was found."; fi
} >> "$FUZZ/RESULTS.md"
cat "$REPORT.table"
[ -s "$REPORT.crashes" ] && cat "$REPORT.crashes"
log "wrote $FUZZ/RESULTS.md"
