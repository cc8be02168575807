#!/usr/bin/env bash
# Checks each site folder's feed.xml against scripts/schemas/atom.rng (RELAX NG, RFC 4287) and
# sitemap.xml against scripts/schemas/sitemap.xsd (sitemaps.org 0.9) with xmllint, then checks the
# checker: broken copies of the first site's files (a relative id, link or loc, a date without a
# time, no author, an entry without <updated>) must be rejected. Exits non-zero on any failure.
# Usage: scripts/validate-feeds.sh SITE... (sites built with --base-url)
set -euo pipefail
schemas="$(cd "$(dirname "$0")/schemas" && pwd)"
if [ $# -eq 0 ]; then echo "usage: $0 SITE..." >&2; exit 2; fi
if ! command -v xmllint >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
feed() { xmllint --noout --relaxng "$schemas/atom.rng" "$1"; }
sitemap() { xmllint --noout --schema "$schemas/sitemap.xsd" "$1"; }

for site in "$@"; do
    for file in feed.xml sitemap.xml; do
        [ -f "$site/$file" ] || { echo "validate-feeds: $site/$file missing (build with --base-url)" >&2; exit 1; }
    done
    feed "$site/feed.xml"
    sitemap "$site/sitemap.xml"
done

# The checker must reject what it is there to catch.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
first="$1"
broken=0
reject() {  # reject KIND NAME SED-SCRIPT: a copy of the first site's file, edited, must fail
    local kind="$1" name="$2" script="$3" source copy="$work/$2.xml"
    if [ "$kind" = feed ]; then source="$first/feed.xml"; else source="$first/sitemap.xml"; fi
    sed -e "$script" "$source" >"$copy"
    if cmp -s "$source" "$copy"; then
        echo "validate-feeds: self-check '$name' changed nothing in $source" >&2; broken=1
    elif "$kind" "$copy" >/dev/null 2>&1; then
        echo "validate-feeds: self-check '$name': the $kind schema accepted a broken file" >&2; broken=1
    fi
}
reject feed relative-feed-id '0,/<id>[A-Za-z]*:\/\/[^/]*\//s//<id>/'
reject feed relative-entry-link 's|<link href="[A-Za-z]*://[^"]*/drills/|<link href="drills/|'
reject feed date-without-time '0,/<updated>\([0-9-]*\)T[^<]*</s//<updated>\1</'
reject feed no-author '/<author>/d'
reject feed entry-without-updated '/^    <updated>/d'
reject sitemap relative-loc 's|<loc>[A-Za-z]*://[^/]*/|<loc>|'
reject sitemap bad-priority 's|</loc></url>|</loc><priority>2</priority></url>|'
[ "$broken" -eq 0 ] || exit 1
echo "xmllint: feed.xml and sitemap.xml of $# site(s) valid; 7 broken copies rejected"
