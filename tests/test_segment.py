"""find_parts() and extract_meta(): the real seeds, the Huaian PDF and every pages.jsonl excerpt, plus
constructed texts for the layouts the real files do not all show.

Expected headings, titles and agency names below were read off the documents by hand; the report texts
themselves are read from the shared corpora. Constructed texts are written for these tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp.model import PART_KEYS, SUBSECTION_KEYS, Block, Document, Meta, Part, Source
from nlp.normalize import normalize
from nlp.readers import read
from nlp.segment import extract_meta, find_parts, standard_heading_end

STANDARD_PARTS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
# Part titles as written, where they differ from the standard ones (Word auto-numbering in 000 and 003).
PART_TITLES = {
    "000_ae88c21f34adefec": {5: "5、存在的主要问题及改进情况"},
    "001_1e161ef14c1da7cc": {},
    "002_b2662e0c1d87a114": {},
    "003_3dd38cd922b2f941": {5: "5、存在的主要问题及改进情况"},
    "004_d9116de1bb1d21a9": {},
    "huaian_city_2024": {},
}
SUBSECTION_TITLES = {
    "000_ae88c21f34adefec": ("（一）主动公开情况", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设方面", "（五）监督保障"),
    "001_1e161ef14c1da7cc": ("(一)主动公开", "(二)依申请公开", "(三)政府信息管理", "(四)政府信息公开平台建设", "(五)监督保障"),
    "002_b2662e0c1d87a114": (
        "（一）主动公开全面落实",
        "（二）依申请公开依法规范",
        "（三）强化政府信息管理",
        "（四）政府信息公开平台建设情况",
        "（五）政府信息公开监督保障机制建设情况",
    ),
    "003_3dd38cd922b2f941": ("（1）主动公开情况", "（2）依申请公开情况", "（3）政府信息管理情况", "（4）政府信息公开平台建设情况", "（5）监督保障情况"),
    "004_d9116de1bb1d21a9": ("（一）依法主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）平台建设情况", "（五）监督保障情况"),
    "huaian_city_2024": (
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）政府信息公开平台建设情况",
        "（五）政府信息公开监督保障情况",
    ),
}
META = {
    # Seed 000 has no title line and names itself only "区科技局" (in a sentence of part 一 after a comma); its
    # intro cites 六安市金安区's notice, so the bureau is 金安区's (never the government's office the notice is from).
    "000_ae88c21f34adefec": Meta(None, "六安市金安区科技局", "六安市金安区", 2024, None, "2021"),
    "001_1e161ef14c1da7cc": Meta("老城区科学技术局2024年政府信息公开工作年度报告", "老城区科学技术局", "老城区", 2024, None, "2021"),
    "002_b2662e0c1d87a114": Meta(
        "和田地区科技局2024年政府信息公开工作年度报告", "和田地区科技局", "和田地区", 2024, "2025-01-15", "2021"
    ),
    "003_3dd38cd922b2f941": Meta(
        "济宁高新区科技创新局2024年政府信息公开工作年度报告", "济宁高新区科技创新局", "济宁高新区", 2024, None, "2021"
    ),
    "004_d9116de1bb1d21a9": Meta(
        "攀枝花市东区科学技术局2025年政府信息公开工作年度报告", "攀枝花市东区科学技术局", "攀枝花市东区", 2025, None, "2021"
    ),
    "huaian_city_2024": Meta("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", "淮安市", 2024, None, "2021"),
}
TABLE_B_LABELS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")


def report_path(corpora: Path, name: str) -> Path:
    return corpora / "real" / f"{name}.pdf" if name == "huaian_city_2024" else corpora / "seeds" / f"{name}.txt"


@pytest.fixture(scope="module")
def reports(corpora: Path) -> dict[str, tuple[Document, list[Part], Meta]]:
    analysed = {}
    for name in META:
        doc = normalize(read(report_path(corpora, name)))
        parts = find_parts(doc.text)
        analysed[name] = (doc, parts, extract_meta(doc, parts))
    return analysed


def segment(*lines: str) -> tuple[str, list[Part]]:
    doc = normalize(Document(Source("constructed"), [Block("paragraph", line) for line in lines]))
    return doc.text, find_parts(doc.text)


def meta_of(*lines: str) -> Meta:
    doc = normalize(Document(Source("constructed"), [Block("paragraph", line) for line in lines]))
    return extract_meta(doc, find_parts(doc.text))


# What text outside every part starts with: a numbered heading of no part ("四、收费及减免情况").
UNMAPPED_HEADING = re.compile(r"\??(?:[一二三四五六七八九十]{1,2}[ ]*[、.．]|第[一二三四五六七八九十]{1,2}部分)")


def assert_well_formed(text: str, parts: list[Part]) -> None:
    """Six parts in contract order; present ones with titles at their start and increasing, trimmed spans that
    cover the text from the first part on, except sections under a numbered heading of no part."""
    assert [(p.number, p.key) for p in parts] == list(enumerate(PART_KEYS, start=1))
    present = [p for p in parts if p.present]
    for part in parts:
        if not part.present:
            assert part.start is None and part.end is None and not part.subsections
    for part, following in zip(present, present[1:]):
        gap = text[part.end : following.start].strip()
        assert part.end <= following.start and (not gap or UNMAPPED_HEADING.match(gap))
    for part in present:
        assert text.startswith(part.title, part.start) and part.start < part.end
        assert not text[part.end - 1].isspace()
    if present:
        rest = text[present[-1].end :].strip()
        assert not rest or UNMAPPED_HEADING.match(rest)
    overview = parts[0]
    keys = [s.key for s in overview.subsections]
    assert len(set(keys)) == len(keys)
    for sub, following in zip(overview.subsections, overview.subsections[1:]):
        assert sub.end <= following.start
    for sub in overview.subsections:
        assert overview.start < sub.start < sub.end <= overview.end
        assert text.startswith(sub.title, sub.start)


# --- real reports -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(META))
def test_real_reports_have_six_parts_with_their_headings(reports, name):
    text, parts, _ = reports[name]
    text = text.text
    assert_well_formed(text, parts)
    expected = [PART_TITLES[name].get(number, title) for number, title in enumerate(STANDARD_PARTS, start=1)]
    assert [p.title for p in parts] == expected
    assert all(p.present for p in parts)


@pytest.mark.parametrize("name", list(META))
def test_real_reports_have_the_five_overview_subsections(reports, name):
    _, parts, _ = reports[name]
    subsections = parts[0].subsections
    assert [s.key for s in subsections] == list(SUBSECTION_KEYS)
    assert tuple(s.title for s in subsections) == SUBSECTION_TITLES[name]
    assert subsections[-1].end == parts[0].end


@pytest.mark.parametrize("name", list(META))
def test_table_b_row_labels_are_not_part_headings(reports, name):
    doc, parts, _ = reports[name]
    requests, review = parts[2], parts[3]
    assert not any(label in p.title for p in parts for label in TABLE_B_LABELS)
    # the labels exist in the text, inside part 三
    for label in ("一、本年新收", "四、结转下年度继续办理"):
        position = doc.text.find(label)
        assert requests.start < position < requests.end < review.start


def test_intro_listing_the_six_parts_is_not_a_heading(reports):
    doc, parts, _ = reports["003_3dd38cd922b2f941"]
    intro = doc.text.find("本报告内容包括总体情况")
    assert 0 <= intro < parts[0].start


@pytest.mark.parametrize("name", list(META))
def test_real_report_meta(reports, name):
    _, _, meta = reports[name]
    assert meta == META[name]


# --- constructed layouts ----------------------------------------------------------------------------------


def test_glued_headings_and_arabic_numbering():
    text, parts = segment(
        "某县某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "（一）依法主动公开情况。2024 年，我局公开信息 12 条。",
        "（二）依申请公开。本年度未收到申请。",
        "（三）政府信息管理。做好审核。",
        "（四）平台建设方面。维护网站。",
        "（五）工作考核、社会评议和责任追究结果情况。无。",
        "2、主动公开政府信息情况",
        "3.收到和处理政府信息公开申请情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "5、 存在问题和改进措施",
        "六、其它需要报告的事项",
        "无。",
    )
    assert_well_formed(text, parts)
    assert [p.title for p in parts] == [
        "一、总体情况",
        "2、主动公开政府信息情况",
        "3.收到和处理政府信息公开申请情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "5、存在问题和改进措施",
        "六、其它需要报告的事项",
    ]
    assert [s.title for s in parts[0].subsections] == [
        "（一）依法主动公开情况",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）平台建设方面",
        "（五）工作考核、社会评议和责任追究结果情况",
    ]


def test_missing_parts_are_absent_and_spans_bridge_them():
    text, parts = segment("一、总体情况", "正文。", "三、政府信息公开申请情况", "正文。", "六、其他需要报告的事项", "无。")
    assert_well_formed(text, parts)
    assert [p.present for p in parts] == [True, False, True, False, False, True]
    assert parts[0].end == text.index("正文。") + 3
    assert parts[1].title == "" and parts[0].subsections == []


def test_table_b_labels_on_their_own_lines_stay_inside_part_three():
    text, parts = segment(
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "2",
        "二、上年结转政府信息公开申请数量",
        "0",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
        "0",
        "四、政府信息公开行政复议、行政诉讼情况",
        "0",
    )
    assert_well_formed(text, parts)
    assert [p.present for p in parts] == [False, False, True, True, False, False]
    assert parts[3].title == "四、政府信息公开行政复议、行政诉讼情况"


def test_table_of_contents_lines_are_not_headings():
    text, parts = segment(
        "目录",
        "一、总体情况........ 1",
        "二、主动公开政府信息情况........ 3",
        "一、总体情况",
        "正文。",
        "二、主动公开政府信息情况",
        "表格。",
    )
    assert_well_formed(text, parts)
    assert parts[0].start == text.index("一、总体情况\n")


def test_headings_glued_into_one_web_line():
    text, parts = segment(
        "现将有关情况报告如下： 一、总体情况 (一)主动公开情况 全年公开信息30条。(二)依申请公开情况 未收到申请。"
        "(三)政府信息管理情况 规范审核。(四)平台建设情况 维护网站。(五)监督保障情况 开展培训。"
    )
    assert_well_formed(text, parts)
    assert parts[0].title == "一、总体情况"
    assert [s.title for s in parts[0].subsections] == [
        "(一)主动公开情况",
        "(二)依申请公开情况",
        "(三)政府信息管理情况",
        "(四)平台建设情况",
        "(五)监督保障情况",
    ]


def test_part_heading_after_a_space_in_a_web_line():
    """A statutory heading with its own numeral after a plain space is a heading; a mention in a sentence or a
    list of the parts written with spaces is not."""
    line = "一、总体情况 全年公开信息30条，接受社会监督。二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 "
    text, parts = segment(line + "本年收到申请5件。")
    assert_well_formed(text, parts)
    assert [p.title for p in parts[:3]] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    assert text[parts[2].start : parts[2].end].endswith("本年收到申请5件。")
    # an excerpt that cuts the heading at the end of the text
    text, parts = segment(line[: line.index("申请情况")] + "申请情")
    assert parts[2].title == "三、收到和处理政府信息公开申请情"
    for sentence in (
        "正文。二、主动公开政府信息情况 详见 三、收到和处理政府信息公开申请情况表中的数据。",
        "正文。二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况等内容见附件。",
        "全文包括 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 等。",
        "正文。二、主动公开政府信息情况 见 4、政府信息公开行政复议、行政诉讼情况",
    ):
        _, parts = segment(sentence)
        assert not parts[2].present and not parts[3].present, sentence


def test_enumeration_of_parts_in_a_sentence_is_not_a_heading():
    _, parts = segment("全文包括：一、总体情况；二、主动公开政府信息情况；三、其他。")
    assert not any(p.present for p in parts)


def test_traditional_characters():
    text, parts = segment("一、總體情況", "(一)主動公開", "正文。", "(二)依申請公開", "正文。", "二、主動公開政府信息情況", "表。")
    assert_well_formed(text, parts)
    assert [p.title for p in parts if p.present] == ["一、總體情況", "二、主動公開政府信息情況"]
    assert [s.key for s in parts[0].subsections] == ["active", "requests"]


def test_pre2019_layout_maps_onto_the_six_keys():
    text, parts = segment(
        "一、概述",
        "（一）加强组织领导。成立领导小组。",
        "（二）主动公开情况。公开信息20条。",
        "二、主动公开政府信息的情况",
        "三、依申请公开政府信息的情况",
        "四、政府信息公开的收费及减免情况",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "六、存在的主要问题",
        "七、改进措施",
        "八、其他需要报告的事项",
    )
    assert_well_formed(text, parts)
    assert [p.title for p in parts] == [
        "一、概述",
        "二、主动公开政府信息的情况",
        "三、依申请公开政府信息的情况",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "六、存在的主要问题",
        "八、其他需要报告的事项",
    ]
    # 收费及减免 is no part of its own, and not part 三's either: it ends part 三 and belongs to no part
    assert text[parts[2].start : parts[2].end] == "三、依申请公开政府信息的情况"
    assert not any("收费" in text[p.start : p.end] for p in parts if p.present)
    assert "七、改进措施" in text[parts[4].start : parts[4].end]
    assert [(s.key, s.title) for s in parts[0].subsections] == [
        ("supervision", "（一）加强组织领导"),
        ("active", "（二）主动公开情况"),
    ]


def test_subsection_ends_at_an_extra_heading_of_its_own_style():
    text, parts = segment(
        "一、总体情况",
        "（一）主动公开情况。甲。",
        "（二）依申请公开情况。乙。",
        "（三）政府信息管理情况。丙。",
        "（四）平台建设情况。丁。",
        "（五）监督保障情况。戊。",
        "（六）其他工作。己。",
        "二、主动公开政府信息情况",
    )
    supervision = parts[0].subsections[-1]
    assert text[supervision.start : supervision.end] == "（五）监督保障情况。戊。"


def test_custom_subsection_titles_that_name_the_topic_in_their_second_clause_or_in_other_words():
    text, parts = segment(
        "一、总体情况",
        "（一）围绕中心大局，扎实推进主动公开。全年发布信息120条。",
        "（二）优化窗口服务，提升依申请办理质效。全年收到申请5件。",
        "（三）理顺发布流程，深化政府信息管理能力。修订制度2项。",
        "（四）加强门户网站建设。网站改版1次。",
        "（五）压实工作责任，强化考核问效。开展培训2次。",
        "二、主动公开政府信息情况",
    )
    subsections = parts[0].subsections
    assert [sub.key for sub in subsections] == list(SUBSECTION_KEYS)
    assert subsections[1].title == "（二）优化窗口服务，提升依申请办理质效"
    assert subsections[3].title == "（四）加强门户网站建设"


def test_a_paragraph_that_goes_on_past_its_second_clause_is_no_heading():
    _, parts = segment(
        "一、总体情况",
        "（一）主动公开情况。甲。",
        "（二）本年度我办认真研究，依申请公开工作由专人负责，答复及时。",
        "二、主动公开政府信息情况",
    )
    assert [sub.key for sub in parts[0].subsections] == ["active"]


def test_a_content_word_loses_to_a_keyword_of_either_clause():
    _, parts = segment(
        "一、总体情况",
        "（一）积极拓展公开渠道，主动公开全面加强。甲。",
        "（二）依申请公开情况。乙。",
        "二、主动公开政府信息情况",
    )
    assert [sub.key for sub in parts[0].subsections] == ["active", "requests"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("一、2099年政府信息公开总体情况", "一、2099年政府信息公开总体情况"),
        ("一、工作情况概况", "一、工作情况概况"),
        ("一、信息公开工作情况概述", "一、信息公开工作情况概述"),
        ("一、年度政府信息公开的基本概况", "一、年度政府信息公开的基本概况"),
        ("?一、2099年政府信息公开工作开展情况", "一、2099年政府信息公开工作开展情况"),
    ],
)
def test_overview_headings_with_a_year_or_other_words(heading, title):
    text, parts = segment("某县某局2099年政府信息公开工作年度报告", heading, "正文。", "二、主动公开政府信息情况", "正文。")
    assert_well_formed(text, parts)
    assert [p.title for p in parts if p.present] == [title, "二、主动公开政府信息情况"]


def test_generic_pre2019_parts_hold_the_2008_sections():
    """"二、政府信息公开情况" is part 二 by its numeral, and its bracketed standard headings start parts 三 and 四; a
    bracketed heading that names no part ("（二）重点领域信息公开情况") stays inside."""
    text, parts = segment(
        "一、概述",
        "本局依法公开信息。",
        "二、政府信息公开情况",
        "（一）主动公开政府信息情况",
        "公开信息100条。",
        "（二）重点领域信息公开情况",
        "公开财政信息。",
        "（三）依申请公开政府信息情况",
        "未收到申请。",
        "（四）因政府信息公开申请行政复议、提起行政诉讼的情况",
        "未发生。",
        "三、存在的主要问题及改进措施",
        "人员不足。",
    )
    assert_well_formed(text, parts)
    assert [p.title for p in parts] == [
        "一、概述",
        "二、政府信息公开情况",
        "（三）依申请公开政府信息情况",
        "（四）因政府信息公开申请行政复议、提起行政诉讼的情况",
        "三、存在的主要问题及改进措施",
        "",
    ]
    assert "重点领域" in text[parts[1].start : parts[1].end]
    # a generic part 一 ("政府信息公开工作开展情况") likewise; its year is skipped in the bracketed headings
    text, parts = segment(
        "一、2099年政府信息公开工作开展情况",
        "本局依法公开信息。",
        "（一）2099年主动公开政府信息情况",
        "公开信息100条。",
        "（二）依申请公开政府信息的情况",
        "未收到申请。",
        "二、2099年政府信息公开具体工作开展情况",
        "（一）领导重视。",
    )
    assert_well_formed(text, parts)
    assert [p.title for p in parts if p.present] == [
        "一、2099年政府信息公开工作开展情况",
        "（一）2099年主动公开政府信息情况",
        "（二）依申请公开政府信息的情况",
    ]
    # the next top-level section names no part: its narrative is not part 三's
    assert text[parts[2].start : parts[2].end] == "（二）依申请公开政府信息的情况\n未收到申请。"
    # under "一、总体情况" (the 2021 format) "（一）主动公开政府信息情况" is a subsection, even with part 二 missing
    _, parts = segment("一、总体情况", "（一）主动公开政府信息情况", "公开信息100条。", "（二）依申请公开政府信息情况", "无。")
    assert [p.present for p in parts] == [True, False, False, False, False, False]
    assert [s.key for s in parts[0].subsections] == ["active", "requests"]
    # "政务信息公开情况" is the same topic-less part 二
    text, parts = segment("一、概述", "本局依法公开信息。", "二、政务信息公开情况", "公开信息32条。", "三、依申请公开政府信息情况", "无。")
    assert_well_formed(text, parts)
    assert parts[1].title == "二、政务信息公开情况"
    assert text[parts[1].start : parts[1].end].endswith("公开信息32条。")


def test_a_top_level_heading_of_no_part_ends_the_part_before_it():
    """A numbered line heading that names no part, at the level of the part headings and next in their count,
    closes the part before it; numbered lists inside a part and table B's labels do not."""
    text, parts = segment(
        "一、2099年政府信息公开工作开展情况",
        "（一）2099年主动公开政府信息情况",
        "公开信息100条。",
        "（二）依申请公开政府信息的情况",
        "未收到申请。",
        "（三）因政府信息公开申请行政复议、提起行政诉讼的情况",
        "收到行政复议1件。",
        "二、2099年政府信息公开具体工作开展情况",
        "（一）领导重视。局领导多次研究。",
    )
    assert_well_formed(text, parts)
    assert text[parts[3].start : parts[3].end].endswith("收到行政复议1件。")
    # a list inside part 一 numbered like the parts ("一、…" restarts the count) stays in it
    text, parts = segment(
        "一、总体情况",
        "一、加强组织领导。成立领导小组。",
        "二、确保信息安全。严格保密审查。",
        "二、主动公开政府信息情况",
        "见下表。",
    )
    assert_well_formed(text, parts)
    assert text[parts[0].start : parts[0].end].endswith("严格保密审查。")
    # under "第X部分" part headings, "二、…" numbers a list
    text, parts = segment("第一部分：工作情况概述", "一、完善机制。正文。", "二、健全制度。正文。", "第二部分：主动公开政府信息情况", "正文。")
    assert text[parts[0].start : parts[0].end].endswith("二、健全制度。正文。")
    # table B's labels are no headings, even numbered past part 三
    text, parts = segment(
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "四、结转下年度继续办理",
        "五、存在的主要问题及改进情况",
    )
    assert "四、结转下年度继续办理" in text[parts[2].start : parts[2].end]
    # a heading numbered past the next part heading is out of the count: it stays inside
    text, parts = segment("一、总体情况", "正文。", "三、重点工作", "正文。", "二、主动公开政府信息情况", "正文。")
    assert "三、重点工作" in text[parts[0].start : parts[0].end]


