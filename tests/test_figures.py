"""Figure extraction (``nlp.figures``) on the real seeds and the Huaian PDF, plus short sentences written for these
tests (never copied from a report) for the cases the real texts do not cover."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.figures import add_figure_spans, extract_figures, figure_doc
from nlp.model import Figure, Part
from nlp.normalize import normalize
from nlp.pipeline import analyze
from nlp.readers import read
from nlp.segment import find_parts
from nlp.tokens import make_doc

SEEDS = {
    "jinan": "seeds/000_ae88c21f34adefec.txt",
    "laocheng": "seeds/001_1e161ef14c1da7cc.txt",
    "hetian": "seeds/002_b2662e0c1d87a114.txt",
    "jining": "seeds/003_3dd38cd922b2f941.txt",
    "panzhihua": "seeds/004_d9116de1bb1d21a9.txt",
}
HUAIAN = "real/huaian_city_2024.pdf"
SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"  # fictional
TABLE_PARTS = {"active_disclosure", "requests", "review_litigation"}


def figure_at(text: str, figures: list[Figure], context: str, number: str) -> Figure:
    """The figure covering ``number`` where it occurs inside the (unique) phrase ``context``."""
    assert text.count(context) == 1, f"{context!r} occurs {text.count(context)} times"
    position = text.index(context) + context.index(number)
    hits = [f for f in figures if f.start <= position < f.end]
    assert hits, f"no figure at {number!r} in {context!r}; figures: {[(f.text, f.category) for f in figures]}"
    return hits[0]


def no_figure_on(text: str, figures: list[Figure], needle: str) -> None:
    start = text.index(needle)
    end = start + len(needle)
    overlapping = [f for f in figures if f.start < end and start < f.end]
    assert not overlapping, f"{needle!r} taken as figure(s): {overlapping}"


@pytest.fixture(scope="module")
def seeds(corpora: Path) -> dict[str, tuple[str, list[Figure]]]:
    """Each seed's raw text (UTF-8) and its figures without parts."""
    out = {}
    for name, relative in SEEDS.items():
        text = (corpora / relative).read_text(encoding="utf-8")
        out[name] = (text, extract_figures(text, []))
    return out


@pytest.fixture(scope="module")
def huaian(corpora: Path) -> tuple[str, list[Part], list[Figure]]:
    """The Huaian PDF through the real front end: reader, normalization, parts."""
    document = normalize(read(corpora / HUAIAN))
    parts = find_parts(document.text)
    return document.text, parts, extract_figures(document.text, parts)


# -- seeds -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "context", "number", "category", "value", "unit"),
    [
        ("panzhihua", "累计发布信息达 75 条", "75 条", "active_disclosure_items", 75, "条"),
        ("panzhihua", "比 2024 年增长 40%", "40%", "growth", 40, "%"),
        ("jinan", "依法及时公开各类政府信息和科技工作动态共366条", "366条", "active_disclosure_items", 366, "条"),
        ("jinan", "本年度共收到线下依申请公开1件", "1件", "requests_received", 1, "件"),
        ("laocheng", "主动公开信息 6 条", "6 条", "active_disclosure_items", 6, "条"),
        ("laocheng", "发布各类宣传信息 15 篇", "15 篇", "new_media_posts", 15, "篇"),
        ("hetian", "《2024年预算数据》4件", "4件", "active_disclosure_items", 4, "件"),
        ("jining", "回复政务热线48条", "48条", "hotline_replies", 48, "条"),
        ("jining", "部门会议公开12次", "12次", "meetings_disclosed", 12, "次"),
        ("jining", "其他信息发布54篇", "54篇", "active_disclosure_items", 54, "篇"),
        ("jining", "综合处设置一名专职人员", "一名", "other", 1, "名"),
    ],
)
def test_seed_figures(seeds, seed, context, number, category, value, unit):
    text, figures = seeds[seed]
    figure = figure_at(text, figures, context, number)
    assert (figure.category, figure.value, figure.unit, figure.approx) == (category, value, unit, False)
    assert text[figure.start : figure.end] == figure.text
    assert number.replace(" ", "") in figure.text.replace(" ", "")


@pytest.mark.parametrize(
    ("seed", "phrase", "category", "unit"),
    [
        ("laocheng", "未收到政府信息公开申请", "requests_received", "件"),
        ("hetian", "未收到政府信息公开申请", "requests_received", "件"),
        ("jining", "未收到依申请公开政府信息", "requests_received", "件"),
        ("panzhihua", "未收到依申请公开事项", "requests_received", "件"),
        ("jinan", "没有产生信息公开处理费", "processing_fees", "元"),
        ("laocheng", "未收取政府信息公开信息处理费", "processing_fees", "元"),
        ("panzhihua", "未收取信息处理费", "processing_fees", "元"),
        ("jining", "无收取信息处理费", "processing_fees", "元"),
    ],
)
def test_seed_negative_statements_are_zero_figures(seeds, seed, phrase, category, unit):
    text, figures = seeds[seed]
    figure = figure_at(text, figures, phrase, phrase[0])
    assert (figure.category, figure.value, figure.unit) == (category, 0, unit)
    assert figure.text == phrase


@pytest.mark.parametrize(
    ("seed", "needle"),
    [
        ("jinan", "〔2021〕30号"),
        ("jinan", "2024年政府信息公开年报编制工作"),
        ("jining", "T2栋10楼"),
        ("jining", "0537-3255911"),
        ("jining", "2024年1月1日起至2024年12月31日"),
        ("hetian", "“四个面向”"),
        ("hetian", "7项科技行动"),
        ("hetian", "10项科创工程"),
        ("hetian", "“5个持续”"),
        ("hetian", "二十大和二十届三中全会"),
        ("panzhihua", "**一是**公开内容丰富"),
        ("panzhihua", "1.信息更新不够及时"),
        ("jinan", "5.属于三类内部事务信息"),
    ],
)
def test_seed_non_figures(seeds, seed, needle):
    text, figures = seeds[seed]
    no_figure_on(text, figures, needle)


def test_table_cells_are_not_figures(seeds):
    """Seed 001 lays its tables out as tab-separated lines, seed 000 as one cell per line: no figure there."""
    for seed in ("laocheng", "jinan"):
        text, figures = seeds[seed]
        table_start = text.index("二、主动公开政府信息情况")
        table_end = text.index("存在的主要问题及改进情况")
        assert not [f for f in figures if table_start <= f.start < table_end]


def test_spans_point_at_their_text(seeds, huaian):
    texts = [(text, figures) for text, figures in seeds.values()] + [(huaian[0], huaian[2])]
    for text, figures in texts:
        assert figures
        for figure in figures:
            assert text[figure.start : figure.end] == figure.text
            assert figure.text == figure.text.strip()
            assert figure.value == 0 or any(ch.isdigit() or ch in "一二两三四五六七八九十百千万" for ch in figure.text)


