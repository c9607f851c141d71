"""Words across languages and levels of generality: what lets a question find a sentence that says it otherwise.

Three small, curated tables, all offline and deterministic:

- question words and stop words of the other languages notes are written in (French, German,
  Spanish, Portuguese; Korean is handled in intents.py), so "Pourquoi le jeton a-t-il fuité ?"
  asks about *jeton* and *fuité*, for a reason;
- hypernyms: a category an engineer names ("log shipper", "message broker", "IaC tool") and the
  products the notes name instead (fluentbit, RabbitMQ, Terraform);
- exact identifiers in a question (``prod-users-db``, ``knhk-closed-loop``, ``SEC-227``, ``V48``),
  which name one thing and must be found as written.

Plus two readings of text: accent folding (``fuité`` finds ``fuite``) and whether a page is written
in a language other than the question's (then everyday English words it lacks are no evidence
against it: a French post-mortem says *jeton*, not *token*).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- other languages: stop words and question words (issue 12, unseen check) ---

FOREIGN_STOP = set("""
le la les un une des du de d l à au aux et ou est sont a ont été être que qui quoi quel quelle quels quelles
ce cet cette ces il elle ils elles on nous vous je j y en ne pas plus pour par sur dans avec sans se sa son ses
leur leurs mon ma mes t s qu comment où combien pourquoi quand servi fait faut commande
der die das den dem des ein eine einer eines einem einen und oder ist sind war waren wurde wurden werden wird
hat haben hatte mit von zu zum zur im in am an auf für aus bei nach über unter vor wie was wer wen wem wessen wann
warum welche welcher welches wo wieviel viele nicht kein keine es er sie wir ihr ich man sich befehl
el los las uno una unos unas del al y o es son fue fueron ser está están que quien quién qué cuál cuáles cómo
cuándo dónde cuánto cuántos por para con sin se su sus lo comando
os as um uma uns umas do da dos das no na nos nas em é são foi foram quem qual quais quando onde quanto
и в во не на с со что как а то все так его но да к у же вы за бы по только ее было вот от еще нет о из ли если уже или ни
быть был была были до там где есть для мы их чем без кто этот того этого какой какая какие какую каком этом при после
через эти нас про них почему зачем когда сколько ещё это мы наш нашего нашей у нас кто-то чтобы чтоб
і й та що як але чи це ми нас до від для при після через коли чому хто скільки який яка які
""".split()) | set("""
og på til med som av er det er har kan skal blir ble et ikke også eller fra ved når hvor hva hvem hvorfor hvordan dette disse
vår våre seg sitt sine må bør vi og och är att inte för ska vill blev ett eller från vid när vad vem varför hur detta dessa
het een en van op te dat voor met als aan zijn niet ook maar bij door naar worden wordt werd wij hun hoe wat wie waarom wanneer
waar deze dit il lo gli le una di da con su per tra fra sono che non come perché dove chi cosa questo questa anche ma se della
dei delle alla
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
_REJECTED = (r"\b(nicht|pas|no|não) (\w+ )?(gewählt|ausgewählt|choisie?s?|retenue?s?|elegid[oa]s?|escogid[oa]s?|escolhid[oa]s?)\b"
             r"|\bverworfen\b|\babgelehnt\b|\brejetée?s?\b|\bécartée?s?\b|\brechazad[oa]s?\b|\bdescartad[oa]s?\b|\brejeitad[oa]s?\b")
_CHOSEN = r"\b(aus)?gewählt\b|\bchoisie?s?\b|\bretenue?s?\b|\belegid[oa]s?\b|\bescogid[oa]s?\b|\bescolhid[oa]s?\b"

# Question words of those languages, by the answer type they ask for.
FOREIGN_TYPES: list[tuple[str, str]] = [
    ("duration", r"\bcombien de temps\b|\bwie lange\b|\bcuánto tiempo\b|\bquanto tempo\b|どのくらい|何分|何時間|多久|多长时间|多長時間|几分钟|几个小时|多少时间|сколько времени|как долго|скільки часу"),
    ("date", r"\bquand\b|\bwann\b|\bcuándo\b|\bquando\b|\bà quelle heure\b|\bum wie viel uhr\b|いつ|何時|\bкогда\b|во сколько|\bколи\b"),
    ("person", r"\bqui\b|\bwer\b|\bwem\b|\bquién\b|\bquem\b|誰|担当|\bкто\b|\bкому\b|\bхто\b"),
    ("command", r"\bcommande\b|\bbefehl\b|\bcomando\b|コマンド|команд"),
    ("drawback", _REJECTED),
    ("reason", r"\bpourquoi\b|\bwarum\b|\bweshalb\b|\bpor qué\b|\bpor que\b|\bcause\b|\bursache\b|\bcausa\b|なぜ|原因|\bпочему\b|\bзачем\b|причин|\bчому\b"),
    ("number", r"\bcombien\b|\bwie viele?\b|\bcuánt[oa]s?\b|\bquant[oa]s?\b|何秒|いくら|\bсколько\b|\bскільки\b"),
]
_FOREIGN_TYPES = [(name, re.compile(p, re.I)) for name, p in FOREIGN_TYPES]

