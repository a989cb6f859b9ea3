"""A progress line for long builds: on a terminal only, never in CI or with --quiet.

Stages report through the module-level `reporter`; it does nothing unless
the command line switched it on, so library callers and tests see no output.
"""

from __future__ import annotations

import os
import sys
import time


class Progress:
    """One self-overwriting line on stderr: 'factsheet: reading articles 1200/10000'."""

    def __init__(self) -> None:
        self.enabled = False
        self.stage = ""
        self.total = 0
        self.done = 0
        self._last = 0.0

    def enable_if_interactive(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty() and not os.environ.get("CI")

    def start(self, stage: str, total: int = 0) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._show(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def finish(self) -> None:
        if self.enabled and self.stage:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
        self.stage = ""

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < 0.1):
            return  # ten updates a second are plenty, and cost nothing measurable
        self._last = now
        count = f" {self.done}/{self.total}" if self.total else ""
        sys.stderr.write(f"\r\x1b[Kfactsheet: {self.stage}{count}")
        sys.stderr.flush()


reporter = Progress()
