"""The narrative sentence tagger: every sentence of a report gets a contract label with a calibrated score.

``tag_sentences(text, parts)`` splits the text (:mod:`nlp.sentences`), describes every sentence by its text and
where it sits (:class:`SentenceInput`), and asks the trained model (``models/tagger.joblib``) for a label.

Why these features
    The labels of ``docs/contract.md`` are topical (active, requests, …) *and* positional: the annotation rules
    say "when a sentence fits two labels, prefer the one of the subsection it sits under", and "一是加强培训"
    is ``supervision`` under （五）监督保障 but ``measure`` under （二）改进措施. So besides the words
    (character 1–3-grams, which need no segmenter and survive web noise) the model sees the part and
    subsection the sentence sits in, its relative position in the part, what the nearest heading or lead-in
    above it announces (problems? measures? rectification?), a few cue words whose tense or function the
    annotation rules name (已/将/下一步/有待/以…为指导…), and topic words crossed with the subsection.
    It also sees the character n-grams of the previous and the following sentence of the same part (weighted
    0.7): annotators read a bare list item ("二是拓宽发布途径。") or a line-wrapped fragment by what surrounds
    it, and in reports without standard subsections the neighbours are the only hint of the topic (+0.01
    accuracy, platform/management F1 up by 0.02, see eval/RESULTS.md). jieba words (with the domain
    dictionary) are available (``words=True``) but measured no better than characters, and loading jieba's
    dictionary costs about a second per process.

Text fed to the features is folded: Traditional characters to Simplified (mirror sites publish Traditional
copies; without folding "問題" and "问题" are different features), pinyin glosses and markdown stars dropped,
digits collapsed to ``0`` (a count is a count, whatever its value).

The estimator is a plain scikit-learn :class:`~sklearn.pipeline.Pipeline` (fit/predict/predict_proba, no
state outside it); :func:`build_estimator` makes the variants compared in ``eval/eval_tagger.py``.
``govreport train`` fits it and ships its :class:`CompiledTagger` (same probabilities, numpy only, so analysing
a report never imports scikit-learn) as ``models/tagger.joblib`` with metadata in ``models/tagger.json``.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp import config
from nlp.fold import fold_table
from nlp.model import Part, Tag
from nlp.sentences import segments

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline
    from spacy.tokens import Doc

LABELS = (
    "active",
    "requests",
    "management",
    "platform",
    "supervision",
    "problem",
    "measure",
    "rectification",
    "fees",
    "other_matter",
    "preamble",
)
MODEL_NAME = "tagger"
RANDOM_STATE = 0
# The configuration eval/eval_tagger.py chose (see eval/RESULTS.md, "Sentence tagger"): LogisticRegression over
# character TF-IDF and the structural block at weight 0.5, on the annotations alone. Its own probabilities were
# better calibrated than after sigmoid calibration; jieba words measured no better than characters and would
# cost ~1 s of dictionary loading per process; heading-derived weak examples stopped helping once the
# annotations grew to ~2000 sentences. Weight 0.5 and C=100 rather than the earlier 0.7 and C=10: better on the
# topical labels (management, platform: +0.02 F1 in both protocols), problem/measure unchanged, and the lighter
# structural block with C=10 left the probabilities under-confident (CV calibration error 0.095; 0.01 at C=100).
DEFAULT_SETTINGS: dict[str, Any] = {
    "classifier": "lr",
    "words": False,
    "structure_weight": 0.5,
    "neighbours": True,
    "neighbour_weight": 0.7,
    "C": 100.0,
}
USE_WEAK = False
# Sentences and passages the team wrote itself (corpora/synthetic/, GUIDELINES.md section 4): fictional
# `rectification` examples, look-alike negatives and passages on the hard label boundaries, training only.
# See eval/RESULTS.md for the measured effect (with, without, sentences only).
USE_SYNTHETIC = True
# Fewer examples than this teach a label nothing (and the sigmoid-calibrated variants need 3 for their folds).
MIN_LABEL_EXAMPLES = 3
SCORE_DECIMALS = 4

# The whole mapping (OpenCC's t2s pairs for the Traditional characters of the shared corpora, and the rules'):
# the trained model's features were computed with it.
_FOLD = fold_table()
logger = logging.getLogger(__name__)
_PINYIN_GLOSS = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
_NOISE = re.compile(r"[*#\s\u3000]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[\w\u4e00-\u9fff]")

# Cue words the annotation rules name: tense (已/将/拟/计划), list openers, problem vocabulary, fee and
# other-matter vocabulary, and the framing phrases of preamble sentences. ``last_year``, ``fixed`` and
# ``found_by_others`` spell out rules 9 and 10 of corpora/GUIDELINES.md (last year's problems; a fix of problems
# that an evaluation or a superior found, reported as done), the rarest label's only handles.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("enum_first", r"^(?:[（(]?[一1][)）、.．]|一是|首先|第一)"),
        ("enum", r"^(?:[（(]?[二三四五六七八九十\d]{1,2}[)）、.．]|[二三四五六七八九十]是|其[二三四五六]|其次|最后|第[二三四五六])"),
        ("next_step", r"下一步|下步|今后|下阶段|下一阶段|新的一年|明年|20\d\d年(?:我|将|要|继续)"),
        ("exists", r"存在"),
        ("shortfall", r"不足|不够|有待|尚需|尚未|还需|仍需|仍有|欠缺|薄弱|滞后|单一|较少|不强|不高|不到位|不及时|不全面|差距|短板|问题"),
        ("future", r"将|拟|计划|要|力争|争取|持续|继续|进一步"),
        ("past", r"已|了|完成|实现|通过"),
        ("still", r"仍|依然|还"),
        ("rectify", r"整改|针对.{0,20}(?:问题|不足)|上一?年度?.{0,12}(?:问题|不足|意见|建议)"),
        ("last_year", r"上一?年度|上年|去年|往年"),
        ("fixed", r"整改(?:到位|完成|落实)|已(?:经)?(?:整改|纠正|改正|解决)|及时.{0,12}(?:整改|纠正)|第一时间纠正"),
        ("found_by_others", r"(?:上级|督查|检查|清单|评估|监测|通报|交办|反馈|考评).{0,40}(?:整改|纠正|改正)"),
        ("fees", r"收费|处理费|收取|减免|缴费"),
        ("proposal", r"建议|提案|人大代表|政协委员|议案"),
        ("work_points", r"工作要点|创新|无其他|没有其他|其他需要报告|其它需要报告"),
        ("guidance", r"以.{1,30}为指导|深入贯彻|认真贯彻|坚决贯彻|全面贯彻|精神"),
        ("report_meta", r"本报告|年度报告|统计期限|统计时限|统计时间|数据统计|编制|电子版|下载|如对|疑问|联系电话|联系方式|邮编|地址"),
        ("count", r"\d+(?:\.\d+)?[ ]*(?:余|多)?[ ]*(?:条|件|篇|个|次|场|期|人次|家)"),
        ("request_words", r"依申请|申请人|答复|受理|告知书|复议|诉讼"),
        ("colon_end", r"[:：]$"),
    )
)
# What the nearest heading or lead-in above a sentence announces.
_CONTEXT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("problem", r"问题|不足|困难|差距|短板"),
        ("measure", r"改进|措施|下一步|下步|计划|打算|今后|方向|思路|展望|努力"),
        ("rectification", r"整改|落实情况|上年度|上一年度"),
        ("fees", r"收费|处理费|减免"),
        ("other", r"其他|其它"),
        ("proposal", r"建议|提案|议案"),
        ("work_points", r"工作要点"),
        ("active", r"主动公开"),
        ("requests", r"依申请|申请|复议|诉讼"),
        ("management", r"信息管理|资源管理"),
        ("platform", r"平台|载体|网站|公报|新媒体|形式|途径|渠道|方式"),
        ("supervision", r"监督|保障|考核|评议|培训|组织|领导|制度|队伍|机制"),
        ("overview", r"总体|概述|概况|基本情况"),
    )
)
# Topic vocabulary of the five overview labels, crossed with the subsection in the features: under
# （一）主动公开 a sentence about the website is still ``active``; under （四）平台建设 it is ``platform``.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("active", r"主动公开|发布|解读|发布会|回应|重点领域|公开.{0,6}(?:条|件|篇)"),
        ("requests", r"依申请|申请|答复|受理|复议|诉讼"),
        ("management", r"审查|审核|保密|属性|目录|指南|清理|归档|档案|规范性文件|发布机制"),
        ("platform", r"网站|栏目|专栏|公众号|微信|微博|公报|热线|新媒体|查阅|平台|政务服务网"),
        ("supervision", r"领导小组|培训|考核|督查|督导|责任|组织领导|评议|监督|问责|学习|机制|制度"),
    )
)
_POSITION_BINS = 5
_LENGTH_BINS = (12, 25, 50, 100)


@dataclass(frozen=True)
class SentenceInput:
    """One sentence as the model sees it: its text and where it sits in the report.

    ``position`` is the sentence start relative to its part (0 = the part's start, 1 = its end; relative to
    the text before part 一 for the intro). ``context`` is the latest heading or lead-in ("…如下：") above the
    sentence in the same part, "" when there is none. ``previous`` and ``following`` are the neighbouring
    sentences (or item titles, "（一）提高认识。") in the same part ("" at its edges): a bare list item ("二是拓宽发布
    途径。") or a line-wrapped fragment takes its topic from them.
    """

    text: str
    part: str | None = None
    subsection: str | None = None
    position: float = 0.0
    context: str = ""
    previous: str = ""
    following: str = ""


# --------------------------------------------------------------------------------------------- sentences


def locate(text: str, parts: Sequence[Part], spans: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int, SentenceInput]]:
    """``(start, end, SentenceInput)`` for the given spans of ``text`` (default: all its sentences).

    Context comes from the sentence segmentation of the whole text either way, so gold spans in training and
    split spans at run time get the same description.
    """
    found = segments(text)
    sentences = [(s.start, s.end) for s in found if s.kind == "sentence"]
    spans = sentences if spans is None else list(spans)
    # Neighbours are read in the flow of the text, item titles included: what follows "（一）提高认识。" reads as
    # part of that item, although the title itself gets no tag.
    flow = [(s.start, s.end) for s in found if s.kind in ("sentence", "item")]
    regions = _regions(text, parts)
    region_starts = [r[0] for r in regions]
    # Context change points: a heading announces what follows it; a sentence ending in a colon introduces a list.
    leads = [
        (s.end, text[s.start : s.end])
        for s in found
        if s.kind == "heading" or (s.kind == "sentence" and text[s.end - 1] in ":：")
    ]
    lead_ends = [end for end, _ in leads]
    flow_starts = [start for start, _ in flow]
    flow_ends = [end for _, end in flow]
    located = []
    for start, end in spans:
        region_start, region_end, part = regions[max(0, bisect.bisect_right(region_starts, start) - 1)]
        before = bisect.bisect_right(flow_ends, start) - 1
        after = bisect.bisect_left(flow_starts, end)
        previous = flow[before] if before >= 0 and flow[before][0] >= region_start else None
        following = flow[after] if after < len(flow) and flow[after][1] <= region_end else None
        subsection = None
        if part is not None:
            subsection = next((s.key for s in part.subsections if s.start <= start < s.end), None)
        index = bisect.bisect_right(lead_ends, start) - 1
        context = leads[index][1] if index >= 0 and leads[index][0] > region_start else ""
        length = max(1, region_end - region_start)
        located.append(
            (
                start,
                end,
                SentenceInput(
                    text=text[start:end],
                    part=part.key if part is not None else None,
                    subsection=subsection,
                    position=round(min(1.0, max(0.0, (start - region_start) / length)), 4),
                    context=context,
                    previous=text[previous[0] : previous[1]] if previous else "",
                    following=text[following[0] : following[1]] if following else "",
                ),
            )
        )
    return located


def _regions(text: str, parts: Sequence[Part]) -> list[tuple[int, int, Part | None]]:
    """The intro before the first part, each present part, and the stretches between or after parts that belong
    to no part (a top-level heading of no statutory part ends the part before it, see segment.py)."""
    present = sorted(
        (p for p in parts if p.present and p.start is not None and p.end is not None), key=lambda p: p.start or 0
    )
    first = present[0].start if present else len(text)
    regions: list[tuple[int, int, Part | None]] = [(0, first or 0, None)]
    for part, following in zip(present, [*present[1:], None]):
        start, end = part.start or 0, part.end or 0
        regions.append((start, end, part))
        gap_end = following.start or 0 if following is not None else len(text)
        if gap_end > end:
            regions.append((end, gap_end, None))
    return regions


# ---------------------------------------------------------------------------------------------- features


def previous_text(item: SentenceInput) -> str:
    """The previous sentence as the neighbour features see it (folded like :func:`feature_text`)."""
    return feature_text(item.previous)


def following_text(item: SentenceInput) -> str:
    """The following sentence as the neighbour features see it (folded like :func:`feature_text`)."""
    return feature_text(item.following)


_NEIGHBOURS = {"previous": previous_text, "following": following_text}


def feature_text(item: SentenceInput | str) -> str:
    """The sentence text as the text features see it (see the module docstring: folding and noise)."""
    text = item.text if isinstance(item, SentenceInput) else item
    text = _PINYIN_GLOSS.sub("", text.translate(_FOLD))
    return _DIGITS.sub("0", _NOISE.sub("", text))


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba's default tokenizer with the domain dictionary (the same object spaCy's zh tokenizer uses)."""
    import jieba

    from nlp.tokens import USER_DICT

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(USER_DICT))
    return jieba


