"""Shared machinery for the riskreg reliability drills: bounded processes,
temp workspaces, generated ship logs, site/HTML/XML checks and result rows.

Python standard library only.
"""

import errno
import hashlib
import html.parser
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TEMPLATES = os.path.join(REPO, "templates")
EXAMPLE_REGISTER = os.path.join(REPO, "register")
TODAY = "2026-11-21"

NOBODY_UID = 65534
NOBODY_GID = 65534

GB = 1 << 30
DEFAULT_MEM = 2 * GB          # RLIMIT_AS for every process the harness starts
DEFAULT_TIMEOUT = 60.0        # seconds, unless a drill says otherwise

# Text that must never reach a user: raw Foundation / SQLite / Swift runtime errors.
RAW_ERROR_MARKERS = [
    "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "Error Domain=", "UserInfo=",
    "NSUnderlyingError", "disk I/O error (while running", "(while running",
    "Fatal error", "Stack dump", "Current stack trace", "SQLITE_", "Swift/",
]

CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------
# Processes: every one has a timeout, a memory cap, no core file, its own
# process group (killed whole), and is reaped with wait4 for its max RSS.
# --------------------------------------------------------------------------

LIVE_GROUPS = set()


def _preexec(mem, fsize):
    def fn():
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return fn


class Result:
    def __init__(self, argv, label):
        self.argv = argv
        self.label = label
        self.rc = None
        self.out = ""
        self.err = ""
        self.out_bytes = b""
        self.elapsed = 0.0
        self.timed_out = False
        self.killed = False          # killed on purpose by a drill
        self.maxrss_kb = 0
        self.max_rchar = 0

    @property
    def crashed(self):
        """A crash or hang: timeout, killed by a signal, or exit >= 128."""
        if self.killed:
            return False
        return self.timed_out or self.rc is None or self.rc < 0 or self.rc >= 128

    def crash_text(self):
        if self.timed_out:
            return "hung (killed after %.1fs timeout)" % self.elapsed
        if self.rc is not None and self.rc < 0:
            try:
                name = signal.Signals(-self.rc).name
            except ValueError:
                name = "signal %d" % -self.rc
            return "crashed (%s)" % name
        return "crashed (exit %s)" % self.rc

    def short(self, n=160):
        text = (self.err.strip() or self.out.strip()).replace("\n", " / ")
        return text[:n] + ("…" if len(text) > n else "")


class Proc:
    """A started process. Output goes to files so nothing can block on a pipe."""

    def __init__(self, ctx, argv, cwd, label="", nobody=False, mem=DEFAULT_MEM,
                 fsize=None, timeout=DEFAULT_TIMEOUT, env=None, watch_io=False):
        self.ctx = ctx
        self.timeout = timeout
        self.watch_io = watch_io
        full = list(argv)
        if nobody:
            full = ctx.nobody_prefix() + full
        self.res = Result(full, label or " ".join(argv[:2]))
        fd_out, self.out_path = tempfile.mkstemp(dir=ctx.scratch, prefix="out-")
        fd_err, self.err_path = tempfile.mkstemp(dir=ctx.scratch, prefix="err-")
        e = ctx.env.copy()
        if env:
            e.update(env)
        self.start = time.monotonic()
        try:
            self.p = subprocess.Popen(full, cwd=cwd, stdin=subprocess.DEVNULL, stdout=fd_out,
                                      stderr=fd_err, env=e, preexec_fn=_preexec(mem, fsize),
                                      start_new_session=True)
        finally:
            os.close(fd_out)
            os.close(fd_err)
        self.pgid = self.p.pid
        LIVE_GROUPS.add(self.pgid)
        self.done = False

    def _finish(self, status, ru):
        self.res.elapsed = time.monotonic() - self.start
        self.res.rc = os.waitstatus_to_exitcode(status)
        self.p.returncode = self.res.rc
        self.res.maxrss_kb = ru.ru_maxrss
        self._killgroup()
        LIVE_GROUPS.discard(self.pgid)
        with open(self.out_path, "rb") as f:
            self.res.out_bytes = f.read(8 << 20)
        with open(self.err_path, "rb") as f:
            errb = f.read(1 << 20)
        os.unlink(self.out_path)
        os.unlink(self.err_path)
        self.res.out = self.res.out_bytes.decode("utf-8", "replace")
        self.res.err = errb.decode("utf-8", "replace")
        self.done = True

    def _killgroup(self):
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def poll(self):
        if self.done:
            return True
        pid, status, ru = os.wait4(self.p.pid, os.WNOHANG)
        if pid:
            self._finish(status, ru)
            return True
        if self.watch_io:
            try:
                with open("/proc/%d/io" % self.p.pid) as f:
                    for line in f:
                        if line.startswith("rchar:"):
                            self.res.max_rchar = max(self.res.max_rchar, int(line.split()[1]))
            except OSError:
                pass
        if time.monotonic() - self.start > self.timeout:
            self.res.timed_out = True
            self.kill(on_purpose=False)
            return True
        return False

    def kill(self, on_purpose=True):
        if self.done:
            return self.res
        self.res.killed = on_purpose
        self._killgroup()
        _, status, ru = os.wait4(self.p.pid, 0)
        self._finish(status, ru)
        return self.res

    def wait(self):
        while not self.poll():
            time.sleep(0.005)
        return self.res


