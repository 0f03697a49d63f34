"""Score the sentence tagger (:mod:`nlp.tagger`) against the stand-off sentence annotations.

Usage::

    python eval/eval_tagger.py [--annotations DIR] [--folds N] [--quick] [--write]

Gold: ``corpora/annotations/sentences*.jsonl`` (``corpora/GUIDELINES.md`` section 1), every record verified
against its source (:func:`nlp.corpus.load_corpus`); mismatches are printed and left out. The tagger is
scored on the gold sentence spans (classification; how well :func:`nlp.sentences.split_sentences` reproduces
those spans is reported apart as boundary agreement).

Two protocols, both grouped by agency (all years and copies of one agency on one side):

(a) held-out: a fixed quarter of the agencies, drawn stratified by label (:func:`nlp.corpus.heldout_groups`,
    seed 0), is the test side; the models train on the rest. The test agencies are listed in the output. The
    chosen model is also scored on the earlier protocol's plain random draw of 25% of the agencies
    (:func:`random_agencies`), which left one ``rectification`` sentence on the test side.
(b) cross-validation: GroupKFold over the agencies with ``--folds`` folds (default 10; leave-one-agency-out
    would be one fit per agency (~160) per variant, so a 10-fold grouped split stands in for it; ``--folds 0`` runs true
    leave-one-group-out for the chosen model only).

Weak examples (heading-derived, :func:`nlp.corpus.weak_examples`) are only ever added to the training side,
and never from a test-side agency. Synthetic examples (the team's own fictional sentences,
:func:`nlp.corpus.synthetic_examples`, ``corpora/GUIDELINES.md`` section 4) likewise join every training side
(held-out and each CV fold) and never a test side: the folds are drawn over the annotated examples only. Every variant is compared with the keyword-rule baseline
(:func:`nlp.tagger.keyword_baseline`). ``--write`` replaces the "## Sentence tagger" section of
``eval/RESULTS.md`` (other sections are left alone).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The repository for nlp/, eval/ for results.py (the tests load this file by path, without eval/ on sys.path).
sys.path[:0] = [str(ROOT), str(ROOT / "eval")]

from nlp.corpus import (  # noqa: E402
    ANNOTATIONS_DIR,
    Example,
    SourceReader,
    heldout_groups,
    load_corpus,
    synthetic_examples,
    training_weights,
    weak_examples,
)
from nlp.sentences import split_sentences  # noqa: E402
from nlp.tagger import DEFAULT_SETTINGS, LABELS, USE_SYNTHETIC, USE_WEAK, fit, keyword_baseline, scores  # noqa: E402
from results import publish  # noqa: E402

SECTION = "## Sentence tagger"
COMMAND = "python eval/eval_tagger.py --write"

# name → (build_estimator settings, use weak examples, use synthetic examples). The first is the chosen
# configuration (nlp.tagger.DEFAULT_SETTINGS / USE_WEAK / USE_SYNTHETIC, which `govreport train` uses); the
# second is the same model without the synthetic sentences (`--quick` runs these two).
_BASE = "LogisticRegression, chars + structure"
_NO_NEIGHBOURS = {**DEFAULT_SETTINGS, "neighbours": False}
HELDOUT_SEEDS = 5
VARIANTS: dict[str, tuple[dict[str, Any], bool, bool]] = {
    _BASE + " + neighbours + synthetic": (dict(DEFAULT_SETTINGS), USE_WEAK, USE_SYNTHETIC),
    _BASE + " + neighbours, no synthetic": (dict(DEFAULT_SETTINGS), USE_WEAK, False),
    _BASE + " + synthetic (previous model, no neighbours)": (dict(_NO_NEIGHBOURS), USE_WEAK, True),
    _BASE + " + neighbours at weight 0.3 + synthetic": ({**DEFAULT_SETTINGS, "neighbour_weight": 0.3}, USE_WEAK, True),
    _BASE + " + neighbours at weight 0.7 + synthetic": ({**DEFAULT_SETTINGS, "neighbour_weight": 0.7}, USE_WEAK, True),
    "LogisticRegression C=10, chars + structure at weight 0.7": (
        {**_NO_NEIGHBOURS, "structure_weight": 0.7, "C": 10.0},
        False,
        False,
    ),
    "LogisticRegression+sigmoid, chars + structure + neighbours": ({**DEFAULT_SETTINGS, "classifier": "lr_cal"}, False, True),
    "LinearSVC+sigmoid, chars + structure + neighbours": (
        {**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0},
        False,
        True,
    ),
    "LogisticRegression, chars + jieba words + structure + neighbours": ({**DEFAULT_SETTINGS, "words": True}, False, True),
    "LogisticRegression, chars only (no structure, no neighbours)": (
        {**_NO_NEIGHBOURS, "structure": False},
        False,
        False,
    ),
    "ComplementNB, chars + structure": ({**_NO_NEIGHBOURS, "classifier": "nb"}, False, False),
}


def random_agencies(groups: Any, fraction: float = 0.25, seed: int = 0) -> set[str]:
    """The earlier held-out protocol: a plain random ``fraction`` of the distinct agencies (sorted, then drawn)."""
    import numpy as np

    distinct = sorted(set(groups))
    order = np.random.RandomState(seed).permutation(len(distinct))
    return {distinct[i] for i in order[: max(1, round(fraction * len(distinct)))]}


def training_side(
    train: list[Example],
    test: list[Example],
    weak: list[Example],
    use_weak: bool,
    synthetic: list[Example] = (),  # type: ignore[assignment]
    use_synthetic: bool = False,
) -> list[Example]:
    """What a model scored on ``test`` trains on: ``train``, weak examples of other agencies, synthetic ones."""
    if any(e.weak or e.synthetic for e in test):
        raise ValueError("weak or synthetic examples in a test side")
    test_groups = {e.group for e in test}
    return (
        train
        + ([e for e in weak if e.group not in test_groups] if use_weak else [])
        + (list(synthetic) if use_synthetic else [])
    )


def run_variant(
    train: list[Example],
    test: list[Example],
    weak: list[Example],
    settings: dict[str, Any],
    use_weak: bool,
    synthetic: list[Example] = (),  # type: ignore[assignment]
    use_synthetic: bool = False,
) -> tuple[list[str], list[float]]:
    """Predicted labels and top probabilities for ``test`` from a model trained on ``train`` (+ weak, synthetic)."""
    examples = training_side(train, test, weak, use_weak, synthetic, use_synthetic)
    model = fit(
        [e.input for e in examples],
        [e.label for e in examples],
        sample_weight=training_weights(examples) if (use_weak or use_synthetic) else None,
        **settings,
    )
    probabilities = model.predict_proba([e.input for e in test])
    classes = list(model.classes_)
    return [classes[int(row.argmax())] for row in probabilities], [float(row.max()) for row in probabilities]


def cross_validate(
    examples: list[Example],
    weak: list[Example],
    settings: dict[str, Any],
    use_weak: bool,
    folds: int,
    synthetic: list[Example] = (),  # type: ignore[assignment]
    use_synthetic: bool = False,
) -> tuple[list[str], list[float]]:
    """Out-of-fold predictions over agency groups (GroupKFold, or LeaveOneGroupOut when ``folds`` is 0).

    The folds are drawn over ``examples`` (annotated sentences) only; weak and synthetic examples are added to
    each fold's training side by :func:`training_side`."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    groups = np.array([e.group for e in examples])
    splitter = LeaveOneGroupOut() if folds == 0 else GroupKFold(n_splits=folds)
    predicted = [""] * len(examples)
    confidence = [0.0] * len(examples)
    for train_index, test_index in splitter.split(examples, groups=groups):
        labels, probs = run_variant(
            [examples[i] for i in train_index],
            [examples[i] for i in test_index],
            weak,
            settings,
            use_weak,
            synthetic,
            use_synthetic,
        )
        for i, label, prob in zip(test_index, labels, probs):
            predicted[i] = label
            confidence[i] = prob
    return predicted, confidence


