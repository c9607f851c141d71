"""The wiki-wide pages: the overview (type `concept`), one page per source, and index.md.

The overview reads like the seed page: a section per document type, how the
documents relate, and a Document Index table. Its sentences are the documents'
own fields and summaries, cited to the lines they come from.
"""

from __future__ import annotations

from collections import defaultdict

from lorebook.compile.pages import page_path
from lorebook.compile.render import page_link
from lorebook.model import Link, Page, PageBlock, Record, Source, Span
from lorebook.utilities import one_line, slugify

TYPE_LABELS = {
    "decision": ("Architecture Decision Records", "ADR"),
    "incident": ("Incident Postmortems", "Postmortem"),
    "runbook": ("Operational Runbooks", "Runbook"),
    "note": ("Notes", "Note"),
    "source": ("Sources", "Source"),
    "concept": ("Concepts", "Concept"),
    "answer": ("Saved Answers", "Answer"),
}
OVERVIEW_ID = "overview"
OVERVIEW_PATH = "concepts/overview.md"
# Past this many documents of a type, the overview names the first ones and points at the index.
OVERVIEW_LIST_LIMIT = 40


def _link(from_path: str, page: Page) -> str:
    return page_link(from_path, page.path, page.title)


def _first(spans: list[Span] | None) -> list[Span]:
    return [s for s in (spans or []) if s is not None][:1]


def source_page(source: Source, pages: list[Page], records: list[Record], preamble: tuple[str, Span] | None) -> Page:
    """What a raw file holds, with links to the pages made from it."""
    pid = "source-" + slugify(source.path.removeprefix("raw/").rsplit(".", 1)[0], 70)
    path = page_path("source", pid)
    whole = Span(source.path, 1, source.line_count)
    blocks = [
        PageBlock(  # what the file is (path · lines · sha256), not a claim read out of it
            "meta",
            f"`{source.path}` · {source.line_count} lines · sha256 `{source.sha256[:12]}`",
            [whole],
        )
    ]
    if source.cut:
        blocks.append(PageBlock("paragraph", "**Compiled in part:** " + source.cut.split(": ", 1)[-1] + ".", [whole]))
    if preamble:
        blocks.append(PageBlock("paragraph", preamble[0], [preamble[1]]))
    if pages:
        blocks.append(PageBlock("heading", "Documents in this source", [], 2))
        for p, r in zip(pages, records):
            ext = r.document.extent
            blocks.append(
                PageBlock(
                    "link_item",
                    f"{TYPE_LABELS[p.type][1]}: {page_link(path, p.path, p.title)} — lines {ext.start}–{ext.end}",
                    [ext],
                )
            )
    return Page(
        id=pid,
        type="source",
        title=source.name,
        path=path,
        blocks=blocks,
        fields={"path": source.path, "sha256": source.sha256, "lines": source.line_count,
                **({"compiled_in_part": source.cut.split(": ", 1)[-1]} if source.cut else {})},
        sources=[source.path],
        links=[p.id for p in pages],
        summary=f"Raw source holding {_count_words(pages)}",
        confidence="high",
        confidence_reason="describes the raw file directly",
    )


def _count_words(pages: list[Page]) -> str:
    if not pages:
        return "no recognised documents"
    counts: dict[str, int] = defaultdict(int)
    for p in pages:
        counts[p.type] += 1
    parts = [f"{n} {TYPE_LABELS[t][1].lower()}{'s' if n > 1 else ''}" for t, n in counts.items()]
    return ", ".join(parts)


