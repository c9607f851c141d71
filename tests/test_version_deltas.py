"""Page versions stored as deltas: an edit costs storage in proportion to what changed, and every
version still reads back exactly (history, diff and revert unchanged)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from lorebook.living.edits import record
from lorebook.living.versions import all_versions, content_at, history
from lorebook.pipeline import ingest
from lorebook.store import tables as T, versions as V
from lorebook.store.db import Database, database_for, migrate

from conftest import EXAMPLES, REPO

ADR = "adr-015-use-redis-for-session-storage"


def _edited(text: str, i: int) -> str:
    """A person's edit: one line of the body changed, one line added."""
    lines = text.splitlines(True)
    at = len(lines) // 2
    lines[at] = f"Reviewed in round {i}; nothing else changed here.\n"
    lines.append(f"- note {i}: checked against the runbook\n")
    return "".join(lines)


def test_hundred_edits_store_less_than_three_copies_and_read_back_exactly(wiki, cli):
    ingest(wiki, [EXAMPLES / "adr-015-redis-for-sessions.md"])
    db = database_for(wiki)
    page = wiki.wiki_dir / "decisions" / f"{ADR}.md"
    written = {}
    for i in range(100):
        text = _edited(page.read_text(), i)
        v = record(wiki, ADR, text, "Mina Park", "human", f"edit {i}")
        written[v] = page.read_text()
    size = len(page.read_text().encode())
    with db.session() as s:
        stored = V.stored_bytes(s, ADR)
    assert stored < 3 * size, f"100 edits stored {stored} bytes for a {size}-byte page"
    # every version rebuilds to exactly what the page file said when it was written
    for v, text in written.items():
        assert content_at(db, ADR, v) == text
    assert {r["version"]: r["content"] for r in all_versions(db, ADR)}.items() >= written.items()
    # and the commands on top of them behave as before
    last = max(written)
    d = cli("diff", ADR, str(last - 1), str(last), "--wiki", wiki.root)
    assert d.exit_code == 0 and f"+- note {last - 2}: checked" in d.output
    r = cli("revert", ADR, "1", "--wiki", wiki.root)
    assert r.exit_code == 0 and f"restored as v{last + 1}" in r.output
    assert "note 0" not in page.read_text()
    assert cli("check", "--wiki", wiki.root).exit_code == 0


def test_a_long_chain_is_cut_by_snapshots(wiki):
    db = database_for(wiki)
    text = "".join(f"line {n}\n" for n in range(200))
    with db.session() as s:
        for v in range(1, 2 * V.MAX_CHAIN + 5):
            text = text.replace(f"line {v}\n", f"line {v} edited\n")
            V.write(s, [dict(page_id="p", version=v, time="t", edited_by="x", origin="human", content=text, note="")])
        kinds = [r.delta is None for r in s.execute(sa.select(T.page_versions.c.delta)
                                                   .where(T.page_versions.c.page_id == "p")
                                                   .order_by(T.page_versions.c.version))]
    assert kinds[0] and kinds.count(True) >= 2
    longest = max(len(run) for run in "".join("S" if k else "d" for k in kinds).split("S"))
    assert longest <= V.MAX_CHAIN


def test_replacing_a_version_keeps_the_ones_after_it_readable(wiki):
    """A page that comes back after it was retired starts again at version 1."""
    db = database_for(wiki)
    texts = {1: "a\nb\nc\n", 2: "a\nB\nc\n", 3: "a\nB\nc\nd\n"}
    row = dict(time="t", edited_by="x", origin="compiled", note="")
    with db.session() as s:
        V.write(s, [dict(row, page_id="p", version=v, content=t) for v, t in texts.items()])
        V.write(s, [dict(row, page_id="p", version=1, content="something else entirely\n")])
    assert content_at(db, "p", 1) == "something else entirely\n"
    assert content_at(db, "p", 2) == texts[2] and content_at(db, "p", 3) == texts[3]
    assert [r["version"] for r in history(db, "p")] == [1, 2, 3]


def test_a_damaged_delta_is_reported_not_returned(wiki):
    db = database_for(wiki)
    row = dict(page_id="p", time="t", edited_by="x", origin="compiled", note="")
    with db.session() as s:
        V.write(s, [dict(row, version=1, content="one\ntwo\nthree\n"), dict(row, version=2, content="one\n2\nthree\n")])
        s.execute(sa.update(T.page_versions).where(T.page_versions.c.version == 2)
                  .values(delta='[[0,1],"2!\\n",[2,3]]'))
    with pytest.raises(V.VersionCorrupt, match="lorebook build --repair"):
        content_at(db, "p", 2)


@pytest.mark.parametrize("old,new", [
    ("", "a\n"), ("a\n", ""), ("a\nb\n", "a\nb"), ("x", "y\nx"), ("same\n" * 50, "same\n" * 49 + "changed\n"),
    ("\n".join(map(str, range(100))), "\n".join(map(str, range(0, 100, 2)))),
])
def test_delta_round_trip(old, new):
    assert V.apply_delta(old, V.make_delta(old, new)) == new


def test_migration_turns_existing_full_copies_into_deltas(tmp_path):
    """A wiki made before deltas: its versions are re-encoded, and each reads back as it was."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(REPO / "src" / "lorebook" / "store" / "migrations"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        body = "".join(f"line {n}\n" for n in range(300))
        old = {v: body.replace(f"line {v}\n", f"line {v} changed\n") for v in range(1, 21)}
        conn.execute(sa.text("INSERT INTO page_versions (page_id, version, time, edited_by, origin, content_hash,"
                             " content, note) VALUES (:p, :v, 't', 'x', 'compiled', :h, :c, '')"),
                     [dict(p="page", v=v, h=V.sha(t), c=t) for v, t in old.items()])
    migrate(db)
    with db.session() as s:
        deltas = s.execute(sa.select(sa.func.count()).select_from(T.page_versions)
                           .where(T.page_versions.c.delta.is_not(None))).scalar()
        assert deltas >= 15
        assert V.stored_bytes(s, "page") < 3 * len(body)
        assert all(V.content_at(s, "page", v) == t for v, t in old.items())
    db.engine.dispose()


def test_an_edit_does_not_replay_a_chain_to_learn_the_current_text(wiki, monkeypatch):
    """Saving a new version of a page takes the text it follows from the page row, read before the
    row is overwritten: replaying a long page's deltas on every edit cost seconds at 10,000 sources."""
    raw = wiki.raw_dir / "adr.md"
    body = (EXAMPLES / "adr-015-redis-for-sessions.md").read_text()
    raw.write_text(body)
    ingest(wiki, [raw])
    rebuilt = []
    real = V._rebuild
    monkeypatch.setattr(V, "_rebuild", lambda *a: rebuilt.append(a[0]) or real(*a))
    for i in range(3):  # each edit moves every later citation: new versions of the page and its source page
        body = body.replace("\n\n", f"\n\nInserted line {i}.\n\n", 1)
        raw.write_text(body)
        ingest(wiki, [raw])
    db = database_for(wiki)
    assert len(history(db, ADR)) >= 3
    assert rebuilt == []
    monkeypatch.setattr(V, "_rebuild", real)
    assert content_at(db, ADR, history(db, ADR)[-1]["version"]) == (wiki.wiki_dir / "decisions" / f"{ADR}.md").read_text()
