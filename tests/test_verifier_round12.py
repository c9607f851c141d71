"""Round 12 of the claim verifier: how far a word reaches. Each test pairs a faithful sentence with one
that keeps the lines' words (or, across scripts, their facts) but ties one to the wrong thing or drops
what the lines deny. The sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root
from lorebook.verify.verifier import Sources


def test_a_negation_in_another_script_must_be_kept(tmp_path):
    """A quote that denies in Russian, Chinese or Japanese backs no English sentence that denies nothing;
    a Chinese sentence may not copy a Chinese quote with its 不 taken out."""
    src = _root(tmp_path, "Очередь не теряла сообщения при перезапуске брокера.\n"
                          "结论不是磁盘太慢，而是索引缺失。\n"
                          "バックアップは暗号化されない。\n")
    _check(src, "The queue lost no messages when the broker restarted.", 1, "Очередь не теряла сообщения", True)
    _check(src, "The queue lost messages when the broker restarted.", 1, "Очередь не теряла сообщения", "the quote denies")
    _check(src, "结论不是磁盘太慢。", 2, "结论不是磁盘太慢", True)
    _check(src, "结论是磁盘太慢，索引尚未建立。", 2, "结论不是磁盘太慢", "without its negation")
    _check(src, "バックアップは暗号化される。", 3, "暗号化されない", "the quote denies")


def test_a_month_or_day_of_a_date_counts_nothing(tmp_path):
    """A heading's date gives the lines its year, not its month or day as a count: 'five workers' is not
    backed by '2024-05-14' when the line says three."""
    src = _root(tmp_path, "### 2024-05-14 09:10\n\nThree workers stopped taking jobs. The scheduler could not restart them.\n")
    _check(src, "Three workers stopped taking jobs and the scheduler could not restart them.", 3, "The scheduler could not restart them", True)
    _check(src, "Five workers stopped taking jobs and the scheduler could not restart them.", 3, "The scheduler could not restart them", "number Five")
    _check(src, "In 2024 three workers stopped taking jobs.", 3, "Three workers stopped taking jobs", True)


def test_how_often_is_a_fact(tmp_path):
    """'weekly' where the lines say 'every month' is a changed fact, not a neutral word; 'each night' is 'nightly'."""
    src = _root(tmp_path, "- Rotate the signing keys every month with the rotation script.\n- Prune old snapshots nightly.\n")
    _check(src, "The signing keys are rotated monthly with the rotation script.", 1, "Rotate the signing keys", True)
    _check(src, "The signing keys are rotated weekly with the rotation script.", 1, "Rotate the signing keys", "'weekly'")
    _check(src, "Old snapshots are pruned each night.", 2, "Prune old snapshots", True)
    _check(src, "Old snapshots are pruned every week.", 2, "Prune old snapshots", "'weekly'")


def test_above_and_below_keep_their_side(tmp_path):
    """'listed below the fallback mirrors' where the lines say 'listed above the fallback mirrors'."""
    src = _root(tmp_path, "The resolver config listed the internal mirror above the fallback mirrors.\n")
    q = "listed the internal mirror above the fallback mirrors"
    _check(src, "The resolver config listed the internal mirror above the fallback mirrors.", 1, q, True)
    _check(src, "The resolver config listed the internal mirror below the fallback mirrors.", 1, q, "above/below")


def test_what_another_cited_sentence_denies_may_not_be_stated(tmp_path):
    """The quote is in the first sentence; the second denies the same thing for another environment."""
    src = _root(tmp_path, "You need an approved change ticket before restoring a database in the staging or live accounts. "
                          "A change ticket is not needed in the sandbox account.\n")
    q = "You need an approved change ticket before restoring"
    _check(src, "An approved change ticket is needed before restoring a database in the live account.", 1, q, True)
    _check(src, "A change ticket is not needed in the sandbox account.", 1, "is not needed in the sandbox account", True)
    _check(src, "A change ticket is needed in the sandbox account too.", 1, q, "without a negation")


def test_what_has_stopped_is_not_still_done(tmp_path):
    """'no longer pull from the public mirror' does not back 'still download from the public mirror'."""
    src = _root(tmp_path, "The runners are now isolated, so CI jobs no longer pull images from the public mirror.\n")
    q = "CI jobs no longer pull images from the public mirror"
    _check(src, "CI jobs no longer pull images from the public mirror now that the runners are isolated.", 1, q, True)
    _check(src, "The runners are isolated, but CI jobs still fetch images from the public mirror.", 1, q, "still done")


def test_a_step_done_once_another_is_done_comes_after_it(tmp_path):
    """'retire the old queue once every consumer has moved' puts the move first."""
    src = _root(tmp_path, "We will retire the old queue once every consumer has moved to the new broker.\n")
    q = "retire the old queue once every consumer has moved"
    _check(src, "The old queue will be retired after every consumer has moved to the new broker.", 1, q, True)
    _check(src, "The old queue will be retired before any consumer has moved to the new broker.", 1, q, "opposite order")


RESTORE = """# Restore a replica

