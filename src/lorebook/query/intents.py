"""What a question asks for: an intent (a typed field, usually) and the words that name its subject.

Rules are ordered: the first pattern that matches wins. Each intent says which
page types can answer it, so "how long was the May outage" looks at incidents
and "why didn't we pick DynamoDB" at decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lorebook.query.search import words
from lorebook.query.vocabulary import FOREIGN_STOP, foreign_intents, foreign_question
from lorebook.translations import HAN, HAN_KANA, KANA

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
    "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
    "last": -1, "final": -1, "첫": 1, "첫번째": 1, "첫 번째": 1, "두번째": 2, "두 번째": 2, "세번째": 3, "세 번째": 3, "마지막": -1,
}

INC, DEC, RUN = ("incident",), ("decision",), ("runbook",)
JUDGED_BAD = (r"\bwhy (?:was|were|is|are)\b[^?]{0,80}\b(?:considered|deemed|seen as|judged|thought|found)\s+(?:to be\s+)?(?:an?\s+)?"
              r"(?:bad|poor|worse|weak|risky|unsuitable|inferior|unacceptable|not viable|unviable)\b"
              r"|\b(?:counts?|counted|speaks?|spoke|argues?|argued|weighs?|weighed|worked|works)\s+against\b")

# "The destroy command dies saying …": the command is the subject of the trouble, not what is asked for.
NOT_FAILING = (r"(?!\s+(?:dies|died|fails|failed|errors|errored|hangs|hung|crashes|crashed|says|said|returns|returned|exits"
               r"|exited|prints|printed|complains|complained|times out|timed out|keeps|stops|stopped|breaks|broke)\b)")

# States a check confirms ("is TFTP listening?", "is the volume mounted?").
_STATE = (r"(?:listening|running|up|working|healthy|reachable|open|back|ok|fine|done|applied|mounted|installed|started|gone"
          r"|removed|deleted|serving|responding|synced|in sync|enabled|disabled|active|live)")
# "what should I check after restoring the database?", "what do we look at once the deploy is done?": the checks that
# follow the work, not the work itself (nor "what should I check first if …", a diagnosis)
AFTER_CHECK = r"\bwhat (?:should|do|must|can|would) (?:i|we|you) (?:check|verify|look at|test|confirm|validate)\b[^?]*?\b(?:after|once)\b"


# Causes asked without the word: "what made the proxy keep running out of memory?", and "what stopped new emulators
# from booting?" / "what prevented the pods from starting?" (what got in the way; "what stopped the outage" is a fix).
# The intent and the answer type (analysis.ANSWER_TYPES) read them alike.
WHAT_MADE_IT = (r"\bwhat (?:actually |really |exactly )?(?:made|makes|kept|keeps) (?:the |our |a |an )?\S+(?: \S+){0,3} "
                r"(?:keep |go |run |fail|crash|stop|break|hang|die|leak|spike|slow|time out|lock|drop|return|throw|loop|restart)")
WHAT_GOT_IN_THE_WAY = r"\bwhat (?:actually |really )?(?:stopped|prevented|kept|blocked|held back)\b.{1,60}\bfrom \w+ing\b"

# "まず最初に何をすべき？", "Was muss ich zuerst tun?": the first thing to do, asked in other words. Not Korean's "먼저":
# it also means "earlier", and a held-out Korean question asking it was answered worse as a runbook step.
_FIRST = r"(?:まず|最初に|首先|第一步|zuerst|als erstes|d'abord|en premier|primero|per prima cosa|в первую очередь|сначала)"
_DO = (r"(?:何を|なにを|做什么|做些什么|\bwas\b.{0,30}\b(?:tun|machen)\b|\bque (?:dois-je |faut-il |doit-on )?faire\b"
       r"|\bqu[ée] (?:hago|hacemos|hacer|debo hacer)\b|\bo que (?:fazer|faço|fazemos)\b|\bcosa (?:fare|faccio)\b|\bчто (?:делать|сделать)\b)")
FIRST_THING_FOREIGN = (rf"{_FIRST}.{{0,20}}{_DO}|{_DO}.{{0,20}}{_FIRST}"
                       r"|\bwas\b[^?]{0,25}\b(?:zuerst|als erstes)\b[^?]{0,15}\b(?:tun|machen)\b")

# "How out of date can the mirror be?", "how far behind does the replica run?": a lag, which is a length of time
HOW_LAGGED = r"\bhow (?:out[ -]of[ -]date|stale|far behind|delayed)\b"
# "how much downtime did it cost us?": the time lost, not money
HOW_MUCH_DOWN = r"\bhow much (?:downtime|down[- ]time|outage|disruption)\b"
# "date" that asks for one: not "out of date", "up to date", "up-to-date"
DATE_WORD = r"(?<!out of )(?<!up to )(?<!-)\bdate\b"

# (intent, page types, pattern) — first match wins.
# One thing taken in place of another: "React rather than Vue", "Vue ではなく React", "Kafka 而不是 RabbitMQ".
RATHER_THAN = (r"\brather than\b|ではなく|じゃなく|而不是|而非|대신|\b(?:an)?statt\b|\bau lieu de\b|\bplutôt que\b"
               r"|\ben (?:lugar|vez) de\b|\bem vez de\b|\bao invés de\b")

RULES: list[tuple[str, tuple[str, ...], str]] = [
    ("step", RUN, r"\bwhat (do|should|must|can) (i|we|you) (do|try|check) first\b|" + FIRST_THING_FOREIGN + "|"
             r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(st|nd|rd|th)?)\s+(step|thing)\b|\bstep\s*(#|no\.?|number)?\s*\d+\b|(첫|두|세|마지막)\s*(번째)?\s*단계|\b(start|begin|first)\b.*\b(with|do)\b"),
    ("rollback", RUN, r"\bhow (do|can|should|would) (i|we|you) (\w+ly )?(undo|revert|roll ?back|back out|reverse)\b|\bwhen should (we|i) (scale|roll|revert|undo|go)\b.*\b(back|down|baseline|normal)\b|\b(roll ?back|undo|revert)\b.*\b(rotation|runbook|procedure|if|fails?|goes wrong|break)|\bif (it|the|this) (fails|goes wrong|breaks)(?=\s*[,.;?!)]|\s*$|\s+(?:then|again|during|after|while|halfway|midway)\b)|\bback ?out\b"),
    # "… shows as paused. How do I bring it back?": the runbook's resolution for that condition
    ("resolution", INC + RUN, r"\bhow (?:do|can|should) (?:i|we) (?:bring .{1,40} back|get .{1,40} back|fix|recover|restore|resolve|unpause|revive)\b"),
    ("command", RUN, r"\b(command" + NOT_FAILING + r"|cli|what (do|should) i (run|type)|which .* (run|invoke)|how do i (run|invoke)"
                     r"|what (sql|query|queries|statement|snippet|one-liner)s? (do|should|can|would) (i|we|you) (run|use|execute|type|paste))\b|명령"),
    ("prerequisites", RUN, r"\b(prerequisites?|requirements|need (before|to have)|what access|permissions? (do|are)|required access|before (i|we|you) start)\b"
                           # "which ports have to be reachable before imaging will work?", "what do I have to do before retrying?"
                           r"|\b(?:have|has|need|needs|must) to (?:be|do|have|get)\b[^?]{0,60}\bbefore\b"
                           # "what do I need in hand before building the container?"
                           r"|\bwhat (?:do|does|should|must|would) (?:i|we|you|they) (?:need|require)\b[^?]{0,30}\bbefore\b"
                           # "what must be in place before I run a migration?"
                           r"|\b(?:must|should|has to|have to|needs? to) be (?:in place|done|ready|set up|true|checked|ticked)\b[^?]{0,60}\bbefore\b"
                           r"|\bwhat (?:do|must|should) (?:i|we|you) (?:do|have|check|prepare)(?: first)? before\b|\bbefore (?:retrying|trying again)\b"
                           # the order turned round: "Before rolling X back, what do I have to do first?"
                           r"|^\W*before\b[^?]{3,120}\bwhat (?:do|does|must|should) (?:i|we|you) (?:(?:have|need) to |must )?(?:do|check|prepare|have ready)\b"
                           r"|\bneed(?:ed)?\s+(?:to\s+)?(?:have\s+)?(?:installed|set up|in place|ready)\b|\brequired (?:tools|software|packages)\b"
                           # "¿Qué necesito tener antes de respaldar…?", "O que preciso ter antes de…", "Was brauche ich, bevor…"
                           r"|\bqu[ée] (?:necesito|necesitamos|hace falta)\b[^?]{0,30}\bantes de\b|\bo que (?:eu )?(?:preciso|precisamos)\b[^?]{0,30}\bantes de\b"
                           r"|\bde quoi (?:ai-je|avons-nous|a-t-on) besoin avant\b|\bqu'(?:est-ce qu'il|il) (?:me|nous) faut avant\b"
                           r"|\bwas (?:brauche ich|brauchen wir|muss ich)\b[^?]{0,30}\b(?:bevor|vor dem|vorher)\b"
                           r"|\brequisitos previos\b|\bpr[ée]-?requisitos\b|\bpr[ée]requis\b|\bvoraussetzungen\b"),
    # "which team maintains the restore runbook?", "who owns this playbook?": the runbook's own owner
    ("owner", RUN, r"\b(?:who|which (?:team|group|person|people))\s+(?:owns|maintains|keeps|looks after|is responsible for)\b"
                   r"(?=.*\b(?:runbook|playbook|manual|procedure|guide|page|doc|document|checklist)\b)"
                   r"|\b(?:owner|maintainer)s? of (?:the|this) (?:\S+ ){0,4}(?:runbook|playbook|manual|procedure|guide)\b"),
    ("contacts", RUN, r"\b(who (should|do|can|must) (i|we|you) (call|contact|ping|page|ask|escalate|talk to|speak (?:to|with)|reach out to|consult|notify|inform)|contact|escalat|on[- ]?call|who owns the (database|db|service))\b|연락"),
    ("verify", RUN, r"\b(verify|check (that|if) it worked|confirm (it|that|the fix)|how do (i|we) know it worked)\b"
                    # "how can I confirm TFTP is actually listening?": a check that a state holds
                    r"|\bhow (?:do|can|should|would) (?:i|we|you) (?:\w+ly )?(?:confirm|check|verify|make sure|be sure|see|tell) (?:that |whether |if )?"
                    r"\S+(?: \S+){0,5} (?:is|are|was|were|has|have) (?:actually |really |now |still )?" + _STATE + r"\b"
                    r"|\bhow (?:do|can|should|would) (?:i|we|you) (?:confirm|check|verify|make sure|be sure|see|tell) (?:that )?"
                    r"(?:nothing|none|no \w+)\b.{0,30}\b(?:is |are )?(?:left|remains?|remaining)\b"  # "… nothing of it is left behind"
                    r"|" + AFTER_CHECK),
    ("caveats", RUN, r"\b(caveat|gotcha|watch out|careful|pitfall|warning)\b"),
    ("action_owner", INC, r"\bwho (owns|is (on(?![- ]?call)|doing|responsible for|assigned)|has|will)\b.*\b(alert|lint|test|item|fix|follow|task|runbook|cap|stream|checklist)|\bwho.*(assigned|responsible)"
                          # "who has to post the summary after the meeting?": a task someone took away
                          r"|\bwho (?:has to|needs to|must|is supposed to|is going to|will have to)\b(?!.*\b(?:approve|sign|decide)\b)"
                          r"|负责人|负责|担当者|担当|담당자|책임자"),
    # "Is the Grafana no-data issue still open?", "Is the disk-full incident closed out?": the record's own status line
    ("status", INC, r"^\W*(?:is|was|are|were|has|have)\s+(?:the|this|that|our)\s+(?:[\w.-]+\s+){0,5}?(?:incident|issue|outage|problem|"
                    r"post-?mortem|bug|ticket)s?\s+(?:\w+\s+)?(?:still\s+)?(?:open|resolved|closed(?:\s+out)?|fixed|ongoing|over|active|"
                    r"been\s+(?:resolved|closed|fixed))(?=\s*(?:[?,.;]|$|\s+(?:yet|now|or|already)\b))"),  # not "fixed after the change?"
    ("action_items", INC, r"\b(does not|doesn'?t|won'?t|never|not) (happen|occur|recur) again\b|\b(long|short|medium)[- ]term (fix|fixes|work|actions?|plans?|changes?|items?)\b|\bwhat (fixes|changes|actions|follow-?ups) (were|are|have been|got) (agreed|planned|promised|committed|proposed)\b|\bprevent (it|this|that|a repeat|recurrence|a recurrence)\b|\b(action items?|follow[- ]?ups?|(?<![-_])to-?dos?(?![-_]\w)|open items?|remediation|what('s| is) (left|still open|outstanding)|(?<!is it )(?<!or )still open|outstanding)\b|후속|조치"),
    ("duration", INC, r"\bhow long\b|\bduration\b|" + HOW_MUCH_DOWN + r"|\bwhen did .*\b(?:start|begin)\b.*\band\b.*\b(?:over|end|ended|stop|stopped|finish|finished|resolved|recover)\b|\bfrom when (?:to|until) when\b|\bhow many (minutes|hours)\b|\blast(ed)? (for )?how\b|얼마나|몇 분|지속|"
                         + HOW_LAGGED),
    ("detected", INC, r"\b(?:when|what time) (was|did|were) .*\b(detect|notic|alert|page|spot|report|flag|found|find out|figured? out|work(?:ed)? out|discover|uncover|identif|learn|realis|realiz|bec[oa]me aware|caught|catch|pick(?:ed)? up)|\b(detected|noticed) at\b|\bwhat time .*(detect|notic|alert)"),
    ("detection", INC, r"\bhow (was|were|did) .*\b(detected|noticed|discovered|spotted|found|caught|identified)\b|\bhow did (we|they|you|anyone|the team) (find out|notice|learn|discover|spot|detect)\b|"
                       # "How did the LeapDAO operators learn that …?", "How was the ESLint team told about …?"
                       r"\bhow did (?:the\s+)?(?:[\w.-]+\s+){1,3}?(?:find out|notice|learn|discover|spot|detect|realis|realiz|hear|become aware|get (?:notified|alerted))\w*\b|"
                       r"\bhow (?:was|were) .{1,60}\b(?:told|informed|notified|alerted|made aware|warned)\b|\bwho (noticed|reported|spotted|discovered|detected|found|flagged)\b|\bwho (?:actually |really |even |first |initially |originally )(?:noticed|spotted|discovered|detected|caught)\b|\bwho (?:was|were) (?:the )?(?:first|earliest)(?: (?:person|people|one|engineer|user|team))? to (?:notice|spot|discover|detect|catch|flag|report|raise|see)\b|\bhow .* (detected|noticed)\b"),
    ("resolution", INC, r"\bwhat did (?:we|they|you|the team) (?:run|do|change) to (?:get|bring|make|fix|restore|recover)\b|\b(?:get|bring) .{1,60} (?:working|back|running|talking|up) again\b|\bhow (was|were|did|is) .*\b(resolved|fixed|mitigated|solved|restored|recovered|remediated|stopped)\b|\bhow did (we|they|you|the team) (fix|resolve|mitigate|solve|restore|recover|stop)\b|\bwhat (fixed|resolved|solved|stopped|mitigated|ended)\b(?!.{1,60}\bfrom \w+ing\b)|\b(resolution|fix) (of|for)\b|\bwhat was the (fix|resolution|mitigation|workaround)\b"),
    ("resolved", INC, r"\bwhen (was|did) .*\b(resolv|recover|fix|restor|back|mitigat|end)|\bwhat time .*(resolv|recover|fix|restor|end)"),
    ("root_cause", INC, r"\broot cause|\bwhat (\w+ )?(set off|sparked|kicked off|started)\b|\bwhat (exactly |actually |really )?(was|is|were|went) (exactly |actually |really )?wrong with\b|\bwhat('s| is| was) the (bug|fault|flaw|defect) in\b|\bwhat caused|\bcause of\b|\bwhat (?:was|is|were) (?:really |actually |truly )?(?:behind|at the (?:root|bottom|heart) of)\b|\bwhat (?:actually |really |exactly )?(went wrong|broke|triggered)|\bwhat (?:was|is|were) the (?:main |primary |real |actual |underlying |biggest )?reasons?\b(?!.*\b(?:choos|chose|chosen|pick|select|reject|adopt|prefer|went with|go with|decid))|\bwhat (took|brought|knocked) .{1,40}\b(down|offline|over)\b|\bhow did .* (happen|end up|leak|get (in|out|compromised))|\bwhy was .* (slow|down|delayed|broken)|원인"
                        r"|" + WHAT_MADE_IT + r"|" + WHAT_GOT_IN_THE_WAY + r"|\bwhat (?:was )?block(?:ed|ing)\b"),
    ("meaning", RUN, r"\bwhat does (the|this|that) .*\b(runbook|playbook|procedure|alert) (cover|do|handle)\b|\bwhat (is|are) (the|this|that) .*\b(runbook|playbook|procedure)s? about\b|\bwhat does .* mean\b|\bmeaning of\b|\bwhat is (the|a|an) \w+ alert\b|\bwhat (is|are) (the|this|that) .*\b(runbook|playbook|procedure|alert)s? (for|about)\b|\bpurpose of\b|\bwhen (do|should|would) (i|we|you) (use|run|follow|need)\b|\bwhat (is|are) .* (runbook|playbook|procedure)s? for\b"),
    ("impact", INC + RUN, r"\bimpact|\baffect|\bhow many \w+|\bhow bad\b|\bblast radius|\bwhat happens (to|when|if)\b|\bcompromised\b|영향"),
    ("severity", INC, r"\bseverity\b|\bsev\b|\bhow severe\b|\bpriority\b|심각도|우선순위|장애 등급|重大度|優先度|深刻度|严重程度|严重级别|优先级|故障等级"),
    ("options", DEC, r"\b(what|which) (options|alternatives|choices|(solution |design )?candidates|(candidate |possible |proposed )?solutions|proposals)\b|(?<!still )(?<!just )\bon the table\b|\bwhat else did (we|they|the team) (look at|consider|evaluate|weigh|try|compare)\b|\bwhat other (\w+ ){1,3}(did|do|were) (we|they|the team|you) (look at|consider|evaluate|weigh|try|compare)\b|\bbesides\b|\b(options|alternatives|choices) (were |did we |we )?(considered|weighed|evaluated|discussed|compared|looked at)\b|\b(what|which) (\w+ ){1,2}(were|was|have been|had been) (already |previously |also |ever )?(considered|evaluated|weighed|looked at|compared|shortlisted)\b"),
    ("rejected", DEC, r"\bwhy did (?:we|they|the team|you|the (?:[\w-]+ ){0,3}(?:team|group|squad|devs|developers|engineers|maintainers)) (?:drop|abandon|give up on|move away from|stop using|ditch|rule out|back out of|turn down|pass on|reject)\b|\bwhy (?:didn'?t|did not|don'?t|do not) (?:we|they|you|the (?:[\w-]+ ){0,3}[\w-]+|\w+) (?:just |simply |even )?(?:use|pick|choose|go with|adopt|take|keep|stick with|try)\b|\bwhy (not|didn'?t we|did we not|did we reject|(?:was|were) .* (?:rejected|discarded|ruled out|set aside|passed over)|(?:was|were) .*\b(?:option|scenario|approach|alternative|proposal|idea|candidate|variant|solution|plan)s? (?:dropped|abandoned|excluded|eliminated)|did .* lose|wasn'?t|isn'?t|aren'?t|is not|are not|won'?t)\b|\bwhy (was|were|is|are) \S+( \S+){0,3} not (an? )?(option|chosen|picked|selected|used|viable|adopted)\b|\breject|\bturn(ed)? down\b|\bpass(ed)? on\b|\bruled? out\b|\binstead of\b|\balternatives?\b|\bother options?\b|\bwhat else\b.*\bconsider"
     # "why was limiting it by date considered a bad option?", "what counts against Pingdom?": its faults
     r"|" + JUDGED_BAD +
     # "why React rather than Vue?", "なぜVueではなくReactを選んだ", "为什么用 Kafka 而不是 RabbitMQ": why the other lost
     r"|(?=.*(?:\bwhy\b|なぜ|どうして|为什么|为何|왜|\bwarum\b|\bpourquoi\b|\bpor\s?qu[eé]\b|\bperché\b))"
     r".*(?:" + RATHER_THAN + ")"),
    ("consequences", DEC, r"\bwhat follows from\b|\b(consequences?|implications?|outcomes?|effects?|impact) of (the|this|that|our|adr|\w+ decision)|\bwhat (are|were) the (consequences|implications)\b|\bwhat does (this|the|that) (decision|adr) mean for\b"),
    ("consequences_negative", DEC, r"\b(downsides?|drawbacks?|costs?|negatives?|trade-?offs?|risks?|cons|what do we lose|price|concerns?|objections?|weakness(es)?)\b"),
    ("consequences_positive", DEC, r"\b(upsides?|benefits?|advantages?|positives?|pros|what do we gain|gains?)\b"),
    ("chosen", DEC, r"\bwhat did we (choose|pick|decide|go with|settle on|adopt|use)|"
                    # "did the identifier ADR end up choosing UUIDv4?", "did we go with Kafka?": what was chosen says yes or no
                    r"\b(?:did|do|does|have|has|had)\b[^?]{0,60}?\b(?:end(?:ed)? up|finally|ultimately|eventually) (?:choos|pick|select|adopt|go(?:ing)? with|settl\w* on|opt\w* for)|"
                    r"^\W*did (?:we|they|you|the team) (?:choose|pick|select|adopt|go with|settle on|opt for)\b|\b(?:are|is|were|was) (?:we|they|you|the team) (?:standardi[sz]ing|settling|going|moving|migrating) (?:on|with|to)\b|\bhow (is|are) .* (separated|isolated|stored|kept|organi[sz]ed|structured|split|partitioned|deployed|implemented|managed)\b|\b(which|what)\b.*\bdid\b.*\b(choose|pick|go with|adopt|select|settle on|standardi[sz]e on|use)\b|\b(what|which)\b.*\b(does|do)\b(?!\s+(?:i|we|you)\b).*\b(use|run on|rely on|standardi[sz]e on|settle on|choose|pick|adopt|mandate|prescribe)\b|\bwhat was (chosen|decided|picked|the decision)|\bwhat('s| is| was) the decision|\bwhich option|\bwhat('s| is) our (choice|approach)|\bchosen\b|\bwhere (do|does|did) .*\b(store|keep|put)\b|\bhow is .* (installed|distributed|done|handled)\b"
                   # "which of the three tracks was retained?", "what approach was finally selected?"
                   r"|\b(?:which|what)\b[^?]{0,60}?\b(?:was|were|is|got|has been|have been)\s+(?:finally\s+|ultimately\s+|eventually\s+)?"
                   r"(?:retained|chosen|selected|adopted|picked|preferred|recommended|favou?red|approved)\b"
                   # "where did the team agree the API version must be expressed?": what they agreed on is what was chosen
                   r"|\b(?:what|which|where|how)\b[^?]{0,80}?\b(?:did|have|has|does)\b[^?]{0,60}?\b(?:agree[ds]?|decided?|concluded?|recommend(?:ed)?)\b(?!\s+(?:yet|not|against)\b)"
                   # "which tools manage the monorepo?", "what database backs the service?": the thing a decision chose
                   r"|\b(which|what) (tools?|librar(y|ies)|frameworks?|databases?|products?|platforms?|languages?|stack) "
                   r"(manages?|handles?|runs?|powers?|builds?|hosts?|backs?|stores?|drives?)\b"),
    ("number", DEC, r"\bwhat (number|id)\b.*\b(adr|decision|record)\b|\b(which|what) (adr|decision|record) (number|id)\b|\b(adr|decision|record) (number|id) (of|for|is)\b|\bnumbered\b"),
    ("context", DEC, r"\bwhat (problem|motivated|was the context|drove)|\bmotivation\b|\bcontext\b"
                     # "why was a decision about Kafka needed?": what called for deciding, not why the winner won
                     r"|\bwhy (?:was|were|is) (?:a |the |this |any )?(?:decision|choice|ADR)\b.{0,60}\b(?:needed|necessary|required)\b"
                     r"|\bwhy did (?:we|they|the team) (?:need|have) to (?:decide|choose|pick|make a (?:decision|choice))\b"),
    # "why is the kernel repository ADR no longer relevant?": why it was set aside, which its status section tells
    ("status", DEC, r"\bwhy (?:is|was|are|were)\b.*\b(?:no longer|not any ?more|not)\s+(?:relevant|valid|in force|in effect|current|applicable|followed|used)\b"
                   r"|\bwhy (?:is|was|are|were|did|has|have)\b.*\b(?:deprecated|superseded|retired|abandoned|withdrawn|obsoleted|sunset)\b"),
    ("why", INC + DEC, r"\bwhy\b|왜"),
    ("deciders", DEC, r"\bwho (decided|made|signed|approved|took|accepted|agreed|chose|endorsed|ratified)\b|\b(?:make|makes|making|made) the (?:call|decision)\b|\bdeciders?\b|\bdecision[- ]?makers?\b"
                      r"|\bwho (?:is|was|are|were) (?:listed as )?(?:the )?owners? of (?:the |this |that )?(?:[\w.-]+ ){0,5}(?:decision|adr|record)\b"),
    ("status", DEC, r"(?<!http )(?<!exit )(?<!return )\bstatus\b(?!\s*(?:code|page|check|endpoint))|\bis .* (still|accepted|superseded|deprecated|proposed|rejected|in (force|effect))\b|^(is|are|was|were)\b.*\b(approved|accepted|obsolete|outdated|retired|withdrawn|abandoned|final|valid|current)\??$|^(has|have|had)( \S+){1,3} (approved|accepted|adopted|retired|abandoned)\b|\bever (accept|approve|adopt)(ed)?\b|\bstill (valid|in force|current|in effect|accepted)\b|\b(replaced|supersede|superseded|supersedes|replaces|obsoletes?|obsoleted)\b|\breplace\b(?!(?:\s+\S+){0,4}\s+with\b)|\bwhat replaced\b|\bsigned[- ]off\b|\bsign[- ]off\b|\b(approved|accepted|final(i[sz]ed)?|agreed) yet\b|\b(is|was) it (final|official|settled|agreed)\b|\bbeen (approved|accepted|adopted|ratified|rejected|agreed|signed off|settled|decided|finali[sz]ed)\b|\b(settled|decided|finali[sz]ed),? or (is it )?(still )?(open|undecided|pending|under (review|discussion))\b"),
    # "when" asks a time unless it only opens a clause of a question that asks something else ("What error did it print
    # when the images could not be pulled?"); "do you know when it began?" still asks one
    # nor a yes/no question's clause ("Did we lose any data when the database went down?")
    ("when", INC + DEC + RUN, r"^(?!\W*(?:what|which|who|whom|whose|how|why|where)\b)"
                              r"(?!\W*(?:did|does|do|is|are|was|were|has|have|had|can|could|should|will|would)\b"
                              r"(?![^?]*\b(?:know|tell|remember|say|said|record|recorded|note|noted|log|logged)\b[^?]*\bwhen\b))"
                              r"[^?]*\bwhen\b|\bwhen (?:did|was|were|is|are|will)\b"
                              r"|\bwhat (day|date)\b|\bwhich (day|date)\b|" + DATE_WORD + r"|언제|날짜"
                              r"|\bat what (?:(?:local|exact|approximate|utc|clock) )?time\b|^\W*what (?:(?:local|exact|approximate|utc|clock) )?time (?:did|was|were|is|does)\b"),
    ("summary", INC, r"\bwhat happened\b|\bsummar|\bwhat went on\b|\bwhat was the .* about\b|무슨 일"),
]
_COMPILED = [(name, types, re.compile(p, re.I)) for name, types, p in RULES]
TYPES_OF = {name: types for name, types, _p in RULES}

STOP = set("""
a an the and or of to in on at by for with from about into over after before during as is are was were be been being
do does did done doing have has had having i we you they it its it's our us me my your their this that these those
what which who whom whose when where why how whats how's what's whats there here than then so if not no nor but
can could should would will shall might must let lets let's please tell me show give find know get any some
again ever also just still only made make making call stop stopped stopping using drop dropped dropping switching now
didn t don doesn isn wasn aren weren s ll ve re d m very much many more most all each every one ones thing things stuff kind sort
team we've we're weren't didn't don't doesn't isn't wasn't aren't wiki page pages say says said according ask help
usually typically often normally generally mostly always never sometimes actually really exactly roughly approximately
completely totally entirely suddenly literally basically seriously urgently asap
specific particular certain given getting gets got because while far
anyone anybody someone somebody everyone everybody nobody saying complaining retrying retry
난 거야 건가 건가요 거지 거예요 건지 어느 어디 어디로 어디에 어디서 가 해 해요 돼요 되나요 뭐 뭘 무엇을 어떤 동안 해야 있나요
보통 될 걸리 걸리나요 걸려요 걸릴 걸렸나요 때까지 까지 대략 주로 같은 같이 등 하나요 해야 하나요
하나 하나만 쓰는 쓰고 쓰면 안은 안이 안을 안으로
""".split())

# Words that name the intent, not the subject: dropped before looking for the subject's page.
INTENT_WORDS = set("""
long duration minutes minute hours hour last lasted take took time date day when happen happened occur occurred
status state still current currently accepted superseded proposed deprecated valid force effect
approved approve obsolete outdated final retired withdrawn abandoned proposal
reject rejected rejecting turn turned down pass passed rule ruled instead alternative alternatives option options
other else besides consider considered weigh weighed weighing evaluate evaluated compare compared choose chose chosen pick picked decide decided decision go went settle settled adopt
adopted select selected use used why reason reasons
root cause caused causes causing trigger triggered wrong went broke
action actions item items follow followup followups up ups todo todos open outstanding left remediation
step steps first second third fourth fifth sixth seventh eighth ninth tenth final start begin
command commands run runs type invoke cli flag flags
who owns own owner owners assigned responsible contact contacts call ping escalate escalation oncall
impact impacted affected affect bad radius severity sev severe priority
downside downsides drawback drawbacks cost costs negative tradeoff tradeoffs trade off risk risks con cons lose concern concerns objection objections
upside upsides benefit benefits advantage advantages positive pros gain
prerequisite prerequisites need needed access permissions required
verify check worked confirm know succeeded succeed succeeds
caveat caveats gotcha gotchas watch careful pitfall pitfalls warning warnings
summary summarise summarize about
detected detect noticed notice alerted spot spotted person people resolved resolve recovered recover fixed fix fixes restored mitigated ended
agreed agree promised
motivation motivated context problem drove
undo revert fails fail goes switch switched
wrote written write author authors authored reported
replaced replace replaces supersede supersedes superseding later newer
planned pending done complete completed finished progress
consequences consequence implications purpose number numbered id approach approaches cover covers
picking choosing selecting adopting look looked looking big large small size signed sign yet official settled choice choices accept setting settings flip toggle
""".split())


@dataclass
class Question:
    text: str
    intent: str  # one of RULES' names, or "passage"
    types: tuple[str, ...]
    ordinal: int | None  # for "step": 1-based, -1 for the last
    subject: list[str]  # words naming what the question is about


def classify(question: str) -> Question:
    q = " ".join(question.strip().split())
    intent, types = "passage", ()
    for name, ts, rx in _COMPILED:
        if rx.search(q):
            intent, types = name, ts
            break
    else:
        for name in foreign_intents(q):  # "Pourquoi …", "Wann …": the question word of another language
            intent, types = name, TYPES_OF[name]
            break
    ordinal = _ordinal(q) if intent == "step" else None
    return Question(text=q, intent=intent, types=types, ordinal=ordinal, subject=subject_words(q, intent))


# Korean question words and verb endings: any word starting with one of these names the intent, not the subject.
HANGUL_INTENT = ("얼마", "지속", "걸렸", "걸린", "언제", "원인", "무엇", "뭐", "누가", "누구", "어떤", "어떻게", "왜", "몇", "어디", "가장",
                 "했나", "됐나", "되었", "인가", "입니까", "있나", "무슨", "영향", "조치", "후속", "단계", "명령", "담당",
                 "때", "시에", "중에", "진짜", "정말", "실제로", "하나요", "해야", "돌려야", "봐야", "보려면",  # "while", "really", fillers
                 "이후", "이전",  # "after", "before": when the act happened, not what it is about
                 "탈락", "기각", "채택", "선택", "거절")  # an option's fate: what the question asks, not what it is about
# Korean verbs carry the question in their ending ("중단됐나요" = "was it stopped?"): the stem names the act.
HANGUL_ENDING = re.compile(r"(되었나요|됐나요|했나요|하나요|었나요|았나요|였나요|나요|습니까|입니까|니까|인가요|가요|까요|어요|아요|요"
                          r"|했는지|됐는지|되는지|하는지|는지|은지|인지|하려면|으려면|려면|해야|어야|아야)$")  # "과부하인지" whether overloaded, "보려면" to see


# Korean particles that follow a noun ("레이어는", "원인으로", "Redis를").
HANGUL_PARTICLES = ("이나", "이랑", "까지", "부터", "처럼", "보다", "에게", "한테", "에서", "으로", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만")
# A noun's verb form ("의심되는" suspected, "변경한" changed) or its particle: the noun names it.
HANGUL_NOUN_TAIL = re.compile(r"(?:되었던|하였던|되는|하는|되던|하던|된|한|되어|하여|됐던|했던)$|(?:" + "|".join(HANGUL_PARTICLES) + ")$"
                              r"|(?<=[\uac00-\ud7af]{2})용$")  # "복구용" (for recovery): the noun it is for


def _hangul_stem(w: str) -> str:
    if not re.search(r"[\uac00-\ud7af]", w):
        return w
    stem = HANGUL_ENDING.sub("", w) or w
    noun = HANGUL_NOUN_TAIL.sub("", stem)
    return noun if len(noun) >= 2 else stem


TIME_WORDS = {"date", "day", "time", "when"}
TIME_INTENTS = {"when", "detected", "resolved", "duration"}


def content_words(q: str) -> list[str]:
    """Every word of the question that is not a stop word, intent words included ("restart", "cause",
    "sign"): they do not say which page is meant, but they help pick the sentence on it."""
    stop = STOP | FOREIGN_STOP if foreign_question(q) else STOP
    return [_hangul_stem(w) for w in _words(q)
            if w not in stop and w not in ORDINALS and not w.startswith(HANGUL_INTENT) and len(_hangul_stem(w)) > 1
            and not _HOUR_OF_NIGHT.fullmatch(w) and not _past_predicate(_hangul_stem(w))]


def _past_predicate(stem: str) -> bool:
    """A Korean verb in the past tense ("바꿨" of "바꿨나요", "늘렸" of "늘렸나요"): its last syllable ends in ㅆ. The question
    asks what was done; the notes name the act with a noun ("변경", "증설"), never this form."""
    last = stem[-1:]
    return bool(last) and "\uac00" <= last <= "\ud7a3" and (ord(last) - 0xAC00) % 28 == 20


_HOUR_OF_NIGHT = re.compile(r"\d{1,2}(?:am|pm)")  # "down at 3am": when the asker is asking, not what about


def _words(q: str) -> list[str]:
    """The question's words; a run of Chinese or Japanese (written without spaces) read as the terms in it, and a
    version ("v1.5.1") as one word, "1.5.1", not "v1", "5" and "1"."""
    parts = VERSION.split(q)  # text, version, text, …
    return [w for k, part in enumerate(parts) for w in ([part] if k % 2 else _text_words(part))]


def _text_words(q: str) -> list[str]:
    from lorebook.query.search import words

    q = _ELAPSED_COUNT.sub(r"\1\2", q)  # "frozen for over 5 hours": how long, not what it is about
    q = _COMPOUND.sub(_joined, q)  # "sign-ups" is one thing, not the intent words "sign" and "ups"
    for rx, verb in PHRASAL:
        q = rx.sub(verb, q)  # "turned back on": the notes say "re-enabled"
    return [t for w in words(_plain(q)) for t in (split_cjk(w) if HAN_KANA.search(w) else [w])]


VERSION = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+){2,}|(?<=v)\d+\.\d+)(?![\w.]*\w)", re.I)  # "v1.5.1", "2.14.0", "v3.2"


_COMPOUND = re.compile(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})\b")


_DROPPED = frozenset(INTENT_WORDS | STOP)  # words a question's subject never keeps


def _joined(m: re.Match) -> str:
    """A hyphenated compound whose parts would both be dropped as intent or function words ("sign-ups") is read whole
    ("signups"; the notes' "sign ups" match it squeezed); any other ("in-app", "mix-up") stays two words."""
    a, b = m.group(1).lower(), m.group(2).lower()
    return a + b if a in _DROPPED and b in _DROPPED and (a + b) not in _DROPPED else m.group(0)


# English phrasal verbs, read as the one verb notes usually write for them.
PHRASAL = [(re.compile(p, re.I), v) for p, v in (  # the words between verb and particle (its object) are kept
    (r"\b(?:turn|turns|turned|turning|switch|switched|switching)\s+((?:\w+\s+)?)back\s+on\b", r"\1enabled"),
    (r"\b(?:turn|turns|turned|turning|switch|switched|switching)\s+((?:it\s+|them\s+)?)on\b", r"\1enabled"),
    (r"\b(?:turn|turns|turned|turning|switch|switched|switching)\s+((?:it\s+|them\s+)?)off\b", r"\1disabled"),
    (r"\b(?:hold|holds|held|holding)\s+((?:\w+\s+){0,2})back\b", r"\1delayed"),
    (r"\b(?:shut|shuts|shutting)\s+((?:\w+\s+)?)down\b", r"\1stopped"),
    (r"\b(?:spin|spun|spinning)\s+((?:\w+\s+)?)up\b", r"\1started"),
    (r"\b(?:bring|brought|bringing)\s+((?:\w+\s+){0,2})back\b", r"\1restored"),
    (r"\b(?:roll|rolled|rolling)\s+((?:\w+\s+)?)out\b", r"\1deployed"),
    (r"\b(?:find|finds|found|finding)\s+out\b", "discovered"),  # "when did the team find out": not "out"
    (r"\b(?:figure|figures|figured|figuring)\s+out\b", "found"),
    (r"\b(?:look|looks|looked|looking)\s+up\b", "find"),  # "how do I look up the UUID": find it
    (r"\b(?:tear|tears|tore|tearing)\s+((?:\w+\s+){0,2})down\s+and\s+rebuil[dt]\b", r"\1rebuild"),
)]

# How many of a unit a question counts in words ("two hours", "an hour"); ask.py reads the same words as numbers.
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
               "fifteen": 15, "twenty": 20, "thirty": 30}
