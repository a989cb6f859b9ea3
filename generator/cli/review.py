"""Reviewing what the software found: accept, edit or reject each extracted item, and undo.

An extracted item is unchecked until a person decides about it:

* **accept** writes it into the article's front matter exactly as
  `factsheet extract --write` would (`accept.py`, `extract/writeback.py`):
  only new lines are inserted, the user's bytes stay, the write is atomic
  and the previous version stays in `.<name>.bak`;
* **edit** does the same with the fields the reviewer changed, after the
  front matter with the new item passed the build's own validation;
* **reject** adds the item to the article's `ignore:` list, which the merge
  (`site/merge.py`) honours.

Every change is recorded with the bytes before and after it, so `undo`
can put the previous bytes back (only if nobody changed the file since).
`factsheet serve` drives this from the page; `factsheet review --list`
prints the unchecked items of the whole site.

Only article files inside `content/` are ever written: a path is resolved
(symbolic links included) and refused unless it lands there.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..content.config import load_config
from ..content.errors import ContentError, Diagnostics
from ..content.load import ARTICLE_SUFFIXES, parse_document
from ..content.model import Facts
from ..content.validate import validate_article
from ..extract.writeback import append_to_front_matter
from ..site.itemkey import ignore_text, item_fields, item_key, item_kind
from ..site.merge import merge_article
from .accept import extract_file, replace_file, yaml_items

CONTENT = "content"
# the front-matter key of each kind, and the fields the edit form offers for it
LIST_KEY = {"event": "events", "fact": "facts", "quote": "quotes", "person": "people"}
EDITABLE = {
    "event": ("date", "text"),
    "fact": ("label", "value", "unit"),
    "quote": ("speaker", "text"),
    "person": ("name", "role", "org"),
}
MAX_FIELD = 10_000  # characters; the build allows more, but a form field this long is a mistake
_FIELD_ERROR = re.compile(r"^(events|facts|quotes|people)\[(\d+)\]\.(\w+): (.*)$", re.S)


class ReviewError(Exception):
    """A request that cannot be carried out; nothing was written."""

    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


@dataclass(frozen=True)
class Finding:
    """One unchecked (extracted) item of an article, with the sentence it came from."""

    article: str  # the file, relative to the site folder: "content/articles/x.md"
    slug: str
    title: str
    kind: str  # event, fact, quote, person
    key: str  # see site/itemkey.py
    fields: dict = field(compare=False)
    sentence: str
    line: int

    def to_json(self) -> dict:
        return {"article": self.article, "slug": self.slug, "title": self.title, "kind": self.kind,
                "key": self.key, "fields": self.fields, "sentence": self.sentence, "line": self.line}


@dataclass(frozen=True)
class Change:
    """One write made by a review action: enough to say what it was and to undo it."""

    path: Path
    article: str
    action: str  # accepted, edited, rejected
    kind: str
    key: str
    summary: str
    before: bytes = field(repr=False)
    after: bytes = field(repr=False)

    def to_json(self) -> dict:
        return {"article": self.article, "action": self.action, "kind": self.kind, "key": self.key,
                "summary": self.summary}


def article_file(root: Path, relative: str) -> Path:
    """The article file `relative` names, refused unless it is an article inside root/content/."""
    if not isinstance(relative, str) or not relative or "\0" in relative or relative.startswith(("/", "\\")):
        raise ReviewError(400, "no article named")
    content = (root / CONTENT).resolve()
    try:
        path = (root / relative).resolve(strict=True)  # symbolic links followed: where it really is counts
    except (OSError, RuntimeError):
        raise ReviewError(404, f"no such article: {relative}") from None
    if content not in path.parents:
        raise ReviewError(403, f"{relative}: only articles inside {CONTENT}/ can be reviewed")
    parts = path.relative_to(content).parts
    if (parts[0] in ("topics", "entities") or path.suffix.lower() not in ARTICLE_SUFFIXES
            or any(p.startswith((".", "_", "#")) for p in parts) or not path.is_file()):
        raise ReviewError(403, f"{relative}: not an article file")
    return path


def _shown(root: Path, path: Path) -> str:
    return f"{CONTENT}/" + path.relative_to((root / CONTENT).resolve()).as_posix()


def _items(new: Facts) -> list:
    return [*new.events, *new.facts, *new.quotes, *new.people]


def _sentence(item, body: str, body_line: int) -> str:
    if item.origin.sentence:
        return item.origin.sentence
    lines = body.splitlines()  # people carry no sentence: their line of the text says where they appear
    index = item.origin.location.line - body_line
    return lines[index].strip() if 0 <= index < len(lines) else ""


def findings_of(root: Path, path: Path) -> list[Finding]:
    """The unchecked items of one article file, in page order (events, facts, quotes, people)."""
    found = extract_file(path, Diagnostics())
    if found is None:
        return []
    a = found.article
    shown = _shown(root, path)
    return [Finding(shown, a.slug, a.title, item_kind(x), item_key(x), _present(item_fields(x)),
                    _sentence(x, a.body, a.body_line), x.origin.location.line) for x in _items(found.new)]


def site_findings(root: Path) -> list[Finding]:
    """The unchecked items of every article of the site, article by article (in path order)."""
    content = root / CONTENT
    found: list[Finding] = []
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        relative = path.relative_to(content).as_posix()
        try:
            file = article_file(root, f"{CONTENT}/{relative}")
        except ReviewError:
            continue
        found += findings_of(root, file)
    return found


def _present(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if v not in (None, "")}


def _find(root: Path, relative: str, key: str):
    path = article_file(root, relative)
    found = extract_file(path, Diagnostics())
    if found is None:
        raise ReviewError(409, f"{relative} does not build; fix it first (see the terminal)")
    for item in _items(found.new):
        if item_key(item) == key:
            return path, found, item
    raise ReviewError(409, "that item is no longer unchecked (the page is out of date)")


def _single(item) -> dict:
    """The item as the one YAML mapping `extract --write` would append."""
    kind = item_kind(item)
    plural = LIST_KEY[kind]
    return yaml_items(Facts(**{plural: (item,)}))[plural][0]


def summary_of(kind: str, fields: dict) -> str:
    """One line saying what an item says, for lists and messages."""
    if kind == "event":
        return f"{fields.get('date', '')}: {fields.get('text', '')}"
    if kind == "fact":
        return f"{fields.get('label', '')}: {fields.get('value', '')} {fields.get('unit') or ''}".strip()
    if kind == "quote":
        return f"{fields.get('speaker') or 'Unattributed'}: {fields.get('text', '')}"
    return ", ".join(x for x in (fields.get("name"), fields.get("role"), fields.get("org")) if x)


def _write(path: Path, before: bytes, items: dict[str, list]) -> bytes:
    text = before.decode("utf-8")
    after = append_to_front_matter(text, items).encode("utf-8")
    if after != before:
        replace_file(path, after)
    return after


def accept(root: Path, relative: str, key: str) -> Change:
    """Write the extracted item into the front matter as it was found."""
    path, found, item = _find(root, relative, key)
    before = path.read_bytes()
    entry = _single(item)
    kind = item_kind(item)
    after = _write(path, before, {LIST_KEY[kind]: [entry]})
    return Change(path, relative, "accepted", kind, key, summary_of(kind, entry), before, after)


def reject(root: Path, relative: str, key: str) -> Change:
    """Add the item to the article's `ignore:` list."""
    path, found, item = _find(root, relative, key)
    before = path.read_bytes()
    kind = item_kind(item)
    after = _write(path, before, {"ignore": [ignore_text(item)]})
    return Change(path, relative, "rejected", kind, key, summary_of(kind, _present(item_fields(item))), before, after)