# -- Huaian PDF through reader, normalization and parts ------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "number", "category", "value", "unit", "approx", "subsection"),
    [
        ("各类政府信息5500余条", "5500", "active_disclosure_items", 5500, "条", True, "active"),
        ("新增公开市政府规章1件", "1件", "regulations_published", 1, "件", False, "active"),
        ("政策解读21个", "21个", "policy_interpretations", 21, "个", False, "active"),
        ("公报》6期", "6期", "gazette_issues", 6, "期", False, "active"),
        ("新闻发布会12场", "12场", "press_conferences", 12, "场", False, "active"),
        ("政府信息公开申请3119件", "3119件", "requests_received", 3119, "件", False, "requests"),
        ("答复3050件", "3050件", "requests_answered", 3050, "件", False, "requests"),
        ("含上年度结转申请34件", "34件", "requests_carried_over", 34, "件", False, "requests"),
        ("另有103件顺延到下年度答复", "103件", "requests_carried_forward", 103, "件", False, "requests"),
        ("政府信息公开行政复议351件", "351件", "review_cases", 351, "件", False, "requests"),
        ("其中结果维持72件", "72件", "review_outcome", 72, "件", False, "requests"),
        ("尚未审结37件", "37件", "review_outcome", 37, "件", False, "requests"),
        ("政府信息公开行政诉讼46件", "46件", "litigation_cases", 46, "件", False, "requests"),
        ("其中结果维持25件", "25件", "litigation_outcome", 25, "件", False, "requests"),
        ("政务新媒体共计95个", "95个", "new_media_accounts", 95, "个", False, "platform"),
        ("合格率均为100%", "100%", "rate", 100, "%", False, "platform"),
        ("全年组织4次", "4次", "inspections", 4, "次", False, "supervision"),
    ],
)
def test_huaian_overview_figures(huaian, context, number, category, value, unit, approx, subsection):
    text, _, figures = huaian
    figure = figure_at(text, figures, context, number)
    assert (figure.category, figure.value, figure.unit, figure.approx) == (category, value, unit, approx)
    assert (figure.part, figure.subsection) == ("overview", subsection)


def test_huaian_outcomes_name_their_outcome(huaian):
    text, _, figures = huaian
    assert figure_at(text, figures, "其中结果维持72件", "72").metric == "结果维持"
    assert figure_at(text, figures, "结果纠正64件", "64").metric == "结果纠正"


def test_huaian_fee_statement(huaian):
    text, _, figures = huaian
    figure = figure_at(text, figures, "信息处理费3940元", "3940元")
    assert (figure.category, figure.value, figure.unit, figure.part) == ("processing_fees", 3940, "元", "other_matters")


def test_huaian_no_figures_from_tables_or_contact_lines(huaian):
    text, _, figures = huaian
    assert not [f for f in figures if f.part in TABLE_PARTS]
    for needle in ("国令第711号", "223001", "0517-83605210", "翔宇南道1号", "2024年1月1日", "二十大"):
        no_figure_on(text, figures, needle)


def test_pdf_raw_text_with_wrapped_lines(corpora):
    """Un-normalized PDF text: a number wrapped before its unit ("行政复议351\\n件") and cell-per-line tables."""
    import pymupdf

    with pymupdf.open(corpora / HUAIAN) as pdf:
        text = "\n".join(page.get_text() for page in pdf)
    figures = extract_figures(text, [])
    wrapped = next(f for f in figures if f.value == 351)
    assert (wrapped.category, wrapped.unit) == ("review_cases", "件")
    assert "\n" in wrapped.text
    answered = next(f for f in figures if f.value == 3050)
    assert answered.category == "requests_answered"  # its verb is wrapped too: "答\n复3050 件"
    table_start = text.index("二、主动公开政府信息情况")
    table_end = text.index("五、存在的主要问题及改进情况")
    assert not [f for f in figures if table_start <= f.start < table_end]


# -- written examples --------------------------------------------------------------------------------------------


def only(text: str) -> Figure:
    figures = extract_figures(text, [])
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "approx", "category"),
    [
        ("全年通过门户网站发布信息三十二件。", "三十二件", 32, "件", False, "active_disclosure_items"),
        ("全年开展政务公开业务培训两次。", "两次", 2, "次", False, "trainings"),
        ("全年主动公开信息1.18万条。", "1.18万条", 11800, "条", False, "active_disclosure_items"),
        ("全年主动公开信息5500 余条。", "5500 余条", 5500, "条", True, "active_disclosure_items"),
        ("政务热线接听量近百余人次。", "近百余人次", 100, "人次", True, "hotline_replies"),
        ("全年共公开政府信息约1,200条。", "约1,200条", 1200, "条", True, "active_disclosure_items"),
        ("全年公开政府信息近千条。", "近千条", 1000, "条", True, "active_disclosure_items"),
        ("在政务新媒体发布信息2000条以上。", "2000条以上", 2000, "条", True, "new_media_posts"),
        ("按期答复率100%。", "100%", 100, "%", False, "rate"),
        ("政策解读稿件同比下降17%。", "17%", -17, "%", False, "growth"),
        ("其中政策文件约占27.5%。", "27.5%", 27.5, "%", True, "rate"),
        ("全年主動公開政府信息120條。", "120條", 120, "條", False, "active_disclosure_items"),
        ("全年收取信息处理费0.35万元。", "0.35万元", 0.35, "万元", False, "processing_fees"),
    ],
)
def test_numbers_scales_and_qualifiers(text, surface, value, unit, approx, category):
    figure = only(text)
    assert (figure.text, figure.value, figure.unit, figure.approx, figure.category) == (surface, value, unit, approx, category)


@pytest.mark.parametrize(
    "text",
    [
        "依据《通知》（国办公开办函〔2019〕60号）和《条例》（国令第711号）编制。",
        "统计期限为2024年1月1日至12月31日，1月31日前发布。",
        "联系电话：0517-83605210，邮编：223001，地址：翔宇南道1号。",
        "一是加强领导。二是完善制度。（一）主动公开。第一，规范流程。",
        "依照第二十条第（一）项规定。",
        "深入学习贯彻党的二十大和二十届三中全会精神，坚持“两个维护”。",
        "报告由总体情况等六部分组成，在15个工作日内答复。",
        "全年受理群众来信数十件，惠及千家万户。",
    ],
)
def test_non_figures(text):
    assert extract_figures(text, []) == []


def test_review_and_litigation_denial_gives_two_zero_figures():
    figures = extract_figures("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", [])
    assert sorted(f.category for f in figures) == ["litigation_cases", "review_cases"]
    assert {(f.value, f.unit, f.text) for f in figures} == {(0, "件", "未发生因政府信息公开引起的行政复议、行政诉讼")}


@pytest.mark.parametrize(
    ("text", "phrase", "category", "unit"),
    [
        ("2024年，我局未收到政府信息公开申请。", "未收到政府信息公开申请", "requests_received", "件"),
        ("本年度未向申请人收取任何费用。", "未向申请人收取任何费用", "processing_fees", "元"),
        ("全年未发生依申请公开政府信息收费情况。", "未发生依申请公开政府信息收费", "processing_fees", "元"),
    ],
)
def test_negative_statements(text, phrase, category, unit):
    figure = only(text)
    assert (figure.text, figure.category, figure.value, figure.unit) == (phrase, category, 0, unit)


def test_not_a_request_denial():
    """Only the review/litigation denial: the application is part of its phrase."""
    figures = extract_figures("未发生因政府信息公开申请引起的行政复议。", [])
    assert [f.category for f in figures] == ["review_cases"]


def test_table_lines_skipped_inside_table_parts():
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t3\n\t5\n本年度收到申请3件。\n"
    part = Part(number=3, key="requests", title="三、收到和处理政府信息公开申请情况", present=True, start=0, end=len(text))
    figures = extract_figures(text, [part])
    assert [(f.text, f.category, f.part) for f in figures] == [("3件", "requests_received", "requests")]


# -- spaCy view --------------------------------------------------------------------------------------------------


def test_tokenizer_keeps_domain_terms_whole():
    words = [token.text for token in make_doc("依申请公开1件，未收取信息处理费，结转下年度继续办理。")]
    assert {"依申请公开", "信息处理费", "结转下年度继续办理"} <= set(words)
    assert "".join(words) == "依申请公开1件，未收取信息处理费，结转下年度继续办理。"


def test_figure_spans_in_doc(seeds):
    text, figures = seeds["jining"]
    doc = figure_doc(text, [])
    spans = doc.spans["figures"]
    assert [span.label_ for span in spans] == [f.category for f in figures]
    for span, figure in zip(spans, figures):
        assert span._.figure == figure
        assert span.start_char <= figure.start and figure.end <= span.end_char


