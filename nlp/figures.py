"""``extract_figures(text, parts, year=None, *, exclude=()) -> list[Figure]``: the quantitative statements of a
report's narrative.

A figure is a count, amount or rate the agency reports about its own work ("主动公开信息5500余条",
"收取信息处理费3940元", "按期答复率100%"), plus the zero-valued figures that negative statements imply
("未收到政府信息公开申请" → requests_received = 0; ``NEGATIVE_STATEMENTS``: no verb is needed before an
application ("无…形式的政府信息公开申请"), a bare 诉讼 after 行政复议 is a lawsuit ("无…行政复议、诉讼和申诉情况"), and
"未制定规章和规范性文件" gives one zero per category its words name, ``NEGATIVE_WORDS``; "并无" negates like "无", and a
cost of lawsuits, "未发生与诉讼…有关的费用", is neither a case count nor a processing fee). The checks compare them
with the tables, so a wrong figure is worse than a missing one: the rules lean towards precision.

How a figure is found
    Figures are matched on the *text* with regexes, not on tokens: jieba glues numbers to units and numerals
    ("三十二件" is one token), and the text is what the offsets refer to. A candidate is a number (Arabic with an
    optional 万/亿 scale, or Chinese numerals) followed by a counting unit (``UNITS``), with the approximate
    qualifiers around it; or a bare number right after a quantity noun ("总阅读量32402", "粉丝量超3800万"). The
    span (``start``/``end``) covers qualifier + number + scale + unit ("约5500余条", "1.18万条", "三十二件",
    "40%") as in ``corpora/GUIDELINES.md`` section 2; ``Figure.text`` is exactly ``text[start:end]``, ``unit`` is
    the unit as written (条 or 條), and ``metric`` is the phrase that says what was counted: without fillers at
    its edges (年度内, 共有, 包含, 已经, 突破…), asides in parentheses or a title's postposition ("“…”中的规划公示" →
    规划公示); a bare share ("占42.9%") is the share of the count before it ("机构职能类信息占比"), and a count stated
    again as the scope of what follows ("在本年度主动公开的14条政府信息中", ``BACK_REFERENCE``) takes the metric of the
    count it repeats, so a summary lists it once.

What is not a figure
    Requiring a counting unit already rules out years, dates, document numbers (〔2021〕30号, 国令第711号),
    phones, postcodes and house numbers (号/楼/栋 are not units). On top of that a candidate is dropped when it
    is an ordinal (第…, 五届四次, the end of a range of articles "第9至12条"), sits inside a book title 《…》 or a short quotation “…” (slogans: “四个面向”),
    is followed by a word that makes it a duration, a structure or a scope ("15个工作日", "六个部分",
    "9个重点领域", "…等六项内容"; aspects or fields right before another count are counted kinds: "5个方面120条"),
    closes the report's outline ("本报告包括…其他需要报告的事项六项。", ``OUTLINE``), is part of an address
    ("…六条17号") or written in Chinese digits without place value ("东四六条", "三五个"), is a bare
    "一" (一项/一种/一次 are idioms far more often than counts; 一名 is kept), lies on
    a table line (tab- or "|"-separated cells, or a line that is only a number; in the table parts also a line
    indented by a tab) or in a parsed statutory table (``exclude``: ``Tables.regions``; a table exported one cell
    per line has cells with units, "17.27万元"), or when *no* cue word at all surrounds it: a count with nothing
    to say what it counts is a slogan ("7项科技行动", "10项科创工程") or boilerplate, not a statement about the agency's work.

How the category is chosen (precedence, first that applies)
    Cues are read in the clause before the number (back to the previous figure; a clause break inside an aside in
    parentheses closed before the number does not end the clause) and in the phrase after its unit.
    They are data, in four tiers: *specific* cues (``CATEGORY_CUES``: 答复, 结转下年度, 复议, 发布会, 解读, 公报,
    培训…, one contract category each), *not-published* cues (``NOT_PUBLISHED_CUES``: 阅读量, 报道, 备案, 注册用户,
    办件, "专栏1个", "信息公开平台7个", "1个…信息申请受理点" (``CONTAINERS``, also closing the phrase after the unit)
    — counts that are never of published items), *topics* outside the contract list (``TOPIC_CUES``: 建议提案,
    人员, 项目, 宣传…) and *generic* cues (``GENERIC_CUES``: 公开/发布/信息/政务 (not 政务服务) → active disclosure,
    申请 and "依申请公开政务信息数3件" → requests received; but "主动公开信息734条，依申请公开信息12条，不予公开信息2条"
    counts information by how it is disclosed, ``other``, and so is no outcome of applications,
    ``WITHHELD_INFORMATION``). Proposals handled named after the unit ("公开完成6件人大主办件", ``HANDLED_PROPOSALS``)
    are what is counted, whatever generic cue precedes. A quotation is opaque (a slogan:
    “四个面向”) unless it is a label of the tables naming an outcome or a carry-over (``QUOTED_LABEL``: “同意公开”的7宗, 1件为“已主动公开”). A cue may be bound to units: "新闻发布" names press conferences only when counted in 场/次 ("新闻
    发布栏目6条" are news items), 公报 names gazette issues only in 期/册/本/份, 收费 names fees only in 元.
    0. The count of an earlier period quoted for comparison ("比2022年（31起）下降29%", "较上年同期的41件",
       "上年同期25件", "由原来的8个增加到16个") is that period's, not this year's: ``other`` (``COMPARISON_BASE``),
       and no list item or total for the figures after it; the change of its clause still reads the comparison.
       So is a count whose clause is about an earlier period than the report's year (the ``year`` argument, from
       :func:`nlp.segment.extract_meta`): "2023年收到政府信息公开申请41件，答复40件；2024年收到52件" in a 2024 report,
       "上年收到申请9件" (``PERIOD``: a year or 上年/去年 opening the clause before its verb holds for the run of
       counts after it until this year is named; a named earlier year only when this year is named close by, since
       alone it is mostly last year's wording copied; a parenthesis opened by a period is a scope of its own:
       "申请34件（2023年收到申请30件）"); a carry-over ("2023年结转的2件"), a change, a date (a
       statistics period copied from last year's report), a range reaching this year and a year naming a thing
       ("2023年部门决算信息") are not. Without ``year`` only relative periods (上年, 去年) are read.
    1. Percent and 个百分点 → ``growth`` when a change cue precedes it (增长/提高/下降/同比…; a decrease is
       negative), else ``rate``; a count right after a change against an earlier period ("较上年减少3件") is
       ``growth`` too, not a count of the thing.
    2. An outcome cue (结果维持/纠正/予以公开/不予公开…) right before the number, or right after it ("1条部分
       公开", or anywhere in the clause after a copula: "3件均属于…无法提供") → ``review_outcome`` /
       ``litigation_outcome`` / ``requests_outcome``, by whichever of 复议/诉讼/申请 the text mentioned last
       ("复议申请" is a review), skipping one counted as zero or denied ("被行政复议5宗、行政诉讼0宗，其中2宗维持原
       答复" are review outcomes: ``ZERO_COUNT``, ``DENIAL_BEFORE``); ``metric`` names the outcome.
    3. "…类信息N条", "…等N条" closing the phrase: published items counted by type → ``active_disclosure_items``,
       unless the type is a contract object (``PUBLISHED_OBJECTS``: "政策解读类信息75条", "政府会议类134条").
    4. Before the number, the cue *closest* to it wins, because the metric phrase ends at the number ("受理群众
       咨询…人次" counts hotline contacts although 受理 is a request verb); ties go to the earlier table entry.
       A specific cue wins; a not-published cue closest to the number makes it ``other`` ("政策解读阅读量");
       a topic is the weakest: any specific cue in the clause beats it, and so does a generic cue
       ("公开人大代表建议180条" counts published items). Generic cues come last, and lose to a specific or
       not-published cue right after the unit ("发布12场新闻发布会"; work named there counts tasks: "对照政务公开21项
       重点工作", "…等5项任务已全部完成", ``WORK_AFTER_UNIT``). "政务公开工作/培训/考核…" names disclosure
       as the topic of some work, not a publication (``DISCLOSURE_WORK``). A contract object that is one of
       several joined types ("政策文件、政策解读、政府公报信息75条", "政策法规及解读3条") counts them all: published
       items, as a generic reading (a not-published noun right after the unit still decides: "…会议、…活动等68个
       专题"). The words from a figure of the same clause up to the next 、 close that figure and are not read
       ("举行14场新闻发布会、开展6次新闻调研活动"). A generic cue with an update verb, counted in 次, counts
       updates, not items ("更新两次": ``other``). A count of events followed by its topic ("3次就重要规划、重大
       战略进行解读", ``EVENT_TOPIC``) takes the specific cue of the verb closing the clause.
    5. No cue before: a carry-over predicate closing the sentence ("另有4件因…，结转下年度继续办理"), or a request
       outcome closing it ("3条…涉及经济安全，不予公开"); then the phrase after the unit: a topic or not-published
       noun right after the unit is what is counted ("45家单位…考核", "4个互动栏目"), else the table order
       decides ("组织4次…全覆盖检查", "103件顺延到下年度答复"); a copula is skipped ("2件为网络申请"); a
       generic cue there names the counted thing only right after an item unit ("15条信息"), further on or after
       a unit of kinds or tasks the count is of something else ("在4个社区设立…政务公开专区", "二种形式") →
       ``other``.
    6. No cue at all: an item of a list takes the category most figures of its sentence have so far ("…信息228条，
       规划计划37条"); a count written "noun + number" and closed by punctuation, the way reports write their
       statistics ("…土地征收批复497件、"), takes the previous figure's category on its line (not a rate's or a
       growth's: "…100%。在主动公开的信息中，机构职责1条"), else the nearest cue on the line, else ``other``; an item
       of a subset list (below) takes its total's category instead. Anything else without a cue is dropped (see above).
    Corrections after that, in this order:
    - request categories need an application (申请, not 复议申请) in the text around, and a request verb whose
      object is a topic ("受理案件28件", "收到的6件建议提案") is not read as one: "收到留言515条，办结491条，
      公开答复44条" is about messages, so such a figure takes what its other cues say if specific ("群众留言办理
      10条" → hotline), else its list's category, else its generic or topic reading, else ``other``; a 人大代表
      建议 or 政协提案 (``PROPOSALS``) named after the last application takes the request reading away too, and
      there the figure's own reading (not a topic) comes before the list's ("承办建议4件、提案6件，公开办理复文9件"
      publishes replies);
    - a bare 公开/不公开 counted among request counts (the list or the subset list of a request total, with
      申请 the outcome domain) is the outcome 予以公开/不予公开 (``BARE_DISCLOSURE``: "答复22起。其中公开1起");
    - an item of a list reads as the list when it names only a topic in the list's unit ("新闻动态6100余条，领导
      活动180余条"; the items may be closed by ";": "机构职责1条;领导介绍3条;"), when a participant counts the events before ("发布会6次，主要负责人参加1次"), or when a bare
      publishing verb leaves its object to the figure before ("发布规范性文件3件，以办公室名义发布3件");
    - the items of a subset list (其中/分别为/包括/（… after a total: the last count on the line, one in the same
      unit if any) count the total's kind of thing: after an active-disclosure total ("公开信息331条，其中政务活动
      116条、行政许可9条") topic cues (许可, 检查, 采购…) do not make them another category, and cue-less or
      ``other`` items of any total take its category, except a not-published cue closest before the number
      ("…，总阅读人数达3200万余次") and an ``other`` count in a unit of no published items (not ``ITEM_UNITS``:
      "其中…政务服务事项4185项"); ";" ends the list unless the item is in the total's unit ("160条，其中，综合政务
      59条;…会议22条;…"), and so does a word adding to the total (``SUBSET_CLOSERS``: "…；加上上年结转3件，全年
      需办理37件" is no part of the applications received); a contract object listed under an active-disclosure
      total is published, so its condition below is met ("…重要工作会议22条" → ``meetings_disclosed``), and a
      response named only by 回应/关切/热点/舆情 there, counted in items, is a published item ("其中…回应关切26条");
    - a new-media channel in the sentence before the number (政务新媒体, 公众号, 微博…; only in the clause when
      the clause says 主动公开, the agency's overall total) turns active-disclosure counts into
      ``new_media_posts``, or ``new_media_accounts`` for 个/家 units, unless another channel is named too
      (``OTHER_CHANNELS``: the website, a screen, a board, TV…; "网站、微博、微信公众号等平台更新信息83条" is a total
      over all channels; "…微博12984条、门户网站1014条" is
      the website's count even in a list of new-media posts); an item that took the accounts' category from its
      list is a post unless counted in 个/家 ("2个政务新媒体账号，…发布信息418条、短视频26条");
    - a sentence that shows the agency as the review body (``REVIEW_BODY``: 受理行政复议申请, 纠错率) is its
      caseload: every count in it but rates is ``other``;
    - a unit of people, households, money or kinds (名/人/位/人次/户/元/万元/类/种…, ``NOT_ITEM_UNITS``) never counts
      things published or held (``ITEM_CATEGORIES``): "兼职信息员8名", "参与人数15万人次", "采购金额15.92万元" →
      ``other``;
    - a count of kinds (类/大类/种, ``KIND_UNITS``, or 个 of aspects, columns or fields right before another count,
      ``KIND_NOUNS``: "公开公告4大类46项", "主动公开信息5个方面120条", "设置8个栏目356条信息") is ``other`` whatever its
      cue says ("分为…不予公开三类" is no request outcome). It modifies the noun after it: the words before it name
      the count after it ("发布两类名单共计28条"), without its own words (metric "公告", not "公告4大类"); it is no
      item of a list, and its subset list counts published items ("…类别共有20类，其中…");
    - a carry-forward to a named year that is not after the report's year came *into* this year: "结转至2024年3件"
      in a 2024 report is ``requests_carried_over`` (``_carried_to``);
    - ``CATEGORY_CONDITIONS``: normative documents (and other documents) repealed, cleaned up, filed or in force
      are not published ("现行有效的规范性文件4件", "现行有效文件30件" → ``other``); a meeting is disclosed only when the sentence says it was published,
      broadcast or opened ("召开常务会议24次" → ``other``); review and litigation counts need information
      disclosure named in their paragraph or its heading (the first line with text above it; a 司法局's general
      caseload is ``other``), except in part 四 and in part 一 when the sentence names no general caseload
      (``DOMAIN_PARTS``, ``GENERAL_CASELOAD``: "2024年我局收到行政复议5件" in part 一 is a review count).

The text is matched through :func:`_fold`, a one-to-one character map (Traditional → Simplified for the
characters the rules use, full-width digits → ASCII), so copies of reports in Traditional characters and
un-normalized input hit the same rules and offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.fold import fold_table, fold_words
from nlp.model import Figure, Part

if TYPE_CHECKING:
    from spacy.tokens import Doc

# ---------------------------------------------------------------------------------------------------------
# Rules (data)
# ---------------------------------------------------------------------------------------------------------

# Counting units, longest first so that "人次" wins over "人" and "万元" over "万".
UNITS = (
    "个百分点", "人次", "篇次", "条次", "场次", "批次", "件次", "户次", "万元", "亿元", "大类",
    "条", "件", "篇", "场", "次", "期", "个", "家", "元", "项", "份", "宗", "起", "名", "人", "批",
    "户", "例", "轮", "种", "类", "部", "册", "本", "位", "张", "则", "倍", "%",
)
# Units that are also the first character of common words: the number is not a count when they go on so.
_UNIT_WORD_STARTS = {
    "条": "例款件",
    "件": "事",
    "次": "性日全",
    "个": "人别体性",
    "人": "民大才口员",
    "名": "称单义",
    "家": "庭长属乡族",
    "部": "分门署委长位",
    "本": "年级次报市区县局机部单着",
    "位": "于置",
    "类": "别似",
    "大类": "别似",
    "期": "间限末初",
    "元": "旦",
    "例": "如",
    "则": "是",
    "起": "来",
    "种": "类",
}
# Words right after the unit that make the number a duration, a structure, a scope or a slogan, not a figure.
NOT_AFTER_UNIT = re.compile(
    r"\s*(?:工作日|自然日|小时|分钟|个?月|季度|年度?|周|天|方面|部[ \u3000]?分(?!公开)|层面|环节|维度|阶段|届|全会|全委会|中全会"
    r"|重点领域|领域|参评"
    # template row labels of table B ("属于三类内部事务信息", "属于四类过程性信息")
    r"|内部事务|过程性"
    # the report's own parts: "…其他需要报告的事项等六项内容" (not "1条内容本机关未制作", "21项具体内容")
    r"|(?<=项)内容)"
)
# The report's outline ("本报告包括总体情况…其他需要报告的事项等六项内容", "报告由…六个部分组成"): its count of parts,
# sections or aspects is no figure (GUIDELINES: the report's "六部分" is a non-figure), whatever words follow it — the
# outline names 行政复议和行政诉讼, which must not make the count a lawsuit count. Read on the sentence before the number.
OUTLINE = re.compile(r"(?:报告|年报)(?:全文|内容)?(?:主要)?(?:包括|包含|分为|分成|由|涵盖|共分)")
OUTLINE_UNITS = ("项", "个")
# …and the count closes the outline ("…等六项内容。", "…事项六项。", "…六个部分组成"): "本报告由…汇总14个地州市、41个
# 部门…" counts departments
OUTLINE_END = re.compile(r"\s*(?:大?(?:部分|方面|内容))*(?:组成|构成)?(?:[。，,；;]|$)")
# "东四六条17号", "三五个": Chinese digits with no place value (十百千万亿) are a name, an address or a range, no count.
_DIGITS_ONLY = re.compile(r"[〇零一二两三四五六七八九]{2,}")
# A house number right after the unit ("…六条17号") makes the number part of an address.
ADDRESS_AFTER_UNIT = re.compile(r"[ \u3000]*(?:\d+|[〇零一二两三四五六七八九十百]+)号(?!文|令)")
# "第9至12条", "第十九、二十条": the second number of a range or list of ordinals is an ordinal too.
LAW_ARTICLE_RANGE = r"第[\d零一二两三四五六七八九十百]+条?(?:至|到|-|—|~|、|和|及)$"
APPROX_BEFORE = ("大约", "将近", "接近", "超过", "约", "近", "逾", "超")
# A qualifier separated from the number by a verb ("约占27.5%", "突破2937万") still makes it approximate; it
# stays out of the span, which holds the number itself.
APPROX_VERB = r"(?:(?:大约|约|近|超过|超|逾)(?:占|为|达到?|有)|突破)$"
_ARABIC = r"(?<![0-9A-Za-z.\-/_:+])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![0-9])"
_CHINESE = r"(?<![第零〇一二两三四五六七八九十百千万亿几数届])[零〇一二两三四五六七八九十百千万亿]+"
_GAP = r"[ \u3000\u00a0]*(?:\n[ \u3000]*)?"  # a PDF may wrap the line between the number and its unit
_UNIT_ALT = "|".join(re.escape(unit) for unit in UNITS)

CANDIDATE = re.compile(
    rf"(?P<pre>{'|'.join(APPROX_BEFORE)})?[ \u3000]*"
    rf"(?:(?P<arabic>{_ARABIC}){_GAP}(?P<inner1>余|多)?{_GAP}(?P<scale>万|亿)?|(?P<chinese>{_CHINESE}))"
    rf"{_GAP}(?P<inner2>余|多)?{_GAP}(?P<unit>{_UNIT_ALT})"
    rf"(?P<post>以上|左右|有余)?"
)
# A bare number after a quantity noun ("总阅读量32402", "粉丝量超3800万"): the noun says what is counted.
QUANTITY = re.compile(
    rf"(?:量|总数|人数|次数)(?:为|达到?|突破|共)?(?P<pre>{'|'.join(APPROX_BEFORE)})?"
    rf"(?P<arabic>{_ARABIC})(?P<inner1>余|多)?(?P<scale>万|亿)?(?P<inner2>余|多)?(?=[，,。；;、）)\s]|$)"
)
PERCENT_WORD = re.compile(rf"百分之(?P<num>{_ARABIC}|[零〇一二两三四五六七八九十百点]+)")

# Responding to public concerns: hotline replies, except for published responses in a list of published items.
RESPONSES = r"回应|关切|热点|舆情"
# Category cues: regexes over compacted folded text (see _compact), in four tiers (precedence: module docstring).
# A cue may be bound to units: a cue word names that kind of count only when the number is counted in those
# units ("新闻发布" with 场/次 is a press conference, "新闻发布栏目6条" are news items; a 公报 is counted in issues).
MONEY_UNITS = ("元", "万元", "亿元")
EVENT_UNITS = ("场", "次", "场次", "期", "批次")
ISSUE_UNITS = ("期", "册", "本", "份")
CONTAINER_UNITS = ("个", "家")
# Kinds: "发布两类名单共计28条", "二种形式", "公开公告4大类46项" count kinds of things, never the things published
# (GUIDELINES: ``other``).
KIND_UNITS = ("类", "大类", "种")
# …and so does a count in 个 of aspects, columns or fields right before another count: in "主动公开信息5个方面120条",
# "设置8个栏目356条信息" the count after it is of the items, the one in 个 of the groups they fall into.
KIND_NOUNS = re.compile(r"[ \u3000]*(?:方面|类别|栏目|专栏|板块|领域|专题)(?:共计|共|合计|计)?")
# Units of published items: only these make a generic cue *after* the unit name what is counted ("15条信息";
# "二种形式发布政府信息", "21项具体内容" count kinds and tasks).
ITEM_UNITS = ("条", "件", "篇", "份", "则", "期", "次", "条次", "篇次", "件次", "批", "个", "册", "本", "部", "张")


@dataclass(frozen=True)
class Cue:
    """A cue word (regex) naming a category; ``regex`` is the compiled pattern."""

    category: str
    pattern: str
    units: tuple[str, ...] | None = None  # base units the cue applies to; None: any unit
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


# Tier 1, specific cues. Order breaks ties only: keep specific entries before broader ones. "new_media" is
# resolved into posts/accounts by the unit.
CATEGORY_CUES: tuple[Cue, ...] = (
    Cue(
        "requests_carried_over",
        r"上一?年度?结转|结转上一?年度?|上年度?遗留|往年结转|结转至本年|\d{4}年度?结?转(?:入|至|到)\d{4}年度?(?:继续)?(?:办结|办理)?|上年度?转入"
        # an earlier year before the verb: "2021年转办依申请公开2件" (the later year after it is carried forward)
        r"|\d{4}年度?(?:结转|转办|遗留)(?!至|到|入|\d)|上一?年度?未办结|去年(?:结转|遗留|转入|未办结)",
    ),
    Cue(
        "requests_carried_forward",
        r"(?:结转|转入|顺延)(?:至|到)?下一?年度?(?:继续)?(?:办理|答复)?|(?:结)?转(?:至|到|入)?\d{4}年度?(?:继续)?办理"
        r"|(?:顺延|延期|推迟)(?:至|到)\d{4}年度?(?:继续)?(?:办理|答复)?|尚在办理|正在办理|仍在办理|尚未办理|未办结"
        # carried to a named year, with no earlier year or 上年 before the verb ("…结转至2024年9件" in a 2023 report;
        # "2022年结转至2023年" is the carry-over above): the count is the later year's, ``_carried_to``
        r"|(?<!年)(?<!年度)结转(?:至|到)\d{4}年度?(?:继续)?(?:办理|答复)?",
    ),
    # before the request verbs: after the number a review is the predicate ("2件申请人不服答复申请行政复议")
    Cue("review_cases", r"行政复议|复议"),
    Cue("litigation_cases", r"行政诉讼|诉讼|起诉|应诉"),
    # two request verbs in one phrase count what the first one names: "受理答复…申请28件" counts applications received
    Cue("requests_received", r"(?:收到|受理|接收|接到)(?:并|和|及)?(?:答复|办结|办理|处理)"),
    Cue("requests_answered", r"答复|办结|办理完毕|书面回复|回复|处理完毕|(?<!需)办理|(?<!不予)(?<!其他)(?<!信息)(?<!数据)处理(?!费)"),
    Cue("requests_received", r"收到|受理|接收|接到|新收|提出"),
    Cue("processing_fees", r"信息处理费|处理费|收费|收取", MONEY_UNITS),  # "收取" also precedes counts of things collected
    Cue("press_conferences", r"发布会|吹风会|记者会"),
    Cue("press_conferences", r"新闻发布", EVENT_UNITS),
    Cue("policy_interpretations", r"解读|图解|评论"),
    Cue(
        "new_media",
        # a channel's 账号 is the channel's (the not-published 账号 below is a login or an unnamed account)
        r"(?:政务新媒体|新媒体|公众号|订阅号|服务号|微信|微博|抖音|(?:头条|视频|南方|百家|企鹅|澎湃)号|快手|客户端|APP)(?:平台)?(?:账号|帐号)?"
        r"|推文|推送",
    ),
    Cue("hotline_replies", rf"热线|12345|咨询|留言|来电|电话|接听|诉求|信箱|网民|互动|{RESPONSES}"),
    Cue("gazette_issues", r"公报", ISSUE_UNITS),
    Cue("regulations_published", r"规章|(?:政府|部|署)令"),
    Cue("normative_documents_published", r"规范性文件"),
    Cue("trainings", r"培训|讲座|授课|轮训"),
    Cue("inspections", r"检查|督查|巡查|抽查|督导|暗访|测评|评估|考核|自查"),
    Cue("meetings_disclosed", r"会议|常务会|常委会|办公会|党组会"),
)
# Containers and facilities counted in 个/家: columns, lists, accounts, platforms, offices ("两级信息公开平台7个",
# "设立了1个专门的信息申请受理点"), never the items published or the applications received in them.
CONTAINERS = r"栏目|专栏|专题|板块|频道|目录|清单|账号|帐号|账户|平台|窗口|受理点|查阅点|服务点|场所|大厅|阅览室|查阅室"
# Tier 2, counts that are never of published items: audience figures, media coverage, filings, and containers
# counted as such ("4个互动栏目", "专栏1个"; a column's 条/篇 are the items published in it). Closest to the number
# they beat every other cue, and a generic cue always. Subscribers are the audience; a 订阅号 is a new-media channel.
NOT_PUBLISHED_CUES: tuple[Cue, ...] = (
    Cue("other", r"阅读|浏览|访问|点击|粉丝|关注(?:量|数|人数|用户)|订阅(?!号)|页面|报道|转载|采访|备案|接待|注册|用户|办件"),
    # the audience's reposts and likes, counted in times ("好友转发33668次"; the agency's "转发信息205条" are posts)
    Cue("other", r"转发|点赞|分享", ("次", "人次")),
    Cue("other", CONTAINERS, CONTAINER_UNITS),
    # columns are counted in 项 too, when the column is named right next to the count ("设置信息公开栏目6项", "四项
    # 栏目"; "应急预案栏目公开3项预案" are items published in it)
    Cue("other", r"(?:栏目|专栏|板块|频道)$|^(?:栏目|专栏|板块|频道)", ("项",)),
)
# Work right after the unit ("对照政务公开21项重点工作", "…环评信息公开等5项任务已全部完成") counts tasks, not items
# published; read only there (``_cue_after``): before a number "重点工作3条" is a type of published item.
WORK_AFTER_UNIT = re.compile(r"(?:(?:重点|主要|具体)?(?:工作)?任务|重点工作)(?!信息|动态|进展|情况|落实|公开)")
# Tier 3, topics outside the contract list (建议提案, 人员, 项目…): the weakest cue. Any specific cue in the window
# beats it, and so does a generic one ("公开人大代表建议180条", "重点项目信息219条" count published items).
TOPIC_CUES: tuple[Cue, ...] = (
    Cue(
        "other",
        r"建议|提案|议案|许可|处罚|强制|审批|采购|招标|中标|人员|干部|同志"
        r"|领导|负责人|信息员|联络员|企业|项目|资金|经费|投诉|举报|信访|案件|结案|收案|栏目|专栏|专题|目录|清单|事项"
        r"|数据|活动|宣传|征集|调查|问卷|访谈|审查|意见|主办|协办|承办|部门|单位|简报|(?<!新)媒体|废止|现行有效"
        r"|形式|方式|渠道|途径|问题|整改|[需应]办理",
    ),
)
# Tier 4, generic cues: they name the count only when nothing more specific does.
DISCLOSED_ON_REQUEST = r"依申请(?:公开|公布|提供)"
PROACTIVE = r"主动(?:公开|发布)"
# Information withheld, named as such ("不予公开信息2条"): beside a proactive count and no request count it is counted
# by how it is disclosed, like "依申请公开信息12条", not an outcome of applications.
WITHHELD_INFORMATION = r"不予公开(?:的)?(?:政府|政务)?信息$"
PUBLISHING_VERBS = r"公开|发布|公布|更新"
# Counted in 次, an update names how often something was updated, not how many items were published.
UPDATES = r"更新|维护|修订|修改"
GENERIC_CUES: tuple[Cue, ...] = (
    # the information disclosed on request ("依申请公开政务信息数3件") ends where 信息 does: the application names it
    Cue("requests_received", rf"{DISCLOSED_ON_REQUEST}(?:的)?(?:政府|政务)?(?:信息)?数?|依申请|申请"),
    Cue("active_disclosure_items", PUBLISHING_VERBS),
    # "审批结果公告", "土地征收批复497件": published decisions are published items
    Cue("active_disclosure_items", r"信息|动态|政务(?!服务)|文件|稿件|文章|内容|通知|公告|公示|年报|批复|结果"),
)
# Disclosure as the *topic* of some work ("政务公开工作", "信息公开培训"): not a publishing cue; these phrases are
# taken out of the window before the generic cues are read.
DISCLOSURE_WORK = (
    r"(?:政务|政府信息|信息)公开(?:工作|自查|培训|考核|督查|检查|评估|测评|会议|要点|制度|意识|水平|领导小组|业务)"
)
REQUEST_CATEGORIES = ("requests_received", "requests_answered", "requests_carried_over", "requests_carried_forward")
# An application for information disclosure (not "复议申请", "仲裁申请"): request categories need one around.
REQUEST_APPLICATION = r"(?<!复议)(?<!诉讼)(?<!仲裁)(?<!撤回)(?<!撤销)申请"

# 人大代表建议 and 政协提案: the 办理/答复 of a proposal is no information request.
PROPOSALS = r"建议提案|建议和提案|(?:代表|委员|人大|政协)[^,;。]{0,4}?(?:建议|提案)|提案|议案"
# The proposals an agency hosts or co-handles ("人大主办件", "政协协办件"): a count of them is of handling work.
HANDLED_PROPOSALS = r"(?:(?:代表|委员|人大|政协)[^,;。]{0,4}?)?[主协承]办件"

# People, households and money are never published things: a publishing word, a channel or a list around the
# number does not make "兼职信息员8名", "参与人数15万人次" or "采购金额15.92万元" published items (GUIDELINES: staff
# and audience counts are ``other``). Categories of things published or held, and the units that veto them.
ITEM_CATEGORIES = (
    "active_disclosure_items",
    "new_media_posts",
    "new_media_accounts",
    "policy_interpretations",
    "press_conferences",
    "meetings_disclosed",
    "gazette_issues",
    "regulations_published",
    "normative_documents_published",
)
NOT_ITEM_UNITS = ("名", "人", "位", "人次", "户", "户次", *MONEY_UNITS, *KIND_UNITS)

# Conditions on a category: (required, vetoed) words. A vetoing word in the metric phrase around the number, or
# required words missing from it and the rest of its sentence, make the count ``other``.
CATEGORY_CONDITIONS: dict[str, tuple[str | None, str | None]] = {
    # documents repealed, cleaned up, filed, reviewed or in force are a stock or a procedure, not a publication
    "normative_documents_published": (None, r"现行有效|废止|失效|清理|备案"),
    "active_disclosure_items": (None, r"失效|废止|清理出|现行有效"),
    # a meeting counts as disclosed when it is published, broadcast or opened to the public; "召开…会议3次" is
    # a meeting held ("政务公开工作会议" is a meeting *about* disclosure)
    "meetings_disclosed": (r"(?<!政务)(?<!信息)公开|发布|直播|旁听|列席|纪要|解读|会议信息", None),
    # a review or lawsuit counts when it concerns information disclosure (a 司法局's caseload does not)
    "review_cases": (r"信息公开|政府信息|依申请|公开申请|申请公开", None),
    "litigation_cases": (r"信息公开|政府信息|依申请|公开申请|申请公开", None),
    "review_outcome": (r"信息公开|政府信息|依申请|公开申请|申请公开", None),
    "litigation_outcome": (r"信息公开|政府信息|依申请|公开申请|申请公开", None),
}
# Review and litigation conditions read the paragraph (and the heading above it) up to the end of the sentence.
DOMAIN_CONDITIONS = ("review_cases", "litigation_cases", "review_outcome", "litigation_outcome")
# …and need no words in the report's own parts about them: part 四 is the disclosure reviews' and lawsuits' part, and
# part 一 reports the agency's disclosure work ("2024年我局收到行政复议5件"), unless the sentence counts a general
# caseload: cases, defended lawsuits, arbitration ("收到以市政府为被告的行政应诉案件24件").
DOMAIN_PARTS = ("overview", "review_litigation")
GENERAL_CASELOAD = r"案件|应诉|仲裁|被告"
# The agency as the review body ("受理行政复议申请56件", "纠错率"): every count of the sentence is its caseload.
REVIEW_BODY = r"(?<![未不没无])受理[^。；;,]{0,8}?(?:行政)?复议|作为(?:行政)?复议机关|纠错率"

# "…类信息1037条", "效能督查等信息98条", "概况类3条": published items counted by type. A type naming a contract object
# ("政策解读类信息75条") keeps that object's category, unless it is one of several types ("法律法规及规范性文件类").
ITEMS_BY_TYPE = r"(?:类|等)(?:政府)?(?:信息)?$"
PUBLISHED_OBJECTS = (
    "policy_interpretations",
    "normative_documents_published",
    "press_conferences",
    "regulations_published",
    "gazette_issues",
    "meetings_disclosed",
)
# Joins a list of types: "政策文件、政策解读、政府公报信息75条", "政策法规及解读3条" count all the types together.
CONJUNCTION = r"、|及(?!时)|和|与"
# A person taking part ("主要负责人参加1次") counts the events of the figure before.
PARTICIPATION = r"(?:负责人|领导|局长|主任|厅长|同志|发言人)(?:亲自)?(?:参加|出席|主持|参与)$"
# A topic after a count of events ("3次就…进行解读", "2场围绕…开展培训"): the clause's verb says what the events were.
EVENT_TOPIC = r"就|围绕|针对"
# A copula after the unit ("2件为网络申请", "3件均属于…无法提供"): the words after it say what was counted.
COPULA = r"^(?:均|都|全部|皆)?(?:属于|属|为|系|是)"
REVIEW_OUTCOMES = r"结果维持|维持|结果纠正|纠正|其他结果|尚未审结|未审结|撤销|驳回|确认违法|败诉|胜诉|撤诉|调解|和解|终止"
REQUEST_OUTCOMES = (
    r"予以公开|同意公开|全部公开|部分公开|不同意公开|不予公开|无法提供|不予处理|其他处理|不属于(?:本机关|政府信息)"
    r"|信息不存在|不存在|告知|(?<!年)(?<!年度)转办|不掌握|非本(?:部门|机关|单位)掌握|未制作|不明确|补正|撤回申请|撤销申请|撤回"
    r"|重复申请|非政府信息|已主动公开|予以主动公开|放弃申请"
)
# A count framed as the scope of what follows ("在本年度主动公开的14条政府信息中，…", "在已答复的9宗申请中"): the clause
# before it opens with 在/于 and the phrase after it closes with 中 (not a subset list's "（其中").
BACK_REFERENCE = (r"^(?:在|于)", r"(?<![其（(])之?中$")
# A bare share ("占42.9%", "约占", "占总数的"): its metric names the count it is the share of.
SHARE = r"(?:约|大约)?占(?:比|总数的?|總數的?|比例)?(?:为|达到?|達)?"
GROWTH_CUES = r"增长|增加|提高|提升|上升|上涨|下降|下跌|回落|减少|降低|同比|环比|较上年|比上年|增幅|降幅|翻"
DECREASE_CUES = r"下降|下跌|回落|减少|降低|降幅"
# A count right after a change verb, against an earlier period, is a change ("较上年减少3件" → growth −3), not
# a count of the thing itself (GUIDELINES: 同比/较上年 changes are growth).
CHANGE = r"(?:同比|环比|较上年度?|比上年度?|较去年|比去年|(?:与|同)(?:上一?年度?|去年|\d{4}年度?)(?:同期)?相比|较\d{4}年度?|比\d{4}年度?)[^,]{0,12}?(?:增长|增加|多|下降|减少|降低|少)了?$"
# The value of an earlier period quoted for comparison is that period's count, not this year's: the number in
# "比2022年（31起）下降29%", "较上年的41件", "上年同期25件", "由上年的8个增加到16个" is a comparison base, ``other``
# (a request count taken as this year's would contradict table B). Read on the clause before the number; the
# change of the same clause still reads the comparison ("较上年（41件）减少7件" → growth −7).
EARLIER_PERIOD = r"(?:上一?年度?|去年|前一?年|\d{4}年度?)"
_RELATIVE_PERIOD = r"(?:上一?年度?|去年|前一?年)"
COMPARISON_BASE = (
    # after the period compared with: "比2022年(", "较上年同期的", "与上年相比（"
    rf"(?:比|较|与|同){EARLIER_PERIOD}(?:同期)?(?:相比|比较)?(?:的|[（(])$"
    # in parentheses after this year's count: "22件（上年同期31件）", "（去年为31件）", "（2023年为41件）"
    rf"|[（(](?:{_RELATIVE_PERIOD}(?:同期)?|\d{{4}}年度?(?:同期)?)(?:为|是|共|有|共计|收到|受理)?$"
    # the earlier period as the subject: "上年同期25件", "去年同期为25件", "上年为31件"
    rf"|{_RELATIVE_PERIOD}(?:同期(?:的|为|是|共|有|仅|达到?)?|为|是|仅为|只有)$"
)
# A period or 由/从 right before the number makes it a base only when a change follows: "比上年3件增加2件",
# "由上年的8个增加到16个", "从原来的22件下降至15件".
COMPARED_BARE = (rf"(?:比|较){EARLIER_PERIOD}(?:同期)?$", r"^[）)]?的?(?:增|减|多|少|上升|提高|提升|下降|降|回落|下滑|上涨)")
CHANGED_FROM = (
    rf"(?:由|从)(?:{EARLIER_PERIOD}(?:同期)?|原来|过去|以前|此前)?的?$",
    r"^[^,;。]{0,6}?(?:增|减|上升|提高|提升|下降|降|回落|下滑|上涨|升|变)(?:加|长|少|低)?(?:到|至|为|成)",
)
# The time of a clause, when it is an earlier period than the report's year (``extract_figures(…, year)``):
# "2023年收到政府信息公开申请41件，答复40件；2024年收到52件" or "上年收到申请9件，本年度收到14件" in a 2024 report.
# Such a count is that period's, ``other`` like a comparison base. The period is read from the sentence before the
# number, clause by clause (、 , : split clauses; a closed parenthesis is its own scope and is skipped): a period
# opening a clause — after at most a short subject ("我局", "全市", "其中") with no verb and no preposition before
# it ("比2023年", "由2013年的", "对2019年收到的…", "在2023年…的基础上", "截至2023年底" are no time of the clause) —
# and followed by a verb soon after ("2023年收到", "2023年度共受理", "2022年全年发布") or standing alone ("2023年，
# 我局收到…"), is the time of its clause and of the run of counting clauses after it ("…41件，答复40件"; a clause
# without a count ends it), until a clause names the report year or later ("2024年收到52件"), a date of it
# ("2024年1月至12月"), 本年/今年/当年, or a span reaching now ("2019年以来"). A named earlier year counts only when
# this year is named too in the sentence or the one before or after it: alone ("2019年全县主动公开政府信息100多条"
# in a 2020 report) it is far more often last year's wording copied into this year's report, or a misread report
# year, and the count stays this year's. Relative periods (上年, 上一年度, 去年) need neither the report year nor
# the contrast. Not a time of the clause: a year naming a thing ("2023年部门决算信息3条": no verb follows; "做好
# 2021年48份文件…"), a report ("2023年度报告中指出的问题"), a carry-over ("2023年结转的2件": this year's
# ``requests_carried_over``, its cues decide), a date of an earlier year (more often a statistics period copied from
# last year's report than a comparison) and a range ending in the report year ("2019年至2024年累计…"; a range
# ending earlier is earlier). A change against the period stays ``growth`` ("2023年…比2022年增加5件").
_PERIOD_YEAR = r"(?:19|20)\d\d"
PERIOD = re.compile(
    rf"(?:(?<!\d)(?P<first>{_PERIOD_YEAR})(?:年度?)?(?:至|到|-|—|~|－)(?P<last>{_PERIOD_YEAR})年度?"
    rf"|(?<!\d)(?P<year>{_PERIOD_YEAR})年度?|(?P<relative>上一?年度?|去年))"
    # what makes it no time of the clause: a date, an edge of a period, a span reaching now, a carry-over, a report
    r"(?!度?(?:\d|月|底|末|初|前|后|以前|以后|起|开始|以来|至今|结转|转入|转办|转至|转到|遗留|未办结"
    r"|(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?(?:报告|年报)))"
)
PERIOD_DATE = re.compile(rf"(?<!\d)(?P<year>{_PERIOD_YEAR})年\d{{1,2}}月")
PERIOD_SINCE = re.compile(rf"(?:(?<!\d)(?P<year>{_PERIOD_YEAR})年度?|上一?年度?|去年)(?:以来|至今)")
THIS_YEAR = re.compile(r"本年|今年|当年")
# before the period: a short subject without a verb, not ending in a preposition ("比2023年", "截至2023年")
_PERIOD_SUBJECT_MAX = 12
PERIOD_VERBS = (
    r"公开|发布|公布|更新|推送|印发|制发|制定|出台|收到|受理|接收|接到|新收|办理|办结|答复|回复|处理|召开|举办|开展|组织"
    r"|解读|接待|发生|结转|转入|转办|遗留"
)
PERIOD_PREPOSITIONS = r"(?:比|较|与|同|和|及|由|从|对|自|至|到|截至|截止|含|包括|按|据|如|除|针对|对照|相比|关于|是|在)$"
# after the period: a verb (or a count word: 共, 累计, 为) soon after it, or nothing (a clause of its own)
PERIOD_PREDICATE = re.compile(rf"^(?:全年|同期)?[^、]{{0,10}}?(?:{PERIOD_VERBS}|共|累计|合计|总计|为|达)")
_PARENTHESIS = re.compile(r"[（(][^（）()]*[）)]")
_PERIOD_CLAUSES = re.compile(r"[,:、]")
# Domain nouns deciding which outcome family an outcome cue belongs to (the last one mentioned wins; a
# "复议申请" is a review).
OUTCOME_DOMAIN = r"复议(?:申请)?|诉讼(?:申请)?|起诉|申请"
# A domain noun counted as zero ("行政诉讼0宗") or denied ("未发生行政诉讼") has no outcomes: the outcomes after it
# are of the domain named before it.
ZERO_COUNT = r"[^,;。\d]{0,4}?(?<![\d.])(?:0|零|〇)(?:件|宗|起|个|例|次)"
DENIAL_BEFORE = r"(?:未|没有|无)[^,;。]{0,6}$"
OUTCOME_FAMILIES = {"复": "review_outcome", "诉": "litigation_outcome", "起": "litigation_outcome", "申": "requests_outcome"}
# Predicates that may close the sentence after the number ("另有4件因…，结转下年度继续办理").
SENTENCE_PREDICATES = ("requests_carried_forward", "requests_carried_over")
# Scope words that open a subset list after a total ("331条，其中政务活动116条、…", "51件（历年累计4142件）").
SUBSET_OPENERS = r"[\s。，,；;：:]*(?:其中|分别为|分别是|包括|具体为|[（(])"
# A bare 公开/不公开 counted in a list of request counts is an outcome (予以公开, 不予公开).
BARE_DISCLOSURE = r"(?:全部)?公开|不公开"
# Words that add to the total end its subset list: "其中自然人申请21件…；加上上年结转3件，全年需办理37件" (the 37
# is no part of the 34 received).
SUBSET_CLOSERS = r"加上|另加|外加|再加|此外|另外"
# Categories a subset item of an active-disclosure total may not take: they name the items' topic, not a
# different kind of count.
SUBSET_TOPICS = ("", "other", "inspections", "gazette_issues", "trainings")
# Channels other than new media: named next to a new-media channel, they make a count a total over all channels
# ("网站、微博、微信公众号等平台更新信息83条", "通过电子显示屏、政务公开栏…和微信公众号…发布各类信息1631条").
OTHER_CHANNELS = r"网站|门户|显示屏|公开栏|公示栏|宣传栏|电视|广播|报纸|报刊"


# Negative statements: (regex, figures); an empty figures tuple means review/litigation by the words matched.
# The span is the negative phrase.
# "尚未" is "not yet" (尚未审结 is pending); "并未", "并无" are plain negations ("并无引起行政复议及行政诉讼情况")
_NEG = r"(?<!尚)(?:未|没有|无)(?!经|按)"
_NOT_CLAUSE = r"[^,，。;；\n]"  # within one clause (the folded text has half-width commas only)
_FEE_VERB = r"(?:收取|征收|收|存在|涉及|产生|发生|出现)"
NEGATIVE_STATEMENTS: list[tuple[re.Pattern[str], tuple[tuple[str, str], ...]]] = [
    # Review, litigation and fees before requests: "未发生因政府信息公开申请引起的行政复议" and
    # "未发生依申请公开政府信息收费" are not about requests; a later pattern never takes text an earlier one matched.
    # "未发生…行政复议或诉讼", "无…行政复议、诉讼和申诉情况": a bare 诉讼 after 行政复议 is a lawsuit too
    (re.compile(rf"{_NEG}{_NOT_CLAUSE}{{0,30}}?行政复议(?:{_NOT_CLAUSE}{{0,12}}?(?:行政)?诉讼)?"), ()),
    (re.compile(rf"{_NEG}(?:(?!复议){_NOT_CLAUSE}){{0,30}}?(?:行政诉讼|起诉)"), ()),
    (
        # the verb follows the negation, or a prepositional phrase does ("未向申请人收取任何费用"); administrative
        # fees and the costs of lawsuits are no information processing fees
        re.compile(
            rf"(?:{_NEG}|不)(?!{_NOT_CLAUSE}{{0,20}}(?:行政事业|诉讼))"
            rf"(?:(?:向|对|为|因){_NOT_CLAUSE}{{0,14}}?)?(?:有|曾)?{_FEE_VERB}{_NOT_CLAUSE}{{0,20}}?"
            r"(?:处理费|费用|收费|费)"
        ),
        (("processing_fees", "元"),),
    ),
    (re.compile(rf"(?:收费|处理费){_NOT_CLAUSE}{{0,6}}[:：]\s*无"), (("processing_fees", "元"),)),
    (
        re.compile(
            rf"{_NEG}(?:有|曾)?(?:收到|接到|受理|接收|发生)(?:过|任何)?{_NOT_CLAUSE}{{0,30}}?"
            rf"(?:依申请公开(?:事项|政府信息|信息|申请)?|申请(?:事项)?|请求|要求公开的{_NOT_CLAUSE}{{0,4}}?信息)"
        ),
        (("requests_received", "件"),),
    ),
    (re.compile(rf"(?:受理|收到){_NOT_CLAUSE}{{0,12}}申请\s*[:：]\s*无"), (("requests_received", "件"),)),
    # no verb: "没有依申请公开政府信息办理事项", "无书面、网络…形式的政府信息公开申请" (not "无逾期答复…申请")
    (
        re.compile(
            rf"(?<!尚)(?:没有|无)(?:任何)?(?:(?!答复|回复|办理|处理|逾期|超期|延期|告知|收费){_NOT_CLAUSE}){{0,20}}?"
            r"(?:依申请公开|(?:政府)?信息公开申请)"
        ),
        (("requests_received", "件"),),
    ),
    # carried forward: "无“结转下年度继续办理”申请件"
    (re.compile(rf"{_NEG}[“\"]?结转(?:至|到)?下一?年度?"), (("requests_carried_forward", "件"),)),
    # nothing made: "未制发规范性文件", "未制定行政法规、规章和规范性文件" (categories by the words, NEGATIVE_WORDS)
    (re.compile(rf"{_NEG}(?:制定|制发|出台|印发|发布|起草)(?:{_NOT_CLAUSE}{{0,12}}?(?:规章|规范性文件))+"), ()),
]
# The figures of a negative statement whose figures tuple is empty, by the words it matched.
NEGATIVE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review_cases", ("复议",)),
    ("litigation_cases", ("诉讼", "起诉")),
    ("regulations_published", ("规章",)),
    ("normative_documents_published", ("规范性文件",)),
)

_CLAUSE_BREAK = "，,。；;！!？?：:\n"
_SENTENCE_BREAK = "。；;！!？?\n"
_WINDOW = 40  # how far (compacted characters) a metric phrase may reach from its number
_CONTEXT = 200  # how far back request categories look for 申请, and outcomes for 复议/诉讼/申请
_TABLE_PARTS = ("active_disclosure", "requests", "review_litigation")

# The Traditional characters the rules use, and full-width digits and signs → ASCII: one code point for one,
# so offsets into the folded text are offsets into the original.
_FOLD = str.maketrans("０１２３４５６７８９％．，：；", "0123456789%.,:;") | fold_table(
    only=(
        "條個萬億場項餘約兩數開請復複議訴訟結轉發會佈讀聞報費處資訊號類專欄網務動態規範應問題熱線諮詢辦審維糾駁銷確認違勝"
        "敗檢練訓參與長減較達過統計設運營賬戶頭視頻圖冊頁張則黨實戰總現門關於錄歸檔單種無沒產進組織訪談屬導論點閱覽們裡為"
        "對時間據電話郵編碼傳眾訂瀏擊註撥來補遞證續響權責稱廳縣鄉鎮區內義評調査簡體標準順"
    )
)


def _fold(text: str) -> str:
    return fold_words(text.translate(_FOLD))


# ---------------------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Reading:
    """A category and where its metric phrase is: the window before or after the number (or the rest of the
    sentence), whole or a span of it."""

    category: str
    side: str = "before"
    span: tuple[int, int] | None = None
    weak: bool = False  # named by a generic cue, a topic or nothing: a list may say better


@dataclass
class _Candidate:
    start: int
    end: int
    number_start: int  # where the digits start (after a leading qualifier): the metric phrase ends here
    value: int | float
    unit: str  # as written ("條"); rules read the folded one
    approx: bool
    category: str = ""
    metric: str = ""
    # what its subset list counts ("…，其中…"): its category, except for a count of kinds of published things
    # ("主动公开的政府信息类别共有20类，其中…会议类33条"), which is ``other`` but lists published items
    counts: str = ""
    # a count of kinds (``KIND_UNITS``, ``KIND_NOUNS``): where its words end ("5个方面"); None for other counts
    kind_end: int | None = None
    base_unit: str = field(init=False)  # the folded unit ("条")

    def __post_init__(self) -> None:
        self.base_unit = _fold(self.unit)


def extract_figures(
    text: str, parts: list[Part], year: int | None = None, *, exclude: list[tuple[int, int]] = ()
) -> list[Figure]:
    """All figures of ``text`` in text order. ``parts`` (from :func:`nlp.segment.find_parts`) give the part and
    subsection keys and the table parts whose cell lines are skipped; ``parts=[]`` works too (no keys).

    ``year`` is the report's year (``Meta.year`` from :func:`nlp.segment.extract_meta`). With it, a count whose
    clause is about an earlier year ("2023年收到政府信息公开申请41件，2024年收到52件" in a 2024 report) is that
    year's: ``other`` (``PERIOD``). None (year unknown): named years are not compared; relative periods (上年收到…)
    still are.

    ``exclude``: spans of the parsed statutory tables (``Tables.regions``). Their cells are no narrative figures
    even where the layout does not show a cell: a table exported one cell per line has cells with a unit
    ("17.27万元" under 采购总金额), which read like a count."""
    folded = _fold(text)
    skip = _table_lines(folded, parts) + list(exclude)
    candidates = _numeric_candidates(text, folded, skip)
    _categorize(text, folded, candidates, year, parts)
    found = [c for c in candidates if c.category]
    found += _negative_statements(text, folded, skip, found, year)
    found.sort(key=lambda c: (c.start, c.category))
    figures = []
    for c in found:
        part, subsection = _locate(c.start, parts)
        figures.append(
            Figure(
                category=c.category,
                metric=c.metric,
                value=c.value,
                unit=c.unit,
                approx=c.approx,
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                part=part,
                subsection=subsection,
            )
        )
    return figures


def _table_lines(folded: str, parts: list[Part]) -> list[tuple[int, int]]:
    """Spans of lines that hold table cells: tab- or pipe-separated cells, or a lone number (PDF cells)."""
    table_parts = [(p.start, p.end) for p in parts if p.key in _TABLE_PARTS and p.start is not None and p.end is not None]
    spans = []
    for match in re.finditer(r"[^\n]*", folded):
        line = match.group()
        stripped = line.strip(" \u3000\t\r")
        in_table_part = any(start <= match.start() < end for start, end in table_parts)
        if (
            "\t" in stripped
            or re.search(r"\S\s*\|\s*\S", stripped)
            or re.fullmatch(r"[\d.,%/\-— ]+", stripped)
            or (in_table_part and line.startswith("\t"))
        ):
            spans.append((match.start(), match.end()))
    return spans


def _in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _numeric_candidates(text: str, folded: str, skip: list[tuple[int, int]]) -> list[_Candidate]:
    found = []
    for match in CANDIDATE.finditer(folded):
        number_start = match.start("arabic") if match["arabic"] else match.start("chinese")
        if _in_spans(number_start, skip) or _not_a_count(folded, match, number_start):
            continue
        value = _value(match)
        if value is None:
            continue
        unit = text[match.start("unit") : match.end("unit")]
        if match["unit"] == "元" and match["scale"]:
            unit = text[match.start("scale") : match.end("scale")] + unit  # 万元/亿元: as written, value unscaled
        kind = _kind_before_count(folded, match.end()) if match["unit"] == "个" else None
        found.append(
            _Candidate(
                start=match.start("pre") if match["pre"] else number_start,
                end=match.end(),
                number_start=number_start,
                value=value,
                unit=unit,
                approx=bool(match["pre"] or match["inner1"] or match["inner2"] or match["post"]),
                kind_end=kind.end() if kind else match.end() if match["unit"] in KIND_UNITS else None,
            )
        )
    for match in QUANTITY.finditer(folded):
        if _in_spans(match.start(), skip) or _inside_title_or_quote(folded, match.start("arabic")):
            continue
        found.append(
            _Candidate(
                start=match.start("pre") if match["pre"] else match.start("arabic"),
                end=match.end(),
                number_start=match.start("arabic"),
                value=_scaled(match["arabic"], match["scale"]),
                unit="",
                approx=bool(match["pre"] or match["inner1"] or match["inner2"]),
            )
        )
    for match in PERCENT_WORD.finditer(folded):
        if _in_spans(match.start(), skip):
            continue
        value = _scaled(match["num"], None) if match["num"][0].isdigit() else _chinese_value(match["num"])
        if value is not None:
            found.append(_Candidate(match.start(), match.end(), match.start(), value, "%", False))
    return sorted(found, key=lambda c: c.start)


def _not_a_count(folded: str, match: re.Match[str], number_start: int) -> bool:
    unit = match["unit"]
    after = folded[match.end() : match.end() + 1]
    if after and after in _UNIT_WORD_STARTS.get(unit, ""):
        return True
    if unit != "个百分点" and NOT_AFTER_UNIT.match(folded, match.end()) and not (
        unit == "个" and _kind_before_count(folded, match.end())
    ):
        return True  # but "5个方面120条" counts the aspects the 120 fall into
    before = folded[max(0, number_start - 4) : number_start].strip()
    if re.search(LAW_ARTICLE_RANGE, folded[max(0, number_start - 10) : number_start]):
        return True  # the end of a range of articles ("《条例》第9至12条")
    if before.endswith(("第", "届")) or (unit == "次" and re.search(r"(?:届|人大|政协|党代会)$", before)):
        return True  # ordinals, and sessions such as "五届人大四次会议"
    if match["chinese"] in ("一", "〇", "零") and unit not in ("名", "人", "位"):
        return True
    if match["chinese"] and not re.search("[〇零一二两三四五六七八九十]", match["chinese"]) and not match["pre"]:
        return True  # a bare scale word is an idiom ("千家万户"), unless qualified ("近百余人次")
    if match["chinese"] and _DIGITS_ONLY.fullmatch(match["chinese"]):
        return True  # digits without place value: "东四六条", "三五个" (a name, an address, a range)
    if ADDRESS_AFTER_UNIT.match(folded, match.end()):
        return True  # "…六条17号": an address
    if (
        unit in OUTLINE_UNITS
        and OUTLINE.search(folded, _last_break(folded, number_start, _SENTENCE_BREAK), number_start)
        and OUTLINE_END.match(folded, match.end())
    ):
        return True  # the report's outline: "本报告包括…等六项内容"
    return _inside_title_or_quote(folded, number_start)


def _kind_before_count(folded: str, position: int) -> re.Match[str] | None:
    """The kind noun at ``position`` (after a count in 个) when another count follows it right away ("5个方面120条"):
    the count in 个 is of kinds (``KIND_NOUNS``)."""
    kind = KIND_NOUNS.match(folded, position)
    return kind if kind and CANDIDATE.match(folded, kind.end()) else None


def _inside_title_or_quote(folded: str, position: int) -> bool:
    """Inside 《…》 (a document title) or a short “…” quotation (a slogan such as “四个面向”)."""
    line_start = folded.rfind("\n", 0, position) + 1
    head = folded[line_start:position]
    if head.rfind("《") > head.rfind("》"):
        return True
    opening = head.rfind("“")
    if opening > head.rfind("”") and position - (line_start + opening) <= 12:
        return folded.find("”", position, position + 12) != -1
    return False


def _value(match: re.Match[str]) -> int | float | None:
    if match["arabic"]:
        # "3.5万元" keeps 万元 as the unit (GUIDELINES: unit as written); other units take the scale into the value.
        return _scaled(match["arabic"], None if match["unit"] == "元" else match["scale"])
    return _chinese_value(match["chinese"])


def _scaled(arabic: str, scale: str | None) -> int | float:
    number = float(arabic.replace(",", ""))
    if scale:
        number *= 10_000 if scale == "万" else 100_000_000
    return _plain(number)


_DIGITS = {char: value for value, char in enumerate("零一二三四五六七八九十")} | {"〇": 0, "两": 2}


def _chinese_value(numeral: str) -> int | float | None:
    """Chinese numerals through cn2an, imported only for numerals of more than one character: importing it
    costs ~0.15 s, a tenth of the whole start-up budget, and most reports write Arabic digits."""
    if numeral in _DIGITS:
        return _DIGITS[numeral]
    import cn2an

    if numeral[0] in "百千万":  # "近百余人次": cn2an wants the leading 一
        numeral = "一" + numeral
    try:
        return _plain(float(cn2an.cn2an(numeral, "smart")))
    except ValueError:
        # cn2an rejects runs that are not numbers ("千万亿"): then it is not a figure.
        return None


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else round(number, 6)


# -- categories --------------------------------------------------------------------------------------------


def _categorize(
    text: str, folded: str, candidates: list[_Candidate], year: int | None = None, parts: list[Part] = ()
) -> None:
    """Fill ``category``, ``metric`` (and the sign of decreases); a candidate left without category is not a
    figure (see the module docstring for the precedence). Rules read ``folded``; the metric phrase is cut from
    the same place in ``text``, so it keeps the report's own characters. ``year``: the report's (earlier periods);
    ``parts``: where the review and litigation counts stand (``DOMAIN_PARTS``)."""
    accepted: list[_Candidate] = []
    subset_parent: _Candidate | None = None
    compacted: dict[tuple[int, int], tuple[str, str]] = {}
    base_end = 0  # end of the last comparison base: it is a figure, but no list item, total or window edge
    for index, candidate in enumerate(candidates):
        previous = accepted[-1] if accepted else None
        clause_start = _clause_start(folded, candidate.number_start)
        sentence_start = _last_break(folded, candidate.number_start, _SENTENCE_BREAK)
        # a count of kinds modifies the noun after it ("发布两类名单共计28条", "公开公告4大类46项"): the words before it
        # name the count after it too, so the edge of the window is the figure before it; its own words are no part
        # of that phrase
        modifier = (
            previous and previous.kind_end is not None and "、" not in folded[previous.end : candidate.start]
        )
        edge = (accepted[-2] if len(accepted) > 1 else None) if modifier else previous
        hole = (previous.start, previous.kind_end) if modifier else None
        window_start = max(clause_start, edge.end if edge else 0)
        if edge and edge.end > clause_start:
            # the words up to the next 、 close the previous figure ("举行14场新闻发布会、开展6次…")
            joint = folded.find("、", edge.end, candidate.number_start)
            if joint != -1:
                window_start = joint + 1
        before = _compact(_without(folded, window_start, candidate.number_start, hole))[-_WINDOW:]
        next_start = candidates[index + 1].start if index + 1 < len(candidates) else len(folded)
        after_end = min(_next_break(folded, candidate.end, _CLAUSE_BREAK + "、"), next_start)
        if candidate.base_unit in EVENT_UNITS and re.match(EVENT_TOPIC, _compact(folded[candidate.end : after_end])):
            # "3次就重要规划、重大战略…进行解读": the topic may be a list, the verb closing the clause names the events
            after_end = min(_next_break(folded, candidate.end, _CLAUSE_BREAK), next_start)
        after = _compact(folded[candidate.end : after_end])[:_WINDOW]
        clause_before = _compact(folded[clause_start : candidate.number_start])
        if candidate.base_unit not in ("%", "个百分点") and (
            _comparison_base(clause_before, after)
            or (
                candidate.base_unit != "倍"  # a ratio ("是2013年总量的1.5倍") is no count of the period
                and _earlier_period(folded, candidate.number_start, year)
                # a carry-over from an earlier year is this year's ("2023年结转的2件"), a change stays a change
                and not re.search(_cue_pattern("requests_carried_over"), before + after)
                and not re.search(CHANGE, before)
            )
        ):
            # a comparison base or a count of an earlier period ("2023年收到…41件" in a 2024 report)
            candidate.category = "other"
            candidate.metric = _metric_phrase(_compact(text[window_start : candidate.number_start]))
            base_end = candidate.end
            continue
        rest_end = min(_next_break(folded, candidate.end, _SENTENCE_BREAK), next_start)
        rest_of_sentence = _compact(folded[candidate.end : rest_end])
        windows = {
            "before": _compact(_without(text, window_start, candidate.number_start, hole))[-_WINDOW:],
            "after": _compact(text[candidate.end : after_end])[:_WINDOW],
            "rest": _compact(text[candidate.end : rest_end]),
        }
        context = _compact(folded[max(0, candidate.start - _CONTEXT) : candidate.number_start])
        sentence_end = _next_break(folded, candidate.end, _SENTENCE_BREAK)
        if (sentence_start, sentence_end) not in compacted:  # the figures of a sentence share it
            compacted[sentence_start, sentence_end] = (
                _compact(folded[sentence_start:sentence_end]),
                _compact(folded[_paragraph_start(folded, sentence_start) : sentence_end]),
            )
        sentence, paragraph = compacted[sentence_start, sentence_end]
        in_sentence = [c for c in accepted if c.end > sentence_start]
        # A cue-less item of a list takes the category most of the list has so far ("…信息228条，规划计划37条"); a
        # count of kinds is no item of it, it modifies the one after it ("发布12大类272项…，推出11项…")
        listed = [c.category for c in in_sentence if c.kind_end is None]
        list_category = max(listed, key=listed.count, default="")
        # 答复/办结/受理 without any application around are about messages, proposals, complaints…, and so are
        # they after a proposal named since the last application: "公开办理复文12件" publishes replies to proposals
        # (published items, like "公开建议提案办理报告42件"; handling them, "承办建议6件", is a topic: ``other``)
        proposals = _after_last(PROPOSALS, REQUEST_APPLICATION, context)
        requests = bool(re.search(REQUEST_APPLICATION, after)) or (
            bool(re.search(REQUEST_APPLICATION, context)) and not proposals
        )

        reading = _classify(candidate, before, after, context, rest_of_sentence, requests)
        if not requests and reading.weak and re.search(_REQUEST_CUES, before + after):
            # a request verb would have named the count, but there is no application around: a specific cue
            # decides ("网民留言办理10条"), a generic or topic reading gives way to the list's kind of count
            # ("留言515条，办结491条，公开答复44条"), else it stands, else ``other``; after a proposal a reading
            # other than a topic comes first: "承办建议4件、提案6件，公开办理复文9件" publishes the replies
            as_request = _classify(candidate, before, after, context, rest_of_sentence, True)
            if as_request.category in REQUEST_CATEGORIES:
                own = reading.category if proposals and reading.category != "other" else ""
                reading = _Reading(own or list_category or reading.category or "other")
        if any(c.base_unit == candidate.base_unit and re.search(PROACTIVE, c.metric) for c in in_sentence) and (
            (reading.weak and reading.category == "requests_received" and re.search(DISCLOSED_ON_REQUEST, before))
            or (
                re.search(WITHHELD_INFORMATION, before)
                and not any(c.category in (*REQUEST_CATEGORIES, "requests_outcome") for c in in_sentence)
            )
        ):
            # "主动公开信息734条，依申请公开信息12条，不予公开信息2条": information counted by how it is disclosed,
            # like the proactive count beside it in the same unit; no applications, and so no outcome of one
            reading = _Reading("other", weak=True)
        # items of one list may be closed by ";" ("机构职责1条;…;领导介绍3条;"): the previous item goes on it
        semicolon_item = bool(previous) and bool(
            re.fullmatch(r"[ \u3000]*;[^。！？!?;\n]*", folded[previous.end : candidate.number_start])
        )
        if (
            (previous in in_sentence or semicolon_item)
            and reading.category == "other"
            and (list_category or previous.category) == "active_disclosure_items"
            and previous.base_unit == candidate.base_unit
            and _only_topics(before, candidate.base_unit)
        ):
            # a topic-only item of a publishing list ("…动态6100余条，领导活动180余条")
            reading = _Reading(list_category or previous.category)
        if previous in in_sentence and (
            # a participant counts the events before ("发布会6次，主要负责人参加1次")
            re.search(PARTICIPATION, before)
            # a bare publishing verb leaves its object to the list ("发布规范性文件3件，以办公室名义发布3件")
            or (
                reading.weak
                and previous.base_unit == candidate.base_unit
                and _bare_publishing_verb(before, candidate.base_unit)
            )
        ):
            reading = _Reading(previous.category)
        gap = folded[max(previous.end, base_end) : candidate.number_start] if previous else ""
        if previous and re.match(SUBSET_OPENERS, gap):
            # the total is the last count on the line, one in the same unit if any ("…条，比上年增长7.5%，其中…条";
            # "信息96条（含月报12期、…）")
            line_start = folded.rfind("\n", 0, candidate.start) + 1
            totals = [c for c in accepted if c.end > line_start and c.base_unit not in ("%", "个百分点")]
            same_unit = [c for c in totals if c.base_unit == candidate.base_unit]
            subset_parent = (same_unit or totals or [None])[-1]
        elif subset_parent and (
            re.search(r"[。！？!?\n]", gap)
            or (";" in gap and subset_parent.base_unit != candidate.base_unit)
            or re.search(SUBSET_CLOSERS, gap)
        ):
            subset_parent = None  # ";" may separate the items of a subset list in the total's unit
        request_list = [c.category for c in (subset_parent, previous if previous in in_sentence else None) if c]
        if (
            re.fullmatch(BARE_DISCLOSURE, _FILLERS.sub("", before))
            and any(category in REQUEST_CATEGORIES or category == "requests_outcome" for category in request_list)
            and _outcome_domain(context) == "requests_outcome"
        ):
            # "答复22起。其中公开1起，…": in a list of request counts a bare 公开 is the outcome 予以公开
            reading = _Reading("requests_outcome")
        if not reading.category and list_category:
            reading = _Reading(list_category)
        if not reading.category and not after and not subset_parent:
            reading = _Reading(_statement_fallback(folded, candidate, previous))
        category = reading.category
        window = windows[reading.side]
        metric = window[slice(*reading.span)] if reading.span else _metric_phrase(window, leading=reading.side == "after")
        if not metric and reading.side == "before":
            metric = _metric_phrase(windows["after"], leading=True)  # "…信访件20批和14个典型案例"

        total = subset_parent.counts if subset_parent else ""
        if subset_parent:
            weak = SUBSET_TOPICS if total == "active_disclosure_items" else ("", "other")
            if subset_parent.base_unit != candidate.base_unit and candidate.base_unit not in ITEM_UNITS:
                # "…信息10220条，其中…政务服务事项4185项": a named count of no published items is its own
                weak = ("",)
            if category in weak and not _not_published_before(before, candidate.base_unit):
                category = total
            elif (
                total == "active_disclosure_items"
                and candidate.base_unit not in EVENT_UNITS
                and _response_only(category, before)
            ):
                # "主动公开…1254条，其中…政策解读10条、回应关切26条" (counted in items: "回应…热点1次" are replies)
                category = total

        if category in ("active_disclosure_items", "new_media", "new_media_posts", "new_media_accounts"):
            # the channel may be named earlier in the sentence ("依托…公众号平台，发布…信息128条"), but 主动公开 in
            # the clause is the agency's overall total ("运用政务新媒体…，全年主动公开政府信息1500条")
            channel_start = window_start if "主动公开" in before else max(sentence_start, previous.end if previous else 0)
            category = _channel(category, candidate.base_unit, _compact(folded[channel_start : candidate.number_start]))
        published = total == "active_disclosure_items"
        kind = candidate.kind_end is not None
        candidate.counts = category if kind and category in ITEM_CATEGORIES else ""
        if kind and category not in ("", "rate", "growth"):
            category = "other"  # a count of kinds is none of the contract's counts, whatever its cue says
        part = _locate(candidate.number_start, parts)[0]
        disclosure_part = part == "review_litigation" or (
            part in DOMAIN_PARTS and not re.search(GENERAL_CASELOAD, sentence)
        )
        category = _checked(
            category, candidate.base_unit, before + after, rest_of_sentence, paragraph, sentence, published,
            disclosure_part,
        )
        if category == "requests_carried_forward" and _carried_to(before, after, rest_of_sentence, year):
            category = "requests_carried_over"  # "结转至2024年3件" in a 2024 report came into this year
        if category == "growth" and re.search(DECREASE_CUES, before):
            candidate.value = -candidate.value
        if re.search(APPROX_VERB, before):
            candidate.approx = True
        if category and re.match(BACK_REFERENCE[0], clause_before) and re.search(BACK_REFERENCE[1], after):
            # "在本年度主动公开的14条政府信息中": the count stated before, named as it was (one key figure, not two)
            key = (category, candidate.value, candidate.base_unit)
            stated = [c for c in accepted if (c.category, c.value, c.base_unit) == key]
            named = _metric_phrase(windows["before"]) + _metric_phrase(
                re.sub(BACK_REFERENCE[1], "", windows["after"]), leading=True
            )
            metric = stated[-1].metric if stated else named
        if category == "rate" and re.fullmatch(SHARE, metric) and previous in in_sentence and previous.metric:
            metric = f"{previous.metric}占比"  # "机构职能类信息6条，占42.9%": the share of the count before
        candidate.category, candidate.metric = category, metric
        candidate.counts = candidate.counts or category
        if category:
            accepted.append(candidate)


def _without(text: str, start: int, end: int, hole: tuple[int, int] | None) -> str:
    """``text[start:end]`` with the span ``hole`` taken out (a count of kinds inside a metric phrase)."""
    if hole is None or hole[1] <= start:
        return text[start:end]
    return text[start : max(start, hole[0])] + text[max(start, hole[1]) : end]


def _carried_to(before: str, after: str, rest: str, year: int | None) -> bool:
    """Whether the carry-forward cue of the figure names a year that is not after the report's ``year``: carried
    *into* this year ("结转至2024年3件" in a 2024 report), i.e. carried over. "结转至2025年4件" in a 2024 report is
    carried forward; without ``year`` a named year is not compared."""
    if not year:
        return False
    pattern = _cue_pattern("requests_carried_forward")
    earlier = list(re.finditer(pattern, before))
    match = earlier[-1] if earlier else re.search(pattern, after) or re.search(pattern, rest)
    target = re.search(_PERIOD_YEAR, match.group()) if match else None
    return bool(target) and int(target.group()) <= year


def _response_only(category: str, window: str) -> bool:
    """Whether a hotline reading rests only on words of responding (回应关切, 热点, 舆情): published responses,
    counted among published items, are published items; a channel (热线, 留言, 电话…) keeps the hotline."""
    channel = re.search(_cue_pattern("hotline_replies"), re.sub(RESPONSES, "", window))
    return category == "hotline_replies" and not channel


def _after_last(pattern: str, other: str, text: str) -> bool:
    """Whether ``pattern`` occurs in ``text`` after the last occurrence of ``other`` (or without one)."""
    last = None
    for last in re.finditer(pattern, text):
        pass
    return last is not None and not re.search(other, text[last.end() :])


def _comparison_base(clause_before: str, after: str) -> bool:
    """Whether the number is the count of an earlier period quoted for comparison (``COMPARISON_BASE``)."""
    if re.search(COMPARISON_BASE, clause_before):
        return True
    return any(
        re.search(before, clause_before) and re.search(following, after)
        for before, following in (COMPARED_BARE, CHANGED_FROM)
    )


def _earlier_period(folded: str, position: int, year: int | None) -> bool:
    """Whether the time of the clause holding ``position`` (a number) is a period before the report's ``year``
    (``PERIOD``), read on the sentence up to it. Named years count only when ``year`` is known, and only when this
    year is named too in the sentence or the one before or after it ("2023年收到申请41件，2024年收到52件"): an
    earlier year standing alone is more often a year copied from last year's report ("2019年全县主动公开政府信息
    100多条" in a 2020 report, or the report year misread), so the count stays this year's. Relative periods
    (上年, 去年) need neither."""
    sentence_start = _last_break(folded, position, _SENTENCE_BREAK)
    head = _PARENTHESIS.sub("", _compact(folded[sentence_start:position]))
    # A number inside an open parenthesis is in a scope of its own: a period opening the parenthesis is its time
    # ("申请34件（2023年收到申请30件）" in a 2024 report), else the time of the sentence holds ("…（其中自然人21件）").
    opening = max(head.rfind("（"), head.rfind("("))
    period = _run_period(head if opening == -1 else head[:opening], year, opening == -1)
    if opening != -1:
        inner = _run_period(head[opening + 1 :], year, True, None)
        period = period if inner is None else inner
    if period == "named":
        previous_start = _last_break(folded, max(sentence_start - 1, 0), _SENTENCE_BREAK)
        next_end = _next_break(folded, _next_break(folded, position, _SENTENCE_BREAK) + 1, _SENTENCE_BREAK)
        return bool(re.search(rf"(?<!\d){year}年|{THIS_YEAR.pattern}", _compact(folded[previous_start:next_end])))
    return period == "relative"


def _run_period(head: str, year: int | None, own_last: bool, period: str | None = "") -> str | None:
    """The time of the last clause of ``head`` read clause by clause (``_clause_period``); ``own_last``: the number
    stands at the end of the last clause. ``period`` is the time before the first clause (None: none set)."""
    clauses = _PERIOD_CLAUSES.split(head)
    for index, clause in enumerate(clauses):
        own = own_last and index == len(clauses) - 1
        found = _clause_period(clause, year, own)
        if found is not None:
            period = found
        elif index < len(clauses) - 1 and not CANDIDATE.search(clause):
            period = ""  # the time carries over a run of counts only ("…41件，答复40件"), not over other clauses
    return period


def _clause_period(clause: str, year: int | None, own: bool = False) -> str | None:
    """The time ``clause`` opens with: "named" (an earlier year), "relative" (上年, 去年), "" (the report year or
    later, a date of it, a span reaching now — "2019年以来" —, or 本年/今年/当年 after any period), or None when it
    sets no time (the time of the clauses before holds). In the number's ``own`` clause a verb must follow the
    period: a year right before the number names the things counted ("做好2021年48份文件…")."""
    times = []  # (position, period)
    this_year = THIS_YEAR.search(clause)
    if this_year:
        times.append((this_year.start(), ""))
    match = PERIOD.search(clause)
    rest = clause[match.end() :] if match else ""
    if match and _opens_clause(clause, match) and (PERIOD_PREDICATE.match(rest) or not (rest or own)):
        if match["relative"]:
            times.append((match.start(), "relative"))
        elif year:
            times.append((match.start(), "named" if int(match["last"] or match["year"]) < year else ""))
    for pattern in (PERIOD_DATE, PERIOD_SINCE):
        opening = pattern.search(clause)
        if opening and _opens_clause(clause, opening):
            # a date of an earlier year sets no time (a statistics period copied from last year's report)
            if pattern is PERIOD_SINCE or (year and int(opening["year"]) >= year):
                times.append((opening.start(), ""))
    return max(times)[1] if times else None


def _opens_clause(clause: str, match: re.Match[str]) -> bool:
    """Whether ``match`` opens ``clause``: after at most a short subject with no verb and no preposition."""
    subject = clause[: match.start()]
    return (
        len(subject) <= _PERIOD_SUBJECT_MAX
        and not re.search(PERIOD_VERBS, subject)
        and not re.search(PERIOD_PREPOSITIONS, subject)
    )


def _checked(
    category: str,
    unit: str,
    clause: str,
    rest: str,
    paragraph: str,
    sentence: str,
    published: bool = False,
    disclosure_part: bool = False,
) -> str:
    """``category`` unless the sentence is a review body's caseload, the unit counts people or money where the
    category counts published things (``NOT_ITEM_UNITS``), or the category's ``CATEGORY_CONDITIONS`` fail: then
    ``other``. ``clause`` is the metric phrase around the number; the required words may also stand in the
    ``rest`` of its sentence ("召开常务会议12次，均通过网站直播"), or for review and litigation anywhere in its
    paragraph (with the heading above it) up to the end of the sentence; in a ``disclosure_part`` (``DOMAIN_PARTS``)
    review and litigation need none."""
    if category not in ("", "rate", "growth") and re.search(REVIEW_BODY, sentence):
        return "other"
    if category in ITEM_CATEGORIES and unit in NOT_ITEM_UNITS:
        return "other"
    required, vetoed = CATEGORY_CONDITIONS.get(category, (None, None))
    if (published and category in PUBLISHED_OBJECTS) or (disclosure_part and category in DOMAIN_CONDITIONS):
        required = None  # an item of an active-disclosure total is published ("主动公开…160条，其中…会议22条")
    where = paragraph if category in DOMAIN_CONDITIONS else clause + rest
    if (required and not re.search(required, where)) or (vetoed and re.search(vetoed, clause)):
        return "other"
    return category


def _bare_publishing_verb(window: str, unit: str) -> bool:
    """Whether the window is a publishing verb with at most an adverbial before it ("以办公室名义发布", "另发布"),
    naming nothing published; "重点工作落实公开" names its object before the verb."""
    phrase = _FILLERS.sub("", window)
    return bool(re.fullmatch(rf"(?:(?:以|通过|在|由|经|向|于)\S*?)?(?:{PUBLISHING_VERBS})了?", phrase)) and [
        hit.tier for hit in _hits(phrase, unit, _ALL_TIERS)
    ] == ["generic"]


def _not_published_before(window: str, unit: str) -> bool:
    """Whether the cue closest before the number is a not-published one ("总阅读人数达", "新开设专栏")."""
    hits = _hits(window, unit, _CUE_TIERS)
    return bool(hits) and hits[0].tier == "not_published"


def _only_topics(window: str, unit: str) -> bool:
    """Whether the window names only topics (no verb, no specific or generic cue): an item of a list."""
    hits = _hits(window, unit, _ALL_TIERS)
    return bool(hits) and all(hit.tier == "topic" for hit in hits)


def _paragraph_start(folded: str, position: int) -> int:
    """Start of the paragraph holding ``position``, or of the heading line right above it ("四、…行政复议…情况")."""
    start = _last_break(folded, position, "\n")
    # web pages put a blank line between a heading and its paragraph: the heading is the first line with text
    above = len(folded[:start].rstrip())
    if above > 0:
        heading_start = _last_break(folded, above, "\n")
        if len(folded[heading_start:above].strip()) <= 40:
            return heading_start
    return start


def _statement_fallback(folded: str, candidate: _Candidate, previous: _Candidate | None) -> str:
    """A cue-less count written "noun + number" and closed by punctuation ("…征收批复497件、") is a statistic:
    reports write their figures that way, while slogans put the number first ("7项科技行动"). It takes the
    category of the previous figure on its line, else of the nearest cue on the line, else ``other``."""
    line_start = folded.rfind("\n", 0, candidate.start) + 1
    if previous is not None and previous.end > line_start and previous.category not in ("rate", "growth"):
        return previous.category  # a count does not take a percentage's category ("…100%。…机构职责1条")
    return _cue_before(_compact(folded[line_start : candidate.number_start]), candidate.base_unit)[0] or "other"


def _classify(
    candidate: _Candidate, before: str, after: str, context: str, rest_of_sentence: str, requests: bool
) -> _Reading:
    """The category read from the compacted windows before and after the number (precedence: module doc).
    Without an application around (``requests`` false) the request cues are not read."""
    unit = candidate.base_unit
    if unit in ("%", "个百分点"):
        return _Reading("growth" if re.search(GROWTH_CUES, before) else "rate")
    if unit and re.search(CHANGE, before):
        return _Reading("growth")
    outcome = _outcome(before, after, context)
    if outcome:
        return outcome
    if unit in EVENT_UNITS and re.match(EVENT_TOPIC, after):
        following = _cue_after(after, unit, requests)
        if following and following.tier == "specific":
            # the events of "委领导3次就…进行解读" are interpretations; the metric is the topic's last item and verb
            topic = re.split(rf"{CONJUNCTION}|{EVENT_TOPIC}", after[: following.distance])[-1]
            return _Reading(following.category, "after", (following.distance - len(topic), following.end))
    category, generic = _cue_before(before, unit, requests, after)
    if generic and unit == "次" and re.search(UPDATES, before):
        return _Reading("other", weak=True)  # how often something was updated ("更新两次", "更新…等信息30余次")
    if not after and re.search(ITEMS_BY_TYPE, _FILLERS.sub("", before)):
        published_object = category in PUBLISHED_OBJECTS and not _several_types(before, category, listing=True)
        return _Reading(category if published_object else "active_disclosure_items")
    if category in PUBLISHED_OBJECTS and unit in ITEM_UNITS and _several_types(before, category):
        category, generic = "active_disclosure_items", True  # a noun after the unit still says better ("…活动等68个专题")
    if generic and re.fullmatch(HANDLED_PROPOSALS, after):
        # proposals handled, named after the unit, are what is counted: "公开完成6件人大主办件" like "3件政协主办件"
        # ("主动公开…收到的6件建议提案" publishes the proposals)
        return _Reading("other", "after", weak=True)
    following = _cue_after(after, unit, requests)
    if category and not (generic and following and following.immediate and following.tier != "topic"):
        return _Reading(category, weak=generic or category == "other")
    if not category:
        for predicate in SENTENCE_PREDICATES:
            match = re.search(_cue_pattern(predicate), rest_of_sentence)
            if match:
                return _Reading(predicate, "rest", match.span())
        # an outcome closing the sentence ("3条…涉及经济安全，不予公开")
        match = re.search(rf"(?:{REQUEST_OUTCOMES})[^,]{{0,4}}$", rest_of_sentence)
        if match and _outcome_domain(context) == "requests_outcome":
            return _Reading("requests_outcome", "rest", match.span())
    if following:
        return _Reading(following.category, "after", weak=following.tier in ("generic", "topic"))
    return _Reading("", weak=True)


@dataclass(frozen=True)
class _Hit:
    distance: int  # from the end of the match to the number (before) or the start of the match (after)
    order: int  # position in the tables: breaks ties
    category: str
    tier: str  # "specific", "not_published", "topic", "generic"
    end: int  # where the match ends in its window
    immediate: bool = False


_CUE_TIERS = (("specific", CATEGORY_CUES), ("not_published", NOT_PUBLISHED_CUES), ("topic", TOPIC_CUES))
_ALL_TIERS = (*_CUE_TIERS, ("generic", GENERIC_CUES))
_REQUEST_VERBS = ("requests_received", "requests_answered")
_REQUEST_CUES = "|".join(cue.pattern for cue in CATEGORY_CUES if cue.category in REQUEST_CATEGORIES)


def _cue_before(window: str, unit: str, requests: bool = True, after: str = "") -> tuple[str, bool]:
    """The category named before the number, and whether only a generic cue named it.

    The metric phrase ends at the number, so the cue *closest* to it wins ("受理群众咨询…人次" counts hotline
    contacts although 受理 is a request verb); ties go to the earlier entry of the tables. A not-published cue
    closest to the number makes it ``other`` ("政策解读阅读量"); a topic is the weakest answer: another specific cue
    in the window beats it ("受理咨询投诉"), and so does a generic publication cue ("公开人大代表建议180条",
    "重点项目信息219条" count published items). A request verb whose object is a topic ("受理案件28件", "收到的6件建议
    提案") is not about applications and is not read.
    """
    hits = [
        hit
        for hit in _hits(window, unit, _CUE_TIERS, requests)
        if not (hit.category in _REQUEST_VERBS and _object_is_a_topic(window[hit.end :] + after[:6], unit))
    ]
    if hits:
        if hits[0].tier == "specific":
            return hits[0].category, False
        if hits[0].tier == "not_published":
            return "other", False
        specific = [hit for hit in hits if hit.tier == "specific"]
        if specific:
            return specific[0].category, False
    generic = _hits(re.sub(DISCLOSURE_WORK, "", window), unit, (("generic", GENERIC_CUES),), requests)
    if generic:
        return generic[0].category, True
    return ("other", False) if hits else ("", False)


def _object_is_a_topic(tail: str, unit: str) -> bool:
    """The words after a request verb name something else than an application ("受理案件", "收到…建议提案")."""
    if re.search(REQUEST_APPLICATION, tail):
        return False
    return any(hit.tier in ("topic", "not_published") for hit in _hits(tail, unit, _CUE_TIERS))


def _cue_after(window: str, unit: str, requests: bool = True) -> _Hit | None:
    """The category named after the number, and whether it is named right after the unit.

    After the number ("4次…全覆盖检查", "103件顺延到下年度答复", "12场新闻发布会") the first entry of the tables
    found wins: that phrase is a noun or verb phrase whose head position varies, and the tables put specific cues
    first; a not-published noun right after the unit comes before them ("4个互动栏目"). A copula is skipped ("2件
    为网络申请"). A generic cue there says what is counted only right after an item unit ("15条信息"); further on
    ("在4个社区设立…政务公开专区") or after a unit of kinds or tasks ("二种形式", "21项具体内容") the count is of
    something else, i.e. ``other``.
    """
    window = re.sub(COPULA, "", window)
    hits = _hits(window, unit, _CUE_TIERS, requests, after=True)
    work = WORK_AFTER_UNIT.match(window)
    head = (
        [_Hit(0, 0, "other", "not_published", work.end())] if work else []
    ) or [hit for hit in hits if hit.tier == "not_published" and hit.distance <= 2] or [
        hit for hit in hits[:1] if hit.tier == "topic" and hit.distance <= 1
    ]
    if head:
        # the noun right after the unit is what is counted ("45家单位…考核", "4个互动栏目")
        return _Hit(head[0].distance, 0, "other", head[0].tier, head[0].end, True)
    closing = re.search(rf"(?:{CONTAINERS})$", window) if unit in CONTAINER_UNITS else None
    if closing and not re.search(rf"(?:{_cue_pattern('new_media')})$", window):
        # a container closing the phrase is its head, whatever modifies it ("1个专门的信息申请受理点"); a new-media
        # channel's 平台/账号 stays the channel's ("3个政务新媒体平台")
        return _Hit(closing.start(), 0, "other", "not_published", closing.end(), True)
    for tier, cues in _ALL_TIERS:
        for order, cue in enumerate(cues):
            if (cue.units and unit not in cue.units) or (not requests and cue.category in REQUEST_CATEGORIES):
                continue
            match = cue.regex.search(window)
            if match:
                immediate = match.start() <= 2
                if tier == "generic" and not (immediate and unit in ITEM_UNITS):
                    return _Hit(match.start(), order, "other", "topic", match.end())
                return _Hit(match.start(), order, cue.category, tier, match.end(), immediate)
    return None


def _hits(
    window: str, unit: str, tiers: tuple[tuple[str, tuple[Cue, ...]], ...], requests: bool = True, after: bool = False
) -> list[_Hit]:
    """The cues of ``tiers`` found in ``window``, closest to the number first: the last match of each cue before
    the number (``after`` false), the first one after it."""
    hits = []
    order = 0
    for tier, cues in tiers:
        for cue in cues:
            order += 1
            if (cue.units and unit not in cue.units) or (not requests and cue.category in REQUEST_CATEGORIES):
                continue
            if after:
                match = cue.regex.search(window)
                if match:
                    hits.append(_Hit(match.start(), order, cue.category, tier, match.end()))
                continue
            last = None
            for last in cue.regex.finditer(window):
                pass
            if last is not None:
                hits.append(_Hit(len(window) - last.end(), order, cue.category, tier, last.end()))
    return sorted(hits, key=lambda hit: (hit.distance, hit.order))


@lru_cache(maxsize=None)
def _cue_pattern(category: str) -> str:
    """All specific cue words of ``category`` as one regex (whatever their units)."""
    return "|".join(cue.pattern for cue in CATEGORY_CUES if cue.category == category)


def _several_types(window: str, category: str, *, listing: bool = False) -> bool:
    """Whether the cue of ``category`` closest to the number is one of several joined types of which an earlier
    one is of another kind ("政策文件、政策解读、政府公报信息75条", "政策法规及解读3条"): the count is of all of them.
    In a list closed by 类/等 (``listing``) any listed type counts ("解读政策、公布人事变动、业务动态等共计50条")."""
    pattern = _cue_pattern(category)
    matches = list(re.finditer(pattern, window))
    if not matches:
        return False
    if listing:
        return any(item and not re.search(pattern, item) for item in re.split(CONJUNCTION, window))
    head, tail = window[: matches[-1].start()], window[matches[-1].end() :]
    joins = list(re.finditer(CONJUNCTION, head))
    if joins and matches[-1].start() - joins[-1].end() <= 4:
        earlier = re.split(rf"{CONJUNCTION}|[,:：]", head[: joins[-1].start()])[-1][-10:]
        if earlier and not re.search(pattern, earlier):
            return True
    # the type is the first of several ("政策解读和政策文件30件")
    later = re.match(rf"^.{{0,4}}?(?:{CONJUNCTION})(.+)$", tail)
    return bool(later) and not re.search(pattern, later.group(1))


def _outcome(before: str, after: str, context: str) -> _Reading | None:
    """An outcome count: the outcome named right before the number ("其中结果维持72件") or just after it
    ("1条部分公开", or anywhere in the clause after a copula: "3件均属于…无法提供"), of the review, litigation or
    request that the text mentioned last. The metric is the outcome's words."""
    families = {"review": REVIEW_OUTCOMES, "requests": REQUEST_OUTCOMES}
    side, found = "before", _closest(before, families)
    if found is None or re.search(rf"(?:{_cue_pattern('review_cases')}|{_cue_pattern('litigation_cases')})$", before):
        copula = re.match(COPULA, after)
        reach = len(after) if copula else 8
        side, found = "after", next(
            ((family, match) for family, pattern in families.items() if (match := re.search(pattern, after[:reach]))),
            None,
        )
    if found is None:
        return None
    family, match = found
    domain = _outcome_domain(context)
    if domain and (domain == "requests_outcome") == (family == "requests"):
        return _Reading(domain, side, match.span())
    return None


def _closest(text: str, cues: dict[str, str]) -> tuple[str, re.Match[str]] | None:
    """The cue nearest before the number: (family, match)."""
    best: tuple[int, str, re.Match[str]] | None = None
    for family, pattern in cues.items():
        matches = list(re.finditer(pattern, text))
        if matches and (best is None or len(text) - matches[-1].end() < best[0]):
            best = (len(text) - matches[-1].end(), family, matches[-1])
    return (best[1], best[2]) if best else None


def _outcome_domain(context: str) -> str:
    """The family of the domain noun mentioned last, skipping one that is counted as zero or denied ("被行政复议
    5宗、行政诉讼0宗，其中2宗维持": the outcomes are of the reviews)."""
    for match in reversed(list(re.finditer(OUTCOME_DOMAIN, context))):
        if not (re.match(ZERO_COUNT, context[match.end() :]) or re.search(DENIAL_BEFORE, context[: match.start()])):
            return OUTCOME_FAMILIES[match.group()[0]]
    return ""


def _channel(category: str, unit: str, window: str) -> str:
    """Publishing counts on a new-media channel are posts, 个/家 of a channel are accounts; an item of a list
    taking the accounts' category is a post unless counted in 个/家 ("2个政务新媒体账号，全年发布信息418条、短视频
    26条"). A channel named next to the website ("网站、微博、微信公众号等平台更新信息83条") makes a total over all
    channels: active disclosure."""
    accounts = unit in ("个", "家")
    if re.search(OTHER_CHANNELS, window) and not accounts:
        return "active_disclosure_items"
    if category == "new_media" or re.search(_cue_pattern("new_media"), window):
        return "new_media_accounts" if accounts else "new_media_posts"
    if category == "new_media_accounts" and not accounts:
        return "new_media_posts"
    return category


_SPACES = re.compile(r"\s+")
_TITLE_OR_QUOTE = re.compile(r"《[^《》]*?(公报)?》|“[^“”]*”")
_OPAQUE = "\ue000"  # a private-use character: an opaque title while nested titles are being taken out
# A quotation naming an outcome or a carry-over is a label of the tables ("“同意公开”的7宗", "1件为“已主动公开”"):
# its words stay, unlike a slogan's.
QUOTED_LABEL = re.compile(rf"“[^“”]*(?:{REQUEST_OUTCOMES}|{REVIEW_OUTCOMES}|结转)[^“”]*”")


def _compact(text: str) -> str:
    """Drop line breaks and spaces (PDF wraps words: "答\\n复") and the inside of titles and quotations."""
    text = _SPACES.sub("", text)
    # A title is opaque (its words do not say what the number counts) except a gazette's: 《…政府公报》6期.
    if "《" not in text and "“" not in text:
        return text
    # Titles nest ("《关于《…办法》征求意见的通知》"): the innermost goes first, to a placeholder that lets the
    # enclosing title match in the next round.
    previous = None
    while previous != text:
        previous = text
        text = _TITLE_OR_QUOTE.sub(
            lambda m: m.group(1) or (m.group() if QUOTED_LABEL.fullmatch(m.group()) else _OPAQUE), text
        )
    return text.replace(_OPAQUE, "《》")


# Longer fillers first ("共有" before "共"); a year stays before 末/底/初 ("年末用户数"), 计 in a word ("报告统计"), and
# 累计 after 历年: a stock of all years ("主动公开政府信息历年累计52条") must not read as this year's count.
_FILLERS = re.compile(
    r"^(?:\d{4}年度?(?![末底初])|(?:本|今)?年度?内|年度?(?![末底初])|其中|另有|另|包含|包括|含|共有|共|共计|合计|累计|全年|本年度?"
    r"|今年|截至目前|目前|通过|在(?!线)|对|向|为|了|的|已经|已|并|均|达|各类"
    r"|我[局委办镇乡区县市厅院部署站所]|\d{1,2}[.、](?!\d)|\d{1,2}(?:至|-)\d{1,2}月)+"
    r"|(?:共|共计|合计|(?<!历年)累计|达到?|突破|超过|逾|为|约|近|(?<![统设会审累])计|了|各类|总数|数量|总量)+$"
)


_METRIC_LENGTH = 16
# Where a metric phrase cut to its last _METRIC_LENGTH characters may start without splitting a word: at the
# counting verb nearest the number ("…生态环境局信息公开专栏主动公开政府信息326条" → "主动公开政府信息"), else after
# a list or possessive joint ("…关于工地扬尘、餐饮油烟和噪声扰民的留言" → "餐饮油烟和噪声扰民的留言").
_METRIC_VERB = re.compile(r"主动公开|发布|公开|收到|受理|办理|办结|答复|回复|制发|印发|召开|举办|开展|接待|更新|推送|解读|组织")
_METRIC_JOINT = re.compile(r"[、和及与]")
_METRIC_SLACK = 4
_METRIC_EDGES = re.compile(r"^(?:以及|等|和|及(?!时)|与|、)+|(?:以及|等|和|及|与|、)+$")


def _metric_phrase(window: str, *, leading: bool = False) -> str:
    """The phrase naming what a number counts: the (compacted) window next to it, trimmed of fillers.

    Titles and quotations are opaque ("《》" in the window) and leave the phrase, which then ends at the ones
    that list examples of what is counted ("组织召开了“…”“…”等新闻发布会12场" → "新闻发布会") and, after the
    unit, stops before one that starts another item ("1件规范性文件及《…》" → "规范性文件"). Fillers go before a
    long phrase is cut, so the cut does not fall inside a word ("通过平度公安微信…").
    """
    if leading:
        window = re.split(rf"(?:{CONJUNCTION})《》", window)[0]
    else:
        window = re.split(r"《》(?=等)", window)[-1]
    # an aside in parentheses names no part of the counted thing ("各类信息（包括：天气预报…）")
    window = _PARENTHESIS.sub("", window) or window
    # a title goes with the postposition that places the counted thing in it ("“阳光规划”中的规划公示")
    phrase = _trimmed(re.sub(r"《》(?:之?中的?|里的?)?", "", window).strip("（）()、，,：:"))
    if leading:
        phrase = phrase[:_METRIC_LENGTH]
    elif len(phrase) > _METRIC_LENGTH:
        cut = phrase[-_METRIC_LENGTH:]
        verbs = list(_METRIC_VERB.finditer(cut))
        # without a verb the phrase may run a little longer to start on a word: whole, or after a joint a few
        # characters before the cut ("人力资源和社会保障咨询服务热线…" → "社会保障咨询服务热线…", not "障咨询…")
        reach = len(phrase) - _METRIC_LENGTH
        joint = _METRIC_JOINT.search(phrase, reach - _METRIC_SLACK, reach + _METRIC_LENGTH // 2)
        if verbs:
            phrase = cut[verbs[-1].start() :]
        elif len(phrase) > _METRIC_LENGTH + _METRIC_SLACK:
            phrase = phrase[joint.end() :] if joint else cut
    return _trimmed(phrase)


def _trimmed(phrase: str) -> str:
    """``phrase`` without fillers and without a list joint at either end ("和14个典型案例" leaves "")."""
    previous = None
    while previous != phrase:
        previous, phrase = phrase, _METRIC_EDGES.sub("", _FILLERS.sub("", phrase))
    return phrase


def _clause_start(folded: str, position: int) -> int:
    """Start of the clause holding ``position``. A break inside a parenthesis closed before the number is an aside's
    ("各类信息（包括：天气预报、预警信号）共1631条"): the clause starts before the parenthesis."""
    start = _last_break(folded, position, _CLAUSE_BREAK)
    head = folded[start:position]
    closing = max(head.rfind(")"), head.rfind("）"))
    if closing == -1 or max(head.rfind("(", 0, closing), head.rfind("（", 0, closing)) != -1:
        return start
    opening = max(folded.rfind("(", 0, start), folded.rfind("（", 0, start))
    if opening == -1 or max(folded.rfind(")", opening, start), folded.rfind("）", opening, start)) != -1:
        return start
    return _last_break(folded, opening, _CLAUSE_BREAK)


def _last_break(text: str, position: int, breaks: str) -> int:
    """Start of the clause/sentence holding ``position``. A line break counts only after sentence punctuation or
    a short line: PDFs wrap lines in mid-sentence, and the metric phrase then sits on the previous line."""
    while position > 0:
        index = max(text.rfind(char, 0, position) for char in breaks)
        if index == -1:
            return 0
        if text[index] != "\n" or _hard_line_break(text, index):
            return index + 1
        position = index
    return 0


def _next_break(text: str, position: int, breaks: str) -> int:
    while position < len(text):
        found = [index for char in breaks if (index := text.find(char, position)) != -1]
        if not found:
            return len(text)
        index = min(found)
        if text[index] != "\n" or _hard_line_break(text, index):
            return index
        position = index + 1
    return len(text)


def _hard_line_break(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index].rstrip()
    return not line or line[-1] in "。；;！!？?：:）)" or len(line) < 20


# -- negative statements -----------------------------------------------------------------------------------


def _negative_statements(
    text: str, folded: str, skip: list[tuple[int, int]], numeric: list[_Candidate], year: int | None = None
) -> list[_Candidate]:
    """The zero figures of negative statements; one about an earlier period ("2023年未收到申请" in a 2024 report)
    is that period's, ``other``."""
    found: list[_Candidate] = []
    for pattern, figures in NEGATIVE_STATEMENTS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if _in_spans(start, skip) or any(c.start < end and start < c.end for c in numeric + found):
                continue
            surface = match.group()
            if not figures and re.match(rf"{_NOT_CLAUSE}*?(?:费用|支出|经费)", folded[end:]):
                continue  # a cost of lawsuits ("未发生与诉讼（行政复议、行政诉讼…）有关的费用") counts no cases
            targets = figures or tuple(
                (category, "件") for category, words in NEGATIVE_WORDS if any(word in surface for word in words)
            )
            if _earlier_period(folded, end, year):  # the period's verb may be the statement's ("2023年未收到…")
                targets = tuple(("other", unit) for _, unit in targets[:1])  # one figure: that period's zero
            for category, unit in targets:
                found.append(_Candidate(start, end, start, 0, unit, False, category, _compact(text[start:end])))
    return found


def _locate(position: int, parts: list[Part]) -> tuple[str | None, str | None]:
    for part in parts:
        if part.start is not None and part.end is not None and part.start <= position < part.end:
            subsection = next((s.key for s in part.subsections if s.start <= position < s.end), None)
            return part.key, subsection
    return None, None


# ---------------------------------------------------------------------------------------------------------
# spaCy view
# ---------------------------------------------------------------------------------------------------------


def add_figure_spans(doc: Doc, figures: list[Figure]) -> Doc:
    """Put ``figures`` into ``doc.spans["figures"]``: one Span per figure, ``label_`` = category and
    ``span._.figure`` = the :class:`Figure` (value, unit, approx, metric). Meant for stages that already hold a
    Doc of the same text (the tagger), so the text is tokenized once."""
    from spacy.tokens import Span

    if not Span.has_extension("figure"):
        Span.set_extension("figure", default=None)
    spans = []
    for figure in figures:
        # "expand": jieba glues numbers to neighbouring words ("十二件", "共95"), so a figure's characters rarely
        # fall on token boundaries; the Span grows to whole tokens while the Figure keeps the exact offsets.
        span = doc.char_span(figure.start, figure.end, label=figure.category, alignment_mode="expand")
        if span is None:
            raise ValueError(f"figure {figure.start}:{figure.end} lies outside the Doc text")
        span._.figure = figure
        spans.append(span)
    doc.spans["figures"] = spans
    return doc


def figure_doc(text: str, parts: list[Part], year: int | None = None) -> Doc:
    """The tokenized ``text`` with its figures in ``doc.spans["figures"]`` (``year``: see :func:`extract_figures`)."""
    from nlp.tokens import make_doc

    return add_figure_spans(make_doc(text), extract_figures(text, parts, year))
