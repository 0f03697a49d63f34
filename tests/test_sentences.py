"""Sentence splitting by the contract's rules (docs/contract.md "Tag labels", corpora/GUIDELINES.md section 1)."""

from __future__ import annotations

import json

from nlp.segment import find_parts
from nlp.sentences import segments, split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_full_width_terminators_and_line_breaks_split():
    text = "我局发布信息12条。政策解读3篇！是否收费？未收费；另有两项工作正在推进\n下一行也是一句"
    assert sentences(text) == ["我局发布信息12条。", "政策解读3篇！", "是否收费？", "未收费；", "另有两项工作正在推进", "下一行也是一句"]


def test_half_width_punctuation_after_chinese_splits_but_the_period_does_not():
    text = "全年发布信息1.5万条,增长2.3%;回应关切20次!邮编:100007;电话:010-1234 v2.0 ok"
    assert sentences(text) == ["全年发布信息1.5万条,增长2.3%;", "回应关切20次!", "邮编:100007;", "电话:010-1234 v2.0 ok"]


def test_enumerated_items_are_their_own_sentences():
    text = "存在以下问题：一是培训不足；二是栏目更新不及时，三是解读形式单一。"
    assert sentences(text) == ["存在以下问题：一是培训不足；", "二是栏目更新不及时，", "三是解读形式单一。"]


def test_numbered_items_glued_after_a_period_split_and_keep_their_number():
    text = "1.信息更新不够及时。部分政策发布存在延迟。2.公众参与度不足。"
    assert sentences(text) == ["1.信息更新不够及时。", "部分政策发布存在延迟。", "2.公众参与度不足。"]


def test_no_split_inside_titles_or_quotes_but_a_line_break_still_splits():
    text = "转发《进行时!我们在行动;》一文。坚持“公开为常态。不公开为例外”原则；落实「三审」制度。\n转发《关于做好政务\n公开工作的通知》"
    assert sentences(text) == [
        "转发《进行时!我们在行动;》一文。",
        "坚持“公开为常态。不公开为例外”原则；",
        "落实「三审」制度。",
        "转发《关于做好政务",
        "公开工作的通知》",
    ]


def test_a_stray_quote_does_not_swallow_the_paragraph():
    assert sentences("他说“好。我们继续。") == ["他说“好。", "我们继续。"]


def test_closing_quotes_stay_with_the_sentence():
    assert sentences("口号是“公开为常态！”。下一句。") == ["口号是“公开为常态！”。", "下一句。"]


def test_standalone_headings_tables_and_chrome_are_skipped():
    text = (
        "来源：市科技局 日期：2025-01-15\n分享到：\n"
        "五、存在的主要问题及改进情况\n（一）主动公开情况\n(一) 存在的问题\n"
        "信息内容\t本年制发件数\t现行有效件数\n规章\t0\t0\n12 34\n第二十条 第（一）项\n"
        "攀枝花市东区科学技术局\n2025年1月15日\n"
        "部分政策发布存在延迟。"
    )
    assert sentences(text) == ["部分政策发布存在延迟。"]


def test_web_page_fields_breadcrumbs_and_page_tools_are_skipped():
    """The header block of a government web page, as the QA review found it tagged (spaced field labels, bullets,
    breadcrumbs, font-size buttons, page marks); sentences that merely name a website stay."""
    text = (
        "当前位置:首页>> 通知公告>> 本局动态\n您现在所在的位置: 网站首页 > 政府信息公开\n首页 > 政务公开 > 公开年报\n"
        "索 引 号: 000000000/2099-00001\n名  称:某县2014年政府信息公开工作年度报告\n文  号: 关 键 词:\n"
        "• 发布机构:某市局\n- 发文日期:2021-01-29\n公开方式: 主动公开 体裁分类: 其他\n大\n中\n小\n大 中 小\nP. 12\n长者版\n"
        "本报告的电子版可在某市人民政府门户网站(www.example.gov.cn)下载。\n"
    )
    assert sentences(text) == ["本报告的电子版可在某市人民政府门户网站(www.example.gov.cn)下载。"]


