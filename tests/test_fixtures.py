"""Sanity tests of the fixture generators and of the fictional sample report.

The renderings are read back at fixed template coordinates (worked out by hand from the template, see the
module docstring of ``tests/fixtures.py``), not with the generators' own label logic, so a misplaced number
fails here instead of silently passing through to the end-to-end tests.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from bs4 import BeautifulSoup
from docx.opc.exceptions import PackageNotFoundError

from fixtures import (
    BAD_INPUT_CODES,
    fill_official_template,
    iter_seeds,
    load_expected_tables,
    make_bad_inputs,
    render_html,
    seed_as_docx,
    seed_as_html,
    seed_narrative,
)
from nlp.model import REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"

# Where the template keeps each number: table A (row, grid column), table B first data row and first number
# column, table C data row.
ACTIVE_CELLS = {
    ("regulations", "made"): (2, 1),
    ("regulations", "repealed"): (2, 2),
    ("regulations", "valid"): (2, 3),
    ("normative_documents", "made"): (3, 1),
    ("normative_documents", "repealed"): (3, 2),
    ("normative_documents", "valid"): (3, 3),
    ("administrative_licensing", "decisions"): (6, 1),
    ("administrative_penalty", "decisions"): (9, 1),
    ("administrative_coercion", "decisions"): (10, 1),
    ("administrative_fees", "amount_10k_yuan"): (13, 1),
}
REQUESTS_FIRST_ROW, REQUESTS_FIRST_COLUMN = 3, 3
REVIEW_ROW = 3


def distinct_tables() -> dict:
    """Tables in which every cell holds a different number, so any misplacement shows."""
    active: dict[str, dict] = {}
    for index, (row, column) in enumerate(ACTIVE_CELLS):
        active.setdefault(row, {})[column] = 500 + index
    active["administrative_fees"]["amount_10k_yuan"] = 12.35
    requests = {
        row: {column: 100 + 7 * r + c for c, column in enumerate(REQUEST_COLUMNS)} for r, row in enumerate(REQUEST_ROWS)
    }
    review = {group: {column: 10 * g + c for c, column in enumerate(REVIEW_COLUMNS)} for g, group in enumerate(REVIEW_GROUPS)}
    return {"active_disclosure": active, "requests": requests, "review_litigation": review}


def expected_cells(tables: dict) -> dict[tuple[int, int, int], str]:
    """(table index, row, grid column) -> the text the template cell must show."""
    cells = {}
    for (row, column), (r, c) in ACTIVE_CELLS.items():
        value = tables["active_disclosure"][row][column]
        cells[(0, r, c)] = f"{value:g}" if isinstance(value, float) else str(value)
    for r, row in enumerate(REQUEST_ROWS):
        for c, column in enumerate(REQUEST_COLUMNS):
            cells[(1, REQUESTS_FIRST_ROW + r, REQUESTS_FIRST_COLUMN + c)] = str(tables["requests"][row][column])
    for g, group in enumerate(REVIEW_GROUPS):
        for c, column in enumerate(REVIEW_COLUMNS):
            cells[(2, REVIEW_ROW, 5 * g + c)] = str(tables["review_litigation"][group][column])
    return cells


def html_grid(table) -> list[list[str]]:
    """An HTML table expanded to a full grid, each merged cell's text repeated over its span."""
    grid: list[list[str | None]] = []
    for r, tr in enumerate(table.find_all("tr")):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for td in tr.find_all("td"):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rowspan, colspan = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                row = grid[r + dr]
                row.extend([None] * (c + colspan - len(row)))
                for dc in range(colspan):
                    row[c + dc] = td.get_text().strip()
            c += colspan
    return grid


def test_filled_template_has_each_number_in_its_cell(tmp_path, template):
    tables = distinct_tables()
    path = fill_official_template(tables, tmp_path / "filled.docx", template=template, title="测试报告")
    document = docx.Document(str(path))
    for (t, r, c), text in expected_cells(tables).items():
        assert document.tables[t].rows[r].cells[c].text.strip() == text, (t, r, c)
    assert document.tables[1].rows[3].cells[3].text == "100"  # 本年新收 x 自然人
    assert document.tables[0].rows[13].cells[1].text == "12.35"


def test_none_leaves_the_cell_blank_and_a_none_table_leaves_the_table_blank(tmp_path, template):
    tables = distinct_tables()
    tables["requests"]["granted"]["natural_person"] = None
    tables["review_litigation"] = None
    document = docx.Document(str(fill_official_template(tables, tmp_path / "blank.docx", template=template, title="测试报告")))
    assert document.tables[1].rows[5].cells[3].text.strip() == ""
    assert document.tables[1].rows[5].cells[4].text == str(tables["requests"]["granted"]["commercial_enterprise"])
    assert all(cell.text.strip() == "" for cell in document.tables[2].rows[REVIEW_ROW].cells)


