"""Answer shapes from a fresh unseen set's dev half (set9): header lines of bold labels are one fact each, a
command keeps its <placeholder>, an idiom names nothing, a runbook's "Rollback" answers "revert", a cost table's
Total row answers "what would it cost", what a command prints is not what to run, "Ruled out: X" is no choice,
and a labelled duration is answered in the notes' own words."""

from __future__ import annotations

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from lorebook.sources.sentences import readable, split_sentences

from test_unseen_shapes import one


def test_each_bold_labelled_line_of_a_header_is_its_own_sentence():
    text = ("**Alert Names:** `PBSBackupFailure`  \n**Severity:** Warning → escalates to Critical if consecutive failures > 3  \n"
            "**Dashboards:** Grafana \"Backup Health\"")
    rows = split_sentences(text, 3)
    assert [(a, b) for a, b, _ in rows] == [(3, 3), (4, 4), (5, 5)]
    assert rows[1][2].startswith("Severity: Warning")
    wrapped = split_sentences("The queue grew because the consumer\nstalled on a lock. It recovered.", 1)
    assert [t for _, _, t in wrapped] == ["The queue grew because the consumer stalled on a lock.", "It recovered."]


def test_a_placeholder_inside_code_is_kept_and_html_outside_is_not():
    assert readable("Executes `systemctl restart <service_name>` then <b>logs</b>") == \
        "Executes `systemctl restart <service_name>` then logs"


def test_when_does_asks_for_a_condition_first():
    assert analyse("When does the backup alert go from warning to critical?").answer_types[0] == "condition"
    assert analyse("When did the backup alert fire?").answer_types[0] == "date"


def test_an_idiom_names_nothing():
    assert "table" not in analyse("Which options are still on the table after we dropped Stratos?").question.subject


RUNBOOK = ("# Runbook: Emergency deployment rollback\n\n## Procedure\n\n### 1. Identify the target revision\n\n```bash\n"
           "kubectl rollout history deployment/<service-name> -n production\n```\n\n### 2. Execute rollback\n\n```bash\n"
           "kubectl rollout undo deployment/<service-name> -n production --to-revision=<N>\n```\n\n"
           "Expected output: `deployment.apps/<service-name> rolled back`\n")


def test_revert_finds_the_rollback_runbook(notes_wiki_of):
    w = notes_wiki_of({"rollback.md": RUNBOOK})
    a = ask(w, "What command reverts a deployment to a specific revision?")
    assert a.found and "rollout undo" in a.answer.split("[1]")[0]


def test_what_a_command_prints_is_not_what_to_run(notes_wiki_of):
    w = notes_wiki_of({"rollback.md": RUNBOOK})
    a = ask(w, "How do I roll back the service to the previous revision?")
    assert a.found and not a.answer.startswith("Expected output")


COSTS = ("# ADR-006: Time-series database for inference results\n\n**Status:** Draft\n\n## Decision\n\n"
         "Adopt a dedicated time-series cluster (TimescaleDB).\n\n## Cost estimate\n\n"
         "| Cost Component | Description | Monthly |\n|---|---|---|\n| Compute | Three time-series nodes | $1,200 |\n"
         "| Licensing / Support | Enterprise features | $300 |\n| Total | Aggregate monthly estimate | $1,500 |\n")


def test_a_cost_tables_total_answers_what_it_would_cost_unless_a_row_is_named(notes_wiki_of):
    w = notes_wiki_of({"adr-006.md": COSTS})
    a = ask(w, "Roughly what would the time-series cluster cost us per month?")
    assert "$1,500" in a.answer.split("[1]")[0]
    a = ask(w, "How much does licensing cost per month for the time-series cluster?")
    assert "$300" in a.answer.split("[1]")[0]


def test_ruled_out_names_a_rejected_option_not_the_chosen_one():
    rec = one("# ADR-001: Drop consideration of Stratos\n\n## Status\n\nAccepted\n\n## Considered options\n\n1. Stratos\n"
              "1. paas-admin\n1. Build from scratch\n\n## Decision outcome\n\n- Ruled out: Stratos\n"
              "- In the running: paas-admin and building from scratch\n")
    outcomes = {o["name"]: o["outcome"] for o in rec.fields["options"]}
    assert outcomes == {"Stratos": "rejected", "paas-admin": "considered", "Build from scratch": "considered"}


def test_a_labelled_duration_is_answered_in_the_notes_own_words(notes_wiki_of):
    w = notes_wiki_of({"outage.md": "# Incident Postmortem – API outage on 2025-05-20\n\n**Date:** 2025-05-20  \n"
                                    "**Duration:** 08:41–09:54 UTC (1 h 13 m)  \n**Severity:** SEV-1\n\n"
                                    "## Timeline\n\n| Time | Event |\n|---|---|\n| 08:41 | Alert: API 5xx > 20 % |\n"
                                    "| 09:54 | Rollback complete |\n\n## Root cause\n\nA bad feature flag.\n"})
    a = ask(w, "How long was the API down on 2025-05-20?")
    assert "73 minutes" in a.answer or "1 hour 13 minutes" in a.answer
    assert "1 h 13 m" in a.answer


