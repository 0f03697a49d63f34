"""Checks on the real reports: consistent reports raise no error, and every planted defect is caught.

The mutation suite changes one thing at a time in a real report — a table cell by +1, a narrative count
the tables also state, a whole part deleted — and requires the matching check to fire and to name the place.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from nlp.checks import CheckContext, run_checks
from nlp.checks.completeness import reports_in
from nlp.checks.consistency import CLAIMS
from nlp.labels import REQUEST_COLUMN_NAMES, REQUEST_ROW_NAMES, REVIEW_COLUMN_NAMES, REVIEW_GROUP_NAMES
from nlp.model import Analysis
from nlp.pipeline import analyze
from nlp.render.summary import check_name
from nlp.snippets import BOUNDARY, ELLIPSIS

REPORTS = [
    "seeds/000_ae88c21f34adefec.txt",
    "seeds/001_1e161ef14c1da7cc.txt",
    "seeds/002_b2662e0c1d87a114.txt",
    "seeds/003_3dd38cd922b2f941.txt",
    "seeds/004_d9116de1bb1d21a9.txt",
    "real/huaian_city_2024.pdf",
]
SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"


@pytest.fixture(scope="module")
def analyses(corpora) -> dict[str, Analysis]:
    return {name: analyze(corpora / name) for name in REPORTS + []} | {"sample": analyze(SAMPLE)}


def analyze_text(text: str, tmp_path: Path, name: str = "mutated.txt", context: CheckContext | None = None) -> Analysis:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyze(path, context=context)


def errors(analysis: Analysis) -> list:
    return [check for check in analysis.checks if check.severity == "error"]


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_consistent_reports_have_no_errors(analyses, name):
    assert errors(analyses[name]) == []


def test_a_2021_report_with_the_2019_single_other_processing_row_is_warned(analyses):
    """Seed 000 uses the 2021 form, but its table 二 has 2019's single （六）其他处理 row; no other real report does."""
    warned = {name for name, a in analyses.items() if any(c.code == "E4.format_version" for c in a.checks)}
    assert warned == {"seeds/000_ae88c21f34adefec.txt"}
    [check] = [c for c in analyses["seeds/000_ae88c21f34adefec.txt"].checks if c.code == "E4.format_version"]
    assert check.evidence == "（六）其他处理" and "2019年版" in check.message


def test_seed_004_short_rows_are_one_warning_naming_the_rows(analyses):
    """One column lost in 13 rows is one layout defect: one E4 warning (one deduction), its evidence naming the rows."""
    [warning] = [c for c in analyses["seeds/004_d9116de1bb1d21a9.txt"].checks if c.code == "E4.malformed_row"]
    assert warning.severity == "warning" and "6个数值" in warning.message
    assert warning.evidence.startswith("「（三）不予公开·1.属于国家秘密」") and warning.evidence.endswith("等13行")


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_every_table_cell_plus_one_is_an_E5_error_naming_the_cell(analyses, name):
    analysis = analyses[name]
    cells = [
        ("requests", row, column, REQUEST_ROW_NAMES[row], REQUEST_COLUMN_NAMES[column])
        for row, values in analysis.tables.requests.items()
        for column in values
    ] + [
        ("review_litigation", group, column, REVIEW_GROUP_NAMES[group], REVIEW_COLUMN_NAMES[column])
        for group, values in analysis.tables.review_litigation.items()
        for column in values
    ]
    assert len(cells) >= 25 * 7 + 15 - 14  # 2019-style single （六） row: 23 rows
    missed = []
    for table, row, column, row_name, column_name in cells:
        mutated = copy.copy(analysis)
        mutated.tables = copy.deepcopy(analysis.tables)
        grid = getattr(mutated.tables, table)
        grid[row][column] = (grid[row][column] or 0) + 1
        found = [c for c in run_checks(mutated) if c.code.startswith("E5") and c.severity == "error"]
        named = [c for c in found if row_name in c.message + c.evidence or column_name in c.message + c.evidence]
        if not named:
            missed.append(f"{row}.{column}")
    assert missed == []


def test_table_cell_changed_in_the_text_is_caught_end_to_end(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("一、本年新收"))
    cells = line.split("\t")
    first_number = next(i for i, cell in enumerate(cells) if cell.strip().isdigit())  # 自然人
    cells[first_number] = str(int(cells[first_number]) + 1)
    analysis = analyze_text(text.replace(line, "\t".join(cells)), tmp_path)
    messages = [c.message for c in errors(analysis) if c.code.startswith("E5")]
    assert any("自然人" in m for m in messages) and any("本年新收" in m for m in messages)


POSITIVE_STATEMENTS = {
    "requests_received": "收到政府信息公开申请5件",
    "review_cases": "发生政府信息公开行政复议2件",
    "litigation_cases": "发生政府信息公开行政诉讼2件",
}
CLAIMS_BY_CATEGORY = {claim.category: claim for claim in CLAIMS}


def narrative_mutations(analysis: Analysis):
    """(description, mutated text) for every exact count in part 一 that the tables also state."""
    text = analysis.document.text
    for figure in analysis.figures:
        claim = CLAIMS_BY_CATEGORY.get(figure.category)
        if claim is None or figure.approx or figure.part != "overview":
            continue
        if figure.value not in claim.admissible(analysis, figure).values():
            continue
        if figure.value == 0 and figure.category in POSITIVE_STATEMENTS:
            replacement = POSITIVE_STATEMENTS[figure.category]
        else:
            number = re.search(r"\d+", figure.text)
            if not number:
                continue
            digits = str(int(number.group()) + 7)
            replacement = figure.text[: number.start()] + digits + figure.text[number.end() :]
        yield f"{figure.category} {figure.text}", text[: figure.start] + replacement + text[figure.end :]


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_changed_narrative_count_is_an_E6_error(analyses, name, tmp_path):
    mutations = list(narrative_mutations(analyses[name]))
    assert mutations, "every real report states at least one count the tables also state"
    missed = [
        description
        for description, text in mutations
        if not any(c.code.startswith("E6") for c in errors(analyze_text(text, tmp_path)))
    ]
    assert missed == []


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_deleted_part_is_an_E3_error(analyses, name, tmp_path):
    analysis = analyses[name]
    text = analysis.document.text
    for part in analysis.parts:
        mutated = analyze_text(text[: part.start] + text[part.end :], tmp_path)
        missing = [c for c in errors(mutated) if c.code == "E3.missing_part"]
        assert any(f"第{part.number}部分" in c.message for c in missing), part.key


