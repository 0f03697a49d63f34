"""Align two reports of one agency (last year's and this year's): copied sentences, table deltas, identities.

CASS found reports whose part 五 repeated the previous year's at 90%: the problems "found" and the measures
"planned" were last year's, so nothing was fixed or learnt (E10). :func:`compare` measures that, part by part:
the share of the new report's sentence characters that sit in sentences near-identical (Jaccard ≥ 0.8 of
character 3-grams, digits and the agency's name masked, see :mod:`nlp.index`) to a sentence anywhere in the
old report — a sentence moved from part 一 to part 五 is still copied. It also lists the table cells that
changed and the cross-year identities (this year's 上年结转 = last year's 结转下年度; 现行有效件数(t) =
(t−1) + 本年制发 − 本年废止) for ``govreport compare``; the identity *checks* belong to E6
(``nlp/checks/consistency.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.index import (
    NARRATIVE_PARTS,
    IndexBuilder,
    IndexParams,
    Passage,
    SourceRecord,
    agency_key,
    analysis_passages,
    normalize_sentence,
)
from nlp.model import REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, Analysis, Cell

COPIED_PART_SHARE = 0.8
"""Share of a part's characters in copied sentences from which the part counts as copied (E10)."""
KEY_REQUEST_ROWS = ("new_received", "carried_over", "granted", "partially_granted", "total_processed", "carried_forward")


@dataclass(frozen=True)
class CopiedSentence:
    new: Passage
    old: Passage
    jaccard: float


@dataclass(frozen=True)
class PartSimilarity:
    """How much of the new report's part is made of sentences copied from the old report."""

    part: str
    chars: int
    copied_chars: int

    @property
    def share(self) -> float:
        return self.copied_chars / self.chars if self.chars else 0.0


@dataclass(frozen=True)
class CellDelta:
    table: str  # "active_disclosure" | "requests" | "review_litigation"
    row: str
    column: str
    old: Cell
    new: Cell


@dataclass(frozen=True)
class Identity:
    """A cross-year identity: ``expected`` from last year (and this year's flows), ``actual`` this year."""

    name: str
    expected: Cell
    actual: Cell

    @property
    def holds(self) -> bool:
        return self.expected == self.actual


@dataclass(frozen=True)
class Comparison:
    parts: list[PartSimilarity]
    copied: list[CopiedSentence]
    deltas: list[CellDelta]
    identities: list[Identity]

    def part(self, key: str) -> PartSimilarity | None:
        return next((p for p in self.parts if p.part == key), None)


def copied_sentences(old: Analysis, new: Analysis, params: IndexParams | None = None) -> list[CopiedSentence]:
    """Each sentence of ``new`` with its most similar near-identical sentence of ``old``, in text order."""
    return _copied(old, analysis_passages(old), new, analysis_passages(new), params)


def _copied(
    old: Analysis, old_passages: list[Passage], new: Analysis, new_passages: list[Passage], params: IndexParams | None
) -> list[CopiedSentence]:
    builder = IndexBuilder(params)
    builder.add(SourceRecord("old", old.document.source.sha256, "old", old.meta.year), old_passages, old.meta.agency)
    index = builder.build()
    by_span = {(p.start, p.end): p for p in old_passages}
    # The index leaves out sentences too short to sign ("一是加强培训。"), yet they are part of the part's
    # characters: such a sentence is copied when it is the same once normalised, or a verbatim copy would
    # measure under 100% (a part 五 of short items under the E10 threshold).
    short = {}
    for passage in old_passages:
        short.setdefault(normalize_sentence(passage.text, old.meta.agency), passage)
    copied = []
    for passage, matches in zip(new_passages, index.search([p.text for p in new_passages], agency=new.meta.agency)):
        if matches:
            copied.append(CopiedSentence(passage, by_span[(matches[0].start, matches[0].end)], matches[0].jaccard))
            continue
        normalized = normalize_sentence(passage.text, new.meta.agency)
        if len(normalized) < index.params.min_chars and normalized in short:
            copied.append(CopiedSentence(passage, short[normalized], 1.0))
    return copied


def part_similarity(new_passages: list[Passage], copied: list[CopiedSentence]) -> list[PartSimilarity]:
    """Per narrative part: sentence characters, and those in copied sentences."""
    copied_spans = {(c.new.start, c.new.end) for c in copied}
    totals = {key: [0, 0] for key in NARRATIVE_PARTS}
    for passage in new_passages:
        if passage.part in totals:
            totals[passage.part][0] += len(passage.text)
            totals[passage.part][1] += len(passage.text) if (passage.start, passage.end) in copied_spans else 0
    return [PartSimilarity(key, chars, copied_chars) for key, (chars, copied_chars) in totals.items() if chars]


