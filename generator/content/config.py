"""site.yaml: the site's settings, each declared with its type and default.

The file is optional; a folder holding only `content/` builds with the
defaults of `SiteConfig`. Every problem is collected, unknown keys warn.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Diagnostics, SourceLocation
from .fields import Fields, describe
from .load import decode
from .model import ExtractSettings, SiteConfig

PUBLISH_EXTRACTED = ("all", "none", "events-only")
from .validate import read_extract_settings
from .yamlmarks import MarkedMap, YamlProblem, load_yaml

CONFIG_FILE = "site.yaml"
CONFIG_KEYS = frozenset(
    {"title", "description", "base_url", "language", "date_order", "extract", "allow_html", "author", "feed_limit",
     "publish_extracted", "params", "paginate"}
)
NO_BASE_URL = ("no base_url: the Atom feed and sitemap.xml are left out and pages have no canonical URL; "
               "set base_url: https://USER.github.io/REPO/ in site.yaml or pass --base-url "
               "(the GitHub Pages workflow passes it)")


def load_config(root: Path, diagnostics: Diagnostics, base_url: str | None = None) -> SiteConfig:
    """Read root/site.yaml (if any); `base_url` from the command line wins over the file."""
    path = root / CONFIG_FILE
    mapping = MarkedMap()
    if path.is_file():
        try:
            loaded = load_yaml(decode(CONFIG_FILE, path.read_bytes()))
        except ContentError as error:
            diagnostics.error(error.location, error.message)
            loaded = None
        except YamlProblem as problem:
            diagnostics.error(SourceLocation(CONFIG_FILE, problem.line, problem.col), problem.message)
            loaded = None
        if isinstance(loaded, MarkedMap):
            mapping = loaded
        elif loaded is not None:
            diagnostics.error(SourceLocation(CONFIG_FILE), "site.yaml must be a mapping of settings (title: …)")
    f = Fields(mapping, CONFIG_FILE, diagnostics)
    f.warn_unknown(CONFIG_KEYS)
    defaults = SiteConfig()
    written = f.url("base_url")
    url = base_url if base_url is not None else (written or defaults.base_url)
    if base_url is None and not written:
        # Feeds, sitemaps and canonical links need absolute URLs, and a guess would be wrong.
        diagnostics.warning(SourceLocation(CONFIG_FILE), NO_BASE_URL)
    return SiteConfig(
        title=f.text("title") or defaults.title,
        description=f.text("description"),
        base_url=normalise_base_url(url),
        language=f.language("language") or defaults.language,
        date_order=f.choice("date_order", ("DMY", "MDY"), defaults.date_order),
        extract=read_extract_settings(f, "extract", ExtractSettings()),
        allow_html=f.boolean("allow_html", False),
        author=f.text("author"),
        feed_limit=f.integer("feed_limit", defaults.feed_limit, minimum=1),
        publish_extracted=f.choice("publish_extracted", PUBLISH_EXTRACTED, defaults.publish_extracted),
        params=_params(mapping, f),
        paginate=f.integer("paginate", defaults.paginate, minimum=1),
    )


def _params(mapping: MarkedMap, f: Fields) -> dict:
    """`params:`, a free mapping for the user's own templates (`site.params`), as plain values.

    Its keys are the user's own, so none is unknown; the values reach pages
    only through templates, where autoescaping escapes them like any text.
    """
    if "params" not in mapping or mapping["params"] is None:
        return {}
    if not isinstance(mapping["params"], MarkedMap):
        f.error("params", "expected a mapping of your own settings (params: {key: value}), "
                          f"got {describe(mapping['params'])}")
        return {}
    return _plain(mapping["params"])


def _plain(value):
    """YAML as plain dicts, lists and scalars: what templates see, and what the cache keys hash (by repr)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def normalise_base_url(url: str) -> str:
    """Always ends with '/': 'https://u.github.io/repo' → 'https://u.github.io/repo/'."""
    url = url.strip() or "/"
    return url if url.endswith("/") else url + "/"
