"""Extract an incident postmortem into typed, cited fields.

Handles the common postmortem shapes: Google-SRE style sections (Summary /
Impact / Root Cause / Detection / Action Items / Timeline), timelines written as
bullets ("14:02 — x", "[03-26 10:23] x", "**10:23** x"), as tables, as one H3
heading per timestamp, or as bold date lines followed by bullets; action items
as checklists, tables, plain bullets or paragraphs grouped under subsections;
short disclosures with no timeline at all. Every value is read from blocks whose
spans are cited; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from lorebook.quick_re import Quick
from lorebook import vocab
from lorebook.sources import parts as P
from lorebook.extract.common import (
    RecordBuilder,
    date_from_filename,
    english_month,
    find_date,
    first_dated,
    list_after,
    metadata,
    norm_heading,
    one_line,
)
from lorebook.model import Block, Document, Record, Section, Span
from lorebook.sources.markdown import BADGE, bare_part_name, block_label, plain

KIND = "incident"
KEY_FIELDS = vocab.KEY_FIELDS[KIND]

# --- heading labels: read from the one field vocabulary (lorebook.vocab) ---

_V = vocab.INCIDENT
_SUMMARY_H = _V["summary"].labels
_IMPACT_H = _V["impact"].labels
_TIMELINE_H = _V["timeline"].labels
_ACTIONS_H = _V["action_items"].labels
# Sections whose numbers are not the incident's duration (lessons, plans, chat logs).
_NO_DURATION_H = _TIMELINE_H + _ACTIONS_H + _V["lessons"].labels + vocab.INCIDENT_ASIDE + ("what went wrong",)
# The same headings as a set and as prefixes ("timeline" and "timeline …"): checked for every section of every incident.
_NO_DURATION_EXACT, _NO_DURATION_PREFIX = frozenset(_NO_DURATION_H), tuple(a + " " for a in _NO_DURATION_H)

# --- time labels ---

_TZ = (
    r"(?:(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|UTC|GMT|PST|PDT|CET|CEST|EST|EDT|CST|CDT|MST|MDT|BST|IST|JST|KST|AEST|AEDT|"
    r"WAT|EAT|CAT|SAST|MSK|HKT|SGT|AWST|ACST|NZST|NZDT|WET|EET|EEST|BRT|PHT|ICT|WIB|AKST|AKDT|HST|"
    r"Eastern|Pacific|Central|Mountain)"
)
_AMPM = r"(?:\s*[AaPp]\.?[Mm]\.?(?![A-Za-z])|[ap](?![A-Za-z]))"
# "14:05", and "14h05" as French, Portuguese and Spanish notes write the clock
_CLOCK = rf"~?(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:-\d{{2}}(?![:\d]))?{_AMPM}?|\d{{1,2}}h\d{{2}}(?![\d:]))"
_DATE = (r"~?(?:\d{4}-(?:\d{2}|MM|XX)-(?:\d{2}|DD|XX)|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{4}(?!\d))"
         r"(?:\[\^\w+\])?")
# "before 18:40", "between 18:40 and 18:45", "antes de las 18:40", "vers 14:05": a time the author could only bound.
_APPROX_TIME = (r"(?i:(?:about|around|approx\.?|approximately|circa|ca\.|before|after|by|between|gegen|um|vor|nach|zwischen|vers|avant|après|entre|"
                r"antes\s+de(?:\s+las?)?|después\s+de(?:\s+las?)?|hacia(?:\s+las?)?|sobre(?:\s+las?)?|a\s+las?|por\s+volta\s+d[ae]s?|"
                r"cerca\s+de|às|약|約|约)\s*)")
_PREFIX = re.compile(
    rf"^\s*(?:(?P<date>{_DATE})(?:T(?=\d)|[\s,])*)?"
    rf"(?P<clock>{_APPROX_TIME}?{_CLOCK}(?:\s*(?:[-–~]|and|y|et|und|e|bis)\s*{_CLOCK})?)?"
    rf"(?:\s*\(?(?P<tz>{_TZ})\)?(?![\w]))?"
)
_SEP = re.compile(r"^\s*(?:[—–:,|]|-(?=\s)|\.(?=\s))?\s*")
_CLOCK_PARTS = re.compile(r"(\d{1,2})(?::|h(?=\d{2}(?!\d)))(\d{2})(?::\d{2})?(?:-\d{2})?\s*(?:([AaPp])\.?[Mm]\.?(?![A-Za-z])|([ap])(?![A-Za-z]))?")
_CLOCK_ANY = re.compile(rf"(?<![\d:.]){_CLOCK}")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})\s+(.*)$")

# --- event vocabularies (English, Korean, German, French, Spanish, Portuguese, Japanese, Chinese) ---

_IMPACT_WORDS = re.compile(
    r"\b(?:errors?|5\d\d|5xx|down|outage|fail(?!over)\w*|exhaust\w*|unavailable|alert\w*|unresponsive|"
    r"crash\w*|degrad\w*|out of memory|oom\w*|broken|inaccessible|"
    r"fehler\w*|ausfall|ausgefallen|störung|erreurs?|panne|indisponible|errores|caída|caído|fallo|falha\w*|queda|fora do ar|"
    r"indisponível)\b|오류|에러|장애|실패|중단|다운|불가|지연|エラー|障害|停止|ダウン|故障|错误|宕机|不可用",
    re.I,
)
# "action item: alert on …" plans an alert; it does not say how this incident was noticed.
_FOLLOW_UP = re.compile(r"\b(?:action items?|action points?|follow[- ]?ups?)\s*[:：]", re.I)
_DETECT_WORDS = re.compile(
    # "reports", "reported", "first report", "report from": someone told us; "unrelated to this report" is not detection.
    r"\b(?:pagerduty|opsgenie|pager|alert\w*|detect\w*|paged|pinged|notic\w*|report(?:s|ed|ing)|first reports?|reports? (?:of|from)|disclos(?:ed|ure))\b|\berrors? start|"
    # "Terrence flagged an unusually high missed block rate", "Report received from Lido about …"
    r"(?<!was )(?<!were )(?<!been )\bflagged\s+(?:an?|the|that|unusual\w*)\b|\breports? received\b|"
    # "Our monitoring system sent an SOS signal": the monitor told us
    r"\bmonitor(?:ing)?(?:\s+(?:system|tool|stack|service))?\s+(?:sent|fired|raised|flagged|caught|showed|picked\s+up)\b|"
    # "Miquel discovered the outage while testing the prerender pipeline": who came upon the failure itself
    r"\b(?:discovered|spotted|came across|stumbled (?:up)?on)\s+(?:the|an?|this)\s+(?:\w+\s+)?(?:outage|incident|problem|issue|failure|breakage|downtime|bug)\b|"
    # "OSTIF and their contractor notified conda-forge of the leaked token", "a user posted #39, notifying the ESLint team
    # of the issue", "we received a report that …"; "users were notified of the fix" tells the news, not how it was found
    r"(?<!were )(?<!was )(?<!been )(?<!be )(?<!also )\bnotif(?:ied|ying)\s+(?:(?:us|the\s+[\w-]+\s+team|`?[\w/-]+`?)\s+)?(?:of|about|that)\b|\breceived\s+(?:a|an|the|several|multiple)\s+(?:\w+\s+)?(?:reports?|alerts?|pages?|complaints?|tickets?|emails?)\b|"
    r"\bstart\w* (?:returning |throwing |seeing |to see )?(?:\w+ ){0,2}errors?\b|알림|알람|감지|탐지|발견|인지|보고|"
    r"\bfirst (?:[\w-]+ )?signal\b|\b(?:report|check|monitor|probe)s? (?:fires?|fired|turned red|went red)\b|"
    r"\b(?:alarm\w*|gemeldet|bemerkt|erkannt|festgestellt|alerte\w*|signal[ée]\w*|détect[ée]\w*|alerta\w*|detectad[oa]\w*|reportad[oa]\w*|"
    r"notificad[oa]\w*|detect[aá]\w*|reporta[mn]?|reportou|reportó|relat(?:a|ou|aram)|not(?:ou|ó|aram)|perceb\w*|"
    r"meldet\w*|обнаруж\w*|замети\w*|сообщи\w*)\b|アラート|検知|発覚|告警|报警|检测到|用户(?:报告|反馈|反映)|ユーザー(?:から)?の?(?:報告|問い合わせ)"
    # "使用者回報 …" (Traditional), "GitHub Issue #517 「… が起動しない」投稿": a user's report, an issue filed about it
    r"|使用者(?:回報|反映|反饋)|用戶(?:回報|反饋|反映|報告)|問い合わせ|通報"
    r"|(?i:\bissue)\s*#\d+[^\n]{0,60}(?:投稿|起票|提出|提交|(?i:\bopened|\bfiled|\braised))",
    re.I,
)
_RESOLVE_WORDS = re.compile(
    r"\b(?:recovered|resolved|restored|fixed|mitigated|back to normal|all[- ]clear|back online|working again|"
    r"(?:returns?|returned) to normal|working as (?:intended|expected|normal)|back to working|(?:get|gets|got) back to work|okay again|ok again|outage ends|close[sd]? the incident|"
    r"incident (?:is )?closed|behoben|wiederhergestellt|résolu\w*|rétabli\w*|corrigé\w*|resuelt[oa]\w*|restablecid[oa]\w*|"
    r"recuperad[oa]\w*|resolvid[oa]\w*|restabelecid[oa]\w*|corrigid[oa]\w*|normalizad[oa]\w*|"
    r"восстановлен\w*|устран[её]н\w*|исправлен\w*|заработал\w*)\b|복구|해결|정상화|復旧|解決|恢复|解决|修复",
    re.I,
)
_NEGATION = re.compile(r"(?:\bnot|n't|\bno|\bnever)\s+(?:\w+\s+)?$", re.I)

# --- stated durations ---

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}
_NUM = r"(\d+(?:\.\d+|,\d(?!\d))?|half an?|forty-five|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(minutes?|mins?|hours?|hrs?|h|days?|weeks?)\b"


def _per_unit(unit: str) -> int:
    """Minutes in one unit of a stated duration ("h", "hours", "Stunden", "시간", "days", "weeks", "Tage", …)."""
    u = unit.lower()
    if u.startswith(("week", "woche", "semana", "semaine", "weken", "settiman", "tydz", "недел")):
        return 7 * 1440
    if u.startswith(("day", "tag", "día", "dia", "jour", "дн", "сут", "giorn", "dagen", "dni")) or u in ("일", "日", "天", "dag"):
        return 1440
    if u.startswith(("h", "stund", "std", "ч", "час", "godzin", "uur")) or u in ("시간", "時間", "小时", "小時", "ore", "ora"):
        return 60
    return 1


_STATED = re.compile(
    r"\b(?:lasted|lasting|lasts|for|(?:impacted|affected)[\w\s]{0,20}?during|duration(?: of| was)?|resolved in|down for)(?:\s+for)?"
    r"(?:\s+(?:about|approximately|approx\.?|around|roughly|nearly|almost|just over|just under|over|under|"
    r"at least|at most|some))*\s*~?\s*" + _NUM + r"[\s-]*" + _UNIT
    + r"(?:\s*(?:and|,)?\s*(\d+)\s*(?:minutes?|mins?|m)\b)?",
    re.I,
)
# "from 17:09 to 23:42 EST (6 hours and 33 minutes)": a bracketed length right after a time window states it.
_BRACKETED = re.compile(r"\d{1,2}:\d{2}[^()]{0,40}?\(\s*~?\s*" + _NUM + r"[\s-]*" + _UNIT
                        + r"(?:\s*(?:and|,)?\s*(\d+)\s*(?:minutes?|mins?|m)\b)?\s*\)", re.I)
# "experienced a 7 minute cascading failure", "leading to an 18-minute downtime": the length as the event's size
_SIZED_OUTAGE = re.compile(r"\b(?:a|an|the|our)\s+~?\s*" + _NUM + r"[\s-]*" + _UNIT
                           + r"(?:\s*(?:and\s*)?(\d+)\s*(?:minutes?|mins?))?[\s-]+(?:[\w-]+\s+){0,2}?"
                           r"(?:outage|downtime|failure|disruption|incident|interruption|degradation|blackout)\b", re.I)
# "bot scheduler frozen ~7h", "the API was down for about 40 minutes": how long a thing stayed in its broken state
_STATE_FOR = re.compile(r"\b(?:frozen|down|offline|unavailable|unreachable|stalled|hung|stuck|degraded|broken|dark)\s+(?:for\s+)?"
                        r"(?:(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|some)\s+)?~?\s*" + _NUM + r"[\s-]*" + _UNIT
                        + r"(?:\s*(?:and\s*)?(\d+)\s*(?:minutes?|mins?|m)\b)?", re.I)
_PAREN_DURATION = re.compile(r"\(\s*(?:~|about|approx\.?|approximately)?\s*\d+\s*(?:minutes?|mins?|hours?|hrs?|h|days?)\b"
                             r"(?:\s*(?:and|,)?\s*\d+\s*(?:minutes?|mins?|m)\b)?(?:\s+(?:duration|total|long|of downtime|outage))?\s*\)", re.I)
_STATED_KO = re.compile(r"(?:약\s*)?(\d+)\s*(일|시간|분)(?:\s*(\d+)\s*분)?\s*(?:동안|간)")  # "3일 동안", "2시간 15분 동안"

_NONE_TEXT = re.compile(r"^(?:none|n/?a|tbd|nothing|-|—|없음|해당 없음)\.?$", re.I)
_DONE = re.compile(r"^(?:done|fixed|completed?|merged|closed|resolved|shipped|완료|해결)\b", re.I)
# In the story only a SEV level someone declared ("declaring SEV2", "classified as a Sev-1"); "P1" is too often something else.
_SEV_STATED = re.compile(r"\b(?:declar\w*|rais\w*|escalat\w*|classif\w*|open\w*|call\w*|mark\w*|upgrad\w*|downgrad\w*|"
                         r"bump\w*|was|is)\s+(?:(?:as|to|it|this|a|an)\s+){0,3}"
                         r"(SEV[-\s]?\d|[Ss]ev[-\s]?\d|(?-i:P[0-4]))\b", re.I)
# "TODO: credit the reporter" in a write-up is its author's note to self, not the team's action item.
_FOLLOW_UP_KEYS = ("action item", "action items", "action point", "action points", "follow-up", "follow-ups", "follow up",
                   "followup")
_SEV_TEXT = re.compile(r"\b(SEV[-\s]?\d|sev[-\s]?\d|Sev[-\s]?\d|P[0-4])\b")


@dataclass
class _Entry:
    """One parsed timeline entry plus what the duration maths needs."""

    time: str
    event: str
    span: Span
    clock: str | None
    day: tuple


@dataclass
class _Label:
    date: str | None  # ISO when parseable
    raw_date: str | None  # as written ("2023-MM-DD")
    clock: str | None  # HH:MM
    rest: str  # text after the label
    raw: str  # the label as written


@lru_cache(maxsize=16384)  # the same block's text is read by a dozen field finders
def _txt(text: str) -> str:
    """plain(), but keeping snake_case words and <user@host> autolinks that it would eat."""
    t = re.sub(r"\[\^\w+\]", "", text or "")  # footnote marks
    t = re.sub(r"<((?:mailto:)?[^<>\s@]+@[^<>\s]+)>", r"\1", t)
    t = re.sub(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])", "\x00", t)
    return plain(t).replace("\x00", "_")


@lru_cache(maxsize=16384)
def _clean(text: str) -> str:
    """Prose as plain text: footnote marks dropped, shortcut reference links "[text]" unbracketed."""
    t = _txt(text)
    return re.sub(r"\[([^\]\[]+)\](?!\()", r"\1", t).strip()


_NUMBERED_TITLE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[一二三四五六七八九十]+[、.])\s*")


def _as_lead(title: str) -> str:
    """A sub-heading read into its section's prose leads what follows it: "Builder: Builder was shut down at 07:39"."""
    return title if not title or title.endswith((".", ":", "：", "。", "!", "?", ")", "）", "]")) else title + ":"


def _sec_prose(sec: Section, rows: bool = False, comments: bool = False) -> tuple[str, list[Span]]:
    """Plain prose of a section and its subsections (paragraphs, items, quotes; no code); with `rows`, a table's
    rows too ("| Persistence | webhook | both rows carry the same columns |": a fix told as a table of changes)."""
    blocks: list[Block] = [x for s in sec.walk() for x in s.blocks]
    if not any(x.kind in ("paragraph", "item") for x in sec.blocks) and sec.children:
        # "## 根本原因" over "### 1. 磁盘使用率过高（91%）" and its items: each sub-heading states one cause, its items the detail
        blocks = [x for s in sec.walk() for x in (
            ([Block("paragraph", _as_lead(_NUMBERED_TITLE.sub("", plain(s.title))), s.span)]
             if s is not sec and s.title and not vocab.names_a_part(s.title) else []) + s.blocks)]
    if comments:  # a fix told only in code opens with the comment that says what it does ("# Recreated the proxy config")
        heads = {id(s.blocks[0]) for s in sec.walk() if s.blocks and s.blocks[0].kind == "code"}
        blocks = [_said_by_comment(x) if id(x) in heads else x for x in blocks]
    if not rows or not any(x.kind == "table" for x in blocks):
        return _prose(blocks)
    parts, spans = [], []
    for blk in blocks:
        if blk.kind == "table":
            for row in blk.children:
                t = "; ".join(c for c in (_clean(x) for x in row.cells) if c)
                if t:
                    parts.append(t if t.endswith((".", "。")) else t + ".")
                    spans.append(row.span)
        else:
            t, sp = _prose([blk])
            if t:
                parts.append(t)
                spans += sp
    return " ".join(parts), spans


def extract(doc: Document) -> Record:
    """Read a postmortem's date, summary, impact, timeline, causes, timings and action items."""
    b = RecordBuilder(doc, KIND)
    ps = P.labelled_parts(doc)
    meta = metadata(doc)
    date = _date(doc, meta, b)
    _severity(doc, meta, b)
    _summary(doc, ps, b)
    _impact(doc, ps, b)
    entries = _timeline(doc, ps, date, b)
    if date is None:
        _first_seen(ps, b)
    if b.fields.get("date") is None:
        _timeline_day(entries, b)
    else:
        _posted_after_timeline(doc, entries, b)
    if b.fields.get("date") is None:
        _written_on(meta, b)
    if not (_field_text(doc, ps, "trigger", b, fallback=False) or _trigger_statement(doc, entries, b)):
        b.set("trigger", "")
    if _field_text(doc, ps, "root_cause", b, fallback=False):
        _summary_names_cause(doc, ps, b)
    elif not (_cause_statement(doc, b) or _field_text(doc, ps, "root_cause", b, fallback=True)):
        b.set("root_cause", "")
    _detected(doc, entries, b, meta)
    _detection(doc, ps, entries, b)
    if not (_field_text(doc, ps, "resolution", b) or _stage_fix(doc, ps, b) or _fix_entry(doc, entries, b)
            or _resolution_statement(doc, b) or _restoring_entry(entries, b) or _actions_before_recovery(entries, b)):
        b.set("resolution", "")
    _resolved(doc, entries, b, meta)
    _clock_told(b, "detected_at", "detection", _DETECT_WORDS)  # "paged by the LoginErrorsHigh alert at 14:08"
    _clock_told(b, "resolved_at", "resolution", _RESOLVE_WORDS)  # "… and logins recovered by 14:45"
    _clock_told(b, "resolved_at", "detection", _RESOLVE_WORDS)  # "discovered … by 22:50 GMT and resolved at 23:01 GMT"
    _duration(doc, ps, entries, b)
    _actions(doc, ps, b)
    return b.build(KEY_FIELDS, summary=_index_summary(b.fields))


# --- section helpers ---


def _find(root: Section, aliases: Iterable[str], not_after: tuple[str, ...] = ()) -> Section | None:
    """The section a label names; else one whose heading holds a multi-word label ("Lessons learned and action items")."""
    aliases = tuple(aliases)
    sec = P.find_section(root, aliases, not_after, exact_first=True)  # "Root Cause" over "Root Cause and Resolution"
    if sec is not None and vocab.norm_label(sec.title).rstrip("?").strip() not in aliases:
        # only headings that start with a label: the one naming it most closely ("Customer impact" over "Affected services")
        found = P.find_sections(root, aliases, not_after)
        sec = max(found, key=lambda s: len(vocab.label_matches(vocab.norm_label(s.title).rstrip("?").strip(), aliases) or ""))
    if sec is None:
        phrases = [f" {a} " for a in aliases if " " in a]
        if phrases:  # each heading normalised once, not once per phrase (~13 % of an incident's extraction)
            sec = next((s for s in root.walk() if s is not root and s.title
                        and _holds_any(f" {vocab.norm_label(s.title)} ", phrases)), None)
    return sec


def _holds_any(text: str, parts: list[str]) -> bool:
    return any(p in text for p in parts)


def _prose(blocks: Iterable[Block]) -> tuple[str, list[Span]]:
    parts, spans = [], []
    blocks = list(blocks)
    for i, blk in enumerate(blocks):
        if blk.kind in ("paragraph", "item", "quote"):
            t = _clean(blk.text)
            if blk.kind == "item" and t.endswith((":", "：")) and blk.children:  # "- **직접적 원인**:" over its numbered causes
                t = " ".join([t] + [_clean(c.text) for c in blk.walk() if c is not blk and c.kind in ("item", "paragraph")])
            if t:
                parts.append(t)
                spans.append(blk.span)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if t and t.endswith((":", "：")) and nxt is not None and nxt.kind == "code":
                said = _first_code_line(nxt)  # "… the following exception was thrown:" and the exception itself
                if said:
                    parts.append(said[0])
                    spans.append(said[1])
    return " ".join(parts), spans


