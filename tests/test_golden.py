"""Behaviour is unchanged: compiling the examples and the shared corpus gives the recorded digests.

When a change is meant to alter the compiled output, regenerate with
`python tests/golden.py --update` and commit tests/golden/manifest.json with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import golden  # noqa: E402


@pytest.mark.parametrize("scenario", sorted(golden.SCENARIOS))
def test_compiled_output_matches_the_golden_manifest(scenario):
    if not golden.available(scenario):
        pytest.skip("../shared is not present next to the repository")
    expected = golden.load_manifest()
    actual = golden.compute(scenario)
    report = []
    for step, digests in actual.items():
        assert step in expected, f"{step} has no digests; run `python tests/golden.py --update`"
        report += [f"{step}: {line}" for line in golden.differences(expected[step], digests)]
    assert not report, (
        "compiled output changed:\n" + "\n".join(report)
        + "\nIf intended, run `python tests/golden.py --update` and commit the manifest."
    )


def test_normalising_removes_times_but_keeps_content():
    a = "updated: '2026-12-02T11:12:48+00:00'\n## [2026-12-02 11:12] ingest | x\nbody 2026-02-03"
    b = "updated: '2027-01-01T00:00:00+00:00'\n## [2027-01-01 00:00] ingest | x\nbody 2026-02-03"
    assert golden.normalise(a) == golden.normalise(b)
    assert golden.normalise(a) != golden.normalise(a.replace("body", "Body"))
    assert "2026-02-03" in golden.normalise(a)  # dates from the sources are content, not run times
