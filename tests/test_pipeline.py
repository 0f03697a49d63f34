"""``analyze(path)``: what it refuses as not being an annual report at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.errors import ReportError
from nlp.pipeline import analyze

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"


def test_a_text_that_is_no_report_gets_no_grade(tmp_path):
    notice = tmp_path / "会议通知.txt"
    notice.write_text("会议通知\n\n请各单位于下周一上午九点到三楼会议室开会，讨论食堂菜单。\n", encoding="utf-8")
    with pytest.raises(ReportError) as raised:
        analyze(notice)
    assert raised.value.code == "no_report_content"
    assert "会议通知.txt" in raised.value.message and "不是政府信息公开工作年度报告" in raised.value.message
    # A full sentence in both languages, like every reader's message (QA: the final 。 was missing).
    assert raised.value.message.endswith("）。") and raised.value.message_en.endswith(").")


def test_a_traditional_script_excerpt_without_headings_is_still_a_report(tmp_path):
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("本局認真落實政府資訊公開條例，全年主動公開政府資訊120條，受理依申請公開2件。\n", encoding="utf-8")
    assert analyze(excerpt).tags


def test_the_blank_official_template_is_refused_but_a_thin_real_report_is_scored(corpora, tmp_path):
    with pytest.raises(ReportError) as raised:
        analyze(corpora / "real" / "official_template_blank.docx")
    assert raised.value.code == "no_report_content" and raised.value.message.endswith("像是空白模板）。")
    # Part headings and one sentence, no table values: a poor report when it names its year, else a blank form.
    outline = "一、总体情况\n{}\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
    thin = tmp_path / "thin.txt"
    thin.write_text(outline.format("2024年，我局主动公开政府信息12条。"), encoding="utf-8")
    assert analyze(thin).score is not None
    thin.write_text(outline.format("（文字描述，本机关主动公开政府信息情况在此处报告。）"), encoding="utf-8")
    with pytest.raises(ReportError):
        analyze(thin)
