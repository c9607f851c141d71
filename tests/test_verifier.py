"""The claim verifier: the held-out benchmark split, the rules' edges, and `lorebook verify`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lorebook.verify.verifier import Sources, verify_claim

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import verifier as bench  # noqa: E402  (bench/verifier.py)

LOG = "raw/platform-team/engineering-log.md"


def claim(text, start, end, quote, source=LOG):
    return {"text": text, "citations": [{"source": source, "start_line": start, "end_line": end, "quote": quote}]}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return bench.make_root(tmp_path_factory.mktemp("verify"))


def test_held_out_split_accepts_no_fabrication_and_most_true_claims(root):
    """Scored on the split written after the rules were tuned (tests/data/verifier_claims.jsonl)."""
    if not bench.CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present next to the repository")
    claims = bench.load_claims("heldout")
    assert len(claims) >= 40 and sum(not c["label"] for c in claims) >= 20
    s = bench.score(claims, root)
    assert s["fabrications_accepted"] == 0, [c["text"] for c, _ in s["false_accepts"]]
    assert s["recall"] >= 0.9, [(c["text"], v.reasons) for c, v in s["false_rejects"]]


# What each split scores today (docs/performance.md): fabrications accepted may not rise, true claims
# accepted may not fall below the floor. blind-7 and blind-8 were written before the binding rules and
# then tuned on; blind-9 was written after them and scored once before the fixes it exposed. Their
# figures are ceilings, not targets: the bar is 0 fabrications everywhere.
MEASURED = {"tune": (0, 0.94), "heldout": (0, 0.90), "blind-5": (0, 0.90), "blind-6": (0, 0.94), "blind-7": (0, 0.84),
            "blind-8": (0, 0.85), "blind-9": (0, 0.84)}


@pytest.mark.parametrize("split", sorted(MEASURED))
def test_no_split_accepts_more_fabrications_than_measured(root, split):
    if not bench.CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present next to the repository")
    most, floor = MEASURED[split]
    s = bench.score(bench.load_claims(split), root)
    assert s["fabrications_accepted"] <= most, [c["text"] for c, _ in s["false_accepts"]]
    assert s["recall"] >= floor, [(c["text"], v.reasons) for c, v in s["false_rejects"]]


def test_labelled_set_is_big_enough_and_has_every_kind():
    rows = [json.loads(x) for x in bench.CLAIMS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 200
    assert {r["kind"] for r in rows} >= {"true", "number", "date", "time", "name", "negation", "status", "identifier",
                                         "version", "lines", "quote", "range", "antonym", "comparative", "role",
                                         "quantifier", "order"}


@pytest.mark.parametrize("text,start,end,quote,accepted", [
    ("Production traffic used up every database connection in 8 minutes.", 61, 62,
     "used up every database\n   connection in  eight minutes", True),  # whitespace in the quote is normalised
    ("Production traffic used up every database connection in 8 min.", 61, 62, "used up every database connection", True),
    ("Production traffic used up every database connection in 9 minutes.", 61, 62, "used up every database connection", False),
    ("Mina Park and Tomás Reyes decided it on February 3, 2026.", 16, 18, "**Date:** 2026-02-03", True),
    ("Mina Park and Tomás Reyes decided it on February 4, 2026.", 16, 18, "**Date:** 2026-02-03", False),
    ("Mina Park and Tomás Reyes decided ADR-15 on February 3, 2026.", 14, 18, "**Date:** 2026-02-03", False),
    ("Mina Reyes and Tomás Park decided it on February 3, 2026.", 16, 18, "**Date:** 2026-02-03", False),
    ("The rollback started at 2:47 PM.", 56, 56, "Rollback started.", True),
    ("The rollback started at 2:47 AM.", 56, 56, "Rollback started.", False),
    ("After a bad deploy, post in #incidents with the commit.", 80, 81, "Post in #incidents", True),
    ("After a bad deploy, post in #outages with the commit.", 80, 81, "Post in #incidents", False),
])
def test_rules(root, text, start, end, quote, accepted):
    v = verify_claim(claim(text, start, end, quote), Sources(root))
    assert v.accepted is accepted, v.reasons


ADR = "raw/platform-team/adr-015-redis-for-sessions.md"


@pytest.mark.parametrize("text,start,end,quote,reason", [
    # a true paraphrase (reason None) next to the same sentence made false in ordinary words
    ("A Redis failover logs every user out.", 30, 30, "A Redis failover", None),
    ("A Redis failover logs everyone in.", 30, 30, "A Redis failover", "'logs … in'"),
    ("The session format changes from a table row to a JSON blob.", 34, 34, "from a table row to a JSON blob", None),
    ("The session format changes from a JSON blob to a table row.", 34, 34, "The session format moves", "opposite to the quoted"),
    ("Expiry is handled by a nightly cleanup job instead of Redis.", 25, 25, "Expiry is handled by", "opposite to the quoted"),
    ("Session reads no longer take connections from the shared Postgres pool.", 24, 24, "connections from the shared", None),
    ("Session reads take connections from the shared Postgres pool.", 24, 24, "connections from the shared", "without a negation"),
    ("There is one more managed service to run, monitor and pay for.", 29, 29, "managed service to run", None),
    ("There is one fewer managed service to run, monitor and pay for.", 29, 29, "managed service to run", "'fewer'"),
    ("There is one more managed service to run, deploy and pay for.", 29, 29, "managed service to run", "'deploy' where"),
    ("Redis saves a managed service to run, monitor and pay for.", 29, 29, "managed service to run", "'saves'"),
    ("Writes to users, notebooks and billing records often span several tables.", 22, 23, "span several tables", None),
    ("All writes to users, notebooks and billing records span several tables.", 22, 23, "span several tables", "'all'"),
    ("Writes to users, notebooks and billing records rarely span several tables.", 22, 23, "span several tables", "'rarely'"),
    ("Checkout is the quietest path of the public API.", 8, 8, "the checkout flow is its busiest path", "'quietest'"),
    ("Opening a connection per request is encouraged by policy.", 11, 12, "Opening a connection per request", "'encouraged'"),
    ("Managed Postgres was evaluated and chosen.", 25, 31, "**Managed Postgres** — chosen.", None),
    ("Sessions were evaluated for a managed Redis cluster.", 17, 17, "store sessions in a managed Redis cluster", "'evaluated'"),
    ("Managed Postgres was considered but rejected.", 25, 31, "**Managed Postgres** — chosen.", "rejected"),
])
def test_meaning_in_ordinary_words(root, text, start, end, quote, reason):
    """Opposite words, swapped sides, dropped negations, quantifiers, particles and words from nowhere."""
    source = ADR if "edis" in text or "ession" in text or "managed service" in text else LOG
    v = verify_claim(claim(text, start, end, quote, source), Sources(root))
    if reason is None:
        assert v.accepted, v.reasons
    else:
        assert not v.accepted and any(reason in r for r in v.reasons), v.reasons


RELATIONS = """# Search platform notes

