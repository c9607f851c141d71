"""Rules on stated facts: the quote is there; numbers, dates, identifiers, names, negations and status words agree."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import pairwise

from lorebook.translations import DENSE, unaccented
from lorebook.verify import facts as F
from lorebook.verify import lexicon as L
from lorebook.verify.across import clauses, crossed_pairs, unsaid
from lorebook.verify.claims import State
from lorebook.verify.evidence import SEGMENT_BREAK, document_authors, list_size, short_repr
from lorebook.verify.words import (
    FAIL_TO,
    FOREIGN_NEGATION,
    IRREGULAR,
    NEGATION,
    RARE_ZIPF,
    STATUS_GROUPS,
    SYN,
    TOKEN,
    WIKI_WORDS,
    LineWords,
    alike,
    checked_comparisons,
    derived_roots,
    swapped_letters,
    denies,
    lemma_of,
    word_keys,
)


def rule_quotes(st: State) -> list[str]:
    out = []
    for c in st.cited:
        if F.squash(c.citation.quote) not in c.text:
            out.append(
                f"quote {short_repr(c.citation.quote)} is not in {c.citation.source}:"
                f"{c.citation.start_line}-{c.citation.end_line}"
            )
    return out


def _counts_things(text: str, label: str, heading: str = "") -> bool:
    """Whether the number counts a plural noun right after it ('Seven options', 'three monorepo variants') that the
    list's heading names ('Options considered'): 'two additional managed services' does not count a list of
    consequences of which one is a service."""
    m = re.search(rf"(?<![\w.]){re.escape(label)}\s+(?:[^\W\d_][\w-]*\s+){{0,2}}?([^\W\d_]{{3,}}s)\b(?!\s+of\b)", text, re.I)
    return bool(m) and (not heading or bool(set(F.words(m.group(0))) & set(F.words(heading))))


def rule_numbers(st: State) -> list[str]:
    src = st.source
    out = []
    sizes = {list_size(c.file_lines, c.citation.start_line, c.citation.end_line, c.citation.quote) for c in st.cited}
    for n in sorted(st.sentence.numbers):
        if ("n", n) not in st.sentence.labels:
            continue  # part of a duration or quantity: checked with its unit below
        if n in src.numbers:
            continue
        if n >= 2 and n in sizes and _counts_things(st.text, st.sentence.labels[("n", n)], _about(st)):
            continue  # "Three options were considered" citing an item of a three-item list
        if any(abs(n - d) < 1e-9 for d in src.durations) or any(n == q[0] for q in src.quantities):
            continue
        if _rounded_from(st.sentence.labels[("n", n)], n, src.numbers):
            continue  # "1.85 billion" for the lines' "18억 5,270만" (1,852,700,000)
        if n == 1 and not st.sentence.labels[("n", n)][:1].isdigit() and _SINGLE.search(st.cited_text):
            continue  # "a single machine", "one Redis instance" where the lines say "단일 서버", "単一レプリカ", "einzige"
        out.append(f"number {st.sentence.labels.get(('n', n), n)!s} is not in the quoted source sentences")
    # "at 14:10, eight minutes after the 14:02 deploy": a span the sentence's own two times give
    spans = {abs(a - b) * 60 for x in st.sentence.times for y in st.sentence.times if x != y
             for a in x for b in y if abs(a - b) < 720}  # "09:12" may be morning or evening: the nearer reading
    for d in sorted(st.sentence.durations):
        if d in spans:
            continue
        if not any(abs(d - s) <= 1e-6 * max(1, d) for s in src.durations):
            out.append(f"duration {st.sentence.labels[('d', d)]!r} is not in the quoted source sentences")
    for q in sorted(st.sentence.quantities):
        if q not in src.quantities:
            out.append(f"quantity {st.sentence.labels[('q',) + q]!r} is not in the quoted source sentences")
    return out


def _rounded_from(label: str, n: float, theirs: set[float]) -> bool:
    """Whether a large number written with a scale word and three or more significant digits ("1.85 billion",
    "2.49 million") is one of the lines' numbers rounded to as many digits; fewer digits ("1.9 billion") could stand
    for too many numbers to be checked."""
    digits = re.sub(r"\D", "", label.split()[0] if label.split() else "").lstrip("0")
    if n < 1e6 or len(digits) < 3 or not re.search(r"[a-z]", label, re.I):
        return False
    return any(t > 0 and float(f"{t:.{len(digits)}g}") == n for t in theirs)


# One of a thing, as the notes' languages say it without the digit
_SINGLE = re.compile(r"\b(?:single|sole|only one|einzig\w*|einzel\w*|seul\w*|unique|únic[oa]|unic[oa]"
                     r"|один|одна|одно|единствен\w*|jeden|jedna|jedno|één|enige)\b"
                     r"|단일|하나|한 개|한 대|単一|単体|一つ|一台|一個|唯一|单一|单个|單一|單個|一个|一個|一台|一张|一條|一条", re.I)


def _date_ok(cands: tuple, src: F.Facts) -> bool:
    for y, m, d in cands:
        for scands in src.dates:
            for sy, sm, sd in scands:
                if sm != m or (d is not None and sd != d):
                    continue  # a sentence that names only the month ("in February 2026") matches any day of it
                if y is None or sy == y or (sy is None and float(y) in src.numbers):
                    return True
    return False


_DATE_KEY = re.compile(r"^\s*(?:\*\*)?date(?:\*\*)?\s*:\s*(.+)$", re.IGNORECASE)


def _document_date(lines: list[str]) -> str:
    """The date a document gives itself: a 'date:' row of its front matter or header, or the date in its title
    ('# Incident: 2026-08-19 export queue backlog'); every line of it happened then."""
    for ln in lines[:15]:
        m = _DATE_KEY.match(ln)
        if m:
            return m.group(1)
    title = next((ln for ln in lines[:15] if ln.startswith("# ")), "")
    return title


def rule_dates_times(st: State) -> list[str]:
    out = []
    # lines that give no date of their own happened on the document's date; lines that do give theirs (a "2019-01-22"
    # line over the quoted "3:28 PM: bad config uploaded" dates it, not the post-mortem's 2019-01-23 title)
    in_lines = F.extract(" ".join(ln for c in st.cited for ln in c.lines), source=True)
    own = (F.Facts() if st.source.dates else in_lines if in_lines.dates
           else F.extract(" ".join(_document_date(c.file_lines) for c in st.cited), source=True))
    for cands in st.sentence.dates:
        if not _date_ok(cands, st.source) and not _date_ok(cands, own):
            out.append(f"date {st.sentence.labels[cands]!r} is not in the quoted source sentences")
    src_times = {t for c in st.source.times for t in c}
    for cands in st.sentence.times:
        if not src_times.intersection(cands):
            out.append(f"time {st.sentence.labels[cands]!r} is not in the quoted source sentences")
    return out


def _about(st: State) -> str:
    """What the cited lines are about (their document's file name, title and headings), lower-cased:
    a sentence may call its document by name ("the Boskos outage report") without the lines saying it."""
    headings = (ln for c in st.cited for ln in c.lines if re.match(r"^\s{0,3}#{1,6}\s", ln))  # "#### OCP 4.16 and later" inside the range
    return " ".join([*(c.context for c in st.cited), *headings]).lower()


def _code_lines(st: State) -> str:
    """The cited lines inside a fenced code block: the commands a step runs are that step's, whichever line of
    the step the quote is from."""
    out = []
    for c in st.cited:
        fence = False
        for k, ln in enumerate(c.file_lines[: c.citation.end_line], 1):
            if ln.lstrip().startswith(("```", "~~~")):
                fence = not fence
            elif fence and k >= c.citation.start_line:
                out.append(ln)
    return "\n".join(out)


def rule_identifiers(st: State) -> list[str]:
    out = []
    low = st.evidence_text.lower() + "\n" + _about(st) + "\n" + _code_lines(st).lower()
    for v in sorted(st.sentence.versions):
        if v not in st.source.versions and not re.search(rf"(?<![\d.]){re.escape(v)}(?![\d])", st.evidence_text):
            out.append(f"version {st.sentence.labels[('v', v)]!r} is not in the quoted source sentences")
    for key in sorted(st.sentence.ids, key=str):
        if key in st.source.ids:
            continue
        if key[0] == "code" and re.search(rf"(?<![\w-]){re.escape(key[1])}(?![\w-])", low):
            continue  # a whole token or path segment: "db_pass" is not in "db_password"
        if key[0] == "code" and any(swapped_letters(key[1], t) for t in re.findall(r"[\w.-]+", low)):
            continue  # "repo2docker" where the lines misspell it "reop2docker"
        if key[0] == "code" and _compound_said(key[1], low):
            continue  # "mutable-state problems" where the lines say "mutable state": a compound word, written apart
        if key[0] == "#" and f"#{key[1]}" in low:
            continue
        if isinstance(key[1], int) and re.search(rf"\b{re.escape(key[0].lower())}s?\W{{0,2}}0*{key[1]}\b", low):
            continue  # "issue 3401" in ".../issues/3401"
        out.append(f"identifier {st.sentence.labels[key]!r} is not in the quoted source sentences")
    return out


def _compound_said(word: str, low: str) -> bool:
    """An English compound ("crash-looping", "mutable-state") whose parts the lines say side by side, apart or joined."""
    parts = word.lower().split("-")
    if not 2 <= len(parts) <= 3 or not all(p.isalpha() and len(p) >= 3 for p in parts):
        return False
    head, last = parts[:-1], parts[-1]
    tail = re.escape(last[:-3] if last.endswith("ing") and len(last) > 6 else last)  # "crash-looping": "crash loop"
    return bool(re.search(r"(?<![\w-])" + r"[\s-]?".join(map(re.escape, head)) + r"[\s-]?" + tail, low))


def _has_word(word: str, low: str) -> bool:
    w = re.escape(word.lower())
    return bool(re.search(rf"(?<![^\W_]){w}(?:s|es|'s)?(?![^\W_])", low)) or (
        word.lower().endswith("s") and bool(re.search(rf"(?<![^\W_]){w[:-1]}(?![^\W_])", low))
    )


# a particle glued to a Latin name ("API의", "APIの") ends the name
_GLUED_PARTICLE = re.compile(r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])")


def _numeronym(word: str) -> str:
    """'Kubernetes' is written 'k8s': first letter, how many letters between, last letter (i18n, a11y)."""
    return f"{word[0]}{len(word) - 2}{word[-1]}".lower() if len(word) >= 5 and word.isalpha() else "\0"


_ACRONYM = re.compile(r"^([A-Z]{3,6})s?$")  # two letters spell out too many word pairs by chance


def _acronyms(low: str) -> set[str]:
    """The acronyms the text writes ("kms", "sse"), upper-cased."""
    return {m.upper() for m in re.findall(r"(?<![\w-])([a-z]{2,6})s?(?![\w-])", low)}


def _spells_out(word: str, low: str) -> bool:
    """Whether an acronym ("ACLs") is the initials of consecutive words of the text ("access control lists")."""
    m = _ACRONYM.match(word)
    if not m:
        return False
    letters = m.group(1).lower()
    toks = re.findall(r"[^\W\d_]+", low)
    return any("".join(t[0] for t in run) == letters and not any(t in F.STOPWORDS for t in run)
               for run in (toks[i : i + len(letters)] for i in range(len(toks) - len(letters) + 1)))


_CAMEL_PART = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]{2,}|\d+")
# Short names engineers write for a product; the sentence may use either
_ALIASES = {"kubernetes": ("kube", "k8s"), "postgresql": ("postgres",), "postgres": ("postgresql", "pg"),
            "javascript": ("js",), "typescript": ("ts",), "elasticsearch": ("es",), "github": ("gh",)}


def _name_parts(text: str) -> str:
    """The words run together in the names of a text ('KubeAPIErrorBudgetBurn' -> 'kube api error budget burn'), so
    a sentence may name one of them."""
    return " ".join(" ".join(_CAMEL_PART.findall(t)) for t in re.findall(r"\b\w*[a-z][A-Z]\w*", text)).lower()


_KIND_AFTER_NAME = re.compile(r"\s+(?:ADR|ADRs|RFC|Runbook|Playbook|Postmortem|Post-mortem|Incident|Decision|Record)$")


def _written_lowercase(word: str, st: State) -> bool:
    """Whether a cited document uses `word` (or, for "L'incident", its part after the elision) in lower case,
    as an ordinary word of its prose: a sentence's capitalised first word is then that word, not a name."""
    parts = {word.lower(), re.split(r"['’]", word)[-1].lower()}
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(p) for p in parts if len(p) > 1) + r")(?![\w'’-])")
    return any(pattern.search(line) for c in st.cited for line in c.file_lines if "`" not in line)


