"""Import and cold-start cost of lambda_context_types, each sample in a fresh interpreter.

Run: ``uv run python benchmarks/bench_import.py`` (``--runs N``, ``--no-bytecode-cache``, ``--compare REV_OR_DIR``).
bench_parse.py prints the cold path rows of its table with ``cold_path_table`` below.

1. ``import lambda_context_types`` with ``typing`` already imported (a handler module imports it anyway), and
   whether that pulled in pydantic. The target is under 2 ms, pydantic not loaded.
2. The cold path of a handler that validates: the first ``parse_client_context`` in a fresh process, split into
   importing the models (pydantic itself and the class definitions), the first parse (pydantic-core builds the
   validator then) and a second parse for comparison.
3. ``-X importtime``: where the time of both imports goes, module by module.
4. With ``--compare``: the cold path of other checkouts (a directory or a git revision), interleaved with this one.

Samples use a bytecode cache in a temporary directory, filled by a warm-up run, as a deployment that ships compiled
files would; ``--no-bytecode-cache`` compiles every module in every run instead. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _variants import PACKAGE, copy_checkout

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = (ROOT / "tests" / "corpus" / "client-context" / "android.json").read_text(encoding="utf-8").strip()

IMPORT_ONLY = """
import sys, time, typing
start = time.perf_counter_ns()
import lambda_context_types
end = time.perf_counter_ns()
print(end - start, int("pydantic" in sys.modules))
"""

COLD_PATH = f"""
import time, typing
t0 = time.perf_counter_ns()
import lambda_context_types
t1 = time.perf_counter_ns()
from lambda_context_types import parse_client_context
t2 = time.perf_counter_ns()
parse_client_context({PAYLOAD!r})
t3 = time.perf_counter_ns()
parse_client_context({PAYLOAD!r})
t4 = time.perf_counter_ns()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""

BASELINES = {
    "import typing": "import typing",
    "from pydantic import BaseModel": "import typing\nfrom pydantic import BaseModel",
    "import importlib.metadata": "import importlib.metadata",
}

# pydantic imports its plugin loader, and with it importlib.metadata, when it builds its first validator, whatever
# the model. A handler (or a library) that has imported importlib.metadata already does not pay that part.
COLD_PATH_METADATA_LOADED = COLD_PATH.replace("import time, typing", "import time, typing, importlib.metadata")
# With pydantic warmed up before the clock starts (one throwaway model defined and used, which imports the rest of
# pydantic and its plugin loader), what is left is this package's own share: running _models.py, defining the
# models, building the client context validator.
_WARM_PYDANTIC = """import time, typing
from pydantic import BaseModel
class Warm(BaseModel):
    x: int = 0
Warm.model_validate({})"""
COLD_PATH_OWN_SHARE = COLD_PATH.replace("import time, typing", _WARM_PYDANTIC)


