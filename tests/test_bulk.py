"""Bulk scoring into the SQLite store: parallel runs, skipping, resuming, cross-report checks, Dask, export."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from bad_inputs import deny_reading, deny_writing, garbage_bytes

from nlp.bulk import plan_run, score_files
from nlp.config import PROJECT_ROOT
from nlp.pipeline import analyze
from nlp.render.json import analysis_to_dict
from nlp.render.xlsx import export_csv, export_xlsx
from nlp.score import DEFAULT_RUBRIC, load_rubric
from nlp.render.json import analysis_from_dict
from nlp.store import NO_INDEX, Store, StoreError

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
OTHER_AGENCY = "鹭汀市青禾区住房和城乡建设局"


def make_folder(root: Path, corpora: Path) -> Path:
    """Five seeds, the fictional sample, its 2023 edition, a copy by another agency, and two bad files."""
    folder = root / "reports"
    folder.mkdir()
    for seed in sorted((corpora / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "sample_2024.txt").write_text(text, encoding="utf-8")
    (folder / "sample_2023.txt").write_text(text.replace("2024", "2023").replace("2025", "2024"), encoding="utf-8")
    (folder / "copy_by_other_agency.txt").write_text(
        text.replace("鹭汀市青禾区生态环境局", OTHER_AGENCY), encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(garbage_bytes())
    return folder


def files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def content(db: Path) -> dict[str, list[tuple]]:
    """The store's content without ids and timestamps, keyed by sha256: what two equivalent runs share."""
    return {
        "reports": rows(
            db,
            "SELECT sha256, path, agency, year, format, score, grade, rubric_sha256, previous_sha256, json FROM reports ORDER BY sha256",
        ),
        "checks": rows(
            db,
            'SELECT r.sha256, c.seq, c.code, c.severity, c.message, c.evidence, c.start, c."end" FROM checks c JOIN reports r ON r.id = c.report_id ORDER BY 1, 2',
        ),
        "deductions": rows(
            db,
            "SELECT r.sha256, d.seq, d.code, d.points FROM deductions d JOIN reports r ON r.id = d.report_id ORDER BY 1, 2",
        ),
        "scores": rows(
            db, "SELECT r.sha256, s.total, s.grade FROM scores s JOIN reports r ON r.id = s.report_id ORDER BY 1"
        ),
        "figures": rows(
            db,
            "SELECT r.sha256, f.seq, f.category, f.value FROM figures f JOIN reports r ON r.id = f.report_id ORDER BY 1, 2",
        ),
        "errors": rows(db, "SELECT path, sha256, code FROM errors ORDER BY path"),
        "clusters": sorted(
            (part, tuple(sorted(members.split(","))))
            for part, members in rows(
                db,
                "SELECT c.part, group_concat(r.sha256) FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id"
                " JOIN reports r ON r.id = m.report_id GROUP BY c.id",
            )
        ),
    }


@pytest.fixture
def folder(tmp_path, corpora) -> Path:
    return make_folder(tmp_path, corpora)


def test_a_parallel_run_stores_every_report_and_records_bad_files(folder, tmp_path):
    db = tmp_path / "results.sqlite"
    advanced = []
    outcome = score_files(files(folder), db, jobs=2, batch_size=2, on_advance=advanced.append)
    assert (outcome.files, outcome.analysed, outcome.failed, outcome.skipped) == (10, 8, 2, 0)
    assert sum(advanced) == 10
    assert {row[0] for row in rows(db, "SELECT code FROM errors")} == {"empty_file", "binary_garbage"}
    assert rows(db, "SELECT COUNT(*) FROM reports")[0][0] == 8
    # Every report row carries its score, and its JSON carries the normalized text the spans index into.
    with Store(db) as store:
        for row, data in store.iter_report_data():
            assert row["score"] == data["score"]["total"] and row["grade"] == data["score"]["grade"]
            for check in data["checks"]:
                if check["start"] is not None:
                    assert 0 <= check["start"] <= check["end"] <= len(data["text"])
    assert rows(db, "SELECT COUNT(*) FROM parts")[0][0] == 8 * 6
    assert rows(db, "SELECT COUNT(*) FROM dimension_scores")[0][0] == 8 * 5
    ((finished, analysed, failed),) = rows(db, "SELECT finished_at IS NOT NULL, analysed, failed FROM runs")
    assert (finished, analysed, failed) == (1, 8, 2)


