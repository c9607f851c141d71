"""The same engineering term in the other languages notes are written in, and the scripts they use.

One table shared by the two readers that cross languages: `ask` (an English question finds the Korean
post-mortem's "복구" when it asks about recovery) and the claim verifier (an English sentence a model wrote
about a Chinese ADR is checked against the words its cited lines do say). Curated, offline, deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# An English question about a Spanish ADR or a Korean post-mortem names "database", "retry", "recovery";
# the page says "base de datos", "재시도", "복구". Engineering terms only, each form a word a page would
# use for that term and for nothing else common (no Spanish "red" for network, no one-character CJK word).

_DELAY = "verzögerung|retard|retraso|atraso|ritardo|opóźnien|задержк|遅延|延迟|延遲|지연"
TRANSLATIONS: dict[str, set[str]] = {k: set(v.split("|")) for k, v in {
    # the days of the week: "the Friday deploy" of a French post-mortem's "le déploiement de vendredi"
    "monday": "lundi|montag|lunes|segunda-feira|lunedì|maandag|понедельник|понедельника|понеділок|poniedziałek|月曜日|星期一|周一|週一|월요일",
    "tuesday": "mardi|dienstag|martes|terça-feira|martedì|dinsdag|вторник|вторника|вівторок|wtorek|火曜日|星期二|周二|週二|화요일",
    "wednesday": "mercredi|mittwoch|miércoles|quarta-feira|mercoledì|woensdag|среда|среду|середа|środa|水曜日|星期三|周三|週三|수요일",
    "thursday": "jeudi|donnerstag|jueves|quinta-feira|giovedì|donderdag|четверг|четверга|четвер|czwartek|木曜日|星期四|周四|週四|목요일",
    "friday": "vendredi|freitag|viernes|sexta-feira|venerdì|vrijdag|пятница|пятницу|пятниці|п'ятниця|piątek|金曜日|星期五|周五|週五|금요일",
    "saturday": "samedi|samstag|sonnabend|sábado|sabato|zaterdag|суббота|субботу|субота|sobota|土曜日|星期六|周六|週六|토요일",
    "sunday": "dimanche|sonntag|domingo|domenica|zondag|воскресенье|неділя|niedziela|日曜日|星期日|星期天|周日|週日|일요일",
    "database": "base de datos|bases de datos|base de données|bases de données|datenbank|datenbanken|banco de dados"
                "|데이터베이스|データベース|数据库|資料庫|база данных|базы данных|базе данных|бд"
                "|базу данных|базами данных",
    # units an English question asks in ("how many seconds behind"), as a page in another language writes them
    "seconds": "segundos|secondes|sekunden|секунд|секунды|секунду",
    "minutes": "minutos|minuten|分钟|分間|минут|минуты",
    "hours": "horas|heures|stunden|小时|時間|시간|часов|часа",
    "production": "producción|produção|produktion|produktivumgebung|프로덕션|운영 환경|本番|本番環境|生产|生产环境|生產|прод|проде|продакшн|продакшен|продакшене",
    "docs": "documentación|documentation|dokumentation|documentação|문서|ドキュメント|文档|文檔"
            "|документация|документации|документація",
    "decision": "decisión|décision|entscheidung|decisão|결정|決定|决定|决策|решение|решения|рішення"
                "|決策|решению|решении",
    "option": "opción|opciones|optionen|opção|opções|옵션|선택지|選択肢|选项|方案|вариант|варианты|варіант"
              "|선택 사항|選項|вариантов|варіанти",
    "incident": "incidente|vorfall|störung|장애|障害|インシデント|事故|故障|инцидент|инцидента|інцидент"
                "|인시던트|инциденты|инцидентов|инциденте|інциденти|інциденту",
    "outage": "caída|interrupción|panne|ausfall|indisponibilidade|장애|障害|故障|宕机|сбой|сбоя|авария|аварии|простой|простоя|збій"
              "|停機|сбои|сбоев",
    "cause": "causa|ursache|원인|原因|причина|причины|причину|причиною"
             "|причиной|причин",
    "impact": "impacto|auswirkung|auswirkungen|영향|임팩트|影響|影响|влияние|влияния|вплив"
              "|影響範圍|影响范围|влиянии",
    "layer": "레이어|レイヤー|层|层级|schicht|capa|couche|camada|слой"
             "|レイヤ|層級|слоя|слои|шар",
    "timeline": "cronología|chronologie|zeitleiste|zeitlicher ablauf|linha do tempo|타임라인|경과|タイムライン|経緯|时间线|хронология|хронологія"
                "|時間線|時間軸|хронологии",
    "recovery": "recuperación|récupération|wiederherstellung|recuperação|복구|復旧|恢复|восстановление|восстановления|відновлення"
                "|リカバリ|リカバリー|恢復|восстановлению|відновленню",
    "rollback": "reversión|retour arrière|롤백|ロールバック|回滚|откат|отката|відкат"
                "|回滾|откатить|відкату",
    "deploy": "despliegue|desplegar|déploiement|déployer|bereitstellung|implantação|배포|デプロイ|部署|выкладка|выкладки|выкладку|деплой|деплоя|развёртывание|развертывание|розгортання"
              "|деплоить|задеплоить|розгорнути",
    "deployment": "despliegue|déploiement|bereitstellung|implantação|배포|デプロイ|部署|выкладка|выкладки|деплой|развёртывание|развертывание|розгортання",
    "migration": "migración|migração|마이그레이션|マイグレーション|迁移|миграция|миграции|міграція"
                 "|遷移|миграцию|міграції",
    "retry": "reintento|nouvelle tentative|wiederholung|nova tentativa|재시도|再試行|リトライ|重试|повтор|повторы|повторная попытка"
             "|重試|повторов|повторную попытку",
    "error": "erreur|fehler|erro|에러|오류|エラー|错误|ошибка|ошибки|ошибку|ошибок|помилка|помилки"
             "|錯誤|ошибкой|ошибке|ошибкам|помилок|помилку",
    "fail": "fallo|falla|falló|échec|échoué|fehlgeschlagen|falha|falhou|실패|失敗|失败|упал|упала|упало|сбой|отказ",
    "failure": "fallo|falla|échec|fehlschlag|falha|실패|失敗|失败|отказ|отказа|сбой|сбоя|збій"
               "|отказы|отказов|сбои",
    "fix": "corrección|correctif|behebung|correção|수정|修正|修复|исправление|исправлено|фикс|виправлення"
           "|修復|исправления|исправить|виправити",
    "user": "usuario|usuarios|utilisateur|utilisateurs|benutzer|nutzer|usuário|usuários|사용자|ユーザー|用户|пользователь|пользователи|пользователей|користувач|користувачі"
            "|ユーザ|유저|用戶|使用者|пользователя|пользователю|користувача|користувачів",
    "customer": "cliente|clientes|kunde|kunden|고객|顧客|客户|клиент|клиенты|клиентов|клієнт"
                "|клиента|клиентам",
    "client": "cliente|clientes|kunde|kunden|고객|顧客|客户|клиент|клиенты|клієнт",
    "order": "pedido|pedidos|commande|commandes|bestellung|bestellungen|주문|注文|订单"
             "|заказ|заказа|заказы|заказов|замовлення",
    "server": "servidor|servidores|serveur|serveurs|서버|サーバー|サーバ|服务器|сервер|сервера|сервере|серверы"
              "|伺服器|сервером|серверов|сервери",
    "index": "índice|índices|인덱스|インデックス|索引"
             "|индекс|индекса|индексы|индексов|індекс",
    "column": "columna|colonne|spalte|coluna|컬럼|カラム"
              "|칼럼|列名|столбец|столбца|колонка|колонки|стовпець",
    "table": "tabla|tabelle|tabela|테이블|テーブル"
             "|表格|таблица|таблицы|таблицу|таблиць|таблиця",
    "backup": "respaldo|copia de seguridad|sauvegarde|sicherung|백업|バックアップ|备份|бэкап|бэкапа|бэкапы|резервная копия|резервные копии|резервна копія"
              "|備份|бэкапов|резервное копирование|резервного копирования|резервне копіювання",
    "lock": "bloqueo|verrou|sperre|bloqueio|락|잠금|ロック"
            "|блокировка|блокировки|блокування",
    "timeout": "tiempo de espera|zeitüberschreitung|타임아웃|タイムアウト|超时|таймаут|тайм-аут"
               "|逾時|超時|таймауты|таймаута|тайм-аута",
    "alert": "alerta|alerte|alarm|알림|경보|アラート|告警|алерт|алерты|оповещение|оповещения|сповіщення"
             "|警報|алерта|алертов|оповещений",
    "certificate": "certificado|certificat|zertifikat|인증서|証明書|证书|сертификат|сертификата|сертифікат"
                   "|сертификаты|сертификатов|сертифікати",
    "cert": "certificado|certificat|zertifikat|인증서|証明書|证书|сертификат|сертификата|сертифікат"  # as engineers shorten it
            "|сертификаты|сертификатов|сертифікати",
    "password": "contraseña|mot de passe|passwort|senha|비밀번호|パスワード|密码|пароль|пароля"
                "|패스워드|密碼|пароли|паролей|паролі",
    "downside": "desventaja|inconvénient|nachteil|desvantagem|단점|デメリット|缺点",
    "drawback": "desventaja|inconvénient|nachteil|desvantagem|단점|デメリット|缺点",
    "severity": "severidad|gravité|schweregrad|severidade|심각도|重大度|严重程度"
                "|嚴重程度|критичность|серьёзность|серйозність",
    "lesson": "lección|lecciones|leçon|leçons|lektion|lição|lições|교훈|教訓|教训",
    "summary": "resumen|résumé|zusammenfassung|resumo|riepilogo|요약|サマリ|サマリー|要約|摘要|总结|概要|сводка|резюме|synthèse|總結|итоги|підсумок",
    "memory": "memoria|mémoire|arbeitsspeicher|memória|메모리|メモリ|内存|память|памяти|пам'ять"
              "|メモリー|記憶體|памятью|пам'яті",
    "disk": "disco|disque|festplatte|디스크|ディスク|磁盘|диск|диска|диске"
            "|磁碟|硬碟|диски|дисков|дисках",
    "network": "réseau|netzwerk|네트워크|ネットワーク|网络|сеть|сети|мережа"
               "|網路|網絡|сетевой|мережі",
    "cluster": "clúster|클러스터|クラスタ|集群|кластер|кластера"
               "|クラスター|叢集|кластере|кластеры|кластеров|кластері",
    "container": "contenedor|conteneur|contêiner|컨테이너|コンテナ|容器|контейнер|контейнера"
                 "|コンテナー|контейнеры|контейнеров|контейнері",
    "queue": "cola de mensajes|file d'attente|warteschlange|큐|キュー|队列|очередь|очереди|черга"
             "|佇列|очередей|черги",
    "cache": "caché|캐시|キャッシュ|缓存|кэш|кеш|кэша|кеша"
             "|快取|кэше|кеше",
    "log": "로그|ログ|日志|лог|логи|логах|журнал|журнале"
           "|日誌|логов|журналы|журналов",
    "configuration": "configuración|konfiguration|configuração|설정|구성|設定|配置|конфигурация|конфигурации|настройки|конфігурація"
                     "|конфигурацию|конфигурацией|конфігурації",
    "upgrade": "actualización|mise à jour|aktualisierung|atualização|업그레이드|アップグレード|升级|更新|обновление|обновления|апгрейд|оновлення"
               "|升級|обновлений|обновлению|апгрейда",
    "traffic": "tráfico|trafic|tráfego|트래픽|トラフィック|流量|трафик|трафика|трафік"
               "|трафику",
    "latency": "latencia|latence|latenz|latência|지연|レイテンシ|遅延|延迟|задержка|задержки|латентность|затримка"
               "|레이턴시|レイテンシー|延遲|задержку|задержек|латентності",
    "hybrid": "híbrido|híbrida|hybride|하이브리드|ハイブリッド|混合",
    "structured": "estructurado|estructurados|structuré|structurés|strukturiert|estruturado|정형|構造化|结构化",
    "consistency": "consistencia|cohérence|konsistenz|consistência|일관성|整合性|一致性",
    "test": "prueba|pruebas|테스트|テスト|测试|тест|тесты|тестов"
            "|teste|testes|тестирование|тестирования|тестування",
    "schema": "esquema|schéma|스키마|スキーマ",
    "invoice": "factura|facturas|facture|factures|rechnung|rechnungen|fatura|faturas|청구서|請求書|发票",
    "payment": "pago|pagos|paiement|paiements|zahlung|zahlungen|pagamento|pagamentos|결제|支払い|支付",
    "settlement": "liquidación|règlement|abrechnung|liquidação|정산|精算|结算",
    "request": "solicitud|solicitudes|requête|requêtes|anfrage|anfragen|requisição|요청|リクエスト|请求|запрос|запросы|запросов|запит"
               "|리퀘스트|請求|запити",
    "deliver": "zustellen|zugestellt|zustellbar|zustellung|entregar|entregado|entrega|livrer|livré|livraison|entregue|배달|전달|配信|配達|投递|送达",
    "delivery": "zustellung|zustellen|zugestellt|zustellbar|entrega|livraison|배달|전달|配信|配達|投递|送达",
    "external": "extern|externe|externen|von außen|externo|externa|externos|externe|외부|外部",
    "email": "e-mail|e-mails|mail|mails|correo electrónico|courriel|메일|이메일|メール|邮件|почта|письмо|письма|e-mail",
    "permission": "permiso|permisos|autorisation|berechtigung|permissão|권한|権限|权限|права|разрешение|доступ"
                  "|權限|разрешения|права доступа|дозвіл|дозволи",
    "cold": "frío|fría|frio|fria|froid|froide|kalt|콜드|コールド",
    "sleep": "スリープ|休眠|睡眠|슬립|veille|ruhezustand|suspensión|suspensão|сон",
    "probe": "プローブ|探测|探针|프로브|sonde|sonda|проба",
    "alarm": "アラーム|アラート|告警|报警|알람|경보|alarme|alerte|alarma|тревога|оповещение",
    "key": "キー|鍵|密钥|公钥|키|clé|clef|schlüssel|clave|chave|ключ"
           "|密鑰|ключа|ключи|ключей|ключі",
    "trust": "信頼|信任|신뢰|confiance|vertrauen|confianza|confiança|доверие",
    "compile": "コンパイル|ビルド|编译|构建|컴파일|빌드|compiler|kompilieren|compilar|компиляция|собрать"
               "|編譯|構建|компиляции",
    "commit": "コミット|提交|커밋|коммит"
              "|коммита|коммиты|коміт",
    "delete": "削除|删除|删掉|삭제|supprimer|löschen|eliminar|excluir|удалить|удалён|удален"
              "|刪除|удаления|видалити|видалено",
    "remove": "削除|删除|移除|删掉|삭제|제거|supprimer|entfernen|eliminar|remover|удалить|убрать"
              "|retiré|retirée|retirer|supprimé|supprimée|entfernt|eliminado|eliminada|removido|removida|rimosso|rimossa"
              "|verwijderd|удален|удалён|удалена|убран|видалено|usunięt|poistettu"
              "|刪除|удаления|видалити",
    "expire": "期限切れ|失効|过期|到期|만료|expirer|expire|ablaufen|abgelaufen|expirar|caducar|истечь|истекает"
              "|過期|истёк|истек|закінчився",
    "threshold": "閾値|しきい値|阈值|임계치|임계값|seuil|schwellenwert|umbral|limiar|порог"
                 "|閾值|порога|пороги|поріг",
    "monitor": "監視|モニタリング|监控|모니터링|surveillance|überwachung|monitoreo|monitoramento|мониторинг"
               "|監控|мониторинга|моніторинг",
    "role": "ロール|役割|角色|역할|rôle|rolle|rol|papel|роль"
            "|роли|ролей|ролі",
    "reserved": "予約|予約語|保留|예약|réservé|reserviert|reservado|зарезервирован",
    "session": "セッション|会话|세션|sitzung|sesión|sessão|сессия"
               "|會話|сессии|сесія|сесії",
    "login": "ログイン|登录|로그인|connexion|anmeldung|inicio de sesión|вход"
             "|登入|登錄|входа",
    "alternative": "代替案|代替|替代|备选|대안|alternatives|alternativen|alternativa|альтернатива"
                   "|替代方案|備選|альтернативы",
    "status": "ステータス|状態|状态|상태|statut|estado|статус"
              "|狀態|статуса|статусу",
    "accepted": "承認|承認済み|採用|已接受|接受|승인|채택|accepté|acceptée|akzeptiert|angenommen|aceptado|aceito|aceita|принято",
    "proposed": "提案|提案中|提议|제안|proposé|proposée|vorgeschlagen|propuesto|proposto|предложено",
    "restart": "再起動|重启|재시작|재기동|redémarrer|redémarrage|neustart|neu starten|reiniciar|reinício|перезапуск"
               "|重啟|リスタート|перезапуска|перезапустить|перезапустили|перезапустити",
    "resume": "再開|恢复执行|继续执行|재개|reprendre|reprise|fortsetzen|wiederaufnehmen|reanudar|retomar|retomada|возобновить"
              "|возобновилась|возобновился|возобновились|возобновлена|відновити|wznowić",
    "reboot": "再起動|重启|재부팅|redémarrage|neustart|reinicio|reinício|перезагрузка"
              "|перезагрузки|перезагрузить|перезавантаження",
    "documentation": "ドキュメント|文档|문서|dokumentation|documentación|documentação|документация"
                     "|文檔|документации|документація",
    "inactivity": "非アクティブ|不活性|不活跃|비활성|미사용|inactivité|inaktivität|inactividad|inatividade|неактивност",
    "days": "日間|일간|jours|tage|días|dias|дней",
    "twice": "二回|2回|两次|두 번|deux fois|zweimal|dos veces|duas vezes|дважды",
    "validate": "検証|验证|检验|검증|valider|validieren|validar|проверить"
                "|驗證|проверка|перевірка",
    "service": "サービス|服务|서비스|dienst|servicio|serviço|сервис|служба"
               "|服務|сервиса|сервисы|сервисов|сервісу|сервіс|службы",
    "response": "レスポンス|応答|响应|응답|réponse|antwort|respuesta|resposta|ответ"
                "|回應|響應|ответа|ответы|відповідь",
    "connection": "接続|连接|연결|connexion|verbindung|conexión|conexão|соединение|подключение"
                  "|커넥션|連接|連線|соединения|подключения|з'єднання|підключення",
    "process": "プロセス|进程|프로세스|processus|prozess|proceso|processo|процесс"
               "|процесса|процессы|процесу|процес",
    "job": "ジョブ|任务|작업|tâche|trabajo|tarefa|задача|задание"
           "|任務|джоба|джобы|задания|завдання",
    "script": "スクリプト|脚本|스크립트|skript|скрипт"
              "|скрипта|скрипты|скрипти",
    "file": "ファイル|文件|파일|fichier|datei|archivo|arquivo|файл"
            "|檔案|файла|файлы|файлов|файли",
    "build": "ビルド|构建|빌드|compilación|сборка"
             "|сборки|билд|билда|збірка",
    "release": "リリース|发布|릴리스|versión publicada|veröffentlichung|lançamento|релиз"
               "|릴리즈|發布|發佈|релиза|релизы|реліз",
    "version": "バージョン|版本|버전|versión|versão|версия"
               "|版本號|версии|версию|версія",
    "install": "インストール|安装|설치|installer|installation|instalar|instalación|установка|установить"
               "|安裝|установки|встановлення|встановити",
    "environment": "環境|环境|환경|environnement|umgebung|entorno|ambiente|окружение|среда"
                   "|環境變數|окружения|среды|середовище|оточення",
    "metric": "メトリクス|指标|메트릭|métrique|metrik|métrica|метрика"
              "|メトリック|지표|指標|метрики|метрик",
    "dashboard": "ダッシュボード|仪表盘|仪表板|대시보드|tableau de bord|panel|painel|дашборд"
                 "|儀表板|дашборда|дашборды",
    "storage": "ストレージ|存储|스토리지|stockage|speicher|almacenamiento|armazenamento|хранилище"
               "|儲存|存儲|хранилища|сховище",
    "node": "ノード|节点|노드|nœud|noeud|knoten|nodo|узел|нода"
            "|節點|узла|узлы|узлов|ноды|нод|вузол|вузла",
    "image": "イメージ|镜像|이미지|imagen|imagem|образ"
             "|鏡像|образа|образы",
    "proxy": "プロキシ|代理|프록시|прокси"
             "|プロキシー|прокси-сервер|проксі",
    "tunnel": "トンネル|隧道|터널|túnel|туннель"
              "|туннеля|тунель",
    "domain": "ドメイン|域名|도메인|domaine|dominio|domínio|домен"
              "|домена|домени",
    "account": "アカウント|账号|账户|계정|compte|konto|cuenta|conta|аккаунт|учётная запись"
               "|帳號|帳戶|аккаунта|аккаунты|учетная запись|облікового запису|обліковий запис",
    "token": "トークン|令牌|토큰|jeton|токен"
             "|токена|токены|токенов",
    "secret": "シークレット|密钥|시크릿|geheimnis|secreto|segredo|секрет"
              "|секреты|секрета|секретов|секрети",
    "worker": "ワーカー|工作进程|워커|воркер"
              "|ワーカ|воркера|воркеры",
    "schedule": "スケジュール|调度|计划|스케줄|planification|zeitplan|programación|agendamento|расписание"
                "|排程|расписания|розклад",
    "limit": "制限|上限|限制|제한|limite|límite|лимит|ограничение"
             "|лимиты|лимита|ограничения|ліміт|обмеження",
    "quota": "クォータ|配额|할당량|kontingent|cuota|cota|квота"
             "|квоты|配額",
    "capacity": "容量|용량|capacité|kapazität|capacidad|capacidade|ёмкость|емкость"
                "|ёмкости|емкости|ємність",
    "size": "サイズ|大小|크기|taille|größe|tamaño|tamanho|размер"
            "|размера|розмір",
    "slow": "lento|lenta|lentidão|lentitud|langsam|lent|lente|느림|느린|遅い|遅延|慢",
    # The terms most common in English engineering notes beyond the above, in the same languages. Left out: a form that
    # is an everyday word too (Spanish "modo", Russian "под", "удалённый"), and a Latin form whose stem (ask.stem) starts
    # common words, since a page covers a form said at the start of a word ("acción" -> "acc" says "account").
    "snapshot": "instantánea|instantáneas|instantané|instantanés|schnappschuss|스냅샷|スナップショット|快照|снапшот|снапшоты|снапшота|снимок|снимка|снимки|знімок",
    "health": "salud|santé|gesundheit|saúde|헬스|헬스체크|ヘルスチェック|健康|健康检查|健康檢查|健康状态|работоспособность|работоспособности|здоровье",
    "resolution": "resolución|résolution|resolução|해결|解決|解决|устранение|устранения|усунення",
    "resolve": "resolver|résoudre|beheben|해결|解決|解决|устранить|устранено|усунути",
    "access": "acceso|zugriff|zugang|acesso|접근|액세스|アクセス|访问|訪問|存取|доступ|доступа|доступу|권한|権限|权限|berechtigung|berechtigungen|droits d.accès|permisos",
    "config": "configuración|konfiguration|configuração|설정|구성|컨피그|設定|コンフィグ|配置|конфиг|конфига|конфиги|конфигурация|конфигурации|настройки"
              "|конфігурація",
    "configure": "configurar|configurer|konfigurieren|설정|設定|配置|настроить|настроен|настроена|налаштувати",
    "settings": "configuración|paramètres|réglages|einstellungen|configurações|설정|設定|设置|設置|настройки|настроек|налаштування",
    "setting": "configuración|paramètre|réglage|einstellung|configuração|설정|設定|设置|設置|настройка|настройки|налаштування",
    "update": "actualización|mise à jour|aktualisierung|atualização|업데이트|アップデート|更新|обновление|обновления|оновлення",
    "support": "soporte|unterstützung|suporte|지원|サポート|支持|支援|поддержка|поддержки|підтримка",
    "review": "revisión|révision|überprüfung|revisão|리뷰|검토|レビュー|审查|评审|審查|ревью|рев'ю",
    "infrastructure": "infraestructura|infrastruktur|infraestrutura|인프라|インフラ|基础设施|基礎設施|инфраструктура|инфраструктуры|инфраструктуре|інфраструктура",
    "infra": "infraestructura|infrastruktur|infraestrutura|인프라|インフラ|基础设施|基礎設施|инфраструктура|инфраструктуры|інфраструктура",
    "instance": "instancia|instancias|instanz|instanzen|instância|instâncias|인스턴스|インスタンス|实例|實例|инстанс|инстанса|инстансы|экземпляр|экземпляра"
                "|інстанс|екземпляр",
    "resource": "recurso|recursos|ressource|ressources|ressourcen|리소스|자원|リソース|资源|資源|ресурс|ресурсы|ресурсов|ресурси",
    "security": "seguridad|sécurité|sicherheit|segurança|보안|セキュリティ|安全性|安全|безопасность|безопасности|безпека",
    "owner": "propietario|propriétaire|eigentümer|proprietário|소유자|담당자|オーナー|所有者|担当者|负责人|負責人|владелец|владельца|ответственный|власник",
    "event": "evento|eventos|événement|événements|ereignis|ereignisse|이벤트|イベント|事件|событие|события|событий|подія|події",
    "verify": "verificar|vérifier|überprüfen|verifizieren|검증|検証|验证|驗證|проверить|проверка|проверки|перевірити|перевірка",
    "verification": "verificación|vérification|überprüfung|verifizierung|verificação|검증|検証|验证|驗證|проверка|проверки|перевірка",
    "namespace": "espacio de nombres|espace de noms|namensraum|네임스페이스|ネームスペース|名前空間|命名空间|命名空間|пространство имён|пространство имен|неймспейс"
                 "|неймспейса",
    "store": "almacenar|speichern|armazenar|저장|ストア|保存|存储|儲存|хранить|хранится|хранилище",
    "query": "consulta|consultas|abfrage|abfragen|쿼리|질의|クエリ|查询|查詢|запрос|запроса|запросы|запит",
    "queries": "consulta|consultas|abfrage|abfragen|쿼리|질의|クエリ|查询|查詢|запрос|запросы|запросов|запити",
    "performance": "rendimiento|leistung|desempenho|성능|パフォーマンス|性能|производительность|производительности|продуктивність",
    "investigation": "investigación|enquête|untersuchung|investigação|조사|調査|调查|調查|расследование|расследования|исследование|розслідування",
    "investigate": "investigar|enquêter|untersuchen|조사|調査|调查|調查|расследовать|исследовать|розслідувати",
    "detection": "detección|détection|erkennung|detecção|탐지|감지|検知|検出|检测|檢測|обнаружение|обнаружения|виявлення",
    "detect": "detectar|détecter|erkennen|erkannt|탐지|감지|検知|検出|检测|檢測|обнаружить|обнаружен|обнаружено|виявити|виявлено",
    "endpoint": "엔드포인트|エンドポイント|端点|端點|эндпоинт|эндпоинта|эндпоинты|эндпойнт|ендпоінт",
    "usage": "uso|nutzung|auslastung|사용량|使用量|使用率|用量|использование|использования|використання",
    "rate": "tasa|taux|taxa|레이트|비율|レート|速率|比率|частота|частоты",
    "audit": "auditoría|auditoria|감사 로그|監査|审计|審計|аудит|аудита|аудиту",
    "host": "호스트|ホスト|主机|主機|хост|хоста|хосте|хосты|хости",
    "trigger": "disparador|déclencheur|auslöser|gatilho|트리거|トリガー|触发器|觸發器|触发|觸發|триггер|триггера|тригер",
    "command": "comando|comandos|befehl|befehle|명령어|커맨드|コマンド|命令|指令",
    "integration": "integración|intégration|integração|통합|연동|統合|連携|集成|интеграция|интеграции|інтеграція",
    "primary": "primario|primaria|primaire|primär|primário|primária|프라이머리|プライマリ|主库|主庫|主节点|主節點|первичный|первичная",
    "scale": "escalar|escalado|skalierung|skalieren|escalonamento|스케일|스케일링|スケール|扩容|扩展|擴展|伸缩|масштабирование|масштабировать|масштабування",
    "scaling": "escalado|skalierung|escalonamento|스케일링|スケーリング|扩容|扩缩容|擴展|伸缩|масштабирование|масштабирования|масштабування",
    "staging": "스테이징|ステージング|预发布|預發布|预发环境|стейджинг|стейджинга|стейджинге|стейдж",
    "pipeline": "파이프라인|パイプライン|流水线|流水線|пайплайн|пайплайна|пайплайны|конвейер",
    "metadata": "metadatos|métadonnées|metadaten|metadados|메타데이터|メタデータ|元数据|元資料|метаданные|метаданных|метадані",
    "mitigation": "mitigación|atténuation|minderung|mitigação|완화|緩和|缓解|緩解|смягчение|митигация|пом'якшення",
    "mitigate": "mitigar|atténuer|abmildern|완화|緩和|缓解|緩解|смягчить|пом'якшити",
    "restore": "restaurar|restaurer|wiederherstellen|restauration|restauración|restauração|wiederherstellung|ripristino|ripristinare|herstellen|복원|リストア|復元|还原|還原|восстановить|восстановлен|відновити",
    "warning": "advertencia|advertencias|avertissement|warnung|warnungen|경고|警告|предупреждение|предупреждения|попередження",
    "route": "ruta|rutas|라우트|ルート|経路|路由|маршрут|маршрута|маршруты|маршрутизация",
    "routing": "enrutamiento|routage|roteamento|라우팅|ルーティング|路由|маршрутизация|маршрутизации|маршрутизація",
    "path": "chemin|pfad|caminho|경로|路径|路徑|путь|пути|шлях",
    "feature": "funcionalidad|fonctionnalité|funktionalität|funcionalidade|기능|機能|功能|функциональность|функционал|фича|фичи|функціональність",
    "merge": "fusionar|zusammenführen|mesclar|병합|머지|マージ|合并|合併|слияние|мерж|мержа|злиття",
    "postmortem": "post-mortem|포스트모템|사후 분석|ポストモーテム|事後分析|振り返り|复盘|复盘报告|事后分析|事後檢討|постмортем|разбор инцидента",
    "risk": "riesgo|riesgos|risque|risques|risiko|risiken|risco|riscos|위험|리스크|リスク|风险|風險|риск|риски|рисков|ризик|ризики",
    "output": "salida|ausgabe|saída|출력|出力|输出|輸出",
    "frontend": "프론트엔드|프런트엔드|フロントエンド|前端|фронтенд|фронтенда|фронтенді",
    "backend": "백엔드|バックエンド|后端|後端|бэкенд|бэкенда|бекенд|бекенда",
    "solution": "solución|soluciones|lösung|lösungen|solução|soluções|해결책|해결 방안|解決策|解决方案|解決方案",
    "target": "cible|ziel|alvo|타깃|타겟|ターゲット|目标|目標|цель|целевой|ціль",
    "message": "mensaje|mensajes|nachricht|nachrichten|mensagem|mensagens|메시지|メッセージ|消息|訊息|сообщение|сообщения|сообщений|повідомлення",
    "workflow": "flujo de trabajo|arbeitsablauf|fluxo de trabalho|워크플로|워크플로우|ワークフロー|工作流|工作流程|воркфлоу|рабочий процесс",
    "policy": "política|políticas|politique|richtlinie|richtlinien|정책|ポリシー|策略|политика|политики|політика",
    "policies": "política|políticas|politique|politiques|richtlinien|정책|ポリシー|策略|политики|политик|політики",
    "priority": "prioridad|priorité|priorität|prioridade|우선순위|優先度|優先順位|优先级|優先級|приоритет|приоритета|пріоритет",
    "priorities": "prioridades|priorités|prioritäten|우선순위|優先度|优先级|優先級|приоритеты|пріоритети",
    "sync": "sincronización|synchronisation|synchronisierung|sincronização|동기화|同期|同步|синхронизация|синхронизации|синхронізація",
    "maintenance": "mantenimiento|wartung|manutenção|유지보수|유지 보수|メンテナンス|保守|维护|維護|обслуживание|техобслуживание|обслуговування",
    "cost": "costo|costos|coste|costes|coût|coûts|kosten|비용|コスト|費用|成本|费用|стоимость|затраты|вартість|витрати",
    "validation": "validación|validierung|validação|검증|検証|校验|验证|驗證|валидация|валидации|валідація",
    "rotation": "rotación|rotação|로테이션|ローテーション|轮换|輪換|ротация|ротации|ротація",
    "rotate": "rotar|rotieren|rotacionar|로테이션|ローテーション|轮换|輪換|ротировать|ротация",
    "downtime": "tiempo de inactividad|indisponibilité|ausfallzeit|tempo de inatividade|다운타임|ダウンタイム|停止時間|停机|停機|停机时间|даунтайм",
    "availability": "disponibilidad|disponibilité|verfügbarkeit|disponibilidade|가용성|可用性|доступность|доступности|доступність",
    "replica": "réplica|réplicas|réplique|répliques|replikat|replikate|레플리카|복제본|レプリカ|副本|реплика|реплики|реплик|репліка",
    "replication": "replicación|réplication|replikation|replicação|복제|レプリケーション|主从复制|репликация|репликации|реплікація",
    "setup": "셋업|セットアップ|搭建|настройка|налаштування",
    "runtime": "tiempo de ejecución|laufzeit|런타임|ランタイム|运行时|執行時|運行時|рантайм|среда выполнения",
    "dependency": "dependencia|dependencias|dépendance|dépendances|abhängigkeit|abhängigkeiten|dependência|dependências|의존성|종속성|依存関係|依存|依赖|依賴"
                  "|зависимость|зависимости|залежність|залежності",
    "dependencies": "dependencias|dépendances|abhängigkeiten|dependências|의존성|종속성|依存関係|依赖|依賴|зависимости|зависимостей|залежності",
    "authentication": "autenticación|authentification|authentifizierung|autenticação|인증|認証|认证|認證|аутентификация|аутентификации|автентифікація",
    "auth": "autenticación|authentification|authentifizierung|autenticação|인증|認証|认证|認證|аутентификация|авторизация|автентифікація",
    "authorization": "autorización|autorisierung|autorização|권한 부여|認可|授权|授權|авторизация|авторизации|авторизація",
    "branch": "rama|ramas|branche|zweig|ramo|브랜치|ブランチ|分支|ветка|ветки|ветку|гілка",
    "variable": "variables|variablen|variável|variáveis|변수|変数|变量|變數|переменная|переменной|переменные|переменных|змінна|змінні",
    "label": "etiqueta|etiquetas|étiquette|étiquettes|rótulo|레이블|라벨|ラベル|标签|標籤|метка|метки|лейбл|мітка",
    "tag": "태그|タグ|тег|теги|тега",
    "component": "componente|componentes|composant|composants|komponente|komponenten|컴포넌트|구성 요소|コンポーネント|组件|組件|компонент|компонента|компоненты"
                 "|компоненти",
    "diagnosis": "diagnóstico|diagnostic|diagnose|진단|診断|诊断|診斷|диагностика|диагностики|діагностика",
    "channel": "canal|canales|canaux|kanal|채널|チャンネル|チャネル|频道|頻道|канал|канала|каналы",
    "manifest": "manifiesto|manifeste|매니페스트|マニフェスト|манифест|манифеста|маніфест",
    "workload": "carga de trabajo|charge de travail|arbeitslast|carga de trabalho|워크로드|ワークロード|工作负载|工作負載|рабочая нагрузка",
    "upstream": "업스트림|アップストリーム|上游|апстрим|апстрима",
    "downstream": "다운스트림|ダウンストリーム|下游|даунстрим",
    "rollout": "롤아웃|ロールアウト|灰度发布|раскатка|раскатки|выкатка|выкатки",
    "baseline": "línea base|ligne de base|베이스라인|기준선|ベースライン|基线|基線|базовая линия|базовый уровень",
    "strategy": "estrategia|stratégie|strategie|estratégia|전략|戦略|战略|戰略|стратегия|стратегии|стратегія",
    "checklist": "lista de verificación|liste de contrôle|checkliste|lista de verificação|체크리스트|チェックリスト|检查清单|檢查清單|чеклист|чек-лист",
    "template": "plantilla|plantillas|vorlage|vorlagen|템플릿|テンプレート|模板|範本|шаблон|шаблона|шаблоны",
    "provider": "proveedor|fournisseur|anbieter|provedor|fornecedor|프로바이더|제공자|プロバイダ|プロバイダー|提供商|供应商|провайдер|провайдера|поставщик|постачальник",
    "credential": "credenciales|identifiants|zugangsdaten|anmeldedaten|credenciais|자격 증명|자격증명|認証情報|凭证|凭据|учетные данные|учётные данные|облікові дані",
    "ticket": "chamado|티켓|チケット|工单|工單|тикет|тикета|заявка|заявку",
    "data": "datos|données|daten|dados|데이터|データ|数据|數據|данные|данных|дані|даних",
    "code": "código|códigos|코드|コード|代码|代碼|код|кода|коде",
    "context": "contexto|contexte|kontext|컨텍스트|맥락|コンテキスト|上下文|контекст|контекста",
    "change": "cambio|cambios|changement|changements|änderung|änderungen|alteração|alterações|mudança|변경|変更|变更|變更|изменение|изменения|изменений"
              "|зміна|зміни",
    "root": "causa raíz|cause racine|cause première|grundursache|causa raiz|근본 원인|근본원인|根本原因|根因|первопричина|корневая причина|першопричина",
    "system": "sistema|sistemas|système|systèmes|시스템|システム|系统|系統|система|системы|систем|системи",
    "action": "acciones|ação|ações|maßnahme|maßnahmen|조치|액션|アクション|対策|措施|行动项|действие|действия|мероприятия|дія|дії",
    "application": "aplicación|aplicaciones|anwendung|anwendungen|aplicação|aplicações|애플리케이션|어플리케이션|アプリケーション|应用程序|應用程式|приложение|приложения"
                   "|застосунок",
    "manual": "manuell|manuel|manuelle|수동|手動|手动|ручной|ручная|вручную|вручну|manual|manuale|ręczn|ручн",
    # everyday operations words questions use in English over notes in other languages
    "daily": "täglich|tägliche|quotidien|quotidienne|diario|diaria|diária|diário|giornaliero|codzienn|ежедневн|щоденн|毎日|日次|每日|每天|매일|일일",
    "nightly": "nächtlich|nächtliche|nocturne|nocturno|nocturna|noturno|notturno|nocn|ночн|夜間|毎晩|每晚|夜间|야간|매일 밤",
    "startup": "démarrage|arranque|inicialização|avvio|uruchomien|запуск|起動|启动|啟動|시작|기동",
    "hang": "hängt|hängen|bloqué|bloquée|colgado|travado|bloccato|zawiesz|завис|ハング|フリーズ|挂起|卡住|卡死|멈춤|멈췄",
    "copy": "kopie|kopieren|copie|copier|copia|copiar|cópia|kopi|копи|コピー|复制|拷贝|복사",
    "draft": "entwurf|brouillon|borrador|rascunho|bozza|szkic|черновик|下書き|草案|草稿|초안",
    "proposal": "vorschlag|proposition|propuesta|proposta|propozycj|предложени|提案|提议|제안",
    "custom": "benutzerdefiniert|eigene|personnalisé|personnalisée|personalizado|personalizada|personalizzat|własn|пользовательск|кастомн|カスタム|独自|自定义|커스텀|사용자 정의",
    "header": "kopfzeile|en-tête|entête|encabezado|cabeçalho|intestazione|nagłów|заголов|ヘッダー|ヘッダ|请求头|头部|헤더",
    "whole": "gesamte|ganze|ganzen|entier|entière|tout le|toute la|entero|entera|todo el|toda la|inteiro|inteira|intero|intera|cał|весь|всю|целиком|全体|全部|整个|전체",
    "normal": "normale|normalen|normales|normalmente|normalnie|обычн|нормальн|通常|正常|평소|정상",
    "main": "haupt|principal|principale|principales|principali|główn|основн|メイン|主要|메인|주요",
    "resync": "resynchronisation|resynchronisieren|resincroniz|risincronizz|ресинхрониз|再同期|重新同步|재동기화",
    "manually": "manualmente|manuellement|manuell|수동으로|手動|手动|вручную|вручну",
    "project": "proyecto|proyectos|projet|projets|projekt|projekte|projeto|projetos|프로젝트|プロジェクト|项目|專案|проект|проекта|проекты|проєкт",
    "document": "documento|documentos|dokument|dokumente|문서|ドキュメント|文書|文档|文檔|документ|документа|документы",
    "default": "predeterminado|por defecto|par défaut|standardmäßig|voreinstellung|기본값|디폴트|デフォルト|既定|默认|默認|預設|по умолчанию|за замовчуванням",
    "platform": "plataforma|plataformas|plateforme|plattform|플랫폼|プラットフォーム|平台|платформа|платформы|платформе|платформи",
    "pod": "파드|ポッド",
    "runbook": "런북|ランブック|手順書|运行手册|運行手冊|操作手册|ранбук|ранбука",
    "critical": "crítico|crítica|kritisch|kritische|크리티컬|치명적|クリティカル|致命的|严重|嚴重|критический|критично|критичный|критичний",
    "load": "carga|부하|負荷|负载|負載|нагрузка|нагрузки|нагрузку|навантаження",
    "repository": "repositorio|repositorios|dépôt|dépôts|repositório|repositórios|저장소|리포지토리|레포지토리|リポジトリ|仓库|代码仓库|репозиторий|репозитория|репозитории"
                  "|репозиторій",
    "repo": "repositorio|dépôt|repositório|저장소|리포지토리|레포|リポジトリ|仓库|代码仓库|репозиторий|репозитория|репо|репозиторій",
    "architecture": "arquitectura|architektur|arquitetura|아키텍처|아키텍쳐|アーキテクチャ|架构|架構|архитектура|архитектуры|архитектуре|архітектура",
    "prod": "producción|produção|produktion|produktivumgebung|프로덕션|운영 환경|本番|本番環境|生产|生产环境|生產|прод|проде|продакшн|продакшен|продакшене",
    "call": "llamada|llamadas|appel|appels|aufruf|aufrufe|chamada|chamadas|호출|呼び出し|调用|調用|вызов|вызова|вызовы|виклик",
    "step": "paso|pasos|étape|étapes|schritt|schritte|passo|passos|단계|ステップ|步骤|步驟|шаг|шаги|шагов|крок|кроки",
    "address": "adresse|adressen|endereço|endereços|주소|アドレス|地址|адрес|адреса|адресу",
    "cloud": "nube|nuage|클라우드|クラウド|云端|云服务|雲端|облако|облака|облачный|хмара",
    "management": "gestión|gestion|verwaltung|gerenciamento|gestão|관리|管理|управление|управления|керування|управління",
    "tool": "herramienta|herramientas|outil|outils|werkzeug|werkzeuge|ferramenta|ferramentas|도구|ツール|工具|инструмент|инструменты|инструментов"
            "|інструмент",
    "implementation": "implementación|implémentation|umsetzung|implementierung|implementação|구현|実装|实现|實現|реализация|реализации|реалізація",
    "admin": "administrador|administrateur|administrator|관리자|管理者|管理员|管理員|администратор|админ|адміністратор",
    "record": "registro|registros|enregistrement|datensatz|레코드|レコード|記録|记录|記錄|запись|записи|запис",
    "development": "desarrollo|développement|entwicklung|desenvolvimento|개발|開発|开发|開發|разработка|разработки|розробка",
    "logging": "로깅|ロギング|ログ出力|日志记录|日誌|логирование|логирования|логування",
    "interface": "interfaz|schnittstelle|인터페이스|インターフェース|インタフェース|接口|介面|интерфейс|интерфейса",
    "volume": "volumen|볼륨|ボリューム|存储卷",
    "prevent": "prevenir|prévenir|verhindern|방지|防止|预防|預防|предотвратить|предотвращения|запобігти",
    "prevention": "prevención|prévention|prävention|vorbeugung|prevenção|예방|방지|予防|再発防止|预防|預防|предотвращение|профилактика|запобігання",
    "console": "consola|konsole|콘솔|コンソール|控制台|консоль|консоли",
    "pool": "プール|连接池|連接池|пул|пула|пулы",
    "design": "diseño|설계|디자인|設計|设计|дизайн|проектирование|проєктування",
    "success": "éxito|succès|réussite|réussi|réussie|erfolg|erfolgreich|sucesso|성공|成功|успех|успешно|успіх",
    "succeed": "réussi|réussie|réussir|éxito|exitoso|exitosa|erfolgreich|gelungen|sucesso|bem-sucedido|성공|成功|успешно|удалось|успішно",
    "successful": "réussi|réussie|exitoso|exitosa|erfolgreich|bem-sucedido|bem-sucedida|성공|成功|успешно|успешный|успішно",
    "format": "formato|포맷|형식|フォーマット|格式|формат|формата",
    "field": "campo|campos|feld|felder|필드|フィールド|字段|欄位|поле|поля|полей",
    "procedure": "procedimiento|procédure|verfahren|procedimento|절차|手順|流程|процедура|процедуры",
    "pattern": "패턴|パターン|模式|паттерн",
    "package": "paquete|paquetes|paquet|paket|pakete|pacote|패키지|パッケージ|软件包|軟體包|пакет|пакета|пакеты",
    "loss": "pérdida|verlust|perda|손실|유실|損失|丢失|遺失|потеря|потери|втрата",
    "task": "tarea|tareas|tâche|tâches|aufgabe|aufgaben|tarefa|tarefas|태스크|タスク|任务|任務|задача|задачи|завдання",
    "team": "equipo|equipos|équipe|équipes|equipe|equipes|チーム|团队|團隊|команда|команды|команди",
    "spec": "especificación|spécification|spezifikation|especificação|사양|명세|仕様|规格|規格|规范|спецификация|спецификации|специфікація",
    "specification": "especificación|spécification|spezifikation|especificação|사양|명세|仕様|规格|規格|规范|спецификация|спецификации|специфікація",
    "port": "puerto|puertos|포트|ポート|端口|порт|порта|порты",
    "connect": "conectar|connecter|verbinden|연결|接続|连接|連接|подключиться|подключить|підключитися",
    "enable": "habilitar|habilitado|habilitada|aktivieren|aktiviert|activé|activée|ativado|ativada|활성화|有効化|启用|啟用|включить|включен|увімкнути",
    "disable": "deshabilitar|deshabilitado|deshabilitada|désactiver|désactivé|désactivée|deaktivieren|deaktiviert|desabilitar|desativar|desativado|desativada|비활성화|無効化|禁用|停用|отключить|отключен|вимкнути",
    "overhead": "sobrecarga|mehraufwand|오버헤드|オーバーヘッド|开销|開銷|накладные расходы",
    "operations": "operaciones|opérations|betrieb|operações|운영|運用|运维|運維|эксплуатация|эксплуатации",
    "attempt": "intento|intentos|versuch|versuche|tentativa|tentativas|시도|試行|尝试|嘗試|попытка|попытки|спроба",
    "rule": "regla|reglas|règle|règles|regel|regeln|regra|regras|규칙|ルール|規則|规则|правило|правила|правил",
    "mode": "modus|모드|モード|режим|режиме|режима",
    "degrade": "degradado|dégradé|beeinträchtigt|저하|劣化|降级|降級|деградация|деградировал|деградація",
    "degradation": "degradación|dégradation|beeinträchtigung|degradação|저하|劣化|降级|降級|деградация|деградации|деградація",
    "spike": "pico|picos|spitze|급증|スパイク|急増|尖峰|激增|всплеск|всплески|скачок|сплеск",
    "peak": "피크|ピーク|峰值|高峰|пик|пика|пиковый",
    "region": "región|regiones|région|regionen|região|리전|リージョン|区域|區域|регион|региона|регионе|регіон",
    "analysis": "análisis|analyse|análise|분석|分析|анализ|анализа|аналіз",
    "agent": "agente|agentes|에이전트|エージェント|агент|агента|агенты",
    "library": "biblioteca|bibliotecas|bibliothèque|bibliothek|라이브러리|ライブラリ|程序库|библиотека|библиотеки|бібліотека",
    "crash": "absturz|abstürze|크래시|クラッシュ|崩溃|崩潰|краш|падение|падения",
    "module": "módulo|módulos|modul|모듈|モジュール|模块|模組|модуль|модуля",
    "browser": "navegador|navigateur|브라우저|ブラウザ|浏览器|瀏覽器|браузер|браузера",
    "escalation": "escalamiento|escalada|escalade|eskalation|에스컬레이션|エスカレーション|上报|эскалация|эскалации|ескалація",
    "observability": "observabilidad|observabilité|beobachtbarkeit|observabilidade|관측성|관측 가능성|オブザーバビリティ|可観測性|可观测性|可觀測性|наблюдаемость"
                     "|спостережуваність",
    "filter": "filtro|filtros|filtre|필터|フィルター|フィルタ|过滤|過濾|фильтр|фильтра",
    "controller": "controlador|contrôleur|컨트롤러|コントローラ|コントローラー|控制器|контроллер|контроллера",
    "connectivity": "conectividad|connectivité|konnektivität|conectividade|연결성|接続性|连通性|連通性|связность",
    "flag": "플래그|フラグ|флаг|флага|флаги",
    "isolation": "aislamiento|isolierung|isolamento|격리|分離|隔離|隔离|изоляция|изоляции|ізоляція",
    "drift": "deriva|드리프트|ドリフト|漂移|偏移|дрейф",
    "engineer": "ingeniero|ingenieros|ingénieur|ingénieurs|ingenieur|engenheiro|엔지니어|エンジニア|工程师|工程師|инженер|инженера|інженер",
    "reset": "restablecer|réinitialiser|zurücksetzen|redefinir|리셋|초기화|リセット|重置|сброс|сбросить|скидання",
    "unavailable": "no disponible|indisponible|nicht verfügbar|indisponível|사용 불가|이용 불가|利用不可|不可用|недоступен|недоступно|недоступна|недоступний",
    "input": "eingabe|입력|入力|输入|輸入|ввод|входные данные",
    "identity": "identidad|identité|identität|identidade|신원|アイデンティティ|身份|身分",
    "directory": "directorio|répertoire|verzeichnis|diretório|디렉터리|디렉토리|ディレクトリ|目录|目錄|каталог|директория|директории|каталогу",
    "kernel": "núcleo|noyau|커널|カーネル|内核|ядро|ядра",
    "ingress": "인그레스|イングレス|ингресс",
    "lifecycle": "ciclo de vida|cycle de vie|lebenszyklus|생명 주기|수명 주기|ライフサイクル|生命周期|生命週期|жизненный цикл|життєвий цикл",
    "automation": "automatización|automatisation|automatisierung|automação|자동화|自動化|自动化|автоматизация|автоматизации|автоматизація",
    "automate": "automatizar|automatiser|automatisieren|자동화|自動化|自动化|автоматизировать|автоматизировано",
    "automatically": "automáticamente|automatiquement|automatisch|automaticamente|자동으로|自動的|自动|автоматически|автоматично",
    "prefix": "prefijo|préfixe|präfix|prefixo|접두사|접두어|プレフィックス|接頭辞|前缀|前綴|префикс|префикса",
    "symptom": "síntoma|síntomas|symptôme|symptômes|sintoma|sintomas|증상|症状|症狀|симптом|симптомы|симптомов|симптоми",
    "requirement": "requisito|requisitos|exigence|exigences|anforderung|anforderungen|요구사항|요구 사항|要件|需求|требование|требования|вимога|вимоги",
    "bucket": "버킷|バケット|存储桶|儲存桶|бакет|бакета",
    "interval": "intervalo|intervalle|intervall|간격|주기|間隔|间隔|间隔时间|интервал|интервала",
    "emergency": "emergencia|urgence|notfall|emergência|긴급|비상|緊急|紧急|аварийный|экстренный|аварійний",
    "execution": "ejecución|exécution|ausführung|execução|실행|実行|执行|執行|выполнение|выполнения|виконання",
    "notification": "notificación|notificaciones|benachrichtigung|notificação|알림|通知|уведомление|уведомления|сповіщення",
    "notify": "notificar|notifier|benachrichtigen|알림|通知|уведомить|сповістити",
    "attack": "ataque|ataques|attaque|attaques|angriff|angriffe|공격|攻撃|攻击|攻擊|атака|атаки|атаку",
    "fallback": "respaldo alternativo|폴백|フォールバック|回退|降级方案|запасной вариант|фолбэк",
    "patch": "parche|parches|correctif|패치|パッチ|补丁|補丁|修补|патч|патча|патчи",
    "tenant": "inquilino|locataire|mandant|locatário|테넌트|テナント|租户|租戶|тенант|арендатор",
    "corruption": "corrupción|beschädigung|corrupção|손상|破損|损坏|損壞|повреждение|повреждения|пошкодження",
    "troubleshooting": "solución de problemas|dépannage|fehlerbehebung|solução de problemas|문제 해결|트러블슈팅|トラブルシューティング|故障排除|故障排查|排查"
                       "|устранение неполадок|диагностика",
    "retention": "retención|rétention|aufbewahrung|retenção|보존|보관|保持期間|保存期間|保留期|保留策略|хранение|хранения|зберігання|conservation|conservazione|przechowywan|хранени|保持|保留",
    "registry": "registro de contenedores|registre|레지스트리|レジストリ|注册表|镜像仓库|реестр|реестра",
    "remediation": "remediación|remédiation|behebung|remediação|개선 조치|시정 조치|是正|修正措置|修复措施|整改|исправление|устранение",
    "function": "función|funciones|funktionen|função|funções|함수|関数|函数|函數|функция|функции|функція",
    "hash": "해시|ハッシュ|哈希|雜湊|хеш|хэш|хеша",
    "deprecated": "obsoleto|obsoleta|obsolète|veraltet|descontinuado|지원 중단|非推奨|废弃|已弃用|棄用|устаревший|устарел|застарілий",
    "remote": "remoto|remota|원격|リモート|远程|遠端|віддалений",
    "archive": "archiv|아카이브|アーカイブ|归档|歸檔|存档|архив|архива|архів",
    "trace": "traza|trazas|rastreamento|트레이스|추적|トレース|追踪|跟踪|追蹤|трейс|трассировка|трасування",
    "parameter": "parámetro|parámetros|paramètre|paramètres|parâmetro|parâmetros|파라미터|매개변수|パラメータ|パラメーター|参数|參數|параметр|параметра|параметры|параметри",
    "artifact": "artefacto|artefactos|artefact|artefakt|artefakte|artefato|아티팩트|アーティファクト|成果物|制品|产物|產物|артефакт|артефакты|артефакта",
    "readiness": "bereitschaft|prontidão|준비 상태|レディネス|就绪|就緒|готовность|готовності",
    "transaction": "transacción|transacciones|transaktion|transação|트랜잭션|トランザクション|事务|交易|транзакция|транзакции|транзакція",
    "exception": "excepción|excepciones|ausnahme|ausnahmen|exceção|exceções|예외|例外|исключение|исключения|виняток",
    "plugin": "플러그인|プラグイン|插件|外掛|плагин|плагина|плагін",
    "filesystem": "sistema de archivos|système de fichiers|dateisystem|sistema de arquivos|파일 시스템|파일시스템|ファイルシステム|文件系统|檔案系統|файловая система"
                  "|файловой системы|файлова система",
    "thread": "hilo|hilos|fil d'exécution|스레드|スレッド|线程|線程",
    "backlog": "백로그|バックログ|积压|積壓|бэклог",
    "timestamp": "marca de tiempo|horodatage|zeitstempel|carimbo de data|타임스탬프|タイムスタンプ|时间戳|時間戳|временная метка|метка времени",
    "approach": "enfoque|approche|ansatz|abordagem|접근 방식|접근법|방식|アプローチ|方式|подход|подхода|підхід",
    "subnet": "子网|网段|網段|サブネット|서브넷|sous-réseau|subnetz|subred|sub-rede|подсеть|підмережа",
    "shutdown": "关闭|關閉|停机|シャットダウン|셧다운|종료 방식|arrêt|herunterfahren|apagado|desligamento|выключение|завершение работы",
    "scheduler": "调度器|スケジューラ|スケジューラー|스케줄러|planificateur|planificador|agendador|планировщик|планувальник",
    "lookup": "域名解析|名前解決|도메인 조회|résolution dns|dns-auflösung|resolución dns|resolução dns",
    # fourteenth round: terms English questions ask of notes written in other languages
    "broker": "брокер|브로커|ブローカー|消息代理|消息中间件|courtier de messages",
    "asynchronous": "asynchrone|asynchrones|asynchron|asíncrono|asíncrona|assíncrono|assíncrona|비동기|非同期|异步|асинхрон",
    "communication": "comunicación|kommunikation|comunicação|통신|通信|взаимодейств|коммуникац",
    "translation": "traduction|traducción|übersetzung|tradução|번역|翻訳|翻译|翻譯|перевод",
    "report": "signalement|signale|signalé|signalée|rapport|informe|reporte|reportó|meldung|gemeldet|relatório|reportou|relata"
              "|보고|신고|제보|報告|通報|报告|上报|отчёт|отчет",
    "scalability": "scalabilité|escalabilidad|skalierbarkeit|escalabilidade|확장성|スケーラビリティ|拡張性|可扩展性|扩展性|масштабируем",
    "throughput": "débit|durchsatz|vazão|처리량|スループット|吞吐量|пропускн",
    "duplicate": "doublon|doublons|duplicado|duplicada|duplikat|duplicata|중복|重複|重复|дубликат|дублир",
    "stock": "inventario|inventaire|lagerbestand|estoque|재고|在庫|库存|остатк",
    "coupon": "cupón|cupones|gutschein|cupom|쿠폰|クーポン|优惠券|купон",
    "upload": "téléversement|hochladen|업로드|アップロード|上传|загрузк",
    "download": "téléchargement|descarga|herunterladen|다운로드|ダウンロード|下载|скачив",
    "encryption": "chiffrement|cifrado|verschlüsselung|criptografia|암호화|暗号化|加密|шифрован",
    "compression": "compresión|komprimierung|compressão|압축|圧縮|压缩|сжати",
    "stop": "arrêter|arrêt|detener|stoppen|anhalten|중지|정지|멈추|멈춘|멈췄|멈춤|停止|止まっ|止まる|停下|停掉|остановк|останов",
    "start": "démarrer|démarrage|iniciar|arrancar|starten|시작|起動|启动|запуск|старт",
    "corrupt": "corrompu|corrompue|corrupto|corrupta|corrompido|corrompida|beschädigt|손상|破損|损坏|損壞|поврежд|пошкодж",
    "hook": "フック|钩子|хук",
    "hotfix": "핫픽스|ホットフィックス|热修复|хотфикс|correctif urgent",
    "ransomware": "rançongiciel|ランサムウェア|勒索软件|랜섬웨어|вымогател",
    "legal": "juridique|jurídico|jurídica|rechtsabteilung|법무|法務|法务|юрист|юридическ",
    "phone": "téléphone|teléfono|telefon|telefone|전화|電話|电话|телефон",
    "contact": "contacter|contacto|contato|kontakt|연락|連絡|联系|联络|связаться|контакт",
    "replace": "remplacer|remplacé|remplace|reemplaz|sustitu|ersetzt|ersetzen|substitu|대체|교체|置き換え|置换|替换|替代|замен",
    "estimate": "estimation|estimación|schätzung|estimativa|견적|見積|估算|оценк",
    "price": "prix|precio|preis|preço|가격|価格|料金|价格|цена",
    "injection": "inyección|injektion|injeção|주입|注入|инъекц",
    "temporary": "temporal|temporaire|provisoire|provisorisch|vorübergehend|temporário|temporária|provisório|temporaneo|temporanea"
                 "|tymczasow|временн|临时|暫定|一時的|임시",
    "stopgap": "temporal|temporaire|provisoire|provisorisch|vorübergehend|temporário|provisório|temporaneo|tymczasow|временн|临时"
               "|暫定|임시|parche|rustine|notlösung|workaround|quick fix|band-aid|hotfix",
    "lose": "perdu|perdue|perdido|perdida|verloren|유실|손실|丢失|失われ|потер|утер|perdre|perder|verlieren",
    "lost": "perdu|perdue|perdido|perdida|verloren|유실|손실|丢失|失われ|потер|утер",
    "losing": "perdre|perder|perdendo|verlieren|잃어|失う|丢失|потер|утер",
    "incoming": "entrant|entrants|entrante|entrantes|eingehend|recebid|수신|受信|传入|入站|входящ",
    "sequence": "ordre|orden|reihenfolge|ordem|순서|順序|顺序|порядок|последовательност",
    "tape": "cinta|cintas|fita|테이프|テープ|磁带|磁帶|магнитн",
    "initialize": "inicializar|inicializa|initialiser|initialisieren|初期化|初始化|초기화|инициализ",
    "generate": "generar|générer|generieren|gerar|생성|生成|сгенерир|генерир",
    "cleanup": "limpieza|nettoyage|bereinigung|aufräumen|limpeza|pulizia|opruimen|очистка|очистки|清理|清除|クリーンアップ|정리",
    # the verbs and states engineers ask about most ("what command *runs* …", "how do I *check* …", "when did X go *down*")
    "check": "prüfen|überprüfen|kontrollieren|contrôler|comprobar|revisar|checar|controllare|sprawdzić|провер|перевір|確認|检查|확인",
    "run": "ausführen|exécuter|lancer|ejecutar|executar|rodar|eseguire|uruchomić|запуст|выполн|実行|运行|执行|실행",
    "down": "nicht verfügbar|nicht erreichbar|indisponible|inaccessible|caído|fora do ar|non disponibile|недоступ|не работает|"
            "ダウン|宕机|不可用|다운|접속 불가",
    "use": "verwenden|nutzen|einsetzen|utiliser|utilizar|usar|utilizzare|używać|использ|використ|使用|使う|사용",
    "choose": "wählen|auswählen|choisir|elegir|escoger|escolher|scegliere|wybrać|выбр|вибр|選択|选择|选用|선택",
    "pick": "wählen|auswählen|choisir|elegir|escoger|escolher|scegliere|wybrać|выбр|вибр|選択|选择|选用|선택",
    "decide": "entscheiden|décider|decidir|decidere|zdecydować|решил|решили|決定|决定|결정",
    "keep": "behalten|beibehalten|garder|conserver|mantener|conservar|manter|mantenere|zachować|сохран|保持|保留|維持|유지",
    "need": "benötigen|brauchen|besoin|necesit|precis|bisogno|potrzeb|нужн|необходим|必要|需要|필요",
    "move": "verschieben|umziehen|migrieren|déplacer|migrer|mover|migrar|spostare|przenieść|перенос|перенест|移行|迁移|移動|이전",
    "migrate": "migrieren|migration|migrer|migrar|migración|migração|migrare|migracja|миграц|перенос|移行|迁移|마이그레이션",
    "stuck": "hängt|hängen|bloqué|bloquée|bloqueado|atascado|travado|bloccato|zawieszon|завис|застрял|卡住|スタック|固ま|멈춤",
    "problem": "problème|problema|проблем|問題|问题|문제",
    "leak": "fuite|fuga|vazamento|leck|wyciek|утечк|漏洩|泄露|泄漏|유출",
    "wrong": "falsch|incorrect|incorrecto|errado|errato|błędn|неправильн|неверн|間違|错误|잘못",
    "missing": "fehlend|manquant|faltante|ausente|mancante|brakując|отсутств|欠落|缺失|누락",
    "full": "voll|plein|pleine|lleno|llena|cheio|cheia|pieno|заполн|переполн|満杯|已满|가득",
    "bug": "bogue|баг|不具合|バグ|缺陷|버그",
    "latest": "neueste|aktuellste|dernière|dernier|último|última|ultimo|ultima|najnowsz|последн|最新|최신",
    "switch": "umschalten|wechseln|basculer|cambiar|trocar|alternar|passare|przełącz|переключ|切り替え|切换|전환",
    "broken": "kaputt|defekt|cassé|cassée|roto|rota|quebrado|rotto|сломан|壊れ|损坏|고장",
    "healthy": "gesund|sain|saludable|saudável|sano|здоров|正常|健康|정상",
    "confirm": "bestätigen|confirmer|confirmar|confermare|potwierdz|подтверд|確認|确认|확인",
    "rebuild": "재구축|再構築|重建|neuaufbau|neu aufbauen|reconstruir|reconstruire|ricostruire|перестро|odbudow",
    "find": "查找|查询|検索|찾기|찾는|herausfinden|trouver|buscar|encontrar|trovare|найти|znaleźć",
    "add": "hinzufügen|ajouter|agregar|añadir|adicionar|aggiungere|dodać|добав|追加|添加|추가",
    "failover": "basculement|bascule|conmutación|umschaltung|przełączenie awaryjne|переключение на резерв|フェイルオーバー|"
                "故障转移|主备切换|페일오버",
    "leader": "líder|лидер|リーダー|主节点|主副本|리더",
    "lead": "responsable|leiter|leiterin|leitung|líder|responsável|責任者|リーダー|负责人|책임자|руководитель|ответственный",
    "discard": "廃棄|破棄|丢弃|废弃|폐기|verwerfen|jeter|descartar|descartado|scartare|odrzuc|отбросить|выбросить",
    "throwing": "廃棄|破棄|丢弃|废弃|폐기|verwerfen|jeter|descartar|scartare|выбросить",  # "throwing away events"
    "mirror": "spiegel|miroir|espejo|espelho|specchio|lustro|зеркал|ミラー|镜像|미러",
    "content": "inhalt|inhalte|contenu|contenus|contenido|contenidos|conteúdo|contenuto|treść|содержим|контент|コンテンツ|内容|콘텐츠",
    "majority": "mehrheit|majorité|mayoría|maioria|maggioranza|większość|большинств|多数派|過半数|过半|多数|과반",
    "elected": "gewählt|élu|elegido|eleito|eletto|wybran|выбран|選出|选出|选主|선출",
    "launch": "lancer|lanzar|lançar|lanciare|запуск|起動|启动",
    "send": "senden|envoyer|enviar|inviare|wysłać|отправ|送信|发送|전송",
    "receive": "empfangen|recevoir|recibir|receber|ricevere|odebrać|получ|受信|接收|수신",
    "apply": "anwenden|appliquer|aplicar|applicare|zastosować|примен|適用|应用|적용",
    "recover": "wiederherstellen|récupérer|rétablir|recuperar|restablecer|recuperare|odzysk|восстанов|відновит|復旧|回復|恢复|恢復|복구",
    "reject": "ablehnen|abgelehnt|rejeter|rejeté|rechazar|rechazado|rejeitar|rejeitado|rifiutare|rifiutato|odrzuc|отклон|拒否|却下|拒绝|拒絕|驳回|거부|거절",
    "refuse": "verweigern|verweigert|refuser|refusé|negarse|recusar|recusou|rifiutare|odmów|отказал|отказыва|拒否|拒绝|拒絕|거부",
    "model": "modell|modèle|modelo|modello|модел|モデル|模型|모델",
    "inject": "injizieren|injecter|inyectar|injetar|iniettare|wstrzyk|внедр|инъекц|注入|주입",
    "exfiltration": "exfiltración|exfiltração|exfiltrazione|эксфильтрац|外泄|窃取|持ち出し|유출",
    "force": "erzwingen|erzwungen|forcer|forcé|forzar|forzado|forçar|forçado|forzare|wymus|принудительн|強制|强制|강제",
    "local": "lokal|lokale|localement|localmente|локальн|ローカル|本地|로컬",
    "dump": "volcado|despejo|дамп|ダンプ|转储|덤프",
    "notice": "bemerken|bemerkt|remarquer|remarqué|notar|notado|perceber|percebeu|accorgersi|zauważ|заметил|заметили|気づ|気付|注意到|알아차",
    "renew": "erneuern|erneuert|renouveler|renouvelé|renovar|renovado|rinnovare|odnow|продлить|продлен|продлён|更新|갱신",
    "state": "zustand|état|estado|stato|stan|состояни|状態|状态|상태",
    "affected": "betroffen|affecté|affectés|concerné|concernés|afectado|afectados|afetado|afetados|interessato|dotknięt|затронут|影響を受け|受影响|受影響|영향을 받",
    "loop": "schleife|boucle|bucle|laço|pętl|зациклива|ループ|循环|루프",
    "listener": "écouteur|escuchador|слушател|リスナー|监听器|监听|리스너",
    "gateway": "passerelle|pasarela|шлюз|ゲートウェイ|网关|網關|게이트웨이",
    "lag": _DELAY + "|отставани",  # a replica "behind": a delay, or "отставание"
    "delay": _DELAY,
    "secondary": "sekundär|secondaire|secundario|secundária|secundário|secondario|вторичн|セカンダリ|从库|從庫|备库|세컨더리",
    "shard": "fragment|シャード|分片|샤드|шард",
    "partition": "partitionierung|partición|partição|partizione|партици|パーティション|分区|分區|파티션",
    "vulnerability": "schwachstelle|sicherheitslücke|vulnérabilité|vulnerabilidad|vulnerabilidade|vulnerabilità|podatność|уязвимост|脆弱性|漏洞|취약점",
    "breach": "verletzung|violation|fuite de données|fuite|brecha|violação|violazione|naruszeni|утечка данных|侵害|漏えい|泄露|침해",
    "gdpr": "dsgvo|rgpd|lgpd|개인정보보호법|一般データ保護規則|通用数据保护条例",
    "privacy": "datenschutz|confidentialité|privacidad|privacidade|riservatezza|prywatność|конфиденциальн|プライバシー|隐私|隱私|개인정보",
    "signature": "unterschrift|signatur|firma|assinatura|firma digitale|podpis|подпис|署名|签名|簽名|서명",
    "grant": "gewähren|accorder|conceder|concedere|nadać|выдать|предостав|付与|授予|授权|부여",
    "revoke": "widerrufen|entziehen|révoquer|revocar|revogar|revocare|odwołać|отозвать|отзыв|失効させ|取り消|撤销|吊销|철회|폐기",
    "weekly": "wöchentlich|hebdomadaire|semanal|settimanale|tygodniow|еженедельн|毎週|週次|每周|每週|매주|주간",
    "automatic": "automatisch|automatique|automático|automática|automatico|automatyczn|автоматическ|自動|自动|자동",
    "meeting": "besprechung|réunion|reunión|reunião|riunione|spotkani|встреч|совещани|会議|ミーティング|会议|회의",
    "budget": "presupuesto|orçamento|бюджет|予算|预算|예산",
    "folder": "ordner|dossier|carpeta|pasta|cartella|katalog|папк|フォルダ|文件夹|資料夾|폴더",
    "promote": "promouvoir|promover|promuovere|повыс|昇格|提升|승격",
    "export": "exportieren|exporter|exportar|esportare|eksport|экспорт|エクスポート|导出|내보내기",
    "fast": "schnell|rapide|rápido|rápida|veloce|szybk|быстр|高速|快速|빠른",
    "approve": "genehmigen|approuver|aprobar|aprovar|approvare|zatwierdz|утверд|одобр|承認|批准|审批|승인",
    "back": "rétabli|rétablissement|wiederhergestellt|wieder verfügbar|restablecid|restabelecid|ripristinat|przywrócon|восстановлен|"
            "復旧|恢复|복구",  # "when was the service back": when it was restored
    "fully": "totalement|total|complètement|vollständig|komplett|completamente|totalmente|całkowicie|полностью|完全|全面|완전",
    "retain": "retención|retenção|rétention|conservation|aufbewahrung|aufbewahrt|conservazione|przechowywan|хранени|保持|保存期間|"
              "保留|보존|보관",
    "automated": "automatisiert|automatique|automatisé|automatizado|automatizada|automatico|automatyczn|автоматическ|自動|自动|자동",
    # what must be there: "| `DATABASE_URL` | — | **obligatoire** |", "필수", "必須"
    "required": "obligatoire|obligatoires|obligatorio|obligatoria|obrigatório|obrigatória|erforderlich|pflicht|verpflichtend|"
                "obbligatorio|obbligatoria|wymagan|обязательн|必須|必需|必须|필수",
    "mandatory": "obligatoire|obligatorio|obligatoria|obrigatório|obrigatória|verpflichtend|pflicht|obbligatorio|обязательн|必須|必须|필수",
    "encrypted": "chiffré|chiffrée|chiffrés|cifrado|cifrada|criptografado|criptografada|verschlüsselt|crittografat|zaszyfrowan|"
                 "зашифрован|暗号化|加密|암호화",
    "gather": "취합|収集|取りまとめ|汇总|收集|recueillir|rassembler|sammeln|recopilar|reunir|coletar|raccogliere|собрать|собирает",
    "deadline": "délai|délais|plazo|prazo|frist|scadenza|termin|срок|期限|截止|기한|마감",
    "device": "gerät|geräte|appareil|appareils|dispositivo|dispositivos|dispositivi|urządzen|устройств|端末|台数|设备|設備|기기|단말",
    "question": "질문|質問|问题|問題|frage|fragen|pregunta|preguntas|pergunta|perguntas|domanda|domande|pytanie|вопрос|вопросы",
    # common words of engineers' questions that notes in other languages write in their own words
    "search": "recherche|búsqueda|busca|suche|ricerca|zoeken|wyszukiw|検索|搜索|검색|поиск",
    "public": "publique|publics|público|pública|öffentlich|pubblico|pubblica|openbaar|publiczn|公開|公开|공개|публичн|открыт",
    "background": "arrière-plan|segundo plano|hintergrund|バックグラウンド|后台|後台|백그라운드|фонов",
    "weekend": "week-end|fin de semana|fim de semana|wochenende|fine settimana|週末|周末|주말|выходны",
    "static": "statique|estático|estática|statisch|statico|statica|静的|静态|정적|статическ",
    "messaging": "messagerie|mensajería|mensageria|nachrichtenaustausch|messaggistica|メッセージング|消息|메시징|обмен сообщениями",
    "crawler": "robot d'indexation|rastreador|クローラー|クローラ|爬虫|爬蟲|크롤러|краулер|поисков робот",
    "privileges": "privilèges|privilegios|privilégios|berechtigungen|privilegi|uprawnie|権限|权限|權限|권한|привилеги|права",
    "tracking": "suivi|seguimiento|rastreamento|nachverfolgung|tracciamento|トラッキング|追跡|跟踪|追踪|추적|отслеживани",
    "monolith": "monolithe|monolito|monolite|monoliet|モノリス|单体|單體|모놀리스|монолит",
    "microservice": "microservice|microservicio|microsserviço|microservizi|マイクロサービス|微服务|微服務|마이크로서비스|микросервис",
    "offline": "hors ligne|hors-ligne|sin conexión|desconectad|fora do ar|オフライン|离线|離線|오프라인|офлайн|недоступ",
    "money": "argent|dinero|dinheiro|geld|denaro|soldi|お金|金額|资金|資金|금액|деньги|средств",
    "funds": "fonds|fondos|fundos|mittel|gelder|fondi|資金|资金|자금|средства",
    "block": "bloquer|bloqué|bloquée|bloquear|bloqueado|bloqueada|blockiert|sperren|gesperrt|bloccat|ブロック|遮断|封禁|拦截|屏蔽|차단|блокир",
    "quarantine": "quarantaine|cuarentena|quarentena|quarantäne|quarantena|隔離|隔离|격리|карантин",
    "reload": "recharger|rechargement|recargar|recarregar|neu laden|neuladen|ricaricare|リロード|再読み込み|重新加载|重载|重新載入|다시 로드|리로드|перезагруз",
    "canary": "canari|canario|canário|kanarien|canarino|カナリア|金丝雀|金絲雀|카나리|канареечн",
    "split": "scinder|découper|dividir|aufteilen|aufspalten|trennen|suddividere|分割|拆分|分离|분리|分離|разделить|разделени",
    "stale": "obsolète|périmé|desactualizad|obsoleto|veraltet|古い|陈旧|過期|过期|오래된|устаревш",
    "empty": "vide|vacío|vacía|vazio|vazia|leer|leere|vuoto|vuota|leeg|空の|为空|為空|비어|пуст",
    "mobile": "móvil|móvel|mobil|cellulare|モバイル|スマホ|手机|手機|移动端|모바일|мобильн",
    "period": "période|período|periodo|zeitraum|periode|期間|期间|기간|период",
    "year": "année|années|año|años|jahr|jahre|anno|anni|jaar|год|лет",
    "people": "personnes|gens|personas|gente|pessoas|leute|menschen|persone|mensen|人々|люди|человек",
    "name": "nome|naam|名前|名称|名稱|이름|명칭|имя|название",
    "count": "nombre de|cantidad|número de|quantidade|anzahl|numero di|aantal|件数|数量|개수|건수|количеств|число",
    "popup": "pop-up|fenêtre contextuelle|ventana emergente|janela pop-up|ポップアップ|弹窗|彈窗|弹出|팝업|всплывающ",
    "redirect": "redirection|rediriger|redirección|redirecionamento|weiterleitung|umleitung|reindirizzamento|リダイレクト|重定向|리다이렉트|리디렉션|редирект|перенаправлени",
    "expiry": "expiration|expiración|expiração|ablauf|abgelaufen|scadenza|期限切れ|有効期限|过期|到期|過期|만료|истечени|истёк|истек",
    "approval": "approbation|validation|aprobación|aprovação|genehmigung|freigabe|approvazione|goedkeuring|承認|审批|批准|核准|승인|одобрени|утверждени",
    "firewall": "pare-feu|cortafuegos|ファイアウォール|防火墙|防火牆|방화벽|брандмауэр|фаервол|межсетев",
    "topic": "sujet|tema|tópico|thema|argomento|トピック|主题|主題|토픽|топик",
    "consumer": "consommateur|consumidor|konsument|verbraucher|consumatore|コンシューマー|コンシューマ|消费者|消費者|컨슈머|소비자|консьюмер|потребител",
    "producer": "producteur|productor|produtor|produzent|produttore|プロデューサー|生产者|生產者|프로듀서|생산자|продюсер|производител",
    "stream": "flux|flujo|fluxo|datenstrom|flusso|ストリーム|流式|数据流|스트림|поток",
    "row": "ligne|fila|linha|zeile|riga|rij|레코드|строк",
    "framework": "marco de trabajo|フレームワーク|框架|프레임워크|фреймворк",
    "language": "langage|langue|lenguaje|idioma|linguagem|sprache|linguaggio|lingua|taal|言語|语言|語言|언어|язык",
    "exposed": "exposé|exposée|exposición|expuesto|expuesta|exposto|exposta|offengelegt|exponiert|esposto|esposta|露出|公開され|暴露|노출|раскрыт|утечк",
    "attacker": "attaquant|atacante|angreifer|attaccante|攻撃者|攻击者|攻擊者|공격자|злоумышленник|атакующ",
    "receipt": "reçu|accusé de réception|recibo|comprovante|quittung|empfangsbestätigung|ricevuta|kvittering|受領|回执|回執|영수증|수신 확인|квитанци",
    "webhook": "ウェブフック|回调|웹훅|вебхук",
    "new": "nouveau|nouvelle|nouveaux|nouvelles|nuevo|nueva|nuevos|nuevas|novo|nova|novos|novas|neu|neue|neuen|neuer|nuovo|nuova|"
           "nieuw|nieuwe|nowy|nowa|nowe|новый|новая|новое|новых|新しい|新的|新版|새로운",
    "old": "ancien|ancienne|anciens|vieux|viejo|vieja|antiguo|antigua|antigo|antiga|velho|velha|vecchio|"
           "vecchia|oud|oude|stary|stara|старый|старая|старое|старых|古い|旧版|旧的|舊版|老的|기존|구버전|오래된",
    "legacy": "hérité|héritage|ancien système|heredado|legado|altsystem|altbestand|legacy|レガシー|旧システム|遗留|遺留|旧系统|레거시|устаревш|унаследованн",
    "shared": "partagé|partagée|partagés|compartido|compartida|compartilhado|compartilhada|gemeinsam|geteilt|condiviso|condivisa|"
              "gedeeld|共有|共享|공유|общий|общая|общее|разделяем",
    "batch": "traitement par lots|lote|lotes|stapel|batch|バッチ|批处理|批量|批次|배치|пакетн",
    "training": "entraînement|formation|entrenamiento|treinamento|training|addestramento|学習|訓練|训练|학습|훈련|обучени",
    "wipe": "effacer|effacé|borrar|borrado|apagar|apagado|löschen|gelöscht|cancellare|cancellato|消去|抹消|清空|清除|擦除|삭제|지워|стереть|стёрт|затёр|удален",
    "persistent": "persistant|persistante|persistente|dauerhaft|persistent|永続|持久|永久|영구|영속|постоянн|персистентн",
    "catalog": "catalogue|catálogo|katalog|catalogo|カタログ|目录|目錄|카탈로그|каталог",
    "exchange": "échange|bourse|intercambio|troca|austausch|scambio|取引所|交換|交易所|交换|거래소|교환|бирж|обмен",
    "knowledge": "connaissance|connaissances|conocimiento|conhecimento|wissen|conoscenza|kennis|ナレッジ|知識|知识|지식|знани",
    "extension": "extension|extensión|extensão|erweiterung|estensione|拡張機能|拡張|扩展|插件|擴充|확장|расширени",
    "isolated": "isolé|isolée|aislado|aislada|isolado|isolada|isoliert|isolato|isolata|隔離|隔离|격리|изолирован",
    "member": "membre|membres|miembro|miembros|membro|membros|mitglied|mitglieder|membri|lid|leden|メンバー|成員|成员|멤버|회원|участник|член",
    "forum": "forum|foro|fórum|フォーラム|论坛|論壇|포럼|форум",
    "machine": "machine|máquina|maschine|macchina|マシン|机器|機器|主机|머신|машин",
    "analytics": "analytique|analítica|análise|analytik|analisi|アナリティクス|分析|분석|аналитик",
    "result": "résultat|resultado|ergebnis|risultato|resultaat|結果|结果|결과|результат",
    "phase": "phase|fase|フェーズ|阶段|階段|этап|фаз",
    "recent": "récent|récente|reciente|recente|aktuell|kürzlich|最近|直近|最新|최근|недавн|последн",
    "binary": "binaire|binario|binária|binário|binärdatei|binär|バイナリ|二进制|二進位|바이너리|бинарн|бинарник",
    "private": "privé|privée|privado|privada|privat|privato|privata|プライベート|私有|私人|비공개|프라이빗|приватн",
    "coverage": "couverture|cobertura|abdeckung|copertura|dekking|カバレッジ|覆盖率|覆蓋率|커버리지|покрыти",
    "ledger": "grand livre|registre|libro mayor|livro-razão|hauptbuch|registro contabile|台帳|元帳|账本|帳本|分类账|원장|장부|реестр|журнал операций",
    "balance": "solde|saldo|kontostand|bilancio|残高|余额|餘額|잔액|잔고|баланс|остаток",
    "website": "site web|site internet|sitio web|página web|webseite|sito web|website|ウェブサイト|サイト|网站|網站|웹사이트|сайт",
    "timer": "minuterie|temporizador|zeitgeber|timer|タイマー|定时器|計時器|타이머|таймер",
    "weekday": "jour ouvré|jours ouvrés|en semaine|día laborable|días laborables|dia útil|dias úteis|werktag|werktags|wochentag|"
               "giorno feriale|hverdag|hverdager|平日|工作日|평일|будн|рабочие дни",
    "noon": "midi|mediodía|meio-dia|mittag|mezzogiorno|正午|中午|정오|полдень",
    "experiment": "expérience|expérimentation|experimento|experiment|esperimento|実験|实验|實驗|실험|эксперимент",
    "billing": "facturation|facturación|faturamento|cobrança|abrechnung|fatturazione|課金|請求|计费|账单|計費|과금|청구|биллинг|выставлени",
    "product": "produit|producto|produto|produkt|prodotto|product|製品|プロダクト|产品|產品|제품|상품|продукт",
    "freeze": "gel|geler|congelar|congelamento|einfrieren|freeze|congelare|フリーズ|凍結|冻结|卡死|동결|프리즈|заморозк|зависани",
    "global": "mondial|mundial|weltweit|globale|グローバル|全局|全域|全球|전역|글로벌|глобальн",
    "import": "importer|importation|importar|importação|importieren|importare|インポート|取り込み|导入|導入|匯入|가져오기|임포트|импорт",
    "engine": "moteur|motor|engine|motore|エンジン|引擎|엔진|движок",
    "printing": "impression|imprimer|impresión|imprimir|impressão|drucken|druck|stampa|印刷|打印|列印|인쇄|печат",
    "transcription": "transcription|transcripción|transcrição|transkription|trascrizione|文字起こし|書き起こし|转写|转录|轉錄|전사|받아쓰기|транскрипц|расшифровк",
    "drain": "drainer|vider|drenar|vaciar|entleeren|abarbeiten|svuotare|ドレイン|排空|排水|드레인|осушени|дренаж",
    "free": "gratuit|gratuite|gratis|gratuito|gratuita|kostenlos|無料|免费|免費|무료|бесплатн",
    "paid": "payant|payante|de pago|pago|pagado|pagada|kostenpflichtig|bezahlt|a pagamento|有料|付费|付費|收费|유료|платн",
    "tier": "niveau|palier|nivel|camada|stufe|ebene|livello|ティア|层级|등급|티어|уровень|тариф",
    "previous": "précédent|précédente|anterior|vorherig|vorige|vorherige|precedente|前回|以前|之前|上一个|上一個|이전|предыдущ",
    "correct": "correct|correcte|correcto|correcta|correto|correta|korrekt|richtig|corretto|corretta|正しい|正确|正確|올바른|정확한|правильн|корректн",
    "invalid": "invalide|inválido|inválida|ungültig|non valido|non valida|ongeldig|無効|无效|無效|유효하지|잘못된|недействительн|невалидн|некорректн",
    "banner": "bannière|pancarta|バナー|横幅|배너|баннер",
    "level": "niveau|nivel|nível|stufe|ebene|livello|レベル|级别|級別|层级|레벨|수준|уровень|рівень",
    "group": "groupe|grupo|gruppe|gruppo|groep|グループ|分组|群组|組別|그룹|группа|группы|групп",
    "measure": "mesurer|mesure|medir|medición|medição|messen|messung|misurare|meten|計測|測定|测量|测定|측정|измерени|измерить",
    "developer": "développeur|développeurs|desarrollador|desarrolladores|desenvolvedor|desenvolvedores|entwickler"
                 "|sviluppatore|sviluppatori|ontwikkelaar|開発者|开发者|開發者|개발자|разработчик",
    "history": "historique|historial|histórico|historie|verlauf|cronologia|storico|geschiedenis|履歴|历史|歷史|히스토리|이력|история|історія",
    "immediately": "immédiatement|inmediatamente|imediatamente|sofort|unmittelbar|immediatamente|onmiddellijk|直ちに|即座に|すぐに|立即|立刻|马上|즉시|바로|немедленно|сразу",
    "visitor": "visiteur|visiteurs|visitante|visitantes|besucher|visitatore|visitatori|bezoeker|訪問者|访客|訪客|방문자|посетител",
    "truncated": "tronqué|tronquée|tronqués|truncado|truncada|abgeschnitten|gekürzt|troncato|troncata|切り詰め|途切れ|截断|截斷|절단|잘림|잘린|усечен|обрезан",
    "larger": "plus grand|plus grande|más grande|mayor|maior|größer|più grande|groter|大きい|大きく|较大|更大|较多|더 큰|더 많|больше|крупнее",
    "smaller": "plus petit|plus petite|más pequeño|más pequeña|menor|kleiner|più piccolo|小さい|小さく|较小|更小|较少|더 작|더 적|меньше",
    "width": "largeur|ancho|anchura|largura|breite|larghezza|breedte|横幅|宽度|寬度|너비|ширина",
    "wide": "largeur|ancho|anchura|largura|breite|larghezza|breedte|横幅|宽度|寬度|너비|ширина",
    "height": "hauteur|altura|höhe|altezza|hoogte|高さ|高度|높이|высота",
    "complete": "terminé|terminée|achevé|completado|completada|concluído|concluída|abgeschlossen|vollständig|completato|voltooid|完了|完成|已完成|완료|завершен|завершён",
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
                 w[:-3] + "y" if w.endswith(("ied", "ies")) else "", w[:-1] if w.endswith("ed") else "",
                 w[:-3] if w.endswith("ed") and len(w) > 5 and w[-3] == w[-4] else "",  # "stopped" -> stop
                 w[:-4] if w.endswith("ing") and len(w) > 6 and w[-4] == w[-5] else ""):  # "running" -> run
        if form and form in TRANSLATIONS:
            return TRANSLATIONS[form]
    english = _ENGLISH_OF.get(w)
    if english and not w.isascii() and script(w):
        # "回滚" asked: the notes' English "rollback" and its other Han forms, not the Korean runbook's "롤백"
        return {f for f in TRANSLATIONS[english] if f != w and script(f) == script(w)} | {english}
    return (TRANSLATIONS[english] - {w}) | {english} if english else set()


# The letters of the scripts written without spaces between words (Japanese kana, Chinese characters), and Hangul.
KANA = "\u3040-\u30ff"
HAN = "\u3400-\u9fff"
HANGUL = "\uac00-\ud7af"
HAN_KANA = re.compile(f"[{KANA}{HAN}]")
# A letter of the scripts that pack a word into a few characters (kana, Chinese characters, Hangul): such a letter says
# about as much as a short word, and a line of them is read without the spaces a Latin line has
DENSE = re.compile(f"[{KANA}{HAN}{HANGUL}]")


def script(w: str) -> str:
    """"hangul", "kana" (Japanese with kana), "han" (Chinese characters alone) or "" for other scripts."""
    if re.search(f"[{HANGUL}]", w):
        return "hangul"
    if re.search(f"[{KANA}]", w):
        return "kana"
    return "han" if re.search(f"[{HAN}]", w) else ""


@lru_cache(maxsize=4096)  # ask folds the same page texts and words again and again (the bound vocabulary.fold had)
def unaccented(text: str) -> str:
    """Latin letters without their accents ("duración" -> "duracion", "Tomás" -> "Tomas"); Hangul, kana and Han left
    whole. The one fold every reader that compares words across accents uses."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))


_COMBINING = re.compile("[\u0300-\u036f]")
