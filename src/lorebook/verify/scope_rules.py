"""Rules on how far a word reaches (round 12): a negation written in another language or in another cited
sentence or clause, how often, must/may, no/all, a step's place in its list, a time's own timeline row, a
number's own clause, the attributes that belong to one named thing, and a name of what the lines are about
put in place of one they give.

Each catches a sentence whose words all appear in its lines (or, across scripts, whose facts all do)
but which ties one of them to the wrong thing or drops what the lines deny.
"""

from __future__ import annotations

import re

from lorebook.translations import DENSE
from lorebook.verify import facts as F
from lorebook.verify import lexicon as L
from lorebook.verify.across import Passage
from lorebook.verify.claims import State
from lorebook.verify.evidence import SENTENCE_BREAK, holds, restating_pairs, short_repr
from lorebook.verify.words import FOREIGN_NEGATION, NEGATION, TOKEN, LineWords, frequencies, lemma_of, plain, swapped_letters

_BLOCK_BREAK = re.compile(r"\n(?=\s*(?:[-*+>|#]|\d+[.)])\s)|\n\s*\n")

# --- a negation written in another language: the quote denies, the sentence must too

# The ways an English sentence denies without "not": a word built on un-/non-/-less, zero, "instead".
_SOFT_NEGATION = re.compile(r"\b(?:un|non-?)[a-z]{4,}|\b[a-z]{3,}less\b|\bzero\b|\bnone\b", re.IGNORECASE)


def _soft_negation(text: str) -> bool:
    """'unlimited', 'non-blocking', 'endless', 'zero': but not 'unique' or 'understand' (what follows 'un' must be
    an English word of its own)."""
    from wordfreq import zipf_frequency

    for m in _SOFT_NEGATION.finditer(text):
        w = m.group(0).lower()
        if w.startswith(("un", "non")):
            rest = w[3:].lstrip("-") if w.startswith("non") else w[2:]
            if zipf_frequency(rest, "en") < 3.0:
                continue
        return True
    return False


def _denies(text: str) -> bool:
    t = plain(text)
    return bool(NEGATION.search(t) or FOREIGN_NEGATION.search(text) or _soft_negation(t)
                or {w.lower() for w in TOKEN.findall(t)} & L.NEGATING_WORDS)


def rule_foreign_negation(st: State) -> list[str]:
    """A quote that denies in another language ("Сервер ничего не выбрасывал", "不再为 statix 本地编译")
    backs no sentence that denies nothing ("the server dropped frames"); and a sentence in the quote's own
    script may not copy the quote with its negation taken out ("根因是 …" from "根因不是 …")."""
    out = []
    for c in st.cited:
        quote = F.squash(c.citation.quote)
        at = c.text.find(quote)
        lead = c.text[max(0, at - 24) : at] if at > 0 else ""  # "**NUNCA** realizar …" quoted from "realizar"
        lead = re.split(r"[.!?;:,。，、；：]", lead)[-1]  # only the quote's own clause
        neg = FOREIGN_NEGATION.search(quote) or FOREIGN_NEGATION.search(lead)
        if not neg:
            continue
        if not _denies(st.text):
            out.append(f"the quote denies ({neg.group(0)!r}) but the sentence states no negation")
            continue
        said = F.squash(st.text)
        if quote in said:
            continue
        for m in FOREIGN_NEGATION.finditer(quote):
            if not DENSE.match(m.group(0)):
                continue
            left, right = quote[max(0, m.start() - 3) : m.start()], quote[m.end() : m.end() + 3]
            if len(left.strip()) >= 2 and len(right.strip()) >= 1 and left + right in said and left + m.group(0) not in said:
                out.append(f"the sentence copies the quote without its negation: {left + right!r} for {left + m.group(0) + right!r}")
                break
    return out


# A clause of lines written in another language: between the marks that end one in any script.
_FOREIGN_CLAUSE_BREAK = re.compile(r"[。．！？!?;；、，,|\n（()）]|\.\s")


def rule_denied_across(st: State) -> list[str]:
    """An English sentence that states, with no negation, what a clause of its lines in another language denies:
    "the container is restarted" from "失敗したら流入を止めるだけで、再起動はしない" (the clause that holds the
    term table's form of "restarted" says it is not). Across scripts the quote may sit in another clause of the
    line, so every clause of the cited lines is read, not the quote's alone."""
    if not st.across:
        return []
    content = set()
    for part in _SENTENCE_CLAUSES.split(F.clean(st.text)):
        plain_part = plain(part)  # "fails", "stops" deny in _denies' sense, but state nothing the lines deny
        if NEGATION.search(plain_part):
            continue
        # "the unfinished work resumed": an un- word denies itself, not the clause's verb
        own = {m.group(0).lower() for m in _SOFT_NEGATION.finditer(plain_part) if _soft_negation(m.group(0))}
        content |= {w for w in TOKEN.findall(part.lower()) if len(w) >= 4 and w not in F.STOPWORDS and w not in own}
    for line in (ln for c in st.cited for ln in c.lines):
        for clause in _FOREIGN_CLAUSE_BREAK.split(line):
            for neg in FOREIGN_NEGATION.finditer(clause):
                near = Passage(_beside(clause, neg))
                said = sorted(w for w in content if near.translates(w))
                if said:
                    return [f"the sentence says {said[0]!r} with no negation; the cited lines deny it ({neg.group(0)!r} in "
                            f"{short_repr(clause.strip())})"]
    return []


