"""What every command shares: exit codes, the stderr console, and the wording of failures and warnings."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

# Exit codes, the same in every command for the same situation (README.md has the table):
EXIT_SOME_FAILED = 1
"""At least one input file could not be read or analysed; every other file was."""
EXIT_USAGE = 2
"""Bad option or argument (a path that does not exist), an output path that cannot be written, nothing to analyse
in the folders given, or an unusable side input (--previous, --rubric, --db, --index)."""
EXIT_INTERRUPTED = 128
"""Plus the signal number: 130 after Ctrl-C (SIGINT), 143 after SIGTERM, as a shell reports a killed command."""

INDEX_HELP = (
    "语料索引目录（govreport index build 生成），用于判断模板套话、与其他机关或本机关往年报告雷同的句子；"
    "可用本地区今年的全部报告构建，以发现彼此雷同的报告。默认使用自带索引 models/index。"
)
"""Help of ``--index`` in every command whose checks use the corpus index."""


class _StdoutConsole(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit with code 1 itself, which here means that an input file failed; raised on, the
        # broken pipe ends the command like any other write to a closed pipe (cli.app._output_closed).
        raise BrokenPipeError


def stdout_console() -> Console:
    """The console for a command's output (summary, comparison tables) on stdout."""
    return _StdoutConsole()


def stderr_console() -> Console:
    """The console for messages and progress on stderr.

    When stderr is not a terminal (a log file, a pipe) nothing is hard-wrapped: one message stays one line,
    so a batch log can be searched with grep or opened in a spreadsheet.
    """
    console = Console(stderr=True)
    console.soft_wrap = not console.is_terminal
    return console


def fail_usage(message: str) -> typer.Exit:
    """Print a usage error (as plain text: messages quote paths and TOML, whose brackets are not markup)."""
    stderr_console().print(Text.assemble(("错误：", "bold red"), message))
    return typer.Exit(code=EXIT_USAGE)


def warn(message: str) -> None:
    stderr_console().print(Text.assemble(("警告：", "bold yellow"), message))


def failure_line(path: str, message: str, message_en: str) -> str:
    """One log line for a file that failed: its path as given, then why (Chinese / English).

    The readers' messages already name the file; other messages get the path in front.
    """
    line = f"{message} / {message_en}"
    return line if path in message else f"{path}：{line}"


def check_output(out: Path, *, beside: bool = False) -> None:
    """Stop with a usage error before any work when ``out`` can clearly not be written as a file: it is a
    folder, its folder does not exist (or is a file), or writing there is not permitted.

    ``beside``: the writer also creates files next to ``out`` (SQLite's journal files next to a results
    store), so its folder must be writable even when ``out`` already exists. The one check for ``--out`` of
    ``report``/``export`` and ``--db`` of ``score``.
    """
    folder = out.parent

    def refuse(reason: str, reason_en: str) -> typer.Exit:
        return fail_usage(f"无法写入 {out}：{reason}。/ Cannot write {out}: {reason_en}.")

    if out.is_dir():
        raise refuse("这是一个文件夹，请指定文件名", "it is a directory")
    if not folder.exists():
        raise refuse(f"目录 {folder} 不存在", f"the directory {folder} does not exist")
    if not folder.is_dir():
        raise refuse(f"{folder} 不是文件夹", f"{folder} is not a directory")
    if out.exists() and not os.access(out, os.W_OK):
        raise refuse("没有写入权限", "permission denied")
    if (beside or not out.exists()) and not os.access(folder, os.W_OK | os.X_OK):
        raise refuse(f"没有在目录 {folder} 中新建文件的权限", f"no permission to create files in {folder}")


def write_output(out: Path, write: Callable[[Path], object]) -> None:
    """Run ``write(out)``; a failure to write (no permission, disk full…) is a usage error, not a traceback.

    Call :func:`check_output` first, before the work whose result is written.
    """
    from nlp.errors import os_reason

    try:
        # Opening for append first (it neither truncates nor changes an existing file) surfaces a permission
        # problem before the writer starts: openpyxl, failing half-way, leaves noisy half-closed streams.
        out.open("ab").close()
        write(out)
    except OSError as error:
        reason, reason_en = os_reason(error, "写入")
        raise fail_usage(f"无法写入 {out}：{reason}。/ Cannot write {out}: {reason_en}.") from None


def load_corpus_index(directory: Path | None):
    """The corpus index of ``--index`` (None: the shipped one), loaded before any work: an unusable folder is a
    usage error naming it and the reason."""
    if directory is None:
        return None
    from nlp.index import IndexLoadError, load_index

    try:
        return load_index(directory)
    except IndexLoadError as error:
        raise fail_usage(str(error)) from None


@contextmanager
def sigterm_as_interrupt() -> Iterator[list[int]]:
    """Within the block, SIGTERM raises ``KeyboardInterrupt`` like Ctrl-C does, and the yielded list receives its
    number. Python's default for SIGTERM ends the process at once, leaving a worker pool running without a
    parent; as an interrupt, the pool is shut down and the command says how far it got."""
    received: list[int] = []

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)
