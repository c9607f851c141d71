"""Extract an architecture decision record (ADR) into typed, cited fields.

Handles the common ADR shapes: Nygard / adr-tools ("## Status" section), MADR 2
("* Status: x" bullets, "Positive Consequences"), MADR 3/4 (front matter,
"Decision Outcome", "Pros and Cons of the Options"), log4brains ("- Status: x",
dated file names) and free-form team logs ("**Status:** Accepted", "**X** —
rejected. …"). Every value is read from blocks whose spans are cited.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from lorebook.quick_re import Quick
from lorebook import vocab
from lorebook.vocab import record_key, record_refs
from lorebook.sources import parts as P
from lorebook.extract.common import (
    Meta,
    RecordBuilder,
    date_from_filename,
    find_date,
    first_dated,
    metadata,
    norm_heading,
    one_line,
)
from lorebook.model import Block, Document, Record, Section, Span
from lorebook.sources.markdown import bare_part_name, block_label, plain

KIND = "decision"
KEY_FIELDS = vocab.KEY_FIELDS[KIND]
STATUSES = vocab.STATUSES

# --- heading labels and status words: read from the one field vocabulary (lorebook.vocab) ---

_V = vocab.DECISION
_STATUS_H = _V["status"].labels
_DATE_H = _V["date"].labels
# a section that only holds the record's metadata ("###### Metadados do Registro") is not where the body starts
_METADATA_H = ("metadata", "meta data", "record metadata", "document metadata", "metadados", "metadados do registro",
               "metadatos", "métadonnées", "metadaten", "metadati", "metadane", "метаданные", "메타데이터", "メタデータ", "元数据",
               "元資料", "meta information", "meta información", "meta informação", "méta-informations", "metainformationen",
               "meta info", "document info", "información del documento", "informations du document", "文書情報", "문서 정보")
_CONTEXT_H = _V["context"].labels
_DECISION_H = _V["decision"].labels
_OPTIONS_H = tuple(x for x in _V["options"].labels if "pros and cons" not in x and x != "장단점")
_PROS_CONS_H = ("pros and cons of the options", "pros and cons", "장단점", "pro und kontra der optionen", "pro und contra der optionen",
                "vor- und nachteile der optionen", "vor- und nachteile", "avantages et inconvénients des options",
                "avantages et inconvénients", "pros y contras de las opciones", "pros y contras", "ventajas y desventajas de las opciones",
                "ventajas y desventajas", "prós e contras das opções", "prós e contras", "vantagens e desvantagens", "voor- en nadelen",
                "メリット・デメリット", "長所と短所", "优缺点", "利弊", "плюсы и минусы")
_CONSEQ_H = _V["consequences"].labels
_LINKS_H = _V["links"].labels
_RATIONALE_H = _V["rationale"].labels
_POS_H, _NEG_H, _NEU_H = vocab.POSITIVE, vocab.NEGATIVE, vocab.NEUTRAL
_NOT_AFTER = _V["decision"].not_after

_STATUS_KEYS = vocab.keys(KIND, "status")
_DATE_KEYS = vocab.keys(KIND, "date")
_DECIDER_KEYS = vocab.keys(KIND, "deciders")

_WORD_TO_STATUS = {w: s for s, words in vocab.STATUS_WORDS.items() for w in words}
_STATUS_RX = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(_WORD_TO_STATUS, key=len, reverse=True)) + r")"
    r"(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff])",  # "Open" does not open "OpenID"; CJK words run on with no space
    re.I,
)

_OUTCOME_WORDS = {
    "chosen": "chosen", "selected": "chosen", "accepted": "chosen", "adopted": "chosen", "preferred": "chosen",
    "선택": "chosen", "채택": "chosen",
    "rejected": "rejected", "declined": "rejected", "discarded": "rejected", "not chosen": "rejected",
    "기각": "rejected", "탈락": "rejected", "거절": "rejected", "拒绝": "rejected", "拒否": "rejected",
    "considered": "considered",
    # a marker left beside an option's name in other languages: "(採用)", "(gewählt)", "(verworfen)"
    "採用": "chosen", "采纳": "chosen", "选定": "chosen", "gewählt": "chosen", "ausgewählt": "chosen", "elegida": "chosen", "elegido": "chosen",
    "retenue": "chosen", "retenu": "chosen", "choisie": "chosen", "escolhida": "chosen", "escolhido": "chosen",
    "不採用": "rejected", "却下": "rejected", "不采用": "rejected", "verworfen": "rejected", "abgelehnt": "rejected",
    "descartada": "rejected", "descartado": "rejected", "rechazada": "rejected", "écartée": "rejected", "rejetée": "rejected",
    "rejeitada": "rejected", "rejeitado": "rejected", "rechazado": "rejected", "écarté": "rejected", "rejeté": "rejected",
    "отвергнута": "rejected", "отвергнут": "rejected", "отвергнуто": "rejected", "отклонена": "rejected", "отклонён": "rejected",
    "verworpen": "rejected", "afgewezen": "rejected", "gekozen": "chosen",
    "отклонено": "rejected", "выбрано": "chosen", "выбран": "chosen", "выбрана": "chosen", "принято": "chosen",
    # the option a record puts forward: "(предлагаемая)", "(recommended)", "(推奨)" is the one it takes
    "recommended": "chosen", "empfohlen": "chosen", "recommandée": "chosen", "recommandé": "chosen", "recomendada": "chosen",
    "recomendado": "chosen", "рекомендуемая": "chosen", "рекомендуемый": "chosen", "предлагаемая": "chosen",
    "предлагаемый": "chosen", "推荐": "chosen", "推奨": "chosen",
}
_OUTCOME_RX = re.compile(
    r"^\(?\s*(" + "|".join(re.escape(w) for w in sorted(_OUTCOME_WORDS, key=len, reverse=True)) + r")(?![\w])\s*\)?[.:,;!]?\s*",
    re.I,
)
# MADR's "Good, because …" / "Bad, because …" / "Neutral, because …", also as MADR's translations write them
# ("Positive, car …", "Bueno, porque …", "Gut, weil …"); group 1 is the side, group 2 the reason.
_PROCON_SIDES = {"good": "good", "pro": "good", "bad": "bad", "con": "bad", "neutral": "neutral"}
_PROCON_RX = re.compile(
    r"^(?:(good|bad|neutral|pro|con)s?\b\s*[,:]?\s*(?:because\b\s*)?"
    rf"|{vocab.PROCON_TRANSLATED}\s*(?:[,:]\s*(?:(?:{vocab.PROCON_BECAUSE})\b\s*)?|\s+(?:{vocab.PROCON_BECAUSE})\b\s*))(.*)$",
    re.I | re.S,
)


def _procon_side(m: re.Match) -> str:
    """'good', 'bad' or 'neutral' for a _PROCON_RX match."""
    return _PROCON_SIDES[m.group(1).lower()] if m.group(1) else vocab.procon_side(m.group(2))
_CHOSEN_RX = re.compile(
    r"(?:chosen option|selected option|option retained|retained option|option chosen|option retenue|option choisie|option sélectionnée|"
    # a solution only as a label ("Solution retenue: …"; "La solution retenue est la 2" is read elsewhere)
    r"(?:chosen solution|selected solution|solution retenue|solution choisie|solución elegida|solución escogida|solución seleccionada|"
    r"solução escolhida|solução selecionada|gewählte lösung|ausgewählte lösung|soluzione scelta)(?=\s*[:：])|"
    r"gewählte option|ausgewählte option|opción elegida|opción escogida|opción seleccionada|opção escolhida|opção selecionada|"
    r"opzione scelta|gekozen optie|vald option|valgt (?:løsning|alternativ)|выбранный вариант|"
    r"선택한 (?:옵션|대안)|채택(?:한)? (?:옵션|대안)|採用(?:した)?(?:案|選択肢)|选择的方案)\s*[:：]?\s*(.*)$",
    re.I | re.S,
)
# "We retained X", "We chose X": marks X chosen only when X is one of the listed options.
_CHOSE_PROSE = re.compile(r"(?:^\s*(?:decision\s*[:：]\s*)?(?:select|choose|adopt|go with|pick)(?=\s)|\bwe\s+(?:have\s+)?(?:retained|chosen|chose|selected|picked|went with|opted for|decided (?:for|on)|"
                          r"decided to (?:go with|use|adopt)|(?:will|'ll|are going to|'re going to) (?:go with|use|adopt)|"
                          r"are going with|'re going with)"
                          # the same told in German, French, Spanish, Portuguese
                          r"|\bwir\s+(?:haben\s+uns\s+für|entscheiden\s+uns\s+für|wählen|nehmen)|\bnous\s+(?:avons\s+)?(?:choisi|retenu|"
                          r"choisissons|retenons)|\bon\s+(?:a\s+)?(?:choisi|retenu)|\bse\s+(?:elige|eligió|escoge|selecciona)|\b(?:hemos\s+)?"
                          r"(?:elegimos|elegido|escogimos|seleccionamos)|\b(?:escolhemos|selecionamos|adotamos)|\boptamos\s+por)"
                          r"\s+(.+?)(?:,|\s+(?:because|as|porque|car|parce que|weil|da|pois|puisque|entschieden)\b|[.;]|$)", re.I)
# Korean and Japanese name the choice before the verb ("SQS를 채택한다", "SQS を採用する"); Chinese after it ("选择 SQS").
# (each name starts where a word starts: a long run of letters is not tried from every one of its letters)
_CHOSE_CJK = re.compile(r"(?<![\w.+#/-])([\w.+#/-]+)\s*(?:을|를)\s*(?:채택|선택|사용하기로)|(?<![\w.+#/-])([\w.+#/-]+)\s*を\s*(?:採用|選択|選定)"
                        r"|(?:选择|采用|选用|选定)(?:了)?\s*([\w.+#/-]+)")
# Y-statement (Zdun et al.): "In the context of …, facing …, we decided for … and neglected …, to achieve …, accepting that …"
_Y_STATEMENT = re.compile(
    r"in the context of\s+(?P<ctx>.+?),?\s+facing\s+(?P<facing>.+?),?\s+we (?:decided|opted|chose) (?:for|to|on)\s+(?P<chosen>.+?)"
    r"(?:,?\s+and\s+(?:neglected|against)\s+(?P<neg>.+?))?,?\s+to achieve\s+(?P<achieve>.+?)"
    r"(?:,?\s+accepting(?:\s+that)?\s+(?P<accept>.+?))?\s*[.]?\s*$",
    re.I | re.S,
)


def extract(doc: Document) -> Record:
    """Read an ADR's number, status, date, deciders, context, decision, options, consequences and links."""
    b = RecordBuilder(doc, KIND)
    secs = Sections(doc.root)
    found = metadata(doc)  # read once: the lines above the body and the signature below it are both in it
    meta = meta_fields(doc, secs.body_start, found)
    _number(doc, b)
    ps = P.labelled_parts(doc)
    stated = _status(doc, secs, meta, b, ps)
    _date(doc, secs, meta, b)
    _deciders(meta, b, doc.root, signature=_signature(doc, found))
    statement = _decision_statement(doc, secs, ps)
    for name, sec in (("context", secs.context), ("decision", secs.decision)):
        excluded = _CONSEQ_H + _POS_H + _NEG_H + _NEU_H
        blocks = _decision_blocks(sec, excluded + _OPTIONS_H) if name == "decision" else _own_blocks(sec, excluded)
        text, spans = _prose(blocks) if sec else ("", [])
        if name == "context" and text and (more := _context_after(doc.root, sec)) is not None:
            more_text, more_spans = _prose(_own_blocks(more, excluded))  # "## Background" then "## Problem": both set the scene
            if more_text:
                text, spans = f"{text}\n\n{more_text}", spans + more_spans
        if name == "decision" and (said := _header_decision(ps, secs)) is not None:
            text, spans = said  # "**Decisión:** Implementar AZUL + STRIPE" above the body says it before any section
        if not text:  # "**Context:** …" / "**Decision.** …" bold leads, or "Decision: …" lines
            for part in P.labelled(ps, KIND, name, shapes=("bold", "key", "line", "front_matter")):
                blocks = part.blocks if part.shape == "bold" else []
                value = plain(part.value) if part.shape != "bold" else _after_lead(part.blocks[0].text)
                rest, rest_spans = _prose(blocks[1:])
                text = "\n\n".join(x for x in (value, rest) if x)
                spans = ([part.blocks[0].span] if value and part.shape == "bold" else [part.span] if value else []) + rest_spans
                if text:
                    break
        if not text and sec is not None:  # "## Решения" over "| # | Решение |" rows: one decision a row
            text, spans = _table_prose(_own_blocks(sec, exclude=_CONSEQ_H + _POS_H + _NEG_H + _NEU_H))
        if not text and name == "context" and sec is None and _y_statement(doc) is None:
            text, spans = _opening_prose(doc, meta, skip=statement)
        if not text and name == "decision" and statement is not None:  # "We decided to go with RabbitMQ, because …"
            text, spans = _prose([statement])
        if not text and name == "decision" and sec is None:  # minutes: "결론적으로 …", "The group accepted …"
            text, spans = _prose(_conclusions(doc, ps)[:4])
        if not text and name == "decision" and sec is None:  # a log of choices: "### Wahl des Chatbot Frameworks" + its text
            text, spans = _choice_sections(doc)
        if _placeholder(text):
            text, spans = "", []
        b.set(name, text, spans)
    _options(doc, secs, b, statement, ps)
    _choice_spelled_out(b)
    _consequences(doc, secs, b)
    y = _y_statement(doc)
    if y is not None:
        m, span = y
        if not b.fields.get("decision"):
            b.set("decision", m.group(0).strip(), [span])
        if not b.fields.get("context"):
            b.set("context", f"In the context of {m.group('ctx')}, facing {m.group('facing')}", [span])
        cons = b.fields["consequences"]
        if not any(cons.values()):
            cons["positive"] = [m.group("achieve").strip(" ,.")]
            cons["negative"] = [m.group("accept").strip(" ,.")] if m.group("accept") else []
            b.citations["consequences"] = [span] * (len(cons["positive"]) + len(cons["negative"]))
            b.citations["consequences.positive"] = [span]
            b.citations["consequences.negative"] = [span] * len(cons["negative"])
    _links(doc, secs, b)
    record = b.build(KEY_FIELDS, summary=_summary(doc, b.fields))
    record.stated_status = stated
    if b.fields.get("status") == "unknown" and "status" not in record.key_missing:
        record.key_missing.insert(0, "status")  # "unknown" is a placeholder, not something the text said
    return record


def _context_after(root: Section, sec: Section) -> Section | None:
    """The section right after the context's, when it names the context too ("## Background" then "## Problem")."""
    for parent in root.walk():
        kids = parent.children
        for i, kid in enumerate(kids[:-1]):
            if kid is sec:
                nxt = kids[i + 1]
                return nxt if vocab.field_of_label(KIND, plain(nxt.title)) == "context" else None
    return None


def _header_decision(ps: list, secs: Sections) -> tuple[str, list[Span]] | None:
    """The decision written as a key line among the record's header lines ("**Decision:** Use AZUL and Stripe"):
    the record's own one-line statement of it, which wins over a "Decision …" section further down."""
    for part in P.labelled(ps, KIND, "decision", shapes=("bold", "key", "front_matter")):
        # a bold lead runs to the next line that opens with a bold label of its own ("**Fecha:** …")
        lead = re.split(r"\n\s*(?=\*\*[^*\n]{1,40}\*\*)", part.blocks[0].text)[0] if part.shape == "bold" else ""
        value = plain(part.value) if part.shape != "bold" else _after_lead(lead)
        if part.span.start < secs.body_start and len(value.split()) >= 3 and not _placeholder(value):
            return value, [part.blocks[0].span if part.shape == "bold" else part.span]
    return None