def child_env(cache: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = temporary_directory("bench-nocache-")  # empty: nothing to read
    else:
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def run(code: str, env: dict[str, str], path: str | None = None, *flags: str) -> subprocess.CompletedProcess[str]:
    if path is not None:
        env = {**env, "PYTHONPATH": path}
    return subprocess.run(
        [sys.executable, *flags, "-c", code], env=env, cwd=path or ROOT, capture_output=True, text=True, check=True
    )


def sample(code: str, env: dict[str, str], runs: int, path: str | None = None) -> list[list[float]]:
    """Median-ready columns: one list per number the child prints, in milliseconds."""
    rows = [[int(x) / 1e6 for x in run(code, env, path).stdout.split()] for _ in range(runs)]
    return [list(column) for column in zip(*rows, strict=True)]


def wall_ms(code: str, env: dict[str, str], runs: int) -> float:
    timed = f"import time\n_t = time.perf_counter_ns()\n{code}\nprint(time.perf_counter_ns() - _t)"
    return statistics.median(int(run(timed, env).stdout) / 1e6 for _ in range(runs))


def importtime(code: str, env: dict[str, str], top: int) -> list[str]:
    """The ``-X importtime`` lines of the slowest modules by cumulative time, after ``import typing``."""
    stderr = run(code, env, None, "-X", "importtime").stderr
    rows: list[tuple[int, int, str]] = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(.*)", line)
        if match:
            rows.append((int(match[1]), int(match[2]), match[3].rstrip()))
    rows.sort(key=lambda row: row[1], reverse=True)
    return [
        f"  {cumulative / 1000:8.2f} ms cumulative {own / 1000:7.2f} ms self  {name}"
        for own, cumulative, name in rows[:top]
    ]


def checkout_copy(source: str) -> str:
    """Another checkout's package (a directory or a git revision) in a fresh directory; returns that directory."""
    directory = temporary_directory("bench-checkout-")
    copy_checkout(source, Path(directory) / PACKAGE.name)
    return directory


# A plain pydantic model of the same fields as ClientContextModel, none of this package's checks: the reference the
# cold path target is measured against.
PLAIN_COLD_PATH = f"""
import time, typing
t0 = time.perf_counter_ns()
from typing import Any
from pydantic import BaseModel
class Client(BaseModel):
    installation_id: typing.Optional[str] = None
    app_title: typing.Optional[str] = None
    app_version_name: typing.Optional[str] = None
    app_version_code: typing.Optional[str] = None
    app_package_name: typing.Optional[str] = None
class W3C(BaseModel):
    traceparent: typing.Optional[str] = None
    tracestate: typing.Optional[str] = None
    baggage: typing.Optional[str] = None
class ClientContext(BaseModel):
    client: typing.Optional[Client] = None
    custom: typing.Optional[dict[str, Any]] = None
    env: typing.Optional[dict[str, typing.Optional[str]]] = None
    services: typing.Optional[dict[str, Any]] = None
    w3c: typing.Optional[W3C] = None
ClientContext.model_validate_json({PAYLOAD!r})
print(time.perf_counter_ns() - t0)
"""
TO_FIRST_PARSE = COLD_PATH.replace("print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)", "print(t3 - t0)")


def paired_processes(
    first: str, second: str, env: dict[str, str], processes: int
) -> tuple[list[float], list[float], list[float]]:
    """Fresh-process times (ms) of two programs in ABBA/BAAB order, and the per-round ratios first/second."""
    times: dict[str, list[float]] = {first: [], second: []}
    ratios: list[float] = []
    for index in range(max(1, processes // 4)):
        order = [first, second, second, first] if index % 2 == 0 else [second, first, first, second]
        taken = [int(run(code, env).stdout) / 1e6 for code in order]
        for code, value in zip(order, taken, strict=True):
            times[code].append(value)
        ratios.append(sum(times[first][-2:]) / sum(times[second][-2:]))
    return times[first], times[second], ratios


def cold_path_table(processes: int) -> list[str]:
    """The cold path rows of bench_parse.py's table, Markdown."""
    from bench_parse import Summary

    env = child_env(temporary_directory("bench-pycache-"))
    try:
        for code in (COLD_PATH, PLAIN_COLD_PATH):
            run(code, env)  # warm-up: fills the bytecode cache and the OS file cache
        [import_ms, pydantic_loaded] = sample(IMPORT_ONLY, env, processes)
        ours, plain, ratios = paired_processes(TO_FIRST_PARSE, PLAIN_COLD_PATH, env, processes)
    finally:
        for directory in _TEMPORARY:
            shutil.rmtree(directory, ignore_errors=True)
    loaded = "pydantic loaded" if max(pydantic_loaded) else "pydantic not loaded"
    imported, first, reference, ratio = (Summary.of(values) for values in (import_ms, ours, plain, ratios))
    import_met = "met" if imported.median < 2 and not max(pydantic_loaded) else "**over**"
    # As for the per-call rows: other processes only add time, so the fastest process of each kind is the one
    # least disturbed, and the ABBA order makes both come from the same stretch of time.
    fastest_ratio = first.fastest / reference.fastest
    fastest_met = "met" if fastest_ratio <= 1 else "**over**"
    rows = [
        (f"`import lambda_context_types` ({loaded}), ms", imported, "{:.2f}"),
        ("import to the first `parse_client_context`, ms", first, "{:.1f}"),
        ("a plain pydantic model of the same fields: import, define, first parse, ms", reference, "{:.1f}"),
        (f"the two's ratio per ABBA round of 4 processes ({len(ratios)} rounds)", ratio, "{:.3f}x"),
    ]
    return [
        f"Cold path, fresh interpreters (`typing` imported before the clock; bytecode cached), {processes} per row:",
        "",
        "| measurement | median | IQR | fastest process |",
        "| --- | --- | --- | --- |",
        *(
            f"| {label} | {form.format(x.median)} | {form.format(x.q1)}-{form.format(x.q3)} | "
            f"{form.format(x.fastest) if x is not ratio else ''} |"
            for label, x, form in rows
        ),
        "",
        "| cold path | result | target | verdict |",
        "| --- | --- | --- | --- |",
        f"| `import lambda_context_types`, median | **{imported.median:.2f} ms**, {loaded} | < 2 ms, no pydantic | "
        f"{import_met} |",
        f"| to the first parse, fastest process over a plain pydantic model's | **{fastest_ratio:.3f}x** | ≤ 1.00x | "
        f"{fastest_met} |",
    ]


def main() -> None:
    try:
        measure(parse_arguments())
    finally:
        for directory in _TEMPORARY:
            shutil.rmtree(directory, ignore_errors=True)


_TEMPORARY: list[str] = []


def temporary_directory(prefix: str) -> str:
    directory = tempfile.mkdtemp(prefix=prefix)
    _TEMPORARY.append(directory)
    return directory


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="fresh interpreters per measurement (default 40)")
    parser.add_argument("--no-bytecode-cache", action="store_true", help="compile every module in every run")
    parser.add_argument("--compare", action="append", default=[], metavar="REV_OR_DIR", help="another checkout")
    return parser.parse_args()


def measure(args: argparse.Namespace) -> None:
    cache = None if args.no_bytecode_cache else temporary_directory("bench-pycache-")
    env = child_env(cache)
    run(COLD_PATH, env)  # warm-up: fills the bytecode cache and the OS file cache

    import pydantic

    print(f"python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, {os.cpu_count()} CPUs, {args.runs} runs")
    print(f"bytecode: {'compiled in every run' if cache is None else 'cached (warm-up run first)'}\n")

    print("Reference points (the statement alone, in a fresh interpreter, median):")
    for label, code in BASELINES.items():
        print(f"  {label:36s} {wall_ms(code, env, args.runs):8.2f} ms")

    [import_ms, pydantic_loaded] = sample(IMPORT_ONLY, env, args.runs)
    print("\nimport lambda_context_types (typing already imported):")
    print(f"  median {statistics.median(import_ms):.3f} ms, min {min(import_ms):.3f} ms, max {max(import_ms):.3f} ms")
    print(f"  pydantic in sys.modules afterwards: {bool(max(pydantic_loaded))}")

    columns = sample(COLD_PATH, env, args.runs)
    labels = [
        "import lambda_context_types",
        "import the models (pydantic + class definitions)",
        "first parse_client_context (builds the validator)",
        "second parse_client_context",
    ]
    medians = [statistics.median(column) for column in columns]
    print("\nCold path, first parse in a fresh process (medians):")
    for label, value in zip(labels, medians, strict=True):
        print(f"  {label:52s} {value:8.3f} ms")
    print(f"  {'total to the first result':52s} {sum(medians[:3]):8.3f} ms")
    preloaded = [statistics.median(column) for column in sample(COLD_PATH_METADATA_LOADED, env, args.runs)]
    label = "the same, importlib.metadata already imported"
    print(f"  {label:52s} {sum(preloaded[1:3]):8.3f} ms")
    own = [statistics.median(column) for column in sample(COLD_PATH_OWN_SHARE, env, args.runs)]
    label = "the same, pydantic already in use"
    print(f"  {label:52s} {sum(own[1:3]):8.3f} ms (this package's own share)")

    print("\n-X importtime, import lambda_context_types (slowest first):")
    print("\n".join(importtime("import typing\nimport lambda_context_types", env, 6)))
    print("\n-X importtime, from lambda_context_types import parse_client_context (slowest first):")
    print("\n".join(importtime("import typing\nfrom lambda_context_types import parse_client_context", env, 15)))

    if args.compare:
        print("\nCold path of this checkout and the others (medians, ms; runs interleaved):")
        directories = {"this checkout": str(ROOT), **{source: checkout_copy(source) for source in args.compare}}
        for directory in directories.values():
            run(COLD_PATH, env, directory)  # warm-up for each copy's bytecode
        results: dict[str, list[list[float]]] = {name: [[], [], [], []] for name in directories}
        own_share: dict[str, list[list[float]]] = {name: [[], [], [], []] for name in directories}
        for _ in range(args.runs):
            for name, directory in directories.items():
                for column, single in zip(results[name], sample(COLD_PATH, env, 1, directory), strict=True):
                    column.extend(single)
                for column, single in zip(own_share[name], sample(COLD_PATH_OWN_SHARE, env, 1, directory), strict=True):
                    column.extend(single)
        header = f"{'import models':>14s} {'first parse':>12s} {'total':>8s} {'own share':>10s}"
        print(f"  {'checkout':34s} {header}")
        for name, columns in results.items():
            values = [statistics.median(column) for column in columns]
            own = sum(statistics.median(column) for column in own_share[name][1:3])
            print(f"  {name:34s} {values[1]:14.2f} {values[2]:12.2f} {sum(values[:3]):8.2f} {own:10.2f}")
        print("  (own share: models import + first parse with pydantic already in use)")


if __name__ == "__main__":
    main()
