"""Scoring: the rubric file, its validation, the arithmetic of deductions, and scores of real reports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.config import PROJECT_ROOT
from nlp.model import Analysis, Check, Document, Source
from nlp.pipeline import analyze
from nlp.score import DEFAULT_RUBRIC, RubricError, load_rubric, score

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"


def analysis_with(*checks: Check) -> Analysis:
    return Analysis(document=Document(source=Source(path="synthetic.txt")), checks=list(checks))


def check(code: str, severity: str = "error", start: int | None = None) -> Check:
    return Check(
        code=code,
        severity=severity,
        message=f"消息 {code}",
        evidence=f"依据 {code}",
        start=start,
        end=None if start is None else start + 3,
    )


def write_rubric(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return path


def default_text() -> str:
    return DEFAULT_RUBRIC.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------------
# The default rubric


def test_default_rubric_defines_the_five_dimensions_and_grades():
    rubric = load_rubric()
    assert set(rubric.dimensions) == {"completeness", "accuracy", "specificity", "originality", "timeliness"}
    assert sum(d.weight for d in rubric.dimensions.values()) == rubric.max_score == 100
    assert rubric.grades == (("优", 90), ("良", 75), ("中", 60), ("差", 0))
    assert [rubric.grade(x) for x in (100, 90, 89.9, 75, 60, 59.5, 0)] == ["优", "优", "良", "良", "中", "差", "差"]
    # 泉州鲤城 2020: −5 each for late publishing, missing elements and copying.
    for code in ("E1.late_publication", "E3.missing_part", "E10.copied_previous_year", "E11.copied_across_agencies"):
        assert rubric.rule_for(code).points["error"] == 5, code
    assert "鲤城" in default_text()


def test_a_date_the_tool_takes_for_a_re_post_costs_no_timeliness_points():
    """QA: "发布时间 2020-08-24" on a 2014 report is an E1 warning asking to verify (most often a re-posted page), yet
    it cost 3 of the 10 timeliness points. Only a late publication the tool can stand by (an error) costs points."""
    unconfirmed = score(analysis_with(check("E1.late_publication", "warning")))
    assert unconfirmed.total == 100 and unconfirmed.deductions == []
    confirmed = score(analysis_with(check("E1.late_publication", "error")))
    assert [(d["code"], d["points"]) for d in confirmed.deductions] == [("E1.late_publication", 5)]


def test_a_file_of_several_reports_costs_no_points():
    """A file holding several reports is scored as one: its total is no report's, and points taken off it would
    suggest the rest stands. The check says so; it costs nothing, whatever else is found."""
    assert score(analysis_with(check("E3.multiple_reports", "warning"))).deductions == []
    both = score(analysis_with(check("E3.multiple_reports", "warning"), check("E3.missing_part")))
    assert [(d["code"], d["points"]) for d in both.deductions] == [("E3.missing_part", 5)]


def test_every_domain_code_family_belongs_to_a_dimension():
    rubric = load_rubric()
    expected = {
        "timeliness": ("E1", "E2"),
        "completeness": ("E3", "E4", "E8", "E9"),
        "accuracy": ("E5", "E6", "E7", "E15"),
        "originality": ("E10", "E11"),
        "specificity": ("E12", "E13", "E14"),
    }
    for dimension, families in expected.items():
        for code_family in families:
            assert rubric.dimension_for(f"{code_family}.anything") == dimension


def test_information_costs_nothing_under_any_rule():
    """QA: pre-2019 missing parts showed "提示 −1 分" while every other 提示 cost nothing. A severity named 提示 that
    costs points is a defect, in any rule."""
    rubric = load_rubric()
    assert rubric.severity_points["info"] == 0
    for prefix, rule in rubric.rules.items():
        assert (rule.points or {}).get("info", 0) == 0, prefix


def test_a_pre_2019_missing_part_costs_less_than_a_2021_format_one():
    """The 2008 条例 requires the contents too (a warning), but a free-layout heading may not have been recognised."""
    assert [d["points"] for d in score(analysis_with(check("E3.missing_part", "warning"))).deductions] == [2]
    assert [d["points"] for d in score(analysis_with(check("E3.missing_part", "error"))).deductions] == [5]


def test_a_truncated_report_costs_what_a_missing_element_costs():
    """What follows the cut was not read (鲤城 −5 per missing element); a missing full stop is flagged too, so no more."""
    result = score(analysis_with(check("E3.truncated", "warning")))
    assert [(d["code"], d["rule"], d["points"]) for d in result.deductions] == [("E3.truncated", "E3.truncated", 5)]
    assert result.total == 95


def test_prefixes_match_on_dot_boundaries_and_the_longest_wins():
    rubric = load_rubric()
    assert rubric.rule_for("E5.requests_balance").prefix == "E5"
    assert rubric.rule_for("E1.late_publication").prefix == "E1"
    assert rubric.rule_for("E10.copied_previous_year").prefix == "E10"  # not E1
    assert rubric.rule_for("E15.wrong_period").prefix == "E15.wrong_period"
    assert rubric.rule_for("E15.placeholder").prefix == "E15"
    assert rubric.rule_for("E99.new_family") is None
    assert rubric.dimension_for("E99.new_family") == rubric.unassigned_dimension


# --------------------------------------------------------------------------------------------------------
# Arithmetic


def test_each_deduction_points_at_its_check_and_the_total_adds_up():
    result = score(
        analysis_with(
            check("E3.missing_part", start=10), check("E5.requests_balance", start=50), check("E9.no_proposals", "info")
        )
    )
    assert result.total == 92 and result.grade == "优"
    assert [(d["code"], d["points"]) for d in result.deductions] == [("E3.missing_part", 5), ("E5.requests_balance", 3)]
    first = result.deductions[0]
    assert (first["message"], first["evidence"], first["start"], first["end"]) == (
        "消息 E3.missing_part",
        "依据 E3.missing_part",
        10,
        13,
    )
    assert first["dimension"] == "completeness" and result.dimensions["completeness"] == 25
    assert result.total == 100 - sum(d["points"] for d in result.deductions) == sum(result.dimensions.values())


def test_caps_keep_one_defect_family_from_zeroing_the_score():
    result = score(analysis_with(*[check("E5.requests_row_total", start=i) for i in range(40)]))
    assert result.total == 85  # E5 capped at 15 of the 30 accuracy points
    assert sum(d["points"] for d in result.deductions) == 15
    assert [d["capped"] for d in result.deductions[:5]] == [False] * 5
    assert all(d["capped"] and d["points"] == 0 for d in result.deductions[5:])


def test_a_dimension_stops_at_zero():
    checks = [
        check(code, start=i)
        for i in range(20)
        for code in ("E5.x", "E6.x", "E7.x", "E15.wrong_period", "E15.placeholder")
    ]
    result = score(analysis_with(*checks))
    assert result.dimensions["accuracy"] == 0
    assert result.total == 70
    assert result.total == 100 - sum(d["points"] for d in result.deductions)


def test_unknown_codes_cost_the_severity_default_capped_per_family():
    result = score(analysis_with(*[check("E42.novel", "warning", start=i) for i in range(30)]))
    rubric = load_rubric()
    assert sum(d["points"] for d in result.deductions) == rubric.default_cap
    assert {d["dimension"] for d in result.deductions} == {rubric.unassigned_dimension}


def test_a_custom_rubric_changes_weights_points_and_grades(tmp_path):
    path = write_rubric(
        tmp_path,
        """
