"""What the commands say when they refuse to work: the paths they name, both languages, the exit codes of
README's table, and how ``--help`` shows what an option takes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.main import app
from nlp.config import PROJECT_ROOT
from tests.bad_inputs import deny_listing

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"
WIDE = {"COLUMNS": "250"}  # one error message per line, so the assertions can quote it whole
runner = CliRunner()


def run(args: list[str], code: int, env: dict[str, str] | None = None) -> str:
    """stderr of a command line that must end with exit code ``code``, without a traceback."""
    result = runner.invoke(app, args, env=env or WIDE)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stderr


# --- Broken symbolic links ---------------------------------------------------------------------------------


@pytest.fixture
def broken_links(tmp_path) -> Path:
    """A folder with a sample report, a looping pair of links without extension and a dangling .pdf link."""
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "样例.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "循环A").symlink_to("循环B")
    (folder / "循环B").symlink_to("循环A")
    (folder / "快捷方式.pdf").symlink_to(tmp_path / "U盘" / "旧报告.pdf")
    return folder


def test_broken_links_in_a_folder_are_failed_files_named_as_links_not_unsupported_formats(broken_links, tmp_path):
    """QA: a looping link without extension was "不支持该文件格式（扩展名 无）"."""
    commands = {
        "analyze": ["analyze", str(broken_links), "--format", "jsonl"],
        "score": ["score", str(broken_links), "--db", str(tmp_path / "r.sqlite")],
        "index build": ["index", "build", str(broken_links), "--out", str(tmp_path / "index")],
    }
    for name, args in commands.items():
        stderr = run(args, 1)
        assert "不支持" not in stderr and "unsupported" not in stderr, name
        for link in ("循环A", "循环B"):
            assert f"无法读取文件 {broken_links / link}：这是一个无法解析的符号链接（链接循环，互相指向或指向自身）。" in stderr, name
        assert f"{broken_links / '快捷方式.pdf'}：这是一个无法解析的符号链接（指向的文件不存在：{tmp_path / 'U盘' / '旧报告.pdf'}）" in stderr, name


@pytest.mark.parametrize("command", ["analyze", "summarize", "compare", "index build", "score"])
def test_a_broken_link_named_on_the_command_line_is_called_a_link_not_missing(broken_links, tmp_path, command):
    """QA: "summarize 循环A" said the path "不存在", yet ls lists it."""
    link = broken_links / "循环A"
    args = {
        "analyze": ["analyze", str(link)],
        "summarize": ["summarize", str(link)],
        "compare": ["compare", str(SAMPLE), str(link)],
        "index build": ["index", "build", str(link), "--out", str(tmp_path / "index")],
        "score": ["score", str(link), "--db", str(tmp_path / "r.sqlite")],
    }[command]
    stderr = run(args, 2)
    assert f"路径“{link}”是无法解析的符号链接（链接循环，互相指向或指向自身）。" in stderr
    assert f"path '{link}' is a symbolic link that cannot be resolved (the links point to each other or to themselves)." in stderr
    assert not (tmp_path / "r.sqlite").exists() and not (tmp_path / "index").exists()


# --- Folders with nothing to analyse ---------------------------------------------------------------------


def test_folders_with_nothing_to_analyse_are_named_in_both_languages_by_every_command(tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    unsupported = tmp_path / "只有附件"
    unsupported.mkdir()
    (unsupported / "附件.zip").write_bytes(b"PK\x03\x04")
    commands = {
        "analyze": ["analyze", str(unsupported), str(empty)],
        "score": ["score", str(unsupported), str(empty), "--db", str(tmp_path / "r.sqlite")],
        "index build": ["index", "build", str(unsupported), str(empty), "--out", str(tmp_path / "index")],
    }
    for name, args in commands.items():
        stderr = run(args, 2)
        assert (
            f"错误：文件夹 {unsupported}、{empty} 中没有找到可分析的报告文件（支持 PDF、DOCX、DOC、WPS、HTML、TXT、Markdown）。"
            f"/ No report files found in the folders {unsupported}, {empty}." in stderr
        ), name
    stderr = run(["analyze", str(empty)], 2)
    assert f"文件夹 {empty} 中没有找到可分析的报告文件" in stderr and f"No report files found in the folder {empty}." in stderr
    assert not (tmp_path / "r.sqlite").exists() and not (tmp_path / "index").exists()


def test_a_folder_that_cannot_be_listed_is_explained_before_nothing_to_analyse(tmp_path, monkeypatch):
    locked = tmp_path / "锁定"
    locked.mkdir()
    deny_listing(monkeypatch, locked)
    for args in (["analyze", str(locked)], ["score", str(locked), "--db", str(tmp_path / "r.sqlite")]):
        stderr = run(args, 2)
        assert f"无法读取文件夹 {locked}：没有读取权限，其中的文件未被分析。" in stderr, args
        assert f"文件夹 {locked} 中没有找到可分析的报告文件" in stderr, args


def test_index_build_of_files_that_cannot_be_read_is_exit_1_naming_them(tmp_path):
    folder = tmp_path / "坏文件"
    folder.mkdir()
    (folder / "年报.pdf").write_bytes(b"%PDF-1.7\n%broken")
    stderr = run(["index", "build", str(folder), "--out", str(tmp_path / "index")], 1)
    assert f"错误：没有读到任何可索引的句子：{folder} 中的报告都无法读取或不含正文句子。" in stderr
    assert f"/ No sentences to index: the reports in {folder} could not be read or have no narrative sentences." in stderr


def test_index_build_of_a_missing_path_is_a_bilingual_usage_error(tmp_path):
    missing = tmp_path / "没有这个文件夹"
    stderr = run(["index", "build", str(missing), "--out", str(tmp_path / "index")], 2)
    assert f"参数 PATH 的值无效：路径“{missing}”不存在。" in stderr
    assert f"Invalid value for 'PATH': path '{missing}' does not exist." in stderr


# --- train --corpus ---------------------------------------------------------------------------------------


def test_a_missing_or_wrong_corpus_folder_is_a_bilingual_usage_error(tmp_path):
    missing = tmp_path / "语料"
    stderr = run(["train", "--corpus", str(missing)], 2)
    assert f"选项 --corpus 的值无效：文件夹“{missing}”不存在。" in stderr
    assert "Invalid value for '--corpus': " in stderr and f"'{missing}' does not exist." in stderr
    stderr = run(["train", "--corpus", str(SAMPLE)], 2)
    assert f"选项 --corpus 的值无效：“{SAMPLE}”是文件，这里需要文件夹。" in stderr
    assert f"'{SAMPLE}' is a file." in stderr


def test_train_without_usable_annotations_is_a_bilingual_usage_error(tmp_path):
    annotations = tmp_path / "标注"
    annotations.mkdir()
    stderr = run(["train", "--corpus", str(tmp_path), "--annotations", str(annotations), "--out", str(tmp_path / "m")], 2)
    assert f"错误：{annotations} 中没有可用的句子标注：没有找到任何标注记录。" in stderr
    assert f"/ No usable sentence annotations in {annotations}: no annotation records found." in stderr
    assert not (tmp_path / "m").exists()


# --- Output and results-store paths ---------------------------------------------------------------------


def test_a_results_store_path_is_checked_like_an_output_path(tmp_path):
    """score --db, report --out and export --out: the same check, the same message."""
    db = tmp_path / "no_such_dir" / "x.sqlite"
    folder = tmp_path / "no_such_dir"
    expected = f"错误：无法写入 {db}：目录 {folder} 不存在。/ Cannot write {db}: the directory {folder} does not exist."
    assert expected in run(["score", str(SAMPLE), "--db", str(db)], 2)
    assert "不是有效的 SQLite" not in run(["score", str(SAMPLE), "--db", str(db)], 2)
    out = folder / "x.html"
    assert f"错误：无法写入 {out}：目录 {folder} 不存在。/ Cannot write {out}: the directory {folder} does not exist." in run(
        ["report", "--db", str(tmp_path / "r.sqlite"), "--out", str(out)], 2
    )
    stderr = run(["score", str(SAMPLE), "--db", str(tmp_path)], 2)
    assert f"无法写入 {tmp_path}：这是一个文件夹，请指定文件名。/ Cannot write {tmp_path}: it is a directory." in stderr
    under_a_file = tmp_path / "README" / "x.sqlite"
    (tmp_path / "README").write_text("", encoding="utf-8")
    stderr = run(["score", str(SAMPLE), "--db", str(under_a_file)], 2)
    assert f"无法写入 {under_a_file}：{tmp_path / 'README'} 不是文件夹。" in stderr and "is not a directory." in stderr


def test_a_results_store_in_a_folder_that_cannot_be_written_is_a_usage_error(tmp_path, monkeypatch):
    """SQLite creates journal files next to the store: its folder must be writable, even for an existing store."""
    folder = tmp_path / "只读"
    folder.mkdir()
    db = folder / "r.sqlite"
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if Path(path) == folder else real(path, mode, *a, **k))
    stderr = run(["score", str(SAMPLE), "--db", str(db)], 2)
    assert f"错误：无法写入 {db}：没有在目录 {folder} 中新建文件的权限。/ Cannot write {db}: no permission to create files in {folder}." in stderr
    assert not db.exists()


# --- Messages that had one language only ----------------------------------------------------------------


def test_an_unsupported_export_format_is_bilingual(tmp_path):
    out = tmp_path / "结果.pdf"
    stderr = run(["export", "--db", str(tmp_path / "r.sqlite"), "--out", str(out)], 2)
    assert "错误：不支持的导出格式“.pdf”，请使用 .xlsx 或 .csv。/ Unsupported export format '.pdf': use .xlsx or .csv." in stderr


def test_export_to_an_existing_folder_says_it_is_a_folder_not_an_unsupported_format(tmp_path):
    """QA: "export --out out" said 不支持的导出格式“（无扩展名）”, where report --out out names the folder."""
    folder = tmp_path / "out"
    folder.mkdir()
    stderr = run(["export", "--db", str(tmp_path / "r.sqlite"), "--out", str(folder)], 2)
    assert f"错误：无法写入 {folder}：这是一个文件夹，请指定文件名。/ Cannot write {folder}: it is a directory." in stderr
    assert "不支持的导出格式" not in stderr


def test_a_rubric_that_is_not_toml_gives_the_position_in_chinese_and_the_parser_detail_in_english(tmp_path):
    rubric = tmp_path / "细则.toml"
    rubric.write_text("max_score = 100\n\n[[bad\n", encoding="utf-8")
    stderr = run(["summarize", str(SAMPLE), "--rubric", str(rubric)], 2)
    assert (
        f"错误：评分细则文件 {rubric} 不是有效的 TOML 格式（位置：第 3 行第 6 列）。"
        f"/ Rubric {rubric} is not valid TOML: Expected ']]' at the end of an array declaration (at line 3, column 6)."
    ) in stderr
    rubric.write_text("max_score = [1,\n", encoding="utf-8")
    assert "（位置：文件末尾）。/ Rubric" in run(["summarize", str(SAMPLE), "--rubric", str(rubric)], 2)
    rubric.write_bytes(b"\xff\xfe")
    stderr = run(["score", str(SAMPLE), "--db", str(tmp_path / "r.sqlite"), "--rubric", str(rubric)], 2)
    assert f"评分细则文件 {rubric} 不是 UTF-8 编码的文本文件。/ Rubric {rubric} is not a UTF-8 text file." in stderr


def test_an_invalid_rubric_is_explained_in_both_languages(tmp_path):
    from nlp.score import DEFAULT_RUBRIC

    rubric = tmp_path / "细则.toml"
    rubric.write_text(DEFAULT_RUBRIC.read_text(encoding="utf-8").replace("max_score = 100", "max_score = 100\nmax_scor = 1"), encoding="utf-8")
    stderr = run(["summarize", str(SAMPLE), "--rubric", str(rubric)], 2)
    assert "评分细则 细则.toml：未知的配置项 max_scor（可用：" in stderr
    assert "/ Rubric 细则.toml: unknown key(s) max_scor (known: " in stderr


def test_an_unreachable_dask_scheduler_is_explained_in_chinese_with_the_english_detail(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is a declared dependency")

    def refuse(address, timeout=None, **kwargs):
        raise OSError(f"Timed out trying to connect to {address} after 10 s")

    monkeypatch.setattr(distributed, "Client", refuse)
    address = "tcp://10.0.0.5:8786"
    stderr = run(["score", str(SAMPLE), "--db", str(tmp_path / "r.sqlite"), "--scheduler", address], 2)
    assert (
        f"错误：无法连接 Dask 调度器 {address}：10 秒内未能连接（调度器未运行，或地址、端口有误，或被防火墙阻挡）。"
        f"/ Cannot connect to the Dask scheduler {address}: Timed out trying to connect to {address} after 10 s."
    ) in stderr
    stderr = run(["score", str(SAMPLE), "--db", str(tmp_path / "r.sqlite"), "--scheduler", "localhost"], 2)
    assert "调度器地址“localhost”格式不正确，应为 tcp://主机:端口。/ Scheduler address 'localhost' is malformed: expected tcp://host:port." in stderr


# --- Help and suggestions -------------------------------------------------------------------------------


def help_rows(words: list[str]) -> dict[str, str]:
    """The help page's rows by their first option or argument name: "--jobs" -> "--jobs  -j  N [≥1]  并行…"."""
    page = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "160"}).stdout
    rows = {}
    for line in page.splitlines():
        match = re.match(r"│\s*\*?\s*(\S+)", line)
        if match and (match[1].startswith("--") or match[1].isupper()):
            rows[match[1]] = " ".join(line.strip("│ ").removeprefix("*").split())
    return rows


