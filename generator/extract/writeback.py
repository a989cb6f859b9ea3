"""Append extracted items to an article's YAML front matter, touching nothing else.

``factsheet extract --write`` hands the user the extracted items to edit in
their own file.  The file is theirs: comments, key order, quoting style,
line endings and a byte-order mark must all survive.  So we never re-dump the
YAML -- we only *insert* text at carefully chosen offsets, found with
``yaml.compose`` (whose nodes carry the character offsets of what they were
parsed from):

* key absent -> a new block at the end of the front matter;
* key holding a block sequence -> new items after its last item (after the
  last character of the last item's content, so a trailing comment stays
  where it is), at the same indentation as the existing dashes;
* key holding a flow sequence (``quotes: []`` or ``[a, b]``) -> new items
  inside the brackets, one per line, in flow style -- an insertion like the
  others, so an empty ``[]`` simply fills up;
* key with an empty value (``quotes:``) -> block items on the lines after it;
* key holding anything else (a scalar such as ``~``, a mapping), or a front
  matter that is not a block mapping -> the items are written as a
  *commented-out* block: we will not guess how to merge them, and commented
  lines cannot change what the file means.

Every inserted block starts with the comment ``# extracted by factsheet``.
Items already present in the list (equal after parsing) are not added again,
so running the command twice is harmless.  A file without front matter gets
a new one in front of the body.
"""

from __future__ import annotations

import re

import yaml

MARKER = "# extracted by factsheet"
KEY_ORDER = ("events", "facts", "quotes", "people", "ignore")
_OPEN = re.compile(r"---[ \t]*(\r?\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)

try:  # the C loader is several times faster; both give the same marks
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


def _clean(item):
    """Drop empty values: ``via: null`` is noise in a file a person edits.

    A plain text (an entry of ``ignore:``) is kept as it is.
    """
    if not isinstance(item, dict):
        return item
    return {k: v for k, v in item.items() if v is not None and v != ""}


def _block(items: list[dict], indent: int, nl: str, key: str | None = None) -> str:
    """Block-style YAML for a list of mappings, each line indented by ``indent`` spaces.

    With ``key``, a new top-level ``key:`` line heads the list (the marker goes above it).
    """
    text = yaml.safe_dump([_clean(i) for i in items], default_flow_style=False, sort_keys=False,
                          allow_unicode=True, width=10_000)
    pad = " " * indent
    head = [pad + MARKER] + ([f"{key}:"] if key else [])
    lines = head + [pad + line for line in text.splitlines()]
    return nl.join(lines) + nl


def _flow(item) -> str:
    """One mapping (``{speaker: X, text: '…'}``) or text in flow style on one line."""
    if not isinstance(item, dict):
        # dumped inside a list, so that a plain text is not followed by YAML's end-of-document "..."
        return yaml.safe_dump([item], default_flow_style=True, allow_unicode=True, width=10_000).strip()[1:-1]
    return yaml.safe_dump(_clean(item), default_flow_style=True, sort_keys=False,
                          allow_unicode=True, width=10_000).strip()


def _leaf_end(node: yaml.Node) -> int:
    """Offset just after the last character of a node's own content.

    Block collections' end marks run on past trailing comments and blank
    lines; scalars and flow collections end exactly, so take the deepest one.
    """
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max((_leaf_end(x) for kv in node.value for x in kv), default=node.start_mark.index)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_leaf_end(x) for x in node.value), default=node.start_mark.index)
    return node.end_mark.index


def _after_line(text: str, pos: int) -> int:
    """``pos`` if it starts a line, else the start of the next line (``len(text)`` at the end)."""
    if pos == 0 or text[pos - 1] == "\n":
        return pos
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _commented(key: str, items: list[dict], why: str, nl: str) -> str:
    body = yaml.safe_dump({key: [_clean(i) for i in items]}, default_flow_style=False,
                          sort_keys=False, allow_unicode=True, width=10_000)
    lines = [f"{MARKER} ({why}; uncomment and merge by hand)"]
    lines += ["# " + line for line in body.splitlines()]
    return nl.join(lines) + nl


