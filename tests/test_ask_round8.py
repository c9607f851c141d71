"""Answer shapes found on a fresh unseen question set (its dev half): capitalised nouns are not people,
short words are whole words, a priority is asked for, and durations written in other languages."""

from __future__ import annotations

from lorebook.query.analysis import TYPE_SHAPES, analyse
from lorebook.query.ask import ask, covers


def test_a_capitalised_pair_that_opens_a_step_is_not_a_person():
    """German capitalises nouns: '1. Letztes Backup identifizieren' names nobody; 'escalate to Jane Doe' does."""
    person = TYPE_SHAPES["person"]
    assert not person.search("1. Letztes Backup identifizieren")
    assert not person.search("Monitoring auf Datenintegrität")
    assert person.search("If it keeps failing, escalate to Jane Doe")
    assert person.search("Owner: Jane Doe")


def test_who_is_on_call_is_not_answered_by_the_steps_of_a_runbook_that_names_nobody(notes_wiki_of):
    w = notes_wiki_of({
        "db-recovery.md": "# Runbook: Datenbank-Recovery\n\n## Voraussetzungen\n- Backup-Strategie, Zugang zu DB, S3\n\n"
        "## Schritte\n1. Letztes Backup identifizieren\n2. Restore-Befehl ausführen (z.B. pg_restore)\n3. Applikation prüfen\n",
    })
    assert not ask(w, "Who is on call for database recovery?").found


def test_a_two_letter_word_is_said_only_as_a_word():
    """'PR' is not said by 'producto' or 'preguntó'; 'PRs' and 'PR #186' say it."""
    assert not covers("¿Qué producto vendiste?", "pr")
    assert covers("Desde el PR #186 el webhook guardaba", "pr")
    assert covers("two PRs were reverted", "pr")
    assert covers("the monitoring dashboards", "monitor")  # longer words still match as prefixes


def test_which_pr_finds_the_line_naming_the_pr_in_a_note_in_another_language(notes_wiki_of):
    w = notes_wiki_of({
        "whatsapp.md": "# WhatsApp: historial perdido (05/10/2026)\n\n## Qué pasó\n\n"
        "EOS preguntó qué producto vendiste y cuántas unidades.\n\n## Causa raíz\n\n"
        "Desde el PR #186 (29/09) el webhook guardaba el turno con un solo insert de dos filas.\n",
    })
    a = ask(w, "Which PR introduced the WhatsApp history bug?")
    assert a.found and "#186" in a.answer.split("[1]")[0]


def test_a_priority_question_expects_a_priority():
    assert analyse("What priority was INC-810 upgraded to?").answer_types[0] == "severity"
    assert analyse("How severe was the outage?").answer_types[0] == "severity"
    assert TYPE_SHAPES["severity"].search("Initially classified as P4, upgraded to P2 on April 28")
    assert not TYPE_SHAPES["severity"].search("Backups are stored in S3")


def test_the_priority_a_write_up_moved_to_is_found(notes_wiki_of):
    w = notes_wiki_of({
        "inc-810.md": "# INCIDENT #810: API server overloaded\n\n## Summary\n\n- **Date:** April 25, 2025\n"
        "- **Impact:** API servers at 95% CPU\n\n## Detection\n\n- Alert `HighCpuLoad95` fired at 10:00 PM\n"
        "- Initially classified as P4, upgraded to P2 on April 28\n",
    })
    a = ask(w, "What priority was INC-810 upgraded to?")
    assert a.found and "P2" in a.answer.split("[1]")[0]


def test_durations_written_in_other_languages_are_durations():
    duration = TYPE_SHAPES["duration"]
    for text in ("만료 시간: 7일", "有効期限は 7日間", "保留 30 天", "caduca en 7 días", "expire après 7 jours", "nach 3 Tagen"):
        assert duration.search(text), text


