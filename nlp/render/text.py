"""A plain-text Chinese summary of one analysis, for ``govreport analyze --format text``."""

from __future__ import annotations

from collections import Counter

from nlp.labels import (
    ACTIVE_COLUMN_NAMES,
    ACTIVE_ROW_NAMES,
    LABEL_NAMES,
    PART_NAMES,
    SEVERITY_NAMES,
    SUBSECTION_NAMES,
    TABLE_NAMES,
    note_groups,
)
from nlp.model import Analysis, Cell, Figure
from nlp.render.display import format_version_name, same_figure
from nlp.tables import active_row_columns, active_row_form

MAX_FIGURES = 12
MAX_SENTENCES = 5
# The 2019 form's own words for the row and columns it shares with the 2021 form.
ROW_NAMES_2019 = {"normative_documents": "规范性文件"}
COLUMN_NAMES_2019 = {"made": "本年新制作数量", "decisions": "处理决定数量"}


def _cell(value) -> str:
    if value is None:
        return "空"
    # Amounts keep every printed digit ("160.5964"; the "g" default would round to 6 significant digits).
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def _active_rows(table: dict[str, dict[str, Cell]]) -> list[str]:
    """Table 一 one row a line, under the columns of the form the row was filled on: a 2019-format table asks
    本年新公开数量 and 对外公开总数量, not 本年废止件数 and 现行有效件数."""
    lines = []
    for row, values in table.items():
        is_2019 = active_row_form(row, values, table) == "2019"
        names = ACTIVE_COLUMN_NAMES | (COLUMN_NAMES_2019 if is_2019 else {})
        columns = active_row_columns(row, values, table)
        cells = "，".join(f"{names[column]} {_cell(values.get(column))}" for column in columns)
        name = (ROW_NAMES_2019 if is_2019 else {}).get(row) or ACTIVE_ROW_NAMES.get(row, row)
        lines.append(f"    {name}：{cells}")
    return lines


def render(analysis: Analysis) -> str:
    meta = analysis.meta
    source = analysis.document.source
    lines = [
        f"文件：{source.path}（{source.format}{'，' + source.encoding if source.encoding else ''}）",
        f"标题：{meta.title or '未识别'}",
        f"机关：{meta.agency or '未识别'}　地区：{meta.region or '未识别'}　年度：{meta.year or '未识别'}"
        f"　格式版本：{format_version_name(meta.format_version) or '不详'}　发布日期：{meta.published or '未注明'}",
        "",
        "六个部分：",
    ]
    for part in analysis.parts:
        mark = "✓" if part.present else "✗ 缺失"
        lines.append(f"  {PART_NAMES.get(part.key, part.key)}　{mark}　{('原标题：' + part.title) if part.present else ''}")
        for sub in part.subsections:
            lines.append(f"       · {SUBSECTION_NAMES.get(sub.key, sub.key)}：{sub.title}")

    tables = analysis.tables
    lines += ["", "法定表格："]
    if tables.active_disclosure:
        lines += ["  表一（第二十条）：", *_active_rows(tables.active_disclosure)]
    else:
        lines.append("  表一（第二十条）：未找到")
    if tables.requests:
        b = tables.requests
        lines.append(
            f"  表二（依申请）：本年新收{_cell(b['new_received']['total'])} 上年结转{_cell(b['carried_over']['total'])}"
            f" 办理总计{_cell(b['total_processed']['total'])} 结转下年度{_cell(b['carried_forward']['total'])}"
        )
    else:
        lines.append("  表二（依申请）：未找到")
    if tables.review_litigation:
        c = tables.review_litigation
        lines.append(
            f"  表三（复议诉讼）：行政复议{_cell(c['review']['total'])} 直接起诉{_cell(c['litigation_direct']['total'])}"
            f" 复议后起诉{_cell(c['litigation_after_review']['total'])}"
        )
    else:
        lines.append("  表三（复议诉讼）：未找到")
    lines.extend(
        f"  注：{TABLE_NAMES.get(note.table, note.table)}{where}：{note.message}" for note, where in note_groups(tables.notes)
    )

    # A datum the report repeats (overview and part 二) is listed once, at its first mention, as in the summary.
    distinct: dict[tuple, Figure] = {}
    for figure in analysis.figures:
        if figure.category != "other":
            distinct.setdefault(same_figure(figure), figure)
    figures = list(distinct.values())
    if figures:
        shown = min(len(figures), MAX_FIGURES)
        lines += ["", f"正文数据（共 {len(analysis.figures)} 项，相同数据只列一次，列出前 {shown} 项）："]
        for figure in figures[:MAX_FIGURES]:
            approx = "（约数）" if figure.approx else ""
            lines.append(f"  {figure.metric}：{figure.value:g}{figure.unit}{approx}　[{figure.category}]")
    tagged = Counter(tag.label for tag in analysis.tags)
    if tagged:
        counts = "、".join(f"{LABEL_NAMES.get(label, label)} {n}" for label, n in tagged.most_common())
        lines += ["", f"句子分类（{sum(tagged.values())} 句）：{counts}"]
        for label in ("problem", "measure", "rectification"):
            for tag in [t for t in analysis.tags if t.label == label][:MAX_SENTENCES]:
                lines.append(f"  【{LABEL_NAMES[label]}】{tag.text}")
    if analysis.checks:
        lines += ["", "核查发现："]
        for check in analysis.checks:
            lines.append(f"  [{SEVERITY_NAMES.get(check.severity, check.severity)}] {check.code} {check.message}")
            if check.evidence:
                lines.append(f"      依据：{check.evidence}")
    if analysis.score:
        lines += ["", f"得分：{analysis.score.total:.1f}（{analysis.score.grade}）"]
    return "\n".join(lines)
