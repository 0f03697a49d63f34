"""Score a spring's reports in parallel into a results store (``govreport score PATH... --db FILE``).

Why it is built this way:

- **joblib** runs batches of files on ``jobs`` worker processes (loky), or on an existing Dask cluster with
  ``scheduler="tcp://host:port"`` through joblib's dask backend, so the same code scales from a laptop to a
  cluster. Workers are reused across batches, and every model the pipeline loads is cached at module level
  in the worker (as is the rubric, :func:`nlp.score.load_rubric`), so each worker loads them once.
- Results stream back **unordered** as batches finish and each batch is committed in **one transaction**:
  a run killed at any point keeps every finished batch, and re-running the same command resumes, because
  files already stored under the same sha256 are skipped (rescored in place when the rubric changed). An
  interrupted run (Ctrl-C, or SIGTERM turned into ``KeyboardInterrupt`` by the CLI) shuts the worker pool down
  before the exception leaves :func:`score_files`, so no worker outlives the run. Workers leave Ctrl-C, which a
  terminal sends to every process of the command, to the parent (:func:`interrupts_held`, :func:`ignore_interrupts`).
- Every file of the run is recorded with what the run did with it (``files``: analysed, unchanged, a byte-identical
  copy of another file, failed), so that an office can account for each file of its folder. Empty files all share
  one sha256: each is analysed, and fails, on its own, never taken for a copy of another.
- A stored report whose file is gone (nothing at its stored location, no file of the run with its content) keeps its
  row, marked as gone (``reports.missing_at``) until its content is seen again; a content found under another name
  moves its report to that file.
- Every stored report records the **corpus index** it was judged against (its fingerprint,
  :attr:`nlp.index.CorpusIndex.fingerprint`): the index decides boilerplate and copying, so a report stored under
  another index (or, in a store older than this record, an unknown one) is analysed again from its file — the
  file of the run holding its content, or else the file at its stored location when it still holds that content.
  A report whose file is gone keeps its row and is listed in the outcome (``unavailable``), never silently mixed
  in; the next run tries again.
- A file **edited in place** (same file, new content) replaces its earlier version's row, so one file is never
  ranked twice; the file is recognised by its absolute path (``reports.location``), not by the path as given,
  which is relative to the folder a run started in (``2024/局.pdf`` and ``2025/局.pdf`` stay two reports).
- A bad file becomes an ``errors`` row (the pipeline turns every failure into a value), never a stopped run.
  So do the files the caller rejected without reading them (``rejected``: e.g. unsupported files found in a
  folder), so that the report lists every file of the folder that was not reviewed.
- The run's counts are committed with every batch, so a report built from an interrupted run can say how
  far it got (:meth:`nlp.store.Store.last_run`).
- After the batch come the **cross-report checks**, which need other reports: a report is re-checked
  against the same agency's previous-year report when the store holds one, and the E11 cross-agency copy
  clusters are recomputed over the whole store. Both are pure functions of the set of stored reports, so an
  interrupted-then-resumed run ends with the same database content as an uninterrupted one, and a run that
  added nothing skips them.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import signal
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib

from nlp.checks import SEVERITY_ORDER, CheckContext, run_checks
from nlp.checks.originality import copy_checks, find_copy_clusters
from nlp.errors import ReportError
from nlp.index import CorpusIndex, default_index, load_index
from nlp.model import Analysis, Check
from nlp.pipeline import analyze_file
from nlp.render.json import analysis_to_dict, error_to_dict
from nlp.score import Rubric, family, load_rubric, score
from nlp.render.json import analysis_from_dict
from nlp.store import NO_INDEX, ClusterRow, FileRow, Store, StoredReport

CROSS_REPORT_KEY = "cross_report_fingerprint"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
MAX_PASSAGES = 5
"""Shared passages kept per copy cluster as evidence for the report."""
MAX_BATCH_SIZE = 16
BATCHES_PER_WORKER = 8
"""Default batch size: about this many batches per worker (bounded by MAX_BATCH_SIZE). Small batches keep
the progress bar and the commits frequent; large ones save inter-process traffic."""


CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler to answer."""
HOLDS_SIGNALS = hasattr(signal, "pthread_sigmask")
"""Whether a thread can hold signals back (POSIX): elsewhere workers start without it."""