def run_many(ctx, specs, parallel=3):
    """Run specs (dicts of Proc keyword arguments) with bounded parallelism, from
    this thread only (no preexec_fn in threads). Returns results in order."""
    results = [None] * len(specs)
    pending = list(enumerate(specs))
    running = []
    while pending or running:
        while pending and len(running) < parallel:
            i, spec = pending.pop(0)
            running.append((i, Proc(ctx, **spec)))
        still = []
        for i, pr in running:
            if pr.poll():
                results[i] = pr.res
            else:
                still.append((i, pr))
        running = still
        if running:
            time.sleep(0.005)
    return results


def kill_all_live():
    for g in list(LIVE_GROUPS):
        try:
            os.killpg(g, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        LIVE_GROUPS.discard(g)


# --------------------------------------------------------------------------
# Context: binary, env, temp root.
# --------------------------------------------------------------------------

class Context:
    current = None

    def __init__(self, binary, quick, rng, keep=False):
        Context.current = self
        self.quick = quick
        self.rng = rng
        self.keep = keep
        self.root = tempfile.mkdtemp(prefix="riskreg-reliability-")
        os.chmod(self.root, 0o755)  # nobody must be able to reach its workspaces
        self.scratch = os.path.join(self.root, ".scratch")
        os.mkdir(self.scratch, 0o700)
        bindir = os.path.join(self.root, "bin")
        os.mkdir(bindir, 0o755)
        # Run a private copy: a rebuild during the run cannot change what is tested,
        # and nobody can execute it.
        self.binary_src = binary
        self.bin = os.path.join(bindir, "riskreg")
        shutil.copy2(binary, self.bin)
        os.chmod(self.bin, 0o755)
        self.env = {k: v for k, v in os.environ.items() if k not in ("RISKREG_DB",)}
        self.env["RISKREG_TODAY"] = TODAY
        self.env.setdefault("LANG", "C.UTF-8")
        self.mounts = []
        self.is_root = os.geteuid() == 0
        self._nobody = None

    def nobody_prefix(self):
        if self._nobody is None:
            if shutil.which("setpriv"):
                self._nobody = ["setpriv", "--reuid=%d" % NOBODY_UID, "--regid=%d" % NOBODY_GID,
                                "--clear-groups", "--"]
            elif shutil.which("runuser"):
                self._nobody = ["runuser", "-u", "nobody", "--"]
            else:
                raise RuntimeError("neither setpriv nor runuser found")
        return self._nobody

    def workspace(self, name):
        d = tempfile.mkdtemp(prefix=name + "-", dir=self.root)
        os.chmod(d, 0o755)
        return d

    def rr(self, args, cwd, **kw):
        """Run riskreg to completion."""
        return Proc(self, [self.bin] + list(args), cwd, label=kw.pop("label", " ".join(args[:1])), **kw).wait()

    def start(self, args, cwd, **kw):
        return Proc(self, [self.bin] + list(args), cwd, label=kw.pop("label", " ".join(args[:1])), **kw)

    def spec(self, args, cwd, **kw):
        d = dict(argv=[self.bin] + list(args), cwd=cwd)
        d.update(kw)
        return d

    def mount_tmpfs(self, path, size="2m"):
        r = bounded_run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % size, "tmpfs", path],
                        timeout=20, text=True)
        if r.returncode == 0:
            self.mounts.append(path)
            return None
        return (r.stderr or r.stdout).strip() or "mount failed (exit %d)" % r.returncode

    def umount(self, path):
        if path in self.mounts:
            r = bounded_run(["umount", path], timeout=20)
            if r.returncode != 0:
                bounded_run(["umount", "-l", path], timeout=20)
            self.mounts.remove(path)

    def cleanup(self):
        kill_all_live()
        for m in list(self.mounts):
            self.umount(m)
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


