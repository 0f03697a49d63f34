"""The ``govreport analyze`` command: contract JSON, jsonl over folders with bad files, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from nlp.pipeline import analyze
from tests.bad_inputs import deny_access, deny_listing, deny_reading
from tests.fixtures import BAD_INPUT_CODES, make_bad_inputs

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"
runner = CliRunner()


def test_analyze_one_file_prints_the_contract_object():
    result = runner.invoke(app, ["analyze", str(SAMPLE), "--with-text"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1"
    assert data["source"]["format"] == "txt" and data["source"]["encoding"] == "utf-8"
    assert data["meta"]["year"] == 2024 and data["meta"]["format_version"] == "2021"
    assert [part["key"] for part in data["parts"]] == [
        "overview", "active_disclosure", "requests", "review_litigation", "problems", "other_matters",
    ]
    assert data["tables"]["requests"]["new_received"]["total"] == 34
    text = data["text"]
    for part in data["parts"]:
        assert text[part["start"] : part["end"]].lstrip().startswith(part["title"])
    for figure in data["figures"]:
        assert text[figure["start"] : figure["end"]] == figure["text"]


def test_jsonl_over_a_folder_keeps_going_past_bad_files(corpora, tmp_path):
    folder = tmp_path / "batch"
    bad = make_bad_inputs(folder / "bad")
    shutil.copy(SAMPLE, folder / "a_sample.txt")
    shutil.copy(corpora / "real" / "huaian_city_2024.pdf", folder / "z_huaian.pdf")
    (folder / "notes.xyz").write_text("不是报告", encoding="utf-8")  # skipped: not a report extension

    result = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1  # some files could not be read
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected_order = sorted(str(p) for p in folder.rglob("*") if p.is_file() and p.suffix != ".xyz")
    assert [line["source"]["path"] for line in lines] == expected_order
    by_name = {Path(line["source"]["path"]).name: line for line in lines}
    assert by_name["a_sample.txt"]["tables"]["requests"]["new_received"]["total"] == 34
    assert by_name["z_huaian.pdf"]["tables"]["requests"]["new_received"]["total"] == 3119
    for kind, path in bad.items():
        if path.suffix == ".xyz":
            continue
        error = by_name[path.name]["error"]
        assert error["code"] in BAD_INPUT_CODES[kind]
        assert path.name in error["message"] and path.name in error["message_en"]
        assert by_name[path.name]["source"]["sha256"]
    assert "Traceback" not in result.output


def test_unsupported_file_named_explicitly_is_an_error_line(tmp_path):
    path = tmp_path / "report.xyz"
    path.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "unsupported_format"


def test_text_format_is_a_chinese_summary():
    result = runner.invoke(app, ["analyze", str(SAMPLE), "--format", "text"])
    assert result.exit_code == 0
    assert "鹭汀市青禾区生态环境局" in result.stdout and "本年新收34" in result.stdout


def test_text_format_lists_a_repeated_figure_once():
    """QA: the sample's "主动公开政府信息：326条" (in the overview and again in part 二) was listed twice."""
    figures = analyze(SAMPLE).figures
    assert sum(f.metric == "主动公开政府信息" and f.value == 326 for f in figures) == 2  # two mentions in the text
    page = runner.invoke(app, ["analyze", str(SAMPLE), "--format", "text"]).stdout
    listed = page.split("正文数据（", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert len(listed) == len(set(listed)) == 12
    assert listed.count("  主动公开政府信息：326条　[active_disclosure_items]") == 1


def test_text_format_shows_table_one_under_its_own_form_s_columns(corpora, tmp_path):
    """QA: a 2019-format table 一 was printed under the 2021 columns ("规范性文件 制发30 废止空 现行有效空")."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        page = next(row for row in map(json.loads, handle) if row["id"] == "492128561ccb")
    path = tmp_path / "report_2019_form.txt"
    path.write_text(page["text"], encoding="utf-8")
    output = runner.invoke(app, ["analyze", str(path), "--format", "text"]).stdout
    lines = [line.strip() for line in output.splitlines()]
    table_one = lines[lines.index("表一（第二十条）：") + 1 : next(i for i, line in enumerate(lines) if line.startswith("表二"))]
    assert "规范性文件：本年新制作数量 30，本年新公开数量 30，对外公开总数量 30" in table_one
    assert "行政许可：上一年项目数量 0，本年增/减 0，处理决定数量 0" in table_one
    assert "政府集中采购：采购项目数量 8，采购总金额 160.5964" in table_one
    assert not [line for line in table_one if "废止" in line or "现行有效" in line]

    sample = runner.invoke(app, ["analyze", str(SAMPLE), "--format", "text"]).stdout
    assert "行政规范性文件：本年制发件数 2，本年废止件数 1，现行有效件数 9" in sample
    assert "行政事业性收费：本年收费金额（万元） 0.42" in sample


def test_bad_deadline_is_a_usage_error():
    result = runner.invoke(app, ["analyze", str(SAMPLE), "--department-deadline", "13-45"])
    assert result.exit_code == 2


def test_console_script_runs_as_a_real_process():
    """The installed entry point starts and answers (start-up cost is measured in eval/bench.py)."""
    completed = subprocess.run(
        [sys.executable, "-m", "cli.main", "analyze", str(SAMPLE), "--format", "jsonl"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["meta"]["agency"] == "鹭汀市青禾区生态环境局"


def test_parallel_jobs_keep_input_order_and_content(corpora, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in sorted((corpora / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "zz_empty.txt").write_bytes(b"")
    sequential = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl"])
    parallel = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl", "--jobs", "2"])
    assert sequential.exit_code == parallel.exit_code == 1
    assert [json.loads(line) for line in parallel.stdout.splitlines()] == [
        json.loads(line) for line in sequential.stdout.splitlines()
    ]
    assert json.loads(parallel.stdout.splitlines()[-1])["error"]["code"] == "empty_file"


def test_text_summary_folds_repeated_table_notes_and_names_their_rows(corpora):
    """Seed 004 lost one column in 13 rows of table 二: one note line naming the rows, not 13 copies."""
    result = runner.invoke(app, ["analyze", str(corpora / "seeds" / "004_d9116de1bb1d21a9.txt"), "--format", "text"])
    assert result.exit_code == 0
    notes = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("注：")]
    assert notes == [
        "注：表二「（三）不予公开·1.属于国家秘密」「（三）不予公开·2.其他法律行政法规禁止公开」"
        "「（三）不予公开·3.危及“三安全一稳定”」等13行：各行只有6个数值（应为7个），按“总计=各申请人之和”推断，各列均可确定"
    ]


# --- unreadable files, skipped files, exit codes ------------------------------------------------------------


def seed_folder(corpora: Path, folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for seed in sorted((corpora / "seeds").glob("*.txt"))[:count]:
        paths.append(Path(shutil.copy(seed, folder / seed.name)))
    return paths


def test_an_unreadable_file_in_a_folder_is_one_error_line_and_the_rest_is_analysed(corpora, tmp_path, monkeypatch):
    first, denied, last = seed_folder(corpora, tmp_path / "batch")
    deny_reading(monkeypatch, denied)
    result = runner.invoke(app, ["analyze", str(tmp_path / "batch"), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"]["path"] for line in lines] == [str(first), str(denied), str(last)]
    assert "error" not in lines[0] and "error" not in lines[2]
    assert lines[1]["error"]["code"] == "permission_denied"
    assert f"无法读取文件 {denied}：没有读取权限" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreadable_file_named_on_the_command_line_does_not_stop_the_others(corpora, tmp_path, monkeypatch):
    """click's readability check would abort every command with an English usage error (exit 2)."""
    good, denied = seed_folder(corpora, tmp_path / "in", count=2)
    deny_access(monkeypatch, denied)
    deny_reading(monkeypatch, denied)
    reason = f"无法读取文件 {denied}：没有读取权限"

    analysed = runner.invoke(app, ["analyze", str(good), str(denied), "--format", "jsonl"])
    assert analysed.exit_code == 1 and reason in analysed.stderr
    assert [("error" in json.loads(line)) for line in analysed.stdout.splitlines()] == [False, True]

    summary = runner.invoke(app, ["summarize", str(denied)])
    assert summary.exit_code == 1 and reason in summary.stderr and "permission denied" in summary.stderr

    compared = runner.invoke(app, ["compare", str(denied), str(good)])
    assert compared.exit_code == 1 and reason in compared.stderr

    scored = runner.invoke(app, ["score", str(good), str(denied), "--db", str(tmp_path / "r.sqlite")])
    assert scored.exit_code == 1 and reason in scored.stderr and "新分析 1" in scored.stderr

    # An unusable --previous is a usage error (2) in every command, and says which input it was.
    for command in (["analyze", str(good)], ["summarize", str(good)]):
        result = runner.invoke(app, [*command, "--previous", str(denied)])
        assert result.exit_code == 2, command
        assert "上一年度报告（--previous）无法读取" in result.stderr and reason in result.stderr


def test_json_format_over_several_files_is_one_json_array(corpora, tmp_path):
    paths = seed_folder(corpora, tmp_path / "in", count=2)
    (tmp_path / "in" / "zz_empty.txt").write_bytes(b"")
    several = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--format", "json"])
    assert several.exit_code == 1
    data = json.loads(several.stdout)
    assert isinstance(data, list) and len(data) == 3
    assert [item["source"]["path"] for item in data[:2]] == [str(p) for p in paths]
    assert data[2]["error"]["code"] == "empty_file"
    one = runner.invoke(app, ["analyze", str(paths[0]), "--format", "json"])
    assert isinstance(json.loads(one.stdout), dict)
    assert "JSON 数组" in runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "200"}).stdout


