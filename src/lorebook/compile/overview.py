"""The wiki-wide pages: the overview (type `concept`), one page per source, and index.md.

The overview reads like the seed page: a section per document type, how the
documents relate, and a Document Index table. Its sentences are the documents'
own fields and summaries, cited to the lines they come from.
"""

from __future__ import annotations

from collections import defaultdict

from lorebook.compile.pages import page_path
from lorebook.compile.render import page_link, root_link
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


def source_page_id(path: str) -> str:
    """A source page's id before it meets the others' (`assemble` numbers it when a document page has it)."""
    return "source-" + slugify(path.removeprefix("raw/").rsplit(".", 1)[0], 70)


def source_page(source: Source, pages: list[Page], extents: list[Span], preamble: tuple[str, Span] | None) -> Page:
    """What a raw file holds, with links to the pages made from it (`extents`: each document's lines).

    Only the file's path, sha256, line count and cut note are read: a build that no longer holds
    the text passes a Source without it."""
    pid = source_page_id(source.path)
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
        for p, ext in zip(pages, extents):
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


# Up to this many typed documents the overview describes each one; past it, it summarises
# (counts, recent and most-linked documents, open action items) and the reader's per-type
# indexes list the rest: the 10,000-source overview was 6.6 MB of Markdown and ~2 s to render.
OVERVIEW_FULL_LIMIT = 60
SUMMARY_LIST = 10
INTROS = {
    "decision": "Architecture decision records say why the system is built the way it is.",
    "incident": "Postmortems record what broke in production, why, and what the team will change.",
    "runbook": "Runbooks are the step-by-step procedures an on-call engineer follows under pressure.",
    "note": "Notes describe the system as it stands.",
}
NOUNS = {  # singular, plural
    "decision": ("architecture decision record", "architecture decision records"),
    "incident": ("incident postmortem", "incident postmortems"),
    "runbook": ("runbook", "runbooks"),
    "note": ("note", "notes"),
}


def _count(n: int, kind: str) -> str:
    return f"{n} {NOUNS[kind][0] if n == 1 else NOUNS[kind][1]}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def overview_page(
    name: str,
    doc_pages: list[Page],
    records: dict[str, Record],
    source_pages: list[Page],
    links: list[Link],
    entries: dict[str, tuple] | None = None,
    cites: set[str] | None = None,
) -> Page:
    """The wiki's front page: what it holds, in sentences, cited. Small wikis get every document
    described and a Document Index; large ones a summary that stays the same size, built from each
    document's `overview_entry` (`entries`, when the caller has them already)."""
    typed = [p for p in doc_pages if p.type in ("decision", "incident", "runbook", "note")]
    if len(typed) > OVERVIEW_FULL_LIMIT:
        if entries is None:
            entries = {p.id: overview_entry(p, records[p.id]) for p in doc_pages}
        return summary_overview(name, doc_pages, entries, source_pages, links, cites)
    path = OVERVIEW_PATH
    by_type = _by_type(doc_pages)
    blocks, counts = _intro(name, by_type, source_pages)
    _full_sections(blocks, by_type, records, path)
    _relations(blocks, doc_pages, links, path)
    _document_index(blocks, doc_pages, records, source_pages, path)
    return _overview(name, blocks, counts, doc_pages, source_pages)


def summary_overview(name: str, doc_pages: list[Page], entries: dict[str, tuple], source_pages: list[Page],
                     links: list[Link], cites: set[str] | None = None) -> Page:
    """The large-wiki overview from each document's entry. The pages need only id, type, title, path
    and summary (source pages: fields path and lines), so a changed-set assemble passes stubs.
    `cites`, when given, receives the ids of the pages whose entries it cites."""
    by_type = _by_type(doc_pages)
    blocks, counts = _intro(name, by_type, source_pages)
    used = _summary_sections(blocks, by_type, entries, links, OVERVIEW_PATH)
    if cites is not None:
        cites |= used | {sp.id for sp in source_pages[:6]}
    return _overview(name, blocks, counts, doc_pages, source_pages)


