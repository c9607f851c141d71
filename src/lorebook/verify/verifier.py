"""Accept a sentence only when the source lines it cites support it. Deterministic; no model.

A claim is `{"text": ..., "citations": [{"source": "raw/x.md", "start_line": 3, "end_line": 4,
"quote": ...}]}`. It is checked by a list of small rules over one shared state (like
markdown-it-py's block rules); each rule returns the reasons it rejects the claim for. A claim is
accepted when no rule objects. The same function gates everything a model writes into the wiki and
backs `lorebook verify`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Callable, Iterable

from lorebook.verify import facts as F
from lorebook.verify import lexicon as L


@dataclass
class Verdict:
    accepted: bool
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"accepted": self.accepted, "reasons": list(self.reasons)}


class ClaimError(ValueError):
    """A claim that is not in the expected shape; the message says what is wrong."""


@dataclass
class Citation:
    source: str
    start_line: int
    end_line: int
    quote: str


@dataclass
class Cited:
    """One citation resolved to its lines, with the sentences of those lines that hold the quote."""

    citation: Citation
    text: str  # the cited lines, whitespace-squashed
    lines: list[str]
    evidence: str = ""  # the source sentences the quote sits in
    context: str = ""  # the document's title, file name and the headings above the lines: what they are about


@dataclass
class State:
    text: str
    cited: list[Cited]
    sentence: F.Facts
    source: F.Facts
    cited_text: str
    evidence_text: str  # the source sentences holding the quotes: where a sentence's facts must be


class Sources:
    """Reads files under a wiki's raw/ once per run; a citation cannot reach outside raw/."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.raw = (self.root / "raw").resolve()
        self._lines: dict[str, list[str] | str] = {}

    def lines(self, source: str) -> list[str]:
        """The file's lines (1-based line N is index N-1); raises ClaimError when it cannot be cited."""
        if source not in self._lines:
            self._lines[source] = self._load(source)
        got = self._lines[source]
        if isinstance(got, str):
            raise ClaimError(got)
        return got

    def _load(self, source: str) -> list[str] | str:
        if "\\" in source or source.startswith("/") or not source.startswith("raw/"):
            return f"source {source!r} is not a path inside raw/ (write it as raw/…)"
        path = (self.root / source).resolve()
        if path != self.raw and self.raw not in path.parents:
            return f"source {source!r} points outside raw/"
        if not path.is_file():
            return f"source {source!r} does not exist in the wiki's raw/"
        try:
            data = path.read_bytes()
        except OSError as e:
            return f"source {source!r} cannot be read ({e.strerror})"
        return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_claim(obj) -> tuple[str, list[Citation]]:
    """The claim's text and citations, or ClaimError saying what is missing."""
    if not isinstance(obj, dict):
        raise ClaimError("a claim must be a JSON object with \"text\" and \"citations\"")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ClaimError("\"text\" must be a non-empty string")
    cits = obj.get("citations")
    if not isinstance(cits, list) or not cits:
        raise ClaimError("\"citations\" must be a non-empty list; every sentence needs a source")
    out = []
    for i, c in enumerate(cits, 1):
        if not isinstance(c, dict):
            raise ClaimError(f"citation {i} must be an object with source, start_line, end_line, quote")
        src, a, b, q = c.get("source"), c.get("start_line"), c.get("end_line"), c.get("quote")
        if not isinstance(src, str) or not src:
            raise ClaimError(f"citation {i}: \"source\" must be a path like raw/notes.md")
        if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, int) or not isinstance(b, int):
            raise ClaimError(f"citation {i}: \"start_line\" and \"end_line\" must be whole numbers")
        if a < 1 or b < a:
            raise ClaimError(f"citation {i}: lines {a}-{b} are not a range (start ≥ 1, end ≥ start)")
        if not isinstance(q, str) or not re.search(r"[^\W_]{3,}|\d", q):
            raise ClaimError(f"citation {i}: \"quote\" must be the verbatim source words the sentence rests on")
        out.append(Citation(src, a, b, q))
    return text, out


# ---------------------------------------------------------------------------------------------
# Rules. Each takes the state and returns the reasons it rejects the claim for (none: no objection).

FAIL_TO = re.compile(r"\bfail(?:s|ed|ing)?\s+to\b", re.IGNORECASE)  # "failed to start" says "did not start"


NEGATION = re.compile(
    r"\b(?<!or )(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|unable|impossible|inability|lack(?:s|ed|ing)?|n't"
    r"|fail(?:s|ed|ing)?\s+to)\b|n't\b",
    re.IGNORECASE,
)


def rule_quotes(st: State) -> list[str]:
    out = []
    for c in st.cited:
        if F.squash(c.citation.quote) not in c.text:
            out.append(
                f"quote {_short(c.citation.quote)} is not in {c.citation.source}:"
                f"{c.citation.start_line}-{c.citation.end_line}"
            )
    return out


def rule_numbers(st: State) -> list[str]:
    src = st.source
    out = []
    for n in sorted(st.sentence.numbers):
        if ("n", n) not in st.sentence.labels:
            continue  # part of a duration or quantity: checked with its unit below
        if n in src.numbers:
            continue
        if any(abs(n - d) < 1e-9 for d in src.durations) or any(n == q[0] for q in src.quantities):
            continue
        out.append(f"number {st.sentence.labels.get(('n', n), n)!s} is not in the quoted source sentences")
    for d in sorted(st.sentence.durations):
        if not any(abs(d - s) <= 1e-6 * max(1, d) for s in src.durations):
            out.append(f"duration {st.sentence.labels[('d', d)]!r} is not in the quoted source sentences")
    for q in sorted(st.sentence.quantities):
        if q not in src.quantities:
            out.append(f"quantity {st.sentence.labels[('q',) + q]!r} is not in the quoted source sentences")
    return out


def _date_ok(cands: tuple, src: F.Facts) -> bool:
    for y, m, d in cands:
        for scands in src.dates:
            for sy, sm, sd in scands:
                if sm != m or (d is not None and sd != d):
                    continue  # a sentence that names only the month ("in February 2026") matches any day of it
                if y is None or sy == y or (sy is None and float(y) in src.numbers):
                    return True
    return False


def rule_dates_times(st: State) -> list[str]:
    out = []
    for cands in st.sentence.dates:
        if not _date_ok(cands, st.source):
            out.append(f"date {st.sentence.labels[cands]!r} is not in the quoted source sentences")
    src_times = {t for c in st.source.times for t in c}
    for cands in st.sentence.times:
        if not src_times.intersection(cands):
            out.append(f"time {st.sentence.labels[cands]!r} is not in the quoted source sentences")
    return out


def _about(st: State) -> str:
    """What the cited lines are about (their document's file name, title and headings), lower-cased:
    a sentence may call its document by name ("the Boskos outage report") without the lines saying it."""
    return " ".join(c.context for c in st.cited).lower()


def rule_identifiers(st: State) -> list[str]:
    out = []
    low = st.evidence_text.lower() + "\n" + _about(st)
    for v in sorted(st.sentence.versions):
        if v not in st.source.versions and not re.search(rf"(?<![\d.]){re.escape(v)}(?![\d])", st.evidence_text):
            out.append(f"version {st.sentence.labels[('v', v)]!r} is not in the quoted source sentences")
    for key in sorted(st.sentence.ids, key=str):
        if key in st.source.ids:
            continue
        if key[0] == "code" and re.search(rf"(?<![\w-]){re.escape(key[1])}(?![\w-])", low):
            continue  # a whole token or path segment: "db_pass" is not in "db_password"
        if key[0] == "#" and f"#{key[1]}" in low:
            continue
        if isinstance(key[1], int) and re.search(rf"\b{re.escape(key[0].lower())}s?\W{{0,2}}0*{key[1]}\b", low):
            continue  # "issue 3401" in ".../issues/3401"
        out.append(f"identifier {st.sentence.labels[key]!r} is not in the quoted source sentences")
    return out


def _has_word(word: str, low: str) -> bool:
    w = re.escape(word.lower())
    return bool(re.search(rf"(?<![^\W_]){w}(?:s|es|'s)?(?![^\W_])", low)) or (
        word.lower().endswith("s") and bool(re.search(rf"(?<![^\W_]){w[:-1]}(?![^\W_])", low))
    )


