"""Shared fixtures: running tools as subprocesses, and contexts built by the real runtime."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pytest
from awslambdaric.lambda_context import LambdaContext as RuntimeLambdaContext

ROOT = Path(__file__).resolve().parent.parent

RunModule = Callable[..., subprocess.CompletedProcess[str]]


def _tool_environment() -> dict[str, str]:
    env = dict(os.environ)
    # pyright and pyrefly find the environment to check through the `python` on PATH (`--verifytypes` ignores
    # `--pythonpath`; pyrefly has no flag for it).
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    env.pop("MYPYPATH", None)
    return env


@pytest.fixture(scope="session")
def run_module() -> RunModule:
    """Run `python -m <module> <args>` with this interpreter, from the project root, and capture its output."""
    env = _tool_environment()

    def run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )

    return run


@pytest.fixture(scope="session")
def run_tool() -> RunModule:
    """Run an executable installed beside this interpreter (zuban refuses `python -m`), like :func:`run_module`."""
    env = _tool_environment()
    scripts = Path(sys.executable).parent

    def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        executable = shutil.which(tool, path=str(scripts))
        assert executable, f"{tool} is not installed beside {sys.executable}: run `uv sync`"
        return subprocess.run([executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)

    return run


# The durable execution SDK needs Python 3.11; where it is missing, so are the checks that read its types.
HAS_DURABLE_SDK = importlib.util.find_spec("aws_durable_execution_sdk_python") is not None
needs_durable_sdk = pytest.mark.skipif(
    not HAS_DURABLE_SDK, reason="aws-durable-execution-sdk-python needs Python 3.11+"
)


# The variables Lambda sets in every execution environment, as the runtime_context fixture sets them.
RUNTIME_ENVIRONMENT = {
    "AWS_LAMBDA_FUNCTION_NAME": "orders",
    "AWS_LAMBDA_FUNCTION_VERSION": "7",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
    "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/orders",
    "AWS_LAMBDA_LOG_STREAM_NAME": "2025/01/01/[7]0123456789abcdef0123456789abcdef",
}
RUNTIME_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"
RUNTIME_REQUEST_ID = "request-1"

# awslambdaric ships no type information, and the project's stubs cover its lambda_context module only.
_create_lambda_context: Callable[..., RuntimeLambdaContext] = importlib.import_module(
    "awslambdaric.bootstrap"
).create_lambda_context


class RuntimeContextFactory(Protocol):
    """The type of the ``runtime_context`` fixture."""

    def __call__(
        self,
        client_context: str | None = None,
        identity: str | None = None,
        tenant_id: str | None = None,
        *,
        remaining_ms: int = 30_000,
    ) -> RuntimeLambdaContext: ...


@pytest.fixture
def runtime_context(monkeypatch: pytest.MonkeyPatch) -> RuntimeContextFactory:
    """Build contexts exactly as the runtime does before each invocation, from the raw header texts.

    ``client_context`` and ``identity`` are the ``Lambda-Runtime-Client-Context`` and
    ``Lambda-Runtime-Cognito-Identity`` header texts (None: the header is absent), ``tenant_id`` the
    ``Lambda-Runtime-Aws-Tenant-Id`` header. The ``AWS_LAMBDA_*`` variables of :data:`RUNTIME_ENVIRONMENT` are set for
    the test; a test may change or delete them before building. The runtime's own exceptions (AttributeError for a
    header of the wrong shape, FaultException for one that is not JSON) propagate.
    """
    for name, value in RUNTIME_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)

    def build(
        client_context: str | None = None,
        identity: str | None = None,
        tenant_id: str | None = None,
        *,
        remaining_ms: int = 30_000,
    ) -> RuntimeLambdaContext:
        deadline_ms = int(time.time() * 1000) + remaining_ms
        return _create_lambda_context(client_context, identity, deadline_ms, RUNTIME_REQUEST_ID, RUNTIME_ARN, tenant_id)

    return build


def same_json(value: Any) -> str:
    """``value`` as canonical JSON text, to compare payloads by JSON type as well as value.

    Python's ``==`` says ``True == 1 == 1.0``, so a round trip that turned a boolean into a number would still compare
    equal as Python data; as JSON text ``true``, ``1`` and ``1.0`` differ.
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def fresh_python(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter: for what a cold start imports, which this process has."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class RaisingMapping(Mapping[str, Any]):
    """A mapping of a caller's own whose every method raises, for what a reader does when reading fails."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("getitem")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("iter")

    def __len__(self) -> int:
        raise RuntimeError("len")
