"""Idle CPU of `factsheet serve`: what watching a big site costs while nobody edits it.

Generates (or reuses) the benchmark corpus, starts `factsheet serve` on it,
waits for the first build to finish and the server to settle, then measures
the CPU time (user + system) the serve process and its children use over an
idle window, as a share of one core.

Usage::

    python benchmarks/serve_idle.py [--articles 10000] [--seconds 20] [--work DIR] [--polling]

`--polling` makes serve poll the folder as it does when watchfiles cannot
start, for a before/after comparison on the same machine. CPU time is read
with psutil when it is installed, otherwise from `/proc` (Linux).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SERVING = re.compile(r"at (http://127\.0\.0\.1:\d+/)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants (living ones)."""
    try:
        import psutil
    except ImportError:
        return _proc_cpu_seconds(pid)
    parent = psutil.Process(pid)
    total = 0.0
    for process in [parent, *parent.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _proc_cpu_seconds(pid: int) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = int(fields[11]) + int(fields[12])  # utime, stime
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current and p not in tree]
        tree.update(children)
        frontier += children
    return sum(used.get(p, 0) for p in tree) / ticks


def measure(site: Path, seconds: float, settle: float, polling: bool) -> float:
    """Share of one core `factsheet serve` uses over `seconds` of idling, after its first build."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if polling:
        env["FACTSHEET_SERVE_POLL"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--root", str(site), "--port", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        for line in process.stderr:
            print("  serve:", line.rstrip(), file=sys.stderr)
            if SERVING.search(line):
                break
        else:
            raise SystemExit("serve stopped before it served anything")
        # keep reading its messages so a full pipe never blocks it
        threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
        time.sleep(settle)
        start_cpu, start = cpu_seconds(process.pid), time.monotonic()
        time.sleep(seconds)
        used, elapsed = cpu_seconds(process.pid) - start_cpu, time.monotonic() - start
        return used / elapsed
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="the idle window measured")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds to wait after the first build")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "factsheet-bench",
                        help="where the corpus goes (reused when it is there)")
    parser.add_argument("--polling", action="store_true", help="measure the polling watcher instead")
    args = parser.parse_args()
    folder = args.work / f"corpus-{args.articles}"
    if not (folder / "factsheet" / "content").is_dir():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(args.articles), str(folder)], check=True)
    share = measure(folder / "factsheet", args.seconds, args.settle, args.polling)
    watcher = "polling" if args.polling else "default watcher"
    print(f"factsheet serve, {args.articles} articles, {watcher}: {share * 100:.2f}% of a core "
          f"idle over {args.seconds:.0f} s")


if __name__ == "__main__":
    main()
