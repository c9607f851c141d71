"""Guess a document's kind (decision / incident / runbook / note) from its shape.

The guess is a score per kind from independent signals: section headings, the
title, metadata keys, code blocks, and the file name. The result says how sure
it is ("strong" or "weak") and why, so confidence on the page can be honest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lorebook import vocab
from lorebook.model import Section
from lorebook.sources.markdown import block_label, plain
from lorebook.sources.parts import after_label

# Headings that mark a kind, with weights. Matched on the normalised heading text
# (exact, or as a prefix followed by a space).
HEADINGS: dict[str, dict[str, float]] = {
    "decision": {
        "status": 2, "context": 2, "decision": 3, "consequences": 3, "considered options": 3,
        "decision outcome": 3, "decision drivers": 2, "context and problem statement": 3,
        "pros and cons of the options": 2, "options considered": 2, "alternatives considered": 2,
        "rationale": 1, "options": 1, "decision makers": 1,
        "상태": 2, "배경": 2, "결정": 3, "결과": 2, "고려한 대안": 2, "맥락": 2,
        # a design proposal says what it will not do: "## Non-Goals"
        "non-goals": 2, "non goals": 2, "nicht-ziele": 2, "non-objectifs": 2, "no objetivos": 2, "非目标": 2, "비목표": 2,
    },
    "incident": {
        "timeline": 3, "root cause": 3, "root causes": 3, "action items": 2, "impact": 1,
        "lessons learned": 2, "lessons learnt": 2, "lessons": 1, "what went wrong": 2, "what went well": 2,
        "detection": 1, "resolution": 1, "trigger": 1, "summary": 0.5, "after-action report": 3,
        "after action report": 3, "follow-up": 1, "follow-ups": 1, "what happened": 1,
        "contributing factors": 2, "incident": 1, "user impact": 2, "what was impacted": 2,
        "what we are doing about it": 2, "postmortem": 2, "takeaways": 1,
        "타임라인": 3, "근본 원인": 3, "원인": 2, "영향": 1, "조치 항목": 2, "후속 조치": 2, "교훈": 2, "요약": 0.5,
        # When it happened: a section only a write-up has.
        "발생 일시": 2, "발생일시": 2, "발생 시간": 2, "発生日時": 2, "発生時刻": 2, "发生时间": 2, "发生日期": 2,
        # A bug's write-up: what the defect is and how to make it happen again ("## The bug", "## Steps to reproduce").
        "the bug": 2, "le bug": 2, "el bug": 2, "o bug": 2, "der bug": 2, "der fehler": 1.5, "bug": 1.5, "the defect": 2,
        "steps to reproduce": 2, "how to reproduce": 2, "reproduction steps": 2, "reproduction": 1.5, "repro": 1.5,
        "repro steps": 2, "reproducción": 1.5, "reprodução": 1.5, "reproduktion": 1.5, "pasos para reproducir": 2,
        "passos para reproduzir": 2, "étapes de reproduction": 2, "schritte zur reproduktion": 2,
        "再現手順": 2, "再現方法": 2, "复现步骤": 2, "复现方法": 2, "重现步骤": 2, "재현 방법": 2, "재현 단계": 2, "재현 절차": 2,
    },
    "runbook": {
        "meaning": 3, "diagnosis": 3, "mitigation": 3, "prerequisites": 2, "procedure": 2,
        "step-by-step procedure": 3, "steps": 2, "rollback": 1, "verification": 1, "verify": 1,
        "troubleshooting": 1, "how to resolve": 2, "how to spot": 2, "contacts": 1, "escalation": 1,
        "overview": 0.5, "potential issues": 1,
        # an alert's runbook: what to do the moment it fires, and the usual suspects
        "first 60 seconds": 2, "first 5 minutes": 2, "first 15 minutes": 2, "immediate actions": 2, "quick check": 2,
        "common causes": 2, "likely causes": 2, "possible causes": 2,
        "절차": 3, "사전 준비": 2, "롤백": 1, "검증": 1, "확인": 1, "연락처": 1,
    },
}

# Every other label of the field vocabulary (all eight languages) signals its kind too, with the field's
# weight; a label shared by several kinds ("impact", "summary") counts for little. The table above wins.
def _vocab_headings() -> dict[str, dict[str, float]]:
    table = vocab.classification_headings()
    shared = {n for k, names in table.items() for n in names if sum(n in t for t in table.values()) > 1}
    out = {}
    for kind, names in table.items():
        merged = {n: (w * 0.3 if n in shared else w) for n, w in names.items()}
        merged.update(HEADINGS[kind])
        out[kind] = merged
    return out


HEADINGS = _vocab_headings()

# Title shapes. A match in the title is strong evidence.
TITLE_PATTERNS: dict[str, list[re.Pattern]] = {
    "decision": [
        re.compile(r"\badr[-\s_]?\d+", re.I),
        re.compile(r"\barchitecture decision\b", re.I),
        re.compile(r"\bdecision record\b", re.I),
        re.compile(r"^decision\s*[:\-—]", re.I),
        # a log of a system's decisions (arc42 section 9): "Architecture decisions", "Architekturentscheidungen"
        re.compile(r"\b(?:architecture|architectural|design) decisions\b|architekturentscheidung(?:en)?\b|\bentwurfsentscheidungen\b"
                   r"|\bdécisions d'architecture\b|\bdecisiones de arquitectura\b|\bdecisões de arquitetura\b"
                   r"|アーキテクチャ(?:上の)?決定|架构决策|아키텍처 결정", re.I),
        # a design proposal (KEP, RFC, design doc) argues for one way: "备份和恢复 Proposal", "RFC: …", "设计提案"
        re.compile(r"\bproposal\b|^\W*rfc\b|\bdesign\s+doc(?:ument)?\b|设计(?:提案|方案)|提案書|설계\s*제안|제안서", re.I),
        # "세션 vs JWT 비교 분석", "Postgres versus MySQL": two options set side by side
        re.compile(r"\S\s+(?:vs\.?|versus)\s+\S", re.I),
    ],
    "incident": [
        re.compile(r"post[-\s]?mortem", re.I),
        re.compile(r"\bincident\b(?!\s+(?:response|management|handling|process|procedures?|playbooks?|runbooks?|checklist|guide|policy|plan)\b)", re.I),
        re.compile(r"\boutage\b|\bausfall\b|\bstörung\b|\bpanne\b|\bca[íi]da\b|\binterrupci[óo]n\b|\bindisponibilidade\b|"
                   r"\bqueda\b|障害|宕机|故障", re.I),  # a condition: also an alert runbook's title, unless dated
        re.compile(r"\bsev[-\s]?\d\b", re.I),
        re.compile(r"\bdisclosure\b", re.I),
        # "记一次线上事故", "记录一次…异常": how Chinese write-ups of one event are titled
        re.compile(r"^记(?:录)?一次"),
        # "磁盘压力问题排查与解决报告", "数据库异常处理报告": a report on one problem found and solved
        re.compile(r"(?:问题|异常|故障|事件|問題|異常)\S{0,16}(?:报告|報告|复盘|復盤)"
                   # "蠕虫病毒入侵事件始末", "线上事故经过", "安全事件回顾": the whole story of one event
                   r"|(?:事件|事故|故障|入侵|宕机|停机)\S{0,4}(?:始末|经过|經過|回顾|回顧)|(?:安全|入侵|宕机|停机|泄露|洩漏)事件"
                   # "pytest 메모리 누수 분석 및 조치", "不具合の分析報告": one defect analysed
                   r"|(?:문제|오류|에러|버그|누수|이슈)\S{0,3}\s?(?:원인\s?)?(?:분석|보고서|회고)|(?:不具合|バグ|メモリリーク)\S{0,8}(?:分析|報告|振り返り)"),
        re.compile(r"장애|사후\s*분석|포스트모템|ポストモーテム|インシデント|事後分析|事故.{0,12}(?:报告|分析|记录|取证)|复盘|\bincidente\b|\bvorfall\b|"
                   r"\bnachbetrachtung\b|\bpost-?mortem\b|\brapport d'incident\b", re.I),
        # a root-cause analysis of one bug: "Bug: login loops", "Bug pré-existant : X est un no-op", "RCA — cache stampede"
        re.compile(r"^\W{0,3}bug\b(?!\s+(?:triage|tracking|bounty|bash|reports?\s+template|fix(?:ing)?\s+(?:process|guide|workflow)))"
                   r"|\brca\b|\broot[-\s]cause analysis\b", re.I),
        # a report of what was found after the fact: "Diagnóstico final y recomendaciones", "Diagnostic report"
        re.compile(r"\bdiagn(?:osis|ostic|óstico|ostico)\s+(?:final|report)\b|\bfinal\s+diagnosis\b|\binforme\s+de\s+diagn[óo]stico\b"
                   r"|\brapport\s+de\s+diagnostic\b|\bdiagnosebericht\b|\brelat[óo]rio\s+de\s+diagn[óo]stico\b", re.I),
        # a report of one failure in Russian: "Отчет: Исправление ошибки загрузки …", "Отчёт о сбое …"
        re.compile(r"\bотч[её]т\b.{0,40}(?:ошибк|сбо[йея]|инцидент|авари|отказ)", re.I),
    ],
    "runbook": [
        re.compile(r"\brun\s?book\b", re.I),
        # how a team handles incidents in general: "Incident response — ledger", "Incident management process"
        re.compile(r"^(?:[\w ]{1,20}\s)?incident\s+(?:response|management|handling|process|procedures?|playbook|checklist|guide)\b", re.I),
        re.compile(r"\bplaybook\b", re.I),
        re.compile(r"^(?:[\w ]{1,12}:\s*)?how\s?to\b", re.I),  # "How to …", "draft: how to …"
        re.compile(r"\bwhat to do (?:when|if)\b", re.I),
        re.compile(r"^(roll\s?back|restore|restart|rotate|clear|scale|recover|failover|drain|deploy|back\s?up)\b", re.I),
        re.compile(r"런북|절차서|운영\s*가이드|대응\s*(?:절차|방법|가이드)|발생\s*시\s*(?:대응|조치)"),
        # "…ときの対応", "対応手順", "处理步骤", "Was tun, wenn", "Que faire si", "Qué hacer si", "O que fazer quando"
        re.compile(r"(?:とき|時|場合)の(?:対応|対処)|(?:対応|対処|復旧)手順|手順書|(?:处理|应急)(?:步骤|流程|预案)|时的处理|"
                   r"\bwas tun,? (?:wenn|bei)\b|\bvorgehen bei\b|\bque faire (?:si|quand|lorsque|en cas)\b|"
                   r"\bqu[ée] hacer (?:si|cuando|ante)\b|\bo que fazer (?:se|quando|em caso)\b", re.I),
    ],
}

# A title that is one operation on one thing, in the languages notes are written in (English titles of that shape
# are already runbook titles above; "migrate"/"use"/"adopt" are left out: a decision is titled that way too).
_OPERATION_TITLE = re.compile(
    r"^(?:销毁|删除|清理|重建|重启|恢复|备份|回滚|扩容|缩容|轮换|重置|卸载|挂载)\S{0,15}$"
    r"|^\S{0,15}(?:の)?(?:削除|再起動|復旧|復元|バックアップ|ロールバック|リストア)(?:方法|手順)?$"
    r"|^\S{0,15}\s?(?:삭제|재시작|복구|복원|백업|롤백|초기화)(?:하기|방법)?$"
    r"|^(?:\w+\s){1,3}(?:löschen|wiederherstellen|neu starten|sichern|zurücksetzen|zurückrollen)$"
    r"|^(?:supprimer|restaurer|redémarrer|sauvegarder|réinitialiser|eliminar|restaurar|reiniciar|respaldar|excluir|remover"
    r"|ripristinare|riavviare|eliminare|usunąć|przywrócić|удалить|восстановить|перезапустить)\b", re.I)

# Title words that name a condition rather than a kind of document: "Load Balancer Outage" is as
# often an alert's runbook as a postmortem; with a date ("Outage on 2022-11-30") it is a write-up.
CONDITION_TITLES = {TITLE_PATTERNS["incident"][2], TITLE_PATTERNS["decision"][-1]}  # weaker than a record's own name
_DATED_TITLE = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", re.I)
# A service's state that only a dated title makes an event: "2023-10-14: mongodb-down", "LernSax nicht verfügbar
# (25.08.2022)"; undated ("Redis down", "API unavailable") it is as often the name of an alert's runbook.
_DOWN_WORDS = re.compile(r"(?:\b|_)(?:down|downtime|unavailable|unreachable|degraded|degradation|nicht (?:verfügbar|erreichbar)|"
                         r"indisponible|inaccessible|no disponible|fora do ar|indisponível|недоступ\w*|не работает|不可用|无法访问|"
                         r"無法存取|使用できない|接続できない|繋がらない|접속 불가|접속 장애|"
                         # "2026-07-24 3x-ui VLESS 连接不上": can't connect, won't open, went down, in the words a dated title uses
                         r"连接不上|连不上|连接失败|无法连接|無法連線|無法訪問|打不开|访问不了|宕机|服务中断|服務中斷|落ちた|停止した|먹통|접속 안 ?됨)(?:\b|_|$)", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b")

# A heading that, at the top of a section, says "this section is its own document".
DOC_TITLE = {
    "decision": re.compile(r"^\s*(?:adr[-\s_]?\d+|architecture decision|decision)\s*[:\-—.]|^\s*adr[-\s_]?\d+\b", re.I),
    "incident": re.compile(r"^\s*(?:post[-\s]?mortem|incident(?: report)?|outage|장애(?: 보고서)?)\s*[:\-—]", re.I),
    "runbook": re.compile(r"^\s*(?:run\s?book|playbook|런북)\s*[:\-—]", re.I),
}

FILENAME = {
    "decision": re.compile(r"(?:^|[_/\-.])(?:adr|decisions?|architecture-decision)", re.I),
    "incident": re.compile(r"incident|post-?mortem|outage", re.I),
    "runbook": re.compile(r"run-?books?|alerts?[_/]|playbook|operation_guide|howto", re.I),
}

FRONT_MATTER_KEYS = {
    "decision": {"status", "deciders", "consulted", "informed", "decision-makers"},
    # a status page's incident (cState, Statuspage exports): which components, when it was resolved, how bad at worst
    "incident": {"severity", "incident", "impact", "affected", "resolved", "resolvedwhen", "resolved_on", "resolved_at",
                 "max_severity"},
    "runbook": {"last_reviewed_on", "review_in", "alert", "runbook", "fires when", "fires", "alert name", "alertname",
                "trigger condition", "triggered when"},
}


# Minutes of a meeting: who came, what was on the agenda. A meeting's notes are where a team records what it settled,
# so minutes count toward a decision; a review meeting's timeline and root cause still make it an incident.
_MEETING_HEADINGS = frozenset((
    "attendees", "attendance", "participants", "present", "agenda", "agenda topics", "agenda items", "meeting notes",
    "minutes", "next meeting", "next meeting agenda", "next meeting agenda topics", "discussion points",
    "참석자", "참여자", "참가자", "회의 주제", "회의 안건", "안건", "회의 내용", "議題", "参加者", "出席者", "議事", "议程", "议题",
    "与会者", "参会人员", "会议内容", "tagesordnung", "teilnehmer", "teilnehmende", "anwesend", "ordre du jour",
    "présents", "orden del día", "asistentes", "participantes", "pauta", "presentes", "ordine del giorno", "partecipanti",
    "porządek obrad", "uczestnicy", "повестка", "повестка дня", "участники", "присутствовали",
))
_MEETING_TITLE = re.compile(
    r"\bmeeting\b|\bminutes of\b|\bmeeting minutes\b|회의록|회의|議事録|会議|会议(?:纪要|记录)?|\bata(?:s)?\s+d[ae]\s+reuni|\bacta\b|"
    r"\bcompte[- ]rendu\b|\bprotokoll\b|\bbesprechung\b|\bréunion\b|\breuni[óo]n\b|\breuni[ãa]o\b|\briunione\b|\bverbale\b|"
    r"\bspotkani\w*|\bсовещани\w*|\bпротокол\w* встреч|\bвстреч[аи]\b", re.I)


_MEETING_FILE = re.compile(r"meeting|minutes|회의|議事録|会议|reuni|réunion|protokoll", re.I)  # "meetings/2024-03-19.md"
_ACTION_NAMES = frozenset(vocab.VOCAB["incident"]["action_items"].labels)


def _meeting_signals(title: str, front_matter: dict, filename: str, names: list[str]) -> list[str]:
    """What says a note is a meeting's minutes: its title, file name or tags, and its Attendees / Agenda parts (`names`:
    the note's part names, normalised)."""
    found = []
    tags = " ".join(str(v) for k, v in front_matter.items() if str(k).lower() in ("tags", "type", "category", "parent", "layout"))
    if _MEETING_TITLE.search(title) or _MEETING_TITLE.search(tags):
        found.append("a meeting's title")
    if _MEETING_FILE.search(filename):
        found.append("a meeting's file name")
    for name in names:
        # the name itself, else its longest prefix that ends at a space ("회의 주제 agenda"): looked up, not tried against
        # every name, as a source can have 60,000 headings
        prefixes = [name[:i] for i in range(len(name), 0, -1) if name[i:i + 1] == " "]
        hit = name if name in _MEETING_HEADINGS else next(
            (p for p in prefixes if p in _MEETING_HEADINGS and p not in ("present", "minutes")), None)
        if hit and f"'{hit}'" not in found:
            found.append(f"'{hit}'")
    return found


