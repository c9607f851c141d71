"""Shapes of the thirty-second round: the reasons a "Why not X:" paragraph gives, MADR's French headings, causes
told as "was due to" in other languages, who first noticed, prerequisites introduced by a lead-in in any language,
a command given by its path, who a heading says a line names, and one borrowed word spelt per language."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.extract import decision, incident, runbook
from lorebook.pipeline import ingest
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask, covers
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def _record(module, text: str, name: str = "raw/note.md"):
    src = source_from_text(name, text)
    return module.extract(documents(src)[0])


# --- "Why not X:" gives X's reasons ---

BROKER_ADR = """# ADR-0007: Broker de mensagens para o faturamento

## Status

Aceito

## Opções consideradas

1. **Chamadas HTTP síncronas** entre os serviços
2. **NATS** (mensageria leve)
3. **Apache Pulsar** (log distribuído)

## Decisão

Usaremos **NATS** com JetStream.

**Por que não Pulsar:** exige ZooKeeper e BookKeeper, um custo operacional alto para dezenas de eventos por segundo.

**Por que não HTTP:** a chamada síncrona acopla a disponibilidade dos dois serviços.
"""


def test_a_why_not_paragraph_gives_the_named_options_reasons_and_rejects_it():
    rec = _record(decision, BROKER_ADR, "raw/adr-0007.md")
    opts = {o["name"]: o for o in rec.fields["options"]}
    pulsar = opts["Apache Pulsar"]
    assert pulsar["outcome"] == "rejected"
    assert any("ZooKeeper" in r for r in pulsar["reasons"])
    http = opts["Chamadas HTTP síncronas"]
    assert http["outcome"] == "rejected" and any("acopla" in r for r in http["reasons"])
    assert opts["NATS"]["outcome"] != "rejected"


def test_a_why_not_heading_with_no_options_listed_names_a_rejected_option():
    text = """# Use SQLite for the desktop cache

## Decision

We store the cache in SQLite.

## Why not LevelDB?

Its bindings for our runtime are unmaintained and it offers no SQL for the reports.
"""
    rec = _record(decision, text, "raw/adr-cache.md")
    opts = {o["name"]: o for o in rec.fields["options"]}
    assert opts["LevelDB"]["outcome"] == "rejected"
    assert any("unmaintained" in r for r in opts["LevelDB"]["reasons"])


def test_a_why_not_naming_no_listed_option_adds_none():
    text = BROKER_ADR + "\n**Por que não um monólito:** não se aplica aqui.\n"
    rec = _record(decision, text, "raw/adr-0007.md")
    assert len(rec.fields["options"]) == 3


# --- MADR's French headings ---

MADR_FR = """# Journalisation structurée avec un widget Logger

* Statut : accepté
* Décideurs : Claire, Malik

## Contexte

Chaque écran écrit ses propres traces.

## Solutions Étudiées

* Création d'un widget `Logger` pour composer
* Héritage d'une classe de base

## Résultat de la Décision

Solution retenue: "Création d'un widget `Logger` pour composer", car elle supprime la duplication.

### Impacts Positifs