# --------------------------------------------------------------------------
# Files and databases
# --------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tree_hashes(root):
    out = {}
    if not os.path.isdir(root):
        return out
    for dp, dns, fns in os.walk(root):
        for fn in fns:
            p = os.path.join(dp, fn)
            out[os.path.relpath(p, root)] = sha256_file(p)
    return out


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(src + suffix):
            shutil.copy2(src + suffix, dst + suffix)
    return dst


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


def sidecars(path):
    return [s for s in ("-wal", "-shm", "-journal") if os.path.exists(path + s)]


_INTEGRITY = """
import sqlite3, sys
try:
    con = sqlite3.connect(sys.argv[1], timeout=10)
    rows = con.execute("PRAGMA integrity_check").fetchall()
    con.close()
    print("; ".join(str(r[0]) for r in rows))
except sqlite3.Error as e:
    print("integrity_check could not run: %s" % e)
"""


def integrity(db, ctx=None):
    """PRAGMA integrity_check in a bounded child Python; returns None when ok."""
    ctx = ctx or Context.current
    r = Proc(ctx, [sys.executable, "-c", _INTEGRITY, db], os.path.dirname(db) or ".",
             label="integrity_check", timeout=120).wait()
    if r.crashed:
        return "integrity_check " + r.crash_text()
    text = r.out.strip()
    return None if text == "ok" else ("integrity_check: " + text[:200] if not text.startswith("integrity_check") else text[:200])


def bounded_run(argv, timeout=60, **kw):
    """subprocess.run for helper tools (mount, sqlite3, uname): timeout and memory cap too."""
    return subprocess.run(argv, capture_output=True, timeout=timeout, preexec_fn=_preexec(DEFAULT_MEM, None), **kw)


def chown_tree(path, uid, gid):
    os.chown(path, uid, gid)
    for dp, dns, fns in os.walk(path):
        for n in dns + fns:
            os.lchown(os.path.join(dp, n), uid, gid)


def chmod_tree(path, dir_mode, file_mode):
    os.chmod(path, dir_mode)
    for dp, dns, fns in os.walk(path):
        for n in dns:
            os.chmod(os.path.join(dp, n), dir_mode)
        for n in fns:
            os.chmod(os.path.join(dp, n), file_mode)


def copy_register(dst_root):
    """Copy the example register (never the repo's own db) into dst_root/register."""
    dst = os.path.join(dst_root, "register")
    shutil.copytree(EXAMPLE_REGISTER, dst,
                    ignore=shutil.ignore_patterns("*.db", "*.db-wal", "*.db-shm", "*.db-journal"))
    return dst


def fill_disk(dirpath, leave_bytes=0):
    """Fill the file system holding dirpath, then free leave_bytes. Returns the filler path."""
    path = os.path.join(dirpath, "filler.bin")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (65536, 4096, 512, 64, 1):
            chunk = b"\xa5" * size
            try:
                while True:
                    os.write(fd, chunk)
            except OSError as e:
                if e.errno not in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise
        if leave_bytes:
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave_bytes))
    finally:
        os.close(fd)
    return path


