"""`lorebook new adr|postmortem|runbook TITLE`: a new raw source in the seed's shape.

Templates come from the wiki's own `templates/` folder (next to lorebook.toml)
when it has one, else from the package. `{{title}}`, `{{date}}` and `{{number}}`
are filled in; `{{TODO: …}}` placeholders are left for the author (lint flags them).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from importlib.resources import files
from pathlib import Path

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.sources.raw import raw_files
from lorebook.store import tables as T
from lorebook.store.db import database_for
from lorebook.utilities import slugify

KINDS = ("adr", "postmortem", "runbook")
FOLDERS = {"adr": "decisions", "postmortem": "postmortems", "runbook": "runbooks"}


class AuthoringError(Exception):
    """Bad input for an authoring command; the message says what to do."""


def template_text(wiki: Wiki, kind: str) -> str:
    """The wiki's override in templates/<kind>.md, else the built-in template."""
    own = wiki.root / "templates" / f"{kind}.md"
    if own.is_file():
        return own.read_text(encoding="utf-8")
    return (files("lorebook") / "templates" / f"{kind}.md").read_text(encoding="utf-8")


def used_numbers(wiki: Wiki) -> set[int]:
    """ADR numbers already taken: compiled decision pages plus raw files named like ADRs."""
    taken: set[int] = set()
    with database_for(wiki).session() as s:
        for (fields,) in s.execute(select(T.pages.c.fields).where(T.pages.c.type == "decision")):
            if isinstance(fields, dict) and isinstance(fields.get("number"), int):
                taken.add(fields["number"])
    for f in raw_files(wiki):
        m = re.match(r"^(?:adr[-_ ]?)?0*(\d{1,5})[-_ ]", f.name, re.I)
        if m and (f.parent.name in ("decisions", "adr") or f.name.lower().startswith("adr")):
            taken.add(int(m.group(1)))
    return taken


def next_number(wiki: Wiki) -> int:
    return max(used_numbers(wiki), default=0) + 1


def render(text: str, **values) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", str(value))
    return text


def create(wiki: Wiki, kind: str, title: str, date: str | None = None) -> Path:
    """Write the new source into raw/<folder>/ and return its path. Refuses to overwrite."""
    if kind not in KINDS:
        raise AuthoringError(f"unknown document type {kind!r}; use one of {', '.join(KINDS)}")
    title = " ".join(title.split())
    if not title:
        raise AuthoringError("the title is empty; give the document a title, e.g. lorebook new adr \"Use Postgres\"")
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise AuthoringError(f"--date {date!r} is not a date; write it as YYYY-MM-DD") from None
    slug = slugify(title) or "untitled"
    number = next_number(wiki) if kind == "adr" else None
    if kind == "adr":
        name = f"adr-{number:03d}-{slug}.md"
    else:
        name = f"{day.isoformat()}-{slug}.md" if kind == "postmortem" else f"{slug}.md"
    dest = wiki.raw_dir / FOLDERS[kind] / name
    if dest.exists():
        raise AuthoringError(f"{wiki.rel(dest)} already exists; pick another title or edit that file")
    text = render(template_text(wiki, kind), title=title, date=day.isoformat(),
                  number=f"{number:03d}" if number is not None else "")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.new")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, dest)
    return dest
