"""Usage errors and ``--help`` pages in Chinese (cli/app.py): exit code 2, untruncated, wrapped help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from cli.app import App
from cli.main import app
from nlp.render.wrapping import NO_LINE_START, WrappingText

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"
WIDE = {"COLUMNS": "200"}  # one error message per line, so the assertions can quote it whole
runner = CliRunner()


def usage_error(args: list[str], target: typer.Typer = app) -> str:
    """stderr of a command line that must be refused as a usage error (exit code 2, before any work)."""
    result = runner.invoke(target, args, env=WIDE)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Usage:" not in result.stderr and "─ Error ─" not in result.stderr and "Try '" not in result.stderr
    assert "Traceback" not in result.output
    return result.stderr


def test_missing_argument_is_a_chinese_usage_error():
    stderr = usage_error(["analyze"])
    assert "用法：" in stderr and "[选项] {PATH}..." in stderr
    assert "运行 " in stderr and "analyze --help 查看用法说明。" in stderr
    assert "─ 错误 ─" in stderr
    assert "缺少参数 PATH。" in stderr
    assert "Missing argument 'PATH'." in stderr  # click's English follows, on its own line
    assert "缺少参数 NEW。" in usage_error(["compare", str(SAMPLE)])
    assert "缺少必填选项 --out / -o。" in usage_error(["report", "--db", "results.sqlite"])


def test_a_stray_argument_that_looks_like_the_database_is_suggested_for_the_missing_db(tmp_path):
    """QA: "report x.sqlite --out r.html" only said that --db was missing."""
    stderr = usage_error(["report", "x.sqlite", "--out", "r.html"])
    assert "缺少必填选项 --db。是否想用 --db x.sqlite？" in stderr
    assert "Missing option '--db'. Did you mean '--db x.sqlite'?" in stderr
    assert "是否想用 --db 结果.db？" in usage_error(["score", str(tmp_path), "结果.db"])
    # An option's value is not a stray argument, and a file that does not look like a store is not suggested.
    assert "是否想用" not in usage_error(["report", "--out", "x.sqlite"])
    assert "是否想用" not in usage_error(["report", "results.txt", "--out", "r.html"])


def test_unknown_option_is_a_chinese_usage_error():
    assert "未知选项 --bogus" in usage_error(["analyze", str(SAMPLE), "--bogus"])
    assert "未知选项 --bogus" in usage_error(["--bogus"])
    assert "选项 --format 后面需要一个值。" in usage_error(["analyze", str(SAMPLE), "--format"])
    assert "选项 --with-text 是开关，后面不能带值。" in usage_error(["analyze", str(SAMPLE), "--with-text=yes"])
    assert "多余的参数：extra。" in usage_error(["summarize", str(SAMPLE), "extra"])
    assert "未知命令“anlyze”（相近的命令：analyze）。" in usage_error(["anlyze", str(SAMPLE)])


def test_click_messages_naming_chinese_paths_keep_their_english_line(tmp_path):
    """The English line used to be dropped whenever it contained a Chinese character, i.e. a Chinese path."""
    stderr = usage_error(["summarize", str(SAMPLE), "年报.txt"])
    assert "多余的参数：年报.txt。" in stderr and "Got unexpected extra argument(s) (年报.txt)" in stderr
    missing = tmp_path / "语料"
    stderr = usage_error(["train", "--corpus", str(missing)])
    assert f"选项 --corpus 的值无效：文件夹“{missing}”不存在。" in stderr
    assert "Invalid value for '--corpus':" in stderr and f"'{missing}' does not exist." in stderr


def test_invalid_choice_is_a_chinese_usage_error():
    stderr = usage_error(["analyze", str(SAMPLE), "--format", "yaml"])
    assert "选项 --format / -f 的值无效：“yaml”不是可选的值；可选：json、jsonl、text。" in stderr
    stderr = usage_error(["summarize", str(SAMPLE), "-f", "html"])
    assert "“html”不是可选的值；可选：text、markdown、json。" in stderr


def test_invalid_integer_is_a_chinese_usage_error():
    assert "选项 --jobs / -j 的值无效：“abc”不是整数。" in usage_error(["analyze", str(SAMPLE), "--jobs", "abc"])
    assert "选项 --jobs / -j 的值无效：应大于或等于 1，收到 0。" in usage_error(["score", str(SAMPLE), "--db", "r.sqlite", "-j", "0"])
    assert "选项 --batch-size 的值无效：“2.5”不是整数。" in usage_error(
        ["score", str(SAMPLE), "--db", "r.sqlite", "--batch-size", "2.5"]
    )


def test_a_bad_parameter_raised_by_a_command_keeps_its_chinese_message_and_gets_its_english_line():
    stderr = usage_error(["analyze", str(SAMPLE), "--department-deadline", "13-45"])
    assert "选项 --department-deadline 的值无效：日期格式应为 月-日，例如 01-31，收到“13-45”。" in stderr
    assert "Invalid value for '--department-deadline': expected a month-day date such as 01-31, got '13-45'." in stderr
    stderr = usage_error(["analyze", str(SAMPLE), "--government-deadline", "0331"])
    assert "选项 --government-deadline 的值无效：日期格式应为 月-日，例如 01-31，收到“0331”。" in stderr
    assert "Invalid value for '--government-deadline': expected a month-day date such as 01-31, got '0331'." in stderr


def test_missing_file_for_an_existing_path_argument_is_a_chinese_usage_error(tmp_path):
    """Reports are not checked with exists=True by click (``analyze`` and ``score`` check them themselves, after the
    missing options); ``index build`` and ``train --corpus`` are, and any command that does gets a Chinese error."""
    checked = App(add_completion=False)

    @checked.command()
    def read(path: Path = typer.Argument(..., exists=True, metavar="FILE")) -> None:
        """Read one file."""

    @checked.command()
    def other() -> None:
        """A second command, so that ``read`` stays a subcommand."""

    missing = tmp_path / "缺失.txt"
    stderr = usage_error(["read", str(missing)], target=checked)
    assert f"参数 FILE 的值无效：路径“{missing}”不存在。" in stderr


def test_nested_group_errors_are_chinese_too():
    stderr = usage_error(["index", "build"])
    assert "index build [选项] {PATH}..." in stderr and "缺少参数 PATH。" in stderr
    assert "未知命令“nosuch”。" in usage_error(["index", "nosuch"])


def compact(output: str) -> str:
    """The help page without its frame and spaces: text wrapped over several lines reads as one string."""
    return re.sub(r"[\s│╭╮╰╯─]", "", output)


def all_commands() -> dict[str, object]:
    """The app and every group and command below it, by their command line words."""
    found = {}

    def walk(words: list[str], command) -> None:
        found[" ".join(words)] = command
        for name, sub in getattr(command, "commands", {}).items():
            walk([*words, name], sub)

    walk([], typer.main.get_command(app))
    return found


COMMANDS = all_commands()


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("words", list(COMMANDS), ids=lambda words: words or "govreport")
def test_help_shows_every_help_text_whole_and_in_chinese(words, columns):
    command = COMMANDS[words]
    result = runner.invoke(app, [*words.split(), "--help"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "…" not in page
    assert max(cell_len(line) for line in page.splitlines()) <= int(columns)
    shown = compact(page)
    texts = [param.help for param in command.params if getattr(param, "help", None)]
    texts += [sub.help.split("\n\n")[0] for sub in getattr(command, "commands", {}).values()]
    assert texts
    for text in texts:
        assert compact(text) in shown, text
    assert "用法：" in page and "─ 选项 ─" in page and "显示此帮助并退出。" in page
    assert "[选项]" in page
    for english in ("Usage:", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]"):
        assert english not in page


@pytest.mark.parametrize("words", list(COMMANDS), ids=lambda words: words or "govreport")
def test_help_shows_no_default_that_depends_on_where_the_project_lives(words):
    """An absolute path as a default would make the help, and the test above, depend on the clone's location:
    a deep clone's path is cut with "…" at 80 columns."""
    for param in COMMANDS[words].params:
        if isinstance(param.default, (str, Path)) and param.show_default is not False:
            assert not Path(param.default).is_absolute(), (param.name, param.default)


