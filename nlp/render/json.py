"""The JSON output contract (``../shared/docs/contract.md``): field names here are public and stable."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from nlp.errors import ReportError
from nlp.model import SCHEMA_VERSION, Analysis, Check, Document, Figure, Meta, ParseNote, Part, Score, Source, Subsection
from nlp.model import TableRegion, Tables, Tag


def analysis_to_dict(analysis: Analysis, *, include_text: bool = False) -> dict:
    """The contract object for one analysed report.

    ``include_text`` adds the normalized text that all ``start``/``end`` offsets index into, so a consumer
    can verify spans without re-running the pipeline.
    """
    tables = analysis.tables
    result = {
        "schema_version": SCHEMA_VERSION,
        "source": asdict(analysis.document.source),
        "meta": asdict(analysis.meta),
        "parts": [asdict(part) for part in analysis.parts],
        "tables": {
            "active_disclosure": tables.active_disclosure,
            "requests": tables.requests,
            "review_litigation": tables.review_litigation,
            "notes": [asdict(note) for note in tables.notes],
            "regions": [asdict(region) for region in tables.regions],
        },
        "figures": [asdict(figure) for figure in analysis.figures],
        "tags": [asdict(tag) for tag in analysis.tags],
        "checks": [asdict(check) for check in analysis.checks],
        "score": asdict(analysis.score) if analysis.score else None,
        "boilerplate_share": analysis.boilerplate_share,
    }
    if include_text:
        result["text"] = analysis.document.text
    return result


def _build(cls, data: dict[str, Any]):
    """A dataclass from its ``asdict`` form, ignoring keys the class no longer has (older stores)."""
    names = {f.name for f in fields(cls)}
    return cls(**{key: value for key, value in data.items() if key in names})


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The inverse of :func:`analysis_to_dict` (with ``include_text``), for rescoring and re-checking stored
    reports without reading the files again. Reader blocks are not in the JSON: checks read the text."""
    tables = data["tables"]
    parts = []
    for part in data["parts"]:
        subsections = [_build(Subsection, s) for s in part.get("subsections", [])]
        parts.append(_build(Part, {**part, "subsections": subsections}))
    return Analysis(
        document=Document(source=_build(Source, data["source"]), text=data.get("text", "")),
        meta=_build(Meta, data["meta"]),
        parts=parts,
        tables=Tables(
            active_disclosure=tables.get("active_disclosure"),
            requests=tables.get("requests"),
            review_litigation=tables.get("review_litigation"),
            notes=[_build(ParseNote, n) for n in tables.get("notes", [])],
            regions=[_build(TableRegion, r) for r in tables.get("regions", [])],
        ),
        figures=[_build(Figure, f) for f in data["figures"]],
        tags=[_build(Tag, t) for t in data["tags"]],
        checks=[_build(Check, c) for c in data["checks"]],
        score=_build(Score, data["score"]) if data.get("score") else None,
        boilerplate_share=data.get("boilerplate_share") or {},
    )


def error_to_dict(error: ReportError) -> dict:
    """The contract line for a file that could not be analysed."""
    source = error.source or Source(path=error.path or "")
    return {"schema_version": SCHEMA_VERSION, "source": asdict(source), "error": error.to_dict()}


def dumps(obj: dict, *, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)
