"""E3 missing parts and sub-topics, E4 table format defects, E8 no 信息处理费 statement, E9 part 六 silent.

The 2021 format's wording is that content "不能遗漏": a missing part is an error, a missing sub-topic of part
一 a warning (agencies legitimately merge sub-topics). Pre-2019 reports follow free layouts, so their
missing parts are only reported as information.
"""

from __future__ import annotations

import re
from collections import Counter

from nlp.checks.context import CheckContext
from nlp.labels import ACTIVE_COLUMN_NAMES, PART_NAMES, REQUEST_COLUMN_NAMES, REVIEW_COLUMN_NAMES, SUBSECTION_NAMES, note_groups, row_name
from nlp.model import REQUEST_ROWS_2019_OTHER, SUBSECTION_KEYS, Analysis, Check, Part
from nlp.tables import active_row_columns

TABLE_PARTS = {
    "active_disclosure": ("active_disclosure", "表一（第二十条主动公开情况）"),
    "requests": ("requests", "表二（收到和处理政府信息公开申请情况）"),
    "review_litigation": ("review_litigation", "表三（行政复议、行政诉讼情况）"),
}
FEE_STATEMENT = re.compile(r"(信息)?处理费|收费|收取.{0,6}费")
WORK_POINTS = re.compile(r"(政务公开)?工作要点|上级.{0,10}(部署|要求)|年度.{0,6}要点")
PROPOSALS = re.compile(r"建议|提案|人大代表|政协委员")
FIRST_2021_FORMAT_YEAR = 2021
# Parse notes that only say a row has no value: a table with no value at all is reported missing instead.
NO_VALUE_NOTE = re.compile(r"未找到该行|没有数值|有0个数值")
# Tagged sentences of a sub-topic that make its missing subheading a layout issue: one could be a tagging error.
MIN_SCATTERED = 2


def _part_checks(analysis: Analysis) -> list[Check]:
    pre2019 = analysis.meta.format_version == "pre2019"
    checks = []
    for part in analysis.parts:
        if not part.present:
            checks.append(
                Check(
                    code="E3.missing_part",
                    severity="info" if pre2019 else "error",
                    message=f"缺少第{part.number}部分“{PART_NAMES[part.key]}”（要素不全）。",
                    evidence="未找到该部分标题",
                )
            )
    overview = analysis.part("overview")
    if overview and overview.present and not pre2019:
        found = {sub.key for sub in overview.subsections}
        # The sub-topics are also tag labels: content without its own subheading is a layout issue, not a gap.
        tagged = Counter(tag.label for tag in analysis.tags if tag.part == "overview")
        for key in SUBSECTION_KEYS:
            if key in found:
                continue
            name = SUBSECTION_NAMES[key]
            if tagged[key] >= MIN_SCATTERED:
                severity, message = "info", f"“总体情况”未设置“{name}”小标题，相关内容散见于正文（{tagged[key]} 句）。"
            else:
                severity, message = "warning", f"“总体情况”缺少“{name}”方面的内容（要素不全）。"
            checks.append(
                Check(
                    code="E3.missing_subtopic",
                    severity=severity,
                    message=message,
                    evidence=f"总体情况中未找到“{name}”小标题",
                    start=overview.start,
                    end=overview.end,
                )
            )
    return checks


