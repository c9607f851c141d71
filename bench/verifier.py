"""Score the claim verifier on the labelled sentences in tests/data/verifier_claims.jsonl.

    python bench/verifier.py              # every split, then all, and fabrications by kind
    python bench/verifier.py --show       # also every wrong verdict with its reasons
    python bench/verifier.py --split tune

The sentences are our own, about the bundled example notes and the real documents in
../shared/corpus (read in place, never copied into the project). True claims paraphrase what a
cited passage says; fabrications change one fact (a number, date, time, name, identifier,
version, a negation or status word), say the opposite in ordinary words, swap roles, change a
quantifier or the order of steps, or cite the wrong lines, lines past the end of the file, or a
quote the source does not contain. The target is 0 fabrications accepted and at least 90 % of true
claims accepted, on the held-out split as well as the tuning split. `blind-8` was written before
the binding rules and tuned on with `blind-7`; `blind-9` was written after them and scored once
(then one bug it exposed was fixed, so it is no longer unseen). Sources under raw/shared-examples/
are ../shared/examples, read in place like the corpus. The peer figure is a
quote-only check (cited lines exist and the quote is in them), what a citation check without
the verifier's fact rules would give.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from lorebook.verify.verifier import RULES, Sources, verify_claim  # noqa: E402

CLAIMS = REPO / "tests" / "data" / "verifier_claims.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
EXAMPLE = REPO / "examples" / "platform-team"
SHARED_EXAMPLES = CORPUS.parent / "examples"
SPLITS = ["tune", "heldout", "blind-5", "blind-6", "blind-7", "blind-8", "blind-9"]


def load_claims(split: str | None = None) -> list[dict]:
    """The labelled claims, without those about the corpus when ../shared/corpus is absent."""
    out = []
    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if split and rec["split"] != split:
            continue
        if rec["citations"][0]["source"].startswith(("raw/corpus/", "raw/shared-examples/")) and not CORPUS.is_dir():
            continue
        out.append(rec)
    return out


def make_root(dest: Path) -> Path:
    """A wiki-shaped folder whose raw/ holds the example notes and (linked) the corpus."""
    (dest / "raw").mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE, dest / "raw" / "platform-team", dirs_exist_ok=True)
    if CORPUS.is_dir() and not (dest / "raw" / "corpus").exists():
        (dest / "raw" / "corpus").symlink_to(CORPUS, target_is_directory=True)
    return dest


def score(claims: list[dict], root: Path, rules=None) -> dict:
    import lorebook.verify.verifier as V

    saved = V.RULES
    if rules is not None:
        V.RULES = rules
    try:
        sources = _LinkedSources(root)
        verdicts = [verify_claim(c, sources) for c in claims]
    finally:
        V.RULES = saved
    tp = sum(1 for c, v in zip(claims, verdicts) if c["label"] and v.accepted)
    fa = [(c, v) for c, v in zip(claims, verdicts) if not c["label"] and v.accepted]
    fr = [(c, v) for c, v in zip(claims, verdicts) if c["label"] and not v.accepted]
    n_true = sum(c["label"] for c in claims)
    by_kind = Counter(c["kind"] for c in claims if not c["label"])
    fa_kind = Counter(c["kind"] for c, _ in fa)
    return {"n": len(claims), "true": n_true, "false": len(claims) - n_true, "true_accepted": tp,
            "fabrications_accepted": len(fa), "recall": tp / n_true if n_true else 0.0,
            "false_accepts": fa, "false_rejects": fr, "by_kind": by_kind, "fa_kind": fa_kind}


class _LinkedSources(Sources):
    """Sources whose raw/corpus and raw/shared-examples live in ../shared (the verifier itself refuses links out of raw/)."""

    def _load(self, source):
        linked = {"raw/corpus/": CORPUS, "raw/shared-examples/": SHARED_EXAMPLES}
        prefix = next((p for p in linked if source.startswith(p)), None)
        if prefix:
            path = linked[prefix] / source[len(prefix):]
            if ".." in Path(source).parts or not path.is_file():
                return f"source {source!r} does not exist in the wiki's raw/"
            return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return super()._load(source)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=SPLITS)
    ap.add_argument("--show", action="store_true", help="print every wrong verdict with its reasons")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_root(Path(tmp))
        splits = [args.split] if args.split else [s for s in SPLITS if load_claims(s)]
        print(f"{'split':8} {'claims':>6} {'true':>5} {'fabr.':>5} {'true accepted':>14} {'fabr. accepted':>15} {'time':>8}")
        for split in splits + ([None] if len(splits) > 1 else []):
            claims = load_claims(split)
            t0 = time.perf_counter()
            s = score(claims, root)
            dt = time.perf_counter() - t0
            quote_only = score(claims, root, rules=[r for r in RULES if r[0] == "quote"])
            print(f"{split or 'all':8} {s['n']:6} {s['true']:5} {s['false']:5} "
                  f"{s['true_accepted']:5} ({s['recall']:6.1%}) {s['fabrications_accepted']:15} {dt * 1000:6.0f}ms"
                  f"   quote-only peer: {quote_only['fabrications_accepted']} fabrications accepted")
            if split is None:
                kinds = ", ".join(f"{k} {s['by_kind'][k] - s['fa_kind'][k]}/{s['by_kind'][k]}" for k in sorted(s["by_kind"]))
                print(f"fabrications rejected by kind: {kinds}")
            if args.show:
                for c, v in s["false_accepts"]:
                    print(f"  ACCEPTED FABRICATION [{c['kind']}] {c['text']}")
                for c, v in s["false_rejects"]:
                    print(f"  rejected true: {c['text']}\n      {v.reasons}")


if __name__ == "__main__":
    main()
