"""Ask the questions every postmortem, decision and runbook should answer, over a labelled field set.

`bench/ask_accuracy.py` scores questions people wrote; this one asks the *routine* questions
("what was the root cause of the SSO incident?", "which alternatives were considered for JWT
Stateless?", "how do I roll back in the RDS recovery runbook?") of every document in a labelled
field set (tests/fidelity/labels.yaml's format, as `bench/fidelity.py` reads it), naming the
document by its labelled title words. An answer is right when it is found, states every labelled
keyword of that field (a date in ISO or month-name form; a duration within 10 % of the labelled
minutes) and cites a line of that document. Fields labelled `absent` are not asked.

    python bench/ask_fields.py                                   # the corpus and its labels
    python bench/ask_fields.py --dir DOCS --fields FIELDS.yaml   # any labelled set kept elsewhere
    python bench/ask_fields.py ... --split dev --misses           # print the misses of one half

It shows whether the typed fields the compiler finds can be reached by asking, and which routine
questions are routed to the wrong field or page. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

from lorebook.config import init_wiki  # noqa: E402
from lorebook.pipeline import ingest  # noqa: E402
from lorebook.query.ask import ask  # noqa: E402

TEMPLATES = {  # two or three wordings each: the bench asks the first two unless --wordings says more
    "incident": {
        "root_cause": ["What was the root cause of the {t} incident?", "Why did the {t} incident happen?", "What caused the {t} outage?"],
        "impact": ["What was the impact of the {t} incident?", "Who was affected by the {t} incident?", "How bad was the {t} incident for users?"],
        "resolution": ["How was the {t} incident resolved?", "What fixed the {t} incident?", "How did we recover from the {t} incident?"],
        "detection": ["How was the {t} incident detected?", "How did we find out about the {t} incident?", "Who noticed the {t} incident first?"],
        "trigger": ["What triggered the {t} incident?", "What set off the {t} incident?"],
        "severity": ["What severity was the {t} incident?", "How severe was the {t} incident?", "What priority did the {t} incident get?"],
        "action_items": ["What follow-up actions came out of the {t} incident?",
                         "What are the action items for the {t} incident?", "What are we doing so the {t} incident does not happen again?"],
        "date": ["When did the {t} incident happen?", "What day was the {t} incident?", "On which date did the {t} outage occur?"],
        "duration": ["How long did the {t} incident last?", "What was the duration of the {t} incident?", "How long were users affected by the {t} incident?"],
    },
    "decision": {
        "status": ["What is the status of the {t} decision?", "Is the {t} decision accepted?", "Is the {t} ADR still in force?"],
        "decision": ["What did we decide about {t}?", "What was decided in the {t} ADR?", "What is our approach to {t}?"],
        "context": ["Why was a decision about {t} needed?", "What problem did the {t} decision address?", "What was the context of the {t} ADR?"],
        "options": ["Which alternatives were considered for {t}?", "What options did we weigh for {t}?", "What else did we look at besides {t}?"],
        "consequences": ["What are the consequences of the {t} decision?", "What follows from the {t} decision?"],
        "deciders": ["Who made the {t} decision?", "Who decided on {t}?", "Who signed off on the {t} ADR?"],
        "superseded_by": ["What replaced the {t} decision?", "Which ADR supersedes the {t} decision?"],
        "date": ["When was the {t} decision made?", "What date is the {t} ADR from?", "When did we decide on {t}?"],
        "number": ["What number is the {t} ADR?", "Which ADR number is the {t} decision?"],
    },
    "runbook": {
        "overview": ["What is the {t} runbook for?", "When should I use the {t} runbook?", "What does the {t} runbook cover?"],
        "prerequisites": ["What do I need before running the {t} runbook?", "What access do I need for the {t} runbook?"],
        "steps": ["What is the first step of the {t} runbook?", "Where do I start with the {t} runbook?", "What do I do first in the {t} runbook?"],
        "verification": ["How do I check that the {t} runbook worked?", "How do I verify the {t} procedure succeeded?"],
        "rollback": ["How do I roll back in the {t} runbook?", "How do I undo the {t} runbook if it goes wrong?", "What is the rollback plan for the {t} runbook?"],
        "escalation": ["Who do I escalate to in the {t} runbook?", "Who should I contact if the {t} runbook does not help?", "Who is on call for the {t} runbook?"],
    },
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_UNIT_MINUTES = {"d": 1440, "day": 1440, "h": 60, "hr": 60, "hour": 60, "m": 1, "min": 1, "minute": 1, "s": 1 / 60,
                 "sec": 1 / 60, "second": 1 / 60}


def questions(labels: dict, split: str, wordings: int = 2) -> list[dict]:
    """Routine questions (`wordings` of them) per labelled, stated field of each document of `split`."""
    out = []
    for doc, entry in labels["documents"].items():
        if split != "all" and entry["split"] != split:
            continue
        fields = entry["fields"]
        title = fields.get("title")
        if not isinstance(title, list) or not title:
            continue  # a document without a labelled title cannot be named in a question
        for name, templates in TEMPLATES.get(entry["kind"], {}).items():
            value = fields.get(name)
            if name == "duration" and isinstance(value, dict):  # "{duration: 45}" as well as "45"
                value = value.get("duration", value.get("minutes"))
            facts = _facts(name, value)
            if facts is None:
                continue
            for template in templates[:wordings]:
                out.append({"q": template.format(t=" ".join(map(str, title))), "doc": doc, "field": name, "split": entry["split"],
                            "facts": facts, "minutes": value if name == "duration" else None})
    return out


def _facts(name: str, value) -> list[str] | None:
    """What the answer must state, or None when the label gives nothing to check."""
    if value in (None, "absent", "", []) or name == "duration" and not isinstance(value, int):
        return None
    if name == "steps":
        return list(value.get("first") or []) or None
    if isinstance(value, dict):
        return list(value.get("keywords") or []) or None
    if isinstance(value, list):
        return [str(v) for v in value] if name != "date" else [str(value[0])]
    return [str(value)]


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _states(text: str, fact: str) -> bool:
    low = " ".join(text.lower().split())
    return fact.lower() in low or _squeeze(fact) in _squeeze(text)


def _date_forms(iso: str) -> list[str]:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})$", iso)
    if not m:
        return [iso]
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    month = MONTHS[mo - 1]
    return [iso, f"{month} {d}, {y}", f"{d} {month} {y}", f"{month[:3]} {d}, {y}", f"{y}/{mo:02d}/{d:02d}"]


def _minutes(text: str) -> list[float]:
    """Each duration the text states, in minutes ("2 hours 30 minutes", "2h30m", "90 min")."""
    out = []
    for m in re.finditer(r"(?:\d+(?:\.\d+)?\s*(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b[\s,and]*)+", text, re.I):
        total = 0.0
        for n, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]+)", m.group(0), re.I):
            u = unit.lower().rstrip("s") or unit.lower()
            total += float(n) * _UNIT_MINUTES.get(u, _UNIT_MINUTES.get(u[:1], 0))
        out.append(total)
    for n, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(小时|時間|시간|分钟|分間|分|분|天|日間|일)", text):
        out.append(float(n) * (60 if unit in ("小时", "時間", "시간") else 1440 if unit in ("天", "日間", "일") else 1))
    return out


def right(item: dict, answer) -> bool:
    if not answer.found or not any(c["source"].endswith("/" + item["doc"]) for c in answer.citations):
        return False
    text = answer.answer
    if item["field"] == "duration":
        return any(abs(m - item["minutes"]) <= 0.1 * item["minutes"] for m in _minutes(text))
    if item["field"] == "date":
        return any(_states(text, f) for f in _date_forms(item["facts"][0]))
    if item["field"] == "number":
        return re.search(rf"(?<!\d)0*{int(item['facts'][0])}(?!\d)", text) is not None
    if item["field"] in ("severity", "status"):
        return any(_states(text, f) for f in item["facts"])  # a list label lists acceptable values
    return all(_states(text, f) for f in item["facts"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, help="folder of labelled documents (default ../shared/corpus)")
    ap.add_argument("--fields", type=Path, help="labels (default tests/fidelity/labels.yaml)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--misses", action="store_true", help="print each wrong answer")
    ap.add_argument("--wordings", type=int, default=2, help="how many wordings of each question to ask (1-3)")
    args = ap.parse_args()
    docs = args.dir or next((p for p in (REPO.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()), None)
    fields = args.fields or REPO / "tests" / "fidelity" / "labels.yaml"
    if docs is None or not docs.is_dir() or not fields.is_file():
        print(f"skipped: {docs or '../shared/corpus'} or {fields} is not present")
        return
    labels = yaml.safe_load(fields.read_text(encoding="utf-8"))
    asked = questions(labels, args.split, args.wordings)
    by_field: dict[tuple[str, str], list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="lorebook-ask-fields-") as tmp:
        wiki = init_wiki(Path(tmp) / "wiki", name="fields")
        ingest(wiki, [docs])
        for item in asked:
            answer = ask(wiki, item["q"])
            ok = right(item, answer)
            kind = labels["documents"][item["doc"]]["kind"]
            for key in ((kind, item["field"]), (kind, "ALL"), ("all", "ALL")):
                row = by_field.setdefault(key, [0, 0])
                row[0] += ok
                row[1] += 1
            if not ok and args.misses:
                print(f"  MISS [{item['split']}/{item['field']}] {item['q']!r} want {item['facts']} "
                      f"-> {answer.answer[:220]!r}")
    print(f"split: {args.split} · {len(asked)} routine questions")
    for (kind, name), (r, n) in sorted(by_field.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        print(f"  {kind:9} {name:14} {r:4}/{n:<4} {r / n:6.1%}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
