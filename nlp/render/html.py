"""The oversight-office report (``govreport report --db results.sqlite --out report.html``).

One self-contained HTML file: 政务公开办 staff open it from a file share or e-mail on office machines that
may have no Internet access, so there is no CDN and no external file — CSS, JavaScript and the SVG charts
are inline (``nlp/resources/report/``). Sections: overview numbers, score distribution, a ranking table the
reader can sort, the agencies with several reports for one year, finding frequencies by kind and by check code,
cross-agency copy clusters, files that could not be read (and the byte-identical copies, analysed once), and one
card per report listing its findings and what each cost, with the evidence highlighted in the report's own text. A
report whose file is gone since it was scored keeps its row and card, marked 原文件已不存在. The header names the
rubric and the corpus index the findings were judged against, and warns when the scores come from several rubrics or
the findings from several indexes.

Several reports of one agency and year (:meth:`nlp.store.Store.same_agency_year`: the same report in another
encoding, an excerpt, a corrected version) are all kept, ranked and carded; the page lists them together and
marks their ranking rows and cards, so the office decides which one counts instead of the page dropping one.

Report text is untrusted input. Every string from a report is HTML-escaped; the ranking data travels as a
JSON block with ``<``, ``>`` and ``&`` escaped, and the script fills the table with ``textContent`` only. A
Content-Security-Policy allows only the page's own script (by hash), so even a missed escape could not run
injected script.

Every number of points shown is the score's own deduction for that check (:mod:`nlp.render.display`), never
guessed from the severity: a rubric may charge for information and charge nothing for a warning. So the
frequencies count the reports that lost points for a kind of finding apart from those where it cost nothing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nlp.config import RESOURCES
from nlp.labels import PART_NAMES, SEVERITY_NAMES
from nlp.readers import GENERATOR_META
from nlp.render.display import (
    MISSING_FILE_LABEL,
    TRUNCATED_CODE,
    TRUNCATED_LABEL,
    check_deductions,
    index_label,
    is_truncated,
    local_time,
    points_of,
    points_text,
    share_text,
    year_label,
)
from nlp.render.summary import CHECK_FAMILY_NAMES, check_name
from nlp.score import family, load_rubric
from nlp.store import Store, now

CONTEXT_CHARS = 60
"""Characters of report text shown around each highlighted span."""
MAX_MARK_CHARS = 160
"""Longer spans (a whole missing-subtopic part) are highlighted only this far, so cards stay readable: up to the
last sentence or clause end within it (:func:`_mark_end`), then an ellipsis."""
SENTENCE_ENDS = "。！？；!?;\n"
CLAUSE_ENDS = "，、：,:\t "
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SECTIONS = (
    ("overview", "概览"),
    ("distribution", "分数分布"),
    ("ranking", "排名"),
    ("same-agency-year", "同年多份报告"),
    ("defects", "问题频次"),
    ("clusters", "雷同聚类"),
    ("errors", "无法分析的文件"),
    ("cards", "逐份报告"),
)
HISTOGRAM_BINS = 10
BANNER_STYLE = "border:2px solid #c62828;background:#ffebee;color:#b71c1c;padding:8px 12px;margin:8px 0;font-weight:bold"
"""Warnings are styled inline (the page's policy allows inline styles), so they do not depend on report.css."""
FREQUENCY_GROUPS = {
    "E8.fee_statement_elsewhere": "placement",
    "E9.reported_elsewhere": "placement",
    "E10.same_file": "pairing",
    "E10.other_agency": "pairing",
    "E10.not_previous_year": "pairing",
    TRUNCATED_CODE: TRUNCATED_CODE,
}
"""Codes charted apart from their family, because they say something else: an item reported in the wrong part
was reported (it is no E8/E9 "未报告"), a doubtful previous-year pairing is no copying, a cut-off text is no
missing part. Other codes are charted by family."""
FREQUENCY_GROUP_NAMES = {"placement": "事项已报告，但未写在第六部分", "pairing": "上年对比报告配对存疑"}
TRUNCATED_TITLE = "文本在句子中间结束，可能只读到报告的一部分（E3.truncated）：请核对原文件，缺少的部分和数据可能是误报。"
SAME_AGENCY_YEAR_TITLE = "同一机关同一年度有多份报告"
MISSING_FILE_TITLE = "评分后该文件已删除或移走，此后的评分也未见内容相同的文件：结果仍保留，但不代表文件夹中现有的文件。"


@dataclass
class ReportCard:
    id: int
    agency: str | None
    year: int | None
    path: str
    format: str | None
    sha256: str
    published: str | None
    score: float | None
    grade: str | None
    dimensions: list[dict[str, Any]]
    deductions: list[dict[str, Any]]
    checks: list[dict[str, Any]]
    text: str
    analysed_at: str | None = None
    missing_at: str | None = None
    """When a run found the report's file gone (:meth:`nlp.store.Store.missing_reports`); None while it is there."""

    def deductions_by_check(self) -> list[dict[str, Any] | None]:
        """The deduction of each of :attr:`checks` (None: it cost nothing)."""
        return check_deductions(self.checks, self.deductions)

    def penalised(self) -> bool:
        return any(d["points"] > 0 for d in self.deductions)


@dataclass
class ReportData:
    """Everything the page shows, read from a store by :func:`collect` (or built directly in tests)."""

    title: str
    generated_at: str
    database: str
    cards: list[ReportCard]
    errors: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    unfinished: str | None = None
    """The warning about an unfinished last run (:func:`unfinished_run_notice`), shown as a banner."""
    rubrics: list[dict[str, Any]] = field(default_factory=list)
    """The rubrics the scores come from (``name``, ``version``, ``reports``), most used first: one store may
    hold scores of several rubrics (a run rescores only its own files), and those do not rank together."""
    indexes: list[dict[str, Any]] = field(default_factory=list)
    """The corpus indexes the findings were judged against (:meth:`nlp.store.Store.indexes`), most used first:
    boilerplate and copying depend on the index, so findings of several do not compare."""
    same_agency_year: list[dict[str, Any]] = field(default_factory=list)
    """Groups of reports of one agency and year (:meth:`nlp.store.Store.same_agency_year`; each report by the
    ``id`` of its card)."""
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    """Byte-identical copies of another file, analysed once (:meth:`nlp.store.Store.duplicates`)."""

    def same_agency_year_groups(self) -> dict[int, tuple[int, int]]:
        """For each report of such a group: the group's number (from 1, as listed) and its number of reports."""
        return {
            report["id"]: (number, len(group["reports"]))
            for number, group in enumerate(self.same_agency_year, start=1)
            for report in group["reports"]
        }


def unfinished_run_notice(run: dict[str, Any] | None, database: str) -> str | None:
    """The warning for a store whose last ``govreport score`` run did not finish (interrupted, or still
    running), or None. Without it a report of the first files of a folder would look like the full review."""
    if run is None or run["finished_at"] is not None:
        return None
    # ``reanalysed`` is NULL in runs of stores older than its column, which had no re-analysis to count.
    counts = [run[name] for name in ("skipped", "analysed", "failed", "rescored")] + [run.get("reanalysed") or 0]
    files = run["files"] or 0
    resume = f"请重新运行同一条 govreport score 命令（相同的文件或文件夹，--db {database}）续跑，完成后再生成报告"
    if any(count is None for count in counts):
        return f"最近一次评分未完成：共 {files} 个文件，已处理的数量不详；{resume}。"
    processed = sum(counts)
    if processed >= files:
        return (
            f"最近一次评分未完成：共 {files} 个文件，已处理 {processed} 个，但跨报告复核（上年对比、跨单位雷同聚类）"
            f"尚未完成；{resume}。"
        )
    return f"最近一次评分未完成：共 {files} 个文件，已处理 {processed} 个；{resume}。"


def collect(store: Store, title: str = "政府信息公开工作年度报告审查汇总") -> ReportData:
    dimensions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in store.db.execute("SELECT * FROM dimension_scores ORDER BY rowid"):
        dimensions[row["report_id"]].append(dict(row))
    missing = store.missing_reports()
    cards = []
    for row, data in store.iter_report_data():
        score = data.get("score") or {}
        cards.append(
            ReportCard(
                id=row["id"],
                agency=row["agency"],
                year=row["year"],
                path=row["path"],
                format=row["format"],
                sha256=row["sha256"],
                published=row["published"],
                score=row["score"],
                grade=row["grade"],
                dimensions=dimensions[row["id"]],
                deductions=score.get("deductions", []),
                checks=data.get("checks", []),
                text=data.get("text", ""),
                analysed_at=row["analysed_at"],
                missing_at=missing.get(row["id"]),
            )
        )
    return ReportData(
        title=title,
        generated_at=now(),
        database=str(store.path),
        cards=cards,
        errors=[dict(row) for row in store.errors()],
        clusters=store.clusters(),
        unfinished=unfinished_run_notice(store.last_run(), str(store.path)),
        same_agency_year=store.same_agency_year(),
        duplicates=store.duplicates(),
        indexes=store.indexes(),
        rubrics=[
            dict(row)
            for row in store.db.execute(
                "SELECT MIN(rubric_name) AS name, MIN(rubric_version) AS version, COUNT(*) AS reports FROM scores"
                " GROUP BY rubric_sha256 ORDER BY reports DESC, name"
            )
        ],
    )


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _asset(name: str) -> str:
    return (RESOURCES / "report" / name).read_text(encoding="utf-8")


def _json_block(value: Any) -> str:
    """JSON that can sit inside <script>: no "</script>", no "<!--", no entity surprises."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render(data: ReportData) -> str:
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    body = "\n".join(
        [
            _overview(data),
            _distribution(data),
            _ranking(data),
            _same_agency_year(data),
            _defect_frequency(data),
            _clusters(data),
            _errors(data),
            _cards(data),
        ]
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
{GENERATOR_META}
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(data.title)}</title>
<style>
{_asset("report.css")}
</style>
</head>
<body>
<header>
<h1>{_e(data.title)}</h1>
<p class="muted">生成时间：{_e(local_time(data.generated_at))}　数据库：{_e(data.database)}{_rubric_note(data)}{_index_note(data)}</p>
<nav>{"".join(f'<a href="#{anchor}">{name}</a>' for anchor, name in SECTIONS)}</nav>
{_unfinished_banner(data)}
{_mixed_rubrics_banner(data)}
{_mixed_indexes_banner(data)}
</header>
<main>
{body}
</main>
<script type="application/json" id="ranking-data">{_json_block(_ranking_rows(data))}</script>
<script>{script}</script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------
# Sections


def _unfinished_banner(data: ReportData) -> str:
    if not data.unfinished:
        return ""
    return _warning_banner("unfinished-run", data.unfinished)


def _warning_banner(element_id: str, message: str) -> str:
    return f'<div id="{element_id}" class="warning" role="alert" style="{BANNER_STYLE}">{_e(message)}</div>'


def _rubric_name(rubric: dict[str, Any]) -> str:
    return f"{rubric['name'] or '未命名细则'}" + (f"（{rubric['version']}）" if rubric["version"] else "")


def _single_note(label: str, entries: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]) -> str:
    """The header's note naming the one rubric or index every report was judged by (none when they differ)."""
    return f"　{label}：{_e(name(entries[0]))}" if len(entries) == 1 else ""


def _uses(entries: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]) -> str:
    """Each rubric or index with the number of reports judged by it, for the banners that say they differ."""
    return "；".join(f"{name(entry)} {entry['reports']} 份" for entry in entries)


