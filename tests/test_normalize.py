"""normalize(): one rule per test on constructed strings, then invariants on the real seed reports.

Constructed strings are written for these tests; the seed reports are read from the shared corpora.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp.model import Block, Document, Source
from nlp.normalize import normalize
from nlp.readers import read

SEEDS = (
    "000_ae88c21f34adefec",
    "001_1e161ef14c1da7cc",
    "002_b2662e0c1d87a114",
    "003_3dd38cd922b2f941",
    "004_d9116de1bb1d21a9",
)
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def paragraphs(*lines: str) -> Document:
    return Document(Source("constructed"), [Block("paragraph", line) for line in lines])


def clean(*lines: str) -> str:
    return normalize(paragraphs(*lines)).text


def lines_of(text: str) -> Document:
    """The text as a .txt reader would hand it over: one paragraph block per line."""
    return paragraphs(*text.split("\n"))


def assert_spans(doc: Document) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


@pytest.fixture(scope="module")
def seed_paths(corpora: Path) -> dict[str, Path]:
    return {seed: corpora / "seeds" / f"{seed}.txt" for seed in SEEDS}


# --- character rules -------------------------------------------------------------------------------------


def test_full_width_ascii_becomes_half_width_but_chinese_punctuation_stays():
    assert clean("ＡＢＣ１２３％．／－") == "ABC123%./-"
    assert clean("（一）主动公开情况：共１．５万条，增长４０％；") == "（一）主动公开情况：共1.5万条，增长40%；"


def test_half_width_punctuation_typed_by_the_author_stays():
    assert clean("(一)主动公开:") == "(一)主动公开:"


def test_typographic_spaces_become_spaces_and_invisible_characters_go():
    assert clean("\u3000\u3000一、总体情况\xa0") == "一、总体情况"
    assert clean("主动\u200b公开\ufeff情况\u00ad") == "主动公开情况"
    assert clean("信息\u2002公开") == "信息 公开"


def test_control_characters_go_and_page_breaks_become_line_breaks():
    assert clean("第一页内容\x0c第二页内容") == "第一页内容\n第二页内容"
    assert clean("甲\x07乙") == "甲乙"
    assert clean("第一行\r\n第二行\r第三行") == "第一行\n第二行\n第三行"


def test_conversion_residue_is_removed():
    assert clean("[bookmark: _GoBack]一、总体情况") == "一、总体情况"
    assert clean("正文<!-- 批注 -->继续") == "正文继续"
    assert clean("![](/images/logo.png)一、总体情况") == "一、总体情况"
    assert clean("????一、总体情况") == "一、总体情况"


def test_pinyin_glosses_of_mirror_sites_are_removed_but_latin_words_stay():
    assert clean("區(qū)科技局監(jiān)督中(zhong)国") == "區科技局監督中国"
    assert clean("政务APP(ios)版本") == "政务APP(ios)版本"


def test_markdown_emphasis_and_heading_marks_are_removed():
    assert clean("**一是**公开内容丰富。**二是加强培训。**") == "一是公开内容丰富。二是加强培训。"
    assert clean("*注：本表数据*") == "注：本表数据"
    assert clean("# 一、总体情况") == "一、总体情况"
    assert clean("得分 2*3") == "得分 2*3"


def test_page_number_lines_are_emptied():
    assert clean("甲", "- 3 -", "乙") == "甲\n\n乙"
    assert clean("第 2 页 共 6 页") == ""


def test_spaces_between_chinese_text_and_figures_go():
    assert clean("2024 年, 我局公开信息 6 条") == "2024年,我局公开信息6条"
    assert clean("共 1.5 万条，增长 40 %") == "共1.5万条，增长40%"
    assert clean("国令第711 号") == "国令第711号"


def test_spaces_around_chinese_punctuation_and_after_ordinals_go():
    assert clean("5、 存在的主要问题") == "5、存在的主要问题"
    assert clean("（一） 主动公开 。 下一步") == "（一）主动公开。下一步"
    assert clean("(一) 主动公开:") == "(一)主动公开:"
    assert clean("1. 属于国家秘密") == "1.属于国家秘密"


def test_spaces_that_separate_fields_or_figures_stay():
    assert clean("来源:市科技局 日期:2025-01-20") == "来源:市科技局 日期:2025-01-20"
    assert clean("分别为 12, 34 件") == "分别为 12, 34件"
    assert clean("3 119") == "3 119"


def test_tabs_between_cells_stay():
    assert clean("规章\t0\t0\t0", "\t一、本年新收政府信息公开申请数量", "第二十条第（一）项\t\t\t") == (
        "规章\t0\t0\t0\n\t一、本年新收政府信息公开申请数量\n第二十条第（一）项\t\t\t"
    )


# --- tables and spans -------------------------------------------------------------------------------------


def test_table_block_renders_one_line_per_row_with_tab_separated_cells():
    doc = Document(
        Source("constructed"),
        [
            Block("paragraph", "三、收到和处理政府信息公开申请情况"),
            Block("table", rows=[["申请人情况", "商业\n企业", " 1 "], ["（一）予以公开", "１２", ""]]),
            Block("paragraph", "四、政府信息公开行政复议、行政诉讼情况"),
        ],
    )
    normalize(doc)
    assert doc.text == (
        "三、收到和处理政府信息公开申请情况\n申请人情况\t商业 企业\t1\n（一）予以公开\t12\t\n"
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    assert doc.blocks[1].rows == [["申请人情况", "商业 企业", "1"], ["（一）予以公开", "12", ""]]
    assert_spans(doc)


def test_empty_blocks_keep_their_lines():
    doc = normalize(paragraphs("甲", "", "\t0", ""))
    assert doc.text == "甲\n\n\t0\n"
    assert_spans(doc)


# --- line joins -------------------------------------------------------------------------------------------


def test_title_wrapped_inside_its_phrase_is_joined():
    doc = normalize(paragraphs("和田地区科技局2024年政府信息", "公开工作年度报告", "", "正文。"))
    assert doc.text == "和田地区科技局2024年政府信息公开工作年度报告\n\n正文。"
    assert doc.blocks[1].start == doc.blocks[0].end
    assert_spans(doc)


def test_agency_line_above_a_complete_title_is_not_joined():
    assert clean("淮安市人民政府", "2024年政府信息公开工作年度报告") == "淮安市人民政府\n2024年政府信息公开工作年度报告"


def test_wrapped_part_heading_is_joined_only_when_it_completes_a_known_heading():
    assert clean("四、政府信息公开行政复议、行政", "诉讼情况") == "四、政府信息公开行政复议、行政诉讼情况"
    assert clean("一、总体情况", "2024年，我局…") == "一、总体情况\n2024年，我局…"


def test_figure_wrapped_before_its_unit_is_joined():
    assert clean("政府信息公开行政复议351", "件，其中结果维持72", "件。") == "政府信息公开行政复议351件，其中结果维持72件。"
    assert clean("\t351", "件") == "\t351\n件"
    assert clean("共计35", "1件") == "共计35\n1件"


# --- real seeds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_normalization_is_idempotent(seed_paths, seed):
    once = normalize(read(seed_paths[seed]))
    assert normalize(once).text == once.text
    assert normalize(lines_of(once.text)).text == once.text
    assert_spans(once)


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_digit_sequences_survive_normalization(seed_paths, seed):
    raw = seed_paths[seed].read_text(encoding="utf-8").translate(FULL_WIDTH_DIGITS)
    text = normalize(read(seed_paths[seed])).text
    assert re.findall(r"\d+", text) == re.findall(r"\d+", raw)


def test_seed_residue_is_gone(seed_paths):
    texts = {seed: normalize(read(path)).text for seed, path in seed_paths.items()}
    assert all("[bookmark" not in text and "\xa0" not in text for text in texts.values())
    raw = seed_paths["004_d9116de1bb1d21a9"].read_text(encoding="utf-8")
    assert "**一是**" in raw and "**" not in texts["004_d9116de1bb1d21a9"]
    assert texts["004_d9116de1bb1d21a9"].count("一是") == raw.count("一是")
    assert texts["000_ae88c21f34adefec"].split("\n")[1] == "一、总体情况"
    assert "5、存在的主要问题及改进情况" in texts["000_ae88c21f34adefec"].split("\n")
    assert "(一)主动公开:" in texts["001_1e161ef14c1da7cc"].split("\n")
    assert "老城区科学技术局2024年政府信息公开工作年度报告" in texts["001_1e161ef14c1da7cc"].split("\n")


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        ("002_b2662e0c1d87a114", "和田地区科技局2024年政府信息公开工作年度报告"),
        ("003_3dd38cd922b2f941", "济宁高新区科技创新局2024年政府信息公开工作年度报告"),
    ],
)
def test_seed_wrapped_titles_are_joined(seed_paths, seed, title):
    assert normalize(read(seed_paths[seed])).text.split("\n")[0] == title