def test_long_option_help_is_untruncated_at_80_columns():
    """rich used to cut a run of Chinese wider than its table cell with "…" (输出格式：json（一个文件…)."""
    page = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "80"}).stdout
    assert "…" not in page
    shown = compact(page)
    assert "输出格式：json（一个文件为一个对象，多个文件为JSON数组）、jsonl（每个文件一行）、text（中文摘要）。" in shown
    assert "同一机关上一年度的报告，用于跨年度勾稽核查（上年结转、现行有效件数）。" in shown
    assert "并行进程数（多个文件时生效；输出顺序不变）。" in shown
    # Wrapped, not folded at the frame: every line keeps within 80 columns and the help column is not clipped.
    assert all(cell_len(line) <= 80 for line in page.splitlines())


def test_wrapping_text_breaks_between_chinese_characters_but_not_before_closing_punctuation():
    source = "输出格式：json（一个文件为一个对象，多个文件为 JSON 数组）、jsonl（每个文件一行）。部门年报公布期限（次年 月-日）。"
    for width in (9, 12, 20, 33):
        lines = [line.plain for line in WrappingText(source).wrap(Console(), width)]
        assert all(cell_len(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == source.replace(" ", "")
        assert not any(line[:1] in NO_LINE_START for line in lines), lines
        assert not any(line.rstrip().endswith(("（", "-")) or line.startswith("-") for line in lines), lines
        # A line is only cut short where the next piece could not fit.
        assert all(cell_len(line.rstrip()) >= width - 6 for line in lines[:-1] if line.strip()), lines
