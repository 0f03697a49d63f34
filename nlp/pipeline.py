"""``analyze(path) -> Analysis``: the only entry point the CLI needs. It wires the stages in order."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path

from nlp.checks import CheckContext, run_checks
from nlp.errors import ReportError
from nlp.figures import extract_figures
from nlp.index import CorpusIndex, default_index
from nlp.judge import judge
from nlp.model import Analysis, Part, Source, Tables, Tag
from nlp.normalize import normalize
from nlp.readers import read
from nlp.score import Rubric, score
from nlp.segment import extract_meta, find_parts
from nlp.tables import parse_tables
from nlp.tagger import tag_sentences

logger = logging.getLogger(__name__)

# Words every disclosure report uses somewhere; a text with none of them, no part heading and no table is not one.
DISCLOSURE_WORDS = re.compile(r"[信資资][息訊讯]公[开開]|政[务務]公[开開]")  # simplified and traditional (資訊公開)
# Fewer narrative sentences than this, no table value and no year named: a blank template, not a report.
MIN_SENTENCES = 3
YEAR = re.compile(r"(?:19|20)\d\d\s*年")


def analyze(
    path: str | Path,
    *,
    context: CheckContext | None = None,
    rubric: Rubric | None = None,
    index: CorpusIndex | None = None,
) -> Analysis:
    """Read one report and run every stage on it. Raises :class:`nlp.errors.ReportError` for bad input.

    ``context`` carries what the checks need besides the report (the previous year's analysis, deadlines);
    ``rubric`` is the scoring rubric (the packaged default when None); ``index`` is the corpus index sentences
    are judged against (boilerplate, other agencies' and earlier years' copies; the shipped one when None).
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
    regions = [(region.start, region.end) for region in tables.regions]
    # The year tells an earlier year's counts apart; cells inside the tables are no narrative figures.
    figures = extract_figures(document.text, parts, meta.year, exclude=regions)
    lap("figures")
    tags = tag_sentences(document.text, parts, exclude=regions)
    lap("tags")
    require_report_content(path, document.text, parts, tables, tags)
    analysis = Analysis(
        document=document, meta=meta, parts=parts, tables=tables, figures=figures, tags=tags, timings=timings
    )
    judge(analysis, index if index is not None else default_index())
    lap("judge")
    analysis.checks = run_checks(analysis, context)
    lap("checks")
    analysis.score = score(analysis, rubric)
    lap("score")
    return analysis


def require_report_content(path: str | Path, text: str, parts: list[Part], tables: Tables, tags: list[Tag]) -> None:
    """Refuse what is not an annual report, so it never gets a grade: a text with no part heading, no statutory
    table and no word of disclosure work (a meeting notice), or a form with no table value and almost no
    narrative or year (the blank official template; a real report that says little is still scored, and scored low)."""
    has_part = any(part.present for part in parts)
    values = [
        value
        for table in (tables.active_disclosure, tables.requests, tables.review_litigation)
        for row in (table or {}).values()
        for value in row.values()
    ]
    if not has_part and not values and not DISCLOSURE_WORDS.search(text):
        reason = ("没有找到报告的六个部分、法定表格或政府信息公开工作的内容", "no report part, statutory table or disclosure work found")
    elif has_part and not any(v is not None for v in values) and len(tags) < MIN_SENTENCES and not YEAR.search(text):
        reason = ("表格未填写，正文不足3句，像是空白模板", "the tables are empty and there are fewer than 3 sentences: a blank template")
    else:
        return
    raise ReportError(
        "no_report_content",
        f"未分析 {path}：不是政府信息公开工作年度报告（{reason[0]}）。",
        f"Not analysed {path}: not a government information disclosure annual report ({reason[1]}).",
        str(path),
    )


def file_source(path: str | Path) -> Source:
    """What can be said about a file without reading it as a report (for error lines).

    It runs while a failure is being reported, so it must not fail itself: a file that cannot be read (no
    permission, an I/O error, gone in the meantime) keeps ``sha256`` and ``size`` empty; the error being
    reported already says why.
    """
    path = Path(path)
    source = Source(path=str(path), format=path.suffix.lower().lstrip("."))
    try:
        if not path.is_file():
            return source
        data = path.read_bytes()
    except OSError:
        return source
    source.sha256 = hashlib.sha256(data).hexdigest()
    source.size = len(data)
    return source


def analyze_file(
    path: str | Path,
    *,
    context: CheckContext | None = None,
    rubric: Rubric | None = None,
    index: CorpusIndex | None = None,
) -> Analysis | ReportError:
    """:func:`analyze` for bulk runs: a bad file becomes a :class:`ReportError` value instead of stopping the run.

    An unexpected exception is a bug, not bad input; it is still turned into an ``internal_error`` value so
    one file never stops a batch, and its traceback goes to the log for the developers.
    """
    try:
        return analyze(path, context=context, rubric=rubric, index=index)
    except ReportError as error:
        error.source = error.source or file_source(path)
        return error
    except Exception as exc:  # noqa: BLE001 - reported per file, see docstring
        logger.exception("internal error while analysing %s", path)
        error = ReportError(
            "internal_error",
            f"分析文件 {path} 时发生内部错误（{type(exc).__name__}），请将该文件反馈给开发者。",
            f"Internal error while analysing {path} ({type(exc).__name__}: {exc}); please report it.",
            str(path),
        )
        error.source = file_source(path)
        return error
