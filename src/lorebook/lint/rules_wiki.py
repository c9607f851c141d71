"""Wiki rules: broken links, orphan pages, stale pages, and placeholders left from templates."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import select

from lorebook.lint.context import wiki_files
from lorebook.lint.findings import rule
from lorebook.sources.raw import raw_files
from lorebook.sources.reader import sha256_file
from lorebook.store import tables as T
from lorebook.store.db import database_for

_MD_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")
_LINES = re.compile(r"^L(\d+)(?:-L(\d+))?$")
PLACEHOLDER = re.compile(r"\{\{\s*TODO\b[^}]*\}\}")


def _page_ids(ctx) -> dict[str, str]:
    """wiki/-relative path -> page id, from the database (empty if never compiled)."""
    with database_for(ctx.wiki).session() as s:
        return {r.path: r.id for r in s.execute(select(T.pages.c.path, T.pages.c.id))}


def _links(path: Path):
    """(line number, target) for each Markdown or [[wiki]] link outside code fences."""
    fence = None
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
        s = line.lstrip()
        if s.startswith(("```", "~~~")):
            fence = None if fence and s.startswith(fence) else (fence or s[:3])
            continue
        if fence:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for m in _MD_LINK.finditer(line):
            yield n, m.group(1), "md"
        for m in _WIKILINK.finditer(line):
            yield n, m.group(1).strip(), "wiki"


def _graph(ctx):
    """Every link in wiki/: [(file, line, target, resolved path or None, ok)]."""
    wiki_dir = ctx.wiki.wiki_dir
    files = wiki_files(ctx.wiki)
    by_stem = defaultdict(list)
    for f in files:
        by_stem[f.stem.lower()].append(f)
    out = []
    for f in files:
        for line, target, kind in _links(f):
            if kind == "wiki":
                hits = by_stem.get(target.rsplit("/", 1)[-1].lower().removesuffix(".md"), [])
                out.append((f, line, target, hits[0] if hits else None, bool(hits)))
                continue
            if re.match(r"^[a-zA-Z][\w+.-]*:", target) or target.startswith("#"):
                continue  # external URL or an anchor on the same page
            path_part, _, frag = target.partition("#")
            dest = (f.parent / unquote(path_part)).resolve()
            ok = dest.is_file()
            if ok and frag and _LINES.match(frag):
                a, b = _LINES.match(frag).groups()
                lines = dest.read_bytes().count(b"\n") + 1
                ok = int(b or a) <= lines
            out.append((f, line, target, dest, ok))
    return wiki_dir, files, out


@rule("broken-link", "error", "wiki", "A link in a wiki page points at a page or source line that does not exist.")
def broken_links(ctx):
    wiki_dir, _, links = _graph(ctx)
    ids = _page_ids(ctx)
    for f, line, target, dest, ok in links:
        if ok:
            continue
        rel = f.relative_to(wiki_dir).as_posix()
        why = "a line range past the end of the file" if dest is not None and Path(dest).is_file() else "nothing"
        yield (ids.get(rel, f.stem), f"wiki/{rel}", line,
               f"link to {target!r} points at {why}; fix the link, or run `lorebook build` if the page was renamed")


@rule("orphan-page", "warning", "wiki", "A page in wiki/ that no other page (not even index.md) links to.")
def orphan_pages(ctx):
    wiki_dir, files, links = _graph(ctx)
    ids = _page_ids(ctx)
    inbound = {Path(dest).resolve() for f, _, _, dest, ok in links if ok and dest is not None and Path(dest) != f.resolve()}
    for f in files:
        if f.name == "index.md" or f.resolve() in inbound:
            continue
        rel = f.relative_to(wiki_dir).as_posix()
        yield (ids.get(rel, f.stem), f"wiki/{rel}", 1,
               f"nothing links to wiki/{rel}; link it from a related page or index.md, or delete it")


@rule("stale-page", "warning", "wiki", "A source changed (or appeared, or vanished) since the wiki was compiled.")
def stale_pages(ctx):
    with database_for(ctx.wiki).session() as s:
        known = {r.path: r.sha256 for r in s.execute(select(T.sources.c.path, T.sources.c.sha256).where(T.sources.c.status == "ok"))}
        pages = defaultdict(list)
        for r in s.execute(select(T.page_sources.c.source, T.page_sources.c.page_id)):
            pages[r.source].append(r.page_id)

    present = {ctx.wiki.rel(p): p for p in raw_files(ctx.wiki)}
    for rel, sha in sorted(known.items()):
        touched = sorted(pages.get(rel, []))
        page = next((p for p in touched if not p.startswith("source-")), touched[0] if touched else None)
        names = ", ".join(touched[:4]) + (f" (+{len(touched) - 4} more)" if len(touched) > 4 else "")
        if rel not in present:
            yield (page, rel, None, f"{rel} was removed after the last compile; its pages ({names}) are stale — run `lorebook build`")
        elif sha256_file(present[rel]) != sha:
            yield (page, rel, 1, f"{rel} changed since it was compiled; pages {names} are stale — run `lorebook build`")
    for rel in sorted(set(present) - set(known)):
        if rel not in ctx.unreadable:
            yield (None, rel, 1, f"{rel} has never been compiled; run `lorebook build`")


@rule("template-placeholder", "warning", "any", "A {{TODO: …}} placeholder from a template is still unfilled.")
def placeholders(ctx):
    for rel, src in sorted(ctx.sources.items()):
        for n, line in enumerate(src.text.split("\n"), 1):
            m = PLACEHOLDER.search(line)
            if m:
                page = next((d.page for d in ctx.docs if d.source == rel
                             and d.record.document.extent.start <= n <= d.record.document.extent.end), None)
                yield (page, rel, n, f"placeholder {m.group(0)!r} is still unfilled; replace it with the real text")
