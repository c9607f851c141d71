"""Rules on relations between named things: which number counts which noun, which end of a move a name is,
which side of a contrast, who does the verb, which of two things replaced the other."""

from __future__ import annotations

import re

from lorebook.verify import facts as F
from lorebook.verify.claims import State
from lorebook.verify.evidence import SENTENCE_BREAK
from lorebook.verify.words import CLAUSES, LineWords, alike, lemma_of, plain, role_key


_REL_TOKEN = re.compile(r"/[\w./-]*\w|[@#]?[^\W_][\w./@'-]*[^\W_]|[^\W_]|[,;:()]|[.!?](?=\s|$)")
_DETERMINERS = {"the", "a", "an", "our", "their", "its", "this", "that", "these", "those", "about", "some", "around",
                "roughly", "approximately", "nearly", "almost", "over", "under", "just", "only", "both", "all", "each"}


def _rel_tokens(text: str) -> list[str]:
    return [t.rstrip("'") for t in _REL_TOKEN.findall(plain(text))]


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
    return alike(mine[-1], theirs[-1]) or (len(mine) != len(theirs) and alike(mine[0], theirs[0]))


def rule_number_nouns(st: State) -> list[str]:
    """"409 nodes" where the lines say "409 namespaces": a number keeps the noun it counts. A word right
    after a number in the sentence must be a word (or synonym) next to that number in the quoted
    source sentences, when the lines count something there and use the sentence's word for something
    else."""
    sent = _rel_tokens(st.text)
    src_text = " ".join(c.evidence for c in st.cited)
    src = _rel_tokens(src_text)
    lines = LineWords(st.cited_text)
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


# The same limits as other languages write them: a word before the number ("至少 240 秒", "mindestens 3", "не более 5"),
# a few words of its clause between them ("至少设置为 240"), or a word after it ("3台以上", "5개 이하").
_BOUND_BEFORE = [
    ("upper", re.compile(r"(?:最多|至多|不超过|不超過|不多于|上限|最大|최대|(?<![^\W\d_])(?:höchstens|maximal|bis zu|jusqu'à|"
                         r"au plus|au maximum|hasta|como máximo|no máximo|até|fino a|al massimo|hooguit|maximaal|не более|"
                         r"не больше|максимум|до|maksymalnie|enintään))", re.I)),
    ("lower", re.compile(r"(?:至少|最少|最低|不少于|不少於|不低于|少なくとも|최소|(?<![^\W\d_])(?:mindestens|wenigstens|au moins|"
                         r"au minimum|al menos|como mínimo|pelo menos|no mínimo|almeno|minimaal|ten minste|не менее|"
                         r"не меньше|как минимум|минимум|co najmniej|vähintään))", re.I)),
]
_BOUND_AFTER = [("upper", re.compile(r"^\s*[^\W\d_]{0,3}\s*(?:以下|以内|이하|이내|まで)")),
                ("lower", re.compile(r"^\s*[^\W\d_]{0,3}\s*(?:以上|이상)"))]
_MARKED_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])\d+(?:\.\d+)?(?![\d.,]*\d)")
_BOUND_GAP = 8  # characters of the number's own clause a marker may stand before it ("至少设置为 240")


def _written_limits(text: str) -> set[tuple[str, float]]:
    """The limits other languages write around a number: (kind, value) for each marked one, (None, value) for a number
    written bare or glued to its unit ("10개")."""
    out = set()
    for m in _MARKED_NUMBER.finditer(text):
        out.add((None, float(m.group(0))))
        before = re.split(r"[,;，；。、.!?()（）:：\n]", text[max(0, m.start() - _BOUND_GAP - 12) : m.start()])[-1]
        after = text[m.end() : m.end() + 8]
        for kind, rx in _BOUND_BEFORE:
            hits = list(rx.finditer(before))  # the marker nearest the number
            if hits and len(before) - hits[-1].end() <= _BOUND_GAP and not re.search(r"\d", before[hits[-1].end():]):
                out.add((kind, float(m.group(0))))
        for kind, rx in _BOUND_AFTER:
            if rx.match(after):
                out.add((kind, float(m.group(0))))
    return out


def rule_number_bounds(st: State) -> list[str]:
    """"scale up to 12 of the maximum 15 nodes" where the lines use 12 of a maximum 15: a number the
    sentence makes a limit ("up to", "maximum", "at least") must be one in the quoted source sentences
    too, when they state a limit of that kind for another number."""
    sent = _rel_tokens(st.text)
    src = _rel_tokens(" ".join(c.evidence for c in st.cited))
    limits = {(_bound_of(src, j), _number_value(t)) for j, t in enumerate(src) if _number_value(t) is not None}
    limits |= _written_limits(" ".join(c.evidence for c in st.cited))
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
    return bool(t) and t not in ",;:().!?" and t.lower() not in F.STOPWORDS \
        and (t[:1].isupper() or _number_value(t) is not None or not t.replace("-", "").isalpha())  # "With …" names nothing


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
                    out.setdefault(lemma_of(w), (w, []))[1].append(tokens[m].lower())
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
        for seg in SENTENCE_BREAK.split(c.evidence):
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
    m = _CONTRAST.search(plain(text))
    if not m:
        return None
    before = [t.lower() for t in _rel_tokens(plain(text)[: m.start()])]
    after = [t.lower() for t in _rel_tokens(plain(text)[m.end() :])]
    cut = next((k for k, t in enumerate(after) if t in ".;!?"), len(after))
    keep = lambda ts: {lemma_of(t) if t.isalpha() else t for t in ts if t not in F.STOPWORDS and t not in ",;:()" and len(t) >= 2}
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
        for seg in SENTENCE_BREAK.split(c.evidence):
            theirs = _contrast_sides(seg)
            if not theirs:
                continue
            t_kept, t_dropped = theirs
            swapped_in = (kept & t_dropped) - t_kept
            swapped_out = (dropped & t_kept) - t_dropped
            if swapped_in and swapped_out:
                out.append(f"the sentence prefers {min(swapped_in)!r} over {min(swapped_out)!r}; the quoted source sentence the reverse")
    return out


