"""Readers: one module per input format, behind one function :func:`read`.

Each format module exposes ``read_<format>(path: Path, data: bytes) -> tuple[list[Block], str | None]``
returning the blocks in body order and the detected text encoding (None for binary formats). :func:`read`
picks the module from the file's content first (``%PDF``, a ZIP holding ``word/document.xml``, an OLE
container, RTF, an HTML document) and its extension second, so a PDF saved as ``.txt`` or an HTML page
saved as ``.doc`` is still read right. It hashes the bytes and wraps everything in a
:class:`~nlp.model.Document`; ``Document.text`` is left to :func:`nlp.normalize.normalize`. Every failure is
a :class:`~nlp.errors.ReportError` with a stable code; library exceptions never escape.

Blocks. A paragraph block holds one line of text without line breaks: one source line for text files
(blank lines kept as empty blocks, because text-layout tables use them between rows), one paragraph for
DOCX and HTML (a line break inside it starts a new block), one rejoined paragraph for PDF. A table block
holds ``rows``, a list of rows of cell strings, each cell on one line.

Table grid convention (all formats): a row lists its cells left to right, a merged cell once. A cell
spanning several columns appears once (no padding), so rows of one table may differ in length; a cell
spanning several rows has its text in its first row and ``""`` at its place in the rows below, so later
cells keep their position. This is the shape of the official template's table B: a row is its labels
(group label, or ``""`` under a vertical group label, then the item label) followed by its numbers, and the
numeric columns line up counted from the right. Blank cells are ``""`` too: a cell is never dropped.
Render a grid to text as one line per row, cells joined by a tab (after replacing any tab or line break
inside a cell by a space), which is the text layout the table parser reads for every format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from nlp.model import Block, Document, Source
from nlp.readers._shared import fail, missing_file, os_failure
from nlp.readers.legacy import read_legacy
from nlp.readers.pdf import read_pdf
from nlp.readers.text import read_text
from nlp.readers.web import read_html
from nlp.readers.word import read_docx

Reader = Callable[[Path, bytes], tuple[list[Block], str | None]]

READERS: dict[str, Reader] = {
    "txt": read_text,
    "md": read_text,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
    "doc": read_legacy,
    "wps": read_legacy,
    "rtf": read_legacy,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".doc": "doc",
    ".wps": "wps",
    ".rtf": "rtf",
}
"""Supported extensions (lower case) and the format each implies when the content does not say otherwise."""

GENERATOR_META = '<meta name="generator" content="govreport">'
"""Carried in the head of govreport's own HTML report (:mod:`nlp.render.html`), so that a report written into
an input folder is recognised as the tool's output and never read as an annual report on the next run."""
GENERATOR_HEAD_BYTES = 4096
"""How far into an HTML file :data:`GENERATOR_META` is looked for (the renderer writes it near the top)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WHITESPACE = b" \t\r\n\f\v"


def read(path: str | Path) -> Document:
    """Read one report file into a :class:`Document` of blocks. Raises ReportError for unusable input."""
    file = Path(path)
    try:
        # is_file() itself can fail (a parent folder without search permission), so it is inside the try.
        if not file.is_file():
            raise missing_file(file)
        data = file.read_bytes()
    except OSError as exc:
        raise os_failure(file, exc) from exc
    if not data.strip(_WHITESPACE):
        raise fail("empty_file", file)
    fmt = detect_format(file, data)
    if fmt == "html" and is_govreport_html(data):
        raise fail(
            "no_report_content", file, "这是 govreport 生成的审查汇总报告", "it is an oversight report written by govreport"
        )
    blocks, encoding = READERS[fmt](file, data)
    source = Source(
        path=str(path), sha256=hashlib.sha256(data).hexdigest(), format=fmt, encoding=encoding, size=len(data)
    )
    return Document(source=source, blocks=blocks)


def is_govreport_html(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is govreport's own HTML report."""
    return GENERATOR_META.encode("ascii") in head[:GENERATOR_HEAD_BYTES]


def detect_format(path: Path, data: bytes) -> str:
    """The reader to use: the content's signature when it has one, else the extension."""
    ext = path.suffix.lower()
    by_extension = EXTENSIONS.get(ext)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        # A ZIP is DOCX only if it holds a Word body (its entry names are stored uncompressed); an
        # .xlsx or a .zip is not a report we can read. A damaged ZIP named .docx goes to the DOCX reader,
        # which reports it as corrupt.
        if b"word/document.xml" in data or by_extension == "docx":
            return "docx"
        raise fail("unsupported_format", path, "这是压缩包或非 Word 的 Office 文件", "a ZIP archive that is not a DOCX")
    if data.startswith(_OLE_MAGIC):
        return by_extension if by_extension in ("doc", "wps") else "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    start = data.lstrip(b"\xef\xbb\xbf" + _WHITESPACE)[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or (by_extension in ("doc", "wps") and b"<html" in start):
        return "html"
    if by_extension is None:
        raise fail("unsupported_format", path, f"扩展名 {ext or '（无）'}", f"extension {ext or '(none)'}")
    return by_extension
