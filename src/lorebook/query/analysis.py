"""Question analysis: what kind of answer a question expects, which fields may hold it, which identifiers it names.

Nothing here picks one winner. Every intent rule that matches contributes a
soft weight to the fields it reads (the first match most), the expected answer
type is a ranked list, and identifiers (ADR numbers in any spelling, dates,
@handles) are pulled out exactly so the page they name can be found directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from lorebook import vocab
from lorebook.query.intents import (_COMPILED, AFTER_CHECK, DATE_WORD, HOW_LAGGED, HOW_MUCH_DOWN, JUDGED_BAD, NOT_FAILING,
                                    TIME_INTENTS, WHAT_GOT_IN_THE_WAY, WHAT_MADE_IT, Question, classify, content_words)
from lorebook.query.vocabulary import equivalents, foreign_intents, foreign_question, foreign_types

# Expected answer types, by the question's wording. Several may match; order is preference.
ANSWER_TYPES: list[tuple[str, str]] = [
    ("duration", r"\bhow long\b|\bhow old\b|\bhow much time\b|" + HOW_MUCH_DOWN + r"|\bduration\b|\bwhen did .*\b(?:start|begin)\b.*\band\b.*\b(?:over|end|ended|stop|stopped|finish|finished|resolved|recover)\b|\bfrom when (?:to|until) when\b|\bhow many (minutes|hours|days|seconds)\b|얼마나|지속"
                 r"|\bhow (?:quickly|fast|soon)\b|" + HOW_LAGGED),
    ("condition", r"\bwhen (should|do|does|can|must|to|would)\b|\bunder what (conditions?|circumstances)\b|\bat what point\b"),
    ("choice", r"\bwhich\b.*\b(do|should|can) (i|we) (pick|choose|select|use)\b"),
    ("deadline", r"\bby when\b|\bdue\b|\bdeadline\b|\bhow soon\b|\bno later than\b"),
    ("date", r"^\s*when\b|\bwhen (did|was|were|is|will|does|has|had)\b|\bwhat (?:(?:local|exact|approximate|utc|clock) )?(day|date|time)\b(?![\s-](?:limit|budget|out|box|cap|constraint)s?\b)|\b(what|which) hours\b|\bwhat time of day\b|\bwhich (day|date)\b|\bwhat year\b|" + DATE_WORD + r"|언제|날짜|몇 시"),
    ("person", r"\bwho\b|\bwhom\b|\bwhose\b|\bowner\b|\bwhich (team|person|engineer|people)\b|누가|누구|담당"),
    ("verify", r"\bhow (do|can|will|would|should|did) (i|we|you|they|the team) (?:\w+ly )?(know|tell|check|verify|confirm|make sure|see)\b.*\b(work(ed|s|ing)?|healthy|up|back|ok|fine|succeed(ed)?|complete[d]?|done|restored|running|consistent|valid|in sync|listening|reachable|mounted|applied|serving|responding|synced|gone|removed|left behind|left over|leftovers?|remains?|remaining|clean|really there|all there|present|intact|loaded|imported|took|taken|stuck|went through|effective|in effect|live|landed)\b|\bverif(y|ied|ication)\b|\bvalidated?\b|\bhealth ?check\b|\bhow (do|can|will|would|should) (i|we|you) (?:\w+ly )?(confirm|make sure|be sure)\b|"
                # "what should the old /login endpoint return?": the output expected when it went right
                r"\bwhat (?:should|must|ought to|is expected to|are expected to)\b.{0,80}\b(?:return|respond|answer|show|print|output|display|report|say|read)\b|"
                # "… before I consider the reinstall finished?": the state that says it is done
                r"\b(?:before|until|to) (?:i|we|you|they) (?:can )?(?:consider|call|declare|mark|treat|deem)\b.{0,60}\b(?:done|finished|complete[d]?|over|resolved|healthy|successful|recovered)\b|" + AFTER_CHECK),
    ("command", r"\bcommand\b" + NOT_FAILING + r"|\bwhat (do|should|can|did) (i|we|they|you) (run|type|execute)\b|\bwhat (?:did|does|do) (?!(?:i|we|they|you|it)\b)(?:[\w.-]+ ){1,3}(?:run|execute)\b(?! (?:into|out|for)\b)|\bhow (do|can|should) (i|we) (run|invoke|check|restart|list|find|look ?up|query|fetch|see|get|count|show|print|dump|tail|inspect|roll ?back|revert|undo|rotate|drain|flush|purge|scale|restore|fail ?over|reindex|reset|stop|start|pause|resume|lock|unlock|block|enable|disable|turn|switch|re-?enable|clear|kill|release|rebuild|reload|sync|apply|deploy|redeploy|upgrade|trigger|rerun|re-run|retry|create|generate|install|uninstall|initiali[sz]e|init|mount|unmount|renew|revoke|export|import|tag|publish)\b|\bwhich (script|tool|flag|cli)\b|\b(which|what) (sql|query|queries|statement|snippet|one-liner)s? (do|should|can|did|would) (i|we|you) (run|use|execute|type|paste)\b|명령"),
    ("host", r"\b(?:which|what) (?:host|server|machine|node|ip(?: address)?|vm|instance|box|replica)s?\b"),
    ("drawback", JUDGED_BAD + r"|\bwhy (not|wasn'?t|weren'?t|didn'?t|was \w+( \w+)? (rejected|ruled out|dropped))\b|\bwhy (was|were|is|are) \S+( \S+){0,3} not (an? )?(option|chosen|picked|selected|used|viable|adopted)\b|\breject|\bruled? out\b|\bdownsides?\b|\bdrawbacks?\b|\bcons\b|\bconcerns?\b|\bobjections?\b|\bwhat('s| is) bad\b"),
    ("reason", r"\bwhy\b|\bwhat caused\b|" + WHAT_GOT_IN_THE_WAY + "|" + WHAT_MADE_IT + r"|\bwhat (?:was|is|were) (?:really |actually |truly )?(?:behind|at the (?:root|bottom|heart) of)\b|\bwhat (?:took|brought|knocked) .{1,40}\b(?:down|offline|over)\b|\bcause\b|\breason\b|\bwhat (went wrong|broke|triggered)\b|\bwhat (exactly |actually |really )?(was|is|were) (exactly |actually |really )?wrong\b|\bmotivat|왜|원인"),
    ("money", r"\bhow much (did|does|do|will|would|is|was)\b.*\b(cost|bill|charge|spend|spent|pay|paid|lose|lost|jump|revenue)|\bhow much (money|revenue|funding|capital|investment|budget)\b|\bhow much\b.*\b(raised|funded|invested|fundraising)\b|\bwhat (did|does|do|will|would) .* cost\b|\bcost (us|per|a month|a year|monthly)\b|\bprice\b|\brevenue\b|\bbudget\b"),
    ("setting", r"\b(?:what|which) (?:setting|flag|option|variable|env(?:ironment)? var\w*|config(?:uration)? (?:value|key|option)|parameter)s?\b"
                r".*\b(?:flip|change|set|toggle|turn|enable|disable|update|edit)\b"
                # "which pytest setting makes all tests share one loop?": the setting that does something
                r"|\b(?:what|which) (?:[\w.-]+ )?(?:setting|flag|option|config(?:uration)? (?:value|key|option)|parameter)s? "
                r"(?:makes?|controls?|keeps?|lets|tells|decides|limits|caps|enables|disables|stops|prevents|forces)\b"
                # "what HEALTHCHECK settings did we put in the Dockerfile?": the values chosen
                r"|\b(?:what|which) (?:[\w.-]+ )?(?:settings|flags|options|values|parameters|limits) (?:did|do|does|should|must) "
                r"(?:we|they|you|i|the team) (?:put|use|set|add|choose|pick|change|configure|give|pass)\b"),
    # "which version of Zabbix did they deploy?": a version number, nothing else
    ("version", r"\b(?:which|what) (?:exact |specific |minimum |major )?versions?\b(?! control)"
                # "which Scribe version constraint", "what Node.js version": the product named between
                r"|\b(?:which|what) (?:exact |specific |minimum |major )?[\w.+-]+ versions?\b(?! control)|\bversion (?:number )?(?:did|do|does|was|is|were|are)\b"
                # "since which ob-operator release can tenants be restored?": the release's number
                r"|\b(?:since|from|in|as of|starting (?:with|from)) (?:which|what) (?:[\w.-]+ ){0,2}(?:release|version)s?\b"
                r"|\b(?:which|what) (?:[\w.-]+ )?release\b(?! (?:notes?|process|pipeline|branch|train|cycle|manager|date|day|schedule)\b)"),
    # "which commit removed the line?", "which PR fixed it?": a revision's hash or number
    ("revision", r"\b(?:which|what) (?:[\w.-]+ )?(?:commit|pull request|pr|merge request|mr|changeset|revision)\b(?! (?:message|hook|rights?|access)\b)"),
    ("size", r"\bhow (big|large|small)\b|\bwhat size\b|\bhow much (disk|space|storage|memory|ram)\b|\bwhat (memory|disk|storage|volume) (limit|size|request)\b"),
    ("number", r"\bwhat (was|is|were|are) the\b.*\b(availability|uptime|error rate|latency|throughput|utili[sz]ation|usage|p9\d)\b|\b(stay|be|remain|kept|keep it) (under|below|above|over|within)\b|\bthreshold\b|\bhow (many|much|big|large|far|wide|tall|high|deep|heavy|thick)\b|\bwhat (percentage|percent|limit|threshold|size|number|version|port|timeout|ratio|rate)\b|\bwhat (?:[\w/-]+ ){1,3}(?:limit|cap|quota|ceiling)s?\b|\bwhat time[\s-]?(?:limit|budget|out|box|cap|constraint)s?\b|\b(?:what|which) [\w.-]+ (?:version|port)\b|\bhow many\b|몇|\bhttp status\b|\b(?:status|exit|error|return) code\b|\bexit status\b"),
    ("status", r"(?<!http )(?<!exit )(?<!return )\bstatus\b(?!\s*(?:code|page|check|endpoint))|"
               # "is the IaC decision final, or still just a proposal?": which of two states it is in
               r"\b(?:final|official|settled|approved|accepted|adopted|binding)\b,?\s+or\s+(?:is\s+it\s+)?(?:still\s+)?(?:just\s+|only\s+)?(?:an?\s+)?"
               r"(?:proposal|proposed|draft|under review|pending|open|idea|suggestion|recommendation)\b|\bstill (in force|valid|current|in effect|accepted|open|used|hold|holds|stand|stands|apply|applies)\b|\bsuperseded\b|\bdeprecated\b|\bin force\b|\breplace"
               r"|^(is|are|was|were)\b.*\b(approved|accepted|obsolete|outdated|retired|withdrawn|abandoned|final|valid|current)\??$|^(has|have|had)( \S+){1,3} (approved|accepted|adopted|retired|abandoned)\b|\bever (accept|approve|adopt)(ed)?\b|\bsigned[- ]off\b|\bsign[- ]off\b|\b(approved|accepted|final(i[sz]ed)?|agreed) yet\b|\bbeen (approved|accepted|adopted|ratified|rejected|agreed|signed off)\b"),
    ("path", r"\bwhere (is|are|do|does|did|will|should|can|must)\b.*\b(written|stored|kept|saved|put|placed|located|logged|go|goes|live|lives|end up|ends up"
             # "where should the volume be mounted?", "where is the agent installed?", "where do I download the dump from?"
             r"|mount|mounted|install|installed|download|downloaded|upload|uploaded|copied|backed up|archived|cloned|checked out)\b|\b(which|what) (directory|folder|path|file)\b|\bdónde\b|\bwohin\b|\bo[uù] (est|sont)\b"),
    # "where can engineers view the application logs?", "where do I find the dashboards?": a place to go, not a file
    ("place", r"\bwhere (?:can|could|do|does|did|should|would|will|is|are|was|were|must)\b.*\b(?:see|view|find|look|access|read|watch|"
              r"monitor|check|browse|open|get|seen|viewed|found|accessed|read|visible|viewable|available|accessible|shown|displayed|"
              r"hosted|running|deployed|published|reported|tracked|discussed)\b"),
    ("document", r"\bwhich (adr|decision|record|runbook|postmortem|incident|doc|document|page)\b|\bwhere (is|are) .* (documented|written|described)\b"),
    ("frequency", r"\bhow often\b|\bhow frequently\b|\bat what interval\b|\bwhat schedule\b"),
    ("severity", r"\b(?:what|which) (?:priority|severity|sev)\b|\bhow severe\b|\b(?:priority|severity) (?:was|is|did)\b|우선순위|심각도|優先度|重大度|优先级|严重程度"),
    ("colour", r"\bwhat colou?r\b|\bwhich colou?r\b"),
    ("list", r"\bwhat are the\b|\blist (of|the|all)\b|\bwhat (steps|items|options|alternatives|follow-?ups)\b|\ball the\b"),
    ("yesno", r"^(is|are|was|were|did|does|do|can|could|should|has|have|will)\b"),
]
_TYPES = [(name, re.compile(p, re.I)) for name, p in ANSWER_TYPES]
_HOW_MUCH_DOWN = re.compile(HOW_MUCH_DOWN, re.I)
# A question that opens by asking what to run: the command is the answer, whatever else the clause after it mentions.
_RUN_FIRST = re.compile(r"^\W*(?:what|which) (?:[\w.-]+ ){0,2}(?:do|should|can|would) (?:i|we|you) (?:run|type|execute|paste)\b", re.I)
_IMPACT_WORDS = re.compile(r"\bimpact|\baffect|\bblast radius|\bhow bad\b|\bcompromised|\busers?\b|영향", re.I)

# Which fields each intent reads (the sentence index records the field a sentence feeds).
INTENT_FIELDS: dict[str, tuple[str, ...]] = {
    "duration": ("duration_minutes", "detected_at", "resolved_at", "timeline"),
    "when": ("date", "last_reviewed", "timeline"),  # timeline at WHEN_TIMELINE: "when was it escalated" is a moment inside
    # "when did users report it?": the line that tells how it was noticed is often the timeline's entry for that moment,
    # indexed under the detection it feeds; "when was it fixed?" likewise under the resolution
    "detected": ("detected_at", "timeline", "detection"),
    "resolved": ("resolved_at", "timeline", "resolution"),
    "status": ("status", "status_text", "superseded_by", "supersedes"),
    "options": ("options",),
    "rejected": ("options",),
    "chosen": ("options", "decision"),
    "context": ("context", "decision"),
    "why": ("context", "root_cause", "trigger", "decision", "rationale"),  # a record's "Rationale" says why, in so many words
    "root_cause": ("root_cause", "trigger"),
    "consequences": ("consequences",),
    "detection": ("detection", "detected_at"),
    "number": ("number",),
    "resolution": ("resolution",),
    "consequences_negative": ("consequences.negative", "consequences.neutral"),
    "consequences_positive": ("consequences.positive", "consequences.neutral"),
    "deciders": ("deciders",),
    "impact": ("impact", "summary"),
    "severity": ("severity",),
    "meaning": ("overview", "impact"),
    "summary": ("summary",),
    "action_items": ("action_items",),
    "action_owner": ("action_items",),
    "step": ("steps",),
    "command": ("steps", "rollback_commands", "verification", "diagnosis", "rollback", "other_commands"),  # commands sit in every part of a runbook
    "rollback": ("rollback", "rollback_commands"),
    "prerequisites": ("prerequisites",),
    "contacts": ("contacts",),
    "owner": ("owner",),
    "verify": ("verification",),
    "caveats": ("caveats",),
}

# A field an intent reads only as a fallback: "why was a decision about X needed?" is answered by the context,
# the decision itself says what was done, not why.
FIELD_SHARE = {("why", "decision"): 0.5, ("context", "decision"): 0.5, ("chosen", "options"): 0.6,
               ("command", "verification"): 0.6, ("command", "diagnosis"): 0.6, ("command", "rollback"): 0.6,
               ("command", "other_commands"): 0.8, ("detected", "detection"): 0.8, ("resolved", "resolution"): 0.8}

# Words that name the kind of document or section asked about ("the SSO *incident*", "a *decision* about X",
# "the *consequences*"): the field weights route the question by them, so a sentence gains nothing by repeating them.
ROUTING_NOUNS = set("""
decision decisions incident incidents postmortem postmortems runbook runbooks playbook adr adrs record records
document documents doc docs context consequences consequence alternatives alternative options option needed
""".split())

# "how long did it take to resolve / detect / recover": one interval inside the incident, not its whole length
ASKS_INTERVAL = re.compile(r"\b(?:take|took|it)\s+(?:us\s+|them\s+)?to\s+(?:resolve|fix|detect|notice|recover|mitigate|respond|"
                           r"acknowledge|restore|roll ?back|identify|find|diagnose)\b|\btime to (?:resolve|detect|recover|mitigate|respond|acknowledge|restore)\b", re.I)

WHEN_TIMELINE = 0.6  # a plain "when" asks for the document's date first, a timeline entry second

# a crontab line's schedule ("0 4 * * * backup.sh", "30 2 * * 1-5 …"): when a job runs, minute and hour first
CRON_TIME = r"^\s*\d{1,2}\s+\d{1,2}(?:[,-]\d{1,2})*\s+(?:\*|\d{1,2})(?:[/,-]\d+)*\s+(?:\*|\d{1,2})(?:[/,-]\d+)*\s+(?:\*|[0-7])(?:[,-][0-7])*\s+\S"

# What a sentence of each answer type looks like (used to score "answer-type match").
# A commit's abbreviated or full hash: hex digits, at least one a digit and one a letter ("791dfced", "5eaac3d")
COMMIT_HASH = r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}"
TYPE_SHAPES: dict[str, re.Pattern] = {
    "duration": re.compile(r"\b\d+(\.\d+)?\s*(s|sec|seconds?|m|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)\b|\b(an?|one|two|three|four|five|six|ten|several) (minutes?|hours?|days?|weeks?|months?|years?)\b|\d+\s*(초|분|시간|주|개월|秒|分钟?|時間|小时|週間?|周|か月|个月)|(?<!월 )(?<!월)(?<![月\d])\d+\s*(일|日間?|天)|\b\d+\s*(segundos?|minutos?|horas?|d[ií]as?|semanas?|secondes?|heures?|jours?|semaines?|sekunden|minuten|stunden|tagen?|wochen)\b"
                          # Russian, Italian, Polish and Dutch units ("~5 минут", "2 ore", "40 minut", "3 uur")
                          r"|\b\d+\s*(минут[аы]?|мин|секунд[аы]?|сек|час(?:а|ов)?|дн(?:я|ей)|день|недел[ьиюя]|minuti|secondi|ore"
                          r"|giorni|settimane|minut[ay]?|godzin[ay]?|sekund[ay]?|dni|uur|dagen|weken|seconden"
                          r"|mois|meses|monate?n?|mesi|месяц(?:а|ев)?|miesi(?:ąc|ące|ęcy)|maanden)\b"
                          # a count in words in the notes' language: "bis zu zehn Minuten", "deux heures", "cinco minutos"
                          r"|\b(?:ein(?:e|en)?|zwei|drei|vier|fünf|sechs|zehn|zwanzig|dreißig|un|une|deux|trois|quatre|cinq|dix|vingt|trente"
                          r"|uno?|una|dos|tres|cuatro|cinco|diez|veinte|treinta|dois|duas|três|quatro|dez|vinte|trinta)\s+"
                          r"(?:minuten|stunden|tage[n]?|wochen|minutes|heures|jours|semaines|minutos|horas|d[ií]as|semanas)\b", re.I),  # "~3.5 months" undetected
    "severity": re.compile(r"\b(?:P[0-5]|SEV[- ]?[0-5])\b|\b(?:critical|major|minor|high|medium|low|blocker)\b"
                           # the level named in the notes' language, or the line that labels it ("Severidade padrão: S1 …")
                           r"|\b(?:severity|severidade|severidad|schweregrad|gravité|sévérité|gravità|priorität|prioridad|prioridade|priorité"
                           r"|kritisch|crítica|crítico|critique|критичн\w*|важност\w*|серьёзност\w*)\b|심각도|우선순위|重大度|優先度|严重程度|优先级", re.I),
    "date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b|\d{1,2}\s?(?:点|點|時|时|시)(?!\w*[间間])|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?<!#)\b(19|20)\d{2}\b|(?m:" + CRON_TIME + ")", re.I),  # not ticket "#1952"
    "person": re.compile(r"(?<![@\w])@[\w.-]+|\b(?!git@)[\w.+-]+@[\w-]+\.[a-z]{2,}\b(?![\w.-]*:[\w/~])|(?:(?<=[a-zà-ÿß] )|(?<=[,;:(] ))[A-Z][a-z]+ (?:(?:de|van|von|der|den|da|di|del|le|la|du|dos|das) )?[A-Z][a-z]+\b(?!:)"
                         r"|(?<=[,;:(] )[A-Z][a-z]{2,}(?= who (?:first |initially )?(?:noticed|spotted|reported|found|flagged|raised|caught|saw)\b)"  # "co-admin, Mike who first noticed"
                         # a role, then the one who holds it: "l'administrateur des données (Christian)", "Ansprechpartner (Jonas)"
                         r"|\b(?i:administrat(?:eur|rice|or|ora|ador)|responsable|référent\w*|referent\w*|verantwortlich\w*|ansprechpartner\w*"
                         r"|encargad[oa]|owner|maintainer|admin)\b[^()\n]{0,40}\([A-Z][a-zà-ÿ]+\)"
                         r"|\b(?!(?:Team|Teams|Engineers?|Everyone|Someone|Nobody|Primary|Second|First|We|It|This|They|He|She)\b)"
                         r"[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*\s+(?:opens|opened|notes|noted|confirms|confirmed|reports|reported|acknowledges|"
                         r"acknowledged|asks|asked|says|said|shares|shared|discusses|monitors|assesses|investigates|"
                         r"increases|requests|requested|proposes|proposed|joins|joined|decides|decided|approves|approved|"
                         r"writes|wrote|reviews|reviewed|agrees|agreed|suggests|suggested|declares|declared|notices|noticed|"
                         r"merges|merged|deploys|deployed|reverts|reverted|pages|paged|escalates|escalated|"
                         r"removed|deleted|restarted|rebooted|fixed|ran|added|changed|updated|rolled|killed|moved|"
                         r"cleaned|freed|disabled|enabled|upgraded|migrated|restored|created|found|discovered|spotted|"
                         r"applied|patched|rotated|reset|investigated|took|"
                         # who told whom: "CryptoCrew notifies Hypha that other chains are being spammed"
                         r"notifies|notified|informs|informed|tells|told|alerts|alerted|warns|warned|contacts|contacted|"
                         r"pings|pinged|"
                         # the notes' present tense ("so Alex restarts it", "Maria removes the snapshot")
                         r"restarts|reboots|removes|deletes|fixes|runs|adds|changes|updates|rolls|kills|moves|cleans|frees|"
                         r"disables|enables|upgrades|migrates|restores|creates|finds|discovers|spots|applies|patches|rotates|"
                         r"resets|takes|signals|signaled|signalled|handles|handled|leads|led)\b|\b(?i:owners?|assignee|assigned to|lead|contact|deciders?|authors?|reporters?|created by|written by|who|qui|wer|quién|quem|responsable|verantwortlich|executor|operator|performed by|executed by|run by|responsible|zuständig|nom|nombre|nome)\s*:\s*@?\w+|(?:담당|担当|실행자|책임자|负责人|执行人)\w*\s*[:：]\s*\S+|\b(?i:owned by|assigned to|decided by|created by|written by|reported by)\s+@?\w+|(?i:\bteam\b|on-?call)"
                         # a role named as the one who acts: "2. **Senior DevOps** (Secondary)", "the Incident Commander"
                         r"|\b(?:Senior|Lead|Principal|Staff|Chief)\s+[A-Z]\w+|\b(?:DevOps|SRE|DBA|CTO|CISO|CIO|VP\b|Tech Lead|Team Lead|"
                         r"Engineering Manager|Product Owner|Incident Commander|Incident Manager|Release Manager|Administrator)"
                         # the same roles as notes in other languages name them: "- [ ] テックリード …", "개발자가 …"
                         # a role written as the system's account for it: "quality_admin の承認", "approved by release_manager"
                         r"|\b[a-z]+_(?:admin|admins|owner|owners|lead|manager|approver|operator|oncall|on_call)\b"
                         r"|テックリード|リードエンジニア|開発者|デザイナー|担当者|責任者|プロダクトオーナー|インシデントコマンダー|管理者"
                         r"|팀장|테크 ?리드|개발자|디자이너|담당자|책임자|관리자|技术负责人|负责人|开发者|开发人员|设计师|运维人员|管理员"
                         r"|工程师|技术支持|エンジニア|サポート窓口|엔지니어|기술 ?지원"
                         r"|\b(?:Entwickler(?:in)?|Teamleiter(?:in)?|Verantwortliche[rn]?|développeur|responsable technique|desarrollador|"
                         r"responsable técnico|líder técnico|desenvolvedor)\b"),
    # an address or a machine's name with a number in it ("51.210.154.203", "ovh2", "db-01.prod")
    "host": re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[a-z][a-z-]*\d+[a-z\d-]*(?:\.[a-z][a-z\d-]*)*\b"),
    "command": re.compile(r"`[^`]+`|^\s*\$ |\b(kubectl|helm|git|docker|psql|curl|systemctl|make|npm|pip|terraform|aws|gcloud|ssh|sudo|"
                          r"npx|yarn|pnpm|pip3|poetry|cargo|mvn|gradle|dotnet|composer|ansible-playbook|podman|kubeadm|etcdctl|redis-cli|"
                          r"mongosh|journalctl|apt-get|rsync|chmod|chown|crontab|sqlite3|pg_dump|pg_restore|mysqldump)\b"
                          # a table's command column, as the row reads: "コマンド: npx drizzle-kit generate:sqlite; 説明: …"
                          r"|(?:^|; )(?i:commands?|cmd|befehle?|kommando|commandes?|comandos?|команда|コマンド|命令|指令|명령어?)\s*: \S"),
    "drawback": re.compile(r"\b(cons?|drawbacks?|downsides?|disadvantages?|not as|less \w+|lacks?|lacking|too \w+|more (complex|expensive|difficult)|harder|slower|costly|expensive|heavier|risks?|cannot|can'?t|doesn'?t|does not|no support"
                           # "Redis не подходит так как …", "zu teuer", "ne convient pas", "no puede"
                           r"|не подходит|не может|не поддерживает|не підходить|не може|nicht geeignet|kann nicht|zu teuer|zu komplex"
                           r"|ne convient pas|ne peut pas|trop \w+|no es adecuad\w|no puede|demasiado \w+|não é adequad\w|não pode"
                           r"|non adatt\w|non può|troppo \w+|nie nadaje|nie może|zbyt \w+)\b|適さない|できない|不适合|无法|不能|적합하지|할 수 없", re.I),
    "reason": re.compile(r"\b(because|since|due to|so that|caused|cause|led to|as a result|in order to|reason|root cause|therefore|the problem"
                         r"|aufgrund|wegen|weil|verursacht|ursache|porque|debido a|causad[oa]|causa|parce que|à cause|en raison|provoqué"
                         r"|por causa|devido|так как|потому что|из-за|поскольку|поэтому|бо|оскільки|через те що|denn|daher|deshalb|puisque"
                         r"|ya que|puesto que|pois|já que|visto que|perché|poiché|a causa|ponieważ|z powodu|dlatego|çünkü|nedeniyle|vì)\b"
                         r"|,\s*car\b|\b\w+ée?s? car\b"  # French "car": "(Option écartée car jugée trop coûteuse)", not the English car
                         r"|때문|므로|로 인해|ため|ので|原因|由于|由於|因为|因為|所以|因此|导致"
                         # a purpose: "우회하도록 … 적용했다" (applied it so as to bypass), "回避するために", "为了绕过", "um … zu umgehen"
                         r"|하도록|되도록|위해|위하여|ために|为了|為了|以便|\bum\s+\w+(?:\s+\w+){0,4}\s+zu\b|\bafin (?:de|que)\b|\bpara (?:que|evitar|reducir|permitir)\b", re.I),
    "deadline": re.compile(r"\bwithin\s+(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty)\s+"
                          r"(?:business\s+|working\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?|months?)\b|\bno later than\b"
                          r"|\bby\s+(?:\d{4}-\d{2}-\d{2}|end of|the end of|eod|cob|monday|tuesday|wednesday|thursday|friday)\b", re.I),
    "number": re.compile(r"\d"),
    # what a check looks like: a health endpoint, a status command, "verify …", "should show …", in any language
    "verify": re.compile(r"/health|\bhealth\b|\bstatus\b|\bverif|\bvalidat|\bconfirm|\bshould (?:show|return|print|see|be)\b"
                         r"|\bexpect(?:ed)?\b|\b(?:ready|running|healthy|ok)\b|확인|검증|確認|检查|验证|确认|провер|überprüf|vérifi|verific"
                         # the success the output shows: "当出现 `recovery is successful` 的提示后", "sollte erfolgreich sein"
                         r"|\bsuccess(?:ful(?:ly)?)?\b|\bsucceed(?:ed|s)?\b|成功|정상|erfolgreich|réussi|exitos|sucesso|успешн", re.I),
    "setting": re.compile(r"\b[A-Za-z][A-Za-z0-9_.-]*\s*[=:]\s*['\"]?(?:true|false|on|off|yes|no|enabled|disabled|\d+)\b|\bexport\s+\w+="
                          r"|(?<!\S)--[a-z][\w-]*=\d+(?:ms|s|m|h|d|k|mb|gb|%)?(?!\S)"  # "HEALTHCHECK --timeout=10s --retries=3"
                          r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*=\s*['\"][\w.-]+['\"]", re.I),  # 'loop_scope = "session"'
    "size": re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:[KMGTP]i?B|[KMGT]i|bytes?)\b"),
    "revision": re.compile(rf"(?<![\w.-]){COMMIT_HASH}(?![\w.-])|(?<![\w&])[#!]\d+\b|\b(?:PR|MR)[ -]?\d+\b"),
    "version": re.compile(r"(?<![\w.:])v?\d+(?:\.(?:\d+|x))+(?![\w.]*\d)|\bversion\s+\d|\b\d+\s*(?:LTS|버전)\b|(?:バージョン|版本|버전)\s*\d", re.I),
    "money": re.compile(r"[$€£¥]\s?\d|\d[\d,.]*\s?(k|m|bn)?\s?([$€£¥]|円|usd|eur|gbp|dollars?|euros?|yen|pounds)|\d+\s?万", re.I),
    "frequency": re.compile(r"\b(daily|nightly|hourly|weekly|monthly|yearly|annually|every|each (day|night|hour|week|month)|per (second|minute|day|hour|week|month)|times a|once a|twice a|interval)\b"
                            # "toutes les 2 s", "cada 5 minutos", "alle 10 Minuten", "каждые 5 минут", "每 5 分钟", "5분마다"
                            r"|\b(?:toutes les|tous les|chaque|cada|a cada|ogni|alle|jede[nrs]?|каждые|каждый|каждую|co)\s+\d|\b(?:täglich|stündlich|wöchentlich|quotidien\w*|diariamente|semanalmente"
                            r"|ежедневно|еженедельно)\b|每\s*\d|每[天日周小分秒隔晚]|毎[日週時分秒晩朝]|\d+\s*(?:분|시간|초)\s*마다|매일|매주|매시간"
                            # "backup effectué chaque nuit", "cada noche", "jede Nacht", "toda noite", "каждую ночь"
                            r"|\b(?:chaque|tous les|toutes les|cada|todas las|todos los|toda|todo|jede[nrs]?|ogni|каждый|каждую|каждое)\s+"
                            r"(?:jours?|nuits?|soirs?|heures?|semaines?|mois|día|días|noche|noches|hora|horas|semana|mes|dia|noite|"
                            r"tag|nacht|stunde|woche|monat|giorno|notte|ora|settimana|день|ночь|час|неделю)\b"
                            r"|\b(?:nächtlich|nocturne|nightly|hebdomadaire|mensuel\w*|diari[oa]s?|semanal(?:es)?|mensual(?:es)?|monatlich)\b"
                            r"|(?<![\w*/,-])(?=(?:[\d/,-]*\s+){0,4}[\d/,-]*\*)(?:[\d*/,-]+\s+){4}[\d*/,-]*[\d*](?![\w*/,-])", re.I),  # cron: "0 2 * * *"
    "colour": re.compile(r"\b(black|white|red|green|blue|yellow|orange|purple|grey|gray|pink|brown|amber)\b", re.I),
    "condition": re.compile(r"\b(once|after|until|unless|if|when|at least|more than|less than|as soon as)\b"
                            r"|\b(?:below|above|under|over)\s+(?:\d|the\b|a\b|an\b|zero\b|normal\b|baseline\b)", re.I),
    "choice": re.compile(r"\b(select|pick|choose|use|prefer|latest|newest|most recent|recommended)\b", re.I),
    "status": re.compile(r"\b(accepted|superseded|deprecated|proposed|rejected|open|done|closed|in progress|replaced|active|status"
                         r"|aprobad[ao]|aceptad[ao]|rechazad[ao]|propuest[ao]|reemplazad[ao]|akzeptiert|angenommen|abgelehnt"
                         r"|vorgeschlagen|ersetzt|accepté|acceptée|rejeté|rejetée|proposé|proposée|remplacé|aceit[oa]|rejeitad[oa]"
                         r"|propost[oa]|substituíd[oa]"
                         # an incident's: "상태: Resolved", "Статус: устранено", "Estado: resuelto"
                         r"|resolved|mitigated|ongoing|investigating|monitoring|fixed|behoben|gelöst|résolu|résolue|resuelt[oa]"
                         r"|resolvid[oa]|risolt[oa]|устранен[оа]?|решен[оа]?|закрыт[оа]?|статус|расследуется|исследуется|в работе"
                         r"|en cours|en investigación|investigando|in untersuchung)\b|승인|채택|거부|承認|採用|却下|해결|解決|解决|対応中|진행 중"
                         r"|調査中|调查中|处理中|조사 중", re.I),
    "path": re.compile(r"`[^`\s]*/[^`]*`|(?<![\w:/])/[\w.-]+/[\w./<>-]*|\b[\w.-]+/[\w.<>-]+\.(log|txt|json|ya?ml|md|conf|csv|db)\b"),
    # an address, or where a thing is shown: "visible on the Logit.io Kibana dashboard", "in the #ops channel", "from Grafana"
    "place": re.compile(r"https?://\S+|(?<![\w:/])/[\w.-]+/[\w./<>-]*|#[a-z][\w-]+"
                        r"|\b(?:on|in|at|from|via|through|under)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\w.-]+\s+){0,2}?"
                        r"(?:dashboards?|console|portal|page|channel|bucket|repo(?:sitory)?|wiki|ui|site|website|tab|panel|board|app|"
                        r"folder|directory|drive|spreadsheet|sheet|tracker|project)\b"
                        r"|\b(?:on|in|at|from|via|through)\s+(?:the\s+)?[A-Z][\w.-]*[A-Za-z]"
                        r"|\b(?:visible|viewable|available|accessible|found|shown|displayed|hosted|published|kept|stored)\s+(?:on|in|at|from|via|under)\b"),
    "document": re.compile(r"\bADR[- ]?\d+|\b(adr|decision|runbook|postmortem|incident)\b", re.I),
}

# Section headings name what their sentences are about, in any team's notes: a sentence under
# "Resolution" feeds the resolution even where the extractor has no field for it.
HEADING_FIELDS: list[tuple[str, re.Pattern]] = [(f, re.compile(p, re.I)) for f, p in [
    ("resolution", r"\b(resolution|mitigation|remediation|fix|fixes|recovery|workaround|solution|how (we|it was) fixed"
                   r"|how (?:the (?:issue|problem)|it) was (?:fixed|solved))\b"),
    ("root_cause", r"\b(root cause|cause|causes|why it happened|how did this happen|what happened|trigger|fault|faults|the bug)\b"),
    ("impact", r"\b(impact|effect|consequences for users|blast radius|customer impact)\b"),
    ("detected_at", r"\b(detection|how we found out)\b"),
    ("timeline", r"\b(timeline|chronology|sequence of events)\b"),
    ("overview", r"\b(meaning|overview|description|about this alert|summary)\b"),
    ("diagnosis", r"\b(diagnosis|diagnose|troubleshoot\w*|investigat\w*|debug\w*)\b"),
    ("lessons", r"\b(lessons|what went (well|wrong|poorly|badly)|what (didn'?t|did not) go well|what could have gone better|where we got lucky|takeaways|learnings|learn|improvements?|prevention)\b"),
    ("action_items", r"\b(action items?|follow-?ups?|next steps|next actions?|todo)\b"),
    ("context", r"\b(context|background|problem statement|motivation)\b"),
    ("decision", r"\b(decision|decision outcome|outcome)\b"),
    ("rationale", r"\b(rationale|justification|reasoning|reasons? for (the|this|our) (decision|choice)|why (we|this))\b"),
    ("consequences", r"\b(consequences|trade-?offs)\b"),
    ("status", r"^status$|\b(deprecat\w*|supersed\w*|obsolete|retire\w*|withdrawn|sunset)\b"  # "## Deprecation Reason"
               # "## Current Status and Future Plans": where a write-up says whether the problem is fixed yet
               r"|\bcurrent (?:status|state)\b|\bstatus quo\b|\bétat actuel\b|\bestado actual\b|\bestado atual\b|\baktueller stand\b"
               r"|현재 상태|現状|現在の状況|当前状态|目前状态|当前状况"),
    ("steps", r"^(how to|steps?\b|procedure\b)"),  # "How to Delete a Database Instance": a procedure, like the Steps
    ("author", r"^(authors?|created by|written by|reporters?|reported by|owner)$"),
    ("verification", r"\b(verification|verify|validation|validate|health ?checks?|how to tell it worked)\b"
                     r"|\bpost-?\w+ checklist\b|\bchecklist (post|after)\b|\bafter (the )?(restart|deploy\w*|run|execution)\b"),
    # "Pre-Migration Checklist", "Before you begin": what must hold before the procedure starts
    ("prerequisites", r"\b(prerequisites?|pre-requisites?|preconditions|before you (start|begin)|pre-\w+ checklist|preflight"
                      r"|pre-?(deploy\w*|migration|upgrade|flight|checks?))\b"
                      r"|\bpr[eé]-?r?requis\w*"  # "0. Pré-requisitos", "Prérequis", "Prerrequisitos"
                      r"|^\W*pr[eé]-(?!prod)\w+\W*$"),  # "### Pre-Restauración", "### Pré-migration": what holds before it
]]
# The same sections in the other languages notes are written in (no \b: CJK words sit inside longer runs).
HEADING_FIELDS += [(f, re.compile(p, re.I)) for f, p in [
    ("resolution", r"\b(lösung|behebung|wiederherstellung|résolution|remédiation|solución|mitigación|resolução)\b|대응|복구|해결|修正手順|解決策|復旧|対応"),
    ("root_cause", r"\b(ursache|cause et|causes?|causa raíz|causa)\b|근본 원인|원인|根本原因|原因|^分析$|^問題分析$|^问题分析$"),
    ("impact", r"\b(auswirkung(en)?|exposition|impacto)\b|임팩트|영향|影響"),
    ("timeline", r"\b(chronologie|zeitleiste|zeitachse|ablauf|cronología|linha do tempo)\b|타임라인|타임 라인|タイムライン|時系列|経緯"),
    ("lessons", r"\b(lehren|erkenntnisse|leçons|enseignements|prévention|lecciones|lições)\b|교훈|再発防止|教訓|学び"),
    ("action_items", r"\b(maßnahmen|actions|acciones|ações)\b|재발 방지 액션|후속 조치|액션|アクション|次のアクション|宿題|待办|后续行动|다음 할 일"),
    ("context", r"\b(ausgangslage|kontext|hintergrund|contexte|contexto)\b|배경|背景"),
    ("decision", r"\b(entscheidung|décision|decisión|decisão)\b|결정|決定"),
    ("rationale", r"\b(begründung|justificación|justificativa|justificação|motivazione)\b|обоснование|обґрунтування|決定理由|选择理由|理由|근거"),
    ("consequences", r"\b(folgen|konsequenzen|conséquences|consecuencias|consequências)\b|결과|影響"),
    ("options", r"\b(alternativen|alternatives|alternativas|optionen)\b|대안|代替案|選択肢"),
    ("overview", r"\b(zusammenfassung|résumé|resumen|resumo)\b|요약|概要"),
    ("verification", r"\b(überprüfung|vérification|verificación|verificação)\b|\bchecklist post|검증|確認|ヘルスチェック|헬스 ?체크|健康检查"),
    ("status", r"^(estado|statut|estatuto|stato|статус|stan)$|^(상태|ステータス|状态|狀態)$"),
    # "지속: 1시간 36분", "Dauer: 2 h", "所要時間": a line or section labelled with the length of the outage
    ("duration_minutes", r"^(duration|total duration|outage duration|downtime|total downtime|time to (recover|recovery|resolve|resolution)"
                         r"|dauer|ausfallzeit|störungsdauer|durée|durée de l'incident|duración|duração|durata|длительность"
                         r"|продолжительность|czas trwania|süre|지속|지속 시간|소요 시간|장애 시간|장애 지속 시간|所要時間|継続時間|障害時間"
                         r"|持续时间|持续|时长|故障时长|影响时长)$"),
]]

# Wording that asks for a section rather than a typed field: field -> (pattern, weight).
SECTION_ASKS: list[tuple[str, float, re.Pattern]] = [(f, w, re.compile(p, re.I)) for f, w, p in [
    ("resolution", 1.0, r"\bhow (was|were|did|do|does|is|are|can|could|should) .*\b(fix|fixed|resolv\w*|mitigat\w*|solv\w*|recover\w*|stop\w*|restor\w*)|\bwhat (fixed|resolved|solved|stopped)\b|\bwhat (was|were) (done|tried)\b|\bresolution\b|\bmitigat\w*|\bworkaround"),
    ("impact", 0.8, r"\blead to\b|\bresult in\b|\bwhat happens\b|\beffects?\b|\bconsequences? for\b"),
    ("diagnosis", 0.6, r"\bdiagnos\w*|\btroubleshoot\w*|\binvestigat\w*|\bhow (do|can|should) (i|we) (check|tell|find out|confirm)"),
    ("overview", 0.6, r"\bwhat does .* (mean|measure|indicate)|\bwhen does .* (fire|show|trigger|go off)|\bwhat is the .* alert\b"),
    ("lessons", 0.8, r"\blessons?\b|\bwent (well|wrong|poorly)\b|\btakeaways?\b|\blearn(ed|t)?\b|\bprevent\w*|\bavoid(ed)? (it|this|that)\b|\bhappen(ing)? again\b"),
    ("root_cause", 0.8, r"\bhow did .* (happen|end up|get)|\bwhat made\b(?!.*\b(worse|longer|slower|harder)\b)|\bwhy did .* (crash|fail|break|happen)"),
    ("lessons", 0.8, r"\bwhat made .*\b(worse|longer|slower|harder)\b|\bwhat (slowed|delayed|prolonged|hampered)\b"),  # what went wrong
    ("context", 0.6, r"\bwhy did (we|they|\w+) (want|choose|pick|decide|move|switch|adopt)"),
    ("author", 1.0, r"\bwho (wrote|authored|created|reported)\b|\bauthor"),
    ("status", 1.0, r"\bstill (hold|holds|stand|stands|apply|applies|valid|true|current)\b"),
    ("verification", 1.0, r"\bhow (do|can|will|would|should) (i|we|you) (know|tell|confirm|make sure|be sure)\b|\bis (it|the \w+( \w+){0,3}) (over|fixed|resolved|healthy|back)\b|\bcheck .*\b(worked|finished|complete|completed|done|succeeded)\b|\bverif(?!iers?\b)\w*|\bvalidat(?!ors?\b)\w*"),
    ("options", 0.8, r"\bwhy (wasn'?t|was not|weren'?t|not|(didn'?t|did not) (we|they|you|the team) (just |simply )?(pick|choose|use|go with|adopt|take))\b|\brejected\b|\bdrawbacks? of\b"),
    ("steps", 0.5, r"^how (do|can|should|would|must) (i|we|you|one) (?!know|tell\b)\w+"),  # "how do I restore X": the procedure
    # "how do I pull a backup of the bot's database?": the commands a guide gives outside its numbered steps are procedure too
    ("other_commands", 0.5, r"^how (do|can|should|would|must) (i|we|you|one) (?!know|tell\b)\w+"),
    # "do we publish a latest tag?", "are we still using RabbitMQ?", "did we go with X?": what the team does is decided
    ("decision", 0.8, r"^\W*(do|does|did|are|were|will|should|shall|have) we\b(?!.*\b(know|notice|find out|learn|detect)\b)"),
    # "how are runners supposed to get credentials?", "who is allowed to deploy?": a rule the team set, which is decided
    ("decision", 0.8, r"\b(supposed|meant|expected|allowed|permitted|required) to\b|\bwho (is|are|gets?) (allowed|permitted)\b|\bpolicy\b"),
]]


# The typed answerer behind a section a question asks for in so many words.
SECTION_INTENTS = {"status": "status", "verification": "verify"}


@lru_cache(maxsize=8192)
def heading_fields(heading: str) -> tuple[str, ...]:
    """Every section the last part of a heading path names: the question's own section words first, then the labels
    the notes' readers know in every language, for each kind of note ("Предварительные требования", "回滚", "测试结果",
    "연락처"); a line's place says what it is about whichever kind of note it sits in."""
    last = heading.rsplit(" > ", 1)[-1].strip() if heading else ""
    found = [heading_field(last)] if last else []
    found += [vocab.field_of_label(kind, last) for kind in ("runbook", "incident", "decision")] if last else []
    return tuple(f for f in dict.fromkeys(found) if f)


