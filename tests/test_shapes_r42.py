"""Shapes from the forty-second round: an RCA's fact sheet ("**Incident Start:** 2025-08-18 23:15 UTC",
"**Services Affected**: …"), a blog post-mortem told as prose ("was unavailable from … and full service resumed at …",
"To recover, it was necessary to …"), a heading that names a moment rather than a part ("復旧日時"), and a
prerequisites section of sub-headings. The notes are written for these tests."""

from __future__ import annotations

from test_unseen_shapes import cited, one

RCA = """# RCA: Cache cluster consensus issues (2025-08-19)

## 1. Executive Summary
   - **Incident Description**: Checkout latency rose sharply from 23:15 UTC on August 18, 2025.
   - **Resolution Summary**: The incident resolved after the cache nodes were resized at 02:43 UTC.

## 2. Incident Details
- **Services Affected**: Checkout API
- **Users Impacted**: all EU customers
- **Incident Severity**: Critical

## 3. Timeline of Events
- **Incident Start:**        2025-08-18 23:15 UTC
- **Time of Detection:**     2025-08-18 23:25 UTC (Prometheus alerts)
- **Planned Restart:**       2025-08-19 00:30 UTC
- **Natural Resolution:**    2025-08-19 02:43 UTC

## 4. Corrective Measures
   - **Immediate Actions Taken**:
      * Comprehensive monitoring confirmed the scope
   - **Short-term Corrective Actions**:
      * Alert on cache eviction rates
"""


def test_a_fact_sheets_timeline_keeps_each_stages_name_and_spans_midnight():
    rec = one(RCA)
    events = [e["event"] for e in rec.fields["timeline"]]
    assert events[0] == "Incident Start" and events[-1] == "Natural Resolution", events
    assert "Time of Detection" in events[1]
    # 23:15 on the 18th to 02:43 on the 19th, worked out from the two dated entries and said to be
    assert rec.fields["duration_minutes"] == 208
    assert rec.fields["duration_source"] == "computed"
    assert rec.fields["trigger"] == ""  # "Incident Start" says when it began, not what set it off


def test_services_affected_and_users_impacted_are_the_impact():
    rec = one(RCA)
    assert rec.fields["impact"] == "Checkout API; all EU customers"
    assert "Services Affected" in cited(rec, "impact") and "Users Impacted" in cited(rec, "impact")


def test_a_resolution_summary_lead_beats_a_heading_that_only_holds_actions_taken():
    rec = one(RCA)
    assert rec.fields["resolution"].startswith("The incident resolved after the cache nodes were resized")


def test_remediations_and_corrective_actions_headings_are_action_items():
    text = ("# Holešky incident post-mortem\n\nOn 2025-02-24 the testnet split.\n\n# Root Cause Analysis\n\n"
            "Clients had the wrong deposit contract address.\n\n# Root Cause Remediations\n\n"
            "## Validating Configuration and Fork Parameterization\n\nClients will validate their configuration at start.\n\n"
            "## User-specified Unfinalized Checkpoint Sync\n\nClients will sync from a chosen checkpoint.\n")
    rec = one(text)
    assert "wrong deposit contract" in rec.fields["root_cause"]
    assert "Remediations" not in rec.fields["root_cause"] and "validate their configuration" not in rec.fields["root_cause"]
    items = " ".join(a["text"] for a in rec.fields["action_items"])
    assert "validate their configuration" in items and "chosen checkpoint" in items


def test_a_heading_that_names_when_it_was_recovered_is_not_how():
    text = ("# v1.4.0リリースで発生した障害について\n\n## 障害の内容\n\nv1.4.0にアップデートするとアプリが起動できなくなる。\n\n"
            "### 発生日時\n\n2021年11月25日 17時00分\n\n### 復旧日時\n\niOS: 2021年11月26日午前10時47分\n\n"
            "## 原因\n\n利用規約の同意日付がDateTime最小値のままとなること。\n\n## 復旧方法\n\n原因を回避するコードを追加してHotfix版（v1.4.1）をリリース。\n")
    rec = one(text)
    assert "Hotfix版（v1.4.1）" in rec.fields["resolution"]
    assert "10時47分" not in rec.fields["resolution"]


BLOG = """+++
date = "2025-10-10T10:00:00Z"
title = "Post-mortem of the September 2 outage"
+++

On 2nd September 2025 the example.org homeserver suffered a \\~24h outage.

During routine maintenance to increase disk capacity, the primary database failed, and we fell back to the secondary.

To recover, it was necessary to restore from S3 storage, however the restore process was lengthy.

The example.org homeserver was unavailable from 2025-09-02 17:45 UTC and full service resumed at 2025-09-03 18:00 UTC.

## Lessons learned

We have a massive database.
"""


