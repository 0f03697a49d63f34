"""Corpus index: which agencies published (nearly) the same sentence.

Template boilerplate (docs: "内容雷同") and copying across agencies (E11) are one observation: a sentence that
many agencies publish almost verbatim says nothing about this agency's work. The index answers, for any
sentence, *which agencies* wrote a near-identical one, in which report and year. It never stores text: only
hashes of character shingles, LSH band keys and source references (path/row id, sha256, offsets), so the
shipped index (``models/index/``) carries no report text.

Near-identical
    Two sentences are near-identical when the Jaccard similarity of their shingle sets is at least
    ``IndexParams.threshold`` (0.8). Before shingling, :func:`normalize_sentence` masks what legitimately
    changes between copies: digit runs and counted Chinese numerals become ``#`` ("2023年…12条" and
    "2024年…15条" match), the agency's own name and self-references (我局/本委/本机关…) become ``@``,
    full-width forms are folded (NFKC) and punctuation and spaces are dropped. Shingles are character
    3-grams: Chinese words are one to four characters, so 3-grams are specific enough that unrelated
    sentences share few of them, while one changed word costs only about three shingles.

MinHash and LSH
    Every shingle is hashed to 32 bits (its code points folded FNV-style into 64 bits, then the splitmix64
    finalizer); a MinHash signature of ``num_perm`` values uses multiply-shift hashes ``(a·x + b) >> 32``
    over those 32-bit values, computed for many sentences at once with numpy. datasketch's ``MinHash`` runs
    its numpy operations sentence by sentence, 0.3–0.8 ms per sentence (30–80 s for 100,000 sentences on the dev
    box); the vectorised build, normalisation included, takes about 5 s (``eval/RESULTS.md``). The signature is cut
    into ``bands`` bands of ``rows`` values; each band is hashed to a 32-bit key. Sentences sharing a key in
    any band are candidates, and every candidate is verified exactly (Jaccard of the stored shingle-hash
    sets, collisions of 32-bit hashes being negligible at sentence scale). With 20 bands of 5 rows a pair at
    Jaccard 0.8 becomes a candidate with probability 1 − (1 − 0.8⁵)²⁰ ≈ 0.9996.

Storage (:meth:`CorpusIndex.save`)
    ``index.json``: parameters, the sources (ref, sha256, agency, year) and agency names; ``arrays.npz``
    (uncompressed, because hashes do not compress): per sentence its source, its (start, end) offsets into
    the source's normalised text, its shingle hashes (CSR layout: ``values`` + ``offsets``) and its band
    keys. The sorted band tables are rebuilt at load time (one argsort per band, milliseconds).

Sources
    :func:`iter_corpus_reports` reads report files of every supported format and ``.jsonl`` files of rows
    ``{"id", "agency", "year", "text"}`` (the shape of ``pages/pages.jsonl`` in the shared corpora; each row
    is one report of its ``agency``). Only the first stages of the pipeline run (read, normalize, parts,
    meta, sentence split): the index needs sentences and agencies, not tags or checks, and running the full
    pipeline would judge the corpus against the very index being rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from nlp.config import MODELS_DIR, corpora_dir
from nlp.errors import ReportError
from nlp.model import Analysis, Document, Part, Source
from nlp.sentences import split_sentences

INDEX_FORMAT = "govreport-corpus-index"
INDEX_VERSION = 1
DEFAULT_INDEX_DIR = MODELS_DIR / "index"
META_FILE = "index.json"
ARRAYS_FILE = "arrays.npz"
NARRATIVE_PARTS = ("overview", "problems", "other_matters")
"""Parts whose text is the agency's own narrative; parts 二–四 are the statutory tables."""
MAX_LISTED_AGENCIES = 10
"""How many agency names a lookup keeps (the count is always complete)."""

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_PAIR_KEYS_PER_CHUNK = 4_000_000
_SHINGLES_PER_CHUNK = 32_768
_TEXTS_PER_CHUNK = 10_000


