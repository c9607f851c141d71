"""Rules on what a word is bound to: a work item's done/open state, the name after "named", the value
after a noun ("level 2", "default is 5"), the agent of a passive verb ("superseded by X"), the
first/last of a span, and which of two steps comes first ("once A, B").

Each catches a sentence that keeps every word of its lines but attaches one of them to the wrong
thing, which word-bag rules cannot see.
"""

from __future__ import annotations

import re

from lorebook.verify import facts as F
from lorebook.verify.claims import State
from lorebook.verify.evidence import short_repr
from lorebook.verify.words import lemma_of

_WORD = re.compile(r"[^\W_][\w.-]*[^\W_]|[^\W_]")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "and", "or", "is", "are", "was",
         "were", "be", "been", "it", "its", "this", "that", "these", "those", "from", "as", "up", "than", "about",
         "around", "roughly", "approximately", "some", "each", "every", "per", "within", "under", "over", "below",
         "above", "after", "before", "until", "since", "into", "out", "only", "just", "least", "most", "all"}


def _content(words) -> set[str]:
    """Content-word lemmas; a slug or path ("20201016-use-the-adr-slug") counts by its words."""
    parts = (p for w in words for p in re.split(r"[-_./]+", w.lower()) if p)
    return {lemma_of(p) for p in parts if p not in _STOP and not p[0].isdigit() and len(p) > 1}


# --- a work item's state: "- [ ]" or an "open" cell is not done; "- [x]" or a "done" cell is

_OPEN_CELL = {"open", "todo", "to do", "pending", "in progress", "planned", "not started", "proposed", "not done",
              # a status cell in the notes' language: "❌ НЕ СДЕЛАНО", "未完成", "offen", "pendiente"
              "не сделано", "не выполнено", "в работе", "не начато", "未完成", "未対応", "未着手", "未实现", "未実施", "対応中",
              "미완료", "진행 중", "진행중", "미착수", "offen", "ausstehend", "geplant", "en cours", "à faire", "prévu", "pendiente",
              "en progreso", "pendente", "em andamento", "planejado"}
_DONE_CELL = {"done", "closed", "complete", "completed", "fixed", "resolved", "finished", "merged", "shipped",
              "сделано", "выполнено", "готово", "完了", "対応済み", "已完成", "完成", "완료", "erledigt", "abgeschlossen",
              "terminé", "fait", "hecho", "completado", "concluído", "feito"}
_STATE_MARK = re.compile(r"^[\s✅❌⬜☐☑✔✖🔲⏳🚧🟢🔴🟡⚠️️]+")  # "❌ НЕ СДЕЛАНО": the mark before the word
_CLAIM_DONE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:now\s+)?(?:done|complete|completed|finished|closed)"
    r"|(?:has|have)\s+(?:already\s+|since\s+|now\s+|finally\s+)?been\s+(?:done|\w+ed|made|built|written)|already|completed)\b", re.IGNORECASE)
_CLAIM_OPEN = re.compile(
    r"\b(?:still\s+open|(?:is|are|remains?)\s+(?:still\s+)?(?:open|pending|outstanding)|not\s+(?:yet|been)|yet\s+to"
    r"|(?:has|have)n't\s+been|still\s+to\s+(?:do|be))\b", re.IGNORECASE)


def _item_states(st: State) -> set[str]:
    states = set()
    for c in st.cited:
        quote = " ".join(c.citation.quote.split()).lower()
        lines = [ln for ln in c.lines if quote[:30] in " ".join(ln.split()).lower()] or c.lines
        for ln in lines:
            box = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]", ln)
            if box:
                states.add("open" if box.group(1) == " " else "done")
            if ln.strip().startswith("|"):
                cells = {_STATE_MARK.sub("", " ".join(x.split()).lower().strip("*_` ")).strip("*_` ")
                         for x in ln.strip().strip("|").split("|")}
                if cells & _OPEN_CELL:
                    states.add("open")
                if cells & _DONE_CELL:
                    states.add("done")
    return states


def rule_item_state(st: State) -> list[str]:
    """'the lint rule has been added' when its line is an unticked '- [ ]' (or a table row whose cell says open)."""
    states = _item_states(st)
    if len(states) != 1:
        return []
    (state,) = states
    said = "open" if _CLAIM_OPEN.search(st.text) else "done" if _CLAIM_DONE.search(st.text) else None
    if said and said != state:
        return [f"the sentence says the item is {said}; its cited line marks it {state}"]
    return []


