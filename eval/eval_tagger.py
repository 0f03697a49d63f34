"""Score the sentence tagger (:mod:`nlp.tagger`) against the stand-off sentence annotations.

Usage::

    python eval/eval_tagger.py [--annotations DIR] [--folds N] [--quick] [--write]

Gold: ``corpora/annotations/sentences*.jsonl`` (``corpora/GUIDELINES.md`` section 1), every record verified
against its source (:func:`nlp.corpus.load_corpus`); mismatches are printed and left out. The tagger is
scored on the gold sentence spans (classification; how well :func:`nlp.sentences.split_sentences` reproduces
those spans is reported apart as boundary agreement).

Two protocols, both grouped by agency (all years and copies of one agency on one side):

(a) held-out: a fixed 25% of the agencies (:func:`nlp.corpus.heldout_groups`, seed 0) is the test side;
    the models train on the rest. The test agencies are listed in the output.
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
sys.path.insert(0, str(ROOT))

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

RESULTS = ROOT / "eval" / "RESULTS.md"
SECTION = "## Sentence tagger"
COMMAND = "python eval/eval_tagger.py --write"

# name → (build_estimator settings, use weak examples, use synthetic examples). The first is the chosen
# configuration (nlp.tagger.DEFAULT_SETTINGS / USE_WEAK / USE_SYNTHETIC, which `govreport train` uses); the
# second is the same model with the synthetic sentences toggled (the previous model when they are on).
_BASE = "LogisticRegression, chars + structure"
VARIANTS: dict[str, tuple[dict[str, Any], bool, bool]] = {
    _BASE + (" + synthetic" if USE_SYNTHETIC else ""): (dict(DEFAULT_SETTINGS), USE_WEAK, USE_SYNTHETIC),
    _BASE + (" (previous model, no synthetic)" if USE_SYNTHETIC else " + synthetic"): (
        dict(DEFAULT_SETTINGS),
        USE_WEAK,
        not USE_SYNTHETIC,
    ),
    "LogisticRegression, chars + structure + weak": (dict(DEFAULT_SETTINGS), True, False),
    "LogisticRegression C=10, chars + structure at weight 0.7 (earlier choice)": (
        {**DEFAULT_SETTINGS, "structure_weight": 0.7, "C": 10.0},
        False,
        False,
    ),
    "LogisticRegression+sigmoid, chars + structure": ({**DEFAULT_SETTINGS, "classifier": "lr_cal"}, False, False),
    "LinearSVC+sigmoid, chars + structure": ({**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0}, False, False),
    "LinearSVC+sigmoid, chars + structure + weak": ({**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0}, True, False),
    "LinearSVC+sigmoid, chars + jieba words + structure": (
        {**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0, "words": True},
        False,
        False,
    ),
    "LinearSVC+sigmoid, chars only (no structure)": (
        {**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0, "structure": False},
        False,
        False,
    ),
    "LinearSVC+sigmoid, chars + structure at weight 1.4": (
        {**DEFAULT_SETTINGS, "classifier": "svc", "C": 10.0, "structure_weight": 1.4},
        False,
        False,
    ),
    "LogisticRegression, chars + jieba words + structure": ({**DEFAULT_SETTINGS, "words": True}, False, False),
    "LogisticRegression, chars only (no structure)": ({**DEFAULT_SETTINGS, "structure": False}, False, False),
    "ComplementNB, chars + structure": ({**DEFAULT_SETTINGS, "classifier": "nb"}, False, False),
}


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
    test_groups = heldout_groups(e.group for e in examples)
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
    logo = None
    if args.folds == 0:
        settings, use_weak, use_synthetic = VARIANTS[chosen]
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
        f"Weak (heading-derived, training only): {len(weak)} sentences from unannotated 2019+ reports: {counts([e.label for e in weak])}.",
        (
            f"Synthetic (written by the team, fictional, training only: `corpora/synthetic/sentences.jsonl`, "
            f"GUIDELINES.md section 4): {len(synthetic)} sentences: {counts([e.label for e in synthetic])}. "
            "Added to every training side (held-out and each CV fold), never to a test side."
        ),
        f"Sentence boundaries: `split_sentences` reproduces {hits}/{total} gold spans exactly ({hits / total:.1%}).",
        "",
        (
            f"(a) Held-out: {len(test_groups)} of {len({e.group for e in examples})} agencies (seed 0), {len(test)} test "
            f"sentences, {len(train)} training sentences. Test agencies: {'、'.join(sorted(test_groups))}."
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
    section = "\n".join(lines) + "\n"
    print()
    print(section)
    if args.write:
        write_section(section)
        print(f"wrote {SECTION!r} to {RESULTS}")
    return 0


NOTES = [
    "- Choice: the variant with the best macro-F1 averaged over the two protocols. Differences of ~0.01 are",
    "  within noise (one `rectification` sentence moves macro-F1 by ~0.02; the held-out side holds a single",
    "  rectification sentence, so that label alone decides ~0.09 of held-out macro-F1). Plain",
    "  LogisticRegression's own probabilities were better calibrated than after sigmoid calibration",
    "  (CalibratedClassifierCV), so the shipped scores are LR's probabilities; LinearSVC needs the calibrator.",
    "- The structural block weighs 0.5 and C is 100 (0.7 and 10 before): better on management/platform in",
    "  both protocols and far better calibrated (at weight 0.5, C=10 left the probabilities under-confident). The",
    "  structure is computed in the text the pipeline tags (read + normalize, then `find_parts`; gold spans are",
    "  carried there by a character alignment, `nlp.corpus.SourceText.view`): in the stored text of some",
    "  sources conversion residue hid part 一 and its subsections, so training saw \"no part\" where analysis",
    "  sees a subsection. Features tried and dropped as no better (within ±0.005 macro-F1 on both protocols,",
    "  also on sentences without a subsection): the nearest standalone heading (apart from the lead-in",
    "  context), and the cue words of the previous sentence.",
    "- Heading-derived weak examples helped (+0.03 held-out macro-F1) while the gold had 1384 sentences; with",
    "  ~2000 they no longer do, so they are left out (`govreport train --weak` adds them). jieba words add",
    "  nothing measurable over character n-grams and would cost ~1 s of dictionary loading per process.",
    "- Synthetic sentences (`corpora/synthetic/sentences.jsonl`, 84 fictional `rectification` sentences and 37",
    "  look-alike measure/problem/supervision negatives written by the team, weight 1.0, training sides only):",
    "  rectification CV F1 0.267 → 0.375 (3 of 13 found instead of 2, precision 1.0), CV macro-F1 0.845 → 0.857,",
    "  held-out macro-F1 0.818 → 0.820, problem/measure unchanged or slightly up; so they are on",
    "  (`nlp.tagger.USE_SYNTHETIC`, `govreport train --no-synthetic` leaves them out). At weight 0.5: CV",
    "  macro-F1 0.854, no better. The single held-out rectification sentence is still missed.",
    "- `rectification` has 13 annotated sentences and the corpora hold almost no more (part 五 of every source",
    "  is annotated; the 2019+ format rarely reports last year's fixes): its F1 swings by single sentences, and",
    "  it caps macro-F1. `other_matter` got 24 more sentences (建议提案 handling, implemented 工作要点, rules",
    "  14–15) from unannotated sources (`sentences_rare.jsonl`). The remaining errors are topical:",
    "  active↔platform, supervision↔preamble/management, mostly in reports whose overview has no standard",
    "  subsections, where the guidelines leave the choice to the sentence's content.",
    "- ECE is the expected calibration error of the top score over the out-of-fold predictions (10 bins).",
]


def target_lines(heldout: dict[str, Any], cv: dict[str, Any]) -> list[str]:
    """The issue's targets against the chosen model's numbers, reached or not."""

    def mark(value: float, goal: float) -> str:
        return f"{value:.3f} ({'reached' if value >= goal else 'not reached'})"

    lines = [f"- macro-F1 ≥ 0.90: held-out {mark(heldout['macro_f1'], 0.90)}, CV {mark(cv['macro_f1'], 0.90)}."]
    for label in ("problem", "measure"):
        lines.append(
            f"- {label} F1 ≥ 0.92: held-out {mark(heldout['labels'][label]['f1'], 0.92)}, "
            f"CV {mark(cv['labels'][label]['f1'], 0.92)}."
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


def write_section(section: str) -> None:
    """Replace (or append) this script's section of RESULTS.md, leaving the other sections as they are."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Evaluation results\n"
    start = text.find(SECTION + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        following = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + (text[following + 1 :] if following >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