def test_page_header_fields_and_bylines_are_skipped():
    """The header block of a report's web page, in the forms the corpus audit found tagged: field labels closed by a
    colon or a bracket, laid out as a table, in Traditional characters, and bylines with a date and a source."""
    text = (
        "字体大小:\n背景色:\n【字体：大 中 小】\n• 信息索引号:\n    11000000AB0000000X/2099-000001\n【效力等级】规范性文件\n"
        "索引号 000000000/2099-00001 发布机构 某县某局\n公开方式 主动公开 公开范围 面向社会\n"
        "| 标 题 | 某县某某某某局关于二〇九九年度政府信息公开工作情况的年度报告全文 |\n發布時間：2099-03-01 來源：某某縣政府\n"
        "2099-01-15 10:30 来源：某市某局\n2099年02月01日 来源:某县融媒体中心\n某市人民政府门户网站 2099-01-15\n"
        "2099年1月1日星期四\n• 2099-01-30\n今天是:\n"
        "本局依照条例编写本年度报告，逐项说明各项工作。\n"
    )
    assert sentences(text) == ["本局依照条例编写本年度报告，逐项说明各项工作。"]


def test_navigation_page_tools_and_links_are_skipped():
    text = (
        "您当前所在位置：首页\n當前位置：首頁 > 政務公開\n> 政务公开 > 公开年报\n>> 信息公开 >> 年报\n首页/ 政务公开 / 年报 / 正文\n"
        "新闻 动态 专题 访谈 互动\n欢迎访问某县人民政府网站！\n返回首页\n上一篇：某某工作通知\n下一篇：某某工作公告\n相关链接\n"
        "相关文件:\n附件下载：\n网站地图  联系我们\n无障碍 长者模式 我的收藏\n简体中文 繁体中文 English\n【打印此页】【关闭窗口】\n"
        "用手机扫描二维码分享本页\n点击收听全文语音朗读\n{{ errorMessage }}\n![](/img/banner.png)\n截图1.PNG\n"
        "附件：某县2099年政府信息公开年度报告.docx\n"
        "本年度我局发布政务信息120条。\n"
    )
    assert sentences(text) == ["本年度我局发布政务信息120条。"]


def test_site_footer_and_table_of_contents_are_skipped():
    text = (
        "一、总体情况………………………… 1\n（二）依申请公开情况 .......... 3\n二是完善工作制度。 ........ 4\n"
        "本年度我局未收到政府信息公开申请。\n"
        "版权所有：某市人民政府办公室\n主办单位：某市人民政府办公室\n- 承办：某市大数据中心\n某ICP备00000000号-1\n"
        "某公网安备 00000000000000号\n网站标识码0000000000\n技术支持：某某科技有限公司\n© 2099 某市人民政府\n"
    )
    assert sentences(text) == ["本年度我局未收到政府信息公开申请。"]


def test_narrative_that_uses_chrome_words_is_kept():
    """Chrome words inside prose, field words without a field's colon, and an ISO date in a sentence stay."""
    text = (
        "本年度承办人大代表建议12件，全部按期办结。\n门户网站全年访问量达12万次，浏览量同比增长5%。\n"
        "群众可扫描二维码查看政策解读。\n本报告电子版可在某县人民政府门户网站下载，欢迎查阅。\n"
        "来源渠道包括网站、政务新媒体和公开栏。\n时间紧、任务重，我局仍按时完成公开任务。\n"
        "2099-01-01至2099-12-31期间，我局共发布信息300条。\n"
    )
    assert sentences(text) == text.strip().split("\n")


def test_contact_details_split_at_each_half_width_semicolon():
    """Annotators split a contact line item by item at ";" even after digits (173 gold boundaries against 7 spans
    that run on), so the splitter does too; a ";" between Latin text or digits still does not split."""
    text = "请与某局办公室联系（地址：某市某路1号;邮编:000000;电话：0000-1234567;传真：0000-7654321）。\n版本v2.0;v2.1 已上线。"
    assert sentences(text) == [
        "请与某局办公室联系（地址：某市某路1号;",
        "邮编:000000;",
        "电话：0000-1234567;",
        "传真：0000-7654321）。",
        "版本v2.0;v2.1 已上线。",
    ]

def test_pipe_table_rows_and_short_fragments_are_skipped_but_wrapped_figures_stay():
    text = (
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 |\n行政处罚 | 0 | |||\n"
        "报告说明 | 本局依照《中华人民共和国政府信息公开条例》编写了这份年度报告，逐项说明全年政务公开各项工作的开展情况。\n"
        "总计\n本年新\n（本\n各科室全年编发政务信息\n53期\n"
    )
    assert sentences(text) == [
        "报告说明 | 本局依照《中华人民共和国政府信息公开条例》编写了这份年度报告，逐项说明全年政务公开各项工作的开展情况。",
        "各科室全年编发政务信息",
        "53期",
    ]
    # A one-word answer under its heading is the whole content, not a fragment.
    assert sentences("六、其他需要报告的事项\n无\n") == ["无"]


