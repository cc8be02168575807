#!/usr/bin/env python3
"""riskreg reliability drills.

    python3 reliability/run.py            # full run (< 15 minutes)
    python3 reliability/run.py --quick    # every drill, small (< 2 minutes)
    RISKREG=/path/to/riskreg python3 reliability/run.py --only 1,7

Prints one results table and writes it to reliability/RESULTS.md (full runs; --quick writes
RESULTS-quick.md); exits 0 only
when every row passes. See reliability/README.md.
"""

import sys

sys.dont_write_bytecode = True

import argparse
import datetime
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *  # noqa: F401,F403
import lib
import hostile
import xss

# The same database the Swift store tests migrate from (written once by the first schema).
FIXTURE_V1 = os.path.join(HERE, "..", "Tests", "RiskregTests", "Fixtures", "schema-v1", "register.sql")


# ==========================================================================
# Shared setup
# ==========================================================================

def setup_register_db(ctx, ws, name="base.db"):
    """ws/register (a copy) imported into ws/<name>; returns the db path."""
    if not os.path.isdir(os.path.join(ws, "register")):
        copy_register(ws)
    db = os.path.join(ws, name)
    r = ctx.rr(["import", "register", "--db", db, "--quiet"], ws)
    if r.rc != 0:
        raise RuntimeError("importing the example register failed: %s" % r.short())
    return db


def export(ctx, db, cwd, **kw):
    """(result, parsed export or None, problem or None)"""
    r = ctx.rr(["export", "--db", db], cwd, **kw)
    if r.crashed:
        return r, None, "export " + r.crash_text()
    if r.rc != 0:
        return r, None, "export exit %d: %s" % (r.rc, r.short())
    data, err = parse_json(r.out)
    return r, data, err


# ==========================================================================
# 1. kill during import
# ==========================================================================

def drill_kill_import(ctx, row):
    ws = ctx.workspace("d1")
    n_logs = 120 if ctx.quick else 600
    kills = 8 if ctx.quick else 100
    make_corpus(ctx.rng, os.path.join(ws, "corpus"), n_logs)
    base = setup_register_db(ctx, ws)
    _, before, err = export(ctx, base, ws)
    if err:
        raise RuntimeError("export of the base db: " + err)
    timings, afters = [], []
    for i in range(2):
        db = copy_db(base, os.path.join(ws, "clean%d.db" % i))
        r = ctx.rr(["import", "corpus", "--db", db, "--quiet"], ws, timeout=300)
        if r.rc != 0:
            raise RuntimeError("clean import of the corpus: %s" % (r.crash_text() if r.crashed else r.short()))
        timings.append(r.elapsed)
        _, after, err = export(ctx, db, ws)
        if err:
            raise RuntimeError("export after clean import: " + err)
        afters.append(after)
        remove_db(db)
    after = afters[0]
    if first_diff(afters[0], afters[1]):
        row.unit("determinism", ["two clean imports export differently: " + first_diff(afters[0], afters[1])])
    T = min(timings)
    row.info.append("%d logs, clean import %.2fs" % (n_logs, T))
    mid = 0
    for i in range(kills):
        db = copy_db(base, os.path.join(ws, "kill.db"))
        delay = ctx.rng.uniform(0.0, T * 1.1)
        pr = ctx.start(["import", "corpus", "--db", db, "--quiet"], ws, timeout=120)
        time.sleep(delay)
        res = pr.kill()
        label = "kill at %.3fs" % delay
        problems = []
        if res.killed:
            mid += 1
        elif res.rc != 0:
            problems.append("import finished before the kill with %s" %
                            (res.crash_text() if res.crashed else "exit %d: %s" % (res.rc, res.short())))
        r, got, err = export(ctx, db, ws)
        if err:
            problems.append(err)
        elif got != before and got != after:
            problems.append("export is neither before nor after (vs after: %s)" % first_diff(got, after))
        problems.append(integrity(db))
        row.unit(label, problems)
        remove_db(db)
    row.info.append("%d/%d kills landed mid-import" % (mid, kills))