# Cached because cross-validation refits on the same sentences, and reports repeat boilerplate sentences.
@lru_cache(maxsize=1 << 16)
def jieba_tokens(text: str) -> tuple[str, ...]:
    """Word tokens of already folded text (punctuation dropped), for the word TF-IDF."""
    return tuple(token for token in _jieba().lcut(text) if _WORD.search(token))


def structure_features(item: SentenceInput) -> dict[str, float]:
    """Where the sentence sits and which cue words it carries, as sparse binary features."""
    text = feature_text(item)
    part = item.part or "none"
    features = {
        f"part={part}": 1.0,
        f"sub={item.subsection or 'none'}": 1.0,
        f"part_pos={part}:{min(_POSITION_BINS - 1, int(item.position * _POSITION_BINS))}": 1.0,
        f"len={bisect.bisect_right(_LENGTH_BINS, len(text))}": 1.0,
    }
    for name, pattern in _CUES:
        if pattern.search(text):
            features[f"cue={name}"] = 1.0
            features[f"cue={name}@{part}"] = 1.0
    for name, pattern in _TOPICS:
        if pattern.search(text):
            features[f"topic={name}"] = 1.0
            features[f"topic={name}@{item.subsection or part}"] = 1.0
    context = item.context.translate(_FOLD)
    for name, pattern in _CONTEXT_CUES:
        if pattern.search(context):
            features[f"ctx={name}"] = 1.0
            features[f"ctx={name}@{part}"] = 1.0
    return features


