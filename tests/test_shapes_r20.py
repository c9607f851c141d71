"""Shapes from the twentieth round. The notes are ours."""

from __future__ import annotations

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from test_unseen_shapes import cited, one

REPORT_PM = """---
title: Report on the two tram network blackouts (March 2024)
categories:
- postmortem
---

The transit authority's report on two evenings when the tram network lost traction power.

**12 March 2024, 18:05 CET.** The feeder at Nordplatz tripped under the evening peak; the two neighbouring
feeders tripped within seconds. Trams stopped on all four lines; power was back on two lines by 18:40 and on all
lines by 19:20.

**14 March 2024, 17:50 CET.** A similar trip, this time at Südbahnhof — the larger of the two, affecting ~210 trams
and about 90,000 riders across the city. Buses replaced the trams by ~18:30 and the network ran normally by ~20:10.
"""


def test_bold_leads_that_are_only_a_moment_are_the_timeline():
    """ "**12 March 2024, 18:05 CET.** The feeder tripped … back by 18:40 …": the lead is the entry's moment, though
    the paragraph writes more clock times after it."""
    rec = one(REPORT_PM, "postmortem-tram-blackouts.md")
    tl = rec.fields["timeline"]
    assert [e["time"] for e in tl] == ["2024-03-12 18:05", "2024-03-14 17:50"], tl
    assert tl[0]["event"].startswith("The feeder at Nordplatz tripped")


def test_affecting_a_number_is_the_impact_and_a_dash_in_a_story_is_no_time_range():
    rec = one(REPORT_PM, "postmortem-tram-blackouts.md")
    assert "affecting ~210 trams" in rec.fields["impact"]
    # "17:50 CET. A similar trip … — … by ~18:30": the dash joins two clauses of a story, not a range of 40 minutes
    assert rec.fields["duration_source"] != "stated", rec.fields["duration_minutes"]


BLOG_PM = """---
title: "The deploy that only failed on Tuesdays"
date: 2025-09-02
tags: [postmortem, ci]
excerpt: "A cron job looked like a flaky deploy. The actual cause was a backup window that locked the registry every Tuesday."
---

## The symptom

Deploys timed out on Tuesdays between 02:00 and 03:00 and nowhere else.

## The actual fix

We moved the backup window to Sunday night and the deploys have passed since.
"""


def test_a_blog_posts_excerpt_names_the_cause_and_its_headings_name_their_parts():
    """A post's front-matter excerpt ("The actual cause was …"), "## The symptom", "## The actual fix"."""
    rec = one(BLOG_PM, "postmortem-tuesday-deploys.md")
    assert "backup window that locked the registry" in rec.fields["root_cause"]
    assert "excerpt:" in cited(rec, "root_cause")
    assert "timed out on Tuesdays" in rec.fields["impact"]
    assert "moved the backup window" in rec.fields["resolution"]


RFC_ZH = """## 动机

为了防止令牌被伪造，我们需要一种可以校验的令牌格式。

## 设计

令牌由随机串和校验和组成，校验和使用 CRC32 计算，最后整体做 Base62 编码。

## 考虑的替代方案

[JSON Web Token](https://example.org/jwt)

[Opaque random token](https://example.org/opaque)
"""


def test_an_rfc_in_chinese_is_a_decision_with_its_alternatives_as_lines():
    """动机 (motivation), 设计 (design), 考虑的替代方案 (alternatives considered): an RFC's parts; its alternatives are
    lines of their own, one link each."""
    rec = one(RFC_ZH, "003-token-format.md")
    assert rec.kind == "decision"
    assert "令牌被伪造" in rec.fields["context"]
    assert "CRC32" in rec.fields["decision"]
    assert [o["name"] for o in rec.fields["options"]] == ["JSON Web Token", "Opaque random token"]


KEYCAP_RUNBOOK = """# Notfall: Wiki-VM wiederherstellen

## Voraussetzungen

Vor Beginn müssen alle Punkte erfüllt sein:

* [ ] Aktuelles Backup der VM 300 vorhanden
* [ ] Zugriff auf die Proxmox-Oberfläche

## 1\N{VARIATION SELECTOR-16}\N{COMBINING ENCLOSING KEYCAP} VM stoppen

* [ ] VM 300 ist gestoppt

## 2\N{VARIATION SELECTOR-16}\N{COMBINING ENCLOSING KEYCAP} Backup zurückspielen

```bash
qmrestore /backup/vzdump-qemu-300.vma.zst 300 --force
```

## 3\N{VARIATION SELECTOR-16}\N{COMBINING ENCLOSING KEYCAP} DNS-Validierung (Client)

```bash
nslookup wiki.home.arpa
```

* [ ] Der Eintrag zeigt auf 192.168.1.70
"""