* On découple les écrans de l'outil de traces.
"""


def test_madr_french_studied_solutions_retained_solution_and_positive_impacts():
    rec = _record(decision, MADR_FR, "raw/adr-logger.md")
    opts = {o["name"]: o["outcome"] for o in rec.fields["options"]}
    assert opts == {"Création d'un widget Logger pour composer": "chosen", "Héritage d'une classe de base": "considered"}
    assert any("découple" in c for c in rec.fields["consequences"]["positive"])


# --- a cause told as "was due to", in other languages ---


@pytest.mark.parametrize("line, said", [
    ("今回の障害はディスクコントローラの故障によるものです。現在、全サービスが復旧しています。", "ディスクコントローラ"),
    ("La panne est due à un certificat expiré sur le répartiteur. Le service est revenu à 11h.", "certificat expiré"),
    ("La caída se debió a una migración que bloqueó la tabla de pedidos. Se revirtió a las 10:40.", "migración"),
    ("Der Ausfall war auf einen vollen Datenträger zurückzuführen. Danach lief alles wieder.", "vollen Datenträger"),
])
def test_a_cause_told_as_due_to_in_the_notes_language_is_the_root_cause(line, said):
    text = f"# Outage of the billing API\n\n## Summary\n\n{line}\n\n## Timeline\n\n- 10:00 alert fired\n- 10:40 recovered\n"
    rec = _record(incident, text, "raw/outage.md")
    assert said in rec.fields["root_cause"]
    assert "復旧" not in rec.fields["root_cause"] and "revenu" not in rec.fields["root_cause"]  # the next sentence is not the cause


def test_who_first_noticed_in_a_story_is_the_detection():
    story = ["## Background", ""] + [f"Paragraph {i} of background about the queue workers and their limits." for i in range(14)]
    text = "\n\n".join(["# Postmortem: the federation backlog", *story,
                        "## Something is wrong",
                        "It started on Monday evening. It was my co-admin, Priya who first noticed that timelines were lagging.",
                        "## The fix", "We doubled the workers."])
    rec = _record(incident, text, "raw/backlog.md")
    assert "Priya who first noticed" in rec.fields["detection"]


# --- prerequisites introduced by a lead-in, in any language ---


def test_a_chinese_lead_in_that_says_conditions_must_hold_introduces_the_prerequisites():
    text = """# 数据导入

要导入数据，节点必须处于运行状态，并且需要满足以下条件：

- 只能在核心节点上进行导入。
- 数据文件不能被重命名。

## 步骤

1. 执行 `emqx ctl data import backup.tar.gz`。
2. 检查日志。
"""
    rec = _record(runbook, text, "raw/import.md")
    assert len(rec.fields["prerequisites"]) == 2 and "核心节点" in rec.fields["prerequisites"][0]


def test_what_a_runbook_says_it_presupposes_is_a_prerequisite():
    text = """# Router retten

Diese Anleitung ist für erfahrene Personen gedacht.
Kenntnisse im Umgang mit Telnet und einer Linux-Shell werden vorausgesetzt.

## Den SSH-Server starten

Dies geschieht mit `/etc/init.d/dropbear start`.
"""
    rec = _record(runbook, text, "raw/router.md")
    assert any("Telnet" in p for p in rec.fields["prerequisites"])
    commands = [c["command"] for c in rec.fields["other_commands"]] + [c for s in rec.fields["steps"] for c in s.get("commands", [])]
    assert "/etc/init.d/dropbear start" in commands


# --- asking ---


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("r32")
    notes = root / "notes"
    notes.mkdir()
    (notes / "queue-purge-log.md").write_text("""# Queue Purge Log

## Date

2025-11-02 09:10 UTC

## Reason

The export worker failed on a missing module and 412 messages piled up in the dead-letter queue.

## Handled by

Sam Okafor
""", encoding="utf-8")
    (notes / "router-rescue.md").write_text("""# Router retten

Diese Anleitung ist für Notfälle gedacht.

## Den SSH-Server starten

Da dieser Modus nur die nötigsten Dienste bietet, ist der SSH-Server manuell zu starten.
Dies geschieht mit `/etc/init.d/dropbear start`.

## Ein neues Image flashen

Nachdem der SSH-Server gestartet wurde, kann das Image per SCP nach `/tmp` gelegt werden.
""", encoding="utf-8")
    (notes / "adr-0003-billing-broker.md").write_text(BROKER_ADR.replace("ADR-0007", "ADR-0003"), encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_a_name_alone_under_a_heading_that_labels_who_answers_who(wiki):
    a = ask(wiki, "Who handled the queue purge?")
    assert a.found and "Sam Okafor" in a.answer


def test_a_german_how_do_i_asks_for_what_to_run(wiki):
    assert analyse("Wie starte ich den SSH-Server im Notfall?").answer_types[:1] == ["command"]
    a = ask(wiki, "Wie starte ich den SSH-Server auf dem Router?")
    assert "dropbear start" in a.answer


def test_the_why_not_reasons_answer_why_an_option_lost(wiki):
    a = ask(wiki, "Why did we turn down Pulsar for the billing broker?")
    assert "ZooKeeper" in a.answer


@pytest.mark.parametrize("q", ["Qui a pris la décision d'adopter NATS ?", "¿Quién tomó la decisión de usar NATS?",
                               "Chi ha preso la decisione di usare NATS?"])
def test_who_took_the_decision_asks_for_the_deciders(q):
    assert "deciders" in analyse(q).intents


@pytest.mark.parametrize("word, text", [("synchronous", "Chamadas HTTP síncronas entre os serviços"),
                                        ("architecture", "Die Architektur des Systems"), ("technical", "el equipo técnico"),
                                        ("physical", "le serveur physique de secours")])
def test_a_borrowed_word_is_found_as_another_language_spells_it(word, text):
    assert covers(text, word)


@pytest.mark.parametrize("word, text", [("priority", "the job runs after lunch"), ("account", "un accord signé")])
def test_short_or_unrelated_words_do_not_meet_by_spelling(word, text):
    assert not covers(text, word)


# --- an incident's reason, the list a lead-in introduces, checks named for what they check ---


def test_an_incident_logs_reason_heading_is_its_root_cause():
    text = """# Dead-letter purge log