# --------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------

def message_problem(res, want_words=None):
    """A refusal must say so in a short, readable message (stderr, or the last
    line of stdout). Returns a problem text or None."""
    err_lines = [l for l in res.err.splitlines() if l.strip()]
    text = "\n".join(err_lines)
    if not err_lines:
        out_lines = [l for l in res.out.splitlines() if l.strip()]
        if not out_lines:
            return "no message at all"
        text = out_lines[-1]
        err_lines = [text]
    for m in RAW_ERROR_MARKERS:
        if m in text:
            return "raw error text %r in %r" % (m, short(text))
    if len(err_lines) > 3:
        return "message is %d lines, not one: %r" % (len(err_lines), short(text))
    if any(len(l) > 400 for l in err_lines):
        return "message line over 400 characters: %r" % short(text)
    if want_words and not any(w.lower() in text.lower() for w in want_words):
        return "message does not say why (%s): %r" % ("/".join(want_words), short(text))
    return None


def short(s, n=140):
    s = str(s).replace("\n", "⏎")
    return s[:n] + ("…" if len(s) > n else "")


# --------------------------------------------------------------------------
# JSON exports
# --------------------------------------------------------------------------

def parse_json(text):
    try:
        return json.loads(text), None
    except ValueError as e:
        return None, "not JSON: %s" % e


