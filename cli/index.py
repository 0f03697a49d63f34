"""``govreport index build PATH... --out DIR``: build the corpus index of near-identical sentences.

The index (:mod:`nlp.index`) stores shingle hashes, band keys and source references only, never text, so
an index built from real reports can ship with the project (the default one lives in ``models/index/``).
"""

from __future__ import annotations

import datetime as dt
import shlex
import time
from pathlib import Path
from typing import List

import typer

from cli.app import App
from cli.common import EXIT_SOME_FAILED, fail_usage, stderr_console

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
    # exists=True: a path that does not exist is a usage error naming it (Chinese and English, cli/app.py).
    paths: List[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="报告文件、文件夹（递归）或 pages.jsonl 格式的 JSONL 文件。"
    ),
    out: Path = typer.Option(..., "--out", "-o", file_okay=False, metavar="DIR", help="索引输出目录，例如 models/index。"),
) -> None:
    """从报告构建近似句索引：每句归一化（数字、本机关名称屏蔽）后计算 MinHash 签名。"""
    from cli.inputs import nothing_to_analyse, scan_inputs
    from nlp.errors import os_reason
    from nlp.index import build_index

    scan = scan_inputs(paths)
    if not scan.files and not any(path.suffix.lower() == ".jsonl" for path in scan.unsupported):
        raise fail_usage(nothing_to_analyse(paths))
    started = time.perf_counter()
    command = " ".join(["govreport index build", *(shlex.quote(str(p)) for p in paths), "--out", shlex.quote(str(out))])
    index = build_index(paths, info={"command": command, "built": dt.date.today().isoformat()})
    if not len(index):
        names, names_en = "、".join(map(str, paths)), ", ".join(map(str, paths))
        stderr_console().print(
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
    typer.echo(
        f"已写入 {out}：报告 {len(index.sources)} 份，句子 {len(index)} 条，机关 {len(index.agencies)} 个，"
        f"{size / 1e6:.1f} MB，用时 {time.perf_counter() - started:.1f} 秒。"
    )
