"""Field fidelity: how many of the typed fields a reader expects does a compiled page carry?

Compiles ../shared/corpus/ (52 real ADRs, postmortems and runbooks) into a temporary
wiki through the public pipeline (`init_wiki` + `ingest`), reads every page's typed
fields from the JSON export, and scores them against tests/fidelity/labels.yaml, which
was written by reading the documents (never from the extractor's output).

    python bench/fidelity.py                     # all documents
    python bench/fidelity.py --split dev         # tune on this half only
    python bench/fidelity.py --split test -v     # the held-out half, with every miss
    python bench/fidelity.py --dir /work/unseen/docs --fields /work/unseen/fields.yaml
                                                 # any other labelled set (skips when absent)

`--dir DIR --fields FILE` scores a set kept outside the project (third-party documents
that are not committed) the same way: FILE has labels.yaml's format, keyed by paths
relative to DIR. When DIR or FILE does not exist the run says so and exits 0, so CI and
other machines skip it cleanly.

Scoring rules (one label = one field of one document, right or wrong):

- `absent` label: right when the page leaves the field empty (None, "", [], {} or, for
  status, "unknown"). A value there is wrong AND reported as *invented*. A duration whose
  `duration_source` is anything but `stated` (e.g. `timeline`) is not invented: a
  computed value says so.
- exact fields: `number` (integer), `status` (lower-case word: the canonical status, or the
  source's own word the page shows beside it, "Aceita (accepted)"), `severity` (lower-case),
  `date` (ISO `YYYY-MM-DD`, the first 10 characters of the page's value); a list label
  lists the values that are all acceptable (e.g. incident day or publication day).
- `duration`: the label is minutes; right when `duration_minutes` is within 10 %.
- prose fields (title, context, decision, impact, root_cause, trigger, detection,
  overview, verification, rollback, deciders, consequences, supersedes, superseded_by,
  commands): every keyword must occur in the field's flattened text, case-insensitive,
  whitespace-collapsed; a keyword also matches with punctuation and spaces removed on
  both sides (`Persistent Volume` matches `KubePersistentVolumeFillingUp`).
- list fields (`options`, `timeline`, `action_items`, `prerequisites`, `steps`) with
  `count`: the length is right within max(1, 20 % of the count); `keywords` must occur
  over all entries; `times` (HH:MM, 24 h, or YYYY-MM-DD, or both; seconds and "~" are read past) must each be among the entry
  times (12 h forms such as `2:54 PM` and `10:45a` are read as 24 h); `first` / `last`
  keywords must occur in the first / last entry (a step's number, title, text, commands).
- `commands` of a runbook: the commands of its steps, diagnosis entries and rollback, and those it gives elsewhere.
- `detection` is read from the `detection` prose field; `resolution` (how an incident was
  fixed) from `resolution`; a runbook's `escalation` (who to contact, when to escalate)
  from `escalation`: its `contacts` less the front-matter owner channel (`owner_slack`),
  which says who owns the page, not whom to escalate to.
- a page of the wrong kind (or no page) gets every labelled value wrong and every
  `absent` label right; it is listed under "kind".

Nothing here is timed; it prints, per field and per kind, how many stated fields the pages
*found* (a non-empty value where the source states one) and how many are *right*, plus the
invented values.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fidelity" / "labels.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"

EMPTY_STATUS = {"", "unknown", "none", None}
EXACT = {"number", "status", "severity", "date"}
LIST_FIELDS = {"options", "timeline", "action_items", "prerequisites", "steps"}


@dataclass
class Verdict:
    doc: str
    kind: str
    split: str
    field: str
    ok: bool
    invented: bool = False
    why: str = ""
    found: bool = False  # a stated (not `absent`) field has a non-empty value on the page
    stated: bool = True  # the label states a value (False for `absent`)


@dataclass
class Report:
    verdicts: list[Verdict] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)

    def accuracy(self, pred=lambda v: True) -> tuple[int, int]:
        sel = [v for v in self.verdicts if pred(v)]
        return sum(v.ok for v in sel), len(sel)

    @property
    def invented(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.invented]


# ---------------------------------------------------------------- text helpers


def norm(text: str) -> str:
    text = str(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", norm(text))


def flatten(value) -> str:
    """All the text in a field value, whatever its shape (str, list, dict of lists)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return " \n ".join(flatten(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return " \n ".join(flatten(v) for v in value)
    return str(value)


def has_keywords(text: str, keywords: list) -> list[str]:
    """The keywords missing from `text` (empty when all are there)."""
    t, ts = norm(text), squash(text)
    return [k for k in keywords if norm(k) not in t and squash(k) not in ts]


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    return False


TIME_RE = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?(?:\.?m\.?)?(?![\w])", re.I)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def times_in(text: str) -> set[str]:
    """Every HH:MM (24 h) and YYYY-MM-DD written in a timeline entry's time."""
    out = set(DATE_RE.findall(text))
    for h, m, ap in TIME_RE.findall(text.replace("~", " ")):
        hour = int(h)
        if ap and ap.lower() == "p" and hour < 12:
            hour += 12
        if ap and ap.lower() == "a" and hour == 12:
            hour = 0
        out.add(f"{hour:02d}:{m}")
    return out


def time_found(label: str, seen: set[str], stamps: list[str]) -> bool:
    """A labelled time is in the timeline when each HH:MM and date it writes is among the entries' ("2026-01-12 21:55",
    "~20:45" and "22:53:56" are read as a labeller writes them); a time with neither ("Jun 2026") as written."""
    parts = times_in(label)
    if parts:
        return parts <= seen
    return any(label.strip("~ ") in x for x in stamps)


def count_ok(got: int, want: int) -> bool:
    return abs(got - want) <= max(1, round(0.2 * want))


# ---------------------------------------------------------------- field readers


def entry_text(entry) -> str:
    if isinstance(entry, dict):
        return flatten([entry.get(k) for k in ("name", "number", "title", "time", "text", "event", "owner", "commands", "reasons") if k in entry])
    return flatten(entry)


def page_value(page: dict, name: str):
    """The page's value for a labelled field name (the label vocabulary is the reader's)."""
    f = page.get("fields", {})
    if name == "title":
        return page.get("title", "")
    if name == "commands":
        cmds = []
        for group in ("steps", "diagnosis"):
            for e in f.get(group) or []:
                if isinstance(e, dict):
                    cmds += e.get("commands") or []
        other = [e.get("command") for e in f.get("other_commands") or [] if isinstance(e, dict)]
        return cmds + list(f.get("rollback_commands") or []) + other
    if name == "rollback":
        parts = [f.get("rollback")] + list(f.get("rollback_commands") or [])
        return [p for p in parts if p]
    if name == "duration":
        return f.get("duration_minutes")
    if name == "escalation":  # whom to escalate to as the runbook states it; its front-matter owner is not that
        return f["escalation"] if "escalation" in f else f.get("contacts")
    return f.get(name)


def score_field(page: dict, name: str, label) -> tuple[bool, bool, str]:
    """(right, invented, why) for one labelled field of one page."""
    value = page_value(page, name)
    f = page.get("fields", {})
    if label == "absent":
        if name == "duration":
            empty = value is None or f.get("duration_source") not in (None, "stated")
        elif name == "status":
            empty = value in EMPTY_STATUS or (isinstance(value, str) and value.strip().lower() in EMPTY_STATUS)
        else:
            empty = is_empty(value)
        return empty, not empty, "" if empty else f"expected absent, got {flatten(value)[:120]!r}"
    if is_empty(value):
        return False, False, f"missing (expected {label!r})"
    if name in EXACT:
        want = label if isinstance(label, list) else [label]
        if name == "number":
            try:
                ok = int(value) in [int(w) for w in want]
            except (TypeError, ValueError):
                ok = False
        elif name == "date":
            ok = str(value)[:10] in [str(w) for w in want]
        else:
            ok = norm(value) in [norm(w) for w in want]
            if name == "status" and not ok:  # the page shows the source's own word beside the canonical status
                from lorebook.extract.decision import stated_status_word

                stated = stated_status_word(f.get("status_text") or "")
                ok = bool(stated) and norm(stated) in [norm(w) for w in want]
        return ok, False, "" if ok else f"expected {label!r}, got {value!r}"
    if name == "duration":
        label = label.get("duration", label.get("minutes")) if isinstance(label, dict) else label  # {duration: 45} too
        ok = isinstance(value, (int, float)) and isinstance(label, (int, float)) and abs(value - label) <= 0.1 * label
        return ok, False, "" if ok else f"expected {label} min, got {value!r}"
    if isinstance(label, dict):
        entries = value if isinstance(value, list) else [value]
        why = []
        if "count" in label and not count_ok(len(entries), label["count"]):
            why.append(f"count {len(entries)} (expected {label['count']})")
        if label.get("keywords"):
            miss = has_keywords(flatten([entry_text(e) for e in entries]), label["keywords"])
            if miss:
                why.append(f"keywords missing {miss}")
        if label.get("times"):
            stamps = [str(e.get("time", "")) if isinstance(e, dict) else "" for e in entries]
            seen = set().union(*(times_in(x) for x in stamps))
            miss = [t for t in label["times"] if not time_found(str(t), seen, stamps)]
            if miss:
                why.append(f"times missing {miss}")
        for end, idx in (("first", 0), ("last", -1)):
            if label.get(end):
                miss = has_keywords(entry_text(entries[idx]), label[end])
                if miss:
                    why.append(f"{end} entry lacks {miss}: {entry_text(entries[idx])[:80]!r}")
        return not why, False, "; ".join(why)
    miss = has_keywords(flatten(value), label)
    return not miss, False, "" if not miss else f"keywords missing {miss} in {flatten(value)[:120]!r}"


# ---------------------------------------------------------------- compile + score


def compile_corpus(corpus: Path = CORPUS) -> dict:
    """Build the corpus into a throw-away wiki via the public pipeline; return the JSON export."""
    from lorebook.config import init_wiki
    from lorebook.export import export_json
    from lorebook.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix="lorebook-fidelity-") as tmp:
        wiki = init_wiki(Path(tmp) / "w", "Fidelity")
        ingest(wiki, [corpus])
        return export_json(wiki)


def load_labels(path: Path = LABELS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]


def pages_by_source(export: dict, corpus_name: str) -> dict[str, list[dict]]:
    """Typed pages keyed by their source path relative to the corpus folder."""
    out: dict[str, list[dict]] = {}
    prefix = f"raw/{corpus_name}/"
    for p in export["pages"]:
        if p["type"] in ("source", "concept", "answer"):
            continue
        for s in p.get("sources", []):
            if s.startswith(prefix):
                out.setdefault(s[len(prefix):], []).append(p)
    return out


def score(export: dict, labels: dict, split: str = "all", corpus_name: str = "corpus") -> Report:
    report = Report()
    pages = pages_by_source(export, corpus_name)
    for doc, entry in sorted(labels.items()):
        if split != "all" and entry["split"] != split:
            continue
        kind = entry["kind"]
        typed = [p for p in pages.get(doc, []) if p["type"] == kind]
        if not typed:
            report.wrong_kind.append(f"{doc}: expected a {kind} page, got {[p['type'] for p in pages.get(doc, [])]}")
        page = typed[0] if typed else {"title": "", "fields": {}}
        for name, label in entry["fields"].items():
            ok, invented, why = score_field(page, name, label)
            stated = label != "absent"
            found = stated and not is_empty(page_value(page, name))
            report.verdicts.append(Verdict(doc, kind, entry["split"], name, ok, invented, why, found, stated))
    return report


def pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f} %" if total else "    - "


