"""The JSON output contract (``../shared/docs/contract.md``): field names here are public and stable."""

from __future__ import annotations

import json
from dataclasses import asdict

from nlp.errors import ReportError
from nlp.model import SCHEMA_VERSION, Analysis, Source


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
        },
        "figures": [asdict(figure) for figure in analysis.figures],
        "tags": [asdict(tag) for tag in analysis.tags],
        "checks": [asdict(check) for check in analysis.checks],
        "score": asdict(analysis.score) if analysis.score else None,
    }
    if include_text:
        result["text"] = analysis.document.text
    return result


def error_to_dict(error: ReportError) -> dict:
    """The contract line for a file that could not be analysed."""
    source = error.source or Source(path=error.path or "")
    return {"schema_version": SCHEMA_VERSION, "source": asdict(source), "error": error.to_dict()}


def dumps(obj: dict, *, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)
