"""The newsroom site: several outlets, two topics, people quoted across articles.

tests/sites/newsroom/ holds seven invented news reports about a flood and a
rail strike. Two outlets report the flood and the strike's first day on the
same dates; the mayor and the union leader are quoted in several articles,
once by surname or title only. The built pages, feed, sitemap and TimelineJS
export are read with parsers and checked for what the reader relies on.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build.pipeline import build

SITE = Path(__file__).resolve().parent / "sites" / "newsroom"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


# -- a small DOM, enough to find elements by class and read their text ----------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text() + " " for c in self.children).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


# -- builds ---------------------------------------------------------------------------------------


def _build(out: Path, base_url: str | None = None) -> Path:
    result = build(SITE, out, base_url=base_url, cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    assert not result.diagnostics.items, [str(d) for d in result.diagnostics.items]
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("newsroom") / "site")


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("newsroom-sub") / "site", "https://example.github.io/sheets/")


def _entries(page: Node) -> list[dict]:
    """Each timeline entry of a page: its date attribute, text and the article links under Sources."""
    result = []
    for li in page.find_all("li", "timeline-entry"):
        times = li.find_all("time")
        sources = [a.attrs["href"] for p in li.find_all("p", "sources") for a in p.find_all("a")]
        text = li.find_all("p", "timeline-text")[0].text()
        result.append({"date": times[0].attrs.get("datetime") if times else None, "text": text, "sources": sources})
    return result


# -- the merged topic timeline --------------------------------------------------------------------


def test_the_flood_reported_by_two_outlets_is_one_event_with_both_sources(site):
    entries = _entries(parse_html(site / "topics/kelsham-floods-2024/index.html"))
    on_the_day = [e for e in entries if e["date"] == "2024-03-04"]
    assert len(on_the_day) == 1, on_the_day
    assert {"/articles/river-aske-floods-kelsham/", "/articles/aske-flood-homes-under-water/"} <= set(on_the_day[0]["sources"])
    assert len(on_the_day[0]["sources"]) == len(set(on_the_day[0]["sources"]))


def test_the_strike_reported_by_two_outlets_is_one_event_with_both_sources(site):
    entries = _entries(parse_html(site / "topics/rail-drivers-strike-2024/index.html"))
    begins = [e for e in entries if e["date"] == "2024-03-11" and "begin" in e["text"]]
    assert len(begins) == 1, begins
    assert sorted(begins[0]["sources"]) == ["/articles/rail-strike-first-day/", "/articles/transmeridian-strike-begins/"]


def test_a_topic_timeline_is_in_date_order(site):
    """The key events, then (one click away) every other entry: each list in date order."""
    for topic in ("kelsham-floods-2024", "rail-drivers-strike-2024"):
        page = parse_html(site / f"topics/{topic}/index.html")
        for timeline in page.find_all("ol", "timeline"):
            dates = [e["date"] for e in _entries(timeline) if e["date"]]
            assert dates == sorted(dates), topic


# -- people -----------------------------------------------------------------------------------------


def _front_matter_quotes(speakers: set[str]) -> set[str]:
    """The quotes the articles attribute to a person under any of their names, straight from the files."""
    import yaml

    found = set()
    for path in (SITE / "content" / "articles").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        found |= {" ".join(q["text"].split()) for q in front.get("quotes", []) if q.get("speaker") in speakers}
    return found


@pytest.mark.parametrize("slug, names", [
    ("helen-okafor", {"Helen Okafor", "Mayor Okafor"}),
    ("gareth-mills", {"Gareth Mills", "Mills"}),
])
def test_one_entity_page_holds_all_of_a_persons_quotes(site, slug, names):
    pages = sorted(p.name for p in (site / "entities").iterdir() if p.is_dir())
    assert [p for p in pages if p.split("-")[-1] == slug.split("-")[-1]] == [slug], "one page per person"
    page = parse_html(site / "entities" / slug / "index.html")
    shown = {q.find_all("blockquote")[0].text() for q in page.find_all("figure", "quote")}
    expected = _front_matter_quotes(names)
    assert len(expected) >= 3
    assert expected <= shown


def test_entity_aliases_from_content_entities_are_kept(site):
    data = json.loads((site / "data/site.json").read_text(encoding="utf-8"))
    entities = {e["slug"]: e for e in data["entities"]}
    assert {"RDU", "the drivers' union"} <= set(entities["rail-drivers-union"]["aliases"])
    assert entities["helen-okafor"]["kind"] == "person"
    assert "Mayor Okafor" in entities["helen-okafor"]["aliases"]


def test_an_entity_page_lists_every_article_that_names_it(site):
    """Kelsham is named in six articles' text; its page lists exactly those."""
    data = json.loads((site / "data/site.json").read_text(encoding="utf-8"))
    naming = {
        a["slug"] for a in data["articles"]
        if re.search(r"\bKelsham\b", (SITE / a["file"]).read_text(encoding="utf-8").split("\n---\n", 1)[1])
    }
    kelsham = next(e for e in data["entities"] if e["slug"] == "kelsham")
    assert len(naming) >= 2
    assert set(kelsham["articles"]) == naming