# Their question words for a reason or a time also name the intent (never the subject).
FOREIGN_INTENTS: list[tuple[str, str]] = [
    ("rejected", _REJECTED),  # "Warum wurde MongoDB nicht gewählt?" asks why an option lost, before "why" in general
    ("why", r"\bpourquoi\b|\bwarum\b|\bweshalb\b|\bpor qué\b|\bpor que\b|なぜ|\bпочему\b|\bзачем\b|\bчому\b"),
    ("root_cause", r"\bcause\b|\bursache\b|\bcausa\b|原因|причин"),
    ("when", r"\bquand\b|\bwann\b|\bcuándo\b|\bquando\b|いつ|\bкогда\b|\bколи\b"),
    ("command", r"\bcommande\b|\bbefehl\b|\bcomando\b|コマンド|команд"),
    ("chosen", _CHOSEN),
    ("consequences_negative", r"\binconvénients?\b|\bdésavantages?\b|\bnachteile?\b|\bdesventajas?\b|\bdesvantage(m|ns)\b"
                              r"|\bsvantagg[io]\b|\bnackdel(ar)?\b|\bulemper?\b|\bnadelen?\b|недостат|단점|デメリット|欠点|缺点|弊端"),
    ("consequences_positive", r"\bavantages?\b|\bvorteile?\b|\bventajas?\b|\bvantage(m|ns)\b|\bvantagg[io]\b"
                              r"|\bfördel(ar)?\b|\bfordel(er)?\b|\bvoordel(en)?\b|преимуществ|장점|メリット|利点|优点|好处"),
    ("options", r"\boptions envisagées\b|\balternativen\b|\balternativas\b|\bopciones\b|\bopções\b|選択肢|대안|备选|варианты|альтернатив"),
    ("status", r"\bstatut\b|\bestado\b|\bsituação\b|ステータス|상태|状态|\bстатус\b"),
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
    "oidc": {"openid connect", "openid"}, "sso": {"single sign-on", "single sign on"}, "k8s": {"kubernetes"},
    "pg": {"postgres", "postgresql"}, "db": {"database"}, "ha": {"high availability", "highly available"},
    "dr": {"disaster recovery"}, "mfa": {"multi-factor", "two-factor", "2fa"}, "2fa": {"two-factor", "multi-factor", "mfa"},
    "rbac": {"role-based access", "role based access"}, "cdn": {"content delivery network"}, "oom": {"out of memory", "oomkilled"},
    "pr": {"pull request"}, "mr": {"merge request"}, "rto": {"recovery time objective"}, "rpo": {"recovery point objective"},
    "slo": {"service level objective"}, "sla": {"service level agreement"}, "iac": {"infrastructure as code"},
    "pvc": {"persistent volume claim", "volume"}, "volume": {"pvc", "pv"}, "vm": {"virtual machine"}, "lb": {"load balancer"},
    "openid": {"oidc"}, "kubernetes": {"k8s"}, "postgres": {"pg"}, "database": {"db"},
}

# Operations verbs a runbook writes one way and a question another ("revert a deployment": "Rollback").
SAME_ACT: dict[str, set[str]] = {
    "revert": {"rollback", "roll back", "undo"},
    "rollback": {"revert", "roll back", "undo"},
    "undo": {"revert", "rollback", "roll back"},
    "reboot": {"restart"},
    "delete": {"remove"},
    "remove": {"delete"},
}


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


# --- the same term in the other languages notes are written in ---
#
# An English question about a Spanish ADR or a Korean post-mortem names "database", "retry", "recovery";
# the page says "base de datos", "재시도", "복구". Engineering terms only, each form a word a page would
# use for that term and for nothing else common (no Spanish "red" for network, no one-character CJK word).

