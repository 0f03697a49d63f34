"""Evidence snippets that read as text: a window of the report that starts at a clause boundary (or with "…")
and ends at one (or with "…"), never in the middle of a word ("上上年结转3件…" cut from "加上上年结转3件").

:func:`window` cuts such a snippet around a span; checks quote the report with it rather than with a raw
character window.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

BOUNDARY = frozenset("，,。；;：:！!？?、\n\t ")
"""Characters a clause ends with (a snippet may start right after one)."""
SENTENCE_END = frozenset("。；;！!？?")
"""Kept at the end of a snippet; a trailing comma or 、 is dropped."""
ELLIPSIS = "…"
QUOTE_WIDTH = 80
"""Characters of a sentence a check quotes whole; a longer one is cut with "…"."""
REACH = 12
"""How far (characters) a snippet may grow to reach a clause boundary before it is cut with "…" instead."""
SHORT_TAIL = 8
"""A window opening with at most this many characters of the previous sentence starts after that sentence."""


def excerpt(sentences: Iterable[str], limit: int) -> str:
    """The first ``limit`` of ``sentences`` quoted as a check's evidence: joined with "；", each longer than
    :data:`QUOTE_WIDTH` cut with "…"."""
    return "；".join(
        text if len(text) <= QUOTE_WIDTH else text[: QUOTE_WIDTH - 1] + ELLIPSIS for text in islice(sentences, limit)
    )


def window(text: str, start: int, end: int, before: int = 20, after: int = 5) -> str:
    """The text around ``text[start:end]``, about ``before``/``after`` characters either side, widened or cut
    to clause boundaries."""
    return _bounded(text, max(0, start - before), min(len(text), end + after), start, end)


def _bounded(text: str, left: int, right: int, start: int, end: int) -> str:
    """``text[left:right]`` moved to clause boundaries, keeping ``start``–``end`` (the span that matters)."""
    while left < right and text[left] in BOUNDARY:
        left += 1
    lead = ""
    if left > 0 and text[left - 1] not in BOUNDARY:
        # A sentence's last few characters are dropped; otherwise the window reaches back to a clause boundary.
        cut = next((i for i in range(left, min(start, right, left + SHORT_TAIL)) if text[i] in SENTENCE_END), None)
        reach = max((i for i in range(max(0, left - REACH), left) if text[i] in BOUNDARY), default=None)
        if cut is not None:
            left = cut + 1
        elif reach is not None:
            left = reach + 1
        else:
            lead = ELLIPSIS
    tail = ""
    if right < len(text) and text[right - 1] not in BOUNDARY and text[right] not in BOUNDARY:
        cut = next((i for i in range(max(end, left), right) if text[i] in BOUNDARY), None)
        if cut is not None:
            right = cut + 1 if text[cut] in SENTENCE_END else cut
        else:
            reach = next((i for i in range(right, min(len(text), right + REACH)) if text[i] in BOUNDARY), None)
            if reach is not None:
                right = reach + 1 if text[reach] in SENTENCE_END else reach
            else:
                tail = ELLIPSIS
    return lead + text[left:right].strip() + tail
