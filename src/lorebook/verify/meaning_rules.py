"""Rules on meaning in ordinary words: each word is in the lines or a way of saying what they say, none is their opposite,
quantifiers and the order of steps agree, and names keep their sides of a verb."""

from __future__ import annotations

import re

from lorebook.verify import facts as F
from lorebook.verify import lexicon as L
from lorebook.verify.across import OPPOSITES_ACROSS, lines_order, sentence_order, swapped_values
from lorebook.verify.claims import State
from lorebook.verify.evidence import SENTENCE_BREAK, holds
from lorebook.verify.scope_rules import position_words
from lorebook.verify.words import (
    CLAUSES,
    NEGATION,
    STATUS_GROUPS,
    TOKEN,
    WIKI_WORDS,
    LineWords,
    backed_frequencies,
    checked_comparisons,
    lemma_of,
    plain,
    role_key,
)

_PRONOUNS = {"itself", "themselves", "himself", "herself", "ourselves", "yourself", "yourselves", "myself",
             "someone", "something", "anyone", "anything", "everyone", "everything", "nobody", "nothing"}


def _sentence_words(st: State) -> list[str]:
    """The sentence's words that make a claim: content words and the function words that carry one
    ("more", "before", "only"); names, identifiers and numbers are checked by their own rules."""
    masked = plain(st.text)
    for label in sorted({str(v) for v in st.sentence.labels.values()}, key=len, reverse=True):
        if label.strip():  # identifiers, numbers, dates, times and durations ("8 min") are checked as facts
            masked = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", masked)
    names = {w.lower() for w, _ in st.sentence.names}
    out = []
    for m in TOKEN.finditer(masked):
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


def unsupported_words(st: State) -> list[str]:
    """The sentence's claim words that neither its cited lines nor a synonym of theirs contain."""
    lines = LineWords(st.cited_text + " " + " ".join(c.context for c in st.cited))
    computed = checked_comparisons(st) | backed_frequencies(st) | position_words(st)
    # "pick up" where the lines say "pickup", "roll out" for "rollout": a phrasal verb the lines write as one word
    joined = {a for a, b in re.findall(r"\b([a-z]{2,})[\s-]+(up|out|down|off|in|over|back)\b", plain(st.text).lower())
              if lines.has(a + b)}
    return [w for w in _sentence_words(st) if w not in L.LIGHT_WORDS and w not in computed and not lines.supports(w)
            and not _compound(w, lines) and w not in joined]


def _compound(w: str, lines: "LineWords") -> bool:
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


_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*\)|<?https?://\S+")


