"""Shared by the eval scripts: ``eval/RESULTS.md`` (each script owns one "## " section) and benchmark helpers."""

from __future__ import annotations

import os
import platform
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(heading: str, section: str, results: Path = RESULTS) -> None:
    """Replace the section that starts with ``heading`` (up to the next "## ") by ``section``, or append it.

    ``section`` includes its own heading line; the other sections belong to other scripts and stay as they are.
    """
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Evaluation results\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    results.write_text(text, encoding="utf-8")


def publish(heading: str, section: str, write: bool, results: Path = RESULTS) -> None:
    """Print a script's section; with ``write`` (the scripts' ``--write``) also put it into ``results``."""
    print(section)
    if write:
        replace_section(heading, section, results)
        print(f"wrote {heading!r} to {results.name}", file=sys.stderr)


def machine() -> str:
    """CPU model, core count and Python: what a reader needs to compare our figures with theirs."""
    cpuinfo = Path("/proc/cpuinfo")
    model = platform.processor() or "unknown CPU"
    if cpuinfo.is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    return f"{model}, nproc {os.cpu_count()}, Python {platform.python_version()}, {platform.system()}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def cli_command() -> list[str]:
    """``govreport`` when installed, otherwise the module entry point from the project root."""
    installed = shutil.which("govreport")
    return [installed] if installed else [sys.executable, "-m", "cli.main"]


def pin_to_cpus(cpus: int) -> Callable[[], None] | None:
    """A pre-exec hook limiting a child process to the first ``cpus`` usable CPUs (Linux only), so figures
    measured on a bigger machine stay comparable with the 2-core targets."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = sorted(os.sched_getaffinity(0))[:cpus]
    return lambda: os.sched_setaffinity(0, chosen)
