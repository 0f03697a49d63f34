"""Helpers every format reader shares: error construction, text decoding and line joining.

Kept free of heavy imports so that ``import nlp.readers`` stays fast; charset-normalizer is only imported
when the strict decoding ladder fails.
"""

from __future__ import annotations

import codecs
import errno
import re
import unicodedata
from pathlib import Path

from nlp.errors import ReportError, broken_link_reason

# Chinese and English wording per error code. The per-file detail (which page, which library message) is
# appended by the caller; these describe the failure class so users know what to do next.
_REASONS: dict[str, tuple[str, str]] = {
    "not_found": ("文件不存在或不是普通文件", "the file does not exist or is not a regular file"),
    # Same code as not_found (a folder is no report file either), worded for what the user gave.
    "folder_given": (
        "这是一个文件夹，不是报告文件，此处需要单个报告文件",
        "it is a folder, not a report file; a single report file is required",
    ),
    # Same code as not_found: the link leads to no file; the detail says whether it dangles or loops.
    "broken_link": ("这是一个无法解析的符号链接", "it is a symbolic link that cannot be resolved"),
    "permission_denied": (
        "没有读取权限，请检查文件权限或换用有权限的账户运行",
        "permission denied; check the file's permissions or run as a user who may read it",
    ),
    "read_failed": (
        "读取时发生系统错误（磁盘或网络共享故障，或文件在读取时被移走、锁定）",
        "a system error occurred while reading (disk or network share failure, or the file was moved or locked)",
    ),
    "empty_file": ("文件为空，没有可读取的内容", "the file is empty"),
    "unsupported_format": (
        "不支持该文件格式，请提供 PDF、DOCX、DOC、WPS、HTML、TXT 或 Markdown 文件",
        "unsupported file format; use PDF, DOCX, DOC, WPS, HTML, TXT or Markdown",
    ),
    "binary_garbage": (
        "文件内容不是可识别的文字（可能是二进制文件或编码损坏）",
        "the content is not readable text (binary data or a broken encoding)",
    ),
    "corrupt_file": ("文件已损坏或格式不完整，无法解析", "the file is corrupt or truncated and cannot be parsed"),
    "no_text_layer": (
        "该 PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）",
        "the PDF has no text layer (probably a scan); run OCR on it first",
    ),
    "encrypted": (
        "文件已加密，需要密码才能打开，请提供未加密的版本",
        "the file is encrypted and needs a password; provide an unencrypted copy",
    ),
    "needs_libreoffice": (
        "读取 .doc/.wps 等旧格式需要 LibreOffice，请安装 LibreOffice 或将文件另存为 .docx 后重试",
        "reading .doc/.wps files needs LibreOffice; install it or save the file as .docx",
    ),
    "no_report_content": (
        "未识别为政府信息公开工作年度报告",
        "not recognised as a government information-disclosure annual report",
    ),
    "conversion_failed": (
        "LibreOffice 未能转换该文件，请用 Word 或 WPS 将其另存为 .docx 后重试",
        "LibreOffice could not convert the file; save it as .docx with Word or WPS and retry",
    ),
}


# Wordings recorded under another error code.
_CODES = {"folder_given": "not_found", "broken_link": "not_found"}


def fail(code: str, path: Path, detail_zh: str = "", detail_en: str = "") -> ReportError:
    """Build the :class:`ReportError` for ``code``, naming the file so a batch run's log is self-explaining.

    The path is shown as given, not just its base name: one folder per agency, each holding a ``年报.pdf``,
    is the usual layout, and the base name alone would not say which agency's file failed.
    """
    reason_zh, reason_en = _REASONS[code]
    message = f"无法读取文件 {path}：{reason_zh}"
    message_en = f"Cannot read {path}: {reason_en}"
    if detail_zh:
        message += f"（{detail_zh}）"
    if detail_en:
        message_en += f" ({detail_en})"
    return ReportError(_CODES.get(code, code), message + "。", message_en + ".", str(path))


