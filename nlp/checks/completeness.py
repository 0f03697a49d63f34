"""E3 missing parts and sub-topics, E4 table format defects, E8 no 信息处理费 statement, E9 part 六 silent.

The 2021 format's wording is that content "不能遗漏": a missing part is an error, a missing sub-topic of part
一 a warning (agencies legitimately merge sub-topics). The 2008 条例 (第三十二条) requires its contents too, but
pre-2019 reports follow free layouts, so a part there may sit under a heading of the agency's own wording: their
missing parts are warnings, named as the 条例 lists them. ``E3.truncated`` warns that the text stops in the middle
of a sentence (an incomplete download or conversion): the rest of the report could not be assessed.
``E3.multiple_reports`` warns that the file holds several reports (a 汇编, a page listing several years): they
are analysed and scored as one, so the score is no report's.

E8 and E9 ask whether the reader learns the fee position, the 工作要点 and the 建议提案 at all: stated in
another part it is information (it belongs in part 六), stated nowhere a warning. A report without part 六
is already marked down for it by ``E3.missing_part``; its missing fee statement is then information only, and
E9 stays silent (the same gap is not penalised twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial

from nlp.checks.context import CheckContext
from nlp.fold import fold_table
from nlp.labels import ACTIVE_COLUMN_NAMES, PART_NAMES, REQUEST_COLUMN_NAMES, REVIEW_COLUMN_NAMES, SUBSECTION_NAMES, note_groups, row_name
from nlp.model import REQUEST_ROWS_2019_OTHER, SUBSECTION_KEYS, Analysis, Check, Document, Figure, Meta, Part, Source, Tag
from nlp.segment import extract_meta, find_parts, in_order
from nlp.sentences import Segment, segments
from nlp.snippets import ELLIPSIS, QUOTE_WIDTH, excerpt, window
from nlp.tables import active_row_columns

TABLE_PARTS = {
    "active_disclosure": ("active_disclosure", "表一（第二十条主动公开情况）"),
    "requests": ("requests", "表二（收到和处理政府信息公开申请情况）"),
    "review_litigation": ("review_litigation", "表三（行政复议、行政诉讼情况）"),
}
FEE_STATEMENT = re.compile(r"(信息)?处理费|收费|收取.{0,6}费")
WORK_POINTS = re.compile(r"(政务公开)?工作要点|上级.{0,10}(部署|要求)|年度.{0,6}要点")
PROPOSALS = re.compile(r"建议|提案|人大代表|政协委员")
# Outside part 六 these words are common in other senses ("涉企收费", "意见建议", "单位年度工作要点"): only the
# statutory items themselves count there.
WORK_POINTS_ELSEWHERE = re.compile(r"公开(?:\d{4}年度?)?(?:工作)?要点")
PROPOSALS_ELSEWHERE = re.compile(r"人大代表建议|政协(?:委员)?提案|建议(?:和|与|及|、)?提案")
# Part 六 asks how the agency carried out its superiors' 工作要点. A 工作要点 the agency drew up itself ("制定2099年
# 政务公开工作要点", "印发《某局政务公开工作要点》", "纳入单位年度工作要点") is its own plan, not that report, unless the
# sentence also says whose points it implements ("根据《某市关于印发…工作要点的通知》，制定了本局工作要点") or the plan
# carries them out ("…工作要点》实施方案", "…工作要点落实情况"). The verb nearest before the 要点 in its clause decides; a
# title's own verb ("《…关于印发…工作要点的通知》") and an attributive one ("市政府印发的…要点") name the issuer, not what
# the agency did, so the verb before them decides. A 要点 with no such verb (a heading, "国办、省、市年度政务公开工作要点")
# is the superior's.
POINTS_IMPLEMENTED = re.compile(r"落实|贯彻|执行|按照|依照|依据|根据|对照|对标|围绕|紧扣|结合|遵循|履行")
POINTS_DRAWN_UP = re.compile(r"制定|制订|拟定|拟订|印发|出台|编制|制发|审定|审议|纳入")
POINTS_REPORTED_AFTER = re.compile(r"[》>〉]?的?[^，,。；;：:]{0,8}?(?:落实(?:和完成|及完成)?情况|(?:实施|分工|落实)方案)")
CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")
TITLE_OPEN, TITLE_CLOSE = "《〈<", "》〉>"
FEE_WORD = re.compile(r"[费費]")
FIRST_2021_FORMAT_YEAR = 2021
# Parse notes that only say a row has no value: a table with no value at all is reported missing instead.
NO_VALUE_NOTE = re.compile(r"未找到该行|没有数值|有0个数值")
MAX_EVIDENCE_SENTENCES = 2
# The parts a report under the 2008 条例 had to contain (第三十二条, with the customary 概述); their order and
# numbering vary, so a missing one is named without a number.
PRE2019_PART_NAMES = {
    "overview": "概述",
    "active_disclosure": "主动公开政府信息情况",
    "requests": "依申请公开政府信息和不予公开政府信息情况",
    "review_litigation": "因政府信息公开申请行政复议、提起行政诉讼情况",
    "problems": "政府信息公开工作存在的主要问题及改进情况",
    "other_matters": "其他需要报告的事项",
}
# How a sentence ends: a terminator, then closing quotes or brackets ("……。”", "（详见附件。）"); web pages type the
# half-width "." as a full stop after Chinese text ("其他信息9条.").
SENTENCE_FINAL = re.compile(r"(?:[。！？；!?;…]|(?<=[\u4e00-\u9fff）)】”])\.)[”’」』）)】\]》]*$")
SENTENCE_TERMINATOR = frozenset("。！？；!?;")
# What a last line without a full stop may be besides a cut sentence: a title numbered in Chinese ("（三）认真梳理";
# a line numbered "1." is a sentence, as the segmentation reads it: "3、要加强信息公开制度建" is cut), a date
# after the signature on its line ("某县人民政府办公室 2099年1月20日"), a page footer ("第 3 页 共 5 页"), contact
# details and links ("联系电话：0000-1234567", "网址：www.example.gov.cn").
NUMBERED_TITLE = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[（(〔【][一二三四五六七八九十]{1,3}[）)〕】]|[一二三四五六七八九十]{1,3}[、.．])"
    r"[^，,。；;：:！？!?]*"
)
DATED_LINE = re.compile(
    r"[^，,。；;！？!?]*(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})[ ]*年[ ]*[\d一二三四五六七八九十]{1,3}[ ]*月"
    r"(?:[ ]*[\d一二三四五六七八九十]{1,3}[ ]*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
)
PAGE_FOOTER = re.compile(r"[-—－ ]*(?:第[ ]*\d+[ ]*页(?:[ ]*[，,/]?[ ]*共[ ]*\d+[ ]*页)?|\d+[ ]*/[ ]*\d+)[-—－ ]*")
# Cells of a table the table parser did not place: a row's label and numbers on a line of their own without any
# punctuation ("行政事业性收费00"), a web table's cells between "|", and a reference to an attachment ("附表：…").
TABLE_ROW = re.compile(r"[^，,。；;：:、！？!?]*\d")
TABLE_RESIDUE = re.compile(r"^附(?:件|表|录)|\|$")
CONTACT = re.compile(
    r"^[\u4e00-\u9fff]{0,6}(?:电话|传真|手机|邮编|邮政编码|地址|邮箱|电子邮件|E-?mail|网址|网站|联系人)[ ]*[:：]"
    r"|(?:https?://|www\.)[A-Za-z0-9./:?=&%#~_\-]*$|[A-Za-z0-9._\-]+@[A-Za-z0-9.\-]+$",
    re.I,
)
TRUNCATION_TAIL = 20
# A short answer is a whole sentence even without its full stop: part 六's "无" under its heading, "本年度无其他需要
# 报告的事项" as the report's last line.
SHORT_ANSWER = re.compile(r".{0,12}?(?:暂?无|没有|不涉及|无此项|无此类?情况|无相关情况)|.*无其他需?要?报告的?事项")
# ...in Traditional characters too ("無", "本年度無其他需要報告的事項").
SIMPLIFIED = fold_table()


def _quote(tags: list[Tag]) -> str:
    return excerpt((t.text for t in tags), MAX_EVIDENCE_SENTENCES)


def _topic_quote(analysis: Analysis, tags: list[Tag]) -> str:
    """The sentences covering a topic, a long one cut around its figure: the figure is what shows the topic is
    reported ("…全年通过主动公开政府信息63条")."""
    quotes = []
    for tag in tags[:MAX_EVIDENCE_SENTENCES]:
        figures = _figures_in(analysis, tag)
        if len(tag.text) > QUOTE_WIDTH and figures:
            quotes.append(window(analysis.document.text, figures[0].start, figures[0].end, before=QUOTE_WIDTH // 2))
        else:
            quotes.append(_quote([tag]))
    return "；".join(quote.rstrip("；;") for quote in quotes)


def _figures_in(analysis: Analysis, tag: Tag, categories: tuple[str, ...] | None = None) -> list[Figure]:
    """The figures in ``tag`` (a count, rate or explicit zero the figures stage named; ``other`` is no named one)."""
    return [
        f for f in analysis.figures
        if tag.start <= f.start and f.end <= tag.end and f.category != "other" and (categories is None or f.category in categories)
    ]
# Parts a pre-2019 report may hold as a subsection of part 一, and that subsection's key.
PRE2019_PART_SUBSECTIONS = {"active_disclosure": "active", "requests": "requests"}


def _part_checks(analysis: Analysis) -> list[Check]:
    pre2019 = analysis.meta.format_version == "pre2019"
    overview = analysis.part("overview")
    # Pre-2019 reports often hold the 2008 条例's 主动公开 and 依申请公开 as （一）（二） of "一、基本情况": that content
    # is there, as a subsection of part 一, not missing.
    in_overview = {sub.key for sub in overview.subsections} if pre2019 and overview and overview.present else set()
    checks = []
    for part in analysis.parts:
        if not part.present and PRE2019_PART_SUBSECTIONS.get(part.key) not in in_overview:
            checks.append(
                Check(
                    code="E3.missing_part",
                    severity="warning" if pre2019 else "error",
                    message=(
                        f"未找到“{PRE2019_PART_NAMES[part.key]}”部分（2008年《条例》规定的报告内容；旧版报告结构不固定，请人工核实）。"
                        if pre2019
                        else f"缺少第{part.number}部分“{PART_NAMES[part.key]}”（要素不全）。"
                    ),
                    evidence="未找到该部分标题",
                )
            )
    if overview and overview.present and not pre2019:
        found = {sub.key for sub in overview.subsections}
        # The sub-topics are also tag labels: content without its own subheading is a layout issue, not a gap. One
        # sentence covers a topic as well as several ("全年主动公开政府信息63条" is the topic's key figure).
        tagged: dict[str, list[Tag]] = {}
        for tag in analysis.tags:
            if tag.part == "overview":
                tagged.setdefault(tag.label, []).append(tag)
        for key in SUBSECTION_KEYS:
            if key in found:
                continue
            name = SUBSECTION_NAMES[key]
            # Sentences with a figure first: they are the evidence a reviewer looks for.
            sentences = sorted(tagged.get(key, []), key=lambda t: not _figures_in(analysis, t))
            if sentences:
                severity, message = "info", f"“总体情况”未设置“{name}”小标题，相关内容见于正文（{len(sentences)} 句）。"
                evidence = _topic_quote(analysis, sentences)
                start, end = sentences[0].start, sentences[0].end
            else:
                severity, message = "warning", f"“总体情况”缺少“{name}”方面的内容（要素不全）。"
                evidence = f"总体情况中没有“{name}”小标题，也没有讲述这方面工作的句子"
                start, end = overview.start, overview.end
            checks.append(
                Check(
                    code="E3.missing_subtopic",
                    severity=severity,
                    message=message,
                    evidence=evidence,
                    start=start,
                    end=end,
                )
            )
    return checks


def _table_checks(analysis: Analysis) -> list[Check]:
    checks = []
    tables = analysis.tables
    missing = set()  # tables reported as missing: their row notes would only repeat that (they stay in tables.notes)
    for attribute, (part_key, name) in TABLE_PARTS.items():
        part = analysis.part(part_key)
        span = (part.start, part.end) if part and part.present else (None, None)
        table = getattr(tables, attribute)
        if table is None:
            if analysis.meta.format_version != "pre2019":
                checks.append(
                    Check(
                        code="E4.missing_table",
                        severity="error",
                        message=f"未找到{name}，或表格为图片、无法识别。",
                        evidence="报告文本中没有该表格的表头和数据",
                        start=span[0],
                        end=span[1],
                    )
                )
                missing.add(attribute)
            continue
        if not any(value is not None for values in table.values() for value in values.values()):
            # The header was found but no cell could be read (rows in an attachment or an image): to the reader the
            # table is as absent as a missing one, so it weighs the same. Numbers that are there but could not be
            # placed in a column (rows short of cells) are a table the reader sees, malformed: one format warning
            # naming those rows, instead of a missing table or a malformed-row check per row.
            if analysis.meta.format_version != "pre2019":
                unplaced = [n for n in tables.notes if n.table == attribute and not NO_VALUE_NOTE.search(n.message)]
                if unplaced:
                    code, severity = "E4.unplaced_values", "warning"
                    message = f"{name}有数值，但各行数值个数与栏目不符，无法确定所属列，全表未能核对（格式不规范，请人工核对）。"
                    evidence = "表头之后读到的数值无法归入表格：" + "；".join(
                        f"{rows}{note.message}" for note, rows in note_groups(unplaced)
                    )
                else:
                    code, severity = "E4.missing_table", "error"
                    message = f"{name}只有表头，没有可识别的数据（可能为图片或附件）。"
                    evidence = "表头之后没有读到任何数值"
                checks.append(Check(code=code, severity=severity, message=message, evidence=evidence, start=span[0], end=span[1]))
                missing.add(attribute)
            continue
        blanks = [
            f"{row_name(attribute, row)}·{_column_name(attribute, column)}"
            for row, values in table.items()
            for column, value in values.items()
            if value is None
            and not _row_has_note(analysis, attribute, row)
            # Table A rows carry the keys of both forms; a column the row's form lacks is not a blank cell.
            and (attribute != "active_disclosure" or column in active_row_columns(row, values))
        ]
        if blanks:
            shown = "、".join(blanks[:6]) + ("等" if len(blanks) > 6 else "")
            checks.append(
                Check(
                    code="E4.blank_cells",
                    severity="warning",
                    message=f"{name}有 {len(blanks)} 个单元格为空或填“/”，应填写数字（无数据填 0），格式不规范。",
                    evidence=shown,
                    start=span[0],
                    end=span[1],
                )
            )
    for note, rows in note_groups([note for note in tables.notes if note.table not in missing]):
        checks.append(
            Check(
                code="E4.malformed_row",
                severity="warning",
                message=f"{TABLE_PARTS.get(note.table, (None, note.table))[1]}存在格式问题：{note.message}",
                evidence=rows,
                start=note.start,
                end=note.end,
            )
        )
    year, version = analysis.meta.year, analysis.meta.format_version
    if year and version == "2019" and year >= FIRST_2021_FORMAT_YEAR:
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message=f"{year}年度报告仍使用2019年版（试行）表格格式，应使用国办公开办函〔2021〕30号规定的新格式。",
                evidence="表格含“本年新制作数量”或“第（九）项”等旧版栏目",
            )
        )
    requests = analysis.tables.requests or {}
    if version == "2021" and REQUEST_ROWS_2019_OTHER in requests:
        # Table B of the 2021 form splits （六）其他处理 into 逾期不补正 / 逾期未缴费 / 其他; the single row is 2019's.
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message="表二“（六）其他处理”仍为2019年版的一行，2021年版格式应分列“逾期不补正”“逾期未缴费”“其他”三行。",
                evidence=row_name("requests", REQUEST_ROWS_2019_OTHER),
            )
        )
    if year and version == "2021" and year < FIRST_2021_FORMAT_YEAR - 1:
        checks.append(
            Check(
                code="E4.format_version",
                severity="warning",
                message=f"{year}年度报告使用了2021年版表格格式，与报告年度不符，请核实报告年度。",
                evidence="表格含“本年制发件数”等2021年版栏目",
            )
        )
    return checks


def _row_has_note(analysis: Analysis, table: str, row: str) -> bool:
    return any(note.table == table and note.row == row for note in analysis.tables.notes)


def _column_name(table: str, column: str) -> str:
    names = {
        "requests": REQUEST_COLUMN_NAMES,
        "review_litigation": REVIEW_COLUMN_NAMES,
        "active_disclosure": ACTIVE_COLUMN_NAMES,
    }
    return names.get(table, {}).get(column, column)


def _part_text(analysis: Analysis, part: Part | None) -> str:
    if not part or not part.present:
        return ""
    return analysis.document.text[part.start : part.end]


def _where(tag: Tag) -> str:
    return f"“{PART_NAMES[tag.part]}”" if tag.part in PART_NAMES else "报告开头"


def _fee_statements(analysis: Analysis) -> list[Tag]:
    """Narrative sentences outside part 六 that state the fee position: the classifier's fee sentences that speak
    of a fee, and any sentence carrying an explicit no-fee statement ("未向申请人收取任何费用"). Table cells
    ("逾期未按收费通知要求缴纳费用", "行政事业性收费") are not sentences, so they never count."""
    return [
        t for t in analysis.tags
        if t.part != "other_matters"
        and (
            (t.label == "fees" and FEE_WORD.search(t.text))
            or any(f.value == 0 for f in _figures_in(analysis, t, ("processing_fees",)))
        )
    ]


def _drawn_up(text: str, start: int, end: int) -> bool:
    """Whether the 要点 at ``text[start:end]`` is one the agency drew up itself (see ``POINTS_DRAWN_UP``)."""
    if POINTS_REPORTED_AFTER.match(text, end):
        return False
    clause_start = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    prefix = text[clause_start:start]
    verbs = sorted(
        [(m.start(), m.end(), True) for m in POINTS_IMPLEMENTED.finditer(prefix)]
        + [(m.start(), m.end(), False) for m in POINTS_DRAWN_UP.finditer(prefix)]
    )
    for verb_start, verb_end, implemented in reversed(verbs):
        title = _title_of(prefix, verb_start)
        # A verb in another document's title ("根据《关于做好年度报告编制工作的通知》和《某市政务公开工作要点》")
        # is part of that name.
        if title == "other" or (not implemented and (title == "enclosing" or prefix.startswith("的", verb_end))):
            continue
        return not implemented
    return False


def _title_of(prefix: str, position: int) -> str:
    """Where ``position`` lies: in no title (""), in a title still open at the end of ``prefix`` ("enclosing"), or
    in a title closed before it ("other")."""
    depth = sum(c in TITLE_OPEN for c in prefix[:position]) - sum(c in TITLE_CLOSE for c in prefix[:position])
    if depth <= 0:
        return ""
    level = depth
    for c in prefix[position:]:
        level += (c in TITLE_OPEN) - (c in TITLE_CLOSE)
        if level < depth:
            return "other"
    return "enclosing"


def _tells_work_points(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` reports on superiors' 工作要点: a ``pattern`` match that is no 要点 of the agency's own."""
    return any(
        "要点" not in match.group() or not _drawn_up(text, match.start(), match.end()) for match in pattern.finditer(text)
    )


