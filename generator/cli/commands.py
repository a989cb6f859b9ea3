"""The `factsheet` command: build, check, dates, extract, review, serve, init, new, schema.

Exit codes: 0 success, 1 content errors (all of them listed), 2 usage
errors (bad flags, a missing folder, an output folder that cannot be used,
another build running in the same folder), 3 an internal error: one line
asking for a bug report, naming the file being processed; `--debug` adds
the traceback. SIGINT and SIGTERM stop a build cleanly (exit 130 / 143).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import traceback
from datetime import date
from pathlib import Path

from .. import __version__
from ..content.errors import Diagnostics

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """The command line asks for something impossible; exit code 2."""


def publishing_options(p: argparse.ArgumentParser) -> None:
    """What a build publishes besides what is due: drafts, and articles dated in the future."""
    p.add_argument("--drafts", "-D", action="store_true", help="publish drafts too, marked as drafts")
    p.add_argument("--future", "-F", action="store_true",
                   help="publish articles dated after today too (left out until their date otherwise)")


def _publishing(args: argparse.Namespace) -> dict:
    """build()'s drafts, future and today from the command line (today: FACTSHEET_TODAY or the date)."""
    from ..build.pipeline import build_today

    try:
        today = build_today()
    except ValueError as error:
        raise UsageError(str(error)) from None
    return {"drafts": args.drafts, "future": args.future, "today": today}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factsheet", description="Build fact-sheet sites from news articles.")
    parser.add_argument("--version", action="version", version=f"factsheet {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    def site_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", default=".", help="the site folder, holding content/ and site.yaml (default: .)")
        p.add_argument("--base-url", help="the URL the site is published under, e.g. https://user.github.io/repo/")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--quiet", "-q", action="store_true", help="print problems only, no summary")
        p.add_argument("--verbose", "-v", action="store_true",
                       help="print each stage with its time and what it did (files, cache hits, pages reused)")
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        publishing_options(p)

    build = commands.add_parser("build", help="build the site into site/")
    site_options(build)
    build.add_argument("--out", "-o", help="the output folder (default: site/ in the site folder)")

    check = commands.add_parser("check", help="validate everything, write nothing")
    site_options(check)

    dates = commands.add_parser("dates", help="find dates in text (JSON Lines)")
    dates.add_argument("file", nargs="?", help="a text file, or - for standard input")
    dates.add_argument("--dct", help="the publication date the text's dates are relative to, e.g. 2015-12-02")
    dates.add_argument("--jsonl", metavar="DOCS", help='a JSON Lines file of {"doc", "dct", "text"} (- for stdin)')
    dates.add_argument("--date-order", choices=("MDY", "DMY"), default="MDY", help="how 13/11/2015-style dates read")
    extract = commands.add_parser("extract", help="show what an article's text yields, or add it to the front matter")
    extract.add_argument("file", help="an article file")
    extract.add_argument("--json", action="store_true", help='print {"events", "facts", "quotes", "people"} with spans')
    extract.add_argument("--write", action="store_true",
                         help="append the items not yet in the front matter to it (keeps a .bak backup)")
    review = commands.add_parser("review", help="list what the software found and nobody has checked yet")
    review.add_argument("--root", default=".", help="the site folder (default: .)")
    review.add_argument("--list", action="store_true", required=True,
                        help="print every unchecked item by article and kind (review them in factsheet serve)")
    review.add_argument("--json", action="store_true", help='print {"total", "items": [...]} instead of text')
    _add_authoring_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    handler = {"build": _build, "check": _check, "dates": _dates, "extract": _extract, "review": _review,
               "serve": _serve, "init": _init, "new": _new, "schema": _schema}[args.command]
    try:
        with _sigterm_as_interrupt():
            return handler(args)
    except UsageError as error:
        print(f"factsheet: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as interrupt:
        print("factsheet: interrupted; the previous site is left as it was", file=sys.stderr)
        return 143 if isinstance(interrupt, Terminated) else 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: one clear line, not a traceback
        from ..content.load import processing_path

        where = processing_path(error)
        print(
            f"factsheet: internal error{f' while processing {where}' if where else ''}: "
            f"{type(error).__name__}: {_one_line(error)}. This is a bug in factsheet; please report it with the "
            "command you ran and that file (add --debug for the traceback).",
            file=sys.stderr,
        )
        if getattr(args, "debug", False):
            traceback.print_exc(file=sys.stderr)
        return EXIT_INTERNAL


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the build stops cleanly and removes its temporary folder."""


def _raise_terminated(signum, frame) -> None:  # noqa: ANN001 - signal handler signature
    raise Terminated()


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """While a command runs, SIGTERM (what `kill` and CI timeouts send) raises `Terminated`."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:199] + "…"


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root)
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    if not (root / "content").is_dir() and not (root / "site.yaml").is_file():
        raise UsageError(f"{root} has no content/ folder and no site.yaml; is this a factsheet site?")
    return root


