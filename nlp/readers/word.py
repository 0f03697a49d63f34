"""DOCX: paragraphs and tables in body order, read from the WordprocessingML XML.

python-docx opens the package; the body is walked directly (``w:p``, ``w:tbl``, and the ``w:sdt`` /
``w:customXml`` wrappers around them) because python-docx's ``Paragraph.text`` misses runs inside tracked
insertions, smart tags, fields and inline content controls, and its ``row.cells`` repeats merged cells.

Table grids follow one convention shared by every reader (see :mod:`nlp.readers`): each ``w:tc`` is one
cell, so a horizontally merged cell (``gridSpan``) appears once; a vertically merged continuation cell
(``vMerge`` continue) is kept as ``""`` so the cells to its right keep their position. Paragraphs inside a
cell are joined with :func:`~nlp.readers._shared.join_wrapped`.

Word's automatic list numbering ("一、", "（一）", "1.") is not part of the run text; it is rendered from
``numbering.xml`` so that numbered headings and row labels keep their numbers.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nlp.model import Block
from nlp.readers._shared import fail, join_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VAL = f"{_W}val"

# Wrappers that may hold body content (paragraphs, tables, rows, cells) one level down.
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
# Subtrees of a paragraph that hold no visible run text of that paragraph: properties, deleted text, field
# instructions, text boxes and drawings (their text is positioned elsewhere), and compatibility fallbacks
# (which repeat the preferred content).
_SKIP = {
    f"{_W}pPr",
    f"{_W}rPr",
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}instrText",
    f"{_W}delInstrText",
    f"{_W}txbxContent",
    f"{_W}drawing",
    f"{_W}pict",
    f"{_W}object",
    f"{_W}footnoteReference",
    f"{_W}endnoteReference",
    f"{_W}commentReference",
    _MC_FALLBACK,
}
_NUMBERING_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def read_docx(path: Path, data: bytes) -> tuple[list[Block], str | None]:
    """Read a .docx file's body into blocks (no text encoding applies)."""
    return docx_blocks(path, data), None


def docx_blocks(path: Path, data: bytes) -> list[Block]:
    """The body of the DOCX ``data`` as blocks; also used for LibreOffice conversions of .doc/.wps."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    broken = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, zlib.error, EOFError)
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering.from_document(document)
    except broken as exc:
        raise fail("corrupt_file", path, "不是有效的 DOCX 文档", f"not a valid DOCX package: {exc}") from exc
    blocks: list[Block] = []
    _read_body(document.element.body, numbering, blocks)
    if not blocks:
        raise fail("empty_file", path, "文档中没有文字，可能只含图片", "the document has no text, maybe only images")
    return blocks


def _children(element: Any, local: str) -> Iterator[Any]:
    """Children named ``w:<local>``, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag == f"{_W}{local}":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, local)


def _read_body(container: Any, numbering: _Numbering, blocks: list[Block]) -> None:
    for child in container:
        if child.tag == f"{_W}p":
            for line in _paragraph_text(child, numbering).split("\n"):
                if line.strip():
                    blocks.append(Block(kind="paragraph", text=line))
        elif child.tag == f"{_W}tbl":
            rows = _table_rows(child, numbering)
            if any(cell for row in rows for cell in row):
                blocks.append(Block(kind="table", rows=rows))
        elif child.tag in _WRAPPERS:
            _read_body(child, numbering, blocks)


def _table_rows(tbl: Any, numbering: _Numbering) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in _children(tbl, "tr"):
        row: list[str] = []
        for tc in _children(tr, "tc"):
            props = tc.find(f"{_W}tcPr")
            if props is not None:
                # Legacy horizontal merge: the continuation cell is the same cell as its left neighbour.
                hmerge = props.find(f"{_W}hMerge")
                if hmerge is not None and hmerge.get(_VAL, "continue") == "continue":
                    continue
                vmerge = props.find(f"{_W}vMerge")
                if vmerge is not None and vmerge.get(_VAL, "continue") == "continue":
                    row.append("")
                    continue
            row.append(_cell_text(tc, numbering))
        rows.append(row)
    return rows


def _cell_text(tc: Any, numbering: _Numbering) -> str:
    """All paragraphs of a cell (nested tables included, in document order) as one line."""
    lines: list[str] = []
    for p in tc.iter(f"{_W}p"):
        if not any(ancestor.tag == f"{_W}txbxContent" for ancestor in p.iterancestors()):
            lines.extend(_paragraph_text(p, numbering).split("\n"))
    return join_lines(lines)


