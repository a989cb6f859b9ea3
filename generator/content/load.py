"""Stage 1: find the content files and split each into YAML front matter and body.

Nothing here judges what the front matter *says* (that is `validate.py`);
this stage only makes sure each file can be read: UTF-8 text, a front matter
block that is opened and closed, YAML that parses. Every problem becomes a
diagnostic with the file's own line numbers, whatever the file's line endings
or byte-order mark.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import ContentError, Diagnostics, SourceLocation
from .yamlmarks import MarkedMap, YamlProblem, load_yaml

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
ENTITY_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1024 * 1024  # a news article is a few KB; this bounds the work per file (~20 s for 1 MB of hostile text)
MAX_FRONT_MATTER_BYTES = 256 * 1024


@dataclass(frozen=True)
class Document:
    """One content file, read and split, not yet validated."""

    path: str  # relative to the site root, forward slashes: "content/articles/x.md"
    kind: str  # "article", "topic", "page" or "entity"
    front: MarkedMap | None  # None: the file has no front matter
    body: str  # newlines normalised to "\n"
    body_line: int  # the file line the body starts on
    front_line: int  # the file line of the opening '---' (1 when there is none)
    digest: str = ""  # content hash, for the build cache

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def body_format(self) -> str:
        return "text" if self.path.endswith(".txt") else "markdown"


def discover(root: Path, diagnostics: Diagnostics) -> list[tuple[str, Path]]:
    """Every content file under root/content as (kind, path), in a stable order.

    Hidden files and editor leftovers are skipped. A symbolic link that leads
    outside `content/` is refused: the build must never read or publish files
    the user did not put in their content folder.
    """
    content = root / "content"
    if not content.is_dir():
        return []
    real_content = content.resolve()
    found: list[tuple[str, Path]] = []
    # os.scandir rather than os.walk and Path checks: a folder entry knows whether it is a link or a
    # folder without another system call, and a newsroom archive has tens of thousands of files
    folders = [(content, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            diagnostics.error(SourceLocation(relative_path(folder, root)), f"cannot read folder: {error.strerror}")
            continue
        subfolders = []
        for entry in entries:
            if _skipped(entry.name):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                if path.is_dir():
                    _check_link(path, real_content, root, diagnostics)
                    continue  # never followed: a linked folder could loop or leave content/
                if not _check_link(path, real_content, root, diagnostics):
                    continue
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append((path, f"{prefix}{entry.name}/"))
                continue
            kind = _kind_of(prefix, entry.name)
            if kind:
                found.append((kind, path))
        folders.extend(reversed(subfolders))  # depth first, in name order: a folder's files, then its folders
    return found


def _skipped(name: str) -> bool:
    return name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".tmp", ".bak"))


def _kind_of(folder: str, name: str) -> str | None:
    """What a file is, from the folder under content/ it is in ('' or 'topics/...') and its name."""
    top = folder.split("/", 1)[0]
    suffix = os.path.splitext(name)[1].lower()
    if top == "entities":
        return "entity" if suffix in ENTITY_SUFFIXES else None
    if suffix not in ARTICLE_SUFFIXES:
        return None
    return {"topics": "topic", "pages": "page"}.get(top, "article")


def _check_link(path: Path, real_content: Path, root: Path, diagnostics: Diagnostics) -> bool:
    target = path.resolve()
    if target == real_content or real_content in target.parents:
        return True
    diagnostics.error(
        SourceLocation(relative_path(path, root)),
        "symbolic link points outside content/; refusing to read it (copy the file in instead)",
    )
    return False


def relative_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def parse_document(kind: str, rel: str, data: bytes) -> Document:
    """Split raw file bytes into a Document (the pure part of `read_document`)."""
    import hashlib

    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    text = decode(rel, data)
    if kind == "entity":
        front = _load_front(rel, text, 0)
        return Document(rel, kind, front, "", len(text.splitlines()) + 1, 1, digest)
    if not text.strip():
        raise ContentError(SourceLocation(rel), "the file is empty; an article needs at least a title and a date")
    front_text, body, body_line = split_front_matter(rel, text)
    front = _load_front(rel, front_text, 1) if front_text is not None else None
    return Document(rel, kind, front, body, body_line, 1, digest)


def decode(rel: str, data: bytes) -> str:
    """Bytes to text with "\\n" line endings. A BOM is dropped; anything but UTF-8 is an error."""
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            SourceLocation(rel),
            f"the file is {len(data) / (1024 * 1024):.1f} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB "
            "(split it, or keep only the article text)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(SourceLocation(rel), "the file is UTF-16; save it with UTF-8 encoding")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError(SourceLocation(rel, line), "the file contains NUL bytes; is it a binary file?")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentError(
            SourceLocation(rel, line, col),
            f"the file is not UTF-8 (byte 0x{data[error.start]:02X}); save it with UTF-8 encoding",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(rel: str, text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, the file line the body starts on)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index]) + "\n"
            if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
                raise ContentError(
                    SourceLocation(rel, 2),
                    f"the front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB; keep long text in the body",
                )
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise ContentError(
        SourceLocation(rel, 1),
        "the front matter opened here is never closed; add a line '---' after the last YAML line",
    )


def _load_front(rel: str, text: str, line_offset: int) -> MarkedMap | None:
    try:
        front = load_yaml(text, line_offset)
    except YamlProblem as problem:
        raise ContentError(SourceLocation(rel, problem.line, problem.col), problem.message) from None
    if front is None:
        return MarkedMap()
    if not isinstance(front, MarkedMap):
        raise ContentError(
            SourceLocation(rel, line_offset + 1),
            f"the front matter must be a mapping of keys (title: …), not a {_yaml_kind(front)}",
        )
    return front


def _yaml_kind(value: object) -> str:
    return "list" if isinstance(value, list) else "single value"


@contextmanager
def working_on(path: str) -> Iterator[None]:
    """Tag any unexpected exception raised inside with the content file being processed.

    The command line's one-line "internal error" message names that file
    (`processing_path`), so a bug report says which input triggered it.
    The innermost tag wins: it is the most precise.
    """
    try:
        yield
    except Exception as error:
        if processing_path(error) is None:
            try:
                error.factsheet_path = path  # type: ignore[attr-defined]
            except AttributeError:  # an exception type that takes no attributes: report without a file
                pass
        raise


def processing_path(error: BaseException) -> str | None:
    """The content file an exception was raised for (see `working_on`), or None."""
    return getattr(error, "factsheet_path", None)
