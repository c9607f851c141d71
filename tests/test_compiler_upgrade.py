"""After an upgrade the same notes compile to better pages: a build notices the compiler changed and
compiles every source again instead of keeping pages made by the old code."""

from __future__ import annotations

from lorebook.pipeline import COMPILER_STAMP, build
from lorebook.store import repo
from lorebook.store.db import database_for


def _units_compiled(w) -> int:
    return sum(1 for _ in (w.state_dir / "cache").rglob("*.pkl"))


def test_a_changed_compiler_recompiles_every_source_once(notes_wiki_of):
    w = notes_wiki_of({"a.md": "# ADR-001: Use Postgres\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Postgres.\n",
                       "b.md": "# Runbook: restart the API\n\n## Steps\n\n1. Run `systemctl restart api`.\n"})
    stamp = w.state_dir / COMPILER_STAMP
    current = stamp.read_text()
    again = build(w)
    assert not any("compiler changed" in x for x in again.warnings) and again.partial  # nothing to redo

    stamp.write_text("0" * 12)  # as an older Lorebook would have left it
    for pkl in (w.state_dir / "cache").rglob("*.pkl"):
        pkl.unlink()  # its compiled units are of no use to the new compiler either
    upgraded = build(w)
    assert any("compiler changed" in x for x in upgraded.warnings)
    assert not upgraded.partial and _units_compiled(w) == 2  # both sources compiled again, from raw/
    assert stamp.read_text() == current
    assert len(repo.source_shas(database_for(w))) == 2
    assert not any("compiler changed" in x for x in build(w).warnings)  # once


def test_a_wiki_built_before_builds_were_stamped_is_recompiled(notes_wiki_of):
    w = notes_wiki_of({"a.md": "# ADR-001: Use Postgres\n\n## Status\n\nAccepted\n"})
    (w.state_dir / COMPILER_STAMP).unlink()
    assert any("compiler changed" in x for x in build(w).warnings)
    assert (w.state_dir / COMPILER_STAMP).exists()
