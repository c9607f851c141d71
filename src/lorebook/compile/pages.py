"""Records -> Pages: one page per decision, incident, runbook and note.

A page's body is built only from the record's fields and the document's own
blocks, and every block carries the spans those came from. Nothing is written
that the source does not say; the only words added are labels ("Status",
"Timeline") and page structure.
"""

from __future__ import annotations

import re

from lorebook.model import Block, Page, PageBlock, Record, Span
from lorebook.sources.markdown import plain
from lorebook.utilities import slugify

TYPE_DIRS = {
    "decision": "decisions",
    "incident": "incidents",
    "runbook": "runbooks",
    "note": "notes",
    "source": "sources",
    "concept": "concepts",
    "answer": "answers",
}

_TITLE_PREFIX = re.compile(
    r"^\s*(?:adr(?:[-\s_]?\d+)?|architecture decision record|post[-\s]?mortem|incident(?: report)?|run\s?book|playbook"
    r"|장애(?:\s*보고서)?|런북)\s*[:\-—.：]\s*",
    re.I,
)


def base_id(record: Record) -> str:
    """A readable, stable id: adr-014-postgres-as-primary-datastore, incident-2026-05-12-api-outage."""
    doc, f = record.document, record.fields
    rest = _TITLE_PREFIX.sub("", doc.title) or doc.title
    if record.kind == "decision":
        num = f.get("number")
        rest = re.sub(r"^\s*\d+\s*(?:[.:\-]\s*|\s+)", "", rest)
        return f"adr-{num:03d}-{slugify(rest, 50)}" if isinstance(num, int) else f"adr-{slugify(rest, 56)}"
    if record.kind == "incident":
        date = f.get("date")
        slug = slugify(rest.replace(date, "") if date else rest, 50)
        return f"incident-{date}-{slug}" if date else f"incident-{slug}"
    if record.kind == "runbook":
        return f"runbook-{slugify(rest, 56)}"
    return f"note-{slugify(rest, 56)}"


def page_path(page_type: str, page_id: str) -> str:
    return f"{TYPE_DIRS[page_type]}/{page_id}.md"


def display_title(record: Record) -> str:
    """The page title: ADR-014: …, Postmortem: …, Runbook: … as teams say them."""
    doc, f = record.document, record.fields
    title = doc.title
    if record.kind == "decision":
        num = f.get("number")
        rest = _TITLE_PREFIX.sub("", title) or title
        rest = re.sub(r"^\s*\d+\s*(?:[.:\-]\s*|\s+)", "", rest)
        return f"ADR-{num:03d}: {rest}" if isinstance(num, int) else rest
    return title


# --- small builders ---


def heading(text: str, level: int = 2) -> PageBlock:
    return PageBlock("heading", text, [], level)


def para(text: str, spans) -> PageBlock:
    return PageBlock("paragraph", text, _clean(spans))


def item(text: str, spans, level: int = 0) -> PageBlock:
    return PageBlock("item", text, _clean(spans), level)


def _clean(spans) -> list[Span]:
    if isinstance(spans, Span):
        spans = [spans]
    out: list[Span] = []
    for s in spans or []:
        if s is not None and s not in out:
            out.append(s)
    return out


def _cites(record: Record, name: str) -> list[Span]:
    return [s for s in record.citations.get(name, []) if s is not None]


def _at(record: Record, name: str, i: int) -> list[Span]:
    spans = record.citations.get(name, [])
    return [spans[i]] if i < len(spans) and spans[i] is not None else []


def source_heading(record: Record, name: str) -> str:
    """The heading the source itself gave the part a field came from ("근본 원인", "What went wrong"):
    the outermost section whose text starts with the field's first cited line; "" when no section
    does (an inline "**Impact:**" lead in a Summary section)."""
    spans = [sp for sp in record.citations.get(name, []) if sp is not None]
    if not spans:
        return ""
    first = min(spans, key=lambda sp: sp.start)
    title_span = record.document.title_span
    best = None
    for sec in record.document.root.walk():
        if sec.span is None or sec.span == title_span or not sec.title or sec.extent is None:
            continue
        if sec.span.source != first.source or not sec.span.end < first.start <= sec.extent.end:
            continue
        starts = [b.span.start for b in sec.all_blocks() if b.span is not None and b.span.source == first.source]
        if starts and first.start <= min(starts) and (best is None or sec.level < best.level):
            best = sec
    return plain(best.title).strip() if best is not None else ""


def labelled(record: Record, name: str, label: str, base: str | None = None) -> str:
    """A field's label, with the source's own heading beside it when that says something else
    ("Root cause · 근본 원인"): the reader sees the field and the words the team used."""
    from lorebook.extract.common import norm_heading

    own = source_heading(record, name)
    plain_label = norm_heading(base or label)
    if not own or norm_heading(own) == plain_label or plain_label in norm_heading(own):
        return label
    return f"{label} · {own}"


