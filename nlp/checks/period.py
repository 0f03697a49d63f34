"""E15: a report that speaks of the wrong year or period, or still carries template placeholders.

Signals, each with its evidence span:
- the statistical period ("统计期限为2023年1月1日至2023年12月31日") names another year than the report year
  (read from the title first), i.e. the title or the period was carried over from another year's report;
- template placeholders left in: XX年, ××局, 201x, 20XX, X月X日, 【单位名称】, 【填写机关名称】. A bracketed field label
  with its value, as a legal database prints its 文章属性 ("【制定机关】某某市人民政府", "【发布单位】：某某局"), is
  no placeholder: a value follows it on its line, and it opens the line (or follows a space or "|") or a colon
  follows it; a label that asks for a name or to fill one in (名称, 填写, XX, 某某) stays a placeholder wherever
  it stands.
"""

from __future__ import annotations

import re

from nlp.checks.context import CheckContext
from nlp.model import Analysis, Check

PERIOD = re.compile(r"(?:统计)?期限?[为是自从：:]*\s*(20\d\d)年\s*1月\s*1日\s*(?:起)?\s*[至到—-]+\s*(?:(20\d\d)年\s*)?12月\s*31日")
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:XX|xx|ＸＸ|××|xxx|XXX)(?=[年月日局区县市镇乡委办号件条])|20[1-2][xX×]|20[xX×]{2}|[xX×]月[xX×]日"
    r"|【[^】]{0,8}(?:名称|单位|机关)[^】]{0,4}】"
)

BRACKET = "【"
FILL_IN = re.compile(r"名称|填|请|输入|[XxＸ×]{2}|某")
FIELD_START = " \t\u3000\n|•·"
FIELD_VALUE = re.compile(r"[ \t\u3000]*(?P<colon>[:：])?[ \t\u3000]*[^\s【\[]")


def _is_field_label(text: str, match: re.Match[str]) -> bool:
    """"【制定机关】某某市人民政府" (a database's filled field), not "由【单位名称】负责" or a bare "【发布机关】"."""
    if not match.group(0).startswith(BRACKET) or FILL_IN.search(match.group(0)):
        return False
    value = FIELD_VALUE.match(text, match.end())
    opens_field = match.start() == 0 or text[match.start() - 1] in FIELD_START
    return bool(value and (opens_field or value.group("colon")))


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    text = analysis.document.text
    year = analysis.meta.year
    checks = []
    if year:
        for match in PERIOD.finditer(text):
            years = {int(y) for y in match.groups() if y}
            if years and years != {year}:
                checks.append(
                    Check(
                        code="E15.wrong_period",
                        severity="error",
                        message=f"统计期限写的是{'、'.join(str(y) for y in sorted(years))}年，与报告年度 {year} 年不符，疑似沿用往年报告。",
                        evidence=match.group(0),
                        start=match.start(),
                        end=match.end(),
                    )
                )
    for match in PLACEHOLDER.finditer(text):
        if _is_field_label(text, match):
            continue
        checks.append(
            Check(
                code="E15.placeholder",
                severity="error",
                message=f"报告中残留模板占位符“{match.group(0)}”，未按实际情况填写。",
                evidence=text[max(0, match.start() - 15) : match.end() + 15],
                start=match.start(),
                end=match.end(),
            )
        )
    return checks
