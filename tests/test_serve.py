"""`factsheet serve`: edits show up in the served page, a broken edit keeps the last good site up.

The server runs in this process on a free port against a temporary copy of
the newsroom fixture; the event stream is read the way the page's script
reads it. One test runs the real command and stops it with Ctrl-C (SIGINT).
"""

from __future__ import annotations

import http.client
import io
import json
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from generator.cli.serve import EVENTS_PATH, SERVE_DIR, DevServer, inject, snapshot
from tests.test_newsroom_site import SITE, parse_html

ARTICLE = "content/articles/river-aske-floods-kelsham.md"
PAGE = "articles/river-aske-floods-kelsham/"
TITLE = "River Aske bursts its banks and floods Kelsham town centre"


class EventStream:
    """Reads /__factsheet/events in a thread; each build message lands in a queue."""

    def __init__(self, host: str, port: int):
        self.messages: queue.Queue = queue.Queue()
        self._connection = http.client.HTTPConnection(host, port, timeout=30)
        self._connection.request("GET", EVENTS_PATH)
        response = self._connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")
        self._thread = threading.Thread(target=self._read, args=(response,), daemon=True)
        self._thread.start()

    def _read(self, response) -> None:
        event = None
        try:
            for raw in response.fp:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[len("event: "):]
                elif line.startswith("data: ") and event == "build":
                    self.messages.put(json.loads(line[len("data: "):]))
        except (OSError, ValueError):
            pass  # the server closed the stream

    def next(self, predicate, timeout: float = 10.0) -> dict:
        """The first message (from now on) that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if predicate(message):
                return message

    def close(self) -> None:
        self._connection.close()


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "newsroom"
    shutil.copytree(SITE, root)
    server = DevServer(root, "127.0.0.1", 0, log=io.StringIO())
    server.start()
    yield root, server
    server.stop()


def fetch(server: DevServer, path: str) -> tuple[int, str, str]:
    try:
        with urlopen(server.url + path, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


def heading(html: str) -> str:
    return [h for h in parse_html_text(html).find_all("h1")][0].text()


def parse_html_text(html: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as file:
        file.write(html)
    try:
        return parse_html(Path(file.name))
    finally:
        Path(file.name).unlink()


def edit(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_are_served_with_the_reload_script_and_the_build_stays_clean(served):
    root, server = served
    status, kind, html = fetch(server, PAGE)
    assert status == 200 and kind.startswith("text/html")
    assert heading(html) == TITLE
    assert EVENTS_PATH in html
    built = (root / SERVE_DIR / PAGE / "index.html").read_text(encoding="utf-8")
    assert EVENTS_PATH not in built, "the script is added when serving, never to the built files"
    assert not (root / "site").exists(), "serve leaves site/ alone"
    status, kind, data = fetch(server, "search/index.json")
    assert status == 200 and kind.startswith("application/json") and EVENTS_PATH not in data
    status, _, missing = fetch(server, "no-such-page/")
    assert status == 404 and "Page not found" in missing


def test_an_edit_is_served_within_two_seconds(served):
    root, server = served
    edit(root, f"title: {TITLE}", "title: The Aske floods Kelsham again")
    started = time.monotonic()
    while time.monotonic() - started < 5:
        if heading(fetch(server, PAGE)[2]) == "The Aske floods Kelsham again":
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    assert heading(fetch(server, PAGE)[2]) == "The Aske floods Kelsham again"
    assert elapsed < 2.0, f"the change took {elapsed:.2f} s to show"


def test_a_broken_edit_keeps_the_last_good_site_and_the_stream_reports_it(served):
    root, server = served
    stream = EventStream(server.host, server.port)
    try:
        first = stream.next(lambda m: True)
        assert first["ok"] and first["build"]

        edit(root, "tags: [floods, weather]", "tags: [floods, weather")  # an unclosed list
        failed = stream.next(lambda m: not m["ok"])
        assert failed["build"] == first["build"], "the last good build is still the one served"
        assert any(re.match(rf"^{re.escape(ARTICLE)}:\d+:\d+: error: ", line) for line in failed["diagnostics"]), failed
        status, _, html = fetch(server, PAGE)
        assert status == 200 and heading(html) == TITLE

        edit(root, "tags: [floods, weather", "tags: [floods, weather, rescue]")
        fixed = stream.next(lambda m: m["ok"])
        assert fixed["build"] != first["build"] and fixed["diagnostics"] == []
        assert fixed["attempt"] > failed["attempt"]
        status, _, html = fetch(server, PAGE)
        assert status == 200
        page = parse_html_text(html)
        tags = [a.text() for ul in page.find_all("ul", "tags") for a in ul.find_all("a")]
        assert tags == ["floods", "weather", "rescue"]
    finally:
        stream.close()


def test_the_watcher_sees_content_templates_and_settings_but_not_its_output(served):
    root, server = served
    before = snapshot(root)
    assert ARTICLE in before and "site.yaml" in before
    assert not any(name.startswith(SERVE_DIR) for name in before)
    (root / "templates").mkdir()
    (root / "templates" / "extra.html").write_text("x", encoding="utf-8")
    (root / "content" / ".draft.swp").write_text("x", encoding="utf-8")
    after = snapshot(root)
    assert set(after) - set(before) == {"templates/extra.html"}


def test_the_script_goes_before_the_end_of_the_body():
    page = inject(b"<html><body><p>x</p></body></html>", "abc")
    assert page.startswith(b"<html><body><p>x</p><script>") and page.endswith(b"</script>\n</body></html>")
    assert b'var served = "abc"' in page
    assert inject(b"<p>no body</p>", "abc").startswith(b"<p>no body</p><script>")


def test_the_command_stops_cleanly_on_ctrl_c(tmp_path):
    root = tmp_path / "newsroom"
    shutil.copytree(SITE, root)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        url = None
        for line in process.stderr:
            match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            if match:
                url = match.group(1)
                break
        assert url, "serve announces its address"
        with urlopen(url, timeout=10) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=15)
        assert process.returncode == 0, rest
        assert "stopping" in rest and "Traceback" not in rest
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_broken_template_is_reported_and_the_site_stays_up(served):
    root, server = served
    stream = EventStream(server.host, server.port)
    try:
        first = stream.next(lambda m: True)
        (root / "templates").mkdir()
        (root / "templates" / "tags.html").write_text("{% extends 'base.html' %}{% block main %}{% if %}", encoding="utf-8")
        failed = stream.next(lambda m: not m["ok"])
        assert failed["build"] == first["build"]
        assert any("TemplateSyntaxError" in line for line in failed["diagnostics"]), failed
        assert fetch(server, "tags/")[0] == 200
        (root / "templates" / "tags.html").unlink()
        assert stream.next(lambda m: m["ok"])["build"] != first["build"]
    finally:
        stream.close()


def test_a_folder_without_its_slash_is_redirected(served):
    _, server = served
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request("GET", "/" + PAGE.rstrip("/"))
        response = connection.getresponse()
        assert response.status == 301 and response.getheader("Location") == "/" + PAGE
    finally:
        connection.close()


def test_a_rebuild_waits_for_a_build_running_in_the_same_folder(served):
    from generator.build.lock import site_lock

    root, server = served
    stream = EventStream(server.host, server.port)
    try:
        first = stream.next(lambda m: True)
        with site_lock(root):  # as `factsheet build` holds it
            edit(root, f"title: {TITLE}", "title: Built after the lock")
            time.sleep(1.0)
            assert stream.messages.empty(), "no rebuild while another build holds the folder"
        rebuilt = stream.next(lambda m: True)
        assert rebuilt["ok"] and rebuilt["build"] != first["build"]
        assert heading(fetch(server, PAGE)[2]) == "Built after the lock"
    finally:
        stream.close()


def test_changes_arrive_as_notifications_not_by_polling(served):
    root, server = served
    assert not server._polling.is_set(), "watchfiles watches the folder"
    stream = EventStream(server.host, server.port)
    try:
        first = stream.next(lambda m: True)
        # editors often save settings by writing a new file and renaming it over the old one
        settings = (root / "site.yaml").read_text(encoding="utf-8")
        renamed = settings.replace("description: A test site", "description: Renamed into place, a test site", 1)
        assert renamed != settings
        (root / "site.yaml.new").write_text(renamed, encoding="utf-8")
        (root / "site.yaml.new").replace(root / "site.yaml")
        assert stream.next(lambda m: m["ok"])["build"] != first["build"]
        assert "Renamed into place" in fetch(server, "")[2]
    finally:
        stream.close()


def test_without_watchfiles_serve_says_so_once_and_polls(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "watchfiles._rust_notify", None)  # the import fails
    root = tmp_path / "newsroom"
    shutil.copytree(SITE, root)
    log = io.StringIO()
    server = DevServer(root, "127.0.0.1", 0, log=log)
    server.start()
    try:
        assert server._polling.is_set()
        stream = EventStream(server.host, server.port)
        try:
            first = stream.next(lambda m: True)
            edit(root, f"title: {TITLE}", "title: Seen by polling")
            assert stream.next(lambda m: m["ok"])["build"] != first["build"]
            assert heading(fetch(server, PAGE)[2]) == "Seen by polling"
        finally:
            stream.close()
    finally:
        server.stop()
    assert log.getvalue().count("cannot watch for changes with watchfiles") == 1
