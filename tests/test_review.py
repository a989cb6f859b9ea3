"""Reviewing extracted items in `factsheet serve`, over plain HTTP: the actions, and the guards on them.

A copy of the seed article with bare front matter (title and date: what a
new user has) is served from a temporary site. Every refused request must
leave the content folder byte-identical.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
from pathlib import Path

import pytest

from generator.cli.review import findings_of, listing, site_findings
from generator.cli.serve import DevServer

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "articles" / "armed-police-london.txt"
ARTICLE = "content/articles/armed-police-london.txt"
PAGE = "/articles/armed-police-london/"
HEAD = "---\ntitle: Armed police told to move towards terrorists, ignoring the injured\ndate: 2015-12-02\n---\n"


def make_site(root: Path) -> Path:
    """A small site: the seed article's text under bare front matter, and a title."""
    body = SEED.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (root / "content" / "articles").mkdir(parents=True)
    (root / ARTICLE).write_text(HEAD + body, encoding="utf-8")
    (root / "site.yaml").write_text("title: Review test\nbase_url: https://example.org/\n", encoding="utf-8")
    return root


def content_bytes(root: Path) -> dict[str, bytes]:
    """Every file under content/, hidden ones included, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.fixture
def review_site(tmp_path):
    root = make_site(tmp_path / "site")
    server = DevServer(root, "127.0.0.1", 0, log=io.StringIO())
    server.start()
    yield root, server
    server.stop()


def call(server, method: str, path: str, body=None, headers=None, token=True, host=None):
    """(status, JSON or text) of one request; `token=True` sends the server's own token."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {"Host": host or f"127.0.0.1:{server.port}"}
    if token is True:
        sent["X-Factsheet-Token"] = server.review.token
    elif token:
        sent["X-Factsheet-Token"] = token
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    try:
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        kind = response.getheader("Content-Type") or ""
        return response.status, json.loads(raw) if kind.startswith("application/json") else raw.decode("utf-8")
    finally:
        connection.close()


def items(server) -> list[dict]:
    status, data = call(server, "GET", f"/__factsheet/review/items?article={ARTICLE}")
    assert status == 200, data
    return data["items"]


# --- the actions -------------------------------------------------------------------------------

def test_accept_reject_edit_and_undo_change_only_the_front_matter(review_site):
    root, server = review_site
    original = (root / ARTICLE).read_bytes()
    found = items(server)
    kinds = [f["kind"] for f in found]
    assert {"event", "fact", "quote", "person"} <= set(kinds)
    event = found[kinds.index("event")]
    fact = found[kinds.index("fact")]
    quote = found[kinds.index("quote")]
    assert call(server, "POST", "/__factsheet/review/act", {"action": "accept", "article": ARTICLE, "key": event["key"]})[0] == 200
    assert call(server, "POST", "/__factsheet/review/act", {"action": "reject", "article": ARTICLE, "key": quote["key"]})[0] == 200
    status, answer = call(server, "POST", "/__factsheet/review/act",
                          {"action": "edit", "article": ARTICLE, "key": fact["key"], "fields": {"label": "Deaths in Paris"}})
    assert status == 200, answer
    text = (root / ARTICLE).read_text(encoding="utf-8")
    assert text.endswith(original.decode("utf-8")[len(HEAD):]), "the body is untouched"
    front = text[:len(text) - (len(original) - len(HEAD))]
    assert front.startswith(HEAD[:-4]) and "events:\n- date: '2015-11-13'" in front
    assert "label: Deaths in Paris" in front and "ignore:\n- We are asking them" in front
    assert (root / "content/articles/.armed-police-london.txt.bak").is_file()
    left = {f["key"] for f in items(server)}
    assert not left & {event["key"], fact["key"], quote["key"]}, "each acted-on item is checked now"
    before_last = text
    assert call(server, "POST", "/__factsheet/review/undo", {})[0] == 200
    undone = (root / ARTICLE).read_text(encoding="utf-8")
    assert "Deaths in Paris" not in undone and "ignore:" in undone and undone != before_last
    assert call(server, "POST", "/__factsheet/review/undo", {})[0] == 200
    assert call(server, "POST", "/__factsheet/review/undo", {})[0] == 200
    assert (root / ARTICLE).read_bytes() == original, "three undos restore the original bytes"
    assert call(server, "POST", "/__factsheet/review/undo", {})[0] == 409