# The clauses of an English sentence, each judged on its own negation: "The batch had stopped, which is why monitoring
# did not notice" denies the noticing, not the stopping.
_SENTENCE_CLAUSES = re.compile(r",\s+(?:which|so|and|but|while|whereas|because|since)\b|;\s+|\s+(?:but|whereas|while|so)\s+", re.I)


_DENIES_WHAT_FOLLOWS = set("不没沒未无無非别別")  # Chinese negations stand before their verb; Japanese and Korean ones after it


def _beside(clause: str, neg: re.Match) -> str:
    """What a negation denies: the few characters before a CJK particle written after its verb ("再起動はしない",
    "전파되지 않") or after one written before it ("不支持"); three words either side of a Latin-script one."""
    if DENSE.match(neg.group(0)):
        if neg.group(0)[0] in _DENIES_WHAT_FOLLOWS:  # "不固定": what comes after; "遥测字段" before it is its subject
            return clause[neg.end() : neg.end() + 4]
        return clause[max(0, neg.start() - 6) : neg.start()]
    before = clause[: neg.start()].split()[-3:]
    after = clause[neg.end() :].split()[:3]
    return " ".join(before + after)


# --- how often: "weekly" is a fact like a time of day, not a neutral word

def rule_frequency(st: State) -> list[str]:
    """'audited weekly' where the lines say 'audit monthly': how often something happens must be the lines' own."""
    said = frequencies(F.clean(st.text))
    if not said:
        return []
    theirs = frequencies("\n".join(ln for c in st.cited for ln in c.lines)) | frequencies(" ".join(c.context for c in st.cited))
    out = []
    for w in sorted(said - theirs):
        out.append(f"the sentence says {w!r} but the cited lines say {', '.join(sorted(theirs))!r}" if theirs
                   else f"the sentence says {w!r} but the cited lines say nothing of how often")
    return out


# --- what another sentence of the cited lines denies

_NEGATED_WORD = re.compile(r"\b(?:not|never|no)\s+(?:be\s+|been\s+|being\s+|longer\s+|yet\s+)?([^\W\d_]{3,})", re.IGNORECASE)


def _sentences(st: State) -> list[str]:
    return [s for c in st.cited for block in _BLOCK_BREAK.split("\n".join(F.clean(x) for x in c.lines))
            for s in SENTENCE_BREAK.split(block or "") if s.strip()]


def rule_denied_elsewhere(st: State) -> list[str]:
    """'PIM is required in the development subscription' where the quoted sentence is about the test and
    production subscriptions and the next sentence of the cited lines says 'PIM is not required in the
    development subscription': a sentence with no negation may not state what another cited sentence
    denies, when it takes that sentence's own words (ones the quoted sentence does not have)."""
    if _denies(st.text):
        return []
    unquoted = re.sub(r"'[^']{3,}'|\"[^\"]{3,}\"|`[^`]+`", " ", F.clean(st.text))  # a message quoted verbatim claims nothing
    said = {lemma_of(t.lower()) for t in TOKEN.findall(plain(unquoted)) if t.lower() not in F.STOPWORDS and len(t) > 2}
    quoted = set(F.words(" ".join(seg for c in st.cited for seg in SENTENCE_BREAK.split(c.evidence)
                                  if holds(F.squash(seg), F.squash(c.citation.quote)))))
    out = []
    for seg in _sentences(st):
        seg = plain(seg)
        for m in _NEGATED_WORD.finditer(seg):
            verb = m.group(1).lower()
            if verb in F.STOPWORDS or lemma_of(verb) not in said:
                continue
            others = {w for w in F.words(seg) if w != lemma_of(verb)}
            own = (others - quoted) & said  # words of the denying sentence that the quoted one lacks
            if own and len(others & said) >= 2:
                out.append(f"a cited sentence says {m.group(0)!r} of {', '.join(sorted(own))!r}; the sentence states it without a negation")
    return sorted(set(out))


_SOURCE_CLAUSE = re.compile(r"[,;:]\s*|\s+(?:but|while|whereas|so|and)\s+", re.IGNORECASE)
_HYPHENATED = re.compile(r"[^\W\d_][\w-]*[^\W\d_]|[^\W\d_]")


