"""Where in the cited lines a claim's quote stands: the sentence holding it, the heading above it, the context around it."""

from __future__ import annotations

import re
from pathlib import Path

from lorebook.verify import facts as F


SEGMENT_BREAK = re.compile(r"(?<=[.!?;])\s+|\n(?=\s*(?:[-*+>|#]|\d+[.)])\s)|\n\s*\n")


_BLOCK_BREAK = re.compile(r"\n(?=\s*(?:[-*+>|#]|\d+[.)])\s)|\n\s*\n")
SENTENCE_BREAK = re.compile(r"(?<!e\.g\.)(?<!i\.e\.)(?<!\bie\.)(?<!\beg\.)(?<!etc\.)(?<!vs\.)(?<=[.!?;])\s+")


# a timeline row: "- 14:47 — Rollback triggered.", "- 2025-04-14 16:37 UTC", "| 09:12 | …"
_TIMED_ROW = re.compile(r"^\s*(?:[-*+|]\s*)?(?:\d{4}-\d{2}-\d{2}[ T]+)?\d{1,2}:\d{2}\b")
# a one-line list item or a "Key: value" row: "- On-call: #platform-oncall", "Owner: Mina Park"
_ITEM_ROW = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S|^\s*[\w -]{1,30}:\s+\S")


def _rows(blocks: list[str]) -> str:
    """Rows as sentences of their own, so no rule reads two rows as one sentence."""
    rows = (" ".join(b.split()) for b in blocks)
    return " ".join(r if r[-1] in ".!?;" else r + ";" for r in rows)


def evidence_in(lines: list[str], quote: str, claim_text: str = "") -> str:
    """The source sentences that hold the quote, with the lead sentence of their paragraph or list item
    (so "**MongoDB** — rejected. Multi-table transactions …" keeps its subject), and those the claim's other
    clauses restate."""
    joined = "\n".join(F.clean(x) for x in lines)
    q = F.squash(quote)
    blocks = [b for b in _BLOCK_BREAK.split(joined) if b and b.strip()]
    if len(blocks) > 1 and all(_TIMED_ROW.match(b) for b in blocks):
        return _rows(blocks)  # timeline rows cited together: each row is its own time's evidence (rule_time_rows keeps them apart)
    if 1 < len(blocks) <= 6 and all(_ITEM_ROW.match(b) and "\n" not in b.strip() for b in blocks):
        return _rows(blocks)  # a short list of one-line items or "Key: value" rows: each item is cited whole (rule_key_rows keeps them apart)
    hits = []
    for block in blocks:
        sentences = [s for s in SENTENCE_BREAK.split(block or "") if s.strip()]
        chosen = [s for s in sentences if holds(F.squash(s), q)]
        if chosen and sentences[0] not in chosen:
            chosen.insert(0, sentences[0])
        hits.extend(chosen)
    hits += [s for s in restated_sentences(blocks, claim_text, hits) if s not in hits]
    hits += [r for r in keyed_rows(joined, claim_text) if r not in hits]
    return " ".join(" ".join(h.split()) for h in hits) or F.squash(joined)


# A clause of the claim ("…, but no data was lost") that the sentences holding the quote leave mostly unsaid may
# rest on another sentence of the cited lines: the one sharing the most of its content words, when it shares at
# least two and half of them. A model summarises several lines in one sentence but quotes only one of them.
_CLAIM_CLAUSE = re.compile(r"[;:]|,\s*|\s+(?:and|but|while|whereas|so|then|because|since|although|though|which|when|until|unless)\s+", re.IGNORECASE)
RESTATED_MIN_SHARED = 2
RESTATED_SHARE = 0.5


def restated_sentences(blocks: list[str], claim_text: str, hits: list[str]) -> list[str]:
    """The cited sentences that the claim's other clauses restate; each must state the same facts (times,
    dates, numbers) as its clause, so two sentences' facts are never traded ("building from 6pm … peaks at 6am")."""
    have = set(F.words(" ".join(hits)))
    sentences = [s for block in blocks for s in SENTENCE_BREAK.split(block) if s and s.strip()]
    return [s for clause, s in restating_pairs(sentences, claim_text)
            if len(set(F.words(clause)) & have) < RESTATED_SHARE * len(set(F.words(clause))) and same_facts(s, clause)]


