"""Sentence index for `ask`: one row per sentence, list item, table row or code block of a raw source.

Each row keeps its exact line span, the heading it sits under, the document page
built from it and the typed field it feeds (from that page's field citations),
so an answer can quote one sentence or one row instead of a whole block.
Table rows are stored as "column: value; column: value" sentences.

SQLite: an external-content FTS5 table (porter/unicode61) over text and heading,
kept in step by store/sentences.py a batch at a time (no triggers, as in 0004).
PostgreSQL: a stored tsvector with a GIN index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE sentence_fts USING fts5(
        heading, text, content='sentence_units', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    "INSERT INTO sentence_fts(sentence_fts, rank) VALUES('rank', 'bm25(0.5, 1.0)')",
]

POSTGRES_DDL = [
    """ALTER TABLE sentence_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(text, '')), 'C') ||
        setweight(to_tsvector('simple', coalesce(text, '')), 'D')) STORED""",
    "CREATE INDEX ix_sentence_units_tsv ON sentence_units USING gin (tsv)",
]


def upgrade() -> None:
    op.create_table(
        "sentence_units",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(1024), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start_line", sa.Integer, nullable=False),
        sa.Column("end_line", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("page_id", sa.String(200), nullable=False),
        sa.Column("page_type", sa.String(16), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_sentence_units_page", "sentence_units", ["page_id"])
    op.create_index("ix_sentence_units_source", "sentence_units", ["source"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for ddl in SQLITE_DDL:
            op.execute(ddl)
    elif bind.dialect.name == "postgresql":
        for ddl in POSTGRES_DDL:
            op.execute(ddl)
    # An empty wiki's sentence index is complete; an existing one is filled on its first question.
    if bind.execute(sa.text("SELECT count(*) FROM pages")).scalar() == 0:
        bind.execute(sa.text("INSERT INTO meta (key, value) VALUES ('sentence_index', '1')"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS sentence_fts")
    op.drop_table("sentence_units")
    op.execute("DELETE FROM meta WHERE key = 'sentence_index'")
