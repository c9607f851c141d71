"""Alembic environment: always runs on the connection handed over by store.db."""

from alembic import context

from lorebook.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise SystemExit("Run migrations through lorebook (they are applied automatically when a wiki is opened).")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