# ==========================================================================
# 2. kill during build
# ==========================================================================

def drill_kill_build(ctx, row):
    ws = ctx.workspace("d2")
    n_logs = 80 if ctx.quick else 300
    kills = 6 if ctx.quick else 40
    make_corpus(ctx.rng, os.path.join(ws, "corpus"), n_logs)
    db = setup_register_db(ctx, ws)
    r = ctx.rr(["import", "corpus", "--db", db, "--quiet"], ws, timeout=300)
    if r.rc != 0:
        raise RuntimeError("import of the corpus: %s" % r.short())
    out = os.path.join(ws, "site")
    base_args = ["build", "--db", db, "--out", out, "--templates", TEMPLATES, "--quiet"]
    r = ctx.rr(base_args + ["--force"], ws, timeout=300)
    if r.rc != 0:
        raise RuntimeError("first build failed: %s" % (r.crash_text() if r.crashed else r.short()))
    T = r.elapsed
    pages, probs = check_site(out)
    if probs:
        row.unit("first build", probs)
    row.info.append("%d pages, full build %.2fs" % (pages, T))
    mid = 0
    as_ofs = ["2026-11-21", "2026-06-01", "2027-02-15", "2025-12-31"]
    for i in range(kills):
        args = base_args + ["--as-of", ctx.rng.choice(as_ofs)]
        if ctx.rng.random() < 0.5:
            args.append("--force")
        delay = ctx.rng.uniform(0.0, T * 1.15)
        pr = ctx.start(args, ws, timeout=120)
        time.sleep(delay)
        res = pr.kill()
        label = "kill at %.3fs" % delay
        problems = []
        if res.killed:
            mid += 1
        elif res.rc != 0:
            problems.append("build finished before the kill with exit %s: %s" % (res.rc, res.short()))
        if not os.path.isdir(out):
            problems.append("the previous site is gone (no %s after the kill)" % os.path.basename(out))
        else:
            n, probs = check_site(out)
            if n == 0:
                problems.append("site has no pages after the kill")
            problems += probs
        # the next successful build must clean up any temporary folder
        r = ctx.rr(base_args + ["--as-of", ctx.rng.choice(as_ofs)], ws, timeout=300)
        if r.rc != 0:
            problems.append("next build: %s" % (r.crash_text() if r.crashed else "exit %d: %s" % (r.rc, r.short())))
        left = building_leftovers(ws)
        if left:
            problems.append("left after the next build: %s" % ", ".join(left[:3]))
        if r.rc == 0:
            n, probs = check_site(out)
            problems += ["after next build: " + p for p in probs]
        row.unit(label, problems)
    row.info.append("%d/%d kills landed mid-build" % (mid, kills))


# ==========================================================================
# 3. concurrency
# ==========================================================================

TICK_ARGS = ["6", "R20 risk register"]


