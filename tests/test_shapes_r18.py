"""Shapes from the eighteenth round: a record's metadata under its own "Metadata" heading; a day-first date under a
day-first language's label; a line labelled with the outage's length in another language; Korean question endings
("…인지", "…려면"); "who" answered by a name that did the act; a severity asked of notes that state none; "why
didn't they just use X" and "¿por qué se descartó X?" asking what was against X. The notes are ours."""

from __future__ import annotations

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from test_unseen_shapes import one

GEO_ADR_PT = """# Uso de biblioteca para cálculo de distâncias

###### Metadados do Registro

Data do Registro: 03/11/2025 | Status: Aceito

## Contexto

Precisamos calcular a distância entre usuários e pontos de encontro.

## Decisão

Adotar uma biblioteca de geodésia mantida pela comunidade.

## Alternativas descartadas

- **Cálculo manual:** mais erros e manutenção própria
- **API paga:** custo por requisição e dependência de rede
"""

OUTAGE_LOG_KO = """# 서비스 장애 기록

## 2025년 9월 12일 새벽 이미지 서버 장애

- 지속: 2시간 14분
- 내용: 이미지 요청이 30초 제한을 넘겨 실패
- 영향: `/api/images` 502 응답
- 해결: 외부 호출마다 5초 timeout 적용

## 2025년 9월 20일 캐시 장애

- 지속: 12분
- 내용: 캐시 노드 재시작
"""

DISK_PM = """# 2025-02-08 storage node full

## What happened

On Saturday the backup volume on store2 reached 100% and the wiki went read-only. We are at 99% disk full on store2.

## Clean-up

Priya removed two stale replication snapshots, which freed 310G.
Later Tomasz deleted the old export directory.
"""

CASCADE_RUNBOOK_KO = """# 클러스터 장애 대응

## 점검 명령

```bash
# 노드 상태 확인
kubectl get nodes -o wide
# API 서버가 실제로 과부하인지 확인
kubectl -n kube-system top pod -l component=kube-apiserver
```
"""

QUEUE_ADR = """# ADR-021: Mark job priority with separate queues

## Status

Accepted

## Context

Urgent and batch jobs share one queue and urgent ones wait behind long batches.

## Decision

Run one queue per priority class.

## Considered options

### Option 1: Separate queues

- Good, because urgent jobs never wait behind batches

### Option 2: Priority labels on messages

- Bad, because labels are invisible in the dashboard
- Bad, because consumers still read in arrival order
"""


def test_metadata_under_its_own_heading_gives_the_status_and_a_day_first_date():
    f = one(GEO_ADR_PT, "adr-geo.md").fields
    assert f["status"] == "accepted"
    assert f["date"] == "2025-11-03"  # "Data do Registro": Portuguese writes the day first


def test_a_line_labelled_with_the_outages_length_answers_how_long(notes_wiki_of):
    w = notes_wiki_of({"outage-log.md": OUTAGE_LOG_KO})
    a = ask(w, "How long were image requests failing in the early-morning September 12 outage?")
    assert a.found and "2시간 14분" in a.answer.split("[1]")[0], a.answer


def test_korean_question_endings_and_fillers_are_not_the_subject(notes_wiki_of):
    subject = analyse("장애 중에 API 서버가 진짜 과부하인지 보려면 어떤 명령을 돌려야 하나요?").question.subject
    assert "과부하" in subject and not {"중에", "진짜", "과부하인지", "보려면", "하나요"} & set(subject)
    w = notes_wiki_of({"cascade.md": CASCADE_RUNBOOK_KO})
    a = ask(w, "장애 중에 API 서버가 진짜 과부하인지 보려면 어떤 명령을 돌려야 하나요?")
    assert a.found and "component=kube-apiserver" in a.answer, a.answer


def test_who_is_answered_by_the_name_that_did_the_act(notes_wiki_of):
    w = notes_wiki_of({"2025-02-08-store2-full.md": DISK_PM})
    a = ask(w, "Who deleted the stale replication snapshots during the store2 clean-up?")
    assert a.found and "Priya" in a.answer.split("[1]")[0], a.answer


def test_a_severity_the_notes_never_state_is_not_found(notes_wiki_of):
    w = notes_wiki_of({"2025-02-08-store2-full.md": DISK_PM})
    a = ask(w, "What severity level was the store2 disk-full outage given?")
    assert not a.found, a.answer


def test_why_didnt_they_just_use_asks_what_was_against_the_option(notes_wiki_of):
    a = analyse("Why didn't they just use priority labels on messages?")
    assert "rejected" in a.intents and "drawback" in a.answer_types
    w = notes_wiki_of({"adr-021-queues.md": QUEUE_ADR})
    ans = ask(w, "Why didn't they just use priority labels on messages?")
    assert ans.found and "invisible in the dashboard" in ans.answer.split("[1]")[0], ans.answer