def test_figure_spans_expand_to_tokens():
    """jieba reads "42个子栏目" as 42 / 个子 / 栏目: the Span grows to whole tokens, the Figure keeps its offsets."""
    text = "网站设置42个子栏目，发布信息十二件。"
    figures = extract_figures(text, [])
    doc = add_figure_spans(make_doc(text), figures)
    assert [(span.text, span._.figure.text, span.label_) for span in doc.spans["figures"]] == [
        ("42个子", "42个", "other"),
        ("十二件", "十二件", "active_disclosure_items"),
    ]


# -- category rules (written examples) ---------------------------------------------------------------------------


def category_of(text: str, context: str, number: str) -> str:
    return figure_at(text, extract_figures(text, []), context, number).category


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # unit-bound cues: 新闻发布 is a press conference only when counted in events, 公报 only in issues
        ("全年开展新闻发布活动3次。", "新闻发布活动3次", "3次", "press_conferences"),
        ("其中新闻发布栏目更新6条。", "新闻发布栏目更新6条", "6条", "active_disclosure_items"),
        ("编印《青禾区政府公报》12期，刊登文件68件。", "12期", "12期", "gazette_issues"),
        ("编印《青禾区政府公报》12期，刊登文件68件。", "刊登文件68件", "68件", "active_disclosure_items"),
        # counts that are never of published items
        ("政策解读稿件阅读量2万次。", "阅读量2万次", "2万次", "other"),
        ("在网站开设政策解读专栏1个。", "专栏1个", "1个", "other"),
        ("网站设置4个互动栏目。", "4个互动栏目", "4个", "other"),
        ("向上级机关报送备案近30件。", "备案近30件", "近30件", "other"),
        # the noun right after the unit is what is counted
        ("对全区45家单位的政务公开工作进行考核。", "45家单位", "45家", "other"),
        # disclosure as the topic of some work is not a publication
        ("局务会议研究部署政务公开工作2次。", "政务公开工作2次", "2次", "other"),
        ("全年开展政务公开自查4次。", "自查4次", "4次", "inspections"),
        # a unit of kinds or tasks: a generic cue after it does not name published items
        ("我局主要通过三种形式发布政府信息。", "三种形式", "三种", "other"),
        ("将年度任务分解为21项具体内容。", "21项具体内容", "21项", "other"),
    ],
)
def test_cue_tiers_and_units(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # two request verbs: the first names the count
        ("本年度受理答复政府信息公开申请28件。", "申请28件", "28件", "requests_received"),
        # a request verb whose object is not an application
        ("本年度共收到政府信息公开申请3件。协助仲裁委受理劳动争议案件28件。", "争议案件28件", "28件", "other"),
        ("推进建议提案公开，主动公开我局收到的6件建议提案。", "6件建议提案", "6件", "active_disclosure_items"),
        # without an application around, a request verb gives way to the other cues, then to the list
        ("发布解读信息4条、网民留言办理10条。", "留言办理10条", "10条", "hotline_replies"),
        ("网上收到留言515条，办结491条，公开答复44条。", "公开答复44条", "44条", "hotline_replies"),
        # carried over: an earlier year before the verb, 去年, 上年度未办结; carried forward: a later year after it
        ("本年度收到申请57件，以及2023年转办申请2件。", "转办申请2件", "2件", "requests_carried_over"),
        ("本年度收到申请10件，去年结转申请2件。", "结转申请2件", "2件", "requests_carried_over"),
        ("本年度收到申请10件，上年度未办结的申请2件。", "申请2件", "2件", "requests_carried_over"),
        ("本年度收到申请10件，1件顺延至2025年答复。", "1件顺延", "1件", "requests_carried_forward"),
        # outcomes closing the sentence or after a copula
        ("本年度收到申请10件。另有1件因涉及第三方合法权益，不予公开。", "另有1件", "1件", "requests_outcome"),
        ("本年度收到申请4件，已办理的3件均属于本机关不掌握的信息，无法提供。", "3件均属于", "3件", "requests_outcome"),
        # a copula after the unit: the words after it say what was counted
        ("本年度收到政府信息公开申请10件，3件为当面申请。", "3件为当面申请", "3件", "requests_received"),
        # after the number a review is the predicate
        ("收到政府信息公开申请10件，其中2件申请人不服答复申请行政复议。", "2件申请人", "2件", "review_cases"),
        # a change against last year is growth, not a count of requests received
        ("本年度收到政府信息公开申请9件，较上年减少3件。", "减少3件", "3件", "growth"),
    ],
)
def test_request_rules(text, context, number, category):
    assert category_of(text, context, number) == category


def test_decrease_in_count_is_negative_growth():
    figures = extract_figures("本年度收到政府信息公开申请9件，较上年减少3件。", [])
    assert [(f.category, f.value, f.unit) for f in figures] == [("requests_received", 9, "件"), ("growth", -3, "件")]


def test_review_body_caseload_is_other():
    """A 司法局 reporting its review and litigation caseload: none of it is a disclosure review or lawsuit."""
    text = (
        "二、法治政府建设\n全年共收到行政复议申请142件，受理128件，审结119件，其中维持72件，综合纠错率22.5%。\n"
        "全年办理以县政府为被告的行政应诉案件58件。\n"
    )
    assert [(f.text, f.category) for f in extract_figures(text, [])] == [
        ("142件", "other"),
        ("128件", "other"),
        ("119件", "other"),
        ("72件", "other"),
        ("22.5%", "rate"),
        ("58件", "other"),
    ]