def found_right(report: Report, pred=lambda v: True) -> tuple[int, int, int]:
    """(stated, found, right among stated) for the verdicts `pred` selects."""
    sel = [v for v in report.verdicts if pred(v) and v.stated]
    return len(sel), sum(v.found for v in sel), sum(v.ok for v in sel)


def print_report(report: Report, verbose: bool = False, out=None) -> None:
    out = out or sys.stdout  # looked up per call, so a redirected stdout is honoured
    kinds = sorted({v.kind for v in report.verdicts})
    print(f"{'kind':<10} {'field':<16} {'right':>6} {'total':>6} {'acc':>8}   {'stated':>6} {'found':>6} {'correct':>7}", file=out)

    def line(kind, name, pred):
        r, t = report.accuracy(pred)
        s, fnd, c = found_right(report, pred)
        print(f"{kind:<10} {name:<16} {r:>6} {t:>6} {pct(r, t):>8}   {s:>6} {fnd:>6} {c:>7}", file=out)

    for kind in kinds:
        names = list(dict.fromkeys(v.field for v in report.verdicts if v.kind == kind))
        for name in names:
            line(kind, name, lambda v: v.kind == kind and v.field == name)
        line(kind, "ALL", lambda v: v.kind == kind)
        print(file=out)
    r, t = report.accuracy()
    s, fnd, c = found_right(report)
    print(f"overall: {r}/{t} fields right = {pct(r, t).strip()}", file=out)
    print(f"stated fields: {s}, found {fnd} ({pct(fnd, s).strip()}), correct {c} ({pct(c, s).strip()})", file=out)
    print(f"invented values (a value where the source states none): {len(report.invented)}", file=out)
    for v in report.invented:
        print(f"  INVENTED {v.kind}.{v.field}  {v.doc}: {v.why}", file=out)
    for line in report.wrong_kind:
        print(f"  KIND {line}", file=out)
    if verbose:
        print("\nmisses:", file=out)
        for v in report.verdicts:
            if not v.ok and not v.invented:
                print(f"  MISS {v.kind}.{v.field}  {v.doc}: {v.why}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--dir", type=Path, help="score another labelled set: its documents' folder (needs --fields)")
    ap.add_argument("--fields", type=Path, help="labels for --dir, in labels.yaml's format")
    args = ap.parse_args(argv)
    if args.dir or args.fields:
        if not (args.dir and args.fields):
            print("error: --dir and --fields go together; pass both", file=sys.stderr)
            return 2
        missing = [str(p) for p in (args.dir, args.fields) if not p.exists()]
        if missing:
            print(f"skipped: {', '.join(missing)} not found (an external set kept outside the project)")
            return 0
        corpus, labels = args.dir, load_labels(args.fields)
    else:
        if not args.corpus.is_dir():
            print(f"error: corpus folder {args.corpus} not found; pass --corpus DIR", file=sys.stderr)
            return 2
        corpus, labels = args.corpus, load_labels()
    export = compile_corpus(corpus)
    report = score(export, labels, args.split, corpus.name)
    print(f"split: {args.split} · {len({v.doc for v in report.verdicts})} documents · {len(report.verdicts)} labelled fields")
    print_report(report, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