def all_commands() -> list[list[str]]:
    found = []

    def walk(words: list[str], command) -> None:
        if not getattr(command, "commands", None):
            found.append(words)
        for name, sub in getattr(command, "commands", {}).items():
            walk([*words, name], sub)

    walk([], typer.main.get_command(app))
    return found


@pytest.mark.parametrize("words", all_commands(), ids=" ".join)
def test_help_shows_what_each_option_takes_in_words_not_typer_types(words):
    page = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "160"}).stdout
    for typer_type in ("<bool>", "<path>", "<str>", "<int", "<float", "<list", "range>", "x>=", "<=x", "<json", "<text"):
        assert typer_type not in page, (words, typer_type)
    rows = help_rows(words)
    assert rows["--help"] == "--help 显示此帮助并退出。"


def test_help_metavars_match_the_readme():
    analyze = help_rows(["analyze"])
    assert analyze["PATH..."].startswith("PATH... 报告文件或文件夹")
    assert analyze["--jobs"].startswith("--jobs -j N [≥1] 并行进程数")
    assert analyze["--previous"].startswith("--previous FILE 同一机关")
    assert analyze["--department-deadline"].startswith("--department-deadline MM-DD ")
    assert analyze["--format"].startswith("--format -f json|jsonl|text 输出格式")
    assert analyze["--with-text"].startswith("--with-text 在 JSON 中附带")
    score = help_rows(["score"])
    assert score["--db"].startswith("--db FILE 结果数据库") and score["--rubric"].startswith("--rubric FILE ")
    assert score["--scheduler"].startswith("--scheduler ADDRESS ") and score["--batch-size"].startswith("--batch-size N [≥1] ")
    assert help_rows(["report"])["--out"].startswith("--out -o FILE ")
    assert help_rows(["index", "build"])["--out"].startswith("--out -o DIR ")
    train = help_rows(["train"])
    assert train["--corpus"].startswith("--corpus DIR ") and train["--weak"].startswith("--weak --no-weak 是否加入")
    assert help_rows(["compare"])["OLD"].startswith("OLD 上一年度报告")
    assert help_rows(["summarize"])["FILE"].startswith("FILE 一份报告文件")


