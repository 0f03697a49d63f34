"""``parse_tables(text, parts) -> Tables``: read tables A, B and C out of the normalized report text.

Every input format reaches this stage as plain lines (``Document.text``): .txt reports with one cell per line
(often a leading tab, blank lines between rows) or one row per line with tab-separated cells, and
DOCX/HTML/PDF grids rendered one row per line with cells joined by ``\\t`` (merged DOCX cells repeat their
label or leave continuation cells empty). PDF text comes one cell per line, with vertically written merged
labels split into single characters, wrapped labels and page-number lines. So the parser does not trust
line structure: it turns the text into a stream of *cells* and reads the tables from that stream.

Cells
    Lines are split at ``\\t`` (and ``|``, which web-page copies use as a cell separator), stripped, and
    empty cells dropped. A cell is a **number** (``3,119``, ``96171.6``, ``-3``, ``减1``, ``160.5万元``), a
    **null** (``/``, ``—``, ``－``, ``-``; ``无`` only next to numbers, where it stands for "nothing
    reported" rather than being a label fragment) or **text**. Blank cells are never turned into 0: in a
    row-per-line line, an empty cell *between* two value cells is a known blank and becomes a null cell;
    elsewhere a blank cannot be told from layout padding and simply disappears (the row then comes up short
    and is handled as below). One exception: web copies written one cell per line with each cell closed by
    ``|`` ("0 |") write an empty cell as a bare ``|`` line, so there the separators since the previous cell
    are counted as empty cells before a value. A row whose values do not fill its columns is read again
    with those empty cells in place (as nulls) — from the row label on for tables A and B, between values
    only for table C, whose first value follows header padding — and taken only if it then fits exactly;
    blanks after a row's last value are never counted (rows are padded to the grid's width). Page numbers
    ("- 5 -", "第5页") are dropped.

Table B (requests)
    Text cells collect into labels (a cell starting with a numbering marker such as ``一、`` ``（三）``
    ``2.`` starts a new label; other cells continue the previous one, which re-joins wrapped and
    vertically written labels). A run of values is assigned to the row named by the *last* label that
    resolves, using keyword patterns in priority order (sub-items before their groups, ``部分公开`` before
    anything matching its parenthesised ``不计其他情形``, the column header's ``总计`` never taken for
    ``（七）总计``). A label that resolves to nothing falls back to the next row in the expected order, with a
    note — except a group heading (``（三）不予公开`` …) given values of its own: those are dropped, since
    guessing would shift every later row. A repeated row is dropped too. ``（六）其他处理`` followed directly
    by values is the single ``other_processing`` row (2019 format, and some 2021 reports): the dict then
    carries ``other_processing`` in place of the three ``other_*`` rows; otherwise the three 2021 rows.
    A row must have 7 cells. With 6, the one missing cell could sit in any of the 7 positions; each
    position gives a candidate row completed so that total = the six applicant columns (a missing applicant
    cell is total − the others and must be ≥ 0, a missing total is the sum). A column is kept where all
    valid candidates agree and is null otherwise; the row always gets a note. Rows with other counts are
    all null with a note — values are never shifted into columns they may not belong to.

Table C (review/litigation)
    The 15 values after the header cells, in the order review, litigation_direct, litigation_after_review,
    each (upheld, corrected, other, pending, total). Any other count: all null with a note.

Table A (active disclosure)
    Header cells set the columns of the rows that follow (so a report's own column order is honoured);
    rows without a usable header get the format's default columns. A header word wrapped over two cells
    ("本年新" / "制作数量", one line each in .txt copies) is read from the pair; other unreadable cells in a
    header (a wrapped tail "件数", or "本年新" where a web copy kept only a cell's first line) do not end it.
    When the header lost column names that way and a row has exactly the form's number of values, with the
    names it kept in the form's order, the form's columns are used. 2021 format → contract keys:
    ``made`` 本年制发件数, ``repealed`` 本年废止件数, ``valid`` 现行有效件数, ``decisions`` 本年处理决定数量,
    ``amount_10k_yuan`` 本年收费金额（万元, always float).
    2019 format (国办公开办函〔2019〕60号) asks different questions. Where the meaning matches, the contract
    key is used; the rest are extra keys, and contract keys the 2019 table does not ask stay null:

    ======================  ==========================================================================
    2019 column             key
    ======================  ==========================================================================
    本年新制作数量          ``made`` (same meaning as 本年制发件数)
    本年新公开数量          ``published`` (extra)
    对外公开总数量          ``published_total`` (extra; a stock of published documents, not 现行有效)
    上一年项目数量          ``items_previous_year`` (extra)
    本年增/减               ``items_change`` (extra; may be negative)
    处理决定数量            ``decisions``
    采购项目数量            ``projects`` (extra, row ``government_procurement``)
    采购总金额              ``amount`` (extra, float, unit as printed — the 2019 form gives none)
    ======================  ==========================================================================

    2019 rows beyond the contract: ``other_external_services`` (其他对外管理服务事项, 第（五）项) and
    ``government_procurement`` (政府集中采购, 第（九）项); they appear only when the report has them.

Locating the tables
    The spans of parts 2/3/4 are used first (an anchor cell inside the part's span), but a part's span only
    says where to *start* looking: its end is not trusted (segmenters easily mistake table B's own
    ``三、``/``四、`` row labels for part headings), so each table ends by its own rules. Without parts, or
    when the span holds no anchor, anchors are searched in the whole text: a short ``第二十条…项`` /
    ``信息内容`` cell for A, ``本年新收…`` / ``申请人情况`` / ``勾稽关系`` cells for B, and a bare
    ``行政复议`` / ``结果维持`` header cell for C (after table B). A short narrative line can look like an
    anchor ("本年新收政府信息公开申请3件。"), so the first few anchors are tried in turn until one gives a
    table with a value. No anchor → the table is None; an anchor with unreadable content → a dict of every
    key with null cells, plus notes. Labels are matched after mapping full-width digits and the traditional
    characters of the keywords to simplified (web copies come in both).

Performance: one pass over the lines with precompiled regexes; a report takes 1–3 ms.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from nlp.fold import fold_table
from nlp.model import (
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REQUEST_ROWS_2019_OTHER,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Cell,
    ParseNote,
    Part,
    TableRegion,
    Tables,
)

TABLE_A = "active_disclosure"
TABLE_B = "requests"
TABLE_C = "review_litigation"

# ---------------------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]+")
_CELL_SEPARATORS = re.compile(r"[\t|]")
# Full-width digits, and the traditional characters of the labels this parser keys on (web copies of reports
# come in traditional script). Every mapping is one character to one, so offsets into the text stay valid.
_CHARACTER_VARIANTS = str.maketrans("０１２３４５６７８９．＋", "0123456789.+") | fold_table(
    only="結轉國開穩內務過執詢製沒現確補後訪舉報訴複復請認繳納費處總計規範許罰強業對項採購發廢數減決額條況關議維問題進訟審糾無"
)
# str.translate costs ~0.2 µs a character on CJK text; most reports need none, and a regex scan says so fast.
_HAS_VARIANTS = re.compile(f"[{''.join(map(chr, _CHARACTER_VARIANTS))}]")
_NUMBER = re.compile(
    r"(?P<sign>[+\-－]|增|减)?"
    r"(?P<int>\d{1,3}(?:[,，]\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>万元|元|件|条|个|项|次)?"
    # A remark in brackets after the number ("-164(因机构改革…(含…))") does not change the value.
    r"(?:[（(].*[)）])?"
)
_NULL_MARKS = frozenset({"/", "／", "\\", "—", "——", "－", "-", "--", "–", "一一", "×"})
# "无" is a null only where it stands among numbers; alone it may be a label fragment ("（四）无" / "法提供").
_NONE_WORD = "无"
_PAGE_NUMBER = re.compile(r"[-－—–]\d+[-－—–]|第\d+页(?:共\d+页)?|\d+/\d+页")
# Narrative paragraphs are far longer than any table label; one ends a table that has no other end marker.
_MAX_LABEL_LEN = 80

_Kind = Literal["num", "null", "text"]
_TEXT: tuple[_Kind, None, str] = ("text", None, "")
_NULL: tuple[_Kind, None, str] = ("null", None, "")


@dataclass(slots=True)
class _Cell:
    kind: _Kind
    text: str  # whitespace removed: labels wrap and get spaced arbitrarily ("结果 维持")
    number: int | float | None
    unit: str
    start: int
    end: int
    line: int
    multi: bool  # from a line with several non-empty cells (one row per line): line ends end a row
    # Explicit empty cells right before this one in a one-cell-per-line "cell |" layout (see _tokenize).
    blanks: int = 0


_NUMBER_FIRST = frozenset("0123456789+-－增减")
_PAGE_FIRST = frozenset("-－—–第")


def _classify(text: str) -> tuple[_Kind, int | float | None, str]:
    if text in _NULL_MARKS:
        return _NULL
    match = _NUMBER.fullmatch(text) if text[0] in _NUMBER_FIRST else None
    if match is None:
        return _TEXT
    digits = match["int"].replace(",", "").replace("，", "")
    number: int | float = float(digits + match["frac"]) if match["frac"] else int(digits)
    if match["sign"] in ("-", "－", "减"):
        number = -number
    return "num", number, match["unit"] or ""


def _compact(piece: str) -> str:
    """Cell text without whitespace; page numbers count as empty cells."""
    compact = "".join(piece.split())
    if compact and compact[0] in _PAGE_FIRST and _PAGE_NUMBER.fullmatch(compact):
        return ""
    return compact


def _tokenize(text: str) -> list[_Cell]:
    """Split the text into cells, keeping offsets; blanks between two values of one line become nulls, and
    explicit empty cells of the one-cell-per-line "cell |" layout are counted into ``_Cell.blanks``."""
    cells: list[_Cell] = []
    if _HAS_VARIANTS.search(text):
        text = text.translate(_CHARACTER_VARIANTS)
    # Web copies written one cell per line, each cell closed by "|" ("0 |"), write an empty cell as a bare "|"
    # line: there every separator closes one cell, so the separators since the last cell count empty cells.
    # Elsewhere a bare "|" line is only a separator (between cells written without one) or padding.
    pending_blanks = 0
    closed_cells = False  # the last non-empty line was a "cell |" line (or empty cells after one)
    for line_no, line_match in enumerate(_LINE.finditer(text)):
        line = line_match.group()
        pieces = _CELL_SEPARATORS.split(line) if "\t" in line or "|" in line else [line]
        compacts = [_compact(piece) for piece in pieces]
        filled = len(compacts) - compacts.count("")
        if filled == 0:
            if closed_cells and "|" in line and "\t" not in line:
                pending_blanks += len(pieces) - 1
            continue
        position = line_match.start()
        if filled == 1:  # one cell per line, the commonest layout: no row structure to keep
            blanks = pending_blanks if closed_cells else 0
            closed_cells = "\t" not in line and len(pieces) > 1 and bool(compacts[0])
            # Empty cells closed after the cell on its own line ("0 | |") precede the next cell.
            pending_blanks = len(pieces) - 2 if closed_cells else 0
            for piece, compact in zip(pieces, compacts):
                if compact:
                    start = position + len(piece) - len(piece.lstrip())
                    kind, number, unit = _classify(compact) if len(compact) <= _MAX_LABEL_LEN else _TEXT
                    end = start + len(piece.strip())
                    cells.append(_Cell(kind, compact, number, unit, start, end, line_no, False, blanks))
                    break
                position += len(piece) + 1
            continue
        pending_blanks, closed_cells = 0, False
        kinds = [_classify(compact) if compact else _TEXT for compact in compacts]
        if any(kind == "num" for kind, _, _ in kinds):
            kinds = [_NULL if compact == _NONE_WORD else kind for compact, kind in zip(compacts, kinds)]
        value_positions = [i for i, (kind, _, _) in enumerate(kinds) if kind != "text"]
        first_value, last_value = (value_positions[0], value_positions[-1]) if value_positions else (0, 0)
        for i, (piece, compact, (kind, number, unit)) in enumerate(zip(pieces, compacts, kinds)):
            if compact or first_value < i < last_value:
                start = position + len(piece) - len(piece.lstrip())
                end = start + len(piece.strip())
                cells.append(_Cell(kind if compact else "null", compact, number, unit, start, end, line_no, True))
            position += len(piece) + 1
    return cells


# ---------------------------------------------------------------------------------------------------------
# Locating tables
# ---------------------------------------------------------------------------------------------------------

_ACTIVE_ANCHOR = re.compile(r"第二十条.{0,8}项|信息内容")
_REQUESTS_ANCHOR = re.compile(r"(?:一[、.．])?本年新收.{0,20}|.{0,3}申请人情况|.{0,6}勾稽关系.{0,40}")
_REVIEW_ANCHOR = re.compile(r"行政复议|结果维持|复议后起诉")
_ANCHOR_MAX_LEN = 60
# Part headings and other tables' cells end a table region.
_END_OF_ACTIVE = re.compile(r"收到和处理|申请人情况|勾稽关系|本年新收|行政复议|存在的主要问题|其他需要报告")
_END_OF_REQUESTS = re.compile(r"行政复议|行政诉讼|存在的主要问题|其他需要报告|第二十条")
_END_OF_REVIEW = re.compile(r"^(?:五|六)[、.．]|存在的主要问题|其他需要报告|改进情况")
_REVIEW_HEADER = re.compile(r"(?:行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果|维持|纠正|其他|尚未|审结|总计)+")


def _anchors(
    cells: Sequence[_Cell],
    starts: Sequence[int],
    anchor: re.Pattern[str],
    span: tuple[int, int] | None,
    search_from: int,
) -> Iterator[int]:
    """Indexes of anchor cells: those inside the part's span first, then the others from ``search_from``."""

    def scan(lo: int, hi_offset: int | None) -> Iterator[int]:
        for index in range(lo, len(cells)):
            cell = cells[index]
            if hi_offset is not None and cell.start >= hi_offset:
                return
            if cell.kind == "text" and len(cell.text) <= _ANCHOR_MAX_LEN and anchor.fullmatch(cell.text):
                yield index

    in_span: set[int] = set()
    if span is not None:
        for index in scan(bisect_left(starts, span[0]), span[1]):
            in_span.add(index)
            yield index
    yield from (index for index in scan(search_from, None) if index not in in_span)