def rule_names(st: State) -> list[str]:
    out = []
    context = " ".join(c.context for c in st.cited)  # squashed, case kept: the file name's camel-case parts
    low = _GLUED_PARTICLE.sub(" ", st.evidence_text.lower() + "\n" + _about(st)) + "\n" + _name_parts(st.evidence_text + " " + context)
    low += "\n" + " ".join(re.sub(r"[._-]+", " ", h) for h in re.findall(r"@([\w.-]*\w)", low))  # "@li.wei" names Li Wei
    lines = LineWords(low)
    plain_low = unaccented(low)
    first_person = re.search(r"\b(?:I|me|my|myself)\b", st.evidence_text)
    authors = " ".join(document_authors(c.file_lines) for c in st.cited).lower() if first_person else ""
    acronyms = _acronyms(low)
    spelled = {w for run in st.sentence.name_runs if F.initials(run.split()) in acronyms for w in run.split()}
    for word, initial in st.sentence.names:
        if initial and word[1:].islower() and lines.supports(word.lower()):
            continue  # "Developers will have to cope" from "Development will have to cope": a word, not a name
        if initial and word[1:].islower() and _written_lowercase(word, st):
            continue  # "Recovery was done by…", "En uso normal…": the document writes it as a word elsewhere
        if word in spelled or _spells_out(word, low):
            continue  # "ACLs" for the lines' "access control lists", "Key Management Service" for their "KMS"
        name = _GLUED_PARTICLE.split(word)[0]
        if first_person and _has_word(name, authors):
            continue  # "Ee revoked the token" where the lines say "I revoked" and the document names its author Ee
        if not _has_word(name, low) and not _has_word(unaccented(name), plain_low) and not _has_word(_numeronym(word), low) \
                and not any(_has_word(a, low) for a in _ALIASES.get(name.lower(), ())) \
                and not (st.across and st.across.translates(name)):  # "Friday" of lines that say "vendredi"
            out.append(f"name {word!r} is not in the quoted source sentences")
    seen = set()
    for run in st.sentence.name_runs:
        run = _KIND_AFTER_NAME.sub("", run)  # "the Luxon ADR": the record about Luxon, not a name the lines must spell so
        if " " not in run or run in seen or any(not _has_word(w, low) for w in run.split()) or F.initials(run.split()) in acronyms:
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
    if sent_neg and any(FOREIGN_NEGATION.search(F.clean(c.citation.quote)) for c in st.cited):
        sent_neg = None  # the quote it rests on denies in its own language ("ничего не выбрасывал"): no clause to align
    if sent_neg:
        clauses = _close_clauses(st, _clause_of(F.clean(st.text), sent_neg.start()))
        if clauses and not any(denies(c) for c in clauses):
            out.append(f"the sentence says {sent_neg.group(0)!r} but the source says {short_repr(clauses[0])} without a negation")
        elif not any(denies(c.evidence) for c in st.cited) and not denies(_closest_segment(st)):
            out.append(f"the sentence says {sent_neg.group(0)!r} but the quoted source sentences state no negation")
        # every other negation of the sentence is judged by its own clause too ("does not auto-unseal, so … must not
        # be unsealed" where only the first clause's source denies)
        for later in list(NEGATION.finditer(F.clean(st.text)))[1:]:
            if out:
                break
            own = _clause_of(F.clean(st.text), later.start())
            if own == _clause_of(F.clean(st.text), sent_neg.start()):
                continue
            clauses = _close_clauses(st, own) or _close_clauses(st, own, whole=True)
            if clauses and not any(denies(c) for c in clauses):
                out.append(f"the sentence says {later.group(0)!r} but the source says {short_repr(clauses[0])} without a negation")
    if not out:  # "stop taking" drops no negation of "no longer take": a negating word counts as one
        said = len(NEGATION.findall(F.clean(st.text))) + sum(t.lower() in L.NEGATING_WORDS for t in TOKEN.findall(st.text))
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


