"""Table definitions (SQLAlchemy Core). The schema itself is created by Alembic migrations.

sources -> spans (cited line ranges, with a quote hash so citations can be
re-anchored) <- citations -> blocks -> pages; links join pages.
"""

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("path", String(1024), primary_key=True),  # "raw/notes.md"
    Column("sha256", String(64), nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # ok | skipped
    Column("error", Text),
    Column("ingested_at", String(40), nullable=False),
)

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(1024), ForeignKey("sources.path", ondelete="CASCADE"), nullable=False),
    Column("start_line", Integer, nullable=False),
    Column("end_line", Integer, nullable=False),
    Column("quote_hash", String(16), nullable=False),
    Column("quote", Text, nullable=False),  # normalised text of the lines: what the citation points at
    Index("ix_spans_source", "source", "start_line", "end_line"),
)

pages = Table(
    "pages",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("path", String(1024), nullable=False, unique=True),  # relative to wiki/
    Column("confidence", String(8), nullable=False),
    Column("confidence_reason", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("edited_by", String(200), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("updated", String(40), nullable=False),
    Column("summary", Text, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("field_citations", JSON, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("links", JSON, nullable=False),
    Column("content", Text, nullable=False),  # the Markdown file as written
    Column("content_hash", String(64), nullable=False),  # of the compiled body, not of version/time
    Index("ix_pages_type", "type"),
)

blocks = Table(
    "blocks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("page_id", String(200), ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("level", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("stale", Boolean, nullable=False, default=False),
    Index("ix_blocks_page", "page_id", "position"),
)

citations = Table(
    "citations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("block_id", Integer, ForeignKey("blocks.id", ondelete="CASCADE"), nullable=False),
    Column("span_id", Integer, ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("stale", Boolean, nullable=False, default=False),
    Index("ix_citations_block", "block_id"),
    Index("ix_citations_span", "span_id"),
)

links = Table(
    "links",
    metadata,
    Column("src", String(200), ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
    Column("dst", String(200), ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
    Column("reason", String(16), primary_key=True),
    Column("span_id", Integer, ForeignKey("spans.id", ondelete="SET NULL")),
    Index("ix_links_dst", "dst"),
    Index("ix_links_span", "span_id"),  # migration 0005: span deletes look up links here
)

page_sources = Table(
    "page_sources",
    metadata,
    Column("page_id", String(200), ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
    Column("source", String(1024), ForeignKey("sources.path", ondelete="CASCADE"), primary_key=True),
    Index("ix_page_sources_source", "source"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("started", String(40), nullable=False),
    Column("finished", String(40)),
    Column("summary", JSON, nullable=False),
)

# Search index (migration 0003): one row per cited page block or raw-source chunk.
# Full-text tables over it (FTS5 on SQLite, a tsvector on PostgreSQL) live only in the migration.
search_units = Table(
    "search_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # block | chunk
    Column("page_id", String(200), nullable=False),
    Column("page_type", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("heading", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(1024)),
    Column("start_line", Integer),
    Column("end_line", Integer),
    Column("cites", JSON, nullable=False),  # every span the block cites
    Index("ix_search_units_page", "page_id"),
    Index("ix_search_units_source", "kind", "source"),
)

# --- living wiki (issue 3): every version of every page, and the last compiled text for merges ---
# No foreign key to pages: a retired page keeps its history.
page_versions = Table(
    "page_versions",
    metadata,
    Column("page_id", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("time", String(40), nullable=False),
    Column("edited_by", String(200), nullable=False),
    Column("origin", String(16), nullable=False),  # compiled | human | merged | revert | anchored | retired
    Column("content_hash", String(64), nullable=False),  # sha256 of the full text
    Column("content", Text, nullable=True),  # the full text (a snapshot), or NULL when `delta` holds it
    Column("note", Text, nullable=False, default=""),
    Column("delta", Text, nullable=True),  # line operations over the previous version (store/versions.py)
)

page_bases = Table(
    "page_bases",
    metadata,
    Column("page_id", String(200), primary_key=True),
    Column("content", Text, nullable=False),  # the last compiled text: the base of a three-way merge
)

# --- runbook runs (issue 14, migration 0006): what `lorebook run` did, step by step ---
runbook_runs = Table(
    "runbook_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("page_id", String(200), nullable=False),
    Column("page_version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),  # of the runbook page the run followed
    Column("incident_id", String(200)),
    Column("started", String(40), nullable=False),
    Column("finished", String(40)),
    Column("status", String(16), nullable=False),  # running | completed | failed | quit
    Column("operator", String(200), nullable=False),
    Column("steps", JSON, nullable=False),  # [{number, title, commands, status, exit_code, seconds, output}]
    Column("rollback", JSON, nullable=False),  # same shape, for the rollback commands when they ran
    Index("ix_runbook_runs_page", "page_id", "id"),
)