def _text_section(blocks: list[PageBlock], record: Record, name: str, label: str, how: str = "") -> None:
    """A field's heading and its cited text; `how` says where a value the notes do not state came from."""
    value = record.fields.get(name)
    if value:
        blocks.append(heading(labelled(record, name, label)))
        blocks.append(para(f"{value}{how}", _cites(record, name)))


def _list_section(blocks: list[PageBlock], record: Record, name: str, label: str) -> None:
    values = record.fields.get(name) or []
    if values:
        blocks.append(heading(labelled(record, name, label)))
        for i, v in enumerate(values):
            blocks.append(item(str(v), _at(record, name, i)))


# --- per kind ---


def _status_shown(status: str, stated: str) -> str:
    """The status in the source's own word, with the canonical status it stands for when that is another word:
    "Aceita (accepted)", "Implemented (accepted)", "Accepted"."""
    from lorebook.extract.decision import stated_status_word

    word = stated_status_word(stated)
    if not word or word.lower() == status:
        return status.capitalize()
    return f"{word[:1].upper() + word[1:]} ({status})"


def decision_blocks(record: Record) -> list[PageBlock]:
    f = record.fields
    out: list[PageBlock] = []
    facts = []
    spans: list[Span] = []
    if f.get("status"):
        facts.append(f"**Status:** {_status_shown(f['status'], f.get('status_text') or '')}")
        spans += _cites(record, "status")
    if f.get("date"):
        facts.append(f"**Date:** {f['date']}")
        spans += _cites(record, "date")
    if f.get("deciders"):
        facts.append("**Deciders:** " + ", ".join(f["deciders"]))
        spans += _cites(record, "deciders")
    if facts:
        out.append(para(" · ".join(facts), spans))
    _text_section(out, record, "context", "Context")
    options = f.get("options") or []
    if options:
        out.append(heading("Options considered"))
        for i, opt in enumerate(options):
            reasons = " ".join(r if r.endswith((".", "!", "?")) else r + "." for r in opt.get("reasons") or [])
            text = f"**{opt.get('name', '')}** — {opt.get('outcome', 'considered')}" + (f". {reasons}" if reasons else ".")
            out.append(item(text, _at(record, "options", i)))
    _text_section(out, record, "decision", "Decision")
    cons = f.get("consequences") or {}
    if any(cons.get(k) for k in ("positive", "negative", "neutral")):
        out.append(heading("Consequences"))
        for key, label in (("positive", "Positive"), ("negative", "Negative"), ("neutral", "Neutral")):
            vals = cons.get(key) or []
            if vals:
                if key != "neutral" or cons.get("positive") or cons.get("negative"):
                    out.append(heading(label, 3))
                for i, v in enumerate(vals):
                    out.append(item(str(v), _at(record, f"consequences.{key}", i)))
    for name, label in (("supersedes", "Supersedes"), ("superseded_by", "Superseded by")):
        vals = f.get(name) or []
        if vals:
            out.append(para(f"**{label}:** " + ", ".join(vals), _cites(record, name)))
    return out


def incident_blocks(record: Record) -> list[PageBlock]:
    f = record.fields
    out: list[PageBlock] = []
    facts, spans = [], []
    if f.get("date"):
        facts.append(f"**Date:** {f['date']}")
        spans += _cites(record, "date")
    if f.get("severity"):
        facts.append(f"**Severity:** {f['severity']}")
        spans += _cites(record, "severity")
    if f.get("duration_minutes") is not None:
        how = " (from the timeline)" if f.get("duration_source") == "computed" else ""
        facts.append(f"**Duration:** {f['duration_minutes']} minutes{how}")
        spans += _cites(record, "duration_minutes")
    if facts:
        out.append(para(" · ".join(facts), spans))
    _text_section(out, record, "summary", "Summary")
    _text_section(out, record, "impact", "Impact")
    timeline = f.get("timeline") or []
    if timeline:
        out.append(heading(labelled(record, "timeline", "Timeline")))
        for i, e in enumerate(timeline):
            t = e.get("time") or ""
            out.append(item((f"**{t}** — " if t else "") + str(e.get("event", "")), _at(record, "timeline", i)))
    _text_section(out, record, "trigger", "Trigger",
                  how=" (the timeline's first entry)" if f.get("trigger_source") == "timeline" else "")
    _text_section(out, record, "root_cause", "Root cause")
    _text_section(out, record, "detection", "Detection")
    _text_section(out, record, "resolution", "Resolution")
    det = []
    if f.get("detected_at"):
        det.append(f"Detected at {f['detected_at']}.")
    if f.get("resolved_at"):
        det.append(f"Resolved at {f['resolved_at']}.")
    if det:
        out.append(heading("Detection and recovery"))
        out.append(para(" ".join(det), _cites(record, "detected_at") + _cites(record, "resolved_at")))
    items = f.get("action_items") or []
    if items:
        n_open = sum(1 for a in items if a.get("status") != "done")
        out.append(heading(labelled(record, "action_items", f"Action items ({n_open} open)", "Action items")))
        for i, a in enumerate(items):
            box = "[x]" if a.get("status") == "done" else "[ ]"
            owner = f" — owner: {a['owner']}" if a.get("owner") else ""
            out.append(item(f"{box} {a.get('text', '')}{owner}", _at(record, "action_items", i)))
    return out


