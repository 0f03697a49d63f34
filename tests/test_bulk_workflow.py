"""An oversight office's bulk workflow, as QA used it: editing a file between runs, interrupting a run, mistyping
a path or a ``--db``, and submissions that are one agency's report twice.

Reports are the project's fictional sample (``corpora/samples``) and edits of it; no real report text.
"""

from __future__ import annotations

import html
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import psutil
import pytest
from typer.testing import CliRunner

from cli.main import app
from nlp.bulk import score_files
from nlp.config import PROJECT_ROOT
from nlp.store import Store, StoreError

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
AGENCY = "鹭汀市青禾区生态环境局"
runner = CliRunner()


def sample_text(agency: str = AGENCY, year: int = 2024) -> str:
    text = SAMPLE.read_text(encoding="utf-8").replace(AGENCY, agency)
    return text.replace("2024", str(year)).replace("2025", str(year + 1)) if year != 2024 else text


def two_reports(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True)
    first, second = folder / "甲局.txt", folder / "乙局.txt"
    first.write_text(sample_text(), encoding="utf-8")
    second.write_text(sample_text("鹭汀市青禾区水务局"), encoding="utf-8")
    return first, second


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


# --- a file edited in place ------------------------------------------------------------------------------


def test_a_file_edited_in_place_replaces_its_earlier_version(tmp_path):
    first, second = two_reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    score_files([first, second], db)
    old_sha = rows(db, f"SELECT sha256 FROM reports WHERE path = '{second}'")
    with second.open("a", encoding="utf-8") as file:
        file.write("\n本报告于发布后补充了联系方式。\n")

    again = score_files([first, second], db)
    assert (again.analysed, again.skipped, again.updated) == (1, 1, [str(second)])
    assert rows(db, "SELECT path, COUNT(*) FROM reports GROUP BY path ORDER BY path") == [(str(second), 1), (str(first), 1)]
    assert rows(db, f"SELECT sha256 FROM reports WHERE path = '{second}'") != old_sha
    # Nothing of the earlier version is left behind in the child tables either.
    assert rows(db, "SELECT COUNT(DISTINCT report_id) FROM checks") == [(2,)]

    resumed = score_files([first, second], db)
    assert (resumed.analysed, resumed.skipped, resumed.updated) == (0, 2, [])


