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
    would be ~105 fits per variant, so a 10-fold grouped split stands in for it; ``--folds 0`` runs true
    leave-one-group-out for the chosen model only).

Weak examples (heading-derived, :func:`nlp.corpus.weak_examples`) are only ever added to the training side,
and never from a test-side agency. Every variant is compared with the keyword-rule baseline
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

from nlp.corpus import ANNOTATIONS_DIR, Example, heldout_groups, load_corpus, weak_examples  # noqa: E402
from nlp.sentences import split_sentences  # noqa: E402
from nlp.tagger import LABELS, fit, keyword_baseline, scores  # noqa: E402

RESULTS = ROOT / "eval" / "RESULTS.md"
SECTION = "## Sentence tagger"
COMMAND = "python eval/eval_tagger.py --write"

# name → (build_estimator settings, use weak examples). The first is the chosen configuration (train.py uses
# the same settings through nlp.tagger.DEFAULT_SETTINGS).
VARIANTS: dict[str, tuple[dict[str, Any], bool]] = {
    "LR + structure + weak": ({"classifier": "lr"}, True),
    "LR + structure": ({"classifier": "lr"}, False),
    "LR, text only (no structure)": ({"classifier": "lr", "structure": False}, False),
    "LR + structure, chars only (no jieba words)": ({"classifier": "lr", "words": False}, False),
    "LinearSVC+sigmoid + structure + weak": ({"classifier": "svc"}, True),
    "LinearSVC+sigmoid + structure": ({"classifier": "svc"}, False),
    "LR+sigmoid + structure + weak": ({"classifier": "lr_cal"}, True),
    "ComplementNB + structure + weak": ({"classifier": "nb"}, True),
}


def run_variant(
    train: list[Example], test: list[Example], weak: list[Example], settings: dict[str, Any], use_weak: bool
) -> tuple[list[str], list[float]]:
    """Predicted labels and top probabilities for ``test`` from a model trained on ``train`` (+ weak)."""
    test_groups = {e.group for e in test}
    examples = train + ([e for e in weak if e.group not in test_groups] if use_weak else [])
    model = fit([e.input for e in examples], [e.label for e in examples], **settings)
    probabilities = model.predict_proba([e.input for e in test])
    classes = list(model.classes_)
    return [classes[int(row.argmax())] for row in probabilities], [float(row.max()) for row in probabilities]


