"""The SQLite results store of bulk runs (``govreport score --db results.sqlite``).

SQLite because an oversight office has no database server: one file holds a spring's results, opens in any
SQL tool, and survives a killed run (each batch is one transaction, WAL journal). Every table is keyed by
the report's ``sha256``-unique row, so re-running a folder skips what is already there.

Tables (``report_id`` references ``reports.id``; child rows are replaced whenever a report is rewritten):

- ``reports``: one row per distinct file content — ``sha256`` (unique), ``path``, ``agency``, ``region``,
  ``year``, ``format``, ``format_version``, ``published``, ``score``, ``grade``, ``rubric_sha256``,
  ``previous_sha256`` (the previous-year report used for cross-year checks), ``analysed_at``, ``json``
  (the contract JSON of ``govreport analyze`` plus ``text``, the normalized text every span indexes into) and
  ``location`` (the file's absolute, resolved path when it was stored: ``path`` is as given, relative to
  whatever folder the run started in, so only ``location`` tells that a file edited in place is the same file;
  NULL in rows written before the column existed) and ``index_sha256`` (the fingerprint of the corpus index the
  report was judged against, :attr:`nlp.index.CorpusIndex.fingerprint`, or ``none`` when no index was used;
  NULL in rows written before the column existed: unknown) and ``missing_at`` (when a run first found the report's
  file gone: nothing at ``location`` any more and no file of the run holding its content; NULL while the file is
  there, or when its location is unknown). A report whose file is gone keeps its row — it is still a result — and
  the report and the export mark it, so it is not taken for a current file. A file whose content changed keeps one
  row: the next run replaces the old version's row (:meth:`Store.forget_reports`).
- Several rows may carry the same agency and year (a GBK and a UTF-8 copy, an excerpt, a corrected version):
  they are kept, and :meth:`Store.same_agency_year` lists them for the run summary and the renderers.
- ``parts``, ``figures``, ``checks`` (with ``family``, e.g. ``E5``): the analysis, one row per item.
- ``scores`` (total, grade, rubric) and ``dimension_scores`` (points per rubric dimension).
- ``deductions``: one row per deduction, pointing at its check (code, message, evidence, span, points).
- ``errors``: one row per file that could not be analysed (unique ``path``; retried on every run).
- ``files``: one row per file a run was given (unique ``location``, the absolute path as given, so a symbolic link
  is its own file; ``path`` as given), with what the run that last saw it did (``status``, :data:`FILE_STATUSES`):
  ``analysed``, ``unchanged`` (its content was stored already: skipped, or rescored under a new rubric),
  ``duplicate`` (``same_as``: the file of the same content whose results stand for it) or ``failed``
  (``error_code``; the reason is in ``errors``), and ``missing_at`` like the reports'. With it an office can account
  for every file of its folder: a byte-identical copy has no report of its own, but it is listed.
- ``clusters`` (report year, narrative ``part``, size, shared ``passages`` as a JSON list) and
  ``cluster_members`` (with each member's ``share`` of the part in shared sentences): the E11 cross-agency
  copy clusters, recomputed over the whole store after every run.
- ``runs``: one row per ``govreport score`` invocation (counts, rubric, corpus index — ``index_sha256`` and
  ``index_path``, the ``--index`` as given, NULL for the shipped one —, jobs, scheduler, seconds spent analysing
  and in the cross-report pass); ``finished_at`` stays NULL for an interrupted run. The counts ``skipped``,
  ``analysed``, ``reanalysed``, ``failed`` and ``rescored`` are written with every committed batch, so an
  interrupted run still says how many of its ``files`` it got through (``govreport report`` warns about it).
- ``store_meta``: the store's schema version, and the fingerprint of the report set the cross-report pass
  last ran on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nlp.errors import os_reason
from nlp.score import Rubric, family

STORE_SCHEMA_VERSION = "1"
SQLITE_MAGIC = b"SQLite format 3\x00"
NO_INDEX = "none"
"""``index_sha256`` of reports judged without a corpus index (none shipped and no ``--index``)."""

ADDED_COLUMNS = {
    "reports": {"location": "TEXT", "index_sha256": "TEXT", "missing_at": "TEXT"},
    "runs": {"index_sha256": "TEXT", "index_path": "TEXT", "reanalysed": "INTEGER"},
}
"""Nullable columns that came after schema version 1 was released, added to an older store when it is opened for
writing (NULL in its existing rows: unknown). A new nullable column does not change the version: a store keeps
working in the version that wrote it and in this one, where a version change would make one of them refuse it.
Tables that came later (``files``) are created the same way, by ``CREATE TABLE IF NOT EXISTS``."""
FILE_STATUSES = ("analysed", "unchanged", "duplicate", "failed")
"""What a run did with a file it was given (``files.status``)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    rubric_name TEXT,
    rubric_sha256 TEXT,
    index_sha256 TEXT,
    index_path TEXT,
    jobs INTEGER,
    scheduler TEXT,
    files INTEGER,
    analysed INTEGER,
    reanalysed INTEGER,
    skipped INTEGER,
    rescored INTEGER,
    failed INTEGER,
    rechecked INTEGER,
    clusters INTEGER,
    analysis_seconds REAL,
    cross_report_seconds REAL
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    agency TEXT,
    region TEXT,
    year INTEGER,
    format TEXT,
    format_version TEXT,
    published TEXT,
    score REAL,
    grade TEXT,
    rubric_sha256 TEXT,
    previous_sha256 TEXT,
    analysed_at TEXT NOT NULL,
    json TEXT NOT NULL,
    location TEXT,
    index_sha256 TEXT,
    missing_at TEXT
);
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports (agency, year);
CREATE TABLE IF NOT EXISTS parts (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT,
    present INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (report_id, number)
);
CREATE TABLE IF NOT EXISTS figures (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    category TEXT,
    metric TEXT,
    value REAL,
    unit TEXT,
    approx INTEGER,
    text TEXT,
    start INTEGER,
    "end" INTEGER,
    part TEXT,
    subsection TEXT,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS checks (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    family TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT,
    evidence TEXT,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX IF NOT EXISTS checks_code ON checks (code);
CREATE TABLE IF NOT EXISTS scores (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    total REAL NOT NULL,
    grade TEXT NOT NULL,
    rubric_name TEXT,
    rubric_version TEXT,
    rubric_sha256 TEXT
);
CREATE TABLE IF NOT EXISTS dimension_scores (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    label TEXT,
    weight REAL,
    points REAL,
    PRIMARY KEY (report_id, dimension)
);
CREATE TABLE IF NOT EXISTS deductions (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    rule TEXT,
    dimension TEXT,
    severity TEXT,
    points REAL NOT NULL,
    nominal REAL,
    capped INTEGER,
    message TEXT,
    evidence TEXT,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    format TEXT,
    code TEXT NOT NULL,
    message TEXT,
    message_en TEXT,
    recorded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    location TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    run_id INTEGER,
    sha256 TEXT,
    status TEXT NOT NULL,
    same_as TEXT,
    error_code TEXT,
    recorded_at TEXT NOT NULL,
    missing_at TEXT
);
CREATE TABLE IF NOT EXISTS clusters (
    id INTEGER PRIMARY KEY,
    year INTEGER,
    part TEXT NOT NULL,
    size INTEGER NOT NULL,
    passages TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cluster_members (
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    share REAL,
    PRIMARY KEY (cluster_id, report_id)
);
"""


class StoreError(Exception):
    """A results file that is not a govreport store (or of an unknown version): the message is Chinese / English."""


def not_a_store(path: Path, reason: str, reason_en: str) -> StoreError:
    return StoreError(
        f"{path} 不是 govreport 结果数据库（{reason}），请指定 govreport score 生成的 --db 文件。"
        f"/ {path} is not a govreport results store ({reason_en}): give the --db file written by govreport score."
    )


def now() -> str:
    """UTC timestamp, second precision: timestamps are the only columns two identical runs differ in."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class StoredReport:
    """The columns of ``reports`` the bulk runner needs to plan a run, without the JSON."""

    id: int
    sha256: str
    path: str
    agency: str | None
    year: int | None
    format: str | None
    rubric_sha256: str | None
    previous_sha256: str | None
    location: str | None = None
    index_sha256: str | None = None
    missing_at: str | None = None


@dataclass(frozen=True)
class FileRow:
    """What a run did with one file it was given (a row of ``files``; ``status`` is one of :data:`FILE_STATUSES`)."""

    path: str
    location: str
    status: str
    sha256: str | None = None
    same_as: str | None = None
    error_code: str | None = None


@dataclass(frozen=True)
class ClusterRow:
    """One E11 copy cluster to store: ``members`` are (report id, share of the part in shared sentences)."""

    year: int | None
    part: str
    members: list[tuple[int, float]]
    passages: list[str]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can change nothing, not even next to the file (see :func:`is_store`)."""
    mode = "mode=ro" if path.with_name(path.name + "-wal").exists() else "immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)


def is_store(path: str | Path) -> bool:
    """True when ``path`` is a govreport results store (so a folder scan can leave it alone).

    Looking must not leave anything behind: a read-only open of a WAL database creates ``-wal``/``-shm``
    files next to it, so a closed store is opened as immutable. A store with a ``-wal`` file (open in a run,
    or left by a killed one) may hold its schema only there, and is opened read-only, which then creates
    nothing new. A file that cannot be opened is not recognised (it is reported like any unsupported file).
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            if file.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return False
        connection = connect_read_only(path)
    except (OSError, sqlite3.Error):
        return False
    try:
        row = connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return row is not None


class Store:
    """One open results file. Use as a context manager; write inside :meth:`transaction` blocks."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        """Open (and create when missing) the store at ``path``.

        ``read_only``: for the commands that only read results (``report``, ``export``). The file must exist and be
        a govreport store, and nothing is written to it or next to it: a wrong ``--db`` (an empty file, a text
        file) is refused as it is, where a writable open would turn it into an empty store.
        """
        self.path = Path(path)
        if read_only and self.path.is_dir():
            raise StoreError(f"{self.path} 是一个文件夹，不是结果数据库。/ {self.path} is a directory, not a results store.")
        if read_only and not self.path.is_file():
            raise StoreError(
                f"结果数据库不存在：{self.path}（请先运行 govreport score … --db {self.path}）。"
                f"/ No results store at {self.path}: run govreport score … --db {self.path} first."
            )
        head = b""
        if self.path.exists():
            # SQLite would only say "unable to open database file"; the operating system says why.
            try:
                with self.path.open("rb") as file:
                    head = file.read(len(SQLITE_MAGIC))
            except OSError as error:
                reason, reason_en = os_reason(error)
                raise StoreError(f"无法打开结果数据库 {self.path}：{reason}。/ Cannot open results store {self.path}: {reason_en}.") from None
        if read_only and not head:
            raise not_a_store(self.path, "文件为空", "the file is empty")
        if read_only and head != SQLITE_MAGIC:
            raise not_a_store(self.path, "不是 SQLite 数据库文件", "not an SQLite database file")
        try:
            if read_only:
                self.db = connect_read_only(self.path)
                self.db.row_factory = sqlite3.Row
                self._check_schema(self._tables(), read_only=True)
                return
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._init_schema()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} 不是有效的 SQLite 结果数据库：{error}。/ {self.path} is not a valid SQLite results store: {error}."
            ) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _tables(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _check_schema(self, tables: set[str], *, read_only: bool = False) -> None:
        """Refuse another program's database, or a store of another schema version; ``read_only`` also refuses an
        SQLite file without tables, which a writable open would make a new store."""
        if read_only and not tables:
            raise not_a_store(self.path, "SQLite 数据库中没有任何表", "an SQLite database without tables")
        if tables and "store_meta" not in tables:
            raise StoreError(
                f"{self.path} 是其他程序的 SQLite 数据库，不是 govreport 结果数据库。"
                f"/ {self.path} is another program's SQLite database, not a govreport results store."
            )
        if tables:
            row = self.db.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
            if row is None or row[0] != STORE_SCHEMA_VERSION:
                version = row[0] if row else "未知"
                raise StoreError(
                    f"{self.path} 的结构版本为 {version}，本程序使用版本 {STORE_SCHEMA_VERSION}，请换一个新的数据库文件。"
                    f"/ {self.path} has schema version {version}; this program uses {STORE_SCHEMA_VERSION}: use a new file."
                )

    def _init_schema(self) -> None:
        self._check_schema(self._tables())
        self.db.executescript(
            f"BEGIN IMMEDIATE; {_SCHEMA} INSERT OR IGNORE INTO store_meta VALUES ('schema_version', '{STORE_SCHEMA_VERSION}'); COMMIT;"
        )
        for table, columns in ADDED_COLUMNS.items():
            existing = self._columns(table)
            for column, kind in columns.items():
                if column not in existing:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def _columns(self, table: str) -> set[str]:
        return {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: a batch of results lands whole or not at all, even if the run is killed."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ---------------------------------------------------------------------------------------------------
    # Runs

    def start_run(
        self,
        rubric: Rubric,
        jobs: int,
        scheduler: str | None,
        files: int,
        skipped: int = 0,
        *,
        index_sha256: str,
        index_path: str | None = None,
    ) -> int:
        """Record a run of ``files`` files, ``skipped`` of which are already stored, judged against the corpus index
        ``index_sha256`` (``index_path``: the ``--index`` as given, None for the shipped index)."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, rubric_name, rubric_sha256, index_sha256, index_path, jobs, scheduler,"
                " files, skipped, analysed, reanalysed, failed, rescored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
                (now(), rubric.name, rubric.sha256, index_sha256, index_path, jobs, scheduler, files, skipped),
            )
        return int(cursor.lastrowid)

    def record_progress(
        self, run_id: int, *, analysed: int = 0, reanalysed: int = 0, failed: int = 0, rescored: int = 0
    ) -> None:
        """Add to a run's counts; call in the transaction that writes those files, so the counts of an
        interrupted run match what it committed."""
        self.db.execute(
            "UPDATE runs SET analysed = analysed + ?, reanalysed = reanalysed + ?, failed = failed + ?,"
            " rescored = rescored + ? WHERE id = ?",
            (analysed, reanalysed, failed, rescored, run_id),
        )

    def last_run(self) -> dict[str, Any] | None:
        """The latest ``govreport score`` run (a row of ``runs``), or None for a store no run has used."""
        row = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None

    def finish_run(self, run_id: int, **counts: int | float) -> None:
        """Record what a run did (columns of ``runs``: analysed, skipped, rescored, failed, rechecked, clusters,
        analysis_seconds, cross_report_seconds) and when it finished. An interrupted run keeps NULL in
        ``finished_at`` and the columns only this sets, and the counts :meth:`record_progress` committed."""
        assignments = ", ".join(f"{name} = ?" for name in counts)
        with self.transaction():
            self.db.execute(
                f"UPDATE runs SET finished_at = ?, {assignments} WHERE id = ?", (now(), *counts.values(), run_id)
            )

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", (key, value))

    def clear_meta(self, key: str) -> None:
        """Forget a ``store_meta`` value; call in a transaction."""
        self.db.execute("DELETE FROM store_meta WHERE key = ?", (key,))

    # ---------------------------------------------------------------------------------------------------
    # Reports

    def stored_reports(self) -> dict[str, StoredReport]:
        """Every stored report by sha256: what a run may skip, and the candidates for cross-report checks."""
        rows = self.db.execute(
            "SELECT id, sha256, path, agency, year, format, rubric_sha256, previous_sha256, location, index_sha256,"
            " missing_at FROM reports ORDER BY id"
        )
        return {row["sha256"]: StoredReport(**dict(row)) for row in rows}

    def forget_reports(self, report_ids: list[int]) -> None:
        """Delete reports and their child rows (a file's earlier content, replaced by its new version); call in a
        transaction. Cross-report results that involved them are recomputed by the next cross-report pass."""
        self.db.executemany("DELETE FROM reports WHERE id = ?", [(report_id,) for report_id in report_ids])

    def move_report(self, report_id: int, path: str, location: str) -> None:
        """Record that a stored content now lives at ``path`` (its first file was overwritten); call in a transaction."""
        self.db.execute("UPDATE reports SET path = ?, location = ? WHERE id = ?", (path, location, report_id))

    def record_files(self, run_id: int, files: list[FileRow]) -> None:
        """Record what run ``run_id`` did with these files, replacing what an earlier run recorded for them (a file
        seen again is no longer missing); call in a transaction."""
        self.db.executemany(
            "INSERT OR REPLACE INTO files (location, path, run_id, sha256, status, same_as, error_code, recorded_at,"
            " missing_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [(f.location, f.path, run_id, f.sha256, f.status, f.same_as, f.error_code, now()) for f in files],
        )

    def file_locations(self) -> list[str]:
        """The location of every file recorded in ``files``."""
        return [row[0] for row in self.db.execute("SELECT location FROM files")]

    def set_missing(self, report_ids: list[int], locations: list[str]) -> None:
        """Mark the reports ``report_ids`` and the files at ``locations`` as gone (keeping the time they were first
        found gone), and every other report and file as present; call in a transaction."""
        stamp = now()
        for table, key, gone in (("reports", "id", report_ids), ("files", "location", locations)):
            self.db.execute(
                f"UPDATE {table} SET missing_at = CASE WHEN {key} IN (SELECT value FROM json_each(?))"
                " THEN COALESCE(missing_at, ?) END",
                (json.dumps(gone, ensure_ascii=False), stamp),
            )

    def missing_reports(self) -> dict[int, str]:
        """``missing_at`` of the reports whose file is gone, by report id. Works on a store written before this was
        recorded, which a read-only open does not migrate."""
        if "missing_at" not in self._columns("reports"):
            return {}
        return dict(self.db.execute("SELECT id, missing_at FROM reports WHERE missing_at IS NOT NULL").fetchall())

    def duplicates(self) -> list[dict[str, Any]]:
        """The files last seen as byte-identical copies of another file (``path``, ``same_as``, ``sha256``,
        ``recorded_at``, ``missing_at``), by path; none in a store written before files were recorded."""
        if "files" not in self._tables():
            return []
        rows = self.db.execute(
            "SELECT path, same_as, sha256, recorded_at, missing_at FROM files WHERE status = 'duplicate' ORDER BY path"
        )
        return [dict(row) for row in rows]

    def same_agency_year(self) -> list[dict[str, Any]]:
        """Groups of two or more stored reports with the same agency and year, largest first, each with its
        ``agency``, ``year`` and ``reports`` (``id``, ``path``, ``sha256``, ``score``, ``grade``, ordered by path).

        Byte-identical files are stored once, but the same report converted to another encoding, an excerpt of it
        or a corrected version are other contents: all are kept and scored (they may be legitimately different
        versions), and an office must decide which one counts, so the run summary lists these groups and a
        renderer can mark them from this function.
        """
        rows = self.db.execute(
            "SELECT id, agency, year, path, sha256, score, grade FROM reports WHERE (agency, year) IN"
            " (SELECT agency, year FROM reports WHERE agency IS NOT NULL AND agency != '' AND year IS NOT NULL"
            " GROUP BY agency, year HAVING COUNT(*) > 1) ORDER BY agency, year, path"
        )
        groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault((row["agency"], row["year"]), []).append(
                {key: row[key] for key in ("id", "path", "sha256", "score", "grade")}
            )
        ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
        return [{"agency": agency, "year": year, "reports": reports} for (agency, year), reports in ordered]

    def write_report(
        self,
        data: dict[str, Any],
        rubric: Rubric,
        *,
        previous_sha256: str | None = None,
        location: str | None = None,
        index_sha256: str | None = None,
    ) -> int:
        """Insert or replace one analysed report (``data``: contract dict with ``text``); call in a transaction.

        A report already stored under the same sha256 keeps its id and ``analysed_at`` — rescoring or
        re-checking it is not a new analysis — and gets its child rows replaced. ``location`` (the file's
        absolute path) is written when given; a rewrite without it keeps the stored one. ``index_sha256`` is
        given for a fresh analysis (the fingerprint of the index it was judged against): it is written, and a
        stored report re-analysed so gets a new ``analysed_at``; a rewrite without it keeps both.
        """
        source, meta, score = data["source"], data["meta"], data["score"]
        existing = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", (source["sha256"],)).fetchone()
        columns = {
            "path": source["path"],
            "agency": meta.get("agency"),
            "region": meta.get("region"),
            "year": meta.get("year"),
            "format": source.get("format"),
            "format_version": meta.get("format_version"),
            "published": meta.get("published"),
            "score": score["total"] if score else None,
            "grade": score["grade"] if score else None,
            "rubric_sha256": rubric.sha256,
            "previous_sha256": previous_sha256,
            "json": json.dumps(data, ensure_ascii=False),
        }
        if location is not None:
            columns["location"] = location
        if index_sha256 is not None:
            columns["index_sha256"] = index_sha256
            if existing:
                columns["analysed_at"] = now()
        if existing:
            report_id = int(existing["id"])
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self.db.execute(f"UPDATE reports SET {assignments} WHERE id = ?", (*columns.values(), report_id))
            for table in ("parts", "figures", "checks", "scores", "dimension_scores", "deductions"):
                self.db.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
        else:
            columns = {"sha256": source["sha256"], "analysed_at": now(), **columns}
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            cursor = self.db.execute(f"INSERT INTO reports ({names}) VALUES ({marks})", tuple(columns.values()))
            report_id = int(cursor.lastrowid)
        self._write_children(report_id, data, rubric)
        self.db.execute("DELETE FROM errors WHERE path = ?", (source["path"],))
        return report_id

    def _write_children(self, report_id: int, data: dict[str, Any], rubric: Rubric) -> None:
        self.db.executemany(
            'INSERT INTO parts (report_id, number, key, title, present, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(report_id, p["number"], p["key"], p["title"], p["present"], p["start"], p["end"]) for p in data["parts"]],
        )
        self.db.executemany(
            'INSERT INTO figures (report_id, seq, category, metric, value, unit, approx, text, start, "end", part, subsection)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    report_id,
                    i,
                    f["category"],
                    f["metric"],
                    f["value"],
                    f["unit"],
                    f["approx"],
                    f["text"],
                    f["start"],
                    f["end"],
                    f["part"],
                    f["subsection"],
                )
                for i, f in enumerate(data["figures"])
            ],
        )
        self.db.executemany(
            'INSERT INTO checks (report_id, seq, code, family, severity, message, evidence, start, "end")'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    report_id,
                    i,
                    c["code"],
                    family(c["code"]),
                    c["severity"],
                    c["message"],
                    c["evidence"],
                    c["start"],
                    c["end"],
                )
                for i, c in enumerate(data["checks"])
            ],
        )
        score = data["score"]
        if not score:
            return
        self.db.execute(
            "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?)",
            (report_id, score["total"], score["grade"], rubric.name, rubric.version, rubric.sha256),
        )
        self.db.executemany(
            "INSERT INTO dimension_scores VALUES (?, ?, ?, ?, ?)",
            [
                (
                    report_id,
                    key,
                    rubric.dimensions[key].label if key in rubric.dimensions else key,
                    rubric.dimensions[key].weight if key in rubric.dimensions else None,
                    points,
                )
                for key, points in score["dimensions"].items()
            ],
        )
        self.db.executemany(
            "INSERT INTO deductions (report_id, seq, code, rule, dimension, severity, points, nominal, capped, message,"
            ' evidence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                (
                    report_id,
                    i,
                    d["code"],
                    d["rule"],
                    d["dimension"],
                    d["severity"],
                    d["points"],
                    d["nominal"],
                    d["capped"],
                    d["message"],
                    d["evidence"],
                    d["start"],
                    d["end"],
                )
                for i, d in enumerate(score["deductions"])
            ],
        )

    def write_error(self, data: dict[str, Any]) -> None:
        """Record a file that could not be analysed (``data``: the contract error line); call in a transaction."""
        source, error = data["source"], data["error"]
        self.db.execute(
            "INSERT INTO errors (path, sha256, format, code, message, message_en, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, format = excluded.format, code = excluded.code,"
            " message = excluded.message, message_en = excluded.message_en, recorded_at = excluded.recorded_at",
            (
                source["path"],
                source.get("sha256"),
                source.get("format"),
                error["code"],
                error["message"],
                error.get("message_en"),
                now(),
            ),
        )

    def report_data(self, report_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT json FROM reports WHERE id = ?", (report_id,)).fetchone()
        return json.loads(row["json"])

    def iter_report_data(self) -> Iterator[tuple[sqlite3.Row, dict[str, Any]]]:
        """Every report row (ranking order: score descending, then path) with its decoded JSON."""
        rows = self.db.execute("SELECT * FROM reports ORDER BY score DESC, path")
        for row in rows:
            yield row, json.loads(row["json"])

    def errors(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM errors ORDER BY path").fetchall()

    def indexes(self) -> list[dict[str, Any]]:
        """The corpus indexes the stored reports were judged against, most used first: ``index_sha256`` (None:
        unknown, the report was stored before indexes were recorded), ``index_path`` (the ``--index`` of the last
        run that used it; None for the shipped index, or when unknown) and ``reports``. Works on a store written
        before indexes were recorded, which a read-only open does not migrate."""
        if "index_sha256" not in self._columns("reports"):
            count = self.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
            return [{"index_sha256": None, "index_path": None, "reports": count}] if count else []
        rows = self.db.execute(
            "SELECT r.index_sha256, (SELECT index_path FROM runs WHERE runs.index_sha256 = r.index_sha256"
            " ORDER BY id DESC LIMIT 1) AS index_path, COUNT(*) AS reports FROM reports r"
            " GROUP BY r.index_sha256 ORDER BY reports DESC, r.index_sha256"
        )
        return [dict(row) for row in rows]

    # ---------------------------------------------------------------------------------------------------
    # Clusters

    def replace_clusters(self, clusters: list[ClusterRow]) -> None:
        """Store the current copy clusters, replacing the older ones (they are recomputed over the whole
        store after every run, so the stored set always describes the stored reports)."""
        with self.transaction():
            self.db.execute("DELETE FROM clusters")
            for cluster in clusters:
                cursor = self.db.execute(
                    "INSERT INTO clusters (year, part, size, passages) VALUES (?, ?, ?, ?)",
                    (
                        cluster.year,
                        cluster.part,
                        len(cluster.members),
                        json.dumps(cluster.passages, ensure_ascii=False),
                    ),
                )
                self.db.executemany(
                    "INSERT INTO cluster_members VALUES (?, ?, ?)",
                    [(cursor.lastrowid, report_id, share) for report_id, share in cluster.members],
                )

    def clusters(self) -> list[dict[str, Any]]:
        """Stored clusters (largest first) with their members' id, agency, year, path, score and share."""
        result = []
        for row in self.db.execute("SELECT * FROM clusters ORDER BY size DESC, year, part, id"):
            members = self.db.execute(
                "SELECT r.id, r.agency, r.year, r.path, r.score, m.share FROM cluster_members m"
                " JOIN reports r ON r.id = m.report_id WHERE m.cluster_id = ? ORDER BY m.share DESC, r.path",
                (row["id"],),
            ).fetchall()
            result.append({**dict(row), "passages": json.loads(row["passages"]), "members": [dict(m) for m in members]})
        return result


# --------------------------------------------------------------------------------------------------------
# JSON -> Analysis