def missing_file(path: Path) -> ReportError:
    """The :class:`ReportError` for a path that is no regular file: a folder, a broken symbolic link, or nothing."""
    if path.is_dir():
        return fail("folder_given", path)
    link = broken_link_reason(path)
    if link is not None:
        return fail("broken_link", path, *link)
    return fail("not_found", path)


def os_failure(path: Path, error: OSError) -> ReportError:
    """The :class:`ReportError` for a file the operating system would not let us read."""
    if isinstance(error, PermissionError):
        return fail("permission_denied", path)
    if isinstance(error, (FileNotFoundError, NotADirectoryError, IsADirectoryError)):
        # It vanished, or turned into a folder, between the check and the read.
        return fail("not_found", path)
    name = errno.errorcode.get(error.errno, str(error.errno)) if error.errno else type(error).__name__
    return fail("read_failed", path, f"系统错误 {name}", error.strerror or str(error))


def is_wide(char: str) -> bool:
    """True for CJK characters and full-width punctuation, which are written without spaces between them."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one visual line that a layout wrapped (a PDF line break, lines inside a cell).

    Chinese needs no separator; two Latin/digit ends get a space so that "1" and "0" from stacked cell lines
    never fuse into "10".
    """
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_wide(a) or is_wide(b) or a.isspace() or b.isspace():
        return left + right
    return f"{left} {right}"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with :func:`join_wrapped`, dropping empty ones."""
    out = ""
    for line in lines:
        line = line.strip()
        if line:
            out = join_wrapped(out, line)
    return out


# --- text decoding -------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings that web pages and old Windows tools declare for simplified Chinese. GB18030 is a superset of
# all of them, and pages labelled gb2312 routinely contain GBK-only characters, so decode them as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "ms936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "hz-gb-2312"}

_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_MAX_BAD_RATIO = 0.02


def normalize_encoding(name: str) -> str | None:
    """Canonical codec name ("utf-8", "gb18030", "utf-16-le"...), or None when Python does not know it."""
    name = name.strip().strip("'\"").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control, private-use or unassigned characters: that is binary data."""
    if not text:
        return True
    sample = text[:200_000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in _ALLOWED_CONTROLS)
    )
    return bad / len(sample) <= _MAX_BAD_RATIO


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: NUL bytes sit mostly on one byte parity (the high byte of ASCII characters;
    the other parity only has them in characters like U+4E00)."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls > 4 * even_nuls:
        encoding = "utf-16-le"
    elif even_nuls > 4 * odd_nuls:
        encoding = "utf-16-be"
    else:
        return None
    text = _strict(data, encoding)
    return (text, encoding) if text is not None and _looks_like_text(text) else None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """Decode report bytes; return ``(text, encoding)`` or None when the bytes are not text.

    The ladder is strict on purpose. A BOM wins. NUL bytes mean UTF-16 without a BOM, or binary data. Then
    UTF-8, because other encodings almost never validate as UTF-8 (so it beats a page's wrong
    ``<meta charset>``), then the encoding the document declares, then GB18030 (a superset of GBK/GB2312,
    the usual encoding of older government files). Only when all of them fail does charset-normalizer
    guess, because its statistics misjudge short Chinese texts far more often than a strict decode does.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            return (text.lstrip("\ufeff"), encoding) if text is not None and _looks_like_text(text) else None
    if b"\x00" in data:
        # A NUL byte never occurs in UTF-8 or GB18030 text: it is UTF-16 or binary.
        return _utf16_without_bom(data)

    candidates = ["utf-8"]
    if declared and (name := normalize_encoding(declared)) and name not in candidates:
        candidates.append(name)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None and _looks_like_text(text):
            return text, encoding

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    encoding = normalize_encoding(best.encoding) or best.encoding
    return (text, encoding) if _looks_like_text(text) else None


LINE_BREAK = re.compile(r"\r\n|\r|\n")