def test_how_long_a_token_lives_is_read_from_its_own_table_row(notes_wiki_of):
    w = notes_wiki_of({
        "adr-008.md": "# ADR-008: JWT Stateless + Redis 인증\n\n**Status**: Accepted\n\n## Decision\n\nJWT로 전환합니다.\n\n"
        "## Implementation\n\n| 토큰 | 저장 위치 | 만료 시간 |\n|---|---|---|\n| Access Token | 클라이언트 메모리 | 15분 |\n"
        "| Refresh Token | Redis | 7일 |\n",
    })
    a = ask(w, "How long do refresh tokens live?")
    assert a.found and "7일" in a.answer.split("[1]")[0]


def test_a_file_name_in_backticks_is_a_name_not_a_command(notes_wiki_of):
    """'Add validation to `deploy-manualmode.sh`' names a script; the timeline row running `nginx -t` is the command."""
    w = notes_wiki_of({
        "nginx-500.md": "# Incident Report: Production Outage - Error 500\n\n**Date:** December 15, 2025\n\n## Timeline\n\n"
        "| Time | Event |\n|------|-------|\n| 22:00 | Users report errors |\n| 22:57 | Nginx config tested (`nginx -t`) - successful |\n\n"
        "## Action Items\n\n- [ ] Add post-deployment nginx config validation to `deploy-manualmode.sh`\n",
    })
    a = ask(w, "What command checks that the nginx config is valid?")
    assert a.found and "nginx -t" in a.answer.split("[1]")[0]


def test_an_http_status_is_a_number_not_the_record_status():
    a = analyse("What HTTP status should the old key return after rotation?")
    assert "status" not in a.answer_types and "status" not in a.intents and a.answer_types[0] == "number"
    assert analyse("What is the status of ADR-3?").answer_types[0] == "status"


def test_the_person_who_executes_a_runbook_is_named_by_its_key():
    person = TYPE_SHAPES["person"]
    assert person.search("**Executor:** Carson (human — requires GCP console access).".replace("**", ""))
    assert person.search("负责人：王伟")


def test_a_day_of_a_date_is_not_a_duration():
    duration = TYPE_SHAPES["duration"]
    assert not duration.search("発生日時: 2026年6月4日 14:13頃 (JST)")
    assert not duration.search("2026년 6월 4일에 발생")


def test_how_long_an_incident_lasted_is_not_answered_by_its_start_time(notes_wiki_of):
    w = notes_wiki_of({
        "mojibake.md": "# Incident Report: PowerShell Default Encoding Mojibake (2026-06-04)\n\n## 概要\n\n"
        "- **発生日時**: 2026年6月4日 14:13頃 (JST)\n- **影響範囲**: 全HTMLファイル（7ファイル）\n\n## 根本原因\n\n"
        "PowerShellの `WriteAllText` はエンコーディングを明示しない場合、デフォルトエンコーディングで保存する。\n",
    })
    assert not ask(w, "How long did the encoding incident last?").found


def test_what_options_were_considered_reads_the_options_of_a_record_in_another_language(notes_wiki_of):
    w = notes_wiki_of({
        "openapi-adr.md": "# ADR：生产环境默认关闭 OpenAPI 与 Swagger UI\n\n## 状态\n- accepted\n\n## 背景\n生产环境公开接口文档会暴露 API 路径。\n\n"
        "## 决策\n生产环境采用默认关闭策略。\n\n## 备选方案\n- 方案 1：所有环境继续公开 OpenAPI 与 Swagger UI。\n"
        "- 方案 2：生产只关闭 Swagger UI，保留 `/v3/api-docs`。\n- 方案 3：生产保留 OpenAPI 与 Swagger UI，但要求 JWT 登录。\n",
        "key-rotation.md": "# Runbook: rotate the Google API key\n\n**Status:** Runbook documented, rotation pending.\n\n"
        "## Steps\n\n1. Create the new key.\n2. Append to `docs/runbooks/key-rotations.md` with the date.\n",
    })
    a = ask(w, "What options were considered for the API docs in production?")
    assert a.found and a.citations[0]["source"].endswith("openapi-adr.md") and "方案" in a.answer