class BulkError(Exception):
    """A run that cannot start (e.g. the Dask scheduler is unreachable). Chinese / English message, for users."""


@dataclass
class BulkOutcome:
    """What one run did; ``errors`` are the contract error lines of this run's failed files."""

    run_id: int
    files: int
    index_sha256: str = NO_INDEX
    """The corpus index the run judged reports against (:func:`index_fingerprint`)."""
    analysed: int = 0
    reanalysed: int = 0
    """Stored reports analysed again because they had been judged against another (or an unknown) index."""
    unavailable: list[StoredReport] = field(default_factory=list)
    """Stored reports of another (or an unknown) index whose file is gone: kept as they were, not re-analysed."""
    updated: list[str] = field(default_factory=list)
    """Files whose content changed since they were stored: their earlier version's results were replaced."""
    missing: list[StoredReport] = field(default_factory=list)
    """Stored reports whose file is gone and whose content no file of the run holds: kept, and marked in the store."""
    skipped: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    rescored: int = 0
    rechecked: int = 0
    clusters: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    same_agency_year: list[dict[str, Any]] = field(default_factory=list)
    """The store's groups of reports of one agency and year (:meth:`nlp.store.Store.same_agency_year`) at the end."""

    @property
    def failed(self) -> int:
        return len(self.errors)


@dataclass(frozen=True)
class Plan:
    todo: list[str]
    rescore: list[StoredReport]
    skipped: int
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """``(path, path of the same content)`` for files byte-identical to another file of the run or the store:
    analysed once, but an office wants to know that two agencies submitted the same file."""
    replaced: dict[str, list[StoredReport]] = field(default_factory=dict)
    """Per file of the run, the stored reports of its earlier content (the file was edited in place)."""
    moved: list[tuple[StoredReport, str]] = field(default_factory=list)
    """Stored reports whose file was overwritten while their content is still in another file of the run: the
    report moves to that file."""
    locations: dict[str, str] = field(default_factory=dict)
    """Absolute, resolved path of every file to analyse, by the path as given."""
    reanalyse: set[str] = field(default_factory=set)
    """Paths of :attr:`todo` whose content is stored, judged against another index than the run's."""
    elsewhere: dict[str, str] = field(default_factory=dict)
    """Paths of :attr:`todo` that are no file of the run but the stored location of a report to re-analyse, with
    the path the report is stored under (which it keeps)."""
    unavailable: list[StoredReport] = field(default_factory=list)
    """Stored reports of another index that cannot be re-analysed: no file of the run holds their content, and their
    stored location no longer does."""
    missing: list[StoredReport] = field(default_factory=list)
    """Stored reports whose file is gone (nothing at their stored location) and whose content no file of the run
    holds: kept, and marked as such."""
    seen: list[FileRow] = field(default_factory=list)
    """What the run does with each of its files that is not analysed (duplicates and already stored contents)."""


StartCallback = Callable[[int], None]
"""Called once with the number of files that will be analysed or rescored."""
AdvanceCallback = Callable[[int], None]
"""Called with the number of files just written to the store."""
# ``on_cross_report`` is called once before the cross-report pass, when it runs (it can take a while).


