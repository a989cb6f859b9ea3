"""`factsheet init` and `factsheet new`: a new site that builds, a workflow that publishes it, no overwrites."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli.scaffold import pages_workflow
from generator.content.config import NO_BASE_URL
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parent.parent
PAGES_ACTIONS = {
    "actions/checkout@v4", "actions/setup-python@v5", "actions/configure-pages@v5", "actions/cache@v4",
    "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4",
}
PAGES_URL = "https://user.github.io/my-sheets/"


@pytest.fixture
def new_site(tmp_path) -> Path:
    folder = tmp_path / "my-sheets"
    run = run_cli("init", str(folder))
    assert run.code == 0, run.stderr
    return folder


def test_init_writes_a_site_that_builds(new_site):
    files = sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file())
    assert files == [
        ".github/workflows/pages.yml", ".gitignore", "content/articles/riverside-footbridge-opens.md",
        "content/topics/riverside-footbridge.md", "requirements.txt", "schemas/article.schema.json",
        "schemas/entity.schema.json", "schemas/site.schema.json", "schemas/topic.schema.json", "site.yaml",
    ]
    first_line = (new_site / "site.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/site.schema.json"  # editors check site.yaml
    run = run_cli("build", "--root", str(new_site), "--strict", "--base-url", PAGES_URL)   # as the workflow builds
    assert run.code == 0, run.stderr
    assert run.diagnostics == []
    site = new_site / "site"
    for page in ("index.html", "articles/riverside-footbridge-opens/index.html", "topics/riverside-footbridge/index.html",
                 "search/index.html", "search/index.json", "feed.xml"):
        assert (site / page).is_file(), page


def test_init_ignores_the_output_and_names_the_package_to_install(new_site):
    ignored = (new_site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/site/", "/.factsheet-serve/", "/.factsheet-cache/", "/.factsheet.lock"} <= set(ignored)
    requirements = [line for line in (new_site / "requirements.txt").read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
    assert requirements == ["factsheet"]


def _check_pages_workflow(workflow: dict, install: str) -> None:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on"
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"] + deploy["steps"]
    assert {s["uses"] for s in steps if "uses" in s} == PAGES_ACTIONS
    assert any(s.get("run") == install for s in build["steps"])
    configure = [s for s in build["steps"] if s.get("uses") == "actions/configure-pages@v5"][0]
    build_step = [s for s in build["steps"] if "factsheet build" in s.get("run", "")][0]
    assert f"steps.{configure['id']}.outputs.base_url" in build_step["run"]
    assert build["steps"].index(configure) < build["steps"].index(build_step)
    cache = [s for s in build["steps"] if s.get("uses") == "actions/cache@v4"][0]
    assert build["steps"].index(cache) < build["steps"].index(build_step)
    assert cache["with"]["path"].split() == [".factsheet-cache", "~/.cache/factsheet"]   # the cache and its key
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"]) and "github.sha" in cache["with"]["key"]
    upload = [s for s in build["steps"] if s.get("uses") == "actions/upload-pages-artifact@v3"][0]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    deployment = deploy["steps"][0]["id"]
    assert f"steps.{deployment}.outputs.page_url" in deploy["environment"]["url"]


def test_the_init_workflow_publishes_with_the_official_pages_actions(new_site):
    workflow = yaml.safe_load((new_site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    _check_pages_workflow(workflow, "python -m pip install -r requirements.txt")


def test_this_repository_publishes_its_example_site_the_same_way():
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    _check_pages_workflow(yaml.safe_load(text), "python -m pip install .")
    assert text == pages_workflow("python -m pip install .", pip_cache=False), "regenerate it from scaffold.py"


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_cli("init", str(tmp_path))
    assert run.code == 2
    assert "not empty" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_article_builds_and_is_never_overwritten(new_site, tmp_path):
    run = run_cli("new", "article", "Bridge: a £1m question?", "--root", str(new_site), "--date", "2024-06-01")
    assert run.code == 0, run.stderr
    path = new_site / "content/articles/bridge-a-1m-question.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == "Bridge: a £1m question?"
    assert front["date"] == date(2024, 6, 1)
    assert front["tags"] == [] and front["source"] == {"name": None, "url": None}
    assert {"facts", "events", "quotes"} <= {line.lstrip("# ").split(":")[0] for line in path.read_text().splitlines()
                                             if line.startswith("# ")}
    build = run_cli("build", "--root", str(new_site), "--out", str(tmp_path / "out"), "--strict", "--base-url", PAGES_URL)
    assert build.code == 0, build.stderr
    assert (tmp_path / "out/articles/bridge-a-1m-question/index.html").is_file()

    path.write_text(path.read_text(encoding="utf-8") + "My own words.\n", encoding="utf-8")
    before = path.read_bytes()
    again = run_cli("new", "article", "Bridge: a £1m question?", "--root", str(new_site))
    assert again.code == 1
    assert "already exists" in again.stderr
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")], "no temporary file is left behind"


def test_new_article_is_dated_today_by_default(new_site):
    run = run_cli("new", "article", "Opening day", "--root", str(new_site))
    assert run.code == 0, run.stderr
    front = yaml.safe_load((new_site / "content/articles/opening-day.md").read_text(encoding="utf-8").split("---")[1])
    assert front["date"] == date.today()


def test_new_topic_builds(new_site, tmp_path):
    run = run_cli("new", "topic", "Town transport", "--root", str(new_site))
    assert run.code == 0, run.stderr
    assert run_cli("build", "--root", str(new_site), "--out", str(tmp_path / "out")).code == 0
    assert (tmp_path / "out/topics/town-transport/index.html").is_file()


def test_new_refuses_a_bad_date(new_site):
    run = run_cli("new", "article", "Whenever", "--root", str(new_site), "--date", "soon")
    assert run.code == 2
    assert not (new_site / "content/articles/whenever.md").exists()


def test_init_leaves_base_url_to_the_workflow_and_a_local_build_says_so(new_site):
    assert "# base_url: https://USER.github.io/REPO/" in (new_site / "site.yaml").read_text(encoding="utf-8")
    run = run_cli("build", "--root", str(new_site))
    assert (run.code, run.diagnostics) == (0, [f"site.yaml:1:1: warning: {NO_BASE_URL}"])
    assert not (new_site / "site" / "feed.xml").exists() and not (new_site / "site" / "sitemap.xml").exists()
    assert (new_site / "site" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home and 'property="og:url"' not in home and "feed.xml" not in home


def test_init_with_a_base_url_writes_it_and_every_feed_and_sitemap_url_is_absolute(tmp_path):
    folder = tmp_path / "sheets"
    assert run_cli("init", str(folder), "--base-url", PAGES_URL).code == 0
    assert f'base_url: "{PAGES_URL}"' in (folder / "site.yaml").read_text(encoding="utf-8").splitlines()
    run = run_cli("build", "--root", str(folder), "--strict")
    assert (run.code, run.diagnostics) == (0, [])
    site = folder / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    urls = [e.text for e in feed.iter(f"{atom}id")] + [e.get("href") for e in feed.iter(f"{atom}link")]
    urls += [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(urls) > 10 and [u for u in urls if not u.startswith(PAGES_URL)] == []
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {PAGES_URL}sitemap.xml"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}">' in home and f'<meta property="og:url" content="{PAGES_URL}">' in home


def test_a_strict_build_counts_its_warnings_as_the_errors_it_printed(new_site):
    run = run_cli("build", "--root", str(new_site), "--strict")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"site.yaml:1:1: error: {NO_BASE_URL} (warning, --strict)",
        f"factsheet: build failed: 1 error(s) (1 of them warnings, failed by --strict); {new_site / 'site'} was not changed"]
    check = run_cli("check", "--root", str(new_site), "--strict")
    assert (check.code, check.stderr.splitlines()[-1]) == (1, "factsheet: 1 error(s) (1 of them warnings, failed by --strict)")