def _part_six_item(
    analysis: Analysis,
    text: str,
    span: tuple[int | None, int | None],
    code: str,
    severity: str,
    told: Callable[[str], object],
    told_elsewhere: Callable[[str], object],
    item: str,
    words: str,
    note: str = "",
) -> list[Check]:
    """An E9 item of part 六 (``text``): reported there (``told``), nothing; reported in another part
    (``told_elsewhere`` of a sentence), a note that it belongs in part 六; reported nowhere, ``code``."""
    if told(text):
        return []
    elsewhere = [t for t in analysis.tags if t.part != "other_matters" and told_elsewhere(t.text)]
    if elsewhere:
        return [
            Check(
                code="E9.reported_elsewhere",
                severity="info",
                message=f"{item}写在{_where(elsewhere[0])}中，按年报格式应在“其他需要报告的事项”中报告。",
                evidence=_quote(elsewhere),
                start=elsewhere[0].start,
                end=elsewhere[0].end,
            )
        ]
    return [
        Check(
            code=code,
            severity=severity,
            message=f"“其他需要报告的事项”未报告{item}{note}。",
            evidence=f"第六部分及报告其他部分均未提及{words}",
            start=span[0],
            end=span[1],
        )
    ]


def _other_matters_checks(analysis: Analysis) -> list[Check]:
    if analysis.meta.format_version == "pre2019":
        return []
    part = analysis.part("other_matters")
    present = bool(part and part.present)
    text = _part_text(analysis, part)
    span = (part.start, part.end) if present else (None, None)
    checks = []
    if not FEE_STATEMENT.search(text):
        elsewhere = _fee_statements(analysis)
        if elsewhere and present:
            checks.append(
                Check(
                    code="E8.fee_statement_elsewhere",
                    severity="info",
                    message=f"信息处理费收取情况写在{_where(elsewhere[0])}中，按年报格式应在“其他需要报告的事项”中说明。",
                    evidence=_quote(elsewhere),
                    start=elsewhere[0].start,
                    end=elsewhere[0].end,
                )
            )
        elif not elsewhere:
            checks.append(
                Check(
                    code="E8.no_fee_statement",
                    # Without part 六 the gap is E3.missing_part's deduction; this only says the fee position is
                    # not told anywhere else either.
                    severity="warning" if present else "info",
                    message=(
                        "“其他需要报告的事项”未说明信息处理费收取情况（收费或未收费均应说明）。"
                        if present
                        else "报告没有“其他需要报告的事项”部分，其他部分也未说明信息处理费收取情况（缺少该部分已按要素不全计）。"
                    ),
                    evidence="第六部分及报告其他部分均未提及信息处理费" if present else "报告中没有第六部分，其他部分也未提及信息处理费",
                    start=span[0],
                    end=span[1],
                )
            )
    if present:
        checks += _part_six_item(
            analysis, text, span, "E9.no_work_points", "warning",
            partial(_tells_work_points, pattern=WORK_POINTS), partial(_tells_work_points, pattern=WORK_POINTS_ELSEWHERE),
            "落实上级年度政务公开工作要点的情况", "“政务公开工作要点”",
        )
        checks += _part_six_item(
            analysis, text, span, "E9.no_proposals", "info", PROPOSALS.search, PROPOSALS_ELSEWHERE.search,
            "人大代表建议和政协提案办理结果公开情况", "“建议”“提案”", "（如无相关职责可忽略）",
        )
    return checks


