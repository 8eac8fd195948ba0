"""Patched copies of the package, for the benchmarks that time a design choice against the shipped code."""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lambda_context_types"


def write_patched_package(target: Path, replacements: list[tuple[str, str]], label: str) -> None:
    """Copy the package to ``target`` with ``_models.py`` edited; stop when an edit no longer applies to the source."""
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    models = target / "_models.py"
    text = models.read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            raise SystemExit(f"variant {label!r}: {old!r} not found in _models.py")
        text = text.replace(old, new)
    models.write_text(text, encoding="utf-8")
