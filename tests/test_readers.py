"""The reading stage on real inputs: seeds in several encodings, the Huaian PDF, the official DOCX template,
documents built here with python-docx, pymupdf and hand-written HTML, and broken files."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import docx
import pymupdf
import pytest

from nlp.errors import ReportError
from nlp.model import Block, Document
from nlp.readers import read
from tests import bad_inputs

SEED_LINES = {
    "000_ae88c21f34adefec.txt": 375,
    "001_1e161ef14c1da7cc.txt": 94,
    "002_b2662e0c1d87a114.txt": 410,
    "003_3dd38cd922b2f941.txt": 418,
    "004_d9116de1bb1d21a9.txt": 101,
}

# Values read off huaian_city_2024.pdf by hand, in reading order.
HUAIAN_TABLE_A = [["1", "0", "11"], ["8", "26", "66"], ["447228"], ["3985758"], ["88283"], ["96171.6"]]
HUAIAN_TABLE_B = [
    ["3001", "53", "0", "0", "61", "4", "3119"],
    ["34", "0", "0", "0", "0", "0", "34"],
    ["1288", "21", "0", "0", "50", "3", "1362"],
    ["447", "7", "0", "0", "0", "0", "454"],
    ["2", "0", "0", "0", "0", "0", "2"],
    ["30", "1", "0", "0", "0", "0", "31"],
    ["5", "0", "0", "0", "0", "0", "5"],
    ["6", "0", "0", "0", "0", "0", "6"],
    ["7", "1", "0", "0", "0", "0", "8"],
    ["12", "0", "0", "0", "0", "0", "12"],
    ["9", "0", "0", "0", "0", "0", "9"],
    ["105", "0", "0", "0", "0", "0", "105"],
    ["746", "12", "0", "0", "10", "1", "769"],
    ["11", "0", "0", "0", "0", "0", "11"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["56", "6", "0", "0", "0", "0", "62"],
    ["25", "0", "0", "0", "0", "0", "25"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["67", "3", "0", "0", "1", "0", "71"],
    ["6", "0", "0", "0", "0", "0", "6"],
    ["108", "2", "0", "0", "0", "0", "110"],
    ["2932", "53", "0", "0", "61", "4", "3050"],
    ["103", "0", "0", "0", "0", "0", "103"],
]
HUAIAN_TABLE_C = ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]

NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def paragraphs(document: Document) -> list[str]:
    return [b.text for b in document.blocks if b.kind == "paragraph"]


def tables(document: Document) -> list[Block]:
    return [b for b in document.blocks if b.kind == "table"]


def numeric_tail(row: list[str]) -> list[str]:
    """The numbers at the end of a row (where every report table keeps its values)."""
    tail: list[str] = []
    for cell in reversed(row):
        if not NUMBER.match(cell):
            break
        tail.insert(0, cell)
    return tail


def read_error(path: Path) -> ReportError:
    with pytest.raises(ReportError) as caught:
        read(path)
    return caught.value


# --- text ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_seed_reads_as_utf8_one_block_per_line(corpora: Path, name: str) -> None:
    path = corpora / "seeds" / name
    document = read(path)
    assert document.source.format == "txt"
    assert document.source.encoding == "utf-8"
    assert document.source.size == path.stat().st_size
    assert len(document.source.sha256) == 64
    assert len(document.blocks) == SEED_LINES[name]
    assert all(b.kind == "paragraph" for b in document.blocks)
    # Text-layout tables survive: cell lines keep their tab, blank row separators stay as empty blocks.
    texts = paragraphs(document)
    assert any(t.startswith("\t") for t in texts)
    assert "" in texts
    assert texts == path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # Python writes a BOM
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16-le", "utf-16-le"),  # no BOM
    ],
)
@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_reencoded_seed_reads_back_identically(
    corpora: Path, tmp_path: Path, name: str, codec: str, expected: str
) -> None:
    original = read(corpora / "seeds" / name)
    text = (corpora / "seeds" / name).read_text(encoding="utf-8")
    copy = tmp_path / name
    copy.write_bytes(text.encode(codec))
    document = read(copy)
    assert document.source.encoding == expected
    assert paragraphs(document) == paragraphs(original)


def test_gbk_file_with_windows_line_ends(corpora: Path, tmp_path: Path) -> None:
    name = "002_b2662e0c1d87a114.txt"
    original = read(corpora / "seeds" / name)
    text = (corpora / "seeds" / name).read_text(encoding="utf-8")
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    document = read(copy)
    assert document.source.encoding == "gb18030"
    assert paragraphs(document) == paragraphs(original)


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("# 某局2024年政府信息公开工作年度报告\n\n**一、总体情况**\n\t规章\t0\t0\t1\n", encoding="utf-8")
    document = read(path)
    assert document.source.format == "md"
    assert paragraphs(document) == ["# 某局2024年政府信息公开工作年度报告", "", "**一、总体情况**", "\t规章\t0\t0\t1"]


# --- PDF -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huaian(corpora: Path) -> Document:
    return read(corpora / "real" / "huaian_city_2024.pdf")


def test_huaian_source(huaian: Document) -> None:
    assert huaian.source.format == "pdf"
    assert huaian.source.encoding is None
    assert huaian.text == ""  # filled by the normalize stage, not the reader


def test_huaian_has_no_page_numbers(huaian: Document) -> None:
    for text in paragraphs(huaian):
        assert not re.fullmatch(r"[-—]\s*\d+\s*[-—]", text.strip())
        assert not re.search(r"- \d -", text)


def test_huaian_wrapped_sentences_are_rejoined(huaian: Document) -> None:
    texts = paragraphs(huaian)
    opening = next(t for t in texts if t.startswith("本报告由淮安市人民政府办公室"))
    # "…中华人民共和国政府" / "信息公开条例》（国令第711 号）…" are two lines in the PDF.
    assert "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711 号）" in opening
    assert opening.endswith("电子邮箱：hazwgkc@163.com）。")
    # A sentence running over the page break from page 1 to page 2.
    assert any("“建设‘四最’一流营商环境高质量推进产业发展”" in t for t in texts)
    # Headings stay on their own.
    assert "一、总体情况" in texts
    assert "五、存在的主要问题及改进情况" in texts


def test_huaian_tables_are_grids_in_reading_order(huaian: Document) -> None:
    kinds = [(b.kind, b.text) for b in huaian.blocks]
    heading = {text: i for i, (kind, text) in enumerate(kinds) if kind == "paragraph"}
    table_positions = [i for i, (kind, _) in enumerate(kinds) if kind == "table"]
    assert len(table_positions) == 3  # tables A and B each continue over a page break and come out whole
    a, b, c = table_positions
    assert heading["二、主动公开政府信息情况"] < a < heading["三、收到和处理政府信息公开申请情况"] < b
    assert b < heading["四、政府信息公开行政复议、行政诉讼情况"] < c < heading["五、存在的主要问题及改进情况"]

    table_a, table_b, table_c = tables(huaian)
    assert [numeric_tail(r) for r in table_a.rows if numeric_tail(r)] == HUAIAN_TABLE_A
    assert [numeric_tail(r) for r in table_b.rows if numeric_tail(r)] == HUAIAN_TABLE_B
    assert [numeric_tail(r) for r in table_c.rows if numeric_tail(r)] == [HUAIAN_TABLE_C]


def test_huaian_table_cells_are_whole(huaian: Document) -> None:
    table_b = tables(huaian)[1]
    rows = {tuple(row[: len(row) - 7]) for row in table_b.rows if len(numeric_tail(row)) == 7}
    # A label written one character per line, and a label wrapped inside its cell.
    assert ("三、本年度办理结果", "（一）予以公开") in rows
    assert ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") in rows
    # A group label cut by the page break ("（四）无" / "法提供") is put back together.
    assert ("", "（四）无法提供", "1.本机关不掌握相关政府信息") in rows
    assert ("", "", "2.没有现成信息需要另行制作") in rows
    assert table_b.rows[2] == ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]


def _write_lines(page: pymupdf.Page, lines: list[tuple[float, float, str]], size: float = 14) -> None:
    for x, y, text in lines:
        page.insert_text((x, y), text, fontname="china-s", fontsize=size)


def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    # Lines of 30 CJK characters at 14 pt fill 72..492 pt; a paragraph starts indented by two characters.
    base = "政府信息公开工作稳步推进各项制度不断完善公开内容持续丰富公开渠道不断拓展平台建设"
    pages = [(base[n:] + base[:n])[:30] for n in range(3)]  # different text on every page
    document = pymupdf.open()
    for number, full in enumerate(pages, start=1):
        page = document.new_page(width=595, height=842)
        _write_lines(page, [(72, 50, "某某区人民政府2024年政府信息公开工作年度报告")], size=10)
        _write_lines(page, [(72, 800, f"第 {number} 页 共 3 页")], size=10)
        # Page 1 opens a paragraph; the later pages open with the rest of the previous page's paragraph.
        first = (100, 120, full[:28]) if number == 1 else (72, 120, full)
        _write_lines(page, [first, (72, 148, f"第{number}段结束。"), (100, 176, full[:28]), (72, 204, full)])
    path = tmp_path / "chrome.pdf"
    document.save(path)
    texts = paragraphs(read(path))
    assert not any("年度报告" in t or "页" in t for t in texts)
    one, two, three = pages
    assert texts == [
        one[:28] + "第1段结束。",
        one[:28] + one + two + "第2段结束。",
        two[:28] + two + three + "第3段结束。",
        three[:28] + three,
    ]


def _rule(page: pymupdf.Page, x0: float, y0: float, x1: float, y1: float) -> None:
    """A table rule drawn the way Word's PDF export does it: a thin filled rectangle."""
    if y0 == y1:
        y0, y1 = y0 - 0.25, y1 + 0.25
    else:
        x0, x1 = x0 - 0.25, x1 + 0.25
    page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=None, fill=(0, 0, 0), width=0)


