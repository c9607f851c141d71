"""Shared helpers for the lint and authoring tests: a real wiki in tmp_path, compiled for real."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from lorebook.config import init_wiki
from lorebook.lint import run_lint
from lorebook.pipeline import build

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def make_wiki(tmp_path: Path, files: list[str] | dict[str, str], name: str = "w"):
    """A compiled wiki whose raw/ holds the named fixtures (or {name: text})."""
    wiki = init_wiki(tmp_path / name, "Test")
    items = files.items() if isinstance(files, dict) else [(f, None) for f in files]
    for fname, text in items:
        dest = wiki.raw_dir / fname
        dest.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            shutil.copyfile(FIXTURES / fname, dest)
        else:
            dest.write_text(text, encoding="utf-8")
    if items:
        build(wiki)
    return wiki


def lint_rule(wiki, rule: str, today: dt.date = dt.date(2026, 11, 20)):
    return [f for f in run_lint(wiki, [rule], today=today).findings if f.rule == rule]
