"""The package's layers: each subpackage imports only from the ones below it.

cli -> build -> site -> extract -> content.  A module importing upwards (the
site machinery reaching into the build, the content schema into the
extractors) would bring back the tangle the layout exists to prevent.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
LAYERS = ["content", "extract", "site", "build", "cli"]   # lowest first


def _imported_modules(path: Path) -> list[list[str]]:
    """Every ``generator.…`` module a file imports, as dotted parts ("from .. import extract" included)."""
    package = ["generator", *path.relative_to(PACKAGE).parts[:-1]]
    found: list[list[str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            found += [target + [alias.name] for alias in node.names]   # the name may be a module
    return [parts for parts in found if parts[0] == "generator"]


def test_every_module_sits_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert loose == [], "modules belong in a subpackage"
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()) == sorted(LAYERS)


def test_imports_point_downward_only():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = path.relative_to(PACKAGE).parts[0]
        if layer not in LAYERS:
            continue
        for parts in _imported_modules(path):
            other = parts[1] if len(parts) > 1 else ""
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(layer):
                upward.append(f"{path.relative_to(PACKAGE)} imports {'.'.join(parts[:2])}")
    assert upward == []
