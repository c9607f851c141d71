"""File a good answer back into the wiki as an `answer` page, so answers compound (the LLM-wiki pattern).

The page, its database rows, its search units, a line in index.md and a
backlink on every page it cites are written together under the wiki lock:
files staged through store.files, the database committed as the point of no
return, then the files switched in.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update

from lorebook.compile.pages import page_path
from lorebook.compile.render import content_hash, page_link, render_page
from lorebook.model import Page, PageBlock, Span
from lorebook.store import search_index
from lorebook.store import files, repo, tables as T
from lorebook.store.lock import wiki_lock
from lorebook.store.db import database_for
from lorebook.utilities import slugify, unique_id

ANSWERS_HEADING = "## Answers filed from questions"


def save_answer(wiki, answer) -> str:
    """Write `answer` as wiki/answers/<id>.md; returns its path relative to wiki/."""
    db = database_for(wiki)
    with wiki_lock(wiki.state_dir):
        repo.recover(wiki)
        with db.session() as s:
            taken = set(s.execute(select(T.pages.c.id)).scalars())
            cited = {r.id: r for r in s.execute(select(T.pages.c.id, T.pages.c.path, T.pages.c.title, T.pages.c.content)
                                               .where(T.pages.c.id.in_({c["page"] for c in answer.citations})))}
        page = _page(answer, unique_id("answer-" + slugify(answer.question, 60), taken), cited)
        text = render_page(page)
        generation = repo.get_generation(db) + 1
        fs = files.FileSet(root=wiki.root, generation=generation)
        fs.write(f"wiki/{page.path}", text)
        fs.write("wiki/index.md", _with_line(_read(wiki.wiki_dir / "index.md"), page_link("index.md", page.path, page.title)))
        backlinked = {}
        for pid, row in cited.items():
            current = _read(wiki.wiki_dir / row.path) or row.content
            backlinked[pid] = _with_line(current, page_link(row.path, page.path, page.title))
            fs.write(f"wiki/{row.path}", backlinked[pid])
        journal = files.stage(fs, wiki.state_dir)
        with db.session() as s:
            _insert(s, wiki, page, text, cited, backlinked)
            repo.set_meta(s, "generation", str(generation))
        files.apply(wiki.root, journal)
    return page.path


def _page(answer, pid: str, cited: dict) -> Page:
    blocks = [PageBlock("paragraph", s.text, [Span(c["source"], c["start_line"], c["end_line"]) for c in s.cites])
              for s in answer.sentences]
    path = page_path("answer", pid)
    blocks.append(PageBlock("heading", "Pages cited", [], 2))
    for pid_, row in sorted(cited.items()):
        blocks.append(PageBlock("link_item", page_link(path, row.path, row.title), []))
    sources = sorted({c["source"] for c in answer.citations})
    p = Page(id=pid, type="answer", title=answer.question, path=path, blocks=blocks, sources=sources,
             links=sorted(cited), confidence="medium", confidence_reason="answered from cited passages by `lorebook ask`",
             summary=answer.sentences[0].text if answer.sentences else "", edited_by="lorebook ask", origin="compiled",
             updated=repo.now_iso())
    p.extra_meta["_hash"] = content_hash(p)
    return p


def _read(path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _with_line(markdown: str, link: str) -> str:
    """Add `- link` under the answers heading at the end of a page (once)."""
    line = f"- {link}"
    if line in markdown:
        return markdown
    body = markdown.rstrip("\n")
    if ANSWERS_HEADING not in body:
        body += f"\n\n{ANSWERS_HEADING}\n"
    return body + "\n" + line + "\n"


def _insert(s, wiki, page: Page, text: str, cited: dict, backlinked: dict) -> None:
    row = repo.page_row(page, text)
    s.execute(insert(T.pages).values(**row))
    for pid, content in backlinked.items():
        s.execute(update(T.pages).where(T.pages.c.id == pid).values(content=content))
    for i, b in enumerate(page.blocks):
        bid = s.execute(insert(T.blocks).values(page_id=page.id, position=i, kind=b.kind, level=b.level, text=b.text,
                                                stale=False)).inserted_primary_key[0]
        for j, sp in enumerate(b.citations):
            s.execute(insert(T.citations).values(block_id=bid, span_id=_span_id(s, wiki, sp), position=j, stale=False))
    for pid in cited:
        s.execute(insert(T.links).values(src=page.id, dst=pid, reason="answer", span_id=None))
    for src in page.sources:
        if s.execute(select(T.sources.c.path).where(T.sources.c.path == src)).first():
            s.execute(insert(T.page_sources).values(page_id=page.id, source=src))
    search_index.add_page(s, page)


def _span_id(s, wiki, sp: Span) -> int:
    found = s.execute(select(T.spans.c.id).where(T.spans.c.source == sp.source, T.spans.c.start_line == sp.start,
                                                 T.spans.c.end_line == sp.end)).scalar()
    if found is not None:
        return found
    lines = _read(wiki.root / sp.source).split("\n")
    q = repo.normalise_quote("\n".join(lines[sp.start - 1 : sp.end]))
    return s.execute(insert(T.spans).values(source=sp.source, start_line=sp.start, end_line=sp.end, quote=q,
                                            quote_hash=repo.quote_hash(q))).inserted_primary_key[0]
