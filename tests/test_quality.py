"""Lint, format and strict type checking of the whole project, and the IDE completeness of the public API."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

RunModule = Callable[..., subprocess.CompletedProcess[str]]


def test_ruff_check(run_module: RunModule) -> None:
    result = run_module("ruff", "check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format(run_module: RunModule) -> None:
    result = run_module("ruff", "format", "--check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_over_the_package(run_module: RunModule) -> None:
    # No paths: the files come from pyproject.toml's [tool.mypy], which also turns strict on.
    result = run_module("mypy")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_basedpyright_strict_over_the_package(run_module: RunModule) -> None:
    # No paths: the files and strict mode come from pyproject.toml's [tool.pyright].
    result = run_module("basedpyright")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings, 0 notes" in result.stdout


def test_the_public_api_is_fully_typed_and_documented(run_module: RunModule) -> None:
    result = run_module("basedpyright", "--verifytypes", "lambda_context_types", "--ignoreexternal", "--outputjson")
    report = json.loads(result.stdout)
    completeness = report["typeCompleteness"]
    undocumented = [
        diagnostic["message"]
        for symbol in completeness["symbols"]
        for diagnostic in symbol["diagnostics"]
        if "docstring" in diagnostic["message"]
    ]

    assert report["generalDiagnostics"] == []
    assert completeness["pyTypedPath"].endswith("py.typed")
    assert completeness["exportedSymbolCounts"]["withKnownType"] > 0
    assert completeness["completenessScore"] == 1.0
    assert completeness["missingFunctionDocStringCount"] == 0, undocumented
    assert completeness["missingClassDocStringCount"] == 0, undocumented
    assert undocumented == []
