"""Answer a question from the wiki, offline: find the page it is about, read the typed field it asks for.

Every sentence of an answer carries the spans it came from. When no page covers
the question's subject, or the page lacks the field, the answer falls back to
the best passage that covers it, and failing that says plainly that the wiki
does not hold the answer (found = false) instead of guessing.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from lorebook import vocab
from lorebook.query import intents, rank
from lorebook.store import reads
from lorebook.query.analysis import ASKS_INTERVAL, CLOCK_SHAPE, DAY_SHAPE, INTENT_FIELDS, ROUTING_NOUNS, INSTEAD, INSTEAD_OTHER, WHY_NOT, adr_numbers, analyse, date_phrases, gives_merit, heading_field, same_day
from lorebook.query.analysis import dates as question_dates
from lorebook.query.intents import Question
from lorebook.query.search import MONTHS, Hit, search_units, words as query_words
from lorebook.query.vocabulary import (ACRONYMS, FOREIGN_STOP, equivalents, foreign_question, identifiers, inflections,
                                       other_language, without_citations)
from lorebook.romanized import written_in_other_script
from lorebook.translations import HAN, HANGUL, KANA, translations, unaccented
from lorebook.store.db import database_for, json_value

DOC_TYPES = ("decision", "incident", "runbook", "note")
MIN_COVERAGE = 0.6  # share of the question's subject words a page must contain to be "about" it
PAGE_COVERAGE = 0.5  # a page this close is still read sentence by sentence; the answer itself must reach MIN_COVERAGE


@dataclass
class Sentence:
    text: str
    cites: list[dict]  # {"page", "source", "start_line", "end_line"}
    listed: bool = False  # an item of the list the sentence before it introduces: read with it, taking no runner-up's room


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    citations: list[dict]
    sentences: list[Sentence] = field(default_factory=list)
    intent: str = "passage"
    page: str | None = None
    ranked: list[dict] = field(default_factory=list)  # the best candidates with their score parts (`ask --explain`)

    def as_json(self) -> dict:
        return {"question": self.question, "answer": self.answer, "found": self.found, "citations": self.citations}


def ask(wiki, question: str) -> Answer:
    """The best-supported short answer to `question`, or found=False (with the nearest pages)."""
    from lorebook.sources.reader import read_source_or_none

    reads.ensure_indexes(wiki, read_source_or_none, sentences=True)
    db = database_for(wiki)
    a = analyse(question)
    q = a.question
    if not q.subject and not a.adr_numbers:
        return _not_found(q, "the question does not name what it is about (a system, incident, decision or runbook)")
    ranked: list[dict] = []
    with db.read() as conn:
        dfs = doc_freqs(conn, db, q.subject)
        unheard = _unheard_acronym(conn, db, q, dfs)
        if unheard:  # "What RTO target is set for …?" where no note says RTO: an acronym is written alike in every language
            return _not_found(q, f"no page says {unheard}")
        weights = idf_weights(conn, db, q.subject, names_in(q.text), dfs, vocabulary_words(q, dfs))
        pages = _candidates(conn, db, q, weights, a, dfs)
        q = a.question
        sweights = _sentence_weights(conn, db, a, weights)
        cands = _typed_candidates(a, pages, sweights) + _sentence_candidates(conn, a, pages, sweights)
        if not cands:
            cands = _global_candidates(conn, db, a, weights, dfs)
        named = {p["id"] for p in pages if p.get("named")}
        exact = named or {p["id"] for p in pages if p.get("ident")}
        if exact:
            for c in cands:
                if c.page not in exact:
                    c.score -= NOT_NAMED  # "ADR-36", "prod-users-db" name their page: another page's mention is not about it
        _prefer_identified(cands, exact_names(q.text))
        _prefer_naming_pages(cands, pages, q)
        _prefer_stated_interval(cands, a)
        _prefer_total_row(cands, a)
        _prefer_named_sublist(cands, a, pages)
        _prefer_named_contact(cands, a, pages, weights)
        _prefer_saying_sentence(cands, a)
        _prefer_same_prohibition(cands, a)
        _prefer_stated_no_effect(cands, a)
        _prefer_faults_when_asked_why_not(cands, a)
        _prefer_elapsed_stage(cands, a)
        _prefer_own_status(cands, a)
        _prefer_action_to_case(cands, a)
        _prefer_first_part_opening(cands, a)
        _prefer_first_numbered_step(cands, a)
        _prefer_stated_start(cands, a)
        _prefer_after_what_was_done(cands, a)
        _prefer_cause_to_stated_trigger(cands, a)
        cands.sort(key=lambda c: (-c.score, c.kind != "typed"))
        cands = [c for c in cands if _supported(c, pages, a, weights) and not _off_type(c, a)]
        ranked = [_explained(c) for c in cands[:EXPLAINED]]
        unstated = _status_unstated(cands[0], pages, a) if cands else None
        if unstated:
            return _not_found(q, f"{unstated} records no status")
        if cands and a.answer_types[:1] == ["person"] and _ASKS_WHO.search(a.question.text) and _says_nothing_asked(cands[0]):
            # "who signed off on the shutdown procedure?" over a line of no person's field that says none of its words
            answer = _not_found(q, "no sentence says who")
            answer.ranked = ranked
            return answer
        if a.answer_types[:1] == ["severity"]:
            # "what severity was assigned?" where none was: "critical incidents" in an action item is no severity
            cands = [c for c in cands if c.kind != "sentence" or c.parts.get("terms") or c.parts.get("field")]
        answering = next((p for p in pages if p["id"] == cands[0].page), {}) if cands else None
        # a record the question identifies ("ADR-0001", "2.1.0") is named, whatever other words it is called by
        unnamed = ((None if answering.get("named") or answering.get("ident")
                    else _name_unsaid(conn, db, answering, q, dfs, strong=_says_the_rest(cands)))
                   or _role_unsaid(answering, q) or _setting_unsaid(answering, q)) if cands else None
        if unnamed:
            answer = _not_found(q, f"no page that answers names {unnamed}")
            answer.ranked = ranked
            return answer
        if cands and cands[0].score >= rank.THRESHOLD:
            best = cands[0]
            if best.kind == "typed":
                sents = _in_their_words(conn, list(best.sentences))
                if best.field == "rejected" and "drawback" in a.answer_types[:2]:
                    sents += _decided_against(conn, best, sents)
            else:
                sents = _sentence_answer(conn, best, cands)
                if "reason" in a.answer_types[:2]:
                    sents = _with_cause_before(conn, best, sents)
                sents = _with_change_before(conn, best, sents)
            # what the best sentence hangs under or points back at: context, not another answer
            lead = [_row_sentence(best.owner)] if best.owner is not None else []
            lead = _antecedent(conn, best, lead) + lead
            sents += _same_number(best, cands, pages, named)
            sents += _hops(conn, best, sents)
            sents = lead + sents + _runners_up(conn, best, cands, sents, lead, drawback=a.answer_types[:1] == ["drawback"],
                                                      names=sorted(set(names_in(q.text)) | set(exact_names(q.text))),
                                                      title=answering.get("title") or "")
            answer = _answer(q, sents, best.page, intent=best.field if best.kind == "typed" else "sentence")
            answer.ranked = ranked
            return answer
        nearest = [p["title"] for p in pages[:3]]
    why = "no page covers " + " ".join(q.subject)
    if nearest:
        why = "no sentence states it; nearest pages: " + "; ".join(nearest)
    answer = _not_found(q, why)
    answer.ranked = ranked
    return answer


EXPLAINED = 8


def _explained(c) -> dict:
    """One candidate as `ask --explain` shows it: why an answer won is its score parts beside the others'."""
    where = f"{c.row.source}:{c.row.start_line}" if c.row is not None else ""
    return {"kind": c.kind, "page": c.page, "field": c.field, "score": c.score, "parts": dict(c.parts),
            "at": where, "text": c.text[:160]}


SAYS_IT = 0.75  # a sentence stating this share of the question's own words outranks a chosen option that states none
OFF_ASPECT = 3.0


def _prefer_saying_sentence(cands: list, a) -> None:
    """"Which port does stubby use by default?" reads like "which option did we choose", but the ADR's chosen option
    states none of its words while a line of the same page does: that line answers it. A choice that names what
    was asked for ("which message *broker*": "Использовать Apache Kafka …") is the answer, whatever its context says."""
    if "chosen" in a.intents and a.answer_types[:1] == ["yesno"]:
        return  # "did it end up choosing UUIDv4?": the line listing UUIDv4 says it was an option; the choice says yes or no
    saying = {c.page for c in cands if c.kind == "sentence" and c.parts.get("terms", 0) >= SAYS_IT}
    asked = _asked_category(a)
    for c in cands:
        if c.page not in saying or c.parts.get("terms", 1) != 0:
            continue
        if asked and c.kind == "typed" and covers(c.text, asked):
            continue
        if (c.kind == "typed" and c.field == "chosen") or (c.kind == "sentence" and c.field.split(".")[0] in ("decision", "options")):
            c.score -= OFF_ASPECT  # the record's choice (as a field or as its line) is not what is asked
        elif c.kind == "typed" and a.answer_types[:1] == ["yesno"]:
            c.score -= OFF_ASPECT  # "do we have 24/7 on-call coverage?": "Astreinte 24/7: ❌ Non", not the contact list


_WHICH_THING = re.compile(r"^\s*(?:which|what)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\s+(?:did|does|do|was|is|will|should|has|have)\b", re.I)


def _prefer_own_status(cands: list, a) -> None:
    """"Is X still in force?": X's own status answers it; "Supersedes: ADR 20251006" on X's page tells the status
    of the record X replaced. Unless the question asks about replacing. "Is the no-data issue still open?" asks the
    incident's own "Status: Resolved", not which of its follow-ups are open."""
    if "status" not in a.intents or _ASKS_REPLACING.search(a.question.text):
        return
    asked = set(a.adr_numbers)
    if asked:
        _prefer_asked_records_successor(cands, asked)
    status_line = a.intents[0] == "status" and any(
        c.kind == "sentence" and c.parts.get("field", 0) >= 1.0 and c.parts.get("type", 0) >= 1.0 for c in cands)
    # "### Status\nBrouillon" is the write-up's own; "Statut : to do" under "### Actions" is an action's
    own_heading = a.intents[0] == "status" and any(_heading_field_of(c) == "status" for c in cands)
    for c in cands:
        if c.kind == "sentence" and _REPLACES_ANOTHER.match(c.text) and not _names_record(c.text, asked):
            c.score -= OTHER_RECORDS_STATUS
        elif status_line and c.kind == "typed" and c.field == "action_items":
            c.score -= OTHER_RECORDS_STATUS
        elif own_heading and (c.field == "action_items" or _heading_field_of(c) == "action_items"):
            c.score -= OTHER_RECORDS_STATUS


OTHER_RECORDS_STATUS = 1.5


def _heading_field_of(c) -> str | None:
    """The field the heading a sentence stands under names ("### Actions" -> action_items), None for a typed answer."""
    row = getattr(c, "row", None)
    return heading_field(row.heading.rsplit(" > ", 1)[-1]) if c.kind == "sentence" and row is not None and row.heading else None


def _prefer_asked_records_successor(cands: list, asked: set[int]) -> None:
    """"Is the ADR 0009 rule still in force?" where the wiki holds no ADR 0009: ADR 0016's own "Accepted" is not
    0009's status; its "Supersedes: … 0009" line is."""
    for c in cands:
        m = _RECORD_NUMBER.match(c.page or "")
        if m is None or int(m.group(1)) in asked:
            continue
        names_asked = _names_record(c.text, asked)
        if c.field in ("status", "status_text") and not names_asked:
            c.score -= ANOTHER_RECORD
        elif names_asked and (c.field in ("status", "status_text", "supersedes") or c.kind == "sentence" and _REPLACES_ANOTHER.match(c.text)):
            c.score += ANOTHER_RECORD  # "Accepted (2026-09-07). ADR-0002를 대체해요": its status says it replaced the one asked


def _names_record(text: str, asked: set[int]) -> bool:
    """Does the line name one of the asked records' numbers ("… clause of 0009", "ADR-0002를 대체해요")?"""
    undated = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)  # "(2026-09-07)" names no record 9 or 7
    return bool(asked & {int(n) for n in re.findall(r"(?<![\d.])0*(\d{1,5})(?![\d.-])", undated)})


ANOTHER_RECORD = 3.0
_RECORD_NUMBER = re.compile(r"^adr-0*(\d{1,5})\b")
_ASKS_REPLACING = re.compile(r"replac|supersed|obsolet|predecessor|earlier|previous|older", re.I)
_REPLACES_ANOTHER = re.compile(r"^\W*(?:supersedes|replaces|ersetzt|remplace|reemplaza|substitui|sostituisce|заменяет|대체함|置き換える|取代)\b", re.I)


# not "what owner do the files need?": a file's owner is no one
_ASKS_WHO = re.compile(r"\bwho(?:m|se)?\b|\bwhich (?:[\w-]+ )?(?:engineers?|persons?|people|developers?|admins?|colleagues?)\b", re.I)


def _says_nothing_asked(c) -> bool:
    """A sentence outside any field the question weighs that states none of the question's words, or names no one."""
    return c.kind == "sentence" and not c.parts.get("field") and not (c.parts.get("terms") and c.parts.get("type"))


def _prefer_action_to_case(cands: list, a) -> None:
    """"What should I do first if Kaniko fails with MANIFEST_UNKNOWN?": the lines labelled "Symptom:" or "Причина:"
    restate the case asked about, however many of its words they share; the action is in the lines beside them."""
    if not a.intents or a.intents[0] not in ASKS_ACTION:
        return
    told = {(c.row.source, c.row.start_line) for c in cands
            if c.kind == "sentence" and c.row is not None and vocab.CASE_LABEL.match(c.text)}
    case = a.intents[0] == "step" and (_FIRST_IN_CASE.search(a.question.text) or _DO_FIRST.search(a.question.text))
    sections = {(c.row.source, c.row.heading) for c in cands
                if c.kind == "sentence" and c.row is not None and (c.row.source, c.row.start_line) in told}
    for c in cands:
        if c.kind == "sentence" and c.row is not None and (c.row.source, c.row.start_line) in told:
            c.score -= CASE_RESTATED  # the whole line, its second sentence ("MANIFEST_UNKNOWN`.") too
        elif c.kind == "sentence" and c.row is not None and (c.row.source, c.row.heading) in sections:
            c.score += CASE_RESTATED  # the line beside "Symptom:" and "Cause:" is what to do about them
        elif case and c.kind == "sentence" and c.field == "steps" and c.parts.get("terms", 0.0) < SAYS_CASE:
            c.score -= CASE_RESTATED  # "2. Restart it" of the runbook's own steps says nothing of the case asked about


def _prefer_first_part_opening(cands: list, a) -> None:
    """"What should I do first if the database gets deleted?": the opening lines of "Réactions immédiates" are
    the first thing to do; a line further down that happens to say "supprimer" is not."""
    firsts: dict[tuple, list] = {}
    for c in cands:
        lead = c.context if c.row is not None and c.row.kind == "item" else ""  # "- 立即动作：" over its list
        if c.kind == "sentence" and c.row is not None and rank.in_first_part(a, c.row, lead):
            firsts.setdefault((c.row.source, c.row.heading), []).append(c)
    for section in firsts.values():
        lines = sorted({c.row.start_line for c in section})
        for c in section:
            place = lines.index(c.row.start_line)
            c.score += OPENING_FIRST * max(0.0, 1 - place / OPENING_LINES)


def _prefer_first_numbered_step(cands: list, a) -> None:
    """"What is the first command when bumping Flutter?": step 1 of the procedure, not the command a later step
    runs; the first numbered item of each list its candidates stand in gains."""
    if not rank.ASKS_FIRST.search(a.question.text):
        return
    for c in cands:
        if c.kind == "sentence" and c.row is not None and c.row.kind == "item" and _STEP_ONE.match(c.text):
            c.score += FIRST_STEP
        elif c.kind == "typed" and (later := _LATER_STEP.search(c.text)) and int(later.group(1)) > 1:
            c.score -= FIRST_STEP  # "Run `mise use -g …` (step 2: …)": a later step's command


_STEP_ONE = re.compile(r"^\s*(?:1[.)]|①|(?:step|schritt|étape|paso|passo|шаг)\s*1\b)", re.I)
_LATER_STEP = re.compile(r"\(step (\d+):")
FIRST_STEP = 1.0


def _prefer_stated_start(cands: list, a) -> None:
    """"When did the COCOA 1.4.0 outage start?": the moment the notes label as the start ("### 発生日時" over
    "2021年11月25日午後3時", "**Start time:** 14:02") answers it, not the first timeline entry that repeats the name."""
    if not _ASKS_START.search(a.question.text):
        return
    for c in cands:
        if c.kind != "sentence" or c.row is None:
            continue
        heading = vocab.norm_label(_heading_of(c).rsplit(" > ", 1)[-1])
        lead = re.match(r"^([^:：]{1,30})[:：]", c.text)  # "Start time: 14:02", "発生日時：2024年3月1日"
        label = vocab.norm_label(lead.group(1)) if lead else ""
        if (_START_LABEL.match(heading) or _START_LABEL.match(label)) and (CLOCK_SHAPE.search(c.text) or DAY_SHAPE.search(c.text)):
            c.score += STATED_START


_ASKS_START = re.compile(r"\b(?:when|what time|at what time)\b.{1,80}\b(?:start|started|begin|began|kick off|kicked off)\b"
                         r"|いつから|何時から|언제부터|몇 시부터|什么时候开始|何时开始|\bwann\b.{1,60}\b(?:begann|beginnen|angefangen|gestartet)\b"
                         r"|\bquand\b.{1,60}\b(?:commencé|débuté)\b|\bcuándo\b.{1,60}\b(?:empezó|comenzó|inició)\b", re.I)
_START_LABEL = re.compile("^(?:" + "|".join(re.escape(x) for x in vocab.INCIDENT_START) + ")$", re.I)  # a label of when it began
STATED_START = 3.5


ASKS_ACTION = {"step", "resolution", "rollback"}
OPENING_FIRST = 1.5  # what the first line of a first-response part gains, fading to nothing by its fourth line
OPENING_LINES = 3
CASE_RESTATED = 1.0