_RELATIVE = re.compile(r",\s*((?:which|who|whom|whose)\s[^,;.!?]+),(?!\s*(?:and|or|but)\b)", re.IGNORECASE)


def _close_clauses(st: State, clause: str, whole: bool = False) -> list[str]:
    """The source clauses (of the quoted sentences, or with `whole` of all the cited lines) sharing at least
    two content words with `clause`."""
    want = set(F.words(clause))
    found = []
    for c in st.cited:
        text = c.text if whole else c.evidence
        # "Joins, which this workload depends on, are not something it gives us": the relative clause set apart, its
        # subject and verb read as one clause
        asides = [m.group(1) for m in _RELATIVE.finditer(text)]
        text = "; ".join([_RELATIVE.sub(" ", text), *asides])
        for part in _CLAUSE_BREAK.split(text):
            if part and len(want.intersection(F.words(part))) >= 2:
                found.append(part.strip())
    return found


def _closest_segment(st: State) -> str:
    """The cited source sentence sharing the most content words with the claim."""
    want = set(F.words(st.text))
    best, score = "", 0
    for c in st.cited:
        for seg in SEGMENT_BREAK.split("\n".join(F.clean(x) for x in c.lines)):
            n = len(want.intersection(F.words(seg or "")))
            if n > score:
                best, score = seg, n
    return best


