"""Lint in proportion: what the last lint learnt from each file, kept in the database, reused until it changes.

Each file in raw/ and wiki/ has a row (store/tables.py lint_files) with a fingerprint of its
content. A run stats every file (no read when size and mtime are unchanged), digests only
the files whose content changed (taking the build's compiled unit when it has one instead
of parsing again), recomputes a source's own findings only when its digest, the lint
settings or its page ids changed, and answers the wiki-wide rules from the stored facts:
the small shared part of every digest, and the link table (lint_links) queried in SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, delete, select, update

from lorebook.config import Wiki
from lorebook.lint import links as L
from lorebook.lint.digest import VERSION, LintDoc, digest_unit, shared_part
from lorebook.store import tables as T
from lorebook.store.db import database_for, insert_many
from lorebook.utilities import batched

# Rules that look across sources. Every other rule's findings for a source depend on that
# source alone (and the settings): computed when the source changes and stored with it.
DOC_WIDE_RULES = ("adr-successor-not-linking-back", "adr-duplicate-number", "contradiction")
WIDE_RULES = {*DOC_WIDE_RULES, "broken-link", "orphan-page", "stale-page"}


@dataclass
class LintContext:
    """What the rules read: documents (with page ids), placeholders, the raw files' hashes, the link table."""

    wiki: Wiki
    today: dt.date
    settings: dict
    docs: list[LintDoc] = field(default_factory=list)
    placeholders: dict[str, list] = field(default_factory=dict)
    raw_sha: dict[str, str] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)
    wiki_paths: list[str] = field(default_factory=list)  # "wiki/…" files, sorted
    local: list[tuple] = field(default_factory=list)  # (rule, page, source, line, message) of the per-source rules
    checked: dict = field(default_factory=dict)  # what this run had to (re)read: for the bench and tests
    memo: dict = field(default_factory=dict)  # what several rules read once per run
    docs_changed: bool = True  # some source's shared facts changed: docs were loaded, wide rules must run
    links_changed: bool = True  # a wiki page was rescanned, added or removed: orphans must be recomputed

    def of_kind(self, kind: str) -> list[LintDoc]:
        return [d for d in self.docs if d.kind == kind]

    def setting(self, key: str, default):
        return self.settings.get(key, default)


def _walk(directory: Path, prefix: str, keep) -> list[tuple[str, str, os.stat_result]]:
    """(path relative to the wiki root, path, stat) of the files under `directory` that `keep` accepts.

    os.scandir rather than Path.rglob: at 30,000 files the Path objects and their sorting cost
    more than the stat calls.
    """
    out = []
    stack = [(str(directory), prefix)]
    while stack:
        d, rel = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                stack.append((e.path, f"{rel}/{e.name}"))  # hidden folders too, as rglob("*.md") found them
            elif keep(e.name) and e.is_file():
                out.append((f"{rel}/{e.name}", e.path, e.stat()))
    return out


def raw_inputs(wiki: Wiki):
    """The sources lint checks: exactly what `build` reads (sources.raw.scan_raw, one stat each)."""
    from lorebook.sources.raw import scan_raw

    return scan_raw(wiki)


def wiki_inputs(wiki: Wiki):
    """The pages whose links lint checks: every .md in wiki/ but log.md and dot-files."""
    return _walk(wiki.wiki_dir, "wiki", lambda n: n.endswith(".md") and n != "log.md" and not n.startswith("."))


def _digest_raw(path: Path, rel: str, sha: str, cache) -> dict:
    """The digest of one source: from the build's compiled unit for this content, else compiled here."""
    from lorebook.compile import compile_source
    from lorebook.sources.reader import SourceError, read_source

    unit = cache.unit(sha) if cache is not None else None
    if unit is not None and unit.source.path == rel:
        try:
            return digest_unit(unit)
        except AttributeError:  # compiled by an older Lorebook, without what lint reads now: compile again
            pass
    try:
        unit = compile_source(read_source(path, rel))
    except SourceError as e:
        return {"docs": [], "placeholders": [], "error": str(e)}
    except Exception as e:  # a compiler bug must not stop the health check
        return {"docs": [], "placeholders": [], "error": f"{rel}: could not be compiled ({type(e).__name__}: {e})"}
    return digest_unit(unit)


def _row(path, area, fp, st, lines, facts, shared) -> dict:
    return {"path": path, "area": area, "fingerprint": fp, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
            "lines": lines, "facts": facts, "shared": shared, "findings": "[]", "settings_key": "", "pages_key": ""}