def rule_restated_negation(st: State) -> list[str]:
    """'…, but data was lost' where a cited sentence says 'No data was lost': a clause of the sentence that
    restates a clause of the cited lines, quoted or not, and says the word that clause negates keeps the negation."""
    clauses = [part for seg in _sentences(st) for part in _SOURCE_CLAUSE.split(plain(seg)) if part and part.strip()]
    out = []
    for clause, source in restating_pairs(clauses, F.clean(st.text)):
        if _denies(clause) or re.search(r"\b(?:not|no|never)\b|n't\b", clause, re.IGNORECASE):
            continue  # "a cron job or not scheduling it": a negation the pattern for denials passes over
        said = {lemma_of(t.lower()) for t in _HYPHENATED.findall(clause) if t.lower() not in F.STOPWORDS}
        for m in NEGATION.finditer(source):
            negated = [t.lower() for t in _HYPHENATED.findall(source[m.end():])[:4] if t.lower() not in F.STOPWORDS and len(t) > 2][:1]
            if negated and lemma_of(negated[0]) in said:
                out.append(f"the clause {short_repr(clause.strip())} restates {short_repr(source)} without its negation")
                break
    return out


# --- "still" what the lines say is "no longer" done

_STILL = re.compile(r"\b(?:still|continues?\s+to|continued\s+to|keeps?\s+on|remains?)\b", re.IGNORECASE)
_CEASED = re.compile(r"\b(?:no\s+longer|not\s+any\s?more|no\s+more|stopped|ceased|quit)\b", re.IGNORECASE)


def rule_still(st: State) -> list[str]:
    """'builds still publish to a public registry' where the lines say 'builds no longer utilize a public
    registry': what has stopped is not still done, whatever verb the sentence uses for it."""
    if not _STILL.search(st.text) or NEGATION.search(plain(st.text).replace("no longer", "")):
        return []
    said = {lemma_of(t.lower()) for t in TOKEN.findall(F.clean(st.text)) if t.lower() not in F.STOPWORDS and len(t) > 2}
    out = []
    for m in _CEASED.finditer(F.clean(st.evidence_text)):
        after = [t.lower() for t in TOKEN.findall(st.evidence_text[m.end():])[:8]]
        hit = {t for t in after if t not in F.STOPWORDS and len(t) > 2 and lemma_of(t) in said}
        if len(hit) >= 2:
            out.append(f"the sentence says it is still done; the quoted source sentence says {m.group(0)!r} {', '.join(sorted(hit))!r}")
    return out


# --- a step's place in its list: "the last step" is the list's last item; "A before B" keeps the list's order

_ITEM = re.compile(r"^(\s*)(?:>\s*)?(?:\d+[.)]|[-*+])\s+(?:\[[ xX]\]\s+)?(.*)$")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s")


def list_items(lines: list[str], start: int, end: int) -> tuple[list[tuple[int, str]], int]:
    """The items (line number, text) of the list the cited lines start in, and the index of the item
    holding the start line; ([], -1) when the lines are not in a list. Sub-items, continuation lines and
    indented code blocks belong to their item; a heading or an unindented paragraph ends the list."""
    i = start - 1
    if 0 <= i < len(lines) and lines[i].strip() and not lines[i][:1].isspace() and not _ITEM.match(lines[i]):
        return [], -1  # an unindented paragraph line is not inside a list
    while i >= 0 and not _ITEM.match(lines[i]):
        if _HEADING_LINE.match(lines[i]) or (lines[i].strip() and not lines[i][:1].isspace() and i < start - 1):
            return [], -1
        i -= 1
    if i < 0:
        return [], -1
    indent = len(_ITEM.match(lines[i]).group(1))

    def walk(k: int, step: int) -> list[tuple[int, str]]:
        found = []
        while 0 <= k < len(lines):
            ln = lines[k]
            m = _ITEM.match(ln)
            if _HEADING_LINE.match(ln):
                break
            if m and len(m.group(1)) == indent:
                found.append((k + 1, m.group(2)))
            elif m and len(m.group(1)) < indent:
                break
            elif ln.strip() and not m and len(ln) - len(ln.lstrip()) <= indent:
                break  # a paragraph outside the list
            k += step
        return found

    before = walk(i - 1, -1)[::-1]
    here = (i + 1, _ITEM.match(lines[i]).group(2))
    return before + [here] + walk(i + 1, 1), len(before)


_LAST_STEP = re.compile(r"\b(?:(?:the\s+)?(?:last|final)\s+(?:step|item|action|thing|task|point)|lastly|finally|ends?\s+(?:with|by))\b", re.I)
_FIRST_STEP = re.compile(r"\b(?:(?:the\s+)?first\s+(?:step|item|action|thing|task|point)|begins?\s+(?:with|by)|starts?\s+(?:with|by)|firstly)\b", re.I)


# more ways a sentence orders two steps: "A, then B", "A, followed by B", "A, before B"
_LIST_ORDER = [
    (re.compile(r"([^.;]+?),?\s+(?:and\s+)?then\s+([^.;]+)", re.IGNORECASE), False),
    (re.compile(r"([^.;]+?),?\s+followed\s+by\s+([^.;]+)", re.IGNORECASE), False),
    (re.compile(r"([^.;]+?),\s*(?:just\s+|shortly\s+|well\s+|only\s+)?before\s+([^,.;]+)", re.IGNORECASE), False),
]


