"""A stable name for each item of a fact sheet, so a reviewer can point at one.

The preview's review tools (`factsheet serve`, `factsheet review`) act on
one extracted item at a time: accept it, edit it, reject it. Positions move
as soon as an item is accepted, so an item is named by what it says: its
kind and a short hash of its fields. The same text found again after a
rebuild has the same key; the key is also written on the published page
(`data-item-key`), where it is harmless.
"""

from __future__ import annotations

import hashlib
import json

from ..content.model import Event, Fact, Person, Quote

KINDS = ("event", "fact", "quote", "person")


def item_kind(item: object) -> str:
    """'event', 'fact', 'quote' or 'person'."""
    for kind, cls in zip(KINDS, (Event, Fact, Quote, Person)):
        if isinstance(item, cls):
            return kind
    raise TypeError(f"not a fact-sheet item: {type(item).__name__}")


def item_fields(item: object) -> dict[str, str | None]:
    """The fields a user would write for this item in front matter (as `factsheet extract --write` does)."""
    if isinstance(item, Event):
        return {"date": item.date.written, "text": item.text, "as_stated": item.as_stated}
    if isinstance(item, Fact):
        return {"label": item.label, "value": item.value, "unit": item.unit, "as_stated": item.as_stated}
    if isinstance(item, Quote):
        return {"speaker": item.speaker, "text": item.text, "via": item.via}
    if isinstance(item, Person):
        return {"name": item.name, "role": item.role, "org": item.org}
    raise TypeError(f"not a fact-sheet item: {type(item).__name__}")


def item_key(item: object) -> str:
    """`<kind>-<12 hex digits>`: the same for the same fields, different for any other."""
    kind = item_kind(item)
    digest = hashlib.sha256(json.dumps([kind, item_fields(item)], sort_keys=True).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:12]}"


def ignore_text(item: object) -> str:
    """What to add to `ignore:` so that the merge drops this item (see `site/merge.py`'s `_Ignore`)."""
    if isinstance(item, Fact):
        # the words of the article name this figure alone; a value such as "3" could name many
        return item.as_stated or item.value
    if isinstance(item, Person):
        return item.name
    return item.text
