"""Table definitions (SQLAlchemy Core). The schema itself is created by Alembic migrations.

sources -> spans (cited line ranges, with a quote hash so citations can be
re-anchored) <- citations -> blocks -> pages; links join pages.
"""

from sqlalchemy import JSON, BigInteger, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

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

# Sentence index (migration 0006): one row per sentence, item, table row or code block of a raw source,
# with the document page built from it and the typed field it feeds ("" when none). FTS lives in the migration.
sentence_units = Table(
    "sentence_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(1024), nullable=False),
    Column("position", Integer, nullable=False),
    Column("start_line", Integer, nullable=False),
    Column("end_line", Integer, nullable=False),
    Column("kind", String(8), nullable=False),  # sentence | item | row | code | meta
    Column("page_id", String(200), nullable=False),
    Column("page_type", String(16), nullable=False),
    Column("field", String(200), nullable=False),
    Column("heading", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_sentence_units_page", "page_id"),
    Index("ix_sentence_units_source", "source"),
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

# --- teams (migration 0102): accounts, tokens (salted scrypt hashes only), sessions, the audit log ---
accounts = Table(
    "accounts",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(16), nullable=False),  # reader | editor | admin
    Column("created", String(40), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("revoked", String(40)),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # the token's public part: "lbk_<id>.<secret>"
    Column("account", String(100), ForeignKey("accounts.name", ondelete="CASCADE"), nullable=False),
    Column("salt", String(64), nullable=False),
    Column("hash", String(128), nullable=False),  # scrypt(secret, salt)
    Column("created", String(40), nullable=False),
    Column("revoked", String(40)),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # sha256 of the cookie's random id
    Column("token_id", String(16), ForeignKey("tokens.id", ondelete="CASCADE"), nullable=False),
    Column("created", String(40), nullable=False),
    Column("expires", String(40), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("time", String(40), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(32), nullable=False),  # edit | revert | ingest | users-add | users-revoke | login
    Column("target", Text, nullable=False),
    Column("detail", Text, nullable=False),
)

# --- lint in proportion (issue 15, migration 0005_lint): what the last lint learnt from each input file ---
# One row per file in raw/ or wiki/ (path relative to the wiki root). `fingerprint` is the content's
# sha256 with the digest format's version, so a row is reused only while the file and the format stay
# the same; `facts` is the full digest (raw: documents and placeholders; wiki: nothing, links live in
# lint_links), `shared` the part the wiki-wide rules read on every run, `findings` the file's own findings
# under the settings named by `settings_key` and the page ids named by `pages_key`.
lint_files = Table(
    "lint_files",
    metadata,
    Column("path", String(1024), primary_key=True),
    Column("area", String(4), nullable=False),  # raw | wiki
    Column("fingerprint", String(80), nullable=False),
    Column("size", Integer, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("lines", Integer, nullable=False),  # newlines + 1, as a #L12-L14 link is checked against
    Column("facts", Text, nullable=False),
    Column("shared", Text, nullable=False),
    Column("findings", Text, nullable=False),
    Column("settings_key", Text, nullable=False),
    Column("pages_key", Text, nullable=False),
)

# Every link in a wiki/ file, resolved to the file it points at (path relative to the wiki root, or
# absolute outside it); `need_line` is the last line a #L12-L14 fragment asks for.
lint_links = Table(
    "lint_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("src", String(1024), nullable=False),
    Column("line", Integer, nullable=False),
    Column("target", Text, nullable=False),
    Column("kind", String(4), nullable=False),  # md | wiki
    Column("dest", String(1024)),
    Column("need_line", Integer),
    Column("ok", Boolean, nullable=False, default=False),  # the target exists and the line range fits
    Index("ix_lint_links_src", "src"),
    Index("ix_lint_links_dest", "dest", "ok"),
    Index("ix_lint_links_ok", "ok"),
)

# Wiki-wide lint results kept between runs while their inputs stand (lint/state.py remember/remembered).
lint_cache = Table(
    "lint_cache",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
