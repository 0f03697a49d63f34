"""The sentence tagger: the committed model, its spaCy component, the corpus loader and `govreport train`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import joblib
import numpy as np
import pytest
from typer.testing import CliRunner

from cli.main import app
from nlp.corpus import (
    ANNOTATIONS_DIR,
    PASSAGES_FILE,
    SYNTHETIC_FILE,
    check_record,
    file_sha256,
    fixed_groups,
    heldout_groups,
    load_corpus,
    passage_examples,
    surface_sha1,
    synthetic_examples,
    train_model,
    weak_examples,
)
from nlp.model import Block, Document, Source
from nlp.normalize import normalize
from nlp.readers import read
from nlp.segment import find_parts
from nlp.tagger import (
    LABELS,
    CompiledTagger,
    SentenceInput,
    add_tag_spans,
    compile_model,
    default_model_path,
    fit,
    keyword_baseline,
    load_model,
    locate,
    register_component,
    tag_sentences,
)

SEED_004 = "seeds/004_d9116de1bb1d21a9.txt"


@pytest.fixture(scope="module")
def seed_text(corpora: Path) -> str:
    return (corpora / SEED_004).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_annotations(corpora: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's annotations of the seeds and the PDF only: a corpus small enough to train in a test."""
    records = [
        line
        for path in sorted(ANNOTATIONS_DIR.glob("sentences*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not json.loads(line)["source"].startswith("pages/")
    ]
    directory = tmp_path_factory.mktemp("annotations")
    (directory / "sentences_small.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return directory


def test_committed_model_is_small_and_described():
    path = default_model_path()
    assert path.is_file(), "models/tagger.joblib is missing: run `govreport train --corpus ../shared/corpora`"
    assert path.stat().st_size < 20_000_000
    metadata = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(metadata["labels"]) <= set(LABELS) and {"problem", "measure", "preamble"} <= set(metadata["labels"])
    assert {"scikit-learn", "jieba", "numpy"} <= set(metadata["versions"])
    assert re.fullmatch(r"[0-9a-f]{64}", metadata["training_data_sha256"])
    assert 0.0 < metadata["heldout"]["metrics"]["macro_f1"] <= 1.0
    assert isinstance(load_model(), CompiledTagger)


def test_predictions_are_deterministic(seed_text):
    parts = find_parts(seed_text)
    first = tag_sentences(seed_text, parts)
    again = tag_sentences(seed_text, parts)
    fresh = joblib.load(default_model_path()).predict_proba([SentenceInput(t.text, t.part, t.subsection) for t in first])
    assert [(t.label, t.score, t.start, t.end) for t in first] == [(t.label, t.score, t.start, t.end) for t in again]
    assert np.array_equal(fresh, load_model().predict_proba([SentenceInput(t.text, t.part, t.subsection) for t in first]))


def test_every_tag_is_a_labelled_sentence_of_the_text(seed_text):
    tags = tag_sentences(seed_text, find_parts(seed_text))
    assert len(tags) > 40
    for tag in tags:
        assert tag.label in LABELS and 0.0 < tag.score <= 1.0
        assert seed_text[tag.start : tag.end] == tag.text
    assert [t.start for t in tags] == sorted(t.start for t in tags)


def test_seed_problems_and_measures(seed_text):
    """Seed 004's part 五: the "(一) 存在的问题" items are problems, the "（二）改进措施" items are measures."""
    problems = next(p for p in find_parts(seed_text) if p.key == "problems")
    problems_heading = seed_text.index("存在的问题", problems.start)
    measures_heading = seed_text.index("改进措施", problems_heading)
    tags = [t for t in tag_sentences(seed_text, find_parts(seed_text)) if problems.start <= t.start < problems.end]
    under_problems = [t for t in tags if problems_heading < t.start < measures_heading]
    under_measures = [t for t in tags if t.start > measures_heading]
    assert len(under_problems) == 6 and len(under_measures) == 7
    assert [t.label for t in under_problems] == ["problem"] * 6
    assert [t.label for t in under_measures] == ["measure"] * 7
    assert all(t.part == "problems" for t in tags)


def test_sentences_carry_their_neighbours_within_the_part(seed_text):
    parts = find_parts(seed_text)
    located = locate(seed_text, parts)
    problems = next(p for p in parts if p.key == "problems")
    in_part = [item for start, _, item in located if problems.start <= start < problems.end]
    assert len(in_part) > 10
    assert in_part[0].previous == "" and in_part[-1].following == ""
    for before, item, after in zip(in_part, in_part[1:], in_part[2:]):
        assert (item.previous, item.following) == (before.text, after.text)
    # the first sentence after part 五 does not look back into it
    after_part = next(item for start, _, item in located if start >= problems.end)
    assert after_part.previous == ""


def test_text_after_a_heading_of_no_part_belongs_to_no_part():
    """A top-level heading that names no statutory part ends the part before it (segment.py); the sentences under
    it are placed in no part and do not take the part's last sentence as their neighbour."""
    lines = [
        "一、总体情况",
        "本年度主动公开信息100条。",
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "本年度收到行政复议1件。",
        "五、2099年政府信息公开具体工作开展情况",
        "局领导多次研究部署政务公开工作。",
    ]
    text = normalize(Document(Source("constructed"), [Block("paragraph", line) for line in lines])).text
    parts = find_parts(text)
    review = next(p for p in parts if p.key == "review_litigation")
    located = {item.text: item for _, _, item in locate(text, parts)}
    assert located["本年度收到行政复议1件。"].part == "review_litigation"
    after = located["局领导多次研究部署政务公开工作。"]
    assert text.index(after.text) >= review.end
    assert after.part is None and after.previous == ""


def test_fee_statement_and_subsections(seed_text):
    tags = tag_sentences(seed_text, find_parts(seed_text))
    by_text = {t.text: t for t in tags}
    assert by_text["本年度未收取信息处理费，无其他需要报告事项。"].label == "fees"
    assert by_text["2025 年我局未收到依申请公开事项。"].label == "requests"
    assert by_text["2025 年我局未收到依申请公开事项。"].subsection == "requests"


def test_no_sentences_no_tags():
    assert tag_sentences("", []) == []
    assert tag_sentences("第二十条 第（一）项\n规章\t0\t0\n", []) == []


def test_table_cells_get_no_tags_but_the_narrative_around_them_does(corpora):
    """Seed 000 came out of Word one table cell per line ("本年处理决定数量", "法人或其他组织"): without the table
    regions those lines were tagged as sentences; with them only the narrative is."""
    from nlp.pipeline import analyze

    analysis = analyze(corpora / "seeds" / "000_ae88c21f34adefec.txt")
    text, regions = analysis.document.text, analysis.tables.regions
    assert len(regions) == 3
    everything = tag_sentences(text, analysis.parts)
    inside = [t for t in everything if any(r.start <= t.start < r.end for r in regions)]
    assert {"本年处理决定数量", "法人或其他组织", "未经复议直接起诉"} <= {t.text for t in inside}
    assert [(t.start, t.label) for t in analysis.tags] == [(t.start, t.label) for t in everything if t not in inside]
    assert {"problem", "measure", "rectification", "fees"} <= {t.label for t in analysis.tags}


def test_registered_spacy_component_sets_tag_spans(seed_text):
    import spacy

    register_component()
    register_component()  # idempotent
    nlp = spacy.blank("zh")  # character tokens: enough for spans, and leaves the shared jieba pipeline untouched
    nlp.add_pipe("govreport_tagger")
    doc = nlp(seed_text)
    expected = tag_sentences(seed_text, find_parts(seed_text))
    spans = doc.spans["tags"]
    assert [span.label_ for span in spans] == [t.label for t in expected]
    assert [span._.tag_score for span in spans] == [t.score for t in expected]
    assert [(span.start_char, span.end_char) for span in spans] == [(t.start, t.end) for t in expected]


def test_tag_spans_grow_to_token_boundaries():
    import spacy

    doc = spacy.blank("en")("alpha beta gamma")
    from nlp.model import Tag

    add_tag_spans(doc, [Tag("preamble", 0.5, "ta be", 3, 8)])
    [span] = doc.spans["tags"]
    assert (span.text, span.label_, span._.tag_score) == ("alpha beta", "preamble", 0.5)


def test_compiled_model_predicts_like_the_pipeline(small_annotations, corpora):
    corpus = load_corpus(small_annotations, corpora)
    inputs = [e.input for e in corpus.examples]
    labels = [e.label for e in corpus.examples]
    for settings in ({}, {"classifier": "svc", "words": True}):
        pipeline = fit(inputs, labels, **settings)
        compiled = compile_model(pipeline)
        assert list(compiled.classes) == list(pipeline.classes_)
        assert np.allclose(compiled.predict_proba(inputs), pipeline.predict_proba(inputs), atol=1e-6)


def test_records_are_verified_against_their_source(corpora, tmp_path):
    line = next(
        line for line in (ANNOTATIONS_DIR / "sentences_part5.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["source"] == SEED_004
    )
    good = json.loads(line)
    if "surface" not in good:  # the committed files are sealed (surface_sha1 only): rebuild the plain record
        text = (corpora / SEED_004).read_text(encoding="utf-8")
        good = {k: v for k, v in good.items() if k != "surface_sha1"} | {"surface": text[good["start"] : good["end"]]}
    hashed = {key: value for key, value in good.items() if key != "surface"} | {"surface_sha1": surface_sha1(good["surface"])}
    wrong_text = good | {"surface": good["surface"] + "多"}
    wrong_hash = hashed | {"surface_sha1": "0" * 16}
    moved = good | {"sha256": "0" * 64}
    unknown = good | {"label": "weather"}
    path = tmp_path / "sentences_test.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, hashed, wrong_text, wrong_hash, moved, unknown)), encoding="utf-8")
    corpus = load_corpus(tmp_path, corpora)
    assert len(corpus.examples) == 2
    assert [m.line for m in corpus.mismatches] == [3, 4, 5, 6]
    assert "surface" in corpus.mismatches[0].reason and "sha256" in corpus.mismatches[2].reason
    source_text = (corpora / SEED_004).read_text(encoding="utf-8")
    assert check_record(good, type("S", (), {"text": source_text, "sha256": good["sha256"]})()) is None
    # The example describes the sentence as `govreport analyze` will see it: in normalize()'s text of the file
    # ("2025 年" there is "2025年"), with the part and subsection find_parts gives that text.
    example = corpus.examples[0]
    assert example.start == good["start"] and example.end == good["end"]
    assert example.input.text.replace(" ", "") == source_text[good["start"] : good["end"]].replace(" ", "")
    analysed = normalize(read(corpora / SEED_004)).text
    start = analysed.index(example.input.text)
    tagged = {s: item for s, _, item in locate(analysed, find_parts(analysed))}
    assert tagged[start] == example.input


def test_keyword_baseline_is_a_real_rule_set():
    items = [
        SentenceInput("本年度未收取信息处理费。"),
        SentenceInput("下一步，我局将加强培训。", part="problems"),
        SentenceInput("政策解读形式较为单一。", part="problems"),
        SentenceInput("以习近平新时代中国特色社会主义思想为指导。", part="overview"),
    ]
    assert keyword_baseline(items) == ["fees", "measure", "problem", "preamble"]


def test_train_command_end_to_end(small_annotations, corpora, tmp_path, seed_text):
    out = tmp_path / "models"
    result = CliRunner().invoke(
        app,
        [
            "train", "--corpus", str(corpora), "--annotations", str(small_annotations),
            "--out", str(out), "--name", "small", "--no-weak",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "留出评估" in result.output
    metadata = json.loads((out / "small.json").read_text(encoding="utf-8"))
    assert metadata["examples"] > 150 and metadata["mismatched_records"] == 0 and metadata["weak_examples"] == 0
    assert set(metadata["annotation_files"]) == {"sentences_small.jsonl"}
    tags = tag_sentences(seed_text, find_parts(seed_text), model_path=out / "small.joblib")
    assert {t.label for t in tags} <= set(metadata["labels"])
    problems_part = [t for t in tags if t.part == "problems"]
    assert sum(t.label == "problem" for t in problems_part) >= 4 and sum(t.label == "measure" for t in problems_part) >= 4
    assert metadata["synthetic"]["examples"] == len(synthetic_examples())
    assert metadata["synthetic"]["sha256"] == file_sha256(SYNTHETIC_FILE)
    assert metadata["synthetic"]["passages_sha256"] == file_sha256(PASSAGES_FILE)


def test_weak_examples_come_from_unannotated_headings_only(corpora):
    # Every source is annotated by now; leave round 3 out to have unannotated 2019+ reports to draw from.
    earlier = [p for p in sorted(ANNOTATIONS_DIR.glob("sentences*.jsonl")) if "round3" not in p.name]
    annotated = {json.loads(line)["source"] for p in earlier for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    weak = weak_examples(corpora, annotated)
    assert len(weak) > 1000
    assert all(e.weak and e.source not in annotated for e in weak)
    assert {e.label for e in weak} <= {"active", "requests", "management", "platform", "supervision", "fees"}
    assert all(e.input.part == "overview" and e.input.subsection == e.label for e in weak if e.label != "fees")


def test_manifest_describes_the_annotation_files():
    from nlp.corpus import MANIFEST, annotation_files, file_sha256

    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    listed = {entry["file"]: entry["sha256"] for entry in manifest["annotation_files"]}
    current = {path.name: file_sha256(path) for path in annotation_files()}
    assert listed == current, "annotations changed: retrain with `govreport train --corpus ../shared/corpora`"
    metadata = json.loads(default_model_path().with_suffix(".json").read_text(encoding="utf-8"))
    assert metadata["annotation_files"] == current, "the committed model was trained on other annotations"


def test_training_sees_the_structure_the_pipeline_sees(corpora, tmp_path):
    # Seed 000's stored text starts part 一 with "[bookmark: _GoBack]一、总体情况": find_parts misses part 一 there,
    # normalize() removes the residue. Training must describe its sentences as the analysis will.
    seed = "seeds/000_ae88c21f34adefec.txt"
    records = [
        line
        for path in sorted(ANNOTATIONS_DIR.glob("sentences_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["source"] == seed
    ]
    (tmp_path / "sentences_seed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path, corpora)
    stored = (corpora / seed).read_text(encoding="utf-8")
    assert not next(p for p in find_parts(stored) if p.key == "overview").present
    analysed = normalize(read(corpora / seed)).text
    tagged = {item.text: item for _, _, item in locate(analysed, find_parts(analysed))}
    overview = [e for e in corpus.examples if e.input.part == "overview"]
    assert {e.input.subsection for e in overview} >= {"active", "supervision"}
    assert all(tagged[e.input.text] == e.input for e in corpus.examples if e.input.text in tagged)


def test_synthetic_sentences_are_well_formed():
    records = [json.loads(line) for line in SYNTHETIC_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sum(r["label"] == "rectification" for r in records) >= 70
    subsections = (None, "active", "requests", "management", "platform", "supervision")
    assert all(r["label"] in LABELS and r["part"] in ("overview", "problems", None) for r in records)
    assert all(r["subsection"] in subsections and (r["subsection"] is None or r["part"] == "overview") for r in records)
    assert all("fictional" in r["author"] for r in records)
    assert len({r["text"] for r in records}) == len(records)
    examples = synthetic_examples(passages=None)
    assert len(examples) == len(records) and all(e.synthetic and not e.weak for e in examples)
    assert all(e.input.position == 0.5 for e in examples)
    assert [e.input.context for e in examples] == [r.get("context") or "" for r in records]


def test_synthetic_passages_are_well_formed_and_join_the_synthetic_examples():
    passages = [json.loads(line) for line in PASSAGES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = [pair for p in passages for block in p["blocks"] for pair in block.get("paragraph", [])]
    assert all("fictional" in p["author"] for p in passages)
    assert {label for _, label in written} == set(LABELS)
    # Stock sentences ("本年度未收取信息处理费。") may recur across passages, always with one label.
    assert len({text for text, _ in written}) == len({(text, label) for text, label in written}) > 1500
    examples = passage_examples()
    assert [(e.input.text, e.label) for e in examples] == [tuple(pair) for pair in written]
    assert all(e.synthetic and e.group == examples[0].group for e in examples)
    sentences = synthetic_examples(passages=None)
    assert [e.input.text for e in synthetic_examples()] == [e.input.text for e in sentences + examples]


def test_passage_sentences_are_described_as_the_pipeline_describes_real_text(tmp_path):
    passage = {
        "title": "云岫县农业农村局2021年政府信息公开工作年度报告",
        "blocks": [
            {"heading": "一、总体情况"},
            {"paragraph": [["2021年，我局认真贯彻《条例》。", "preamble"], ["全年主动公开政府信息312条。", "active"]]},
            {"heading": "（四）平台建设"},
            {"paragraph": [["我局改版门户网站。", "platform"], ["新增“乡村振兴”专栏。", "platform"]]},
            {"heading": "五、存在的主要问题及改进情况"},
            {"paragraph": [["一是政策解读形式单一；", "problem"], ["二是栏目更新不及时。", "problem"]]},
        ],
        "author": "test (fictional)",
    }
    path = tmp_path / "passages.jsonl"
    path.write_text(json.dumps(passage, ensure_ascii=False) + "\n", encoding="utf-8")
    first, second, website, column, problem, _ = [e.input for e in passage_examples(path)]
    assert (first.part, first.subsection, first.context) == ("overview", None, "一、总体情况")
    assert (website.part, website.subsection, website.context) == ("overview", "platform", "（四）平台建设")
    assert (website.previous, website.following) == (second.text, column.text)
    assert problem.part == "problems" and problem.previous == ""
    text = "\n".join(
        [passage["title"]]
        + [b.get("heading") or "".join(t for t, _ in b["paragraph"]) for b in passage["blocks"]]
    )
    analysed = {item.text: item for _, _, item in locate(text, find_parts(text))}
    assert analysed["我局改版门户网站。"].subsection == website.subsection == "platform"


def test_heldout_split_keeps_agencies_whole_and_every_label_on_both_sides(corpora):
    corpus = load_corpus(root=corpora)
    test_groups = heldout_groups(corpus.examples)
    test = [e for e in corpus.examples if e.group in test_groups]
    train = [e for e in corpus.examples if e.group not in test_groups]
    assert {e.group for e in test}.isdisjoint({e.group for e in train})
    assert 0.2 <= len(test) / len(corpus.examples) <= 0.3
    for label in LABELS:
        total = sum(e.label == label for e in corpus.examples)
        held = sum(e.label == label for e in test)
        assert 1 <= held < total, label
        assert abs(held / total - 0.25) <= 0.15, (label, held, total)
    assert heldout_groups(corpus.examples) == test_groups


def test_file_sources_keep_their_fixed_group_keys(corpora):
    # The held-out split and the folds are drawn over group keys: a metadata rule that reads a seed's agency
    # differently must not reshuffle them.
    corpus = load_corpus(root=corpora)
    file_groups = {e.source: e.group for e in corpus.examples if "#" not in e.source}
    assert file_groups == fixed_groups()


class _RecordingModel:
    """Stands in for the estimator: remembers what it was trained on and what it was asked to predict."""

    def __init__(self, log: dict[str, list[list[str]]]) -> None:
        self.log = log
        self.classes_ = np.array(LABELS)

    def fit_on(self, inputs, labels, sample_weight=None, **settings):
        self.log["train"].append([item.text for item in inputs])
        return self

    def predict_proba(self, inputs):
        self.log["test"].append([item.text for item in inputs])
        return np.full((len(inputs), len(LABELS)), 1 / len(LABELS))

    def predict(self, inputs):
        self.log["test"].append([item.text for item in inputs])
        return ["preamble"] * len(inputs)


def _recording_fit(log):
    return lambda inputs, labels, sample_weight=None, **settings: _RecordingModel(log).fit_on(inputs, labels)


def test_synthetic_examples_never_enter_an_evaluation_split(small_annotations, corpora, monkeypatch):
    import importlib.util

    import nlp.corpus

    spec = importlib.util.spec_from_file_location("eval_tagger", Path(__file__).parent.parent / "eval" / "eval_tagger.py")
    eval_tagger = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_tagger)
    corpus = load_corpus(small_annotations, corpora)
    synthetic = synthetic_examples()
    written = {e.input.text for e in synthetic}
    log: dict[str, list[list[str]]] = {"train": [], "test": []}
    monkeypatch.setattr(eval_tagger, "fit", _recording_fit(log))
    monkeypatch.setattr(nlp.corpus, "fit", _recording_fit(log))

    # eval_tagger.py: held-out and grouped CV, synthetic sentences on
    test_groups = heldout_groups(corpus.examples)
    train = [e for e in corpus.examples if e.group not in test_groups]
    test = [e for e in corpus.examples if e.group in test_groups]
    eval_tagger.run_variant(train, test, [], {}, False, synthetic, True)
    eval_tagger.cross_validate(corpus.examples, [], {}, False, 3, synthetic, True)
    # govreport train: held-out measurement, then the final fit
    run = train_model(corpus, use_weak=False, use_synthetic=True)
    assert len(log["train"]) == 1 + 3 + 2 and len(log["test"]) == 1 + 3 + 1
    assert all(written <= set(texts) for texts in log["train"]), "synthetic sentences missing from a training side"
    assert all(not written & set(texts) for texts in log["test"]), "synthetic sentence in an evaluation split"
    assert run.metadata["heldout"]["test_examples"] == len(test)
    assert run.metadata["synthetic"]["examples"] == len(synthetic) > 0
    with pytest.raises(ValueError):
        eval_tagger.training_side(train, test + synthetic[:1], [], False, synthetic, True)

    log["train"].clear()
    run = train_model(corpus, use_weak=False, use_synthetic=False)
    assert run.metadata["synthetic"] is None and not any(written & set(texts) for texts in log["train"])


def test_leave_one_agency_out_fits_once_per_agency_and_scores_every_sentence(small_annotations, corpora, monkeypatch, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_tagger", Path(__file__).parent.parent / "eval" / "eval_tagger.py")
    eval_tagger = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_tagger)
    log: dict[str, list[list[str]]] = {"train": [], "test": []}
    monkeypatch.setattr(eval_tagger, "fit", _recording_fit(log))
    corpus = load_corpus(small_annotations, corpora)
    by_agency: dict[str, list[str]] = {}
    for example in corpus.examples:
        by_agency.setdefault(example.group, []).append(example.input.text)

    assert eval_tagger.main(["--annotations", str(small_annotations), "--logo"]) == 0
    assert len(log["train"]) == len(log["test"]) == len(by_agency) >= 5
    assert sorted(map(sorted, log["test"])) == sorted(map(sorted, by_agency.values()))
    written = len(synthetic_examples())
    for trained, tested in zip(log["train"], log["test"]):
        # every sentence but the left-out agency's, plus the written (synthetic) ones
        assert len(trained) == len(corpus.examples) - len(tested) + written
    printed = capsys.readouterr().out
    assert printed.startswith(eval_tagger.LOGO_SECTION) and f"| **macro** | {len(corpus.examples)} |" in printed
    assert "- macro-F1 ≥ 0.90: leave-one-agency-out" in printed
