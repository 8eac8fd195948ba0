"""The bundled awslambdaric stubs agree with the installed runtime; the wheel ships them as a partial stub package."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import awslambdaric
import pytest

RunModule = Callable[..., subprocess.CompletedProcess[str]]

ROOT = Path(__file__).resolve().parent.parent
STUBS = ROOT / "stubs" / "awslambdaric-stubs"
UV_ENV = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1"}


def test_stubtest_finds_no_difference_with_the_runtime(run_module: RunModule) -> None:
    # No allowlist: every name, signature and default in the .pyi matches awslambdaric.lambda_context as installed.
    result = run_module("mypy.stubtest", "awslambdaric.lambda_context")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in 1 module")


def test_the_package_stub_declares_what_the_runtime_package_defines() -> None:
    # stubtest cannot check `awslambdaric` itself: it would descend into the modules a partial package leaves out.
    runtime = {
        name
        for name, value in vars(awslambdaric).items()
        if not isinstance(value, ModuleType) and (not name.startswith("_") or name == "__version__")
    }
    tree = ast.parse((STUBS / "__init__.pyi").read_text())
    stub = {ast.unparse(node.target) for node in tree.body if isinstance(node, ast.AnnAssign)}

    assert stub == runtime == {"__version__"}


def test_the_stub_package_is_partial() -> None:
    # PEP 561: checkers take lambda_context from here and fall back to the runtime for the other modules.
    assert (STUBS / "py.typed").read_bytes() == b"partial\n"
    assert sorted(path.name for path in STUBS.glob("*.pyi")) == ["__init__.pyi", "lambda_context.pyi"]


def test_checkers_see_the_stubs_of_this_checkout() -> None:
    # An editable install can leave a copy of the stubs in site-packages; a stale copy there would shadow stubs/.
    for entry in sys.path:
        installed = Path(entry) / "awslambdaric-stubs"
        if not entry or installed.resolve() == STUBS.resolve() or not installed.is_dir():
            continue
        for path in installed.iterdir():
            if path.is_file():
                assert path.read_bytes() == (STUBS / path.name).read_bytes(), (
                    f"{path} differs from {STUBS / path.name}: reinstall with `uv sync --reinstall-package "
                    "lambda-context-types`"
                )


def run_uv(*args: str) -> subprocess.CompletedProcess[str]:
    """Run uv: the one `uv run` started us with, else the one on PATH, else the `uv` package's."""
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        try:
            from uv import find_uv_bin
        except ImportError:
            pytest.skip("uv is needed to build the wheel and was not found")
        uv = find_uv_bin()
    return subprocess.run([uv, *args], env=UV_ENV, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run_uv("build", "--wheel", "--out-dir", str(out), str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_ships_the_stubs_and_both_markers(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("awslambdaric-stubs/py.typed") == b"partial\n"
        for name in ("__init__.pyi", "lambda_context.pyi"):
            assert archive.read(f"awslambdaric-stubs/{name}") == (STUBS / name).read_bytes()

    assert "lambda_context_types/py.typed" in names
    assert "lambda_context_types/_protocols.py" in names
    # Only stubs for awslambdaric: the runtime package itself, and the tests, stay out of the wheel.
    assert not any(name.startswith(("awslambdaric/", "tests/", "stubs/")) for name in names)


USER_HANDLER = """\
from awslambdaric.lambda_context import LambdaContext as RuntimeContext

from lambda_context_types import LambdaContext


def handler(event: dict[str, object], context: LambdaContext) -> dict[str, object]:
    megabytes = int(context.memory_limit_in_mb)
    return {"event": event, "mb": megabytes, "app": context.client_context.client}


def remaining_memory(context: LambdaContext, used: int) -> int:
    return context.memory_limit_in_mb - used


def from_runtime(context: RuntimeContext) -> LambdaContext:
    return context
"""


def test_a_new_user_gets_the_types_from_the_wheel_alone(wheel: Path, tmp_path: Path) -> None:
    # A fresh environment holding only the wheel (and the runtime, as a Lambda image has it); the checkers come from
    # the dev environment and look at that one. Both must catch exactly the two mistakes in the handler.
    venv = tmp_path / "venv"
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    created = run_uv("venv", "--quiet", "--python", sys.executable, str(venv))
    assert created.returncode == 0, created.stdout + created.stderr
    runtime = f"awslambdaric=={awslambdaric.__version__}"
    install = ("pip", "install", "--quiet", "--python", str(python), str(wheel), runtime)
    # The dev environment's sync has just cached every package needed; ask the registry only if the cache has not.
    installed = run_uv(*install, "--offline")
    if installed.returncode != 0:
        installed = run_uv(*install)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (tmp_path / "handler.py").write_text(USER_HANDLER)
    (tmp_path / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}')
    checker_env = {**os.environ, "NO_COLOR": "1"}
    checker_env.pop("MYPYPATH", None)

    mypy_command = ["mypy", "--strict", "--no-incremental", "--python-executable", str(python), "handler.py"]
    mypy = subprocess.run(
        [sys.executable, "-m", *mypy_command],
        cwd=tmp_path,
        env=checker_env,
        capture_output=True,
        text=True,
        check=False,
    )
    pyright = subprocess.run(
        [sys.executable, "-m", "basedpyright", "--pythonpath", str(python), "--outputjson", "handler.py"],
        cwd=tmp_path,
        env=checker_env,
        capture_output=True,
        text=True,
        check=False,
    )

    mypy_errors = {
        (int(line.split(":")[1]), line.rsplit("[", 1)[1].rstrip("]"))
        for line in mypy.stdout.splitlines()
        if ": error: " in line
    }
    assert mypy_errors == {(8, "union-attr"), (12, "operator")}, mypy.stdout + mypy.stderr
    diagnostics = json.loads(pyright.stdout)["generalDiagnostics"]
    pyright_errors = {
        (diagnostic["range"]["start"]["line"] + 1, diagnostic.get("rule"))
        for diagnostic in diagnostics
        if diagnostic["severity"] == "error"
    }
    assert {(8, "reportOptionalMemberAccess"), (12, "reportOperatorIssue")} <= pyright_errors, pyright.stdout
    assert {line for line, _ in pyright_errors} == {8, 12}, pyright.stdout


def _undocumented(body: list[ast.stmt], prefix: str = "") -> list[str]:
    """The public classes, functions and annotated attributes in ``body`` with no docstring right after them."""
    missing = []
    for index, node in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        follows_docstring = (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        )
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            name = prefix + node.name
            if node.name.startswith("_") and node.name != "__init__":
                continue
            if ast.get_docstring(node) is None:
                missing.append(name)
            if isinstance(node, ast.ClassDef):
                missing += _undocumented(node.body, f"{name}.")
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and not follows_docstring:
            missing.append(prefix + node.target.id)
    return missing


def test_every_public_member_of_the_stubs_has_a_docstring() -> None:
    # Editors show a stub's docstrings on hover and completion; awslambdaric itself has almost none.
    for name in ("__init__.pyi", "lambda_context.pyi"):
        tree = ast.parse((STUBS / name).read_text())

        assert _undocumented(tree.body) == [], name