def test_a_blog_post_mortem_told_in_prose():
    rec = one(BLOG)
    f = rec.fields
    assert f["duration_minutes"] == 1440 and f["duration_source"] == "stated"  # "a \\~24h outage": the escape is a "~"
    assert f["resolution"].startswith("To recover, it was necessary to restore from S3 storage")
    assert "homeserver was unavailable" in f["impact"]
    assert "unavailable from" in cited(rec, "impact")


def test_prerequisite_sub_headings_name_their_entries():
    text = ("# DolphinScheduler 升级\n\n## 准备工作\n\n### 检查不向前兼容的更改\n\n在升级之前，您应该检查 incompatible change。\n\n"
            "### 备份上一版本文件和数据库\n\n建议升级之前备份数据。\n\n## 升级步骤\n\n### 停止所有服务\n\n根据你部署方式停止所有服务。\n\n"
            "### 数据库升级\n\n执行 `sh ./tools/bin/upgrade-schema.sh`\n\n### 启动服务\n\n启动新版本。\n")
    rec = one(text, "upgrade.md")
    pre = rec.fields["prerequisites"]
    assert len(pre) == 2
    assert pre[0].startswith("检查不向前兼容的更改: ") and pre[1].startswith("备份上一版本文件和数据库: "), pre


def test_a_decision_told_as_a_list_of_verdicts_lists_its_options():
    text = ("# 2. Choose Remix as web application framework\n\nDate: 2021-12-17\n\n## Status\n\nDecided\n\n## Context\n\n"
            "We need a framework for a form-heavy application.\n\n## Decision\n\nWe investigated several options.\n\n"
            "- we decided against a pure SPA + REST API approach, as this doesn't work when JavaScript is disabled.\n"
            "- we decided against a traditional setup with only server-side rendering, as this would restrict the UX.\n"
            "- we decided to use a fullstack framework, as it supports server-side and client-side rendering.\n\n"
            "## Consequences\n\nRemix is not mature.\n")
    rec = one(text, "0002-remix.md")
    opts = {o["name"]: o for o in rec.fields["options"]}
    assert set(opts) == {"pure SPA + REST API approach", "traditional setup with only server-side rendering", "fullstack framework"}
    assert opts["pure SPA + REST API approach"]["outcome"] == "rejected"
    assert opts["fullstack framework"]["outcome"] == "chosen"
    assert "JavaScript is disabled" in " ".join(opts["pure SPA + REST API approach"]["reasons"])


def test_one_verdict_in_a_list_is_no_list_of_options():
    text = ("# 3. Use Postgres\n\n## Context\n\nWe need a database.\n\n## Decision\n\n"
            "- we chose Postgres, as the team knows it.\n- backups run nightly.\n- replicas in two zones.\n")
    assert not one(text, "0003-postgres.md").fields["options"]


def test_the_window_a_sentence_states_bounds_a_computed_duration():
    text = ("## 2025-07-30/31 Registry Outage\n\nBetween approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC "
            "registry.example.org was running with expired SSL certificates.\n\nThe registry API was affected during the outage.\n")
    rec = one(text)
    assert rec.fields["duration_minutes"] == 600 and rec.fields["duration_source"] == "computed"
    assert "21:27" in cited(rec, "duration_minutes")
    same_day = one(text.replace("2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC", "21:27 and 23:02 UTC"))
    assert same_day.fields["duration_minutes"] == 95
    # one end dated and the other not: no window read
    assert one(text.replace("2025-07-31 07:27 UTC", "07:27 UTC")).fields["duration_minutes"] is None


def test_a_package_manager_call_in_a_list_item_is_a_command():
    text = ("# Runbook: the build fails after a manual install\n\n## Steps\n\n- node-gyp may be missing.\n"
            "  * `apt install build-essential`を試す。\n  * or `brew install python-setuptools` on a Mac.\n"
            "- then run `pnpm install` again.\n")
    cmds = [c for step in one(text, "install.md").fields["steps"] for c in step["commands"]]
    assert "apt install build-essential" in cmds and "brew install python-setuptools" in cmds, cmds


def test_a_year_and_month_in_a_file_name_are_no_adr_number():
    text = "# Use the UI kit\n\n## Context\n\nWe need a UI kit.\n\n## Decision\n\nWe will use the kit.\n"
    assert one(text, "adr-2023-06-ui-kit.md").fields["number"] is None
    assert one(text, "adr-0012-ui-kit.md").fields["number"] == 12


def test_a_slash_or_a_dash_under_consequences_says_there_are_none():
    text = ("# 5. Transition vers l'UI kit cible\n\n## Contexte\n\nLe kit change.\n\n## Décision\n\n"
            "Nous développerons les composants un par un.\n\n## Conséquences\n\n/\n\n## Autres pistes explorées\n\n/\n")
    cons = one(text, "0005-ui-kit.md").fields["consequences"]
    assert not any(cons.values()), cons


