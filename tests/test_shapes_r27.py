"""Shapes from the twenty-seventh round: a runbook's commands given outside the procedure its steps come
from (set-up, single-database restore, clean-up), in fences or named in its prose; a team's product named
only in a link; a lag asked as "how out of date"; counts of time in words of other languages; a sentence
that sums up the list before it; settings asked for by what was chosen. The notes are ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from lorebook.compile.pages import runbook_blocks
from lorebook.extract import extract
from types import SimpleNamespace

from lorebook.query import rank
from lorebook.query.analysis import TYPE_SHAPES, analyse, heading_field
from lorebook.query.ask import ask
from lorebook.sources.reader import read_source
from lorebook.sources.segment import documents

BACKUP_RUNBOOK = """\
# Sicherung mit restic

## Überblick

Die Datenbanken werden jede Nacht verschlüsselt an zwei Ziele gesichert.

## Einrichtung

```bash
cp .env.example .env
docker compose run --rm backup backup-tool init
```

```yaml
retention:
  daily: 7
```

## Wiederherstellung

1. Backup-Container stoppen.
2. Stand wählen:

   ```bash
   docker exec backup backup-tool snapshots
   ```

3. Dump einspielen.

### Einzelne Datenbank

```
# Dump holen, dann einspielen
docker exec backup sh -c 'pg_restore --clean -d app /work/app.dump'
```

```
2026-03-01T02:00:01Z INFO backup finished in 312s
```

## Aufräumen

Danach `docker exec backup rm -rf /work/restore` ausführen und `submit_report.sh 7` starten.
"""


def _record(tmp_path: Path, name: str, text: str):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return extract(documents(read_source(f, f"raw/{name}"))[0])


def test_commands_outside_the_steps_are_kept_under_their_heading(tmp_path):
    rec = _record(tmp_path, "backup.md", BACKUP_RUNBOOK)
    f = rec.fields
    assert [s["title"] for s in f["steps"]][:1] == ["Backup-Container stoppen"]
    other = f["other_commands"]
    by_section = {(e["section"], e["command"].splitlines()[-1]) for e in other}
    assert ("Einrichtung", "docker compose run --rm backup backup-tool init") in by_section
    assert ("Einzelne Datenbank", "docker exec backup sh -c 'pg_restore --clean -d app /work/app.dump'") in by_section
    assert ("Aufräumen", "docker exec backup rm -rf /work/restore") in by_section
    assert ("Aufräumen", "submit_report.sh 7") in by_section
    text = "\n".join(e["command"] for e in other)
    assert "retention" not in text  # a YAML file is not a command
    assert "INFO backup finished" not in text  # nor is a log line
    assert "snapshots" not in text  # the step's own command stays with its step
    assert any("snapshots" in c for s in f["steps"] for c in s["commands"])
    # each entry cites its own lines
    lines = BACKUP_RUNBOOK.splitlines()
    for entry, span in zip(other, rec.citations["other_commands"]):
        cited = "\n".join(lines[span.start - 1:span.end])
        assert entry["command"].splitlines()[-1].strip() in cited


def test_the_runbook_page_shows_the_other_commands_cited(tmp_path):
    rec = _record(tmp_path, "backup.md", BACKUP_RUNBOOK)
    blocks = runbook_blocks(rec)
    titles = [b.text for b in blocks if b.kind == "heading"]
    assert "Other commands" in titles
    start = titles.index("Other commands")
    after = [b for b in blocks if b.kind == "heading"][start:]
    body = blocks[blocks.index(after[0]) + 1:]
    assert body[0].kind == "item" and body[0].text == "**Einrichtung**" and body[0].citations
    assert any(b.kind == "code" and "backup-tool init" in b.text and b.citations for b in body)


def test_a_runbook_whose_commands_are_all_in_its_steps_has_no_other_commands(tmp_path):
    rec = _record(tmp_path, "restart.md", """\
# Restart the worker

## Steps

1. Drain it:

   ```bash
   kubectl drain node-3 --ignore-daemonsets
   ```