def _cells(analysis: Analysis) -> dict[tuple[str, str, str], Cell]:
    tables = analysis.tables
    cells: dict[tuple[str, str, str], Cell] = {}
    for row, columns in (tables.active_disclosure or {}).items():
        for column, value in columns.items():
            cells[("active_disclosure", row, column)] = value
    for row in KEY_REQUEST_ROWS:
        for column in REQUEST_COLUMNS:
            cells[("requests", row, column)] = ((tables.requests or {}).get(row) or {}).get(column)
    for group in REVIEW_GROUPS:
        for column in REVIEW_COLUMNS:
            cells[("review_litigation", group, column)] = ((tables.review_litigation or {}).get(group) or {}).get(column)
    return cells


def table_deltas(old: Analysis, new: Analysis) -> list[CellDelta]:
    """Table A cells and the key cells of tables B and C whose value changed (tables both years have)."""
    present = {
        name for name in ("active_disclosure", "requests", "review_litigation")
        if getattr(old.tables, name) is not None and getattr(new.tables, name) is not None
    }
    before, after = _cells(old), _cells(new)
    return [
        CellDelta(table, row, column, before.get((table, row, column)), value)
        for (table, row, column), value in after.items()
        if table in present and before.get((table, row, column)) != value
    ]


def identities(old: Analysis, new: Analysis) -> list[Identity]:
    """Cross-year identities both reports allow to compute (see the module docstring)."""
    result = []
    last_b, this_b = old.tables.requests, new.tables.requests
    if last_b and this_b:
        for column in REQUEST_COLUMNS:
            result.append(
                Identity(
                    f"requests.carried_over.{column}",
                    (last_b.get("carried_forward") or {}).get(column),
                    (this_b.get("carried_over") or {}).get(column),
                )
            )
    last_a, this_a = old.tables.active_disclosure, new.tables.active_disclosure
    if last_a and this_a:
        for row in ("regulations", "normative_documents"):
            before, now = last_a.get(row) or {}, this_a.get(row) or {}
            if before.get("valid") is None or now.get("valid") is None:
                continue
            expected = before["valid"] + (now.get("made") or 0) - (now.get("repealed") or 0)
            result.append(Identity(f"active_disclosure.{row}.valid", expected, now["valid"]))
    return result


def pairing_problems(old: Analysis, new: Analysis) -> list[tuple[str, str]]:
    """Why ``old`` may not be ``new``'s previous-year report, as ``(code, Chinese message)``: the same file, two
    agencies, or years that do not follow each other. Unknown names or years are not held against the pair."""
    return [(code, message) for code, message, _ in pairing_warnings(old, new)]


def pairing_warnings(old: Analysis, new: Analysis) -> list[tuple[str, str, str]]:
    """:func:`pairing_problems` with each message in English too, ``(code, Chinese, English)``, for the console."""
    if old.document.source.sha256 and old.document.source.sha256 == new.document.source.sha256:
        return [
            (
                "same_file",
                "上一年度报告与本年度报告是同一文件，比对没有意义。",
                "The previous-year report and this year's report are the same file; comparing them means nothing.",
            )
        ]
    problems = []
    old_agency, new_agency = agency_key(old.meta.agency, "old"), agency_key(new.meta.agency, "new")
    if not old_agency.startswith("?") and not new_agency.startswith("?") and old_agency != new_agency:
        problems.append(
            (
                "other_agency",
                f"两份报告不是同一机关（上年：{old_agency}；本年：{new_agency}），雷同与勾稽比对可能没有意义。",
                f"The two reports are from different agencies (previous year: {old_agency}; this year: {new_agency});"
                " the similarity and cross-year checks may mean nothing.",
            )
        )
    if old.meta.year and new.meta.year and new.meta.year != old.meta.year + 1:
        if new.meta.year == old.meta.year:
            order, order_en = "相同", "are the same"
        elif new.meta.year < old.meta.year:
            order, order_en = "顺序颠倒", "are in reverse order"
        else:
            order, order_en = "不相邻", "do not follow each other"
        problems.append(
            (
                "not_previous_year",
                f"两份报告的年度{order}（上年：{old.meta.year}；本年：{new.meta.year}），请确认文件和顺序。",
                f"The years of the two reports {order_en} (previous year: {old.meta.year}; this year: {new.meta.year});"
                " check the files and their order.",
            )
        )
    return problems


def compare(old: Analysis, new: Analysis, params: IndexParams | None = None) -> Comparison:
    """Everything ``govreport compare OLD NEW`` shows; ``Comparison.part("problems").share`` is the E10 measure."""
    new_passages = analysis_passages(new)
    copied = _copied(old, analysis_passages(old), new, new_passages, params)
    return Comparison(part_similarity(new_passages, copied), copied, table_deltas(old, new), identities(old, new))
