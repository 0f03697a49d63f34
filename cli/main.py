"""The ``govreport`` command line: thin wiring of :mod:`nlp.pipeline` and the renderers."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from cli.app import App, BadValue
from cli.common import EXIT_SOME_FAILED, INDEX_HELP, fail_usage, failure_line, load_corpus_index, stderr_console
from cli.compare import compare
from cli.index import index_app
from cli.report import export, report
from cli.score import score
from cli.summarize import summarize
from cli.train import train
from nlp.errors import ReportError

app = App(
    help="govreport：政府信息公开工作年度报告的读取、核查与评分工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def main() -> None:
    """govreport：政府信息公开工作年度报告的读取、核查与评分工具（本地运行、结果可解释）。"""


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def parse_month_day(value: str, option: str) -> tuple[int, int]:
    """'01-31' -> (1, 31); a bad value is a usage error naming the option."""
    import datetime as dt

    try:
        month, day = (int(part) for part in value.split("-"))
        dt.date(2001, month, day)
    except ValueError:
        raise BadValue(
            f"日期格式应为 月-日，例如 01-31，收到“{value}”。",
            f"expected a month-day date such as 01-31, got '{value}'.",
            param_hint=option,
        ) from None
    return month, day


def build_context(previous: Path | None, department_deadline: str, government_deadline: str, index: Path | None = None):
    """The checks' side inputs from the command line; an unreadable previous report stops the command. The
    previous report is judged against the same corpus index (``--index``) as the reports."""
    from nlp.checks import CheckContext
    from nlp.pipeline import analyze_file

    previous_analysis = None
    if previous is not None:
        outcome = analyze_file(previous, index=load_corpus_index(index))
        if isinstance(outcome, ReportError):
            line = failure_line(str(previous), outcome.message, outcome.message_en)
            raise fail_usage(f"上一年度报告（--previous）无法读取：{line}")
        previous_analysis = outcome
    return CheckContext(
        previous=previous_analysis,
        department_deadline=parse_month_day(department_deadline, "--department-deadline"),
        government_deadline=parse_month_day(government_deadline, "--government-deadline"),
    )


# Path arguments are declared readable=False: click would otherwise abort the whole command with an English
# usage error when one named file cannot be read. The readers report such a file like any other bad file. A path
# that does not exist is a typing mistake, a usage error (cli.inputs.require_existing), not a failed submission.
@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., readable=False, metavar="PATH", help="报告文件或文件夹（递归查找支持的格式）。"),
    output_format: OutputFormat = typer.Option(
        OutputFormat.json,
        "--format",
        "-f",
        help="输出格式：json（一个文件为一个对象，多个文件为 JSON 数组）、jsonl（每个文件一行）、text（中文摘要）。",
    ),
    include_text: bool = typer.Option(False, "--with-text", help="在 JSON 中附带规范化全文（所有 start/end 偏移均指向该文本）。"),
    previous: Path | None = typer.Option(
        None, "--previous", readable=False, metavar="FILE", help="同一机关上一年度的报告，用于跨年度勾稽核查（上年结转、现行有效件数）。"
    ),
    department_deadline: str = typer.Option("01-31", "--department-deadline", metavar="MM-DD", help="部门年报公布期限（次年 月-日）。"),
    government_deadline: str = typer.Option("03-31", "--government-deadline", metavar="MM-DD", help="本级政府年报公布期限（次年 月-日）。"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar="N", help="并行进程数（多个文件时生效；输出顺序不变）。"),
    index: Optional[Path] = typer.Option(None, "--index", readable=False, metavar="DIR", help=INDEX_HELP),
) -> None:
    """分析报告：识别六个部分、解析三张法定表格、提取数据、逐项核查，输出符合契约的 JSON。

    分析多个文件时，json 格式输出一个 JSON 数组（每个文件一个元素，无法读取的文件为错误对象），jsonl 每个文件一行。
    """
    from cli.inputs import nothing_to_analyse, require_existing, scan_inputs

    require_existing(paths)
    load_corpus_index(index)  # an unusable --index is a usage error before any work
    context = build_context(previous, department_deadline, government_deadline, index)

    scan = scan_inputs(paths)
    inputs = scan.files
    skipped = scan.skipped_line()
    if skipped:
        stderr_console().print(skipped, highlight=False, markup=False)
    for error in scan.unreadable:
        typer.echo(f"错误：{failure_line(error.path, error.message, error.message_en)}", err=True)
    if not inputs:
        raise fail_usage(nothing_to_analyse(paths))
    as_array = output_format is OutputFormat.json and len(inputs) > 1

    if jobs == 1 or len(inputs) == 1:
        results = (render_one(path, context, output_format, include_text, index) for path in inputs)
    else:
        from joblib import Parallel, delayed

        # Ordered generator: lines come out in input order while later files are still being analysed.
        results = Parallel(n_jobs=jobs, return_as="generator", batch_size=4)(
            delayed(render_one)(path, context, output_format, include_text, index) for path in inputs
        )
    failed = len(scan.unsupported) + len(scan.unreadable)
    written = 0
    if as_array:
        typer.echo("[")
    for error, output in results:
        if error is not None:
            failed += 1
            typer.echo(error, err=True)
        if output is not None:
            # Array elements are streamed as they come: the separator goes before every element but the first.
            typer.echo(f",\n{output}" if as_array and written else output, nl=not as_array)
            written += 1
        sys.stdout.flush()
    if as_array:
        typer.echo("\n]")
    if failed:
        raise typer.Exit(code=EXIT_SOME_FAILED)


def render_one(
    path: Path, context, output_format: OutputFormat, include_text: bool, index: Path | None = None
) -> tuple[str | None, str | None]:
    """(error message for stderr, output for stdout) of one file; runs in worker processes with ``--jobs``, which
    load the ``--index`` folder themselves (once per process) rather than receive the index with every file."""
    from nlp.index import load_index
    from nlp.pipeline import analyze_file
    from nlp.render import json as render_json
    from nlp.render import text as render_text

    outcome = analyze_file(path, context=context, index=load_index(index) if index is not None else None)
    if isinstance(outcome, ReportError):
        error = f"错误：{failure_line(str(path), outcome.message, outcome.message_en)}"
        if output_format is OutputFormat.text:
            return error, None
        return error, render_json.dumps(render_json.error_to_dict(outcome))
    if output_format is OutputFormat.text:
        return None, render_text.render(outcome)
    data = render_json.analysis_to_dict(outcome, include_text=include_text)
    return None, render_json.dumps(data, indent=2 if output_format is OutputFormat.json else None)


app.add_typer(index_app, name="index")
app.command()(compare)

app.command()(score)
app.command()(summarize)
app.command()(report)
app.command()(export)
app.command("train")(train)

if __name__ == "__main__":
    app()