def _structure_dicts(items: Sequence[SentenceInput]) -> list[dict[str, float]]:
    return [structure_features(item) for item in items]


def build_estimator(
    classifier: str = "lr",
    *,
    words: bool = False,
    structure: bool = True,
    char_features: int = 30000,
    word_features: int = 15000,
    structure_weight: float = 0.7,
    neighbours: bool = False,
    neighbour_weight: float = 0.3,
    neighbour_features: int = 20000,
    C: float = 10.0,
) -> Pipeline:
    """The tagger's scikit-learn pipeline; ``classifier`` is ``lr``, ``svc`` (LinearSVC + sigmoid calibration),
    ``lr_cal`` (LR + sigmoid calibration) or ``nb`` (ComplementNB). Deterministic (fixed random_state)."""
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer, Normalizer
    from sklearn.svm import LinearSVC

    def char_ngrams(text_of: Any, max_features: int) -> Any:
        # The compiled model assumes exactly these settings (see _char_ngrams and compile_model).
        return TfidfVectorizer(
            analyzer="char",
            ngram_range=(1, 3),
            preprocessor=text_of,
            lowercase=False,
            min_df=2,
            max_features=max_features,
            sublinear_tf=True,
            dtype=np.float32,
        )

    blocks: list[tuple[str, Any]] = [("chars", char_ngrams(feature_text, char_features))]
    if words:
        blocks.append(
            (
                "words",
                TfidfVectorizer(
                    analyzer=_word_analyzer,
                    ngram_range=(1, 1),
                    min_df=2,
                    max_features=word_features,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
            )
        )
    weights = {}
    if neighbours:
        for name, text_of in _NEIGHBOURS.items():
            blocks.append((name, char_ngrams(text_of, neighbour_features)))
            weights[name] = neighbour_weight
    if structure:
        blocks.append(
            (
                "structure",
                # l2-normalised like the TF-IDF blocks, so ``structure_weight`` alone sets its share.
                make_pipeline(FunctionTransformer(_structure_dicts), DictVectorizer(dtype=np.float32), Normalizer()),
            )
        )
        weights["structure"] = structure_weight
    features = FeatureUnion(blocks, transformer_weights=weights or None)
    if classifier == "lr":
        model: Any = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=RANDOM_STATE)
    elif classifier == "lr_cal":
        model = CalibratedClassifierCV(
            LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=RANDOM_STATE),
            method="sigmoid",
            cv=3,
            ensemble=False,
        )
    elif classifier == "svc":
        model = CalibratedClassifierCV(
            LinearSVC(C=C / 10, class_weight="balanced", random_state=RANDOM_STATE),
            method="sigmoid",
            cv=3,
            ensemble=False,
        )
    elif classifier == "nb":
        model = ComplementNB(alpha=0.3)
    else:
        raise ValueError(f"unknown classifier {classifier!r}")
    return Pipeline([("features", features), ("classifier", model)])