def rule_names(st: State) -> list[str]:
    out = []
    low = st.evidence_text.lower() + "\n" + _about(st)
    lines = _Lines(low)
    for word, initial in st.sentence.names:
        if initial and word[1:].islower() and lines.supports(word.lower()):
            continue  # "Developers will have to cope" from "Development will have to cope": a word, not a name
        if not _has_word(word, low):
            out.append(f"name {word!r} is not in the quoted source sentences")
    seen = set()
    for run in st.sentence.name_runs:
        if run in seen or any(not _has_word(w, low) for w in run.split()):
            continue
        seen.add(run)
        if not _has_word(run, low):
            out.append(f"the quoted source sentences do not name {run!r} together")
    return out


def rule_negation(st: State) -> list[str]:
    out = []
    sent_neg = NEGATION.search(F.clean(st.text))
    if sent_neg and FAIL_TO.fullmatch(sent_neg.group(0)) and FAIL_TO.search(st.cited_text):
        sent_neg = None  # "fails to sync" where the lines say "fail to sync": their word, judged as any other
    if sent_neg:
        clauses = _close_clauses(st, _clause_of(F.clean(st.text), sent_neg.start()))
        if clauses and not any(NEGATION.search(c) for c in clauses):
            out.append(f"the sentence says {sent_neg.group(0)!r} but the source says {_short(clauses[0])} without a negation")
        elif not any(NEGATION.search(c.evidence) for c in st.cited) and not NEGATION.search(_closest_segment(st)):
            out.append(f"the sentence says {sent_neg.group(0)!r} but the quoted source sentences state no negation")
    if not out:
        said = len(NEGATION.findall(F.clean(st.text)))
        for c in st.cited:
            q = NEGATION.findall(F.clean(c.citation.quote))
            if len(q) > said:
                out.append(f"the quote says {q[-1]!r} but the sentence drops that negation")
    return out


_CLAUSE_BREAK = re.compile(r"[,;:()]|[.!?](?:\s|$)|\b(?:so|but|because|while|although|whereas|which)\b", re.IGNORECASE)


def _clause_of(text: str, pos: int) -> str:
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() <= pos]
    end = next((m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() > pos), len(text))
    return text[starts[-1] : end]


def _close_clauses(st: State, clause: str) -> list[str]:
    """The source clauses (of the quoted sentences) sharing at least two content words with `clause`."""
    want = set(F.words(clause))
    found = []
    for c in st.cited:
        for part in _CLAUSE_BREAK.split(c.evidence):
            if part and len(want.intersection(F.words(part))) >= 2:
                found.append(part.strip())
    return found


def _closest_segment(st: State) -> str:
    """The cited source sentence sharing the most content words with the claim."""
    want = set(F.words(st.text))
    best, score = "", 0
    for c in st.cited:
        for seg in _SEGMENT_BREAK.split("\n".join(F.clean(x) for x in c.lines)):
            n = len(want.intersection(F.words(seg or "")))
            if n > score:
                best, score = seg, n
    return best


# Words of one group exclude each other: a sentence may not say one when its lines say another.
STATUS_GROUPS: list[list[tuple[str, ...]]] = [
    [("proposed", "draft"), ("accepted", "approved", "chose", "chosen", "choose", "selected", "adopted", "picked"),
     ("rejected", "declined", "discarded"), ("deprecated",), ("superseded", "replaced")],
    [("resolved", "fixed", "mitigated"), ("unresolved", "ongoing")],
    [("succeeded", "successful", "successfully", "worked"), ("failed", "fails", "fail", "unsuccessful", "failing")],
    [("increased", "increase", "increases", "rose", "grew", "higher", "raised", "raise"),
     ("decreased", "decrease", "decreases", "reduced", "reduce", "fell", "lower", "lowered")],
    [("enabled", "enable"), ("disabled", "disable")],
    [("added",), ("removed",)],
    [("before",), ("after",)],
    [("manual", "manually"), ("automatic", "automatically", "automated")],
    [("synchronous", "synchronously"), ("asynchronous", "asynchronously")],
    [("internal",), ("external",)],
    [("public",), ("private",)],
    [("always",), ("never", "sometimes")],
    [("allowed", "allow", "allows", "permitted"), ("blocked", "denied", "forbidden", "against")],
    [("greater", "larger", "bigger"), ("less", "smaller")],
    [("majority",), ("minority",)],
    [("easy", "easier", "easily", "simple", "simpler"), ("hard", "harder", "difficult", "complex")],
    [("granted",), ("denied", "refused")],
    [("least", "fewest", "minimum", "minimal"), ("most", "maximum", "maximal")],
    [("global", "globally"), ("local", "locally")],
    [("cheaper", "cheap", "cheapest"), ("expensive", "costlier", "pricier", "costly")],
    [("online",), ("offline",)],
    [("minor",), ("major",)],
]


def _classes_in(text: str, group) -> set[int]:
    toks = set(re.findall(r"[^\W\d_]+", text.lower()))
    return {i for i, cls in enumerate(group) if toks.intersection(cls)}


SUPPORT_REQUIRED = 5  # the first groups (decision status … enabled/disabled) must be stated, not merely uncontradicted


def rule_status(st: State) -> list[str]:
    out = []
    sent = FAIL_TO.sub("not", F.clean(st.text))
    evidence = " ".join(c.evidence for c in st.cited)
    for gi, group in enumerate(STATUS_GROUPS):
        said = _classes_in(re.sub(rf"\b(?:{'|'.join(checked_comparisons(st)) or '(?!)'})\b", " ", sent, flags=re.IGNORECASE), group)
        for i in said:
            if gi < SUPPORT_REQUIRED and i not in _classes_in(st.cited_text, group):
                out.append(f"the sentence says {group[i][0]!r} but the cited lines do not")
                continue
            for scope in (evidence, st.cited_text):
                found = _classes_in(scope, group)
                if not found:
                    continue
                if i not in found:
                    other = sorted(found)[0]
                    out.append(
                        f"the sentence says {group[i][0]!r} but the cited lines say {group[other][0]!r}"
                    )
                break
    out.extend(_status_by_name(st, sent))
    return out


def _status_by_name(st: State, sent: str) -> list[str]:
    """'chose MongoDB' when MongoDB's own line says rejected: a status word goes with its nearest name."""
    group = STATUS_GROUPS[0]
    toks = [(m.group(0), m.start()) for m in re.finditer(r"[\w'-]+", sent)]
    names = {w for w, _ in st.sentence.names}
    out = []
    for idx, (tok, _) in enumerate(toks):
        cls = next((i for i, c in enumerate(group) if tok.lower() in c), None)
        if cls is None:
            continue
        best = None
        for j, (other, _) in enumerate(toks):
            if other.rstrip("'s") in names or other in names:
                if best is None or abs(j - idx) < abs(best[0] - idx):
                    best = (j, other)
        if best is None:
            continue
        name = best[1].lower()
        lines = [ln for c in st.cited for ln in c.lines if _has_word(name, F.clean(ln).lower())]
        found = set()
        for ln in lines:
            found |= _classes_in(F.clean(ln), group)
        if found and cls not in found:
            out.append(f"the sentence says {best[1]!r} was {group[cls][0]} but its cited line says {group[sorted(found)[0]][0]}")
    return out


_LIST_RE = re.compile(r"((?:[\w./@#+-]+, )+[\w./@#+-]+,? (?:and|or) [\w./@#+-]+)")


def rule_lists(st: State) -> list[str]:
    """Every item of an enumeration ("grep, sed and awk") must be in the quoted source sentences."""
    out = []
    low = st.evidence_text.lower()
    for m in _LIST_RE.finditer(F.clean(st.text)):
        items = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1))
        for item in items[1:-1] + [items[0].split()[-1] if items[0].split() else "", items[-1].split()[0] if items[-1].split() else ""]:
            item = item.strip(".")
            if item and item.lower() not in F.STOPWORDS and not _has_word(item, low):
                out.append(f"list item {item!r} is not in the quoted source sentences")
    return sorted(set(out))


WIKI_WORDS = {"runbook", "runbooks", "postmortem", "postmortems", "adr", "adrs"}  # what Lorebook calls documents
RARE_ZIPF = 3.0  # words rarer than this in English (commands, products, jargon) must be in the cited lines


def rule_rare_words(st: State) -> list[str]:
    """A lower-case word that is rare in English ("flushdb", "perl") must be in the cited lines."""
    from wordfreq import zipf_frequency

    low = st.cited_text.lower() + "\n" + _about(st)
    out = []
    src_bases = {F.base(x) for x in re.findall(r"[^\W\d_]{3,}", low)}
    masked = F.clean(st.text)
    for key in st.sentence.ids:  # identifiers were checked by their own rule
        masked = masked.replace(str(st.sentence.labels.get(key, "")), " ")
    for w in re.findall(r"(?<![\w@#/.-])[^\W\d_]{3,}(?![\w@/-])", masked):
        if not w.islower() or w in F.STOPWORDS or w in WIKI_WORDS or _has_word(w, low):
            continue
        if F.base(w) in src_bases or _split_compound(w, low):
            continue  # "rollback" where the lines say "roll back"
        if zipf_frequency(w, "en") < RARE_ZIPF:
            out.append(f"the rare word {w!r} is not in the cited lines")
    return out


