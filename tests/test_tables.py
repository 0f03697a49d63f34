"""Table parser tests: real reports against values read off the documents by hand, and constructed layouts.

The expected values in ``tests/data/expected_tables/`` were read cell by cell from the source documents (the
five seed reports and the Huaian PDF); they hold numbers only, never report text. Constructed texts below use
the official form's row and column labels with invented numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pymupdf
import pytest
from docx import Document as DocxDocument

from nlp.model import REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, Cell, Part, Tables
from nlp.tables import active_row_columns, parse_tables

EXPECTED_DIR = Path(__file__).parent / "data" / "expected_tables"
REAL_REPORTS = (
    "000_ae88c21f34adefec",
    "001_1e161ef14c1da7cc",
    "002_b2662e0c1d87a114",
    "003_3dd38cd922b2f941",
    "004_d9116de1bb1d21a9",
    "huaian_city_2024",
)
TABLE_KEYS = ("active_disclosure", "requests", "review_litigation")


def source_text(corpora: Path, source: str) -> str:
    """The text the parser sees: a .txt file as UTF-8, a PDF as pymupdf's page text (one line per text line)."""
    path = corpora / source
    if path.suffix == ".pdf":
        with pymupdf.open(path) as pdf:
            return "\n".join(page.get_text() for page in pdf)
    return path.read_text(encoding="utf-8")


def table_differences(got: dict[str, dict[str, Cell]] | None, expected: dict | None, name: str) -> list[str]:
    """Every cell that differs in value or type (1 vs 1.0 vs None), and every extra or missing row/column."""
    if got is None or expected is None:
        return [] if got is expected else [f"{name}: got {got!r}, expected {expected!r}"]
    problems = []
    if list(got) != list(expected):
        problems.append(f"{name} rows: got {list(got)}, expected {list(expected)}")
    for row, columns in expected.items():
        got_row = got.get(row, {})
        if set(got_row) != set(columns):
            problems.append(f"{name}.{row} columns: got {sorted(got_row)}, expected {sorted(columns)}")
        for column, value in columns.items():
            actual = got_row.get(column)
            if actual != value or type(actual) is not type(value):
                problems.append(f"{name}.{row}.{column}: got {actual!r}, expected {value!r}")
    return problems


def note_rows(tables: Tables, table: str) -> set[str | None]:
    return {note.row for note in tables.notes if note.table == table}


# ---------------------------------------------------------------------------------------------------------
# Real reports
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huaian_text(corpora: Path) -> str:
    return source_text(corpora, "real/huaian_city_2024.pdf")