def _word_analyzer(item: SentenceInput | str) -> list[str]:
    """jieba words and adjacent word pairs of the folded text (pairs keep "不够 及时" apart from "及时")."""
    tokens = jieba_tokens(feature_text(item))
    return [*tokens, *(f"{a} {b}" for a, b in pairwise(tokens))]


# ------------------------------------------------------------------------------------------------ baseline


_BASELINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("fees", r"信息处理费|收费|收取.{0,6}费|减免"),
        ("other_matter", r"建议|提案|工作要点|无其他|没有其他|其他需要报告|其它需要报告"),
        ("preamble", r"以.{1,30}为指导|统计期限|统计时限|本报告|年度报告|如对.{0,10}疑问|联系电话|电子版|下载"),
        ("rectification", r"整改|针对上一?年度?"),
        ("measure", r"下一步|下步|今后|下阶段|将|拟|计划|力争"),
        ("problem", r"存在|不足|有待|不够|尚需|尚未|单一|较少|滞后|薄弱|欠缺|差距"),
        ("requests", r"依申请|申请|答复|受理|复议|诉讼"),
        ("management", r"审查|保密|属性|目录|指南|清理|归档|档案|规范性文件"),
        ("platform", r"网站|栏目|专栏|公众号|微信|微博|公报|热线|新媒体|查阅|平台"),
        ("supervision", r"领导小组|培训|考核|督查|督导|责任|组织领导|评议|监督|问责"),
        ("active", r"主动公开|发布|解读|发布会|回应|公开"),
    )
)
_PART_DEFAULTS = {"problems": "problem", "other_matters": "other_matter", "requests": "requests", "review_litigation": "requests"}