def _paragraph_text(p: Any, numbering: _Numbering) -> str:
    parts: list[str] = [numbering.label(p)]
    _collect_runs(p, parts)
    return "".join(parts)


def _collect_runs(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}br":
            # A page or column break is layout, not a line of text.
            parts.append("" if child.get(f"{_W}type") in ("page", "column") else "\n")
        elif tag == f"{_W}cr":
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            _collect_runs(child, parts)


# --- automatic numbering -------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (the style Word's chineseCounting produces)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _CN_DIGITS[rest] if rest < 10 else _chinese_number(rest))
        if 10 <= rest < 20:
            tail = "一" + tail
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter after Z: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return _chinese_number(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False


@dataclass
class _Numbering:
    """Renders the automatic number of each numbered paragraph, counting in body order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    style_numpr: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int | None]] = field(default_factory=dict)  # numId -> count per level

    @classmethod
    def from_document(cls, document: Any) -> _Numbering:
        numbering = cls()
        root = next(
            (rel.target_part.element for rel in document.part.rels.values()
             if rel.reltype == _NUMBERING_RELTYPE and not rel.is_external),
            None,
        )
        if root is None:
            return numbering
        abstract = {a.get(f"{_W}abstractNumId"): _parse_levels(a) for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(_VAL) if ref is not None else None, {}))
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                redefined = override.find(f"{_W}lvl")
                level = _parse_level(redefined) if redefined is not None else replace(levels.get(ilvl, _Level()))
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    level.start = int(start.get(_VAL, "1"))
                levels[ilvl] = level
            numbering.levels[num.get(f"{_W}numId")] = levels
        numbering.style_numpr = _style_numbering(document)
        return numbering

    def label(self, p: Any) -> str:
        """The number Word shows before paragraph ``p`` ("" when it is not numbered), advancing the count.

        The separator Word puts after the number (a tab by default) is left out: tabs separate table cells
        in the normalized text.
        """
        found = _numpr(p.find(f"{_W}pPr"))
        if found is None:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            found = self.style_numpr.get(style.get(_VAL)) if style is not None else None
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [None] * 9)
        current = counts[ilvl]
        counts[ilvl] = levels[ilvl].start if current is None else current + 1
        # A number restarts below the level that advanced.
        counts[ilvl + 1:] = [None] * (8 - ilvl)
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for depth in range(ilvl + 1):
            parent = levels.get(depth, _Level())
            count = counts[depth]
            count = parent.start if count is None else count
            fmt = "decimal" if level.legal and depth < ilvl else parent.fmt
            text = text.replace(f"%{depth + 1}", _format_number(count, fmt))
        return text


def _parse_levels(abstract: Any) -> dict[int, _Level]:
    return {int(lvl.get(f"{_W}ilvl", "0")): _parse_level(lvl) for lvl in abstract.iter(f"{_W}lvl")}


def _parse_level(lvl: Any) -> _Level:
    def val(name: str) -> str | None:
        element = lvl.find(f"{_W}{name}")
        return element.get(_VAL) if element is not None else None

    return _Level(
        start=int(val("start") or "1"),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        legal=lvl.find(f"{_W}isLgl") is not None,
    )


def _numpr(ppr: Any) -> tuple[str, int] | None:
    """``(numId, ilvl)`` of a paragraph-properties element; numId 0 explicitly switches numbering off."""
    if ppr is None:
        return None
    numpr = ppr.find(f"{_W}numPr")
    if numpr is None:
        return None
    num_id = numpr.find(f"{_W}numId")
    ilvl = numpr.find(f"{_W}ilvl")
    if num_id is None or num_id.get(_VAL) in (None, "0"):
        return None
    return num_id.get(_VAL), int(ilvl.get(_VAL, "0")) if ilvl is not None else 0


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """Numbering inherited from paragraph styles (headings are usually numbered this way), following basedOn."""
    styles = {s.get(f"{_W}styleId"): s for s in document.styles.element.iter(f"{_W}style")}
    resolved: dict[str, tuple[str, int]] = {}
    for style_id in styles:
        seen: set[str] = set()
        current = style_id
        while current in styles and current not in seen:
            seen.add(current)
            found = _numpr(styles[current].find(f"{_W}pPr"))
            if found is not None:
                resolved[style_id] = found
                break
            based = styles[current].find(f"{_W}basedOn")
            current = based.get(_VAL) if based is not None else None
    return resolved