COUNT = r"(?:\d+|" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True)) + ")"
_ELAPSED_COUNT = re.compile(r"(\b(?:for|about|around|over|nearly|almost|roughly|past|than)\s+(?:about\s+|around\s+)?)"
                            + COUNT + r"(\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?)\b)", re.I)


_JAPANESE_TERM = re.compile(f"[\u30a0-\u30ffー]{{2,}}|[{HAN}]{{2,}}|[a-z0-9_]+")
# What a Chinese question is made of besides its terms: question words, pronouns, particles, "is", "not".
_CHINESE_FUNCTION = re.compile(
    "为什么|怎么样|怎么|如何|什么|哪些|哪个|哪里|多少|多久|时候|我们|你们|他们|可以|应该|没有|一下|"
    "[的了吗呢吧是在有和与及把被这那哪个些么谁几我你他她它就都也还又要会能到从对给让不没该]")
# Question words of Japanese written in kanji: they ask, they name nothing.
_JAPANESE_ASK = {"何故", "何時", "何分", "何人", "理由", "方法", "場合", "最初", "結局"}


def split_cjk(w: str) -> list[str]:
    """Terms of a Chinese or Japanese run: katakana and kanji runs of Japanese (kana between them is grammar),
    the words of Chinese as jieba's dictionary cuts them, less its function and question words."""
    if re.search(f"[{KANA}]", w):
        return [t for t in _JAPANESE_TERM.findall(w) if t not in _JAPANESE_ASK]
    return [t for t in _chinese_words(w) if (len(t) > 1 or t.isascii()) and not _CHINESE_FUNCTION.fullmatch(t)
            and t not in _CHINESE_ASK]