def _split_compound(w: str, low: str) -> bool:
    """"rollback" where the lines say "rolled back": the two words side by side in the lines."""
    toks = _TOKEN.findall(low)
    for a, b in pairwise(toks):
        for k in range(3, len(w) - 1):
            if _keys(w[:k]) & _keys(a) and (w[k:] == b or _keys(w[k:]) & _keys(b)):
                return True
    return False


def rule_number_count(st: State) -> list[str]:
    """A number the sentence uses twice ("a 3-member cluster's quorum is 3") must be there twice."""
    sent = Counter(_number_tokens(F.clean(st.text)))
    src = Counter(_number_tokens(st.evidence_text))
    return [f"number {n} appears {k} times in the sentence but {src[n]} in the quoted source sentences"
            for n, k in sorted(sent.items()) if k > 1 and src[n] < k and src[n] > 0]


def _number_tokens(text: str) -> list[str]:
    return [m.group(0).replace(",", "") for m in re.finditer(r"(?<![\w.:/-])\d[\d,]*(?:\.\d+)?(?![\d:/])", text)]


def rule_name_roles(st: State) -> list[str]:
    """'Carol signed off and Tim came online' from 'Tim signs off, Carol online': when a name is the
    subject in both the sentence and the source (a content word right after it, no article before
    it), the sentence's word must be among the next few source words after that name."""
    out = []
    src = re.findall(r"[^\W_][\w'.-]*|[^\w\s]", st.evidence_text)
    sent = re.findall(r"[^\W_][\w'.-]*|[^\w\s]", F.clean(st.text))
    names = {w for w, _ in st.sentence.names}

    def role(tokens, i):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1].lower() if i > 0 else ""
        if not nxt.isalpha() or not nxt.islower() or nxt in F.STOPWORDS or prev in (
                "the", "a", "an", "our", "their", "its", "of", "all", "every", "each", "some", "any", "many", "most"):
            return None  # "all Homebrew maintainers": the name qualifies a noun, it does nothing
        return nxt.lower()

    for i, tok in enumerate(sent):
        if tok not in names or (said := role(sent, i)) is None:
            continue
        spots = [j for j, w in enumerate(src) if w.lower() == tok.lower()]
        roles = [role(src, j) for j in spots]
        if roles and all(r is not None for r in roles):
            following = set()
            for j in spots:
                for w in src[j + 1 : j + 14]:
                    if w in ".!?;":
                        break
                    following.add(w.lower())
            if not any(_alike(said, w) for w in following):
                out.append(f"the sentence says {tok!r} {sent[i + 1]!r}, which the quoted source sentences do not")
    return out


IRREGULAR = {
    f: lemma
    for lemma, forms in {
        "be": "is are was were been being am s", "have": "has had", "do": "does did done",
        "run": "ran runs running", "go": "went gone goes", "make": "made", "take": "took taken",
        "find": "found", "give": "gave given", "get": "got gotten", "show": "shown showed",
        "begin": "began begun", "become": "became", "come": "came", "write": "wrote written",
        "keep": "kept", "lose": "lost", "leave": "left", "hold": "held", "bring": "brought",
        "choose": "chose chosen", "send": "sent", "build": "built", "break": "broke broken",
        "fall": "fell fallen", "rise": "rose risen", "grow": "grew grown", "know": "knew known",
        "see": "saw seen", "say": "said", "tell": "told", "think": "thought", "catch": "caught",
    }.items()
    for f in forms.split() + [lemma]
}


def _same_word(q: str, w: str, sentence: list[str] = ()) -> bool:
    """Inflections, irregular forms, words of one status class ('most'/'maximum'), a suffix glued on
    (Korean particles), an abbreviation ('db'), or a quote word the sentence uses elsewhere."""
    if F.base(q) == F.base(w) or IRREGULAR.get(q, q) == IRREGULAR.get(w, w) or q in sentence:
        return True
    if any(q in cls and w in cls for group in STATUS_GROUPS + L.OPPOSITES for cls in group):
        return True
    if _lemma(w) in _SYN.get(_lemma(q), ()):
        return True
    if q.startswith(w) or w.startswith(q):
        return True
    short, long_ = sorted((q, w), key=len)
    return len(short) <= 3 and short[0] == long_[0] and _subsequence(short, long_)


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def rule_substitution(st: State) -> list[str]:
    """A sentence that copies its quote but swaps one word ('local NPM package' for 'global NPM
    package', 'container image storage' for 'container ephemeral storage') says something else."""
    from difflib import SequenceMatcher

    out = []
    sent = [w for w in re.findall(r"[^\W_]+(?:_[^\W_]+)*", F.clean(st.text).lower())]  # db_admin is one token
    for c in st.cited:
        quote = [w for w in re.findall(r"[^\W_]+(?:_[^\W_]+)*", F.clean(c.citation.quote).lower())]
        if len(quote) < 2:
            continue
        if any(sent[i : i + len(quote)] == quote for i in range(len(sent))):
            continue  # the quote is in the sentence as it is
        for i, tok in enumerate(sent):  # the quote copied word for word but one
            window = sent[i : i + len(quote)]
            if tok != quote[0] or len(window) != len(quote) or window == quote:
                continue
            diff = [(q, w) for q, w in zip(quote, window) if q != w]
            if len(diff) == 1 and diff[0][0].isalpha() and diff[0][1].isalpha() and not _same_word(*diff[0], sent) and not (
                diff[0][0] in F.STOPWORDS and diff[0][1] in F.STOPWORDS
            ):
                out.append(f"the sentence copies the quote but says {diff[0][1]!r} where it says {diff[0][0]!r}")
        sm = SequenceMatcher(None, quote, sent, autojunk=False)
        matched = sum(b.size for b in sm.get_matching_blocks())
        if matched < max(1, 0.5 * len(quote)):
            continue
        for op, a1, a2, b1, b2 in sm.get_opcodes():
            if op != "replace" or a2 - a1 != 1 or b2 - b1 not in (1, 2) or a1 == 0 and b1 == 0:
                continue
            q, w = quote[a1], sent[b1]
            if b2 - b1 == 2:  # one word for two: 'namespaces' -> 'node pools'
                if q in F.STOPWORDS or any(x in F.STOPWORDS or _same_word(q, x, sent) for x in sent[b1:b2]):
                    continue
                w = " ".join(sent[b1:b2])
                out.append(f"the sentence copies the quote but says {w!r} where it says {q!r}")
                continue
            if not (q.isalpha() and w.isalpha()) or min(len(q), len(w)) < 2 or _same_word(q, w, sent):
                continue
            if q in F.NUMBER_WORDS or w in F.NUMBER_WORDS:
                continue
            if q in F.STOPWORDS and w in F.STOPWORDS:
                continue
            out.append(f"the sentence copies the quote but says {w!r} where it says {q!r}")
    return sorted(set(out))


COVERAGE_MIN = 0.5


def rule_coverage(st: State) -> list[str]:
    """Most content words of the sentence must be in the cited lines (skipped across scripts: a
    sentence in English about a Korean source shares no words with it)."""
    sent = F.words(st.text)
    letters = [ch for ch in st.cited_text if ch.isalpha()]
    if not sent or sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return []
    have = set(F.words(st.cited_text + " " + " ".join(c.context for c in st.cited)))
    missing = [w for w in sent if w not in have]
    if 1 - len(missing) / len(sent) < COVERAGE_MIN:
        return [f"most of the sentence's words are not in the cited lines (missing: {', '.join(missing[:6])})"]
    return []


# ---------------------------------------------------------------------------------------------
# Meaning in ordinary words: each word must be in the lines or a way of saying what they say, no
# word may be the opposite of theirs, quantifiers must agree, and names keep their sides of a verb.

_TOKEN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _lemma(w: str) -> str:
    return F.stem(IRREGULAR.get(w, w))


