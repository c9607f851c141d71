"""Candidates for an answer and the transparent scorer that orders them.

Two kinds of candidate compete: a typed field written as sentences (what the
answerers in ask.py produce, each for the field it reads) and one sentence or
table row from the sentence index of the best pages. Every candidate gets the
same score, a weighted sum whose parts are kept on the candidate
(`Candidate.parts`), so anyone debugging an answer can see why it won:

    score = 3·field + 2·terms + 1·type + 1.5·page + 0.5·proximity (+ kind)

- field: the question's soft weight for the field the candidate feeds;
- terms: rarity-weighted share of the question's subject words the candidate
  states (words the page title already covers are not asked of it again);
- type: does it look like the expected answer (a date, a duration, a person …);
- page: how strongly its page matched the question, relative to the best page;
- proximity: the matched words close together rather than scattered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lorebook import vocab
from lorebook.query.analysis import CLOCK_SHAPE, DAY_SHAPE, SYNONYMS, Analysis, heading_field, heading_fields, shape_match
from lorebook.query.search import MONTHS
from lorebook.query.vocabulary import ACRONYMS, equivalents
from lorebook.translations import DENSE, unaccented

W_FIELD, W_TERMS, W_TYPE, W_PAGE, W_PROX = 3.0, 2.0, 1.0, 1.5, 0.5
FIELD_ON_PAGE = 0.5  # share of the field part a sentence keeps when its page scores next to nothing against the best
THRESHOLD = 2.0  # below this the best candidate is not an answer: abstain
NEUTRAL_TERMS = 0.5
SAYS_LITTLE = 0.6  # share of its field weight a sentence keeps when it states none of the question's words
FAQ_ASKED = 0.6  # the share of the question's words a FAQ's question line must say to be that question
DOCUMENT_FIELDS = {"date", "last_reviewed"}  # the document's own date: rarely what "when did <event inside> …" asks


@dataclass
class Candidate:
    kind: str  # typed | sentence
    page: str
    field: str
    text: str
    sentences: list = field(default_factory=list)  # ask.Sentence values, for typed candidates
    row: object = None  # a sentence_units row, for sentence candidates
    context: str = ""  # the sentence before it (a code block's "run this:", the antecedent of "it")
    owner: object = None  # the item row a labelled sub-item hangs under ("2. **Senior DevOps**" over "- Authority: …")
    side: str | None = None  # 'good' / 'bad': an item of a list led by "**Avantages**" / "Cons:" (vocab.merit_side)
    asked: str = ""  # the question line of a FAQ this sentence answers ("*如何截断旧主库多出来的数据呢？*" over its answer)
    parts: dict = field(default_factory=dict)
    score: float = 0.0


_TIME_HEADING = re.compile(r"^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}\w*)?|\d{1,2}:\d{2}\s*(am|pm|a|p)?( \w{2,4})?)$", re.I)


def time_heading(heading: str) -> str:
    """The last part of a heading path when it is a moment ("13:27", "2017-05-09 10:45a"), or the moment in a status
    page's short update heading ("16:15 Uhr" of "Update 26.08.2022 16:15 Uhr:", "14:05 UTC" of "Resolved - 14:05 UTC"),
    else ""."""
    last = heading.rsplit(" > ", 1)[-1].strip() if heading else ""
    if _TIME_HEADING.match(last):
        return last
    words = [w for w in re.findall(r"[^\W\d_]{2,}", last) if w.lower() not in _ZONES]
    short = len(last) <= 48 and len(words) <= 2
    clock = _CLOCK_IN_HEADING.search(last) if short else None
    return last[clock.start():].rstrip(" :：") if clock else ""  # the moment ("16:15 Uhr"), not the day it repeats


_ZONES = {"uhr", "utc", "gmt", "cet", "cest", "est", "edt", "pst", "pdt", "bst", "ist", "jst", "kst", "am", "pm", "h"}
_CLOCK_IN_HEADING = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d])")


def synonyms(w: str) -> set[str]:
    """Other words for the same act ("wipes" -> flush, clear …), found through the word's plain form."""
    for form in (w, w[:-1], w[:-2], w[:-3], w[:-1] + "e" if w.endswith("d") else w):
        if form in SYNONYMS:
            return SYNONYMS[form] | equivalents(w)
    return equivalents(w)  # "shipper" -> fluentbit, "broker" -> RabbitMQ; "retry" -> 재시도


