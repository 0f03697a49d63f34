"""``govreport train``: retrain the sentence tagger from the stand-off annotations (thin wiring only).

The training logic lives in :func:`nlp.corpus.train_model` (held-out measurement, then a fit on everything)
and :mod:`nlp.tagger` (features, estimator, saving).
"""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import fail_usage
from nlp import config


def train(
    # exists/file_okay: a missing or wrong --corpus is refused while the command line is read (a Chinese and
    # English usage error from cli/app.py naming the path), before the training stack is imported.
    corpus: Path = typer.Option(..., "--corpus", exists=True, file_okay=False, metavar="DIR", help="真实语料根目录（如 ../shared/corpora），标注中的 source 路径相对于它。"),
    # No default value here: the help would print it, and an absolute path in the help depends on where the
    # project lives (and is cut with "…" at 80 columns when that is deep).
    out: Path | None = typer.Option(
        None, "--out", file_okay=False, metavar="DIR", help="模型输出目录（写入 <名称>.joblib 与 <名称>.json）；默认为项目的 models/（设置了环境变量 GOVREPORT_MODELS 时为该目录）。"
    ),
    name: str = typer.Option("tagger", "--name", metavar="NAME", help="模型名称（文件名前缀）。"),
    annotations: Path | None = typer.Option(
        None, "--annotations", exists=True, metavar="PATH", help="句子标注目录（sentences*.jsonl）或单个标注文件；默认为项目的 corpora/annotations。"
    ),
    weak: bool | None = typer.Option(None, "--weak/--no-weak", help="是否加入由小标题推出的弱标注句子（仅用于训练）；默认按模型设定。"),
    synthetic: bool | None = typer.Option(
        None, "--synthetic/--no-synthetic", help="是否加入项目自撰的虚构句子（corpora/synthetic，仅用于训练）；默认按模型设定。"
    ),
) -> None:
    """训练句子分类模型：核验标注、按机构留出约 25%（按标签分层，同一机构不拆分）评估，再用全部标注训练并保存模型与元数据。"""
    # Imported here: the training stack (joblib, the corpus loader) must not slow down every other command.
    from nlp.corpus import ANNOTATIONS_DIR, MANIFEST, load_corpus, train_model, write_manifest
    from nlp.tagger import USE_SYNTHETIC, USE_WEAK, save

    annotations = annotations or ANNOTATIONS_DIR
    out = out or config.MODELS_DIR
    weak = USE_WEAK if weak is None else weak
    synthetic = USE_SYNTHETIC if synthetic is None else synthetic
    data = load_corpus(annotations, corpus)
    for mismatch in data.mismatches:
        typer.echo(f"警告：标注与原文不符，已跳过：{mismatch.file}:{mismatch.line} {mismatch.source}（{mismatch.reason}）", err=True)
    if not data.examples:
        count = len(data.mismatches)
        reason, reason_en = (
            (f"全部 {count} 条与 {corpus} 中的原文不符", f"all {count} differ from the texts under {corpus}")
            if count
            else ("没有找到任何标注记录", "no annotation records found")
        )
        raise fail_usage(
            f"{annotations} 中没有可用的句子标注：{reason}。/ No usable sentence annotations in {annotations}: {reason_en}."
        )
    run = train_model(data, use_weak=weak, use_synthetic=synthetic)
    model_path, meta_path = save(run.model, run.metadata, out, name)
    if annotations.resolve() == ANNOTATIONS_DIR.resolve():
        write_manifest(data, run.weak, MANIFEST, run.synthetic)
    heldout = run.metadata["heldout"]
    metrics = heldout["metrics"]
    typer.echo(
        f"已训练：{len(data.examples)} 条标注句子（{len(data.mismatches)} 条不符被跳过），弱标注 {run.metadata['weak_examples']} 条，"
        f"自撰句子 {len(run.synthetic)} 条（仅用于训练）。\n"
        f"留出评估（{heldout['split']}）：macro-F1 {metrics['macro_f1']:.3f}，准确率 {metrics['accuracy']:.3f}；"
        f"关键词基线 macro-F1 {heldout['keyword_baseline']['macro_f1']:.3f}。\n"
        f"模型：{model_path}（{model_path.stat().st_size / 1e6:.1f} MB）\n元数据：{meta_path}"
    )
    if run.metadata["labels_left_out"]:
        typer.echo(f"警告：以下标签样本不足 3 条，未参与训练：{'、'.join(run.metadata['labels_left_out'])}", err=True)

