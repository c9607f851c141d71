"""Lint state: per-file digests, findings and fingerprints, and the wiki's links, so lint rechecks only what changed.

Revision ID: 0005_lint
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_lint"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lint_files",
        sa.Column("path", sa.String(1024), primary_key=True),
        sa.Column("area", sa.String(4), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("mtime_ns", sa.BigInteger, nullable=False),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("shared", sa.Text, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("settings_key", sa.Text, nullable=False),
        sa.Column("pages_key", sa.Text, nullable=False),
    )
    op.create_table(
        "lint_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("src", sa.String(1024), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("kind", sa.String(4), nullable=False),
        sa.Column("dest", sa.String(1024)),
        sa.Column("need_line", sa.Integer),
        sa.Column("ok", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "lint_cache",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_lint_links_src", "lint_links", ["src"])
    op.create_index("ix_lint_links_dest", "lint_links", ["dest", "ok"])
    op.create_index("ix_lint_links_ok", "lint_links", ["ok"])


def downgrade() -> None:
    op.drop_table("lint_cache")
    op.drop_table("lint_links")
    op.drop_table("lint_files")
