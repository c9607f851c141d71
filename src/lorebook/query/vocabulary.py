"""Words across languages and levels of generality: what lets a question find a sentence that says it otherwise.

Three small, curated tables, all offline and deterministic:

- question words and stop words of the other languages notes are written in (French, German,
  Spanish, Portuguese; Korean is handled in intents.py), so "Pourquoi le jeton a-t-il fuité ?"
  asks about *jeton* and *fuité*, for a reason;
- hypernyms: a category an engineer names ("log shipper", "message broker", "IaC tool") and the
  products the notes name instead (fluentbit, RabbitMQ, Terraform);
- exact identifiers in a question (``prod-users-db``, ``knhk-closed-loop``, ``SEC-227``, ``V48``),
  which name one thing and must be found as written.

Plus one reading of text: whether a page is written in a language other than the question's (then everyday English words it lacks are no evidence
against it: a French post-mortem says *jeton*, not *token*).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lorebook.translations import translations, unaccented

# --- other languages: stop words and question words (issue 12, unseen check) ---

FOREIGN_STOP = set("""
le la les un une des du de d l à au aux et ou est sont a ont été être que qui quoi quel quelle quels quelles
ce cet cette ces il elle ils elles on nous vous je j y en ne pas plus pour par sur dans avec sans se sa son ses
leur leurs mon ma mes t s qu comment où combien pourquoi quand servi fait faut commande sous
der die das den dem des ein eine einer eines einem einen und oder ist sind war waren wurde wurden werden wird
hat haben hatte mit von zu zum zur im in am an auf für aus bei nach über unter vor wie was wer wen wem wessen wann
warum welche welcher welches wo woran erkenne dass ob wieviel viel viele uhr nicht kein keine es er sie wir ihr ich man sich befehl
el los las uno una unos unas del al y o es son fue fueron ser está están que quien quién qué cuál cuáles cómo
cuándo dónde cuánto cuántos por para con sin se su sus lo comando como
os as um uma uns umas do da dos das no na nos nas em é são foi foram quem qual quais quando onde quanto
pela pelo pelas pelos quantos quantas quanta cuántas cuánta quanti quante combien
и в во не на с со что как а то все так его но да к у же вы за бы по только ее было вот от еще нет о из ли если уже или ни
быть был была были до там где есть для мы их чем без кто этот того этого какой какая какие какую каком этом при после
через эти нас про них почему зачем когда сколько ещё это мы наш нашего нашей у нас кто-то чтобы чтоб
нужно надо можно нельзя необходимо следует должен должна должно должны нужен нужна нужны перед между также будет будут
является каких каким какими какого какому сделать делать сейчас статус статуса статусе статусу статусом
инцидент инцидента инциденте инцидентом инциденту
不是 而不是 而非
і й та що як але чи це ми нас до від для при після через коли чому хто скільки який яка які
""".split()) | set("""
og på til med som av er det er har kan skal blir ble et ikke også eller fra ved når hvor hva hvem hvorfor hvordan dette disse
vår våre seg sitt sine må bør vi og och är att inte för ska vill blev ett eller från vid när vad vem varför hur detta dessa
het een en van op te dat voor met als aan zijn niet ook maar bij door naar worden wordt werd wij hun hoe wat wie waarom wanneer
waar deze dit il lo gli le una di da con su per tra fra sono che non come perché dove chi cosa questo questa anche ma se della
dei delle alla perché chi quale quali quanto
dlaczego czemu kiedy kto jak jaki jaka jakie który która które czy jest był była było były są się nie na do że ten ta po przez dla od
neden niçin nasıl hangi kimin ne zaman mi mı mu mü bir ve bu için ile olan oldu
tại sao vì khi nào lúc ai là của và có không được bị đã này cho với các những một gì thế
""".split()) - {"i", "a", "an", "in", "is", "for", "at", "so", "men", "den", "de", "die", "was", "will", "over", "under"} | set(r"""
gewählt ausgewählt gewählte verworfen abgelehnt choisi choisie choisis retenu retenue rejeté rejetée écarté écartée
elegido elegida escogido escogida rechazado rechazada descartado descartada escolhido escolhida rejeitado rejeitada
ejecuta ejecutar ejecuto exécute exécuter lance lancer ausführen führt executa executar
festgelegt entschieden beschlossen decidido decidida definido definida décidé décidée
eigentlich genau überhaupt wirklich nochmal realmente exactamente vraiment exactement exatamente
avoir principal principale principaux principales adopté adoptée adoptés adoptado adoptada adotado adotada übernommen
était étaient étais sera serait fut era eran eram seria
tempo tiempo temps chegava chegou levar levou leva tardó tarda tardaba dauerte dauert durou duró
wenn falls dann
""".split())  # Nordic, Dutch and Italian function words (not those English shares); then the verbs of "which was chosen /
# rejected / decided", "what command runs", "how long did it take", "if", and fillers: what is asked, never its subject

# "was not chosen", "was rejected" and "was chosen" in those languages.
_REJECTED = (r"\b(nicht|pas|no|não) (\w+ ){0,3}?(gewählt|ausgewählt|choisie?s?|retenue?s?|elegid[oa]s?|escogid[oa]s?|escolhid[oa]s?)\b"
             r"|为什么不|為什麼不|为何不|為何不|なぜ.{0,30}(?:しなかった|使わなかった|選ばなかった)"
             # "… を選ばなかったのはなぜ？", "왜 Kafka를 선택하지 않았나요?", "为什么没有选择 Kafka？": not chosen, the reason asked after it
             r"|(?:選ば|使わ|採用し|選択し|採ら)なかった(?:の|理由)|(?:선택|채택|사용)하지 않|고르지 않|쓰지 않"
             r"|(?:没有|沒有|未)(?:选择|選擇|选用|選用|采用|採用|使用)"
             # "Почему не выбрали RabbitMQ", "Warum haben wir nicht … genommen", "pourquoi ne pas avoir pris …"
             r"|\bне\s+(?:выбрали|взяли|стали|использовали|пошли|обрали|вибрали)\b|\bnicht\b.{0,60}?\b(?:genommen|verwendet|eingesetzt|benutzt)\b"
             r"|\bpas\s+(?:avoir\s+)?(?:choisi|pris|utilisé|adopté)\b|\bno\s+(?:elegimos|usamos|escogimos|optamos|adoptamos)\b"
             r"|\bnão\s+(?:escolhemos|usamos|optamos|adotamos)\b|\bnon\s+(?:abbiamo\s+)?(?:scelto|usato|adottato)\b"
             r"|\bnie\s+(?:wybraliśmy|wybrano|użyliśmy|użyto)\b"
             r"|\bverworfen\b|\babgelehnt\b|\brejetée?s?\b|\bécartée?s?\b|\brechazad[oa]s?\b|\bdescartad[oa]s?\b|\brejeitad[oa]s?\b"
             # "¿Por qué se descartó Aurora?", "por que descartaram …", "perché è stato scartato …"
             r"|\b(?:descart|rechaz)(?:ó|aron|amos)\b|\b(?:descart|rejeit)(?:ou|aram|amos)\b|\bscartat[oaie]\b"
             # "RabbitMQ 하나만 쓰는 안은 왜 탈락했나요?", "なぜ不採用", "为什么被否决": the option's fate, in so many words
             r"|탈락|기각|채택되지|선택되지|不採用|却下|見送|被否决|被淘汰|未采用|不采用"
             r"|\bverworpen\b|\bafgewezen\b|\bavvist\b|\bforkastet\b")
_CHOSEN = (r"\b(aus)?gewählt\b|\bfestgelegt\b|\bentschieden\b|\bbeschlossen\b|\bchoisie?s?\b|\bretenue?s?\b|\belegid[oa]s?\b|\bescogid[oa]s?\b|\bescolhid[oa]s?\b"
           # "최종적으로 어떤 DB를 선택했나요?", "どれを採用しましたか", "最终选择了哪个", "Что выбрали?": which one was taken
           r"|(?:어떤|무슨|어느|무엇을|뭘)\s?.{0,24}?(?:선택|채택|도입|결정)(?:했|하였|된|한)|선택된|채택된"
           r"|(?:何|どれ|どの\S{0,8})を(?:選|採用|選定)|(?:選んだ|採用した|選定した)(?:の|もの)は"
           r"|(?:选|選)(?:了|择了|擇了)(?:哪|什么|什麼)|最终(?:选择|采用|选定)|\bвыбрали\b|\belegimos\b|\bescogimos\b|\bescolhemos\b")

# Their words for why, for a cause, for when and for a command: a question's answer type and its intent alike.
_WHY = (r"\bperché\b|\bdlaczego\b|\bczemu\b|\bneden\b|\bniçin\b|\btại sao\b|\bvì sao\b|\bpourquoi\b|\bwarum\b|\bweshalb\b"
        r"|\bpor qué\b|\bpor que\b|なぜ|どうして|为什么|為什麼|为何|為何|\bпочему\b|\bзачем\b|\bчому\b")
_CAUSE = r"\bcause\b|\bursache\b|\bcausa\b|原因|причин"
_WHEN = (r"\bkiedy\b|\bne zaman\b|\bkhi nào\b|\blúc nào\b|\bquand\b|\bwann\b|\bcuándo\b|\bquando\b|いつ|\bкогда\b|\bколи\b"
         r"|什么时候|什麼時候|何时|哪天|几点|幾點|\b[àa] quelle heure\b|\bum wie ?viel uhr\b|\ba qué hora\b|\ba que horas?\b"
         r"|\ba che ora\b|\bво сколько\b|何時(?!間)|몇 시")
# "À quelle heure … marqué comme résolu ?", "Wann wurde … behoben?": when it was resolved, or first noticed
_RESOLVED_ACT = (r"(?:résolu|rétabli|behoben|gelöst|wiederhergestellt|resuelt|restablecid|risolt|ripristinat|resolvid"
                 r"|restabelecid|восстановлен|устранен|解決|復旧|恢复|解决|복구|해결)")
_DETECTED_ACT = (r"(?:détecté|remarqué|signalé|bemerkt|erkannt|entdeckt|gemeldet|detectad|notad|rilevat|notat"
                 r"|обнаружен|замечен|検知|発見|気付|发现|發現|감지|발견|인지"
                 r"|判明|特定さ|查明|查到|밝혀|규명|ermittelt|festgestellt|identifié|identificad|identificat|установлен|выявлен)")
# either order: "Wann wurde … behoben?", and "原因が判明したのは何時" (the act before its question word)
_WHEN_RESOLVED = rf"(?:{_WHEN}).*{_RESOLVED_ACT}|{_RESOLVED_ACT}.*(?:{_WHEN})"
_WHEN_DETECTED = rf"(?:{_WHEN}).*{_DETECTED_ACT}|{_DETECTED_ACT}.*(?:{_WHEN})"
# "Woran erkenne ich, dass …", "comment savoir si …", "¿cómo compruebo que …?", "como sei se …": how to tell it worked
_HOW_TO_TELL = (r"\bworan erkenne\b|\bwie (?:prüfe|überprüfe|erkenne|kontrolliere|verifiziere)\b|\bwie stelle ich fest\b"
                r"|\bcomment (?:vérifier|savoir si|s'assurer|je vérifie|vérifie-t-on|contrôler)\b"
                r"|\bc[oó]mo (?:verifico|compruebo|s[ée] si|confirmo|comprobar|verificar)\b|\bcomo (?:verifico|confirmo|sei se|verificar|confirmar)\b"
                r"|\bcome (?:verifico|controllo|faccio a sapere)\b|\bкак (?:проверить|убедиться|понять)\b")
_HOW_LONG = (r"\bquanto (?:aspetta|dura|ci vuole|ci mette)\b|\bcuánto (?:espera|dura|tarda)\b|\bquanto (?:espera|demora)\b"
             r"|\bjak długo\b|\bne kadar sür|\bbao lâu\b|\bcombien de temps\b|\bwie lange\b|\bcuánto tiempo\b|\bquanto tempo\b"
             r"|どのくらい|何分|何時間|多久|多长时间|多長時間|几分钟|几个小时|多少时间|сколько времени|как долго|скільки часу"
             r"|\bсколько (?:длил|продолжал|шл[оа]|занял|заняло)|\bскільки (?:тривал|часу)")
_STATUS_ASKED = r"\bstatut\b|ステータス|状态|\bстатус(?:а|у|е|ом|і)?\b"  # a status asked for; "estado", "상태" name an intent only
_COMMAND = r"\bcommande\b|\bbefehl\b|\bcomando\b|コマンド|команд|命令|指令"

# Question words of those languages, by the answer type they ask for.
FOREIGN_TYPES: list[tuple[str, str]] = [
    ("duration", _HOW_LONG),
    ("date", _WHEN),  # _WHEN holds "à quelle heure", "um wie viel Uhr"
    ("person", r"\bchi\b|\bkto\b|\blà ai\b|\bqui\b|\bwer\b|\bwem\b|\bquién\b|\bquem\b|誰|谁|哪位|担当|\bкто\b|\bкому\b|\bхто\b"),
    ("command", _COMMAND),
    ("drawback", _REJECTED),
    ("reason", _WHY + "|" + _CAUSE),
    ("number", r"\bcombien\b|\bwie viele?\b|\bcuánt[oa]s?\b|\bquant[oa]s?\b|何秒|いくら|いくつ|何個|何件|何回|多少|几个|幾個|几次"
               r"|\bсколько\b|\bскільки\b"),
    ("condition", r"条件|條件|什么情况下|什麼情況下|どんな場合|どの場合"),
    ("verify", _HOW_TO_TELL),
    ("status", _STATUS_ASKED),  # "В каком статусе …?": where it stands
    # "Welche Datenbank in welcher Version …?", "quelle version de …", "どのバージョン": a version number
    ("version", r"\bwelche[rnms]? version\b|\bquelle version\b|\bqu[eé] versi[oó]n\b|\bqual (?:a )?vers[aã]o\b"
                r"|\bquale versione\b|\bкак(?:ая|ой|ую) верси\w*|どのバージョン|何バージョン|哪个版本|哪個版本|什么版本|어떤 버전|어느 버전|몇 버전"),
]
_FOREIGN_TYPES = [(name, re.compile(p, re.I)) for name, p in FOREIGN_TYPES]

# Their question words for a reason or a time also name the intent (never the subject).
FOREIGN_INTENTS: list[tuple[str, str]] = [
    ("rejected", _REJECTED),  # "Warum wurde MongoDB nicht gewählt?" asks why an option lost, before "why" in general
    ("why", _WHY),
    ("resolved", _WHEN_RESOLVED),  # before the cause, as in English: "原因が判明したのは何時" asks a moment
    ("detected", _WHEN_DETECTED),
    ("root_cause", _CAUSE),
    ("when", _WHEN),
    ("duration", _HOW_LONG),  # "Wie lange dauerte der Ausfall?": the incident's duration and its start and end
    ("command", _COMMAND),
    ("chosen", _CHOSEN),
    ("consequences_negative", r"\binconvénients?\b|\bdésavantages?\b|\bnachteile?\b|\bdesventajas?\b|\bdesvantage(m|ns)\b"
                              r"|\bsvantagg[io]\b|\bnackdel(ar)?\b|\bulemper?\b|\bnadelen?\b|недостат|단점|デメリット|欠点|缺点|弊端"),
    ("consequences_positive", r"\bavantages?\b|\bvorteile?\b|\bventajas?\b|\bvantage(m|ns)\b|\bvantagg[io]\b"
                              r"|\bfördel(ar)?\b|\bfordel(er)?\b|\bvoordel(en)?\b|преимуществ|장점|メリット|利点|优点|好处"),
    ("options", r"\boptions envisagées\b|\balternativen\b|\balternativas\b|\bopciones\b|\bopções\b|選択肢|대안|备选|варианты|альтернатив"),
    ("status", _STATUS_ASKED + r"|\bestado\b|\bsituação\b|상태(?!로)"),  # "어떤 상태로 저장": in what form
    # "销毁之前一定要先做什么？", "削除する前に必要なこと", "삭제 전에 먼저 해야 할 일", "avant de … il faut": what comes first
    ("prerequisites", r"之前.{0,8}(?:先|需要|必须|要做|准备)|(?:する|の)前に.{0,12}(?:必要|準備|確認|しておく)"
                      r"|전에.{0,12}(?:먼저|해야|필요|준비)|\bavant de\b.{0,50}\b(?:faut|dois|devez|doit|nécessaire|préalable)"
                      r"|\bantes de\b.{0,50}\b(?:hay que|debo|debe|necesito|tengo que|preciso|devo|precisa)\b"
                      r"|\bbevor\b.{0,50}\b(?:muss|müssen|sollte|brauche)\b|\bперед\b.{0,50}\b(?:нужно|надо|необходимо|следует)\b"
                      # the same asked the other way round: "que faut-il faire avant de …", "qué hay que hacer antes de …"
                      r"|\b(?:faut|dois|devez|hay que|debo|tengo que|preciso|devo|muss|müssen|нужно|надо)\b.{0,40}\b(?:avant de|antes de|bevor|перед)\b"),
    # "怎么判断 X 是否 …", "どうやって確認する": how to tell it worked, or where it stands
    ("verify", r"(?:怎么|如何|怎样|怎麼)(?:判断|判斷|确认|確認|验证|驗證|检查|檢查)|どうやって確認|どう確認|確認方法|확인(?:하는)? 방법|어떻게 확인"
               r"|" + _HOW_TO_TELL),
    # "誰が承認しましたか", "谁批准的", "wer hat … entschieden": who decided
    ("deciders", r"(?:誰|谁|누가).*(?:承認|決定|決め|批准|决定|決定|승인|결정)|(?:承認|決定|批准|决定|승인|결정)\S*(?:誰|谁|누가)"
                 r"|\bwer hat\b.*\b(?:entschieden|genehmigt|beschlossen|getroffen)\b|\bqui a (?:décidé|approuvé|validé|pris la décision)\b"
                 r"|\bquién (?:decidió|aprobó|tomó la decisión)\b|\bquem (?:decidiu|aprovou|tomou a decisão)\b|\bchi ha (?:deciso|approvato|preso la decisione)\b|\bкто (?:решил|утвердил|одобрил|принял)\b"),
]
_FOREIGN_INTENTS = [(name, re.compile(p, re.I)) for name, p in FOREIGN_INTENTS]


def foreign_types(text: str) -> list[str]:
    return [name for name, rx in _FOREIGN_TYPES if rx.search(text)]


def foreign_intents(text: str) -> list[str]:
    found = [name for name, rx in _FOREIGN_INTENTS if rx.search(text)]
    return [n for n in found if not (n == "chosen" and "rejected" in found)]  # "nicht gewählt" is not "gewählt"


# --- hypernyms: the category a question names, the products notes name ---

HYPERNYMS: dict[str, set[str]] = {
    "shipper": {"fluentbit", "fluent-bit", "fluentd", "logstash", "filebeat", "vector", "promtail"},
    "broker": {"rabbitmq", "kafka", "nats", "activemq", "sqs", "pubsub", "redis"},
    "queue": {"rabbitmq", "kafka", "sqs", "celery", "sidekiq"},
    "iac": {"terraform", "pulumi", "cloudformation", "ansible", "arm"},
    "datastore": {"postgres", "postgresql", "mysql", "mongodb", "dynamodb", "redis", "cassandra", "sqlite"},
    "database": {"postgres", "postgresql", "mysql", "mongodb", "dynamodb", "cassandra", "sqlite", "rds"},
    "cache": {"redis", "memcached", "varnish"},
    "proxy": {"nginx", "envoy", "haproxy", "traefik"},
    "balancer": {"alb", "elb", "nginx", "haproxy", "traefik"},
    "orchestrator": {"kubernetes", "k8s", "nomad", "ecs"},
    "monitoring": {"prometheus", "grafana", "datadog", "nagios"},
    "pager": {"pagerduty", "opsgenie"},
    "certificate": {"certbot", "letsencrypt", "acme"},
    "ci": {"jenkins", "circleci", "travis", "actions"},
    "secrets": {"vault", "sops"},
    "search": {"elasticsearch", "opensearch", "solr"},
    "pooler": {"pgbouncer", "pgpool"},
    "authenticate": {"oidc", "oauth", "saml", "sso", "login", "credentials"},
    "deploy": {"provisioning", "provision", "rollout", "release"},
    "deploys": {"provisioning", "provision", "rollout", "release"},
}


# Acronyms and what notes write out instead ("OIDC" for "OpenID Connect").
ACRONYMS: dict[str, set[str]] = {
    "oidc": {"openid connect", "openid"}, "sso": {"single sign-on", "single sign on"}, "k8s": {"kubernetes", "kubectl"},
    "pg": {"postgres", "postgresql"}, "db": {"database"}, "ha": {"high availability", "highly available"},
    "dr": {"disaster recovery"}, "mfa": {"multi-factor", "two-factor", "2fa"}, "2fa": {"two-factor", "multi-factor", "mfa"},
    "rbac": {"role-based access", "role based access"}, "cdn": {"content delivery network"}, "oom": {"out of memory", "oomkilled"},
    "pr": {"pull request"}, "mr": {"merge request"}, "rto": {"recovery time objective"}, "rpo": {"recovery point objective"},
    "slo": {"service level objective"}, "sla": {"service level agreement"}, "iac": {"infrastructure as code"},
    "pvc": {"persistent volume claim", "volume"}, "volume": {"pvc", "pv"}, "vm": {"virtual machine"}, "lb": {"load balancer"},
    "openid": {"oidc"}, "kubernetes": {"k8s", "kubectl"}, "postgres": {"pg"}, "database": {"db"},
}

# Operations verbs a runbook writes one way and a question another ("revert a deployment": "Rollback").
SAME_ACT: dict[str, set[str]] = {
    "revert": {"rollback", "roll back", "undo"},
    "rollback": {"revert", "roll back", "undo"},
    "undo": {"revert", "rollback", "roll back"},
    "reboot": {"restart"},
    "delete": {"remove"},
    "remove": {"delete"},
    # what a record puts forward: "did the team propose …?" of notes that say "we're suggesting a limit of …"
    "propose": {"suggest", "recommend"},
    "suggest": {"propose", "recommend"},
    "recommend": {"suggest", "propose"},
}


# English verbs whose past forms a suffix does not make: a question asks "did the scheduler hang?", "what broke?",
# the note narrates "the thread hung", "the deploy broke it". Each group is one verb; forms are matched whole.
_IRREGULAR_VERBS = """
arise arose arisen|become became|begin began begun|break broke broken|bring brought|
build built|buy bought|catch caught|choose chose chosen|deal dealt|draw drew drawn|drive drove driven|eat ate eaten|
fall fell fallen|feed fed|feel felt|fight fought|find found|fly flew flown|forbid forbade forbidden|
forget forgot forgotten|freeze froze frozen|grow grew grown|hang hung|hear heard|hide hid hidden|hold held|keep kept|
know knew known|lead led|lend lent|lose lost|mean meant|meet met|overwrite overwrote overwritten|
override overrode overridden|pay paid|rebuild rebuilt|rerun reran|rewrite rewrote rewritten|ride rode ridden|
ring rang rung|rise rose risen|run ran|seek sought|sell sold|send sent|shake shook shaken|shine shone|shoot shot|
show showed shown|shrink shrank shrunk|sink sank sunk|sit sat|sleep slept|slide slid|speak spoke spoken|spend spent|
spin spun|stand stood|steal stole stolen|stick stuck|sting stung|strike struck|swing swung|take took taken|
teach taught|tear tore torn|tell told|think thought|throw threw thrown|undergo underwent undergone|undo undid undone|
understand understood|wake woke woken|wear wore worn|win won|withdraw withdrew withdrawn|write wrote written
"""
IRREGULAR: dict[str, tuple[str, ...]] = {}
for _group in _IRREGULAR_VERBS.split("|"):
    _forms = tuple(_group.split())
    for _form in _forms:
        IRREGULAR.setdefault(_form, tuple(f for f in _forms if f != _form))


def inflections(w: str) -> tuple[str, ...]:
    """The verb's other forms that no suffix makes ("hang" -> hung; "broke" -> break, broken), matched as whole words."""
    return IRREGULAR.get(w, ())