def _has_values(table: dict[str, dict[str, Cell]]) -> bool:
    return any(value is not None for row in table.values() for value in row.values())


_Parse = Callable[[int, list[ParseNote]], tuple[dict[str, dict[str, Cell]], int]]
_Parsed = tuple[dict[str, dict[str, Cell]], list[ParseNote], int, int]
# A short narrative line can look like an anchor ("本年新收政府信息公开申请3件"); a few are tried in turn.
_MAX_ANCHOR_TRIES = 6


def _first_readable(candidates: Iterator[int], parse: _Parse) -> _Parsed | None:
    """Parse from each anchor until one yields a value; else keep the first (present but unreadable)."""
    first: _Parsed | None = None
    for start in islice(candidates, _MAX_ANCHOR_TRIES):
        notes: list[ParseNote] = []
        table, end = parse(start, notes)
        if _has_values(table):
            return table, notes, start, end
        first = first or (table, notes, start, end)
    return first


# ---------------------------------------------------------------------------------------------------------
# Table A
# ---------------------------------------------------------------------------------------------------------

_ACTIVE_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("regulations", re.compile(r"^规章$")),
    ("normative_documents", re.compile(r"^(?:行政)?规范性文件")),
    ("administrative_licensing", re.compile(r"^行政许可$")),
    ("administrative_penalty", re.compile(r"^行政处罚$")),
    ("administrative_coercion", re.compile(r"^行政强制$")),
    ("administrative_fees", re.compile(r"^行政事业性收费$")),
    ("other_external_services", re.compile(r"^其他对外管理服务事项$")),
    ("government_procurement", re.compile(r"^政府集中采购$")),
)
_ACTIVE_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("made", re.compile(r"制发|新制作")),
    ("repealed", re.compile(r"废止")),
    ("valid", re.compile(r"现行有效")),
    ("published_total", re.compile(r"公开总数")),
    ("published", re.compile(r"新公开")),
    ("items_previous_year", re.compile(r"上一年项目")),
    ("items_change", re.compile(r"增/?减")),
    ("decisions", re.compile(r"处理决定")),
    ("amount_10k_yuan", re.compile(r"收费金额")),
    ("projects", re.compile(r"采购项目")),
    ("amount", re.compile(r"采购.{0,2}金额")),
)
# Contract keys per row (always present) and the columns each row may legitimately take.
_ACTIVE_CONTRACT: dict[str, tuple[str, ...]] = {
    "regulations": ("made", "repealed", "valid"),
    "normative_documents": ("made", "repealed", "valid"),
    "administrative_licensing": ("decisions",),
    "administrative_penalty": ("decisions",),
    "administrative_coercion": ("decisions",),
    "administrative_fees": ("amount_10k_yuan",),
}
_DOCUMENT_COLUMNS = frozenset({"made", "repealed", "valid", "published", "published_total"})
_DECISION_COLUMNS = frozenset({"decisions", "items_previous_year", "items_change"})
_ACTIVE_FAMILY: dict[str, frozenset[str]] = {
    "regulations": _DOCUMENT_COLUMNS,
    "normative_documents": _DOCUMENT_COLUMNS,
    "administrative_licensing": _DECISION_COLUMNS,
    "administrative_penalty": _DECISION_COLUMNS,
    "administrative_coercion": _DECISION_COLUMNS,
    "other_external_services": _DECISION_COLUMNS,
    "administrative_fees": frozenset({"amount_10k_yuan", "items_previous_year", "items_change"}),
    "government_procurement": frozenset({"projects", "amount"}),
}
_DEFAULT_2021: dict[str, tuple[str, ...]] = {
    **_ACTIVE_CONTRACT,
    "other_external_services": ("decisions",),
    "government_procurement": ("projects", "amount"),
}
_DEFAULT_2019: dict[str, tuple[str, ...]] = {
    "regulations": ("made", "published", "published_total"),
    "normative_documents": ("made", "published", "published_total"),
    "administrative_licensing": ("items_previous_year", "items_change", "decisions"),
    "administrative_penalty": ("items_previous_year", "items_change", "decisions"),
    "administrative_coercion": ("items_previous_year", "items_change", "decisions"),
    "other_external_services": ("items_previous_year", "items_change", "decisions"),
    "administrative_fees": ("items_previous_year", "items_change"),
    "government_procurement": ("projects", "amount"),
}
_COLUMNS_2019 = frozenset({"published", "published_total", "items_previous_year", "items_change", "projects"})
_FLOAT_COLUMNS = frozenset({"amount_10k_yuan", "amount"})


