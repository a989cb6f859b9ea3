"""The hostile-input cases: reading a case folder, preparing a copy to build, and checking what came out.

Each folder under tests/hostile/ is a tiny site (`content/…`, maybe
`site.yaml`) and one of:

Every case builds with `--base-url https://example.org/` unless its
`args` give a `--base-url` (or `site.yaml` a `base_url`), as a published site
does, so its expectations are about the case, not the missing-URL warning.

* `expected.txt`: the exact diagnostics `factsheet check` prints, as in
  tests/invalid/ (`case.yaml` may set `args` and `exit`, default 1);
* `expect.yaml`: the site builds (exit 0 unless `exit:` says otherwise) and
  its output is checked: `diagnostics` (exact lines, default none),
  `pages` that must exist, `visible` text each page must show as text,
  `json` values at dotted paths (`data/site.json:articles.0.title`),
  `jsonld` values of a page's first JSON-LD block, `csv` rows of
  data/events.csv, `feed_titles` of feed.xml.

Every built site must also pass `safety.site_problems` (no live markup,
no unsafe links, parseable feeds and exports).

`case.yaml` may also ask for things a repository should not hold as files:
`generate` writes a file from `head` + `repeat` × `times` + `tail`, and
`links` makes symbolic links (path → target, relative to the copy).

Regenerate expectations after an intended change of wording with
`python -m tests.hostile.cases` and read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

from tests.helpers import Run, run_cli, with_base_url
from tests.hostile.safety import json_ld, scan_page

HOSTILE = Path(__file__).resolve().parent
CONTROL_FILES = ("expected.txt", "expect.yaml", "case.yaml")


def hostile_cases() -> list[Path]:
    return sorted(p for p in HOSTILE.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def settings(case: Path) -> dict:
    data = {"args": [], "exit": 1, "generate": {}, "links": {}}
    if (case / "case.yaml").is_file():
        data.update(yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {})
    return data


def expectations(case: Path) -> dict:
    data = {"exit": 0, "diagnostics": [], "pages": [], "visible": {}, "json": {}, "jsonld": {}, "csv": [],
            "feed_titles": None}
    data.update(yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8")) or {})
    return data


def prepare(case: Path, into: Path) -> Path:
    """A copy of the case's site in `into/site-src`, with its generated files and links made."""
    root = into / "site-src"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns(*CONTROL_FILES), symlinks=True)
    config = settings(case)
    for rel, spec in config["generate"].items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = spec.get("head", "") + spec.get("repeat", "") * int(spec.get("times", 0)) + spec.get("tail", "")
        target.write_bytes(text.encode(spec.get("encoding", "utf-8")))
    for rel, target in config["links"].items():
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, link)
    return root


def run(command: str, root: Path, *args: str) -> Run:
    """`factsheet COMMAND` on a case, with a base URL unless the case gives one (see `with_base_url`)."""
    return run_cli(command, "--root", str(root), "--quiet", *with_base_url(args))


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """The site's input (content/ and site.yaml): each file's bytes and modification time."""
    paths = sorted((root / "content").rglob("*")) + [root / "site.yaml"]
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else b"", p.lstat().st_mtime_ns)
            for p in paths if p.is_file() or p.is_symlink()}


def dotted(data, path: str):
    """data['articles'][0]['title'] for 'articles.0.title'."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def output_mismatches(out: Path, expect: dict) -> list[str]:
    """How the built site differs from `expect.yaml` (empty when it matches)."""
    problems = []
    for page in expect["pages"]:
        if not (out / page).is_file():
            problems.append(f"missing page {page}")
    for page, texts in expect["visible"].items():
        visible = scan_page((out / page).read_text(encoding="utf-8")).visible_text()
        problems += [f"{page}: {text!r} is not shown as text" for text in texts if " ".join(text.split()) not in visible]
    for key, wanted in expect["json"].items():
        file, path = key.split(":", 1)
        got = dotted(json.loads((out / file).read_text(encoding="utf-8")), path)
        if got != wanted:
            problems.append(f"{key}: {got!r} != {wanted!r}")
    for page, values in expect["jsonld"].items():
        block = json_ld((out / page).read_text(encoding="utf-8"))[0]
        for path, wanted in values.items():
            got = dotted(block, path)
            if got != wanted:
                problems.append(f"{page} JSON-LD {path}: {got!r} != {wanted!r}")
    if expect["csv"]:
        rows = list(csv.reader(io.StringIO((out / "data" / "events.csv").read_text(encoding="utf-8"))))
        problems += [f"events.csv has no row {row!r}" for row in expect["csv"] if row not in rows]
    if expect["feed_titles"] is not None:
        feed = ElementTree.fromstring((out / "feed.xml").read_bytes())
        atom = "{http://www.w3.org/2005/Atom}"
        titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
        if titles != expect["feed_titles"]:
            problems.append(f"feed titles {titles!r} != {expect['feed_titles']!r}")
    return problems


def regenerate(scratch: Path) -> None:
    """Rewrite every case's expected.txt from what `check` prints now."""
    for case in hostile_cases():
        if not (case / "expected.txt").is_file():
            continue
        work = scratch / case.name
        work.mkdir(parents=True)
        result = run("check", prepare(case, work), *settings(case)["args"])
        (case / "expected.txt").write_text("".join(line + "\n" for line in result.diagnostics), encoding="utf-8")
        print(f"{case.name}: exit {result.code}, {len(result.diagnostics)} line(s)")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        regenerate(Path(scratch))