name = "某区考评细则"
max_score = 10
unassigned_dimension = "all"
default_cap = 10
[severity_points]
error = 1
warning = 0.5
info = 0
[grades]
"合格" = 6
"不合格" = 0
[dimensions.all]
label = "全部"
weight = 10
codes = ["E"]
[codes.E1]
points = 5
[codes.E3]
points = 5
cap = 5
""",
    )
    rubric = load_rubric(path)
    assert rubric.name == "某区考评细则"
    result = score(
        analysis_with(check("E1.late_publication"), check("E3.missing_part"), check("E3.missing_part")), rubric
    )
    assert result.total == 0 and result.grade == "不合格"
    assert [d["points"] for d in result.deductions] == [5, 5, 0]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda t: t.replace('weight = 30\ncodes = ["E3"', 'weight = 20\ncodes = ["E3"'), "权重之和为 90"),
        (lambda t: t.replace('"差" = 0', '"差" = 10'), "最低等级“差”的分数线应为 0"),
        (lambda t: t.replace("max_score = 100", "max_score = 100\nmax_scor = 1"), "未知的配置项 max_scor"),
        (lambda t: t.replace("[codes.E7]\npoints", "[codes.E7]\npoits"), "未知的配置项 poits"),
        (
            lambda t: t.replace("error = 3\nwarning = 1\ninfo = 0", "error = 3\nwarning = 1\nfatal = 0"),
            "严重程度 fatal 无效",
        ),
        (lambda t: t.replace('codes = ["E1", "E2"]', 'codes = ["E1", "E2", "E5"]'), "核查代码 E5 同时属于维度"),
        (
            lambda t: t.replace('unassigned_dimension = "accuracy"', 'unassigned_dimension = "style"'),
            "不是已定义的维度",
        ),
        (lambda t: t.replace("default_cap = 10", "default_cap = -1"), "default_cap 应为不小于 0 的数"),
        (lambda t: t.replace("[codes.E5]", "[codes.E5"), "不是有效的 TOML 格式"),
        (lambda t: t.replace("max_score = 100\n", ""), "缺少必填项 max_score"),
    ],
)
def test_invalid_rubrics_are_rejected_with_a_chinese_message(tmp_path, edit, message):
    text = edit(default_text())
    assert text != default_text()
    with pytest.raises(RubricError, match=re.escape(message)):
        load_rubric(write_rubric(tmp_path, text))


def test_a_missing_rubric_file_is_reported(tmp_path):
    with pytest.raises(RubricError, match="评分细则文件不存在"):
        load_rubric(tmp_path / "nope.toml")


# --------------------------------------------------------------------------------------------------------
# Real reports


def test_the_pipeline_scores_every_report(corpora):
    paths = [*sorted((corpora / "seeds").glob("*.txt")), SAMPLE, corpora / "real" / "huaian_city_2024.pdf"]
    for path in paths:
        analysis = analyze(path)
        assert "score" in analysis.timings
        result = analysis.score
        assert 0 <= result.total <= 100, path
        assert result.total == pytest.approx(100 - sum(d["points"] for d in result.deductions)), path
        assert {d["code"] for d in result.deductions} <= {c.code for c in analysis.checks}


def test_a_missing_part_costs_five_points(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("五、存在的主要问题"), text.index("六、其他需要报告的事项")
    damaged = tmp_path / "missing_part5.txt"
    damaged.write_text(text[:start] + text[end:], encoding="utf-8")
    before, after = analyze(SAMPLE).score, analyze(damaged).score
    missing = [d for d in after.deductions if d["code"] == "E3.missing_part"]
    assert len(missing) == 1 and missing[0]["points"] == 5 and "第5部分" in missing[0]["message"]
    # The part's own findings (E12 on its problems) go with it; completeness loses exactly the 5 points.
    assert after.dimensions["completeness"] == before.dimensions["completeness"] - 5


def test_the_cli_rejects_an_invalid_rubric_with_exit_code_2(tmp_path):
    rubric = write_rubric(tmp_path, default_text().replace('"差" = 0', '"差" = 10'))
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "summarize", str(SAMPLE), "--rubric", str(rubric)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "最低等级“差”的分数线应为 0" in result.stderr