def keyword_baseline(items: Sequence[SentenceInput]) -> list[str]:
    """A real rule baseline: the first label whose cue words the sentence carries (rules ordered from the most
    specific), else the subsection's or part's label, else ``preamble``. What the classifier must beat."""
    labels = []
    for item in items:
        text = feature_text(item)
        label = next((label for label, pattern in _BASELINE_RULES if pattern.search(text)), None)
        if label is None:
            label = item.subsection or _PART_DEFAULTS.get(item.part or "", "active" if item.part else "preamble")
        labels.append(label)
    return labels


# ---------------------------------------------------------------------------------------------- training


def fit(
    inputs: Sequence[SentenceInput],
    labels: Sequence[str],
    sample_weight: Sequence[float] | None = None,
    **settings: Any,
) -> Pipeline:
    """A fitted :func:`build_estimator` pipeline (``sample_weight`` lets weak examples count for less).

    Labels with fewer than :data:`MIN_LABEL_EXAMPLES` examples cannot be calibrated; they are left out with a
    warning (see :func:`rare_labels`) rather than failing the whole fit.
    """
    rare = rare_labels(labels)
    if rare:
        logger.warning("labels with fewer than %d examples left out of training: %s", MIN_LABEL_EXAMPLES, ", ".join(rare))
    keep = [i for i, label in enumerate(labels) if label not in rare]
    model = build_estimator(**{**DEFAULT_SETTINGS, **settings})
    fit_params = {} if sample_weight is None else {"classifier__sample_weight": [sample_weight[i] for i in keep]}
    model.fit([inputs[i] for i in keep], [labels[i] for i in keep], **fit_params)
    return model


def rare_labels(labels: Sequence[str]) -> list[str]:
    """Labels too rare to train on (fewer than :data:`MIN_LABEL_EXAMPLES` examples), in contract order."""
    counts = Counter(labels)
    return [label for label in LABELS if 0 < counts[label] < MIN_LABEL_EXAMPLES]


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-label precision/recall/F1/support, macro-F1 over the labels present in ``gold``, and accuracy."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    present = [label for label in LABELS if label in set(gold)]
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=present, zero_division=0
    )
    per_label = {
        label: {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4), "support": int(s)}
        for label, p, r, f, s in zip(present, precision, recall, f1, support)
    }
    return {
        "macro_f1": round(float(sum(f1) / len(present)), 4) if present else 0.0,
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "n": len(gold),
        "labels": per_label,
    }


