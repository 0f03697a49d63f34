"""Every format reaches the same tables: DOCX (official template) and HTML renderings of each seed and the
sample parse to exactly the tables of the text version, and to the values we read off the documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.pipeline import analyze
from tests.fixtures import iter_seeds, load_expected_tables, seed_as_docx, seed_as_html

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "sample_report_2024.txt"
DOCUMENTS = [*iter_seeds(), SAMPLE]


def tables_of(path: Path) -> dict:
    tables = analyze(path).tables
    return {
        "active_disclosure": tables.active_disclosure,
        "requests": tables.requests,
        "review_litigation": tables.review_litigation,
    }


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("rendering", ["docx", "html-utf-8", "html-gbk"])
def test_rendering_gives_the_same_tables_as_the_text(document, rendering, tmp_path):
    expected = load_expected_tables(document.stem)
    from_text = tables_of(document)
    assert from_text == expected
    if rendering == "docx":
        rendered = seed_as_docx(document, expected, tmp_path / f"{document.stem}.docx")
    else:
        encoding = rendering.removeprefix("html-")
        rendered = seed_as_html(document, expected, tmp_path / f"{document.stem}.html", encoding=encoding)
    analysis = analyze(rendered)
    assert analysis.document.source.format == rendering.split("-")[0]
    assert tables_of(rendered) == from_text
    assert [p.present for p in analysis.parts] == [True] * 6


def test_huaian_pdf_tables_match_hand_read_values(corpora):
    assert tables_of(corpora / "real" / "huaian_city_2024.pdf") == load_expected_tables("huaian_city_2024")
