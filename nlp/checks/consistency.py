"""E6: the narrative against the tables, the fee statement against table B, and cross-year identities.

A narrative figure is compared with every table value it may legitimately mean: "办理 N 件" sometimes
includes 上年结转, 行政诉讼 totals may count one or both litigation groups. Approximate figures ("5500余条")
and breakdowns ("其中网上申请5件", "自然人申请21件") are left out: they are not meant to equal a table total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from nlp.checks.context import CheckContext
from nlp.labels import REQUEST_COLUMN_NAMES
from nlp.model import REQUEST_COLUMNS, REQUEST_ROWS, REQUEST_ROWS_2019_OTHER, Analysis, Check, Figure
from nlp.snippets import window

Table = dict[str, dict[str, int | float | None]]
# Table B's outcome rows, （一）予以公开 … （六）其他处理, whose sum is （七）总计 (as in ``arithmetic.py``).
OUTCOME_ROWS_2021 = REQUEST_ROWS[2:23]
OUTCOME_ROWS_2019 = REQUEST_ROWS[2:20] + (REQUEST_ROWS_2019_OTHER,)


def _value(table: Table | None, row: str, column: str) -> int | float | None:
    """The cell, or None when it is blank, "/" or "—", or was not read (a missing row, a table given as an image).

    A blank cell is unknown, never 0 (contract: null is kept distinct from 0): the narrative is not compared with
    it, and E4 already reports the unreadable rows.
    """
    return ((table or {}).get(row) or {}).get(column)


def _plus(*cells: int | float | None) -> int | float | None:
    """A sum the narrative may state, or None unless every cell of it was read.

    The identities (E5) count a blank as 0; a narrative comparison does not: "本年新收 + 上年结转" with 上年结转
    blank or unread is unknown, and printing it as the 本年新收 value alone would show a number for a blank cell.
    """
    return None if any(cell is None for cell in cells) else sum(cells)


def _known(values: dict[str, int | float | None]) -> dict[str, int | float]:
    return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True)
class Claim:
    """A figure category and the table values it may stand for."""

    category: str
    description: str
    table_name: str
    admissible: Callable[[Analysis, Figure], dict[str, int | float | None]]
    # True when the table also states the breakdowns ("其中未经复议直接起诉1件" is a table-C group total),
    # so figures after 其中 are checked too.
    breakdowns_in_table: bool = False


def _requests(analysis: Analysis) -> Table | None:
    return analysis.tables.requests


def _review(analysis: Analysis) -> Table | None:
    return analysis.tables.review_litigation


OUTCOME_COLUMNS = {"维持": "upheld", "纠正": "corrected", "其他": "other", "未审结": "pending", "尚未": "pending"}


def _outcome_column(metric: str) -> str | None:
    return next((column for cue, column in OUTCOME_COLUMNS.items() if cue in metric), None)


def _received(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    """"收到申请 N 件" is 本年新收, or (some reports) 本年新收 + 上年结转.

    The alternative only stands in beside 本年新收: with 本年新收 unknown the figure may mean it, so nothing is
    compared.
    """
    table = _requests(analysis)
    new, carried = _value(table, "new_received", "total"), _value(table, "carried_over", "total")
    if new is None:
        return {}
    return {"本年新收": new, "本年新收 + 上年结转": _plus(new, carried)}


def _outcome_rows(table: Table) -> tuple[str, ...]:
    return OUTCOME_ROWS_2019 if REQUEST_ROWS_2019_OTHER in table else OUTCOME_ROWS_2021


def _answered(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    """"办结/答复 N 件" is the outcome total (（七）总计), or "办理 N 件" the whole workload including 上年结转.

    The outcome total is the 总计 cell or, when that is blank, the sum of the outcome rows if every one of them
    was read. Without it nothing is compared: the workload alternative only stands in beside it (a report with
    4 requests carried forward has 办结 33 against 本年新收 + 上年结转 37).
    """
    table = _requests(analysis)
    if not table:
        return {}
    total = _value(table, "total_processed", "total")
    name = "办理结果总计"
    if total is None:
        total, name = _plus(*(_value(table, row, "total") for row in _outcome_rows(table))), "办理结果各项之和"
    if total is None:
        return {}
    new, carried = _value(table, "new_received", "total"), _value(table, "carried_over", "total")
    return {name: total, "本年新收 + 上年结转": _plus(new, carried)}


def _carried_over(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    return {"上年结转": _value(_requests(analysis), "carried_over", "total")}


def _carried_forward(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    return {"结转下年度继续办理": _value(_requests(analysis), "carried_forward", "total")}


def _review_total(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    return {"行政复议总计": _value(_review(analysis), "review", "total")}


def _litigation_total(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    """Either group or both together; with one group unknown the figure may mean the unknown sum."""
    table = _review(analysis)
    direct, after = _value(table, "litigation_direct", "total"), _value(table, "litigation_after_review", "total")
    if direct is None or after is None:
        return {}
    return {"行政诉讼总计（两类合计）": _plus(direct, after), "未经复议直接起诉总计": direct, "复议后起诉总计": after}


def _review_outcome(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    column = _outcome_column(figure.metric)
    if column is None:
        return {}
    return {f"行政复议{figure.metric}": _value(_review(analysis), "review", column)}


def _litigation_outcome(analysis: Analysis, figure: Figure) -> dict[str, int | float | None]:
    column = _outcome_column(figure.metric)
    if column is None:
        return {}
    table = _review(analysis)
    direct, after = _value(table, "litigation_direct", column), _value(table, "litigation_after_review", column)
    if direct is None or after is None:
        return {}
    return {f"行政诉讼{figure.metric}（两类合计）": _plus(direct, after), "直接起诉": direct, "复议后起诉": after}


CLAIMS = (
    Claim("requests_received", "收到（受理）政府信息公开申请", "requests", _received),
    Claim("requests_answered", "答复（办结）政府信息公开申请", "requests", _answered),
    Claim("requests_carried_over", "上年结转申请", "requests", _carried_over),
    Claim("requests_carried_forward", "结转下年度办理的申请", "requests", _carried_forward),
    Claim("review_cases", "政府信息公开行政复议", "review_litigation", _review_total),
    Claim("litigation_cases", "政府信息公开行政诉讼", "review_litigation", _litigation_total, True),
    Claim("review_outcome", "行政复议结果", "review_litigation", _review_outcome, True),
    Claim("litigation_outcome", "行政诉讼结果", "review_litigation", _litigation_outcome, True),
)
TABLE_TITLES = {"requests": "表二", "review_litigation": "表三"}


SUBSET_CUES = re.compile(
    r"含|包括|自然人|法人|企业|组织|线上|线下|网上|网络|在线|信函|邮寄|当面|现场|电子邮件|传真|平台|渠道|分别"
)
CLAUSE_BREAK = re.compile(r"[，,；;。：:！？\n（）()]")
SENTENCE_BREAK = re.compile(r"[。；;！？\n]")
# Part 一 (and any narrative inside parts 三/四) restates the tables; parts 五/六 quote counts for other ends
# ("作出“无法提供”答复8件，占办结总数的24%").
STATING_PARTS = {"overview", "requests", "review_litigation", None}


def _window_start(text: str, position: int, breaks: re.Pattern, reach: int) -> int:
    return max((m.end() for m in breaks.finditer(text, max(0, position - reach), position)), default=max(0, position - reach))


def _is_subset(text: str, figure: Figure) -> bool:
    """A breakdown ("其中自然人申请21件", "线下1件") is not the total the table states.

    Cues count within the figure's clause, except 其中, which makes every later figure of its sentence a
    breakdown ("行政复议3件，其中结果维持1件、其他结果1件、尚未审结1件").
    """
    clause_start = _window_start(text, figure.start, CLAUSE_BREAK, 40)
    sentence_start = _window_start(text, figure.start, SENTENCE_BREAK, 200)
    return bool(
        SUBSET_CUES.search(text, clause_start, figure.start)
        or SUBSET_CUES.search(figure.metric)
        or "其中" in text[sentence_start : figure.start]
    )


def _narrative_checks(analysis: Analysis) -> list[Check]:
    checks = []
    text = analysis.document.text
    for claim in CLAIMS:
        if getattr(analysis.tables, claim.table_name) is None:
            continue
        stated = [
            f for f in analysis.figures if f.category == claim.category and not f.approx and f.part in STATING_PARTS
        ]
        totals = [f for f in stated if claim.breakdowns_in_table or not _is_subset(text, f)]
        # A report whose only statement looks like a breakdown ("收到线下申请1件") is stating its total.
        for figure in totals or stated:
            # Only the values the table states: no comparison with a blank or unread cell.
            admissible = _known(claim.admissible(analysis, figure))
            if not admissible or figure.value in admissible.values():
                continue
            table_values = "、".join(f"{name} {value:g}" for name, value in admissible.items())
            checks.append(
                Check(
                    code="E6.narrative_vs_table",
                    severity="error",
                    message=(
                        f"正文所述{claim.description}数量（{figure.value:g}{figure.unit}）与"
                        f"{TABLE_TITLES[claim.table_name]}不一致（表中：{table_values}）。"
                    ),
                    evidence=window(text, figure.start, figure.end, before=20, after=5),
                    start=figure.start,
                    end=figure.end,
                )
            )
    return checks


FEE_NOTICE = re.compile(r"收费通知|缴费通知|缴纳|缴费")


def _narrative_of(analysis: Analysis, part_key: str) -> str:
    part = analysis.part(part_key)
    return analysis.document.text[part.start : part.end] if part and part.present else ""


def _fee_checks(analysis: Analysis) -> list[Check]:
    """"未收取信息处理费" with applications dropped for unpaid fees needs the fee notices explained.

    Table B （六）2 counts applications closed because the applicant did not pay a fee notice, so a report
    can rightly have both; the contradiction is a flat "no fee" statement that never mentions the notices.
    """
    table = analysis.tables.requests
    overdue_fee = _value(table, "other_overdue_fee", "total")
    no_fee = [f for f in analysis.figures if f.category == "processing_fees" and f.value == 0]
    if not table or not no_fee or not overdue_fee or FEE_NOTICE.search(_narrative_of(analysis, "other_matters")):
        return []
    figure = no_fee[0]
    return [
        Check(
            code="E6.fee_vs_table",
            severity="warning",
            message=(
                f"正文称未收取信息处理费，但表二“（六）其他处理·2.逾期未按收费通知要求缴纳费用”为 {overdue_fee:g} 件，"
                "说明发出过收费通知，正文未作说明，请核实。"
            ),
            evidence=figure.text,
            start=figure.start,
            end=figure.end,
        )
    ]


def _cross_year_checks(analysis: Analysis, previous: Analysis) -> list[Check]:
    checks = []
    this_year, last_year = analysis.tables.requests, previous.tables.requests
    year_label = f"{previous.meta.year}年度" if previous.meta.year else "上一年度"
    if this_year and last_year:
        pairs = {
            column: (_value(this_year, "carried_over", column), _value(last_year, "carried_forward", column))
            for column in REQUEST_COLUMNS
        }
        mismatched = [
            f"{REQUEST_COLUMN_NAMES[column]}：本年“上年结转”{now:g}，{year_label}“结转下年度”{before:g}"
            for column, (now, before) in pairs.items()
            if now is not None and before is not None and now != before  # a blank cell is unknown
        ]
        if mismatched:
            part = analysis.part("requests")
            checks.append(
                Check(
                    code="E6.cross_year_carryover",
                    severity="error",
                    message=f"本年度“上年结转”与{year_label}报告的“结转下年度继续办理”不一致。",
                    evidence="；".join(mismatched),
                    start=part.start if part else None,
                    end=part.end if part else None,
                )
            )
    this_a, last_a = analysis.tables.active_disclosure, previous.tables.active_disclosure
    if this_a and last_a:
        for row, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            now, before = this_a.get(row) or {}, last_a.get(row) or {}
            if now.get("valid") is None or before.get("valid") is None:
                continue
            expected = before["valid"] + (now.get("made") or 0) - (now.get("repealed") or 0)
            if expected != now["valid"]:
                part = analysis.part("active_disclosure")
                checks.append(
                    Check(
                        code="E6.cross_year_stock",
                        severity="warning",
                        message=f"{name}“现行有效件数”与上年数据不衔接（上年现行有效 + 本年制发 − 本年废止 应约等于本年现行有效）。",
                        evidence=(
                            f"{year_label}现行有效 {before['valid']:g} + 本年制发 {now.get('made') or 0:g} − 本年废止 "
                            f"{now.get('repealed') or 0:g} = {expected:g}，本年填报 {now['valid']:g}"
                        ),
                        start=part.start if part else None,
                        end=part.end if part else None,
                    )
                )
    return checks


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    checks = _narrative_checks(analysis) + _fee_checks(analysis)
    if context.previous is not None:
        checks += _cross_year_checks(analysis, context.previous)
    return checks