2. Restart: `systemctl restart worker`
""")
    assert rec.fields["other_commands"] == []
    assert rec.fields["steps"][0]["commands"] == ["kubectl drain node-3 --ignore-daemonsets"]


QUEUE_ADR = """# ADR-006: Plateforme de background jobs

## Contexte

Les appels réseau lancés par des crons postgres échouent sans retry ; de nouveaux webhooks sont à prévoir.

## Décision

Utiliser le système de queueing BullMq intégré à NestJs.

## Options envisagées

### Trigger.dev

Solution plus haut niveau, mais le self hosting n'est pas jugé production ready.
"""

DEPLOY_RUNBOOK = """# Déploiement manuel

## Étapes

1. Lancer `make deploy_all_on_app`.
2. Vérifier que l'application répond sur https://app.orbitalenergie.fr.
"""

OTHER_TEAM = """# Rotation d'astreinte de l'équipe Kestrel

L'équipe Kestrel tient l'astreinte du lundi au vendredi.
"""


def test_a_product_named_only_in_a_link_is_the_askers_own(notes_wiki_of):
    w = notes_wiki_of({"adr.md": QUEUE_ADR, "deploy.md": DEPLOY_RUNBOOK, "kestrel.md": OTHER_TEAM})
    a = ask(w, "Which queueing system did we pick for background jobs on Orbitalenergie?")
    assert a.found and "BullMq" in a.answer, a.answer
    a = ask(w, "Why didn't the Orbitalenergie platform team go with Trigger.dev?")
    assert a.found and "production ready" in a.answer, a.answer
    # a name another page says in its prose still makes this page the wrong one
    a = ask(w, "Which queueing system did the Kestrel team pick for background jobs?")
    assert not a.found, a.answer


@pytest.mark.parametrize("question", [
    "How out of date can the mirror's content be?",
    "How stale can the cache get after a deploy?",
    "How quickly is a new leader elected?",
])
def test_a_lag_or_a_speed_asks_for_a_length_of_time(question):
    a = analyse(question)
    assert a.answer_types[:1] == ["duration"], a.answer_types


def test_up_to_date_asks_no_date():
    assert "date" not in analyse("Is the restore runbook up to date?").answer_types
    assert "date" in analyse("What date was the mirror adopted?").answer_types


@pytest.mark.parametrize("text", ["Inhalte erscheinen mit bis zu zehn Minuten Verzögerung.",
                                  "La restauration prend deux heures.", "El failover tarda cinco minutos."])
def test_a_count_of_time_in_words_of_other_languages_is_a_duration(text):
    assert TYPE_SHAPES["duration"].search(text)


MIRROR_ADR = """# ADR-028: Ein Spiegel im Prozess

Status: angenommen (2026-09-14)

## Entscheidung

Die Seite liest aus einer Datei auf der Platte, die ein Prozess alle zehn Minuten aus dem Relay auffrischt.

## Konsequenzen

- Inhalte erscheinen mit bis zu zehn Minuten Verzögerung.
- Die Fußzeile zeigt das Alter des Stands.
"""


def test_how_out_of_date_is_answered_by_the_lag_not_the_records_date(notes_wiki_of):
    w = notes_wiki_of({"adr-028.md": MIRROR_ADR})
    a = ask(w, "How out of date can content be because of the mirror?")
    assert a.found and "zehn Minuten" in a.answer and "2026-09-14" not in a.answer, a.answer


EXPLOIT = """# yVault exploit post-mortem

Date: 2021-02-04

## What happened

An attacker drained 11m DAI from the v1 vault by imbalancing the pool repeatedly.

### Contributing factors

1. The vault's slippage protection was set too loose at 1%.
2. The normal 0.5% withdrawal fee was set to 0% to encourage migrations.
3. The exploiter could push deposits into the strategy at will.

The combination of these factors made the attack profitable enough to perform.
"""


def test_a_sentence_summing_up_a_list_is_answered_with_the_list(notes_wiki_of):
    w = notes_wiki_of({"exploit.md": EXPLOIT})
    a = ask(w, "What made the vault attack profitable enough?")
    assert a.found and "slippage" in a.answer and "withdrawal fee" in a.answer, a.answer


def test_which_settings_did_we_put_asks_for_a_setting():
    a = analyse("What HEALTHCHECK settings did we put in the Dockerfile to stop the crash loop?")
    assert a.answer_types[:1] == ["setting"], a.answer_types
    assert TYPE_SHAPES["setting"].search("HEALTHCHECK --interval=30s --timeout=10s --retries=3")


MANUAL_DEPLOY = """# Déploiement manuel

