"""Corpus index: normalisation, exact verification, LSH search, persistence without text, the shipped index.

Constructed sentences are fictional; the shipped-index tests read the real corpora only to query it.
"""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from typer.testing import CliRunner

from cli.main import app
from nlp.index import (
    DEFAULT_INDEX_DIR,
    CorpusIndex,
    IndexBuilder,
    Passage,
    SourceRecord,
    agency_key,
    build_index,
    default_index,
    iter_corpus_reports,
    normalize_sentence,
    pair_jaccard,
    shingle_sets,
)

SHARED = "本年度我局依托门户网站政务公开专栏集中发布环评审批结果和行政处罚决定，做到应公开尽公开。"
OTHER = "鹭汀市青禾区今年在河道沿线新建了四座污水提升泵站并完成管网改造工程验收工作。"


def passages(*texts: str) -> list[Passage]:
    return [Passage(10 * i, 10 * i + len(t), t, "overview", None) for i, t in enumerate(texts)]


def small_index(rows: list[tuple[str, str, int, list[str]]]) -> CorpusIndex:
    """rows: (ref, agency, year, sentences)."""
    builder = IndexBuilder()
    for ref, agency, year, texts in rows:
        builder.add(SourceRecord(ref, f"sha-{ref}", agency_key(agency, ref), year), passages(*texts), agency)
    return builder.build()


def test_normalisation_masks_years_counts_agency_and_punctuation():
    a = normalize_sentence("2023年，青禾区生态环境局共发布信息12条、解读三篇。", "青禾区生态环境局")
    b = normalize_sentence("2024年,我局共发布信息15条，解读五篇", "白沙区生态环境局")
    assert a == b == "#年@共发布信息#条解读#篇"


def test_agency_key_drops_notes_and_keeps_unknown_agencies_apart():
    assert agency_key("海关总署(百科站转载,繁体)", "r1") == agency_key("海关总署", "r2") == "海关总署"
    assert agency_key("某区统计局(名称不详)", "r1") != agency_key("某区统计局(名称不详)", "r2")
    assert agency_key(None, "r3") == "?r3"


def test_pair_jaccard_is_exact():
    rng = random.Random(3)
    texts = ["".join(rng.choice("公开信息政务平台栏目解读答复申请") for _ in range(rng.randint(5, 40))) for _ in range(60)]
    values, offsets = shingle_sets(texts, 3)
    left, right = np.arange(60).repeat(60), np.tile(np.arange(60), 60)
    computed = pair_jaccard((values, offsets), left, (values, offsets), right)
    sets = [set(values[offsets[i] : offsets[i + 1]].tolist()) for i in range(60)]
    expected = [len(sets[i] & sets[j]) / len(sets[i] | sets[j]) if sets[i] | sets[j] else 0.0 for i, j in zip(left, right)]
    assert np.allclose(computed, expected)


def test_lsh_search_finds_every_near_duplicate_a_brute_force_finds():
    rng = random.Random(11)
    base = [SHARED, OTHER, "全年组织信息公开业务培训四次，参训人员覆盖各科室兼职信息员和分管领导。"]
    rows = []
    for number in range(40):
        edited = []
        for text in base:
            chars = list(text)
            for _ in range(rng.randint(0, 3)):
                chars[rng.randrange(len(chars))] = rng.choice("局委办公开申请")
            edited.append("".join(chars))
        rows.append((f"r{number}", f"第{number}机关", 2024, edited))
    index = small_index(rows)
    values, offsets = index.values, index.offsets
    for query in range(0, len(index), 7):
        everyone = np.arange(len(index))
        truth = pair_jaccard((values, offsets), np.full(len(index), query), (values, offsets), everyone)
        expected = set(np.flatnonzero(truth >= index.params.threshold).tolist())
        source = index.sources[index.sentence_source[query]]
        text = rows[int(source.ref[1:])][3][query % 3]
        found = {m.sentence for m in index.search([text], agency=source.agency)[0]}
        assert expected <= found and query in found