def score_files(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    jobs: int = 1,
    rubric_path: str | Path | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    rejected: Sequence[ReportError] = (),
    index_dir: str | Path | None = None,
    on_start: StartCallback | None = None,
    on_advance: AdvanceCallback | None = None,
    on_cross_report: Callable[[], None] | None = None,
) -> BulkOutcome:
    """Analyse and score ``paths`` into the store ``db``; see the module docstring for the guarantees.

    ``rejected`` are files the caller decided not to read (each with its reason); they are recorded as
    errors and counted as failed, after the analysed files. ``index_dir`` is the corpus index the reports are
    judged against (:func:`nlp.index.load_index`; the shipped one when None); workers load it by path, so on a
    Dask cluster it must be readable there, like the report files. Stored reports judged against another index
    are analysed again (see the module docstring); ``files`` then counts the stored files read for it too.

    Raises :class:`nlp.score.RubricError`, :class:`nlp.store.StoreError` or :class:`BulkError` before any
    work starts when the rubric, the store or the scheduler cannot be used.
    """
    started = time.perf_counter()
    rubric = load_rubric(rubric_path)
    corpus = load_index(index_dir) if index_dir is not None else default_index()
    fingerprint = index_fingerprint(corpus)
    index_path = str(Path(index_dir).resolve()) if index_dir is not None else None  # workers may run elsewhere
    client = connect(scheduler) if scheduler else None
    with Store(db) as store, client or contextlib.nullcontext():
        plan = plan_run([str(p) for p in paths], store.stored_reports(), rubric, index_sha256=fingerprint)
        files = len(paths) + len(plan.elsewhere) + len(rejected)
        outcome = BulkOutcome(
            run_id=store.start_run(
                rubric,
                jobs,
                scheduler,
                files,
                skipped=plan.skipped,
                index_sha256=fingerprint,
                index_path=str(index_dir) if index_dir is not None else None,
            ),
            files=files,
            index_sha256=fingerprint,
            skipped=plan.skipped,
            duplicates=plan.duplicates,
            unavailable=plan.unavailable,
        )
        # Before any analysis: an interrupted run must not leave a result of content that no file holds any more;
        # the new version is analysed like any new file (now, or when the run is resumed). What the run does with
        # the files it does not analyse, and which stored files are gone, are known already too.
        with store.transaction():
            store.forget_reports([report.id for stale in plan.replaced.values() for report in stale])
            for report, path in plan.moved:
                store.move_report(report.id, path, plan.locations[path])
            if plan.reanalyse:
                # A re-analysed report loses its cross-report checks until the pass runs again, even when the
                # set of stored reports ends up the one the pass last completed on (say, after an interrupted
                # run with another index, the first index again).
                store.clear_meta(CROSS_REPORT_KEY)
            store.record_files(outcome.run_id, plan.seen)
            given = {os.path.abspath(path) for path in [*paths, *plan.elsewhere]}
            gone = [place for place in store.file_locations() if place not in given and not os.path.lexists(place)]
            store.set_missing([report.id for report in plan.missing], gone)
        outcome.updated = sorted(plan.replaced)
        outcome.missing = plan.missing
        if on_start:
            on_start(len(plan.todo) + len(plan.rescore) + len(rejected))
        size = batch_size or default_batch_size(len(plan.todo), jobs)
        batches = [plan.todo[i : i + size] for i in range(0, len(plan.todo), size)]
        with contextlib.closing(_run_batches(batches, rubric.path, index_path, jobs, client)) as finished:
            for results in finished:
                analysed = reanalysed = failed = 0
                with store.transaction():
                    for result in results:
                        path = result["source"]["path"]
                        store.record_files(outcome.run_id, [file_row(result)])
                        if "error" in result:
                            store.write_error(result)
                            outcome.errors.append(result)
                            failed += 1
                            continue
                        result["source"]["path"] = plan.elsewhere.get(path, path)
                        store.write_report(result, rubric, location=plan.locations.get(path), index_sha256=fingerprint)
                        if path in plan.reanalyse:
                            reanalysed += 1
                        else:
                            analysed += 1
                    store.record_progress(outcome.run_id, analysed=analysed, reanalysed=reanalysed, failed=failed)
                outcome.analysed += analysed
                outcome.reanalysed += reanalysed
                if on_advance:
                    on_advance(len(results))
        if rejected:
            lines = [error_to_dict(error) for error in rejected]
            with store.transaction():
                for line in lines:
                    store.write_error(line)
                store.record_files(outcome.run_id, [file_row(line) for line in lines])
                store.record_progress(outcome.run_id, failed=len(lines))
            outcome.errors.extend(lines)
            if on_advance:
                on_advance(len(lines))
        for start in range(0, len(plan.rescore), size):
            chunk = plan.rescore[start : start + size]
            rescore(store, chunk, rubric, run_id=outcome.run_id)
            outcome.rescored += len(chunk)
            if on_advance:
                on_advance(len(chunk))
        analysed_at = time.perf_counter()
        outcome.rechecked, outcome.clusters = cross_report_checks(store, rubric, on_start=on_cross_report, corpus=corpus)
        store.finish_run(
            outcome.run_id,
            analysed=outcome.analysed,
            reanalysed=outcome.reanalysed,
            skipped=outcome.skipped,
            rescored=outcome.rescored,
            failed=outcome.failed,
            rechecked=outcome.rechecked,
            clusters=outcome.clusters,
            analysis_seconds=round(analysed_at - started, 3),
            cross_report_seconds=round(time.perf_counter() - analysed_at, 3),
        )
        outcome.same_agency_year = store.same_agency_year()
    return outcome


