"""Narrative sentence spans, by the rules of ``docs/contract.md`` (tag labels) and ``corpora/GUIDELINES.md``.

``split_sentences(text, start, end)`` returns ``(start, end)`` character offsets into ``text``, trimmed of
surrounding whitespace, in text order. It is a single left-to-right scan with precompiled regexes, because it
runs over every report the pipeline analyses and over the whole corpus when training.

Boundaries
    * ``。！？；`` and line breaks end a sentence; half-width ``; ? !`` only right after Chinese text (web
      pages type them in Chinese prose; after Latin text or digits they are not sentence ends). The half-width
      period never splits: it is a decimal point ("1.5%") or an ordinal ("2.").
    * A run of terminators and the closing quotes right after one stay with the sentence ("……！”").
    * No split inside “…” ‘…’ 「…」 『…』 or 《…》 (titles hold their own punctuation, e.g.
      《进行时!》); a line break always splits. An opening mark counts only when its closing mark follows on
      the same line, so one stray quote cannot swallow a paragraph.
    * Enumerated items are their own sentences: besides the ``；`` that usually ends them, the scan splits
      before "二是/三是/…" and "其二/其三…" when a comma glues them to the previous item ("一是…，二是…"). "一是"
      itself stays with its lead-in ("存在以下问题：一是…；"), as the annotators do.

Skipped, because they carry no narrative (``docs/contract.md``: "Headings, table cells and page chrome carry
no label")
    * table lines: a tab, only numbers, units and separators, or "|"-separated short cells (web tables);
    * page chrome: a web page's field lines (来源/发布机构/索 引 号/关键词… with a colon, bulleted or spaced),
      breadcrumbs (当前位置…, 首页 >), page tools (分享到/打印/大 中 小/长者版) and "P. 12" page marks;
    * fragments: a line of at most two characters, or of at most six with no punctuation and no digit (table
      labels such as "总计", a broken caption "（本"); "53期" is a wrapped figure and stays, and so does a one-word
      answer under its heading ("无");
    * headings standing alone: a numbered line ("（一）主动公开情况", "五、存在的主要问题及改进情况",
      "1.存在的问题") without sentence punctuation, and short unnumbered lines ending in a heading word
      ("存在的主要问题", "改进措施") or with no punctuation at all (titles, signatures, dates);
    * a heading glued to its sentence: "（二）依申请公开。本年度…", "（一）主动公开情况：本年度…" and
      "（一）主动公开情况 本年度…" yield only "本年度…". Only headings whose phrase reads as a section title
      (a topic word such as 主动公开/依申请/情况/问题/措施) are cut, and short titles numbered "（一）" whatever
      their words (GUIDELINES rule 20: "（一）加强培训。" is a title); an item numbered "1." stays a sentence.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

_TERMINATORS = frozenset("。！？；")
_HALF_TERMINATORS = frozenset(";?!")
_TRAILERS = frozenset("。！？；;?!…”’」』")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_CLOSERS = {closer: opener for opener, closer in _QUOTES.items()}
_STRIP = " \t\r\u3000\xa0\u200b\ufeff*#"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CHINESE_AFTER = re.compile(rf"[ ]*[{_CJK}]")
_CONTENT = re.compile(rf"[{_CJK}A-Za-z0-9]")
_CHINESE_BEFORE = re.compile(rf"[{_CJK}\u3000-\u303f\uff01-\uff60”’」』》）]")
# "，二是", "，其三": an item glued by a comma to the one before it.
_GLUED_ITEM = re.compile(r"(?<=[，,、])[ ]*(?:[二三四五六七八九十]是|其[二三四五六七八九十](?:是)?[，,、])")

_MARKER = (
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章|节)"
    r"|[（(〔【][一二三四五六七八九十\d]{1,3}[）)〕】]"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\d{1,2}(?:[、．]|\.(?!\d)|[）)])"
    r")[ ]*"
)
_NUMBERED = re.compile(_MARKER)
# How section titles end: nominal phrases ("政府信息管理", "主动公开情况", "存在的主要问题及改进措施").
_TITLE_END = (
    r"(?:情况|概述|概况|公开|申请|管理|建设|保障|措施|事项|改进|计划|打算|方向|举措|报告|说明|减免|"
    r"途径|数量|存在的?(?:主要)?问题(?:[和及与]不足)?|问题[和及与]不足|不足之处|主要问题)"
)
_HEADING_PHRASE = re.compile(rf".{{0,38}}{_TITLE_END}")
# Words of a statement, never of a title: "全年未出现…收费及减免情况" is a sentence that happens to end in 情况.
_STATEMENT = re.compile(r"未|没有|已|了|我局|我单位|我委|我办|我镇|我县|我区|我市|本年|全年|共计|累计|表现在|主要是")
# Traditional forms of the title vocabulary (mirror sites publish Traditional copies).
_FOLD = str.maketrans("況開請設問題護監務報進資處費關導組織構規範載體總", "况开请设问题护监务报进资处费关导组织构规范载体总")
# Numbered list items start with a verb ("1.加强信息发布管理"); section titles never do.
_ACTION_START = re.compile(
    r"加强|强化|完善|健全|丰富|提高|提升|推进|推动|深化|优化|拓展|拓宽|规范|做好|抓好|严格|注重|坚持|落实|建立|"
    r"要|将|加大|创新|扩大|增强|狠抓|全面|切实|进一步|持续|不断|积极|及时|认真|着力|继续|探索|开展|组织|强调|确保|畅通|深入"
)
# A glued heading: marker, a short phrase without sentence punctuation, then 。/：/: or spaces.
_GLUED_HEADING = re.compile(
    rf"{_MARKER}(?P<phrase>[^，,；;。：:！？!?\s]{{2,24}})(?:[。：:][ ]*|[ ]+|$)"
    r"|(?P<label>[^，,；;。：:！？!?\s\d]{2,6})[：:][ ]*"
)
# GUIDELINES rule 20: a short title numbered "（二）" ("（二）加强舆论宣传。") is a heading, whether or not a sentence
# follows it on its line. Titles numbered "1." stay sentences: in part 五 "1.培训不足。" is often the problem itself.
_PAREN_NUMBER = re.compile(r"[（(〔【][一二三四五六七八九十]{1,3}[）)〕】]")
_SHORT_TITLE = 20
# What must remain after a glued heading for it to be cut: "收费情况:无。" stays whole, "无。" says nothing alone.
_MIN_REST = 4
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?、：:]")
_SIGNATURE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}(?:局|委|委员会|厅|办|办公室|政府|院|中心|处|所|站|馆|街道办事处|镇|乡|管委会|公司)"
    r"|(?:\d{4}|[〇○零一二三四五六七八九]{4})[ ]*年[ ]*[\d一二三四五六七八九十]{1,3}[ ]*月(?:[ ]*[\d一二三四五六七八九十]{1,3}[ ]*日)?"
)
# Field labels of a web page's header block, spaced or not ("索 引 号：", "• 发布机构：", "- 标题："), breadcrumbs,
# page-tool buttons and "P. 12" page marks.
_CHROME_FIELDS = (
    "来源", "信息来源", "发布机构", "发布单位", "发布机关", "发文机关", "发布日期", "发布时间", "发文日期", "成文日期",
    "生成日期", "更新时间", "日期", "时间", "字号", "字体", "作者", "投稿", "责任编辑", "编辑", "浏览次数", "浏览量",
    "阅读次数", "访问次数", "点击数", "点击量", "索引号", "主题分类", "体裁分类", "组配分类", "信息分类", "文号",
    "文件编号", "文件名称", "名称", "标题", "关键词", "关键字", "主题词", "公开方式", "公开范围", "公开时限", "有效性",
    "是否有效", "登记号", "备注", "所属机构", "服务对象",
    "当前位置", "您的位置", "您当前的位置", "您现在的位置", "您现在所在的位置", "所在位置",
)
_CHROME = re.compile(
    r"^(?:[•·*\-][ ]*)?(?:"
    + "|".join("[ \u3000]*".join(field) for field in sorted(_CHROME_FIELDS, key=len, reverse=True))
    + r")[ \u3000]*[:：]"
    r"|首页[ ]*>|^(?:[•·*\-][ ]*)?(?:长者版|关怀版|无障碍|听全文|繁体|简体|English|logo|LOGO|大[ ]*中[ ]*小)$"
    r"|^P\.[ ]*\d+$"
    r"|分享到|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\]|扫一扫|扫码|^打印$|^关闭$|^分享[:：]?$"
)
# Tab-separated cells, lines of numbers only, and the 2021 format's table captions ("第二十条 第（一）项").
_TABLE_LINE = re.compile(
    r"\t|^[\d\s.,，、%％/|\-—–:：()（）元件条个万次人]*$|^第[一二三四五六七八九十]+条[ ]*第?[（(][一二三四五六七八九十]+[）)]项$"
)
# A web table flattened to text: cells between "|" ("信息内容 | 本年新制作数量 |"). A narrative paragraph that a
# layout table wrapped ("内容概述 | 本年度报告根据…") has a long cell and stays.
_PIPE_CELL_MAX = 30
# Lines too short to report anything: page-tool letters ("大"), table labels ("总计", "本年新"), a broken table
# caption ("（本"). A short line with a number ("53期") is a wrapped figure and stays.
_FRAGMENT_MAX = 6
# ...except a short answer under its heading ("六、其他需要报告的事项" / "无"), which is the whole content.
_SHORT_ANSWER = re.compile(r"(?:无|暂无|没有|不涉及|无此项)[。.]?")
_HEADING_MAX = 32
_BARE_LINE_MAX = 40


class Segment(NamedTuple):
    """A span of narrative text: a ``sentence``, a ``heading`` (a section title, on its line or glued to a
    sentence), or an ``item`` title ("（一）加强组织领导。", GUIDELINES rule 20) followed by its own sentences: not
    a sentence, and not what the sentences after it sit under either — they stay under the section heading
    ("（二）改进措施"). An item title with no sentence after it is a sentence."""

    kind: Literal["sentence", "heading", "item"]
    start: int
    end: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), headings, tables and chrome left out."""
    return [(s.start, s.end) for s in segments(text, start, end) if s.kind == "sentence"]