def _classes_in(text: str, group) -> set[int]:
    """The classes of `group` whose words `text` holds: as words, or for Chinese, Japanese and Korean (written without
    spaces between words) anywhere in it ("遥测写入采用 …")."""
    low = text.lower()
    toks = set(re.findall(r"[^\W\d_]+", low))
    return {i for i, cls in enumerate(group) if toks.intersection(cls) or any(DENSE.match(w) and w in low for w in cls)}


def _classes_by_form(text: str, group) -> set[int]:
    """The classes whose words the text states in another form ('a lint rule rejects it' states 'rejected', 'we went
    with' states 'chose'); a comparative ('higher', 'lower') is not 'high' or 'low' in another form."""
    keys = {k for t in LineWords(text).tokens for k in word_keys(t) if not t.endswith("er")}  # "**Fix**" states 'fixed'
    return {i for i, cls in enumerate(group) if keys.intersection(k for w in cls if not w.endswith("er") for k in word_keys(w))}


_MODAL_STATUS = re.compile(r"\b(?:should|must|will|would|can|could|may|might|needs?\s+to|has\s+to|have\s+to|to)\s+(?:be|get)\s+[^\W\d_]+", re.IGNORECASE)
SUPPORT_REQUIRED = 5  # the first groups (decision status … enabled/disabled) must be stated, not merely uncontradicted


