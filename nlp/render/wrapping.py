"""rich ``Text`` that wraps Chinese: a line may break between two Chinese characters, never before closing
punctuation (，。）…) or after opening punctuation (（“…), and a run that cannot break is folded, not cut.

rich's own wrapping breaks at spaces only, so a Chinese sentence is one "word": rich moves it whole to the next
line (leaving a "·" bullet or a label alone on its line) and its table cells truncate it with "…". The
``govreport`` help and error pages (:mod:`cli.app`) and the terminal summary (:mod:`nlp.render.summary`) use
:class:`WrappingText` for text that may be Chinese.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—%,.;:?!)]}")
"""Characters a line may not start with (closing punctuation: it stays with the character before)."""
NO_LINE_END = set("（《「『【〔〈“‘([{")
"""Characters a line may not end with (opening punctuation: it stays with the character after)."""


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _can_break(before: str, after: str) -> bool:
    """Whether a line may break between ``before`` and ``after``: after a space, as rich does, and on either
    side of a Chinese character, except before closing or after opening punctuation and next to ASCII marks."""
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if _is_ascii_mark(before) or _is_ascii_mark(after):
        return False  # "月-日", "<名称>": a hyphen or bracket stays with its neighbours
    return _is_wide(before) or _is_wide(after)


def _is_ascii_mark(char: str) -> bool:
    return char.isascii() and not char.isalnum()


def _units(text: str) -> list[tuple[int, str]]:
    """The text cut at every break opportunity: (offset, piece); a piece keeps its trailing spaces."""
    units, start = [], 0
    for index in range(1, len(text)):
        if _can_break(text[index - 1], text[index]):
            units.append((start, text[start:index]))
            start = index
    units.append((start, text[start:]))
    return units


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break one line of ``text`` so that each line fits ``width`` cells (cf. rich's ``divide_line``)."""
    offsets: list[int] = []
    used = 0
    for start, unit in _units(text):
        needed = cell_len(unit.rstrip())
        if used and used + needed > width:
            offsets.append(start)
            used = 0
        if needed > width:  # an unbreakable run wider than the line: fold it
            pieces = chop_cells(unit, width)
            position = start
            for piece in pieces[:-1]:
                position += len(piece)
                offsets.append(position)
            used = cell_len(pieces[-1])
        else:
            used += cell_len(unit)
    return offsets


class WrappingText(Text):
    """rich ``Text`` that wraps Chinese between characters and never truncates (it folds what cannot break)."""

    @classmethod
    def of(cls, text: Text) -> WrappingText:
        wrapping = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        wrapping.spans = text.spans
        return wrapping

    def wrap(
        self,
        console: Any,
        width: int,
        *,
        justify: Any = None,
        overflow: Any = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
        justify = justify or self.justify or "default"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width))
            for new_line in new_lines:
                new_line.rstrip_end(width)
            new_lines.justify(console, width, justify=justify, overflow="fold")
            for new_line in new_lines:
                new_line.truncate(width, overflow="fold")
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        lines = self.plain.splitlines() or [""]
        widest = max(cell_len(line) for line in lines)
        narrowest = max((cell_len(unit.rstrip()) for line in lines for _, unit in _units(line)), default=0)
        return Measurement(min(narrowest, widest), widest)