def test_pdf_ruled_table_with_merges_continues_over_page_break(tmp_path: Path) -> None:
    xs = [72, 172, 312, 392, 472]
    document = pymupdf.open()
    first = document.new_page(width=595, height=842)
    _write_lines(first, [(72, 80, "三、收到和处理政府信息公开申请情况")])
    ys = [100, 125, 150, 175, 200]
    for y in (100, 125, 150, 200):
        _rule(first, 72, y, 472, y)
    _rule(first, 172, 175, 472, 175)  # no rule under "三、办理结果": it spans two rows
    for x in (72, 312, 392, 472):
        _rule(first, x, 100, x, 200)
    _rule(first, 172, 150, 172, 200)  # rows 1-2 span the two label columns
    cells = [
        (0, 0, "项目"), (0, 2, "自然人"), (0, 3, "总计"),
        (1, 0, "一、本年新收"), (1, 2, "3"), (1, 3, "3"),
        (2, 0, "三、办理结果"), (2, 1, "（一）予以公开"), (2, 2, "2"), (2, 3, "2"),
        (3, 1, "（二）部分公开"), (3, 2, "0"), (3, 3, "0"),
    ]
    _write_lines(first, [(xs[c] + 4, ys[r] + 17, text) for r, c, text in cells], size=10)

    second = document.new_page(width=595, height=842)
    ys = [80, 105, 130]
    for y in ys:
        _rule(second, 72, y, 472, y)
    for x in (72, 312, 392, 472):
        _rule(second, x, 80, x, 130)
    cells = [(0, 0, "项目"), (0, 2, "自然人"), (0, 3, "总计"), (1, 0, "四、结转下年度"), (1, 2, "1"), (1, 3, "1")]
    _write_lines(second, [(xs[c] + 4, ys[r] + 17, text) for r, c, text in cells], size=10)
    _write_lines(second, [(72, 170, "四、政府信息公开行政复议、行政诉讼情况")])
    path = tmp_path / "table.pdf"
    document.save(path)

    document = read(path)
    assert [b.kind for b in document.blocks] == ["paragraph", "table", "paragraph"]
    assert tables(document)[0].rows == [
        ["项目", "自然人", "总计"],  # the header row repeated on page 2 is kept once
        ["一、本年新收", "3", "3"],
        ["三、办理结果", "（一）予以公开", "2", "2"],
        ["", "（二）部分公开", "0", "0"],
        ["四、结转下年度", "1", "1"],
    ]


