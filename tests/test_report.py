"""The oversight report (one offline HTML file, checked in headless Chromium) and the one-report summaries."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.bulk import score_files
from nlp.config import PROJECT_ROOT
from nlp.model import Tag
from nlp.pipeline import analyze
from nlp.render import html, markdown
from nlp.render.json import analysis_to_dict
from nlp.render.summary import summary_data
from nlp.score import load_rubric
from nlp.store import Store

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Payloads that would mark the page if they ever ran.
SCRIPT_PAYLOAD = '<script>document.title="PWNED";document.body.setAttribute("data-pwned","script")</script>'
IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium (Debian's ``chromium`` package) with a throwaway profile and no network chatter."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("headless Chromium is required for the report tests: apt-get install -y chromium fonts-noto-cjk")
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )


def rendered_dom(tmp_path: Path, page: Path, query: str = "") -> str:
    result = chromium(tmp_path, "--dump-dom", page.resolve().as_uri() + query)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(tmp_path: Path, page: Path, out: Path) -> Path:
    result = chromium(
        tmp_path, "--window-size=1280,2400", "--hide-scrollbars", f"--screenshot={out}", page.resolve().as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    return out


def ranking_rows(dom: str) -> list[str]:
    body = re.search(r'<table id="ranking-table"[^>]*>.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert body, "ranking table not found in the rendered page"
    return re.findall(r"<tr data-report=.*?</tr>", body.group(1), re.S)


def assert_not_executed(dom: str) -> None:
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag
    assert "<title>PWNED</title>" not in dom
    assert '<img src="x"' not in dom


@pytest.fixture
def store_with_payloads(tmp_path, corpora) -> Path:
    """A results store of the seeds, the sample, and a report that carries script in its text and agency."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in sorted((corpora / "seeds").glob("*.txt")):
        shutil.copy(seed, folder)
    text = SAMPLE.read_text(encoding="utf-8")
    shutil.copy(SAMPLE, folder)
    # The placeholder check quotes the text around "XX年", so the payloads land in evidence and excerpts.
    hostile = text.replace("一、总体情况\n", f"一、总体情况\n{SCRIPT_PAYLOAD}{IMG_PAYLOAD}XX年度工作如下。\n", 1)
    (folder / "hostile.txt").write_text(
        hostile.replace("鹭汀市青禾区生态环境局", "鹭汀市青禾区水务局"), encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "results.sqlite"
    score_files(sorted(folder.iterdir()), db, jobs=2)
    data = analysis_to_dict(analyze(SAMPLE), include_text=True)
    data["source"]["sha256"] = "e" * 64
    data["source"]["path"] = f"reports/{IMG_PAYLOAD}.txt"
    data["meta"]["agency"] = f"{IMG_PAYLOAD}局"
    with Store(db) as store, store.transaction():
        store.write_report(data, load_rubric())
    return db


def test_the_report_is_one_offline_file_that_renders_in_chromium(store_with_payloads, tmp_path):
    out = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "report", "--db", str(store_with_payloads), "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    # Self-contained: no external stylesheet, script, image or font.
    assert not re.search(
        r"<link\b|<script[^>]+src=|<img\b|url\(|@import|https?://", page.replace("http://www.w3.org/2000/svg", "")
    )
    assert page.count("<script") == 2  # the JSON data block and the page's own script
    for section in ("概览", "分数分布", "排名", "问题频次", "雷同聚类", "无法分析的文件", "逐份报告"):
        assert f"<h2>{section}" in page
    assert "<svg" in page and "得分分布直方图" in page

    dom = rendered_dom(tmp_path, out)
    rows = ranking_rows(dom)
    assert len(rows) == 8  # the five seeds, the sample, the hostile copy and the injected row
    assert 'data-rendered="8"' in dom
    assert "鹭汀市青禾区生态环境局" in dom and "empty.txt" in dom
    assert_not_executed(dom)
    # The hostile strings are shown as text: in the JS-rendered ranking, in the evidence and in the card.
    assert any("&lt;img src=x onerror=" in row for row in rows)
    assert "&lt;script&gt;document.title" in dom
    assert re.search(r'<mark class="sev-error" title="\[\d+\] E15.placeholder">XX</mark>', dom), (
        "placeholder not highlighted"
    )
    shot = screenshot(tmp_path, out, tmp_path / "report.png")
    assert shot.is_file()


def test_the_ranking_sorts_in_the_browser(store_with_payloads, tmp_path):
    out = tmp_path / "report.html"
    with Store(store_with_payloads) as store:
        out.write_text(html.render(html.collect(store)), encoding="utf-8")
    default = ranking_rows(rendered_dom(tmp_path, out))
    ascending = ranking_rows(rendered_dom(tmp_path, out, "?sort=score&order=asc"))

    def scores(rows: list[str]) -> list[float]:
        return [float(re.search(r'<td data-key="score" class="num">([\d.]+)</td>', row).group(1)) for row in rows]

    assert scores(default) == sorted(scores(default), reverse=True)
    assert scores(ascending) == sorted(scores(default))


def test_every_report_string_is_escaped_in_the_html():
    hostile = "</script><script>alert(1)</script><b onmouseover=alert(2)>"
    card = html.ReportCard(
        id=1,
        agency=hostile,
        year=2024,
        path=hostile,
        format="txt",
        sha256="a" * 64,
        published=hostile,
        score=50.0,
        grade=hostile,
        dimensions=[{"dimension": "accuracy", "label": hostile, "weight": 30, "points": 10}],
        deductions=[{"code": "E5.x", "start": 0, "end": 10, "message": hostile, "points": 3}],
        checks=[{"code": hostile, "severity": "error", "message": hostile, "evidence": hostile, "start": 0, "end": 10}],
        text=hostile * 3,
    )
    cluster = {
        "year": 2024,
        "part": "problems",
        "size": 1,
        "passages": [hostile],
        "members": [{"id": 1, "agency": hostile, "year": 2024, "path": hostile, "score": 50.0, "share": 0.9}],
    }
    page = html.render(
        html.ReportData(
            title=hostile,
            generated_at="now",
            database=hostile,
            cards=[card],
            errors=[{"path": hostile, "code": hostile, "message": hostile}],
            clusters=[cluster],
            same_agency_year=[{"agency": hostile, "year": 2024, "reports": [{"id": 1}]}],
        )
    )
    assert "alert" in page and "<script>alert" not in page and "<b onmouseover" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data = re.search(r'<script type="application/json" id="ranking-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["rows"][0]["agency"] == hostile


# --------------------------------------------------------------------------------------------------------
# One-report summaries


def run_summarize(*args: str) -> subprocess.CompletedProcess:
    """The CLI with a wide terminal, so rich does not wrap the lines a test looks for."""
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "summarize", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "250"},
    )