def _asked_category(a) -> str:
    """The kind of thing a "which X did they choose" question asks for ("which message broker did …" -> broker), or ""."""
    m = _WHICH_THING.match(a.question.text)
    word = m.group(1).lower() if m else ""
    return word if word in a.question.subject else ""


def _prefer_elapsed_stage(cands: list, a) -> None:
    """"It has been frozen for about two hours, what now?" over a runbook staged by elapsed time ("### Immediately",
    "### 1 - 3 hours", "### > 3 hours, < 1 Day"): the lines of the stage whose span holds two hours."""
    m = _ASKED_ELAPSED.search(a.question.text)
    if not m:
        return
    asked = _to_minutes(m.group(1), m.group(2))
    for c in cands:
        if c.kind != "sentence" or not c.row.heading:
            continue
        stage = _stage_span(c.row.heading.rsplit(" > ", 1)[-1])
        if stage is not None:
            c.score += STAGE if stage[0] <= asked < stage[1] else -STAGE / 2


_UNIT = r"(min(?:ute)?s?|h(?:ou)?rs?|hours?|h|days?|d)"
_ASKED_ELAPSED = re.compile(r"\b(?:for|about|around|over|nearly|almost|roughly|past|after|than)\s+(?:about\s+|around\s+)?"
                            r"(" + intents.COUNT + r")\s*" + _UNIT + r"\b", re.I)
STAGE = 2.0  # the stage that holds the elapsed time the question states is strong evidence


def _to_minutes(n: str, unit: str) -> int:
    k = int(n) if n.isdigit() else intents.COUNT_WORDS.get(n.lower(), 1)
    u = unit.lower()
    return k * (1440 if u.startswith("d") else 60 if u.startswith("h") else 1)


def _stage_span(heading: str) -> tuple[int, float] | None:
    """The elapsed time a heading names, as [from, to) minutes: "1 - 3 hours", "> 3 hours, < 1 Day", "Immediately",
    "After 30 minutes", "First 15 minutes"; None for any other heading."""
    h = heading.strip().lower()
    if re.fullmatch(r"(?:immediately|right away|at once|first response|sofort|immédiatement|inmediatamente|즉시|直ちに|立即)\W*", h):
        return (0, 30)
    r = re.fullmatch(r"(\d+)\s*(?:-|–|to)\s*(\d+)\s*" + _UNIT + r"\W*", h)
    if r:
        return (_to_minutes(r.group(1), r.group(3)), _to_minutes(r.group(2), r.group(3)))
    low = re.search(r"(?:>|more than|over|after|beyond)\s*(\d+)\s*" + _UNIT, h)
    high = re.search(r"(?:<|less than|under|within|first|up to)\s*(\d+)\s*" + _UNIT, h)
    if not (low or high) or len(h) > 40:
        return None
    return (_to_minutes(low.group(1), low.group(2)) if low else 0,
            _to_minutes(high.group(1), high.group(2)) if high else float("inf"))


def _prefer_naming_pages(cands: list, pages: list[dict], q) -> None:
    """"Which follow-up from the ClickHouse outage was high priority?": where some candidate pages name the product
    the question names and others never do, an answer from a page that never names it is about something else."""
    names = [n for n in names_in(q.text) if n in q.subject and len(n) >= 4 and not ordinary(n)]
    if not names:
        return
    naming = {p["id"] for p in pages[:TOP_PAGES] if all(covers(p.get("said", ""), n) for n in names)}
    if not naming:
        return
    for c in cands:
        if c.page not in naming:
            c.score -= NOT_NAMED


def _prefer_after_what_was_done(cands: list, a) -> None:
    """"After restarting the PD node with --force-new-cluster, what command fixes the metadata?": the asker has done the
    step that flag belongs to; a line that runs it again is behind them, the next one is the answer."""
    m = AFTER_DONE.match(a.question.text)
    if not m:
        return
    done = {t.lower() for t in _FLAG.findall(m.group(1))} - {t.lower() for t in _FLAG.findall(m.group(2))}
    for c in cands if done else []:
        if any(t in c.text.lower() for t in done):
            c.score -= DONE_ALREADY


def _prefer_cause_to_stated_trigger(cands: list, a) -> None:
    """"What broke the nodes when they were upgraded to v0.9.18?" names the upgrade itself: the line that says the
    incident followed the migration to v0.9.18 restates the question; what went wrong in it answers."""
    if a.intents[:1] != ["root_cause"]:
        return
    asked = a.question.text.lower()
    for c in cands:
        if c.field == "trigger" and (named := _NAMED_VERSION.findall(c.text)) and any(
                n.lower().lstrip("v") in asked for n in named):
            c.score -= STATED_TRIGGER


_NAMED_VERSION = re.compile(r"(?<![\w.])v?\d+(?:\.\d+)+(?![\w.]*\w)")  # "v0.9.18", "2.14.0": the release a change went to
STATED_TRIGGER = 2.0


AFTER_DONE = re.compile(r"^\s*(?:after|once|now that|nach(?:dem)?|après|después de|depois de)\s+(.{3,160}?),\s*(.+)$", re.I)
DONE_ALREADY = 3.0
_FLAG = re.compile(r"(?<![\w-])--?[a-z][\w-]{2,}", re.I)  # "--force-new-cluster", "-f": a command's option


def _prefer_faults_when_asked_why_not(cands: list, a) -> None:
    """"Why wasn't PostgreSQL kept for sessions?": the option's listed drawbacks answer it, never its listed merits,
    which state as many of the question's words ("PostgreSQL … for sessions") and say the opposite."""
    if "drawback" not in a.answer_types[:2]:
        return
    for c in cands:
        if c.side == "good":
            c.score -= MERIT_NOT_FAULT
        elif c.kind == "typed" and c.field == "rejected" and _WITH_REASONS.search(c.text) and c.parts.get("type", 0) < 1.0:
            # "Aurora was considered but not chosen: lock-in AWS, menor portabilidad": what was against the option,
            # whatever words the notes used for it, is the shape the question wants
            c.score += rank.W_TYPE * (1.0 - c.parts.get("type", 0))
            c.parts["type"] = 1.0


MERIT_NOT_FAULT = 2.0
REJECTED, NOT_CHOSEN = "was rejected", "was considered but not chosen"  # how a_rejected says an option's fate
_WITH_REASONS = re.compile(rf"\b(?:{REJECTED}|{NOT_CHOSEN}): \S")  # a_rejected's sentence, with what was against it


def _prefer_same_prohibition(cands: list, a) -> None:
    """"Which pod must I not delete?": the line that forbids that act ("Do NOT delete the jupyterhub-db pod") answers
    it; the steps that do it ("Delete the jupyterhub pod") share every word but the one that matters."""
    asked = {stem(m.group(1)) for m in _FORBIDS.finditer(a.question.text)}
    if not asked:
        return
    for c in cands:
        if c.kind == "sentence" and any(stem(m.group(1)) in asked for m in _FORBIDS.finditer(_plain_emphasis(c.text))):
            c.score += PROHIBITION


_FORBIDS = re.compile(r"(?:\bnot|\bnever|n't|\bavoid)\s+(?:(?:ever|just|accidentally|yet|manually)\s+)?([a-z]{3,})", re.I)
PROHIBITION = 1.0


def _prefer_stated_no_effect(cands: list, a) -> None:
    """"Was any mail lost?", "Did the reset touch production data?", "Was the mirror knocked out?": a yes/no question
    whether something was hit is answered, most often, by the line that says it was not ("sin pérdida", "影響なし",
    "不受影响", "No resynchronization required"), which shares few of its words."""
    if a.answer_types[:1] != ["yesno"] or not _ASKS_EFFECT.search(a.question.text):
        return
    top = cands[0].page if cands else None
    for c in cands:
        if c.kind == "sentence" and c.page == top and _NO_EFFECT.search(c.text):
            c.score += NO_EFFECT


# what a yes/no question asks was hit: lost, affected, touched, knocked out, disabled, needed
_ASKS_EFFECT = re.compile(r"\b(?:lost|lose|loss|affect\w*|impact\w*|touch\w*|knock\w*|hit|disabled?|broke|broken|break|"
                          r"need(?:ed)?|require[sd]?|corrupt\w*|damag\w*|leak\w*|exposed?|stop(?:ped)?|down)\b", re.I)
# a line that says it was not: "not affected", "no data loss", "unaffected", "without loss", and so in the notes' languages
_NO_EFFECT = re.compile(
    r"\b(?:not|never|wasn't|weren't)\s+(?:\w+\s+)?(?:affected|impacted|touched|lost|required|needed|disabled|exposed|corrupted)\b"
    r"|\bunaffected\b|\bno\s+(?:\w+\s+)?(?:impact|loss|data loss|effect|downtime|resync\w*|resynchroni[sz]ation|action)\b"
    r"|\bwithout\s+(?:any\s+)?(?:loss|impact|data loss)\b|\bnothing\s+was\s+lost\b"
    r"|\bsin\s+(?:p[ée]rdida|impacto|afectaci[óo]n)|\bsans\s+(?:perte|impact)|\bohne\s+(?:verlust|datenverlust|auswirkung)"
    r"|\bsem\s+(?:perda|impacto)|\bnicht\s+betroffen|\bno\s+(?:afectad|afetad)|\bnon\s+(?:affecté|impacté|touché)"
    r"|影響(?:は)?(?:なし|無し|ありません|はない|を受けなかった|を受けていない)|不受(?:影响|影響)?|没有(?:影响|受到影响|丢失)|未受(?:影响|影響)"
    r"|무영향|영향\s*(?:없음|없었|을\s*받지\s*않)|손실\s*없", re.I)
NO_EFFECT = 1.5


def _plain_emphasis(text: str) -> str:
    return re.sub(r"[*_]{1,2}", "", text)


def _prefer_stated_interval(cands: list, a) -> None:
    """'How long did it take to resolve it?' on a page that says 'Time to resolve: 9 minutes': that line, not the
    incident's whole length (36 minutes) from the typed duration. Where no line states the interval, the typed
    duration stands (PyPI's 'took 2 hours and 2 minutes to fix' is the whole incident)."""
    m = ASKS_INTERVAL.search(a.question.text)
    if not m or a.answer_types[:1] != ["duration"]:
        return
    verb = m.group(0).split()[-1]
    stated = {c.page for c in cands if c.kind == "sentence" and c.parts.get("type") and covers(c.text, verb)}
    for c in cands:  # the line that states it may itself be the duration's ("Time to recovery: 31 minutes")
        if c.page in stated and c.kind == "sentence" and c.parts.get("type") and covers(c.text, verb):
            c.score += 1.0
        elif c.page in stated and (c.kind == "typed" and c.field == "duration" or c.field == "duration_minutes"):
            c.score -= 2.0


def _status_unstated(best, pages: list[dict], a) -> str | None:
    """The title of the decision a status question is about when that record states no status and names no
    successor: a sentence that merely mentions a status word ("superseeded" in an example badge) is no answer."""
    if a.intents[:1] != ["status"] or best.kind != "sentence" or best.parts.get("field"):
        return None  # a line that feeds the status ("**Estado:** Aprobada") is the record's own word for it
    page = next((p for p in pages if p["id"] == best.page), None)
    if page is None or page["type"] != "decision":
        return None
    status = str(_f(page, "status_text") or _f(page, "status") or "").lower()
    return page["title"] if status in ("", "unknown") and not _f(page, "superseded_by") else None


TOP_PAGES = 3
NOT_NAMED = 1.5
IDENT_MISS = 1.0


def exact_names(text: str) -> list[str]:
    """Identifiers in the question that name one thing: with a number in them, or a part everyday
    English does not use ("prod-users-db", "knhk-closed-loop", "SEC-227"; not "infrastructure-as-code")."""
    return [i for i in identifiers(text)
            if any(ch.isdigit() for ch in i) or any(p not in intents.STOP and not ordinary(p) for p in re.split(r"[-_]", i))]


# A labelled line that gives the whole: "Durée totale: ~45 minutes", "Total duration: 2h", "Gesamtdauer: 3 Stunden", "총 소요 시간: 1시간".
TOTAL_LABEL = re.compile(r"^[^:;]{0,40}(?<!\w)(?:total\w*|totaal|gesamt\w*|insgesamt|overall|итого|всего|общ\w+)(?!\w)[^:;]{0,30}:"
                         r"|^[^:;]{0,10}(?:合計|总计|合计|總計|총)[^:;]{0,12}:", re.I)
TOTAL_ROW = re.compile(r"^[^:;]{1,60}:\s*(?:\*\*)?(?:total|sum|grand total|overall|gesamt|summe|totale?|suma|合計|总计|合计|총계|합계)\b", re.I)


def _prefer_total_row(cands: list, a) -> None:
    """"What would the cluster cost per month?" over a cost table: its Total row, unless the question names another row;
    "how much time should I block for the cutover?" over a table of steps: the "Durée totale: ~45 minutes" line."""
    if a.answer_types[:1] not in (["money"], ["number"], ["duration"]):
        return
    totals = [c for c in cands if c.kind == "sentence" and c.row is not None
              and (c.row.kind == "row" and TOTAL_ROW.match(c.text) or TOTAL_LABEL.match(c.text))
              # "how many commits?": "총 소요 시간: 약 2시간" totals the time, not what was counted
              and not (a.answer_types[:1] == ["number"] and c.parts.get("type", 0) < 1.0)]
    if not totals:
        return
    rows = [c for c in cands if c.kind == "sentence" and c.row is not None and c.row.kind == "row"] or totals
    best_row = max(rows, key=lambda c: c.score)
    first_cell = best_row.text.split(";", 1)[0].split(":", 1)[-1]
    named = best_row not in totals and any(covers(first_cell, w) for w in a.question.subject)  # "the licensing line"
    for c in totals:
        if not named and c.page == best_row.page:
            c.score = max(c.score, best_row.score) + 0.5


def _prefer_named_sublist(cands: list, a, pages: list[dict]) -> None:
    """"What long-term fixes were agreed?" over action items grouped under "Immediate", "Short-term", "Long-term":
    the items under the heading the question names, not the whole list the field holds."""
    titles = {p["id"]: _named(p) for p in pages}
    for t in [c for c in cands if c.kind == "typed" and (c.field in LIST_INTENTS or c.field == "prerequisites")]:
        fields = INTENT_FIELDS.get(t.field, (t.field,))
        for c in cands:
            if c.kind != "sentence" or c.page != t.page or c.row is None or c.row.kind != "item" or " > " not in c.row.heading:
                continue
            part = c.row.heading.rsplit(" > ", 1)[1]
            if (c.field or "-").split(".")[0] not in fields and heading_field(part) not in fields:
                continue  # only a part of the same list, or a list of the same kind: "When this fires" items are not the steps
            named = [w for w in query_words(part) if w not in intents.STOP and w not in ROUTING and w not in PART_WORDS
                     and not covers(titles.get(c.page, ""), w)]  # "Follow-up actions" names no part; "Pre-Migration
            # Checklist" names "migration", but "Pre-Deployment Checklist" of the "Deployment Rollback" runbook only its page
            outside = not any(x["source"] == c.row.source and x["start_line"] <= c.row.start_line <= x["end_line"]
                              for s in t.sentences for x in s.cites)  # another list of that kind than the field's
            if named and all(covers(a.question.text, w) for w in named) and (outside or not all(covers(t.text, w) for w in named)):
                c.score = max(c.score, t.score + 0.1)


def _prefer_named_contact(cands: list, a, pages: list[dict], weights: dict[str, float]) -> None:
    """"Who do I ping on Telegram?" over a runbook's twenty contact lines: the line that says "Telegram", not
    the whole directory. Only words that few of the entries state count, and only the entries that say the most
    of them win; "whom do I call" takes them all."""
    titles = {p["id"]: _named(p) for p in pages}
    for t in [c for c in cands if c.kind == "typed" and c.field == "contacts" and len(c.sentences) >= CONTACTS_TO_PICK]:
        asked = [w for w in a.question.subject if w not in intents.STOP and w not in ROUTING and not w.isdigit()
                 and not covers(titles.get(t.page, ""), w)]
        rare = [w for w in asked if 0 < sum(covers(s.text, w) for s in t.sentences) * 3 <= len(t.sentences)]
        said = [(sum(weights.get(w, 1.0) for w in rare if covers(s.text, w)), s) for s in t.sentences]
        most = max((n for n, _ in said), default=0)
        if not most:
            continue
        lines = {(x["source"], x["start_line"]) for n, s in said if n == most for x in s.cites}
        for c in cands:
            if c.kind == "sentence" and c.page == t.page and c.row is not None and (c.row.source, c.row.start_line) in lines:
                c.score = max(c.score, t.score + 0.1)


CONTACTS_TO_PICK = 6  # a directory long enough that one entry of it is the answer


# Words that say a heading holds a list, not what the list is about.
PART_WORDS = {"up", "ups", "pre", "post", "checklist", "checks", "list", "items", "tasks"}


def _heading_of(c) -> str:
    """The heading path a sentence stands under ("" for a typed field)."""
    return c.row.heading if c.row is not None else ""


def _prefer_identified(cands: list, idents: list[str]) -> None:
    """An identifier in the question ("prod-users-db") names one thing: when some candidates state it
    (in the sentence, its heading or the line before), the others lose IDENT_MISS."""
    if not idents:
        return

    def states(c) -> bool:
        where = unaccented(f"{c.text} {_heading_of(c)} {c.context}".lower())
        return any(i in where for i in idents)

    hit = [states(c) for c in cands]
    if any(hit):
        for c, h in zip(cands, hit):
            if not h:
                c.score -= IDENT_MISS


def _same_number(best, cands: list, pages: list[dict], named: set[str]) -> list[Sentence]:
    """Two records share the number the question names (two repositories' ADR-014): answer from each,
    as the same field, rather than silently picking one."""
    if best.page not in named or len(named) < 2:
        return []
    titles = {p["id"]: p["title"] for p in pages}
    seen = {titles.get(best.page)}
    out: list[Sentence] = []
    for c in cands:
        if c.page in named and titles.get(c.page) not in seen and c.kind == best.kind and c.field == best.field:
            seen.add(titles.get(c.page))
            out += list(c.sentences) if c.kind == "typed" else [_row_sentence(c.row)]
    return out[:2]