def heading_field(heading: str) -> str:
    """The section a heading path names (its last part first), or ""."""
    for part in reversed([h.strip() for h in heading.split(" > ") if h.strip()]):
        for f, rx in HEADING_FIELDS:
            if rx.search(part):
                return f
    return ""


# Operations vocabulary that names the same act in different words; used only to pick the sentence
# on a page already found (never to decide which page a question is about).
SYNONYM_GROUPS = [
    {"wipe", "flush", "flushall", "clear", "purge", "erase", "empty"},
    {"delete", "remove", "drop", "destroy", "rm", "tear", "teardown", "decommission", "deprovision"},  # "tear down the environment"
    {"generate", "create", "make", "new"},
    {"restart", "reboot", "bounce", "rollout"},
    {"fix", "fixed", "resolve", "resolved", "mitigate", "mitigated", "solve", "solved", "workaround", "worked"},
    {"stop", "halt", "kill", "abort", "pause", "cut", "shut"},  # "cut all traffic": "# Stop all traffic"
    {"check", "verify", "confirm", "validate", "test"},
    {"find", "list", "show", "get", "locate", "see"},
    {"author", "wrote", "written", "created"},
    {"cost", "price", "spend", "bill", "cheaper", "expensive", "saving", "savings"},
    {"error", "failure", "fail", "failed", "failing"},
    {"end", "ended", "restored", "recovered", "resolved", "resolution", "normal", "resumed"},  # "when did the outage end": "service appears to be restored"
    {"shipper", "forwarder", "collector", "agent"},
    {"suspect", "suspected", "suspicion", "assume", "assumed", "assumption", "assumptions", "hypothesis", "thought", "believed"},
    {"first", "initial", "initially", "originally", "at first"},
    {"report", "reported", "reporter", "raised", "flagged", "noticed"},
    {"start", "started", "starting", "begin", "began", "beginning", "onset", "since", "seit", "depuis", "desde"},  # "Seit ca. 22:00 Uhr …"
    {"resolver", "resolvers", "nameserver", "nameservers", "dns"},  # "run on its resolvers": "on our nameservers"
    {"enabled", "reenabled", "resumed", "unblocked", "reopened", "reactivated"},
    {"delayed", "postponed", "deferred", "embargoed", "held"},
    {"stopgap", "temporary", "workaround", "band-aid", "hotfix", "interim", "provisional"},  # "a real fix or just a stopgap?"
    {"hand", "handed", "handoff", "escalate", "escalated", "escalation", "transferred", "reassigned"},  # "who did they hand it to"
]
SYNONYMS: dict[str, set[str]] = {}
for _group in SYNONYM_GROUPS:
    for _w in _group:
        SYNONYMS.setdefault(_w, set()).update(_group - {_w})
