"""Spreadsheet export of a results store (``govreport export --db results.sqlite --out results.xlsx|.csv``).

Offices keep their ranking in Excel/WPS, so the export mirrors the ranking with one column per rubric
dimension. XLSX gets one sheet per view (排名, 扣分明细, 核查结果, 雷同聚类, 无法分析的文件); CSV holds the
ranking only, UTF-8 with a byte-order mark so Excel opens the Chinese text correctly.

Report text is untrusted: a cell that starts with ``=``, ``+``, ``-`` or ``@`` would be run as a formula by
spreadsheet programs, so such text is written as a string (XLSX) or prefixed with an apostrophe (CSV).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nlp.labels import PART_NAMES
from nlp.render.summary import family_name
from nlp.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BASE_COLUMNS = ("名次", "机关", "年度", "得分", "等级")
TAIL_COLUMNS = ("扣分项数", "格式", "格式版本", "发布日期", "文件", "sha256", "分析时间")


def ranking(store: Store) -> tuple[list[str], list[list[Any]]]:
    """The ranking as a header and rows (ties share a rank), one column per dimension seen in the store."""
    dimensions = [
        (row["dimension"], row["label"] or row["dimension"])
        for row in store.db.execute(
            "SELECT dimension, MIN(label) AS label FROM dimension_scores GROUP BY dimension ORDER BY MIN(rowid)"
        )
    ]
    points: dict[int, dict[str, float]] = {}
    for row in store.db.execute("SELECT report_id, dimension, points FROM dimension_scores"):
        points.setdefault(row["report_id"], {})[row["dimension"]] = row["points"]
    counts = dict(
        store.db.execute("SELECT report_id, COUNT(*) FROM deductions WHERE points > 0 GROUP BY report_id").fetchall()
    )
    header = [*BASE_COLUMNS, *(label for _, label in dimensions), *TAIL_COLUMNS]
    rows = []
    rank, previous = 0, None
    reports = store.db.execute(
        "SELECT id, agency, year, score, grade, format, format_version, published, path, sha256, analysed_at FROM reports"
        " ORDER BY score DESC, path"
    )
    for position, report in enumerate(reports, start=1):
        if report["score"] != previous:
            rank, previous = position, report["score"]
        rows.append(
            [
                rank,
                report["agency"],
                report["year"],
                report["score"],
                report["grade"],
                *(points.get(report["id"], {}).get(key) for key, _ in dimensions),
                counts.get(report["id"], 0),
                report["format"],
                report["format_version"],
                report["published"],
                report["path"],
                report["sha256"],
                report["analysed_at"],
            ]
        )
    return header, rows


SHEETS = ("排名", "扣分明细", "核查结果", "雷同聚类", "无法分析的文件")
"""The workbook's sheets, in order (folder scans also recognise an export by them, see :mod:`cli.inputs`)."""


def _sheets(store: Store) -> Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]:
    ranking_sheet, deductions_sheet, checks_sheet, clusters_sheet, errors_sheet = SHEETS
    header, rows = ranking(store)
    yield ranking_sheet, header, rows
    yield (
        deductions_sheet,
        (
            "机关",
            "年度",
            "文件",
            "代码",
            "问题类型",
            "维度",
            "级别",
            "扣分",
            "是否封顶",
            "问题",
            "依据",
            "起始位置",
            "结束位置",
        ),
        (
            (
                r["agency"],
                r["year"],
                r["path"],
                r["code"],
                family_name(r["code"]),
                r["dimension"],
                r["severity"],
                r["points"],
                "是" if r["capped"] else "否",
                r["message"],
                r["evidence"],
                r["start"],
                r["end"],
            )
            for r in store.db.execute(
                "SELECT r.agency, r.year, r.path, d.* FROM deductions d JOIN reports r ON r.id = d.report_id ORDER BY r.score DESC, r.path, d.seq"
            )
        ),
    )
    yield (
        checks_sheet,
        ("机关", "年度", "文件", "代码", "问题类型", "级别", "问题", "依据", "起始位置", "结束位置"),
        (
            (
                r["agency"],
                r["year"],
                r["path"],
                r["code"],
                family_name(r["code"]),
                r["severity"],
                r["message"],
                r["evidence"],
                r["start"],
                r["end"],
            )
            for r in store.db.execute(
                "SELECT r.agency, r.year, r.path, c.* FROM checks c JOIN reports r ON r.id = c.report_id ORDER BY r.score DESC, r.path, c.seq"
            )
        ),
    )
    yield (
        clusters_sheet,
        ("聚类编号", "报告数", "雷同部分", "年度", "机关", "雷同文字占比", "文件", "得分"),
        (
            (
                number,
                cluster["size"],
                PART_NAMES.get(cluster["part"], cluster["part"]),
                member["year"],
                member["agency"],
                member["share"],
                member["path"],
                member["score"],
            )
            for number, cluster in enumerate(store.clusters(), start=1)
            for member in cluster["members"]
        ),
    )
    yield (
        errors_sheet,
        ("文件", "原因代码", "说明", "sha256", "记录时间"),
        ((e["path"], e["code"], e["message"], e["sha256"], e["recorded_at"]) for e in store.errors()),
    )


def export_xlsx(store: Store, out: str | Path) -> Path:
    workbook = Workbook(write_only=True)
    for title, header, rows in _sheets(store):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        bold = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = Path(out)
    workbook.save(out)
    return out


def _xlsx_cell(sheet, value: Any):
    """Strings that look like formulas are stored as text: openpyxl would otherwise write them as formulas."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def export_csv(store: Store, out: str | Path) -> Path:
    header, rows = ranking(store)
    out = Path(out)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v for v in row])
    return out