def drill_concurrency(ctx, row):
    ws = ctx.workspace("d3")
    rounds = 3 if ctx.quick else 15
    n_logs = 60 if ctx.quick else 200
    src = os.path.join(ws, "src")
    os.mkdir(src)
    copy_register(src)
    make_corpus(ctx.rng, os.path.join(src, "corpus"), n_logs)
    subs = ["corpus/a", "corpus/b", "corpus/c", "corpus/d"]

    # the serial reference
    tree = os.path.join(ws, "serial")
    shutil.copytree(src, tree)
    db = setup_register_db(ctx, tree)
    for s in subs:
        r = ctx.rr(["import", s, "--db", db, "--quiet"], tree, timeout=300)
        if r.rc != 0:
            raise RuntimeError("serial import of %s: %s" % (s, r.short()))
    r = ctx.rr(["tick"] + TICK_ARGS + ["--db", db], tree)
    if r.rc != 0:
        raise RuntimeError("serial tick: exit %s: %s" % (r.rc, r.short()))
    _, serial, err = export(ctx, db, tree)
    if err:
        raise RuntimeError("serial export: " + err)
    shutil.rmtree(tree)

    for rnd in range(rounds):
        tree = os.path.join(ws, "round%d" % rnd)
        shutil.copytree(src, tree)
        db = setup_register_db(ctx, tree)
        out = os.path.join(tree, "site")
        jobs = [(["import", s, "--db", db], "import " + s) for s in subs]
        jobs.append((["build", "--db", db, "--out", out, "--templates", TEMPLATES, "--quiet"], "build"))
        jobs.append((["tick"] + TICK_ARGS + ["--db", db], "tick"))
        ctx.rng.shuffle(jobs)
        procs = []
        for args, label in jobs:
            procs.append((label, ctx.start(args, tree, timeout=120)))
            time.sleep(ctx.rng.uniform(0, 0.01))
        problems = []
        for label, pr in procs:
            res = pr.wait()
            if res.crashed:
                problems.append("%s %s" % (label, res.crash_text()))
            elif res.rc != 0:
                problems.append("%s exit %d: %s" % (label, res.rc, res.short(100)))
            if "locked" in res.err.lower():
                problems.append("%s stderr mentions locked: %s" % (label, short(res.err, 100)))
        _, got, err = export(ctx, db, tree)
        if err:
            problems.append(err)
        elif got != serial:
            problems.append("final export differs from the serial run: %s" % first_diff(got, serial))
        problems.append(integrity(db))
        if os.path.isdir(out):
            problems += check_site(out)[1][:3]
        row.unit("round %d" % (rnd + 1), problems)
        shutil.rmtree(tree, ignore_errors=True)


# ==========================================================================
# 4. disk full
# ==========================================================================

def _full_checks(ctx, res, what):
    problems = []
    if res.crashed:
        extra = " — SIGXFSZ: riskreg should ignore it and handle EFBIG" if res.rc == -signal.SIGXFSZ else ""
        problems.append("%s %s%s" % (what, res.crash_text(), extra))
    elif res.rc == 0:
        problems.append("%s exited 0 on a full disk" % what)
    else:
        m = message_problem(res)
        if m:
            problems.append("%s: %s" % (what, m))
    return problems