TRANSLATIONS: dict[str, set[str]] = {k: set(v.split("|")) for k, v in {
    "database": "base de datos|bases de datos|base de données|bases de données|datenbank|datenbanken|banco de dados"
                "|데이터베이스|データベース|数据库|資料庫|база данных|базы данных|базе данных|бд",
    "production": "producción|produção|produktion|produktivumgebung|프로덕션|운영 환경|本番|本番環境|生产|生产环境|生產|прод|проде|продакшн|продакшен|продакшене",
    "docs": "documentación|documentation|dokumentation|documentação|문서|ドキュメント|文档|文檔",
    "decision": "decisión|décision|entscheidung|decisão|결정|決定|决定|决策|решение|решения|рішення",
    "option": "opción|opciones|optionen|opção|opções|옵션|선택지|選択肢|选项|方案|вариант|варианты|варіант",
    "incident": "incidente|vorfall|störung|장애|障害|インシデント|事故|故障|инцидент|инцидента|інцидент",
    "outage": "caída|interrupción|panne|ausfall|indisponibilidade|장애|障害|故障|宕机|сбой|сбоя|авария|аварии|простой|простоя|збій",
    "cause": "causa|ursache|원인|原因|причина|причины|причину|причиною",
    "impact": "impacto|auswirkung|auswirkungen|영향|임팩트|影響|影响|влияние|влияния|вплив",
    "layer": "레이어|レイヤー|层|层级|schicht|capa|couche|camada|слой",
    "timeline": "cronología|chronologie|zeitleiste|zeitlicher ablauf|linha do tempo|타임라인|경과|タイムライン|経緯|时间线|хронология|хронологія",
    "recovery": "recuperación|récupération|wiederherstellung|recuperação|복구|復旧|恢复|восстановление|восстановления|відновлення",
    "rollback": "reversión|retour arrière|롤백|ロールバック|回滚|откат|отката|відкат",
    "deploy": "despliegue|desplegar|déploiement|déployer|bereitstellung|implantação|배포|デプロイ|部署|выкладка|выкладки|выкладку|деплой|деплоя|развёртывание|развертывание|розгортання",
    "deployment": "despliegue|déploiement|bereitstellung|implantação|배포|デプロイ|部署|выкладка|выкладки|деплой|развёртывание|развертывание|розгортання",
    "migration": "migración|migração|마이그레이션|マイグレーション|迁移|миграция|миграции|міграція",
    "retry": "reintento|nouvelle tentative|wiederholung|nova tentativa|재시도|再試行|リトライ|重试|повтор|повторы|повторная попытка",
    "error": "erreur|fehler|erro|에러|오류|エラー|错误|ошибка|ошибки|ошибку|ошибок|помилка|помилки",
    "fail": "fallo|falla|falló|échec|échoué|fehlgeschlagen|falha|falhou|실패|失敗|失败|упал|упала|упало|сбой|отказ",
    "failure": "fallo|falla|échec|fehlschlag|falha|실패|失敗|失败|отказ|отказа|сбой|сбоя|збій",
    "fix": "corrección|correctif|behebung|correção|수정|修正|修复|исправление|исправлено|фикс|виправлення",
    "user": "usuario|usuarios|utilisateur|utilisateurs|benutzer|nutzer|usuário|usuários|사용자|ユーザー|用户|пользователь|пользователи|пользователей|користувач|користувачі",
    "customer": "cliente|clientes|kunde|kunden|고객|顧客|客户|клиент|клиенты|клиентов|клієнт",
    "client": "cliente|clientes|kunde|kunden|고객|顧客|客户|клиент|клиенты|клієнт",
    "order": "pedido|pedidos|commande|commandes|bestellung|bestellungen|주문|注文|订单",
    "server": "servidor|servidores|serveur|serveurs|서버|サーバー|サーバ|服务器|сервер|сервера|сервере|серверы",
    "index": "índice|índices|인덱스|インデックス|索引",
    "column": "columna|colonne|spalte|coluna|컬럼|カラム",
    "table": "tabla|tabelle|tabela|테이블|テーブル",
    "backup": "respaldo|copia de seguridad|sauvegarde|sicherung|백업|バックアップ|备份|бэкап|бэкапа|бэкапы|резервная копия|резервные копии|резервна копія",
    "lock": "bloqueo|verrou|sperre|bloqueio|락|잠금|ロック",
    "timeout": "tiempo de espera|zeitüberschreitung|타임아웃|タイムアウト|超时|таймаут|тайм-аут",
    "alert": "alerta|alerte|alarm|알림|경보|アラート|告警|алерт|алерты|оповещение|оповещения|сповіщення",
    "certificate": "certificado|certificat|zertifikat|인증서|証明書|证书|сертификат|сертификата|сертифікат",
    "password": "contraseña|mot de passe|passwort|senha|비밀번호|パスワード|密码|пароль|пароля",
    "downside": "desventaja|inconvénient|nachteil|desvantagem|단점|デメリット|缺点",
    "drawback": "desventaja|inconvénient|nachteil|desvantagem|단점|デメリット|缺点",
    "severity": "severidad|gravité|schweregrad|severidade|심각도|重大度|严重程度",
    "lesson": "lección|lecciones|leçon|leçons|lektion|lição|lições|교훈|教訓|教训",
    "memory": "memoria|mémoire|arbeitsspeicher|memória|메모리|メモリ|内存|память|памяти|пам'ять",
    "disk": "disco|disque|festplatte|디스크|ディスク|磁盘|диск|диска|диске",
    "network": "réseau|netzwerk|네트워크|ネットワーク|网络|сеть|сети|мережа",
    "cluster": "clúster|클러스터|クラスタ|集群|кластер|кластера",
    "container": "contenedor|conteneur|contêiner|컨테이너|コンテナ|容器|контейнер|контейнера",
    "queue": "cola de mensajes|file d'attente|warteschlange|큐|キュー|队列|очередь|очереди|черга",
    "cache": "caché|캐시|キャッシュ|缓存|кэш|кеш|кэша|кеша",
    "log": "로그|ログ|日志|лог|логи|логах|журнал|журнале",
    "configuration": "configuración|konfiguration|configuração|설정|구성|設定|配置|конфигурация|конфигурации|настройки|конфігурація",
    "upgrade": "actualización|mise à jour|aktualisierung|atualização|업그레이드|アップグレード|升级|обновление|обновления|апгрейд|оновлення",
    "traffic": "tráfico|trafic|tráfego|트래픽|トラフィック|流量|трафик|трафика|трафік",
    "latency": "latencia|latence|latenz|latência|지연|レイテンシ|遅延|延迟|задержка|задержки|латентность|затримка",
    "hybrid": "híbrido|híbrida|hybride|하이브리드|ハイブリッド|混合",
    "structured": "estructurado|estructurados|structuré|structurés|strukturiert|estruturado|정형|構造化|结构化",
    "consistency": "consistencia|cohérence|konsistenz|consistência|일관성|整合性|一致性",
    "test": "prueba|pruebas|테스트|テスト|测试|тест|тесты|тестов",
    "schema": "esquema|schéma|스키마|スキーマ",
    "invoice": "factura|facturas|facture|factures|rechnung|rechnungen|fatura|faturas|청구서|請求書|发票",
    "payment": "pago|pagos|paiement|paiements|zahlung|zahlungen|pagamento|pagamentos|결제|支払い|支付",
    "settlement": "liquidación|règlement|abrechnung|liquidação|정산|精算|结算",
    "request": "solicitud|solicitudes|requête|requêtes|anfrage|anfragen|requisição|요청|リクエスト|请求|запрос|запросы|запросов|запит",
    "deliver": "zustellen|zugestellt|zustellbar|zustellung|entregar|entregado|entrega|livrer|livré|livraison|entregue|배달|전달|配信|配達|投递|送达",
    "delivery": "zustellung|zustellen|zugestellt|zustellbar|entrega|livraison|배달|전달|配信|配達|投递|送达",
    "external": "extern|externe|externen|von außen|externo|externa|externos|externe|외부|外部",
    "email": "e-mail|e-mails|mail|mails|correo electrónico|courriel|메일|이메일|メール|邮件|почта|письмо|письма|e-mail",
    "permission": "permiso|permisos|autorisation|berechtigung|permissão|권한|権限|权限|права|разрешение|доступ",
    "cold": "frío|fría|frio|fria|froid|froide|kalt|콜드|コールド",
    "sleep": "スリープ|休眠|睡眠|슬립|veille|ruhezustand|suspensión|suspensão|сон",
    "probe": "プローブ|探测|探针|프로브|sonde|sonda|проба",
    "alarm": "アラーム|アラート|告警|报警|알람|경보|alarme|alerte|alarma|тревога|оповещение",
    "key": "キー|鍵|密钥|公钥|키|clé|clef|schlüssel|clave|chave|ключ",
    "trust": "信頼|信任|신뢰|confiance|vertrauen|confianza|confiança|доверие",
    "compile": "コンパイル|ビルド|编译|构建|컴파일|빌드|compiler|kompilieren|compilar|компиляция|собрать",
    "commit": "コミット|提交|커밋|коммит",
    "delete": "削除|删除|删掉|삭제|supprimer|löschen|eliminar|excluir|удалить|удалён|удален",
    "remove": "削除|删除|移除|删掉|삭제|제거|supprimer|entfernen|eliminar|remover|удалить|убрать",
    "expire": "期限切れ|失効|过期|到期|만료|expirer|expire|ablaufen|abgelaufen|expirar|caducar|истечь|истекает",
    "threshold": "閾値|しきい値|阈值|임계치|임계값|seuil|schwellenwert|umbral|limiar|порог",
    "monitor": "監視|モニタリング|监控|모니터링|surveillance|überwachung|monitoreo|monitoramento|мониторинг",
    "role": "ロール|役割|角色|역할|rôle|rolle|rol|papel|роль",
    "reserved": "予約|予約語|保留|예약|réservé|reserviert|reservado|зарезервирован",
    "session": "セッション|会话|세션|sitzung|sesión|sessão|сессия",
    "login": "ログイン|登录|로그인|connexion|anmeldung|inicio de sesión|вход",
    "alternative": "代替案|代替|替代|备选|대안|alternatives|alternativen|alternativa|альтернатива",
    "status": "ステータス|状態|状态|상태|statut|estado|статус",
    "accepted": "承認|承認済み|採用|已接受|接受|승인|채택|accepté|acceptée|akzeptiert|angenommen|aceptado|aceito|aceita|принято",
    "proposed": "提案|提案中|提议|제안|proposé|proposée|vorgeschlagen|propuesto|proposto|предложено",
    "restart": "再起動|重启|재시작|재기동|redémarrer|redémarrage|neustart|neu starten|reiniciar|reinício|перезапуск",
    "reboot": "再起動|重启|재부팅|redémarrage|neustart|reinicio|reinício|перезагрузка",
    "documentation": "ドキュメント|文档|문서|dokumentation|documentación|documentação|документация",
    "inactivity": "非アクティブ|不活性|不活跃|비활성|미사용|inactivité|inaktivität|inactividad|inatividade|неактивност",
    "days": "日間|일간|jours|tage|días|dias|дней",
    "twice": "二回|2回|两次|두 번|deux fois|zweimal|dos veces|duas vezes|дважды",
    "validate": "検証|验证|检验|검증|valider|validieren|validar|проверить",
    "service": "サービス|服务|서비스|dienst|servicio|serviço|сервис|служба",
    "response": "レスポンス|応答|响应|응답|réponse|antwort|respuesta|resposta|ответ",
    "connection": "接続|连接|연결|connexion|verbindung|conexión|conexão|соединение|подключение",
    "process": "プロセス|进程|프로세스|processus|prozess|proceso|processo|процесс",
    "job": "ジョブ|任务|작업|tâche|trabajo|tarefa|задача|задание",
    "script": "スクリプト|脚本|스크립트|skript|скрипт",
    "file": "ファイル|文件|파일|fichier|datei|archivo|arquivo|файл",
    "build": "ビルド|构建|빌드|compilación|сборка",
    "release": "リリース|发布|릴리스|versión publicada|veröffentlichung|lançamento|релиз",
    "version": "バージョン|版本|버전|versión|versão|версия",
    "install": "インストール|安装|설치|installer|installation|instalar|instalación|установка|установить",
    "environment": "環境|环境|환경|environnement|umgebung|entorno|ambiente|окружение|среда",
    "metric": "メトリクス|指标|메트릭|métrique|metrik|métrica|метрика",
    "dashboard": "ダッシュボード|仪表盘|仪表板|대시보드|tableau de bord|panel|painel|дашборд",
    "storage": "ストレージ|存储|스토리지|stockage|speicher|almacenamiento|armazenamento|хранилище",
    "node": "ノード|节点|노드|nœud|noeud|knoten|nodo|узел|нода",
    "image": "イメージ|镜像|이미지|imagen|imagem|образ",
    "proxy": "プロキシ|代理|프록시|прокси",
    "tunnel": "トンネル|隧道|터널|túnel|туннель",
    "domain": "ドメイン|域名|도메인|domaine|dominio|domínio|домен",
    "account": "アカウント|账号|账户|계정|compte|konto|cuenta|conta|аккаунт|учётная запись",
    "token": "トークン|令牌|토큰|jeton|токен",
    "secret": "シークレット|密钥|시크릿|geheimnis|secreto|segredo|секрет",
    "worker": "ワーカー|工作进程|워커|воркер",
    "schedule": "スケジュール|调度|计划|스케줄|planification|zeitplan|programación|agendamento|расписание",
    "limit": "制限|上限|限制|제한|limite|límite|лимит|ограничение",
    "quota": "クォータ|配额|할당량|kontingent|cuota|cota|квота",
    "capacity": "容量|용량|capacité|kapazität|capacidad|capacidade|ёмкость|емкость",
    "size": "サイズ|大小|크기|taille|größe|tamaño|tamanho|размер",
    "slow": "lento|lenta|lentidão|lentitud|langsam|lent|lente|느림|느린|遅い|遅延|慢",
}.items()}
# Each translated form, back to its English term (the first one listed, when a form serves two).
_ENGLISH_OF: dict[str, str] = {}
for _en, _forms in TRANSLATIONS.items():
    for _form in _forms:
        _ENGLISH_OF.setdefault(_form, _en)