def says(text: str, w: str, covers) -> bool:
    """`text` states `w` or another word for it ("wipes" by "flush", "retry" by "재시도")."""
    return covers(text, w) or any(covers(text, s) for s in synonyms(w))


def residual(subject: list[str], title: str, covers) -> list[str]:
    """Subject words the page title does not already name: what the candidate itself must say."""
    return [w for w in subject if not covers(title, w)]


def term_score(text: str, words: list[str], weights: dict[str, float], covers, focus: str | None = None) -> float:
    """Rarity-weighted share of `words` that `text` states; the question's focus word (its first
    content word, usually the verb or noun asked about: "what command *restarts* …") counts double."""
    if not words:
        return 1.0

    def wt(w):
        return weights.get(w, 1.0) * (2.0 if w == focus else 1.0)

    total = sum(wt(w) for w in words)
    if total <= 0:
        return NEUTRAL_TERMS  # none of the question's words is on the page (it is in another language): no evidence
    return sum(wt(w) for w in words if says(text, w, covers)) / total


def proximity(text: str, words: list[str], stem) -> float:
    """1.0 when the distinct question words found sit within a few tokens of each other, towards 0 as they spread."""
    toks = re.findall(r"\w+", text.lower())
    first: dict[str, int] = {}
    for w in dict.fromkeys(words):
        st = stem(w)
        at = next((i for i, t in enumerate(toks) if t.startswith(st)), None)
        if at is not None and at not in first.values():
            first[w] = at
    pos = sorted(first.values())
    if len(pos) < 2:
        return 0.3 if pos else 0.0
    spread = pos[-1] - pos[0]
    return min(1.0, (len(pos) + 1) / (spread + 2))


def _terms(c: Candidate, body: str, words: list[str], weights: dict[str, float], covers, first: str = "") -> float:
    """Term match; a code block is also read with the sentence that introduces it ("To resize the volume run:"),
    any other sentence may borrow its predecessor's words at a discount (the antecedent of "it")."""
    focus = first if first in words else None  # the focus the title already names asks nothing more of the sentence
    own = term_score(body, words, weights, covers, focus)
    if not c.context:
        return own
    with_lead = term_score(c.context + " " + body, words, weights, covers, focus)  # body: the text and its heading
    if c.row is not None and c.row.kind == "code":
        return 0.6 * own + 0.4 * with_lead
    return max(own, 0.8 * with_lead)


CODE_SAYS_NO_YES = 1.0
_KEY_LINE = re.compile(r"^[^:·|]{1,30}:\s*[^·|]{1,80}\s[·|]\s*[^:·|]{1,30}:")  # labelled values in a row, "·" or "|" between
_KEY_PARTS = re.compile(r"\s[·|]\s*")
LABEL_LINE = 60  # a line this short that opens with "Label:" is a labelled value, whatever its kind
SAYS_IT_WORKED = re.compile(r"\b(which|that|this|and)\s+(solved|fixed|resolved|mitigated|restored|stopped|ended)\s+"
                            r"(the|this|it|our)\b|\bwhich (worked|helped)\b"
                            r"|\b(?:can|could|will|is|was|are|were)\s+(?:usually\s+|typically\s+|easily\s+)?be\s+"
                            r"(?:resolved|fixed|solved|mitigated|worked around)\s+by\b", re.I)  # "can be resolved by restarting both pods"
