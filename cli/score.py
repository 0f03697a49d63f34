"""``govreport score PATH... --db results.sqlite``: analyse and score many reports into a results store."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from cli.common import (
    EXIT_SOME_FAILED,
    check_output,
    fail_usage,
    failure_line,
    stderr_console,
)

SCHEDULER_ADDRESS = re.compile(r"^(tcp|tls)://[^\s:/]+:\d{1,5}$")


# readable=False on paths: an unreadable file is recorded as a failed file instead of aborting the run (see
# cli/main.py); an unreadable --rubric or --db is reported by the code that opens it.
MAX_LISTED = 20


def score(
    paths: List[Path] = typer.Argument(..., readable=False, metavar="PATH", help="报告文件或文件夹（递归查找支持的格式）。"),
    db: Path = typer.Option(..., "--db", readable=False, metavar="FILE", help="结果数据库（SQLite 文件，不存在时自动创建）。"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar="N", help="并行进程数。"),
    rubric: Optional[Path] = typer.Option(
        None, "--rubric", readable=False, metavar="FILE", help="评分细则文件（TOML），默认使用内置细则。"
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="在已有的 Dask 集群上运行，如 tcp://10.0.0.5:8786（此时忽略 --jobs）。"
    ),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, metavar="N", help="每个任务处理的文件数（默认自动）。"),
) -> None:
    """批量评分：并行分析报告并将结果逐批写入 SQLite 数据库；重复运行时跳过已评分的文件，可断点续跑。

    文件夹中不支持格式的文件不做分析，但记为无法分析的文件（unsupported_format），在审查汇总报告中列出。
    """
    from cli.inputs import nothing_to_analyse, scan_inputs
    from nlp.bulk import BulkError, score_files
    from nlp.score import RubricError
    from nlp.store import StoreError

    if scheduler is not None and not SCHEDULER_ADDRESS.match(scheduler):
        raise fail_usage(
            f"调度器地址“{scheduler}”格式不正确，应为 tcp://主机:端口。"
            f"/ Scheduler address '{scheduler}' is malformed: expected tcp://host:port."
        )
    check_output(db, beside=True)  # SQLite writes its journal files next to the store
    scan = scan_inputs(paths)
    console = stderr_console()
    skipped = scan.skipped_line(recorded=True)
    if skipped:
        console.print(skipped, highlight=False, markup=False)
    if not scan.files:
        for error in scan.unreadable:
            console.print(f"错误：{failure_line(error.path, error.message, error.message_en)}", highlight=False, markup=False)
        raise fail_usage(nothing_to_analyse(paths))

    progress = Progress(
        TextColumn("[bold]评分中"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("已用"),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = progress.add_task("score", total=None)

    def start(total: int) -> None:
        """The bar appears once the rubric, the store and the scheduler are known to work."""
        progress.update(task, total=total)
        progress.start()

    def cross_report() -> None:
        if progress.live.is_started:
            progress.stop()
        console.print("正在进行跨报告复核（与上年报告对比、跨单位雷同聚类）……")

    try:
        outcome = score_files(
            scan.files,
            db,
            jobs=jobs,
            rubric_path=rubric,
            scheduler=scheduler,
            batch_size=batch_size,
            rejected=scan.rejected(),
            on_start=start,
            on_advance=lambda count: progress.advance(task, count),
            on_cross_report=cross_report,
        )
    except (RubricError, StoreError, BulkError) as error:
        raise fail_usage(str(error)) from None
    finally:
        if progress.live.is_started:
            progress.stop()

    # The unsupported files are among the failed ones (recorded as unanalysable, see the docstring): say how many.
    unsupported = f"（其中不支持的格式 {len(scan.unsupported)}）" if scan.unsupported else ""
    console.print(
        f"共 {outcome.files} 个文件：新分析 {outcome.analysed}，跳过（已评分或重复）{outcome.skipped}，"
        f"按新细则重算 {outcome.rescored}，失败 {outcome.failed}{unsupported}；跨报告复核（上年对比、跨单位雷同）{outcome.rechecked} 份，"
        f"雷同聚类 {outcome.clusters} 个。结果已写入 {db}",
        highlight=False,
        markup=False,  # the path is the user's, not markup: "r[red].sqlite" must print as given
    )
    for path, same in outcome.duplicates[:MAX_LISTED]:
        console.print(Text.assemble(("重复", "yellow"), "：", f"{path} 与 {same} 内容完全相同（只分析一次）"), highlight=False)
    if len(outcome.duplicates) > MAX_LISTED:
        console.print(f"……另有 {len(outcome.duplicates) - MAX_LISTED} 个内容重复的文件。", highlight=False)
    summarised = {str(path) for path in scan.unsupported}
    for error in outcome.errors:
        path = error["source"]["path"]
        if path in summarised:
            continue  # listed in the one line about unsupported files above
        console.print(
            Text.assemble(("失败", "red"), "：", failure_line(path, error["error"]["message"], error["error"]["message_en"])),
            highlight=False,
        )
    if outcome.failed:
        raise typer.Exit(code=EXIT_SOME_FAILED)