def _said_by_comment(code: Block) -> Block:
    """A code block whose first line is a comment in words ("# Manually recreated the config with the current IPs"):
    that comment as a paragraph on its line; else the code block unchanged."""
    lines = code.text.split("\n")
    first = next(((n, ln.strip()) for n, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return code
    n, line = first
    m = re.match(r"^(?:#|//|--)\s*(.+)$", line)
    if not m or len(re.findall(r"[^\W\d_]{2,}", m.group(1))) < 4 or "!" in line[:2]:
        return code
    at = code.span.start + 1 + n
    return Block(kind="paragraph", text=m.group(1).strip(), span=Span(code.span.source, at, at))


def _first_code_line(code: Block) -> tuple[str, Span] | None:
    """The first line of a code block that is not blank, a comment or a prompt: what a lead-in colon introduces."""
    lines = code.text.split("\n")
    for n, line in enumerate(lines):
        s = line.strip()
        if s and not s.startswith(("#", "//", "$", ">")) and len(s) <= 300:
            at = code.span.start + 1 + n  # the fence is the span's first line
            end = n
            while s.endswith("\\") and end + 1 < len(lines) and len(s) <= 300:  # one command continued over lines
                end += 1
                s = s[:-1].rstrip() + " " + lines[end].strip()
            return s, Span(code.span.source, at, code.span.start + 1 + end)
    return None


def _field_text(doc: Document, ps: list[P.Part], name: str, b: RecordBuilder, fallback: bool = False,
                into: str | None = None) -> bool:
    """A prose field from the section its labels name, else from a bold lead / lead-in / "Key:" part anywhere."""
    f = vocab.field(KIND, name)
    names = f.fallback if fallback else f.labels
    sec = _find(doc.root, names, f.not_after) if names else None
    parts = _labelled(ps, name, fallback=fallback, shapes=_VALUE_SHAPES)
    # "Immediate actions taken" only holds a label; "**Resolution summary:** …" opens with one, so it is read first
    later = sec is not None and parts and vocab.label_matches(vocab.norm_label(sec.title), names, f.not_after) is None

    def from_section() -> bool:
        text, spans = _sec_prose(sec, rows=name == "resolution", comments=name == "resolution")
        if text:
            b.set(into or name, text, spans)
        return bool(text)

    if sec is not None and not later and from_section():
        return True
    for part in parts:
        text, spans = _part_prose(part)
        if text and not _only_when(text) and text.lower() not in ("true", "false"):  # "복구 일시: 2024-11-15 15:41 KST" says
            # when, not how; front matter's "resolved: true" says whether
            b.set(into or name, text, spans)
            return True
    return bool(later) and from_section()


# Where a labelled value may sit: bold leads, lead-ins, "Key:" lines, definition lists, front matter, and the rows
# of a key/value table ("| 영향 범위 | 전체 API … |").
_VALUE_SHAPES = ("bold", "leadin", "key", "line", "front_matter", "row")


def _labelled(ps: list[P.Part], name: str, shapes: Iterable[str] = ("bold", "leadin", "key", "line", "front_matter"),
              fallback: bool = False) -> list[P.Part]:
    """The parts whose label names this field, less those another field names more closely
    ("影响时长", impact time, is a duration, not the impact "影响") and rows of tables other than two-column ones."""
    out = []
    f = vocab.field(KIND, name)
    for p in P.labelled(ps, KIND, name, shapes, fallback):
        if p.shape == "row" and (len(p.table.header) != 2 or vocab.table_shape(p.table.header) not in ("metadata", None)):
            continue
        own = vocab.label_matches(p.key, f.fallback if fallback else f.labels + f.keys, f.not_after) or ""
        other = vocab.field_of_label(KIND, p.label)
        if other and other != name and len(vocab.label_matches(p.key, vocab.field(KIND, other).labels) or "") > len(own):
            continue
        out.append(p)
    return out


def _only_when(text: str) -> bool:
    """A value that is only a date and/or a time ("2024-11-15 15:41 KST"): it says when, not what."""
    rest = _CLOCK_ANY.sub(" ", re.sub(_DATE, " ", text))
    rest = re.sub(rf"\b{_TZ}\b|[\W\d_]", "", rest)
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", rest) and not re.fullmatch(r"[年月日时時分秒点點頃ごろ시분초일]+", rest):
        return False  # "用户" (the users) is two characters and a whole answer; "年月日" only spells a date
    return len(rest) <= 2


def _part_prose(part: P.Part) -> tuple[str, list[Span]]:
    """The value of a labelled part: the text after its label, then the blocks it owns."""
    if part.shape in ("key", "line", "front_matter", "row"):
        return _clean(part.value), [part.span]
    if part.shape == "bold":
        head = part.blocks[0]
        text, spans = _prose(part.blocks[1:])
        value = _clean(_after_bold(head.text))
        return (f"{value} {text}".strip() if value else text), ([head.span] if value else []) + spans
    return _prose(part.blocks)


def _after_bold(raw: str) -> str:
    m = re.match(r"^\s*(\*\*|__)(.+?)\1\s*[:：.。—–-]?\s*", raw, re.S)
    if m is None and bare_part_name(raw):
        return ""  # "Root cause" alone on its line: the name of the part, not its text
    return raw[m.end():] if m else raw


# Root causes stated in prose, in the languages of the vocabulary.
_CAUSE_STATEMENT = re.compile(
    r"\b(?:the|our)\s+(?:(?:root|underlying|immediate|primary|main|proximate|technical|actual|real|true|ultimate|exact)\s+){1,2}causes?\b"
    r"[^.。]{0,80}?\b(?:is|was|were|are)\b"
    r"|\b(?:was|were|is|are)\s+(?:ultimately\s+|primarily\s+|mainly\s+|(?:most\s+)?(?:likely|probably)\s+)?caused\s+by\b"
    # ruled out, then named: "This was not a malfunction of PyPI …, rather the user's account was not protected"
    r"|\b(?:this|it|the\s+(?:outage|incident|issue|problem|failure))\s+was\s+not\s+(?:a|an|the|due|caused)\b[^.。]{0,120}?,?\s+(?:but\s+)?rather\b"
    # hedged: "… and is most likely cause of the issue", "was the probable cause"
    r"|\b(?:is|was|are|were)\s+(?:the\s+)?(?:most\s+)?(?:likely|probable)\s+(?:root\s+)?causes?\b"
    r"|\b(?:issues?|problems?|outages?|errors?|failures?|disruptions?|downtime)\s+caused\s+by\b"  # "DNS issues caused by an attack"
    r"|\bthe\s+cause\s+(?:of|for)\s+[^.。]{0,80}?\b(?:is|was)\b|\bthe\s+cause\s+(?:is|was)\b"
    r"|(?:^|[:;]\s*)cause\s+of\s+the\s+(?:bug|issue|problem|outage|incident|failure|error)\s+(?:is|was)\b"  # "Evening: cause of the bug is …"
    # "Durch eine massive Störung bei unserem Hosting-Dienstleister ist der Login … nicht möglich"
    r"|\b(?:durch|aufgrund|wegen)\s+(?:eine[nrms]?|die|den|der|das|des)\s+(?:\S+\s+){0,3}?(?:störung|ausfall|fehler|defekt|problem)\w*\b"
    r"|\b(?:is|was|were|are)\s+the\s+(?:root\s+|underlying\s+|main\s+|primary\s+|real\s+)?cause\s+of\b"
    r"|\b(?:is|was|were|are)\s+the\s+(?:root|underlying|real)\s+cause\b"
    # "We were able to quickly identify the root cause as expired TLS certificates"
    r"|\b(?:identif(?:y|ied)|determin(?:e|ed)|found|confirm(?:ed)?|pinpoint(?:ed)?|isolat(?:e|ed)|diagnos(?:e|ed))\s+the\s+"
    r"(?:root\s+|underlying\s+|actual\s+)?cause\s+(?:as|to\s+be)\b"
    r"|\b(?:this|the (?:outage|incident|failure|problem|issue))\s+was\s+(?:ultimately\s+)?(?:due\s+to|the\s+result\s+of|triggered\s+by)\b"
    # what stopped, and why, in the sentence a write-up opens with: "LEAP Mainnet has stopped due to double signing"
    r"|\b(?:has\s+|have\s+|had\s+|was\s+|were\s+)?(?:stopped|failed|crashed|halted|gone\s+down|went\s+down|been\s+down|down|"
    r"unavailable|offline|went\s+offline|gone\s+offline)\s+(?:\w+\s+){0,3}?due\s+to\b"
    r"|\b(?:a|an|the)\s+(?:\w+\s+){0,2}(?:bug|defect|regression|misconfiguration|race condition|typo|flaw)\b[^.。]{0,80}?"
    r"\b(?:caused|causing|(?:which|that)\s+(?:resulted\s+in|led\s+to|causes|caused))\b"  # "The culler had a bug which resulted in flooding …"
    # "A plugin upgrade has caused allocation … to fail": a change named as what caused it
    r"|\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:upgrade|update|change|deploy|deployment|migration|release|rollout|patch)\s+(?:has\s+|had\s+)?caused\b"
    r"|\b(?:this|it|the (?:outage|incident|failure|problem|issue|stall))\s+(?:\w+\s+)?(?:happened|occurred|occurs|happens|occur)\s+because\b"
    r"|근본\s*원인은|원인은|根本原因は|原因は|根本原因是|原因是|verursacht\s+durch"
    r"|(?:grund)?ursache(?:\s+(?:für|des|der|von)\s+[^.。]{0,60}?)?\s+(?:war|ist|lag)"  # "Ursache für den Ausfall war …"
    r"|la\s+causa(?:\s+ra[ií]z)?(?:\s+(?:del?|de\s+la)\s+[^.。]{0,60}?)?\s+(?:fue|es)"
    r"|la\s+cause(?:\s+(?:racine|première))?(?:\s+(?:de|du|des)\s+[^.。]{0,60}?)?\s+(?:était|est|a été)"
    r"|\ba\s+causa(?:\s+raiz)?(?:\s+(?:do|da|de)\s+[^.。]{0,60}?)?\s+(?:foi|é)\b"
    # "was due to" in the notes' language: "今回の障害はハードウェアの障害によるものです", "本次故障是由…引起的",
    # "la panne est due à …", "se debió a …", "foi causada por …", "war auf … zurückzuführen", "è dovuto a …"
    r"|(?:障害|停止|問題|不具合|事象|故障|エラー)は[^。]{1,60}?(?:によるもの|が原因)|(?:故障|问题|事故|中断|错误)是由[^。]{1,60}?(?:引起|导致|造成)"
    r"|(?:장애|문제|오류)(?:는|은)\s?[^.。]{1,60}?(?:로|으로)\s?인한\s?것"
    r"|\b(?:est|était|a\s+été|sont|étaient)\s+du[es]?\s+à\b|\bse\s+debi(?:ó|o|eron)\s+a\b|\bfue\s+(?:debid[oa]\s+a|causad[oa]\s+por)\b"
    r"|\bfo(?:i|ram)\s+causad[oa]s?\s+por\b|\bdeveu-se\s+a\b|\bwar\s+auf\b[^.。]{1,80}?\bzurückzuführen|\bwurde\s+durch\b[^.。]{1,80}?\bverursacht"
    r"|\b(?:è|era|fu)\s+(?:stat[oa]\s+)?(?:dovut[oa]\s+a|causat[oa]\s+da)\b",
    re.I,
)
# A further cause told in the same paragraph as the first: "Additionally, a resource leak was introduced …, which caused …"
_FURTHER_CAUSE = re.compile(r"\b(?:which|that)\s+(?:caused|resulted\s+in|led\s+to)\b|\b(?:was|were)\s+(?:also\s+)?caused\s+by\b", re.I)
_UNKNOWN_CAUSE = re.compile(r"\s*(?:still\s+|currently\s+|as yet\s+)?(?:unknown|unclear|not (?:yet )?(?:known|clear|understood)|under investigation|being investigated"
                            r"|deeper|more (?:complex|complicated|subtle|nuanced)\b)", re.I)  # "the actual root cause was deeper": it says so next
_GUESSED = re.compile(r"\b(?:first|initial|early|original|our|my)\s+(?:assumption|hypothesis|guess|suspicion|theory|thought)s?\b"
                      r"|\bwe\s+(?:first\s+|initially\s+|originally\s+)?(?:assumed|suspected|guessed|thought|believed)\b", re.I)
_SENTENCE = re.compile(r"(?:[^.!?。！？]|[.!?](?![\s]|$))*(?:[.!?](?=\s|$)|[。！？]|$)")  # "v2.2" and "1.5x" stay inside; "。" ends one


def _cause_statement(doc: Document, b: RecordBuilder) -> bool:
    """ "The root cause for this incident is …", "… was caused by …" in any paragraph outside plans and lessons."""
    tl = _find(doc.root, _TIMELINE_H)
    in_timeline = [x for x in (tl.walk() if tl else []) for x in x.blocks if x.kind in ("paragraph", "item", "quote")]
    story = _duration_blocks(doc) + in_timeline
    for i, blk in enumerate(story):  # the story first, then the timeline ("… is the cause of the drop")
        text = _clean(blk.text)
        m = _CAUSE_STATEMENT.search(text)
        while m and (_UNKNOWN_CAUSE.match(text[m.end():]) or _GUESSED.search(_sentence_around(text, m)[:80])):
            # "The cause for this is still unknown" states no cause; "The first assumption regarding the root cause
            # was …" states a guess the story goes on to drop
            m = _CAUSE_STATEMENT.search(text, m.end())
        if not m:
            continue
        said, spans = [_sentence_around(text, m)], [_line_of_text(doc, blk, text[m.start():m.end()])]
        if said[0].rstrip().endswith((":", "：")) and blk.kind == "paragraph":
            # "The exact cause of events was:" over a list: the list says it
            items = list(itertools.takewhile(lambda x: x.kind == "item", story[i + 1:]))
            said += ["; ".join(_clean(x.text) for x in items)] if items else []
            spans += [Span(items[0].span.source, items[0].span.start, items[-1].span.end)] if items else []
            b.set("root_cause", " ".join(said), spans)
            return True
        for more in _FURTHER_CAUSE.finditer(text, m.end()):  # "Additionally, a leak …, which caused …": a second cause
            sentence = _sentence_around(text, more)
            if sentence not in said and len(said) < 3:
                said.append(sentence)
                spans.append(_line_of_text(doc, blk, text[more.start():more.end()]))
        b.set("root_cause", " ".join(said), spans)
        return True
    for text, span in _front_matter_updates(doc):  # a status page's updates kept in its front matter
        m = _CAUSE_STATEMENT.search(text)
        if m and not _UNKNOWN_CAUSE.match(text[m.end():]):
            b.set("root_cause", _sentence_around(text, m), [span])
            return True
    for blk in _duration_blocks(doc)[:6]:  # with no cause said outright: a secret that leaked is a security incident's
        text = _clean(blk.text)
        m = _LEAKED_SECRET.search(text)
        if m and not _NEGATION.search(text[max(0, m.start() - 20):m.start()]):
            b.set("root_cause", _sentence_around(text, m), [_line_of_text(doc, blk, text[m.start():m.end()])])
            return True
    return False


# "a GitHub personal access token … was leaked from Homebrew's Jenkins", "an API key had been committed to a public repo"
_LEAKED_SECRET = re.compile(
    r"\b(?:tokens?|credentials?|keys?|passwords?|secrets?|certificates?)\b[^.;]{0,80}?\b(?:was|were|had\s+been|has\s+been|got)\s+"
    r"(?:accidentally\s+|inadvertently\s+|publicly\s+)?(?:leaked|exposed|committed|published|pushed|logged|printed)\b", re.I)


# "The root cause is a stream alignment bug", "근본 원인은 …", "La causa raiz es que …": the summary names the cause outright
_NAMES_CAUSE = re.compile(
    r"\b(?:the|our)\s+(?:root|underlying)\s+causes?\b[^.。]{0,80}?\b(?:is|was|were|are)\b|근본\s*원인은|根本原因は|根本原因是"
    r"|(?:grund)?ursache\s+(?:war|ist)|la\s+causa\s+ra[ií]z\s+(?:fue|es)|la\s+cause\s+racine\s+(?:était|est)"
    r"|\ba\s+causa\s+raiz\s+(?:foi|é)\b", re.I)


def _lead_with(b: RecordBuilder, name: str, said: str, spans: list[Span]) -> None:
    """Put the summary's own words for a field before what its section says, each cited."""
    if said and said not in b.fields[name]:
        b.set(name, said + " " + b.fields[name], list(spans) + list(b.citations.get(name) or []))


def _summary_label_leads(summary: Section | None, ps: list[P.Part], b: RecordBuilder, name: str) -> bool:
    """A summary's "- **Impact:** …" / "**Root Cause:** …" line, above a section that tells the same field at length:
    the summary's words lead the field, the section's follow."""
    if summary is None:
        return False
    lines = [x.span for x in summary.all_blocks()]
    inside = [p for p in _labelled(ps, name, shapes=("bold", "key")) if lines and lines[0].start <= p.span.start <= lines[-1].end]
    if not inside:
        return False
    said, spans = _part_prose(inside[0])
    _lead_with(b, name, said, spans)
    return True


def _summary_names_cause(doc: Document, ps: list[P.Part], b: RecordBuilder) -> None:
    """A summary that names the root cause ("The root cause is …", "- **Root Cause:** …") above a Root Cause section
    that explains it at length: the summary's words lead the field."""
    summary = _find(doc.root, _SUMMARY_H)
    if _summary_label_leads(summary, ps, b, "root_cause"):
        return
    for blk in [x for x in doc.root.blocks if x.kind == "paragraph"][:3] + (
            [x for x in summary.blocks if x.kind in ("paragraph", "item")][:4] if summary is not None else []):
        text = _clean(blk.text)
        m = _NAMES_CAUSE.search(text)
        if m and not _UNKNOWN_CAUSE.match(text[m.end():]):
            _lead_with(b, "root_cause", _sentence_around(text, m), [_line_of_text(doc, blk, text[m.start():m.end()])])
            return


def _sentence_around(text: str, m: re.Match) -> str:
    """The whole sentence a match sits in: from the stop before it to the stop after it."""
    start = max([text.rfind(stop, 0, m.start()) + 2 for stop in (". ", "! ", "? ")
                 if text.rfind(stop, 0, m.start()) >= 0] + [0, text.rfind("。", 0, m.start()) + 1])
    end_m = re.search(r"[.!?](?=\s|$)|[。！？]", text[m.end():])  # "。" ends a sentence with no space after it
    return text[start:m.end() + end_m.end() if end_m else len(text)].strip()


_SUMMARY_KEYS = frozenset(("summary", "description", "excerpt", "abstract", "tldr", "tl;dr", "subtitle", "lead"))


def _front_matter_updates(doc: Document) -> list[tuple[str, Span]]:
    """Sentences a post keeps in its front matter, each with the line it is on: a status page's updates
    ("incident_states: - content: 'We are investigating …'"), a blog post's summary or excerpt."""
    if not doc.front_matter or not doc.front_matter_span:
        return []
    texts: list[str] = []

    def walk(v, depth: int) -> None:
        if isinstance(v, dict):
            for x in v.values():
                walk(x, depth + 1)
        elif isinstance(v, list):
            for x in v:
                walk(x, depth + 1)
        elif isinstance(v, str) and depth > 0 and len(v.split()) >= 4:
            texts.append(v)

    for k, v in doc.front_matter.items():
        if isinstance(v, (list, dict)):
            walk(v, 0)
        elif isinstance(v, str) and str(k).lower() in _SUMMARY_KEYS:  # a blog post's "excerpt:" tells the story in brief
            walk(v, 1)
    fm = doc.front_matter_span
    lines = doc.source.lines(fm.start, fm.end)
    out = []
    for t in texts:
        head = " ".join(t.split())[:30]
        n = next((k for k, ln in enumerate(lines) if head and head in " ".join(ln.split())), None)
        out.append((" ".join(t.split()), Span(fm.source, fm.start + n, fm.start + n) if n is not None else fm))
    return out


# "Once identified the issue was resolved by rolling back the change.", "We fixed it by …", "behoben durch …".
_RESOLUTION_STATEMENT = re.compile(
    r"\b(?:was|were|has been|have been|got|is)\s+(?:\w+\s+)?(?:resolved|fixed|mitigated|remediated|restored)\s+(?:by|through|via)\s+\S"
    r"|\b(?:resolved|fixed|mitigated)\s+(?:the\s+(?:issue|problem|incident|outage)|it|this)\s+by\s+\S"
    # "Changes were rolled back and started working again": undoing the change was the fix
    r"|\b(?:was|were|got|has\s+been|have\s+been)\s+(?:quickly\s+|immediately\s+|then\s+)?(?:rolled\s+back|reverted)\b"
    r"|\b(?:is|was|has\s+been)\s+(?:now\s+)?resolved\s+as\s+(?:an?|the)\s+\S"  # "This incident is now resolved as an explicit … boundary"
    # a leak's or a compromise's remedy: "both of which have been unpublished from npm", "npm has revoked all access tokens"
    r"|\b(?:has|have|had)\s+(?:since\s+|now\s+|also\s+|immediately\s+)?(?:been\s+)?(?:unpublished|yanked|revoked|rotated|taken\s+down)\b"
    # "the fastest way to fix it was reverting the sync update", "what fixed it was …"
    r"|\b(?:way|how)\s+to\s+(?:fix|resolve|mitigate|solve)\s+(?:it|this|the\s+\w+)\s+(?:was|is)\s+\S|\bwhat\s+(?:fixed|resolved|solved)\s+it\s+was\s+\S"
    r"|\b(?:wird|werden|wurde|wurden)\s+(?:\S+\s+){0,8}?(?:mit|durch|aus)\s+(?:\S+\s+){0,4}?wieder\s*hergestellt\b"
    r"|\b(?:is|was|has\s+been|got)\s+(?:now\s+)?(?:fixed|resolved|patched|addressed)\s+in\s+(?:\[?(?:PR|pull\s+request|commit|release|version)\b|\[?#\d|v?\d+\.\d)"
    r"|\bthe\s+(?:\w+\s+)?(?:fix|patch|remedy|workaround)\s+(?:was|involved|consisted of|is|uses|used|adds|added|replaces|replaced|moves|moved)\s+\S"
    # "Исправление использует явный оверлей", "Le correctif consiste à …", "La corrección añade …", "Der Fix verwendet …"
    r"|(?:^|[.;]\s+)(?:исправление|решение|фикс|le\s+correctif|la\s+correction|la\s+corrección|el\s+arreglo|a\s+correção|"
    r"o\s+fix|der\s+fix|die\s+korrektur|die\s+behebung)\s+(?:использует|добавляет|заключается|состоит|заменяет|consiste|utilise|"
    r"ajoute|remplace|usa|utiliza|añade|agrega|adiciona|substitui|verwendet|nutzt|ergänzt|ersetzt|besteht)\b"
    r"|\bbehoben\s+(?:durch|indem)|\bresuelt[oa]\s+(?:mediante|con|al)\b|\bresolvid[oa]\s+(?:com|por|ao)\b|\brésolu\w*\s+(?:en|par)\b"
    r"|\bse\s+(?:resolvi[óo]|solucion[óo]|corrigi[óo]|mitig[óo])\s+\S|\bfoi\s+(?:resolvid[oa]|corrigid[oa]|solucionad[oa])\s+\S"
    r"|\ba\s+été\s+(?:résolue?|corrigée?)\s+\S|\bwurde\s+(?:\w+\s+){0,4}behoben\b"
    # "Le service a été rétabli en brisant les verrous …", "wurde wiederhergestellt, indem …", "se restableció reiniciando …"
    r"|\ba\s+été\s+(?:rétablie?|restaurée?)s?\s+(?:en|par|grâce)\b|\bwurde\s+(?:\w+\s+){0,4}wiederhergestellt,?\s+(?:indem|durch)\b"
    r"|\b(?:se\s+restableci[óo]|fue\s+restablecid[oa]|foi\s+restabelecid[oa])\s+\S|\b(?:è|e)\s+stat[oa]\s+(?:ripristinat[oa]|risolt[oa])\s+\S"
    r"|\bбыл[аио]?\s+(?:восстановлен\w*|устранен\w*)\s+(?:путём|путем|за\s+счёт|за\s+счет|после)\b"
    r"|^(?:復旧|解決|暫定対応|恢复|修复|解决|복구|해결)(?:は|方式|方法|는|은)[：:、，,\s]"  # "復旧は (1) … (2) …": how it was recovered
    # "To recover, it was necessary to restore from S3 storage", "To fix this, we rolled back the config"
    r"|^to\s+(?:recover|fix|resolve|mitigate|remediate)\b(?:\s+(?:from\s+)?(?:this|it|the\s+[\w-]+(?:\s+[\w-]+)?))?,\s+"
    r"(?:we|it\s+was\s+(?:necessary|decided)|the\s+(?:[\w-]+\s+)?team|[\w-]+\s+(?:had|needed)\s+to)\b",
    re.I,
)


# "We rolled back to v2.2 at 14:41 and logins recovered by 14:45": what was done, in a sentence that says it worked.
_FIX_ACTION = re.compile(
    r"\b(?:we|i)\s+(?:then\s+|finally\s+|quickly\s+|just\s+)?(?:rolled\s+back|reverted|restarted|rebooted|failed\s+over|scaled\s+(?:up|out)|"
    r"disabled|re-?deployed|redeployed|restored|purged|flushed|killed|drained|patched|hot-?fixed)\b"
    r"|\bwir\s+haben\s+(?:\S+\s+){0,6}?(?:zurückgerollt|zurückgesetzt|neu\s+gestartet|deaktiviert|wiederhergestellt)"
    r"|\bnous\s+avons\s+(?:\S+\s+){0,3}?(?:annulé|redémarré|restauré|désactivé|rétabli|fait\s+un\s+rollback)"
    r"|\b(?:revertimos|reiniciamos|restauramos|deshabilitamos|hicimos\s+(?:un\s+)?rollback)\b|\b(?:revertemos|reiniciamos|restauramos|desativamos)\b"
    r"|(?:롤백|재시작|재기동)(?:했|하였)|(?:ロールバック|再起動|切り戻)し(?:た|ました)|(?:回滚|重启)了"
    r"|\b(?:увеличен|перезапущен|откачен|расширен|очищен|заменён|заменен|отключ[её]н)\w*",  # "Том увеличен до 3 GiB, кластер восстановлен"
    re.I,
)


_FIX_LABEL = re.compile(r"^\W*(?:fix|fixed|final fix|mitigation|mitigated|resolution|resolved|workaround|hotfix)"
                        r"(?:\s+(?:applied|deployed|shipped|rolled out|merged))?\s*[:：—–-]\s*\S", re.I)
# A tagged timeline's fix, as written in the source ("| ~15:40 | [Mitigate/Fix] Sửa post-all.js … |", "- 10:02 (Hotfix) …"):
# the parser reads "[Fix]" as link text, so the tag is looked for in the entry's own lines
_FIX_TAG = re.compile(r"(?:^|[|:]|\d)\s*[-*]?\s*[\[(](?:mitigat\w*|fix|fixed|hotfix|workaround)"
                      r"(?:\s*[/+&,]\s*(?:mitigat\w*|fix|fixed|hotfix|workaround))?[\])]\s*\S", re.I | re.M)


def _fix_entry(doc: Document, entries: list[_Entry], b: RecordBuilder) -> bool:
    """A timeline entry labelled as the fix ("Fix applied: `kubectl patch secret …`", "[Mitigate/Fix] …"): the last
    one, since a story that tries several fixes labels the one that worked last."""
    fixes = [e for e in entries if _FIX_LABEL.search(e.event)
             or _FIX_TAG.search("\n".join(doc.source.lines(e.span.start, e.span.end)))]
    if not fixes:
        return False
    b.set("resolution", fixes[-1].event, [fixes[-1].span])
    return True


def _restoring_entry(entries: list[_Entry], b: RecordBuilder) -> bool:
    """The timeline entry that did something and says service came back ("… manually updates the certificates …
    Services are restored."): what restored it, when nothing else says how it was fixed."""
    for e in entries:
        if (_FIX_ACTION.search(e.event) or _DID.search(e.event)) and _mentions(_RESOLVE_WORDS, e.event):
            b.set("resolution", e.event, [e.span])
            return True
    return False


ACTIONS_BEFORE_RECOVERY = 2  # "Roll back to v1 initiated", "Roll back performed by hand", then "Traffic working again"


_CLOSED = re.compile(r"\bclos(?:e|es|ed|ing)\b|\bgeschlossen|\bclôtur|\bcerrad|\bfechad|关闭|クローズ|종료", re.I)  # closing the ticket is no recovery


def _actions_before_recovery(entries: list[_Entry], b: RecordBuilder) -> bool:
    """The timeline's first entry that says service came back, and the entries just before it that did something
    ("Roll back to Traefik v1 initiated", "Roll back performed by hand", "All traffic working as intended"): what
    was done last before it recovered, when nothing else says how it was fixed."""
    back = next((i for i, e in enumerate(entries) if _mentions(_RESOLVE_WORDS, e.event) and not _CLOSED.search(e.event)), None)
    done = []
    for e in reversed(entries[:back] if back else []):
        if not (_FIX_ACTION.search(e.event) or _DID.search(e.event)) or _IMPACT_WORDS.search(e.event) \
                or len(done) == ACTIONS_BEFORE_RECOVERY:
            break  # "OOM killer fired": what broke, not what was done
        done.insert(0, e)
    if not done:
        return False
    b.set("resolution", "; ".join(e.event for e in done), [e.span for e in done])
    return True


# Someone did something: "@ops manually updates the certificates", "rolled back v2.3", "Scaled the pool to 6".
_DID = re.compile(r"\b(?:updat|appl|roll(?:ed|s)? back|revert|restart|reboot|re-?deploy|patch|correct|replac|remov|increas|"
                  r"scal(?:ed|es) (?:up|out|down)|disabl|enabl|flush|purg|kill|expand|resiz|rotat|renew|reissu|switched|"
                  r"destroy|delet|unpublish|revok|truncat|reclaim|blocked|banned|suspend|"  # "Confirmed archive has been destroyed"
                  r"korrigier|aktualisier|zurückgesetzt|neu gestartet|corrig|redémarr|actualiz|atualiz|reinici)\w*", re.I)


def _resolution_statement(doc: Document, b: RecordBuilder) -> bool:
    """How it was fixed, said in a sentence of the story when no section or label holds it."""
    for blk in _duration_blocks(doc)[:12]:
        text = _clean(blk.text)
        for m in _SENTENCE.finditer(text):
            sentence = m.group(0).strip()
            if sentence and (_RESOLUTION_STATEMENT.search(sentence)
                             or (_FIX_ACTION.search(sentence) and _mentions(_RESOLVE_WORDS, sentence))):
                b.set("resolution", sentence, [_line_of_text(doc, blk, sentence[:40])])
                return True
    return False


_KIKKAKE = r"|(?P<h>[^，,。、；;：:\s][^，,。、；;：:]{1,60}?)をきっかけに"
_TRIGGER_STATEMENT = re.compile(
    r"\b(?:was|were|is|got)\s+triggered\s+(?:by|when)\s+(?P<a>[^.;]+)|\b(?:started|began|occurred|happened)\s+(?:right\s+|just\s+|shortly\s+)?(?:when|after)\s+(?P<b>[^.;]+(?:\.\d[^.;]*)*)"
    r"|(?:^|[.;]\s+|however,?\s+)when\s+(?P<c>[^,.;]{10,160}),\s+[^.]*?\b(?:lost|failed|went down|stopped|broke|became|started (?:returning|failing))"
    # "一轮整点 VolSync 源端同步触发后，…", "VPS 迁移后，…", "デプロイ後、…", "배포 후 …": the clause before "after" opens the story
    r"|\bthe\s+(?:main\s+|primary\s+|immediate\s+)?(?:driver|trigger|catalyst)\s+(?:was|is)\s+(?P<e>[^.;]{4,200})"
    # "an outage triggered by a config push", "ausgelöst durch …", "desencadenado por …", "déclenché par …", "由 X 触发", "Xをきっかけに"
    r"|\b(?:triggered|kicked\s+off|set\s+off|precipitated)\s+by\s+(?P<f>[^.;]{4,200})"
    # "all downloads were broken due to a deployment that contained a bug": the change the failure is blamed on
    r"|\b(?:due\s+to|caused\s+by|because\s+of|following)\s+(?P<j>(?:a|an|the|our|one)\s+(?:\w+\s+){0,2}?"
    r"(?:deploy(?:ment)?|upgrade|release|roll-?out|migration|config(?:uration)?\s+(?:change|update|push)|change|update|"
    r"restart|reboot|maintenance|bump|merge)\b[^.;]{0,120})"
    r"|\b(?:ausgelöst\s+(?:durch|von)|desencadenad[oa]\s+por|disparad[oa]\s+por|déclenchée?\s+par)\s+(?P<g>[^.;]{4,200})"
    # the change as the subject: "une modification mineure sur Music Assistant a déclenché une cascade de défaillances"
    r"|(?:^|[.;]\s+)(?P<k>[^.;]{4,160}?)\s+(?:a\s+déclenché|desencaden[óo]|desencadeou|ha\s+innescato|hat\s+(?:\S+\s+){1,6}?ausgelöst|"
    r"triggered\s+(?:a|an|the)\s+(?:\w+\s+)?(?:outage|incident|failure|cascade|chain|series|bug|crash|regression|deadlock|race))\b"
    # the change that went wrong as the subject: "A planned intervention to standardize router-ids resulted in an unexpected
    # connectivity loss"
    r"|(?:^|[.;]\s+)(?P<l>(?:a|an|the|our)\s+(?:\w+\s+){0,3}?(?:intervention|maintenance|change|deploy(?:ment)?|upgrade|migration|"
    r"update|release|roll-?out|operation|reconfiguration)\b[^.;]{0,160}?)\s+(?:resulted\s+in|led\s+to|caused)\s+"
    r"(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?(?:outage|loss|failure|incident|downtime|disruption|degradation|errors)\b"
    + _KIKKAKE +
    r"|由(?P<i>[^，,。；;]{2,60}?)(?:触发|引发)"
    r"|(?:^|[:：]\s*)(?P<d>[^，,。、；;：:]{2,80}?(?:後に|后|後|\s?후|以后|之后|以降|이후)(?:(?:执行|运行|実行|실행)[^，,。；;]{1,60})?)(?=[，,、。\s]|$)",
    re.I,
)
# The same pattern without its "Xをきっかけに" branch, for text that does not hold "をきっかけに" (nearly all of it): that
# branch can start anywhere, so it tried up to 60 characters at every position of every block, ~70 % of the pattern's
# time; where the phrase is absent it cannot match, so both patterns find the same match.
_TRIGGER_STATEMENT_SANS_KIKKAKE = re.compile(_TRIGGER_STATEMENT.pattern.replace(_KIKKAKE, "", 1), re.I)
_CHANGE = re.compile(
    r"\b(?:deploy(?:ed|s|ment)?|bump(?:ed)?|upgrad\w*|releas\w*|roll(?:ed)? ?out|merged|migrat\w*|chang(?:ed|e)|config(?:uration)? (?:change|update|push)\w*|"
    r"attempt\w*|launch\w*|push(?:ed)?|enabled|disabled|restart\w*|drain\w*|commit(?:ted|s)?|"
    r"(?:were|was)\s+(?:updated|switched|re-?routed|repointed|cut\s+over)|"  # "AWS Load Balancers were updated to route …"
    r"обновл\w*|деплой\w*|выкат\w*|перезапущ\w*|actualiz\w*|desplieg\w*|desplegad\w*|atualiz\w*|implanta\w*|"
    r"mise à jour|déploy\w*|aktualisier\w*)\b|배포|변경|업데이트|업그레이드|デプロイ|変更|更新|導入|追加|リリース|"
    r"部署|提交|上线|发布|升级|引入|加入|变更|切换|迁移|ausgerollt|bereitgestellt",
    re.I,
)


# Something set going, as a timeline's first entry records it: "Backup-Script startet", "T0：执行 `docker compose up -d`",
# "TXT 支持批次合入", "Pi-hole v6 config regenerated", "new user account created"
_SET_GOING = re.compile(
    r"\b(?:start(?:s|ed)?|began|begins?|ran|runs|execut(?:es|ed)|creat(?:es|ed)|regenerat(?:es|ed)|"  # "launched": _CHANGE
    r"install(?:s|ed)|introduc(?:es|ed)|kick(?:s|ed) off|scheduled|ship(?:s|ped)|applied|"
    r"startet|gestartet|ausgeführt|angelegt|lanc[ée]e?|démarr\w*|ejecut\w*|inici[óa]\w*|запуст\w*|запущен\w*|создан\w*)\b"
    r"|开始|启动|执行|运行|合入|合并|创建|開始|実行|起動|作成|시작|실행|생성",
    re.I,
)


def _trigger_statement(doc: Document, entries: list[_Entry], b: RecordBuilder) -> bool:
    """A trigger stated in prose ("… was triggered by …", "when two tutorials launched at once, …"), else the
    timeline's first entry when it records a change or something set going (a deploy, a config edit, a backup
    script starting) before anyone noticed; marked `trigger_source: timeline`, as the notes do not call it the
    trigger. A first entry that only states the failure ("13:00 Suchindex nicht erreichbar") is no trigger."""
    for blk in _duration_blocks(doc)[:12]:
        text = _clean(blk.text)
        m = (_TRIGGER_STATEMENT if "をきっかけに" in text else _TRIGGER_STATEMENT_SANS_KIKKAKE).search(text)
        if m:
            clause = next(g for g in m.groups() if g)
            if m.group("d") and not (_mentions(_CHANGE, clause) or re.search(r"触发|トリガー|트리거|迁移|升级|执行|重启|切换|移行|再起動|마이그레이션|업그레이드|재시작", clause)):
                continue  # "上线后" is a change, "一段时间后" is only time passing
            said = re.sub(r"^[^,]{0,40}\b(?:19|20)\d{2}\b[^,]{0,12},\s*", "", clause.strip())  # "Le 28 février 2026, une …"
            b.set("trigger", said or clause.strip(), [_line_of_text(doc, blk, clause)])
            return True
    for blk in _story_blocks(doc):
        text = _clean(blk.text)
        sentences = re.split(r"(?<=[.!?])\s+", text)
        for k, sentence in enumerate(sentences):
            m = _AFTER_EVENT.search(sentence)
            told = " ".join(sentences[k:k + 2])  # "… restored after maintenance, it reconciled …. The server was OOM-killed."
            if m and _FAILURE.search(told) and _EVENT_NOUN.search(m.group("x")):
                b.set("trigger", m.group("x").strip(), [_line_of_text(doc, blk, m.group("x"))])
                return True
    for blk in _story_blocks(doc)[:4]:  # a rush of users: "A repo is posted to reddit, it starts getting popular."
        text = _clean(blk.text)
        m = _SURGE.search(text)
        if m:
            b.set("trigger", _sentence_around(text, m), [_line_of_text(doc, blk, text[m.start():m.end()])])
            return True
    first = entries[0].event if entries else ""
    if first and (_mentions(_CHANGE, first) or _mentions(_SET_GOING, first)) and not _mentions(_DETECT_WORDS, first) \
            and not _START_STAGE.search(first):  # "Incident Start" names when it began, not what set it off
        # what the timeline records first, before anyone noticed: a deploy, a config edit, a job or script set going
        b.set("trigger", entries[0].event, [entries[0].span])
        b.set("trigger_source", "timeline", [entries[0].span])
        return True
    return False


# What sent a crowd: "it starts getting popular", "the post went viral", "traffic started building from 6pm"
_SURGE = re.compile(
    r"\b(?:getting|got|gets|became|becoming|becomes)\s+(?:very\s+|really\s+|hugely\s+)?popular\b|\bwent\s+viral\b"
    r"|\b(?:traffic|load|requests|launches|sign-?ups)\s+(?:start(?:s|ed)?|began|begins)\s+(?:building|growing|climbing|rising|increasing|to\s+(?:build|grow|climb|rise|increase))\b"
    r"|\b(?:was|were|got|is)\s+(?:posted|linked|featured|shared)\s+(?:to|on)\s+(?:the\s+)?(?:front\s+page|reddit|hacker\s*news|twitter|hn)\b"
    # a peak of users: "Gegen 10 Uhr erreichten wir einen neuen Nutzerpeak", "a record traffic spike", "pic de connexions"
    r"|\b(?:nutzer|benutzer|user|users|traffic|last|zugriffs)[- ]?(?:peak|spitze|rekord|ansturm)\b|\b(?:new|record)\s+(?:user|traffic|load)\s+(?:peak|high|record)\b"
    r"|\btraffic\s+(?:spike|surge)\b|\bpic\s+de\s+(?:charge|trafic|connexions|fréquentation)\b|\bpico\s+de\s+(?:tráfico|usuarios|carga|acessos)\b"
    r"|アクセス(?:集中|急増)|访问量(?:激增|暴增)|流量(?:激增|暴增|洪峰)|트래픽\s*(?:급증|폭주)|접속\s*폭주",
    re.I)


# "Prometheus failed to restart after planned storage maintenance because …", "degraded service following a ~10x
# increase in …": in the opening story, the event an outage came after is its trigger, when it names an event
# (not "after 30 minutes", "after that").
_AFTER_EVENT = re.compile(
    r"\b(?:after|following|nach(?:\s+(?:dem|der|einem|einer))?|después\s+de(?:l)?|tras|após|depois\s+d[eoa]s?|après|после|"
    # the change under way when it broke: "Lors du déploiement de la nouvelle version, …", "during the migration of …"
    r"during|lors\s+d(?:u|e\s+la|e\s+l'|es)|durante(?:\s+(?:el|la|o|a))?|während(?:\s+(?:des|der|dem))?|beim|во\s+время)\s+"
    r"(?P<x>(?!\d|(?:that|this|which|we|it|they|about|approximately|roughly|around|some|several|"
    r"hours|minutes|the (?:incident|outage|fix|first|initial))\b)"
    # a gerund is a process ("after launching a number of servers"), unless it is a change ("after deploying v2",
    # "after re-provisioning both worker nodes")
    r"(?!(?!(?:re-?)?(?:deploy|upgrad|migrat|merg|push|releas|roll|enabl|disabl|chang|updat|install|patch|switch|restor|"
    r"provision|reorganiz|rebuild|reboot|restart|renam|mov|replac|rotat|resiz)\w*ing\b)\w+ing\b)(?:[^,.;:()]|[.:](?=\w)){6,120}?)"  # "1.11.0 → 1.14.5" stays whole
    r"(?=\s+(?:because|when|which|so|and then)\b|[,;(]|[.:](?!\w)|$)",
    re.I,
)
_EVENT_NOUN = re.compile(
    r"\b(?:deploy\w*|upgrad\w*|releas\w*|roll-?outs?|migrat\w*|maintenance|increase|spike|surge|burst|change|update|restart\w*|"
    r"reboot\w*|failover|launch\w*|push|merge|install\w*|cut-?over|switch\w*|expansion|resiz\w*|rotation|renewal|expir\w*|"
    r"upload\w*|import|outage|patch\w*|bump|edit|refactor\w*|move|rebuild|reinstall\w*|rename|drain\w*|scal\w+ (?:up|down)|"
    r"announcement|airdrop|traffic|provisioning|re-?provisioning|"
    r"обновлени\w*|деплой\w*|релиз\w*|миграци\w*|перезапуск\w*|перезагрузк\w*|"
    r"actualizaci[oó]n\w*|despliegue\w*|migraci[oó]n\w*|reinicio\w*|atualiza[cç][aã]o|implanta[cç][aã]o|migra[cç][aã]o|"
    r"mise à jour|déploiement\w*|redémarrage\w*|aktualisierung\w*|deployment\w*|migration\w*|neustart\w*|umstellung\w*)\b",
    re.I,
)
_FAILURE = re.compile(
    r"\b(?:fail\w*|degrad\w*|outage|down|crash\w*|broke\w*|errors?|unavailable|stopp\w+|lost|OOM\w*|timed? ?out|"
    r"stall\w*|delay\w*|hung|unreachable|exceed\w*|exhaust\w*|panic\w*|disrupt\w*|killed|blank\w*|missing|stuck|hang\w*|"
    r"ошибк\w*|сбо\w*|упал\w*|недоступ\w*|ушёл|ушел|перестал\w*|fall[óa]\w*|error\w*|ca[íi]d[oa]|falh\w*|erro\w*|"
    r"panne|erreur\w*|échou\w*|arrêt\w*|inaccessib\w*|indisponib\w*|fehl\w*|ausfall\w*|ausgefallen)\b",
    re.I,
)


def _story_blocks(doc: Document) -> list[Block]:
    """The opening story: the first paragraphs before any heading, then the summary's, then the opening of the
    sections that tell what happened and why ("## Problem", "## Root Cause")."""
    blocks = [x for x in doc.root.blocks if x.kind == "paragraph"][:3]
    for aliases in (_SUMMARY_H, _STORY_H, _V["root_cause"].labels):
        sec = _find(doc.root, aliases)
        if sec is not None:
            blocks += [x for x in sec.blocks if x.kind in ("paragraph", "item") and x not in blocks][:3]
    return blocks


_STORY_H = ("problem", "the problem", "what happened", "what was the problem", "incident", "description", "background",
            "overview", "details", "problema", "qué pasó", "o que aconteceu", "problème", "ce qui s'est passé",
            "was ist passiert", "проблема", "что произошло", "문제", "문제 상황", "問題", "何が起きたか", "问题", "发生了什么",
            # the symptom as first told: "在 … 加入严格的校验后，压缩速度跌到 45.84 MiB/s"
            "symptom", "symptoms", "症状", "症狀", "现象", "現象", "증상", "sintoma", "sintomas", "síntoma", "síntomas", "symptôme",
            "symptômes", "симптомы",
            # the background told first: "### Hintergründe", "## What broke", "## 背景"
            "what broke", "hintergrund", "hintergründe", "contexte", "contexto", "antecedentes", "背景", "배경", "предыстория")


def _line_of_text(doc: Document, blk: Block, needle: str) -> Span:
    """The line of a block where `needle` (plain text) starts: the last line from which the rest of the block still holds it."""
    head = " ".join(needle.split())[:30].lower()
    lines = doc.source.lines(blk.span.start, blk.span.end)
    found = None
    for k in range(len(lines)):
        if head and head in " ".join(_clean(x) for x in lines[k:]).lower():
            found = k
    return Span(blk.span.source, blk.span.start + found, blk.span.start + found) if found is not None else blk.span


# --- date and severity ---


def _date(doc: Document, meta: dict, b: RecordBuilder) -> str | None:
    """Front matter / "Date:" metadata, then the title, then the file name."""
    found = first_dated(meta, vocab.keys(KIND, "date"))
    if found:
        if _in_front_matter(doc, found[1]):
            # "title: Postmortem for the Mainnet incident on 17th June 2019" over "date: 2019-07-02": posted a fortnight later
            titled = find_date(doc.title) if doc.title and doc.title_span else None
            told = (titled, doc.title_span) if titled and _posted_after(titled, found[0]) else _story_date(doc)
            if told and _posted_after(told[0], found[0]):
                found = told  # a blog post's front-matter date is the day it was posted; "On June 4, …" is the incident's
        b.set("date", found[0], [found[1]])
        return found[0]
    sec = P.field_section(doc.root, KIND, "date", fallback=False, exact_first=True)
    for blk in (sec.blocks[:2] if sec is not None else []):  # "## 발생 일시" over "2024-05-04 15:28:32"
        d = find_date(_clean(blk.text)) if blk.kind in ("paragraph", "item") else None
        if d:
            b.set("date", d, [blk.span])
            return d
    d = find_date(doc.title) or _ambiguous_date(doc.title, doc)
    if d:
        b.set("date", d, [doc.title_span])
        return d
    above = _day_heading_above(doc)  # "## 22/Mar/2022" over "### 1. Incident on the COCO nodes …"
    if above is not None:
        b.set("date", above[0], [above[1]])
        return above[0]
    opening = next((s for s in doc.root.walk() if s.title), None)  # "## 2026-08-11 — 배포 파이프라인: …" under "# 트러블슈팅 기록"
    if opening is not None and _OPENS_WITH_DAY.match(plain(opening.title)) and (d := find_date(plain(opening.title)[:12])):
        b.set("date", d, [opening.span])
        return d
    d = _filename_date(doc.source.name) if doc.index == 0 else None
    if d:
        told = _story_date(doc)  # "_posts/2018-08-05-….md" opening "On 31st July 2018 …": posted days after the story
        if told and _posted_after(told[0], d):
            b.set("date", told[0], [told[1]])
            return told[0]
        b.set("date", d, [doc.title_span or Span(doc.source.path, doc.extent.start, doc.extent.start)])
        return d
    told = _story_date(doc)
    if told:
        b.set("date", told[0], [told[1]])
        return told[0]
    for key, m in meta.items():  # "실행 일시(재측정): 2025-12-26", "Test date: …": a key that is some day of the event's
        name = vocab.norm_label(re.sub(r"[(（][^)）]*[)）]", " ", key))
        if _DAY_KEY.search(name) and not _NOT_EVENT_DAY.search(name) and (d := find_date(m.value)):
            b.set("date", d, [m.span])
            return d
    b.set("date", None)
    return None


# the last word of a key that names a day ("실행 일시", "Test date", "実施日時", "执行日期", "Date and time"), and keys whose day is not the event's
_DAY_KEY = re.compile(r"(?:\bdate|\bdatum|\bfecha|\bdata|일시|일자|날짜|日時|日付|日期|时间)"
                      r"(?:\s+(?:and|et|y|e|und|en|i|&)\s+(?:time|heure|hora|uhrzeit|zeit|tijd|ora|godzina))?$")  # "Date et heure"
_NOT_EVENT_DAY = re.compile(r"review|revis|update|due|deadline|next|last|modif|publish|posted|written|created|검토|수정|갱신|作成|更新|レビュー|修改|审核|erstellt|geändert")

POSTED_AFTER = 90  # days: a post written this long after the day its story opens on is about that day


def _day_heading_above(doc: Document) -> tuple[str, Span] | None:
    """The day a log of write-ups files this one under: a heading that is only a date, right above its title."""
    if doc.title_span is None:
        return None
    at = doc.title_span.start - 1
    while at >= 1:
        line = doc.source.lines(at, at)[0].strip()
        if line:
            day = line.lstrip("#").strip()
            d = find_date(day) if line.startswith("#") and len(day) <= 24 else None
            return (d, Span(doc.source.path, at, at)) if d else None
        at -= 1
    return None


_OPENS_WITH_DAY = re.compile(r"^\W{0,3}(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?!\d)")


def _posted_after(told: str, posted: str) -> bool:
    """A post dated `posted` tells of `told`, one to POSTED_AFTER days earlier: the incident's day is `told`."""
    return _days_before(told, posted) in range(1, POSTED_AFTER + 1)


def _story_date(doc: Document) -> tuple[str, Span] | None:
    """ "On Tuesday 3 March 2020, …" in the opening lines or the Summary section: the day the story happened."""
    summary = _find(doc.root, _SUMMARY_H)
    if summary is None and doc.root.children:
        summary = doc.root.children[0]  # "## What broke": the story opens under the first heading
    story = [x for x in doc.root.blocks if x.kind == "paragraph"][:3] + (
        [x for x in summary.blocks if x.kind in ("paragraph", "item")][:3] if summary is not None else [])
    for blk in story:
        m = _ON_DATE.search(_clean(blk.text))
        d = find_date(m.group(1)) if m else None
        if d:
            return d, _line_of_text(doc, blk, m.group(0))
    byline = story[0] if story and doc.root.blocks and story[0] is doc.root.blocks[0] else None
    if byline is not None and (m := _OPENS_DATED.match(_clean(byline.text))) and (d := find_date(m.group(1))):
        return d, P.line_span(byline, 0)  # "09.09.2026. Заявка #1952 отдана …": the story opens on its day
    d = find_date(_clean(byline.text)) if byline is not None and len(_clean(byline.text)) <= BYLINE_CHARS else None
    if d:
        return d, byline.span  # "_Daniel Von Fange 2020-12-15._" under the title: when it was written up
    lead = doc.root.blocks[0] if doc.root.blocks and doc.root.blocks[0].kind in ("paragraph", "quote") else None
    said = _clean(lead.text) if lead is not None else ""
    days = set(_ISO_DAY.findall(said))
    if len(days) == 1 and _INCIDENT_WORD.search(said):
        # "> Incidente real en producción (box `aulion.app`, 2026-06-30). Detectado porque …": the one day its opening names
        day = days.pop()
        return day, _line_of_text(doc, lead, day)
    return None


_ISO_DAY = re.compile(r"(?<![\d-])(20\d{2}-\d{2}-\d{2})(?![\d-])")
_INCIDENT_WORD = re.compile(r"\b(?:incident|outage|incidente|vorfall|störung|ausfall|panne|interrupción|caída|queda)\b|障害|事故|故障|장애|инцидент|сбой",
                            re.I)


_OPENS_DATED = re.compile(r"^\W{0,3}(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}/\d{1,2}/\d{1,2})\s*[.:—–-]\s")


BYLINE_CHARS = 80


def _in_front_matter(doc: Document, span: Span) -> bool:
    fm = doc.front_matter_span
    return fm is not None and fm.start <= span.start <= fm.end


def _days_before(earlier: str, later: str) -> int:
    """Whole days from `earlier` to `later` (ISO dates); -1 when either is not a full date."""
    from datetime import date

    try:
        return (date.fromisoformat(later) - date.fromisoformat(earlier)).days
    except ValueError:
        return -1


# The day the write-up itself was created: the incident's day only when nothing closer says it.
_WRITTEN_KEYS = ("created", "created at", "created on", "creation date", "report date", "date of report", "written",
                 "创建日期", "创建时间", "编写日期", "報告日", "作成日", "作成日時", "작성일", "작성 일자", "보고일",
                 "erstellt", "erstellt am", "fecha de creación", "creado", "date de création", "data de criação")


# When it was first seen or began, written anywhere as a labelled line ("- **首次发现**：2025-11-11 09:15"): the incident's day.
_FIRST_SEEN_KEYS = ("first seen", "first detected", "first noticed", "first reported", "detected", "detected at", "detected on",
                    "occurred", "occurred at", "occurred on", "started at", "incident start", "outage start",
                    "start", "start time", "start date", "started", "began", "開始", "開始日時", "시작", "시작 시각", "начало",
                    "首次发现", "发现时间", "发生时间", "故障时间", "开始时间", "最初の検知", "検知日時", "発生時刻", "発生時間",
                    "최초 발견", "발견 시각", "발생 시각", "발생 시간", "erstmals festgestellt", "erkannt am", "aufgetreten am",
                    "beginn", "detectado", "detectado el", "inicio", "fecha de inicio", "détecté le", "début", "detectado em",
                    "discovered", "discovered at", "discovered on", "date discovered", "primeiro visto", "visto pela primeira vez",
                    "visto por primera vez", "erstmals gesehen", "vu pour la première fois",
                    # "**Duration:** May 20, 2024, 14:00 - 16:30 UTC", "时间：（2013 年）10 月 2 日至 11 日": a window that names its day
                    "duration", "outage duration", "time", "时间", "時間")


def _first_seen(ps: list[P.Part], b: RecordBuilder) -> None:
    for p in ps:
        if p.shape in ("key", "bold", "row", "front_matter") and p.key in _FIRST_SEEN_KEYS:
            d = find_date(p.value or "")
            if d:
                b.set("date", d, [p.span])
                return


def _written_on(meta: dict, b: RecordBuilder) -> None:
    found = first_dated(meta, _WRITTEN_KEYS)
    if found:
        b.set("date", found[0], [found[1]])


def _timeline_day(entries: list["_Entry"], b: RecordBuilder) -> None:
    """No date elsewhere: the day most timeline rows are dated on ("2021-03-31 12:06 | …"), the earliest on a tie.

    A latent cause logged the day before ("2023-02-13 07:30 rollover started") does not move the incident's day.
    """
    found = _main_timeline_day(entries)
    if found:
        b.set("date", found[0], [found[1]])


def _main_timeline_day(entries: list["_Entry"]) -> tuple[str, Span] | None:
    days: dict[str, list[Span]] = {}
    for e in entries:
        d = _iso(e.day[0]) if e.day and e.day[0] and not e.day[1] else None
        if d and e.time.startswith(e.day[0]):
            days.setdefault(d, []).append(e.span)
    if not days:
        return None
    day = min(days, key=lambda d: (-len(days[d]), d))
    return day, days[day][0]


def _posted_after_timeline(doc: Document, entries: list["_Entry"], b: RecordBuilder) -> None:
    """A post dated by its front matter or file name ("date: 2023-12-04") whose timeline happened days earlier
    ("**Date: 2023-11-22**" over its rows): the post was written after the incident, the timeline's day is the
    incident's."""
    spans = b.citations.get("date") or []
    posted = bool(spans) and spans[0] is not None and (
        _in_front_matter(doc, spans[0]) or b.fields["date"] == _filename_date(doc.source.name) != find_date(doc.title or ""))
    found = _main_timeline_day(entries) if posted else None
    if found and _posted_after(found[0], b.fields["date"]):
        b.set("date", found[0], [found[1]])


_ON_DATE = re.compile(
    r"\b(?:on|since|at|(?:started|began|starting|beginning)(?:\s+on)?|(?:el|le|am|em|no\s+dia|il|in\s+data|в)(?=\s+\d{4}-))\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+(?:the\s+)?)?"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+,?\s+\d{4}|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.I,
)


def _filename_date(name: str) -> str | None:
    """A date in the file's own name (the part after the last "__" of a flattened path)."""
    stem = name.rsplit("__", 1)[-1]
    d = date_from_filename(stem)
    if d:
        return d
    m = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", stem)
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat() if m else None
    except ValueError:
        return None


def _severity(doc: Document, meta: dict, b: RecordBuilder) -> None:
    """ "Severity: SEV-2", a metadata row, or "SEV1"/"P1" in the title."""
    for key in vocab.keys(KIND, "severity"):
        m = meta.get(key)
        if m and plain(m.value):
            b.set("severity", _level(plain(m.value)), [m.span])
            return
    m = _SEV_TEXT.search(doc.title)
    if m:
        b.set("severity", m.group(1), [doc.title_span])
        return
    m = _SEV_TITLE.search(doc.title)
    if m:  # "🚨 INCIDENTE CRÍTICO: Error CORS …", "Critical incident: …": the title says how bad
        b.set("severity", (m.group(1) or m.group(2)).lower(), [doc.title_span])
        return
    for blk in doc.root.all_blocks():  # "declaring SEV2, I'm IC": a SEV level stated in the story
        found = list(_SEV_STATED.finditer(blk.text)) if blk.kind in ("paragraph", "item") else []
        m = found[-1] if found else None  # "classified as P4, upgraded to P2 on April 28": the later word stands
        if m:
            b.set("severity", m.group(1), [_line_of_text(doc, blk, m.group(0))])
            return
    for blk in doc.root.all_blocks():  # "… Detectado porque … Severidad: ALTA (todo el envío externo caído)": a label mid-paragraph
        m = _SEV_LABEL_INSIDE.search(_clean(blk.text)) if blk.kind in ("paragraph", "quote", "item") else None
        if m:
            b.set("severity", _level(m.group(1)), [_line_of_text(doc, blk, m.group(0))])
            return
    for blk in doc.root.all_blocks():  # "This low-severity incident did not affect real users"
        m = _SEV_WORD_STATED.search(blk.text) if blk.kind in ("paragraph", "item") else None
        if m:
            b.set("severity", m.group(1).lower(), [_line_of_text(doc, blk, m.group(0))])
            return
    b.set("severity", None)


_SEV_LABEL_INSIDE = re.compile(r"(?:^[^\w\s]*\s*|[.;]\s+)(?:severity|severidad|severidade|sévérité|gravité|schweregrad|gravità|gravidade|"
                               r"심각도|重大度|严重程度|严重级别)\s*[:：]\s*(\w[\w-]*)", re.I)
_SEV_TITLE = re.compile(r"^\W*(?:(critical|major|minor|cr[ií]tic[oa]|critique|majeur|mineur|kritisch|kritischer|grave)\s+"
                        r"(?:incident|incidente|outage|vorfall|störung|panne)\b|(?:incident|incidente|panne|vorfall)\s+"
                        r"(cr[ií]tic[oa]|critique|majeur|mineur|grave|mayor|menor|kritisch)\b)", re.I)
_SEV_WORD_STATED = re.compile(r"\b(?:this|the|a|an|our)\s+(low|medium|moderate|high|critical|minor|major)[- ]severity\s+"
                              r"(?:incident|outage|issue|event|problem|bug)\b", re.I)


_BADGE = re.compile(rf"^(?:{BADGE}+\s*)+(?=\w)")  # "🔴 ", "⚠️ ", "🟠 "
_GLOSS = re.compile(r"\s*(?:[(（]|\s[-–—]\s|:\s)")


def _level(value: str) -> str:
    """ "P1 (High - core visuals broken)" -> "P1", "SEV-3（単一ホスト…）" -> "SEV-3": the level without its gloss;
    "🟠 High" -> "High": a coloured badge before the level is decoration, not part of it."""
    value = _BADGE.sub("", value)
    m = _GLOSS.search(value)
    head = value[: m.start()].strip() if m else value
    coded = re.match(r"((?:sev|p|s)[-\s]?\d)[-–/](?=[^\W\d])", head, re.I)  # "P0-CRITICAL": the level is P0, its word a gloss
    if coded:
        return coded.group(1)
    return head if head and len(head.split()) <= 2 else value


# --- summary and impact ---

def _is_impact_label(blk: Block) -> bool:
    """A paragraph its author labelled as the impact ("Impact: …", "**User impact:**", "영향:")."""
    return bool(blk.label_shape in ("key", "bold", "leadin")
                and vocab.label_matches(vocab.norm_label(blk.label), vocab.labels(KIND, "impact")))
_TIMES_NOTE = re.compile(r"^(?:all )?times? (?:are )?(?:in|shown in)\b|^모든 시각", re.I)


def _summary(doc: Document, ps: list[P.Part], b: RecordBuilder) -> None:
    """The Summary section's prose (up to an "Impact:" label), else the first paragraph."""
    sec = _find(doc.root, _SUMMARY_H)
    if sec is not None:
        parts, spans = [], []
        for blk in sec.blocks:
            if blk.kind == "paragraph" and _is_impact_label(blk):  # "Impact: …" ends the summary
                break
            if blk.kind in ("paragraph", "item", "quote") and _clean(blk.text):
                t = _clean(blk.text)
                if t.endswith(":") and blk.children:  # "- **Impact:**" over its own bullets
                    t = " ".join([t] + [_clean(c.text) for c in blk.children if c.kind in ("item", "paragraph")])
                parts.append(t)
                spans.append(blk.span)
        if not parts:  # etcd: a two-column table with a "Summary" row
            for blk in sec.blocks:
                for row in blk.children if blk.kind == "table" else []:
                    if len(row.cells) >= 2 and norm_heading(row.cells[0]) in _SUMMARY_H:
                        parts, spans = [_clean(row.cells[1])], [row.span]
                        break
        if parts:
            b.set("summary", " ".join(parts), spans)
            return
    for part in _labelled(ps, "summary", shapes=("bold", "key")):
        text, spans = _part_prose(part)
        if text:
            b.set("summary", text, spans)
            return
    paras = [x for x in doc.root.blocks if x.kind == "paragraph" and _clean(x.text)]
    for blk in paras:
        t = _clean(blk.text)
        lines = [ln for ln in blk.text.split("\n") if ln.strip()]
        if all(block_label(ln)[1] in ("key", "bold") for ln in lines) or _TIMES_NOTE.match(t) or _is_impact_label(blk):
            continue
        if blk.label_shape == "line" and len(lines) > 1 and re.match(r"\s*[:~]\s", lines[1]):  # a definition-list entry
            continue
        b.set("summary", t, [blk.span])
        return
    for blk in paras:  # only labelled paragraphs: use the first one's text after its label
        if blk.label_shape in ("key", "bold") and not _TIMES_NOTE.match(_clean(blk.text)) \
                and len(P.key_value_pairs(blk.text.split("\n")[0])) == 1:  # "**Status:** open · **Opened:** …" is metadata
            text = _clean(P.plain_keep_colon(blk.text).split(":", 1)[1]) if ":" in P.plain_keep_colon(blk.text) else ""
            if text and re.search(r"[^\W\d_]{3,}", text):  # "Stand: 28.07.2026" is a date, not a summary
                b.set("summary", text, [blk.span])
                return
    b.set("summary", "")


def _impact(doc: Document, ps: list[P.Part], b: RecordBuilder) -> None:
    """An Impact section, else an "Impact: …" paragraph (with the bullets under it)."""
    sec = _find(doc.root, _IMPACT_H)
    if sec is not None:
        text, spans = _sec_prose(sec, rows=True)  # "| User impact | the widget showed … |" tells it as well as prose
        if text:
            b.set("impact", text, spans)
            _summary_label_leads(_find(doc.root, _SUMMARY_H), ps, b, "impact")
            return
    exact = set(vocab.field(KIND, "impact").labels)
    # "Impact: site unreachable" over an earlier "Affected Service: Production": the field's own name first
    impact_parts = sorted(_labelled(ps, "impact", shapes=_VALUE_SHAPES), key=lambda p: vocab.norm_label(p.key) not in exact)
    for part in impact_parts:
        text, spans = _part_prose(part)
        if text and not _only_a_moment(text):  # "Impact start: March 3, 2023 9:36 AM (UTC)" is when, not what
            for other in impact_parts:  # "Services Affected: …" then "Users Impacted: …": one fact sheet, both halves
                more, more_spans = _part_prose(other) if other is not part else ("", [])
                if more and other.section is part.section and abs(other.span.start - part.span.start) <= 3 \
                        and not _only_a_moment(more) and more not in text:
                    text, spans = f"{text}; {more}", spans + more_spans
            b.set("impact", text, spans)
            return
    for part in ps:  # "Part du trafic touché: 25 % puis 100 %", "Servicios afectados: …": what the key says was hurt
        key = vocab.norm_label(part.key or "")
        if part.shape in _VALUE_SHAPES and _AFFECTED_KEY.search(key) and not _VERSION_KEY.search(key):
            text, spans = _part_prose(part)
            if text and not _only_a_moment(text):
                b.set("impact", text, spans)
                return
    sec = _find(doc.root, vocab.INCIDENT_SYMPTOMS)  # "Symptoms", "Issues found", "증상": what users saw
    if sec is not None:
        text, spans = _sec_prose(sec, rows=True)  # a table of what failed ("| /orders | HTTP 500 |") tells it too
        if text:
            b.set("impact", text, spans)
            return
    for part in ps:  # "| **症状** | 会话全线报错 … |", "**Symptoms:** …": what users saw, as a labelled value
        if part.shape in _VALUE_SHAPES and vocab.label_matches(vocab.norm_label(part.key), vocab.INCIDENT_SYMPTOMS, prefix=False):
            text, spans = _part_prose(part)
            if text:
                b.set("impact", text, spans)
                return
    # No impact part: the summary's sentences that say who or what was hurt ("Users … were greeted with a proxy error").
    summary, spans = b.fields.get("summary") or "", b.citations.get("summary") or []
    sentences = re.split(r"(?<=[.!?。])\s+", summary)
    # "We were not affected" says the impact more directly than a sentence that merely mentions users.
    # A sentence that tells how it was noticed, caused or fixed is the impact only when no other sentence says it.
    story = [x for x in sentences if not any(r.search(x) for r in (_DETECTION_STATEMENT, _CAUSE_STATEMENT, _RESOLUTION_STATEMENT))]
    # A sentence that says who was hurt outright ("Customers could not log in") beats one that only names errors.
    hits = next((h for group in (story, sentences) if (h := [x.strip() for x in group if _IMPACT_STATEMENT.search(x)])), [])
    if not hits:  # else an opening paragraph that says so outright ("Not all requests were affected. …"), or
        # one of the summary's that tells what followed ("This in turn caused other pods to crash-loop")
        summary_sec = _find(doc.root, _SUMMARY_H)
        places = [doc.root.blocks] + ([summary_sec.blocks] if summary_sec else [])
        opening = [(i, blocks) for blocks in places for i in [i for i, x in enumerate(blocks) if x.kind == "paragraph"][:6]]
        for at_block, blocks in opening:
            blk = blocks[at_block]
            sentences_ = [x.strip() for x in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", _clean(blk.text)) if x.strip()]
            at = next((i for i, x in enumerate(sentences_) if _IMPACT_STATEMENT.search(x) or _KNOCK_ON.match(x)), None)
            if at is not None:  # the statement and the sentence after it ("Specifically, only …")
                said, spans_ = sentences_[at:at + 2], [blk.span]
                items = list_after(blocks, at_block)[:LISTED_AFTER] if _AS_FOLLOWS.search(said[-1]) else []
                said += [_clean(x.text) for x in items]  # "影響範囲は以下の通りです。" over the list of what was hurt
                spans_ += [x.span for x in items]
                b.set("impact", " ".join(said), spans_)
                return
    for rx in (_IMPACT_SENTENCE, _IMPACT_CONSEQUENCE):
        if not hits:
            hits = next((h for group in (story, sentences) if (h := [x.strip() for x in group if rx.search(x)])), [])
    said = hits[:2]
    after = sentences.index(said[0]) + 1 if len(said) == 1 and said[0] in sentences else len(sentences)
    if after < len(sentences) and _AS_FOLLOWS.search(sentences[after]):  # "Several services are down. The impact is as follows:"
        said.append(sentences[after].strip())
    items = _listed_by(doc, said[-1]) if said else []
    b.set("impact", " ".join(said + [_clean(x.text) for x in items]), (spans + [x.span for x in items]) if hits else [])


def _listed_by(doc: Document, sentence: str) -> list[Block]:
    """The list a sentence of the summary introduces ("影響範囲は以下の通りです。", "The impact was as follows:"), when
    it ends its paragraph and a list follows it in the same section."""
    if not sentence or not _AS_FOLLOWS.search(sentence):
        return []
    for sec in doc.root.walk():
        for i, blk in enumerate(sec.blocks):
            if blk.kind == "paragraph" and _clean(blk.text).rstrip().endswith(sentence.strip()):
                return list_after(sec.blocks, i)[:LISTED_AFTER]
    return []


# A sentence that introduces what follows it: "… as follows:", "影響範囲は以下の通りです。", "影响范围如下：", "다음과 같습니다."
_AS_FOLLOWS = re.compile(r"[:：]\s*$|\bas follows\b|\bthe following\b|\bci-dessous\b|\bsuivant(?:e|s|es)?\s*:|\bfolgende|\bsiguientes?\b"
                         r"|\bseguintes?\b|以下の(?:通り|とおり)|如下|다음과\s*같", re.I)
LISTED_AFTER = 6  # items of the list a lead-in introduces, at most


# a key that ends in "affected" as other languages write it ("trafic touché", "servicios afectados", "utenti colpiti")
_AFFECTED_KEY = re.compile(r"\b\w+\s+(?:touch|affect|impact)ée?s?$|\b\w+\s+(?:afectad|afetad|impactad|colpit)[oaie]s?$")
_VERSION_KEY = re.compile(r"\b(?:version|versión|versão|versione|release)\b")  # "Version touchée" names the release, not the harm


def _only_a_moment(text: str) -> bool:
    """A value that is only a date and/or a clock time, with at most a time zone or weekday beside it."""
    if not (find_date(text) or _CLOCK_ANY.search(text)):
        return False
    rest = re.sub(rf"{_MON}|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:am|pm|utc|gmt|[a-z]{{2,4}}t)\b|[\d:/.,()~-]", " ", text, flags=re.I)
    return len(rest.split()) <= 1


_IMPACT_STATEMENT = re.compile(
    r"\b(?:were|was|are|is|been|got)\s+(?:\w+\s+){0,2}?(?:affected|impacted)\b|\busers?\b[^.]{0,60}\b(?:impacted|affected|unable)\b"
    r"|^\W*(?:impacted|affected)\s+(?:users?|customers?|clients?|services?|systems?|regions?|requests?|tenants?|accounts?)\b"  # "Impacted users experienced …"
    # "The matrix.org homeserver was unavailable from 17:45 UTC": what was out, and for how long
    r"|\b(?:was|were|became)\s+(?:completely\s+|fully\s+|entirely\s+|largely\s+|partially\s+)?(?:unavailable|unreachable|inaccessible)\b"
    r"|\b(?:affecting|impacting)\s+(?:~|about\s+|around\s+|approximately\s+|some\s+|over\s+|nearly\s+|up\s+to\s+|more\s+than\s+)?\d"
    r"|\b(?:users?|customers?|clients?|visitors?|members?)\s+(?:could\s+not|couldn't|were\s+unable\s+to|cannot|can't|could\s+no\s+longer)\b"
    r"|\b(?:kunden|nutzer|benutzer)(?:innen)?\s+konnten\s+(?:sich\s+)?(?:\S+\s+){0,5}?(?:nicht|keine)\b"
    r"|\b(?:les\s+)?(?:clients|utilisateurs)\s+ne\s+pouv(?:aient|ait)\s+(?:plus|pas)\b"
    r"|\b(?:los\s+)?(?:clientes|usuarios)\s+no\s+(?:podían|pudieron)\b|\b(?:os\s+)?(?:clientes|usuários)\s+não\s+(?:conseguiam|puderam|podiam)\b"
    r"|영향을\s*받|影響を受け|受到影响|betroffen|afectad[oa]s?|afetad[oa]s?|impactad[oa]s?|affecté|impacté|touchés|colpit[ie]"
    r"|затронут|пострадал|impossibilitad[oa]s\s+de|incapaces\s+de|empêchés\s+de|nicht\s+in\s+der\s+lage",
    re.I,
)


_IMPACT_SENTENCE = re.compile(
    r"\b(?:users?|customers?|visitors?|clients?|unable|could not|couldn't|cannot|lost|outage|unavailable|"
    r"inaccessible|prevent\w*|degraded|5\d\d|errors?|down(?:time)?|failed|failing|broken|slow(?:ed|er)?|stall(?:ed|s)?|halted|hung|froze|frozen)\b"
    r"|^\s*this\s+(?:meant|left)\b|사용자|장애|ユーザー|障害|用户|Nutzer"
    # the same words as notes in other languages write them: unreachable, unavailable, outage
    r"|\b(?:indisponibles?|inaccessibles?|injoignables?|no\s+disponibles?|indisponíve(?:l|is)|fora\s+do\s+ar|non\s+disponibil[ei]"
    r"|nicht\s+(?:erreichbar|verfügbar)|onbereikbaar|niet\s+beschikbaar|недоступ\w*)"
    r"|\b(?:panne|ausfall|caída|queda|interruption|interrupción|interrupção|storing|сбо[йя])\b"
    r"|无法|不能(?:访问|訪問|使用)|不可用|访问失败|中断|利用できな|アクセスできな|접속(?:이|할 수)?\s*(?:불가|안|없)|이용할 수 없|사용할 수 없",
    re.I,
)
# A sentence that tells what the failure led to, pointing back at it: "This in turn caused …", "That meant …".
_KNOCK_ON = re.compile(r"\s*(?:this|that|which)\s+(?:in\s+turn\s+|then\s+|also\s+|again\s+)?(?:caused|led\s+to|resulted\s+in|meant)\b"
                       r"|\s*(?:dies|das)\s+(?:führte|hatte)\b|\s*(?:esto|isso|isto|cela|ceci)\s+(?:provocó|causó|causou|provocou|a\s+causé|a\s+entraîné)\b",
                       re.I)
# Last: the consequence clause of a summary sentence ("…, which caused only 7 of 64 proposals to be captured").
_IMPACT_CONSEQUENCE = re.compile(
    r"\b(?:which|that)\s+(?:caused|resulted\s+in|led\s+to)\b|\bresulting\s+in\b|\bcausing\b|\bleading\s+to\b|\bo\s+que\s+(?:causou|resultou\s+em|levou\s+a)\b"
    r"|\blo\s+que\s+(?:caus[óo]|provoc[óo]|result[óo]\s+en)\b|\bce\s+qui\s+a\s+(?:causé|entraîné|provoqué)\b|\bwas\s+(?:zu|dazu\s+führte)\b",
    re.I,
)


# --- time labels ---


def _norm_clock(text: str) -> str | None:
    """ "4:23PM" -> "16:23", "0:25:59 AM" -> "00:25", "10:45a" -> "10:45"."""
    m = _CLOCK_PARTS.search(text or "")
    if not m:
        return None
    h, mnt = int(m.group(1)), int(m.group(2))
    ampm = (m.group(3) or m.group(4) or "").lower()
    if ampm == "p" and h < 12:
        h += 12
    elif ampm == "a" and h == 12:
        h = 0
    if h > 23 or mnt > 59:
        return None
    return f"{h:02d}:{mnt:02d}"


_HOUR_AMPM = re.compile(r"(?<![\d:.])(\d{1,2})\s*([AaPp])\.?[Mm]\.?(?![A-Za-z])")


def _section_clock(text: str) -> str | None:
    """The first clock in a Detection or Resolution paragraph, "14:05" or an hour alone with am/pm
    ("Approximately 11 AM ET on September 25"), as HH:MM."""
    c = _CLOCK_ANY.search(text)
    if c and _norm_clock(c.group(0)):
        return _norm_clock(c.group(0))
    h = _HOUR_AMPM.search(text)
    return _norm_clock(f"{h.group(1)}:00 {h.group(2)}m") if h else None


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?!\d)")


def _iso(raw: str | None, order: str | None = None) -> str | None:
    """ISO date of a label's date; "04-26-2024" is read month first, "26/04/2024" day first, "05-01-2024" by `order`."""
    if not raw or "MM" in raw or "DD" in raw or "XX" in raw:
        return None
    m = _NUMERIC_DATE.match(raw.lstrip("~"))
    if m:
        a, b_, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        first = "dmy" if a > 12 else "mdy" if b_ > 12 else order
        month, day = (a, b_) if first == "mdy" else (b_, a) if first == "dmy" else (0, 0)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return find_date(raw.split("[")[0].lstrip("~"))


_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})(?![\d/])")  # "29/09 18:39": a day and month with no year


