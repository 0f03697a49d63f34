"""Shared fixtures. Keep this file small: fixtures that only one test module needs live in that module."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.config import corpora_dir


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared real-report corpora (``$GOVREPORT_CORPORA`` or ``../shared/corpora``)."""
    root = corpora_dir()
    if not root.is_dir():
        pytest.skip(f"real corpora not found at {root}; set GOVREPORT_CORPORA")
    return root
