"""The review tools of `factsheet serve`: its endpoints, their guards, and the review queue page.

Endpoints (all under `/__factsheet/review`):

* `GET  /__factsheet/review`: the queue, every unchecked item of the site;
* `GET  /__factsheet/review/items?article=content/...`: one article's
  unchecked items and this session's changes to it, as JSON;
* `POST /__factsheet/review/act`: `{"action": "accept" | "edit" | "reject",
  "article", "key", "fields"}`;
* `POST /__factsheet/review/undo`: undo the session's last change.

The preview server is a local program that can write the user's files, so
a web page the user happens to visit must not be able to make it write.
Every request here must name this server in `Host` (a DNS-rebinding page
names its own domain), must not come from another origin (`Origin`,
`Sec-Fetch-Site`), and the JSON ones must carry the token made when serve
started (`X-Factsheet-Token`), which only pages served by this server hold.
A JSON body and a custom header also make any cross-origin attempt need a
CORS preflight, which this server never grants.
"""

from __future__ import annotations

import html
import json
import secrets
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from .review_client import SCRIPT
from .review import LIST_KEY, EDITABLE, ReviewError, ReviewSession, article_file, findings_of, grouped, \
    site_findings, summary_of

REVIEW_PATH = "/__factsheet/review"
TOKEN_HEADER = "X-Factsheet-Token"
MAX_BODY = 64 * 1024


def new_token() -> str:
    """The secret every write must carry; made once per `factsheet serve`."""
    return secrets.token_urlsafe(32)


def local_hosts(host: str, port: int) -> set[str]:
    """The `Host` values a request to this server may carry."""
    names = {"127.0.0.1", "localhost", "[::1]", host if ":" not in host else f"[{host}]"}
    return {f"{name}:{port}" for name in names}


def refusal(headers, host: str, port: int) -> str | None:
    """Why a request must be refused as not coming from this server's own pages, or None."""
    allowed = local_hosts(host, port)
    given = headers.get("Host")
    if given not in allowed:
        return "the Host header does not name this server"
    origin = headers.get("Origin")
    if origin is not None and origin != f"http://{given}":
        return "cross-origin requests are refused"
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        return "cross-site requests are refused"
    return None


def token_ok(headers, token: str) -> bool:
    return secrets.compare_digest(headers.get(TOKEN_HEADER, "").encode("utf-8"), token.encode("utf-8"))


class ReviewEndpoints:
    """What the serve handler calls for a path under `/__factsheet/review`."""

    def __init__(self, root: Path, host: str, token: str):
        self.root = root
        self.host = host
        self.token = token
        self.session = ReviewSession(root)

    def handle(self, handler, method: str, path: str, query: str, port: int) -> tuple[int, bytes, str]:
        """(status, body, content type) for one request; nothing is written unless every check passes."""
        why = refusal(handler.headers, self.host, port)
        if why:
            return _error(HTTPStatus.FORBIDDEN, why)
        if method == "GET" and path in (REVIEW_PATH, REVIEW_PATH + "/"):
            return HTTPStatus.OK, queue_page(self.root).encode("utf-8"), "text/html"
        if not token_ok(handler.headers, self.token):
            return _error(HTTPStatus.FORBIDDEN, f"the request lacks this server's {TOKEN_HEADER}")
        try:
            if method == "GET" and path == REVIEW_PATH + "/items":
                article = (parse_qs(query).get("article") or [""])[0]
                return _json(HTTPStatus.OK, self.items(article))
            if method == "POST" and path == REVIEW_PATH + "/act":
                data = _body(handler)
                change = self.session.act(str(data.get("action")), data.get("article"), data.get("key"),
                                          data.get("fields"))
                return _json(HTTPStatus.OK, {"ok": True, "change": change.to_json()})
            if method == "POST" and path == REVIEW_PATH + "/undo":
                _body(handler)
                change = self.session.undo()
                return _json(HTTPStatus.OK, {"ok": True, "undone": change.to_json()})
        except ReviewError as error:
            return _json(error.status, {"ok": False, "error": error.message, "fields": error.fields})
        return _error(HTTPStatus.NOT_FOUND, "no such review endpoint")

    def items(self, article: str) -> dict:
        path = article_file(self.root, article)
        shown = [f.to_json() for f in findings_of(self.root, path)]
        return {"article": article, "items": shown, "done": self.session.done(article),
                "undo": bool(self.session.changes), "editable": EDITABLE}


def _body(handler) -> dict:
    """The request's JSON object; refused unless it is JSON, present and small."""
    kind = (handler.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise ReviewError(415, "send JSON (Content-Type: application/json)")
    try:
        length = int(handler.headers.get("Content-Length") or "")
    except ValueError:
        raise ReviewError(411, "Content-Length is required") from None
    if not 0 <= length <= MAX_BODY:
        raise ReviewError(413, "request too large")
    try:
        data = json.loads(handler.rfile.read(length) or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ReviewError(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise ReviewError(400, "the body must be a JSON object")
    return data


def _json(status: int, data: dict) -> tuple[int, bytes, str]:
    return status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json"


def _error(status: int, message: str) -> tuple[int, bytes, str]:
    return _json(status, {"ok": False, "error": message, "fields": {}})


def queue_page(root: Path) -> str:
    """The review queue: every unchecked item of the site by article and kind, with counts."""
    findings = site_findings(root)
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Review queue · factsheet serve</title>",
           "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111;"
           "background:#fff}.from{color:#444;font-size:.9rem;margin:0 0 .5rem}li{margin:.3rem 0}</style>",
           "</head>", "<body>", "<main>", "<h1>Review queue</h1>",
           f"<p>{len(findings)} unchecked item{'s' if len(findings) != 1 else ''}: found in the text by the "
           "software and not yet accepted, edited or rejected. Open an article to review it.</p>"]
    for article, group in grouped(findings):
        first = group[0]
        out.append(f'<section aria-labelledby="a-{e(first.slug)}">')
        out.append(f'<h2 id="a-{e(first.slug)}"><a href="/articles/{e(first.slug)}/">{e(first.title)}</a> '
                   f"({len(group)})</h2>")
        out.append(f"<p><code>{e(article)}</code></p>")
        for kind, plural in LIST_KEY.items():
            items = [f for f in group if f.kind == kind]
            if not items:
                continue
            out.append(f"<h3>{e(plural.capitalize())} ({len(items)})</h3>")
            out.append("<ul>")
            for f in items:
                out.append(f'<li data-item-key="{e(f.key)}">{e(summary_of(f.kind, f.fields))}'
                           f'<p class="from">From line {f.line}: {e(f.sentence)}</p></li>')
            out.append("</ul>")
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def client_script(token: str) -> bytes:
    """The review panel's script element, for a page served to this server's own address."""
    js = SCRIPT.replace("__TOKEN__", json.dumps(token)).replace("__BASE__", json.dumps(REVIEW_PATH))
    js = js.replace("</", "<\\/")  # nothing inside may end the script element early
    return f"<script>\n{js}</script>\n".encode("utf-8")
