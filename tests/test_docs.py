"""The documentation: every example in README.md and docs/ works as written, and the site builds strictly.

The convention every page follows:

- a ```python block runs as written, on its own (a fresh module), from the repository root;
- one preceded by the line ``<!-- check: typecheck -->`` (for code that needs AWS) is type-checked instead, as a
  file of its own, under mypy --strict and basedpyright strict;
- one preceded by ``<!-- check: fragment -->`` is neither;
- in a ```console block, each ``$ lambda-context ...`` line is run in a shell, and the lines after it, up to the next
  ``$`` line, are its exact output (standard output and error together).

The suite's own collector rather than a library, after trying both. pytest-examples 0.0.18 finds only the Python
blocks, reads its settings from the fence line rather than a comment before it, and brings black in. Sybil 10.1.0
lexes every block (the 18 of the old README in 60 ms) and could carry the marks with a parser of our own, but it
evaluates one example at a time: a type checker started per block costs about a second each for mypy and for
basedpyright, where this runs each checker once over all the blocks; and its pytest hook needs a conftest.py at the
repository root with README.md and docs/ in testpaths.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import pkgutil
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import lambda_context_types

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
RunModule = Callable[..., subprocess.CompletedProcess[str]]

FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)``` *$", re.M | re.S)
MARK = re.compile(r"<!-- check: (?P<check>[\w-]+) -->")
CHECKS = {"typecheck", "fragment"}


@dataclasses.dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # of the block's first line of code
    lang: str
    check: str  # "run", or the mark before it
    source: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks() -> Iterator[Block]:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
            mark = MARK.fullmatch(before)
            check = mark["check"] if mark else "run"
            line = text.count("\n", 0, match.start()) + 2
            indent = len(match["indent"])
            source = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
            yield Block(page, line, match["lang"], check, source)


BLOCKS = list(blocks())
PYTHON = [block for block in BLOCKS if block.lang in {"python", "py"}]


def by_check(check: str) -> list[Block]:
    return [block for block in PYTHON if block.check == check]


def test_the_pages_are_found_and_marked_correctly() -> None:
    assert ROOT / "docs" / "index.md" in PAGES
    unknown = [block.where for block in BLOCKS if block.check not in {"run", *CHECKS}]
    assert unknown == [], f"unknown <!-- check: ... --> marks (use {sorted(CHECKS)})"
    assert by_check("run")
    assert by_check("typecheck")


@pytest.mark.parametrize("block", by_check("run"), ids=lambda block: block.where)
def test_the_example_runs(block: Block, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    # A module of its own, registered while it runs, so that dataclasses and pydantic find their module.
    module = types.ModuleType("docs_example")
    monkeypatch.setitem(sys.modules, module.__name__, module)

    try:
        exec(compile(block.source, block.where, "exec"), module.__dict__)
    except ModuleNotFoundError as error:
        # The durable execution SDK, a dev dependency, installs on Python 3.11+ only (docs/peers.md uses it).
        if error.name != "aws_durable_execution_sdk_python" or sys.version_info >= (3, 11):
            raise
        pytest.skip("the durable execution SDK needs Python 3.11+")


def checked_files(tmp_path: Path) -> dict[Path, Block]:
    """Each block to type-check as a file of its own, padded so that the checkers' line numbers are the page's."""
    files: dict[Path, Block] = {}
    for block in PYTHON:
        if block.check == "typecheck":
            name = re.sub(r"\W", "_", str(block.page.relative_to(ROOT)))
            path = tmp_path / f"{name}_{block.line}.py"
            path.write_text("\n" * (block.line - 1) + block.source, encoding="utf-8")
            files[path] = block
    return files


def named_by_page(output: str, files: dict[Path, Block]) -> str:
    for path, block in files.items():
        output = output.replace(str(path), str(block.page.relative_to(ROOT)))
    return output


def test_the_typecheck_examples_pass_mypy_strict(tmp_path: Path, run_module: RunModule) -> None:
    files = checked_files(tmp_path)
    result = run_module("mypy", "--strict", "--warn-unused-ignores", *map(str, files))

    assert result.returncode == 0, named_by_page(result.stdout + result.stderr, files)


def test_the_typecheck_examples_pass_basedpyright_strict(tmp_path: Path, run_module: RunModule) -> None:
    files = checked_files(tmp_path)
    (tmp_path / "pyrightconfig.json").write_text(
        '{"pythonVersion": "3.10", "typeCheckingMode": "strict", "reportUnnecessaryTypeIgnoreComment": "error"}'
    )
    result = run_module("basedpyright", "--project", str(tmp_path))

    assert result.returncode == 0, named_by_page(result.stdout + result.stderr, files)
    assert "0 errors, 0 warnings, 0 notes" in result.stdout


# console sessions ----------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Session:
    """One `$ lambda-context ...` command of a console block, and the output the page shows for it."""

    where: str
    command: str
    output: list[str]


def sessions() -> Iterator[Session]:
    for block in BLOCKS:
        if block.lang != "console":
            continue
        lines = block.source.splitlines()
        starts = [index for index, line in enumerate(lines) if line.startswith("$ ")]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            if lines[start].startswith("$ lambda-context "):
                where = f"{block.page.relative_to(ROOT)}:{block.line + start}"
                yield Session(where, lines[start][2:], lines[start + 1 : end])


SESSIONS = list(sessions())


def test_there_are_console_sessions() -> None:
    assert len(SESSIONS) >= 5


@pytest.mark.parametrize("session", SESSIONS, ids=lambda session: session.where)
def test_the_console_session_shows_the_real_output(session: Session) -> None:
    env = dict(os.environ, NO_COLOR="1")
    # The lambda-context script installed beside this interpreter, as in a user's activated environment.
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    result = subprocess.run(
        ["bash", "-c", session.command],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stdout.rstrip("\n").splitlines() == session.output


# the README ----------------------------------------------------------------------------------------------------------

README = ROOT / "README.md"


def test_the_readme_fits_an_entry_page() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150


def test_the_readme_links_to_files_that_exist() -> None:
    links = re.findall(r"\]\((?!https?://|#)([^)#]+)", README.read_text(encoding="utf-8"))

    assert links
    assert [link for link in links if not (ROOT / link).exists()] == []


def readme_bug() -> tuple[str, list[str]]:
    """The README's first example, a handler with two bugs, and the console block after it: what the checkers say."""
    first = next(block for block in PYTHON if block.page == README)
    shown = next(block for block in BLOCKS if block.page == README and block.line > first.line)
    return first.source, shown.source.splitlines()


