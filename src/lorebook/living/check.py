"""`lorebook check`: do wiki/ files, the database and raw/ agree? If not, say how to repair."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sqlalchemy import func, select

from lorebook.config import Wiki
from lorebook.sources.reader import sha256_file
from lorebook.store import files, repo, tables as T
from lorebook.store.lock import wiki_lock
from lorebook.store.db import database_for
from lorebook.sources.raw import leftovers, raw_files

GENERATED = {"index.md", "log.md"}


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # the wiki is inconsistent
    pending: list[str] = field(default_factory=list)  # fine, but the next build has work to do
    recovered: list[str] = field(default_factory=list)
    pages: int = 0
    sources: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(wiki: Wiki, wait: bool = True) -> CheckReport:
    """Finish any interrupted write (as every writer does), then compare files, database and raw/."""
    out = CheckReport()
    db = database_for(wiki)
    with wiki_lock(wiki.state_dir, wait=wait):
        out.recovered = repo.recover(wiki)
        with db.session() as s:
            pages = s.execute(select(T.pages.c.id, T.pages.c.path, T.pages.c.content)).all()
            srcs = s.execute(select(T.sources.c.path, T.sources.c.sha256).where(T.sources.c.status == "ok")).all()
            bad_cites = s.execute(select(func.count()).select_from(T.citations).where(
                ~T.citations.c.block_id.in_(select(T.blocks.c.id)))).scalar()
        out.pages, out.sources = len(pages), len(srcs)
        known = set()
        for p in pages:
            known.add(p.path)
            f = wiki.wiki_dir / p.path
            try:
                text = f.read_text(encoding="utf-8")
            except FileNotFoundError:
                out.problems.append(f"wiki/{p.path}: missing (page {p.id} is in the database)")
                continue
            if text != p.content:
                out.pending.append(f"wiki/{p.path}: edited by hand; the next build records it as a version")
        for dirpath, _dirs, names in os.walk(wiki.wiki_dir):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), wiki.wiki_dir).replace(os.sep, "/")
                if files.TMP_MARK in n:
                    out.problems.append(f"wiki/{rel}: temp file of an interrupted write")
                elif n.endswith(".md") and rel not in known and rel not in GENERATED:
                    out.pending.append(f"wiki/{rel}: not a page Lorebook knows (kept as is)")
        for jp in wiki.state_dir.glob("journal-*.json"):
            out.problems.append(f".lorebook/{jp.name}: unfinished write")
        for f in leftovers(wiki):  # garbage, not damage (a SIGKILL mid-write leaves one): listed so it is seen
            out.pending.append(f"{wiki.rel(f)}: temporary file left by an interrupted run "
                                f"({f.stat().st_size:,} bytes); `lorebook build` removes it")
        on_disk = set()
        for s_ in srcs:
            f = wiki.root / s_.path
            on_disk.add(s_.path)
            try:
                sha = sha256_file(f)
            except FileNotFoundError:
                out.pending.append(f"{s_.path}: deleted; the next build retires its pages")
                continue
            if sha != s_.sha256:
                out.pending.append(f"{s_.path}: changed since the last build")

        for f in raw_files(wiki):
            if wiki.rel(f) not in on_disk:
                out.pending.append(f"{wiki.rel(f)}: new; the next build compiles it")
        if bad_cites:
            out.problems.append(f"database: {bad_cites} citation(s) of blocks that do not exist")
    return out
