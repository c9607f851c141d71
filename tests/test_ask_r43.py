"""Answer shapes from the forty-third round: a figure written against Japanese or Chinese text ("最低でも2GBのメモリ")
still looks like a size; a name no dictionary knows that the question calls its team's or project's is the asker's own,
but a product it names beside the rest of the question is not; a name the notes hold only in a link's address is
theirs too; "where did the team agree …", "which … was retained" ask what was chosen; "why was X considered a bad
option", "what counts against X" ask for its faults. The notes are written for these tests."""

from __future__ import annotations

from lorebook.query.ask import ask

BUILD_JA = """# インストール時のトラブルシューティング

## ビルドが失敗する

アプリのビルドには、経験則上、最低でも3GBのメモリが必要となっています。\\
サーバーをスケールアップする手もあります。

## 起動しない

設定ファイルの `port` を確認してください。
"""


def test_a_size_written_against_japanese_text_answers_how_much_memory(notes_wiki_of):
    w = notes_wiki_of({"troubleshooting.md": BUILD_JA})
    a = ask(w, "How much memory does the build need?")
    assert a.found and "3GB" in a.answer.split("[1]")[0], a.answer
    assert a.citations[0]["start_line"] == 5 and a.citations[0]["end_line"] == 5
    assert "\\" not in a.answer


STORE = """# 3. Keep the dashboard data in JSON files

Date: 2024-05-02

## Status

Accepted

## Context

- The dashboard needs data from several API calls for every repository.
- A database would constrain the project this early.

## Decision

We will keep the data the dashboard needs in JSON files.

## Consequences

- We won't be able to query the repository data with SQL.
"""


def test_an_unknown_name_the_question_calls_its_project_is_the_askers_own(notes_wiki_of):
    w = notes_wiki_of({"0003-json.md": STORE})
    a = ask(w, "In the Quillwhistle dashboard project, what format was chosen for the repository data?")
    assert a.found and "JSON" in a.answer, a.answer
    a = ask(w, "What does the Quillwhistle team give up by not keeping repository data in a database?")
    assert a.found and "SQL" in a.answer, a.answer


def test_a_product_named_beside_the_rest_of_the_question_is_still_not_found(notes_wiki_of):
    w = notes_wiki_of({"0003-json.md": STORE})
    assert not ask(w, "What is the Quillwhistle escalation policy for the dashboard repository data?").found


def test_a_name_held_only_in_a_links_address_is_the_notes_own(notes_wiki_of):
    w = notes_wiki_of({"crud.md": "# Each database is owned by one CRUD service\n\n"
                                   "Our [master systems](https://zorvanik.example/blog/masterdata) keep their data in separate databases.\n\n"
                                   "## Decision\n\nOnly the matching CRUD service may access each database.\n"})
    a = ask(w, "In Zorvanik's rule for master systems, which CRUD service may access each database?")
    assert a.found and "Only the matching CRUD service" in a.answer, a.answer


VERSIONING = """---
title: Exprimer la version de l'API
date: 2023-03-01
---

## Options envisagées

- la mettre dans la route
- la passer dans un header

## Décisions

On convient que la version doit apparaître dans la route, car c'est une convention partagée.
"""


def test_where_did_the_team_agree_asks_what_was_chosen(notes_wiki_of):
    w = notes_wiki_of({"versioning.md": VERSIONING})
    a = ask(w, "Where did the team agree the API version must be expressed?")
    assert a.found and a.answer.startswith("On convient que la version doit apparaître dans la route"), a.answer


def test_which_track_was_retained_asks_what_was_chosen(notes_wiki_of):
    w = notes_wiki_of({"tracks.md": "# ADR: Where the API logic lives\n\n## Context\n\nThree tracks were studied.\n\n"
                                    "## Tracks\n\n1. Keep the GraphQL engine at the centre.\n2. Move the logic to Django.\n"
                                    "3. Rewrite everything.\n\n## Decision\n\nWe take track 1 and keep the GraphQL engine at the centre.\n"})
    a = ask(w, "Which of the three tracks was retained?")
    assert a.found and a.answer.startswith("We take track 1"), a.answer


MIGRATION = """# ADR-0009: Limit the visits migrated

## Considered Options

* Migrate every visit
* Introduce a date-based limit on visits
* Introduce a visit-count limit

## Decision Outcome

Chosen option: Introduce a visit-count limit, because it keeps recent history.

## Pros and Cons of the Options

### Introduce a date-based limit on visits

* Good, because heavy users keep more history.
* Bad, because it is hard to predict how large the database will be.

### Introduce a visit-count limit

* Good, because the size of the database is bounded.
"""