_POSITION_WORD = {"first": 0, "firstly": 0, "begin": 0, "begins": 0, "start": 0, "starts": 0,
                  "last": -1, "lastly": -1, "final": -1, "finally": -1, "end": -1, "ends": -1}


def _place_word(m: re.Match) -> str:
    return next(w for w in TOKEN.findall(m.group(0).lower()) if w in _POSITION_WORD)


def position_words(st: State) -> set[str]:
    """The words placing a step first or last ("begins with", "the last step", "finally") that the list the
    quoted item stands in bears out: the item is that list's first or last (and so is each item it is a
    sub-item of). Read from the list, so no line need say "begins"."""
    said = {w.lower() for w in TOKEN.findall(st.text)} & set(_POSITION_WORD)
    if not said or not (_LAST_STEP.search(st.text) or _FIRST_STEP.search(st.text)):
        return set()
    out = set()
    for c in st.cited:
        if not c.file_lines:
            continue
        head = F.squash(c.citation.quote)[:20].lower()
        qline = next((c.citation.start_line + k for k, ln in enumerate(c.lines) if head and head in F.squash(ln).lower()), None)
        if qline is None:
            continue
        for w in said:
            if _holds_position(c.file_lines, qline, _POSITION_WORD[w]):
                out.add(w)
    return out


def _holds_position(lines: list[str], line: int, where: int) -> bool:
    """Whether the list item at `line` is the first (where=0) or last (-1) of its list, and its parents too."""
    items, at = list_items(lines, line, line)
    if len(items) < 2 or at != (0 if where == 0 else len(items) - 1):
        return False
    indent = len(_ITEM.match(lines[items[at][0] - 1]).group(1))
    if indent == 0:
        return True
    parent = next((k for k in range(items[0][0] - 2, -1, -1)
                   if (m := _ITEM.match(lines[k])) and len(m.group(1)) < indent), None)
    return parent is None or _holds_position(lines, parent + 1, where)


def _best_item(words: set[str], items: list[tuple[int, str]]) -> int | None:
    scores = [len(words & set(F.words(t))) for _, t in items]
    best = max(scores, default=0)
    return scores.index(best) if best >= 1 and scores.count(best) == 1 else None


def rule_list_steps(st: State) -> list[str]:
    """'The last step is to find the pod' citing item 1 of a six-step list; 'networking is reconfigured
    before the old cluster is switched to read-only' where the list switches it first: a sentence about a
    step's place in a list must agree with the list, whether or not the other step is in the cited lines."""
    from lorebook.verify.binding_rules import CLAIM_ORDER, order_pairs

    out = []
    for c in st.cited:
        if not c.file_lines:
            continue
        items, at = list_items(c.file_lines, c.citation.start_line, c.citation.end_line)
        if len(items) < 2:
            continue
        own = {lemma_of(w.lower()) for w in TOKEN.findall(c.text)}  # "start adopting … by": the item's own word, not a place
        last, first = _LAST_STEP.search(st.text), _FIRST_STEP.search(st.text)
        last = last and lemma_of(_place_word(last)) not in own
        first = first and lemma_of(_place_word(first)) not in own
        if last and at < len(items) - 1 and items[-1][0] > c.citation.end_line:
            out.append(f"the sentence says the last step; the cited lines are item {at + 1} of a list of {len(items)}")
        if first and at > 0:
            out.append(f"the sentence says the first step; the cited lines are item {at + 1} of their list")
        text = F.clean(st.text)
        if re.match(r"\s*(?:if|when|whenever|unless)\b", text, re.IGNORECASE):
            text = re.sub(r"^[^,]*,", "", text)  # "If A, then B" states a condition, not an order
        for a, b in order_pairs(text, CLAIM_ORDER + _LIST_ORDER):
            ia, ib = _best_item(a, items), _best_item(b, items)
            if ia is not None and ib is not None and ia > ib:
                out.append(f"the sentence puts {items[ia][1][:40]!r} before {items[ib][1][:40]!r}; the list has them the other way round")
    return sorted(set(out))


# --- a time keeps its own timeline row

_TIME_CLAUSE = re.compile(r"[,;。，、]|\b(?:before|after|while|then|until|and|but|when|once)\b", re.IGNORECASE)


def _row_words(text: str) -> set[str]:
    """Content words of a row or clause: English stems, and other scripts' words whole (Korean 어절)."""
    clean = F.clean(text)
    return set(F.words(clean)) | {w for w in re.findall(r"[^\W\d_]{2,}", clean) if not w.isascii()}