@lru_cache(maxsize=65536)
def _keys(w: str) -> frozenset[str]:
    """The forms a word is looked up by: its stem and its uninflected base ('added' -> 'add')."""
    keys = {_lemma(w), F.base(w), _lemma(F.base(w))}
    if len(w) > 4 and w.endswith(("ied", "ies")):  # "tried" -> "try"
        keys.add(_lemma(w[:-3] + "y"))
    return frozenset(keys)


_SYN: dict[str, set[str]] = {}
for _line in L.SYNONYMS:
    _group = set().union(*(_keys(x) for x in _line.split()))
    for _x in _group:
        _SYN.setdefault(_x, set()).update(_group)

_SYMBOL_WORDS = [(re.compile(r"(?:>=?|≥)\s*\d"), "more over above"), (re.compile(r"(?:<=?|≤)\s*\d"), "less under below"),
                 (re.compile(r"\d\s*\+(?!\d)"), "more over")]


class _Lines:
    """The cited lines as sets of words and lemmas, for asking whether a word or its synonym is there."""

    def __init__(self, text: str):
        text = F.clean(text)
        toks = _TOKEN.findall(text.lower())
        for rx, words in _SYMBOL_WORDS:  # ">100 users" says "more than 100 users"
            if rx.search(text):
                toks += words.split()
        self.tokens = set(toks)
        self.lemmas = set().union(*(_keys(t) for t in toks)) if toks else set()

    def has(self, w: str) -> bool:
        return w in self.tokens or bool(_keys(w) & self.lemmas)

    def supports(self, w: str) -> bool:
        if self.has(w):
            return True
        return any(_SYN.get(k, set()) & self.lemmas for k in _keys(w))


_PRONOUNS = {"itself", "themselves", "himself", "herself", "ourselves", "yourself", "yourselves", "myself",
             "someone", "something", "anyone", "anything", "everyone", "everything", "nobody", "nothing"}


def _plain(text: str) -> str:
    """Text for the meaning rules: "no longer" and "failed to" are negations, not a length or a status."""
    return FAIL_TO.sub("not", re.sub(r"\bno\s+longer\b", "not", F.clean(text), flags=re.IGNORECASE))


def _sentence_words(st: State) -> list[str]:
    """The sentence's words that make a claim: content words and the function words that carry one
    ("more", "before", "only"); names, identifiers and numbers are checked by their own rules."""
    masked = _plain(st.text)
    for label in sorted({str(v) for v in st.sentence.labels.values()}, key=len, reverse=True):
        if label.strip():  # identifiers, numbers, dates, times and durations ("8 min") are checked as facts
            masked = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", masked)
    names = {w.lower() for w, _ in st.sentence.names}
    out = []
    for m in _TOKEN.finditer(masked):
        w, low = m.group(0), m.group(0).lower()
        if masked[max(0, m.start() - 1) : m.start()] in (".", "/", "_", "@", "#") and m.start() > 0 or masked[m.end() : m.end() + 1] in ("/", "_", "("):
            continue  # part of a command, path or handle (".save", "/r/python")
        if low in names and not (w[:1].isupper() and low in F.STOPWORDS | L.POLAR_FUNCTION_WORDS):
            continue
        if low in L.POLAR_FUNCTION_WORDS:
            if low in L.UNSUPPORTED_FUNCTION_WORDS:
                out.append(low)
        elif len(low) >= 3 and low not in F.STOPWORDS and low not in F.NUMBER_WORDS and low not in F.MONTHS \
                and low not in WIKI_WORDS and low not in _PRONOUNS:
            out.append(low)
    return out


_COMPARED = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:[^\d.;]{0,40}?)\b(higher|more|greater|larger|bigger|lower|less|fewer|smaller)\s+than\s+"
    r"(?:the\s+|that\s+of\s+)?(\d[\d,]*(?:\.\d+)?)(?![\d.])", re.IGNORECASE)


def checked_comparisons(st: State) -> set[str]:
    """Comparatives between two numbers the lines state, checked by arithmetic ("530, higher than the
    476" when the lines give 530 and 476): computed from the lines, so no line need say "higher"."""
    ok = set()
    for m in _COMPARED.finditer(F.clean(st.text)):
        a, word, b = F.to_number(m.group(1)), m.group(2).lower(), F.to_number(m.group(3))
        if a not in st.source.numbers or b not in st.source.numbers:
            continue
        if (a > b) == (word in ("higher", "more", "greater", "larger", "bigger")) and a != b:
            ok.add(word)
    return ok


def unsupported_words(st: State) -> list[str]:
    """The sentence's claim words that neither its cited lines nor a synonym of theirs contain."""
    lines = _Lines(st.cited_text + " " + " ".join(c.context for c in st.cited))
    computed = checked_comparisons(st)
    return [w for w in _sentence_words(st) if w not in L.LIGHT_WORDS and w not in computed and not lines.supports(w)
            and not _compound(w, lines)]


def _compound(w: str, lines: "_Lines") -> bool:
    """"rollback" from "rolling back", "write-up" from "written up": two words of the lines run together."""
    for k in range(2, len(w) - 1):
        a, b = w[:k], w[k:]
        if len(a) >= 3 and len(b) >= 2 and lines.has(a) and lines.has(b):
            return True
    return False


_POLAR = (
    {w for group in L.OPPOSITES for cls in group for w in cls}
    | L.UNIVERSAL | L.RESTRICTIVE | L.PARTIAL | L.UNSUPPORTED_FUNCTION_WORDS | L.DECISION_WORDS
)
UNSUPPORTED_MAX = 1  # neutral words ("fire", "channel") a sentence may add; never one with a polarity


def _polar(w: str) -> bool:
    return w in _POLAR or any(w in cls for group in STATUS_GROUPS for cls in group)


def _replaces(st: State, w: str) -> str | None:
    """The source word that `w` stands in place of, when the sentence follows a quoted source sentence
    and puts `w` where it has another content word ("runs the team's monitoring" for "runs the
    team's CI/CD")."""
    from difflib import SequenceMatcher

    sent = [x.lower() for x in re.findall(r"[^\W_][\w/.-]*[^\W_]|[^\W_]", _plain(st.text))]
    said = {_lemma(x) for x in sent}
    for c in st.cited:
        for seg in _SENTENCE_BREAK.split(c.evidence):
            if not _holds(F.squash(seg), F.squash(c.citation.quote)):
                continue  # the lead sentence of the paragraph is context, not the sentence being followed
            src = [x.lower() for x in re.findall(r"[^\W_][\w/.-]*[^\W_]|[^\W_]", _plain(seg))]
            sm = SequenceMatcher(None, [_lemma(x) for x in src], [_lemma(x) for x in sent], autojunk=False)
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op != "replace" or w not in sent[b1:b2] or a1 == 0 or b1 == 0:
                    continue
                if sm.find_longest_match(0, a1, 0, b1).size == 0:
                    continue
                window = src[a1 : min(a2, a1 + (b2 - b1) + 1)]  # the words in its place, not the rest of the line
                gone = [x for x in window if x not in F.STOPWORDS and _lemma(x) not in said and len(x) > 1
                        and not re.search(r"[\d.:]", x) and len(x) <= 20 and not x.endswith("ly") and x not in _PRONOUNS
                        and x not in L.LIGHT_WORDS]
                if gone:
                    return gone[0]
    return None


def rule_unsupported(st: State) -> list[str]:
    """Every word of the sentence that claims something must be in its lines, or an inflection or
    synonym of a word there ("kept" for "stored"), or a word of what the lines are about (their
    document's title and headings). One neutral word from elsewhere may elaborate ("an alert
    should fire"); a word with a polarity ("saves", "removes", "more") may not, nor one that takes
    the place of another word of the quoted source sentence (skipped across scripts, like coverage)."""
    letters = [ch for ch in st.cited_text if ch.isalpha()]
    if not letters or sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return []
    missing = list(dict.fromkeys(unsupported_words(st)))
    polar = [w for w in missing if _polar(w)]
    if polar:
        return [f"the cited lines do not say {', '.join(repr(w) for w in polar[:6])} (nor a synonym), a word that changes the claim"]
    if len(missing) > UNSUPPORTED_MAX:
        return [f"the cited lines do not say {', '.join(repr(w) for w in missing[:6])} (nor a synonym)"]
    for w in missing:
        gone = _replaces(st, w)
        if gone:
            return [f"the sentence says {w!r} where the quoted source sentence says {gone!r}"]
    return []


