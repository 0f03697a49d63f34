"""E12 vague problems and measures, E13 泛化 overview, E14 sub-topics of part 一 without data.

The official wording: content "不能遗漏，也不宜泛化"; problems must be named and "逐条提出改进措施，不能敷衍应对、
浮皮潦草". These checks read the evidence the judge stage (:mod:`nlp.judge`) put on the tags and the figures of
:mod:`nlp.figures`; without tags (no tagger) E12's sentence checks and E13 stay silent rather than guess.

E12
    * ``E12.vague_problems`` / ``E12.vague_measures`` (warning): at least :data:`VAGUE_SHARE` of the problem
      (measure) characters are in sentences whose specificity is below :data:`~nlp.judge.VAGUE_BELOW`.
      Characters, not sentences, so a short item title ("1.加强信息发布管理。") followed by a concrete sentence
      does not make the item vague. Lead-ins ("存在以下问题：", "还有一些需要改进的地方。") are not judged.
    * ``E12.problem_without_measure`` (warning): problems no measure answers (:func:`nlp.judge.align_problems`).
    * ``E12.no_rectification`` (warning): part 五 says nothing of last year's problems (no rectification
      sentence, no 上年度/去年/整改). Pre-2019 reports had no such duty and are skipped.
E13
    ``E13.generic_overview`` (warning): at least :data:`GENERIC_OVERVIEW_SHARE` of part 一's sentence characters
    are preamble, boilerplate, or — in a department's report — region-wide claims (全市/全区… work that is not
    this agency's).
    ``E13.long_preamble`` (warning): the political framing (以…为指导, 深入贯彻…精神) of part 一 and the opening
    runs to :data:`LONG_PREAMBLE_CHARS` characters or more — the "long 以习近平新时代…为指导 preambles" reviewers
    name — however much concrete work follows it.
E14
    ``E14.no_figure``: a sub-topic of part 一 with no figure (a count, a rate, or an explicit zero such as
    "未收到申请"). A warning for 主动公开 and 依申请公开, where every agency has numbers to give; information for
    the others, where a report can legitimately describe procedures. A part 一 without sub-topics is judged as
    one, except a pre-2019 概述, which the 2008 条例 left to prose (its numbers have parts of their own). The sub-topic a cut text (``E3.truncated``) stops in is not judged: its rest, figures included, is lost.
"""

from __future__ import annotations

import re

from nlp.checks.completeness import cut_sentence
from nlp.checks.context import CheckContext
from nlp.judge import VAGUE_BELOW, accounts_for_last_year, align_problems, is_lead_in, is_political_preamble
from nlp.labels import PART_NAMES, SUBSECTION_NAMES
from nlp.model import Analysis, Check, Tag
from nlp.snippets import excerpt

VAGUE_SHARE = 0.6
GENERIC_OVERVIEW_SHARE = 0.5
LONG_PREAMBLE_CHARS = 300
DATA_EXPECTED = ("active", "requests")
REGION_WIDE = re.compile(r"全(?:省|市|区|县|州|盟|旗)(?:各级|各部门|各地|共|累计|范围内|政府系统)")
GOVERNMENT_LEVEL = re.compile(r"人民政府|办公厅|政府办公室|政府办")
MAX_EVIDENCE = 3


def _excerpt(tags: list[Tag]) -> str:
    return excerpt((t.text for t in tags), MAX_EVIDENCE)


def _judged(tags: list[Tag], label: str) -> list[Tag]:
    return [t for t in tags if t.label == label and t.specificity is not None and not is_lead_in(t.text)]


def _vague_checks(analysis: Analysis) -> list[Check]:
    checks = []
    for label, code, noun in (("problem", "E12.vague_problems", "存在的问题"), ("measure", "E12.vague_measures", "改进措施")):
        judged = _judged(analysis.tags, label)
        vague = [t for t in judged if t.specificity < VAGUE_BELOW]
        total = sum(len(t.text) for t in judged)
        if not total or sum(len(t.text) for t in vague) / total < VAGUE_SHARE:
            continue
        checks.append(
            Check(
                code=code,
                severity="warning",
                message=(
                    f"{noun}表述笼统：{len(vague)}/{len(judged)} 句没有具体对象、数量、时限或责任主体"
                    "（如“进一步提高认识”“加强培训”）。"
                ),
                evidence=_excerpt(sorted(vague, key=lambda t: t.specificity or 0.0)),
                start=vague[0].start,
                end=vague[0].end,
            )
        )
    return checks