def plan_run(paths: Sequence[str], stored: dict[str, StoredReport], rubric: Rubric, *, index_sha256: str) -> Plan:
    """Which files to analyse, which stored reports only need rescoring, how many to skip, which stored
    reports hold the earlier content of a file edited in place, which were judged against another corpus
    index than ``index_sha256`` (the run's): those are analysed again, from a file of the run or from their
    stored location, or listed as unavailable when no file holds their content any more; and which stored reports'
    files are gone.

    Files are recognised by content (sha256), not name: a report saved twice, or renamed between runs, is
    analysed once. Unreadable and empty files go to the workers anyway, which record why they failed: all empty
    files share one sha256, but each is a failed submission of its own, never a copy of another.
    """
    digests = {path: file_sha256(path) for path in paths}
    locations = {path: os.path.realpath(path) for path in paths}
    present: dict[str, str] = {}
    for path, digest in digests.items():
        if digest is not None and digest != EMPTY_SHA256:
            present.setdefault(digest, path)
    by_location: dict[str, list[StoredReport]] = {}
    for report in stored.values():
        location = stored_location(report)
        if location:
            by_location.setdefault(location, []).append(report)
    replaced: dict[str, list[StoredReport]] = {}
    moved: list[tuple[StoredReport, str]] = []
    first_path = {digest: report.path for digest, report in stored.items()}
    # What a file of the run is compared with to tell a copy from the same file: the stored absolute location when
    # known, since the stored path may be relative to another working directory.
    first_file = {digest: stored_location(report) or report.path for digest, report in stored.items()}
    for path, digest in digests.items():
        if digest is None:
            continue  # unreadable now: what is stored for it stays until the file can be read again
        for report in by_location.get(locations[path], []):
            if report.sha256 == digest:
                continue
            if report.sha256 in present:
                moved.append((report, present[report.sha256]))
                first_path[report.sha256] = first_file[report.sha256] = present[report.sha256]
            else:
                replaced.setdefault(path, []).append(report)
    forgotten = {report.sha256 for stale in replaced.values() for report in stale}
    missing: list[StoredReport] = []
    for location, reports in by_location.items():
        if os.path.isfile(location):
            continue
        for report in reports:
            if report.sha256 in present:
                # The file was renamed or moved: its report follows it rather than naming a file that is gone.
                moved.append((report, present[report.sha256]))
                first_path[report.sha256] = first_file[report.sha256] = present[report.sha256]
            elif report.sha256 not in forgotten:
                missing.append(report)

    todo: list[str] = []
    rescore: dict[str, StoredReport] = {}
    reanalyse: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    seen: dict[str, FileRow] = {}
    skipped = 0
    for path in paths:
        digest = digests[path]
        if digest is None or digest == EMPTY_SHA256:
            todo.append(path)
            continue
        if digest in first_path and _other_file(path, first_file[digest]):
            duplicates.append((path, first_path[digest]))
            seen[path] = FileRow(path, os.path.abspath(path), "duplicate", digest, same_as=first_path[digest])
        queued = False
        if digest in stored:
            if digest in rescore or digest in reanalyse:
                skipped += 1
            elif stored[digest].index_sha256 != index_sha256:
                reanalyse[digest] = path
                todo.append(path)
                queued = True
            elif stored[digest].rubric_sha256 == rubric.sha256:
                skipped += 1
            else:
                rescore[digest] = stored[digest]
        elif digest in first_path:
            skipped += 1
        else:
            first_path[digest] = first_file[digest] = path
            todo.append(path)
            queued = True
        if not queued and path not in seen:
            seen[path] = FileRow(path, os.path.abspath(path), "unchanged", digest)

    elsewhere: dict[str, str] = {}
    unavailable: list[StoredReport] = []
    for report in stored.values():
        if report.index_sha256 == index_sha256 or report.sha256 in present or report.sha256 in forgotten:
            continue
        source = report.location or report.path
        if file_sha256(source) == report.sha256:
            elsewhere[source] = report.path
            locations[source] = os.path.realpath(source)
            todo.append(source)
        else:
            unavailable.append(report)
    return Plan(
        todo=todo,
        rescore=list(rescore.values()),
        skipped=skipped,
        duplicates=duplicates,
        replaced=replaced,
        moved=moved,
        locations=locations,
        reanalyse={*reanalyse.values(), *elsewhere},
        elsewhere=elsewhere,
        unavailable=unavailable,
        missing=missing,
        seen=list(seen.values()),
    )