def save(model: Pipeline, metadata: dict[str, Any], out_dir: Path, name: str = MODEL_NAME) -> tuple[Path, Path]:
    """Write ``<name>.joblib`` (the :class:`CompiledTagger` of ``model``, compressed) and ``<name>.json``."""
    import joblib

    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / f"{name}.joblib"
    joblib.dump(compile_model(model), model_path, compress=("zlib", 6))
    metadata = {**metadata, "model_file": model_path.name, "model_bytes": model_path.stat().st_size}
    meta_path = out_dir / f"{name}.json"
    meta_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return model_path, meta_path


def library_versions() -> dict[str, str]:
    import jieba
    import numpy
    import sklearn

    return {"scikit-learn": sklearn.__version__, "jieba": jieba.__version__, "numpy": numpy.__version__}


def today() -> str:
    return date.today().isoformat()


# ------------------------------------------------------------------------------------------ compiled model


@dataclass
class CompiledTagger:
    """A fitted linear pipeline reduced to its vocabularies and weights, predicting with numpy alone.

    Why: loading the scikit-learn pipeline imports scikit-learn and SciPy (about a second) on every
    ``govreport analyze`` start. The arithmetic of TF-IDF → l2 → linear decision → sigmoid calibration (or
    softmax) is a few lines, so the shipped model is this object; :func:`compile_model` builds it from the
    pipeline and ``tests/test_tagger.py`` checks both give the same probabilities.
    """

    classes: tuple[str, ...]
    blocks: tuple[tuple[str, dict[str, int], Any | None, float], ...]  # (kind, vocabulary, idf, weight)
    coef: Any  # (n_classes or 1, n_features) float32
    intercept: Any
    sigmoid: tuple[Any, Any] | None  # per-class (a, b) of the sigmoid calibrators; None means softmax

    @property
    def classes_(self) -> tuple[str, ...]:
        return self.classes

    @cached_property
    def _weights(self) -> Any:
        """``coef.T`` in float64, made once per process rather than once per report (it is megabytes)."""
        import numpy as np

        return self.coef.T.astype(np.float64)

    @cached_property
    def _char_lookup(self) -> tuple[tuple[str, ...], dict[str, int], Any]:
        """One table for the character n-gram blocks (the sentence's and its neighbours'): n-gram → row, and
        ``columns[row, b]`` its column in text block ``b`` (−1 when absent), so an n-gram is looked up once."""
        import numpy as np

        text_kinds = tuple(kind for kind, *_ in self.blocks if kind == "chars" or kind in _NEIGHBOURS)
        token_rows: dict[str, int] = {}
        for kind, vocabulary, *_ in self.blocks:
            if kind in text_kinds:
                for token in vocabulary:
                    token_rows.setdefault(token, len(token_rows))
        columns = np.full((len(token_rows), len(text_kinds)), -1, dtype=np.intp)
        for block, (kind, vocabulary, *_) in enumerate(b for b in self.blocks if b[0] in text_kinds):
            columns[[token_rows[token] for token in vocabulary], block] = list(vocabulary.values())
        return text_kinds, token_rows, columns

    def __getstate__(self) -> dict[str, Any]:
        # joblib unpickles with pickle's pure-Python Unpickler, which reads a dict of 70,000 n-grams in ~0.4 s;
        # one numpy array of the n-grams in column order loads in milliseconds and rebuilds the same dict.
        import numpy as np

        state = {key: value for key, value in self.__dict__.items() if key not in ("_weights", "_char_lookup")}
        state["blocks"] = tuple(
            (kind, np.array(sorted(vocabulary, key=vocabulary.__getitem__)), idf, weight)
            for kind, vocabulary, idf, weight in self.blocks
        )
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["blocks"] = tuple(
            (kind, {token: column for column, token in enumerate(tokens.tolist())}, idf, weight)
            for kind, tokens, idf, weight in state["blocks"]
        )
        self.__dict__.update(state)

    def decision_function(self, items: Sequence[SentenceInput]) -> Any:
        """The linear scores ``X @ coef.T + intercept``, with X the row the pipeline's FeatureUnion would build.

        Each row is assembled sparsely (a sentence has a few hundred active features out of tens of thousands).
        """
        import numpy as np

        weights = self._weights
        decision = np.tile(self.intercept, (len(items), 1))
        text_kinds, token_rows, token_columns = self._char_lookup
        # Each sentence's text is also its neighbours' previous/following text: look its n-grams up once.
        ngrams: dict[str, tuple[Any, Any]] = {}
        for row, item in enumerate(items):
            offset = 0
            for kind, vocabulary, idf, weight in self.blocks:
                if kind in text_kinds:
                    raw = item.text if kind == "chars" else item.previous if kind == "previous" else item.following
                    if raw not in ngrams:
                        ngrams[raw] = _ngram_columns(raw, token_rows, token_columns)
                    columns, tf = ngrams[raw]
                    column = columns[:, text_kinds.index(kind)]
                    present = column >= 0
                    indices = column[present]
                    values = tf[present] * idf[indices]
                else:
                    indices, values = _block_values(kind, vocabulary, idf, item)
                norm = float(np.sqrt(values @ values)) if len(values) else 0.0
                if norm > 0:
                    decision[row] += (weight / norm) * (values @ weights[offset + indices])
                offset += len(vocabulary)
        return decision

    def predict_proba(self, items: Sequence[SentenceInput]) -> Any:
        import numpy as np

        decision = self.decision_function(items)
        if self.sigmoid is None:
            decision -= decision.max(axis=1, keepdims=True)
            exp = np.exp(decision)
            return exp / exp.sum(axis=1, keepdims=True)
        a, b = self.sigmoid
        proba = 1.0 / (1.0 + np.exp(a * decision + b))
        if len(self.classes) == 2:
            return np.column_stack([1.0 - proba[:, 0], proba[:, 0]])
        total = proba.sum(axis=1, keepdims=True)
        return np.divide(proba, total, out=np.full_like(proba, 1 / len(self.classes)), where=total != 0)

    def predict(self, items: Sequence[SentenceInput]) -> list[str]:
        return [self.classes[int(row.argmax())] for row in self.predict_proba(items)]


