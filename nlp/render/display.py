"""How the renderers word stored values for people: years, times, shares, format versions and the points a
check cost. The HTML report, the exports and the summaries share these, so they never disagree."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from nlp.store import NO_INDEX

FORMAT_VERSION_NAMES = {
    "2021": "2021年版",
    "2019": "2019年版（试行）",
    "pre2019": "2019年以前（2008年《条例》）",
    "unknown": "不详",
}
"""``meta.format_version`` (contract values) as a reader knows the 年报 formats."""

TRUNCATED_CODE = "E3.truncated"
"""The check for a text that ends mid-sentence (probably only part of the report was read)."""
TRUNCATED_LABEL = "文本可能不完整"
MISSING_FILE_LABEL = "原文件已不存在"
"""The mark of a stored report whose file is gone (:meth:`nlp.store.Store.missing_reports`): still a result, not a
current file."""

READERS_OFFSET = timedelta(hours=8)
"""The readers' time zone (Beijing time): a time in it needs no zone, any other is labelled."""


def year_label(year: int | None) -> str:
    return f"{year}年度" if year else "年度不详"


def format_version_name(version: str | None) -> str | None:
    return FORMAT_VERSION_NAMES.get(version, version) if version else None


def index_label(index_sha256: str | None, index_path: str | None) -> str:
    """The corpus index results were judged against (:meth:`nlp.store.Store.indexes`): the ``--index`` folder as
    given or the shipped index, with the start of its fingerprint, which tells two builds in one folder apart."""
    if index_sha256 is None:
        return "未记录（旧版本写入的结果）"
    if index_sha256 == NO_INDEX:
        return "未使用语料索引"
    return f"{index_path or '自带索引'}（指纹 {index_sha256[:12]}）"


def local_time(timestamp: str | None) -> str:
    """A stored ISO timestamp (UTC, ``nlp.store.now``) as this machine's local time, "2026年11月22日 13:05",
    with the zone when it is not Beijing time ("（UTC）"); text that is no timestamp is returned as is."""
    if not timestamp:
        return ""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    text = f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    offset = local.utcoffset() or timedelta(0)
    return text if offset == READERS_OFFSET else f"{text}（{_zone(offset)}）"


def _zone(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def share_text(count: int, total: int) -> str:
    """``count`` of ``total`` as a percentage that never rounds a few to nothing or most to all."""
    if not total or not count:
        return "0%"
    share = count / total
    if share < 0.01:
        return "<1%"
    if share > 0.99 and count < total:
        return ">99%"
    return f"{share:.0%}"


def _key(item: dict[str, Any]) -> tuple:
    return item["code"], item.get("start"), item.get("end"), item.get("message")


def same_figure(figure: Any) -> tuple:
    """What makes two figures the same datum for a reader: a report that repeats "主动公开政府信息326条" in its
    overview and in part 二 has two figures (two places in the text) but one number to show."""
    return (figure.category, figure.metric, figure.value, figure.unit)


def check_deductions(checks: Sequence[dict[str, Any]], deductions: Sequence[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """The deduction of each check, or None for a check the score did not count.

    A deduction repeats its check's code, span and message (``nlp.score``); identical checks each take their
    own deduction, in order. What a check cost is read from here only, never from its severity: a rubric may
    charge for information or nothing for an error.
    """
    pending: dict[tuple, deque] = defaultdict(deque)
    for deduction in deductions:
        pending[_key(deduction)].append(deduction)
    return [pending[_key(check)].popleft() if pending[_key(check)] else None for check in checks]


def points_of(deduction: dict[str, Any] | None) -> float:
    return deduction["points"] if deduction else 0


def points_text(deduction: dict[str, Any] | None) -> str:
    """What a check cost, as "−3 分", "不扣分", or why a charged check cost less (the rubric's cap was reached)."""
    if deduction is None:
        return "不扣分"
    points, nominal = deduction["points"], deduction.get("nominal")
    cost = f"−{points:g} 分" if points else "不扣分"
    if deduction.get("capped") and nominal:
        return f"{cost}（已达扣分上限，原应扣 {nominal:g} 分）"
    return cost


def is_truncated(checks: Sequence[dict[str, Any]]) -> bool:
    return any(check["code"] == TRUNCATED_CODE for check in checks)
