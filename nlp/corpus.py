"""Training data for the sentence tagger: stand-off annotations, weak labels from headings, grouping by agency.

Annotations (``corpora/annotations/sentences*.jsonl``, format in ``corpora/GUIDELINES.md``) index real report
text that stays in the shared corpora (:func:`nlp.config.corpora_dir`). Every record is verified against its
source before use: the sha256 of the source and either ``surface`` (the span's text) or ``surface_sha1`` (the
first 16 hex digits of the span text's sha1, for annotation files that must not hold report text). A record
that fails is returned as a :class:`Mismatch`; callers report them, nothing is used silently.

Weak labels
    Unannotated 2019+ reports carry their own labels in their headings: a sentence under part 一's
    "（一）主动公开情况" mostly reports active disclosure. :func:`weak_examples` turns the five overview
    subsections of every unannotated 2019+ report (page excerpts and seeds) into examples labelled with the
    subsection key, and part 六 sentences that mention 信息处理费 into ``fees`` examples. They are noisy (an
    opening "以…为指导" line under （一） is really ``preamble``), so they are marked ``weak`` and used for
    training only, never for evaluation; ``eval/eval_tagger.py`` measures whether they help.

Groups
    Held-out evaluation must not see the same agency in training and test (an agency's reports repeat
    themselves year after year). Page rows carry an ``agency`` field, normalised here (annotator notes in
    brackets such as "(第三方镜像站,繁体)" dropped, Traditional folded); seeds and the PDF take the agency
    that :func:`nlp.segment.extract_meta` reads from their text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.config import PROJECT_ROOT, corpora_dir
from nlp.model import Document, Part, Source
from nlp.segment import extract_meta, find_parts
from nlp.sentences import split_sentences
from nlp.tagger import (
    DEFAULT_SETTINGS,
    LABELS,
    MODEL_NAME,
    RANDOM_STATE,
    USE_WEAK,
    SentenceInput,
    feature_text,
    fit,
    keyword_baseline,
    library_versions,
    locate,
    rare_labels,
    scores,
    today,
)

ANNOTATIONS_DIR = PROJECT_ROOT / "corpora" / "annotations"
MANIFEST = PROJECT_ROOT / "corpora" / "manifest.json"
ANNOTATION_GLOB = "sentences*.jsonl"
PAGES = "pages/pages.jsonl"
_NOTE = re.compile(r"[（(][^（）()]*(?:镜像|繁体|繁體|推测|转载|網|网址|版|站|删|拼音|垃圾|百科|全省|备注)[^（）()]*[）)]")
_AGENCY_NOISE = re.compile(r"[\s()（）]|繁体|繁體")
# Weak examples count for less than annotated ones in training (they are right most of the time, not always).
WEAK_WEIGHT = 0.3
_WEAK_FEES = re.compile(r"信息处理费|信息處理費")
# Sentences under a topical subsection that announce another label by their own words (a 建议提案 line under
# （一）主动公开 is ``other_matter``, a "以…为指导" opener is ``preamble``): their heading label would be wrong.
_WEAK_CONFLICT = re.compile(r"建议|提案|议案|工作要点|为指导|贯彻|精神|本报告|统计期限|处理费|收费|整改|存在|不足|有待|下一步")


@dataclass
class SourceText:
    """A source's text exactly as the offsets index it, and what the annotations need to know about it."""

    source: str
    text: str
    sha256: str
    group: str
    year: int | None = None
    format: str | None = None
    _parts: list[Part] | None = field(default=None, repr=False)

    @property
    def parts(self) -> list[Part]:
        if self._parts is None:
            self._parts = find_parts(self.text)
        return self._parts


@dataclass
class Example:
    """One training or evaluation sentence."""

    input: SentenceInput
    label: str
    source: str
    group: str
    start: int
    end: int
    weak: bool = False


@dataclass
class Mismatch:
    """An annotation record that does not match its source (or names an unknown label)."""

    file: str
    line: int
    source: str
    reason: str


@dataclass
class Corpus:
    """A corpora root and the annotations read against it."""

    root: Path
    examples: list[Example]
    mismatches: list[Mismatch]
    files: list[Path]


# ------------------------------------------------------------------------------------------------ sources


@lru_cache(maxsize=8)
def _page_rows(pages_path: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    with pages_path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["id"]] = row
    return rows


def normalize_agency(name: str) -> str:
    """The agency name as a group key: notes in brackets, spaces and Traditional forms removed."""
    return _AGENCY_NOISE.sub("", feature_text(_NOTE.sub("", name or "")))