def test_summarize_prints_a_chinese_summary_with_last_year(tmp_path):
    previous = tmp_path / "sample_2023.txt"
    previous.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("2024", "2023").replace("2025", "2024"), encoding="utf-8"
    )
    text = run_summarize(str(SAMPLE), "--previous", str(previous))
    assert text.returncode == 0, text.stderr
    out = text.stdout
    for expected in (
        "鹭汀市青禾区生态环境局",
        "2024年度",
        "得分",
        "等级",
        "关键数据",
        "326条",
        "法定表格合计",
        "上年（2023）",
        "存在的问题",
        "改进措施",
        "核查发现",
        "E10.copied_previous_year",
    ):
        assert expected in out, expected

    as_json = json.loads(run_summarize(str(SAMPLE), "--format", "json", "--previous", str(previous)).stdout)
    assert as_json["agency"] == "鹭汀市青禾区生态环境局" and as_json["previous"]["year"] == 2023
    assert as_json["score"]["total"] == pytest.approx(100 - sum(d["points"] for d in as_json["defects"]))
    codes = {d["code"] for d in as_json["defects"]}
    assert "E10.copied_previous_year" in codes
    received = next(row for row in as_json["table_totals"] if row["row"] == "new_received")
    assert received["value"] == 34 and received["previous"] == 34
    assert any(f["text"] == "326条" for f in as_json["figures"])

    md = run_summarize(str(SAMPLE), "--format", "markdown").stdout
    assert md.startswith("# 鹭汀市青禾区生态环境局 2024年度") and "| 指标 | 数值 |" in md and "## 核查发现" in md

    assert run_summarize(str(tmp_path / "missing.txt")).returncode == 2  # a mistyped path is a usage error


