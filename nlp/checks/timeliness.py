"""E1: publication after the statutory deadline, when the report states its publication date.

条例 第四十九、五十条: departments publish by 1月31日, the government-level report by 3月31日 of the
following year. Whether an agency is a "government" is read from its name (…人民政府 / …政府 without a
department suffix); deadlines come from :class:`~nlp.checks.context.CheckContext`.
"""

from __future__ import annotations

import datetime as dt
import re

from nlp.checks.context import CheckContext
from nlp.model import Analysis, Check

GOVERNMENT_NAME = re.compile(r"(人民政府|政府|行政公署|管委会|管理委员会|街道办事处|办事处)(办公室|办公厅)?$")


def is_government(agency: str | None) -> bool:
    """The government-level report (and its 办公室 / 办公厅, which compiles it) gets the later deadline."""
    return bool(agency and GOVERNMENT_NAME.search(agency))


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    meta = analysis.meta
    if not meta.published or not meta.year:
        return []
    try:
        published = dt.date.fromisoformat(meta.published)
    except ValueError:
        return []
    government = is_government(meta.agency)
    month, day = context.government_deadline if government else context.department_deadline
    deadline = dt.date(meta.year + 1, month, day)
    if published <= deadline:
        return []
    kind = "本级政府" if government else "政府部门"
    return [
        Check(
            code="E1.late_publication",
            severity="error",
            message=f"报告发布日期 {published.isoformat()} 晚于{kind}年度报告的公布期限 {deadline.isoformat()}（逾期 {(published - deadline).days} 天）。",
            evidence=f"发布日期：{meta.published}",
        )
    ]
