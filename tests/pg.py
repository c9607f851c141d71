"""Throwaway PostgreSQL databases for tests, on the server named by LOREBOOK_TEST_PG_URL.

`bash .ci/run` starts a real server and sets the URL (see .ci/postgres.sh); outside CI
the PostgreSQL half of the backend-parametrised tests is skipped when it is unset.
Every wiki a test opens gets its own database, cloned from a migrated template (a
file copy, not a migration), named in its lorebook.toml so subprocesses use it too.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("LOREBOOK_TEST_PG_URL", "")
_admin = None  # test-only engine that creates and drops databases (outside src/, so outside the one-engine rule)
_template: str | None = None


def _admin_engine():
    global _admin
    if _admin is None:
        _admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT", pool_size=2, max_overflow=0)
    return _admin


def url_for(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _ensure_template() -> str:
    """A database migrated to the head schema once per test session, cloned by every test."""
    global _template
    if _template is None:
        from lorebook.store.db import forget, get_database

        name = f"lorebook_tpl_{os.getpid()}"
        with _admin_engine().connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
        get_database(url_for(name))
        forget(url_for(name))  # a template must have no open connections
        _template = name
    return _template


def new_database() -> str:
    """A fresh, migrated database; returns its SQLAlchemy URL."""
    name = f"lorebook_t_{uuid.uuid4().hex[:12]}"
    template = _ensure_template()
    with _admin_engine().connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    return url_for(name)


def drop_database(url: str) -> None:
    from lorebook.store.db import forget

    forget(url)
    with _admin_engine().connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


def drop_template() -> None:
    if _template:
        with _admin_engine().connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{_template}" WITH (FORCE)'))


class PerWikiDatabases:
    """Gives each wiki root its own PostgreSQL database the first time its URL is asked for."""

    def __init__(self):
        self.created: list[str] = []
        self.by_root: dict[str, str] = {}  # one database per wiki folder, however many Wiki objects load it

    def database_url(self, wiki) -> str:
        url = os.environ.get("LOREBOOK_DATABASE_URL") or wiki.settings.get("database", {}).get("url")
        if url:
            return url
        # store.lock loads its own Wiki from lorebook.toml, possibly before this one asked: same folder, same database
        url = self.by_root.get(str(wiki.root))
        if url is None:
            url = self.by_root[str(wiki.root)] = new_database()
            self.created.append(url)
        wiki.settings.setdefault("database", {})["url"] = url
        _write_url(wiki.root / "lorebook.toml", url)
        return url

    def drop_all(self) -> None:
        for url in self.created:
            drop_database(url)
        self.created.clear()


def _write_url(toml: Path, url: str) -> None:
    text_ = toml.read_text(encoding="utf-8")
    if 'url = ""' in text_:
        toml.write_text(text_.replace('url = ""', f'url = "{url}"', 1), encoding="utf-8")