def test_lookup_counts_other_agencies_and_sets_the_same_agency_apart():
    index = small_index(
        [
            ("a23", "青禾区生态环境局", 2023, [SHARED, OTHER]),
            ("b24", "白沙区生态环境局", 2024, [SHARED.replace("审批结果", "审批意见")]),
            ("c24", "白沙区水务局", 2024, [SHARED.replace("本年度", "2024年")]),
            ("d24", "白沙区交通运输局", 2024, [OTHER]),
        ]
    )
    [shared, other, unseen] = index.lookup([SHARED, OTHER, "完全不同的一句话用于检验查不到的情形。"], agency="青禾区生态环境局")
    assert shared.commonness == 2 and set(shared.agencies) == {"白沙区生态环境局", "白沙区水务局"}
    assert [(m.ref, m.year) for m in shared.same_agency] == [("a23", 2023)]
    assert other.commonness == 1 and other.agencies == ("白沙区交通运输局",)
    assert unseen.commonness == 0 and not unseen.same_agency
    # The report itself (same sha256) is never its own evidence.
    [own] = index.lookup([OTHER], agency=None, sha256="sha-a23")
    assert own.agencies == ("白沙区交通运输局",)


def test_short_sentences_are_not_indexed():
    index = small_index([("a", "甲局", 2024, ["本年度无。", SHARED])])
    assert len(index) == 1
    assert index.lookup(["本年度无。"])[0].commonness == 0


def test_saved_index_round_trips_and_holds_no_text(tmp_path):
    index = small_index([("a", "青禾区生态环境局", 2024, [SHARED, OTHER]), ("b", "白沙区水务局", 2024, [SHARED])])
    index.save(tmp_path)
    loaded = CorpusIndex.load(tmp_path)
    assert loaded.lookup([SHARED], agency="白沙区水务局") == index.lookup([SHARED], agency="白沙区水务局")
    stored = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    for text in (SHARED, OTHER):
        for piece in (text[:8], normalize_sentence(text)[:8]):
            assert piece.encode("utf-8") not in stored
            assert piece.encode("utf-32-le") not in stored


def test_jsonl_rows_are_reports_of_their_agency(tmp_path):
    rows = [
        {"id": "x1", "agency": "青禾区生态环境局(第三方镜像站)", "year": 2023, "text": f"一、总体情况\n{SHARED}\n{OTHER}"},
        {"id": "x2", "agency": "白沙区水务局", "year": 2024, "text": f"一、总体情况\n{SHARED}"},
    ]
    pages = tmp_path / "pages.jsonl"
    pages.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")
    reports = list(iter_corpus_reports([pages]))
    assert [(r.ref.endswith("#x1"), r.agency, r.year) for r, _, _ in reports][0] == (True, "青禾区生态环境局", 2023)
    index = build_index([pages])
    assert index.lookup([SHARED], agency="赤岭区财政局")[0].commonness == 2


def test_cli_builds_an_index(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name, agency in (("a.txt", "青禾区生态环境局"), ("b.txt", "白沙区水务局")):
        (reports / name).write_text(f"{agency}2024年政府信息公开工作年度报告\n一、总体情况\n{SHARED}\n", encoding="utf-8")
    out = tmp_path / "index"
    result = CliRunner().invoke(app, ["index", "build", str(reports), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "报告 2 份" in result.output
    assert CorpusIndex.load(out).lookup([SHARED], agency="赤岭区财政局")[0].commonness == 2


@pytest.mark.skipif(not (DEFAULT_INDEX_DIR / "index.json").is_file(), reason="no shipped index")
def test_shipped_index_knows_the_template_sentences_of_real_reports(corpora):
    index = default_index()
    assert index is not None and len(index) > 5000 and len(index.agencies) > 500
    reports = {record.ref: (record, found, agency) for record, found, agency in iter_corpus_reports([corpora / "seeds"])}
    record, found, agency = reports["seeds/002_b2662e0c1d87a114.txt"]
    lookups = index.lookup([p.text for p in found], agency=agency, sha256=record.sha256)
    period = next(lookup for p, lookup in zip(found, lookups) if "统计期限" in p.text)
    assert period.commonness >= 3  # "报告中所列数据的统计期限为…" is in every other report
    # The report itself is in the index, but never counts for itself.
    assert all(lookup.commonness == 0 for p, lookup in zip(found, lookups) if "和田" in p.text and "7项" in p.text)


@pytest.mark.skipif(not (DEFAULT_INDEX_DIR / "index.json").is_file(), reason="no shipped index")
def test_shipped_index_stores_no_real_text(corpora):
    stored = b"".join(path.read_bytes() for path in DEFAULT_INDEX_DIR.iterdir() if path.is_file())
    for _, found, _ in iter_corpus_reports([corpora / "seeds"]):
        for passage in found:
            if len(passage.text) >= 12:
                assert passage.text[:12].encode("utf-8") not in stored