_MANNER = re.compile(r"[a-z]{4,}ly")
_LY_NOUNS = {"supply", "assembly", "family", "anomaly", "monopoly", "butterfly", "reply", "apply"}


# One person reaching another: who asked, paged or handed over to whom
_REACHED = re.compile(r"^(?:ask|asks|asked|ping|pings|pinged|tell|tells|told|notif(?:y|ies|ied)|page|pages|paged|contact(?:s|ed)?"
                      r"|messag(?:e|es|ed)|call(?:s|ed)?|email(?:s|ed)?|alert(?:s|ed)?|escalat(?:e|es|ed)|hand(?:s|ed)|assign(?:s|ed)?"
                      r"|inform(?:s|ed)?|woke|wake|wakes|mention(?:s|ed)|reach(?:es|ed)|delegat(?:e|es|ed))$", re.I)
_PERSON = re.compile(r"@[\w.-]*\w|[A-Z][a-z]+")


def _reaches(tokens: list[str], people: set[str]) -> set[tuple[str, str]]:
    """(who, whom) for each "A <reaching verb> B" with at most three words between, no "by" (a passive turns sides)."""
    out = set()
    spots = [(i, t) for i, t in enumerate(tokens) if t in people]
    for (i, a), (j, b) in zip(spots, spots[1:]):
        between = [t.lower() for t in tokens[i + 1:j]]
        if a != b and 1 <= len(between) <= 3 and "by" not in between and any(_REACHED.match(t) for t in between):
            out.add((a, b))
    return out


def rule_reached(st: State) -> list[str]:
    """"@BenTheElder asked @stevekuznetsov to look" where the lines say "@stevekuznetsov pinged @BenTheElder":
    who reached whom is turned around, whatever verb each side uses."""
    sent = _rel_tokens(st.text)
    people = {t for t in sent if _PERSON.fullmatch(t) and (t.startswith("@") or t in {w for w, _ in st.sentence.names})}
    mine = _reaches(sent, people)
    out = []
    for c in st.cited:
        for seg in SENTENCE_BREAK.split(c.evidence):
            theirs = _reaches(_rel_tokens(seg), people)
            out += [f"the sentence has {a} reaching {b}; the quoted source sentence has {b} reaching {a}"
                    for a, b in mine if (b, a) in theirs and (a, b) not in theirs]
    return sorted(set(out))


def rule_agent(st: State) -> list[str]:
    """"msw suggests using react-testing-library" where the lines say "react-testing-library suggests
    using this library": for a verb both use once, the named thing right before it in the source (its
    doer) may not stand after it in the sentence when the sentence names someone else before it."""
    sent = _rel_tokens(st.text)
    out = []
    for c in st.cited:
        for seg in SENTENCE_BREAK.split(c.evidence):
            src = _rel_tokens(seg)
            for i, w in enumerate(sent):
                if not w.isalpha() or not w.islower() or w in F.STOPWORDS or len(w) < 3 or i == 0:
                    continue
                spots = [j for j, x in enumerate(src) if x.isalpha() and x.islower() and lemma_of(x) == lemma_of(w)]
                if len(spots) != 1 or sum(lemma_of(x.lower()) == lemma_of(w) for x in sent) != 1 or spots[0] == 0:
                    continue
                j = spots[0]
                doer, mine = src[j - 1], sent[i - 1]
                if not (_is_content(doer) or _is_thing(doer)) or not (_is_content(mine) or _is_thing(mine)):
                    continue
                if doer.lower() == mine.lower() or _number_value(doer) is not None or doer in ",;:()":
                    continue
                if _MANNER.fullmatch(doer) and doer not in _LY_NOUNS:
                    continue  # "automatically roll out": an adverb before the verb is how, not who
                if re.fullmatch(r"[a-z]{3,}ed", doer) or doer.lower().startswith(mine.lower() + "-"):
                    continue  # "needed data", "the EKS-based cluster": a word qualifying the next, not its doer
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
    for clause in CLAUSES.split(plain(text)):
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
            a, b = role_key(left), role_key(right)
            pairs.add((a, b) if newer_left else (b, a))
    return pairs


def rule_lineage(st: State) -> list[str]:
    """"Fluentd succeeds fluentbit" where the lines say "Fluentbit is a successor to fluentd": which of
    two things is the successor, the replacement or the predecessor, read from the lineage word
    and its sides in both, whichever word each uses."""
    mine = _lineage(st.text)
    if not mine:
        return []
    theirs = set().union(*(_lineage(seg) for c in st.cited for seg in SENTENCE_BREAK.split(c.evidence)))
    return [f"the sentence makes {a!r} the newer of {a!r} and {b!r}; the quoted source sentences make it {b!r}"
            for a, b in sorted(mine) if (b, a) in theirs and (a, b) not in theirs]