def test_pdf_box_around_running_text_is_not_a_table(tmp_path: Path) -> None:
    text = "本机关严格落实政府信息公开条例要求，持续完善主动公开目录，" * 20  # 600 characters
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.draw_rect(pymupdf.Rect(60, 60, 535, 700), color=(0, 0, 0), width=1)
    page.draw_line((60, 100), (535, 100), color=(0, 0, 0), width=1)
    _write_lines(page, [(72, 90, "说明")])
    lines = [text[i : i + 30] for i in range(0, len(text), 30)]
    _write_lines(page, [(72, 130 + 24 * n, line) for n, line in enumerate(lines)])
    path = tmp_path / "box.pdf"
    document.save(path)
    document = read(path)
    assert not tables(document)
    assert paragraphs(document) == ["说明", text]


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    error = read_error(bad_inputs.scanned_pdf(tmp_path / "扫描件.pdf"))
    assert error.code == "no_text_layer"
    assert "扫描件.pdf" in error.message and "OCR" in error.message
    assert "扫描件.pdf" in error.message_en


def test_encrypted_pdf(tmp_path: Path) -> None:
    error = read_error(bad_inputs.encrypted_pdf(tmp_path / "locked.pdf"))
    assert error.code == "encrypted"
    assert "locked.pdf" in error.message


