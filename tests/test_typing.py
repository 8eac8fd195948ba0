"""The typing cases in tests/typing hold under mypy --strict and basedpyright strict.

Each case file asserts types with `assert_type` and marks every line that must fail with the error code each checker
reports there (`# type: ignore[code]` for mypy, `# pyright: ignore[rule]` for pyright). An ignore that is not needed
is an error for both, so a clean run proves that every good line type checks and every bad line fails.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

RunModule = Callable[..., subprocess.CompletedProcess[str]]

CASES = Path(__file__).parent / "typing"


def test_there_are_cases() -> None:
    names = {path.name for path in CASES.glob("check_*.py")}

    assert {"check_protocols.py", "check_runtime_context.py", "check_fakes.py", "check_handler.py"} <= names


def test_mypy_strict(run_module: RunModule) -> None:
    result = run_module(
        "mypy", "--strict", "--warn-unused-ignores", "--enable-error-code", "ignore-without-code", "tests/typing"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_basedpyright_strict(run_module: RunModule) -> None:
    # tests/typing/pyrightconfig.json: strict, `# type: ignore` left to mypy, unneeded ignores are errors.
    result = run_module("basedpyright", "--project", "tests/typing")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings, 0 notes" in result.stdout
