"""Drill 8: build a site from a hostile register and XSS-laden ship logs, then scan
every file the build writes, and the weekly reports, with real parsers."""

import os

from lib import *  # noqa: F401,F403

PAYLOADS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<scr<script>ipt>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<img src="x" onerror="alert(1)"/>',
    '<svg onload=alert(1)><a xlink:href="javascript:alert(1)">svg</a></svg>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    '<a href="javascript:alert(1)" onclick="alert(1)">raw</a>',
    '<a href=" javascript:alert(1)">space</a> <a href="&#x6A;avascript:alert(1)">entity</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<div onmouseover="alert(1)" style="background:url(javascript:alert(1))">div</div>',
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<style>body{background:url(javascript:alert(1))}</style>',
    '<!-- --><script>alert(1)</script><!-- -->',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '&lt;script&gt;alert("entity")&lt;/script&gt;',
    '[md link](javascript:alert(1))',
    '[md upper](JaVaScRiPt:alert(1))',
    '[md entity](java&#115;cript:alert(1)) [md entity2](&#106;avascript:alert(1))',
    '[md angle](<javascript:alert(1)>)',
    '[md vbs](vbscript:msgbox(1))',
    '[md data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[md title](https://example.com "t&quot; onmouseover=&quot;alert(1)")',
    '![img js](javascript:alert(1))',
    '![img data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '![img vbs](vbscript:msgbox(1))',
    '![img "><script>alert(1)</script>](https://example.com/x.png)',
    '<javascript:alert(1)>',
    '<vbscript:msgbox(1)>',
    '<data:text/html,alert(1)>',
    '[ref js][evil-js] [ref data][evil-data] [ref vbs][evil-vbs]',
    'javascript:alert(1) as bare text',
]

REFS = ('\n[evil-js]: javascript:alert(1)\n[evil-data]: data:text/html,<script>alert(1)</script>\n'
        '[evil-vbs]: vbscript:msgbox(1)\n')

BEL = "\x07"

REGISTER = """# R66 — Hostile <script>alert(1)</script> register {bel}bell

## X1 — <img src=x onerror=alert(1)> risk <script>alert(2)</script>
- Rank: 1/10
- Likelihood: 3
- Impact: 3
- Owner: <script>alert("owner")</script>
- Expected recovery: 30s
- Notes: 30s<script>alert(3)</script>
- Verification: "><script>alert(2)</script> [v](javascript:alert(1))
- Drill every: 90 days
- Status: open"><svg onload=alert(1)>
- Runbook: javascript:alert(1)
- Link: [x](javascript:alert(1)) <a href="javascript:alert(1)">a</a>
- Detection: ![i](data:text/html,x) <iframe src=javascript:alert(1)>

{payloads}
{refs}
## X2 — "quotes' & <b>bold</b> {bel} bell title
- Likelihood: 5
- Impact: 5
- Owner: @x" onmouseover="alert(1)
- Expected recovery: 1m
- Drill every: 30 days

Plain <u>description</u> with javascript:alert(1) text.
""".format(bel=BEL, payloads="\n\n".join(PAYLOADS), refs=REFS)


def _log950():
    body = "\n\n".join(PAYLOADS)
    return """---
drill: 950
date: 2026-11-17
status: executed
environment: staging<script>alert(1)</script>
risks: [X1, X2]
recovery: 4m
title: "Drill 950 <script>alert('title')</script> \\a bell"
---

# Drill 950 <img src=x onerror=alert(1)> bell{bel} title

## Summary

{body}
{refs}
## Headline numbers

- <script>alert(1)</script>: 5s
- Recovery <img src=x onerror=alert(1)>: 4m
- [x](javascript:alert(1)): 3
- Link value: [v](javascript:alert(1))
- Time <a href="javascript:alert(1)">a</a>: 2s

## Findings

### 1. <script>alert(1)</script> finding

{body}

### 2. [x](javascript:alert(1)) finding <javascript:alert(2)>

Text.

## Action items

- [ ] <script>alert(1)</script> @sre due 2026-11-20
- [ ] [fix](javascript:alert(1)) @"><script>alert(1)</script> #<script>
- [x] `javascript:alert(1)` artifact @sre
- [ ] <img src=x onerror=alert(1)> due 2026-11-18 <vbscript:msgbox(1)>
- [ ] ![i](javascript:alert(1)) [d](data:text/html,x) @platform

## Lockstep checklist

- [x] Drill artifact — `javascript:alert(1)`
- [x] Artifact — `docs/"><script>alert(1)</script>.md`
- [x] Escape — `../../../etc/passwd`
- [x] Absolute — `/etc/shadow`
- [ ] Data — `data:text/html,<script>alert(1)</script>`
- [x] Vbs — `vbscript:msgbox(1)`
- [x] Space — `  javascript:alert(1)`
- [x] Onerror — `docs/x.md" onerror="alert(1)`
""".format(body=body, refs=REFS, bel=BEL)


