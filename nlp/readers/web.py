"""HTML pages: the page text as paragraphs, data tables as grids, page chrome removed.

Government sites publish the report as an article inside a page full of navigation, share buttons and
footers, many of them still GBK-encoded. The encoding comes from a BOM, then the page's own declaration
(``<meta charset>`` or ``http-equiv``), checked by a strict decode (see
:func:`~nlp.readers._shared.decode_text`).

Chrome removed: scripts, styles, forms, ``nav``/``aside``, ``header``/``footer`` outside an article,
elements whose ARIA role or class/id names navigation, menus, breadcrumbs, share bars or copyright blocks,
and hidden elements. Block-level elements and ``<br>`` end a paragraph. Source line breaks inside Chinese
text are dropped (as browsers do) rather than turned into spaces.

Tables: old sites lay whole pages out with tables, so a table that contains another table, has a very long
cell, or has fewer than two cells in every row is treated as layout and read as paragraphs. A data table
becomes a grid under the shared convention of :mod:`nlp.readers`: a ``colspan`` cell appears once, and each
row a ``rowspan`` cell continues into gets ``""`` at its place, so the cells to its right keep their
positions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from nlp.model import Block
from nlp.readers._shared import decode_text, fail, is_wide, join_lines

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_DROP_TAGS = [
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "nav", "aside", "form", "button", "select", "input", "textarea", "map",
]
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary"}
_CHROME_NAMES = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "sidebar",
    "share", "sharebar", "bdshare", "toolbar", "topbar", "copyright", "footer",
}
_CONTENT_NAMES = {"article", "content", "detail", "main", "text", "zoom"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}
_LAYOUT_CELL_CHARS = 300  # a report-table cell holds a label or a number, never a page of text
_MAX_SPAN = 1000


def read_html(path: Path, data: bytes) -> tuple[list[Block], str | None]:
    """Read an HTML page into paragraph and table blocks; return them with the encoding used."""
    from bs4 import BeautifulSoup

    declared = _META_CHARSET.search(data[:4096])
    decoded = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    if decoded is None:
        raise fail("binary_garbage", path, "无法识别网页编码", "no text encoding fits the page")
    text, encoding = decoded
    soup = BeautifulSoup(text, "lxml")
    _strip_chrome(soup)
    writer = _Writer()
    writer.walk(soup)
    writer.flush()
    if not writer.blocks:
        raise fail("empty_file", path, "网页中没有正文文字", "the page has no body text")
    return writer.blocks, encoding


_CHROME_ATTRIBUTES = {"class", "id", "role", "style", "hidden"}


def _names(tag: Any) -> set[str]:
    """Lower-case words of an element's class and id ("nav-bar top" -> {"nav", "bar", "top"})."""
    raw = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    return {word for word in re.split(r"[^a-z0-9]+", raw.lower()) if word}


def _strip_chrome(soup: Any) -> None:
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    total = len(soup.get_text())
    for tag in soup.find_all(True):
        # Only attributes can mark chrome; most elements (table cells above all) have none of them. A tag
        # decomposed with an ancestor has no attributes left (bs4's own ``decomposed`` is slow: a tree search).
        attributes = tag.attrs
        if not attributes or not _CHROME_ATTRIBUTES & attributes.keys() or tag.name in ("html", "body"):
            continue
        names = _names(tag)
        chrome = (
            (tag.get("role") or "").lower() in _CHROME_ROLES
            or (names & _CHROME_NAMES and not names & _CONTENT_NAMES and tag.find("h1") is None)
            or _HIDDEN_STYLE.search(tag.get("style") or "")
            or tag.has_attr("hidden")
        )
        # A class name is a guess; never let it take away most of the page.
        if chrome and len(tag.get_text()) <= total / 2:
            tag.decompose()


class _Writer:
    """Turns the cleaned DOM into blocks: inline text accumulates until a block boundary flushes it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []

    def flush(self) -> None:
        line = _collapse("".join(self._parts))
        self._parts.clear()
        if line:
            self.blocks.append(Block(kind="paragraph", text=line))

    def walk(self, node: Any, pre: bool = False) -> None:
        from bs4.element import NavigableString, Tag

        for child in node.children:
            if isinstance(child, Tag):
                name = child.name
                if name == "br":
                    self.flush()
                elif name == "table" and _is_data_table(child):
                    self.flush()
                    self.blocks.append(Block(kind="table", rows=_table_rows(child)))
                elif name in _BLOCK_TAGS:
                    self.flush()
                    self.walk(child, pre or name == "pre")
                    self.flush()
                else:
                    self.walk(child, pre)
            elif type(child) is NavigableString:  # subclasses are comments, CDATA, doctype...
                text = str(child)
                if pre:
                    for i, piece in enumerate(text.split("\n")):
                        if i:
                            self.flush()
                        self._parts.append(piece)
                else:
                    self._parts.append(text)


def _collapse(text: str) -> str:
    """Collapse HTML whitespace; a source line break between Chinese characters disappears entirely."""
    text = text.replace("\xa0", " ")

    def line_break(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if before and after and is_wide(before) and is_wide(after) else " "

    text = re.sub(r"[ \t\r\f]*\n[ \t\r\n\f]*", line_break, text)
    return re.sub(r"[ \t\r\f]+", " ", text).strip(" \t\r\n\f\u3000")


def _rows(table: Any) -> list[Any]:
    """The table's own rows (``<tr>`` under it or its ``thead``/``tbody``/``tfoot``, not nested tables')."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr: Any) -> list[Any]:
    return tr.find_all(["td", "th"], recursive=False)


def _is_data_table(table: Any) -> bool:
    rows = _rows(table)
    if table.find("table") is not None or not any(len(_cells(tr)) >= 2 for tr in rows):
        return False
    return all(len(cell.get_text()) <= _LAYOUT_CELL_CHARS for tr in rows for cell in _cells(tr))


def _span(cell: Any, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute, "1")).strip() or "1"), _MAX_SPAN))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    writer = _Writer()
    writer.walk(cell)
    writer.flush()
    return join_lines([block.text for block in writer.blocks])


def _table_rows(table: Any) -> list[list[str]]:
    """Grid rows: a spanning cell once where it starts, ``""`` in the rows a ``rowspan`` continues into."""
    pending: dict[int, tuple[int, int]] = {}  # column -> (rows still covered, colspan) of a rowspan cell above
    rows: list[list[str]] = []
    for tr in _rows(table):
        row: list[str] = []
        column = 0
        cells = iter(_cells(tr))
        cell = next(cells, None)
        while cell is not None or any(c >= column for c in pending):
            if column in pending:
                remaining, width = pending.pop(column)
                row.append("")
                if remaining > 1:
                    pending[column] = (remaining - 1, width)
                column += width
                continue
            if cell is None:
                column += 1
                continue
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            row.append(_cell_text(cell))
            if height > 1:
                pending[column] = (height - 1, width)
            column += width
            cell = next(cells, None)
        rows.append(row)
    return rows