def rule_opposites(st: State) -> list[str]:
    """A word whose opposite the lines state, with none of its own kind: "heavier" for "lighter",
    "finished" for "started", "saves" for "costs"."""
    out = []
    sent = set(_TOKEN.findall(_plain(st.text).lower()))
    evidence = " ".join(_plain(c.evidence) for c in st.cited)
    for group in L.OPPOSITES:
        said = {i for i, cls in enumerate(group) if sent.intersection(cls)}
        if not said:
            continue
        for scope in (evidence, st.cited_text):
            found = {i for i, cls in enumerate(group) if set(_TOKEN.findall(_plain(scope).lower())).intersection(cls)}
            if not found:
                continue
            if not said & found:
                w = next(iter(sent.intersection(group[min(said)])))
                o = next(iter(set(_TOKEN.findall(_plain(scope).lower())).intersection(group[min(found)])))
                out.append(f"the sentence says {w!r} but the cited lines say {o!r}")
            break
    return out + _bound_opposites(st)


def _bound_opposites(st: State) -> list[str]:
    """"more power" where the lines say "less power": a word of an opposite pair goes with the word it
    qualifies, even when the lines use both kinds elsewhere."""
    out = []
    sent = _TOKEN.findall(_plain(st.text).lower())
    src = _TOKEN.findall(_plain(st.cited_text).lower())
    for group in L.OPPOSITES:
        for i, w in enumerate(sent):
            cls = next((k for k, c in enumerate(group) if w in c), None)
            if cls is None:
                continue
            heads = [x for x in sent[i + 1 : i + 3] if x not in F.STOPWORDS and len(x) > 2][:1]
            if not heads:
                continue
            head = _lemma(heads[0])
            before = set()
            for j, x in enumerate(src):
                if _lemma(x) == head:
                    before.update(src[max(0, j - 2) : j])
            found = {k for k, c in enumerate(group) if before.intersection(c)}
            if found and cls not in found:
                out.append(f"the sentence says {w + ' ' + heads[0]!r} but the cited lines say the opposite of {w!r} of it")
    return out


def rule_dropped_negation(st: State) -> list[str]:
    """"There is some duplication of effort" where the lines say "There is no duplication of effort",
    "If MCO is working" where they say "If MCO is not working": a word the source sentence holding
    the quote negates may not be stated plainly by a sentence with no negation of its own."""
    sent = _plain(st.text)
    toks = [t.lower() for t in _TOKEN.findall(sent)]
    if NEGATION.search(sent) or set(toks) & L.NEGATING_WORDS:
        return []
    said = {_lemma(t) for t in toks if t not in F.STOPWORDS}
    out = []
    for c in st.cited:
        for seg in _SENTENCE_BREAK.split(c.evidence):
            seg = _plain(seg)
            if not _holds(F.squash(seg), F.squash(c.citation.quote)) and F.squash(c.citation.quote) not in F.squash(seg):
                continue
            for m in NEGATION.finditer(seg):
                if m.group(0).lower() in ("without",):
                    continue
                nxt = [t.lower() for t in _TOKEN.findall(seg[m.end() :])[:6]]
                nxt = [t for t in nxt if t not in F.STOPWORDS and len(t) > 2][:2]
                if len(nxt) == 2 and all(_lemma(t) in said for t in nxt):  # "no duplication of effort"
                    out.append(f"the quoted source sentence says {m.group(0) + ' … ' + nxt[0]!r}; the sentence states {nxt[0]!r} without a negation")
    return sorted(set(out))


_PARTICLE_OPPOSITE = {"in": "out", "out": "in", "up": "down", "down": "up", "on": "off", "off": "on"}


def rule_particles(st: State) -> list[str]:
    """"logs everyone in" where the lines say "logs everyone out": a verb keeps its particle."""
    out = []
    sent = re.findall(r"[^\W\d_]+|[.,;:!?]", F.clean(st.text).lower())
    src = re.findall(r"[^\W\d_]+|[.,;:!?]", st.cited_text.lower())
    for i, p in enumerate(sent):
        if p not in _PARTICLE_OPPOSITE or (i + 1 < len(sent) and sent[i + 1].isalpha() and sent[i + 1] not in F.STOPWORDS):
            continue  # a particle ends its phrase; "in the pool" is a preposition
        for t in sent[max(0, i - 3) : i]:
            if not t.isalpha() or t in F.STOPWORDS or t in _PARTICLE_OPPOSITE:
                continue
            after = set()
            for j, x in enumerate(src):
                if _lemma(x) == _lemma(t):
                    after.update(src[j + 1 : j + 4])
            if _PARTICLE_OPPOSITE[p] in after and p not in after:
                out.append(f"the sentence says {t + ' … ' + p!r} where the cited lines say {t + ' … ' + _PARTICLE_OPPOSITE[p]!r}")
    return sorted(set(out))


_ORDER_CLASSES = [{"first", "before", "beforehand", "earlier", "previously", "prior"},
                  {"after", "afterwards", "afterward", "later", "then", "subsequently", "finally", "last"}]
_STEP_BREAK = re.compile(r"[,;:()]|[.!?](?:\s|$)|\b(?:and|but|so|then|when|once|if|because|while)\b", re.IGNORECASE)


def rule_order(st: State) -> list[str]:
    """"do X first" must be about what the lines do first: an order word the lines use goes with the
    same step in the sentence as in the lines ("roll back the code first" when they say "look at the
    migration and reverse it first")."""
    out = []
    text = F.clean(st.text)
    source = F.clean(" ".join(c.evidence for c in st.cited))
    src_steps = [p for p in _STEP_BREAK.split(source) if p]
    for m in re.finditer(r"[^\W\d_]+", text):
        w = m.group(0).lower()
        cls = next((c for c in _ORDER_CLASSES if w in c and w not in ("then", "when")), None)
        if cls is None:
            continue
        parts = [p for p in _STEP_BREAK.split(text[: m.start()]) if p]
        rest = _STEP_BREAK.split(text[m.end() :])
        step = set(F.words((parts[-1] if parts else "") + " " + (rest[0] if rest else "")))
        # a source step with the order word, with the step joined to it ("came back afterwards and docker responded")
        theirs = [p + " " + (src_steps[k + 1] if k + 1 < len(src_steps) else "")
                  for k, p in enumerate(src_steps) if cls.intersection(re.findall(r"[^\W\d_]+", p.lower()))]
        if not step or not theirs:
            continue
        if not any(step & set(F.words(p)) for p in theirs):
            out.append(f"the sentence says {w!r} of a different step than the quoted source sentences do")
    return out


def rule_negative_affix(st: State) -> list[str]:
    """"administrators" where the lines say "non-administrators", "resolved" where they say "unresolved"."""
    out = []
    sent_toks = re.findall(r"[^\W\d_][\w-]*[^\W\d_]", F.clean(st.text).lower())
    src_toks = set(re.findall(r"[^\W\d_][\w-]*[^\W\d_]", st.cited_text.lower()))
    sent_set = set(sent_toks)
    for w in sent_toks:
        if len(w) < 4 or w in src_toks:
            continue
        for p in L.NEGATIVE_PREFIXES:
            if (p + w) in src_toks and (p + w) not in sent_set:
                out.append(f"the sentence says {w!r} where the cited lines say {p + w!r}")
                break
            if w.startswith(p) and len(w) - len(p) >= 4 and w[len(p):] in src_toks and w[len(p):].lstrip("-") not in sent_set:
                out.append(f"the sentence says {w!r} where the cited lines say {w[len(p):]!r}")
                break
    return sorted(set(out))


def rule_quantifiers(st: State) -> list[str]:
    """"every repository" needs "all"/"every" in the lines, "only" needs a restriction there, and
    "some" may not stand for the lines' "all"."""
    out = []
    sent = set(_TOKEN.findall(F.clean(st.text).lower()))
    lines = set(_TOKEN.findall(st.cited_text.lower()))
    evidence = set(_TOKEN.findall(" ".join(F.clean(c.evidence) for c in st.cited).lower()))
    quoted = set(_TOKEN.findall(" ".join(F.clean(c.citation.quote) for c in st.cited).lower()))
    for w in sorted(sent & L.UNIVERSAL - {"any", "both", "each"}):  # "each" distributes ("100 users each")
        if not lines & L.UNIVERSAL and not (lines & {"no", "none", "never", "nobody", "nothing"} and NEGATION.search(st.text)):
            out.append(f"the sentence says {w!r} but the cited lines state no 'all', 'every' or 'each'")
    for w in sorted(sent & L.RESTRICTIVE - {"just", "alone"}):
        if not lines & L.RESTRICTIVE:
            out.append(f"the sentence says {w!r} but the cited lines state no restriction ('only')")
    for w in sorted(sent & L.PARTIAL - quoted):
        if evidence & L.UNIVERSAL - {"any", "both"} and not evidence & L.PARTIAL:
            out.append(f"the sentence says {w!r} where the quoted source sentences say {sorted(evidence & L.UNIVERSAL)[0]!r}")
    return out


