"""`factsheet serve`: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

The site is built into `.factsheet-serve/` in the site folder (not `site/`,
which keeps holding what `factsheet build` last wrote for publishing) with
the base URL `/`. The operating system tells a watcher thread when anything in
`content/`, `templates/`, `static/` or `site.yaml`
changes (through watchfiles, see
`watch.py`); the thread then compares the modification times and sizes of
those files with the last build's, and when something changed and then stayed
unchanged for one more look, it rebuilds. Where watchfiles cannot start, it
says so once and compares every 0.3 s instead.

Every HTML page the server sends (never the built files) gets a small script
that listens on `/__factsheet/events`, a Server-Sent Events stream. Each
message is the build status as JSON: the id of the last good build, whether
the latest attempt succeeded and its diagnostics. The page reloads when a new
good build appears and shows the diagnostics in an overlay when a build
failed. A failed build writes nothing, so the last good site stays served.
"""

from __future__ import annotations

import json
import mimetypes
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from ..build.pipeline import build
from ..build.lock import SiteBusy, site_lock
from ..build.write import OutputError, safe_join
from .review_http import REVIEW_PATH, ReviewEndpoints, client_script, local_hosts, new_token
from .watch import Notifier, WatchUnavailable, ignored

SERVE_DIR = ".factsheet-serve"
WATCHED = ("content", "templates", "static", "site.yaml")
EVENTS_PATH = "/__factsheet/events"
POLL_SECONDS = 0.3
KEEPALIVE_SECONDS = 15.0