def cross_validate(
    examples: list[Example], weak: list[Example], settings: dict[str, Any], use_weak: bool, folds: int
) -> tuple[list[str], list[float]]:
    """Out-of-fold predictions over agency groups (GroupKFold, or LeaveOneGroupOut when ``folds`` is 0)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    groups = np.array([e.group for e in examples])
    splitter = LeaveOneGroupOut() if folds == 0 else GroupKFold(n_splits=folds)
    predicted = [""] * len(examples)
    confidence = [0.0] * len(examples)
    for train_index, test_index in splitter.split(examples, groups=groups):
        labels, probs = run_variant(
            [examples[i] for i in train_index], [examples[i] for i in test_index], weak, settings, use_weak
        )
        for i, label, prob in zip(test_index, labels, probs):
            predicted[i] = label
            confidence[i] = prob
    return predicted, confidence


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
    parser.add_argument("--quick", action="store_true", help="chosen model and baseline only")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of eval/RESULTS.md")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.annotations)
    for mismatch in corpus.mismatches:
        print(f"MISMATCH {mismatch.file}:{mismatch.line} {mismatch.source}: {mismatch.reason}", file=sys.stderr)
    examples = corpus.examples
    weak = weak_examples(corpus.root, {e.source for e in examples})
    test_groups = heldout_groups(e.group for e in examples)
    train = [e for e in examples if e.group not in test_groups]
    test = [e for e in examples if e.group in test_groups]
    gold_test = [e.label for e in test]
    gold_all = [e.label for e in examples]

    from nlp.corpus import SourceReader

    reader = SourceReader(corpus.root)
    hits, total = boundary_agreement(examples, {s: reader(s).text for s in {e.source for e in examples}})

    baseline_heldout = scores(gold_test, keyword_baseline([e.input for e in test]))
    baseline_cv = scores(gold_all, keyword_baseline([e.input for e in examples]))
    variants = list(VARIANTS.items())[:1] if args.quick else list(VARIANTS.items())
    rows = []
    details: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for name, (settings, use_weak) in variants:
        started = time.perf_counter()
        predicted, confidence = run_variant(train, test, weak, settings, use_weak)
        heldout = scores(gold_test, predicted)
        cv_predicted, cv_confidence = cross_validate(examples, weak, settings, use_weak, args.folds or 10)
        cv = scores(gold_all, cv_predicted)
        ece = calibration_error(gold_all, cv_predicted, cv_confidence)
        seconds = time.perf_counter() - started
        rows.append((name, heldout, cv, ece, seconds))
        details[name] = (heldout, cv)
        print(
            f"{name:45s} held-out macro-F1 {heldout['macro_f1']:.3f} acc {heldout['accuracy']:.3f} | "
            f"CV macro-F1 {cv['macro_f1']:.3f} acc {cv['accuracy']:.3f} ECE {ece:.3f} | {seconds:.0f}s",
            flush=True,
        )
    chosen = rows[0][0]
    logo = None
    if args.folds == 0:
        settings, use_weak = VARIANTS[chosen]
        logo_predicted, _ = cross_validate(examples, weak, settings, use_weak, 0)
        logo = scores(gold_all, logo_predicted)
        print(f"leave-one-group-out ({len(set(e.group for e in examples))} folds) macro-F1 {logo['macro_f1']:.3f}")

    lines = [SECTION, "", f"Command: `{COMMAND}` (about {sum(r[4] for r in rows) / 60:.0f} min).", ""]
    lines += [
        f"Gold: {len(examples)} verified sentence records from {len({e.source for e in examples})} reports of "
        f"{len({e.group for e in examples})} agencies ({len(corpus.mismatches)} records failed verification and were left out). "
        f"Labels: " + ", ".join(f"{label} {count}" for label, count in sorted(Counter(gold_all).items(), key=lambda kv: -kv[1])) + ".",
        f"Weak (heading-derived, training only): {len(weak)} sentences from unannotated 2019+ reports: "
        + ", ".join(f"{label} {count}" for label, count in sorted(Counter(e.label for e in weak).items(), key=lambda kv: -kv[1]))
        + ".",
        f"Sentence boundaries: `split_sentences` reproduces {hits}/{total} gold spans exactly ({hits / total:.1%}).",
        "",
        f"(a) Held-out: {len(test_groups)} of {len({e.group for e in examples})} agencies (seed 0), {len(test)} test sentences, "
        f"{len(train)} training sentences. Test agencies: " + "、".join(sorted(test_groups)) + ".",
        f"(b) Cross-validation: GroupKFold by agency, {args.folds or 10} folds, out-of-fold predictions over all {len(examples)} "
        "sentences (10 grouped folds stand in for leave-one-report-out: ~105 refits per variant would be too slow "
        "for the comparison).",
        "",
        "### Model comparison",
        "",
        "| variant | held-out macro-F1 | held-out accuracy | CV macro-F1 | CV accuracy | CV ECE | problem F1 (CV) | measure F1 (CV) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| keyword-rule baseline | {baseline_heldout['macro_f1']:.3f} | {baseline_heldout['accuracy']:.3f} | "
        f"{baseline_cv['macro_f1']:.3f} | {baseline_cv['accuracy']:.3f} | | "
        f"{baseline_cv['labels']['problem']['f1']:.3f} | {baseline_cv['labels']['measure']['f1']:.3f} |",
    ]
    for name, heldout, cv, ece, _ in rows:
        lines.append(
            f"| {name}{' (chosen)' if name == chosen else ''} | {heldout['macro_f1']:.3f} | {heldout['accuracy']:.3f} | "
            f"{cv['macro_f1']:.3f} | {cv['accuracy']:.3f} | {ece:.3f} | {cv['labels']['problem']['f1']:.3f} | "
            f"{cv['labels']['measure']['f1']:.3f} |"
        )
    heldout, cv = details[chosen]
    lines += ["", f"### Chosen model ({chosen}): held-out agencies", "", *label_table(heldout, baseline_heldout)]
    lines += ["", f"### Chosen model ({chosen}): cross-validation", "", *label_table(cv, baseline_cv)]
    if logo is not None:
        lines += ["", "### Chosen model: leave-one-agency-out", "", *label_table(logo, baseline_cv)]
    section = "\n".join(lines) + "\n"
    print()
    print(section)
    if args.write:
        write_section(section)
        print(f"wrote {SECTION!r} to {RESULTS}")
    return 0


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