@pytest.mark.parametrize("keep", [9, 2000, 200_000])
def test_truncated_pdf_is_corrupt(corpora: Path, tmp_path: Path, keep: int) -> None:
    path = bad_inputs.truncated_copy(corpora / "real" / "huaian_city_2024.pdf", tmp_path / "cut.pdf", keep)
    error = read_error(path)
    assert error.code == "corrupt_file"
    assert "cut.pdf" in error.message


def test_pdf_is_sniffed_whatever_its_extension(corpora: Path, tmp_path: Path) -> None:
    copy = tmp_path / "download.txt"
    shutil.copy(corpora / "real" / "huaian_city_2024.pdf", copy)
    document = read(copy)
    assert document.source.format == "pdf"
    assert len(tables(document)) == 3


# --- DOCX ----------------------------------------------------------------------------------------------


def test_built_docx_gives_body_order_and_merged_grid(tmp_path: Path) -> None:
    built = docx.Document()
    built.add_paragraph("一、总体情况")
    broken = built.add_paragraph("第一行")
    broken.add_run().add_break()
    broken.add_run("第二行")
    grid = built.add_table(rows=3, cols=4)
    header = grid.cell(0, 0).merge(grid.cell(0, 1))  # horizontal merge
    header.text = "申请人情况"
    grid.cell(0, 2).text, grid.cell(0, 3).text = "自然人", "总计"
    group = grid.cell(1, 0).merge(grid.cell(2, 0))  # vertical merge
    group.text = "三、本年度办理结果"
    grid.cell(1, 1).text = "（一）予以公开"
    grid.cell(1, 2).text, grid.cell(1, 3).text = "0", "0"  # equal neighbours are still two cells
    wrapped = grid.cell(2, 1)
    wrapped.text = "（二）部分公开"
    wrapped.add_paragraph("（区分处理的）")
    grid.cell(2, 2).text = "1"
    grid.cell(2, 2).add_paragraph("0")  # stacked digits must not fuse into "10"
    grid.cell(2, 3).text = "5"
    built.add_paragraph("二、主动公开政府信息情况")
    built.add_paragraph("第一项", style="List Number")
    built.add_paragraph("第二项", style="List Number")
    path = tmp_path / "built.docx"
    built.save(path)

    document = read(path)
    assert document.source.format == "docx"
    assert [b.kind for b in document.blocks] == ["paragraph"] * 3 + ["table"] + ["paragraph"] * 3
    assert paragraphs(document) == ["一、总体情况", "第一行", "第二行", "二、主动公开政府信息情况", "1.第一项", "2.第二项"]
    assert tables(document)[0].rows == [
        ["申请人情况", "自然人", "总计"],
        ["三、本年度办理结果", "（一）予以公开", "0", "0"],
        ["", "（二）部分公开（区分处理的）", "1 0", "5"],
    ]