# Words a Chinese question asks with, as "handle", "cause", "happen", "problem", "need" are in an English one
_CHINESE_ASK = set("""
这个 那个 这些 那些 是否 已经 一共 总共 请问 一般 通常 处理 解决 导致 造成 出现 发生 问题 情况 需要 进行 办法 方法 怎么办
能够 具体 主要 当时 之前 之后 以后 现在 目前 当前 最终 到底 究竟 一定 先做 要先 必须 做什么
""".split())


def _chinese_words(text: str) -> list[str]:
    """Chinese written without spaces, cut into its words by jieba's dictionary ("性能门禁子系统" is 性能 / 门禁 / 子系统),
    loaded only when a question is asked in Chinese. Characters the dictionary does not join (a name, Japanese kanji
    such as "永続化層") stay together as one piece, read as overlapping pairs when long."""
    import jieba

    jieba.setLogLevel(60)
    out: list[str] = []
    loose = ""
    for t in [*jieba.lcut(text, HMM=False), " "]:
        t = t.strip()
        if len(t) == 1 and HAN_KANA.match(t) and not _CHINESE_FUNCTION.fullmatch(t):
            loose += t
            continue
        if loose:
            out += _pairs(loose) if len(loose) > LONG_PIECE else [loose]
            loose = ""
        if len(t) > LONG_PIECE and HAN_KANA.match(t):
            known = [t[i:i + 2] for i in range(len(t) - 1) if jieba.get_FREQ(t[i:i + 2])]
            out += known or [t]  # "预防措施" is 预防 and 措施: a page may say either alone
        elif t:
            out.append(t)
    return out


