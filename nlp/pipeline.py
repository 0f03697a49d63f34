"""``analyze(path) -> Analysis``: the only entry point the CLI needs. It wires the stages in order."""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from nlp.checks import CheckContext, run_checks
from nlp.errors import ReportError
from nlp.figures import extract_figures
from nlp.index import default_index
from nlp.judge import judge
from nlp.model import Analysis, Source
from nlp.normalize import normalize
from nlp.readers import read
from nlp.score import Rubric, score
from nlp.segment import extract_meta, find_parts
from nlp.tables import parse_tables
from nlp.tagger import tag_sentences

logger = logging.getLogger(__name__)


def analyze(path: str | Path, *, context: CheckContext | None = None, rubric: Rubric | None = None) -> Analysis:
    """Read one report and run every stage on it. Raises :class:`nlp.errors.ReportError` for bad input.

    ``context`` carries what the checks need besides the report (the previous year's analysis, deadlines);
    ``rubric`` is the scoring rubric (the packaged default when None).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    document = read(path)
    lap("read")
    document = normalize(document)
    lap("normalize")
    parts = find_parts(document.text)
    meta = extract_meta(document, parts)
    lap("segment")
    tables = parse_tables(document.text, parts)
    lap("tables")
    figures = extract_figures(document.text, parts)
    lap("figures")
    tags = tag_sentences(document.text, parts, exclude=[(region.start, region.end) for region in tables.regions])
    lap("tags")
    analysis = Analysis(
        document=document, meta=meta, parts=parts, tables=tables, figures=figures, tags=tags, timings=timings
    )
    judge(analysis, default_index())
    lap("judge")
    analysis.checks = run_checks(analysis, context)
    lap("checks")
    analysis.score = score(analysis, rubric)
    lap("score")
    return analysis


def file_source(path: str | Path) -> Source:
    """What can be said about a file without reading it as a report (for error lines)."""
    path = Path(path)
    source = Source(path=str(path), format=path.suffix.lower().lstrip("."))
    if path.is_file():
        data = path.read_bytes()
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.size = len(data)
    return source


def analyze_file(path: str | Path, *, context: CheckContext | None = None) -> Analysis | ReportError:
    """:func:`analyze` for bulk runs: a bad file becomes a :class:`ReportError` value instead of stopping the run.

    An unexpected exception is a bug, not bad input; it is still turned into an ``internal_error`` value so
    one file never stops a batch, and its traceback goes to the log for the developers.
    """
    try:
        return analyze(path, context=context)
    except ReportError as error:
        error.source = error.source or file_source(path)
        return error
    except Exception as exc:  # noqa: BLE001 - reported per file, see docstring
        logger.exception("internal error while analysing %s", path)
        error = ReportError(
            "internal_error",
            f"分析文件 {Path(path).name} 时发生内部错误（{type(exc).__name__}），请将该文件反馈给开发者。",
            f"Internal error while analysing {Path(path).name} ({type(exc).__name__}: {exc}); please report it.",
            str(path),
        )
        error.source = file_source(path)
        return error