def test_an_item_title_with_no_sentence_after_it_is_the_sentence():
    """A list of problems written as bracket-numbered titles has no other content: the titles are the sentences."""
    text = "（一）存在的主要问题\n（一）信息员队伍不稳定。\n（二）解读形式较单一。\n（二）改进措施\n（一）建立传帮带机制。\n"
    found = [(s.kind, text[s.start : s.end]) for s in segments(text)]
    assert found == [
        ("heading", "（一）存在的主要问题"),
        ("sentence", "（一）信息员队伍不稳定。"),
        ("sentence", "（二）解读形式较单一。"),
        ("heading", "（二）改进措施"),
        ("sentence", "（一）建立传帮带机制。"),
    ]


def test_glued_headings_are_cut_off_their_sentence():
    assert sentences("（二）依申请公开。本年度我局收到申请3件。") == ["本年度我局收到申请3件。"]
    assert sentences("（一）主动公开情况：本年度发布信息。") == ["本年度发布信息。"]
    assert sentences("（一）主动公开情况 本年度发布信息。") == ["本年度发布信息。"]
    assert sentences("改进措施:下一步将加强培训。") == ["下一步将加强培训。"]


def test_numbered_items_that_report_something_are_kept():
    """GUIDELINES rule 20: "（一）加强培训。" is a title, "1、加强组织领导" a list item (in part 五 such an item is
    often the problem itself); "（二）是…" is the item "二是…"."""
    text = (
        "（一）加强培训。\n1、加强组织领导\n(一)2010年主动公开政府信息10余条\n三是加大宣传力度\n（二）是健全各项工作制度。\n"
        "全年未出现政府信息公开的收费及减免情况"
    )
    assert sentences(text) == [
        "1、加强组织领导",
        "(一)2010年主动公开政府信息10余条",
        "三是加大宣传力度",
        "（二）是健全各项工作制度。",
        "全年未出现政府信息公开的收费及减免情况",
    ]


def test_titles_numbered_in_brackets_are_item_titles_glued_or_not():
    text = "（一）加强组织领导。成立由局长任组长的政务公开领导小组。\n(二)丰富公开形式\n1.信息更新不够及时。部分信息发布存在延迟。"
    found = [(s.kind, text[s.start : s.end]) for s in segments(text)]
    assert found == [
        ("item", "（一）加强组织领导。"),
        ("sentence", "成立由局长任组长的政务公开领导小组。"),
        ("item", "(二)丰富公开形式"),
        ("sentence", "1.信息更新不够及时。"),
        ("sentence", "部分信息发布存在延迟。"),
    ]


def test_a_label_colon_that_leaves_too_little_keeps_the_whole_sentence():
    assert sentences("(三)公民、法人和其他组织的收费情况:无。") == ["(三)公民、法人和其他组织的收费情况:无。"]


def test_segments_report_the_headings_between_sentences():
    text = "(一) 存在的问题\n1.培训不足。\n（二）改进措施：1.加强培训。"
    found = [(s.kind, text[s.start : s.end]) for s in segments(text)]
    assert found == [
        ("heading", "(一) 存在的问题"),
        ("sentence", "1.培训不足。"),
        ("heading", "（二）改进措施："),
        ("sentence", "1.加强培训。"),
    ]


def test_offsets_are_into_the_given_text_and_respect_the_range():
    text = "前言。\n  本年度发布信息5条。  \n结尾。"
    start = text.index("本")
    spans = split_sentences(text, start, text.index("结"))
    assert [text[a:b] for a, b in spans] == ["本年度发布信息5条。"]