# One way only: "when did full service come *back*?" is said by "full service resumed"; but "switched back to it" does
# not say the service was restored
SYNONYMS["back"] = {"restored", "recovered", "resumed", "normal"}


_ADR = re.compile(r"\b(?:adr|decision|record)[\s#:_-]*0*(\d{1,5})\b|\b0(\d{3})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_HANDLE = re.compile(r"@([\w.-]+)")


# Words that name the kind of answer wanted, not what it is about: never the question's focus.
ANSWER_NOUNS = set("""
command commands cli run type invoke step steps date day time when year owner owners status option options
long duration minutes hours
""".split())


_WHO_FIRST = re.compile(r"^\W*(?:who|whom|whose)\b", re.I)
# read by Analysis (the moment a "when" asks for) and by analyse() (a "when" question wants a moment first)
_WHEN_FIRST = re.compile(r"^\W*(?:when\b|at what (?:time|hour|point)\b|what time\b|(?:on )?(?:which|what) (?:day|date)\b)", re.I)
# The acts a "when" question dates, besides participles ("restored", "paged"): what the moment is of.
EVENT_VERBS = set("""
start starts begin begins end ends stop stops fail fails crash crashes happen happens occur occurs recover recovers
restart restarts finish finishes break breaks resolve resolves fix fixes restore restores return returns detect detects
notice notices page deploy ship release roll go down come back
hang hangs stall stalls freeze freezes die dies spike spikes expire expires degrade degrades leak leaks overflow
saturate exhaust lock block trigger fire alert revert migrate switch upgrade launch merge resume pause halt drain
reboot succeed complete land
""".split())
_NOT_ACTS = {"need", "needed", "based", "related", "affected", "embedded", "hundred", "shared", "speed"}


def _is_act(w: str) -> bool:
    """An act a moment can be of: an event verb ("hang", "restart") or a participle ("restored", "paged")."""
    return w in EVENT_VERBS or len(w) > 4 and w.endswith("ed") and w not in _NOT_ACTS


@dataclass
class Analysis:
    """A question taken apart: the classic intent/subject plus soft weights and exact identifiers."""

    question: Question
    intents: list[str] = field(default_factory=list)  # every intent rule that matched, first match first
    answer_types: list[str] = field(default_factory=list)
    field_weights: dict[str, float] = field(default_factory=dict)
    adr_numbers: list[int] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # content words, intent words included (subject words first)
    said_by_intent: dict[str, set[str]] = field(default_factory=dict)  # "how was X *resolved*": the words each intent matched

    @property
    def focus(self) -> str:
        """The question's first content word in its own order ("what's *bad* about …", "which *flag* …")."""
        first = [w for w in content_words(self.question.text) if w not in ANSWER_NOUNS]  # not "command", "date"
        if _WHEN_FIRST.match(self.question.text):  # "when was the API service *restored* during …": the moment of an act
            acts = [w for w in first if _is_act(w)]
            if acts:
                return acts[-1]
        return first[0] if first else ""

    @cached_property
    def dated_act(self) -> bool:
        """"When did the thread *hang*?", "at what time was the API *restored*?": the moment asked is that of an act."""
        f = self.focus
        return bool(f) and bool(_WHEN_FIRST.match(self.question.text)) and _is_act(f)

    @property
    def text(self) -> str:
        return self.question.text

    @cached_property
    def asks_day(self) -> bool:
        """"On which date did …", "what day was …": the question wants a day, and a clock time alone is not one."""
        return bool(_ASKS_DAY.search(self.question.text)) and not _ASKS_CLOCK.search(self.question.text)

    @cached_property
    def asks_clock(self) -> bool:
        """"At what time did …", "what local time …": the question wants a moment of the day, and a day alone is not one."""
        return bool(_ASKS_TIME_OF_DAY.search(self.question.text))

    def weight_of(self, field_key: str) -> float:
        """The weight of a field key such as "options.2.reasons" or "consequences.negative"."""
        if not field_key:
            return 0.0
        if "|" in field_key:  # "field|heading section": whichever the question wants more
            return max(self.weight_of(k) for k in field_key.split("|"))
        parts = field_key.split(".")
        return max(self.field_weights.get(parts[0], 0.0), self.field_weights.get(field_key, 0.0))


_ASKS_DAY = re.compile(r"\b(?:which|what|on what|on which)\s+(?:day|date|year)\b|\bthe date (?:of|on|when)\b|날짜|며칠|哪一?天|日付|"
                       r"何日|\bqué (?:día|fecha)\b|\ban welchem (?:tag|datum)\b|\bquel(?:le)? (?:jour|date)\b|\bque dia\b|"
                       r"\bкакого числа\b|\bв какой день\b", re.I)  # not a bare "date": "where does MADR keep status and date?"
_ASKS_CLOCK = re.compile(r"\btime\b|\bhours?\b|\bclock\b|몇 시|何時|几点|\bheure\b|\buhrzeit\b|\bhora\b", re.I)
_ASKS_TIME_OF_DAY = re.compile(r"\bwhat (?:(?:local|exact|approximate|utc|clock) )?time\b(?! (?:window|frame|span|period|zone))|몇 시|何時|几点|"
                               r"\bà quelle heure\b|\bum wie ?viel uhr\b|\ba qué hora\b|\bque horas\b|\ba que horas\b", re.I)
# A moment of the day as the notes write it: "02:33", "3pm", "14時", "오후 3시", "下午3点"
CLOCK_SHAPE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\d\s?(?:時|时|点|點|시)(?![间間])"
                         r"|(?m:" + CRON_TIME + ")", re.I)
