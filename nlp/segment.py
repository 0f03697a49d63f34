"""Segmentation: the six standard parts, part 一's five subsections, and the report's metadata.

``find_parts(text)`` works on the normalised text (:func:`nlp.normalize.normalize`).

How headings are found
    A heading may begin at a line start, or right after a sentence end or closing bracket inside a line
    (web pages often glue "…如下：一、总体情况（一）主动公开情况…" into one line). There it is a numbering marker
    followed by a short heading phrase, or, at a line start only, an unnumbered standard heading. The phrase
    (up to the first punctuation mark, space, bracket or figure; cut after 情况 when a paragraph is glued on
    without punctuation) is classified by keywords, never by the numeral alone: "三、本年度办理结果" and
    "一、本年新收政府信息公开申请数量" (table B's row labels) carry no part keyword or an excluded word and are
    rejected, and the intro sentence "本报告内容包括总体情况、主动公开政府信息情况、…" has no marker. A heading that
    lists its topics with no keyword near its start ("四、政府信息公开工作的主要措施、存在的主要问题及下一步工作打算")
    is the part of the first later topic that names one. A year before the words ("一、2020年政府信息公开总体情况",
    "（一）2016年主动公开政府信息情况") is skipped, and a "?" before the marker (a character lost in decoding) does
    not stop a line start; a dash typed for 一 ("—、总体情况") is read as 一 at a line start before a part's words.
    Table rows (several tab- or pipe-separated cells) and table-of-contents lines (dot leaders) never hold a
    heading.

    Each candidate gets a score: a Chinese numeral marker at a line start ("五、") or "第五部分" is the
    strongest form; an Arabic marker ("5、", "5." from Word auto-numbering) counts only at a line start and
    only when its number is the part's number; a heading glued after a sentence is weaker and is dropped when
    it reads as an enumeration ("一、总体情况；二、…"); after a plain space ("…监督。二、主动公开政府信息情况 三、收到
    和处理政府信息公开申请情况") it counts only with its own numeral, the standard heading's words standing alone,
    and no numbered neighbour between spaces (a list of the parts); an unnumbered line that is exactly a
    standard heading is weaker still. A numeral equal to the part number adds a bonus. The parts are the highest-scoring sequence
    of candidates whose part numbers increase with their position (a weighted longest increasing
    subsequence; ties go to the earlier heading), so stray matches out of order cannot win. Problems and measures
    under two headings ("四、存在的问题", "五、下步工作安排") are one part, started by the first.

    Part 一's subsections are chosen the same way inside part 一, from bracketed markers ("（一）", "(一)",
    "（1）", "(1)", "㈠"; also glued after a sentence or a space), "1）", Arabic markers whose number is the
    subsection's ("1.", "1、"), and short unnumbered lines ("主动公开情况："). Keywords: 主动公开 / 依申请 /
    信息管理 / 平台 (载体) / 监督 (保障, 考核, 评议, 责任追究, 组织领导, 培训); the bracketed ones are weak
    and lose ties. Custom headings in two clauses often name the topic in the second ("（二）强化服务依法受理，
    提升依申请办理质效。"): it counts when the heading sentence ends there. A numbered heading with no keyword in
    either clause may name its topic by its usual content (政策解读, 目录和指南, 门户网站/新媒体/查阅场所,
    机构建设/人员配备); such a heading is weaker still. Older reports often open part 一 with "（一）加强组织领导":
    such a weak supervision heading may also stand first, before 主动公开, unless a supervision heading in the
    usual last place is found; supervision headings right after it ("（二）加强宣传培训，助力监督保障") belong to it.

Spans
    All offsets index the text passed in. A part runs from its heading's first character to the next found
    part's heading or, for the last found part, to the end of the text (so the closing signature and date
    belong to part 六); trailing whitespace is excluded. A numbered line heading that names no part ends the
    part before it when it is at the part headings' level: the same marker form ("X、" or "第X部分"), numbered
    after the last part heading and before the next, with no numbered list restarting at or below the part's
    number in between ("一、总体情况" then "一、加强组织领导"). Its section belongs to no part.

    A subsection runs from its marker to the next chosen subsection, or to an earlier heading line in the same
    numbering style (so an extra "（六）…" is not swallowed), or to the end of part 一. ``title`` is the heading
    as written: marker and phrase, without the glued paragraph or a trailing colon. Missing parts have
    ``present=False``, an empty title and no span.

Traditional characters
    Mirror sites publish Traditional-character copies. Matching runs on a folded copy of the text in which
    the Traditional forms of the heading and metadata vocabulary are mapped to Simplified one character for
    one character, so offsets stay valid and titles come from the text as written.

Pre-2019 layouts (best effort)
    The 2008-format parts map onto the six keys where they mean the same thing: 概述/基本情况 → overview,
    主动公开 → active_disclosure, 依申请公开 → requests, 复议/诉讼 → review_litigation, 存在问题 and
    改进措施 (one part or two) → problems (the first heading starts it), 其他事项 → other_matters. Sections
    with no key of their own (收费及减免, 咨询处理, 支出, 组织领导和制度建设) end the part before them and belong to no
    part, so their text is not read as that part's (see Spans). A heading with no topic
    word, "一、政府信息公开工作（开展）情况" or "二、政府（政务）信息公开情况", is part 一 or 二 by its numeral; such a part
    holds the 2008 sections as its （一）（二）（三）, and those among them worded as a standard heading
    ("（二）依申请公开政府信息情况") start the parts they name. Under any other part 一 ("一、政府信息公开基本情况")
    they stay subsections, as in the 2021 format's "一、总体情况 / （一）主动公开政府信息情况"; E3 counts them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import dropwhile

from nlp.fold import fold_table
from nlp.model import PART_KEYS, SUBSECTION_KEYS, Document, Meta, Part, Subsection

_FOLD = fold_table(
    only=(
        "總體況動開請監臺設處議訴訟問題進報項關復複導領組織責評載務資據發規範網統辦費減縣區鎮鄉號頁時間來機構會員"
        "廳數條單製結轉屬舉歷億萬實際訊級與經濟產業農環衛權營稅書圖軍歸門預決專層轄變態個為們這強聯繫係佈場黨"
        # the metadata's verbs ("堅持", "認真貫徹", "編制") and names
        "堅認嚴貫徹圍繞積極續斷紮繼編將現視緊終過對點陜國標確"
    )
)

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_PART_MARKER = re.compile(
    r"第(?P<part>[一二三四五六七八九十]{1,2})部分[ 、:：.．]*"
    r"|(?P<cn>[一二三四五六七八九十]{1,2})[ ]*[、.．][ ]*"
    r"|(?P<ar>\d{1,2})[ ]*[、.．](?!\d)[ ]*"
    r"|(?P<dash>[—－―\-])[ ]*、[ ]*"
)
_SUB_MARKER = re.compile(
    r"(?:[（(〔](?P<br>[一二三四五六七八九十]{1,2}|\d{1,2})[）)〕]|(?P<ideograph>[㈠-㈩]))[ ]*[、.．]?[ ]*"
    r"|(?P<ar>\d{1,2})[ ]*[、.．](?!\d)[ ]*"
    r"|(?P<half>[一二三四五六七八九十]{1,2}|\d{1,2})[）)][ ]*"
)
# Where a heading may begin: a line start, or right after a sentence end or a closing bracket (headings glued
# into one line on web pages); also after a space ("…情况 (一)主动公开", "…情况 三、收到和处理…"), where a part
# heading must pass _spaced_heading.
_SENTENCE_BREAK = "。；;！!？?：:）)"
_PART_START = re.compile(
    rf"(?:^|(?<=[{_SENTENCE_BREAK} \u3000]))[ \t\u3000]*"
    r"(?=第[一二三四五六七八九十]|[一二三四五六七八九十]{1,2}[ ]*[、.．]|\d{1,2}[ ]*[、.．]|[—－―\-][ ]*、"
    r"|总体情况|概述|主动公开政府信息|收到和处理|政府信息公开|依申请公开政府信息|因政府信息公开|存在的?主要问题|其[他它]需要报告)",
    re.MULTILINE,
)
_SUB_START = re.compile(
    r"(?:^|(?<=[。；;！!？?：:）) \u3000]))[ \t\u3000]*(?=[（(〔㈠-㈩]|\d{1,2}[ ]*[、.．)）]|[一二三四五六七八九十]{1,2}[）)])",
    re.MULTILINE,
)
# An unnumbered subsection heading: a short line of its own, or a short "…情况/…方面" glued to its paragraph.
_BARE_SUB_START = re.compile(
    r"^[ \t\u3000]*(?=[^\n\t]{2,16}$|[^\n\t。：:，,]{2,12}(?:情况|方面)[。：:])", re.MULTILINE
)
_PHRASE_STOP = re.compile(r"[。；;：:，,！!？?\t|（(\[【 ]|\d")
_ENUMERATION_STOP = frozenset("；;、，,")
# A two-clause subsection heading: the comma between its clauses, what may end it, and its longest length.
_CLAUSE_COMMA = frozenset("，,")
_HEADING_SENTENCE_END = frozenset("。；;：:")
_MAX_TWO_CLAUSE_HEADING = 32
_TOC_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}|-{6,}")
# "工作情况概述", "工作情况概况": the heading goes on after 情况.
_SITUATION = re.compile(r"情况(?![及和与、]|概述|概况)")
# A year before the heading's words ("一、2020年政府信息公开总体情况"); "年度…" is such a year with its digits lost.
_LEADING_YEAR = re.compile(r"(?:(?:19|20)\d{2}[ ]*年度?|年度)[ ]*")
# What may stand before a heading at a line start: spaces, and "?" for a character lost in decoding ("?一、…").
_LINE_LEAD = " \t\u3000?"

# Words that mark table B/C labels and the intro's list of parts, never a part heading.
_NOT_A_HEADING = re.compile(r"数量|办理结果|结转|继续办理|本年新收|部分内容|等六|包括|组成")
_PART_RULES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (4, re.compile(r"^.{0,24}?(?:复议|诉讼)")),
    (1, re.compile(r"^.{0,10}?(?:总体|概述|概况|基本(?:工作)?情况)")),
    (2, re.compile(r"^.{0,6}?主动公开")),
    (3, re.compile(r"^.{0,8}?(?:依申请|公开申请|收到和处理)")),
    (5, re.compile(r"^.{0,8}?(?:存在|问题|改进|整改|不足|困难|下一步|下步)")),
    (6, re.compile(r"^.{0,4}?其[他它].{0,8}?(?:事项|报告|说明)")),
)
# The standard headings and their common variants, word for word: an unnumbered line counts as a part heading
# only when it is one of them, and so does a phrase after an Arabic marker ("5、").
# Pre-2019 reports may title part 一 "政府信息公开工作开展情况" and part 二, which holds 主动公开 and 依申请公开 as its
# （一）（二）, "政府信息公开情况" (or "政务信息公开情况"): without a topic word, the Chinese numeral says which part
# it is.
_GENERIC_HEADING = re.compile(r"(?:政府|政务)?信息公开(?:工作)?(?:开展)?的?情况")
_GENERIC_SLOTS = frozenset({1, 2})
_FULL_PART_HEADINGS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"(?:总体情况|概述|(?:基本)?概况|基本情况)"),
    2: re.compile(r"(?:主动公开政府信息|政府信息主动公开)的?情况"),
    3: re.compile(r"(?:收到和处理)?政府信息公开申请的?情况|依申请公开政府信息的?情况"),
    4: re.compile(r"(?:因)?政府信息公开(?:工作)?.{0,8}行政复议.{0,8}行政诉讼的?情况"),
    5: re.compile(r"(?:政府信息公开工作)?存在的?(?:主要)?问题(?:及|和|与|以及)?(?:改进|整改)?(?:情况|措施)?"),
    6: re.compile(r"其[他它]需要报告的事项"),
}
# Subsection keywords, strong then weak: a weak keyword names a sub-topic (培训, 组织领导…) rather than the
# subsection itself, so a heading with a strong keyword wins a tie against it.
_SUB_RULES: tuple[tuple[int, re.Pattern[str], float], ...] = (
    (1, re.compile(r"主动公开|主动信息公开"), 0.5),
    (2, re.compile(r"依申请|依公开申请|公开申请|申请公开|申请办理|办理申请"), 0.5),
    (3, re.compile(r"信息管理|信息资源管理"), 0.5),
    (4, re.compile(r"平台"), 0.5),
    (4, re.compile(r"载体"), 0.0),
    (5, re.compile(r"监督"), 0.5),
    (5, re.compile(r"保障|考核|评议|责任追究|问责|组织领导|培训"), 0.0),
)
# Words that name a sub-topic's usual content (``shared/docs/contract.md``, tag labels) rather than the sub-topic:
# a numbered heading with none of the keywords above may still name its topic so ("（三）加强政府门户网站建设",
# "（二）加强解读回应"). They lose to any keyword above and to a heading found by one.
_SUB_FALLBACK_RULES: tuple[tuple[int, re.Pattern[str], float], ...] = (
    (1, re.compile(r"政策解读|解读回应|回应关切|新闻发布"), -0.5),
    (3, re.compile(r"保密审查|公开属性|公开目录|公开指南|目录和指南|指南和目录"), -0.5),
    (4, re.compile(r"网站|新媒体|政府公报|查阅场所|公开渠道|公开专栏|公开栏"), -0.5),
    (5, re.compile(r"组织机构|机构建设|工作机构|队伍建设|人员配备"), -0.5),
)

_SCORE_LINE_CN = 4.0
_SCORE_LINE_ARABIC = 2.5
_SCORE_GLUED = 2.0
_SCORE_BARE = 2.0
_SCORE_SUB_BRACKET = 3.0
_SCORE_SUB_ARABIC = 2.0
_SCORE_SUB_GLUED = 1.5
_SCORE_SUB_BARE = 1.5
_NUMERAL_BONUS = 1.0


@dataclass
class _Candidate:
    start: int
    title_end: int
    slot: int  # part number 1-6 or subsection index 1-5 (0: a supervision heading standing first)
    score: float
    style: str
    weak: bool = False  # a subsection heading found by a weak keyword only
    numeral: int | None = None  # the part heading's number as written
    form: str = ""  # the part heading's marker: "part" (第X部分), "cn" (X、) or "ar" (1、); "" when unnumbered
    at_line_start: bool = False


def find_parts(text: str) -> list[Part]:
    """The six standard parts in order (missing ones with ``present=False``); see the module docstring."""
    folded = text.translate(_FOLD)
    candidates = list(_part_candidates(folded))
    unmapped = [c for c in candidates if c.style == "unmapped"]
    candidates = [c for c in candidates if c.style != "unmapped"]
    chosen = _sections_of_generic_part(folded, _first_problems_heading(_best_sequence(candidates), candidates))
    breaks = _unmapped_breaks(chosen, candidates, unmapped)
    parts = [Part(number=number, key=key) for number, key in enumerate(PART_KEYS, start=1)]
    for index, candidate in enumerate(chosen):
        end = chosen[index + 1].start if index + 1 < len(chosen) else len(text)
        end = next((b for b in breaks if candidate.start < b < end), end)
        part = parts[candidate.slot - 1]
        part.present = True
        part.title = text[candidate.start : candidate.title_end]
        part.start = candidate.start
        part.end = _trim_end(text, candidate.start, end)
        if candidate.slot == 1:
            part.subsections = _subsections(text, folded, candidate.title_end, part.end)
    return parts


def _part_candidates(folded: str) -> Iterator[_Candidate]:
    for position, line_end, at_line_start in _heading_positions(folded, _PART_START, 0, len(folded)):
        marker = _PART_MARKER.match(folded, position, line_end)
        if marker is None:
            if at_line_start:
                yield from _bare_part(folded, position, line_end)
            continue
        phrase_start = _phrase_start(folded, marker.end(), line_end)
        phrase_end = _phrase_end(folded, phrase_start, line_end)
        form = marker.lastgroup or ""
        # "—、总体情况": a dash typed for 一, read so only at a line start and before a part's words.
        dash = form == "dash"
        if dash and not at_line_start:
            continue
        numeral = 1 if dash else _numeral(marker.group(form))
        form = "cn" if dash else form
        slot = _classify(folded[phrase_start:phrase_end])
        style = "part"
        if slot is None and form != "ar" and numeral in _GENERIC_SLOTS:
            slot = numeral if _GENERIC_HEADING.fullmatch(folded, phrase_start, phrase_end) else None
            style = "generic"
        if _TOC_LEADER.search(folded, phrase_end, line_end) or (dash and slot is None):
            continue
        if slot is None:
            # A numbered line heading of no part ("四、政府信息公开的收费及减免情况") may still end the part before it
            # (see _unmapped_breaks); table B's labels ("一、本年新收…") are no heading at all.
            if at_line_start and form != "ar" and not _NOT_A_HEADING.search(folded, phrase_start, phrase_end):
                yield _Candidate(position, phrase_end, 0, 0.0, "unmapped", numeral=numeral, form=form, at_line_start=True)
            continue
        if form == "ar":
            # "2." also numbers lists inside a part: only the part's own number and a full heading count.
            full = _FULL_PART_HEADINGS[slot].search(folded, phrase_start, phrase_end)
            if not at_line_start or numeral != slot or full is None:
                continue
            score = _SCORE_LINE_ARABIC
        elif at_line_start:
            score = _SCORE_LINE_CN
        elif (phrase_end < line_end and folded[phrase_end] in _ENUMERATION_STOP) or (
            _after_space(folded, position) and not _spaced_heading(folded, marker, slot, numeral, phrase_end, line_end)
        ):
            continue
        else:
            score = _SCORE_GLUED
        if numeral == slot:
            score += _NUMERAL_BONUS
        yield _Candidate(
            position, phrase_end, slot, score, style, numeral=numeral, form=form, at_line_start=at_line_start
        )


def _after_space(folded: str, position: int) -> bool:
    """Whether only a space separates ``position`` from the text before it on its line (no sentence end)."""
    lead = position
    while lead and folded[lead - 1] in " \t\u3000":
        lead -= 1
    return lead < position and folded[lead - 1] not in _SENTENCE_BREAK


def _spaced_heading(
    folded: str, marker: re.Match[str], slot: int, numeral: int | None, phrase_end: int, line_end: int
) -> bool:
    """Whether a part heading after a space within a line ("…监督。二、主动公开政府信息情况 三、收到和处理政府信息公开
    申请情况") is one, not a mention in a sentence ("详见 三、收到和处理政府信息公开申请情况表") or an item of a list
    written with spaces ("包括 一、总体情况 二、主动公开政府信息情况 三、…"). Its numeral is the part's; its words are
    the standard heading standing alone (:func:`_standing_alone`), or words that run to the end of the text, where
    an excerpt cuts the heading; and the words just before and after it, between spaces, are not numbered too.
    """
    if marker.lastgroup == "ar" or numeral != slot:
        return False
    phrase_start = _phrase_start(folded, marker.end(), line_end)
    if phrase_end < len(folded) and not _standing_alone(folded, slot, phrase_start, phrase_end, line_end):
        return False
    line_start = folded.rfind("\n", 0, marker.start()) + 1
    before = folded[line_start : marker.start()].split()
    after = folded[phrase_end:line_end].split()
    return not any(_PART_MARKER.match(words) for words in (before[-1:] + after[:1]))


def _standing_alone(folded: str, slot: int, phrase_start: int, phrase_end: int, line_end: int) -> bool:
    """Whether the words are the part's standard heading (:data:`_FULL_PART_HEADINGS`) standing alone: a space, a
    colon or the line's end after them, or the year that opens the paragraph glued on ("一、总体情况2099年，…")."""
    return bool(_FULL_PART_HEADINGS[slot].fullmatch(folded, phrase_start, phrase_end)) and (
        phrase_end >= line_end
        or folded[phrase_end] in " \u3000：:"
        or bool(_LEADING_YEAR.match(folded, phrase_end, line_end))
    )


def standard_heading_end(text: str, start: int) -> int | None:
    """Where the words of the part heading at ``start`` (a :class:`Part`'s ``start``) end, when it is numbered in
    Chinese ("一、", "第一部分", or "—、" typed for 一) and worded as a standard part heading standing alone (see
    :func:`_standing_alone`); None otherwise. Such a heading can be cut out of the line it is glued into
    ("…现将工作情况报告如下：一、总体情况 2099年，…")."""
    line_end = text.find("\n", start)
    line = text[start : len(text) if line_end < 0 else line_end].translate(_FOLD)
    marker = _PART_MARKER.match(line)
    if marker is None or marker.lastgroup == "ar":
        return None
    phrase_start = _phrase_start(line, marker.end(), len(line))
    phrase_end = _phrase_end(line, phrase_start, len(line))
    slot = _classify(line[phrase_start:phrase_end])
    if slot is None or not _standing_alone(line, slot, phrase_start, phrase_end, len(line)):
        return None
    return start + phrase_end


def _unmapped_breaks(chosen: list[_Candidate], candidates: list[_Candidate], unmapped: list[_Candidate]) -> list[int]:
    """Where headings of no part end the part before them: "二、具体工作开展情况" after "一、…（三）…复议…" is not
    part 四's text, nor is "四、收费及减免情况" part 三's.

    Such a heading counts only at the report's top level: at a line start, numbered in the form of the last
    chosen part heading ("X、" or "第X部分"; "1、" numbers lists too often), after that heading's number and before
    the next chosen one's. A numbered line at or below the current number ("一、总体情况" then "一、加强组织领导",
    "二、…") opens a list inside the part: no heading of that form ends the part until the next chosen heading.
    """
    chosen_starts = {c.start for c in chosen}
    numbered = [c for c in chosen if c.numeral is not None]
    lines = sorted(
        (c for c in (*candidates, *unmapped) if c.at_line_start and c.start not in chosen_starts),
        key=lambda c: c.start,
    )
    breaks = []
    for index, heading in enumerate(numbered):
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        stop = following.start if following else None
        ceiling = following.numeral if following and following.form == heading.form else None
        current = heading.numeral or 0
        for line in lines:
            if line.start <= heading.start or line.form != heading.form:
                continue
            if stop is not None and line.start >= stop:
                break
            if line.numeral is None or line.numeral <= current:
                break
            if line.style == "unmapped" and (ceiling is None or line.numeral < ceiling):
                breaks.append(line.start)
            current = line.numeral
    return breaks


def _first_problems_heading(chosen: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """Problems and measures under two headings ("四、存在的问题" then "五、下步工作安排") are one part, which the
    first starts: the numeral bonus must not hand it to the second. An earlier problems heading of the same form
    between the part before and the chosen one, numbered in between, takes its place."""
    for index, candidate in enumerate(chosen):
        if candidate.slot != 5 or candidate.numeral is None:
            continue
        before = chosen[index - 1] if index else None
        earlier = [
            c
            for c in candidates
            if c.slot == 5
            and c.start < candidate.start
            and (before is None or before.start < c.start)
            and c.score >= candidate.score - _NUMERAL_BONUS
            and c.numeral is not None
            and (before is None or before.numeral is None or before.numeral < c.numeral)
            and c.numeral < candidate.numeral
        ]
        if earlier:
            chosen[index] = min(earlier, key=lambda c: c.start)
    return chosen


def _sections_of_generic_part(folded: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """A pre-2019 part headed "政府信息公开工作情况" (一) or "政府信息公开情况" (二) holds the 2008 条例's sections as
    its （一）（二）（三）: a bracketed line that is a standard heading ("（二）依申请公开政府信息情况", "（三）因政府信息
    公开申请行政复议、提起行政诉讼的情况") starts the part it names when no heading of that part was found. Part 一
    of the 2019 and 2021 formats is 总体情况, whose "（一）主动公开政府信息情况" is its subsection."""
    found: list[_Candidate] = []
    for index, candidate in enumerate(chosen):
        found.append(candidate)
        if candidate.style != "generic":
            continue
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        end, stop = (following.start, following.slot) if following else (len(folded), len(PART_KEYS) + 1)
        for position, line_end, at_line_start in _heading_positions(folded, _SUB_START, candidate.title_end, end):
            marker = _SUB_MARKER.match(folded, position, line_end)
            if not at_line_start or marker is None or marker.lastgroup not in ("br", "ideograph"):
                continue
            phrase_start = _phrase_start(folded, marker.end(), line_end)
            phrase_end = _phrase_end(folded, phrase_start, line_end)
            slot = next(
                (
                    slot
                    for slot in range(found[-1].slot + 1, stop)
                    if _FULL_PART_HEADINGS[slot].fullmatch(folded, phrase_start, phrase_end)
                ),
                None,
            )
            if slot is not None:
                found.append(_Candidate(position, phrase_end, slot, _SCORE_SUB_BRACKET, "section"))
    return found


def _bare_part(folded: str, position: int, line_end: int) -> Iterator[_Candidate]:
    phrase_end = _phrase_end(folded, position, line_end)
    rest = folded[phrase_end:line_end].strip(" ：:")
    if rest and not rest.startswith("。"):
        return
    phrase = folded[position:phrase_end]
    for slot, pattern in _FULL_PART_HEADINGS.items():
        if pattern.fullmatch(phrase):
            yield _Candidate(position, phrase_end, slot, _SCORE_BARE, "bare")
            return


def _subsections(text: str, folded: str, start: int, end: int) -> list[Subsection]:
    candidates: list[_Candidate] = []
    boundaries: dict[str, list[int]] = {}
    for position, line_end, at_line_start in _heading_positions(folded, _SUB_START, start, end):
        marker = _SUB_MARKER.match(folded, position, line_end)
        if marker is None:
            continue
        group = marker.lastgroup or ""
        numeral_text = marker.group(group)
        if group == "ideograph":  # "㈠" is "（一）" in one character
            group, numeral_text = "br", "一二三四五六七八九十"[ord(numeral_text) - ord("㈠")]
        style = f"{group}:{'ar' if numeral_text.isdigit() else 'cn'}"
        if at_line_start:
            boundaries.setdefault(style, []).append(position)
        elif group != "br":
            continue
        phrase_start = _phrase_start(folded, marker.end(), line_end)
        phrase_end = _phrase_end(folded, phrase_start, line_end)
        phrase_end, found = _heading_topic(folded, phrase_start, phrase_end, line_end)
        if found is None:
            continue
        slot, bonus = found
        score = bonus
        numeral = _numeral(numeral_text)
        if group == "br":
            score += _SCORE_SUB_BRACKET if at_line_start else _SCORE_SUB_GLUED
        elif numeral == slot:
            score += _SCORE_SUB_ARABIC
        else:
            continue
        if numeral == slot:
            score += _NUMERAL_BONUS
        candidates.append(_Candidate(position, phrase_end, slot, score, style, weak=bonus <= 0))
    candidates.extend(_bare_subsections(folded, start, end))
    # Older reports open part 一 with 组织领导/机构建设 before 主动公开: a weak supervision heading may also
    # stand first (slot 0), unless a supervision heading in the usual place is chosen too.
    candidates.extend(
        _Candidate(c.start, c.title_end, 0, c.score, c.style) for c in list(candidates) if c.slot == 5 and c.weak
    )
    chosen = _best_sequence(candidates)
    if chosen and chosen[0].slot == 0 and chosen[-1].slot == 5:
        chosen = chosen[1:]
    supervision = {c.start for c in candidates if c.slot == 5}
    subsections = []
    for index, candidate in enumerate(chosen):
        limit = chosen[index + 1].start if index + 1 < len(chosen) else end
        later = [b for b in boundaries.get(candidate.style, ()) if candidate.start < b < limit]
        if candidate.slot == 0:
            # Supervision headings standing first in a row ("（一）加强组织领导" then "（二）加强宣传培训，助力监督保障")
            # are one supervision subsection: keys are unique, and the second's content is supervision too.
            later = list(dropwhile(supervision.__contains__, later))
        stop = later[0] if later else limit
        subsections.append(
            Subsection(
                key=SUBSECTION_KEYS[candidate.slot - 1] if candidate.slot else "supervision",
                title=text[candidate.start : candidate.title_end],
                start=candidate.start,
                end=_trim_end(text, candidate.start, stop),
            )
        )
    return subsections


def _bare_subsections(folded: str, start: int, end: int) -> Iterator[_Candidate]:
    """Unnumbered subsection headings: "主动公开" or "政府信息管理情况：" on a line of their own, or
    "政府信息主动公开情况。结合…" glued to the paragraph."""
    for line in _BARE_SUB_START.finditer(folded, start, end):
        position = line.end()
        line_end = folded.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        phrase_end = _phrase_end(folded, position, line_end)
        glued = folded.endswith(("情况", "方面"), position, phrase_end) and folded.startswith(("。", "：", ":"), phrase_end)
        if not glued and folded[phrase_end:line_end].strip(" ：:"):
            continue
        found = _classify_subsection(folded[position:phrase_end], lead=4)
        if found is not None:
            yield _Candidate(position, phrase_end, found[0], _SCORE_SUB_BARE + found[1], "bare", weak=found[1] <= 0)


def _heading_topic(folded: str, start: int, phrase_end: int, line_end: int) -> tuple[int, tuple[int, float] | None]:
    """The end of a numbered subsection heading's title and its subsection (with the bonus), or None.

    Custom headings often name the topic in their second clause ("（二）强化服务依法受理，提升依申请办理质效。"):
    the second clause counts when the first (``start``–``phrase_end``) stops at a comma and the second ends the
    heading sentence (at 。；： or the line end) within ``_MAX_TWO_CLAUSE_HEADING`` characters; a sentence that
    goes on past its second clause is a paragraph, not a heading. Keywords are looked for in the first clause,
    then in the second, and only then the content words of ``_SUB_FALLBACK_RULES``, in the same order.
    """
    clauses = [(phrase_end, folded[start:phrase_end])]
    if phrase_end < line_end and folded[phrase_end] in _CLAUSE_COMMA and phrase_end - start >= 2:
        clause_start = phrase_end + 1
        clause_end = _phrase_end(folded, clause_start, line_end)
        ends_heading = clause_end >= line_end or folded[clause_end] in _HEADING_SENTENCE_END
        if ends_heading and clause_end - clause_start >= 2 and clause_end - start <= _MAX_TWO_CLAUSE_HEADING:
            clauses.append((clause_end, folded[clause_start:clause_end]))
    for fallback in (False, True):
        for end, clause in clauses:
            found = _classify_subsection(clause, fallback=fallback)
            if found is not None:
                return end, found
    return phrase_end, None


def _heading_positions(folded: str, starts: re.Pattern[str], start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """(position, end of its line, whether it is a line start) for each place ``starts`` finds a heading could
    begin, skipping table rows."""
    table_rows: dict[int, bool] = {}
    for match in starts.finditer(folded, start, end):
        position = match.end()
        line_start = folded.rfind("\n", 0, position) + 1
        line_end = folded.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        if line_start not in table_rows:
            table_rows[line_start] = _is_table_row(folded[line_start:line_end])
        if not table_rows[line_start]:
            yield position, line_end, not folded[line_start : match.start()].strip(_LINE_LEAD)


def _is_table_row(line: str) -> bool:
    if line.count("|") >= 2:
        return True
    return "\t" in line and sum(1 for cell in line.split("\t") if cell.strip()) >= 2


def _phrase_start(folded: str, start: int, line_end: int) -> int:
    """Where a heading's words start after its marker: past a leading year ("（一）2016年主动公开政府信息情况")."""
    year = _LEADING_YEAR.match(folded, start, line_end)
    return year.end() if year else start


def _phrase_end(folded: str, start: int, line_end: int) -> int:
    """Where a heading phrase stops: punctuation, a space, a bracket, or a figure after two characters.

    A heading glued to its paragraph without punctuation ("主动公开情况坚持以公开为常态") is cut after 情况.
    """
    position = start
    while True:
        stop = _PHRASE_STOP.search(folded, position, line_end)
        if stop is None:
            end = line_end
            break
        if stop.group().isdigit() and stop.start() - start < 2:
            position = stop.end()
            continue
        end = stop.start()
        break
    situation = _SITUATION.search(folded, start, end)
    if situation and end - situation.end() >= 2:
        end = situation.end()
    return min(end, start + 40)


def _classify(phrase: str) -> int | None:
    """The part whose keyword the phrase starts with (rules are anchored and tried in order); a heading listing
    its topics with none near its start ("政府信息公开工作的主要措施、存在的主要问题及下一步工作打算") is the part of
    the first later topic that names one."""
    if not phrase or _NOT_A_HEADING.search(phrase):
        return None
    for topic in (phrase, *phrase.split("、")[1:]):
        slot = next((slot for slot, pattern in _PART_RULES if pattern.search(topic)), None)
        if slot is not None:
            return slot
    return None


def _classify_subsection(phrase: str, lead: int = 16, fallback: bool = False) -> tuple[int, float] | None:
    """The subsection whose keyword comes first in the phrase (within ``lead`` characters), with its bonus;
    with ``fallback``, a content word of :data:`_SUB_FALLBACK_RULES` when no keyword is found."""
    for rules in (_SUB_RULES, _SUB_FALLBACK_RULES) if fallback else (_SUB_RULES,):
        found = [
            (match.start(), slot, bonus)
            for slot, pattern, bonus in rules
            if (match := pattern.search(phrase)) and match.start() < lead
        ]
        if found:
            _, slot, bonus = min(found)
            return slot, bonus
    return None


def _best_sequence(candidates: list[_Candidate]) -> list[_Candidate]:
    """The highest-scoring candidates with slots increasing along the text; ties go to the earlier heading."""
    candidates.sort(key=lambda c: c.start)
    best: list[float] = []
    previous: list[int] = []
    for index, candidate in enumerate(candidates):
        best.append(candidate.score)
        previous.append(-1)
        for earlier in range(index):
            before = candidates[earlier]
            if (
                before.start < candidate.start
                and before.slot < candidate.slot
                and best[earlier] + candidate.score > best[index]
            ):
                best[index] = best[earlier] + candidate.score
                previous[index] = earlier
    if not candidates:
        return []
    index = max(range(len(candidates)), key=lambda i: (best[i], -i))
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = previous[index]
    return chain[::-1]


def _numeral(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    return _chinese_number(token)


def _chinese_number(token: str) -> int | None:
    """Small Chinese numerals as used in ordinals and dates: 五, 十, 十五, 二十, 三十一."""
    if "十" in token:
        tens, _, units = token.partition("十")
        if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS.get(token) if len(token) == 1 else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------------------------------------- metadata

_YEAR = r"(?:19|20)\d{2}"
_NAME = r"[\u4e00-\u9fff（）()·]"
_DISCLOSURE = r"(?:政府信息公开|政务公开|信息公开)"
# Titles end in 报告 (年度报告, 工作报告, 年报); older ones in 汇报 or 总结 ("…2018年政务信息公开工作汇报").
_TITLE_END = r"(?:年度报告|工作报告|年报|报告|汇报|总结)"
_TITLE_PHRASE = re.compile(
    rf"(?:{_YEAR})?年?度?.{{0,30}}?(?:政府信息公开|政务公开|信息公开|政府信息)[^。；]{{0,12}}?{_TITLE_END}"
)
# What may stand before a title on its line: a label ("标题：", "标  题 ", "| 标题: |" in a metadata table), a
# document viewer's page mark ("Page 2 - "), a year tag ("【2019】").
_TITLE_LABEL = re.compile(
    r"(?:[|\t ]*[\[【]?[ ]*(?:名[ ]*称|标[ ]*题|题[ ]*目)[ ]*[\]】]?(?:[ ]*[:：|][ |]*|[ \t]+)"
    r"|(?:Page|P\.)[ ]*\d+[ ]*[-–—][ ]*|【[^】\n]{1,12}】[ ]*)+"
)
_NOT_TITLE_START = re.compile(r"根据|依据|按照|依照|本报告|本年度报告|现将|现发布|当前位置|您")
# Sentences and page chrome (breadcrumbs "首页 / 公开 / …年报") that mention the report, never its title.
_NOT_IN_TITLE = re.compile(r"[，,:：|>/／。；;]|编制|公布|发布|印发|现将|根据|关于|通知|了")
_YEAR_WORD = re.compile(rf"{_YEAR}[ ]*年")
# A news headline over the report: "某某部发布2012年政府信息公开工作年度报告".
_HEADLINE = re.compile(rf"({_NAME}{{2,30}}?)(?:发布|公布)(?={_YEAR}[ ]*年)")
# The agency in brackets after the title: "2024年政府信息公开工作年度报告（某某区某某局）".
_TITLE_AGENCY_NOTE = re.compile(r"[ ]*[（(]([\u4e00-\u9fff·]{2,40})[）)]")
_QUOTED_TITLE = re.compile(r"《([^《》\n]{4,60}?(?:政府信息公开|政务公开|信息公开)[^《》\n]{0,16}?(?:报告|汇报|总结))》")
_TITLE_YEAR = re.compile(rf"({_YEAR})[ ]*年")
_TITLE_ENDINGS = ("报告", "汇报", "总结")
_AGENCY_SUFFIX = re.compile(
    r"(?:局|委|委员会|厅|办|办公室|政府|院|(?<!社)会|中心|所|站|馆|(?<![干全内局外东西南北中总支底头背上下前后细])部|署|街道|办事处|镇|乡"
    r"|苏木|集团|公司|队|社|园区|管委会|处|室|银行|分行|支行)$"
)
_AGENCY_CHARS = re.compile(rf"{_NAME}{{2,40}}")
_BRACKET_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_NOT_AGENCY = re.compile(r"(?:我|本(?:局|机关|单位|部门|委|级|办|院|厅|中心|镇|乡|街道|区|县|市)|该|此|各|关于)")
_SENTENCE_WORDS = re.compile(r"关于|贯彻|落实|印发|做好|开展|根据|按照|要求|广大")
# A note after the name that gives its short form ("某某委员会（以下简称我委）"): not part of the name.
_SHORT_NAME_NOTE = re.compile(r"[（(](?:以下简称|以下称|下称|简称)[^（）()]*[）)]$")
# Party committees and governments named by their level only ("市委", "县政府", "市委市政府"): no agency's name.
_LEVEL_ONLY = re.compile(r"(?:[省市县区镇乡]+(?:委|党委|政府|人民政府)[、和及与]?)+")
# Units inside an agency that a contact line or page chrome names ("东胜区卫健委政务公开领导小组办公室",
# "某某局党政办公室"): trimmed when an agency's name remains before them.
_DISCLOSURE_UNIT = re.compile(
    r"(?:(?:政府信息与政务公开|政府信息公开|政务信息公开|政务公开|信息公开)(?:工作)?(?:领导小组)?(?:办公室|办|处|科)?"
    r"|局?党政办(?:公室)?|(?:综合|单位|综合保障)办公室|综合[科处股]|政务信息处|信息中心|(?:门户)?网站"
    r"|(?:机关)?党(?:委|组|总支|支部))"
)
# A government's or a bureau's general office: the contact unit of a contact line ("请与某某县人民政府办公室联系"
# is the county's report), but an agency of its own in a title ("某某县人民政府办公室2024年…报告").
_OFFICE_UNIT = re.compile(r"办公室|办公厅")
# A place name: segments of up to six characters each ending in an administrative suffix ("攀枝花市" + "东区").
# Greedy, so "温州市" is not cut at 州; characters of institutions (委办局厅…) never occur in a place name, and
# 和 only at its start (和田).
_PLACE_CHAR = r"[^\W\d_委办室厅局政党部会共的了在于与及或等人]"
# 乡 is no suffix before 村/镇 ("某某县乡村振兴局", "全县乡镇").
_PLACE_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|新区|林区|省|(?<!城)市(?!场)|州|盟|县|旗|区|镇|(?<!城)乡(?![村镇])|苏木)"
# Verbs that running text glues before a name ("落实鞍山市人民政府…", "通过市工信局网站", "確定市政府辦公廳為…",
# "要求全乡…"): never the start of a place name. All two characters (they are also a fixed-width lookbehind).
_GLUED_VERB = (
    r"通过|落实|确定|要求|贯彻|执行|配合|参加|参与|组织|召开|印发|转发|报送|报请|提请|接受|邀请|协助|会同|登录|访问"
    r"|进入|点击|关注|覆盖|涵盖|包括|涉及|围绕|推动|推进|督促|指导|协调|完成|开展|加强|明确|成为|作为|指定|授权|委托"
    r"|提交|审核|建立|设立|成立|面向|前往|依托|利用|借助|支持|对接|全面|深入|积极|认真|及时|主动|结合|对照|参照|做好|联系|公开|发布|公布"
)
# Generic words that end like a place but name none: 开发区, 自治区 alone, 城区, 本市, 全县…
# Not the start of a place name: a development zone's generic word, a pronoun ("本市"), a preposition that
# governs the name ("根据市政府办公厅…" is no place called 根据市, "以市政府办公室…" none called 以市), a glued
# verb, or the year's 年度 ("2022年年度市…").
_NOT_A_PLACE = (
    r"(?!(?:开发|自治|高新|经开|[园社景片街辖城市新])区|[本该全各我此][省市县区镇乡州旗]"
    # a verb before a level word is no place either ("推进、指导、协调、监督全旗政府信息公开工作" names no 监督全旗)
    r"|[^\W\d_省市县区镇乡州旗盟]{2,4}[全各][省市县区镇乡州旗]"
    r"|[在及与由对据向经从将以为把按至到给被同跟或于][省市县区镇乡州旗]|(?:根据|按照|依据|依照|关于|遵照)[省市县区]"
    rf"|{_GLUED_VERB}|年*年度|年+[省市县区镇乡州旗])"
)
_PLACE = re.compile(rf"(?:{_NOT_A_PLACE}{_PLACE_CHAR}(?:(?!和){_PLACE_CHAR}){{0,5}}{_PLACE_SUFFIX})+")
# A government named in the intro ("《六安市金安区人民政府办公室关于…》", "在瑞安市人民政府网站"): the place must
# start after punctuation or a preposition, so "电子版可在坪山区" does not become a place; 和 is left out entirely
# here because in running text it is a conjunction far more often than the start of a name.
_MENTION_CHAR = r"[^\W\d_委办室厅局政党部会共的了在于与及或等人和]"
_MENTION_START = r"(?:(?<![\u4e00-\u9fff])|(?<=[在及与由对据向经从将以]))"
# A place completing a name is read from running text ("现将某某区水务局…"): characters that start or join
# phrases there (年, 将, 称, 联系…) are not taken into it, so "以下简称市环保局" gives no place "以下简称市", and
# each segment is short (most place names have two or three characters), so "做好乐山市体育局" gives none either.
_COMPLETION_PLACE = (
    rf"(?:{_NOT_A_PLACE}[^\W\d_委办室厅局政党部会共的了在于与及或等人和年月日以现请称是并由为把从据按推联系将向]{{1,3}}"
    rf"{_PLACE_SUFFIX})+"
)
_MENTION_PLACE = rf"(?:{_NOT_A_PLACE}{_MENTION_CHAR}{{1,6}}{_PLACE_SUFFIX})+"
# Also after the verbs that take a government's instructions as their object ("落实鞍山市人民政府办公室…方案"),
# with the short segments of a completing place so no phrase is taken in ("…落实相关信息至市人民政府").
_GOVERNMENT_MENTION = re.compile(
    rf"(?:{_MENTION_START}|(?<=落实|贯彻|执行)(?={_COMPLETION_PLACE}(?:人民政府|政府办)))({_MENTION_PLACE})(?:人民政府|政府办)"
)
# Where a place completing or extending a name may start: also right after a verb glued before the name
# ("做好京山市卫生健康局…", "可联系永春县呈祥乡人民政府"); the completing place's short segments keep the verb out.
_NAME_START = rf"(?:{_MENTION_START}|(?<={_GLUED_VERB}))"
# A province before a city's or county's name: official names below the province do not carry it.
_PROVINCE = re.compile(r"[^\W\d_]{1,3}(?:省|自治区)")
# A national body whose branch names its place after it ("国家税务总局珠海市税务局", "中国人民银行安庆市中心支行"):
# the branch's region is that place.
_NATIONAL_BODY = re.compile(r"(?:国家|中国|中华人民共和国)[\u4e00-\u9fff]{1,10}?(?:总局|局|委员会|银行|总署|署|部)")
# The report naming its own unit ("我局", "本委"): the suffix its own name ends in.
_SELF_UNIT = re.compile(r"[我本](局|委|办|厅|院|中心)")
# The agency's own channels, named with the agency ("洞头区海洋与渔业局网站", "铜陵市地震局官网").
_OWN_CHANNEL = re.compile(r"(?:门户网站|官方网站|网站|官网|微信公众号|公众号|政务微博|新浪微博|微博)")
# The government a bare place name stands for in a title ("某某县2024年…报告" is the county's own report).
_ZONE = re.compile(r"(?:开发|高新|经开|园|工业|产业|示范|试验|保税|度假|风景|管理|合作|实验|科技)区$")
_GOVERNMENT_OF_PLACE = (("街道", "办事处"), ("地区", "行政公署"), ("盟", "行政公署"))
# The agency as the subject of the report's opening sentence: "2024年，某某市某某局坚持…", "某某镇高度重视…".
_OPENING_SUBJECT = re.compile(
    rf"(?:^|(?<=[。；;：:])|(?<=下[，,])|(?<=[，,])(?=[ ]*{_YEAR}[ ]*年))[ \t\u3000]*"
    rf"(?:(?:{_YEAR})[ ]*年(?:度|以来|来)?|今年以来|本年度)?[，,、 ]*"
    rf"({_NAME}{{2,30}}?)"
    r"(?:坚持|坚决|认真|高度重视|严格|按照|依照|紧紧|紧密|紧扣|全面|深入|围绕|积极|持续|始终|进一步|切实|贯彻|聚焦|扎实"
    r"|不断|继续|依法|主动公开|立足|注重|强化|加强|大力|牢固|落实|以|在|通过|对照|结合)",
    re.MULTILINE,
)
# A subject that names an agency rather than a part of it ("局党组", "科室"): a place or level first ("某某市…",
# "区科技局"), or a national body ("国家…", "水利部").
_OWN_NAME = re.compile(rf"{_PLACE.pattern}|[省市县区旗镇乡州盟]|自治区|国家|国务院|[\u4e00-\u9fff]{{1,6}}(?:部|总署)$")
_LEAD_WINDOW = 800  # how far into part 一 the opening sentence is looked for
# A name in a sentence that names the report: it never spans the sentence's verbs ("编制并向社会公布X…").
_REPORT_NAME = r"(?:(?!公布|发布|公开|编制|形成|现将|向社会)[\u4e00-\u9fff（）()·])"
# A second agency after the first ("由某某市统计局、国家统计局某某调查总队（以下简称统计局队）编制"): the first is
# taken; and a note giving the short name before the verb.
_JOINT_AGENCY = r"(?:、[^。；;，,、]{2,40}?)?(?:[（(](?:以下简称|以下称|下称|简称)[^（）()]{1,12}[）)])?"
_AUTHOR_VERB = r"(?:根据|依据|按照|依照|结合|编制|制作|负责|综合|汇总)"
_CHROME = re.compile(rf"(?:发布机构|发文机关|发布单位|信息来源|来源)[ ]*[\]】]?[ ]*[:：|][ |]*({_NAME}{{2,40}})")
_AGENCY_PATTERNS: tuple[tuple[re.Pattern[str], bool, bool], ...] = (
    # (pattern, whether it names the report's author: then a general office at the end is the agency itself, not
    # its contact unit, and a bare place is the place's government; whether it is also read in the opening of
    # part 一 when the head gives no name: sentences about the report, not "由某科室负责…" or page chrome)
    # The report's own name in an intro sentence: "现公布《X2024年政府信息公开工作年度报告》", "特编制X2018年度…
    # 报告", "现将X2021年政府信息公开工作年度报告呈报如下"; year first: "现向社会公布2021年X政府信息公开…".
    (re.compile(rf"(?:公布|发布|公开|编制|形成|现将)(?:了|完成)?《?({_REPORT_NAME}{{2,40}}?)(?:{_YEAR})[ ]*年度?{_DISCLOSURE}"), True, True),
    (re.compile(rf"(?:公布|发布|公开|编制|形成|现将)(?:了|完成)?《?(?:{_YEAR})[ ]*年度?({_REPORT_NAME}{{2,40}}?){_DISCLOSURE}"), True, True),
    (re.compile(rf"现将({_REPORT_NAME}{{2,40}}?){_DISCLOSURE}"), True, True),
    # "本年度报告是由X依据…" (also at the top of part 一)
    (re.compile(rf"报告[是为系]?由({_NAME}{{2,40}}?){_JOINT_AGENCY}{_AUTHOR_VERB}"), False, True),
    # "本报告由X编制", "由X结合有关统计数据编制", "由X制作本报告"
    (re.compile(rf"由({_NAME}{{2,40}}?){_JOINT_AGENCY}{_AUTHOR_VERB}"), False, False),
    # "X编制了2021年度政府信息公开工作年度报告"
    (re.compile(rf"(?:^|(?<=[，,。；;)）]))({_NAME}{{2,30}}?)编制(?:了|完成)?(?:本|《|{_YEAR})", re.MULTILINE), False, True),
    # "请与X联系", "请联系X，电话…"
    (re.compile(rf"请(?:与|联系)[:：]?({_NAME}{{2,40}}?)(?:联系|电话|地址|[，,。；;（(:：])"), False, True),
    # page chrome: "发布机构：X", "[ 发布机构 ] | X |", "来源：X"; a publisher named without a place or level
    # ("发布机构：卫生健康委员会", the site's present name for it) is kept for last
    (_CHROME, False, False),
)
# Leading words glued to a name in running text ("通过市工信局…", "2022年年度市政府办公室…"): dropped when a
# place or a level follows.
_LEADING_JUNK = re.compile(rf"(?:{_GLUED_VERB}|年*年度|年+(?=[省市县区镇乡州旗盟]))+(?=[省市县区镇乡州旗盟]|{_PLACE.pattern})")
# A department named after its government by level only ("区政府国资局", "市人民政府外事办公室").
# A government named by a level that _LEVEL_ONLY does not cover ("旗政府", "盟政府"; "县政府" is no name at all).
_LEVEL_GOVERNMENT = re.compile(r"[旗州盟](?:人民)?政府")
_LEVEL_GOVERNMENT_DEPARTMENT = re.compile(r"([省市县区旗州盟])(?:人民)?政府(.{2,})")
# A sentence naming the report with its year ("特编制2018年度政府信息公开工作年度报告"), and the cited notices that
# name another report ("《关于做好20XX年政府信息公开工作年度报告编制发布工作的通知》").
_REPORT_MENTION = re.compile(
    rf"({_YEAR})[ ]*年度?[^。；;\n《》]{{0,20}}?{_DISCLOSURE}[^。；;\n《》]{{0,12}}?(?:年度报告|工作报告|年报|报告)"
)
# The report's own name in an intro sentence that publishes it ("现向社会公布某某局2014年度政府信息公开工作年度报告",
# "特编制2018年某某局政府信息公开年度报告", "由某某局编制的2015年度政府信息公开年度报告"): the title when the head has
# none. The verb must come right before the name, so a cited notice ("关于做好2018年度…报告编制发布工作的通知")
# names no title.
_REPORT_NAME_END = rf"{_DISCLOSURE}(?:工作)?(?:年度)?报告"
_PUBLISHED_REPORT = (
    re.compile(rf"(?:公布|发布|编制|现将)(?:了|完成)?《?(?P<name>{_REPORT_NAME}{{2,40}}?)(?P<year>{_YEAR})[ ]*年度?{_REPORT_NAME_END}"),
    re.compile(rf"(?:公布|发布|编制|现将)(?:了|完成)?《?(?P<year>{_YEAR})[ ]*年度?(?P<name>{_REPORT_NAME}{{2,40}}?){_REPORT_NAME_END}"),
    re.compile(rf"由(?P<name>{_NAME}{{2,40}}?)编制的(?P<year>{_YEAR})[ ]*年度?{_REPORT_NAME_END}"),
)
_CITED_NOTICE = re.compile(r"《[^《》\n]*?(?:通知|关于|意见|办法|要点|规定|格式)[^《》\n]*?》")
_NOTICE_BEFORE = re.compile(r"(?:关于|做好|开展)[^。；;，,]{0,6}$")
_NOTICE_AFTER = re.compile(r"[ ]*(?:的?编制|编发|和发布|及发布|发布工作|的?通知|工作的|有关事项)")
_OPENING_YEAR = re.compile(rf"(?:^|(?<=[。；;：:]))[ \t\u3000]*({_YEAR})[ ]*年(?:度|以来|来)?[，,、]", re.MULTILINE)
_STATISTICS_PERIOD = re.compile(rf"统计(?:期限|时限|时间|区间|周期|范围)[^。]{{0,12}}?({_YEAR})[ ]*年[ ]*1[ ]*月[ ]*1[ ]*日")
_ANY_YEAR = re.compile(rf"(?<!\d)({_YEAR})(?=[ ]*年)")
# Years that are not the report's: a year compared with ("较2023年增长", "在2011年的基础上", "与2011年同期相比")
# and the date a rule took effect or work began ("2004年5月1日起", not a period's "1月1日起").
_NOT_REPORT_YEAR = re.compile(
    rf"(?:比|较|对比)[ ]*{_YEAR}[ ]*年度?|(?:与|和|同)[ ]*{_YEAR}[ ]*年度?(?:同期)?相比"
    rf"|{_YEAR}[ ]*年度?的?(?:基础上|同期)"
    rf"|{_YEAR}[ ]*年[ ]*(?!1[ ]*月[ ]*1[ ]*日)\d{{1,2}}[ ]*月[ ]*\d{{1,2}}[ ]*日[ ]*(?:起|开始|施行|实施|正式施行|正式实施|生效)"
)
_DATE = (
    rf"(?P<y>{_YEAR})[ ]*[-/.年][ ]*(?P<m>\d{{1,2}})[ ]*[-/.月][ ]*(?P<d>\d{{1,2}})(?!\d)[ ]*日?"
    r"|(?P<cy>[〇○零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)
# A labelled date in page chrome; "统计时间：2024年1月1日…" is the statistics period, not a publication date.
_LABELLED_DATE = re.compile(rf"(?<!统计)(?:发布|成文|发文|印发|公开|生成)?(?:日期|时间)[ ]*[:：][ ]*(?:{_DATE})")
# The publication date in page chrome: a date after a 日期/时间 label, also on a later line ("发布日期：\n\n2017-03-17"),
# in a table cell ("发布日期 | 2022-04-06 |"), after a space ("公开日期 2025-01-13") or in brackets ("发布时间:[2020/08/24]",
# "[ 公开日期 ] | 2019-03-25"); the gap holds only separators, so "成文日期 | 发布日期 | 2022-04-06" gives the date to
# 发布日期, the label right before it. What qualifies the label decides whether it is the publication date: a
# publication label (发布/公开…) wins, then a document date (成文/发文/印发: the day the text was signed, which
# may be weeks before it went online), then a bare "日期：" / "时间：" (or one glued to the previous field: "来源：某局
# 时间：…"), which needs its colon; an archive, update, generation, print or view time ("归档时间：", "更新时间：",
# "公文生成日期：") never counts.
_PAGE_DATE = re.compile(rf"(?:日期|时间)(?P<gap>(?:[ \t\u3000|:：\[\]【】•·]|\n){{0,16}}?)(?:{_DATE})")
_MAX_GAP_LINES = 3
# A page's byline in the head: the date with its time of day, or followed by the source or author field
# ("2025-02-20 10:30 来源：某局", "  • 2023-01-16 15:36"); counted after every labelled date.
_BYLINE_DATE = re.compile(
    rf"^[ \t\u3000•·|]*(?:{_DATE})(?:[ \t\u3000]*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?=[ \t\u3000|]*(?:$|来源|作者|浏览|点击|发布者|字[号体]|【))"
    r"|[ \t\u3000|]*(?=来源|作者|发布者))",
    re.MULTILINE,
)
_PUBLICATION_LABEL = re.compile(r"(?:发布|公开|公布|发表)$")
_DOCUMENT_DATE_LABEL = re.compile(r"(?:成文|发文|印发)$")
_OTHER_LABEL = re.compile(
    r"(?:归档|更新|修改|修订|生成|浏览|打印|当前|办公|废止|失效|施行|实施|统计|截止|截至|有效|开始|结束|访问|录入|审核)$"
)
# A closing date line, alone or after the agency's name ("和田地区科技局 2025年1月15日").
_DATE_LINE = re.compile(rf"(?P<who>[\u4e00-\u9fff（）()]{{2,30}}?)?[ ]*[（(]?(?:{_DATE})[）)]?$")
_FORMAT_2021_NOTICE = re.compile(r"国办公开办?函[〔\[（(【]?2021[〕\]）)】]?30号")
_FORMAT_2019_NOTICE = re.compile(r"国办公开办?函[〔\[（(【]?2019[〕\]）)】]?60号")
_FORMAT_2019_ITEM = re.compile(r"第[（(]九[）)]项")


def _header_words(*words: str) -> re.Pattern[str]:
    """Table column headers, also when a cell wraps them over lines or spaces them ("本年新 制作数量")."""
    return re.compile("|".join(r"\s*".join(map(re.escape, word)) for word in words))


# Columns only one form has. A web copy may keep just the first line of a wrapped header cell ("本年新"), so the
# other columns of the same table are cues too.
_FORMAT_2021_COLUMNS = _header_words("本年制发件数", "本年废止件数")
_FORMAT_2019_COLUMNS = _header_words("本年新制作数量", "对外公开总数量", "上一年项目数量")
_PRE2019_HEADING = re.compile(r"收费及减免|收费和减免")
_HEAD_WINDOW = 1500
_TAIL_LINES = 8


def extract_meta(doc: Document, parts: list[Part]) -> Meta:
    """Title, agency, region, year, publication date and table-format version of one report.

    Read from the text before part 一 (the head; the first 1,500 characters when no part is found) and, for
    the agency and year only, the opening of part 一 (800 characters).

    * title: the first title-like line of the head ("…年…政府信息公开…报告", cut after 报告; older ones end in
      汇报 or 总结), after a label or chrome on its line ("标  题 ", "Page 2 - ", "【2019】"), with the agency in
      brackets after it when there is one ("…年度报告（某某局）"); breadcrumbs and sentences are not titles, nor a
      site label naming neither a year nor an agency ("政府信息公开年报"). A title line that starts with its year
      and names no agency after it takes the agency line above it ("攀枝花市东区科学技术局" + "2025年…"; not a
      site header over "2022年区人社局…"), and so does one whose name is a bare "办事处"/"委员会" continued from
      the line above. A title with neither year nor name under an agency line (not a portal's "…人民政府") is
      kept in case no dated title follows. Else a quoted 《…报告》 near the top. Else the report's name as an intro
      sentence publishes it ("现向社会公布X2014年度政府信息公开工作年度报告", "特编制2017年X政府信息公开年度报告",
      "由X编制的2015年度…报告" → "X2015年度…报告"), when X is a full name (not "本单位", not "县教育局"); the
      agency and year rules read that sentence themselves.
    * agency, first found of: the title's text before the year (or between year and 政府信息公开, or in its
      brackets); the report named in an intro sentence ("现公布《X2024年…》", "特编制X2018年度…报告",
      "现将X…报告", "向社会公布2021年X政府信息公开…"); "本报告由X编制" (the first of "X、Y（以下简称…）") /
      "X编制了…"; a contact line "请与X联系"; page chrome "发布机构/来源：X"; the same sentences about the
      report at the top of part 一 (when the head gives none); the subject of the opening sentence ("2024年，X
      坚持…", "X高度重视…", also after a comma: "…，2024年，X依法…"); the head's first line when it is a name
      alone; a report calling itself "我局"/"本委" by the name before its own website or account ("X局网站",
      "X局官网", in the longest form from its place on that the head and lead repeat); last, a chrome publisher
      named without place or level ("发布机构：卫生健康委员会", the site's present name). A chrome publisher may
      also be a zone named with its town ("发布单位：某某科技城(某某镇)"). A title with no year that names only a
      place ("北京市政府信息公开工作年度报告", a series title) gives way to an author the head names. Names must end like an institution (局, 委员会, 人民政府, 街道办事处…;
      not 干部/全部) or be a place; pronouns ("我局"), sentences ("要求…", "广大…") and level-only names
      ("市委市政府") are none; a note giving the short name ("（以下简称我委）") and leading verbs or year words
      ("通过市工信局…", "年度市政府办公室") are dropped. Units inside the agency are trimmed from contact lines and
      chrome (…政务公开领导小组办公室, 党政办公室, 局党委/党组, 信息中心, and the general 办公室/办公厅); in a
      title or the report's name a 办公室/办公厅 is the agency itself ("某某县人民政府办公室"), never its 人民政府.
      A name without a place ("水务局", "区科技局") is completed from a fuller mention in the head or opening
      ("现将某某区水务局…", "某某市区科技局"), the place ending at the name's level; a "区…"/"市…" name with
      none takes the government the intro names at its level (as the region does); "区政府国资局" is completed
      as the department ("某某区国资局") when the text writes it so. The report's fullest name wins: a title's short
      form gives way to the one the intro's sentence naming the report spells out ("X工商局" → "X工商行政管理局"), a
      name gets the larger place the head or lead writes before it ("呈祥乡人民政府" → "永春县呈祥乡人民政府"; a
      province is left out, as official names below it do), and two issuers glued in a title keep the "、" the text
      writes between them. A bare place stands for its government:
      "某某县" → "某某县人民政府", "某某街道" → "某某街道办事处", 地区/盟 → 行政公署. Names are returned as
      written (Traditional characters kept, places completing them too); matching runs on the folded text.
    * region: the leading place names of the agency (省/市/地区/州/盟/县/区/旗/镇/乡/街道…; 乡 not before 村/镇,
      so "某某县乡村振兴局" is in 某某县; no verb or 年度 starts a place: "落实鞍山市…", "確定市政府…"), or the
      place after a national body ("国家税务总局珠海市税务局" → 珠海市), or the town in a zone's bracket note
      ("某某科技城(某某镇)"); with the larger place the head or lead writes before it, province left out
      ("东风区" → "佳木斯市东风区" from an address "佳木斯市东风区长安路…"); when the
      agency names none or is unknown, the place named in the first "X人民政府" mention near the top (an intro
      citing the local government's notice, also after 落实/贯彻/执行), provided it ends at the agency's level;
      else None.
    * year: from the title; else an intro sentence naming the report with its year ("特编制2024年度政府信息公开
      工作年度报告"; not a cited notice "关于做好2023年…报告编制工作的通知"); else the statistics period
      "统计期限自2024年1月1日"; else the year opening a sentence of the intro or part 一 ("2024年，我局…"). When
      the intro's year and the period's disagree (a period copied from last year's report), the one the opening
      year agrees with. Else the most frequent plausible "NNNN年" outside labelled page dates ("发布时间：
      2025年1月20日"; ties: the earlier year). Years compared with ("较2023年", "在2011年的基础上", "与2011年
      同期相比") and effective dates ("2004年5月1日起", not a period's 1月1日) count for neither.
    * published: a date labelled as the publication date ("发布日期：2025-01-15", also on a later line, in a table
      cell "发布日期 | 2025-01-15 |", after a space "公开日期 2025-01-15" or in brackets "发布时间:[2025/01/15]")
      near the top or bottom, else a document date ("成文日期", "发文日期": the day it was signed, ranked below
      the day it went online), else one under a bare "日期：" / "时间：" label, else the page's byline in the head
      ("2025-01-15 10:30 来源：…"), else a line holding only a date (optionally after the agency) among the last
      lines; never an archive, update or generation time ("归档时间：", "更新时间："). ISO ``YYYY-MM-DD``, None
      when not stated.
    * format_version: table cues first ("本年制发件数" or "本年废止件数" ⇒ 2021; "本年新制作数量", "对外公开总数量",
      "上一年项目数量" or "第（九）项" ⇒ 2019; header words may be wrapped or spaced), then the format notice the
      intro cites (〔2021〕30号; 〔2019〕60号 only for a report of 2019–2020 or of unknown year, since later reports
      in the 2021 form still cite it); with neither and no 第二十条 table, a report year up to 2018
      (or, when the year is unknown, a 收费及减免 part) ⇒ pre2019; otherwise unknown.
    """
    first_part = next((p.start for p in parts if p.present and p.start is not None), None)
    text = doc.text
    head_end = first_part if first_part is not None else min(len(text), _HEAD_WINDOW)
    folded = text.translate(_FOLD)
    lead_end = min(len(folded), head_end + _LEAD_WINDOW)
    lead = folded[:lead_end]
    title = _title(text, folded, head_end)
    agency = _agency(title, _Window(text, folded, head_end, lead_end))
    year = _year(title, folded, head_end, lead)
    return Meta(
        # a title read off the intro's sentence is reported only: the agency and year rules read that sentence
        # themselves, and ranking it as a title line would let a name that reads as no agency beat the others
        title=title or _published_report_title(text, folded, head_end),
        agency=agency,
        region=_region(agency, _Window(text, folded, head_end, lead_end)),
        year=year,
        published=_published(folded, year),
        format_version=_format_version(folded, year),
    )


def _title(text: str, folded: str, head_end: int) -> str | None:
    lines = _lines(text, 0, head_end)
    agencyless = None  # "2009年度政府信息公开工作年度报告" in the page chrome; the title proper may follow
    yearless = None  # "某某局" + "政府信息公开工作年度报告" on the next line: taken when no dated title follows
    for index, (start, end) in enumerate(lines):
        line = folded[start:end]
        label = _TITLE_LABEL.match(line)
        offset = label.end() if label else 0
        if _NOT_TITLE_START.match(line, offset):
            continue
        match = _TITLE_PHRASE.search(line, offset)
        if match is None or match.start() - offset > 20:
            continue
        span = line[offset : match.end()]
        headline = _HEADLINE.match(span)
        if headline and _looks_like_agency(headline.group(1)) and not _NOT_IN_TITLE.search(span, headline.end()):
            name = text[start + offset : start + offset + headline.end(1)]
            return name + text[start + offset + headline.end() : start + match.end()]
        if _NOT_IN_TITLE.search(span) or any(c.isdigit() for c in _YEAR_WORD.sub("", span, count=1)):
            continue
        title_end = match.end()
        note = _TITLE_AGENCY_NOTE.match(line, title_end)
        if note and _looks_like_agency(note.group(1)):
            title_end = note.end()
        title = text[start + offset : start + title_end]
        folded_title = title.translate(_FOLD)
        before_year = _title_name_part(folded_title)
        dated = _TITLE_YEAR.search(folded_title) is not None
        if dated:
            # "2024年…报告" or "办事处2024年…报告" under the agency's (first) line; not "2022年某某局…报告", which
            # names its agency after the year (the line above is then the site's header)
            bare = (not before_year or _AGENCY_SUFFIX.fullmatch(before_year)) and not _name_after_year(folded_title)
        else:
            # "政府信息公开工作年度报告" with neither year nor name, under the agency's line; not under a portal's
            # name ("某某区人民政府" over its column "政府信息公开年报")
            bare = folded_title.startswith(("政府信息公开", "政务公开", "信息公开"))
        if index > 0 and bare:
            above = text[lines[index - 1][0] : lines[index - 1][1]]
            folded_above = (above + before_year).translate(_FOLD)
            if _looks_like_agency(folded_above) and (dated or not folded_above.endswith("政府")):
                title = above + title
                if not dated:
                    yearless = yearless or title
                    continue
        if _agency_from_title(title) is None:
            if _TITLE_YEAR.search(title.translate(_FOLD)):
                agencyless = agencyless or title
            continue  # else a site label ("政府信息公开年报"), not this report's title
        return title
    quoted = _QUOTED_TITLE.search(folded, 0, head_end)
    if quoted and re.search(r"关于|通知", quoted.group(1)):
        quoted = None
    if quoted and _agency_from_title(quoted.group(1)) is not None:
        return text[quoted.start(1) : quoted.end(1)]
    if yearless:
        return yearless
    if quoted and agencyless is None:
        return text[quoted.start(1) : quoted.end(1)]
    return agencyless


def _published_report_title(text: str, folded: str, head_end: int) -> str | None:
    """The report's name as an intro sentence publishes it (:data:`_PUBLISHED_REPORT`), as written: "<name><year>
    年…报告" or "<year>年<name>…报告". The name must be a full one: no pronoun ("本单位"), no sentence, not one
    named by its level only ("县教育局"); the office that compiled it ("由某某局办公室编制的…") is not in it."""
    for pattern in _PUBLISHED_REPORT:
        match = pattern.search(folded, 0, head_end)
        if match is None:
            continue
        compiler = pattern is _PUBLISHED_REPORT[2]
        name = text[match.start("name") : match.end("name")]
        cleaned = _clean_agency(name, trim_office=compiler)
        if cleaned is None or (not compiler and not name.endswith(cleaned)):
            continue
        folded_name = cleaned.translate(_FOLD)
        if folded_name[0] in "省市县区旗镇乡州盟" and not _PLACE.match(folded_name):
            continue
        if compiler:
            return cleaned + text[match.start("year") : match.end()]  # the words between are the sentence's
        if match.start("name") < match.start("year"):
            return text[match.end("name") - len(cleaned) : match.end()]
        return text[match.start("year") : match.end()]
    return None


def _title_name_part(folded_title: str) -> str:
    """The title's text before its year ("" when it starts with the year)."""
    year = _TITLE_YEAR.search(folded_title)
    return folded_title[: year.start()].strip() if year else ""


def _name_after_year(folded_title: str) -> str:
    """A name between the title's year and 政府信息公开 ("2022年区人社局政府信息公开…"), or ""."""
    year = _TITLE_YEAR.search(folded_title)
    rest = re.match(rf"年?度?(.*?){_DISCLOSURE}", folded_title[year.end() :]) if year else None
    name = rest.group(1).strip() if rest else ""
    return name if len(name) >= 2 and _is_name(name) else ""


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text[start:end]``, each stripped of surrounding whitespace."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        stripped = line.strip()
        if stripped:
            left = start + match.start() + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
    return spans


def _looks_like_agency(name: str) -> bool:
    """An institution's name (a bracketed note after it allowed: "某某局（某某中心）"), not a place alone."""
    return bool(_AGENCY_CHARS.fullmatch(name) and _AGENCY_SUFFIX.search(_BRACKET_NOTE.sub("", name)))


def _agency_from_title(title: str) -> str | None:
    folded = title.translate(_FOLD)
    note = None
    if not folded.endswith(_TITLE_ENDINGS):
        note = _TITLE_AGENCY_NOTE.search(folded)
        if note and folded.endswith(_TITLE_ENDINGS, 0, note.start()):
            title, folded, note = title[: note.start()], folded[: note.start()], title[note.start(1) : note.end(1)]
        else:
            note = None
    year = _TITLE_YEAR.search(folded)
    spans = []
    if year is None:
        cut = re.search(_DISCLOSURE, folded)
        spans.append((0, cut.start() if cut else 0))
    elif year.start() > 0:
        spans.append((0, year.start()))
    if year is not None:
        # "2024年某某局政府信息公开…", or the name after the year when the text before it is no name
        rest = re.match(rf"年?度?(.*?){_DISCLOSURE}", folded[year.end() :])
        start, end = (year.end() + rest.start(1), year.end() + rest.end(1)) if rest else (0, 0)
        if folded.endswith("人民", 0, end) and folded.startswith("政府", end):
            end += 2  # "…镇人民政府信息公开…": the 政府 belongs to the name
        spans.append((start, end))
    names = [_clean_agency(_unspaced(title[start:end].strip(" 《》“”")), trim_office=False) for start, end in spans]
    if note:
        names.append(_clean_agency(note, trim_office=False))
    names = [name for name in names if name]
    # the first that reads as a name ("面向社会2016年度某某局…" is the page's 公开范围 glued on), else the first
    return next((name for name in names if _is_name(name)), names[0] if names else None)


def _unspaced(name: str) -> str:
    """A title's name broken by spaces: one name when the pieces before the last are institutions ("某某管理委员会
    卫生健康办公室"), else the last piece (page junk glued before it: "某某官网 司法局")."""
    pieces = name.split()
    if len(pieces) < 2 or all(_AGENCY_SUFFIX.search(piece.translate(_FOLD)) for piece in pieces[:-1]):
        return "".join(pieces)
    return pieces[-1]


def _is_name(name: str) -> bool:
    """Ends like an institution (a bracketed note after it allowed) or is a place."""
    folded = _BRACKET_NOTE.sub("", name.translate(_FOLD))
    return bool(_AGENCY_SUFFIX.search(folded) or _PLACE.fullmatch(folded))


@dataclass
class _Window:
    """The text as written and its folded copy (same offsets), with the ends of the head and of the lead (the
    head and the opening of part 一): names are matched on the folded copy and taken as written."""

    text: str
    folded: str
    head_end: int
    lead_end: int


def _agency(title: str | None, window: _Window) -> str | None:
    """The agency (see :func:`extract_meta`): the first name found, completed and, for a place, its government."""
    name = _agency_from_title(title) if title else None
    deferred: list[str] = []
    if name is not None and _weak_title(title or "", name):
        # "北京市政府信息公开工作年度报告本报告是…由北京市统计局编制": a series title naming only the place
        name = _agency_from_text(window, 0, window.head_end, deferred) or name
    elif name is not None:
        name = _spelled_out(name, window)
    if name is None:
        name = _agency_from_text(window, 0, window.head_end, deferred)
    if name is None and window.lead_end > window.head_end:
        name = _agency_from_text(window, window.head_end, window.lead_end, deferred, lead=True)
    if name is None:
        name = _opening_subject(window)
    if name is None:
        name = _first_line_agency(window)
    if name is None:
        name = _own_channel_agency(window)
    if name is None and deferred:
        name = deferred[0]
    if name is None:
        return None
    return _government_of_place(_joint(_with_fuller_place(_complete(name, window), window), window))


def _spelled_out(name: str, window: _Window) -> str:
    """The title's name, or the fuller form the intro's sentence naming the report gives it ("星河市工商局" in the
    title, "公布2099年度星河市工商行政管理局信息公开年度报告" in the intro): the report's fullest name for itself."""
    folded = name.translate(_FOLD)
    for pattern, author, _ in _AGENCY_PATTERNS:
        if not author:
            continue
        for match in pattern.finditer(window.folded, 0, window.lead_end):
            fuller = _clean_agency(window.text[match.start(1) : match.end(1)], trim_office=False)
            if fuller and _abbreviates(folded, fuller.translate(_FOLD)):
                return fuller
    return name


def _abbreviates(short: str, full: str) -> bool:
    """``short`` is ``full`` with words left out ("星河市工商局" of "星河市工商行政管理局"): same first and last
    characters, its characters in order in the longer name."""
    if len(short) < 3 or len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    return in_order(short, full)


def in_order(short: str, full: str) -> bool:
    """Whether the characters of ``short`` all stand in ``full``, in order: a name written with words left out."""
    rest = iter(full)
    return all(char in rest for char in short)


def _with_fuller_place(name: str, window: _Window) -> str:
    """A name starting with its place, with the larger place the head or lead writes before it ("呈祥乡人民政府"
    → "永春县呈祥乡人民政府" from "可联系永春县呈祥乡人民政府"): the report's fullest form of its name."""
    folded = name.translate(_FOLD)
    if not _PLACE.match(folded):
        return name
    return _larger_place(folded, window) + name


def _larger_place(folded: str, window: _Window) -> str:
    """The place (as written) the head or lead writes right before ``folded``, without a province; "" for none."""
    pattern = re.compile(rf"{_NAME_START}({_COMPLETION_PLACE}){re.escape(folded)}")
    mention = pattern.search(window.folded, 0, window.lead_end)
    if mention is None:
        return ""
    province = _PROVINCE.match(mention.group(1))
    return window.text[mention.start(1) + (province.end() if province else 0) : mention.end(1)]


def _joint(name: str, window: _Window) -> str:
    """Two issuers glued in a title ("某某区人民政府某某开发区管委会") with the separator the text writes between
    them ("由某某区人民政府、某某开发区管委会编制")."""
    folded = name.translate(_FOLD)
    for cut in range(2, len(folded) - 1):
        first, second = folded[:cut], folded[cut:]
        if _AGENCY_SUFFIX.search(first) and _looks_like_agency(second) and f"{first}、{second}" in window.folded:
            return f"{name[:cut]}、{name[cut:]}"
    return name


def _own_channel_agency(window: _Window) -> str | None:
    """A report that names itself only as "我局"/"本委" and its own website or account ("洞头区海洋与渔业局网站",
    "铜陵市地震局官网"): the agency is the name before the channel, ending in the unit the report calls itself,
    taken from its place on and in the longest form the head and lead repeat (a verb glued before one mention,
    "负责洞头区…局网站", is not repeated with it)."""
    lead = window.folded[: window.lead_end]
    unit = _SELF_UNIT.search(lead)
    if unit is None:
        return None
    for channel in _OWN_CHANNEL.finditer(lead):
        before = re.search(rf"{_NAME}{{2,30}}$", lead[: channel.start()])
        if before is None or not before.group().endswith(unit.group(1)):
            continue
        for start in range(before.start(), channel.start() - 2):
            candidate = lead[start : channel.start()]
            if _OWN_NAME.match(candidate) and lead.count(candidate) >= 2 and _clean_agency(candidate) == candidate:
                return window.text[start : channel.start()]
    return None


def _weak_title(title: str, name: str) -> bool:
    """A title without a year that names only a place: the place's government's report, or the series title the
    place's departments all use."""
    folded = title.translate(_FOLD)
    return _TITLE_YEAR.search(folded) is None and bool(_PLACE.fullmatch(_BRACKET_NOTE.sub("", name.translate(_FOLD))))


def _agency_from_text(
    window: _Window, start: int, end: int, deferred: list[str], lead: bool = False
) -> str | None:
    """The first name a report-name/compile/contact/chrome phrase gives; sentences are not names, so the name
    must end like an institution (局, 委员会, 人民政府, 街道办事处…). In the opening of part 一 (``lead``) only
    the sentences about the report are read. A publisher in page chrome named without a place or level goes to
    ``deferred``."""
    folded = window.folded
    for pattern, author, in_lead in _AGENCY_PATTERNS:
        if lead and not in_lead:
            continue
        for match in pattern.finditer(folded, start, end):
            name = window.text[match.start(1) : match.end(1)]
            if name.endswith("人民") and folded.startswith("政府", match.end(1)):
                name += window.text[match.end(1) : match.end(1) + 2]  # "公布2024年某某县人民政府信息公开…"
            name = _clean_agency(name, trim_office=not author)
            folded_name = _BRACKET_NOTE.sub("", name.translate(_FOLD)) if name else ""
            if name and (
                _AGENCY_SUFFIX.search(folded_name)
                or (author and _PLACE.fullmatch(folded_name))
                or (pattern is _CHROME and _town_note(name.translate(_FOLD)) is not None)
            ):
                if pattern is _CHROME and not _OWN_NAME.match(folded_name):
                    deferred.append(name)
                    continue
                return name
    return None


def _town_note(folded: str) -> tuple[int, int] | None:
    """Where the town is in a name given with the town it is one body with ("嘉兴科技城(大桥镇)": a zone and its
    town), or None."""
    note = _BRACKET_NOTE.search(folded)
    if note and note.start() >= 2 and _PLACE.fullmatch(folded, note.start() + 1, note.end() - 1):
        return note.start() + 1, note.end() - 1
    return None


def _opening_subject(window: _Window) -> str | None:
    for match in _OPENING_SUBJECT.finditer(window.folded, 0, window.lead_end):
        name = _clean_agency(window.text[match.start(1) : match.end(1)], trim_office=False)
        if name and _is_name(name) and _OWN_NAME.match(name.translate(_FOLD)):
            return name
    return None


def _first_line_agency(window: _Window) -> str | None:
    """The head's first line when it is a name alone ("某某市教育局", "| 某某市教育局 | ||||"): a place or level
    and an institution's ending."""
    lines = _lines(window.text, 0, window.head_end)
    if not lines:
        return None
    start, end = lines[0]
    line = window.text[start:end].strip("|\t \u3000")
    folded = line.translate(_FOLD)
    if len(line) > 30 or not _looks_like_agency(folded) or not _OWN_NAME.match(folded):
        return None
    return line if _clean_agency(line, trim_office=False) == line else None


def _clean_agency(name: str, trim_office: bool = True) -> str | None:
    """The name without a unit inside the agency; None for pronouns ("我局") and non-names."""
    folded = name.translate(_FOLD)
    note = _SHORT_NAME_NOTE.search(folded)
    if note:
        name, folded = name[: note.start()], folded[: note.start()]
    junk = _LEADING_JUNK.match(folded)
    if junk:
        name, folded = name[junk.end() :], folded[junk.end() :]
    if (
        not _AGENCY_CHARS.fullmatch(name)
        or _NOT_AGENCY.match(folded)
        or _DISCLOSURE_UNIT.fullmatch(folded)
        or _OFFICE_UNIT.fullmatch(folded)
        or _SENTENCE_WORDS.search(folded)
        or _LEVEL_ONLY.fullmatch(folded)
        or _AGENCY_SUFFIX.fullmatch(_BRACKET_NOTE.sub("", folded))
    ):
        return None
    while True:
        cut = _unit_start(folded, trim_office)
        if cut is None:
            return name
        name, folded = name[:cut], folded[:cut]


def _unit_start(folded: str, trim_office: bool) -> int | None:
    """Where a unit inside the agency starts at the end of the name, if an agency's name stands before it."""
    for start in range(2, len(folded) - 1):
        rest = folded[start:]
        if _DISCLOSURE_UNIT.fullmatch(rest) or (trim_office and _OFFICE_UNIT.fullmatch(rest)):
            before = folded[:start]
            if _AGENCY_SUFFIX.search(before) or before.endswith("区") or _PLACE.fullmatch(before):
                return start
    return None


def _complete(name: str, window: _Window) -> str:
    """A name without a place ("水务局", "区科技局") with the place of a fuller mention in the head or lead
    ("现将某某区水务局…"), else, for a "区…/县…/市…" name, the government the window names at that level. A
    department named after its level's government ("区政府国资局") is completed as the department ("某某区国资局"
    elsewhere in the text). The place is taken as written."""
    folded = name.translate(_FOLD)
    if _PLACE.match(folded) or folded.startswith(("国家", "国务院", "中国", "中华", "全国")):
        return name
    department = _LEVEL_GOVERNMENT_DEPARTMENT.fullmatch(folded)
    if department and _AGENCY_SUFFIX.search(department.group(2)) and not _OFFICE_UNIT.match(department.group(2)):
        completed = _completion(department.group(1) + department.group(2), window, mention_only=True)
        if completed is not None:
            return completed[: len(completed) - len(department.group(2))] + name[department.start(2) :]
    completed = _completion(folded, window)
    if completed is None and _LEVEL_GOVERNMENT.fullmatch(folded):
        completed = _named_government(folded[0], window)
        return name if completed is None else completed
    return name if completed is None else completed[: len(completed) - len(folded)] + name


def _named_government(level: str, window: _Window) -> str | None:
    """A government named by its level only ("旗政府始终高度重视…") is the first "X旗政府" / "X旗人民政府" the text
    names at that level, anywhere ("乌拉特前旗政府网站"): the report's own place, since the report names no other
    government at its own level before its own."""
    for mention in re.finditer(rf"{_MENTION_START}({_MENTION_PLACE})(?:人民)?政府", window.folded):
        if mention.group(1).endswith(level):
            return window.text[mention.start(1) : mention.end(1)] + "政府"
    return None


def _completion(folded: str, window: _Window, mention_only: bool = False) -> str | None:
    """The place (as written) + ``folded`` (the name folded), or None when the window names no such place."""
    level = folded[0] if folded[0] in "省市县区旗镇乡州盟" else ""
    rest = folded[1:] if level else folded
    if len(rest) < 2:
        return None
    pattern = re.compile(rf"{_NAME_START}({_COMPLETION_PLACE}){re.escape(rest)}(?!门)")
    for mention in pattern.finditer(window.folded, 0, window.lead_end):
        if not level or mention.group(1).endswith(level):
            return window.text[mention.start(1) : mention.end(1)] + rest
    if level and not mention_only:
        for mention in _GOVERNMENT_MENTION.finditer(window.folded, 0, window.lead_end):
            if mention.group(1).endswith(level):
                return window.text[mention.start(1) : mention.end(1)] + rest
    return None


def _government_of_place(name: str) -> str:
    """A bare place name stands for its government ("某某县" → "某某县人民政府"), and so does the place's "政府".
    The added word is in the name's script ("某某街道辦事處" after a Traditional name)."""
    folded = name.translate(_FOLD)
    if folded.endswith("政府") and not folded.endswith("人民政府") and _PLACE.fullmatch(folded[:-2]):
        return name[:-2] + "人民政府"
    if not _PLACE.fullmatch(folded) or _ZONE.search(folded):
        return name
    for suffix, government in _GOVERNMENT_OF_PLACE:
        if folded.endswith(suffix):
            return name + (government if folded == name else government.replace("办事处", "辦事處"))
    return name + "人民政府"


def _region(agency: str | None, window: _Window) -> str | None:
    folded = agency.translate(_FOLD) if agency else ""
    if agency:
        place = _agency_place(folded)
        if place:
            return _fuller_place(agency[place[0] : place[1]], window)
    level = folded[0] if folded and folded[0] in "省市县区旗镇乡州盟" else None
    if agency and level is None:
        return None
    for mention in _GOVERNMENT_MENTION.finditer(window.folded, 0, window.head_end):
        if level is None or mention.group(1).endswith(level):
            return window.text[mention.start(1) : mention.end(1)]
    return None


def _agency_place(folded: str) -> tuple[int, int] | None:
    """Where the agency's place is in its name: its leading place names; after a national body, its branch's
    place ("国家税务总局珠海市税务局"); else the town a zone is named with ("嘉兴科技城(大桥镇)")."""
    place = _PLACE.match(folded)
    if place:
        return place.span()
    body = _NATIONAL_BODY.match(folded)
    place = _PLACE.match(folded, body.end()) if body else None
    return place.span() if place else _town_note(folded)


def _fuller_place(place: str, window: _Window) -> str:
    """The place with the larger place the head or lead writes before it ("东风区" → "佳木斯市东风区" from an
    address "地址：佳木斯市东风区长安路…")."""
    return _larger_place(place.translate(_FOLD), window) + place


def _blank(match: re.Match[str]) -> str:
    """Spaces for a match, so offsets stay valid."""
    return " " * len(match.group())


def _year(title: str | None, folded: str, head_end: int, lead: str) -> int | None:
    if title:
        match = _TITLE_YEAR.search(title.translate(_FOLD))
        if match:
            return int(match.group(1))
    head = _NOT_REPORT_YEAR.sub(_blank, _CITED_NOTICE.sub(_blank, folded[:head_end]))
    named = next(
        (
            int(mention.group(1))
            for mention in _REPORT_MENTION.finditer(head)
            if not _NOTICE_BEFORE.search(head, 0, mention.start()) and not _NOTICE_AFTER.match(head, mention.end())
        ),
        None,
    )
    period_match = _STATISTICS_PERIOD.search(folded)
    period = int(period_match.group(1)) if period_match else None
    opening_match = _OPENING_YEAR.search(lead)
    opening = int(opening_match.group(1)) if opening_match else None
    if named is not None and period is not None and named != period and opening in (named, period):
        return opening  # the intro and the statistics period disagree (one copied from last year): the majority
    for year in (named, period, opening):
        if year is not None:
            return year
    undated = _NOT_REPORT_YEAR.sub(_blank, _LABELLED_DATE.sub(_blank, folded))
    counts = Counter(int(y) for y in _ANY_YEAR.findall(undated) if 2000 <= int(y) <= 2035)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], -y))


def _published(folded: str, year: int | None) -> str | None:
    windows = (folded[:_HEAD_WINDOW], folded[-_HEAD_WINDOW // 2 :])
    publication, document, bare = [], [], []
    for window in windows:
        for match in _PAGE_DATE.finditer(window):
            if match.group("gap").count("\n") > _MAX_GAP_LINES:
                continue
            label_start = max(0, match.start() - 4)
            if _PUBLICATION_LABEL.search(window, label_start, match.start()):
                publication.append(match)
            elif _DOCUMENT_DATE_LABEL.search(window, label_start, match.start()):
                document.append(match)
            elif not _OTHER_LABEL.search(window, label_start, match.start()) and re.search("[:：]", match.group("gap")):
                bare.append(match)
    byline = list(_BYLINE_DATE.finditer(windows[0]))
    for match in publication + document + bare + byline:
        iso = _iso_date(match, year)
        if iso:
            return iso
    tail = folded.rfind("\n", 0, max(0, len(folded) - _HEAD_WINDOW)) + 1
    for start, end in reversed(_lines(folded, tail, len(folded))[-_TAIL_LINES:]):
        match = _DATE_LINE.match(folded, start, end)
        if match and (match.group("who") is None or _looks_like_agency(match.group("who"))):
            iso = _iso_date(match, year)
            if iso:
                return iso
    return None


def _iso_date(match: re.Match[str], report_year: int | None) -> str | None:
    """The match as ``YYYY-MM-DD``; None for impossible dates or dates before the report year."""
    if match.group("y"):
        year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    else:
        year = int("".join(str(_CN_DIGITS[c]) for c in match.group("cy")))
        month = _chinese_number(match.group("cm")) or 0
        day = _chinese_number(match.group("cd")) or 0
    if not (1 <= month <= 12 and 1 <= day <= 31) or (report_year is not None and year < report_year):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _format_version(folded: str, year: int | None) -> str:
    """See :func:`extract_meta`."""
    if _FORMAT_2021_COLUMNS.search(folded):
        return "2021"
    if _FORMAT_2019_COLUMNS.search(folded) or _FORMAT_2019_ITEM.search(folded):
        return "2019"
    if _FORMAT_2021_NOTICE.search(folded):
        return "2021"
    # 〔2019〕60号 is the notice on annual reports in general, still cited by reports in the 2021 form: without a
    # table it tells the form only of the years it was the form of.
    if _FORMAT_2019_NOTICE.search(folded) and (year is None or year <= 2020):
        return "2019"
    if "第二十条" not in folded and (year <= 2018 if year is not None else bool(_PRE2019_HEADING.search(folded))):
        return "pre2019"
    return "unknown"