def test_the_sample_summary_quotes_its_problems_and_measures_from_the_text():
    analysis = analyze(SAMPLE)
    data = summary_data(analysis)
    for label in ("problem", "measure"):
        quoted = data["narrative"][label]
        assert quoted, f"no {label} sentence in the sample's summary"
        for sentence in quoted:
            assert analysis.document.text[sentence["start"] : sentence["end"]] == sentence["text"]
            assert analysis.part("problems").start <= sentence["start"] < analysis.part("problems").end


def test_summaries_quote_the_tagged_problems_measures_and_rectifications():
    analysis = analyze(SAMPLE)
    text = analysis.document.text
    problems = analysis.part("problems")
    sentences = [s for s in re.split(r"(?<=[。；])", text[problems.start : problems.end]) if len(s.strip()) > 8][:9]
    labels = ["problem", "measure", "rectification"] * 3
    analysis.tags = [
        Tag(
            label=label,
            score=0.9,
            text=sentence.strip(),
            start=text.index(sentence.strip()),
            end=text.index(sentence.strip()) + len(sentence.strip()),
            part="problems",
        )
        for label, sentence in zip(labels, sentences)
    ] + [Tag(label="active", score=0.9, text="不应出现在摘要中的句子", start=0, end=1)]
    data = summary_data(analysis)
    for label in ("problem", "measure", "rectification"):
        expected = [t.text for t in analysis.tags if t.label == label]
        assert expected and [s["text"] for s in data["narrative"][label]] == expected
    md = markdown.render(data)
    assert markdown.escape(analysis.tags[0].text) in md and "不应出现在摘要中的句子" not in md


def test_summary_key_figures_put_the_statutory_ones_first_once_and_leave_out_other():
    """QA: the sample's key figures opened with "把环评审批、执法处罚和环境质量 3类" (category other) and listed
    "主动公开政府信息 326条" twice."""
    figures = summary_data(analyze(SAMPLE))["figures"]
    assert (figures[0]["label"], figures[0]["text"]) == ("主动公开政府信息", "326条")
    assert all(f["category"] != "other" for f in figures)
    keys = [(f["category"], f["metric"], f["value"], f["unit"]) for f in figures]
    assert len(keys) == len(set(keys))
    categories = [f["category"] for f in figures]
    assert categories.index("review_cases") < categories.index("policy_interpretations")
    assert "行政复议·结果维持" in [f["label"] for f in figures]


def test_summary_names_the_family_of_review_and_litigation_outcomes(corpora):
    """QA: the PDF's summary listed "结果维持 72件" without saying 复议 or 诉讼."""
    data = summary_data(analyze(corpora / "real" / "huaian_city_2024.pdf"))
    shown = [(f["label"], f["text"]) for f in data["figures"]]
    assert ("行政复议·结果维持", "72件") in shown and ("行政诉讼·结果维持", "25件") in shown
    assert not [label for label, _ in shown if label in ("结果维持", "结果纠正", "其他结果", "尚未审结")]
    md = markdown.render(data)
    assert "| 行政复议·结果维持 | 72件 |" in md


