"""Shapes from the fifteenth round: the words for "supersedes" and "superseded by" in more of the languages
decision records are written in."""

from __future__ import annotations

from lorebook.query.ask import ask
from test_unseen_shapes import one


def _refs(rec, field: str) -> str:
    return str(rec.fields.get(field))


def test_supersedes_and_superseded_by_in_portuguese_italian_polish_and_russian():
    body = "\n\n## Contexto\n\nPrecisamos de busca.\n\n## Decisão\n\nUm nó só.\n"
    pt = one("# ADR-008: OpenSearch em nó único\n\n**Status:** Decidido\n**Supera:** [ADR-003](./ADR-003.md)" + body, "adr-008.md")
    assert "3" in _refs(pt, "supersedes") and not pt.fields.get("superseded_by")
    es = one("# ADR-2: Colas\n\nEstado: Superado por ADR-5\n\n## Contexto\n\nHace falta una cola.\n", "adr-2.md")
    assert "5" in _refs(es, "superseded_by")
    it = one("# ADR-4: Code\n\nStato: Sostituito da ADR-9\n\n## Contesto\n\nServe una coda.\n", "adr-4.md")
    assert "9" in _refs(it, "superseded_by")
    pl = one("# ADR-6: Kolejki\n\nStatus: Zastąpiony przez ADR-12\n\n## Kontekst\n\nPotrzebna kolejka.\n", "adr-6.md")
    assert "12" in _refs(pl, "superseded_by")
    ru = one("# ADR-7: Очереди\n\nСтатус: Принято\n\nЗаменяет ADR-2.\n\n## Контекст\n\nНужна очередь.\n", "adr-7.md")
    assert "2" in _refs(ru, "supersedes")


def test_a_word_that_only_begins_like_supera_is_not_a_supersede():
    rec = one("# ADR-9: Caché\n\nEstado: Aceptado\n\n## Contexto\n\nLa latencia supera los 300 ms en ADR-3 y en producción.\n", "adr-9.md")
    assert not rec.fields.get("supersedes")


ITALIAN_RUNBOOK = """# Pulizia della coda DLQ

Script per svuotare la coda `orders-dlq`.

## Prerequisiti

- jq
- Node.js (>= v18)
- AWS CLI configurato con SSO

## Procedura

1. Esegui il dump dei messaggi: `./dump.sh orders-dlq`
2. Rimuovi i messaggi elaborati: `./purge.sh orders-dlq`

## Verifica

Controlla che la coda sia vuota: `aws sqs get-queue-attributes --queue-url $URL`
"""


def test_an_italian_runbooks_parts_are_named():
    rec = one(ITALIAN_RUNBOOK, "pulizia-dlq.md")
    f = rec.fields
    assert rec.document.kind == "runbook"
    assert "jq" in str(f["prerequisites"]) and "Node.js" in str(f["prerequisites"])
    assert "get-queue-attributes" in str(f["verification"])


def test_what_to_have_installed_before_a_runbook_asks_for_its_prerequisites(notes_wiki_of):
    w = notes_wiki_of({"pulizia-dlq.md": ITALIAN_RUNBOOK})
    for q in ("What do I need installed before running the DLQ cleanup?", "What are the prerequisites for the orders-dlq cleanup?"):
        a = ask(w, q)
        assert a.found and "Node.js" in a.answer, (q, a.answer)


def test_a_name_column_in_french_or_spanish_names_a_person(notes_wiki_of):
    w = notes_wiki_of({"pm-cle.md": """# Postmortem – fuite d'un jeton de déploiement

## Participants

| Rôle                   | Nom              |
|------------------------|------------------|
| Responsable d'incident | Amina KONATÉ     |
| Support sécurité       | Paul Girard      |

## Résumé

Le jeton de déploiement était visible dans les journaux de la CI.
"""})
    a = ask(w, "Qui était responsable d'incident pour la fuite du jeton ?")
    assert a.found and "KONATÉ" in a.answer.split("[1]")[0], a.answer


def test_which_host_is_answered_by_the_line_that_names_a_machine(notes_wiki_of):
    w = notes_wiki_of({"pm-disk.md": """# Incident: reports stopped overnight

## What happened

The disk alert for the reporting cluster fired twice during the night: a disk had filled up.

It was db-02, whose volume held three days of WAL files.

Nobody acknowledged the disk alert until the morning.
"""})
    a = ask(w, "Which server's disk filled up during the reports incident?")
    assert a.found and "db-02" in a.answer.split("[1]")[0], a.answer