def test_a_date_in_korean_or_japanese_is_a_date():
    from lorebook.query.analysis import dates, same_day
    assert dates("10월 3일 새벽 504 오류는 왜 난 거야?") == ["-10-03"]
    assert dates("#### 2025년 10월 3일 오전 2:27") == ["2025-10-03"]
    assert dates("2021年11月25日の障害") == ["2021-11-25"]
    assert same_day("-10-03", "2025-10-03") and not same_day("2024-10-03", "2025-10-03")


LOG = ("# 기록\n\n## 장애\n\n#### 2025년 10월 3일 오전 2:27 ~ 오전 4:03 (GMT+9)\n\n- 지속: 1시간 36분\n"
       "- 영향: `/api/proxy/manga` 504 Gateway Timeout 오류 응답\n- 원인: 외부 서비스들의 429 (Rate Limit) 응답 후 retry로 인한 지연\n\n"
       "#### 2025-09-05 14:37 ~ 15:58 (GMT+9)\n\n- 지속: 1시간 21분\n- 영향: `/api/proxy/manga` 503 오류 응답\n"
       "- 원인: Edge Function 메모리 초과\n")


def test_a_log_of_dated_entries_answers_from_the_entry_the_question_dates(notes_wiki_of):
    w = notes_wiki_of({"timeline.md": LOG})
    a = ask(w, "10월 3일 새벽 504 오류는 왜 난 거야?")
    assert a.found and "429" in a.answer.split("[1]")[0]
    a = ask(w, "Why did the proxy fail on September 5?")
    assert a.found and "메모리" in a.answer.split("[1]")[0]


def test_a_question_word_in_another_language_finds_the_english_term():
    from lorebook.query.vocabulary import equivalents
    assert "cold" in equivalents("fria") and "frío" in equivalents("fria")
    assert "fria" in equivalents("cold")


def test_fillers_and_deciding_verbs_of_other_languages_name_nothing():
    assert analyse("Welche Keycloak-Version haben wir eigentlich festgelegt?").question.subject == ["keycloak", "version"]
    assert "tempo" not in analyse("Quanto tempo uma request fria chegava a levar em prod?").question.subject


ACTIONS = ("# Postmortem: Respond tracking not working\n\n**Date:** 2025-10-10\n\n## Root cause\n\nThe code queried the wrong table.\n\n"
           "## Action items\n\n### Immediate\n- [x] Deploy fix migration to production\n\n### Short-term\n"
           "- [ ] Add an integration test for respond tracking\n\n### Long-term\n- [ ] Consolidate `issues` and `github_issues` tables\n"
           "- [ ] Add type-safe table name constants\n")


def test_the_follow_ups_under_the_heading_the_question_names(notes_wiki_of):
    w = notes_wiki_of({"respond.md": ACTIONS})
    a = ask(w, "What long-term fixes were agreed so the issues tables stop getting mixed up?")
    assert a.found and a.answer.startswith("Consolidate")
    a = ask(w, "Which action item of the respond tracking postmortem is already done?")
    assert "Deploy fix migration" in a.answer.split("[1]")[0]


def test_a_sentence_saying_the_cause_is_still_unknown_is_no_cause(notes_wiki_of):
    w = notes_wiki_of({"status.md": "# Cloud status page\n\n## Past incidents\n\n### May 26 - 27th, 2018\n\n"
                                    "(1:00 UTC) One of the databases failed in an autovacuum operation and denied new client connections.\n\n"
                                    "(7:30 UTC) Services operating normally, root cause is being worked at.\n\n### April 16th, 2018\n\n"
                                    "(9:00 UTC) A web worker hung; we took it out of the cluster and restarted it.\n"})
    a = ask(w, "What caused the outage on the cloud on May 26, 2018?")
    assert a.found and "being worked at" not in a.answer


def test_a_rollback_command_that_names_what_is_undone(notes_wiki_of):
    w = notes_wiki_of({"ops.md": "# Runbook: ETP operations\n\n## 1. Deploy\n\n1. Push to main.\n2. Watch the logs.\n\n"
                                 "## 2. Rollback\n\n### 2.1 Roll back a deploy\n\n```bash\nrailway rollback --service backend\n```\n\n"
                                 "### 2.2 Revert the last migration\n\n```bash\nrailway run npm run migration:revert\n```\n"})
    a = ask(w, "What command undoes the last migration on ETP production?")
    assert a.found and "migration:revert" in a.answer.split("[1]")[0]


