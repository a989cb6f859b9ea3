"""Reading typed values out of a YAML mapping, with a diagnostic for each mistake.

`Fields` wraps one mapping of front matter (or of `site.yaml`) and hands out
values of the type a key must have. A wrong value is reported once, at the
line of the value, and the reader returns None so validation can carry on
and collect every other problem in the same run (the way MkDocs validates
its config, but with line numbers).
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime

from .datevalue import DateSyntaxError, DateValue, parse_date_value
from .errors import Diagnostics, SourceLocation
from .slugs import slugify  # noqa: F401  (here for the modules that have always imported it from fields)
from .yamlmarks import MarkedList, MarkedMap

_BOOL_WORDS = {True: "true", False: "false"}
MAX_TEXT = 100_000  # characters in one YAML text field; a fact sheet field is a sentence or two


class Fields:
    """Typed access to one YAML mapping; problems go to `diagnostics`."""

    def __init__(self, mapping: MarkedMap, path: str, diagnostics: Diagnostics, prefix: str = ""):
        self.mapping = mapping
        self.path = path
        self.diagnostics = diagnostics
        self.prefix = prefix  # "events[2]." for messages about nested keys

    # -- where ------------------------------------------------------------
    def here(self) -> SourceLocation:
        return SourceLocation(self.path, self.mapping.line, self.mapping.col)

    def key_location(self, key: str) -> SourceLocation:
        line, col = self.mapping.key_line(key)
        return SourceLocation(self.path, line, col)

    def value_location(self, key: str) -> SourceLocation:
        line, col = self.mapping.value_line(key)
        return SourceLocation(self.path, line, col)

    def error(self, key: str, message: str) -> None:
        self.diagnostics.error(self.value_location(key), f"{self.prefix}{key}: {message}")

    def __contains__(self, key: str) -> bool:
        return key in self.mapping and self.mapping[key] is not None

    # -- checks -------------------------------------------------------------
    def require(self, *keys: str, hint: str = "") -> bool:
        """Report each missing key at the mapping's first line; True when all are present."""
        ok = True
        for key in keys:
            if key not in self:
                where = f" in {self.prefix.rstrip('.')}" if self.prefix else ""
                self.diagnostics.error(self.here(), f"missing required key '{key}'{where}{hint}")
                ok = False
        return ok

    def warn_unknown(self, known: tuple[str, ...] | frozenset[str]) -> None:
        """Unknown keys are warnings (errors under --strict), with a suggestion for typos."""
        for key in self.mapping:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), [str(k) for k in known], n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.diagnostics.warning(self.key_location(key), f"unknown key '{self.prefix}{key}'{hint}")

    # -- typed values ------------------------------------------------------
    def text(self, key: str) -> str | None:
        """A string. Numbers are taken as written; true/false are refused (YAML's `no` trap)."""
        if key not in self:
            return None
        value = self.mapping[key]
        if isinstance(value, bool):
            self.error(key, f"expected text, but YAML read {_BOOL_WORDS[value]}; put the value in quotes")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(key, "expected text, but YAML read a special number (.nan or .inf); put it in quotes")
            return None
        if isinstance(value, (int, float)):
            return getattr(value, "written", "") or str(value)  # as written: 0x1F stays 0x1F, not 31
        if isinstance(value, date):
            return str(value)
        if not isinstance(value, str):
            self.error(key, f"expected text, got {describe(value)}")
            return None
        if len(value) > MAX_TEXT:
            self.error(key, f"the text is {len(value)} characters long; the limit is {MAX_TEXT}")
            return None
        return clean_text(value) or None

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self:
            return default
        value = self.mapping[key]
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, got {describe(value)}")
            return default
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        if key not in self:
            return default
        value = self.mapping[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(key, f"expected a whole number of at least {minimum}, got {describe(value)}")
            return default
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        if value not in options:
            self.error(key, f"expected one of {', '.join(options)}, got '{value}'")
            return default
        return value

    def text_list(self, key: str, what: str = "text") -> tuple[str, ...]:
        """A list of strings; a single string is accepted as a list of one."""
        if key not in self:
            return ()
        value = self.mapping[key]
        if isinstance(value, str):
            return (clean_text(value),) if clean_text(value) else ()
        if not isinstance(value, list):
            self.error(key, f"expected a list of {what}, such as [a, b], got {describe(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                line, col = value.item_line(index) if isinstance(value, MarkedList) else self.mapping.value_line(key)
                got = f"but YAML read {describe(item)}; put it in quotes" if isinstance(item, bool) else f"got {describe(item)}"
                self.diagnostics.error(SourceLocation(self.path, line, col), f"{self.prefix}{key}[{index}]: expected {what}, {got}")
                continue
            written = clean_text(getattr(item, "written", "") or str(item))
            if written:
                items.append(written)
        return tuple(dict.fromkeys(items))  # keep order, drop repeats

    def publication_date(self, key: str) -> date | None:
        """A day (a publication date is always a day)."""
        if key not in self:
            return None
        value = self.mapping[key]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            parsed = parse_date_value(_date_input(value))
        except DateSyntaxError as problem:
            self.error(key, str(problem))
            return None
        if parsed.is_range or parsed.precision != "day" or parsed.circa or parsed.uncertain:
            self.error(key, f"expected a day such as 2015-12-02, got '{parsed.value}'")
            return None
        return parsed.start

    def date_value(self, key: str) -> DateValue | None:
        if key not in self:
            return None
        try:
            return parse_date_value(_date_input(self.mapping[key]))
        except DateSyntaxError as problem:
            self.error(key, str(problem))
            return None

    def language(self, key: str) -> str | None:
        """A language tag such as fr, de-AT or en-GB (the primary language, then optional subtags)."""
        value = self.text(key)
        if value is None:
            return None
        if not _LANGUAGE_TAG.fullmatch(value):
            self.error(key, f"expected a language code such as fr, de-AT or en-GB, got '{value[:40]}'")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        problem = url_problem(value)
        if problem:
            self.error(key, problem)
            return None
        return value

    def mapping_of(self, key: str) -> "Fields | None":
        if key not in self:
            return None
        value = self.mapping[key]
        if not isinstance(value, MarkedMap):
            self.error(key, f"expected a mapping of keys, got {describe(value)}")
            return None
        return Fields(value, self.path, self.diagnostics, f"{self.prefix}{key}.")

    def list_of_mappings(self, key: str) -> list["Fields"]:
        if key not in self:
            return []
        value = self.mapping[key]
        if not isinstance(value, MarkedList):
            self.error(key, f"expected a list of entries (lines starting with '- '), got {describe(value)}")
            return []
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, MarkedMap):
                line, col = value.item_line(index)
                self.diagnostics.error(
                    SourceLocation(self.path, line, col),
                    f"{self.prefix}{key}[{index}]: expected an entry with keys, got {describe(item)}",
                )
                continue
            result.append(Fields(item, self.path, self.diagnostics, f"{self.prefix}{key}[{index}]."))
        return result


# BCP 47 in outline: two or three letters, then subtags ("fr", "de-AT", "es-419", "zh-Hant-TW").
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _date_input(value: object) -> object:
    """What a date field hands the date parser: a number as written (0x7DF is not the year 2015)."""
    if isinstance(value, (list, dict)):
        raise DateSyntaxError(f"expected a date such as 2015-11-13, got {describe(value)}")
    written = getattr(value, "written", "")
    return written if written and not written.isdigit() else value


def describe(value: object) -> str:
    """A value's YAML kind in words, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return _BOOL_WORDS[value]
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Trim, and drop control characters that have no business in a fact sheet."""
    return _CONTROL.sub("", value).strip()


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_problem(url: str) -> str | None:
    """Why a URL may not be used in a page, or None. Only http(s) and relative links pass."""
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"),
    # so the check looks at the URL the way a browser will.
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(squeezed)
    if match and match.group(1).lower() not in ("http", "https"):
        return f"only http, https and relative links are allowed; '{match.group(1).lower()}:' is refused"
    if squeezed.startswith("//") or squeezed.startswith("\\\\"):
        return "a link must start with http:// or https://, or be relative to the site"
    return None
