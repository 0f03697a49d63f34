"""Score :func:`nlp.figures.extract_figures` against the stand-off figure annotations.

Usage::

    python eval/eval_figures.py [--annotations PATH]... [--split all|dev|heldout|blind1|blind2] [--verbose] [--write]

Gold: ``corpora/annotations/figures.jsonl`` (``corpora/GUIDELINES.md`` section 2): every number of the narrative
with ``figure`` true/false. ``--annotations`` may be given several times; without it the default file is read,
plus each blind set (``figures_blind.jsonl``, ``figures_blind2.jsonl``) that is complete (its manifest exists:
the annotator writes the manifest last). Each file's table regions come from its own manifest (``<stem>_manifest.json``). Each record is verified against its source text (sha256 of the source, and
``text[start:end] == surface`` or its fingerprint ``surface_sha1``); records that fail are reported and
left out, never silently used.

The extractor runs the way :func:`nlp.pipeline.analyze` runs it, so the scores are those of what ships: on the
source read as ``govreport analyze`` reads it (:attr:`nlp.corpus.SourceText.view`: a page excerpt as a ``.txt``
file, a seed or PDF through :func:`nlp.readers.read`) and normalized, with the parts
:func:`nlp.segment.find_parts` finds there, the report year :func:`nlp.segment.extract_meta` reads there (the
pages' own ``year`` field is the collectors' metadata, which the pipeline never sees; the run prints how many
sources the two disagree on, or where no year was read) and the regions of the statutory tables
:func:`nlp.tables.parse_tables` finds there as ``exclude``. Normalisation deletes and replaces characters (pinyin
glosses, spaces between a figure and its unit, page chrome), so that text is not the one the gold offsets index:
each predicted span is carried back to the stored text through the view's character alignment, and the run
prints how many predictions did not land on the same digits. Predictions that fall inside the table regions the
annotator skipped (``figures_manifest.json``; offsets into the stored text) cannot be scored and are counted apart.

Matching: a prediction matches a gold figure when their spans overlap and the values are equal (one-to-one,
same-category pairs first). Unmatched predictions are false positives (on a gold non-figure, on a gold figure
with another value, or on an unannotated number); unmatched gold figures are false negatives. Category, unit
and approx are scored on the matched pairs. *Category-aware* precision and recall count a prediction as correct
only when span, value and category all match (``cat. P`` = correct / predicted, ``cat. R`` = correct / gold):
the number that matters to the checks, which compare figures of one category with the tables.

Held-out split: page excerpts are split by agency (salted hash of the ``agency`` field, so all years of one agency
fall on the same side); only dev errors are for writing rules (``--split dev --verbose``). Seeds and the PDF are
dev. Blind splits: the records of each blind set (written by another annotator from agencies the rules never
saw); a blind set is scored once, after the rules of its round are final.

``--verbose`` lists, for the chosen split, the confusion (gold category → predicted category, with ``—`` for a
missed or spurious figure) and then every error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.config import corpora_dir  # noqa: E402
from nlp.corpus import SourceReader, surface_sha1  # noqa: E402
from results import replace_section  # noqa: E402  (eval/ is on sys.path as the script's folder)
from nlp.figures import extract_figures  # noqa: E402
from nlp.model import Document, Figure, Source  # noqa: E402
from nlp.segment import extract_meta  # noqa: E402
from nlp.tables import parse_tables  # noqa: E402

DEFAULT_ANNOTATIONS = ROOT / "corpora" / "annotations" / "figures.jsonl"
# Blind sets, in the order they were written: each is scored blind once, with the rules of its round, and may
# serve as development data afterwards (the results section says which is which).
BLIND_SPLITS = {"figures_blind.jsonl": "blind1", "figures_blind2.jsonl": "blind2"}
SPLITS = ("dev", "heldout", *BLIND_SPLITS.values())
SPLIT_NAMES = {
    "dev": "dev",
    "heldout": "held-out",
    "blind1": "blind set 1 (scored blind once in round 1; development data since round 2)",
    "blind2": "blind set 2 (scored blind once in round 2; round 3 did not read its errors)",
}
RESULTS = ROOT / "eval" / "RESULTS.md"
SECTION = "## Figure extraction"
HELDOUT_BUCKETS = 3  # of 10: about 30% of the agencies
# Salted: the annotated excerpts were themselves drawn from the unsalted sha1(agency) buckets 3-9 (0-2 are
# apparently reserved elsewhere), so the plain hash would leave this held-out side empty.
HELDOUT_SALT = "figures-heldout"


@dataclass
class SourceText:
    text: str
    sha256: str
    agency: str | None = None
    year: int | None = None  # the report year extract_meta reads (what the pipeline passes to the figures)
    listed_year: int | None = None  # the page row's ``year`` field (collectors' metadata), for the note only
    # what the pipeline extracts, with spans carried back to ``text``
    figures: list[Figure] = field(default_factory=list)
    # predictions whose span in ``text`` holds other digits than the pipeline's span (an alignment slip)
    drifted: list[str] = field(default_factory=list)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_category: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    value_overlaps: int = 0
    value_equal: int = 0
    category_equal: int = 0
    unit_equal: int = 0
    approx_equal: int = 0
    in_table_regions: int = 0
    # (gold category, predicted category) of every gold figure and prediction; "—" for the missing side
    confusion: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        counts = ("tp", "fp", "fn", "value_overlaps", "value_equal", "category_equal", "unit_equal", "approx_equal")
        for name in (*counts, "in_table_regions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for category, counts in other.by_category.items():
            self.by_category[category].update(counts)
        self.confusion.update(other.confusion)
        self.errors.extend(other.errors)

    @property
    def category_precision(self) -> float:
        """Predictions whose span, value and category all match a gold figure, over all predictions."""
        return _ratio(self.category_equal, self.tp + self.fp)

    @property
    def category_recall(self) -> float:
        return _ratio(self.category_equal, self.tp + self.fn)


@lru_cache(maxsize=None)
def _pages() -> dict[str, dict]:
    rows = {}
    with open(corpora_dir() / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["id"]] = row
    return rows


_READER = SourceReader()


def load_source(source: str) -> SourceText:
    """The exact text a record's offsets index (GUIDELINES.md), with the page row's agency as written."""
    loaded = _READER(source)
    agency = listed_year = None
    if source.startswith("pages/pages.jsonl#"):
        row = _pages()[source.split("#", 1)[1]]
        agency = row.get("agency") or row["id"]
        listed_year = row.get("year")
    year, figures = pipeline_figures(loaded)
    drifted = [
        f"{source} {f.start}:{f.end} pipeline {f.text!r}, stored {loaded.text[f.start:f.end]!r}"
        for f in figures
        if _digits(f.text) != _digits(loaded.text[f.start : f.end])
    ]
    return SourceText(loaded.text, loaded.sha256, agency, year, listed_year, figures, drifted)


def pipeline_figures(loaded) -> tuple[int | None, list[Figure]]:
    """The report year and the figures :func:`nlp.pipeline.analyze` extracts from the source as the CLI reads it
    (:attr:`nlp.corpus.SourceText.view`), each span carried back to the stored text the gold offsets index."""
    view = loaded.view
    year = extract_meta(Document(source=Source(path=loaded.source), text=view.text), view.parts).year
    regions = [(region.start, region.end) for region in parse_tables(view.text, view.parts).regions]
    back = _stored_offsets(view.offsets, len(view.text))
    figures = []
    for figure in extract_figures(view.text, view.parts, year, exclude=regions):
        start = back[figure.start]
        figures.append(replace(figure, start=start, end=max(back[figure.end - 1] + 1, start + 1)))
    return year, figures


def _stored_offsets(offsets: list[int], length: int) -> list[int]:
    """The inverse of a view's ``offsets``: where each character of the normalized text (and its end, ``length``)
    stands in the stored text. A deleted character is mapped to where the next kept one lands, so the last stored
    character mapped to a position is the kept one; a character normalisation inserted takes the next kept one's."""
    back: list[int | None] = [None] * (length + 1)
    for stored, position in enumerate(offsets):
        back[position] = stored
    for position in range(length - 1, -1, -1):
        if back[position] is None:
            back[position] = back[position + 1]
    return back


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", unicodedata.normalize("NFKC", text)))