# A day in any of the notes' spellings: ISO, "March 3", "3 Mar", a year, "3/4/2025", "2025年3月", "3월 4일"
DAY_SHAPE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
                       r"|\b\d{1,2}(?:st|nd|rd|th)?\.? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(19|20)\d{2}\b"
                       r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{1,2}\s?月\s?\d{1,2}\s?日|\d{1,2}월\s?\d{1,2}일", re.I)


INSTEAD = re.compile(r"\binstead of\b|\brather than\b|\bin place of\b", re.I)


_WHY_FIRST = re.compile(r"^\W*why\b", re.I)
_STATUS_FIRST = re.compile(r"^\W*(?:what(?:'s|’s| is| was)\s+the\s+(?:current\s+|latest\s+)?status\b"
                           r"|where\s+(?:does|do|did)\b.{3,120}?\bstand\b"
                           # "has the decision to use Kafka instead of RabbitMQ been accepted?": its status, asked yes or no
                           r"|(?:has|have|had)\b.{3,160}?\bbeen\s+(?:formally\s+|officially\s+|actually\s+)?"
                           r"(?:accepted|approved|adopted|rejected|superseded|deprecated|ratified|finali[sz]ed)\s*(?:yet|already|now)?\s*\?\s*$)",
                           re.I)
# a why asked of what was done, then what was not ("X, 而不是 Y"): in the notes' languages, no negation before the "instead"
INSTEAD_OTHER = r"而不是|而非|ではなく|대신|plutôt que|au lieu de|\bstatt\b|\banstatt\b|en lugar de|en vez de|em vez de|\bвместо\b|invece di"
_WHY_THIS_INSTEAD = re.compile(r"(?:为什么|為什麼|为何|なぜ|どうして|왜|pourquoi|warum|por ?qué|por que|perché|почему)(?:(?!不|没|沒|ない|않|안 |pas |nicht|no |não |non |не ).)*?"
                               rf"(?:{INSTEAD_OTHER})", re.I)
