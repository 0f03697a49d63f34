"""Spreadsheet export of a results store (``govreport export --db results.sqlite --out results.xlsx|.csv``).

Offices keep their ranking in Excel/WPS, so the export mirrors the ranking with one column per rubric
dimension. XLSX gets one sheet per view (排名, 扣分明细, 核查结果, 雷同聚类, 同一机关同一年度, 无法分析的文件,
内容重复的文件); CSV holds the ranking only, UTF-8 with a byte-order mark so Excel opens the Chinese text correctly.
同一机关同一年度 lists the agencies with several reports for one year (another encoding, an excerpt, a corrected
version): all of them stay in every sheet, and the office decides which one counts. 内容重复的文件 lists the
byte-identical copies, analysed once, with the file whose results stand for each: with the ranking and 无法分析的文件
it accounts for every file a run was given. A report whose file is gone keeps its ranking row, marked 原文件已不存在
in the 文件状态 column, so that it is not taken for a current file.

Both are read by people, so the values under the Chinese headers are Chinese like the HTML report's: rubric
dimension labels (完整性), severity names (错误/警告/提示), format versions (2021年版), local times. Identifiers
stay as they are, because people search and programs join by them: check codes (``E3.missing_part``, the
meaning is in the 问题类型 column), file paths and sha256. The CSV is the 排名 sheet column for column, and
its header does not depend on the data (an empty store still gets the rubric's dimension columns); programs
that need the contract keys read the store or ``govreport analyze`` JSON instead.

Report text is untrusted: a cell that starts with ``=``, ``+``, ``-`` or ``@`` would be run as a formula by
spreadsheet programs, so such text is written as a string (XLSX) or prefixed with an apostrophe (CSV).
"""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nlp.labels import PART_NAMES, SEVERITY_NAMES
from nlp.render.display import MISSING_FILE_LABEL, check_deductions, format_version_name, local_time, points_of
from nlp.render.summary import check_name
from nlp.score import load_rubric
from nlp.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BASE_COLUMNS = ("名次", "机关", "年度", "得分", "等级")
STATUS_COLUMN = "文件状态"
"""Between the dimensions and :data:`TAIL_COLUMNS`, so that exports written before it are still recognised by their
first and last columns (:mod:`cli.inputs`)."""
TAIL_COLUMNS = ("扣分项数", "格式", "格式版本", "发布日期", "文件", "sha256", "分析时间")


def ranking(store: Store) -> tuple[list[str], list[list[Any]]]:
    """The ranking as a header and rows (ties share a rank), one column per dimension seen in the store (an
    empty store: the default rubric's, so the header is the same whatever the data)."""
    dimensions = [
        (row["dimension"], row["label"] or row["dimension"])
        for row in store.db.execute(
            "SELECT dimension, MIN(label) AS label FROM dimension_scores GROUP BY dimension ORDER BY MIN(rowid)"
        )
    ] or [(key, dimension.label) for key, dimension in load_rubric().dimensions.items()]
    points: dict[int, dict[str, float]] = {}
    for row in store.db.execute("SELECT report_id, dimension, points FROM dimension_scores"):
        points.setdefault(row["report_id"], {})[row["dimension"]] = row["points"]
    counts = dict(
        store.db.execute("SELECT report_id, COUNT(*) FROM deductions WHERE points > 0 GROUP BY report_id").fetchall()
    )
    missing = store.missing_reports()
    header = [*BASE_COLUMNS, *(label for _, label in dimensions), STATUS_COLUMN, *TAIL_COLUMNS]
    rows = []
    rank, previous = 0, None
    reports = store.db.execute(
        "SELECT id, agency, year, score, grade, format, format_version, published, path, sha256, analysed_at FROM reports"
        " ORDER BY score DESC, path, id"
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
                MISSING_FILE_LABEL if report["id"] in missing else None,
                counts.get(report["id"], 0),
                report["format"],
                format_version_name(report["format_version"]),
                report["published"],
                report["path"],
                report["sha256"],
                local_time(report["analysed_at"]),
            ]
        )
    return header, rows


