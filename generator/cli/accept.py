"""`factsheet extract FILE`: what the text of one article yields, and accepting it into the front matter.

`--json` prints every extracted item with its span; `--write` appends the
items that nothing in the front matter covers yet (after the same merge the
build does) as YAML the user can edit. The write keeps every byte the user
wrote, goes through a temporary file and `os.replace`, and leaves the
previous version beside the file as a hidden `.<name>.bak`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..content.config import load_config
from ..content.errors import ContentError, Diagnostics
from ..content.load import parse_document
from ..site.merge import extract_article, merge_article
from ..content.model import Article, Facts, SiteConfig
from ..content.validate import validate_article


@dataclass(frozen=True)
class ArticleExtraction:
    article: Article
    extraction: object  # generator.extract.Extraction, or None when extraction is off
    new: Facts  # extracted items that nothing hand-written covers


def site_root_of(path: Path) -> Path | None:
    """The site folder holding this file: the nearest parent with a content/ folder or site.yaml."""
    for folder in path.resolve().parents:
        if (folder / "content").is_dir() or (folder / "site.yaml").is_file():
            return folder
    return None


def extract_file(path: Path, diagnostics: Diagnostics) -> ArticleExtraction | None:
    """Read, validate and extract one article file; None (with diagnostics) if it cannot be used."""
    root = site_root_of(path)
    config = load_config(root, diagnostics, base_url="/") if root else SiteConfig()
    shown = os.path.relpath(path, root) if root else str(path)
    try:
        document = parse_document("article", Path(shown).as_posix(), path.read_bytes())
    except ContentError as error:
        diagnostics.error(error.location, error.message)
        return None
    except OSError as error:
        raise FileNotFoundError(f"cannot read {path}: {error.strerror}") from None
    article = validate_article(document, diagnostics, config.extract)
    if article is None:
        return None
    extraction = extract_article(article, config)
    merged = merge_article(article, extraction)
    new = Facts(
        facts=tuple(x for x in merged.facts.facts if x.origin.extracted),
        events=tuple(x for x in merged.facts.events if x.origin.extracted),
        people=tuple(x for x in merged.facts.people if x.origin.extracted),
        quotes=tuple(x for x in merged.facts.quotes if x.origin.extracted),
    )
    return ArticleExtraction(article, extraction, new)


def _drop_empty(item: dict) -> dict:
    return {k: v for k, v in item.items() if v not in (None, "")}


def yaml_items(new: Facts) -> dict[str, list[dict]]:
    """The new items as the plain mappings a user would write in front matter."""
    return {
        "events": [_drop_empty({"date": e.date.written, "text": e.text, "as_stated": e.as_stated}) for e in new.events],
        "facts": [_drop_empty({"label": f.label, "value": f.value, "unit": f.unit, "as_stated": f.as_stated}) for f in new.facts],
        "quotes": [_drop_empty({"speaker": q.speaker, "text": q.text, "via": q.via}) for q in new.quotes],
        "people": [_drop_empty({"name": p.name, "role": p.role, "org": p.org}) for p in new.people],
    }


def write_items(path: Path, items: dict[str, list[dict]]) -> bool:
    """Append the items to the file's front matter, atomically, keeping a backup. False if nothing to add."""
    from ..extract.writeback import append_to_front_matter

    original = path.read_bytes()
    text = original.decode("utf-8")
    # Line endings are the user's: work on the text as it is, never through universal newlines.
    updated = append_to_front_matter(text, items)
    if updated == text:
        return False
    replace_file(path, updated.encode("utf-8"))
    return True


def replace_file(path: Path, data: bytes) -> None:
    """Give `path` the bytes `data` in one atomic step, keeping its previous bytes in `.<name>.bak`.

    A crash at any moment leaves either the old file or the new one, never half of each.
    """
    backup = path.with_name(f".{path.name}.bak")
    shutil.copy2(path, backup)
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        temp.write_bytes(data)
        shutil.copymode(path, temp)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