def test_an_edit_with_a_mistake_is_refused_at_its_field_and_writes_nothing(review_site):
    root, server = review_site
    before = content_bytes(root)
    event = next(f for f in items(server) if f["kind"] == "event")
    status, answer = call(server, "POST", "/__factsheet/review/act",
                          {"action": "edit", "article": ARTICLE, "key": event["key"], "fields": {"date": "2015-13-45"}})
    assert status == 422
    assert "month 13" in answer["fields"]["date"]
    status, answer = call(server, "POST", "/__factsheet/review/act",
                          {"action": "edit", "article": ARTICLE, "key": event["key"], "fields": {"colour": "red"}})
    assert status == 400
    assert content_bytes(root) == before


def test_undo_refuses_when_the_file_changed_since(review_site):
    root, server = review_site
    person = next(f for f in items(server) if f["kind"] == "person")
    assert call(server, "POST", "/__factsheet/review/act", {"action": "accept", "article": ARTICLE, "key": person["key"]})[0] == 200
    edited = (root / ARTICLE).read_bytes() + b"\nA line the user added.\n"
    (root / ARTICLE).write_bytes(edited)
    status, answer = call(server, "POST", "/__factsheet/review/undo", {})
    assert status == 409 and "changed since" in answer["error"]
    assert (root / ARTICLE).read_bytes() == edited


# --- the guards: nothing written -----------------------------------------------------------------

def _accept(server, **options):
    key = items(server)[0]["key"]
    return call(server, "POST", "/__factsheet/review/act", {"action": "accept", "article": ARTICLE, "key": key}, **options)


def test_a_write_without_the_token_is_refused(review_site):
    root, server = review_site
    before = content_bytes(root)
    assert _accept(server, token=False)[0] == 403
    assert _accept(server, token="guessed-" + "x" * 35)[0] == 403
    assert call(server, "POST", "/__factsheet/review/undo", {}, token=False)[0] == 403
    assert call(server, "GET", f"/__factsheet/review/items?article={ARTICLE}", token=False)[0] == 403
    assert content_bytes(root) == before


@pytest.mark.parametrize("headers, host", [
    ({"Origin": "http://evil.example"}, None),
    ({"Origin": "null"}, None),
    ({"Sec-Fetch-Site": "cross-site"}, None),
    ({"Sec-Fetch-Site": "same-site"}, None),
    ({}, "evil.example"),  # DNS rebinding: the attacker's name resolved to 127.0.0.1
    ({}, "127.0.0.1:1"),
])
def test_a_cross_origin_request_is_refused_even_with_the_token(review_site, headers, host):
    root, server = review_site
    before = content_bytes(root)
    key = items(server)[0]["key"]
    status, _ = call(server, "POST", "/__factsheet/review/act", {"action": "accept", "article": ARTICLE, "key": key},
                     headers=headers, host=host)
    assert status == 403
    assert content_bytes(root) == before