def restating_pairs(sentences: list[str], claim_text: str) -> list[tuple[str, str]]:
    """(clause of the claim, the source sentence it restates) for each clause of two or more content words that
    shares at least two and half of them with one sentence (the one sharing most)."""
    out = []
    for clause in _CLAIM_CLAUSE.split(claim_text):
        want = set(F.words(clause or ""))
        if len(want) < 2:
            continue
        best = max(sentences, key=lambda s: len(set(F.words(s)) & want), default="")
        if len(set(F.words(best)) & want) >= max(RESTATED_MIN_SHARED, RESTATED_SHARE * len(want)):
            out.append((clause, best))
    return out


_KEYED_ROW = re.compile(r"^\s*(?:[-*+]\s+)?([^\W\d_][\w -]{0,29}?)\s*:\s*(\S.*)$")


_WHEN_KEYS = {"date", "day", "when", "time"}  # "accepted on June 10, 2025" dates the record without saying "date"


def keyed_rows(text: str, claim_text: str) -> list[str]:
    """The "Key: value" rows of the cited lines ("Date: 2025-06-10") whose key the claim says ("dated") and whose
    value states facts the claim states too: a record's header rows are cited together, one of them quoted."""
    if not claim_text:
        return []
    said = set(F.words(claim_text))
    out = []
    for ln in text.split("\n"):
        m = _KEYED_ROW.match(ln)
        key = set(F.words(m.group(1))) if m else set()
        if not key or not (key <= said or m.group(1).strip().lower() in _WHEN_KEYS):
            continue
        row = " ".join(ln.split())
        if fact_values(F.extract(row, source=True)) and same_facts(row, claim_text):
            out.append(row if row[-1] in ".!?;" else row + ";")
    return out


def fact_values(facts: F.Facts) -> set[tuple]:
    """Every number, time, date, duration and quantity a text states, each tagged with its kind."""
    return ({("n", n) for n in facts.numbers if ("n", n) in facts.labels} | {("t", t) for c in facts.times for t in c}
            | {("d", d) for c in facts.dates for d in c} | {("s", x) for x in facts.durations} | {("q", q) for q in facts.quantities})


def same_facts(sentence: str, clause: str) -> bool:
    """Whether every kind of fact the source sentence states (times, dates, durations, quantities, numbers)
    has at least one value the clause states too."""
    theirs, mine = F.extract(sentence, source=True), F.extract(clause)
    pairs = [({t for c in theirs.times for t in c}, {t for c in mine.times for t in c}),
             ({d for c in theirs.dates for d in c}, {d for c in mine.dates for d in c}),
             (theirs.durations, mine.durations), (theirs.quantities, mine.quantities),
             ({n for n in theirs.numbers if ("n", n) in theirs.labels}, mine.numbers)]
    return all(not a or a & b for a, b in pairs)


_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+\S")


def list_size(file_lines: list[str], start: int, end: int, quote: str) -> int:
    """How many items the list holding the quoted item has at that item's level (0 when the quote is in
    no list item): 'three options were considered' counts the list the cited option stands in."""
    q = F.squash(quote)[:20]
    at = next((i for i in range(start - 1, min(end, len(file_lines))) if q and q in F.squash(file_lines[i])), None)
    m = _LIST_ITEM.match(file_lines[at]) if at is not None else None
    if not m:
        return 0
    indent = len(m.group(1))

    def walk(step: int) -> int:
        n, i = 0, at + step
        while 0 <= i < len(file_lines):
            ln = file_lines[i]
            item = _LIST_ITEM.match(ln)
            if not ln.strip():
                i += step
                continue
            if item and len(item.group(1)) == indent:
                n += 1
            elif item and len(item.group(1)) < indent or not item and len(ln) - len(ln.lstrip()) <= indent:
                break
            i += step
        return n

    return 1 + walk(-1) + walk(1)