@lru_cache(maxsize=4)
def _segments_of(text: str) -> tuple[Segment, ...]:
    """The text's segments, split once for the several checks that ask where the text stops (E3.truncated, E14)."""
    return tuple(segments(text))


def cut_sentence(analysis: Analysis) -> Segment | None:
    """The report's last narrative sentence when it stops without sentence-final punctuation, so what came after it
    is missing (an incomplete download or conversion); None for a complete text. Only the pipeline's own segments
    are read: page chrome, tables, headings and item titles are no narrative, and a report that ends with a table
    ends there."""
    text = analysis.document.text
    regions = analysis.tables.regions
    found = [s for s in _segments_of(text) if not any(r.start <= s.start < r.end for r in regions)]
    if not found or any(r.start >= found[-1].end for r in regions):
        return None
    last = found[-1]
    sentence = text[last.start : last.end]
    # A heading glued to a full stop ends a line only when the line was cut inside a sentence: "…管理水平。指定局"
    # reads as a signature and "…释疑解惑；公开" as a title, but a signature or title has a line of its own.
    glued = last.start > 0 and text[last.start - 1] in SENTENCE_TERMINATOR
    own_line = text[text.rfind("\n", 0, last.start) + 1 : last.start].strip() == ""
    if (last.kind not in ("sentence", "fragment") and not (last.kind == "heading" and glued)) or (
        SENTENCE_FINAL.search(sentence)
        or NUMBERED_TITLE.fullmatch(sentence)
        or DATED_LINE.fullmatch(sentence)
        or PAGE_FOOTER.fullmatch(sentence)
        or (own_line and TABLE_ROW.fullmatch(sentence))
        or TABLE_RESIDUE.search(sentence)
        or CONTACT.search(sentence)
        or SHORT_ANSWER.fullmatch(sentence.strip().translate(SIMPLIFIED))
    ):
        return None
    return last