def _opening_prose(doc: Document, meta: dict[str, Meta], skip: Block | None = None) -> tuple[str, list[Span]]:
    """No Context section: the sentences under the title, before the first subheading, state the context.

    MADR-style records often open with "The MVP needs …" right after their Status/Deciders/Date lines.
    Metadata lines and one-word labels ("Changelog:") are not context.
    """
    blocks = list(doc.root.blocks)
    if doc.root.children and doc.root.children[0].children:  # the title heading holds the body's sections
        blocks += doc.root.children[0].blocks
    taken = [m.span for m in meta.values()]
    chosen = [
        blk for blk in blocks
        if blk.kind == "paragraph" and len(plain(blk.text).split()) >= 6 and blk is not skip
        and not any(t.start <= blk.span.end and blk.span.start <= t.end for t in taken)
        and block_label(blk.text.split("\n")[0])[1] not in ("key", "bold")
        and not _LINKS_ONLY.fullmatch(blk.text.strip())  # a bar of links (meeting room, calendar, chat) says nothing
    ]
    return _prose(chosen[:3])


_LINKS_ONLY = re.compile(r"(?:\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\||·|-)?[ \t]*\n?)+")


def _decision_statement(doc: Document, secs: Sections, ps: list) -> Block | None:
    """With no Decision section or label, the first paragraph or item that says what was decided, in prose.

    Informal decision notes ("Picking a queue", a meeting's notes) state it as "**We decided to go with
    RabbitMQ**, because …" under the context and the options; that paragraph is the decision, not context.
    """
    if secs.decision is not None or P.labelled(ps, KIND, "decision", shapes=("bold", "key", "line", "front_matter")):
        return None
    for blk in doc.root.all_blocks():
        t = plain(blk.text) if blk.kind in ("paragraph", "item") else ""
        if vocab.DECISION_STATEMENT.search(t) and not vocab.DECISION_NOT_TAKEN.search(t):
            return blk
    return None


def _conclusions(doc: Document, ps: list) -> list[Block]:
    """With no decision stated any other way, the items and paragraphs where minutes record what the meeting
    concluded or agreed: a meeting settles several things, each where it was discussed."""
    if P.labelled(ps, KIND, "decision", shapes=("bold", "key", "line", "front_matter")):
        return []
    return [blk for blk in doc.root.all_blocks()
            if blk.kind in ("paragraph", "item") and vocab.CONCLUSION.search(plain(blk.text))
            and not vocab.DECISION_NOT_TAKEN.search(plain(blk.text))]


def _after_lead(raw: str) -> str:
    m = re.match(r"^\s*(\*\*|__)(.+?)\1\s*[:：.。—–-]?\s*", raw, re.S)
    if m is None and bare_part_name(raw):
        return ""  # "Entscheidung" alone on its line: the name of the part, not its text
    return plain(raw[m.end():]) if m else plain(raw)


# --- finding sections ---


def _match(sec: Section, aliases: Iterable[str]) -> bool:
    """Alias match, or alias followed by more words that do not rename it ("Decision Drivers")."""
    return P.section_matches(sec, aliases, _NOT_AFTER)


def _find(root: Section, aliases: Iterable[str], exact_first: bool = True, field: str | None = None) -> Section | None:
    """First section named by an alias; exact names win over prefixed ones ("Context" over "Context notes"). For a
    `field`, a heading that another field names in full is not its section ("## 決定日" is the decision's date)."""
    skip = [s for s in root.walk() if s is not root and s.title and vocab.field_of_label(KIND, s.title) not in (None, field)] if field else ()
    return P.find_section(root, aliases, _NOT_AFTER, skip, exact_first=exact_first)


def _decision_blocks(sec: Section | None, exclude: tuple[str, ...]) -> list[Block]:
    """A Decision section's blocks, as _own_blocks; a subsection titled as what was chosen for one aspect
    ("### 1. 永続化方式: JSONファイル", "### Storage: PostgreSQL") is itself a decision, read before the reasons under it."""
    if sec is None:
        return []
    out = list(sec.blocks)
    for c in sec.children:
        if _match(c, exclude):
            continue
        if _titled_choice(c):
            out.append(Block(kind="paragraph", text=c.title, span=c.span))
        out.extend(_decision_blocks(c, exclude))
    return out


def _titled_choice(sec: Section) -> bool:
    """"1. 永続化方式: JSONファイル": an aspect and its choice; not "Option 2: …" nor "Context: …", a part's name."""
    label, _, value = re.sub(r"[*_`]", "", sec.title).replace("：", ":").partition(":")
    return (bool(value.strip()) and len(value.strip()) <= 60 and sec.span is not None
            and not _ORDINAL_REF.match(sec.title) and not vocab.names_a_part(label))


def _later_decision(root: Section, first: Section | None) -> Section | None:
    """The Decision section to read: a first one that holds only its alternatives (under subheadings, nothing of its
    own) gives way to a later section of the same name that says what was decided ("## Решение" twice)."""
    if first is None or first.blocks or not any(_match(c, _OPTIONS_H) for c in first.children):
        return first
    inside = {id(s) for s in first.walk()}
    later = (s for s in root.walk() if id(s) not in inside and s.title and s.blocks and s.span and first.span
             and s.span.start > first.span.start and _match(s, _DECISION_H))
    return next(later, first)


# A Decision section that only says what the record goes on to weigh ("This ADR evaluates two approaches to
# implement lazy initialization.") decides nothing: the verdict is in a later section (_VERDICT_H).
_ANNOUNCES = re.compile(r"\b(?:evaluates?|compares?|considers?|presents?|describes?|explores?|outlines?|discuss(?:es)?|weighs?|"
                        r"lists?|looks at)\b.{0,60}\b(?:approach(?:es)?|options?|alternatives?|solutions?|proposals?|designs?)\b", re.I)
_DECIDES = re.compile(r"\b(?:we|team)\s+(?:will|decided?|chose|choose|agreed?|adopt\w*|go with|use)\b|\b(?:chosen|selected|adopted|"
                      r"recommended|preferred)\b", re.I)
_VERDICT_H = ("recommendation", "recommendations", "recommended option", "recommended approach", "recommended solution",
              "conclusion", "conclusions", "verdict", "outcome", "result", "empfehlung", "fazit", "recommandation",
              "recomendación", "recomendação", "raccomandazione", "conclusión", "conclusão", "заключение", "выводы",
              "rekomendacja", "推奨", "推奨案", "結論", "推荐方案", "建议方案", "结论", "권고안", "권장안", "결론")


def _past_announcement(root: Section, sec: Section | None) -> Section | None:
    """The Decision section to read: one short paragraph announcing what is weighed gives way to a later verdict."""
    if sec is None or sec.children or len(sec.blocks) != 1 or sec.blocks[0].kind != "paragraph" or sec.span is None:
        return sec
    text = plain(sec.blocks[0].text)
    if len(text) > 240 or not _ANNOUNCES.search(text) or _DECIDES.search(text):
        return sec
    verdict = _find(root, _VERDICT_H, field="decision")
    return verdict if verdict is not None and verdict.blocks and verdict.span and verdict.span.start > sec.span.start else sec


class Sections:
    """The named sections of one ADR, looked up once."""

    def __init__(self, root: Section):
        self.root = root
        self.status = _find(root, _STATUS_H)
        self.date = _find(root, _DATE_H)
        self.context = _find(root, _CONTEXT_H) or _find(root, _V["context"].fallback)
        self.decision = (_past_announcement(root, _later_decision(root, _find(root, _DECISION_H, field="decision")))
                         or _find(root, _V["decision"].fallback, field="decision"))
        self.options = _find(root, _OPTIONS_H)
        self.pros_cons = _find(root, _PROS_CONS_H)
        self.consequences = _find(root, _CONSEQ_H)
        self.rationale = _find(root, _RATIONALE_H)
        self.links = [s for s in root.walk() if s is not root and s.title and _match(s, _LINKS_H)]
        meta_like = _STATUS_H + _DATE_H + _METADATA_H
        starts = [
            s.span.start for s in root.walk()
            if s is not root and s.span and s.title and not _match(s, meta_like)
            and not norm_heading(s.title).startswith(("status ", "상태 ")) and not _opens_with_metadata(s)
        ]
        # Metadata lines must sit above the body; "Example: Status: Accepted" deep in a MADR is not this ADR's status.
        self.body_start = min(starts) if starts else 10**9


_META_KEYS = frozenset(_STATUS_KEYS) | frozenset(_DATE_KEYS) | frozenset(_DECIDER_KEYS)


def _opens_with_metadata(sec: Section) -> bool:
    """ "### Seleccionar que tecnología vamos a usar" over "Status: Aceptado / Encargados: … / Fecha: 10/03/2025": a
    heading naming the decision, whose first lines are the record's metadata, is no part of its body yet."""
    first = sec.blocks[0] if sec.blocks else None
    if first is None or first.kind not in ("paragraph", "item"):
        return False
    keys = [vocab.norm_label(plain(ln).split(":", 1)[0]) for ln in first.text.split("\n") if ":" in ln]
    return sum(k in _META_KEYS for k in keys) >= 2


def _own_blocks(sec: Section | None, exclude: tuple[str, ...] = ()) -> list[Block]:
    """A section's blocks plus its subsections' blocks, skipping subsections named in `exclude`."""
    if sec is None:
        return []
    out = list(sec.blocks)
    for c in sec.children:
        if exclude and _match(c, exclude):
            continue
        out.extend(_own_blocks(c, exclude))
    return out


def _block_text(b: Block) -> str:
    """Plain text of a block including nested items/paragraphs (code, tables and HTML left out)."""
    if b.kind in ("code", "html", "table", "row"):
        return ""
    if b.kind == "quote":
        return plain(b.text)
    parts = [plain(b.text)] + [_block_text(c) for c in b.children]
    return " ".join(p for p in parts if p)


def _prose(blocks: Iterable[Block]) -> tuple[str, list[Span]]:
    """Paragraph-separated plain text of prose blocks, with one span per block used."""
    parts, spans = [], []
    for b in blocks:
        t = _block_text(b)
        if t:
            parts.append(t)
            spans.append(b.span)
    return "\n\n".join(parts), spans


def _table_prose(blocks: Iterable[Block]) -> tuple[str, list[Span]]:
    """A section told only as a table: each row's text cells as one sentence (a "#" column's numbers left out)."""
    parts, spans = [], []
    for t in blocks:
        for row in t.children if t.kind == "table" else []:
            cells = [plain(c).strip() for c in row.cells]
            text = "; ".join(c for c in cells if c and not re.fullmatch(r"[#\d.\s]+", c))
            if text:
                parts.append(text)
                spans.append(row.span)
    return "\n\n".join(parts), spans


# --- metadata ---


def meta_fields(doc: Document, body_start: int, found: dict[str, Meta]) -> dict[str, Meta]:
    """Key: value metadata above the body: front matter, lines/bullets (any script), header tables (of `found`, the
    document's metadata)."""
    fm = doc.front_matter_span
    out = {
        k: m for k, m in found.items()
        if m.span.start < body_start or (fm and fm.start <= m.span.start <= fm.end)
    }
    return out


def _preamble(doc: Document) -> list[Block]:
    """Blocks before the first section, walked into list items."""
    return [x for b in doc.root.blocks for x in b.walk()]


def _meta_get(meta: dict[str, Meta], keys: Iterable[str]) -> Meta | None:
    for k in keys:
        m = meta.get(k)
        if m and m.value.strip():
            return m
    return None


# --- number ---