class SourceReader:
    """Reads and caches source texts under one corpora root (``pages/pages.jsonl#id``, ``seeds/…``, PDFs)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else corpora_dir()
        self._cache: dict[str, SourceText] = {}

    def __call__(self, source: str) -> SourceText:
        if source not in self._cache:
            self._cache[source] = self._read(source)
        return self._cache[source]

    def _read(self, source: str) -> SourceText:
        if "#" in source:
            path, row_id = source.split("#", 1)
            row = _page_rows(self.root / path).get(row_id)
            if row is None:
                raise FileNotFoundError(f"{source}: no such row in {self.root / path}")
            text = row["text"]
            return SourceText(
                source=source,
                text=text,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                group=normalize_agency(row.get("agency") or "") or source,
                year=row.get("year"),
                format=row.get("format"),
            )
        path = self.root / source
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            import pymupdf

            with pymupdf.open(path) as pdf:
                text = "\n".join(page.get_text() for page in pdf)
        else:
            text = data.decode("utf-8")
        parts = find_parts(text)
        meta = extract_meta(Document(source=Source(path=str(path)), text=text), parts)
        return SourceText(
            source=source,
            text=text,
            sha256=hashlib.sha256(data).hexdigest(),
            group=normalize_agency(meta.agency or "") or source,
            year=meta.year,
            format="pre2019" if meta.format_version == "pre2019" else "2019+",
            _parts=parts,
        )

    def page_sources(self) -> list[str]:
        pages = self.root / PAGES
        return [f"{PAGES}#{row_id}" for row_id in _page_rows(pages)] if pages.is_file() else []

    def seed_sources(self) -> list[str]:
        return sorted(f"seeds/{p.name}" for p in (self.root / "seeds").glob("*.txt"))


# ------------------------------------------------------------------------------------------- annotations


def surface_sha1(surface: str) -> str:
    """What annotation files store instead of the span text: the first 16 hex digits of its sha1."""
    return hashlib.sha1(surface.encode("utf-8")).hexdigest()[:16]


def annotation_files(directory: Path = ANNOTATIONS_DIR) -> list[Path]:
    return sorted(Path(directory).glob(ANNOTATION_GLOB))


def check_record(record: dict[str, Any], source: SourceText) -> str | None:
    """Why ``record`` does not fit ``source`` (None when it does)."""
    if record.get("label") not in LABELS:
        return f"unknown label {record.get('label')!r}"
    if record.get("sha256") != source.sha256:
        return "sha256 of the source differs (the source text changed)"
    start, end = record.get("start"), record.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(source.text):
        return f"offsets {start}:{end} outside the source text"
    span = source.text[start:end]
    if "surface" in record:
        if span != record["surface"]:
            return f"text[{start}:{end}] differs from surface"
    elif "surface_sha1" in record:
        if surface_sha1(span) != record["surface_sha1"]:
            return f"sha1 of text[{start}:{end}] differs from surface_sha1"
    else:
        return "record has neither surface nor surface_sha1"
    return None


def load_corpus(annotations: Path = ANNOTATIONS_DIR, root: Path | None = None) -> Corpus:
    """Every verified annotation record of ``annotations`` (a directory of ``sentences*.jsonl`` or one file)."""
    reader = SourceReader(root)
    files = [annotations] if Path(annotations).is_file() else annotation_files(annotations)
    examples: list[Example] = []
    mismatches: list[Mismatch] = []
    by_source: dict[str, list[tuple[dict[str, Any], str, int]]] = {}
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    record = json.loads(line)
                    by_source.setdefault(record.get("source", ""), []).append((record, path.name, number))
    for source_name, records in by_source.items():
        try:
            source = reader(source_name)
        except (OSError, ValueError) as error:
            mismatches.extend(Mismatch(f, n, source_name, f"source unreadable: {error}") for _, f, n in records)
            continue
        good = []
        for record, file_name, number in records:
            reason = check_record(record, source)
            if reason:
                mismatches.append(Mismatch(file_name, number, source_name, reason))
            else:
                good.append(record)
        spans = [(r["start"], r["end"]) for r in good]
        for record, (_, _, item) in zip(good, locate(source.text, source.parts, spans)):
            examples.append(
                Example(item, record["label"], source_name, source.group, record["start"], record["end"])
            )
    return Corpus(root=reader.root, examples=examples, mismatches=mismatches, files=files)


# ------------------------------------------------------------------------------------------- weak labels


def weak_examples(root: Path | None, exclude_sources: Iterable[str]) -> list[Example]:
    """Heading-derived examples from the reports not in ``exclude_sources`` (see the module docstring)."""
    reader = SourceReader(root)
    excluded = set(exclude_sources)
    examples: list[Example] = []
    for source_name in [*reader.page_sources(), *reader.seed_sources()]:
        if source_name in excluded:
            continue
        source = reader(source_name)
        spans: list[tuple[int, int]] = []
        labels: list[str] = []
        for part in source.parts:
            if not part.present or part.start is None or part.end is None:
                continue
            if part.key == "overview" and source.format == "2019+":
                for subsection in part.subsections:
                    for start, end in split_sentences(source.text, subsection.start, subsection.end):
                        if not _WEAK_CONFLICT.search(feature_text(source.text[start:end])):
                            spans.append((start, end))
                            labels.append(subsection.key)
            elif part.key == "other_matters":
                for start, end in split_sentences(source.text, part.start, part.end):
                    if _WEAK_FEES.search(source.text[start:end]):
                        spans.append((start, end))
                        labels.append("fees")
        for label, (start, end, item) in zip(labels, locate(source.text, source.parts, spans)):
            examples.append(Example(item, label, source_name, source.group, start, end, weak=True))
    return examples


# ---------------------------------------------------------------------------------------------- splitting


def heldout_groups(groups: Iterable[str], fraction: float = 0.25, seed: int = 0) -> set[str]:
    """A fixed random ``fraction`` of the distinct groups (sorted first, so the draw depends only on the seed)."""
    import numpy as np

    distinct = sorted(set(groups))
    order = np.random.RandomState(seed).permutation(len(distinct))
    count = max(1, round(fraction * len(distinct)))
    return {distinct[i] for i in order[:count]}


def data_hash(examples: Sequence[Example]) -> str:
    """sha256 over what training reads (source, span, label, weak flag): equal hashes, equal training data."""
    digest = hashlib.sha256()
    for example in sorted(examples, key=lambda e: (e.source, e.start, e.end, e.label, e.weak)):
        digest.update(f"{example.source}\t{example.start}\t{example.end}\t{example.label}\t{int(example.weak)}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest(corpus: Corpus, weak: Sequence[Example] = ()) -> dict[str, Any]:
    """What ``corpora/manifest.json`` records: each annotation file with its sha256 and counts, and totals."""
    files = []
    for path in corpus.files:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        files.append(
            {
                "file": path.name,
                "sha256": file_sha256(path),
                "records": len(records),
                "sources": len({r.get("source") for r in records}),
                "labels": dict(sorted(Counter(r.get("label") for r in records).items())),
            }
        )
    return {
        "written_by": "govreport train (nlp.corpus.write_manifest)",
        "annotation_files": files,
        "verified_records": len(corpus.examples),
        "mismatched_records": len(corpus.mismatches),
        "sources": len({e.source for e in corpus.examples}),
        "groups": len({e.group for e in corpus.examples}),
        "labels": dict(sorted(Counter(e.label for e in corpus.examples).items())),
        "weak_examples_used": len(weak),
        "weak_labels": dict(sorted(Counter(e.label for e in weak).items())),
    }


def write_manifest(corpus: Corpus, weak: Sequence[Example], path: Path = MANIFEST) -> None:
    path.write_text(json.dumps(manifest(corpus, weak), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------- training


@dataclass
class TrainingRun:
    """A model fitted on all the data, the weak examples it used, and what its metadata file says about it."""

    model: Any
    weak: list[Example]
    metadata: dict[str, Any]


def train_model(
    corpus: Corpus,
    *,
    use_weak: bool = USE_WEAK,
    weak_weight: float = WEAK_WEIGHT,
    settings: dict[str, Any] | None = None,
    heldout_fraction: float = 0.25,
    seed: int = 0,
) -> TrainingRun:
    """Measure on a held-out 25% of the agencies, then fit the model on every example (``govreport train``).

    Both fits use the same settings; the held-out metrics in the metadata describe how the final model should
    do on agencies it has never seen. Deterministic: fixed split seed and random_state.
    """
    settings = {**DEFAULT_SETTINGS, **(settings or {})}
    examples = corpus.examples
    if not examples:
        raise ValueError("no verified annotation records to train on")
    weak = weak_examples(corpus.root, {e.source for e in examples}) if use_weak else []
    test_groups = heldout_groups((e.group for e in examples), heldout_fraction, seed)
    train_side = [e for e in examples if e.group not in test_groups]
    test_side = [e for e in examples if e.group in test_groups]

    def fit_on(chosen: list[Example]) -> Any:
        return fit(
            [e.input for e in chosen],
            [e.label for e in chosen],
            sample_weight=[weak_weight if e.weak else 1.0 for e in chosen] if use_weak else None,
            **settings,
        )

    heldout_model = fit_on(train_side + [e for e in weak if e.group not in test_groups])
    gold = [e.label for e in test_side]
    heldout = scores(gold, list(heldout_model.predict([e.input for e in test_side])))
    baseline = scores(gold, keyword_baseline([e.input for e in test_side]))
    everything = examples + weak
    model = fit_on(everything)
    metadata = {
        "name": MODEL_NAME,
        "date": today(),
        "labels": [str(label) for label in model.classes_],
        "labels_left_out": rare_labels([e.label for e in everything]),
        "training_data_sha256": data_hash(everything),
        "annotation_files": {path.name: file_sha256(path) for path in corpus.files},
        "examples": len(examples),
        "examples_by_label": dict(sorted(Counter(e.label for e in examples).items())),
        "mismatched_records": len(corpus.mismatches),
        "weak_examples": len(weak),
        "weak_weight": weak_weight if use_weak else None,
        "features": {
            **settings,
            "random_state": RANDOM_STATE,
            "char_ngrams": [1, 3],
            "word_tokens": "jieba + nlp/resources/userdict.txt" if settings.get("words") else None,
        },
        "heldout": {
            "split": f"{len(test_groups)} of {len({e.group for e in examples})} agencies (seed {seed})",
            "train_examples": len(train_side),
            "test_examples": len(test_side),
            "metrics": heldout,
            "keyword_baseline": baseline,
        },
        "versions": library_versions(),
    }
    return TrainingRun(model=model, weak=weak, metadata=metadata)