## Étapes

1. Installer `aws-cli`.
2. Installer le plugin : `pip3 install awscli-plugin-endpoint`
3. Créer le fichier `~/.aws/config` avec `aws configure set plugins.endpoint awscli_plugin_endpoint`

## Déploiement en production

Au lieu de pousser sur la branche `production`, lancer à la racine du projet :

```
make deploy_all_on_app
```

## Alertes

L'alerte se déclenche quand `outbox_dlq_total > 100`.
"""


def test_a_command_under_its_own_heading_answers_what_command_does_it(notes_wiki_of):
    w = notes_wiki_of({"deploy.md": MANUAL_DEPLOY})
    a = ask(w, "What command deploys to production by hand?")
    assert a.found and "make deploy_all_on_app" in a.answer, a.answer


def test_an_alert_threshold_in_code_is_no_command(tmp_path):
    rec = _record(tmp_path, "deploy.md", MANUAL_DEPLOY)
    cmds = [e["command"] for e in rec.fields["other_commands"]]
    assert "make deploy_all_on_app" in cmds and not any("outbox_dlq_total" in c for c in cmds), cmds


@pytest.mark.parametrize("question", ["Como faço para o journald não voltar a encher o disco?",
                                      "¿Cómo hago para vaciar la cola?", "Comment faire pour vider le cache ?",
                                      "Wie kann ich den Cache leeren?"])
def test_how_do_i_in_other_languages_asks_what_to_run(question):
    assert analyse(question).answer_types[:1] == ["command"], analyse(question).answer_types


DISK_RUNBOOK = """# Disco cheio

## Primeiro comando

```
df -h / /var
```

## Limpar

```
k3s crictl rmi --prune
```

## Como saber que passou

```
kubectl get nodes
```

O taint `disk-pressure` tem que ter sumido e o nó estar `Ready`.
"""


def test_a_heading_asking_how_to_know_it_worked_is_the_verification(tmp_path):
    rec = _record(tmp_path, "disco.md", DISK_RUNBOOK)
    assert any("Ready" in str(v) for v in rec.fields["verification"]), rec.fields["verification"]


def test_a_name_inside_the_rejection_rule_is_still_asked_of_the_field():
    a = analyse("Why was Auth0 rejected as our SSO provider?")
    assert a.intents[:1] == ["rejected"]
    assert "auth0" not in a.said_by_intent["rejected"] and "rejected" in a.said_by_intent["rejected"]


SSO_ADR = """# ADR-003: Keycloak para SSO

## Contexto

Los servicios corporativos requieren autenticación centralizada (SSO) y multi-tenancy para cuatro países.

## Decisión

Adoptar Keycloak autohospedado como proveedor de identidad.

### Alternativas descartadas

- **Auth0:** costos altos, lock-in SaaS, personalización limitada
- **AWS Cognito:** limitaciones en protocolos, lock-in AWS
"""


def test_why_was_a_named_option_rejected_gives_its_reasons(notes_wiki_of):
    w = notes_wiki_of({"adr-003.md": SSO_ADR})
    a = ask(w, "Why was Auth0 rejected as our SSO provider?")
    assert a.found and "costos altos" in a.answer and "Cognito" not in a.answer.split("\n")[0], a.answer


RESTORE_RUNBOOK = """# Восстановление Postgres

## Шаги