The cache cluster runs 3 replicas across 5 nodes.
Last spring we migrated the search index from Solr to OpenSearch.
Application logs are shipped to Loki rather than to Elasticsearch.
Grafana queries Prometheus every 30 seconds.
The export job is using 8 of the maximum 12 workers it may scale up to.
The search token is stored at secret/platform/search in the vault.
The on-call bot reports failures to PagerDuty, and Slack gets a copy.
On Monday the nightly backup was not uploaded.
In the logging stack Vector is the successor to Fluentd.
"""


@pytest.mark.parametrize("text,line,quote,reason", [
    # each true sentence next to one that keeps every word but changes who or what it is about
    ("The cache cluster runs three replicas on five nodes.", 3, "runs 3 replicas", None),
    ("The cache cluster runs 3 nodes across 5 replicas.", 3, "runs 3 replicas", "counts 'nodes' with '3'"),
    ("The cache cluster runs 3 replicas, fewer than the 5 nodes it has.", 3, "runs 3 replicas", None),  # computed, checked
    ("The cache cluster runs 3 replicas, more than the 5 nodes it has.", 3, "runs 3 replicas", "'more'"),
    ("The search index moved from Solr to OpenSearch last spring.", 4, "from Solr to OpenSearch", None),
    ("The search index moved to OpenSearch from Solr.", 4, "from Solr to OpenSearch", None),
    ("The search index moved from OpenSearch to Solr last spring.", 4, "we migrated the search index", "moves from 'opensearch'"),
    ("Application logs go to Loki rather than to Elasticsearch.", 5, "shipped to Loki", None),
    ("Application logs go to Elasticsearch rather than to Loki.", 5, "shipped to Loki", "opposite to the quoted"),
    ("Prometheus is queried by Grafana every 30 seconds.", 6, "Grafana queries Prometheus", None),
    ("Prometheus queries Grafana every 30 seconds.", 6, "Grafana queries Prometheus", "the one who 'queries'"),
    ("The export job may scale up to 12 workers and uses 8 of them.", 7, "of the maximum 12 workers", None),
    ("The export job may scale up to 8 workers.", 7, "of the maximum 12 workers", "a limit"),
    ("The search token is kept at secret/platform/search.", 8, "secret/platform/search", None),
    ("The search token is kept at secret/search/platform.", 8, "secret/platform/search", "identifier"),
    ("The search token is kept at secret/platform/sea.", 8, "secret/platform/search", "identifier"),
    ("Failures are reported to PagerDuty by the on-call bot, and Slack gets a copy.", 9, "reports failures to PagerDuty", None),
    ("The on-call bot reports failures to Slack, and PagerDuty gets a copy.", 9, "reports failures to", "'reports … to slack'"),
    ("On Monday the nightly backup failed to upload.", 10, "nightly backup was not uploaded", None),  # "failed to" negates
    ("On Monday the nightly backup uploaded.", 10, "nightly backup was not uploaded", "drops that negation"),
    ("In the logging stack Vector succeeds Fluentd.", 11, "Vector is the successor to Fluentd", None),
    ("In the logging stack Fluentd succeeds Vector.", 11, "Vector is the successor to Fluentd", "the newer of"),
])
def test_relations_between_named_things(root, text, line, quote, reason):
    """Which number counts which noun, which end of a move, which side of a contrast, who does the verb,
    a limit against a count, a path as an exact token (a synthetic note of the shape real notes take)."""
    (root / "raw" / "relations.md").write_text(RELATIONS, encoding="utf-8")
    v = verify_claim(claim(text, line, line, quote, "raw/relations.md"), Sources(root))
    if reason is None:
        assert v.accepted, v.reasons
    else:
        assert not v.accepted and any(reason in r for r in v.reasons), v.reasons


@pytest.mark.parametrize("source,reason", [
    ("raw/../../etc/passwd", "outside raw/"),
    ("/etc/passwd", "inside raw/"),
    ("raw/platform-team/nope.md", "does not exist"),
    ("wiki/index.md", "inside raw/"),
])
def test_citations_cannot_leave_raw(root, source, reason):
    v = verify_claim(claim("Anything at all.", 1, 1, "anything", source), Sources(root))
    assert not v.accepted and reason in v.reasons[0]


def test_symlink_out_of_raw_is_refused(root, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("The root password is hunter2.\n")
    (root / "raw" / "link.md").symlink_to(secret)
    v = verify_claim(claim("The root password is hunter2.", 1, 1, "root password is hunter2", "raw/link.md"), Sources(root))
    assert not v.accepted and "outside raw/" in v.reasons[0]


def test_cli_keeps_order_and_reports_bad_lines(tmp_path, cli):
    from lorebook.config import init_wiki

    w = init_wiki(tmp_path / "w", "T")
    bench.make_root(w.root)
    lines = [
        json.dumps(claim("Production traffic used up every database connection in eight minutes.", 61, 62, "in eight minutes")),
        "{not json",
        json.dumps({"text": "No citations."}),
        "",
        json.dumps(claim("Production traffic used up every database connection in ten minutes.", 61, 62, "in eight minutes")),
    ]
    f = tmp_path / "claims.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("verify", f, "--wiki", w.root)
    assert r.exit_code == 0
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["accepted"] for o in out] == [True, False, False, False]
    assert out[1]["reasons"][0].startswith("line 2 is not JSON")
    assert out[2]["reasons"][0].startswith('line 3: "citations" must be a non-empty list')
    assert "error: line 2" in r.stderr and "1 accepted, 3 rejected" in r.stderr
    missing = cli("verify", tmp_path / "missing.jsonl", "--wiki", w.root)
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert cli("verify", binary, "--wiki", w.root).exit_code == 2


# A small synthetic note of the shapes these rules read: an action-item checklist, a status table, a
# numbered list, a "named" path, a passive "replaced by", an ordered step, a unit figure under a heading.
NOTE = """# Cache cutover
## Action items
- [ ] Add a dashboard for eviction rate
- [x] Write the cutover checklist
| Task | Owner | Status |
|---|---|---|
| Shard the session store | @ana | open |
## Goals
1. Keep reads under one hop.
2. Make the config declarative and *reviewable*.
## Notes
Dumps are written to a local folder named `snapshots`.
The old proxy was replaced by Envoy in the spring.
Once the replica is promoted, repoint the writers.
A single writer feeds multiple readers.
## Scaling to +40 rps
Each extra node adds about 25 rps of capacity.
Expired keys do not count.
The proxy could expose metrics in the future.
"""


@pytest.fixture()
def note_root(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "cutover.md").write_text(NOTE, encoding="utf-8")
    return tmp_path


def _verdict(root, text, start, end, quote):
    return verify_claim(claim(text, start, end, quote, "raw/cutover.md"), Sources(root))


@pytest.mark.parametrize("text,start,end,quote,ok", [
    # an unticked box or an "open" cell is not done; a ticked box is not still open
    ("A dashboard for eviction rate has already been added.", 3, 3, "dashboard for eviction rate", "marks it open"),
    ("The cutover checklist has been written.", 4, 4, "cutover checklist", True),
    ("Writing the cutover checklist has not been done yet.", 4, 4, "cutover checklist", "marks it done"),
    ("Sharding the session store is done.", 7, 7, "Shard the session store", "marks it open"),
    # the name after "named"
    ("Dumps go to a local folder named backups.", 12, 12, "folder named `snapshots`", "name it 'snapshots'"),
    ("Dumps go to a local folder named snapshots.", 12, 12, "folder named `snapshots`", True),
    # a passive verb's agent is not its object
    ("The old proxy replaced Envoy.", 13, 13, "replaced by Envoy", "object of 'replaced'"),
    ("Envoy replaced the old proxy.", 13, 13, "replaced by Envoy", True),
    # which step comes first
    ("Repoint the writers first and promote the replica afterwards.", 14, 14, "Once the replica is promoted", "opposite order"),
    ("Repoint the writers after the replica is promoted.", 14, 14, "Once the replica is promoted", True),
    # one/many bound to its noun
    ("Multiple writers feed a single reader.", 15, 15, "single writer", "(one/many)"),
    ("One writer feeds several readers.", 15, 15, "single writer", True),
    # an ordinal against the numbered item it cites
    ("The first goal is a declarative, reviewable config.", 10, 10, "declarative", "item 2 of their list"),
    ("The second goal is a declarative, reviewable config.", 10, 10, "declarative", True),
    # a unit's figure comes from the quoted sentence, not the heading above it
    ("Each extra node adds about 40 rps of capacity.", 17, 17, "about 25 rps", "give rps as 25"),
    ("Every additional node adds roughly 25 rps of capacity.", 17, 17, "about 25 rps", True),
    # a negated verb that ends its clause, and a verb the source states without a negation
    ("Expired keys are counted.", 18, 18, "Expired keys", "'not count'"),
    ("Expired keys are not counted.", 18, 18, "Expired keys", True),
    ("The proxy will never expose metrics.", 19, 19, "could expose metrics", "negates 'expose'"),
])
def test_binding_rules(note_root, text, start, end, quote, ok):
    """`ok` is True for a faithful sentence, else the reason the rule for that shape must give."""
    v = _verdict(note_root, text, start, end, quote)
    if ok is True:
        assert v.accepted, v.reasons
    else:
        assert not v.accepted and any(ok in r for r in v.reasons), v.reasons


def test_the_value_a_noun_is_given_must_be_its_own(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.md").write_text("### Regional outage (tier 2 or class 1)\nworkers: 16  # default is 4\n", encoding="utf-8")
    root = tmp_path
    wrong = verify_claim(claim("A regional outage is tier 1 or class 2.", 1, 1, "Regional outage", "raw/a.md"), Sources(root))
    assert any("gives 'tier' the value 1" in r for r in wrong.reasons), wrong.reasons
    assert verify_claim(claim("A regional outage is tier 2 or class 1.", 1, 1, "Regional outage", "raw/a.md"), Sources(root)).accepted
    assert not verify_claim(claim("The worker default is 16.", 2, 2, "default is 4", "raw/a.md"), Sources(root)).accepted


@pytest.mark.parametrize("text,source_line,quote", [
    ("The alert fires when the queue is full.", "The alert is triggered when the queue is full.", "when the queue is full"),
    ("Operators watch the dashboard for ten minutes.", "Operators monitor the dashboard for 10 minutes.", "the dashboard for 10 minutes"),
    ("The baseline pool runs three workers.", "Baseline: pool = 3 workers.", "pool = 3 workers"),
    ("Deploys are frozen during the window.", "Freeze deploys during the window.", "during the window"),
])
def test_paraphrases_are_accepted(tmp_path, text, source_line, quote):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "p.md").write_text(source_line + "\n", encoding="utf-8")
    v = verify_claim(claim(text, 1, 1, quote, "raw/p.md"), Sources(tmp_path))
    assert v.accepted, v.reasons


def test_a_product_version_after_a_capitalised_name_is_a_version_not_an_id(tmp_path):
    """'OCP 4.6' is not 'OCP 4' (an identifier like 'ADR 14'): its minor number must match too; a heading
    inside the cited range names what the lines are about."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "v.md").write_text("#### KMS 2.16 and later\nIn KMS 2.12 the keys were rotated.\nThe agent emits audit events.\n", encoding="utf-8")
    s = Sources(tmp_path)
    assert not verify_claim(claim("In KMS 2.11 the keys were rotated.", 2, 2, "the keys were rotated", "raw/v.md"), s).accepted
    assert verify_claim(claim("In KMS 2.12 the keys were rotated.", 2, 2, "the keys were rotated", "raw/v.md"), s).accepted
    assert verify_claim(claim("From KMS 2.16 the agent emits audit events.", 1, 3, "emits audit events", "raw/v.md"), s).accepted