def _rubric_note(data: ReportData) -> str:
    return _single_note("评分细则", data.rubrics, _rubric_name)


def _mixed_rubrics_banner(data: ReportData) -> str:
    if len(data.rubrics) < 2:
        return ""
    used = _uses(data.rubrics, _rubric_name)
    message = (
        f"本数据库中的得分出自 {len(data.rubrics)} 套不同的评分细则（{used}），排名和分数不可直接比较；"
        "请对全部报告用同一细则重新运行 govreport score（--rubric）后再生成报告。"
    )
    return _warning_banner("mixed-rubrics", message)


def _index_name(index: dict[str, Any]) -> str:
    return index_label(index["index_sha256"], index["index_path"])


def _index_note(data: ReportData) -> str:
    return _single_note("语料索引", data.indexes, _index_name)


def _mixed_indexes_banner(data: ReportData) -> str:
    if len(data.indexes) < 2:
        return ""
    used = _uses(data.indexes, _index_name)
    message = (
        f"本数据库中的核查结果出自 {len(data.indexes)} 个不同的语料索引（{used}），套话与雷同的判断不可直接比较。"
        "govreport score 会把数据库中的报告按该次的语料索引重新分析，但原文件已不在原位置的报告无法重新分析"
        "（评分时逐个列为“未重新分析”）：请将这些文件放回原处后重新运行 govreport score。"
    )
    return _warning_banner("mixed-indexes", message)