def _page(corpora: Path, tmp_path: Path, page_id: str) -> Path:
    """A pages.jsonl excerpt written out as a .txt report."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        text = next(row for row in map(json.loads, handle) if row["id"] == page_id)["text"]
    path = tmp_path / f"{page_id}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [80, 120])
def test_summary_names_a_statement_of_none_by_its_kind_with_a_short_value(corpora, tmp_path, width):
    """QA: one statement ("没有发生…行政复议和行政诉讼") gave two rows named by the whole statement, cut to
    "没有发 …", with "0件（statement）" as the value, so 行政复议 and 行政诉讼 could not be told apart."""
    from io import StringIO

    from rich.console import Console

    from nlp.render.summary import figure_quote, figure_value, print_summary

    data = summary_data(analyze(_page(corpora, tmp_path, "98eaf497c16a")))
    shown = {f["label"]: (figure_value(f), figure_quote(f)) for f in data["figures"]}
    statement = shown["行政复议"][1]
    assert statement and "行政复议" in statement and "行政诉讼" in statement
    assert shown["行政复议"] == shown["行政诉讼"] == ("0件", statement)
    assert shown["收到政府信息公开申请"][0] == "0件"
    assert shown["主动公开政府信息"] == ("78条", None)

    out = StringIO()
    print_summary(data, Console(file=out, width=width, color_system=None))
    key_data = out.getvalue().split("关键数据")[1].split("存在的问题")[0]
    assert "…" not in key_data
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in key_data.splitlines() if line.startswith("│")]
    assert ["行政复议", "0件"] in cells and ["行政诉讼", "0件"] in cells and ["收到政府信息公开申请", "0件"] in cells
    quoted = "".join(name for name, value in cells if not value)
    assert quoted.count("原文：" + statement) == 2
    assert "| 行政诉讼（原文：" in markdown.render(data)


def test_summary_table_totals_leave_out_columns_a_2019_table_does_not_have(corpora, tmp_path):
    data = summary_data(analyze(_page(corpora, tmp_path, "492128561ccb")))
    totals = {(row["row"], row["column"]): row["value"] for row in data["table_totals"]}
    assert totals[("normative_documents", "made")] == 30
    assert ("normative_documents", "valid") not in totals
    assert ("administrative_fees", "amount_10k_yuan") not in totals


def test_evidence_windows_start_and_end_at_clause_boundaries():
    from nlp.snippets import window

    text = "本年度共收到申请12件；加上上年结转2件，全年需办理14件。已办结13件，其中予以公开9件。"
    start = text.index("办结13件") + 2
    end = start + 3
    raw = text[start - 20 : end + 5]  # a raw window: "上上年结转2件…其中予以" starts and ends mid-word
    assert raw.startswith("上上年") and raw.endswith("其中予以")
    assert window(text, start, end) == "加上上年结转2件，全年需办理14件。已办结13件"
    long = "甲" * 40 + "占位内容" + "乙" * 40
    middle = long.index("占位")
    assert window(long, middle, middle + 4, before=15, after=15) == "…" + long[middle - 15 : middle + 19] + "…"


def test_summary_defects_quote_evidence_from_a_clause_boundary(tmp_path):
    """QA: the summary quoted "上上年结转3件，全年需办理37件。已办结40件，其中予以" for a changed "已办结33件"."""
    path = tmp_path / "changed.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("已办结33件", "已办结40件", 1), encoding="utf-8")
    analysis = analyze(path)
    [check] = [c for c in analysis.checks if c.code == "E6.narrative_vs_table" and "40件" in c.message]
    assert check.evidence == "加上上年结转3件，全年需办理37件。已办结40件"
    [defect] = [d for d in summary_data(analysis)["defects"] if d["code"] == "E6.narrative_vs_table"]
    assert defect["evidence"] == check.evidence


def test_markdown_and_terminal_views_keep_report_text_literal(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "一、总体情况\n", "一、总体情况\n[bold red]标记[/]XX年<script>alert(1)</script>\n", 1
        ),
        encoding="utf-8",
    )
    md = run_summarize(str(hostile), "--format", "markdown").stdout
    assert "<script>" not in md and r"\<script\>" in md
    terminal = run_summarize(str(hostile)).stdout
    assert "[bold red]标记[/]XX年" in terminal  # printed, not read as console markup
