"""Ask the model for the overview's prose and each page's one-line summary; keep only what the
verifier accepts; put it on the pages marked as AI-generated; record every rejection with its reasons.

Runs inside a build, on the compiled pages before they are saved (`transform`), so the model's
blocks go through the same save, versioning and human-edit merge as compiled blocks: a human
edit still wins. Without `--llm` this module is never imported.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lorebook.compile.render import escape_text
from lorebook.config import Wiki, WikiError
from lorebook.model import Page, PageBlock, Source, Span
from lorebook.synth import prompts
from lorebook.synth.client import ChatClient, ModelError, Usage
from lorebook.synth.settings import llm_settings
from lorebook.verify.verifier import Sources, verify_claim

AI_HEADER = ("> **AI-generated** by `{model}`: the sections marked with ✦ were written by a language model. "
             "Each sentence was checked against the source lines it cites; {rejected} that were not supported were left out.")
SUMMARY_HEADER = ("> **AI-generated** by `{model}`: the summary marked with ✦ was written by a language model "
                  "and checked against the source lines it cites.")
LLM_MARK = "<!-- origin: llm -->"
MAX_SENTENCE = 400
DOC_TYPES = ("decision", "incident", "runbook", "note")
TYPE_SECTION = {"decisions": "Architecture Decision Records", "incidents": "Incident Postmortems", "runbooks": "Operational Runbooks"}


@dataclass
class SynthReport:
    usage: Usage = field(default_factory=Usage)
    accepted: int = 0
    rejected: list[dict] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # answers that were not JSON in the schema
    pages: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"llm: {self.accepted} sentences accepted, {len(self.rejected)} rejected, "
                f"{len(self.unusable)} answers unusable; {self.usage.line()}")


def synthesize(wiki: Wiki, pages: list[Page], sources: dict[str, Source], only: set[str] | None = None) -> SynthReport:
    """Fill `pages` (the compiled wiki, before saving) with verified model prose. `only`: page ids."""
    settings = llm_settings(wiki)
    if settings is None:
        raise WikiError(f"no model configured: add an [llm] table with base_url and model to {wiki.config_path} (see docs/llm.md)")
    client = ChatClient(settings, wiki.state_dir / "llm" / "cache")
    report = SynthReport(usage=client.usage)
    checker = Sources(wiki.root)
    by_id = {p.id: p for p in pages}
    jobs = []
    overview = by_id.get("overview")
    if overview is not None and (not only or "overview" in only):
        docs = [p for p in pages if p.type in DOC_TYPES]
        used = [sources[s] for s in sorted({sp for p in docs for sp in p.sources}) if s in sources]
        msgs = prompts.overview_messages(wiki.name, [f"{p.title} ({p.type})" for p in docs], used)
        jobs.append(("overview", msgs, prompts.OVERVIEW_SCHEMA))
    for p in pages:
        if p.type not in DOC_TYPES or (only and p.id not in only):
            continue
        span = _extent(p)
        if span is None or span.source not in sources:
            continue
        empty = [k for k in prompts.FILLABLE.get(p.type, {}) if k in p.fields and p.fields[k] in ("", None, [])]
        msgs = prompts.summary_messages(p.title, p.type, sources[span.source], span.start, span.end, empty)
        jobs.append((p.id, msgs, prompts.summary_schema(empty)))
    try:
        with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
            answers = list(pool.map(lambda j: client.complete_json(j[1], j[2], "overview" if j[0] == "overview" else "summary"), jobs))
    except ModelError as e:
        raise WikiError(str(e)) from None
    finally:
        client.close()
    for (pid, _msgs, _schema), answer in zip(jobs, answers):
        if answer is None:
            report.unusable.append(pid)
            continue
        sections = {k: _accepted(v, checker, report, pid, k) for k, v in answer.items() if k != "fields"}
        if pid == "overview":
            _apply_overview(by_id[pid], sections, report, settings.model)
        else:
            _apply_summary(by_id[pid], sections.get("summary") or [], settings.model)
            filled = answer.get("fields") if isinstance(answer.get("fields"), dict) else {}
            _apply_fields(by_id[pid], {k: _accepted(v, checker, report, pid, f"fields.{k}") for k, v in filled.items()
                                       if k in prompts.FILLABLE.get(by_id[pid].type, {})}, settings.model)
        if any(sections.values()):
            report.pages.append(pid)
    return report


def _extent(p: Page) -> Span | None:
    spans = [s for b in p.blocks for s in b.citations] + [s for ss in p.field_citations.values() for s in ss]
    if not spans:
        return None
    src = spans[0].source
    same = [s for s in spans if s.source == src]
    return Span(src, min(s.start for s in same), max(s.end for s in same))


def _accepted(items, checker: Sources, report: SynthReport, pid: str, section: str) -> list[tuple[str, list[Span]]]:
    """The sentences the verifier accepts, as (text, spans); the others recorded with their reasons."""
    out = []
    if not isinstance(items, list):
        return out
    for item in items:
        verdict = verify_claim(item, checker)
        text = " ".join(str(item.get("text", "")).split()) if isinstance(item, dict) else ""
        if verdict.accepted and len(text) > MAX_SENTENCE:
            verdict.accepted, verdict.reasons = False, [f"longer than {MAX_SENTENCE} characters"]
        if not verdict.accepted:
            report.rejected.append({"page": pid, "section": section, "text": text[:MAX_SENTENCE],
                                    "citations": item.get("citations") if isinstance(item, dict) else None,
                                    "reasons": verdict.reasons})
            continue
        report.accepted += 1
        spans = [Span(c["source"], c["start_line"], c["end_line"]) for c in item["citations"]]
        out.append((text, spans))
    return out


def _blocks(sentences: list[tuple[str, list[Span]]]) -> list[PageBlock]:
    return [PageBlock("link_paragraph", f"{LLM_MARK} ✦ {escape_text(t)}", spans) for t, spans in sentences]


def _apply_overview(page: Page, sections: dict, report: SynthReport, model: str) -> None:
    if not any(sections.values()):
        return
    blocks = list(page.blocks)
    intro = 1 if blocks and blocks[0].kind == "paragraph" else 0
    head: list[PageBlock] = []
    for key in ("purpose", "architecture"):
        if sections.get(key):
            head.append(PageBlock("heading", prompts.OVERVIEW_SECTIONS[key], [], 2))
            head += _blocks(sections[key])
    for key, label in TYPE_SECTION.items():
        if not sections.get(key):
            continue
        at = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.text == label), None)
        if at is None:
            head.append(PageBlock("heading", label, [], 2))
            head += _blocks(sections[key])
        else:
            blocks[at + 1 : at + 1] = _blocks(sections[key])
    if sections.get("relations"):
        at = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.text.lower().startswith("how ")), None)
        rel = [PageBlock("heading", prompts.OVERVIEW_SECTIONS["relations"], [], 2)] + _blocks(sections["relations"])
        if at is None:
            head += rel
        else:
            blocks[at + 1 : at + 1] = _blocks(sections["relations"])
    n_rejected = sum(1 for r in report.rejected if r["page"] == page.id)
    header = PageBlock("paragraph", AI_HEADER.format(model=escape_text(model), rejected=n_rejected), [])
    page.blocks = [header] + blocks[:intro] + head + blocks[intro:]
    page.extra_meta = {**page.extra_meta, "ai_generated": True, "llm_model": model}


def _apply_summary(page: Page, sentences: list, model: str) -> None:
    if not sentences:
        return
    text, spans = sentences[0]
    page.blocks = [PageBlock("paragraph", SUMMARY_HEADER.format(model=escape_text(model)), []),
                   PageBlock("link_paragraph", f"{LLM_MARK} ✦ **Summary:** {escape_text(text)}", spans)] + list(page.blocks)
    page.extra_meta = {**page.extra_meta, "ai_generated": True, "llm_model": model, "llm_summary": text}


def _apply_fields(page: Page, filled: dict, model: str) -> None:
    """Empty typed fields get the model's verified sentence, marked in `model_filled` (never overwriting)."""
    done = []
    for k, sentences in sorted(filled.items()):
        if sentences and page.fields.get(k) in ("", None, []):
            text, spans = sentences[0]
            page.fields[k] = text
            page.field_citations[k] = spans
            done.append(k)
    if done:
        page.extra_meta = {**page.extra_meta, "ai_generated": True, "llm_model": model, "model_filled": done}


