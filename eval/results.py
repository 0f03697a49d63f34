"""``eval/RESULTS.md`` is shared by every evaluation and benchmark: each script owns one "## " section."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(heading: str, section: str, results: Path = RESULTS) -> None:
    """Replace the section that starts with ``heading`` (up to the next "## ") by ``section``, or append it.

    ``section`` includes its own heading line; the other sections belong to other scripts and stay as they are.
    """
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Evaluation results\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    results.write_text(text, encoding="utf-8")
