"""Every format reaches the same tables: DOCX (official template) and HTML renderings of each seed and the
sample parse to exactly the tables of the text version, and to the values we read off the documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.config import PROJECT_ROOT
from nlp.pipeline import analyze
from tests.fixtures import EXPECTED_TABLES_DIR, load_expected_tables, seed_as_docx, seed_as_html

SAMPLE = "corpora/samples/sample_report_2024.txt"
# Seeds are named relative to the corpora, which the ``corpora`` fixture locates at run time; the sample
# ships with the project.
DOCUMENTS = sorted(
    source
    for source in (json.loads(path.read_text(encoding="utf-8"))["source"] for path in EXPECTED_TABLES_DIR.glob("*.json"))
    if source.startswith("seeds/")
) + [SAMPLE]


def tables_of(path: Path) -> dict:
    tables = analyze(path).tables
    return {
        "active_disclosure": tables.active_disclosure,
        "requests": tables.requests,
        "review_litigation": tables.review_litigation,
    }


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda source: Path(source).stem)
@pytest.mark.parametrize("rendering", ["docx", "html-utf-8", "html-gbk"])
def test_rendering_gives_the_same_tables_as_the_text(source, rendering, tmp_path, corpora, template):
    document = PROJECT_ROOT / source if source == SAMPLE else corpora / source
    expected = load_expected_tables(document.stem)
    from_text = tables_of(document)
    assert from_text == expected
    if rendering == "docx":
        rendered = seed_as_docx(document, expected, tmp_path / f"{document.stem}.docx", template)
    else:
        encoding = rendering.removeprefix("html-")
        rendered = seed_as_html(document, expected, tmp_path / f"{document.stem}.html", template, encoding=encoding)
    analysis = analyze(rendered)
    assert analysis.document.source.format == rendering.split("-")[0]
    assert tables_of(rendered) == from_text
    assert [p.present for p in analysis.parts] == [True] * 6


def test_huaian_pdf_tables_match_hand_read_values(corpora):
    assert tables_of(corpora / "real" / "huaian_city_2024.pdf") == load_expected_tables("huaian_city_2024")
