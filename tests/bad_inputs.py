"""Builders for unusable report files, written into a test's tmp_path.

Each builder writes one file and returns its path. They produce the damage seen in real batches: scans
without a text layer, password-protected PDFs, interrupted downloads, binary files with a text extension.
"""

from __future__ import annotations

import random
import stat
from pathlib import Path

import pymupdf


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
