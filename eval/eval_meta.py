"""Score :func:`nlp.segment.extract_meta` (year and agency) against the page excerpts' own metadata.

Usage::

    python eval/eval_meta.py [--split all|dev|heldout] [--verbose] [--write]

Gold: the ``agency`` and ``year`` fields of ``pages/pages.jsonl`` in the shared corpora (the collectors' reading
of each page; mostly right, not checked by hand, so a few "errors" are the gold's). Rows whose agency is empty or
a placeholder ("某局", "…不详", "未知") are left out; rows without a year count for the agency only.

Each excerpt goes through the pipeline's own reading as if saved as a ``.txt`` file (:func:`nlp.readers.text.read_text`,
:func:`nlp.normalize.normalize`), then :func:`nlp.segment.find_parts` and :func:`nlp.segment.extract_meta`: the
same calls ``govreport analyze`` makes, without the tables, tagger and checks.

Normalisation before comparing agencies (:func:`nlp.corpus.normalize_agency`, applied to both sides): the
collectors' notes in brackets ("(第三方镜像站)", "繁体") dropped, Traditional characters folded to Simplified,
whitespace and brackets removed. *Exact*: the normalised names are equal. *Compatible*: one contains the other
("区科技局" in "杭州市某区科技局", or an extra province prefix), i.e. the same agency named more or less fully.
*Level*: whether the reading and the gold agree on :func:`nlp.checks.timeliness.is_government` (the government-level
report and its office get E1's later deadline; a missing agency counts as a department).

Error kinds (agency): ``missing`` (none read); ``shorter: place prefix missing`` (the gold ends with the reading);
``longer: extra prefix`` (the reading ends with the gold); ``government for its office`` (the reading is the
人民政府 and the gold its 办公室/办公厅, or the reverse); ``truncated`` / ``extra suffix`` (one starts with the
other); ``inside`` (contained elsewhere); ``different``. Year: ``missing``, ``off by one`` (mostly a publication
or page date taken for the report year), ``wrong``. Level: ``government read as department`` and the reverse.

Held-out split: ~30% of the agencies (salted hash of the normalised agency, so all years of one agency fall on
the same side). Rules are written from the dev errors only (``--split dev --verbose``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shlex
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.checks.timeliness import is_government  # noqa: E402
from nlp.config import corpora_dir  # noqa: E402
from nlp.corpus import SourceReader, normalize_agency  # noqa: E402
from nlp.model import Document, Meta, Source  # noqa: E402
from nlp.segment import extract_meta  # noqa: E402
from results import replace_section  # noqa: E402  (eval/ is on sys.path as the script's folder)

SECTION = "## Report metadata"
SPLITS = ("dev", "heldout")
SPLIT_NAMES = {"dev": "dev", "heldout": "held-out"}
HELDOUT_BUCKETS = 3  # of 10: about 30% of the agencies
HELDOUT_SALT = "meta-heldout"
PLACEHOLDER = re.compile(r"某|不详|未知")
OFFICE = re.compile(r"(?:办公室|办公厅)$")


COUNTS = (
    "rows", "with_year", "title", "agency_found", "year_found", "year_correct", "agency_exact", "agency_compatible",
    "level_correct",
)


@dataclass
class Tally:
    rows: int = 0
    with_year: int = 0
    title: int = 0
    agency_found: int = 0
    year_found: int = 0
    year_correct: int = 0
    agency_exact: int = 0
    agency_compatible: int = 0
    level_correct: int = 0
    kinds: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kinds.update(other.kinds)
        self.errors.extend(other.errors)


def load_rows() -> list[dict]:
    with open(corpora_dir() / "pages" / "pages.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [row for row in rows if row.get("agency") and not PLACEHOLDER.search(row["agency"])]


def split_of(row: dict) -> str:
    key = normalize_agency(row["agency"])
    bucket = int(hashlib.sha1(f"{HELDOUT_SALT}:{key}".encode("utf-8")).hexdigest(), 16) % 10
    return "heldout" if bucket < HELDOUT_BUCKETS else "dev"


_READER = SourceReader()


def read_meta(row: dict) -> Meta:
    """What ``govreport analyze`` reads as the metadata of the excerpt saved as a .txt file
    (:attr:`nlp.corpus.SourceText.view`)."""
    source = f"pages/pages.jsonl#{row['id']}"
    view = _READER(source).view
    return extract_meta(Document(source=Source(path=source), text=view.text), view.parts)


def agency_kind(gold: str, found: str | None) -> str | None:
    """The error kind of an agency reading (None when exact); both names normalised."""
    if not found:
        return "missing"
    if found == gold:
        return None
    if OFFICE.sub("", gold) == found or OFFICE.sub("", found) == gold:
        return "government for its office"
    if gold.endswith(found):
        return "shorter: place prefix missing"
    if found.endswith(gold):
        return "longer: extra prefix"
    if gold.startswith(found):
        return "truncated"
    if found.startswith(gold):
        return "extra suffix"
    if found in gold or gold in found:
        return "inside"
    return "different"


def year_kind(gold: int, found: int | None) -> str | None:
    if found is None:
        return "missing"
    if found == gold:
        return None
    return "off by one" if abs(found - gold) == 1 else "wrong"


def score_row(row: dict, meta: Meta) -> Tally:
    tally = Tally(rows=1)
    tally.title += meta.title is not None
    tally.agency_found += bool(meta.agency)
    gold_agency = normalize_agency(row["agency"])
    found_agency = normalize_agency(meta.agency) if meta.agency else None
    kind = agency_kind(gold_agency, found_agency)
    where = (
        f"{row['id']} gold {row['agency']} / {row.get('year')}; read {meta.agency!r} / {meta.year}; "
        f"title {meta.title!r}"
    )
    if kind is None:
        tally.agency_exact += 1
    else:
        tally.kinds[f"agency: {kind}"] += 1
        tally.errors.append(f"AGENCY {kind}: {where}")
    compatible = bool(found_agency) and (found_agency in gold_agency or gold_agency in found_agency)
    tally.agency_compatible += compatible
    gold_level, found_level = is_government(gold_agency), is_government(found_agency)
    if gold_level == found_level:
        tally.level_correct += 1
    else:
        kind = "government read as department" if gold_level else "department read as government"
        tally.kinds[f"level: {kind}"] += 1
        tally.errors.append(f"LEVEL {kind}: {where}")
    if row.get("year") is not None:
        tally.with_year += 1
        tally.year_found += meta.year is not None
        kind = year_kind(int(row["year"]), meta.year)
        if kind is None:
            tally.year_correct += 1
        else:
            tally.kinds[f"year: {kind}"] += 1
            tally.errors.append(f"YEAR {kind}: {where}")
    return tally


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "—"


HEADER = [
    "| split | excerpts | title read | agency read | year read | year acc. | agency exact | agency compatible "
    "| level acc. |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]


def report(name: str, tally: Tally) -> str:
    return (
        f"| {name} | {tally.rows} | {_ratio(tally.title, tally.rows)} | {_ratio(tally.agency_found, tally.rows)} | "
        f"{_ratio(tally.year_found, tally.with_year)} | {_ratio(tally.year_correct, tally.with_year)} | "
        f"{_ratio(tally.agency_exact, tally.rows)} | {_ratio(tally.agency_compatible, tally.rows)} | "
        f"{_ratio(tally.level_correct, tally.rows)} |"
    )


def kinds_table(tallies: dict[str, Tally]) -> list[str]:
    order = ("agency", "level", "year")
    kinds = {kind for tally in tallies.values() for kind in tally.kinds}
    names = sorted(kinds, key=lambda k: (order.index(k.split(":")[0]), k))
    lines = ["| error kind | " + " | ".join(SPLIT_NAMES[s] for s in SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    for kind in names:
        lines.append(f"| {kind} | " + " | ".join(str(tallies[s].kinds[kind]) for s in SPLITS) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--split", choices=("all", *SPLITS), default="dev", help="which errors --verbose lists (default: dev)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every error of the chosen split")
    parser.add_argument("--write", action="store_true", help=f"replace the '{SECTION}' section of eval/RESULTS.md")
    args = parser.parse_args(argv)

    tallies = {split: Tally() for split in SPLITS}
    for row in load_rows():
        tallies[split_of(row)].add(score_row(row, read_meta(row)))
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)

    summary = HEADER + [report("all", overall)] + [report(SPLIT_NAMES[s], tallies[s]) for s in SPLITS]
    kinds = kinds_table(tallies)
    print("\n".join(summary))
    print()
    print("\n".join(kinds))
    if args.verbose:
        chosen = overall if args.split == "all" else tallies[args.split]
        print(f"\nerrors ({args.split}):")
        for error in sorted(chosen.errors):
            print(" ", error)
    if args.write:
        write_results(summary, kinds, argv if argv is not None else sys.argv[1:])
    return 0


def write_results(summary: list[str], kinds: list[str], argv: list[str]) -> None:
    """Replace this script's section of eval/RESULTS.md; the other sections belong to other evaluations."""
    command = " ".join(["python eval/eval_meta.py", *(shlex.quote(a) for a in argv if a != "--verbose")])
    body = "\n".join(
        [
            SECTION,
            "",
            f"`{command}` — `extract_meta` on every page excerpt of `pages/pages.jsonl` (read as a .txt file, "
            "normalised, parts found: the pipeline's own calls) against the collectors' `agency`/`year` fields; "
            "rows with an empty or placeholder agency (某…, 不详, 未知) left out. Agencies compared after "
            "`nlp.corpus.normalize_agency` on both sides (notes in brackets, Traditional forms, spaces dropped); "
            "*compatible*: one name contains the other; *level*: both sides agree on `is_government` (E1's deadline; "
            "a missing agency counts as a department). \"read\" columns: share of excerpts where a title / agency / "
            "year was extracted at all. Held-out: ~30% of the agencies (salted hash of the agency); the rules were "
            "written from the dev errors and the QA findings (the held-out summary line was printed while rules were "
            "tried, its error list was never printed; see round 2 for the held-out excerpts the QA findings named). "
            "The gold is the collectors' metadata, not checked by hand: a few counted "
            "errors are the gold's, and many \"shorter\" readings are names the excerpt gives without the parent "
            "city the collectors added.",
            "",
            "Before the round-1 rules (QA review of titles and agencies on web excerpts): dev year 0.987, agency read "
            "0.755, exact 0.471, compatible 0.678, level 0.920; held-out year 0.991, agency read 0.753, exact 0.511, "
            "compatible 0.688, level 0.935. Held-out year lost one excerpt (2 off by one instead of 1).",
            "",
            "Before the round-2 rules (QA review: wrong values instead of None, and misses): dev year 0.993, agency "
            "read 0.898, exact 0.635, compatible 0.833, level 0.962; held-out year 0.987, agency read 0.874, exact "
            "0.602, compatible 0.810, level 0.965. Round 2 is not blind on the held-out side for the excerpts the QA "
            "findings named and quoted: 90e31a00dd4e, 8bd2022c163b, 0a66ef243bc9, cca20f2a3086, 8a41b6d12624, "
            "d370cd203561, a93457517622 (and 87461f4b3932, left out of the scores for its placeholder agency). Their "
            "rules were written from the QA's descriptions and fictional tests, without reading those excerpts, but "
            "their extracted values were printed before and after (and, for 8a41b6d12624, which year rule fired "
            "and the year counts), and one rule was added after a held-out value was seen (8bd2022c163b read "
            "\"以市政府办公室\": a preposition before 市/县/… starts no place). 8a41b6d12624 still reads 2011 "
            "(the comparison is now ignored, but another 2011 mention ties with 2012 and ties go to the earlier "
            "year).",
            "",
            "Before the round-3 rules (two QA reviews of excerpts: agencies missing or shortened, joint issuers, "
            "regions, titles): title read dev 0.567, held-out 0.580; dev agency read 0.905, exact 0.642, compatible "
            "0.844, level 0.960; held-out agency read 0.887, exact 0.619, compatible 0.823, level 0.948. Round 3 is "
            "not blind on the held-out side for the excerpts the QA findings named: f5a27e17d60c, 2ad9a99a4475, "
            "1c923b0f33e9, c501c50b5556, 7902d5c69f8f (the held-out values were printed once, after the last rule "
            "change).",
            "",
            *summary,
            "",
            "Error kinds (counts of excerpts):",
            "",
            *kinds,
            "",
        ]
    )
    replace_section(SECTION, body)


if __name__ == "__main__":
    raise SystemExit(main())
