"""site.yaml's `publish_extracted`, and each exported item's status (checked or extracted)."""

from __future__ import annotations

import json

import pytest

from generator.cli.commands import main
from tests.test_review import ARTICLE, make_site

FACTS = "articles/armed-police-london/facts.json"
PAGE = "articles/armed-police-london/index.html"


def build(root, capsys, setting: str | None):
    if setting is not None:
        with open(root / "site.yaml", "a", encoding="utf-8") as file:
            file.write(f"publish_extracted: {setting}\n")
    code = main(["build", "--root", str(root), "--out", str(root / "out"), "--quiet"])
    return code, capsys.readouterr().err


def _statuses(data: dict) -> dict[str, set[str]]:
    return {kind: {x["status"] for x in data[kind]} for kind in ("facts", "events", "people", "quotes")}


def test_all_is_the_default_and_every_exported_item_has_a_status(tmp_path, capsys):
    root = make_site(tmp_path / "site")
    text = (root / ARTICLE).read_text(encoding="utf-8")
    (root / ARTICLE).write_text(text.replace("date: 2015-12-02\n", "date: 2015-12-02\nfacts:\n"
                                             "  - {label: Weeks of training, value: 15}\n", 1), encoding="utf-8")
    assert build(root, capsys, None)[0] == 0
    data = json.loads((root / "out" / FACTS).read_text(encoding="utf-8"))
    assert _statuses(data) == {"facts": {"checked", "extracted"}, "events": {"extracted"}, "people": {"extracted"},
                               "quotes": {"extracted"}}
    assert all(x["status"] == ("extracted" if x["origin"]["extracted"] else "checked") for x in data["facts"])
    site = json.loads((root / "out" / "data/site.json").read_text(encoding="utf-8"))
    assert site["site"]["publish_extracted"] == "all"


@pytest.mark.parametrize("setting, kinds", [("none", set()), ("events-only", {"events"})])
def test_publish_extracted_keeps_unchecked_items_off_the_site(tmp_path, capsys, setting, kinds):
    root = make_site(tmp_path / "site")
    assert build(root, capsys, setting)[0] == 0
    data = json.loads((root / "out" / FACTS).read_text(encoding="utf-8"))
    assert {k for k, v in _statuses(data).items() if "extracted" in v} == kinds
    page = (root / "out" / PAGE).read_text(encoding="utf-8")
    assert ('is-extracted' in page) == bool(kinds), "unchecked items are marked wherever they are shown"


def test_an_unknown_publish_extracted_value_is_an_error_at_its_line(tmp_path, capsys):
    root = make_site(tmp_path / "site")
    code, err = build(root, capsys, "some")
    assert code == 1
    assert "site.yaml:3:20: error: publish_extracted: expected one of all, none, events-only, got 'some'" in err