def test_rerunning_skips_scored_files_and_a_new_rubric_rescores_without_reanalysing(folder, tmp_path):
    db = tmp_path / "results.sqlite"
    score_files(files(folder), db, jobs=1)
    before = content(db)
    again = score_files(files(folder), db, jobs=1)
    assert (again.analysed, again.skipped, again.rescored, again.failed, again.rechecked) == (0, 8, 0, 2, 0)
    assert content(db) == before

    strict = tmp_path / "strict.toml"
    strict.write_text(DEFAULT_RUBRIC.read_text(encoding="utf-8").replace('"优" = 90', '"优" = 99.5'), encoding="utf-8")
    rescored = score_files(files(folder), db, jobs=1, rubric_path=strict)
    assert (rescored.analysed, rescored.rescored) == (0, 8)
    assert {row[0] for row in rows(db, "SELECT DISTINCT rubric_sha256 FROM reports")} == {load_rubric(strict).sha256}
    grades = dict(rows(db, "SELECT score, grade FROM reports"))
    assert all(grade != "优" for score, grade in grades.items() if score < 99.5)


def test_the_same_content_under_another_name_is_analysed_once(folder, tmp_path):
    shutil.copy(folder / "sample_2024.txt", folder / "sample_2024_copy.txt")
    stored = {}
    plan = plan_run([str(p) for p in files(folder)], stored, load_rubric(), index_sha256=NO_INDEX)
    assert plan.skipped == 1 and len(plan.todo) == 10
    assert plan.duplicates == [(str(folder / "sample_2024_copy.txt"), str(folder / "sample_2024.txt"))]


def test_score_names_files_with_identical_content(tmp_path):
    from typer.testing import CliRunner

    from cli.main import app

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("甲局年报.txt", "乙局年报.txt"):
        shutil.copy(SAMPLE, folder / name)
    db = tmp_path / "r.sqlite"
    result = CliRunner().invoke(app, ["score", str(folder), "--db", str(db)])
    assert result.exit_code == 0
    assert f"{folder / '甲局年报.txt'} 与 {folder / '乙局年报.txt'} 内容完全相同" in " ".join(result.output.split())
    # A resumed run of the same folder names nothing: the stored file is the same path.
    again = CliRunner().invoke(app, ["score", str(folder / "乙局年报.txt"), "--db", str(db)])
    assert "内容完全相同" not in again.output