def holds(seg: str, q: str) -> bool:
    return bool(seg) and (seg in q or q in seg or _overlaps(seg, q))


def _overlaps(seg: str, q: str) -> bool:
    return len(seg) > 8 and (q.startswith(seg[-min(len(seg), 20):]) or q.endswith(seg[: min(len(seg), 20)]) or seg[:20] in q or seg[-20:] in q)


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")


def context_of(source: str, lines: list[str], start: int) -> str:
    """What the cited lines are about: the file's name and title and the headings above them, so a
    sentence may call its lines by their document's name ("the culler flood timeline")."""
    # the file's name, its letters and digits apart ("adr010-luxon" names an ADR), and the folders it is filed
    # under inside raw/ ("raw/docs/adr/…" holds ADRs)
    stem = re.sub(r"[\W_]+", " ", Path(source).stem)
    folders = Path(source).parent.parts[1:]
    parts = [stem, re.sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " ", stem), *folders]
    parts += Path(source).stem.split("__")  # "npryce__adr-tools__doc__…" names the project adr-tools, hyphen kept
    # "raw/docs/adr/x__0007-use-queues.md" is ADR 7: its folder's kind with the number its name starts with
    lead = re.search(r"(?:^|__)0*(\d{1,5})(?=[-_ ])", Path(source).stem)
    if lead:
        parts += [f"{f} {lead.group(1)}" for f in folders if f.isalpha()]
    for ln in lines[:12]:
        m = re.match(r"^title:\s*(.*)$", ln)
        if m:
            parts.append(m.group(1))
    above = [ln for ln in lines[max(0, start - 4) : start - 1] if ln.strip()]
    if above and above[-1].rstrip().endswith(":"):  # "Example workspace backend block:" introduces the lines
        parts.append(above[-1])
    level = 7
    for ln in reversed(lines[: start - 1]):
        m = _HEADING.match(ln)
        if m and len(m.group(1)) < level:
            parts.append(m.group(2))
            level = len(m.group(1))
            if level == 1:
                break
    return F.squash(" ".join(parts))


_AUTHOR_KEY = re.compile(r"^(?:authors?|by|written[ _]by)\s*:\s*(.*)$", re.IGNORECASE)
_SELF_NAMED = re.compile(r"\b(?:I|me|myself)\s*\(([^()\n]{2,40})\)")


def document_authors(lines: list[str]) -> str:
    """Who wrote the document, as it says: its front matter's author(s) (a list under the key too) and the name
    it gives itself ("I (Ee Durbin)"), so a sentence may name the "I" of its lines."""
    out, listing = [], False
    for ln in lines[:40]:
        m = _AUTHOR_KEY.match(ln.strip())
        if m:
            out.append(m.group(1))
            listing = not m.group(1).strip()
            continue
        if listing and re.match(r"^\s+-\s+\S", ln):
            out.append(ln.strip(" -"))
            continue
        listing = False
    out += [m.group(1) for ln in lines for m in _SELF_NAMED.finditer(ln)]
    return " ".join(out)


def nearest_heading(lines: list[str], start: int) -> str:
    """The heading the cited lines sit under ("### 4:27" in a timeline): its time or date is theirs. Its section
    number ("## 7. Two fixes") is the document's outline, no figure of what the lines say."""
    for ln in reversed(lines[:start]):
        m = _HEADING.match(ln)
        if m:
            return _SECTION_NUMBER.sub("", m.group(2))
    return ""


_SECTION_NUMBER = re.compile(r"^\s*(?:§\s*)?\d{1,2}(?:(?:\.\d{1,2})+(?:\.\s+|\s+(?=[A-Z]|[^\x00-\x7f]))|[.)]\s+)")
# "7. ", "2.1 Setup", "3) "; not "10 minutes", "1.5 hours down"


def short_repr(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return repr(s if len(s) <= n else s[: n - 1] + "…")