WHY_NOT = re.compile(r"^\W*why\s+(?:not|didn'?t|did\s+\w+\s+not|wasn'?t|weren'?t|was\s+\S+(?:\s+\S+){0,3}\s+not)\b", re.I)


# "When shrinking the BE tier, should I DROP or DECOMMISSION?": a leading clause sets the scene; the question
# after its comma is what is asked.
_SCENE_FIRST = re.compile(r"^\s*(?:when|while|if|once|after|before|during)\s+[^,?]{3,80},\s*(?=(?:should|do|does|did|can|could|"
                          r"must|is|are|was|were|which|what|how|who|where|why|will|would)\b)", re.I)


_ASKS_PURPOSE = re.compile(r"^\W*(?:what(?:'s| is| are)\s+(?:the|this|that)\s+.{1,60}\b(?:runbook|playbook|procedure|guide)s?\s+for\W*$"
                           r"|what does\s+(?:the|this|that)\s+.{1,60}\b(?:runbook|playbook|procedure|guide)\s+cover\b"
                           r"|when should (?:i|we|you) use\s+(?:the|this|that)\s+.{1,60}\b(?:runbook|playbook|procedure|guide)\W*$)", re.I)
_HOW_DO_I = re.compile(r"\bhow (?:do|can|should|would) (?:i|we|you) (?!know\b|tell\b|feel\b|decide\b|explain\b)[a-z]+", re.I)