def test_disclosure_review_named_in_heading():
    text = "四、政府信息公开行政复议、行政诉讼情况\n本年度共发生行政复议案件1件，行政诉讼案件0件。\n"
    assert [(f.text, f.category) for f in extract_figures(text, [])] == [("1件", "review_cases"), ("0件", "litigation_cases")]


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # normative documents in force, cleaned up or repealed are not published
        ("全年制发规范性文件3件，清理规范性文件12件。", "制发规范性文件3件", "3件", "normative_documents_published"),
        ("全年制发规范性文件3件，清理规范性文件12件。", "清理规范性文件12件", "12件", "other"),
        ("全区共有现行有效规范性文件56件。", "文件56件", "56件", "other"),
        # a meeting counts when it is disclosed
        ("全年召开区政府常务会议24次。", "会议24次", "24次", "other"),
        ("全年部门会议公开9次。", "会议公开9次", "9次", "meetings_disclosed"),
        ("全年召开常务会议12次，均通过网站直播。", "会议12次", "12次", "meetings_disclosed"),
        # items counted by type: a contract object keeps its category unless it is one of several types
        ("其中政策解读类信息75条，法规文件类信息63条。", "解读类信息75条", "75条", "policy_interpretations"),
        ("其中政策解读类信息75条，法规文件类信息63条。", "文件类信息63条", "63条", "active_disclosure_items"),
        ("其中法律法规及规范性文件类信息28条。", "类信息28条", "28条", "active_disclosure_items"),
        ("全年解读政策、公布人事变动、业务动态等共计50条。", "共计50条", "50条", "active_disclosure_items"),
        ("发布政策文件、政策解读、政府公报信息75条。", "公报信息75条", "75条", "active_disclosure_items"),
        ("发布政策解读和政策文件30件。", "政策文件30件", "30件", "active_disclosure_items"),
        ("在区里举行新闻发布会、政策吹风会6次。", "吹风会6次", "6次", "press_conferences"),
        ("发布图解12件。", "图解12件", "12件", "policy_interpretations"),
    ],
)
def test_conditions_and_types(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # a topic-only item of a publishing list, a participant, a bare publishing verb: the list's kind of count
        ("同时公开各部门新闻动态610余条，领导活动18余条。", "活动18余条", "18余条", "active_disclosure_items"),
        ("召开政策解读新闻发布会6次，主要负责人参加1次。", "参加1次", "1次", "press_conferences"),
        ("以区政府名义发布规范性文件3件，以区政府办公室名义发布2件。", "发布2件", "2件", "normative_documents_published"),
        # a list of the same unit whose topic is named before the verb keeps its reading
        ("部门会议公开9次，重点工作落实公开7次。", "落实公开7次", "7次", "active_disclosure_items"),
        # a new-media channel earlier in the sentence, but not for the overall 主动公开 total
        ("依托“青禾发布”公众号，全年发布各类信息320条。", "信息320条", "320条", "new_media_posts"),
        ("积极运用政务新媒体，全年主动公开政府信息1500条。", "信息1500条", "1500条", "active_disclosure_items"),
        # published decisions are published items
        ("农用地转用批复49件、用地预审批复31件。", "预审批复31件", "31件", "active_disclosure_items"),
    ],
)
def test_list_and_channel_rules(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "phrase", "categories"),
    [
        # a bare 诉讼 after 行政复议 is a lawsuit too
        ("全年无涉及政府信息公开的行政复议、诉讼和申诉情况。", "无涉及政府信息公开的行政复议、诉讼", ["litigation_cases", "review_cases"]),
        ("本年度未有因政府信息公开引起的行政复议或诉讼。", "未有因政府信息公开引起的行政复议或诉讼", ["litigation_cases", "review_cases"]),
        # no verb before the application
        ("全年没有依申请公开政府信息办理事项。", "没有依申请公开", ["requests_received"]),
        ("无来信、网络或其他形式的政府信息公开申请。", "无来信、网络或其他形式的政府信息公开申请", ["requests_received"]),
        ("本年度无“结转下年度继续办理”的申请。", "无“结转下年度", ["requests_carried_forward"]),
        # nothing made: the words name the categories
        ("本年度未制发规范性文件。", "未制发规范性文件", ["normative_documents_published"]),
        ("全年未制定规章和规范性文件。", "未制定规章和规范性文件", ["normative_documents_published", "regulations_published"]),
    ],
)
def test_more_negative_statements(text, phrase, categories):
    figures = extract_figures(text, [])
    assert sorted(f.category for f in figures) == categories
    assert {(f.text, f.value) for f in figures} == {(phrase, 0)}


def test_no_request_denial_for_late_answers():
    assert not [f for f in extract_figures("本年度无逾期答复政府信息公开申请的情况。", []) if f.category == "requests_received"]


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # a domain counted as zero has no outcomes: the outcomes are of the domain named before it
        ("因政府信息公开申请行政复议4宗、提起行政诉讼0宗，其中3宗维持原答复，1宗结果纠正。", "其中3宗", "3宗", "review_outcome"),
        ("因政府信息公开申请行政复议4宗、提起行政诉讼0宗，其中3宗维持原答复，1宗结果纠正。", "1宗结果", "1宗", "review_outcome"),
        ("因政府信息公开提起行政复议2件、行政诉讼1件，其中诉讼结果维持1件。", "维持1件", "1件", "litigation_outcome"),
        # outcomes written as quoted labels of the tables
        ("在答复的8件申请中，“同意公开”的6件，“不同意公开”的2件。", "的6件", "6件", "requests_outcome"),
        ("在答复的8件申请中，“同意公开”的6件，“不同意公开”的2件。", "的2件", "2件", "requests_outcome"),
        ("收到申请5件，其中，2件为“已主动公开”。", "2件为", "2件", "requests_outcome"),
        ("收到申请5件，申请人因材料不全而放弃申请1件。", "放弃申请1件", "1件", "requests_outcome"),
        # carried over from the last year written verb first
        ("全年收到依申请公开4件，结转上年3件。", "结转上年3件", "3件", "requests_carried_over"),
        # a slogan in quotation marks stays opaque
        ("围绕“三个一批”开展公开11次。", "公开11次", "11次", "active_disclosure_items"),
    ],
)
def test_outcome_and_carry_over_rules(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # a not-published cue in a subset list keeps its reading; a named count in a unit of no published items too
        ("全年主动公开政府信息8200条，其中微博发布信息300条，总阅读人数达120万余次。", "120万余次", "120万余次", "other"),
        ("全年主动公开政府信息8200条，其中政务服务事项数量为3100项。", "3100项", "3100项", "other"),
        ("全年主动公开政府信息8200条，其中新开设专栏5个。", "专栏5个", "5个", "other"),
        ("办事服务注册用户数量为6400人。", "6400人", "6400人", "other"),
        # ";" separates the items of a subset list in the total's unit: meetings listed there were published
        ("主动公开信息90条，其中，政务动态40条;工作会议20条;市场监管30条。", "会议20条", "20条", "meetings_disclosed"),
        ("主动公开信息90条，其中，政务动态40条;工作会议20条;市场监管30条。", "监管30条", "30条", "active_disclosure_items"),
        ("在主动公开的信息中，机构职能2条;干部任免4条;应急管理1条。", "任免4条", "4条", "active_disclosure_items"),
        ("在主动公开的信息中，机构职能2条;干部任免4条;应急管理1条。", "管理1条", "1条", "active_disclosure_items"),
        # a count after a percentage does not take its category
        ("网站可用率100%。在主动公开的信息中，机构职能2条。", "职能2条", "2条", "active_disclosure_items"),
        # the words up to the next 、 close the previous figure
        ("全年召开新闻发布会9场、开展5次新闻调研活动。", "5次", "5次", "other"),
        # documents in force are a stock
        ("全年制发规范性文件4件，现行有效文件21件。", "文件21件", "21件", "other"),
        # a change verb
        ("其中政策文件相比上年上涨了35%。", "35%", "35%", "growth"),
        # the website among new-media items of a subset list
        ("通过政务新媒体公开信息900条，其中，微博500条、门户网站400条。", "网站400条", "400条", "active_disclosure_items"),
    ],
)
def test_subset_and_list_rules(text, context, number, category):
    assert category_of(text, context, number) == category


def test_end_of_an_article_range_is_not_a_figure():
    text = "按照《条例》第8至11条规定的主动公开范围，发布信息30条。"
    figures = extract_figures(text, [])
    no_figure_on(text, figures, "11条")
    assert [f.text for f in figures] == ["30条"]


def test_long_metric_phrases_start_at_a_word():
    """A metric phrase cut to its last characters starts at the counting verb or after a list joint, not inside
    the agency's name ("…生态环境局信息公开专栏主动公开政府信息326条")."""
    text = (
        "全年通过青禾区人民政府门户网站生态环境局信息公开专栏主动公开政府信息326条。"
        "办理群众通过热线反映的关于工地扬尘、餐饮油烟和噪声扰民的留言64条。"
    )
    figures = extract_figures(text, [])
    assert figure_at(text, figures, "主动公开政府信息326条", "326").metric == "主动公开政府信息"
    assert figure_at(text, figures, "噪声扰民的留言64条", "64").metric == "餐饮油烟和噪声扰民的留言"


# -- earlier periods, request lists, units that count no published things, metric phrases --------------------------


