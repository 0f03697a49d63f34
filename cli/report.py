"""``govreport report`` (one self-contained HTML file) and ``govreport export`` (XLSX/CSV) from a results store.

Both warn when the store's last ``score`` run did not finish: its results cover only part of the files. Both
open the store read-only and refuse a file that is not a govreport store, leaving it as it was.
"""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import check_output, fail_usage, warn, write_output


# readable=False: click's own check would reject an unreadable --db or an existing --out in English; the
# store and the writer report those in Chinese.
def report(
    db: Path = typer.Option(..., "--db", readable=False, metavar="FILE", help="govreport score 生成的结果数据库。"),
    out: Path = typer.Option(..., "--out", "-o", readable=False, metavar="FILE", help="输出的 HTML 文件。"),
    title: str = typer.Option("政府信息公开工作年度报告审查汇总", "--title", metavar="TEXT", help="报告标题。"),
) -> None:
    """生成审查汇总报告：单个离线可用的 HTML 文件（概览、分数分布、排名、同一机关同一年度的多份报告、问题频次、雷同聚类、逐份报告的扣分依据）。"""
    from nlp.render import html
    from nlp.store import Store, StoreError

    check_output(out)
    try:
        with Store(db, read_only=True) as store:
            data = html.collect(store, title=title)
    except StoreError as error:
        raise fail_usage(str(error)) from None
    if data.unfinished:
        warn(data.unfinished)
    page = html.render(data)
    write_output(out, lambda path: path.write_text(page, encoding="utf-8"))
    typer.echo(f"已生成审查汇总报告：{out}")


def export(
    db: Path = typer.Option(..., "--db", readable=False, metavar="FILE", help="govreport score 生成的结果数据库。"),
    out: Path = typer.Option(..., "--out", "-o", readable=False, metavar="FILE", help="输出文件：.xlsx（多个工作表）或 .csv（排名表）。"),
) -> None:
    """导出评分结果为 Excel（.xlsx）或 CSV 表格。"""
    from nlp.render.html import unfinished_run_notice
    from nlp.render.xlsx import export_csv, export_xlsx
    from nlp.store import Store, StoreError

    check_output(out)  # first: an existing folder has no extension either, and is better named as a folder
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise fail_usage(
            f"不支持的导出格式“{out.suffix or '（无扩展名）'}”，请使用 .xlsx 或 .csv。"
            f"/ Unsupported export format '{out.suffix or '(no extension)'}': use .xlsx or .csv."
        )
    try:
        with Store(db, read_only=True) as store:
            notice = unfinished_run_notice(store.last_run(), str(store.path))
            if notice:
                warn(notice)
            write_output(out, lambda path: (export_xlsx if suffix == ".xlsx" else export_csv)(store, path))
    except StoreError as error:
        raise fail_usage(str(error)) from None
    typer.echo(f"已导出：{out}")
