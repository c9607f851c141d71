"""The layer contract of docs/architecture.md holds: packages import only downward.

The contracts live in pyproject.toml ([tool.importlinter]) and list no exceptions; this runs the
real tool (import-linter) over the source tree, so an upward import fails the suite.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "lorebook"


def test_import_linter_contracts_are_kept():
    pytest.importorskip("importlinter")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
                           "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=REPO, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_contract_lists_no_exceptions():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "ignore_imports" not in text


def test_no_private_name_is_imported_from_another_package():
    """`from lorebook.x import _name` across packages hides a dependency the layers cannot see."""
    bad = []
    for f in SRC.rglob("*.py"):
        if "migrations" in f.parts:
            continue
        mine = f.relative_to(SRC).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lorebook."):
                theirs = node.module.split(".")[1]
                if theirs != mine:
                    bad += [f"{f.relative_to(SRC)}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert not bad, bad


def test_no_helper_exists_in_two_copies():
    """Two module-level functions with the same body are one helper that should have one home."""
    import collections

    bodies = collections.defaultdict(list)
    for f in SRC.rglob("*.py"):
        if "migrations" in f.parts:
            continue
        for node in ast.parse(f.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                body = ast.dump(ast.Module(body=[s for s in node.body if not (
                    isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))], type_ignores=[]))
                if len(body) > 150:  # one-liners such as `return x.name` are not worth a shared home
                    bodies[body].append(f"{f.relative_to(SRC)}:{node.name}")
    copies = [names for names in bodies.values() if len(names) > 1]
    assert not copies, copies


def test_cli_start_up_imports_no_database_or_web_stack():
    """Every `lorebook` run imports cli/ and all its command modules; the libraries a command needs
    are imported inside it (cli/__init__.py says why), so `--help` or `new` never pay for them."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    code = "import sys, lorebook.cli; print(sorted(m for m in ('sqlalchemy', 'fastapi', 'uvicorn', 'lorebook.pipeline') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]", out


def test_every_package_has_a_layer():
    """A module left out of the contract is not checked at all: each top-level one must be listed."""
    import tomllib

    layers = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][0]["layers"]
    listed = {name.strip() for layer in layers for name in layer.split("|")}
    tops = {f"lorebook.{p.stem if p.is_file() else p.name}" for p in SRC.iterdir()
            if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())) and p.stem not in ("__init__", "__main__")}
    assert tops <= listed, sorted(tops - listed)