def test_why_was_it_discarded_in_spanish_asks_what_was_against_it(notes_wiki_of):
    a = analyse("¿Por qué se descartó la API paga?")
    assert "rejected" in a.intents and "como" not in analyse("¿Por qué se descartó X como base?").question.subject
    w = notes_wiki_of({"adr-geo.md": GEO_ADR_PT})
    ans = ask(w, "¿Por qué se descartó la API paga para calcular distancias?")
    assert ans.found and "custo por requisição" in ans.answer.split("[1]")[0], ans.answer


VOLUME_RUNBOOK_ZH = """# 删除存储卷

## 查找存储卷的 UUID

客户端的 `info` 命令可以查看存储卷的详细信息：

```shell
$ volctl info redis://10.0.0.5:6379
```

## 删除存储卷

```shell
$ volctl remove redis://10.0.0.5:6379 5c1d2e
```

如果删除时出现下面的错误：

```
FATAL: 2 clients are connected, please disconnect them first
```

如果收到类似上面的错误提示，说明还有客户端没有卸载，请先卸载所有挂载点再重试。
"""

PXE_RUNBOOK_FR = """# Serveur PXE

## Installation

1. Installer dnsmasq.
2. Copier la configuration.

## Vérifier que le port 69 (TFTP) écoute

```bash
sudo ss -anu | grep :69
```
"""

def test_an_error_block_is_answered_with_the_sentence_that_explains_it(notes_wiki_of):
    w = notes_wiki_of({"volume-remove.md": VOLUME_RUNBOOK_ZH})
    a = ask(w, "The remove command dies saying clients are still connected — what do I have to do before retrying?")
    assert a.found and "卸载" in a.answer, a.answer
    assert "prerequisites" in analyse("Which ports have to be open on the server before imaging will work?").intents


def test_how_can_i_confirm_it_is_listening_asks_for_the_check(notes_wiki_of):
    a = analyse("After setting up dnsmasq, how can I confirm TFTP is actually listening?")
    assert "verify" in a.intents and a.answer_types[:1] == ["verify"]
    w = notes_wiki_of({"pxe.md": PXE_RUNBOOK_FR})
    ans = ask(w, "After setting up dnsmasq, how can I confirm TFTP is actually listening?")
    assert ans.found and "ss -anu" in ans.answer, ans.answer


def test_a_purpose_clause_in_korean_is_a_reason():
    from lorebook.query.analysis import shape_match
    assert shape_match(["reason"], "과부하된 CNI 경로를 우회하도록 수집기에 `hostNetwork: true`를 적용했다.")


CASCADE_PM_KO = """# 스토리지 연쇄 장애

## 타임라인

**2026-03-02 — 캐시 노드 과부하**
- 요청이 몰려 캐시 노드가 느려졌다.

**2026-03-03 — 네트워크 설정 변경**
- MTU를 조정했다.

**2026-03-04 — Ceph 전체 재구축**
- OSD를 모두 다시 만들었다.
"""

WIKI_DOWN_PM = """# 2025-06-01 wiki host down

## Alert

On 2025-06-01 09h12 someone told us on the chat that wiki.example.org was down.

## Mitigation

Dana removed old snapshots and restarted the proxy.

## Lessons learned

**DONE**: Dana added the wiki to the monitored sites.

**TODO** a disk-space exporter that alerts before the pool is full.

**DOING** the nightly import should check free space before it starts.
"""

DESTROY_ZH = """---
title: 清理存储卷
---

客户端提供了 `purge` 命令用以清理一个存储卷。

## 查找存储卷的 UUID

```shell
volctl info redis://10.0.0.5:6379
```

## 清理存储卷

```shell
volctl purge redis://10.0.0.5:6379 5c1d2e
```

## 常见错误

```
2024/03/01 10:00:00.000001 volctl[123] <FATAL>: 1 sessions are active, please disconnect them first
```

如果收到类似上面的错误提示，请先卸载所有挂载点。
"""


def test_dated_bold_lines_under_a_timeline_are_its_entries():
    tl = one(CASCADE_PM_KO, "cascade.md").fields["timeline"]
    assert [e["time"] for e in tl] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert tl[2]["event"] == "Ceph 전체 재구축"


def test_status_led_paragraphs_are_action_items_and_an_alert_section_is_the_detection():
    f = one(WIKI_DOWN_PM, "2025-06-01-wiki-down.md").fields
    assert [a["status"] for a in f["action_items"]] == ["done", "open", "open"]
    assert "disk-space exporter" in f["action_items"][1]["text"]
    assert "told us on the chat" in f["detection"]


