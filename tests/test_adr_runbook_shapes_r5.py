"""Fifth round of shapes met in ADRs and runbooks Lorebook had never seen (docs/performance.md, branch adr5b).

Each test is a short note we wrote in one shape, and what a reader expects from it. The documents that
showed the shapes stay outside the project.
"""

from __future__ import annotations

from lorebook.extract import extract
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def one(text: str, name: str = "notes.md"):
    docs = documents(source_from_text("raw/" + name, text))
    assert len(docs) == 1, [d.title for d in docs]
    return extract(docs[0])


def cited(rec, field: str) -> str:
    src = rec.document.source
    return "\n".join("\n".join(src.lines(s.start, s.end)) for s in rec.cite(field) if s is not None)


# --- decisions ---

_ADR_BODY = "## Context\n\nLogs are kept for a week.\n\n## Decision\n\nWe keep them for a month.\n\n## Consequences\n\nMore disk.\n"


def test_a_dated_file_name_is_not_an_adr_number():
    rec = one("# Keep logs longer\n\n* **Status:** Accepted\n\n" + _ADR_BODY, name="2024-03-05-keep-logs-longer.md")
    assert rec.fields["number"] is None
    assert rec.fields["date"] == "2024-03-05"  # the file name still dates it


def test_a_numbered_file_name_still_gives_the_number():
    rec = one("# Keep logs longer\n\nStatus: Accepted\n\n" + _ADR_BODY, name="0042-keep-logs-longer.md")
    assert rec.fields["number"] == 42


def test_date_written_on_the_status_line():
    rec = one("# ADR-3: Keep logs longer\n\nStatus: angenommen (05.03.2024)\n\n" + _ADR_BODY)
    assert rec.fields["status"] == "accepted"
    assert rec.fields["date"] == "2024-03-05"
    assert "angenommen" in cited(rec, "date")


def test_a_status_line_without_a_date_gives_no_date():
    rec = one("# ADR-3: Keep logs longer\n\nStatus: accepted\n\n" + _ADR_BODY)
    assert rec.fields["date"] is None


def test_sign_off_date_stated_at_the_end_of_the_record():
    rec = one("# ログ保持期間の延長\n\n## 目的\n\nログの保持期間を決める。\n\n## 決定\n\n保持期間は30日とする。\n\n"
              "## 承認\n\n- 承認者: 運用チーム\n- 承認日時: 2024-03-05\n")
    assert rec.fields["date"] == "2024-03-05"
    assert "承認日時" in cited(rec, "date")


def test_purpose_section_is_the_context_when_none_is_named():
    rec = one("# ログ保持期間の延長\n\n## 目的\n\nログの保持期間を決める。\n\n## 決定\n\n保持期間は30日とする。\n")
    assert "保持期間を決める" in rec.fields["context"]


def test_a_named_context_wins_over_a_purpose_section():
    rec = one("# Keep logs longer\n\n## Purpose\n\nWrite down the retention.\n\n" + _ADR_BODY)
    assert rec.fields["context"].startswith("Logs are kept")


def test_responsavel_line_names_the_decider():
    rec = one("# ADR-007: Gerar o PDF por script\n\n**Status:** Aceita\n**Responsável:** Ana Souza\n\n"
              "## Contexto\n\nO PDF era montado à mão.\n\n## Decisão\n\nUm script monta o PDF.\n")
    assert rec.fields["deciders"] == ["Ana Souza"]
    assert rec.fields["status"] == "accepted"


def test_front_matter_names_left_in_template_braces():
    rec = one("---\nstatus: accepted\ndate: { 2024-03-05 when the decision was last updated }\n"
              "decision-makers: { Ana Souza, Bo Lind }\n---\n\n# Keep logs longer\n\n" + _ADR_BODY)
    assert rec.fields["deciders"] == ["Ana Souza", "Bo Lind"]
    assert rec.fields["date"] == "2024-03-05"


def _names(rec):
    return [(o["name"], o["outcome"]) for o in rec.fields["options"]]