@pytest.mark.parametrize("stem", REAL_REPORTS)
def test_real_report_matches_hand_read_values(stem: str, corpora: Path) -> None:
    expected = json.loads((EXPECTED_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    tables = parse_tables(source_text(corpora, expected["source"]), [])
    problems = [
        problem
        for key in TABLE_KEYS
        for problem in table_differences(getattr(tables, key), expected["tables"][key], key)
    ]
    assert problems == []
    got_notes = {(note.table, note.row) for note in tables.notes}
    assert got_notes == {(note["table"], note["row"]) for note in expected["notes"]}


@pytest.mark.parametrize("stem", REAL_REPORTS)
def test_real_report_table_regions_hold_every_cell_and_no_narrative(stem: str, corpora: Path) -> None:
    """Each table's region runs from its first cell to its last value: the three regions are in order, the
    narrative of parts 一 and 五 lies outside them, and every noted cell lies inside its table's region."""
    expected = json.loads((EXPECTED_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    text = source_text(corpora, expected["source"])
    tables = parse_tables(text, [])
    assert [region.table for region in tables.regions] == list(TABLE_KEYS)
    bounds = [(region.start, region.end) for region in tables.regions]
    assert all(start < end <= next_start for (start, end), (next_start, _) in zip(bounds, bounds[1:] + [(len(text), 0)]))
    first, last = bounds[0][0], bounds[-1][1]
    assert re.search(r"总体情况", text[:first]) and re.search(r"存在的主要问题", text[last:])
    assert re.search(r"\d\s*$", text[bounds[-1][0] : last])  # table C ends on its last value
    regions = {region.table: region for region in tables.regions}
    for note in tables.notes:
        if note.start is not None:
            assert regions[note.table].start <= note.start < regions[note.table].end


def test_table_one_region_stops_at_its_last_cell_when_table_two_is_missing() -> None:
    """Without table 二, table 一's walk runs on into part 三; short lines of prose there (a PDF's line breaks)
    do not stop it, but they must not count into its region, or the tagger would skip them."""
    sample = (Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt").read_text(
        encoding="utf-8"
    )
    start, end = sample.index("三、收到和处理政府信息公开申请情况"), sample.index("四、政府信息公开行政复议")
    prose = "三、依申请公开情况\n本年度共收到政府信息公开申请34件，\n均在法定期限内答复，\n其中予以公开21件，\n部分公开5件。\n"
    text = sample[:start] + prose + sample[end:]
    tables = parse_tables(text, [])
    [region] = [r for r in tables.regions if r.table == "active_disclosure"]
    assert tables.requests is None and region.end <= text.index("三、依申请公开情况")
    assert text[region.start : region.end].rstrip().endswith(("0", "0.42"))


def test_seed_with_short_rows_says_which_cells_it_inferred(corpora: Path) -> None:
    """Seed 004 lost one column in 13 rows; all-zero rows are fully determined, and the notes say so."""
    tables = parse_tables(source_text(corpora, "seeds/004_d9116de1bb1d21a9.txt"), [])
    short_notes = [note for note in tables.notes if note.table == "requests"]
    assert len(short_notes) == 13
    text = source_text(corpora, "seeds/004_d9116de1bb1d21a9.txt")
    for note in short_notes:
        assert "6个数值" in note.message
        assert note.start is not None and note.end is not None
        assert "0" in text[note.start : note.end]


def test_huaian_tables_satisfy_the_identities(huaian_text: str) -> None:
    tables = parse_tables(huaian_text, [])
    requests = tables.requests
    review = tables.review_litigation
    assert requests is not None and review is not None
    result_rows = REQUEST_ROWS[REQUEST_ROWS.index("granted") : REQUEST_ROWS.index("total_processed")]
    for column in REQUEST_COLUMNS:
        assert (
            requests["new_received"][column] + requests["carried_over"][column]
            == requests["total_processed"][column] + requests["carried_forward"][column]
        ), column
        assert requests["total_processed"][column] == sum(requests[row][column] for row in result_rows), column
    for row, cells in requests.items():
        assert cells["total"] == sum(cells[column] for column in REQUEST_COLUMNS[:-1]), row
    for group, cells in review.items():
        assert cells["total"] == cells["upheld"] + cells["corrected"] + cells["other"] + cells["pending"], group


def _huaian_parts(text: str) -> list[Part]:
    headings = [
        (2, "active_disclosure", r"^二、主动公开政府信息情况$"),
        (3, "requests", r"^三、收到和处理政府信息公开申请情况$"),
        (4, "review_litigation", r"^四、政府信息公开行政复议、行政诉讼情况$"),
        (5, "problems", r"^五、存在的主要问题及改进情况$"),
    ]
    starts = []
    for number, key, pattern in headings:
        match = re.search(pattern, text, re.M)
        assert match is not None, key
        starts.append((number, key, match.start()))
    return [
        Part(number=number, key=key, present=True, start=start, end=next_start)
        for (number, key, start), (_, _, next_start) in zip(starts, [*starts[1:], (0, "", len(text))])
    ]


def test_parts_spans_and_wrong_spans_give_the_same_tables(huaian_text: str) -> None:
    without_parts = parse_tables(huaian_text, [])
    with_parts = parse_tables(huaian_text, _huaian_parts(huaian_text))
    # Spans that point at the wrong place (part 一 and the end of the text) must fall back to the anchors.
    wrong = [
        Part(number=2, key="active_disclosure", present=True, start=len(huaian_text) - 20, end=len(huaian_text)),
        Part(number=3, key="requests", present=True, start=0, end=200),
        Part(number=4, key="review_litigation", present=True, start=0, end=10),
    ]
    with_wrong_parts = parse_tables(huaian_text, wrong)
    for tables in (with_parts, with_wrong_parts):
        for key in TABLE_KEYS:
            assert getattr(tables, key) == getattr(without_parts, key), key
        assert tables.notes == []


def test_part_end_inside_table_b_does_not_cut_it(huaian_text: str) -> None:
    """A segmenter may take table B's own "四、结转下年度继续办理" for part 四; the table must still end on its own."""
    parts = _huaian_parts(huaian_text)
    requests = next(part for part in parts if part.key == "requests")
    requests.end = huaian_text.index("四、结转下年度继续办理")
    tables = parse_tables(huaian_text, parts)
    assert tables.requests is not None
    assert tables.requests["carried_forward"]["total"] == 103


# ---------------------------------------------------------------------------------------------------------
# Constructed layouts (official form labels, invented numbers)
# ---------------------------------------------------------------------------------------------------------

# Row labels of table B as the official form's three label columns (merged cells repeat their label).
FORM_LABELS: dict[str, tuple[str, str, str]] = {
    "new_received": ("一、本年新收政府信息公开申请数量",) * 3,
    "carried_over": ("二、上年结转政府信息公开申请数量",) * 3,
    "granted": ("三、本年度办理结果", "（一）予以公开", "（一）予以公开"),
    "partially_granted": ("三、本年度办理结果",) + ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",) * 2,
    "denied_state_secret": ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    "denied_prohibited_by_law": ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    "denied_three_safeties_one_stability": ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    "denied_third_party_rights": ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    "denied_internal_affairs": ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    "denied_process_information": ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    "denied_law_enforcement_files": ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    "denied_administrative_query": ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    "unable_not_held": ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unable_needs_creation": ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    "unable_unclear_after_correction": ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    "rejected_petition_complaint": ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    "rejected_repeated": ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    "rejected_publications": ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    "rejected_excessive": ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    "rejected_confirmation": ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other_overdue_correction": (
        "三、本年度办理结果",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    "other_overdue_fee": (
        "三、本年度办理结果",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    "other_other": ("三、本年度办理结果", "（六）其他处理", "3.其他"),
    "other_processing": ("三、本年度办理结果", "（六）其他处理", "（六）其他处理"),
    "total_processed": ("三、本年度办理结果", "（七）总计", "（七）总计"),
    "carried_forward": ("四、结转下年度继续办理",) * 3,
}
REQUESTS_HEADER_DOCX = [
    "\t".join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3 + ["申请人情况"] * 7),
    "\t".join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]),
    "\t".join(
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3
        + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    ),
]

# A consistent invented table B (2021 rows): every identity holds.
INVENTED_B: dict[str, list[int]] = {
    "new_received": [40, 6, 1, 0, 2, 1, 50],
    "carried_over": [3, 1, 0, 0, 0, 0, 4],
    "granted": [20, 3, 1, 0, 1, 0, 25],
    "partially_granted": [5, 1, 0, 0, 0, 0, 6],
    "denied_third_party_rights": [2, 0, 0, 0, 0, 0, 2],
    "unable_not_held": [8, 1, 0, 0, 1, 1, 11],
    "rejected_repeated": [1, 0, 0, 0, 0, 0, 1],
    "other_overdue_correction": [3, 0, 0, 0, 0, 0, 3],
    "other_other": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [40, 5, 1, 0, 2, 1, 49],
    "carried_forward": [3, 2, 0, 0, 0, 0, 5],
}
INVENTED_C = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]


def invented_b_row(key: str) -> list[int]:
    return INVENTED_B.get(key, [0] * 7)


def test_invented_table_b_is_consistent() -> None:
    """Guards the fixture itself: a broken invented table would make the layout tests meaningless."""
    rows = REQUEST_ROWS
    results = rows[rows.index("granted") : rows.index("total_processed")]
    for column in range(7):
        total = sum(invented_b_row(key)[column] for key in results)
        assert total == invented_b_row("total_processed")[column]
        assert (
            invented_b_row("new_received")[column] + invented_b_row("carried_over")[column]
            == total + invented_b_row("carried_forward")[column]
        )
    for key in rows:
        assert sum(invented_b_row(key)[:6]) == invented_b_row(key)[6]


def test_docx_rendering_with_repeated_merged_labels() -> None:
    """One line per grid row, merged cells repeating their label (and table A's headers and values)."""
    lines = [
        "二、主动公开政府信息情况",
        "\t".join(["第二十条第（一）项"] * 4),
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t1\t0\t4",
        "行政规范性文件\t6\t2\t31",
        "\t".join(["第二十条第（五）项"] * 4),
        "\t".join(["信息内容"] + ["本年处理决定数量"] * 3),
        "行政许可\t1,205\t1,205\t1,205",
        "\t".join(["第二十条第（六）项"] * 4),
        "\t".join(["信息内容"] + ["本年处理决定数量"] * 3),
        "行政处罚\t87\t\t",
        "行政强制\t3\t\t",
        "\t".join(["第二十条第（八）项"] * 4),
        "\t".join(["信息内容"] + ["本年收费金额（单位：万元）"] * 3),
        "行政事业性收费\t12.5\t\t",
        "三、收到和处理政府信息公开申请情况",
        *REQUESTS_HEADER_DOCX,
        *(
            "\t".join([*FORM_LABELS[key], *map(str, invented_b_row(key))])
            for key in REQUEST_ROWS
        ),
        "四、政府信息公开行政复议、行政诉讼情况",
        "\t".join(["行政复议"] * 5 + ["行政诉讼"] * 10),
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5),
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
        "\t".join(map(str, INVENTED_C)),
        "五、存在的主要问题及改进情况",
    ]
    tables = parse_tables("\n".join(lines), [])
    assert tables.notes == []
    assert tables.active_disclosure == {
        "regulations": {"made": 1, "repealed": 0, "valid": 4},
        "normative_documents": {"made": 6, "repealed": 2, "valid": 31},
        "administrative_licensing": {"decisions": 1205},
        "administrative_penalty": {"decisions": 87},
        "administrative_coercion": {"decisions": 3},
        "administrative_fees": {"amount_10k_yuan": 12.5},
    }
    assert tables.requests == {key: dict(zip(REQUEST_COLUMNS, invented_b_row(key))) for key in REQUEST_ROWS}
    assert tables.review_litigation == {
        group: dict(zip(REVIEW_COLUMNS, INVENTED_C[i * 5 : i * 5 + 5])) for i, group in enumerate(REVIEW_GROUPS)
    }


def test_official_blank_template_gives_present_tables_of_nulls(template: Path) -> None:
    """The official blank form, rendered one row per line: every table is there, every cell null, all noted."""
    form = DocxDocument(str(template))
    text = "\n".join(
        "\t".join(cell.text.replace("\n", "") for cell in row.cells) for table in form.tables for row in table.rows
    )
    tables = parse_tables(text, [])
    for key in TABLE_KEYS:
        table = getattr(tables, key)
        assert table is not None, key
        assert all(value is None for row in table.values() for value in row.values()), key
    assert list(tables.requests or {}) == list(REQUEST_ROWS)
    assert note_rows(tables, "active_disclosure") == set(tables.active_disclosure or {})
    assert note_rows(tables, "requests") == set(REQUEST_ROWS)
    assert note_rows(tables, "review_litigation") == {None}


def _cell_per_line(rows: list[list[str]]) -> str:
    """The .txt layout of seeds 000/002/003: one cell per line with a leading tab, blank lines between rows."""
    return "\n\n".join("\n".join(f"\t{cell}" for cell in row) for row in rows)


def test_2019_format_tables() -> None:
    """The 2019 form's table A columns and 第（九）项, and the single （六）其他处理 row, in a web-copy layout."""
    table_a = [
        "二、主动公开政府信息情况",
        "第二十条第(一)项 | |||",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "规章 | 0 | 0 | 2 |",
        "规范性文件 | 3 | 3 | 17 |",
        "第二十条第(五)项 | |||",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "行政许可 | 12 | 减1 | 356 |",
        "其他对外管理服务事项 | 4 | 0 | 25 |",
        "第二十条第(六)项 | |||",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "行政处罚 | 30 | -2 | 41 |",
        "行政强制 | 5 | 0 | 3 |",
        "第二十条第(八)项 | |||",
        "信息内容 | 上一年项目数量 | 本年增/减 |",
        "行政事业性收费 | 2 | 0 |",
        "第二十条第(九)项 | |||",
        "信息内容 | 采购项目数量 | 采购总金额 |",
        "政府集中采购 | 6 | 85.25万元 |",
    ]
    rows_2019 = {
        "new_received": [9, 2, 0, 0, 1, 0, 12],
        "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "granted": [5, 1, 0, 0, 1, 0, 7],
        "partially_granted": [1, 0, 0, 0, 0, 0, 1],
        "unable_not_held": [2, 1, 0, 0, 0, 0, 3],
        "other_processing": [1, 0, 0, 0, 0, 0, 1],
        "total_processed": [9, 2, 0, 0, 1, 0, 12],
        "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    }
    keys_2019 = [key for key in REQUEST_ROWS if not key.startswith("other_")]
    keys_2019.insert(keys_2019.index("total_processed"), "other_processing")
    shown_groups: set[str] = set()
    table_b = [
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |",
        "| 自然人 | 法人或其他组织 | 总计 |",
        "| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |",
    ]
    for key in keys_2019:
        group, item = FORM_LABELS[key][1], FORM_LABELS[key][2]
        labels = [item] if group == item else ([item] if group in shown_groups else [group, item])
        shown_groups.add(group)
        values = rows_2019.get(key, [0] * 7)
        table_b.append(" | ".join([*labels, *map(str, values)]) + " |")
    table_c = [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 | 行政诉讼 |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
        "| | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
        " | ".join(map(str, INVENTED_C)) + " |",
    ]
    tables = parse_tables("\n".join(table_a + table_b + table_c), [])
    assert tables.notes == []
    documents = ("made", "repealed", "valid", "published", "published_total")
    changes = ("items_previous_year", "items_change", "decisions")
    assert tables.active_disclosure == {
        "regulations": dict(zip(documents, (0, None, None, 0, 2))),
        "normative_documents": dict(zip(documents, (3, None, None, 3, 17))),
        "administrative_licensing": dict(zip(changes, (12, -1, 356))),
        "administrative_penalty": dict(zip(changes, (30, -2, 41))),
        "administrative_coercion": dict(zip(changes, (5, 0, 3))),
        "administrative_fees": {"amount_10k_yuan": None, "items_previous_year": 2, "items_change": 0},
        "other_external_services": dict(zip(changes, (4, 0, 25))),
        "government_procurement": {"projects": 6, "amount": 85.25},
    }
    assert tables.requests == {key: dict(zip(REQUEST_COLUMNS, rows_2019.get(key, [0] * 7))) for key in keys_2019}
    assert tables.review_litigation is not None
    assert tables.review_litigation["review"] == dict(zip(REVIEW_COLUMNS, INVENTED_C[:5]))


def test_slash_dash_and_blank_cells_are_null_and_noted() -> None:
    text = "\n".join(
        [
            "第二十条第（五）项",
            "信息内容\t本年处理决定数量",
            "行政许可\t/",
            "申请人情况",
            # Row per line: "/" and an empty cell between two values are known blanks.
            "三、本年度办理结果\t（一）予以公开\t3\t/\t0\t\t0\t0\t3",
            # One cell per line: "—" keeps its place among the 7 cells.
            _cell_per_line([["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "—", "0", "0", "0", "0", "1"]]),
            "行政复议\t行政诉讼",
            "0\t－\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.active_disclosure is not None and tables.requests is not None and tables.review_litigation
    assert tables.active_disclosure["administrative_licensing"] == {"decisions": None}
    assert list(tables.requests["granted"].values()) == [3, None, 0, None, 0, 0, 3]
    assert list(tables.requests["partially_granted"].values()) == [1, None, 0, 0, 0, 0, 1]
    assert tables.review_litigation["review"]["corrected"] is None
    assert tables.review_litigation["review"]["upheld"] == 0
    noted = {(note.table, note.row) for note in tables.notes if "空值" in note.message}
    assert noted == {
        ("active_disclosure", "administrative_licensing"),
        ("requests", "granted"),
        ("requests", "partially_granted"),
        ("review_litigation", None),
    }


def _closed_cells(rows: list[list[str]], padding: str = "|") -> str:
    """The web-copy layout of some excerpts: one cell per line, each closed by "|" (an empty cell is a bare "|"
    line), and every row padded to the grid's width by a line of separators."""
    return "\n".join("\n".join([*(f"{cell} |" if cell else "|" for cell in row), padding]) for row in rows)


def test_explicit_empty_cells_of_a_cell_per_line_layout_keep_the_values_in_their_columns() -> None:
    text = "\n".join(
        [
            "第二十条第(五)项 |",
            "||||",
            _closed_cells([["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]),
            # 2019 columns: 上一年项目数量 blank, or 本年增/减 blank.
            _closed_cells([["行政处罚", "", "+7", "7"], ["行政强制", "3", "", "3"]]),
            "申请人情况 |",
            "||||||||",
            _closed_cells([["一、本年新收政府信息公开申请数量", "", "", "", "", "", "", "2"]], padding="||"),
            _closed_cells([["二、上年结转政府信息公开申请数量", "1", "", "0", "0", "0", "0", "1"]], padding="||"),
            # A cell lost besides the blank one: counting positions would shift the values, so the row stays null.
            _closed_cells([["（一）予以公开", "1", "", "0", "0", "0", "1"]], padding="||"),
            "行政复议 |",
            _closed_cells([["0", "", *map(str, INVENTED_C[2:])]]),
        ]
    )
    tables = parse_tables(text, [])
    assert tables.active_disclosure is not None and tables.requests is not None and tables.review_litigation
    changes = ("items_previous_year", "items_change", "decisions")
    assert tables.active_disclosure["administrative_penalty"] == dict(zip(changes, (None, 7, 7)))
    assert tables.active_disclosure["administrative_coercion"] == dict(zip(changes, (3, None, 3)))
    assert list(tables.requests["new_received"].values()) == [None] * 6 + [2]
    # A blank among six values is placed by its line, not completed from the total as 0.
    assert list(tables.requests["carried_over"].values()) == [1, None, 0, 0, 0, 0, 1]
    assert list(tables.requests["granted"].values()) == [None] * 7
    assert tables.review_litigation["review"] == dict(zip(REVIEW_COLUMNS, [0, None, *INVENTED_C[2:5]]))
    assert "review_litigation" in {note.table for note in tables.notes if "空值" in note.message}


def test_bare_separator_lines_between_cells_without_separators_are_not_empty_cells() -> None:
    """Where cells are written without a separator, a bare "|" line separates them: it holds no cell."""
    rows = [["第二十条第(五)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "4", "1", "5"]]
    text = "\n|\n".join(cell for row in rows for cell in row)
    tables = parse_tables(text, [])
    assert tables.active_disclosure is not None
    assert tables.active_disclosure["administrative_licensing"] == {
        "items_previous_year": 4,
        "items_change": 1,
        "decisions": 5,
    }
    # Two values under three columns, one "|" line after each: still unplaceable, so null.
    tables = parse_tables(text.replace("\n|\n1\n", "\n"), [])
    assert tables.active_disclosure is not None
    assert set(tables.active_disclosure["administrative_licensing"].values()) == {None}


@pytest.mark.parametrize(
    ("page", "table", "row", "expected"),
    [
        ("88f92837005d", "active_disclosure", "administrative_licensing", (0, None, 0)),
        ("88f92837005d", "active_disclosure", "administrative_coercion", (0, None, 0)),
        ("88f92837005d", "requests", "new_received", (None,) * 6 + (0,)),
        ("b75a5f161f4b", "active_disclosure", "administrative_penalty", (None, 239, 239)),
        ("b75a5f161f4b", "active_disclosure", "administrative_coercion", (None, 10, 10)),
        ("c01d792e7ad0", "requests", "carried_over", (None,) * 6 + (0,)),
    ],
)
def test_web_excerpts_with_empty_cell_lines(corpora: Path, page: str, table: str, row: str, expected: tuple) -> None:
    """2019 table A rows (上一年项目数量, 本年增/减, 处理决定数量) and table B rows with "|" lines for blanks."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        text = next(item for item in map(json.loads, handle) if item["id"] == page)["text"]
    got = getattr(parse_tables(text, []), table)
    assert got is not None
    columns = ("items_previous_year", "items_change", "decisions") if table == "active_disclosure" else REQUEST_COLUMNS
    assert tuple(got[row][column] for column in columns) == expected


def test_a_row_whose_values_do_not_tell_its_form_takes_the_table_s() -> None:
    """Blank cells, or only 处理决定数量 (both forms ask it): the form the table's other rows show, or the keys'
    when none shows one; a table mixing the forms' blocks gives such a row the 2021 columns."""
    documents_2019 = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    documents_2021 = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    changes_2019 = "信息内容\t上一年项目数量\t本年增/减\t处理决定数量"

    def columns(*lines: str) -> dict[str, tuple[str, ...]]:
        table = parse_tables("\n".join(["第二十条第(一)项", *lines]), []).active_disclosure
        assert table is not None
        return {row: active_row_columns(row, values, table) for row, values in table.items()}

    in_2019 = columns(documents_2019, "规章\t/\t/\t/", "规范性文件\t3\t3\t17")
    assert in_2019["regulations"] == ("made", "published", "published_total")
    assert columns(documents_2019, "规章\t/\t/\t/")["regulations"] == ("made", "published", "published_total")
    assert columns(documents_2021, "规章\t/\t/\t/")["regulations"] == ("made", "repealed", "valid")
    mixed = columns(
        documents_2019,
        "规范性文件\t3\t3\t17",
        "第二十条第(五)项",
        "信息内容\t本年处理决定数量",
        "行政许可\t5",
        "第二十条第(八)项",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t1.5",
    )
    assert mixed["administrative_licensing"] == ("decisions",)
    assert columns(changes_2019, "行政许可\t/\t/\t5")["administrative_licensing"] == (
        "items_previous_year",
        "items_change",
        "decisions",
    )


@pytest.mark.parametrize(("page", "last_cell"), [("1e2e61466d18", "17.27万元"), ("492128561ccb", "160.5964万元")])
def test_table_one_region_covers_its_procurement_row(corpora: Path, page: str, last_cell: str) -> None:
    """The 2019 form's 第（九）项 row is table 一's last: its amount lies in the region, so it is no narrative figure."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        text = next(item for item in map(json.loads, handle) if item["id"] == page)["text"]
    [region] = [region for region in parse_tables(text, []).regions if region.table == "active_disclosure"]
    assert region.start == text.index("第二十条第(一)项")
    assert region.end == text.index(last_cell) + len(last_cell)


def test_row_with_six_values_keeps_only_what_every_placement_agrees_on() -> None:
    text = "\n".join(
        [
            "申请人情况",
            # 3,0,0,0,0,3: the lost cell could be any applicant (then total 3) or the total (then 6).
            "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t3",
            # 5,0,0,0,0,0: only a lost total is consistent (any other gap would need a negative count).
            _cell_per_line([["二、上年结转政府信息公开申请数量", "5", "0", "0", "0", "0", "0"]]),
            # Eight values: nothing can be placed.
            "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\t1",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert list(tables.requests["new_received"].values()) == [None, None, 0, 0, 0, None, None]
    assert list(tables.requests["carried_over"].values()) == [5, 0, 0, 0, 0, 0, 5]
    assert list(tables.requests["granted"].values()) == [None] * 7
    messages = {note.row: note.message for note in tables.notes}
    assert messages["new_received"].endswith("无法确定：自然人、商业企业、其他、总计")
    assert "各列均可确定" in messages["carried_over"]
    assert "8个数值" in messages["granted"]


def test_unlabelled_row_takes_the_next_row_in_table_order() -> None:
    """Values right under the column header (their label lost) are not the header's "总计" row."""
    text = "\n".join(
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
            "\t自然人\t法人或其他组织\t总计",
            "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
            "\t\t2\t1\t0\t0\t0\t0\t3",
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert list(tables.requests["new_received"].values()) == [2, 1, 0, 0, 0, 0, 3]
    assert list(tables.requests["total_processed"].values()) == [None] * 7
    assert [note.message for note in tables.notes if note.row == "new_received"] == ["未能识别行名，按表格顺序推定为该行"]


def test_group_subtotal_row_is_dropped_not_shifted() -> None:
    text = "\n".join(
        [
            "申请人情况",
            "（三）不予公开\t2\t0\t0\t0\t0\t0\t2",
            "\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
            "\t2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert tables.requests["denied_state_secret"]["total"] == 1
    assert tables.requests["denied_prohibited_by_law"]["total"] == 1
    assert tables.requests["new_received"]["total"] is None
    assert ("未能识别行名，数值已忽略", None) in {(note.message, note.row) for note in tables.notes}


def test_pdf_style_wrapped_and_vertical_labels_with_page_numbers() -> None:
    """Huaian-like PDF text: a vertically written merged label, labels wrapped across lines and a page break."""
    rows = [
        ["三、", "本", "年", "度", "办", "理", "结", "果", "（一）予以公开", "4", "0", "0", "0", "0", "0", "4"],
        ["（四）无", "1.本机关不掌握相关政府信息", "2", "1", "0", "0", "0", "0", "3"],
        ["", "- 7 -", "法提供", "2.没有现成信息需要另行制作", "1", "0", "0", "0", "0", "0", "1"],
        ["（六）其", "他处理", "1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请", "0", "1", "0", "0", "0", "0", "1"],
        ["3、其他", "2", "0", "0", "0", "0", "0", "2"],
    ]
    text = "申请人情况\n" + "\n".join("\n".join(row) for row in rows)
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert list(tables.requests["granted"].values()) == [4, 0, 0, 0, 0, 0, 4]
    assert list(tables.requests["unable_not_held"].values()) == [2, 1, 0, 0, 0, 0, 3]
    assert list(tables.requests["unable_needs_creation"].values()) == [1, 0, 0, 0, 0, 0, 1]
    assert list(tables.requests["other_overdue_correction"].values()) == [0, 1, 0, 0, 0, 0, 1]
    assert list(tables.requests["other_other"].values()) == [2, 0, 0, 0, 0, 0, 2]
    assert not any("推定" in note.message for note in tables.notes)


def test_table_c_layouts() -> None:
    """Group labels between the values are header words; the data row ends at the first other text."""
    transposed = "\n".join(
        [
            "行政复议\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            "行政复议\t" + "\t".join(map(str, INVENTED_C[:5])),
            "未经复议直接起诉\t" + "\t".join(map(str, INVENTED_C[5:10])),
            "复议后起诉\t" + "\t".join(map(str, INVENTED_C[10:])),
            "附表说明",
            "1",
        ]
    )
    tables = parse_tables(transposed, [])
    assert tables.review_litigation == {
        group: dict(zip(REVIEW_COLUMNS, INVENTED_C[i * 5 : i * 5 + 5])) for i, group in enumerate(REVIEW_GROUPS)
    }
    assert tables.notes == []
    fourteen = parse_tables("行政复议\n" + "\n".join(map(str, INVENTED_C[:14])) + "\n五、存在的主要问题及改进情况", [])
    assert fourteen.review_litigation == {group: dict.fromkeys(REVIEW_COLUMNS) for group in REVIEW_GROUPS}
    assert [note.message for note in fourteen.notes] == ["表格有14个数值（应为15个），无法确定所属列，置空"]


def test_short_narrative_line_that_looks_like_an_anchor_is_skipped() -> None:
    text = "\n".join(
        [
            "一、总体情况",
            "本年新收政府信息公开申请3件。",
            "二、主动公开政府信息情况",
            _cell_per_line([["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"]]),
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert list(tables.requests["new_received"].values()) == [3, 0, 0, 0, 0, 0, 3]
    assert tables.active_disclosure is not None
    assert tables.active_disclosure["regulations"] == {"made": 0, "repealed": 0, "valid": 0}


def test_traditional_character_labels() -> None:
    text = "\n".join(
        [
            "申請人情況",
            "一、本年新收政府信息公開申請數量\t2\t0\t0\t0\t0\t0\t2",
            "二、上年結轉政府信息公開申請數量\t1\t0\t0\t0\t0\t0\t1",
            "四、結轉下年度繼續辦理\t0\t0\t0\t0\t0\t0\t0",
        ]
    )
    tables = parse_tables(text, [])
    assert tables.requests is not None
    assert tables.requests["new_received"]["total"] == 2
    assert tables.requests["carried_over"]["total"] == 1
    assert tables.requests["carried_forward"]["total"] == 0
    assert not any("推定" in note.message for note in tables.notes)


def test_text_without_tables() -> None:
    text = "\n".join(
        [
            "一、总体情况",
            "本年度本机关收到政府信息公开申请2件，均已按期答复，未发生政府信息公开行政复议、行政诉讼。",
            "二、主动公开政府信息情况",
            "全年主动公开政府信息156条，其中规范性文件3件。",
            "五、存在的主要问题及改进情况",
            "政策解读形式较为单一。",
        ]
    )
    assert parse_tables(text, []) == Tables()


# Table A with wrapped, spaced and cut-short header cells (invented numbers). A .txt copy of a grid puts each
# line of a wrapped cell on its own line ("本年新" / "制作数量"); a web copy may keep only the first line.
_DOCUMENTS_2019 = ("made", "repealed", "valid", "published", "published_total")
_CHANGES_2019 = ("items_previous_year", "items_change", "decisions")


def _active_2019(head_one: list[str], head_five: list[str]) -> str:
    return _cell_per_line(
        [
            ["第二十条第（一）项"],
            ["信息内容", *head_one],
            ["规章", "1", "1", "4"],
            ["规范性文件", "6", "5", "23"],
            ["第二十条第（五）项"],
            ["信息内容", *head_five],
            ["行政许可", "14", "减2", "309"],
            ["其他对外管理服务事项", "3", "0", "18"],
        ]
    )


_EXPECTED_2019 = {
    "regulations": dict(zip(_DOCUMENTS_2019, (1, None, None, 1, 4))),
    "normative_documents": dict(zip(_DOCUMENTS_2019, (6, None, None, 5, 23))),
    "administrative_licensing": dict(zip(_CHANGES_2019, (14, -2, 309))),
    "other_external_services": dict(zip(_CHANGES_2019, (3, 0, 18))),
}


@pytest.mark.parametrize(
    ("head_one", "head_five"),
    [
        # Wrapped: one line of the header cell per text line.
        (
            ["本年新", "制作数量", "本年新", "公开数量", "对外公开", "总数量"],
            ["上一年", "项目数量", "本年增/", "减", "处理决定", "数量"],
        ),
        # Spaced within the cell.
        (["本年新 制作数量", "本年新 公开数量", "对外公开 总数量"], ["上一年 项目数量", "本年增/减", "处理 决定数量"]),
        # Cut short: a web copy kept only the first line of the wrapped cells.
        (["本年新", "本年新", "对外公开总数量"], ["上一年项目数量", "本年增/", "处理决定数量"]),
    ],
    ids=["wrapped", "spaced", "cut-short"],
)
def test_2019_table_a_with_wrapped_or_cut_header_cells(head_one: list[str], head_five: list[str]) -> None:
    tables = parse_tables(_active_2019(head_one, head_five), [])
    assert tables.active_disclosure is not None
    assert {key: tables.active_disclosure[key] for key in _EXPECTED_2019} == _EXPECTED_2019
    assert note_rows(tables, "active_disclosure") == {
        "administrative_penalty",
        "administrative_coercion",
        "administrative_fees",
    }  # not in the text: "未找到该行", nothing about the rows that are


@pytest.mark.parametrize(
    "head",
    [
        ["本年制发", "件数", "本年废止", "件数", "现行有效", "件数"],
        ["本年", "制发件数", "本年", "废止件数", "现行", "有效件数"],
        ["本年制发 件数", "本年废止 件数", "现行有效 件数"],
        ["本年", "本年废止件数", "现行有效件数"],  # the first cell cut short
    ],
    ids=["wrapped-tail", "wrapped-head", "spaced", "cut-short"],
)
def test_2021_table_a_with_wrapped_or_cut_header_cells(head: list[str]) -> None:
    text = _cell_per_line(
        [
            ["第二十条第（一）项"],
            ["信息内容", *head],
            ["规章", "2", "0", "7"],
            ["行政规范性文件", "5", "3", "41"],
            ["第二十条第（五）项"],
            ["信息内容", "本年处理", "决定数量"],
            ["行政许可", "826"],
            ["第二十条第（八）项"],
            ["信息内容", "本年收费金额", "（单位：万元）"],
            ["行政事业性收费", "3.6"],
        ]
    )
    tables = parse_tables(text, [])
    assert tables.active_disclosure is not None
    assert tables.active_disclosure["regulations"] == {"made": 2, "repealed": 0, "valid": 7}
    assert tables.active_disclosure["normative_documents"] == {"made": 5, "repealed": 3, "valid": 41}
    assert tables.active_disclosure["administrative_licensing"] == {"decisions": 826}
    assert tables.active_disclosure["administrative_fees"] == {"amount_10k_yuan": 3.6}
    assert note_rows(tables, "active_disclosure") == {"administrative_penalty", "administrative_coercion"}


def test_fully_read_header_with_fewer_columns_than_values_is_still_noted() -> None:
    """The form's columns fill in only for a header that lost cells, not for one read whole."""
    text = "\n".join(["第二十条第（一）项", "信息内容\t本年制发件数\t现行有效件数", "规章\t2\t0\t7"])
    tables = parse_tables(text, [])
    assert tables.active_disclosure is not None
    assert tables.active_disclosure["regulations"] == {"made": None, "valid": None, "repealed": None}
    [note] = [note for note in tables.notes if note.row == "regulations"]
    assert "无法确定所属列" in note.message
