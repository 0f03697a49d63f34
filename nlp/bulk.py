"""Score a spring's reports in parallel into a results store (``govreport score PATH... --db FILE``).

Why it is built this way:

- **joblib** runs batches of files on ``jobs`` worker processes (loky), or on an existing Dask cluster with
  ``scheduler="tcp://host:port"`` through joblib's dask backend, so the same code scales from a laptop to a
  cluster. Workers are reused across batches, and every model the pipeline loads is cached at module level
  in the worker (as is the rubric, :func:`nlp.score.load_rubric`), so each worker loads them once.
- Results stream back **unordered** as batches finish and each batch is committed in **one transaction**:
  a run killed at any point keeps every finished batch, and re-running the same command resumes, because
  files already stored under the same sha256 are skipped (rescored in place when the rubric changed).
- A bad file becomes an ``errors`` row (the pipeline turns every failure into a value), never a stopped run.
- After the batch come the **cross-report checks**, which need other reports: a report is re-checked
  against the same agency's previous-year report when the store holds one, and the E11 cross-agency copy
  clusters are recomputed over the whole store. Both are pure functions of the stored reports, so an
  interrupted-then-resumed run ends with the same database content as an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib

from nlp.checks import CheckContext, run_checks
from nlp.errors import ReportError
from nlp.pipeline import analyze_file
from nlp.render.json import analysis_to_dict, error_to_dict
from nlp.score import Rubric, load_rubric, score
from nlp.store import Store, StoredReport, analysis_from_dict

MAX_BATCH_SIZE = 16
BATCHES_PER_WORKER = 8
"""Default batch size: about this many batches per worker (bounded by MAX_BATCH_SIZE). Small batches keep
the progress bar and the commits frequent; large ones save inter-process traffic."""


class BulkError(Exception):
    """A run that cannot start (e.g. the Dask scheduler is unreachable). Chinese message, for users."""


@dataclass
class BulkOutcome:
    """What one run did; ``errors`` are the contract error lines of this run's failed files."""

    run_id: int
    files: int
    analysed: int = 0
    skipped: int = 0
    rescored: int = 0
    cross_year: int = 0
    clusters: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


@dataclass(frozen=True)
class Plan:
    todo: list[str]
    rescore: list[StoredReport]
    skipped: int


StartCallback = Callable[[int], None]
"""Called once with the number of files that will be analysed or rescored."""
AdvanceCallback = Callable[[int], None]
"""Called with the number of files just written to the store."""


def score_files(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    jobs: int = 1,
    rubric_path: str | Path | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    on_start: StartCallback | None = None,
    on_advance: AdvanceCallback | None = None,
) -> BulkOutcome:
    """Analyse and score ``paths`` into the store ``db``; see the module docstring for the guarantees.

    Raises :class:`nlp.score.RubricError`, :class:`nlp.store.StoreError` or :class:`BulkError` before any
    work starts when the rubric, the store or the scheduler cannot be used.
    """
    rubric = load_rubric(rubric_path)
    with Store(db) as store:
        plan = plan_run([str(p) for p in paths], store.stored_reports(), rubric)
        outcome = BulkOutcome(
            run_id=store.start_run(rubric, jobs, scheduler, len(paths)), files=len(paths), skipped=plan.skipped
        )
        if on_start:
            on_start(len(plan.todo) + len(plan.rescore))
        size = batch_size or default_batch_size(len(plan.todo), jobs)
        batches = [plan.todo[i : i + size] for i in range(0, len(plan.todo), size)]
        for results in _run_batches(batches, rubric.path, jobs, scheduler):
            with store.transaction():
                for result in results:
                    if "error" in result:
                        store.write_error(result)
                        outcome.errors.append(result)
                    else:
                        store.write_report(result, rubric)
                        outcome.analysed += 1
            if on_advance:
                on_advance(len(results))
        for start in range(0, len(plan.rescore), size):
            chunk = plan.rescore[start : start + size]
            with store.transaction():
                for stored in chunk:
                    analysis = analysis_from_dict(store.report_data(stored.id))
                    analysis.score = score(analysis, rubric)
                    store.write_report(analysis_to_dict(analysis, include_text=True), rubric,
                                       previous_sha256=stored.previous_sha256)
            outcome.rescored += len(chunk)
            if on_advance:
                on_advance(len(chunk))
        outcome.cross_year = cross_year_checks(store, rubric)
        outcome.clusters = copy_clusters(store)
        store.finish_run(
            outcome.run_id, analysed=outcome.analysed, skipped=outcome.skipped, rescored=outcome.rescored,
            failed=outcome.failed,
        )
    return outcome