def test_official_template_tables(corpora: Path) -> None:
    document = read(corpora / "real" / "official_template_blank.docx")
    table_a, table_b, table_c = tables(document)
    assert table_a.rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert table_a.rows[2] == ["规章", "", "", ""]  # blank cells stay (full-width spaces are blank)
    assert len(table_b.rows) == 28
    data_rows = table_b.rows[3:]
    assert len(data_rows) == 25
    assert data_rows[0] == ["一、本年新收政府信息公开申请数量"] + [""] * 7
    assert data_rows[2] == ["三、本年度办理结果", "（一）予以公开"] + [""] * 7
    assert data_rows[4] == ["", "（三）不予公开", "1.属于国家秘密"] + [""] * 7
    assert data_rows[5] == ["", "", "2.其他法律行政法规禁止公开"] + [""] * 7
    assert data_rows[-1] == ["四、结转下年度继续办理"] + [""] * 7
    assert table_c.rows[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert len(table_c.rows[2]) == 15 and len(table_c.rows[3]) == 15
    assert "一、总体情况" in paragraphs(document)


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(bad_inputs.garbage_bytes())
    error = read_error(path)
    assert error.code == "corrupt_file"
    assert "report.docx" in error.message


def test_truncated_docx(corpora: Path, tmp_path: Path) -> None:
    path = bad_inputs.truncated_copy(corpora / "real" / "official_template_blank.docx", tmp_path / "cut.docx", 5000)
    assert read_error(path).code == "corrupt_file"


# --- legacy .doc / .wps ----------------------------------------------------------------------------------


def test_doc_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bad_inputs.garbage_bytes(2048))
    error = read_error(path)
    assert error.code == "needs_libreoffice"
    assert "年报.doc" in error.message and "LibreOffice" in error.message and ".docx" in error.message


