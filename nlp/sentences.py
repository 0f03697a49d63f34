"""Narrative sentence spans, by the rules of ``docs/contract.md`` (tag labels) and ``corpora/GUIDELINES.md``.

``split_sentences(text, start, end)`` returns ``(start, end)`` character offsets into ``text``, trimmed of
surrounding whitespace, in text order. It is a single left-to-right scan with precompiled regexes, because it
runs over every report the pipeline analyses and over the whole corpus when training.

Boundaries
    * ``。！？；`` and line breaks end a sentence; half-width ``; ? !`` only next to Chinese text, right after it
      or right before it (web pages type them in Chinese prose; between Latin text or digits they are not
      sentence ends). So contact details split item by item ("电话:0000-1234567;" "传真:…"), as the annotators
      split them. The half-width period never splits: it is a decimal point ("1.5%") or an ordinal ("2.").
    * A run of terminators and the closing quotes right after one stay with the sentence ("……！”").
    * No split inside “…” ‘…’ 「…」 『…』 or 《…》 (titles hold their own punctuation, e.g.
      《进行时!》); a line break always splits. An opening mark counts only when its closing mark follows on
      the same line, so one stray quote cannot swallow a paragraph, or when its line stops inside it: within
      a title's length and without a sentence's end (an excerpt cut at "《赞!某地这条", a PDF line wrapped
      inside a title).
    * Enumerated items are their own sentences: besides the ``；`` that usually ends them, the scan splits
      before "二是/三是/…" and "其二/其三…" when a comma glues them to the previous item ("一是…，二是…"). "一是"
      itself stays with its lead-in ("存在以下问题：一是…；"), as the annotators do.

Skipped, because they carry no narrative (``docs/contract.md``: "Headings, table cells and page chrome carry
no label")
    * table lines: a tab, only numbers, units and separators, or "|"-separated short cells (web tables);
    * page chrome, in Simplified or Traditional characters: the header fields of a web page (来源/发布机构/索 引 号/
      字体大小/背景色…, also two at once "备注/文号", followed by a colon or "】", bulleted or spaced, or laid out as a
      table), bylines and dates on a line without sentence punctuation ("2099-01-15 10:30 来源：…", "…1月1日星期五"),
      breadcrumbs and menus (您当前所在位置…, 首页 >, "> 公开年报", "新闻 动态 专题", a site and its section "某局
      工作动态", "信息公开元数据"), page tools (分享到/打印/大 中 小/长者版/二维码/朗读), links (上一篇/下一篇/相关链接/
      附件下载), the footer (版权所有/主办/ICP备/公网安备/网站标识码), an index number, attachment name, document
      number ("某政〔2099〕1号") or template residue alone on its line, a table of contents' dotted lines and "P. 12"
      page marks; betting spam that mirror sites inject ("365体育官网", "某某体育直播"). The same words inside prose
      stay ("…承办建议提案48件", "网站总访问量12万次。", "某县教育体育局…");
    * a numbered title garbled by a wrong decoding (UTF-8 read as GBK: "?。ㄒ唬┓e極推動…公開。" with box-drawing
      corners or bopomofo, which prose never holds), up to its full stop or colon;
    * fragments: a line of at most two characters, or of at most six with no punctuation and no digit (table
      labels such as "总计", a broken caption "（本"); "53期" is a wrapped figure and stays, and so does a short
      answer under its heading ("无", "無", "本年度无");
    * a sentence start cut off by the text's end or a heading before it says anything (GUIDELINES rule 16): at
      most two Chinese characters besides a date, stopping inside a word, with no figure ("…。一", "…。印发",
      "2099年某地" at an excerpt's end). ``segments`` keeps it as a ``fragment``, where the text stops;
      "设立信", "本年办结12宗" or "下一步,我局将" say what the sentence was about and stay;
    * headings standing alone: a numbered line ("（一）主动公开情况", "五、存在的主要问题及改进情况",
      "1.存在的问题", "第一部分：工作情况概述", "一、组织领导方面", "2.依申请公开方面。") without sentence
      punctuation, or listing its topics ("五、因申请行政复议、提起行政诉讼情况"); short unnumbered lines ending
      in a heading word ("存在的主要问题", "改进措施"); a report's title with what sites add to it ("某局2099年
      政府信息公开工作年报（文字版）", "关于报送…年度报告的函", "… - 政府信息公开年报 - 某局", "政府信息公开年报")
      on a line without sentence punctuation that says nothing about the report ("本报告根据…编制" stays), also
      broken over two lines ("2099年某镇政府信息公开" / "年报"); an agency's name alone, in Traditional
      characters too or with its other names in brackets ("某市财政局（市国资委、市金融办）"), and a date, bracketed
      too ("（2099年1月12日）" under a title), its 〇 typed as a letter O ("二O九九年一月二日") (signatures, page
      headers); a bulleted line without punctuation or figures ("• 依申请公开情况", "• 政府信息管理机" cut off); the
      report format's instruction to the writer ("（一）…收取信息处理费的情况需在此专门报告："), which leads into the
      agency's answer as a heading does;
    * a heading glued to its sentence: "（二）依申请公开。本年度…", "（一）主动公开情况：本年度…",
      "（一）主动公开情况 本年度…" and, the space lost, "一、总体情况2099年，…" yield only the sentence. Only headings
      whose phrase reads as a section title (a topic word such as 主动公开/依申请/情况/问题/措施) are cut, and short
      titles numbered "（一）" whatever their words (GUIDELINES rule 20: "（一）加强培训。" is a title); an item
      numbered "1." stays a sentence. A part heading glued after the lead-in "…如下：" ("…现将工作情况报告如下：一、
      总体情况 2099年，…") or numbered with a dash typed for 一 ("—、总体情况") is cut out where its words end, when
      the part detector finds it worded as a standard heading (not "…如下：一、人员不足。", a problem).
      An unnumbered "主动公开方面：…" stays whole, as the annotators kept it; an unnumbered section title ending in
      情况 and a full stop is cut at its line's start ("政府信息主动公开情况。结合…", as the annotators left it out),
      not a statement of nothing ("无收费及减免情况。") nor an unnumbered work title ("做好栏目保障。", tagged);
    * titles of the work done, numbered in Chinese (GUIDELINES rule 20), alone on their line or ending in 。 before
      their sentences: "（一）加强组织领导，完善制度机制", "一、健全机制，全面落实公开制度。成立了…",
      "(二)、强化载体建设。", "（二）深化12360平台建设。" (a number that names something is not a figure). Up to
      four comma-separated phrases, one short phrase (at most 20 characters) when there is no comma, or up to 26
      when it opens with the work done ("（二）认真开展规章清理并公告清理结果。"). Not when the line states
      something: a figure ("(一)2010年主动公开信息10余条"), "我局/已/了/全年…" (全年 before the work it
      qualifies, "部署全年工作", is a title's), or a shortcoming ("（三）人员不足，学习有待加强。" in part 五 is the
      problem itself). A list of topics ending in a title word is a section title (heading), with a full stop
      too. Lines numbered "1." stay sentences (the annotators tagged them as often as not).

Numbers in parentheses also come as one character ("㈠" for "（一）"). Item titles (``Segment.kind == "item"``) are
not tagged but stay in the neighbour flow. An item title that nothing follows but a title of its own level or
higher (or the end) is the content itself and becomes a sentence, unless it ends the text without a full stop
(an excerpt cut after "（二）加强制度建设，" or "（二）健全工作机制": a title whose paragraph is missing); a
deeper title right after it ("一、健全机制，落实制度" then "（一）加强组织领导") leaves it a title. In part 五
(found by :func:`nlp.segment.find_parts`) every item title is a sentence: there "（一）提高认识。" or "（一）规范答复
文书，逐件说明检索依据。" is the measure itself and what follows says how or by when, so the annotators of part 五
tagged it and the checks need its words to pair measures with problems (E12). Its section titles ("（二）改进
措施") stay headings.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from nlp.fold import fold_table
from nlp.segment import find_parts, standard_heading_end

_TERMINATORS = frozenset("。！？；")
_HALF_TERMINATORS = frozenset(";?!")
_TRAILERS = frozenset("。！？；;?!…”’」』")
_CLAUSE_END = frozenset("，,")
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
    r"|[（(〔【][一二三四五六七八九十\d]{1,3}[）)〕】]|[㈠-㈩]"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\d{1,2}(?:[、．]|\.(?!\d)|[）)])"
    r")[ ]*"
)
_NUMBERED = re.compile(_MARKER)
# How section titles end: nominal phrases ("政府信息管理", "主动公开情况", "存在的主要问题及改进措施").
_TITLE_END = (
    r"(?:情况|概述|概况|公开|申请|管理|建设|保障|措施|事项|改进|计划|打算|方向|举措|报告|说明|减免|"
    r"途径|数量|年报|存在的?(?:主要)?问题(?:[和及与]不足)?|问题[和及与]不足|不足之处|主要问题)"
)
_HEADING_PHRASE = re.compile(rf".{{0,38}}{_TITLE_END}")
# A numbered line naming an aspect of the work ("一、组织领导方面", "2.依申请公开工作方面。") is a title; unnumbered,
# "…方面：" leads into its sentence and stays with it ("工作考核方面：局党委…", as the annotators kept it).
_ASPECT = re.compile(r"[^，,；;。：:！？!?\s\d]{2,16}方面[。.]?")
# Words of a statement, never of a title: "全年未出现…收费及减免情况" is a sentence that happens to end in 情况.
# 全年/本年 before the work they qualify ("全面谋划部署全年工作", "本年度工作情况") belong to a title as well.
_STATEMENT = re.compile(
    r"未|没有|已|了|我局|我单位|我委|我办|我镇|我县|我区|我市|(?:本|全)年(?!度?(?:工作|任务|目标))|共计|累计|表现在|主要是"
)
# Traditional forms of the title vocabulary (mirror sites publish Traditional copies), and of agency names
# ("…管委會", "…辦公室", "…區") for signatures.
_FOLD = fold_table(only="況開請設問題護監務報進資處費關導組織構規範載體總會員廳辦館鎮鄉區發佈據認")
# Numbered list items start with a verb ("1.加强信息发布管理"); section titles never do.
_ACTION_START = re.compile(
    r"加强|强化|完善|健全|丰富|提高|提升|推进|推动|深化|优化|拓展|拓宽|规范|做好|抓好|严格|注重|坚持|落实|建立|"
    r"要|将|加大|创新|扩大|增强|狠抓|全面|切实|进一步|持续|不断|积极|及时|认真|着力|继续|探索|开展|组织(?!领导|机构|保障|体系)|"
    r"强调|确保|畅通|深入"
)
# A glued heading: marker, a short phrase without sentence punctuation, then 。/：/: or spaces, or, when the
# spaces were lost ("一、总体情况2023年，…"), a phrase ending in 情况 right before the year its sentence opens with.
_GLUED_HEADING = re.compile(
    rf"{_MARKER}(?P<phrase>[^，,；;。：:！？!?\s]{{2,24}}?)(?:[。：:][ ]*|[ ]+|$|(?<=情况)(?=(?:19|20)\d{{2}}年))"
    r"|(?P<label>[^，,；;。：:！？!?\s\d]{2,6})[：:][ ]*"
)
# GUIDELINES rule 20: a short title numbered "（二）" ("（二）加强舆论宣传。") is a heading, whether or not a sentence
# follows it on its line. Titles numbered "1." stay sentences: in part 五 "1.培训不足。" is often the problem itself.
# "㈠" (U+3220…) is "（一）" in one character.
_PAREN_NUMBER = re.compile(r"[（(〔【][一二三四五六七八九十]{1,3}[）)〕】]|[㈠-㈩]")
_SHORT_TITLE = 20
# A figure makes a numbered line a statement ("(一)2010年主动公开政府信息10余条"); a number that names something
# ("12360热线", "12345平台") does not.
_QUANTITY = re.compile(
    r"\d+(?:\.\d+)?[ ]*(?:年|月|日|条|件|次|个|期|篇|万|亿|余|多|人|场|项|家|份|元|部|批|名|类|号|台|套|天|小时|%|％)"
)
# A numbered title line of its own (GUIDELINES rule 20): "（一）加强组织领导，完善制度机制", "一、健全机制，全面落实
# 公开制度。", "(二)、强化载体建设。", "第一部分：工作情况概述". Chinese numbering only: a line numbered "1." is often
# the content itself ("1.培训不足。"), and the annotators tagged such lines as often as they skipped them. The
# title is up to four phrases separated by commas, with at most a 。 at its end; a title of one phrase is short
# (_SHORT_TITLE, as for the glued titles above) unless it lists topics ("（六）考核、评议和责任追究结果情况").
_SECTION_MARKER = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[（(〔【][一二三四五六七八九十]{1,3}[）)〕】]|[㈠-㈩]|[一二三四五六七八九十]{1,3}[、.．])"
    r"[ ]*[、:：.．]?[ ]*"
)
_ITEM_TITLE_BODY = re.compile(r"[^，,。；;：:！？!?\s]{2,34}(?:[，,][^，,。；;：:！？!?\s]{2,34}){0,3}[。.]?")
_ITEM_TITLE_MAX = 36
# A title of one phrase that opens with the work done ("（二）認真開展規章和規範性文件清理並公告清理結果。") may run
# longer than _SHORT_TITLE: a statement of one phrase opens with its subject ("（二）领导小组办公室设在局办公室。").
_LONG_TITLE = 26
# ...unless it states something: a shortcoming is the problem itself ("（一）公开意识有待提高，栏目更新不够及时。"
# in part 五), and _STATEMENT words ("我局", "已", "了") or a figure make it a report of what was done.
_SHORTCOMING = re.compile(
    r"有待|还需|仍需|尚需|亟需|需要|还不|仍不|尚不|不够|不足|不强|不高|不多|不深|不细|不严|不到位|不及时|不规范|不完善|"
    r"不全面|不平衡|不明显|不熟|不稳定|不健全|不统一|不充分|不畅|不力|欠缺|缺乏|较少|较弱|较低|较为|单一|滞后|薄弱|存在|"
    r"偏少|偏低|差距|困难"
)
# Numbering levels, outermost first: an item title followed directly by a deeper one ("一、健全机制，落实制度" then
# "（一）加强组织领导") is still a title; followed by one of its own level or by nothing, it is the content.
_LEVELS = (
    re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分|章|节)"),
    re.compile(r"[一二三四五六七八九十]{1,3}[、.．]"),
    _PAREN_NUMBER,
    re.compile(r"\d{1,2}(?:[、．]|\.(?!\d))"),
    re.compile(r"[（(]?\d{1,2}[）)]"),
)
# An unnumbered section title ending in 情况/概况/概述 and a full stop, at the start of its line; a statement of
# nothing ("无收费及减免情况。", "未发生…情况。") or a list item ("二是贯彻落实《条例》情况。") is not one.
_GLUED_SECTION = re.compile(
    r"(?![一二三四五六七八九十]是|其[一二三四五六七八九十])[^，,；;。：:！？!?\s\d无不未没暂][^，,；;。：:！？!?\s\d]{1,17}"
    r"(?:情况|概况|概述)。"
)
# UTF-8 read as GBK on mirror sites: a line opening with a garbled title ("?。ㄒ唬┓e極推動…公開。" is "（一）積極
# 推動…", its marker and first word lost). Box-drawing corners and bopomofo never occur in a report's prose; the
# garbled run goes to the first full stop or colon (a "?" in it stands for a lost byte, not a question).
_GARBLED = re.compile(r"[ \t\u3000]*\S{0,3}?[\u250c-\u257f\u3105-\u312f][^。：:\n]*[。：:]?")
# What must remain after a glued heading for it to be cut: "收费情况:无。" stays whole, "无。" says nothing alone.
_MIN_REST = 4
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?、：:]")
_SIGNATURE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}(?:局|委|委员会|厅|办|办公室|政府|院|中心|处|所|站|馆|街道办事处|镇|乡|管委会|公司|开发区|高新区|管理区)"
    r"|(?:\d{4}|[〇○OＯ零一二三四五六七八九]{4})[ ]*年[ ]*[\d一二三四五六七八九十]{1,3}[ ]*月(?:[ ]*[\d一二三四五六七八九十]{1,3}[ ]*日)?"
)
# An agency's name with its other names in brackets ("某市财政局（市国资委、市金融办）") is a signature or a page
# header like the bare name.
_NAME_NOTE = re.compile(r"[（(][^（）()]{1,24}[）)]$")
# A report's title, with what sites add to it ("（文字版）", "（图解）", "关于报送…的函", "…发布", " - 政府信息公开年报 -
# 某局", a date, a spam prefix), or a column name ("政府信息公开年报"), on a line without sentence punctuation.
_REPORT_TITLE = re.compile(r"(?:年度|年|工作)报告|年报")
# ...but not a sentence about the report that lost its punctuation ("本报告根据…编制", "现将…年度报告公布如下").
_REPORT_STATEMENT = re.compile(r"本报告|本年度报告|本年报|根据|按照|依据|依照|编制|下载|查阅|现将|现就|现公布|予以|如下")
_TITLE_LINE_MAX = 100
_TITLE_LINE_MIN = 6  # "年报" alone is a menu entry
# A title broken over two lines ("2099年某镇政府信息公开" / "年报"): the first line is a title when the two read as one.
_TITLE_CONTINUATION_MAX = 12
_BRACKETED = re.compile(r"[（(](.+)[）)]")
# A bullet before a short line without punctuation or figures marks a heading or a menu entry on a web page.
_BULLETED = re.compile(r"[•·●▪◆■]")
# Template residue: the report format's instructions to the writer ("（一）…收取信息处理费的情况需在此专门报告："),
# which introduce the agency's own statement as a heading does.
_TEMPLATE_NOTE = re.compile(r"(?:需|请|应)在此(?:专门|单独)?(?:报告|说明|填写|列明)|此处填写|填写说明")
# Page chrome: the lines a web page wraps around a report (skipped, see the module docstring).
# Traditional forms of the chrome vocabulary ("發布時間", "當前位置"), kept apart from _FOLD: folding "數" there would
# make the item "1.主動公開政府信息數量。" a title.
_CHROME_FOLD = fold_table(
    only=(
        "當頁態門發時間來號標單類覽瀏擊編輯鍵詞圍屬機構閉掃碼網備權辦術聯繫們"
        "圖鏈歡長無礙簡體責讀訪點數稱記註對欄審檢狀檔歸種級佈維識關開題範報別"
    )
)
# Field labels of the page's header block, spaced or not ("索 引 号：", "• 发布机构：", "【字体：大 中 小】", "【效力等级】…").
_CHROME_FIELDS = (
    "来源", "信息来源", "文章来源", "发布机构", "发布单位", "发布机关", "发文机关", "制定机关", "发布日期", "发布时间",
    "发表时间", "发文日期", "成文日期", "公开日期", "公布日期", "施行日期", "生成日期", "公文生成日期", "信息提供日期",
    "更新时间", "归档时间", "日期", "时间", "当前时间", "字号", "发文字号", "字体", "字体大小", "背景色", "作者",
    "投稿", "责任编辑", "编辑", "签发人", "责任部门", "审核程序", "浏览次数", "浏览量", "阅读次数", "访问次数", "访问量",
    "点击数", "点击量", "点击次数", "索引号", "信息索引号", "信息索取号", "主题分类", "体裁分类", "题裁分类", "组配分类",
    "信息分类", "分类", "信息类别", "类别", "公文种类", "文号", "文件编号", "文件名称", "信息名称", "名称", "中文名",
    "标题", "关键词", "关键字", "主题词", "公开方式", "公开范围", "公开时限", "有效性", "是否有效", "时效", "时效性",
    "效力等级", "文件状态", "登记号", "备注", "所属机构", "单位", "服务对象", "栏目", "当前栏目", "所属栏目",
)
_FIELD = "|".join("[ \u3000]*".join(field) for field in sorted(_CHROME_FIELDS, key=len, reverse=True))
_BULLET = r"^(?:[•·*\-|][ ]*)?"
# Buttons of the page's tool bar; a line holding only these ("无障碍 长者模式 我的收藏", "简体中文 繁体中文 English").
_TOOLS = (
    r"长者版|长者模式|长者助手|关怀版|适老版|适老模式|无障碍(?:浏览|阅读|模式)?|听全文|繁体(?:中文|版)?|简体(?:中文|版)?|"
    r"English|logo|LOGO|大[ ]*中[ ]*小|我的收藏|收藏|打印|关闭|分享[:：]?|登录|注册|搜索|设为首页|加入收藏|返回顶部"
)
# Chrome whatever else its line holds: these shapes and marks never occur in a report's narrative.
_CHROME = re.compile(
    # a field label opening the line, then a colon or a closing bracket; or spaces and a value on a line with no
    # sentence punctuation ("发布机构 市某局 发文日期 2099-01-01", header blocks laid out as a table)
    rf"{_BULLET}[【\[]?[ ]*(?:{_FIELD})(?:[ ]*[/／][ ]*(?:{_FIELD}))*[ \u3000]*(?:[:：】\]|]|[ \u3000]+[^。；;？?，,]*$|$)"
    # where the reader stands: "您当前所在位置：", "您的位置 首页", breadcrumbs ("首页 > 政务公开", "首页/ 公开 /",
    # ">> 公开年报", "> 年报", "- / 政务公开")
    rf"|{_BULLET}(?:您|你)?(?:当前|现在)?(?:所在)?的?位置[ ]*(?:[:：]|首页|$)|首页[ ]*[>/»]|>>|»|{_BULLET}[>/]"
    # the tool bar, and tool buttons wherever they stand
    rf"|{_BULLET}(?:(?:{_TOOLS})[ ]*)+$|分享到|打印本页|打印此页|关闭窗口|[【\[][ ]*(?:打印|关闭)|扫一扫|扫码"
    r"|^(?:您好[,，!！]?[ ]*)?欢迎(?:访问|登录|光临|进入|来到)"
    # "P. 12" page marks; a table of contents' leaders ("一、总体情况………… 1")
    r"|^P\.[ ]*\d+$|(?:\.{4,}|…{2,}|·{4,})[ ]*\d+$"
    # an index number or date alone ("11330000MB0000000X/2099-000001", "• 2099-01-30"), template and conversion
    # residue ("{{ errorMessage }}", an image "捕获2.PNG"), an attachment's file name ("…年度报告.docx")
    rf"|{_BULLET}[A-Za-z\d][A-Za-z\d/\-_]*\d[A-Za-z\d/\-_]*$|\{{\{{.*\}}\}}|!\[[^\]]*\]\("
    r"|(?i:\.(?:png|jpe?g|gif|bmp|docx?|xlsx?|pdf|wps|ofd|zip|rar))$"
    # a document number alone on its line, under the title of a report issued as a document ("某政〔2099〕1号")
    rf"|^[{_CJK}]{{1,12}}[〔\[［【(（]\d{{4}}[〕\]］】)）]\d{{1,4}}号?$"
    # the site's footer: copyright, sponsor, licence and record numbers
    rf"|版权所有|Copyright|©|ICP[备证]|公网安备|网站标识码|支持IPv6|{_BULLET}(?:主办|承办|协办|技术支持)(?:单位)?[:：]"
)
# Chrome by what a line without sentence punctuation says: a byline ("2099-01-15 10:30 来源：市某局", "某市政府网
# 2099-01-15", "发布时间：… 浏览次数："), a page-top date ("2099年1月1日星期五"), a navigation menu or a site's
# name and section ("新闻 动态 专题 访谈", "某省某局 工作动态", "政府信息公开 规章库", "信息公开元数据", "…网站首页"),
# and links: previous/next, related links, QR codes, read-aloud, comment boxes. These words and dates also
# occur in narrative ("扫描二维码即可查阅解读。"), but narrative carries sentence punctuation, so only lines without it
# are read this way.
_PROSE = re.compile(r"[。；;？?，,]")
_CHROME_MARK = re.compile(
    rf"(?<!\d)(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?!\d)|(?<=[\s\d日】])(?:{_FIELD})[ \u3000]*[:：]"
    r"|日[ ]*(?:星期|周)[一二三四五六日天]"
    rf"|^(?:[{_CJK}A-Za-z]{{1,10}}[ \u3000]+){{2,}}[{_CJK}A-Za-z]{{1,10}}$|^[{_CJK}]{{2,12}}[ \u3000]+[{_CJK}]{{2,12}}$"
    r"|今天是|返回.{0,10}首页|网站首页$|上一篇|下一篇|^相关(?:链接|文件|解读|附件|阅读|新闻|信息)[:：]?$|附件下载|网站地图|(?:关于|联系)我们"
    r"|元数据|使用帮助"
    r"|(?:扫描|扫一扫|长按|识别).{0,10}二维码|(?:语音|智能|全文)朗读|点击(?:收听|关闭|此处|这里)|还可以输入"
    # spam that mirror sites inject: betting brands and their sites ("365体育官网", "某某体育直播", "IM体育平台")
    r"|[A-Za-z\d](?:体育|娱乐|彩票|棋牌)|(?:体育|娱乐|彩票|棋牌|真人)(?:官网|直播|试玩|平台|投注|下注|足球|app|APP)|官网$"
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
# ...except a short answer under its heading ("六、其他需要报告的事项" / "无", "本年度无"), which is the whole content,
# in Traditional characters too ("無", "沒有").
_SHORT_ANSWER = re.compile(rf"[{_CJK}]{{0,6}}?(?:无|暂无|没有|不涉及|无此项)[。.]?")
_ANSWER_FOLD = fold_table(only="無暫沒")
# GUIDELINES rule 16 keeps a truncated last sentence only when its label is clear. An excerpt or page cut a word
# into a new sentence ("…。2023年某地", "…。一", "…。印发") leaves no predicate to label: a sentence start of at most
# this many Chinese characters besides the date it opens with, without a figure, that the text or a heading cuts
# off. Three characters ("二是在", "设立信") already name the work, and the annotators labelled such ends.
_CUT_OFF_MAX = 2
_HAN = re.compile(rf"[{_CJK}]")
# Stopping inside a word or a number, at most after a comma: a bracket, a Latin word or a colon's value
# ("邮箱:abc@example.cn") ends what it says.
_CUT_END = re.compile(rf"^[^:：]*[{_CJK}\d][，,、 ]*$")
_DATE = re.compile(r"[\d〇○OＯ零一二三四五六七八九十]{1,4}[ ]*(?:年度?|月份?|日)")
# A figure with what it counts ("121宗", "9条", "5%") reports something; a year or date ("2023年") does not.
_FIGURE = re.compile(rf"\d+(?:\.\d+)?[ ]*(?![年月日号〇零一二三四五六七八九十])[{_CJK}%％]")
# A title or quotation whose closing mark is missing because its line stops inside it (an excerpt cut at "《赞!某某",
# a PDF line wrapped inside a title): the opening mark holds to the line's end, when that is near and the line does
# not end as a sentence does. Otherwise the mark is stray ("他说“好。我们继续。") and holds nothing.
_OPEN_TITLE_MAX = 30
# Part headings that only the part detector (:func:`nlp.segment.find_parts`) sees: glued after the lead-in "…如下："
# ("…现将工作情况报告如下：一、总体情况 2099年，…", no line break between them), and numbered with a dash typed for
# 一 ("—、总体情况"). Only standard headings (:func:`nlp.segment.standard_heading_end`) are cut out: after a colon
# "一、人员不足。" is a problem and "一、主动公开信息100条。" a statement. Lines that may hold one are those that
# match this; the parts are found once, when one does.
_PART_HEADING_HINT = re.compile(
    r"如下[ ]*[：:][ \u3000]*(?:第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,2}[ ]*[、.．])"
    r"|^[ \t\u3000]*[—－―\-][ ]*、",
    re.MULTILINE,
)
_LEAD_IN = re.compile(r"如下[ ]*[：:]$")
_DASHES = frozenset("—－―-")
_HEADING_MAX = 32
_BARE_LINE_MAX = 40


class Segment(NamedTuple):
    """A span of narrative text: a ``sentence``, a ``heading`` (a section title, on its line or glued to a
    sentence), or an ``item`` title ("（一）加强组织领导。", GUIDELINES rule 20) followed by its own sentences: not
    a sentence, and not what the sentences after it sit under either — they stay under the section heading
    ("（二）改进措施"). An item title with no sentence after it is a sentence. A ``fragment`` is a sentence start
    that the text or a heading cuts off ("…。2023年某" at an excerpt's end): nothing to label, but where the text
    stops."""

    kind: Literal["sentence", "heading", "item", "fragment"]
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
    part_headings: dict[int, int] | None = None  # found on the first line that may hold one
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        if line_end < 0:
            line_end = end
        line = text[line_start:line_end].strip(_STRIP)
        if not line or _TABLE_LINE.search(line) or _is_chrome(line) or _is_pipe_row(line):
            pass
        elif line[-1] not in _TRAILERS and (_is_heading(line) or _title_goes_on(line, text, line_end + 1, end)):
            found.append(Segment("heading", *_trim(text, line_start, line_end)))
        elif not _is_fragment(line):
            garbled = _GARBLED.match(text, line_start, line_end)
            begin = garbled.end() if garbled else line_start
            headings: dict[int, int] = {}
            if _PART_HEADING_HINT.search(text, begin, line_end):
                if part_headings is None:
                    part_headings = _hidden_part_headings(text)
                headings = {s: e for s, e in part_headings.items() if begin <= s < line_end}
            found.extend(_line_segments(text, begin, line_end, headings))
        line_start = line_end + 1
    # The text's last line a title cut off (an excerpt ending in "（二）加强制度建设，" or "（二）健全工作机制"): its
    # paragraph is missing, and the title is no content — content ends in a full stop.
    cut_off = None
    if found and not text[found[-1].end :].strip(_STRIP + "\n"):
        last = found[-1]
        title = text[last.start : last.end - 1]
        if last.kind == "sentence" and text[last.end - 1] in _CLAUSE_END and _title_line(title) == "item":
            found[-1] = last = last._replace(kind="item")
        if last.kind == "item" and text[last.end - 1] not in _TRAILERS:
            cut_off = len(found) - 1
    # An item title with no sentence of its own after it is the content itself: a list of problems written as
    # "（一）信息员队伍不稳定。\n（二）解读形式较单一。" must still be tagged. A deeper title right after it
    # ("一、健全机制，落实制度" then "（一）加强组织领导") leaves it a title.
    for index, segment in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if segment.kind == "item" and index != cut_off and (
            following is None
            or (
                following.kind != "sentence"
                and not _level(text, segment.start) < _level(text, following.start) < len(_LEVELS)
            )
        ):
            found[index] = segment._replace(kind="sentence")
    # In part 五 an item title is the problem or the measure itself ("（一）提高认识。" then how; "（一）规范答复文书，
    # 逐件说明检索范围。" then by when): the annotators of part 五 tagged them, and the checks pair problems with
    # measures by their words. Only the titles of that part are read so; its section titles stay headings.
    if any(segment.kind == "item" for segment in found):
        problems = [
            (part.start, part.end)
            for part in find_parts(text)
            if part.key == "problems" and part.present and part.start is not None and part.end is not None
        ]
        for index, segment in enumerate(found):
            if segment.kind == "item" and any(start <= segment.start < end for start, end in problems):
                found[index] = segment._replace(kind="sentence")
    for index, segment in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            segment.kind == "sentence"
            and (following is None or following.kind == "heading")
            and _is_cut_off(text, segment, found[index - 1] if index else None)
        ):
            found[index] = segment._replace(kind="fragment")
    return found


def _is_cut_off(text: str, segment: Segment, previous: Segment | None) -> bool:
    """Whether ``segment``, which the text or a heading ends, is the start of a sentence cut off before it says
    anything: a word or two besides a date, stopping inside a word, with no figure or short answer."""
    sentence = text[segment.start : segment.end]
    # After a sentence that did not end, it is that sentence's wrapped last words, labelled with it (rule 16).
    starts = previous is None or previous.kind != "sentence" or text[previous.end - 1] in _TRAILERS | {":", "："}
    return (
        starts
        and bool(_CUT_END.search(sentence))
        and len(_HAN.findall(_DATE.sub("", sentence))) <= _CUT_OFF_MAX
        and not _FIGURE.search(sentence)
        and not _SHORT_ANSWER.fullmatch(sentence.translate(_ANSWER_FOLD))
    )


def _title_goes_on(line: str, text: str, start: int, end: int) -> bool:
    """Whether ``line`` is the first half of a report title that the next non-blank line (from ``start``)
    completes: "2099年某镇政府信息公开" then "年报" or "工作年度报告"."""
    if len(line) >= _TITLE_LINE_MAX or _PROSE.search(line):
        return False
    following = ""
    while start < end and not following:
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        following = text[start:line_end].strip(_STRIP)
        start = line_end + 1
    return (
        0 < len(following) <= _TITLE_CONTINUATION_MAX
        and not _REPORT_TITLE.search(line.translate(_FOLD))
        and _is_report_title(line + following)
    )


def _level(text: str, start: int) -> int:
    """How deep the numbering at ``start`` is: 0 for "第一部分", 1 for "一、", 2 for "（一）", 3 for "1.", 4 for "(1)"."""
    return next((depth for depth, level in enumerate(_LEVELS) if level.match(text, start)), len(_LEVELS))


def _title_line(line: str) -> Literal["heading", "item"] | None:
    """What a piece of text that fills its line, or ends in 。 before more text, is when it is a title the
    heading test leaves to the sentences (GUIDELINES rule 20): a section title listing its topics ("五、因申请行政
    复议、提起行政诉讼情况") or naming an aspect ("2.依申请公开方面。") is a heading; a title of the work done
    ("（一）加强组织领导，完善制度机制", "二、确保信息公开安全。") an item; the format's instruction ("…需在此专门
    报告：") a heading. None for anything else."""
    if line[-1] in ":：" and _TEMPLATE_NOTE.search(line):
        return "heading"
    numbered = _NUMBERED.match(line)
    if numbered and _ASPECT.fullmatch(line[numbered.end() :].lstrip("、:：.． ").translate(_FOLD)):
        return "heading"  # "2.依申请公开工作方面。"
    numbered = _SECTION_MARKER.match(line)
    if not numbered:
        return None
    body = line[numbered.end() :]
    if not _ITEM_TITLE_BODY.fullmatch(body) or len(body) > _ITEM_TITLE_MAX or _QUANTITY.search(body):
        return None
    if body[0] == "是":  # "（二）是健全各项制度。" is the list item "二是…"
        return None
    folded = body.translate(_FOLD)
    # A list of topics ending in a title word, without a comma, is a section title ("四、主要措施、存在的主要问题
    # 及改进打算"), with a full stop too ("三、因政府信息公開申請行政復議、提起行政訴訟情況。").
    if not re.search(r"[，,]", body) and _is_title(folded.rstrip("。.").replace("、", "")):
        return "heading"
    if _STATEMENT.search(folded) or _SHORTCOMING.search(folded):
        return None
    if not re.search(r"[，,]", body) and len(body.rstrip("。.")) > (
        _LONG_TITLE if _ACTION_START.match(folded) else _SHORT_TITLE
    ):
        return None
    return "item"


def _is_numbered_title(glued: re.Match[str]) -> bool:
    phrase = glued.group("phrase")
    return bool(
        phrase
        and _PAREN_NUMBER.match(glued.group())
        and len(phrase) <= _SHORT_TITLE
        and phrase[0] != "是"  # "（二）是健全各项制度。" is the list item "二是…"
        and not _QUANTITY.search(phrase)
    )


def _is_chrome(line: str) -> bool:
    line = line.translate(_CHROME_FOLD)
    return bool(_CHROME.search(line) or (not _PROSE.search(line) and _CHROME_MARK.search(line)))


def _is_pipe_row(line: str) -> bool:
    return "|" in line and all(len(cell.strip()) <= _PIPE_CELL_MAX for cell in line.split("|"))


def _is_fragment(line: str) -> bool:
    if _SHORT_ANSWER.fullmatch(line.translate(_ANSWER_FOLD)):
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
    # "第一部分：工作情况概述", "（二）、主动公开情况": the separator after the number is not punctuation.
    body = (segment[numbered.end() :].lstrip("、:：.． ") if numbered else segment).rstrip(":： ")
    if not body:
        return True
    if not numbered:
        folded = body.translate(_FOLD)
        # "某市财政局（市国资委）" is the name; "（2099年1月12日）", the date under a title, is the date.
        name = _BRACKETED.fullmatch(folded)
        name = name.group(1) if name else _NAME_NOTE.sub("", folded)
        if len(name) <= _BARE_LINE_MAX and _SIGNATURE.fullmatch(name):
            return True
        if segment[-1] not in ":：" and _is_report_title(body):  # "现将…工作报告如下：" introduces the report
            return True
    if _SENTENCE_PUNCT.search(body) or len(segment) > (_HEADING_MAX if numbered else _BARE_LINE_MAX):
        return False
    if not numbered and _BULLETED.match(body) and not any(c.isdigit() for c in body):
        return True  # "• 依申请公开情况", "• 政府信息管理机" (cut off)
    if numbered:
        if _ASPECT.fullmatch(body.translate(_FOLD)):
            return True
        # "（一）主动公开情况" and "1.存在的问题" are titles; "1、加强组织领导" and "(一)2010年主动公开信息10余条"
        # are list items that report something.
        return _is_title(body) or not (_ACTION_START.match(body) or any(c.isdigit() for c in body))
    # Digits mark a statement ("按照《条例》第9至12条规定的主动公开"), except in a report title's year.
    return _is_title(body) and (body.translate(_FOLD).endswith("报告") or not any(c.isdigit() for c in body))


def _is_report_title(body: str) -> bool:
    """A report's title with what sites add to it, on a line (or two) without sentence punctuation."""
    folded = body.translate(_FOLD)
    return bool(
        _TITLE_LINE_MIN <= len(body) <= _TITLE_LINE_MAX
        and _REPORT_TITLE.search(folded)
        and not _PROSE.search(body)
        and not _REPORT_STATEMENT.search(folded)
    )


def _is_title(phrase: str) -> bool:
    phrase = phrase.translate(_FOLD)
    return bool(_HEADING_PHRASE.fullmatch(phrase)) and not _ACTION_START.match(phrase) and not _STATEMENT.search(phrase)


def _hidden_part_headings(text: str) -> dict[int, int]:
    """The standard part headings (start → end of their words) that the rules here cannot see: glued after the
    lead-in "…如下：" on their line, or numbered with a dash (see :data:`_PART_HEADING_HINT`)."""
    headings = {}
    for part in find_parts(text):
        if not part.present or part.start is None:
            continue
        before = text[text.rfind("\n", 0, part.start) + 1 : part.start].rstrip(_STRIP)
        if (_LEAD_IN.search(before) or (not before and text[part.start] in _DASHES)) and (
            end := standard_heading_end(text, part.start)
        ):
            headings[part.start] = end
    return headings


def _line_segments(text: str, line_start: int, line_end: int, headings: dict[int, int]) -> list[Segment]:
    """The line's sentences and headings; ``headings`` are part headings found on it by their words, which end
    where those words do ("一、总体情况2099年…", "一、政府信息主动公开情况 为方便公众…")."""
    found: list[Segment] = []
    sentence_start = line_start
    for cut in sorted({*_cuts(text, line_start, line_end), *(h for h in headings if h > line_start), line_end}):
        if sentence_start in headings:
            heading_end = min(headings[sentence_start], cut)
            found.append(Segment("heading", *_trim(text, sentence_start, heading_end)))
            sentence_start = heading_end
        cleaned = _clean(text, sentence_start, cut, line_end)
        # A title that fills its line, or ends in 。 before the sentences it heads ("（一）加强组织领导，健全工作机制。
        # 成立了…"): GUIDELINES rule 20, glued or not.
        last = cleaned[-1] if cleaned else None
        if (
            last is not None
            and last.kind != "heading"
            and (text[last.end - 1] == "。" or not _CONTENT.search(text, last.end, line_end))
            and (kind := _title_line(text[last.start : last.end]))
        ):
            cleaned[-1] = last._replace(kind=kind)
        # An unnumbered section title glued to its line's first sentence ("政府信息主动公开情况。结合…"): the
        # annotators left it out, as they leave out "（一）主动公开情况。".
        elif (
            last is not None
            and not found
            and len(cleaned) == 1
            and last.kind == "sentence"
            and _GLUED_SECTION.fullmatch(text[last.start : last.end].translate(_FOLD))
            and _is_title(text[last.start : last.end - 1])
            and _CONTENT.search(text, last.end, line_end)
        ):
            cleaned[-1] = last._replace(kind="heading")
        found.extend(cleaned)
        sentence_start = cut
    return found


def _cuts(text: str, line_start: int, line_end: int) -> list[int]:
    """Positions inside one line where a sentence ends (exclusive ends), quotes and titles respected."""
    glued_items = {m.start() + len(m.group()) - len(m.group().lstrip()) for m in _GLUED_ITEM.finditer(text, line_start, line_end)}
    line_stop = _trim(text, line_start, line_end)[1]
    stops_open = text[line_stop - 1] not in _TRAILERS
    cuts = []
    open_quotes: dict[str, int] = {}
    position = line_start
    while position < line_end:
        char = text[position]
        if char in _QUOTES and (
            text.find(_QUOTES[char], position + 1, line_end) >= 0
            or (stops_open and line_stop - position <= _OPEN_TITLE_MAX)
        ):
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
