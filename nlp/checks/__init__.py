"""Checks: what a reviewer verifies by hand, as :class:`~nlp.model.Check` records with evidence.

One module per family of codes (codes as in ``../shared/docs/domain.md``):

| codes | module | what |
|---|---|---|
| E1 | ``timeliness.py`` | late publication against a configurable deadline |
| E3, E4, E8, E9 | ``completeness.py`` | missing parts/sub-topics, table format, fee and part-六 statements |
| E5, E7 | ``arithmetic.py`` | 勾稽 identities of tables B and C, unit errors |
| E6 | ``consistency.py`` | narrative vs tables, fee statement vs table B, cross-year identities |
| E10 (E11 for batches) | ``originality.py`` | copied from last year's report or the corpus; ``find_copy_clusters`` across agencies |
| E12, E13, E14 | ``specificity.py`` | vague problems/measures, no problem→measure mapping, 泛化 overview, sub-topics without data |
| E15 | ``period.py`` | wrong year or period, template placeholders, another agency named as the subject |

:func:`run_checks` runs every family; each family exposes ``run(analysis, context) -> list[Check]`` and
reads only the analysis (tables, parts, figures, meta, text) — never another stage's internals.
"""

from __future__ import annotations

from nlp.checks import arithmetic, completeness, consistency, originality, period, specificity, timeliness
from nlp.checks.context import CheckContext
from nlp.model import Analysis, Check

FAMILIES = (completeness, arithmetic, consistency, timeliness, period, originality, specificity)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

__all__ = ["CheckContext", "run_checks"]


def run_checks(analysis: Analysis, context: CheckContext | None = None) -> list[Check]:
    """All checks of all families, errors first, then by position in the text."""
    context = context or CheckContext()
    checks = [check for family in FAMILIES for check in family.run(analysis, context)]
    return sorted(checks, key=lambda c: (SEVERITY_ORDER[c.severity], c.start if c.start is not None else -1, c.code))