@pytest.mark.parametrize(
    ("text", "context", "number"),
    [
        ("本年度共收到政府信息公开申请22件，比2023年（31件）下降29%。", "（31件）", "31件"),
        ("本年度共收到政府信息公开申请22件，较上年(31件)有所下降。", "(31件)", "31件"),
        ("本年度共收到政府信息公开申请22件，较上年同期的31件下降29%。", "的31件", "31件"),
        ("本年度收到政府信息公开申请45件，上年同期38件。", "同期38件", "38件"),
        ("本年度受理政府信息公开申请20件（去年同期为26件）。", "为26件", "26件"),
        ("本年度收到政府信息公开申请12件，比上年3件增加9件。", "上年3件", "3件"),
        ("网站栏目由原来的8个增加到现在的16个。", "的8个", "8个"),
        ("本年度共收到政府信息公开申请34件（2023年为41件），均按期答复。", "为41件", "41件"),
        ("本年度共收到政府信息公开申请34件（2023年度41件）。", "度41件", "41件"),
    ],
)
def test_count_of_an_earlier_period_is_a_comparison_base(text, context, number):
    """The number quoted for the period compared with is that period's count: ``other``, never this year's."""
    assert category_of(text, context, number) == "other"


def test_comparison_keeps_this_years_count_and_the_change():
    figures = extract_figures("本年度共收到政府信息公开申请34件，较上年（41件）减少7件，下降17%，答复34件。", [])
    assert [(f.text, f.category, f.value) for f in figures] == [
        ("34件", "requests_received", 34),
        ("41件", "other", 41),
        ("7件", "growth", -7),
        ("17%", "growth", -17),
        ("34件", "requests_answered", 34),
    ]
    assert figures[1].metric == "较上年"


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # the last year's carry-over and the current year named by a year stay this year's figures
        ("本年度收到申请10件，上年结转申请3件。", "申请3件", "3件", "requests_carried_over"),
        ("2024年共收到政府信息公开申请15件。", "申请15件", "15件", "requests_received"),
        # a share or a change of the comparison is not a base
        ("本年度收到申请15件，比上年增加5件。", "增加5件", "5件", "growth"),
    ],
)
def test_not_comparison_bases(text, context, number, category):
    assert category_of(text, context, number) == category


def test_comparison_base_raises_no_narrative_error(tmp_path):
    """End to end (the fictional sample report): a prior-year count next to this year's matching table B is no
    E6 error; a wrong count of this year still is."""
    text = SAMPLE.read_text(encoding="utf-8")
    stated = "我局共收到政府信息公开申请34件"
    assert text.count(stated) == 1
    with_base = text.replace(stated, stated + "，比2023年（41件）下降17%")
    path = tmp_path / "with_base.txt"
    path.write_text(with_base, encoding="utf-8")
    assert not [c for c in analyze(path).checks if c.code == "E6.narrative_vs_table"]
    path.write_text(text.replace(stated, stated.replace("34件", "41件")), encoding="utf-8")
    assert [c for c in analyze(path).checks if c.code == "E6.narrative_vs_table"]


# -- counts of an earlier year stated in a clause of their own (the report's year known) -------------------------


def category_in(text: str, context: str, number: str, year: int | None) -> str:
    return figure_at(text, extract_figures(text, [], year), context, number).category


@pytest.mark.parametrize(
    ("text", "context", "number"),
    [
        # the key case: last year's count, then this year's
        ("2023年收到政府信息公开申请41件，2024年收到52件。", "申请41件", "41件"),
        ("2023年度共受理依申请公开事项18宗，本年度共受理27宗。", "事项18宗", "18宗"),
        ("2022年全年发布政务动态260条，2024年全年发布政务动态390条。", "动态260条", "260条"),
        # the year standing alone before the clause, and the counts after it in the same run
        ("2023年，本办收到政府信息公开申请6件，答复6件；2024年，本办收到政府信息公开申请11件。", "申请6件", "6件"),
        ("2023年，本办收到政府信息公开申请6件，答复6件；2024年，本办收到政府信息公开申请11件。", "答复6件", "6件"),
        # a subject before the year, this year named in the next sentence
        ("我站2023年受理信息公开申请13件。2024年受理信息公开申请20件。", "申请13件", "13件"),
        # a range that ends before this year
        ("2020年至2022年累计接收公开申请95件，2024年接收31件。", "申请95件", "95件"),
        # relative periods need no year named
        ("上年收到政府信息公开申请9件，本年度收到14件。", "申请9件", "9件"),
        ("去年同期受理公开申请7件，今年受理12件。", "申请7件", "7件"),
    ],
)
def test_count_of_an_earlier_year_is_that_years(text, context, number):
    """In a 2024 report a clause about 2023 (or 上年) counts that year's things: ``other``, never this year's."""
    assert category_in(text, context, number, 2024) == "other"


def test_this_years_counts_after_an_earlier_year_keep_their_category():
    text = "2023年，本办收到政府信息公开申请6件，答复6件；2024年，本办收到政府信息公开申请11件，答复10件。"
    assert [(f.text, f.category) for f in extract_figures(text, [], 2024)] == [
        ("6件", "other"),
        ("6件", "other"),
        ("11件", "requests_received"),
        ("10件", "requests_answered"),
    ]
    # an earlier year's negative statement is that year's too
    text = "2023年未收到政府信息公开申请，2024年收到4件。"
    assert [(f.category, f.value) for f in extract_figures(text, [], 2024)] == [("other", 0), ("requests_received", 4)]


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # a carry-over from an earlier year is this year's carried-over count
        ("本年度收到政府信息公开申请10件，2023年结转的2件已全部办结。", "结转的2件", "2件", "requests_carried_over"),
        ("2023年度结转申请3件，2024年新收申请8件。", "申请3件", "3件", "requests_carried_over"),
        # a range reaching this year, a date of this year
        ("2019年至2024年累计收到政府信息公开申请230件。", "申请230件", "230件", "requests_received"),
        ("2024年1月1日至12月31日，本办共收到政府信息公开申请52件。", "申请52件", "52件", "requests_received"),
        ("2019年以来累计发布政策解读120篇，2024年发布30篇。", "解读120篇", "120篇", "policy_interpretations"),
        # a date of an earlier year is a statistics period copied from last year's report, not a comparison
        (
            "本年报数据区间沿用2023年1月1日到2023年12月31日。2023年1月1日至12月31日，本办共收到公开申请15件。",
            "申请15件",
            "15件",
            "requests_received",
        ),
        # a year naming the thing counted, or published this year
        ("公开2023年度部门决算信息3条，2024年度部门预算信息2条。", "信息3条", "3条", "active_disclosure_items"),
        ("2023年部门决算、2024年部门预算等信息10条。", "信息10条", "10条", "active_disclosure_items"),
        # a year in a subordinate phrase does not date the main clause
        ("在2023年完成清理的基础上，2024年新公开规范性文件9件。", "文件9件", "9件", "normative_documents_published"),
        # an earlier year alone, with this year named nowhere near: most likely a year copied from last year's report
        ("（一）主动公开情况。2023年全区主动公开政府信息480条。一是做好政策发布。", "信息480条", "480条", "active_disclosure_items"),
        # a change against an earlier year stays a change
        ("本年度收到申请52件，与2023年相比增加11件。", "增加11件", "11件", "growth"),
        ("2023年收到申请41件，比2022年增加5件，2024年收到申请46件。", "增加5件", "5件", "growth"),
    ],
)
def test_this_years_counts_next_to_earlier_years(text, context, number, category):
    assert category_in(text, context, number, 2024) == category


def test_without_the_report_year_named_years_are_not_compared():
    """Year unknown (``year=None``, the default): today's reading; only relative periods (上年) are earlier."""
    text = "2023年收到政府信息公开申请41件，2024年收到52件。"
    assert extract_figures(text, []) == extract_figures(text, [], None)
    assert category_in(text, "申请41件", "41件", None) == "requests_received"
    # the report's own year is no earlier year
    assert category_in(text, "申请41件", "41件", 2023) == "requests_received"
    assert category_in("上年收到政府信息公开申请9件，本年度收到14件。", "申请9件", "9件", None) == "other"


