"""Builders for unusable report files, written into a test's tmp_path.

Each builder writes one file and returns its path. They produce the damage seen in real batches: scans
without a text layer, password-protected PDFs, interrupted downloads, binary files with a text extension.
The ``deny_*`` helpers make the operating system refuse one file: the tests run as root, which may read any
file, so a ``chmod 000`` would not do.
"""

from __future__ import annotations

import errno
import os
import random
import stat
from pathlib import Path

import pymupdf
import pytest


def garbage_bytes(size: int = 4096, seed: int = 0) -> bytes:
    """Reproducible random bytes (they contain NUL bytes and invalid UTF-8/GB18030 sequences)."""
    return random.Random(seed).randbytes(size)


def scanned_pdf(path: Path) -> Path:
    """A two-page PDF whose pages hold only an image, as a scanner produces."""
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 160), False)
    pixmap.set_rect(pixmap.irect, (235, 235, 235))
    pixmap.set_rect(pymupdf.IRect(20, 20, 100, 30), (20, 20, 20))  # a dark "text line" in the picture
    document = pymupdf.open()
    for _ in range(2):
        page = document.new_page(width=595, height=842)
        page.insert_image(page.rect, pixmap=pixmap)
    document.save(path)
    return path


def encrypted_pdf(path: Path) -> Path:
    """A PDF that needs a user password to open."""
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "secret report text " * 5)
    document.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user-pw", owner_pw="owner-pw")
    return path


def truncated_copy(source: Path, path: Path, keep: int) -> Path:
    """The first ``keep`` bytes of ``source``: an interrupted download."""
    path.write_bytes(source.read_bytes()[:keep])
    return path


def fake_soffice(directory: Path, converted_docx: Path | None) -> Path:
    """An executable standing in for LibreOffice's ``soffice``.

    With ``converted_docx`` it behaves like a successful ``--convert-to docx --outdir DIR FILE`` run (it
    copies that DOCX to ``DIR/<stem of FILE>.docx``); without it, it fails like a conversion error.
    """
    script = directory / "soffice"
    if converted_docx is None:
        body = 'echo "Error: source file could not be loaded" >&2\nexit 1\n'
    else:
        body = (
            'outdir=""; input=""\n'
            'while [ $# -gt 0 ]; do\n'
            '  case "$1" in\n'
            '    --outdir) outdir="$2"; shift 2 ;;\n'
            '    -*) shift ;;\n'
            '    docx) shift ;;\n'
            '    *) input="$1"; shift ;;\n'
            '  esac\n'
            'done\n'
            'name=$(basename "$input"); mkdir -p "$outdir"\n'
            f'cp "{converted_docx}" "$outdir/${{name%.*}}.docx"\n'
        )
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def deny_reading(monkeypatch: pytest.MonkeyPatch, denied: Path, error: int = errno.EACCES) -> None:
    """Make reading ``denied`` fail as an unprivileged user's read of a ``chmod 000`` file does (or with
    another ``errno``, e.g. ``EIO`` for a failing disk); reading other files is unchanged."""
    real = Path.read_bytes
    target = denied.resolve()

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == target:
            raise (PermissionError if error == errno.EACCES else OSError)(error, os.strerror(error), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def deny_listing(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make listing the folder ``denied`` fail as an unprivileged user's ``os.scandir`` of a ``chmod 000`` folder
    does; listing other folders is unchanged."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def deny_access(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make ``os.access`` say ``denied`` is unreadable, as click's ``Path(readable=True)`` check would find
    for an unprivileged user; combine with :func:`deny_reading` for the read itself."""
    real = os.access
    target = denied.resolve()

    def access(path, mode, *args, **kwargs) -> bool:
        if Path(path).resolve() == target:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def deny_writing(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make opening ``denied`` for writing fail with a permission error."""
    real = Path.open
    target = denied.resolve()

    def open_(self: Path, mode: str = "r", *args, **kwargs):
        if self.resolve() == target and any(flag in mode for flag in "wax+"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