def test_seed_part_five_items(corpora):
    text = (corpora / "seeds" / "004_d9116de1bb1d21a9.txt").read_text(encoding="utf-8")
    problems = next(p for p in find_parts(text) if p.key == "problems")
    found = [text[a:b] for a, b in split_sentences(text, problems.start, problems.end)]
    assert found == [
        "1.信息更新不够及时。",
        "部分政策法规和工作动态的发布存在延迟，影响信息的时效性。",
        "2.信息内容不够全面。",
        "某些重点领域信息公开不够细致，公众关注的热点问题未能充分覆盖。",
        "3.公众参与度不足。",
        "公众反馈渠道不多，公众对信息的满意度有待提升。",
        "1.加强信息发布管理。",
        "完善信息发布流程，明确责任人，确保信息及时、准确发布。",
        "2.丰富公开内容。",
        "结合公众关切，丰富政策解读、办事指南等内容，提高信息的针对性和实用性。",
        "3.加强培训和宣传。",
        "组织信息公开业务培训，提高工作人员的业务水平；",
        "加大宣传力度，营造公开透明的良好氛围。",
    ]


def test_seed_overview_glued_subsection_headings_and_tables(corpora):
    text = (corpora / "seeds" / "004_d9116de1bb1d21a9.txt").read_text(encoding="utf-8")
    found = sentences(text)
    assert "2025 年我局未收到依申请公开事项。" in found
    assert not any(s.startswith(("（二）依申请公开", "一、总体情况", "第二十条")) or "\t" in s for s in found)
    assert "本年度未收取信息处理费，无其他需要报告事项。" in found


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in segments(text)]


def test_numbered_work_titles_with_commas_are_item_titles():
    """GUIDELINES rule 20, for the titles the QA review found tagged: numbered in Chinese, a comma between two
    phrases or a 。 at the end, alone on their line or before their sentences; a number that names something
    ("12345热线") is no figure."""
    text = (
        "（一）加强组织领导，完善制度机制\n本局成立了由局长任组长的公开工作小组。\n"
        "(二)、强化载体建设，丰富公开形式。本局开通了政务公众号。\n"
        "（三）不断深化12345热线平台建设。全年受理咨询30件。\n"
        "二、健全机制，全面落实公开制度。\n（一）加强队伍建设。\n本局为各科室配备了信息员。\n"
    )
    assert kinds(text) == [
        ("item", "（一）加强组织领导，完善制度机制"),
        ("sentence", "本局成立了由局长任组长的公开工作小组。"),
        ("item", "(二)、强化载体建设，丰富公开形式。"),
        ("sentence", "本局开通了政务公众号。"),
        ("item", "（三）不断深化12345热线平台建设。"),
        ("sentence", "全年受理咨询30件。"),
        ("item", "二、健全机制，全面落实公开制度。"),
        ("item", "（一）加强队伍建设。"),
        ("sentence", "本局为各科室配备了信息员。"),
    ]


def test_section_titles_with_separators_topics_or_aspects_are_headings():
    text = (
        "第一部分：工作情况概述\n本局按照条例推进公开工作。\n一、组织领导方面\n局长亲自部署公开工作。\n"
        "（五）公开工作考核、社会评议和责任追究结果情况\n本局组织开展了年度考核。\n"
        "2.依申请公开工作方面。\n本局未收到公开申请。\n"
    )
    assert [kind for kind, _ in kinds(text)] == ["heading", "sentence"] * 4


def test_report_titles_signatures_and_site_chrome_are_not_sentences():
    text = (
        "某某县某某局2099年政府信息公开工作年报（文字版）\n政府信息公开年报\n"
        "某县文旅局2099年政府信息公開工作年度報告\n某市某局关于报送2099年度政府信息公开工作年度报告的函\n"
        "某县某局2099年政务公开年度报告 - 年报专栏 - 某县某局\n"
        "某市财政局（市国资委、市金融办）\n某某市人民政府某某管理區管委會\n"
        "政务公开 规章库\n信息公开元数据\n某县某局 工作动态\n某某局門戶網站首頁\n"
        "本年度报告根据某条例要求编制\n"
    )
    assert sentences(text) == ["本年度报告根据某条例要求编制"]


def test_the_formats_instruction_is_a_heading_over_the_agencys_answer():
    """Template residue: the 2021 format tells the writer what to report in part 六; the agency's answer after it
    is the sentence, and the instruction stays its context."""
    text = "六、其他需要报告的事项\n（1）依据《某某省政府信息公开信息处理费管理暂行办法》收取信息处理费的情况需在此专门报告：\n本年度未收取信息处理费。\n"
    assert kinds(text) == [
        ("heading", "六、其他需要报告的事项"),
        ("heading", "（1）依据《某某省政府信息公开信息处理费管理暂行办法》收取信息处理费的情况需在此专门报告："),
        ("sentence", "本年度未收取信息处理费。"),
    ]


