"""Page versions: who or what changed a page, when, and what it said — and going back."""

from __future__ import annotations

import difflib
import getpass
import os
import subprocess

from lorebook.store import versions as store_versions


def whoami() -> str:
    """The person editing: `git config user.name`, else $USER."""
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return os.environ.get("USER") or getpass.getuser() or "someone"


def add_version(s, page_id: str, version: int, time: str, edited_by: str, origin: str, content: str, note: str = "") -> None:
    store_versions.write(s, [dict(page_id=page_id, version=version, time=time, edited_by=edited_by,
                                  origin=origin, content=content, note=note)])


def history(db, page_id: str) -> list[dict]:
    with db.transaction() as s:
        return [r._asdict() for r in s.execute("SELECT version, time, edited_by, origin, content_hash, note FROM page_versions "
                                                "WHERE page_id = :p ORDER BY version", {"p": page_id})]


def content_at(db, page_id: str, version: int) -> str | None:
    """A version's full text, rebuilt from its snapshot and deltas."""
    with db.transaction() as s:
        return store_versions.content_at(s, page_id, version)


def all_versions(db, page_id: str) -> list[dict]:
    """Every version of a page, oldest first, each with its full text as `content`."""
    with db.transaction() as s:
        texts = store_versions.all_contents(s, page_id)
    return [dict(row, content=texts.get(row["version"], "")) for row in history(db, page_id)]


def unified(a: str, b: str, name: str, va: int | str, vb: int | str) -> str:
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), f"{name}@v{va}", f"{name}@v{vb}"))
