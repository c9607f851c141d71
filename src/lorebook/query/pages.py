"""Looking pages up: list them, and resolve what a person types (an id, a prefix, "ADR-14")."""

from __future__ import annotations

import re

from lorebook.config import Wiki
from lorebook.store.db import database_for, json_value


class PageNotFound(Exception):
    """No page (or more than one) matches what was asked for."""


# Plain SQL through Database.read(): `lorebook pages`, `show` and `search` run without SQLAlchemy (store/reads.py).
PAGE_COLUMNS = ("id, type, title, path, confidence, confidence_reason, version, edited_by, origin, updated, summary, "
                "fields, field_citations, sources, links, content, content_hash")
JSON_COLUMNS = ("fields", "field_citations", "sources", "links")


def list_pages(wiki: Wiki, page_type: str | None = None) -> list[dict]:
    sql = "SELECT id, type, title, confidence, path, version, summary FROM pages"
    params = {}
    if page_type:
        sql += " WHERE type = :t"
        params["t"] = page_type
    with database_for(wiki).read() as conn:
        return [r._asdict() for r in conn.execute(sql + " ORDER BY type, id", params)]


_ADR_REF = re.compile(r"^\s*(?:adr|decision)[\s#:_-]*0*(\d{1,5})\s*$|^\s*0*(\d{1,5})\s*$", re.I)
_ADR_IN = re.compile(r"\badr[\s#:_-]*0*(\d{1,5})\b|^\s*0(\d{1,4})\s*$", re.I)
_DATE_REF = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")


def identified_pages(conn, ref: str, whole: bool = True) -> list[str]:
    """Pages an identifier names exactly: an ADR number in any spelling ("ADR-14", "adr 014", "ADR0014",
    "0014"), or an incident/decision date ("2026-05-12"). `whole=False`: an ADR mention anywhere in `ref`."""
    numbers = []
    if whole:
        m = _ADR_REF.match(ref)
        if m and (m.group(1) or len(ref.strip()) >= 3):  # a bare "14" is not an identifier; "0014" is
            numbers.append(int(m.group(1) or m.group(2)))
    else:
        numbers = [int(a or b) for a, b in _ADR_IN.findall(ref)]
    out: list[str] = []
    for n in numbers:
        out += numbered_pages(conn, n)
    d = _DATE_REF.match(ref)
    if d:
        for prefix in ("incident-", "decision-"):
            out += list(conn.execute("SELECT id FROM pages WHERE id LIKE :p || '%' ORDER BY id",
                                     {"p": prefix + d.group(1)}).scalars())
    return out


def numbered_pages(conn, n: int) -> list[str]:
    """Decision pages numbered `n`: their ids begin "adr-014-" (any zero padding), looked up by key
    range, never by reading every decision's fields."""
    out: list[str] = []
    for width in (1, 2, 3, 4, 5, 6):
        prefix = f"adr-{n:0{width}d}-"
        if width > 1 and len(str(n)) >= width:
            continue  # the same prefix as a narrower width
        # The type is checked here, not in SQL: with it there SQLite scanned every decision by the type index.
        out += [r.id for r in conn.execute("SELECT id, type FROM pages WHERE id >= :lo AND id < :hi",
                                           {"lo": prefix, "hi": prefix[:-1] + "."}) if r.type == "decision"]
    return sorted(set(out))


def titled_pages(conn, phrase: str, limit: int = 5) -> list[str]:
    """Record pages whose id (the slug of their title) holds `phrase` as whole words: "one cluster" names
    "adr-012-one-cluster-for-dev-staging-prod". ASCII phrases only; a scan of the ids, cheap beside a search."""
    slug = re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")
    if not slug or not slug.isascii():
        return []
    rows = conn.execute("SELECT id, type FROM pages WHERE id LIKE :p AND type IN ('decision', 'incident', 'runbook')",
                        {"p": f"%{slug}%"})
    bounded = re.compile(rf"(^|-){re.escape(slug)}(-|$)")
    return [r.id for r in rows if bounded.search(r.id)][:limit]


def resolve_page_id(wiki: Wiki, ref: str) -> str | None:
    """The id of the one page `ref` names, or None: an exact id, an identifier (see `identified_pages`),
    or a unique id prefix. The CLI (`show`), the web reader (`/page/ADR-14`) and search all use this."""
    return _resolve(wiki, ref)[0]


def _resolve(wiki: Wiki, ref: str) -> tuple[str | None, list[str]]:
    with database_for(wiki).read() as conn:
        if conn.execute("SELECT id FROM pages WHERE id = :r", {"r": ref}).first():
            return ref, [ref]
        named = identified_pages(conn, ref)
        if named:
            return (named[0] if len(named) == 1 else None), named
        rows = list(conn.execute("SELECT id FROM pages WHERE id LIKE :r || '%' LIMIT 6", {"r": ref}).scalars()) if ref else []
    return (rows[0] if len(rows) == 1 else None), rows


def resolve_page(wiki: Wiki, ref: str) -> dict:
    """The page `ref` names (see `resolve_page_id`), as a row; PageNotFound says why not."""
    pid, matches = _resolve(wiki, ref)
    if pid is None and len(matches) > 1:
        names = ", ".join(matches[:5])
        raise PageNotFound(f"'{ref}' matches {len(matches)} pages ({names}…); use the full id")
    if pid is None:
        raise PageNotFound(f"no page '{ref}'; list pages with `lorebook pages`")
    with database_for(wiki).read() as conn:
        row = conn.execute(f"SELECT {PAGE_COLUMNS} FROM pages WHERE id = :id", {"id": pid}).first()._asdict()
    return {k: json_value(v) if k in JSON_COLUMNS else v for k, v in row.items()}


def source_paths(conn, page_ids: list[str]) -> dict[str, str]:
    """Each page's source paths as words ("raw/docs/adr/betagouv__rdv-service-public__…" -> "betagouv rdv service
    public …"): the folder and file names a team gives its notes name the project they are about."""
    if not page_ids:
        return {}
    ids = {f"p{i}": pid for i, pid in enumerate(page_ids)}
    rows = conn.execute(f"SELECT page_id, source FROM page_sources WHERE page_id IN ({', '.join(':' + k for k in ids)})", ids)
    out: dict[str, str] = {}
    for r in rows:
        out[r.page_id] = (out.get(r.page_id, "") + " " + " ".join(re.findall(r"[^\W_]+", r.source.lower()))).strip()
    return out


def sourced_pages(conn, word: str, limit: int = 5) -> list[str]:
    """Record pages built from a source whose path holds `word` as a whole name ("aplypro" in
    "raw/betagouv__aplypro__docs__nouvelle_année.md"). ASCII words of three letters or more; a scan of the paths."""
    if len(word) < 3 or not word.isascii():
        return []
    rows = conn.execute("SELECT s.page_id, s.source FROM page_sources s JOIN pages p ON p.id = s.page_id "
                        "WHERE lower(s.source) LIKE :p AND p.type IN ('decision', 'incident', 'runbook')", {"p": f"%{word}%"})
    bounded = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
    return list(dict.fromkeys(r.page_id for r in rows if bounded.search(r.source.lower())))[:limit]

