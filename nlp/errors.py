"""The one exception type a stage raises for bad input, with a stable code and bilingual messages."""

from __future__ import annotations

import errno
import os
from pathlib import Path


class ReportError(Exception):
    """A report that cannot be analysed, e.g. an unsupported format or a scanned PDF.

    ``code`` is stable (consumers branch on it); ``message`` is the Chinese text shown to users and
    ``message_en`` its English counterpart. ``path`` names the offending file.
    """

    def __init__(self, code: str, message: str, message_en: str, path: str | None = None):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message = message
        self.message_en = message_en
        self.path = path
        self.source = None  # the nlp.model.Source of the file, attached by the pipeline


    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_en": self.message_en}


def os_reason(error: OSError, action: str = "") -> tuple[str, str]:
    """A short Chinese and English reason for an operating-system error on a path, for messages about files that
    are not reports (a rubric, an output file, a folder); ``action`` (读取, 写入) names the missing permission."""
    if isinstance(error, PermissionError):
        return f"没有{action}权限", "permission denied"
    if isinstance(error, IsADirectoryError):
        return "这是一个文件夹", "it is a directory"
    if isinstance(error, FileNotFoundError):
        return "文件或所在目录不存在", "no such file or directory"
    if isinstance(error, NotADirectoryError):
        return "路径中有一级不是文件夹", "a part of the path is not a directory"
    if error.errno == errno.ENOSPC:
        return "磁盘空间不足", "no space left on device"
    if error.errno == errno.EROFS:
        return "文件系统只读", "read-only file system"
    name = errno.errorcode.get(error.errno, str(error.errno)) if error.errno else type(error).__name__
    return f"系统错误 {name}", error.strerror or str(error)


def broken_link_reason(path: str | Path) -> tuple[str, str] | None:
    """Why ``path`` is a symbolic link that leads to no file (Chinese, English), or None when it is not one.

    Such a link is listed in its folder yet "does not exist" to every open and stat, so without this the user
    is told that a file they can see is missing, or that its (absent) extension is unsupported.
    """
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "链接循环，互相指向或指向自身", "the links point to each other or to themselves"
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            target = os.readlink(path)
            return f"指向的文件不存在：{target}", f"its target does not exist: {target}"
    return None