_TITLE_NUM = re.compile(
    r"^\s*(?:[a-z][a-z0-9]{1,15}[-_ ](?=(?:adr|dr|rfc)\b|(?:adr|dr|rfc)[-_ #]?\d))?(?:adr|architecture decision record|decision record|decision|rfc|dr)?\s*[-_#]?\s*0*(\d{1,5})(?!\d)(?=\s*[.:：)\-–—]|\s|$)", re.I
)
_NAME_DATE = re.compile(r"^\d{4}[-_.]\d{1,2}[-_.]\d{1,2}(?!\d)")
_TITLE_DATE = re.compile(r"^\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
_NAME_MONTH = re.compile(r"[-_.](?:0?[1-9]|1[0-2])(?=[-_.]|$)")
_NAME_NUM = re.compile(r"^(?:[a-z][a-z0-9]{1,15}[-_](?=adr|dr))?(?:adr|dr)?[-_ ]?0*(\d{1,5})(?!\d)(?=[-_. ]|$)", re.I)


def _number(doc: Document, b: RecordBuilder) -> None:
    """ADR number from the title ("ADR-014:", "7. …"), else from the file name (not 8-digit dates)."""
    m = None if _TITLE_DATE.match(doc.title or "") else _TITLE_NUM.match(doc.title or "")  # "2026-01-13 …" is dated
    if m:
        b.set("number", int(m.group(1)), [doc.title_span or _first_line(doc)])
        return
    meta = P.meta_get(P.key_values(doc, 12), vocab.keys(KIND, "number"))
    m = _TITLE_NUM.match(plain(meta.value)) if meta else None
    if m:
        b.set("number", int(m.group(1)), [meta.span])
        return
    if _is_whole_file(doc):
        stem = doc.source.name.rsplit("__", 1)[-1]
        m = None if _NAME_DATE.match(stem) else _NAME_NUM.match(stem)  # "2025-12-30-failback.md" is dated, not numbered
        if m and _NAME_MONTH.match(stem, m.end()) and 1900 <= int(m.group(1)) <= 2099:
            m = None  # "adr-2023-06-ui-kit.md": a year and a month, not ADR 2023
        if m:
            b.set("number", int(m.group(1)), [doc.title_span or _first_line(doc)])
            return
    b.set("number", None, [])


def _first_line(doc: Document) -> Span:
    return Span(doc.source.path, doc.extent.start, doc.extent.start)


def _is_whole_file(doc: Document) -> bool:
    """True when the document is the whole file, so the file name speaks for it."""
    lines = doc.source.text.split("\n")
    filled = [i + 1 for i, line in enumerate(lines) if line.strip()]
    return not filled or (doc.extent.start <= filled[0] and doc.extent.end >= filled[-1])


# --- status ---


def status_of(text: str) -> str | None:
    """Canonical status named in a status text ("✅ Accepted", "Superseded by …"), or None."""
    m = _STATUS_RX.search(plain(text or ""))
    return _WORD_TO_STATUS[m.group(1).lower()] if m else None


def _status(doc: Document, secs: Sections, meta: dict[str, Meta], b: RecordBuilder,
            ps: list[P.Part] = ()) -> tuple[str, int] | None:
    """Stated status first (section, heading, metadata, a "**Status:** Proposed" line anywhere); else unknown.

    Returns the first status text stated, recognised or not, and its line (Record.stated_status).
    """
    stated = None
    labelled = [(plain(p.value), p.span) for p in P.labelled(list(ps), KIND, "status", shapes=("bold", "key")) if p.value]
    for text, span in list(status_candidates(doc, secs, meta)) + labelled:
        if stated is None and text.strip():
            stated = (text.strip(), span.start)
        st = status_of(text)
        if st:
            b.set("status", st, [span])
            b.set("status_text", _TEMPLATE_NOTE.sub("", text).strip(), [span])  # not "ACCEPTÉ <!-- BROUILLON|… -->"
            return stated
    # A chosen option or "we decided" does not say the record was accepted: the status stays unknown.
    b.set("status", "unknown", [])
    b.set("status_text", "", [])
    return stated


def status_candidates(doc: Document, secs: Sections, meta: dict[str, Meta]):
    sec = secs.status
    if sec is not None:
        if norm_heading(sec.title).startswith(("status ", "상태 ")):  # "## Status: Accepted"
            yield re.sub(r"^\s*(status|상태)\s*[:：]?\s*", "", plain(sec.title), flags=re.I), sec.span
        stated: list[tuple[str, Span]] = []
        for blk in sec.blocks:
            attr = _STATUS_ATTRIBUTE.search(blk.text) if "<" in blk.text else None
            if attr:  # a docs site's status element: "<adr-status status='accepted'></adr-status>"
                stated.append((attr.group(1), blk.span))
                continue
            said = _TEMPLATE_NOTE.sub("", blk.text)  # "ACCEPTÉ <!-- BROUILLON|ACCEPTÉ|REJETÉ -->": the template's menu
            if blk.kind not in ("paragraph", "item", "quote") or not plain(said):
                continue
            menu = _status_menu(said)
            if menu is None:
                stated.append((plain(said), blk.span))
            elif menu:
                stated.append((menu, blk.span))
        # A dated history ("2017-11-23 proposed", "2017-11-24 accepted"): the latest line is the status.
        dated = [x for x in stated if find_date(x[0]) and status_of(x[0])]
        if len(dated) >= 2:
            yield dated[-1]
        elif stated:
            yield stated[0]
    m = _meta_get(meta, _STATUS_KEYS)
    if m:
        yield plain(m.value), m.span
    for blk in doc.root.blocks:  # a bare status under the title: "**Accepted**", "Proposed — 2024-05-01", "Accepted on 12 May 2021."
        t = plain(blk.text) if blk.kind in ("paragraph", "quote") else ""
        t = _LINE_PIECE.split(t, 1)[0] if t else t  # "**Aceita** · 2026-09-02 · Relacionada ADR-0004": its first piece
        bare = t.strip("*_ ✅❌⌛️🚧")
        if t and _STATUS_RX.match(bare) and (len(t.split()) <= 4 or re.match(r"^\S+\s+(?:on|since|as of|in)\s+\S*\d", bare, re.I)):
            yield t, blk.span
            break


_STATUS_ATTRIBUTE = re.compile(r"""\bstatus\s*=\s*["']([^"'<>]{2,40})["']""", re.I)
_TEMPLATE_NOTE = re.compile(r"\s*<!--.*?-->", re.S)
_LINE_PIECE = re.compile(r"\s+[·•|]\s+")


def stated_status_word(text: str) -> str | None:
    """The status word as the source writes it ("Aceita", "Implemented", "承認済み"), for a page to show beside
    the canonical status it stands for ("accepted"); None when the text names no status."""
    m = _STATUS_RX.search(plain(text or ""))
    return m.group(1) if m else None


def _status_menu(raw: str) -> str | None:
    """A template's list of every status ("Proposed | **Accepted** | Rejected"): the marked one, "" when none is marked.

    None when the text is not such a list.
    """
    items = [x.strip() for x in re.split(r"\s*[|/｜／]\s*", raw.split("\n")[-1]) if x.strip()]
    if len(items) < 3 or sum(1 for x in items if status_of(x)) < 3:
        return None
    marked = [x for x in items if re.search(r"(\*\*|__).+\1|~~|\[x\]|✅|✔|☑", x)]
    return plain(marked[0]) if len(marked) == 1 and status_of(marked[0]) else ""


_DECIDED_RX = re.compile(r"\b(?:we have decided|we decided|it was decided|we've decided|decided to)\b|결정했다|결정하였다", re.I)


def _implied_status(secs: Sections) -> tuple[str, Span] | None:
    """A MADR "Chosen option: …" or "we have decided …" in the decision says the decision was taken."""
    for blk in _own_blocks(secs.decision, exclude=_CONSEQ_H):
        if blk.kind not in ("paragraph", "item"):
            continue
        for i, line in enumerate(blk.text.split("\n")):
            t = plain(line)
            m = _CHOSEN_RX.search(t)
            if m:
                return one_line(re.split(r",?\s+because\b", t, maxsplit=1)[0], 100), P.line_span(blk, i)
            if _DECIDED_RX.search(t):
                return one_line(t, 100), P.line_span(blk, i)
    return None


# --- date and deciders ---

_DMY = re.compile(r"(?<![\d-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d-])")  # "04-02-2022" too, one separator throughout
_DMY_SHORT = re.compile(r"(?<![\d.])(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/])")  # "27/06/24"; not "1.2.24", a version


def parse_date(text: str) -> str | None:
    """Any written date as ISO; numeric dd/mm/yyyy is read day-first (adr-tools' default, UK teams)."""
    d = find_date(text or "")
    if d:
        return d
    m = _DMY.search(text or "")
    if m:
        a, c, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif m := _DMY_SHORT.search(text or ""):
        a, c, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    y += 2000 if y < 100 else 0  # "27/06/24": a two-digit year is this century's
    day, month = (c, a) if c > 12 and a <= 12 else (a, c)
    try:
        return dt.date(y, month, day).isoformat()
    except ValueError:
        return None


DATE_LINE = 32  # characters: a line under the title this short that holds a date is that date, not a sentence


def _date(doc: Document, secs: Sections, meta: dict[str, Meta], b: RecordBuilder) -> None:
    found = first_dated(meta, _DATE_KEYS, parse_date)
    if found:
        b.set("date", found[0], [found[1]])
        return
    if secs.date is not None:
        for blk in secs.date.blocks:
            d = parse_date(plain(blk.text))
            if d:
                b.set("date", d, [blk.span])
                return
    blocks = list(_preamble(doc)) + ([x for blk in secs.status.blocks for x in blk.walk()] if secs.status else [])
    for blk in blocks:  # "Created on 2019-04-02", "Accepted on 3 March 2020", "On Tuesday 3 March 2020"
        if blk.kind not in ("paragraph", "item", "quote"):
            continue
        for i, line in enumerate(blk.text.split("\n")):
            m = _DATED.search(plain(line))
            d = parse_date(m.group(1)) if m else None
            if d:
                b.set("date", d, [P.line_span(blk, i)])
                return
    first = next((blk for blk in doc.root.blocks if blk.kind == "paragraph"), None)
    d = parse_date(plain(first.text)) if first is not None and len(plain(first.text).strip(" _*")) <= DATE_LINE else None
    if d:  # "_20 juin 2023_" alone under the title: the day the record was written
        b.set("date", d, [first.span])
        return
    stated = _status_line_date(doc, secs, meta)  # "Status: angenommen (28.09.2026)", "**Accepted**（2026-02-23）"
    if stated is not None:
        b.set("date", stated[0], [stated[1]])
        return
    late = P.meta_get(P.key_values(doc, 400), _SIGNED_OFF_KEYS)  # "承認日時: 2026-02-11" under a closing "approval" section
    d = parse_date(late.value) if late else None
    if d:
        b.set("date", d, [late.span])
        return
    written = _written_at_the_end(doc)  # "> 작성일: 2025-12-23" closing the record: the day it was written
    if written:
        b.set("date", written[0], [written[1]])
        return
    d = parse_date(doc.title or "")
    if d and doc.title_span:  # "# 2024-03-19": a meeting's notes are titled with their day
        b.set("date", d, [doc.title_span])
        return
    if _is_whole_file(doc):
        d = date_from_filename(doc.source.name.rsplit("__", 1)[-1])
        if d:
            b.set("date", d, [doc.title_span or _first_line(doc)])
            return
    b.set("date", None, [])


_WRITTEN_KEYS = ("date", "created", "written", "작성일", "작성 일자", "작성일자", "날짜", "作成日", "作成日時", "日時", "日付",
                 "日期", "创建日期", "编写日期", "datum", "erstellt", "fecha", "data", "date de rédaction", "дата")


def _written_at_the_end(doc: Document) -> tuple[str, Span] | None:
    """A "Date:" / "작성일:" line among a record's last blocks (a signature, quoted or not), when nothing above dates it."""
    tail = [x for x in doc.root.all_blocks() if x.kind in ("paragraph", "item", "quote")][-4:]
    for blk in reversed(tail):
        for i, line in enumerate(blk.text.split("\n")):
            for label, value in P.line_pairs(line):
                d = parse_date(value) if vocab.norm_label(label) in _WRITTEN_KEYS else None
                if d:
                    return d, P.line_span(blk, i)
    return None


# Keys that name the day a decision was signed off or took effect: read wherever the record states them, not only at its top.
_SIGNED_OFF_KEYS = tuple(k for k in _DATE_KEYS if k in (
    "decision date", "date of decision", "date decided", "decided on", "accepted on", "effective date", "approval date", "approved on",
    "date approved", "결정일", "승인일", "시행일", "決定日", "承認日", "承認日時", "施行日", "决策日期", "决定日期", "批准日期", "生效日期",
    "entscheidungsdatum", "beschlossen am", "fecha de decisión", "fecha de aprobación", "date de décision", "date d'approbation",
    "data da decisão", "data de aprovação"))


def _status_line_date(doc: Document, secs: Sections, meta: dict[str, Meta]) -> tuple[str, Span] | None:
    """A date written on the status line itself, next to the status it dates ("Accepted (2026-02-23)")."""
    for text, span in status_candidates(doc, secs, meta):
        if status_of(text):
            d = parse_date(plain(text))
            return (d, span) if d else None
    return None


_DATED = re.compile(
    r"\b(?:(?:created|accepted|decided|approved|proposed|dated|written|agreed|adopted|updated)\s+(?:on\s+)?|^on\s+)"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}|[A-Za-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
    re.I,
)


# "Ana, Ben and Chloé", "Adrián Muñoz y Delia Martínez", "Anna und Ben", "Léa et Marc", "Ana e João", "김민수와 이지은"
_NAME_JOIN = re.compile(r",|;|、|/|&|\s(?:and|y|e|et|und)\s|(?<=[가-힣])(?:와|과)\s")


def _signature(doc: Document, found: dict[str, Meta]) -> dict[str, Meta]:
    """Key: value lines of `found` (the document's metadata) in the last section of the notes ("**Decisión tomada
    por:** Equipo de Arquitectura" signed under the references): who decided, when the notes name nobody above the body."""
    last = max((s.span.start for s in doc.root.walk() if s is not doc.root), default=0)
    return {k: m for k, m in found.items() if m.span.start > last}


def _deciders(meta: dict[str, Meta], b: RecordBuilder, root: Section | None = None, signature: dict | None = None) -> None:
    m = _meta_get(meta, _DECIDER_KEYS) or _meta_get(signature or {}, _DECIDER_KEYS)
    names = [n.strip(" .") for n in _outside_parentheses(_NAME_JOIN, plain(m.value))] if m else []
    names = [n for n in names if n and n.lower() not in ("none", "n/a", "tbd", "-")]
    sec = _find(root, _DECIDER_KEYS) if not names and root is not None else None
    items = [blk for blk in (sec.blocks if sec is not None else []) if blk.kind == "item" and plain(blk.text).strip()]
    if items:  # "## Participants" over "- équipe produit SIAF": a section named like the key, one entry an item
        b.set("deciders", [plain(blk.text).strip(" .") for blk in items], [blk.span for blk in items])
        return
    first = next((blk for blk in (sec.blocks if sec is not None else []) if blk.kind == "paragraph"), None)
    listed = [n.strip(" .") for n in _NAME_JOIN.split(plain(first.text))] if first is not None else []
    if len(listed) >= 2 and all(0 < len(n.split()) <= 4 for n in listed):  # "## Contributeurs" over "Suxue Li, Julie Brunetto"
        b.set("deciders", listed, [first.span] * len(listed))
        return
    if not names:  # "Status: Accepted by the Team, Project Partners & Data Protection Officer"
        said = _ACCEPTED_BY.match(b.fields.get("status_text") or "")
        spans = b.citations.get("status_text") or []
        if said and spans:
            names = [n.strip(" .") for n in _outside_parentheses(_NAME_JOIN, said.group(1)) if n.strip(" .")]
            b.set("deciders", names, [spans[0]] * len(names))
            return
    b.set("deciders", names, [m.span] * len(names) if m else [])


_ACCEPTED_BY = re.compile(r"^\W*(?:accepted|approved|agreed|decided|signed[- ]off|ratified|angenommen|akzeptiert|genehmigt|"
                          r"accepté|approuvé|aceptad[oa]|aprobad[oa]|aceit[oa]|aprovad[oa])\s+(?:by|von|par|por|pel[oa]s?)\s+(.{3,160})$",
                          re.I | re.S)


def _outside_parentheses(sep: re.Pattern, text: str) -> list[str]:
    """Split at `sep`, but not inside parentheses: "équipe DiaLog (relecture et commentaires)" is one entry."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and i >= start and (m := sep.match(text, i)) and m.end() > i:
            out.append(text[start:i])
            start = m.end()
    out.append(text[start:])
    return [x for x in out if x.strip()]


# --- options ---


def _key(name: str) -> str:
    """Loose identity of an option name: case, quotes and punctuation ignored."""
    t = plain(name).lower()
    t = re.sub(r"[\"'“”‘’`*]", "", t)
    t = re.sub(r"[^\w]+", " ", t)
    return t.strip()


def _sentences(text: str) -> list[str]:
    t = plain(text)
    parts = re.split(r"(?<=[.!?。])\s+(?=[A-Z0-9\"“(가-힣])", t)
    return [p.strip() for p in parts if p.strip()]


class _Option:
    def __init__(self, name: str, span: Span, outcome: str = "considered"):
        self.name, self.span, self.outcome = name, span, outcome
        self.reasons: list[str] = []
        self.reason_spans: list[Span] = []

    def add(self, reasons: Iterable[str], span: Span) -> None:
        for r in reasons:
            if r and r not in self.reasons:
                self.reasons.append(r)
                self.reason_spans.append(span)

    def turn_down(self) -> None:
        """What the notes say against it makes a merely considered option a rejected one; a chosen one stays chosen."""
        if self.outcome == "considered":
            self.outcome = "rejected"


_OPTION_CODE = re.compile(r"[A-Za-z]{0,4}[-_ ]?\d[\w.-]*")  # "0002-1: Use SQL …", "OPT-2: …": a label, not the name


def _split_option(raw: str) -> tuple[str, str]:
    """'**MongoDB** — rejected. It …' -> ('MongoDB', 'rejected. It …'); '**Option 2:** SQS — managed' -> ('SQS', 'managed')."""
    first = raw.strip()
    m = re.match(r"^(\*\*|__)(.+?)\1\s*(.*)$", first, re.S)
    if m and _OPTION_ENUM.fullmatch(plain(m.group(2)).strip() + " ") and plain(m.group(3)).strip():
        return _split_option(m.group(3))  # the bold part only numbers the option: its name follows
    if m:  # "**Wiki Github :** …": the French space before the colon is not part of the name
        return plain(m.group(2)).rstrip(" :：").strip(), plain(m.group(3)).lstrip("—–-:,; ").strip()
    t = plain(first)
    m = re.match(r"^(.+?)\s+[—–-]+\s+(.*)$", t, re.S) or re.match(r"^(.+?)\s*[—–]\s*(.*)$", t, re.S)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    m = re.match(r"^(.+?):\s+(.*)$", t, re.S)
    if m and _OUTCOME_RX.match(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    short = re.match(r"^([^`:\[\]]{1,60}?):\s+(\S.*)$", first, re.S)  # "SQS: managed, cheap, but …" (not a colon in code)
    if (short and len(short.group(1).split()) <= 4 and not _OPTION_ENUM.match(short.group(1) + ":")
            and not _OPTION_CODE.fullmatch(short.group(1).strip())):
        return plain(short.group(1)).strip(), plain(short.group(2)).strip()
    told = _NAMED_THEN_TOLD.match(t)  # "Développer … directement. Cette approche permet …"
    if told and told.group(1).count("(") == told.group(1).count(")") and not _ABBREVIATION.search(told.group(1)):
        return told.group(1).strip(), told.group(2).strip()
    return t, ""


_NAMED_THEN_TOLD = re.compile(r"^(.{8,120}?[^\s.]{2})\.\s+(\S.{20,})$", re.S)  # a first sentence that names, then its case
_ABBREVIATION = re.compile(r"(?i)\b(?:ie|eg|etc|vs|cf|approx|incl|resp|bzw|usw|ca|env|ex|no|nr|fig|p)$")


# "Extend the OLTP schema (rejected: manual partitioning overhead)": a name, then its verdict and reasons in parentheses.
# "Extend the schema (rejected: overhead)", "Zustand + core-store (предлагаемая)", "Kafka（採用）": a verdict after the name
_VERDICT_AFTER = re.compile(r"^(.*?)\s*[(（](" + "|".join(re.escape(w) for w in sorted(_OUTCOME_WORDS, key=len, reverse=True))
                            + r")(?:\s*[:—–-]\s*([^()]*(?:\([^()]*\)[^()]*)*))?[)）]\s*\.?$", re.I)


# The signs notes put before a merit or a fault: "+ Einfach, geringe Kosten", "− Kein zentrales Suchen", "✅ …", "❌ …".
_GOOD_SIGN, _BAD_SIGN = r"(?P<good>[+✓✔✅👍])", r"(?P<bad>[−✗✘❌👎]|[-–](?=\s))"
_SIGNED_MERIT = re.compile(rf"^\s*(?:{_GOOD_SIGN}|{_BAD_SIGN})\s*(?P<said>\S.*)$", re.S)
# the same signs before a decision's effects (MADR 1 "Decision Outcome"), where "~" marks a neutral one
_SIGNED_EFFECT = re.compile(rf"^\s*(?:{_GOOD_SIGN}|{_BAD_SIGN}|(?P<neu>[~±]))\s+(?P<said>\S.*)$", re.S)


def _signed(m: re.Match) -> str:
    return f"{'Good' if m.group('good') else 'Bad'}: {m.group('said').strip()}"


_LEAD_LABEL = re.compile(r"^\s*(?:\*\*|__)?([^:：*\n]{1,30}?)(?:\*\*|__)?\s*[:：]\s*")


def _merit_label(text: str) -> tuple[str, str] | None:
    """("Good" or "Bad", what follows) when a text opens with an option's merits or faults as its label ("Prós: …",
    "Nachteile: …", "**Contras**: …", "优点：可重放"), else None."""
    lead = _LEAD_LABEL.match(text)
    side = _SIDE_WORD.get(vocab.merit_side(lead.group(1))) if lead else None
    return (side, text[lead.end():].strip()) if side else None


def _merit_lead(text: str) -> bool:
    """Whether an item opens with an option's merits or faults as its label."""
    return _merit_label(text) is not None