# A line that states what must hold before the work starts, in so many words, in any language
PREREQ_SAID = re.compile(
    r"\bbefore (?:you |we |starting|beginning|proceeding|running|the (?:upgrade|update|deploy\w*|migration|restore|rollout|release))"
    r"|\bmake sure\b.{0,80}\b(?:before|first)\b|\bprerequisites?\b|\bmust (?:be|have been) (?:in place|ready|available|done|completed|approved)\b"
    r"|\b(?:after|once)\b.{1,80}\b(?:is|are|has been|have been) (?:ready|in place|prepared|provisioned|set up|created|approved)\b"
    r"|(?:更新|升级|部署|迁移|维护|操作|开始)(?:之)?前|事前に|前提|準備が(?:でき|整)|준비된 (?:뒤|후)|사전에|선행"
    r"|\bavant (?:de |toute |le |la |l['’])|\bpr[ée]-?requis|\bantes de\b|\bvorher\b|\bzuvor\b|\bvoraussetzung|\bvor (?:dem|der) (?:start|beginn)",
    re.I)
_MOMENT_FIRST = re.compile(r"^\W{0,4}(\d{1,2}:\d{2}(:\d{2})?\s*(am|pm|utc|[A-Z]{2,4})?|\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2})\b", re.I)

_DAY_AND_CLOCK = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}\b")


def sentence_field_weight(a: Analysis, row) -> float:
    """The question's weight for the field a sentence feeds, or for the section its heading names;
    a line that opens with a moment ("16:00 UTC - Full service restored") is a timeline entry
    wherever it stands, heading or not."""
    named = (heading_field(row.heading),) + heading_fields(row.heading or "")  # any part; the last in every kind's words
    w = max(a.weight_of(row.field), max(a.weight_of(f) for f in named) * 0.9)
    if _MOMENT_FIRST.match(row.text):
        w = max(w, a.weight_of("timeline") * 0.9)
    elif a.answer_types[:1] in (["time"], ["date"]) and _DAY_AND_CLOCK.search(row.text):
        # "… was unavailable from 2025-09-02 17:45 UTC and full service resumed at 2025-09-03 18:00 UTC": a timeline
        # told in a sentence, whatever field the sentence also feeds
        w = max(w, a.weight_of("timeline") * 0.9)
    if SAYS_IT_WORKED.search(row.text):  # "CoreDNS manually downgraded, which solved the issue": a timeline line that is the fix
        w = max(w, a.weight_of("resolution") * 0.9)
    if in_first_part(a, row):
        w = max(w, 1.0)  # "what should I do first when the alert pages me?": the "First Response Checklist"
    if row.kind == "code" and a.weight_of("verification") and _CHECK_COMMENT.match(row.text):
        w = max(w, a.weight_of("verification") * 0.9)  # "# Проверка после перезапуска" over pg_isready: a check, wherever it sits
    if row.kind == "code" and a.answer_types[:1] == ["command"] and (
            row.field == "resolution"  # "which command put the server back in text mode?": the fix's own code block
            # "what command fixed the INCOMPLETE entry?": the code under "## Fixes", whatever field cites it
            or _ASKS_FIX.search(a.question.text) and heading_field(row.heading.rsplit(" > ", 1)[-1]) == "resolution"):
        w = max(w, FIX_CODE)
    if (row.kind in ("row", "meta", "item") or len(row.text) <= LABEL_LINE) and ":" in row.text[:40]:
        # "Authors: serathius@", "- **Cause:** …", a short "**Estado:** Aprobada" line of its own
        label = row.text.split(":", 1)[0]
        w = max(w, a.weight_of(heading_field(label)))
        labels = [label] + ([p.split(":", 1)[0] for p in row.text.split("; ")[1:] if ":" in p] if row.kind == "row" else [])
        if row.kind == "row" and row.text.count("; ") == 1:
            # a two-column table whose first row is data, read as its header ("| 任务名称 | Paddle … |" over
            # "| 提交作者 | @ccsuzzh |"): the row's first cell is its label
            labels.append(row.text.split("; ", 1)[0].split(":", 1)[-1].strip())
        if row.kind == "row" and any(ACTION_COLUMN.match(x.strip()) or heading_field(x) == "resolution" for x in labels[1:]):
            # "Symptôme: Alerte « disjoncteur »; …; Que faire: `dolop simuler`": what to do about the case its row names
            w = max(w, ACTION_ROW * max(a.weight_of("steps"), a.weight_of("resolution")))
        if a.answer_types[:1] == ["person"] and any(vocab.labels_person(x) or x.strip().lower() in ROLE_COLUMNS for x in labels):
            # "who handled the no-data incident?": "담당자: Laze" says who, in so many words, in any column of a row
            w = max(w, PERSON_LABEL)
    elif _KEY_LINE.match(row.text):  # "Статус: расследуется · Открыт: 07.10.2026 · Сообщил: владелец": each label its value's
        w = max([w] + [a.weight_of(heading_field(p.split(":", 1)[0])) for p in _KEY_PARTS.split(row.text) if ":" in p[:40]])
    if a.answer_types[:1] == ["person"] and under_person_heading(row):
        w = max(w, PERSON_LABEL)
    return w