def _alignment_checks(analysis: Analysis) -> list[Check]:
    unanswered = [a.problem for a in align_problems(analysis.tags) if a.measure is None]
    if not unanswered:
        return []
    return [
        Check(
            code="E12.problem_without_measure",
            severity="warning",
            message=f"有 {len(unanswered)} 个问题没有对应的改进措施（问题与措施未逐条对应）。",
            evidence=_excerpt(unanswered),
            start=unanswered[0].start,
            end=unanswered[0].end,
        )
    ]


def _rectification_checks(analysis: Analysis) -> list[Check]:
    part = analysis.part("problems")
    if part is None or not part.present or analysis.meta.format_version == "pre2019":
        return []
    if accounts_for_last_year(analysis.tags, analysis.document.text, part.start, part.end):
        return []
    return [
        Check(
            code="E12.no_rectification",
            severity="warning",
            message="“存在的主要问题及改进情况”未说明上一年度报告所提问题的整改情况。",
            evidence="第五部分没有提及上年度问题或整改结果",
            start=part.start,
            end=part.end,
        )
    ]


def _generic_overview_checks(analysis: Analysis) -> list[Check]:
    tags = [t for t in analysis.tags if t.part == "overview"]
    department = not GOVERNMENT_LEVEL.search(analysis.meta.agency or "")
    generic = [
        t for t in tags
        if t.label == "preamble" or t.boilerplate or (department and REGION_WIDE.search(t.text))
    ]
    total = sum(len(t.text) for t in tags)
    share = sum(len(t.text) for t in generic) / total if total else 0.0
    if share < GENERIC_OVERVIEW_SHARE:
        return []
    part = analysis.part("overview")
    return [
        Check(
            code="E13.generic_overview",
            severity="warning",
            message=(
                f"“{PART_NAMES['overview']}”泛化：{share:.0%} 的文字是政治性套话、模板句或全域性表述，"
                "未具体反映本机关的政府信息公开工作。"
            ),
            evidence=_excerpt(sorted(generic, key=lambda t: len(t.text), reverse=True)),
            start=part.start if part else None,
            end=part.end if part else None,
        )
    ]


def _long_preamble_checks(analysis: Analysis) -> list[Check]:
    framing = [t for t in analysis.tags if t.part in ("overview", None) and is_political_preamble(t.text)]
    chars = sum(len(t.text) for t in framing)
    if chars < LONG_PREAMBLE_CHARS:
        return []
    return [
        Check(
            code="E13.long_preamble",
            severity="warning",
            message=f"报告开头的政治性表述长达 {chars} 字，未反映本机关的政府信息公开工作（泛化）。",
            evidence=_excerpt(framing),
            start=framing[0].start,
            end=framing[-1].end,
        )
    ]


def _figure_checks(analysis: Analysis) -> list[Check]:
    overview = analysis.part("overview")
    if overview is None or not overview.present:
        return []
    overview_figures = [f for f in analysis.figures if f.part == "overview"]
    # A text cut in the middle of a sub-topic (E3.truncated) lost that sub-topic's rest, where its figures may
    # have been: only what the reader has in full is judged.
    cut = cut_sentence(analysis)

    def cut_off(start: int, end: int) -> bool:
        return cut is not None and start < cut.end <= end

    if not overview.subsections:
        # The 2008 条例 put the numbers in their own parts (主动公开, 依申请公开…); its 概述 is prose by design.
        if overview_figures or cut_off(overview.start, overview.end) or analysis.meta.format_version == "pre2019":
            return []
        return [
            Check(
                code="E14.no_figure",
                severity="warning",
                message=f"“{PART_NAMES['overview']}”没有任何数据支撑（无数量、比率或“未收到申请”等明确表述）。",
                evidence=overview.title,
                start=overview.start,
                end=overview.end,
            )
        ]
    covered = {f.subsection for f in overview_figures}
    return [
        Check(
            code="E14.no_figure",
            severity="warning" if sub.key in DATA_EXPECTED else "info",
            message=f"“{SUBSECTION_NAMES.get(sub.key, sub.title)}”部分没有任何数据支撑（无数量、比率或明确的零值表述）。",
            evidence=sub.title,
            start=sub.start,
            end=sub.end,
        )
        for sub in overview.subsections
        if sub.key not in covered and not cut_off(sub.start, sub.end)
    ]


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    return (
        _vague_checks(analysis)
        + _alignment_checks(analysis)
        + _rectification_checks(analysis)
        + _generic_overview_checks(analysis)
        + _long_preamble_checks(analysis)
        + _figure_checks(analysis)
    )