def _parse_item(item: Block, prefix: str = "") -> list[_Option]:
    """One list item -> one option (or several when it only groups sub-options)."""
    verdict = _VERDICT_AFTER.match(plain(item.text.split("\n")[0]).strip())
    name, rest = (verdict.group(0), "") if verdict else _split_option(item.text)
    outcome = "considered"
    m = _VERDICT_AFTER.match(name)
    if m:  # "Extend the OLTP schema (rejected: manual partitioning overhead)": the verdict and its reasons
        name, outcome = m.group(1), _OUTCOME_WORDS[m.group(2).lower()]
        if m.group(3):
            rest = (m.group(3).strip() + (". " + rest if rest else "")).strip()
    m = _OUTCOME_RX.match(rest)
    if m:
        outcome, rest = _OUTCOME_WORDS[m.group(1).lower()], rest[m.end():]
    subs = [c for c in item.children if c.kind == "item"]
    full = f"{prefix}, {name}" if prefix else name
    if subs and not rest and outcome == "considered" and not any(_PROCON_RX.match(plain(s.text)) or _merit_lead(s.text)
                                                                 or _SIGNED_MERIT.match(plain(s.text)) for s in subs):
        # "Multi-packages, monorepo" grouping "with Yarn and Lerna" etc.: each variant is an option.
        out = []
        for s in subs:
            for o in _parse_item(s, prefix=full):
                o.span = item.span  # the parent item holds both halves of the name
                out.append(o)
        return out
    if not full.strip():
        return []
    opt = _Option(full, item.span, outcome)
    opt.add(_sentences(rest), item.span)
    for c in item.children:
        if c.kind in ("paragraph", "item"):
            pc = _PROCON_RX.match(plain(c.text))
            signed = _SIGNED_MERIT.match(plain(c.text)) if pc is None else None
            said = [_procon(pc)] if pc else [_signed(signed)] if signed else _sentences(_block_text(c))
            opt.add(said, c.span)
    return [opt]


def _procon(m: re.Match) -> str:
    return f"{_procon_side(m).capitalize()}: {plain(m.group(3))}"


def _unlabelled(key: str) -> str:
    """An option key without its leading code label ("0002 1 use sql" -> "use sql")."""
    return re.sub(r"^[a-z]{0,4} ?\d[\d ]*(?=[a-z])", "", key)


def _find_option(options: list[_Option], name: str) -> _Option | None:
    """The option a name refers to: same key, else the longest whose key is a prefix of the other."""
    k = _key(name)
    if not k:
        return None
    for o in options:
        if _key(o.name) == k or _unlabelled(_key(o.name)) == k:
            return o  # "0002-1: Use SQL" is the option a "Chosen option: Use SQL" names
    m = _ORDINAL_REF.match(name)
    if m and 1 <= int(m.group(1)) <= len(options) and not any(_ORDINAL_REF.match(o.name) for o in options):
        return options[int(m.group(1)) - 1]  # "option 2: gestion de comptes …" is the second listed, whatever its words
    close = [o for o in options if _key(o.name) and (_key(o.name).startswith(k + " ") or k.startswith(_key(o.name) + " "))]
    if close:
        return max(close, key=lambda o: len(o.name))
    # "Utiliser des ADR" is "Utiliser des ADRs.", "Mapbox" is "Map Box"
    return next((o for o in options if _singular(_key(o.name)) == _singular(k)
                 or _key(o.name).replace(" ", "") == k.replace(" ", "")), None)


# An option named by its place in the list: "Option 2", "option 2: …", "Opción 1", "Variante 3", "Вариант 2", "方案2".
_ORDINAL_REF = re.compile(r"^\W*(?:option|opción|opcion|opção|opcao|opzione|variante|alternative|alternativa|вариант|варіант|"
                          r"選択肢|方案|选项|옵션|대안)\s*#?(\d{1,2})(?!\d|\.\d)", re.I)


def _singular(key: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in key.split())


# A sentence that introduces the options as a list: "We discussed three options:", "The options we have are to either,".
_OPTIONS_LEAD = re.compile(
    r"\b(?:options?|alternatives?|choices|candidates|contenders|possibilities)\b|\b(?:some|several|a few|two|three|four|these|the following|possible|candidate) (?:\w+ )?solutions\b|\b(?:decide|decision|choose|choice)\b.*\b(?:between|whether|weather|using|among)\b"
    r"|\beither\b[\s,:-]*$|선택지|대안|選択肢|代替案|选项|方案|optionen|alternativen|lösungen|ansätze|opciones|alternativas|soluciones|soluções"
    # "Nous avons identifié deux principales stratégies :", "we weighed three approaches:"
    r"|\b(?:two|three|four|several|deux|trois|quatre|plusieurs|dos|tres|varias|duas|três|zwei|drei|mehrere)\s+(?:\w+\s+)?"
    r"(?:strateg(?:ies|ias)|stratégies|estratégias|strategien|approaches|approches|enfoques|abordagens)\b"
    # "На рынке есть несколько распространенных решений:", "рассмотрели три варианта:"
    r"|\b(?:несколько|два|две|три|четыре|следующие|возможные)\s+(?:\w+\s+)?(?:решени[йяе]|вариант(?:ов|а|ы)?|подход(?:ов|а|ы)?)\b"
    r"|\bварианты\b|\bальтернатив",
    re.I,
)


# "Option 2 … is recommended as the initial implementation because:": the list under it gives reasons, not options
_REASONS_LEAD = re.compile(r"\b(?:because|since|as|reasons?|why|weil|denn|car|parce que|porque|perché|потому что)\s*[:：]$", re.I)


def _listed_options(doc: Document, secs: Sections) -> list[_Option]:
    """Options as a list under a lead-in sentence that names them, when no Options section exists."""
    skip = {id(x) for x in _own_blocks(secs.consequences)}
    for blocks in (s.blocks for s in doc.root.walk()):
        for i, blk in enumerate(blocks[:-1]):
            nxt = blocks[i + 1]
            if blk.kind != "paragraph" or nxt.kind != "item" or id(blk) in skip:
                continue
            lead = plain(blk.text.split("\n")[-1]).strip()
            lead = re.split(r"(?<=[.!?。])\s+", lead)[-1]  # "OrderFlow needs an asynchronous path … . Options considered:"
            named = blk.label_shape in ("bold", "leadin") and vocab.label_matches(vocab.norm_label(blk.label), _OPTIONS_H)
            if not named and (len(lead) > 200 or not _OPTIONS_LEAD.search(lead) or not re.search(r"[:,\-–—]$|\b(?:are|is)$", lead)
                              or _REASONS_LEAD.search(lead)):
                continue  # "Optionen" alone on its line over the list names it as well as "Options considered:" does
            items = [x for x in blocks[i + 1:] if x.kind == "item" and x.list_id == nxt.list_id]
            if len(items) >= 2:
                return [o for it in items for o in _parse_item(it)]
    for blocks in (s.blocks for s in doc.root.walk()):  # "* На рынке есть несколько решений:" over its own sub-list
        for blk in blocks:
            kids = [c for c in blk.children if c.kind == "item"] if blk.kind == "item" and id(blk) not in skip else []
            lead = plain(blk.text).strip()
            if len(kids) >= 2 and len(lead) <= 200 and lead.endswith((":", "：")) and _OPTIONS_LEAD.search(lead):
                return [o for it in kids for o in _parse_item(it)]
    return []


def _marked_options(doc: Document) -> list[_Option]:
    """A list whose items each name an approach and weigh it, one of them marked as taken:
    "- FE 직접 업로드(채택): 서버 부하가 없지만 …", "- Relay upload: simpler, but …" — under any heading ("트레이드 오프")."""
    for blocks in (s.blocks for s in doc.root.walk()):
        items = [x for x in blocks if x.kind == "item"]
        for list_id in dict.fromkeys(x.list_id for x in items):
            run = [x for x in items if x.list_id == list_id]
            parts = [_MARKED_OPTION.match(plain(x.text).strip()) for x in run]
            if len(run) < 2 or not all(parts) or not any(m.group("mark") and _CHOSEN_MARK.fullmatch(m.group("mark").strip())
                                                          for m in parts):
                continue
            options = []
            for x, m in zip(run, parts):
                chosen = bool(m.group("mark")) and _CHOSEN_MARK.fullmatch(m.group("mark").strip())
                o = _Option(m.group("name").strip(), x.span, "chosen" if chosen else "considered")
                o.add([m.group("rest").strip()], x.span)
                options.append(o)
            return options
    return []


_MARKED_OPTION = re.compile(r"^(?P<name>[^:：()（）]{2,60}?)\s*(?:[(（](?P<mark>[^)）]{1,16})[)）])?\s*[:：]\s*(?P<rest>\S.*)$", re.S)
# "(채택)", "(chosen)": the option taken; not "(선택)", which also marks an item as optional
_CHOSEN_MARK = re.compile(r"채택|결정|採用|採択|采用|选用|选定|chosen|adopted|selected|accepted|picked|retenue?|choisie?|"
                          r"elegid[ao]|seleccionad[ao]|escolhid[ao]|adotad[ao]|gewählt|ausgewählt|scelt[ao]|выбран[оа]?", re.I)


# A heading that names a choice made: "Choice of the chatbot framework", "Wahl von Flutter", "选择数据库".
_CHOICE_HEADING = re.compile(r"^\W*(?:choice of|choosing|selection of|selecting|wahl (?:des|der|von)|auswahl (?:des|der|von)|"
                             r"elección de|escolha d[eoa]|choix d[eu]|scelta d[ei]|выбор)\b|^\W*(?:选择|選択|選定|선택)", re.I)


def _choice_sections(doc: Document) -> tuple[str, list[Span]]:
    """A decision log with no Decision part, each decision a section titled as a choice ("### Wahl von Flutter"):
    each heading with the first sentence under it."""
    parts: list[str] = []
    spans: list[Span] = []
    for sec in doc.root.walk():
        if sec is doc.root or not sec.title or not _CHOICE_HEADING.match(plain(sec.title)):
            continue
        first = next((b for b in sec.blocks if b.kind == "paragraph" and plain(b.text)), None)
        if first is not None:
            parts.append(f"{plain(sec.title).strip()}: {_sentences(plain(first.text))[0]}")
            spans.append(first.span)
    return "\n\n".join(parts), spans


def _labelled_option_line(ps: list[P.Part]) -> list[_Option]:
    """Options named on one labelled line, when no section lists them ("- Opciones evaluadas: **BullMQ + Redis** o
    tareas de FastAPI", "Alternatives considered: Kafka, RabbitMQ and SQS"): each named one an option."""
    for part in P.labelled(list(ps), KIND, "options", shapes=("bold", "key")):
        raw = (part.value or "") if part.shape == "key" else _after_lead(part.blocks[0].text)
        names = _named_in_line(plain(raw))
        if len(names) >= 2:
            return [_Option(n, part.span) for n in names]
    return []


# Where one option ends and the next begins on a line: a comma or semicolon, or "or" in any language.
_OPTION_SEP = re.compile(r"\s*[,;，；、]\s*|\s+(?:or|o|ou|oder|vs\.?|versus|или|або|lub|oppure)\s+|\s*(?:或者|或|または|또는)\s*", re.I)


def _named_in_line(text: str) -> list[str]:
    """The options a line names, split where no parenthesis is open; "A, B and C" splits its last "and" too."""
    text = text.strip().rstrip(".。")
    masked = re.sub(r"\([^()]*\)|（[^（）]*）", lambda m: "\0" * len(m.group(0)), text)
    cuts = [m.span() for m in _OPTION_SEP.finditer(masked)]
    if not cuts:
        return []
    pieces, at = [], 0
    for a, z in cuts:
        pieces.append(text[at:a])
        at = z
    pieces.append(text[at:])
    if "," in masked and len(pieces) >= 2:
        last = re.split(r"\s+(?:and|y|e|et|und|и)\s+", pieces[-1], maxsplit=1)
        pieces[-1:] = last
    names = [p.strip(" *_\"'“”") for p in pieces]
    if any(not n or len(n) > 100 for n in names):
        return []
    return names


def _compared_options(doc: Document) -> list[_Option]:
    """Options as the rows of the tables under a heading that compares ("### Compare Kafka vs Alternatives" over
    "| Technology | Latency | … |"), when nothing else lists them: every table's rows, each option once."""
    out: list[_Option] = []
    for sec in doc.root.walk():
        if not (sec.title and _COMPARES.search(plain(sec.title))):
            continue
        for blk in sec.blocks:
            for o in (_criteria_columns(blk) or _table_options([blk])) if blk.kind == "table" else []:
                if _find_option(out, o.name) is None:
                    out.append(o)
    return out if len(out) >= 2 else []


# The first column names what is compared, not an option: "| 비교 항목 | 세션 | JWT |", "| Criterion | Kafka | SQS |"
_CRITERIA = re.compile(r"^(?:비교\s*)?(?:항목|기준|관점)$|^(?:criteri(?:on|a|o|os)|critères?|aspect|aspects|feature|features|dimension|factor|"
                       r"kriteri(?:um|en)|merkmal|aspecto|característica|比較項目|観点|項目|评估项|对比项|比较项|项目|维度)$"
                       r"|^comparison(?: item| criteria)?$", re.I)


def _criteria_columns(table: Block) -> list[_Option]:
    """Options as the columns of a table whose first column lists the criteria: each column's cells are its case."""
    header = [plain(h).strip().strip("*") for h in table.header]
    if len(header) < 3 or not _CRITERIA.match(header[0]):
        return []
    out = [_Option(name, table.span) for name in header[1:] if name]
    for row in table.children:
        cells = [plain(c).strip() for c in row.cells]
        for j, opt in enumerate(out, start=1):
            if j < len(cells) and cells[j]:
                opt.add([f"{cells[0].strip('*')}: {cells[j]}"], row.span)
    return out if len(out) >= 2 else []


_VERSUS = re.compile(r"\s+(?:vs\.?|versus|contre|gegen|或|对)\s+", re.I)


def _versus_options(doc: Document) -> list[_Option]:
    """A heading that sets two options side by side ("### 6.4 종착지 제공 방식: S3 CSV vs 전용 테이블", "## Kafka vs.
    RabbitMQ"), when nothing else lists them: what stands on each side of the "vs" after the heading's colon."""
    found = []
    for sec in doc.root.walk():
        if not sec.title:
            continue
        named = re.split(r"[:：]\s*", plain(sec.title))[-1]
        names = [n.strip(" *_\"'“”") for n in _VERSUS.split(named)]
        names[0] = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", names[0])
        if 2 <= len(names) <= 3 and all(0 < len(n) <= 40 for n in names):
            found.append((sec, names))
    # Minutes may set several things against each other; the options are the pair whose part concludes for one side.
    for sec, names in found:
        said = " ".join(plain(b.text) for b in sec.all_blocks() if vocab.CONCLUSION.search(plain(b.text)))
        words = [{w for w in re.findall(r"\w{2,}", n.lower())} for n in names]
        if sum(bool(ws & set(re.findall(r"\w{2,}", said.lower()))) for ws in words) == 1:
            return [_Option(n, sec.span) for n in names]
    return [_Option(n, sec.span) for n in found[0][1]] if found else []