def test_pre2019_sections_under_part_one_are_not_missing_parts(tmp_path):
    """The 2008 条例's 主动公开 and 依申请公开 written as （一）（二） of "一、政府信息公开基本情况" are there; in a
    2021-format report the same subsections do not stand for parts 二 and 三."""
    body = (
        "一、政府信息公开基本情况\n（一）主动公开政府信息情况\n本局公开信息100条。\n"
        "（二）依申请公开政府信息情况\n本局未收到申请。\n二、存在的问题及改进措施\n人员不足，将加强培训。\n"
    )
    old = analyze_text("某县某局2012年政府信息公开工作年度报告\n" + body, tmp_path)
    assert old.meta.format_version == "pre2019"
    missing = sorted(c.message for c in old.checks if c.code == "E3.missing_part")
    assert [m.split("”")[0] for m in missing] == ["未找到“其他需要报告的事项", "未找到“因政府信息公开申请行政复议、提起行政诉讼情况"]
    new = analyze_text("某县某局2024年政府信息公开工作年度报告\n" + body + "第二十条第（一）项\n", tmp_path)
    assert new.meta.format_version != "pre2019"
    assert {c.message[:5] for c in new.checks if c.code == "E3.missing_part"} >= {"缺少第2部", "缺少第3部"}


def test_cross_year_carryover_and_stock(tmp_path):
    this_year = analyze(SAMPLE)
    previous_text = SAMPLE.read_text(encoding="utf-8").replace("2024", "2023")
    previous = analyze_text(previous_text, tmp_path, "previous.txt")
    # The sample's previous year carried 3 requests forward and had 8 normative documents in force.
    previous.tables.requests["carried_forward"] = dict(this_year.tables.requests["carried_over"])
    previous.tables.active_disclosure["normative_documents"]["valid"] = 8
    consistent = run_checks(this_year, CheckContext(previous=previous))
    assert not [c for c in consistent if c.code.startswith("E6.cross_year")]

    previous.tables.requests["carried_forward"]["natural_person"] += 2
    previous.tables.active_disclosure["normative_documents"]["valid"] = 5
    codes = {c.code for c in run_checks(this_year, CheckContext(previous=previous))}
    assert {"E6.cross_year_carryover", "E6.cross_year_stock"} <= codes


def test_late_publication_against_configurable_deadline(tmp_path):
    analysis = analyze(SAMPLE)  # a department report published 2025-01-20
    assert analysis.meta.published == "2025-01-20"
    assert not [c for c in analysis.checks if c.code.startswith("E1.")]
    strict = run_checks(analysis, CheckContext(department_deadline=(1, 15)))
    late = [c for c in strict if c.code == "E1.late_publication"]
    assert late and "2025-01-15" in late[0].message


def test_reports_before_2019_are_due_by_march_31_for_every_agency():
    """The 2008 条例 (第三十一条) set one deadline, 3月31日, for reports up to 2018; from 2019 departments must publish
    by 1月31日. A bare place name as the agency ("正阳县", from "正阳县2014年…年度报告") is the government's report."""
    analysis = copy.deepcopy(analyze(SAMPLE))
    analysis.meta.year, analysis.meta.published = 2016, "2017-02-09"
    assert not [c for c in run_checks(analysis, CheckContext()) if c.code.startswith("E1.")]
    analysis.meta.published = "2017-04-05"
    [late] = [c for c in run_checks(analysis, CheckContext()) if c.code == "E1.late_publication"]
    assert "2017-03-31" in late.message and "逾期 5 天" in late.message
    analysis.meta.year, analysis.meta.published = 2019, "2020-02-09"
    assert [c for c in run_checks(analysis, CheckContext()) if c.code == "E1.late_publication"]
    analysis.meta.agency = "正阳县"
    assert not [c for c in run_checks(analysis, CheckContext()) if c.code == "E1.late_publication"]


def test_a_drafting_date_ranks_below_the_publication_date(tmp_path):
    """QA (pub_p1): "成文日期：2025-01-10" above "发布日期：2025-02-20" hid a late publication."""
    text = "成文日期：2025-01-10\n发布日期：2025-02-20\n\n" + SAMPLE.read_text(encoding="utf-8")
    analysis = analyze_text(text, tmp_path)
    assert analysis.meta.published == "2025-02-20"
    [late] = [c for c in analysis.checks if c.code == "E1.late_publication"]
    assert late.severity == "error" and "逾期 20 天" in late.message


def test_a_date_years_after_the_deadline_is_a_warning_to_verify():
    """A 2016 report "published" in 2020 is most often a re-posted page (site migration): not an error."""
    analysis = copy.deepcopy(analyze(SAMPLE))
    analysis.meta.year, analysis.meta.published = 2016, "2020-08-24"
    [late] = [c for c in run_checks(analysis, CheckContext()) if c.code == "E1.late_publication"]
    assert late.severity == "warning" and "请核实原始发布日期" in late.message
    analysis.meta.published = "2018-03-30"  # 364 days late: still an error
    [late] = [c for c in run_checks(analysis, CheckContext()) if c.code == "E1.late_publication"]
    assert late.severity == "error"


def test_a_re_post_date_of_a_real_excerpt_is_a_warning_that_costs_nothing(corpora, tmp_path):
    """A 2014 report "发布时间 2020-08-24": the warning stays (to verify), the 3 timeliness points are not taken."""
    analysis = page_analysis(corpora, "66ce4b1417f7", tmp_path)
    [late] = [c for c in analysis.checks if c.code == "E1.late_publication"]
    assert late.severity == "warning" and "请核实原始发布日期" in late.message
    assert analysis.score.dimensions["timeliness"] == 10


def test_a_2019_notice_cited_without_a_table_is_no_old_table_format(corpora, tmp_path):
    """QA: a 2023 excerpt citing 国办公开办函〔2019〕60号 in its preamble, with no table at all, was told its table had
    "本年新制作数量" or "第（九）项" (E4.format_version)."""
    analysis = page_analysis(corpora, "b331b62daadc", tmp_path)
    assert analysis.meta.year == 2023 and analysis.meta.format_version == "unknown"
    assert not [c for c in analysis.checks if c.code == "E4.format_version"]


def test_parts_missing_from_a_pre_2019_report_are_named_as_the_2008_regulation_names_them(corpora, tmp_path):
    """QA: a 2014 report was told it lacked "三、收到和处理政府信息公开申请情况", a part of the 2021 form. QA: its
    missing parts were "提示 −1 分", the only 提示 that cost anything: they are warnings (the 2008 条例 requires the
    contents) that cost 2 points each, less than a 2021-format part (5), as an unrecognised heading is possible."""
    analysis = page_analysis(corpora, "66ce4b1417f7", tmp_path)
    assert analysis.meta.format_version == "pre2019"
    missing = [c for c in analysis.checks if c.code == "E3.missing_part"]
    assert missing and all(c.severity == "warning" and "2008年《条例》" in c.message for c in missing)
    assert {d["points"] for d in analysis.score.deductions if d["code"] == "E3.missing_part"} == {2}
    assert not [c for c in missing if re.search(r"第\d部分|收到和处理|其他需要报告的事项”（要素不全）", c.message)]
    assert not analysis.part("requests").present
    assert any("未找到“依申请公开政府信息和不予公开政府信息情况”部分" in c.message for c in missing)


# A fictional report's opening (鹭汀市 is the corpus's invented city); the variants below end it in different ways.
TRUNCATION_OPENING = (
    "鹭汀市松石区文化和旅游局2099年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2099年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息126条。\n"
    "（一）主动公开情况\n"
    "我局严格落实年度政务公开工作要点，制定政务公开工作实施方案"
)


