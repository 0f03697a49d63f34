"""E1: publication after the statutory deadline, when the report states its publication date.

条例 第四十九、五十条: departments publish by 1月31日, the government-level report by 3月31日 of the
following year. Whether an agency is a "government" is read from its name (…人民政府 / …政府 without a
department suffix, or its 办公室 / 办公厅 / 政府办, also in Traditional characters, or a bare place name such as "正阳县",
which titles a county's own report); deadlines come from
:class:`~nlp.checks.context.CheckContext`. The revised 条例 took effect in May 2019: reports for 2018 and earlier
were due under the 2008 条例 (第三十一条), one deadline for every agency.
"""

from __future__ import annotations

import datetime as dt
import re

from nlp.checks.context import CheckContext
from nlp.model import Analysis, Check

GOVERNMENT_NAME = re.compile(
    r"(人民政府|政府|行政公署|管委会|管理委员会|街道办事处|办事处|辦事處)(办公室|办公厅|辦公室|辦公廳|办|辦)?$"
    r"|^[\u4e00-\u9fff]{1,12}(?:省|自治区|市|县|区|州|盟|旗|镇|乡|街道)$"
)
LAST_LEGACY_YEAR = 2018


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
    if meta.year <= LAST_LEGACY_YEAR:
        (month, day), kind = context.legacy_deadline, "2008年《条例》规定的"
    elif government:
        (month, day), kind = context.government_deadline, "本级政府"
    else:
        (month, day), kind = context.department_deadline, "政府部门"
    deadline = dt.date(meta.year + 1, month, day)
    if published <= deadline:
        return []
    return [
        Check(
            code="E1.late_publication",
            severity="error",
            message=f"报告发布日期 {published.isoformat()} 晚于{kind}年度报告的公布期限 {deadline.isoformat()}（逾期 {(published - deadline).days} 天）。",
            evidence=f"发布日期：{meta.published}",
        )
    ]