def segments(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Sentences and the headings between them, in text order (tables and page chrome left out).

    The headings are what a sentence sits under ("（二）改进措施"), which the tagger reads as context.
    """
    end = len(text) if end is None else end
    found: list[Segment] = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        if line_end < 0:
            line_end = end
        line = text[line_start:line_end].strip(_STRIP)
        if not line or _TABLE_LINE.search(line) or _CHROME.search(line) or _is_pipe_row(line):
            pass
        elif line[-1] not in _TRAILERS and _is_heading(line):
            found.append(Segment("heading", *_trim(text, line_start, line_end)))
        elif not _is_fragment(line):
            found.extend(_line_segments(text, line_start, line_end))
        line_start = line_end + 1
    # An item title with no sentence of its own after it is the content itself: a list of problems written as
    # "（一）信息员队伍不稳定。\n（二）解读形式较单一。" must still be tagged.
    for index, segment in enumerate(found):
        if segment.kind == "item" and (index + 1 == len(found) or found[index + 1].kind != "sentence"):
            found[index] = segment._replace(kind="sentence")
    return found


def _is_numbered_title(glued: re.Match[str]) -> bool:
    phrase = glued.group("phrase")
    return bool(
        phrase
        and _PAREN_NUMBER.match(glued.group())
        and len(phrase) <= _SHORT_TITLE
        and phrase[0] != "是"  # "（二）是健全各项制度。" is the list item "二是…"
        and not any(c.isdigit() for c in phrase)
    )


def _is_pipe_row(line: str) -> bool:
    return "|" in line and all(len(cell.strip()) <= _PIPE_CELL_MAX for cell in line.split("|"))


def _is_fragment(line: str) -> bool:
    if _SHORT_ANSWER.fullmatch(line):
        return False
    content = _CONTENT.findall(line)
    if len(content) <= 2:
        return line[-1] not in _TRAILERS and line[-1] not in ":："
    return len(content) <= _FRAGMENT_MAX and not _SENTENCE_PUNCT.search(line) and not any(c.isdigit() for c in content)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _is_heading(segment: str) -> bool:
    """A short title line: numbered without sentence punctuation, or an unnumbered title, signature or date."""
    numbered = _NUMBERED.match(segment)
    body = (segment[numbered.end() :] if numbered else segment).rstrip(":： ")
    if not body:
        return True
    if _SENTENCE_PUNCT.search(body) or len(segment) > (_HEADING_MAX if numbered else _BARE_LINE_MAX):
        return False
    if numbered:
        # "（一）主动公开情况" and "1.存在的问题" are titles; "1、加强组织领导" and "(一)2010年主动公开信息10余条"
        # are list items that report something.
        return _is_title(body) or not (_ACTION_START.match(body) or any(c.isdigit() for c in body))
    # Digits mark a statement ("按照《条例》第9至12条规定的主动公开"), except in a report title's year.
    return bool(_SIGNATURE.fullmatch(body)) or (
        _is_title(body) and (body.endswith("报告") or not any(c.isdigit() for c in body))
    )


def _is_title(phrase: str) -> bool:
    phrase = phrase.translate(_FOLD)
    return bool(_HEADING_PHRASE.fullmatch(phrase)) and not _ACTION_START.match(phrase) and not _STATEMENT.search(phrase)


def _line_segments(text: str, line_start: int, line_end: int) -> list[Segment]:
    found = []
    sentence_start = line_start
    for cut in [*_cuts(text, line_start, line_end), line_end]:
        found.extend(_clean(text, sentence_start, cut, line_end))
        sentence_start = cut
    return found


def _cuts(text: str, line_start: int, line_end: int) -> list[int]:
    """Positions inside one line where a sentence ends (exclusive ends), quotes and titles respected."""
    glued_items = {m.start() + len(m.group()) - len(m.group().lstrip()) for m in _GLUED_ITEM.finditer(text, line_start, line_end)}
    cuts = []
    open_quotes: dict[str, int] = {}
    position = line_start
    while position < line_end:
        char = text[position]
        if char in _QUOTES and text.find(_QUOTES[char], position + 1, line_end) >= 0:
            open_quotes[char] = open_quotes.get(char, 0) + 1
        elif char in _CLOSERS and open_quotes.get(_CLOSERS[char]):
            open_quotes[_CLOSERS[char]] -= 1
        elif not any(open_quotes.values()):
            if position in glued_items and position > line_start:
                cuts.append(position)
            elif char in _TERMINATORS or (
                char in _HALF_TERMINATORS
                and (
                    (position > line_start and _CHINESE_BEFORE.match(text, position - 1))
                    or _CHINESE_AFTER.match(text, position + 1, line_end)
                )
            ):
                position += 1
                while position < line_end and text[position] in _TRAILERS:
                    position += 1
                cuts.append(position)
                continue
        position += 1
    return cuts


def _clean(text: str, start: int, end: int, line_end: int) -> list[Segment]:
    """The trimmed sentence, with a glued section heading split off its front; a bare heading alone."""
    start, end = _trim(text, start, end)
    if start >= end or not _CONTENT.search(text, start, end):
        return []
    found = []
    glued = _GLUED_HEADING.match(text, start, end)
    kind: Literal["heading", "item"] | None = None
    if glued and _is_title(glued.group("phrase") or glued.group("label")):
        kind = "heading"
    elif glued and _is_numbered_title(glued):
        kind = "item"
    if glued and kind:
        rest = _trim(text, glued.end(), end)[0]
        if rest >= end and glued.group("phrase"):
            return [Segment(kind, start, end)]
        if len(_CONTENT.findall(text, rest, end)) >= _MIN_REST:
            found.append(Segment(kind, *_trim(text, start, glued.end())))
            start = rest
    segment = text[start:end]
    if (end == line_end or segment[-1] in ":：") and segment[-1] not in _TRAILERS and _is_heading(segment):
        # A heading that ends the line ("…。（一）主动公开情况") or introduces it ("（一）总体情况：").
        return [*found, Segment("heading", start, end)]
    return [*found, Segment("sentence", start, end)]
