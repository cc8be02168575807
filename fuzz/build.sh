#!/usr/bin/env bash
# Builds riskreg's libFuzzer targets from the current sources into a build folder outside the
# repository (default /tmp/riskreg-fuzz): parser, render (see fuzz/README.md).
#
#   fuzz/build.sh [parser] [render]      # default: both
#
# Environment:
#   RISKREG_FUZZ_DIR   build folder (default /tmp/riskreg-fuzz)
#   SWIFT_BIN          toolchain bin folder (default /opt/swift/usr/bin)
#   YAMS_DIR           Yams checkout (default <repo>/.build/checkouts/Yams)
#   CHECKOUTS          SwiftPM checkouts for the render target's packages (default <repo>/.build/checkouts)
#   CMARK=system       link Debian's uninstrumented libcmark instead of building cmark
#   CLEAN=1            rebuild the dependencies too (cmark, CYaml, Yams, the render target's)
#
# Nothing in the repository is written: sources are copied into the build folder, the copies
# lose their `import RiskregModel`/`RiskregMarkdown`/`RiskregReport` lines and are compiled as
# ONE module (`package` access needs no imports then). Every compile holds
# /tmp/swift-build.lock so only one heavy build runs at a time.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ="$REPO/fuzz"
OUT=${RISKREG_FUZZ_DIR:-/tmp/riskreg-fuzz}
SWIFT_BIN=${SWIFT_BIN:-/opt/swift/usr/bin}
SWIFTC="$SWIFT_BIN/swiftc"
CC="$SWIFT_BIN/clang"
YAMS_DIR=${YAMS_DIR:-$REPO/.build/checkouts/Yams}
CHECKOUTS=${CHECKOUTS:-$REPO/.build/checkouts}
SYSTEM_DIR=${SYSTEM_DIR:-$CHECKOUTS/swift-system}
ALGORITHMS_DIR=${ALGORITHMS_DIR:-$CHECKOUTS/swift-algorithms}
NUMERICS_DIR=${NUMERICS_DIR:-$CHECKOUTS/swift-numerics}
LOCK=/tmp/swift-build.lock
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(parser render)

