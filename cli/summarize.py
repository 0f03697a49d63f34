"""``govreport summarize FILE``: a Chinese summary of one report for the reviewer's terminal or memo."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from cli.common import (
    EXIT_SOME_FAILED,
    INDEX_HELP,
    fail_usage,
    failure_line,
    load_corpus_index,
    stderr_console,
    stdout_console,
)


class SummaryFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


# readable=False: an unreadable file is reported by the reader in Chinese and English (see cli/main.py); a file
# that does not exist is a usage error (cli.inputs.require_existing), as in analyze and score.
def summarize(
    file: Path = typer.Argument(..., readable=False, metavar="FILE", help="一份报告文件。"),
    output_format: SummaryFormat = typer.Option(
        SummaryFormat.text, "--format", "-f", help="输出格式：text（终端）、markdown、json。"
    ),
    previous: Optional[Path] = typer.Option(
        None, "--previous", readable=False, metavar="FILE", help="同一单位上一年度的报告，用于跨年度核对。"
    ),
    rubric: Optional[Path] = typer.Option(
        None, "--rubric", readable=False, metavar="FILE", help="评分细则文件（TOML），默认使用内置细则。"
    ),
    index: Optional[Path] = typer.Option(None, "--index", readable=False, metavar="DIR", help=INDEX_HELP),
) -> None:
    """报告摘要：机关、年度、得分与等级、关键数据、表格合计、问题与改进措施、扣分依据。"""
    from cli.inputs import require_existing
    from nlp.checks import CheckContext
    from nlp.errors import ReportError
    from nlp.pipeline import analyze_file
    from nlp.render import markdown
    from nlp.render.json import dumps
    from nlp.render.summary import print_summary, summary_data
    from nlp.score import RubricError, load_rubric

    require_existing([file], "FILE")
    if file.is_dir():
        raise fail_usage(
            f"summarize 需要单个报告文件，而 {file} 是文件夹；分析文件夹中的报告请用 govreport analyze 或 govreport score。"
            f"/ summarize needs a single report file, but {file} is a folder; use govreport analyze or score for a folder."
        )
    try:
        rules = load_rubric(rubric)
    except RubricError as error:
        raise fail_usage(str(error)) from None
    corpus = load_corpus_index(index)
    last_year = None
    if previous is not None:
        last_year = analyze_file(previous, rubric=rules, index=corpus)
        if isinstance(last_year, ReportError):
            line = failure_line(str(previous), last_year.message, last_year.message_en)
            raise fail_usage(f"上一年度报告（--previous）无法读取：{line}")
    analysis = analyze_file(file, context=CheckContext(previous=last_year), rubric=rules, index=corpus)
    if isinstance(analysis, ReportError):
        line = failure_line(str(file), analysis.message, analysis.message_en)
        stderr_console().print(f"错误：{line}", highlight=False, markup=False)
        raise typer.Exit(code=EXIT_SOME_FAILED)
    data = summary_data(analysis, rules, previous=last_year)
    if output_format is SummaryFormat.json:
        typer.echo(dumps(data, indent=2))
    elif output_format is SummaryFormat.markdown:
        typer.echo(markdown.render(data), nl=False)
    else:
        print_summary(data, stdout_console())
