"""Seal annotation files before they are committed: replace each record's ``surface`` by ``surface_sha1``.

Annotators write the span text (``surface``) to check their own work; the project must not hold real
report text, so the committed files keep only its fingerprint (see GUIDELINES.md). Every record is verified
against its source first (sha256 of the source, ``text[start:end] == surface``); the script stops on the
first record that does not match, naming it, and writes nothing in that case.

    python corpora/seal_annotations.py corpora/annotations/*.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.corpus import SourceReader, surface_sha1  # noqa: E402


def seal(path: Path, reader: SourceReader) -> int:
    """Seal one JSONL file in place; return how many records were sealed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sealed_lines, sealed = [], 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "surface" in record:
            source = reader(record["source"])
            span = source.text[record["start"] : record["end"]]
            if record["sha256"] != source.sha256 or span != record["surface"]:
                raise SystemExit(f"{path}:{number}: record does not match {record['source']}; nothing written")
            record = {("surface_sha1" if key == "surface" else key): value for key, value in record.items()}
            record["surface_sha1"] = surface_sha1(span)
            sealed += 1
        sealed_lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(sealed_lines) + "\n", encoding="utf-8")
    return sealed


def main(paths: list[str]) -> None:
    reader = SourceReader()
    for name in paths:
        print(f"{name}: {seal(Path(name), reader)} records sealed")


if __name__ == "__main__":
    main(sys.argv[1:])