def test_a_heading_listing_its_topics_is_the_part_of_the_first_topic_that_names_one():
    """The pre-2019 "四、…主要措施、存在的主要问题及下一步工作打算" has no keyword near its start: its later topic,
    存在的主要问题, makes it part 五."""
    text, parts = segment(
        "一、主动公开政府信息情况",
        "公开信息100条。",
        "二、依申请公开政府信息情况",
        "未收到申请。",
        "三、政府信息公开的收费及减免情况",
        "未收费。",
        "四、政府信息公开工作的主要措施、存在的主要问题及下一步工作打算",
        "（一）主要措施",
        "成立领导小组。",
        "（二）存在的主要问题：人员不足。",
    )
    assert_well_formed(text, parts)
    assert parts[4].title == "四、政府信息公开工作的主要措施、存在的主要问题及下一步工作打算"
    assert text[parts[4].start : parts[4].end].endswith("人员不足。")
    # a list of work items whose later topic names no part stays no part heading
    _, parts = segment("一、总体情况", "正文。", "二、加强领导、完善制度", "正文。")
    assert [p.present for p in parts] == [True, False, False, False, False, False]


def test_a_dash_typed_for_one_numbers_part_one_at_a_line_start():
    """"—、總體情況": an em dash (or another dash) typed in place of 一, before a part's words."""
    for dash in "—－―-":
        text, parts = segment("某镇2099年政府信息公开工作年度报告", f"{dash}、總體情況", "本镇依法公开信息。", "二、主動公開政府信息情況", "正文。")
        assert_well_formed(text, parts)
        assert parts[0].title[1:] == "、總體情況"  # normalising makes "－" half-width
    # not in a sentence, nor before words that name no part
    _, parts = segment("本镇依法公开信息——、总体情况良好。", "二、主动公开政府信息情况", "正文。")
    assert not parts[0].present
    _, parts = segment("—、加强领导", "正文。", "二、主动公开政府信息情况", "正文。")
    assert [p.present for p in parts] == [False, True, False, False, False, False]


