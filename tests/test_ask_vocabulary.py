"""Questions put in other words than the notes: other languages, categories for products, identifiers,
lines no typed field cites (issue 12's unseen check). Small synthetic notes of the shapes met there."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.analysis import analyse, heading_field
from lorebook.query.ask import RARE_UNITS, ask, covers, exact_names, names_in, uncited_lines
from lorebook.query.vocabulary import foreign_question, instances, other_language
from lorebook.store.db import database_for


@pytest.mark.parametrize("question,expected,subject", [
    # French, Spanish and Portuguese words lose their endings, so that "échoué" finds "échec", "redémarré" "redémarrage"
    ("Pourquoi la sauvegarde a-t-elle échoué ?", "reason", ["sauvegard", "échou"]),
    ("Qui a redémarré le serveur de paiement ?", "person", ["redémarr", "serveur", "paiement"]),
    ("Wann wurde die Entscheidung zum Cache getroffen?", "date", ["entscheidung", "cache", "getroffen"]),
    ("Quelle commande purge la file d'attente ?", "command", ["purge", "file", "attent"]),
])
def test_questions_in_other_languages(question, expected, subject):
    a = analyse(question)
    assert expected in a.answer_types
    assert a.question.subject == subject
    assert foreign_question(question) and not foreign_question("Why did the backup fail?")


def test_section_headings_in_other_languages():
    assert heading_field("Panne > 근본 원인") == "root_cause"
    assert heading_field("障害の概要") == "overview"
    assert heading_field("Chronologie (heure de Paris)") == "timeline"
    assert heading_field("Folgen") == "consequences"
    assert heading_field("Runbook > Verification") == "verification"
    assert analyse("How do I know the queue incident is over?").weight_of("verification") == 1.0


def test_identifiers_name_one_thing():
    assert exact_names("What caused the orders-db-02 failover on SEC-114?") == ["orders-db-02", "sec-114"]
    assert exact_names("How do I drain the ledgerd-api-blue pool?") == ["ledgerd-api-blue"]
    assert exact_names("Why use infrastructure-as-code for the dead-letter queue?") == []


def test_categories_find_the_product_the_notes_name():
    assert "fluentbit" in instances("shipper") and "rabbitmq" in instances("brokers")
    assert covers("Logs go out through fluentbit to OpenSearch.", "shipper")
    assert not covers("Logs go out through syslog.", "shipper")


def test_accents_camel_case_and_language():
    assert covers("Le jeton a fuité dans le dépôt.", "fuite") and covers("le depot", "dépôt")
    assert covers("Run RetryFailedExportJob.perform_later(id)", "job")
    assert other_language("本番環境でコメントが生成されない事象が発生した。原因は設定の空文字だった。")
    assert not other_language("The export queue backed up because the retry limit was too low for the large notebooks.")


def test_a_word_naming_a_system_is_a_name():
    assert "payments" in names_in("Who is on call for the payments service this week?")
    assert "billing" in names_in("what does the billing team own")


@pytest.fixture(scope="module")
def notes_wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("vocab")
    notes = root / "notes"
    notes.mkdir()
    (notes / "db-incidents.md").write_text(
        "# Database incident log\n\n"
        "## 2025-02-03: orders-db-01 failure\n- **Cause:** Disk controller fault\n- **Recovery time:** 70 minutes\n\n"
        "## 2025-05-09: orders-db-02 failover\n- **Cause:** Zone outage in eu-west-1b\n- **Recovery time:** 4 minutes\n",
        encoding="utf-8")
    (notes / "panne-sauvegarde.md").write_text(
        "# Panne de la sauvegarde nocturne\n\n**Statut** : clos\n\n## Résumé\n\n"
        "La sauvegarde nocturne de la base des commandes a échoué trois nuits de suite.\n\n"
        "## Cause\n\nLe disque de destination était plein parce que la rotation des archives était désactivée.\n\n"
        "## Actions\n\n| Action | Qui | État |\n|---|---|---|\n| Réactiver la rotation | Camille | fait |\n",
        encoding="utf-8")
    (notes / "adr-0004-cache.md").write_text(
        "# ADR 4: Use Redis as the session cache\n\n## Status\n\nAccepted\n\n## Context\n\nSessions are slow to read.\n\n"
        "## Alternatives\n\n1) Memcached:\n\nPros: very fast.\nCons: no persistence across restarts.\n\n"
        "## Decision\n\nWe will use Redis for sessions.\n", encoding="utf-8")
    (notes / "checkout-outage.md").write_text(
        "Checkout outage report\nSummary\n\nStart: 2025-03-04 10:00 UTC\nEnd: 2025-03-04 11:10 UTC\n\nTimeline\n"
        "10:00 UTC - Alerts fire for checkout errors.\n10:20 UTC - Rollback of the payment client started.\n"
        "11:10 UTC - Full service restored and error rate back to normal.\n", encoding="utf-8")
    (notes / "maps-bill.md").write_text(
        "# 地図APIの請求障害\n\n## 障害の概要\n\n開発中に地図APIの請求額が一晩で約5万円 (50,000¥) になった。\n\n"
        "## 原因\n\n`useEffect` の依存配列が状態を更新し続け、ジオコーディングを無限に呼び出した。\n", encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def cited(a, name: str) -> set[int]:
    return {n for c in a.citations if c["source"].endswith(name) for n in range(c["start_line"], c["end_line"] + 1)}


def test_a_line_no_typed_field_cites_still_answers(notes_wiki):
    a = ask(notes_wiki, "What caused the orders-db-02 failover?")
    assert a.found and "Zone outage" in a.answer and 8 in cited(a, "db-incidents.md")


def test_a_french_question_reads_the_french_section(notes_wiki):
    a = ask(notes_wiki, "Pourquoi la sauvegarde a-t-elle échoué ?")
    assert a.found and "disque de destination" in a.answer and 11 in cited(a, "panne-sauvegarde.md")


def test_an_english_question_about_a_page_in_japanese(notes_wiki):
    a = ask(notes_wiki, "How much did the maps API bill jump to overnight?")
    assert a.found and "5万円" in a.answer and 5 in cited(a, "maps-bill.md")


def test_a_label_line_leads_the_pros_and_cons_under_it(notes_wiki):
    a = ask(notes_wiki, "Why was Memcached rejected for the session cache?")
    assert a.found and "no persistence" in a.answer


def test_a_timeline_line_without_a_heading_answers_when(notes_wiki):
    a = ask(notes_wiki, "When was full service restored after the checkout outage?")
    assert a.found and "11:10" in a.answer and 10 in cited(a, "checkout-outage.md")


def test_a_system_the_notes_never_name_is_not_found(notes_wiki):
    assert not ask(notes_wiki, "Who is on call for the payments service this week?").found


def test_only_rare_words_are_looked_up_line_by_line(notes_wiki):
    """The pass over uncited lines ranks sentences of the question's rare words only: a common word
    would make it rank a large share of every sentence in a big wiki (0.5 s a question at 10,000 sources)."""
    ask(notes_wiki, "What caused the orders-db-02 failover?")  # the sentence index exists
    db = database_for(notes_wiki)
    with db.read() as conn:
        rare = uncited_lines(conn, db, ["failover", "outage"], {"failover": 1, "outage": RARE_UNITS + 1})
        common = uncited_lines(conn, db, ["outage"], {"outage": RARE_UNITS + 1})
    assert rare and all("failover" in (r.heading + r.text).lower() for r in rare)
    assert common == []


@pytest.fixture(scope="module")
def shapes_wiki(tmp_path_factory):
    """Notes of the shapes issue 12's third unseen check met: two ADRs (English, German) rejecting the same
    option, a post-mortem with a 'What Didn't Go Well' list and an action-item table with signed statuses,
    a runbook whose report path is stated in passing."""
    root = tmp_path_factory.mktemp("shapes")
    notes = root / "notes"
    notes.mkdir()
    (notes / "adr-007-search.md").write_text(
        "# ADR-007: Keep OpenSearch for catalogue search\n\n**Status**: Accepted\n\n## Context\n\n"
        "The catalogue needs full-text search across all listings.\n\n## Decision\n\nWe keep OpenSearch.\n\n"
        "## Alternatives Considered\n\n1. **Solr**: Older tooling and fewer managed offerings\n"
        "2. **Typesense**: Too young for our scale\n", encoding="utf-8")
    (notes / "adr-002-suche.md").write_text(
        "# ADR 002: Wahl der Suchmaschine\n\n## Status\nEntschieden (2025-01-10)\n\n## Kontext\n"
        "Wir brauchen eine Volltextsuche für den Shop, die mit dem Katalog wächst.\n\n## Entscheidung\n"
        "Wir wählen Elasticsearch, weil das Team es bereits betreibt.\n\n## Alternativen\n"
        "1. **Solr**: Die Konfiguration ist aufwendig und das Team kennt es nicht.\n", encoding="utf-8")
    (notes / "queue-stall.md").write_text(
        "# Postmortem: Order queue stall\n\n**Date:** 2025-02-03\n**Severity:** SEV-2\n\n## Summary\n\n"
        "Orders stopped flowing for 40 minutes after a consumer deploy.\n\n## Root Cause\n\n"
        "The deploy made the consumers commit offsets only every ten minutes.\n\n## What Went Well\n\n"
        "- The on-call engineer paged the team within minutes.\n\n## What Didn't Go Well\n\n"
        "- Restarting every consumer at once made the backlog worse.\n\n## Action Items\n\n"
        "| Action | Owner | Status |\n|---|---|---|\n| Alert on consumer lag | Kim | ✅ Complete |\n"
        "| Add a canary stage to consumer deploys | Ops Team | 🔄 In Progress |\n", encoding="utf-8")
    (notes / "backup-check.md").write_text(
        "# Runbook: nightly backup check\n\n## Steps\n\n1. Run `make backup-check` on the backup host.\n"
        "2. The check stores its report in `/var/log/backup/check_<date>.log`.\n"
        "3. Read the backup report before 09:00 and page the storage team if any volume is missing.\n", encoding="utf-8")
    (notes / "reindex.md").write_text(
        "# Procedure: search reindex drill\n\n## 1. Dry run\n\n```\nmake reindex-drill\n```\n\n"
        "## 2. Live run\n\nPick a quiet window and run:\n\n```\nsudo make reindex-drill LIVE=1\n```\n\n"
        "Useful settings:\n\n- `REINDEX_BATCH=500` to change the batch size.\n- `REINDEX_WAIT=60` to wait longer.\n",
        encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_a_code_block_is_read_with_its_heading_and_beats_a_setting(shapes_wiki):
    a = ask(shapes_wiki, "What command does the live run of the reindex drill?")
    assert a.found and "LIVE=1" in a.answer.split("[1]")[0]


def test_a_german_question_means_the_german_page(shapes_wiki):
    a = ask(shapes_wiki, "Warum wurde Solr nicht gewählt?")
    assert a.found and "Konfiguration ist aufwendig" in a.answer and cited(a, "adr-002-suche.md")


def test_what_made_it_worse_reads_what_went_wrong(shapes_wiki):
    a = ask(shapes_wiki, "What made the order queue stall worse?")
    assert a.found and "Restarting every consumer" in a.answer


def test_the_status_of_one_named_action_item_is_its_row(shapes_wiki):
    a = ask(shapes_wiki, "What is the status of the canary stage action item for the order queue stall?")
    assert a.found and "In Progress" in a.answer and "Alert on consumer lag" not in a.answer


def test_where_is_it_written_answers_with_the_path(shapes_wiki):
    a = ask(shapes_wiki, "Where is the nightly backup check report stored?")
    assert a.found and "/var/log/backup/check_" in a.answer