def rule_time_rows(st: State) -> list[str]:
    """'The service recovered at 14:47' where the timeline says '14:47 — Rollback triggered. 14:55 — Service
    recovered.': the event a sentence gives a time must be the one on that time's row, not a neighbour's."""
    rows = []  # (the row's time, its words, the people it names, its text)
    for c in st.cited:
        for block in _BLOCK_BREAK.split("\n".join(c.lines)):  # "- 2025-04-14 18:33 UTC\n    Hot fix is merged." is one row
            if len(F.extract(block, source=True).times) != 1:
                block = block.split("\n")
            for ln in [block] if isinstance(block, str) else block:
                times = F.extract(ln, source=True).times
                if len(times) == 1:
                    rows.append((set(next(iter(times))), _row_words(ln), _row_names(ln), ln))
    if len({frozenset(t) for t, _w, _n, _l in rows}) < 2:
        return []
    across = _time_rows_across(st, rows) if st.across else []
    rows = [(t, w, n) for t, w, n, _l in rows]
    seen: dict[str, int] = {}
    for _t, w, _n in rows:
        for x in w:
            seen[x] = seen.get(x, 0) + 1
    out = []
    for clause in _TIME_CLAUSE.split(F.clean(st.text)):
        times = F.extract(clause).times
        if len(times) != 1:
            continue
        cands = set(next(iter(times)))
        words = _row_words(clause)
        own = [len(words & w) for t, w, _n in rows if t & cands]
        other = [len(words & w) for t, w, _n in rows if not t & cands]
        # a word only one row has ("merged", "deployed") names that row's event
        own_mark = any(words & {x for x in w if seen[x] == 1} for t, w, _n in rows if t & cands)
        other_mark = any(words & {x for x in w if seen[x] == 1} for t, w, _n in rows if not t & cands)
        if own and other and (max(other) >= max(own) + 2 or other_mark and not own_mark):
            out.append(f"the sentence gives {F.squash(clause).strip()!r} the time of another row of the cited timeline")
            continue
        # "At 07:37 @Katharine found the cause" where 07:37's row names @liggitt and Katharine is on 07:16's row
        own_names = set().union(*(n for t, _w, n in rows if t & cands))
        other_names = set().union(*(n for t, _w, n in rows if not t & cands))
        mine = _row_names(clause)
        swapped = (mine & other_names) - own_names
        if swapped and own_names - mine:
            out.append(f"the sentence puts {sorted(swapped)[0]!r} at the time of a row that names {sorted(own_names - mine)[0]!r}")
    return out + [x for x in across if x not in out]


ACROSS_ROW_WORDS = 2  # words of a clause another row says, where its own time's row says none of them


def _time_rows_across(st: State, rows: list) -> list[str]:
    """rule_time_rows for an English sentence about a timeline in another language ("20:31 — 마이그레이션을 중단했다",
    "20:35 — 결제 응답 시간이 정상으로 돌아왔다"): a clause whose words the term table finds only on another time's
    row ("payment … returned to normal at 20:31") gives that event the wrong time."""
    out = []
    passages = [(t, Passage(text)) for t, _w, _n, text in rows]
    for clause in _TIME_CLAUSE.split(F.clean(st.text)):
        times = F.extract(clause).times
        if len(times) != 1:
            continue
        cands = set(next(iter(times)))
        words = [w for w in re.findall(r"[^\W\d_]{3,}", clause) if w.lower() not in F.STOPWORDS]
        own = max((sum(p.says(w) for w in words) for t, p in passages if t & cands), default=0)
        other = max((sum(p.says(w) for w in words) for t, p in passages if not t & cands), default=0)
        if own == 0 and other >= ACROSS_ROW_WORDS:
            out.append(f"the sentence gives {F.squash(clause).strip()!r} the time of another row of the cited timeline")
    return out


def _row_names(text: str) -> set[str]:
    """The people a timeline row or clause names: its @handles and its capitalised words past the first."""
    handles = {h.lower() for h in re.findall(r"@([\w.-]*\w)", text)}
    words = re.findall(r"(?<![@\w])([A-Z][a-z]{2,})\b", text)
    return handles | {w.lower() for w in words[1:] if w.lower() not in F.STOPWORDS}


# --- a value keeps its own key: "- On-call: #platform-oncall" / "- Database owner: Mina Park"

_KEY_ROW = re.compile(r"^\s*(?!#)(?:[-*+]\s+)?([^:\n]{1,30}):\s+(\S.*)$")  # "# Incident: …" is a title, not a row
_PLAIN = re.compile(r"[^\W_]+")


def _key_words(text: str) -> set[str]:
    return {w.lower() for w in _PLAIN.findall(text)} - F.STOPWORDS


def _value_names(text: str) -> set[str]:
    """A row value's names: its capitalised words and the words of a #channel or @handle."""
    out = set()
    for tok in re.findall(r"[#@]?[^\W_][\w-]*", text):
        if tok[0] in "#@" or tok[0].isupper():
            out |= {w.lower() for w in _PLAIN.findall(tok)}
    return out - F.STOPWORDS


