"""The suite in a checkout without the real corpora: the tests that need them skip, except in CI where they fail,
and the run says where the corpora were found (the ``corpora`` fixture and hooks in ``tests/conftest.py``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from nlp.config import PROJECT_ROOT

# One test per way a test used to reach the corpora on its own: a seed file, the blank template (the DOCX
# renderings), a PDF read in a module fixture, and the annotations' sources.
CORPUS_TESTS = (
    "tests/test_tables.py::test_seed_with_short_rows_says_which_cells_it_inferred",
    "tests/test_fixtures.py::test_filled_template_has_each_number_in_its_cell",
    "tests/test_tables.py::test_huaian_tables_satisfy_the_identities",
    "tests/test_tagger.py::test_file_sources_keep_their_fixed_group_keys",
)


def run_pytest(tmp_path: Path, *tests: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in ("CI", "GOVREPORT_CORPORA")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run"), *tests],
        cwd=PROJECT_ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_the_corpora_the_tests_that_need_them_skip_and_the_run_says_so(tmp_path):
    """QA: in a fresh clone without ../shared, these crashed with FileNotFoundError instead of skipping."""
    missing = tmp_path / "没有语料"
    result = run_pytest(tmp_path, *CORPUS_TESTS, GOVREPORT_CORPORA=str(missing))
    assert result.returncode == 0, result.stdout
    assert f"{len(CORPUS_TESTS)} skipped" in result.stdout and "passed" not in result.stdout
    assert f"real corpora: not found at {missing}; the tests that need them are skipped" in result.stdout


def test_in_ci_missing_corpora_fail_the_tests_that_need_them(tmp_path):
    missing = tmp_path / "没有语料"
    result = run_pytest(tmp_path, *CORPUS_TESTS, GOVREPORT_CORPORA=str(missing), CI="true")
    assert result.returncode == 1
    assert f"{len(CORPUS_TESTS)} error" in result.stdout and "skipped" not in result.stdout
    assert f"real corpora not found at {missing}: CI must provide them" in result.stdout
    assert f"real corpora: not found at {missing}; the tests that need them fail (CI is set)" in result.stdout


def test_the_run_says_where_it_found_the_corpora(tmp_path, corpora):
    test = "tests/test_corpora_fixture.py::test_no_test_finds_the_corpora_on_its_own"
    result = run_pytest(tmp_path, test, GOVREPORT_CORPORA=str(corpora))
    assert result.returncode == 0, result.stdout
    assert f"real corpora: {corpora}\n" in result.stdout


def test_no_test_finds_the_corpora_on_its_own():
    """Every corpus path comes from the ``corpora`` fixture, which alone decides to skip or fail."""
    own = {Path(__file__).name, "conftest.py"}
    offenders = [
        path.name
        for path in (PROJECT_ROOT / "tests").glob("*.py")
        if path.name not in own
        and re.search(r"\bcorpora_dir\b|\bSourceReader\(\)|\bload_corpus\(\)", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