def drill_disk_full(ctx, row):
    ws = ctx.workspace("d4")
    copy_register(ws)
    make_corpus(ctx.rng, os.path.join(ws, "corpus"), 60 if ctx.quick else 200)
    frees = [0, 48 * 1024] if ctx.quick else [0, 8 * 1024, 48 * 1024, 160 * 1024]

    # --- tmpfs ---
    full = os.path.join(ws, "full")
    os.mkdir(full)
    err = ctx.mount_tmpfs(full, "2m") if ctx.is_root else "not root"
    if err:
        row.info.append("tmpfs skipped: %s" % short(err, 80))
    else:
        try:
            db = os.path.join(full, "r.db")
            site = os.path.join(full, "site")
            r = ctx.rr(["import", "register", "--db", db, "--quiet"], ws)
            if r.rc != 0:
                raise RuntimeError("tmpfs setup import: %s" % r.short())
            r = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--quiet"], ws)
            if r.rc != 0:
                raise RuntimeError("tmpfs setup build: %s" % r.short())
            _, before, e = export(ctx, db, ws)
            site_before = tree_hashes(site)
            for free in frees:
                filler = fill_disk(full, free)
                r = ctx.rr(["import", "corpus", "--db", db], ws, timeout=120)
                os.unlink(filler)
                problems = _full_checks(ctx, r, "import")
                problems.append(integrity(db))
                _, got, e = export(ctx, db, ws)
                if e:
                    problems.append(e)
                elif r.rc != 0 and got != before:
                    problems.append("failed import changed the register: %s" % first_diff(got, before))
                row.unit("tmpfs import, %d KiB free" % (free // 1024), problems)
                if r.rc == 0:
                    before = got

                filler = fill_disk(full, free)
                r = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--force",
                            "--as-of", "2027-03-01", "--quiet"], ws, timeout=120)
                os.unlink(filler)
                problems = _full_checks(ctx, r, "build")
                if r.rc != 0 and tree_hashes(site) != site_before:
                    problems.append("previous site changed after the failed build")
                left = building_leftovers(full)
                if left:
                    problems.append("left behind: %s" % ", ".join(left[:2]))
                    for l in left:
                        shutil.rmtree(os.path.join(full, l), ignore_errors=True)
                row.unit("tmpfs build, %d KiB free" % (free // 1024), problems)
                if r.rc == 0:
                    site_before = tree_hashes(site)
        finally:
            ctx.umount(full)

    # --- RLIMIT_FSIZE (ulimit -f), default SIGXFSZ disposition as in a shell ---
    fs = os.path.join(ws, "fsize")
    os.mkdir(fs)
    db = os.path.join(fs, "r.db")
    site = os.path.join(fs, "site")
    r = ctx.rr(["import", "register", "--db", db, "--quiet"], ws)
    r2 = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--quiet"], ws)
    if r.rc != 0 or r2.rc != 0:
        raise RuntimeError("fsize setup failed: %s %s" % (r.short(), r2.short()))
    _, before, e = export(ctx, db, ws)
    site_before = tree_hashes(site)
    limits = [os.path.getsize(db) + 16 * 1024] if ctx.quick else \
        [os.path.getsize(db) + 4096, os.path.getsize(db) + 64 * 1024, 256 * 1024]
    for lim in limits:
        r = ctx.rr(["import", "corpus", "--db", db], ws, fsize=lim, timeout=120)
        problems = _full_checks(ctx, r, "import")
        problems.append(integrity(db))
        _, got, e = export(ctx, db, ws)
        if e:
            problems.append(e)
        elif got != before:
            problems.append("failed import changed the register: %s" % first_diff(got, before))
        row.unit("ulimit -f %d KiB import" % (lim // 1024), problems)
    for lim in ([8192] if ctx.quick else [4096, 8192, 16384]):
        r = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--force",
                    "--as-of", "2027-03-01", "--quiet"], ws, fsize=lim, timeout=120)
        problems = _full_checks(ctx, r, "build")
        if tree_hashes(site) != site_before:
            problems.append("previous site changed after the failed build")
        left = building_leftovers(fs)
        if left:
            problems.append("left behind: %s" % ", ".join(left[:2]))
            for l in left:
                shutil.rmtree(os.path.join(fs, l), ignore_errors=True)
        row.unit("ulimit -f %d KiB build" % (lim // 1024), problems)


# ==========================================================================
# 5. read-only
# ==========================================================================

READONLY_WORDS = ["read-only", "readonly", "read only", "permission", "not writable", "cannot write",
                  "can't write", "write"]


def drill_readonly(ctx, row):
    if not ctx.is_root:
        row.info.append("skipped: needs root to run as nobody")
        return
    ws = ctx.workspace("d5")
    src_db = setup_register_db(ctx, ws, "src.db")
    _, expected, e = export(ctx, src_db, ws)
    if e:
        raise RuntimeError(e)
    newlog = ship_log(ctx.rng, 700, "2026-11-18")

    def case_dir(name, dir_mode, db_mode):
        d = os.path.join(ws, name)
        os.mkdir(d)
        copy_register(d)
        with open(os.path.join(d, "register", "ship-logs", "2026-11-18-drill-700-new.md"), "w") as f:
            f.write(newlog)
        db = os.path.join(d, "r.db")
        shutil.copy2(src_db, db)
        chown_tree(d, NOBODY_UID, NOBODY_GID)
        os.chmod(db, db_mode)
        os.chmod(d, dir_mode)
        return d, db

    cases = [("db file 444", 0o755, 0o444), ("folder 555", 0o555, 0o644), ("folder 555 + db 444", 0o555, 0o444)]
    for name, dmode, fmode in cases:
        d, db = case_dir(name.replace(" ", "_").replace("+", ""), dmode, fmode)
        h0 = sha256_file(db)
        log = os.path.join(d, "register", "ship-logs", "2026-11-17-drill-06-multi-az-failover.md")
        log_h0 = sha256_file(log)
        for cmd in (["drills"], ["risks"], ["export"]):
            r = ctx.rr(cmd + ["--db", db], d, nobody=True)
            problems = []
            if r.crashed:
                problems.append(r.crash_text())
            elif r.rc != 0:
                problems.append("exit %d: %s" % (r.rc, r.short()))
            elif cmd == ["export"]:
                got, err = parse_json(r.out)
                if err or got != expected:
                    problems.append(err or "export differs: %s" % first_diff(got, expected))
            elif not r.out.strip():
                problems.append("no output")
            row.unit("%s: %s" % (name, cmd[0]), problems)
        for cmd, label in ((["import", "register", "--db", db], "import"),
                           (["tick"] + TICK_ARGS + ["--db", db], "tick")):
            r = ctx.rr(cmd, d, nobody=True)
            problems = []
            if r.crashed:
                problems.append(r.crash_text())
            elif r.rc == 0:
                problems.append("exit 0: the write was not refused")
            else:
                problems.append(message_problem(r, READONLY_WORDS))
            if sha256_file(db) != h0:
                problems.append("db file changed")
            if label == "tick" and r.rc != 0 and sha256_file(log) != log_h0:
                problems.append("tick refused but still edited the ship log")
            row.unit("%s: %s" % (name, label), problems)

    # read-only old site
    for name, parent_mode in (("site folder read-only", 0o755), ("site + parent read-only", 0o555)):
        d = os.path.join(ws, name.replace(" ", "_").replace("+", ""))
        os.mkdir(d)
        db = os.path.join(d, "r.db")
        shutil.copy2(src_db, db)
        site = os.path.join(d, "site")
        r = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--quiet"], d)
        if r.rc != 0:
            raise RuntimeError("site setup: %s" % r.short())
        chown_tree(d, NOBODY_UID, NOBODY_GID)
        chmod_tree(site, 0o555, 0o444)
        os.chmod(d, parent_mode)
        before = tree_hashes(site)
        r = ctx.rr(["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--force",
                    "--as-of", "2027-03-01", "--quiet"], d, nobody=True)
        problems = []
        if r.crashed:
            problems.append(r.crash_text())
        elif r.rc == 0:
            problems.append("exit 0: build did not refuse the read-only site")
        else:
            problems.append(message_problem(r, READONLY_WORDS))
        left = building_leftovers(d)
        if left:
            problems.append("left behind: %s" % ", ".join(left[:2]))
        if tree_hashes(site) != before:
            problems.append("old site changed")
        row.unit(name, problems)


# ==========================================================================
# 6. databases
# ==========================================================================

def make_fixture(ctx, row):
    """reliability/fixtures/schema-v1.sql: a db made by this binary, dumped once."""
    if os.path.exists(FIXTURE_V1):
        return
    ws = ctx.workspace("fixture")
    db = setup_register_db(ctx, ws, "v1.db")
    if shutil.which("sqlite3"):
        dump = bounded_run(["sqlite3", db, ".dump"], text=True, check=True).stdout
    else:
        con = sqlite3.connect(db)
        dump = "\n".join(con.iterdump()) + "\n"
        con.close()
    os.makedirs(os.path.dirname(FIXTURE_V1), exist_ok=True)
    with open(FIXTURE_V1, "w") as f:
        f.write("-- riskreg database written by the riskreg binary %s (sha256 %s)\n"
                "-- from the example register, RISKREG_TODAY=%s; `sqlite3 .dump`. Do not regenerate:\n"
                "-- later versions must migrate from exactly this.\n" % (
                    os.path.basename(ctx.binary_src), sha256_file(ctx.binary_src)[:16], TODAY))
        f.write(dump)
    row.info.append("wrote fixtures/schema-v1.sql")


def drill_databases(ctx, row):
    make_fixture(ctx, row)
    ws = ctx.workspace("d6")
    good = setup_register_db(ctx, ws, "good.db")
    expected = {}
    for cmd in ("drills", "risks", "export"):
        r = ctx.rr([cmd, "--db", good], ws)
        expected[cmd] = r.out
    size = os.path.getsize(good)
    rng = random.Random(ctx.rng.random())
    newdir = os.path.join(ws, "extra")
    os.mkdir(newdir)
    with open(os.path.join(newdir, "2026-11-18-drill-700-new.md"), "w") as f:
        f.write(ship_log(random.Random(7), 700, "2026-11-18"))
    invisible = []

    def variant(name, mutate):
        p = os.path.join(ws, name + ".db")
        mutate(p)
        return p

    def corrupt(offsets, length):
        def m(p):
            shutil.copy2(good, p)
            with open(p, "r+b") as f:
                for off in offsets:
                    f.seek(off)
                    f.write(bytes(rng.getrandbits(8) for _ in range(length)))
        return m

    def corrupt_schema(p):
        """garble the SQL text of a few CREATE TABLE statements in sqlite_master"""
        shutil.copy2(good, p)
        with open(p, "r+b") as f:
            data = f.read()
            offs = [i for i in range(len(data)) if data.startswith(b"CREATE TABLE", i)]
            for off in rng.sample(offs, min(3, len(offs))):
                f.seek(off + 13)
                f.write(b"\x01(\xff)")

    def foreign(p):
        con = sqlite3.connect(p)
        con.execute("CREATE TABLE notes(x)")
        con.execute("INSERT INTO notes VALUES ('my notes')")
        con.commit()
        con.close()

    def newer(p):
        shutil.copy2(good, p)
        con = sqlite3.connect(p)
        con.execute("INSERT INTO schema_migrations VALUES (999, 'x')")
        con.commit()
        con.close()

    def text_file(p):
        with open(p, "w") as f:
            f.write("this is not a database\n")

    def truncated(p):
        shutil.copy2(good, p)
        with open(p, "r+b") as f:
            f.truncate(size // 2)

    page = 4096
    variants = [
        ("corrupt-header", corrupt([0], 16), True),
        ("corrupt-schema", corrupt_schema, True),
        ("corrupt-random", corrupt([rng.randrange(page, size - 8) for _ in range(64)], 8), True),
        ("corrupt-wholepage", corrupt([page * rng.randrange(1, max(2, size // page))], page), True),
        ("truncated", truncated, True),
        ("foreign", foreign, False),
        ("newer", newer, False),
        ("text-file", text_file, False),
    ]
    for name, mutate, is_corrupt in variants:
        p = variant(name, mutate)
        for s in sidecars(p):
            os.unlink(p + s)
        for cmd in ("drills", "risks", "export", "import"):
            h0 = sha256_file(p)
            args = [cmd, "--db", p] if cmd != "import" else ["import", "extra", "--db", p]
            r = ctx.rr(args, ws)
            problems = []
            if r.crashed:
                problems.append(r.crash_text())
            elif r.rc == 0:
                if is_corrupt and cmd != "import" and r.out == expected[cmd]:
                    invisible.append("%s %s" % (name, cmd))
                elif is_corrupt and cmd == "import" and all("%s %s" % (name, c) in invisible for c in ("drills", "risks", "export")):
                    # The damage is where no command reads (every read gave the correct output):
                    # SQLite checks the pages it reads, so a write that never touches the damaged
                    # page cannot see it either (a full check on every import would cost O(register)).
                    invisible.append("%s %s" % (name, cmd))
                    h0 = sha256_file(p)
                else:
                    problems.append("exit 0: not refused (%s)" % short(r.out.strip().splitlines()[0] if r.out.strip() else "", 60))
            else:
                problems.append(message_problem(r))
            if sha256_file(p) != h0:
                problems.append("file changed")
            sc = sidecars(p)
            if sc:
                problems.append("left %s beside it" % ", ".join(sc))
                for s in sc:
                    os.unlink(p + s)
            row.unit("%s: %s" % (name, cmd), problems)

    if invisible:
        row.info.append("corruption not visible (correct output, counted as pass): " + ", ".join(invisible))

    # older: the saved v1 fixture must migrate (or refuse clearly) on a write. After importing
    # the same files it must hold what a fresh import holds; item history (openedOn/doneOn) may
    # differ, since items riskreg newly recognises are first seen on the upgrade day.
    old = os.path.join(ws, "older.db")
    con = sqlite3.connect(old)
    with open(FIXTURE_V1) as f:
        con.executescript(f.read())
    con.close()
    fresh = copy_db(good, os.path.join(ws, "fresh.db"))
    ctx.rr(["import", "extra", "--db", fresh, "--quiet"], ws)
    _, want, e = export(ctx, fresh, ws)
    r = ctx.rr(["drills", "--db", old], ws)
    problems = []
    if r.crashed:
        problems.append(r.crash_text())
    elif r.rc != 0:
        problems.append(message_problem(r))  # reading an old db may refuse, clearly
    row.unit("older: drills", problems)
    h0 = sha256_file(old)
    r = ctx.rr(["import", "register", "extra", "--db", old], ws)
    problems = []
    if r.crashed:
        problems.append(r.crash_text())
    elif r.rc == 0:
        _, got, e2 = export(ctx, old, ws)
        def without_history(value):
            if isinstance(value, dict):
                return {k: without_history(v) for k, v in value.items() if k not in ("openedOn", "doneOn")}
            if isinstance(value, list):
                return [without_history(v) for v in value]
            return value
        if e2:
            problems.append(e2)
        elif without_history(got) != without_history(want):
            problems.append("migrated db exports differently from a fresh one: %s" % first_diff(without_history(got), without_history(want)))
        problems.append(integrity(old))
    else:
        problems.append(message_problem(r))
        if sha256_file(old) != h0:
            problems.append("refused but changed the file")
    row.unit("older: import", problems)


# ==========================================================================
# main
# ==========================================================================

DRILLS = [
    ("1", "1. kill during import", drill_kill_import),
    ("2", "2. kill during build", drill_kill_build),
    ("3", "3. concurrency", drill_concurrency),
    ("4", "4. disk full", drill_disk_full),
    ("5", "5. read-only", drill_readonly),
    ("6", "6. databases", drill_databases),
    ("7", "7. hostile inputs", hostile.drill_hostile),
    ("8", "8. output scan", xss.drill_output_scan),
]


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def pick_examples(failures, n=3):
    """The first n failures with different kinds of problem (paths and numbers ignored)."""
    chosen, sigs = [], set()
    for f in failures:
        sig = re.sub(r"\S*[/.]\S*|\d+", "", f.split(": ", 1)[-1])[:50]
        if sig not in sigs:
            sigs.add(sig)
            chosen.append(f)
        if len(chosen) == n:
            return chosen
    return chosen + [f for f in failures if f not in chosen][:n - len(chosen)]


def table(rows):
    lines = ["| drill | runs | passed | failed | notes |", "|---|---:|---:|---:|---|"]
    for r in rows:
        notes = []
        if r.error:
            notes.append("HARNESS ERROR: " + r.error)
        notes += ["✗ " + short(f, 220) for f in pick_examples(r.failures)]
        if len(r.failures) > 3:
            notes.append("… %d more failures" % (len(r.failures) - 3))
        notes += r.info[:4]
        status = "✅" if r.ok else "❌"
        lines.append("| %s %s | %d | %d | %d | %s |" % (status, r.name, r.runs, r.passed, r.failed,
                                                     cell("<br>".join(notes) or "—")))
    return "\n".join(lines)


def machine():
    uname = bounded_run(["uname", "-a"], text=True).stdout.strip()
    return uname, os.cpu_count()


def write_results(path, rows, ctx, args, seed, started, elapsed):
    uname, ncpu = machine()
    with open(path, "w") as f:
        f.write("# riskreg reliability results\n\n")
        f.write("- date: %s\n" % started.strftime("%Y-%m-%d %H:%M:%S UTC"))
        f.write("- mode: %s, seed %d, %.0f s\n" % ("quick" if args.quick else "full", seed, elapsed))
        f.write("- machine: `%s`, nproc %s\n" % (uname, ncpu))
        f.write("- binary: `%s`, sha256 `%s`\n" % (ctx.binary_src, sha256_file(ctx.binary_src)))
        f.write("- RISKREG_TODAY=%s\n\n" % TODAY)
        f.write(table(rows) + "\n\n")
        f.write("## Failures\n\n")
        for r in rows:
            if not r.failures and not r.error:
                continue
            f.write("### %s\n\n" % r.name)
            if r.error:
                f.write("```\n%s\n```\n\n" % r.error_trace)
            for x in r.failures[:60]:
                f.write("- %s\n" % x.replace("\n", " "))
            if len(r.failures) > 60:
                f.write("- … %d more\n" % (len(r.failures) - 60))
            f.write("\n")
        f.write("## Notes\n\n")
        for r in rows:
            for x in r.info:
                f.write("- %s: %s\n" % (r.name, x))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a small version of every drill (< 2 minutes)")
    ap.add_argument("--only", default="", help="comma-separated drill numbers, e.g. 1,7")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the temp dir for inspection")
    ap.add_argument("--results", default=None,
                    help="where to write the table (default RESULTS.md for a full run, RESULTS-quick.md for --quick)")
    args = ap.parse_args()

    binary = os.environ.get("RISKREG") or os.path.join(REPO, ".build", "release", "riskreg")
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        print("riskreg binary not found or not executable: %s (set RISKREG)" % binary, file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int(time.time()) % 1000000
    rng = random.Random(seed)
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    ctx = Context(binary, args.quick, rng, keep=args.keep)

    def on_signal(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_signal)

    only = {x.strip() for x in args.only.split(",") if x.strip()}
    rows = []
    print("riskreg reliability drills (%s, seed %d) — binary %s" % ("quick" if args.quick else "full", seed, binary),
          flush=True)
    try:
        for key, name, fn in DRILLS:
            if only and key not in only:
                continue
            row = Row(name)
            t = time.monotonic()
            print("  %-24s …" % name, end="", flush=True)
            try:
                fn(ctx, row)
            except KeyboardInterrupt:
                raise
            except Exception as e:
                row.error = "%s: %s" % (type(e).__name__, short(e, 200))
                row.error_trace = traceback.format_exc()
            finally:
                kill_all_live()
                for m in list(ctx.mounts):
                    ctx.umount(m)
            row.failures = [f.replace(ctx.root, "$TMP") for f in row.failures]
            row.info = [f.replace(ctx.root, "$TMP") for f in row.info]
            if row.error_trace:
                row.error_trace = row.error_trace.replace(ctx.root, "$TMP")
            rows.append(row)
            print(" %s %d/%d passed (%.0fs)" % ("ok  " if row.ok else "FAIL", row.passed, row.runs,
                                                time.monotonic() - t), flush=True)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        ctx.cleanup()
        return 130
    finally:
        if ctx.keep:
            print("kept temp dir: %s" % ctx.root)
        ctx.cleanup()
    elapsed = time.monotonic() - t0
    print()
    print(table(rows))
    if args.results is None:
        # Only a full run replaces the kept table; quick runs (CI) write beside it.
        args.results = os.path.join(HERE, "RESULTS-quick.md" if args.quick else "RESULTS.md")
    write_results(args.results, rows, ctx, args, seed, started, elapsed)
    print("\n%s in %.0fs; written to %s" % ("all rows pass" if all(r.ok for r in rows) else "FAILURES",
                                           elapsed, os.path.relpath(args.results)))
    return 0 if rows and all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
