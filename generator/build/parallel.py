"""Work spread over the machine's cores: forked worker processes that inherit what they work on.

Both halves of a build are embarrassingly parallel (reading articles, then
rendering pages), and both work on big in-memory data. Forking after the data
is built hands it to the workers for free (copy-on-write) instead of pickling
it to each of them: a task names its item by number, and only its (small)
result travels back.

Forking is used only where it is safe: on a platform that has it, from a
single-threaded process (`factsheet serve` runs server threads, whose locks a
child could inherit held), and when there is enough work to pay for starting
the processes. Otherwise the same tasks run one after the other in this
process, with the same results.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Callable, Iterator

_shared: object = None  # what the running tasks work on: set just before forking, read by the workers


def cores() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def shared() -> object:
    """In a task: the object `run_tasks` was given."""
    return _shared


def run_tasks(task: Callable[[int], object], count: int, data: object, *, parallel: bool = True,
              chunksize: int | None = None) -> Iterator[object]:
    """task(0), task(1), … task(count-1), in order; in worker processes when `parallel` and possible.

    `task` must be a module-level function; it reads `data` through `shared()`.
    """
    global _shared
    workers = cores()
    _shared = data
    try:
        if not parallel or count < 2 or workers < 2 or not can_fork():
            for index in range(count):
                yield task(index)
            return
        import multiprocessing

        # Objects that exist before the fork go to the collector's permanent generation: a worker's
        # collections would otherwise write to every inherited object's header and so copy every
        # page of the parent's memory the workers share (copy-on-write).
        gc.freeze()
        # multiprocessing.Pool rather than ProcessPoolExecutor: leaving the `with` on an exception (Ctrl-C,
        # SIGTERM) terminates the workers at once instead of waiting for every queued task
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_started) as pool:
            size = chunksize or max(1, min(32, count // (workers * 8)))
            yield from pool.imap(task, range(count), chunksize=size)
    finally:
        _shared = None
        gc.unfreeze()


def _worker_started() -> None:
    """In a worker: Ctrl-C is the parent's to handle, and the parent's SIGTERM ends the worker at once."""
    import gc
    import signal

    gc.enable()  # see collector_paused: the parent's objects are frozen, a worker's own are short-lived
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def collector_paused():
    """No cyclic garbage collection while the block runs (it is switched back on, as it was, after).

    A build makes millions of objects that live until it ends (every page
    loaded from the cache, the graph over them). The collector's full passes
    walk all of them again and again as they accumulate: on a 10,000-article
    site they took three quarters of the time spent loading pages. Forked
    workers switch it back on: their own objects are short-lived and can
    form cycles, and the parent's are frozen before the fork (see run_tasks).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