def _ambiguous_date(text: str, doc: Document) -> str | None:
    """'(05/10/2026)' read the way the rest of the document writes its dates: day first when another of its
    dates can only be day first ('29/09', '25/10/2026'), month first when one can only be month first."""
    m = _NUMERIC_DATE.search(text or "")
    if not m:
        return None
    body = "\n".join(doc.source.lines(doc.extent.start, doc.extent.end))
    order = _date_order(body)
    if order is None:
        seen = {"dmy" if int(a) > 12 >= int(b_) else "mdy" if int(b_) > 12 >= int(a) else None
                for a, b_ in _DAY_MONTH.findall(body)} - {None}
        order = seen.pop() if len(seen) == 1 else None
    return _iso(m.group(0), order) if order else None


def _date_order(text: str) -> str | None:
    """Whether a document writes numeric dates month first ("04-26-2024") or day first ("26-04-2024"), from the
    dates that can only be read one way; None when none (or both) do. The ambiguous ones ("05-01-2024") follow it."""
    seen = {"mdy" if int(b_) > 12 >= int(a) else "dmy" if int(a) > 12 >= int(b_) else None
            for a, b_, _ in _NUMERIC_DATE.findall(text or "")} - {None}
    return seen.pop() if len(seen) == 1 else None


_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_LONG_PREFIX = re.compile(
    rf"^\s*(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON},?\s+\d{{4}}|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"(?:[,\s]+(?:at\s+)?(?P<clock>{_CLOCK}))?(?:\s*\(?(?:{_TZ})\)?(?![\w]))?",
    re.I,
)
# A four-digit clock with its zone, as an operations log writes it ("1936 UTC:", "0117Z —"), after a month and day in
# words when the day changes ("Feb 8 0117 UTC:"): the zone tells it from a year ("Feb 7 2025:")
_ZONED_COMPACT = re.compile(rf"^\s*(?:(?P<mon>{_MON})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)"
                            rf"\s*(?:\(?(?:{_TZ})\)?|Z)(?![\w])(?=\s*[:—–-]\s)", re.I)