def _block_values(kind: str, vocabulary: dict[str, int], idf: Any, item: SentenceInput) -> tuple[Any, Any]:
    """Active column indices and unnormalised values of the structure block (1.0 flags) or the jieba word block
    (sublinear TF × IDF); the character blocks go through :func:`_ngram_columns`."""
    import numpy as np

    if kind == "structure":
        found = {vocabulary[key]: value for key, value in structure_features(item).items() if key in vocabulary}
        return np.fromiter(found, dtype=np.intp, count=len(found)), np.fromiter(found.values(), dtype=np.float64, count=len(found))
    counts = Counter(vocabulary[token] for token in _word_analyzer(item) if token in vocabulary)
    indices = np.fromiter(counts, dtype=np.intp, count=len(counts))
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[indices]
    return indices, values


def _ngram_columns(raw: str, token_rows: dict[str, int], token_columns: Any) -> tuple[Any, Any]:
    """The known character n-grams of ``raw`` (folded by :func:`feature_text`): their columns in every text
    block (rows of ``token_columns``) and their sublinear term frequencies."""
    import numpy as np

    counts = Counter(_char_ngrams(feature_text(raw)))
    found = {row: count for token, count in counts.items() if (row := token_rows.get(token)) is not None}
    rows = np.fromiter(found, dtype=np.intp, count=len(found))
    tf = 1.0 + np.log(np.fromiter(found.values(), dtype=np.float64, count=len(found)))
    return token_columns[rows], tf


def _char_ngrams(text: str, low: int = 1, high: int = 3) -> list[str]:
    """scikit-learn's ``analyzer="char"`` n-grams of text without whitespace (feature_text removes it)."""
    return [text[i : i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]


def compile_model(model: Pipeline) -> CompiledTagger:
    """The :class:`CompiledTagger` equivalent of a fitted :func:`build_estimator` pipeline (LR or calibrated)."""
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    union = model.named_steps["features"]
    weights = union.transformer_weights or {}
    blocks = []
    for name, transformer in union.transformer_list:
        if name == "structure":
            vectorizer = transformer.steps[1][1]
            blocks.append(("structure", dict(vectorizer.vocabulary_), None, float(weights.get(name, 1.0))))
        else:
            if (name == "chars" or name in _NEIGHBOURS) and tuple(transformer.ngram_range) != (1, 3):
                raise ValueError("compiled char features assume ngram_range (1, 3)")
            blocks.append((name, dict(transformer.vocabulary_), transformer.idf_.astype(np.float64), float(weights.get(name, 1.0))))
    classifier = model.named_steps["classifier"]
    if isinstance(classifier, CalibratedClassifierCV):
        if len(classifier.calibrated_classifiers_) != 1 or classifier.method != "sigmoid":
            raise ValueError("only CalibratedClassifierCV(method='sigmoid', ensemble=False) can be compiled")
        calibrated = classifier.calibrated_classifiers_[0]
        linear = calibrated.estimator
        if list(linear.classes_) != list(classifier.classes_):
            raise ValueError("calibrated estimator classes differ from the calibrator's")
        sigmoid = (
            np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64),
            np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64),
        )
    elif isinstance(classifier, LogisticRegression):
        linear, sigmoid = classifier, None
    else:
        raise TypeError(f"cannot compile {type(classifier).__name__}")
    return CompiledTagger(
        classes=tuple(str(c) for c in classifier.classes_),
        blocks=tuple(blocks),
        coef=np.asarray(linear.coef_, dtype=np.float32),
        intercept=np.asarray(linear.intercept_, dtype=np.float64),
        sigmoid=sigmoid,
    )


