"""Bulk-scoring benchmark: reports per second of ``govreport score`` end to end, and memory per worker.

Run from the project root::

    python eval/bench_bulk.py                  # 1,000 text reports, 1 and 2 jobs, prints a Markdown section
    python eval/bench_bulk.py -n 200           # a quicker, noisier run
    python eval/bench_bulk.py --write          # also replaces the "## Bulk scoring" section of eval/RESULTS.md

What it measures: one ``govreport score DIR --db NEW.sqlite --jobs J`` process over N reports, wall clock from
start to exit (start-up, hashing, analysis, the SQLite writes, and the cross-report pass with E11 copy
clustering all included), pinned to ``--cpus`` CPUs (default 2). Then the same command again on the finished
store (every file skipped by sha256), which is what resuming costs. Memory: the resident set size of the CLI
process and of each of its child processes (the joblib workers), sampled every 50 ms with psutil; with one
job the work runs in the CLI process itself.

Inputs: the seed texts of the shared corpora and the fictional sample report, copied round-robin to N files,
each with one appended line naming its copy number, so every file has its own sha256 and is analysed (the
store would skip identical contents). The copies keep their agency, so they are not cross-agency copies,
except for the seed whose agency is not recognised. Targets (never asserted in tests): >= 30 reports/s with 2
jobs on 2 cores for text formats; < 500 MB per worker.
"""

from __future__ import annotations

import argparse
import datetime
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Bulk scoring"
sys.path.insert(0, str(PROJECT_ROOT))

from nlp.config import corpora_dir  # noqa: E402
from results import RESULTS, cli_command, machine, pin_to_cpus, publish, verdict  # noqa: E402  (eval/ is on sys.path as the script's folder)

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
TARGET_RATE = 30.0
TARGET_WORKER_MB = 500.0
SAMPLE_INTERVAL_S = 0.05


@dataclass
class Run:
    jobs: int
    files: int
    seconds: float = 0.0
    resume_seconds: float = 0.0
    exit_code: int = 0
    reports: int = 0
    errors: int = 0
    analysis_seconds: float = 0.0
    cross_report_seconds: float = 0.0
    clusters: int = 0
    main_peak_mb: float = 0.0
    worker_peaks_mb: dict[int, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0

    @property
    def worker_peak_mb(self) -> float:
        """The largest worker; with one job the CLI process does the work itself."""
        return max(self.worker_peaks_mb.values(), default=self.main_peak_mb)


def build_folder(folder: Path, count: int) -> None:
    sources = [*sorted((corpora_dir() / "seeds").glob("*.txt")), SAMPLE]
    texts = [source.read_text(encoding="utf-8") for source in sources]
    folder.mkdir(parents=True)
    for number in range(count):
        index = number % len(sources)
        text = texts[index].rstrip("\n") + f"\n（本文件为基准测试副本，编号 {number}。）\n"
        (folder / f"{number:05d}_{sources[index].stem}.txt").write_text(text, encoding="utf-8")






def _watch(process: psutil.Process, run: Run, done: threading.Event) -> None:
    """Peak RSS of the CLI process and of each worker (its children but loky's resource tracker), until ``done``.

    Children come and go (workers start, helper processes exit), so each is read on its own: one that vanished
    between listing and reading is skipped without losing the others' samples.
    """
    while not done.is_set():
        try:
            run.main_peak_mb = max(run.main_peak_mb, process.memory_info().rss / 2**20)
            children = process.children(recursive=True)
        except psutil.Error:
            break
        for child in children:
            try:
                if "resource_tracker" in " ".join(child.cmdline()):
                    continue
                rss = child.memory_info().rss / 2**20
            except psutil.Error:
                continue
            run.worker_peaks_mb[child.pid] = max(run.worker_peaks_mb.get(child.pid, 0.0), rss)
        time.sleep(SAMPLE_INTERVAL_S)


def score(folder: Path, db: Path, jobs: int, cpus: int, run: Run | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [*cli_command(), "score", str(folder), "--db", str(db), "--jobs", str(jobs)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=pin_to_cpus(cpus),
    )
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(psutil.Process(process.pid), run, done)) if run else None
    if watcher:
        watcher.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if watcher:
        watcher.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"govreport score failed ({process.returncode}):\n{stderr}")
    return seconds, process.returncode


