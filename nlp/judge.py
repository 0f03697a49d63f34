"""Judge the narrative like a reviewer: boilerplate, specificity, and whether every problem has its measure.

The 2021 format says the content "不能遗漏，也不宜泛化", and reviewers mark down 内容雷同 and 敷衍塞责. This stage
turns that into evidence on every tagged sentence (``Tag.commonness``, ``Tag.boilerplate``,
``Tag.specificity``, ``Tag.similar_agencies``, ``Tag.earlier_years``) and into per-part boilerplate shares
(``Analysis.boilerplate_share``). The checks of ``nlp/checks/originality.py`` and ``nlp/checks/specificity.py``
read that evidence; nothing here decides severities.

Boilerplate
    A sentence is boilerplate when it reports nothing of this agency's own and either (a) at least
    :data:`COMMON_AGENCIES` other agencies in the corpus index published a near-identical sentence
    (:mod:`nlp.index`), or (b) it is made of the stock phrases of :data:`GENERIC_PHRASES` with no concrete
    anchor (specificity below :data:`VAGUE_BELOW`). A sentence that carries data (a figure of
    :mod:`nlp.figures`, or a count) is never boilerplate: "全年主动公开信息#条" is a common *frame* around this
    agency's number. Statutory statements (fees, "无其他需要报告的事项") use mandated wording and are exempt.

Specificity (problem and measure sentences, 0 … 1)
    ``A / (A + G + PRIOR)``: ``A`` sums the weights of the concrete-anchor kinds the sentence has (a counted
    quantity, a date or deadline, a named 栏目/文件 in quotes or 《》, an owner, disclosure objects and
    concrete symptoms), ``G`` the weights of each generic verb, intensifier, abstract noun and stock phrase.
    A sentence with no anchor scores 0 however it is phrased; anchors drown out a few generic verbs, and the
    prior keeps a single weak anchor below the middle. The vocabularies are data (the tuples below), so a
    reviewer can read and extend them.

Problem → measure alignment
    Each problem is matched with the measure sharing most *content bigrams* (character bigrams after
    removing generic verbs, intensifiers, abstract nouns and the words every report uses, 信息/公开/政务/工作…).
    Character bigrams instead of jieba words because domain compounds are split inconsistently (政策解读 vs
    解读) and because this stage must not pay for loading the tokenizer. A problem is covered when it shares
    at least :data:`ALIGN_MIN_SHARED` content bigram with a measure: once the generic words are gone, one shared
    bigram (培训, 解读, 栏目) already names the same object, while a problem made only of generic words
    ("意识有待进一步提高") has nothing left to match — which is the E12 defect. A problem is one *item*: a
    sentence and the unnumbered problem sentences that follow it within its paragraph ("1.信息更新不够及时。部分政策
    法规的发布存在延迟…"), matched by what they say together, so a short item title is answered by what its
    explanation names; "一是…。二是…。" in one paragraph are two items. A problem item standing alone between
    measures, or before the first (问题, then "对此，我们将…"; one problem after another, each followed by its
    measures), is answered by the measure that directly follows it, whatever words they share: position is the
    one-to-one mapping there. Words decide only where several problems come before their measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from nlp.index import CorpusIndex
from nlp.model import Analysis, Figure, Tag

COMMON_AGENCIES = 3
"""Other agencies with a near-identical sentence from which a sentence counts as template boilerplate."""
VAGUE_BELOW = 0.2
"""Specificity under which a problem or measure sentence is vague (E12) and a stock-phrase sentence boilerplate."""
JUDGED_LABELS = ("problem", "measure")
STATUTORY_LABELS = ("fees", "other_matter")
ALIGN_MIN_SHARED = 1
PRIOR = 0.3

# Concrete anchors: (kind, weight, pattern). Each kind counts once, except objects (capped, see OBJECT_CAP).
ANCHORS: tuple[tuple[str, float, str], ...] = (
    (
        "quantity",
        0.35,
        r"\d+(?:\.\d+)?\s*(?:%|‰|件|条|次|篇|个|场|期|项|名|人次|人|家|天|小时|工作日|万)"
        r"|[两二三四五六七八九十百千]+(?:件|条|次|篇|场|期|项|名|人次|家|天)",
    ),
    (
        "deadline",
        0.3,
        r"(?:年底|月底|年内|季度末|上半年|下半年|年末)前?|\d{1,2}月(?:底|份|前|\d{1,2}日)?|[一二三四]季度"
        r"|每(?:月|周|季度?|年|半年|日)|\d+个?工作日|限期|前完成|按(?:月|季度?|周|日)|当日|次日",
    ),
    # Quoting the 条例 itself names nothing: every report cites it.
    ("named", 0.2, r"“[^”]{2,30}”|《(?!(?:中华人民共和国)?政府信息公开条例》|条例》)[^》]{2,40}》|\"[^\"]{2,30}\""),
    (
        "owner",
        0.25,
        r"由[^，。；]{1,12}(?:负责|牵头|审核|复核|办理)|责任(?:人|科室|处室|股室|部门|单位)|专人|专职|分管(?:领导|负责人)"
        r"|牵头(?:科室|部门)|信息员|审核员|联络员|办公室(?:负责|牵头)",
    ),
    (
        "symptom",
        0.15,
        r"单一|滞后|延迟|缺失|缺少|遗漏|错误|失效|不统一|不一致|流动快|流动性大|兼职|看不懂|分散|过时|空白|断链|错链"
        r"|未(?:能)?(?:及时)?(?:更新|公开|发布|答复|归档)|不及时|更新慢|格式不|无法",
    ),
)
OBJECTS = (
    r"政策解读|图解|视频|短视频|办事指南|公开目录|公开指南|依申请|答复|告知书|文书|范本|模板|台账|清单|栏目|专栏|公众号"
    r"|视频号|微博|门户网站|网站|政府公报|公报|查阅|热线|留言|规范性文件|预决算|财政资金|双随机|行政处罚|行政许可|环评"
    r"|审批|采购|建议提案|提案|工作动态|政策法规|链接|错别字|错敏|发布流程|审核流程|保密审查|公开属性|数据|统计|重点领域"
    r"|新闻发布会|发布会|问答|解读材料|人员|队伍|培训|意见征集|征求意见|会议|档案|归档|信息员"
)
OBJECT_WEIGHT = 0.1
OBJECT_CAP = 0.3

GENERIC_WORDS = (
    r"加强|提高|提升|强化|加大|完善|健全|增强|深化|优化|推进|推动|落实|规范|丰富|拓展|拓宽"
    r"|进一步|不断|持续|切实|全面|深入|着力|努力|认真|积极|扎实|大力|继续"
    r"|意识|认识|水平|能力|力度|实效|质量|氛围|理念|作风|主动性|时效性|针对性|实用性|规范性|透明度|重要性"
)
GENERIC_WORD_WEIGHT = 0.08
# Political framing: a sentence built on it reports no disclosure work unless it carries a figure. The slogan
# counts inside such preambles ("7项科技行动") are not figures (../shared/docs/domain.md).
POLITICAL_PREAMBLE: tuple[str, ...] = (
    r"以习近平新时代中国特色社会主义思想为指导",
    r"深入(?:学习)?贯彻(?:落实)?[^。；]{0,40}(?:精神|重要论述|重要讲话|决策部署)",
    r"坚持以人民为中心",
    r"(?:增强|树牢)[“\"]?四个意识|(?:坚定|做到)[“\"]?四个自信|[“\"]?两个维护",
)
# Stock phrases of template reports ("Boilerplate looks like" in ../shared/docs/domain.md).
GENERIC_PHRASES: tuple[str, ...] = (
    r"(?:意识|认识|能力|水平|素质)[^。；，]{0,6}(?:有待|还需|仍需|尚需|需要)(?:进一步)?(?:提高|提升|加强|增强)",
    r"(?:有待|还需|仍需|尚需|亟需|需要)进一步(?:加强|提高|提升|完善|健全|丰富|规范|增强|拓展)",
    r"(?:内容|形式|渠道)[^。；，]{0,4}(?:还需|有待|仍需|尚需)(?:进一步)?丰富",
    r"再上(?:一个)?新?台阶",
    r"确保[^。；]{0,16}(?:准确|及时|全面|规范)、(?:准确|及时|全面|规范)",
    r"(?:不断|持续|全面|切实|进一步)(?:提升|提高)[^。；，]{0,12}(?:水平|质量|实效|能力)",
    r"(?:进一步)?(?:提高|增强)(?:思想)?认识",
    r"(?:推动|推进|促进)[^。；，]{0,14}(?:高质量发展|走深走实|取得(?:新|更大)?成效|规范化|标准化)",
    r"营造[^。；，]{0,10}氛围",
    r"切实(?:提高|提升|加强|增强|做好|履行)",
    r"(?:培训|学习)(?:较少|不足|不够|还不够)",
    r"(?:公开)?(?:意识|理念)(?:不强|不足|淡薄|薄弱)",
    r"(?:严格|认真)(?:落实|执行|贯彻)[^。；]{0,24}(?:要求|规定|部署)",
    r"以公开为常态、?不公开为例外",
    r"(?:仍然)?存在(?:一些|一定的?)?(?:不足|差距|薄弱环节)",
    r"(?:不断|持续|进一步)(?:加强|加大)[^。；，]{0,8}(?:力度|工作)",
)
GENERIC_PHRASE_WEIGHT = 0.25
# Words every disclosure report uses: shared by a problem and a measure they say nothing about the object.
# "信息员" (the staff who publish) is an object, not the ubiquitous 信息: "信息员流动快" / "建立信息员传帮带机制".
ALIGN_STOP = (
    r"信息(?!员)|公开|政务|政府|工作|我局|我委|我办|本局|本机关|单位|部门|方面|问题|存在|措施|下一步|将|要|的|和|及|与|等|了|是"
    r"|一是|二是|三是|四是|五是|不够|不足|有待|还需|仍需|尚需|较为|比较|部分|一些|相关|有关|进行|开展|做好|确保|及时|准确"
    r"|我镇|我们|按照|要求|以下|主要|情况|成效|成绩|一定|取得|目前|今年|年度"
)
# A sentence that only announces the list that follows: "存在以下问题：", "还有一些需要加强和改进的地方。"
ANNOUNCEMENT = re.compile(r"[:：]\s*$|(?:存在|还有|仍有)(?:一些|以下|如下|不少)[^。；，]{0,12}(?:问题|不足|差距|地方|环节)[。；]?\s*$")
# A problem reported as already fixed ("上年度…问题已整改完成") is an account of last year, not a current problem.
FIXED = re.compile(r"已(?:经)?(?:全部|基本)?(?:整改|完成|解决|落实|改进)|整改(?:完成|到位|完毕)")
RECTIFICATION = re.compile(r"上(?:一)?年度|去年|(?<!比)上年|以往|往年|前期|整改|已(?:经)?(?:完成|解决|落实|改进)")
DATA = re.compile(ANCHORS[0][2])

_ANCHORS = tuple((kind, weight, re.compile(pattern)) for kind, weight, pattern in ANCHORS)
_OBJECTS = re.compile(OBJECTS)
_GENERIC_WORDS = re.compile(GENERIC_WORDS)
_GENERIC_PHRASES = tuple(re.compile(pattern) for pattern in POLITICAL_PREAMBLE + GENERIC_PHRASES)
_POLITICAL = tuple(re.compile(pattern) for pattern in POLITICAL_PREAMBLE)
_ALIGN_REMOVE = re.compile(rf"{GENERIC_WORDS}|{ALIGN_STOP}|[^\u4e00-\u9fffA-Za-z]")


@dataclass(frozen=True)
class Evidence:
    """Why a sentence scored as it did: the anchor kinds found and the generic words and phrases."""

    anchors: tuple[str, ...]
    generic: tuple[str, ...]
    score: float


def specificity(text: str) -> Evidence:
    """Specificity of one sentence (see the module docstring) with its evidence."""
    anchors = [kind for kind, _, pattern in _ANCHORS if pattern.search(text)]
    weight = sum(w for kind, w, _ in _ANCHORS if kind in anchors)
    objects = set(_OBJECTS.findall(text))
    weight += min(OBJECT_CAP, OBJECT_WEIGHT * len(objects))
    anchors += sorted(objects)
    phrases = [m.group() for pattern in _GENERIC_PHRASES for m in pattern.finditer(text)]
    words = _GENERIC_WORDS.findall(text)
    generic = GENERIC_PHRASE_WEIGHT * len(phrases) + GENERIC_WORD_WEIGHT * len(words)
    score = weight / (weight + generic + PRIOR)
    return Evidence(tuple(anchors), tuple(phrases + words), round(score, 3))


def is_lead_in(text: str) -> bool:
    """Whether a problem or measure sentence only introduces the items after it (not itself judged)."""
    return bool(ANNOUNCEMENT.search(text))


def is_political_preamble(text: str) -> bool:
    return any(pattern.search(text) for pattern in _POLITICAL)


def is_stock_phrasing(text: str) -> bool:
    return any(pattern.search(text) for pattern in _GENERIC_PHRASES)


def _has_data(tag: Tag, figures: Sequence[Figure] | None) -> bool:
    """Figures when the analysis is known (nlp.figures tells counts from years and slogan counts), else any
    counted number in the text."""
    if figures is None:
        return bool(DATA.search(tag.text))
    return any(tag.start <= f.start < tag.end for f in figures)


def judge_tags(analysis_or_tags: Analysis | Sequence[Tag], index: CorpusIndex | None) -> list[Tag]:
    """The tags with their boilerplate and specificity evidence filled in (new Tag objects, input untouched).

    Given an :class:`Analysis`, its agency and source hash keep the report from matching itself in the index,
    its figures tell which sentences carry data, and its year separates earlier years of the same agency
    (E10) from mirror copies of this very report. Given bare tags, those are unknown: every indexed sentence
    counts, and data is recognised by counted numbers in the text. Without an index (``None``) commonness stays
    ``None`` and boilerplate rests on stock phrasing alone.
    """
    if isinstance(analysis_or_tags, Analysis):
        analysis = analysis_or_tags
        tags, figures = analysis.tags, analysis.figures
        agency, sha256, year = analysis.meta.agency, analysis.document.source.sha256, analysis.meta.year
    else:
        tags, figures, agency, sha256, year = list(analysis_or_tags), None, None, "", None
    lookups = index.lookup([t.text for t in tags], agency=agency, sha256=sha256) if index is not None else None
    judged = []
    for number, tag in enumerate(tags):
        evidence = specificity(tag.text)
        lookup = lookups[number] if lookups is not None else None
        common = lookup is not None and lookup.commonness >= COMMON_AGENCIES
        generic = is_political_preamble(tag.text) or (is_stock_phrasing(tag.text) and evidence.score < VAGUE_BELOW)
        boilerplate = tag.label not in STATUTORY_LABELS and not _has_data(tag, figures) and (common or generic)
        earlier = sorted(
            {m.year for m in lookup.same_agency if m.year is not None and (year is None or m.year < year)}
        ) if lookup is not None else []
        judged.append(
            replace(
                tag,
                commonness=lookup.commonness if lookup is not None else None,
                boilerplate=boilerplate,
                specificity=evidence.score if tag.label in JUDGED_LABELS else None,
                similar_agencies=list(lookup.agencies) if lookup is not None else [],
                earlier_years=earlier,
            )
        )
    return judged


def boilerplate_shares(tags: Sequence[Tag]) -> dict[str, float]:
    """Share of boilerplate characters per part key and per ``part.subsection`` (e.g. ``overview.active``)."""
    totals: dict[str, list[int]] = {}
    for tag in tags:
        if tag.part is None or tag.boilerplate is None:
            continue
        keys = [tag.part] + ([f"{tag.part}.{tag.subsection}"] if tag.subsection else [])
        for key in keys:
            counts = totals.setdefault(key, [0, 0])
            counts[0] += len(tag.text) if tag.boilerplate else 0
            counts[1] += len(tag.text)
    return {key: round(boiler / total, 3) for key, (boiler, total) in totals.items() if total}


def judge(analysis: Analysis, index: CorpusIndex | None) -> None:
    """The pipeline stage: judge ``analysis.tags`` and fill ``analysis.boilerplate_share``."""
    analysis.tags = judge_tags(analysis, index)
    analysis.boilerplate_share = boilerplate_shares(analysis.tags)


# --- problem → measure ---------------------------------------------------------------------------------------


def content_bigrams(text: str) -> set[str]:
    """Character bigrams of what a sentence is about (generic and ubiquitous words removed)."""
    pieces = _ALIGN_REMOVE.sub(" ", text).split()
    return {piece[i : i + 2] for piece in pieces for i in range(len(piece) - 1)}


SENTENCE_END = "。；;！!？?"
ITEM_START = re.compile(
    r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|再次|最后"
    r"|第[一二三四五六七八九十]"
)


@dataclass(frozen=True)
class Alignment:
    """A problem item (its first sentence) and the measure that best answers it (``measure`` None when none does)."""

    problem: Tag
    measure: Tag | None
    shared: tuple[str, ...]


def align_problems(tags: Sequence[Tag]) -> list[Alignment]:
    """Every current problem item of part 五 with its best measure (see the module docstring). Lead-ins and
    problems said to be fixed already are left out, whatever label they carry."""
    problems = [
        t for t in tags
        if t.label == "problem" and t.part in ("problems", None) and not FIXED.search(t.text) and not is_lead_in(t.text)
    ]
    items: list[list[Tag]] = []
    for problem in problems:
        # Sentences of one paragraph abut, and a line wrapped mid-sentence (no closing punctuation) goes on; a
        # line break after a finished sentence, another sentence or a list marker starts a new item.
        if items and not ITEM_START.match(problem.text) and (
            items[-1][-1].end == problem.start or items[-1][-1].text[-1] not in SENTENCE_END
        ):
            items[-1].append(problem)
        else:
            items.append([problem])
    measures = [t for t in tags if t.label == "measure" and t.part in ("problems", None)]
    measure_bigrams = [content_bigrams(m.text) for m in measures]
    alignments = []
    for index, item in enumerate(items):
        wanted = set().union(*(content_bigrams(problem.text) for problem in item))
        best: tuple[Tag | None, set[str]] = (None, set())
        for measure, bigrams in zip(measures, measure_bigrams):
            shared = wanted & bigrams
            if len(shared) >= ALIGN_MIN_SHARED and len(shared) > len(best[1]):
                best = (measure, shared)
        if best[0] is None:
            best = (_measure_after_lone_item(tags, items, index, measures), set())
        alignments.append(Alignment(item[0], best[0], tuple(sorted(best[1]))))
    return alignments


def _measure_after_lone_item(tags: Sequence[Tag], items: list[list[Tag]], index: int, measures: list[Tag]) -> Tag | None:
    """The measure right after problem item ``index`` when no other problem item comes between it and the
    previous measure (or the start): the item's own answer by position. None for an item of a list of problems."""
    position = {id(tag): i for i, tag in enumerate(tags)}
    first, last = position[id(items[index][0])], position[id(items[index][-1])]
    if index and not any(position[id(items[index - 1][-1])] < position[id(m)] < first for m in measures):
        return None
    next_item = position[id(items[index + 1][0])] if index + 1 < len(items) else len(tags)
    return next((m for m in measures if last < position[id(m)] < next_item), None)


def accounts_for_last_year(tags: Sequence[Tag], text: str, start: int | None, end: int | None) -> bool:
    """Whether part 五 (``text[start:end]``) says what became of last year's problems: a rectification
    sentence, or a mention of 上年度/去年/整改."""
    if any(t.label == "rectification" and t.part == "problems" for t in tags):
        return True
    return start is not None and end is not None and bool(RECTIFICATION.search(text, start, end))