def test_a_title_naming_one_operation_over_commands_is_a_runbook_and_a_log_is_no_command():
    rec = one(DESTROY_ZH, "purge-zh.md")
    assert rec.kind == "runbook"
    cmds = [c for s in rec.fields["steps"] for c in s["commands"]]
    assert any("volctl purge" in c for c in cmds) and not any("<FATAL>" in c for c in cmds)


def test_a_command_that_fails_is_not_a_question_for_a_command():
    a = analyse("The purge command dies saying one session is still active — what do I have to do before retrying?")
    assert "command" not in a.answer_types and "prerequisites" in a.intents
    assert analyse("What command purges a volume?").answer_types[:1] == ["command"]


RESET_RUNBOOK = """# Node reset

!!! abstract "Part of: cluster setup"
    **Reference — teardown and reset** — covers a full node teardown.

    **Prerequisite:** the node was bootstrapped with kubeadm.

## Reset the node

```bash
sudo kubeadm reset -f
```

:::danger Destructive
Back up etcd before you run the reset.
:::

**Verify after manual cleanup:**

```bash
ip link | grep cali   # should return nothing
```
"""


def test_admonition_boxes_are_prose_not_code():
    from lorebook.sources.markdown import parse
    from lorebook.sources.reader import source_from_text
    root = parse(source_from_text("reset.md", RESET_RUNBOOK)).root
    kinds = [(b.kind, b.text[:20]) for b in root.all_blocks()]
    assert not any(k == "code" and "Prerequisite" in t for k, t in kinds)
    assert any(k == "paragraph" and t.startswith("Back up etcd") for k, t in kinds)
    assert one(RESET_RUNBOOK, "reset.md").fields["prerequisites"] == ["the node was bootstrapped with kubeadm."]


def test_checking_nothing_is_left_behind_asks_for_the_check_and_look_up_asks_for_a_command():
    a = analyse("After cleaning out Calico by hand, how do I check nothing of it is left behind?")
    assert "verify" in a.intents and a.answer_types[:1] == ["verify"]
    assert analyse("How do I look up the UUID of a volume?").answer_types[:1] == ["command"]


def test_a_pasted_log_is_no_command_for_a_command_question():
    from lorebook.query.analysis import shape_match
    assert not shape_match(["command"], "2022/01/26 21:52:17.488987 volctl[31518] <INFO>: Meta address: redis://x", "code")
    assert shape_match(["command"], "$ volctl info redis://10.0.0.5:6379", "code")


def test_a_log_of_outages_told_as_labelled_items_is_an_incident():
    log = ("# 기록\n\n## 장애\n\n#### 2025-08-01 14:00 ~ 14:20\n\n- 지속: 20분\n- 내용: 503 응답\n"
           "- 영향: `/api/items` 실패\n- 원인: 커넥션 풀 고갈\n- 해결: 풀 크기 조정\n")
    assert one(log, "log.md").kind == "incident"


def test_a_runbooks_overview_from_the_part_named_after_it_and_past_a_table_only_section():
    fog = ("# PXE - Installation\n\n### 🧩 PXE server\n**PXE** sert à déployer des images système par le réseau.\n\n"
           "### 🎯 À quoi ça sert ?\n- Installer rapidement plusieurs PC\n\n## Étapes\n\n1. Installer dnsmasq.\n2. Redémarrer.\n")
    assert "déployer des images" in one(fog, "pxe.md").fields["overview"]
    reset = ("# Node reset\n\nTwo scripts handle cleanup: a full teardown and a CNI removal.\n\n## When to use each script\n\n"
             "| Scenario | Script |\n|---|---|\n| Rebuild | `reset.sh` |\n\n## Steps\n\n1. Run `reset.sh`.\n2. Reboot.\n")
    assert "full teardown" in one(reset, "reset.md").fields["overview"]


def test_a_consequences_table_with_sided_rows_gives_both_sides():
    adr = ("# Usar biblioteca de mapas\n\n## Contexto\n\nPrecisamos de mapas.\n\n## Decisão\n\nAdotar a biblioteca X.\n\n"
           "| Consequências | Detalhes |\n| :-- | :-- |\n| **Positivas** | Menos código próprio. |\n"
           "| **Negativas** | Dependência externa a manter. |\n")
    c = one(adr, "adr-mapas.md").fields["consequences"]
    assert c["positive"] == ["Menos código próprio."] and c["negative"] == ["Dependência externa a manter."]