def plan_run(paths: Sequence[str], stored: dict[str, StoredReport], rubric: Rubric) -> Plan:
    """Which files to analyse, which stored reports only need rescoring, how many to skip.

    Files are recognised by content (sha256), not name: a report saved twice, or renamed between runs, is
    analysed once. Unreadable paths go to the workers anyway, which record why they failed.
    """
    todo: list[str] = []
    rescore: dict[str, StoredReport] = {}
    seen: set[str] = set()
    skipped = 0
    for path in paths:
        digest = file_sha256(path)
        if digest is None:
            todo.append(path)
        elif digest in stored:
            if stored[digest].rubric_sha256 == rubric.sha256 or digest in rescore:
                skipped += 1
            else:
                rescore[digest] = stored[digest]
        elif digest in seen:
            skipped += 1
        else:
            seen.add(digest)
            todo.append(path)
    return Plan(todo=todo, rescore=list(rescore.values()), skipped=skipped)


def file_sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def default_batch_size(files: int, jobs: int) -> int:
    return max(1, min(MAX_BATCH_SIZE, math.ceil(files / (max(jobs, 1) * BATCHES_PER_WORKER))))


def analyse_batch(paths: Sequence[str], rubric_path: str) -> list[dict[str, Any]]:
    """Worker task: contract dicts (with ``text``) or contract error lines, one per path.

    Runs in a worker process; imports and caches stay warm across batches.
    """
    rubric = load_rubric(rubric_path)
    results = []
    for path in paths:
        outcome = analyze_file(path)
        if isinstance(outcome, ReportError):
            results.append(error_to_dict(outcome))
            continue
        outcome.score = score(outcome, rubric)
        results.append(analysis_to_dict(outcome, include_text=True))
    return results


def _run_batches(
    batches: list[list[str]], rubric_path: str, jobs: int, scheduler: str | None
) -> Iterator[list[dict[str, Any]]]:
    """Each batch's results as soon as it finishes, on local workers or on the Dask cluster at ``scheduler``."""
    if not batches:
        return
    tasks = (joblib.delayed(analyse_batch)(batch, rubric_path) for batch in batches)
    if scheduler is None:
        yield from joblib.Parallel(n_jobs=jobs, return_as="generator_unordered")(tasks)
        return
    from distributed import Client

    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise BulkError(f"无法连接 Dask 调度器 {scheduler}：{error}") from None
    with client, joblib.parallel_backend("dask"):
        yield from joblib.Parallel(n_jobs=-1, return_as="generator_unordered")(tasks)


# --------------------------------------------------------------------------------------------------------
# Cross-report checks


def previous_year_pairs(stored: dict[str, StoredReport]) -> dict[str, StoredReport]:
    """For each report, the same agency's report of the year before, when the store holds one.

    Several files may carry the same agency and year (a DOCX and a PDF of one report): the previous report
    of the same format is preferred, then the first by path, so the choice does not depend on run order.
    """
    by_key: dict[tuple[str, int], list[StoredReport]] = {}
    for report in stored.values():
        if report.agency and report.year:
            by_key.setdefault((report.agency, report.year), []).append(report)
    pairs = {}
    for report in stored.values():
        candidates = by_key.get((report.agency, report.year - 1), []) if report.agency and report.year else []
        if candidates:
            pairs[report.sha256] = min(candidates, key=lambda c: (c.format != report.format, c.path, c.sha256))
    return pairs


def cross_year_checks(store: Store, rubric: Rubric) -> int:
    """Re-check every report that has a previous-year report in the store (or had one); return how many.

    The checks read the previous analysis through :class:`CheckContext`, as ``govreport summarize --previous``
    does; the report's own checks are recomputed from its stored analysis, so the result does not depend on
    whether the previous year was scored in the same run, an earlier one, or after it.
    """
    stored = store.stored_reports()
    pairs = previous_year_pairs(stored)
    changed = 0
    for report in stored.values():
        previous = pairs.get(report.sha256)
        previous_sha = previous.sha256 if previous else None
        if previous_sha == report.previous_sha256:
            continue
        analysis = analysis_from_dict(store.report_data(report.id))
        previous_analysis = analysis_from_dict(store.report_data(previous.id)) if previous else None
        analysis.checks = run_checks(analysis, CheckContext(previous=previous_analysis))
        analysis.score = score(analysis, rubric)
        with store.transaction():
            store.write_report(analysis_to_dict(analysis, include_text=True), rubric, previous_sha256=previous_sha)
        changed += 1
    return changed


def copy_clusters(store: Store) -> int:
    """Recompute the E11 cross-agency copy clusters over every stored report; return how many were found.

    ``nlp.checks.originality.find_copy_clusters(analyses)`` decides what a copy is; this function only feeds
    it the stored analyses and stores its clusters, whose members are indices into the list it was given.
    """
    from nlp.checks.originality import find_copy_clusters

    reports = list(store.stored_reports().values())
    analyses = [analysis_from_dict(store.report_data(report.id)) for report in reports]
    clusters = find_copy_clusters(analyses)
    store.replace_clusters(
        [
            (cluster.year, cluster.similarity, cluster_detail(cluster), [reports[i].id for i in cluster.members])
            for cluster in clusters
        ]
    )
    return len(clusters)
