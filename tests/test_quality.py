"""Lint, format and strict type checking of the whole project, and the IDE completeness of the public API."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable

from conftest import needs_durable_sdk

RunModule = Callable[..., subprocess.CompletedProcess[str]]


def test_ruff_check(run_module: RunModule) -> None:
    result = run_module("ruff", "check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format(run_module: RunModule) -> None:
    result = run_module("ruff", "format", "--check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


@needs_durable_sdk
def test_mypy_strict_over_the_package(run_module: RunModule) -> None:
    # No paths: the files come from pyproject.toml's [tool.mypy], which also turns strict on.
    result = run_module("mypy")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


@needs_durable_sdk
def test_basedpyright_strict_over_the_package(run_module: RunModule) -> None:
    # No paths: the files and strict mode come from pyproject.toml's [tool.pyright].
    result = run_module("basedpyright")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings, 0 notes" in result.stdout


# What pyrefly, ty and zuban report on the package today and mypy and pyright do not, by file and error code; each is
# to be fixed in that file (owned elsewhere), so the tests accept these and nothing else, and notice no regression.
# pyright and ty both see pydantic's documented `__pydantic_extra__: dict[str, T] = Field(init=False)` as an
# incompatible override (pyright's is waived in _models.py). zuban reports nothing since the Cognito model's
# @model_validator over @classmethod, which it did not see through, became a check in parse_cognito_identity.
KNOWN_PYREFLY = {
    ("lambda_context_types/_models.py", "bad-override"),
}
KNOWN_TY = {("lambda_context_types/_models.py", "incompatible-mutable-override")}
KNOWN_ZUBAN: set[tuple[str, str]] = set()


@needs_durable_sdk
def test_pyrefly_strict_over_the_package(run_module: RunModule) -> None:
    # No paths: the files and the strict preset come from pyproject.toml's [tool.pyrefly].
    result = run_module("pyrefly", "check", "--output-format", "json")

    found = {(error["path"], error["name"]) for error in json.loads(result.stdout)["errors"]}
    assert found <= KNOWN_PYREFLY, result.stdout
    assert not any(path.startswith(("examples/", "lambda_context_types/interop")) for path, _ in found)


@needs_durable_sdk
def test_ty_over_the_package(run_module: RunModule) -> None:
    # No paths: the files and rules come from pyproject.toml's [tool.ty]; warnings count as errors.
    result = run_module("ty", "check", "--python", sys.executable, "--error-on-warning", "--output-format", "concise")

    found = set(re.findall(r"^(\S+?):\d+:\d+: (?:error|warning)\[([a-z-]+)\]", result.stdout, flags=re.MULTILINE))
    assert found <= KNOWN_TY, result.stdout
    assert (result.returncode == 0) == (not found), result.stdout + result.stderr


@needs_durable_sdk
def test_zuban_strict_over_the_package(run_tool: RunModule) -> None:
    # No paths: zuban reads pyproject.toml's [tool.mypy], as mypy does.
    result = run_tool("zuban", "mypy", "--python-executable", sys.executable)

    found = set(re.findall(r"^(\S+?):\d+: error: .*\[([a-z-]+)\]$", result.stdout, flags=re.MULTILINE))
    assert found <= KNOWN_ZUBAN, result.stdout
    assert (result.returncode == 0) == (not found), result.stdout + result.stderr


@needs_durable_sdk
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