def split_of(source: str, loaded: SourceText) -> str:
    if not source.startswith("pages/") or loaded.agency is None:
        return "dev"
    bucket = int(hashlib.sha1(f"{HELDOUT_SALT}:{loaded.agency}".encode("utf-8")).hexdigest(), 16) % 10
    return "heldout" if bucket < HELDOUT_BUCKETS else "dev"


def verified(records: list[dict], loaded: SourceText, problems: list[str]) -> list[dict]:
    good = []
    for record in records:
        span = loaded.text[record["start"] : record["end"]]
        if record.get("sha256") != loaded.sha256:
            problems.append(f"{record['source']} {record['start']}:{record['end']}: sha256 does not match the source")
        elif "surface" in record and span != record["surface"]:
            problems.append(f"{record['source']} {record['start']}:{record['end']}: text {span!r} != surface {record['surface']!r}")
        elif "surface_sha1" in record and surface_sha1(span) != record["surface_sha1"]:
            problems.append(f"{record['source']} {record['start']}:{record['end']}: surface_sha1 does not match")
        elif "surface" not in record and "surface_sha1" not in record:
            problems.append(f"{record['source']} {record['start']}:{record['end']}: no surface to verify against")
        else:
            good.append(record)
    return good


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _same_value(a: float | int | None, b: float | int | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6


def score_source(
    source: str, text: str, gold: list[dict], tables: list[tuple[int, int]], everything: list[Figure]
) -> Tally:
    """Score the predictions ``everything`` (spans into ``text``) of one source against its gold records."""
    tally = Tally()
    predicted = [f for f in everything if not any(s <= f.start < e for s, e in tables)]
    tally.in_table_regions = len(everything) - len(predicted)
    figures = [g for g in gold if g["figure"]]
    pairs = []
    for p_index, prediction in enumerate(predicted):
        for g_index, record in enumerate(figures):
            overlap = _overlap(prediction.start, prediction.end, record["start"], record["end"])
            if overlap:
                tally.value_overlaps += 1
                tally.value_equal += _same_value(prediction.value, record["value"])
                if _same_value(prediction.value, record["value"]):
                    pairs.append((prediction.category != record["category"], -overlap, p_index, g_index))
    matched_p: dict[int, int] = {}
    matched_g: set[int] = set()
    for _, _, p_index, g_index in sorted(pairs):
        if p_index not in matched_p and g_index not in matched_g:
            matched_p[p_index] = g_index
            matched_g.add(g_index)

    def where(start: int, end: int) -> str:
        return f"{source} {start}:{end} …{text[max(0, start - 18):start]}[{text[start:end]}]{text[end:end + 8]}…".replace("\n", "⏎")

    for p_index, prediction in enumerate(predicted):
        tally.by_category[prediction.category]["predicted"] += 1
        if p_index in matched_p:
            record = figures[matched_p[p_index]]
            tally.tp += 1
            tally.category_equal += prediction.category == record["category"]
            tally.unit_equal += prediction.unit == (record["unit"] or "")
            tally.approx_equal += prediction.approx == bool(record["approx"])
            tally.confusion[(record["category"], prediction.category)] += 1
            if prediction.category == record["category"]:
                tally.by_category[prediction.category]["correct"] += 1
            else:
                tally.errors.append(f"CATEGORY {prediction.category} (gold {record['category']}): {where(prediction.start, prediction.end)}")
            if prediction.unit != (record["unit"] or "") or prediction.approx != bool(record["approx"]):
                tally.errors.append(
                    f"UNIT/APPROX {prediction.unit}/{prediction.approx} (gold {record['unit']}/{record['approx']}): {where(prediction.start, prediction.end)}"
                )
        else:
            tally.fp += 1
            tally.confusion[("—", prediction.category)] += 1
            tally.errors.append(f"FP {_describe(prediction, gold)}: {where(prediction.start, prediction.end)}")
    for g_index, record in enumerate(figures):
        tally.by_category[record["category"]]["gold"] += 1
        if g_index not in matched_g:
            tally.fn += 1
            tally.confusion[(record["category"], "—")] += 1
            tally.errors.append(
                f"FN {record['category']} {record['value']} {record['unit']}: {where(record['start'], record['end'])}"
            )
    return tally


def _describe(prediction: Figure, gold: list[dict]) -> str:
    hits = [g for g in gold if _overlap(prediction.start, prediction.end, g["start"], g["end"])]
    label = f"{prediction.category} {prediction.value} {prediction.unit}"
    if not hits:
        return f"{label} (unannotated)"
    return label + " (gold " + ", ".join(
        f"figure {g['value']}" if g["figure"] else f"non-figure {g['kind']}" for g in hits
    ) + ")"


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


SUMMARY_HEADER = [
    "| split | gold figures | predicted | precision | recall | F1 | cat. P | cat. R | cat. F1 | value acc. | "
    "category acc. | unit acc. | approx acc. |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]


def report(name: str, tally: Tally) -> str:
    """One row of the summary table: detection, then category-aware scores, then agreement on matched pairs."""
    precision = _ratio(tally.tp, tally.tp + tally.fp)
    recall = _ratio(tally.tp, tally.tp + tally.fn)
    f1 = _ratio(2 * tally.tp, 2 * tally.tp + tally.fp + tally.fn)
    cat_p, cat_r = tally.category_precision, tally.category_recall
    cat_f1 = _ratio(2 * cat_p * cat_r, cat_p + cat_r) if cat_p + cat_r else 0.0
    return (
        f"| {name} | {tally.tp + tally.fn} | {tally.tp + tally.fp} | {precision:.3f} | {recall:.3f} | {f1:.3f} | "
        f"{cat_p:.3f} | {cat_r:.3f} | {cat_f1:.3f} | "
        f"{_ratio(tally.value_equal, tally.value_overlaps):.3f} | {_ratio(tally.category_equal, tally.tp):.3f} | "
        f"{_ratio(tally.unit_equal, tally.tp):.3f} | {_ratio(tally.approx_equal, tally.tp):.3f} |"
    )


def confusion_listing(tally: Tally) -> list[str]:
    """Gold → predicted category counts of the disagreements, most frequent first ("—": missed or spurious)."""
    wrong = [(pair, n) for pair, n in tally.confusion.items() if pair[0] != pair[1]]
    width = max((len(gold) for (gold, _), _ in wrong), default=0)
    ordered = sorted(wrong, key=lambda item: (-item[1], item[0]))
    return [f"  {n:4d}  {gold:<{width}} → {predicted}" for (gold, predicted), n in ordered]


def category_table(tally: Tally) -> list[str]:
    """Category-aware precision and recall per category: a prediction of the category is correct when span,
    value and category match a gold figure."""
    lines = ["| category | gold | predicted | precision | recall |", "|---|---:|---:|---:|---:|"]
    for category in sorted(tally.by_category, key=lambda c: -tally.by_category[c]["gold"]):
        counts = tally.by_category[category]
        lines.append(
            f"| {category} | {counts['gold']} | {counts['predicted']} | {_ratio(counts['correct'], counts['predicted']):.3f} | "
            f"{_ratio(counts['correct'], counts['gold']):.3f} |"
        )
    return lines


def annotation_files(given: list[Path] | None) -> tuple[list[Path], list[str]]:
    """The files to score, and notes on files left out. Without ``--annotations``: the default file, plus the
    blind file once its manifest exists (the annotator writes the manifest when the file is complete)."""
    if given:
        given = list(dict.fromkeys(path.resolve() for path in given))  # a file given twice counts once
        unmapped = [path for path in given if not manifest_of(path).is_file()]
        return given, [f"{path}: no {manifest_of(path).name}, table regions unknown" for path in unmapped]
    files, notes = [DEFAULT_ANNOTATIONS], []
    for name in BLIND_SPLITS:
        path = DEFAULT_ANNOTATIONS.with_name(name)
        if path.is_file() and manifest_of(path).is_file():
            files.append(path)
        elif path.is_file():
            notes.append(f"{name} is incomplete (no {manifest_of(path).name}): left out")
    return files, notes


def manifest_of(path: Path) -> Path:
    return path.with_name(f"{path.stem}_manifest.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--annotations", type=Path, action="append", help="annotation file (repeatable)")
    parser.add_argument(
        "--split", choices=("all", "blind", *SPLITS), default="all", help="which errors to list with --verbose (blind = blind1)"
    )
    parser.add_argument("--verbose", action="store_true", help="list the confusion and every error of the chosen split")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of eval/RESULTS.md")
    args = parser.parse_args(argv)
    if args.split == "blind":
        args.split = "blind1"

    files, notes = annotation_files(args.annotations)
    tables: dict[str, list[tuple[int, int]]] = {}
    by_source: dict[str, list[dict]] = defaultdict(list)
    blind_sources: dict[str, str] = {}
    n_records: dict[Path, int] = {}
    for path in files:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        n_records[path] = len(records)
        if manifest_of(path).is_file():
            for entry in json.loads(manifest_of(path).read_text(encoding="utf-8"))["sources"]:
                tables[entry["source"]] = [tuple(span) for span in entry.get("table_regions_skipped", [])]
        for record in records:
            by_source[record["source"]].append(record)
            if path.name in BLIND_SPLITS:
                blind_sources[record["source"]] = BLIND_SPLITS[path.name]

    problems: list[str] = []
    tallies = {split: Tally() for split in SPLITS}
    sources = Counter()
    year_notes: list[str] = []
    drifted: list[str] = []
    for source, source_records in sorted(by_source.items()):
        loaded = load_source(source)
        gold = verified(source_records, loaded, problems)
        split = blind_sources.get(source) or split_of(source, loaded)
        sources[split] += 1
        if loaded.year is None or (loaded.listed_year and loaded.listed_year != loaded.year):
            year_notes.append(f"{source}: report year read {loaded.year}, listed {loaded.listed_year}")
        drifted += loaded.drifted
        tallies[split].add(score_source(source, loaded.text, gold, tables.get(source, []), loaded.figures))
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)

    lines = SUMMARY_HEADER + [report(f"all ({sum(sources.values())} sources)", overall)]
    lines += [report(f"{SPLIT_NAMES[split]} ({sources[split]})", tallies[split]) for split in SPLITS if sources[split]]
    print("\n".join(lines))
    print()
    print("\n".join(category_table(overall)))
    total_records = sum(n_records.values())
    print(f"\nrecords: {total_records}, rejected by verification: {len(problems)}; predictions inside unannotated table regions: {overall.in_table_regions}")
    print(f"report years (extract_meta): {len(by_source) - len(year_notes)} of {len(by_source)} sources read and equal to the listed year where one is listed")
    for note in year_notes:
        print("  YEAR", note)
    print(f"predictions carried back to the stored text onto other digits: {len(drifted)}")
    for note in drifted:
        print("  DRIFT", note)
    for note in notes:
        print("  NOTE", note)
    for problem in problems:
        print("  REJECTED", problem)
    if args.verbose:
        chosen = overall if args.split == "all" else tallies[args.split]
        print(f"\nconfusion ({args.split}; gold → predicted):")
        print("\n".join(confusion_listing(chosen)))
        print(f"\nerrors ({args.split}):")
        for error in chosen.errors:
            print(" ", error)
    if args.write:
        write_results(lines, category_table(overall), n_records, len(problems), args)
    return 0


def write_results(
    summary: list[str], categories: list[str], n_records: dict[Path, int], n_rejected: int, args: argparse.Namespace
) -> None:
    """Replace this script's section of eval/RESULTS.md; the other sections belong to other evaluations."""
    command = "python eval/eval_figures.py --write"
    for path in args.annotations or []:
        command += f" --annotations {path}"
    gold = ", ".join(f"`{_shown(path)}` ({n} records)" for path, n in n_records.items())
    blind = any(path.name in BLIND_SPLITS for path in n_records)
    body = "\n".join(
        [
            SECTION,
            "",
            f"`{command}` — gold {gold}, {n_rejected} rejected by verification; extractor run as `govreport analyze` runs "
            "it: on the normalized text of the source read as the CLI reads it, with the parts `find_parts` finds "
            "there, the report year `extract_meta` reads there (an earlier year's counts are `other`) and the parsed "
            "tables' regions excluded, each predicted span carried back to the stored text the gold offsets index "
            "(until round 7 it ran on the stored text with `parts=[]`; on round 7's rules both protocols give the same "
            "predictions, span, value and category, on every source); a prediction matches a gold figure when the spans overlap and the values are equal. "
            "`cat. P`/`cat. R`: category-aware precision and recall (span, value *and* category must match). "
            "Held-out: page excerpts of ~30% of the agencies (salted hash of the agency); the rules were written from "
            "the dev errors only, but one early error listing (before the split existed) showed errors of 6 of the 10 "
            "held-out excerpts, and round 3 (rules for a QA review's findings) started from findings that quote one "
            "held-out excerpt (平度市公安局 2023) and printed the held-out errors while checking the comparison-base "
            "rule, so the held-out line is not blind. Round 3 labels the count of an earlier period quoted for "
            "comparison (\"比2022年（31起）\") `other` and a response listed among published items (\"其中…回应关切26条\") "
            "`active_disclosure_items`, as the QA review asked; 5 gold records of dev and held-out label such numbers "
            "otherwise and count as errors. Passing the report year to the figure stage afterwards (a count in a clause "
            "about an earlier year, \"2023年收到…41件，2024年收到52件\" in a 2024 report, is `other`) changed no "
            "annotated figure: no gold figure sits in such a clause. Round 4 (a second QA review's findings: report "
            "outlines, carry-forwards to the next year, addresses, tasks, columns, reposts, 类/种) quoted one held-out "
            "excerpt (a carry-forward) and fixed its gold-matching figure; its rules were checked against every page "
            "and the blind sets' summary lines, whose errors it did not read. Round 5 (two QA reviews of 70 excerpts: "
            "review counts in part 一, 依申请公开…N, 订阅号 posts, containers such as 平台/受理点, 宣传 events, proposal "
            "主办件, 并无 negations, lawsuit costs, metric wording, table cells outside the layout's table lines) read the "
            "gold of the named excerpts where it disagreed with a finding, among them one blind-set-2 excerpt "
            "(efb92771c80c, whose gold it followed); the held-out and blind-set-2 figures did not move. Round 8 (a count "
            "of kinds before the count of the items, \"…4大类46项\", \"…5个方面120条\": the kinds are `other`, the items "
            "keep the words before them) started from a finding that quotes that same blind-set-2 excerpt; its rules "
            "were written on fictional sentences, and no dev, held-out or blind error listing was read for them."
            + (
                " Blind sets: excerpts of agencies outside every other split, annotated by another annotator after "
                "the rules of a round were written. Set 1 was scored once with the round-1 rules (detection P 0.991 / "
                "R 0.940, cat. P 0.880 / cat. R 0.835) and then became development data (rounds 2 and 3); set 2 was scored "
                "once with the round-2 rules (detection P 0.994 / R 0.959, cat. P 0.939 / cat. R 0.905). The table "
                "shows the current rules (round 3's, plus the report year and the later rounds' rules above): round 3 did not read set 2's errors or texts, but its summary line was "
                "printed while the rules were tried, so set 2 is no longer strictly blind either."
                if blind
                else ""
            ),
            "",
            *summary,
            "",
            "Per category (all sources; category-aware):",
            "",
            *categories,
            "",
        ]
    )
    replace_section(SECTION, body, RESULTS)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