def test_a_value_the_template_has_no_cell_for_is_an_error(tmp_path, template):
    tables = distinct_tables()
    tables["requests"]["granted_in_part"] = {"total": 1}
    with pytest.raises(ValueError, match="requests.granted_in_part.total"):
        fill_official_template(tables, tmp_path / "x.docx", template=template, title="测试报告")


def test_single_other_processing_row_replaces_the_three_other_rows(tmp_path, template):
    tables = distinct_tables()
    for row in ("other_overdue_correction", "other_overdue_fee", "other_other"):
        del tables["requests"][row]
    tables["requests"]["other_processing"] = {column: 900 + c for c, column in enumerate(REQUEST_COLUMNS)}
    table = docx.Document(str(fill_official_template(tables, tmp_path / "2019.docx", template=template, title="测试报告"))).tables[1]
    assert len(table.rows) == 26
    other = table.rows[23].cells
    assert [cell.text for cell in other[:3]] == ["三、本年度办理结果", "（六）其他处理", "（六）其他处理"]
    assert [cell.text for cell in other[3:]] == [str(900 + c) for c in range(7)]
    assert table.rows[24].cells[1].text == "（七）总计"
    assert table.rows[24].cells[3].text == str(tables["requests"]["total_processed"]["natural_person"])


def test_narrative_replaces_the_template_placeholders(tmp_path, template):
    before = ["一、总体情况", "本年度主动公开信息10条。", "二、主动公开政府信息情况"]
    between = (["三、收到和处理政府信息公开申请情况"], ["四、政府信息公开行政复议、行政诉讼情况"])
    after = ["五、存在的主要问题及改进情况", "问题一。", "六、其他需要报告的事项", "未收取信息处理费。"]
    path = fill_official_template(
        distinct_tables(),
        tmp_path / "n.docx",
        template=template,
        title="某局2024年政府信息公开工作年度报告",
        paragraphs_before=before,
        paragraphs_between=between,
        paragraphs_after=after,
    )
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts == ["某局2024年政府信息公开工作年度报告", *before, *between[0], *between[1], *after]
    assert document.core_properties.title == "某局2024年政府信息公开工作年度报告"
    body = [child.tag.rsplit("}", 1)[1] for child in document.element.body.iterchildren()]
    assert body.count("tbl") == 3


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
def test_html_page_declares_and_uses_its_encoding(encoding, template):
    tables = distinct_tables()
    data = render_html(["一、总体情况", "本年度主动公开信息10条。"], tables, ["六、其他需要报告的事项"], template=template, title="某局年度报告", encoding=encoding)
    assert f'<meta charset="{encoding}">'.encode("ascii") in data
    text = data.decode(encoding)
    assert "本年度主动公开信息10条。" in text and "“三安全一稳定”" in text
    if encoding != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    soup = BeautifulSoup(data, "lxml")
    assert soup.original_encoding == encoding
    assert soup.find("script") and soup.find("style") and soup.find("nav")
    assert "来源" in soup.get_text() and "发布日期" in soup.get_text()


def test_html_tables_keep_the_official_layout(template):
    tables = distinct_tables()
    soup = BeautifulSoup(render_html([], tables, [], template=template, title="某局年度报告"), "lxml")
    grids = [html_grid(table) for table in soup.find_all("table")]
    assert [(len(g), {len(row) for row in g}) for g in grids] == [(14, {4}), (28, {10}), (4, {15})]
    for (t, r, c), text in expected_cells(tables).items():
        assert grids[t][r][c] == text, (t, r, c)
    assert grids[1][10][0] == "三、本年度办理结果" and grids[1][10][1] == "（三）不予公开"
    assert grids[2][2][0] == "结果维持" and grids[2][2][10] == "结果维持"


def test_seed_narrative_keeps_every_sentence_outside_the_tables(corpora):
    for seed in iter_seeds(corpora):
        narrative = seed_narrative(seed)
        kept = "".join([narrative.title, *narrative.before, *narrative.between[0], *narrative.between[1], *narrative.after])
        for line in seed.read_text(encoding="utf-8").splitlines():
            if "。" in line:
                assert line in kept, (seed.name, line[:30])
        assert narrative.before[-1].endswith("主动公开政府信息情况")
        assert re.match(r"[五5]", narrative.after[0].strip())