def overview_entry(p: Page, r: Record) -> tuple:
    """What the large overview says about one document, in plain values (kept between runs):
    type, date, its first summary spans, the span a count of documents rests on, open action
    items (text, owner, span), its sources and its stated date."""
    d = r.document
    items = []
    if p.type == "incident":
        for i, a in enumerate(r.fields.get("action_items") or []):
            a = a or {}
            if a.get("status") != "done":
                span = r.citations.get("action_items", [None] * (i + 1))[i]
                items.append((str(a.get("text") or ""), str(a["owner"]) if a.get("owner") else "", _plain(span)))
    return (p.type, _date_of(p, r), [_plain(x) for x in summary_spans(p.type, r)[:2]], _plain(d.title_span or d.extent),
            items, list(p.sources), str(r.fields.get("date") or ""))


def _plain(span: Span | None) -> tuple | None:
    return (span.source, span.start, span.end) if span is not None else None


def _span(v: tuple | None) -> Span | None:
    return Span(*v) if v is not None else None


def _by_type(doc_pages: list[Page]) -> dict[str, list[Page]]:
    by_type: dict[str, list[Page]] = defaultdict(list)
    for p in doc_pages:
        by_type[p.type].append(p)
    return by_type


def _intro(name: str, by_type, source_pages: list[Page]) -> tuple[list[PageBlock], str]:
    n_src = len(source_pages)
    kinds = [t for t in ("decision", "incident", "runbook", "note") if by_type.get(t)]
    counts = _and([_count(len(by_type[t]), t) for t in kinds]) or "no documents yet"
    src_names = _and([p.title for p in source_pages[:3]] + ([f"{n_src - 3} more"] if n_src > 3 else []))
    intro_spans = [Span(sp.fields["path"], 1, sp.fields["lines"]) for sp in source_pages[:6]]
    blocks: list[PageBlock] = [PageBlock(
        "paragraph",
        f"This wiki is the engineering memory of {name}. It holds {counts}, compiled from "
        f"{n_src} source file{'s' if n_src != 1 else ''} ({src_names}). "
        "Every statement below links to the source lines it comes from.",
        intro_spans,
    )]
    return blocks, counts


def _overview(name: str, blocks: list[PageBlock], counts: str, doc_pages: list[Page], source_pages: list[Page]) -> Page:
    return Page(
        id=OVERVIEW_ID,
        type="concept",
        title=f"{name} Overview",
        path=OVERVIEW_PATH,
        blocks=blocks,
        sources=sorted({s for p in doc_pages for s in p.sources}),
        links=[p.id for p in doc_pages] + [p.id for p in source_pages],
        summary=f"Overview of {name}: {counts}",
    )


def _full_sections(blocks: list[PageBlock], by_type, records, path: str) -> None:
    notes = by_type.get("note", [])
    if notes:
        blocks.append(PageBlock("heading", "System notes", [], 2))
        for p in notes:
            first = next((b for b in p.blocks if b.kind == "paragraph" and b.citations), None)
            if first:
                blocks.append(PageBlock("link_paragraph", f"{_link(path, p)}: {first.text}", first.citations))
    for t in ("decision", "incident", "runbook"):
        pages = by_type.get(t, [])
        if not pages:
            continue
        blocks.append(PageBlock("heading", TYPE_LABELS[t][0], [], 2))
        blocks.append(PageBlock("paragraph", f"{INTROS[t]} The wiki holds {_count(len(pages), t)}.",
                                _doc_spans(pages, records)))
        for p in pages:
            text, spans = describe(t, p, records[p.id], path)
            blocks.append(PageBlock("link_paragraph", text, spans))


_HOW = {"number": "cites", "title": "names", "subject": "covers the same subject as", "supersedes": "supersedes"}


def _relations(blocks: list[PageBlock], doc_pages: list[Page], links: list[Link], path: str) -> None:
    typed = {p.id: p for p in doc_pages if p.type in ("decision", "incident", "runbook")}
    rel = [l for l in links if l.src in typed and l.dst in typed and l.span is not None and l.reason in _HOW]
    if not rel:
        return
    blocks.append(PageBlock("heading", "How these documents relate", [], 2))
    for l in rel[:OVERVIEW_LIST_LIMIT * 2]:
        blocks.append(PageBlock("link_item", f"{_link(path, typed[l.src])} {_HOW[l.reason]} {_link(path, typed[l.dst])}.",
                                [l.span]))