1. Скачать последний бэкап: `aws s3 cp s3://ringo-backups/latest.sql.gz /tmp/restore.sql.gz`
2. Восстановить: `./scripts/restore-postgres.sh /tmp/restore.sql.gz ringo`
"""


def test_an_acronym_no_note_says_is_not_answered(notes_wiki_of):
    w = notes_wiki_of({"restore.md": RESTORE_RUNBOOK})
    a = ask(w, "What RTO target is set for restoring the ringo Postgres database?")
    assert not a.found and "RTO" in a.answer, a.answer


def test_an_acronym_the_notes_spell_out_is_heard(notes_wiki_of):
    w = notes_wiki_of({"restore.md": RESTORE_RUNBOOK + "\nRecovery time objective: 30 minutes.\n"})
    a = ask(w, "What RTO target is set for restoring the ringo Postgres database?")
    assert "no page says RTO" not in a.answer, a.answer


DLQ_RUNBOOK = """# DLQ 復旧手順

## 廃棄

```bash
# 廃棄実行（quality_admin 承認後）
curl -fsX DELETE "http://localhost:8081/api/v1/ops/outbox/dlq/{DLQ_ID}" -d '{"reason": "承認者: quality_admin"}'
```

廃棄には quality_admin の承認が必要。承認なしの廃棄は禁止する。
"""


def test_who_must_approve_is_answered_by_the_lines_naming_the_role(notes_wiki_of):
    w = notes_wiki_of({"dlq.md": DLQ_RUNBOOK})
    a = ask(w, "Who has to approve discarding events from the DLQ?")
    assert a.found and "廃棄には quality_admin の承認が必要" in a.answer, a.answer


def test_a_table_of_contents_is_no_sentence(tmp_path):
    from lorebook.sources.markdown import parse
    from lorebook.sources.sentences import sentence_rows

    f = tmp_path / "deploy.md"
    f.write_text("# Déploiement\n\n- [Installation de aws-cli](#installation-de-aws-cli)\n- [Commande](#commande)\n\n"
                 "## Installation de aws-cli\n\n- Installer `aws-cli` et le plugin.\n", encoding="utf-8")
    rows = sentence_rows(parse(read_source(f, "raw/deploy.md")))
    items = [r[4] for r in rows if r[2] == "item"]
    assert items == ["Installer `aws-cli` et le plugin."], items
    assert any(r[2] == "heading" and r[4] == "Installation de aws-cli" for r in rows)


STRIPE_ADR = """# ADR-001: Stripe Checkout Session の孤立セッション処理

## 背景

新規登録では Stripe Checkout Session の作成とテナントの保存が必要で、その実行順序を決める必要がある。

## 検討したオプション

### オプション1: DB先行

**メリット:**
- DBトランザクションで一貫性を保てる

**デメリット:**
- 2段階更新が必要で複雑

### オプション2: Stripe先行（採用）

**メリット:**
- シンプルな実装

**デメリット:**
- DB保存失敗時にStripe側に孤立セッションが残る

### オプション3: Sagaパターン

**メリット:**
- 完全な一貫性

**デメリット:**
- 実装が複雑

## 決定

**オプション2（Stripe先行）を採用**

## 理由

1. **Stripe Checkout Sessionの自動期限切れ**: 特別なクリーンアップ処理が不要
2. **シンプルさの優先**: 複雑な補償トランザクションより、シンプルな実装を優先
"""


def test_demerits_are_no_merits(tmp_path):
    rec = _record(tmp_path, "adr-001.md", STRIPE_ADR)
    first = rec.fields["options"][0]
    assert first["reasons"] == ["Good: DBトランザクションで一貫性を保てる", "Bad: 2段階更新が必要で複雑"], first


def test_why_the_chosen_option_gives_the_records_reasons(notes_wiki_of):
    w = notes_wiki_of({"adr-001.md": STRIPE_ADR})
    a = ask(w, "Why did we create the Stripe checkout session first?")
    assert a.found and "自動期限切れ" in a.answer.split("\n")[0] and "シンプルさの優先" in a.answer, a.answer


KEY_LEAK = """# Postmortem – Exposition d'une clé de signature URL

## Participants

| Rôle                   | Nom            |
|------------------------|----------------|
| Responsable d'incident | Saidi Ahamada  |
| Support sécurité       | Renaud Durand  |

## Actions