## Date

2025-11-02 09:10 UTC

## Reason

The export worker failed on a missing module and 412 messages piled up in the dead-letter queue.

## Fix

1. Rebuilt the package with the module.
"""
    rec = _record(incident, text, "raw/purge.md")
    assert "missing module" in rec.fields["root_cause"]


def test_an_impact_sentence_that_says_as_follows_brings_its_list():
    text = """# ミラーサーバーの障害報告

ミラーサーバーに障害が発生したため、いくつかのサービスが停止しています。影響範囲は以下の通りです。

 * メーリングリスト全てが停止しています。
 * パッケージが取得不能となっています。

現在、バックアップから復旧しています。
"""
    rec = _record(incident, text, "raw/mirror.md")
    assert "メーリングリスト" in rec.fields["impact"] and "パッケージ" in rec.fields["impact"]


def test_a_step_named_health_check_and_a_post_upgrade_checklist_are_the_verification():
    deploy = """# 本番デプロイ手順

## 手順

### 1. ビルド

```bash
make build
```

### 2. デプロイ実行

```bash
make deploy
```

### 3. ヘルスチェック

```bash
curl https://api.example.com/health
```
"""
    rec = _record(runbook, deploy, "raw/deploy.md")
    assert any("/health" in v for v in rec.fields["verification"])
    upgrade = """# Upgrade the cluster

## Upgrade

### 1. Drain

```bash
kubectl drain node-1
```

### 2. Upgrade

```bash
talosctl upgrade -n node-1
```

## Checklist post-upgrade

- [ ] Nodes Ready
- [ ] Pods Running
"""
    rec = _record(runbook, upgrade, "raw/upgrade.md")
    assert rec.fields["verification"][:2] == ["Nodes Ready", "Pods Running"]
    assert [s["title"] for s in rec.fields["steps"]][:2] == ["Drain", "Upgrade"]


# --- an opening that states the day and the severity, lengths written "~11h", options named in a row ---


def test_an_opening_quote_gives_the_incident_day_its_severity_and_a_length_written_11h():
    text = """# Post-mortem — correo saliente caído por relay no persistido

> Incidente real en producción (servidor `mail-01`, 2026-05-14). Detectado porque un correo no llegó.
> Severidad: ALTA (todo el envío externo caído).

## Impacto

Durante ~9h el servidor no entregó ningún correo a dominios externos.

## Causa raíz

El relay estaba configurado a mano y se perdió al reiniciar el contenedor.
"""
    rec = _record(incident, text, "raw/relay.md")
    assert rec.fields["date"] == "2026-05-14"
    assert rec.fields["severity"].lower() == "alta"
    assert rec.fields["duration_minutes"] == 540


def test_a_decision_log_names_its_deciders_responsible_and_its_viable_options():
    text = """---
type: decision
title: Tool for specifying REST APIs
status: agreed
responsible: abc;xyz
---

## Viable Options

### Postman
documents the API lifecycle

### Swagger
an editor with auto-completion

## Conclusion