_SAYS_WHAT = re.compile(r"[^\W\d_]{3,}(?:\W+[^\W\d_]+){2,}|[^\x00-\u2fff]{4,}")  # three words, or four CJK characters
_LABEL_LEAD = re.compile(r"^\s*(?:\*\*|__)[^*_\n:]{2,30}[:：](?:\*\*|__)\s*(?=\S)|^\s*(?:\*\*|__)[^*_\n:]{2,30}(?:\*\*|__)\s*[:：]\s*(?=\S)")
_COMPACT_CLOCK = re.compile(rf"^[\sT]*([01]\d|2[0-3])([0-5]\d)(?:\s*\(?(?:{_TZ})\)?)?(?=\s*[:—–-]\s)")
# "T-0", "T+2m", "T+1h30": times counted from the start, as game days and chat logs write them (no clock, no date).
_RELATIVE = re.compile(r"^\s*(T\s*(?:[+\-−]\s*\d+(?::\d{2}){0,2}(?:\s*(?:s|m|min|h|d)(?:\s*\d+\s*(?:s|m|min)?)?)?|0|\d{1,2}(?=\s*[:：—–-]))"
                       r"(?![\w]|:\d))\s*(?:[:：—–-]\s*)?")  # "T1：…", "T2 — …": the stages of a story, in order