def test_folder_scan_reports_unsupported_files_and_skips_hidden_files_and_own_outputs(corpora, tmp_path):
    from nlp.bulk import score_files
    from nlp.render import html
    from nlp.render.xlsx import export_csv, export_xlsx
    from nlp.store import Store

    folder = tmp_path / "submissions"
    (report,) = seed_folder(corpora, folder, count=1)
    for name in ("年报.ofd", "扫描件.jpg", "noext", "report.txt.bak"):
        (folder / name).write_bytes(b"not a report")
    (folder / ".hidden.txt").write_text("隐藏文件", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.txt").write_text("版本库", encoding="utf-8")
    (folder / "~$年报.docx").write_bytes(b"lock")
    # govreport's own outputs written into the input folder, under names that do not give them away.
    store_path = folder / "结果.sqlite"
    score_files([report], store_path)
    with Store(store_path) as store:
        (folder / "汇总.html").write_text(html.render(html.collect(store)), encoding="utf-8")
        export_xlsx(store, folder / "排名.xlsx")
        export_csv(store, folder / "排名.csv")
    (folder / "结果.sqlite-wal").write_bytes(b"")  # what a killed run leaves next to the store
    (folder / "dangling.txt").symlink_to(folder / "moved_away.txt")  # a broken link is reported, not dropped

    result = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1  # four submissions were not reviewed
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"]["path"] for line in lines] == [str(report), str(folder / "dangling.txt")]
    assert "error" not in lines[0] and lines[1]["error"]["code"] == "not_found"
    (skipped,) = [line for line in result.stderr.splitlines() if line.startswith("跳过")]
    assert skipped.startswith("跳过 4 个不支持格式的文件")
    for name in ("年报.ofd", "扫描件.jpg", "noext", "report.txt.bak"):
        assert str(folder / name) in skipped
    for name in (".hidden.txt", "notes.txt", "~$年报.docx", "结果.sqlite", "汇总.html", "排名.xlsx", "排名.csv", "-wal"):
        assert name not in result.stderr


def test_a_folder_with_nothing_to_analyse_is_a_usage_error_in_every_command(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "附件.zip").write_bytes(b"PK\x03\x04")
    for command in (["analyze", str(folder)], ["score", str(folder), "--db", str(tmp_path / "r.sqlite")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        assert "没有找到可分析的报告文件" in result.stderr and "附件.zip" in result.stderr


def test_error_lines_show_the_path_as_given(tmp_path):
    """Same-named files of two agencies: the error lines must say which is which."""
    for agency, content in (("甲局", b""), ("乙局", b"%PDF-1.7\n%broken")):
        (tmp_path / "agencies" / agency).mkdir(parents=True)
        (tmp_path / "agencies" / agency / "年报.pdf").write_bytes(content)
    result = runner.invoke(app, ["analyze", str(tmp_path / "agencies"), "--format", "text"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 2
    assert str(tmp_path / "agencies" / "乙局" / "年报.pdf") in errors[0]
    assert str(tmp_path / "agencies" / "甲局" / "年报.pdf") in errors[1]


def test_messages_are_not_wrapped_when_stderr_is_not_a_terminal(tmp_path):
    """A log gets one line per failure, whatever the length of the path."""
    long_dir = tmp_path / ("某某市 人民政府办公室 关于2024年度政府信息公开工作年度报告的最终定稿版本" * 2)
    long_dir.mkdir()
    empty = long_dir / "副本.pdf"
    empty.write_bytes(b"")
    summary = runner.invoke(app, ["summarize", str(empty)])
    assert summary.exit_code == 1
    assert any(str(empty) in line and "文件为空" in line for line in summary.stderr.splitlines())
    missing = long_dir / "缺失.toml"
    usage = runner.invoke(app, ["summarize", str(SAMPLE), "--rubric", str(missing)])
    assert usage.exit_code == 2
    assert any(str(missing) in line for line in usage.stderr.splitlines())


def test_an_unreadable_rubric_is_a_usage_error(tmp_path, monkeypatch):
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("max_score = 100\n", encoding="utf-8")
    deny_access(monkeypatch, rubric)
    deny_reading(monkeypatch, rubric)
    summary = runner.invoke(app, ["summarize", str(SAMPLE), "--rubric", str(rubric)])
    assert summary.exit_code == 2 and f"无法读取评分细则文件 {rubric}：没有读取权限" in summary.stderr
    scored = runner.invoke(app, ["score", str(SAMPLE), "--db", str(tmp_path / "r.sqlite"), "--rubric", str(rubric)])
    assert scored.exit_code == 2 and f"无法读取评分细则文件 {rubric}：没有读取权限" in scored.stderr


def test_a_subfolder_that_cannot_be_listed_is_reported(corpora, tmp_path, monkeypatch):
    import sqlite3

    (report,) = seed_folder(corpora, tmp_path / "in", count=1)
    locked = tmp_path / "in" / "乙局"
    locked.mkdir()
    (locked / "年报.txt").write_text("一、总体情况", encoding="utf-8")
    deny_listing(monkeypatch, locked)
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [str(report)]
    assert f"无法读取文件夹 {locked}：没有读取权限，其中的文件未被分析。" in result.stderr

    db = tmp_path / "r.sqlite"
    scored = runner.invoke(app, ["score", str(tmp_path / "in"), "--db", str(db)])
    assert scored.exit_code == 1 and f"无法读取文件夹 {locked}" in scored.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT path, code FROM errors").fetchall() == [(str(locked), "permission_denied")]


def test_summarize_a_folder_says_a_single_report_file_is_required(tmp_path):
    """QA: "summarize DIR" said "文件不存在或不是普通文件"; a folder given where one report is read says so."""
    shutil.copy(SAMPLE, tmp_path / "年报.txt")
    result = runner.invoke(app, ["summarize", str(tmp_path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"summarize 需要单个报告文件，而 {tmp_path} 是文件夹" in result.stderr
    assert f"summarize needs a single report file, but {tmp_path} is a folder" in result.stderr
    assert "文件不存在" not in result.stderr
    previous = runner.invoke(app, ["summarize", str(SAMPLE), "--previous", str(tmp_path)])
    assert previous.exit_code == 2
    assert "这是一个文件夹，不是报告文件，此处需要单个报告文件" in previous.stderr
    assert "a single report file is required" in previous.stderr


def test_score_counts_unsupported_files_as_failed_and_says_so_once(tmp_path):
    """QA: score called an .ofd file "跳过" and then counted it in "失败 2"; the English line named no file."""
    folder = tmp_path / "报告"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "年报.ofd").write_bytes(b"PK\x03\x04 ofd")
    (folder / "notes.txt").write_text("不是报告", encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--db", str(tmp_path / "r.sqlite")], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("跳过")]
    [unsupported] = [line for line in lines if "不支持格式" in line]
    assert unsupported.startswith(f"1 个不支持格式的文件未分析，记为失败（审查汇总报告中列出）：{folder / '年报.ofd'}")
    assert f"recorded as failed: {folder / '年报.ofd'}." in unsupported
    assert any("失败 2（其中不支持的格式 1）" in line for line in lines)
    analyzed = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl"], env={"COLUMNS": "400"})
    [skipped] = [line for line in analyzed.stderr.splitlines() if line.startswith("跳过")]
    assert skipped.endswith(f"/ Skipped 1 file(s) of unsupported format (not analysed): {folder / '年报.ofd'}.")
