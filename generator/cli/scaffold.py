"""`factsheet init` and `factsheet new`: a new site, a new article or topic, ready to edit.

`init DIR` writes a small site that builds as it is: settings, one example
article with every front-matter field filled in, one topic, a .gitignore,
a requirements.txt naming the factsheet package to install, a GitHub
Actions workflow that builds the site and publishes it on GitHub Pages, and
the JSON Schemas in schemas/ (site.yaml's first line points editors at its).
It refuses a folder that already holds anything.

`new article "Title"` and `new topic "Title"` write one file with the front
matter filled in, never replacing an existing file; the file appears whole
or not at all (it is written beside its final name and renamed into place).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from ..content.fields import slugify
from ..content.schema import KINDS, shipped_schema

NOT_EMPTY, EXISTS = 2, 1  # the exit codes of the two refusals


class ScaffoldError(Exception):
    """A refusal, with the exit code the command line should give."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one), so any title is safe in front matter."""
    return json.dumps(text, ensure_ascii=False)


def write_new_file(path: Path, text: str) -> None:
    """Write `path` whole or not at all, refusing to replace an existing file."""
    if path.exists():
        raise ScaffoldError(f"{path} already exists; it was not changed", EXISTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        if path.exists():  # created while we wrote: still never replace it
            raise ScaffoldError(f"{path} already exists; it was not changed", EXISTS)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


# -- factsheet new -------------------------------------------------------------------------------

ARTICLE_TEMPLATE = """\
---
title: {title}
date: {date}                # the publication date: it anchors "last Tuesday", "13 November"…
source:
  name:                        # the outlet, e.g. The Courier
  url:                         # a link to the original
authors: []
tags: []
topics: []                     # file names in content/topics/, without .md
summary:
# Key facts, the timeline, people and quotes are found in the text; write them here to be sure.
# What you write always wins. `as_stated` must be the article's exact words.
# facts:
#   - label: Homes flooded
#     value: 340
#     unit: homes
#     as_stated: "340 homes were flooded"
# events:
#   - date: {date}
#     text: The river bursts its banks in the town centre
#     as_stated: "burst its banks on Tuesday"
# people:
#   - {{name: Jane Doe, role: Mayor, org: Town Council}}
# quotes:
#   - {{speaker: Jane Doe, text: "We will rebuild.", via: Radio Town}}
# claims:
#   - {{claim: "The defences were never finished", by: Jane Doe, verdict: null}}
---
Write or paste the article here, in Markdown.
"""

TOPIC_TEMPLATE = """\
---
title: {title}
summary:
tags: []
# A topic's page merges the timelines of every article that lists it under `topics:`.
# Its own key facts and events can be written here too:
# facts:
#   - {{label: Homes flooded, value: 340, unit: homes}}
# events:
#   - {{date: {date}, text: The river bursts its banks in the town centre}}
---
An introduction to the topic, in Markdown.
"""


def new_file(root: Path, kind: str, title: str, when: date | None = None) -> Path:
    """content/articles/<slug>.md or content/topics/<slug>.md with its front matter; returns the path."""
    if not title.strip():
        raise ScaffoldError(f"new {kind}: the title is empty", NOT_EMPTY)
    when = when or date.today()
    folder = {"article": "articles", "topic": "topics"}[kind]
    template = ARTICLE_TEMPLATE if kind == "article" else TOPIC_TEMPLATE
    path = root / "content" / folder / f"{slugify(title, kind)}.md"
    write_new_file(path, template.format(title=_yaml_text(title.strip()), date=when.isoformat()))
    return path


# -- factsheet init ------------------------------------------------------------------------------

SITE_YAML = """\
# yaml-language-server: $schema=schemas/site.schema.json
title: {title}
description: Sourced fact sheets from news articles.
language: en
{base_url}
# date_order: DMY                          # how 11/12/2024 reads in article text (default MDY)
# paginate: 50                              # articles per page of a tag, an entity and /articles/
"""

GITIGNORE = """\
# written by `factsheet build` and `factsheet serve`
/site/
/.site.*
/.factsheet-serve/
/.factsheet-serve.*
/.factsheet-cache/
/.factsheet.lock
"""

REQUIREMENTS = """\
# What the GitHub Pages workflow installs to build this site.
# Change the line below to where your copy of factsheet comes from, e.g.
#   git+https://github.com/OWNER/factsheet@v0.1.0
factsheet
"""

EXAMPLE_ARTICLE = """\
---
title: Riverside footbridge opens two years late and £1.2m over budget
date: 2024-05-14
source: {name: The Example Courier, url: "https://example.com/news/footbridge"}
authors: [A. Reporter]
tags: [transport, council]
topics: [riverside-footbridge]
summary: >-
  The footbridge linking the station to the old town opened on Monday, two years
  after its planned date, at a final cost of £4.7m.
facts:
  - label: Final cost
    value: "£4.7m"
    as_stated: "final cost of £4.7m"
  - label: Over budget by
    value: "£1.2m"
    as_stated: "£1.2m more than the council set aside"
events:
  - date: 2021-09
    text: Work on the footbridge begins
    as_stated: "Work started in September 2021"
  - date: 2024-05-13
    text: The footbridge opens to the public
    as_stated: "opened to the public on Monday"
people:
  - {name: Maria Lopes, role: Leader, org: Example Town Council}
quotes:
  - speaker: Maria Lopes
    text: "It took longer than any of us wanted, but the bridge will serve the town for a hundred years."
claims:
  - claim: "The bridge will serve the town for a hundred years"
    by: Maria Lopes
    verdict: null
---
The footbridge linking the railway station to the old town opened to the public
on Monday morning, two years after its planned date and at a final cost of £4.7m,
£1.2m more than the council set aside.

Work started in September 2021 but stopped twice, once when the steel supplier
went out of business and once when the river flooded the building site.

"It took longer than any of us wanted, but the bridge will serve the town for a
hundred years," said Maria Lopes, the leader of the council.
"""

EXAMPLE_TOPIC = """\
---
title: The riverside footbridge
summary: The bridge between the station and the old town, from planning to opening.
tags: [transport]
---
Every article about the footbridge lists this topic under `topics:`; this page
merges their timelines and key figures.
"""

PAGES_WORKFLOW = """\
# Builds the site and publishes it on GitHub Pages on every push to main.
# In the repository's Settings → Pages, set "Source" to "GitHub Actions".
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# one deployment at a time; a newer push waits for the one in progress
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{setup_extra}      - name: Install factsheet
        run: {install}
      - name: Configure GitHub Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Restore the build cache
        # the last deploy's extracted facts and pages (and the key that signs them), saved again after
        # this build: one new article is then an incremental build, not a cold one
        uses: actions/cache@v4
        with:
          path: |
            .factsheet-cache
            ~/.cache/factsheet
          key: factsheet-${{{{ runner.os }}}}-${{{{ github.sha }}}}
          restore-keys: factsheet-${{{{ runner.os }}}}-
      - name: Build the site
        # the Pages address, e.g. https://user.github.io/repo, so every link works under /repo/
        run: factsheet build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""


def pages_workflow(install: str, pip_cache: bool) -> str:
    """The GitHub Pages workflow, installing factsheet with `install`."""
    extra = "          cache: pip\n" if pip_cache else ""
    return PAGES_WORKFLOW.format(install=install, setup_extra=extra)


_NO_BASE_URL = "# base_url: https://USER.github.io/REPO/   # set by the GitHub Pages workflow when it builds"


def init_site(folder: Path, base_url: str | None = None) -> list[Path]:
    """Write a new site into `folder` (created if missing, refused if not empty); returns the files.

    Without `base_url`, site.yaml holds a commented placeholder: the Pages
    workflow passes the address when it builds, and a local build warns.
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder", NOT_EMPTY)
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} is not empty; factsheet init only writes into a new or empty folder", NOT_EMPTY)
    title = folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Fact sheets"
    files = {
        "site.yaml": SITE_YAML.format(title=_yaml_text(title),
                                      base_url=f"base_url: {_yaml_text(base_url)}" if base_url else _NO_BASE_URL),
        "content/articles/riverside-footbridge-opens.md": EXAMPLE_ARTICLE,
        "content/topics/riverside-footbridge.md": EXAMPLE_TOPIC,
        ".gitignore": GITIGNORE,
        "requirements.txt": REQUIREMENTS,
        ".github/workflows/pages.yml": pages_workflow("python -m pip install -r requirements.txt", pip_cache=True),
        # for editors: the first line of site.yaml points at its schema (README: "Help while you type")
        **{f"schemas/{kind}.schema.json": shipped_schema(kind) for kind in KINDS},
    }
    written = []
    for relative, text in files.items():
        path = folder / relative
        write_new_file(path, text)
        written.append(path)
    return written
