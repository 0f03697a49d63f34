"""E10 copied from the same agency's earlier report, E11 copied across agencies in one batch.

E10 (``run``)
    With the previous year's report (``CheckContext.previous``), :func:`nlp.compare.compare` measures the share
    of each narrative part's characters that sit in sentences near-identical to last year's (digits masked).
    A part 五 at or above :data:`~nlp.compare.COPIED_PART_SHARE` (80%) is an error: the problems and measures
    are last year's, so nothing was fixed (CASS found 90% overlaps); part 一 at that level is a warning (the
    work may truly be the same, but the report does not show this year's). Part 六 is not judged: its fee and
    "无其他事项" statements are rightly the same every year. A "previous" report that is the same file, another
    agency's, or not of the year before is said as information (``E10.same_file`` / ``other_agency`` /
    ``not_previous_year``, :func:`nlp.compare.pairing_problems`): the comparison may mean nothing.
    Without a previous report, the judge stage's corpus evidence is used: sentences the same agency published
    in an earlier year's report in the corpus index (``Tag.earlier_years``). Index coverage is partial, so
    this is a warning for part 五 and information for parts 一 and 五 together.

E11 (``find_copy_clusters``; batch only, not part of ``run``)
    API for the bulk scorer and report::

        clusters = find_copy_clusters(analyses)           # analyses: list[Analysis] of one batch
        for cluster in clusters:
            cluster.part                                  # "overview" | "problems"
            cluster.members                               # indices into ``analyses``
            cluster.shares[i]                             # share of member i's part in shared sentences
            cluster.passages                              # shared sentences (evidence text), longest first
            cluster.checks[i]                             # the E11 Check for member i
        per_report = copy_checks(clusters, len(analyses))  # list[list[Check]], one list per analysis

    Every narrative sentence of the batch goes into an in-memory :class:`~nlp.index.CorpusIndex`; each report's
    sentences are looked up in it, and two reports of *different* agencies are linked in a part when one of them
    has at least :data:`CLUSTER_SHARE` of that part's characters, and at least :data:`MIN_SHARED_CHARS`
    characters, in sentences near-identical to the other's. Linked reports form clusters (connected
    components). Sentences that the shipped corpus index finds at :data:`~nlp.judge.COMMON_AGENCIES` or more
    agencies nationwide are template wording everybody uses, not copying within the batch, and do not count.
    A member's check is an error from 80% of its part shared, else a warning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from nlp.checks.context import CheckContext
from nlp.compare import COPIED_PART_SHARE, compare, pairing_problems
from nlp.index import CorpusIndex, IndexBuilder, Passage, SourceRecord, agency_key, analysis_passages, default_index
from nlp.judge import COMMON_AGENCIES
from nlp.labels import PART_NAMES
from nlp.model import Analysis, Check, Tag
from nlp.snippets import excerpt

JUDGED_PARTS = ("overview", "problems")
CLUSTER_SHARE = 0.5
MIN_SHARED_CHARS = 60
CORPUS_NARRATIVE_SHARE = 0.3
MAX_EVIDENCE = 3
MAX_NAMED_AGENCIES = 5


def _previous_year_checks(analysis: Analysis, previous: Analysis) -> list[Check]:
    pairing = [
        Check(code=f"E10.{code}", severity="info", message=message, evidence=previous.document.source.path)
        for code, message in pairing_problems(previous, analysis)
    ]
    if any(check.code == "E10.same_file" for check in pairing):
        return pairing
    comparison = compare(previous, analysis)
    year = f"{previous.meta.year}年度" if previous.meta.year else "上一年度"
    checks = pairing
    for key, severity in (("problems", "error"), ("overview", "warning")):
        similarity = comparison.part(key)
        part = analysis.part(key)
        if similarity is None or similarity.share < COPIED_PART_SHARE:
            continue
        copied = [c.new.text for c in comparison.copied if c.new.part == key]
        checks.append(
            Check(
                code="E10.copied_previous_year",
                severity=severity,
                message=(
                    f"“{PART_NAMES[key]}”与{year}报告雷同：{similarity.share:.0%} 的文字与上年报告近乎相同"
                    "（已忽略数字和年份差异）。"
                ),
                evidence=excerpt(copied, MAX_EVIDENCE),
                start=part.start if part else None,
                end=part.end if part else None,
            )
        )
    return checks


def _corpus_checks(analysis: Analysis) -> list[Check]:
    """Same-agency earlier-year copies found through the corpus index (``Tag.earlier_years``)."""
    narrative = [t for t in analysis.tags if t.part in JUDGED_PARTS]
    echoed = [t for t in narrative if t.earlier_years]
    if not echoed:
        return []
    years = "、".join(f"{y}年度" for y in sorted({y for t in echoed for y in t.earlier_years}))
    problems = [t for t in narrative if t.part == "problems"]
    share = _share([t for t in echoed if t.part == "problems"], problems)
    part = analysis.part("problems")
    if share >= COPIED_PART_SHARE:
        return [
            Check(
                code="E10.copied_earlier_report",
                severity="warning",
                message=f"“{PART_NAMES['problems']}”的 {share:.0%} 与语料库中本机关{years}报告近乎相同。",
                evidence=excerpt((t.text for t in echoed if t.part == "problems"), MAX_EVIDENCE),
                start=part.start if part else None,
                end=part.end if part else None,
            )
        ]
    overall = _share(echoed, narrative)
    if overall < CORPUS_NARRATIVE_SHARE:
        return []
    return [
        Check(
            code="E10.copied_earlier_report",
            severity="info",
            message=f"第一、五部分有 {overall:.0%} 的文字与语料库中本机关{years}报告近乎相同。",
            evidence=excerpt((t.text for t in echoed), MAX_EVIDENCE),
            start=echoed[0].start,
            end=echoed[0].end,
        )
    ]


def _share(selected: list[Tag], among: list[Tag]) -> float:
    total = sum(len(t.text) for t in among)
    return sum(len(t.text) for t in selected) / total if total else 0.0


def run(analysis: Analysis, context: CheckContext) -> list[Check]:
    if context.previous is not None:
        return _previous_year_checks(analysis, context.previous)
    return _corpus_checks(analysis)


# --- E11 -------------------------------------------------------------------------------------------------------


@dataclass
class CopyCluster:
    """Reports of different agencies in one batch whose ``part`` shares near-identical sentences."""

    part: str
    members: list[int]
    shares: dict[int, float]
    passages: list[str]
    checks: dict[int, Check] = field(default_factory=dict)


def _batch_index(analyses: list[Analysis]) -> tuple[CorpusIndex, list[str], list[list[Passage]]]:
    builder = IndexBuilder()
    keys, all_passages = [], []
    for number, analysis in enumerate(analyses):
        key = agency_key(analysis.meta.agency, analysis.document.source.path or str(number))
        found = analysis_passages(analysis)
        builder.add(SourceRecord(str(number), analysis.document.source.sha256, key, analysis.meta.year), found, analysis.meta.agency)
        keys.append(key)
        all_passages.append(found)
    return builder.build(), keys, all_passages


def _unique_queries(analyses: list[Analysis], all_passages: list[list[Passage]]) -> dict[tuple[str, str | None], int]:
    """Each distinct (sentence, agency) of the batch once: batches repeat sentences a lot (one template used by
    many offices, the same report in several formats), and every lookup costs a MinHash and a verification."""
    queries: dict[tuple[str, str | None], int] = {}
    for analysis, found in zip(analyses, all_passages):
        for passage in found:
            if passage.part in JUDGED_PARTS:
                queries.setdefault((passage.text, analysis.meta.agency), len(queries))
    return queries


def _search_all(index: CorpusIndex, queries: list[tuple[str, str | None]]) -> list[list]:
    by_agency: dict[str | None, list[int]] = defaultdict(list)
    for number, (_, agency) in enumerate(queries):
        by_agency[agency].append(number)
    results: list[list] = [[] for _ in queries]
    for agency, numbers in by_agency.items():
        for number, found in zip(numbers, index.search([queries[n][0] for n in numbers], agency=agency)):
            results[number] = found
    return results


def _template_flags(corpus: CorpusIndex | None, queries: list[tuple[str, str | None]]) -> list[bool]:
    """Sentences the shipped corpus finds at many agencies nationwide are template wording, not copying."""
    if corpus is None:
        return [False] * len(queries)
    by_agency: dict[str | None, list[int]] = defaultdict(list)
    for number, (_, agency) in enumerate(queries):
        by_agency[agency].append(number)
    flags = [False] * len(queries)
    for agency, numbers in by_agency.items():
        for number, lookup in zip(numbers, corpus.lookup([queries[n][0] for n in numbers], agency=agency)):
            flags[number] = lookup.commonness >= COMMON_AGENCIES
    return flags


def find_copy_clusters(analyses: list[Analysis], *, corpus: CorpusIndex | None = None) -> list[CopyCluster]:
    """Clusters of reports copying each other within the batch (see the module docstring). ``corpus`` is the
    index that tells template wording (the shipped one by default).

    Reports whose agency is unknown are never linked: without a name the batch cannot tell another agency's
    copy from the same report saved twice (DOCX and PDF of one report are routine in a batch).
    """
    corpus = corpus if corpus is not None else default_index()
    index, keys, all_passages = _batch_index(analyses)
    queries = _unique_queries(analyses, all_passages)
    query_list = list(queries)
    matches = _search_all(index, query_list)
    template = _template_flags(corpus, query_list)
    matched_reports = [sorted({int(index.sources[index.sentence_source[m.sentence]].ref) for m in found}) for found in matches]
    # shared[(part, i, j)]: characters of i's part in sentences near-identical to one of j's.
    shared: dict[tuple[str, int, int], int] = defaultdict(int)
    evidence: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for i, (analysis, found) in enumerate(zip(analyses, all_passages)):
        if not analysis.meta.agency:
            continue
        for passage in found:
            if passage.part not in JUDGED_PARTS:
                continue
            totals[(passage.part, i)] += len(passage.text)
            query = queries[(passage.text, analysis.meta.agency)]
            if template[query]:
                continue
            for j in matched_reports[query]:
                if (
                    analyses[j].meta.agency
                    and keys[j] != keys[i]
                    and analyses[j].document.source.sha256 != analysis.document.source.sha256
                ):
                    shared[(passage.part, i, j)] += len(passage.text)
                    evidence[(passage.part, i, j)].append(passage.text)
    clusters = []
    for part in JUDGED_PARTS:
        links = [
            (i, j)
            for (key, i, j), chars in shared.items()
            if key == part and chars >= MIN_SHARED_CHARS and chars / totals[(part, i)] >= CLUSTER_SHARE
        ]
        for members in _components(links):
            clusters.append(_cluster(part, members, analyses, keys, evidence, totals))
    return clusters


def _components(links: list[tuple[int, int]]) -> list[list[int]]:
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in links:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in list(parent):
        groups[root(node)].append(node)
    return sorted(sorted(group) for group in groups.values())


def _other_agencies(i: int, members: list[int], analyses: list[Analysis], keys: list[str]) -> str:
    """The other agencies of the cluster, each named once: the report's own agency is never "other", however
    many versions of its report the batch holds (a cluster joins them through the agency they all share text
    with). At most :data:`MAX_NAMED_AGENCIES` are named, then their number."""
    names: dict[str, str] = {}
    for j in members:
        if keys[j] != keys[i]:
            names.setdefault(keys[j], analyses[j].meta.agency or analyses[j].document.source.path)
    listed = "、".join(list(names.values())[:MAX_NAMED_AGENCIES])
    return listed if len(names) <= MAX_NAMED_AGENCIES else f"{listed}等 {len(names)} 个机关"


def _cluster(
    part: str,
    members: list[int],
    analyses: list[Analysis],
    keys: list[str],
    evidence: dict[tuple[str, int, int], list[str]],
    totals: dict[tuple[str, int], int],
) -> CopyCluster:
    shares: dict[int, float] = {}
    passages: list[str] = []
    for i in members:
        others = [j for j in members if j != i]
        texts = {text for j in others for text in evidence.get((part, i, j), [])}
        shares[i] = sum(len(t) for t in texts) / totals[(part, i)] if totals[(part, i)] else 0.0
        passages.extend(sorted(texts, key=len, reverse=True))
    passages = list(dict.fromkeys(sorted(passages, key=len, reverse=True)))
    cluster = CopyCluster(part, members, shares, passages)
    for i in members:
        names = _other_agencies(i, members, analyses, keys)
        section = analyses[i].part(part)
        cluster.checks[i] = Check(
            code="E11.copied_across_agencies",
            severity="error" if shares[i] >= COPIED_PART_SHARE else "warning",
            message=f"“{PART_NAMES[part]}”与同批次其他机关（{names}）的报告雷同：{shares[i]:.0%} 的文字近乎相同。",
            evidence=excerpt(passages, MAX_EVIDENCE),
            start=section.start if section else None,
            end=section.end if section else None,
        )
    return cluster


def copy_checks(clusters: list[CopyCluster], count: int) -> list[list[Check]]:
    """The E11 checks of each of the ``count`` analyses of the batch, in batch order."""
    per_report: list[list[Check]] = [[] for _ in range(count)]
    for cluster in clusters:
        for member, check in cluster.checks.items():
            per_report[member].append(check)
    return per_report