def stored_location(report: StoredReport) -> str | None:
    """The absolute path a stored report's file was at, when known: rows older than ``location`` only know it when
    their path was given absolute."""
    return report.location or (os.path.realpath(report.path) if os.path.isabs(report.path) else None)


def file_row(result: dict[str, Any]) -> FileRow:
    """The ``files`` row of a file the run analysed (``result``: its contract dict or error line)."""
    path = result["source"]["path"]
    if "error" in result:
        return FileRow(path, os.path.abspath(path), "failed", result["source"].get("sha256"), error_code=result["error"]["code"])
    return FileRow(path, os.path.abspath(path), "analysed", result["source"]["sha256"])


def _other_file(path: str, same_content: str) -> bool:
    """Whether ``same_content`` is another file than ``path``. A stored path is as given in its run, maybe relative
    to another working directory: when it does not lead to a file from here, nothing is claimed."""
    try:
        return not os.path.samefile(path, same_content)
    except OSError:
        return False


def file_sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def rescore(store: Store, reports: Sequence[StoredReport], rubric: Rubric, *, run_id: int | None = None) -> None:
    """Score stored reports again under a new rubric, from their stored checks (no re-analysis), in one
    transaction (which also counts them in run ``run_id``)."""
    with store.transaction():
        for stored in reports:
            analysis = analysis_from_dict(store.report_data(stored.id))
            analysis.score = score(analysis, rubric)
            data = analysis_to_dict(analysis, include_text=True)
            store.write_report(data, rubric, previous_sha256=stored.previous_sha256)
        if run_id is not None:
            store.record_progress(run_id, rescored=len(reports))


def index_fingerprint(corpus: CorpusIndex | None) -> str:
    """What a store records as the index a report was judged against (:data:`nlp.store.NO_INDEX` for none)."""
    return corpus.fingerprint if corpus is not None else NO_INDEX