@dataclass
class Refreshed:
    """What refresh() found: the raw files' hashes, the wiki pages, and what changed since the last lint."""

    raw_sha: dict[str, str]
    wiki_paths: list[str]  # "wiki/…" files, sorted
    digests: dict[str, dict]  # the sources digested again, by path
    checked: dict
    docs_changed: bool  # some source's shared facts changed: page ids and the wide document rules must be redone
    links_changed: bool  # a wiki page was rescanned, added or removed


def refresh(wiki: Wiki, full: bool = False) -> Refreshed:
    """Bring the stored lint state (lint_files, lint_links) up to date with raw/ and wiki/.

    Stored answers that no longer hold (lint_cache) are forgotten here, so whoever reads the
    state next (a lint, or `lorebook adr`) finds it consistent. full=True forgets the stored
    state first: every file is read and digested again.
    """
    from lorebook.living.cache import Cache

    db = database_for(wiki)
    root_s = str(wiki.root.resolve())
    raw, wiki_md = raw_inputs(wiki), wiki_inputs(wiki)
    cache = Cache(wiki.state_dir)
    F, Lk = T.lint_files, T.lint_links
    with db.session() as s:
        if full:
            s.execute(delete(Lk))
            s.execute(delete(F))
            s.execute(delete(T.lint_cache))
        known = {r[0]: r for r in s.exec_driver_sql("SELECT path, fingerprint, size, mtime_ns, lines FROM lint_files").fetchall()}

    raw_sha: dict[str, str] = {}
    new_rows, touched, digests, new_links = [], [], {}, []
    for area, files in (("raw", raw), ("wiki", wiki_md)):
        for rel, f, st in files:
            row = known.get(rel)
            current = row is not None and row[1].startswith(f"{VERSION}:")  # digested by this Lorebook
            if current and row[2] == st.st_size and row[3] == st.st_mtime_ns:
                if area == "raw":
                    raw_sha[rel] = row[1].split(":", 1)[1]
                continue
            with open(f, "rb") as fh:
                data = fh.read()
            sha = hashlib.sha256(data).hexdigest()
            fp = f"{VERSION}:{sha}"
            if area == "raw":
                raw_sha[rel] = sha
            if row is not None and row[1] == fp:
                touched.append((rel, st))
                continue
            if area == "raw":
                dg = _digest_raw(Path(f), rel, sha, cache)
                digests[rel] = dg
                new_rows.append(_row(rel, "raw", fp, st, L.line_count(data), json.dumps(dg), json.dumps(shared_part(dg))))
            else:
                new_links += L.links_of(root_s, rel, data.decode("utf-8", errors="replace"))
                new_rows.append(_row(rel, "wiki", fp, st, L.line_count(data), "{}", "{}"))
    present = {rel for rel, _, _ in raw} | {rel for rel, _, _ in wiki_md}
    gone = [p for p in known if p not in present]
    # A new link works when it leads to a tracked file long enough for its line range (as _check_links asks in SQL).
    lines_of = {p: row[4] for p, row in known.items() if p in present}
    lines_of.update((r["path"], r["lines"]) for r in new_rows)
    for link in new_links:
        if link["kind"] == "md" and link["dest"] in lines_of:
            link["ok"] = link["need_line"] is None or link["need_line"] <= lines_of[link["dest"]]
    redone = [r["path"] for r in new_rows]
    # Files that appeared, vanished or changed length: links into them must be checked again.
    moved = set(gone) | {r["path"] for r in new_rows if r["path"] not in known or known[r["path"]][4] != r["lines"]}
    with db.session() as s:
        old = {}  # path -> (shared, pages_key) of sources digested again: did what other sources see change?
        for chunk in batched([p for p in digests if p in known], 500):
            old.update({r[0]: (r[1], r[2]) for r in s.execute(select(F.c.path, F.c.shared, F.c.pages_key).where(F.c.path.in_(chunk)))})
        for r in new_rows:
            if r["path"] in old and old[r["path"]][0] == r["shared"]:
                r["pages_key"] = old[r["path"]][1]  # same shared facts, same page ids; settings_key "" redoes its findings
        for chunk in batched([] if full else gone + redone, 500):
            s.execute(delete(Lk).where(Lk.c.src.in_(chunk)))
            s.execute(delete(F).where(F.c.path.in_(chunk)))
        for rel, st in touched:
            s.execute(update(F).where(F.c.path == rel).values(size=st.st_size, mtime_ns=st.st_mtime_ns))
        insert_many(s, F, new_rows)
        insert_many(s, Lk, new_links)
    if not full:  # on a full run every link was scanned, and judged above
        _check_links(wiki, sorted(moved))
    # The wiki-wide document rules and the page ids read every source's shared facts: only when one changed.
    docs_changed = full or any(p.startswith("raw/") for p in gone) or any(
        p not in old or old[p][0] != r["shared"] for r in new_rows if (p := r["path"]) in digests)
    links_changed = full or any(not p.startswith("raw/") for p in gone) or len(new_rows) > len(digests)
    if links_changed:
        forget(wiki, "orphans")  # even when this run does not check orphans, the stored answer no longer holds
    if docs_changed:
        forget(wiki, "docs_wide")
    return Refreshed(raw_sha, sorted(rel for rel, _, _ in wiki_md), digests,
                     {"digested": len(digests), "wiki_scanned": len(new_rows) - len(digests), "removed": len(gone)},
                     docs_changed, links_changed)