def _form_of_values(row: str, values: dict[str, Cell]) -> Literal["2019", "2021"] | None:
    """The form whose own columns hold the row's values, or None when they do not tell (blank cells, or only
    处理决定数量, which both forms ask)."""
    ours, theirs = _DEFAULT_2019.get(row, ()), _DEFAULT_2021.get(row, ())
    if any(values.get(column) is not None for column in ours if column not in theirs):
        return "2019"
    if any(values.get(column) is not None for column in theirs if column not in ours):
        return "2021"
    return None


def active_row_form(
    row: str, values: dict[str, Cell], table: dict[str, dict[str, Cell]] | None = None
) -> Literal["2019", "2021"]:
    """The form table A's ``row`` was filled on: the one whose own columns hold its values (2019: 本年新公开数量,
    上一年项目数量 …; 2021: 本年废止件数, 现行有效件数, 本年收费金额). When they do not tell and the whole ``table``
    is given, the form its other rows agree on; when no row tells, the form of the keys the parser gave the rows
    (every row of a 2019-format table has that form's keys). Otherwise, and in a table that mixes both forms'
    blocks, the 2021 form."""
    form = _form_of_values(row, values)
    if form is not None or table is None:
        return form or "2021"
    forms = {form for key, other in table.items() if (form := _form_of_values(key, other)) is not None}
    if len(forms) == 1:
        return forms.pop()
    if not forms and any(column in values for column in _DEFAULT_2019.get(row, ()) if column in _COLUMNS_2019):
        return "2019"
    return "2021"


