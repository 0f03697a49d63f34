"""PDF with a text layer (pymupdf): paragraphs rejoined from wrapped lines, ruled tables as grids.

Per page the reader takes the characters (``rawdict``) and the vector drawings once; everything else is
plain Python on those lists, which keeps a six-page report near 30 ms (pymupdf's ``find_tables`` gives the
same grids on the Huaian report but costs about 0.25 s per report, mostly in header detection we do not
need).

Tables. Table rules are collected from the drawings (stroked lines, thin filled rectangles, rectangle
outlines), merged, and grouped into connected frames. A frame's distinct rule positions define a grid;
neighbouring grid slots with no rule between them belong to the same (merged) cell. Each character goes to
the cell under its centre, so cell text never mixes with neighbouring cells, and lines wrapped inside a
cell (a label stacked one character per line, "商业企" / "业") are joined in reading order. Rows follow
the convention of :mod:`nlp.readers`: a merged cell once, ``""`` where a vertically merged cell continues.
A table that ends one page and starts the next with the same left and right edges continues as one table;
a row label cut by that page break ("（四）无" / "法提供") is put back together. Tables drawn without rules
are left as text lines (their cells are short lines that never join; see below).

Paragraphs. Lines outside tables keep the content-stream order (Word and WPS write it in reading order,
and it keeps a table drawn without rules row by row, one cell per line); tables take the place of their
first character. Page numbers ("- 3 -", "第3页", "3/10") and running headers/footers (the same text, digits
aside, at the same height on most pages) among the top and bottom lines of a page are dropped. A line
continues on the next one when it reaches the right text margin, the next line is not indented, both have
the same font size and sit at normal line spacing (or at the end and start of consecutive pages), and the
line does not end a sentence (a full-margin line ending in "。" still continues when the document marks
paragraph starts by indenting). Chinese joins without a space.

Scans: when fewer than half of the pages carry real text, the PDF is treated as a scan (``no_text_layer``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.model import Block
from nlp.readers._shared import fail, join_lines, join_wrapped

_TOL = 2.0  # pt: rules this close are the same rule; a rule this short of a crossing still meets it
_THIN = 2.0  # pt: a filled rectangle this thin is drawn as a rule
_MIN_RULE = 3.0  # pt: shorter strokes are glyph decorations, not table rules
_MAX_GRID_SLOTS = 10_000  # a denser "grid" is a chart or a pattern, not a report table
_MAX_RULES = 500  # per direction; more strokes than this is a chart or a map, not worth a table search
_LONG_CELL = 400  # characters: a report-table cell holds a label or a number, not running text
_PAGE_TEXT_MIN = 30  # non-space characters that make a page a text page rather than a scan
_CHROME_LINES = 2  # how many lines at the top and bottom of a page may be headers, footers or page numbers

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～·•_]+\s*\d{1,4}\s*[-—–－~～·•_]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_SENTENCE_END = "。！？；!?;…"
_CLOSERS = "”’」』）)》"
_ENUMERATED = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[）)、．.]|[（(]?\d+[）)、．.]|[①-⑳])")
_NUMERIC = re.compile(r"^[\d.,，%\s-]+$")


def read_pdf(path: Path, data: bytes) -> tuple[list[Block], str | None]:
    """Read a PDF's text layer into paragraph and table blocks (no text encoding applies)."""
    pymupdf = _pymupdf()
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise fail("corrupt_file", path, "无法解析 PDF 结构", f"pymupdf: {exc}") from exc
    with document:
        if document.needs_pass and not document.authenticate(""):
            raise fail("encrypted", path)
        if document.page_count == 0:
            raise fail("corrupt_file", path, "PDF 中没有页面", "the PDF has no pages")
        repaired = document.is_repaired
        pages: list[_Page] = []
        for number in range(document.page_count):
            try:
                pages.append(_read_page(document[number], number))
            except (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase) as exc:
                raise fail("corrupt_file", path, f"第 {number + 1} 页无法解析", f"page {number + 1}: {exc}") from exc
    _check_text_layer(path, pages, repaired)
    _drop_page_chrome(pages)
    return _assemble(pages), None


