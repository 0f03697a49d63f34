"""E5 勾稽关系 of tables B and C, and E7 unit errors in table A.

Identities (``../shared/docs/domain.md``):
1. table B, each column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理;
2. table B, each column: （七）总计 = the sum of every outcome row (（一）…（六）);
3. table B, each row: 总计 = the six applicant columns;
4. table C, each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结.

A blank or "/" cell counts as 0 here (E4 reports it as a format defect). A cell the parser could not know
(a short row it could not place, see ``Tables.notes``) makes every identity through it undecidable: such an
identity is skipped, because flagging it would blame the agency for the parser's uncertainty.
"""

from __future__ import annotations

from nlp.checks.context import CheckContext
from nlp.labels import REQUEST_COLUMN_NAMES, REQUEST_ROW_NAMES, REVIEW_COLUMN_NAMES, REVIEW_GROUP_NAMES
from nlp.model import REQUEST_COLUMNS, REQUEST_ROWS, REQUEST_ROWS_2019_OTHER, REVIEW_COLUMNS, Analysis, Check

APPLICANT_COLUMNS = REQUEST_COLUMNS[:-1]
OUTCOME_ROWS_2021 = REQUEST_ROWS[2:23]
OUTCOME_ROWS_2019 = REQUEST_ROWS[2:20] + (REQUEST_ROWS_2019_OTHER,)
# 万元 amounts this large are 元 values typed into the 万元 cell: 1,000,000 万元 is 100 亿元 of fees.
FEE_UNIT_ERROR_THRESHOLD = 1_000_000


def _span(analysis: Analysis, part_key: str) -> tuple[int | None, int | None]:
    part = analysis.part(part_key)
    return (part.start, part.end) if part and part.present else (None, None)


def _unknown_rows(analysis: Analysis, table: str) -> set[str]:
    return {note.row for note in analysis.tables.notes if note.table == table and note.row}


def _sum_text(names: list[str], values: list[int | float]) -> str:
    return " + ".join(f"{name}{value:g}" for name, value in zip(names, values))


def _requests_checks(analysis: Analysis) -> list[Check]:
    table = analysis.tables.requests
    if not table:
        return []
    start, end = _span(analysis, "requests")
    unknown = _unknown_rows(analysis, "requests")
    outcome_rows = OUTCOME_ROWS_2019 if REQUEST_ROWS_2019_OTHER in table else OUTCOME_ROWS_2021

    def cell(row: str, column: str) -> int | float | None:
        """The value for the identities, or None when the parser could not know it."""
        value = table.get(row, {}).get(column)
        if value is None and row in unknown:
            return None
        return value or 0

    checks: list[Check] = []

    def compare(code: str, where: str, left: list[tuple[str, str, str]], right: list[tuple[str, str, str]]):
        """``left``/``right``: (row, column, display name) cells whose sums must be equal."""
        left_values = [cell(r, c) for r, c, _ in left]
        right_values = [cell(r, c) for r, c, _ in right]
        if None in left_values or None in right_values:
            return
        difference = sum(left_values) - sum(right_values)
        if difference == 0:
            return
        equation = (
            f"{_sum_text([n for *_, n in left], left_values)} = {sum(left_values):g}，"
            f"而 {_sum_text([n for *_, n in right], right_values)} = {sum(right_values):g}"
        )
        checks.append(
            Check(
                code=code,
                severity="error",
                message=f"表二（政府信息公开申请情况）{where}勾稽关系不成立，相差 {difference:g}。",
                evidence=equation,
                start=start,
                end=end,
            )
        )

    for column in REQUEST_COLUMNS:
        column_name = REQUEST_COLUMN_NAMES[column]
        compare(
            "E5.requests_balance",
            f"“{column_name}”列“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”",
            [("new_received", column, "本年新收"), ("carried_over", column, "上年结转")],
            [("total_processed", column, "（七）总计"), ("carried_forward", column, "结转下年度")],
        )
        compare(
            "E5.requests_outcome_total",
            f"“{column_name}”列“（七）总计 = 各项办理结果之和”",
            [("total_processed", column, "（七）总计")],
            [(row, column, REQUEST_ROW_NAMES[row]) for row in outcome_rows],
        )
    for row in (*REQUEST_ROWS[:2], *outcome_rows, "total_processed", "carried_forward"):
        if row not in table:
            continue
        compare(
            "E5.requests_row_total",
            f"“{REQUEST_ROW_NAMES[row]}”行“总计 = 各类申请人之和”",
            [(row, "total", "总计")],
            [(row, column, REQUEST_COLUMN_NAMES[column]) for column in APPLICANT_COLUMNS],
        )
    return checks


def _review_checks(analysis: Analysis) -> list[Check]:
    table = analysis.tables.review_litigation
    if not table:
        return []
    start, end = _span(analysis, "review_litigation")
    checks = []
    for group, values in table.items():
        if group not in REVIEW_GROUP_NAMES:
            continue
        parts = [values.get(column) or 0 for column in REVIEW_COLUMNS[:-1]]
        total = values.get("total") or 0
        if sum(parts) != total:
            names = [REVIEW_COLUMN_NAMES[c] for c in REVIEW_COLUMNS[:-1]]
            checks.append(
                Check(
                    code="E5.review_total",
                    severity="error",
                    message=f"表三“{REVIEW_GROUP_NAMES[group]}”总计与分项之和不符，相差 {total - sum(parts):g}。",
                    evidence=f"总计 {total:g}，而 {_sum_text(names, parts)} = {sum(parts):g}",
                    start=start,
                    end=end,
                )
            )
    return checks


def _unit_checks(analysis: Analysis) -> list[Check]:
    table = analysis.tables.active_disclosure
    amount = ((table or {}).get("administrative_fees") or {}).get("amount_10k_yuan")
    if amount is None or amount < FEE_UNIT_ERROR_THRESHOLD:
        return []
    start, end = _span(analysis, "active_disclosure")
    return [
        Check(
            code="E7.fee_unit",
            severity="warning",
            message="表一“行政事业性收费”金额单位为万元，所填数值过大，疑似按“元”填写。",
            evidence=f"本年收费金额（单位：万元）：{amount:g}（即 {amount / 10000:g} 亿元）",
            start=start,
            end=end,
        )
    ]


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    return _requests_checks(analysis) + _review_checks(analysis) + _unit_checks(analysis)