def _replaces(st: State, w: str) -> str | None:
    """The source word that `w` stands in place of, when the sentence follows a quoted source sentence
    and puts `w` where it has another content word ("runs the team's monitoring" for "runs the
    team's CI/CD")."""
    from difflib import SequenceMatcher

    sent = [x.lower() for x in re.findall(r"[^\W_][\w/.-]*[^\W_]|[^\W_]", plain(st.text))]
    said = {lemma_of(x) for x in sent}
    for c in st.cited:
        for seg in SENTENCE_BREAK.split(c.evidence):
            if not holds(F.squash(seg), F.squash(c.citation.quote)):
                continue  # the lead sentence of the paragraph is context, not the sentence being followed
            seg = _LINK_TARGET.sub("", seg)  # "[cvo](https://…)": the address is no word the sentence replaces
            src = [x.lower() for x in re.findall(r"[^\W_][\w/.-]*[^\W_]|[^\W_]", plain(seg))]
            sm = SequenceMatcher(None, [lemma_of(x) for x in src], [lemma_of(x) for x in sent], autojunk=False)
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op != "replace" or w not in sent[b1:b2] or a1 == 0 or b1 == 0:
                    continue
                if sm.find_longest_match(0, a1, 0, b1).size == 0:
                    continue
                window = src[a1 : min(a2, a1 + (b2 - b1) + 1)]  # the words in its place, not the rest of the line
                gone = [x for x in window if x not in F.STOPWORDS and lemma_of(x) not in said and len(x) > 1
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
    if st.across or not letters or sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return []  # across languages: coverage counts the words the lines say in their own language
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
    sent = set(TOKEN.findall(plain(st.text).lower()))
    evidence = " ".join(plain(c.evidence) for c in st.cited)
    for group in L.OPPOSITES:
        said = {i for i, cls in enumerate(group) if sent.intersection(cls)}
        if not said:
            continue
        for scope in (evidence, st.cited_text):
            found = {i for i, cls in enumerate(group) if set(TOKEN.findall(plain(scope).lower())).intersection(cls)}
            if not found:
                continue
            if not said & found:
                w = next(iter(sent.intersection(group[min(said)])))
                o = next(iter(set(TOKEN.findall(plain(scope).lower())).intersection(group[min(found)])))
                out.append(f"the sentence says {w!r} but the cited lines say {o!r}")
            break
    return out + _bound_opposites(st)


def _bound_opposites(st: State) -> list[str]:
    """"more power" where the lines say "less power": a word of an opposite pair goes with the word it
    qualifies, even when the lines use both kinds elsewhere."""
    out = []
    sent = TOKEN.findall(plain(st.text).lower())
    src = TOKEN.findall(plain(st.cited_text).lower())
    for group in L.OPPOSITES:
        for i, w in enumerate(sent):
            cls = next((k for k, c in enumerate(group) if w in c), None)
            if cls is None:
                continue
            heads = [x for x in sent[i + 1 : i + 3] if x not in F.STOPWORDS and len(x) > 2][:1]
            if not heads:
                continue
            head = lemma_of(heads[0])
            before = set()
            for j, x in enumerate(src):
                if lemma_of(x) == head:
                    before.update(src[max(0, j - 2) : j])
            found = {k for k, c in enumerate(group) if before.intersection(c)}
            if found and cls not in found:
                out.append(f"the sentence says {w + ' ' + heads[0]!r} but the cited lines say the opposite of {w!r} of it")
    return out


def rule_dropped_negation(st: State) -> list[str]:
    """"There is some duplication of effort" where the lines say "There is no duplication of effort",
    "If MCO is working" where they say "If MCO is not working": a word the source sentence holding
    the quote negates may not be stated plainly by a sentence with no negation of its own."""
    sent = plain(st.text)
    toks = [t.lower() for t in TOKEN.findall(sent)]
    if NEGATION.search(sent) or set(toks) & L.NEGATING_WORDS:
        return []
    said = {lemma_of(t) for t in toks if t not in F.STOPWORDS}
    out = []
    for c in st.cited:
        for seg in SENTENCE_BREAK.split(c.evidence):
            seg = plain(seg)
            if not holds(F.squash(seg), F.squash(c.citation.quote)) and F.squash(c.citation.quote) not in F.squash(seg):
                continue
            seg = _quoted_clauses(seg, c.citation.quote)
            for m in NEGATION.finditer(seg):
                if m.group(0).lower() in ("without",):
                    continue
                nxt = [t.lower() for t in TOKEN.findall(seg[m.end() :])[:6]]
                nxt = [t for t in nxt if t not in F.STOPWORDS and len(t) > 2][:2]
                if len(nxt) == 2 and all(lemma_of(t) in said for t in nxt):  # "no duplication of effort"
                    out.append(f"the quoted source sentence says {m.group(0) + ' … ' + nxt[0]!r}; the sentence states {nxt[0]!r} without a negation")
                elif len(nxt) == 1 and lemma_of(nxt[0]) in said and _ends_clause(seg[m.end() :]):
                    # "Cached responses do not count." -> "cached responses are counted": one negated verb ends
                    # the clause, so its subject (the content words just before) must be what the sentence says too
                    before = [t.lower() for t in TOKEN.findall(seg[: m.start()]) if t.lower() not in F.STOPWORDS and len(t) > 2]
                    if sum(lemma_of(t) in said for t in before) >= 2:
                        out.append(f"the quoted source sentence says {m.group(0) + ' ' + nxt[0]!r}; the sentence states {nxt[0]!r} without a negation")
    return sorted(set(out))


_COORDINATE = re.compile(r",\s*(?:and|but|while|whereas|so)\s+|;\s*", re.IGNORECASE)


def _quoted_clauses(seg: str, quote: str) -> str:
    """The coordinate clauses of a source sentence that the quote lies in ("60 PRs were stuck" of "…, and no PRs at
    all had merged"): a negation in a clause the quote leaves out is not the quote's."""
    q = F.squash(plain(quote))
    parts = _COORDINATE.split(seg)
    own = [p for p in parts if q in F.squash(p)]
    return own[0] if own else seg


def _ends_clause(tail: str) -> bool:
    """The negated words run to the end of their clause ("do not count." / "do not count, so")."""
    return bool(re.match(r"^\W*\w+\W*(?:$|[.;:,!?)])", tail.strip()))


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
                if lemma_of(x) == lemma_of(t):
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


# "not … at all" stresses a negation and "every six months" is an interval (the number and the frequency rules
# judge it): neither says a whole of anything
_NOT_QUANTIFIED = re.compile(
    r"\bat all\b|\bevery\s+(?:(?:\d+|[a-z]+)\s+)?(?:second|minute|hour|day|night|week|fortnight|month|quarter|year)s?\b"
    # a share's whole ("12.4% of all requests", "98% of everything"), a period ("every 50 backups"), "all at once"
    r"|(?<=%)\s*of\s+(?:all|everything|every)\b|\bpercent\s+of\s+(?:all|everything)\b|\bevery\s+\d[\d,.]*\b|\ball\s+at\s+once\b")


# What the lines forbid or exclude restricts as "only" does: "only through the pool" where they forbid the rest.
# (Any negation in the quoted sentence was tried too: it let "only with this tool, not by hand" through.)
_PROHIBITION = re.compile(r"\b(?:forbid\w*|prohibit\w*|disallow\w*|not\s+(?:be\s+)?(?:allowed|permitted)|must\s+not|mustn't|never|against\s+policy|exclusive(?:ly)?|no\s+other)\b", re.IGNORECASE)


# "all"/"whole" and "only" as notes in other languages write them: a sentence in English about them may say so
_FOREIGN_ALL = re.compile(
    r"전체|모든|모두|全て|すべて|全体|全部|所有|整个|(?<![^\W\d_])(?:alle|allen|aller|ganze[nmrs]?|gesamte[nmrs]?|tous|toutes|tout|toute"
    r"|entier|entière|todos|todas|todo|toda|entero|entera|inteiro|inteira|весь|вся|всё|все)(?![^\W\d_])", re.IGNORECASE)
_FOREIGN_ONLY = re.compile(
    r"[\uac00-\ud7af](?<![지다])만(?![\uac00-\ud7af]{2}|큼)|だけ|のみ|しか|只有|仅|僅|才能|(?<![^\W\d_])(?:nur|seulement|uniquement|solo|sólo|solamente|únicamente"
    r"|apenas|somente|só|только|лишь|лише|тільки|tylko|jedynie|alleen|enkel|slechts|uitsluitend|soltanto|unicamente"
    r"|exclusivement|exclusivamente|endast|bara|kun"
    # "erst dann", "erst nach dem Test", Dutch "pas na de rotatie": only then, not before
    r"|erst(?=\s+(?:dann|danach|nach|wenn|als|ab|am|um|seit|mit))|pas(?=\s+(?:na|als|wanneer|nadat|dan|bij|op|vanaf)))(?![^\W\d_])",
    re.IGNORECASE)


_MODE_ONLY = re.compile(r"\b(?:read|write|append|receive|send)[\s-]+only\b")  # "read-only" names a mode, restricts nothing
# "was only 52 bytes", "cost only ¥1,760", "measured at only about 50 MiB": "only" before an amount says it is small,
# it restricts nothing (the amount itself is checked by the number rules)
_ONLY_AMOUNT = re.compile(r"\bonly\s+(?:about\s+|around\s+|roughly\s+|~\s*)?(?=[¥$€£]?\d)", re.I)


def rule_quantifiers(st: State) -> list[str]:
    """"every repository" needs "all"/"every" in the lines, "only" needs a restriction there, and
    "some" may not stand for the lines' "all"."""
    out = []
    sent = set(TOKEN.findall(_NOT_QUANTIFIED.sub(" ", F.clean(st.text).lower())))
    lines = set(TOKEN.findall(st.cited_text.lower()))
    evidence = set(TOKEN.findall(" ".join(F.clean(c.evidence) for c in st.cited).lower()))
    quoted = set(TOKEN.findall(" ".join(F.clean(c.citation.quote) for c in st.cited).lower()))
    # "not all of them" states a part, not a whole: a universal the lines negate does not back one
    negated_all = {m.group(1).lower() for m in re.finditer(r"\b(?:not|n't)\s+(all|every|always|everyone|everything)\b", st.cited_text, re.I)}
    plain_all = lines & L.UNIVERSAL | ({"all"} if _FOREIGN_ALL.search(st.cited_text) else set())
    if negated_all and not NEGATION.search(st.text):
        said_plainly = st.cited_text.lower().replace("n't ", "not ")
        plain_all = {w for w in plain_all if w not in negated_all or re.search(rf"(?<!not )\b{w}\b", said_plainly)}
    for w in sorted(sent & L.UNIVERSAL - {"any", "both", "each"}):  # "each" distributes ("100 users each")
        if not plain_all and not (lines & {"no", "none", "never", "nobody", "nothing"} and NEGATION.search(st.text)):
            out.append(f"the sentence says {w!r} but the cited lines state no 'all', 'every' or 'each'")
    # "read only mode", "read-only", "write-only" name a mode; they restrict nothing a sentence's "only" could stand for
    restrictive = set(TOKEN.findall(_MODE_ONLY.sub(" ", st.cited_text.lower()))) & L.RESTRICTIVE
    if _FOREIGN_ONLY.search(st.cited_text):
        restrictive |= {"only"}
    sent_restrictive = set(TOKEN.findall(_ONLY_AMOUNT.sub(" ", _MODE_ONLY.sub(" ", F.clean(st.text).lower()))))
    if _PROHIBITION.search(st.cited_text):  # "reaches it through the pool; other connections are forbidden" restricts
        restrictive |= {"only"}
    for w in sorted(sent_restrictive & L.RESTRICTIVE - {"just", "alone"}):
        if not restrictive:
            out.append(f"the sentence says {w!r} but the cited lines state no restriction ('only')")
    # "can be used in any environment" where the lines say "use it only in the single-replica one": "any" widens
    # what the lines restrict (a sentence that restricts or denies itself says something else)
    widened = sent & {"any", "anywhere", "anyone", "anything", "whatever", "whichever"}
    if widened and restrictive and not plain_all and not sent_restrictive & L.RESTRICTIVE and not NEGATION.search(st.text):
        out.append(f"the sentence says {sorted(widened)[0]!r} where the cited lines restrict it ('only')")
    for w in sorted(sent & L.PARTIAL - quoted):
        if evidence & L.UNIVERSAL - {"any", "both"} and not evidence & L.PARTIAL:
            out.append(f"the sentence says {w!r} where the quoted source sentences say {sorted(evidence & L.UNIVERSAL)[0]!r}")
    # "fires if either … or …" where the lines say "fires if both … _and_ …": one condition is not two
    if "either" in sent and "both" in evidence and "either" not in lines:
        out.append("the sentence says 'either … or' where the quoted source sentences say 'both … and'")
    elif "both" in sent and "either" in evidence and "both" not in lines:
        out.append("the sentence says 'both' where the quoted source sentences say 'either … or'")
    return out


_MARKERS = {"to", "from", "than", "instead", "rather", "over", "into", "before", "after", "versus", "vs"}


_ROLE_TOKEN = re.compile(r"[@#]?[^\W_][\w./@-]*[^\W_]|[^\W_]")
_NUMERIC = re.compile(r"^[\d.,:/-]+[a-z]{0,2}$")


def _sides(tokens: list[str], i: int) -> tuple[set, set]:
    def keep(w):
        return (w not in F.STOPWORDS or w in L.POLAR_FUNCTION_WORDS) and w not in _MARKERS and len(w) >= 2 \
            and not _NUMERIC.match(w)
    return {role_key(w) for w in tokens[:i] if keep(w)}, {role_key(w) for w in tokens[i + 1 :] if keep(w)}


_NOUN_ENDING = re.compile(r"(?:age|tion|sion|ment|ness|ity|ance|ence|ship)$")


def _subject_swaps(st: State) -> list[str]:
    """"Moment.js improves on …" where the lines say "Luxon provides …, but improves on …": the name
    right before a verb is its subject, and in the lines a verb after a bare "but"/"and" shares the
    subject its sentence opens with."""
    out = []
    raw = re.findall(r"[^\W_][\w.-]*[^\W_]|[^\W_]|[,;]", re.sub(r"'s\b", "", F.clean(st.text)))  # "Ee's account": no verb 's'
    names = {w.lower() for w, _ in st.sentence.names} | {k[1] for k in st.sentence.ids if k[0] == "code"}

    def is_name(tok: str, k: int) -> bool:
        return tok.lower() in names or (k > 0 and tok[:1].isupper()) or (not tok.isalpha() and tok not in ",;")

    for i in range(len(raw) - 1):
        subj, verb = raw[i], raw[i + 1].lower()
        if subj.lower() not in names or not verb.isalpha() or verb in F.STOPWORDS or not raw[i + 1].islower():
            continue
        if _NOUN_ENDING.search(verb):
            continue  # "EKS usage keeps growing": a noun after the name, not its verb
        for c in st.cited:
            for seg in SENTENCE_BREAK.split(c.evidence):
                src = re.findall(r"[^\W_][\w.-]*[^\W_]|[^\W_]|[,;]", seg)
                spots = [j for j, x in enumerate(src) if x.isalpha() and lemma_of(x.lower()) == lemma_of(verb)]
                if len(spots) != 1 or spots[0] == 0 or subj.lower() not in {x.lower() for x in src}:
                    continue
                j = spots[0]
                if src[j - 1].lower() in ("but", "and") and j >= 3 and src[j - 2].isalpha() and src[j - 2].islower() \
                        and src[j - 2] not in F.STOPWORDS and is_name(src[j - 3], j - 3):
                    theirs = src[j - 3]  # "the Prometheus Operator detects and rejects": the doer of the verb before "and"
                elif src[j - 1].lower() in ("but", "and") and not is_name(src[j - 2], j - 2):
                    theirs = next((x for k, x in enumerate(src[:j]) if is_name(x, 1) and x.lower() not in F.STOPWORDS), None)
                elif is_name(src[j - 1], j - 1):
                    theirs = src[j - 1]
                else:
                    continue
                if theirs and theirs.lower().startswith(subj.lower() + "-"):
                    continue  # "the EKS-based cluster" is "the EKS cluster": a compound of the same name
                if theirs and theirs.lower() != subj.lower() and not re.search(r"\d", theirs + subj):
                    out.append(f"the sentence makes {subj!r} the one who {verb!r}, the quoted source sentence {theirs!r}")
    return out


_CLAUSE_SPLIT = re.compile(r"[,:;]\s|\s[-–—]\s|\b(?=(?:if|when|whenever|once|because|since|unless)\b)", re.IGNORECASE)


def _clause_with(text: str, w: str) -> list[str] | None:
    hits = [c for c in _CLAUSE_SPLIT.split(text) if any(lemma_of(x) == lemma_of(w) for x in (t.lower() for t in _ROLE_TOKEN.findall(c)))]
    return [t.lower() for t in _ROLE_TOKEN.findall(hits[0])] if len(hits) == 1 else None


def _clause_moved_whole(text: str, seg: str, w: str) -> bool:
    """'If pods hang, the ALB returns 504s' from '504s at the ALB if pods hang': the clause around the word keeps
    its words and sides; only the clauses' order changed, which swaps nobody."""
    mine, theirs = _clause_with(text, w), _clause_with(seg, w)
    if not mine or not theirs:
        return False
    src_words = {t.lower() for t in _ROLE_TOKEN.findall(seg)}
    shared = {x for x in mine if x in src_words and x not in F.STOPWORDS}
    if not shared <= set(theirs):
        return False
    i = next(k for k, x in enumerate(mine) if lemma_of(x) == lemma_of(w))
    j = next(k for k, x in enumerate(theirs) if lemma_of(x) == lemma_of(w))
    sl, sr = _sides(mine, i)
    tl, tr = _sides(theirs, j)
    return not ((sl & tr) - tl - sr and (sr & tl) - tr - sl)


_BE = ("was", "were", "is", "are", "be", "been", "being")


def rule_roles(st: State) -> list[str]:
    """Who does what to whom: around a word both the sentence and a quoted source sentence use once
    ("successor", "instead", "to"), a word on its left in one and its right in the other, and another
    word crossing the other way, is a swap ("Fluentd is a successor to fluentbit" from "Fluentbit is
    a successor to fluentd"). A passive ("by") on one side only turns sides legitimately."""
    out = []
    raw = _ROLE_TOKEN.findall(F.clean(st.text))
    sent = [w.lower() for w in raw]
    for c in st.cited:
        segs = SENTENCE_BREAK.split(c.evidence)
        for seg in segs + [p for x in segs for p in CLAUSES.split(x) if p != x]:
            src = [w.lower() for w in _ROLE_TOKEN.findall(seg)]
            for i, w in enumerate(sent):
                if (w in F.STOPWORDS and w not in _MARKERS) or not w.isalpha():
                    continue
                spots = [j for j, x in enumerate(src) if lemma_of(x) == lemma_of(w)] if len(w) > 2 else [j for j, x in enumerate(src) if x == w]
                if len(spots) != 1 or sum(lemma_of(x) == lemma_of(w) for x in sent) != 1:
                    continue
                j = spots[0]
                if ("by" in sent[i + 1 : i + 5]) != ("by" in src[j + 1 : j + 5]):
                    continue
                if src[j + 1 : j + 2] == ["of"] and i and sent[i - 1] in _BE:
                    continue  # "the file was created" is "the creation of the file": the sides turn
                if i and sent[i - 1] in _BE and (j == 0 or src[j - 1] not in _BE) and "by" not in sent[i + 1 : i + 5]:
                    continue  # "the cluster was decommissioned on 12 April" from "on 12 April we decommissioned the cluster":
                    # a passive with no agent names no one to swap; what else it moves is checked around its own words
                sl, sr = _sides(sent, i)
                tl, tr = _sides(src, j)
                if w not in _MARKERS:  # a word right beside it modifies it ("credential rotation"), not a role
                    sl.discard(role_key(sent[i - 1]) if i else "")
                    sr.discard(role_key(sent[i + 1]) if i + 1 < len(sent) else "")
                left_to_right = (sl & tr) - tl - sr
                right_to_left = (sr & tl) - tr - sl
                if left_to_right and right_to_left and not _clause_moved_whole(F.clean(st.text), seg, w):
                    a, b = sorted(left_to_right)[0], sorted(right_to_left)[0]
                    out.append(f"around {w!r} the sentence puts {a!r} and {b!r} on the sides opposite to the quoted source sentence")
                    break
    return sorted(set(out + _subject_swaps(st)))


def rule_order_across(st: State) -> list[str]:
    """An English sentence that orders two names ("X before Y", "X first, then Y") against lines in another language
    that order them the other way ("Y → X", "X 必须位于 Y 之前" read the other way round)."""
    if not st.across:
        return []
    cited = st.cited_lines
    said = sentence_order(st.text, cited)
    if not said:
        return []
    kept = lines_order(said[0], said[1], cited)
    if kept and kept != said:
        return [f"the sentence puts {said[0]} before {said[1]}; the cited lines put {kept[0]} first"]
    return []


def rule_crossed_pairs(st: State) -> list[str]:
    """"The EC2 server is an amd64 instance, whereas the runners are ARM64" where the lines say the server is ARM64
    and the runners amd64: each clause's value belongs, in the lines, to the other clause's subject."""
    crossed = swapped_values(F.clean(st.text), st.cited_lines)
    if crossed:
        return [f"the sentence gives {crossed[1]!r} to {crossed[0]!r}; the cited lines give it to the other one"]
    return []


# A setting turned off as configuration writes it: "reversible: false", "enabled = no", "required: off"
_SET_FALSE = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z_-]{3,})\s*[:=]\s*[\"']?(?:false|no|off|disabled)[\"']?\s*(?:[,#}]|$)",
                        re.I | re.M)


