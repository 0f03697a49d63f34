"""``score(analysis, rubric) -> Score``: turn the checks into a 0–100 score an oversight office can defend.

The rubric is a TOML file (default ``nlp/resources/rubric.toml``, documented there) rather than code, because
offices publish their own 考评细则 and must be able to audit and change the weights without a developer.
Scoring is deliberately simple arithmetic: each check costs points by its code (longest prefix rule), a cap
per rule keeps one defect family from zeroing the score, each dimension stops at 0, and every deduction
carries the check it comes from. So ``total == max_score - sum(d["points"] for d in deductions)`` always holds,
and a reviewer can retrace every point.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.config import RESOURCES
from nlp.errors import os_reason
from nlp.model import Analysis, Check, Score

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

DEFAULT_RUBRIC = RESOURCES / "rubric.toml"
SEVERITIES = ("error", "warning", "info")
_TOP_LEVEL_KEYS = {
    "name",
    "version",
    "max_score",
    "unassigned_dimension",
    "default_cap",
    "severity_points",
    "grades",
    "dimensions",
    "codes",
}
_REQUIRED_KEYS = ("max_score", "unassigned_dimension", "default_cap", "severity_points", "grades", "dimensions")


class RubricError(ValueError):
    """A rubric file that cannot be used. The message is Chinese / English: it is shown to the user as is."""


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    weight: float
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """What the checks whose code starts with ``prefix`` cost: per-severity points and a shared cap."""

    prefix: str
    points: dict[str, float] | None
    cap: float | None


@dataclass(frozen=True)
class Rubric:
    name: str
    version: str
    max_score: float
    grades: tuple[tuple[str, float], ...]  # (label, threshold), highest threshold first
    dimensions: dict[str, Dimension]
    code_dimensions: dict[str, str]  # code prefix -> dimension key
    severity_points: dict[str, float]
    default_cap: float
    unassigned_dimension: str
    rules: dict[str, Rule]
    path: str
    sha256: str

    def rule_for(self, code: str) -> Rule | None:
        prefix = _longest_prefix(code, self.rules)
        return self.rules[prefix] if prefix else None

    def dimension_for(self, code: str) -> str:
        prefix = _longest_prefix(code, self.code_dimensions)
        return self.code_dimensions[prefix] if prefix else self.unassigned_dimension

    def grade(self, total: float) -> str:
        return next(label for label, threshold in self.grades if total >= threshold)


def _matches(code: str, prefix: str) -> bool:
    """Prefix match on dot boundaries: "E1" matches "E1" and "E1.late_publication", never "E10.x"."""
    return code == prefix or code.startswith(prefix + ".")


def _longest_prefix(code: str, prefixes) -> str | None:
    return max((p for p in prefixes if _matches(code, p)), key=len, default=None)


def family(code: str) -> str:
    """The code family ("E5" of "E5.requests_balance"), the unit of the default cap and of report statistics."""
    return code.split(".", 1)[0]


# --------------------------------------------------------------------------------------------------------
# Loading and validating rubric files


def load_rubric(path: str | Path | None = None) -> Rubric:
    """The rubric in ``path`` (the packaged default when None), validated; raises :class:`RubricError`."""
    return _load_rubric(str(Path(path).resolve()) if path is not None else str(DEFAULT_RUBRIC))


@lru_cache(maxsize=8)
def _load_rubric(path: str) -> Rubric:
    """Cached: bulk workers score thousands of reports with one rubric and should parse it once."""
    file = Path(path)
    if not file.is_file():
        raise RubricError(f"评分细则文件不存在：{path}。/ No rubric file at {path}.")
    try:
        data = file.read_bytes()
    except OSError as error:
        reason, reason_en = os_reason(error, "读取")
        raise RubricError(f"无法读取评分细则文件 {path}：{reason}。/ Cannot read rubric {path}: {reason_en}.") from None
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise RubricError(
            f"评分细则文件 {path} 不是 UTF-8 编码的文本文件。/ Rubric {path} is not a UTF-8 text file."
        ) from None
    except tomllib.TOMLDecodeError as error:
        detail = str(error).rstrip(".")
        raise RubricError(
            f"评分细则文件 {path} 不是有效的 TOML 格式（{_toml_position(detail)}）。/ Rubric {path} is not valid TOML: {detail}."
        ) from None
    return _parse_rubric(raw, path, hashlib.sha256(data).hexdigest())


def _toml_position(detail: str) -> str:
    """Where the TOML parser stopped, in Chinese: tomllib's messages end "(at line 3, column 6)" or "(at end of
    document)"; the rest of its message (the expected token) is left to the English line."""
    position = re.search(r"\(at line (\d+), column (\d+)\)$", detail)
    if position:
        return f"位置：第 {position[1]} 行第 {position[2]} 列"
    if detail.endswith("(at end of document)"):
        return "位置：文件末尾"
    return "语法错误"