def test_a_russian_question_reads_as_one():
    a = analyse("Кто и во сколько сообщил о провалах звука на радио?")
    assert "person" in a.answer_types and a.question.subject == ["сообщил", "провалах", "звука", "радио"]
    from lorebook.query.vocabulary import equivalents
    assert "ошибка" in equivalents("error") and "error" in equivalents("ошибка")


def test_chinese_and_japanese_questions_are_read_as_terms():
    from lorebook.query.intents import split_cjk, subject_words
    assert split_cjk("是哪个提交把") == ["提交"] and split_cjk("删掉的") == ["删掉"]
    assert split_cjk("トンネルが落ちたことには最初どうやって気付いたんですか") == ["トンネル", "気付"]
    assert subject_words("固まった評価プロセスは結局どうやって止めて復旧したんですか？") == ["評価", "プロセス", "復旧"]
    from lorebook.query.ask import covers
    assert covers("我们把配置删掉了", "删掉") and covers("最初にトンネルが落ちた", "トンネル")  # inside a run of text


def test_a_chinese_question_finds_the_sentence_inside_a_run_of_text(notes_wiki_of):
    w = notes_wiki_of({"nix.md": "# 事故 001：statix 在本地编译\n\n**日期**：2026-03-02\n\n## 原因\n\n"
                                 "提交 `a1b2c3d` 把 trusted-public-keys 删掉了，所以缓存不再被信任。\n"})
    a = ask(w, "是哪个提交把 trusted-public-keys 删掉的？")
    assert a.found and "a1b2c3d" in a.answer


def test_a_heading_options_reasons_keep_the_verdict_after_the_first_sentence():
    rec = one("# ADR-0006: Authentifizierung mit Keycloak\n\n## Status\n\nAkzeptiert\n\n## Kontext\n\nWir brauchen SSO.\n\n"
              "## Entscheidung\n\nWir verwenden Keycloak.\n\n## Betrachtete Alternativen\n\n### Auth0\n\n"
              "Wir haben Auth0 in Betracht gezogen. Auth0 hätte weniger Overhead geboten, hätte aber laufende Kosten mit sich gebracht.\n\n"
              "### Eigener Dienst\n\nWir haben einen eigenen Dienst erwogen. Das wäre zu aufwändig.\n")
    auth0 = next(o for o in rec.fields["options"] if o["name"] == "Auth0")
    assert any("laufende Kosten" in r for r in auth0["reasons"])


def test_contractions_acronyms_and_korean_question_words():
    assert analyse("Why won't RefArch add LDAP login?").question.subject == ["refarch", "add", "ldap", "login"]
    from lorebook.query.ask import covers
    assert covers("No additional auth sources besides OpenID Connect", "oidc")
    assert "어느" not in analyse("Redis 메모리 알람은 어느 임계치에서 어디로 가나요?").question.subject


def test_a_norwegian_page_is_in_another_language_and_its_question_is_foreign():
    from lorebook.query.vocabulary import FOREIGN_STOP, foreign_question, other_language
    assert foreign_question("Hvorfor funker ikke Brønnøysundregisteret når vi trenger testorganisasjoner?")
    assert not foreign_question("Which topic do we listen on to hear about Brreg organisation changes?")
    assert {"de", "die", "a"} <= FOREIGN_STOP and "for" not in FOREIGN_STOP  # French/German kept; English words never
    assert other_language("Vi har lagt til Ereg register, primært for å støtte Team Fagers integrasjon mot Tiltaksøkonomi. "
                          "Ereg er koblet opp mot Altinn og Tenor, som gir enklere flyter for test-data på tvers av systemer. "
                          "I dag bruker vi Brønnøysundregisteret som kilde for å hente ut organisasjonsinformasjon, som ikke kjenner "
                          "til test organisasjonene. Vi lytter på en topic for å få hint om at organisasjoner har en endring.")


def test_an_options_bold_advantages_and_drawbacks_are_its_reasons():
    rec = one("# 006 - Ajout de Redis\n\n* Date : 2023-06-26\n* Statut : ACCEPTÉ\n\n## Contexte\n\nLes sessions sont perdues.\n\n"
              "## Décision\n\nNous utiliserons Redis pour les sessions.\n\n## Options envisagées\n\n### Option 1 - Redis\n\n"
              "Site web : https://redis.io\n\n**Avantages**\n\n* Haute disponibilité\n\n**Inconvénients**\n\n* Une technologie de plus\n\n"
              "### Option 2 - PostgreSQL\n\nSite web : https://www.postgresql.org/\n\n**Description**\n\nDéjà utilisé sur le projet.\n\n"
              "**Inconvénients**\n\n* Ne peut pas être utilisé pour du cache\n")
    pg = next(o for o in rec.fields["options"] if "PostgreSQL" in o["name"])
    assert pg["reasons"] == ["Déjà utilisé sur le projet.", "Bad: Ne peut pas être utilisé pour du cache"]