def test_problems_and_measures_under_two_headings_start_at_the_first():
    text, parts = segment(
        "一、基本工作情况",
        "正文。",
        "二、主动公开政府信息情况",
        "正文。",
        "三、政府信息依申请公开办理情况",
        "正文。",
        "四、存在的问题",
        "信息公开不够及时。",
        "五、下步工作安排",
        "加强培训。",
    )
    assert_well_formed(text, parts)
    assert parts[4].title == "四、存在的问题"
    assert "五、下步工作安排" in text[parts[4].start : parts[4].end]


def test_supervision_headings_standing_first_are_one_subsection():
    text, parts = segment(
        "一、总体情况",
        "（一）加强组织领导，完善机构建设",
        "成立领导小组。",
        "（二）加强宣传培训，助力监督保障",
        "组织培训2次。",
        "（三）完善制度约束，严格信息管理",
        "落实保密审查。",
        "二、主动公开政府信息情况",
    )
    assert_well_formed(text, parts)
    subsections = parts[0].subsections
    assert [s.key for s in subsections] == ["supervision", "management"]
    assert "组织培训2次。" in text[subsections[0].start : subsections[0].end]


def test_parenthesised_ideograph_numbers_head_subsections():
    _, parts = segment(
        "一、概述", "㈠加强和规范主动公开工作", "公开信息20条。", "㈡认真做好依申请公开工作", "无。", "二、主动公开政府信息情况"
    )
    assert [(s.key, s.title) for s in parts[0].subsections] == [
        ("active", "㈠加强和规范主动公开工作"),
        ("requests", "㈡认真做好依申请公开工作"),
    ]