# A command with arguments in backticks; not an assignment ("`recall_date = D+7`", "`const x = 1;`").
_INLINE_COMMAND = re.compile(r"`(?![^`]* = )[a-z][\w.-]*(?: +[^`\s]+){2,}`")
_INCIDENT_TALK = re.compile(r"\b(?:sev[-\s]?\d|incident|outage|paged|pager\w*|pagerduty|opsgenie|on-?call|root cause|"
                            r"roll(?:ed|ing)? ?back|postmortem|post-mortem|mitigat\w*|resolved)\b|장애|障害|故障", re.I)


_CODE_LINES = re.compile(r"`[^`\n]+`(?:\s*\n\s*`[^`\n]+`)*")
_NUMBERED_HEADING = re.compile(r"^\s*(?:(?:step\s*|étape\s*|paso\s*|passo\s*|schritt\s*)?\d{1,2}\s*(?:[.):]|\s[-–—])"
                               r"|(?:第\s*\d{1,2}\s*步骤?|(?:手順|ステップ|步骤)\s*\d{1,2}|\d{1,2}\s*단계)\s*[.):：\-–—]?)\s*(?=\S)", re.I)


@dataclass(frozen=True)
class Guess:
    kind: str
    strength: str  # "strong" | "weak"
    reason: str
    scores: dict