def overview_page(
    name: str,
    doc_pages: list[Page],
    records: dict[str, Record],
    source_pages: list[Page],
    links: list[Link],
) -> Page:
    path = OVERVIEW_PATH
    by_type: dict[str, list[Page]] = defaultdict(list)
    for p in doc_pages:
        by_type[p.type].append(p)
    blocks: list[PageBlock] = []
    n_src = len(source_pages)
    counts = ", ".join(
        f"{len(by_type[t])} {TYPE_LABELS[t][0].lower() if len(by_type[t]) != 1 else TYPE_LABELS[t][1]}"
        for t in ("decision", "incident", "runbook", "note")
        if by_type.get(t)
    )
    src_names = ", ".join(p.title for p in source_pages[:3]) + (f" and {n_src - 3} more" if n_src > 3 else "")
    intro_spans = [Span(sp.fields["path"], 1, sp.fields["lines"]) for sp in source_pages[:6]]
    blocks.append(
        PageBlock(
            "paragraph",
            f"This wiki is {name}'s engineering memory: {counts or 'no documents yet'}, "
            f"compiled from {n_src} source{'s' if n_src != 1 else ''} ({src_names}). "
            "Every statement below links to the source lines it comes from.",
            intro_spans,
        )
    )
    notes = by_type.get("note", [])
    if notes:
        blocks.append(PageBlock("heading", "System notes", [], 2))
        for p in notes[:OVERVIEW_LIST_LIMIT]:
            first = next((b for b in p.blocks if b.kind == "paragraph" and b.citations), None)
            if first:
                blocks.append(PageBlock("link_paragraph", f"{_link(path, p)}: {first.text}", first.citations))
    for t in ("decision", "incident", "runbook"):
        pages = by_type.get(t, [])
        if not pages:
            continue
        blocks.append(PageBlock("heading", TYPE_LABELS[t][0], [], 2))
        for p in pages[:OVERVIEW_LIST_LIMIT]:
            r = records[p.id]
            text, spans = describe(t, p, r, path)
            blocks.append(PageBlock("link_paragraph", text, spans))
        if len(pages) > OVERVIEW_LIST_LIMIT:
            blocks.append(
                PageBlock(
                    "link_paragraph",
                    f"…and {len(pages) - OVERVIEW_LIST_LIMIT} more, listed in the Document Index below.",
                    [s for p in pages[OVERVIEW_LIST_LIMIT:OVERVIEW_LIST_LIMIT + 3] for s in _first([records[p.id].document.extent])],
                )
            )
    typed = {p.id: p for p in doc_pages if p.type in ("decision", "incident", "runbook")}
    rel = [l for l in links if l.src in typed and l.dst in typed and l.span is not None]
    if rel:
        blocks.append(PageBlock("heading", "How these documents relate", [], 2))
        for l in rel[: OVERVIEW_LIST_LIMIT * 2]:
            a, b = typed[l.src], typed[l.dst]
            how = {"number": "cites", "title": "names", "subject": "shares its subject with"}[l.reason]
            if l.reason == "subject" and l.detail:
                how = f"shares its subject ({l.detail}) with"
            blocks.append(PageBlock("link_item", f"{_link(path, a)} {how} {_link(path, b)}", [l.span]))
    blocks.append(PageBlock("heading", "Document Index", [], 2))
    blocks.append(PageBlock("table_header", "Type | Document | One-line summary", [], 0))
    order = {"decision": 0, "incident": 1, "runbook": 2, "note": 3}
    for p in sorted(doc_pages, key=lambda p: (order.get(p.type, 9), p.title.lower())):
        r = records[p.id]
        spans = summary_spans(p.type, r)
        blocks.append(PageBlock("row", f"{TYPE_LABELS[p.type][1]} | {_link(path, p)} | {p.summary}", spans))
    for sp in source_pages:
        blocks.append(
            PageBlock("row", f"Source | {_link(path, sp)} | {sp.summary}", [Span(sp.fields["path"], 1, sp.fields["lines"])])
        )
    return Page(
        id=OVERVIEW_ID,
        type="concept",
        title=f"{name} Overview",
        path=path,
        blocks=blocks,
        sources=sorted({s for p in doc_pages for s in p.sources}),
        links=[p.id for p in doc_pages] + [p.id for p in source_pages],
        summary=f"Overview of {name}: {counts}",
    )


def summary_spans(kind: str, r: Record) -> list[Span]:
    names = {
        "decision": ("options", "decision", "status"),
        "incident": ("duration_minutes", "root_cause", "summary", "impact"),
        "runbook": ("steps", "overview"),
    }.get(kind, ())
    spans: list[Span] = []
    for n in names:
        for s in r.citations.get(n, []):
            if s is not None and s not in spans:
                spans.append(s)
    return spans[:6] or ([r.document.title_span] if r.document.title_span else [r.document.extent])


