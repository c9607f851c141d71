"""Word helpers the rules share: lemmas and synonym keys, the cited lines as a bag of words, negation and status words."""

from __future__ import annotations

import re
from functools import lru_cache

from lorebook.verify import facts as F
from lorebook.verify import lexicon as L
from lorebook.verify.claims import State


FAIL_TO = re.compile(r"\bfail(?:s|ed|ing)?\s+to\b", re.IGNORECASE)  # "failed to start" says "did not start"


NEGATION = re.compile(
    r"\b(?<!or )(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|unable|impossible|inability|lack(?:s|ed|ing)?|n't"
    r"|fail(?:s|ed|ing)?\s+to)\b|n't\b",
    re.IGNORECASE,
)


# Words and particles that deny in the languages notes are written in. Latin-script ones are whole words;
# CJK ones are the particles that negate the verb or noun they stand before (不是, 没有, 未, 無し) or after
# (ない, 않다, 없다). Compounds where the character does not deny (非常 "very", 未来 "future", 无论 "no matter",
# 不仅 "not only", 不过 "but") are left out.
FOREIGN_NEGATION = re.compile(
    r"(?<![^\W\d_])(?:не|ни|нет|без|никогда|ничего|никто|нельзя|nicht|kein|keine|keinen|keiner|keines|nie|niemals|ohne"
    r"|não|nao|nunca|nada|ningún|ninguna|ninguno|nenhum|nenhuma|sin|sem|pas|jamais|aucun|aucune|sans|non|mai|senza)(?![^\W\d_])"
    r"|不(?![仅僅过過论論管同断斷少])|没|沒|未(?![来來満满])|无(?![论效])|無(?![論限効])|非(?!常)|别|別|ない|なかっ|ません|ず(?=[、。，,に])|なし|않|없|못|아니|아님",
    re.IGNORECASE,
)


def denies(text: str) -> bool:
    """Whether a source text states a negation, in English or in another language it is written in."""
    return bool(NEGATION.search(text) or FOREIGN_NEGATION.search(text))


# How often: "weekly" is a fact like a time of day, not a neutral word

_PERIODS = {"hour": "hourly", "day": "daily", "night": "nightly", "week": "weekly", "fortnight": "fortnightly",
            "month": "monthly", "quarter": "quarterly", "year": "yearly", "minute": "minutely"}
_FREQUENCY = re.compile(
    r"\b(?:(hourly|daily|nightly|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|annual)"
    r"|(?:every|each|per|once\s+a|twice\s+a|once\s+per|(?:a|one)\s+time\s+(?:a|per))\s+(hour|day|night|week|fortnight|month|quarter|year))\b",
    re.IGNORECASE)


# the same in the other languages notes are written in, and as a cron schedule ("0 3 * * *" runs daily)
_FOREIGN_FREQUENCY = [
    ("hourly", r"stündlich|horaire|cada hora|a cada hora|ежечасно|每小时|毎時|매시간"),
    ("daily", r"diari[oa]s?|diariamente|diári[oa]s?|cada d[ií]a|todos los d[ií]as|todos os dias|quotidien(?:ne)?s?|chaque jour|täglich"
              r"|ежедневн\w*|每天|每日|毎日|매일"),
    ("nightly", r"nächtlich|cada noche|toutes les nuits|每晚|毎晩|매일 밤"),
    ("weekly", r"semanal(?:es|mente)?|cada semana|hebdomadaire|chaque semaine|wöchentlich|еженедельн\w*|每周|每週|毎週|매주"),
    ("monthly", r"mensual(?:es|mente)?|mensa(?:l|is)|cada mes|mensuel(?:le)?s?|chaque mois|monatlich|ежемесячн\w*|每月|毎月|매월|매달"),
    ("yearly", r"anual(?:es|mente)?|annuel(?:le)?s?|jährlich|ежегодн\w*|每年|毎年|매년"),
]
_CRON = re.compile(r"(?<![\w*/])(\d[\d,/-]*)\s+(\d[\d,/-]*)\s+([\d*][\d,/*-]*)\s+([\d*][\d,/*-]*)\s+([\d*][\d,/*-]*)(?=[\s`]|$)")
_CRON_FIELD = re.compile(r"^(?:\*|\d+(?:[-,/]\d+)*|\*/\d+)$")