def test_an_rfc_header_in_a_code_fence_gives_the_date_it_was_created_on():
    text = ("```\nTitle: Use AppRunner\nOwner: Gideon Goldberg\nCreated on: 2025-04-25\nStatus: Approved\n"
            "Finalised on: 2025-04-28\n```\n\n## Overview\n\nWe will continue to use AWS AppRunner.\n\n## Decision\n\nKeep AppRunner.\n\n"
            "## What alternatives are we discarding?\n\nSwitching immediately to ECS Fargate.\n\n"
            "Since we have a working pipeline we have decided to continue with the current setup.\n\n"
            "## What are the key risks to manage or mitigate?\n\nThere is a risk we require functionality not offered by AppRunner.\n")
    assert one(text, "apprunner.md").fields["date"] == "2025-04-25"


def test_a_timeline_that_notices_twice_gives_both_and_looking_forward_lists_the_actions():
    text = ("# Post-Mortem: High Missed Block Rate Incident on 28/11/2024\n\n## Summary\n\nThe relay served invalid headers.\n\n"
            "## Timeline\n\n| **Time (UTC)** | **Event** |\n|---|---|\n"
            "| **05:52** | Terrence flagged an unusually high missed block rate in the security group. |\n"
            "| **06:39** | Report received from Lido about high missed block rate. |\n"
            "| **07:39** | Builder was shut down. |\n\n## Root Cause\n\nThe simulator timed out under load.\n\n"
            "## Looking Forward\n\n1. **Simulator Load Handling**\n   - Stress tests for the simulator.\n\n"
            "2. **Bug bounty**\n   - We will establish a bug bounty program.\n")
    rec = one(text)
    assert rec.fields["detection"] == ("Terrence flagged an unusually high missed block rate in the security group. "
                                       "Report received from Lido about high missed block rate.")
    assert rec.fields["detected_at"] == "05:52"
    items = [a["text"] for a in rec.fields["action_items"]]
    assert len(items) == 2 and items[0].startswith("Simulator Load Handling") and "bug bounty" in items[1]


def test_sections_of_commands_are_the_steps_though_one_numbers_its_own_variant():
    text = ("# Delete a worker node\n\nFollow the steps below so the node's network data is cleaned up.\n\n"
            "## Drain the node\n\n```bash\nkubectl drain worker-1 --ignore-daemonsets\n```\n\n"
            "## Stop kubelet and docker\n\n```bash\nsystemctl stop kubelet\nsystemctl stop docker\n```\n\n"
            "### Containerd\n\nWith containerd:\n\n1. Stop kubelet\n\n    ```bash\n    systemctl stop kubelet\n    ```\n\n"
            "2. Remove the ovs-ovn pod\n\n    ```bash\n    crictl rm -f abc\n    ```\n\n"
            "3. Stop containerd\n\n    ```bash\n    systemctl stop containerd\n    ```\n\n"
            "## Clean up leftovers\n\n```bash\nrm -rf /var/run/openvswitch\n```\n\n"
            "## Delete the node\n\n```bash\nkubectl delete node worker-1\n```\n")
    steps = one(text, "delete-node.md").fields["steps"]
    assert [s["title"] for s in steps] == ["Drain the node", "Stop kubelet and docker", "Clean up leftovers", "Delete the node"]


def test_a_migration_rolled_back_an_update_as_trigger_and_an_all_clear_is_no_detection():
    text = ("# Ingress controller v2 configuration caused outage\n\n## Summary\n\nWe changed the main ingress controller to v2. "
            "A misconfiguration broke the login workflow. Changes were rolled back and started working again.\n\n"
            "## Timeline\n\n| Time | Event |\n| :--- | --- |\n"
            "| 2021-08-26 08:22 | AWS Load Balancers were updated to route requests to the new reverse proxy. |\n"
            "| 2021-08-26 08:44 | Functional tests indicate all fine, and this is reported over Slack. |\n"
            "| 2021-08-26 09:26 | Developer reports a high count of HTTP 307 redirects on the login service. |\n"
            "| 2021-08-26 09:48 | Rollback performed. |\n")
    f = one(text).fields
    assert f["detection"].startswith("Developer reports a high count")
    assert f["trigger"].startswith("AWS Load Balancers were updated") and f["trigger_source"] == "timeline"
    assert f["resolution"] == "Changes were rolled back and started working again."


