"""Shared fixtures: the ../shared folder (skipped when absent), fresh wikis, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lorebook.cli import main
from lorebook.config import init_wiki

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "platform-team"
SHARED_EXAMPLE = SHARED / "examples" / "engineering-incidents-and-decisions.md"
CORPUS = SHARED / "corpus"


def need_shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the repository")


@pytest.fixture
def shared_example() -> Path:
    need_shared()
    return SHARED_EXAMPLE


@pytest.fixture
def corpus() -> Path:
    need_shared()
    return CORPUS


@pytest.fixture
def wiki(tmp_path):
    """A fresh, empty wiki."""
    return init_wiki(tmp_path / "wiki", "Test Team")


@pytest.fixture
def cli():
    """Run `lorebook ARGS…` in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args, input=None, env=None):
        return runner.invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture(autouse=True)
def _no_ambient_wiki(monkeypatch):
    monkeypatch.delenv("LOREBOOK_WIKI", raising=False)
    monkeypatch.delenv("LOREBOOK_DATABASE_URL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