def test_an_interrupted_run_keeps_finished_batches_and_resumes_to_the_same_content(folder, tmp_path):
    reference = tmp_path / "reference.sqlite"
    score_files(files(folder), reference, jobs=1, batch_size=2)

    interrupted = tmp_path / "interrupted.sqlite"

    def stop_after_first_batch(count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_files(files(folder), interrupted, jobs=1, batch_size=2, on_advance=stop_after_first_batch)
    kept = rows(interrupted, "SELECT COUNT(*) FROM reports")[0][0]
    assert kept + rows(interrupted, "SELECT COUNT(*) FROM errors")[0][0] == 2  # the first batch, whole
    assert rows(interrupted, "SELECT finished_at FROM runs") == [(None,)]

    resumed = score_files(files(folder), interrupted, jobs=2, batch_size=3)
    assert resumed.skipped == kept and resumed.analysed == 8 - kept
    assert content(interrupted) == content(reference)


def test_cross_report_checks_use_the_previous_year_and_cluster_copies(folder, tmp_path):
    db = tmp_path / "results.sqlite"
    outcome = score_files(files(folder), db, jobs=2)
    assert outcome.clusters >= 1
    report = {row[0]: row for row in rows(db, "SELECT path, id, previous_sha256, score FROM reports")}
    current, previous = report[str(folder / "sample_2024.txt")], report[str(folder / "sample_2023.txt")]
    sha_2023 = rows(db, f"SELECT sha256 FROM reports WHERE id = {previous[1]}")[0][0]
    assert current[2] == sha_2023 and previous[2] is None
    codes = {row[0] for row in rows(db, f"SELECT code FROM checks WHERE report_id = {current[1]}")}
    assert "E10.copied_previous_year" in codes  # the 2024 narrative is last year's
    members = rows(
        db,
        "SELECT r.agency FROM cluster_members m JOIN reports r ON r.id = m.report_id JOIN clusters c ON c.id = m.cluster_id"
        " WHERE c.part = 'problems' ORDER BY r.agency",
    )
    assert [m[0] for m in members] == sorted([OTHER_AGENCY, "鹭汀市青禾区生态环境局"])
    copied = rows(
        db, "SELECT DISTINCT r.agency FROM checks c JOIN reports r ON r.id = c.report_id WHERE c.family = 'E11'"
    )
    assert {row[0] for row in copied} == {OTHER_AGENCY, "鹭汀市青禾区生态环境局"}
    # The stored score includes those deductions.
    deducted = rows(db, f"SELECT SUM(points) FROM deductions WHERE report_id = {current[1]}")[0][0]
    assert current[3] == pytest.approx(100 - deducted)


def test_a_dask_cluster_gives_the_same_results_as_local_workers(folder, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is a declared dependency")
    local = tmp_path / "local.sqlite"
    score_files(files(folder), local, jobs=2)
    remote = tmp_path / "dask.sqlite"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcome = score_files(files(folder), remote, scheduler=cluster.scheduler_address)
    assert (outcome.analysed, outcome.failed) == (8, 2)
    assert content(remote) == content(local)


def test_the_stored_json_rebuilds_the_analysis(tmp_path):
    analysis = analyze(SAMPLE)
    data = analysis_to_dict(analysis, include_text=True)
    with Store(tmp_path / "one.sqlite") as store:
        with store.transaction():
            report_id = store.write_report(data, load_rubric())
        assert analysis_to_dict(analysis_from_dict(store.report_data(report_id)), include_text=True) == data


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="不是 govreport 结果数据库"):
        Store(other)


def test_exports_hold_the_ranking_and_keep_formulas_inert(folder, tmp_path):
    db = tmp_path / "results.sqlite"
    score_files(files(folder), db, jobs=1)
    # A report whose agency name reads as a spreadsheet formula (metadata comes from untrusted text).
    data = analysis_to_dict(analyze(SAMPLE), include_text=True)
    data["source"]["sha256"] = "f" * 64
    data["meta"]["agency"] = '=HYPERLINK("http://example.invalid","点此")'
    with Store(db) as store:
        with store.transaction():
            store.write_report(data, load_rubric())
        workbook = openpyxl.load_workbook(export_xlsx(store, tmp_path / "results.xlsx"))
        table = list(csv.reader(export_csv(store, tmp_path / "results.csv").open(encoding="utf-8-sig")))
    assert workbook.sheetnames == ["排名", "扣分明细", "核查结果", "雷同聚类", "同一机关同一年度", "无法分析的文件", "内容重复的文件"]
    ranking = list(workbook["排名"].values)
    assert ranking[0][:5] == ("名次", "机关", "年度", "得分", "等级") and "完整性" in ranking[0]
    assert len(ranking) == 1 + 9 and ranking[1][0] == 1
    scores = [row[3] for row in ranking[1:]]
    assert scores == sorted(scores, reverse=True)
    agencies = [cell for cell in workbook["排名"]["B"] if cell.value and "HYPERLINK" in str(cell.value)]
    assert agencies and all(cell.data_type == "s" for cell in agencies)
    assert len(list(workbook["无法分析的文件"].values)) == 1 + 2
    assert table[0] == list(ranking[0]) and len(table) == len(ranking)
    assert any(row[1].startswith("'=HYPERLINK") for row in table[1:])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_exit_codes(folder, tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(folder / "sample_2024.txt", good)
    db = tmp_path / "cli.sqlite"
    ok = run_cli("score", str(good), "--db", str(db), "--jobs", "2")
    assert ok.returncode == 0, ok.stderr
    assert "新分析 1" in ok.stderr
    failed = run_cli("score", str(folder), "--db", str(db))
    assert failed.returncode == 1 and "empty.txt" in failed.stderr
    assert run_cli("score", str(good), "--db", str(db), "--scheduler", "localhost").returncode == 2
    (tmp_path / "empty-folder").mkdir()
    assert run_cli("score", str(tmp_path / "empty-folder"), "--db", str(db)).returncode == 2
    missing = run_cli("score", str(tmp_path / "no-such-file.txt"), "--db", str(tmp_path / "new.sqlite"))
    assert missing.returncode == 2 and "参数 PATH 的值无效" in missing.stderr and not (tmp_path / "new.sqlite").exists()
    assert run_cli("export", "--db", str(db), "--out", str(tmp_path / "x.pdf")).returncode == 2
    assert run_cli("export", "--db", str(tmp_path / "missing.sqlite"), "--out", str(tmp_path / "x.csv")).returncode == 2
    exported = run_cli("export", "--db", str(db), "--out", str(tmp_path / "x.xlsx"))
    assert exported.returncode == 0 and (tmp_path / "x.xlsx").is_file()


def test_an_unreadable_file_is_an_error_row_and_the_others_are_stored(folder, tmp_path, monkeypatch):
    denied = folder / "sample_2024.txt"
    deny_reading(monkeypatch, denied)
    db = tmp_path / "results.sqlite"
    outcome = score_files(files(folder), db, jobs=1)
    assert (outcome.analysed, outcome.failed) == (7, 3)
    assert rows(db, f"SELECT code, message FROM errors WHERE path = '{denied}'") == [
        ("permission_denied", f"无法读取文件 {denied}：没有读取权限，请检查文件权限或换用有权限的账户运行。")
    ]
    assert rows(db, "SELECT COUNT(*) FROM reports")[0][0] == 7


def test_score_command_exit_code_with_an_unreadable_file(folder, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cli.main import app

    deny_reading(monkeypatch, folder / "sample_2023.txt")
    good = [str(folder / "sample_2024.txt"), str(folder / "sample_2023.txt")]
    result = CliRunner().invoke(app, ["score", *good, "--db", str(tmp_path / "r.sqlite")])
    assert result.exit_code == 1, result.output
    assert "新分析 1" in result.stderr and "没有读取权限" in result.stderr
    assert rows(tmp_path / "r.sqlite", "SELECT path FROM reports") == [(good[0],)]


def interrupted_store(folder: Path, db: Path) -> None:
    """A store whose run stopped after its first batch of two files, like a Ctrl-C."""

    def stop(count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_files(files(folder), db, jobs=1, batch_size=2, on_advance=stop)


def test_an_interrupted_run_is_flagged_in_the_report_and_on_the_console(folder, tmp_path):
    from nlp.render import html

    db = tmp_path / "interrupted.sqlite"
    interrupted_store(folder, db)
    with Store(db) as store:
        run = store.last_run()
        assert run["finished_at"] is None and run["files"] == 10
        assert run["analysed"] + run["failed"] + run["skipped"] + run["rescored"] == 2
        notice = html.collect(store).unfinished
    assert notice.startswith("最近一次评分未完成：共 10 个文件，已处理 2 个；请重新运行同一条 govreport score 命令")
    assert f"--db {db}" in notice

    page = tmp_path / "report.html"
    report = run_cli("report", "--db", str(db), "--out", str(page))
    assert report.returncode == 0 and f"警告：{notice}" in report.stderr
    assert 'role="alert"' in page.read_text(encoding="utf-8") and notice in page.read_text(encoding="utf-8")
    exported = run_cli("export", "--db", str(db), "--out", str(tmp_path / "r.csv"))
    assert exported.returncode == 0 and f"警告：{notice}" in exported.stderr

    # Resuming finishes the run: no warning any more.
    score_files(files(folder), db, jobs=1)
    with Store(db) as store:
        assert html.collect(store).unfinished is None
    report = run_cli("report", "--db", str(db), "--out", str(page))
    assert "警告" not in report.stderr and 'role="alert"' not in page.read_text(encoding="utf-8")


def test_a_run_stopped_in_the_cross_report_pass_says_so(folder, tmp_path, monkeypatch):
    from nlp import bulk
    from nlp.render.html import unfinished_run_notice

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "cross_report_checks", stop)
    db = tmp_path / "results.sqlite"
    with pytest.raises(KeyboardInterrupt):
        score_files(files(folder), db, jobs=1)
    with Store(db) as store:
        notice = unfinished_run_notice(store.last_run(), str(db))
    assert "共 10 个文件，已处理 10 个，但跨报告复核" in notice


def test_unsupported_files_in_a_folder_are_recorded_and_listed_in_the_report(folder, tmp_path):
    (folder / "年报.ofd").write_bytes(b"PK\x03\x04 ofd")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    db = folder / "results.sqlite"  # written into the input folder, as offices do
    first = run_cli("score", str(folder), "--db", str(db))
    assert first.returncode == 1
    assert f"1 个不支持格式的文件未分析，记为失败（审查汇总报告中列出）：{folder / '年报.ofd'}" in first.stderr
    assert "失败 3（其中不支持的格式 1）" in first.stderr and "共 11 个文件" in first.stderr
    page = folder / "审查汇总.html"
    assert run_cli("report", "--db", str(db), "--out", str(page)).returncode == 0
    assert run_cli("export", "--db", str(db), "--out", str(folder / "结果.xlsx")).returncode == 0

    again = run_cli("score", str(folder), "--db", str(db))  # the store, report and workbook are now in the folder
    assert "共 11 个文件" in again.stderr and "新分析 0" in again.stderr
    assert rows(db, "SELECT path, code FROM errors WHERE code = 'unsupported_format'") == [
        (str(folder / "年报.ofd"), "unsupported_format")
    ]
    assert rows(db, "SELECT COUNT(*) FROM errors")[0][0] == 3
    assert rows(db, "SELECT COUNT(*) FROM reports WHERE path LIKE '%.html'")[0][0] == 0
    errors_section = page.read_text(encoding="utf-8").split('<section id="errors">')[1].split("</section>")[0]
    assert "年报.ofd" in errors_section and "unsupported_format" in errors_section


@pytest.mark.parametrize("command", ["report", "export"])
def test_an_output_path_that_cannot_be_written_is_a_usage_error(folder, tmp_path, monkeypatch, command):
    from typer.testing import CliRunner

    from cli.main import app

    db = tmp_path / "results.sqlite"
    score_files([folder / "sample_2024.txt"], db)
    suffix = ".html" if command == "report" else ".xlsx"
    (tmp_path / f"a_folder{suffix}").mkdir()
    locked = tmp_path / f"locked{suffix}"
    locked.write_text("", encoding="utf-8")
    deny_writing(monkeypatch, locked)
    cases = {
        tmp_path / f"a_folder{suffix}": "这是一个文件夹",
        tmp_path / "no_such_dir" / f"x{suffix}": f"目录 {tmp_path / 'no_such_dir'} 不存在",
        locked: "没有写入权限",
    }
    for out, reason in cases.items():
        result = CliRunner().invoke(app, [command, "--db", str(db), "--out", str(out)])
        assert result.exit_code == 2, (out, result.output)
        assert f"无法写入 {out}：{reason}" in result.stderr and "Cannot write" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert locked.read_text(encoding="utf-8") == ""


def test_an_unreadable_rubric_is_a_rubric_error(folder, tmp_path, monkeypatch):
    from nlp.score import RubricError

    rubric = tmp_path / "rubric.toml"
    rubric.write_text(DEFAULT_RUBRIC.read_text(encoding="utf-8"), encoding="utf-8")
    deny_reading(monkeypatch, rubric)
    with pytest.raises(RubricError, match="没有读取权限"):
        score_files(files(folder), tmp_path / "r.sqlite", rubric_path=rubric)
    assert not (tmp_path / "r.sqlite").exists()