_OPTION_INTENTS = frozenset(("rejected", "chosen", "options"))


def _names_written(text: str) -> set[str]:
    """Words written as names after the question's first word: capitalised ("Auth0", "Kafka") or holding a digit."""
    return {t.lower() for t in re.findall(r"[\w.-]+", text)[1:] if t[:1].isupper() or any(ch.isdigit() for ch in t)}


# "Como faço para o journald não voltar a encher o disco?", "¿Cómo hago para …?", "Comment faire pour …", "Wie kann ich …"
_HOW_DO_I_FOREIGN = re.compile(r"\bcomo (?:faço|fazer|posso|devo)\b|\bcómo (?:hago|hacer|puedo|debo)\b|\bcomment (?:faire|puis-je|dois-je|je)\b"
                               r"|\bwie (?:kann|mache|muss|soll) ich\b|\bwie \w+e (?:ich|wir|man)\b|\bcomment \w+-(?:je|on)\b|\bcomment (?:on|est-ce qu)\b"
                               r"|\bc[oó]mo se \w+\b|\bкак (?:мне )?(?:сделать|настроить|исправить|запустить)\b"
                               r"|どうすれば|どうやって|怎么(?:做|办|才能)|如何(?:才能)?|어떻게 (?:하면|해야)", re.I)