def default_batch_size(files: int, jobs: int) -> int:
    return max(1, min(MAX_BATCH_SIZE, math.ceil(files / (max(jobs, 1) * BATCHES_PER_WORKER))))


def analyse_batch(paths: Sequence[str], rubric_path: str, index_dir: str | None = None) -> list[dict[str, Any]]:
    """Worker task: contract dicts (with ``text``) or contract error lines, one per path.

    Runs in a worker process; imports and caches (the rubric, the corpus index) stay warm across batches.
    """
    rubric = load_rubric(rubric_path)
    corpus = load_index(index_dir) if index_dir is not None else None
    results = []
    for path in paths:
        outcome = analyze_file(path, index=corpus)
        if isinstance(outcome, ReportError):
            results.append(error_to_dict(outcome))
            continue
        outcome.score = score(outcome, rubric)
        results.append(analysis_to_dict(outcome, include_text=True))
    return results


def connect(scheduler: str):
    """A client of the Dask cluster at ``scheduler``; raises :class:`BulkError` when it cannot be reached."""
    from distributed import Client

    try:
        return Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s")
    except (OSError, TimeoutError) as error:
        detail = " ".join(str(error).split()).rstrip(".") or type(error).__name__
        if isinstance(error, TimeoutError) or "timed out" in detail.lower():
            reason = f"{CONNECT_TIMEOUT} 秒内未能连接（调度器未运行，或地址、端口有误，或被防火墙阻挡）"
        else:
            reason = "连接失败（调度器未运行，或地址、端口有误）"
        raise BulkError(
            f"无法连接 Dask 调度器 {scheduler}：{reason}。/ Cannot connect to the Dask scheduler {scheduler}: {detail}."
        ) from None