def test_numbered_lines_that_are_the_content_stay_sentences():
    """Shortcomings are the problems themselves; a title with nothing of its own after it (the next title of its
    level, a heading or the end) is the content; figures and statements make a report; "1." items, "一是"
    items, an unnumbered "…方面：" lead and a lead-in to the report stay as the annotators tagged them."""
    text = (
        "五、存在的主要问题及改进情况\n"
        "（一）公开意识有待提高，栏目更新不够及时。\n（二）信息员队伍不稳定，业务能力不强。\n目前兼职人员较多。\n"
        "（三）围绕中心工作，加强信息公开\n六、其他需要报告的事项\n"
        "（一）2099年主动公开政府信息12条\n"
        "1.加强培训，提高能力。\n本局举办培训两期。\n一是加强学习，提升意识。\n"
        "主动公开方面：本局全年发布信息20条。\n现将本局本年度公开工作报告如下：\n（四）加强组织领导，完善机制。"
    )
    assert sentences(text) == [
        "（一）公开意识有待提高，栏目更新不够及时。",
        "（二）信息员队伍不稳定，业务能力不强。",
        "目前兼职人员较多。",
        "（三）围绕中心工作，加强信息公开",
        "（一）2099年主动公开政府信息12条",
        "1.加强培训，提高能力。",
        "本局举办培训两期。",
        "一是加强学习，提升意识。",
        "主动公开方面：本局全年发布信息20条。",
        "现将本局本年度公开工作报告如下：",
        "（四）加强组织领导，完善机制。",
    ]


def test_part_five_item_titles_are_the_problems_and_measures():
    """In part 五 a numbered title is the measure itself ("（一）规范答复文书，逐件说明检索依据。" then by when): it is a
    sentence there, short or long, glued or not; its section titles stay headings, and the same titles in part 一
    stay item titles."""
    text = (
        "一、总体情况\n（一）强化队伍建设，完善培训机制。本局为各科室配备信息员两名。\n"
        "五、存在的主要问题及改进情况\n（一）存在的主要问题\n（一）答复文书说理不充分。\n"
        "（二）改进措施\n（一）规范答复文书，逐件说明检索依据。2099年3月底前修订文书范本。\n"
        "（二）加强学习。每季度组织一次业务学习。\n（三）完善考核机制\n将公开工作纳入年度考核。\n"
        "六、其他需要报告的事项\n本年度无其他需要报告的事项。\n"
    )
    assert kinds(text) == [
        ("heading", "一、总体情况"),
        ("item", "（一）强化队伍建设，完善培训机制。"),
        ("sentence", "本局为各科室配备信息员两名。"),
        ("heading", "五、存在的主要问题及改进情况"),
        ("heading", "（一）存在的主要问题"),
        ("sentence", "（一）答复文书说理不充分。"),
        ("heading", "（二）改进措施"),
        ("sentence", "（一）规范答复文书，逐件说明检索依据。"),
        ("sentence", "2099年3月底前修订文书范本。"),
        ("sentence", "（二）加强学习。"),
        ("sentence", "每季度组织一次业务学习。"),
        ("sentence", "（三）完善考核机制"),
        ("sentence", "将公开工作纳入年度考核。"),
        ("heading", "六、其他需要报告的事项"),
        ("sentence", "本年度无其他需要报告的事项。"),
    ]


def test_titles_with_a_year_word_or_one_long_verb_phrase_are_item_titles():
    """全年/本年 before the work they qualify belong to a title; one phrase opening with the work done may run past
    the short-title length; a long phrase that opens with its subject, or states a fact, stays a sentence."""
    text = (
        "（一）目标明确，统筹部署全年工作。本局年初印发了工作要点。\n"
        "（二）认真开展规范性文件清理并及时公布清理结果。本局清理文件12件。\n"
        "（三）政务公开工作领导小组办公室设在局综合业务科室内。科室配备两人。\n"
        "（四）全年主动公开，发布信息一百余条。\n"
    )
    assert kinds(text) == [
        ("item", "（一）目标明确，统筹部署全年工作。"),
        ("sentence", "本局年初印发了工作要点。"),
        ("item", "（二）认真开展规范性文件清理并及时公布清理结果。"),
        ("sentence", "本局清理文件12件。"),
        ("sentence", "（三）政务公开工作领导小组办公室设在局综合业务科室内。"),
        ("sentence", "科室配备两人。"),
        ("sentence", "（四）全年主动公开，发布信息一百余条。"),
    ]