def test_a_blog_post_titled_with_the_incident_day_is_dated_by_it_not_by_its_posting():
    text = ('---\ntitle: "Postmortem for the Mainnet incident on 17th June 2019"\ndate: 2019-07-02 15:00:00\n---\n\n'
            "LEAP Mainnet has stopped due to double signing and had to be restarted. No user funds lost.\n\n"
            "## What happened\n\nValidator A stopped producing blocks.\n")
    rec = one(text)
    assert rec.fields["date"] == "2019-06-17"
    same = one(text.replace("on 17th June 2019", "on 2nd July 2019"))
    assert same.fields["date"] == "2019-07-02"


def test_a_sections_sub_headings_lead_their_text_in_its_prose():
    text = ("# Post-Mortem: relay incident on 2024-11-28\n\n## Summary\n\nThe relay served invalid headers.\n\n"
            "## Mitigations\n\n### Builder\n- Builder was shut down at **07:39 UTC**.\n\n"
            "### Relay Demotion Patch\n- The demotion mechanism has been patched.\n")
    assert one(text).fields["resolution"] == ("Builder: Builder was shut down at 07:39 UTC. "
                                              "Relay Demotion Patch: The demotion mechanism has been patched.")


def test_a_numbered_list_in_a_section_of_its_own_stays_the_steps():
    text = ("# Metadata backup and restore\n\n## Backup\n\n```shell\njuicefs dump redis://x meta.json\n```\n\n"
            "## File format\n\n```json\n{\"setting\": {}}\n```\n\n## Restore and migrate\n\nTo migrate from Redis to MySQL:\n\n"
            "1. Export the metadata from Redis:\n\n   ```shell\n   juicefs dump redis://x meta.json\n   ```\n\n"
            "2. Load it into a new MySQL database:\n\n   ```shell\n   juicefs load mysql://y meta.json\n   ```\n\n"
            "## Inspect\n\n```shell\njuicefs info /mnt\n```\n")
    steps = one(text, "juicefs.md").fields["steps"]
    assert [s["title"] for s in steps] == ["Export the metadata from Redis", "Load it into a new MySQL database"]


def test_a_misconfiguration_causing_a_failure_is_the_root_cause():
    text = ("# Ingress v2 configuration caused outage\n\n## Summary\n\nWe moved to ingress controller v2. A misconfiguration "
            "didn't allow insecure headers (\"X-FORWARDED-\") to be forwarded causing the login workflow to break.\n\n"
            "## Contributing Factors\n\n- Some announcements on Slack drown in other noise.\n")
    assert "misconfiguration" in one(text).fields["root_cause"]


def test_procedures_under_a_summary_heading_are_still_the_steps():
    text = ("---\nowner_slack: \"#platform\"\ntitle: Revoke network access if required\nlast_reviewed_on: 2026-06-09\n"
            "review_in: 4 months\n---\n\n# Summary\n\nThis document lists the steps required to "
            "revoke network access.\n\n## Stopping access for a single application\n\n1. Visit the AWS SSO page\n"
            "2. Run the `quarantine-security-groups.sh` script\n\n## Stopping inbound internet access\n\n"
            "1. Go to **VPC** -> **Route tables**\n2. Remove the route to the Internet Gateway\n3. Save changes\n")
    f = one(text, "revoke.md").fields
    assert len(f["steps"]) == 5 and f["steps"][0]["title"].startswith("Visit the AWS SSO page")
    assert f["overview"].startswith("This document lists the steps")


def test_what_was_destroyed_before_the_space_came_back_is_the_resolution():
    text = ("# Root filesystem full on the database server (2022-12-13)\n\n## Timeline\n\n"
            "- **18:53** First report of slow response times\n- **19:02** Root cause detected: the root filesystem is full.\n"
            "- **19:05** Request to destroy the postgres archive\n- **19:06** Confirmed archive has been destroyed\n"
            "- **19:06** Confirmed 187Gb of space has been recovered\n")
    res = one(text).fields["resolution"]
    assert "archive has been destroyed" in res, res


def test_an_alternatives_section_told_in_one_sentence_names_both_options():
    text = ("# 16. Identify Reactive WebFlux as technical debt\n\n## Status\n\nAccepted\n\n## Context\n\nWebFlux is hard to debug.\n\n"
            "### Consideration & Decision Process\n\n#### Alternatives\n\nSpring WebMVC with JPA was considered as an alternative "
            "to Reactive WebFlux with R2DBC, given that the project already uses Spring and JPA. Other alternatives were not "
            "considered.\n\n## Decision\n\nWe treat WebFlux as technical debt and refactor module by module.\n")
    opts = [(o["name"], o["outcome"]) for o in one(text, "0016-webflux.md").fields["options"]]
    # the one named second is the one the team had and kept: not "considered but not chosen"
    assert opts == [("Spring WebMVC with JPA", "considered"), ("Reactive WebFlux with R2DBC", "chosen")]
