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


# --- building and using an office's own index from the command line -------------------------------------------


def _reports(folder, agencies: list[str], sentence: str = SHARED):
    folder.mkdir()
    for number, agency in enumerate(agencies):
        (folder / f"{number}.txt").write_text(
            f"{agency}2024年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n", encoding="utf-8"
        )
    return folder


def test_index_build_lists_each_file_it_could_not_read_with_the_reason(tmp_path):
    folder = _reports(tmp_path / "reports", ["青禾区生态环境局", "白沙区水务局"])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.docx").write_bytes(b"not a zip archive")
    (folder / "image.jpg").write_bytes(b"\xff\xd8\xff")
    out = tmp_path / "index"
    result = CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(out)], env={"COLUMNS": "300"})
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert any(str(folder / "empty.txt") in line and "文件为空" in line and "the file is empty" in line for line in lines)
    assert any(str(folder / "garbage.docx") in line and "不是有效的 DOCX" in line for line in lines)
    assert any(line.startswith("跳过 1 个不支持格式的文件") and str(folder / "image.jpg") in line for line in lines)
    assert "报告 2 份" in result.stdout and "另有 3 个文件无法读取、不支持或不是年度报告" in result.stdout
    assert len(CorpusIndex.load(out).sources) == 2  # the readable reports are indexed all the same

    alone = CliRunner().invoke(app, ["index", "build", str(folder / "empty.txt"), "--out", str(tmp_path / "i2")])
    assert alone.exit_code == 1
    assert f"无法读取文件 {folder / 'empty.txt'}：文件为空" in alone.stderr and "没有读到任何可索引的句子" in alone.stderr


def test_index_build_leaves_out_the_blank_template_as_analyze_does(tmp_path, template):
    from nlp.errors import ReportError
    from nlp.pipeline import analyze

    folder = _reports(tmp_path / "reports", ["青禾区生态环境局", "白沙区水务局"])
    blank = folder / "模板 空白.docx"
    blank.write_bytes(template.read_bytes())
    with pytest.raises(ReportError) as refused:
        analyze(blank)
    out = tmp_path / "index"
    result = CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(out)], env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.output
    assert f"错误：{refused.value.message}" in result.stderr and "像是空白模板" in result.stderr
    assert "报告 2 份" in result.stdout and "另有 1 个文件无法读取、不支持或不是年度报告" in result.stdout
    assert sorted(record.ref for record in CorpusIndex.load(out).sources) == [str(folder / "0.txt"), str(folder / "1.txt")]


def test_index_build_indexes_identical_files_once_and_lists_the_copies(tmp_path):
    folder = _reports(tmp_path / "reports", ["青禾区生态环境局", "白沙区水务局"])
    (folder / "0 副本.txt").write_bytes((folder / "0.txt").read_bytes())
    out = tmp_path / "index"
    result = CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(out)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert f"重复：{folder / '0.txt'} 与 {folder / '0 副本.txt'} 内容完全相同（只建入索引一次）。" in result.stderr
    assert "报告 2 份" in result.stdout and "1 个文件与其他文件内容完全相同，只建入一次" in result.stdout
    assert len(CorpusIndex.load(out).sources) == 2


def test_index_build_does_not_overwrite_an_index_without_force(tmp_path):
    folder = _reports(tmp_path / "reports", ["青禾区生态环境局", "白沙区水务局"])
    out = tmp_path / "index"
    assert CliRunner().invoke(app, ["index", "build", str(folder / "0.txt"), "--out", str(out)]).exit_code == 0
    before = (out / "index.json").read_bytes()
    refused = CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(out)], env={"COLUMNS": "300"})
    assert refused.exit_code == 2
    assert f"{out} 中已有语料索引，未覆盖；如确需替换，请加 --force" in refused.stderr
    assert f"/ {out} already holds a corpus index, not overwritten: add --force" in refused.stderr
    assert (out / "index.json").read_bytes() == before
    forced = CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(out), "--force"])
    assert forced.exit_code == 0 and len(CorpusIndex.load(out).sources) == 2
    help_page = CliRunner().invoke(app, ["index", "build", "--help"], env={"COLUMNS": "300"}).stdout
    assert "例如 models/index" not in help_page and "--index" in help_page


def test_analyze_score_and_summarize_judge_against_the_index_given(tmp_path):
    from nlp.config import PROJECT_ROOT
    from nlp.pipeline import analyze

    sample = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
    analysis = analyze(sample)
    sentence = next(
        tag.text for tag in analysis.tags if len(tag.text) > 30 and tag.commonness == 0 and analysis.meta.agency not in tag.text
    )
    agencies = ["青禾区水务局", "白沙区财政局", "赤岭区教育局", "东港区民政局"]
    index = tmp_path / "index"
    folder = _reports(tmp_path / "reports", agencies, sentence)
    assert CliRunner().invoke(app, ["index", "build", str(folder), "--out", str(index)]).exit_code == 0

    def commonness(data: dict) -> int:
        return next(tag["commonness"] for tag in data["tags"] if tag["text"] == sentence)

    analysed = CliRunner().invoke(app, ["analyze", str(sample), "--index", str(index)])
    assert analysed.exit_code == 0, analysed.output
    assert commonness(json.loads(analysed.stdout)) == len(agencies)

    db = tmp_path / "results.sqlite"
    scored = CliRunner().invoke(app, ["score", str(sample), "--db", str(db), "--index", str(index), "--jobs", "2"])
    assert scored.exit_code == 0, scored.output
    from nlp.store import Store

    with Store(db, read_only=True) as store:
        ((_, data),) = list(store.iter_report_data())
    assert commonness(data) == len(agencies)

    summary = CliRunner().invoke(app, ["summarize", str(sample), "--format", "json", "--index", str(index)])
    assert summary.exit_code == 0, summary.output


@pytest.mark.parametrize("command", ["analyze", "summarize", "score"])
def test_an_unusable_index_is_a_bilingual_usage_error(tmp_path, command):
    from nlp.config import PROJECT_ROOT

    sample = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
    not_an_index = tmp_path / "报告"
    not_an_index.mkdir()
    broken = tmp_path / "坏索引"
    broken.mkdir()
    (broken / "index.json").write_text("{}", encoding="utf-8")
    db = tmp_path / "r.sqlite"
    extra = ["--db", str(db)] if command == "score" else []
    for index, reason in (
        (tmp_path / "没有这个目录", "目录不存在"),
        (not_an_index, "文件夹中没有 index.json，不是 govreport index build 生成的语料索引"),
        (broken, "文件不完整或格式不符（ValueError），请用 govreport index build 重新构建"),
    ):
        result = CliRunner().invoke(app, [command, str(sample), *extra, "--index", str(index)], env={"COLUMNS": "300"})
        assert result.exit_code == 2, result.output
        assert f"错误：无法使用语料索引 {index}：{reason}。/ Cannot use the corpus index" in result.stderr
        assert not db.exists() and result.stdout == ""
