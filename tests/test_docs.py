"""The user docs name what the code does: README's table of check codes lists every code the checks can emit."""

from __future__ import annotations

import re

from nlp.compare import pairing_problems
from nlp.config import PROJECT_ROOT
from nlp.pipeline import analyze

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
CODE = r"E\d+\.[a-z_]+"


def emitted_codes() -> set[str]:
    codes = set()
    for module in (PROJECT_ROOT / "nlp" / "checks").glob("*.py"):
        codes |= set(re.findall(rf'"({CODE})"', module.read_text(encoding="utf-8")))
    # E10's pairing codes are pairing_problems' codes behind "E10." (checks/originality.py): ask it for them.
    old, new = analyze(SAMPLE), analyze(SAMPLE)
    new.document.source.sha256 = "0" * 64
    new.meta.agency = "鹭汀市白沙区水务局"
    codes |= {f"E10.{code}" for code, _ in pairing_problems(old, new)}
    return codes


def test_the_readme_lists_every_check_code_and_no_other():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(rf"`({CODE})`", readme))
    emitted = emitted_codes()
    assert {"E10.other_agency", "E10.not_previous_year", "E3.truncated", "E4.unplaced_values"} <= emitted
    assert emitted - listed == set()
    assert listed - emitted == set()
