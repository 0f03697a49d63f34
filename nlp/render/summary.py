"""The one-report summary of ``govreport summarize``: what a reviewer reads before opening the report.

:func:`summary_data` gathers it once as plain data (agency, year, score, key figures, table totals, the
report's own problem/measure/rectification sentences, the defects with their evidence); the terminal view
(:func:`print_summary`, rich), Markdown (:mod:`nlp.render.markdown`) and JSON are views of that data, so
the three formats never disagree. Everything is extractive: sentences are quoted, never paraphrased.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from nlp.labels import SEVERITY_NAMES
from nlp.model import Analysis
from nlp.render.display import check_deductions, format_version_name, points_of, same_figure, year_label
from nlp.render.wrapping import WrappingText
from nlp.score import Rubric, family, load_rubric
from nlp.tables import active_row_columns

CHECK_FAMILY_NAMES = {
    "E1": "逾期公开或公布日期待核实",
    "E2": "未公开或难以查找",
    "E3": "要素不全",
    "E4": "表格格式不规范",
    "E5": "勾稽关系错误",
    "E6": "正文与表格或上年数据不一致",
    "E7": "计量单位错误",
    "E8": "未说明信息处理费",
    "E9": "其他事项未报告",
    "E10": "照搬往年报告",
    "E11": "与其他单位雷同",
    "E12": "问题与措施不具体",
    "E13": "内容泛化",
    "E14": "缺少数据支撑",
    "E15": "年度错误、模板残留或他机关名称",
}
"""Chinese names of the check families (codes of ``shared/docs/domain.md``), for summaries and reports."""

CHECK_NAMES = {
    "E3.missing_part": "缺少法定部分",
    "E3.missing_subtopic": "总体情况缺少某方面小标题或内容",
    "E3.truncated": "文本可能不完整",
    "E3.multiple_reports": "文件中含多份报告，得分无效",
    "E4.missing_table": "缺少法定表格",
    "E4.blank_cells": "表格单元格空白",
    "E4.malformed_row": "表格行格式有误",
    "E4.format_version": "表格版本与年度不符",
    "E4.unplaced_values": "表格数值无法归入行列",
    "E6.narrative_vs_table": "正文与表格不一致",
    "E6.fee_vs_table": "信息处理费说明与表格不一致",
    "E6.cross_year_carryover": "结转数与上年报告不衔接",
    "E6.cross_year_stock": "现行有效件数与上年不衔接",
    "E8.no_fee_statement": "未说明信息处理费",
    "E8.fee_statement_elsewhere": "信息处理费已说明，但未写在第六部分",
    "E9.no_work_points": "未报告落实政务公开工作要点情况",
    "E9.no_proposals": "未报告建议提案办理情况",
    "E9.reported_elsewhere": "工作要点或建议提案已报告，但未写在第六部分",
    "E10.copied_previous_year": "照搬上年报告",
    "E10.copied_earlier_report": "与本机关往年报告雷同",
    "E10.same_file": "上年对比报告与本报告为同一文件",
    "E10.other_agency": "上年对比报告为其他机关的报告",
    "E10.not_previous_year": "对比报告不是上一年度的报告",
    "E12.vague_problems": "问题空泛",
    "E12.vague_measures": "改进措施空泛",
    "E12.problem_without_measure": "问题没有对应的改进措施",
    "E12.no_rectification": "未说明上年问题整改情况",
    "E13.generic_overview": "总体情况泛化",
    "E13.long_preamble": "开头政治性表述过长",
    "E14.no_figure": "缺少数据支撑",
    "E15.wrong_period": "年度或期限错误",
    "E15.placeholder": "模板占位符未替换",
    "E15.other_agency": "出现其他机关名称",
}
"""What a single check code says, where it is narrower than its family's name: an ``…elsewhere`` finding is
an item that *was* reported (in another part), not a missing one (codes and meanings: ``nlp/checks/*.py``)."""

NARRATIVE_LABELS = {"problem": "存在的问题", "measure": "改进措施", "rectification": "上年问题整改情况"}
"""The tag labels a summary quotes, in this order (the tagger's labels, ``shared/docs/contract.md``)."""

MAX_FIGURES = 20
MAX_SENTENCES = 8

# Key figures, in the order a reviewer reads them: the statutory figures first (what the tables also state),
# then the other named kinds; ``other`` figures are left out. Category names as in shared/docs/contract.md.
STATUTORY_CATEGORIES = (
    "active_disclosure_items",
    "regulations_published",
    "normative_documents_published",
    "requests_received",
    "requests_carried_over",
    "requests_answered",
    "requests_carried_forward",
    "review_cases",
    "review_outcome",
    "litigation_cases",
    "litigation_outcome",
    "processing_fees",
)
OTHER_NAMED_CATEGORIES = (
    "policy_interpretations",
    "press_conferences",
    "new_media_accounts",
    "new_media_posts",
    "hotline_replies",
    "meetings_disclosed",
    "gazette_issues",
    "trainings",
    "inspections",
    "rate",
    "growth",
)
# The family an outcome or case count belongs to, named when its metric does not say it ("结果维持 72件" is a
# 行政复议 outcome or a 行政诉讼 one): (category, word the metric must hold, label put in front).
FIGURE_FAMILIES = {
    "requests_outcome": ("申请", "依申请公开"),
    "review_cases": ("复议", "行政复议"),
    "review_outcome": ("复议", "行政复议"),
    "litigation_cases": ("诉讼", "行政诉讼"),
    "litigation_outcome": ("诉讼", "行政诉讼"),
}
# The name of a figure read off a statement of none ("未收到政府信息公开申请" → 0件), whose metric is the
# whole statement: one statement often counts for two kinds ("没有发生…行政复议和行政诉讼").
CATEGORY_NAMES = {
    "active_disclosure_items": "主动公开政府信息",
    "regulations_published": "制发规章",
    "normative_documents_published": "制发规范性文件",
    "requests_received": "收到政府信息公开申请",
    "requests_carried_over": "上年结转申请",
    "requests_answered": "办结政府信息公开申请",
    "requests_carried_forward": "结转下年度办理的申请",
    "review_cases": "行政复议",
    "litigation_cases": "行政诉讼",
    "processing_fees": "信息处理费",
}
# After the named kinds: the outcomes of the requests (table B and the table totals below list them too) and
# the itemised kinds of active disclosure ("空气质量月报 12期"; the total, "主动公开政府信息 326条", is statutory).
ACTIVE_TOTAL = re.compile(r"主动公开")

# Table totals worth a line in a summary: (table, row, column, label).
TABLE_TOTALS = (
    ("requests", "new_received", "total", "本年新收政府信息公开申请（件）"),
    ("requests", "carried_over", "total", "上年结转（件）"),
    ("requests", "granted", "total", "予以公开（件）"),
    ("requests", "total_processed", "total", "办理结果总计（件）"),
    ("requests", "carried_forward", "total", "结转下年度继续办理（件）"),
    ("review_litigation", "review", "total", "行政复议（件）"),
    ("review_litigation", "litigation_direct", "total", "行政诉讼·未经复议直接起诉（件）"),
    ("review_litigation", "litigation_after_review", "total", "行政诉讼·复议后起诉（件）"),
    ("active_disclosure", "regulations", "made", "本年制发规章（件）"),
    ("active_disclosure", "normative_documents", "made", "本年制发行政规范性文件（件）"),
    ("active_disclosure", "normative_documents", "valid", "现行有效行政规范性文件（件）"),
    ("active_disclosure", "administrative_fees", "amount_10k_yuan", "行政事业性收费（万元）"),
)


def family_name(code: str) -> str:
    return CHECK_FAMILY_NAMES.get(family(code), "其他")


def check_name(code: str) -> str:
    """What ``code`` found, in Chinese: its own name, else its family's."""
    return CHECK_NAMES.get(code) or family_name(code)


def summary_data(analysis: Analysis, rubric: Rubric | None = None, previous: Analysis | None = None) -> dict[str, Any]:
    """The summary of ``analysis`` as JSON-ready data; ``previous`` adds last year's values for comparison."""
    rubric = rubric or load_rubric()
    meta, source = analysis.meta, analysis.document.source
    return {
        "source": {"path": source.path, "format": source.format, "sha256": source.sha256},
        "title": meta.title,
        "agency": meta.agency,
        "region": meta.region,
        "year": meta.year,
        "published": meta.published,
        "format_version": meta.format_version,
        "score": _score_data(analysis, rubric),
        "previous": _previous_data(previous),
        "figures": [
            {
                "category": f.category,
                "metric": f.metric,
                "label": figure_label(f.category, f.metric, f.text),
                "value": f.value,
                "unit": f.unit,
                "approx": f.approx,
                "text": f.text,
                "start": f.start,
                "end": f.end,
            }
            for f in key_figures(analysis.figures)
        ],
        "table_totals": _table_totals(analysis, previous),
        "narrative": {
            label: [
                {"text": tag.text, "start": tag.start, "end": tag.end} for tag in analysis.tags if tag.label == label
            ][:MAX_SENTENCES]
            for label in NARRATIVE_LABELS
        },
        "defects": _defects(analysis),
    }


def key_figures(figures: list) -> list:
    """The figures a summary shows, at most ``MAX_FIGURES``: the statutory totals first (active disclosure,
    requests received/answered/carried, review and litigation cases with their outcomes, fees), then the other
    named kinds, then the requests' outcomes and itemised active disclosure; in category order, then text order.
    ``other`` figures are left out, and a figure the report repeats (same kind, metric, value and unit) is
    shown once."""
    statutory = {category: index for index, category in enumerate(STATUTORY_CATEGORIES)}
    named = {category: index for index, category in enumerate(OTHER_NAMED_CATEGORIES)}

    def rank(figure) -> tuple[int, int] | None:
        if figure.category == "requests_outcome":
            return (2, 0)
        if figure.category == "active_disclosure_items" and not ACTIVE_TOTAL.search(figure.metric or ""):
            return (2, 1)
        if figure.category in statutory:
            return (0, statutory[figure.category])
        if figure.category in named:
            return (1, named[figure.category])
        return None

    seen, ranked = set(), []
    for position, figure in enumerate(figures):
        key = same_figure(figure)
        order = rank(figure)
        if order is None or key in seen:
            continue
        seen.add(key)
        ranked.append((order, position, figure))
    return [figure for _, _, figure in sorted(ranked, key=lambda item: item[:2])][:MAX_FIGURES]


def figure_label(category: str, metric: str | None, text: str = "") -> str:
    """The figure's name in a summary: its metric, with the family in front when the metric does not name it
    ("结果维持" → "行政复议·结果维持"); the kind's name when the metric is the whole quoted statement
    ("没有发生…行政复议和行政诉讼" → "行政复议", and "行政诉讼" for the same statement's other figure)."""
    if metric == text and not _has_digit(text) and category in CATEGORY_NAMES:
        return CATEGORY_NAMES[category]
    name = metric or category
    family = FIGURE_FAMILIES.get(category)
    if family and family[0] not in name:
        return f"{family[1]}·{name}"
    return name


def _score_data(analysis: Analysis, rubric: Rubric) -> dict[str, Any] | None:
    result = analysis.score
    if result is None:
        return None
    return {
        "total": result.total,
        "grade": result.grade,
        "max": rubric.max_score,
        "rubric": rubric.name,
        "dimensions": [
            {
                "key": key,
                "label": rubric.dimensions[key].label if key in rubric.dimensions else key,
                "weight": rubric.dimensions[key].weight if key in rubric.dimensions else None,
                "points": points,
            }
            for key, points in result.dimensions.items()
        ],
    }


def _previous_data(previous: Analysis | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    return {
        "path": previous.document.source.path,
        "year": previous.meta.year,
        "agency": previous.meta.agency,
        "score": previous.score.total if previous.score else None,
        "grade": previous.score.grade if previous.score else None,
    }


def _cell(analysis: Analysis | None, table: str, row: str, column: str):
    values = getattr(analysis.tables, table) if analysis else None
    return ((values or {}).get(row) or {}).get(column)


def _table_totals(analysis: Analysis, previous: Analysis | None) -> list[dict[str, Any]]:
    rows = []
    for table, row, column, label in TABLE_TOTALS:
        values = getattr(analysis.tables, table)
        if values is None:
            continue
        if table == "active_disclosure" and column not in active_row_columns(row, values.get(row) or {}, values):
            continue  # a 2019-format table has no 现行有效件数 or 收费金额: not a blank, so no line
        entry = {
            "table": table,
            "row": row,
            "column": column,
            "label": label,
            "value": _cell(analysis, table, row, column),
        }
        if previous is not None:
            entry["previous"] = _cell(previous, table, row, column)
        rows.append(entry)
    return rows


def _defects(analysis: Analysis) -> list[dict[str, Any]]:
    """Every check with the points it cost (deductions are the checks' subsequence with points)."""
    defects = [
        {
            "code": check.code,
            "family": check_name(check.code),
            "severity": check.severity,
            "severity_name": SEVERITY_NAMES.get(check.severity, check.severity),
            "message": check.message,
            "evidence": check.evidence,
            "start": check.start,
            "end": check.end,
        }
        for check in analysis.checks
    ]
    deductions = check_deductions(defects, analysis.score.deductions if analysis.score else [])
    for defect, deduction in zip(defects, deductions):
        defect["points"] = points_of(deduction)
    return defects


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def figure_value(figure: dict[str, Any]) -> str:
    """The figure as quoted ("5500余条"), or value and unit when the quote has no number ("未收到申请" → 0件;
    :func:`figure_quote` gives the statement)."""
    if _has_digit(figure["text"]):
        return figure["text"]
    return f"{figure['value']:g}{figure['unit']}"


def figure_quote(figure: dict[str, Any]) -> str | None:
    """The statement a figure was read from when its value is not quoted ("未收到政府信息公开申请"), else None."""
    return None if _has_digit(figure["text"]) else figure["text"]


def _number(value) -> str:
    if value is None:
        return "空"
    # Amounts keep every printed digit ("1234.5678" 万元; the "g" default would round to 6 significant digits).
    return f"{value:.10g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------------------------------------
# Terminal view


SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
GRADE_STYLES = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


def print_summary(data: dict[str, Any], console: Console) -> None:
    """The summary as rich panels and tables. All report text goes through :class:`rich.text.Text`, so
    square brackets in a report are printed, never read as console markup."""
    console.print(_header(data))
    if data["figures"]:
        table = Table(title="关键数据（摘自正文）", title_justify="left", expand=True)
        table.add_column("指标", ratio=1)
        table.add_column("数值", justify="right", no_wrap=True)
        for figure in data["figures"]:
            name = Text(figure["label"])
            quote = figure_quote(figure)
            if quote is not None:
                name.append(f"\n原文：{quote}", style="dim")
            table.add_row(WrappingText.of(name), Text(figure_value(figure)))
        console.print(table)
    if data["table_totals"]:
        table = Table(title="法定表格合计", title_justify="left", expand=True)
        table.add_column("项目", ratio=1)
        table.add_column("本年", justify="right")
        if data["previous"]:
            table.add_column(f"上年（{data['previous']['year'] or '年度不详'}）", justify="right")
        for row in data["table_totals"]:
            cells = [WrappingText(row["label"]), _number(row["value"])]
            if data["previous"]:
                cells.append(_number(row.get("previous")))
            table.add_row(*cells)
        console.print(table)
    for label, title in NARRATIVE_LABELS.items():
        sentences = data["narrative"][label]
        body = bullets([s["text"] for s in sentences]) if sentences else Text("（报告中未识别到此类内容）", style="dim")
        console.print(Panel(body, title=title, title_align="left"))
    console.print(_defects_table(data))


def bullets(items: list[str]) -> Table:
    """A "·" list whose items wrap between Chinese characters under their own first character (a hanging
    indent): plain rich ``Text`` breaks at spaces only, so a long item left its bullet alone on a line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("·", WrappingText(item))
    return grid


def _header(data: dict[str, Any]) -> Panel:
    lines = Text()
    lines.append(f"{data['agency'] or '（未识别机关）'}　{year_label(data['year'])}\n", style="bold")
    if data["title"]:
        lines.append(f"{data['title']}\n")
    lines.append(f"文件：{data['source']['path']}（{data['source']['format']}）\n", style="dim")
    lines.append(f"发布日期：{data['published'] or '未注明'}　格式版本：{format_version_name(data['format_version']) or '不详'}\n")
    score = data["score"]
    if score:
        lines.append("得分：")
        lines.append(f"{score['total']:g}", style=GRADE_STYLES.get(score["grade"], "bold"))
        lines.append(f" / {score['max']:g}　等级：")
        lines.append(score["grade"], style=GRADE_STYLES.get(score["grade"], "bold"))
        previous = data["previous"]
        if previous and previous["score"] is not None:
            delta = score["total"] - previous["score"]
            lines.append(f"　上年 {previous['score']:g}（{'+' if delta >= 0 else ''}{delta:g}）")
        lines.append("\n")
        lines.append("　".join(f"{d['label']} {d['points']:g}/{d['weight']:g}" for d in score["dimensions"]))
    return Panel(lines, title="政府信息公开工作年度报告摘要", title_align="left")


def _defects_table(data: dict[str, Any]) -> Table | Text:
    if not data["defects"]:
        return Text("核查未发现问题。", style="green")
    table = Table(title=f"核查发现（{len(data['defects'])} 项）", title_justify="left", expand=True, show_lines=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("扣分", justify="right", no_wrap=True)
    table.add_column("问题与依据", overflow="fold")
    for defect in data["defects"]:
        body = Text(defect["message"])
        if defect["evidence"]:
            body.append(f"\n依据：{defect['evidence']}", style="dim")
        table.add_row(
            Text(f"{defect['code']}\n{defect['family']}"),
            Text(defect["severity_name"], style=SEVERITY_STYLES.get(defect["severity"], "")),
            f"{defect['points']:g}",
            body,
        )
    return table