def _document_index(blocks: list[PageBlock], doc_pages, records, source_pages, path: str) -> None:
    blocks.append(PageBlock("heading", "Document Index", [], 2))
    blocks.append(PageBlock("table_header", "Type | Document | One-line summary", [], 0))
    order = {"decision": 0, "incident": 1, "runbook": 2, "note": 3}
    for p in sorted(doc_pages, key=lambda p: (order.get(p.type, 9), p.title.lower())):
        blocks.append(PageBlock("row", f"{TYPE_LABELS[p.type][1]} | {_link(path, p)} | {p.summary}",
                                summary_spans(p.type, records[p.id])))
    for sp in source_pages:
        blocks.append(PageBlock("row", f"Source | {_link(path, sp)} | {sp.summary}",
                                [Span(sp.fields["path"], 1, sp.fields["lines"])]))


def _doc_spans(pages: list[Page], records: dict[str, Record], k: int = 3) -> list[Span]:
    """What a count of documents rests on: the first documents' title lines (their extent when untitled)."""
    out = []
    for p in pages[:k]:
        d = records[p.id].document
        out.append(d.title_span or d.extent)
    return out


def _date_of(p: Page, r: Record) -> str:
    f = r.fields
    return str(f.get("date") or f.get("last_reviewed") or "")