def _supported(c, pages: list[dict], a, weights) -> bool:
    """A candidate answers the question only if its page is clearly about it, or the candidate itself
    (with its page title and heading) states enough of the question's subject words."""
    page = next((p for p in pages if p["id"] == c.page), None)
    if page is not None and page.get("coverage", 0) >= MIN_COVERAGE:
        return True
    title = page["title"] if page is not None else ""
    return coverage(f"{title} {_heading_of(c)} {c.text}", a.question.subject, weights) >= EVIDENCE


EVIDENCE = 0.2
_IMAGE_ONLY = re.compile(r"^\s*(?:\[?!\[[^\]]*\]\([^)]*\)\]?(?:\([^)]*\))?[\s.]*)+$")
_AMOUNT = re.compile(r"(?<![\w.-])\d[\d,.]*(?:(?i:k|m|mm|bn|b)\b|(?![\w-]))")  # 40, 1,200, 3.5, $3M — not the 0002 of "0002-2" or a v48
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# Counting people: the question asks how many of them, the answer must give a figure beside who was counted.
_PEOPLE = (r"(?:users?|customers?|clients?|accounts?|people|persons?|members?|players?|students?|visitors?|subscribers?|tenants?|"
           r"utilisateurs?|clients?|usuarios?|clientes?|usuários?|nutzer\w*|benutzer\w*|kunden?|utenti|пользовател\w*|"
           r"клиент\w*|用户|用戶|顾客|客户(?!端)|ユーザー?|利用者|顧客|사용자|고객|이용자)")
_HOW_MANY_PEOPLE = re.compile(rf"\bhow many\s+(?:\w+\s+){{0,2}}?{_PEOPLE}\b", re.I)
_FIGURE = r"(?<![\d:./-])\d[\d,.]*(?:\s*[-–~]\s*\d[\d,.]*)?(?![\d:/-])"  # a count, not a clock time or a date ("15:36 用户报错" counts no one)
_COUNTED_PEOPLE = re.compile(rf"{_FIGURE}\s*(?:%|percent|pour ?cent|por ?ciento|prozent)|{_FIGURE}[^.\n\d]{{0,30}}?{_PEOPLE}"
                             rf"|{_PEOPLE}[^.\n\d]{{0,30}}?{_FIGURE}"
                             r"|\b(?:all|every|no|none of the|tous les|todos los|alle|keine?)\s+(?:\w+\s+)?" + _PEOPLE, re.I)
# "What is the on-call phone number?", "which number do I call?": the number itself is asked for, not data that holds one
_ASKS_SHAPE_PHONE = re.compile(r"\b(?:what|which)(?:'s| is| are| was)?\b[^?]{0,40}\b(?:phone|telephone|hotline)\s+(?:number|line)\b"
                               r"|\bwhat\s+(?:number|phone)\s+(?:do|should|can)\s+(?:i|we)\s+(?:call|dial|ring)\b", re.I)
_PHONE = re.compile(r"(?<![\w-])(?!(?:19|20)\d\d[-/.]\d\d[-/.]\d\d)\+?\d[\d\s().-]{6,}\d(?![\w-])")
_ASKS_REGION = re.compile(r"\b(?:which|what|in which)\s+(?:\w+\s+)?(?:region|availability zone|data ?cent(?:er|re))\b", re.I)
_REGION = re.compile(r"\bregion\b|\b(?:us|eu|ap|sa|ca|me|af|il|cn)-(?:north|south|east|west|central)\w*-\d\b"
                     r"|\b(?:europe|asia|us|northamerica|southamerica|australia)-\w+\d\b|\b(?:east|west|north|south|central)(?:us|europe)\d?\b"
                     r"|\b(?:fra|par|ams|lon|nyc|sfo|sgp|tor|blr|syd)\d\b|région|región|região|リージョン|区域|리전", re.I)
_ASKS_OBJECTIVE = re.compile(r"\b(?:rto|rpo|recovery (?:time|point) objective)\b", re.I)
_OBJECTIVE = re.compile(r"\b(?:rto|rpo)\b|recovery (?:time|point) objective|objectif de (?:temps|point) de (?:reprise|récupération)"
                        r"|目標復旧|目标恢复|목표 복구|wiederherstellungs(?:zeit|punkt)ziel", re.I)
# An amount of money: a currency sign or word, or a price per period.
_MONEY = re.compile(r"[$€£¥₩]|\b(?:usd|eur|gbp|chf|jpy|dollars?|euros?|pounds?|cents?|bucks|budget\w*|cost\w*|price\w*|spen[dt]\w*|"
                    r"bill\w*|revenue|fees?|charged?|paid|pay|save[sd]?|saving\w*|per (?:month|year|hour|day)|a (?:month|year)|"
                    r"(?<=\d)/(?:month|mo|year|yr|hour|h)|monthly|yearly|annual\w*|kosten|coût\w*|costo\w*|custo\w*)\b|비용|費用|费用|成本|\d\s?(?:円|元)", re.I)  # "元数据" (metadata) is no yuan
STRICT_TYPES = {"person", "date", "duration", "money", "command", "size", "setting", "severity", "frequency", "version", "revision"}
WEAK_PAGE = 0.3


_CAUSE_UNKNOWN = re.compile(
    r"\b(?:root )?cause (?:is|was|remains|still)? ?(?:being (?:worked|investigated|looked)|under investigation|unknown|not (?:yet )?"
    r"(?:known|clear|identified|determined)|tbd|to be determined)|\binvestigating the (?:root )?cause\b", re.I)


_OWN_REASON = re.compile(r"\b(?:because|due to|caused by)\b", re.I)  # "…, because the disk filled": a reason of its own


_EXPECTED_OUTPUT = re.compile(
    r"^\s*(?:expected (?:result|output|response)s?|output|예상 결과|예상 출력|期待される結果|期待結果|期待値|预期结果|预期输出|"
    r"erwartete[sr]? (?:ergebnis|ausgabe)|resultado esperado|salida esperada|résultat attendu|sortie attendue|saída esperada)\s*[:：]", re.I)


def _off_type(c, a) -> bool:
    """A sentence that neither feeds the field asked for nor looks like the answer ("who …" answered with
    no name, team or handle) does not answer the question, however many of its words it repeats."""
    if c.kind == "typed" and c.parts.get("page", 1.0) < WEAK_PAGE and not c.parts.get("terms"):
        return True  # "who is on call for database recovery?": the contacts of a far weaker page that says none of it
    if c.kind == "sentence" and _IMAGE_ONLY.match(c.text):
        return True  # "![status-superseeded](…)": a picture's alt text shows an example, it states nothing
    if a.answer_types[:1] == ["command"] and c.kind == "sentence" and _EXPECTED_OUTPUT.match(c.text):
        return True  # "예상 결과: `… rolled back`": what a command prints, not what to run
    if a.answer_types[:1] == ["reason"] and _CAUSE_UNKNOWN.search(c.text) and not _OWN_REASON.search(c.text):
        return True  # "root cause is being worked at": says the cause is not known yet
    if (a.answer_types[:1] == ["reason"] and c.field in ("status", "status_text") and "superseded by" not in c.text
            and (c.kind == "typed" or not c.parts.get("type"))):
        return True  # "why is X no longer relevant?": "X is Deprecated", "status: Deprecated" say that it is, not why
    if (a.answer_types[:1] == ["person"] and c.field in ("status", "status_text")
            and (c.kind == "typed" or c.parts.get("type", 0) < 1.0)):
        return True  # "who signed off on it?": "ADR-10 is Accepted", "ステータス: 承認済み" say that someone did, not who
    if a.answer_types[:1] == ["deadline"] and c.kind == "typed" and c.field == "when":
        return True  # "by when is the postmortem due?": the day a record is dated is no deadline
    if a.answer_types[:1] == ["money"] and not (_AMOUNT.search(c.text) and _MONEY.search(c.text)):
        return True  # "how much did it cost per month?": a drawback with no amount in it is no answer, nor an "error 500"
    if a.answer_types[:1] == ["number"] and _HOW_MANY.search(a.question.text) and not re.search(r"\d", c.text):
        return True  # "how many users were affected?": a field saying why they were affected, with no figure, is no answer
    if _HOW_MANY_PEOPLE.search(a.question.text) and not _COUNTED_PEOPLE.search(c.text):
        return True  # "how many customers were double-charged?": a timeline's clock times count no one
    if _ASKS_SHAPE_PHONE.search(a.question.text) and not _PHONE.search(c.text):
        return True  # "what is the on-call phone number?": a line with no number to dial
    if _ASKS_REGION.search(a.question.text) and not _REGION.search(c.text):
        return True  # "which cloud region hosts it?": a line that names no region
    if _ASKS_OBJECTIVE.search(a.question.text) and not _OBJECTIVE.search(c.text + " " + _heading_of(c)):
        return True  # "what RTO did we commit to?": a restore command states no recovery objective ("### RTO" over "- Target: 30 min" does)
    if a.answer_types[:1] == ["version"] and c.kind == "typed" and not re.search(r"\d", c.text):
        return True  # "which PostgreSQL major version?": the chosen "PostgreSQL + pgvector" names no version
    # a sentence in the field asked for may answer in its own form, except a command: "what did we run to get it
    # back?" is not answered by the fix's prose around the command
    return (c.kind == "sentence" and bool(a.answer_types) and a.answer_types[0] in STRICT_TYPES
            and not c.parts.get("type") and (not c.parts.get("field") or a.answer_types[0] == "command"))
TYPED_BONUS = 1.0
# "What should I do first if Kaniko builds fail with MANIFEST_UNKNOWN?": first in that case, not the runbook's step 1;
# a step that shares only the runbook's own words ("dolop", "alerte") with the question does not name the case
SAYS_CASE = 0.7
_DO_FIRST = re.compile(rf"\b(?:do|try|check|run|look at) first\b|{intents.FIRST_THING_FOREIGN}", re.I)
_FIRST_IN_CASE = re.compile(r"\bfirst\b.{0,40}\b(?:if|when|in case|once)\b\s+\S", re.I)
ONE_PER_RECORD = {"detection", "resolution", "root_cause", "severity", "status", "deciders", "number", "context",
                  "consequences", "options", "summary", "meaning", "duration", "detected", "prerequisites"}  # fields a record states once, for the whole record
ROUTING = ROUTING_NOUNS | set("""
status state cause causes root impact severity priority step steps summary action actions item items follow followup
followups todo todos owner owners prerequisite prerequisites caveat caveats contact contacts escalation motivation
problem drawback drawbacks downside downsides benefit benefits upside upsides advantage advantages risk risks tradeoff
tradeoffs pros cons purpose implications timeline duration date day time considered reason reasons choice choices
outage outages
""".split())  # nouns that name the field asked for (or, as "the data inconsistency *outage*", the kind of record), not something its value must say
LASTING = {"down", "offline", "unavailable", "degraded", "broken", "failing", "out", "affected", "impacted", "disrupted",
           "unreachable", "last", "lasted", "take", "took"}  # what a duration is the length of
DOCUMENT_LEVEL = {"when", "duration", "detected", "resolved", "severity", "deciders", "status"}


def _page_scores(pages: list[dict]) -> dict[str, float]:
    if not pages:
        return {}
    top = max(pages[0]["score"], 1e-9)
    return {p["id"]: min(1.0, p["score"] / top) for p in pages[:TOP_PAGES]}


INTENT_WORD_WEIGHT = 0.5


def _sentence_weights(conn, db, a, weights: dict[str, float]) -> dict[str, float]:
    """Rarity weights for picking a sentence: subject words as for the page, the question's other
    content words ("restart", "sign", "cause") at half weight."""
    extra = [w for w in a.words if w not in weights]
    out = dict(weights)
    if extra:
        for w, v in idf_weights(conn, db, extra).items():
            out[w] = INTENT_WORD_WEIGHT * v
    situation = _SITUATION.search(a.question.text) if a.answer_types[:1] == ["yesno"] else None
    if situation:  # "did we lose any data *when dawarich-db went into CrashLoopBackOff*?": the clause sets the scene,
        for w in query_words(situation.group(1)):  # the line that answers says what was lost
            if w in out:
                out[w] *= SITUATION_WEIGHT
    return out


_SITUATION = re.compile(r"(?<=\w)\s+(?:when|while|after|before|during|once)\s+(.+)$", re.I)
SITUATION_WEIGHT = 0.5


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]


def _named(page: dict) -> str:
    """What the page's title already says, with the month of its date ("the May outage")."""
    d = str(page["fields"].get("date") or "")
    month = _MONTH_NAMES[int(d[5:7]) - 1] if re.match(r"\d{4}-(0[1-9]|1[0-2])", d) else ""
    return f"{page['title']} {month}"


def _typed_candidates(a, pages: list[dict], weights) -> list:
    """Today's field answerers as candidate generators: each matching intent on each of the best pages."""
    out = []
    ps = _page_scores(pages)
    for page in pages[:TOP_PAGES]:
        # the field is what the question's routing words ask for ("status", "consequences"): it need not repeat them
        words = [w for w in rank.residual(a.words, _named(page), covers) if w not in ROUTING]
        own = _page_weights(page, a.words, weights)
        if any(own.get(w, 1.0) for w in words):
            own = weights  # the page states some of the question's other words: a field that misses them is weaker
        # else the page states none of them ("drawbacks of *staying* on PostgreSQL"): no evidence, as for its sentences
        for k, intent in enumerate(a.intents[:3]):
            types = intents.TYPES_OF.get(intent, ())
            if intent not in ANSWERERS or page["type"] not in types:
                continue
            said = a.said_by_intent.get(intent, ())  # "resolved" asks for the resolution; "notic" was matched of "notice"
            asked = [w for w in words if not any(w == s or len(s) >= 4 and w.startswith(s) for s in said)
                     and not (intent == "duration" and w in LASTING)]  # "how long was it *down*": the state that lasted
            qi = dataclasses.replace(a.question, intent=intent, types=types,
                                     ordinal=intents.ordinal_of(a.question.text) if intent == "step" else None)
            sents = ANSWERERS[intent](page, qi)
            if not sents:
                continue
            c = rank.Candidate("typed", page["id"], intent, " ".join(s.text for s in sents), sentences=sents)
            fw = max((a.weight_of(f) for f in INTENT_FIELDS.get(intent, ())), default=0.0) or (1.0, 0.6, 0.4)[k]
            if (intent in ONE_PER_RECORD and k == 0 and fw >= 1.0 and page.get("coverage", 0) >= MIN_COVERAGE
                    and ps[page["id"]] >= WEAK_PAGE):  # a far weaker page that only links to the one asked about is not it
                # "how did we find out *the Knowledge Home cert had expired*": those words say which incident,
                # the record's one detection answers; a word the page never states is still asked of the field
                asked = [w for w in asked if not covers(page.get("said") or "", w)]
            rank.score(c, a, asked, own, ps[page["id"]], covers, stem, field_weight=fw)
            named = [w for w in rank.residual(a.question.subject, _named(page), covers)
                     if not w.isdigit() and w not in MONTHS and w not in ROUTING]  # "the June 2024 outage" names the document, not a moment
            # how long *the outage* lasted, or *the crash loop* it caused: the record's story names what lasted
            about = c.text + (" " + str(_f(page, "summary") or "") + " " + str(_f(page, "impact") or "") if intent in ("duration", "detected", "resolved") else "")
            if intent == "status":  # "is *the MSK choice* signed off": the decision's own words name it
                about += " " + str(_f(page, "summary") or "") + " " + str(_f(page, "decision") or "")
            dated = any(page["id"].startswith("incident-" + d) for d in a.dates if not d.startswith("-"))  # "… down on 2025-05-20"
            if intent in DOCUMENT_LEVEL and named and not dated and not any(rank.says(about, w, covers) for w in named):
                c.score -= 1.0  # "when did Tim sign off": asks about a moment inside the document, not its date
            else:
                c.score += TYPED_BONUS * ps[page["id"]]  # a curated field beats a raw sentence of its page that says no more
            if intent == "step" and _FIRST_IN_CASE.search(a.question.text):
                if c.parts.get("terms", 0.0) < SAYS_CASE:
                    c.score -= 2.0  # the runbook's own step 1 says nothing of the case asked about
            elif intent == "step" and k == 0 and not _DO_FIRST.search(a.question.text):
                c.score += 2.0  # "the third step": only the field knows which item is third
            # "Nginx answers 502 — what should I check first?": the first thing for that case, not the runbook's step 1
            if intent == "action_items" and sents[0].text.startswith("Done:") and ASKS_DONE.search(a.text):
                c.score += 1.0  # "which follow-up is already done": only the field knows each item's status
            out.append(c)
    return out


def _sentence_candidates(conn, a, pages: list[dict], weights) -> list:
    """Each sentence, item, row or code block of the best pages, scored against the question."""
    ps = _page_scores(pages)
    titles = {p["id"]: _named(p) for p in pages[:TOP_PAGES]}
    own = {p["id"]: _page_weights(p, a.words, weights) for p in pages[:TOP_PAGES]}
    out = []
    prev = label = owner = side = None
    for r in reads.of_pages(conn, list(ps)):
        words = rank.residual(a.words, titles[r.page_id], covers)
        lead = (prev.text if prev is not None and prev.source == r.source and prev.kind != "heading" and prev.heading == r.heading
                else "")  # a new section borrows nothing from the end of the one before ("(500 error)" above "Fase 2")
        if label is not None and label.source == r.source and label.heading == r.heading and label is not prev:
            lead = f"{label.text} {lead}"  # "2)Redis:" labels the "Pros:"/"Cons:" lines under it
        if r.kind != "code" and len(r.text) <= LABEL_CHARS and r.text.rstrip().endswith((":", "：")):
            label = r
        if r.kind != "item":
            side = vocab.merit_side(r.text) if len(r.text) <= LABEL_CHARS else None  # "**Avantages**" over a list
        elif prev is None or prev.source != r.source or prev.heading != r.heading:
            side = None
        labelled = r.kind == "item" and bool(_LABELLED_ITEM.match(r.text))
        if r.kind != "item" or prev is None or prev.source != r.source or prev.kind != "item" or r.start_line > prev.end_line + 2:
            owner = None  # a list starts here, or none goes on
        held_by = owner if labelled else None
        if r.kind == "item" and not labelled:
            owner = r
        prev = r
        asked = lead if lead and _ASKS.search(lead) and not _ASKS.search(r.text) else ""
        c = rank.Candidate("sentence", r.page_id, r.field, r.text, row=r, context=lead, owner=held_by,
                           side=side if r.kind == "item" else None, asked=asked)
        out.append(rank.score(c, a, words, own[r.page_id], ps[r.page_id], covers, stem,
                              field_weight=rank.sentence_field_weight(a, r)))
        if a.dates:
            # a log of dated entries ("#### 2025년 10월 3일 …"), or a timeline entry that opens with its day
            # ("30 July 2012, 02:33 IST. The line tripped"): the entry the question dates
            entry = _entry_dates(r.heading) or (_opening_dates(r.text) if r.field == "timeline" else ())
            if entry:
                c.score += DATED_ENTRY if any(same_day(d, e) for d in a.dates for e in entry) else -DATED_ENTRY
    return out