@dataclass(frozen=True)
class IndexParams:
    """How sentences are shingled, signed and banded. Stored with the index: a query must use the same."""

    shingle: int = 3
    bands: int = 20
    rows: int = 5
    threshold: float = 0.8
    min_chars: int = 10  # normalised characters; shorter sentences ("无。", "2024年未收到申请") carry no copy signal
    seed: int = 20240611

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


class SourceRecord(NamedTuple):
    """One indexed report: where it is (path relative to the corpora root when inside it, ``file#row-id`` for a
    JSONL row), the sha256 of its bytes (of the row's text for a JSONL row), its agency key and year."""

    ref: str
    sha256: str
    agency: str
    year: int | None


class Passage(NamedTuple):
    """A narrative sentence of an analysed report, located in its part (offsets into ``Document.text``)."""

    start: int
    end: int
    text: str
    part: str | None
    subsection: str | None


class Match(NamedTuple):
    """An indexed sentence near-identical to a query sentence."""

    sentence: int
    agency: str
    ref: str
    year: int | None
    start: int
    end: int
    jaccard: float


@dataclass(frozen=True)
class Lookup:
    """What the index knows about one query sentence: near-identical sentences of *other* agencies and
    reports (``agencies``, distinct, at most :data:`MAX_LISTED_AGENCIES` names; ``commonness`` counts them
    all) and, separately, those of the querying agency itself (``same_agency``: its other reports, e.g. earlier
    years — the E10 signal)."""

    commonness: int = 0
    agencies: tuple[str, ...] = ()
    same_agency: tuple[Match, ...] = ()


# --- normalisation and hashing ------------------------------------------------------------------------------

_SELF_REFERENCE = re.compile(
    r"[我本](?:委员会|办公室|中心|单位|机关|公司|局|委|办|厅|署|院|部|所|站|队|府|县|区|市|镇|乡|街道|省)"
)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_COUNTED_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?=[件条次篇个场期项名人家年月日天%])")
_NOT_CONTENT = re.compile(r"[^\w#@]|_")
_AGENCY_NOTE = re.compile(r"[(（\[【].*?[)）\]】]")
_UNKNOWN_AGENCY = re.compile(r"某|不详|未知")


def normalize_sentence(text: str, agency: str | None = None) -> str:
    """The form sentences are compared in: see the module docstring ("Near-identical")."""
    text = unicodedata.normalize("NFKC", text)
    if agency:
        text = text.replace(agency, "@")
    text = _SELF_REFERENCE.sub("@", text)
    text = _DIGITS.sub("#", text)
    text = _COUNTED_NUMERAL.sub("#", text)
    return _NOT_CONTENT.sub("", text).lower()


def agency_key(name: str | None, ref: str) -> str:
    """The agency a report counts for. Notes such as "(第三方镜像站)" are dropped; an unknown or unnamed agency
    ("某区统计局", "") counts as its own report, so it can never inflate another agency's commonness."""
    cleaned = _AGENCY_NOTE.sub("", name or "").strip()
    if not cleaned or _UNKNOWN_AGENCY.search(cleaned):
        return f"?{ref}"
    return cleaned


def _splitmix(values: np.ndarray) -> np.ndarray:
    z = values.astype(_U64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    """``np.unique`` for a 1-D integer array, by sorting in place (numpy 2's hash-based unique is several
    times slower on millions of uint64 keys)."""
    keys.sort()
    if len(keys) < 2:
        return keys
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))]


def shingle_sets(texts: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique 32-bit shingle hashes of each (normalised) text, CSR layout: ``values[offsets[i]:offsets[i+1]]``.

    All texts are hashed in one pass over their concatenated code points; a text shorter than ``size``
    characters gets an empty set.
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4").astype(_U64)
    starts = np.cumsum(lengths) - lengths
    counts = np.maximum(lengths - size + 1, 0)
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(texts), dtype=_U64), counts)
    first = np.repeat(starts, counts) + (np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts))
    packed = np.zeros(total, dtype=_U64)
    with np.errstate(over="ignore"):
        for k in range(size):
            packed = packed * _U64(0x100000001B3) + codes[first + k]
    keys = _sorted_unique((owner << _U64(32)) | (_splitmix(packed) >> _U64(32)))
    values = (keys & _MASK32).astype(np.uint32)
    per_text = np.bincount((keys >> _U64(32)).astype(np.int64), minlength=len(texts))
    offsets = np.concatenate(([0], np.cumsum(per_text))).astype(np.int64)
    return values, offsets