_BRACKET = re.compile(r"^\s*(?:\*\*|__)?\[([^\]\[]{1,40})\](?:\*\*|__)?(?![(\[:])(.*)$", re.S)


def _label(raw: str, doc_date: str | None, anywhere: bool = False, order: str | None = None) -> _Label | None:
    """The timestamp an entry starts with ("[03-26 10:23]", "2:54 PM PST:", "2024-06-21:").

    Reads the Markdown as written, so a bracketed label is seen before plain() unbrackets it.
    """
    b = _BRACKET.match(raw or "")
    if b and not b.group(1).startswith("^") and not re.search(r"[a-z]{4,}", b.group(1)):  # not link text
        lab = _inner_label(b.group(1), doc_date)
        return _Label(lab.date, lab.raw_date, lab.clock, _SEP.sub("", _txt(b.group(2)), 1), b.group(1))
    t = _txt(raw)
    r = _RELATIVE.match(t)
    if r and t[r.end():].strip():
        return _Label(None, None, None, t[r.end():].strip(), r.group(1).strip())
    z = _ZONED_COMPACT.match(t)
    if z:  # "1936 UTC: v22.0.1 is released", "Feb 8 0117 UTC: first validator reports an apphash"
        d = _in_doc_year(str(english_month(z.group("mon"))), z.group("day"), doc_date) if z.group("mon") else None
        return _Label(d, d, f"{z.group('h')}:{z.group('m')}", _SEP.sub("", t[z.end():], 1), t[: z.end()].strip())
    w = _LONG_PREFIX.match(t)
    if w:  # "Mar 09, 2022, 07:30 (UTC): …", "On Tuesday 3 March 2020 at 14:05 …"
        clock = _norm_clock(w.group("clock")) if w.group("clock") else None
        d = find_date(w.group("date"))
        if d:
            return _Label(d, d, clock, _SEP.sub("", t[w.end():], 1), t[: w.end()].strip())
    m = _PREFIX.match(t)
    if m and m.group("date") and not m.group("clock"):
        c = _COMPACT_CLOCK.match(t[m.end():])
        if c:  # "2023-06-01 0915: …"
            clock = f"{c.group(1)}:{c.group(2)}"
            return _Label(_iso(m.group("date"), order), m.group("date"), clock, _SEP.sub("", t[m.end() + c.end():], 1),
                          t[: m.end() + c.end()])
    if m and (m.group("date") or m.group("clock")):
        raw_date = m.group("date")
        clock = _norm_clock(m.group("clock")) if m.group("clock") else None
        if clock or raw_date:
            return _Label(_iso(raw_date, order), raw_date, clock, _SEP.sub("", t[m.end():], 1), t[: m.end()].strip())
    md = (_MONTH_DAY_CLOCK.match(t) or _MONTH_DAY_COLUMN.match(raw)) if doc_date else None
    if md:  # "09-20 14:54    网关重启": a month and day before the clock, in the document's year, as in brackets
        month, day, clock = md.group(2), md.group(3), md.groupdict().get("clock")
        d = _in_doc_year(month, day, doc_date)
        if d:
            rest = t[len(md.group(1)):] if t.startswith(md.group(1)) else t.split(None, 1)[1] if " " in t else ""
            return _Label(d, d, _norm_clock(clock) if clock else None, _SEP.sub("", rest, 1), md.group(1))
    led = _LABEL_LEAD.match(raw or "")
    if led and not anywhere:  # "**Escalation:** **Aug 22, 2024 4:00 PM** - escalated to …": a stage's name, then its moment
        inner = _label(raw[led.end():], doc_date, order=order)
        if inner is not None and (inner.date or inner.clock):
            if not _SAYS_WHAT.search(inner.rest):  # "**Incident Start:** 2025-08-18 23:15 UTC": the stage's name is the event
                stage = _txt(raw[: led.end()]).strip().rstrip(":：").strip()
                return _Label(inner.date, inner.raw_date, inner.clock, f"{stage} {inner.rest}".strip(), inner.raw)
            return inner
    if anywhere:  # headings such as "19. April, 11:00"
        c = _CLOCK_ANY.search(t)
        d = find_date(t)
        if c or d:  # "05.05.2026, 22:00 Uhr – Störung erkannt": what the heading says after its moment is the event's name
            rest = _SEP.sub("", _ZONE_WORD.sub("", t[c.end():], 1), 1).strip() if c else ""
            return _Label(d, d, _norm_clock(c.group(0)) if c else None, rest, t)
    return None


# "09-20 14:54", "09-20 15:32–34": a month-day and a clock (or a span of minutes), unbracketed; "09-19    …", a day
# alone before a column of events
_MONTH_DAY_CLOCK = re.compile(r"^\s*((0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])\s+(?P<clock>\d{1,2}:\d{2})(?::\d{2})?"
                              r"(?:\s*[–~-]\s*\d{1,2}(?::\d{2})?)?)(?![\d:])")
_MONTH_DAY_COLUMN = re.compile(r"^\s*((0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01]))(?=[ \t]{2,}\S)")  # spaces as written, before _txt
_ZONE_WORD = re.compile(r"^\s*(?:uhr|h|utc|gmt|[A-Z]{2,4}(?![a-z]))\b\.?", re.I)


def _inner_label(inner: str, doc_date: str | None) -> _Label:
    """Inside brackets: "03-26 10:23" gets the document's year (the year before if that is over a month
    after the document's date); "???" stays as written."""
    md = _MONTH_DAY.match(inner.strip())
    d = _in_doc_year(md.group(1), md.group(2), doc_date) if md else None
    if d:
        try:
            return _Label(d, d, _norm_clock(md.group(3)), "", inner)
        except ValueError:
            pass
    m = _PREFIX.match(inner)
    if m and (m.group("date") or m.group("clock")):
        clock = _norm_clock(m.group("clock")) if m.group("clock") else None
        return _Label(_iso(m.group("date")), m.group("date"), clock, "", inner)
    return _Label(None, None, None, "", inner)


def _in_doc_year(month: str, day: str, doc_date: str | None) -> str | None:
    """A month and day without a year ("03-26"), in the document's year: the year before if that is over a month
    after the document's date ("12-30" in a note of 2 January: last year's; "08-17" the day after: this one's)."""
    if not doc_date:
        return None
    try:
        ref = dt.date.fromisoformat(doc_date)
        d = dt.date(ref.year, int(month), int(day))
    except ValueError:
        return None
    return (d.replace(year=ref.year - 1) if (d - ref).days > 31 else d).isoformat()


