"""Initial schema: sources, spans, pages, blocks, citations, links, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "sources",
        sa.Column("path", sa.String(1024), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("line_count", sa.Integer, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "spans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(1024), sa.ForeignKey("sources.path", ondelete="CASCADE"), nullable=False),
        sa.Column("start_line", sa.Integer, nullable=False),
        sa.Column("end_line", sa.Integer, nullable=False),
        sa.Column("quote_hash", sa.String(16), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
    )
    op.create_index("ix_spans_source", "spans", ["source", "start_line", "end_line"])
    op.create_table(
        "pages",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("path", sa.String(1024), nullable=False, unique=True),
        sa.Column("confidence", sa.String(8), nullable=False),
        sa.Column("confidence_reason", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("edited_by", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("field_citations", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("links", sa.JSON, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_pages_type", "pages", ["type"])
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("page_id", sa.String(200), sa.ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False),
    )
    op.create_index("ix_blocks_page", "blocks", ["page_id", "position"])
    op.create_table(
        "citations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("block_id", sa.Integer, sa.ForeignKey("blocks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("span_id", sa.Integer, sa.ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False),
    )
    op.create_index("ix_citations_block", "citations", ["block_id"])
    op.create_index("ix_citations_span", "citations", ["span_id"])
    op.create_table(
        "links",
        sa.Column("src", sa.String(200), sa.ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("dst", sa.String(200), sa.ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reason", sa.String(16), primary_key=True),
        sa.Column("span_id", sa.Integer, sa.ForeignKey("spans.id", ondelete="SET NULL")),
    )
    op.create_index("ix_links_dst", "links", ["dst"])
    op.create_table(
        "page_sources",
        sa.Column("page_id", sa.String(200), sa.ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("source", sa.String(1024), sa.ForeignKey("sources.path", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_page_sources_source", "page_sources", ["source"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("started", sa.String(40), nullable=False),
        sa.Column("finished", sa.String(40)),
        sa.Column("summary", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for t in ("runs", "page_sources", "links", "citations", "blocks", "pages", "spans", "sources", "meta"):
        op.drop_table(t)