def rule_status(st: State) -> list[str]:
    out = []
    sent = FAIL_TO.sub("not", F.clean(st.text))
    evidence = " ".join(c.evidence for c in st.cited)
    for gi, group in enumerate(STATUS_GROUPS):
        said = _classes_in(re.sub(rf"\b(?:{'|'.join(checked_comparisons(st)) or '(?!)'})\b", " ", sent, flags=re.IGNORECASE), group)
        for i in said:
            if gi < SUPPORT_REQUIRED and i not in _classes_in(_MODAL_STATUS.sub(" ", sent), group):
                pass  # "should be fixed as soon as possible" says what is to be done, not a state the lines must give
            elif gi < SUPPORT_REQUIRED and i not in _classes_in(st.cited_text, group) | _classes_by_form(st.cited_text, group) \
                    and not (st.across and any(st.across.says(w) for w in group[i][:2])):  # "disabled": "deaktiviert"
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
    words = LineWords(low)
    for m in _LIST_RE.finditer(F.clean(st.text)):
        items = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1))
        for item in items[1:-1] + [items[0].split()[-1] if items[0].split() else "", items[-1].split()[0] if items[-1].split() else ""]:
            item = item.strip(".")
            if item.isalpha() and item.islower() and words.supports(item):
                continue  # "operate, monitor and pay for" where the lines say "run, monitor and pay for": an item in other words
            if st.across and item and st.across.says(item):
                continue
            if item and item.lower() not in F.STOPWORDS and not _has_word(item, low):
                out.append(f"list item {item!r} is not in the quoted source sentences")
    return sorted(set(out))


