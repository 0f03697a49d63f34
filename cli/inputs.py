"""Which files a command works on: the files named on the command line, and the files found in the folders named.

A file named on the command line is always given to the reader, which says why it cannot be analysed. A
folder is walked recursively and sorted by path; what is found there falls into four groups:

- files with a supported extension are analysed, and so are symbolic links that lead to no file (dangling or
  looping) whatever their name: the reader reports each as a broken link, where its extension (often none)
  would have called it unsupported;
- other files are **unsupported**: not read, but reported (``analyze`` prints one summary line, ``score``
  records each as an ``unsupported_format`` error so the HTML report lists it), because an office reviewing a
  folder of submissions must learn that a ``年报.ofd`` or a scanned ``.jpg`` was not reviewed;
- hidden files and folders (``.*``, which includes macOS ``._*`` copies) and Word lock files (``~$*``) are
  skipped silently: they are never a submission;
- govreport's own outputs (the results store with its journal files, the HTML report, the XLSX/CSV export)
  are skipped silently, so writing the results into the input folder never feeds them back as reports.

A subfolder that cannot be listed is an error of its own: the files in it were not analysed.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from nlp.errors import ReportError, broken_link_reason

STORE_SIDECARS = ("-wal", "-shm", "-journal")
"""Suffixes SQLite appends to a database's name for its journal files."""
SHOWN_SKIPPED = 5
"""Unsupported files named in the summary line; the rest are counted."""
SUPPORTED_NAMES = "PDF、DOCX、DOC、WPS、HTML、TXT、Markdown"
"""The supported formats as messages list them (the readers' ``EXTENSIONS``)."""


@dataclass
class Inputs:
    files: list[Path] = field(default_factory=list)
    """To analyse: the files named, in argument order, and the supported files found in folders."""
    unsupported: list[Path] = field(default_factory=list)
    """Found in folders with an extension no reader handles; not read."""
    unreadable: list[ReportError] = field(default_factory=list)
    """Folders that could not be listed."""

    def rejected(self) -> list[ReportError]:
        """The files (and folders) that will not be analysed, each with its reason, as a bulk run records them."""
        return [unsupported_error(path) for path in self.unsupported] + self.unreadable

    def skipped_line(self, recorded: bool = False) -> str | None:
        """One summary line about the unsupported files (named, in Chinese and English), or None when there are
        none. ``recorded``: the command records them as failed files (``score``), so the line says so rather
        than calling them skipped, and agrees with the run's count of failures."""
        if not self.unsupported:
            return None
        count = len(self.unsupported)
        shown = [str(path) for path in self.unsupported[:SHOWN_SKIPPED]]
        names, names_en = "、".join(shown), ", ".join(shown)
        more = f" 等 {count} 个" if count > SHOWN_SKIPPED else ""
        more_en = f" and {count - SHOWN_SKIPPED} more" if count > SHOWN_SKIPPED else ""
        if recorded:
            return (
                f"{count} 个不支持格式的文件未分析，记为失败（审查汇总报告中列出）：{names}{more}。"
                f"支持 {SUPPORTED_NAMES}。"
                f" / {count} file(s) of unsupported format not analysed, recorded as failed: {names_en}{more_en}."
            )
        return (
            f"跳过 {count} 个不支持格式的文件（未分析）：{names}{more}。"
            f"支持 {SUPPORTED_NAMES}。"
            f" / Skipped {count} file(s) of unsupported format (not analysed): {names_en}{more_en}."
        )


def require_existing(paths: list[Path], param_hint: str = "PATH") -> None:
    """Refuse a path that does not exist, worded like click's ``exists=True`` check of ``index build``: a mistyped
    path is a usage error, before anything (a results store) is created, not a submission that failed.
    ``param_hint``: the argument's name in the command's usage line.

    Checked in the command rather than by click, because click checks arguments before options: "score 报告
    结果.db" would then say that 结果.db does not exist instead of suggesting the missing --db.
    """
    from cli.app import BadValue

    for path in paths:
        if path.exists():
            continue
        link = broken_link_reason(path)
        if link is not None:
            # Listed by ls, so "does not exist" would contradict what the user sees.
            raise BadValue(
                f"路径“{path}”是无法解析的符号链接（{link[0]}）。",
                f"path '{path}' is a symbolic link that cannot be resolved ({link[1]}).",
                param_hint=param_hint,
            )
        raise BadValue(f"路径“{path}”不存在。", f"path '{path}' does not exist.", param_hint=param_hint)