def found_of(result: dict[str, Any], label: str) -> str:
    """"found/support" for ``label`` on a test side ("0/0" when the side has none)."""
    scored = result["labels"].get(label, {"recall": 0.0, "support": 0})
    return f"{round(scored['recall'] * scored['support'])}/{scored['support']}"


def f1(result: dict[str, Any], label: str) -> float:
    """``label``'s F1 in a :func:`nlp.tagger.scores` result (0 when the label is absent from the gold)."""
    return float(result["labels"].get(label, {}).get("f1", 0.0))


def calibration_error(gold: list[str], predicted: list[str], confidence: list[float], bins: int = 10) -> float:
    """Expected calibration error of the top probability (how far "0.8" is from 80% correct)."""
    total = len(gold)
    error = 0.0
    for b in range(bins):
        members = [i for i, c in enumerate(confidence) if b / bins < c <= (b + 1) / bins or (b == 0 and c == 0)]
        if members:
            accuracy = sum(gold[i] == predicted[i] for i in members) / len(members)
            mean = sum(confidence[i] for i in members) / len(members)
            error += len(members) / total * abs(accuracy - mean)
    return round(error, 4)


def boundary_agreement(examples: list[Example], reader_texts: dict[str, str]) -> tuple[int, int]:
    """How many gold spans ``split_sentences`` reproduces exactly (ignoring surrounding spaces and stars)."""
    predicted: dict[str, set[tuple[int, int]]] = {}
    hits = 0
    for example in examples:
        text = reader_texts[example.source]
        if example.source not in predicted:
            predicted[example.source] = set(split_sentences(text))
        start, end = example.start, example.end
        while start < end and text[start] in " *\u3000":
            start += 1
        while end > start and text[end - 1] in " *\u3000":
            end -= 1
        hits += (start, end) in predicted[example.source]
    return hits, len(examples)