def test_long_section_titles_ending_in_a_full_stop_are_headings():
    """A list of topics ending in a title word is a section title with its full stop too, past the 24 characters
    a glued heading may have."""
    text = "四、政府信息公开工作中存在的主要问题、不足之处及下一步改进情况。\n本局公开形式仍较单一。\n"
    assert kinds(text) == [
        ("heading", "四、政府信息公开工作中存在的主要问题、不足之处及下一步改进情况。"),
        ("sentence", "本局公开形式仍较单一。"),
    ]


def test_unnumbered_section_titles_glued_to_their_sentence_are_headings():
    """"政府信息主动公开情况。结合…" lost its number; a statement of nothing ("无收费及减免情况。"), a list item and
    an unnumbered work title ("做好栏目保障。", which the annotators tagged) stay sentences."""
    text = (
        "政府信息主动公开情况。本局结合工作实际公开各类信息。\n"
        "无政府信息公开的收费及减免情况。本局未收费。\n"
        "二是落实条例情况。本局对照条例逐条自查。\n"
        "做好栏目保障。本局按月更新栏目。\n"
        "政府信息管理情况。\n"
    )
    assert kinds(text) == [
        ("heading", "政府信息主动公开情况。"),
        ("sentence", "本局结合工作实际公开各类信息。"),
        ("sentence", "无政府信息公开的收费及减免情况。"),
        ("sentence", "本局未收费。"),
        ("sentence", "二是落实条例情况。"),
        ("sentence", "本局对照条例逐条自查。"),
        ("sentence", "做好栏目保障。"),
        ("sentence", "本局按月更新栏目。"),
        ("sentence", "政府信息管理情况。"),
    ]


def test_broken_report_titles_dates_bullets_spam_and_garbled_titles_are_not_sentences():
    """A report title over two lines and the bracketed date under it, a bulleted heading (cut off or not), betting
    spam that mirror sites inject, and a numbered title garbled by a wrong decoding (its "?" is a lost byte)."""
    text = (
        "2099年某某县某某镇政府信息公开\n\n年报\n（2100年1月12日）\n"
        "• 依申请公开情况\n本镇未收到申请。\n• 政府信息管理机\n"
        "888体育官网\n某某县某局某某体育直播\n"
        "?。ǘ┮婪ㄒ酪?guī)办理依申请公开。一是全年受理申请3件。\n"
        "?。ㄒ唬┲鲃庸_情况\n"
        "2099年某某镇进一步加强政府信息公开\n工作，成效明显。\n"
    )
    assert sentences(text) == [
        "本镇未收到申请。",
        "一是全年受理申请3件。",
        "2099年某某镇进一步加强政府信息公开",
        "工作，成效明显。",
    ]
    # Bulleted lines with a figure or punctuation stay; so does a sports agency.
    assert sentences("• 全年发布信息12条\n某某县教育体育局全年发布信息，回应关切。\n") == [
        "• 全年发布信息12条",
        "某某县教育体育局全年发布信息，回应关切。",
    ]


# --- round 7 QA review: numbering, cut-off titles, glued headings, chrome and signatures -----------------------


def test_parenthesised_ideograph_numbers_are_bracketed_numbers():
    """"㈠" (U+3220) is "（一）" in one character: a title glued to its sentence is an item title, a cut-off heading
    line is a heading."""
    text = "二、主动公开政府信息的情况\n㈠本机关主动公开政府信\n㈡公开渠道不断拓宽。本局开通政务微博。\n"
    assert kinds(text) == [
        ("heading", "二、主动公开政府信息的情况"),
        ("heading", "㈠本机关主动公开政府信"),
        ("item", "㈡公开渠道不断拓宽。"),
        ("sentence", "本局开通政务微博。"),
    ]


def test_a_title_cut_off_at_the_end_of_the_text_is_no_sentence():
    """An excerpt's last line "（二）加强制度建设，" or "（二）健全工作机制" is a title whose paragraph is missing;
    a title ending in a full stop at the end is still the content (a list of problems)."""
    body = "一、总体情况\n（一）加强组织领导，强化联动机制\n本局成立领导小组。\n"
    assert kinds(body + "（二）加强制度建设，")[-1] == ("item", "（二）加强制度建设，")
    assert kinds(body + "（二）健全工作机制\n")[-1] == ("item", "（二）健全工作机制")
    assert sentences(body + "（二）健全工作机制。") == ["本局成立领导小组。", "（二）健全工作机制。"]