def record(wiki: Wiki, report: SynthReport) -> str:
    """Write the run's rejections and counts under .lorebook/llm/ (read by `lorebook status`); return the log entry."""
    d = wiki.state_dir / "llm"
    d.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    (d / "rejected.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in report.rejected), encoding="utf-8")
    last = {"time": stamp, "accepted": report.accepted, "rejected": len(report.rejected), "unusable": len(report.unusable),
            "calls": report.usage.calls, "cached": report.usage.cached, "prompt_tokens": report.usage.prompt_tokens,
            "completion_tokens": report.usage.completion_tokens, "seconds": round(report.usage.seconds, 2)}
    (d / "last-run.json").write_text(json.dumps(last, indent=2) + "\n", encoding="utf-8")
    lines = [f"## [{stamp}] llm | {report.accepted} accepted, {len(report.rejected)} rejected", "",
             f"- {report.usage.line()}"]
    for r in report.rejected[:20]:
        lines.append(f"- rejected ({r['page']}/{r['section']}): {r['text'][:120]!r}: {'; '.join(r['reasons'])[:200]}")
    for pid in report.unusable[:20]:
        lines.append(f"- unusable answer for {pid} (not JSON in the schema)")
    return "\n".join(lines)


def last_run(wiki: Wiki) -> dict | None:
    p = wiki.state_dir / "llm" / "last-run.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