def label_table(result: dict[str, Any], baseline: dict[str, Any] | None = None) -> list[str]:
    header = "| label | support | precision | recall | F1 |" + (" baseline F1 |" if baseline else "")
    lines = [header, "|---|---:|---:|---:|---:|" + ("---:|" if baseline else "")]
    for label in LABELS:
        row = result["labels"].get(label)
        if row is None:
            continue
        line = f"| {label} | {row['support']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |"
        if baseline:
            line += f" {baseline['labels'].get(label, {}).get('f1', 0.0):.3f} |"
        lines.append(line)
    lines.append(
        f"| **macro** | {result['n']} | | | **{result['macro_f1']:.3f}** |"
        + (f" {baseline['macro_f1']:.3f} |" if baseline else "")
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS_DIR)
    parser.add_argument("--folds", type=int, default=10, help="GroupKFold folds (0 = leave-one-group-out, chosen model only)")
    parser.add_argument("--quick", action="store_true", help="chosen model, its synthetic toggle and baseline only")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of eval/RESULTS.md")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.annotations)
    for mismatch in corpus.mismatches:
        print(f"MISMATCH {mismatch.file}:{mismatch.line} {mismatch.source}: {mismatch.reason}", file=sys.stderr)
    examples = corpus.examples
    weak = weak_examples(corpus.root, {e.source for e in examples})
    synthetic = synthetic_examples()
    test_groups = heldout_groups(examples)
    train = [e for e in examples if e.group not in test_groups]
    test = [e for e in examples if e.group in test_groups]
    gold_test = [e.label for e in test]
    gold_all = [e.label for e in examples]

    reader = SourceReader(corpus.root)
    hits, total = boundary_agreement(examples, {s: reader(s).text for s in {e.source for e in examples}})

    baseline_heldout = scores(gold_test, keyword_baseline([e.input for e in test]))
    baseline_cv = scores(gold_all, keyword_baseline([e.input for e in examples]))
    variants = list(VARIANTS.items())[:2] if args.quick else list(VARIANTS.items())
    rows = []
    details: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for name, (settings, use_weak, use_synthetic) in variants:
        started = time.perf_counter()
        predicted, _ = run_variant(train, test, weak, settings, use_weak, synthetic, use_synthetic)
        heldout = scores(gold_test, predicted)
        cv_predicted, cv_confidence = cross_validate(
            examples, weak, settings, use_weak, args.folds or 10, synthetic, use_synthetic
        )
        cv = scores(gold_all, cv_predicted)
        ece = calibration_error(gold_all, cv_predicted, cv_confidence)
        seconds = time.perf_counter() - started
        rows.append((name, heldout, cv, ece, seconds))
        details[name] = (heldout, cv)
        print(
            f"{name:45s} held-out macro-F1 {heldout['macro_f1']:.3f} acc {heldout['accuracy']:.3f} | "
            f"CV macro-F1 {cv['macro_f1']:.3f} acc {cv['accuracy']:.3f} ECE {ece:.3f} | "
            f"CV F1 rect {f1(cv, 'rectification'):.3f} problem {f1(cv, 'problem'):.3f} "
            f"measure {f1(cv, 'measure'):.3f} | {seconds:.0f}s",
            flush=True,
        )
    chosen = rows[0][0]
    settings, use_weak, use_synthetic = VARIANTS[chosen]
    earlier_groups = random_agencies(e.group for e in examples)
    earlier_test = [e for e in examples if e.group in earlier_groups]
    earlier_predicted, _ = run_variant(
        [e for e in examples if e.group not in earlier_groups], earlier_test, weak, settings, use_weak, synthetic, use_synthetic
    )
    earlier = scores([e.label for e in earlier_test], earlier_predicted)
    print(f"earlier protocol (random 25% of agencies): macro-F1 {earlier['macro_f1']:.3f}")
    # One held-out draw of ~200 agencies moves macro-F1 by several points (3 rectification sentences decide
    # ~0.09 of it), so the chosen model is also scored on the first fold of other seeds' stratified draws.
    other_draws = []
    for seed in range(1, HELDOUT_SEEDS):
        groups = heldout_groups(examples, seed=seed)
        side = [e for e in examples if e.group in groups]
        predicted, _ = run_variant(
            [e for e in examples if e.group not in groups], side, weak, settings, use_weak, synthetic, use_synthetic
        )
        other_draws.append(scores([e.label for e in side], predicted))
    seed_scores = [details[chosen][0], *other_draws]
    print("held-out macro-F1 by seed: " + ", ".join(f"{r['macro_f1']:.3f}" for r in seed_scores))
    logo = None
    if args.folds == 0:
        logo_predicted, _ = cross_validate(examples, weak, settings, use_weak, 0, synthetic, use_synthetic)
        logo = scores(gold_all, logo_predicted)
        print(f"leave-one-group-out ({len({e.group for e in examples})} folds) macro-F1 {logo['macro_f1']:.3f}")

    lines = [SECTION, "", f"Command: `{COMMAND}` (about {sum(r[4] for r in rows) / 60:.0f} min).", ""]
    def counts(labels: list[str]) -> str:
        return ", ".join(f"{label} {count}" for label, count in Counter(labels).most_common())

    lines += [
        (
            f"Gold: {len(examples)} verified sentence records from {len({e.source for e in examples})} reports of "
            f"{len({e.group for e in examples})} agencies ({len(corpus.mismatches)} records failed verification and "
            f"were left out). Labels: {counts(gold_all)}."
        ),
        (
            f"Weak (heading-derived, training only): {len(weak)} sentences from unannotated 2019+ reports: "
            f"{counts([e.label for e in weak])}."
            if weak
            else "Weak (heading-derived, training only): none — every 2019+ report in the corpora is annotated."
        ),
        (
            f"Synthetic (written by the team, fictional, training only: `corpora/synthetic/sentences.jsonl`, "
            f"GUIDELINES.md section 4): {len(synthetic)} sentences: {counts([e.label for e in synthetic])}. "
            "Added to every training side (held-out and each CV fold), never to a test side."
        ),
        f"Sentence boundaries: `split_sentences` reproduces {hits}/{total} gold spans exactly ({hits / total:.1%}).",
        "",
        (
            f"(a) Held-out: {len(test_groups)} of {len({e.group for e in examples})} agencies (seed 0), {len(test)} test "
            f"sentences, {len(train)} training sentences, drawn stratified by label. Test agencies: "
            f"{'、'.join(sorted(test_groups))}."
        ),
        (
            f"Earlier protocol, chosen model: a plain random 25% of the agencies (seed 0, {len(earlier_groups)} agencies, "
            f"{len(earlier_test)} sentences, {Counter(e.label for e in earlier_test)['rectification']} of them "
            f"`rectification`): macro-F1 {earlier['macro_f1']:.3f}, problem F1 {f1(earlier, 'problem'):.3f}, "
            f"measure F1 {f1(earlier, 'measure'):.3f}."
        ),
        (
            f"Held-out draws with seeds 0–{HELDOUT_SEEDS - 1}, chosen model: macro-F1 "
            + ", ".join(f"{r['macro_f1']:.3f}" for r in seed_scores)
            + f" (mean {sum(r['macro_f1'] for r in seed_scores) / len(seed_scores):.3f}); problem F1 mean "
            f"{sum(f1(r, 'problem') for r in seed_scores) / len(seed_scores):.3f}, measure F1 mean "
            f"{sum(f1(r, 'measure') for r in seed_scores) / len(seed_scores):.3f}, rectification found "
            + ", ".join(found_of(r, "rectification") for r in seed_scores)
            + ". The tables below are seed 0."
        ),
        (
            f"(b) Cross-validation: GroupKFold by agency, {args.folds or 10} folds, out-of-fold predictions over all "
            f"{len(examples)} sentences (10 grouped folds stand in for leave-one-report-out: "
            f"{len({e.group for e in examples})} refits per variant would be too slow for the comparison)."
        ),
        "",
        "### Model comparison",
        "",
        (
            "| variant | held-out macro-F1 | held-out accuracy | CV macro-F1 | CV accuracy | CV ECE | "
            "rectification F1 (held-out / CV) | problem F1 (CV) | measure F1 (CV) |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        (
            f"| keyword-rule baseline | {baseline_heldout['macro_f1']:.3f} | {baseline_heldout['accuracy']:.3f} | "
            f"{baseline_cv['macro_f1']:.3f} | {baseline_cv['accuracy']:.3f} | | "
            f"{f1(baseline_heldout, 'rectification'):.3f} / {f1(baseline_cv, 'rectification'):.3f} | "
            f"{f1(baseline_cv, 'problem'):.3f} | {f1(baseline_cv, 'measure'):.3f} |"
        ),
    ]
    for name, heldout, cv, ece, _ in rows:
        lines.append(
            f"| {name}{' (chosen)' if name == chosen else ''} | {heldout['macro_f1']:.3f} | {heldout['accuracy']:.3f} | "
            f"{cv['macro_f1']:.3f} | {cv['accuracy']:.3f} | {ece:.3f} | "
            f"{f1(heldout, 'rectification'):.3f} / {f1(cv, 'rectification'):.3f} | {f1(cv, 'problem'):.3f} | "
            f"{f1(cv, 'measure'):.3f} |"
        )
    heldout, cv = details[chosen]
    lines += ["", f"### Chosen model ({chosen}): held-out agencies", "", *label_table(heldout, baseline_heldout)]
    lines += ["", f"### Chosen model ({chosen}): cross-validation", "", *label_table(cv, baseline_cv)]
    if logo is not None:
        lines += ["", "### Chosen model: leave-one-agency-out", "", *label_table(logo, baseline_cv)]
    lines += ["", "### Targets and notes", "", *target_lines(heldout, cv), "", *model_lines(), "", *NOTES]
    print()
    publish(SECTION, "\n".join(lines) + "\n", args.write)
    return 0


