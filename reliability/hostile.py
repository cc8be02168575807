"""Drill 7: hostile inputs, each imported alone and inside a folder of good logs."""

import os
import random
import shutil
import subprocess

from lib import *  # noqa: F401,F403

GOOD_NUMBERS = (800, 801, 802)
TIME_LIMIT = 10.0
MEM_LIMIT_KB = 1 << 20  # 1 GiB
HUGE = "99999999999999999999"


def _log(num, body, fm=None, title=None):
    head = ""
    if fm is not None:
        head = "---\n%s\n---\n\n" % fm
    return head + "# %s\n\n%s\n" % (title or "Drill %d — hostile input" % num, body)


def _w(name, data):
    def make(d):
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return name
    return make


def _alias_bomb():
    lines = ["drill: 905", "date: 2026-11-18", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for c in "bcdefghi":
        lines.append("%s: &%s [%s]" % (c, c, ",".join(["*" + prev] * 9)))
        prev = c
    return "\n".join(lines)


NUMERIC_REGISTER = """# R99 — Numeric register

## Z1 — Huge numbers everywhere
- Rank: {h}/10
- Likelihood: {h}
- Impact: {h}
- Owner: @numbers
- Expected recovery: {h}h
- Drill every: {h} days
- Status: open

## Z2 — Negative and tiny numbers
- Rank: 0/0
- Likelihood: -{h}
- Impact: -1
- Expected recovery: 1e300 s
- Drill every: 0 days
- Status: open

## Z3 — Float overflow
- Rank: 1e400/10
- Likelihood: 1e300
- Impact: 1.5
- Expected recovery: -5m
- Drill every: -{h} days
""".format(h=HUGE)


def _sparse(d):
    p = os.path.join(d, "sparse-3g.md")
    with open(p, "wb") as f:
        f.truncate(3 << 30)
    return "sparse-3g.md"


def _fifo(d):
    os.mkfifo(os.path.join(d, "fifo-pipe.md"))
    return "fifo-pipe.md"


def _symloop(d):
    os.symlink("loop-b.md", os.path.join(d, "loop-a.md"))
    os.symlink("loop-a.md", os.path.join(d, "loop-b.md"))
    return "loop-a.md"


def _self_symlink(d):
    os.symlink("self-loop.md", os.path.join(d, "self-loop.md"))
    return "self-loop.md"


def _dircycle(d):
    os.symlink(".", os.path.join(d, "cycle-dir"))
    return "cycle-dir"


def _devzero(d):
    os.symlink("/dev/zero", os.path.join(d, "devzero.md"))
    return "devzero.md"


def _dangling(d):
    os.symlink("does-not-exist.md", os.path.join(d, "dangling.md"))
    return "dangling.md"


def _chmod000(d):
    p = os.path.join(d, "unreadable-000.md")
    with open(p, "w") as f:
        f.write(_log(940, "## Summary\n\nA readable log, if only you could read it.\n"))
    os.chmod(p, 0)
    return "unreadable-000.md"


def _chmod000_dir(d):
    sub = os.path.join(d, "unreadable-dir")
    os.mkdir(sub)
    with open(os.path.join(sub, "inside.md"), "w") as f:
        f.write(_log(941, "## Summary\n\nHidden.\n"))
    os.chmod(sub, 0)
    return "unreadable-dir"


def _odd(name, num):
    return _w(name, _log(num, "## Summary\n\nA good log with an odd file name.\n\n## Action items\n\n- [ ] Rename me @sre\n",
                         fm="drill: %d\ndate: 2026-11-18\nstatus: executed" % num))


def cases():
    """(name, make(dir) -> entry name, expect, marker, options)
    expect: 'refuse' (exit 1, a refusal line naming the file) or 'any' (imported or refused
    cleanly). Options: timeout, nobody, numeric, odd, watch_io."""
    big_line = "## Summary\n\n" + ("overflow " * 120000)[:1048576] + "\n"
    items = "## Action items\n\n" + "".join("- [ ] Item %d @sre\n" % i for i in range(100000))
    over = _log(935, "## Summary\n\n" + ("filler text " * 180000))
    return [
        ("lists nested 10,000 deep", _w("deep-list.md", _log(901, "## Action items\n\n" + "- " * 10000 + "[ ] deep\n")),
         "refuse", "deep-list", {}),
        ("ordered lists nested 10,000 deep", _w("deep-olist.md", _log(902, "## Findings\n\n" + "1. " * 10000 + "deep\n")),
         "refuse", "deep-olist", {}),
        ("block quotes 10,000 deep", _w("deep-quote.md", _log(903, "## Summary\n\n" + "> " * 10000 + "deep\n")),
         "refuse", "deep-quote", {}),
        ("mixed nesting 10,200 deep", _w("deep-mixed.md", _log(904, "## Action items\n\n" + "> - 1. " * 3400 + "[ ] deep\n")),
         "refuse", "deep-mixed", {}),
        ("raw HTML <div> 20,000 deep", _w("deep-html.md", _log(906, "## Summary\n\n" + "<div>" * 20000 + "x\n")),
         "any", "deep-html", {}),
        ("YAML alias bomb (billion laughs)", _w("alias-bomb.md", _log(905, "## Summary\n\nlol\n", fm=_alias_bomb())),
         "refuse", "alias-bomb", {}),
        ("YAML flow nested 10,000 deep", _w("yaml-deep.md", _log(907, "## Summary\n\nx\n",
                                                                  fm="drill: 907\nrisks: " + "[" * 10000 + "]" * 10000)),
         "refuse", "yaml-deep", {}),
        ("huge drill: number", _w("huge-drill.md", _log(0, "## Summary\n\nx\n", fm="drill: %s\ndate: 2026-11-18" % HUGE,
                                                         title="Huge drill number")),
         "any", "huge-drill", {"numeric": True}),
        ("huge recovery: in front matter", _w("huge-recovery.md", _log(910, "## Summary\n\nx\n",
                                                                        fm="drill: 910\ndate: 2026-11-18\nstatus: executed\nrisks: [Z1, A10]\nrecovery: %sh" % HUGE)),
         "any", "huge-recovery", {"numeric": True}),
        ("metrics 1e300 / huge / NaN / inf", _w("huge-metric.md", _log(911, "## Headline numbers\n\n- Recovery: 1e300 s\n"
                                                                            "- Requests failed: %s\n- Latency: -1e308 ms\n- Odd: NaN s\n"
                                                                            "- Forever: inf s\n- Recovery time: %sh\n" % (HUGE, HUGE),
                                                                       fm="drill: 911\ndate: 2026-11-17\nstatus: executed\nrisks: [Z1, Z2, A10]")),
         "any", "huge-metric", {"numeric": True}),
        ("register: huge Likelihood / Rank / Drill every", _w("R99-numeric-register.md", NUMERIC_REGISTER),
         "any", "R99-numeric", {"numeric": True}),
        ("dates and dues out of range", _w("huge-dates.md", _log(912, "## Action items\n\n- [ ] Far @sre due 9999-12-31\n"
                                                                      "- [ ] Bad @sre due 2026-02-30\n- [ ] Huge @sre due %s-01-01\n" % HUGE,
                                                                 fm="drill: 912\ndate: 9999-12-31\nstatus: executed\nrecovery: 1s\nrisks: [Z1]")),
         "any", "huge-dates", {"numeric": True}),
        ("negative / zero drill number", _w("negative-drill.md", _log(0, "## Summary\n\nx\n", fm="drill: -5\ndate: 2026-11-18",
                                                                      title="Negative drill")),
         "any", "negative-drill", {"numeric": True}),
        ("NUL bytes", _w("nul-bytes.md", _log(913, "## Summary\n\nbefore\x00after\x00\x00\n")), "refuse", "nul-bytes", {}),
        ("invalid UTF-8", _w("invalid-utf8.md", b"# Drill 914 \xff\xfe\n\n## Summary\n\n\xc3\x28 \xed\xa0\x80\n"),
         "refuse", "invalid-utf8", {}),
        ("1 MB single line", _w("long-line.md", _log(915, big_line)), "any", "long-line", {}),
        ("100k task items", _w("items-100k.md", _log(916, items)), "any", "items-100k", {}),
        ("over 2 MiB", _w("over-2mib.md", over), "refuse", "over-2mib", {}),
        ("3 GB sparse file", _sparse, "refuse", "sparse-3g", {"timeout": 3.0, "limit": 2.0, "watch_io": True}),
        ("empty file", _w("empty.md", b""), "refuse", "empty", {}),
        ("symlink loop a→b→a", _symloop, "refuse", "loop-", {}),
        ("symlink to itself", _self_symlink, "refuse", "self-loop", {}),
        ("directory symlink cycle", _dircycle, "any", "cycle-dir", {}),
        ("FIFO named *.md", _fifo, "refuse", "fifo-pipe", {}),
        ("symlink to /dev/zero", _devzero, "refuse", "devzero", {"watch_io": True}),
        ("dangling symlink", _dangling, "refuse", "dangling", {}),
        ("chmod 000 file (as nobody)", _chmod000, "refuse", "unreadable-000", {"nobody": True}),
        ("chmod 000 folder (as nobody)", _chmod000_dir, "refuse", "unreadable-dir", {"nobody": True}),
        ("BOM + CRLF (valid)", _w("bom-crlf.md", ("\ufeff" + _log(917, "## Summary\n\nok\n\n## Action items\n\n- [ ] x @sre\n",
                                                                  fm="drill: 917\ndate: 2026-11-18")).replace("\n", "\r\n")),
         "any", "bom-crlf", {}),
        ("pathological emphasis", _w("emphasis.md", _log(918, "## Summary\n\n" + "*a **a _b __b " * 30000 + "\n")),
         "any", "emphasis", {}),
        ("200k backticks", _w("backticks.md", _log(919, "## Summary\n\n" + "`" * 200000 + "\n")), "any", "backticks", {}),
        ("20k Findings headings", _w("headings.md", _log(920, "## Findings\n\n### 1. x\n\n" * 20000)), "any", "headings", {}),
        ("10k link reference definitions", _w("linkrefs.md", _log(921, "## Summary\n\n" + "[a][r] " * 10000 + "\n\n" +
                                                                   "".join("[r%d]: http://x/%d\n" % (i, i) for i in range(10000)))),
         "any", "linkrefs", {}),
        ("200k risk-id mentions", _w("mentions.md", _log(922, "## Summary\n\n" + "A10 B3 Z9 " * 60000 + "\n")),
         "any", "mentions", {}),
        ("1.5 MB front-matter string", _w("fm-string.md", _log(923, "## Summary\n\nx\n",
                                                              fm="drill: 923\nenvironment: " + "e" * 1500000)),
         "any", "fm-string", {}),
        ("odd name: newline", _odd("odd-newline\nname.md", 930), "any", "odd-newline", {"odd": True}),
        ("odd name: tab", _odd("odd-tab\tname.md", 931), "any", "odd-tab", {"odd": True}),
        ("odd name: leading dash", _odd("-odd-dash.md", 932), "any", "-odd-dash", {"odd": True}),
        ("odd name: unicode", _odd("odd-ünïcødé-日本語.md", 933), "any", "odd-ünïcødé", {"odd": True}),
        ("odd name: $(id)", _odd("odd-$(id)-`id`.md", 934), "any", "odd-$(id)", {"odd": True}),
        ("odd name: HTML and quotes", _odd("odd-<b>'\"&.md", 936), "any", "odd-<b>", {"odd": True}),
        ("odd name: invalid UTF-8 bytes", _odd(os.fsdecode(b"odd-bytes-\xff\xfe.md"), 937), "any", "odd-bytes", {"odd": True}),
        ("odd name: spaces and #?%", _odd("odd space #1 ?x=%20.md", 938), "any", "odd space", {"odd": True}),
    ]


def _good_logs(d):
    rng = random.Random(42)
    for n in GOOD_NUMBERS:
        with open(os.path.join(d, "2026-11-%02d-drill-%d-good.md" % (n - 790, n)), "w") as f:
            f.write(ship_log(rng, n, "2026-11-%02d" % (n - 790)))


def _names_file(lines, marker):
    for l in lines:
        if "refus" in l.lower() and marker in l:
            return True
    return False


def drill_hostile(ctx, row):
    ws = ctx.workspace("d7")
    copy_register(ws)
    base = os.path.join(ws, "base.db")
    r = ctx.rr(["import", "register", "--db", base, "--quiet"], ws)
    if r.rc != 0:
        raise RuntimeError("base import failed: " + r.short())
    can_nobody = ctx.is_root
    runs = []   # (label, case, mode, casedir, db, spec)
    all_cases = cases()
    for i, (name, make, expect, marker, opt) in enumerate(all_cases):
        if opt.get("nobody") and not can_nobody:
            row.info.append("skipped %s: not root" % name)
            continue
        for mode in ("alone", "folder"):
            cd = os.path.join(ws, "c%02d-%s" % (i, mode))
            os.mkdir(cd)
            sub = os.path.join(cd, "logs")
            os.mkdir(sub)
            if mode == "folder":
                _good_logs(sub)
            entry = make(sub)
            db = copy_db(base, os.path.join(cd, "r.db"))
            target = os.path.join("logs", entry) if mode == "alone" else "logs"
            if opt.get("nobody"):
                os.chmod(cd, 0o755)
                for p in (cd, db):
                    os.chown(p, NOBODY_UID, NOBODY_GID)
            spec = ctx.spec(["import", target, "--db", db], cd, timeout=opt.get("timeout", TIME_LIMIT + 1),
                            nobody=bool(opt.get("nobody")), watch_io=bool(opt.get("watch_io")),
                            label="%s (%s)" % (name, mode))
            runs.append(("%s, %s" % (name, mode), (name, expect, marker, opt), mode, cd, db, spec))

    # slow-to-fail cases first and alone (timing matters), then the rest in parallel
    serial = [x for x in runs if x[1][3].get("watch_io")]
    rest = [x for x in runs if not x[1][3].get("watch_io")]
    results = {}
    for x in serial:
        results[id(x)] = run_many(ctx, [x[5]], parallel=1)[0]
    for x, res in zip(rest, run_many(ctx, [x[5] for x in rest], parallel=3 if (os.cpu_count() or 1) >= 2 else 1)):
        results[id(x)] = res

    numeric_dirs, odd_dirs = [], []
    for x in runs:
        label, (name, expect, marker, opt), mode, cd, db, spec = x
        res = results[id(x)]
        problems = []
        lines = (res.out + "\n" + res.err).splitlines()
        limit = opt.get("limit", TIME_LIMIT)
        if res.crashed:
            problems.append(res.crash_text())
        elif res.elapsed > limit:
            problems.append("took %.1fs (limit %.0fs)" % (res.elapsed, limit))
        if res.maxrss_kb > MEM_LIMIT_KB:
            problems.append("used %d MB" % (res.maxrss_kb // 1024))
        if res.max_rchar > (256 << 20):
            problems.append("read %d MB of it" % (res.max_rchar >> 20))
        if "uid=" in res.out + res.err:
            problems.append("output contains 'uid=': a file name was run as a command")
        if not res.crashed:
            if expect == "refuse":
                if res.rc != 1:
                    problems.append("exit %d, expected 1 (refused)" % res.rc)
                if not _names_file(lines, marker):
                    problems.append("no refusal line naming %r (got %r)" % (marker, short(res.out.strip() or res.err.strip(), 90)))
            else:
                if res.rc not in (0, 1):
                    problems.append("exit %d: %s" % (res.rc, res.short(90)))
                elif res.rc == 1 and not _names_file(lines, marker):
                    problems.append("exit 1 without a refusal line naming %r: %s" % (marker, res.short(90)))
            problems += [m for m in (message_problem(res),) if m and "raw error" in m]
            if mode == "folder":
                r, data, err = _export(ctx, db, cd)
                if err:
                    problems.append(err)
                else:
                    missing = set(GOOD_NUMBERS) - drill_numbers(data)
                    if missing:
                        problems.append("good logs not imported: %s" % sorted(missing))
        row.unit(label, problems)
        if mode == "folder" and opt.get("numeric"):
            numeric_dirs.append(os.path.join(cd, "logs"))
        if mode == "folder" and opt.get("odd"):
            odd_dirs.append(os.path.join(cd, "logs"))

    _follow_up(ctx, row, ws, base, "numeric", numeric_dirs)
    _follow_up(ctx, row, ws, base, "odd names", odd_dirs)


def _export(ctx, db, cwd):
    r = ctx.rr(["export", "--db", db], cwd)
    if r.crashed:
        return r, None, "export " + r.crash_text()
    if r.rc != 0:
        return r, None, "export exit %d: %s" % (r.rc, r.short(90))
    data, err = parse_json(r.out)
    return r, data, err


def _follow_up(ctx, row, ws, base, what, dirs):
    """Everything of one kind imported together, then every reader must cope."""
    if not dirs:
        return
    d = os.path.join(ws, "follow-" + what.replace(" ", "-"))
    logs = os.path.join(d, "logs")
    os.makedirs(logs)
    for src in dirs:
        for n in os.listdir(src):
            if not n.endswith("-good.md"):
                shutil.copy2(os.path.join(src, n), os.path.join(logs, n))
    db = copy_db(base, os.path.join(d, "r.db"))
    r = ctx.rr(["import", "logs", "--db", db], d, timeout=TIME_LIMIT + 1)
    row.unit("%s: import all together" % what,
             [r.crash_text() if r.crashed else None,
              "exit %d: %s" % (r.rc, r.short(90)) if not r.crashed and r.rc not in (0, 1) else None])
    imported = sum(1 for l in r.out.splitlines() if l.startswith(("imported", "updated")))
    row.info.append("%s: %d of %d files imported" % (what, imported, len(os.listdir(logs))))
    site = os.path.join(d, "site")
    checks = [
        ("build", ["build", "--db", db, "--out", site, "--templates", TEMPLATES, "--quiet"], True),
        ("export", ["export", "--db", db], True),
        ("drills", ["drills", "--db", db], True),
        ("risks", ["risks", "--db", db], True),
        ("status", ["status", "--db", db], False),
        ("report weekly", ["report", "weekly", "--db", db, "--week", "2026-W47"], True),
        ("report weekly html", ["report", "weekly", "--db", db, "--week", "2026-W47", "--format", "html",
                                "--templates", TEMPLATES], True),
    ]
    for label, args, must_succeed in checks:
        r = ctx.rr(args, d, timeout=TIME_LIMIT + 1)
        problems = []
        if r.crashed:
            problems.append(r.crash_text())
        elif must_succeed and r.rc != 0:
            problems.append("exit %d: %s" % (r.rc, r.short(100)))
        if label == "build" and r.rc == 0:
            problems += check_site(site)[1][:3]
        if label == "export" and r.rc == 0:
            problems.append(parse_json(r.out)[1])
        row.unit("%s: then %s" % (what, label), problems)