def test_doc_converted_by_libreoffice(corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = bad_inputs.fake_soffice(tmp_path, corpora / "real" / "official_template_blank.docx")
    monkeypatch.setattr(shutil, "which", lambda name: str(soffice) if name == "soffice" else None)
    path = tmp_path / "年报.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bad_inputs.garbage_bytes(2048))
    document = read(path)
    assert document.source.format == "wps"
    assert len(tables(document)) == 3


def test_doc_conversion_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = bad_inputs.fake_soffice(tmp_path, None)
    monkeypatch.setattr(shutil, "which", lambda name: str(soffice) if name == "soffice" else None)
    path = tmp_path / "年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bad_inputs.garbage_bytes(2048))
    error = read_error(path)
    assert error.code == "conversion_failed"
    assert "年报.doc" in error.message
    assert "could not be loaded" in error.message_en


# --- HTML ----------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某局2024年政府信息公开工作年度报告_某某市人民政府</title>
<style>.content { color: #333; }</style>
<script>var tracker = "统计脚本";</script>
</head>
<body>
<header><div>某某市人民政府门户网站</div></header>
<nav><a href="/">首页</a><a href="/gk">政务公开</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<table width="100%"><tr><td>
  <div class="article-content">
    <h1>某某局2024年政府信息公开工作年度报告</h1>
    <p>　　一、总体情况</p>
    <p>2024年，我局主动公开
    政府信息120条，同比增长20%。<br>全年未收到行政复议申请。</p>
    <table border="1">
      <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>0</td><td>0</td></tr>
      <tr><td>（二）部分公开</td><td>（区分处理的）</td><td>1</td><td>1</td></tr>
    </table>
    <p>二、主动公开政府信息情况</p>
    <div class="bdshare-box"><a>分享到微信</a></div>
    <div style="display: none">隐藏的推广文字</div>
  </div>
</td></tr></table>
<footer>版权所有：某某市人民政府办公室</footer>
</body></html>
"""


def test_gbk_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.encode("gbk"))
    document = read(path)
    assert document.source.format == "html"
    assert document.source.encoding == "gb18030"
    assert paragraphs(document) == [
        "某某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "2024年，我局主动公开政府信息120条，同比增长20%。",
        "全年未收到行政复议申请。",
        "二、主动公开政府信息情况",
    ]
    assert [b.kind for b in document.blocks].index("table") == 4  # in body order, inside the layout table
    assert tables(document)[0].rows == [
        ["（本列数据的勾稽关系）", "申请人情况"],
        ["", "自然人", "总计"],
        ["三、本年度办理结果", "（一）予以公开", "0", "0"],
        ["", "（二）部分公开", "（区分处理的）", "1", "1"],
    ]


def test_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(PAGE.replace("gb2312", "utf-8").encode("utf-8"))
    document = read(path)
    assert document.source.format == "html"
    assert document.source.encoding == "utf-8"
    assert "一、总体情况" in paragraphs(document)


# --- unusable input --------------------------------------------------------------------------------------


UNUSABLE = {  # file name -> (content, expected error code)
    "empty.txt": (b"", "empty_file"),
    "blank.txt": (b" \r\n\t\n  ", "empty_file"),
    "blank-utf16.txt": ("\u3000\n".encode("utf-16"), "empty_file"),
    "garbage.txt": (bad_inputs.garbage_bytes(), "binary_garbage"),
    "garbage.md": (bad_inputs.garbage_bytes(seed=1).replace(b"\x00", b"\x01"), "binary_garbage"),  # no NUL hint
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog", "corrupt_file"),
    "report.xyz": ("一、总体情况".encode(), "unsupported_format"),
    "report.xlsx": (b"PK\x03\x04" + b"xl/workbook.xml" + bad_inputs.garbage_bytes(256), "unsupported_format"),
}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_unusable_files(tmp_path: Path, name: str) -> None:
    content, code = UNUSABLE[name]
    path = tmp_path / name
    path.write_bytes(content)
    error = read_error(path)
    assert error.code == code
    assert name in error.message and name in error.message_en
    assert error.path == str(path)
    assert error.to_dict()["code"] == code


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert read_error(tmp_path / "不存在.pdf").code == "not_found"
    assert "不存在.pdf" in read_error(tmp_path / "不存在.pdf").message
    assert read_error(tmp_path).code == "not_found"
    folder = read_error(tmp_path)
    assert "这是一个文件夹，不是报告文件，此处需要单个报告文件" in folder.message
    assert "a single report file is required" in folder.message_en


def test_broken_and_looping_links_are_named_as_links(tmp_path: Path) -> None:
    """QA: a dangling or looping link was "文件不存在或不是普通文件", though ls lists it."""
    dangling = tmp_path / "快捷方式.pdf"
    dangling.symlink_to(tmp_path / "别处" / "旧报告.pdf")
    loop_a, loop_b = tmp_path / "循环A", tmp_path / "循环B"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    error = read_error(dangling)
    assert error.code == "not_found"
    assert f"无法读取文件 {dangling}：这是一个无法解析的符号链接（指向的文件不存在：{tmp_path / '别处' / '旧报告.pdf'}）。" == error.message
    assert "symbolic link that cannot be resolved (its target does not exist" in error.message_en
    error = read_error(loop_a)
    assert error.code == "not_found"
    assert "这是一个无法解析的符号链接（链接循环" in error.message and "循环A" in error.message
    assert "the links point to each other" in error.message_en


def test_a_file_without_read_permission_is_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "甲局" / "年报.txt"
    path.parent.mkdir()
    path.write_text("一、总体情况\n本年度主动公开政府信息12条。\n", encoding="utf-8")
    bad_inputs.deny_reading(monkeypatch, path)
    error = read_error(path)
    assert error.code == "permission_denied"
    assert error.message == f"无法读取文件 {path}：没有读取权限，请检查文件权限或换用有权限的账户运行。"
    assert "permission denied" in error.message_en and str(path) in error.message_en


def test_an_io_error_while_reading_is_read_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    bad_inputs.deny_reading(monkeypatch, path, errno.EIO)
    error = read_error(path)
    assert error.code == "read_failed"
    assert "EIO" in error.message and "Input/output error" in error.message_en


def test_messages_name_the_path_as_given_so_same_named_files_differ(tmp_path: Path) -> None:
    """One folder per agency, each holding 年报.pdf: the base name alone would not say whose file failed."""
    messages = []
    for agency in ("甲局", "乙局"):
        path = tmp_path / agency / "年报.pdf"
        path.parent.mkdir()
        path.write_bytes(b"")
        error = read_error(path)
        assert str(path) in error.message and str(path) in error.message_en
        messages.append(error.message)
    assert messages[0] != messages[1]


def test_govreport_html_report_is_not_read_as_a_report(tmp_path: Path) -> None:
    from nlp.render import html

    page = html.render(html.ReportData(title="审查汇总", generated_at="2025-04-01", database="r.sqlite", cards=[]))
    path = tmp_path / "审查汇总.html"
    path.write_text(page, encoding="utf-8")
    error = read_error(path)
    assert error.code == "no_report_content"
    assert "govreport 生成的审查汇总报告" in error.message