def test_a_heading_glued_to_its_sentence_without_a_space_is_cut_at_the_year():
    """Normalisation drops the space between a heading and a sentence opening with a year ("一、总体情况2099年，…")."""
    text = "如有疑问请联系本局。一、总体情况2099年，本局依法公开信息。(二)依申请公开情况2099年度，本局未收到申请。"
    assert kinds(text) == [
        ("sentence", "如有疑问请联系本局。"),
        ("heading", "一、总体情况"),
        ("sentence", "2099年，本局依法公开信息。"),
        ("heading", "(二)依申请公开情况"),
        ("sentence", "2099年度，本局未收到申请。"),
    ]
    # a figure after 情况 that is no year stays in the sentence
    assert sentences("（一）主动公开情况100条信息已发布。") == ["（一）主动公开情况100条信息已发布。"]


def test_combined_header_fields_document_numbers_and_letter_o_dates_are_not_sentences():
    text = (
        "• 备注/文号:某政[2099]1号\n某某县某某乡人民政府2098年政府信息公开年度报告\n某政[2099]1\n"
        "本乡依法公开信息。\n某某县审计局\n二O九九年一月二日\n"
    )
    assert sentences(text) == ["本乡依法公开信息。"]
    # a document number inside a sentence stays
    assert sentences("本局印发某政〔2099〕1号文件。") == ["本局印发某政〔2099〕1号文件。"]


def test_a_sentence_start_cut_off_at_the_end_or_before_a_heading_is_a_fragment():
    """QA: excerpts cut a word into a new sentence ("…。2023年某地", "…。一") were tagged with a confident label
    (GUIDELINES rule 16 keeps a cut-off sentence only when its label is clear)."""
    body = "一、总体情况\n本局全年主动公开信息。\n五、存在的主要问题及改进情况\n"
    assert kinds(body + "2099年鹭汀")[-1] == ("fragment", "2099年鹭汀")
    assert kinds(body + "下一步将加强培训。一")[-2:] == [("sentence", "下一步将加强培训。"), ("fragment", "一")]
    assert sentences(body + "下一步将加强培训。二是\n六、其他需要报告的事项\n无") == [
        "本局全年主动公开信息。",
        "下一步将加强培训。",
        "无",
    ]
    assert sentences(body + "下一步将加强培训。20") == ["本局全年主动公开信息。", "下一步将加强培训。"]
    # A cut-off sentence that already says something stays (rule 16): three characters name the work, a figure
    # reports, a colon introduces a value; so do a wrapped line's last words and a short answer.
    for end in ("设立信", "下一步,我局将", "本年办结12宗(", "电话:0000", "无", "本年度无"):
        assert sentences(body + "下一步将加强培训。" + end)[-1] == end
    assert sentences(body + "各科室编发政务信息截至\n2099年")[-2:] == ["各科室编发政务信息截至", "2099年"]
    # Not at the end: a short sentence followed by more narrative is no cut-off.
    assert sentences("本局全年主动公开信息。印发\n本局依法答复申请。")[1] == "印发"


def test_a_short_answer_in_traditional_characters_is_kept():
    """QA: "無" as the whole of part 六 was dropped as a fragment while "无" was tagged."""
    assert sentences("六、其他需要報告的事項\n無") == ["無"]
    assert sentences("六、其他需要報告的事項\n沒有\n") == ["沒有"]
    assert sentences("六、其他需要報告的事項\n本年度無") == ["本年度無"]
    # ...while short table labels stay fragments
    assert sentences("总计\n本年新\n") == []


def test_a_title_cut_off_by_its_line_end_holds_its_own_punctuation():
    """QA: an excerpt ending inside a title ("《赞!某地这条") was split at the title's "!"."""
    assert sentences("转发《进行时!》一文,《赞!鹭汀这条") == ["转发《进行时!》一文,《赞!鹭汀这条"]
    # a PDF line wrapped inside a title: the line break splits, the title's "!" does not
    assert sentences("转发《进行时!我们\n在行动》一文。") == ["转发《进行时!我们", "在行动》一文。"]
    # A mark whose line ends as a sentence does ("他说“好。我们继续。", above), or far away, holds nothing.
    far = "转发《进行时!" + "我们在行动" * 6
    assert sentences(far) == ["转发《进行时!", "我们在行动" * 6]