# --- meta on constructed texts ----------------------------------------------------------------------------


def test_meta_from_intro_sentences_and_a_closing_date_line():
    meta = meta_of(
        "本报告由某某市某某区教育局编制。统计期限自2023年1月1日起至2023年12月31日止。",
        "如对本报告有疑问，请与某某市某某区教育局办公室联系。",
        "一、总体情况",
        "正文。",
        "某某市某某区教育局",
        "二〇二四年一月十五日",
    )
    assert (meta.title, meta.agency, meta.region, meta.year, meta.published) == (
        None,
        "某某市某某区教育局",
        "某某市某某区",
        2023,
        "2024-01-15",
    )


def test_meta_agency_from_a_contact_line_drops_the_contact_unit():
    meta = meta_of("如对本报告有疑问，请与某某县人民政府办公室联系。", "一、总体情况", "正文。")
    assert (meta.agency, meta.region) == ("某某县人民政府", "某某县")


def test_meta_region_is_not_a_preposition_before_a_government():
    meta = meta_of("根据市政府办公厅《关于做好2008年政府信息公开年度报告工作的通知》要求，编制本报告。", "一、概述", "正文。")
    assert meta.region is None


def test_meta_statistics_period_is_not_a_publication_date():
    meta = meta_of("统计时间：2024年1月1日至2024年12月31日", "一、总体情况", "正文。", "截至2024年12月31日")
    assert (meta.year, meta.published) == (2024, None)


@pytest.mark.parametrize(
    ("chrome", "published"),
    [
        # QA: labels in a table cell, after a space, in brackets, with the date on a bulleted line
        ("索引号 | 1135/2025-00012 | 发布日期 | 2025-01-18 11:14 |", "2025-01-18"),
        ("发布机构 区水务局 公开日期 2025-01-13", "2025-01-13"),
        ("云梦市星河区水务局2024年政府信息公开工作年度报告\n发布时间:[2025/01/16]", "2025-01-16"),
        ("文号: | 公开日期: | 2025-01-21 10:40 | |", "2025-01-21"),
        ("  • 发布机构\n    星河区水务局\n  • 发布日期\n    2025-01-26", "2025-01-26"),
        # the date belongs to the label right before it; a drafting date ranks below the publication date
        ("成文日期 | 发布日期 | 2025-02-06 |", "2025-02-06"),
        ("[ 成文日期 ] | 2025-01-10 | [ 公开日期 ] | 2025-02-20 |", "2025-02-20"),
        ("成文日期：2025-01-10\n发布日期：2025-02-20", "2025-02-20"),
        ("发文日期: | 2025-01-29 | 发布机构: | 星河区水务局", "2025-01-29"),
        # a page byline: date and time, or the date before the source field
        ("2025-02-20 10:30 来源：星河区水务局", "2025-02-20"),
        ("2025-02-20   来源:星河区水务局 浏览次数：", "2025-02-20"),
        # empty labels, update times and sentences about 公开时间 give nothing
        ("更新时间:2025-01-16 发布时间: |  来源:区水务局", None),
        ("  • 发布机构:\n  • 发文日期:\n  • 文号:", None),
        ("确定公开时间，做到常规工作定期公开。2025年1月1日起施行新制度。", None),
    ],
)
def test_meta_published_from_labelled_page_chrome(chrome, published):
    meta = meta_of(chrome, "一、总体情况", "2024年，星河区水务局依法公开政府信息。")
    assert (meta.year, meta.published) == (2024, published)