def gather(wiki: Wiki, today: dt.date, full: bool = False) -> LintContext:
    """Bring the stored lint state up to date with raw/ and wiki/ and return the rules' context."""
    settings = dict(wiki.settings.get("lint", {}) or {})
    settings_key = json.dumps([today.isoformat(), settings], sort_keys=True, default=str)
    r = refresh(wiki, full)
    ctx = LintContext(wiki=wiki, today=today, settings=settings, raw_sha=r.raw_sha, wiki_paths=r.wiki_paths,
                      checked=r.checked, links_changed=r.links_changed)
    # Nothing stored to reuse (a first run, one that stopped half-way, or shared facts changed): all sources.
    ctx.memo["docs_wide"] = None if r.docs_changed else remembered(wiki, "docs_wide")
    ctx.docs_changed = ctx.memo["docs_wide"] is None
    if ctx.docs_changed or not _changed_sources(ctx, r.digests, settings_key):
        ctx.docs_changed, ctx.memo["docs_wide"], ctx.local = True, None, []
        _all_sources(ctx, r.digests, settings_key)
    return ctx


def _load_docs(wiki: Wiki, columns: str = "") -> tuple[list[LintDoc], list[tuple]]:
    """Every source's shared facts as documents with their page ids (assigned in path order, as the build does).

    Also returns, per source, (path, ids, unreadable error or None, *columns) for the caller.
    """
    from lorebook.utilities import unique_id

    with database_for(wiki).session() as s:
        rows = s.exec_driver_sql(f"SELECT path, shared{columns} FROM lint_files WHERE area = 'raw'").fetchall()
    used: set[str] = {"overview"}
    docs, per_source = [], []
    loads = json.loads
    for path, shared_text, *rest in sorted(rows, key=lambda r: r[0]):
        shared = loads(shared_text)
        ids = [unique_id(d["base"], used) for d in shared["docs"]]
        docs += [LintDoc(path, i, d, ids[i]) for i, d in enumerate(shared["docs"])]
        per_source.append((path, ids, shared.get("error"), *rest))
    return docs, per_source


def current_documents(wiki: Wiki) -> list[LintDoc]:
    """Every document of raw/ as the files are now, with its page id: the stored digests, refreshed first.

    For commands that edit sources (`lorebook adr`): a source is read again only when it changed.
    """
    refresh(wiki)
    return _load_docs(wiki)[0]


def _all_sources(ctx: LintContext, digests: dict, settings_key: str) -> None:
    """Every source's shared facts into ctx.docs with page ids; findings of sources whose inputs changed, again."""
    ctx.docs, per_source = _load_docs(ctx.wiki, ", findings, settings_key, pages_key")
    redo = []
    loads = json.loads
    for path, ids, error, findings, s_key, p_key in per_source:
        if error:
            ctx.unreadable[path] = error
        if s_key != settings_key or p_key != json.dumps(ids):
            redo.append((path, ids))
        elif findings != "[]":
            ctx.local += [(rid, page, path, line, msg) for rid, page, line, msg in loads(findings)]
    _refind(ctx, redo, digests, settings_key)