def rule_rare_words(st: State) -> list[str]:
    """A lower-case word that is rare in English ("flushdb", "perl") must be in the cited lines."""
    from wordfreq import zipf_frequency

    low = st.cited_text.lower() + "\n" + _about(st)
    out = []
    src_bases = {F.base(x) for x in re.findall(r"[^\W\d_]{3,}", low)}
    src_lemmas = {lemma_of(x) for x in re.findall(r"[^\W\d_]{3,}", low)}
    masked = F.clean(st.text)
    for key in st.sentence.ids:  # identifiers were checked by their own rule
        masked = masked.replace(str(st.sentence.labels.get(key, "")), " ")
    for key, label in st.sentence.labels.items():  # "1,500 milliseconds": a duration's unit was checked with its value
        if isinstance(key, tuple) and key[:1] in (("d",), ("q",)):
            masked = masked.replace(str(label), " ")
    for w in re.findall(r"(?<![\w@#/.-])[^\W\d_]{3,}(?![\w@/-])", masked):
        if not w.islower() or w in F.STOPWORDS or w in WIKI_WORDS or _has_word(w, low):
            continue
        if st.across and st.across.says(w):
            continue  # "rerun" where the Chinese lines say "重新运行"
        if F.base(w) in src_bases or _split_compound(w, low):
            continue  # "rollback" where the lines say "roll back"
        if any(lemma_of(r) in src_lemmas for r in derived_roots(w)):
            continue  # "slowness" where the lines say "slow"
        if w.endswith(("ied", "ies")) and F.base(w[:-3] + "y") in src_bases:
            continue  # "retried" where the lines say "retrying"
        if zipf_frequency(w, "en") < RARE_ZIPF:
            out.append(f"the rare word {w!r} is not in the cited lines")
    return out


def _split_compound(w: str, low: str) -> bool:
    """"rollback" where the lines say "rolled back": the two words side by side in the lines."""
    toks = TOKEN.findall(low)
    for a, b in pairwise(toks):
        for k in range(3, len(w) - 1):
            if word_keys(w[:k]) & word_keys(a) and (w[k:] == b or word_keys(w[k:]) & word_keys(b)):
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
        k = i
        while k > 0 and tokens[k - 1][:1].isupper() and tokens[k - 1].isalpha():
            k -= 1  # "the Prometheus Operator logs": the article before the whole name
        prev = tokens[k - 1].lower() if k > 0 else ""
        if not nxt.isalpha() or not nxt.islower() or nxt in F.STOPWORDS or prev in (
                "the", "a", "an", "our", "their", "its", "of", "all", "every", "each", "some", "any", "many", "most"):
            return None  # "all Homebrew maintainers": the name qualifies a noun, it does nothing
        return nxt.lower()

    initial = {w for w, first in st.sentence.names if first and w[1:].islower()}
    for i, tok in enumerate(sent):
        if tok not in names or (said := role(sent, i)) is None:
            continue
        if tok in initial and i == 0 and LineWords(st.cited_text).supports(tok.lower()):
            continue  # "Customers access …": a common word that starts the sentence, not a name with a role
        spots = [j for j, w in enumerate(src) if w.lower() == tok.lower()]
        roles = [role(src, j) for j in spots]
        if roles and all(r is not None for r in roles):
            following = set()
            for j in spots:
                for w in src[j + 1 : j + 14]:
                    if w in ".!?;":
                        break
                    following.add(w.lower())
            if not any(alike(said, w) for w in following):
                out.append(f"the sentence says {tok!r} {sent[i + 1]!r}, which the quoted source sentences do not")
    return out