DATED_ENTRY = 1.5
_ASKS = re.compile(r"[?？][\s*_)）]*$")  # a line that is a question: a FAQ's, whose answer is the line after it


def _dated_as_asked(text: str, a) -> str:
    """A section dated "2025-09-05" says the day a question writes "September 5": it is given the question's words for it."""
    if a is None or not a.dates or not any(same_day(d, x) for d in a.dates for x in question_dates(text)):
        return text
    return text + "\n" + " ".join(date_phrases(a.question.text))


def _opening_dates(text: str) -> tuple[str, ...]:
    """The days a sentence opens with (its first 40 characters)."""
    return tuple(question_dates(text[:40]))


@lru_cache(maxsize=1024)
def _entry_dates(heading_path: str) -> tuple[str, ...]:
    """The dates of the deepest heading on a sentence's heading path that names one (the document's title aside)."""
    for h in reversed(heading_path.split(" > ")[1:]):
        found = question_dates(h)
        if found:
            return tuple(found)
    return ()


LABEL_CHARS = 40  # a short line ending in a colon labels what follows it, like a heading


def _page_weights(page: dict, words: list[str], weights: dict[str, float]) -> dict[str, float]:
    """A question word the page never states cannot tell its sentences apart: it weighs a quarter when
    scoring that page's sentences, and when the page states none of them (a Japanese post-mortem never
    says "bill" or "overnight") they do not count at all (the term part is then neutral)."""
    said = page.get("said") or ""
    if not said:
        return weights
    absent = {w for w in words if not rank.says(said, w, covers)}
    residual = rank.residual(words, _named(page), covers)
    factor = 0.0 if residual and set(residual) <= absent else UNUSED_WORD
    return {**weights, **{w: weights.get(w, 1.0) * factor for w in absent}}


def _global_candidates(conn, db, a, weights, dfs: dict[str, int]) -> list:
    """No page is about the question: the best-matching sentences anywhere, if they cover enough of it
    (those holding its rare words, or when it has none, every one of its words)."""
    out = []
    subject = a.question.subject
    rows = uncited_lines(conn, db, subject, dfs) or reads.matching(conn, db, subject, limit=40, every=True)
    for r in rows:
        if coverage(f"{r.heading} {r.text}", a.question.subject, weights) < MIN_COVERAGE:
            continue
        c = rank.Candidate("sentence", r.page_id, r.field, r.text, row=r)
        out.append(rank.score(c, a, a.question.subject, weights, 0.5, covers, stem, field_weight=rank.sentence_field_weight(a, r)))
    return out


# A second or third sentence of the best one's page is shown when it scores at least half as well: within one
# page the ranker often puts the stating sentence just below one that repeats the question's words (a heading's
# restatement, a neighbouring step), and an answer of up to three cited sentences still reads as an answer. Below
# RUNNER_UP_CLOSE a runner-up must also stay with what was asked (see _runners_up), and after a table row only a
# close one is shown.
RUNNER_UP = 0.5
RUNNER_UP_CLOSE = 0.8
LIST_INTENTS = {"action_owner", "action_items", "step", "deciders", "severity"}  # already the exact item


def _runners_up(conn, best, cands: list, have: list[Sentence], lead: list[Sentence] = (), drawback: bool = False,
                names: list[str] = (), title: str = "") -> list[Sentence]:
    """Sentences nearly as good as the best one, from its page, when the answer has room (at most 3 in all, not
    counting the `lead` that gives the best one its context). Asked for a `drawback`, a merit is none; `names` are
    the names and identifiers the question gives, `title` the page's."""
    if best.kind == "typed" and best.field in LIST_INTENTS:
        return []  # a field value is the whole answer
    row = best.row is not None and best.row.kind == "row"  # a table row: another only when nearly as good (the next moment)
    out: list[Sentence] = []
    cited = {(c["source"], c["start_line"]) for s in [*lead, *have] for c in s.cites}
    lists, said, above = _answer_context(conn, have)
    named = [n for n in names if covers(said, n) and not covers(title, n)]  # what the whole page is about, every sentence shares
    named_above = [n for n in named if covers(above, n)]
    for c in cands[1:6]:
        if sum(not s.listed for s in have) + len(out) >= 3 or c.score < (RUNNER_UP_CLOSE if row else RUNNER_UP) * best.score:
            break
        if c.kind != "sentence" or c.page != best.page or c.row.kind in ("heading", "meta"):
            continue
        entry = c.row.kind == "item" and bool(_LABELLED_ITEM.match(c.text))  # "Slack: #kasse-alarm", "Option A: …"
        own = f"{c.row.heading} {c.text}"
        if c.score < RUNNER_UP_CLOSE * best.score and (
                _bare(c.text) or entry and (c.row.source, c.row.heading, c.row.kind) in lists
                or any(not covers(own, n) for n in named_above) or entry and any(not covers(own, n) for n in named)):
            continue  # a label; another entry of the answer's own list ("Option A: …" beside the "Option B" asked about);
            # one from outside the part whose heading names what was asked ("### Build fails with MANIFEST_UNKNOWN"); or an
            # entry that drops a name the answer shares with the question ("E-Mail: …" asked about Telegram)
        if drawback and gives_merit(c.text):
            continue
        if (c.row.source, c.row.start_line) in cited:
            continue
        cited.add((c.row.source, c.row.start_line))
        out.append(_whole_item(conn, c.row))
    return out


def _answer_context(conn, have: list[Sentence]) -> tuple[set[tuple[str, str, str]], str, str]:
    """The lists and tables the answer's sentences are items or rows of, (source, heading, kind); what the answer says
    with the headings it stands under; and those headings alone."""
    out, said, above = set(), [], []
    for s in have:
        said.append(s.text)
        for c in s.cites:
            for r in reads.in_lines(conn, c["source"], c["start_line"], c["end_line"]):
                above.append(r.heading)
                if r.kind in ("item", "row"):
                    out.add((r.source, r.heading, r.kind))
    return out, " ".join(said + above), " ".join(above)


def _bare(text: str) -> bool:
    """A label, not a statement: one or two words ("LaunchDarkly."). Not said of Chinese or Japanese, written
    without spaces ("シフト枠一覧画面" is the screen an outage took down)."""
    return len(re.findall(r"\w+", text)) < 3 and len(text) < 30 and not _HAS_CJK.search(text)


ITEM_CHARS = 400


def _whole_item(conn, r) -> Sentence:
    """A list item is read whole: "- Automatizaciones: Si tienes GitHub Actions … automático. Verifica si es necesario
    desactivar temporalmente los workflows." — the sentence that matched the question and the one on its line that says
    what to do are one answer. Only the sentences sharing the item's lines, and only while the item is short."""
    if r.kind != "item":
        return _row_sentence(r)
    rows = [n for n in reads.neighbours(conn, r.source, r.position, 3, 3)
            if n.kind == "item" and n.start_line <= r.end_line and n.end_line >= r.start_line]
    if len(rows) < 2 or sum(len(n.text) for n in rows) > ITEM_CHARS:
        return _row_sentence(r)
    text = " ".join(_clean(n.text) for n in rows)
    return Sentence(text, [{"page": r.page_id, "source": r.source, "start_line": min(n.start_line for n in rows),
                            "end_line": max(n.end_line for n in rows)}])


def _row_sentence(r) -> Sentence:
    text = _clean(r.text) if r.kind != "code" else "`" + " ".join(r.text.split()) + "`"
    when = rank.time_heading(r.heading)
    if when and when not in text:
        text = f"{when} — {text}"  # a timeline written as one heading per moment ("### 13:27")
    elif _CLOCK_FIRST.match(text) and not question_dates(text) and not _NUMERIC_DATE.search(text):
        day = _day_heading(r.heading)
        if day:
            text = f"{day}: {text}"  # "14:36 outage mitigated" under "### 06-10-2021 (All times CEST)": which day
    return Sentence(text, [{"page": r.page_id, "source": r.source, "start_line": r.start_line, "end_line": r.end_line}])


def _in_their_words(conn, sents: list[Sentence]) -> list[Sentence]:
    """A typed answer writes a value the compiler's way ("ADR-9", "2021-10-06", "11:00"); where the line it cites spells it
    otherwise ("ADR-0009", "6 octobre 2021", "11 AM"), that line is quoted beside it, so the reader sees the notes' own words."""
    out, quoted = [], set()
    for s in sents:
        values = _NORMALISED.findall(s.text)
        c = s.cites[0] if s.cites else None
        if values and c is not None and (c["source"], c["start_line"]) not in quoted:
            said = " ".join(r.text for r in reads.in_lines(conn, c["source"], c["start_line"], c["end_line"]))
            if said and len(said) <= QUOTE_CHARS and any(v not in said for v in values) and said not in s.text:
                s = Sentence(f"{s.text.rstrip('.')} (“{said.rstrip()}”).", s.cites)
                quoted.add((c["source"], c["start_line"]))
        out.append(s)
    return out


_NORMALISED = re.compile(r"\bADR-\d+\b|\b\d{4}-\d{2}-\d{2}\b|(?<![\d:])\d{2}:\d{2}\b(?!:)")
QUOTE_CHARS = 240


_NUMERIC_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b")  # "06-10-2021", "3/4/24": a day, whichever order
_CLOCK_FIRST = re.compile(r"\s*(?:[-*]\s*)?\**\[?\d{1,2}[:h]\d{2}\b")


def _day_heading(heading_path: str) -> str:
    """The deepest heading on a sentence's path that dates it, as written, when it is short enough to repeat."""
    for h in reversed(heading_path.split(" > ")[1:]):
        if question_dates(h) or _NUMERIC_DATE.search(h):
            return h.strip() if len(h.strip()) <= LABEL_CHARS else ""
    return ""


def _with_cause_before(conn, best, sents: list[Sentence]) -> list[Sentence]:
    """"What caused the dropped connections?": a sentence that tells the effect ("…, resulting in dropped
    connections") follows the one that tells what set it off ("One of the databases failed in an autovacuum…");
    both are the answer, in their order."""
    r = best.row
    if r is None or r.kind != "sentence" or not _TELLS_EFFECT.search(r.text):
        return sents
    prev = _row_before(conn, r)
    if prev is not None and prev.kind == "sentence" and prev.start_line <= r.start_line <= prev.end_line + 1:
        return [_row_sentence(prev)] + sents
    return sents


def _row_before(conn, r):
    """The sentence-index row just before `r` in its source, or None."""
    return next((n for n in reads.neighbours(conn, r.source, r.position, 1, 0) if n.position == r.position - 1), None)


# What a record says when it turns an option down, in the languages notes are written in: "SQLite foi considerado e
# descartado", "apporterait … mais au prix d'une complexité", "wurde verworfen", "不采用", "기각"
_TURNS_DOWN = re.compile(
    r"\b(?:reject\w*|discard\w*|ruled\s+out|dropped|not\s+(?:chosen|selected|adopted|pursued)|instead|but|however"
    r"|descartad\w*|rejeitad\w*|rechazad\w*|rejet\w*|écart\w*|abandonn\w*|mais|cependant|toutefois|pero|sin\s+embargo"
    r"|porém|entretanto|contudo|verworfen|abgelehnt|aber|jedoch|scartat\w*|però|tuttavia|отклон\w*|однако|но)\b"
    r"|却下|不採用|見送|しかし|ただし|不采用|放弃|弃用|排除|但是|但|기각|제외|하지만|그러나|反面|一方", re.I)
_OPTION_LABEL = re.compile(r"\b((?:solution|option|opção|opcion|opción|variante|alternative|alternativa|方案|案|방안|안)\s*\d+)", re.I)
_ALIAS = re.compile(r"\(([^()]{2,40})\)")
DECIDED_AGAINST_CHARS = 160  # the sentence after it, when short of this, is where the reason usually stands


def _decided_against(conn, best, sents: list[Sentence]) -> list[Sentence]:
    """"Why didn't we embed SQLite?": beside the option's own listed drawbacks, the record's sentence that names it and
    turns it down ("SQLite foi considerado e descartado.") and, when that sentence is short, the one after it, which
    gives the reason ("Não há consultas relacionais…"). Nothing when no sentence outside the option's own lines does."""
    m = re.match(rf"(?:\d+[.)]\s*)?(.+?) (?:{REJECTED}|{NOT_CHOSEN})", best.text)
    cites = [c for s in sents for c in s.cites]
    if not m or not cites:
        return []
    name = m.group(1)
    keys = {x.lower() for x in _ALIAS.findall(name) + _OPTION_LABEL.findall(name)}
    words = set(re.findall(r"[^\W\d_]{5,}", unaccented(_ALIAS.sub(" ", name).lower())))
    source = cites[0]["source"]
    own = [(c["start_line"], c["end_line"]) for c in cites if c["source"] == source]
    rows = reads.in_lines(conn, source, 1, 10**9)
    for i, r in enumerate(rows):
        if r.kind not in ("sentence", "item") or any(lo <= r.start_line <= hi or lo <= r.end_line <= hi for lo, hi in own):
            continue
        text = unaccented(r.text.lower())
        named = any(re.search(rf"(?<!\w){re.escape(unaccented(k))}(?!\w)", text) for k in keys) \
            or len(words) >= 2 and sum(w in text for w in words) >= 2
        if not named or not _TURNS_DOWN.search(r.text):
            continue
        out = [_row_sentence(r)]
        after = rows[i + 1] if i + 1 < len(rows) else None
        if len(r.text) < DECIDED_AGAINST_CHARS and after is not None and after.kind == r.kind and after.start_line <= r.end_line + 1:
            out.append(_row_sentence(after))
        return out
    return []


def _antecedent(conn, best, lead: list[Sentence]) -> list[Sentence]:
    """A sentence that opens by pointing back ("This would cause the implementation contract to be destroyed…",
    "Isso fez…", "これにより…") is answered with the sentence it points at, which names what "this" is."""
    r = best.row
    if r is not None and r.kind == "sentence" and _SUMS_UP_LIST.search(r.text):
        return _list_before(conn, r)
    if r is None or r.kind not in ("sentence", "item") or not _POINTS_BACK.match(r.text):
        return []
    before = reads.neighbours(conn, r.source, r.position, ITEM_SENTENCES if r.kind == "item" else 1, 0)
    prev = [n for n in before if n.position == r.position - 1]
    if not prev or prev[0].kind != r.kind or prev[0].end_line < r.start_line - 1:
        return []
    if r.kind == "item":  # "- De library SQLite die … implementeert. Je hoeft niets te installeren. Het is handiger …":
        # a later sentence of one item points back at what the item opens with
        run = [n for n in before if n.position < r.position and n.kind == "item" and n.start_line == r.start_line]
        prev = run[:1] if run and len(run) == r.position - run[0].position else prev
    led = {(c["source"], c["start_line"], c["end_line"]) for s in lead for c in s.cites}
    return [] if (prev[0].source, prev[0].start_line, prev[0].end_line) in led else [_row_sentence(prev[0])]


def _list_before(conn, r) -> list[Sentence]:
    """The list a closing sentence sums up, its items in order (up to LIST_SUMMED), when it follows them directly."""
    prev = [n for n in reads.neighbours(conn, r.source, r.position, LIST_SUMMED, 0) if n.position < r.position]
    items: list = []
    for n in reversed(prev):
        if n.kind != "item" or n.end_line < (items[0].start_line if items else r.start_line) - 2:
            break
        items.insert(0, n)
    return [_row_sentence(n) for n in items]


LIST_SUMMED = 6
# "The combination of these factors led to …", "All of the above …", "Ces facteurs …": the list before it is the answer
_SUMS_UP_LIST = re.compile(
    r"\b(?:these|those|the above|the (?:previous|preceding))\s+(?:\w+\s+)?(?:factors|reasons|issues|problems|causes|conditions|points"
    r"|mistakes|failures|errors|gaps)\b|\ball (?:of )?the above\b|\bces (?:facteurs|raisons|causes|problèmes|erreurs)\b"
    r"|\bdiese(?:r|n)? (?:faktoren|gründe|ursachen|probleme|fehler)\b|\bestos (?:factores|motivos|problemas|errores)\b"
    r"|\bestes (?:fatores|motivos|problemas|erros)\b|これらの(?:要因|原因|問題)|这些(?:因素|原因|问题)|이러한 (?:요인|원인|문제)", re.I)
_POINTS_BACK = re.compile(
    r"\W{0,3}(?:(?:this|that|these|those|it|such|thus|hence|therefore|as\s+a\s+result)\b(?!\s*(?:is|was)\s+(?:the|a|an)\s)"
    r"|(?:esto|eso|esta|este|isso|isto|essa|esse|cela|ceci|cette|dies|dadurch|deshalb|это|эт[оа]т?)\b"
    # "Het is handiger dan PostgreSQL …" after "De library SQLite …": Dutch, German, French, Italian, Ukrainian "it is", "this"
    r"|(?:dit|hierdoor|daardoor|daarom|daher|damit|questo|questa|ciò|це|цей|ця|тому)\b"
    r"|(?:(?:het|das|es|il|elle)\s+|c['’]\s*)(?:is|was|wordt|werd|zou|kan|heeft|ist|war|wird|wurde|würde|hat|est|était|sera|permet)\b"
    r"|(?:这|此|因此|これ|この|それ|その|이로|이것|이\s))", re.I)