def truncations(text: str, tmp_path: Path) -> list:
    return [c for c in analyze_text(text, tmp_path).checks if c.code == "E3.truncated"]


def test_a_text_that_stops_mid_sentence_is_truncated(tmp_path):
    """QA: excerpts cut off mid-sentence ("…并强化组织领") ranked 优 and nothing marked them as incomplete."""
    text = TRUNCATION_OPENING + "，并强化组织领"
    [check] = truncations(text, tmp_path)
    assert check.severity == "warning"
    assert check.message == "报告正文在句中截断（“制定政务公开工作实施方案，并强化组织领”），其后内容缺失，可能为下载或转换不完整，请核对原件。"
    assert check.evidence == "制定政务公开工作实施方案，并强化组织领"
    assert (check.start, check.end) == (len(text) - len(check.evidence), len(text))
    # A long clause is quoted from its last clause boundary within reach, or by its last characters, marked as cut.
    [check] = truncations(TRUNCATION_OPENING + "，并依托区政府门户网站和政务新媒体矩阵持续强化组织领", tmp_path)
    assert check.evidence == "并依托区政府门户网站和政务新媒体矩阵持续强化组织领"
    [check] = truncations(TRUNCATION_OPENING + "，并依托区政府门户网站政务新媒体矩阵和线下政务公开专区等多种渠道持续强化组织领", tmp_path)
    assert check.evidence == "…线下政务公开专区等多种渠道持续强化组织领" and check.end - check.start == 20
    # A title or signature the line was cut into ("…管理水平。指定局") is the cut sentence too.
    assert truncations(TRUNCATION_OPENING + "，提升了管理水平。指定局", tmp_path)
    # "1." numbers list items, which are sentences: one without its end is cut.
    assert truncations(TRUNCATION_OPENING + "。\n1.加强政府信息公开制度建", tmp_path)
    # A sentence cut a word in ("…。印发"), too short to tag, is still where the text stops.
    [check] = truncations(TRUNCATION_OPENING + "，并强化组织领导。印发", tmp_path)
    assert check.evidence == "印发"


@pytest.mark.parametrize(
    "ending",
    [
        "，并强化组织领导。",  # the same text completed
        "，并强化组织领导。”",
        "，并强化组织领导。\n\n鹭汀市松石区文化和旅游局\n2099年1月20日",  # signature and date
        "，并强化组织领导。\n2099年1月20日",
        "，并强化组织领导。\n鹭汀市松石区文化和旅游局 2099年1月20日",
        "，并强化组织领导。\n二、主动公开政府信息情况\n第二十条第（一）项\n"  # a table (cells, tab-separated rows)
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t2\t0\t15",
        "，并强化组织领导。\n行政事业性收费 | 0 |",
        "，并强化组织领导。\n六、其他需要报告的事项",  # a heading
        "，并强化组织领导。\n（三）认真梳理公开目录",  # a title numbered in Chinese
        "，并强化组织领导。\n第 3 页 共 5 页",  # page footer and chrome
        "，并强化组织领导。\n联系电话：0000-1234567",
        "，并强化组织领导。\n网址：www.example.gov.cn",
        "，并强化组织领导。\n版权所有：鹭汀市松石区人民政府 技术支持：某某科技有限公司",
        "，并强化组织领导。\n附件：政府信息公开工作年度报告表格",
        "，并强化组织领导。\n（四）其他需要报告的事项\n无",  # a short answer needs no full stop
        "，并强化组织领导。\n本年度无其他需要报告的事项",
        "，并强化组织领导。\n六、其他需要報告的事項\n無",  # in Traditional characters
    ],
)
def test_a_text_that_ends_complete_or_with_no_narrative_is_not_truncated(tmp_path, ending):
    assert truncations(TRUNCATION_OPENING + ending, tmp_path) == []


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_complete_reports_are_not_truncated(analyses, name):
    assert not [c for c in analyses[name].checks if c.code == "E3.truncated"]


def test_a_real_excerpt_cut_mid_sentence_is_truncated(corpora, tmp_path):
    """QA: this 2018 excerpt ends "…并强化组织领" and scored 97, joint first with complete reports, unmarked."""
    analysis = page_analysis(corpora, "0e20403b1b84", tmp_path)
    [check] = [c for c in analysis.checks if c.code == "E3.truncated"]
    assert check.evidence.endswith("并强化组织领") and "请核对原件" in check.message
    assert check.end == len(analysis.document.text.rstrip())
    assert [d["points"] for d in analysis.score.deductions if d["code"] == "E3.truncated"] == [5]


@pytest.mark.parametrize(
    "page_id",
    [
        "36d48ad0a35c",  # ends with the signature and its date
        "8262650936f7",  # ends inside table 一
        "187192caae0a",  # an excerpt that ends at a full stop
    ],
)
def test_real_excerpts_ending_with_a_signature_a_table_or_a_full_stop_are_not_truncated(corpora, tmp_path, page_id):
    assert not [c for c in page_analysis(corpora, page_id, tmp_path).checks if c.code == "E3.truncated"]


# Two fictional agencies of the invented city 鹭汀市, and a short report in the 2021 form for either.
SONGSHI = "鹭汀市松石区文化和旅游局"
YUNSHAN = "鹭汀市云杉区水务局"


def fictional_report(agency: str, year: int, problems: str = "") -> str:
    return (
        f"{agency}{year}年政府信息公开工作年度报告\n"
        f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自{year}年1月1日至{year}年12月31日。\n"
        "一、总体情况\n"
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息126条，"
        "组织政务公开培训2次，进一步规范了信息发布审核流程。\n"
        "二、主动公开政府信息情况\n"
        f"{year}年，本机关制发规范性文件2件，废止规范性文件1件，现行有效规范性文件15件。\n"
        "三、收到和处理政府信息公开申请情况\n"
        f"{year}年，本机关新收政府信息公开申请3件，均已在法定期限内答复。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        f"{year}年，本机关未发生因政府信息公开引起的行政复议和行政诉讼案件。\n"
        "五、存在的主要问题及改进情况\n"
        f"{problems}政策解读形式较为单一，对此，我们将丰富解读形式，提升公开质量。\n"
        "六、其他需要报告的事项\n"
        f"{year}年，本机关未收取信息处理费。\n"
    )


def multiple_reports(text: str, tmp_path: Path) -> list:
    return [c for c in analyze_text(text, tmp_path).checks if c.code == "E3.multiple_reports"]