LONG_PIECE = 3  # a Chinese piece longer than this is read as overlapping pairs of characters


def _pairs(piece: str) -> list[str]:
    return [piece[i:i + 2] for i in range(len(piece) - 1)]


def cjk_pairs(text: str) -> set[str]:
    """The overlapping character pairs of the long Chinese pieces between function words ("路由后端崩溃" gives
    由后 and 端崩): a two-character term of the question that is one of them and that no page holds straddles two
    words, or names nothing the wiki has, and is dropped from the question's subject."""
    out: set[str] = set()
    for run in re.findall(f"[{HAN}]+", text):
        for piece in _CHINESE_FUNCTION.split(run):
            if len(piece) > LONG_PIECE:
                out.update(_pairs(piece))
    return out


# Phrases that only join the question to its subject: "what *came out of* the outage", "what *resulted from* it".
_LINKING = re.compile(r"\b(?:came|come|comes|coming) out of\b|\bfollows? from\b|\bresult(?:ed|s)? from\b|\bar(?:ose|ise|ises) from\b", re.I)


# "what problem did the X decision *address*": the verb only asks for the context, it names nothing.
_PROBLEM_VERB = re.compile(r"(\bwhat problems? (?:did|does|do|was|is|will) .+?) (?:address|solve|tackle|fix)(?:es|ed)?\b", re.I)


