"""Accounts, their tokens, browser sessions and the audit log (who wrote what, when).

Tokens and session ids are never stored: a token row keeps a salted scrypt hash
of the token's secret part, a session row the SHA-256 of a random 32-byte id.

Revision ID: 0102
Revises: 0101
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0102"
down_revision = "0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("revoked", sa.String(40)),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("account", sa.String(100), sa.ForeignKey("accounts.name", ondelete="CASCADE"), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("revoked", sa.String(40)),
    )
    op.create_index("ix_tokens_account", "tokens", ["account"])
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("token_id", sa.String(16), sa.ForeignKey("tokens.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("expires", sa.String(40), nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_target", "audit", ["target"])


def downgrade() -> None:
    for name in ("audit", "sessions", "tokens", "accounts"):
        op.drop_table(name)