@pytest.mark.parametrize(
    ("first", "second"),
    [((SONGSHI, 2099), (YUNSHAN, 2099)), ((SONGSHI, 2098), (SONGSHI, 2099))],  # two agencies; one agency's two years
)
def test_a_file_of_several_reports_names_them_and_says_its_score_is_no_report_s(tmp_path, first, second):
    """QA: a 汇编 of 200 reports was scored as "郎溪县财政局 2020" (53 points); only dozens of E15 warnings hinted
    that the file held many reports."""
    text = fictional_report(*first) + "\n" + fictional_report(*second)
    analysis = analyze_text(text, tmp_path)
    [check] = [c for c in analysis.checks if c.code == "E3.multiple_reports"]
    first_title, second_title = (f"{agency}{year}年政府信息公开工作年度报告" for agency, year in (first, second))
    assert check.severity == "warning"
    assert check.message == (
        f"文件中似乎包含多份年度报告（约 2 份：{first_title}、{second_title}），本次分析和评分把它们当作一份报告，"
        "得分不反映任何一份报告的质量；请拆分后分别分析。"
    )
    assert check.evidence == second_title
    assert (check.start, check.end) == (text.index(second_title), text.index(second_title) + len(second_title))
    assert "E3.multiple_reports" not in {d["code"] for d in analysis.score.deductions}
    assert check_name(check.code) == "文件中含多份报告，得分无效"  # not its family's "要素不全"


def with_page_headers(report: str, header: str) -> str:
    """A PDF's running header and page number over the intro and some parts, as a reader extracts them."""
    lines = report.splitlines()
    return "\n".join(
        f"第 {index} 页 共 9 页\n{header}\n{line}" if line.startswith(("本报告", "一、", "三、", "六、")) else line
        for index, line in enumerate(lines)
    )


@pytest.mark.parametrize(
    "text",
    [
        # last year's report cited in a sentence, and listed under the page's related links
        fictional_report(SONGSHI, 2099, f"对照《{SONGSHI}2098年政府信息公开工作年度报告》中提出的问题，我局已逐项整改。")
        + f"相关链接\n{SONGSHI}2098年政府信息公开工作年度报告\n{SONGSHI}2097年政府信息公开工作年度报告\n",
        # the title repeated as a page header on every page, also in a shortened form
        with_page_headers(fictional_report(SONGSHI, 2099), f"{SONGSHI}2099年政府信息公开工作年度报告"),
        with_page_headers(fictional_report(SONGSHI, 2099), "松石区文旅局2099年政务公开年报"),
        # a table of contents above the report
        fictional_report(SONGSHI, 2099).replace(
            "\n", "\n目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n", 1
        ),
        # the report's 解读, which walks through the same parts, and an attachment
        fictional_report(SONGSHI, 2099)
        + f"关于《{SONGSHI}2099年政府信息公开工作年度报告》的解读\n"
        + fictional_report("我局", 2099).split("\n", 1)[1]
        + f"附件：{SONGSHI}2099年政府信息公开工作年度报告.pdf\n",
        # other years' reports listed above the report on its web page
        f"往年年报\n{SONGSHI}2098年政府信息公开工作年度报告\n{SONGSHI}2097年政府信息公开工作年度报告\n"
        + fictional_report(SONGSHI, 2099),
    ],
    ids=["cited", "page-header", "short-page-header", "contents", "interpretation", "listed-above"],
)
def test_one_report_with_other_reports_named_or_its_title_repeated_is_one_report(tmp_path, text):
    assert multiple_reports(text, tmp_path) == []


def test_real_reports_concatenated_are_several_reports(analyses, corpora, tmp_path):
    """Three real reports in one file (a 汇编), read at test time; each alone is one report."""
    names = ["seeds/001_1e161ef14c1da7cc.txt", "seeds/002_b2662e0c1d87a114.txt", "seeds/004_d9116de1bb1d21a9.txt"]
    text = "\n".join((corpora / name).read_text(encoding="utf-8") for name in names)
    [check] = multiple_reports(text, tmp_path)
    titles = [analyses[name].meta.title for name in names]
    assert "约 3 份" in check.message and all(title in check.message for title in titles)
    assert check.evidence == titles[1]


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_one_real_report_is_one_report(analyses, name):
    assert not [c for c in analyses[name].checks if c.code == "E3.multiple_reports"]


def test_no_real_excerpt_holds_several_reports(corpora):
    """Every web excerpt of the corpus is one report (a page header, a breadcrumb or a cited title is none)."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        several = {row["id"]: len(reports_in(row["text"])) for row in map(json.loads, handle)}
    assert len(several) > 800
    assert {page: count for page, count in several.items() if count > 1} == {}


def test_missing_subheading_is_a_gap_only_when_its_content_is_missing_too(tmp_path):
    """QA: one sentence on a topic was "缺少…方面的内容" (a warning) while two were "散见于正文" (information), and the
    warning's evidence spoke of a missing subheading. One sentence covers a topic; message and evidence agree."""
    text = SAMPLE.read_text(encoding="utf-8")
    analysis = analyze_text(text.replace("（四）政府信息公开平台建设情况\n", "", 1), tmp_path)
    platform = [t for t in analysis.tags if t.part == "overview" and t.label == "platform"]
    [check] = [c for c in analysis.checks if c.code == "E3.missing_subtopic"]
    assert len(platform) > 1 and check.severity == "info"
    assert f"未设置“政府信息公开平台建设”小标题，相关内容见于正文（{len(platform)} 句）" in check.message
    [quoted] = [t for t in platform if (t.start, t.end) == (check.start, check.end)]
    assert check.evidence.split("；")[0].strip("…") in analysis.document.text[quoted.start : quoted.end]
    analysis.tags = [t for t in analysis.tags if t not in platform[1:]]
    [check] = [c for c in run_checks(analysis, CheckContext()) if c.code == "E3.missing_subtopic"]
    assert check.severity == "info" and "相关内容见于正文（1 句）" in check.message
    analysis.tags = [t for t in analysis.tags if t is not platform[0]]
    [check] = [c for c in run_checks(analysis, CheckContext()) if c.code == "E3.missing_subtopic"]
    assert check.severity == "warning" and "缺少“政府信息公开平台建设”方面的内容" in check.message
    assert check.evidence == "总体情况中没有“政府信息公开平台建设”小标题，也没有讲述这方面工作的句子"


