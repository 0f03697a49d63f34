"""E15: a report that speaks of the wrong year or period, or still carries template placeholders.

Signals, each with its evidence span:
- the statistical period ("统计期限为2023年1月1日至2023年12月31日") names another year than the report year
  (read from the title first), i.e. the title or the period was carried over from another year's report;
- template placeholders left in: XX年, ××局, 201x, 20XX, X月X日, 【单位名称】, 【填写机关名称】. A bracketed field label
  with its value, as a legal database prints its 文章属性 ("【制定机关】某某市人民政府", "【发布单位】：某某局"), is
  no placeholder: a value follows it on its line, and it opens the line (or follows a space or "|") or a colon
  follows it; a label that asks for a name or to fill one in (名称, 填写, XX, 某某) stays a placeholder wherever
  it stands;
- another agency's name as the subject of this year's work ("2024年，某市乙区自然资源局共收到…" in the report of
  某市甲区生态环境局): the name left in from the report it was copied from. Narrow on purpose, as a wrong name is a
  grave charge: the name must open a sentence (after an optional "2024年，") and be followed by a verb of the
  year's work; it must be a full name of the same kind (局, 委员会, 人民政府…) as the report's agency, placed at the
  same level (区 for a 区's bureau), in a different place of that level (乙区 for 甲区). Superiors ("市政府…"),
  cited authorities ("根据…"), partner lists ("会同…、…") and sibling departments of the same place (whose names
  may be old or short forms of the agency's own) are never flagged.
"""

from __future__ import annotations

import re

from nlp.checks.context import CheckContext
from nlp.fold import fold_table
from nlp.model import Analysis, Check
from nlp.snippets import window

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


_FOLD = fold_table(only="區縣鎮鄉辦廳處會員園務資業產經濟農衛監設體環護財稅審計")
LEVELS = "省市州盟县区旗镇乡"
# One place segment: a name of two to six characters and its level ("鹭汀市", "临川区", "某某自治县"); no level
# character, and no word that running text glues before a level ("一是区…", "年度市…", "全县", "本市"), inside it.
PLACE_SEGMENT = re.compile(
    rf"(?:[^{LEVELS}\W\d_是度年的和及与等了在于本该全各我此其之]{{2,6}}?(?:自治区|自治州|自治县|自治旗|地区|新区|[{LEVELS}]))"
)
# The kind of institution a name ends with; a name of another kind is no copy of this report's agency's.
AGENCY_KINDS = (
    ("government", re.compile(r"(?:人民政府|政府)$")),
    ("street", re.compile(r"(?:街道办事处|办事处)$")),
    ("office", re.compile(r"(?:办公室|办公厅)$")),
    ("committee", re.compile(r"(?:委员会|委)$")),
    ("bureau", re.compile(r"局$")),
    ("centre", re.compile(r"中心$")),
)
# A sentence opening with a name, then a verb of the year's work: the name is the subject of this year's work.
WORK_SUBJECT = re.compile(
    r"(?:^|(?<=[。；;！？\n]))[ \t\u3000]*(?:(?:20\d\d年度?|本年度|今年以来|一年来)[，,]?)?"
    r"(?P<name>[\u4e00-\u9fff]{4,30}?(?:人民政府|政府|街道办事处|办事处|办公室|办公厅|委员会|委|局|中心))"
    r"(?=共|全年|坚持|认真|高度重视|严格|积极|按照|围绕|持续|进一步|切实|扎实|不断|依法|主动公开|收到|受理|深入|全面|始终"
    r"|紧紧|聚焦)",
    re.MULTILINE,
)
# Words that make the opening no subject of the report's own work ("根据市政府…", "会同区财政局…").
NOT_SUBJECT_START = re.compile(
    r"根据|按照|依据|依照|关于|配合|会同|联合|协助|协同|经过|通过|学习|借鉴|参加|参与|督促|指导|要求|接受|邀请|报请|[在经由对向与和同受据为从将把被]"
)
OWN_WORK_PARTS = ("overview", "problems", "other_matters")


def _split_name(name: str) -> tuple[list[str], str] | None:
    """The place segments and the institution of a full name ("鹭汀市临川区自然资源局" → ["鹭汀市", "临川区"],
    "自然资源局"); None without a place or an institution."""
    segments, position = [], 0
    while True:
        match = PLACE_SEGMENT.match(name, position)
        if not match or match.end() == len(name):
            break
        segments.append(match.group())
        position = match.end()
    institution = name[position:]
    return (segments, institution) if segments and len(institution) >= 2 else None


def _kind(institution: str) -> str | None:
    return next((kind for kind, ending in AGENCY_KINDS if ending.search(institution)), None)


def _other_agency_checks(analysis: Analysis) -> list[Check]:
    agency = (analysis.meta.agency or "").translate(_FOLD)
    own = _split_name(agency)
    if own is None:
        return []
    own_places, own_institution = own
    own_kind, own_place = _kind(own_institution), own_places[-1]
    if own_kind is None:
        return []
    text = analysis.document.text
    folded = text.translate(_FOLD)
    checks = []
    for key in OWN_WORK_PARTS:
        part = analysis.part(key)
        if not part or not part.present or part.start is None:
            continue
        for match in WORK_SUBJECT.finditer(folded, part.start, part.end):
            name = match.group("name")
            if NOT_SUBJECT_START.match(name) or name == agency:
                continue
            other = _split_name(name)
            if other is None:
                continue
            places, institution = other
            place = places[-1]
            if _kind(institution) != own_kind or place[-1] != own_place[-1] or place in own_places:
                continue
            if place in agency or own_place in name:  # a short or long form of the agency's own place
                continue
            # The quote opens with the name and ends with its clause, inside the part: the next heading is no part of it.
            checks.append(
                Check(
                    code="E15.other_agency",
                    severity="error",
                    message=(
                        f"正文以“{text[match.start('name') : match.end('name')]}”为主语叙述本年度工作，"
                        f"而本报告为{analysis.meta.agency}的报告，疑似照搬其他机关报告未改名称。"
                    ),
                    evidence=window(text[: part.end], match.start("name"), match.end("name"), before=0, after=20),
                    start=match.start("name"),
                    end=match.end("name"),
                )
            )
    return checks


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
    # One check per placeholder text ("XX区XX局" is one finding), at its first place, counting the others.
    found: dict[str, list[re.Match[str]]] = {}
    for match in PLACEHOLDER.finditer(text):
        if not _is_field_label(text, match):
            found.setdefault(match.group(0), []).append(match)
    for placeholder, matches in found.items():
        first = matches[0]
        times = f"（共 {len(matches)} 处）" if len(matches) > 1 else ""
        checks.append(
            Check(
                code="E15.placeholder",
                severity="error",
                message=f"报告中残留模板占位符“{placeholder}”{times}，未按实际情况填写。",
                evidence=window(text, first.start(), first.end(), before=15, after=15),
                start=first.start(),
                end=first.end(),
            )
        )
    return checks + _other_agency_checks(analysis)
