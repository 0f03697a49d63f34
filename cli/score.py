"""``govreport score PATH... --db results.sqlite``: analyse and score many reports into a results store."""

from __future__ import annotations

import re
import signal
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
from rich.console import Console
from rich.text import Text

from cli.common import (
    EXIT_INTERRUPTED,
    EXIT_SOME_FAILED,
    INDEX_HELP,
    check_output,
    fail_usage,
    failure_line,
    load_corpus_index,
    sigterm_as_interrupt,
    stderr_console,
)

SCHEDULER_ADDRESS = re.compile(r"^(tcp|tls)://[^\s:/]+:\d{1,5}$")


# readable=False on paths: an unreadable file is recorded as a failed file instead of aborting the run (see
# cli/main.py); an unreadable --rubric or --db is reported by the code that opens it. A path that does not exist
# is a typing mistake, refused before the store is created (cli.inputs.require_existing).
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
    index: Optional[Path] = typer.Option(None, "--index", readable=False, metavar="DIR", help=INDEX_HELP),
) -> None:
    """批量评分：并行分析报告并将结果逐批写入 SQLite 数据库；重复运行时跳过已评分的文件，可断点续跑（按 Ctrl-C 中断后重新运行同一条命令）。

    文件夹中不支持格式的文件不做分析，但记为无法分析的文件（unsupported_format），在审查汇总报告中列出。
    原位置的文件内容有变化时，用新内容的结果替换旧结果。
    数据库中按其他语料索引（--index）分析的报告，按本次的索引重新分析；原文件已不在的保留原结果并列出。
    内容完全相同的文件只分析一次，逐个记入数据库，并在审查汇总报告和导出表中列出；空文件各自记为无法分析的文件。
    原文件已删除或移走（本次也没有内容相同的文件）的报告保留结果，在审查汇总报告和导出表中标为“原文件已不存在”。
    """
    console = stderr_console()
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
    saved = {"files": 0, "cross_report": False}
    # The whole command is covered, from its first import on: a Ctrl-C before the store is opened or while the
    # workers start must say what was saved too (typer would otherwise exit 130 without a word).
    with sigterm_as_interrupt() as signals:
        try:
            _score(console, progress, saved, paths, db, jobs, rubric, scheduler, batch_size, index)
        except KeyboardInterrupt:
            if progress.live.is_started:
                progress.stop()
            console.print(interrupted_line(db, saved["files"], saved["cross_report"]), highlight=False, markup=False)
            raise typer.Exit(code=EXIT_INTERRUPTED + (signals[0] if signals else signal.SIGINT)) from None
        finally:
            if progress.live.is_started:
                progress.stop()


def _score(
    console: Console,
    progress: Progress,
    saved: dict,
    paths: List[Path],
    db: Path,
    jobs: int,
    rubric: Optional[Path],
    scheduler: Optional[str],
    batch_size: Optional[int],
    index: Optional[Path],
) -> None:
    """The body of :func:`score`; ``saved`` receives what an interrupted run kept (for its last message)."""
    from cli.inputs import nothing_to_analyse, require_existing, scan_inputs
    from nlp.bulk import BulkError, score_files
    from nlp.render.display import index_label
    from nlp.score import RubricError
    from nlp.store import StoreError

    require_existing(paths)
    if scheduler is not None and not SCHEDULER_ADDRESS.match(scheduler):
        raise fail_usage(
            f"调度器地址“{scheduler}”格式不正确，应为 tcp://主机:端口。"
            f"/ Scheduler address '{scheduler}' is malformed: expected tcp://host:port."
        )
    check_output(db, beside=True)  # SQLite writes its journal files next to the store
    load_corpus_index(index)  # an unusable --index stops the command before the store is created
    scan = scan_inputs(paths)
    skipped = scan.skipped_line(recorded=True)
    if skipped:
        console.print(skipped, highlight=False, markup=False)
    if not scan.files:
        for error in scan.unreadable:
            console.print(f"错误：{failure_line(error.path, error.message, error.message_en)}", highlight=False, markup=False)
        raise fail_usage(nothing_to_analyse(paths))

    task = progress.add_task("score", total=None)

    def start(total: int) -> None:
        """The bar appears once the rubric, the store and the scheduler are known to work."""
        progress.update(task, total=total)
        progress.start()

    def advance(count: int) -> None:
        """Called once the files are committed: what an interrupted run can say it kept."""
        saved["files"] += count
        progress.advance(task, count)

    def cross_report() -> None:
        saved["cross_report"] = True
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
            index_dir=index,
            on_start=start,
            on_advance=advance,
            on_cross_report=cross_report,
        )
    except (RubricError, StoreError, BulkError) as error:
        raise fail_usage(str(error)) from None
    finally:
        if progress.live.is_started:
            progress.stop()

    # The unsupported files are among the failed ones (recorded as unanalysable, see the docstring): say how many.
    unsupported = f"（其中不支持的格式 {len(scan.unsupported)}）" if scan.unsupported else ""
    updated = f"（其中已更新 {len(outcome.updated)} 份：文件内容有变化）" if outcome.updated else ""
    duplicates = f"（其中内容重复 {len(outcome.duplicates)}）" if outcome.duplicates else ""
    missing = f"；原文件已不存在的报告 {len(outcome.missing)} 份（结果保留，已标注）" if outcome.missing else ""
    console.print(
        f"共 {outcome.files} 个文件：新分析 {outcome.analysed}{updated}，按本次语料索引重新分析 {outcome.reanalysed}，"
        f"跳过（已评分或重复）{outcome.skipped}{duplicates}，按新细则重算 {outcome.rescored}，失败 {outcome.failed}{unsupported}"
        f"{missing}；跨报告复核（上年对比、跨单位雷同）{outcome.rechecked} 份，雷同聚类 {outcome.clusters} 个；"
        f"语料索引：{index_label(outcome.index_sha256, str(index) if index is not None else None)}。结果已写入 {db}",
        highlight=False,
        markup=False,  # the path is the user's, not markup: "r[red].sqlite" must print as given
    )
    for path, same in outcome.duplicates[:MAX_LISTED]:
        console.print(Text.assemble(("重复", "yellow"), "：", f"{path} 与 {same} 内容完全相同（只分析一次）"), highlight=False)
    if len(outcome.duplicates) > MAX_LISTED:
        console.print(
            f"……另有 {len(outcome.duplicates) - MAX_LISTED} 个内容重复的文件（全部列在审查汇总报告和导出表中）。",
            highlight=False,
        )
    for path in outcome.updated[:MAX_LISTED]:
        console.print(
            Text.assemble(
                ("已更新", "cyan"),
                f"：{path} 的内容有变化，原来的评分结果已替换为新内容的结果。"
                f"/ Updated: {path} has changed; its earlier results were replaced by those of the new content.",
            ),
            highlight=False,
        )
    if len(outcome.updated) > MAX_LISTED:
        console.print(f"……另有 {len(outcome.updated) - MAX_LISTED} 个内容有变化的文件已更新。", highlight=False)
    for report in outcome.unavailable[:MAX_LISTED]:
        line = unavailable_line(report.path, known=report.index_sha256 is not None)
        console.print(Text.assemble(("未重新分析", "yellow"), "：", line), highlight=False)
    if len(outcome.unavailable) > MAX_LISTED:
        console.print(
            f"……另有 {len(outcome.unavailable) - MAX_LISTED} 份报告的原文件已不在，未按本次语料索引重新分析（见数据库）。",
            highlight=False,
        )
    listed = {report.id for report in outcome.unavailable}
    missing_reports = [report for report in outcome.missing if report.id not in listed]  # said above for these
    for report in missing_reports[:MAX_LISTED]:
        console.print(Text.assemble(("原文件已不存在", "yellow"), "：", missing_line(report.path)), highlight=False)
    if len(missing_reports) > MAX_LISTED:
        console.print(
            f"……另有 {len(missing_reports) - MAX_LISTED} 份报告的原文件已不存在（审查汇总报告和导出表中均已标注）。",
            highlight=False,
        )
    for group in outcome.same_agency_year[:MAX_LISTED]:
        console.print(Text.assemble(("同一机关同一年度", "yellow"), "：", same_agency_year_line(group)), highlight=False)
    if len(outcome.same_agency_year) > MAX_LISTED:
        console.print(
            f"……另有 {len(outcome.same_agency_year) - MAX_LISTED} 组同一机关同一年度的报告（见数据库）。", highlight=False
        )
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