def _same_word(q: str, w: str, sentence: list[str] = ()) -> bool:
    """Inflections, irregular forms, words of one status class ('most'/'maximum'), a suffix glued on
    (Korean particles), an abbreviation ('db'), or a quote word the sentence uses elsewhere."""
    if F.base(q) == F.base(w) or IRREGULAR.get(q, q) == IRREGULAR.get(w, w) or q in sentence:
        return True
    if any(q in cls and w in cls for group in STATUS_GROUPS + L.OPPOSITES for cls in group):
        return True
    if lemma_of(w) in SYN.get(lemma_of(q), ()) or any(k in SYN.get(j, ()) for j in word_keys(q) for k in word_keys(w)):
        return True  # a superlative by its adjective: 'quickest' for 'fastest'
    if q.startswith(w) or w.startswith(q):
        return True
    short, long_ = sorted((q, w), key=len)
    return len(short) <= 3 and short[0] == long_[0] and _subsequence(short, long_)


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


_OBLIGED = {"need", "needs", "needed", "have", "has", "had"}


def _obligation(tokens: list[str]) -> list[str]:
    """'has to be maintained' says what 'needs to be maintained' says: both read as 'need to'."""
    return ["need" if t in _OBLIGED and tokens[i + 1 : i + 2] == ["to"] else t for i, t in enumerate(tokens)]


def rule_substitution(st: State) -> list[str]:
    """A sentence that copies its quote but swaps one word ('local NPM package' for 'global NPM
    package', 'container image storage' for 'container ephemeral storage') says something else."""
    from difflib import SequenceMatcher

    if st.across:
        return []  # an English sentence does not copy a quote in another language
    out = []
    sent = _obligation(re.findall(r"[^\W_]+(?:_[^\W_]+)*", F.clean(st.text).lower()))  # db_admin is one token
    for c in st.cited:
        quote = _obligation(re.findall(r"[^\W_]+(?:_[^\W_]+)*", F.clean(c.citation.quote).lower()))
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
            if op == "replace" and a2 - a1 == 1 and b2 - b1 > 2 and (a1 == 0 or a2 == len(quote)):
                # the quote's first (or last) word swapped, the sentence's own words before (after) it: the word
                # touching the copied rest is the one in its place ('… that ALBs are deprecated' for 'ELBs are deprecated')
                # judged only between two names written as names (ELBs/ALBs, not Replace/classic)
                q, w = quote[a1], sent[b2 - 1] if a1 == 0 else sent[b1]
                if q.isalpha() and w.isalpha() and q != w and q not in sent and _acronym_like(q, c.citation.quote) \
                        and _acronym_like(w, st.text):
                    out.append(f"the sentence copies the quote but says {w!r} where it says {q!r}")
                continue
            if op != "replace" or a2 - a1 != 1 or b2 - b1 not in (1, 2) or a1 == 0 and b1 == 0:
                continue
            q, w = quote[a1], sent[b1]
            if b2 - b1 == 2:  # one word for two: 'namespaces' -> 'node pools'
                if q.isdigit() and any(F.NUMBER_WORDS.get(x) == int(q) for x in sent[b1:b2]):
                    continue  # '3' written as a word beside a verb: 'Find = 3 replicas' -> 'Find runs three replicas'
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


