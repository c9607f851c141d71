"""Find where one document names another: by number (ADR-014), by title, or by shared subject.

Works from an inverted index of title terms so a 10,000-document wiki links in
linear time. Each link keeps the span where the naming happens, so "Related"
entries are cited like everything else.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from lorebook.model import Block, Link, Record, Span
from lorebook.sources.markdown import plain

_ADR_REF = re.compile(r"\badr[-\s_]?0*(\d{1,5})\b", re.I)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

STOP = set(
    """a an and are as at be by for from in into is it its of on or our the to we with without use using
    adr runbook postmortem post mortem incident report decision record architecture playbook how new
    not no this that these those when what why which who will should can may must do does
    bad good number unique id new old data system service process issue problem change update version
    support add make via per all any one two first last more less after before during over under""".split()
)

# Phrases that mean the same thing, joined before matching ("roll back" == "rollback").
_JOIN = [(re.compile(r"\broll(?:ed|ing)?\s+back\b", re.I), "rollback"), (re.compile(r"\bpost[-\s]mortem", re.I), "postmortem")]


@lru_cache(maxsize=200_000)
def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def terms(text: str) -> list[str]:
    t = text
    low = text.lower()
    for (rx, rep), cue in zip(_JOIN, ("roll", "post")):
        if cue in low:  # the regexes are the slow part, and most texts have neither
            t = rx.sub(rep, t)
    return [_stem(w) for w in _WORD.findall(t) if w.lower() not in STOP and not w.isdigit() and len(w) > 1]


@lru_cache(maxsize=100_000)
def _proper_nouns(text: str) -> frozenset[str]:
    """Capitalised words not at a sentence start: product and system names."""
    out = set()
    for m in re.finditer(r"(?<![.!?:]\s)(?<!^)\b([A-Z][A-Za-z0-9]+)\b", text):
        out.add(_stem(m.group(1)))
    return frozenset(out)


@dataclass
class Target:
    page_id: str
    kind: str
    number: int | None
    title: str
    title_terms: set[str]
    source_dir: str
    names: set[str] = frozenset()  # title terms written as names (capitalised), e.g. "postgres"


@dataclass
class Mention:
    page_id: str
    block_text: str
    span: Span
    _plain: str | None = None
    _terms: frozenset | None = None

    @property
    def text(self) -> str:
        if self._plain is None:
            self._plain = plain(self.block_text)
        return self._plain

    @property
    def terms(self) -> frozenset:
        """The mention's terms, computed once (subject matching asks many times)."""
        if self._terms is None:
            self._terms = _term_set(self.text)
        return self._terms


@lru_cache(maxsize=100_000)
def _term_set(text: str) -> frozenset:
    """Templates repeat the same headings and boilerplate in every document: each text is read once."""
    return frozenset(terms(text))


def title_core(title: str) -> str:
    t = re.sub(r"^\s*(?:adr[-\s_]?\d+|post[-\s]?mortem|incident(?: report)?|run\s?book)\s*[:\-—.]\s*", "", title, flags=re.I)
    return re.sub(r"^\s*\d+\s*(?:[.:\-]\s*|\s+)", "", t).strip()


def make_target(page_id: str, record: Record, title: str) -> Target:
    num = record.fields.get("number") if record.kind == "decision" else None
    core = title_core(title)
    core = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "", core)
    src = record.document.source.path
    names = {_stem(w) for w in re.findall(r"\b[A-Z][A-Za-z0-9]+\b", core) if w.lower() not in STOP}
    return Target(page_id, record.kind, num if isinstance(num, int) else None, core.lower(), set(terms(core)),
                  src.rsplit("/", 1)[0], names)


def mentions_of(page_id: str, record: Record) -> list[Mention]:
    """Every prose block of a document, as candidate places where it names others."""
    out = []
    doc = record.document
    if doc.title_span:
        out.append(Mention(page_id, doc.title, doc.title_span))
    for b in doc.root.all_blocks():
        if b.kind in ("paragraph", "item", "quote", "row") and b.text:
            out.append(Mention(page_id, b.text, b.span))
    for sec in doc.root.walk():
        if sec.title and sec.span:
            out.append(Mention(page_id, sec.title, sec.span))
    return out


@dataclass
class LinkIndex:
    """find_links' lookup tables over every target, in plain values (an incremental run keeps them on disk).

    Lists keep the targets' order. `by_id` may be any mapping of page id -> Target."""

    by_number: dict[int, list[tuple[str, str]]]  # ADR number -> (page id, source folder)
    by_term: dict[str, list[str]]  # title term -> page ids whose title has it
    by_rarest: dict[str, list[tuple[str, str]]]  # a title's rarest term -> (page id, title)
    by_id: Mapping[str, Target]
    n: int  # how many targets

    def plain(self) -> tuple:
        """Everything but by_id, as marshal-able values."""
        return self.by_number, self.by_term, self.by_rarest, self.n


