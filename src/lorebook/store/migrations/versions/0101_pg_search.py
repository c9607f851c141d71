"""PostgreSQL search as SQLite's: words split as FTS5 splits them, and a page-level tier.

PostgreSQL's text-search parser keeps `ADR-014`, `on-call`, file paths and
versions as single tokens (plus odd parts such as `-014`); FTS5's unicode61
tokenizer splits at every punctuation mark. The same query then found
different units on the two databases. Both tsvectors now see the text with
punctuation turned into spaces (`words_of`), so they hold the words FTS5 holds,
stemmed by the `lorebook` configuration: FTS5's own Porter stemmer, accents
removed (unaccent, as remove_diacritics), and, like FTS5, no stop words (the
`english` configuration drops "on", "why", "the" and stems with Porter2).

Also a tsvector over each page's title and one-line summary, for very common words.

SQLite keeps the page-level tier in the FTS5 table `search_pages` (0004), filled by
store/search_index.py. On PostgreSQL a generated column does the same job with no code to
keep it in step: search_pg.as_typed ranks the pages that name a word found in
thousands of units. It also makes sure pg_trgm is there for infix search (0003
tried once and went on without it when the role could not create extensions).

Revision ID: 0101
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0101"
down_revision = "0005"
branch_labels = None
depends_on = None



def words_of(column: str) -> str:
    """SQL: the column's text with punctuation as spaces (FTS5 unicode61 splits there too)."""
    return f"regexp_replace(coalesce({column}, ''), '[[:punct:]]+', ' ', 'g')"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("CREATE TEXT SEARCH DICTIONARY lorebook_stem (TEMPLATE = snowball, Language = porter)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION lorebook (COPY = english)")
    dictionaries = "unaccent, lorebook_stem" if _try(bind, "CREATE EXTENSION IF NOT EXISTS unaccent") else "lorebook_stem"
    op.execute("ALTER TEXT SEARCH CONFIGURATION lorebook ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, "
               f"word, hword, hword_part WITH {dictionaries}")
    op.execute("DROP INDEX IF EXISTS ix_search_units_tsv")
    op.execute("ALTER TABLE search_units DROP COLUMN tsv")
    op.execute(f"""ALTER TABLE search_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('lorebook', {words_of('title')}), 'A') ||
        setweight(to_tsvector('lorebook', {words_of('heading')}), 'B') ||
        setweight(to_tsvector('lorebook', {words_of('text')}), 'C')) STORED""")
    op.execute("CREATE INDEX ix_search_units_tsv ON search_units USING gin (tsv)")
    head = f"{words_of('title')} || ' ' || {words_of('summary')}"
    op.execute(f"""ALTER TABLE pages ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
        to_tsvector('lorebook', {head})) STORED""")
    op.execute("CREATE INDEX ix_pages_search_head ON pages USING gin (search_head)")
    if not bind.execute(sa.text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_search_units_trgm'")).first():
        _try(bind, "CREATE EXTENSION IF NOT EXISTS pg_trgm",
             "CREATE INDEX ix_search_units_trgm ON search_units USING gin (text gin_trgm_ops)")


def _try(bind, *statements: str) -> bool:
    """Run statements that need an extension the role may not be allowed to create; False if it could not."""
    sp = bind.begin_nested()
    try:
        for stmt in statements:
            bind.execute(sa.text(stmt))
        sp.commit()
        return True
    except Exception:
        sp.rollback()
        return False


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_pages_search_head")
    op.execute("ALTER TABLE pages DROP COLUMN IF EXISTS search_head")
    op.execute("DROP INDEX IF EXISTS ix_search_units_tsv")
    op.execute("ALTER TABLE search_units DROP COLUMN tsv")
    op.execute("""ALTER TABLE search_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(text, '')), 'C') ||
        setweight(to_tsvector('simple', coalesce(text, '')), 'D')) STORED""")
    op.execute("CREATE INDEX ix_search_units_tsv ON search_units USING gin (tsv)")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS lorebook")
    op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS lorebook_stem")