def _criteria_table(doc: Document) -> list[_Option]:
    """A table anywhere whose first column lists the criteria ("| 항목 | Lambda | EC2 Spring Worker |" under "## 결정"),
    when nothing else lists the options: its other columns are they."""
    for blk in doc.root.all_blocks():
        if blk.kind == "table" and blk.header and (found := _criteria_columns(blk)) and not any(
                _BEFORE_AFTER.fullmatch(o.name.strip()) for o in found):  # "| Aspect | Before | After |" is a change
            return found
    return []


_BEFORE_AFTER = re.compile(r"(?i)before|after|now|today|old|new|current|vorher|nachher|avant|après|antes|después|depois|"
                           r"이전|이후|변경 전|변경 후|変更前|変更後|改修前|改修後|之前|之后|变更前|变更后|до|после")


def _option_columns(doc: Document) -> list[_Option]:
    """A table anywhere whose columns are numbered options ("| | **Solution 1** Un JSONB | **Solution 2** … |" over
    "✅ Avantages" / "❌ Inconvénients" rows): each column an option, its cells its merits."""
    for blk in doc.root.all_blocks():
        if blk.kind == "table" and blk.header and _numbered_option_columns([plain(h).strip() for h in blk.header]):
            found = _table_options([blk])
            if found:
                return found
    return []


_COMPARES = re.compile(r"\bcompar\w*|\bvs\.?(?:\s|$)|\bversus\b|\bevaluation\b|\btrade-?offs?\b|比較|비교|比较|对比|"
                       r"\bvergleich\w*|\bcomparaison\b|\bcomparación\b|\bcomparação\b", re.I)


def _options(doc: Document, secs: Sections, b: RecordBuilder, statement: Block | None = None,
             ps: list[P.Part] = ()) -> None:
    options: list[_Option] = []
    if secs.options is not None:
        owner = None  # the list of the last option read
        for blk in secs.options.blocks:
            if blk.kind != "item":
                continue
            merit = _merit_label(plain(blk.text))
            if merit and options and owner is not None and blk.list_id != owner:
                # "1) **MQTT → Kafka**" then its own "- 优点：可重放" list: the option's merits, no option of their own
                side, said = merit
                said = " ".join([said] + [" ".join(plain(c.text).split()) for c in blk.children if c.kind == "item"]).strip()
                if said:
                    options[-1].add([f"{side}: {said}"], blk.span)
                continue
            parsed = _parse_item(blk)
            if parsed:
                owner = blk.list_id
            options.extend(parsed)
        if not options:
            options = _bold_options(secs.options.blocks) or _table_options(secs.options.blocks)
        if not options:
            options = _heading_options(secs.options)
        if not options:
            options = (_line_options(secs.options) or _enumerated_options(secs.options)
                       or _alternative_in_prose(doc, statement, within=secs.options))
        if _NOT_TAKEN.search(plain(secs.options.title)):  # "## Alternativas descartadas": each one listed was turned down
            for o in options:
                o.turn_down()
    else:
        options = (_option_headings(doc) or _listed_options(doc, secs) or _decided_items(secs) or _labelled_option_line(ps) or _marked_options(doc) or _compared_options(doc)
                   or _option_columns(doc) or _criteria_table(doc) or _versus_options(doc) or _alternative_in_prose(doc, statement))
    _pros_and_cons(doc, secs, options)
    _why_not(doc, options)
    _chosen(secs, options)
    if not any(o.outcome == "chosen" for o in options):
        _chosen_in_prose(secs, options, statement)
    if options and not any(o.outcome == "chosen" for o in options):
        _chosen_besides_alternatives(secs, options, statement)
    if len(options) >= 2 and not any(o.outcome == "chosen" for o in options):
        said = (b.fields.get("decision") or "").split("\n\n")[0]  # "Kurzfristig: Option B …" under a plain "Entscheidung" line
        picked = _option_by_letter(options, said)
        if picked is not None and picked.outcome == "considered":
            picked.outcome = "chosen"
    chosen = [o for o in options if o.outcome == "chosen"]
    if secs.rationale is not None:
        for blk in _own_blocks(secs.rationale):
            text = _block_text(blk)
            named = _option_named_first(options, plain(text)) if text else None
            if named is not None:  # "- 方案 3 虽然更安全，但 …", "- Option B: too costly": that option's reasons
                named.add(_sentences(text), blk.span)
            elif text and len(chosen) == 1:  # Tyree/Akerman "Argument": the chosen position's reasons
                chosen[0].add(_sentences(text), blk.span)
    y = _y_statement(doc)
    if y is not None:
        for key, outcome in (("chosen", "chosen"), ("neg", "rejected")):
            name = (y[0].group(key) or "").strip(" \"'“”")
            if name and _find_option(options, name) is None:
                options.append(_Option(name, y[1], outcome))
            elif name:
                _find_option(options, name).outcome = outcome
    b.set("options", [], [])
    for i, o in enumerate(options):
        b.append("options", {"name": o.name, "outcome": o.outcome, "reasons": list(o.reasons)}, o.span)
        b.citations[f"options.{i}.reasons"] = list(o.reason_spans)


# "- we decided against a pure SPA + REST API approach, as …", "- we chose Remix from several fullstack options, as …": a
# decision told as a list of verdicts, one option each; the clause after "as"/"because" is its reason.
_VERDICT_ITEM = re.compile(
    r"^(?:so\s+|then\s+|finally,?\s+)?we\s+(?:(?P<no>decided\s+against|rejected|ruled\s+out|opted\s+against|dismissed|discarded)"
    r"|(?P<yes>decided\s+(?:to\s+(?:use|go\s+with|adopt|build\s+on|pick)|on|for)|chose|picked|selected|opted\s+for|went\s+with|settled\s+on))"
    r"\s+(?P<name>.+?)(?:,?\s+(?:as|because|since|due\s+to|which|so\s+that)\s+(?P<why>.+)|[.;]\s+(?P<more>.+)|[.;]?)$", re.I | re.S)


def _decided_items(secs: Sections) -> list[_Option]:
    """The decision section's list of verdicts, two at least, each "we decided against …" or "we chose …"."""
    if secs.decision is None:
        return []
    items = [blk for blk in secs.decision.blocks if blk.kind == "item"]
    said = [(blk, _VERDICT_ITEM.match(plain(blk.text))) for blk in items]
    if len(items) < 2 or sum(1 for _, m in said if m) < 2:
        return []
    options = []
    for blk, m in said:
        if m is None:
            continue
        name = re.sub(r"^(?:to\s+use\s+|using\s+|an?\s+|the\s+)", "", m.group("name").strip(), flags=re.I)
        opt = _Option(name, blk.span, "rejected" if m.group("no") else "chosen")
        opt.add(_sentences(m.group("why") or m.group("more") or ""), blk.span)
        options.append(opt)
    return options


# "**Por que não Kafka:** …", "**Why not Kafka?** …", "### Pourquoi pas MongoDB ?": the reasons an option lost, named by its label.
_WHY_NOT = re.compile(r"^\s*(?:why\s+not|por\s+qu[ée]\s+no|por\s+que\s+n[ãa]o|pourquoi\s+pas|warum\s+nicht|perch[ée]\s+non|"
                      r"dlaczego\s+nie|почему\s+не)\s+(?:use\s+|usar\s+|utiliser\s+|nutzen\s+|just\s+)?(.{1,60}?)\s*[?？:：.]*\s*$", re.I)


def _why_not(doc: Document, options: list[_Option]) -> None:
    """A paragraph led by "Why not X:" (or a heading "Why not X?") gives the reasons option X was not taken, wherever it
    stands: its sentences become X's reasons and X, when merely considered, a rejected option. With no options listed,
    each such X is one, rejected. A name no option has is left alone when options are listed."""
    found: list[tuple[str, str, Span]] = []
    for s in doc.root.walk():
        m = _WHY_NOT.match(plain(s.title)) if s.title else None
        if m:
            blocks = [x for x in s.blocks if x.kind in ("paragraph", "item")]
            if blocks:
                found.append((m.group(1), " ".join(plain(x.text) for x in blocks), Span(blocks[0].span.source, blocks[0].span.start,
                                                                                        blocks[-1].span.end)))
            continue
        for blk in s.blocks:
            if blk.kind not in ("paragraph", "item") or blk.label_shape != "bold" or not blk.label:
                continue
            m = _WHY_NOT.match(blk.label)
            said = P.after_label(blk.text) if m else ""
            if said:
                found.append((m.group(1), said, blk.span))
    listed = bool(options)
    for name, said, span in found:
        opt = _find_option(options, name) or _option_holding(options, name)
        if opt is None and listed:
            continue
        if opt is None:
            opt = _Option(name.strip(" *_`\"'“”"), span)
            options.append(opt)
        opt.add(_sentences(said), span)
        opt.turn_down()


def _option_holding(options: list[_Option], name: str) -> _Option | None:
    """The one option whose name holds every word of `name` ("Kafka" is "Apache Kafka (log distribuído)")."""
    words = set(_key(name).split())
    if not words:
        return None
    holding = [o for o in options if words <= set(_key(o.name).split())]
    return holding[0] if len(holding) == 1 else None


# "方案 1：…", "Option B: …", "Alternative 2 - …": the label a rationale line names an option by.
_OPTION_LABEL = re.compile(
    r"^\s*(?:option|alternative|variant|solution|opción|opção|variante|alternativa|solución|solução|lösung|soluzione|"
    r"вариант|选项|方案|案|옵션|대안)\s*[0-9A-Za-z]{1,2}(?=\s*[:.)\-–—：,]|\s|$)",
    re.I,
)


def _option_named_first(options: list["_Option"], text: str) -> "_Option | None":
    """The option a rationale line opens with, by its label ("方案 3 虽然 …", "Option B is too costly")."""
    for o in options:
        m = _OPTION_LABEL.match(o.name)
        if not m:
            continue
        label = re.sub(r"\s+", " ", m.group(0).strip()).lower()
        head = re.sub(r"\s+", " ", text.strip()).lower()
        if head.startswith(label) and not head[len(label):len(label) + 1].isalnum():
            return o
    return None


# "### 1. Implement PDNS", "### Option A: Vercel", "#### B) Self-hosted": the enumeration is not the option's name.
_OPTION_ENUM = re.compile(
    r"^(?:(?:option|alternative|variant|opción|opção|variante|alternativa|选项|方案|案|옵션|대안)\s*[\w]{0,3}\s*[:.)\-–—]\s*"
    r"|\(?[0-9]{1,2}[.)]\s*|\(?[A-Za-z][.)]\s+)",
    re.I,
)


_CIRCLED = re.compile(r"^\s*[\u2460-\u2473\u2776-\u277f]\s*")  # ① … ⑳, ❶ … ❿
_LEAD_MARK = re.compile(r"^\s*(?:(✅|✔️?|☑️?)|(❌|✖️?|🚫))\s*")  # "### ❌ Opción 1: SOLO AZUL"
_MARK = re.compile(r"\s*(?:\(([^()]{1,20})\)|（([^（）]{1,20})）|(✅|✔️?|☑️?)|(❌|✖️?))\s*$")


def _marked(name: str) -> tuple[str, str]:
    """An option name without its numbering and its marker: '② Scheduler retries (chosen)' -> ('Scheduler retries', 'chosen')."""
    lead = _LEAD_MARK.match(name)
    name = _OPTION_ENUM.sub("", _CIRCLED.sub("", name[lead.end():] if lead else name)).strip()
    outcome = "considered" if not lead else "chosen" if lead.group(1) else "rejected"
    m = _MARK.search(name)
    if m:
        word = (m.group(1) or m.group(2) or "").strip().lower()
        found = "chosen" if m.group(3) else "rejected" if m.group(4) else _OUTCOME_WORDS.get(word)
        if found:
            name, outcome = name[: m.start()].strip(), found
    return name, outcome


def _bold_options(blocks: list[Block]) -> list[_Option]:
    """Options written as bold-lead paragraphs: '**Option 1: RabbitMQ** — mature, but …' (two or more)."""
    out: list[_Option] = []
    current: _Option | None = None
    for blk in blocks:
        if blk.kind != "paragraph" or not re.match(r"^\s*(\*\*|__)", blk.text):
            said = plain(blk.text).strip() if blk.kind in ("paragraph", "item") else ""
            if said and (vocab.DECISION_STATEMENT.search(said) or vocab.CONCLUSION.search(said)):
                current = None  # "We chose R2 because …" after the last option speaks of the choice, not of that option
            if current is not None and said:
                current.add(_sentences(said), blk.span)  # "Foi descartado por causa do custo …": its case goes on
            continue
        current = None
        name, rest = _split_option(blk.text.split("\n")[0])
        name, outcome = _marked(name)
        name = re.sub(r"(?<=\w)\.$", "", name)  # "**Backblaze B2.** Armazenamento …": the name ends before its full stop
        m = _OUTCOME_RX.match(rest)
        if m:
            outcome, rest = _OUTCOME_WORDS[m.group(1).lower()], rest[m.end():]
        if name:
            opt = _Option(name, blk.span, outcome)
            opt.add(_sentences(" ".join([rest] + [plain(x) for x in blk.text.split("\n")[1:]]).strip()), blk.span)
            out.append(opt)
            current = opt
    return out if len(out) >= 2 else []


# A first header cell saying the columns are the options ("| Criterion | Redis | Memcached |").
_CRITERIA_HEAD = re.compile(r"^(?:criteria|criterion|aspect|dimension|feature|factor|기준|항목|基準|観点|项目|标准|维度|kriteri(?:um|en)|"
                            r"aspekt|critère|critères|criterio|criterios|critério|critérios)$", re.I)


def _numbered_option_columns(head: list[str]) -> bool:
    """At least two columns after the first are numbered options: "| | **Solution 1** Un JSONB | **Solution 2** … |"."""
    return sum(1 for h in head[1:] if _OPTION_LABEL.match(h)) >= 2


def _table_options(blocks: list[Block]) -> list[_Option]:
    """Options as the rows of a table ("| Option | Pros | Cons |"), or as its columns under a criteria column."""
    for blk in blocks:
        if blk.kind != "table" or not blk.header or not blk.children:
            continue
        head = [plain(h).strip() for h in blk.header]
        rows = [r for r in blk.children if r.kind == "row" and r.cells]
        out: list[_Option] = []
        if len(head) >= 3 and (_CRITERIA_HEAD.match(vocab.norm_label(head[0])) or not head[0] and _numbered_option_columns(head)):
            for j, col in enumerate(head[1:], 1):
                name, outcome = _marked(col)
                if name:
                    opt = _Option(name, blk.span, outcome)
                    opt.add([f"{plain(r.cells[0])}: {plain(r.cells[j])}" for r in rows if j < len(r.cells) and plain(r.cells[j])], blk.span)
                    out.append(opt)
        else:
            for r in rows:
                name, outcome = _marked(plain(r.cells[0]))
                if not name:
                    continue
                opt = _Option(name, r.span, outcome)
                for h, cell in zip(head[1:], r.cells[1:]):
                    text = plain(cell).strip()
                    side = _side(h)
                    if text and text not in ("-", "—", "–") and _REJECTION_COLUMN.search(h):
                        opt.add([f"Verdict: {text}"], r.span)  # "| 却下理由 |", "| Why rejected |": why it was turned down
                        opt.turn_down()
                    elif text and text not in ("-", "—", "–"):
                        opt.add([f"{'Good' if side == 'positive' else 'Bad' if side == 'negative' else h}: {text}" if h else text], r.span)
                out.append(opt)
        if len(out) >= 2:
            return out
    return []