def _truncation_checks(analysis: Analysis) -> list[Check]:
    """E3.truncated: the text stops in the middle of a sentence (:func:`cut_sentence`)."""
    last = cut_sentence(analysis)
    if last is None:
        return []
    text = analysis.document.text
    quote = window(text, max(last.start, last.end - TRUNCATION_TAIL), last.end, before=0, after=0)
    start = last.end - len(quote.removeprefix(ELLIPSIS))
    return [
        Check(
            code="E3.truncated",
            severity="warning",
            message=f"报告正文在句中截断（“{quote}”），其后内容缺失，可能为下载或转换不完整，请核对原件。",
            evidence=quote,
            start=start,
            end=last.end,
        )
    ]


# Where a report's body may begin: its first part's heading, "一、总体情况", "第一部分 概述", a bare "概述" line, or a
# report under the 2008 条例 opening with "一、主动公开政府信息的情况"; also glued after the intro ("…报告如下：一、…").
# Only a cue: find_parts decides.
FIRST_PART_CUE = re.compile(
    r"(?:^|(?<=[：:。]))[ \t\u3000]*(?=第一部分|[一1][ ]*[、.．]|总体情况|概述|概况|基本情况)",
    re.MULTILINE,
)
# A report's title as a line of its own: a year, the disclosure words and 报告 (or 年报, 汇报, 总结), the agency in
# brackets after it at most. No sentence punctuation, label or 《》 (a report cited in a sentence, "附件：…"), and
# nothing after 报告 ("…年度报告解读", "…年度报告统计表").
TITLE_LINE = re.compile(
    r"[ \t\u3000]*[^，,。；;：:《》\n]{0,40}?(?:19|20)\d{2}[ ]*年[^，,。；;：:《》\n]{0,40}?(?:政府信息公开|政务公开|信息公开)"
    r"[^，,。；;：:《》\n]{0,16}?(?:报告|年报|汇报|总结)(?:[ ]*[（(][^（）()\n]{2,40}[）)])?[ \t\u3000]*$",
    re.MULTILINE,
)
# The sentences that open a report under its title: what it was compiled by or from, its period, "现将…报告如下".
INTRO_CUE = re.compile(
    r"本(?:年度)?报告(?:是|由|根据|依据|按照|依照|中|所列|内容)|根据《中华人民共和国政府信息公开条例》"
    r"|统计(?:期限|时限|时间|区间)|现将.{0,40}?(?:报告|公布)如下"
)
HEADING_FOLD = fold_table(only="總體況開務報資訊彙結據統計區間條現將佈華國")
# What find_parts reads from a cue on, and how far apart two bodies must start: a table of contents' "一、总体情况"
# or a bare "总体情况" line under "一、概述" is no second body.
BODY_WINDOW = 3000
MIN_BODY = 300
FIRST_PART_NUMBER = 2
# How far before its intro or body a title may stand, and how much of a report names its title, agency and year
# (as extract_meta reads a report's head and lead).
HEAD_WINDOW = 1500
META_WINDOW = 2300
MAX_NAMED_REPORTS = 3