def _acronym_like(low: str, text: str) -> bool:
    """Whether a token is written as a name in `text`: capitals past its first letter (ELBs, GitHub) or a digit."""
    m = re.search(rf"(?<![^\W_]){re.escape(low)}(?![^\W_])", F.clean(text), re.IGNORECASE)
    return bool(m) and (any(ch.isupper() for ch in m.group(0)[1:]) or any(ch.isdigit() for ch in m.group(0)))


COVERAGE_MIN = 0.5
# Across languages the term table and cognates find fewer of a true sentence's words than the lines' own language would
COVERAGE_ACROSS_MIN = 0.4
# Lines in Chinese, Japanese or Korean: a sentence of this many content words or more must share at least one with
# them, or a fact ("race conditions are ruled out at the design level" citing "Conn（物理）と Session（論理）の責務分離が明確"
# shares none). Not Russian and the like: their inflections hide the term table's forms ("попыток" for "попытки").
UNSAID_ACROSS_WORDS = 3


def rule_coverage(st: State) -> list[str]:
    """Most content words of the sentence must be in the cited lines (skipped across scripts: a
    sentence in English about a Korean source shares no words with it)."""
    if st.across:
        return _coverage_across(st)
    light = set(F.words(" ".join(L.LIGHT_WORDS)))  # "the decision", "makes": words that claim nothing of their own
    sent = [w for w in F.words(st.text) if w not in light]
    letters = [ch for ch in st.cited_text if ch.isalpha()]
    if not sent or sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return []
    have = set(F.words(st.cited_text + " " + " ".join(c.context for c in st.cited)))
    missing = [w for w in sent if w not in have]
    if 1 - len(missing) / len(sent) < COVERAGE_MIN:
        return [f"most of the sentence's words are not in the cited lines (missing: {', '.join(missing[:6])})"]
    return []


_COUNTED = set(F.NUMBER_WORDS) | set(F.DURATION_UNITS) | {"times", "percent"}  # checked with their values by rule_numbers


def _content_words(text: str) -> list[str]:
    """The words of `text` that claim something: three letters or more, no stop word, no word of the wiki's own."""
    return [w for w in re.findall(r"[^\W\d_]{3,}", F.clean(text)) if w.lower() not in F.STOPWORDS and w.lower() not in L.LIGHT_WORDS]


def _names_facts(st: State) -> bool:
    """Whether the sentence states a number, date, identifier or name (not just its first word): those are checked
    against the lines by their own rules, and a sentence that shares them shares something."""
    return bool(st.sentence.labels) or any(not initial for _, initial in st.sentence.names)


def _coverage_across(st: State) -> list[str]:
    """An English sentence about lines in another language: most of its content words must be said there, as
    written, in the term table's forms or as cognates (a true sentence citing the wrong lines shares few). Lines in
    another script (Chinese, Korean, Russian) are held to their facts: the table knows too few of their words for a
    share to mean much; but one in Chinese, Japanese or Korean must share one word or fact, as one that shares
    nothing is about other lines. In both, two parts of the sentence may not exchange what the lines keep apart."""
    words = [w for w in _content_words(st.text) if w.lower() not in _COUNTED]
    missing = unsaid(words, st.across)
    letters = [ch for ch in st.cited_text if ch.isalpha()]
    latin = sum(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in letters) >= 0.5 * len(letters)
    if latin and words and 1 - len(missing) / len(words) < COVERAGE_ACROSS_MIN:
        return [f"most of the sentence's words are not said in the cited lines' language (missing: {', '.join(missing[:6])})"]
    if (len(words) >= UNSAID_ACROSS_WORDS and len(missing) == len(words) and not _names_facts(st)
            and len(DENSE.findall(st.cited_text)) >= 0.5 * len(letters)):  # Chinese, Japanese, Korean: no inflection hides a form
        return [f"none of the sentence's words is said in the cited lines, as written or in their language "
                f"(missing: {', '.join(missing[:6])})"]
    crossed = crossed_pairs([_content_words(c) for c in clauses(st.text)], st.cited_lines)
    if crossed:
        return [f"the sentence pairs {crossed[0]!r} and {crossed[1]!r} with parts of the cited lines that keep them apart"]
    return []
