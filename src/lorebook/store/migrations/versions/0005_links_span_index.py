"""Index links.span_id: deleting a span row made SQLite scan every link for its ON DELETE SET NULL.

An incremental ingest deletes the span rows its edit left uncited; at 10,000 sources
each of those deletes scanned ~10,000 link rows (about 2 ms a span, 50 ms for one
inserted line). With the index each is a lookup.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_links_span", "links", ["span_id"])


def downgrade() -> None:
    op.drop_index("ix_links_span", table_name="links")
