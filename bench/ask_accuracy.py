"""Answer accuracy of `lorebook ask`: right fact, cited lines, per split and per kind.

    python bench/ask_accuracy.py                      # tests/questions.yaml over the examples and ../shared
    python bench/ask_accuracy.py --questions Q.yaml --dir DOCS [--dir MORE]   # any question set, e.g. an unseen check
    python bench/ask_accuracy.py ... --keep DIR       # keep the wiki built, reuse it later with --wiki DIR
    python bench/ask_accuracy.py ... --misses dev     # print every miss of the dev split (never tune on test)

A question set is tests/questions.yaml's format (`q`, `kind`, `split`, `facts`, `expect` with `source`
under raw/ and `lines`, or `found: false`); "right" is tests/test_ask.py's `correct`. Each --dir is
ingested as raw/<its folder name>/. When a question file or folder is absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from test_ask import correct  # noqa: E402  (the one definition of "right and cited")

from lorebook.config import find_wiki, init_wiki  # noqa: E402
from lorebook.pipeline import ingest  # noqa: E402
from lorebook.query.ask import ask  # noqa: E402


def shared_dir() -> Path | None:
    """../shared next to the worktree (or /work/shared), when it holds the corpus and examples."""
    for shared in (REPO.parent / "shared", Path("/work/shared")):
        if (shared / "corpus").is_dir() and (shared / "examples").is_dir():
            return shared
    return None


def project_dirs() -> list[Path] | None:
    shared = shared_dir()
    return None if shared is None else [REPO / "examples" / "platform-team", shared / "examples", shared / "corpus"]


def score(wiki, questions: list[dict], show_misses: str | None = None) -> dict[str, dict[str, list[int]]]:
    """{split: {kind or 'all': [right, asked]}}; prints the misses of `show_misses` ('dev', 'test' or 'all')."""
    out: dict[str, dict[str, list[int]]] = {}
    for item in questions:
        answer = ask(wiki, item["q"])
        ok = correct(item, answer)
        for kind in ("all", item.get("kind", "?")):
            row = out.setdefault(item["split"], {}).setdefault(kind, [0, 0])
            row[0] += ok
            row[1] += 1
        if not ok and show_misses in (item["split"], "all"):
            print(f"  MISS [{item['split']}/{item.get('kind')}] {item['q']!r} -> {answer.answer[:200]!r}")
    return out


def accuracy(questions_file: Path | None = None, dirs: list[Path] | None = None, wiki_dir: str | None = None,
             keep: str | None = None, show_misses: str | None = None) -> dict[str, dict[str, list[int]]] | None:
    """Score a question set over a wiki of `dirs` (default: the project's set); None when material is absent."""
    questions_file = questions_file or REPO / "tests" / "questions.yaml"
    dirs = dirs if dirs is not None else project_dirs()
    if not questions_file.is_file() or (wiki_dir is None and (not dirs or not all(d.is_dir() for d in dirs))):
        return None
    questions = yaml.safe_load(questions_file.read_text(encoding="utf-8"))
    if wiki_dir:
        return score(find_wiki(wiki_dir), questions, show_misses)
    with tempfile.TemporaryDirectory(prefix="lorebook-ask-accuracy-") as tmp:
        w = init_wiki(Path(keep) if keep else Path(tmp) / "wiki", name="QA")
        ingest(w, dirs)
        return score(w, questions, show_misses)


def summary(result: dict[str, dict[str, list[int]]]) -> str:
    return "; ".join(f"{split} {r}/{n} = {r / n:.1%}" for split, kinds in sorted(result.items())
                     for r, n in [kinds["all"]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=Path, help="question file (default tests/questions.yaml)")
    ap.add_argument("--dir", type=Path, action="append", help="folder to ingest (repeatable)")
    ap.add_argument("--wiki", help="score over this existing wiki instead of building one")
    ap.add_argument("--keep", help="build the wiki in this folder and keep it")
    ap.add_argument("--misses", choices=("dev", "test", "all"), help="print the misses of this split")
    ap.add_argument("--kinds", action="store_true", help="print the figures per kind")
    a = ap.parse_args()
    result = accuracy(a.questions, a.dir, a.wiki, a.keep, a.misses)
    if result is None:
        print("ask accuracy: skipped (question file or folders absent)")
        return
    print("ask accuracy (right fact, cited lines): " + summary(result))
    if a.kinds:
        kinds = sorted({k for split in result.values() for k in split if k != "all"})
        for kind in kinds:
            print(f"  {kind:10} " + "  ".join(
                f"{split} {result[split][kind][0]}/{result[split][kind][1]}" if kind in result[split] else f"{split} -"
                for split in sorted(result)))


if __name__ == "__main__":
    main()