SHEETS = ("排名", "扣分明细", "核查结果", "雷同聚类", "同一机关同一年度", "无法分析的文件", "内容重复的文件")
"""The workbook's sheets, in order."""
EXPORT_MARK_SHEETS = ("排名", "扣分明细", "核查结果", "雷同聚类", "无法分析的文件")
"""The sheets every export has had, by which folder scans recognise one (:mod:`cli.inputs`): an export written
before 同一机关同一年度 was added is recognised too."""


def _sheets(store: Store) -> Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]:
    ranking_sheet, deductions_sheet, checks_sheet, clusters_sheet, same_sheet, errors_sheet, duplicates_sheet = SHEETS
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
                check_name(r["code"]),
                r["label"] or r["dimension"],
                _severity(r["severity"]),
                r["points"],
                "是" if r["capped"] else "否",
                r["message"],
                r["evidence"],
                r["start"],
                r["end"],
            )
            for r in store.db.execute(
                "SELECT r.agency, r.year, r.path, s.label, d.* FROM deductions d JOIN reports r ON r.id = d.report_id"
                " LEFT JOIN dimension_scores s ON s.report_id = d.report_id AND s.dimension = d.dimension"
                " ORDER BY r.score DESC, r.path, r.id, d.seq"
            )
        ),
    )
    yield (
        checks_sheet,
        ("机关", "年度", "文件", "代码", "问题类型", "级别", "扣分", "问题", "依据", "起始位置", "结束位置"),
        (
            (
                r["agency"],
                r["year"],
                r["path"],
                r["code"],
                check_name(r["code"]),
                _severity(r["severity"]),
                points,
                r["message"],
                r["evidence"],
                r["start"],
                r["end"],
            )
            for r, points in _checks_with_points(store)
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
                None if member["share"] is None else Percent(member["share"]),
                member["path"],
                member["score"],
            )
            for number, cluster in enumerate(store.clusters(), start=1)
            for member in cluster["members"]
        ),
    )
    yield same_sheet, ("组号", "机关", "年度", "本组报告数", "文件", "得分", "等级", "分析时间", "sha256"), _same_agency_year(store)
    yield (
        errors_sheet,
        ("文件", "原因代码", "说明", "sha256", "记录时间"),
        ((e["path"], e["code"], e["message"], e["sha256"], local_time(e["recorded_at"])) for e in store.errors()),
    )
    yield (
        duplicates_sheet,
        ("文件", "与之内容相同的文件（只分析一次）", STATUS_COLUMN, "sha256", "记录时间"),
        (
            (d["path"], d["same_as"], MISSING_FILE_LABEL if d["missing_at"] else None, d["sha256"], local_time(d["recorded_at"]))
            for d in store.duplicates()
        ),
    )


def _same_agency_year(store: Store) -> Iterator[tuple[Any, ...]]:
    """One row per report of each group of :meth:`nlp.store.Store.same_agency_year`, numbered like the HTML
    report's list."""
    analysed = dict(store.db.execute("SELECT id, analysed_at FROM reports").fetchall())
    for number, group in enumerate(store.same_agency_year(), start=1):
        for report in group["reports"]:
            yield (
                number,
                group["agency"],
                group["year"],
                len(group["reports"]),
                report["path"],
                report["score"],
                report["grade"],
                local_time(analysed[report["id"]]),
                report["sha256"],
            )


class Percent(float):
    """A share shown as a percentage in the workbook (the cell keeps the number, so it still sorts and sums)."""


def _severity(severity: str | None) -> str | None:
    return SEVERITY_NAMES.get(severity, severity) if severity else severity


def _checks_with_points(store: Store) -> Iterator[tuple[sqlite3.Row, float]]:
    """Every stored check (ranking order) with the points its deduction took, 0 when it cost nothing."""
    deductions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in store.db.execute('SELECT report_id, code, start, "end", message, points FROM deductions ORDER BY report_id, seq'):
        deductions[row["report_id"]].append(dict(row))
    rows = store.db.execute(
        "SELECT r.agency, r.year, r.path, c.* FROM checks c JOIN reports r ON r.id = c.report_id"
        " ORDER BY r.score DESC, r.path, r.id, c.seq"
    )
    for _, group in groupby(rows, key=lambda row: row["report_id"]):
        checks = list(group)
        matched = check_deductions([dict(row) for row in checks], deductions[checks[0]["report_id"]])
        for row, deduction in zip(checks, matched):
            yield row, points_of(deduction)


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
    if isinstance(value, Percent):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = "0%"
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