@dataclass(frozen=True)
class BuildStatus:
    """What the event stream tells the browser after each build attempt."""

    attempt: int  # counts build attempts; a new one means a new message
    build_id: str  # the last good build, "" while there is none
    ok: bool  # did the latest attempt succeed
    diagnostics: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps({"attempt": self.attempt, "build": self.build_id, "ok": self.ok,
                           "diagnostics": list(self.diagnostics)}, ensure_ascii=False)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file; editors' hidden and backup files are left out."""
    state: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else (sorted(top.rglob("*")) if top.is_dir() else [])
        for path in paths:
            if ignored(path.name):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted while we looked; the next look sees it gone
            if path.is_file():
                state[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return state


class DevServer:
    """The build-watch-serve loop. `start()` returns at once; `stop()` ends every thread."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000, *, out: Path | None = None,
                 strict: bool = False, interval: float = POLL_SECONDS, log: TextIO | None = None,
                 publishing: dict | None = None):
        self.root = root
        self.publishing = publishing or {}  # build()'s drafts, future and today
        self.out = out or root / SERVE_DIR
        self.strict = strict
        self.interval = interval
        self.log = log or sys.stderr
        self.host, self.port = host, port
        # the review tools (review_http.py): their writes need this token, which only served pages hold
        self.review = ReviewEndpoints(root, host, new_token())
        self.status = BuildStatus(0, "", False)
        self.building = threading.Event()
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self._httpd: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._notifier: Notifier | None = None
        self._woken = threading.Event()  # set by the notifier when something may have changed
        self._polling = threading.Event()  # set when there is no notifier: look every `interval`

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def _say(self, text: str) -> None:
        print(text, file=self.log, flush=True)

    def rebuild(self) -> BuildStatus:
        """One build into the serve folder; the status (and the event stream) say how it went."""
        self.building.set()
        try:
            result = self._build_when_free()
        except (OutputError, SiteBusy) as error:
            result = None
            lines: tuple[str, ...] = (f"{self.out}: error: {error}",)
        except Exception as error:  # noqa: BLE001 - e.g. a syntax error in a template being edited: keep serving
            result = None
            lines = (f"factsheet: error: the build stopped: {type(error).__name__}: {error}",)
        finally:
            self.building.clear()
        if result is not None:
            lines = tuple(str(d) for d in result.diagnostics.sorted())
        for line in lines:
            self._say(line)
        ok = result is not None and result.wrote
        previous = self.status
        build_id = f"{time.time_ns():x}" if ok else previous.build_id
        if ok:
            self._say(f"factsheet: built {result.pages_written} files in {result.seconds:.2f} s")
        else:
            kept = "the last good site is still served" if previous.build_id else "nothing to serve yet"
            self._say(f"factsheet: build failed; {kept}")
        with self._changed:
            self.status = BuildStatus(previous.attempt + 1, build_id, ok, lines if not ok else ())
            self._changed.notify_all()
        return self.status

    def _build_when_free(self, patience: float = 10.0):
        """Build under the site's lock, waiting for a `factsheet build` running in the same folder."""
        deadline = time.monotonic() + patience
        while True:
            try:
                with site_lock(self.root):
                    return build(self.root, self.out, base_url="/", strict=self.strict, **self.publishing)
            except SiteBusy:
                if time.monotonic() > deadline or self.stopping.is_set():
                    raise
                time.sleep(0.2)

    def wait_for_status(self, seen_attempt: int, timeout: float) -> BuildStatus:
        """The status once it is newer than `seen_attempt`, or as it is after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.status.attempt != seen_attempt or self.stopping.is_set(), timeout)
            return self.status

    def _start_notifier(self) -> None:
        """Watch through watchfiles; without it, poll (and say so once)."""
        self._notifier = Notifier(self.root, self._woken.set, self._notifier_failed)
        try:
            self._notifier.start()
        except WatchUnavailable as error:
            self._notifier = None
            self._fall_back(str(error))

    def _notifier_failed(self, error: Exception) -> None:
        self._fall_back(f"{type(error).__name__}: {error}")

    def _fall_back(self, reason: str) -> None:
        if self._polling.is_set():
            return
        self._polling.set()
        self._woken.set()  # the watch loop may be waiting for a notification that will not come
        self._say(f"factsheet: cannot watch for changes with watchfiles ({reason}); "
                  f"looking for changes every {self.interval:g} s instead")

    def _wait_for_change(self) -> bool:
        """Wait until something may have changed; False once the server is stopping."""
        if self._polling.is_set():
            return not self.stopping.wait(self.interval)
        self._woken.wait()
        self._woken.clear()  # before looking, so a change made while we look wakes us again
        return not self.stopping.is_set()

    def _watch(self, seen: dict[str, tuple[int, int]]) -> None:
        while self._wait_for_change():
            now = snapshot(self.root)
            if now == seen:
                continue
            # an editor or `git checkout` may still be writing: wait until one more look sees no change
            while not self.stopping.wait(self.interval / 2):
                again = snapshot(self.root)
                if again == now:
                    break
                now = again
            seen = now
            if not self.stopping.is_set():
                self.rebuild()

    def start(self) -> None:
        """Take the port, build once, then serve and watch in background threads."""
        handler = type("Handler", (_Handler,), {"dev": self})
        self._httpd = ThreadingHTTPServer((self.host, self.port), handler)  # a taken port fails before the build
        self._httpd.daemon_threads = True  # open event streams must not hold up Ctrl-C
        self.port = self._httpd.server_address[1]
        # watching and the snapshot begin before the build, so an edit made during it is not missed
        self._start_notifier()
        seen = snapshot(self.root)
        self.rebuild()
        for target, args in ((self._httpd.serve_forever, ()), (self._watch, (seen,))):
            thread = threading.Thread(target=target, args=args, name=f"factsheet-serve-{target.__name__}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """End serving, watching and every event stream."""
        self.stopping.set()
        self._woken.set()  # wakes the watch loop so it can end
        if self._notifier is not None:
            self._notifier.close()
        with self._changed:
            self._changed.notify_all()  # wakes every event stream so it can end
        if self._httpd is not None:
            if self._threads:  # shutdown() waits for serve_forever, which only runs once started
                self._httpd.shutdown()
            self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def serve_forever(self) -> None:
        """`factsheet serve`: runs until Ctrl-C."""
        try:
            self.start()
            self._say(f"factsheet: serving {self.out} at {self.url} (Ctrl-C to stop)")
            while not self.stopping.wait(1.0):
                pass
        except KeyboardInterrupt:
            self._say("factsheet: stopping")
        finally:
            self.stop()


class _Handler(BaseHTTPRequestHandler):
    """Serves the serve folder, adds the reload script to HTML, and streams build events."""

    dev: DevServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal is for build messages; a line per request would drown them

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith(REVIEW_PATH + "/"):
            self._review("POST", path, parts.query, body=True)
        else:
            self.close_connection = True  # the request body, if any, was not read
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain", True)

    def _review(self, method: str, path: str, query: str, body: bool) -> None:
        status, data, kind = self.dev.review.handle(self, method, path, query, self.dev.port)
        if method == "POST" and status >= 400:
            self.close_connection = True  # a refused request's body may be unread
        if kind == "text/html":
            data = inject(data, self.dev.status.build_id)
        self._send(HTTPStatus(status), data, kind, body)

    def _respond(self, body: bool) -> None:
        parts = urlsplit(self.path)
        raw = parts.path
        path = unquote(raw)
        if path == EVENTS_PATH:
            self._events()
            return
        if path == REVIEW_PATH or path.startswith(REVIEW_PATH + "/"):
            self._review("GET", path, parts.query, body)
            return
        if not path.endswith("/") and self._find(path) is None and self._find(path + "/") is not None:
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", body, location=raw + "/")
            return
        file = self._find(path)
        status = HTTPStatus.OK
        if file is None:
            status, file = HTTPStatus.NOT_FOUND, self._find("/404.html")
        data = self._read(file) if file is not None else None
        if data is None:
            status, data = HTTPStatus.NOT_FOUND, b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>"
            kind = "text/html"
        else:
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            # the review script holds the write token: only pages asked for by this server's own
            # address get it (a DNS-rebinding page names another host)
            local = self.headers.get("Host") in local_hosts(self.dev.host, self.dev.port)
            data = inject(data, self.dev.status.build_id, client_script(self.dev.review.token) if local else b"")
        self._send(status, data, kind, body)

    def _find(self, path: str) -> Path | None:
        relative = path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        try:
            file = safe_join(self.dev.out, relative)
        except OutputError:
            return None
        # the build swaps the new site in with two renames: while the folder is missing, wait out
        # that instant rather than answer 404
        for _ in range(20):
            if file.is_file() or not self.dev.building.is_set() or self.dev.out.is_dir():
                break
            time.sleep(0.025)
        return file if file.is_file() else None

    @staticmethod
    def _read(file: Path) -> bytes | None:
        try:
            return file.read_bytes()
        except OSError:
            return None

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool, location: str | None = None) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind in ("application/json", "application/javascript") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not self.dev.stopping.is_set():
                status = self.dev.wait_for_status(seen, KEEPALIVE_SECONDS)
                if self.dev.stopping.is_set():
                    break
                if status.attempt != seen:
                    seen = status.attempt
                    self.wfile.write(f"event: build\ndata: {status.to_json()}\n\n".encode("utf-8"))
                else:
                    self.wfile.write(b": still here\n\n")  # keeps proxies and the browser from timing out
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the page was closed or reloaded


# The script added to every served page. It holds the build id the page was served with,
# reloads when a newer good build is announced, and shows a failed build's diagnostics.
_CLIENT = """<script>
(function () {
  "use strict";
  var served = %s, overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(lines) {
    hide();
    overlay = document.createElement("section");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "factsheet-build-error-title");
    overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#111;border:3px solid #b00020;border-radius:.4rem;padding:1rem;font:15px/1.4 system-ui,sans-serif;" +
      "box-shadow:0 .5rem 2rem rgba(0,0,0,.35)";
    var title = document.createElement("h2");
    title.id = "factsheet-build-error-title";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020";
    title.textContent = "The site did not build";
    var note = document.createElement("p");
    note.style.margin = "0 0 .5rem";
    note.textContent = "This page is the last good build. Fix the problems below and save: the page reloads by itself.";
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:0 0 .5rem;font:13px/1.4 ui-monospace,monospace";
    list.textContent = lines.join("\\n");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.addEventListener("click", hide);
    overlay.append(title, note, list, close);
    document.body.appendChild(overlay);
  }
  if (!window.EventSource) return;
  var events = new EventSource("%s");
  events.addEventListener("build", function (message) {
    var status = JSON.parse(message.data);
    if (!status.ok) { show(status.diagnostics); return; }
    if (status.build !== served) { events.close(); window.location.reload(); return; }
    hide();
  });
})();
</script>
"""


def inject(html: bytes, build_id: str, extra: bytes = b"") -> bytes:
    """The page with the reload script (and `extra`) added before </body> (at the end when there is none)."""
    script = (_CLIENT % (json.dumps(build_id), EVENTS_PATH)).encode("utf-8") + extra
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, strict: bool = False,
          publishing: dict | None = None) -> None:
    """Build, serve and rebuild on change until Ctrl-C (`publishing`: build()'s drafts, future and today)."""
    DevServer(root, host, port, strict=strict, publishing=publishing).serve_forever()