NOTES = [
    "- Choice: the variant with the best macro-F1 averaged over the two protocols. Differences of ~0.01 are",
    "  within noise: `rectification` has 13 real sentences, so one of them moves CV macro-F1 by ~0.006 and",
    "  held-out macro-F1 by ~0.03. Plain LogisticRegression's own probabilities are better calibrated than",
    "  after sigmoid calibration (CalibratedClassifierCV), so the shipped scores are LR's probabilities.",
    "- Data, round 3 (corpora/GUIDELINES.md section 3): the 630 page excerpts no earlier round had annotated",
    "  were annotated in full (6,522 sentences; 8,540 in all, 771 agencies), after rules 17–19 settled the",
    "  active/platform and supervision/management/preamble ties. The 2,019 earlier sentences were annotated a",
    "  second time, blind: agreement 95.0%, kappa 0.942, macro-F1 of one annotation against the other 0.951",
    "  (platform 0.818, active 0.925, supervision 0.944, other_matter 0.917, rectification 0.960); the 102",
    "  disagreements were adjudicated under the guideline (80 labels changed). That agreement is the ceiling",
    "  the tagger is read against: its CV platform F1 (≈0.78) is near the annotators' 0.82, while",
    "  management, supervision, other_matter and above all rectification stay well below theirs.",
    "- The new excerpts are mostly part 一 (few reach part 五), so round 3 added no real `rectification`,",
    "  `problem` or `measure` sentences worth counting; with the old features the larger set scored about",
    "  the same CV macro-F1 (0.836–0.842) as the smaller one (0.857 on 2,019 sentences), because the new",
    "  sentences are the hard topical ones (active/platform/management/supervision) in proportion.",
    "- Neighbour features (character n-grams of the previous and the following sentence of the same part,",
    "  weight 0.5, `neighbours=True`): CV accuracy 0.908 → 0.918 with synthetic sentences on; F1 up for",
    "  active, requests, management (+0.02), platform (+0.02), supervision, measure and other_matter.",
    "  Weight 0.2/0.3/0.7/1.0 gave CV macro-F1 0.845/0.832/0.844/0.827, accuracy 0.911–0.916.",
    "  Tried and dropped: the heading above the sentence as its own character n-gram block (CV macro-F1",
    "  0.839 → 0.820–0.833); stacking the neighbours' predicted label distributions (worse than the base);",
    "  C 30/300 and structure weight 0.35/0.7 without neighbours (within ±0.006).",
    "- Synthetic sentences (`corpora/synthetic/sentences.jsonl`: 121 from round 2, 110 from round 3 — part-一",
    "  fixes of problems a superior or an evaluation found (rule 10), part-五 整改 lists and lead-ins, and",
    "  look-alike negatives: routine 自查…整改 as supervision, future fixes as measure; fictional, written",
    "  without reading the corpora). With neighbours on, CV macro-F1: none 0.822, round 2 only 0.827,",
    "  both 0.846 (rectification F1 0.14 → 0.33), so both rounds are used, for training only.",
    "- Held-out split: a quarter of the agencies drawn with StratifiedGroupKFold (no agency on both sides, each",
    "  label represented in proportion); the plain random draw used before left a single `rectification`",
    "  sentence to test on. The earlier protocol's figure is printed above for comparison.",
    "- Heading-derived weak examples: every page excerpt is annotated now, so none are left (they helped when",
    "  the gold had 1,384 sentences, and no longer did at 2,019). jieba words add nothing measurable over",
    "  character n-grams and cost ~1 s of dictionary loading per process.",
    "- What keeps macro-F1 under 0.90: `rectification` (13 real sentences in all the corpora; the model",
    "  finds about a third of them, the annotators agree on 12 of 13), then the topical pairs",
    "  management↔supervision and active↔platform in reports without standard subsections.",
    "- ECE is the expected calibration error of the top score over the out-of-fold predictions (10 bins).",
]


