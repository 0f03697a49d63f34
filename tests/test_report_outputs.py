"""What the oversight outputs say about a store: the HTML report's frequencies, points, grades, years, times and
truncation badges, and the XLSX/CSV exports' values under their Chinese headers (QA review of the renderers)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from test_report import ranking_rows, rendered_dom

from nlp.config import PROJECT_ROOT
from nlp.labels import SEVERITY_NAMES
from nlp.model import Check
from nlp.pipeline import analyze
from nlp.render import html
from nlp.render.display import local_time, share_text
from nlp.render.json import analysis_to_dict
from nlp.render.xlsx import export_csv, export_xlsx
from nlp.score import DEFAULT_RUBRIC, load_rubric, score
from nlp.store import Store

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"


def card(id: int, checks=(), deductions=(), *, score: float = 80.0, grade: str = "良", year: int | None = 2024):
    return html.ReportCard(
        id=id,
        agency=f"鹭汀市第{id}局",
        year=year,
        path=f"reports/{id}.txt",
        format="txt",
        sha256=f"{id:064d}",
        published=None,
        score=score,
        grade=grade,
        dimensions=[],
        deductions=list(deductions),
        checks=list(checks),
        text="",
    )


def check(code: str, severity: str, message: str = "发现", start: int | None = None, end: int | None = None) -> dict:
    return {"code": code, "severity": severity, "message": message, "evidence": "", "start": start, "end": end}


def deduction(finding: dict, points: float, *, nominal: float | None = None) -> dict:
    nominal = points if nominal is None else nominal
    return {**finding, "points": points, "nominal": nominal, "capped": points < nominal}


def page(cards: list[html.ReportCard], generated_at: str = "2026-11-22T05:05:00+00:00") -> str:
    return html.render(html.ReportData(title="审查汇总", generated_at=generated_at, database="x.sqlite", cards=cards))


def section(page_html: str, anchor: str) -> str:
    return re.search(rf'<section id="{anchor}">(.*?)</section>', page_html, re.S).group(1)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


# --------------------------------------------------------------------------------------------------------
# 问题频次


def test_frequencies_count_costly_findings_apart_from_free_ones_and_group_codes_by_meaning():
    fee_warning = check("E8.no_fee_statement", "warning")
    cards = [card(1, [fee_warning], [deduction(fee_warning, 2)])]
    cards += [card(i, [check("E8.no_fee_statement", "info")]) for i in range(2, 301)]
    cards.append(card(301, [check("E9.reported_elsewhere", "info")]))
    cards.append(card(302, [check("E9.no_work_points", "warning")]))
    defects = section(page(cards), "defects")
    chart = re.search(r"<svg.*?</svg>", defects, re.S).group(0)
    labels = re.findall(r'class="label">([^<]+)</text>', chart)
    assert "E8 未说明信息处理费" in labels
    # One report lost points for the fee statement; the other 299 only carry the hint.
    assert "扣分 1 份 · 未扣分 299 份" in chart
    # An item reported in another part was reported: it is not counted as "未报告".
    assert "E9 事项已报告，但未写在第六部分" in labels
    assert "扣分 0 份 · 未扣分 1 份" in chart
    rows = {re.search(r"<code>([^<]+)</code>", row).group(1): plain(row) for row in re.findall(r"<tr><td><code>.*?</tr>", defects)}
    assert "工作要点或建议提案已报告，但未写在第六部分" in rows["E9.reported_elsewhere"]
    assert "未报告" not in rows["E9.reported_elsewhere"]
    # Small shares are not rounded away: 1 of 302 reports.
    assert re.search(r"<td class=\"num\">1</td><td class=\"num\">&lt;1%</td>", re.search(
        r"<tr><td><code>E8.no_fee_statement</code>.*?</tr>", defects).group(0))


def test_share_text_never_rounds_a_few_to_nothing_or_most_to_all():
    assert share_text(2, 816) == "<1%"
    assert share_text(815, 816) == ">99%"
    assert share_text(816, 816) == "100%"
    assert share_text(0, 816) == "0%"
    assert share_text(408, 816) == "50%"


# --------------------------------------------------------------------------------------------------------
# Points, grades, years, times


def write_rubric(tmp_path: Path) -> Path:
    """The default rubric, except that information findings of E14 cost points (an office's own rubric)."""
    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    text = text.replace("[codes.E14]\npoints = { error = 2, warning = 2, info = 0 }\ncap = 10",
                        "[codes.E14]\npoints = { error = 2, warning = 2, info = 1.5 }\ncap = 2")
    assert "info = 1.5" in text
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def scored_store(tmp_path) -> Path:
    """A store of the sample with added findings, scored by a rubric where information costs points: two
    identical E14 infos (the second is capped to 0.5), an E8 info that costs nothing, and a truncated text."""
    rubric = load_rubric(write_rubric(tmp_path))
    analysis = analyze(SAMPLE)
    analysis.checks += [
        Check("E14.no_figure", "info", "“监督保障”部分没有数据支撑。", "", 100, 120),
        Check("E14.no_figure", "info", "“监督保障”部分没有数据支撑。", "", 100, 120),
        Check("E8.no_fee_statement", "info", "其他部分也未说明信息处理费收取情况。"),
        Check("E3.truncated", "warning", "文本在句子中间结束，可能不完整。", "", len(analysis.document.text) - 5, len(analysis.document.text)),
    ]
    analysis.score = score(analysis, rubric)
    db = tmp_path / "results.sqlite"
    with Store(db) as store, store.transaction():
        store.write_report(analysis_to_dict(analysis, include_text=True), rubric)
    return db


def test_every_output_shows_the_points_the_score_deducted_whatever_the_severity(scored_store, tmp_path):
    with Store(scored_store) as store:
        data = html.collect(store)
        (report,) = data.cards
        expected = [(c["code"], c["severity"]) for c in report.checks]
        assert expected == [("E14.no_figure", "info"), ("E14.no_figure", "info"), ("E8.no_fee_statement", "info"),
                            ("E3.truncated", "warning")]
        workbook = openpyxl.load_workbook(export_xlsx(store, tmp_path / "results.xlsx"))
    cards = section(html.render(data), "cards")
    points = [plain(p).strip() for p in re.findall(r'<span class="points">(.*?)</span>', cards)]
    assert points == ["−1.5 分", "−0.5 分（已达扣分上限，原应扣 1.5 分）", "不扣分", "−5 分"]
    checks = list(workbook["核查结果"].values)
    header = checks[0]
    assert [(row[header.index("代码")], row[header.index("级别")], row[header.index("扣分")]) for row in checks[1:]] == [
        ("E14.no_figure", "提示", 1.5),
        ("E14.no_figure", "提示", 0.5),
        ("E8.no_fee_statement", "提示", 0),
        ("E3.truncated", "警告", 5),
    ]
    deductions = list(workbook["扣分明细"].values)
    assert sum(row[deductions[0].index("扣分")] for row in deductions[1:]) == 7


def test_the_cli_scores_with_a_rubric_that_charges_for_information(tmp_path, corpora):
    """End to end: ``score --rubric`` with info findings that cost points; the report and the export show them."""
    rubric = write_rubric(tmp_path)
    db, out, workbook = tmp_path / "r.sqlite", tmp_path / "r.html", tmp_path / "r.xlsx"
    for command in (
        ["score", str(corpora / "seeds"), "--db", str(db), "--rubric", str(rubric)],
        ["report", "--db", str(db), "--out", str(out)],
        ["export", "--db", str(db), "--out", str(workbook)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "cli.main", *command], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
    with Store(db) as store:
        charged = sorted(
            row[0] for row in store.db.execute("SELECT points FROM deductions WHERE severity = 'info' AND points > 0")
        )
    assert charged, "the seeds should have E14 information findings for this rubric to charge"
    items = re.findall(r'<li class="sev-info">.*?<span class="points">(.*?)</span>', out.read_text(encoding="utf-8"))
    assert sorted(float(re.match(r"−([\d.]+) 分", text).group(1)) for text in items if text.startswith("−")) == charged
    checks = list(openpyxl.load_workbook(workbook)["核查结果"].values)
    level, points = checks[0].index("级别"), checks[0].index("扣分")
    assert sorted(row[points] for row in checks[1:] if row[level] == "提示" and row[points]) == charged


def excerpt_of(text: str, checks: list[dict]) -> str:
    """The "原文定位" excerpts of a card with ``text`` and ``checks``, anchors left out."""
    page = html._card(html.ReportCard(**{**vars(card(1, checks)), "text": text}), None)
    return re.sub(r'<a id="[^"]*"></a>', "", page.split("<h4>原文定位</h4>", 1)[1])


def test_a_long_evidence_span_is_highlighted_to_a_sentence_end_and_its_number_splits_no_word():
    """QA: the highlight stopped after 160 characters, mid-word, with the number there ("已公开文[3]件")."""
    sentence = "第{}项工作按照年度计划扎实推进，相关信息已在门户网站专栏及时发布并接受监督。"
    body = "".join(sentence.format("一二三四五六七八"[n]) for n in range(8))
    text = "一、总体情况\n" + body + "\n二、主动公开政府信息情况\n本年度主动公开信息120条。"
    start, end = text.index("第一项"), text.index("第七项")  # six sentences, 228 characters
    assert end - start > html.MAX_MARK_CHARS and text[start + html.MAX_MARK_CHARS - 1] not in "。，"
    excerpt = excerpt_of(text, [check("E14.no_figure", "info", start=start, end=end)])
    marked = re.search(r"<mark [^>]*>(.*?)</mark><sup>\[1\]</sup>(.*?)</p>", excerpt).groups()
    assert marked[0].startswith("第一项") and marked[0].endswith("第四项工作按照年度计划扎实推进，相关信息已在门户网站专栏及时发布并接受监督。")
    assert marked[1] == "……"  # the rest of the span is not shown as if it were no evidence


def test_a_short_evidence_span_is_numbered_at_its_end_with_the_text_around_it():
    text = "一、总体情况\n本年度主动公开政府信息326条，收到申请34件。\n二、主动公开政府信息情况\n"
    start = text.index("326条")
    excerpt = excerpt_of(text, [check("E6.narrative_vs_table", "error", start=start, end=start + 4)])
    assert '326条</mark><sup>[1]</sup>，收到申请34件。' in excerpt


def test_grade_tiles_go_from_best_to_worst_and_list_every_grade():
    cards = [card(1, grade="中", score=65), card(2, grade="中", score=61), card(3, grade="优", score=95), card(4, grade="良", score=80)]
    overview = plain(section(page(cards), "overview"))
    assert re.findall(r"(\d+) 等级：(\S)", overview) == [("1", "优"), ("1", "良"), ("2", "中"), ("0", "差")]


def test_penalised_reports_are_those_that_lost_points():
    capped = check("E3.missing_part", "error")
    overview = plain(section(page([card(1, [capped], [deduction(capped, 0, nominal=5)]), card(2)]), "overview"))
    assert "0 有扣分的报告" in overview


def test_an_unknown_year_reads_as_year_unknown():
    rendered = page([card(1, year=None)])
    assert "年度不详" in section(rendered, "cards") and "?年度" not in rendered and "None" not in rendered


def test_times_are_local_and_say_their_zone_when_it_is_not_beijing_time(monkeypatch):
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    try:
        assert local_time("2026-11-22T05:05:09+00:00") == "2026年11月22日 13:05"
        monkeypatch.setenv("TZ", "UTC0")
        time.tzset()
        assert local_time("2026-11-22T05:05:09+00:00") == "2026年11月22日 05:05（UTC）"
        assert "生成时间：2026年11月22日 05:05（UTC）" in page([])
        monkeypatch.setenv("TZ", "EST+5")
        time.tzset()
        assert local_time("2026-11-22T05:05:09+00:00") == "2026年11月22日 00:05（UTC-5）"
    finally:
        monkeypatch.undo()
        time.tzset()


# --------------------------------------------------------------------------------------------------------
# Truncated texts


def test_a_truncated_report_is_flagged_on_its_ranking_row_and_card(scored_store, tmp_path):
    out = tmp_path / "report.html"
    with Store(scored_store) as store:
        out.write_text(html.render(html.collect(store)), encoding="utf-8")
    rendered = out.read_text(encoding="utf-8")
    assert re.search(r'<article class="card"[^>]*><h3>.*?<span class="flag"[^>]*>文本可能不完整</span></h3>', rendered)
    (row,) = ranking_rows(rendered_dom(tmp_path, out))
    assert re.search(r'<td data-key="agency"[^>]*><a [^>]*>[^<]+</a> <span class="flag"[^>]*>文本可能不完整</span></td>', row)


def test_a_complete_report_carries_no_truncation_flag():
    rendered = page([card(1, [check("E3.missing_part", "error")])])
    assert 'class="flag"' not in rendered and '"truncated": false' in rendered


# --------------------------------------------------------------------------------------------------------
# Exports


def test_export_values_under_chinese_headers_are_chinese(scored_store, tmp_path):
    with Store(scored_store) as store:
        workbook = openpyxl.load_workbook(export_xlsx(store, tmp_path / "results.xlsx"))
        table = list(csv.reader(export_csv(store, tmp_path / "results.csv").open(encoding="utf-8-sig")))
    labels = {d.label for d in load_rubric().dimensions.values()}
    severities = set(SEVERITY_NAMES.values())
    deductions = list(workbook["扣分明细"].values)
    header = deductions[0]
    assert {row[header.index("维度")] for row in deductions[1:]} <= labels
    assert {row[header.index("级别")] for row in deductions[1:]} <= severities
    assert {row[header.index("代码")] for row in deductions[1:]} == {"E14.no_figure", "E3.truncated"}
    checks = list(workbook["核查结果"].values)
    assert {row[checks[0].index("级别")] for row in checks[1:]} <= severities
    ranking = list(workbook["排名"].values)
    assert ranking[1][ranking[0].index("格式版本")] == "2021年版"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d(（UTC[+-]?[\d:]*）)?", ranking[1][ranking[0].index("分析时间")])
    assert table[0] == list(ranking[0]) and len(table) == len(ranking)
    assert table[1][ranking[0].index("格式版本")] == "2021年版"


def test_the_csv_header_does_not_depend_on_the_data(scored_store, tmp_path):
    with Store(tmp_path / "empty.sqlite") as store:
        empty = list(csv.reader(export_csv(store, tmp_path / "empty.csv").open(encoding="utf-8-sig")))
    with Store(scored_store) as store:
        full = list(csv.reader(export_csv(store, tmp_path / "full.csv").open(encoding="utf-8-sig")))
    assert empty == [full[0]]
    assert "完整性" in empty[0]


def test_scores_of_different_rubrics_are_flagged_as_not_comparable(scored_store, tmp_path):
    with Store(scored_store) as store:
        single = html.render(html.collect(store))
        data = analysis_to_dict(analyze(SAMPLE), include_text=True)
        data["source"]["sha256"] = "c" * 64
        with store.transaction():
            store.write_report(data, load_rubric())
        mixed = html.render(html.collect(store))
    assert "评分细则：govreport 默认评分细则（2025.1）" in single and 'id="mixed-rubrics"' not in single
    banner = re.search(r'<div id="mixed-rubrics"[^>]*>(.*?)</div>', mixed).group(1)
    assert "2 套不同的评分细则" in banner and "不可直接比较" in banner


# --------------------------------------------------------------------------------------------------------
# Several reports of one agency and year


@pytest.fixture
def store_with_a_gbk_copy(corpora, tmp_path) -> tuple[Path, Path, Path, Path]:
    """A store of a seed, a GBK-encoded copy of it (same agency and year, another sha256) and another seed."""
    from nlp.bulk import score_files

    folder = tmp_path / "reports"
    folder.mkdir()
    seed, other = folder / "甲局.txt", folder / "乙局.txt"
    seed.write_bytes((corpora / "seeds" / "001_1e161ef14c1da7cc.txt").read_bytes())
    other.write_bytes((corpora / "seeds" / "002_b2662e0c1d87a114.txt").read_bytes())
    gbk = folder / "甲局（GBK）.txt"
    gbk.write_bytes(seed.read_text(encoding="utf-8").encode("gbk"))
    db = tmp_path / "results.sqlite"
    score_files([seed, gbk, other], db)
    return db, seed, gbk, other


def test_the_report_lists_reports_of_one_agency_and_year_and_marks_them(store_with_a_gbk_copy, tmp_path):
    db, seed, gbk, other = store_with_a_gbk_copy
    out = tmp_path / "report.html"
    with Store(db, read_only=True) as store:
        data = html.collect(store)
    out.write_text(html.render(data), encoding="utf-8")
    rendered = out.read_text(encoding="utf-8")
    ids = {card.path: card.id for card in data.cards}
    assert set(ids) == {str(seed), str(gbk), str(other)}  # nothing dropped or merged

    listed = section(rendered, "same-agency-year")
    (heading,) = re.findall(r'<h3 id="same-agency-year-1">(.*?)</h3>', listed)
    agency = next(card.agency for card in data.cards if card.path == str(seed))
    assert heading == f"{agency} 2024年度：2 份报告"
    links = re.findall(r'<a href="#report-(\d+)">(.*?)</a>', listed)
    assert links == [(str(ids[str(seed)]), str(seed)), (str(ids[str(gbk)]), str(gbk))]
    for report_id, _ in links:
        assert f'<article class="card" id="report-{report_id}">' in rendered
    card = next(card for card in data.cards if card.path == str(gbk))
    assert f'<td class="num">{card.score:g}</td>' in listed and local_time(card.analysed_at) in listed
    assert str(other) not in listed
    assert "同一机关同一年度多份报告（组）" in plain(section(rendered, "overview"))

    flag = '<a class="flag same" href="#same-agency-year-1"[^>]*>同年度 2 份</a>'
    cards = re.findall(r'<article class="card" id="report-(\d+)"><h3>(.*?)</h3>', rendered)
    assert {report_id for report_id, h3 in cards if re.search(flag, h3)} == {str(ids[str(seed)]), str(ids[str(gbk)])}
    rows = ranking_rows(rendered_dom(tmp_path, out))
    assert len(rows) == 3
    marked = {re.search(r'data-report="(\d+)"', row).group(1) for row in rows if re.search(flag, row)}
    assert marked == {str(ids[str(seed)]), str(ids[str(gbk)])}


def test_without_such_reports_the_report_says_so_and_marks_nothing():
    rendered = page([card(1), card(2)])
    assert "没有同一机关同一年度的多份报告" in section(rendered, "same-agency-year")
    assert "flag same" not in section(rendered, "cards") and '"same_group": null' in rendered


def test_the_workbook_lists_reports_of_one_agency_and_year(store_with_a_gbk_copy, tmp_path):
    db, seed, gbk, other = store_with_a_gbk_copy
    with Store(db, read_only=True) as store:
        workbook = openpyxl.load_workbook(export_xlsx(store, tmp_path / "results.xlsx"))
        analysed = dict(store.db.execute("SELECT path, analysed_at FROM reports").fetchall())
    sheet = list(workbook["同一机关同一年度"].values)
    header = sheet[0]
    assert header[:5] == ("组号", "机关", "年度", "本组报告数", "文件")
    assert [(row[0], row[2], row[3], row[4]) for row in sheet[1:]] == [(1, 2024, 2, str(seed)), (1, 2024, 2, str(gbk))]
    assert [row[header.index("分析时间")] for row in sheet[1:]] == [local_time(analysed[str(seed)]), local_time(analysed[str(gbk)])]
    assert len(list(workbook["排名"].values)) == 1 + 3


def test_an_export_written_before_the_same_agency_year_sheet_is_still_skipped_in_a_folder(tmp_path):
    from cli.inputs import scan_inputs

    older = openpyxl.Workbook()
    older.active.title = "排名"
    for title in ("扣分明细", "核查结果", "雷同聚类", "无法分析的文件"):
        older.create_sheet(title)
    older.save(tmp_path / "排名.xlsx")
    scan = scan_inputs([tmp_path])
    assert scan.files == [] and scan.unsupported == []


# --------------------------------------------------------------------------------------------------------
# One-report summaries share the wording


def test_summaries_name_what_a_check_found_and_an_unknown_year(tmp_path):
    from nlp.render import markdown
    from nlp.render.summary import summary_data

    analysis = analyze(SAMPLE)
    analysis.meta.year = None
    analysis.checks.append(Check("E9.reported_elsewhere", "info", "工作要点写在“总体情况”中。"))
    text = markdown.render(summary_data(analysis))
    assert text.startswith("# 鹭汀市青禾区生态环境局 年度不详政府信息公开工作年度报告摘要")
    assert "E9.reported_elsewhere（工作要点或建议提案已报告，但未写在第六部分）" in text
    assert "其他事项未报告" not in text