def translations(w: str) -> set[str]:
    """The term `w` (or its plain form: "orders" -> order, "retried" -> retry) in the other languages; a term
    asked in another language ("fria") is also found as the English term ("cold") and its other translations."""
    for form in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else "",
                 w[:-3] if w.endswith("ing") else "", w[:-2] if w.endswith("ed") else "",
                 w[:-3] + "y" if w.endswith("ied") else "", w[:-1] if w.endswith("ed") else ""):
        if form and form in TRANSLATIONS:
            return TRANSLATIONS[form]
    english = _ENGLISH_OF.get(w)
    if english and not w.isascii() and _script(w):
        # "回滚" asked: the notes' English "rollback" and its other Han forms, not the Korean runbook's "롤백"
        return {f for f in TRANSLATIONS[english] if f != w and _script(f) == _script(w)} | {english}
    return (TRANSLATIONS[english] - {w}) | {english} if english else set()


# The letters of the scripts written without spaces between words (Japanese kana, Chinese characters), and Hangul.
KANA = "\u3040-\u30ff"
HAN = "\u3400-\u9fff"
HANGUL = "\uac00-\ud7af"
HAN_KANA = re.compile(f"[{KANA}{HAN}]")


def _script(w: str) -> str:
    """"hangul", "kana" (Japanese with kana), "han" (Chinese characters alone) or "" for other scripts."""
    if re.search(f"[{HANGUL}]", w):
        return "hangul"
    if re.search(f"[{KANA}]", w):
        return "kana"
    return "han" if re.search(f"[{HAN}]", w) else ""