def test_earlier_year_clause_raises_no_narrative_error(tmp_path):
    """End to end (the fictional sample report, year 2024 from its title): the pipeline passes the year to the
    figures, so last year's count stated in its own clause is no E6 error against this year's table B."""
    text = SAMPLE.read_text(encoding="utf-8")
    stated = "2024年，我局共收到政府信息公开申请34件"
    assert text.count(stated) == 1
    earlier = "2023年收到政府信息公开申请41件，"
    path = tmp_path / "with_earlier_year.txt"
    path.write_text(text.replace(stated, earlier + stated), encoding="utf-8")
    analysis = analyze(path)
    assert analysis.meta.year == 2024
    position = analysis.document.text.index(earlier) + earlier.index("41件")
    assert [f.category for f in analysis.figures if f.start == position] == ["other"]
    assert not [c for c in analysis.checks if c.code == "E6.narrative_vs_table"]
    # without the year the same figure would be read as this year's applications
    without_year = extract_figures(analysis.document.text, analysis.parts)
    assert [f.category for f in without_year if f.start == position] == ["requests_received"]


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # what is added to a total ends its subset list: the workload is no part of the applications received
        (
            "本年度收到政府信息公开申请30件，其中自然人申请20件、法人申请10件；加上上年结转2件，全年需办理32件。",
            "结转2件",
            "2件",
            "requests_carried_over",
        ),
        (
            "本年度收到政府信息公开申请30件，其中自然人申请20件、法人申请10件；加上上年结转2件，全年需办理32件。",
            "办理32件",
            "32件",
            "other",
        ),
        # after a proposal the request verbs are about the proposal: published replies are published items
        (
            "本年度收到政府信息公开申请5件。承办区人大代表建议4件、区政协提案6件，在网站公开办理复文9件。",
            "复文9件",
            "9件",
            "active_disclosure_items",
        ),
        ("本年度收到政府信息公开申请5件。承办区人大代表建议4件，均已答复4件。", "答复4件", "4件", "other"),
        # a bare 公开 among request counts is the outcome 予以公开
        ("本年度收到政府信息公开申请12件，答复12件。其中公开5件，不公开2件，信息不存在5件。", "公开5件", "5件", "requests_outcome"),
        ("本年度收到政府信息公开申请12件，答复12件。其中公开5件，不公开2件，信息不存在5件。", "不公开2件", "2件", "requests_outcome"),
        # not among request counts: a publication
        ("全年主动公开信息200条，其中公开文件30件。", "文件30件", "30件", "active_disclosure_items"),
    ],
)
def test_request_workload_proposals_and_outcomes(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "context", "number"),
    [
        # people, households and money are never published things, whatever publishing word or list is around
        ("各科室确定兼职信息员6名，负责信息采集。", "信息员6名", "6名"),
        ("平台由办公室一名工作人员负责发布信息。", "一名", "一名"),
        ("开展政务公开知识竞答，累计参与人数超过3万人次。", "超过3万人次", "超过3万人次"),
        ("公开政府采购信息12条，采购金额共计8.6万元。", "8.6万元", "8.6万元"),
        ("主动公开政府信息80条，其中服务类采购2.5万元。", "2.5万元", "2.5万元"),
        # login accounts of a publishing system are no new-media accounts
        ("平台设置录入、审核、发布三个账号。", "三个", "三个"),
        # how often something was updated is no count of items
        ("对“机构概况”栏目进行更新两次。", "两次", "两次"),
        ("及时更新收费标准等信息20余次。", "20余次", "20余次"),
    ],
)
def test_units_and_counts_that_are_not_published_things(text, context, number):
    assert category_of(text, context, number) == "other"


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        ("开设政务微博账号3个。", "账号3个", "3个", "new_media_accounts"),
        # a list item after the accounts, counted in items, is a post
        ("运营“青禾发布”公众号和视频号2个政务新媒体账号，全年发布信息300条、短视频18条。", "短视频18条", "18条", "new_media_posts"),
        # published responses in a breakdown of published items are published items; replies stay replies
        ("全年主动公开政府信息500条，其中政策解读12条、回应关切20条、工作动态300条。", "关切20条", "20条", "active_disclosure_items"),
        ("全年主动公开政府信息500条，其中政策解读12条、回应公众关注热点3次。", "热点3次", "3次", "hotline_replies"),
        ("通过政务服务热线回应群众关切40条。", "关切40条", "40条", "hotline_replies"),
        # a 办公会 is a meeting; a count of events with a topic after it takes the verb that closes the clause
        ("全年公开局长办公会5期。", "办公会5期", "5期", "meetings_disclosed"),
        ("局领导先后4次就重点项目、民生实事进行解读。", "4次", "4次", "policy_interpretations"),
        ("局领导先后4次就重点项目进行调研。", "4次", "4次", "other"),
    ],
)
def test_accounts_responses_meetings_and_events(text, context, number, category):
    assert category_of(text, context, number) == category


@pytest.mark.parametrize(
    ("text", "context", "number", "metric"),
    [
        # quotations listing examples: the phrase after them
        ("组织召开“春季招聘”“营商环境”等新闻发布会8场。", "8场", "8场", "新闻发布会"),
        # nothing named before the number but a joint: the phrase after the unit
        ("公开督察转办信访件12批和9个典型案例。", "9个", "9个", "典型案例"),
        # after the unit the phrase stops before a title that starts another item, nested titles included
        (
            "公开《关于扶持小微企业的若干措施》等1件规范性文件及《关于《青禾区促进就业办法（草案）》公开征求意见的通知》等5件其他文件。",
            "等1件",
            "1件",
            "规范性文件",
        ),
        # fillers go before the cut, so the phrase does not start inside a word
        ("通过青禾公安微信为群众提供在线服务30余次。", "30余次", "30余次", "青禾公安微信为群众提供在线服务"),
    ],
)
def test_metric_phrases_are_whole_words(text, context, number, metric):
    assert figure_at(text, extract_figures(text, []), context, number).metric == metric


# -- the report's outline, carry-forward to a named year, earlier years in parentheses, counts of kinds and tasks -----


@pytest.mark.parametrize(
    "text",
    [
        # the outline's count of parts is no figure, whatever parts it names (行政诉讼 made it a lawsuit count)
        "本年报涵盖工作概况、复议诉讼办理情况、行政诉讼情况及其他事项等六项内容。",
        "本报告包括工作概况、行政诉讼情况和需要说明的事项6项内容。",
        "年报由工作概况、行政诉讼情况和统计附表等七个部 分组成。",
        "本报告主要包括工作概况、行政复议和行政诉讼情况、需说明的事项五项。",
        # Chinese digits without place value are a name or an address; a house number after the unit too
        "居民可通过位于南门三五条北楼的服务大厅文件索取台获取资料。",
        "居民可通过位于南门五条8号北楼的服务大厅文件索取台获取资料。",
    ],
)
def test_outline_and_addresses_are_not_figures(text):
    assert extract_figures(text, [], 2024) == []


def test_outline_rule_keeps_counts_that_close_no_outline():
    """Counts in a sentence about the report that are no count of its parts, and "N条内容" of an outcome, stay."""
    text = "本报告由区政府办公室汇总全区街道和36个部门的年度报告编制。"
    assert [(f.text, f.category) for f in extract_figures(text, [], 2024)] == [("36个", "other")]
    text = "收到申请4件，其余1条内容本局未制作，无法提供。"
    assert category_in(text, "1条", "1条", 2024) == "requests_outcome"