@pytest.mark.parametrize("text,quote,ok", [
    ("Every worker listens on port 9000.", "listen on 9000", "state no 'all'"),
    ("Not every worker listens on port 9000.", "not all workers listen on 9000", True),
    ("Rotating the key causes some downtime.", "without downtime", "'without downtime'"),
    ("The key can be rotated without downtime.", "without downtime", True),
])
def test_what_the_lines_deny_may_not_be_stated(tmp_path, text, quote, ok):
    """'not all' backs no 'every'; a thing done 'without' something may not be said to involve it."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "n.md").write_text(
        "Pick the right port, not all workers listen on 9000.\nThe key is rotated without downtime.\n", encoding="utf-8")
    line = 1 if "9000" in quote else 2
    v = verify_claim(claim(text, line, line, quote, "raw/n.md"), Sources(tmp_path))
    if ok is True:
        assert v.accepted, v.reasons
    else:
        assert not v.accepted and any(ok in r for r in v.reasons), v.reasons


def test_each_doer_keeps_its_own_object(tmp_path):
    """Two subjects doing the same verb to different things: swapping the objects is rejected."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "m.md").write_text(
        "`queue_depth_total` reports the number of waiting jobs, `worker_busy_ratio` reports the share of busy workers.\n",
        encoding="utf-8")
    s = Sources(tmp_path)
    wrong = verify_claim(claim("worker_busy_ratio reports the number of waiting jobs.", 1, 1, "reports the number of waiting jobs", "raw/m.md"), s)
    assert not wrong.accepted and any("what the cited lines give 'queue_depth_total'" in r for r in wrong.reasons), wrong.reasons
    assert verify_claim(claim("queue_depth_total reports the number of waiting jobs.", 1, 1, "reports the number of waiting jobs", "raw/m.md"), s).accepted