def under_person_heading(row) -> bool:
    """A short line alone under a heading that labels who ("## 対応者" over "Claude Code"): the heading says it names someone."""
    return bool(row is not None and row.heading and len(row.text) <= LABEL_LINE and row.kind in ("sentence", "item")
                and vocab.labels_person(row.heading.rsplit(" > ", 1)[-1]))


def in_first_part(a: Analysis, row, lead: str = "") -> bool:
    """Does the question ask what to do first, and does the line sit in the part a runbook does first
    ("## First Response Checklist", "## Réactions immédiates", or a list under "- 立即动作：")?"""
    return bool(ASKS_FIRST.search(a.question.text) and (row.heading and _FIRST_PART.search(row.heading.rsplit(" > ", 1)[-1])
                                                         or lead and _FIRST_PART.search(lead)))


_ASKS_FIX = re.compile(r"\b(?:fix|fixed|fixes|solved|resolved|repaired|cured|mitigated)\b", re.I)
# "# Проверка после перезапуска", "# verify the pods are up": a check that the work took ("-- 检查 … 参数值" only reads a value)
_CHECK_COMMENT = re.compile(r"^\s*(?:#|//|--)\s*(?:verify|verification|validate|confirm|check (?:that|it|the \w+ (?:is|are))\b|"
                            r"проверка после|проверка работоспособности|проверьте,? что|vérifi(?:er|ez) que|verifica(?:r|ción) que|"
                            r"prüfen,? ob|überprüfen,? ob|検証|验证|검증)", re.I)  # not 确认/確認/확인: "确认集群各节点状态" looks, it proves nothing
PERSON_LABEL = 0.8
ACTION_ROW = 0.9
# A troubleshooting table's column of what to do about the case in its row
ACTION_COLUMN = re.compile(r"^(?:what to do|actions?|action to take|next steps?|how to fix|que faire|quoi faire|qu[ée] hacer|o que fazer"
                           r"|was tun|ma(?:ß|ss)nahmen?|abhilfe|действия|что делать|対処法?|対応|对策|处理(?:方法)?|解决(?:方法|办法)"
                           r"|조치|대응|해결 ?(?:방법|책))$", re.I)