def doc_title_kind(title: str) -> str | None:
    """The kind a heading announces as its own document ("ADR-014: …", "Postmortem: …")."""
    t = plain(title)
    for kind, rx in DOC_TITLE.items():
        if rx.search(t):
            return kind
    return None


def _norm(title: str) -> str:
    t = plain(title).lower()
    t = re.sub(r"^\s*(?:\d+(?:\.\d+)*[.)]?\s+)", "", t)  # "2.", "2.3", "1.1.2)": numbered sub-sections too
    t = re.sub(r"[^\w\s'-]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _index_headings() -> dict[str, list[tuple[str, int, str, float]]]:
    """Each heading name -> (kind, its place in that kind's table, name, weight)."""
    out: dict[str, list[tuple[str, int, str, float]]] = {}
    for kind, table in HEADINGS.items():
        for i, (name, w) in enumerate(table.items()):
            out.setdefault(name, []).append((kind, i, name, w))
    return out


_HEADING_INDEX = _index_headings()


def _heading_names(h: str) -> dict[str, list[tuple[str, float]]]:
    """Per kind, in table order, the names heading `h` is (`vocab.label_matches`: itself, a prefix ending
    at a space or colon, or a CJK name with up to 4 characters after it). Found by looking up h's own
    prefixes, not by trying every name on every heading: a source can have 60,000 headings."""
    if not h:
        return {}
    head = vocab.head_noun(h)
    if head and h not in _HEADING_INDEX:  # "복구 타임라인", "Recovery timeline": the timeline, not the recovery
        return _heading_names(head)
    rest = vocab.without_subject(h)
    if rest != h:  # "장애 원인 분석", "故障现象": what follows the word for the incident names the section
        out = _heading_names(rest)
        if out:
            return out
    prefixes = {h} | {h[:i] for i, ch in enumerate(h) if ch in " :"}
    prefixes |= {h[:len(h) - k] for k in range(1, 5) if len(h) > k and vocab.is_cjk(h[len(h) - k - 1])}
    hits = sorted(hit for p in prefixes for hit in _HEADING_INDEX.get(p, ()))
    if not hits and (joined := vocab.hyphen_joined(h)):  # "Root-cause hierarchy" names a root cause as "Root cause" does
        spaced, edge = joined
        return {k: kept for k, v in _heading_names(spaced).items() if (kept := [(n, w) for n, w in v if len(n) > edge])}
    out: dict[str, list[tuple[str, float]]] = {}
    for kind, _, name, w in hits:
        out.setdefault(kind, []).append((name, w))
    return out


def names_a_section(title: str) -> bool:
    """Whether a heading is one of the section names of some kind ("Timeline", "Root cause", "Context")."""
    return bool(_heading_names(_norm(title)))


_STATUS_LABELS = frozenset(("status", "state", "상태", "ステータス", "状态", "狀態", "statut", "estado", "stato", "статус", "stan"))
_RESOLVED_STATUS = re.compile(r"(?:resolved|mitigated|fixed|closed|recovered|résolu|resuelto|resolvido|risolto|behoben|gelöst|"
                              r"решен|устранен|해결|복구\s?완료|解決済|解决|已解决|已修复|復旧済)", re.I)


_INCIDENT_LABEL = re.compile(r"\b(?:incident|incidente|incidencia|incidentes|vorfall|störung|incidenten|инцидент\w*)\b"
                             r"|인시던트|장애|インシデント|障害|事故|故障", re.I)
# what such a label gives of the incident: its date, number or severity ("Data do incidente", "Incident ID", "障害発生日時"),
# not a runbook's "Incident channel"
_INCIDENT_FACT = re.compile(r"\b(?:date|data|fecha|datum|day|dia|día|id|nr|no|number|número|numero|nummer|severity|sévérité|severidad"
                            r"|gravidade|schweregrad|start|début|inicio|início|beginn)\b|日時|日期|时间|時間|発生|发生|일시|날짜|등급", re.I)


def classify(title: str, root: Section, front_matter: dict, filename: str, meta_keys: set[str]) -> Guess:
    """Score each kind and pick the best; weak when the evidence is thin or split."""
    scores = {k: 0.0 for k in HEADINGS}
    why: dict[str, list[str]] = {k: [] for k in HEADINGS}
    seen: set[tuple[str, str]] = set()
    blocks = list(root.all_blocks())  # walked once: the tree is read seven times below and not changed
    # A bold line standing for a heading ("**Immediate Actions**", "**Root Cause:** …") names its part as a
    # heading does, a little less surely (a bold lead can also be emphasis).
    named_parts = [(sec.title, 1.0, "section") for sec in root.walk() if sec.title]
    named_parts += [(blk.label, 0.75, "in bold") for blk in blocks
                    if blk.kind == "paragraph" and blk.label_shape == "bold" and blk.label]
    # "- 영향: 504 응답", "- Root cause: …" as list items name the parts too, less surely than a heading
    named_parts += [(blk.label, 0.5, "as a labelled item") for blk in blocks
                    if blk.kind == "item" and blk.label_shape == "key" and blk.label]
    named_parts = [(_norm(label), factor, where) for label, factor, where in named_parts]  # normalised once, read twice
    meeting = _meeting_signals(plain(title), front_matter, filename, [name for name, _, _ in named_parts])
    if len(meeting) >= 2:
        scores["decision"] += min(2 + 1.5 * (len(meeting) - 2), 5)
        why["decision"].append("a meeting's minutes (" + ", ".join(meeting[:3]) + ")")
    for label, factor, where in named_parts:
        named = _heading_names(label)
        if len(meeting) >= 2 and any(name in _ACTION_NAMES for name, _ in named.get("incident", ())):
            continue  # a meeting's action items are what it agreed to do: no incident's follow-ups, no runbook's actions
        for kind in HEADINGS:
            for name, w in named.get(kind, ()):
                if (kind, name) not in seen:
                    seen.add((kind, name))
                    scores[kind] += factor * w
                    why[kind].append(f"'{name}' {where}")
                    break
    # A note that weighs a design's merits against its faults under headings of their own ("## 장점" / "## 단점",
    # "## Pros" / "## Cons") argues for a choice, as a decision record does.
    sides = {vocab.merit_side(sec.title) for sec in root.walk() if sec.title}
    if {"good", "bad"} <= sides:
        scores["decision"] += 1.5
        why["decision"].append("merits and faults weighed under headings")
    t = plain(title)
    for kind, pats in TITLE_PATTERNS.items():
        hits = [p for p in pats if p.search(t)]
        if hits:
            named = any(p not in CONDITION_TITLES for p in hits) or _DATED_TITLE.search(t)
            scores[kind] += 4 if named else 2.5
            why[kind].append("title")
    if "title" not in why["incident"] and _DOWN_WORDS.search(t) and (_DATED_TITLE.search(t) or _NUMERIC_DATE.search(t)):
        scores["incident"] += 4
        why["incident"].append("a dated title that says what was down")
    for kind, keys in FRONT_MATTER_KEYS.items():
        hit = keys & ({k.lower() for k in front_matter} | meta_keys)
        if hit:
            scores[kind] += min(1.5 + 0.5 * (len(hit) - 1), 2.5)  # each further key of the kind's own is more evidence
            why[kind].append("metadata " + ", ".join(sorted(hit)))
    for kind, rx in FILENAME.items():
        if rx.search(filename):
            scores[kind] += 2
            why[kind].append("file name")
    # Runbooks are where commands live.
    # a command alone on its line as a code span ("`Sync::AllClassesJob.perform_later`") is a code block written inline
    code = sum(1 for b in blocks if b.kind == "code" or (b.kind == "paragraph" and _CODE_LINES.fullmatch(b.text.strip())))
    ordered = sum(1 for b in blocks if b.kind == "item" and b.ordered)
    if code >= 2:
        scores["runbook"] += min(code, 6) * 0.4
        why["runbook"].append(f"{code} code blocks")
    # Steps that carry their command inline: "2. scale workers: `kubectl scale deploy/x --replicas=12`".
    inline = sum(1 for b in blocks if b.kind == "item" and _INLINE_COMMAND.search(b.text))
    if inline >= 2:
        scores["runbook"] += min(inline, 6) * 0.4
        why["runbook"].append(f"{inline} steps with an inline command")
    if ordered >= 3:
        scores["runbook"] += 1
        why["runbook"].append("numbered steps")
    # "### 1 - Build the files", "### 2 - Seed the year", …: steps written as numbered headings that name no part
    numbered_heads = sum(1 for sec in root.walk() if sec.title and _NUMBERED_HEADING.match(plain(sec.title))
                         and not names_a_section(_NUMBERED_HEADING.sub("", plain(sec.title))))
    if numbered_heads >= 3 and len(meeting) < 2:  # minutes number their agenda's items, not steps
        scores["runbook"] += 1
        why["runbook"].append("numbered step headings")
    if (code or ordered >= 3) and "title" not in why["runbook"] and _OPERATION_TITLE.search(t):
        scores["runbook"] += 2.5  # "销毁文件系统", "Datenbank wiederherstellen" over commands: how to do one operation
        why["runbook"].append("a title that names an operation")
    # A note that tells a choice ("We decided to go with RabbitMQ") over the options it weighed is a decision record.
    told = next((b for b in blocks if b.kind in ("paragraph", "item")
                 and vocab.DECISION_STATEMENT.search(t := plain(b.text)) and not vocab.DECISION_NOT_TAKEN.search(t)), None)
    if told is not None:
        scores["decision"] += 2
        why["decision"].append("a decision told in prose")
    # "**상태**: Resolved (PR #266)", "status: mitigated": only an incident is resolved; a decision is accepted, a runbook is neither
    resolved = [line for b in blocks if b.kind in ("paragraph", "item") for line in b.text.split("\n")
                if (label := block_label(line))[1] in ("bold", "key") and _norm(label[0]) in _STATUS_LABELS
                and _RESOLVED_STATUS.match(re.sub(r"^[^\w]+", "", after_label(line)))]  # "✅ Resolvido"
    if resolved or _RESOLVED_STATUS.match(str(front_matter.get("status") or "")):
        scores["incident"] += 2
        why["incident"].append("a status that says it was resolved")
    # "**Data do incidente:** 2026-04-04", "- Incident ID: INC-12": a value labelled as the incident's is an incident's
    labelled = [label for label, _, where in named_parts
                if where != "section" and _INCIDENT_LABEL.search(label) and _INCIDENT_FACT.search(label)]
    if labelled:
        scores["incident"] += 2
        why["incident"].append(f"a value labelled as the incident's ({labelled[0]})")
    # A pasted chat log that speaks of severities, pages or outages is an incident channel's export.
    said = [b.text for b in blocks if b.kind == "item" and b.speaker]
    if len(said) >= 3 and _INCIDENT_TALK.search("\n".join(said)):
        scores["incident"] += 2
        why["incident"].append("an incident channel's chat log")
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    top, second = ranked[0], ranked[1]
    if top < 2:
        return Guess("note", "weak", "no decision, incident or runbook structure found", scores)
    strength = "strong" if top >= 4 and top - second >= 1.5 else "weak"
    reason = f"{best}: " + ", ".join(why[best][:5])
    if strength == "weak":
        reason += f" (weak: score {top:g} vs {second:g})"
    return Guess(best, strength, reason, scores)
