"""Change notification for `factsheet serve`, from the operating system through watchfiles.

Comparing the times and sizes of every file several times a second costs a
big site a good part of a core while nobody edits anything. watchfiles
(Rust bindings to the `notify` crate: inotify, FSEvents, ReadDirectoryChangesW)
tells us instead when something changed, and costs next to nothing in between.

Two watchers cover what `serve` rebuilds for:

* `content/`, `templates/` and `static/`, recursively;
* the site folder itself, not recursively: it reports `site.yaml` (which
  editors often replace rather than rewrite) and `content/`, `templates/` or
  `static/` appearing or disappearing, which restarts the first watcher over the
  folders that now exist. The build's own output and cache, beside them,
  are never watched recursively, so a build does not wake the watcher.

A notification only *wakes* the serve loop: it still compares file times and
sizes before rebuilding, so what counts as a change is the same as when
polling. `Notifier.start` raises `WatchUnavailable` when watchfiles is missing
or cannot watch; later failures are passed to `on_error` (serve then polls).
"""

from __future__ import annotations

import os
import platform
import threading
from pathlib import Path
from typing import Callable

TREES = ("content", "templates", "static")  # watched recursively
SETTINGS = "site.yaml"
# watchfiles groups the changes of one save: it returns once no new change came for STEP_MS,
# or DEBOUNCE_MS after the first one while changes keep coming. STEP_MS is also how often an
# idle watcher thread wakes to see whether it should stop.
STEP_MS = 100
DEBOUNCE_MS = 1600


class WatchUnavailable(Exception):
    """watchfiles is not installed or cannot watch these folders; the message says why."""


def ignored(name: str) -> bool:
    """Editors' hidden, lock and backup files, which never make a rebuild."""
    return name.startswith((".", "#")) or name.endswith("~")


class _Watcher:
    """One watchfiles `RustNotify` and the thread that waits on it."""

    def __init__(self, rust_notify, paths: list[Path], recursive: bool,
                 on_change: Callable[[set[str]], None], on_error: Callable[[Exception], None]):
        try:
            self._notify = rust_notify([str(p) for p in paths], False, False, 0, recursive, True)
        except Exception as error:  # noqa: BLE001 - e.g. the system's limit of watches reached
            raise WatchUnavailable(f"{type(error).__name__}: {error}") from error
        self._stop = threading.Event()
        self._on_change, self._on_error = on_change, on_error
        self._thread = threading.Thread(target=self._run, name="factsheet-serve-notify", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                changes = self._notify.watch(DEBOUNCE_MS, STEP_MS, 0, self._stop)
                if changes == "stop":
                    return
                if isinstance(changes, set):
                    self._on_change({path for _, path in changes})
        except Exception as error:  # noqa: BLE001 - reported once; serve falls back to polling
            if not self._stop.is_set():
                self._on_error(error)
        finally:
            self._notify.close()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)


class Notifier:
    """Calls `wake()` soon after anything `serve` watches in `root` changes."""

    def __init__(self, root: Path, wake: Callable[[], None], on_error: Callable[[Exception], None]):
        self.root = root
        self._wake, self._on_error = wake, on_error
        self._lock = threading.Lock()
        self._top: _Watcher | None = None
        self._trees: _Watcher | None = None
        self._rust_notify = None

    def start(self) -> None:
        """Begin watching; changes from this moment on are reported. Raises `WatchUnavailable`."""
        if _polling_requested():
            raise WatchUnavailable("file notifications are not reliable here (WSL or WATCHFILES_FORCE_POLLING)")
        try:
            from watchfiles._rust_notify import RustNotify
        except ImportError as error:
            raise WatchUnavailable(f"watchfiles is not installed ({error})") from error
        self._rust_notify = RustNotify
        self._trees = self._watch_trees()
        try:
            self._top = _Watcher(RustNotify, [self.root], False, self._top_changed, self._on_error)
        except WatchUnavailable:
            self.close()
            raise

    def close(self) -> None:
        with self._lock:
            watchers, self._top, self._trees = (self._top, self._trees), None, None
        for watcher in watchers:
            if watcher is not None:
                watcher.close()

    def _watch_trees(self) -> _Watcher | None:
        trees = [self.root / name for name in TREES if (self.root / name).is_dir()]
        if not trees:
            return None
        return _Watcher(self._rust_notify, trees, True, self._tree_changed, self._on_error)

    def _tree_changed(self, paths: set[str]) -> None:
        if any(not ignored(os.path.basename(path)) for path in paths):
            self._wake()

    def _top_changed(self, paths: set[str]) -> None:
        names = {os.path.basename(path) for path in paths}  # this watcher sees the folder's own entries only
        if names & set(TREES):
            self._restart_trees()  # content/, templates/ or static/ came or went: watch what is there now
        if names & {SETTINGS, *TREES}:
            self._wake()

    def _restart_trees(self) -> None:
        try:
            fresh = self._watch_trees()  # watching before the old watcher stops, so no change falls between
        except WatchUnavailable as error:
            self._on_error(error)
            return
        with self._lock:
            if self._top is None:  # closed meanwhile
                old, fresh_unused = None, fresh
            else:
                old, self._trees, fresh_unused = self._trees, fresh, None
        for watcher in (old, fresh_unused):
            if watcher is not None:
                watcher.close()


def _polling_requested() -> bool:
    """True where watchfiles itself would poll: WATCHFILES_FORCE_POLLING set, or WSL (whose
    Windows drives send no notifications)."""
    forced = os.environ.get("WATCHFILES_FORCE_POLLING") or os.environ.get("FACTSHEET_SERVE_POLL")
    if forced:
        return forced.lower() not in {"false", "disable", "disabled", "0"}
    uname = platform.uname()
    return uname.system.lower() == "linux" and "microsoft-standard" in uname.release.lower()