_REJECTION_COLUMN = re.compile(r"却下理由|不採用理由|不采用原因|拒绝原因|기각\s*사유|탈락\s*사유|\bwhy\s+(?:not|rejected)\b|"
                               r"\breasons?\s+(?:for\s+)?(?:rejection|rejecting|not\s+choosing)\b|\brejection\s+reasons?\b|"
                               r"\bablehnungsgrund\b|\bgrund\s+der\s+ablehnung\b|\bmotivo\s+(?:de|del)\s+(?:rechazo|descarte)\b|"
                               r"\braison\s+du\s+rejet\b|\bmotif\s+(?:du\s+)?rejet\b|\bmotivo\s+(?:da\s+)?rejei[cç][aã]o\b", re.I)


def _link_line(blk: Block) -> bool:
    """A "Key: URL" or bare-link paragraph ("Site web : https://redis.io")."""
    return re.fullmatch(r"(?:[^:\n]{1,30}\s?:\s*)?<?https?://\S+>?", plain(blk.text).strip()) is not None


def _line_options(sec: Section) -> list[_Option]:
    """An options section of one-line paragraphs and nothing else ("[AES Encryption](…)" / "[Secure Random](…)"
    on lines of their own): each line an option. Two lines at least; a paragraph of prose is no list of options."""
    paras = [blk for blk in sec.blocks if blk.kind != "code"]
    if len(paras) < 2 or sec.children or any(
            blk.kind != "paragraph" or blk.span.end != blk.span.start or len(plain(blk.text)) > 120 for blk in paras):
        return []
    return [_Option(plain(blk.text).strip(), blk.span) for blk in paras if plain(blk.text).strip()]


def _enumerated_options(sec: Section) -> list[_Option]:
    """An options section whose first sentence names them in a row: "Separates Express-Backend, Next.js oder reine
    Client-App. Sie erhöhen Betriebsfläche …": each named thing an option, the sentences after it the case against all."""
    paras = [blk for blk in sec.blocks if blk.kind == "paragraph"]
    if not paras or sec.children or any(blk.kind in ("item", "row", "table") for blk in sec.blocks):
        return []
    sentences = _sentences(paras[0].text)
    first = sentences[0].rstrip(".。 ") if sentences else ""
    names = [x.strip() for x in re.split(r",\s*|\s+(?:" + _OR_WORDS + r")\s+", first)] if _ENUMERATION.search(first) else []
    if len(names) < 2 or any(not n or len(n.split()) > 4 or len(n) > 40 for n in names):
        return []
    if "," not in first and not all(n[:1].isupper() or n[:1].isdigit() or n[:1] == "`" for n in names):
        return []  # "A oder B" names two things; "we could cache or recompute" is a sentence
    out = [_Option(n, paras[0].span) for n in names]
    for o in out:
        o.add(sentences[1:], paras[0].span)
    return out


_OR_WORDS = r"or|oder|ou|o|of|или|lub|veya|hoặc|oppure|eller|and|und|et|y|e|en"
_ENUMERATION = re.compile(r"\s(?:" + _OR_WORDS + r")\s", re.I)  # "A, B or C" / "A, B oder C": the names end on one "or"


OPTION_SENTENCES = 8  # "### DevContainer" over eight one-line points: its case against, in full


# lines of words, not of code: no "$ ", braces, "=" assignments or pipes
_PLAIN_LINES = re.compile(r"(?:[ \t]*[-*•]?[ \t]*[^\W\d_][^\n{}=$|;<>]*(?:\n|$))+")


# "## Option 1: Two-Phase Factory Framework", "## Alternative B — Kafka", "### Variante 2 : …", "## 方案一：…": a section
# that is one option by its title, with or without an Options section above it
_OPTION_TITLE = re.compile(r"^\W*(?:options?|alternatives?|approach|variant[ea]?|proposals?|choices?|solutions?|opci[oó]n|op[cç][aã]o|"
                           r"opzione|alternativa|ansatz|vorschlag|方案|案|옵션|대안|вариант)\s*(?:[A-Z]|\d{1,2}|[IVX]{1,4}|[一二三四五六])\b\s*"
                           r"(?:[:.)：、–—-]|$)", re.I)


def _option_headings(doc: Document) -> list[_Option]:
    """Two or more sibling sections titled as numbered or lettered options, where no section lists the options."""
    for sec in doc.root.walk():
        titled = [c for c in sec.children if c.title and _OPTION_TITLE.match(plain(c.title))]
        if len(titled) >= 2:
            return _heading_options(sec, titled)
    return []


def _heading_options(sec: Section, children: list[Section] | None = None) -> list[_Option]:
    """An options section with no list whose subsections are the options, each perhaps with Pros/Cons under it."""
    out: list[_Option] = []
    turned_down = bool(_NOT_TAKEN.search(plain(sec.title)))  # "## Opciones rechazadas", "## Rejected options"
    for child in sec.children if children is None else children:
        name, outcome = _marked(plain(child.title))  # "#### 4. 層状アーキテクチャ（採用）": the chosen one
        if not name or _match(child, _POS_H + _NEG_H):
            continue
        opt = _Option(name, child.span, outcome)
        if turned_down:
            opt.turn_down()
        for blk in child.blocks:  # "Site web : https://…" and a "**Description**" label alone say nothing of the option's merits
            if blk.kind == "paragraph" and not _link_line(blk) and not (blk.label and plain(blk.text).strip(" :：*") == blk.label):
                # "We considered X. It would have …, but cost …": the verdict follows the first sentence
                opt.add(_sentences(_block_text(blk))[:3], blk.span)
                if len(opt.reasons) >= OPTION_SENTENCES:
                    break  # a paragraph of its own says it; one-line paragraphs, one point each, go on
        for blk in child.blocks if not opt.reasons else []:  # its case written as plain lines in a fence ("Problema: …")
            if blk.kind == "code" and not blk.lang and _PLAIN_LINES.fullmatch(blk.text.strip()):
                opt.add([x.strip(" -*•") for x in blk.text.strip().split("\n") if x.strip(" -*•")], blk.span)
        del opt.reasons[OPTION_SENTENCES:], opt.reason_spans[OPTION_SENTENCES:]
        side = ""
        for blk in child.blocks:  # "**Avantages**" / "**Inconvénients**" over a list
            if blk.kind == "paragraph" and blk.label and plain(blk.text).strip(" :：*") == blk.label:
                n = norm_heading(blk.label)
                # the fault first: "デメリット" and "disadvantages" hold "メリット" and "advantages"
                side = "Bad" if vocab.label_matches(n, _NEG_H) else "Good" if vocab.label_matches(n, _POS_H) else ""
                if not side and _NOT_TAKEN.search(blk.label):  # "**理由で不採用:**" over its reasons: faults, and not taken
                    side = "Bad"
                    opt.turn_down()
            elif blk.kind == "item" and side:
                opt.add([f"{side}: {plain(blk.text)}"], blk.span)
        for sub in child.children:
            label = "Bad" if _match(sub, _NEG_H) else "Good" if _match(sub, _POS_H) else ""
            for blk in (sub.blocks if label else []):
                if blk.kind == "item":
                    opt.add([f"{label}: {plain(blk.text)}"], blk.span)
        out.append(opt)
    return out if len(out) >= 2 else []


def _pros_and_cons(doc: Document, secs: Sections, options: list[_Option]) -> None:
    """MADR "### <option>" subsections with Good/Bad bullets add reasons (and options when unlisted)."""
    skip = {id(s) for s in (secs.context, secs.decision, secs.options, secs.status, secs.consequences) if s}
    inside = {id(s) for s in secs.pros_cons.walk()} if secs.pros_cons else set()
    for sec in doc.root.walk():
        if sec is doc.root or not sec.title or id(sec) in skip or sec is secs.pros_cons:
            continue
        bullets = [(blk, _PROCON_RX.match(plain(blk.text))) for blk in _own_blocks(sec) if blk.kind == "item"]
        bullets = [(blk, m) for blk, m in bullets if m and m.group(m.lastindex).strip()]  # "- **Pros**:" alone heads a list
        grouped, verdict = _grouped_procons(sec)
        if not bullets and not grouped and verdict is None and id(sec) not in inside:
            continue
        opt = _find_option(options, sec.title) or _find_option(options, _marked(sec.title)[0])  # "Alternative B: Auth0"
        if opt is None:
            # Only without a "Considered Options" list do the pros/cons headings define the options.
            listed = secs.options is not None and options
            if listed or not any(c is sec for c in (secs.pros_cons.children if secs.pros_cons else [])):
                continue
            opt = _Option(plain(sec.title), sec.span)
            options.append(opt)
        for blk, m in bullets:
            opt.add([_procon(m)], blk.span)
        for blk, said in grouped:
            opt.add([said], blk.span)
        if not bullets and not grouped and verdict is None and id(sec) in inside:
            _verdict_in_prose(sec, opt)
        if verdict is not None:
            blk, rest, label = verdict
            outcome = _verdict_outcome(label, rest)
            if outcome and opt.outcome == "considered":
                opt.outcome = outcome  # "**Entscheidung**: Abgelehnt - Kosten …", "**거절:** …", "**Conclusion:** … (rejected)"
            opt.add([f"Verdict: {rest}"], blk.span)


def _verdict_outcome(label: str, rest: str) -> str | None:
    """What an option's verdict line says became of it: its label ("**Rejected:** …", "**채택:** …"), its first
    words ("Abgelehnt - Kosten"), or a mark at its end ("신뢰성 부족 (기각)")."""
    first = re.match(r"\W*([^\W\d_]+(?:\s+[^\W\d_]+)?)", rest)
    head = first.group(1).lower() if first else ""
    if not _fate(label) and _WORD_TO_STATUS.get(head) == "rejected":
        return "rejected"
    end = re.search(r"[(（]\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*[)）]\W*$", rest)
    return _fate(label) or _fate(head) or _fate(end.group(1).lower() if end else "")


def _fate(word: str) -> str | None:
    """'chosen' or 'rejected' when a word says what became of an option ("채택", "기각", "abgelehnt"), else None."""
    outcome = _OUTCOME_WORDS.get(word)
    if outcome is None and (m := _FATE_BECAUSE.match(word)):
        outcome = _OUTCOME_WORDS.get(m.group(1))  # "Verworpen omdat", "Rejected because", "탈락 사유": the fate and its reason
    return outcome if outcome in ("chosen", "rejected") else None


_FATE_BECAUSE = re.compile(r"^(.+?)\s+(?:because|as|omdat|weil|car|parce que|porque|perché|потому что|reason|이유|사유|理由|の理由|原因)$")


def _is_verdict(label: str) -> bool:
    """A lead that gives an option's fate: "Decision", "Verdict", "결론", or the fate itself ("Rejected", "거절")."""
    return label in vocab.OPTION_VERDICT or _fate(label) is not None


# An option's subsection told in prose says why it was not taken in a sentence of its own: "Ansible n'est pas retenu
# car …", "… ne nous permettent pas de retenir celle-ci", "X was ruled out because …", "Redis не подходит, так как …".
_NOT_TAKEN = re.compile(
    r"\b(?:not|never)\s+(?:be\s+|been\s+)?(?:chosen|selected|retained|adopted|picked|pursued)\b|\bruled\s+out\b|\brejected\b"
    r"|\bdecided\s+against\b|n['’]est\s+pas\s+retenue?\b|\bpas\s+(?:été\s+)?retenue?s?\b|\bpas\s+de\s+(?:la\s+|le\s+)?retenir\b"
    r"|\bnon\s+retenue?s?\b|\bécartée?s?\b|\bnicht\s+(?:\w+\s+)?(?:gewählt|ausgewählt|übernommen|weiterverfolgt)\b|\bverworfen\b|\bverworpen\b|\bafgewezen\b"
    r"|\babgelehnte?n?\b|\bno\s+(?:fue\s+|se\s+)?(?:elegid[oa]|seleccionad[oa]|escogid[oa]|adoptad[oa])\b|\bdescartad[oa]s?\b"
    r"|\brechazad[oa]s?\b|\bnão\s+(?:foi\s+)?(?:escolhid[oa]|selecionad[oa]|adotad[oa])\b|\brejeitad[oa]s?\b"
    r"|\bnon\s+(?:è\s+stat[oa]\s+)?(?:scelt[oa]|selezionat[oa])\b|\bscartat[oa]\b|\bне\s+(?:был[аио]?\s+)?(?:выбран\w*|подходит|подош\w*)"
    r"|\bотклон\w*|不采用|未采用|不採用|採用しない|채택하지", re.I)


def _verdict_in_prose(sec: Section, opt: _Option) -> None:
    """The sentences of an option's prose subsection that say it was not taken, as its reasons (and it rejected)."""
    for blk in sec.blocks:
        if blk.kind != "paragraph":
            continue
        for sentence in _sentences(plain(blk.text)):
            if _NOT_TAKEN.search(sentence):
                opt.add([f"Verdict: {sentence}"], blk.span)
                if opt.outcome == "considered":
                    opt.outcome = "rejected"


# "✅ Keine Infrastruktur", "❌ Vendor Lock-In": a mark that says which side an item is on
_SIDE_WORD = {"good": "Good", "bad": "Bad"}  # how a merit or a fault is written into an option's reasons
_GOOD_MARK = re.compile(r"^\s*(?:✅|✔️?|☑️?|👍|➕|\+)\s*")
_BAD_MARK = re.compile(r"^\s*(?:❌|✗|✘|👎|➖|⛔|⚠️?)\s*")


def _grouped_procons(sec: Section) -> tuple[list[tuple[Block, str]], tuple[Block, str, str] | None]:
    """An option's merits and faults told as groups: a "**Pro**:" lead over a list, a "**Contra**:" lead over another,
    items marked ✅ / ❌, an item led by its side ("- **단점:** …", "- **デメリット**:" over sub-items); and its verdict
    line ("**Entscheidung**: Abgelehnt - Kosten …", "- **거절:** …") with its label, if it has one."""
    out: list[tuple[Block, str]] = []
    verdict = None
    side = None
    for blk in sec.blocks:
        label = vocab.norm_label(blk.label) if blk.label and blk.label_shape in ("bold", "leadin", "key") else ""
        first = plain(blk.text).split("\n", 1)[0]
        m = re.match(r"^\s*(?:\*\*|__)?[^:：]{1,40}?(?:\*\*|__)?\s*[:：]\s*", first) if label else None
        rest = first[m.end():].strip() if m else ""  # "**Inconvénients**" alone labels the list; it says nothing itself
        if blk.kind == "paragraph" and label:
            side = _SIDE_WORD.get(vocab.merit_side(blk.label))  # the label as written: "좋은 점(Pros)" glosses itself
            if side and rest:
                out.append((blk, f"{side}: {rest}"))
            elif _is_verdict(label) and rest and verdict is None:
                verdict = (blk, rest, label)
            continue
        if blk.kind == "paragraph":
            side = None
        elif blk.kind == "item":
            text = " ".join(plain(blk.text).split())
            madr = _PROCON_RX.match(text)
            if madr and madr.group(madr.lastindex).strip():
                continue  # MADR's own "Good, because …" is read by the caller; a bare "**Pros**:" heads its sub-items
            lead = _SIDE_WORD.get(vocab.merit_side(blk.label)) if label else None
            if lead:
                said = [(blk, rest)] if rest else []
                said += [(c, " ".join(plain(c.text).split())) for c in blk.children if c.kind == "item"]
                out += [(b, f"{lead}: {t}") for b, t in said if t]
                continue
            if label and _is_verdict(label) and rest:
                verdict = verdict or (blk, rest, label)
                continue
            mark = "Good" if _GOOD_MARK.match(text) else "Bad" if _BAD_MARK.match(text) else side
            if mark:
                out.append((blk, f"{mark}: {_BAD_MARK.sub('', _GOOD_MARK.sub('', text))}"))
    return out, verdict


