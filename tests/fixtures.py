"""Test-fixture generators: DOCX and HTML renderings of a report, and one file per kind of bad input.

The pipeline promises that a report yields the same tables whatever its format, because every reader feeds
one table parser. These generators make that promise testable without storing real documents: they write
the numbers of a contract-shaped ``tables`` dict (see ``../shared/docs/contract.md``) into the official blank
template (``real/official_template_blank.docx`` in the shared corpora) and into a government-style web page,
around the narrative lines of a seed. A test then compares ``parse_tables`` on the rendering with the
expected tables of the seed.

The template's cells are located by their row and column labels, never by fixed indices, so the same label
logic serves the DOCX (cells filled in place) and the HTML (the filled template tables converted cell by cell,
keeping the template's merged cells as rowspan/colspan). Template structure, for reference:

- table A (第二十条): 14 rows x 4 grid columns. Block header rows ("第二十条第（一）项"…) span 4 columns;
  "信息内容" rows carry the column labels; in blocks （五）（六）（八） the single number cell spans 3 columns.
- table B (申请情况): 28 rows x 10 grid columns. Rows 0-2 are the header: the 勾稽 note spans 3 columns and
  3 rows, 自然人 and 总计 span rows 1-2, 法人或其他组织 spans 5 columns. Rows 3-27 are the 25 data rows with
  3 label columns (一、/二、/四、 span 3; 三、本年度办理结果 spans rows 5-26; （三）-（六） span their items;
  （一）（二）（七） span 2) and 7 number columns (grid 3-9). Tables carrying the single ``other_processing``
  row get the three （六） rows merged into one, leaving 26 rows.
- table C (复议诉讼): 4 rows x 15 grid columns; rows 0-2 header (行政复议 labels span rows 1-2), row 3 the
  15 numbers.

Everything here is a pure function of its arguments (plus the template file); nothing imports pytest.
"""

from __future__ import annotations

import copy
import html
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pymupdf
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.bad_inputs import encrypted_pdf, garbage_bytes, scanned_pdf
from nlp.model import REQUEST_COLUMNS, REQUEST_ROWS, REQUEST_ROWS_2019_OTHER, REVIEW_COLUMNS, REVIEW_GROUPS

EXPECTED_TABLES_DIR = Path(__file__).resolve().parent / "data" / "expected_tables"

TablesDict = Mapping[str, Mapping[str, Mapping[str, int | float | None]] | None]
"""A contract-shaped ``tables`` object: table key -> row key -> column key -> cell value (None = blank)."""