def rule_key_rows(st: State) -> list[str]:
    """'Mina Park is on-call' where the cited rows say 'On-call: #platform-oncall' and 'Database owner: Mina
    Park': a clause holding a name only one row gives, and none of that row's key, may not name another
    row's key without that row's value."""
    rows = []
    for c in st.cited:
        for ln in c.lines:
            m = _KEY_ROW.match(F.clean(ln))
            if m:
                rows.append((_key_words(m.group(1)), _value_names(m.group(2)), _key_words(m.group(2))))
    if len(rows) < 2:
        return []
    out = []
    for clause in _TIME_CLAUSE.split(F.clean(st.text)):
        words = _key_words(clause)
        for i, (key, names, _value) in enumerate(rows):
            others = [r for j, r in enumerate(rows) if j != i]
            # a key word the value repeats ("Escalation: #payments-escalation") says nothing of the key
            if not words & (names - set().union(*(k | v for k, _n, v in others))) or words & (key - names):
                continue
            for k, _n, v in others:
                mine = k - key - set().union(*(k2 for k2, _n2, _v2 in rows if k2 is not k))  # words of that key alone
                if words & mine and not words & (v - k):
                    out.append(f"the sentence gives {F.squash(clause).strip()!r} the key of another cited row")
    return sorted(set(out))


# --- each named thing keeps its own attributes across clauses

_KEY_TOKEN = re.compile(r"[^\W_][\w.-]*[^\W_]|[^\W_]")
_SOURCE_UNIT_BREAK = re.compile(r"\n|;|\s+(?:while|whereas|but)\s+", re.IGNORECASE)
_CLAIM_UNIT_BREAK = re.compile(r"[,;]|\s+(?:while|whereas|but)\s+", re.IGNORECASE)


def _keys(text: str, code: set[str]) -> set[str]:
    """A clause's identifiers: tokens with a digit (pool2-9, ADR-12), acronyms (CI), names in backticks in the lines."""
    return {t.lower() for t in _KEY_TOKEN.findall(text)
            if (re.search(r"\d", t) and re.search(r"[^\W\d_]", t)) or (t.isupper() and len(t) >= 2) or t.lower() in code}


def _attributes(text: str, keys: set[str]) -> set[str]:
    masked = " ".join(t for t in _KEY_TOKEN.findall(text) if t.lower() not in keys)
    return set(F.words(masked)) | set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", masked))


def rule_keyed_attributes(st: State) -> list[str]:
    """'pool1 had a load of 530, while pool2 had a load of 476' where the lines say 'pool2 had a load of 530
    while pool1 had a load of 476'; 'the human role gets write and lock, the CI role read/write' where each
    role's line says the reverse: two clauses, each about a named thing of the cited lines, that trade what
    those lines say of them."""
    code = {" ".join(m.group(1).lower().split()) for c in st.cited for m in re.finditer(r"`([^`\n]{2,80})`", "\n".join(c.lines))}
    units = []
    for c in st.cited:
        for seg in SENTENCE_BREAK.split("\n".join(F.clean(x) for x in c.lines)):
            units += [u for u in _SOURCE_UNIT_BREAK.split(seg) if u.strip()]
    if len(units) < 2:
        return []
    src = [(k, _attributes(u, k)) for k, u in ((_keys(u, code), u) for u in units)]
    anchored = []  # (the units naming the clause's identifiers, what those units say, the clause's attributes)
    for clause in _CLAIM_UNIT_BREAK.split(F.clean(st.text)):
        keys = _keys(clause, code)
        homes = frozenset(i for i, (k, _) in enumerate(src) if keys & k)
        if homes:
            anchored.append((homes, set().union(*(src[i][1] for i in homes)), _attributes(clause, keys)))
    for a, (homes_i, own_i, attrs_i) in enumerate(anchored):
        for homes_j, own_j, attrs_j in anchored[a + 1 :]:
            if homes_i & homes_j:
                continue  # both clauses name something of one unit: no two things to trade between
            took_j, took_i = attrs_i & (own_j - own_i), attrs_j & (own_i - own_j)
            if took_j and took_i:
                return [f"two clauses trade what the cited lines say of each: {', '.join(sorted(took_j))!r} belongs to the other's line"]
    return []


# --- must is not may

_OBLIGATION = re.compile(r"\b(?:must|mandatory|required|requires?|need(?:s|ed)?\s+to|ha(?:ve|s|d)\s+to|shall|obligatory|compulsory)\b", re.I)
_PERMISSION = re.compile(r"\b(?:may|might|optional(?:ly)?|allowed\s+to|permitted\s+to|free\s+to|can\s+choose)\b", re.I)


def rule_modality(st: State) -> list[str]:
    """'the endpoint may be used' where the quoted sentence says it 'must be used', and the reverse: what is
    required is not merely allowed."""
    evidence = F.clean(st.evidence_text)
    said_must, said_may = _OBLIGATION.search(st.text), _PERMISSION.search(st.text)
    if said_may and not said_must and _OBLIGATION.search(evidence) and not _PERMISSION.search(evidence):
        return [f"the sentence says {said_may.group(0)!r}; the quoted source sentences say {_OBLIGATION.search(evidence).group(0)!r}"]
    if said_must and not said_may and _PERMISSION.search(evidence) and not _OBLIGATION.search(evidence):
        return [f"the sentence says {said_must.group(0)!r}; the quoted source sentences say {_PERMISSION.search(evidence).group(0)!r}"]
    return []


# --- what must be done is not done: "needs to be vacuumed" is not "was vacuumed"