def target_lines(heldout: dict[str, Any], cv: dict[str, Any]) -> list[str]:
    """The issue's targets against the chosen model's numbers, reached or not."""

    def mark(value: float, goal: float) -> str:
        # Four decimals: at three, 0.9197 would print as "0.920 (not reached)".
        return f"{value:.4f} ({'reached' if value >= goal else 'not reached'})"

    lines = [f"- macro-F1 ≥ 0.90: held-out {mark(heldout['macro_f1'], 0.90)}, CV {mark(cv['macro_f1'], 0.90)}."]
    for label in ("problem", "measure"):
        lines.append(
            f"- {label} F1 ≥ 0.92: held-out {mark(heldout['labels'][label]['f1'], 0.92)}, "
            f"CV {mark(cv['labels'][label]['f1'], 0.92)}."
        )

    def without_rectification(result: dict[str, Any]) -> float:
        others = [v["f1"] for k, v in result["labels"].items() if k != "rectification"]
        return sum(others) / len(others)

    lines.append(
        f"- For reading the macro figures: macro-F1 over the ten labels other than `rectification` is "
        f"{without_rectification(heldout):.3f} held-out and {without_rectification(cv):.3f} CV."
    )
    return lines


def model_lines() -> list[str]:
    """Size and cold load time of the committed model (a fresh interpreter: imports included)."""
    import subprocess

    from nlp.tagger import default_model_path

    path = default_model_path()
    if not path.is_file():
        return ["- No committed model (run `govreport train --corpus ../shared/corpora`)."]
    probe = (
        "import time; t=time.perf_counter(); from nlp.tagger import load_model; load_model(); "
        "print(f'{time.perf_counter()-t:.3f}')"
    )
    seconds = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return [
        (
            f"- Committed model `models/{path.name}`: {path.stat().st_size / 1e6:.2f} MB; importing `nlp.tagger` and "
            f"loading it takes {seconds} s in a fresh interpreter (numpy only: the pipeline is compiled to "
            "vocabularies and weights, see `nlp.tagger.CompiledTagger`)."
        )
    ]


if __name__ == "__main__":
    sys.exit(main())
