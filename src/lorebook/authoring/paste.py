"""Pasted notes as a new source: raw/web/NAME, compiled at once (the web's and the agents' way in).

The name must be a plain file name with a source suffix, so nothing written this
way can land outside raw/web/ or overwrite lorebook.toml.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from lorebook.pipeline import ingest
from lorebook.sources.reader import is_source_name
from lorebook.store import accounts
from lorebook.store.db import database_for

UPLOAD_DIR = "web"
_NAME = re.compile(r"[\w][\w .+-]{0,150}")


def add_text_source(wiki, name: str, text: str, who: str) -> dict:
    """Write the text as raw/web/NAME and compile it; ValueError for a name that is not a plain file name."""
    name = (name or "").strip()
    if not _NAME.fullmatch(name) or ".." in name or not is_source_name(name):
        raise ValueError(f"'{name[:80]}' is not a usable source name; use a plain file name ending in "
                         ".md, .markdown, .qmd or .txt, without folders")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / UPLOAD_DIR
        folder.mkdir()
        (folder / name).write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        report = ingest(wiki, [folder])
    path = f"raw/{UPLOAD_DIR}/{name}"
    accounts.record(database_for(wiki), who, "ingest", path, f"{len(text)} characters")
    return {"source": path, "created": list(report.created), "updated": list(report.updated)}