def _date_only(text: str, order: str | None = None) -> str | None:
    """A line that is only a date ("2019-01-22", "**Date: 2023-11-22**"): a group heading."""
    t = re.sub(r"^(?:date|날짜|일자)\s*:\s*", "", plain(text), flags=re.I).strip(" :*")
    if not t or len(t) > 40 or _CLOCK_ANY.search(t):
        return None
    m = _PREFIX.match(t)
    if m and m.group("date") and not t[m.end():].strip(" :,"):
        return _iso(m.group("date"), order) or m.group("date")
    d = find_date(t)
    if d and len(re.sub(r"[\W\d_]", "", t)) <= 16 and not _DATE_THEN_EVENT.search(t):  # "March 26, 2019", "2026년 3월 2일 (월)"
        return d
    return None


def _yearless_day(text: str, doc_date: str | None, order: str | None) -> str | None:
    """A bare "11/25", "25.11." or "11月25日" over a day's entries, in the year of the note's date."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:/|月)\s*(\d{1,2})\s*日?\s*|\s*(\d{1,2})\.(\d{1,2})\.\s*", plain(text))
    if not m or not doc_date:
        return None
    month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))  # "25.11." is day first
    if m.group(1) and order == "dmy" and "月" not in text:
        month, day = day, month
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{doc_date[:4]}-{int(month):02d}-{int(day):02d}"


_DATE_THEN_EVENT = re.compile(r"\d\s+[—–-]\s+[^\W\d_]")  # "2026-04-29 — API 서버 과부하": a dated entry, not a day's heading


def _time_text(lab: _Label, group_date: str | None) -> str:
    date = lab.date or lab.raw_date or group_date
    if lab.clock:
        return f"{date} {lab.clock}" if date else lab.clock
    return lab.date or lab.raw_date or plain(lab.raw)


# --- timeline ---


class _Timeline:
    """Walks a Timeline section in any of its shapes, keeping day boundaries for duration maths."""

    def __init__(self, doc_date: str | None, order: str | None = None):
        self.doc_date = doc_date
        self.order = order  # "mdy" / "dmy": how this timeline writes numeric dates
        self.entries: list[_Entry] = []
        self.day: str | None = doc_date
        self.rollover = 0
        self.last_minutes: int | None = None
        self.awaiting: _Entry | None = None  # a time written alone on its line ("10:00 AM:"): its event is the next lines
        self.named = False  # walking the section a Timeline heading names: its table's rows are entries, timed or not

    def add(self, lab: _Label, event: str, span: Span, group_date: str | None) -> None:
        explicit = lab.date or lab.raw_date
        if explicit:
            self.day, self.rollover, self.last_minutes = explicit, 0, None
        elif group_date and group_date != self.day:
            self.day, self.rollover, self.last_minutes = group_date, 0, None
        if lab.clock:
            mins = int(lab.clock[:2]) * 60 + int(lab.clock[3:])
            if self.last_minutes is not None and mins < self.last_minutes - 60:
                self.rollover += 1  # the clock went backwards: a new day
            self.last_minutes = mins
        entry = _Entry(_time_text(lab, group_date), event, span, lab.clock, (self.day, self.rollover))
        self.entries.append(entry)
        self.awaiting = entry if not event else None

    def section(self, sec: Section, group_date: str | None) -> None:
        self.blocks(sec.blocks, group_date)
        for child in sec.children:
            self.heading(child, group_date)

    def heading(self, sec: Section, group_date: str | None) -> None:
        lab = _label(sec.title, self.doc_date, anywhere=True, order=self.order)
        if lab is None or (lab.clock is None and _has_labelled(sec, self.doc_date)):
            # "### Day 1" or "### 2023-11-21" over their own timestamped entries
            self.section(sec, (lab.date or lab.raw_date) if lab else group_date)
            return
        body, _ = _prose(sec.blocks)
        rest = _clean(lab.rest)
        event = f"{rest}: {body}" if rest and body else (rest or body)
        self.add(lab, event, sec.extent or sec.span, group_date)
        for child in sec.children:
            self.heading(child, group_date)

    def blocks(self, blocks: list[Block], group_date: str | None) -> None:
        for blk in blocks:
            if blk.kind != "paragraph":
                self.awaiting = None
            if blk.kind == "table":
                self.table(blk, group_date)
            elif blk.kind == "item":
                group_date = self.item(blk, group_date)
            elif blk.kind == "paragraph":
                d = _date_only(blk.text, self.order)
                if d:
                    group_date = d
                else:
                    self.lines(blk, group_date)
            elif blk.kind == "code":
                self.code(blk, group_date)

    def code(self, blk: Block, group_date: str | None) -> None:
        """A timeline kept in a code block ("2026-01-31 ~14:00  User reports …" one a line): its lines as entries,
        when most of them open with a time (a log pasted under the timeline is read as one)."""
        content = blk.text.rstrip("\n").split("\n")
        stamped = sum(1 for line in content if _label(line, self.doc_date, order=self.order) is not None)
        if stamped < 2 or 2 * stamped < sum(1 for line in content if line.strip()):
            return
        first = blk.span.start + (1 if blk.span.end - blk.span.start + 1 > len(content) else 0)  # past the opening fence
        self.lines(Block("paragraph", "\n".join(content), Span(blk.span.source, first, first + len(content) - 1)), group_date)

    def item(self, blk: Block, group_date: str | None) -> str | None:
        lab = _label(blk.text, self.doc_date, order=self.order)
        kids = [c for c in blk.children if c.kind == "item"]
        d = _date_only(blk.text, self.order) or (_yearless_day(blk.text, self.doc_date, self.order) if kids else None)
        if d and kids:  # "- 2023-11-21" (or "- 11/25" in a note dated 2021) with nested "- 16:41 x" bullets
            self.blocks(kids, d)
            return group_date
        if lab is None:
            return group_date
        event = _clean(lab.rest)
        if not event:
            event, _ = _prose(c for c in blk.children if c.kind == "paragraph")
        self.add(lab, event, blk.span, group_date)
        return group_date

    def lines(self, blk: Block, group_date: str | None) -> None:
        """A paragraph of "HH:MM text" lines (soft breaks): one entry per timestamped line."""
        current = None
        for i, line in enumerate(blk.text.split("\n")):
            lab = _label(line, self.doc_date, order=self.order)
            n = min(blk.span.start + i, blk.span.end)
            if lab is not None:
                if current:
                    self.add(*current)
                current = [lab, _clean(lab.rest), Span(blk.span.source, n, n), group_date]
                self.awaiting = None
            elif current is None and self.awaiting is not None and plain(line):
                e = self.awaiting
                e.event = (e.event + " " + _clean(line)).strip()
                e.span = Span(e.span.source, e.span.start, n)
            elif current is not None and plain(line):
                current[1] = (current[1] + " " + _clean(line)).strip()
                current[2] = Span(blk.span.source, current[2].start, n)
            else:
                return  # prose that does not start with a time is commentary, not an entry
        if current:
            self.add(*current)

    def table(self, blk: Block, group_date: str | None) -> None:
        t_col = vocab.column_index(blk.header, ("time",))
        e_col = vocab.column_index(blk.header, ("event", "action"), exclude=(t_col,))
        untimed = 0 if t_col is not None else sum(
            1 for row in blk.children if row.cells and not _label(row.cells[0], self.doc_date, order=self.order))
        for row in blk.children:
            cells = row.cells
            tc = t_col if t_col is not None else 0
            # "| commit / 事件 | 说明 |": a first column named for the event that holds the moment tells the event after it
            ec = e_col if e_col is not None and e_col != tc else (1 if tc == 0 else 0)
            if tc >= len(cells) or ec >= len(cells) or not plain(cells[tc]):
                continue
            event = _clean(cells[ec])
            if not re.search(r"\w", event):  # "| 2023-03-03 |  |" heads the day's rows; "| … | … |" holds a template's place
                group_date = _date_only(cells[tc], self.order) or group_date
                continue
            lab = _label(cells[tc], self.doc_date, order=self.order) or _Label(None, None, None, "", _txt(cells[tc]))
            if t_col is None and not (lab.clock or lab.date):
                if not (self.named and len(blk.children) > untimed and untimed * 2 >= len(blk.children)):
                    continue  # an unlabelled table whose first column is not a time
                # "| `20a1103` | 引入 resolveTranslationView … |" beside "| 2026-08-17 | 用户反馈 … |" under "## 时间线":
                # the story in order, the commit or step its first cell names kept with it
                first = _clean(cells[tc])
                lab, event = _Label(None, None, None, "", ""), event if re.fullmatch(r"#?\d{1,3}\.?", first) else f"{first}: {event}"
            self.add(lab, event, row.span, group_date)


def _untimed(sec: Section, walker: _Timeline) -> None:
    """A Timeline section that tells its events in order without a time ("- PR #261 consolidated …", "- Review
    found …", or a table of numbered steps): each item or row is an entry, its time left empty rather than guessed."""
    items = [blk for blk in sec.blocks if blk.kind == "item"]
    if len(items) >= 2:
        for blk in items:
            walker.add(_Label(None, None, None, "", ""), _clean(blk.text), blk.span, None)
        return
    table = next((blk for blk in sec.blocks if blk.kind == "table" and len(blk.children) >= 2), None)
    if table is not None:  # "| Step | What happened |": numbered steps of the story, told in its event column
        col = vocab.column_index(table.header, ("event", "action"))
        for row in table.children:
            cells = row.cells
            event = _clean(cells[col if col is not None and col < len(cells) else -1]) if cells else ""
            if re.search(r"\w", event):
                walker.add(_Label(None, None, None, "", ""), event, row.span, None)


def _timestamped_run(doc: Document, date: str | None, order: str | None = None) -> "_Timeline | None":
    """A section (any heading, any language) whose own blocks are mostly timestamped entries: a timeline by shape."""
    best = None
    for sec in doc.root.walk():
        body = [x for x in sec.blocks if x.kind in ("item", "paragraph")]
        if len(body) < 2 or (sec.title and _find(sec, _ACTIONS_H) is sec):
            continue
        w = _Timeline(date, order)
        w.blocks(sec.blocks, None)
        clocked = [e for e in w.entries if e.clock or e.time[:4].isdigit() or _RELATIVE.match(e.time)]  # "T+02:30" too
        if len(clocked) >= 3 and len(w.entries) * 2 >= len(body) and (best is None or len(w.entries) > len(best.entries)):
            best = w
    return best


def _update_headings(doc: Document, date: str | None, order: str | None = None) -> "_Timeline | None":
    """A status page's updates, one heading per moment ("## 06.05.2026, 02:00 Uhr – Behoben", "### May 5, 22:10 UTC -
    Identified"), newest first or last, under no Timeline heading: those headings are the timeline."""
    for sec in doc.root.walk():
        heads = [c for c in sec.children if c.title]
        moments = [c for c in heads if (lab := _label(c.title, date, anywhere=True, order=order)) and lab.clock
                   and len(_CLOCK_ANY.findall(plain(c.title))) == 1]  # "02:27 ~ 04:03" heads an incident, not an update
        if len(moments) >= 3 and 2 * len(moments) >= len(heads) + 1:
            w = _Timeline(date, order)
            for c in moments:
                w.heading(c, None)
            if w.entries:
                return w
    return None


_SHORTCODE = re.compile(r"\{\{[<%].{0,200}?[>%]\}\}")  # a site generator's template call: {{< track "2019-03-30 20:08" >}}


def _without_shortcodes(text: str) -> str:
    """Text with a site generator's template calls taken out and its spaces closed up."""
    return re.sub(r"\s+", " ", _SHORTCODE.sub("", text)).strip()


def _stage_fix(doc: Document, ps: list[P.Part], b: RecordBuilder) -> bool:
    """A status page's update that says a fix is being watched or the incident is over ("**Monitoring** We installed a
    renewed certificate …"), the first such: it tells the fix that the later "**Resolved**" only confirms. Only in a
    run of stamped updates: elsewhere "**Monitoring**" is as likely a follow-up about alerting."""
    if not _stamped_updates(doc, None, None):
        return False
    for part in _labelled(ps, "resolution", shapes=("bold",), fallback=True):
        if part.blocks[0].kind == "paragraph":
            text, spans = _part_prose(part)
            if text:
                b.set("resolution", _without_shortcodes(text), spans)
                return True
    return False


_BRACKET_LEAD = re.compile(r"\[[^\]\n]{3,80}\]\s*\n\S")  # "[Update - 2023-03-29 15h50 UTC]" on a line of its own


def _stamped_updates(doc: Document, date: str | None, order: str | None) -> list[tuple[Block, "_Label"]]:
    """The bold-led paragraphs of the first section that is a status page's run of updates, each stamped with one
    moment (two at least, and most of the section's bold leads), with their moments; [] when there is none."""
    for sec in doc.root.walk():
        leads = [blk for blk in sec.blocks if blk.kind == "paragraph" and (blk.label_shape == "bold" or _BRACKET_LEAD.match(blk.text))]
        stamped = []
        for blk in leads:
            if blk.label_shape != "bold":  # cState's "[Update - 2023-03-29 15h50 UTC]" over the update's words
                first, _, rest = blk.text.partition("\n")
                lab = _label(plain(first).strip("[] "), date, anywhere=True, order=order)
                if lab is not None and (lab.clock or lab.date) and rest.strip():
                    stamped.append((blk, _Label(lab.date, lab.raw_date, lab.clock, plain(rest).strip(), first)))
                continue
            text = plain(blk.text)
            lab = _label(text, date, anywhere=True, order=order) if len(_CLOCK_ANY.findall(text)) == 1 else None
            if lab is None or not lab.clock:  # "**30 July 2012, 02:33 IST.** The line tripped …": the lead is the moment
                lab = _moment_lead(blk, date, order)
            if lab is not None and (lab.clock or lab.date):
                stamped.append((blk, lab))
        if len(stamped) >= 2 and 2 * len(stamped) >= len(leads):
            return stamped
    return []


def _moment_lead(blk: Block, date: str | None, order: str | None) -> "_Label | None":
    """The moment a bold lead is and nothing more ("**30 July 2012, 02:33 IST.**", "**2024-03-01 14:05**"), with the
    paragraph's words after it as the event; None when the lead says more than a moment."""
    lead = plain(blk.label or "")
    lab = _label(lead, date, order=order) if lead else None
    if lab is None or lab.rest.strip(" .,:;-–—") or not (lab.date or lab.clock):
        return None
    return _Label(lab.date, lab.raw_date, lab.clock, P.after_label(blk.text), lead)


def _update_paragraphs(doc: Document, date: str | None, order: str | None = None) -> "_Timeline | None":
    """A status page's updates as bold-led paragraphs, each stamped with one moment somewhere in it ("**Identified**
    The router failed … {{< track "2019-03-30 20:08:19" >}}", "**Resolved** - All systems normal. Mar 30, 20:45 UTC"):
    each is an entry, its stage and words the event. Two stamped leads at least, and most of the section's leads."""
    stamped = _stamped_updates(doc, date, order)
    if not stamped:
        return None
    w = _Timeline(date, order)
    for blk, lab in stamped:
        if blk.label_shape != "bold":
            w.add(lab, lab.rest, blk.span, None)
            continue
        words = _without_shortcodes(P.after_label(blk.text)).strip(" -–—·,")
        if lab.raw == plain(blk.label or ""):  # the lead is only the moment: the words are the event
            w.add(lab, words, blk.span, None)
        else:
            w.add(lab, f"{blk.label}: {words}" if words else blk.label, blk.span, None)
    return w


def _has_labelled(sec: Section, doc_date: str | None) -> bool:
    """Does this heading's body hold its own timestamped entries (bullets, tables, sub-headings)?"""
    timed_paragraphs = 0
    for blk in sec.blocks:
        if blk.kind == "table" or (blk.kind == "item" and _label(blk.text, doc_date)):
            return True
        if blk.kind == "paragraph":
            lab = _label(blk.text.split("\n", 1)[0], doc_date)
            timed_paragraphs += bool(lab and lab.clock)
    # "**02:49:53** - Commande exécutée" paragraphs (a log pasted under each) under "### 23 Décembre 2025"
    return timed_paragraphs >= 2 or any(_label(c.title, doc_date, anywhere=True) for c in sec.children)


_PLANNED_H = re.compile(r"\b(?:next|upcoming|scheduled|planned|future)\b|próxim|programad|agendad|planificad|nächste|geplant|"
                        r"prochaine?s?\b|planifi|予定|예정|计划|下次|今後", re.I)


def _timeline(doc: Document, ps: list[P.Part], date: str | None, b: RecordBuilder) -> list[_Entry]:
    """The Timeline section; else a labelled part, time/event tables anywhere, or a run of timestamped lines."""
    sec = _find(doc.root, _TIMELINE_H)
    b.fields["timeline"], b.citations["timeline"] = [], []
    order = _date_order("\n".join(doc.source.lines(doc.extent.start, doc.extent.end)))
    walker = _Timeline(date, order)
    if sec is not None:
        walker.named = True
        walker.section(sec, None)
        walker.named = False
        if not walker.entries:
            _untimed(sec, walker)
    if not walker.entries:
        for part in _labelled(ps, "timeline", shapes=("bold", "leadin")):
            walker.blocks(part.blocks[1:] if part.shape == "bold" else part.blocks, None)
            if walker.entries:
                break
    if not walker.entries:
        for part in P.tables(ps, "timeline"):
            if part.section is not None and _PLANNED_H.search(plain(part.section.title or "")):
                continue  # "Next scheduled runs": a table of what will happen is no timeline of what did
            walker.table(part.table, None)
    if not walker.entries:
        walker = (_timestamped_run(doc, date, order) or _update_headings(doc, date, order)
                  or _update_paragraphs(doc, date, order) or walker)
    for e in walker.entries:
        b.append("timeline", {"time": e.time, "event": e.event}, e.span)
    return walker.entries


# --- detection, resolution, duration ---


def _mentions(rx: re.Pattern, text: str) -> bool:
    """A vocabulary hit that is not negated ("memory leak is not fixed")."""
    for m in rx.finditer(text):
        if not _NEGATION.search(text[max(0, m.start() - 20): m.start()]):
            return True
    return False


_CODE_SPAN = re.compile(r"`[^`\n]*`")


_SILENT = re.compile(r"\b(?:no\s+)?(?:alarm|alert|page|monitor\w*)s?\s+(?:does|did|do|would|could)\s*(?:not|n't)\s+(?:fire|trigger|go off)\w*"
                     r"|\bno\s+(?:alarm|alert|page)s?\s+(?:fired|triggered|went off)\b", re.I)


_ALL_FINE = re.compile(r"\ball\s+(?:fine|good|ok|okay|green|well)\b|\bno\s+(?:issues?|errors?|problems?)\s+(?:found|seen|detected)\b"
                       r"|\blooks?\s+(?:fine|good|ok|okay|healthy)\b", re.I)


def _says_detected(doc: Document, e: _Entry) -> bool:
    """The entry says the incident was noticed in its own words: "Detected failed migration" quoted from a
    log line (`…` in the source) is what the program printed, not how people found out."""
    if not _mentions(_DETECT_WORDS, e.event) or _FOLLOW_UP.search(e.event) or _ALL_FINE.search(e.event):
        return False  # "Functional tests indicate all fine, and this is reported over Slack": nothing noticed yet
    if _SILENT.search(e.event) and not _mentions(_DETECT_WORDS, _SILENT.sub(" ", e.event)):
        return False  # "Alarm does not fire": the only detection word it has says nothing was noticed
    raw = "\n".join(doc.source.lines(e.span.start, e.span.end))
    return "`" not in raw or _mentions(_DETECT_WORDS, _CODE_SPAN.sub(" ", raw))


def _stated_clock(meta: dict | None, name: str, b: RecordBuilder) -> bool:
    """A moment a labelled line states for the field ("Resolved at: 14:45", "| 検知日時 | … 00:00 頃 |"), set on `b`."""
    for key in vocab.keys(KIND, name) if meta else ():
        m = meta.get(key)
        c = _CLOCK_ANY.search(m.value) if m else None
        if c and _norm_clock(c.group(0)):
            b.set(name, _norm_clock(c.group(0)), [m.span])
            return True
    return False


def _detected(doc: Document, entries: list[_Entry], b: RecordBuilder, meta: dict | None = None) -> None:
    """A stated "Detected at:" time (a metadata row "| 検知日時 | 2026-04-16 00:00 頃 |"); else a time in the
    "Detection" section; else the first entry that says alert/noticed/reported."""
    if _stated_clock(meta, "detected_at", b):
        return
    sec = P.field_section(doc.root, KIND, "detection")
    if sec is not None:
        for blk in sec.blocks:
            clock = _section_clock(plain(blk.text)) if blk.kind in ("paragraph", "item") else None
            if clock:
                b.set("detected_at", clock, [blk.span])
                return
    for e in entries:
        if e.clock and _says_detected(doc, e):
            b.set("detected_at", e.clock, [e.span])
            return
    b.set("detected_at", None)


def _detection(doc: Document, ps: list[P.Part], entries: list[_Entry], b: RecordBuilder) -> None:
    """How the incident was noticed: the Detection section or label; else the first timeline entry that says so."""
    if _field_text(doc, ps, "detection", b):
        return
    summary = _find(doc.root, _SUMMARY_H)
    if summary is not None and _told_detection(doc, [x for x in summary.blocks if x.kind in ("paragraph", "item")], b):
        return  # the summary says who noticed first ("reported by Customer Support five minutes before our alerting")
    for i, e in enumerate(entries):
        if _says_detected(doc, e):
            told = [e] + ([entries[i + 1]] if i + 1 < len(entries) and _says_detected(doc, entries[i + 1]) else [])
            # "05:52 Terrence flagged a high missed block rate", "06:39 Report received from Lido": noticed twice over
            joint = " " if e.event.endswith((".", "!", "。")) else "; "
            b.set("detection", joint.join(x.event for x in told), [x.span for x in told])
            return
    if not _told_detection(doc, _duration_blocks(doc)[:STORY_BLOCKS], b):  # told in the story: "We were alerted by a spike in 5xx errors."
        b.set("detection", "")


STORY_BLOCKS = 24  # a story tells how it was noticed after its background ("Sidekiq limits", then "Something is wrong here")


def _told_detection(doc: Document, blocks: list[Block], b: RecordBuilder) -> bool:
    for blk in blocks:
        text = _clean(blk.text)
        for m in _SENTENCE.finditer(text):
            sentence = m.group(0).strip()
            if sentence and _DETECTION_STATEMENT.search(sentence):
                b.set("detection", sentence, [_line_of_text(doc, blk, sentence[:40])])
                return True
    return False


# "We were alerted by …", "The problem was first noticed when …", "An alert fired …", "We got paged …".
_DETECTION_STATEMENT = re.compile(
    r"\bwe\s+(?:were|got)\s+(?:first\s+)?(?:alerted|notified|paged)\b"
    # "之後使用者回報「服務都不能訪問了」", "用户反馈连不上", "ユーザーから問い合わせ", "사용자 신고로 인지"
    r"|使用者(?:回報|反映|反饋)|用户(?:报告|反馈|反映)|用戶(?:回報|反饋|反映|報告)|ユーザーから(?:の)?(?:報告|問い合わせ)"
    r"|사용자(?:가|의)?\s*(?:신고|제보|문의)|고객(?:이|의)?\s*(?:신고|제보|문의)"
    r"|\b(?:was|were|got)\s+(?:first\s+)?(?:paged|alerted|notified)\s+(?:by|via|through|when)\b"
    # "The outage was discovered and reported internally by 22:50 GMT"
    r"|\b(?:was|were)\s+(?:(?:first|only|finally|eventually|initially|ultimately)\s+)?(?:detected|noticed|spotted|reported|discovered)(?:\s+and\s+(?:reported|escalated|confirmed))?"
    r"(?:\s+(?:internally|externally|publicly|initially))?\s+(?:by|when|through|via|after|in)\b"
    r"|\bwe\s+(?:first\s+)?(?:noticed|detected|spotted)\b"
    # "It was my co-admin, Mike who first noticed that things were sluggish", "Ana was the first to notice"
    r"|\bwho\s+(?:first|initially)\s+(?:noticed|spotted|reported|flagged|detected)\b|\bthe\s+first\s+to\s+(?:notice|spot|report|flag)\b"
    r"|\bwe\s+(?:got|received)\s+(?:an?\s+)?(?:\w+\s+){0,2}(?:warning|alert|alarm|page|notification)s?\b"
    r"|\b(?:an?|the|our)\s+(?:\w+\s+)?(?:alert|alarm|page)\s+(?:fired|triggered|went off)\b"
    # "Our monitoring system sent an SOS signal, showing …", "the uptime monitor flagged …"
    r"|\b(?:our|the|an?)\s+(?:\w+\s+)?(?:monitoring(?:\s+(?:system|tool|stack|service))?|monitor|uptime\s+check|health\s+check)\s+"
    r"(?:sent|fired|raised|flagged|paged|alerted|caught|showed|picked\s+up|reported|noticed|detected)\b"
    r"|\bdetection\s+(?:came|waited|happened|was)\s+(?:from|for|via|through|by|until)\b"  # "Detection waited for the next morning's health report"
    # someone else, or the writer, noticed: "A user … reopened the website and noticed a blank screen",
    # "I didn't become aware of the site being down until I visited it myself"
    r"|\b(?:users?|customers?|clients?|someone|support|a colleague|an engineer|the on-?call)\b[^.;]{0,80}\b(?:noticed|reported|spotted)\b"
    r"|\b(?:became|become|becoming)\s+aware\b[^.;]{0,60}\b(?:until|when|after|through|via|because)\b|\bfound out\b[^.;]{0,40}\bwhen\b"
    # "A whitehat security researcher found a fairly obscure bug", "an auditor discovered …": who found it
    r"|\b(?:(?:security\s+)?researchers?|auditors?|whitehats?|white-hats?|bug\s+hunters?|pentesters?)\b[^.;]{0,40}\b(?:found|discovered|reported|disclosed|identified|noticed|spotted)\b"
    # "PyPI Admins were informed by the user via email", "security@ was notified of a potential concern"
    r"|\b(?:was|were|got)\s+(?:first\s+)?(?:informed|told|contacted|made\s+aware|notified)\s+(?:by|via|through|of|about)\b"
    r"|\b(?:wurden?|wir\s+wurden)\s+(?:\w+\s+){0,3}(?:informiert|benachrichtigt|alarmiert)|\bnous\s+avons\s+été\s+(?:alertés|prévenus|informés|notifiés)"
    r"|\b(?:fuimos|fomos)\s+(?:alertados|notificados|informados|avisados)|通知を受け|알림을\s*받"
    # "O problema foi relatado pelo Suporte ao Cliente", "fue reportado por", "a été signalé par", "è stato segnalato da"
    r"|\b(?:foi|fue|a\s+été|è\s+stat[oa])\s+(?:primeiro\s+|primero\s+)?(?:relatad[oa]|reportad[oa]|detectad[oa]|notad[oa]|"
    r"identificad[oa]|signalée?|détectée?|remarquée?|repérée?|segnalat[oa]|rilevat[oa]|notat[oa])\s+(?:pel[oa]s?|por|par|da|dal|dall[ao]?)\b"
    r"|\bwurde\s+(?:zuerst\s+)?(?:von|vom|durch)\b[^.;]{0,60}\b(?:gemeldet|entdeckt|bemerkt|festgestellt)"
    r"|\b(?:was|were)\s+(?:(?:first|only|finally|eventually)\s+)?(?:found|discovered)\s+by\b"
    r"|(?:用户|用戶|客户|客戶)(?:报告|報告|反馈|反饋|反映)|ユーザー(?:から)?の?(?:報告|問い合わせ)|사용자\s*(?:신고|제보)",  # "用户报告：「…」"
    re.I,
)


def _clock_told(b: RecordBuilder, field: str, sentence_field: str, words: re.Pattern) -> None:
    """With no timeline time: the clock that follows the event's word in the sentence that tells it, cited as it is."""
    text = b.fields.get(sentence_field) or ""
    if b.fields.get(field) or not text:
        return
    for m in words.finditer(text):
        c = (re.match(rf"[^.;]{{0,40}}?\b(?:at|by|until|around|about|~)\s+({_CLOCK})", text[m.end():])  # "recovered by 14:45"
             or re.search(rf"(?:\b(?:at|um|à|a las|às|vers)\s+|[\s(])({_CLOCK})(?:\s*(?:uhr|h|utc))?[^.;:]{{0,40}}$",  # "um 14:45 war … wiederhergestellt"
                          text[: m.start()], re.I))
        if c and _norm_clock(c.group(1)):
            b.set(field, _norm_clock(c.group(1)), [_line_holding(b.doc, span, c.group(1)) for span in b.citations.get(sentence_field) or []][:1])
            return


def _line_holding(doc: Document, span: Span, needle: str) -> Span:
    """The line, from the start of `span` and at most five lines on, that holds `needle`; the span itself when none does."""
    for n, line in enumerate(doc.source.lines(span.start, min(span.start + 5, doc.source.line_count)), span.start):
        if needle in line:
            return Span(span.source, n, n)
    return span


def _resolved(doc: Document, entries: list[_Entry], b: RecordBuilder, meta: dict | None = None) -> None:
    """A stated "Resolved at:" / front-matter `resolvedWhen:` time; else the last timeline entry that says
    recovered/resolved/restored; else a time in "Resolution"."""
    if _stated_clock(meta, "resolved_at", b):
        return
    for e in reversed(entries):
        if e.clock and _mentions(_RESOLVE_WORDS, e.event):
            b.set("resolved_at", e.clock, [e.span])
            return
    sec = P.field_section(doc.root, KIND, "resolved_at")
    if sec is not None:
        for blk in sec.blocks:
            clock = _section_clock(plain(blk.text)) if blk.kind in ("paragraph", "item") else None
            if clock:
                b.set("resolved_at", clock, [blk.span])
                return
    b.set("resolved_at", None)


# A timeline entry named for the stage that ends an incident ("**Natural Resolution:** 02:43 UTC", "Incident end"):
# a stage's name is a few words, so a longer event must say it was resolved in its own words.
_END_STAGE = re.compile(r"^(?:\S+\s)?(?:resolution|incident end(?:ed)?|end of (?:the )?(?:incident|outage|impact)|all clear)(?:\s*\(.*\))?$", re.I)

_START_STAGE = re.compile(r"^(?:incident|outage|impact|problem|issue|degradation)\s+(?:start(?:ed|s)?|beg[ai]n[s]?|onset)(?:\s*\(.*\))?$"
                          r"|^(?:start|beginning|onset) of (?:the )?(?:incident|outage|impact)$", re.I)


def _duration(doc: Document, ps: list[P.Part], entries: list[_Entry], b: RecordBuilder) -> None:
    """As stated ("Time to recovery: 20 minutes", "for about 45 minutes"); else computed from the timeline, and said so."""
    labelled = _labelled_duration(ps)
    stated = labelled or _stated_duration(doc)
    if stated:
        minutes, span, words = stated[:3]
        b.set("duration_minutes", minutes, [span])
        b.set("duration_source", "stated", [span])
        b.set("duration_text", words, [span] if words else [])  # the notes' own wording: "1 h 13 m", "just under 7 hours"
        return
    b.set("duration_text", None)  # a computed length has no wording of its own
    window = _start_end(ps) or _prose_window(doc)
    if window:
        minutes, spans = window
        b.set("duration_minutes", minutes, spans)
        b.set("duration_source", "computed", spans)
        return
    end = next((e for e in reversed(entries) if e.clock and (_mentions(_RESOLVE_WORDS, e.event) or _END_STAGE.search(e.event))), None)
    clocked = [e for e in entries if e.clock]
    start = next((e for e in clocked if _START_STAGE.search(e.event)), None) or next(
        (e for e in clocked if _mentions(_IMPACT_WORDS, e.event)), clocked[0] if clocked else None)
    if start and end and start is not end and entries.index(start) < entries.index(end):
        # the same day, or "2025-08-18 23:15" to "2025-08-19 02:43": both entries dated, days apart
        days = [None, None] if start.day == end.day else [_iso(e.day[0]) if e.day[0] and not e.day[1] else None for e in (start, end)]
        minutes = _minutes_between(start.clock, days[0], end.clock, days[1]) if start.day == end.day or all(days) else None
        if minutes:  # two entries at the same minute bound no outage
            b.set("duration_minutes", minutes, [start.span, end.span])
            b.set("duration_source", "computed", [start.span, end.span])
            return
    b.set("duration_minutes", None)
    b.set("duration_source", None)




# "기간: 2026-10-01 15:13경부터 2026-10-04 13:50경까지", "Outage window: 2024-03-01 09:10 – 2024-03-01 11:40"
_PERIOD_KEYS = ("period", "window", "outage window", "impact window", "incident window", "time window", "outage period",
               "기간", "장애 기간", "영향 기간", "期間", "障害期間", "影響期間", "期间", "故障期间", "影响期间", "zeitraum", "ausfallzeitraum",
               "période", "período", "periodo", "период")
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?")


def _period(ps: list[P.Part]) -> tuple[int, list[Span]] | None:
    """A labelled period whose value holds its two moments, each a day and a clock: the minutes between them."""
    for p in ps:
        if p.shape in ("key", "row", "front_matter") and vocab.norm_label(p.label) in _PERIOD_KEYS:
            moments = _MOMENT.findall(p.value or "")
            if len(moments) == 2 and all(day and clock for day, clock in moments):
                (d1, c1), (d2, c2) = moments
                minutes = _minutes_between(_norm_clock(c1), d1, _norm_clock(c2), d2)
                if minutes is not None:
                    return minutes, [p.span]
    return None


# "Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC hex.pm … were running with expired certificates",
# "from 14:02 to 15:37 UTC": the window a sentence of the story gives, both ends a day and a clock or both a clock alone
_WHEN = r"(?:(?P<{0}d>\d{{4}}-\d{{2}}-\d{{2}})[ T,]+(?:at\s+)?)?(?P<{0}c>\d{{1,2}}:\d{{2}})(?::\d{{2}})?(?:\s*(?:UTC|GMT|[A-Z]{{2,4}}T?|Z))?"
_ROUGHLY = r"(?:(?:approximately|approx\.?|about|around|roughly|~)\s*)?"
_PROSE_WINDOW = re.compile(r"\b(?:between|from)\s+" + _ROUGHLY + _WHEN.format("a") + r"\s+(?:and|to|until|till|through|[–—-])\s+"
                           + _ROUGHLY + _WHEN.format("b") + r"(?![\d:])", re.I)


def _prose_window(doc: Document) -> tuple[int, list[Span]] | None:
    """The minutes between the two moments of the first window the story states (computed, and said so)."""
    for blk in _duration_blocks(doc)[:12]:
        m = _PROSE_WINDOW.search(plain(blk.text))
        if m and bool(m.group("ad")) == bool(m.group("bd")):
            minutes = _minutes_between(_norm_clock(m.group("ac")), m.group("ad"), _norm_clock(m.group("bc")), m.group("bd"))
            if minutes is not None:
                return minutes, [_line_of_text(doc, blk, m.group(0)[:30])]
    return None


def _minutes_between(start_clock: str, start_day: str | None, end_clock: str, end_day: str | None) -> int | None:
    """Minutes from one "HH:MM" to another, across the days when both are given; None unless 0 < it < 14 days."""
    minutes = int(end_clock[:2]) * 60 + int(end_clock[3:]) - int(start_clock[:2]) * 60 - int(start_clock[3:])
    if start_day and end_day and start_day != end_day:
        minutes += (dt.date.fromisoformat(end_day) - dt.date.fromisoformat(start_day)).days * 1440
    return minutes if 0 < minutes < 14 * 1440 else None


def _start_end(ps: list[P.Part]) -> tuple[int, list[Span]] | None:
    """ "Start Time: Feb 10, 09:00" and "End Time: Feb 10, 10:30" lines: the minutes between them (computed, and said so)."""
    def first(keys):
        for p in ps:
            if p.shape in ("key", "row", "front_matter") and vocab.norm_label(p.label) in keys:
                clock, day = _norm_clock(p.value), find_date(p.value)
                if clock or day:
                    return clock, day, p.span
        return None

    start, end = first(vocab.INCIDENT_START), first(vocab.INCIDENT_END)
    if not (start and end) and (period := _period(ps)):
        return period
    days_apart = start is not None  # only a labelled start bounds whole days; a bare "date" is when, not since when
    if end and not start:  # a status page's "date: 2021-06-17 10:50" beside its "resolvedDate: … 11:50": when it began
        start = first(("date",))
    if not (start and end):
        return None
    if not (start[0] and end[0]):  # "**Opened:** 2026-04-23" and "**Resolved:** 2026-05-23": whole days apart
        if not (days_apart and start[1] and end[1]) or start[0] or end[0]:
            return None
        days = (dt.date.fromisoformat(end[1]) - dt.date.fromisoformat(start[1])).days
        return (days * 1440, [start[2], end[2]]) if 0 < days <= 31 else None
    minutes = _minutes_between(start[0], start[1], end[0], end[1])
    return (minutes, [start[2], end[2]]) if minutes is not None else None


_ANY_DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(days?|weeks?|tagen?|tage|wochen?|días?|semanas?|jours?|semaines?|dias?|"
    r"h|hrs?|hours?|stunden?|std\.?|horas?|heures?|ore|ora|시간|時間|小时|小時|m|mins?|minutes?|minuten?|minutos?|minuti|분|分(?:钟|間)?)"
    r"(?:\s*(?:and|und|y|et|e|,)?\s*(\d+)\s*(?:m|mins?|minutes?|minuten?|minutos?|minuti|분|分(?:钟|間)?)(?![a-z]))?(?![a-z])",
    re.I,
)


def _minutes(n: str, unit: str, extra: str | None) -> int | None:
    value = float(n.replace(",", "."))
    return int(round(value * _per_unit(unit) + int(extra or 0))) or None


def _labelled_duration(ps: list[P.Part]) -> tuple[int, Span, str] | None:
    """A "Duration: 1h 25m" / "Time to recovery: 20 minutes" line or metadata row, in any language of the vocabulary:
    the minutes, the line, and the value as the notes write it ("08:41–09:54 UTC (1 h 13 m)")."""
    f = vocab.field(KIND, "duration_minutes")
    names = f.labels + f.keys
    candidates = [(p.value, p.span) for p in ps if p.shape in ("key", "row", "front_matter") and vocab.label_matches(p.key, names)]
    candidates += [(v, p.span) for p in ps if p.shape == "row" for col, v in p.cells.items()  # a "Duration" column
                   if vocab.label_matches(vocab.norm_label(col), names)]
    dates = vocab.field(KIND, "date")
    for p in ps:  # "Date: April 25-26, 2025 (9 hours, 22 minutes)": the length stated beside the day
        if p.shape in ("key", "row", "front_matter") and vocab.label_matches(p.key, dates.labels + dates.keys):
            m = _PAREN_DURATION.search(p.value or "")
            if m:
                candidates.insert(0, (m.group(0).strip("() "), p.span))
    for value, span in candidates:
        minutes = _parse_stated(value) or _window(value)
        if minutes is None:
            m = _ANY_DURATION.search(value)
            minutes = _minutes(m.group(1), m.group(2), m.group(3)) if m else None
        if minutes:
            return minutes, span, " ".join(plain(str(value)).split())[:120]
    return None


_WINDOW = re.compile(rf"\bbetween\s+({_CLOCK})\s*(?:{_TZ}\s*)?and\s+({_CLOCK})|\bfrom\s+({_CLOCK})\s*(?:{_TZ}\s*)?(?:to|until|till)\s+({_CLOCK})"
                     # "de 11h40 à environ 13h51", "desde las 10:05 hasta las 11:20", "von 10:04 bis 10:24"
                     rf"|\b(?:de|du|desde(?:\s+las?)?|das|von)\s+({_CLOCK})\s*(?:{_TZ}\s*)?(?:à|au|a|hasta(?:\s+las?)?|até\s+[àa]s|até|bis)\s+"
                     rf"(?:environ\s+|vers\s+|aprox\w*\.?\s+|ca\.?\s+|~)?({_CLOCK})"
                     r"|(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s*(?:UTC|KST|JST|CET|CEST)?\s*(?:사이|の間|之间|zwischen)?", re.I)


# "between the hours of 1900 and 2100 UTC": clock times written as four digits, known as times by their zone
_HOURS_WINDOW = re.compile(r"\bbetween\s+(?:the\s+hours\s+of\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?:UTC|GMT|Z)?\s+and\s+"
                           r"([01]\d|2[0-3])([0-5]\d)\s*(?:UTC|GMT|Z)\b")


def _window(text: str) -> int | None:
    """ "between 19:00 and 21:00 UTC" -> 120 (a stated window, not a computed one); "05.05.2026, 21:50 Uhr –
    06.05.2026, ca. 02:00 Uhr" -> 250, its two days read from the text."""
    dated = _dated_window(text or "")
    if dated is not None:
        return dated
    if m := _WINDOW.search(text or ""):
        a, c = [g for g in m.groups() if g][:2]
    elif m := _HOURS_WINDOW.search(text or ""):
        a, c = f"{m.group(1)}:{m.group(2)}", f"{m.group(3)}:{m.group(4)}"
    else:
        return None
    t1, t2 = _norm_clock(a), _norm_clock(c)
    if not t1 or not t2:
        return None
    d = (int(t2[:2]) * 60 + int(t2[3:])) - (int(t1[:2]) * 60 + int(t1[3:]))
    return d if d > 0 else (d + 24 * 60 if d < 0 else None)


def _window_words(text: str, minutes: int) -> str | None:
    """The window a length was read from, as written ("between the hours of 1900 and 2100 UTC"), so an answer says
    when it was as well as how long."""
    for rx in (_WINDOW, _HOURS_WINDOW):
        m = rx.search(text)
        if m and _window(m.group(0)) == minutes:
            return m.group(0).strip()
    return None


def _dated_window(text: str) -> int | None:
    """Minutes between two dated moments written as a range ("2026-05-05 21:50 – 2026-05-06 02:00"), else None."""
    sides = re.split(r"\s+(?:[–—~-]|to|until|bis|au|hasta|até)\s+", text, maxsplit=1)
    if len(sides) != 2:
        return None
    d1, d2 = find_date(sides[0]), find_date(sides[1])
    c1 = next(reversed(list(_CLOCK_ANY.finditer(sides[0]))), None)  # the moment right before the dash
    c2 = _CLOCK_ANY.search(sides[1])
    if not (d1 and c1 and c2 and _norm_clock(c1.group(0)) and _norm_clock(c2.group(0))):
        return None
    if len(sides[0]) - c1.end() > 12 or c2.start() > 40:  # "13:00 IST. A disturbance … — … by ~15:30": no range, a story
        return None
    t1, t2 = _norm_clock(c1.group(0)), _norm_clock(c2.group(0))
    start = dt.datetime.fromisoformat(f"{d1}T{t1}")
    end = dt.datetime.fromisoformat(f"{d2 or d1}T{t2}")
    minutes = int((end - start).total_seconds() // 60)
    return minutes if 0 < minutes <= 14 * 24 * 60 else None


# "approximately 25 minutes" states a duration only in a sentence about the outage itself.
_APPROX = re.compile(r"\b(?:approximately|approx\.?|about|around|roughly|nearly|some|over)\s+" + _NUM + r"[\s-]*" + _UNIT, re.I)
_OUTAGE = re.compile(r"\b(?:outage|downtime|disruption|unavailab\w*|down|impact\w*|affected|degrad\w*|incident|errors?|failed|failing)\b", re.I)
_NOT_DURATION = re.compile(r"(?:delay(?:ed|s)?\s+(?:by\s+)?(?:of\s+)?|up to|within|every|after|ago|later|before|in the (?:last|past)|older than)\s*$", re.I)
_STATED_OTHER = re.compile(
    r"(?:約|およそ)\s*(\d+)\s*(時間|分)間?|(\d+)\s*(時間|分)間|(?:持续|持续了|约)\s*(\d+)\s*(小时|分钟)"
    r"|[（(]\s*(\d+)\s*(小时|分钟|時間|分)\s*[）)]"  # "15:31:49 – 15:34:49（3 分钟）": a window's length in brackets
    r"|(?:dauerte|für|ca\.|etwa|rund|insgesamt)\s*(\d+)\s*(stunden?|minuten|std\.?|min\.?)(?![a-z])"
    r"|(?:duró|durante|aproximadamente|unos)\s*~?\s*(\d+)\s*(horas?|minutos?|hs?\b|min\b)"  # "Durante ~11h el box no entregó …"
    r"|(?:a duré|pendant|environ|durant)\s*~?\s*(\d+)\s*(heures?|minutes?|h\b|min\b)"
    r"|\b(?:durou|durante|por|cerca de|aproximadamente)\s*~?\s*(\d+)\s*(horas?|minutos?|hs?\b|min\b)"
    r"|(\d+)\s*(stunden?|minuten)\s+lang\b"
    r"|(?:durat[oa]|circa|per)\s*(\d+)\s*(ore|minuti|giorni)(?![a-z])|(?:duurde|gedurende|ongeveer|circa)\s*(\d+)\s*(uur|minuten|dagen)(?![a-z])"
    r"|(?:trwał[aoy]?|przez|około|ok\.)\s*(\d+)\s*(godzin[ay]?|minut[ay]?|dni)(?![a-ząęłńóśźż])"
    # "не менее 6 ч 58 мин", "около 40 минут", "в течение 2 часов", "Dawarich недоступен ~5 минут"
    r"|(?:не\s+менее|не\s+более|около|примерно|почти|более|свыше|в\s+течение|длил(?:ся|ась|ось)|продолжал(?:ся|ась|ось)"
    r"|недоступ[а-яё]*|не\s+работал[а-яё]*|лежал[а-яё]*)\s*~?\s*"
    r"(\d+)\s*(ч|час(?:а|ов)?|мин(?:ут[аы]?)?|дн(?:я|ей)|сут(?:ок|ки)?)(?![а-яё])(?:\s*(\d+)\s*мин)?",
    re.I,
)


def _stated_duration(doc: Document) -> tuple[int, Span] | None:
    """A length the story states; else one the title states ("Plex outage for approximately 2 weeks")."""
    for blk in _duration_blocks(doc):
        text = plain(blk.text)
        minutes = _parse_stated(text)
        if minutes:
            return minutes, _line_of(doc, blk, minutes), _approximate_words(text) or _foreign_words(text) or _window_words(text, minutes)
    minutes = _parse_stated(doc.title) if doc.title and doc.title_span else None
    return (minutes, doc.title_span, _approximate_words(doc.title)) if minutes else None


_APPROXIMATE = re.compile(r"\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|just over|just under|over|under|"
                          r"at least|at most|some)\b|~", re.I)
_STATED_VERB = re.compile(r"^(?:lasted|lasting|lasts|for|duration(?: of| was)?|resolved in|down for)(?:\s+for)?\s*", re.I)


def _approximate_words(text: str) -> str | None:
    """ "just under 7 hours", "about 45 minutes", "eight days": a length the story gives only roughly or in words,
    in its own words, so an answer does not turn it into a precise "7 hours (420 minutes)" and quotes what was said."""
    m = _STATED.search(text)
    if m is None or not (_APPROXIMATE.search(m.group(0)) or not m.group(1)[0].isdigit()):
        return None
    return _STATED_VERB.sub("", m.group(0)).strip() or None


def _foreign_words(text: str) -> str | None:
    """A length stated in another language ("не менее 6 ч 58 мин", "dauerte 3 Stunden"), in the notes' own words,
    so an answer quotes them beside its English reading."""
    if _STATED.search(text) or _BRACKETED.search(text):
        return None
    m = _STATED_OTHER.search(text)
    return m.group(0).strip() if m else None


def _parse_stated(text: str) -> int | None:
    m = _STATED.search(text)
    while m and _NOT_DURATION.search(text[: m.start()]):  # "delayed by up to 6 hours" bounds a delay
        m = _STATED.search(text, m.end())
    m = m or _BRACKETED.search(text) or _SIZED_OUTAGE.search(text) or _STATE_FOR.search(text)
    if m:
        word = m.group(1).lower()
        n = 0.5 if word.startswith("half") else _NUM_WORDS.get(word)
        if n is None:
            n = float(word.replace(",", "."))
        unit = m.group(2).lower()
        minutes = n * _per_unit(unit)
        if m.group(3):
            minutes += int(m.group(3))
        return int(round(minutes)) or None
    m = _STATED_KO.search(text) or re.search(r"약\s*(\d+)\s*(시간|분)(?:\s*(\d+)\s*분)?", text)
    if m:
        return int(m.group(1)) * {"일": 1440, "시간": 60}.get(m.group(2), 1) + int(m.group(3) or 0) or None
    m = _STATED_OTHER.search(text)
    if m:
        found = [g for g in m.groups() if g]  # the number, its unit, and the minutes after hours ("6 ч 58 мин")
        return _minutes(found[0], found[1], found[2] if len(found) > 2 else None)
    for m in _APPROX.finditer(text):
        sentence = text[max(0, text.rfind(".", 0, m.start()) + 1): (text.find(".", m.end()) + 1) or len(text)]
        if _OUTAGE.search(sentence) and not _NOT_DURATION.search(text[: m.start()]):
            word = m.group(1).lower()
            n = 0.5 if word.startswith("half") else _NUM_WORDS.get(word) or float(word)
            return int(round(n * _per_unit(m.group(2)))) or None
    # A bare window ("between 19:00 and 21:00", "00:16-00:25") is the outage's length only in a sentence about the outage;
    # "two conversations, 21:16 to 21:25" times something else.
    return _window(text) if _OUTAGE.search(text) or _OUTAGE_OTHER.search(text) else None


_OUTAGE_OTHER = re.compile(r"ausfall|störung|nicht erreichbar|caída|caido|interrupci[óo]n|fallo|indisponib|panne|interruption|"
                           r"장애|중단|障害|停止|故障|中断|宕机|不可用", re.I)


def _duration_blocks(doc: Document) -> list[Block]:
    """Prose that may state the duration: summary and impact first, then everything but lessons/plans."""
    global _DURATION_BLOCKS
    last = _DURATION_BLOCKS  # read once: another thread may put its own document there meanwhile
    if last is not None and last[0] is doc:  # five field finders ask for the same document's blocks in turn
        return list(last[1])
    blocks = _find_duration_blocks(doc)
    _DURATION_BLOCKS = (doc, blocks)  # holding the document keeps its id from being reused
    return list(blocks)


_DURATION_BLOCKS: tuple | None = None


def _find_duration_blocks(doc: Document) -> list[Block]:
    # the quote a write-up opens with is its one-line summary ("> 现场：15:31:49 – 15:34:49（3 分钟）")
    first: list[Block] = [x for x in doc.root.blocks[:2] if x.kind == "quote"]
    for aliases in (_SUMMARY_H, _IMPACT_H):
        sec = _find(doc.root, aliases)
        if sec is not None:
            first += [x for x in sec.blocks if x.kind in ("paragraph", "item")]
    rest = [x for x in doc.root.blocks if x.kind in ("paragraph", "item")]

    def walk(sec: Section):
        for c in sec.children:
            h = norm_heading(c.title)
            if h in _NO_DURATION_EXACT or h.startswith(_NO_DURATION_PREFIX):
                continue
            rest.extend(x for x in c.blocks if x.kind in ("paragraph", "item"))
            walk(c)

    walk(doc.root)
    seen = {id(x) for x in first}
    return first + [x for x in rest if id(x) not in seen]


def _line_of(doc: Document, blk: Block, minutes: int) -> Span:
    """The single source line of a block that states the duration, when it fits on one line."""
    for n in range(blk.span.start, blk.span.end + 1):
        line = doc.source.lines(n, n)
        if line and _parse_stated(plain(line[0])) == minutes:
            return Span(blk.span.source, n, n)
    return blk.span


# --- action items ---

_OWNER_WORD = r"owner|assignee|담당자?|担当者?|负责人|verantwortlich|responsable|responsável"  # "Owner：docs", "(担当: 山田)"
_OWNER_PAREN = re.compile(r"\(\s*(?:owners|zuständig|" + _OWNER_WORD + r")\s*[:=：]\s*@?([^)]+?)\s*\)", re.I)
_OWNER_KEY = re.compile(r"(?:^|[\s,;])(?:" + _OWNER_WORD + r")\s*[:=：]\s*@?([\w.\-가-힣]+)"
                        r"|\s*[—–,;]\s*(?:owner|assignee|owned by)\s+@?([\w.\-가-힣]+)", re.I)  # "… — owner bob, due 10-21"
_OWNER_DASH = re.compile(r"\s+[—–]\s+@?([\w.\-가-힣]+)\s*$")
_OWNER_AT = re.compile(r"(?:^|\s)@([\w\-]+)")
_MARKS = re.compile(r"^[^\w(\[]+")  # "✅ Complete", "🔄 In Progress": the sign before the word
_DONE_SIGNS = ("✅", "✔", "☑")
_DONE_MARK = (
    re.compile(r"[(\[]\s*(?:done|fixed|completed?|merged|closed|완료)\s*[)\]]", re.I),
    re.compile(r"(?:^|\s)[_*]+(?:done|fixed|completed?|merged|closed)\b", re.I),
    re.compile(r"[—–-]\s*(?:done|fixed|completed?|merged|closed|완료)\s*\.?\s*$", re.I),
    re.compile(r"[✅✔☑]"),
)


def _actions(doc: Document, ps: list[P.Part], b: RecordBuilder) -> None:
    """An action-items section; else a labelled list ("Going forward, we will:"), action tables or checklists anywhere."""
    b.fields["action_items"], b.citations["action_items"] = [], []
    found = [s for s in P.find_sections(doc.root, _ACTIONS_H, _V["action_items"].not_after)
             if vocab.field_of_label(KIND, s.title) in ("action_items", None)]  # "Remediation steps taken" is the resolution
    top: list[Section] = []  # every action section ("Corrective measures" and "Tasks"), none inside another
    for s in found:
        if any(t.extent and s.span and t.extent.start <= s.span.start <= t.extent.end for t in top):
            continue
        items = [x for x in _all_blocks(s) if x.kind == "item"]
        if top and items and all(x.checked for x in items):  # a later all-ticked checklist: the write-up's own to-do
            continue
        top.append(s)
    # "Action Items" kept as a checklist of boxes is the tracked list; a "Prevention measures" section of plain
    # bullets beside it restates the same measures as advice, and is not counted again.
    boxed = [t for t in top if (its := [x for x in _all_blocks(t) if x.kind == "item"]) and all(x.checked is not None for x in its)]
    if boxed:
        top = [t for t in top if any(x.checked is not None for x in _all_blocks(t) if x.kind == "item")]
    sec = top[0] if top else _find(doc.root, _ACTIONS_H)
    if sec is None:
        marked = [blk for blk in doc.root.all_blocks() if blk.kind in ("paragraph", "item") and _STATUS_LED.match(blk.text)]
        if len(marked) >= 2:  # "**DONE**: added the blog to monitoring", "**TODO** a ZFS exporter …": each a tracked action
            for blk in marked:
                m = _STATUS_LED.match(blk.text)
                _action_text(blk.text[m.end():], blk.span, m.group(1).lower() in ("done", "fixed", "completed"), b)
            return
        for part in _labelled(ps, "action_items", shapes=("bold", "leadin")):
            if part.shape == "bold" and _after_bold(part.blocks[0].text).strip():  # "**Action point:** do X"
                _action_text(_after_bold(part.blocks[0].text), part.blocks[0].span, None, b)
                return
            for blk in part.blocks:
                if blk.kind == "item":
                    _action_item(blk, b)
                elif blk.kind == "table":
                    _action_table(blk, b)
            if part.shape == "bold" and not b.fields["action_items"] and _after_bold(part.blocks[0].text).strip():
                _action_text(_after_bold(part.blocks[0].text), part.blocks[0].span, None, b)
            if b.fields["action_items"]:
                return
        for part in P.tables(ps, "actions"):
            _action_table(part.table, b)
        if b.fields["action_items"]:
            return
        blocks = list(doc.root.all_blocks())
        for i, blk in enumerate(blocks):  # "…. Going forward, we will do the following to avoid similar issues:" over a list
            text = _clean(blk.text).rstrip()
            if blk.kind == "paragraph" and text.endswith((":", "：")) and _PROMISE.search(re.split(r"(?<=[.!?。])\s+", text)[-1]):
                items = list(itertools.takewhile(lambda x: x.kind == "item", blocks[i + 1:]))
                for it in items:
                    _action_item(it, b)
                if items:
                    return
        for part in P.labelled(ps, KIND, "action_items", shapes=("key",)):  # "Action item: pin cron to UTC — owner bob"
            if vocab.label_matches(part.key, _FOLLOW_UP_KEYS):
                _action_text(part.value, part.span, None, b)
        if b.fields["action_items"]:
            return
        tl = _find(doc.root, _TIMELINE_H)
        for part in ps:
            if part.shape == "checklist" and not (tl and tl.extent and tl.extent.start <= part.span.start <= tl.extent.end):
                for it in part.blocks:
                    _action_item(it, b)
        return
    for sec in top or [sec]:
        tables = [x for x in _all_blocks(sec) if x.kind == "table" and x.children]
        if tables:  # a table of actions is the list; prose around it explains the columns
            for t in tables:
                _action_table(t, b)
            continue
        _action_section(sec, b)


# A paragraph led by a bold tracking status: "**TODO**: …", "**DOING** the import should check …", "**DONE**: …".
_STATUS_LED = re.compile(r"^\s*(?:\*\*|__)(TODO|DOING|DONE|IN PROGRESS|WIP|OPEN|BLOCKED|FIXED|COMPLETED)(?:\*\*|__)\s*[:：-]?\s+(?=\S)")


# A sentence that introduces what will be done so it does not happen again.
_PROMISE = re.compile(
    r"\b(?:going forward|moving forward|from now on|in (?:the )?future|to (?:prevent|avoid)|next steps|follow[- ]?ups?|"
    r"we will|we'll|we are going to|we plan to)\b|今後|再発防止|재발 ?방지|향후|앞으로|今后|以后|防止|künftig|zukünftig|"
    r"\bum (?:dies|das) zu vermeiden|en adelante|a partir de ahora|para evitar|désormais|à l'avenir|pour éviter|daqui em diante",
    re.I,
)


def _all_blocks(sec: Section) -> list[Block]:
    out = list(sec.blocks)
    for c in sec.children:
        out += _all_blocks(c)
    return out


_NUMBERED_HEAD = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Z][.)])\s+(?P<rest>\S.*)$")


