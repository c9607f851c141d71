"""Store page versions as line deltas against the version before, with periodic snapshots.

Every anchored citation move on a large overview stored a full copy of it (6.6 MB at
10,000 sources), so storage grew with the square of a wiki's age. Existing versions are
re-encoded: the first of each page stays a snapshot, later ones become deltas until a
chain's deltas would outgrow one copy of the page.

Revision ID: 0002a
Revises: 0002
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

from lorebook.store import versions

revision = "0002a"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("page_versions") as batch:
        batch.add_column(sa.Column("delta", sa.Text, nullable=True))
        batch.alter_column("content", existing_type=sa.Text, nullable=True)
    conn = op.get_bind()
    pv = sa.table("page_versions", sa.column("page_id"), sa.column("version"), sa.column("content"),
                  sa.column("delta"), sa.column("content_hash"))
    pages = [r[0] for r in conn.execute(sa.select(pv.c.page_id).distinct())]
    for page_id in pages:
        rows = conn.execute(sa.select(pv.c.version, pv.c.content).where(pv.c.page_id == page_id)
                            .order_by(pv.c.version)).all()
        for row in versions.encode_chain([dict(page_id=page_id, version=r.version, content=r.content) for r in rows]):
            if row["delta"] is not None:
                conn.execute(sa.update(pv).where(pv.c.page_id == page_id, pv.c.version == row["version"])
                             .values(content=None, delta=row["delta"]))


def downgrade() -> None:
    conn = op.get_bind()
    pv = sa.table("page_versions", sa.column("page_id"), sa.column("version"), sa.column("content"),
                  sa.column("delta"))
    pages = [r[0] for r in conn.execute(sa.select(pv.c.page_id).distinct())]
    for page_id in pages:
        text = ""
        for r in conn.execute(sa.select(pv.c.version, pv.c.content, pv.c.delta).where(pv.c.page_id == page_id)
                              .order_by(pv.c.version)).all():
            if r.delta is None:
                text = r.content
            else:
                text = versions.apply_delta(text, r.delta)
                conn.execute(sa.update(pv).where(pv.c.page_id == page_id, pv.c.version == r.version)
                             .values(content=text))
    with op.batch_alter_table("page_versions") as batch:
        batch.drop_column("delta")
        batch.alter_column("content", existing_type=sa.Text, nullable=False)