_TO_BE_DONE = re.compile(r"\b(?:must|should|shall|need(?:s|ed)?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+to)\s+(?:still\s+)?be\s+([a-z]+(?:ed|en|wn|lt|ne))\b", re.I)
_DONE = re.compile(r"\b(?:was|were|(?:has|have|had)\s+(?:already\s+)?been)\s+(?:already\s+)?([a-z]+)\b", re.I)
_ANY_MODAL = re.compile(r"\b(?:must|should|shall|need|needs|needed|ha(?:ve|s|d)\s+to|will|would|can|could|may|might)\b", re.I)


def rule_obligation_done(st: State) -> list[str]:
    """'The cache table was vacuumed by hand' where the quoted sentence says it 'needs to be vacuumed by hand':
    an obligation told as a thing done."""
    owed = {lemma_of(m.group(1).lower()) for m in _TO_BE_DONE.finditer(F.clean(st.evidence_text))}
    if not owed or _ANY_MODAL.search(st.text) or NEGATION.search(st.text):
        return []
    return [f"the sentence says {m.group(0)!r}; the quoted source sentences say it is still to be done"
            for m in _DONE.finditer(F.clean(st.text)) if lemma_of(m.group(1).lower()) in owed]


# --- "A to B" where the lines say "B to A"

_ARROW = re.compile(r"\s*(?:->|→|=>|⇒|—>|-->)\s*")
_SWAP_MARKERS = {"to", "into", "over", "than", "vs", "versus", "onto", "before", "after", "instead", "replaces", "replaced"}


def _triples(text: str) -> set[tuple[str, str, str]]:
    toks = [t.lower() for t in re.findall(r"[^\W_][\w./-]*[^\W_]|[^\W_]", _ARROW.sub(" to ", F.clean(text)))]
    return {(toks[i - 1], toks[i], toks[i + 1]) for i in range(1, len(toks) - 1)
            if toks[i] in _SWAP_MARKERS and toks[i - 1] not in F.STOPWORDS and toks[i + 1] not in F.STOPWORDS
            and toks[i - 1] != toks[i + 1]}


def rule_adjacent_swap(st: State) -> list[str]:
    """'HTTPS to HTTP redirects' where the lines say 'redirect HTTP -> HTTPS': the two words beside a
    marker word (to, over, than, an arrow) trade places."""
    theirs = _triples(st.cited_text)
    out = []
    for a, m, b in sorted(_triples(st.text) - theirs):
        if (b, m, a) in theirs:
            out.append(f"the sentence says {a + ' ' + m + ' ' + b!r}; the cited lines say {b + ' ' + m + ' ' + a!r}")
    return out


# --- a negation dropped in one clause while another clause keeps its own

_CLAUSE_NEGATED_WORD = re.compile(
    r"(?:\b(?:not|never|no|cannot)|n't)\s+(?:be\s+|been\s+|being\s+|longer\s+|yet\s+|able\s+to\s+)?([^\W\d_]{3,})", re.IGNORECASE)
_NEG_CLAUSE_BREAK = re.compile(r"[,;:]|\s+(?:and|but|while|whereas|so|although|though)\s+", re.IGNORECASE)


def rule_clause_negation(st: State) -> list[str]:
    """'two students could start their servers, and the admin page could not start them either' where the
    lines say 'two students couldn't start their servers': each clause keeps its own negation, though the
    sentence has one elsewhere."""
    src_clauses = [plain(x) for c in st.cited for seg in SENTENCE_BREAK.split(c.evidence) for x in _NEG_CLAUSE_BREAK.split(seg)]
    out = []
    text = plain(st.text)
    starts = [0] + [m.end() for m in _NEG_CLAUSE_BREAK.finditer(text)]
    for k, start in enumerate(starts):
        clause = text[start : starts[k + 1]] if k + 1 < len(starts) else text[start:]
        if _denies(text[max(0, start - 16) : start] + " " + clause):
            continue  # "attempted, but failed, to remove …": a negation just before reaches it
        words = [t for t in re.findall(r"[^\W\d_][\w'.-]*", clause) if not re.search(r"[_.]", t)]  # identifiers whole
        said = {lemma_of(t.lower()) for t in words if t.lower() not in F.STOPWORDS and len(t) > 2}
        bag = LineWords(" ".join(words))
        for src in src_clauses:
            m = _CLAUSE_NEGATED_WORD.search(src)
            if not m or not bag.supports(m.group(1).lower()):
                continue
            shared = {w for w in TOKEN.findall(src.lower()) if w not in F.STOPWORDS and len(w) > 2 and lemma_of(w) in said}
            if len(shared) >= 4:
                out.append(f"the source clause says {m.group(0)!r}; the sentence's clause {F.squash(clause)[:50]!r} states it without a negation")
    return sorted(set(out))


# --- "no X" where the lines say "all X"