def test_an_adverb_or_a_product_name_inside_the_question_keeps_what_it_asks():
    from lorebook.query.analysis import analyse

    assert analyse("How do I quickly roll back a bad ticket service deploy?").intents[:1] == ["rollback"]
    assert "number" in analyse("What MySQL version does the ticket service need?").answer_types
    assert "number" in analyse("Which Redis port does the cache listen on?").answer_types
    # a validator (a node that validates) or a verifier is a thing named, not a request to verify
    assert analyse("Who do we contact during a validator failover?").intents == ["contacts"]
    assert "verify" in analyse("How do I validate the restored backup?").intents


def test_approved_and_decided_in_other_languages_are_accepted():
    fr = one("---\nstatus: approuvée\n---\n# Déploiement continu\n\n## Contexte\n\nOn déploie souvent.\n\n## Décision\n\nOn garde le déploiement continu.\n", "2022-06-09-deploiement.md")
    assert fr.fields["status"] == "accepted"
    pt = one("# ADR-8: Busca\n\n**Status:** Decidido\n\n## Contexto\n\nPrecisamos de busca.\n\n## Decisão\n\nUm nó só.\n", "adr-8.md")
    assert pt.fields["status"] == "accepted"


def test_a_requirements_section_in_chinese_and_a_pre_deployment_checklist_are_prerequisites():
    zh = one("# 数据库迁移\n\n## 1 数据库要求\n\n- MySQL >= 5.7\n- Redis >= 6.0\n\n## 2 操作过程\n\n1. 停止服务\n\n```sh\n./jmsctl.sh stop\n```\n\n"
             "2. 备份数据库\n\n```sh\nmysqldump -uroot app > app.sql\n```\n\n3. 导入数据库\n\n```sh\nmysql -uroot app < app.sql\n```\n\n"
             "## 3 回滚\n\n```sh\nmysql -uroot app < app_bak.sql\n```\n", "migrate.md")
    assert zh.document.kind == "runbook"
    assert "MySQL" in str(zh.fields["prerequisites"])
    en = one("# Deployment runbook\n\n## Pre-Deployment Checklist\n\n- [ ] CI checks green\n- [ ] Feature flags set\n\n## Deploy\n\n"
             "```sh\nclever deploy\n```\n\n## Rollback\n\n```sh\nclever deploy --force <sha>\n```\n", "deploy.md")
    assert "CI checks" in str(en.fields["prerequisites"])


def test_a_change_that_has_caused_the_failure_is_the_root_cause():
    rec = one("---\ntitle: Agents fail to allocate\ndate: 2021-05-29T22:41:00-00:00\n---\n\nA plugin upgrade has caused allocation of "
              "container agents to fail on the CI server. Investigation is in progress.\n\n# Agent outage\n\n## Timeline\n\n"
              "* 16:37 - Plugins updated, CI restarted\n* 17:39 - Agents not allocated\n* 20:09 - Outage resolved\n", "2021-05-29-agents.md")
    assert rec.document.kind == "incident"
    assert "plugin upgrade" in rec.fields["root_cause"]


def test_why_not_an_option_is_answered_by_its_faults_not_its_merits(notes_wiki_of):
    """Its merits state as many of the question's words and say the opposite."""
    w = notes_wiki_of({"adr-sessoes.md": """# ADR-6: Armazenamento de sessões

## Opções

### Opção 1 - Redis

**Vantagens**

* Otimizado para armazenar sessões

**Desvantagens**

* Mais uma tecnologia para operar

### Opção 2 - Banco relacional

**Vantagens**

* O MySQL já roda na plataforma e o Symfony armazena sessões no MySQL nativamente

**Desvantagens**

* Não pode ser usado como cache
* Mais lento que o Redis para consultas chave-valor

## Decisão

Armazenamos as sessões no Redis.
"""})
    a = ask(w, "Why wasn't MySQL picked to store the Symfony sessions?")
    first = a.answer.split("[1]")[0]
    assert a.found and "cache" in first and "já roda" not in first