def measure(folder: Path, work: Path, jobs: int, cpus: int, files: int) -> Run:
    run = Run(jobs=jobs, files=files)
    db = work / f"bench_{jobs}.sqlite"
    run.seconds, run.exit_code = score(folder, db, jobs, cpus, run)
    run.resume_seconds, _ = score(folder, db, jobs, cpus)
    with sqlite3.connect(db) as connection:
        run.reports = connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        run.errors = connection.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
        run.analysis_seconds, run.cross_report_seconds, run.clusters = connection.execute(
            "SELECT analysis_seconds, cross_report_seconds, clusters FROM runs ORDER BY id LIMIT 1"
        ).fetchone()
    return run






def markdown(runs: list[Run], command: str, cpus: int) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}; CLI pinned to {cpus} CPU(s).",
        f"Command: `{command}`. Each run: `govreport score DIR --db NEW.sqlite --jobs J` over {runs[0].files} text "
        "reports (seeds + sample, one line appended per copy), end to end including the cross-report pass; "
        "then the same command on the finished store (resume: every file skipped by sha256).",
        "",
        f"| jobs | reports | stored | errors | wall (s) | reports/s | target >= {TARGET_RATE:g}/s (2 jobs) | of which analysis (s) "
        f"| cross-report pass (s) | copy clusters | resume (s) | CLI peak RSS (MB) | peak RSS per worker (MB) "
        f"| target < {TARGET_WORKER_MB:g} MB |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        target = verdict(run.rate >= TARGET_RATE) if run.jobs >= 2 else "—"
        workers = (
            ", ".join(f"{mb:.0f}" for mb in sorted(run.worker_peaks_mb.values(), reverse=True)[: run.jobs])
            or "(in the CLI process)"
        )
        lines.append(
            f"| {run.jobs} | {run.files} | {run.reports} | {run.errors} | {run.seconds:.1f} | {run.rate:.1f} | {target} | "
            f"{run.analysis_seconds:.1f} | {run.cross_report_seconds:.1f} | {run.clusters} | "
            f"{run.resume_seconds:.1f} | {run.main_peak_mb:.0f} | {workers} | {verdict(run.worker_peak_mb < TARGET_WORKER_MB)} |"
        )
    lines += [
        "",
        "The cross-report pass is mostly E11 clustering (`find_copy_clusters`) over the whole store: every distinct "
        "(sentence, agency) of the batch is looked up once, so replicated inputs (every sentence has a twin in "
        "every copy of its source) cost little more than distinct ones. Copies of one agency's report are not "
        "cross-agency copying, and reports whose agency is not recognised are never linked, so this replicated "
        "folder forms no copy cluster.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--reports", type=int, default=1000, help="reports in the folder (default 1000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to measure (default 1 2)")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs the CLI process may use (default 2)")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of {RESULTS.name}")
    args = parser.parse_args()
    command = " ".join(["python eval/bench_bulk.py", *sys.argv[1:]])

    with tempfile.TemporaryDirectory(prefix="govreport-bench-bulk-") as tmp:
        work = Path(tmp)
        build_folder(work / "reports", args.reports)
        runs = []
        for jobs in args.jobs:
            run = measure(work / "reports", work, jobs, args.cpus, args.reports)
            print(f"{jobs} job(s): {run.rate:.1f} reports/s, worker peak {run.worker_peak_mb:.0f} MB", file=sys.stderr)
            runs.append(run)

    publish(SECTION, markdown(runs, command, args.cpus), args.write)


if __name__ == "__main__":
    main()
