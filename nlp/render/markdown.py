"""The one-report summary as Markdown (``govreport summarize --format markdown``), for pasting into a
review memo or an issue tracker. A view of :func:`nlp.render.summary.summary_data`.

Report text is escaped: a report is untrusted input, and Markdown viewers render inline HTML and links, so
``<script>`` or ``[x](javascript:…)`` in a report must stay literal text.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.render.display import format_version_name, year_label
from nlp.render.summary import NARRATIVE_LABELS, figure_quote, figure_value

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def escape(text: str | None) -> str:
    """Literal text in Markdown (one line: table cells and list items cannot hold line breaks)."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _number(value) -> str:
    if value is None:
        return "空"
    return f"{value:g}" if isinstance(value, float) else str(value)


def render(data: dict[str, Any]) -> str:
    lines = [
        f"# {escape(data['agency'] or '（未识别机关）')} {year_label(data['year'])}政府信息公开工作年度报告摘要",
        "",
    ]
    if data["title"]:
        lines.append(f"- 标题：{escape(data['title'])}")
    lines += [
        f"- 文件：`{data['source']['path']}`（{data['source']['format']}）",
        f"- 发布日期：{escape(data['published'] or '未注明')}；格式版本：{format_version_name(data['format_version']) or '不详'}",
    ]
    score, previous = data["score"], data["previous"]
    if score:
        line = f"- **得分：{score['total']:g} / {score['max']:g}（{score['grade']}）**"
        if previous and previous["score"] is not None:
            line += f"；上年 {previous['score']:g}（{previous['grade']}）"
        lines.append(line)
        lines.append(
            "- 分项：" + "；".join(f"{d['label']} {d['points']:g}/{d['weight']:g}" for d in score["dimensions"])
        )
    if data["figures"]:
        lines += ["", "## 关键数据（摘自正文）", "", "| 指标 | 数值 |", "|---|---:|"]
        for f in data["figures"]:
            quote = figure_quote(f)
            name = escape(f["label"] + (f"（原文：{quote}）" if quote is not None else ""))
            lines.append(f"| {name} | {escape(figure_value(f))} |")
    if data["table_totals"]:
        header = "| 项目 | 本年 |" + (" 上年 |" if previous else "")
        lines += ["", "## 法定表格合计", "", header, "|---|---:|" + ("---:|" if previous else "")]
        for row in data["table_totals"]:
            cells = f"| {row['label']} | {_number(row['value'])} |"
            lines.append(cells + (f" {_number(row.get('previous'))} |" if previous else ""))
    for label, title in NARRATIVE_LABELS.items():
        lines += ["", f"## {title}", ""]
        sentences = data["narrative"][label]
        lines += [f"- {escape(s['text'])}" for s in sentences] or ["（报告中未识别到此类内容）"]
    lines += ["", f"## 核查发现（{len(data['defects'])} 项）", ""]
    if not data["defects"]:
        lines.append("核查未发现问题。")
    else:
        lines += ["| 代码 | 级别 | 扣分 | 问题 | 依据 |", "|---|---|---:|---|---|"]
        for d in data["defects"]:
            lines.append(
                f"| {d['code']}（{d['family']}） | {d['severity_name']} | {d['points']:g} | {escape(d['message'])} |"
                f" {escape(d['evidence'])} |"
            )
    return "\n".join(lines) + "\n"