def _changed_sources(ctx: LintContext, digests: dict, settings_key: str) -> bool:
    """No source's shared facts changed, so page ids stand: stored findings, and new ones where needed.

    False (nothing done) when a source has no page ids stored: then every source must be loaded.
    """
    with database_for(ctx.wiki).session() as s:
        rows = s.exec_driver_sql("SELECT path, findings, settings_key, pages_key FROM lint_files WHERE area = 'raw'").fetchall()
    redo = []
    loads = json.loads
    for path, findings, s_key, p_key in rows:
        if s_key != settings_key:
            if not p_key:
                return False
            redo.append((path, loads(p_key)))
        elif findings != "[]":
            ctx.local += [(rid, page, path, line, msg) for rid, page, line, msg in loads(findings)]
    _refind(ctx, redo, digests, settings_key)
    return True


def _refind(ctx: LintContext, redo: list, digests: dict, settings_key: str) -> None:
    """Run the per-source rules on these sources and store their findings with the settings and page ids used."""
    from lorebook.lint.findings import RULES

    F = T.lint_files
    if redo:
        missing = [p for p, _ in redo if p not in digests]
        with database_for(ctx.wiki).session() as s:
            for chunk in batched(missing, 500):
                for r in s.execute(select(F.c.path, F.c.facts).where(F.c.path.in_(chunk))):
                    digests[r.path] = json.loads(r.facts)
        local_rules = [rid for rid in RULES if rid not in WIDE_RULES]
        updates = []
        for path, ids in redo:
            found = _local_findings(ctx, path, digests[path], ids, local_rules)
            ctx.local += [(rid, page, path, line, msg) for rid, page, line, msg in found]
            updates.append({"p": path, "findings": json.dumps(found), "settings_key": settings_key, "pages_key": json.dumps(ids)})
        with database_for(ctx.wiki).session() as s:
            s.execute(update(F).where(F.c.path == bindparam("p")), updates)
    ctx.checked["refindings"] = len(redo)


def remembered(wiki: Wiki, key: str):
    """A result stored by an earlier run under `key` (lint_cache), or None."""
    with database_for(wiki).session() as s:
        row = s.execute(select(T.lint_cache.c.value).where(T.lint_cache.c.key == key)).first()
    return json.loads(row[0]) if row else None


def forget(wiki: Wiki, key: str) -> None:
    with database_for(wiki).session() as s:
        s.execute(delete(T.lint_cache).where(T.lint_cache.c.key == key))


def remember(wiki: Wiki, key: str, value) -> None:
    with database_for(wiki).session() as s:
        s.execute(delete(T.lint_cache).where(T.lint_cache.c.key == key))
        s.execute(T.lint_cache.insert().values(key=key, value=json.dumps(value)))


def _local_findings(ctx: LintContext, path: str, digest: dict, ids: list[str], rules: list[str]) -> list:
    """The findings of the per-source rules on one source: [rule, page id or None, line, message]."""
    from lorebook.lint.findings import RULES

    docs = [LintDoc(path, i, d, ids[i]) for i, d in enumerate(digest["docs"])]
    one = LintContext(wiki=ctx.wiki, today=ctx.today, settings=ctx.settings, docs=docs,
                      placeholders={path: digest.get("placeholders", [])} if digest.get("placeholders") else {})
    return [[rid, page, line, message] for rid in rules for page, source, line, message in RULES[rid].check(one)]


# --- links: answered in SQL over lint_links, falling back to the file system for targets lint does not track ---

def _wikilink_hits(ctx: LintContext) -> dict[str, list[str]]:
    """[[name]] -> the wiki files with that stem, in path order (the first one is the link's target)."""
    by_stem: dict[str, list[str]] = {}
    for p in ctx.wiki_paths:
        by_stem.setdefault(Path(p).stem.lower(), []).append(p)
    return by_stem


def _fs_ok(ctx: LintContext, dest: str, need: int | None) -> tuple[bool, bool]:
    """(exists as a file, link ok) for a target outside the tracked files."""
    p = Path(dest) if os.path.isabs(dest) else ctx.wiki.root / dest
    if not p.is_file():
        return False, False
    return True, need is None or need <= L.line_count(p.read_bytes())


def _check_links(wiki: Wiki, moved: list[str]) -> None:
    """Judge again the Markdown links into files that appeared, vanished or changed length.

    The links of rescanned files were judged when scanned. The rest stay not-ok here and are
    judged when reported: links to files lint does not track against the file system,
    [[wikilinks]] by name against the wiki's pages (there are few of either, and lint cannot
    see them change).
    """
    from sqlalchemy import text

    if not moved:
        return
    params: dict = {}
    if len(moved) > 5000:
        scope = "1 = 1"
    else:
        scope = f"dest IN ({', '.join(f':m{i}' for i in range(len(moved)))})"
        params = {f"m{i}": p for i, p in enumerate(moved)}
    fits = ("EXISTS (SELECT 1 FROM lint_files f WHERE f.path = lint_links.dest "
            "AND (lint_links.need_line IS NULL OR lint_links.need_line <= f.lines))")
    with database_for(wiki).session() as s:
        s.execute(text(f"UPDATE lint_links SET ok = {fits} WHERE kind = 'md' AND ({scope})"), params)


