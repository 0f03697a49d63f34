"""``govreport compare OLD NEW``: last year's report against this year's, the way a reviewer checks for 雷同.

Prints (in Chinese, as rich tables) the share of each narrative part copied from the old report, the copied
sentences, the table cells that changed and the cross-year identities; ``--format json`` gives the same as one
JSON object. The measures come from :func:`nlp.compare.compare`.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from nlp.labels import ACTIVE_COLUMN_NAMES, TABLE_NAMES

SENTENCE_WIDTH = 60


class CompareFormat(str, Enum):
    text = "text"
    json = "json"


def _cell_name(table: str, row: str, column: str) -> str:
    from nlp.labels import (
        ACTIVE_ROW_NAMES,
        REQUEST_COLUMN_NAMES,
        REQUEST_ROW_NAMES,
        REVIEW_COLUMN_NAMES,
        REVIEW_GROUP_NAMES,
    )

    if table == "active_disclosure":
        return f"{ACTIVE_ROW_NAMES.get(row, row)}·{ACTIVE_COLUMN_NAMES.get(column, column)}"
    if table == "requests":
        return f"{REQUEST_ROW_NAMES.get(row, row)}·{REQUEST_COLUMN_NAMES.get(column, column)}"
    return f"{REVIEW_GROUP_NAMES.get(row, row)}·{REVIEW_COLUMN_NAMES.get(column, column)}"


def _identity_name(name: str) -> str:
    from nlp.labels import ACTIVE_ROW_NAMES, REQUEST_COLUMN_NAMES

    table, row, column = name.split(".")
    if table == "requests":
        return f"本年“上年结转” = 上年“结转下年度”（{REQUEST_COLUMN_NAMES[column]}）"
    return f"{ACTIVE_ROW_NAMES[row]}：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效"


def _number(value: object) -> str:
    return "空" if value is None else f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _short(text: str) -> str:
    return text if len(text) <= SENTENCE_WIDTH else text[: SENTENCE_WIDTH - 1] + "…"


# readable=False: an unreadable file is reported by the reader in Chinese and English (see cli/main.py); a file
# that does not exist is a usage error (cli.inputs.require_existing), as in analyze and score.
def compare(
    old: Path = typer.Argument(..., readable=False, metavar="OLD", help="上一年度报告。"),
    new: Path = typer.Argument(..., readable=False, metavar="NEW", help="本年度报告。"),
    output_format: CompareFormat = typer.Option(CompareFormat.text, "--format", "-f", help="输出格式：text（表格）或 json。"),
) -> None:
    """比对同一机关两个年度的报告：各部分雷同比例、雷同句子、表格变化和跨年度勾稽关系。"""
    from rich.table import Table

    from cli.common import EXIT_SOME_FAILED, fail_usage, failure_line, stdout_console, warn
    from cli.inputs import require_existing
    from nlp.compare import COPIED_PART_SHARE, pairing_warnings
    from nlp.compare import compare as compare_reports
    from nlp.errors import ReportError
    from nlp.labels import PART_NAMES
    from nlp.pipeline import analyze_file

    require_existing([old], "OLD")
    require_existing([new], "NEW")
    for path in (old, new):
        if path.is_dir():
            raise fail_usage(
                f"compare 需要两个报告文件，而 {path} 是文件夹；分析文件夹中的报告请用 govreport analyze 或 govreport score。"
                f"/ compare needs two report files, but {path} is a folder; use govreport analyze or score for a folder."
            )
    analyses = []
    for path in (old, new):
        outcome = analyze_file(path)
        if isinstance(outcome, ReportError):
            typer.echo(f"错误：{failure_line(str(path), outcome.message, outcome.message_en)}", err=True)
            raise typer.Exit(code=EXIT_SOME_FAILED)
        analyses.append(outcome)
    before, after = analyses
    problems = pairing_warnings(before, after)
    for _, message, message_en in problems:
        warn(f"{message} / {message_en}")
    result = compare_reports(before, after)

    if output_format is CompareFormat.json:
        data = {
            "old": {"path": str(old), "agency": before.meta.agency, "year": before.meta.year},
            "new": {"path": str(new), "agency": after.meta.agency, "year": after.meta.year},
            "warnings": [
                {"code": code, "message": message, "message_en": message_en} for code, message, message_en in problems
            ],
            "parts": [
                {"part": p.part, "chars": p.chars, "copied_chars": p.copied_chars, "share": round(p.share, 3)}
                for p in result.parts
            ],
            "copied": [
                {
                    "part": c.new.part,
                    "new": {"text": c.new.text, "start": c.new.start, "end": c.new.end},
                    "old": {"text": c.old.text, "start": c.old.start, "end": c.old.end, "part": c.old.part},
                    "jaccard": round(c.jaccard, 3),
                }
                for c in result.copied
            ],
            "table_deltas": [vars(d) for d in result.deltas],
            "identities": [{**vars(i), "holds": i.holds} for i in result.identities],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return

    console = stdout_console()
    console.print(
        f"[bold]上年：[/bold]{before.meta.agency or old.name} {before.meta.year or '年份不详'}　"
        f"[bold]本年：[/bold]{after.meta.agency or new.name} {after.meta.year or '年份不详'}"
    )
    parts = Table(title="各部分与上年雷同情况（数字、年份差异已忽略）")
    for column in ("部分", "本年字数", "雷同字数", "雷同比例", "判断"):
        parts.add_column(column)
    for p in result.parts:
        verdict = "[red]雷同（E10）[/red]" if p.share >= COPIED_PART_SHARE else "—"
        parts.add_row(PART_NAMES[p.part], str(p.chars), str(p.copied_chars), f"{p.share:.0%}", verdict)
    console.print(parts)

    copied = Table(title=f"与上年近乎相同的句子（{len(result.copied)} 句）")
    for column in ("部分", "本年句子", "上年句子", "相似度"):
        copied.add_column(column)
    for c in result.copied:
        copied.add_row(PART_NAMES.get(c.new.part or "", "开头"), _short(c.new.text), _short(c.old.text), f"{c.jaccard:.2f}")
    console.print(copied)

    deltas = Table(title="表格数据变化")
    for column in ("表", "项目", "上年", "本年", "变化"):
        deltas.add_column(column)
    for d in result.deltas:
        change = f"{d.new - d.old:+g}" if isinstance(d.new, (int, float)) and isinstance(d.old, (int, float)) else "—"
        deltas.add_row(TABLE_NAMES[d.table], _cell_name(d.table, d.row, d.column), _number(d.old), _number(d.new), change)
    console.print(deltas if result.deltas else "表格数据变化：无（或缺少可比的表格）。")

    identities = Table(title="跨年度勾稽关系")
    for column in ("关系", "按上年推算", "本年填报", "结果"):
        identities.add_column(column)
    for i in result.identities:
        verdict = "一致" if i.holds else "[red]不一致[/red]"
        identities.add_row(_identity_name(i.name), _number(i.expected), _number(i.actual), verdict)
    console.print(identities if result.identities else "跨年度勾稽关系：缺少可比的表格。")
