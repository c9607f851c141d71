"""A full build holds a batch of units at a time (issue 15 item 3), and the batch size changes nothing.

The build streams its units through compile/assembly.py's passes (living/full.py). These tests count
the SourceUnit objects alive while a build of 60 sources runs in batches of 4: a build that held
every unit, as builds did before, fails them whatever the machine's speed or memory. Peak RSS
itself is measured by bench/compile.py (docs/performance.md).
"""

from __future__ import annotations

import sys
import weakref
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import golden  # noqa: E402

from lorebook import compile as compile_pkg  # noqa: E402
from lorebook.compile import SourceUnit  # noqa: E402
from lorebook.compile.assembly import Assembly  # noqa: E402
from lorebook.config import init_wiki  # noqa: E402
from lorebook.living import full  # noqa: E402
from lorebook.pipeline import build, ingest  # noqa: E402
from lorebook.store import repo  # noqa: E402
from lorebook.store.db import database_for  # noqa: E402

N = 60
BATCH = 4


def _notes(folder: Path) -> Path:
    """N small sources: decisions that cite each other by number, incidents, runbooks."""
    folder.mkdir()
    for i in range(1, N + 1):
        kind = ("adr", "incident", "runbook")[i % 3]
        if kind == "adr":
            text = (f"# ADR-{i:03d}: Move service {i} to Postgres\n\n**Status:** Accepted\n**Date:** 2026-01-{i % 28 + 1:02d}\n\n"
                    f"## Context\n\nService {i} outgrew its store. See ADR-{max(1, i - 3):03d}.\n\n"
                    f"## Decision\n\nWe will move service {i} to Postgres.\n")
        elif kind == "incident":
            text = (f"# Postmortem: queue outage {i}\n\n**Date:** 2026-02-{i % 28 + 1:02d}\n**Severity:** SEV-2\n\n"
                    f"## Summary\n\nThe queue stopped for {i} minutes.\n\n## Root cause\n\nA full disk on broker {i}.\n\n"
                    f"## Action items\n\n- [ ] Alert on disk usage (owner: Mina)\n")
        else:
            text = (f"# Runbook: restart worker pool {i}\n\n## Steps\n\n1. Drain pool {i}.\n\n   ```\n   kubectl drain pool-{i}\n"
                    f"   ```\n\n2. Restart it.\n")
        (folder / f"{kind}-{i:03d}.md").write_text(text, encoding="utf-8")
    return folder


class _LiveUnits:
    """Every SourceUnit made or unpickled in this process while the fixture runs, held weakly."""

    def __init__(self, monkeypatch):
        self.live: list[weakref.ref] = []  # units compare by value, so they cannot go in a WeakSet
        self.most = 0
        made = SourceUnit.__init__

        def init(unit, *args, **kwargs):
            made(unit, *args, **kwargs)
            self.live.append(weakref.ref(unit))

        def setstate(unit, state):
            unit.__dict__.update(state)
            self.live.append(weakref.ref(unit))

        monkeypatch.setattr(SourceUnit, "__init__", init)
        monkeypatch.setattr(SourceUnit, "__setstate__", setstate, raising=False)

    def sample(self) -> None:
        self.live[:] = [r for r in self.live if r() is not None]
        self.most = max(self.most, len(self.live))


@pytest.fixture
def counted(monkeypatch):
    """Batches of BATCH units; the most units alive at once, sampled as units are read, linked and written."""
    monkeypatch.setattr(full, "BATCH", BATCH)
    units = _LiveUnits(monkeypatch)
    for owner, name in ((full.Units, "unit"), (Assembly, "add"), (Assembly, "link"), (repo, "write_page_rows")):
        inner = getattr(owner, name)

        def sampled(*args, _inner=inner, **kwargs):
            out = _inner(*args, **kwargs)
            units.sample()
            return out

        monkeypatch.setattr(owner, name, sampled)
    return units


def test_a_first_build_holds_a_few_batches_of_units_at_most(tmp_path, counted):
    wiki = init_wiki(tmp_path / "wiki", "T")
    report = ingest(wiki, [_notes(tmp_path / "notes")])
    assert len(report.created) == 2 * N + 1 and not report.partial
    assert 0 < counted.most <= 2 * BATCH + 1  # the batches read back, and the unit being compiled


def test_a_rebuild_over_saved_pages_holds_a_few_batches_at_most(tmp_path, counted):
    wiki = init_wiki(tmp_path / "wiki", "T")
    ingest(wiki, [_notes(tmp_path / "notes")])
    page = next((wiki.wiki_dir / "decisions").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8")
    counted.most = 0
    report = build(wiki, repair=True)
    assert not report.partial and report.human  # planned against the saved pages, the edit recorded
    assert 0 < counted.most <= 2 * BATCH + 1


@pytest.mark.parametrize("scenario", sorted(golden.SCENARIOS))
def test_the_batch_size_and_the_compile_workers_change_nothing(scenario, monkeypatch):
    """The golden wikis, compiled in batches of 3 sources with the compile workers started from 10 sources."""
    if not golden.available(scenario):
        pytest.skip("../shared is not present next to the repository")
    monkeypatch.setattr(full, "BATCH", 3)
    monkeypatch.setattr(compile_pkg, "PARALLEL_THRESHOLD", 10)
    expected = golden.load_manifest()
    report = []
    for step, digests in golden.compute(scenario).items():
        report += [f"{step}: {line}" for line in golden.differences(expected[step], digests)]
    assert not report, "\n".join(report)


def test_two_sources_with_the_same_content_build_again_and_again(tmp_path):
    """They share one cache file. A later build that compiles one of them (the cache held the other's unit) and
    reads the other back from the cache used to overwrite the file first and then fail: "its compiled unit went
    missing from .lorebook/cache"."""
    wiki = init_wiki(tmp_path / "wiki", "T")
    note = "# Runbook: restart\n\n## Steps\n\n1. Run `systemctl restart app`\n"
    (wiki.root / "raw" / "a.md").write_text(note)
    (wiki.root / "raw" / "b.md").write_text(note)
    build(wiki)
    (wiki.root / "raw" / "other.md").write_text("# Other\n\nA note.\n")
    for _ in range(2):
        build(wiki)
        assert {"raw/a.md", "raw/b.md", "raw/other.md"} <= set(repo.source_shas(database_for(wiki)))