def page_analysis(corpora: Path, page_id: str, tmp_path: Path) -> Analysis:
    """A pages.jsonl excerpt, analysed as the text file it is published as."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        page = next(row for row in map(json.loads, handle) if row["id"] == page_id)
    return analyze_text(page["text"], tmp_path, f"{page_id}.txt")


@pytest.mark.parametrize(
    ("page_id", "topic", "figure"),
    [("1e2e61466d18", "主动公开", "63条"), ("8262650936f7", "依申请公开", "依申请公开3次")],
)
def test_one_sentence_with_the_topic_s_key_figure_is_no_missing_content(corpora, tmp_path, page_id, topic, figure):
    """QA: "全年通过主动公开政府信息63条" alone under no subheading was "缺少“主动公开”方面的内容（要素不全）" (−2)."""
    analysis = page_analysis(corpora, page_id, tmp_path)
    [check] = [c for c in analysis.checks if c.code == "E3.missing_subtopic" and f"“{topic}”" in c.message]
    assert check.severity == "info" and "（1 句）" in check.message and figure in check.evidence


def test_custom_subheadings_that_name_the_topic_in_other_words_are_no_gap(tmp_path):
    """QA: "（二）强化服务依法受理，提升依申请办理质效。" named the topic, yet was reported as a missing sub-topic."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in (
        ("（二）依申请公开情况\n", "（二）优化窗口服务，提升依申请办理质效。\n"),
        ("（三）政府信息管理情况\n", "（三）理顺发布流程，深化政府信息管理能力。\n"),
        ("（四）政府信息公开平台建设情况\n", "（四）加强门户网站建设\n"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    analysis = analyze_text(text, tmp_path)
    assert [sub.key for sub in analysis.part("overview").subsections] == ["active", "requests", "management", "platform", "supervision"]
    assert not [c for c in analysis.checks if c.code == "E3.missing_subtopic"]


def test_a_table_reported_missing_gets_no_row_notes_besides(tmp_path):
    """QA: table B's header with no data gave E4.missing_table and a malformed-row note "等25行" about the same
    absence. The notes stay in the JSON (tables.notes); the check list says it once."""
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("一、本年新收政府信息公开申请数量"), text.index("四、政府信息公开行政复议")
    analysis = analyze_text(text[:start] + "\n" + text[end:], tmp_path)
    table_b = [c for c in analysis.checks if c.code.startswith("E4.") and "表二" in c.message]
    assert [c.code for c in table_b] == ["E4.missing_table"]
    assert table_b[0].evidence == "表头之后没有读到任何数值"
    assert any(note.table == "requests" for note in analysis.tables.notes)
    # QA: numbers that were there but could not be placed were reported as "只有表头，没有可识别的数据". The table
    # is there, malformed: one format warning naming the rows, not a missing table (nor a note per row).
    row = "一、本年新收政府信息公开申请数量\t\t\t21\t6\t1\t34\n"
    analysis = analyze_text(text[:start] + row + text[end:], tmp_path)
    table_b = [c for c in analysis.checks if c.code.startswith("E4.") and "表二" in c.message]
    assert [(c.code, c.severity) for c in table_b] == [("E4.unplaced_values", "warning")]
    assert "有数值" in table_b[0].message and "没有可识别的数据" not in table_b[0].message
    assert table_b[0].evidence == "表头之后读到的数值无法归入表格：「一、本年新收」该行有4个数值（应为7个），无法确定所属列，置空"


def test_wrong_period_and_placeholders(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("统计期限自2024年1月1日起至2024年12月31日止", "统计期限自2023年1月1日起至2023年12月31日止", 1)
    text = text.replace("鹭汀市青禾区生态环境局办公室联系", "XX局办公室联系", 1)
    codes = [c.code for c in errors(analyze_text(text, tmp_path))]
    assert "E15.wrong_period" in codes and "E15.placeholder" in codes


def test_another_agency_as_the_subject_of_this_year_s_work_is_an_E15_error(tmp_path):
    """QA (v4_foreign_agency): a district's report whose work is told of another district's bureau, the name left
    in from the report it was copied from. Superiors, cited authorities and sibling departments are not flagged."""
    text = SAMPLE.read_text(encoding="utf-8")
    sentence = "2024年，我局共收到政府信息公开申请34件"

    def other_agency(subject: str) -> list:
        analysis = analyze_text(text.replace(sentence, subject + "政府信息公开申请34件", 1), tmp_path)
        return [c for c in analysis.checks if c.code == "E15.other_agency"]

    [check] = other_agency("2024年，鹭汀市临川区自然资源局共收到")
    assert check.severity == "error" and "鹭汀市临川区自然资源局" in check.message
    assert other_agency("2024年，临川区生态环境局共收到")  # the same kind in another district, city left out
    assert not other_agency("2024年，鹭汀市生态环境局共收到")  # the city's bureau: a superior
    assert not other_agency("2024年，鹭汀市临川区人民政府共收到")  # a government is not this bureau's kind
    assert not other_agency("根据鹭汀市临川区自然资源局通报，我局共收到")  # no subject
    assert not other_agency("2024年，会同鹭汀市临川区自然资源局共收到")  # a partner
    assert not other_agency("2024年，青禾区生态环境局共收到")  # the agency's own short name
    assert not other_agency("2024年，鹭汀市青禾区自然资源局共收到")  # a sibling department (could be an old name)


def test_missing_fee_statement_and_work_points(tmp_path):
    analysis = analyze(SAMPLE)
    part = analysis.part("other_matters")
    text = analysis.document.text[: part.start] + "六、其他需要报告的事项\n本年度无其他需要报告的事项。\n"
    checks = {c.code: c for c in analyze_text(text, tmp_path).checks}
    assert {"E8.no_fee_statement", "E9.no_work_points"} <= set(checks)
    assert checks["E8.no_fee_statement"].severity == "warning"


PART_SIX_ITEMS_IN_PART_ONE = (
    "本年度我局未向申请人收取任何信息处理费。按照《2024年鹭汀市政务公开工作要点》分工，我局完成了基层政务公开标准目录更新。"
    "本年度承办区人大代表建议6件、区政协提案9件，均已按期办结。\n"
)


def test_part_six_items_told_in_another_part_are_information(tmp_path):
    """QA: "未收取任何信息公开费用" in part 一 still gave "第六部分未提及“信息处理费”" (−2): the reader learns the fee
    position, so it is a note that it belongs in part 六; the same for the 工作要点 and the 建议提案 (E9)."""
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("六、其他需要报告的事项"), text.index("鹭汀市青禾区生态环境局\n2025年1月20日")
    text = text[:start] + "六、其他需要报告的事项\n\n本年度无其他需要报告的事项。\n\n" + text[end:]
    text = text.replace("（三）政府信息管理情况\n", PART_SIX_ITEMS_IN_PART_ONE + "（三）政府信息管理情况\n", 1)
    analysis = analyze_text(text, tmp_path)
    e8_e9 = sorted((c.code, c.severity) for c in analysis.checks if c.code.startswith(("E8.", "E9.")))
    assert e8_e9 == [("E8.fee_statement_elsewhere", "info"), ("E9.reported_elsewhere", "info"), ("E9.reported_elsewhere", "info")]
    [fee] = [c for c in analysis.checks if c.code == "E8.fee_statement_elsewhere"]
    assert "“一、总体情况”" in fee.message and fee.evidence.startswith("本年度我局未向申请人收取任何信息处理费")
    assert not [d for d in analysis.score.deductions if d["code"].startswith(("E8", "E9"))]


WORK_POINTS_ITEM = (
    "（二）落实上级年度政务公开工作要点情况。按照《2024年鹭汀市政务公开工作要点》分工，我局承担的生态环境领域基层政务公开"
    "标准目录动态更新、重大建设项目环评信息公开等5项任务已全部完成。"
)


@pytest.mark.parametrize(
    ("part_six", "part_one", "expected"),
    [
        # The agency's own plan, in part 一 or in part 六, is no report on its superiors' 工作要点.
        ("", "我局年初制定2024年政务公开工作要点，分解了各科室任务。", ("E9.no_work_points", "warning")),
        ("（二）年初我局印发《青禾区生态环境局2024年政务公开工作要点》，明确责任科室。", "", ("E9.no_work_points", "warning")),
        ("（二）我局将政务公开工作纳入单位年度工作要点。", "", ("E9.no_work_points", "warning")),
        # Drawn up to carry out the superior's points: a report on them, wherever the issuing verb stands.
        ("（二）根据《鹭汀市人民政府办公室关于印发2024年政务公开工作要点的通知》，制定了本局2024年政务公开工作要点。", "", None),
        ("（二）制定了《2024年鹭汀市政务公开工作要点》实施方案，逐项明确责任科室。", "", None),
        ("（二）2024年政务公开工作要点落实情况：各项任务已按期完成。", "", None),
        (
            "",
            "根据《关于做好年度报告编制工作的通知》和区政府印发的2024年政务公开工作要点，我局细化了任务清单。",
            ("E9.reported_elsewhere", "info"),
        ),
        ("", "对照政府信息公开2024年工作要点，我局逐项完成了承担的任务。", ("E9.reported_elsewhere", "info")),
    ],
)
def test_work_points_the_agency_drew_up_itself_are_not_its_superiors(tmp_path, part_six, part_one, expected):
    """Seed 000's only 工作要点 sentence, "制定2024年政务公开工作要点", is the agency's own plan; it was taken for the
    report on the superior's 工作要点 that part 六 asks for (E9.reported_elsewhere instead of E9.no_work_points)."""
    text = SAMPLE.read_text(encoding="utf-8").replace(WORK_POINTS_ITEM, part_six, 1)
    if part_one:
        text = text.replace("（三）政府信息管理情况\n", part_one + "\n（三）政府信息管理情况\n", 1)
    analysis = analyze_text(text, tmp_path)
    found = [(c.code, c.severity) for c in analysis.checks if c.code in ("E9.no_work_points", "E9.reported_elsewhere")]
    assert found == ([expected] if expected else [])


def test_seed_000_own_work_points_are_no_report_on_the_superiors(analyses):
    checks = analyses["seeds/000_ae88c21f34adefec.txt"].checks
    assert [(c.code, c.severity) for c in checks if c.code.startswith("E9.") and c.code != "E9.no_proposals"] == [
        ("E9.no_work_points", "warning")
    ]


def test_the_sub_topic_a_cut_text_stops_in_is_not_judged_for_data(tmp_path):
    """A download cut inside （二）依申请公开, before its counts, read as "依申请公开部分没有任何数据支撑" (−2) on top of
    E3.truncated: the sub-topic's rest, figures included, is what the cut removed. A sub-topic the reader has in
    full is judged as before."""
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text[: text.index("2024年，我局共收到政府信息公开申请34件")] + "2024年，我局严格按照《条例》规定办理申请，受理"
    analysis = analyze_text(cut, tmp_path)
    assert [c.code for c in analysis.checks if c.code == "E3.truncated"] == ["E3.truncated"]
    assert not [c for c in analysis.checks if c.code == "E14.no_figure"]
    whole = cut.replace("受理", "受理后均按期答复。\n\n（三）政府信息管理情况\n\n严格执行保密审查制度，我局现有兼职信息员，负责信息采集", 1)
    flagged = [(c.code, c.severity, c.evidence) for c in analyze_text(whole, tmp_path).checks if c.code == "E14.no_figure"]
    assert flagged == [("E14.no_figure", "warning", "（二）依申请公开情况")]


def test_a_pre2019_overview_in_prose_is_not_judged_for_data(tmp_path):
    """Under the 2008 条例 the 概述 is prose and the counts have parts of their own; only a 2019+ part 一 without
    sub-topics has to carry figures."""
    prose = "我局成立了政府信息公开工作领导小组，明确专人负责日常工作，并不断完善相关制度。"
    old = analyze_text(
        f"某县林业局2017年政府信息公开工作年度报告\n一、概述\n{prose}\n二、主动公开政府信息情况\n全年主动公开政府信息85条。",
        tmp_path,
    )
    assert old.meta.format_version == "pre2019"
    assert not [c for c in old.checks if c.code == "E14.no_figure"]
    new = analyze_text(
        f"某县林业局2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n二、主动公开政府信息情况\n见下表。", tmp_path
    )
    assert [c.code for c in new.checks if c.code == "E14.no_figure"] == ["E14.no_figure"]


def test_a_missing_part_six_is_not_penalised_again_by_E8(tmp_path):
    """QA: without part 六, E3.missing_part (−5) and E8.no_fee_statement (−2, "第六部分未提及…") marked down the same
    gap. Now E8 is information when the fee position is told nowhere else, and silent when it is told elsewhere."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text[: text.index("六、其他需要报告的事项")]
    analysis = analyze_text(text, tmp_path)
    [fee] = [c for c in analysis.checks if c.code.startswith("E8.")]
    assert (fee.code, fee.severity) == ("E8.no_fee_statement", "info") and "第六部分未提及" not in fee.evidence
    assert [d["code"] for d in analysis.score.deductions if d["code"] in ("E3.missing_part", "E8.no_fee_statement")] == [
        "E3.missing_part"
    ]
    told = analyze_text(text.replace("（三）政府信息管理情况\n", PART_SIX_ITEMS_IN_PART_ONE + "（三）政府信息管理情况\n", 1), tmp_path)
    assert not [c for c in told.checks if c.code.startswith(("E8.", "E9."))]


@pytest.mark.parametrize("page_id", ["c46c7b376a6b", "7f7a00179671"])
def test_a_fee_statement_in_part_one_of_a_real_excerpt_is_no_E8(corpora, tmp_path, page_id):
    """"未收取任何信息公开费用" (part 一's 收费 subsection), "本年度内未向政府信息公开申请人收取任何费用"."""
    analysis = page_analysis(corpora, page_id, tmp_path)
    assert not analysis.part("other_matters").present
    assert not [c for c in analysis.checks if c.code.startswith("E8.")]


def test_fee_unit_error(analyses):
    analysis = copy.copy(analyses["sample"])
    analysis.tables = copy.deepcopy(analysis.tables)
    analysis.tables.active_disclosure["administrative_fees"]["amount_10k_yuan"] = 4_200_000.0
    assert "E7.fee_unit" in {c.code for c in run_checks(analysis)}


# --- QA findings: unknown cells, page dates, deadline classes, database field labels -------------------------


def test_a_table_two_without_readable_rows_is_not_compared_with_the_narrative(tmp_path):
    """Table 二's header kept, its rows moved to an attachment: every cell is unknown (null), not 0. The narrative's
    "收到申请34件" is not contradicted by it; E4 reports the table as missing, once (the unreadable rows stay in
    tables.notes)."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    analysis = analyze_text("\n".join(lines[:start] + ["（表格见附件）"] + lines[end + 1 :]), tmp_path)
    assert all(value is None for row in analysis.tables.requests.values() for value in row.values())
    assert not [c for c in analysis.checks if c.code.startswith("E6.")]
    assert not [c for c in analysis.checks if c.code == "E4.malformed_row"]
    assert [note for note in analysis.tables.notes if note.table == "requests"]
    # unreadable weighs as much as missing: the table is an error, not blank-cell warnings
    missing = [c for c in analysis.checks if c.code == "E4.missing_table"]
    assert [c.severity for c in missing] == ["error"] and "只有表头" in missing[0].message
    assert not [c for c in analysis.checks if c.code == "E4.blank_cells"]


def test_a_blank_cell_is_not_a_zero_for_the_narrative_and_cross_year_checks(analyses):
    analysis = copy.copy(analyses["sample"])
    analysis.tables = copy.deepcopy(analysis.tables)
    analysis.tables.requests["carried_over"] = {column: None for column in analysis.tables.requests["carried_over"]}
    checks = run_checks(analysis)
    assert not [c for c in checks if c.code == "E6.narrative_vs_table"]  # "加上上年结转3件" vs a blank row
    previous = copy.copy(analyses["sample"])
    previous.tables = copy.deepcopy(analysis.tables)
    previous.tables.requests["carried_forward"] = {column: None for column in previous.tables.requests["carried_forward"]}
    cross_year = run_checks(analyses["sample"], CheckContext(previous=previous))
    assert not [c for c in cross_year if c.code == "E6.cross_year_carryover"]
    # a stated cell still counts: the narrative's 34 against a table saying 35
    analysis.tables.requests["new_received"]["total"] = 35
    assert [c for c in run_checks(analysis) if c.code == "E6.narrative_vs_table" and "34件" in c.message]


def test_a_narrative_comparison_needs_every_cell_it_uses(tmp_path):
    """QA: with only row 一 of table 二 readable, "已办结33件" was compared with 本年新收 + 上年结转 "34" (the blank
    上年结转 read as 0); with （七）总计 written "/", with 本年新收 + 上年结转 37 although the outcome rows add up to 33.
    The workload alternative only stands in beside the outcome total, and a blank cell never shows a value."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    header_only = analyze_text("\n".join(lines[:start] + lines[end + 1 :]), tmp_path)
    assert header_only.tables.requests["new_received"]["total"] == 34
    assert header_only.tables.requests["carried_over"]["total"] is None
    assert not [c for c in header_only.checks if c.code == "E6.narrative_vs_table"]

    total = next(i for i, line in enumerate(lines) if "（七）总计" in line)
    blank_total = lines[:total] + ["\t（七）总计\t\t/\t/\t/\t/\t/\t/\t/"] + lines[total + 1 :]
    analysis = analyze_text("\n".join(blank_total), tmp_path)
    assert analysis.tables.requests["total_processed"]["total"] is None
    assert not [c for c in analysis.checks if c.code == "E6.narrative_vs_table"]
    # the outcome rows still stand for the total: "已办结34件" contradicts them
    wrong = analyze_text("\n".join(blank_total).replace("已办结33件", "已办结34件", 1), tmp_path)
    [check] = [c for c in wrong.checks if c.code == "E6.narrative_vs_table"]
    assert "办理结果各项之和 33" in check.message and "本年新收 + 上年结转 37" in check.message


def test_a_litigation_figure_is_not_compared_when_one_group_is_unknown(analyses):
    analysis = copy.copy(analyses["sample"])
    analysis.tables = copy.deepcopy(analysis.tables)
    analysis.tables.review_litigation["litigation_after_review"] = {
        column: None for column in analysis.tables.review_litigation["litigation_after_review"]
    }
    analysis.tables.review_litigation["litigation_direct"]["total"] = 0  # "被提起行政诉讼2件" may count the unknown group
    assert not [c for c in run_checks(analysis) if c.code == "E6.narrative_vs_table"]


@pytest.mark.parametrize(
    ("chrome", "published"),
    [
        # archive, update and generation times are no publication dates; the closing date line stands
        ("归档时间：2026-01-01", "2025-01-20"),
        ("更新时间：2025-06-01  浏览次数：12", "2025-01-20"),
        ("公文生成日期：2025-05-05", "2025-01-20"),
        # a publication label wins over a bare one and over any earlier page time; the date may be on a later line
        ("更新时间：2025-06-01 时间：2025-01-16 发布日期：2025-01-18", "2025-01-18"),
        ("来源：鹭汀市青禾区生态环境局时间：2025-01-16", "2025-01-16"),
        ("发布日期：\n\n2025-01-18", "2025-01-18"),
    ],
)
def test_the_publication_date_is_never_an_archive_or_update_time(tmp_path, chrome, published):
    analysis = analyze_text(chrome + "\n\n" + SAMPLE.read_text(encoding="utf-8"), tmp_path)
    assert analysis.meta.published == published
    assert not [c for c in analysis.checks if c.code.startswith("E1.")]


@pytest.mark.parametrize(
    ("agency", "government"),
    [
        ("鹭汀市人民政府", True),
        ("鹭汀市青禾区人民政府", True),
        ("青禾县", True),
        ("鹭汀市青禾区白沙街道办事处", True),
        ("鹭汀經濟技術開發區管理委員會", True),
        ("鹭汀高新区管委会", True),
        ("鹭汀市人民政府国有资产监督管理委员会", False),
        ("鹭汀市青禾区建设和管理委员会", False),
        ("鹭汀市城市管理委员会", False),
        ("鹭汀新区城市管理委员会", False),
        ("鹭汀市人民政府办公室", False),
        ("鹭汀省人民政府辦公廳", False),
        ("青禾县政府办", False),
        ("鹭汀市青禾区生态环境局", False),
        # QA: an office in another city is a department of the government that sends it
        ("鹭汀市人民政府驻北京办事处", False),
        ("鹭汀市驻沪联络处", False),
        ("驻马店市人民政府", True),
    ],
)
def test_deadline_class_of_an_agency(agency, government):
    """条例 第四十九条: a government's own 办公室 and a 管理委员会 named after its function are departments (1月31日);
    a government's report and a development zone's 管委会 are due by 3月31日."""
    from nlp.checks.timeliness import is_government

    assert is_government(agency) is government


@pytest.mark.parametrize(
    ("agency", "late"),
    [("鹭汀市人民政府办公室", True), ("鹭汀市国有资产监督管理委员会", True), ("鹭汀市人民政府", False)],
)
def test_an_office_report_in_march_is_late(tmp_path, agency, late):
    text = SAMPLE.read_text(encoding="utf-8").replace("2025年1月20日", "2025年3月10日")
    analysis = analyze_text(text.replace("鹭汀市青禾区生态环境局", agency), tmp_path)
    assert (analysis.meta.agency, analysis.meta.published) == (agency, "2025-03-10")
    checks = [c for c in analysis.checks if c.code == "E1.late_publication"]
    assert bool(checks) is late and (not late or "2025-01-31" in checks[0].message)


@pytest.mark.parametrize(
    ("line", "placeholder"),
    [
        ("【制定机关】鹭汀市人民政府", None),
        ("文章属性 【发布单位】：鹭汀市青禾区生态环境局 【公布日期】2025-01-20", None),
        ("【填写机关名称】2024年政府信息公开工作年度报告", "【填写机关名称】"),
        ("【单位名称】2024年政府信息公开工作年度报告", "【单位名称】"),
        ("本报告由【发布机关】负责解释。", "【发布机关】"),
    ],
)
def test_a_filled_database_field_is_no_placeholder(tmp_path, line, placeholder):
    analysis = analyze_text(line + "\n\n" + SAMPLE.read_text(encoding="utf-8"), tmp_path)
    found = [c.message for c in analysis.checks if c.code == "E15.placeholder"]
    assert found == ([] if placeholder is None else [f"报告中残留模板占位符“{placeholder}”，未按实际情况填写。"])


def _with_table_a(rows: list[list[str]]) -> str:
    """The sample report with its table 一 replaced by ``rows`` (one cell per line, as .txt copies of grids come)."""
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    return text[:start] + "\n\n".join("\n".join(row) for row in rows) + "\n\n" + text[end:]


def test_2019_table_a_with_wrapped_headers_is_the_old_format_and_has_no_blank_cells(tmp_path):
    """A 2024 report on the 2019 form, its header cells wrapped over two lines (invented numbers): the format is
    recognised and warned about; the 2021 columns the 2019 table does not have are not blank cells."""
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年新", "制作数量", "本年新", "公开数量", "对外公开总数量"],
        ["规章", "0", "0", "3"],
        ["规范性文件", "4", "4", "27"],
        ["第二十条第（五）项"],
        ["信息内容", "上一年", "项目数量", "本年增/减", "处理决定", "数量"],
        ["行政许可", "9", "1", "152"],
        ["第二十条第（六）项"],
        ["信息内容", "上一年", "项目数量", "本年增/减", "处理决定", "数量"],
        ["行政处罚", "2", "0", "35"],
        ["行政强制", "1", "0", "4"],
        ["第二十条第（八）项"],
        ["信息内容", "上一年", "项目数量", "本年增/减"],
        ["行政事业性收费", "1", "0"],
    ]
    analysis = analyze_text(_with_table_a(rows), tmp_path)
    assert analysis.meta.format_version == "2019"
    assert analysis.tables.active_disclosure["normative_documents"]["published_total"] == 27
    codes = [c.code for c in analysis.checks]
    assert codes.count("E4.format_version") == 1
    assert not [c for c in analysis.checks if c.code.startswith("E4.") and "表一" in c.message]


def test_2021_table_a_missing_a_column_still_has_blank_cells(tmp_path):
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发", "件数", "现行有效", "件数"],
        ["规章", "0", "2"],
        ["行政规范性文件", "3", "16"],
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "61"],
        ["第二十条第（六）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政处罚", "12"],
        ["行政强制", "0"],
        ["第二十条第（八）项"],
        ["信息内容", "本年收费金额（单位：万元）"],
        ["行政事业性收费", "0"],
    ]
    analysis = analyze_text(_with_table_a(rows), tmp_path)
    [blank] = [c for c in analysis.checks if c.code == "E4.blank_cells"]
    assert "表一" in blank.message and "2 个单元格" in blank.message
    assert blank.evidence == "规章·本年废止件数、行政规范性文件·本年废止件数"


