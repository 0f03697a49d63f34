"""The one data model every stage reads and writes.

A report flows through the stages as::

    read -> normalize -> segment -> tables -> figures -> tags -> checks -> score -> render

Readers produce a :class:`Document` holding :class:`Block` objects (paragraphs and table grids).
:func:`nlp.normalize.normalize` fills ``Document.text``: the whole report as one string, tables rendered
as tab-separated lines, with ``Block.start``/``Block.end`` locating each block in it. Every later span
(parts, figures, tags, checks) is a character offset into ``Document.text``.

Field names follow ``docs/contract.md`` (the JSON output contract): renderers serialise these dataclasses
directly, so renaming a field here changes the public contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = "1"

PART_KEYS = ("overview", "active_disclosure", "requests", "review_litigation", "problems", "other_matters")
SUBSECTION_KEYS = ("active", "requests", "management", "platform", "supervision")

# Table B: the 7 applicant columns and the 25 rows (2021 format; the 2019 format has one `other_processing`
# row instead of the three `other_*` rows).
REQUEST_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
REQUEST_ROWS = (
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties_one_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_information",
    "denied_law_enforcement_files",
    "denied_administrative_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear_after_correction",
    "rejected_petition_complaint",
    "rejected_repeated",
    "rejected_publications",
    "rejected_excessive",
    "rejected_confirmation",
    "other_overdue_correction",
    "other_overdue_fee",
    "other_other",
    "total_processed",
    "carried_forward",
)
REQUEST_ROWS_2019_OTHER = "other_processing"
# Table C: three groups of five numbers.
REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

Cell = int | float | None
"""A table cell: an integer count, a float for 万元 amounts, or None for a blank, "/", "—" or missing cell."""


@dataclass
class Source:
    path: str
    sha256: str = ""
    format: str = ""
    encoding: str | None = None
    size: int = 0


@dataclass
class Block:
    """A reader's unit: one paragraph of text, or one table as a grid of cell strings."""

    kind: Literal["paragraph", "table"]
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class Document:
    source: Source
    blocks: list[Block] = field(default_factory=list)
    text: str = ""


@dataclass
class Subsection:
    key: str
    title: str
    start: int
    end: int


@dataclass
class Part:
    number: int
    key: str
    title: str = ""
    present: bool = False
    start: int | None = None
    end: int | None = None
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class Meta:
    title: str | None = None
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    published: str | None = None
    format_version: Literal["2021", "2019", "pre2019", "unknown"] = "unknown"


@dataclass
class ParseNote:
    """Something a table parser could not read cleanly (a short row, an unreadable cell...)."""

    table: str
    row: str | None
    message: str
    start: int | None = None
    end: int | None = None


@dataclass
class TableRegion:
    """Where a parsed statutory table lies in the text: its cells are not narrative, so they get no tags."""

    table: str
    start: int
    end: int


@dataclass
class Tables:
    active_disclosure: dict[str, dict[str, Cell]] | None = None
    requests: dict[str, dict[str, Cell]] | None = None
    review_litigation: dict[str, dict[str, Cell]] | None = None
    notes: list[ParseNote] = field(default_factory=list)
    regions: list[TableRegion] = field(default_factory=list)


@dataclass
class Figure:
    category: str
    metric: str
    value: int | float
    unit: str
    approx: bool
    text: str
    start: int
    end: int
    part: str | None = None
    subsection: str | None = None


@dataclass
class Tag:
    """A narrative sentence with its classifier label and, once judged, its boilerplate/specificity evidence."""

    label: str
    score: float
    text: str
    start: int
    end: int
    part: str | None = None
    subsection: str | None = None
    commonness: int | None = None  # distinct agencies in the corpus index with a near-identical sentence
    boilerplate: bool | None = None
    specificity: float | None = None  # 0 (generic phrasing) … 1 (concrete anchors), problem/measure sentences
    similar_agencies: list[str] = field(default_factory=list)  # some of the agencies counted in commonness
    earlier_years: list[int] = field(default_factory=list)  # the same agency's earlier reports in the index with it


@dataclass
class Check:
    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    evidence: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class Score:
    total: float
    grade: str = ""
    dimensions: dict[str, float] = field(default_factory=dict)
    deductions: list[dict] = field(default_factory=list)


@dataclass
class Analysis:
    document: Document
    meta: Meta = field(default_factory=Meta)
    parts: list[Part] = field(default_factory=list)
    tables: Tables = field(default_factory=Tables)
    figures: list[Figure] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    score: Score | None = None
    timings: dict[str, float] = field(default_factory=dict)
    boilerplate_share: dict[str, float] = field(default_factory=dict)  # part key or "part.subsection" -> share

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)