def _table_checks(analysis: Analysis) -> list[Check]:
    checks = []
    tables = analysis.tables
    missing = set()  # tables reported as missing: their row notes would only repeat that (they stay in tables.notes)
    for attribute, (part_key, name) in TABLE_PARTS.items():
        part = analysis.part(part_key)
        span = (part.start, part.end) if part and part.present else (None, None)
        table = getattr(tables, attribute)
        if table is None:
            if analysis.meta.format_version != "pre2019":
                checks.append(
                    Check(
                        code="E4.missing_table",
                        severity="error",
                        message=f"未找到{name}，或表格为图片、无法识别。",
                        evidence="报告文本中没有该表格的表头和数据",
                        start=span[0],
                        end=span[1],
                    )
                )
                missing.add(attribute)
            continue
        if not any(value is not None for values in table.values() for value in values.values()):
            # The header was found but no cell could be read (rows in an attachment or an image): to the reader the
            # table is as absent as a missing one, so it weighs the same. Numbers that were there but could not
            # be placed are named in the evidence, instead of in a malformed-row check of their own.
            if analysis.meta.format_version != "pre2019":
                unplaced = [n for n in tables.notes if n.table == attribute and not NO_VALUE_NOTE.search(n.message)]
                checks.append(
                    Check(
                        code="E4.missing_table",
                        severity="error",
                        message=f"{name}只有表头，没有可识别的数据（可能为图片或附件）。",
                        evidence=(
                            "表头之后读到的数值无法归入表格："
                            + "；".join(f"{rows}{note.message}" for note, rows in note_groups(unplaced))
                            if unplaced
                            else "表头之后没有读到任何数值"
                        ),
                        start=span[0],
                        end=span[1],
                    )
                )
                missing.add(attribute)
            continue
        blanks = [
            f"{row_name(attribute, row)}·{_column_name(attribute, column)}"
            for row, values in table.items()
            for column, value in values.items()
            if value is None
            and not _row_has_note(analysis, attribute, row)
            # Table A rows carry the keys of both forms; a column the row's form lacks is not a blank cell.
            and (attribute != "active_disclosure" or column in active_row_columns(row, values))
        ]
        if blanks:
            shown = "、".join(blanks[:6]) + ("等" if len(blanks) > 6 else "")
            checks.append(
                Check(
                    code="E4.blank_cells",
                    severity="warning",
                    message=f"{name}有 {len(blanks)} 个单元格为空或填“/”，应填写数字（无数据填 0），格式不规范。",
                    evidence=shown,
                    start=span[0],
                    end=span[1],
                )
            )
    for note, rows in note_groups([note for note in tables.notes if note.table not in missing]):
        checks.append(
            Check(
                code="E4.malformed_row",
                severity="warning",
                message=f"{TABLE_PARTS.get(note.table, (None, note.table))[1]}存在格式问题：{note.message}",
                evidence=rows,
                start=note.start,
                end=note.end,
            )
        )
    year, version = analysis.meta.year, analysis.meta.format_version
    if year and version == "2019" and year >= FIRST_2021_FORMAT_YEAR:
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message=f"{year}年度报告仍使用2019年版（试行）表格格式，应使用国办公开办函〔2021〕30号规定的新格式。",
                evidence="表格含“本年新制作数量”或“第（九）项”等旧版栏目",
            )
        )
    requests = analysis.tables.requests or {}
    if version == "2021" and REQUEST_ROWS_2019_OTHER in requests:
        # Table B of the 2021 form splits （六）其他处理 into 逾期不补正 / 逾期未缴费 / 其他; the single row is 2019's.
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message="表二“（六）其他处理”仍为2019年版的一行，2021年版格式应分列“逾期不补正”“逾期未缴费”“其他”三行。",
                evidence=row_name("requests", REQUEST_ROWS_2019_OTHER),
            )
        )
    if year and version == "2021" and year < FIRST_2021_FORMAT_YEAR - 1:
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message=f"{year}年度报告使用了2021年版表格格式，与报告年度不符，请核实报告年度。",
                evidence="表格含“本年制发件数”等2021年版栏目",
            )
        )
    return checks


def _row_has_note(analysis: Analysis, table: str, row: str) -> bool:
    return any(note.table == table and note.row == row for note in analysis.tables.notes)


def _column_name(table: str, column: str) -> str:
    names = {
        "requests": REQUEST_COLUMN_NAMES,
        "review_litigation": REVIEW_COLUMN_NAMES,
        "active_disclosure": ACTIVE_COLUMN_NAMES,
    }
    return names.get(table, {}).get(column, column)


def _part_text(analysis: Analysis, part: Part | None) -> str:
    if not part or not part.present:
        return ""
    return analysis.document.text[part.start : part.end]


def _other_matters_checks(analysis: Analysis) -> list[Check]:
    if analysis.meta.format_version == "pre2019":
        return []
    part = analysis.part("other_matters")
    text = _part_text(analysis, part)
    span = (part.start, part.end) if part and part.present else (None, None)
    checks = []
    if not FEE_STATEMENT.search(text):
        checks.append(
            Check(
                code="E8.no_fee_statement",
                severity="warning",
                message="“其他需要报告的事项”未说明信息处理费收取情况（收费或未收费均应说明）。",
                evidence="第六部分未提及“信息处理费”",
                start=span[0],
                end=span[1],
            )
        )
    if part and part.present:
        if not WORK_POINTS.search(text):
            checks.append(
                Check(
                    code="E9.no_work_points",
                    severity="warning",
                    message="“其他需要报告的事项”未报告落实上级年度政务公开工作要点的情况。",
                    evidence="第六部分未提及“工作要点”",
                    start=span[0],
                    end=span[1],
                )
            )
        if not PROPOSALS.search(text):
            checks.append(
                Check(
                    code="E9.no_proposals",
                    severity="info",
                    message="“其他需要报告的事项”未报告人大代表建议和政协提案办理结果公开情况（如无相关职责可忽略）。",
                    evidence="第六部分未提及“建议”“提案”",
                    start=span[0],
                    end=span[1],
                )
            )
    return checks


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    return _part_checks(analysis) + _table_checks(analysis) + _other_matters_checks(analysis)