def _alternative_in_prose(doc: Document, statement: Block | None, within: Section | None = None) -> list[_Option]:
    """A short record that names its one alternative in a sentence ("A principal alternativa era a autenticação
    baseada em sessão (stateful), onde …", "The main alternative was a managed queue."): that option, beside the
    choice the decision names in bold, if it does. "X was considered as an alternative to Y": X weighed, Y the one kept."""
    for blk in (within.all_blocks() if within is not None else doc.root.all_blocks()):
        if blk.kind not in ("paragraph", "item"):
            continue
        pair = _ALTERNATIVE_TO.search(plain(blk.text))
        if pair:  # "Spring WebMVC with JPA was considered as an alternative to Reactive WebFlux with R2DBC"
            return [_Option(_ARTICLE.sub("", pair.group(n).strip()), blk.span, fate) for n, fate in (("x", "considered"), ("y", "chosen"))]
        m = _PROSE_ALTERNATIVE.search(plain(blk.text))
        if m is None:
            continue
        name = _ARTICLE.sub("", m.group("x").strip(" \"'“”*"))
        out = [_Option(name, blk.span, "considered")]
        told = [statement] if statement is not None else []
        told += [x for x in doc.root.all_blocks() if x.kind in ("paragraph", "item") and _DECIDED.search(x.text)]
        for x in told:
            chosen = _bold_choice(x.text)
            if chosen and _key(chosen) != _key(name):
                out.insert(0, _Option(chosen, x.span, "chosen"))
                break
        return out
    return []


_DECIDED = re.compile(r"\b(?:we\s+(?:have\s+)?(?:decided|chose|will\s+use|adopt(?:ed)?)|decidimos|elegimos|elegiremos|optamos|"
                      r"nous\s+avons\s+(?:décidé|choisi)|wir\s+(?:haben\s+)?(?:entschieden|verwenden|nutzen))\b|决定|採用|채택", re.I)


_PROSE_ALTERNATIVE = re.compile(
    r"(?:\b(?:the\s+)?(?:main|only|obvious|other|primary|natural)\s+alternative\s+(?:was|is|would\s+(?:have\s+)?been|would\s+be)"
    r"|\b(?:a\s+)?(?:principal|única|unica|outra)\s+alternativa\s+(?:era|é|seria|foi)"
    r"|\b(?:la\s+)?(?:principal|única|otra)\s+alternativa\s+(?:era|es|sería|fue)"
    r"|\bl[’']alternative\s+(?:principale\s+)?(?:était|est|serait|aurait\s+été)"
    r"|\b(?:die\s+)?(?:einzige|wichtigste|naheliegende)\s+alternative\s+(?:war|ist|wäre))"
    r"\s+(?P<x>[^.;:,—–(]{3,80}(?:\([^)]{1,30}\))?)", re.I)
_ALTERNATIVE_TO = re.compile(r"(?:^|[.;]\s+)(?P<x>[^.;:,]{3,60}?)\s+(?:was|were|has\s+been|had\s+been)\s+(?:also\s+|briefly\s+)?"
                             r"considered\s+as\s+(?:an?\s+)?alternative\s+to\s+(?P<y>[^.;:,]{3,60}?)(?=[.;:,]|\s+(?:given|since|because|as|but)\b|$)",
                             re.I)
_ARTICLE = re.compile(r"^(?:the|a|an|o|os|as|el|la|los|las|le|les|une?|die|der|das|ein|eine)\s+", re.I)


def _chosen_besides_alternatives(secs: Sections, options: list[_Option], statement: Block | None) -> None:
    """"### Alternativas Consideradas" lists only what was not taken; the decision names the choice in bold
    ("Elegiremos **PyTorch** como el framework principal"): it is the chosen option, first among them."""
    if secs.options is None or not _ALTERNATIVES_ONLY.search(secs.options.title or ""):
        return
    blocks = [x for x in _own_blocks(secs.decision, exclude=_CONSEQ_H) if x.kind in ("paragraph", "item")] if secs.decision else []
    first = blocks[0] if blocks else statement
    chosen = _bold_choice(first.text) if first is not None else None
    if not chosen or _find_option(options, chosen) is not None:
        return
    options.insert(0, _Option(chosen, first.span, "chosen"))


def _bold_choice(text: str) -> str | None:
    """The first bold span of a decision that is not a label ("**Decisão:**" labels the line, it chooses nothing)."""
    m = next((m for m in _BOLD_CHOICE.finditer(text) if not _LABEL_END.match(text, m.end() - 3)), None)
    return m.group(1).strip() if m else None


_ALTERNATIVES_ONLY = re.compile(r"alternativ|other options|otras opciones|outras opções|autres options|andere optionen|"
                                r"代替案|替代|备选|대안|альтернатив", re.I)
_BOLD_CHOICE = re.compile(r"\*\*([^*\n]{2,60}?)\*\*")
_LABEL_END = re.compile(r"[:：]\*\*|.\*\*\s*[:：]")  # the bold span ends in a colon, or one follows it


def _chosen_in_prose(secs: Sections, options: list[_Option], statement: Block | None = None) -> None:
    """ "We retained X" / "We chose X" or a decision naming exactly one listed option marks that option chosen."""
    blocks = [x for x in _own_blocks(secs.decision, exclude=_CONSEQ_H) if x.kind in ("paragraph", "item")]
    if not blocks and statement is not None:
        blocks = [statement]
    for blk in blocks:
        for m in _CHOSE_CJK.finditer(plain(blk.text)):
            opt = _find_option(options, next(g for g in m.groups() if g))
            if opt is not None:
                opt.outcome = "chosen"
                return
        for m in _CHOSE_PROSE.finditer(plain(blk.text)):
            opt = _find_option(options, m.group(1)) or next(
                (o for o in options if _key(o.name) and re.search(rf"\b{re.escape(_key(o.name))}\b", _key(m.group(1)))), None)
            if opt is not None:
                opt.outcome = "chosen"
                return
    for blk in blocks:  # "Ruled out: Stratos" / "Rejected: X" / "Verworfen: X": the options it names are not chosen
        lead = _RULED_OUT.match(plain(blk.text))
        if lead:
            told = _key(plain(blk.text)[lead.end():])
            for o in options:
                if _key(o.name) and _names(told, _key(o.name)) and o.outcome == "considered":
                    o.outcome = "rejected"
    listed = {o.span.start for o in options if o.span is not None}  # an option's own line in the decision section
    blocks = [x for x in blocks if not _RULED_OUT.match(plain(x.text)) and not _KEPT_OPEN.match(plain(x.text))
              and not (x.kind == "item" and x.span.start in listed)]  # (Решение > Альтернативы) names no choice
    if blocks and len(options) >= 2:
        first = _key(_block_text(blocks[0]))
        named = [o for o in options if _key(o.name) and _names(first, _key(o.name))]
        if len(named) == 1 and named[0].outcome == "considered" and not _WILL_NOT.search(_block_text(blocks[0])):
            named[0].outcome = "chosen"
        elif not named and not _WILL_NOT.search(_block_text(blocks[0])):
            # "Adotar PostgreSQL com pgvector no mesmo cluster" for "PostgreSQL + extensão pgvector (mesmo cluster …)": the
            # one option whose name's words the decision's first sentence repeats (two or more), when no other shares any
            said = _name_words(_sentences(_block_text(blocks[0]))[0] if _sentences(_block_text(blocks[0])) else "")
            shared = [(len(_name_words(o.name) & said), o) for o in options]
            hits = [(n, o) for n, o in shared if n]
            if len(hits) == 1 and hits[0][0] >= 2 and hits[0][1].outcome == "considered":
                hits[0][1].outcome = "chosen"


# An outcome line that drops options, or keeps them open, rather than choosing one.
_RULED_OUT = re.compile(r"^\s*(?:ruled out|rejected|dropped|discarded|not chosen|not selected|declined|verworfen|abgelehnt|"
                        r"descartad[oa]s?|rechazad[oa]s?|rejeitad[oa]s?|rejetée?s?|écartée?s?|却下|不採用|不采用|기각)\s*[:：]", re.I)
_KEPT_OPEN = re.compile(r"^\s*(?:in the running|still considered|under consideration|shortlist(?:ed)?|remaining options?)\s*[:：]", re.I)
_WILL_NOT = re.compile(r"\b(?:will not|won't|shall not|do not|don't|did not|didn't|not to) (?:pursue|use|adopt|choose|go with|select|take)\b", re.I)


_OPTION_WORD = (r"(?:option|opción|opção|variante|alternative|alternativa|variant|вариант|варіант|wariant|opcja|optie|opzione"
                r"|方案|选项|選択肢|案|옵션|선택지)")
# "Option B", "Вариант A", "方案B" in the decision
_OPTION_LETTER = re.compile(rf"(?<![A-Za-z0-9_]){_OPTION_WORD}\s*([A-Z]|\d{{1,2}})(?![\w])", re.I)
_LETTERED = re.compile(rf"^\W{{0,2}}(?:{_OPTION_WORD}\s*)?([A-Z]|\d{{1,2}})\s*[.):：\-–—]\s?", re.I)  # "B) …" as listed


def _choice_spelled_out(b: RecordBuilder) -> None:
    """ "Мы выбираем: **Вариант A**." names the choice by its letter alone: the option's own line ("Вариант A: PostgreSQL
    + JSONB + pgvector") is added to the decision, cited where the options list it."""
    said = b.fields.get("decision") or ""
    letters = {m.group(1).upper() for m in _OPTION_LETTER.finditer(said)}
    if len(said) > CHOICE_BY_LETTER or len(letters) != 1:
        return
    mark = letters.pop()
    for i, o in enumerate(b.fields.get("options") or []):
        m = _LETTERED.match(o["name"])
        if m and m.group(1).upper() == mark and o["name"][m.end():].strip() and o["name"] not in said:
            b.set("decision", f"{said}\n\n{o['name']}", list(b.citations.get("decision") or []) + [b.citations["options"][i]])
            return


CHOICE_BY_LETTER = 80  # a decision longer than this says what it chose in its own words


def _option_by_letter(options: list[_Option], text: str) -> _Option | None:
    """The option a decision names by its letter or number ("Option B"), when the options are enumerated "A) …", "B) …"
    or "1. …", "2. …" (or, unenumerated, by their place in the list); None when it names none or several."""
    said = {m.group(1).upper() for m in _OPTION_LETTER.finditer(text)}
    if len(said) != 1:
        return None
    mark = said.pop()
    for o in options:
        m = _LETTERED.match(o.name)
        if m and m.group(1).upper() == mark:
            return o
    return None


def _name_words(text: str) -> set[str]:
    """The words of four letters or more in an option's name or a sentence, lower-cased."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", _key(text))}


def _names(text: str, name: str) -> bool:
    """Does `text` name `name` as a whole word? A Latin name may touch CJK text ("Redis를 사용하기로")."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def _y_statement(doc: Document) -> tuple[re.Match, Span] | None:
    """A Y-statement anywhere in the record (paragraph, quote or fenced block), with its span."""
    for blk in doc.root.all_blocks():
        if blk.kind not in ("paragraph", "quote", "code", "item"):
            continue
        text = " ".join(blk.text.split()) if blk.kind == "code" else " ".join(plain(blk.text).split())
        m = _Y_STATEMENT.search(text)
        if m:
            return m, blk.span
    return None


# ", because …" in the languages a MADR's outcome line is written in ("…, porque es la opción que …").
_BECAUSE = re.compile(r"(?:,\s*|\s+)(?:because|porque|parce que|puisque|weil|denn)\b|,\s*car\b|\s*왜냐하면|\s*因为", re.I)


def _because(text: str) -> tuple[str, str]:
    """'"X", because Y' -> ('"X"', ' Y'); the whole text and '' when no because-clause follows."""
    m = _BECAUSE.search(text)
    return (text[: m.start()], text[m.end():]) if m else (text, "")


def _chosen(secs: Sections, options: list[_Option]) -> None:
    """MADR 'Chosen option: "X", because …' marks X chosen and adds the because-clause as reasons."""
    blocks = [x for x in _own_blocks(secs.decision, exclude=_CONSEQ_H + _POS_H + _NEG_H) if x.kind in ("paragraph", "item")]
    for idx, blk in enumerate(blocks):
        lines = blk.text.split("\n")
        m = _CHOSEN_RX.search(plain(lines[0]))
        if not m:
            continue
        if not m.group(1).strip():  # "Chosen option:" with the option on the next line (or in the next block)
            nxt_blk = blocks[idx + 1] if idx + 1 < len(blocks) else None
            if len(lines) > 1:
                blk = Block(blk.kind, "\n".join(lines[1:]), Span(blk.span.source, min(blk.span.start + 1, blk.span.end), blk.span.end))
            elif nxt_blk is not None:
                blk, idx = nxt_blk, idx + 1
            else:
                return
            lines = blk.text.split("\n")
            m = re.match(r"^(.*)$", plain(lines[0]), re.S)
        name, because = _because(m.group(1))
        name = name.strip().rstrip(",").strip().strip("\"'“”‘’`")
        if not name:
            return
        opt = _find_option(options, name)
        if opt is None:
            opt = _Option(name, P.line_span(blk, 0))
            options.append(opt)
        if opt.outcome == "considered":
            opt.outcome = "chosen"
        rest = (because + " " + " ".join(plain(x) for x in blk.text.split("\n")[1:])).strip()
        raw_because = _because(blk.text.split("\n")[0])[1].strip()
        placeholder = re.match(r"^\[.*\]\.?$", raw_because)  # "[justification. e.g., …]": MADR's template text
        if rest and not placeholder:
            opt.add(_sentences(rest), blk.span)
        elif not rest:
            for j, nxt in enumerate(blocks[idx + 1 :]):
                if j == 0 and nxt.kind == "paragraph" and len(nxt.text) <= 40 and nxt.text.rstrip().endswith(":"):
                    continue  # "Reasons:" / "Begründung:" labels the list of reasons under it
                if nxt.kind != "item":
                    break
                opt.add(_sentences(_block_text(nxt)), nxt.span)
        return


# --- consequences ---

_SIDE_LABEL = re.compile(r"(?P<neg>downsides?|drawbacks?|risks?|cons|disadvantages?|trade-?offs?|costs?|n[eé]gativ\w*|단점|위험|欠点|デメリット|リスク|"
                         r"缺点|风险|代价|弊端|nachteile?|risiken|desventajas?|riesgos?|inconvénients?|risques?|desvantagens?)|"
                         r"(?P<pos>upsides?|benefits?|pros|advantages?|gains?|장점|이점|利点|メリット|优点|好处|收益|vorteile?|"
                         r"ventajas?|beneficios?|avantages?|bénéfices?|vantagens?|benefícios?|positiv\w*)", re.I)
_NEG_LABEL = re.compile(r"\b(however|cost|costs|downsides?|drawbacks?|risks?|negatives?|cons|disadvantages?|bad)\b|단점|위험|부정", re.I)
_POS_LABEL = re.compile(r"\b(benefits?|advantages?|positives?|pros|good|upsides?|gains?)\b|장점|이점|긍정", re.I)


def _side(label: str) -> str | None:
    """The side a short label names ("Pros", "Cons / risks", "단점 및 완화", "优点：", "Vorteile"), or None."""
    t = vocab.norm_label(plain(label))
    if not t or len(t) > 30 or len(t.split()) > 4:
        return None
    for category, words in (("positive", _POS_H), ("negative", _NEG_H), ("neutral", _NEU_H)):
        if vocab.label_matches(t, words):
            return category
    m = _SIDE_LABEL.match(t)
    return None if m is None else "negative" if m.group("neg") else "positive"


# "Positive Consequences", "Conséquences négatives", "긍정적 결과": a heading that names the consequences and their side.
_SIDED_CONSEQUENCES = re.compile(
    r"^(?:(?:positive|negative|neutral|positiva|negativa|neutra|neutrale)s?\s+)?"
    r"(?:consequences|conséquences|consecuencias|consequências|konsequenzen|folgen|conseguenze|konsekvenser|gevolgen|auswirkungen)"
    r"(?:\s+(?:positives?|négatives?|neutres?|positivas|negativas|neutras|positive|negative|neutre))?$"
    r"|^(?:긍정적|부정적|중립적?)\s*결과$", re.I)


def _sided(title: str) -> bool:
    """A consequences heading that names its side ("Conséquences négatives"), not "Consequences" alone."""
    t = norm_heading(title)
    return bool(_SIDED_CONSEQUENCES.search(t)) and len(t.split()) > 1


