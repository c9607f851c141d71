"""Wiki rules: broken links, orphan pages, stale pages, and placeholders left from templates."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from lorebook.lint.findings import rule


def _page_ids(ctx) -> dict[str, str]:
    """wiki/-relative path -> page id, from the database (empty if never compiled); read once per run."""
    if "page_ids" not in ctx.memo:
        with ctx.wiki.database().session() as s:
            ctx.memo["page_ids"] = dict(s.exec_driver_sql("SELECT path, id FROM pages").fetchall())
    return ctx.memo["page_ids"]


@rule("broken-link", "error", "wiki", "A link in a wiki page points at a page or source line that does not exist.")
def broken_links(ctx):
    from lorebook.lint.state import broken

    ids = _page_ids(ctx)
    for src, line, target, is_file in broken(ctx):
        rel = src.removeprefix("wiki/")
        why = "a line range past the end of the file" if is_file else "nothing"
        yield (ids.get(rel, Path(rel).stem), src, line,
               f"link to {target!r} points at {why}; fix the link, or run `lorebook build` if the page was renamed")


@rule("orphan-page", "warning", "wiki", "A page in wiki/ that no other page (not even index.md) links to.")
def orphan_pages(ctx):
    from lorebook.lint.state import linked_to

    ids = _page_ids(ctx)
    inbound = linked_to(ctx)
    for src in ctx.wiki_paths:
        if src.rsplit("/", 1)[-1] == "index.md" or src in inbound:
            continue
        rel = src.removeprefix("wiki/")
        yield (ids.get(rel, Path(rel).stem), src, 1,
               f"nothing links to {src}; link it from a related page or index.md, or delete it")


@rule("stale-page", "warning", "wiki", "A source changed (or appeared, or vanished) since the wiki was compiled.")
def stale_pages(ctx):
    from sqlalchemy import select

    from lorebook.store import tables as T

    with ctx.wiki.database().session() as s:
        known = {r.path: r.sha256 for r in s.execute(select(T.sources.c.path, T.sources.c.sha256).where(T.sources.c.status == "ok"))}
        pages = defaultdict(list)
        for r in s.execute(select(T.page_sources.c.source, T.page_sources.c.page_id)):
            pages[r.source].append(r.page_id)
    present = ctx.raw_sha
    for rel, sha in sorted(known.items()):
        touched = sorted(pages.get(rel, []))
        page = next((p for p in touched if not p.startswith("source-")), touched[0] if touched else None)
        names = ", ".join(touched[:4]) + (f" (+{len(touched) - 4} more)" if len(touched) > 4 else "")
        if rel not in present:
            yield (page, rel, None, f"{rel} was removed after the last compile; its pages ({names}) are stale — run `lorebook build`")
        elif present[rel] != sha:
            yield (page, rel, 1, f"{rel} changed since it was compiled; pages {names} are stale — run `lorebook build`")
    for rel in sorted(set(present) - set(known)):
        if rel not in ctx.unreadable:
            yield (None, rel, 1, f"{rel} has never been compiled; run `lorebook build`")


@rule("template-placeholder", "warning", "any", "A {{TODO: …}} placeholder from a template is still unfilled.")
def placeholders(ctx):
    for rel, found in sorted(ctx.placeholders.items()):
        for n, text in found:
            page = next((d.page for d in ctx.docs if d.source == rel and d.extent[0] <= n <= d.extent[1]), None)
            yield (page, rel, n, f"placeholder {text!r} is still unfilled; replace it with the real text")