We use Swagger.
"""
    rec = _record(decision, text, "raw/rest-spec.md")
    assert rec.fields["deciders"] == ["abc", "xyz"]
    assert [o["name"] for o in rec.fields["options"]] == ["Postman", "Swagger"]


def test_alternatives_named_in_a_row_are_options_sharing_the_case_against_them():
    text = """# ADR 0009: Statische Seite mit Edge-Funktionen

- **Status:** Angenommen

## Entscheidung

Wir bauen eine statische Seite mit Edge-Funktionen.

## Erwogene Alternativen

Eigenes Express-Backend, Next.js oder eine reine Client-App. Sie erhöhen den Betriebsaufwand.
"""
    rec = _record(decision, text, "raw/adr-0009.md")
    names = [o["name"] for o in rec.fields["options"]]
    assert names == ["Eigenes Express-Backend", "Next.js", "eine reine Client-App"]
    assert all("Betriebsaufwand" in o["reasons"][0] for o in rec.fields["options"])


def test_a_sentence_with_one_or_in_an_options_section_is_no_list_of_options():
    text = """# ADR 0010: Cache

## Decision

We cache the rendered pages.

## Alternatives considered

We could recompute on every request or skip the cache entirely, and both cost more than they save.
"""
    rec = _record(decision, text, "raw/adr-0010.md")
    assert not any(o["name"].startswith("We could") for o in rec.fields["options"])


# --- a Chinese write-up of one event; "was anything hit?" answered by the line that says it was not ---


def test_a_chinese_title_that_tells_one_events_whole_story_is_an_incident():
    from lorebook.sources.reader import source_from_text as _src
    text = """# 服务器入侵事件始末

## 背景

集群通过跳板机对外提供 SSH。

```bash
last -f /var/log/wtmp
```

```bash
journalctl -u sshd --since "2025-03-13"
```

## 事发过程

攻击者破解了弱密码账户。
"""
    doc = documents(_src("raw/intrusion.md", text))[0]
    assert doc.kind == "incident"


def test_whether_something_was_hit_is_answered_by_the_line_that_says_it_was_not(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "relay-outage.md").write_text("""# Postmortem: outbound mail relay lost after a restart

## Impact

For about nine hours the box delivered no mail to external domains. The messages stayed deferred in the
queue, sin pérdida, and were delivered once the relay was back.

## Root cause

The relay host was configured by hand and the container restart wiped the setting.

## Resolution

We restored the relay setting and flushed the queue with `postqueue -f`.
""", encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    a = ask(w, "Was any mail lost during the relay outage?")
    assert "sin pérdida" in a.answer


def test_a_first_assumption_about_the_cause_is_not_the_root_cause():
    text = """# Game day postmortem

## Checkers issues

Shortly after the network opened the checkers stopped running. The checksystem used every core and the CPU was exhausted.

The first assumption regarding the root cause was that one checker was consuming excessive resources. We disabled it, but it
did not help. The root cause was that the worker pool had too few cores for the load, so we scaled it to 48 cores.
"""
    rec = _record(incident, text, "raw/gameday.md")
    assert "too few cores" in rec.fields["root_cause"]
    assert "first assumption" not in rec.fields["root_cause"]


@pytest.mark.parametrize("q, dropped", [("Karpenter 장애 이후 consolidateAfter 값을 얼마로 바꿨나요?", "이후"),
                                        ("디스크 용량을 얼마나 늘렸나요?", "늘렸")])
def test_korean_after_before_and_past_tense_verbs_name_no_subject(q, dropped):
    from lorebook.query.intents import content_words
    assert dropped not in content_words(q)


def test_a_status_that_says_resolved_tips_a_write_up_full_of_commands_to_an_incident():
    from lorebook.sources.reader import source_from_text as _src
    text = """# 설정 서버 기본값 하드코딩으로 개발서버 재시작 반복

**날짜**: 2026-07-09
**상태**: Resolved (PR #266)

## 증상

`product-service`가 몇 초 단위로 계속 재시작했다.

```
$ docker ps -a
product-service   Up Less than a second
```

```
$ docker logs product-service --tail 100
Connection refused
```

## 해결

설정 기본값을 제거했다.

## 검증

```
$ docker ps
```
"""
    doc = documents(_src("raw/crash-loop.md", text))[0]
    assert doc.kind == "incident"