def instances(w: str) -> set[str]:
    """Products or terms a category word stands for ("shipper" -> fluentbit, fluentd …), or the same act in other words."""
    for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w, w[:-2] if w.endswith("ed") else w):
        if form in HYPERNYMS:
            return HYPERNYMS[form]
        if form in SAME_ACT:
            return SAME_ACT[form]
        if form in ACRONYMS:
            return ACRONYMS[form]
    return set()



@lru_cache(maxsize=4096)
def equivalents(w: str) -> frozenset[str]:
    """What a page may say instead of `w`: the products a category names, the term in other languages."""
    return frozenset(instances(w) | translations(w))


# --- exact identifiers ---

_IDENT = re.compile(r"(?<![\w.-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+){2,}|[a-z0-9]+(?:[-_][a-z0-9]+)*[-_]\d+[a-z0-9]*"
                    r"|[a-z][a-z0-9]*_[a-z0-9]+"  # snake_case: "id_fcu", "max_connections": code, never prose
                    r"|[a-z]+\d{2,}[a-z0-9]*|v?\d+(?:\.\d+){2,}|v\d+\.\d+)(?![\w-])", re.I)  # and versions: "v1.5.1", "2.14.0", "v3.2"


def identifiers(text: str) -> list[str]:
    """Names written as identifiers: three or more joined parts, a part that is a number, or letters with
    a number ("prod-users-db", "prod-orders-db-01", "SEC-227", "V48"), a version ("v1.5.1"); not "dead-letter", not "k8s"."""
    found = (m.lower() for m in _IDENT.findall(text) if not re.match(r"(?i)adr[-_ ]?\d", m))
    return list(dict.fromkeys(m[1:] if _VERSION.fullmatch(m) else m for m in found))  # "v1.5.1" is written "1.5.1" too