ITEM_SENTENCES = 4  # how far back a pointing sentence looks for the opening of its own list item
_LABELLED_ITEM = re.compile(r"^\W{0,4}[^\W\d_][\w ./-]{0,28}\**\s*[:：]\s*\S")


def _with_change_before(conn, best, sents: list[Sentence]) -> list[Sentence]:
    """"**Benefit**: prevents parallel runs" under a "**Change**:" block: what the change brings says why, the change
    before it (the `flock` lines) says what was done; both answer "what prevents parallel runs?", the change first."""
    r = best.row
    if r is None or r.kind != "sentence" or not _BENEFIT_LABEL.match(r.text):
        return sents
    prev = _row_before(conn, r)
    if prev is not None and prev.kind in ("code", "sentence", "item") and prev.end_line >= r.start_line - 3:
        return [_row_sentence(prev)] + sents
    return sents


# A line that names what a change brings: "Benefit: …", "Nutzen: …", "効果：…"
_BENEFIT_LABEL = re.compile(r"^\W*(?:benefits?|effects?|results?|outcome|nutzen|vorteile?|wirkung|effet|bénéfices?|beneficios?|"
                            r"efecto|benefícios?|efeito|効果|효과|이점|好处|效果|收益)\W*\s*[:：]", re.I)
_TELLS_EFFECT = re.compile(r"\b(?:resulting in|leading to|which (?:led to|caused|resulted in)|as a result|causing)\b", re.I)


def _sentence_answer(conn, best, cands) -> list[Sentence]:
    """The best sentence, plus what it introduces (after a colon) or the sentence that continues it (up to 3)."""
    r = best.row
    out = [_row_sentence(r)]
    if r.kind == "row":
        return out
    after = [n for n in reads.neighbours(conn, r.source, r.position, 0, 3) if n.position > r.position]
    opens_list = (r.kind == "sentence" and not r.text.rstrip().endswith((".", "!", "?", "。", ")"))
                  and bool(after) and after[0].kind == "item")  # "The other ideas that were suggested" over a list
    if r.text.rstrip().endswith((":", "：")) or r.kind == "heading" or INTRODUCES.search(r.text) or opens_list:
        for n in after[:2]:
            if n.kind == "heading":
                break
            out.append(_row_sentence(n))
            if n.kind == "code":
                break  # what was introduced is the block; the sentence after it is not
        return out
    if r.kind == "code" and after and after[0].kind == "sentence" and EXPLAINS_ABOVE.search(after[0].text[:80]):
        out.append(_row_sentence(after[0]))  # an error's output, then "if you get an error like the one above, unmount …"
        return out
    scores = {c.row.id: c.score for c in cands if c.row is not None}
    for n in after[:2]:
        if n.kind in ("heading", "meta") or n.kind != r.kind or n.start_line > r.end_line + 1:
            break
        if scores.get(n.id, 0) < 0.75 * best.score and not (r.field and n.field == r.field):
            break
        out.append(_row_sentence(n))
        if n.text.rstrip().endswith((":", "：")):  # "…, it also has several downsides:": what it goes on to list
            out += [replace(_row_sentence(x), listed=True) for x in reads.neighbours(conn, n.source, n.position, 0, LISTED)
                    if x.position > n.position and x.kind == "item"][:LISTED]
            break
    return out


LISTED = 3  # items of a list a continuing sentence introduces, read with it


# A sentence that explains the block above it: "If you see this error, …", "如果收到类似上面的错误提示", "위와 같은 오류가 …".
EXPLAINS_ABOVE = re.compile(r"\b(?:if you (?:see|get|hit|receive)|this (?:error|message|output) means|the (?:error|message|output) above)\b"
                            r"|上面|上述|以上(?:的)?(?:错误|报错|提示)|上記|위와 같은|위의 (?:오류|에러|메시지)|ci-dessus|\boben\b|\banterior\b|\bвыше\b", re.I)
SUPERSEDED = re.compile(r"supersed\w*|replaced by|replaces", re.I)
INTRODUCES = re.compile(
    r"\b(the following|as follows|below|this command|these commands)\b"
    # "…、次を実行します。", "执行以下命令", "다음을 실행합니다", "lo siguiente", "ci-dessous", "folgende", "следующ…"
    r"|次を|次の(?:コマンド|手順)|以下(?:の|を|命令|步骤|操作|内容|脚本|指令|[:：])|下記|如下|下面(?:的|命令|步骤)"
    r"|다음(?:을|과\s*같이|\s*명령)|아래(?:와\s*같이|의|\s*명령)|\b(?:lo\s+siguiente|los\s+siguientes|a\s+continuación|ci-dessous|suivant(?:e|es|s)?"
    r"|folgende[nms]?|nachfolgend\w*|o\s+seguinte|os\s+seguintes|abaixo|следующ\w*|ниже)\b",
    re.I)


def _hops(conn, best, sents: list[Sentence]) -> list[Sentence]:
    """For status answers: follow "superseded by ADR-N" to that record and say what it is."""
    if best.field not in ("status", "status_text", "superseded_by") and not any(SUPERSEDED.search(s.text) for s in sents):
        return []
    out = []
    for s in sents:
        if not SUPERSEDED.search(s.text):
            continue
        for n in adr_numbers(SUPERSEDED.split(s.text, 1)[-1])[:2]:
            for pid in _numbered(conn, [n]):
                row = conn.execute("SELECT id, title, fields, field_citations FROM pages WHERE id = :id", {"id": pid}).first()
                if row is None or row.id == best.page:
                    continue
                f, fc = json_value(row.fields), json_value(row.field_citations)
                st = f.get("status_text") or f.get("status")
                key = "status_text" if f.get("status_text") else "status"
                cites = [{"page": row.id, "source": c["source"], "start_line": c["start_line"], "end_line": c["end_line"]}
                         for c in (fc.get(key) or [])]
                if st and cites:
                    out.append(Sentence(_clean(f"{row.title} is {st}"), cites))
    return out


# --- finding the page a question is about ---


@lru_cache(maxsize=4096)
def stem(w: str) -> str:
    """A crude stem for coverage checks (the index itself uses Porter)."""
    if re.search(r"[\uac00-\ud7af]", w):
        for p in intents.HANGUL_PARTICLES:
            if w.endswith(p) and len(w) > len(p) + 1:
                return w[: -len(p)]
        return w
    for suf in ("ations", "ation", "ised", "ized", "ings", "ing", "ions", "ion", "ise", "ize", "ies", "ed", "es", "s", "ly", "er", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            if suf in ("ed", "ing", "ings", "er") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "logged" -> "log", "stopped" -> "stop", "running" -> "run"
            return base
    if w.endswith("y") and len(w) >= 6:
        return w[:-1]  # "healthy" -> "health", "recovery" -> "recover"
    return w


@lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    """Lower case, accents folded ("fuité" finds "fuite"), camelCase split ("GenerateAiCommentJob" says "job")."""
    if not text.isascii() and _HAS_CJK.search(text):
        text = _SCRIPT_EDGE.sub(" ", text)  # "地図APIの" says "api"; "V48을" says "v48"
    return unaccented(_CAMEL.sub(" ", text).lower() + "\n" + text.lower() if _CAMEL.search(text) else text.lower())


@lru_cache(maxsize=4096)
def _stem_folded(w: str) -> str:
    return stem(unaccented(w))


def _starts_word(low: str, st: str, whole: bool = False) -> bool:
    r"""`st` occurs at the start of a word of `low` (after a non-letter, a digit-free edge or "_"):
    the regex (?<![^\W_])st, without scanning every position of a long text. `whole`: a whole word
    or its plural ("pr" is not said by "producto")."""
    short = whole
    i = low.find(st)
    while i != -1:
        if i == 0 or not low[i - 1].isalnum():
            end = i + len(st)
            if not short or end >= len(low) or not low[end].isalnum() or (
                    low[end] == "s" and (end + 1 >= len(low) or not low[end + 1].isalnum())):
                return True
        i = low.find(st, i + 1)
    return False


@lru_cache(maxsize=1024)
def _squeezed(low: str) -> str:
    return re.sub(r"[\s_-]+", "", low)  # "dead letter" says "deadletter"


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CJK = KANA + HAN + HANGUL
_HAN_KANA_WORD = re.compile(f"[{KANA}{HAN}]+")
_HAS_CJK = re.compile(f"[{_CJK}]")
_SCRIPT_EDGE = re.compile(f"(?<=[{_CJK}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{_CJK}])")


_KATAKANA = re.compile(r"[\u30a0-\u30ffー]{5,}")
_KATAKANA_ENDING = re.compile(r"(?:ション|メント|ター|ティー?|ング|ー)+$")


def covers(text: str, w: str, date: str | None = None) -> bool:
    low = _lower(text)
    if w[:1].isdigit() and intents.VERSION.fullmatch(w):
        return re.search(rf"(?<![\w.])v?{re.escape(w)}(?![\w.]*\w)", low) is not None  # "1.5.1" is also written "v1.5.1"
    if not w.isascii() and _HAS_CJK.search(w) and re.fullmatch(r"\d+\D{1,2}", w):
        return _SCRIPT_EDGE.sub(" ", w).lower() in low  # "10월", "3日": read the way _lower splits the text
    if not w.isascii() and _HAN_KANA_WORD.fullmatch(w):
        if w in low or any(i in low for i in equivalents(w)):  # Chinese and Japanese write words without spaces: "把配置删掉"
            return True
        stem = _KATAKANA_ENDING.sub("", w) if _KATAKANA.fullmatch(w) else ""
        return len(stem) >= 3 and stem in low  # "シミュレーター" / "シミュレーション": one loanword, two endings
    if _starts_word(low, _stem_folded(w), whole=len(w) <= 2 and w.isascii()) or (len(w) >= 6 and unaccented(w) in _squeezed(low)):
        return True
    if any(_starts_word(low, f, whole=True) for f in inflections(w)):
        return True  # "did the scheduler hang?": "the thread hung"
    latin, other = _equivalent_forms(w)
    if any(_starts_word(low, st) for st in latin) or (other and not low.isascii() and any(
            _starts_word(low, f) if cyr else f in low for f, cyr in other)):
        return True  # "log shipper": the notes name fluentbit; "database": a Spanish ADR says "base de datos"
    root = _cognate_root(w)
    if root and _starts_word(_cognate_text(low), root):
        return True  # "synchronous" / "síncrono", "architecture" / "Architektur" / "arquitectura": one word, spelt per language
    return bool(w in MONTHS and date and str(date)[4:8] == f"-{MONTHS[w]}-")


# Spellings that differ between the Latin-script languages for one borrowed word ("ph"/"f", "ch"/"c"/"k"/"qu", "y"/"i",
# "z"/"s", doubled letters): written one way, a word and its cognates compare equal.
_COGNATE_LETTERS = (("ph", "f"), ("th", "t"), ("ch", "c"), ("qu", "c"), ("k", "c"), ("y", "i"), ("z", "s"))
_ENGLISH_ENDING = re.compile(r"(?:ous|ics|ic|ity|ities|ation|ations|ize|ise|ized|ised|al|ally|y|e|s)$")
COGNATE_ROOT = 5  # letters a root keeps at least, so that short words ("case", "data") do not meet by chance


def _cognate(text: str) -> str:
    for a, b in _COGNATE_LETTERS:
        text = text.replace(a, b)
    return re.sub(r"([a-z])\1", r"\1", text)


@lru_cache(maxsize=4096)
def _cognate_root(w: str) -> str:
    """The root of an English word as its cognates share it ("synchronous" -> "sincron"), "" when too short to tell."""
    if not w.isascii() or not w.isalpha() or len(w) < 6:
        return ""
    root = _cognate(_ENGLISH_ENDING.sub("", w.lower()))
    return root if len(root) >= COGNATE_ROOT else ""


@lru_cache(maxsize=4096)
def _cognate_text(low: str) -> str:
    """`low` as `_lower` gives it (already folded), spelt the cognate way."""
    return _cognate(low)


@lru_cache(maxsize=4096)
def _equivalent_forms(w: str) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """The other ways of saying `w`, split once: the ASCII stems (all an English text can hold) and the rest
    (Cyrillic and accented stems that must start a word, CJK forms found anywhere)."""
    latin, other = [], []
    for i in equivalents(w):
        if i.isascii() or not _HAS_CJK.search(i):
            st = _stem_folded(i)
            if st.isascii():
                latin.append(st)
            else:
                other.append((st, True))
        else:
            other.append((i, False))
    return tuple(latin), tuple(other)


def coverage(text: str, subject: list[str], weights: dict[str, float] | None = None, date: str | None = None) -> float:
    """Share of the subject's words `text` mentions, each word weighted by how rare it is in the wiki."""
    if not subject:
        return 0.0
    weights = weights or {}
    total = sum(weights.get(w, 1.0) for w in subject)
    return sum(weights.get(w, 1.0) for w in subject if covers(text, w, date)) / total


def doc_freqs(conn, db, words: list[str]) -> dict[str, int]:
    """How many index units hold each word (counted up to 500)."""
    from lorebook.query.search import doc_freq

    return {w: doc_freq(conn, db, w) for w in set(words)}


def idf_weights(conn, db, subject: list[str], names: set[str] = frozenset(),
                dfs: dict[str, int] | None = None, plain: set[str] = frozenset()) -> dict[str, float]:
    """log-scaled inverse document frequency of each subject word over the index units."""
    import math

    from lorebook.query.search import unit_count

    dfs = dfs if dfs is not None else doc_freqs(conn, db, subject)
    n = max(unit_count(conn), 1)
    out = {}
    for w in set(subject):
        df = dfs[w]
        out[w] = math.log((n + 1) / (df + 0.5)) * generality(w)
        if df == 0 and (ordinary(w) or w in plain) and w not in names:
            out[w] *= UNUSED_WORD  # the wiki says it another way ("wipes" for flushall): no evidence either way
        if w in intents.KIND_WORDS and len(set(subject)) > 1:
            out[w] *= KIND_WORD
    return out


KIND_WORD = 0.3


def capitalised_words(text: str) -> set[str]:
    """The words of the tokens a question capitalises after its first word ("Frankfurt", "GraphQL", "GOV.UK"); a
    question word opening a second sentence ("… est-il finalisé ? *Quel* est son statut ?") names nothing."""
    out = set()
    for m in list(re.finditer(r"[\w.-]+", text))[1:]:
        t = m.group(0)
        if not t[:1].isupper():
            continue
        if re.search(r"[.?!。？！]\s*$", text[:m.start()]) and (t.lower() in intents.STOP or t.lower() in FOREIGN_STOP):
            continue
        out.update(query_words(t))
    return out


def names_in(text: str) -> set[str]:
    """Words the question capitalises after its first word ("Frankfurt", "GraphQL"), and the word that
    names a system ("the *payments* service", "the *billing* team"): names, however common."""
    toks = re.findall(r"[\w.-]+", text)
    out = capitalised_words(text)
    low = [t.lower() for t in toks]
    for i, t in enumerate(low[1:], 1):
        prev = low[i - 1]
        if t in SYSTEM_NOUNS and prev.isalpha() and prev not in intents.STOP and prev not in intents.INTENT_WORDS:
            out.add(prev)
    return out


def vocabulary_words(q: Question, dfs: dict[str, int]) -> set[str]:
    """Words the question uses as vocabulary, not as names: plain_words, and in a French, Spanish, German or Russian
    question every word no page uses ("mot de passe" where the notes say "password"): no evidence either way."""
    plain = plain_words(q.text)
    if foreign_question(q.text):
        plain |= {w for w in q.subject if not dfs.get(w)}
    return plain


def plain_words(text: str) -> set[str]:
    """Words a question writes in lower case although it capitalises a name after its first word
    ("What *workaround* got the Openscapes hub running", "… scale *quadratically*"): its writer
    capitalises names, so these are vocabulary, however rare, and the notes may say them otherwise.
    Only words English knows at all (wordfreq); a question in lower case throughout tells nothing."""
    toks = re.findall(r"[\w.-]+", text)
    if not any(t[:1].isupper() for t in toks[1:]):
        return set()
    capitalised = {t.lower() for t in toks if t[:1].isupper()}
    from wordfreq import zipf_frequency

    return {t for t in toks[1:] if t.isascii() and t.isalpha() and t.islower() and len(t) >= 4
            and t not in capitalised and zipf_frequency(t, "en") >= PLAIN_ZIPF}


PLAIN_ZIPF = 1.0


SYSTEM_NOUNS = {"service", "services", "team", "cluster", "database", "api", "app", "bucket", "repo", "repository",
                "pipeline", "microservice", "squad"}


UNUSED_WORD = 0.25
ORDINARY_ZIPF = 3.5


@lru_cache(maxsize=4096)
def ordinary(w: str) -> bool:
    """An everyday English word (or an inflection of one: "wipes", "landing", "wrongly"), not a name such as
    Kafka or Cassandra. A name the wiki never mentions means the wiki does not cover the question;
    an everyday word it never uses only means the notes put it in other words."""
    if not w.isascii() or not w.isalpha() or len(w) < 3:
        return False
    from wordfreq import zipf_frequency

    forms = {w} | {w[: -len(suf)] + add for suf, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                                                          ("ing", "e"), ("ies", "y"), ("ly", ""), ("ily", "y"))
                    if w.endswith(suf) and len(w) - len(suf) >= 3}
    return max(zipf_frequency(f, "en") for f in forms) >= ORDINARY_ZIPF


@lru_cache(maxsize=4096)
def generality(w: str) -> float:
    """How much an English word can say about *which* page is meant: 1.0 for a name or term that
    everyday English rarely uses (``etcd``, ``KubeAPIErrorBudgetBurn``, ``outage``), down to 0.35 for
    words such as "right", "try", "out". The wiki's own counts cannot tell these apart when one
    long document repeats its subject in every paragraph; wordfreq's general-English table can."""
    if not w.isascii() or not w.isalpha() or w in MONTHS:  # a month names a date: as specific as a name
        return 1.0
    from wordfreq import zipf_frequency  # ~0.3 s to load its table: only when a question is asked

    return max(GENERAL_FLOOR, min(1.0, 1.0 - GENERAL_SLOPE * (zipf_frequency(w, "en") - GENERAL_FROM)))


GENERAL_FROM, GENERAL_SLOPE, GENERAL_FLOOR = 3.0, 0.22, 0.35