CFLAGS=(-O1 -g -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
SWIFTFLAGS=(-sanitize=fuzzer,address -O -g -wmo -parse-as-library)

log() { printf '[fuzz/build] %s\n' "$*" >&2; }
locked() { flock "$LOCK" "$@"; }

[ "${CLEAN:-0}" = 1 ] && rm -rf "$OUT/obj" "$OUT/modules" "$OUT/src"
mkdir -p "$OUT/deps" "$OUT/obj" "$OUT/modules" "$OUT/src" "$OUT/tmp"
# swiftc leaves module files in the working directory when it compiles and links in one step.
cd "$OUT/tmp"

# --- cmark ---------------------------------------------------------------------------------
# The same cmark Debian ships (libcmark-dev's source version), compiled with the fuzzer's
# coverage and ASan so the fuzzer sees inside it. The source comes from Debian's source package
# through a private apt configuration (deb-src is not configured on the machine; nothing under
# /etc/apt is changed). Without it, the system's libcmark is linked uninstrumented.
cmark_version() { dpkg-query -W -f='${source:Version}' libcmark-dev 2>/dev/null || true; }

fetch_cmark() {
    local version apt="$OUT/deps/apt"
    version=$(cmark_version)
    [ -n "$version" ] || { log "libcmark-dev is not installed"; return 1; }
    if [ -f "$OUT/deps/cmark-src/src/blocks.c" ] && [ "$(cat "$OUT/deps/cmark-src/.debian-version" 2>/dev/null)" = "$version" ]; then
        return 0
    fi
    log "fetching Debian source cmark=$version"
    rm -rf "$apt" "$OUT/deps/cmark-src"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/get"
    local codename
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    cat > "$apt/sources.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.sources" -o "Dir::Etc::SourceParts=$apt/none"
                -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Sandbox::User=root")
    timeout 600 apt-get -qq "${opts[@]}" update >&2 || return 1
    (cd "$apt/get" && timeout 600 apt-get -qq "${opts[@]}" source "cmark=$version" >&2) || return 1
    local dir
    dir=$(find "$apt/get" -maxdepth 1 -mindepth 1 -type d -name 'cmark-*' | head -1)
    [ -n "$dir" ] && [ -f "$dir/src/blocks.c" ] || return 1
    mv "$dir" "$OUT/deps/cmark-src"
    echo "$version" > "$OUT/deps/cmark-src/.debian-version"
    rm -rf "$apt/lists" "$apt/cache"
}

build_cmark() {
    local src="$OUT/deps/cmark-src" gen="$OUT/deps/cmark-gen" obj="$OUT/obj/cmark"
    if [ -f "$obj/.done" ]; then return 0; fi
    rm -rf "$gen" "$obj"; mkdir -p "$gen" "$obj"
    # What CMake would generate (project(cmark VERSION x.y.z)).
    local version major minor patch
    version=$(sed -n 's/^project(cmark VERSION \([0-9.]*\)).*/\1/p' "$src/CMakeLists.txt")
    IFS=. read -r major minor patch <<<"$version"
    sed -e "s/@PROJECT_VERSION_MAJOR@/$major/g" -e "s/@PROJECT_VERSION_MINOR@/$minor/g" \
        -e "s/@PROJECT_VERSION_PATCH@/$patch/g" "$src/src/cmark_version.h.in" > "$gen/cmark_version.h"
    sed -e 's/^#cmakedefine HAVE_STDBOOL_H/#define HAVE_STDBOOL_H/' \
        -e 's/^#cmakedefine HAVE___BUILTIN_EXPECT/#define HAVE___BUILTIN_EXPECT/' \
        -e 's/^#cmakedefine HAVE___ATTRIBUTE__/#define HAVE___ATTRIBUTE__/' "$src/src/config.h.in" > "$gen/config.h"
    cat > "$gen/cmark_export.h" <<'EOF'
#ifndef CMARK_EXPORT_H
#define CMARK_EXPORT_H
#define CMARK_EXPORT
#define CMARK_NO_EXPORT
#define CMARK_DEPRECATED __attribute__ ((__deprecated__))
#define CMARK_DEPRECATED_EXPORT CMARK_EXPORT CMARK_DEPRECATED
#endif
EOF
    log "compiling cmark $version (instrumented)"
    local f
    for f in "$src"/src/*.c; do
        [ "$(basename "$f")" = main.c ] && continue
        locked "$CC" "${CFLAGS[@]}" -std=c99 -DCMARK_STATIC_DEFINE -I "$gen" -I "$src/src" \
            -c "$f" -o "$obj/$(basename "$f" .c).o"
    done
    touch "$obj/.done"
}

# The CCmark module the Swift sources import: riskreg's shim.h, a copy of cmark.h that matches
# the compiled objects, and no `link "cmark"` when cmark is compiled in.
make_ccmark() {
    local dir="$OUT/deps/CCmark"
    rm -rf "$dir"; mkdir -p "$dir"
    cp "$REPO/Sources/CCmark/shim.h" "$dir/shim.h"
    if [ "$CMARK_MODE" = instrumented ]; then
        cp "$OUT/deps/cmark-src/src/cmark.h" "$OUT/deps/cmark-gen/cmark_version.h" "$OUT/deps/cmark-gen/cmark_export.h" "$dir/"
        printf 'module CCmark [system] {\n    header "shim.h"\n    export *\n}\n' > "$dir/module.modulemap"
    else
        printf 'module CCmark [system] {\n    header "shim.h"\n    link "cmark"\n    export *\n}\n' > "$dir/module.modulemap"
    fi
}

# --- Yams and CYaml ----------------------------------------------------------------------------
build_yams() {
    if [ -f "$OUT/obj/yams/.done" ]; then return 0; fi
    [ -d "$YAMS_DIR/Sources/Yams" ] || { log "no Yams checkout at $YAMS_DIR (run swift package resolve in the repo)"; exit 1; }
    rm -rf "$OUT/deps/Yams" "$OUT/obj/yams"; mkdir -p "$OUT/obj/yams"
    cp -R "$YAMS_DIR/Sources" "$OUT/deps/Yams"
    local cyaml="$OUT/deps/Yams/CYaml" f
    log "compiling CYaml (instrumented)"
    for f in "$cyaml"/src/*.c; do
        locked "$CC" "${CFLAGS[@]}" -DYAML_DECLARE_STATIC -I "$cyaml/include" -I "$cyaml/src" \
            -c "$f" -o "$OUT/obj/yams/cyaml-$(basename "$f" .c).o"
    done
    log "compiling Yams (instrumented)"
    locked "$SWIFTC" "${SWIFTFLAGS[@]}" -swift-version 5 -module-name Yams -D SWIFT_PACKAGE \
        -Xcc -DYAML_DECLARE_STATIC -Xcc -fmodule-map-file="$cyaml/include/module.modulemap" -I "$cyaml/include" \
        -emit-module -emit-module-path "$OUT/modules/Yams.swiftmodule" \
        -c "$OUT"/deps/Yams/Yams/*.swift -o "$OUT/obj/yams/Yams.o"
    touch "$OUT/obj/yams/.done"
}

# --- The render target's other dependencies --------------------------------------------------
# Pure-Swift packages the page code imports, each compiled as its own instrumented module (their
# declarations are public, so riskreg's sources import them as usual).
#   swift_module NAME SWIFT_VERSION SOURCE_DIR [swiftc flags...]
swift_module() {
    local name=$1 version=$2 dir=$3; shift 3
    [ -d "$dir" ] || { log "no sources for $name at $dir (run swift package resolve in the repo)"; exit 1; }
    log "compiling $name (instrumented)"
    local files=()
    mapfile -t files < <(find "$dir" -name '*.swift' | LC_ALL=C sort)
    locked "$SWIFTC" "${SWIFTFLAGS[@]}" -swift-version "$version" -module-name "$name" -I "$OUT/modules" "$@" \
        -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" \
        -c "${files[@]}" -o "$OUT/obj/render/$name.o"
}

# A C target of a package: copies it and compiles its .c files.  c_target NAME DIR
c_target() {
    local name=$1 dir=$2 f
    rm -rf "$OUT/deps/$name"; cp -R "$dir" "$OUT/deps/$name"
    for f in "$OUT/deps/$name"/*.c; do
        [ -f "$f" ] || continue
        locked "$CC" "${CFLAGS[@]}" -I "$OUT/deps/$name/include" -c "$f" -o "$OUT/obj/render/$name-$(basename "$f" .c).o"
    done
}

# swift-system (ContainedPath, used for artifact links), swift-algorithms with swift-numerics'
# RealModule (SiteViews chunks the drill list).
build_render_deps() {
    if [ -f "$OUT/obj/render/.done" ]; then return 0; fi
    rm -rf "$OUT/obj/render"; mkdir -p "$OUT/obj/render"

    c_target CSystem "$SYSTEM_DIR/Sources/CSystem"
    local availability=() entry
    # swift-system's Package.swift defines these availability macros (source availability).
    for entry in 0.0.1 0.0.2 0.0.3 1.1.0 1.1.1 1.2.0 1.2.1 1.3.0 1.3.1 1.3.2 1.4.0 1.7.0 199; do
        availability+=(-enable-experimental-feature "AvailabilityMacro=System $entry:macOS 10.10, iOS 8.0, watchOS 2.0, tvOS 9.0, visionOS 1.0")
    done
    swift_module SystemPackage 5 "$SYSTEM_DIR/Sources/System" -D SYSTEM_PACKAGE -enable-experimental-feature Lifetimes \
        "${availability[@]}" -Xcc -fmodule-map-file="$OUT/deps/CSystem/include/module.modulemap" -I "$OUT/deps/CSystem/include"

    c_target _NumericsShims "$NUMERICS_DIR/Sources/_NumericsShims"
    swift_module RealModule 5 "$NUMERICS_DIR/Sources/RealModule" \
        -Xcc -fmodule-map-file="$OUT/deps/_NumericsShims/include/module.modulemap" -I "$OUT/deps/_NumericsShims/include"
    swift_module Algorithms 5 "$ALGORITHMS_DIR/Sources/Algorithms" \
        -Xcc -fmodule-map-file="$OUT/deps/_NumericsShims/include/module.modulemap" -I "$OUT/deps/_NumericsShims/include"
    touch "$OUT/obj/render/.done"
}

# --- riskreg sources -------------------------------------------------------------------------
# Copies the given source files into $OUT/src/<target>/, dropping the imports of riskreg's own
# modules (they are all one module here).
copy_sources() {
    local target=$1; shift
    local dir="$OUT/src/$target" f
    rm -rf "$dir"; mkdir -p "$dir"
    for f in "$@"; do
        sed -E '/^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)?((package|internal|public)[[:space:]]+)?import[[:space:]]+Riskreg(Model|Markdown|Report|Template|Site)[[:space:]]*$/d' \
            "$f" > "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
    done
}

# RiskregModel + RiskregMarkdown, less the two files that need swift-crypto / swift-system.
parser_sources() {
    local f
    for f in "$REPO"/Sources/RiskregModel/*.swift "$REPO"/Sources/RiskregMarkdown/*.swift; do
        case "$(basename "$f")" in ContentHash.swift|ContainedPath.swift) continue ;; esac
        echo "$f"
    done
}

link_target() {
    local target=$1; shift
    local objs=("$OUT"/obj/yams/*.o)
    [ "$CMARK_MODE" = instrumented ] && objs+=("$OUT"/obj/cmark/*.o)
    local cyaml="$OUT/deps/Yams/CYaml"
    log "compiling and linking $target"
    locked "$SWIFTC" "${SWIFTFLAGS[@]}" -swift-version 6 -module-name RiskregFuzz -package-name riskreg \
        -I "$OUT/modules" -I "$OUT/deps/CCmark" \
        -Xcc -DYAML_DECLARE_STATIC -Xcc -fmodule-map-file="$cyaml/include/module.modulemap" -I "$cyaml/include" \
        "$@" -use-ld=lld "$OUT/src/$target"/*.swift "${objs[@]}" -o "$OUT/$target.new"
    mv "$OUT/$target.new" "$OUT/$target"
}

build_parser() {
    # shellcheck disable=SC2046
    copy_sources parser $(parser_sources)
    cp "$FUZZ/Parser.swift" "$OUT/src/parser/Fuzz-Parser.swift"
    link_target parser
}

build_render() {
    build_render_deps
    local files f
    files=$(parser_sources)
    files+=$'\n'"$REPO/Sources/RiskregModel/ContainedPath.swift"
    for f in "$REPO"/Sources/RiskregReport/*.swift; do files+=$'\n'"$f"; done
    # The template engine, and the pages' view models (template values) and charts. The rest of
    # RiskregSite loads the template folder (TemplateSet hashes it with swift-crypto) or touches
    # the file system (builder, steps, writer, manifest, fingerprints, feeds).
    for f in "$REPO"/Sources/RiskregTemplate/*.swift; do files+=$'\n'"$f"; done
    for f in Charts SiteViews SiteViews+Lists ListMonth SiteOptions ReportViews Feeds TaskListHTML; do
        files+=$'\n'"$REPO/Sources/RiskregSite/$f.swift"
    done
    # shellcheck disable=SC2086
    copy_sources render $files
    cp "$FUZZ/Render.swift" "$OUT/src/render/Fuzz-Render.swift"
    # The example register, compiled in as the register the fuzzed record joins.
    {
        echo "import Foundation"
        echo "// Generated by fuzz/build.sh from register/**/*.md: the register a fuzzed record joins."
        echo "let fuzzBaselineRegisters: [(path: String, base64: String)] = ["
        (cd "$REPO" && find register -type f -name '*.md' | LC_ALL=C sort) | while IFS= read -r f; do
            printf '    ("%s", "%s"),\n' "$f" "$(base64 -w0 "$REPO/$f")"
        done
        echo "]"
        echo "// Generated by fuzz/build.sh from templates/*.mustache: the templates pages render through."
        echo "let fuzzTemplateSources: [(name: String, text: String)] = ["
        (cd "$REPO/templates" && find . -maxdepth 1 -type f -name '*.mustache' | LC_ALL=C sort) | while IFS= read -r f; do
            f=${f#./}
            printf '    ("%s", String(decoding: Data(base64Encoded: "%s")!, as: UTF8.self)),\n' "${f%.mustache}" "$(base64 -w0 "$REPO/templates/$f")"
        done
        echo "]"
    } > "$OUT/src/render/Fuzz-Baseline.swift"
    link_target render \
        -Xcc -fmodule-map-file="$OUT/deps/CSystem/include/module.modulemap" -I "$OUT/deps/CSystem/include" \
        -Xcc -fmodule-map-file="$OUT/deps/_NumericsShims/include/module.modulemap" -I "$OUT/deps/_NumericsShims/include" \
        "$OUT"/obj/render/*.o
}

# --- main ------------------------------------------------------------------------------------
CMARK_MODE=system
if [ "${CMARK:-}" != system ]; then
    if fetch_cmark; then CMARK_MODE=instrumented; else log "could not get cmark's source: linking the system libcmark UNINSTRUMENTED"; fi
fi
[ "$CMARK_MODE" = instrumented ] && build_cmark
make_ccmark
build_yams
for target in "${TARGETS[@]}"; do
    case "$target" in
        parser) build_parser ;;
        render) build_render ;;
        *) log "unknown target $target"; exit 2 ;;
    esac
done
{
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "repo commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- Sources 2>/dev/null || echo ' (+ uncommitted changes in Sources)')"
    echo "swift: $("$SWIFTC" --version 2>&1 | head -1)"
    if [ "$CMARK_MODE" = instrumented ]; then
        echo "cmark: instrumented, Debian source package cmark $(cat "$OUT/deps/cmark-src/.debian-version")"
    else
        echo "cmark: system libcmark $(cmark_version), UNINSTRUMENTED"
    fi
} > "$OUT/build-info.txt"
cat "$OUT/build-info.txt" >&2
log "done: $(for t in "${TARGETS[@]}"; do printf '%s ' "$OUT/$t"; done)"