def test_meta_a_verb_before_a_level_word_is_no_place():
    """QA: "…协调、监督全旗政府信息公开工作" gave the agency "监督全旗人民政府"; the opening's "旗政府" is
    the banner the text names elsewhere ("…前旗政府网站")."""
    meta = meta_of(
        "根据《条例》，特向社会公布我旗2021年度信息公开年度报告。",
        "一、总体情况",
        "旗政府始终高度重视政府信息公开工作，领导小组办公室具体负责指导、协调、推进、监督全旗政府信息公开工作。",
        "（一）主动公开情况",
        "截至2021年12月底，云梦前旗政府网站共发布信息1200条。",
    )
    assert (meta.agency, meta.region) == ("云梦前旗人民政府", "云梦前旗")
    # a one-character name before 全 and a level is a place ("万全区")
    assert meta_of("一、总体情况", "2024年，云梦市万全区科技局依法公开信息。").agency == "云梦市万全区科技局"


def test_meta_published_from_page_chrome_and_title_with_agency_line_above():
    meta = meta_of("来源：某某市统计局 发布日期：2025-01-20", "某某市统计局", "2024年政府信息公开工作年度报告", "一、总体情况")
    assert (meta.title, meta.agency, meta.published) == (
        "某某市统计局2024年政府信息公开工作年度报告",
        "某某市统计局",
        "2025-01-20",
    )