# ---------------------------------------------------------------------------------------------- inference


def default_model_path() -> Path:
    return config.MODELS_DIR / f"{MODEL_NAME}.joblib"


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> CompiledTagger:
    """The shipped model at ``path`` (default ``$GOVREPORT_MODELS/tagger.joblib``), loaded once per process."""
    import joblib

    path = path or default_model_path()
    if not path.is_file():
        raise FileNotFoundError(f"sentence tagger model not found: {path} (train one with `govreport train`)")
    model = joblib.load(path)
    if not isinstance(model, CompiledTagger):
        raise TypeError(f"{path} does not hold a compiled sentence tagger (retrain with `govreport train`)")
    return model


def tag_sentences(
    text: str, parts: Sequence[Part], model_path: Path | None = None, *, exclude: Sequence[tuple[int, int]] = ()
) -> list[Tag]:
    """Every narrative sentence of ``text`` with its label and the model's probability for it.

    Sentences starting inside an ``exclude`` span (the statutory tables, :class:`nlp.model.TableRegion`) are
    not narrative: a table exported one cell per line reads like short sentences ("信息内容", "自然人").
    """
    located = [
        (start, end, item) for start, end, item in locate(text, parts) if not any(a <= start < b for a, b in exclude)
    ]
    if not located:
        return []
    model = load_model(model_path)
    probabilities = model.predict_proba([item for _, _, item in located])
    classes = model.classes
    tags = []
    for (start, end, item), row in zip(located, probabilities):
        best = int(row.argmax())
        tags.append(
            Tag(
                label=str(classes[best]),
                score=round(float(row[best]), SCORE_DECIMALS),
                text=item.text,
                start=start,
                end=end,
                part=item.part,
                subsection=item.subsection,
            )
        )
    return tags


# ------------------------------------------------------------------------------------------ spaCy component

COMPONENT_NAME = "govreport_tagger"


class SentenceTaggerComponent:
    """Puts the tags into ``doc.spans["tags"]`` (``span.label_`` = label, ``span._.tag_score`` = score).

    Parts come from ``doc.user_data["parts"]`` when an earlier stage put them there, else from
    :func:`nlp.segment.find_parts` on the Doc's text.
    """

    def __init__(self, model_path: str | None = None) -> None:
        self.model_path = Path(model_path) if model_path else None

    def __call__(self, doc: Doc) -> Doc:
        from nlp.segment import find_parts

        parts = doc.user_data.get("parts")
        if parts is None:
            parts = find_parts(doc.text)
        return add_tag_spans(doc, tag_sentences(doc.text, parts, self.model_path))


def add_tag_spans(doc: Doc, tags: Sequence[Tag]) -> Doc:
    """``doc.spans["tags"]`` from ``tags`` (spans grow to whole tokens; the Tag keeps the exact offsets)."""
    from spacy.tokens import Span

    if not Span.has_extension("tag_score"):
        Span.set_extension("tag_score", default=None)
    spans = []
    for tag in tags:
        span = doc.char_span(tag.start, tag.end, label=tag.label, alignment_mode="expand")
        if span is None:
            raise ValueError(f"tag {tag.start}:{tag.end} lies outside the Doc text")
        span._.tag_score = tag.score
        spans.append(span)
    doc.spans["tags"] = spans
    return doc


def register_component() -> None:
    """Register the ``govreport_tagger`` factory with spaCy (idempotent).

    Not done at import time: :func:`tag_sentences` needs no spaCy, and importing it costs about a second.
    """
    from spacy.language import Language

    if Language.has_factory(COMPONENT_NAME):
        return

    @Language.factory(COMPONENT_NAME, default_config={"model_path": None})
    def make_component(nlp: Language, name: str, model_path: str | None) -> SentenceTaggerComponent:
        return SentenceTaggerComponent(model_path)
