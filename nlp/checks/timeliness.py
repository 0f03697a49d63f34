"""E1: publication after the statutory deadline, when the report states its publication date.

条例 第四十九条: 县级以上人民政府部门 publish their own report by 1月31日; the 政府信息公开工作主管部门 publishes the
report *of the government* (本级政府) by 3月31日. Deadlines come from :class:`~nlp.checks.context.CheckContext`.
The revised 条例 took effect in May 2019: reports for 2018 and earlier were due under the 2008 条例 (第三十一条),
one deadline for every agency.

Which deadline applies is read from the report's agency name (:func:`is_government`):

* government (3月31日): …人民政府 / …政府 / 行政公署; a bare place name ("正阳县", which titles a county's own
  report); a 街道办事处 or 乡镇人民政府 (第四十九条 sets no date below county level, and a false "late" costs the
  reviewer's trust, so the later date); a development-zone 管委会 whose name ends with the zone
  ("某某经济开发区管理委员会", "某某高新区管委会", "某某风景区管理委员会"): it is the government's 派出机构 running the
  zone, with departments of its own, and reports for the zone as a government does.
* department (1月31日): everything else, in particular
  - a 管理委员会 named after what it administers: 国有资产监督管理委员会, 建设和管理委员会, 城市管理委员会 are
    departments of their government, not a government (the name merely ends like a zone's 管委会);
  - a government's office in another city (…人民政府驻北京办事处, 驻京办, 驻沪联络处): its name ends like a
    街道办事处 but it is a department of the government that sends it;
  - the government's own 办公室 / 办公厅 / 政府办 ("某某市人民政府办公室2024年…报告"): the office is itself a
    department and its own report is due by 1月31日. The government's report, which the office compiles as
    主管部门, is titled and named after the 人民政府 (segment.extract_meta reads a contact or chrome line "请与某某县
    人民政府办公室联系" as the county's report), so it still gets 3月31日.
"""

from __future__ import annotations

import datetime as dt
import re

from nlp.checks.context import CheckContext
from nlp.fold import fold_table
from nlp.model import Analysis, Check

GOVERNMENT_NAME = re.compile(
    r"(人民政府|政府|行政公署|街道办事处|办事处)$"
    r"|^[\u4e00-\u9fff]{1,12}(?:省|自治区|市|县|区|州|盟|旗|镇|乡|街道)$"
)
# A zone's 管委会: the zone's name runs up to it ("某某经济技术开发区管理委员会"); a function in between
# ("浦东新区城市管理委员会") makes it a department.
ZONE_COMMITTEE = re.compile(
    r"(?:开发区|高新区|新区|园区|产业园|工业园|试验区|实验区|示范区|合作区|保税区|自贸区|自由贸易区|经济区|功能区"
    r"|特区|旅游区|度假区|风景区|景区|名胜区|林区|矿区|港区|片区|新城|管理区)(?:管理委员会|管委会|管委)$"
)
# A government's office in another city ("某某市人民政府驻北京办事处", "驻京办", "驻沪联络处") is a department of that
# government, although its name ends like a 街道办事处 (驻马店 is a city, not an office's 驻).
LIAISON_OFFICE = re.compile(r"驻(?!马店)[\u4e00-\u9fff]{1,12}(?<!街道)(?:办事处|联络处|代表处|办)$")
LAST_LEGACY_YEAR = 2018
# A date more than a year after the deadline is most often the page's re-post date (a site migration re-dated a
# whole archive: 2009 reports "公开日期 2015-08-03", a 2014 report "发布时间 2020/08/24"), which the text cannot tell
# from a report really published years late: a warning asking to verify, not an error.
REPOST_DAYS = 365


# The Traditional characters of the names above ("重慶市某區人民政府某街道辦事處", "某經濟開發區管理委員會").
_FOLD = fold_table(only="辦廳處區縣鎮鄉會員開發園業產經濟試驗範護貿遊勝礦溝長門")


def is_government(agency: str | None) -> bool:
    """The report of a government (or a zone's 管委会) gets the later deadline; see the module docstring."""
    if not agency:
        return False
    name = agency.translate(_FOLD)
    if LIAISON_OFFICE.search(name):
        return False
    return bool(GOVERNMENT_NAME.search(name) or ZONE_COMMITTEE.search(name))


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
    days = (published - deadline).days
    message = f"报告发布日期 {published.isoformat()} 晚于{kind}年度报告的公布期限 {deadline.isoformat()}（逾期 {days} 天）。"
    if days > REPOST_DAYS:
        message += "晚于期限一年以上，可能是网站迁移或重新发布后的页面日期，请核实原始发布日期。"
    return [
        Check(
            code="E1.late_publication",
            severity="warning" if days > REPOST_DAYS else "error",
            message=message,
            evidence=f"发布日期：{meta.published}",
        )
    ]