| Action | État | Responsable |
|--------|------|-------------|
| Renforcer les contrôles CI des secrets | En cours | Tristan Robert |
"""


def test_a_roster_row_says_who_held_the_role(notes_wiki_of):
    w = notes_wiki_of({"leak.md": KEY_LEAK})
    a = ask(w, "Who was incident lead when the URL signing key leaked?")
    assert a.found and a.answer.split("\n")[0].count("Saidi Ahamada"), a.answer


UI_KIT = """# Transition vers l'UI Kit cible

_20 juin 2023_

## Contributeurs

Suxue Li, Julie Brunetto, Guillaume Moizan

## Statut

Accepté

## Décision

Nous avons décidé d'adopter une approche mixte, composant par composant.
"""


def test_contributors_over_a_line_of_names_are_the_deciders(tmp_path):
    rec = _record(tmp_path, "ui-kit.md", UI_KIT)
    assert rec.fields["deciders"] == ["Suxue Li", "Julie Brunetto", "Guillaume Moizan"], rec.fields["deciders"]


DEPLOY_JA = """# 本番デプロイ手順

## デプロイ前チェックリスト

- [ ] 全テストが通過
- [ ] Staging環境で動作確認

## デプロイ手順

### 1. タグ作成

```bash
git tag -a v1.0.0 -m "Release"
git push origin v1.0.0
```

### 2. GitHub Actionsの実行確認

GitHub の Actions タブで進捗確認:
- テスト実行
- ビルド

### 3. ヘルスチェック

```bash
# サービスの健全性確認
curl https://api.example.com/health
```

## ロールバック手順

問題があれば前のタグを再デプロイする:

```bash
git tag -l
```
"""


def test_a_checklist_before_the_operation_is_the_prerequisites(tmp_path):
    rec = _record(tmp_path, "deploy.md", DEPLOY_JA)
    assert rec.fields["prerequisites"] == ["全テストが通過", "Staging環境で動作確認"], rec.fields["prerequisites"]


def test_a_health_check_heading_answers_how_to_confirm_in_japanese(notes_wiki_of):
    assert heading_field("3. ヘルスチェック") == "verification" and heading_field("헬스체크") == "verification"
    w = notes_wiki_of({"deploy.md": DEPLOY_JA})
    a = ask(w, "本番デプロイ後、サービスが正常かどうかはどうやって確認しますか？")
    assert a.found and "/health" in a.answer.split("\n")[0], a.answer


RESTART_RU = """# Перезапуск сервисов

## Redis

```bash
docker compose restart redis
```

## PostgreSQL (база данных)

```bash
# Перезапуск
docker compose restart db

# Проверка после перезапуска
sleep 10
docker exec app-db-1 pg_isready -U postgres
```

## Проверка системы

```bash
#!/bin/bash
# Скрипт проверки здоровья системы после перезапуска
docker compose ps
curl -f http://localhost/health && echo "OK"
```
"""


def _row(kind: str, text: str, heading: str = "", field: str = ""):
    return SimpleNamespace(kind=kind, text=text, heading=heading, field=field)


def test_a_code_comment_that_checks_is_a_verification(notes_wiki_of):
    a = analyse("How do I check PostgreSQL came back after restarting it?")
    assert rank.sentence_field_weight(a, _row("code", "# Проверка после перезапуска\npg_isready -U postgres")) >= 0.9
    # a comment that only looks at a value proves nothing: "-- 检查永久下线参数值", "-- 确认集群各节点状态"
    assert rank.sentence_field_weight(a, _row("code", "-- 确认集群各节点状态\nselect * from servers;")) == 0.0
    w = notes_wiki_of({"restart.md": RESTART_RU})
    a = ask(w, "How do I check PostgreSQL came back after restarting it?")
    assert a.found and "pg_isready" in a.answer.split("\n")[0], a.answer


def test_checking_that_restored_data_is_there_asks_for_a_verification():
    assert analyse("After restoring the dump, how do I check the tables and data are really there?").answer_types[:1] == ["verify"]


FLANNEL = """# PM-005: worker-to-worker pod networking failure

Root cause was an `INCOMPLETE` ARP/neighbor entry for worker-1's VTEP on worker-2.

## Investigation

1. `kubectl get pods -o wide` — pods on different nodes
2. `ip neigh show dev flannel.1` — revealed `10.42.3.0 INCOMPLETE` on worker-2