def _report_bodies(text: str) -> list[int]:
    """Where the bodies of the reports in ``text`` begin: each heading that find_parts, reading the text from there,
    takes for the report's first part (一 or, under the 2008 条例, 二: a report may open with 主动公开), at least
    :data:`MIN_BODY` characters after the previous one. A list numbered "一、" inside a later part is no body."""
    bodies: list[int] = []
    for cue in FIRST_PART_CUE.finditer(text.translate(HEADING_FOLD)):
        start = cue.end()
        if bodies and start - bodies[-1] < MIN_BODY:
            continue
        first = next((part for part in find_parts(text[start : start + BODY_WINDOW]) if part.present), None)
        if first is not None and first.start == 0 and first.number <= FIRST_PART_NUMBER:
            bodies.append(start)
    return bodies


def _report_starts(text: str) -> list[int]:
    """Where the reports in ``text`` begin, in order.

    A report begins at its title line when an intro sentence or a body follows it within :data:`HEAD_WINDOW`
    with no other title line between (a list of other years' reports on a web page is followed by the next
    title; a report cited in a sentence is no line of its own); the line above the title is its own (an agency
    on a line of its own above "2099年政府信息公开工作年度报告"). A body no title opened begins a report at the
    intro before it (the first report: at the top of the text), else at the body itself. A title repeated as a
    page header starts a "report" too: the caller merges it with the report it repeats."""
    folded = text.translate(HEADING_FOLD)
    events = sorted(
        [(m.start(), "title") for m in TITLE_LINE.finditer(folded)]
        + [(text.rfind("\n", 0, m.start()) + 1, "intro") for m in INTRO_CUE.finditer(folded)]
        + [(body, "body") for body in _report_bodies(text)]
    )
    starts: list[int] = []
    title: int | None = None
    intro: int | None = None  # the first intro since the last body, when no title opened it
    opened = False  # a report began at its title and has not reached its body yet
    body = -MIN_BODY
    for position, kind in events:
        if kind == "title":
            title = position
        elif title is not None and position - title <= HEAD_WINDOW:
            above = _line_above(text, title)
            above = title if TITLE_LINE.match(folded, above) else above  # a list of reports above is none of its own
            starts.append(max(above, starts[-1] if starts else 0))
            title, opened = None, True
        elif kind == "intro":
            # an intro right under the first heading ("一、总体情况\n本年度报告根据…") is its report's own
            intro = position if intro is None and not opened and position - body >= MIN_BODY else intro
        elif not opened:
            lead = intro if intro is not None and position - intro <= HEAD_WINDOW else position
            starts.append(max(0, position - HEAD_WINDOW) if not starts else max(lead, starts[-1]))
        if kind == "body":
            title, intro, opened, body = None, None, False, position
    return starts