_MARKERS = {"to", "from", "than", "instead", "rather", "over", "into", "before", "after", "versus", "vs"}


_ROLE_TOKEN = re.compile(r"[@#]?[^\W_][\w./@-]*[^\W_]|[^\W_]")
_NUMERIC = re.compile(r"^[\d.,:/-]+[a-z]{0,2}$")


@lru_cache(maxsize=65536)
def _role_key(w: str) -> str:
    """A word as roles compare it: common words by lemma, names and jargon whole ("fluentd" is not
    "fluentbit", though both start "fluen")."""
    return w if _rare(w, 0) else _lemma(w)


def _sides(tokens: list[str], i: int) -> tuple[set, set]:
    def keep(w):
        return (w not in F.STOPWORDS or w in L.POLAR_FUNCTION_WORDS) and w not in _MARKERS and len(w) >= 2 \
            and not _NUMERIC.match(w)
    return {_role_key(w) for w in tokens[:i] if keep(w)}, {_role_key(w) for w in tokens[i + 1 :] if keep(w)}


def _subject_swaps(st: State) -> list[str]:
    """"Moment.js improves on …" where the lines say "Luxon provides …, but improves on …": the name
    right before a verb is its subject, and in the lines a verb after a bare "but"/"and" shares the
    subject its sentence opens with."""
    out = []
    raw = re.findall(r"[^\W_][\w.-]*[^\W_]|[^\W_]|[,;]", F.clean(st.text))
    names = {w.lower() for w, _ in st.sentence.names} | {k[1] for k in st.sentence.ids if k[0] == "code"}

    def is_name(tok: str, k: int) -> bool:
        return tok.lower() in names or (k > 0 and tok[:1].isupper()) or (not tok.isalpha() and tok not in ",;")

    for i in range(len(raw) - 1):
        subj, verb = raw[i], raw[i + 1].lower()
        if subj.lower() not in names or not verb.isalpha() or verb in F.STOPWORDS or not raw[i + 1].islower():
            continue
        for c in st.cited:
            for seg in _SENTENCE_BREAK.split(c.evidence):
                src = re.findall(r"[^\W_][\w.-]*[^\W_]|[^\W_]|[,;]", seg)
                spots = [j for j, x in enumerate(src) if x.isalpha() and _lemma(x.lower()) == _lemma(verb)]
                if len(spots) != 1 or spots[0] == 0 or subj.lower() not in {x.lower() for x in src}:
                    continue
                j = spots[0]
                if src[j - 1].lower() in ("but", "and") and not is_name(src[j - 2], j - 2):
                    theirs = next((x for k, x in enumerate(src[:j]) if is_name(x, 1) and x.lower() not in F.STOPWORDS), None)
                elif is_name(src[j - 1], j - 1):
                    theirs = src[j - 1]
                else:
                    continue
                if theirs and theirs.lower() != subj.lower() and not re.search(r"\d", theirs + subj):
                    out.append(f"the sentence makes {subj!r} the one who {verb!r}, the quoted source sentence {theirs!r}")
    return out


def _rare(w: str, margin: float = 0.5) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(w, "en") < RARE_ZIPF + margin


_CLAUSES = re.compile(r",\s*(?:and|but|which|while|whereas)\b|;", re.IGNORECASE)


def rule_roles(st: State) -> list[str]:
    """Who does what to whom: around a word both the sentence and a quoted source sentence use once
    ("successor", "instead", "to"), a word on its left in one and its right in the other, and another
    word crossing the other way, is a swap ("Fluentd is a successor to fluentbit" from "Fluentbit is
    a successor to fluentd"). A passive ("by") on one side only turns sides legitimately."""
    out = []
    raw = _ROLE_TOKEN.findall(F.clean(st.text))
    sent = [w.lower() for w in raw]
    for c in st.cited:
        segs = _SENTENCE_BREAK.split(c.evidence)
        for seg in segs + [p for x in segs for p in _CLAUSES.split(x) if p != x]:
            src = [w.lower() for w in _ROLE_TOKEN.findall(seg)]
            for i, w in enumerate(sent):
                if (w in F.STOPWORDS and w not in _MARKERS) or not w.isalpha():
                    continue
                spots = [j for j, x in enumerate(src) if _lemma(x) == _lemma(w)] if len(w) > 2 else [j for j, x in enumerate(src) if x == w]
                if len(spots) != 1 or sum(_lemma(x) == _lemma(w) for x in sent) != 1:
                    continue
                j = spots[0]
                if ("by" in sent[i + 1 : i + 5]) != ("by" in src[j + 1 : j + 5]):
                    continue
                if src[j + 1 : j + 2] == ["of"] and i and sent[i - 1] in ("was", "were", "is", "are", "be", "been", "being"):
                    continue  # "the file was created" is "the creation of the file": the sides turn
                sl, sr = _sides(sent, i)
                tl, tr = _sides(src, j)
                if w not in _MARKERS:  # a word right beside it modifies it ("credential rotation"), not a role
                    sl.discard(_role_key(sent[i - 1]) if i else "")
                    sr.discard(_role_key(sent[i + 1]) if i + 1 < len(sent) else "")
                left_to_right = (sl & tr) - tl - sr
                right_to_left = (sr & tl) - tr - sl
                if left_to_right and right_to_left:
                    a, b = sorted(left_to_right)[0], sorted(right_to_left)[0]
                    out.append(f"around {w!r} the sentence puts {a!r} and {b!r} on the sides opposite to the quoted source sentence")
                    break
    return sorted(set(out + _subject_swaps(st)))


# ---------------------------------------------------------------------------------------------
# Relations between named things: which number counts which noun, which end of a move a name is,
# which side of a contrast, who does the verb.

_REL_TOKEN = re.compile(r"/[\w./-]*\w|[@#]?[^\W_][\w./@'-]*[^\W_]|[^\W_]|[,;:()]|[.!?](?=\s|$)")
_DETERMINERS = {"the", "a", "an", "our", "their", "its", "this", "that", "these", "those", "about", "some", "around",
                "roughly", "approximately", "nearly", "almost", "over", "under", "just", "only", "both", "all", "each"}


def _rel_tokens(text: str) -> list[str]:
    return [t.rstrip("'") for t in _REL_TOKEN.findall(_plain(text))]


def _number_value(tok: str) -> float | None:
    t = tok.lower().lstrip("~").rstrip("+")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", t):
        return F.to_number(t)
    if t in F.NUMBER_WORDS and t not in ("once", "single", "half"):
        return float(F.NUMBER_WORDS[t])
    return None


def _is_content(t: str) -> bool:
    return t[:1].isalpha() and t.lower() not in F.STOPWORDS and t.lower() not in _DETERMINERS and len(t) >= 3 \
        and t.lower() not in F.NUMBER_WORDS