def edit(root: Path, relative: str, key: str, values: dict) -> Change:
    """Write the item with the reviewer's changes, if the front matter then passes validation.

    `values` maps the kind's editable fields (`EDITABLE`) to text; an empty text removes the
    field. Problems come back as a ReviewError whose `fields` say which field each is about.
    """
    path, found, item = _find(root, relative, key)
    kind = item_kind(item)
    if not isinstance(values, dict) or any(k not in EDITABLE[kind] for k in values):
        raise ReviewError(400, f"a {kind} has only the fields {', '.join(EDITABLE[kind])}")
    entry = _single(item)
    for name, value in values.items():
        if not isinstance(value, str) or len(value) > MAX_FIELD:
            raise ReviewError(400, f"{name}: expected a text of at most {MAX_FIELD} characters")
        if value.strip():
            entry[name] = value.strip()
        else:
            entry.pop(name, None)
    before = path.read_bytes()
    plural = LIST_KEY[kind]
    candidate = append_to_front_matter(before.decode("utf-8"), {plural: [entry]})
    article = _validated(root, relative, before, candidate, plural)
    items: dict[str, list] = {plural: [entry]}
    # An edited quote or name may no longer cover what was found: then the found one goes to
    # ignore:, so that the page shows the reviewer's version alone.
    still = merge_article(article, found.extraction).facts
    if any(item_key(x) == key for x in _items(still) if x.origin.extracted):
        items["ignore"] = [ignore_text(item)]
    after = _write(path, before, items)
    return Change(path, relative, "edited", kind, key, summary_of(kind, entry), before, after)