# Label cues, checked in order, first match wins. Order matters where one label contains another's cue:
# "（二）部分公开（…不计其他情形）" and "2.其他法律行政法规禁止公开" both contain 其他.
_TABLE_A_ROWS = (
    ("regulations", "规章"),
    ("normative_documents", "规范性文件"),
    ("administrative_licensing", "行政许可"),
    ("administrative_penalty", "行政处罚"),
    ("administrative_coercion", "行政强制"),
    ("administrative_fees", "行政事业性收费"),
)
_TABLE_A_COLUMNS = (
    ("made", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("valid", "现行有效件数"),
    ("decisions", "本年处理决定数量"),
    ("amount_10k_yuan", "本年收费金额"),
)
_REQUEST_ROW_CUES = (
    ("new_received", "本年新收"),
    ("carried_over", "上年结转"),
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied_state_secret", "国家秘密"),
    ("denied_prohibited_by_law", "禁止公开"),
    ("denied_three_safeties_one_stability", "三安全一稳定"),
    ("denied_third_party_rights", "第三方"),
    ("denied_internal_affairs", "内部事务"),
    ("denied_process_information", "过程性"),
    ("denied_law_enforcement_files", "执法案卷"),
    ("denied_administrative_query", "查询事项"),
    ("unable_not_held", "不掌握"),
    ("unable_needs_creation", "另行制作"),
    ("unable_unclear_after_correction", "仍不明确"),
    ("rejected_petition_complaint", "信访"),
    ("rejected_repeated", "重复申请"),
    ("rejected_publications", "出版物"),
    ("rejected_excessive", "大量反复"),
    ("rejected_confirmation", "确认或重新出具"),
    ("other_overdue_correction", "逾期不补正"),
    ("other_overdue_fee", "缴纳费用"),
    ("other_processing", "其他处理"),
    ("other_other", "其他"),
    ("total_processed", "总计"),
    ("carried_forward", "结转下年度"),
)
_REQUEST_COLUMN_CUES = (
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("social_welfare_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
_REVIEW_GROUP_CUES = (
    ("litigation_after_review", "复议后起诉"),
    ("litigation_direct", "直接起诉"),
    ("review", "行政复议"),
)
_REVIEW_COLUMN_CUES = (
    ("upheld", "维持"),
    ("corrected", "纠正"),
    ("other", "其他"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
assert {key for key, _ in _REQUEST_ROW_CUES} == {*REQUEST_ROWS, REQUEST_ROWS_2019_OTHER}
assert {key for key, _ in _REQUEST_COLUMN_CUES} == set(REQUEST_COLUMNS)
assert {key for key, _ in _REVIEW_GROUP_CUES} == set(REVIEW_GROUPS)
assert {key for key, _ in _REVIEW_COLUMN_CUES} == set(REVIEW_COLUMNS)

# Canonical headings the template carries between its tables; used by the HTML page when no narrative
# between the tables is given, so both renderings read the same.
_HEADING_REQUESTS = "三、收到和处理政府信息公开申请情况"
_HEADING_REVIEW = "四、政府信息公开行政复议、行政诉讼情况"


def template_path(corpora: Path) -> Path:
    """The official blank 2021-format template in the shared corpora rooted at ``corpora``."""
    return corpora / "real" / "official_template_blank.docx"


def load_expected_tables(stem: str) -> dict | None:
    """The contract ``tables`` object expected for a seed or sample, if ``expected_tables/<stem>.json`` exists.

    The files wrap it as ``{"source": …, "tables": {…}, "notes": […]}``; the renderers need only the tables.
    """
    path = EXPECTED_TABLES_DIR / f"{stem}.json"
    return json.loads(path.read_text(encoding="utf-8"))["tables"] if path.is_file() else None


# --------------------------------------------------------------------------------------------------------
# Filling the template


def _squash(text: str) -> str:
    """Cell text without any whitespace: template labels wrap inside cells ("结果\\n纠正", "商业\\n企业")."""
    return re.sub(r"\s+", "", text)


def _cue(cues: Sequence[tuple[str, str]], text: str) -> str | None:
    squashed = _squash(text)
    return next((key for key, cue in cues if cue in squashed), None)


def _format_cell(value: int | float) -> str:
    """Numbers as a report prints them: integers plain, 万元 amounts as decimals without trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"table cell must be int, float or None, got {value!r}")
    if isinstance(value, int):
        return str(value)
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _set_cell_text(cell: _Cell, text: str) -> None:
    """Replace the cell's text, keeping the first run's font so the number looks like the template's text."""
    first, *rest = cell.paragraphs
    for paragraph in rest:
        paragraph._p.getparent().remove(paragraph._p)
    runs = first.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
    else:
        first.add_run(text)


class _Placer:
    """Writes the values of one contract table into docx cells and remembers which values found a cell.

    A value whose row or column key the template lacks (a typo in test data, say) would otherwise vanish
    silently, and a test would compare against a number that was never rendered.
    """

    def __init__(self, name: str, values: Mapping[str, Mapping[str, int | float | None]] | None):
        self.name = name
        self.values = values or {}
        self.placed: set[tuple[str, str]] = set()

    def write(self, cell: _Cell, row_key: str, column_key: str) -> None:
        """Write once: a cell spanning several grid columns is offered once per column."""
        if (row_key, column_key) in self.placed:
            return
        self.placed.add((row_key, column_key))
        value = self.values.get(row_key, {}).get(column_key)
        if value is not None:
            _set_cell_text(cell, _format_cell(value))

    def check_all_placed(self) -> None:
        missing = [
            f"{self.name}.{row}.{column}"
            for row, columns in self.values.items()
            for column, value in columns.items()
            if value is not None and (row, column) not in self.placed
        ]
        if missing:
            raise ValueError(f"the official template has no cell for: {', '.join(missing)}")


def _fill_active_disclosure(table: Table, placer: _Placer) -> None:
    columns: dict[int, str] = {}
    for row in table.rows:
        cells = row.cells
        label = _squash(cells[0].text)
        if label == "信息内容":
            columns = {i: key for i, cell in enumerate(cells) if (key := _cue(_TABLE_A_COLUMNS, cell.text))}
            continue
        row_key = _cue(_TABLE_A_ROWS, label) if not label.startswith("第二十条") else None
        if row_key is None:
            continue
        for i, column_key in columns.items():
            placer.write(cells[i], row_key, column_key)


def _fill_requests(table: Table, placer: _Placer) -> None:
    rows = table.rows
    # The header ends with the row naming the legal-person sub-columns; python-docx resolves the vertical
    # merges, so that row also reads 自然人 and 总计 in their columns.
    header_end = next(i for i, row in enumerate(rows) if any(_squash(c.text) == "商业企业" for c in row.cells))
    columns = {i: key for i, cell in enumerate(rows[header_end].cells) if (key := _cue(_REQUEST_COLUMN_CUES, cell.text))}
    first_number = min(columns)
    for row in rows[header_end + 1 :]:
        cells = row.cells
        row_key = _cue(_REQUEST_ROW_CUES, cells[first_number - 1].text)
        if row_key is None:
            raise ValueError(f"unrecognised table B row label: {cells[first_number - 1].text!r}")
        for i, column_key in columns.items():
            placer.write(cells[i], row_key, column_key)


def _collapse_other_processing(table: Table) -> None:
    """Merge the three （六） rows into one "（六）其他处理" row, as 2019-format and some 2021 reports print it.

    The label cell then spans the group and item columns, like the other single rows (（一）, （七）).
    """
    first, *rest = [row for row in table.rows if "其他处理" in _squash(row.cells[1].text)]
    for row in rest:
        row._tr.getparent().remove(row._tr)
    _, group, item, *_ = first._tr.tc_lst
    group.vMerge = None
    group.grid_span = 2
    group.getparent().remove(item)


def _fill_review_litigation(table: Table, placer: _Placer) -> None:
    *header, data = table.rows
    for i, cell in enumerate(data.cells):
        labels = [row.cells[i].text for row in header]
        group = _cue(_REVIEW_GROUP_CUES, "".join(labels))
        column = _cue(_REVIEW_COLUMN_CUES, labels[-1])
        if group is None or column is None:
            raise ValueError(f"unrecognised table C header in grid column {i}: {labels!r}")
        placer.write(cell, group, column)


_FILLERS: dict[str, tuple[str, Callable[[Table, _Placer], None]]] = {
    # contract key -> (a label only that table carries, filler)
    "active_disclosure": ("第二十条", _fill_active_disclosure),
    "requests": ("申请人情况", _fill_requests),
    "review_litigation": ("行政复议", _fill_review_litigation),
}


def _template_tables(document: DocxDocument) -> dict[str, Table]:
    """The template's three tables by contract key, recognised by content rather than position."""
    found: dict[str, Table] = {}
    for table in document.tables:
        text = _squash("".join(cell.text for cell in table.rows[0].cells))
        for key, (marker, _) in _FILLERS.items():
            if key not in found and marker in text:
                found[key] = table
                break
    if set(found) != set(_FILLERS):
        raise ValueError(f"template tables not recognised, found only {sorted(found)}")
    return found


def _filled_template(tables: TablesDict, template: Path) -> tuple[DocxDocument, dict[str, Table]]:
    document = docx.Document(str(template))
    by_key = _template_tables(document)
    if REQUEST_ROWS_2019_OTHER in (tables.get("requests") or {}):
        _collapse_other_processing(by_key["requests"])
    for key, (_, fill) in _FILLERS.items():
        placer = _Placer(key, tables.get(key))
        fill(by_key[key], placer)
        placer.check_all_placed()
    return document, by_key


def _clone_paragraph(prototype: Paragraph, text: str):
    """A new ``w:p`` with the prototype's paragraph and run formatting and the given text."""
    element = copy.deepcopy(prototype._p)
    clone = Paragraph(element, prototype._parent)
    _set_paragraph_text(clone, text)
    return element


def _set_paragraph_text(paragraph: Paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _replace_between(start, end, new_elements: Sequence) -> None:
    """Remove the body elements strictly between ``start`` and ``end`` and put ``new_elements`` there."""
    element = start.getnext()
    while element is not None and element is not end:
        following = element.getnext()
        element.getparent().remove(element)
        element = following
    for new in new_elements:
        end.addprevious(new)


def fill_official_template(
    tables: TablesDict,
    out_path: str | Path,
    *,
    template: Path,
    title: str,
    paragraphs_before: Sequence[str] = (),
    paragraphs_after: Sequence[str] = (),
    paragraphs_between: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Path:
    """Write ``tables`` into the official blank template (the file ``template``) and save it as ``out_path``.

    ``title`` replaces the template's heading (an empty title removes it, for texts whose first line is not
    a title). Narrative given in ``paragraphs_before`` replaces the template's text between the heading and
    table A (一、总体情况…二、主动公开政府信息情况), ``paragraphs_after`` the text after table C (五、六、), and
    ``paragraphs_between`` (two lists) the headings between tables A/B and B/C; whatever is not given keeps
    the template's own text. A None cell, or a None table, leaves the template's blank cells as they are.
    Raises ValueError when a non-None value has no cell in the template.
    """
    document, by_key = _filled_template(tables, template)
    body = document.element.body
    heading = next(p for p in document.paragraphs if "格式模板" in p.text)
    prototype = next(p for p in document.paragraphs if p.text == "（文字描述）")

    def clones(lines: Sequence[str]) -> list:
        return [_clone_paragraph(prototype, line) for line in lines]

    table_a, table_b, table_c = (by_key[key]._tbl for key in ("active_disclosure", "requests", "review_litigation"))
    if paragraphs_before:
        _replace_between(heading._p, table_a, clones(paragraphs_before))
    if paragraphs_between is not None:
        between_ab, between_bc = paragraphs_between
        _replace_between(table_a, table_b, clones(between_ab))
        _replace_between(table_b, table_c, clones(between_bc))
    if paragraphs_after:
        _replace_between(table_c, body.find(qn("w:sectPr")), clones(paragraphs_after))
    if title:
        _set_paragraph_text(heading, title)
    else:
        body.remove(heading._p)
    document.core_properties.title = title
    out_path = Path(out_path)
    document.save(str(out_path))
    return out_path


# --------------------------------------------------------------------------------------------------------
# HTML


def _grid_column_span(tc) -> int:
    span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
    return int(span.get(qn("w:val"))) if span is not None else 1


def _vertical_merge(tc) -> str | None:
    """'restart', 'continue' or None; an empty ``w:vMerge`` means continue."""
    merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
    if merge is None:
        return None
    return merge.get(qn("w:val")) or "continue"


def _positioned_cells(table: Table) -> list[list[tuple[int, object]]]:
    """Each row's ``w:tc`` elements with the grid column each starts at."""
    grid = []
    for tr in table._tbl.tr_lst:
        column, row = 0, []
        for tc in tr.tc_lst:
            row.append((column, tc))
            column += _grid_column_span(tc)
        grid.append(row)
    return grid


def _table_html(table: Table) -> str:
    """The docx table as an HTML table, turning gridSpan into colspan and vMerge runs into rowspan."""
    grid = _positioned_cells(table)
    html_rows = []
    for r, row in enumerate(grid):
        cells = []
        for column, tc in row:
            if _vertical_merge(tc) == "continue":
                continue
            rowspan = 1
            if _vertical_merge(tc) == "restart":
                for below in grid[r + 1 :]:
                    match = next((t for c, t in below if c == column), None)
                    if match is None or _vertical_merge(match) != "continue":
                        break
                    rowspan += 1
            colspan = _grid_column_span(tc)
            attributes = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
            content = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs if text)
            cells.append(f"<td{attributes}>{content}</td>")
        html_rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">\n<tbody>\n' + "\n".join(html_rows) + "\n</tbody>\n</table>"


def _paragraphs_html(lines: Sequence[str]) -> str:
    """Narrative lines as <p>; part headings bold, as content-management systems paste them from Word."""
    out = []
    for line in lines:
        text = html.escape(line)
        if re.match(r"\s*[一二三四五六][、.]", line) and len(line) < 40:
            text = f"<strong>{text}</strong>"
        out.append(f'<p style="text-indent:2em;">{text}</p>')
    return "\n".join(out)


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}_政府信息公开年报_政务公开</title>
<style>
body {{ font-family: "宋体", SimSun, serif; margin: 0; }}
.nav li {{ display: inline-block; padding: 0 12px; }}
#zoom table {{ border-collapse: collapse; margin: 0 auto; }}
#zoom td {{ border: 1px solid #000; padding: 2px 4px; text-align: center; }}
</style>
<script type="text/javascript">
var _hmt = _hmt || [];
function setFontSize(size) {{ document.getElementById("zoom").style.fontSize = size + "px"; }}
</script>
</head>
<body>
<div class="header"><div class="logo">政府门户网站</div>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
{heading}
<div class="info">来源：政务公开办　发布日期：2025-01-20　浏览次数：<span id="hits">0</span>　字号：<a href="javascript:setFontSize(18)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a></div>
<div class="content" id="zoom">
{content}
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】 分享到：</div>
</div>
<footer><p>主办单位：政府办公室　网站标识码：0000000000</p></footer>
<script type="text/javascript">document.getElementById("hits").innerText = "1024";</script>
</body>
</html>
"""


def render_html(
    text_lines_before: Sequence[str],
    tables: TablesDict,
    text_lines_after: Sequence[str],
    *,
    template: Path,
    title: str,
    encoding: str = "utf-8",
    text_lines_between: tuple[Sequence[str], Sequence[str]] | None = None,
) -> bytes:
    """A government-site page carrying the narrative and the three tables, encoded in ``encoding``.

    The tables are the official template's, filled like :func:`fill_official_template` and converted with
    their merged label cells as rowspan/colspan, so DOCX and HTML renderings share one layout. The page has
    the chrome real pages have (``<script>``, ``<style>``, a ``<nav>`` menu, 来源/发布日期 and 分享到 lines)
    and a ``<meta charset>`` naming ``encoding``. ``text_lines_between`` (two lists) goes between tables
    A/B and B/C; by default the template's part headings 三、 and 四、 stand there. Characters the encoding
    lacks become numeric character references, as a CMS would write them.
    """
    _, by_key = _filled_template(tables, template)
    between_ab, between_bc = text_lines_between or ([_HEADING_REQUESTS], [_HEADING_REVIEW])
    content = "\n".join(
        [
            _paragraphs_html(text_lines_before),
            _table_html(by_key["active_disclosure"]),
            _paragraphs_html(between_ab),
            _table_html(by_key["requests"]),
            _paragraphs_html(between_bc),
            _table_html(by_key["review_litigation"]),
            _paragraphs_html(text_lines_after),
        ]
    )
    page = _PAGE.format(
        charset=encoding.lower(),
        page_title=html.escape(title or "政府信息公开工作年度报告"),
        heading=f'<h1 class="title">{html.escape(title)}</h1>' if title else "",
        content=content,
    )
    return page.encode(encoding, errors="xmlcharrefreplace")


# --------------------------------------------------------------------------------------------------------
# Seeds

_PART_HEADINGS = {
    2: re.compile(r"^\s*[二2]\s*[、.．]\s*主动公开"),
    3: re.compile(r"^\s*[三3]\s*[、.．]\s*(收到和处理)?政府信息公开申请"),
    4: re.compile(r"^\s*[四4]\s*[、.．].*(行政复议|行政诉讼)"),
    5: re.compile(r"^\s*[五5]\s*[、.．].*(问题|改进)"),
}


@dataclass(frozen=True)
class SeedNarrative:
    """A seed's text outside its three table regions, in the slots the renderers fill.

    A table region is everything between the heading of part 二/三/四 and the next part heading: seeds
    flatten tables in many ways (one cell per line, cells split over lines), so the headings are the only
    reliable frame. Blank lines are dropped; leading title lines are joined into ``title``.
    """

    title: str
    before: list[str]
    between: tuple[list[str], list[str]]
    after: list[str]


def _split_title(lines: list[str]) -> tuple[str, list[str]]:
    """Leading short lines that together name the report ("…2024年政府信息" / "公开工作年度报告")."""
    taken = []
    for line in lines:
        if len(line) > 40 or "。" in line or re.match(r"\s*一\s*[、.]", line):
            break
        taken.append(line.strip())
    title = "".join(taken)
    if "年度报告" not in title:
        return "", lines
    return title, lines[len(taken) :]


def seed_narrative(seed_path: str | Path) -> SeedNarrative:
    """Split a seed's text around its table regions (see :class:`SeedNarrative`)."""
    lines = Path(seed_path).read_text(encoding="utf-8").splitlines()
    headings: dict[int, int] = {}
    position = 0
    for number, pattern in _PART_HEADINGS.items():
        index = next((i for i in range(position, len(lines)) if pattern.match(lines[i])), None)
        if index is None:
            raise ValueError(f"{seed_path}: no heading for part {number}")
        headings[number] = position = index

    def narrative(start: int, end: int) -> list[str]:
        return [line for line in lines[start:end] if line.strip()]

    title, before = _split_title(narrative(0, headings[2] + 1))
    return SeedNarrative(
        title=title,
        before=before,
        between=(narrative(headings[3], headings[3] + 1), narrative(headings[4], headings[4] + 1)),
        after=narrative(headings[5], len(lines)),
    )


def seed_as_docx(seed_path: str | Path, expected_tables: TablesDict, out_path: str | Path, template: Path) -> Path:
    """The seed as a DOCX built on the official template: its narrative lines and ``expected_tables``."""
    text = seed_narrative(seed_path)
    return fill_official_template(
        expected_tables,
        out_path,
        template=template,
        title=text.title,
        paragraphs_before=text.before,
        paragraphs_between=text.between,
        paragraphs_after=text.after,
    )


def seed_as_html(
    seed_path: str | Path, expected_tables: TablesDict, out_path: str | Path, template: Path, *, encoding: str = "utf-8"
) -> Path:
    """The seed as a government web page (see :func:`render_html`) written to ``out_path``."""
    text = seed_narrative(seed_path)
    out_path = Path(out_path)
    out_path.write_bytes(
        render_html(
            text.before,
            expected_tables,
            text.after,
            template=template,
            title=text.title,
            encoding=encoding,
            text_lines_between=text.between,
        )
    )
    return out_path


# --------------------------------------------------------------------------------------------------------
# Bad inputs

BAD_INPUT_CODES: dict[str, tuple[str, ...]] = {
    "empty_txt": ("empty_file",),
    "binary_txt": ("binary_garbage",),
    "corrupt_docx": ("corrupt_file",),
    "truncated_pdf": ("corrupt_file",),
    "unsupported_xyz": ("unsupported_format",),
    "scanned_pdf": ("no_text_layer",),
    "encrypted_pdf": ("encrypted",),
    # The stub is not a real Word 97 file: without LibreOffice the reader must ask for it, with LibreOffice
    # the conversion fails.
    "legacy_doc": ("needs_libreoffice", "conversion_failed"),
}
"""The ReportError codes the readers may raise for each file of :func:`make_bad_inputs`."""

_PAGE_TEXT = "鹭汀市青禾区生态环境局2024年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息326条。"


def _text_pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), _PAGE_TEXT, fontname="china-s", fontsize=12)
    return document.tobytes()


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(_PAGE_TEXT)
    document.save(buffer)
    return buffer.getvalue()


def make_bad_inputs(directory: str | Path) -> dict[str, Path]:
    """Write one file per kind of bad input into ``directory``; keys as in :data:`BAD_INPUT_CODES`.

    Nothing here needs the real corpora, so the bad-input tests run in any checkout. The corrupt DOCX is cut
    before the ZIP's central directory, which sits at the end. The truncated PDF is cut where MuPDF cannot repair it: cut later, MuPDF rebuilds the page tree and a
    "truncated" file quietly reads as a shorter report.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    text_pdf = _text_pdf()
    contents: dict[str, tuple[str, bytes]] = {
        "empty_txt": ("empty.txt", b""),
        "binary_txt": ("garbage.txt", garbage_bytes()),
        "corrupt_docx": ("corrupt.docx", _docx()[:4096]),
        "truncated_pdf": ("truncated.pdf", text_pdf[: len(text_pdf) // 2]),
        "unsupported_xyz": ("report.xyz", _PAGE_TEXT.encode("utf-8")),
        "scanned_pdf": ("scanned.pdf", scanned_pdf(directory / "scanned.pdf").read_bytes()),
        "encrypted_pdf": ("encrypted.pdf", encrypted_pdf(directory / "encrypted.pdf").read_bytes()),
        # OLE2 compound-file signature (what Word 97-2003 writes) followed by filler.
        "legacy_doc": ("legacy.doc", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)),
    }
    assert contents.keys() == BAD_INPUT_CODES.keys()
    paths = {}
    for kind, (name, data) in contents.items():
        path = directory / name
        path.write_bytes(data)
        paths[kind] = path
    return paths


def iter_seeds(corpora: Path) -> Iterator[Path]:
    """The seed texts of the shared corpora rooted at ``corpora``, sorted."""
    return iter(sorted((corpora / "seeds").glob("*.txt")))
