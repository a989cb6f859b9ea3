"""Property tests: generated front matter and bodies never crash the build, and what it writes is safe.

Each example is a small site: an article (and sometimes a topic and an
entity) whose front matter is either generated YAML values of every kind
or raw, possibly broken, YAML text, and whose body mixes Markdown, raw
HTML and XSS payloads; site.yaml sometimes sets `allow_html: true`. The
build may report diagnostics, but it must never raise. When it writes a
site, every file is inside the output folder and the site passes
`tests.hostile.safety.site_problems` (no live markup, no unsafe links).

The normal suite runs 300 examples per property; more with
`FACTSHEET_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -s`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.pipeline import build
from generator.site.sanitize import ALLOWED_TAGS, sanitize_html
from generator.content.validate import ARTICLE_KEYS, ENTITY_KEYS
from tests.hostile.safety import scan_page, site_problems

EXAMPLES = int(os.environ.get("FACTSHEET_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COUNTS = {"sites": 0, "written": 0, "refused": 0, "fragments": 0}

PAYLOADS = [
    "<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">', "javascript:window.__xss=1",
    " JaVa\tScRiPt:x", "data:text/html,<script>x</script>", "vbscript:x", "</script>", "<!--", "]]>", '"><svg onload=x>',
    "'onmouseover='x", "&#106;avascript:x", "&colon;", "../../../etc/passwd", "C:\\Windows", "/abs", "\x00", "\u2028",
    "=SUM(1)", "+1", "-1", "@x", "{{ 7*7 }}", "{% raw %}", "${x}", "con", "NUL", "a" * 90, "13 November 2015",
    "2015-11-13", "~2015", "2015?", "../2015", "no", "yes", "~", "null", ".nan", "0x1F", "012", "1:30", "*a", "&a",
    "<<", "!!python/object:os.system", "[", "{", "- ", ": ", "#", "|", ">", "\t", "\r\n", "\ufeff", "\u202e",
]
hostile_text = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40),
                         st.lists(st.sampled_from(PAYLOADS), max_size=4).map("".join))
scalars = st.one_of(hostile_text, st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.booleans(), st.none(),
                    st.dates(min_value=date(1, 1, 1)))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(hostile_text, inner, max_size=4)), max_leaves=12)
list_keys = ("facts", "events", "people", "quotes", "claims")
entry_keys = ("label", "value", "unit", "as_stated", "note", "date", "text", "name", "role", "org", "speaker", "via",
              "claim", "by", "verdict", "explanation", "url", "source")
# Mostly values of the right kind, so that most sites get past validation and their output is checked too.
mostly_text = st.one_of(*[hostile_text] * 9, values)
event_dates = st.one_of(st.dates(min_value=date(1000, 1, 1)), hostile_text,
                        st.sampled_from(["2015", "2015-11", "~2015", "2015?", "2015-11-13/2015-11-15", "../2015-12-02"]))
ENTRY_FIELDS = {  # each kind of entry: its required keys, then its optional ones
    "facts": ({"label": hostile_text, "value": st.one_of(hostile_text, scalars)}, ("unit", "as_stated", "note")),
    "events": ({"date": event_dates, "text": hostile_text}, ("as_stated",)),
    "people": ({"name": hostile_text}, ("role", "org")),
    "quotes": ({"text": hostile_text}, ("speaker", "via", "as_stated")),
    "claims": ({"claim": hostile_text}, ("by", "verdict", "explanation", "url")),
}


def _entry(kind: str):
    required, optional = ENTRY_FIELDS[kind]
    return st.fixed_dictionaries(required, optional={key: hostile_text for key in optional})


entries = st.dictionaries(st.sampled_from(entry_keys), mostly_text, max_size=6)
front_matters = st.fixed_dictionaries(
    {"title": mostly_text, "date": st.one_of(*[st.dates(min_value=date(1000, 1, 1))] * 8, st.dates(), values)},
    optional={**{key: mostly_text for key in sorted(ARTICLE_KEYS - {"title", "date", "draft", "extract", *list_keys})},
              **{key: st.lists(st.one_of(*[_entry(key)] * 9, entries), max_size=3)
                 for key in list_keys},
              "tags": st.lists(hostile_text, max_size=3), "authors": st.lists(hostile_text, max_size=2),
              "topics": st.lists(st.sampled_from(["t", "../t", "T!", "x"]), max_size=2),
              "source": st.fixed_dictionaries({}, optional={"name": hostile_text, "url": hostile_text}),
              "image": st.fixed_dictionaries({}, optional={k: hostile_text for k in ("src", "alt", "caption", "credit")})},
)
markdown_bits = st.sampled_from([
    "\n\n", "# ", "**", "_", "`", "```\n", "> ", "- ", "1. ", "[link](", ")", "![img](", "<", ">", "&", "|", "---\n",
    "<p>", "</p>", "<a href=", "<div>", "</div>", "</main>", '"', "'", "\n",
])
bodies = st.lists(st.one_of(hostile_text, markdown_bits), max_size=30).map("".join)
raw_front = st.lists(st.one_of(hostile_text, st.sampled_from(["\n", ": ", "title: ", "date: 2015-12-02\n", "  "])),
                     max_size=20).map("".join)


def _dump(front: dict) -> str:
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False)


@st.composite
def sites(draw) -> dict[str, str]:
    """A site as {relative path: text}."""
    front = draw(front_matters)
    header = draw(raw_front) if draw(st.integers(0, 9)) == 0 else _dump(front)
    files = {f"content/articles/{draw(st.sampled_from(['a', 'CON', 'a b', '..x', 'ü']))}.md":
             f"---\n{header}---\n{draw(bodies)}"}
    if draw(st.booleans()):
        files["content/topics/t.md"] = f"---\n{_dump({'title': draw(hostile_text)})}---\n{draw(bodies)}"
    if draw(st.booleans()):
        entity = {key: draw(mostly_text) for key in draw(st.sets(st.sampled_from(sorted(ENTITY_KEYS)), max_size=4))}
        entity.setdefault("name", draw(hostile_text))
        files["content/entities/e.yaml"] = _dump(entity)
    if draw(st.booleans()):
        files["site.yaml"] = _dump({"allow_html": True, "title": draw(hostile_text)})
    return files


@FUZZ
@given(sites())
def test_generated_sites_never_crash_and_are_safe(files):
    with tempfile.TemporaryDirectory() as scratch:
        root, out = Path(scratch) / "src", Path(scratch) / "out" / "site"
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = build(root, out)  # any exception here is a crash: the property fails
        COUNTS["sites"] += 1
        if COUNTS["sites"] % 500 == 0:
            print(f"fuzz progress: {COUNTS}", file=sys.stderr, flush=True)
        assert all(d.location.path for d in result.diagnostics.items)
        if not result.wrote:
            COUNTS["refused"] += 1
            assert result.diagnostics.failed() and not out.exists()
            return
        COUNTS["written"] += 1
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
        assert site_problems(out) == []


html_bits = st.sampled_from([
    "<", ">", "</", "/>", "=", '"', "'", " ", "&", "#", ";", "x", "script", "img", "a", "p", "svg", "style", "iframe",
    "href", "src", "onerror", "onclick", "style", "javascript:", "java\tscript:", "&#106;", "&colon;", "data:",
    "<!--", "-->", "<![CDATA[", "]]>", "<!doctype", "\n", "noscript", "textarea", "title", "em", "table", "td",
])


@FUZZ
@given(st.lists(st.one_of(html_bits, st.sampled_from(PAYLOADS)), max_size=40).map("".join))
def test_sanitised_fragments_have_no_live_markup(fragment):
    cleaned = sanitize_html(fragment)
    COUNTS["fragments"] += 1
    scan = scan_page(cleaned)
    assert scan.problems == [] and scan.scripts == []
    assert sanitize_html(cleaned) == cleaned


def teardown_module(module) -> None:
    print(f"\nfuzz: {COUNTS['sites']} sites built ({COUNTS['written']} written, {COUNTS['refused']} refused with "
          f"diagnostics), {COUNTS['fragments']} HTML fragments sanitised; 0 crashes, 0 escapes")
