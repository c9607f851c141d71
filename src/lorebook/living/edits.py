"""Changes people make through Lorebook (revert, edit): file and database move together, as a compile does."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from lorebook.config import Wiki
from lorebook.living.frontmatter import set_meta
from lorebook.living.versions import add_version
from lorebook.store import files, repo, tables as T
from lorebook.store.lock import wiki_lock
from lorebook.store.db import database_for


class EditError(Exception):
    """A page or version that does not exist; the message says what to do."""


class StaleVersion(EditError):
    """The page moved on since the editor loaded it: nothing was saved, their text is theirs to merge."""

    def __init__(self, page_id: str, current_version: int, current_text: str):
        super().__init__(f"'{page_id}' is at version {current_version} now; merge your text with it and save again")
        self.current_version = current_version
        self.current_text = current_text


def record(wiki: Wiki, page_id: str, text: str, who: str, origin: str, note: str = "",
           base_version: int | None = None) -> int:
    """Make `text` the page's new version (file + row + history, atomically). Returns the version.

    `base_version`: the version the editor started from; if the page has moved on, raise
    StaleVersion and save nothing (no lost update)."""
    db = database_for(wiki)
    with wiki_lock(wiki.state_dir):
        repo.recover(wiki)
        with db.session() as s:
            row = s.execute(select(T.pages.c.path, T.pages.c.version, T.pages.c.content).where(T.pages.c.id == page_id)).first()
        if row is None:
            raise EditError(f"no page '{page_id}'; list pages with `lorebook pages`")
        if base_version is not None and row.version != base_version:
            raise StaleVersion(page_id, row.version, row.content)
        version = row.version + 1
        now = repo.now_iso()
        text = set_meta(text, version=version, edited_by=who, origin=origin, updated=now)
        generation = repo.get_generation(db) + 1
        fs = files.FileSet(root=wiki.root, generation=generation)
        fs.write(f"wiki/{row.path}", text)
        fs.write("wiki/log.md", repo.with_log_entry(wiki, f"## [{now[:16].replace('T', ' ')}] {origin} | {page_id}\n\n"
                                                       f"- {who} made version {version}{': ' + note if note else ''}"))
        marker = wiki.state_dir / "writing"
        marker.write_text(str(generation), encoding="utf-8")
        journal = files.stage(fs, wiki.state_dir)
        with db.session() as s:
            if s.execute(select(T.page_bases.c.page_id).where(T.page_bases.c.page_id == page_id)).first() is None:
                # the page's content was its own merge base; keep it as the base before the content moves away
                s.execute(insert(T.page_bases).values(page_id=page_id, content=row.content))
            s.execute(update(T.pages).where(T.pages.c.id == page_id).values(
                content=text, version=version, edited_by=who, origin="human", updated=now))
            add_version(s, page_id, version, now, who, origin, text, note)
            repo.set_meta(s, "generation", str(generation))
        files.apply(wiki.root, journal)
        marker.unlink(missing_ok=True)
        return version