# Idioms whose nouns name nothing in the notes: "which options are still *on the table*", "what is *in place*".
_IDIOMS = re.compile(r"\b(?:on|off) the table\b|\bin the running\b|\bon the cards\b|\bin place\b|\bat the moment\b"
                     r"|\bgoing forward\b|\bin the end\b|\bat the end of the day\b|\bin a nutshell\b|\bin the first place\b"
                     r"|\bout[ -]of[ -]date\b|\bup[ -]to[ -]date\b", re.I)


_CONTRACTIONS = {"won't": "will not", "can't": "can not", "shan't": "shall not", "ain't": "is not"}


def _plain(q: str) -> str:
    q = q.replace("’", "'")
    q = re.sub(r"\b(won't|can't|shan't|ain't)\b", lambda m: _CONTRACTIONS[m.group(1).lower()], q, flags=re.I)
    q = _IDIOMS.sub(" ", _PROBLEM_VERB.sub(r"\1", q))
    return _LINKING.sub(" of ", q.replace("'s ", " ").replace("n't", " "))


def subject_words(q: str, intent: str = "passage") -> list[str]:
    """The words naming what the question is about (time words count unless the question asks for a time)."""
    out = []
    foreign = foreign_question(q)
    stop = STOP | FOREIGN_STOP if foreign else STOP  # "Qui a changé le mot de passe ?"
    ws = _words(q)
    for i, w in enumerate(ws):
        if w == "when" and i > 0:
            continue  # "what did we accept when it mandated --input": a clause, not a time asked about
        if w == "when" and i + 1 < len(ws) and ws[i + 1] in _MODALS:
            continue  # "when should I use the FOG runbook?": a condition asked for, not a time that names the page
        if w in TIME_WORDS and intent not in TIME_INTENTS:
            out.append(w)
            continue
        if w in stop or w in INTENT_WORDS or w in ORDINALS or re.fullmatch(r"\d+(st|nd|rd|th)", w) or _HOUR_OF_NIGHT.fullmatch(w):
            continue
        if w.startswith(HANGUL_INTENT):
            continue
        out.append(romance_stem(w) if foreign else _hangul_stem(w))
    return out