def describe(kind: str, p: Page, r: Record, path: str) -> tuple[str, list[Span]]:
    """One overview paragraph about a document, from its fields only."""
    f = r.fields
    link = _link(path, p)
    spans: list[Span] = []
    bits: list[str] = []
    if kind == "decision":
        if f.get("status"):
            bits.append(f"status {f['status']}")
            spans += _first(r.citations.get("status"))
        text = f"{link} ({', '.join(bits)})." if bits else f"{link}."
        chosen = [o for o in f.get("options") or [] if o.get("outcome") == "chosen"]
        rejected = [o for o in f.get("options") or [] if o.get("outcome") == "rejected"]
        for o in rejected:
            reason = (o.get("reasons") or [""])[0]
            text += f" {o['name']} was rejected" + (f": {reason.rstrip('.')}." if reason else ".")
        for o in chosen:
            text += f" {o['name']} was chosen."
        spans += [s for s in r.citations.get("options", []) if s is not None]
        if not chosen and f.get("decision"):
            text += f" {p.summary}" if p.summary else ""
            spans += _first(r.citations.get("decision"))
        return text, spans
    if kind == "incident":
        if f.get("date"):
            bits.append(f"on {f['date']}")
            spans += _first(r.citations.get("date"))
        if f.get("duration_minutes") is not None:
            bits.append(f"lasting {f['duration_minutes']} minutes")
            spans += _first(r.citations.get("duration_minutes"))
        text = f"{link}" + (f", {', '.join(bits)}." if bits else ".")
        if f.get("root_cause"):
            text += f" Root cause: {_sentence(f['root_cause'])}"
            spans += _first(r.citations.get("root_cause"))
        times = [e.get("time") for e in f.get("timeline") or [] if e.get("time")]
        if times:
            text += f" Timeline: {' → '.join(times[:8])}{' …' if len(times) > 8 else ''}."
            spans += [s for s in r.citations.get("timeline", [])[:8] if s is not None]
        items = f.get("action_items") or []
        if items:
            n_open = sum(1 for a in items if a.get("status") != "done")
            text += f" {len(items)} action item{'s' if len(items) != 1 else ''}, {n_open} open."
            spans += [s for s in r.citations.get("action_items", [])[:3] if s is not None]
        return text, spans
    steps = f.get("steps") or []
    text = f"{link}"
    if steps:
        text += f": {len(steps)} steps — " + "; ".join(s.get("title", "") for s in steps[:6] if s.get("title")) + "."
        spans += [s for s in r.citations.get("steps", [])[:6] if s is not None]
    elif f.get("overview"):
        text += f": {_sentence(f['overview'])}"
        spans += _first(r.citations.get("overview"))
    for c in (f.get("caveats") or [])[:2]:
        text += f" Caveat: {_sentence(c)}"
    spans += [s for s in r.citations.get("caveats", [])[:2] if s is not None]
    return text, spans or _first([r.document.extent])


def _sentence(text: str, limit: int = 220) -> str:
    s = one_line(text, limit)
    return s if s.endswith((".", "…", "!", "?")) else s + "."


def index_markdown(name: str, pages: list[Page]) -> str:
    """wiki/index.md: every page, grouped by type, one line each."""
    by_type: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        by_type[p.type].append(p)
    out = [f"# {name} — Index", "", f"{len(pages)} pages. Generated by Lorebook; edits here are overwritten.", ""]
    for t in ("concept", "decision", "incident", "runbook", "note", "answer", "source"):
        ps = sorted(by_type.get(t, []), key=lambda p: p.title.lower())
        if not ps:
            continue
        out += [f"## {TYPE_LABELS[t][0]} ({len(ps)})", ""]
        for p in ps:
            summary = f" — {p.summary}" if p.summary else ""
            out.append(f"- {page_link('index.md', p.path, p.title)}{summary} · {p.confidence}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