_PYMUPDF: Any = None


def _pymupdf() -> Any:
    """Import pymupdf on first use and silence its console output, which would corrupt the CLI's JSON."""
    global _PYMUPDF
    if _PYMUPDF is None:
        import pymupdf

        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        if hasattr(pymupdf, "no_recommend_layout"):  # pymupdf >= 1.27 prints an advert on first table use
            pymupdf.no_recommend_layout()
        _PYMUPDF = pymupdf
    return _PYMUPDF


# --- page reading --------------------------------------------------------------------------------------

_Char = tuple[float, float, float, float, str]  # x0, y0, x1, y1, character


@dataclass
class _Line:
    """A visual text line outside tables, in page coordinates (points, y downwards)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    order: int  # position in the page's content stream


@dataclass
class _Cell:
    r0: int
    c0: int
    r1: int
    c1: int
    x0: float
    x1: float
    chars: dict[int, list[_Char]] = field(default_factory=dict)  # by pymupdf line
    text: str = ""


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    slots: list[list[_Cell]]  # [row][column] -> owning cell
    order: int = 1 << 30  # stream position of the first character inside

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_at(self, x: float, y: float) -> _Cell | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        column = min(bisect.bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        row = min(bisect.bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        return self.slots[row][column]


@dataclass
class _OutCell:
    """A table cell as emitted: text plus what the cross-page merge needs to know."""

    text: str
    x0: float
    x1: float
    rowspan: int
    continuation: bool


@dataclass
class _Table:
    page: int
    x0: float
    x1: float
    order: int
    rows: list[list[_OutCell]]


@dataclass
class _Page:
    number: int
    lines: list[_Line]
    tables: list[_Table]
    text_chars: int
    bad_chars: int
    images: int


def _read_page(page: Any, number: int) -> _Page:
    pymupdf = _pymupdf()
    if page.rotation:
        page.remove_rotation()  # work in the coordinates the reader sees
    flags = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES
    raw = page.get_text("rawdict", flags=flags)
    grids = _find_grids(page.get_drawings())

    fragments: list[_Line] = []
    sizes: dict[int, float] = {}  # font size per pymupdf line
    text_chars = bad_chars = 0
    line_id = 0
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            line_id += 1
            dx, dy = line["dir"]
            if dx < 0.99 or abs(dy) > 0.05:
                continue  # rotated text: watermarks and stamps, not report content
            free: list[_Char] = []
            size = sizes[line_id] = max((span["size"] for span in line["spans"]), default=0.0)
            hit = [g for g in grids if _overlaps(g.bbox, line["bbox"])]
            for span in line["spans"]:
                for char in span["chars"]:
                    c = char["c"]
                    if not c.isspace():
                        text_chars += 1
                        if c == "\ufffd" or "\ue000" <= c <= "\uf8ff":  # no Unicode mapping for the glyph
                            bad_chars += 1
                    x0, y0, x1, y1 = char["bbox"]
                    item = (x0, y0, x1, y1, c)
                    for grid in hit:
                        cell = grid.cell_at((x0 + x1) / 2, (y0 + y1) / 2)
                        if cell is not None:
                            cell.chars.setdefault(line_id, []).append(item)
                            grid.order = min(grid.order, line_id)
                            break
                    else:
                        free.append(item)
            fragments += _fragment(number, free, size, line_id)
    tables: list[_Table] = []
    for grid in grids:
        table = _grid_table(grid, number)
        if table is None:
            continue
        if any(len(cell.text) > _LONG_CELL for row in table.rows for cell in row):
            # A ruled frame around running text (a boxed note, a page border with a rule): read it as text.
            for cell in {id(cell): cell for row in grid.slots for cell in row}.values():
                for cell_line, chars in cell.chars.items():
                    fragments += _fragment(number, chars, sizes[cell_line], cell_line)
        else:
            tables.append(table)
    fragments.sort(key=lambda fragment: (fragment.order, fragment.x0))
    # Images only matter to tell a scan from a blank page, so only look when the text is thin.
    images = len(page.get_images()) if text_chars < _PAGE_TEXT_MIN else 0
    return _Page(number, _visual_lines(fragments), tables, text_chars, bad_chars, images)


def _fragment(page: int, chars: list[_Char], size: float, order: int) -> list[_Line]:
    """The characters of one pymupdf line (or the part of it outside tables) as a line; [] if blank."""
    text = "".join(c[4] for c in chars)
    if not text.strip():
        return []
    x0, y0 = min(c[0] for c in chars), min(c[1] for c in chars)
    x1, y1 = max(c[2] for c in chars), max(c[3] for c in chars)
    return [_Line(page, x0, y0, x1, y1, text, size, order)]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _visual_lines(fragments: list[_Line]) -> list[_Line]:
    """Merge consecutive fragments that continue one phrase on the same visual line.

    pymupdf splits a line where the font changes (digits in another typeface) or a small gap opens; joining
    those keeps a wrapped sentence in one piece. Fragments further apart are kept separate: they are cells
    of a table drawn without rules, which the table parser reads one cell per line.
    """
    lines: list[_Line] = []
    for fragment in fragments:
        if lines:
            last = lines[-1]
            size = max(last.size, fragment.size, 1.0)
            gap = fragment.x0 - last.x1
            same_row = abs((fragment.y0 + fragment.y1) - (last.y0 + last.y1)) / 2 < 0.3 * max(last.y1 - last.y0, 1.0)
            if same_row and -_TOL <= gap < 0.6 * size:
                lines[-1] = _Line(
                    last.page, last.x0, min(last.y0, fragment.y0), fragment.x1, max(last.y1, fragment.y1),
                    join_wrapped(last.text, fragment.text) if gap > 0.25 * size else last.text + fragment.text,
                    size, last.order,
                )
                continue
        lines.append(fragment)
    return lines


# --- table grids ---------------------------------------------------------------------------------------


def _is_white(colour: Any) -> bool:
    return colour is not None and all(c > 0.95 for c in colour)


_Rule = tuple[float, float, float]  # (y, x0, x1) for a horizontal rule, (x, y0, y1) for a vertical one


def _rules(drawings: list[dict]) -> tuple[list[_Rule], list[_Rule]]:
    """Horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` rules drawn on the page."""
    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) <= _THIN and abs(x1 - x0) >= _MIN_RULE:
            horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _THIN and abs(y1 - y0) >= _MIN_RULE:
            vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    for path in drawings:
        kind = path.get("type") or ""
        stroked = "s" in kind and path.get("color") is not None and not _is_white(path.get("color"))
        filled = "f" in kind and path.get("fill") is not None and not _is_white(path.get("fill"))
        for item in path["items"]:
            if item[0] == "l" and stroked:
                add(item[1].x, item[1].y, item[2].x, item[2].y)
            elif item[0] in ("re", "qu"):
                r = item[1] if item[0] == "re" else item[1].rect
                if min(r.width, r.height) <= _THIN and (stroked or filled):
                    add(r.x0, r.y0, r.x1, r.y1)  # a rule drawn as a thin box (Word's PDF export does this)
                elif stroked:
                    add(r.x0, r.y0, r.x1, r.y0)
                    add(r.x0, r.y1, r.x1, r.y1)
                    add(r.x0, r.y0, r.x0, r.y1)
                    add(r.x1, r.y0, r.x1, r.y1)
    return _merge_rules(horizontal), _merge_rules(vertical)


def _merge_rules(rules: list[_Rule]) -> list[_Rule]:
    """Merge collinear rules that touch or overlap; cells drawn one by one repeat every border."""
    merged: list[_Rule] = []
    for pos, a, b in sorted(rules):
        for i in range(len(merged) - 1, -1, -1):
            mpos, ma, mb = merged[i]
            if pos - mpos > _TOL:
                merged.append((pos, a, b))
                break
            if a <= mb + _TOL and b >= ma - _TOL:
                merged[i] = (mpos, min(ma, a), max(mb, b))
                break
        else:
            merged.append((pos, a, b))
    return merged


def _find_grids(drawings: list[dict]) -> list[_Grid]:
    horizontal, vertical = _rules(drawings)
    if not (2 <= len(horizontal) <= _MAX_RULES and 2 <= len(vertical) <= _MAX_RULES):
        return []
    # Connected frames: union-find over crossing horizontal/vertical rules.
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h, (y, hx0, hx1) in enumerate(horizontal):
        for v, (x, vy0, vy1) in enumerate(vertical):
            if hx0 - _TOL <= x <= hx1 + _TOL and vy0 - _TOL <= y <= vy1 + _TOL:
                parent[root(h)] = root(len(horizontal) + v)
    frames: dict[int, tuple[list[_Rule], list[_Rule]]] = defaultdict(lambda: ([], []))
    for h, rule in enumerate(horizontal):
        frames[root(h)][0].append(rule)
    for v, rule in enumerate(vertical):
        frames[root(len(horizontal) + v)][1].append(rule)
    grids = []
    for hs, vs in frames.values():
        if len(hs) >= 2 and len(vs) >= 2 and (grid := _grid(hs, vs)) is not None:
            grids.append(grid)
    return grids


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _TOL:
            out.append(value)
    return out


def _grid(hs: list[_Rule], vs: list[_Rule]) -> _Grid | None:
    """Cells of one ruled frame; None when it is a plain box (one cell) or too dense to be a table."""
    xs = _positions([x for x, _, _ in vs] + [min(a for _, a, _ in hs), max(b for _, _, b in hs)])
    ys = _positions([y for y, _, _ in hs] + [min(a for _, a, _ in vs), max(b for _, _, b in vs)])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols > _MAX_GRID_SLOTS:
        return None

    # The extents of the rules lying on each grid line, to test which neighbouring slots they separate.
    on_x = [[(a, b) for p, a, b in vs if abs(p - x) <= _TOL] for x in xs]
    on_y = [[(a, b) for p, a, b in hs if abs(p - y) <= _TOL] for y in ys]

    def crosses(extents: list[tuple[float, float]], mid: float) -> bool:
        return any(a - _TOL <= mid <= b + _TOL for a, b in extents)

    parent = list(range(n_rows * n_cols))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        y_mid = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            x_mid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not crosses(on_x[c + 1], y_mid):
                parent[root(r * n_cols + c)] = root(r * n_cols + c + 1)
            if r + 1 < n_rows and not crosses(on_y[r + 1], x_mid):
                parent[root(r * n_cols + c)] = root((r + 1) * n_cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            span = spans.setdefault(root(r * n_cols + c), [r, c, r, c])
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r), max(span[3], c)
    if len(spans) < 2:
        return None
    cells = {key: _Cell(r0, c0, r1, c1, xs[c0], xs[c1 + 1]) for key, (r0, c0, r1, c1) in spans.items()}
    slots = [[cells[root(r * n_cols + c)] for c in range(n_cols)] for r in range(n_rows)]
    return _Grid(xs, ys, slots)


def _cell_text(cell: _Cell) -> str:
    """The cell's characters as one line: fragments sorted top to bottom, wrapped lines joined."""
    fragments = []
    for chars in cell.chars.values():
        text = "".join(c[4] for c in chars)
        if text.strip():
            y0, y1 = min(c[1] for c in chars), max(c[3] for c in chars)
            fragments.append(((y0 + y1) / 2, min(c[0] for c in chars), y1 - y0, text))
    fragments.sort()
    lines: list[str] = []
    last_centre = last_height = None
    for centre, _, height, text in fragments:
        if last_centre is not None and abs(centre - last_centre) < 0.3 * max(last_height, 1.0):
            lines[-1] = join_wrapped(lines[-1].rstrip(), text.lstrip())
        else:
            lines.append(text)
            last_centre, last_height = centre, height
    return join_lines(lines)


def _grid_table(grid: _Grid, page: int) -> _Table | None:
    """Rows of a grid by the shared convention; None when the frame holds no text."""
    rows: list[list[_OutCell]] = []
    for r, slots in enumerate(grid.slots):
        row: list[_OutCell] = []
        for c, cell in enumerate(slots):
            if cell.c0 != c:
                continue  # the same merged cell as its left neighbour
            if cell.r0 == r and not cell.text:
                cell.text = _cell_text(cell)
            row.append(_OutCell(cell.text if cell.r0 == r else "", cell.x0, cell.x1, cell.r1 - cell.r0 + 1,
                                continuation=cell.r0 != r))
        if any(not cell.continuation for cell in row):
            rows.append(row)
    if not any(cell.text for row in rows for cell in row):
        return None
    return _Table(page, grid.xs[0], grid.xs[-1], grid.order, rows)


# --- document assembly ---------------------------------------------------------------------------------


def _check_text_layer(path: Path, pages: list[_Page], repaired: bool) -> None:
    """Refuse a PDF without usable text, telling a truncated file, a blank one and a scan apart."""
    text_pages = sum(1 for page in pages if page.text_chars >= _PAGE_TEXT_MIN)
    undecodable = sum(page.bad_chars for page in pages) * 2 > sum(page.text_chars for page in pages)
    if text_pages * 2 >= len(pages) and not undecodable:
        return
    if repaired:
        # MuPDF rebuilt a broken file (typically an interrupted download): the missing text is lost data.
        raise fail("corrupt_file", path, "PDF 文件不完整，可能下载中断", "the PDF is truncated or damaged")
    if undecodable:
        raise fail("no_text_layer", path, "文字层无法解码（字体缺少编码映射）", "the text layer cannot be decoded")
    if not any(page.images for page in pages):
        raise fail("empty_file", path, "PDF 页面上没有文字", "the PDF pages carry no text")
    raise fail("no_text_layer", path)


def _drop_page_chrome(pages: list[_Page]) -> None:
    """Drop page numbers and running headers/footers from the top and bottom lines of each page."""
    candidates: dict[str, list[tuple[_Line, int]]] = defaultdict(list)
    drop: set[int] = set()
    for page in pages:
        by_height = sorted(page.lines, key=lambda line: line.y0)
        edge = by_height[:_CHROME_LINES] + by_height[-_CHROME_LINES:]
        for line in {id(line): line for line in edge}.values():
            text = line.text.strip()
            if _PAGE_NUMBER.match(text):
                drop.add(id(line))
            candidates[re.sub(r"\d+", "#", re.sub(r"\s+", "", text))].append((line, page.number))
    if len(pages) >= 2:
        needed = max(2, (len(pages) + 1) // 2)
        for occurrences in candidates.values():
            occurrences.sort(key=lambda item: item[0].y0)
            groups: list[list[tuple[_Line, int]]] = []  # occurrences at (about) the same height
            for item in occurrences:
                if groups and item[0].y0 - groups[-1][-1][0].y0 <= 2 * _TOL:
                    groups[-1].append(item)
                else:
                    groups.append([item])
            for group in groups:
                if len({page for _, page in group}) >= needed:
                    drop.update(id(line) for line, _ in group)
    for page in pages:
        page.lines = [line for line in page.lines if id(line) not in drop]


@dataclass
class _Margins:
    left: dict[int, float]
    right: dict[int, float]
    indents: bool


def _edge(values: list[float], pick_low: bool) -> float:
    """The text margin from line edges: the outermost 2-pt bin holding a fair share of the lines."""
    bins = Counter(round(v / 2) for v in values)
    top = max(bins.values())
    chosen = (min if pick_low else max)(b for b, n in bins.items() if n >= max(2, 0.2 * top) or n == top)
    near = [v for v in values if round(v / 2) == chosen]
    return min(near) if pick_low else max(near)


def _margins(pages: list[_Page]) -> _Margins:
    """Left and right text margins per page (falling back to the document's) and whether paragraphs indent."""
    every = [line for page in pages for line in page.lines if len(line.text.strip()) >= 10]
    if not every:
        return _Margins({}, {}, indents=False)
    doc_left = _edge([line.x0 for line in every], pick_low=True)
    doc_right = _edge([line.x1 for line in every], pick_low=False)
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for page in pages:
        own = [line for line in page.lines if len(line.text.strip()) >= 10]
        # Facing pages may mirror their margins; trust a page's own edges when it has enough text lines.
        left[page.number] = _edge([line.x0 for line in own], pick_low=True) if len(own) >= 5 else doc_left
        right[page.number] = _edge([line.x1 for line in own], pick_low=False) if len(own) >= 5 else doc_right
    indented = sum(
        1 for line in every if 1.2 * line.size <= line.x0 - left[line.page] <= 3 * line.size
    )
    return _Margins(left, right, indents=indented >= 2)


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _SENTENCE_END


def _continues(prev: _Line, nxt: _Line, margins: _Margins, page_turn: bool) -> bool:
    """Whether ``nxt`` continues the paragraph whose current last line is ``prev``."""
    if abs(prev.size - nxt.size) > 1.0:
        return False
    if not page_turn:
        gap = nxt.y0 - prev.y1
        if gap < -_TOL or gap > 1.2 * max(prev.y1 - prev.y0, prev.size):
            return False
    reaches_right = prev.x1 >= margins.right.get(prev.page, prev.x1) - 1.6 * prev.size
    flush_left = nxt.x0 <= margins.left.get(nxt.page, nxt.x0) + 0.6 * nxt.size
    return reaches_right and flush_left and (margins.indents or not _ends_sentence(prev.text))


def _assemble(pages: list[_Page]) -> list[Block]:
    margins = _margins(pages)
    blocks: list[Block] = []
    paragraph: list[_Line] = []  # lines of the paragraph being built
    table: _Table | None = None  # the table being built (it may continue on the next page)

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Block(kind="paragraph", text=join_lines([line.text for line in paragraph])))
            paragraph.clear()

    def flush_table() -> None:
        nonlocal table
        if table is not None:
            blocks.append(Block(kind="table", rows=[[cell.text for cell in row] for row in table.rows]))
            table = None

    for page in pages:
        items: list[tuple[int, _Line | _Table]] = [(line.order, line) for line in page.lines]
        items += [(t.order, t) for t in page.tables]
        items.sort(key=lambda item: item[0])
        for index, (_, item) in enumerate(items):
            page_turn = index == 0
            if isinstance(item, _Table):
                flush_paragraph()
                if table is not None and page_turn and _same_frame(table, item):
                    _continue_table(table, item)
                else:
                    flush_table()
                    table = item
                continue
            flush_table()
            if paragraph and not _continues(paragraph[-1], item, margins, page_turn):
                flush_paragraph()
            paragraph.append(item)
    flush_paragraph()
    flush_table()
    return blocks


def _same_frame(a: _Table, b: _Table) -> bool:
    return abs(a.x0 - b.x0) <= 2 * _TOL and abs(a.x1 - b.x1) <= 2 * _TOL


def _texts(row: list[_OutCell]) -> list[str]:
    return [cell.text for cell in row]


def _continue_table(table: _Table, more: _Table) -> None:
    """Append the next page's part of a table, without repeated header rows, rejoining a row label the page
    break cut in two.

    A label is cut when the first row of the new part has, in the same column, the rest of a label of the
    last row: both are text (not numbers), one of them spans several rows (a group label such as
    "（四）无法提供"), and the rest does not start a new item ("2.", "（五）").
    """
    # Word and WPS repeat the header rows at the top of every page ("重复标题行"); keep them once.
    repeated = 0
    limit = min(len(table.rows), len(more.rows) - 1)
    while repeated < limit and _texts(more.rows[repeated]) == _texts(table.rows[repeated]):
        repeated += 1
    del more.rows[:repeated]
    last_row, first_row = table.rows[-1], more.rows[0]
    for cell in first_row:
        if not cell.text or _NUMERIC.match(cell.text) or _ENUMERATED.match(cell.text):
            continue
        above = next(
            (a for a in last_row if abs(a.x0 - cell.x0) <= _TOL and abs(a.x1 - cell.x1) <= _TOL), None
        )
        if above and above.text and not _NUMERIC.match(above.text) and max(above.rowspan, cell.rowspan) > 1:
            above.text = join_wrapped(above.text, cell.text)
            cell.text, cell.continuation = "", True
    table.rows.extend(more.rows)
