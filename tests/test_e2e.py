"""End to end, as an oversight office runs it: a folder of reports in every format plus bad files → ``govreport
score`` (killed midway and resumed) → ``govreport report`` → the page in headless Chromium, and ``export``."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from fixtures import (
    iter_seeds,
    load_expected_tables,
    make_bad_inputs,
    seed_as_docx,
    seed_as_html,
    template_path,
)
from test_bulk import content, rows
from test_report import assert_not_executed, ranking_rows, rendered_dom, screenshot

from cli.inputs import scan_inputs
from nlp.config import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
KILL_DEADLINE_S = 240


def build_folder(folder: Path, corpora: Path) -> dict[str, int]:
    """The seeds as TXT, DOCX and HTML, the Huaian PDF, the sample and its 2023 edition, and bad files."""
    folder.mkdir()
    template = template_path(corpora)
    for seed in iter_seeds(corpora):
        shutil.copy(seed, folder / seed.name)
        tables = load_expected_tables(seed.stem)
        seed_as_docx(seed, tables, folder / f"{seed.stem}.docx", template)
        seed_as_html(
            seed, tables, folder / f"{seed.stem}.html", template, encoding="gbk" if seed.stem.startswith("00") else "utf-8"
        )
    shutil.copy(corpora / "real" / "huaian_city_2024.pdf", folder)
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "sample_report_2024.txt").write_text(text, encoding="utf-8")
    (folder / "sample_report_2023.txt").write_text(
        text.replace("2024", "2023").replace("2025", "2024"), encoding="utf-8"
    )
    make_bad_inputs(folder / "bad")
    seeds = len(list(iter_seeds(corpora)))
    # Every bad file is accounted for: report suffixes are analysed and fail, other suffixes (report.xyz) are
    # recorded as unsupported, as the CLI's own walk decides.
    bad = scan_inputs([folder / "bad"])
    return {"reports": seeds * 3 + 1 + 2, "bad": len(bad.files) + len(bad.unsupported)}


def govreport(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        **kwargs,
    )


def committed_rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(
                "SELECT (SELECT COUNT(*) FROM reports) + (SELECT COUNT(*) FROM errors)"
            ).fetchone()[0]
    except sqlite3.OperationalError:  # the store is still being created
        return 0


def kill_after_first_commit(folder: Path, db: Path) -> int:
    """Start ``govreport score`` and SIGKILL its whole process group (workers included) once rows are committed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "score", str(folder), "--db", str(db), "--jobs", "2", "--batch-size", "1"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + KILL_DEADLINE_S
    try:
        while committed_rows(db) == 0:
            assert process.poll() is None, "the run ended before anything was committed"
            assert time.monotonic() < deadline, "no row committed in time"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return committed_rows(db)


def test_score_kill_resume_report_export(tmp_path, corpora):
    folder = tmp_path / "spring"
    expected = build_folder(folder, corpora)
    total = expected["reports"] + expected["bad"]

    reference = tmp_path / "reference.sqlite"
    first = govreport("score", str(folder), "--db", str(reference), "--jobs", "2")
    assert first.returncode == 1, first.stderr  # the bad files failed, everything else was scored
    assert rows(reference, "SELECT COUNT(*) FROM reports")[0][0] == expected["reports"]
    assert rows(reference, "SELECT COUNT(*) FROM errors")[0][0] == expected["bad"]

    interrupted = tmp_path / "interrupted.sqlite"
    kept = kill_after_first_commit(folder, interrupted)
    assert 0 < kept < total, "the run was killed midway"
    assert rows(interrupted, "SELECT finished_at FROM runs") == [(None,)]
    resumed = govreport("score", str(folder), "--db", str(interrupted), "--jobs", "2")
    assert resumed.returncode == 1, resumed.stderr
    assert content(interrupted) == content(reference)

    # Every format of a seed reads as the same report: same agency, year and tables.
    by_stem: dict[str, set] = {}
    for path, agency, year, tables in rows(
        reference, "SELECT path, agency, year, json_extract(json, '$.tables.requests') FROM reports"
    ):
        by_stem.setdefault(Path(path).stem, set()).add((agency, year, tables))
    for seed in iter_seeds(corpora):
        assert len(by_stem[seed.stem]) == 1, seed.stem
    # The 2024 sample was checked against its 2023 edition.
    (codes,) = rows(
        reference,
        "SELECT group_concat(c.code) FROM checks c JOIN reports r ON r.id = c.report_id"
        " WHERE r.path LIKE '%sample_report_2024.txt'",
    )[0:1]
    assert "E10.copied_previous_year" in codes[0]

    page = tmp_path / "report.html"
    report = govreport("report", "--db", str(interrupted), "--out", str(page))
    assert report.returncode == 0, report.stderr
    dom = rendered_dom(tmp_path, page)
    assert len(ranking_rows(dom)) == expected["reports"]
    assert "淮安市人民政府" in dom and "encrypted.pdf" in dom
    assert_not_executed(dom)
    screenshot(tmp_path, page, tmp_path / "report.png")

    workbook_path = tmp_path / "results.xlsx"
    assert govreport("export", "--db", str(interrupted), "--out", str(workbook_path)).returncode == 0
    ranking = list(openpyxl.load_workbook(workbook_path)["排名"].values)
    assert len(ranking) == 1 + expected["reports"]