def test_a_form_post_or_a_preflight_gets_nothing_done(review_site):
    root, server = review_site
    before = content_bytes(root)
    key = items(server)[0]["key"]
    body = f"action=accept&article={ARTICLE}&key={key}".encode()
    status, _ = call(server, "POST", "/__factsheet/review/act", body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415
    status, _ = call(server, "OPTIONS", "/__factsheet/review/act", headers={"Origin": "http://evil.example"})
    assert status >= 400
    assert content_bytes(root) == before


def test_an_oversized_body_is_refused_unread(review_site):
    root, server = review_site
    before = content_bytes(root)
    status, answer = call(server, "POST", "/__factsheet/review/act", b"{}", headers={"Content-Length": str(10**9)})
    assert status == 413
    assert content_bytes(root) == before


@pytest.mark.parametrize("article", [
    "site.yaml", "../outside.md", "content/../site.yaml", "/etc/passwd", "content/articles/../../outside.md",
    "content/articles/link.md", "content/articles/missing.md", "content/topics/t.md", "", None, 7,
])
def test_a_path_outside_content_is_refused(review_site, article):
    root, server = review_site
    (root.parent / "outside.md").write_text(HEAD + "Outside text on 13 November 2015.\n", encoding="utf-8")
    os.symlink(root.parent / "outside.md", root / "content/articles/link.md")
    (root / "content/topics").mkdir()
    (root / "content/topics/t.md").write_text(HEAD + "A topic.\n", encoding="utf-8")
    before, outside, config = content_bytes(root), (root.parent / "outside.md").read_bytes(), (root / "site.yaml").read_bytes()
    for action in ("accept", "reject"):
        status, _ = call(server, "POST", "/__factsheet/review/act", {"action": action, "article": article, "key": "event-0"})
        assert status in (400, 403, 404)
    status, _ = call(server, "GET", f"/__factsheet/review/items?article={article}")
    assert status in (400, 403, 404)
    assert content_bytes(root) == before
    assert (root.parent / "outside.md").read_bytes() == outside and (root / "site.yaml").read_bytes() == config


def test_the_token_is_only_in_pages_served_to_this_servers_address(review_site):
    root, server = review_site
    status, page = call(server, "GET", PAGE, token=False)
    assert status == 200 and server.review.token in page and "data-article-path" in page
    status, page = call(server, "GET", PAGE, token=False, host="evil.example")
    assert server.review.token not in page
    for built in (root / ".factsheet-serve").rglob("*"):
        if built.is_file():
            assert server.review.token.encode() not in built.read_bytes()
            assert b"X-Factsheet-Token" not in built.read_bytes()


# --- the queue ---------------------------------------------------------------------------------

def test_the_queue_lists_every_unchecked_item_by_article_and_kind(review_site):
    root, server = review_site
    status, page = call(server, "GET", "/__factsheet/review", token=False)
    assert status == 200
    found = site_findings(root)
    assert f"{len(found)} unchecked items" in page
    assert len(re.findall(r'<li data-item-key="', page)) == len(found)
    assert "<h3>Quotes (" in page and "From line" in page
    assert call(server, "GET", "/__factsheet/review", token=False, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403


def test_review_list_prints_the_same_items(tmp_path):
    root = make_site(tmp_path / "site")
    found = findings_of(root, root / ARTICLE)
    text = listing(found)
    assert text.splitlines()[0].startswith(f"{ARTICLE} ({len(found)} unchecked)")
    assert text.endswith(f"{len(found)} unchecked items\n")
    data = json.loads(listing(found, as_json=True))
    assert data["total"] == len(found) and {i["kind"] for i in data["items"]} == {"event", "fact", "quote", "person"}


def test_factsheet_review_list_command(tmp_path, capsys):
    from generator.cli.commands import main

    root = make_site(tmp_path / "site")
    assert main(["review", "--list", "--root", str(root)]) == 0
    text = capsys.readouterr().out
    assert text == listing(site_findings(root))
    assert main(["review", "--list", "--json", "--root", str(root)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == len(site_findings(root))
    assert main(["review", "--root", str(root)]) == 2, "--list is the only mode so far"


def test_the_queue_escapes_what_the_text_says(review_site):
    root, server = review_site
    (root / "content/articles/payload.md").write_text(
        HEAD.replace("Armed police", "<b>Bold</b>") + '"<img src=x onerror=alert(1)> is here," said Ann Smith on 3 May 2015.\n',
        encoding="utf-8")
    status, page = call(server, "GET", "/__factsheet/review", token=False)
    assert status == 200 and "payload" in page
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("front, expected", [
    ("ignore: [\"may\"]\n", "ignore: [\"may\",\n  # extracted by factsheet\n  'it''s: odd'\n]\n"),
    ("ignore:\n  - may\n", "ignore:\n  - may\n  # extracted by factsheet\n  - 'it''s: odd'\n"),
    ("", "# extracted by factsheet\nignore:\n- 'it''s: odd'\n"),
])
def test_rejecting_appends_a_plain_text_to_ignore_keeping_every_byte(front, expected):
    import yaml

    from generator.extract.writeback import append_to_front_matter

    source = f"---\ntitle: T\n{front}---\nBody.\n"
    result = append_to_front_matter(source, {"ignore": ["it's: odd"]})
    assert result == f"---\ntitle: T\n{expected}---\nBody.\n"
    assert yaml.safe_load(result.split("---\n")[1])["ignore"][-1] == "it's: odd"
    assert append_to_front_matter(result, {"ignore": ["it's: odd"]}) == result, "twice is harmless"