@pytest.mark.parametrize(
    ("text", "context", "number", "year", "category"),
    [
        # carried to the next year, named: carried forward (with or without the report's year)
        ("本年度收到政府信息公开申请52件，上年结转申请2件，结转至2025年6件。", "结转至2025年6件", "6件", 2024, "requests_carried_forward"),
        ("本年度收到政府信息公开申请52件，上年结转申请2件，结转至2025年6件。", "结转至2025年6件", "6件", None, "requests_carried_forward"),
        # carried *into* the report year: carried over
        ("本年度收到政府信息公开申请52件，结转至2024年6件。", "结转至2024年6件", "6件", 2024, "requests_carried_over"),
        ("本年度收到政府信息公开申请52件，另有6件转至2024年继续办理。", "另有6件", "6件", 2024, "requests_carried_over"),
        # an earlier year opening a parenthesis is the time of the count inside it
        ("2024年，本所收到政府信息公开申请27件（2023年收到申请19件），均已办结。", "申请19件", "19件", 2024, "other"),
        ("2024年，本所收到政府信息公开申请27件（2023年收到申请19件），均已办结。", "申请27件", "27件", 2024, "requests_received"),
        # a parenthesis without a period of its own keeps the sentence's
        ("2024年，本所收到政府信息公开申请27件（其中网上申请19件）。", "申请19件", "19件", 2024, "requests_received"),
        ("2023年本所收到申请41件（其中网上申请30件），2024年收到52件。", "申请30件", "30件", 2024, "other"),
        # two request verbs: the first names the count
        ("本年度共收到和处理依申请公开3件。", "公开3件", "3件", 2024, "requests_received"),
        ("全年受理政府信息公开申请30件。依申请予以主动公开的3件，信息不存在7件。", "的3件", "3件", 2024, "requests_outcome"),
    ],
)
def test_carry_forward_parenthesis_and_request_verbs(text, context, number, year, category):
    assert category_in(text, context, number, year) == category


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # columns counted in 项, tasks and key work right after the unit, the audience's reposts
        ("按平台建设规范设置公开栏目6项，及时更新内容。", "栏目6项", "6项", "other"),
        ("开设政策文件、办事服务等四项栏目。", "四项", "四项", "other"),
        ("对照政务公开18项重点工作逐项推进。", "18项", "18项", "other"),
        ("本局承担的标准目录更新、环评信息公开等5项任务已全部完成。", "5项", "5项", "other"),
        ("公众号全年推送信息420条，好友转发1.2万次。", "1.2万次", "1.2万次", "other"),
        ("公众号全年推送信息420条，好友转发1.2万次。", "420条", "420条", "new_media_posts"),
        # a count of kinds is no count of items; the items after it keep the words before it
        ("全年发布两类名单共计36条。", "两类", "两类", "other"),
        ("全年发布两类名单共计36条。", "36条", "36条", "active_disclosure_items"),
        ("主动公开的政府信息类别共有9类，其中机构信息类26条，政府会议类12条。", "会议类12条", "12条", "meetings_disclosed"),
        # not changed: items published in a column, a published type named 重点工作, the agency's own reposts
        ("应急预案栏目公开5项预案文本。", "5项", "5项", "active_disclosure_items"),
        ("发布信息80条，其中工作动态40条、重点工作6条。", "重点工作6条", "6条", "active_disclosure_items"),
        ("门户网站转发上级信息205条。", "205条", "205条", "active_disclosure_items"),
    ],
)
def test_columns_tasks_reposts_and_kinds(text, context, number, category):
    assert category_in(text, context, number, 2024) == category


def test_outline_carry_forward_and_parenthesis_raise_no_narrative_error(tmp_path):
    """End to end (the fictional sample report): the outline's "六项内容", a carry-forward to next year and last
    year's count in parentheses are no E6 errors against this year's tables."""
    text = SAMPLE.read_text(encoding="utf-8")
    stated = "2024年，我局共收到政府信息公开申请34件"
    assert text.count(stated) == 1 and text.count("编制。") >= 1
    variant = text.replace("编制。", "编制。本年报涵盖工作概况、复议诉讼办理情况、行政诉讼情况及其他事项等六项内容。", 1)
    variant = variant.replace(stated, stated + "（2023年收到申请30件），结转至2025年4件")
    path = tmp_path / "variant.txt"
    path.write_text(variant, encoding="utf-8")
    analysis = analyze(path)
    assert analysis.meta.year == 2024
    assert not [c for c in analysis.checks if c.code.startswith("E6")], [c.message for c in analysis.checks]
    forward = analysis.document.text.index("结转至2025年4件") + len("结转至2025年")
    assert [f.category for f in analysis.figures if f.start == forward] == ["requests_carried_forward"]


# -- review counts in the report's parts, request counts named by the application, channels, containers, events,
# -- handled proposals, zero statements, metric phrases, table cells ---------------------------------------------------


def test_review_counts_in_part_one_and_under_a_heading_across_a_blank_line():
    """Part 一 reports the agency's disclosure work: its review and lawsuit counts need no disclosure words, unless the
    sentence counts a general caseload; a heading separated from its paragraph by a blank line still counts."""
    text = "2024年青禾区规划局政府信息公开工作年度报告\n本报告由区规划局编制。\n一、总体情况\n2024年我局收到行政复议5件，收到行政诉讼2件。\n"
    figures = extract_figures(text, find_parts(text), 2024)
    assert figure_at(text, figures, "行政复议5件", "5件").category == "review_cases"
    assert figure_at(text, figures, "行政诉讼2件", "2件").category == "litigation_cases"
    text = "2024年青禾区政府信息公开工作年度报告\n本报告由区政府办公室编制。\n一、总体情况\n2024年，收到以区政府为被告的行政应诉案件24件。\n"
    assert figure_at(text, extract_figures(text, find_parts(text), 2024), "案件24件", "24件").category == "other"
    text = "（三）因政府信息公开申请行政复议、提起行政诉讼的情况。\n\n2024年青禾区规划分局收到行政复议5件，收到行政诉讼2件。"
    assert category_in(text, "行政复议5件", "5件", 2024) == "review_cases"
    assert category_in(text, "行政诉讼2件", "2件", 2024) == "litigation_cases"


@pytest.mark.parametrize(
    ("text", "context", "number", "category"),
    [
        # the information disclosed on request counts the requests, even with 信息 closest to the number
        ("2024年度青禾区水利局依申请公开政务信息数3件，均按时办理。", "数3件", "3件", "requests_received"),
        ("2024年，青禾区规划分局依申请公布政府信息1件，采用邮寄方式送达。", "信息1件", "1件", "requests_received"),
        # …but beside a proactive count in the same unit it is information counted by how it is disclosed
        ("全年主动公开信息734条，依申请公开信息12条，不予公开信息2条。", "信息12条", "12条", "other"),
        # …and so is the information withheld: no outcome of applications
        ("全年主动公开信息734条，依申请公开信息12条，不予公开信息2条。", "信息2条", "2条", "other"),
        ("本年度主动公开政务信息96条，不予公开的信息5条。", "信息5条", "5条", "other"),
        # not changed: withheld information among request counts is their outcome
        ("全年主动公开信息96条，收到政府信息公开申请8条，不予公开信息2条。", "信息2条", "2条", "requests_outcome"),
        # a subscription account is a channel, not the audience
        ("“青禾教育发布”微信订阅号发布信息579条。", "579条", "579条", "new_media_posts"),
        # a total over a screen, a board and a new-media account is no count of posts
        (
            "我局通过电子显示屏、政务公开栏和微信公众号定期发布气象信息，全年累计发布各类信息（包括：天气预报、预警信号）共1631条。",
            "1631条",
            "1631条",
            "active_disclosure_items",
        ),
        # platforms and offices are containers, whatever words modify them
        ("共有镇、村两级信息公开平台7个，充分利用公示栏进行公开。", "平台7个", "7个", "other"),
        ("为此配备了1名兼职工作人员，设立了1个专门的信息申请受理点。", "1个", "1个", "other"),
        ("开通3个政务新媒体平台，发布信息200条。", "3个", "3个", "new_media_accounts"),
        # publicity campaigns are no press conferences, however the list went before
        ("全年共召开新闻发布会4场，组织集中宣传80余次，发布政策信息800余篇。", "80余次", "80余次", "other"),
        ("全年共召开新闻发布会4场，组织集中宣传80余次，发布政策信息800余篇。", "4场", "4场", "press_conferences"),
        # proposals handled, named after the unit, are what is counted; proposals published stay published items
        ("重点领域公开完成6件人大主办件、3件政协主办件。", "6件", "6件", "other"),
        ("重点领域公开完成6件人大主办件、3件政协主办件。", "3件", "3件", "other"),
        ("主动公开我局收到的6件建议提案，公开率100%。", "6件", "6件", "active_disclosure_items"),
    ],
)
def test_applications_channels_containers_events_and_proposals(text, context, number, category):
    assert category_in(text, context, number, 2024) == category