_ALL_HEAD = re.compile(r"\b(?:all|every|each)\s+(?:of\s+the\s+|the\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
_NO_HEAD = re.compile(r"\b(?:no|none\s+of\s+the)\s+([^\W\d_][\w-]*)", re.IGNORECASE)


def rule_none_for_all(st: State) -> list[str]:
    """'No core packages should use it' where the quoted sentence says 'All core packages should use it', and
    the reverse: the same head word, the opposite quantifier."""
    theirs_all = {lemma_of(m.group(1).lower()) for m in _ALL_HEAD.finditer(F.clean(st.evidence_text))}
    theirs_no = {lemma_of(m.group(1).lower()) for m in _NO_HEAD.finditer(F.clean(st.evidence_text))}
    out = []
    for m in _NO_HEAD.finditer(F.clean(st.text)):
        head = lemma_of(m.group(1).lower())
        if head in theirs_all and head not in theirs_no and m.group(1).lower() not in F.STOPWORDS:
            out.append(f"the sentence says {m.group(0)!r}; the quoted source sentence says all of them")
    for m in _ALL_HEAD.finditer(F.clean(st.text)):
        head = lemma_of(m.group(1).lower())
        if head in theirs_no and head not in theirs_all and m.group(1).lower() not in F.STOPWORDS:
            out.append(f"the sentence says {m.group(0)!r}; the quoted source sentence says none of them")
    return out


# --- a number keeps its own clause

_NUMBER = re.compile(r"(?<![\w.:/-])(\d+(?:\.\d+)?)(?![\w:/-]|\.\d)")
_NUM_CLAUSE_BREAK = re.compile(r"[,;]|[.!?](?:\s|$)|\s+(?:and|but|while|whereas|then|after|before|so)\s+", re.IGNORECASE)


def rule_number_clauses(st: State) -> list[str]:
    """'with 20 nodes in use, the limit was raised to 14' where the lines say 'Now at 14 nodes, decide to increase
    limit to 20 nodes': a clause with one number must share its words with a source clause holding that number,
    not (by two words or more) with one holding another number."""
    if len(st.cited) != 1:
        return []  # a sentence joining two citations takes each number from its own one
    units = []
    for c in st.cited:
        for u in _NUM_CLAUSE_BREAK.split(c.evidence):
            nums = set(_NUMBER.findall(u or ""))
            if len(nums) == 1:
                units.append((nums.pop(), _row_words(_NUMBER.sub(" ", u))))
    if len({n for n, _ in units}) < 2:
        return []
    out = []
    for clause in _NUM_CLAUSE_BREAK.split(F.clean(st.text)):
        nums = set(_NUMBER.findall(clause or ""))
        if len(nums) != 1:
            continue
        n = nums.pop()
        words = _row_words(_NUMBER.sub(" ", clause))
        own = [len(words & w) for m, w in units if m == n]
        other = [len(words & w) for m, w in units if m != n]
        if own and other and max(other) >= max(own) + 2:
            out.append(f"the sentence gives {F.squash(clause).strip()!r} the number of another clause of the quoted lines")
    return out


# --- a name of what the lines are about, put in place of a name the quoted sentence gives

_NAME_TOKEN = re.compile(r"[^\W_][\w./:@-]*[^\W_]|[^\W_]")


def _name_like(tok: str, first: bool) -> bool:
    return tok.lower() not in F.STOPWORDS and (any(ch.isupper() for ch in tok[1:]) or bool(re.search(r"\d", tok)) or bool(re.search(r"\w[./]\w", tok))
            or (tok[:1].isupper() and not first and tok.lower() not in F.STOPWORDS))


def rule_context_name(st: State) -> list[str]:
    """'pushed to PyPI' where the quoted sentence says 'pushed to hub.docker.com': a name the cited lines do not
    hold may come from what they are about (the file name, title, headings), but not to stand where the quoted
    sentence names something else."""
    from difflib import SequenceMatcher

    cited = st.cited_text.lower()
    names = [w for w, _ in st.sentence.names] + [st.sentence.labels[k] for k in st.sentence.ids if k[0] == "code"]
    outside = {n.lower() for n in names if n and n.lower() not in cited and n.lower() not in F.MONTHS}
    if not outside:
        return []
    sent = _NAME_TOKEN.findall(F.clean(st.text))
    low = [t.lower() for t in sent]
    out = []
    for c in st.cited:
        for seg in SENTENCE_BREAK.split(c.evidence):
            if not holds(F.squash(seg), F.squash(c.citation.quote)):
                continue
            src = _NAME_TOKEN.findall(F.clean(seg))
            sm = SequenceMatcher(None, [t.lower() for t in src], low, autojunk=False)
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op != "replace" or a1 == 0 or b1 == 0:
                    continue
                # the name opens (or closes) the sentence's replaced words, a name of the source opens (closes) its own
                for mine, gone in ((low[b1], src[a1]), (low[b2 - 1], src[a2 - 1])):
                    if any(F.initials(run.split()) == gone.upper() and mine in run.lower().split() for run in st.sentence.name_runs):
                        continue  # "Key Management Service" spells out the quoted "KMS"
                    if mine in outside and _name_like(gone, False) and gone.lower() not in low \
                            and not swapped_letters(mine, gone.lower()):
                        out.append(f"the sentence says {mine!r} where the quoted source sentence names {gone!r}")
    return sorted(set(out))
