"""fold_table(): the Traditional → Simplified mapping and the subsets its uses fold."""

from __future__ import annotations

import pytest

from nlp.figures import extract_figures
from nlp.fold import fold_table, fold_words
from nlp.sentences import split_sentences
from nlp.tagger import feature_text


def test_the_whole_mapping_folds_traditional_report_words():
    table = fold_table()
    assert "政府資訊公開工作年度報告".translate(table) == "政府资讯公开工作年度报告"
    assert "主動公開政府信息數量".translate(table) == "主动公开政府信息数量"
    assert "某經濟開發區管理委員會".translate(table) == "某经济开发区管理委员会"


def test_every_character_folds_to_one_code_point_so_offsets_survive():
    text = "重慶市某區人民政府某街道辦事處2024年政府資訊公開工作年度報告：受理申請12件。"
    folded = text.translate(fold_table())
    assert len(folded) == len(text)
    assert folded == "重庆市某区人民政府某街道办事处2024年政府资讯公开工作年度报告：受理申请12件。"


def test_only_folds_the_listed_characters():
    table = fold_table(only="開資訊")
    assert "主動公開政府資訊數量".translate(table) == "主動公开政府资讯數量"


def test_simplified_and_unmapped_text_is_left_alone():
    text = "本机关2024年主动公开政府信息120条，ABC（一）"
    assert text.translate(fold_table()) == text


@pytest.mark.parametrize("arguments", [{"only": "數数"}, {"only": "ｘ"}])
def test_a_character_without_a_simplified_form_is_refused(arguments):
    with pytest.raises(ValueError, match="no Simplified form"):
        fold_table(**arguments)


def test_the_sentence_splitter_folds_chrome_but_keeps_a_traditional_item_that_names_a_quantity():
    # The title fold leaves 數 out (數量 would end a title); the page-chrome fold still reads 發布時間 as chrome.
    text = "1.主動公開政府信息數量。\n發布時間：2024-01-05\n本機關全年主動公開政府信息120條。"
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "1.主動公開政府信息數量。",
        "本機關全年主動公開政府信息120條。",
    ]


def test_words_whose_character_cannot_fold_alone_fold_as_words_of_the_same_length():
    text = "依法答覆申請人，批覆文件已回覆，實現全覆蓋，覆盖全县。"
    folded = fold_words(text)
    assert folded == "依法答复申請人，批复文件已回复，實現全覆蓋，覆盖全县。"
    assert len(folded) == len(text)
    assert fold_words("本机关已答复。") == "本机关已答复。"


def test_figures_read_a_traditional_reply_count_as_requests_answered():
    figures = extract_figures("本機關全年收到政府資訊公開申請15件，答覆12件。", [], 2024)
    assert [(f.category, f.value, f.metric) for f in figures] == [
        ("requests_received", 15, "本機關全年收到政府資訊公開申請"),
        ("requests_answered", 12, "答覆"),
    ]


def test_the_tagger_fold_is_left_as_the_model_was_trained():
    # The word fold is not the tagger's: its features must stay what the shipped model saw.
    assert feature_text("本機關答覆申請12件，實現全覆蓋。") == "本机关答覆申请0件，实现全覆盖。"
