"""What the browser tests measure on a loaded page: errors, accessibility, overflow and focus.

Each function takes a Playwright page and returns plain data, so a failing
assertion prints what went wrong (the rule, the element, the request).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


@dataclass
class Visit:
    """Everything that went wrong while one page loaded."""

    url: str
    status: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


def visit(page, url: str) -> Visit:
    """Load `url` and record console errors, page errors and failed requests until the network is quiet.

    The main document's own status is returned rather than counted as a failure,
    so the 404 page can be checked as served. Requests to other sites (an
    article's photo) are blocked by the browser context and not counted: the
    tests run offline, and those files are not the site's to serve.
    """
    record = Visit(url, 0)
    in_flight: set = set()
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))

    def ours(resource: str) -> bool:
        return resource.startswith(origin)

    def on_console(message):
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and (source == url or not ours(source)):
            return  # the main document's status is judged by the caller; other sites are blocked
        record.console_errors.append(f"{message.text} ({source})")

    def on_page_error(error):
        record.console_errors.append(f"uncaught: {error}")

    def on_failed(request):
        in_flight.discard(request)
        if ours(request.url):
            record.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.status >= 400 and response.url != url and ours(response.url):
            record.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def on_request(request):
        in_flight.add(request)

    def on_finished(request):
        in_flight.discard(request)

    listeners = {
        "console": on_console,
        "pageerror": on_page_error,
        "request": on_request,
        "requestfinished": on_finished,
        "requestfailed": on_failed,
        "response": on_response,
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
        record.status = response.status if response else 0
        # Scripts may fetch after the load event (the search index does); wait for those to end.
        for _ in range(100):
            if not in_flight:
                break
            page.wait_for_timeout(50)
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    return record


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations, each as its rule, impact and offending elements."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]})
    return [
        {
            "rule": v["id"],
            "impact": v.get("impact"),
            "help": v["help"],
            "nodes": [(n["target"], n.get("failureSummary", "")) for n in v["nodes"]][:5],
        }
        for v in results.response["violations"]
    ]


def sideways_overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when nothing does)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


# Marks every element a keyboard user should reach; returns each one's unfocused outline and shadow.
_MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const candidates = Array.from(document.querySelectorAll(selector)).filter(el => {
    if (el.disabled || el.getAttribute('tabindex') === '-1') return false;
    const style = getComputedStyle(el);
    // what a closed <details> holds beyond its summary is not reachable until the reader opens it
    return style.visibility !== 'hidden' && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]')
      && !el.closest('details:not([open]) > :not(summary)');
  });
  window.__focusLook = el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      ? [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' ') : 'none';
    return {outline, shadow: s.boxShadow};
  };
  candidates.forEach((el, i) => el.setAttribute('data-focus-check', String(i)));
  const looks = candidates.map(el => window.__focusLook(el));
  if (document.activeElement) document.activeElement.blur();
  window.scrollTo(0, 0);
  return looks;
}"""

# Which marked element has focus now, how it looks, and the start of its markup for messages.
_ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || !el.hasAttribute('data-focus-check')) return null;
  return {index: Number(el.getAttribute('data-focus-check')), look: window.__focusLook(el), html: el.outerHTML.slice(0, 120)};
}"""


@dataclass(frozen=True)
class FocusWalk:
    """The result of tabbing through a page."""

    focusable: int
    reached: frozenset[int]
    without_indicator: tuple[str, ...]  # elements whose look did not change on focus


def tab_through(page) -> FocusWalk:
    """Press Tab from the top of the page until focus leaves the page or comes round again.

    Each element's outline and box-shadow are read before the walk (unfocused)
    and when Tab lands on it; a visible indicator is an outline or shadow that
    is there and differs from the unfocused look.
    """
    unfocused = page.evaluate(_MARK_FOCUSABLE)
    reached: set[int] = set()
    missing_indicator: list[str] = []
    for _ in range(len(unfocused) + 3):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if active is None:
            if reached:
                break  # focus has left the page's content: the walk is done
            continue
        index, look = active["index"], active["look"]
        if index in reached:
            break
        reached.add(index)
        shows_outline = look["outline"] not in ("none", unfocused[index]["outline"])
        shows_shadow = look["shadow"] not in ("none", unfocused[index]["shadow"])
        if not (shows_outline or shows_shadow):
            missing_indicator.append(active["html"])
    return FocusWalk(len(unfocused), frozenset(reached), tuple(missing_indicator))
