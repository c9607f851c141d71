"""Full-text search index: one row per cited page block or raw-source chunk.

On SQLite two FTS5 tables index `search_units` (external content, kept in step
by triggers): porter/unicode61 for stems and prefixes, trigram for infixes and
scripts without spaces. On PostgreSQL a stored tsvector with a GIN index (and a
pg_trgm index when the extension can be created) does the same job.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, heading, text, page_type,
        content='search_units', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(4.0, 2.0, 1.0, 0.0)')",
    """CREATE VIRTUAL TABLE search_tri USING fts5(
        text, content='search_units', content_rowid='id', tokenize='trigram')""",
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
]

POSTGRES_DDL = [
    """ALTER TABLE search_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(text, '')), 'C') ||
        setweight(to_tsvector('simple', coalesce(text, '')), 'D')) STORED""",
    "CREATE INDEX ix_search_units_tsv ON search_units USING gin (tsv)",
]


def upgrade() -> None:
    op.create_table(
        "search_units",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("page_id", sa.String(200), nullable=False),
        sa.Column("page_type", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.String(1024)),
        sa.Column("start_line", sa.Integer),
        sa.Column("end_line", sa.Integer),
        sa.Column("cites", sa.JSON, nullable=False),
    )
    op.create_index("ix_search_units_page", "search_units", ["page_id"])
    op.create_index("ix_search_units_source", "search_units", ["kind", "source"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for ddl in SQLITE_DDL:
            op.execute(ddl)
    elif bind.dialect.name == "postgresql":
        for ddl in POSTGRES_DDL:
            op.execute(ddl)
        _try_trigram(bind)
    # An empty wiki's index is complete as it stands; an existing one is filled on first query.
    if bind.execute(sa.text("SELECT count(*) FROM pages")).scalar() == 0:
        bind.execute(sa.text("INSERT INTO meta (key, value) VALUES ('search_index', '1')"))


def _try_trigram(bind) -> None:
    """pg_trgm speeds up partial-word matches; without it search falls back to plain ILIKE."""
    sp = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        bind.execute(sa.text("CREATE INDEX ix_search_units_trgm ON search_units USING gin (text gin_trgm_ops)"))
        sp.commit()
    except Exception:
        sp.rollback()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("search_units_ai", "search_units_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute("DROP TABLE IF EXISTS search_tri")
    op.drop_table("search_units")
    op.execute("DELETE FROM meta WHERE key = 'search_index'")