RARE_UNITS = 60  # a word in at most this many index units is looked up sentence by sentence


def uncited_lines(conn, db, subject: list[str], dfs: dict[str, int]) -> list:
    """Sentences holding the question's rare words: they find pages whose compiled blocks do not cite the
    line that names the subject. Only rare words: ranking every sentence that holds a common word ("outage",
    "status") cost ~0.5 s a question at 10,000 sources, and a common word finds its page through search."""
    rare = [w for w in subject if 0 < dfs.get(w, 0) <= RARE_UNITS]
    return reads.matching(conn, db, rare, limit=40) if rare else []


def _candidates(conn, db, q: Question, weights: dict[str, float], a=None, dfs: dict[str, int] | None = None) -> list[dict]:
    """Document pages for the question's subject, best first, each covering enough of its words. Character pairs
    of a long Chinese piece that no candidate page holds leave the question's subject here (`a.question` too)."""
    dfs = dfs if dfs is not None else doc_freqs(conn, db, q.subject)
    scores: dict[str, float] = {}
    hits = search_units(db, " ".join(q.subject), limit=60, enough=30)
    hits += _translated_hits(db, q.subject, {h.id for h in hits})
    hits += _written_together_hits(db, q.subject, {h.id for h in hits})
    owners = _chunk_owners(conn, [h for h in hits if h.kind == "chunk"])
    for place, h in enumerate(hits):
        for pid in ([h.page] if h.kind == "block" else owners.get(h.id, [])):
            s = max(h.score, 0.1) / (1 + 0.15 * place)
            scores[pid] = scores[pid] + 0.25 * s if pid in scores else s  # best unit counts most
    leading = hits[:AGREE]
    one_source = len(leading) >= 3 and len({h.source for h in leading}) == 1  # every best hit lies in one source file
    agreed = {pid for h in leading for pid in ([h.page] if h.kind == "block" else owners.get(h.id, []))} if one_source else set()
    for pid in _numbered(conn, a.adr_numbers if a is not None else adr_numbers(q.text)):
        scores[pid] = scores.get(pid, 0.0) + 100.0
    for pid in _dated(conn, a.dates if a is not None else []):
        scores[pid] = scores.get(pid, 0.0) + 20.0
    top = max(scores.values(), default=1.0)
    for pid in _titled(conn, q):
        scores[pid] = scores.get(pid, 0.0) + TITLED * max(top, 1.0)
    for pid in _pathed(conn, q):
        scores[pid] = scores.get(pid, 0.0) + PATHED * max(top, 1.0)
    top = max(scores.values(), default=1.0)
    for place, r in enumerate(uncited_lines(conn, db, q.subject, dfs)):
        if r.page_id and r.page_type in DOC_TYPES and r.page_id not in scores:
            scores[r.page_id] = SENTENCE_PAGE * max(top, 1.0) / (1 + 0.15 * place)  # a line no compiled block cites
    if not scores:
        return []
    names = names_in(q.text)
    plain = vocabulary_words(q, dfs)
    unknown = [w for w in q.subject if (not (ordinary(w) or w in plain) or w in names) and dfs.get(w, 0) == 0]
    rarest = max(q.subject, key=lambda w: weights.get(w, 1.0))
    ids, params = reads.marks("p", scores)
    types, more = reads.marks("t", DOC_TYPES)
    rows = conn.execute(f"SELECT id, type, title, content, fields, field_citations FROM pages "
                        f"WHERE id IN ({ids}) AND type IN ({types})", params | more).all()
    sections = _source_sections(conn, sorted((r.id for r in rows), key=lambda pid: -scores[pid])[:SOURCE_TEXT_PAGES])
    from lorebook.query.pages import source_paths

    paths = source_paths(conn, [r.id for r in rows])
    full = {r.id: r.title + "\n" + r.content + "\n" + "\n".join(sections.get(r.id, {}).values()) for r in rows}
    q = _without_straddling_pairs(q, list(full.values()))
    if a is not None:
        a.question = q
    idents = exact_names(q.text)
    foreign_q = other_language(q.text)
    asked_in_other = foreign_q or foreign_question(q.text)
    kinds = kinds_named(q.text)
    out = []
    for r in rows:
        page = r._asdict()
        for k in ("fields", "field_citations"):
            page[k] = json_value(page[k])
        secs = sections.get(r.id, {})
        said = without_citations(page["content"])  # "[Homebrew__brew.sh…](…)" cites another page: it says nothing of this one
        text = page["title"] + "\n" + said + "\n" + "\n".join(secs.values()) + "\n" + paths.get(r.id, "")
        pw = weights
        # the source's own words tell its language: a short compiled page is mostly our English headings
        page_other = other_language(compiled_body(page)) or bool(secs) and other_language("\n".join(secs.values()))
        if not foreign_q and page_other:  # a French post-mortem says "jeton", not "token"
            pw = {w: weights.get(w, 1.0) * (UNUSED_WORD if (ordinary(w) or w in plain) and w not in names
                                            and not covers(text, w) else 1.0)
                  for w in q.subject}
        spoken = [w for w in unknown if written_in_other_script(w, text)]
        if spoken:  # "the Modutime backend" of notes that write "모두타임": the page says that name in its own script
            pw = {w: 0.0 if w in spoken else pw.get(w, 1.0) for w in q.subject}
        date = page["fields"].get("date")
        # about the question: the compiled page says enough of it, or one section of its source does
        compiled = page["title"] + "\n" + said + "\n" + paths.get(r.id, "")  # and the names its notes are filed under
        initialled = _initialled(q.text, text)
        if initialled:  # "Federal Audit Clearinghouse" of notes that write "FAC"
            compiled += "\n" + " ".join(sorted(initialled))
        cov = coverage(compiled, q.subject, pw, date)
        if cov < MIN_COVERAGE:
            cov = max([cov] + [coverage(_dated_as_asked(page["title"] + "\n" + sec, a), q.subject, pw, date) for sec in secs.values()])
            cov = max(cov, _one_word_aside(page, q, weights, names, text, plain))
            unheard = [w for w in unknown if w in names and (_unheard_word(w) or _owned(w, q.text))]
            if unheard and cov < MIN_COVERAGE:
                # "In the Towtruck dashboard project, what storage format …": a name no page says is the asker's own
                # project when the page says nearly all the rest; the answer still has to (see _name_unsaid)
                cov = max(cov, MIN_COVERAGE if _rest_said(text, q, unheard) else cov)
        page["said"] = text
        page["ident"] = bool(idents) and any(i in unaccented(text.lower()) for i in idents) or _spells_joined(q.subject, text)
        if _names_rarest(page, q.subject, weights) or page["ident"] or (r.id in agreed and cov >= AGREED_COVERAGE):
            cov = max(cov, MIN_COVERAGE)  # the page names the question's rarest word, or the search's best hits all lie in it
        near = cov >= PAGE_COVERAGE and not unknown and covers(compiled, rarest)  # the page itself names it
        if cov >= MIN_COVERAGE or near or scores[r.id] >= 100:
            page["coverage"] = 1.0 if scores[r.id] >= 100 else cov  # named by its identifier: about it by definition
            page["named"] = scores[r.id] >= 100
            page["score"] = scores[r.id] * (0.5 + cov) * (1 + 3 * coverage(page["title"], q.subject, weights))
            if asked_in_other and page_other:
                page["score"] *= SAME_LANGUAGE  # "Warum wurde MongoDB nicht gewählt?" is about the German ADR
            if page["type"] in kinds:
                page["score"] *= KIND_NAMED  # "… during the incident": the post-mortem, not a runbook that says "incidents"
            if _names_title_head(page["title"], q.text):
                page["score"] *= TITLE_HEAD  # "is the Scenario-Based Approach ADR still in force?" names that record
            out.append(page)
    _prefer_saying_names(out, [w for w in q.subject if w in names and w not in MONTHS])  # "on *May* 12th" is a day
    # then an identifier ("2.1.0", "prod-users-db") outweighs a product's name: "why didn't the Kubernetes probes notice
    # that 2.1.0 was failing?" is about the record of 2.1.0, which need not say "Kubernetes"
    _prefer_saying_names(out, [i for i in idents if _VERSIONISH.fullmatch(i) or "-" in i or "_" in i])
    return sorted(out, key=lambda p: -p["score"])


def _spells_joined(subject: list[str], text: str) -> bool:
    """The question names a thing in words its notes write as one ("Que faire de mes objets": the remote
    `quefairedemesobjets`): three or more of its words in a row, run together, are in the page."""
    low = _lower(text)  # written as one word, not only the same words in a row ("database backup script")
    for n in range(JOINED_WORDS, min(len(subject), 6) + 1):
        for i in range(len(subject) - n + 1):
            joined = "".join(subject[i:i + n])
            if len(joined) >= JOINED_CHARS and joined.isascii() and joined in low:
                return True
    return False


JOINED_WORDS, JOINED_CHARS = 3, 12


TITLE_HEAD = 2.0
MISSES_NAME = 0.3


def _name_unsaid(conn, db, page: dict, q: Question, dfs: dict[str, int], strong: bool = False) -> str | None:
    """ "What's the on-call rotation for the *ZLV* team?" answered from a page that never says ZLV (another page
    does), or "the *Redis* outage" where no page does and the answer's page says no other name of the question: the
    wiki holds no answer about that thing, whatever else the sentence shares. ("The *DeepPilot* Supabase project":
    a name the notes never use beside one the page does say is the asker's own.)"""
    paths = {c.get("source", "") for cs in (page.get("field_citations") or {}).values() for c in (cs or []) if isinstance(c, dict)}
    said = unaccented(" ".join([page.get("said") or "", *paths]).lower())  # a project's name may be only in its notes' path
    names = sorted(capitalised_words(q.text) - MONTHS.keys())
    german = len(_GERMAN_MARKERS & set(q.text.lower().split())) >= 2
    names = [n for n in names if len(n.rstrip("s")) >= 3 and n.isascii() and n.isalpha() and not ordinary(n)
             and (_rarity(n) < NAME_ZIPF or _rarity(n) < TITLED_NAME_ZIPF and re.search(rf"\b{n.capitalize()}\b", q.text))
             and not (german and (_rarity(n.lower(), "de") >= GERMAN_NOUN_ZIPF or _rarity(n.lower()) >= NAME_ZIPF))]  # "Backend"
    # "I", "GOV.UK"'s "uk", "IDs", "Monday", "URI-based", "TTL에", and trade words ("SQL", "JSON", "CLI"): no name of one thing

    def on_page(name: str, text: str = said) -> bool:  # as written ("ADRs": "ADR"): "Redis" is not "Redirects"
        return bool(re.search(rf"(?<![a-z0-9])(?:{re.escape(name)}|{re.escape(name[:-1])}(?![a-z0-9]))" if name.endswith("s")
                              else rf"(?<![a-z0-9]){re.escape(name)}", text))

    initialled = _initialled(q.text, page.get("said") or "")
    missing = [n for n in names if not on_page(n) and not any(on_page(x) for x in ACRONYMS.get(n.lower(), ()))  # "kubectl": Kubernetes
               and not written_in_other_script(n, page.get("said") or "")  # "Modutime": the notes' "모두타임"
               and n.lower() not in initialled]
    # a name the notes hold only inside a link ("https://app.territoiresentransitions.fr") is the asker's own product,
    # not another page's subject
    linked = {n for n in missing if dfs.get(n, 0) > 0 and _only_in_links(
        [unaccented(r.text.lower()) for r in reads.matching(conn, db, [n], limit=LINKED_LOOKUP)], lambda t: on_page(n, t))}
    names, missing = [n for n in names if n not in linked], [n for n in missing if n not in linked]
    elsewhere = [n for n in missing if dfs.get(n, 0) > 0]
    if elsewhere:
        return elsewhere[0]
    if missing and (strong and all(_unheard_word(n) for n in missing) or _rest_said(page.get("said") or "", q, missing)):
        # "Why did the *MonitorFish* team replace their linter?": a word no dictionary and no page knows, over a page that
        # says the rest of the question, is the asker's own name for the project its notes never need to say; so is
        # one the question calls its team's or project's ("the Hackney Data Platform team"), whatever it also means
        return None
    return missing[0] if missing and len(missing) == len(names) else None


_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|for|and|de|des|du|der|für)?\s*[A-Z][a-z]+)+\b")


def _initialled(question: str, said: str) -> set[str]:
    """The words of a name the question spells out whose initials the notes write ("Federal Audit Clearinghouse": "FAC")."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(question):
        words = [w for w in m.group(0).split() if w[0].isupper()]
        initials = "".join(w[0] for w in words)
        if len(initials) >= 2 and re.search(rf"(?<![A-Za-z]){initials}(?![a-z])", said):
            out |= {w.lower() for w in words}
    return out


def _unheard_word(name: str) -> bool:
    """No dictionary knows it ("MonitorFish", "Towtruck"): a project's own name, not a product the notes could have named."""
    return _rarity(name) == 0 and _rarity(name, "de") == 0


def _rest_said(said: str, q: Question, names: list[str]) -> bool:
    """The question calls each name the page lacks its team's or project's ("the Towtruck team", "Byndyusoft's rule",
    not "the PagerDuty escalation policy") and the page says most of the rest of it."""
    low = {n.lower() for n in names}
    rest = [w for w in q.subject if w.lower() not in low]
    if len(rest) < OWN_NAME_REST_WORDS:
        return False
    return all(_owned(n, q.text) for n in names) and coverage(said, rest) >= OWNED_REST


def _owned(name: str, question: str) -> bool:
    """The question calls the name its team's or project's: "the Towtruck team", "Byndyusoft's rule", "the Hackney Data
    Platform team". A word the dictionary knows must name people ("the Vault service", "the Zabbix project" are products
    the notes may lack)."""
    nouns = _OWNER_NOUN if _unheard_word(name) else _PEOPLE_NOUN
    return bool(re.search(rf"\b{re.escape(name)}(?:'s\b|\s+(?:[\w-]+\s+){{0,2}}?{nouns})", question, re.I))


_PEOPLE_NOUN = r"(?:team|teams|organi[sz]ation|org|company|engineers|developers)\b"  # "the Zabbix project" is a product
_OWNER_NOUN = r"(?:team|teams|project|app|application|platform|service|product|organi[sz]ation|org|company|engineers|developers)\b"


def _says_the_rest(cands: list) -> bool:
    """The answering page's best candidates say enough of the question's words to stand without a name it lacks."""
    return max(c.parts.get("terms", 0) for c in cands[:5] if c.page == cands[0].page) >= OWN_NAME_TERMS


# "What eviction policy is configured for the Redis cache?", "How many partitions does the orders topic have?": a
# setting of a kind the answer's page must name, or the notes record no such setting for it
_SETTING_ASKED = re.compile(r"\b(?:what|which|how\s+long|how\s+many)\b[^?]{0,40}?\b([a-z]{4,})\s+"
                           r"(?:policy|policies|period|factor|quota|threshold|window|ttl)\b"
                           r"|\bhow\s+many\s+(partitions|replicas|shards)\b", re.I)


_ANY_SETTING = {"current", "default", "actual", "exact", "overall", "specific", "official", "same", "main", "usual",
                "standard", "agreed", "chosen", "configured", "recommended", "required", "expected", "planned", "time"}


def _setting_unsaid(page: dict, q: Question) -> str | None:
    """Asked for a setting ("eviction policy", "retention period", "how many partitions") where the answer's page
    never names that kind of setting, in English or in the term table's forms: whatever its sentence says is about
    something else. A word the table does not know is not judged on a page in another language."""
    m = _SETTING_ASKED.search(q.text)
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    if word in intents.STOP or word in _ANY_SETTING:
        return None  # "what is our current policy": no kind of setting
    said = unaccented((page.get("said") or "").lower())
    elsewhere = translations(word)
    forms = {word, word.rstrip("s"), word[:6] if len(word) > 7 else word} | {unaccented(f.lower()) for f in elsewhere}
    if any(f and f in said for f in forms):
        return None
    if not elsewhere and other_language(page.get("said") or ""):
        return None
    return " ".join(m.group(0).split()[-2:]) if m.group(1) else word


# "Who was the incident commander during the LernSax outage?": a role the answer's page must name, in any language
_ROLE_ASKED = re.compile(r"\b(?:who\b.{0,40}?|which\b.{0,40}?)\b(incident commander|commander|on[- ]?call|incident (?:lead|manager)|responders?)\b"
                         # "what is the on-call rotation for the messenger service?": a roster the page must name
                         r"|\b(on[- ]?call)(?=\s+(?:\w+\s+)?(?:rotations?|schedules?|rosters?|shifts?|escalation|policy|policies)\b)", re.I)
_ROLE_SAID = re.compile(r"\bcommander\b|\bIC\b|on[- ]?call|\bincident (?:lead|manager)\b|\bresponders?\b|\bpager\b|\bpaged\b"
                        r"|bereitschaft|einsatzleit|astreinte|de garde|guardia|de plantão|sobreaviso|reperibil|dyżur|дежурн"
                        r"|responsable d['’]incident|responsable de l['’]incident|responsable del incidente|responsável pelo incidente"
                        r"|incident-?verantwortlich|インシデント責任者|事故负责人|事件负责人|인시던트 책임자"
                        r"|オンコール|当番|インシデントコマンダー|值班|值守|당직|온콜|인시던트 커맨더", re.I)


def _role_unsaid(page: dict, q: Question) -> str | None:
    """Asked who held an incident role (commander, on-call) where the answer's page names no such role: whoever its
    sentence names did something else."""
    m = _ROLE_ASKED.search(q.text)
    return (m.group(1) or m.group(2)) if m and not _ROLE_SAID.search(page.get("said") or "") else None


_ACRONYM_ASKED = re.compile(r"^\W*(?i:what|which)(?i:'s| is| are| was)?(?i: the| our| an?)?\s+([A-Z][A-Z0-9]{1,5})s?(?![\w-])")