def _permutations(params: IndexParams) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(params.seed)
    a = rng.integers(0, 2**63, size=params.num_perm, dtype=np.uint64) * _U64(2) + _U64(1)
    b = rng.integers(0, 2**63, size=params.num_perm, dtype=np.uint64)
    return a, b


def minhash(values: np.ndarray, offsets: np.ndarray, params: IndexParams) -> np.ndarray:
    """MinHash signatures, shape (n, num_perm) uint32, of non-empty CSR shingle sets.

    The hashes are laid out permutation-major (num_perm × shingles), so the per-set minimum runs along
    contiguous memory: about five times faster than reducing along the other axis.
    """
    a, b = _permutations(params)
    n = len(offsets) - 1
    signatures = np.empty((params.num_perm, n), dtype=np.uint32)
    first = 0
    while first < n:
        # Whole sets per chunk, so each chunk's minimum per set is final.
        last = int(np.searchsorted(offsets, offsets[first] + _SHINGLES_PER_CHUNK, side="right")) - 1
        last = min(max(last, first + 1), n)
        with np.errstate(over="ignore"):
            hashed = np.multiply.outer(a, values[offsets[first] : offsets[last]].astype(_U64))
            hashed += b[:, None]
        hashed >>= _U64(32)
        signatures[:, first:last] = np.minimum.reduceat(hashed, offsets[first:last] - offsets[first], axis=1)
        first = last
    return np.ascontiguousarray(signatures.T)


def band_keys(signatures: np.ndarray, params: IndexParams) -> np.ndarray:
    """One 32-bit key per band, shape (n, bands) uint32."""
    bands = signatures.reshape(len(signatures), params.bands, params.rows).astype(_U64)
    key = np.zeros(bands.shape[:2], dtype=_U64)
    with np.errstate(over="ignore"):
        for row in range(params.rows):
            key = _splitmix(key * _U64(0x9E3779B97F4A7C15) + bands[:, :, row])
    return (key >> _U64(32)).astype(np.uint32)


def _gather(values: np.ndarray, offsets: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenated sets of ``ids`` and each one's size."""
    sizes = offsets[ids + 1] - offsets[ids]
    total = int(sizes.sum())
    position = np.repeat(offsets[ids], sizes) + (np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes))
    return values[position], sizes


def pair_jaccard(
    left: tuple[np.ndarray, np.ndarray], left_ids: np.ndarray, right: tuple[np.ndarray, np.ndarray], right_ids: np.ndarray
) -> np.ndarray:
    """Exact Jaccard of set ``left_ids[i]`` of ``left`` with set ``right_ids[i]`` of ``right`` (CSR sets).

    Every left set tagged with its number (``number << 32 | value``) forms one sorted array, because CSR sets
    are sorted and stored in order. Each value of a right set is looked up there under its pair's left number;
    the hits are the intersection. One binary search per right value, no sort: the left side (a report's
    sentences) is small, the right side (candidates) large.
    """
    left_values, left_offsets = left
    left_keys = (np.repeat(np.arange(len(left_offsets) - 1, dtype=_U64), np.diff(left_offsets)) << _U64(32)) | left_values
    result = np.zeros(len(left_ids), dtype=np.float64)
    left_sizes = left_offsets[left_ids + 1] - left_offsets[left_ids]
    right_sizes = right[1][right_ids + 1] - right[1][right_ids]
    cumulative = np.cumsum(right_sizes)
    first = 0
    while first < len(left_ids):
        base = cumulative[first - 1] if first else 0
        last = max(int(np.searchsorted(cumulative, base + _PAIR_KEYS_PER_CHUNK, side="right")), first + 1)
        right_values, sizes = _gather(*right, right_ids[first:last])
        pair = np.repeat(np.arange(last - first), sizes)
        wanted = (left_ids[first:last][pair].astype(_U64) << _U64(32)) | right_values
        position = np.minimum(np.searchsorted(left_keys, wanted), len(left_keys) - 1)
        inter = np.bincount(pair[left_keys[position] == wanted], minlength=last - first)
        union = left_sizes[first:last] + sizes - inter
        result[first:last] = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
        first = last
    return result