def frequencies(text: str) -> set[str]:
    """How often the text says something happens: daily, weekly, … (also in other languages and as a cron schedule)."""
    out = set()
    for m in _FREQUENCY.finditer(text):
        w = (m.group(1) or _PERIODS[m.group(2).lower()]).lower()
        out.add({"annually": "yearly", "annual": "yearly"}.get(w, w))
    for name, rx in _FOREIGN_FREQUENCY:
        if re.search(rf"(?<![^\W\d_])(?:{rx})(?![^\W\d_])", text, re.IGNORECASE):
            out.add(name)
    for m in _CRON.finditer(text):
        f = m.groups()
        if not all(_CRON_FIELD.match(x) for x in f) or not f[0][0].isdigit() or not f[1][0].isdigit():
            continue
        if f[2:] == ("*", "*", "*"):
            out.add("daily")
        elif f[2] == "*" and f[3] == "*" and f[4].isdigit():
            out.add("weekly")
        elif f[2].isdigit() and f[3] == "*" and f[4] == "*":
            out.add("monthly")
    return out


# Words of one group exclude each other: a sentence may not say one when its lines say another.
STATUS_GROUPS: list[list[tuple[str, ...]]] = [
    # a decision's status, also as records in other languages write it ("Statut : ACCEPTÉ", "Estado: Propuesto")
    [("proposed", "draft", "propuesto", "propuesta", "proposé", "proposée", "vorgeschlagen", "entwurf", "proposto", "proposta",
      "borrador", "brouillon", "rascunho", "предложено", "提案", "草案", "제안"),
     ("accepted", "approved", "chose", "chosen", "choose", "selected", "adopted", "picked", "aceptado", "aceptada", "aprobado",
      "aprobada", "accepté", "acceptée", "akzeptiert", "angenommen", "aceito", "aceita", "aprovado", "aprovada", "accettato",
      "accettata", "принято", "承認", "採用", "採択", "選定", "已接受", "采用", "选定", "采纳", "승인", "채택", "선정"),
     ("rejected", "declined", "discarded", "rechazado", "rechazada", "rejeté", "rejetée", "abgelehnt", "rejeitado", "rejeitada",
      "rifiutato", "отклонено", "却下", "拒绝", "거부"),
     ("deprecated", "obsoleto", "obsoleta", "obsolète", "veraltet", "deprecado", "устарело", "非推奨", "废弃", "폐기"),
     ("superseded", "replaced", "reemplazado", "reemplazada", "remplacé", "remplacée", "ersetzt", "abgelöst", "substituído",
      "substituída", "sostituito", "заменено", "取代", "대체")],
    [("resolved", "fixed", "mitigated", "résolu", "résolue", "corrigé", "corrigée", "behoben", "gelöst", "resuelto",
      "resuelta", "corregido", "corregida", "resolvido", "resolvida", "corrigido", "corrigida", "risolto", "исправлено",
      "已解决", "已修复", "解决", "修复", "解決", "修正", "復旧", "해결", "수정", "복구"), ("unresolved", "ongoing")],
    [("succeeded", "successful", "successfully", "worked"), ("failed", "fails", "fail", "unsuccessful", "failing")],
    [("increased", "increase", "increases", "rose", "risen", "rises", "grew", "grown", "grows", "higher", "raised", "raise"),
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


WIKI_WORDS = {"runbook", "runbooks", "postmortem", "postmortems", "adr", "adrs"}  # what Lorebook calls documents
RARE_ZIPF = 3.0  # words rarer than this in English (commands, products, jargon) must be in the cited lines


IRREGULAR = {
    f: lemma
    for lemma, forms in {
        "be": "is are was were been being am s", "have": "has had", "do": "does did done",
        "run": "ran runs running", "go": "went gone goes", "make": "made", "freeze": "froze frozen", "take": "took taken",
        "find": "found", "give": "gave given", "get": "got gotten", "show": "shown showed",
        "begin": "began begun", "become": "became", "come": "came", "write": "wrote written",
        "keep": "kept", "lose": "lost", "leave": "left", "hold": "held", "bring": "brought",
        "choose": "chose chosen", "send": "sent", "build": "built", "break": "broke broken",
        "fall": "fell fallen", "rise": "rose risen", "grow": "grew grown", "know": "knew known",
        "see": "saw seen", "say": "said", "tell": "told", "think": "thought", "catch": "caught",
        "mean": "meant", "spend": "spent", "pay": "paid", "lead": "led", "buy": "bought", "seek": "sought",
        "sell": "sold", "stand": "stood", "understand": "understood", "win": "won", "drive": "drove driven",
        "speak": "spoke spoken", "forget": "forgot forgotten", "throw": "threw thrown", "draw": "drew drawn",
        "shrink": "shrank shrunk", "bind": "bound", "stick": "stuck", "strike": "struck", "hide": "hid hidden",
        "lay": "laid", "deal": "dealt", "sleep": "slept", "feel": "felt", "teach": "taught", "fight": "fought",
    }.items()
    for f in forms.split() + [lemma]
}


# ---------------------------------------------------------------------------------------------
# Meaning in ordinary words: each word must be in the lines or a way of saying what they say, no
# word may be the opposite of theirs, quantifiers must agree, and names keep their sides of a verb.

TOKEN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def lemma_of(w: str) -> str:
    return F.stem(IRREGULAR.get(w, w))


def _plain_adjective(w: str) -> list[str]:
    """The plain form of a superlative ('fastest' -> 'fast', 'easiest' -> 'easy', 'biggest' -> 'big',
    'safest' -> 'safe'): a common English word whose comparative is a word too; nothing for 'forest' or 'request'."""
    from wordfreq import zipf_frequency

    if len(w) < 6 or not w.endswith("est"):
        return []
    stem = w[:-3]
    pairs = [(stem[:-1] + "y", stem + "er")] if stem.endswith("i") else [(stem, stem + "er"), (stem + "e", stem + "er")]
    if stem[-1] == stem[-2]:
        pairs.insert(0, (stem[:-1], stem + "er"))
    return [p for p, c in pairs if p not in F.STOPWORDS and zipf_frequency(p, "en") >= 3.5 and zipf_frequency(c, "en") >= 2][:1]


@lru_cache(maxsize=65536)
def word_keys(w: str) -> frozenset[str]:
    """The forms a word is looked up by: its stem and its uninflected base ('added' -> 'add')."""
    keys = {lemma_of(w), F.base(w), lemma_of(F.base(w))}
    if len(w) > 4 and w.endswith(("ied", "ies")):  # "tried" -> "try"
        keys.add(lemma_of(w[:-3] + "y"))
    keys |= {lemma_of(a) for a in _plain_adjective(w)}
    keys |= {lemma_of(r) for r in derived_roots(w)}
    return frozenset(keys)


_DERIVING = ("ure", "ness", "ance", "ence")


@lru_cache(maxsize=65536)
def derived_roots(w: str) -> tuple[str, ...]:
    """The common word a noun is made from ("failures" -> "fail", "slowness" -> "slow", "closure" -> "close"), so a
    sentence may name what the lines say with a verb or adjective; nothing for "business" ("busi" is no word)."""
    for suffix in _DERIVING:
        root = w[: -len(suffix)] if w.endswith(suffix) else (w[: -len(suffix) - 1] if w.endswith(suffix + "s") else "")
        if len(root) >= 4:
            return tuple(r for r in (root, root + "e") if _common(r))
    return ()


def _common(w: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(w, "en") >= 3.5


SYN: dict[str, set[str]] = {}  # word key -> the keys of every word a synonym line groups it with
for _line in L.SYNONYMS:
    _group = set().union(*(word_keys(x) for x in _line.split()))
    for _x in _group:
        SYN.setdefault(_x, set()).update(_group)

_SYMBOL_WORDS = [(re.compile(r"(?:>=?|≥)\s*\d"), "more over above"), (re.compile(r"(?:<=?|≤)\s*\d"), "less under below"),
                 (re.compile(r"(?:>=|≥)\s*\d"), "least"), (re.compile(r"(?:<=|≤)\s*\d"), "most"),  # "≥99%" is "at least 99%"
                 (re.compile(r"\d\s*\+(?!\d)"), "more over")]
# Phrases of the lines that say what one word of a paraphrase says: "no longer take" is "stop taking", "went with"
# is "chose", "to a minimum" is "as low as possible".
_PHRASE_WORDS = [(re.compile(r"\bno\s+longer\b|\bnot\s+any\s?more\b", re.I), "stop cease"),
                 (re.compile(r"\b(?:go|goes|went|going|gone)\s+with\b|\bopt(?:s|ed)?\s+for\b|\bsettled?\s+on\b", re.I), "choose chose chosen"),
                 (re.compile(r"\bminim(?:um|al|ise|ize|ised|ized)\b", re.I), "low"),
                 (re.compile(r"\bmaxim(?:um|al|ise|ize|ised|ized)\b", re.I), "high")]


def swapped_letters(a: str, b: str) -> bool:
    """Whether `b` is `a` with two neighbouring letters swapped ('reciept', 'reop2docker'), in a word of six or more
    characters with the same first one: a typo, not another word. Swapped digits ('b35'/'b53') are another value."""
    if len(a) != len(b) or len(a) < 6 or a[0] != b[0] or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
            and a[diff[0]].isalpha() and a[diff[1]].isalpha())


class LineWords:
    """The cited lines as sets of words and lemmas, for asking whether a word or its synonym is there."""

    def __init__(self, text: str):
        text = F.clean(text)
        toks = TOKEN.findall(text.lower())
        toks += TOKEN.findall(plain_idioms(text).lower())  # "as much as possible" in the lines says the sentence's "to a maximum" too
        for rx, words in _SYMBOL_WORDS + _PHRASE_WORDS:  # ">100 users" says "more than 100 users"
            if rx.search(text):
                toks += words.split()
        self.tokens = set(toks)
        self.lemmas = set().union(*(word_keys(t) for t in toks)) if toks else set()

    def has(self, w: str) -> bool:
        return w in self.tokens or bool(word_keys(w) & self.lemmas) or self._misspelt(w)

    def _misspelt(self, w: str) -> bool:
        """'receipt' where the lines misspell it 'reciept'."""
        return len(w) >= 6 and any(swapped_letters(w, t) for t in self.tokens)


    def supports(self, w: str) -> bool:
        if self.has(w):
            return True
        return any(SYN.get(k, set()) & self.lemmas for k in word_keys(w))


def plain(text: str) -> str:
    """Text for the meaning rules: "no longer" and "failed to" are negations, not a length or a status."""
    return FAIL_TO.sub("not", re.sub(r"\bno\s+longer\b", "not", F.clean(text), flags=re.IGNORECASE))


_COMPARED = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:[^\d.;]{0,40}?)\b(higher|more|greater|larger|bigger|lower|less|fewer|smaller)\s+than\s+"
    r"(?:the\s+|that\s+of\s+)?(\d[\d,]*(?:\.\d+)?)(?![\d.])", re.IGNORECASE)