def test_one_placeholder_text_is_one_finding(tmp_path):
    """QA: "XX区XX局" raised E15.placeholder twice; "××" elsewhere is a finding of its own."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("鹭汀市青禾区生态环境局办公室联系", "XX区XX局办公室联系", 1)
    text = text.replace("2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告（××局）", 1)
    placeholders = [c for c in analyze_text(text, tmp_path).checks if c.code == "E15.placeholder"]
    assert len(placeholders) == 2
    xx = next(c for c in placeholders if "“XX”" in c.message)
    assert "（共 2 处）" in xx.message and "XX区XX局" in xx.evidence


def quotes_whole_clauses(text: str, check) -> bool:
    """The check's evidence quotes its span and starts and ends at a clause boundary of the text (or with "…")."""
    quote = check.evidence.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    position = text.find(quote, max(0, check.start - len(quote)), check.end + len(quote))
    stop = position + len(quote)
    starts = check.evidence.startswith(ELLIPSIS) or position == 0 or text[position - 1] in BOUNDARY
    ends = check.evidence.endswith(ELLIPSIS) or stop == len(text) or BOUNDARY & {text[stop - 1], text[stop]}
    return position >= 0 and position <= check.start <= check.end <= stop and bool(starts and ends)


@pytest.mark.parametrize("name", REPORTS + ["sample"])
def test_a_narrative_count_is_quoted_in_whole_clauses(analyses, name, tmp_path):
    """QA: E6 evidence was a raw character window ("24年度，科技创新局收到…5件。\\n（3）", "上上年结转3件…其中予以")."""
    description, text = next(narrative_mutations(analyses[name]))
    analysis = analyze_text(text, tmp_path)
    [check] = [c for c in analysis.checks if c.code == "E6.narrative_vs_table"]
    assert quotes_whole_clauses(analysis.document.text, check), (description, check.evidence)


