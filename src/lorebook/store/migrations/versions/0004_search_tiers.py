"""Search index, second shape: a page-level table for very common words; trigrams for raw chunks only.

`search_pages` holds one row per page (title and one-line summary). A word that
occurs in thousands of blocks is answered from it first: ranking a few thousand
page titles is fast, ranking every block that mentions the word is not.

The trigram table (infixes, scripts without spaces) now indexes raw-source
chunks only: page blocks quote the same lines, so indexing both doubled the
largest table in the database and a good part of the build.

The triggers that kept both FTS tables in step go: FTS5 flushes its pending
terms at the end of every statement, and a trigger is a statement per row, so
a big build spent most of its index time merging one-row segments.
query/index.py now adds and removes index rows a batch at a time.

SQLite only; on PostgreSQL the tsvector index from 0003 stays as it is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_pages USING fts5(
        page_id UNINDEXED, page_type UNINDEXED, title, summary,
        tokenize='porter unicode61 remove_diacritics 2')""",
    "INSERT INTO search_pages(search_pages, rank) VALUES('rank', 'bm25(0.0, 0.0, 4.0, 1.0)')",
    "INSERT INTO search_pages(page_id, page_type, title, summary) SELECT id, type, title, coalesce(summary, '') FROM pages",
    # index maintenance moves to query/index.py (one INSERT ... SELECT per batch, not a trigger per row)
    "DROP TRIGGER IF EXISTS search_units_ai",
    "DROP TRIGGER IF EXISTS search_units_ad",
    "INSERT INTO search_tri(search_tri) VALUES('delete-all')",
    "INSERT INTO search_tri(rowid, text) SELECT id, text FROM search_units WHERE kind = 'chunk'",
]

SQLITE_DOWN = [
    "DROP TABLE IF EXISTS search_pages",
    "DROP TRIGGER IF EXISTS search_units_ai",
    "DROP TRIGGER IF EXISTS search_units_ad",
    """CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN
        INSERT INTO search_fts(rowid, title, heading, text, page_type)
            VALUES (new.id, new.title, new.heading, new.text, new.page_type);
        INSERT INTO search_tri(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, heading, text, page_type)
            VALUES ('delete', old.id, old.title, old.heading, old.text, old.page_type);
        INSERT INTO search_tri(search_tri, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    "INSERT INTO search_tri(search_tri) VALUES('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for ddl in SQLITE_UP:
            op.execute(sa.text(ddl))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for ddl in SQLITE_DOWN:
            op.execute(sa.text(ddl))
