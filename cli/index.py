"""``govreport index build PATH... --out DIR``: build the corpus index of near-identical sentences.

The index (:mod:`nlp.index`) stores shingle hashes, band keys and source references only, never text, so
an index built from real reports can ship with the project (the default one lives in ``models/index/``). An
office builds its own (say, of this spring's reports) and passes it to ``analyze``/``score``/``summarize`` with
``--index DIR``; an existing index is only overwritten with ``--force``.
"""

from __future__ import annotations

import datetime as dt
import shlex
import time
from pathlib import Path
from typing import List

import typer

from cli.app import App
from cli.common import EXIT_SOME_FAILED, fail_usage, failure_line, stderr_console

index_app = App(
    help="语料库近似句索引：统计某句话有多少个其他机关写过几乎相同的句子（用于套话与抄袭判断）。",
    no_args_is_help=True,
    add_completion=False,
)


@index_app.callback()
def main() -> None:
    """语料库近似句索引（只保存哈希签名与来源，不保存报告原文）。"""


@index_app.command()
def build(
    # readable=False and no exists=True, as in analyze: an unreadable file is reported by the reader, and a
    # path that does not exist is a usage error from cli.inputs.require_existing, which also names broken links.
    paths: List[Path] = typer.Argument(
        ..., readable=False, metavar="PATH", help="报告文件、文件夹（递归）或 pages.jsonl 格式的 JSONL 文件。"
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        "-o",
        file_okay=False,
        metavar="DIR",
        help="索引输出目录，例如 索引/2024；之后用 analyze、score、summarize 的 --index 目录 使用它。",
    ),
    force: bool = typer.Option(False, "--force", help="覆盖 --out 目录中已有的索引（包括自带索引 models/index）。"),
) -> None:
    """从报告构建近似句索引：每句归一化（数字、本机关名称屏蔽）后计算 MinHash 签名。

    例如用本地区今年的全部报告构建索引，再以 --index 评分，可发现多个机关彼此雷同的句子。
    无法读取的文件和不是年度报告的文件（如空白模板，与 analyze 的判断相同）逐个列出原因，其余文件照常建入索引（退出码 1）。
    内容完全相同的文件只建入一次，逐个列出。
    """
    from cli.inputs import nothing_to_analyse, require_existing, scan_inputs
    from nlp.errors import ReportError, os_reason
    from nlp.index import ARRAYS_FILE, META_FILE, build_index

    require_existing(paths)
    if not force and any((out / name).exists() for name in (META_FILE, ARRAYS_FILE)):
        raise fail_usage(
            f"{out} 中已有语料索引，未覆盖；如确需替换，请加 --force，或换一个 --out 目录。"
            f"/ {out} already holds a corpus index, not overwritten: add --force to replace it, or choose another --out."
        )
    scan = scan_inputs(paths)
    # JSONL page files are corpora of their own here, not unsupported files.
    jsonl = [path for path in scan.unsupported if path.suffix.lower() == ".jsonl"]
    scan.unsupported = [path for path in scan.unsupported if path.suffix.lower() != ".jsonl"]
    console = stderr_console()
    skipped = scan.skipped_line()
    if skipped:
        console.print(skipped, highlight=False, markup=False)
    failed: list[ReportError] = list(scan.unreadable)
    for error in failed:
        console.print(f"错误：{failure_line(error.path, error.message, error.message_en)}", highlight=False, markup=False)
    if not scan.files and not jsonl:
        raise fail_usage(nothing_to_analyse(paths))

    def unreadable(error: ReportError) -> None:
        failed.append(error)
        console.print(f"错误：{failure_line(error.path, error.message, error.message_en)}", highlight=False, markup=False)

    duplicates: list[str] = []

    def duplicate(ref: str, same: str) -> None:
        duplicates.append(ref)
        console.print(f"重复：{ref} 与 {same} 内容完全相同（只建入索引一次）。", highlight=False, markup=False)

    started = time.perf_counter()
    command = " ".join(["govreport index build", *(shlex.quote(str(p)) for p in paths), "--out", shlex.quote(str(out))])
    info = {"command": command, "built": dt.date.today().isoformat()}
    index = build_index([*scan.files, *jsonl], info=info, on_error=unreadable, on_duplicate=duplicate)
    if not len(index):
        names, names_en = "、".join(map(str, paths)), ", ".join(map(str, paths))
        console.print(
            f"错误：没有读到任何可索引的句子：{names} 中的报告都无法读取或不含正文句子。"
            f"/ No sentences to index: the reports in {names_en} could not be read or have no narrative sentences.",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(code=EXIT_SOME_FAILED)
    try:
        index.save(out)
    except OSError as error:
        reason, reason_en = os_reason(error, "写入")
        raise fail_usage(f"无法写入 {out}：{reason}。/ Cannot write {out}: {reason_en}.") from None
    size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    not_indexed = len(failed) + len(scan.unsupported)
    typer.echo(
        f"已写入 {out}：报告 {len(index.sources)} 份，句子 {len(index)} 条，机关 {len(index.agencies)} 个，"
        f"{size / 1e6:.1f} MB，用时 {time.perf_counter() - started:.1f} 秒。"
        + (f"另有 {not_indexed} 个文件无法读取、不支持或不是年度报告，未建入索引（见上）。" if not_indexed else "")
        + (f"{len(duplicates)} 个文件与其他文件内容完全相同，只建入一次（见上）。" if duplicates else "")
    )
    if not_indexed:
        raise typer.Exit(code=EXIT_SOME_FAILED)