def _parse_rubric(raw: dict[str, Any], path: str, sha256: str) -> Rubric:
    name = Path(path).name

    def fail(message: str, message_en: str) -> RubricError:
        return RubricError(f"评分细则 {name}：{message} / Rubric {name}: {message_en}")

    unknown = sorted(set(raw) - _TOP_LEVEL_KEYS)
    if unknown:
        raise fail(
            f"未知的配置项 {'、'.join(unknown)}（可用：{'、'.join(sorted(_TOP_LEVEL_KEYS))}）。",
            f"unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_TOP_LEVEL_KEYS))}).",
        )
    missing = [key for key in _REQUIRED_KEYS if key not in raw]
    if missing:
        raise fail(f"缺少必填项 {'、'.join(missing)}。", f"missing required key(s) {', '.join(missing)}.")

    max_score = _number(raw["max_score"], "max_score", fail, positive=True)
    default_cap = _number(raw["default_cap"], "default_cap", fail)
    severity_points = _severity_table(raw["severity_points"], "severity_points", fail, complete=True)

    dimensions = _dimensions(raw["dimensions"], fail)
    total_weight = sum(d.weight for d in dimensions.values())
    if not math.isclose(total_weight, max_score, abs_tol=1e-6):
        raise fail(
            f"各维度权重之和为 {total_weight:g}，应等于满分 max_score = {max_score:g}。",
            f"the dimension weights add up to {total_weight:g}, not to max_score = {max_score:g}.",
        )
    unassigned = raw["unassigned_dimension"]
    if unassigned not in dimensions:
        raise fail(
            f"unassigned_dimension = “{unassigned}” 不是已定义的维度（{'、'.join(dimensions)}）。",
            f"unassigned_dimension = '{unassigned}' is not a defined dimension ({', '.join(dimensions)}).",
        )

    grades = _grades(raw["grades"], max_score, fail)
    rules = _rules(raw.get("codes", {}), fail)
    return Rubric(
        name=str(raw.get("name") or Path(path).stem),
        version=str(raw.get("version", "")),
        max_score=max_score,
        grades=grades,
        dimensions=dimensions,
        code_dimensions={prefix: key for key, d in dimensions.items() for prefix in d.codes},
        severity_points=severity_points,
        default_cap=default_cap,
        unassigned_dimension=unassigned,
        rules=rules,
        path=path,
        sha256=sha256,
    )


def _number(value: Any, name: str, fail, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (positive and value == 0):
        kind, kind_en = ("正数", "a positive number") if positive else ("不小于 0 的数", "a number ≥ 0")
        raise fail(f"{name} 应为{kind}，实际为 {value!r}。", f"{name} should be {kind_en}, not {value!r}.")
    return float(value)


def _severity_table(value: Any, name: str, fail, *, complete: bool) -> dict[str, float]:
    if not isinstance(value, dict):
        raise fail(
            f"{name} 应为表（如 {{ error = 3, warning = 1, info = 0 }}），实际为 {value!r}。",
            f"{name} should be a table (e.g. {{ error = 3, warning = 1, info = 0 }}), not {value!r}.",
        )
    unknown = sorted(set(value) - set(SEVERITIES))
    if unknown:
        raise fail(
            f"{name} 中的严重程度 {'、'.join(unknown)} 无效，只能是 error、warning、info。",
            f"{name}: unknown severity {', '.join(unknown)} (use error, warning, info).",
        )
    if complete and set(value) != set(SEVERITIES):
        missing = [s for s in SEVERITIES if s not in value]
        raise fail(f"{name} 缺少严重程度 {'、'.join(missing)} 的分值。", f"{name} has no points for {', '.join(missing)}.")
    return {severity: _number(points, f"{name}.{severity}", fail) for severity, points in value.items()}


def _dimensions(value: Any, fail) -> dict[str, Dimension]:
    if not isinstance(value, dict) or not value:
        raise fail(
            "dimensions 应至少定义一个维度，如 [dimensions.completeness]。",
            "dimensions should define at least one dimension, e.g. [dimensions.completeness].",
        )
    dimensions: dict[str, Dimension] = {}
    owner: dict[str, str] = {}
    for key, spec in value.items():
        if not isinstance(spec, dict):
            raise fail(f"维度 {key} 应为表，含 label、weight、codes。", f"dimension {key} should be a table of label, weight, codes.")
        unknown = sorted(set(spec) - {"label", "weight", "codes"})
        if unknown:
            raise fail(
                f"维度 {key} 含未知的配置项 {'、'.join(unknown)}（可用：label、weight、codes）。",
                f"dimension {key} has unknown key(s) {', '.join(unknown)} (known: label, weight, codes).",
            )
        if "weight" not in spec:
            raise fail(f"维度 {key} 缺少权重 weight。", f"dimension {key} has no weight.")
        codes = spec.get("codes", [])
        if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
            raise fail(
                f'维度 {key} 的 codes 应为核查代码列表，如 ["E3", "E4"]。',
                f'codes of dimension {key} should be a list of check codes, e.g. ["E3", "E4"].',
            )
        for code in codes:
            if code in owner:
                raise fail(
                    f"核查代码 {code} 同时属于维度 {owner[code]} 和 {key}。",
                    f"check code {code} belongs to both dimensions {owner[code]} and {key}.",
                )
            owner[code] = key
        dimensions[key] = Dimension(
            key=key,
            label=str(spec.get("label") or key),
            weight=_number(spec["weight"], f"dimensions.{key}.weight", fail),
            codes=tuple(codes),
        )
    return dimensions


def _grades(value: Any, max_score: float, fail) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict) or not value:
        raise fail('grades 应至少定义一个等级，如 "优" = 90。', 'grades should define at least one grade, e.g. "优" = 90.')
    grades = []
    for label, threshold in value.items():
        threshold = _number(threshold, f"grades.{label}", fail)
        if threshold > max_score:
            raise fail(
                f"等级“{label}”的分数线 {threshold:g} 超过满分 {max_score:g}。",
                f"the threshold {threshold:g} of grade '{label}' exceeds max_score {max_score:g}.",
            )
        grades.append((label, threshold))
    grades.sort(key=lambda item: -item[1])
    if grades[-1][1] != 0:
        raise fail(
            f"最低等级“{grades[-1][0]}”的分数线应为 0，否则低分报告没有等级。",
            f"the lowest grade '{grades[-1][0]}' should start at 0, or low scores get no grade.",
        )
    return tuple(grades)