# --- the name after "named"/"called"

_NAMED = re.compile(r"\b(?:named|called|titled|labell?ed)\s+[`'\"“‘]?([^\W_][\w./-]*)", re.IGNORECASE)


def rule_named(st: State) -> list[str]:
    """'a directory named logs' when the lines say 'a directory named `out`'."""
    theirs = {m.group(1).lower().rstrip("./-") for m in _NAMED.finditer(st.cited_text)}
    if not theirs:
        return []
    out = []
    for m in _NAMED.finditer(st.text):
        name = m.group(1).rstrip("./-")
        if name.lower() not in theirs:
            out.append(f"the sentence says 'named {name}' but the cited lines name it {short_repr(', '.join(sorted(theirs)))}")
    return out


# --- the value a noun is given: "level 2", "default is 5", "replicaCount: 4"

_BOUND_VALUE = re.compile(r"([^\W\d_][\w-]*)(?:\s+(?:is|are|was|were|=|of|at))?\s*[:=]?\s*[\"'`]?(\d+(?:\.\d+)?)\b(?![:/.]\d)")


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _bindings(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _BOUND_VALUE.finditer(text):
        word = m.group(1).lower()
        if word in _STOP or word in _MONTHS or len(word) < 3 or len(m.group(2)) == 4:
            continue  # "April 2023", "in 2024": a date, not a value given to a noun
        out.setdefault(lemma_of(word), set()).add(m.group(2))
    return out


def rule_bound_values(st: State) -> list[str]:
    """A number the sentence gives to a noun must be one the lines give to that noun: 'level 1 or
    category 2' is wrong when the lines say 'level 2 or category 1'."""
    theirs = _bindings(st.cited_text)
    source_numbers = set(re.findall(r"\d+(?:\.\d+)?", st.cited_text))
    out = []
    for word, values in _bindings(st.text).items():
        if word not in theirs:
            continue
        for v in values - theirs[word]:
            if v in source_numbers:  # the number is there, but given to something else
                out.append(f"the sentence gives {word!r} the value {v}; the cited lines give it {', '.join(sorted(theirs[word]))}")
    return out


# --- the value a change goes to: "renamed to `@log4brains/init`", "upgraded to 15.4"

_TARGET = re.compile(r"\b(renam|upgrad|downgrad|migrat|mov|switch|chang|bump|pinn?|set|rais|lower|increas|reduc)(?:e|es|ed|ing|s)?"
                     r"\s+(?:(?:it|them|this|that|the|a|an|all|from\s+\S+)\s+)*(?:to|as|into)?\s*"
                     r"(`[^`\n]+`|[\w@][\w@./:-]*\d[\w./:-]*|@[\w./-]+|\w+[/.][\w./-]+)", re.IGNORECASE)


def _targets(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _TARGET.finditer(text):
        out.setdefault(m.group(1).lower().rstrip("n"), set()).add(m.group(2).strip("`").rstrip(".").lower())
    return out


def rule_change_target(st: State) -> list[str]:
    """"`init-log4brains` is renamed `@log4brains/cli`" where the lines rename it to `@log4brains/init` (and name
    `@log4brains/cli` elsewhere): what a rename, an upgrade or a move goes to is bound to that verb."""
    theirs = _targets(st.cited_text)
    low = st.cited_text.lower()
    out = []
    for verb, values in _targets(st.text).items():
        for v in values - theirs.get(verb, values):
            if v in low:  # the value is there, but not as where this change goes
                out.append(f"the sentence has it {verb}ed to {v!r}; the cited lines to {', '.join(sorted(theirs[verb]))!r}")
    return out


# --- the agent of a passive verb: "A is superseded by B" is not "A superseded B"

# words after a passive's "by" that end its agent: "informed by the user via email"
_MEANS = {"via", "with", "through", "using", "in", "on", "at", "to", "and", "after", "before", "during", "for", "from", "when"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "got", "gets"}


def rule_passive_agent(st: State) -> list[str]:
    src = [w.lower() for w in _WORD.findall(st.cited_text)]
    agents: dict[str, set[str]] = {}
    for i, w in enumerate(src[:-1]):
        if src[i + 1] == "by" and re.search(r"(?:ed|en)$", w) and len(w) > 4:
            after = src[i + 2 : i + 8]
            cut = next((k for k, x in enumerate(after) if x in _MEANS), len(after))  # "by the user via email": the user
            agents.setdefault(w, set()).update(_content(after[:cut]))
    if not agents:
        return []
    words = [w.lower() for w in _WORD.findall(st.text)]
    out = []
    for i, w in enumerate(words):
        if w not in agents or (i + 1 < len(words) and words[i + 1] == "by"):
            continue
        if any(p in _BE for p in words[max(0, i - 2) : i]):
            continue  # still passive: "was superseded (later) by"
        by = [k for k in range(i + 1, min(i + 7, len(words))) if words[k] == "by"]
        if any(_content(words[k + 1 : k + 4]) & agents[w] for k in by):
            continue  # "the admins were informed ... by the user": the agent is named, not swapped
        objects = _content(words[i + 1 : i + 7])
        if objects & agents[w]:
            out.append(f"the cited lines say '{w} by' {short_repr(' '.join(sorted(agents[w])))}; the sentence makes it the object of '{w}'")
    return out


# --- words that take a side: first/last of a span, one/many of a thing, into/out of a place

_SIDES = [
    {"first": "first", "initial": "first", "opening": "first", "earliest": "first", "beginning": "first",
     "last": "last", "final": "last", "closing": "last", "latest": "last", "ending": "last"},
    {"single": "one", "sole": "one", "lone": "one", "multiple": "many", "several": "many", "many": "many",
     "various": "many", "numerous": "many"},
    {"into": "in", "onto": "in", "out": "out", "off": "out"},
    {"above": "above", "below": "below", "beneath": "below", "ahead": "above", "behind": "below"},
]
_SIDE_HINT = {"first": "first/last", "last": "first/last", "one": "one/many", "many": "one/many", "in": "in/out", "out": "in/out",
              "above": "above/below", "below": "above/below"}


def _sides(text: str) -> set[tuple[str, str]]:
    words = [w.lower() for w in _WORD.findall(text)]
    out = set()
    for i, w in enumerate(words):
        for group in _SIDES:
            if w in group:
                nxt = next((x for x in words[i + 1 : i + 3] if x not in _STOP), None)
                if nxt:
                    out.add((group[w], lemma_of(nxt)))
    return out


def rule_sides(st: State) -> list[str]:
    """'a single Chimera attribute … multiple DB attributes' when the lines say 'multiple Chimera
    attributes … a single DB attribute'; 'the first 15 minutes' when they say 'the last'; 'moved
    into Postgres' when they say 'out of Postgres'; 'ranked below the local resolvers' when they say
    'ranked above the local resolvers'."""
    theirs = _sides(st.evidence_text or st.cited_text) | _sides(st.cited_text)
    out = []
    for side, head in sorted(_sides(st.text)):
        if (side, head) in theirs:
            continue
        other = {s for s, h in theirs if h == head and _SIDE_HINT[s] == _SIDE_HINT[side]}
        if other:
            out.append(f"the sentence says {side!r} of {head!r}; the cited lines say {', '.join(sorted(other))!r} ({_SIDE_HINT[side]})")
    return out


# --- an ordinal against a numbered list: "the first goal" cites item "3."

_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
_ITEM_NUMBER = re.compile(r"^\s*(?:>\s*)?(?:(\d+)[.)]|#+\s*(?:step\s+)?(\d+)[.:)]?)\s", re.IGNORECASE)


def rule_list_position(st: State) -> list[str]:
    numbers = {int(m.group(1) or m.group(2)) for c in st.cited for ln in c.lines if (m := _ITEM_NUMBER.match(ln))}
    if not numbers:
        return []
    out = []
    for w in re.findall(r"[a-z]+", st.text.lower()):
        if w in _ORDINAL and _ORDINAL[w] not in numbers:
            out.append(f"the sentence says {w!r} but the cited lines are item {', '.join(map(str, sorted(numbers)))} of their list")
    return out


# --- an ordinal against the lines' own: "succeeds on the third attempt" where they say "通常第 2 次成功"

_SAID_ORDINAL = re.compile(r"\b(?:the|a|an|its|their|on|at)\s+(" + "|".join(_ORDINAL) + r")\s+(?!of\b|and\b|or\b|to\b)[a-z]+"
                           r"|\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_WRITTEN_ORDINAL = re.compile(r"第\s*(\d{1,2})\s*(?:次|回|个|個|步|天|位|轮|輪|번|遍)|(\d{1,2})\s*(?:回目|番目|度目|번째|회차)"
                              r"|\b(\d{1,2})(?:st|nd|rd|th|º|ª|ème|e)\b|\b(\d{1,2})-?(?:й|я|е|го|ей|ый|ой|ий)\b", re.IGNORECASE)


def rule_written_ordinal(st: State) -> list[str]:
    """"calls usually succeed on the third attempt" where the lines say "通常第 2 次成功": the lines number the
    attempt, day or round themselves, and not with the sentence's number."""
    theirs = {int(next(g for g in m.groups() if g)) for m in _WRITTEN_ORDINAL.finditer(st.cited_text)}
    if not theirs:
        return []
    lowered = st.cited_text.lower()
    for m in _SAID_ORDINAL.finditer(F.clean(st.text)):
        word = (m.group(1) or "").lower()
        n = _ORDINAL[word] if word else int(m.group(2))
        if n not in theirs and not (word and re.search(rf"\b{word}\b", lowered)):
            return [f"the sentence says {m.group(0).strip()!r}; the cited lines number it {', '.join(map(str, sorted(theirs)))}"]
    return []


# --- which step comes first: "once A is done, do B" / "A before B" / "after A, B"

_SRC_ORDER = [
    (re.compile(r"\b(?:once|after|when)\s+([^,.;]+),\s*([^.;]+)", re.IGNORECASE), False),
    (re.compile(r"([^,.;]+?)\s+before\s+([^,.;]+)", re.IGNORECASE), False),
    # "remove the user's ownership of their projects, and then delete the account" (not "if …, then …")
    (re.compile(r"((?!if\b)[^.;]+?)(?:,\s*|\s+)and\s+then\s+([^.;]+)", re.IGNORECASE), False),
    (re.compile(r"([^,.;]+?)\s+(?:only\s+)?after\s+([^,.;]+)", re.IGNORECASE), True),
    # "cancel the subscription once we have migrated the workspaces": the clause after "once" comes first
    (re.compile(r"([^,.;]+?)\s+(?<!\bat least )(?<!\bonly )(?:once|as soon as)\s+(?!(?:a|an|per|more|again|or|(?:every|each)\s+\w*(?:day|week|month|hour|year|night|minute|second|time)s?)\b)([^,.;]+)",
                re.IGNORECASE), True),
    # "Before clearing the cache, note the key count": the main clause comes first
    (re.compile(r"(?:^|[.;:]\s*)before\s+([^,.;]+),\s*([^.;]+)", re.IGNORECASE), True),
]
CLAIM_ORDER = [
    # "first deleted the account and then removed the ownership"
    (re.compile(r"\bfirst\s+([^.;]+?)\s*,?\s+(?:and\s+)?(?:then|afterwards|after that|later)\s+([^.;]+)", re.IGNORECASE), False),
    (re.compile(r"([^.;]+?)\bfirst\b([^.;]+?)\b(?:afterwards|afterward|then|later|next|after that|second)\b([^.;]*)", re.IGNORECASE), False),
    *_SRC_ORDER,
]


def order_pairs(text: str, patterns) -> list[tuple[set, set]]:
    out = []
    for rx, reverse in patterns:
        for m in rx.finditer(text):
            a = _content(_WORD.findall(m.group(1)))
            b = _content(_WORD.findall(" ".join(m.groups()[1:])))
            out.append((b, a) if reverse else (a, b))
    return out


def rule_step_order(st: State) -> list[str]:
    """'purge the CDN cache first and the origin cache afterwards' when the lines say 'once the origin
    cache is purged, purge the CDN cache'."""
    theirs = order_pairs(st.cited_text, _SRC_ORDER)
    if not theirs:
        return []
    for ca, cb in order_pairs(st.text, CLAIM_ORDER):
        for sa, sb in theirs:
            only_a, only_b = sa - sb, sb - sa
            if not only_a or not only_b:
                continue
            if (ca & only_b) and (cb & only_a) and not (ca & only_a) and not (cb & only_b):
                return ["the sentence puts the steps in the opposite order to the cited lines"]
    return []


_NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(.+)$")
_FORWARD = re.compile(r"\b(?:first|then|next|followed by|finally|second|third|lastly)\b", re.IGNORECASE)
_BACKWARD = re.compile(r"\b(?:after|before|once|preceded|prior|earlier|previously|until|unless|if)\b", re.IGNORECASE)


def rule_list_order(st: State) -> list[str]:
    """"sorted by Git creation date first, then by the Date field" where the cited numbered list puts "1. By Date
    field" before "2. By Git creation date": told in forward order ("first … then …"), the items keep the list's."""
    if not _FORWARD.search(st.text) or _BACKWARD.search(st.text):
        return []
    items = [(int(m.group(1)), set(_content(_WORD.findall(m.group(2)))))
             for c in st.cited for ln in c.lines if (m := _NUMBERED_ITEM.match(ln))]
    if len(items) < 2:
        return []
    text = st.text.lower()
    where = []
    for n, said in items:
        others = set().union(*(w for k, w in items if k != n))
        own = [w for w in said - others if len(w) >= 3 and w not in _STOP and w not in ("not", "does", "if")]  # "git" names it
        found = [m.start() for w in own for m in re.finditer(rf"\b{re.escape(w)}", text)]
        if found:
            where.append((min(found), n))
    told = [n for _, n in sorted(where)]
    if len(told) >= 2 and told != sorted(told):
        return ["the sentence tells the listed items in another order than the cited list"]
    return []


# --- a number with its unit: the quoted sentence's "18 req/s" outranks a heading's "+10 req/s"

_WITH_UNIT = re.compile(r"(?<![\w.,])[+~≈]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([a-zA-Z]+(?:/[a-zA-Z]+)?|%)")  # "1,200 requests" is 1200


def _unit_values(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _WITH_UNIT.finditer(text):
        unit = m.group(2).lower()
        if unit in _STOP or unit in _MONTHS:
            continue
        out.setdefault(lemma_of(unit), set()).add(m.group(1).replace(",", ""))
    return out


def rule_unit_values(st: State) -> list[str]:
    """A number with a unit must be one the quoted sentences give that unit, when they give it any:
    a heading's or a neighbouring line's figure does not stand in for the sentence's own."""
    if not st.evidence_text:
        return []
    theirs = _unit_values(st.evidence_text)
    out = []
    for unit, values in _unit_values(st.text).items():
        if unit in theirs and values - theirs[unit] and not values & theirs[unit]:
            v = min(values - theirs[unit])
            out.append(f"the sentence says {v} {unit}; the quoted source sentences give {unit} as {', '.join(sorted(theirs[unit]))}")
    return out


# --- a negated verb the source states plainly: "will never support" where it says "could support"

# the verb a negation denies, past an adverb of manner ("does not reliably support" denies "support")
_NEG_BEFORE = re.compile(r"\b(?:never|not|cannot|can't|won't|wouldn't|shouldn't|couldn't|mustn't|no longer)\s+(?:be\s+|been\s+|ever\s+|yet\s+)?(?:[a-z]{3,}ly\s+(?!\W))?([^\W\d_]+)", re.IGNORECASE)
_NEG_TOKEN = re.compile(r"[^\W\d_]+(?:'t)?")
_SOURCE_NEG = re.compile(r"\b(?:not|no|never|none|nothing|neither|nor|without|cannot|unable|inability|lack\w*|fail\w*|\w+n't|avoid\w*|prevent\w*|stop\w*|forbid\w*|instead|rather|unless|except|only)\b|n't\b", re.IGNORECASE)


def rule_negated_verb(st: State) -> list[str]:
    """The verb a sentence negates must not be one its quoted source sentences state with no negation anywhere
    in them ("the CLI will never support it" against "we could support it in the future")."""
    words = [w.lower() for w in _NEG_TOKEN.findall(st.evidence_text or "")]
    out = []
    for m in _NEG_BEFORE.finditer(st.text):
        verb = m.group(1).lower()
        if verb in _STOP or len(verb) < 4:
            continue
        key = lemma_of(verb)
        at = [i for i, w in enumerate(words) if lemma_of(w) == key]
        if at and not any(_SOURCE_NEG.search(" ".join(words[max(0, i - 3) : i + 1])) for i in at):
            out.append(f"the sentence negates {verb!r}; the quoted source sentence states it with no negation")
    return out


# --- what the lines say happens "without": "requires some downtime" where they say "without downtime"

_WITHOUT = re.compile(r"\bwithout\s+(?:any\s+|a\s+|an\s+|the\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
_ANY_NEGATION = re.compile(r"\b(?:not|no|never|none|without|cannot|avoid\w*|prevent\w*|free|zero|less)\b|n't\b|-free\b|less\b", re.IGNORECASE)


def rule_without(st: State) -> list[str]:
    """A thing the quoted sentence says is done without may not be stated by a sentence with no negation."""
    if _ANY_NEGATION.search(st.text):
        return []
    said = {lemma_of(w.lower()) for w in _WORD.findall(st.text)}
    out = []
    for m in _WITHOUT.finditer(st.evidence_text or ""):
        w = m.group(1).lower()
        if w not in _STOP and len(w) > 3 and lemma_of(w) in said:
            out.append(f"the quoted source sentence says 'without {w}'; the sentence states {w!r} with no negation")
    return out


# --- each doer its own object: "A reports X, B reports Y" does not back "A reports Y"

_CLAUSE = re.compile(r"[^,;.:()\n]+")


def _subject_objects(text: str) -> dict[tuple[str, str], set[str]]:
    """(subject, verb lemma) -> the object's content words, for each 'subject verb object' run in a clause."""
    out: dict[tuple[str, str], set[str]] = {}
    for clause in _CLAUSE.findall(text.replace("`", "")):
        words = _WORD.findall(clause)
        for i in range(1, len(words) - 1):
            subj, verb = words[i - 1].lower(), words[i].lower()
            if subj in _STOP or verb in _STOP or not verb.endswith("s") or len(verb) < 4:
                continue
            obj = _content(words[i + 1 : i + 6])
            if obj:
                out.setdefault((subj, lemma_of(verb)), set()).update(obj)
    return out


def rule_own_object(st: State) -> list[str]:
    """`etcd_server_leader_changes_seen_total reports the disk fsync duration` where the lines say
    `etcd_disk_wal_fsync_duration_seconds_bucket reports the etcd disk fsync duration,
    etcd_server_leader_changes_seen_total reports the leader changes`."""
    theirs = _subject_objects(st.cited_text)
    out = []
    for (subj, verb), obj in _subject_objects(st.text).items():
        own = theirs.get((subj, verb))
        if own is None or obj & own:
            continue
        others = [s for (s, v), o in theirs.items() if v == verb and s != subj and len(obj & o) >= 2]
        if others:
            out.append(f"the sentence gives {subj!r} what the cited lines give {others[0]!r}")
    return out


# --- which option was chosen: "A was chosen over B" when the lines say 'Chosen option: "B"'

_CLAIM_CHOSEN_OVER = re.compile(
    r"(?P<a>[^\W_][\w .'/-]{0,60}?)\s+(?:was|were|is|are|has been|got)\s+(?:chosen|selected|picked|preferred|adopted)\s+"
    r"(?:over|instead of|rather than|in favou?r of)\s+(?P<b>[^\W_][\w .'/-]{0,60})", re.IGNORECASE)
_CLAIM_CHOSE_OVER = re.compile(
    r"\b(?:chose|picked|selected|preferred|adopted)\s+(?P<a>[^\W_][\w .'/-]{0,60}?)\s+(?:over|instead of|rather than)\s+"
    r"(?P<b>[^\W_][\w .'/-]{0,60})", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s+(?:because|since|as|due|for|so|which|but|and|while)\b.*$", re.IGNORECASE)
SOURCE_CHOSEN = re.compile(
    r"chosen (?:option|alternative)\s*:\s*[\"“'`*]*(?P<c>[^\"”'`*,\n]{2,80})"
    r"|\bwe (?:chose|choose|picked|selected|decided to use|decided on|went with)\s+(?P<d>[^.,;\n]{2,80})", re.IGNORECASE)


def rule_chosen_over(st: State) -> list[str]:
    """'The ADR filename was chosen over the ADR number' when the lines say 'Chosen option: "ADR number"':
    both names are in the lines, the roles are swapped."""
    m = _CLAIM_CHOSEN_OVER.search(st.text) or _CLAIM_CHOSE_OVER.search(st.text)
    if not m:
        return []
    a = _content(_WORD.findall(m.group("a").split(",")[-1]))
    b = _content(_WORD.findall(_CLAUSE_END.sub("", m.group("b"))))
    out = []
    for s in SOURCE_CHOSEN.finditer(st.cited_text):
        chosen = _content(_WORD.findall(s.group("c") or s.group("d") or ""))
        if chosen and len(b & chosen) > len(a & chosen):
            out.append(f"the sentence says {short_repr(m.group('a').strip())!r} was chosen; the cited lines choose "
                       f"{short_repr((s.group('c') or s.group('d')).strip())!r}")
    return out