def _unheard_acronym(conn, db, q: Question, dfs: dict[str, int]) -> str | None:
    """An acronym of the question (RTO, SLO, MTTR) that no unit of the wiki holds, spelled out or not."""
    m = _ACRONYM_ASKED.match(q.text)  # "What RTO target …", "Which SLA …": the acronym names what is asked
    w = m.group(1).lower() if m else ""
    if (not w or w not in dfs or dfs[w] > 0 or w[0].isdigit() or w in intents.KIND_WORDS or w in intents.INTENT_WORDS
            or w in ROUTING or _rarity(w) >= NAME_ZIPF):
        return None  # "Which SQL do I run …": a trade's word, which notes show rather than say
    spelled = [x for x in ACRONYMS.get(w, ()) if " " in x or x.isalpha()]
    heard = any(unaccented(x) in unaccented(r.text.lower()) for x in spelled for r in reads.matching(conn, db, x.split(), limit=20, every=True))
    return None if heard else m.group(1)


def _only_in_links(texts: list[str], says) -> bool:
    """Each of these sentences that says the name says it only inside a link, or none says it: the notes hold it
    only in a link's or a picture's address ("[master systems](https://byndyusoft.com/…)"), which no sentence keeps."""
    return not any(says(_URL.sub(" ", t)) for t in texts)


LINKED_LOOKUP = 40  # sentences read to see whether a name the notes hold is ever said outside a link
OWN_NAME_TERMS = 0.5  # the term match over which an answer may stand though the question names a word nothing knows
NAME_ZIPF = 2.5  # "SQL" (3.4), "JSON" (2.8) are the trade's words; "Redis" (2.0), "ZLV" (0) name one thing
TITLED_NAME_ZIPF = 3.2  # written "Kafka" (3.0), "Docker" (3.0), not in capitals as "JSON" is: a product's name
# A German question capitalises every noun: "Um wie viel *Uhr* wurde v1.5.1 neu deployt?" names no thing called Uhr.
_GERMAN_MARKERS = frozenset("der die das des dem den und ist wurde wurden wird werden wie wann warum welche welcher welches nicht mit "
                            "beim sind soll sollen muss müssen kann können wenn oder auch wer "
                            "für auf ein eine einer einem einen bei nach um viel war waren hat haben welchen welchem zur zum im vom über".split())

GERMAN_NOUN_ZIPF = 3.0  # a word German uses this often (wordfreq) is a noun of the question, not a name


def _rarity(w: str, lang: str = "en") -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(w, lang)


_URL = re.compile(r"\bhttps?://\S+")


_VERSIONISH = re.compile(r"v?\d+(?:\.\d+){1,3}")


def _prefer_saying_names(pages: list[dict], names: list[str]) -> None:
    """"When was the *Homebrew* token leak found?": when some page says every name the question gives, a page that
    never says one of them (PyPI's own token leak) is about something else, however well its title fits: it ranks
    below the best page that says them all."""
    if not names:
        return
    # a link's host ("https://app.territoiresentransitions.fr") points elsewhere: it does not make the page about that
    says_all = [p for p in pages if all(covers(_URL.sub(" ", p["said"]), n) for n in names)]
    if not says_all or len(says_all) == len(pages):
        return
    best = max(p["score"] for p in says_all)
    for p in pages:
        if p not in says_all:
            p["score"] = min(p["score"] * MISSES_NAME, best * MISSES_NAME)


def _names_title_head(title: str, question: str) -> bool:
    """The question says the title's head, the words before its colon or dash ("Scenario-Based Approach" of
    "Scenario-Based Approach: Replacing Mode System …"), two words or more, as one phrase."""
    head = re.split(r"\s*[:：—–]\s*|\s+-\s+", title, maxsplit=1)[0]
    words = re.findall(r"\w+", head.lower())
    if len(words) < 2 or re.fullmatch(r"(?:adr|rfc|dr|decision)?\s*\d*", head.lower().strip()):
        return False
    said = " ".join(re.findall(r"\w+", question.lower()))
    return f" {' '.join(words)} " in f" {said} "


def _without_straddling_pairs(q: Question, texts: list[str]) -> Question:
    """The question without the character pairs of a long Chinese piece that no candidate page holds:
    they straddle two words, and counting them would leave every page short of the question's words."""
    pairs = intents.cjk_pairs(q.text)
    absent = {w for w in q.subject if w in pairs and not any(w in t for t in texts)}
    if not absent or absent >= set(q.subject):
        return q
    return dataclasses.replace(q, subject=[w for w in q.subject if w not in absent])


def _translated_hits(db, subject: list[str], seen: set[int]) -> list[Hit]:
    """Units that say the question's terms in another language ("database" -> "base de datos", "복구"),
    searched apart so that an English-only wiki's own search is unchanged; each found unit counts less."""
    alt = sorted({t for w in subject for t in translations(w)})
    if not alt:
        return []
    names = [w for w in subject if not translations(w) and not ordinary(w)]  # "V48", "NoSQL": said as written
    out = []
    for h in search_units(db, " ".join(names + alt), limit=30, enough=15):
        if h.id not in seen:
            out.append(dataclasses.replace(h, score=h.score * TRANSLATED))
    return out


TRANSLATED = 0.8


def _written_together_hits(db, subject: list[str], seen: set[int]) -> list[Hit]:
    """Units holding the question's Chinese or Japanese words inside a longer run ("最大内存限制" in
    "超出最大内存限制异常"): the full-text index reads such a run as one token, so a word of it is found
    only as a substring, which the search tries only when nothing else matched (an English word of the same
    question, "incident", always does)."""
    cjk = [w for w in subject if _HAN_KANA_WORD.fullmatch(w)]
    if not cjk or len(cjk) == len(subject):
        return []
    return [h for h in search_units(db, " ".join(cjk), limit=30, enough=15) if h.id not in seen]


def compiled_body(page: dict) -> str:
    """The page's text after its front matter (whose keys are English whatever the notes' language)."""
    content = page["content"]
    return page["title"] + "\n" + (content.split("\n---\n", 1)[-1] if content.startswith("---") else content)


KIND_NAMED = 1.5  # a page of the kind of document the question names ("the incident", "the runbook", "the ADR")
KINDS = {"incident": re.compile(r"\b(incidents?|outages?|post-?mortems?|downtime)\b", re.I),
         "runbook": re.compile(r"\b(runbooks?|playbooks?|procedures?)\b|^how (do|can|should) (i|we|you)\b", re.I),
         "decision": re.compile(r"\b(adrs?|decisions?)\b", re.I)}


def kinds_named(text: str) -> set[str]:
    """The kinds of document a question names; all or none of them say nothing."""
    named = {kind for kind, rx in KINDS.items() if rx.search(text)}
    return named if len(named) < len(KINDS) else set()


SAME_LANGUAGE = 2.0  # a question in another language than English prefers the pages written in one
SENTENCE_PAGE = 0.3  # a page found only through its source's sentences starts well below the pages search found
SOURCE_TEXT_PAGES = 6  # pages whose whole source text is read to judge what they are about


def _source_sections(conn, page_ids: list[str]) -> dict[str, dict[str, str]]:
    """What the sources of these pages say (the sentence index), section by section (heading path):
    a compiled page holds its typed fields, not every line ("2024-06-22: prod-users-db Failover",
    the rejected Redis option)."""
    out: dict[str, dict[str, list[str]]] = {}
    for r in reads.of_pages(conn, page_ids):
        out.setdefault(r.page_id, {}).setdefault(r.heading, [r.heading]).append(r.text)
    return {pid: {h: "\n".join(ts) for h, ts in secs.items()} for pid, secs in out.items()}


def _one_word_aside(page: dict, q: Question, weights: dict[str, float], names: set[str], text: str = "",
                    plain: set[str] = frozenset()) -> float:
    """Coverage with one everyday word of the question set aside when the page lacks it: the verb a
    question puts its subject in ("what command *wipes* the search Redis cache") is often not the
    notes' verb ("flush"). Names (Kafka, a capitalised word) are never set aside."""
    if len(q.subject) < 3:
        return 0.0
    text = text or page["title"] + "\n" + page["content"]
    missing = [w for w in q.subject if not covers(text, w, page["fields"].get("date"))
               and (ordinary(w) or w in plain) and w not in names]
    if len(missing) != 1:
        return 0.0
    rest = coverage(text, [w for w in q.subject if w != missing[0]], weights, page["fields"].get("date"))
    return rest if rest >= ASIDE_REST else 0.0


OWNED_REST, OWN_NAME_REST_WORDS = 0.6, 3
ASIDE_REST = 0.9  # every other word of the question must be on the page


AGREE = 6  # when this many best search hits (or all, when fewer and at least three) lie in one document, it is the one asked about
AGREED_COVERAGE = 0.35  # … as long as it states this share of the question's words (the rest is the asker's paraphrase)


def _names_rarest(page: dict, subject: list[str], weights: dict[str, float]) -> bool:
    """The page's title or one of its options names the question's most specific word ("DynamoDB")."""
    rarest = max(subject, key=lambda w: weights.get(w, 1.0))
    names = [page["title"]] + [o.get("name", "") for o in page["fields"].get("options") or []]
    return any(covers(n, rarest) for n in names)


def _chunk_owners(conn, chunks: list[Hit]) -> dict[int, list[str]]:
    """For raw-chunk hits: the document pages whose cited blocks overlap the chunk's lines (one query)."""
    if not chunks:
        return {}
    srcs, params = reads.marks("s", {h.source for h in chunks})
    types, more = reads.marks("t", DOC_TYPES)
    rows = conn.execute(f"SELECT page_id, source, start_line, end_line FROM search_units WHERE kind = 'block' "
                        f"AND source IN ({srcs}) AND page_type IN ({types})", params | more).all()
    bare = {h.source for h in chunks} - {r.source for r in rows}
    compiled_from: dict[str, list[str]] = {}
    if bare:  # a document page that cites none of its file's lines (nothing was extracted): still compiled from it
        srcs, params = reads.marks("b", bare)
        for r in conn.execute(f"SELECT s.page_id, s.source FROM page_sources s JOIN pages p ON p.id = s.page_id "
                              f"WHERE s.source IN ({srcs}) AND p.type IN ({types})", params | more).all():
            compiled_from.setdefault(r.source, []).append(r.page_id)
    out: dict[int, list[str]] = {}
    for h in chunks:
        mine = [r for r in rows if r.source == h.source]
        out[h.id] = sorted({r.page_id for r in mine if r.start_line <= h.end_line and r.end_line >= h.start_line})
        if not out[h.id] and len({r.page_id for r in mine}) == 1:
            out[h.id] = [mine[0].page_id]  # lines no compiled block cites (a table the page does not quote) still
            # belong to the one document compiled from that file
        if not out[h.id] and len(compiled_from.get(h.source, [])) == 1:
            out[h.id] = compiled_from[h.source]
    return out


PATHED = 0.5  # a page filed under a name the question says gains half the best hit: its text must still answer
PATH_NAMES = 2
TITLED = 1.0  # a page whose title the question quotes with a small word in it starts level with the best hit
_TITLE_SMALL = {"one", "no", "all", "every", "each", "more", "only", "not", "single", "two", "three"}


def _titled(conn, q: Question) -> list[str]:
    """Pages whose title the question quotes as a phrase holding a small word the subject drops: "the One
    cluster decision" is ADR-012 "One cluster for dev/staging/prod", not ADR-036 "Multi-cluster"."""
    from lorebook.query.pages import titled_pages

    seq = re.findall(r"[a-z0-9]+", q.text.lower())
    phrases = [f"{w} {n}" for w, n in zip(seq, seq[1:]) if w in _TITLE_SMALL and n in q.subject]
    return [pid for ph in phrases[:2] for pid in titled_pages(conn, ph)]


def _pathed(conn, q: Question) -> list[str]:
    """Pages whose source is filed under a name the question says and no common word is: "in APLyPro" names
    the notes of "betagouv__aplypro__docs__nouvelle_année.md", which never write the project's name."""
    from lorebook.query.pages import sourced_pages

    out = []
    for w in q.subject:
        named = sourced_pages(conn, w, limit=PATH_NAMES + 1) if not ordinary(w) else []
        out += named if len(named) <= PATH_NAMES else []  # a word many files are named by names none of them
    return out


def _numbered(conn, numbers: list[int]) -> list[str]:
    """Decision pages named by number ("ADR-14", "adr 015", "0014")."""
    from lorebook.query.pages import numbered_pages

    return [pid for n in numbers for pid in numbered_pages(conn, n)]


def _dated(conn, dates: list[str]) -> list[str]:
    """Incident pages dated on a day the question names ("2026-05-12", "May 12"): their ids begin with the date."""
    out: list[str] = []
    for d in dates:
        pattern = "incident-" + (d if not d.startswith("-") else "____" + d) + "%"
        out += conn.execute("SELECT id FROM pages WHERE id LIKE :p LIMIT 20", {"p": pattern}).scalars()
    return out


# --- typed answers ---


def _cite(page: dict, key: str, i: int | None = None) -> list[dict]:
    spans = page["field_citations"].get(key) or []
    if i is not None:
        spans = spans[i : i + 1] if i < len(spans) else []
    return [{"page": page["id"], "source": s["source"], "start_line": s["start_line"], "end_line": s["end_line"]} for s in spans]


def _f(page: dict, key: str):
    return page["fields"].get(key)


def _clean(text: str) -> str:
    t = " ".join(str(text).split()).strip()
    return t if t.endswith((".", "!", "?", "。", "다", ":", "：")) or not t else t + "."


def _sent(text: str, page: dict, key: str, i: int | None = None) -> list[Sentence]:
    cites = _cite(page, key, i)
    return [Sentence(_clean(text), cites)] if cites and text else []


def _human_minutes(m: int) -> str:
    if m < 60:
        return f"{m} minute{'s' if m != 1 else ''}"
    if m >= 2 * 1440 and m % 1440 == 0:  # "undetected for eight days": said in days, not as 192 hours
        return f"{m // 1440} days ({m} minutes)"
    h, rest = divmod(m, 60)
    hours = f"{h} hour{'s' if h != 1 else ''}" + (f" {rest} minutes" if rest else "")
    return f"{hours} ({m} minutes)"


def a_duration(p, q):
    m = _f(p, "duration_minutes")
    if not m:
        return []
    text = f"{p['title']} lasted {_human_minutes(int(m))}"
    told = _f(p, "duration_text")
    if told and _human_minutes(int(m)) not in told:
        text += f" (stated as “{told}”)"  # the notes' own words: "1 h 13 m", "08:41–09:54 UTC"
    if _f(p, "duration_source") == "computed" and _f(p, "detected_at") and _f(p, "resolved_at"):
        text += f", from {_f(p, 'detected_at')} to {_f(p, 'resolved_at')}"
    cites = _cite(p, "duration_minutes") or (_cite(p, "detected_at") + _cite(p, "resolved_at"))
    return [Sentence(_clean(text), cites)] if cites else []


def a_when(p, q):
    if p["type"] == "runbook":
        return _sent(f"{p['title']} was last reviewed on {_f(p, 'last_reviewed')}", p, "last_reviewed") if _f(p, "last_reviewed") else []
    if not _f(p, "date"):
        return []
    verb = "happened on" if p["type"] == "incident" else "was decided on"
    return _sent(f"{p['title']} {verb} {_f(p, 'date')}", p, "date")


def a_status(p, q):
    st = _f(p, "status_text") or _f(p, "status")
    if not st:
        return []
    normal = str(_f(p, "status") or "")
    if _f(p, "status_text") and normal not in ("", "unknown") and normal not in unaccented(str(st).lower()):
        st = f"{st} ({normal})"  # "✅ Aceita (accepted)": the record's own word, and what it means
    out = _sent(f"{p['title']} is {st}", p, "status_text" if _f(p, "status_text") else "status")
    for i, s in enumerate(_f(p, "superseded_by") or []):
        out += _sent(f"It is superseded by {s}", p, "superseded_by", i)
    if ASKS_PREDECESSOR.search(q.text):  # "which earlier ADR does the WebFlux decision replace?": what it supersedes
        out = [x for i, s in enumerate(_f(p, "supersedes") or []) for x in _sent(f"{p['title']} supersedes {s}", p, "supersedes", i)] + out
    return out


# "Which earlier ADR does X replace?", "what did X supersede?": the record the question names replaced another.
ASKS_PREDECESSOR = re.compile(r"\b(?:does|did|do|will)\b.*\b(?:replace|supersede|obsolete)\b|\b(?:earlier|previous|older|prior)\b.*\b(?:replaced|superseded)\b"
                              r"|\bwhat (?:does|did) .* (?:replace|supersede)\b", re.I)


def _option_spans(p, i):
    return _cite(p, f"options.{i}.reasons") or _cite(p, "options", i)


def a_rejected(p, q):
    opts = [(i, o) for i, o in enumerate(_f(p, "options") or []) if o.get("outcome") != "chosen"]
    names_said = {i: sum(covers(o.get("name", ""), w) for w in q.subject) for i, o in opts}
    most = max(names_said.values(), default=0)
    named = [(i, o) for i, o in opts if most and names_said[i] == most]  # "the named direct exchange": not every "… Exchange"
    out = []
    for i, o in named or opts:
        given = o.get("reasons") or []
        against = [r for r in given if r.startswith("Bad:")]  # MADR's "Bad, because …" as compiled: why it lost, not its merits
        verdict = [r for r in given if r.startswith("Verdict:")]  # "Entscheidung: Abgelehnt - Kosten …" says it outright
        reasons = " ".join(_clean(r.removeprefix("Verdict: ")) for r in verdict or against or given)
        verb = REJECTED if o.get("outcome") == "rejected" else NOT_CHOSEN
        text = f"{o['name']} {verb}" + (f": {reasons}" if reasons else "")
        cites = _option_spans(p, i)
        if cites:
            out.append(Sentence(_clean(text), cites))
    if out and not any(_WITH_REASONS.search(x.text) for x in out):
        # "why did we go with database accounts instead of one hard-coded account?": nothing is said against the loser,
        # so why the winner won is the answer
        for i, o in enumerate(_f(p, "options") or []):
            if o.get("outcome") == "chosen" and o.get("reasons") and (cites := _option_spans(p, i)):
                out.append(Sentence(_clean(f"{o['name']} was chosen: {' '.join(_clean(r) for r in o['reasons'])}"), cites))
    if out and RATHER_THAN.search(q.text) and (said := str(_f(p, "decision") or "")) and (cites := _cite(p, "decision")):
        # "why did we pick OrbStack rather than Apple Container?": what was against the loser, and what the record
        # says for the winner
        out.append(Sentence(_clean(" ".join(said.split("\n\n")[:2])), cites[:2]))
    return out