def test_why_was_an_option_considered_bad_asks_for_its_faults(notes_wiki_of):
    w = notes_wiki_of({"0009.md": MIGRATION})
    a = ask(w, "Why was limiting the migration by date considered a bad option?")
    assert a.found and "hard to predict" in a.answer, a.answer
    a = ask(w, "What counts against the date-based limit?")
    assert a.found and "hard to predict" in a.answer, a.answer


FAQ = """# 运维指导：主从切换

## 主从切换步骤

1. 先执行 `/setReadOnly`。
2. 再执行 `/changeMaster`。

## 常见问题

*怎么知道切换的时候主从的数据差异呢？*

在主从切换时，etcd 上会记录切换时新主库的位点信息，可以以此为准。

*如何截断旧主库多出来的数据呢？*

可以使用 MySQL 的 flashback 工具，比如 MyFlash。

*这部分数据怎么补到新主库上去呢？*

需要使用 binlog 重放工具。
"""


def test_a_faq_line_that_is_the_question_asked_is_answered_by_the_line_after_it(notes_wiki_of):
    w = notes_wiki_of({"faq.md": FAQ})
    a = ask(w, "主从切换后，如何截断旧主库多出来的数据？")
    assert a.found and a.answer.startswith("可以使用 MySQL 的 flashback 工具"), a.answer
    assert a.citations[0]["start_line"] == 16


HALT = """# Postmortem for the ledger halt on 3rd May 2024

The ledger network has stopped due to a duplicated signing key and had to be restarted.

## What happened

We got notifications in chat that node A stopped producing blocks.
The logs showed that node A had problems with its peer connections.

## How we resolved the issue

We moved on with the planned migration to the new network.
We still played with the old nodes and learned more about the node software.

## Lessons learned

- Never let two ledger operators run node A with the same key; a proposing node that stops producing blocks is better.
"""


def test_how_did_the_operators_learn_asks_how_it_was_noticed(notes_wiki_of):
    w = notes_wiki_of({"halt.md": HALT})
    a = ask(w, "How did the ledger operators learn that node A had stopped producing blocks?")
    assert a.found and a.answer.startswith("We got notifications in chat"), a.answer


def test_a_name_spelled_out_in_the_question_is_said_by_its_initials(notes_wiki_of):
    w = notes_wiki_of({"0046.md": "# 46. Convert the combined view to a real table\n\nDate: 2026-03-05\n\n## Status\n\nAccepted\n\n"
                                  "## Context\n\nThe FAC search reads a nightly materialized view that is slow to refresh.\n\n"
                                  "## Decision\n\nWe will replace the nightly materialized view with a regular table.\n"})
    a = ask(w, "When was the Federal Audit Clearinghouse decision about replacing the nightly materialized view taken?")
    assert a.found and "2026-03-05" in a.answer, a.answer
    assert not ask(w, "When was the Grants Portal Service decision about replacing the nightly materialized view taken?").found


def test_a_dictionary_word_the_question_calls_its_team_is_the_askers_own_but_not_a_product(notes_wiki_of):
    w = notes_wiki_of({"rota.md": "# Runbook: hand over the on-call pager\n\n## Steps\n\n1. Open the rota spreadsheet.\n"
                                  "2. Swap the names for the coming week.\n3. Post the new rota in the ops channel.\n"})
    a = ask(w, "How does the Osprey team hand over the on-call pager rota each week?")
    assert a.found and "rota spreadsheet" in a.answer, a.answer
    assert not ask(w, "How does the Osprey service hand over the on-call pager rota each week?").found


def test_who_accepted_a_decision_asks_for_its_deciders(notes_wiki_of):
    w = notes_wiki_of({"0007.md": "# 7. Deployment strategy\n\nDate: 2025-09-24\n\n## Status\n\n- Accepted by: Dennis, Marie\n"
                                  "- Discussed with: Julian\n\n## Context\n\nReleases wait on the hosting partner.\n\n"
                                  "## Decision\n\nWe will deploy the calculator through direct CMS access.\n"})
    a = ask(w, "Who accepted the calculator deployment strategy decision?")
    assert a.found and "Dennis, Marie" in a.answer, a.answer