# Each checker's error lines, as the README shows them: mypy's `file:line: error:`, pyright's `file:line:col - error:`.
ERROR_LINE = {
    "mypy": re.compile(r"handler\.py:\d+: error: .*"),
    "basedpyright": re.compile(r"handler\.py:\d+:\d+ - error: .*"),
}


@pytest.mark.parametrize("checker", ["mypy", "basedpyright"])
def test_the_readme_shows_what_the_checkers_really_report(checker: str, tmp_path: Path) -> None:
    source, shown = readme_bug()
    (tmp_path / "handler.py").write_text(source, encoding="utf-8")
    # Run as the README shows it, in a directory of its own with no configuration: `mypy --strict handler.py`.
    args = ["--strict", "--cache-dir", str(ROOT / ".mypy_cache")] if checker == "mypy" else []
    result = subprocess.run(
        [sys.executable, "-m", checker, *args, "handler.py"],
        cwd=tmp_path,
        env=dict(os.environ, NO_COLOR="1", PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ["PATH"]])),
        capture_output=True,
        text=True,
        check=False,
    )
    reported = [line.strip().replace(str(tmp_path) + os.sep, "") for line in result.stdout.splitlines()]

    expected = [line for line in shown if ERROR_LINE[checker].fullmatch(line)]
    assert len(expected) == 2, f"the README shows {len(expected)} error lines of {checker}"
    assert [line for line in reported if ERROR_LINE[checker].fullmatch(line)] == expected, result.stdout


# the site ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with --strict: any warning (a broken link or anchor, a page left out of the nav, a
    reference entry that cannot be found or rendered) fails the build."""
    if sys.version_info < (3, 11):  # pragma: no cover
        pytest.skip("the documentation tools (the docs dependency group) need Python 3.11 or later")
    site_dir = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def test_the_site_builds_strictly_with_its_diagrams(site: Path) -> None:
    pages = {path.parent.name for path in site.rglob("index.html")}
    assert {"typing", "validating", "invoking", "reference", "design", "benchmarks"} <= pages
    # superfences turns a ```mermaid block into a diagram for Material to draw, not a code listing.
    assert '<pre class="mermaid">' in (site / "validating" / "index.html").read_text(encoding="utf-8")


def public_modules() -> list[str]:
    """The package and each of its submodules whose name has no leading underscore: each needs a reference entry."""
    names = [info.name for info in pkgutil.iter_modules(lambda_context_types.__path__) if not info.name.startswith("_")]
    return [lambda_context_types.__name__, *(f"{lambda_context_types.__name__}.{name}" for name in sorted(names))]


def test_the_public_modules_are_found() -> None:
    assert {"lambda_context_types", "lambda_context_types.testing"} <= set(public_modules())


@pytest.mark.parametrize("module_name", public_modules())
def test_every_public_name_has_an_api_reference_entry(module_name: str, site: Path) -> None:
    from mkdocstrings import Inventory

    with (site / "objects.inv").open("rb") as file:
        inventory = Inventory.parse_sphinx(file)
    module = importlib.import_module(module_name)

    missing = [name for name in module.__all__ if f"{module_name}.{name}" not in inventory]
    assert module_name in inventory, f"add the line `::: {module_name}` to docs/reference.md"
    assert missing == []