def interrupted_line(db: Path, saved: int, cross_report: bool) -> str:
    """What an interrupted run kept and how to go on (Chinese / English)."""
    resume = "重新运行同一条命令即可从中断处继续（已保存的不会重新分析）"
    resume_en = "run the same command again to resume (saved results are not analysed again)"
    if cross_report:
        return (
            f"评分已中断：{saved} 个文件的结果已保存到 {db}，但跨报告复核（上年对比、跨单位雷同）未完成；{resume}。"
            f"/ Scoring interrupted: the results of {saved} files are saved in {db}, but the cross-report checks did not"
            f" finish; {resume_en}."
        )
    return (
        f"评分已中断：本次已将 {saved} 个文件的结果保存到 {db}；{resume}。"
        f"/ Scoring interrupted: the results of {saved} files of this run are saved in {db}; {resume_en}."
    )


def unavailable_line(path: str, known: bool) -> str:
    """A stored report that could not be analysed again against this run's corpus index (Chinese / English);
    ``known``: whether the store recorded the index its results come from (older stores did not)."""
    judged, judged_en = ("出自另一语料索引", "another index") if known else ("所依据的语料索引未记录", "an unrecorded index")
    return (
        f"{path} 的原文件已不在数据库记录的位置（已移走、删除或内容已改变），无法按本次语料索引重新分析；"
        f"保留原结果，其中套话、雷同的判断{judged}。请把该文件放回原处，或重新运行 score 时一并给出它。"
        f"/ Not re-analysed: the file of {path} is no longer where the store found it (moved, deleted or changed), so it"
        f" could not be analysed against this run's corpus index; its results, judged against {judged_en}, are kept."
        f" Put the file back, or give it to score again."
    )


def missing_line(path: str) -> str:
    """A stored report whose file is gone (Chinese / English)."""
    return (
        f"{path} 已不在数据库记录的位置，本次也没有内容相同的文件；其评分结果保留在数据库中，审查汇总报告和导出表中标为“原文件已不存在”。"
        f"如该文件不应再参加评审，请改用新的数据库重新评分。"
        f"/ File gone: {path} is no longer where the store found it, and no file of this run has its content; its results"
        f" are kept, marked as such in the report and the export. If it should no longer be reviewed, score into a new store."
    )


def same_agency_year_line(group: dict) -> str:
    """One group of :meth:`nlp.store.Store.same_agency_year` for the run summary (Chinese / English)."""
    paths = [report["path"] for report in group["reports"]]
    count = len(paths)
    return (
        f"{group['agency']} {group['year']} 年度有 {count} 份内容不同的报告：{'、'.join(paths)}"
        f"（可能是同一报告的不同版本、编码或节选，均已评分并保留；请核对以哪一份为准）。"
        f"/ Same agency and year: {count} different reports of {group['agency']} for {group['year']}: {', '.join(paths)}"
        f" (maybe versions, encodings or excerpts of one report; all are scored and kept: check which one counts)."
    )