_VERSION = re.compile(r"v\d+(?:\.\d+)+")


# --- reading text ---


_EN_STOP = {"the", "and", "of", "to", "is", "in", "for", "with", "on", "was", "are", "be", "that", "this", "it", "we"}
_EN_ASK = _EN_STOP | {"what", "why", "how", "who", "when", "which", "did", "does", "do", "our", "i", "you"}


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def foreign_question(text: str) -> bool:
    """A question in French, German, Spanish, Portuguese or a Cyrillic script: their function words outnumber English ones."""
    if _CYRILLIC.search(text):
        return True  # Russian and Ukrainian share no function word with English
    toks = re.findall(r"[^\W\d_]+", text.lower())
    fo = sum(1 for t in toks if t in FOREIGN_STOP and t not in _EN_ASK)
    en = sum(1 for t in toks if t in _EN_ASK)
    # a short question with one such word, no English one and letters English lacks ("Dlaczego kolejka stanęła?")
    return fo >= 2 and fo > en or fo == 1 and not en and not text.isascii()


_LETTER = re.compile(r"[^\W\d_]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")  # a letter outside ASCII
_CITATION = re.compile(r"<sup>.*?</sup>|\]\([^)\s]*\)", re.S)  # a compiled page's citations: "#L3-L3" is no French "l'"
LANGUAGE_SAMPLE = 3000  # characters read to tell a page's language (every candidate page is asked, per question)


def without_citations(text: str) -> str:
    """A compiled page's text without its citations and link targets (source file names, "#L3-L3")."""
    return _CITATION.sub(" ", text)


@lru_cache(maxsize=1024)
def other_language(text: str) -> bool:
    """Text mostly in a language other than English: mostly non-Latin letters, or Latin words
    among which English function words are rare (a French or German page)."""
    sample = without_citations(text[: 3 * LANGUAGE_SAMPLE])[:LANGUAGE_SAMPLE]
    if not sample.isascii():
        letters = len(_LETTER.findall(sample))
        if letters and len(_OTHER_LETTER.findall(sample)) > 0.3 * letters:
            return True
    toks = re.findall(r"[^\W\d_]+", sample.lower())
    if len(toks) < 30:
        return False
    en = sum(1 for t in toks if t in _EN_STOP)
    other = sum(1 for t in toks if t in FOREIGN_STOP and t not in _EN_STOP)
    return other > 2 * en
