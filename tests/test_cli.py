"""The ``govreport analyze`` command: contract JSON, jsonl over folders with bad files, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
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
        "「（三）不予公开·3.危及“三安全一稳定”」等13行：该行只有6个数值（应为7个），按“总计=各申请人之和”推断，各列均可确定"
    ]