def test_unknown_options_get_only_close_suggestions():
    stderr = run(["analyze", str(SAMPLE), "--bogus"], 2)
    assert "未知选项 --bogus。" in stderr and re.search(r"No such option: --bogus *│", stderr)
    assert "相近" not in stderr and "Possible options" not in stderr
    stderr = run(["analyze", str(SAMPLE), "--fromat", "json"], 2)
    assert "未知选项 --fromat（相近的选项：--format）。" in stderr
    assert "No such option: --fromat (Possible options: --format)" in stderr
    assert "未知选项 --job（相近的选项：--jobs）。" in run(["score", str(SAMPLE), "--db", "r.sqlite", "--job", "2"], 2)


# --- summarize: bullets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["50", "60", "80"])
def test_summary_bullets_stay_with_their_text_and_wrap_under_it(columns):
    result = runner.invoke(app, ["summarize", str(SAMPLE)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for title in ("改进措施", "上年问题整改情况"):
        start = next(i for i, line in enumerate(lines) if f"─ {title} ─" in line)
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("╰"))
        body = [line.strip("│").rstrip() for line in lines[start + 1 : end]]
        bullets = [line for line in body if line.lstrip().startswith("·")]
        assert len(bullets) >= 2, body
        for line in bullets:
            assert line.lstrip()[1:].strip(), f"a bullet alone on its line: {body}"
        for line in body:
            if not line.lstrip().startswith("·"):
                assert line.startswith("   ") and line[3] != " ", f"not a hanging indent: {body}"
                assert line.strip()[0] not in "，。、；：）”", body


# --- Output closed early (``| head``) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", str(SAMPLE)],
        ["analyze", str(SAMPLE), "--format", "text"],
        ["analyze", str(SAMPLE), str(SAMPLE), "--format", "jsonl"],
        ["compare", str(SAMPLE), str(SAMPLE)],
    ],
    ids=lambda args: " ".join(arg for arg in args if not arg.startswith("/")),
)
def test_a_closed_output_pipe_ends_the_command_quietly_with_the_sigpipe_code(args):
    """QA: "summarize FILE | head -3" exited 1, which means that an input file failed. The read end is closed
    before the command writes anything, so every write finds the pipe broken (no race with the reader)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cli.main", *args], cwd=PROJECT_ROOT, stdout=write_end, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(write_end)
    assert result.returncode == 128 + signal.SIGPIPE
    assert "Traceback" not in result.stderr.decode() and "BrokenPipe" not in result.stderr.decode()