def test_options_as_rows_of_a_table_with_a_marked_choice():
    rec = one("# ADR-5: Where sessions live\n\nStatus: Accepted\n\n## Context\n\nSessions are lost on deploy.\n\n"
              "## Decision\n\nKeep sessions in Postgres.\n\n## Alternatives\n\n| Option | Pros | Cons |\n|---|---|---|\n"
              "| ① Sticky sessions | nothing to build | lost on deploy |\n| ② Postgres table (chosen) | already run it | more writes |\n"
              "| ③ Signed cookies | no storage | size limit |\n")
    assert _names(rec) == [("Sticky sessions", "considered"), ("Postgres table", "chosen"), ("Signed cookies", "considered")]
    assert rec.fields["options"][1]["reasons"] == ["Good: already run it", "Bad: more writes"]


def test_options_as_columns_under_a_criteria_column():
    rec = one("# ADR-6: Search engine\n\n## Options\n\n| Criterion | Elasticsearch | Postgres FTS ✅ |\n|---|---|---|\n"
              "| Ops cost | high | none |\n| Relevance | great | good enough |\n\n## Decision\n\nUse Postgres full-text search.\n")
    assert _names(rec) == [("Elasticsearch", "considered"), ("Postgres FTS", "chosen")]
    assert "Ops cost: none" in rec.fields["options"][1]["reasons"]


def test_options_as_bold_lead_paragraphs_and_a_choice_told_in_french():
    rec = one("# ADR-7 : Bus de messages\n\n## Contexte\n\nIl faut un bus.\n\n## Options\n\n"
              "**Option 1 : RabbitMQ** — mature, mais à opérer nous-mêmes.\n\n**Option 2 : SQS** — géré.\n\n"
              "**Option 3 :** Kafka — trop lourd pour nous.\n\n## Décision\n\nNous avons choisi SQS car il est géré.\n")
    assert _names(rec) == [("RabbitMQ", "considered"), ("SQS", "chosen"), ("Kafka", "considered")]


def test_pros_and_cons_bullets_owning_their_own_bullets():
    rec = one("# 0007. Log format\n\nstatus: accepted\n\n## Context\n\n- logs are free text\n\n## Decision\n\n- JSON lines\n\n"
              "## Consequences\n\n- Pros\n  - easy to parse\n  - tools read it\n- Cons / risks\n  - bigger files\n")
    assert rec.fields["consequences"] == {"positive": ["easy to parse", "tools read it"], "negative": ["bigger files"], "neutral": []}


def test_consequences_sorted_by_lead_ins_in_other_languages():
    rec = one("# ADR-8: 缓存\n\n状态：已接受\n\n## 背景\n\n读取慢。\n\n## 决策\n\n使用 Redis。\n\n## 影响\n\n"
              "优点：\n- 读取更快\n\n缺点：\n- 多一个服务\n")
    assert rec.fields["consequences"] == {"positive": ["读取更快"], "negative": ["多一个服务"], "neutral": []}


def test_active_status_in_front_matter_is_accepted():
    rec = one("---\nstatus: active\n---\n\n# ADR-10: One repository\n\n## Context\n\nTwo repos drift.\n\n## Decision\n\nMerge them.\n")
    assert rec.fields["status"] == "accepted"


def test_inactive_is_not_active():
    rec = one("# ADR-11: One repository\n\nStatus: inactive draft\n\n## Context\n\nTwo repos drift.\n\n## Decision\n\nMerge them.\n")
    assert rec.fields["status"] == "proposed"


_QUEUE = "# ADR-9: Queue\n\nStatus: Accepted\n\n{}\n\n## Context\n\nJobs pile up.\n\n## Decision\n\nUse SQS.\n"


def test_supersedes_told_in_other_languages():
    for line in ("Diese Entscheidung ersetzt ADR-3.", "Cette décision remplace l'ADR-3.", "Esta decisión reemplaza el ADR-3.",
                 "本决策取代 ADR-3。", "이 결정은 ADR-3을 대체한다.", "本ADRはADR-3を置き換える。"):
        rec = one(_QUEUE.format(line))
        assert rec.fields["supersedes"] == ["ADR-3"], line
        assert rec.fields["superseded_by"] == [], line