def test_keycap_numbered_headings_are_steps_and_a_validation_step_verifies():
    """ "## 1️⃣ VM stoppen" is numbered as "## 1. VM stoppen" is; "DNS-Validierung" checks the outcome; the line
    that only leads into the prerequisites list is not one of them."""
    rec = one(KEYCAP_RUNBOOK)
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["VM stoppen", "Backup zurückspielen", "DNS-Validierung (Client)"], steps
    assert any("qmrestore" in c for c in steps[1]["commands"])
    assert any("192.168.1.70" in v for v in rec.fields["verification"])
    assert rec.fields["prerequisites"] == ["Aktuelles Backup der VM 300 vorhanden", "Zugriff auf die Proxmox-Oberfläche"]


CHECK_RUNBOOK = """# Drain a cache node

## Steps

1. Validate that `redis-cli` is available:

    ```
    redis-cli --version
    ```

1. Mark the node as draining in the service registry.
1. Test that the drain took effect by listing the pool's members:

    ```
    dig @127.0.0.1 -p 8600 cache.service.consul SRV
    ```

    If the node is missing, the drain worked.
1. Stop the cache service.
"""


def test_a_check_that_says_what_worked_over_its_command_verifies():
    """ "Test that the drain took effect …:" over `dig …` is the check; "Validate that redis-cli is available:" is a
    precondition of a step, not a check of the outcome."""
    rec = one(CHECK_RUNBOOK)
    ver = rec.fields["verification"]
    assert any(v.startswith("dig @127.0.0.1") for v in ver), ver
    assert not any("redis-cli --version" in v for v in ver), ver
    # the step's sentence ends in a colon over its own command: it labels no "verification" part of the rest
    assert not any(v.startswith(("Mark the node", "Stop the cache")) for v in ver), ver


STAGES_PM = """# INC-0009: 镜像仓库拉取超时

## Timeline

- T0：执行 `docker compose up -d` 失败（timeout）。
- T1：用 `curl -I` 复现超时。
- T2：补充健康检查脚本。

## Corrective Actions

- Action：补充健康检查脚本
  Owner：platform
"""


def test_numbered_stages_are_a_timeline_and_a_full_width_owner_is_the_owner():
    rec = one(STAGES_PM)
    assert [e["time"] for e in rec.fields["timeline"]] == ["T0", "T1", "T2"]
    assert rec.fields["action_items"][0]["owner"] == "platform"


def test_questions_that_ask_deciders_owners_and_clock_times():
    """ "making the call" asks who decided; "负责人是谁" asks an action item's owner; a question that opens with "What"
    and only adds a "when" clause does not ask a time; "at what local time" wants a clock time."""
    assert analyse("Who were the people making the call on the queue?").intents[:1] == ["deciders"]
    assert analyse("补充健康检查脚本这个行动项的负责人是谁？").intents[:1] == ["action_owner"]
    assert "when" not in analyse("What error did compose print when the images could not be pulled?").intents
    assert "when" in analyse("Do you know when the outage began?").intents
    assert analyse("At what local time did the first blackout start?").asks_clock
    assert not analyse("On which date did the blackout start?").asks_clock


VOLTAGE_PM = """# Flaky Wi-Fi on the hallway Pi

## How to check it

`throttled=0x0` means the supply is clean.

Ask the firmware whether the Pi has been throttled:

```bash
vcgencmd get_throttled
```
"""


def test_asked_for_a_command_a_value_in_code_is_not_one(notes_wiki_of):
    """`throttled=0x0` and `0x4` are values a command prints; the command is `vcgencmd get_throttled`."""
    w = notes_wiki_of({"pi.md": VOLTAGE_PM})
    a = ask(w, "What command tells me whether the Pi has been throttled?")
    assert a.found and "vcgencmd get_throttled" in a.answer.split("[1]")[0], a.answer


def test_asked_for_a_time_on_a_day_the_timeline_entry_of_that_day_answers(notes_wiki_of):
    """ "At what local time did the first blackout start on 12 March 2024?": the entry that opens with that day and a
    clock, not the incident's date alone nor another day's entry."""
    w = notes_wiki_of({"postmortem-tram-blackouts.md": REPORT_PM})
    a = ask(w, "At what local time did the tram blackout start on 12 March 2024?")
    assert a.found and "18:05" in a.answer.split("[1]")[0], a.answer
