"""Reading-speed benchmark: how many reports per second govreport reads on this machine.

Run from the project root::

    python eval/bench.py                # 100 reports per format, prints Markdown tables
    python eval/bench.py -n 20          # a quicker, noisier run
    python eval/bench.py --write        # also replaces the "## Reading speed" section of eval/RESULTS.md

What it measures, per input format (txt, docx, html, pdf):

1. **Folder run**: one ``govreport analyze --format jsonl --jobs CPUS DIR`` process over a folder of N reports, wall
   clock, start-up included once. This is what an oversight office running the tool over a spring's
   reports experiences. The process is pinned to ``--cpus`` CPUs (default 2) so the figure is comparable
   with the target on any machine.
2. **Stages**: :func:`nlp.pipeline.analyze_file` in this process over the same folder, with ``Analysis.timings``
   summed per stage, to show where the time goes.
3. **One file**: ``govreport analyze FILE`` on a single report, median wall clock of 5 runs: the latency a
   user feels, dominated by interpreter start-up and imports.

Targets (speed targets live here, never as timing asserts in tests): >= 30 reports/s for the text formats
(txt, docx, html) and >= 5 reports/s for PDF over a folder on 2 cores; one file < 1.5 s including start-up.

Inputs are built in a temporary directory: the seed texts and the fictional sample report (txt), their DOCX
and HTML renderings made with ``tests/fixtures.py`` from the expected tables (HTML alternates UTF-8 and GBK
pages), and copies of the Huaian PDF; each folder holds N files cycled from those sources. If the
``govreport`` command is not installed, the CLI runs as ``python -m cli.main``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Reading speed"
sys.path.insert(0, str(PROJECT_ROOT))
# The fixture generators live with the tests; importing them as a top-level module (like pytest does)
# avoids clashing with any installed package that happens to be called ``tests``.
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from fixtures import iter_seeds, load_expected_tables, seed_as_docx, seed_as_html, template_path  # noqa: E402

from nlp.config import corpora_dir  # noqa: E402
from results import RESULTS, cli_command, machine, pin_to_cpus, publish, verdict  # noqa: E402  (eval/ is on sys.path as the script's folder)
from nlp.errors import ReportError  # noqa: E402
from nlp.pipeline import analyze_file  # noqa: E402

FORMATS = ("txt", "docx", "html", "pdf")
TARGET_FOLDER = {"txt": 30.0, "docx": 30.0, "html": 30.0, "pdf": 5.0}
TARGET_ONE_FILE_S = 1.5
ONE_FILE_RUNS = 5
SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"


@dataclass
class FormatResult:
    fmt: str
    files: int
    folder_seconds: float = 0.0
    folder_errors: int = 0
    in_process_seconds: float = 0.0
    in_process_errors: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    one_file_seconds: float = 0.0
    folder_runs: int = 1

    @property
    def folder_rate(self) -> float:
        return self.files / self.folder_seconds

    @property
    def in_process_rate(self) -> float:
        return self.files / self.in_process_seconds


# --------------------------------------------------------------------------------------------------------
# Inputs


def _sources(work: Path) -> dict[str, list[Path]]:
    """One or more distinct source files per format; the folders cycle through them."""
    corpora = corpora_dir()
    template = template_path(corpora)
    texts = [SAMPLE, *(seed for seed in iter_seeds(corpora) if load_expected_tables(seed.stem) is not None)]
    rendered = work / "rendered"
    rendered.mkdir()
    docx_files, html_files = [], []
    for index, text in enumerate(texts):
        tables = load_expected_tables(text.stem)
        docx_files.append(seed_as_docx(text, tables, rendered / f"{text.stem}.docx", template))
        encoding = "gbk" if index % 2 else "utf-8"
        html_files.append(seed_as_html(text, tables, rendered / f"{text.stem}.{encoding}.html", template, encoding=encoding))
    return {
        "txt": texts,
        "docx": docx_files,
        "html": html_files,
        "pdf": [corpora_dir() / "real" / "huaian_city_2024.pdf"],
    }


def build_folders(work: Path, copies: int) -> dict[str, Path]:
    """A folder of ``copies`` files per format under ``work``."""
    folders = {}
    for fmt, sources in _sources(work).items():
        folder = work / fmt
        folder.mkdir()
        for index in range(copies):
            source = sources[index % len(sources)]
            shutil.copyfile(source, folder / f"{index:04d}_{source.stem}.{fmt}")
        folders[fmt] = folder
    return folders


# --------------------------------------------------------------------------------------------------------
# Measurements






def run_cli(arguments: list[str], cpus: int) -> tuple[float, str]:
    """Wall-clock seconds and stdout of one CLI process. Exit code 1 (some files unreadable) is data."""
    start = time.perf_counter()
    completed = subprocess.run(
        [*cli_command(), *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        preexec_fn=pin_to_cpus(cpus),
    )
    seconds = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"govreport {' '.join(arguments)} failed ({completed.returncode}):\n{completed.stderr}")
    return seconds, completed.stdout


def measure_folder(result: FormatResult, folder: Path, cpus: int, repeat: int = 1) -> None:
    """The median wall time of ``repeat`` folder runs: on a shared VM one run can be 20% off either way."""
    times = []
    for _ in range(repeat):
        seconds, output = run_cli(["analyze", "--format", "jsonl", "--jobs", str(cpus), str(folder)], cpus)
        lines = [json.loads(line) for line in output.splitlines() if line.strip()]
        if len(lines) != result.files:
            raise RuntimeError(f"{folder}: expected {result.files} JSON lines, got {len(lines)}")
        times.append(seconds)
        result.folder_errors = sum("error" in line for line in lines)
    result.folder_seconds = statistics.median(times)
    result.folder_runs = repeat


def measure_stages(result: FormatResult, folder: Path) -> None:
    """Steady-state stage times. One untimed warm-up call comes first, so lazy imports and model loads (paid
    once by the folder run too) do not land on whichever stage happens to trigger them."""
    paths = sorted(folder.iterdir())
    analyze_file(paths[0])
    start = time.perf_counter()
    for path in paths:
        outcome = analyze_file(path)
        if isinstance(outcome, ReportError):
            result.in_process_errors += 1
            continue
        for stage, seconds in outcome.timings.items():
            result.stage_seconds[stage] = result.stage_seconds.get(stage, 0.0) + seconds
    result.in_process_seconds = time.perf_counter() - start


def measure_one_file(result: FormatResult, path: Path, cpus: int) -> None:
    result.one_file_seconds = statistics.median(
        run_cli(["analyze", str(path)], cpus)[0] for _ in range(ONE_FILE_RUNS)
    )


# --------------------------------------------------------------------------------------------------------
# Report






def markdown(results: list[FormatResult], command: str, cpus: int) -> str:
    stages = list(dict.fromkeys(stage for r in results for stage in r.stage_seconds))
    lines = [
        SECTION,
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}; CLI pinned to {cpus} CPU(s).",
        f"Command: `{command}` (CLI: `{' '.join(Path(part).name for part in cli_command())}`).",
        "",
        f"| format | reports | folder run (s, median of {results[0].folder_runs if results else 1}) | reports/s | target | "
        "errors | one file (s, median of 5) | target < 1.5 s |",
        "|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for r in results:
        target = TARGET_FOLDER[r.fmt]
        lines.append(
            f"| {r.fmt} | {r.files} | {r.folder_seconds:.2f} | {r.folder_rate:.1f} | >= {target:g}/s "
            f"{verdict(r.folder_rate >= target)} | {r.folder_errors} | {r.one_file_seconds:.2f} | "
            f"{verdict(r.one_file_seconds < TARGET_ONE_FILE_S)} |"
        )
    lines += [
        "",
        "Folder runs use `--jobs` equal to the CPUs; their time includes start-up (about 1 s) and starting the "
        "worker processes once per run, so small folders come out slower per report.",
        "",
        "In-process stage times (`nlp.pipeline.analyze`, `Analysis.timings`), milliseconds per report:",
        "",
        "| format | " + " | ".join(stages) + " | total | reports/s | errors |",
        "|---|" + "---:|" * (len(stages) + 3),
    ]
    for r in results:
        per_report = [1000 * r.stage_seconds.get(stage, 0.0) / r.files for stage in stages]
        lines.append(
            f"| {r.fmt} | " + " | ".join(f"{ms:.1f}" for ms in per_report)
            + f" | {1000 * r.in_process_seconds / r.files:.1f} | {r.in_process_rate:.1f} | {r.in_process_errors} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--copies", type=int, default=100, help="reports per format folder (default 100)")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs the CLI process may use (default 2)")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--repeat", type=int, default=1, help="folder runs per format, the median is reported")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of {RESULTS.name}")
    args = parser.parse_args()
    command = " ".join(["python eval/bench.py", *sys.argv[1:]])

    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        folders = build_folders(Path(tmp), args.copies)
        results = []
        for fmt in args.formats:
            result = FormatResult(fmt, args.copies)
            measure_folder(result, folders[fmt], args.cpus, args.repeat)
            measure_stages(result, folders[fmt])
            measure_one_file(result, min(folders[fmt].iterdir()), args.cpus)
            print(f"{fmt}: {result.folder_rate:.1f} reports/s", file=sys.stderr)
            results.append(result)

    publish(SECTION, markdown(results, command, args.cpus), args.write)


if __name__ == "__main__":
    main()