def test_superseded_by_told_in_other_languages():
    for line in ("Ersetzt durch ADR-12.", "Remplacée par l'ADR-12.", "Substituída por ADR-12.", "已被 ADR-12 取代。", "ADR-12로 대체됨",
                 "ADR-12 により置き換えられた。"):
        rec = one(_QUEUE.format(line))
        assert rec.fields["superseded_by"] == ["ADR-12"], line
        assert rec.fields["supersedes"] == [], line


def test_replacing_something_that_is_not_a_record_links_nothing():
    rec = one(_QUEUE.format("Cette décision remplace le script manuel."))
    assert rec.fields["supersedes"] == []


def test_deciders_lines_in_more_languages():
    for key in ("Beteiligte", "참여자", "参与人"):
        rec = one(f"# ADR-9: Queue\n\nStatus: Accepted\n{key}: Ana, Bo\n\n## Context\n\nx\n\n## Decision\n\nUse SQS.\n")
        assert rec.fields["deciders"] == ["Ana", "Bo"], key


def test_choice_told_in_prose_in_other_languages_marks_the_option():
    for text in ("Se elige SQS porque es gestionado; Kafka sería demasiado.", "Wir haben uns für SQS entschieden, Kafka ist zu schwer.",
                 "Escolhemos SQS pois é gerenciado; Kafka não.", "Kafka 대신 SQS를 채택한다.", "Kafka ではなく SQS を採用する。",
                 "不用 Kafka，选择 SQS，因为它是托管的。"):
        rec = one("# ADR-9: Queue\n\n## Options\n\n- RabbitMQ\n- SQS\n- Kafka\n\n## Decision\n\n" + text + "\n")
        chosen = [o["name"] for o in rec.fields["options"] if o["outcome"] == "chosen"]
        assert chosen == ["SQS"], text


# --- runbooks ---


def test_goal_section_is_the_overview():
    rec = one("# Runbook: Disk almost full\n\n## Goal\nFree space on the data disk before writes fail.\n\n"
              "## Procedure\n1. Find the biggest folders\n2. Delete old dumps\n   ```bash\n   rm /data/dumps/*.old\n   ```\n")
    assert rec.fields["overview"].startswith("Free space on the data disk")
    assert len(rec.fields["steps"]) == 2


def test_numbered_headings_are_the_steps_and_their_lists_their_detail():
    rec = one("# Restore the database\n\nThis runbook covers:\n\n1. getting credentials\n2. restoring\n\n"
              "## 1. Get credentials\n\n1. Ask for the vault token\n2. Export it\n\n```bash\nexport VAULT_TOKEN=x\n```\n\n"
              "## 2. Restore\n\n1. Stop the app\n2. Run the restore\n\n```bash\npg_restore -d app dump.sql\n```\n\n"
              "## 3. Check\n\nCount the rows.\n\n## 4. Stop conditions\n\nStop when the dump is older than a day.\n")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Get credentials", "Restore", "Check", "Stop conditions"]
    assert steps[1]["commands"] == ["pg_restore -d app dump.sql"]
    assert "Ask for the vault token" in steps[0]["text"]


def test_outline_numbers_under_phase_headings_are_steps():
    rec = one("# Runbook: losing a data centre\n\n## Phase 1: Assess\n\n### 1.1 Find which site is down\n\nPing both sites.\n\n"
              "### 1.2 Check replication\n\n```bash\n./check-replication.sh --all\n```\n\n"
              "## Phase 2: Act\n\n### 2.1 Fail over\n\nMove traffic to the other site.\n\n"
              "### 2.2 Daily checklist\n\nRun every morning while the site is down.\n\n```bash\n./daily.sh\n```\n")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Find which site is down", "Check replication", "Fail over", "Daily checklist"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4]
    assert steps[1]["commands"] == ["./check-replication.sh --all"]


def test_numbered_field_sections_are_not_an_outline():
    rec = one("# Rotate the key\n\n## 1. Overview\n\nThe signing key is rotated every year.\n\n## 2. Prerequisites\n\n- admin access\n\n"
              "## 3. Procedure\n\n1. Create the new key\n2. Publish it\n3. Retire the old key\n\n## 4. Rollback\n\nPublish the old key again.\n")
    assert [s["title"] for s in rec.fields["steps"]] == ["Create the new key", "Publish it", "Retire the old key"]
    assert rec.fields["overview"].startswith("The signing key")