@pytest.mark.parametrize(
    ("lines", "version"),
    [
        (("某局2020年政府信息公开工作年度报告", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"), "2019"),
        (("某局2020年政府信息公开工作年度报告", "第二十条第（九）项"), "2019"),
        (("某局2022年政府信息公开工作年度报告", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"), "2021"),
        # Header cells wrapped over lines, spaced, or cut to their first line by a web copy.
        (("某局2022年政府信息公开工作年度报告", "信息内容", "本年新", "制作数量", "本年新", "公开数量"), "2019"),
        (("某局2022年政府信息公开工作年度报告", "信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |"), "2019"),
        (("某局2022年政府信息公开工作年度报告", "信息内容 | 本年新 | 本年新 | 对外公开总数量 |"), "2019"),
        (("某局2022年政府信息公开工作年度报告", "信息内容 | 上一年 项目数量 | 本年增/减 | 处理决定数量 |"), "2019"),
        (("某局2022年政府信息公开工作年度报告", "信息内容", "本年制发", "件数", "本年废止", "件数"), "2021"),
        (("某局2022年政府信息公开工作年度报告", "信息内容\t本年\t本年废止件数\t现行有效件数"), "2021"),
        (("按照国办公开办函〔2021〕30号要求编制本报告。", "一、总体情况"), "2021"),
        (("某局2020年政府信息公开工作年度报告", "依据国办公开办函〔2019〕60号编制本报告。", "一、总体情况"), "2019"),
        # QA: the 2019 notice (on annual reports in general) is still cited in the 2021 form's years; without a
        # table it says nothing of the table's form.
        (("某局2023年政府信息公开工作年度报告", "依据国办公开办函〔2019〕60号编制本报告。", "一、总体情况"), "unknown"),
        (("某局2015年政府信息公开工作年度报告", "一、概述"), "pre2019"),
        (("某局2022年政府信息公开工作年度报告", "一、总体情况"), "unknown"),
    ],
)
def test_meta_format_version_cues(lines, version):
    assert meta_of(*lines).format_version == version


# --- pages.jsonl: every real excerpt ----------------------------------------------------------------------

OVERVIEW_HEADING = re.compile(r"一、总体情况(?![ .…·]*\.{4,})")


@pytest.fixture(scope="module")
def pages(corpora: Path) -> list[dict]:
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_every_pages_row_segments_without_error(pages):
    """find_parts and extract_meta never raise and always return well-formed parts; where the excerpt has the
    heading "一、总体情况" (other than as a dot-leader table-of-contents entry), part 一 is found there (its title
    may go on: "一、总体情况概述")."""
    missed = []
    for row in pages:
        doc = normalize(Document(Source(row["id"]), [Block("paragraph", line) for line in row["text"].split("\n")]))
        parts = find_parts(doc.text)
        meta = extract_meta(doc, parts)
        assert_well_formed(doc.text, parts)
        assert meta.year is None or 2000 <= meta.year <= 2035
        if OVERVIEW_HEADING.search(doc.text) and not (parts[0].present and "总体情况" in parts[0].title):
            missed.append(row["id"])
    assert missed == []


# --- meta on web excerpts: the error families of eval/eval_meta.py, on fictional texts ---------------------


def test_meta_a_government_office_is_its_own_agency():
    # Before: the title's 办公室 was trimmed as if it were a contact unit, so the office's report counted as the
    # county government's (E1 deadline, E10/E11 pairing).
    meta = meta_of("青禾县人民政府办公室2024年政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert (meta.agency, meta.region, meta.year) == ("青禾县人民政府办公室", "青禾县", 2024)
    meta = meta_of("青禾县人民政府辦公廳2024年政府信息公開工作年度報告", "一、總體情況", "正文。")
    assert meta.agency == "青禾县人民政府辦公廳"


def test_meta_contact_line_still_names_the_agency_not_its_office():
    meta = meta_of("如对本报告有疑问，请与云梦市星河区统计局党政办公室联系。", "一、总体情况", "正文。")
    assert meta.agency == "云梦市星河区统计局"
    meta = meta_of("本报告由青禾县人民政府信息公开工作领导小组办公室编制。", "一、总体情况", "正文。")
    assert meta.agency == "青禾县人民政府"


@pytest.mark.parametrize(
    ("intro", "agency"),
    [
        ("根据有关规定，特编制云梦市林草局2024年度政府信息公开工作年度报告，并向社会公布。", "云梦市林草局"),
        ("现发布《云梦市林草局2024年政府信息公开工作年度报告》。", "云梦市林草局"),
        ("按照上级要求，现将云梦市林草局2024年政府信息公开工作年度报告呈报如下。", "云梦市林草局"),
        ("根据《条例》，现向社会公布2024年云梦市林草局政府信息公开工作年度报告。", "云梦市林草局"),
        ("依据有关规定编制并向社会公布云梦市林草局2024年度政府信息公开工作年度报告。", "云梦市林草局"),
        ("根据《条例》，编制青禾自治州2024年政府信息公开工作年度报告。", "青禾自治州人民政府"),
    ],
)
def test_meta_agency_from_the_report_named_in_the_intro(intro, agency):
    meta = meta_of(intro, "一、总体情况", "正文。")
    assert (meta.agency, meta.year) == (agency, 2024)


def test_meta_site_labels_and_breadcrumbs_are_not_titles():
    meta = meta_of(
        "首页 / 信息公开 / 政府信息公开年报",
        "政府信息公开年报",
        "云梦市星河区水利局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "正文。",
    )
    assert (meta.title, meta.agency) == ("云梦市星河区水利局2024年政府信息公开工作年度报告", "云梦市星河区水利局")
    meta = meta_of("政府信息公开工作年度报告", "根据《条例》，特公布云梦市林草局2023年政府信息公开工作年度报告。", "一、总体情况")
    # the site label is no title; the intro sentence publishing the report gives it
    assert (meta.title, meta.agency, meta.year) == ("云梦市林草局2023年政府信息公开工作年度报告", "云梦市林草局", 2023)


def test_meta_an_agencyless_chrome_title_gives_way_to_the_title_under_the_agency_line():
    meta = meta_of(
        "2024年政府信息公开工作年度报告",
        "发布日期：2025-01-18",
        "云梦市民宗委（宗教局）",
        "2024年政府信息公开工作年度报告",
        "一、总体情况",
    )
    assert (meta.title, meta.agency, meta.published) == (
        "云梦市民宗委（宗教局）2024年政府信息公开工作年度报告",
        "云梦市民宗委（宗教局）",
        "2025-01-18",
    )


@pytest.mark.parametrize(
    "line",
    [
        "标      题 云梦市林草局2024年政府信息公开工作年度报告",
        "| 标题: | 云梦市林草局2024年政府信息公开工作年度报告 | |",
        "Page 2 - 云梦市林草局2024年政府信息公开工作年度报告",
        "【2024】云梦市林草局2024年政府信息公开工作年度报告",
        "云梦市林草局发布2024年政府信息公开工作年度报告",
    ],
)
def test_meta_title_after_a_label_page_mark_or_in_a_headline(line):
    meta = meta_of(line, "一、总体情况", "正文。")
    assert (meta.title, meta.agency, meta.year) == ("云梦市林草局2024年政府信息公开工作年度报告", "云梦市林草局", 2024)


def test_meta_title_with_the_agency_in_brackets_or_split_over_two_lines():
    meta = meta_of("2024年政府信息公开工作年度报告（云梦市星河区人民防空办公室）", "一、总体情况")
    assert meta.agency == "云梦市星河区人民防空办公室"
    meta = meta_of("云梦市星河区人民政府月湾街道", "办事处2024年政府信息公开工作年度报告", "一、总体情况")
    assert (meta.title, meta.agency) == (
        "云梦市星河区人民政府月湾街道办事处2024年政府信息公开工作年度报告",
        "云梦市星河区人民政府月湾街道办事处",
    )
    meta = meta_of("云梦市星河区管理委员会 卫生健康办公室2024年政府信息公开工作年度报告", "一、总体情况")
    assert meta.agency == "云梦市星河区管理委员会卫生健康办公室"


def test_meta_agency_from_the_opening_sentence():
    meta = meta_of("根据《条例》规定编制本报告。", "一、总体情况", "2024年，云梦市医疗保障局坚持以人民为中心，扎实推进政务公开。")
    assert (meta.agency, meta.region, meta.year) == ("云梦市医疗保障局", "云梦市", 2024)
    # Traditional characters, and a sentence whose subject is no agency ("局党组…", "全区…") gives none
    meta = meta_of("一、總體情況", "2024年，雲夢市醫療保障局堅持依法公開。")
    assert meta.agency == "雲夢市醫療保障局"
    meta = meta_of("一、总体情况", "2024年，全区坚持公开为常态。局党组对政府信息公开工作高度重视。")
    assert meta.agency is None


def test_meta_a_name_without_its_place_is_completed_from_the_text():
    meta = meta_of("水务局2024年政府信息公开工作年度报告", "根据有关规定，现将云梦市星河区水务局2024年度工作情况报告如下。", "一、总体情况")
    assert meta.agency == "云梦市星河区水务局"
    # the place must not swallow the words before it
    meta = meta_of("（以下简称市环保局）", "一、总体情况", "2024年，市环保局认真贯彻《条例》。")
    assert meta.agency == "市环保局"
    # a "区…" name takes the district government the intro cites
    meta = meta_of("根据《星河区人民政府办公室关于做好年报工作的通知》编制本报告。", "一、总体情况", "2024年，区科技局依法公开信息。")
    assert (meta.agency, meta.region) == ("星河区科技局", "星河区")


def test_meta_a_place_stands_for_its_government():
    assert meta_of("青禾县2024年政府信息公开工作年度报告", "一、总体情况").agency == "青禾县人民政府"
    assert meta_of("月湾街道2024年政府信息公开工作年度报告", "一、总体情况").agency == "月湾街道办事处"
    assert meta_of("如有疑问请联系青禾县政府，电话：1234。", "一、总体情况").agency == "青禾县人民政府"
    # a development zone is no government
    assert meta_of("青禾高新区2024年政府信息公开工作年度报告", "一、总体情况").agency == "青禾高新区"


def test_meta_year_from_the_intro_not_from_page_dates_or_cited_notices():
    meta = meta_of(
        "发布时间：2025年01月20日 更新时间：2025年01月20日",
        "按照市里关于做好2023年度政府信息公开年报编发的通知，云梦市林草局编制了2024年政府信息公开年度报告。",
        "一、总体情况",
        "正文。",
    )
    assert meta.year == 2024
    # a statistics period copied from last year's report does not override the year the report names itself
    meta = meta_of(
        "现公布云梦市林草局2024年政府信息公开工作年度报告。所列数据统计期限为2023年1月1日到2023年12月31日。",
        "一、总体情况",
    )
    assert meta.year == 2024
    # the year opening part 一 beats the years it compares with
    meta = meta_of("依据《条例》编制本报告。", "一、总体情况", "2024年，我局主动公开信息30条，较2023年增长10%，2023年为27条。")
    assert meta.year == 2024



# --- meta, round 2: the QA review's families (wrong values instead of None, and misses), on fictional texts ---


def test_meta_words_that_end_like_an_agency_or_a_place_are_none():
    # 干部 ends in 部, and 要求全乡 is no place: before, "要求全乡广大干部" was read as the agency
    meta = meta_of("一、总体情况", "2014年，要求全乡广大干部认真学习《条例》。")
    assert meta.agency is None
    # a verb glued to a name: no place "通过市"; the agency is the bureau itself
    meta = meta_of("一、总体情况", "2020年，通过市农机局网站主动公开信息50条。")
    assert (meta.agency, meta.region) == ("市农机局", None)
    meta = meta_of("一、总体情况", "市农机局深入贯彻《条例》。2020年，通过市农机局网站主动公开信息50条。")
    assert meta.agency == "市农机局"
    # "落实青禾市人民政府…": the region is 青禾市, not 落实青禾市; "確定市政府辦公廳為…" names no place
    meta = meta_of("2023年，开发区深入贯彻《条例》，落实青禾市人民政府办公室的工作要求。", "一、总体情况", "正文。")
    assert meta.region == "青禾市"
    meta = meta_of("（一）完善工作機制。確定市政府辦公廳牽頭負責全市公開工作。", "一、概述", "正文。")
    assert meta.region is None


@pytest.mark.parametrize(
    "intro",
    [
        "现将2022年年度市政府办公室政府信息公开工作年度报告公布如下。",
        "2022年年度市政府办公室政府信息公开工作年度报告",
    ],
)
def test_meta_year_words_are_not_part_of_a_name(intro):
    meta = meta_of(intro, "一、总体情况", "正文。")
    assert not (meta.agency or "").startswith(("年", "度")) and not (meta.region or "").startswith(("年", "度"))


def test_meta_a_preposition_before_a_level_is_no_place():
    # "以市政府办公室名义…": no place called 以市 completes the title's "市政府办公室"
    meta = meta_of("市政府办公室2022年政府信息公开工作年度报告", "2022年，以市政府办公室名义印发工作要点。", "一、总体情况")
    assert (meta.agency, meta.region) == ("市政府办公室", None)


def test_meta_party_committee_and_short_name_notes_are_trimmed():
    meta = meta_of("一、总体情况", "2019年，云梦市公安局党委高度重视政务公开工作。")
    assert meta.agency == "云梦市公安局"
    meta = meta_of("本报告由云梦市经济和信息化委员会（以下简称我委）编制。", "一、总体情况", "正文。")
    assert meta.agency == "云梦市经济和信息化委员会"


def test_meta_a_yearless_place_title_gives_way_to_the_author_the_intro_names():
    # "青禾市政府信息公开工作年度报告" is the city's series title glued to the intro; the report is the bureau's
    meta = meta_of(
        "青禾市政府信息公开工作年度报告本报告是根据《条例》要求，由青禾市气象局编制的2012年度政府信息公开工作年度报告。",
        "一、概述",
        "正文。",
    )
    assert (meta.agency, meta.year) == ("青禾市气象局", 2012)
    meta = meta_of(
        "青禾市政府信息公开工作年度报告本报告是根据《条例》要求，由青禾市统计局、国家统计局青禾调",
        "查队（以下简称统计局队）编制的2012年度政府信息公开工作年度报告。",
        "一、概述",
        "正文。",
    )
    assert meta.agency == "青禾市统计局"
    # with a year the title is the report's own: the county's, compiled by its office
    meta = meta_of("青禾县2024年政府信息公开工作年度报告", "本报告由青禾县人民政府办公室编制。", "一、总体情况")
    assert meta.agency == "青禾县人民政府"


def test_meta_a_site_header_does_not_take_over_a_title_with_its_own_name():
    meta = meta_of("星河區人民政府", "2022年區人力社保局政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert (meta.agency, meta.region) == ("星河區人力社保局", "星河區")
    # a title without a name still takes the agency line above it
    meta = meta_of("星河区人力社保局", "2022年政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert meta.agency == "星河区人力社保局"


def test_meta_a_department_named_after_its_government_is_completed_from_the_first_line():
    meta = meta_of(
        "星河区商务局",
        "根据《条例》，现公布区政府商务局2022年政府信息公开工作年度报告。",
        "一、总体情况",
        "2022年，区政府商务局未收到申请。",
    )
    assert (meta.agency, meta.region) == ("星河区商务局", "星河区")


def test_meta_a_placeless_publisher_in_page_chrome_does_not_beat_the_opening_subject():
    meta = meta_of(
        "云梦市人口计生委2014年度政府信息公开工作成绩单",
        "来源：卫生健康委员会 | 点击：35",
        "2014年，市人口计生委在市委、市政府的正确领导下，开展政府信息公开工作。现将有关情况报告如下：",
        "一、政府信息公开工作的整体情况",
        "正文。",
    )
    assert meta.agency == "云梦市人口计生委"


def test_meta_names_keep_their_characters_as_written():
    # a place completed from a Traditional mention is taken as written, not folded half-way ("雲灣区科技局")
    meta = meta_of(
        "區科技局貫徹落實《條例》，全年依法公開信息。",
        "一、總體情況",
        "2024年，我局以雲灣區人民政府門戶網站作為第一公開平臺。",
    )
    assert (meta.agency, meta.region) == ("雲灣區科技局", "雲灣區")
    meta = meta_of("2008年，石灘管理區認真貫徹落實《條例》。", "一、主動公開政府信息的情況", "正文。")
    assert (meta.agency, meta.region) == ("石灘管理區", "石灘管理區")
    # and so is the word a bare place takes
    meta = meta_of("雲夢縣月灣街道2024年政府信息公開工作年度報告", "一、總體情況", "正文。")
    assert meta.agency == "雲夢縣月灣街道辦事處"


def test_meta_rural_revitalisation_bureau_is_not_cut_at_its_township_suffix():
    meta = meta_of("青禾县乡村振兴局2021年政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert (meta.agency, meta.region) == ("青禾县乡村振兴局", "青禾县")
    meta = meta_of("一、总体情况", "2021年，县乡村振兴局严格按照县委县政府要求开展工作。")
    assert (meta.agency, meta.region) == ("县乡村振兴局", None)


def test_meta_year_not_from_an_effective_date_or_a_comparison():
    meta = meta_of(
        "本年度报告由云梦市房屋管理局编制。",
        "一、概述",
        "按照本市规定，2004年5月1日起本机关着手推行信息公开。截至2014年11月，各项工作运行平稳。",
    )
    assert meta.year == 2014
    meta = meta_of(
        "本报告由云梦市档案局编制。",
        "一、概述",
        "全年主动公开信息120条，在2011年的基础上增长10%。截至2012年底，共受理申请3件。",
    )
    assert meta.year == 2012


@pytest.mark.parametrize("ending", ["工作汇报", "工作总结"])
def test_meta_report_and_summary_titles(ending):
    meta = meta_of(
        f"云梦市通信管理局2018年政务信息公开{ending}",
        "一、基本情况",
        "2019年将继续完善制度，2019年计划公开信息更多。",
    )
    assert (meta.title, meta.agency, meta.year) == (f"云梦市通信管理局2018年政务信息公开{ending}", "云梦市通信管理局", 2018)


@pytest.mark.parametrize(
    ("lines", "agency"),
    [
        # the opening sentence after a comma and its year; the district from the notice the intro cites
        (
            (
                "本报告按照《星河区人民政府办公室关于做好年报工作的通知》编写。",
                "一、总体情况",
                "（一）主动公开情况。围绕中心工作，坚持应公开尽公开，2024年，区科技局依法发布信息80条。",
            ),
            "星河区科技局",
        ),
        # an agency line over a title without a year
        (("云梦市工业和信息化局", "政府信息公开工作年度报告", "一、总体情况", "2020年，我局依法公开信息。"), "云梦市工业和信息化局"),
        # the agency alone on the first line (a table's empty cells after it)
        (
            ("云梦市教育局 | ||||||", "根据市府办文件要求，我局认真开展自查。现报告如下：一、基本概况 2014年，我局认真实施办法。"),
            "云梦市教育局",
        ),
        # the author sentence at the top of part 一 when nothing precedes it
        (
            (
                "一、总体情况",
                "本年度报告是由云梦市人民防空办公室依据《条例》要求编制。如对本报告有疑问，请与云梦市人民防空办公室联系。",
                "2021年我办积极推动主动公开工作。",
            ),
            "云梦市人民防空办公室",
        ),
    ],
)
def test_meta_agency_misses_filled(lines, agency):
    assert meta_of(*lines).agency == agency


def test_meta_agency_named_only_by_its_own_website_and_the_self_pronoun():
    meta = meta_of(
        "根据《条例》编制本报告：",
        "一、政府信息公开基本情况",
        "2017年，我局认真贯彻落实《条例》。调整星河区水利局政务公开领导小组。"
        "安排专人负责星河区水利局网站的维护。充分发挥星河区水利局网站的作用。",
    )
    assert meta.agency == "星河区水利局"
    # a name before a website that is not the unit the report calls itself names no agency
    meta = meta_of("一、总体情况", "2017年，我局在星河区人民政府网站公开信息。星河区人民政府网站运行平稳。")
    assert meta.agency is None


def test_meta_zone_publisher_named_with_its_town():
    meta = meta_of(
        "发布单位 | 青禾科技城(月湾镇) | 发布日期 | 2019-03-29 |",
        "2018年政府信息公开工作年度报告",
        "现将我委政务公开工作汇报如下。",
        "一、年度政府信息公开的基本概况",
    )
    assert (meta.agency, meta.region) == ("青禾科技城(月湾镇)", "月湾镇")


def test_meta_the_fullest_name_the_report_gives_itself():
    # the title's short form, spelled out by the intro sentence that names the report
    meta = meta_of(
        "2013年度云梦市工商局政府信息公开工作年度报告",
        "特向社会公布2013年度云梦市工商行政管理局信息公开年度报告。",
        "一、概述",
    )
    assert (meta.title, meta.agency) == ("2013年度云梦市工商局政府信息公开工作年度报告", "云梦市工商行政管理局")
    # a name completed from a mention after a verb glued before it
    meta = meta_of(
        "为认真做好云梦市卫生健康局政府信息公开工作，我局精心组织。", "一、总体情况", "市卫生健康局积极配合做好网站建设。"
    )
    assert (meta.agency, meta.region) == ("云梦市卫生健康局", "云梦市")
    # the larger place the contact line writes before the title's name; no province
    meta = meta_of(
        "月湾乡人民政府2016年政府信息公开年度报告",
        "如对本报告有疑问，可联系青禾县月湾乡人民政府，电话：1234。",
        "一、概述",
    )
    assert (meta.agency, meta.region) == ("青禾县月湾乡人民政府", "青禾县月湾乡")
    meta = meta_of("月湾乡2016年政府信息公开年度报告", "地址：云梦省青禾县月湾乡人民路1号。", "一、概述")
    assert (meta.agency, meta.region) == ("青禾县月湾乡人民政府", "青禾县月湾乡")
    # a verb before a level word is no place ("主动公开市外办…" names no 公开市)
    meta = meta_of("一、总体情况", "2020年，市外办认真贯彻《条例》，全面主动公开市外办的基本信息。")
    assert meta.agency == "市外办"


def test_meta_joint_issuers_keep_their_separator():
    meta = meta_of(
        "2017年云梦市星河区人民政府青禾开发区管委会",
        "政府信息公开年度报告",
        "本报告是由云梦市星河区人民政府、青禾开发区管委会编制的2017年度政府信息公开年度报告。",
        "一、概述",
    )
    assert (meta.agency, meta.region) == ("云梦市星河区人民政府、青禾开发区管委会", "云梦市星河区")


def test_meta_region_of_a_national_body_branch_and_from_a_larger_place():
    meta = meta_of(
        "国家税务总局云梦市税务局向社会公布本单位2020年政府信息公开工作年度报告。如有疑问，请与国家税务总局云梦市税务局"
        "政务公开办公室联系。",
        "一、总体情况",
    )
    assert (meta.agency, meta.region) == ("国家税务总局云梦市税务局", "云梦市")
    meta = meta_of(
        "现发布星河区人力资源和社会保障局2017年政府信息公开工作年度报告。如有疑问，请与星河区人力资源和社会保障局办公室"
        "联系（地址：云梦市星河区长安路1号）。",
        "一、概述",
    )
    assert (meta.agency, meta.region) == ("星河区人力资源和社会保障局", "云梦市星河区")


@pytest.mark.parametrize(
    ("intro", "title"),
    [
        ("现向社会公布云梦市星河区教育局2014年度政府信息公开工作年度报告。", "云梦市星河区教育局2014年度政府信息公开工作年度报告"),
        ("特向社会公布2017年国家云梦总局政府信息公开年度报告。", "2017年国家云梦总局政府信息公开年度报告"),
        ("本报告是根据《条例》要求，由星河区农业局编制的2015年度政府信息公开年度报告。", "星河区农业局2015年度政府信息公开年度报告"),
        # the office that compiled it is not the report's name
        ("本年报由云梦市星河区教育局办公室编制的2024年度政府信息公开工作年度报告。", "云梦市星河区教育局2024年度政府信息公开工作年度报告"),
        # no full name: a pronoun, a level-only name, a cited notice
        ("现向社会公布2022年度本单位政府信息公开工作年度报告。", None),
        ("星河区教育局编制了县教育局2020年政府信息公开工作年度报告。", None),
        ("根据《关于做好2018年度政府信息公开年度报告编制和发布工作的通知》要求编制本报告。", None),
    ],
)
def test_meta_title_from_the_intro_sentence_publishing_the_report(intro, title):
    assert meta_of(intro, "一、概述").title == title


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("一、总体情况 2099年，本局依法公开。", "一、总体情况"),
        ("一、政府信息主動公開情況2099年度本鎮公開信息。", "一、政府信息主動公開情況"),
        ("一、基本概况2099年，本局依法公开。", "一、基本概况"),
        ("—、總體情況", "—、總體情況"),
        ("第五部分：存在的主要问题及改进情况", "第五部分：存在的主要问题及改进情况"),
        ("一、人员不足。二、培训较少。", None),
        ("一、主动公开信息100条。", None),
        ("1、总体情况", None),
    ],
)
def test_standard_heading_end_only_for_standard_words_standing_alone(text, end):
    found = standard_heading_end("如下：" + text, 3)
    assert (found and ("如下：" + text)[3:found]) == end