_MODALS = {"should", "do", "does", "can", "must", "would", "to", "shall", "may", "might"}


def romance_stem(w: str) -> str:
    """A French, Spanish or Portuguese word less its ending, so that it begins every form the notes may use:
    "mitigado" and "mitigação" are both "mitig", "imediato" is "imediat". Only Latin-script words of six letters
    or more, and never below five letters of stem: short words are too often whole words of another language."""
    if len(w) < 6 or not w.isalpha() or _CYRILLIC_WORD.search(w):
        return w
    for suf in _ROMANCE_ENDINGS:
        if w.endswith(suf) and len(w) - len(suf) >= 5:
            return w[: -len(suf)]
    return w


_ROMANCE_ENDINGS = ("amentos", "imentos", "aciones", "iciones", "amento", "imento", "ación", "ações", "ições", "ation", "ations",
                    "ciones", "mente", "ement", "ção", "ções", "ción", "ados", "adas", "idos", "idas", "ées", "ado", "ada", "ido",
                    "ida", "ée", "és", "os", "as", "es", "o", "a", "e", "é", "s")
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]")


# Words that name the kind of record ("the prime version *outage*"): kept as subject words, since titles use them,
# but weighed lightly, so that a page saying "outage" does not beat the one the other words name.
KIND_WORDS = {"incident", "incidents", "outage", "outages", "postmortem", "postmortems", "adr", "adrs", "runbook",
              "runbooks", "playbook", "playbooks", "procedure", "procedures"}


def ordinal_of(q: str) -> int:
    """The step a question asks for: 1-based, -1 for the last."""
    return _ordinal(q)


def _ordinal(q: str) -> int:
    low = q.lower()
    m = re.search(r"\bstep\s*(?:#|no\.?|number)?\s*(\d+)", low) or re.search(r"\b(\d+)(?:st|nd|rd|th)?\s+step", low)
    if m:
        return int(m.group(1))
    for word, n in sorted(ORDINALS.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", low) or (not word.isascii() and word in low):
            return n
    return 1
