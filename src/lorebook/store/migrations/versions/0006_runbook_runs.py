"""Runbook runs (issue 14): one row per `lorebook run`, tied to the runbook page's version.

No foreign key to pages: a run log outlives a recompile that retires or renames the page.

Revision ID: 0006_runbook_runs
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_runbook_runs"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runbook_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("page_id", sa.String(200), nullable=False),
        sa.Column("page_version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.String(200)),
        sa.Column("started", sa.String(40), nullable=False),
        sa.Column("finished", sa.String(40)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("steps", sa.JSON, nullable=False),
        sa.Column("rollback", sa.JSON, nullable=False),
    )
    op.create_index("ix_runbook_runs_page", "runbook_runs", ["page_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_runbook_runs_page", table_name="runbook_runs")
    op.drop_table("runbook_runs")
