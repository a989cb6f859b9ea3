"""Mistakes and accidents around the build: exit codes, internal errors, signals, locks, deep YAML, untouched input."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.build.pipeline
from generator.build.lock import LOCK_FILE, SiteBusy, site_lock
from generator.site.sanitize import ALLOWED_TAGS, sanitize_html
from tests.helpers import run_cli
from tests.hostile.cases import snapshot
from tests.hostile.safety import scan_page
from tests.test_golden_site import SOURCE, files

ARTICLE = "---\ntitle: A story\ndate: 2015-12-02\n---\nOn 13 November 2015 something happened.\n"


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "src"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "articles" / "other.md").write_text(ARTICLE.replace("A story", "Other"), encoding="utf-8")
    return root


# -- exit codes and the one-line internal error --------------------------------------------------


def test_usage_errors_exit_2(site, tmp_path):
    assert run_cli("build", "--no-such-flag").code == 2
    missing = run_cli("build", "--root", str(tmp_path / "missing"))
    assert (missing.code, missing.stderr.splitlines()) == (2, [f"factsheet: error: {tmp_path / 'missing'} is not a folder"])
    assert run_cli("build", "--root", str(site), "--base-url", "javascript:alert(1)").code == 2
    inside = run_cli("build", "--root", str(site), "--out", str(site / "content" / "site"))
    assert inside.code == 2 and "is inside content/" in inside.stderr
    assert sorted(p.name for p in (site / "content").iterdir()) == ["articles"]


def _explode_on(path: str):
    real = generator.build.pipeline.merge_article

    def merge(article, extraction):
        if article.path == path:
            raise ZeroDivisionError("a deliberate bug")
        return real(article, extraction)

    return merge


def test_an_internal_error_is_one_line_naming_the_file(site, monkeypatch):
    monkeypatch.setattr(generator.build.pipeline, "merge_article", _explode_on("content/articles/story.md"))
    run = run_cli("build", "--root", str(site), "--quiet")
    assert run.code == 3
    assert run.stderr.splitlines() == [
        "factsheet: internal error while processing content/articles/story.md: ZeroDivisionError: a deliberate bug. "
        "This is a bug in factsheet; please report it with the command you ran and that file "
        "(add --debug for the traceback)."
    ]
    assert not (site / "site").exists()


def test_debug_adds_the_traceback(site, monkeypatch):
    monkeypatch.setattr(generator.build.pipeline, "merge_article", _explode_on("content/articles/story.md"))
    run = run_cli("--debug", "build", "--root", str(site), "--quiet")
    lines = run.stderr.splitlines()
    assert run.code == 3
    assert lines[0].startswith("factsheet: internal error while processing content/articles/story.md:")
    assert lines[1] == "Traceback (most recent call last):" and lines[-1] == "ZeroDivisionError: a deliberate bug"


def test_an_internal_error_while_validating_names_the_file(site, monkeypatch):
    def validate(doc, diagnostics, extract):
        raise KeyError("boom") if doc.path.endswith("other.md") else None

    monkeypatch.setattr(generator.build.pipeline, "validate_article", validate)
    run = run_cli("check", "--root", str(site))
    assert run.code == 3
    assert "internal error while processing content/articles/other.md: KeyError: 'boom'." in run.stderr


# -- one build at a time -----------------------------------------------------------------------------


def test_a_second_build_stops_with_the_pid_of_the_first(site):
    with site_lock(site):
        run = run_cli("build", "--root", str(site))
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"factsheet: error: another factsheet build is running in this folder (pid {os.getpid()}); wait for it to finish"
    ]
    assert not (site / "site").exists()
    assert run_cli("build", "--root", str(site), "--quiet").code == 0, "the lock is released with its holder"


def test_the_lock_is_released_when_its_holder_is_killed(site):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.build.lock import site_lock\n"
         "with site_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)", str(site)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(SiteBusy) as busy:
            with site_lock(site):
                pass
        assert busy.value.pid == holder.pid
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with site_lock(site):
            assert (site / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    finally:
        holder.kill()
        holder.wait()


# -- SIGTERM is a clean stop ---------------------------------------------------------------------


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_cleanly_and_keeps_the_previous_site(tmp_path, stop, code):
    root = tmp_path / "src"
    shutil.copytree(SOURCE, root)
    out = tmp_path / "site"
    assert run_cli("build", "--root", str(root), "--out", str(out), "--quiet").code == 0
    before = files(out)
    # long bodies keep the build busy (seconds) long enough to be stopped in the middle
    for n in range(20):
        (root / "content" / "articles" / f"long-{n}.md").write_text(
            f"---\ntitle: Long {n}\ndate: 2015-12-02\n---\n" + "On 13 November 2015 Mr Smith said \"no\". " * 12000,
            encoding="utf-8")
    # A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored in children:
    # the build gets the default handling, as it has when a person runs it in a terminal.
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lock = root / LOCK_FILE
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.is_file() and lock.read_text() == f"{process.pid}\n"):
        time.sleep(0.05)  # the lock holds the pid once the build is under way (past interpreter start-up)
    time.sleep(0.5)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines()[-1] == "factsheet: interrupted; the previous site is left as it was"
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"], "no temporary folder is left behind"


# -- deep YAML cannot crash the process ------------------------------------------------------------


@pytest.mark.parametrize(("text", "column"), [
    ("[" * 100_000, 41), ("[" * 100_000 + "]" * 100_000, 41), ("{a: " * 100_000 + "1" + "}" * 100_000, 161),
    ("- " * 100_000 + "x", 81), ("".join("  " * i + "-\n" for i in range(200)), None)],
    ids=["open-flow", "closed-flow", "flow-mappings", "block-dashes", "block-indents"])
def test_yaml_nested_100000_deep_is_a_located_diagnostic(site, text, column):
    # Through the public path, `factsheet check`, whichever YAML loader the machine has (PyYAML's
    # C parser limits nesting itself since 6.0.4; the diagnostic must not depend on that).  A
    # separate process: if the C stack overflowed it would die with SIGSEGV instead of failing a test.
    (site / "content" / "entities").mkdir()
    (site / "content" / "entities" / "deep.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", "--root", str(site),
                           "--base-url", "https://example.org/"],
                          capture_output=True, text=True, timeout=120)
    line, col = (1, column) if column else (41, 81)   # block indents: the 41st "-" is on line 41, column 81
    assert (done.returncode, done.stdout, done.stderr.splitlines()) == (1, "", [
        f"content/entities/deep.yaml:{line}:{col}: error: YAML nested more than 40 levels deep",
        "factsheet: 1 error(s), 0 warning(s)"])


# -- the input is never modified -------------------------------------------------------------------


def test_no_command_modifies_the_content_folder(tmp_path):
    root = tmp_path / "src"
    shutil.copytree(SOURCE, root)
    before = snapshot(root)
    assert run_cli("build", "--root", str(root), "--quiet").code == 0
    assert run_cli("build", "--root", str(root), "--quiet").code == 0
    assert run_cli("check", "--root", str(root), "--quiet").code == 0
    assert run_cli("dates", "--dct", "2015-12-02", str(root / "content" / "articles" / "rail-strike.txt")).code == 0
    assert snapshot(root) == before
    assert sorted(p.name for p in (root / "content").rglob("*") if p.name.startswith(".")) == []


# -- the sanitiser, directly ---------------------------------------------------------------------

PAYLOADS = [
    '<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '<a href="javascript:x">a</a>',
    '<a href="jav&#x09;ascript:x">a</a>', '<a href="&#x6A;avascript&colon;x">a</a>', '<a href=" JAVASCRIPT:x">a</a>',
    '<img src="data:image/svg+xml,<svg onload=x>">', '<a href="vbscript:x">a</a>', '<svg><script>x</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=x>', '<style>*{}</style><iframe srcdoc="<script>x</script>">',
    '<scr<script>ipt>x</scr</script>ipt>', '<!--><img src=x onerror=x>-->', '<p title="</p><script>x</script>">t</p>',
    '<img src=x onerror=x', '<noscript><p title="</noscript><img src=x onerror=x>">', '<a href=https://e.com/ onclick=x>',
    '<div style="background:url(javascript:x)">d</div>', '<form><button formaction=javascript:x>b</button></form>',
    '<object data="javascript:x"></object><embed src="javascript:x">', '</div></main><base href="https://evil/">',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitised_html_has_only_allowed_tags_and_safe_attributes(payload):
    cleaned = sanitize_html(payload)
    scan = scan_page(cleaned)
    assert scan.problems == [] and scan.scripts == []
    assert sanitize_html(cleaned) == cleaned, "sanitising is stable: the output is already clean"
    tags = _tags(cleaned)
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS


def _tags(fragment: str) -> set[str]:
    from html.parser import HTMLParser

    found: set[str] = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add(tag)

    Tags().feed(fragment)
    return found


def test_the_sanitiser_keeps_ordinary_markup():
    # Tables written the way markdown-it writes them, with their <tbody>: the sanitiser parses as
    # browsers do (HTML5), so a bare <table><tr> comes out as the tree a browser builds from it.
    fragment = ('<p>A <em>b</em> <a href="https://example.com/x?a=1&amp;b=2" title="t">link</a></p>\n'
                '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>'
                '<pre><code class="language-python">x &lt; 1</code></pre>')
    assert sanitize_html(fragment) == fragment
    assert sanitize_html('<table><tr><td>c</td></tr></table>') == '<table><tbody><tr><td>c</td></tr></tbody></table>'


@pytest.mark.parametrize("fragment", ["\ufeff<p>x</p>", "</script>\ufeff", "&#13 November 2015", "<p title='a&#13;b'>c</p>"])
def test_the_sanitiser_is_stable_on_what_parsers_normalise(fragment):
    # HTML5 parsing drops a leading U+FEFF and turns CR into LF: the output must not depend on it
    cleaned = sanitize_html(fragment)
    assert sanitize_html(cleaned) == cleaned


def _tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_check_writes_nothing_anywhere(site, tmp_path):
    # A fresh process, as a user runs it: no cache folder in the site, no signing key in the user's cache,
    # before a build and after one (when it reads the build's cache but changes none of it).
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    check = [sys.executable, "-m", "generator.cli", "check", "--root", str(site), "--base-url", "https://example.org/"]
    before = _tree(site)
    assert subprocess.run(check, env=env, capture_output=True, text=True, timeout=120).returncode == 0
    assert (_tree(site), _tree(tmp_path / "user-cache")) == (before, {})
    build = [*check[:3], "build", *check[4:]]
    assert subprocess.run(build, env=env, capture_output=True, timeout=120).returncode == 0
    built, key = _tree(site), _tree(tmp_path / "user-cache")
    assert ".factsheet-cache/state.pickle" in built and list(key) == ["factsheet/cache-key"]
    assert subprocess.run(check, env=env, capture_output=True, timeout=120).returncode == 0
    assert (_tree(site), _tree(tmp_path / "user-cache")) == (built, key)