def test_the_score_summary_says_which_files_were_updated(tmp_path):
    first, second = two_reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    assert runner.invoke(app, ["score", str(first.parent), "--db", str(db)]).exit_code == 0
    second.write_text(sample_text("鹭汀市青禾区水务局") + "\n附：本报告已更正。\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(first.parent), "--db", str(db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "新分析 1（其中已更新 1 份：文件内容有变化）" in result.stderr
    assert f"已更新：{second} 的内容有变化" in result.stderr and f"Updated: {second} has changed" in result.stderr
    assert rows(db, "SELECT COUNT(*) FROM reports") == [(2,)]


def test_the_same_relative_path_in_another_folder_is_another_report(tmp_path, monkeypatch):
    """Offices name files by agency and score each year from its own folder into one store (cross-year checks)."""
    db = tmp_path / "results.sqlite"
    for year in (2023, 2024):
        folder = tmp_path / str(year)
        folder.mkdir()
        (folder / "青禾区生态环境局.txt").write_text(sample_text(year=year), encoding="utf-8")
        monkeypatch.chdir(folder)
        outcome = score_files(["青禾区生态环境局.txt"], db)
        assert (outcome.analysed, outcome.updated) == (1, [])
    assert rows(db, "SELECT year FROM reports ORDER BY year") == [(2023,), (2024,)]


def test_content_still_held_by_another_file_moves_to_that_file(tmp_path):
    first, second = two_reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    score_files([first], db)
    copy = first.with_name("甲局（原稿）.txt")
    copy.write_bytes(first.read_bytes())
    first.write_text(sample_text() + "\n附：本报告已更正。\n", encoding="utf-8")
    outcome = score_files([first, copy], db)
    assert outcome.duplicates == [] and outcome.updated == []
    assert sorted(rows(db, "SELECT path FROM reports")) == sorted([(str(first),), (str(copy),)])


# --- interrupting a run ----------------------------------------------------------------------------------

STUCK_RUN = """
import os, sys, time
from pathlib import Path

import nlp.bulk
from cli.main import app

MARKS = Path(sys.argv[1])


def stuck_batch(paths, rubric_path, index_dir=None):
    # Stands in for nlp.bulk.analyse_batch in the workers (defined in __main__, so it is sent to them by value):
    # says that it runs, then never finishes, so the run is certainly interrupted while its workers are busy.
    (MARKS / f"worker-{os.getpid()}").write_text("")
    while True:
        time.sleep(1)


nlp.bulk.analyse_batch = stuck_batch
sys.argv = ["govreport", *sys.argv[2:]]
app()
"""


def wait_for(condition, what: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.1)


def gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_score_stops_its_workers_and_says_how_to_resume(tmp_path, signum, code):
    folder = tmp_path / "reports"
    two_reports(folder)
    (folder / "丙局.txt").write_text(sample_text("鹭汀市青禾区财政局"), encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    db = tmp_path / "results.sqlite"
    run = subprocess.Popen(
        [sys.executable, "-c", STUCK_RUN, str(marks), "score", str(folder), "--db", str(db), "--jobs", "2"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: any(marks.iterdir()) or run.poll() is not None, "a worker to start")
        assert run.poll() is None, run.stderr.read()
        helpers = psutil.Process(run.pid).children(recursive=True)  # the workers and joblib's resource trackers
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == code, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith(f"评分已中断：本次已将 0 个文件的结果保存到 {db}；重新运行同一条命令即可从中断处继续"), stderr
    assert "/ Scoring interrupted:" in last and "run the same command again to resume" in last
    assert "Traceback" not in stderr
    assert helpers and any(p.pid in {int(m.name.split("-")[1]) for m in marks.iterdir()} for p in helpers)
    for helper in helpers:
        wait_for(lambda: gone(helper), f"process {helper.pid} to end")
    assert rows(db, "SELECT finished_at FROM runs") == [(None,)]


def workers_of(run: subprocess.Popen) -> list[psutil.Process]:
    """The loky worker processes of a run (once they run their own program; a fork shows its parent's for a moment)."""
    try:
        return [p for p in psutil.Process(run.pid).children(recursive=True) if "popen_loky" in " ".join(p.cmdline())]
    except psutil.Error:
        return []


def test_ctrl_c_while_the_workers_start_prints_no_traceback(tmp_path):
    """QA: a Ctrl-C in the first seconds reached the workers while they imported their modules, and each printed a
    KeyboardInterrupt traceback. A terminal sends it to every process of the command, as ``killpg`` does here."""
    folder = tmp_path / "reports"
    two_reports(folder)
    db = tmp_path / "results.sqlite"
    run = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "score", str(folder), "--db", str(db), "--jobs", "2"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(lambda: workers_of(run) or run.poll() is not None, "the workers to be started")
        assert run.poll() is None, run.stderr.read()
        helpers = psutil.Process(run.pid).children(recursive=True)
        os.killpg(run.pid, signal.SIGINT)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr and "Warning" not in stderr, stderr
    assert stderr.strip().splitlines()[-1].startswith(f"评分已中断：本次已将 0 个文件的结果保存到 {db}；"), stderr
    for helper in helpers:
        wait_for(lambda: gone(helper), f"process {helper.pid} to end")


SLOW_SCAN = """
import sys, time
from pathlib import Path

import cli.inputs
from cli.main import app

MARK = Path(sys.argv[1])
scan_inputs = cli.inputs.scan_inputs


def slow_scan(paths):
    # Stands in for a long scan of a large folder share: the command has started, the store is not open yet.
    MARK.write_text("")
    time.sleep(120)
    return scan_inputs(paths)


cli.inputs.scan_inputs = slow_scan
sys.argv = ["govreport", *sys.argv[2:]]
app()
"""


def test_ctrl_c_before_the_store_is_opened_says_so_too(tmp_path):
    """QA: a Ctrl-C 0.7 s after start ended the command with code 130 and no word."""
    folder = tmp_path / "reports"
    two_reports(folder)
    mark, db = tmp_path / "scanning", tmp_path / "results.sqlite"
    run = subprocess.Popen(
        [sys.executable, "-c", SLOW_SCAN, str(mark), "score", str(folder), "--db", str(db), "--jobs", "2"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: mark.exists() or run.poll() is not None, "the scan to start")
        assert run.poll() is None, run.stderr.read()
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1].startswith(f"评分已中断：本次已将 0 个文件的结果保存到 {db}；"), stderr
    assert "Traceback" not in stderr


# --- every file of the folder accounted for ---------------------------------------------------------------


def report_page(db: Path, out: Path) -> str:
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def errors_section(page: str) -> str:
    return page[page.index('<section id="errors">') : page.index("</section>", page.index('<section id="errors">'))]


def sheets(db: Path, out: Path) -> dict[str, list[tuple]]:
    result = runner.invoke(app, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    return {name: list(workbook[name].values) for name in workbook.sheetnames}


def test_every_empty_file_fails_on_its_own_and_is_never_a_copy(tmp_path):
    """QA: an empty PDF was reported as a copy of an empty text file (all empty files share one sha256), and was
    missing from the failed files of the report and the export."""
    first, _ = two_reports(tmp_path / "reports")
    empty_txt, empty_pdf = first.with_name("空文件.txt"), first.with_name("零字节.pdf")
    empty_txt.write_bytes(b"")
    empty_pdf.write_bytes(b"")
    db = tmp_path / "results.sqlite"
    for _ in range(2):  # the second run retries them, and fails each again
        outcome = score_files(sorted(first.parent.iterdir()), db)
        assert outcome.duplicates == [] and outcome.failed == 2
        assert sorted(error["source"]["path"] for error in outcome.errors) == sorted([str(empty_txt), str(empty_pdf)])
    assert rows(db, "SELECT path, code FROM errors ORDER BY path") == sorted(
        [(str(empty_txt), "empty_file"), (str(empty_pdf), "empty_file")]
    )
    failed_section = errors_section(report_page(db, tmp_path / "r.html"))
    failed_sheet = [row[0] for row in sheets(db, tmp_path / "r.xlsx")["无法分析的文件"][1:]]
    for path in (empty_txt, empty_pdf):
        assert html.escape(str(path)) in failed_section and str(path) in failed_sheet


def test_every_file_is_recorded_with_what_the_run_did_and_copies_are_listed(tmp_path):
    """QA: byte-identical copies were named on the console only (20 at most), so a reviewer could not account for
    every file of the folder in the report or the export."""
    first, second = two_reports(tmp_path / "reports")
    copy, empty = first.with_name("甲局 副本.txt"), first.with_name("空.txt")
    copy.write_bytes(first.read_bytes())
    empty.write_bytes(b"")
    db = tmp_path / "results.sqlite"
    outcome = score_files(sorted(first.parent.iterdir()), db)
    assert outcome.duplicates == [(str(first), str(copy))]  # "甲局 副本.txt" sorts first: it is the one analysed

    def recorded() -> dict[str, tuple]:
        return {path: rest for path, *rest in rows(db, "SELECT path, status, same_as, error_code FROM files")}

    assert recorded() == {
        str(copy): ["analysed", None, None],
        str(first): ["duplicate", str(copy), None],
        str(second): ["analysed", None, None],
        str(empty): ["failed", None, "empty_file"],
    }
    score_files(sorted(first.parent.iterdir()), db)
    assert recorded() == {
        str(copy): ["unchanged", None, None],
        str(first): ["duplicate", str(copy), None],
        str(second): ["unchanged", None, None],
        str(empty): ["failed", None, "empty_file"],
    }

    section = errors_section(report_page(db, tmp_path / "r.html"))
    assert "内容重复的文件（1 个" in section
    assert f"<tr><td>{html.escape(str(first))}</td><td>{html.escape(str(copy))}</td></tr>" in section
    listed = sheets(db, tmp_path / "r.xlsx")["内容重复的文件"]
    assert listed[0][:3] == ("文件", "与之内容相同的文件（只分析一次）", "文件状态")
    assert [row[:3] for row in listed[1:]] == [(str(first), str(copy), None)]


def test_a_store_written_before_files_were_recorded_is_read_as_it_is_and_migrated_by_a_run(tmp_path):
    first, second = two_reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    score_files([first, second], db)
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE files")
        connection.execute("ALTER TABLE reports DROP COLUMN missing_at")
    assert "内容重复的文件" not in errors_section(report_page(db, tmp_path / "r.html"))
    workbook = sheets(db, tmp_path / "r.xlsx")
    assert len(workbook["内容重复的文件"]) == 1 and len(workbook["排名"]) == 3
    copy = first.with_name("甲局 副本.txt")
    copy.write_bytes(first.read_bytes())
    assert score_files([first, second, copy], db).duplicates == [(str(copy), str(first))]
    assert rows(db, "SELECT path, status FROM files WHERE status = 'duplicate'") == [(str(copy), "duplicate")]
    assert rows(db, "SELECT COUNT(*) FROM reports WHERE missing_at IS NULL") == [(2,)]


def test_a_report_whose_file_is_gone_keeps_its_row_and_is_marked_everywhere(tmp_path):
    """QA: a file deleted from the folder stayed in the ranking and the counts after the next run, as if current."""
    first, second = two_reports(tmp_path / "reports")
    folder, db = first.parent, tmp_path / "results.sqlite"
    assert runner.invoke(app, ["score", str(folder), "--db", str(db)]).exit_code == 0
    aside = tmp_path / "aside.txt"
    second.rename(aside)
    result = runner.invoke(app, ["score", str(folder), "--db", str(db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "原文件已不存在的报告 1 份（结果保留，已标注）" in result.stderr
    assert f"原文件已不存在：{second} 已不在数据库记录的位置" in " ".join(result.stderr.split())
    assert rows(db, "SELECT path, missing_at IS NOT NULL FROM reports ORDER BY path") == sorted([(str(first), 0), (str(second), 1)])

    page = report_page(db, tmp_path / "r.html")
    cards = {
        card.split('<p class="muted">文件：', 1)[1].split(" · ", 1)[0]: card.split("</article>", 1)[0]
        for card in page.split('<article class="card"')[1:]
    }
    assert "原文件已不存在" in cards[html.escape(str(second))] and "原文件已不存在" not in cards[html.escape(str(first))]
    data = page.split('<script type="application/json" id="ranking-data">', 1)[1].split("</script>", 1)[0]
    assert {row["path"]: row["missing"] for row in json.loads(data)["rows"]} == {str(first): False, str(second): True}
    ranking = sheets(db, tmp_path / "r.xlsx")["排名"]
    status, file = ranking[0].index("文件状态"), ranking[0].index("文件")
    assert {row[file]: row[status] for row in ranking[1:]} == {str(first): None, str(second): "原文件已不存在"}

    # Back under another name: the report follows its file and is current again.
    renamed = folder / "乙局（更名）.txt"
    aside.rename(renamed)
    again = score_files(sorted(folder.iterdir()), db)
    assert (again.analysed, again.missing, again.duplicates) == (0, [], [])
    assert rows(db, "SELECT path, missing_at FROM reports ORDER BY path") == sorted([(str(first), None), (str(renamed), None)])


# --- mistyped paths --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["score", "analyze"])
def test_a_path_that_does_not_exist_is_a_usage_error_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "没有这个文件夹"
    db = tmp_path / "e.sqlite"
    args = [command, str(SAMPLE), str(missing)] + (["--db", str(db)] if command == "score" else [])
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code == 2, result.output
    assert f"参数 PATH 的值无效：路径“{missing}”不存在。" in result.stderr
    assert f"Invalid value for 'PATH': path '{missing}' does not exist." in result.stderr
    assert not db.exists() and result.stdout == ""


@pytest.mark.parametrize(
    ("arguments", "name"),
    [(["summarize", "{missing}"], "FILE"), (["compare", "{missing}", "{sample}"], "OLD"), (["compare", "{sample}", "{missing}"], "NEW")],
)
def test_summarize_and_compare_refuse_a_path_that_does_not_exist_like_analyze(tmp_path, arguments, name):
    """They said "无法读取文件…文件不存在" with exit 1, as for a submission that failed; a mistyped path is a usage error."""
    missing = tmp_path / "没有这个文件.txt"
    args = [arg.format(missing=missing, sample=SAMPLE) for arg in arguments]
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code == 2, result.output
    assert f"参数 {name} 的值无效：路径“{missing}”不存在。" in result.stderr
    assert f"Invalid value for '{name}': path '{missing}' does not exist." in result.stderr
    assert result.stdout == ""


# --- a --db that is not a results store ------------------------------------------------------------------


def not_stores(folder: Path) -> dict[Path, str]:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "zero.sqlite").write_bytes(b"")
    (folder / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    with sqlite3.connect(folder / "blank.sqlite") as connection:
        connection.execute("PRAGMA user_version = 7")  # a valid SQLite file without any table
    with sqlite3.connect(folder / "other.sqlite") as connection:
        connection.execute("CREATE TABLE t (x)")
    return {
        folder / "empty.txt": "文件为空",
        folder / "zero.sqlite": "文件为空",
        folder / "notes.txt": "不是 SQLite 数据库文件",
        folder / "blank.sqlite": "SQLite 数据库中没有任何表",
        folder / "other.sqlite": "是其他程序的 SQLite 数据库",
    }


@pytest.mark.parametrize("command", ["report", "export"])
def test_report_and_export_refuse_a_file_that_is_not_a_store_and_leave_it_untouched(tmp_path, command):
    cases = not_stores(tmp_path / "inputs")
    before = {path: path.read_bytes() for path in cases}
    for db, reason in cases.items():
        out = tmp_path / ("r.html" if command == "report" else "r.csv")
        result = runner.invoke(app, [command, "--db", str(db), "--out", str(out)], env={"COLUMNS": "250"})
        assert result.exit_code == 2, (db, result.output)
        assert f"错误：{db} " in result.stderr and reason in result.stderr, result.stderr
        assert "不是 govreport 结果数据库" in result.stderr and "not a govreport results store" in result.stderr
        assert not out.exists()
    assert {path: path.read_bytes() for path in cases} == before
    assert sorted(path.name for path in (tmp_path / "inputs").iterdir()) == sorted(path.name for path in cases)


def test_reading_a_store_changes_nothing_in_its_folder(tmp_path):
    first, _ = two_reports(tmp_path / "reports")
    db = tmp_path / "store" / "results.sqlite"
    db.parent.mkdir()
    score_files([first], db)
    content = db.read_bytes()
    assert runner.invoke(app, ["report", "--db", str(db), "--out", str(tmp_path / "r.html")]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--out", str(tmp_path / "r.xlsx")]).exit_code == 0
    assert db.read_bytes() == content and [path.name for path in db.parent.iterdir()] == ["results.sqlite"]
    (tmp_path / "empty.sqlite").write_bytes(b"")
    with pytest.raises(StoreError, match="不是 govreport 结果数据库（文件为空）"):
        Store(tmp_path / "empty.sqlite", read_only=True)


# --- one agency's report twice ---------------------------------------------------------------------------


def test_reports_of_one_agency_and_year_are_kept_and_listed(tmp_path):
    first, second = two_reports(tmp_path / "reports")
    gbk = first.with_name("甲局（GBK）.txt")
    gbk.write_bytes(sample_text().encode("gb18030"))
    db = tmp_path / "results.sqlite"
    result = runner.invoke(app, ["score", str(first.parent), "--db", str(db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT COUNT(*) FROM reports") == [(3,)]  # both versions are scored
    with Store(db, read_only=True) as store:
        (group,) = store.same_agency_year()
    assert (group["agency"], group["year"]) == (AGENCY, 2024)
    assert [report["path"] for report in group["reports"]] == sorted([str(first), str(gbk)])
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("同一机关同一年度")]
    assert f"{AGENCY} 2024 年度有 2 份内容不同的报告" in line and str(gbk) in line and str(first) in line
    assert "/ Same agency and year:" in line