def _line_above(text: str, position: int) -> int:
    """Where the last non-blank line before the line at ``position`` begins (``position`` when there is none)."""
    end = text[:position].rstrip().rfind("\n") + 1
    return end if text[:position].strip() else position


def _report_meta(text: str, start: int, end: int) -> tuple[Meta, int]:
    """The title, agency and year of the report in ``text[start:end]`` (read as extract_meta reads a whole report),
    and where its title is (``start`` when it has none)."""
    snippet = text[start:end]
    meta = extract_meta(Document(source=Source(path=""), text=snippet), find_parts(snippet))
    at = snippet.find(meta.title) if meta.title else -1
    return meta, start + max(at, 0)


def _same_report(a: Meta, b: Meta) -> bool:
    """Whether two reports may be one (a title repeated as a page header, a report and its 解读): no year and no
    agency differ. An agency written shorter in one of them is the same: its characters stand in the longer name
    in order ("县财政局", "松石区文旅局" for "鹭汀市松石区文化和旅游局")."""
    if a.year and b.year and a.year != b.year:
        return False
    return not (a.agency and b.agency and not in_order(a.agency, b.agency) and not in_order(b.agency, a.agency))


def _report_name(meta: Meta) -> str:
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year else ""
    return f"{meta.agency or ''}{year}报告" if meta.agency or year else "标题未识别的报告"


