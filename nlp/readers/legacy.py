"""Legacy word-processor files (.doc, .wps, .rtf): converted to DOCX by LibreOffice, then read as DOCX.

No pure-Python reader handles these binary formats well enough for tables, so the conversion needs
``soffice`` (or ``libreoffice``) on PATH. Each conversion runs headless with a private, throw-away user
profile: LibreOffice refuses to start while another instance holds the default profile, and a broken
profile would otherwise break every later conversion.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from nlp.model import Block
from nlp.readers._shared import fail
from nlp.readers.word import docx_blocks

CONVERSION_TIMEOUT = 120  # seconds; a report converts in a few seconds, a hung LibreOffice never returns
# An OLE container holding this stream is an encrypted Office file (password-protected .doc or .docx).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def read_legacy(path: Path, data: bytes) -> tuple[list[Block], str | None]:
    """Convert ``path`` to DOCX with LibreOffice and read the result (no text encoding applies)."""
    if _ENCRYPTED_STREAM in data:
        raise fail("encrypted", path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise fail("needs_libreoffice", path, "未找到 soffice/libreoffice 命令", "no soffice/libreoffice on PATH")
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as tmp:
        work = Path(tmp)
        outdir = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo",
            "--convert-to", "docx", "--outdir", str(outdir), str(path.resolve()),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=CONVERSION_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise fail("conversion_failed", path, f"转换超过 {CONVERSION_TIMEOUT} 秒",
                       f"timed out after {CONVERSION_TIMEOUT} s") from exc
        except OSError as exc:
            raise fail("conversion_failed", path, "无法启动 LibreOffice", str(exc)) from exc
        converted = outdir / f"{path.stem}.docx"
        if result.returncode != 0 or not converted.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip()[-300:]
            raise fail("conversion_failed", path, "LibreOffice 没有生成 DOCX", detail or f"exit code {result.returncode}")
        return docx_blocks(path, converted.read_bytes()), None