def test_seed_renderings_carry_narrative_and_tables(tmp_path, corpora, template):
    for seed in iter_seeds(corpora):
        tables = load_expected_tables(seed.stem) or distinct_tables()
        narrative = seed_narrative(seed)
        document = docx.Document(str(seed_as_docx(seed, tables, tmp_path / f"{seed.stem}.docx", template)))
        opening = ([narrative.title] if narrative.title else []) + narrative.before
        paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
        assert paragraphs == [*opening, *narrative.between[0], *narrative.between[1], *narrative.after]
        assert document.tables[1].rows[3].cells[9].text == str(tables["requests"]["new_received"]["total"])
        page = BeautifulSoup(seed_as_html(seed, tables, tmp_path / f"{seed.stem}.html", template, encoding="gbk").read_bytes(), "lxml")
        body = [p.get_text() for p in page.select("#zoom > p")]
        assert body == [*narrative.before, *narrative.between[0], *narrative.between[1], *narrative.after]
        assert html_grid(page.find_all("table")[1])[3][9] == str(tables["requests"]["new_received"]["total"])


def test_bad_inputs_are_each_broken_in_their_own_way(tmp_path):
    files = make_bad_inputs(tmp_path)
    assert files.keys() == BAD_INPUT_CODES.keys()
    assert files["empty_txt"].stat().st_size == 0
    assert b"\x00" in files["binary_txt"].read_bytes()
    assert not zipfile.is_zipfile(files["corrupt_docx"])
    with pytest.raises(PackageNotFoundError):
        docx.Document(str(files["corrupt_docx"]))
    with pytest.raises(pymupdf.FileDataError):
        pymupdf.open(files["truncated_pdf"])
    scanned = pymupdf.open(files["scanned_pdf"])
    assert scanned[0].get_text().strip() == "" and scanned[0].get_images()
    assert pymupdf.open(files["encrypted_pdf"]).needs_pass
    assert files["legacy_doc"].read_bytes().startswith(bytes.fromhex("d0cf11e0a1b11ae1"))
    assert files["unsupported_xyz"].suffix == ".xyz"


# ------------------------------------------------------------------------------------------------------
# The fictional sample report and its expected tables


def test_sample_expected_tables_obey_every_identity():
    tables = load_expected_tables("sample_report_2024")
    requests = tables["requests"]
    assert list(requests) == list(REQUEST_ROWS)
    outcome_rows = REQUEST_ROWS[REQUEST_ROWS.index("granted") : REQUEST_ROWS.index("total_processed")]
    for column in REQUEST_COLUMNS:
        assert requests["new_received"][column] + requests["carried_over"][column] == (
            requests["total_processed"][column] + requests["carried_forward"][column]
        )
        assert requests["total_processed"][column] == sum(requests[row][column] for row in outcome_rows)
    for row in REQUEST_ROWS:
        assert requests[row]["total"] == sum(requests[row][c] for c in REQUEST_COLUMNS if c != "total")
    for group in tables["review_litigation"].values():
        assert group["total"] == group["upheld"] + group["corrected"] + group["other"] + group["pending"]
    assert requests["new_received"]["total"] > 0 and tables["review_litigation"]["review"]["total"] > 0


def test_sample_tables_text_matches_its_expected_tables():
    """The tab-separated rows of the sample text carry exactly the expected numbers, in contract order."""
    tables = load_expected_tables("sample_report_2024")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    numeric = [[cell for cell in line.split("\t") if cell] for line in lines if "\t" in line]
    rows_b = [cells[-7:] for cells in numeric if 8 <= len(cells) <= 10 and all(re.fullmatch(r"\d+", c) for c in cells[-7:])]
    assert rows_b == [[str(tables["requests"][row][column]) for column in REQUEST_COLUMNS] for row in REQUEST_ROWS]
    row_c = next(cells for cells in numeric if len(cells) == 15 and all(c.isdigit() for c in cells))
    assert row_c == [str(tables["review_litigation"][g][c]) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    active = {cells[0]: cells[1:] for cells in numeric if len(cells) >= 2 and re.fullmatch(r"[\d.]+", cells[1])}
    assert active["行政规范性文件"] == ["2", "1", "9"] and active["行政事业性收费"] == ["0.42"]


def test_sample_narrative_agrees_with_its_tables():
    tables = load_expected_tables("sample_report_2024")
    requests, review = tables["requests"], tables["review_litigation"]
    text = SAMPLE.read_text(encoding="utf-8")
    assert f"收到政府信息公开申请{requests['new_received']['total']}件" in text
    assert f"上年结转{requests['carried_over']['total']}件" in text
    assert f"已办结{requests['total_processed']['total']}件" in text
    assert f"另有{requests['carried_forward']['total']}件" in text
    assert f"被申请行政复议{review['review']['total']}件" in text
    assert f"向{requests['other_overdue_fee']['total']}名申请人发出信息处理费收费通知" in text
    assert text.rstrip().endswith("2025年1月20日")
    for heading in ("一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况",
                    "（四）政府信息公开平台建设情况", "（五）监督保障情况", "二、主动公开政府信息情况",
                    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                    "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert f"\n{heading}\n" in text
