"""Lint in proportion (issue 15): a lint that reuses what earlier lints stored finds exactly what a full lint finds.

After each edit (a source changed, added, removed; a rebuild; a hand-edited page with broken
links; a page deleted that others link to; other lint settings) the incremental lint of the
wiki is compared with a full lint of a copy of it, where nothing stored is reused.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lint_helpers import FIXTURES, SHARED, make_wiki
from lorebook.config import find_wiki
from lorebook.lint import run_lint
from lorebook.lint.state import current_documents
from lorebook.pipeline import build

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 20)


def full_lint_of_copy(wiki, tmp_path: Path, n: int, today=TODAY):
    copy = tmp_path / f"copy{n}"
    shutil.copytree(wiki.root, copy)
    return run_lint(find_wiki(copy), today=today, full=True)


def assert_same(wiki, tmp_path: Path, n: int, today=TODAY):
    inc = run_lint(wiki, today=today)
    full = full_lint_of_copy(wiki, tmp_path, n, today)
    assert [f.as_dict() for f in inc.findings] == [f.as_dict() for f in full.findings]
    return inc


def edits(wiki, tmp_path: Path):
    """Apply one kind of edit after another; yield after each so the caller can compare."""
    raws = sorted(p for p in wiki.raw_dir.rglob("*.md"))
    first, second = raws[0], raws[1]
    first.write_text(first.read_text(encoding="utf-8") + "\n{{TODO: owner}}\n\nThe 2026-05-12 outage lasted 3 hours. "
                     "ADR-014 is still proposed.\n", encoding="utf-8")
    yield "source edited, not rebuilt"
    second.unlink()
    (wiki.raw_dir / "zz-new.md").write_text("# ADR-7: Another seventh decision\n\n## Status\n\nApproved\n", encoding="utf-8")
    yield "source removed and one added"
    build(wiki)
    yield "rebuilt"
    pages = sorted(p for p in wiki.wiki_dir.rglob("*.md") if p.name not in ("index.md", "log.md"))
    (wiki.wiki_dir / "hand.md").write_text(
        f"# Hand\n\n[a](missing.md) [[nowhere]] [[index]] [b](../raw/zz-new.md#L2-L99) [c]({pages[0].relative_to(wiki.wiki_dir).as_posix()})\n",
        encoding="utf-8")
    yield "hand-written page with broken links"
    pages[0].unlink()
    yield "a linked page deleted"
    raw_new = wiki.raw_dir / "zz-new.md"
    raw_new.write_text(raw_new.read_text(encoding="utf-8") + "\n" * 120, encoding="utf-8")
    yield "a cited source grew past a link's line range"
    third, fourth = raws[2], raws[3]
    third.write_text(third.read_text(encoding="utf-8") + "\nStatus: Approved\n", encoding="utf-8")
    current_documents(wiki)  # `lorebook adr` brings the stored digests up to date between two lints
    yield "a source edited and read by an adr command before lint"
    fourth.write_text(fourth.read_text(encoding="utf-8") + "\nOne more line about the rollout.\n", encoding="utf-8")
    yield "a source edited without changing what other sources see"


@pytest.mark.parametrize("corpus", ["examples", "corpus"])
def test_incremental_lint_equals_full_lint(tmp_path, corpus):
    if corpus == "corpus":
        src = SHARED / "corpus"
        if not src.exists():
            pytest.skip("shared corpus not present")
        wiki = make_wiki(tmp_path, [])
        for kind in ("adr", "postmortem", "runbook"):
            shutil.copytree(src / kind, wiki.raw_dir / kind)
    else:
        wiki = make_wiki(tmp_path, [])
        shutil.copytree(REPO / "examples" / "platform-team", wiki.raw_dir / "platform-team")
        for f in FIXTURES.glob("*.md"):
            shutil.copyfile(f, wiki.raw_dir / f.name)
    build(wiki)
    first = assert_same(wiki, tmp_path, 0)
    assert first.checked["digested"] > 0 and first.findings
    n = 0
    for n, label in enumerate(edits(wiki, tmp_path), 1):
        if n % 2:  # a run of one rule in between must not leave the others' stored answers behind
            run_lint(wiki, ["template-placeholder"], today=TODAY)
        res = assert_same(wiki, tmp_path, n)
        assert res.checked["digested"] <= (0 if n % 2 else 2), label  # only what changed was read again
    rules = {f.rule for f in res.findings}
    assert {"broken-link", "stale-page", "template-placeholder", "adr-status-invalid"} <= rules
    # Another day re-judges ages from the stored digests; nothing is read again.
    later = assert_same(wiki, tmp_path, n + 1, today=dt.date(2027, 6, 1))
    assert later.checked["digested"] == 0


def test_nothing_changed_reads_nothing(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md", "postmortem-bare.md", "runbook-bare.md"])
    run_lint(wiki, today=TODAY)
    again = run_lint(wiki, today=TODAY)
    assert again.checked == {"digested": 0, "wiki_scanned": 0, "removed": 0, "refindings": 0}