def _alike(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or bool(_keys(a) & _keys(b)) or _lemma(b) in _SYN.get(_lemma(a), ()) or F.base(a) == F.base(b)


def _counted(tokens: list[str], i: int) -> list[str]:
    """The content words right after the number at tokens[i] ("250 simultaneous users"), up to two,
    stopping at punctuation or a function word."""
    out = []
    for t in tokens[i + 1 : i + 4]:
        if not _is_content(t):
            break
        out.append(t.lower())
        if len(out) == 2:
            break
    return out


def _same_count(mine: list[str], theirs: list[str]) -> bool:
    """"250 simultaneous users" ~ "250 simultaneous users"; "3 managed services" ~ "3 services"; "two
    tutorials launched" ~ "two tutorials": the last words agree, or the first when one phrase runs on."""
    return _alike(mine[-1], theirs[-1]) or (len(mine) != len(theirs) and _alike(mine[0], theirs[0]))


def rule_number_nouns(st: State) -> list[str]:
    """"409 nodes" where the lines say "409 namespaces": a number keeps the noun it counts. A word right
    after a number in the sentence must be a word (or synonym) next to that number in the quoted
    source sentences, when the lines count something there and use the sentence's word for something
    else."""
    sent = _rel_tokens(st.text)
    src_text = " ".join(c.evidence for c in st.cited)
    src = _rel_tokens(src_text)
    lines = _Lines(st.cited_text)
    out = []
    for i, tok in enumerate(sent):
        v = _number_value(tok)
        if v is None or (i + 1 < len(sent) and sent[i + 1] in (":", "%")):
            continue
        nouns = _counted(sent, i)
        if not nouns:
            continue
        spots = [j for j, t in enumerate(src) if _number_value(t) == v]
        theirs = [_counted(src, j) for j in spots]
        if not spots or not all(theirs):
            continue  # the lines give the number bare somewhere: nothing it is bound to
        if any(_same_count(nouns, t) for t in theirs) or not lines.has(nouns[-1]):
            continue  # counts the same thing, or a word the lines lack (other rules judge it)
        out.append(f"the sentence counts {nouns[-1]!r} with {tok!r}; next to {tok!r} the quoted source sentences have "
                   f"{' '.join(theirs[0])!r}")
    return out


_BOUNDS = [("upper", re.compile(r"(?:\bup to|\bmaximum(?: of)?|\bmax|\bat most|\bno more than|\blimit of|\bcap(?:ped)? (?:of|at)|≤|<=)\s*$")),
           ("lower", re.compile(r"(?:\bat least|\bminimum(?: of)?|\bmin|\bno (?:less|fewer) than|≥|>=)\s*$"))]


def _bound_of(tokens: list[str], i: int) -> str | None:
    """Whether the number at tokens[i] is a limit ("up to 15", "the maximum 15") or a count."""
    before = " ".join(t.lower() for t in tokens[max(0, i - 4) : i])
    return next((kind for kind, rx in _BOUNDS if rx.search(before)), None)


def rule_number_bounds(st: State) -> list[str]:
    """"scale up to 12 of the maximum 15 nodes" where the lines use 12 of a maximum 15: a number the
    sentence makes a limit ("up to", "maximum", "at least") must be one in the quoted source sentences
    too, when they state a limit of that kind for another number."""
    sent = _rel_tokens(st.text)
    src = _rel_tokens(" ".join(c.evidence for c in st.cited))
    limits = {(_bound_of(src, j), _number_value(t)) for j, t in enumerate(src) if _number_value(t) is not None}
    out = []
    for i, tok in enumerate(sent):
        v = _number_value(tok)
        kind = _bound_of(sent, i) if v is not None else None
        if kind is None or (kind, v) in limits or not any(v == x for _, x in limits):
            continue
        if any(k == kind for k, _ in limits):
            other = next(x for k, x in sorted(limits, key=str) if k == kind)
            out.append(f"the sentence makes {tok!r} a limit; the quoted source sentences' limit is {other:g}")
    return out


_TO_WORDS = {"to", "into", "onto"}


def _is_thing(t: str) -> bool:
    """A named thing a relation can be about: a capitalised word, a number, an identifier or path."""
    return bool(t) and t not in ",;:().!?" and (t[:1].isupper() or _number_value(t) is not None or not t.replace("-", "").isalpha())


def _ends(tokens: list[str]) -> tuple[set, set]:
    """The named things after "from" (origins) and after "to"/"into" (destinations)."""
    frm, to = set(), set()
    for i, t in enumerate(tokens):
        low = t.lower()
        if low not in _TO_WORDS and low != "from":
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].lower() in _DETERMINERS:
            k += 1
        if k < len(tokens) and _is_thing(tokens[k]):
            key = tokens[k].lower().lstrip("~").rstrip("+")
            (frm if low == "from" else to).add(key)
    return frm, to


def _verb_targets(tokens: list[str]) -> dict[str, tuple[str, list[str]]]:
    """For each lower-case word, the named things after a "to"/"into" that follows it within its
    clause ("reported this to our HackerOne" -> reported: hackerone)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for i, w in enumerate(tokens):
        if not (w.isalpha() and w.islower() and w not in F.STOPWORDS and len(w) >= 3):
            continue
        for k in range(i + 1, min(len(tokens), i + 7)):
            if tokens[k] in ",;:().!?":
                break
            if tokens[k].lower() in _TO_WORDS:
                m = k + 1
                while m < len(tokens) and tokens[m].lower() in _DETERMINERS:
                    m += 1
                if m < len(tokens) and _is_thing(tokens[m]) and _number_value(tokens[m]) is None:
                    out.setdefault(_lemma(w), (w, []))[1].append(tokens[m].lower())
                break
    return out


def rule_direction(st: State) -> list[str]:
    """"migrated from OpenSearch to ElasticSearch" where the lines migrate over to OpenSearch: a named
    thing (name, number, path) the sentence puts after "from" may not be only a destination in the
    quoted source sentences, nor a sentence's destination only their origin."""
    s_from, s_to = _ends(_rel_tokens(st.text))
    mine = _verb_targets(_rel_tokens(st.text))
    said = {t.lower() for t in _rel_tokens(st.text)}
    out = []
    for c in st.cited:
        for seg in _SENTENCE_BREAK.split(c.evidence):
            t_from, t_to = _ends(_rel_tokens(seg))
            for x in sorted(s_from & (t_to - t_from)):
                out.append(f"the sentence moves from {x!r}; the quoted source sentence moves to it")
            for x in sorted(s_to & (t_from - t_to)):
                out.append(f"the sentence moves to {x!r}; the quoted source sentence moves from it")
            theirs = _verb_targets(_rel_tokens(seg))
            for verb, (word, targets) in mine.items():
                other = theirs.get(verb, ("", []))[1]
                if len(targets) == 1 and len(other) == 1 and targets[0] != other[0] and other[0] in said:
                    out.append(f"the sentence has {word + ' … to ' + targets[0]!r}; the quoted source sentence {word + ' … to ' + other[0]!r}")
    return sorted(set(out))


_CONTRAST = re.compile(r"\b(?:rather than|instead of|and not|but not|as opposed to|in place of)\b|,\s*not\b", re.IGNORECASE)


def _contrast_sides(text: str) -> tuple[set, set] | None:
    """(what is said, what is set against it) around "rather than", "instead of", "and not"."""
    m = _CONTRAST.search(_plain(text))
    if not m:
        return None
    before = [t.lower() for t in _rel_tokens(_plain(text)[: m.start()])]
    after = [t.lower() for t in _rel_tokens(_plain(text)[m.end() :])]
    cut = next((k for k, t in enumerate(after) if t in ".;!?"), len(after))
    keep = lambda ts: {_lemma(t) if t.isalpha() else t for t in ts if t not in F.STOPWORDS and t not in ",;:()" and len(t) >= 2}
    return keep(before[-8:]), keep(after[:cut][:8])


def rule_contrast(st: State) -> list[str]:
    """"on /mnt rather than on /" where the lines say "on / and not on /mnt": what a sentence sets
    aside with "rather than", "instead of" or "and not" may not be what the quoted source sentence
    keeps, and the other way round."""
    mine = _contrast_sides(st.text)
    if not mine:
        return []
    kept, dropped = mine
    out = []
    for c in st.cited:
        for seg in _SENTENCE_BREAK.split(c.evidence):
            theirs = _contrast_sides(seg)
            if not theirs:
                continue
            t_kept, t_dropped = theirs
            swapped_in = (kept & t_dropped) - t_kept
            swapped_out = (dropped & t_kept) - t_dropped
            if swapped_in and swapped_out:
                out.append(f"the sentence prefers {min(swapped_in)!r} over {min(swapped_out)!r}; the quoted source sentence the reverse")
    return out


def rule_agent(st: State) -> list[str]:
    """"msw suggests using react-testing-library" where the lines say "react-testing-library suggests
    using this library": for a verb both use once, the named thing right before it in the source (its
    doer) may not stand after it in the sentence when the sentence names someone else before it."""
    sent = _rel_tokens(st.text)
    out = []
    for c in st.cited:
        for seg in _SENTENCE_BREAK.split(c.evidence):
            src = _rel_tokens(seg)
            for i, w in enumerate(sent):
                if not w.isalpha() or not w.islower() or w in F.STOPWORDS or len(w) < 3 or i == 0:
                    continue
                spots = [j for j, x in enumerate(src) if x.isalpha() and x.islower() and _lemma(x) == _lemma(w)]
                if len(spots) != 1 or sum(_lemma(x.lower()) == _lemma(w) for x in sent) != 1 or spots[0] == 0:
                    continue
                j = spots[0]
                doer, mine = src[j - 1], sent[i - 1]
                if not (_is_content(doer) or _is_thing(doer)) or not (_is_content(mine) or _is_thing(mine)):
                    continue
                if doer.lower() == mine.lower() or _number_value(doer) is not None or doer in ",;:()":
                    continue
                if any(x[k - 2 : k - 1] and x[k - 2].lower() in ("by", "to", "from", "with", "of", "the", "a", "an")
                       for x, k in ((src, j), (sent, i))):
                    continue  # "the X annotation", "by Alice": a modifier or an object, not a doer
                after = [x.lower() for x in sent[i + 1 :]]
                before = [x.lower() for x in sent[:i]]
                if doer.lower() in after and doer.lower() not in before and "by" not in after[:4]:
                    out.append(f"the sentence makes {mine!r} the one who {w!r} {doer!r}; in the quoted source sentence {doer!r} {src[j]!r}")
    return sorted(set(out))



