"""The folders are layers, and data flows up through them: no module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"
# Lowest first: each layer may import its own and those before it.
LAYERS = ("model", "read", "fold", "check", "store", "ask", "show", "export")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``timeline.X...`` module a file imports (at any depth, type-only imports included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.extend((node.lineno, name) for name in names if name.startswith("timeline."))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("timeline."))
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert loose == set(), "put each module in the folder of its layer"
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(LAYERS)


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = []
    for layer, name in enumerate(LAYERS):
        for path in sorted((PACKAGE / name).glob("*.py")):
            for line, module in _imports(path):
                target = _layer(module)
                if target is not None and target > layer:
                    upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {module}")
    assert upward == []


def test_layer_packages_are_empty_so_that_importing_one_module_costs_one_module() -> None:
    for name in LAYERS:
        assert (PACKAGE / name / "__init__.py").read_text(encoding="utf-8").strip() == ""