# A roster's role column ("Rôle: Responsable d'incident; Nom: Saidi AHAMADA"): the row says who held that role
ROLE_COLUMNS = frozenset(("role", "rôle", "rolle", "rol", "papel", "função", "funcao", "ruolo", "rola", "роль", "役割", "角色", "역할"))
# "what should I do first when the alert pages me?", "what's the first command?", "第一步立即动作是什么？"
ASKS_FIRST = re.compile(r"\b(?:do|check|try|look at|run)\s+first\b|\bfirst thing\b|\bfirst (?:steps?|command)\b|\bfirst\s+(?:if|when|after)\b"
                         # "第一步立即动作是什么？", "まず何をする", "먼저 무엇을", "la première chose", "als Erstes"
                         r"|第一步|首先|最初に|まず|먼저|첫 ?(?:번째 )?단계|\bpremi[eè]re (?:chose|étape)|\bprimer paso\b|\bprimeiro passo\b"
                         r"|\bals erste[sn]?\b|\berste[rn]? schritt\b|\bпервым делом\b|\bпервый шаг\b", re.I)
_FIRST_PART = re.compile(r"\bfirst (?:response|steps?|actions?|aid)\b|\bimmediate (?:actions?|steps?|response)\b|\binitial (?:response|triage|steps?)"
                         r"|\btriage\b|\berste (?:schritte|maßnahmen)|\bsofortmaßnahmen|\bpremi[eè]res? (?:actions|étapes|mesures)"
                         r"|\bprimeros pasos|\bprimeras acciones|\bprimeiros passos|\bprimi passi|初動|初期対応|초동|즉시 조치|第一步|首先"
                         r"|\b(?:réactions?|actions?|mesures) immédiates?|\bacciones inmediatas|\bações imediatas|\bazioni immediate"
                         r"|\bнемедленные действия|即時対応|立即行动|立即(?:动作|處理|处理|措施|動作)|緊急対応|긴급 조치"
                         r"|\bпервые (?:шаги|действия)", re.I)
FIX_CODE = 0.6


def _states_event(c: Candidate, a: Analysis, words: list[str], covers) -> bool:
    """Does a document-date line state any of the question's words besides the year, month and day? "When was
    the February 2025 downtime escalated to security?": "Start Time: February 10, 2025" names the document,
    not the escalation. A question that names nothing else (or only intent words) is asking for that date."""
    if not any(covers(c.text, w) for w in words):
        return False
    event = [w for w in words if w in a.question.subject and not w.isdigit() and w not in MONTHS]
    return not event or any(says(c.text, w, covers) for w in event)


def _echoes(text: str, a: Analysis) -> bool:
    """Every word of a line is one the question already says ("### Projet Supabase pausé" for "the Supabase
    project shows as paused — how do I bring it back?"): it names the case, it does not answer it."""
    asked = {unaccented(q)[:5] for q in re.findall(r"[^\W\d_]{3,}", a.question.text.lower())}
    words = [unaccented(w)[:5] for w in re.findall(r"[^\W\d_]{3,}", text.lower())]  # "projet"/"project", "pausé"/"paused"
    return bool(words) and all(w in asked for w in words)


def written_length(text: str) -> int:
    """A line's length with each Chinese, Japanese or Korean character counted twice: "커밋 횟수: 16회" (11 characters)
    says as much as "Commit count: 16" (16), and is no fragment."""
    return len(text) + len(DENSE.findall(text))


_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,4}(?![\w-])")


def spelled_out(text: str) -> str:
    """The acronyms a line writes in capitals, spelled out ("Нет HA": " high availability"), so that a question
    that spells them out finds the line; empty when it writes none."""
    said = {w.lower() for w in _ACRONYM.findall(text)}
    return "".join(" " + " ".join(sorted(ACRONYMS[w])) for w in sorted(said) if w in ACRONYMS)