def _run_batches(
    batches: list[list[str]], rubric_path: str, index_dir: str | None, jobs: int, client
) -> Iterator[list[dict[str, Any]]]:
    """Each batch's results as soon as it finishes, on local workers or on the Dask cluster of ``client``.

    joblib kills its workers when its generator is interrupted or closed: close this generator when leaving
    the loop early (``contextlib.closing``), so that an interrupted run leaves no worker behind.
    """
    if not batches:
        return
    tasks = (joblib.delayed(analyse_batch)(batch, rubric_path, index_dir) for batch in batches)
    if client is not None:
        with joblib.parallel_backend("dask", client=client):
            yield from joblib.Parallel(n_jobs=-1, return_as="generator_unordered")(tasks)
        return
    parallel = joblib.Parallel(n_jobs=jobs, return_as="generator_unordered", initializer=ignore_interrupts)
    results = None
    try:
        with interrupts_held() if jobs != 1 else contextlib.nullcontext():
            results = parallel(tasks)  # starts the workers and hands them the first batches
        # Not ``yield from``: it would close ``results`` itself when this generator is closed, outside the filter below.
        for finished in results:
            yield finished
    finally:
        if results is not None:
            with warnings.catch_warnings():
                # Closing early is how a run stops (Ctrl-C); joblib's warning about the tasks it cancels is not for users.
                warnings.simplefilter("ignore")
                results.close()


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it shuts the pool down and says what was saved). A
    terminal sends it to every process of the command, and a worker would print its own traceback. Workers started
    by :func:`_run_batches` hold it back from the start (:func:`interrupts_held`); from here on they ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if HOLDS_SIGNALS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back from the calling thread while it starts worker processes; it is delivered afterwards.

    A worker takes a second or two to import its modules before :func:`ignore_interrupts` runs, and a Ctrl-C then
    would end it with a traceback. A process starts with the signal mask of the thread that started it, so workers
    started here begin with SIGINT blocked, while the parent still gets every Ctrl-C: at the end of the block, or at
    once when another of its threads (the progress bar's) receives it. The standard library's resource tracker
    unblocks SIGINT after starting its process, which loky does with the first worker: it is started beforehand.
    """
    if not HOLDS_SIGNALS:
        yield
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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


def cross_report_checks(
    store: Store, rubric: Rubric, on_start: Callable[[], None] | None = None, corpus: CorpusIndex | None = None
) -> tuple[int, int]:
    """Re-check the stored reports whose cross-report evidence changed; return (reports re-checked, clusters).

    A report's final checks are its own checks run with the same agency's previous-year report as context
    (as ``govreport summarize --previous`` does), plus the E11 checks of the copy clusters it belongs to.
    They are recomputed from the stored analyses only when the previous-year partner or the E11 findings
    differ from what is stored, so the result does not depend on which run scored which file first. Both
    depend only on the set of stored reports: when it is the one the pass last completed on, the pass is
    skipped (a resumed or repeated run does not pay for clustering again). ``corpus`` tells template wording
    from copying (the shipped index when None), as it told boilerplate when the reports were analysed, so
    another index runs the pass again.
    """
    corpus = corpus if corpus is not None else default_index()
    stored = store.stored_reports()
    fingerprint = hashlib.sha256("\n".join([*sorted(stored), index_fingerprint(corpus)]).encode("ascii")).hexdigest()
    if store.get_meta(CROSS_REPORT_KEY) == fingerprint:
        return 0, len(store.clusters())
    if on_start:
        on_start()
    analyses = {sha: analysis_from_dict(store.report_data(report.id)) for sha, report in stored.items()}
    pairs = previous_year_pairs(stored)
    clusters, copies = copy_clusters(stored, analyses, corpus)
    store.replace_clusters(clusters)
    changed = 0
    for sha, report in stored.items():
        analysis = analyses[sha]
        previous = pairs.get(sha)
        previous_sha = previous.sha256 if previous else None
        found = copies.get(sha, [])
        if previous_sha == report.previous_sha256 and found == [c for c in analysis.checks if family(c.code) == "E11"]:
            continue
        context = CheckContext(previous=analyses[previous_sha] if previous_sha else None)
        analysis.checks = sorted(
            run_checks(analysis, context) + found,
            key=lambda c: (SEVERITY_ORDER[c.severity], c.start if c.start is not None else -1, c.code),
        )
        analysis.score = score(analysis, rubric)
        with store.transaction():
            store.write_report(analysis_to_dict(analysis, include_text=True), rubric, previous_sha256=previous_sha)
        changed += 1
    store.set_meta(CROSS_REPORT_KEY, fingerprint)
    return changed, len(clusters)


def copy_clusters(
    stored: dict[str, StoredReport], analyses: dict[str, Analysis], corpus: CorpusIndex | None = None
) -> tuple[list[ClusterRow], dict[str, list[Check]]]:
    """E11 clusters among the stored reports of each year, and the E11 checks per report sha256.

    :func:`nlp.checks.originality.find_copy_clusters` decides what a copy is; copying is judged within one
    report year (the same spring's reports), so a store holding several years is clustered year by year.
    """
    by_year: dict[int | None, list[str]] = {}
    for sha in sorted(stored, key=lambda s: (stored[s].path, s)):
        by_year.setdefault(stored[sha].year, []).append(sha)
    rows: list[ClusterRow] = []
    copies: dict[str, list[Check]] = {}
    for year, shas in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        if len(shas) < 2:
            continue
        batch = [analyses[sha] for sha in shas]
        clusters = find_copy_clusters(batch, corpus=corpus)
        for sha, checks in zip(shas, copy_checks(clusters, len(batch))):
            if checks:
                copies[sha] = checks
        for cluster in clusters:
            members = [(stored[shas[i]].id, cluster.shares[i]) for i in cluster.members]
            rows.append(
                ClusterRow(year=year, part=cluster.part, members=members, passages=cluster.passages[:MAX_PASSAGES])
            )
    return rows, copies
