"""Runbook extraction against the example log, hand-written fixtures and the real runbook corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lorebook.extract.runbook import KEY_FIELDS, extract, first_sentence, split_title, summarize
from lorebook.sources.reader import read_source, source_from_text
from lorebook.sources.segment import documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "runbook"
EXAMPLE = SHARED / "examples" / "engineering-incidents-and-decisions.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "runbook"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared corpus not available")


def _docs(path: Path):
    return documents(read_source(path, "raw/" + path.name))


def _record(path: Path, title_part: str = ""):
    docs = [d for d in _docs(path) if title_part in d.title]
    assert docs, f"no document titled like {title_part!r} in {path.name}"
    return extract(docs[0])


def _corpus(fragment: str):
    return _record(next(CORPUS.glob(f"*{fragment}*")))


def _lines(rec, span) -> str:
    return "\n".join(rec.document.source.lines(span.start, span.end)).lower()


def _assert_cited(rec, name: str, text_of=lambda v: v) -> None:
    """Every entry of a list field cites lines of its own document that hold its words."""
    values, spans = rec.fields[name], rec.cite(name)
    assert len(values) == len(spans)
    ext = rec.document.extent
    for v, span in zip(values, spans):
        assert span is not None and ext.start <= span.start <= span.end <= ext.end, (name, v, span)
        lines = _lines(rec, span)
        for word in re.findall(r"\w{3,}", text_of(v).lower()):
            assert word in lines, f"{name}: {word!r} of {text_of(v)!r} not in lines {span.start}-{span.end}"


# --- the example log's "Runbook: Roll back a bad deploy" ---


@needs_shared
def test_example_rollback_runbook_steps():
    rec = _record(EXAMPLE, "Runbook")
    steps = rec.fields["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5]
    assert [s["title"] for s in steps] == [
        "Confirm the regression",
        "Find the last green pipeline",
        "Trigger the rollback deploy",
        "Verify recovery",
        "Post in #incidents",
    ]
    assert all(s["commands"] == [] for s in steps)
    assert steps[0]["text"] == (
        "Check the dashboard for an elevated error rate or a latency spike. Do not act until the problem is confirmed."
    )
    assert [(sp.start, sp.end) for sp in rec.cite("steps")] == [(72, 73), (74, 75), (76, 77), (78, 79), (80, 81)]
    _assert_cited(rec, "steps", lambda s: s["title"])


@needs_shared
def test_example_rollback_runbook_other_fields():
    rec = _record(EXAMPLE, "Runbook")
    assert rec.fields["verification"] == [  # a two-word "Verify recovery" step says how in its text
        "Verify recovery: The error rate should return to baseline within five minutes of the rollback completing."]
    assert len(rec.fields["caveats"]) == 1 and "schema migration" in rec.fields["caveats"][0]
    assert rec.fields["caveats"][0].startswith("Database migrations: before triggering the rollback")
    assert (rec.cite("caveats")[0].start, rec.cite("caveats")[0].end) == (83, 86)
    assert rec.fields["rollback"] is None and rec.fields["contacts"] == []
    assert rec.summary == "5-step procedure: confirm the regression, find the last green pipeline, …"
    assert rec.key_missing == ["overview"]  # the runbook is only a list and a warning: no prose overview


# --- hand-written fixtures ---


def test_seed_template_all_fields():
    rec = _record(FIXTURES / "db-backup-restoration.md")
    f = rec.fields
    assert rec.document.title == "Runbook: Database Backup Restoration"
    assert f["overview"].startswith("Restore the orders PostgreSQL database from the nightly snapshot")
    assert f["prerequisites"] == [
        "Access to the prod-db bastion host",
        "The pg_restore client, version 15 or later",
        "Approval from the database owner in #db-oncall",
    ]
    assert f["impact"] == "Checkout is read-only while the restore runs, usually 20 to 40 minutes."
    assert [(s["number"], s["title"]) for s in f["steps"]] == [
        (1, "Notify Team"),
        (2, "Stop the application writers"),
        (3, "Restore the snapshot"),
        (4, "Verify the row counts"),
    ]
    assert f["steps"][0]["text"] == "Post in #incidents that the orders database is being restored."
    assert f["steps"][0]["commands"] == []
    assert f["steps"][1]["commands"] == ["kubectl -n shop scale deployment/order-worker --replicas=0"]
    assert f["steps"][2]["commands"] == [
        "aws s3 cp s3://shop-backups/orders/latest.dump /tmp/orders.dump\npg_restore --clean --dbname=orders /tmp/orders.dump"
    ]
    assert [(sp.start, sp.end) for sp in rec.cite("steps")] == [(20, 22), (24, 30), (32, 39), (41, 47)]
    assert f["verification"] == ["Verify the row counts: Compare the row counts with the numbers in the backup manifest."]
    assert f["rollback"] == "If the restore fails, promote the standby replica instead and point the application at it."
    assert f["rollback_commands"] == ["pg_ctl promote -D /var/lib/postgresql/15/standby"]
    assert f["caveats"] == [
        'pg_restore reports "role does not exist": create the role first, then rerun.',
        "The dump download is slow: use the regional bucket shop-backups-eu.",
        "Warning: never restore over the primary while the workers are running.",
    ]
    assert f["contacts"] == ["Database on-call: #db-oncall", "Escalation: Dana Kim (platform lead)"]
    assert f["last_reviewed"] == "2026-02-14" and rec.cite("last_reviewed")[0].start == 73
    assert f["review_in"] is None and f["diagnosis"] == []
    assert rec.key_missing == []
    assert rec.summary == "4-step procedure: notify Team, stop the application writers, restore the snapshot, …"
    for name in ("prerequisites", "steps", "verification", "caveats", "contacts"):
        _assert_cited(rec, name, lambda v: v["title"] if isinstance(v, dict) else v)


def test_korean_runbook():
    rec = _record(FIXTURES / "ko-cache-restart.md")
    f = rec.fields
    assert f["overview"] == "캐시 서버가 응답하지 않을 때 서비스 영향 없이 재시작하는 절차입니다."
    assert f["prerequisites"] == ["운영 클러스터 접근 권한", "인프라팀 승인"]
    assert [s["title"] for s in f["steps"]][0::2] == ["트래픽 차단", "상태 확인"]
    assert f["steps"][1]["commands"] == ["sudo systemctl restart redis"]  # inline `code` that reads as a command
    assert f["steps"][2]["commands"] == ["redis-cli ping"]
    assert f["verification"] == ["상태 확인: redis-cli ping 결과가 PONG인지 봅니다."]  # the step says how
    assert f["rollback"] == "재시작이 실패하면 이전 노드를 다시 로드밸런서에 등록합니다."
    assert f["contacts"] == ["인프라팀 #infra-oncall"]


def test_crlf_matches_lf():
    text = (FIXTURES / "db-backup-restoration.md").read_text()
    lf = extract(documents(source_from_text("raw/a.md", text))[0])
    crlf = extract(documents(source_from_text("raw/a.md", text.replace("\n", "\r\n")))[0])
    assert crlf.fields == lf.fields and crlf.citations == lf.citations


ODD = [
    "", "#", "```\ncode\n```", "1.\n2.\n", "# Runbook: x\n## Steps\n", "> q\n> > nested\n",
    "## Mitigation\n- a\n  ```\n  x\n  ```\n", "# A\n## Procedure\n### Step 1\n### Step 2\n", "## History\n- no date\n",
    "---\nlast_reviewed_on: [1, 2]\nowner_slack: 5\n---\n# x\n1. a\n2. b\n", "1. **Step 1:** Do it\n2. **Step 2**\n",
    "* [ ] 1\n\n1) a\n\n```\nx\n```\n3) b\n", "<details>\n1. x\n</details>\n", "| a |\n|---|\n| b |\n",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_raises(text):
    for doc in documents(source_from_text("raw/odd.md", text)):
        rec = extract(doc)
        for name, value in rec.fields.items():
            if isinstance(value, list):
                assert len(value) == len(rec.cite(name))


def test_title_splitting():
    assert split_title("**Confirm the regression.** Check the dashboard.") == ("Confirm the regression", "Check the dashboard.")
    assert split_title("**Step 2:** Drain the node. Then wait.") == ("Drain the node", "Then wait.")
    assert split_title("Make a note of the pod. e.g. `redis-78c4`") == ("Make a note of the pod", "e.g. redis-78c4")
    assert first_sentence("Retrieve the ARNs (e.g. local-links). Then pick one.") == (
        "Retrieve the ARNs (e.g. local-links)", "Then pick one."
    )


def test_summary_cut_and_fallback():
    steps = [{"title": t} for t in ("Do a", "Do b")]
    assert summarize({"steps": steps}) == "2-step procedure: do a, do b"
    long = [{"title": "Retrieve " + "x" * 120}]
    assert len(summarize({"steps": long})) <= 100
    assert summarize({"steps": [], "overview": "This alert fires when disks fill. More text."}) == (
        "This alert fires when disks fill."
    )


# --- named corpus files ---


@needs_shared
def test_govuk_clear_redis_cache():
    rec = _corpus("clear-the-redis-cache")
    steps = rec.fields["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5, 6]
    assert steps[0]["title"] == "Find the search-api-v2 redis pod"
    assert steps[0]["commands"][0].startswith("k get pods | grep search-api-v2")  # `k` is the kubectl alias
    assert steps[2]["commands"] == ["k exec -it <pod-name> -- redis-cli"]
    assert steps[4]["commands"] == ["> flushall"]
    assert rec.fields["verification"] == ["Check that there aren't any keys left: > info keyspace"]  # the step says how
    assert rec.fields["contacts"] == ["#govuk-search"]
    assert "latest_synced_version" in rec.fields["overview"]  # snake_case survives plain text
    assert rec.fields["overview"].startswith("Search API V2 uses Redis to track")  # [Redis] reference link read
    _assert_cited(rec, "steps", lambda s: s["title"])


@needs_shared
def test_govuk_emergency_publishing():
    rec = _corpus("emergency-publishing")
    f = rec.fields
    assert f["last_reviewed"] == "2017-02-17" and f["review_in"] == "6 months"
    assert rec.cite("last_reviewed")[0].start == 8
    assert len(f["prerequisites"]) == 4 and f["prerequisites"][0] == "Text for the heading"
    steps = f["steps"]  # written as "1)" … "11)", split into many lists by column-0 code blocks
    assert [s["number"] for s in steps] == list(range(1, 12))
    assert steps[1]["commands"] == ["export environment=integration"]
    assert steps[2]["commands"] == ["fab $environment campaigns.deploy_emergency_banner"]
    assert steps[7]["commands"][0].startswith("fab $environment cdn.fastly_purge:/,/search")
    assert (rec.cite("steps")[7].start, rec.cite("steps")[7].end) == (85, 94)
    assert f["rollback_commands"] == ["fab $environment campaigns.remove_emergency_banner"]
    assert "campaigns.deploy_emergency_banner" in f["rollback"]
    assert len(f["caveats"]) == 3 and f["caveats"][0].startswith("There is an race condition")
    # The owner channel (front matter) is a contact but not the escalation path; the sentence pointing at the
    # contact numbers is what the page itself says about escalating.
    assert f["contacts"] == ["#2ndline", "Contact numbers for those people are in the opsmanual on GitHub enterprise."]
    assert f["owner"] == ["#2ndline"] and f["escalation"] == f["contacts"][1:]
    assert f["verification"][0].startswith("Check that the emergency banner is visible")
    _assert_cited(rec, "steps", lambda s: s["title"])


@needs_shared
def test_mybinder_indented_code_in_list_items():
    rec = _corpus("common_problems")
    steps = rec.fields["steps"]
    assert len(steps) == 4
    assert [s["commands"] for s in steps] == [
        ["kubectl --namespace=<ns> get pod -o wide"],
        ["gcloud compute ssh <nodename>"],
        ["sudo rm -rf /var/run/dind/docker.sock/"],
        ["kubectl --namespace=<ns> delete pod <dind-pod-name>"],
    ]
    assert steps[2]["title"] == "Manually delete the docker.sock folder from the node"


@needs_shared
def test_openshift_cluster_operator_degraded_oc_commands():
    rec = _corpus("ClusterOperatorDegraded")
    assert rec.fields["steps"] == []  # Mitigation is prose only
    diag = rec.fields["diagnosis"]
    cmds = [c for d in diag for c in d["commands"]]
    assert "$ oc get clusteroperator" in cmds
    assert "$ oc adm inspect clusteroperator/$CLUSTEROPERATOR --dest-dir=out" in cmds
    assert diag[1]["text"].startswith("Review the status of all Operators")
    assert rec.fields["impact"].startswith("This alert indicates that an Operator has encountered an error")
    assert rec.fields["overview"].startswith("The alert ClusterOperatorDegraded is triggered")


@needs_shared
def test_rds_step_headings():
    rec = _corpus("howto-backup-and-restore-in-aws-rds")
    steps = rec.fields["steps"]
    assert [s["number"] for s in steps] == list(range(1, 11))
    assert steps[0]["title"].startswith("Retrieve a list of all snapshot ARNs")  # "### Step 1" titled by its text
    assert steps[0]["commands"][0].startswith("gds-cli aws govuk-<environment>-admin aws rds describe-db-snapshots")
    assert rec.fields["prerequisites"][0].startswith("The environment in which you are restoring the database")
    assert rec.fields["caveats"] == ["PLEASE BE CAREFUL WHEN EXECUTING THIS COMMAND AS IT CAN NOT BE UNDONE"]
    assert rec.fields["contacts"] == ["#govuk-2ndline-tech"]


@needs_shared
def test_alert_runbook_mitigation_code_becomes_steps():
    rec = _corpus("NodeFilesystemSpaceFillingUp")
    assert [s["title"] for s in rec.fields["steps"]] == [
        "Debug the node by accessing the node filesystem", "Remove dangling images", "Remove unused images", "Exit debug",
    ]
    assert rec.fields["steps"][0]["commands"][0].startswith("$ NODE_NAME=")
    assert rec.fields["diagnosis"][0]["commands"] == ["node_filesystem_free_bytes"]
    dgu = _corpus("data-gov-uk-high-traffic-alert")
    assert [s["title"] for s in dgu.fields["steps"]] == [
        "Check Grafana", "Check pod health", "Check current replica count", "Increase Find replicas (3 → 4)",
        "Verify the rollout",
    ]
    # "### Step 2: Verify the rollout" is a Verification section: its checks one by one, and its command
    assert dgu.fields["verification"][0].startswith("Once rollout is complete, monitor the Grafana dashboard")
    assert "No new pod restarts or OOMKills" in dgu.fields["verification"]
    assert any("kubectl rollout status" in v for v in dgu.fields["verification"])
    assert dgu.fields["rollback"].startswith("Once the DataGovUkHighTrafficRate alert has resolved")


# Per file: (steps, diagnosis entries) the document states.
EXPECTED = {
    "data-gov-uk-high-traffic-alert": (5, 0),
    "clear-the-redis-cache": (6, 0),
    "emergency-publishing": (11, 0),
    "howto-backup-and-restore-in-aws-rds": (10, 0),
    "common_problems": (4, 1),  # "How to spot the problem" is prose: one diagnosis entry
    "etcdGRPCRequestsSlow": (0, 4),
    "KubeAPIErrorBudgetBurn": (3, 2),
    "ClusterOperatorDegraded": (0, 5),
    "PrometheusOperatorRejectedResources": (0, 5),
    "etcdMembersDown": (0, 5),
    "KubePersistentVolumeFillingUp": (4, 1),  # its Diagnosis section is two prose lines: one entry
    "NodeFilesystemSpaceFillingUp": (4, 1),
}


@needs_shared
def test_every_corpus_runbook():
    files = sorted(CORPUS.glob("*.md"))
    assert len(files) == len(EXPECTED)
    print(f"\n{'file':40} {'steps':>5} {'cmds':>4} {'diag':>4} {'pre':>3} {'ver':>3} {'cav':>3} {'con':>3} rb  reviewed")
    for path in files:
        key = next(k for k in EXPECTED if k in path.name)
        rec = _record(path)
        f = rec.fields
        cmds = sum(len(s["commands"]) for s in f["steps"])
        print(
            f"{key[:40]:40} {len(f['steps']):>5} {cmds:>4} {len(f['diagnosis']):>4} {len(f['prerequisites']):>3} "
            f"{len(f['verification']):>3} {len(f['caveats']):>3} {len(f['contacts']):>3} "
            f"{'y' if f['rollback'] else '-':2}  {f['last_reviewed'] or '-'}"
        )
        assert f["overview"], path.name
        assert (len(f["steps"]), len(f["diagnosis"])) == EXPECTED[key], path.name
        assert f["steps"] or f["diagnosis"], path.name
        assert set(KEY_FIELDS) - set(rec.key_missing) >= {"overview"}
        assert 0 < len(rec.summary) <= 100
        _assert_cited(rec, "steps", lambda s: s["title"])
        for s in f["steps"]:
            assert s["title"] and isinstance(s["number"], int)