def score(c: Candidate, a: Analysis, words: list[str], weights: dict[str, float], page_score: float, covers, stem,
          field_weight: float) -> Candidate:
    body = c.text + (" " + c.row.heading if c.row is not None and c.row.heading else "")
    body += spelled_out(body)
    timed = (time_heading(c.row.heading) + " " if c.row is not None else "") + c.text  # "### 07:42" over its line
    parts = {
        "field": field_weight,
        "terms": _terms(c, body, words, weights, covers, a.focus),
        "type": shape_match(a.answer_types, timed, getattr(c.row, "kind", "") or ("item" if len(c.sentences) > 1 else ""),
                            near=words)
        or (shape_match(a.answer_types, c.owner.text, "item", near=words) if c.owner is not None else 0.0)  # whose authority it is
        or (1.0 if a.answer_types[:1] == ["person"] and under_person_heading(c.row) else 0.0),
        "page": page_score,
        "proximity": proximity(c.text, words, stem),
    }
    if c.asked and not parts["type"] and _terms(Candidate(c.kind, c.page, c.field, ""), c.asked, words, weights, covers, a.focus) >= FAQ_ASKED:
        parts["type"] = 1.0  # a FAQ's answer to the very question asked ("如何截断旧主库多出来的数据呢？"): an answer in its form
    if c.kind == "sentence" and parts["terms"] and PREREQ_SAID.search(c.text):
        # "운영 EC2, RDS …가 준비된 뒤 진행한다": a line that says what must hold before the work the question names
        parts["field"] = max(parts["field"], a.weight_of("prerequisites") * 0.9)
    day_only = a.asks_clock and not CLOCK_SHAPE.search(timed)  # "at what local time …" over "happened on 2012-07-30"
    if parts["type"] and a.asks_day and not DAY_SHAPE.search(timed):
        parts["type"] = 0.0  # "on which date did the outage occur?": "17:02 PST — …" is a moment of a day it does not name
    elif parts["type"] and day_only:
        parts["type"] = 0.0  # "at what local time did it start?": "happened on 2012-07-30" names the day, not the moment
    field_part = parts["field"]
    if c.kind == "sentence" and words and c.field.split(".")[0] in DOCUMENT_FIELDS and not _states_event(c, a, words, covers):
        field_part *= 0.3  # "when were launches back to normal" asks about a moment inside, not the document's date
    elif c.kind == "sentence" and words:
        field_part *= SAYS_LITTLE + (1 - SAYS_LITTLE) * min(1.0, parts["terms"] / 0.5)  # right section, says nothing asked
        if a.dated_act and a.focus in words and not says(body, a.focus, covers):
            field_part *= 0.3  # "when did the scheduler thread *hang*?": a timeline line of another act, as for the document date
    field_part *= FIELD_ON_PAGE + (1 - FIELD_ON_PAGE) * min(1.0, page_score)  # a right-looking section of a far weaker page
    if a.answer_types[:1] == ["duration"] and not parts["type"]:
        field_part *= 0.5  # "how long did it last?": a start or end moment alone is half an answer
    elif day_only:
        field_part *= 0.3  # "at what time did it start?": the day alone hardly answers it
    total = (W_FIELD * field_part + W_TERMS * parts["terms"] + W_TYPE * parts["type"] + W_PAGE * parts["page"]
             + W_PROX * parts["proximity"])
    if (c.kind == "sentence" and c.row.kind in ("heading", "meta") and (not field_weight or _echoes(c.text, a))
            and not (parts["type"] >= 1.0 and parts["terms"] >= 0.5)):  # "### 07:42 - Launches are back to normal" does
        total -= 1.5  # a heading or front-matter line alone rarely answers, nor one that only repeats the question
    if c.kind == "sentence" and written_length(c.text) < 12 and not (parts["type"] >= 1.0 and a.answer_types[:1] == ["date"]):
        total -= 1.0  # a fragment, unless it is the date a "when" asks for ("09.09.2026." opening its story)
    if c.kind == "sentence" and c.row.kind == "code" and a.answer_types[:1] == ["yesno"]:
        total -= CODE_SAYS_NO_YES  # "does the sync also copy the files?": "# copier le dump" runs a copy, it says no yes or no
    c.parts, c.score = parts, round(total, 3)
    return c