def _action_section(sec: Section, b: RecordBuilder) -> None:
    """Items of a section and its subsections; a subsection with no list gives its paragraphs. Numbered subsections
    ("### 3.1 Idempotency check before filing", "### 3.2 …") are one action each, their bodies its detail."""
    heads = [_NUMBERED_HEAD.match(plain(c.title)) for c in sec.children]
    if len(heads) >= 2 and all(heads) and not any(x.kind == "item" for x in sec.blocks):
        for c, m in zip(sec.children, heads):
            _action_text(m.group("rest"), c.span, None, b)
        return
    if len(sec.children) >= 2 and not any(x.kind == "item" for x in sec.blocks) and all(map(_described_only, sec.children)):
        # "### ✅ Add New Alert Rule for Login Failure Spike" over "- **Rule name**: …", "- **Metric**: …": each
        # subsection is one action, its labelled bullets the details of it
        for c in sec.children:
            _action_text(c.title, c.span, None, b)
        return
    items = [x for x in sec.blocks if x.kind == "item"]
    if items:
        for it in items:
            _action_item(it, b)
    else:
        for x in sec.blocks:
            if x.kind == "paragraph":
                _action_text(x.text, x.span, None, b)
    for c in sec.children:
        _action_section(c, b)


_KEY_VALUE_ITEM = re.compile(r"^\s*(?:\*\*|__)?[^\W\d][^:：\n*]{0,30}(?:\*\*|__)?\s*[:：]\s*\S")


