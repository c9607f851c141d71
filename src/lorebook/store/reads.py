"""Reads for the query commands, in plain SQL through `Database.read()`: no SQLAlchemy import.

`lorebook search`, `ask`, `show` and `pages` start in a fraction of the time when they need
not import SQLAlchemy (~0.12 s) and the table definitions: on a SQLite wiki they read through
the light path of store/db.py. The same functions run on PostgreSQL through the pool.
"""

from __future__ import annotations

import re

from lorebook.store.db import database_for, marks  # noqa: F401  (callers reach marks as reads.marks)

SENTENCE_COLS = "u.id, u.source, u.position, u.start_line, u.end_line, u.kind, u.page_id, u.page_type, u.field, u.heading, u.text"


_KNOWN_BUILT: set[tuple[str, str]] = set()  # (database url, index) seen built in this process: a server checks once


def ensure_indexes(wiki, read_source, sentences: bool = False) -> None:
    """Fill the search index (and the sentence index) of a wiki that predates them.

    The check is one read; only a wiki that lacks an index loads the writers (store.search_index,
    store.sentences), which build it under the wiki lock."""
    keys = ("search_index", "sentence_index") if sentences else ("search_index",)
    db = database_for(wiki)
    if all((db.url, k) in _KNOWN_BUILT for k in keys):
        return
    with db.read() as conn:
        have = set(conn.execute("SELECT key FROM meta WHERE key IN ('search_index', 'sentence_index')").scalars())
    _KNOWN_BUILT.update((db.url, k) for k in have)
    if "search_index" not in have:
        from lorebook.store.search_index import ensure

        ensure(wiki, read_source)
    if "sentence_index" in keys and "sentence_index" not in have:
        from lorebook.store.sentences import ensure

        ensure(wiki, read_source)


def of_pages(conn, page_ids: list[str]) -> list:
    """Every sentence of the given pages, in source order."""
    if not page_ids:
        return []
    ids, params = marks("p", page_ids)
    return conn.execute(f"SELECT {SENTENCE_COLS} FROM sentence_units u WHERE u.page_id IN ({ids}) "
                        "ORDER BY u.source, u.position", params).all()


def neighbours(conn, source: str, position: int, before: int = 1, after: int = 2) -> list:
    return conn.execute(f"SELECT {SENTENCE_COLS} FROM sentence_units u WHERE u.source = :s AND u.position >= :lo "
                        "AND u.position <= :hi ORDER BY u.position",
                        {"s": source, "lo": position - before, "hi": position + after}).all()


def in_lines(conn, source: str, start: int, end: int) -> list:
    """The sentences of `source` that lie on lines `start`..`end`, in order."""
    return conn.execute(f"SELECT {SENTENCE_COLS} FROM sentence_units u WHERE u.source = :s AND u.start_line >= :lo "
                        "AND u.end_line <= :hi ORDER BY u.position", {"s": source, "lo": start, "hi": end}).all()


def matching(conn, db, terms: list[str], limit: int = 60, every: bool = False) -> list:
    """Sentences holding any of `terms` (all of them with `every`), best BM25 first.

    The rank is computed for every sentence that matches: callers pass rare words, or `every`, so
    that is a few hundred rows, not a large share of the wiki."""
    ws = [re.sub(r"[^\w]", "", w) for w in terms]
    ws = [w for w in ws if w]
    if not ws:
        return []
    if db.is_sqlite:
        expr = (" AND " if every else " OR ").join('"' + w + '"' + ("*" if len(w) >= 4 else "") for w in ws)
        return conn.execute(f"SELECT {SENTENCE_COLS} FROM sentence_fts JOIN sentence_units u ON u.id = sentence_fts.rowid "
                            "WHERE sentence_fts MATCH :q ORDER BY sentence_fts.rank LIMIT :n", {"q": expr, "n": limit}).all()
    q = (" & " if every else " | ").join(f"{w}:*" for w in ws)
    return conn.execute(
        f"SELECT {SENTENCE_COLS} FROM sentence_units u WHERE u.tsv @@ (to_tsquery('english', :q) || to_tsquery('simple', :q)) "
        "ORDER BY ts_rank_cd(u.tsv, to_tsquery('english', :q) || to_tsquery('simple', :q)) DESC LIMIT :n",
        {"q": q, "n": limit}).all()