def test_evidence_quotes_read_as_text_on_real_reports(analyses, corpora, tmp_path):
    seed = analyses["seeds/003_3dd38cd922b2f941.txt"]
    _, mutated = next(narrative_mutations(seed))
    [narrative] = [c for c in analyze_text(mutated, tmp_path).checks if c.code == "E6.narrative_vs_table"]
    assert narrative.evidence == "2024年度，科技创新局收到政府信息公开申请5件。"

    text = seed.document.text.replace("请与济宁高新区科技创新局联系", "请与XX区XX局联系", 1)
    [placeholder] = [c for c in analyze_text(text, tmp_path).checks if c.code == "E15.placeholder"]
    assert placeholder.evidence == "如对本报告有疑问，请与XX区XX局联系（济宁高新区海川路产学研基地T2栋10楼"

    # A web excerpt as published, whose "2件" contradicts its table: the quote was "复申请人。本年度,…都在法定".
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        page = next(row for row in map(json.loads, handle) if row["id"] == "e5130654e7cc")
    [narrative] = [c for c in analyze_text(page["text"], tmp_path).checks if c.code == "E6.narrative_vs_table"]
    assert narrative.evidence == "本年度,共受理政府信息公开申请2件"


def test_another_agency_s_name_is_quoted_with_its_clause(tmp_path):
    """The quote opens with the name and ends with its clause, not 20 characters on ("…34件，其中自然人")."""
    text = SAMPLE.read_text(encoding="utf-8").replace("2024年，我局共收到", "2024年，鹭汀市临川区自然资源局共收到", 1)
    analysis = analyze_text(text, tmp_path)
    [check] = [c for c in analysis.checks if c.code == "E15.other_agency"]
    assert check.evidence == "鹭汀市临川区自然资源局共收到政府信息公开申请34件"
    assert quotes_whole_clauses(analysis.document.text, check)