def test_real_excerpts_cut_off_answered_in_traditional_or_ending_inside_a_title(corpora):
    """The QA cases, read from the excerpts by path: a cut-off "…。一" and a year with two characters are no
    sentences, a Traditional "無" under part 六 is one, and a title cut off after its "!" holds it."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        pages = {row["id"]: row["text"] for row in map(json.loads, handle)}

    def last(page_id: str) -> tuple[str, str]:
        text = pages[page_id]
        return kinds(text)[-1][0], kinds(text)[-1][1][-6:]

    assert last("87c4baec2ab0")[0] == last("8b6845a087d9")[0] == "fragment"
    assert last("5613d335d81d") == ("sentence", "無")
    kind, end = last("6eb689919577")
    assert kind == "sentence" and "《赞!" + end in pages["6eb689919577"]


def test_a_standard_part_heading_glued_after_the_lead_in_is_cut_out():
    """QA P1: "…工作小结如下:一、政府信息主动公开情况 为方便公众…" was one sentence, heading and all. The heading
    ends where its words do, before a space or the year its paragraph opens with."""
    rest = "\n二、依申请公开政府信息情况\n本镇未收到申请。"
    text = "根据有关规定，现将鹭汀镇2099年工作小结如下：一、政府信息主动公开情况 为方便公众了解信息，本镇公开信息60条。"
    assert kinds(text + rest)[:3] == [
        ("sentence", "根据有关规定，现将鹭汀镇2099年工作小结如下："),
        ("heading", "一、政府信息主动公开情况"),
        ("sentence", "为方便公众了解信息，本镇公开信息60条。"),
    ]
    text = "現將2099年鷺汀鎮政府信息公開年度報告如下:一、政府信息主動公開情況2099年度本鎮主動公開信息46件。"
    assert kinds(text + rest)[:3] == [
        ("sentence", "現將2099年鷺汀鎮政府信息公開年度報告如下:"),
        ("heading", "一、政府信息主動公開情況"),
        ("sentence", "2099年度本鎮主動公開信息46件。"),
    ]
    text = "现将工作总结如下: 一、总体情况 (一)主动公开情况。全年公开信息30条。\n二、主动公开政府信息情况\n见下表。"
    assert kinds(text)[:4] == [
        ("sentence", "现将工作总结如下:"),
        ("heading", "一、总体情况"),
        ("heading", "(一)主动公开情况。"),
        ("sentence", "全年公开信息30条。"),
    ]
    # After the lead-in, numbered words that are no standard heading stay in their sentence, even where the part
    # detector takes them for one: a problem, a statement.
    body = "一、总体情况\n本局依法公开。\n二、主动公开政府信息情况\n公开100条。\n"
    assert sentences(body + "存在问题如下：一、人员不足。二、培训较少。")[-2:] == ["存在问题如下：一、人员不足。", "二、培训较少。"]
    assert sentences("本局情况如下：一、主动公开信息100条。") == ["本局情况如下：一、主动公开信息100条。"]


def test_a_dash_typed_for_one_numbers_a_part_heading():
    """QA P4: "—、總體情況" (a dash typed in place of 一) was tagged as a sentence."""
    text = "鹭汀县教育局2099年政府信息公开工作年度报告\n—、總體情況\n2099年，本局依法公开信息。\n二、主动公开政府信息情况\n见下表。"
    assert kinds(text)[1:3] == [("heading", "—、總體情況"), ("sentence", "2099年，本局依法公开信息。")]
    # a dash before words that name no part heads no part: the line stays as it was
    assert sentences("—、加强领导，\n本局依法公开信息。") == ["—、加强领导，", "本局依法公开信息。"]


def test_real_excerpts_with_a_heading_glued_after_the_lead_in_or_numbered_with_a_dash(corpora):
    """The QA cases, read from the excerpts by path: the glued part heading is a heading, not in a sentence."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        pages = {row["id"]: row["text"] for row in map(json.loads, handle)}
    for page_id, heading in (
        ("p58f6476d79d", "一、政府信息主动公开情况"),
        ("8b6845a087d9", "一、政府信息主動公開情況"),
        ("344cd51081af", "一、总体情况"),
        ("f465dd03d1bb", "一、总体情况"),
        ("5613d335d81d", "—、總體情況"),
    ):
        found = kinds(pages[page_id])
        assert ("heading", heading) in found
        assert not any(heading in words for kind, words in found if kind == "sentence")