Steps:

1. Stop the replica's writer service

    ```
    systemctl stop writer
    ```

2. Copy the latest snapshot onto the replica
3. Start the writer service again
4. Confirm that the replication lag is back to zero

After that, close the ticket.
"""


def test_a_step_keeps_its_place_in_its_list(tmp_path):
    """'the last step' must cite the list's last item, 'the first step' its first; 'A before B' follows the
    list's order even when B's item is outside the cited lines."""
    src = _root(tmp_path, RESTORE)
    _check(src, "The first step is to stop the replica's writer service.", 5, "Stop the replica's writer service", True)
    _check(src, "The last step is to stop the replica's writer service.", 5, "Stop the replica's writer service", "the last step")
    _check(src, "The last step is to confirm that the replication lag is back to zero.", 13, "Confirm that the replication lag", True)
    _check(src, "The first step is to confirm that the replication lag is back to zero.", 13, "Confirm that the replication lag", "the first step")
    _check(src, "Before starting the writer service again, copy the latest snapshot onto the replica.", 11, "Copy the latest snapshot", True, end=12)
    _check(src, "Before copying the latest snapshot onto the replica, start the writer service again.", 11, "Copy the latest snapshot",
           "the other way round", end=12)
    _check(src, "The writer service is started again before the latest snapshot is copied onto the replica.", 12,
           "Start the writer service again", "the other way round")
    # a paragraph after the list is not one of its items
    _check(src, "After that, close the ticket.", 15, "close the ticket", True)


def test_a_time_keeps_its_own_timeline_row(tmp_path):
    """Each time goes with the event on its own row, in English and in a Korean timeline."""
    src = _root(tmp_path, "- 09:12 — Disk usage alert fired on the build host.\n- 09:30 — Old artifacts purged; disk usage back to normal.\n"
                          "- 10:01 — 백업 작업이 전체 디스크 스냅샷을 시작했다.\n- 10:09 — 스냅샷이 완료되었다.\n")
    q = "09:12 — Disk usage alert fired on the build host. - 09:30 — Old artifacts purged"
    _check(src, "The disk usage alert fired at 09:12 and old artifacts were purged at 09:30.", 1, q, True, end=2)
    _check(src, "The disk usage alert fired at 09:30, after old artifacts were purged at 09:12.", 1, q, "another row", end=2)
    _check(src, "10:01에 백업 작업이 전체 디스크 스냅샷을 시작했다.", 3, "10:01", True, end=4)
    _check(src, "10:09에 백업 작업이 전체 디스크 스냅샷을 시작했다.", 3, "10:01", "another row", end=4)


def test_two_named_things_keep_their_own_attributes(tmp_path):
    """Two clauses, each about a thing named on its own cited line, may not trade what the lines say of them."""
    src = _root(tmp_path, "* Service account `deploy-bot` – push + tag.\n* Service account `audit-reader` – read-only, for audits.\n"
                          "db-3 held 812 connections while db-7 held 95.\n")
    q = "Service account `deploy-bot`"
    _check(src, "The deploy-bot account may push and tag, while audit-reader is read-only, for audits.", 1, q, True, end=2)
    _check(src, "The deploy-bot account is read-only, for audits, while audit-reader may push and tag.", 1, q, "trade", end=2)
    q = "db-3 held 812 connections while db-7 held 95"
    _check(src, "db-3 held 812 connections, while db-7 held 95.", 3, q, True)
    _check(src, "db-3 held 95 connections, while db-7 held 812.", 3, q, "trade")


def test_how_often_reads_other_languages_and_cron(tmp_path):
    """'every day' is backed by 'diariamente' or a '0 3 * * *' schedule; 'every week' is not."""
    src = _root(tmp_path, "- Ejecutar el script `sync.sh` diariamente.\n- Ejemplo: `30 2 * * * /opt/sync.sh`\n")
    _check(src, "The sync.sh script is run daily.", 1, "Ejecutar el script", True)
    _check(src, "The sync.sh script is run weekly.", 1, "Ejecutar el script", "'weekly'")
    _check(src, "/opt/sync.sh runs daily.", 2, "30 2 * * * /opt/sync.sh", True)
    _check(src, "/opt/sync.sh runs monthly.", 2, "30 2 * * * /opt/sync.sh", "'monthly'")


def test_a_message_quoted_verbatim_is_not_a_claim_that_it_happened(tmp_path):
    """The log line holds 'already synced' though the sentence before says the item will not sync."""
    src = _root(tmp_path, "If the version is older, the item will not sync. The worker logs show a warning:\n\n"
                          "```\nSkipped: item already synced\n```\n")
    _check(src, "For an older version the worker logs show a 'Skipped: item already synced' warning.", 1,
           "Skipped: item already synced", True, end=4)
    _check(src, "For an older version the item syncs and the worker logs show a warning.", 1,
           "The worker logs show a warning", "without a negation", end=4)


def test_one_of_a_list_named_by_what_it_is_counts_nothing(tmp_path):
    """'One follow-up is …' introduces one of the listed follow-ups; 'One reason for …' one of the reasons."""
    src = _root(tmp_path, "## Follow-up action items\n\n- Add an alert on queue depth above 500\n- Write a runbook for the consumer restart\n")
    _check(src, "One follow-up is to write a runbook for the consumer restart.", 4, "Write a runbook for the consumer restart", True)
    _check(src, "One action item is an alert on queue depth above 500.", 3, "Add an alert on queue depth", True)
    _check(src, "Two follow-ups are to write a runbook for the consumer restart.", 4, "Write a runbook for the consumer restart", "number Two")


def test_a_name_swapped_at_the_start_of_a_copied_quote(tmp_path):
    """The quote copied word for word but its first word, a name, swapped for another name of the lines."""
    src = _root(tmp_path, "We moved to NLBs because:\n\n- CLBs are end-of-life in the provider and fail health checks\n")
    q = "CLBs are end-of-life in the provider and fail health checks"
    _check(src, "One reason for moving to NLBs is that CLBs are end-of-life in the provider and fail health checks.", 3, q, True)
    _check(src, "One reason for moving away from NLBs is that NLBs are end-of-life in the provider and fail health checks.", 3, q,
           "says 'nlbs' where it says 'clbs'")


def test_a_document_may_be_called_by_the_folder_and_number_it_is_filed_under(tmp_path):
    """A file in raw/docs/adr/ named '0007-…' is an ADR, and ADR 7; not ADR 8."""
    (tmp_path / "raw" / "docs" / "adr").mkdir(parents=True)
    (tmp_path / "raw" / "docs" / "adr" / "team__0007-use-queues.md").write_text("# Use queues\n\n## Status\n\nAccepted\n", encoding="utf-8")
    src = Sources(tmp_path)
    name = "docs/adr/team__0007-use-queues.md"
    _check(src, "The queues ADR has the status Accepted.", 3, "Accepted", True, end=5, name=name)
    _check(src, "ADR 7 has the status Accepted.", 3, "Accepted", True, end=5, name=name)
    _check(src, "ADR 8 has the status Accepted.", 3, "Accepted", "'ADR 8'", end=5, name=name)


def test_then_and_followed_by_keep_the_lists_order(tmp_path):
    src = _root(tmp_path, RESTORE)
    _check(src, "Copy the latest snapshot onto the replica, then start the writer service again.", 11, "Copy the latest snapshot", True, end=12)
    _check(src, "Start the writer service again, then copy the latest snapshot onto the replica.", 11, "Copy the latest snapshot",
           "the other way round", end=12)
    _check(src, "Starting the writer service again is followed by copying the latest snapshot onto the replica.", 11,
           "Copy the latest snapshot", "the other way round", end=12)
    _check(src, "The writer service is started again, before the latest snapshot is copied onto the replica.", 11,
           "Copy the latest snapshot", "the other way round", end=12)


def test_first_and_last_are_backed_by_the_lists_order(tmp_path):
    """'begins with' / 'ends by' need no such word in the lines when the quoted item is the list's first / last
    (and its parent item is too); a step the item itself calls 'start' is its own word, not a place."""
    src = _root(tmp_path, "Procedure:\n\n- take a snapshot of the old volume\n- resize the claim\n- close out:\n"
                          "    - record the new size in the ticket\n    - delete the old snapshot\n\n"
                          "Rollout:\n\n- drain node-a\n- start the rollout by draining node-b\n- uncordon both nodes\n")
    _check(src, "The procedure begins with a snapshot of the old volume.", 3, "take a snapshot of the old volume", True)
    _check(src, "The procedure begins by resizing the claim.", 4, "resize the claim", "the first step")
    _check(src, "The procedure ends by deleting the old snapshot.", 5, "delete the old snapshot", True, end=7)
    _check(src, "The procedure ends by recording the new size in the ticket.", 5, "record the new size", "'ends'", end=7)
    _check(src, "The rollout starts by draining node-b.", 12, "start the rollout by draining node-b", True)


def test_what_must_be_done_is_not_merely_allowed(tmp_path):
    src = _root(tmp_path, "The /ready endpoint must be used for load balancer checks.\nOperators may skip the smoke test for config-only changes.\n")
    _check(src, "The /ready endpoint must be used for load balancer checks.", 1, "must be used for load balancer checks", True)
    _check(src, "The /ready endpoint may be used for load balancer checks.", 1, "must be used for load balancer checks", "'may'")
    _check(src, "Operators may skip the smoke test for config-only changes.", 2, "may skip the smoke test", True)
    _check(src, "Operators must skip the smoke test for config-only changes.", 2, "may skip the smoke test", "'must'")


def test_the_words_beside_to_or_an_arrow_keep_their_places(tmp_path):
    src = _root(tmp_path, "- Use the gateway to rewrite HTTP -> HTTPS\n")
    _check(src, "The gateway rewrites HTTP to HTTPS.", 1, "rewrite HTTP -> HTTPS", True)
    _check(src, "The gateway rewrites HTTPS to HTTP.", 1, "rewrite HTTP -> HTTPS", "'https to http'")


def test_each_clause_keeps_its_own_negation(tmp_path):
    """One clause of the sentence keeps a negation, the other drops the one its source clause has."""
    src = _root(tmp_path, "A ticket in the support queue said three customers couldn't download their invoices. "
                          "The billing console was not able to regenerate them either.\n"
                          "The exporter no longer writes to the shared bucket, and it now streams to the archive.\n")
    q = "The billing console was not able to regenerate them either"
    _check(src, "A ticket in the support queue said three customers could not download their invoices, and the billing console "
                "could not regenerate them either.", 1, q, True)
    _check(src, "A ticket in the support queue said three customers could download their invoices, and the billing console "
                "could not regenerate them either.", 1, q, "without a negation")
    q = "no longer writes to the shared bucket"
    _check(src, "The exporter now streams to the archive and no longer writes to the shared bucket.", 2, q, True)
    _check(src, "The exporter writes to the shared bucket, and it now streams to the archive.", 2, "it now streams to the archive",
           "the source clause says")


def test_start_is_not_stop(tmp_path):
    src = _root(tmp_path, "Several worker pods were failing to start after the node upgrade.\nThe scheduler stopped retrying after an hour.\n")
    _check(src, "Several worker pods were failing to start after the node upgrade.", 1, "after the node upgrade", True, end=2)
    _check(src, "Several worker pods were failing to stop after the node upgrade.", 1, "after the node upgrade", "'stop'", end=2)


def test_a_foreign_negation_just_before_the_quote_counts(tmp_path):
    """'**NUNCA** restaurar en producción' quoted from 'restaurar': the sentence must still deny."""
    src = _root(tmp_path, "- **NUNCA** restaurar una copia sobre la base de datos de producción.\n")
    q = "restaurar una copia sobre la base de datos de producción"
    _check(src, "NUNCA restaurar una copia sobre la base de datos de producción.", 1, q, True)
    _check(src, "Restaurar una copia sobre la base de datos de producción.", 1, q, "the quote denies")


def test_every_negation_of_the_sentence_is_judged_by_its_own_clause(tmp_path):
    """The first clause's negation is backed; the second one's source clause, on the next sentence of the
    cited line, states its verb plainly."""
    src = _root(tmp_path, "- **The standby does NOT promote itself.** After a failover it stays read-only → an operator must promote it.\n")
    q = "The standby does NOT promote itself"
    _check(src, "The standby does not promote itself, so after a failover it stays read-only and an operator must promote it.", 1, q, True)
    _check(src, "The standby does not promote itself, so after a failover it stays read-only and an operator must not promote it.",
           1, q, "without a negation")


def test_no_is_not_all_and_read_only_restricts_nothing(tmp_path):
    src = _root(tmp_path, "All internal services should use the shared tracing library for spans the runtime can't emit.\n"
                          "- switch the old replica to read only mode\n")
    q = "should use the shared tracing library"
    _check(src, "All internal services should use the shared tracing library for spans the runtime can't emit.", 1, q, True)
    _check(src, "No internal services should use the shared tracing library for spans the runtime can't emit.", 1, q, "says all of them")
    q = "switch the old replica to read only mode"
    _check(src, "The old replica is switched to read-only mode.", 2, q, True)
    _check(src, "Only the old replica is switched to read-only mode.", 2, q, "no restriction")


def test_a_number_keeps_its_own_clause(tmp_path):
    """'with 30 workers busy, the cap was raised to 18' where the line says 'Now at 18 workers, raise the cap to 30 workers'."""
    src = _root(tmp_path, "Now at 18 workers, decide to raise the worker cap to 30 workers via the admin page.\n")
    q = "decide to raise the worker cap to 30 workers"
    _check(src, "With 18 workers in use, the worker cap was raised to 30 via the admin page.", 1, q, True)
    _check(src, "With 30 workers in use, the worker cap was raised to 18 via the admin page.", 1, q, "the number of another clause")


def test_a_name_from_the_title_may_not_stand_for_the_lines_own_name(tmp_path):
    """The file is about 'Granite'; the line says the image was pushed to registry.example.org."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "granite__incident-leaked-key.md").write_text(
        "# Granite incident: leaked key\n\n- 2024-03-02: `quarry/worker:v1.2` pushed to registry.example.org with the deploy key inside a .env file\n",
        encoding="utf-8")
    src = Sources(tmp_path)
    q = "pushed to registry.example.org with the deploy key"
    name = "granite__incident-leaked-key.md"
    _check(src, "The quarry/worker:v1.2 image was pushed to registry.example.org with the deploy key inside a .env file.", 3, q, True, name=name)
    _check(src, "The quarry/worker:v1.2 image was pushed to Granite with the deploy key inside a .env file.", 3, q,
           "names 'registry.example.org'", name=name)


def test_a_word_that_only_starts_with_un_is_no_negation(tmp_path):
    """'unique' and 'understand' deny nothing; 'unlimited' does."""
    src = _root(tmp_path, "Число попыток не ограничено.\n")
    q = "Число попыток не ограничено"
    _check(src, "The number of attempts is unlimited.", 1, q, True)
    _check(src, "The number of attempts is a unique setting.", 1, q, "the quote denies")
