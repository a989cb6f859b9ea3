"""Shared helpers for the test suite: running the command line in-process and reading case folders."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.cli import main

TESTS = Path(__file__).resolve().parent
INVALID = TESTS / "invalid"
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning): ")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def diagnostics(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if DIAGNOSTIC.match(line)]


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def case_settings(case: Path) -> dict:
    settings = {"args": [], "exit": 1}
    if (case / "case.yaml").is_file():
        settings.update(yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {})
    return settings


def invalid_cases() -> list[Path]:
    return sorted(p for p in INVALID.iterdir() if p.is_dir())


def with_base_url(args) -> list[str]:
    """The arguments, with `--base-url https://example.org/` first unless they set one.

    Invalid and hostile cases are about their own mistake; without a base URL
    every one of them would also carry the build's missing-base_url warning.
    A case whose site.yaml sets `base_url` is built with this one instead,
    which changes nothing its expectations check.
    """
    args = list(args)
    return args if any(a.startswith("--base-url") for a in args) else ["--base-url", "https://example.org/", *args]


def check_case(case: Path) -> Run:
    return run_cli("check", "--root", str(case), "--quiet", *with_base_url(case_settings(case)["args"]))
