"""Shared fixtures. Keep this file small: fixtures that only one test module needs live in that module.

Every test that reads the real corpora gets their location from the ``corpora`` fixture, never from
:func:`nlp.config.corpora_dir` directly, so a checkout without them skips those tests instead of crashing.
In CI (``$CI`` set) the corpora are always provided, so their absence fails the tests instead: a run that
silently skipped every real-report test would look green.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.config import corpora_dir
from tests.fixtures import template_path

SKIP_HINT = "set GOVREPORT_CORPORA"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _corpora_line() -> str:
    root = corpora_dir()
    if root.is_dir():
        return f"real corpora: {root}"
    outcome = "fail (CI is set)" if _in_ci() else "are skipped"
    return f"real corpora: not found at {root}; the tests that need them {outcome} ({SKIP_HINT})"


def pytest_report_header(config: pytest.Config) -> str:
    return _corpora_line()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config):
    # The header is hidden under -q; the summary is not. Written after the list of skipped tests, just above
    # the counts, so a run without the corpora says so where it is read.
    yield
    terminalreporter.write_line(_corpora_line())


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared real-report corpora (``$GOVREPORT_CORPORA`` or ``../shared/corpora``)."""
    root = corpora_dir()
    if not root.is_dir():
        if _in_ci():
            pytest.fail(f"real corpora not found at {root}: CI must provide them ({SKIP_HINT})", pytrace=False)
        pytest.skip(f"real corpora not found at {root}; {SKIP_HINT}")
    return root


@pytest.fixture(scope="session")
def template(corpora: Path) -> Path:
    """The official blank 2021-format template, which the DOCX and HTML renderings are built on."""
    return template_path(corpora)
