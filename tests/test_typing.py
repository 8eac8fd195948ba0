"""The typing cases in tests/typing hold under all five checkers: mypy, basedpyright, pyrefly, ty and zuban.

Each case file asserts types with `assert_type` and marks every line that must fail with the error code each checker
reports there: `# type: ignore[code]` for mypy (zuban reads the same comments), `# pyright: ignore[rule]`,
`# pyrefly: ignore[code]` and `# ty: ignore[rule]`. Each checker reads only its own comments (see the config files in
tests/typing), and an ignore that is not needed is an error, so a clean run proves that every good line type checks
and every bad line fails. zuban 0.10.2 does not report unneeded ignores, so its test removes mypy's comments and
compares what zuban then reports with the lines that carried them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import needs_durable_sdk

RunModule = Callable[..., subprocess.CompletedProcess[str]]

CASES = Path(__file__).parent / "typing"
ZUBAN_CONFIG = CASES / "zuban.ini"
MYPY_IGNORE = re.compile(r"  # type: ignore\[([a-z-, ]+)\]")

# check_interop.py reads the peers' types, and the durable execution SDK installs on Python 3.11+ only.
pytestmark = needs_durable_sdk


def test_there_are_cases() -> None:
    names = {path.name for path in CASES.glob("check_*.py")}

    assert {"check_protocols.py", "check_runtime_context.py", "check_fakes.py", "check_handler.py"} <= names
    assert "check_interop.py" in names


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


def test_pyrefly_strict(run_module: RunModule) -> None:
    # tests/typing/pyrefly.toml: the strict preset (unneeded ignores are errors), only `# pyrefly: ignore` honoured.
    result = run_module("pyrefly", "check", "--config", "tests/typing/pyrefly.toml", "--output-format", "json")

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    # Every must-fail line is waived by name, so pyrefly found an error on each (an unneeded waiver would be one).
    assert "suppressed" in result.stderr


def test_ty_strict(run_module: RunModule) -> None:
    # tests/typing/ty.toml: only `# ty: ignore` honoured, unneeded ignores are errors; warnings fail the run too.
    result = run_module(
        "ty", "check", "--config-file", "tests/typing/ty.toml", "--python", sys.executable, "--error-on-warning",
        "--output-format", "concise", "tests/typing",
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout


def mypy_ignores(text: str) -> dict[int, set[str]]:
    """The line numbers that carry a `# type: ignore[...]` comment, with the codes it names."""
    found: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = MYPY_IGNORE.search(line)
        if match:
            found[number] = {code.strip() for code in match.group(1).split(",")}
    return found


# Where zuban names a different mypy error code than mypy does, by case file and mypy's code: powertools'
# `@idempotent` on a function annotated with the Protocol is a type-var error for mypy (ContextT cannot be the
# Protocol) and an arg-type error for zuban (the function is not the callable it expects).
ZUBAN_CODES = {("check_interop.py", "type-var"): {"arg-type"}}


def test_zuban_strict(run_tool: RunModule, tmp_path: Path) -> None:
    # zuban 0.10.2 reports no unneeded `# type: ignore`, so a clean run would not prove the must-fail lines fail.
    # Check copies without mypy's comments instead: zuban must report an error on exactly the lines that had one,
    # with the codes it named, and nothing anywhere else.
    expected: dict[tuple[str, int], set[str]] = {}
    for case in sorted(CASES.glob("check_*.py")):
        text = case.read_text()
        for number, codes in mypy_ignores(text).items():
            expected[case.name, number] = set().union(*(ZUBAN_CODES.get((case.name, code), {code}) for code in codes))
        (tmp_path / case.name).write_text(MYPY_IGNORE.sub("", text))

    result = run_tool(
        "zuban", "mypy", "--config-file", str(ZUBAN_CONFIG), "--python-executable", sys.executable, str(tmp_path)
    )

    reported: dict[tuple[str, int], set[str]] = {}
    for line in result.stdout.splitlines():
        match = re.match(r"(?:.*/)?(check_\w+\.py):(\d+): error: .*\[([a-z-]+)\]$", line)
        if match:
            reported.setdefault((match.group(1), int(match.group(2))), set()).add(match.group(3))
    assert result.returncode == 1, result.stdout + result.stderr
    assert reported == expected, result.stdout
    assert len(expected) > 50  # the pattern found the comments