def _insertions(fm: str, base: int, items: dict[str, list[dict]], nl: str,
                end_pos: int) -> list[tuple[int, str]]:
    """(offset, text) pairs that add ``items`` to the front matter text ``fm``.

    ``base`` is where ``fm`` starts in the whole file; ``end_pos`` (in file
    offsets) is where new keys go, just before the closing ``---``.
    """
    root = yaml.compose(fm, Loader=_Loader) if fm.strip() else None
    existing = yaml.load(fm, Loader=_Loader) if root is not None else None
    out: list[tuple[int, str]] = []
    if root is not None and not (isinstance(root, yaml.MappingNode) and not root.flow_style):
        for key, new in items.items():
            out.append((end_pos, _commented(key, new, "the front matter is not a block mapping", nl)))
        return out
    nodes = {k.value: v for k, v in root.value} if root is not None else {}
    tail = ""
    for key, new in items.items():
        if isinstance(existing, dict) and isinstance(existing.get(key), list):
            new = [i for i in new if _clean(i) not in existing[key]]
        if not new:
            continue
        node = nodes.get(key)
        if node is None:
            tail += _block(new, 0, nl, key)
        elif isinstance(node, yaml.SequenceNode) and not node.flow_style:
            first = node.value[0]
            dash = fm.rfind("-", _line_start(fm, first.start_mark.index), first.start_mark.index)
            indent = dash - _line_start(fm, dash)
            at = _after_line(fm, _leaf_end(node))
            text = _block(new, indent, nl)
            if at == len(fm) and not fm.endswith("\n"):
                text = nl + text
            out.append((base + at, text))
        elif isinstance(node, yaml.SequenceNode):
            key_node = next(k for k, v in root.value if v is node)
            pad = " " * (key_node.start_mark.column + 2)
            lines = [pad + MARKER] + [pad + _flow(i) for i in new]
            close = node.end_mark.index - 1          # the "]"
            before = fm[node.start_mark.index + 1:close]
            lead = "," if before.strip() and not before.rstrip().endswith(",") else ""
            text = lead + nl + ("," + nl).join(lines).replace(MARKER + ",", MARKER) + nl
            out.append((base + close, text))
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") \
                and node.start_mark.index == node.end_mark.index:
            key_node = next(k for k, v in root.value if v is node)
            at = _after_line(fm, node.end_mark.index)
            text = _block(new, key_node.start_mark.column + 2, nl)
            if at == len(fm) and not fm.endswith("\n"):
                text = nl + text
            out.append((base + at, text))
        else:
            tail += _commented(key, new, f"`{key}:` is not a list", nl)
    if tail:
        out.append((end_pos, tail))
    return out


def append_to_front_matter(source: str, items: dict[str, list[dict]]) -> str:
    """Return ``source`` with ``items`` (keys among events/facts/quotes/people/ignore) appended as YAML.

    ``ignore`` takes plain texts; the other keys take mappings.

    ``source`` is a whole article file.  Nothing the user wrote changes: the
    result is the original text with new lines (or, for a flow list, new
    text inside its brackets) inserted.  Raises ``yaml.YAMLError`` if the
    existing front matter is not valid YAML.
    """
    items = {k: list(v) for k, v in sorted(items.items(), key=lambda kv: _order(kv[0])) if v}
    if not items:
        return source
    bom = "\ufeff" if source.startswith("\ufeff") else ""
    text = source[len(bom):]
    opening = _OPEN.match(text)
    close = _CLOSE.search(text, opening.end()) if opening else None
    if not opening or not close:
        nl = "\r\n" if "\r\n" in text else "\n"
        fm = "".join(_block(new, 0, nl, key) for key, new in items.items())
        return bom + "---" + nl + fm + "---" + nl + text
    nl = opening.group(1)
    fm_start, fm_end = opening.end(), close.start()
    fm = text[fm_start:fm_end]
    inserts = _insertions(fm, fm_start, items, nl, fm_end)
    if fm and not fm.endswith("\n"):  # pragma: no cover - the closing line always follows a newline
        raise ValueError("front matter does not end with a line break")
    # Apply from the end so earlier offsets stay valid; at one offset, in the order given.
    for pos, _, chunk in sorted(((p, i, c) for i, (p, c) in enumerate(inserts)), reverse=True):
        text = text[:pos] + chunk + text[pos:]
    return bom + text


def _order(key: str) -> int:
    return KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)