@pytest.mark.parametrize(
    ("text", "phrase", "categories"),
    [
        ("本年度科技园并无引起行政复议及行政诉讼情况。", "无引起行政复议及行政诉讼", {"review_cases", "litigation_cases"}),
        # a cost of lawsuits is neither a case count nor a processing fee; the statement before it gives the zeros
        (
            "由于未发生行政复议案、行政诉讼案，因此未发生与诉讼（行政复议、行政诉讼及申诉）有关的费用。",
            "未发生行政复议案、行政诉讼",
            {"review_cases", "litigation_cases"},
        ),
    ],
)
def test_plain_negation_and_costs_of_lawsuits(text, phrase, categories):
    figures = extract_figures(text, [], 2024)
    assert {(f.text, f.category) for f in figures} == {(phrase, category) for category in categories}


@pytest.mark.parametrize(
    ("text", "context", "number", "metric"),
    [
        ("平台服务群众，年末用户数突破900人。", "900人", "900人", "年末用户数"),
        ("主动公开信息133条，其中“阳光规划”中的规划公示71条，其他工作动态36条。", "71条", "71条", "规划公示"),
        ("通过网站主动公开政务信息169条，包含海事新闻37条，公告通知8条。", "37条", "37条", "海事新闻"),
        ("主动公开信息200条，其中政策文件14条、报告统计2条、财政信息21条。", "2条", "2条", "报告统计"),
        ("共收到申请0件，尚未办理0件，已经办理了0件。", "了0件", "0件", "办理"),
        ("本年度内单位行政处罚处理决定数量39件。", "39件", "39件", "单位行政处罚处理决定"),
        ("截至年底，主动公开政府信息历年累计52条，其中本年新增14条。", "52条", "52条", "主动公开政府信息历年累计"),
        ("共有镇、村两级信息公开平台7个。", "7个", "7个", "镇、村两级信息公开平台"),
        # an aside in parentheses is no part of what is counted
        ("全年累计发布各类信息（包括：天气预报、预警信号）共1631条。", "1631条", "1631条", "发布各类信息"),
        # a bare share is the share of the count before it
        ("主动公开政府信息354条，其中政策法规类信息9条，占2.5%；工作动态类信息318条，占89.8%。", "2.5%", "2.5%", "政策法规类信息占比"),
        ("主动公开政府信息354条，其中政策法规类信息9条，占2.5%；工作动态类信息318条，占89.8%。", "89.8%", "89.8%", "工作动态类信息占比"),
    ],
)
def test_metric_phrases_drop_fillers_asides_and_name_shares(text, context, number, metric):
    assert figure_at(text, extract_figures(text, [], 2024), context, number).metric == metric


def test_a_count_repeated_as_a_scope_is_named_as_stated():
    """"在…的14条政府信息中" repeats the count stated before: it keeps its category and takes that count's metric, so
    a summary lists the count once."""
    text = "本年度新增主动公开政府信息14条。\n在本年度主动公开的14条政府信息中，机构职能类信息6条，占42.9%。"
    figures = extract_figures(text, [], 2024)
    stated = figure_at(text, figures, "信息14条", "14条")
    repeated = figure_at(text, figures, "的14条", "14条")
    assert (repeated.category, repeated.metric) == (stated.category, stated.metric) == (
        "active_disclosure_items",
        "新增主动公开政府信息",
    )
    # without a count stated before, the words around the number name it
    text = "申请人均为自然人。在已经答复的3件申请中，予以公开2件，不予公开1件。"
    assert figure_at(text, extract_figures(text, [], 2024), "的3件", "3件").metric == "答复的申请"


@pytest.mark.parametrize("page_id", ["1e2e61466d18", "492128561ccb"])
def test_cells_of_a_table_exported_one_cell_per_line_are_no_narrative_figures(corpora, tmp_path, page_id):
    """Two 2019-format pages whose table 一 has its cells one per line: the （九）政府集中采购 row's amount ("17.27万元")
    carries a unit, so no line layout marks it a cell; the parsed table's region does."""
    with open(corpora / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        page = next(row for row in map(json.loads, handle) if row["id"] == page_id)
    path = tmp_path / f"{page_id}.txt"
    path.write_text(page["text"], encoding="utf-8")
    analysis = analyze(path)
    regions = [(region.start, region.end) for region in analysis.tables.regions]
    assert regions
    assert not [f.text for f in analysis.figures if any(start <= f.start < end for start, end in regions)]
    assert not [f.text for f in analysis.figures if f.unit == "万元"]


# -- two counts sharing one noun: a count of kinds, then the count of the items ---------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds", "kinds_value", "kinds_unit", "items", "items_category", "items_metric"),
    [
        # 大类 is a unit of kinds like 类; the items after it keep the words before it, without the kinds
        ("全年发布9大类164项办事指南。", "9大类", 9, "大类", "164项", "active_disclosure_items", "发布"),
        ("全年公告五大类三十八项跨省通办事项。", "五大类", 5, "大类", "三十八项", "active_disclosure_items", "公告"),
        ("本年度发布文件3类27件。", "3类", 3, "类", "27件", "active_disclosure_items", "发布文件"),
        # aspects and columns counted in 个 right before the items are kinds too, not a scope or a container count
        ("全年主动公开政府信息5个方面120条。", "5个", 5, "个", "120条", "active_disclosure_items", "主动公开政府信息"),
        ("门户网站设置8个栏目356条信息。", "8个", 8, "个", "356条", "active_disclosure_items", "信息"),
    ],
)
def test_a_count_of_kinds_before_a_count_of_items(text, kinds, kinds_value, kinds_unit, items, items_category, items_metric):
    figures = extract_figures(text, [], 2024)
    kind = figure_at(text, figures, kinds, kinds)
    assert (kind.category, kind.value, kind.unit) == ("other", kinds_value, kinds_unit)
    item = figure_at(text, figures, items, items)
    assert (item.category, item.metric) == (items_category, items_metric)


def test_a_count_of_kinds_is_no_contract_count_and_no_item_of_a_list():
    """A count of kinds is ``other`` whatever its cue says ("不予公开三类" is no request outcome), and an item of the
    list after it still takes the list's category ("推出12项" follows "164项" as before, not the kinds count)."""
    text = "收到依申请公开事项后，将信息分为主动公开、依申请公开、不予公开三类，逐条审核。"
    assert category_in(text, "三类", "三类", 2024) == "other"
    text = "全年共发布9大类164项办事指南，推出12项。"
    assert category_in(text, "推出12项", "12项", 2024) == category_in("全年共发布164项办事指南，推出12项。", "推出12项", "12项", 2024)
    # aspects that no count follows stay a scope: the outline's "六个方面" is no figure
    assert extract_figures("本报告从总体情况、主动公开等六个方面进行说明。", [], 2024) == []