def _base_url(args: argparse.Namespace) -> str | None:
    from ..content.fields import url_problem

    if args.base_url is None:
        return None
    problem = url_problem(args.base_url)
    if problem:
        raise UsageError(f"--base-url: {problem}")
    return args.base_url


def _report(diagnostics: Diagnostics, strict: bool) -> None:
    for diagnostic in diagnostics.sorted():
        if strict and diagnostic.severity == "warning":
            print(f"{diagnostic.location}: error: {diagnostic.message} (warning, --strict)", file=sys.stderr)
        else:
            print(diagnostic, file=sys.stderr)


def _counts(diagnostics: Diagnostics, strict: bool) -> str:
    """"2 error(s), 1 warning(s)"; under --strict the warnings were printed as errors and are counted so."""
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    if strict and warnings:
        return f"{errors + warnings} error(s) ({warnings} of them warnings, failed by --strict)"
    return f"{errors} error(s), {warnings} warning(s)"


def _build(args: argparse.Namespace) -> int:
    from ..build.pipeline import build
    from ..build.lock import SiteBusy, site_lock
    from ..build.write import OutputError

    root = _root(args)
    out = Path(args.out) if args.out else root / "site"
    for folder in ("content", "static"):  # the build's input: writing there would feed the site to itself
        inside = (root / folder).resolve()
        if out.resolve() == inside or inside in out.resolve().parents:
            raise UsageError(f"--out {out} is inside {folder}/; the build never writes into its input")
    from ..build.progress import reporter

    reporter.enable_if_interactive(args.quiet)
    try:
        with site_lock(root):
            result = build(root, out, base_url=_base_url(args), strict=args.strict, **_publishing(args))
    except (OutputError, SiteBusy) as error:
        raise UsageError(str(error)) from None
    finally:
        reporter.finish()  # the progress line goes before anything else is printed
    _report(result.diagnostics, args.strict)
    _stages(result, args)
    if not result.wrote:
        print(f"factsheet: build failed: {_counts(result.diagnostics, args.strict)}; {out} was not changed",
              file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        warnings = len(result.diagnostics.warnings)
        print(f"factsheet: wrote {result.pages_written} files to {out} with {warnings} warning(s) in {result.seconds:.2f} s")
    return EXIT_OK


def _stages(result, args: argparse.Namespace) -> None:
    """--verbose: each stage of the build with its time and what it did."""
    if getattr(args, "verbose", False):
        for name, seconds, detail in result.stages:
            print(f"factsheet: {name:<20} {seconds:7.3f} s  {detail}")


def _check(args: argparse.Namespace) -> int:
    from ..build.pipeline import check

    result = check(_root(args), base_url=_base_url(args), strict=args.strict, **_publishing(args))
    _report(result.diagnostics, args.strict)
    _stages(result, args)
    failed = result.diagnostics.failed(args.strict)
    if not args.quiet:
        print(f"factsheet: {_counts(result.diagnostics, args.strict)}", file=sys.stderr if failed else sys.stdout)
    return EXIT_CONTENT if failed else EXIT_OK


def _read_input(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {name}: {error}") from None


def _parse_dct(text: str | None, what: str) -> date:
    if not text:
        raise UsageError(f"{what}: a publication date is needed, e.g. --dct 2015-12-02")
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        raise UsageError(f"{what}: '{text}' is not a date such as 2015-12-02") from None


def _dates(args: argparse.Namespace) -> int:
    from ..extract.dates import find_dates

    out = sys.stdout
    if args.jsonl:
        for number, line in enumerate(_read_input(args.jsonl).splitlines(), 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                text, dct = doc["text"], _parse_dct(doc.get("dct"), f"line {number}")
            except (ValueError, KeyError, TypeError) as error:
                raise UsageError(f"{args.jsonl}:{number}: expected {{\"doc\", \"dct\", \"text\"}}: {error}") from None
            for m in find_dates(text, dct, date_order=args.date_order):
                out.write(json.dumps({"doc": doc.get("doc"), "start": m.start, "end": m.end, "value": m.value,
                                      "type": "DATE"}) + "\n")
        return EXIT_OK
    if not args.file:
        raise UsageError("dates: give a FILE (or - for standard input), or --jsonl DOCS")
    text = _read_input(args.file)
    for m in find_dates(text, _parse_dct(args.dct, "--dct"), date_order=args.date_order):
        item = {"start": m.start, "end": m.end, "text": m.text, "value": m.value, "type": "DATE"}
        if m.mod:
            item["mod"] = m.mod
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from .accept import extract_file, write_items, yaml_items

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path} is not a file")
    diagnostics = Diagnostics()
    try:
        result = extract_file(path, diagnostics)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    _report(diagnostics, strict=False)
    if result is None or diagnostics.errors:
        return EXIT_CONTENT
    if args.json:
        from ..extract import extraction_to_json

        data = extraction_to_json(result.extraction) if result.extraction is not None else {}
        print(json.dumps({k: data.get(k, []) for k in ("events", "facts", "quotes", "people", "entities")},
                         ensure_ascii=False, indent=2))
    else:
        _print_items(yaml_items(result.new))
    if args.write:
        items = yaml_items(result.new)
        count = sum(len(v) for v in items.values())
        if write_items(path, items):
            print(f"factsheet: added {count} item(s) to the front matter of {path} (backup: .{path.name}.bak)",
                  file=sys.stderr)
        else:
            print(f"factsheet: nothing new to add to {path}", file=sys.stderr)
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    """`factsheet review --list`: the review queue of `factsheet serve`, for the terminal."""
    from .review import listing, site_findings

    print(listing(site_findings(_root(args)), as_json=args.json), end="")
    return EXIT_OK


def _print_items(items: dict[str, list[dict]]) -> None:
    """What extraction found that the front matter does not have yet, as YAML to copy."""
    import yaml

    found = {k: v for k, v in items.items() if v}
    if not found:
        print("# nothing new: the front matter already covers everything extracted")
        return
    print("# extracted by factsheet, not yet in the front matter:")
    print(yaml.safe_dump(found, sort_keys=False, allow_unicode=True, width=100), end="")


# -- serve, init, new -------------------------------------------------------------------------------


def _add_authoring_commands(commands) -> None:
    serve = commands.add_parser("serve", help="build, serve on this computer, rebuild and reload on every change")
    serve.add_argument("--root", default=".", help="the site folder (default: .)")
    serve.add_argument("--port", "-p", type=int, default=8000, help="the port to serve on (default: 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to serve on (default: 127.0.0.1)")
    serve.add_argument("--strict", action="store_true", help="treat warnings as errors")
    publishing_options(serve)

    init = commands.add_parser("init", help="create a new site, with a GitHub Pages workflow")
    init.add_argument("dir", help="the folder to create (it must be new or empty)")
    init.add_argument("--base-url", help="where the site will be published, e.g. https://USER.github.io/REPO/ "
                                         "(default: none in site.yaml; the GitHub Pages workflow passes it)")

    new = commands.add_parser("new", help="start a new article or topic file")
    new.add_argument("kind", choices=("article", "topic"), help="what to create")
    new.add_argument("title", help="its title; the file name is made from it")
    new.add_argument("--date", help="the publication date (default: today), e.g. 2015-12-02")
    new.add_argument("--root", default=".", help="the site folder (default: .)")

    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of file, for editors")
    schema.add_argument("kind", choices=("article", "topic", "entity", "site"),
                        help="article or topic front matter, an entity file, or site.yaml")


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    try:
        serve(_root(args), args.host, args.port, strict=args.strict, publishing=_publishing(args))
    except OSError as error:  # the port is taken, or the address is not this computer's
        raise UsageError(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, init_site

    folder = Path(args.dir)
    base_url = _base_url(args)
    try:
        init_site(folder, base_url)
    except ScaffoldError as error:
        print(f"factsheet: error: {error}", file=sys.stderr)
        return error.exit_code
    print(f"factsheet: created a new site in {folder}; next: cd {folder} && factsheet serve")
    if not base_url:
        print("factsheet: site.yaml has no base_url yet: the Pages workflow passes it when it builds; "
              "for other hosts set it in site.yaml")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_file

    when = _parse_dct(args.date, "--date") if args.date else None
    try:
        path = new_file(_root(args), args.kind, args.title, when)
    except ScaffoldError as error:
        print(f"factsheet: error: {error}", file=sys.stderr)
        return error.exit_code
    print(f"factsheet: wrote {path}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from ..content.schema import shipped_schema

    print(shipped_schema(args.kind), end="")
    return EXIT_OK