def _validated(root: Path, relative: str, before: bytes, candidate: str, plural: str):
    """The article the candidate text makes, or a ReviewError with each new problem at its field."""
    config = load_config(root, Diagnostics(), base_url="/")

    def check(text: str, diagnostics: Diagnostics):
        try:
            document = parse_document("article", relative, text.encode("utf-8"))
        except ContentError as error:
            diagnostics.error(error.location, error.message)
            return None
        return validate_article(document, diagnostics, config.extract)

    known = Diagnostics()
    check(before.decode("utf-8"), known)
    seen = {d.message for d in known.errors}
    diagnostics = Diagnostics()
    article = check(candidate, diagnostics)
    fields: dict[str, str] = {}
    general: list[str] = []
    for problem in diagnostics.errors:
        if problem.message in seen:
            continue  # was there before the edit; not the reviewer's doing
        match = _FIELD_ERROR.match(problem.message)
        if match and match.group(1) == plural:
            fields.setdefault(match.group(3), match.group(4))
        else:
            general.append(problem.message)
    if fields or general or article is None:
        raise ReviewError(422, "; ".join(general) or "the item has mistakes", fields)
    return article


def undo(change: Change) -> None:
    """Put back the bytes the file had before `change`, unless it was changed since."""
    try:
        current = change.path.read_bytes()
    except OSError:
        raise ReviewError(409, f"{change.article} is gone; nothing to undo") from None
    if current != change.after:
        raise ReviewError(409, f"{change.article} changed since; undo it in your editor")
    replace_file(change.path, change.before)


class ReviewSession:
    """The review actions of one `factsheet serve`, one at a time, with their undo record."""

    ACTIONS = {"accept": accept, "reject": reject, "edit": edit}

    def __init__(self, root: Path):
        self.root = root
        self.changes: list[Change] = []
        self._lock = threading.Lock()  # requests arrive on several threads; writes go one by one

    def act(self, action: str, article: str, key: str, values: dict | None = None) -> Change:
        """Carry out accept, reject or edit; the change joins the undo record."""
        if action not in self.ACTIONS or not isinstance(key, str):
            raise ReviewError(400, "unknown action")
        with self._lock:
            if action == "edit":
                change = edit(self.root, article, key, values or {})
            else:
                change = self.ACTIONS[action](self.root, article, key)
            self.changes.append(change)
            return change

    def undo(self) -> Change:
        """Undo the last change still on the record."""
        with self._lock:
            if not self.changes:
                raise ReviewError(409, "nothing to undo")
            undo(self.changes[-1])
            return self.changes.pop()

    def done(self, article: str | None = None) -> list[dict]:
        """The changes of this session (of one article, if given), the latest last."""
        return [c.to_json() for c in self.changes if article is None or c.article == article]


def listing(findings: list[Finding], as_json: bool = False) -> str:
    """`factsheet review --list`: the unchecked items by article and kind, with counts."""
    if as_json:
        return json.dumps({"total": len(findings), "items": [f.to_json() for f in findings]},
                          ensure_ascii=False, indent=2)
    lines: list[str] = []
    for article, group in grouped(findings):
        lines.append(f"{article} ({len(group)} unchecked): {group[0].title}")
        for kind in LIST_KEY:
            items = [f for f in group if f.kind == kind]
            if items:
                lines.append(f"  {LIST_KEY[kind]} ({len(items)})")
            for f in items:
                lines.append(f"    {f.article}:{f.line}: {summary_of(f.kind, f.fields)}")
                if f.sentence:
                    lines.append(f"      from: {f.sentence}")
    lines.append(f"{len(findings)} unchecked item{'s' if len(findings) != 1 else ''}")
    return "\n".join(lines) + "\n"


def grouped(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """The findings by article, in the order given."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.article, []).append(f)
    return list(groups.items())