def backed_frequencies(st: State) -> set[str]:
    """The frequency words of the sentence ("daily") that its lines state in any form ("diariamente",
    "0 3 * * *", "every day"): checked as facts by the frequency rule, so no line need use the same word."""
    said = frequencies(F.clean(st.text))
    if not said:
        return set()
    theirs = frequencies("\n".join(ln for c in st.cited for ln in c.lines))
    return {w.lower() for w in TOKEN.findall(st.text) if frequencies(w) & said & theirs}


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


@lru_cache(maxsize=65536)
def role_key(w: str) -> str:
    """A word as roles compare it: common words by lemma, names and jargon whole ("fluentd" is not
    "fluentbit", though both start "fluen")."""
    return w if _rare(w, 0) else lemma_of(w)


def _rare(w: str, margin: float = 0.5) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(w, "en") < RARE_ZIPF + margin


CLAUSES = re.compile(r",\s*(?:and|but|which|while|whereas)\b|;", re.IGNORECASE)


def alike(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or bool(word_keys(a) & word_keys(b)) or lemma_of(b) in SYN.get(lemma_of(a), ()) or F.base(a) == F.base(b)


_IDIOMS = [(re.compile(p, re.IGNORECASE), r) for p, r in L.IDIOMS]


_CONTRACTED = re.compile(r"\b([A-Za-z]+n)['’]t\b")
_WHOLE = {"can": "cannot", "won": "will not", "shan": "shall not"}


def plain_contractions(text: str) -> str:
    """'doesn't' as 'does not', 'can't' as 'cannot': the lines say the same thing in full, and 'doesn' is no word."""
    def spelled(m: re.Match) -> str:
        word = m.group(1)  # "doesn", "can", "won"
        whole = _WHOLE.get(word.lower())
        if whole:
            return whole.capitalize() if word[0].isupper() else whole
        return f"{word[:-1]} not"
    return _CONTRACTED.sub(spelled, text)


def plain_idioms(text: str) -> str:
    """The sentence with each idiom the lexicon lists written as the word it means ('right away' -> 'immediately');
    'determines' from 'works out' keeps its ending."""
    for pattern, repl in _IDIOMS:
        text = pattern.sub(lambda m, r=repl: m.expand(r).replace("determineed", "determined").replace("determineing", "determining"), text)
    return text


# Numbers a model writes in words, as digits, so the fact rules compare them with the lines' figures.
_UNIT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SMALL = {w: i for i, w in enumerate(_UNIT_WORDS)} | _TENS
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_TIME_UNITS = r"(?:milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)"


def _value(word: str) -> int:
    return int(word) if word.isdigit() else {"a": 1, "an": 1}.get(word.lower(), _SMALL.get(word.lower(), 0))


def plain_numbers(text: str) -> str:
    """The sentence with spelled-out numbers as digits: 'twenty-five' -> '25', 'an hour and a half' -> '1.5 hours',
    'one and a half seconds' -> '1.5 seconds', 'half an hour' -> '0.5 hour', 'fifty percent' -> '50%'."""
    flags = re.IGNORECASE
    text = re.sub(rf"\b({'|'.join(_TENS)})[-\s]({'|'.join(_UNIT_WORDS[1:10])})\b",
                  lambda m: str(_value(m.group(1)) + _value(m.group(2))), text, flags=flags)
    text = re.sub(rf"\b(a|an|{_SMALL_RE}|\d+)\s+({_TIME_UNITS})\s+and\s+a\s+half\b",
                  lambda m: f"{_value(m.group(1)) + 0.5:g} {m.group(2).rstrip('sS')}s", text, flags=flags)
    text = re.sub(rf"\b(a|one|{_SMALL_RE}|\d+)\s+and\s+a\s+half\s+(?=[^\W\d_])",
                  lambda m: f"{_value(m.group(1)) + 0.5:g} ", text, flags=flags)
    text = re.sub(rf"\bhalf\s+an?\s+({_TIME_UNITS})", r"0.5 \1", text, flags=flags)
    text = re.sub(rf"\b({_SMALL_RE}|\d+)\s+(?:percent|per\s+cent)\b", lambda m: f"{_value(m.group(1))}%", text, flags=flags)
    return text