def _log951():
    return """Drill 951 — setext <script>alert(1)</script> {bel}BEL
===========================================================

TL;DR
-----

On 2026-11-19 X1 and X2 went <b onmouseover=alert(1)>bold</b>. <javascript:alert(1)>

Key metrics
-----------

| Metric | Value |
|---|---|
| <script>alert(1)</script> | 5 |
| Recovery time | 2m <img src=x onerror=alert(1)> |
| [a](javascript:alert(1)) | 7 |

Follow-ups
----------

- [ ] {p0} @sre due 2026-11-21
- [ ] {p3} @sre

Checklist
---------

- [ ] Drill artifact — `docs/chaos-drills/results/951.md`
""".format(bel=BEL, p0=PAYLOADS[0], p3=PAYLOADS[3])


def _log952():
    return """---
drill: 952
date: 2026-11-20
status: planned
environment: "prod\\"><script>alert(1)</script>"
risks: [X1]
---

# Drill 952 plan — javascript:alert(1)

## Summary

Planned. [x](javascript:alert(1))

## Action items

- [ ] Book the window @data due 2026-11-22
"""


FILES = {
    "R66-hostile-register.md": REGISTER,
    "ship-logs/2026-11-17-drill-950-xss.md": _log950(),
    "ship-logs/2026-11-19-drill-951-setext.md": _log951(),
    # a file name that is itself a payload
    "ship-logs/2026-11-20-drill-952-\"><img src=x onerror=alert(1)>.md": _log952(),
}


def _scan_tree(row, out, label):
    kinds = {}
    skipped = []
    for dp, dns, fns in os.walk(out):
        for fn in sorted(fns):
            p = os.path.join(dp, fn)
            rel = os.path.relpath(p, out)
            kind, problems = scan_file(p, rel)
            if kind is None:
                skipped.append(rel)
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            row.unit("%s %s" % (label, rel), problems)
    row.info.append("%s: scanned %s; not scanned: %s" % (
        label, ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items())), ", ".join(skipped) or "none"))


def drill_output_scan(ctx, row):
    ws = ctx.workspace("d8")
    copy_register(ws)
    hostile = os.path.join(ws, "hostile")
    os.makedirs(os.path.join(hostile, "ship-logs"))
    for name, text in FILES.items():
        with open(os.path.join(hostile, name), "w") as f:
            f.write(text)
    db = os.path.join(ws, "r.db")
    r = ctx.rr(["import", "register", "hostile", "--db", db], ws)
    refused = [l for l in r.out.splitlines() if l.startswith("refused")]
    if r.crashed:
        row.unit("import", [r.crash_text()])
    if refused:
        row.info.append("import refused: " + " / ".join(short(l, 90) for l in refused[:3]))
    _, data, err = (None, None, None)
    ex = ctx.rr(["export", "--db", db], ws)
    got, err = parse_json(ex.out)
    hostile_drills = drill_numbers(got) & {950, 951, 952}
    # create every artifact a checklist names, so the build links them (under --repo-url)
    made = 0
    for d in (got or {}).get("drills", []):
        for item in d.get("checklist", []) + d.get("actions", []):
            a = item.get("artifact")
            if a and not os.path.isabs(a) and ".." not in a.split("/"):
                p = os.path.join(ws, a)
                try:
                    os.makedirs(os.path.dirname(p), exist_ok=True)
                    open(p, "a").close()
                    made += 1
                except OSError:
                    pass
    row.info.append("%d artifact files created" % made)
    row.info.append("hostile drills imported: %s" % (sorted(hostile_drills) or "none"))

    builds = [
        ("site", ["--base-url", "https://sre.example.com/risks/", "--repo-url", "https://git.example.com/org/repo/blob/main"]),
        ("site-js-urls", ["--base-url", "javascript:alert(1)", "--repo-url", "javascript:x"]),
        ("site-data-urls", ["--base-url", " JaVaScRiPt:alert(1)//", "--repo-url", "data:text/html,<script>alert(1)</script>"]),
        ("site-no-urls", []),
    ]
    for name, extra in builds:
        out = os.path.join(ws, name)
        r = ctx.rr(["build", "--db", db, "--out", out, "--templates", TEMPLATES, "--quiet"] + extra, ws)
        if r.crashed:
            row.unit("build %s" % name, [r.crash_text()])
            continue
        if r.rc != 0:
            # refusing a hostile --base-url/--repo-url is fine when said clearly
            row.unit("build %s refused" % name, [message_problem(r) if extra and name != "site" else
                                                 "exit %d: %s" % (r.rc, r.short())])
            continue
        _scan_tree(row, out, name)

    for fmt in ("markdown", "html", "json"):
        r = ctx.rr(["report", "weekly", "--db", db, "--week", "2026-W47", "--format", fmt,
                    "--templates", TEMPLATES], ws)
        label = "report weekly --format %s" % fmt
        problems = []
        if r.crashed or r.rc != 0:
            problems.append(r.crash_text() if r.crashed else "exit %d: %s" % (r.rc, r.short()))
        elif fmt == "markdown":
            low = r.out.lower()
            for tag in ("<script", "<iframe", "<object", "<embed"):
                if tag in low:
                    i = low.index(tag)
                    problems.append("raw %s in the markdown: %r" % (tag, short(r.out[max(0, i - 30):i + 40], 80)))
            m = CONTROL_RE.search(r.out)
            if m:
                problems.append("raw control character U+%04X" % ord(m.group()))
        elif fmt == "html":
            problems += scan_html_text(r.out, "report.html")
        else:
            problems.append(parse_json(r.out)[1])
        row.unit(label, problems)
