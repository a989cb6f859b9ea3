"""XSS in a real browser: payloads in every field of a site, and not one of them runs.

A site is written with a payload in every place a user's words reach a page
(title, tags, topics, summary, quotes, facts, events, people, entity names
and aliases, image alt/caption/credit, claim text and verdict, source and
site settings, and the body: Markdown links, raw HTML). It is built twice,
with `allow_html` off and on, served on 127.0.0.1, and every page is loaded
in headless Chromium (plus the search page with hostile queries). Each
payload tries to set `window.__xss` or open a dialog; the test asserts that
no dialog ever opened, the sentinel is never set, and the DOM the browser
built has no event-handler attribute, no foreign script and no link or
image whose resolved protocol is not http(s).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from tests.browser.sites import SiteServer, build_site

RUN = "window.__xss=1;alert(1)"
PAYLOADS = [
    f'<img src=x onerror="{RUN}">',
    f"<script>{RUN}</script>",
    f'"><svg onload="{RUN}">',
    f"'><details open ontoggle='{RUN}'>",
    f"</script><script>{RUN}</script>",
    f"javascript:{RUN}",
]
TEXT = " ".join(PAYLOADS)  # one string carrying every payload

BODY = textwrap.dedent(f"""
    Intro {TEXT}

    [a link](javascript:{RUN}) [b](JaVaScRiPt:{RUN}) [c](java&#x09;script:{RUN}) [d](data:text/html,<script>{RUN}</script>)
    ![pic](javascript:{RUN}) [e](vbscript:msgbox(1))

    <img src=x onerror="{RUN}"><script>{RUN}</script><iframe src="javascript:{RUN}"></iframe>
    <a href="jav&#x61;script:{RUN}">entity</a> <a href=" JAVASCRIPT:{RUN}">case</a> <div onmouseover="{RUN}">hover</div>
    <svg><script>{RUN}</script></svg><math><mtext><table><mglyph><style><img src=x onerror="{RUN}">
    <noscript><p title="</noscript><img src=x onerror={RUN}>"></noscript>
    <details open ontoggle="{RUN}">d</details><object data="javascript:{RUN}"></object>
    </div></main><base href="javascript:{RUN}//">
""")


def _front() -> dict:
    return {
        "title": f"Title {TEXT}",
        "date": "2015-12-02",
        "summary": f"Summary {TEXT}",
        "source": {"name": f"Source {TEXT}", "url": f"https://example.com/?q=\"'><script>{RUN}</script>"},
        "authors": [f"Author {TEXT}"],
        "tags": [f"tag {payload}" for payload in PAYLOADS],
        "topics": ["evil-topic"],
        "image": {"src": f"https://example.com/a.jpg?\"onerror=\"{RUN}", "alt": f"Alt {TEXT}",
                  "caption": f"Caption {TEXT}", "credit": f"Credit {TEXT}"},
        "facts": [{"label": f"Label {TEXT}", "value": f"Value {TEXT}", "unit": f"unit {TEXT}", "note": f"Note {TEXT}"}],
        "events": [{"date": "2015-11-13", "text": f"Event {TEXT}"}],
        "people": [{"name": f"Person {PAYLOADS[0]}", "role": f"Role {TEXT}", "org": f"Org {TEXT}"}],
        "quotes": [{"text": f"Quote {TEXT}", "speaker": f"Speaker {PAYLOADS[1]}", "via": f"Via {TEXT}"}],
        "claims": [{"claim": f"Claim {TEXT}", "by": f"By {TEXT}", "verdict": f"Verdict {TEXT}",
                    "explanation": f"Explanation {TEXT}", "url": f"https://example.com/\"onclick=\"{RUN}"}],
    }


def write_fixture(root: Path, allow_html: bool) -> None:
    """The hostile site: one article, one topic, one entity, and site.yaml, all carrying payloads."""
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "topics").mkdir()
    (root / "content" / "entities").mkdir()
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    (root / "site.yaml").write_text(dump({"title": f"Site {TEXT}", "description": f"Description {TEXT}",
                                          "author": f"Site author {TEXT}", "allow_html": allow_html}), encoding="utf-8")
    (root / "content" / "articles" / "evil.md").write_text(f"---\n{dump(_front())}---\n{BODY}", encoding="utf-8")
    (root / "content" / "topics" / "evil-topic.md").write_text(
        f"---\n{dump({'title': f'Topic {TEXT}', 'summary': f'Topic summary {TEXT}', 'tags': [f'ttag {TEXT}']})}---\n"
        f"{BODY}", encoding="utf-8")
    (root / "content" / "entities" / "evil.yaml").write_text(dump({
        "name": f"Entity {PAYLOADS[0]}", "kind": "organisation", "aliases": [f"Alias {p}" for p in PAYLOADS[:3]],
        "description": f"Description {TEXT}", "url": f"https://example.com/\"onfocus=\"{RUN}"}), encoding="utf-8")


@pytest.fixture(scope="module", params=[False, True], ids=["allow_html-off", "allow_html-on"])
def hostile_server(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"xss-{request.param}")
    write_fixture(root / "src", request.param)
    server = SiteServer(build_site("xss", root / "src", root / "site"))
    yield server
    server.close()


DOM_CHECK = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) problems.push(el.tagName + ' ' + attr.name);
    }
  }
  for (const s of document.scripts) {
    const json = ['application/ld+json', 'application/json'].includes(s.type);
    const theme = s.src && new URL(s.src).pathname.includes('/assets/') && s.src.endsWith('.js');
    if (!json && !theme) problems.push('script ' + (s.src || s.textContent.slice(0, 60)));
  }
  // the one svg allowed: the theme's overview strip, holding only its shapes and links within the page
  const stripTags = new Set(['line', 'rect', 'title', 'path', 'a', 'circle', 'text']);
  const isStrip = el => el.matches('svg.overview-strip')
    && Array.from(el.querySelectorAll('*')).every(c => stripTags.has(c.tagName.toLowerCase()));
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (a instanceof SVGElement) {
      const strip = a.closest('svg');
      if (!(strip && isStrip(strip) && a.getAttribute('href').startsWith('#'))) problems.push('svg link ' + a.getAttribute('href'));
    } else if (!['http:', 'https:'].includes(a.protocol)) problems.push('link ' + a.getAttribute('href'));
  }
  for (const el of document.querySelectorAll('img, iframe, embed, object, source, video, audio, frame')) {
    const url = el.src || el.data || '';
    if (url && !/^https?:/.test(url)) problems.push(el.tagName + ' ' + url);
  }
  for (const el of document.querySelectorAll('iframe, object, embed, svg, math, base, style')) {
    if (!isStrip(el)) problems.push(el.tagName);
  }
  return problems;
}"""


def _pages(server: SiteServer) -> list[str]:
    paths = server.site.page_paths()
    queries = ["script", "xss", "onerror", '<img src=x onerror="window.__xss=1">', "Title", "Entity"]
    return paths + [f"search/?q={quote(q)}" for q in queries]


def test_no_payload_runs_on_any_page(hostile_server, browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(hostile_server.origin)
                  else route.abort("blockedbyclient"))
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    visited, findings = 0, {}
    try:
        for path in _pages(hostile_server):
            page.goto(hostile_server.url(path), wait_until="load")
            page.wait_for_timeout(50)  # let deferred scripts and ontoggle-style events fire
            if page.evaluate("() => window.__xss !== undefined"):
                findings[path] = ["window.__xss was set"]
            problems = page.evaluate(DOM_CHECK)
            if problems:
                findings.setdefault(path, []).extend(problems)
            visited += 1
    finally:
        context.close()
    assert visited >= 12, "the fixture should produce pages of every kind"
    assert dialogs == []
    assert findings == {}
