"""Locations the library reads from, overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = Path(__file__).resolve().parent / "resources"
MODELS_DIR = Path(os.environ.get("GOVREPORT_MODELS", PROJECT_ROOT / "models"))


def corpora_dir() -> Path:
    """The shared real-report corpora (never copied into the project): $GOVREPORT_CORPORA or ../shared/corpora."""
    return Path(os.environ.get("GOVREPORT_CORPORA", PROJECT_ROOT.parent / "shared" / "corpora"))