def runbook_blocks(record: Record) -> list[PageBlock]:
    f = record.fields
    out: list[PageBlock] = []
    _text_section(out, record, "overview", "Overview")
    _list_section(out, record, "prerequisites", "Prerequisites")
    _text_section(out, record, "impact", "Impact")
    steps = f.get("steps") or []
    if steps:
        out.append(heading(labelled(record, "steps", "Steps")))
        alert = None
        for i, s in enumerate(steps):
            if s.get("alert") and s["alert"] != alert:  # a file of many alerts: each alert's steps under its name
                alert = s["alert"]
                out.append(heading(alert, 3))
            title = s.get("title") or ""
            text = s.get("text") or ""
            body = f"**{s.get('number', i + 1)}. {title}**" + (f" {text}" if text else "")
            spans = _at(record, "steps", i)
            out.append(item(body, spans))
            for cmd in s.get("commands") or []:
                out.append(PageBlock("code", cmd, list(spans), 1))
    diagnosis = f.get("diagnosis") or []
    if diagnosis:
        out.append(heading("Diagnosis"))
        for i, d in enumerate(diagnosis):
            spans = _at(record, "diagnosis", i)
            if d.get("text"):
                out.append(item(d["text"], spans))
            for cmd in d.get("commands") or []:
                out.append(PageBlock("code", cmd, list(spans), 1))
    _list_section(out, record, "verification", "Verification")
    if f.get("rollback"):
        out.append(heading("Rollback"))
        out.append(para(str(f["rollback"]), _cites(record, "rollback")))
        for cmd in f.get("rollback_commands") or []:
            out.append(PageBlock("code", cmd, _cites(record, "rollback"), 0))
    other = f.get("other_commands") or []
    if other:  # the commands given outside the steps, each under the heading it sits in
        out.append(heading("Other commands"))
        section = None
        for i, c in enumerate(other):
            if c.get("section") != section:
                section = c.get("section")
                out.append(item(f"**{section}**", _at(record, "other_commands", i)))
            out.append(PageBlock("code", c["command"], list(_at(record, "other_commands", i)), 1))
    _list_section(out, record, "caveats", "Caveats")
    _list_section(out, record, "contacts", "Contacts")
    if f.get("last_reviewed") or f.get("review_in"):
        bits = []
        if f.get("last_reviewed"):
            bits.append(f"**Last reviewed:** {f['last_reviewed']}")
        if f.get("review_in"):
            bits.append(f"**Review in:** {f['review_in']}")
        out.append(para(" · ".join(bits), _cites(record, "last_reviewed") + _cites(record, "review_in")))
    return out


def note_blocks(record: Record) -> list[PageBlock]:
    """A note keeps its own structure: headings, paragraphs, items, code, rows, each cited."""
    out: list[PageBlock] = []

    def emit_blocks(blocks: list[Block], depth: int = 0):
        for b in blocks:
            if b.kind == "paragraph" and plain(b.text):
                out.append(PageBlock("paragraph", b.text, [b.span], depth))
            elif b.kind == "item":
                out.append(PageBlock("item", b.text or "(item)", [b.span], depth))
                emit_blocks(b.children, depth + 1)
            elif b.kind == "code":
                out.append(PageBlock("code", b.text.rstrip("\n"), [b.span], depth))
            elif b.kind == "quote":
                out.append(PageBlock("paragraph", "> " + plain(b.text), [b.span], depth))
            elif b.kind == "table":
                if b.header:
                    out.append(PageBlock("table_header", " | ".join(b.header), [], 0))
                for r in b.children:
                    out.append(PageBlock("row", " | ".join(r.cells), [r.span], 0))

    root = record.document.root
    emit_blocks(root.blocks)
    for sec in root.walk():
        if sec is root:
            continue
        out.append(heading(plain(sec.title), min(6, sec.level + 1 if sec.level < 2 else sec.level)))
        emit_blocks(sec.blocks)
    return out


RENDERERS = {
    "decision": decision_blocks,
    "incident": incident_blocks,
    "runbook": runbook_blocks,
    "note": note_blocks,
}


def document_page(record: Record, page_id: str) -> Page:
    """The page for one document (links and confidence are added later)."""
    blocks = RENDERERS[record.kind](record)
    fields = dict(record.fields)
    return Page(
        id=page_id,
        type=record.kind,
        title=display_title(record),
        path=page_path(record.kind, page_id),
        blocks=blocks,
        fields=fields,
        field_citations={k: [s for s in v if s is not None] for k, v in record.citations.items()},
        sources=[record.document.source.path],
        summary=record.summary,
    )