def active_row_columns(
    row: str, values: dict[str, Cell], table: dict[str, dict[str, Cell]] | None = None
) -> tuple[str, ...]:
    """The columns table A's ``row`` has on its form (:func:`active_row_form`), in the form's order. The row's
    other keys (contract keys a 2019 table lacks, 2019 keys a 2021 block lacks) are columns the report's table
    does not have, not blanks."""
    return (_DEFAULT_2019 if active_row_form(row, values, table) == "2019" else _DEFAULT_2021).get(row, ())


def _match_key(text: str, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    return next((key for key, pattern in patterns if pattern.search(text)), None)


def _wrapped_header_key(first: str, second: str) -> str | None:
    """The column named by a header word wrapped over two cells ("本年新" + "制作数量"): a match that starts
    in the first cell and ends in the second, so a word wholly inside either cell does not count."""
    joined = first + second
    for key, pattern in _ACTIVE_HEADERS:
        if any(match.start() < len(first) < match.end() for match in pattern.finditer(joined)):
            return key
    return None


def _is_subsequence(items: Sequence[str], within: Sequence[str]) -> bool:
    remaining = iter(within)
    return all(item in remaining for item in items)


def _with_blanks(run: Sequence[_Cell], *, leading: bool = True) -> list[_Cell] | None:
    """The run with its explicit empty cells put back in place as nulls, or None when it has none.

    ``leading``: count the empty cells before the first value too (right after a row label they are the
    row's first columns; after table C's header words they may be the header row's padding)."""
    counted = run if leading else run[1:]
    if not any(cell.blanks for cell in counted):
        return None
    spread: list[_Cell] = []
    for index, cell in enumerate(run):
        if leading or index:
            blank = _Cell("null", "", None, "", cell.start, cell.start, cell.line, cell.multi)
            spread.extend([blank] * cell.blanks)
        spread.append(cell)
    return spread


def _as_cell(cell: _Cell, column: str) -> Cell:
    if cell.number is None:
        return None
    if column in _FLOAT_COLUMNS:
        return float(cell.number)
    if isinstance(cell.number, float) and cell.number.is_integer():
        return int(cell.number)
    return cell.number


def _note(notes: list[ParseNote], table: str, row: str | None, message: str, cells: Sequence[_Cell]) -> None:
    start, end = (cells[0].start, cells[-1].end) if cells else (None, None)
    notes.append(ParseNote(table=table, row=row, message=message, start=start, end=end))


def _note_nulls(notes: list[ParseNote], table: str, row: str | None, cells: Sequence[_Cell]) -> None:
    if any(cell.kind == "null" for cell in cells):
        _note(notes, table, row, "存在空白或“/”“—”单元格，按空值处理（不计为0）", cells)


def _parse_active(
    cells: Sequence[_Cell], lo: int, hi: int, notes: list[ParseNote]
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Walk table A: header cells set the columns, a row label takes the run of values right after it.
    Returns the table and the index just after the last cell it used."""
    values: dict[str, dict[str, Cell]] = {}
    seen: set[str] = set()
    header: list[str] = []
    in_header = False
    # Header cells no column was read from ("本年新" where a web copy kept only the first line of a wrapped
    # cell): since the last row, and in the current header.
    fragments = header_fragments = False
    is_2019 = False
    row: str | None = None
    run: list[_Cell] = []

    def assign(key: str, row_cells: list[_Cell]) -> None:
        """Place one row's values under the current header (or the row's default columns)."""
        defaults = (_DEFAULT_2019 if is_2019 else _DEFAULT_2021)[key]
        columns = header if header and set(header) <= _ACTIVE_FAMILY[key] else list(defaults)
        lost_names = header_fragments and _is_subsequence(columns, defaults)

        def fits(count: int) -> bool:
            return count in (len(columns), len(set(columns))) or (lost_names and count == len(defaults))

        spread = _with_blanks(row_cells)
        if spread is not None and fits(len(spread)) and not fits(len(row_cells)):
            row_cells = spread  # explicit empty cells give the values their columns
        if lost_names and len(row_cells) != len(columns) and len(row_cells) == len(defaults):
            # The header lost column names; the values fill the form's columns, among them the ones it kept.
            columns = list(defaults)
        distinct = list(dict.fromkeys(columns))
        row_values: dict[str, Cell] = {}
        if len(row_cells) == len(columns):
            # A merged DOCX cell repeats its header (and its value) once per grid column.
            conflicts: set[str] = set()
            for column, cell in zip(columns, row_cells):
                value = _as_cell(cell, column)
                if column in row_values and row_values[column] != value:
                    conflicts.add(column)
                row_values[column] = value
            for column in conflicts:
                _note(notes, TABLE_A, key, "合并单元格重复的数值不一致，该列置空", row_cells)
                row_values[column] = None
        elif len(row_cells) == len(distinct):
            row_values = {column: _as_cell(cell, column) for column, cell in zip(distinct, row_cells)}
        else:
            message = f"该行有{len(row_cells)}个数值，应为{len(distinct)}个，无法确定所属列，置空"
            _note(notes, TABLE_A, key, message, row_cells)
            row_values = dict.fromkeys(distinct)
        _note_nulls(notes, TABLE_A, key, row_cells)
        for column, cell in zip(columns, row_cells):
            if column == "amount_10k_yuan" and cell.unit == "元":
                _note(notes, TABLE_A, key, "收费金额以“元”填写，而该栏单位为万元", [cell])
        if key in values:
            _note(notes, TABLE_A, key, "该行重复出现，已忽略后一处", row_cells)
        else:
            values[key] = row_values

    # The table ends at the last cell it used: when table B is missing, short lines of the next part's prose
    # (too short to stop the walk) must not be counted into table A's region.
    used = lo
    index = lo
    while index < hi:
        cell = cells[index]
        index += 1
        if cell.kind != "text":
            run.append(cell)
            if row is not None:
                used = index - 1
            in_header = fragments = False
            continue
        if run:
            if row is not None:
                assign(row, run)
            row, run = None, []
        if len(cell.text) > _MAX_LABEL_LEN or _END_OF_ACTIVE.search(cell.text):
            break
        header_key = _match_key(cell.text, _ACTIVE_HEADERS)
        row_key = None if header_key is not None else _match_key(cell.text, _ACTIVE_ROWS)
        if header_key is None and row_key is None and index < hi and cells[index].kind == "text":
            # Wrapped header cells come one line per cell ("本年新" / "制作数量").
            header_key = _wrapped_header_key(cell.text, cells[index].text)
            if header_key is not None:
                index += 1
        if header_key is not None:
            if not in_header:
                header, header_fragments = [], fragments
            header.append(header_key)
            in_header = True
            is_2019 = is_2019 or header_key in _COLUMNS_2019
            used = index - 1
            continue
        if row_key is not None:
            # A label repeated by merged cells names the same row; a new label leaves the old row blank.
            in_header = fragments = False
            row = row_key
            seen.add(row_key)
            used = index - 1
        elif _ACTIVE_ANCHOR.fullmatch(cell.text):
            in_header = fragments = False  # a block's title or its 信息内容 cell: a new header follows
        else:
            # A header fragment (the wrapped tail "件数", or a cell cut short); it does not end the header.
            fragments = True
            header_fragments = header_fragments or in_header
    if run and row is not None:
        assign(row, run)

    # Every row carries the same keys whatever was readable: the contract keys, plus the 2019 columns in a
    # 2019-format table.
    defaults = _DEFAULT_2019 if is_2019 else _DEFAULT_2021
    table: dict[str, dict[str, Cell]] = {}
    for key, contract in _ACTIVE_CONTRACT.items():
        if key not in values:
            _note(notes, TABLE_A, key, "该行没有数值" if key in seen else "未找到该行", [])
        table[key] = {**dict.fromkeys(contract), **dict.fromkeys(defaults[key]), **values.get(key, {})}
    for key in ("other_external_services", "government_procurement"):
        if key in seen:
            if key not in values:
                _note(notes, TABLE_A, key, "该行没有数值", [])
            table[key] = {**dict.fromkeys(defaults[key]), **values.get(key, {})}
    return table, used + 1


# ---------------------------------------------------------------------------------------------------------
# Table B
# ---------------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))")
# Priority order: sub-items before their groups; 部分公开 before anything matching its "不计其他情形".
_REQUEST_ROW_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("carried_forward", r"结转下年"),
        ("carried_over", r"上年结转"),
        ("new_received", r"新收"),
        ("denied_state_secret", r"国家秘密"),
        ("denied_prohibited_by_law", r"禁止公开"),
        ("denied_three_safeties_one_stability", r"三安全一稳定|危及"),
        ("denied_third_party_rights", r"第三方"),
        ("denied_internal_affairs", r"内部事务"),
        ("denied_process_information", r"过程性"),
        ("denied_law_enforcement_files", r"执法案卷"),
        ("denied_administrative_query", r"行政查询"),
        ("unable_not_held", r"不掌握"),
        ("unable_needs_creation", r"另行制作|没有现成"),
        ("unable_unclear_after_correction", r"仍不明确|补正后"),
        ("rejected_petition_complaint", r"信访|举报|投诉"),
        ("rejected_repeated", r"重复申请"),
        ("rejected_publications", r"出版物"),
        ("rejected_excessive", r"大量反复|反复申请"),
        ("rejected_confirmation", r"确认|重新出具"),
        ("other_overdue_correction", r"不补正"),
        ("other_overdue_fee", r"缴纳费用|未按收费|未缴"),
        ("partially_granted", r"部分公开"),
        ("granted", r"予以公开"),
        ("other_other", r"^(?:[（(]六[)）])?(?:\d{1,2}[、.．]?)?其他$"),
        (REQUEST_ROWS_2019_OTHER, r"其他处理$"),
        # The column header (申请人情况 … 总计) is not the （七）总计 row.
        ("total_processed", r"^(?!.*(?:申请人|自然人|勾稽)).*总计"),
    )
)
_COLUMN_NAMES = dict(zip(REQUEST_COLUMNS, ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")))
_GROUP_LABEL = re.compile(r"本年度办理结果$|不予公开$|无法提供$|不予处理$")
_OTHER_2021 = ("other_overdue_correction", "other_overdue_fee", "other_other")
_ROW_ORDER = {key: index for index, key in enumerate(REQUEST_ROWS)}


def _resolve_request_row(labels: Sequence[str]) -> str | None:
    """The row named by the last label that names one (earlier labels are headers or merged group cells)."""
    for label in reversed(labels):
        key = _match_key(label, _REQUEST_ROW_PATTERNS)
        if key is not None:
            return key
    return None


def _complete_six(cells: Sequence[Cell]) -> list[Cell]:
    """Fill a 7-column row from 6 cells: keep each column on which every consistent placement agrees.

    The lost cell may be any of the 7; placing the gap at position k and completing it from
    total = Σ applicants gives one candidate row (impossible when the completion is negative). A cell is known
    only when all candidates give it the same value, so no value is ever guessed into a column.
    """
    candidates: list[list[Cell]] = []
    for gap in range(7):
        row: list[Cell] = [*cells[:gap], None, *cells[gap:]]
        applicants = [row[i] for i in range(6) if i != gap]
        numbers = [value for value in applicants if value is not None]
        total = row[6]
        # A null among the others leaves the completed cell unknown (None), which no candidate can confirm.
        if len(numbers) == len(applicants):
            if gap == 6:
                row[6] = sum(numbers)
            elif total is not None:
                if total - sum(numbers) < 0:
                    continue
                row[gap] = total - sum(numbers)
        candidates.append(row)
    if not candidates:
        return [None] * 7
    return [
        candidates[0][i] if all(candidate[i] == candidates[0][i] for candidate in candidates) else None
        for i in range(7)
    ]


def _fit_request_row(row: str, run: Sequence[_Cell], notes: list[ParseNote]) -> dict[str, Cell]:
    spread = _with_blanks(run)
    if len(run) != 7 and spread is not None and len(spread) == 7:
        # Explicit empty cells place every value, where completing a 6-cell row would have to infer.
        run = spread
    raw = [_as_cell(cell, "") for cell in run]
    if len(raw) == 7:
        _note_nulls(notes, TABLE_B, row, run)
        return dict(zip(REQUEST_COLUMNS, raw))
    if len(raw) == 6:
        completed = _complete_six(raw)
        unknown = [_COLUMN_NAMES[column] for column, value in zip(REQUEST_COLUMNS, completed) if value is None]
        detail = f"，无法确定：{'、'.join(unknown)}" if unknown else "，各列均可确定"
        _note(notes, TABLE_B, row, f"该行只有6个数值（应为7个），按“总计=各申请人之和”推断{detail}", run)
        return dict(zip(REQUEST_COLUMNS, completed))
    _note(notes, TABLE_B, row, f"该行有{len(raw)}个数值（应为7个），无法确定所属列，置空", run)
    return dict.fromkeys(REQUEST_COLUMNS)


def _next_expected_row(last_row: str | None, values: dict[str, dict[str, Cell]]) -> str | None:
    """The first unfilled row after ``last_row`` in table order (the 2019 single row is followed by 总计)."""
    if last_row == REQUEST_ROWS_2019_OTHER:
        last_row = _OTHER_2021[-1]
    after = REQUEST_ROWS[_ROW_ORDER[last_row] + 1 :] if last_row is not None else REQUEST_ROWS
    return next((key for key in after if key not in values), None)


def _parse_requests(
    cells: Sequence[_Cell], lo: int, notes: list[ParseNote]
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Walk table B from its anchor; returns the table and the index of the first cell after it."""
    values: dict[str, dict[str, Cell]] = {}
    labels: list[list[_Cell]] = []
    run: list[_Cell] = []
    last_row: str | None = None

    def flush() -> None:
        nonlocal last_row
        texts = ["".join(cell.text for cell in label) for label in labels]
        row = _resolve_request_row(texts)
        evidence = [cell for label in labels for cell in label] + run
        if row in values:
            _note(notes, TABLE_B, row, "该行重复出现，数值已忽略", evidence)
            return
        if row is None:
            # Guessing by position is safe for a lost or garbled label, but a group heading given its own
            # subtotal would shift every later row, so those values are dropped instead.
            is_group = any(_GROUP_LABEL.search(label) for label in texts)
            guess = None if is_group else _next_expected_row(last_row, values)
            if guess is None:
                _note(notes, TABLE_B, None, "未能识别行名，数值已忽略", evidence)
                return
            _note(notes, TABLE_B, guess, "未能识别行名，按表格顺序推定为该行", evidence)
            row = guess
        values[row] = _fit_request_row(row, run, notes)
        last_row = row

    index = lo
    while index < len(cells):
        cell = cells[index]
        if cell.kind == "text" and run and cell.text == _NONE_WORD:
            cell = _Cell("null", cell.text, None, "", cell.start, cell.end, cell.line, cell.multi, cell.blanks)
        row_ends = bool(run) and (
            cell.kind == "text" or (cell.line != run[-1].line and (cell.multi or run[-1].multi))
        )
        if row_ends:
            flush()
            labels, run = [], []
            if "carried_forward" in values:
                break
        if cell.kind != "text":
            run.append(cell)
        elif len(cell.text) > _MAX_LABEL_LEN or _END_OF_REQUESTS.search(cell.text):
            break
        elif _NUMBERING.match(cell.text) or not labels:
            labels.append([cell])
        else:
            labels[-1].append(cell)
        index += 1
    if run:
        flush()

    uses_2019_other = REQUEST_ROWS_2019_OTHER in values and not any(key in values for key in _OTHER_2021)
    keys = [key for key in REQUEST_ROWS if not (uses_2019_other and key in _OTHER_2021)]
    if REQUEST_ROWS_2019_OTHER in values:
        anchor_row = "total_processed" if uses_2019_other else "other_overdue_correction"
        keys.insert(keys.index(anchor_row), REQUEST_ROWS_2019_OTHER)
    table: dict[str, dict[str, Cell]] = {}
    for key in keys:
        if key not in values:
            _note(notes, TABLE_B, key, "未找到该行或该行没有数值", [])
        table[key] = values.get(key) or dict.fromkeys(REQUEST_COLUMNS)
    return table, index


# ---------------------------------------------------------------------------------------------------------
# Table C
# ---------------------------------------------------------------------------------------------------------


def _parse_review(
    cells: Sequence[_Cell], lo: int, notes: list[ParseNote]
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Table C is one data row: the first run of values after the header cells, which must hold 15 cells."""
    run: list[_Cell] = []
    index = lo
    while index < len(cells):
        cell = cells[index]
        if cell.kind == "text" and run and cell.text == _NONE_WORD:
            cell = _Cell("null", cell.text, None, "", cell.start, cell.end, cell.line, cell.multi, cell.blanks)
        if cell.kind != "text":
            run.append(cell)
        elif _REVIEW_HEADER.fullmatch(cell.text):
            pass  # header words, also between groups of values in transposed layouts
        elif run or len(cell.text) > _MAX_LABEL_LEN or _END_OF_REVIEW.search(cell.text):
            break
        index += 1
    size = len(REVIEW_COLUMNS)
    spread = _with_blanks(run, leading=False)
    if len(run) != len(REVIEW_GROUPS) * size and spread is not None and len(spread) == len(REVIEW_GROUPS) * size:
        run = spread
    if len(run) != len(REVIEW_GROUPS) * size:
        _note(notes, TABLE_C, None, f"表格有{len(run)}个数值（应为15个），无法确定所属列，置空", run or [cells[lo]])
        return {group: dict.fromkeys(REVIEW_COLUMNS) for group in REVIEW_GROUPS}, index
    _note_nulls(notes, TABLE_C, None, run)
    flat = [_as_cell(cell, "") for cell in run]
    table = {
        group: dict(zip(REVIEW_COLUMNS, flat[i * size : (i + 1) * size])) for i, group in enumerate(REVIEW_GROUPS)
    }
    return table, index


# ---------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------


def parse_tables(text: str, parts: list[Part]) -> Tables:
    """Parse tables A, B and C of one report (see the module docstring for the rules)."""
    cells = _tokenize(text)
    starts = [cell.start for cell in cells]
    spans = {
        part.key: (part.start, part.end)
        for part in parts
        if part.present and part.start is not None and part.end is not None
    }

    def anchors(anchor: re.Pattern[str], key: str, since: int) -> Iterator[int]:
        return _anchors(cells, starts, anchor, spans.get(key), since)

    requests = _first_readable(
        anchors(_REQUESTS_ANCHOR, TABLE_B, 0), lambda start, notes: _parse_requests(cells, start, notes)
    )
    requests_start, requests_end = (requests[2], requests[3]) if requests else (len(cells), 0)

    def parse_active(start: int, notes: list[ParseNote]) -> tuple[dict[str, dict[str, Cell]], int]:
        return _parse_active(cells, start, requests_start if requests_start > start else len(cells), notes)

    active = _first_readable(anchors(_ACTIVE_ANCHOR, TABLE_A, 0), parse_active)
    review = _first_readable(
        anchors(_REVIEW_ANCHOR, TABLE_C, requests_end), lambda start, notes: _parse_review(cells, start, notes)
    )
    return Tables(
        active_disclosure=active[0] if active else None,
        requests=requests[0] if requests else None,
        review_litigation=review[0] if review else None,
        notes=[note for parsed in (active, requests, review) if parsed for note in parsed[1]],
        regions=[
            TableRegion(table, cells[parsed[2]].start, cells[parsed[3] - 1].end)
            for table, parsed in ((TABLE_A, active), (TABLE_B, requests), (TABLE_C, review))
            if parsed and parsed[3] > parsed[2]
        ],
    )