def index_targets(targets: list[Target]) -> LinkIndex:
    by_number: dict[int, list[tuple[str, str]]] = defaultdict(list)
    by_term: dict[str, list[str]] = defaultdict(list)
    by_id = {t.page_id: t for t in targets}
    for t in targets:
        if t.number is not None:
            by_number[t.number].append((t.page_id, t.source_dir))
        for term in t.title_terms:
            by_term[term].append(t.page_id)
    # A title is named only where its rarest term occurs: index titles by that term.
    by_rarest: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for t in targets:
        # one-word titles ("Configuration") are too common to count as being named
        if len(t.title_terms) >= 2 and len(t.title) >= 12:
            by_rarest[min(t.title_terms, key=lambda x: (len(by_term[x]), x))].append((t.page_id, t.title))
    return LinkIndex(dict(by_number), dict(by_term), dict(by_rarest), by_id, len(targets))


def doc_terms(ms: list[Mention]) -> frozenset:
    """Every term a document's mentions use (what "how many documents use each term" counts)."""
    return frozenset().union(*(m.terms for m in ms)) if ms else frozenset()


def numbers_named(ms: list[Mention]) -> set[int]:
    """The ADR numbers a document's mentions name (its own included)."""
    return {int(n) for m in ms for n in _ADR_REF.findall(m.text)}


def term_counts(mentions: dict[str, list[Mention]]) -> dict[str, int]:
    df: dict[str, int] = defaultdict(int)
    for ms in mentions.values():
        for term in doc_terms(ms):
            df[term] += 1
    return df


def distinctive_in(df: Mapping[str, int], n_docs: int):
    """Whether a term is rare enough among documents to make a shared subject (find_links' rule)."""
    cut = max(3, n_docs * 0.15)
    return lambda term: n_docs < 20 or df.get(term, 0) <= cut


def common_cut_of(n_targets: int) -> int:
    """Terms in more titles than this say little about which document is meant."""
    return max(3, n_targets // 50)


def find_links(targets: list[Target] | None, mentions: dict[str, list[Mention]], index: LinkIndex | None = None,
               df: Mapping[str, int] | None = None, n_docs: int | None = None) -> list[Link]:
    """All links between document pages; at most one per (src, dst), the strongest reason.

    `index` (index_targets(targets)) may be passed instead of `targets`. `df` (documents using
    each term) and `n_docs` are the whole wiki's; they default to those of `mentions`, which is
    right only when `mentions` holds every document (a changed-set assemble passes them)."""
    ix = index if index is not None else index_targets(targets)
    by_number, by_term, by_rarest, by_id = ix.by_number, ix.by_term, ix.by_rarest, ix.by_id
    common_cut = common_cut_of(ix.n)
    found: dict[tuple[str, str], Link] = {}
    rank = {"number": 0, "title": 1, "subject": 2}

    def add(src: str, dst: str, reason: str, span: Span, detail: str = ""):
        if src == dst:
            return
        key = (src, dst)
        old = found.get(key)
        if old is None or rank[reason] < rank[old.reason]:
            found[key] = Link(src, dst, reason, span, detail)

    # How many documents use each term: common words do not make a shared subject.
    if df is None:
        df, n_docs = term_counts(mentions), len(mentions)
    distinctive = distinctive_in(df, n_docs)

    for src_id, ms in mentions.items():
        src = by_id.get(src_id)
        term_hits: dict[str, dict[str, int]] = {}
        for m in ms:
            text = m.text
            for num in _ADR_REF.findall(text):
                if src is not None and src.number == int(num):
                    continue  # a document naming its own number
                cands = by_number.get(int(num), [])
                if len(cands) > 1 and src is not None:
                    # several decision logs reuse numbers: only a same-folder match is unambiguous
                    cands = [c for c in cands if c[1] == src.source_dir]
                if len(cands) == 1:
                    add(src_id, cands[0][0], "number", m.span)
            lower = text.lower()
            for dst_id, title in _title_candidates(m.terms, by_rarest):
                if title in lower:
                    add(src_id, dst_id, "title", m.span)
            nouns = None
            for term in m.terms & by_term.keys():
                if len(by_term[term]) > common_cut or not distinctive(term):
                    continue
                if nouns is None:
                    nouns = _proper_nouns(text)
                for dst_id in by_term[term]:
                    hits = term_hits.setdefault(dst_id, {})
                    hits[term] = max(hits.get(term, 0), 2 if term in nouns else 1)
        for dst_id, hits in term_hits.items():
            t = by_id[dst_id]
            subject = {x for x in t.title_terms if distinctive(x)}
            covered = subject & hits.keys()
            n = len(subject)
            if dst_id == src_id or not covered:
                continue
            # Subject: (nearly) all of the target's distinctive title terms appear here.
            most_of_title = n >= 2 and len(covered) >= (n if n <= 3 else -(-2 * n // 3))
            # Or a product name ("Postgres") from a short title, rare among titles.
            rare_name = n <= 3 and any(
                hits[x] >= 2 and x in t.names and len(by_term[x]) <= 2 and df.get(x, 0) <= 3 for x in covered
            )
            if most_of_title or rare_name:
                best = max(ms, key=lambda m: len(m.terms & covered))  # cite where most of it is named
                add(src_id, dst_id, "subject", best.span, ", ".join(sorted(covered)))
    return sorted(found.values(), key=lambda l: (l.src, l.dst))


def _title_candidates(mention_terms: frozenset, by_rarest: dict[str, list[tuple[str, str]]]):
    for term in mention_terms:
        yield from by_rarest.get(term, ())
