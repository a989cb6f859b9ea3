"""Diagnostics: every problem the build finds, with the file, line and column it comes from.

The build never stops at the first problem. Each stage reports into a shared
`Diagnostics` collector, and the command line prints them all at the end as
`path:line:col: error: message`, the form editors and CI annotators understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a source file. Lines and columns count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: how bad it is, where it is, and what to do about it."""

    severity: str
    location: SourceLocation
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


@dataclass
class Diagnostics:
    """Collects diagnostics from every stage of a build."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(ERROR, location, message))

    def warning(self, location: SourceLocation, message: str) -> None:
        self.items.append(Diagnostic(WARNING, location, message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True when the build must not write: any error, or any warning under --strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file order, so the output reads like a compiler's."""
        return sorted(self.items, key=lambda d: (d.location, d.severity, d.message))


class ContentError(Exception):
    """Raised inside a stage when a single file cannot be processed further.

    The caller turns it into a diagnostic; it never escapes a build.
    """

    def __init__(self, location: SourceLocation, message: str):
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message
