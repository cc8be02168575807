# riskreg: the two commands the README promises, and a few helpers.
SWIFT ?= swift
RISKREG = .build/release/riskreg

.PHONY: deps build demo test site report bench reliability fuzz install clean

# Install the C libraries riskreg links (Debian/Ubuntu), when missing.
# libxml2-utils gives xmllint, which checks the feed and sitemap in `make test`.
deps:
	@dpkg -s libcmark-dev libsqlite3-dev pkg-config libxml2-utils >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libsqlite3-dev pkg-config libxml2-utils; }

build: deps
	$(SWIFT) build -c release --product riskreg

# The main job on the shipped example register: import, site, weekly report. The day is fixed
# so the committed example site and the README's report do not change from day to day.
DEMO_TODAY ?= 2026-11-21
demo: build
	RISKREG_TODAY=$(DEMO_TODAY) $(RISKREG) import register/
	RISKREG_TODAY=$(DEMO_TODAY) $(RISKREG) build
	RISKREG_TODAY=$(DEMO_TODAY) $(RISKREG) report weekly --week 2026-W47

# Unit and end-to-end tests, the Nu HTML validator over the example and hostile sites and xmllint
# over their feeds and sitemaps (schemas in scripts/schemas/), then the
# short reliability drills (kills, concurrency, disk full, read-only, bad databases, hostile
# input, output scan) against the debug binary the tests built (CI time; `make reliability`
# runs the full drills against the release binary). Ends with one summary line.
test: deps
	SWIFT="$(SWIFT)" scripts/test.sh

# riskreg beside Hugo and cmark on one generated corpus (10,000 logs, median of 3, a 50,000 line);
# BENCH_ARGS="500 --runs 1 --no-scale", "--no-hugo", "--write" (bench/RESULTS.md) or "--smoke".
BENCH_ARGS ?=
bench: build
	RISKREG=$(RISKREG) scripts/bench.sh $(BENCH_ARGS)

# Kill, starve and attack the release binary; prints one table, writes reliability/RESULTS.md.
reliability: build
	python3 reliability/run.py

# libFuzzer over the parser and the page code (instrumented cmark from Debian's source package).
FUZZ_SECONDS ?= 600
fuzz: deps
	fuzz/build.sh
	fuzz/run.sh parser=$(FUZZ_SECONDS) render=$(FUZZ_SECONDS)

PREFIX ?= /usr/local
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RISKREG) $(DESTDIR)$(PREFIX)/bin/riskreg

clean:
	rm -rf .build register/riskreg.db register/riskreg.db-*