def _overview(data: ReportData) -> str:
    scores = [card.score for card in data.cards if card.score is not None]
    affected = sum(1 for card in data.cards if card.penalised())
    tiles = [
        ("已分析报告", str(len(data.cards))),
        ("无法分析的文件", str(len(data.errors))),
        ("平均分", f"{statistics.fmean(scores):.1f}" if scores else "—"),
        ("中位数", f"{statistics.median(scores):g}" if scores else "—"),
        ("最低分", f"{min(scores):g}" if scores else "—"),
        ("有扣分的报告", str(affected)),
        ("雷同聚类", str(len(data.clusters))),
    ]
    tiles += [(f"等级：{grade}", str(count)) for grade, count in _grade_counts(data.cards)]
    truncated = sum(1 for card in data.cards if is_truncated(card.checks))
    if truncated:
        tiles.append((TRUNCATED_LABEL, str(truncated)))
    if data.same_agency_year:
        tiles.append(("同一机关同一年度多份报告（组）", str(len(data.same_agency_year))))
    missing = sum(1 for card in data.cards if card.missing_at)
    if missing:
        tiles.append((f"{MISSING_FILE_LABEL}的报告", str(missing)))
    if data.duplicates:
        tiles.append(("内容重复的文件（只分析一次）", str(len(data.duplicates))))
    items = "".join(
        f'<div class="tile"><div class="value">{_e(v)}</div><div class="label">{_e(k)}</div></div>' for k, v in tiles
    )
    return f'<section id="overview"><h2>概览</h2><div class="tiles">{items}</div></section>'