def test_a_step_that_says_roll_back_over_its_commands_is_the_rollback():
    rb = ("# Mini runbook\n\n## Sintomo: test rossi su main\n\n1. **Sync e diagnostica**:\n   ```bash\n   git pull\n   ```\n\n"
          "2. **Se urgente, rollback**:\n   ```bash\n   git revert <sha>\n   git push origin main\n   ```\n")
    f = one(rb, "mini-runbook.md").fields
    assert "rollback" in f["rollback"] and any("git revert" in c for c in f["rollback_commands"])


def test_a_length_in_days_told_in_korean_is_the_duration():
    pm = "# 스토리지 연쇄 장애\n\n## Summary\n3일 동안 네트워크와 스토리지 문제가 연쇄적으로 이어졌다.\n\n## 원인\n\nMTU 불일치.\n"
    f = one(pm, "cascade.md").fields
    assert f["duration_minutes"] == 3 * 24 * 60 and f["duration_source"] == "stated"


def test_a_pictures_alt_text_is_no_sentence_of_the_notes(notes_wiki_of):
    from lorebook.sources.sentences import readable
    assert readable('![Evolution of disk space over the week](./media/disk.png "Evolution of disk space")') == ""
    assert readable("See [the dashboard](https://grafana) for disk space.") == "See the dashboard for disk space."


def test_what_to_do_before_asked_in_other_languages_is_a_prerequisite():
    for q in ("销毁文件系统之前一定要先做什么？", "Avant de supprimer le volume, que faut-il faire ?",
              "¿Qué hay que hacer antes de borrar el volumen?", "삭제 전에 먼저 해야 할 일은?"):
        assert "prerequisites" in analyse(q).intents, q
    assert not {"一定", "先做"} & set(analyse("销毁文件系统之前一定要先做什么？").question.subject)


def test_a_common_errors_section_is_a_caveat_not_a_step():
    rb = ("# 清理存储卷\n\n## 查找 UUID\n\n```shell\nvolctl info redis://x\n```\n\n## 清理\n\n```shell\nvolctl purge redis://x 5c1d\n```\n\n"
          "## 常见错误\n\n如果收到会话仍然活跃的错误，请先卸载所有挂载点。\n")
    f = one(rb, "purge.md").fields
    assert [s["title"] for s in f["steps"]] == ["查找 UUID", "清理"]
    assert any("卸载所有挂载点" in c for c in f["caveats"])


def test_bold_step_leads_outrank_a_longer_unlabelled_list():
    rb = ("# Runbook: node reset\n\n## Full reset\n\n**Step 1 — Stop kubelet:**\n\nkubelet stops first.\n\n"
          "**Step 2 — `kubeadm reset -f`:**\n\nThe authoritative cleanup.\n\n```bash\nsudo kubeadm reset -f\n```\n\n"
          "**Step 3 — Stop containerd:**\n\n```bash\nsudo systemctl stop containerd\n```\n\n"
          "## CNI removal\n\n1. Scale the operator to 0\n2. Remove finalizers\n3. Delete resources\n4. Delete CRDs\n5. Delete namespaces\n")
    steps = one(rb, "reset.md").fields["steps"]
    assert [s["title"] for s in steps][0] == "Stop kubelet" and len(steps) == 3
    assert any("kubeadm reset -f" in c for s in steps for c in s["commands"])


MODES_ADR = """# Scenario-Based Approach: Replacing Mode System with Dedicated Scenarios

- Status: accepted
- Date: 2025-10-09
- Supersedes: [20251006-mode-system.md](20251006-mode-system.md)

## Context and Problem Statement

The mode system added a dimension to every benchmark scenario.

## Decision Outcome

Chosen option: dedicated scenarios.

## Links

- Supersedes: ADR 20251006: Base/Open Mode System
"""

DB_ADR_ES = """# ADR-010: Estándar para Bases de Datos

## Estado

Aceptada

## Contexto

Los escenarios de datos basados en varios motores complican la operación.

## Decisión

Se selecciona PostgreSQL.
"""


def test_still_in_force_is_the_named_records_own_status(notes_wiki_of):
    w = notes_wiki_of({"scenario-based-approach.md": MODES_ADR, "adr-010-base-datos.md": DB_ADR_ES})
    a = ask(w, "Is the Scenario-Based Approach ADR still in force?")
    assert a.found and "accepted" in a.answer.split("[1]")[0] and "Scenario-Based" in a.answer.split("[1]")[0], a.answer


def test_when_should_i_use_asks_a_condition_and_when_names_no_page():
    subject = analyse("When should I use the PXE runbook?").question.subject
    assert "when" not in subject and "pxe" in subject
    assert "when" in analyse("When did the March outage start?").question.subject or \
        analyse("When did the March outage start?").answer_types[:1] == ["date"]