# -- feed and sitemap --------------------------------------------------------------------------------


def test_the_atom_feed_is_valid(site):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    articles = list((SITE / "content" / "articles").glob("*.md"))
    assert len(entries) == len(articles)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("https://newsroom.example/articles/") for i in ids), ids
    updated = [datetime.fromisoformat(e.findtext(f"{ATOM}updated").replace("Z", "+00:00")) for e in entries]
    feed_updated = datetime.fromisoformat(feed.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
    assert feed_updated == max(updated)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href") == entry.findtext(f"{ATOM}id")
        assert _file_for(site, urlsplit(link.get("href")).path, "/").is_file()


def test_every_sitemap_location_is_a_built_page(site):
    urlset = ET.parse(site / "sitemap.xml").getroot()
    assert urlset.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") for u in urlset.findall(f"{SITEMAP}url")]
    assert len(locs) == len(set(locs)) > 10
    for loc in locs:
        assert loc.startswith("https://newsroom.example/"), loc
        assert _file_for(site, urlsplit(loc).path, "/").is_file(), loc


# -- TimelineJS ---------------------------------------------------------------------------------------

# TimelineJS 3's JSON format: {"title": slide, "events": [slide], "eras": [...], "scale": ...}; a slide has
# start_date {year (required), month, day, hour, minute, second, millisecond, display_date, format},
# end_date, text {headline, text}, media, group, display_date, background, autolink, unique_id.
SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
# factsheet's own additions, which TimelineJS ignores: the entry's rank and every source with its date
EXTRA_KEYS = {"importance", "status", "sources"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}


def _check_date(value: dict) -> tuple[int, int, int]:
    assert set(value) <= DATE_KEYS, value
    year = value["year"]
    assert isinstance(year, int) or (isinstance(year, str) and year.lstrip("-").isdigit()), value
    month, day = int(value.get("month", 1)), int(value.get("day", 1))
    assert 1 <= month <= 12 and 1 <= day <= 31
    if "day" in value:
        assert "month" in value, "a day needs its month"
    return int(year), month, day


def _check_timelinejs(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"title", "events", "eras", "scale"}
    assert isinstance(data["title"]["text"]["headline"], str) and data["title"]["text"]["headline"]
    assert data["events"], f"{path}: the timeline has events"
    ids = []
    for event in data["events"]:
        assert set(event) <= SLIDE_KEYS | EXTRA_KEYS, event
        assert event["importance"] in (1, 2, 3)
        assert event["status"] in ("checked", "extracted")
        assert all(isinstance(source["date"], str) for source in event["sources"])
        start = _check_date(event["start_date"])
        if "end_date" in event:
            assert _check_date(event["end_date"]) >= start
        assert isinstance(event["text"]["headline"], str) and event["text"]["headline"]
        ids.append(event.get("unique_id"))
    assert len(set(ids)) == len(ids)
    return data["events"]


def test_each_year_and_topic_timeline_follows_the_timelinejs_format(site):
    index = json.loads((site / "data/site.json").read_text(encoding="utf-8"))
    years = {y["year"]: _file_for(site, urlsplit(y["data"]).path, "/") for y in index["timeline"]}
    topics = {t["slug"]: _file_for(site, urlsplit(t["timeline"]).path, "/") for t in index["topics"]}
    assert sorted(p.parent.name for p in (site / "timeline").glob("*/timeline.json")) == sorted(
        p.parent.name for p in years.values())
    assert sorted(p.parent.name for p in (site / "topics").glob("*/timeline.json")) == sorted(topics)
    by_year = {year: _check_timelinejs(path) for year, path in years.items()}
    for path in topics.values():
        _check_timelinejs(path)
    assert all(int(e["start_date"]["year"]) == int(year) for year, events in by_year.items() for e in events
               if year.isdigit())
    flood = [e for e in by_year["2024"] if e["start_date"] == {"year": 2024, "month": 3, "day": 4}]
    assert len(flood) == 1
    # an entry is "checked" when an editor wrote one of its reports (an article's, as its facts.json says,
    # or a topic sheet's), "extracted" when the software found every one
    written = set()
    for facts in (site / "articles").glob("*/facts.json"):
        written |= {e["date"]["value"] for e in json.loads(facts.read_text(encoding="utf-8"))["events"]
                    if e["status"] == "checked"}
    statuses = {(e["status"], _date_value(e["start_date"]) in written) for events in by_year.values() for e in events}
    assert ("checked", True) in statuses and ("extracted", False) in statuses and ("extracted", True) not in statuses


# -- links ---------------------------------------------------------------------------------------------


def _date_value(start: dict) -> str:
    parts = [f"{start['year']:04d}"] + [f"{start[k]:02d}" for k in ("month", "day") if k in start]
    return "-".join(parts)


def _file_for(site: Path, path: str, base_path: str) -> Path:
    assert path.startswith(base_path), f"{path} is outside {base_path}"
    relative = unquote(path[len(base_path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return site / relative


def _links(site: Path, host: str | None, base_path: str):
    """(page, attribute value, target file, fragment) for every internal href and src of every page."""
    for page in sorted(site.rglob("*.html")):
        tree = parse_html(page)
        for node in tree.iter():
            for attr in ("href", "src"):
                value = node.attrs.get(attr)
                if value is None or value.startswith(("mailto:", "data:")):
                    continue
                parts = urlsplit(value)
                if parts.scheme and parts.netloc != host:
                    continue  # a link to the article's outlet, not to this site
                if not parts.path:
                    yield page, value, page, parts.fragment  # "#id" on the same page
                    continue
                yield page, value, _file_for(site, parts.path, base_path), parts.fragment


def _ids(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        cache[page] = {n.attrs["id"] for n in parse_html(page).iter() if "id" in n.attrs}
    return cache[page]


@pytest.mark.parametrize("which, host, base_path", [("site", "newsroom.example", "/"), ("sub_site", "example.github.io", "/sheets/")])
def test_every_internal_link_resolves(request, which, host, base_path):
    site = request.getfixturevalue(which)
    ids: dict = {}
    checked = 0
    for page, value, target, fragment in _links(site, host, base_path):
        assert target.is_file(), f"{page.relative_to(site)}: {value} leads nowhere"
        if fragment and target.suffix == ".html":
            assert fragment in _ids(target, ids), f"{page.relative_to(site)}: {value} has no #{fragment}"
        checked += 1
    assert checked > 200


def test_under_a_sub_path_every_page_link_starts_with_it(sub_site):
    for page in sub_site.rglob("*.html"):
        for node in parse_html(page).iter():
            for attr in ("href", "src", "action", "data-index", "data-base"):
                value = node.attrs.get(attr)
                if value and value.startswith("/"):
                    assert value.startswith("/sheets/"), f"{page.relative_to(sub_site)}: {attr}={value}"
