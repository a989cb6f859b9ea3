"""The JSON Schemas editors use: built from the validator's own keys, shipped as built, and in step with it.

Each schema must accept every file of the golden site (read with the
project's own YAML loader, as a build reads it) and reject the invalid-site
cases whose mistake is a key or a type; mistakes only a build can see (a
duplicate slug, an unknown topic, 30 February) are left to `factsheet check`.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from generator.content.config import CONFIG_KEYS  # noqa: E402
from generator.content.errors import ContentError  # noqa: E402
from generator.content.load import decode, parse_document, split_front_matter  # noqa: E402
from generator.content.schema import KINDS, build_schema, schema_text, shipped_schema  # noqa: E402
from generator.content.validate import ARTICLE_KEYS, ENTITY_KEYS, TOPIC_KEYS  # noqa: E402
from generator.content.yamlmarks import load_yaml  # noqa: E402
from tests.helpers import INVALID, run_cli  # noqa: E402

TESTS = Path(__file__).resolve().parent
FOLDERS = {"articles": "article", "topics": "topic", "entities": "entity"}

# The invalid-site cases about keys and types, and the file each one's mistake is in.
KEY_AND_TYPE_CASES = {
    "bad-site-yaml": "site.yaml",  # date_order: YMD, and an unknown key
    "date-as-range": "content/articles/story.md",  # a range where a day belongs
    "impossible-date": "content/articles/story.md",  # month 13
    "event-without-date": "content/articles/story.md",
    "fact-without-label": "content/articles/story.md",
    "front-matter-not-mapping": "content/articles/story.md",
    "javascript-url": "content/articles/story.md",
    "many-errors-one-run": "content/articles/b.md",  # no title, tags a mapping
    "missing-date": "content/articles/story.md",
    "missing-title": "content/articles/story.md",
    "tags-number": "content/articles/story.md",
    "unknown-key": "content/articles/story.md",
    "unknown-key-strict": "content/articles/story.md",
    "yaml-boolean-title": "content/articles/story.md",
}


def as_json(value):
    """A value from the project's YAML loader as JSON has it (a YAML date is a string to an editor)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    raise TypeError(type(value))


def site_files(root: Path) -> list[tuple[str, str, object]]:
    """(path, kind, front matter as JSON) for site.yaml and every content file that has front matter."""
    found = []
    if (root / "site.yaml").is_file():
        found.append(("site.yaml", "site", as_json(load_yaml(decode("site.yaml", (root / "site.yaml").read_bytes())))))
    for folder, kind in FOLDERS.items():
        for path in sorted((root / "content" / folder).glob("*")):
            rel = path.relative_to(root).as_posix()
            try:
                front = parse_document(kind, rel, path.read_bytes()).front
            except ContentError:  # front matter that is not a mapping: still data an editor checks
                front = load_yaml(split_front_matter(rel, decode(rel, path.read_bytes()))[0] or "")
            if front is not None:
                found.append((rel, kind, as_json(front)))
    return found


def problems(kind: str, data: object) -> list[str]:
    validator = jsonschema.Draft7Validator(json.loads(shipped_schema(kind)))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_schema_is_the_one_the_keys_build(kind):
    jsonschema.Draft7Validator.check_schema(build_schema(kind))
    assert shipped_schema(kind) == schema_text(kind), "run python -m generator.content.schema"


def test_every_key_the_validator_knows_is_in_its_schema():
    known = {"article": ARTICLE_KEYS, "topic": TOPIC_KEYS, "entity": ENTITY_KEYS, "site": CONFIG_KEYS}
    for kind, keys in known.items():
        assert set(build_schema(kind)["properties"]) == set(keys), kind


@pytest.mark.parametrize("site", ["golden", "newsroom", "scripts"])
def test_the_schemas_accept_every_file_of_a_valid_site(site):
    files = site_files(TESTS / "sites" / site)
    assert len(files) > 3
    for rel, kind, data in files:
        assert problems(kind, data) == [], rel


@pytest.mark.parametrize("case, rel", sorted(KEY_AND_TYPE_CASES.items()))
def test_the_schemas_reject_a_wrong_key_or_type(case, rel):
    files = {path: (kind, data) for path, kind, data in site_files(INVALID / case)}
    kind, data = files[rel]
    assert problems(kind, data), f"{case}: the schema accepts {rel}"


def test_the_schema_command_prints_the_shipped_schema():
    for kind in KINDS:
        run = run_cli("schema", kind)
        assert run.code == 0 and run.stdout == shipped_schema(kind)
    assert run_cli("schema", "page").code == 2
