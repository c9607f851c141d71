"""Join the migration branches that this round's work grew in parallel into one head.

Version deltas (0002a), lint state (0005_lint), the sentence index (0006), runbook runs
(0006_runbook_runs) and PostgreSQL search plus accounts (0101, 0102) each started from
an earlier head; none depends on another. From here on, add migrations after 0200.

Revision ID: 0200
Revises: 0002a, 0005_lint, 0006, 0006_runbook_runs, 0102
Create Date: 2026-12-02
"""

revision = "0200"
down_revision = ("0002a", "0005_lint", "0006", "0006_runbook_runs", "0102")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