def first_diff(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                return "%s.%s only in second" % (path, k)
            if k not in b:
                return "%s.%s only in first" % (path, k)
            d = first_diff(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d vs %d entries" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %s vs %s" % (path, short(repr(a), 50), short(repr(b), 50))


def drill_numbers(export):
    return {d.get("number") for d in (export or {}).get("drills", [])}


# --------------------------------------------------------------------------
# Generated ship logs
# --------------------------------------------------------------------------

WORDS = ("task drain deploy stream redis failover replica shard latency budget alarm queue "
         "retry backoff circuit breaker canary rollback quorum lease heartbeat throttle cache "
         "connection pool saturation timeout region zone capacity scaling health check").split()


def _sentence(rng, n=14):
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def ship_log(rng, number, date, risks=("A10",), status=None, body_paras=4):
    status = status or ("planned" if date > TODAY else "executed")
    lines = ["---", "drill: %d" % number, "date: %s" % date, "status: %s" % status,
             "environment: %s" % rng.choice(["staging", "production", "sandbox"]),
             "risks: [%s]" % ", ".join(risks)]
    if status == "executed":
        lines.append("recovery: %dm%02ds" % (rng.randint(0, 9), rng.randint(0, 59)))
    lines += ["---", "", "# Drill %d — %s %s" % (number, rng.choice(WORDS), rng.choice(WORDS)), "",
              "## Summary", ""]
    for _ in range(body_paras):
        lines += [" ".join(_sentence(rng) for _ in range(4)), ""]
    if status == "executed":
        lines += ["## Headline numbers", "",
                  "- Requests failed: %d" % rng.randint(0, 5000),
                  "- Recovery time: %dm %02ds" % (rng.randint(0, 9), rng.randint(0, 59)),
                  "- p99 latency: %dms" % rng.randint(50, 9000), ""]
        lines += ["## Findings", ""]
        for i in range(1, rng.randint(2, 4)):
            lines += ["%d. **%s.** %s" % (i, _sentence(rng, 5)[:-1], _sentence(rng)), ""]
    lines += ["## Action items", ""]
    for i in range(rng.randint(1, 4)):
        box = "x" if rng.random() < 0.4 else " "
        due = " due 2026-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.5 else ""
        lines.append("- [%s] %s @%s%s #%d" % (box, _sentence(rng, 7)[:-1], rng.choice(["sre", "platform", "data"]),
                                              due, rng.randint(1, 999)))
    lines += ["", "## Lockstep checklist", "",
              "- [%s] Drill artifact — `docs/chaos-drills/results/%d.md`" % (rng.choice("x "), number),
              "- [x] Ship log — this file", ""]
    return "\n".join(lines)


def make_corpus(rng, root, count, start=100, subdirs=("a", "b", "c", "d")):
    """count generated ship logs spread over subfolders of root."""
    import datetime
    base = datetime.date(2025, 1, 6)
    os.makedirs(root, exist_ok=True)
    for sd in subdirs:
        os.makedirs(os.path.join(root, sd), exist_ok=True)
    for i in range(count):
        n = start + i
        date = (base + datetime.timedelta(days=2 * i)).isoformat()
        risks = rng.sample(["A10", "A11", "A12", "A13", "A14", "A15", "S1", "S2"], rng.randint(1, 2))
        text = ship_log(rng, n, date, risks)
        sd = subdirs[i % len(subdirs)]
        with open(os.path.join(root, sd, "%s-drill-%03d-generated.md" % (date, n)), "w") as f:
            f.write(text)
    return root


# --------------------------------------------------------------------------
# Site checks
# --------------------------------------------------------------------------

class _PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.starts = set()
        self.ends = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.starts.add(tag)
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.links.append(v)

    def handle_endtag(self, tag):
        self.ends.add(tag)


_page_cache = {}


def check_page(path, site_root):
    """Problems with one HTML page: whole document, internal links resolve."""
    with open(path, "rb") as f:
        data = f.read()
    rel = os.path.relpath(path, site_root)
    key = (rel, hashlib.sha1(data).hexdigest())
    if key in _page_cache:
        problems, links = _page_cache[key]
    else:
        problems, links = [], []
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("%s is not UTF-8" % rel)
            text = data.decode("utf-8", "replace")
        if not data.rstrip().endswith(b"</html>"):
            problems.append("%s does not end with </html> (%d bytes)" % (rel, len(data)))
        p = _PageParser()
        try:
            p.feed(text)
            p.close()
        except Exception as e:  # html.parser rarely raises; anything is a failure
            problems.append("%s does not parse: %s" % (rel, e))
        for t in ("html", "body"):
            if t not in p.starts or t not in p.ends:
                problems.append("%s has no complete <%s>" % (rel, t))
        links = p.links
        _page_cache[key] = (problems, links)
    problems = list(problems)
    page_dir = os.path.dirname(path)
    root = os.path.realpath(site_root)
    for link in links:
        u = urllib.parse.urlsplit(link)
        if u.scheme or u.netloc or link.startswith("//") or not u.path:
            continue
        target = urllib.parse.unquote(u.path)
        full = os.path.normpath(os.path.join(page_dir, target))
        real = os.path.realpath(full) if os.path.exists(full) else full
        if not (real == root or real.startswith(root + os.sep)):
            continue  # artifact links point into the repository beside the site
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        if not os.path.exists(full):
            problems.append("%s links to missing %s" % (rel, link))
    return problems


def check_site(site):
    """Every HTML page whole and its internal links resolving. Returns (pages, problems)."""
    problems = []
    pages = 0
    for dp, dns, fns in os.walk(site):
        for fn in sorted(fns):
            if fn.endswith((".html", ".htm")):
                pages += 1
                problems += check_page(os.path.join(dp, fn), site)
    return pages, problems


def building_leftovers(*dirs):
    found = []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for dp, dns, fns in os.walk(d):
            for n in dns + fns:
                if n.startswith(".") and ".building-" in n:
                    found.append(os.path.relpath(os.path.join(dp, n), d))
            dns[:] = [x for x in dns if not (x.startswith(".") and ".building-" in x)]
    return found


# --------------------------------------------------------------------------
# Output scan (XSS)
# --------------------------------------------------------------------------

BAD_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background",
             "data", "cite", "codebase"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def dangerous_url(value):
    if value is None:
        return False
    s = "".join(ch for ch in value if ord(ch) > 0x20 and ord(ch) != 0x7f).lower()
    return s.startswith(DANGEROUS_SCHEMES)


class _ScanParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in BAD_TAGS:
            self.problems.append("<%s> start tag (line %d)" % (tag, line))
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append("%s attribute on <%s> (line %d)" % (k, tag, line))
            if k in URL_ATTRS and dangerous_url(v):
                self.problems.append("%s=%r on <%s> (line %d)" % (k, short(v, 40), tag, line))
            if tag == "meta" and k == "content" and v and "url=" in v.lower():
                if dangerous_url(v.lower().split("url=", 1)[1]):
                    self.problems.append("meta refresh to %r (line %d)" % (short(v, 40), line))
            if k == "style" and v and ("javascript:" in v.lower() or "expression(" in v.lower()):
                self.problems.append("style=%r on <%s> (line %d)" % (short(v, 40), tag, line))
        if tag in ("animate", "set"):
            a = dict(attrs)
            if (a.get("attributename") or "").lower() in ("href", "xlink:href") and \
                    any(dangerous_url(a.get(x)) for x in ("to", "values", "from")):
                self.problems.append("<%s> animating href to a script URL (line %d)" % (tag, line))


def scan_html_text(text, label):
    problems = []
    p = _ScanParser()
    try:
        p.feed(text)
        p.close()
    except Exception as e:
        problems.append("%s: does not parse: %s" % (label, e))
    problems += ["%s: %s" % (label, x) for x in p.problems]
    m = CONTROL_RE.search(text)
    if m:
        problems.append("%s: raw control character U+%04X (line %d)" % (label, ord(m.group()),
                        text.count("\n", 0, m.start()) + 1))
    return problems


LINK_TEXT_TAGS = {"link", "loc", "id", "guid", "uri", "url", "icon", "logo", "comments"}
HTML_TEXT_TAGS = {"content", "summary", "description", "subtitle", "rights", "title"}


def scan_xml_text(data, label):
    problems = []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return ["%s: XML does not parse: %s" % (label, e)]
    for el in root.iter():
        local = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        for k, v in el.attrib.items():
            if dangerous_url(v):
                problems.append("%s: <%s %s=%r>" % (label, local, k.split("}")[-1], short(v, 40)))
        text = el.text or ""
        if local in LINK_TEXT_TAGS and dangerous_url(text):
            problems.append("%s: <%s> link text %r" % (label, local, short(text, 40)))
        if local in HTML_TEXT_TAGS and el.get("type") in ("html", "xhtml") or local == "description":
            sub = scan_html_text(text, "%s <%s>" % (label, local))
            problems += [x for x in sub if "control character" not in x]
    return problems


def scan_file(path, label):
    """Returns (kind, problems); kind None when the file type is not scanned."""
    with open(path, "rb") as f:
        data = f.read()
    low = path.lower()
    if low.endswith((".html", ".htm")):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return "html", ["%s: not UTF-8" % label]
        return "html", scan_html_text(text, label)
    if low.endswith((".xml", ".svg", ".rss", ".atom")):
        return "xml", scan_xml_text(data, label)
    if low.endswith(".json"):
        try:
            json.loads(data.decode("utf-8"))
            return "json", []
        except (UnicodeDecodeError, ValueError) as e:
            return "json", ["%s: JSON does not parse: %s" % (label, short(e, 100))]
    return None, []


# --------------------------------------------------------------------------
# Result rows
# --------------------------------------------------------------------------

class Row:
    def __init__(self, name):
        self.name = name
        self.runs = 0
        self.passed = 0
        self.failures = []   # "label: problem; problem"
        self.info = []       # neutral notes (skips, counts)
        self.error = None    # the drill itself blew up
        self.error_trace = ""

    def unit(self, label, problems):
        self.runs += 1
        problems = [p for p in problems if p]
        if problems:
            extra = " (+%d more)" % (len(problems) - 3) if len(problems) > 3 else ""
            self.failures.append("%s: %s%s" % (label, "; ".join(problems[:3]), extra))
        else:
            self.passed += 1
        return not problems

    @property
    def failed(self):
        return self.runs - self.passed

    @property
    def ok(self):
        return self.failed == 0 and self.error is None and self.runs > 0
