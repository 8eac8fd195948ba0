"""Shared by the tests that run tools (type checkers, ruff, stubtest) as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RunModule = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_module() -> RunModule:
    """Run `python -m <module> <args>` with this interpreter, from the project root, and capture its output."""
    env = dict(os.environ)
    # pyright finds the environment to check through the `python` on PATH (`--verifytypes` ignores `--pythonpath`).
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    env.pop("MYPYPATH", None)

    def run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )

    return run