RATHER_THAN = re.compile(intents.RATHER_THAN + r"|\binstead of\b", re.I)


ASKS_REMAINING = re.compile(r"\b(?:still (?:on the table|in the running|open|possible|considered)|remain(?:s|ing)?|left|in the running)\b", re.I)


def a_options(p, q):
    """Every option the record weighed, the chosen one marked: "which alternatives were considered?" wants the list."""
    out = []
    left = ASKS_REMAINING.search(q.text) is not None  # "which options are still on the table after we dropped X?"
    for i, o in enumerate(_f(p, "options") or []):
        if left and o.get("outcome") == "rejected":
            continue
        mark = {"chosen": " (chosen)", "rejected": " (rejected)"}.get(o.get("outcome") or "", "")
        cites = _cite(p, "options", i) or _option_spans(p, i)
        if o.get("name") and cites:
            out.append(Sentence(_clean(f"Option {i + 1}: {o['name']}{mark}"), cites))
    return out if len(out) > 1 else []


def a_chosen(p, q):
    out = []
    decision = str(_f(p, "decision") or "")
    for i, o in enumerate(_f(p, "options") or []):
        if o.get("outcome") == "chosen" and _option_spans(p, i):
            # 'Chosen option: "Multi-packages, monorepo, with Yarn and Lerna", because': the line that says it was chosen
            said = _cite(p, "decision", 0) if o.get("name") and o["name"] in decision.split("\n", 1)[0] else []
            out.append(Sentence(_clean(f"{p['title']}: chosen option is {o['name']}"), said or _option_spans(p, i)))
    if _f(p, "decision"):
        out += _sent(_f(p, "decision"), p, "decision")
    return out


def a_context(p, q):
    out = _sent(_f(p, "context") or "", p, "context")
    return out + _sent(_f(p, "decision") or "", p, "decision")


def _consequences(p, kind):
    items = (_f(p, "consequences") or {}).get(kind) or []
    return [s for i, t in enumerate(items) for s in _sent(t, p, f"consequences.{kind}", i)]


def a_consequences(p, q):
    """"What are the consequences of X?": the good and the bad, each labelled."""
    out = []
    for kind, label in (("positive", "Good"), ("negative", "Bad"), ("neutral", "Neutral")):
        items = (_f(p, "consequences") or {}).get(kind) or []
        out += [s for i, t in enumerate(items) for s in _sent(f"{label}: {t}", p, f"consequences.{kind}", i)]
    return out


def a_number(p, q):
    n = _f(p, "number")
    return _sent(f"{p['title']} is decision record number {n}", p, "number") if n not in (None, "") else []


def a_resolution(p, q):
    return _sent(_f(p, "resolution") or "", p, "resolution")


def a_detection(p, q):
    """How it was noticed, and when when the record says."""
    return _sent(_f(p, "detection") or "", p, "detection") + a_detected(p, q)


_BAD = re.compile(r"^\W*(bad|cons?|negative|drawbacks?|downsides?|risks?|nachteil\w*|contra|inconvénients?|desvantagens?)\b|\bbad, because\b", re.I)
_GOOD = re.compile(r"^\W*(good|pros?|positive|benefits?|upsides?|advantages?|vorteil\w*|pr[oó]s?|avantages?|vantagens?)\b|\bgood, because\b", re.I)


def _option_sides(p, q, side: re.Pattern) -> list[Sentence]:
    """"The downsides of the Route53 DNS Firewall option": that option's own "Bad: …" reasons, not the record's."""
    out = []
    for i, o in enumerate(_f(p, "options") or []):
        name = o.get("name") or ""
        if not name or not q.subject or coverage(name, q.subject) < NAMES_OPTION:
            continue
        for k, r in enumerate(o.get("reasons") or []):
            if side.search(r):
                out += _sent(f"{o['name']}: {r}", p, f"options.{i}.reasons", k)
    return out


NAMES_OPTION = 0.6


def a_cons_negative(p, q):
    return _sides_or_consequences(p, q, _BAD, "negative")


def a_cons_positive(p, q):
    return _sides_or_consequences(p, q, _GOOD, "positive")


def _sides_or_consequences(p, q, side: re.Pattern, kind: str) -> list[Sentence]:
    """The named option's own reasons on that side; for the option that was chosen, the record's consequences
    come first ("the downside of choosing SQL" is what the decision accepted, then what was said of SQL)."""
    own = _option_sides(p, q, side)
    record = _consequences(p, kind)
    chosen = any(o.get("outcome") == "chosen" and o.get("name") and coverage(o["name"], q.subject) >= NAMES_OPTION
                 for o in _f(p, "options") or [])
    if own and chosen and record:
        return record + own
    return own or record or _consequences(p, "neutral")


def a_deciders(p, q):
    d = _f(p, "deciders") or []
    return _sent(f"{p['title']} was decided by {', '.join(d)}", p, "deciders", 0) if d else []


def a_root_cause(p, q):
    out = _sent(_f(p, "root_cause") or "", p, "root_cause")
    trigger = str(_f(p, "trigger") or "")
    named = _NAMED_VERSION.findall(trigger)
    if trigger and not any(n.lower().lstrip("v") in q.text.lower() for n in named):
        # "what broke the nodes when they were upgraded to v0.9.18?" already says the upgrade: it asks what went wrong in it
        out += _sent(f"Trigger: {trigger}", p, "trigger")
    return out  # no stated cause: a summary is no answer to "why" (its sentences still compete on their words)


# a decision sentence that gives its own reason: "Seleccionamos ElectronJS debido a …", "chose X because …"
_GIVES_REASON = re.compile(r"\b(?:because|due to|since|so that|debido a|porque|ya que|dado que|parce que|car|grâce à|weil|da|aufgrund"
                           r"|perché|poiché|devido|visto que)\b|ため|因为|由于|때문", re.I)


def a_why(p, q):
    """"Why …?" is a root cause for an incident and the context of a decision; "why did we go with X" where the
    decision says why it chose X is that decision."""
    if p["type"] == "incident":
        return a_root_cause(p, q)
    chosen_opts = [(i, o) for i, o in enumerate(_f(p, "options") or []) if o.get("outcome") == "chosen"]
    if len(chosen_opts) == 1 and _names_chosen(_f(p, "options"), chosen_opts[0][0], q):
        # "why did we create the Stripe session first, instead of a saga?": the record's own reasons for the option
        # it took (its "理由"/"Rationale" lines), before its context
        i, o = chosen_opts[0]
        told = [(k, r) for k, r in enumerate(o.get("reasons") or []) if not re.match(r"(?:Good|Bad|Neutral|Verdict):", r)
                and not _MARK_ONLY.fullmatch(r.strip())]  # "（选定）" after its name marks it taken: no reason
        # else its pros: "why Kafka, instead of writing to ClickHouse directly?" is what counted for it
        told = told or [(k, r) for k, r in enumerate(o.get("reasons") or []) if r.startswith("Good:")]
        if told:
            return [x for k, r in told for x in _sent(r, p, f"options.{i}.reasons", k)]
    if _ASKED_ABOUT.search(q.text) and any(o.get("outcome") == "rejected" and o.get("reasons") for o in _f(p, "options") or []):
        return []  # "why React instead of Vue?" and React has no reasons of its own: what Vue lost on says it

    decision = _f(p, "decision") or ""
    chosen = [o.get("name", "") for o in _f(p, "options") or [] if o.get("outcome") == "chosen"]
    if _GIVES_REASON.search(decision) and any(covers(n, w) for n in chosen for w in q.subject):
        return _sent(decision, p, "decision") + _sent(_f(p, "context") or "", p, "context")
    return a_context(p, q)


_MARK_ONLY = re.compile(r"[(（\[]\s*[^()（）\[\]]{1,12}\s*[)）\]]\.?")
_ASKED_ABOUT = re.compile(INSTEAD.pattern + r"|\bover\b|" + INSTEAD_OTHER, re.I)  # "why X over Y", "X，而不是 Y" too


def _names_chosen(options: list[dict], chosen: int, q) -> bool:
    """The question names the option the record took, before any "instead of …", by a word no other option's name
    holds (and names no other one so), and does not ask why something was not done."""
    if WHY_NOT.match(q.text):
        return False
    parts = [x.lower() for x in _ASKED_ABOUT.split(q.text, maxsplit=1)]

    def only_named(part: str) -> list[set[str]]:  # per option, the words of `part` only its name holds
        words = [w for w in q.subject if w in part]
        own = [{w for w in words if covers(o.get("name", ""), w)} for o in options]
        return [own[k] - set().union(*(own[j] for j in range(len(own)) if j != k)) for k in range(len(own))]

    before = only_named(parts[0])
    if before[chosen] and not any(before[k] for k in range(len(before)) if k != chosen):
        return True
    # "… instead of going with a saga?": the part after names only an option the record did not take
    after = only_named(parts[1]) if len(parts) > 1 else []
    return bool(after) and not after[chosen] and any(after)


def a_impact(p, q):
    return _sent(_f(p, "impact") or "", p, "impact") or _sent(_f(p, "summary") or "", p, "summary")


def a_severity(p, q):
    return _sent(f"{p['title']} was {_f(p, 'severity')}", p, "severity") if _f(p, "severity") else []


def a_detected(p, q):
    return _sent(f"It was detected at {_f(p, 'detected_at')}", p, "detected_at") if _f(p, "detected_at") else []


def a_resolved(p, q):
    return _sent(f"It was resolved at {_f(p, 'resolved_at')}", p, "resolved_at") if _f(p, "resolved_at") else []


def a_meaning(p, q):
    return _sent(_f(p, "overview") or "", p, "overview") or _sent(_f(p, "impact") or "", p, "impact")


def a_summary(p, q):
    return _sent(_f(p, "summary") or "", p, "summary")


def _owner(item) -> str:
    return f" (owner: {item['owner']})" if item.get("owner") else " (no owner)"


ASKS_DONE = re.compile(r"\b(done|completed?|finished|closed|already|shipped|implemented|resolved)\b|완료|済み|完了", re.I)
ASKS_OPEN = re.compile(r"\b(not|still|open|yet|outstanding|pending|left|remaining)\b|미완료|未", re.I)
NAMES_ITEM = 0.6  # share of the question's own words (beyond the page title) one action item states


def a_action_items(p, q):
    items = _f(p, "action_items") or []
    own = [w for w in rank.residual(q.subject, p["title"], covers) if w not in ROUTING]  # "the reddit *incident*" names no item
    if own and any(coverage(a["text"], own) >= NAMES_ITEM for a in items):
        return []  # "the status of the canary deployment item": its own row says it, in the notes' words ("In Progress")
    done = [(i, a) for i, a in enumerate(items) if a.get("status") == "done"]
    if done and ASKS_DONE.search(q.text) and not ASKS_OPEN.search(q.text):  # "which follow-up is already done?"
        return [s for i, a in done for s in _sent(f"Done: {a['text']}{_owner(a)}", p, "action_items", i)]
    open_ = [(i, a) for i, a in enumerate(items) if a.get("status") != "done"]
    said_open = [s for i, a in open_ for s in _sent(f"Open: {a['text']}{_owner(a)}", p, "action_items", i)]
    if open_ and ASKS_OPEN.search(q.text):  # "what is still open?"
        return said_open
    return said_open + [s for i, a in done for s in _sent(f"Done: {a['text']}{_owner(a)}", p, "action_items", i)]


def a_action_owner(p, q):
    items = _f(p, "action_items") or []
    best = max(((coverage(a["text"], q.subject), i, a) for i, a in enumerate(items)), default=None, key=lambda t: t[0])
    if not best or best[0] == 0:
        return []
    _, i, a = best
    if not a.get("owner"):
        return _sent(f"No owner is named for “{a['text']}” ({a.get('status') or 'open'})", p, "action_items", i)
    return _sent(f"Owner: {a['owner']} — “{a['text']}” ({a.get('status') or 'open'})", p, "action_items", i)


def _step_text(s: dict) -> str:
    text = f"Step {s.get('number')}: {s.get('title') or ''}".rstrip()
    if s.get("text"):
        text += f" — {s['text']}"
    if s.get("commands"):
        text = _clean(text) + " Run: " + " ; ".join(f"`{c.strip()}`" for c in s["commands"])
    return text


def a_step(p, q):
    steps = _f(p, "steps") or []
    n = q.ordinal or 1
    i = len(steps) - 1 if n == -1 else n - 1
    if not (0 <= i < len(steps)):
        return []
    return _sent(_step_text(steps[i]), p, "steps", i)


def a_command(p, q):
    steps = _f(p, "steps") or []
    with_cmds = [(i, s) for i, s in enumerate(steps) if s.get("commands")]
    if re.search(r"roll ?back|undo|revert|remove|takes? .* down|tear .* down|back out", q.text, re.I) and _f(p, "rollback_commands"):
        cmds = _f(p, "rollback_commands")
        named = [w for w in q.subject if not re.fullmatch(r"roll|back|rollback|undo\w*|revert\w*|remov\w*", w)]
        i = max(range(len(cmds)), key=lambda k: (coverage(cmds[k], named), -k)) if named else 0
        if named and coverage(cmds[i], named) > 0:  # "what command undoes the last migration": the rollback command that names it
            return _sent(f"Run `{cmds[i].strip()}`", p, "rollback_commands", i)
        return a_rollback(p, q)
    other = [(i, o) for i, o in enumerate(_f(p, "other_commands") or []) if isinstance(o, dict) and o.get("command")]
    if not with_cmds and not other:
        return []
    said = [(coverage(f"{s.get('title')} {s.get('text')} {s.get('commands')}", q.subject), -i, i, s) for i, s in with_cmds]
    told, _, i, s = max(said, default=(0.0, 0, None, None))
    # "what command deploys it by hand?": a command the runbook gives under its own heading, outside the steps
    elsewhere = [(coverage(f"{o.get('section')} {o['command']}", q.subject), -j, j, o) for j, o in other]
    best_other, _, j, o = max(elsewhere, default=(0.0, 0, None, None))
    if o is not None and (s is None or best_other > told):
        return _sent(f"Run `{o['command'].strip()}` ({o.get('section')})", p, "other_commands", j)
    return _sent(f"Run {' ; '.join('`' + c.strip() + '`' for c in s['commands'])} (step {s.get('number')}: {s.get('title')})", p, "steps", i)


def a_rollback(p, q):
    out = _sent(_f(p, "rollback") or "", p, "rollback")
    cmds = _f(p, "rollback_commands") or []
    for i, c in enumerate(cmds):
        out += _sent(f"Run `{c.strip()}`", p, "rollback_commands", i)
    return out


def _list_answer(key, label):
    def answer(p, q):
        vals = _f(p, key) or []
        return [s for i, v in enumerate(vals) for s in _sent(f"{label}: {v}", p, key, i)]

    return answer


ANSWERERS = {
    "duration": a_duration, "when": a_when, "status": a_status, "rejected": a_rejected, "chosen": a_chosen,
    "context": a_context, "why": a_why, "meaning": a_meaning, "consequences_negative": a_cons_negative, "consequences_positive": a_cons_positive,
    "deciders": a_deciders, "root_cause": a_root_cause, "options": a_options, "consequences": a_consequences,
    "detection": a_detection, "resolution": a_resolution, "number": a_number, "impact": a_impact, "severity": a_severity,
    "detected": a_detected, "resolved": a_resolved, "summary": a_summary, "action_items": a_action_items,
    "action_owner": a_action_owner, "step": a_step, "command": a_command, "rollback": a_rollback,
    "prerequisites": _list_answer("prerequisites", "Prerequisite"), "contacts": _list_answer("contacts", "Contact"),
    "owner": _list_answer("owner", "Owner"),
    "verify": _list_answer("verification", "Verify"), "caveats": _list_answer("caveats", "Caveat"),
}


# --- passages and the answer itself ---


def _passages(conn, db, q: Question, weights: dict[str, float]) -> list[Sentence]:
    """The best unit that covers the question's subject, quoted with its citation.

    Headings and front matter are skipped; a passage that ends in a colon is
    followed by what it introduces (the next chunk of the same source).
    """
    for h in search_units(db, " ".join(q.subject), limit=40, enough=10):
        if not h.cites or h.text.lstrip().startswith(("#", "---")):
            continue
        if coverage(f"{h.title} {h.heading} {h.text}", q.subject, weights) < MIN_COVERAGE:
            continue
        sents = [_passage_sentence(h.page, h.text, h.cites)]
        if h.text.rstrip().endswith((":", "：")) and h.kind == "chunk":
            nxt = _next_chunk(conn, h)
            if nxt is not None:
                sents.append(_passage_sentence(h.page, nxt.text, [dict(source=nxt.source, start_line=nxt.start_line, end_line=nxt.end_line)]))
        return sents
    return []


def _passage_sentence(page: str, text: str, cites: list[dict]) -> Sentence:
    text = " ".join(text.split())
    if len(text) > 400:
        text = text[:400].rsplit(" ", 1)[0] + " …"
    return Sentence(text, [{"page": page, "source": c["source"], "start_line": c["start_line"], "end_line": c["end_line"]} for c in cites])


def _next_chunk(conn, h: Hit):
    return conn.execute("SELECT text, source, start_line, end_line FROM search_units WHERE kind = 'chunk' "
                        "AND source = :s AND start_line > :e ORDER BY start_line LIMIT 1",
                        {"s": h.source, "e": h.end_line}).first()


def _answer(q: Question, sents: list[Sentence], page: str | None, intent: str | None = None) -> Answer:
    citations: list[dict] = []
    parts = []
    for s in sents:
        marks = []
        for c in s.cites:
            if c not in citations:
                citations.append(c)
            marks.append(citations.index(c) + 1)
        parts.append(s.text + " " + "".join(f"[{n}]" for n in sorted(set(marks))))
    return Answer(question=q.text, answer=" ".join(parts), found=True, citations=citations, sentences=sents,
                  intent=intent or q.intent, page=page)


def _not_found(q: Question, why: str) -> Answer:
    return Answer(question=q.text, answer=f"Not found: the wiki does not answer this ({why}).", found=False,
                  citations=[], intent=q.intent)
