"""Slugs: the URL and file-name part of a page, readable in any language and never able to leave its folder.

`slugify` turns one name into a slug. Latin letters with diacritics, Cyrillic
and Greek are transliterated with the small tables below ("Søren" → soren,
"Straße" → strasse, "Москва" → moskva, "Αθήνα" → athina); letters of other
scripts are kept as they are, lower-cased and in NFC, the way Hugo keeps
Unicode slugs ("القاهرة", "北京", "भारत"). Only letters, marks, digits and
single hyphens survive, so a slug has no `/`, `\\`, `.`, NUL, control,
bidi or zero-width character; Windows' reserved device names get a suffix;
the length is capped in UTF-8 bytes, cut between characters.

`distinct_slugs` gives each name of one collection (the tags, say) its slug,
and makes sure two different names never share one: when they would, all but
the first (in a fixed order) get a short hash of their name as a suffix, so
the result does not depend on the order the names were met in.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from typing import Iterable

MAX_SLUG_BYTES = 80  # well under the 255 bytes a file name may have, and short enough to read in a URL
HASH_CHARS = 6  # hex digits of the suffix that tells colliding names apart
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

# Letters NFKD does not take apart: their usual ASCII spelling (lower case; the text is lowered first).
_LATIN = {
    "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h",
    "ı": "i", "ŀ": "l", "ŧ": "t", "ĸ": "k", "ŋ": "ng", "ƒ": "f", "ə": "e",
}
# Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian letters), a plain
# scientific-style romanisation without diacritics. Letters with a combining mark (й, ё, ї) are
# decomposed first, so и, е and і cover them.
_CYRILLIC = dict(zip(
    "абвгдежзиклмнопрстуфхцчшщъыьэюяєіґђјљњћџѕѓќў",
    ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "ye", "i", "g", "dj", "j", "lj", "nj",
     "c", "dz", "dz", "gj", "kj", "u"],
))
# Greek, after its accents are decomposed away (ά → α), close to ELOT 743 without its digraph rules.
_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t",
     "y", "f", "ch", "ps", "o"],
))
TRANSLITERATION = {**_LATIN, **_CYRILLIC, **_GREEK}


@functools.lru_cache(maxsize=1 << 16)  # a big site slugifies the same few hundred tags and dates 100,000s of times
def slugify(text: str, fallback: str = "item") -> str:
    """A URL and file name part that can never leave its folder, and is never empty.

    A name with nothing to keep (only punctuation or emoji, say) becomes
    `fallback`.
    """
    slug = _truncate(_letters(text))
    if not slug:
        return fallback  # `distinct_slugs` tells apart two names that both end up here
    if slug in _RESERVED:
        slug += "-1"
    return slug


def _letters(text: str, transliterate: bool = True) -> str:
    """The name as lower-case letters, digits and marks, everything else turned into single hyphens.

    Without `transliterate`, every letter stays as written (lower-cased):
    what tells two names apart (`name_key`).
    """
    out: list[str] = []
    kept_letter = False  # whether the last character kept is one a following mark may belong to
    for char in unicodedata.normalize("NFC", text).lower():
        if char.isascii():
            out.append(char if char.isalnum() else "-")
            kept_letter = False  # an ASCII letter takes no loose marks: NFC has composed those it can
            continue
        category = unicodedata.category(char)
        if category == "Cf":  # bidi controls, zero-width joiners, soft hyphens: invisible, and no gap
            continue
        # "é" → "e", "й" → "и", "ά" → "α", "²" → "2": the letters without their marks, then the tables
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        spelled = "".join(TRANSLITERATION.get(c, c) for c in bare.lower())
        if transliterate and spelled and spelled.isascii():
            out.append("".join(c if c.isalnum() else "-" for c in spelled))
            kept_letter = False
        elif category[0] in "LN":
            out.append(char)  # a letter of a script without a transliteration here: kept as it is
            kept_letter = True
        elif category[0] == "M":
            if kept_letter:  # a vowel sign or virama belongs to the letter before it
                out.append(char)
        elif category in ("Zs", "Zl", "Zp", "Pd"):
            out.append("-")  # spaces and dashes part words
            kept_letter = False
        # any other symbol or punctuation is dropped without a gap, as before: "don’t" → "dont"
    return "-".join(part for part in "".join(out).split("-") if part)


def _truncate(slug: str, limit: int = MAX_SLUG_BYTES) -> str:
    """At most `limit` bytes of UTF-8, cut before a letter (never between a letter and its marks)."""
    if len(slug.encode("utf-8")) <= limit:
        return slug
    cut = len(slug.encode("utf-8")[:limit].decode("utf-8", "ignore"))
    while cut > 0 and unicodedata.category(slug[cut])[0] == "M":
        cut -= 1
    return slug[:cut].strip("-")


def short_hash(text: str) -> str:
    """A few hex digits that depend only on the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def name_key(name: str) -> str:
    """What makes two names the same name: the same letters, in the same case-folded spelling.

    "Climate Change", "climate-change" and "CLIMATE  CHANGE!" are one name;
    "São Paulo" and "Sao Paulo", or "Søren" and "Soren", are two. A name with
    no letters at all (an emoji) is itself.
    """
    return _letters(unicodedata.normalize("NFC", name).casefold(), transliterate=False) or name


def distinct_slugs(names: Iterable[str], fallback: str = "item", taken: Iterable[str] = ()) -> dict[str, str]:
    """Each name's slug, different names always apart: name → slug.

    Names equal by `name_key` ("Paris", "paris") share one slug. Among
    different names with the same slug ("São Paulo" and "Sao Paulo"), the one whose
    key sorts first keeps the plain slug and the others get "-" and a hash of
    their key, so a name's slug depends only on which names collide with it.
    Slugs in `taken` are never handed out.
    """
    names = list(dict.fromkeys(names))
    keys = {name: name_key(name) for name in names}
    by_slug: dict[str, set[str]] = {}
    for name in names:
        by_slug.setdefault(slugify(name, fallback), set()).add(keys[name])
    used = set(taken)
    slug_of_key: dict[str, str] = {}
    for base in sorted(by_slug):
        for position, key in enumerate(sorted(by_slug[base])):
            slug = base if position == 0 and base not in used else ""
            attempt = 0
            while not slug or slug in used:  # a second try only if a hashed slug is somebody's plain one
                salt = key if attempt == 0 else f"{key}\n{attempt}"
                slug = f"{_truncate(base, MAX_SLUG_BYTES - HASH_CHARS - 1)}-{short_hash(salt)}"
                attempt += 1
            used.add(slug)
            slug_of_key[key] = slug
    return {name: slug_of_key[keys[name]] for name in names}