_INTENSIFIER = re.compile(r"\b(?:actually|really(?! there)|exactly|precisely|ultimately|originally|basically|truly|finally|eventually)\s+",
                          re.I)  # "are the tables *really there*" asks whether they are present


def analyse(text: str) -> Analysis:
    q = classify(text)
    scene = _SCENE_FIRST.match(q.text)
    asked = q.text[scene.end():] if scene else q.text  # what the intents and answer types are read from
    asked = _INTENSIFIER.sub("", asked)  # "what *actually* caused it?" asks what "what caused it?" does
    matched = {name: m.group(0) for name, _types, rx in _COMPILED if (m := rx.search(asked))}
    intents = list(matched)
    foreign = foreign_intents(q.text)
    intents += [n for n in foreign if n not in intents]  # "Pourquoi …", "Wann …"
    if intents[:1] == ["why"] and "rejected" in foreign:
        # "RabbitMQ 하나만 쓰는 안은 왜 탈락했나요?", "Warum wurde MongoDB verworfen?": why the option lost
        intents = ["rejected"] + [i for i in intents if i != "rejected"]
    if q.intent == "prerequisites" and "prerequisites" not in intents:
        # "Before rolling X back, what do I have to do first?": the scene set first is what the prerequisites are for
        intents = ["prerequisites"] + intents
    if "rejected" in intents and INSTEAD.search(q.text) and not q.text.lower().lstrip().startswith("why"):
        # "what did we choose instead of PDNS?", "where should I keep zip files instead of the repo?": the replacement
        intents = ["chosen"] + [i for i in intents if i not in ("rejected", "chosen")]
    if _WHY_FIRST.match(q.text) and "why" in intents and "chosen" in intents and not WHY_NOT.match(q.text):
        # "why was Kafka chosen instead of RabbitMQ?": the reasons for the choice, before the option that lost
        intents = ["why"] + [i for i in intents if i != "why"]
    if intents[:1] == ["rejected"] and "why" in intents and _WHY_THIS_INSTEAD.search(q.text):
        # "为什么要加一层 Kafka，而不是直接写 ClickHouse？", "¿Por qué Kafka en lugar de RabbitMQ?": why the one taken
        intents = ["why", "rejected", "chosen"] + [i for i in intents if i not in ("why", "rejected", "chosen")]
    status_first = bool(_STATUS_FIRST.match(q.text))
    if status_first:
        # "what's the status of the decision to always do full migrations instead of deltas?", "where does the
        # lazy-init decision stand?": the record's status, whatever else the question names
        intents = ["status"] + [i for i in intents if i != "status"]
    if _WHEN_FIRST.match(q.text) and "when" in intents and intents[0] not in TIME_INTENTS:
        # "at what time did the model refuse to run the injected command?": a moment, whatever the moment was of
        intents = ["when"] + [i for i in intents if i != "when"]
    if _WHO_FIRST.match(q.text) and "when" in intents and not re.search(r"\bwhen\b", q.text, re.I):
        # "who decides the date the new school year opens?": a person; the date is what they decide
        intents = [i for i in intents if i != "when"] + ["when"]
    if "meaning" in intents and intents[0] != "meaning" and _ASKS_PURPOSE.search(q.text):
        # "what is the rollback runbook for?": "rollback" names the runbook; what it is for is asked
        intents = ["meaning"] + [i for i in intents if i != "meaning"]
    types = [name for name, rx in _TYPES if rx.search(asked)]
    if foreign_question(q.text):  # "Was machen wir, wenn …": German "was" asks what, it opens no yes/no question
        types = [t for t in types if t != "yesno"]
    types += [t for t in foreign_types(q.text) if t not in types]
    if "command" in types and _RUN_FIRST.match(q.text):  # "what query do I run to see how many seconds behind it is?"
        types = ["command"] + [t for t in types if t != "command"]
    if "duration" in types and _HOW_MUCH_DOWN.search(asked):  # "how much downtime did it cost us?": time lost, not money
        types = [t for t in types if t not in ("money", "number", "reason")]
    if "setting" in types:  # "what HEALTHCHECK settings did we put in …": the values, though the setting names a check
        types = ["setting"] + [t for t in types if t != "setting"]
    if not types and not intents and (_HOW_DO_I.search(asked) or _HOW_DO_I_FOREIGN.search(asked)):
        types = ["command"]  # "how do I cut all traffic to the app?": a verb no rule lists asks what to run or do
    if "severity" in types and "number" in types:  # "심각도는 몇 등급이었나요?": "how many grades" asks the severity level
        types = ["severity"] + [t for t in types if t != "severity"]
    if "person" in types and _WHO_FIRST.match(q.text):
        types = ["person"] + [t for t in types if t != "person"]
    if status_first:
        types = ["status"] + [t for t in types if t != "status"]
    if "reason" in types and _WHY_FIRST.match(q.text):
        why = [t for t in types if t in ("drawback", "reason")]  # "why didn't the alert reach the owner": a reason, not a person
        types = why + [t for t in types if t not in why]
    weights: dict[str, float] = {}
    for rank, intent in enumerate(intents[:4]):
        w = (1.0, 0.6, 0.4, 0.3)[rank]
        if intent == "impact" and not _IMPACT_WORDS.search(q.text):
            w *= 0.5  # "how many X" asks for a number, not necessarily the impact section
        for f in INTENT_FIELDS.get(intent, ()):
            share = 0.5 if f == "summary" else WHEN_TIMELINE if (intent, f) == ("when", "timeline") else FIELD_SHARE.get((intent, f), 1.0)
            weights[f] = max(weights.get(f, 0.0), w * share)
    if "verify" in types:  # "how did they confirm the fix really worked?": a "Validation" section says, in any record
        weights["verification"] = max(weights.get("verification", 0.0), 1.0)
    for f, w, rx in SECTION_ASKS:
        if rx.search(q.text):
            weights[f] = max(weights.get(f, 0.0), w)
            if SECTION_INTENTS.get(f) and w >= 1.0 and SECTION_INTENTS[f] not in intents:
                intents.append(SECTION_INTENTS[f])  # "does ADR-036 still hold": the status answerer applies too
    return Analysis(question=q, intents=intents, answer_types=types, field_weights=weights,
                    # "why was *Auth0* rejected": the option a rule's wildcard spans is what is asked of the options
                    said_by_intent={name: set(content_words(m)) - (_names_written(q.text) if name in _OPTION_INTENTS else set())
                                    for name, m in matched.items()},
                    adr_numbers=adr_numbers(q.text), dates=dates(q.text), handles=_HANDLE.findall(q.text),
                    words=list(dict.fromkeys(q.subject + [w for w in content_words(q.text) if w not in ROUTING_NOUNS])))


def adr_numbers(text: str) -> list[int]:
    """ADR numbers a text names: "ADR-14", "adr 014", "ADR0014", "decision #14", a bare "0014"."""
    out = []
    for m in _ADR.finditer(text):
        n = int(m.group(1) or m.group(2))
        if n not in out:
            out.append(n)
    return out