def _summary_sections(blocks: list[PageBlock], by_type, entries: dict[str, tuple], links: list[Link], path: str) -> set[str]:
    """The large-wiki overview: a fixed number of cited lines, whatever the wiki's size. Returns the
    ids of the documents it cites."""
    used: set[str] = set()
    for t in ("decision", "incident", "runbook", "note"):
        pages = by_type.get(t, [])
        used |= {p.id for p in pages[:3]}
        if pages:
            blocks.append(PageBlock("paragraph", f"{INTROS[t]} The wiki holds {_count(len(pages), t)}; "
                                    f"every one is listed in the {TYPE_LABELS[t][0]} index.",
                                    [_span(entries[p.id][3]) for p in pages[:3]]))
    dated = [(d, p) for ps in by_type.values() for p in ps if (d := entries[p.id][1])[:4].isdigit()]
    dated.sort(key=lambda dp: (dp[0], dp[1].id), reverse=True)
    if dated:
        blocks.append(PageBlock("heading", "Recent documents", [], 2))
        for d, p in dated[:SUMMARY_LIST]:
            used.add(p.id)
            blocks.append(PageBlock("link_item", f"{d[:10]}: {_link(path, p)}. {_sentence(p.summary) if p.summary else ''}".rstrip(),
                                    [_span(x) for x in entries[p.id][2]]))
    all_docs = {p.id: p for ps in by_type.values() for p in ps}
    inbound: dict[str, int] = defaultdict(int)
    for l in links:
        if l.dst in all_docs and l.src in all_docs and l.src != l.dst and l.reason in _HOW:
            inbound[l.dst] += 1
    top = sorted(inbound.items(), key=lambda kv: (-kv[1], kv[0]))[:SUMMARY_LIST]
    if top:
        blocks.append(PageBlock("heading", "Most-linked documents", [], 2))
        for pid, n in top:
            p = all_docs[pid]
            used.add(pid)
            blocks.append(PageBlock("link_item", f"{_link(path, p)}, linked from {n} other document{'s' if n != 1 else ''}. "
                                    f"{_sentence(p.summary) if p.summary else ''}".rstrip(),
                                    [_span(x) for x in entries[pid][2]]))
    open_items = []
    for p in by_type.get("incident", []):
        e = entries[p.id]
        for text, owner, span in e[4]:
            open_items.append((e[6], p, text, owner, _span(span)))
    if open_items:
        open_items.sort(key=lambda x: (x[0] or "9999", x[1].id))
        used |= {x[1].id for x in open_items[:SUMMARY_LIST + 5]}
        blocks.append(PageBlock("heading", "Open action items", [], 2))
        blocks.append(PageBlock("paragraph", f"{len(open_items)} action item{'s are' if len(open_items) != 1 else ' is'} "
                                "still open; the oldest are:", [x[4] for x in open_items[:3] if x[4]]))
        for d, p, text, owner, span in open_items[:SUMMARY_LIST + 5]:
            owner = f" (owner: {owner})" if owner else " (no owner named)"
            blocks.append(PageBlock("link_item", f"{_sentence(text)[:-1]}{owner}, from {_link(path, p)}"
                                    + (f", {d}." if d else "."), [span] if span else []))
    return used


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
    """One overview paragraph about a document, in sentences, from its fields only."""
    f = r.fields
    link = _link(path, p)
    spans: list[Span] = []
    if kind == "decision":
        facts = []
        if f.get("status"):
            facts.append(f"is {str(f['status']).lower()}")
            spans += _first(r.citations.get("status"))
        if f.get("date"):
            facts.append(f"dates from {f['date']}")
            spans += _first(r.citations.get("date"))
        text = f"{link} {_and(facts)}." if facts else f"{link} is recorded here."
        chosen = [o for o in f.get("options") or [] if o.get("outcome") == "chosen"]
        rejected = [o for o in f.get("options") or [] if o.get("outcome") == "rejected"]
        for o in rejected:
            reason = (o.get("reasons") or [""])[0]
            text += f" {o['name']} was rejected" + (f" ({_clause(reason)})." if reason else ".")
        for o in chosen:
            text += f" {o['name']} was chosen."
        spans += [s for s in r.citations.get("options", []) if s is not None]
        if not chosen and f.get("decision"):
            text += f" {_sentence(p.summary)}" if p.summary else ""
            spans += _first(r.citations.get("decision"))
        return text, spans
    if kind == "incident":
        when = f" happened on {f['date']}" if f.get("date") else " is recorded here"
        spans += _first(r.citations.get("date"))
        lasted = ""
        if f.get("duration_minutes") is not None:
            lasted = f" and lasted {_minutes(f['duration_minutes'])}"
            spans += _first(r.citations.get("duration_minutes"))
        text = f"{link}{when}{lasted}."
        if f.get("root_cause"):
            text += f" Root cause: {_sentence(f['root_cause'])}"
            spans += _first(r.citations.get("root_cause"))
        events = [e for e in f.get("timeline") or [] if e.get("time") and e.get("event")]
        if events:
            shown = events[:5]
            text += " Timeline: " + " ".join(f"{e['time']} — {_clause(e['event'])}." for e in shown)
            text += f" ({len(events) - 5} more events on the page.)" if len(events) > 5 else ""
            spans += [s for s in r.citations.get("timeline", [])[:5] if s is not None]
        items = f.get("action_items") or []
        if items:
            named = []
            for a in items[:4]:
                state = "done" if a.get("status") == "done" else "open"
                who = f", {a['owner']}" if a.get("owner") else ""
                named.append(f"{_clause(str(a.get('text') or ''))} ({state}{who})")
            n_open = sum(1 for a in items if a.get("status") != "done")
            text += (f" Follow-up{'s' if len(items) != 1 else ''}, {n_open} of {len(items)} open: " + "; ".join(named)
                     + (f"; {len(items) - 4} more on the page." if len(items) > 4 else "."))
            spans += [s for s in r.citations.get("action_items", [])[:4] if s is not None]
        return text, spans
    steps = f.get("steps") or []
    text = f"{link}"
    if steps:
        titles = [_clause(s.get("title", "")) for s in steps[:6] if s.get("title")]
        text += f" has {len(steps)} step{'s' if len(steps) != 1 else ''}" + (": " + "; ".join(
            f"{i}. {t}" for i, t in enumerate(titles, 1)) if titles else "")
        text += "." if len(steps) <= 6 else f"; {len(steps) - 6} more on the page."
        spans += [s for s in r.citations.get("steps", [])[:6] if s is not None]
    elif f.get("overview"):
        text += f": {_sentence(f['overview'])}"
        spans += _first(r.citations.get("overview"))
    else:
        text += "."
    for c in (f.get("caveats") or [])[:2]:
        text += f" Caveat: {_sentence(c)}"
    spans += [s for s in r.citations.get("caveats", [])[:2] if s is not None]
    return text, spans or _first([r.document.extent])


def _minutes(m) -> str:
    m = int(m)
    if m < 120:
        return f"{m} minutes"
    h, rest = divmod(m, 60)
    return f"{h} hours" + (f" {rest} minutes" if rest else "")


def _clause(text: str, limit: int = 160) -> str:
    """A field's text as a clause inside a sentence: one line, no closing period."""
    return one_line(text, limit).rstrip(" .;")


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
            out.append(f"- {root_link(p.path, p.title)}{summary} · {p.confidence}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
