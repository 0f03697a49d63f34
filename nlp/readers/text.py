"""Plain text and Markdown: one paragraph block per line, exactly as written.

Text-layout tables come as "one row per line, cells separated by tabs" or "one cell per line (often with
a leading tab), a blank line between rows". The downstream table parser reads that line structure, so
this reader keeps every line verbatim, including tabs and blank lines (as empty paragraph blocks).
Markdown is read the same way; the normalize stage strips its markup.
"""

from __future__ import annotations

from pathlib import Path

from nlp.model import Block
from nlp.readers._shared import LINE_BREAK, decode_text, fail


def read_text(path: Path, data: bytes) -> tuple[list[Block], str | None]:
    """Decode ``data`` (see :func:`~nlp.readers._shared.decode_text`) and split it into line blocks."""
    decoded = decode_text(data)
    if decoded is None:
        raise fail("binary_garbage", path, "无法识别文字编码", "no text encoding fits")
    text, encoding = decoded
    if not text.strip():
        raise fail("empty_file", path)
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        # The final newline ends the last line; it does not start an empty one.
        lines.pop()
    return [Block(kind="paragraph", text=line) for line in lines], encoding