def test_which_option_was_chosen_over_which_is_bound_to_the_chosen_line(tmp_path):
    """'A was chosen over B' keeps both names of the lines but swaps their roles when they say 'Chosen option: "B"'."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "adr.md").write_text(
        "## Considered options\n\n* Use the ADR number\n* Use the ADR filename\n\n## Decision Outcome\n\n"
        "Chosen option: \"Use the ADR number\", because\n\n- The filename is too long to enter without autocompletion\n",
        encoding="utf-8")
    wrong = verify_claim(claim("The ADR filename was chosen over the ADR number because the number is too long to enter.",
                               8, 10, "The filename is too long to enter", "raw/adr.md"), Sources(tmp_path))
    assert not wrong.accepted and any("the cited lines choose" in r for r in wrong.reasons), wrong.reasons
    right = verify_claim(claim("The ADR number was chosen over the ADR filename because the filename is too long to enter.",
                               8, 10, "The filename is too long to enter", "raw/adr.md"), Sources(tmp_path))
    assert not any("the cited lines choose" in r for r in right.reasons), right.reasons


def test_a_status_written_in_another_language_backs_its_english_word(tmp_path):
    """'Statut : ACCEPTÉ' says the record is accepted; it does not say rejected or proposed."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "adr.md").write_text("# ADR 6\n\nStatut : ACCEPTÉ\n\nNous utilisons Redis.\n", encoding="utf-8")
    s = Sources(tmp_path)
    assert verify_claim(claim("The decision is accepted.", 3, 3, "Statut : ACCEPTÉ", "raw/adr.md"), s).accepted
    for wrong in ("The decision is rejected.", "The decision is still proposed."):
        assert not verify_claim(claim(wrong, 3, 3, "Statut : ACCEPTÉ", "raw/adr.md"), s).accepted, wrong
