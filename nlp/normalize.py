"""``normalize(doc) -> Document``: one clean string for every later stage.

Readers hand over blocks exactly as the file holds them; real files carry conversion residue and typing
habits that would otherwise leak into every regex downstream. This stage cleans each block, renders the
whole report as ``Document.text`` and records where each block sits in it.

Text layout
    Blocks are separated by ``"\\n"``. A paragraph block is its cleaned text (it may itself hold line breaks,
    e.g. a web page's text in one block). A table block renders as one line per grid row, cells joined by
    ``"\\t"`` (a cell's own line breaks and tabs become a space), so the table parser reads DOCX/HTML grids
    and tab-separated .txt tables alike. After normalisation ``text[block.start:block.end] == block.text``
    for every block; a table block's ``text`` is set to its rendering.

Joined lines
    Three kinds of hard line break are undone by rendering the second block right after the first, without
    the separating ``"\\n"`` (both blocks keep their own spans, which are then adjacent):

    * a report title wrapped inside its phrase ("…2024年政府信息" + "公开工作年度报告");
    * a numbered part heading wrapped inside a known heading ("四、政府信息公开行政复议、行政" + "诉讼情况");
    * a figure wrapped before its unit, as in PDF text ("行政复议351" + "件，其中…").

    A title whose agency sits on its own line ("淮安市人民政府" + "2024年政府信息公开工作年度报告") is left on
    two lines: the first line is a complete name, not a broken heading; :func:`nlp.segment.extract_meta`
    reads such titles.

Character rules (precompiled; each is one pass over all paragraphs and cells of a report at once, joined by
a separator line, which is several times faster than one pass per line)
    * full-width ASCII letters, digits and symbols (Ａ１％．／) become half-width; the Chinese punctuation
      （）：，；！？ stays full-width. Half-width punctuation typed by the author ("(一)", ":", ",") stays as
      typed: downstream parsers accept both "（一）" and "(一)", and rewriting "," would glue lists of
      numbers ("12, 34") into one;
    * NBSP, ideographic and other typographic spaces become a plain space; zero-width characters, BOM,
      soft hyphens, control characters and U+E000 (the private-use character of the pass separator) are
      dropped; form feed, vertical tab and Unicode line separators become line breaks;
    * conversion residue is removed: "[bookmark: _GoBack]", "<!-- … -->", markdown images, markdown heading
      hashes and bold/italic stars ("**一是**"), pinyin glosses that mirror sites insert after characters
      ("區(qū)"), runs of "??" left where indentation was lost, and page-number lines ("- 3 -", "第3页");
    * spaces are dropped where they only separate CJK text from a figure ("2024 年" → "2024年",
      "信息 6 条" → "信息6条"), around Chinese punctuation ("5、 存在" → "5、存在"), after half-width
      punctuation before Chinese text ("(一) 主动公开" → "(一)主动公开"), and after an ordinal
      ("1. 属于" → "1.属于"). Spaces between two Chinese characters are kept: on web pages they separate
      fields ("来源:市科技局 日期:…") or a heading from its paragraph. Spaces between two figures are kept,
      so no digit sequence is ever merged or split. Leading and trailing spaces of each line are stripped;
      tabs are kept (they separate table cells).

Every rule is idempotent, so ``normalize`` applied to its own output changes nothing.
"""

from __future__ import annotations

import re

from nlp.model import Block, Document

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation around which spaces carry no meaning. Curly single quotes are left out: they also
# serve as apostrophes in English text.
_CJK_PUNCT = "、，。；：！？（）《》〈〉【】〔〕「」『』“”…—·"
# Characters that follow a figure: units, scale words, approximate qualifiers, date parts, percent.
_UNITS = "年月日时分秒号条件篇个次家人名万亿元千百余多项份期场届批所座处台套户倍岁周天%"
_KEEP_FULL_WIDTH = set("（），：；！？")


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in _KEEP_FULL_WIDTH:
            table[code] = chr(code - 0xFEE0)
    for code in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (0xE000, 0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF):
        table[code] = None
    for code in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F):
        table[code] = None
    for code in (0x0B, 0x0C, 0x85, 0x2028, 0x2029):
        table[code] = "\n"
    table[0x0D] = "\n"
    return table


_TRANSLATION = _build_translation()