def nothing_to_analyse(folders: list[Path]) -> str:
    """The message of the usage error for folders that hold no report to analyse (empty, or only unsupported,
    hidden or govreport's own files), naming them as given. Shared by ``analyze``, ``score`` and ``index build``."""
    names = "、".join(str(folder) for folder in folders)
    names_en = ", ".join(str(folder) for folder in folders)
    kind_en = "folder" if len(folders) == 1 else "folders"
    return f"文件夹 {names} 中没有找到可分析的报告文件（支持 {SUPPORTED_NAMES}）。/ No report files found in the {kind_en} {names_en}."


def scan_inputs(paths: list[Path]) -> Inputs:
    """Sort the command-line paths into files to analyse, unsupported files and unreadable folders."""
    inputs = Inputs()
    for path in paths:
        if not path.is_dir():
            inputs.files.append(path)
            continue
        found, unreadable = walk(path)
        inputs.unreadable += unreadable
        for file in found:
            if is_ignored(file.relative_to(path)) or is_govreport_output(file):
                continue
            analysed = is_supported(file) or broken_link_reason(file) is not None
            (inputs.files if analysed else inputs.unsupported).append(file)
    return inputs


def walk(folder: Path) -> tuple[list[Path], list[ReportError]]:
    """Every non-folder entry below ``folder`` (dangling links included: the reader reports them), sorted,
    and an error per folder that could not be listed.

    Symbolic links to folders are followed, each real folder once, so a link loop cannot hang the scan.
    """
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    found = []
    for root, dirs, names in os.walk(folder, onerror=errors.append, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        found += [Path(root, name) for name in names]
    return sorted(found), [folder_error(error) for error in errors]


def is_ignored(relative: Path) -> bool:
    """Hidden files and folders, and Word's lock files: never a submission."""
    return any(part.startswith(".") for part in relative.parts) or relative.name.startswith("~$")


def is_supported(path: Path) -> bool:
    from nlp.readers import EXTENSIONS

    return path.suffix.lower() in EXTENSIONS


def is_govreport_output(path: Path) -> bool:
    """True for a file govreport wrote (results store, its journals, HTML report, XLSX/CSV export).

    Recognised by content, not by name, so a renamed output is still recognised and a report that happens
    to be called ``report.html`` is still read. A file that cannot be read is not recognised: the reader,
    or the unsupported-file line, then reports it.
    """
    from nlp.readers import EXTENSIONS, GENERATOR_HEAD_BYTES, is_govreport_html
    from nlp.store import is_store

    suffix = path.suffix.lower()
    try:
        if EXTENSIONS.get(suffix) == "html":
            return is_govreport_html(_head(path, GENERATOR_HEAD_BYTES))
        if suffix in EXTENSIONS:
            return False
        if suffix == ".csv":
            return _is_export_csv(path)
        if suffix == ".xlsx":
            return _is_export_workbook(path)
        for sidecar in STORE_SIDECARS:
            if path.name.endswith(sidecar):
                return is_store(path.with_name(path.name[: -len(sidecar)]))
        return is_store(path)
    except OSError:
        return False


def _head(path: Path, size: int) -> bytes:
    with path.open("rb") as file:
        return file.read(size)


def _is_export_csv(path: Path) -> bool:
    from nlp.render.xlsx import BASE_COLUMNS, TAIL_COLUMNS

    first_line = _head(path, 4096).split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    return first_line.startswith("\ufeff" + ",".join(BASE_COLUMNS) + ",") and first_line.endswith(
        "," + ",".join(TAIL_COLUMNS)
    )


def _is_export_workbook(path: Path) -> bool:
    from nlp.render.xlsx import EXPORT_MARK_SHEETS

    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError):
        return False
    return all(f'name="{sheet}"' in workbook for sheet in EXPORT_MARK_SHEETS)


def unsupported_error(path: Path) -> ReportError:
    """The error recorded for an unsupported file found in a folder (it was not read)."""
    from nlp.model import Source
    from nlp.readers._shared import fail

    suffix = path.suffix.lower()
    error = fail("unsupported_format", path, f"扩展名 {suffix or '无'}", f"extension {suffix or 'none'}")
    error.source = Source(path=str(path), format=suffix.lstrip("."))
    return error


def folder_error(error: OSError) -> ReportError:
    """The error for a folder that could not be listed: its reports were not analysed."""
    from nlp.errors import os_reason

    path = error.filename
    reason, reason_en = os_reason(error, "读取")
    return ReportError(
        "permission_denied" if isinstance(error, PermissionError) else "read_failed",
        f"无法读取文件夹 {path}：{reason}，其中的文件未被分析。",
        f"Cannot read folder {path}: {reason_en}; the files in it were not analysed.",
        str(path),
    )