def test_a_paraphrased_question_whose_best_hits_all_lie_in_one_document_is_about_it(notes_wiki_of):
    w = notes_wiki_of({
        "vault.md": "# Incident: Vault dev-mode lost all config on restart\n\n**Date:** 2026-06-04\n\n## Root cause\n\n"
                    "Vault ran in dev mode with in-memory storage, so a restart wiped the auth config.\n\n## Lessons\n\n"
                    "- Standalone Vault does NOT auto-unseal. After any restart it starts sealed: run the unseal step by hand.\n",
        "dns.md": "# Incident: tailnet DNS outage\n\n**Date:** 2026-07-27\n\n## Root cause\n\nThe resolver pod restarted twice.\n",
    })
    a = ask(w, "After a Vault restart, what manual step is now required because of the new setup?")
    assert a.found and a.page.startswith("incident-2026-06-04")


def test_a_setting_to_export_is_not_the_command():
    from lorebook.query.analysis import shape_match
    prose = "The Azure servers require SSL so you may need to set `PGSSLMODE=require` to connect."
    assert shape_match(["command"], prose) < 1.0
    assert shape_match(["command"], "On your machine run `pg_dump -Fc -h db.example -f out.dump` to dump it.") == 1.0


def test_everyday_engineering_terms_are_found_across_languages():
    from lorebook.query.ask import covers
    assert covers("スリープ中はプローブしない", "sleep") and covers("Redis 메모리 알람", "alarm")
    assert covers("90일 동안 미사용 키는 만료", "expire") and covers("公钥不再被信任", "trust")


def test_how_do_i_undo_asks_for_the_rollback(notes_wiki_of):
    assert analyse("How do I undo the soft scale-to-zero of charting?").intents[0] == "rollback"
    w = notes_wiki_of({"charting.md": "# Runbook — charting 서비스 폐기 절차\n\n## 단계\n\n### 1. Soft scale 0\n\n```bash\n"
                                      "kubectl apply -k k8s/overlays/k3s-lite\n```\n\n## 롤백\n\n| 단계 | 롤백 |\n|---|---|\n"
                                      "| 1. Soft scale 0 | `patches/charting-replicas-zero.yaml` 제거 + apply |\n"})
    a = ask(w, "How do I undo the soft scale-to-zero of charting?")
    assert a.found and "제거 + apply" in a.answer
    assert analyse("Quel est l'inconvénient principal d'avoir adopté les ADR ?").question.subject == ["inconvénient", "adr"]


def test_what_hours_asks_for_a_time_and_pvc_is_a_volume():
    assert analyse("What hours are the Telegram bridge quiet hours?").answer_types[0] == "date"
    from lorebook.query.ask import covers
    assert covers("The PVC was expanded online to 20 GiB", "volume")


def test_a_chinese_question_word_is_not_another_scripts_word():
    from lorebook.query.vocabulary import equivalents
    assert "rollback" in equivalents("回滚") and "롤백" not in equivalents("回滚")
    assert "删除" in equivalents("删掉")  # the same script's other form still counts


def test_a_follow_up_heading_names_no_part_of_the_list(notes_wiki_of):
    w = notes_wiki_of({"sso.md": "# INC-934: SSO does not work\n\n**Date:** 2026-02-03\n\n## Root cause\n\nAn expired certificate.\n\n"
                                 "## Follow-up actions\n\n### Already done\n\n- [x] Replaced with an ACM auto-renewing certificate\n\n"
                                 "### Pending\n\n- [ ] Add a synthetic login check\n"})
    a = ask(w, "What follow-up actions came out of the SSO incident?")
    assert "ACM" in a.answer and "synthetic" in a.answer


def test_the_options_still_on_the_table_leave_out_the_rejected(notes_wiki_of):
    w = notes_wiki_of({"adr-001.md": "# ADR-001: Drop consideration of Stratos\n\n## Status\n\nAccepted\n\n## Considered options\n\n"
                                     "1. Stratos\n1. paas-admin\n1. Build from scratch\n\n## Decision outcome\n\n- Ruled out: Stratos\n"
                                     "- In the running: paas-admin and building from scratch\n"})
    a = ask(w, "Which options are still on the table after we dropped Stratos?")
    assert "paas-admin" in a.answer and "Stratos" not in a.answer.split("[1]")[0]


def test_common_operations_nouns_across_languages():
    from lorebook.query.ask import covers
    assert covers("Cloudflare トンネルが落ちた", "tunnel") and covers("节点内存不足", "node") and covers("Le jeton a expiré", "token")
