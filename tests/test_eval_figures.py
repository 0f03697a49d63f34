"""``eval/eval_figures.py`` scores what ships: the extractor run as the pipeline runs it, spans carried back to the
stored text the gold offsets index. Texts are written for these tests (fictional agency)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from nlp.corpus import SourceText
from nlp.pipeline import analyze

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"

# Normalisation deletes the conversion residue and the spaces around the figure, so the pipeline's offsets are not
# the stored text's.
STORED = (
    "[bookmark: _GoBack]青禾区水务局2024年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "（一）主动公开情况\n"
    "全年主动公开政府信息 120 条，其中政策解读 6 篇。\n"
    "二、主动公开政府信息情况\n"
)


@pytest.fixture(scope="module")
def eval_figures():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(EVAL_DIR))  # the script imports its sibling ``results``
        spec = importlib.util.spec_from_file_location("eval_figures", EVAL_DIR / "eval_figures.py")
        module = importlib.util.module_from_spec(spec)
        patch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up while it runs
        spec.loader.exec_module(module)
    return module


def test_predictions_are_the_pipelines_carried_back_to_the_stored_text(eval_figures, tmp_path):
    source = "pages/pages.jsonl#qinghe2024"
    loaded = SourceText(source, STORED, hashlib.sha256(STORED.encode("utf-8")).hexdigest(), "青禾区水务局")
    year, figures = eval_figures.pipeline_figures(loaded)
    path = tmp_path / "qinghe2024.txt"
    path.write_text(STORED, encoding="utf-8")
    shipped = analyze(path)
    assert year == shipped.meta.year == 2024
    # same figures as the pipeline, with its parts (an extractor run with parts=[] has no part keys)
    assert [(f.category, f.value, f.part, f.subsection) for f in figures] == [
        (f.category, f.value, f.part, f.subsection) for f in shipped.figures
    ] == [("active_disclosure_items", 120, "overview", "active"), ("policy_interpretations", 6, "overview", "active")]
    # …at the stored text's offsets, covering the spaces normalisation took out
    assert [STORED[f.start : f.end] for f in figures] == ["120 条", "6 篇"]