def rule_false_setting(st: State) -> list[str]:
    """"The purge action is marked as reversible" where the lines set "reversible: false": a sentence that states,
    with no negation, the property the lines' configuration turns off."""
    if NEGATION.search(F.clean(st.text)):
        return []
    said = {lemma_of(w) for w in TOKEN.findall(F.clean(st.text).lower())}
    for m in _SET_FALSE.finditer("\n".join(ln for c in st.cited for ln in c.lines)):
        key = m.group(1).lower()
        if lemma_of(key) in said or key in said:
            return [f"the sentence says {key!r} where the cited lines set it false ({m.group(0).strip()!r})"]
    return []


def rule_opposites_across(st: State) -> list[str]:
    """An English sentence that says one side of a pair ("enabled", "succeeded", "accepted") about lines in another
    language that say only the other side ("deaktiviert", "失败", "却下"): across languages the pair is read through
    the term table."""
    if not st.across:
        return []
    words = set(TOKEN.findall(F.clean(st.text).lower()))
    for pair in OPPOSITES_ACROSS:
        said = [i for i, side in enumerate(pair) if words & set(side)]
        if len(said) != 1:
            continue
        mine, other = pair[said[0]], pair[1 - said[0]]
        if any(st.across.says(w) for w in other) and not any(st.across.says(w) for w in mine):
            return [f"the sentence says {sorted(words & set(mine))[0]!r}; the cited lines say {other[0]!r} in their language"]
    return []