def _rules(value: Any, fail) -> dict[str, Rule]:
    if not isinstance(value, dict):
        raise fail("codes 应为表，如 [codes.E5] points = 3。", "codes should be a table, e.g. [codes.E5] points = 3.")
    rules = {}
    for prefix, spec in value.items():
        if not isinstance(spec, dict):
            raise fail(
                f"核查代码 {prefix} 的规则应为表，含 points 和/或 cap。",
                f"the rule of check code {prefix} should be a table of points and/or cap.",
            )
        unknown = sorted(set(spec) - {"points", "cap"})
        if unknown:
            raise fail(
                f"核查代码 {prefix} 的规则含未知的配置项 {'、'.join(unknown)}（可用：points、cap）。",
                f"the rule of check code {prefix} has unknown key(s) {', '.join(unknown)} (known: points, cap).",
            )
        points = spec.get("points")
        if points is None:
            by_severity = None
        elif isinstance(points, dict):
            by_severity = _severity_table(points, f"codes.{prefix}.points", fail, complete=False)
        else:
            one = _number(points, f"codes.{prefix}.points", fail)
            by_severity = {severity: one for severity in SEVERITIES}
        cap = _number(spec["cap"], f"codes.{prefix}.cap", fail) if "cap" in spec else None
        rules[prefix] = Rule(prefix=prefix, points=by_severity, cap=cap)
    return rules


# --------------------------------------------------------------------------------------------------------
# Scoring


def score(analysis: Analysis, rubric: Rubric | None = None) -> Score:
    """The score of ``analysis`` under ``rubric`` (the default rubric when None), with one deduction per check.

    Checks are taken in their order in ``analysis.checks`` (errors first, then by position), so when a cap is
    reached it is the later, less severe findings that are marked ``capped`` and cost less or nothing.
    Checks whose nominal cost is 0 (information) are not deductions and are left out.
    """
    rubric = rubric or load_rubric()
    remaining_dimension = {key: d.weight for key, d in rubric.dimensions.items()}
    remaining_bucket: dict[str, float] = {}
    deductions = []
    for check in analysis.checks:
        rule = rubric.rule_for(check.code)
        nominal = _nominal_points(check, rule, rubric)
        if nominal <= 0:
            continue
        bucket = rule.prefix if rule else family(check.code)
        cap = rule.cap if rule and rule.cap is not None else rubric.default_cap
        dimension = rubric.dimension_for(check.code)
        points = min(nominal, remaining_bucket.get(bucket, cap), remaining_dimension[dimension])
        remaining_bucket[bucket] = remaining_bucket.get(bucket, cap) - points
        remaining_dimension[dimension] -= points
        deductions.append(
            {
                "code": check.code,
                "severity": check.severity,
                "dimension": dimension,
                "rule": bucket,
                "points": round(points, 4),
                "nominal": nominal,
                "capped": points < nominal,
                "message": check.message,
                "evidence": check.evidence,
                "start": check.start,
                "end": check.end,
            }
        )
    dimensions = {key: round(value, 4) for key, value in remaining_dimension.items()}
    total = round(sum(dimensions.values()), 2)
    return Score(total=total, grade=rubric.grade(total), dimensions=dimensions, deductions=deductions)


def _nominal_points(check: Check, rule: Rule | None, rubric: Rubric) -> float:
    if rule and rule.points is not None and check.severity in rule.points:
        return rule.points[check.severity]
    return rubric.severity_points.get(check.severity, 0.0)