def _heading_category(sec: Section, default: str) -> str:
    if _match(sec, _POS_H):
        return "positive"
    if _match(sec, _NEG_H):
        return "negative"
    if _match(sec, _NEU_H):
        return "neutral"
    return default


def _consequences(doc: Document, secs: Sections, b: RecordBuilder) -> None:
    """Positive/negative/neutral consequences from subsections, Good/Bad bullets, lead-in labels or plain prose."""
    out: dict[str, list[tuple[str, Span]]] = {"positive": [], "negative": [], "neutral": []}
    seen: set[int] = set()
    if secs.consequences is not None:
        _collect(secs.consequences, "neutral", out, seen)
    else:  # "**Consequences:** …" / "Consequences: …": a bold lead or key line and the blocks it owns
        for part in P.labelled(P.labelled_parts(doc), KIND, "consequences", shapes=("bold", "key", "line", "front_matter")):
            value = plain(part.value) if part.shape != "bold" else _after_lead(part.blocks[0].text)
            if value:
                out["neutral"].append((value, part.blocks[0].span if part.shape == "bold" else part.span))
            for blk in part.blocks[1:] if part.shape == "bold" else []:
                text = _block_text(blk)
                if text:
                    out["neutral"].append((text, blk.span))
            if any(out.values()):
                break
        if not any(out.values()):  # "| Consequências | Detalhes |" over "| **Positivas** | … |", "| **Negativas** | … |"
            for part in P.labelled_parts(doc):
                if part.shape == "table" and part.table is not None and part.table.header and \
                        vocab.field_of_label(KIND, plain(part.table.header[0])) == "consequences":
                    for row in part.table.children:
                        if len(row.cells) < 2 or not plain(row.cells[1]).strip():
                            continue
                        side = _SIDE_LABEL.search(plain(row.cells[0]))
                        out["neutral" if not side else "negative" if side.group("neg") else "positive"].append(
                            (plain(row.cells[1]).strip(), row.span))
                    break
        if not any(out.values()):  # "Downside: another stateful service", "**Benefits:** …" in a note's prose
            for part in P.labelled_parts(doc):
                side = _SIDE_LABEL.fullmatch(part.key) if part.shape in ("key", "bold") else None
                value = (plain(part.value) if part.shape == "key" else _after_lead(part.blocks[0].text)) if side else ""
                if value:
                    out["negative" if side.group("neg") else "positive"].append((value, part.span if part.shape == "key" else part.blocks[0].span))
    for sec in doc.root.walk():  # MADR 2: "### Positive Consequences" under Decision Outcome
        if sec.title and id(sec) not in seen and _sided(sec.title):
            _collect(sec, _heading_category(sec, "neutral"), out, seen)
    if not any(out.values()):  # "## 장점" / "## 단점", "## Pros" / "## Cons" of the design itself, not under one option
        in_options = {id(s) for top in (secs.options, secs.pros_cons) if top is not None for s in top.walk()}
        sided = [(sec, side) for sec in doc.root.walk() if sec.title and id(sec) not in in_options and id(sec) not in seen
                 and (side := vocab.merit_side(sec.title)) is not None]
        if len(sided) <= 2 and len({side for _, side in sided}) == len(sided):  # several of a side: each option's own
            for sec, side in sided:
                _collect(sec, "positive" if side == "good" else "negative", out, seen)
    if not any(out.values()) and secs.decision is not None:  # MADR 1: "* `+` runs on Happo's hosted platform" under
        # "Decision Outcome", each of the chosen option's effects marked by its sign
        signed = [(m, blk) for blk in secs.decision.all_blocks() if blk.kind == "item"
                  and (m := _SIGNED_EFFECT.match(plain(blk.text)))]
        if len(signed) >= 2:
            for m, blk in signed:
                side = "positive" if m.group("good") else "negative" if m.group("bad") else "neutral"
                out[side].append((m.group("said").strip(), blk.span))
    for k in out:
        out[k] = [(t, sp) for t, sp in out[k] if not _placeholder(t)]
    value = {k: [t for t, _ in v] for k, v in out.items()}
    b.set("consequences", value, [s for v in out.values() for _, s in v])
    for k, v in out.items():
        b.citations[f"consequences.{k}"] = [s for _, s in v]


def _labelled_group(blk: Block, category: str) -> str | None:
    """The side a list item names when it is only a label over its own sub-items ("- 好处：", "- Downsides:"):
    positive, negative, or the section's own category for a neutral label ("- Follow-ups:"); None otherwise."""
    if blk.kind != "item" or not any(ch.kind == "item" for ch in blk.children):
        return None
    head = plain(blk.text.split("\n")[0]).strip()
    if len(head) > 40 or not head.endswith((":", "：")):
        return None
    m = _SIDE_LABEL.search(head)
    if m:
        return "negative" if m.group("neg") else "positive"
    return "negative" if _NEG_LABEL.search(head) else "positive" if _POS_LABEL.search(head) else category


def _collect(sec: Section, category: str, out: dict, seen: set[int]) -> None:
    seen.add(id(sec))
    category = _heading_category(sec, category)
    label = category
    blocks = sec.blocks
    for i, blk in enumerate(blocks):
        text = _block_text(blk)
        if not text or _placeholder(blk.text):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if blk.kind == "paragraph" and text.endswith((":", "：")) and nxt is not None and nxt.kind == "item":
            label = (_side(text) or ("negative" if _NEG_LABEL.search(text) else "positive" if _POS_LABEL.search(text) else category))
            continue  # a lead-in ("However, this does come at a cost:", "优点：") labels the list below it
        subs = [c for c in blk.children if c.kind == "item"] if blk.kind == "item" else []
        side = _side(blk.text) if subs else None
        if side:  # "- Pros" over its own bullets, "- Cons / risks", "- 장점": each bullet under it, sorted
            for c in subs:
                if _block_text(c):
                    out[side].append((_block_text(c), c.span))
            continue
        if blk.kind != "item":
            label = category
        side = _labelled_group(blk, category)
        if side is not None:  # "- 好处：" / "- Costs:" over its own sub-list: each sub-item on that side
            out[side] += [(_block_text(ch), ch.span) for ch in blk.children if ch.kind == "item" and _block_text(ch)]
            continue
        m = _PROCON_RX.match(text)
        if m and (blk.kind == "item" or re.match(r"^(good|bad|neutral)\b", text, re.I) or m.group(2)):
            kind = {"good": "positive", "bad": "negative"}.get(_procon_side(m), "neutral")
            out[kind].append((plain(m.group(3)), blk.span))
        else:
            out[label].append((text, blk.span))
    for c in sec.children:
        _collect(c, category, out, seen)


# --- supersedes / superseded by ---

_SUPER_RX = re.compile(
    r"(?P<by>supers?eded\s+by|superceded\s+by|replaced\s+by|obsoleted\s+by|ersetzt\s+durch|abgelöst\s+durch|remplacée?s?\s+par|"
    r"reemplazad[oa]s?\s+por|sustituid[oa]s?\s+por|substituíd[oa]s?\s+por|superad[oa]s?\s+por|sostituit[oa]\s+da|"
    r"zastąpion[aey]?\s+przez|замен[её]н[аоы]?(?:\s+на)?)"
    r"|(?P<of>supersedes|supersede|supercedes|supercede|replaces|overrides|ersetzt|remplace|reemplaza|sustituye|substitui|"
    r"supera|sostituisce|zastępuje|заменяет|замещает)(?![\w-])", re.I
)
# Korean, Japanese and Chinese put the record named before the verb ("ADR-3을 대체한다", "ADR-12 により置き換えられた").
_ADR_NAME = r"(ADR[-\s_#]?0*\d{1,5})"
_CJK_SUPER = (
    ("superseded_by", re.compile(r"被\s*" + _ADR_NAME + r"\s*(?:所)?(?:取代|替代)")),
    ("superseded_by", re.compile(_ADR_NAME + r"\s*(?:으로|로|에\s*의해)\s*대체(?:됨|되었|된|됩)")),
    ("superseded_by", re.compile(_ADR_NAME + r"\s*(?:により|によって|で|に)\s*(?:置き換え|置換|代替)(?:られ|され)")),
    ("supersedes", re.compile(r"(?<!被)(?:取代|替代)\s*(?:了)?\s*" + _ADR_NAME)),
    ("supersedes", re.compile(_ADR_NAME + r"\s*(?:을|를)\s*대체(?:한다|합니다|함|하며|하고|해요|했다|했습니다|했어요)")),
    ("supersedes", re.compile(_ADR_NAME + r"\s*を\s*(?:置き換え|置換|代替)(?:る|ます|た|し)")),
)
_LINK_RX = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")
def _ref_name(text: str) -> str:
    """The record a link or a phrase names, as the notes write it: "ADR-0009", or a linked title ("3. Use Spring
    WebFlux"). vocab.record_key gives the one spelling two mentions are compared by."""
    t = plain(text)
    refs = record_refs(t)
    return refs[0] if refs else t


def _refs(fragment: str) -> list[str]:
    links = _LINK_RX.findall(fragment)
    if links:
        return [_ref_name(t) for t, _ in links]
    refs = record_refs(fragment)
    if refs:
        return refs
    m = re.match(r"^\s*[:\-]?\s*`?(\d{8}-[\w-]+|\d{1,5}-[\w-]+)", fragment)
    return [m.group(1)] if m else []


def _links(doc: Document, secs: Sections, b: RecordBuilder) -> None:
    """'Supersedes [ADR-3](…)' / 'Superseded by …' in the status, the preamble or a Links section."""
    blocks = list(_preamble(doc))
    if secs.status is not None:
        blocks += [x for blk in secs.status.blocks for x in blk.walk()]
    for s in secs.links:
        blocks += [x for blk in s.blocks for x in blk.walk()]
    found = {"supersedes": [], "superseded_by": []}
    for blk in blocks:
        if blk.kind not in ("paragraph", "item", "quote"):
            continue
        lines = blk.text.split("\n")
        for i, line in enumerate(lines):
            hits = list(_SUPER_RX.finditer(line))
            for j, m in enumerate(hits):
                end = hits[j + 1].start() if j + 1 < len(hits) else len(line)
                field = "superseded_by" if m.group("by") else "supersedes"
                told = line[m.end() : end]
                if j + 1 == len(hits) and not _refs(told):  # "**Supersedes:** the … clause of\n[0009](…); refines …"
                    told = " ".join([told] + lines[i + 1 :]).split(";")[0]
                for ref in _refs(told):
                    if ref and not _named_already(ref, found[field]):
                        found[field].append((ref, P.line_span(blk, i)))
            for field, rx in _CJK_SUPER:
                for m in rx.finditer(plain(line)):
                    ref = _ref_name(m.group(1))
                    if not _named_already(ref, found[field]):
                        found[field].append((ref, P.line_span(blk, i)))
    seen = {id(x) for x in blocks}
    for blk in doc.root.all_blocks():  # "It supersedes ADR-003." / "This decision replaces [ADR-7](…)" in the body's prose
        if blk.kind not in ("paragraph", "item") or id(blk) in seen:
            continue
        for i, line in enumerate(blk.text.split("\n")):
            for m in _PROSE_SUPER.finditer(line):
                field = "superseded_by" if m.group("by") else "supersedes"
                tail = re.split(r"[.;](?:\s|$)", line[m.end():], maxsplit=1)[0]
                for ref in _refs(tail):
                    if ref and not _named_already(ref, found[field]):
                        found[field].append((ref, P.line_span(blk, i)))
            for m in _SELF_AGENT.finditer(line):  # "ADR-0009 and ADR-0034 are replaced by this decision"
                head = re.split(r"[.;:](?:\s|$)", line[: m.start()])[-1]
                for ref in _refs(head):
                    if ref and not _named_already(ref, found["supersedes"]):
                        found["supersedes"].append((ref, P.line_span(blk, i)))
    for field, items in found.items():
        b.set(field, [r for r, _ in items], [s for _, s in items])


def _named_already(ref: str, found: list[tuple[str, object]]) -> bool:
    return record_key(ref) in {record_key(r) for r, _ in found}


# The record itself is the subject: "It supersedes …", "This ADR replaces …", "Superseded by …" opening a sentence.
_PROSE_SUPER = re.compile(
    r"(?:^\s*|[.;:]\s+|,\s+(?=superseding\b)|\b(?:this|the present|the current)\s+(?:adr|decision|record|document|proposal)\s+"
    r"|\b(?:it|which)\s+)"
    r"(?:(?:partially|partly|fully|now|also|hereby)\s+)?"
    r"(?:(?P<by>(?:is|was|has been)\s+(?:superseded|replaced|obsoleted|overridden)\s+by|superseded\s+by|replaced\s+by)"
    r"|(?P<of>supersedes|replaces|obsoletes|overrides|superseding))\b",  # "Adopted pnpm, superseding ADR-0001 and ADR-0005"
    re.I,
)


# The passive with the record itself as the agent: the records named before it are the ones it supersedes.
_SELF_AGENT = re.compile(
    r"\b(?:superseded|replaced|obsoleted)\s+by\s+(?:this|the present|the current)\s+(?:adr|decision|record|document)\b"
    r"|\bremplacée?s?\s+par\s+(?:la présente|cette|le présent|cet)\s+(?:décision|adr|document)"
    r"|\b(?:ersetzt|abgelöst)\s+durch\s+(?:diese[sn]?|die vorliegende|das vorliegende)\s+(?:entscheidung|adr|dokument)"
    r"|\b(?:reemplazad|sustituid)[oa]s?\s+por\s+(?:esta|la presente|este)\s+(?:decisión|adr|documento)"
    r"|\bsubstituíd[oa]s?\s+por\s+(?:esta|a presente|este)\s+(?:decisão|adr|documento)",
    re.I,
)


# --- summary ---


def _summary(doc: Document, f: dict) -> str:
    """'<Chosen> chosen over <A> and <B>' when options were weighed, else the decision's first sentence."""
    opts = f.get("options") or []
    chosen = [_short(o["name"]) for o in opts if o["outcome"] == "chosen"]
    others = [_short(o["name"]) for o in opts if o["outcome"] != "chosen"]
    if len(chosen) == 1 and others:
        listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
        s = f"{chosen[0]} chosen over {listed}"
        if len(s) <= 100:
            return s
        n = len(others)
        s = f"{chosen[0]} chosen over {n} alternative{'s' if n > 1 else ''}"
        if len(s) <= 100:
            return s
    paras = [p for p in (f.get("decision") or "").split("\n\n") if p.strip()]
    if paras and not _placeholder(paras[0]):
        lead = paras[0]
        if lead.rstrip().endswith(":") and len(paras) > 1:  # "We have decided to:" + the first point
            lead = f"{lead.rstrip()} {paras[1]}"
        return one_line(lead, 100)
    return one_line(doc.title or "", 100)


def _short(name: str) -> str:
    """An option name without its trailing parenthetical ("ADR number (ie. …)" -> "ADR number")."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name


def _placeholder(text: str) -> bool:
    """Template text left unfilled: "TBD", "[Describe the context]", "Record the outcome here..." (short, trailing off)."""
    t = plain(text).strip()
    if t.strip(" .").lower() in ("tbd", "tbc", "todo", "n/a", "-", "—", "–", "/", "none", "…", "...", "미정", "待定", "なし", "无", "없음", "aucune", "ninguna", "keine"):
        return True
    if re.fullmatch(r"[\[<{][^\]>}]*[\]>}]\.?", (text or "").strip(), re.S):
        return True
    if len(t) <= 80 and re.match(r"(?:pending|awaiting|to be (?:decided|determined|confirmed)|undecided|not yet decided)\b", t, re.I):
        return True  # "*Pending — awaiting input from @lead*": a decision not taken yet
    return len(t) <= 60 and "\n" not in t and t.endswith(("...", "…", "。。。"))


# The patterns searched over most blocks check first, on ASCII text, for a word every match needs
# (lorebook.quick_re): the same matches, without running the alternation where none of its words is.
_PROSE_SUPER, _SELF_AGENT = (
    Quick(_PROSE_SUPER), Quick(_SELF_AGENT))