# Words that order two things in time or lineage: the newer one on their left ("X succeeds Y", "X is
# a successor to Y", "X replaced Y") or the older one ("X is the predecessor of Y", "X preceded Y").
_NEWER_LEFT = {"successor", "successors", "succeeds", "succeeded", "supersedes", "superseded", "replaces", "replaced",
               "follows", "followed", "replacement"}
_OLDER_LEFT = {"predecessor", "predecessors", "precedes", "preceded"}
_BE = {"is", "are", "was", "were", "be", "been", "being"}


def _lineage(text: str) -> set[tuple[str, str]]:
    """(newer, older) pairs a text states with a lineage word, a passive ("was replaced by") turned."""
    pairs = set()
    for clause in _CLAUSES.split(_plain(text)):
        toks = [t.lower() for t in _rel_tokens(clause) if t not in ",;:()"]
        for i, w in enumerate(toks):
            if w not in _NEWER_LEFT and w not in _OLDER_LEFT:
                continue
            left = next((t for t in reversed(toks[:i]) if t not in F.STOPWORDS and t not in _DETERMINERS and t[:1].isalnum()), None)
            right = next((t for t in toks[i + 1 :] if t not in F.STOPWORDS and t not in _DETERMINERS and t[:1].isalnum()), None)
            if not left or not right:
                continue
            newer_left = w in _NEWER_LEFT
            if i and toks[i - 1] in _BE and toks[i + 1 : i + 2] == ["by"]:
                newer_left = not newer_left  # "fluentd was replaced by fluentbit"
            a, b = _role_key(left), _role_key(right)
            pairs.add((a, b) if newer_left else (b, a))
    return pairs


def rule_lineage(st: State) -> list[str]:
    """"Fluentd succeeds fluentbit" where the lines say "Fluentbit is a successor to fluentd": which of
    two things is the successor, the replacement or the predecessor, read from the lineage word
    and its sides in both, whichever word each uses."""
    mine = _lineage(st.text)
    if not mine:
        return []
    theirs = set().union(*(_lineage(seg) for c in st.cited for seg in _SENTENCE_BREAK.split(c.evidence)))
    return [f"the sentence makes {a!r} the newer of {a!r} and {b!r}; the quoted source sentences make it {b!r}"
            for a, b in sorted(mine) if (b, a) in theirs and (a, b) not in theirs]

RULES: list[tuple[str, Callable[[State], list[str]]]] = [
    ("quote", rule_quotes),
    ("numbers", rule_numbers),
    ("dates", rule_dates_times),
    ("identifiers", rule_identifiers),
    ("names", rule_names),
    ("negation", rule_negation),
    ("status", rule_status),
    ("lists", rule_lists),
    ("substitution", rule_substitution),
    ("rare words", rule_rare_words),
    ("number count", rule_number_count),
    ("name roles", rule_name_roles),
    ("coverage", rule_coverage),
    ("opposites", rule_opposites),
    ("negative affix", rule_negative_affix),
    ("quantifiers", rule_quantifiers),
    ("roles", rule_roles),
    ("number nouns", rule_number_nouns),
    ("number bounds", rule_number_bounds),
    ("direction", rule_direction),
    ("contrast", rule_contrast),
    ("agent", rule_agent),
    ("lineage", rule_lineage),
    ("particles", rule_particles),
    ("dropped negation", rule_dropped_negation),
    ("order", rule_order),
    ("unsupported", rule_unsupported),
]


# ---------------------------------------------------------------------------------------------

_SEGMENT_BREAK = re.compile(r"(?<=[.!?;])\s+|\n(?=\s*(?:[-*+>|#]|\d+[.)])\s)|\n\s*\n")


_BLOCK_BREAK = re.compile(r"\n(?=\s*(?:[-*+>|#]|\d+[.)])\s)|\n\s*\n")
_SENTENCE_BREAK = re.compile(r"(?<!e\.g\.)(?<!i\.e\.)(?<!\bie\.)(?<!\beg\.)(?<!etc\.)(?<!vs\.)(?<=[.!?;])\s+")


def _evidence(lines: list[str], quote: str) -> str:
    """The source sentences that hold the quote, with the lead sentence of their paragraph or list item
    (so "**MongoDB** — rejected. Multi-table transactions …" keeps its subject)."""
    joined = "\n".join(F.clean(x) for x in lines)
    q = F.squash(quote)
    hits = []
    for block in _BLOCK_BREAK.split(joined):
        sentences = [s for s in _SENTENCE_BREAK.split(block or "") if s.strip()]
        chosen = [s for s in sentences if _holds(F.squash(s), q)]
        if chosen and sentences[0] not in chosen:
            chosen.insert(0, sentences[0])
        hits.extend(chosen)
    return " ".join(" ".join(h.split()) for h in hits) or F.squash(joined)


def _holds(seg: str, q: str) -> bool:
    return bool(seg) and (seg in q or q in seg or _overlaps(seg, q))


def _overlaps(seg: str, q: str) -> bool:
    return len(seg) > 8 and (q.startswith(seg[-min(len(seg), 20):]) or q.endswith(seg[: min(len(seg), 20)]) or seg[:20] in q or seg[-20:] in q)


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")


def _context(source: str, lines: list[str], start: int) -> str:
    """What the cited lines are about: the file's name and title and the headings above them, so a
    sentence may call its lines by their document's name ("the culler flood timeline")."""
    parts = [re.sub(r"[\W_]+", " ", Path(source).stem)]
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


def _nearest_heading(lines: list[str], start: int) -> str:
    """The heading the cited lines sit under ("### 4:27" in a timeline): its time or date is theirs."""
    for ln in reversed(lines[:start]):
        m = _HEADING.match(ln)
        if m:
            return m.group(2)
    return ""


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return repr(s if len(s) <= n else s[: n - 1] + "…")


def verify_claim(claim, sources: Sources) -> Verdict:
    """Accept `claim` only when every rule finds its cited lines support it."""
    try:
        text, citations = parse_claim(claim)
    except ClaimError as e:
        return Verdict(False, [str(e)])
    cited, reasons = [], []
    for c in citations:
        try:
            lines = sources.lines(c.source)
        except ClaimError as e:
            reasons.append(str(e))
            continue
        if c.end_line > len(lines):
            reasons.append(f"{c.source} has {len(lines)} lines; lines {c.start_line}-{c.end_line} do not exist")
            continue
        chunk = lines[c.start_line - 1 : c.end_line]
        cited.append(Cited(c, F.squash("\n".join(chunk)), chunk, _evidence(chunk, c.quote), _context(c.source, lines, c.start_line)))
    if reasons:
        return Verdict(False, reasons)
    cited_text = "\n".join(c.text for c in cited)
    evidence = "\n".join(c.evidence for c in cited)
    headings = "\n".join(h for h in (_nearest_heading(sources.lines(c.citation.source), c.citation.start_line) for c in cited) if h)
    st = State(text=text, cited=cited, sentence=F.extract(text), source=F.extract(evidence + "\n" + headings, source=True),
               cited_text=cited_text, evidence_text=F.squash(evidence))
    for _name, rule in RULES:
        reasons.extend(rule(st))
    return Verdict(not reasons, reasons)


def verify_jsonl(root: Path, lines: Iterable[str]):
    """(line number, Verdict) for each non-blank line of a claims JSON Lines file; a line that is not a
    claim gets a rejection saying what is wrong with it, so one bad line spoils nothing else."""
    sources = Sources(root)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            claim = json.loads(line)
            parse_claim(claim)
        except json.JSONDecodeError as e:
            yield n, Verdict(False, [f"line {n} is not JSON ({e.msg} at column {e.colno}); write one claim object per line"])
            continue
        except ClaimError as e:
            yield n, Verdict(False, [f"line {n}: {e}"])
            continue
        yield n, verify_claim(claim, sources)


def verify_claims(root: Path, claims: Iterable) -> list[Verdict]:
    """Verify many claims against the wiki at `root`, reading each raw file once."""
    sources = Sources(root)
    return [verify_claim(c, sources) for c in claims]
