"""The progress line shows on a terminal only: never in CI, with --quiet, or when stderr is a file."""

from __future__ import annotations

import io

from generator.build.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_stages_and_counts_then_a_cleared_line(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    progress = Progress()
    progress.enable_if_interactive(quiet=False)
    progress.start("reading articles", 3)
    progress.advance()
    progress.finish()
    assert screen.getvalue() == "\r\x1b[Kfactsheet: reading articles 0/3\r\x1b[K"


def test_silent_in_ci_with_quiet_and_off_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    for env, quiet in (("true", False), (None, True)):
        if env:
            monkeypatch.setenv("CI", env)
        else:
            monkeypatch.delenv("CI", raising=False)
        progress = Progress()
        progress.enable_if_interactive(quiet=quiet)
        progress.start("writing pages", 10)
        progress.advance(10)
        progress.finish()
    monkeypatch.delenv("CI", raising=False)
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    progress = Progress()
    progress.enable_if_interactive(quiet=False)
    progress.start("writing pages", 10)
    assert screen.getvalue() == "" and plain.getvalue() == ""
