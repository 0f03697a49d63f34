"""What a check needs besides the analysis itself: the previous year's report and the deadlines."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.model import Analysis


@dataclass(frozen=True)
class CheckContext:
    """Settings and side inputs of the checks.

    Deadlines are (month, day) in the year after the report year: 条例 第五十条 sets 1月31日 for
    departments and 3月31日 for the government-level report; local offices often set earlier dates. Reports
    for 2018 and earlier fall under the 2008 条例 (第三十一条): 3月31日 for every agency.
    """

    previous: Analysis | None = None
    department_deadline: tuple[int, int] = (1, 31)
    government_deadline: tuple[int, int] = (3, 31)
    legacy_deadline: tuple[int, int] = (3, 31)