def reports_in(text: str) -> list[tuple[Meta, int]]:
    """The reports a text holds, in order: each one's title, agency and year, and where its title (else its
    start) is. Reports that may be one (see :func:`_same_report`) in a row count once: a page header repeating
    the title, a 解读 after its report."""
    return _reports(text, _report_starts(text))


def _reports(text: str, starts: list[int]) -> list[tuple[Meta, int]]:
    reports: list[tuple[Meta, int]] = []
    for start, following in zip(starts, starts[1:] + [len(text)]):
        meta, at = _report_meta(text, start, min(following, start + META_WINDOW))
        if reports and _same_report(reports[-1][0], meta):
            # what one of them names, the merged report names ("某某局" over a page header's title, a 解读's year)
            known, first_at = reports[-1]
            named = replace(known, title=known.title or meta.title, agency=known.agency or meta.agency)
            reports[-1] = (replace(named, year=known.year or meta.year), first_at)
        else:
            reports.append((meta, at))
    return reports


def _multiple_reports_checks(analysis: Analysis) -> list[Check]:
    """E3.multiple_reports: the file holds several reports (a 汇编 of a county's departments, a page listing
    several years), which the score reads as one (:func:`reports_in`)."""
    text = analysis.document.text
    starts = _report_starts(text)
    reports = _reports(text, starts) if len(starts) > 1 else []
    if len(reports) < 2:
        return []
    names = list(dict.fromkeys(_report_name(meta) for meta, _ in reports))
    listed = "、".join(names[:MAX_NAMED_REPORTS]) + ("等" if len(names) > MAX_NAMED_REPORTS else "")
    second, at = reports[1]
    end = at + len(second.title) if second.title and text.startswith(second.title, at) else at
    return [
        Check(
            code="E3.multiple_reports",
            severity="warning",
            message=(
                f"文件中似乎包含多份年度报告（约 {len(reports)} 份：{listed}），本次分析和评分把它们当作一份报告，"
                "得分不反映任何一份报告的质量；请拆分后分别分析。"
            ),
            evidence=_report_name(second),
            start=at,
            end=end,
        )
    ]


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    return (
        _part_checks(analysis)
        + _truncation_checks(analysis)
        + _multiple_reports_checks(analysis)
        + _table_checks(analysis)
        + _other_matters_checks(analysis)
    )