# --- the index ------------------------------------------------------------------------------------------------


@dataclass
class CorpusIndex:
    """Shingle sets and LSH band keys of the corpus sentences, with their sources. See the module docstring."""

    params: IndexParams
    sources: list[SourceRecord]
    sentence_source: np.ndarray  # (n,) int32
    spans: np.ndarray  # (n, 2) int32: offsets into the source's normalised text
    values: np.ndarray  # shingle hashes, uint32, CSR
    offsets: np.ndarray  # (n + 1,) int64
    bands: np.ndarray  # (n, bands) uint32
    info: dict = field(default_factory=dict)  # how it was built (command, date), for humans
    _tables: list[tuple[np.ndarray, np.ndarray]] = field(init=False, repr=False, default_factory=list)
    _agencies: list[str] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        for keys in np.ascontiguousarray(self.bands.T):
            order = np.argsort(keys).astype(np.int32)
            self._tables.append((keys[order], order))
        self._agencies = sorted({source.agency for source in self.sources})

    def __len__(self) -> int:
        return len(self.sentence_source)

    @property
    def agencies(self) -> list[str]:
        return self._agencies

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of what the index answers from: its format, parameters, sources and arrays.

        Not of its files: ``arrays.npz`` records when it was written, and ``info`` says when and by which command
        the index was built, so the same corpus indexed again keeps its fingerprint while any other corpus (or
        parameter) gets another. A results store records it per report, to notice reports judged against
        another index (:mod:`nlp.bulk`).
        """
        digest = hashlib.sha256()
        head = {"format": INDEX_FORMAT, "version": INDEX_VERSION, "params": asdict(self.params), "sources": self.sources}
        digest.update(json.dumps(head, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        for array in (self.sentence_source, self.spans, self.values, self.offsets, self.bands):
            digest.update(f"{array.dtype.str}{array.shape}".encode("ascii"))
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()

    def candidates(self, query_bands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query number, indexed sentence) pairs sharing at least one band key, unique."""
        query_ids, sentence_ids = [], []
        for band, (keys, order) in enumerate(self._tables):
            lo = np.searchsorted(keys, query_bands[:, band], side="left")
            hi = np.searchsorted(keys, query_bands[:, band], side="right")
            counts = hi - lo
            total = int(counts.sum())
            if not total:
                continue
            query_ids.append(np.repeat(np.arange(len(query_bands)), counts))
            within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            sentence_ids.append(order[np.repeat(lo, counts) + within])
        if not query_ids:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        pairs = _sorted_unique((np.concatenate(query_ids).astype(_U64) << _U64(32)) | np.concatenate(sentence_ids).astype(_U64))
        return (pairs >> _U64(32)).astype(np.int64), (pairs & _MASK32).astype(np.int64)

    def search(self, texts: Sequence[str], *, agency: str | None = None) -> list[list[Match]]:
        """Near-identical indexed sentences for each text (verified, Jaccard ≥ threshold), best first.

        ``agency`` is the querying report's agency name as written, masked like in indexing.
        """
        normalized = [normalize_sentence(text, agency) for text in texts]
        keep = np.array([len(n) >= self.params.min_chars for n in normalized], dtype=bool)
        results: list[list[Match]] = [[] for _ in texts]
        kept = np.flatnonzero(keep)
        if not len(kept) or not len(self):
            return results
        values, offsets = shingle_sets([normalized[i] for i in kept], self.params.shingle)
        query_bands = band_keys(minhash(values, offsets, self.params), self.params)
        query_ids, sentence_ids = self.candidates(query_bands)
        similarity = pair_jaccard((values, offsets), query_ids, (self.values, self.offsets), sentence_ids)
        hits = similarity >= self.params.threshold
        for query, sentence, jaccard in zip(query_ids[hits], sentence_ids[hits], similarity[hits]):
            source = self.sources[self.sentence_source[sentence]]
            start, end = self.spans[sentence]
            results[kept[query]].append(
                Match(int(sentence), source.agency, source.ref, source.year, int(start), int(end), float(jaccard))
            )
        for matches in results:
            matches.sort(key=lambda m: (-m.jaccard, m.agency, m.ref))
        return results

    def lookup(self, texts: Sequence[str], *, agency: str | None = None, sha256: str = "") -> list[Lookup]:
        """Commonness of each text for a report of ``agency`` (name as written) whose source hash is ``sha256``.

        The report itself (same sha256, when it is in the index) is never counted; its agency's other reports
        are returned apart, as ``same_agency``.
        """
        own = agency_key(agency, sha256 or "?") if agency else None
        lookups = []
        for matches in self.search(texts, agency=agency):
            others: dict[str, None] = {}
            same: list[Match] = []
            for match in matches:
                if sha256 and self.sources[self.sentence_source[match.sentence]].sha256 == sha256:
                    continue
                if own is not None and match.agency == own:
                    same.append(match)
                else:
                    others.setdefault(match.agency)
            names = tuple(name for name in others if not name.startswith("?"))
            lookups.append(Lookup(len(others), names[:MAX_LISTED_AGENCIES], tuple(same)))
        return lookups

    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": INDEX_FORMAT,
            "version": INDEX_VERSION,
            "params": asdict(self.params),
            "sentences": len(self),
            "agencies": len(self.agencies),
            "info": self.info,
            "sources": [list(source) for source in self.sources],
        }
        (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.savez(
            directory / ARRAYS_FILE,
            sentence_source=self.sentence_source,
            spans=self.spans,
            values=self.values,
            offsets=self.offsets,
            bands=self.bands,
        )

    @classmethod
    def load(cls, directory: str | Path) -> CorpusIndex:
        directory = Path(directory)
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != INDEX_FORMAT or meta.get("version") != INDEX_VERSION:
            raise ValueError(f"{directory} is not a version-{INDEX_VERSION} govreport corpus index")
        with np.load(directory / ARRAYS_FILE) as arrays:
            data = {name: arrays[name] for name in arrays.files}
        return cls(
            params=IndexParams(**meta["params"]),
            sources=[SourceRecord(*source) for source in meta["sources"]],
            info=meta.get("info", {}),
            **data,
        )


class IndexLoadError(Exception):
    """A folder given as a corpus index that is none (or cannot be read): the message is Chinese / English."""


def load_index(directory: str | Path) -> CorpusIndex:
    """The corpus index saved in ``directory`` (``govreport index build --out``), loaded once per process and
    again when its files change (``index build --force`` into the same folder).

    Raises :class:`IndexLoadError` naming the folder (as given) and the reason when it is missing or not an index.
    """
    directory = Path(directory)

    def refuse(reason: str, reason_en: str) -> IndexLoadError:
        return IndexLoadError(
            f"无法使用语料索引 {directory}：{reason}。/ Cannot use the corpus index {directory}: {reason_en}."
        )

    if not directory.exists():
        raise refuse("目录不存在", "the directory does not exist")
    if not directory.is_dir():
        raise refuse("这不是文件夹（语料索引是 govreport index build 生成的文件夹）", "it is not a directory")
    if not (directory / META_FILE).is_file():
        raise refuse(
            f"文件夹中没有 {META_FILE}，不是 govreport index build 生成的语料索引",
            f"no {META_FILE} in it: not an index written by govreport index build",
        )
    try:
        resolved = directory.resolve()
        files = [(resolved / name).stat() for name in (META_FILE, ARRAYS_FILE) if (resolved / name).exists()]
        return _load_index(resolved, tuple((f.st_mtime_ns, f.st_size, f.st_ino) for f in files))
    except OSError as error:
        from nlp.errors import os_reason

        reason, reason_en = os_reason(error, "读取")
        raise refuse(reason, reason_en) from None
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise refuse(
            f"文件不完整或格式不符（{type(error).__name__}），请用 govreport index build 重新构建",
            f"incomplete or of another format ({error}): build it again with govreport index build",
        ) from None


@lru_cache(maxsize=4)
def _load_index(directory: Path, stamp: tuple) -> CorpusIndex:
    """``stamp`` (the files' stat) only keys the cache: a long-lived process or worker sees a rebuilt index."""
    return CorpusIndex.load(directory)


def default_index() -> CorpusIndex | None:
    """The shipped index (``models/index/``, or ``$GOVREPORT_MODELS/index``), loaded once; None when absent."""
    if not (DEFAULT_INDEX_DIR / META_FILE).is_file():
        return None
    return load_index(DEFAULT_INDEX_DIR)


# --- building ---------------------------------------------------------------------------------------------------


class IndexBuilder:
    """Collects reports' sentences, then hashes them all at once (:meth:`build`)."""

    def __init__(self, params: IndexParams | None = None) -> None:
        self.params = params or IndexParams()
        self._sources: list[SourceRecord] = []
        self._texts: list[str] = []
        self._owner: list[int] = []
        self._spans: list[tuple[int, int]] = []

    def add(self, source: SourceRecord, sentences: Iterable[Passage], agency_name: str | None = None) -> int:
        """Add one report's sentences; returns how many were kept. Sentences shorter than ``min_chars`` once
        normalised, and repeats within the report, are left out."""
        number = len(self._sources)
        seen: set[str] = set()
        for sentence in sentences:
            normalized = normalize_sentence(sentence.text, agency_name)
            if len(normalized) < self.params.min_chars or normalized in seen:
                continue
            seen.add(normalized)
            self._texts.append(normalized)
            self._owner.append(number)
            self._spans.append((sentence.start, sentence.end))
        if seen:
            self._sources.append(source)
        return len(seen)

    def build(self, info: dict | None = None) -> CorpusIndex:
        """Hash the collected sentences, :data:`_TEXTS_PER_CHUNK` at a time: the temporaries of hashing a
        100,000-sentence corpus in one go take several hundred MB."""
        values, sizes, bands = [], [], []
        for first in range(0, len(self._texts), _TEXTS_PER_CHUNK):
            chunk_values, chunk_offsets = shingle_sets(self._texts[first : first + _TEXTS_PER_CHUNK], self.params.shingle)
            values.append(chunk_values)
            sizes.append(np.diff(chunk_offsets))
            bands.append(band_keys(minhash(chunk_values, chunk_offsets, self.params), self.params))
        return CorpusIndex(
            params=self.params,
            sources=list(self._sources),
            sentence_source=np.array(self._owner, dtype=np.int32),
            spans=np.array(self._spans, dtype=np.int32).reshape(-1, 2),
            values=np.concatenate(values) if values else np.zeros(0, np.uint32),
            offsets=np.concatenate(([0], np.cumsum(np.concatenate(sizes)))).astype(np.int64) if sizes else np.zeros(1, np.int64),
            bands=np.concatenate(bands) if bands else np.zeros((0, self.params.bands), np.uint32),
            info=info or {},
        )


def locate(position: int, parts: Sequence[Part]) -> tuple[str | None, str | None]:
    """The part and subsection keys of the text position ``position``."""
    for part in parts:
        if part.present and part.start is not None and part.end is not None and part.start <= position < part.end:
            for sub in part.subsections:
                if sub.start <= position < sub.end:
                    return part.key, sub.key
            return part.key, None
    return None, None


def passages(text: str, parts: Sequence[Part]) -> list[Passage]:
    """The narrative sentences of a report (:func:`nlp.sentences.split_sentences` spans) with their part: those
    of the narrative parts and of the text outside any part (the opening paragraph). The table parts are left
    out: their labels are the same in every report and would make any two reports look alike."""
    located = (Passage(start, end, text[start:end], *locate(start, parts)) for start, end in split_sentences(text))
    return [p for p in located if p.part is None or p.part in NARRATIVE_PARTS]


def analysis_passages(analysis: Analysis) -> list[Passage]:
    return passages(analysis.document.text, analysis.parts)


def _relative_ref(path: Path) -> str:
    """A source reference that does not depend on where the corpora are mounted."""
    try:
        return path.resolve().relative_to(corpora_dir().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _report(
    document: Document, ref: str, agency: str | None, year: int | None, admit: Path | None = None
) -> tuple[SourceRecord, list[Passage], str | None]:
    """The index entry of one report. ``admit``: the report file, refused (:class:`nlp.errors.ReportError`) when
    ``govreport analyze`` would refuse it as no report (a blank template), so that no command counts it as one. Rows
    of a pages JSONL are excerpts, not submitted files, and are not judged so."""
    from nlp.normalize import normalize
    from nlp.pipeline import require_report_content
    from nlp.segment import extract_meta, find_parts
    from nlp.tables import parse_tables
    from nlp.tagger import tag_sentences

    document = normalize(document)
    parts = find_parts(document.text)
    if admit is not None:
        tables = parse_tables(document.text, parts)
        regions = [(region.start, region.end) for region in tables.regions]
        require_report_content(admit, document.text, parts, tables, tag_sentences(document.text, parts, exclude=regions))
    meta = extract_meta(document, parts)
    agency = agency or meta.agency
    record = SourceRecord(ref, document.source.sha256, agency_key(agency, ref), year if year is not None else meta.year)
    return record, passages(document.text, parts), agency


def iter_corpus_reports(
    paths: Iterable[str | Path], on_error: Callable[[ReportError], None] | None = None
) -> Iterator[tuple[SourceRecord, list[Passage], str | None]]:
    """(source record, sentences, agency name as written) for every report under ``paths``: report files of any
    supported format, folders (recursively, sorted) and ``.jsonl`` files of pages rows. Unreadable files are
    skipped, each passed to ``on_error`` (with its reason): an index is built from whatever part of a corpus
    can be read, and the user learns which files are not in it."""
    from nlp.readers import EXTENSIONS, read
    from nlp.readers.text import read_text

    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".jsonl":
                base = _relative_ref(file)
                with file.open(encoding="utf-8") as lines:
                    for line in lines:
                        if not line.strip():
                            continue
                        row = json.loads(line)
                        ref = f"{base}#{row['id']}"
                        data = row["text"].encode("utf-8")
                        blocks, encoding = read_text(Path(ref), data)
                        source = Source(ref, hashlib.sha256(data).hexdigest(), "txt", encoding, len(data))
                        yield _report(Document(source, blocks), ref, row.get("agency"), row.get("year"))
            elif file.suffix.lower() in EXTENSIONS or file == path:  # a file named explicitly: the reader says why not
                try:
                    report = _report(read(file), _relative_ref(file), None, None, admit=file)
                except ReportError as error:
                    if on_error:
                        on_error(error)
                    continue
                yield report


def build_index(
    paths: Iterable[str | Path],
    params: IndexParams | None = None,
    info: dict | None = None,
    on_error: Callable[[ReportError], None] | None = None,
    on_duplicate: Callable[[str, str], None] | None = None,
) -> CorpusIndex:
    """An index of every readable report under ``paths`` (see :func:`iter_corpus_reports`).

    A byte-identical copy of a report already indexed is left out, and passed to ``on_duplicate`` with the reference
    of the first (both as in :attr:`SourceRecord.ref`): indexed twice, one report would count as another agency's
    source of every one of its sentences."""
    builder = IndexBuilder(params)
    first: dict[str, str] = {}
    for record, sentences, agency in iter_corpus_reports(paths, on_error):
        if record.sha256 in first:
            if on_duplicate:
                on_duplicate(record.ref, first[record.sha256])
            continue
        first[record.sha256] = record.ref
        builder.add(record, sentences, agency)
    return builder.build(info)