def _grade_counts(cards: list[ReportCard]) -> list[tuple[str, int]]:
    """Reports per grade, best grade first. The default rubric's grades are all listed (a 0 is news too); other
    rubrics' grades are ordered by the best score graded so (grades follow scores)."""
    counts = Counter(card.grade for card in cards if card.grade)
    default = [label for label, _ in load_rubric().grades]
    if set(counts) <= set(default):
        return [(label, counts[label]) for label in default]
    best: dict[str, float] = {}
    for card in cards:
        if card.grade and card.score is not None:
            best[card.grade] = max(best.get(card.grade, card.score), card.score)
    return sorted(counts.items(), key=lambda item: -best.get(item[0], -1))


def _distribution(data: ReportData) -> str:
    scores = [card.score for card in data.cards if card.score is not None]
    counts = [0] * HISTOGRAM_BINS
    for value in scores:
        counts[min(int(value // 10), HISTOGRAM_BINS - 1)] += 1
    width, height, left, bottom, top = 640, 240, 40, 36, 20
    bar = (width - left - 10) / HISTOGRAM_BINS
    peak = max(counts) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="得分分布直方图" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" class="axis"/>',
    ]
    for i, count in enumerate(counts):
        h = (height - bottom - top) * count / peak
        x = left + i * bar
        y = height - bottom - h
        label = f"{i * 10}–{i * 10 + 10 if i < HISTOGRAM_BINS - 1 else 100}"
        parts.append(
            f'<rect x="{x + 3:.1f}" y="{y:.1f}" width="{bar - 6:.1f}" height="{h:.1f}" class="bar"><title>{label} 分：{count} 份</title></rect>'
        )
        if count:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" class="count">{count}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" class="tick">{label}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 4}" class="tick">得分区间（分）</text></svg>')
    return f'<section id="distribution"><h2>分数分布</h2>{"".join(parts)}</section>'


def _dimension_columns(data: ReportData) -> list[tuple[str, str]]:
    columns: dict[str, str] = {}
    for card in data.cards:
        for d in card.dimensions:
            columns.setdefault(d["dimension"], d["label"] or d["dimension"])
    return list(columns.items())


def _ranking_rows(data: ReportData) -> dict[str, Any]:
    """Rows for the script that renders and sorts the ranking (ranked by score, ties share a rank)."""
    columns = _dimension_columns(data)
    groups = data.same_agency_year_groups()
    rows = []
    rank, previous = 0, None
    for position, card in enumerate(data.cards, start=1):
        if card.score != previous:
            rank, previous = position, card.score
        points = {d["dimension"]: d["points"] for d in card.dimensions}
        same_group, same_count = groups.get(card.id, (None, 0))
        rows.append(
            {
                "id": card.id,
                "rank": rank if card.score is not None else None,
                "agency": card.agency or "（未识别机关）",
                "year": card.year,
                "score": card.score,
                "grade": card.grade,
                "dimensions": [points.get(key) for key, _ in columns],
                "deductions": sum(1 for d in card.deductions if d["points"] > 0),
                "truncated": is_truncated(card.checks),
                "missing": bool(card.missing_at),
                "same_group": same_group,
                "same_count": same_count,
                "format": card.format,
                "path": card.path,
            }
        )
    return {"dimensions": [label for _, label in columns], "rows": rows}


def _ranking(data: ReportData) -> str:
    headers = [
        ("rank", "名次", "number"),
        ("agency", "机关", "text"),
        ("year", "年度", "number"),
        ("score", "得分", "number"),
        ("grade", "等级", "text"),
    ]
    headers += [(f"dim{i}", label, "number") for i, (_, label) in enumerate(_dimension_columns(data))]
    headers += [("deductions", "扣分项", "number"), ("format", "格式", "text"), ("path", "文件", "text")]
    cells = "".join(
        f'<th scope="col" data-key="{_e(key)}" data-type="{kind}" tabindex="0">{_e(label)}</th>'
        for key, label, kind in headers
    )
    return (
        '<section id="ranking"><h2>排名</h2><p class="muted">点击表头排序；点击机关名称查看该报告的扣分依据。</p>'
        f'<table id="ranking-table" class="sortable"><thead><tr>{cells}</tr></thead><tbody></tbody></table>'
        '<noscript><p class="warning">排名表需要启用 JavaScript；各报告详情见下方“逐份报告”。</p></noscript></section>'
    )


def _same_agency_year(data: ReportData) -> str:
    heading = f"<h2>{SAME_AGENCY_YEAR_TITLE}</h2>"
    if not data.same_agency_year:
        return f'<section id="same-agency-year">{heading}<p>没有同一机关同一年度的多份报告。</p></section>'
    cards = {card.id: card for card in data.cards}
    groups = []
    for number, group in enumerate(data.same_agency_year, start=1):
        rows = "".join(
            f'<tr><td><a href="#report-{card.id}">{_e(card.path)}</a></td><td class="num">{_num(card.score)}</td>'
            f'<td>{_e(card.grade or "—")}</td><td class="num">{sum(1 for d in card.deductions if d["points"] > 0)}</td>'
            f"<td>{_e(local_time(card.analysed_at))}</td></tr>"
            for card in (cards[report["id"]] for report in group["reports"])
        )
        groups.append(
            f'<h3 id="same-agency-year-{number}">{_e(group["agency"])} {_e(year_label(group["year"]))}：'
            f'{len(group["reports"])} 份报告</h3><table class="plain"><thead><tr><th>文件</th><th>得分</th><th>等级</th>'
            f"<th>扣分项</th><th>分析时间</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        f'<section id="same-agency-year">{heading}<p class="muted">以下机关在同一年度有多份内容不同的报告（可能是同一报告的'
        "不同版本、另一种编码的副本或节选）。每一份都已评分，分别列入排名、问题频次和逐份报告；请核对以哪一份为准。</p>"
        f'{"".join(groups)}</section>'
    )


def _defect_frequency(data: ReportData) -> str:
    penalised: dict[str, set[int]] = defaultdict(set)
    found: dict[str, set[int]] = defaultdict(set)
    occurrences: Counter[str] = Counter()
    points: Counter[str] = Counter()
    severities: dict[str, set[str]] = defaultdict(set)
    for card in data.cards:
        for check, deduction in zip(card.checks, card.deductions_by_check()):
            code = check["code"]
            found[code].add(card.id)
            occurrences[code] += 1
            severities[code].add(check["severity"])
            if points_of(deduction) > 0:
                penalised[code].add(card.id)
                points[code] += deduction["points"]
    if not occurrences:
        return '<section id="defects"><h2>问题频次</h2><p>所有报告均未发现问题。</p></section>'
    total = len(data.cards)
    group_codes: dict[str, list[str]] = defaultdict(list)
    for code in found:
        group_codes[FREQUENCY_GROUPS.get(code, family(code))].append(code)
    groups = []
    for key, codes in group_codes.items():
        costly = set().union(*(penalised[c] for c in codes))
        free = set().union(*(found[c] for c in codes)) - costly
        groups.append((_group_label(key, codes), len(costly), len(free), min(_family_number(family(c)) for c in codes)))
    groups.sort(key=lambda g: (-g[1], -g[2], g[3]))
    rows = []
    for code in sorted(occurrences, key=lambda c: (_family_number(family(c)), -len(penalised[c]), -len(found[c]), c)):
        costly, free = len(penalised[code]), len(found[code] - penalised[code])
        levels = "、".join(SEVERITY_NAMES.get(v, v) for v in sorted(severities[code], key=lambda v: SEVERITY_RANK.get(v, 3)))
        rows.append(
            f'<tr><td><code>{_e(code)}</code></td><td>{_e(check_name(code))}</td><td>{_e(levels)}</td>'
            f'<td class="num">{costly}</td><td class="num">{_e(share_text(costly, total))}</td>'
            f'<td class="num">{free}</td><td class="num">{_e(share_text(free, total))}</td>'
            f'<td class="num">{occurrences[code]}</td><td class="num">{points[code]:g}</td></tr>'
        )
    return (
        '<section id="defects"><h2>问题频次</h2>'
        f'<p class="muted">每类问题涉及的报告数（共 {total} 份）：<span class="key key-cost"></span>有扣分的报告　'
        '<span class="key key-free"></span>有此类发现但未因此扣分的报告（提示、待人工核实的事项，或已达扣分上限）。</p>'
        f"{_group_chart(groups, total)}"
        '<table class="plain"><thead><tr><th>代码</th><th>问题</th><th>级别</th><th>扣分的报告</th><th>占比</th>'
        "<th>未扣分的报告</th><th>占比</th><th>出现次数</th><th>合计扣分</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _group_label(key: str, codes: list[str]) -> str:
    families = sorted({family(c) for c in codes}, key=_family_number)
    if key in FREQUENCY_GROUP_NAMES:
        name = FREQUENCY_GROUP_NAMES[key]
    elif key in families:
        name = CHECK_FAMILY_NAMES.get(key, "其他")
    else:
        name = check_name(key)
    return f"{'/'.join(families)} {name}"


def _family_number(code_family: str) -> int:
    digits = code_family.lstrip("E")
    return int(digits) if digits.isdigit() else 999


def _group_chart(groups: list[tuple[str, int, int, int]], total: int) -> str:
    """One stacked bar per group: reports that lost points for it, then reports where it cost nothing."""
    row_height, label_width, width = 24, 300, 780
    scale = (width - label_width - 170) / (total or 1)
    height = row_height * len(groups) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="各类问题涉及的报告数" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (name, costly, free, _) in enumerate(groups):
        y = 5 + i * row_height
        cost_width, free_width = scale * costly, scale * free
        summary = f"扣分 {costly} 份 · 未扣分 {free} 份"
        parts.append(f'<text x="{label_width - 6}" y="{y + 16}" class="label">{_e(name)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{cost_width:.1f}" height="{row_height - 8}" class="bar">'
            f"<title>{_e(name)}：{costly} 份报告因此扣分</title></rect>"
        )
        parts.append(
            f'<rect x="{label_width + cost_width:.1f}" y="{y + 3}" width="{free_width:.1f}" height="{row_height - 8}" class="bar-free">'
            f"<title>{_e(name)}：另有 {free} 份报告有此类发现但未扣分</title></rect>"
        )
        parts.append(
            f'<text x="{label_width + cost_width + free_width + 6:.1f}" y="{y + 16}" class="count-left">{summary}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _clusters(data: ReportData) -> str:
    heading = "<h2>雷同聚类（E11 跨单位照搬）</h2>"
    if not data.clusters:
        return f'<section id="clusters">{heading}<p>未发现跨单位雷同的报告。</p></section>'
    items = []
    for cluster in data.clusters:
        members = "".join(
            f'<li><a href="#report-{m["id"]}">{_e(m["agency"] or "（未识别机关）")}</a> {_e(year_label(m["year"]))} · 得分 {_num(m["score"])}'
            f' · 雷同文字占比 {m["share"]:.0%} <span class="muted">{_e(m["path"])}</span></li>'
            for m in cluster["members"]
        )
        passages = "".join(f"<li>{_e(text)}</li>" for text in cluster["passages"])
        year = f"{cluster['year']}年度，" if cluster["year"] else ""
        items.append(
            f'<div class="cluster"><h3>{cluster["size"]} 份报告（{_e(year)}“{_e(PART_NAMES.get(cluster["part"], cluster["part"]))}”）</h3>'
            f"<ul>{members}</ul>"
            + (f'<p>雷同内容示例：</p><ul class="quotes">{passages}</ul>' if passages else "")
            + "</div>"
        )
    return f'<section id="clusters">{heading}{"".join(items)}</section>'


def _errors(data: ReportData) -> str:
    if not data.errors:
        failed = "<p>所有文件均已成功分析。</p>"
    else:
        rows = "".join(
            f"<tr><td>{_e(e['path'])}</td><td><code>{_e(e['code'])}</code></td><td>{_e(e['message'])}</td></tr>"
            for e in data.errors
        )
        failed = f'<table class="plain"><thead><tr><th>文件</th><th>原因代码</th><th>说明</th></tr></thead><tbody>{rows}</tbody></table>'
    return f'<section id="errors"><h2>无法分析的文件</h2>{failed}{_duplicates(data)}</section>'


def _duplicates(data: ReportData) -> str:
    """The byte-identical copies, each with the file whose results stand for it: with the ranking and the failed
    files, every file a run was given is accounted for."""
    if not data.duplicates:
        return ""
    rows = "".join(
        f"<tr><td>{_e(d['path'])}{f'（{MISSING_FILE_LABEL}）' if d['missing_at'] else ''}</td><td>{_e(d['same_as'])}</td></tr>"
        for d in data.duplicates
    )
    return (
        f'<h3 id="duplicates">内容重复的文件（{len(data.duplicates)} 个，与另一文件内容完全相同，只分析一次）</h3>'
        f'<table class="plain"><thead><tr><th>文件</th><th>与之内容相同的文件</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _cards(data: ReportData) -> str:
    groups = data.same_agency_year_groups()
    return (
        '<section id="cards"><h2>逐份报告</h2>' + "".join(_card(card, groups.get(card.id)) for card in data.cards) + "</section>"
    )


def _same_agency_year_flag(group: tuple[int, int] | None) -> str:
    """The marker of a report whose agency has other reports for the year, linking to their list."""
    if group is None:
        return ""
    number, count = group
    title = f"{SAME_AGENCY_YEAR_TITLE}（共 {count} 份），请核对以哪一份为准"
    return f' <a class="flag same" href="#same-agency-year-{number}" title="{_e(title)}">同年度 {count} 份</a>'


def _card(card: ReportCard, same_agency_year: tuple[int, int] | None) -> str:
    spans = [
        (index, check)
        for index, check in enumerate(card.checks, start=1)
        if check.get("start") is not None and check.get("end") is not None and check["end"] > check["start"]
    ]
    excerpts, anchors = _excerpts(card, spans)
    items = []
    for index, (check, deduction) in enumerate(zip(card.checks, card.deductions_by_check()), start=1):
        link = f' <a href="#report-{card.id}-m{index}">见原文</a>' if index in anchors else ""
        evidence = f'<div class="evidence">依据：{_e(check["evidence"])}</div>' if check.get("evidence") else ""
        items.append(
            f'<li class="sev-{_e(check["severity"])}"><span class="badge">[{index}] {_e(check["code"])}</span> '
            f'<span class="sev">{_e(SEVERITY_NAMES.get(check["severity"], check["severity"]))}</span> '
            f'<span class="points">{_e(points_text(deduction))}</span> '
            f"{_e(check['message'])}{link}{evidence}</li>"
        )
    dimensions = "　".join(f"{_e(d['label'])} {_num(d['points'])}/{_num(d['weight'])}" for d in card.dimensions)
    flag = f' <span class="flag" title="{_e(TRUNCATED_TITLE)}">{TRUNCATED_LABEL}</span>' if is_truncated(card.checks) else ""
    if card.missing_at:
        flag += f' <span class="flag" title="{_e(MISSING_FILE_TITLE)}">{MISSING_FILE_LABEL}</span>'
    return (
        f'<article class="card" id="report-{card.id}">'
        f'<h3>{_e(card.agency or "（未识别机关）")} <span class="muted">{_e(year_label(card.year))}</span>'
        f' <span class="score">{_num(card.score)}</span> <span class="grade grade-{_e(card.grade)}">{_e(card.grade or "—")}</span>{flag}'
        f"{_same_agency_year_flag(same_agency_year)}</h3>"
        f'<p class="muted">文件：{_e(card.path)} · {_e(card.format)} · sha256 {_e(card.sha256[:12])} · 发布日期：{_e(card.published or "未注明")}</p>'
        f"<p>{dimensions}</p>"
        + (f'<ol class="checks">{"".join(items)}</ol>' if items else "<p>核查未发现问题。</p>")
        + (f'<div class="excerpts"><h4>原文定位</h4>{excerpts}</div>' if excerpts else "")
        + '<p class="back"><a href="#ranking">返回排名</a></p></article>'
    )


def _excerpts(card: ReportCard, spans: list[tuple[int, dict[str, Any]]]) -> tuple[str, set[int]]:
    """The report text around each check span, the spans marked and numbered like the check list, and the
    numbers of the checks that got an anchor (a span outside the stored text gets none)."""
    text = card.text
    marks = []
    for index, check in spans:
        start = max(0, min(check["start"], len(text)))
        end = max(start, min(check["end"], len(text)))
        if end > start:
            marks.append((start, _mark_end(text, start, end), index, check, end))
    if not marks:
        return "", set()
    # A cut span shows no context after its cut, nor does a span inside it: that text is still evidence, and
    # unmarked it would read as if it were not.
    cuts_at = [(start, span_end, end) for start, end, _, _, span_end in marks if end < span_end]

    def context_end(start: int, end: int, span_end: int) -> int:
        if end < span_end:
            return end
        inside_cut = [cut for cut_start, cut_span_end, cut in cuts_at if cut_start <= start and end <= cut_span_end]
        return max(end, min(inside_cut)) if inside_cut else end + CONTEXT_CHARS

    windows: list[list[int]] = []
    for start, end, _, _, span_end in sorted(marks, key=lambda m: m[0]):
        low, high = max(0, start - CONTEXT_CHARS), min(len(text), context_end(start, end, span_end))
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    out = []
    anchored: set[int] = set()
    for low, high in windows:
        inside = [m for m in marks if m[0] < high and m[1] > low]
        cuts = sorted({low, high, *(m[0] for m in inside), *(m[1] for m in inside)})
        pieces = ["……" if low > 0 else ""]
        for a, b in zip(cuts, cuts[1:]):
            covering = [m for m in inside if m[0] <= a and m[1] >= b]
            segment = _e(text[a:b]).replace("\n", "<br>")
            if not covering:
                pieces.append(segment)
                continue
            worst = min(covering, key=lambda m: SEVERITY_RANK.get(m[3]["severity"], 3))
            ids = ""
            for m in covering:
                if m[2] not in anchored:
                    anchored.add(m[2])
                    ids += f'<a id="report-{card.id}-m{m[2]}"></a>'
            title = "；".join(f"[{m[2]}] {m[3]['code']}" for m in covering)
            labels = "".join(f"<sup>[{m[2]}]</sup>" for m in covering if m[1] == b)
            pieces.append(
                f'{ids}<mark class="sev-{_e(worst[3]["severity"])}" title="{_e(title)}">{segment}</mark>{labels}'
            )
        pieces.append("……" if high < len(text) else "")
        out.append(f'<p class="excerpt">{"".join(pieces)}</p>')
    return "".join(out), anchored


def _mark_end(text: str, start: int, end: int) -> int:
    """Where the highlight of the span ``start``–``end`` stops: its end, or for a span longer than
    :data:`MAX_MARK_CHARS` the last sentence end within that length (else the last clause end, else the length),
    so that neither the highlight nor the number after it splits a word ("已公开文[3]件")."""
    limit = start + MAX_MARK_CHARS
    if end <= limit:
        return end
    for ends in (SENTENCE_ENDS, CLAUSE_ENDS):
        # Not before half the length: a cut right after the first clause would hide most of what is shown.
        cut = max(text.rfind(char, start + MAX_MARK_CHARS // 2, limit) for char in ends)
        if cut >= 0:
            # A line break or a space ends the mark before it, so the number stays on the line it belongs to.
            return start + len(text[start : cut + 1].rstrip())
    return limit
