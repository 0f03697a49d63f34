"""fold_table(): the Traditional → Simplified mapping and the subsets its uses fold."""

from __future__ import annotations

import pytest

from nlp.fold import fold_table
from nlp.sentences import split_sentences


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