def broken(ctx: LintContext) -> list[tuple[str, int, str, bool]]:
    """(src, line, target, dest is a file) of every link that points at nothing or past a file's end."""
    Lk, F = T.lint_links, T.lint_files
    q = (select(Lk.c.src, Lk.c.line, Lk.c.target, Lk.c.kind, Lk.c.dest, Lk.c.need_line, F.c.path, Lk.c.id)
         .select_from(Lk.outerjoin(F, F.c.path == Lk.c.dest)).where(Lk.c.ok == False))  # noqa: E712
    with database_for(ctx.wiki).session() as s:
        rows = list(s.execute(q))
    by_stem = _wikilink_hits(ctx) if any(r.kind == "wiki" for r in rows) else {}
    out = []
    for r in sorted(rows, key=lambda r: (r.src, r.id)):
        if r.kind == "wiki":
            if not by_stem.get(r.target.rsplit("/", 1)[-1].lower().removesuffix(".md")):
                out.append((r.src, r.line, r.target, False))
        elif r.path is None:
            is_file, ok = _fs_ok(ctx, r.dest, r.need_line)
            if not ok:
                out.append((r.src, r.line, r.target, is_file))
        else:
            out.append((r.src, r.line, r.target, True))
    return out


def linked_to(ctx: LintContext) -> set[str]:
    """Wiki files some other file links to (by a link that works)."""
    from sqlalchemy import text

    with database_for(ctx.wiki).session() as s:
        rows = s.execute(text("SELECT f.path FROM lint_files f WHERE f.area = 'wiki' AND EXISTS "
                              "(SELECT 1 FROM lint_links l WHERE l.dest = f.path AND l.ok = :yes AND l.kind = 'md' "
                              "AND l.src != f.path)"), {"yes": True}).fetchall()
        out = {r[0] for r in rows}
        wikis = s.execute(text("SELECT src, target FROM lint_links WHERE kind = 'wiki'")).fetchall()
    if wikis:
        by_stem = _wikilink_hits(ctx)
        for src, target in wikis:
            hits = by_stem.get(target.rsplit("/", 1)[-1].lower().removesuffix(".md"), [])
            if hits and hits[0] != src:
                out.add(hits[0])
    return out



def stale_sources(ctx: LintContext) -> tuple[list[tuple[str, bool]], list[str], dict[str, list[str]]]:
    """Sources compiled from other content than raw/ holds now: ([(path, removed)], never compiled, pages of each).

    Answered in SQL: the build's sources table against the hashes lint keeps in lint_files.
    """
    from sqlalchemy import text

    with database_for(ctx.wiki).session() as s:
        changed = s.execute(text(
            "SELECT s.path, lf.path FROM sources s LEFT JOIN lint_files lf ON lf.path = s.path "
            "WHERE s.status = 'ok' AND (lf.path IS NULL OR lf.fingerprint != :v || s.sha256)"), {"v": f"{VERSION}:"}).fetchall()
        never = [r[0] for r in s.execute(text(
            "SELECT lf.path FROM lint_files lf LEFT JOIN sources s ON s.path = lf.path AND s.status = 'ok' "
            "WHERE lf.area = 'raw' AND s.path IS NULL")).fetchall()]
        pages: dict[str, list[str]] = {}
        for chunk in batched([r[0] for r in changed], 500):
            for src, pid in s.execute(select(T.page_sources.c.source, T.page_sources.c.page_id)
                                      .where(T.page_sources.c.source.in_(chunk))):
                pages.setdefault(src, []).append(pid)
        for chunk in batched(never, 500):
            for path, shared in s.execute(select(T.lint_files.c.path, T.lint_files.c.shared).where(T.lint_files.c.path.in_(chunk))):
                if '"error"' in shared and "error" in json.loads(shared):
                    ctx.unreadable[path] = json.loads(shared)["error"]
    return sorted((p, lf is None) for p, lf in changed), sorted(never), pages