_PINYIN_FINAL = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RESIDUE = re.compile(
    r"\[bookmark:[^\]\n]*\]"
    r"|<!--[^\ue000]*?-->"
    r"|!\[[^\]\n]*\]\([^)\n]*\)"
    rf"|(?<=[{_CJK}])\((?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])[{_PINYIN_FINAL}]{{1,3}}(?:ng|n|r)?"
    rf"|[{_PINYIN_FINAL}]{{0,2}}[{_TONED}][{_PINYIN_FINAL}]{{0,2}}(?:ng|n|r)?)\)",
)
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_ITALIC = re.compile(rf"(?<!\*)\*(?=\S)([^*\n]*[{_CJK}][^*\n]*?)(?<=\S)\*(?!\*)")
_MD_HEADING = re.compile(r"^#{1,6}[ ]+", re.MULTILINE)
_LINE_EDGE_SPACES = re.compile(r"^[ ]+|[ ]+$", re.MULTILINE)
_LOST_INDENT = re.compile(r"^\?{2,}", re.MULTILINE)
_PAGE_NUMBER_LINE = re.compile(
    r"^(?:[-—–][ ]*\d{1,3}[ ]*[-—–]|第[ ]*\d{1,3}[ ]*页(?:[ ]*[,，/]?[ ]*共[ ]*\d{1,3}[ ]*页)?)$", re.MULTILINE
)
_DROPPABLE_SPACE = re.compile(
    rf"(?<=\d)[ ]+(?=[{_UNITS}])"
    rf"|(?<=[{_CJK}])[ ]+(?=\d[\d.]*[ ]*[{_UNITS}])"
    rf"|(?<=[{_CJK_PUNCT}])[ ]+"
    rf"|[ ]+(?=[{_CJK_PUNCT}])"
    rf"|(?<=[;:!?)\]])[ ]+(?=[{_CJK}(（\d])"
    rf"|(?<=,)[ ]+(?=[{_CJK}(（])"
    rf"|(?<=[{_CJK}])[ ]+(?=[,;:!?)])"
    rf"|(?<=\d[.、])[ ]+(?=[{_CJK}])"
)
_CELL_BREAKS = re.compile(r"[\t\n]+")
# Joins the pieces of one report for the rule passes; a private-use character no reader produces.
_PIECE_SEPARATOR = "\n\ue000\n"
_CR_LF = re.compile(r"\r\n?")

# Line joins. A title broken inside its phrase: the first line holds the year, the second continues the
# phrase (it does not start with a year) and ends the title.
_TITLE = re.compile(r"(?:19|20)\d{2}年度?.{0,30}?(?:政府信息公开|政务公开|信息公开).{0,8}?(?:年度报告|工作报告|年报)")
_TITLE_FIRST_LINE = re.compile(r"(?:19|20)\d{2}年")
_PART_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})[、.．]")
_PART_HEADINGS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "存在的主要问题及改进情况",
    "存在的主要问题和改进情况",
    "其他需要报告的事项",
    "其它需要报告的事项",
)
_FIGURE_AT_END = re.compile(rf"[{_CJK}，、：（]\d+(?:\.\d+)?$")
_UNIT_AT_START = re.compile(rf"^[{_UNITS}]")
_SENTENCE_END = re.compile(r"[。；！？;!?]")


def normalize(doc: Document) -> Document:
    """Clean every block, fill ``doc.text`` and the block spans; returns ``doc`` (modified in place)."""
    _clean_blocks(doc.blocks)
    pieces: list[str] = []
    position = 0
    line = ""  # the rendered line the next block would continue
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind == "table":
            block.text = "\n".join("\t".join(row) for row in block.rows)
            join = False
        else:
            join = previous is not None and previous.kind == "paragraph" and _continues(line, block.text)
        if previous is not None and not join:
            pieces.append("\n")
            position += 1
            line = ""
        block.start = position
        pieces.append(block.text)
        position += len(block.text)
        block.end = position
        line = line + block.text if "\n" not in block.text else block.text.rsplit("\n", 1)[1]
        previous = block
    doc.text = "".join(pieces)
    return doc


def _clean_blocks(blocks: list[Block]) -> None:
    """Clean paragraph texts and table cells in place.

    All pieces go through the rule passes together, joined by a separator line, because one regex pass
    over a whole report is several times faster than one per line; no rule matches across a line break
    except the HTML-comment rule, which stops at the separator.
    """
    pieces: list[str] = []
    for block in blocks:
        if block.kind == "table":
            pieces.extend(_CELL_BREAKS.sub(" ", _prepare(cell)) for row in block.rows for cell in row)
        else:
            pieces.append(_prepare(block.text))
    cleaned = iter(_apply_rules(_PIECE_SEPARATOR.join(pieces)).split(_PIECE_SEPARATOR))
    for block in blocks:
        if block.kind == "table":
            block.rows = [[next(cleaned).strip("\n") for _ in row] for row in block.rows]
        else:
            block.text = next(cleaned).strip("\n")


def _prepare(text: str) -> str:
    if "\r" in text:
        text = _CR_LF.sub("\n", text)
    return text.translate(_TRANSLATION)


def _apply_rules(text: str) -> str:
    text = _RESIDUE.sub("", text)
    text = _MD_BOLD.sub(r"\1", text)
    text = _MD_ITALIC.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _LINE_EDGE_SPACES.sub("", text)
    text = _LOST_INDENT.sub("", text)
    text = _DROPPABLE_SPACE.sub("", text)
    text = _LINE_EDGE_SPACES.sub("", text)
    return _PAGE_NUMBER_LINE.sub("", text)


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` is the rest of ``line`` broken by a hard wrap (see the module docstring)."""
    if not line or not following or "\t" in line or following.startswith("\t"):
        return False
    if _FIGURE_AT_END.search(line) and _UNIT_AT_START.match(following):
        return True
    if len(line) > 40 or len(following) > 24 or _SENTENCE_END.search(line) or _SENTENCE_END.search(following):
        return False
    if "报告" not in line and _TITLE_FIRST_LINE.search(line) and not following[0].isdigit():
        joined = line + following
        title = _TITLE.search(joined)
        if title and title.end() == len(joined) and title.start() <= len(line):
            return True
    number = _PART_NUMBER.match(line)
    if number:
        body = line[number.end() :]
        whole = body + following
        return bool(body) and any(h.startswith(body) and h != body and whole == h for h in _PART_HEADINGS)
    return False