def _described_only(sec: Section) -> bool:
    """A subsection whose list is all "**Key**: value" bullets (most of them): it describes one thing."""
    items = [x for x in sec.blocks if x.kind == "item"]
    return len(items) >= 2 and 2 * sum(bool(_KEY_VALUE_ITEM.match(plain(x.text))) for x in items) > len(items) \
        and not sec.children


_REFERENCE = re.compile(r"^\s*(?:<?https?://\S+>?|\[[^\]]*\]\([^)]*\))\s*[.,;]?\s*$")


_BOLD_LEAD = re.compile(r"^\s*(\*\*|__)(.+?)\1")


def _action_item(it: Block, b: RecordBuilder) -> None:
    # Bullets that are only a link ("- https://github.com/…/pull/2935") cite the item above; they are not items.
    kids = [c for c in it.children if c.kind == "item" and not _REFERENCE.match(c.text)]
    told = _clean(_after_bold(it.text.split("\n")[0])).rstrip(":： ") if _BOLD_LEAD.match(it.text) else ""
    if kids and _BOLD_LEAD.match(it.text) and (it.ordered or len(told.split()) >= 3):
        # "1. **Capacity planning**:" over its bullets: one numbered action, its bullets the details; so is a bulleted
        # "- **Leave the customer's data alone** (the owner fixes it):" that says more than a group's name
        own = _clean(_after_bold(it.text.split("\n")[0]))
        head = _clean(_BOLD_LEAD.match(it.text).group(2)).rstrip(":： ")
        rest = " ".join(_clean(x) for x in it.text.split("\n")[1:] if _clean(x))
        details = "; ".join(_clean(k.text) for k in kids if _clean(k.text))
        text = f"{head}: {' '.join(t for t in (own, rest) if t) or details}"
        _action_text(text, it.span, it.checked, b)
        return
    if kids and plain(it.text).rstrip().endswith(":"):  # "- Monitoring:" over its own items
        for k in kids:
            _action_item(k, b)
        return
    _action_text(it.text, it.span, it.checked, b)
    for k in kids:
        _action_item(k, b)


def _action_text(raw: str, span: Span, checked: bool | None, b: RecordBuilder) -> None:
    text = _clean(raw)
    if not text or _NONE_TEXT.match(text):
        return
    struck = raw.strip().startswith("~~") and raw.strip().rstrip(".").endswith("~~")
    done = checked is True or struck or any(rx.search(raw) for rx in _DONE_MARK) or bool(_DONE.match(text))
    text, owner = _owner(text)
    b.append("action_items", {"text": text, "owner": owner, "status": "done" if done else "open"}, span)


def _owner(text: str) -> tuple[str, str | None]:
    """Owner from "(owner: @alice)", "Owner: x", "— alice" or "@alice"; the marker leaves the text."""
    for rx in (_OWNER_PAREN, _OWNER_KEY):
        m = rx.search(text)
        if m:
            return _tidy(text[: m.start()] + text[m.end():]), (m.group(1) or m.group(2)).strip().lstrip("@")
    m = _OWNER_DASH.search(text)
    if m and not _DONE.match(m.group(1)):
        return _tidy(text[: m.start()]), m.group(1)
    m = _OWNER_AT.search(text)
    if m:
        trailing = not text[m.end():].strip(" .;,")
        return (_tidy(text[: m.start()]) if trailing else text), m.group(1)
    return text, None


def _tidy(text: str) -> str:
    return re.sub(r"[\s,;:—–-]+$", "", re.sub(r"\s{2,}", " ", text)).strip()


def _action_table(table: Block, b: RecordBuilder) -> None:
    owner_c = vocab.column_index(table.header, ("owner",))
    status_c = vocab.column_index(table.header, ("status",), exclude=(owner_c,))
    text_c = vocab.column_index(table.header, ("action", "event"), exclude=(owner_c, status_c))
    text_c = 0 if text_c is None else text_c
    for row in table.children:
        cells = row.cells
        if text_c >= len(cells) or not plain(cells[text_c]):
            continue
        owner = plain(cells[owner_c]).lstrip("@") if owner_c is not None and owner_c < len(cells) else ""
        status = plain(cells[status_c]) if status_c is not None and status_c < len(cells) else ""
        word = _MARKS.sub("", status).strip().lower()
        done = (bool(_DONE.match(word)) or word.split(" ")[0].rstrip(".") in vocab.DONE_WORDS or status.startswith(_DONE_SIGNS)
                or any(rx.search(cells[text_c]) for rx in _DONE_MARK))
        entry = {"text": _clean(cells[text_c]), "owner": owner or None, "status": "done" if done else "open"}
        b.append("action_items", entry, row.span)


# --- the Document Index line ---


# Sentence openers that read naturally in lower case after "45-min outage: " (names keep their case).
_LOWER_STARTS = {
    "the", "a", "an", "this", "that", "these", "those", "our", "its", "their", "when", "while", "after",
    "during", "on", "in", "at", "over", "some", "several", "many", "all", "each", "every", "it", "there",
    "we", "no", "one", "two", "because", "due",
}


def _index_summary(fields: dict) -> str:
    """ "45-min outage: <cause>" when the duration is known, else the summary's first sentence."""
    minutes = fields.get("duration_minutes")
    cause_src = fields.get("root_cause") or fields.get("summary") or ""
    if minutes:
        cause = one_line(cause_src, 400).rstrip(".。 ")
        first = cause.split(" ", 1)[0]
        if first.lower() in _LOWER_STARTS and first[:1].isupper():
            cause = cause[0].lower() + cause[1:]
        return _cut(f"{minutes}-min outage: {cause}" if cause else f"{minutes}-min outage")
    return _cut(one_line(fields.get("summary") or cause_src or "", 400))


def _cut(text: str, limit: int = 100) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# The patterns searched over most blocks check first, on ASCII text, for a word every match needs
# (lorebook.quick_re): the same matches, without running the alternation where none of its words is.
_RESOLUTION_STATEMENT, _FIX_ACTION, _TRIGGER_STATEMENT, _TRIGGER_STATEMENT_SANS_KIKKAKE, _DETECTION_STATEMENT = (
    Quick(_RESOLUTION_STATEMENT), Quick(_FIX_ACTION), Quick(_TRIGGER_STATEMENT), Quick(_TRIGGER_STATEMENT_SANS_KIKKAKE), Quick(_DETECTION_STATEMENT))