## Fixes

Added permanent ARP neighbor entries for the VTEP IPs:

```bash
# On worker-2
sudo ip neigh replace 10.42.3.0 lladdr a6:7a:a9:1f:05:8d dev flannel.1 nud permanent
```

Cross-node connectivity was immediately restored.
"""


def test_what_command_fixed_it_is_the_code_under_the_fix(notes_wiki_of):
    a = analyse("What command fixed the INCOMPLETE neighbor entry on worker-2?")
    assert rank.sentence_field_weight(a, _row("code", "sudo ip neigh replace 10.42.3.0", heading="Fixes")) >= rank.FIX_CODE
    w = notes_wiki_of({"pm-005.md": FLANNEL})
    a = ask(w, "What command fixed the INCOMPLETE neighbor entry on worker-2?")
    assert a.found and "ip neigh replace" in a.answer.split("\n")[0], a.answer


def test_an_incidents_start_line_gives_its_day(tmp_path):
    rec = _record(tmp_path, "pm.md", """## Postmortem Report: The Great Database Connection Crisis

### Issue Summary

**Duration:**
- Start: August 17, 2024, 14:00 UTC
- End: August 17, 2024, 16:30 UTC

**Impact:** 80% of users could not log in.

**Root Cause:** the connection pool was capped at five connections.
""")
    assert rec.kind == "incident" and rec.fields["date"] == "2024-08-17", rec.fields["date"]


RFC = """# 📝 RFC: Implementación de Redis para Caching de Sesiones

## ℹ️ Meta Información

- **RFC ID:** RFC-042
- **Autor:** David Developer
- **Fecha:** 2025-11-28

## 📋 Contexto y Alcance

Las sesiones se guardan en PostgreSQL y causan bloqueos.

## Decisión

Usar Redis para las sesiones.
"""


def test_an_rfcs_meta_information_list_gives_its_number_and_date(tmp_path):
    rec = _record(tmp_path, "rfc.md", RFC)
    assert (rec.fields["number"], rec.fields["date"]) == (42, "2025-11-28"), rec.fields


def test_a_date_alone_under_the_title_is_the_records_day(tmp_path):
    rec = _record(tmp_path, "ui-kit.md", UI_KIT)
    assert rec.fields["date"] == "2023-06-20", rec.fields["date"]


def test_a_closing_creation_date_heading_is_the_records_day(tmp_path):
    rec = _record(tmp_path, "adr-001.md", STRIPE_ADR + "\n## 作成日\n\n2026-01-26\n\n## 作成者\n\nClaude\n")
    assert rec.fields["date"] == "2026-01-26", rec.fields["date"]


@pytest.mark.parametrize("text", ["backup effectué chaque nuit", "Se hace una copia cada noche.", "Das Backup läuft jede Nacht.",
                                  "0 2 * * * /usr/local/bin/backup.sh", "*/15 * * * * curl -fsS http://localhost/ping"])
def test_a_schedule_in_other_languages_or_cron_is_a_frequency(text):
    assert TYPE_SHAPES["frequency"].search(text)


def test_five_numbers_in_a_row_are_no_schedule():
    assert not TYPE_SHAPES["frequency"].search("versions 1 2 3 4 5 were tested")


NIGHTLY = """# Procédure – Suppression accidentelle de la base de données

## Restauration

1. Créer un tunnel SSH sur la base cible avec `scalingo -a histologe db-tunnel SCALINGO_MYSQL_URL`.
2. Importer le dump : `pv data/dump.sql | mysql -h 127.0.0.1 -P 10000`.

## Attention – Risque de perte de données

Le backup utilisé correspond à la dernière sauvegarde complète faite par l'hébergeur, **backup effectué chaque nuit**.
"""


def test_how_often_is_answered_by_the_line_that_gives_the_schedule(notes_wiki_of):
    w = notes_wiki_of({"suppression.md": NIGHTLY})
    a = ask(w, "How often does Scalingo take the database backup we would restore from?")
    assert a.found and "chaque nuit" in a.answer.split("\n")[0], a.answer