def test_a_german_status_update_answers_why_in_its_own_words(notes_wiki_of):
    """Headings written '##2024-01-23 18:30' (no space) are headings; a short compiled page is judged German by
    its source, so English question words it never says do not count against it; 'Aufgrund …' states a reason."""
    w = notes_wiki_of({
        "stoerung.md": "---\ntitle: \"Störung Eingang Mails\"\ndate: 2024-01-23T12:00:00\n---\n\n##2024-01-23 22:00\n\n"
        "Wir monitoren weiter, bis jetzt sieht alles wieder normal aus.\n\n##2024-01-23 18:30\n\n"
        "Wir konnten das Problem isolieren. Aufgrund der Mitigation vom Freitag wurde der Eingang von E-Mails von außen unterbunden.\n\n"
        "##2024-01-23 12:00\n\nE-Mails werden derzeit nicht von anderen Servern an Schullogin.de zugestellt.\n",
    })
    a = ask(w, "Why were external emails not delivered to Schullogin?")
    assert a.found and a.citations[0]["source"].endswith("stoerung.md") and "Wir monitoren" not in a.answer


def test_a_write_up_that_states_no_cause_gives_why_no_typed_answer():
    """The summary is what happened, not why: the typed answerer for "why" says nothing when no cause is stated."""
    from lorebook.query.ask import a_root_cause

    page = {"id": "incident-x", "type": "incident", "title": "Login slow", "fields": {"summary": "We are monitoring."},
            "field_citations": {"summary": [{"source": "raw/x.md", "start_line": 3, "end_line": 3}]}}
    assert a_root_cause(page, None) == []
    page["fields"]["root_cause"] = "A full disk on the session store."
    page["field_citations"]["root_cause"] = [{"source": "raw/x.md", "start_line": 5, "end_line": 5}]
    assert "full disk" in a_root_cause(page, None)[0].text


def test_how_long_an_outage_lasted_is_its_stated_length_not_a_timeline_moment(notes_wiki_of):
    """A generic title ('Incident Report') does not make the typed duration 'about something else': the summary says
    which outage; and a start moment alone ('02:45 AM: alerts fired') is half an answer to 'how long'."""
    w = notes_wiki_of({
        "auth.md": "# Incident Report\n\n## Incident Summary\n\nOn February 18, 2024, at 02:45 AM UTC, the user authentication "
        "service experienced a complete outage. The outage lasted for 45 minutes.\n\n## Timeline\n\n"
        "- 02:45 AM: Monitoring systems triggered alerts for increased error rates in the user authentication service.\n"
        "- 02:50 AM: The incident response team started an investigation of the authentication service outage.\n"
        "- 03:30 AM: The incident was resolved by reverting the load balancer configuration.\n",
    })
    a = ask(w, "How long did the authentication service outage in February 2024 last?")
    assert a.found and "45 minutes" in a.answer.split("[1]")[0]


def test_how_long_it_took_to_resolve_is_the_line_that_states_that_interval(notes_wiki_of):
    w = notes_wiki_of({
        "login.md": "# Post-mortem: login failures, 2023-03-03\n\n## Summary\n\nSome customers could not log in after a deploy.\n\n"
        "## Durations\n\n- **Incident duration:** 36 minutes\n- **Time to resolve:** 9 minutes\n",
    })
    assert "9 minutes" in ask(w, "How long did it take to resolve the login incident?").answer.split("[1]")[0]
    assert "36 minutes" in ask(w, "How long did the login incident last?").answer.split("[1]")[0]


def test_when_something_was_found_asks_for_the_detection():
    for q in ("When was the Homebrew token leak found?", "When did we discover the corrupted index?", "When was the bug identified?"):
        assert "detected" in analyse(q).intents, q


def test_which_port_a_tool_uses_is_not_answered_by_the_records_chosen_option(notes_wiki_of):
    w = notes_wiki_of({
        "pihole.md": "# ADR-001: Migrate to PiHole\n\n## Status\n\nAccepted\n\n## Decision\n\nReplace stock dnsmasq with the PiHole "
        "docker image.\n\n## Learnings\n\nThe stubby image cannot bind to port 53. The default of 5353 is usable through the "
        "`ip#port` pattern that PiHole supports.\n",
    })
    a = ask(w, "Which port does stubby use by default?")
    assert a.found and "5353" in a.answer.split("[1]")[0]
    assert "PiHole" in ask(w, "What did ADR-001 decide?").answer  # the chosen option still answers a choice