def test_steps_as_rows_of_a_table_with_a_command_column():
    rec = one("# Runbook: Rotate the TLS certificate\n\n## Steps\n\n| Step | Action | Command |\n|---|---|---|\n"
              "| 1 | Issue the new certificate | `certbot certonly -d example.org` |\n| 2 | Reload the proxy | `sudo systemctl reload nginx` |\n"
              "| 3 | Check the expiry date | `openssl x509 -enddate -noout -in cert.pem` |\n")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Issue the new certificate", "Reload the proxy", "Check the expiry date"]
    assert steps[1]["commands"] == ["sudo systemctl reload nginx"]


def test_a_table_without_a_step_or_command_column_is_not_steps():
    rec = one("# Runbook: Disk full\n\n## Procedure\n\n| Disk | Action |\n|---|---|\n| data | grow it |\n| logs | rotate them |\n\n"
              "1. Find the full disk\n2. Act on it\n")
    assert [s["title"] for s in rec.fields["steps"]] == ["Find the full disk", "Act on it"]


def test_bold_lead_steps_own_the_command_under_them():
    rec = one("# Runbook: 인증서 갱신\n\n## 절차\n\n**1단계: 인증서 발급**\n\n`certbot renew`\n\n**2단계: 재시작**\n\n"
              "`sudo systemctl restart nginx`\n")
    steps = rec.fields["steps"]
    assert [(s["number"], s["title"], s["commands"]) for s in steps] == [
        (1, "인증서 발급", ["certbot renew"]), (2, "재시작", ["sudo systemctl restart nginx"])]


def test_step_words_in_other_languages_leave_the_title_clean():
    rec = one("# Procédure : base pleine\n\n## Procédure\n\n### Étape 1 : vérifier l'espace\n\n`df -h /var/lib/postgresql`\n\n"
              "### Étape 2 : purger les journaux\n\n`sudo journalctl --vacuum-size=500M`\n")
    assert [s["title"] for s in rec.fields["steps"]] == ["vérifier l'espace", "purger les journaux"]


def test_prerequisites_key_line_under_the_title():
    rec = one("# Runbook: queue backlog\n\nPrerequisites: access to the admin console.\n\n"
              "1. Look at the depth: `rabbitmqctl list_queues`\n2. Add consumers: `kubectl scale deploy/worker --replicas=10`\n")
    assert rec.fields["prerequisites"] == ["access to the admin console."]
    assert not rec.fields["overview"].startswith("Prerequisites")


def test_german_rollback_heading():
    rec = one("# Runbook: Redis voll\n\n## Schritte\n\n1) Speicher prüfen: `redis-cli info memory`\n2) Schlüssel löschen\n\n"
              "## Rückfallplan\n\nSnapshot zurückspielen: `redis-cli --rdb /backup/dump.rdb`\n")
    assert rec.fields["rollback_commands"] == ["redis-cli --rdb /backup/dump.rdb"]


def test_field_headings_in_more_languages():
    rec = one("# Runbook: Platte voll\n\n## Vorbedingungen\n\n- VPN-Zugang\n\n## Schritte\n\n1. `df -h` ausführen\n2. Logs löschen\n\n"
              "## Eskalationspfad\n\nBereitschaft: +49 30 1234\n")
    assert rec.fields["prerequisites"] == ["VPN-Zugang"]
    assert rec.fields["escalation"] == ["Bereitschaft: +49 30 1234"]
    rec = one("# 磁盘满处理\n\n## 准备\n\n- root 权限\n\n## 步骤\n\n1. 执行 `df -h`\n2. 清理日志\n\n## 应急联系人\n\n- 运维值班：ops@example.com\n")
    assert rec.fields["prerequisites"] == ["root 权限"] and rec.fields["escalation"] == ["运维值班：ops@example.com"]
    rec = one("# Runbook: disk full\n\n## Steps\n\n1. Run `df -h`\n2. Delete logs\n\n## Backout plan\n\nRestore the logs from the backup.\n")
    assert rec.fields["rollback"] == "Restore the logs from the backup."