@lru_cache(maxsize=4096)
def equivalents(w: str) -> frozenset[str]:
    """What a page may say instead of `w`: the products a category names, the term in other languages."""
    return frozenset(instances(w) | translations(w))


# --- exact identifiers ---

_IDENT = re.compile(r"(?<![\w.-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+){2,}|[a-z0-9]+(?:[-_][a-z0-9]+)*[-_]\d+[a-z0-9]*"
                    r"|[a-z]+\d{2,}[a-z0-9]*)(?![\w-])", re.I)


def identifiers(text: str) -> list[str]:
    """Names written as identifiers: three or more joined parts, a part that is a number, or letters with
    a number ("prod-users-db", "prod-orders-db-01", "SEC-227", "V48"); not "dead-letter", not "k8s"."""
    return list(dict.fromkeys(m.lower() for m in _IDENT.findall(text) if not re.match(r"(?i)adr[-_ ]?\d", m)))


# --- reading text ---


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Latin accents removed ("fuité" -> "fuite"); Hangul, kana and kanji left whole."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))


_COMBINING = re.compile("[\u0300-\u036f]")


_EN_STOP = {"the", "and", "of", "to", "is", "in", "for", "with", "on", "was", "are", "be", "that", "this", "it", "we"}
_EN_ASK = _EN_STOP | {"what", "why", "how", "who", "when", "which", "did", "does", "do", "our", "i", "you"}


def foreign_question(text: str) -> bool:
    """A question in French, German, Spanish or Portuguese: their function words outnumber English ones."""
    toks = re.findall(r"[^\W\d_]+", text.lower())
    fo = sum(1 for t in toks if t in FOREIGN_STOP and t not in _EN_ASK)
    return fo >= 2 and fo > sum(1 for t in toks if t in _EN_ASK)


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