_MONTHS = {m: i for i, ms in enumerate([("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
                                         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
                                         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
                                         ("dec", "december")], 1) for m in ms}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,? (\d{4}))?\b", re.I)
_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b", re.I)


def dates(text: str) -> list[str]:
    """Dates a text names, as "YYYY-MM-DD" or "-MM-DD" when the year is not given."""
    out = [f"{y}-{m}-{d}" for y, m, d in _ISO.findall(text)]
    for d, mon, y in _DAY_MONTH.findall(text):
        out.append(f"{y or ''}-{_MONTHS[mon.lower()[:3] if mon.lower()[:3] in _MONTHS else mon.lower()]:02d}-{int(d):02d}")
    for mon, d, y in _MONTH_DAY.findall(text):
        if int(d) <= 31:
            out.append(f"{y or ''}-{_MONTHS[mon.lower()[:3]]:02d}-{int(d):02d}")
    for y, mon, d in _CJK_MONTH_DAY.findall(text):  # "2025년 10월 3일", "10월 3일", "10月3日"
        if 1 <= int(mon) <= 12 and 1 <= int(d) <= 31:
            out.append(f"{y}-{int(mon):02d}-{int(d):02d}")
    for d, mon, y in _DOTTED.findall(text):  # "am 26.08.2022": day first, as everywhere dots are written
        if 1 <= int(mon) <= 12 and 1 <= int(d) <= 31:
            out.append(f"{y}-{int(mon):02d}-{int(d):02d}")
    return list(dict.fromkeys(out))


def date_phrases(text: str) -> list[str]:
    """The words that write a date in `text` ("September 5", "10월 3일"), as written."""
    return [m.group(0) for rx in (_ISO, _DAY_MONTH, _MONTH_DAY, _CJK_MONTH_DAY, _DOTTED) for m in rx.finditer(text)]


_CJK_MONTH_DAY = re.compile(r"(?:(\d{4})\s*[년年]\s*)?(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")


def same_day(a: str, b: str) -> bool:
    """Two dates from dates(): the same month and day, and the same year when both give one."""
    return a[-5:] == b[-5:] and (not a[:4].isdigit() or not b[:4].isdigit() or a[:4] == b[:4])


_CODE_SPAN = re.compile(r"`([^`]+)`")
_NAME = re.compile(r"\.?[A-Za-z_][\w.:/-]*")  # cookie_id, payment_transactions.created_at, deploy-manualmode.sh, .de; not --flag, not "make check"


def _names_only(text: str) -> bool:
    """Every code span of a prose sentence is a bare name (or a setting), and it names no command-line tool."""
    spans = _CODE_SPAN.findall(text)
    return bool(spans) and all(_NAME.fullmatch(s.strip()) or _SETTING.fullmatch(s.strip()) or _VALUE.fullmatch(s.strip())
                               for s in spans) and not _CLI_WORD.search(text)


_SETTING = re.compile(r"[A-Z][A-Z0-9_]*=\S*")  # "`PGSSLMODE=require`": a setting to export, not the command itself
_VALUE = re.compile(r"[\w.-]+=[\w.:/-]*|\d[\w.:%/-]*")  # "`throttled=0x0`", "`0x4`", "`127.0.0.1`": a value a command shows


_ASSIGNS_ONLY = re.compile(r"^\W*`[A-Z][A-Z0-9_]*=[^`]*`")  # a line that opens with an environment setting
_CLI_WORD = re.compile(r"^\s*\$ |\b(kubectl|helm|git|docker|psql|curl|systemctl|make|npm|pip|terraform|aws|gcloud|ssh|sudo)\b")


# A pros-and-cons line says its own verdict first ("Good, because …", "Bad, because …", "Pro: …", "Con: …"):
# that verdict, not a "does not" inside it, says whether it is a drawback or a benefit.
_VERDICT = re.compile(rf"^\W{{0,3}}(?:(good|bad|pros?|cons?|neutral)\b|{vocab.PROCON_TRANSLATED})\s*(?:[,:]|\s+(?:{vocab.PROCON_BECAUSE})\b)", re.I)
_BAD_VERDICTS = {"bad", "con", "cons"}


def gives_merit(text: str) -> bool:
    """ "Good, because …", "Pro: …", "Gut, weil …": a pros-and-cons line that gives a merit, no answer to "what are the drawbacks"."""
    m = _VERDICT.match(text)
    return bool(m) and _verdict_side(m) == "good"


def _bad_verdict(m: re.Match) -> bool:
    """ "Bad, because …", "Schlecht, weil …", "Négative, car …": the line gives a drawback."""
    return _verdict_side(m) == "bad"


def _verdict_side(m: re.Match) -> str:
    """'good', 'bad' or 'neutral' for a verdict _VERDICT matched, in English ("Pros:", "Con:") or another language."""
    if not m.group(1):
        return vocab.procon_side(m.group(2))
    word = m.group(1).lower()
    return "bad" if word in _BAD_VERDICTS else "neutral" if word == "neutral" else "good"


def shape_match(types: list[str], text: str, kind: str = "", near: list[str] | None = None) -> float:
    """1.0 when `text` looks like an answer of the question's first expected type, less for later ones.

    For a number, `near` (the question's own words) must sit within a few words of it for full marks."""
    for rank, t in enumerate(types[:3]):
        if t == "number" and near:
            toks = re.findall(r"[\w.,%]+", _NOT_COUNTS.sub(" ", text.lower()))  # "16:49", "2021-11-25", "v1.4.0" count nothing
            nums = [i for i, tok in enumerate(toks) if re.match(r"\d", tok)  # "100", "1.15", not "k8s"
                    and not (kind == "code" and tok in ("0", "1"))]  # "THEN 1", "SELECT 1", "exit 0": code's flags, no count
            stems = _near_stems(tuple(near))
            hits = [i for i, tok in enumerate(toks) if tok.startswith(stems)]
            if nums and any(abs(i - j) <= 3 for i in nums for j in hits):
                return 1.0 / (1 + rank)
            if nums:
                return 0.4 / (1 + rank)
            continue
        if t == "command" and kind == "code" and not vocab.log_output(text):
            return 1.0 / (1 + rank)
        if t == "command" and _names_only(text):
            return 0.4 / (1 + rank)  # "the `cookie_id` column": code-formatted names, no command
        if t == "command" and kind != "code" and _ASSIGNS_ONLY.search(text):
            return 0.6 / (1 + rank)  # "`FAILOVER_MAX_WAIT=60` to wait longer": a setting, not the command
        if t == "list" and kind in ("item", "row"):
            return 0.6 / (1 + rank)
        if t == "drawback" and _VERDICT.match(text):
            bad = _bad_verdict(_VERDICT.match(text))
            return 1.0 / (1 + rank) if bad else 0.0  # "Good, because it does not …" is no drawback
        if kind == "code" and t in _TOLD_IN_PROSE and _commands_only(text):
            continue  # "--since '7 days'" in a command is no reason, "if [ -f … ]" no condition
        if kind == "code" and t == "date" and not _DAY_IN_CODE.search(text):
            continue  # "max_client_conn = 2000": a bare number in a config or a script is no year; a log line's 09:32:37 is a moment
        rx = TYPE_SHAPES.get(t)
        if rx is not None and (rx.search(text) or (_GLUED.search(text) and rx.search(_unglued(text)))):
            return 1.0 / (1 + rank)
    return 0.0


# Chinese, Japanese and Korean write a figure against the words around it ("最低でも2GBのメモリ", "2025-03-12に"), and
# to a regular expression those characters are letters too, so no \b falls between them: the shapes are tried
# again with spaces around such a Latin token. A bare number stays against its character ("6月4日", "10分"): the
# shapes read those as written.
_GLUED = re.compile(f"[{vocab.CJK_CHARS}][A-Za-z0-9]|[A-Za-z0-9][{vocab.CJK_CHARS}]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9][\w.:/-]*(?<![.:/-])", re.A)


def _unglued(text: str) -> str:
    return _LATIN_TOKEN.sub(lambda m: f" {m.group(0)} " if not m.group(0).isdigit() else m.group(0), text)


_NOT_COUNTS = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b|\bv?\d+(?:\.\d+){2,}\b"
                         rf"|\b{COMMIT_HASH}\b|`\d{{7,40}}`")  # nor a commit's hash, "791dfced"


@lru_cache(maxsize=256)
def _near_stems(near: tuple[str, ...]) -> tuple[str, ...]:
    """The question's words as word starts, with their forms in other languages ("requests": "requêtes"): worked out
    once per question, not once per candidate sentence."""
    stems = [w[:max(3, len(w) - 2)] for w in near]
    return tuple(stems + [f[:max(3, len(f) - 2)] for w in near for f in equivalents(w) if " " not in f])


# Answer types only a sentence gives: a block of commands ("--since", "if", "cons") does not say them; notes kept in a
# fence ("원인 A — IP 화이트리스트 차단 …") still can.
_TOLD_IN_PROSE = frozenset({"reason", "drawback", "condition"})
_DAY_IN_CODE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
                          r"|" + CRON_TIME, re.I | re.M)
_FLAG = re.compile(r"(?:^|\s)--?[a-z][\w-]*")


def _commands_only(text: str) -> bool:
    """Most of a code block's lines (comments aside) are commands: a command word, a prompt or a flag."""
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith(("#", "//", "--"))]
    said = sum(1 for ln in lines if TYPE_SHAPES["command"].search(ln) or _FLAG.search(ln))
    return bool(lines) and 2 * said >= len(lines)