def test_polish_turkish_and_vietnamese_part_names():
    pl = one("# Incydent: awaria kolejki zamówień\n\n**Data:** 2025-03-14\n\n## Podsumowanie\n\nKolejka zamówień stała przez 40 minut.\n\n"
             "## Przyczyna źródłowa\n\nWygasł certyfikat TLS brokera.\n\n## Oś czasu\n\n- 10:02 Alarm kolejki\n- 10:42 Certyfikat odnowiony\n\n"
             "## Działania naprawcze\n\n- Automatyczne odnawianie certyfikatów\n", "2025-03-14-kolejka.md")
    assert pl.document.kind == "incident"
    assert "certyfikat" in pl.fields["root_cause"].lower() and pl.fields["action_items"]
    tr = one("# ADR-5: Mesaj kuyruğu\n\n## Durum\n\nKabul edildi\n\n## Bağlam\n\nServisler olayları paylaşmalı.\n\n## Karar\n\n"
             "Kafka kullanacağız.\n\n## Sonuçlar\n\nİşletim maliyeti artar.\n", "adr-5.md")
    assert "Kafka" in tr.fields["decision"] and "maliyeti" in str(tr.fields["consequences"])
    vi = one("# Khôi phục cơ sở dữ liệu\n\n## Điều kiện tiên quyết\n\n- Quyền truy cập S3\n- psql 15\n\n## Các bước\n\n1. Tải bản sao lưu\n\n"
             "```sh\naws s3 cp s3://backup/db.dump .\n```\n\n2. Khôi phục\n\n```sh\npg_restore -d app db.dump\n```\n\n## Kiểm tra\n\n"
             "```sh\npsql -c 'select count(*) from orders'\n```\n", "khoi-phuc.md")
    assert vi.document.kind == "runbook"
    assert "S3" in str(vi.fields["prerequisites"]) and "select count" in str(vi.fields["verification"])


def test_why_and_when_asked_in_polish_italian_turkish_or_vietnamese(notes_wiki_of):
    w = notes_wiki_of({"2025-03-14-kolejka.md": "# Incydent: awaria kolejki zamówień\n\n**Data:** 2025-03-14\n\n## Podsumowanie\n\n"
                       "Kolejka zamówień stała przez 40 minut.\n\n## Przyczyna źródłowa\n\nWygasł certyfikat TLS brokera.\n\n"
                       "## Oś czasu\n\n- 10:02 Alarm kolejki\n- 10:42 Certyfikat odnowiony\n"})
    a = ask(w, "Dlaczego kolejka zamówień stanęła?")
    assert a.found and "certyfikat TLS" in a.answer.split("[1]")[0], a.answer
    from lorebook.query.analysis import analyse

    assert analyse("Perché abbiamo scelto Kafka?").answer_types[:1] == ["reason"]
    assert analyse("Neden Kafka seçildi?").answer_types[:1] == ["reason"]
    assert analyse("Tại sao hàng đợi bị dừng?").answer_types[:1] == ["reason"]
    assert analyse("Kiedy wygasł certyfikat?").answer_types[:1] == ["date"]


def test_pairs_a_formatter_ran_together_are_still_pairs():
    from lorebook.sources.parts import line_pairs

    assert line_pairs("**Дата:**2025-10-30**Автор:**Admin**Статус:**") == [("Дата", "2025-10-30"), ("Автор", "Admin")]
    assert line_pairs("ИСПРАВЛЕНО**Приоритет:**HIGH**Затраченное время:**45 минут")[0] == ("Приоритет", "HIGH")
    assert line_pairs("We ship **only:** what the tests cover.") == [("We ship only", "what the tests cover.")]  # as before
    rec = one("# Отчет: ошибка загрузки DOCX\n\n**Дата:**2025-10-30**Автор:**Admin**Статус:**\nИСПРАВЛЕНО**Приоритет:**HIGH**Затраченное время:**45 минут\n\n"
              "## Краткое описание проблемы\n\nПользователи Firefox не могли загрузить DOCX.\n\n## Причина\n\nNginx обрывал поток HTTP/2.\n\n"
              "## Решение\n\nОтключили HTTP/2 для загрузки.\n", "docx-upload-fix-20251030.md")
    assert rec.document.kind == "incident" and rec.fields["severity"].lower() == "high"


def test_a_chinese_write_up_titled_as_the_record_of_one_event_is_an_incident():
    rec = one("# 记录一次阿里云Redis版超出最大内存限制异常\n\n## 环境配置\n\n**环境：** 压测环境\n\n## 具体错误\n\n"
              "客户端报错 `command not allowed when used memory > 'maxmemory'`。\n\n## 分析\n\n某个节点内存使用率达到100%。\n\n"
              "## 方案\n\n清理掉Redis数据后恢复。\n", "redis-maxmemory.md")
    assert rec.document.kind == "incident"
    assert one("# 记一次线上服务雪崩\n\n## 现象\n\n接口超时。\n\n## 原因\n\n连接池耗尽。\n", "xueben.md").document.kind == "incident"
