"""Wiki rules: broken links, orphan pages, stale pages, and placeholders left from templates."""

from __future__ import annotations

from pathlib import Path

from lorebook.lint.findings import rule
from lorebook.store.db import database_for


def _page_ids(ctx) -> dict[str, str]:
    """wiki/-relative path -> page id, from the database (empty if never compiled); read once per run."""
    if "page_ids" not in ctx.memo:
        with database_for(ctx.wiki).session() as s:
            ctx.memo["page_ids"] = dict(s.exec_driver_sql("SELECT path, id FROM pages").fetchall())
    return ctx.memo["page_ids"]


@rule("broken-link", "error", "wiki", "A link in a wiki page points at a page or source line that does not exist.")
def broken_links(ctx):
    from lorebook.lint.state import broken

    found = broken(ctx)
    ids = _page_ids(ctx) if found else {}
    for src, line, target, is_file in found:
        rel = src.removeprefix("wiki/")
        why = "a line range past the end of the file" if is_file else "nothing"
        yield (ids.get(rel, Path(rel).stem), src, line,
               f"link to {target!r} points at {why}; fix the link, or run `lorebook build` if the page was renamed")


@rule("orphan-page", "warning", "wiki", "A page in wiki/ that no other page (not even index.md) links to.")
def orphan_pages(ctx):
    from lorebook.lint.state import linked_to

    from lorebook.lint.state import remember, remembered

    orphans = None if ctx.links_changed else remembered(ctx.wiki, "orphans")
    if orphans is None:
        inbound = linked_to(ctx)
        orphans = [src for src in ctx.wiki_paths if src.rsplit("/", 1)[-1] != "index.md" and src not in inbound]
        remember(ctx.wiki, "orphans", orphans)
    ids = _page_ids(ctx) if orphans else {}
    for src in orphans:
        rel = src.removeprefix("wiki/")
        yield (ids.get(rel, Path(rel).stem), src, 1,
               f"nothing links to {src}; link it from a related page or index.md, or delete it")


@rule("stale-page", "warning", "wiki", "A source changed (or appeared, or vanished) since the wiki was compiled.")
def stale_pages(ctx):
    from lorebook.lint.state import stale_sources

    changed, never, pages = stale_sources(ctx)
    for rel, removed in changed:
        touched = sorted(pages.get(rel, []))
        page = next((p for p in touched if not p.startswith("source-")), touched[0] if touched else None)
        names = ", ".join(touched[:4]) + (f" (+{len(touched) - 4} more)" if len(touched) > 4 else "")
        if removed:
            yield (page, rel, None, f"{rel} was removed after the last compile; its pages ({names}) are stale — run `lorebook build`")
        else:
            yield (page, rel, 1, f"{rel} changed since it was compiled; pages {names} are stale — run `lorebook build`")
    for rel in never:
        if rel not in ctx.unreadable:
            yield (None, rel, 1, f"{rel} has never been compiled; run `lorebook build`")


@rule("template-placeholder", "warning", "any", "A {{TODO: …}} placeholder from a template is still unfilled.")
def placeholders(ctx):
    for rel, found in sorted(ctx.placeholders.items()):
        for n, text in found:
            page = next((d.page for d in ctx.docs if d.source == rel and d.extent[0] <= n <= d.extent[1]), None)
            yield (page, rel, n, f"placeholder {text!r} is still unfilled; replace it with the real text")
