"""Per-call cost of every input form, as ratios to ``json.loads`` of the same JSON text, plus the cold path.

Run: ``uv run python benchmarks/bench_parse.py`` (a minute or two; prints a Markdown table ready to paste).
``--compare REV_OR_DIR`` (repeatable) times another checkout's package (a git revision of this repository, or a
directory holding ``lambda_context_types/``) in the same rounds, beside this one.

Each shape is a pair: the candidate (``parse_client_context(x)`` or another entry point) and its baseline
(``json.loads`` of the same JSON text), both timed with ``timeit`` as the statement ``f(x)``, with the same number
of calls per batch (calibrated so that a baseline batch takes about ``--batch-ms``). One round times four batches,
baseline, candidate, candidate, baseline (ABBA), the next round the reverse (BAAB). The rounds run in
``--workers`` fresh interpreters, one after the other: each process has its own hash seed and memory layout, which
moved one process's ratios by several percent.

The ratio reported is, per worker, its fastest candidate batch over its fastest baseline batch (another process
only ever adds time to a batch, and the interleaving makes both sides' fastest batches come from the same stretch of
time), then the median over the workers; beside it the range of the workers' ratios, and the median and
interquartile range of the per-round ratios (a gauge of how noisy the machine was). BENCHMARKS.md has the
measurements behind these choices. The cold path runs in fresh interpreters (bench_import.py). Prints numbers,
asserts nothing.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import importlib.metadata
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pydantic_core
from _variants import ROOT, load_checkout

import lambda_context_types

# awslambdaric has no type information, and the project's stubs cover its lambda_context module only.
create_lambda_context: Callable[..., Any] = importlib.import_module("awslambdaric.bootstrap").create_lambda_context

CORPUS = ROOT / "tests" / "corpus"
MAX_BASE64 = 3583  # the Invoke API's limit on the ClientContext parameter (FACTS.md, "The Invoke API")


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8").strip()


def compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


ANDROID = corpus("client-context/android.json")
IOS = corpus("client-context/ios.json")
COGNITO = corpus("cognito-identity/both.json")
# What Bedrock AgentCore Gateway puts in `custom` when it calls a Lambda target as an MCP tool (FACTS.md).
GATEWAY = compact(
    {
        "custom": {
            "bedrockAgentCoreToolName": "orders-target___get_order_status",
            "bedrockAgentCoreMessageVersion": "1.0",
            "bedrockAgentCoreAwsRequestId": "5f1c0d3e-9a47-4b2e-8c61-2d7e0f9b4a13",
            "bedrockAgentCoreMcpMessageId": "42",
            "bedrockAgentCoreGatewayId": "orders-gateway-x7k2m9qp4d",
            "bedrockAgentCoreTargetId": "TGT8ZQ4J2M",
        }
    }
)


def mixed(size: int) -> str:
    """A client context whose ``custom`` holds what non-mobile callers send, about ``size`` bytes of JSON."""
    custom: dict[str, Any] = {}
    length, index = len('{"custom":{}}'), 0
    while length < size:
        entries = {
            f"cart{index}": [
                {"sku": f"SKU-{index}-{item}", "qty": item + 1, "price": 9.5 + item, "gift": item == 1, "note": None}
                for item in range(3)
            ],
            f"counter{index}": index * 7919,
            f"flag{index}": index % 3 == 0,
            f"ratio{index}": index / 7,
            f"unset{index}": None,
            f"headers{index}": {
                "traceparent": f"00-{index:032x}-{index:016x}-01",
                "baggage": f"tenant=t{index},plan=pro",
                "hops": [index, index + 1, {"region": "eu-west-1", "warm": True}],
            },
        }
        custom.update(entries)
        length += sum(len(compact(key)) + len(compact(value)) + 2 for key, value in entries.items())
        index += 1
    return compact({"custom": custom})


def near_base64_limit() -> str:
    """The Android payload with string values added to ``custom`` until its base64 form is just under the limit."""
    payload = json.loads(ANDROID)
    most = MAX_BASE64 // 4 * 3  # the JSON bytes whose padded base64 still fits
    index = 0
    while len(compact(payload)) + 40 < most:
        payload["custom"][f"attribute_{index}"] = f"value {index} of a string-only custom map"
        index += 1
    payload["custom"]["padding"] = ""
    payload["custom"]["padding"] = "x" * (most - len(compact(payload)))
    return compact(payload)


NEAR_LIMIT = near_base64_limit()


def runtime_kept(text: str) -> str:
    """The JSON text of what awslambdaric's slot objects keep of a header: client, custom and env, nulls dropped."""
    header = json.loads(text)
    kept = {key: header[key] for key in ("client", "custom", "env") if header.get(key) is not None}
    return compact(kept)


def json_of_base64(data: str) -> object:
    """The base64 form's baseline: what a handler would write without the package."""
    return json.loads(base64.b64decode(data))


@dataclass(frozen=True)
class Shape:
    """One row: a candidate call of the package against ``json.loads`` of ``text`` (or of its base64 form)."""

    name: str
    text: str
    candidate: Callable[[ModuleType], tuple[Callable[[Any], object], object]]
    target: float | None = 1.0
    bound: float | None = None
    encoded: bool = False  # the candidate takes the base64 form: the baseline decodes it first

    def baseline(self) -> tuple[Callable[[Any], object], object]:
        if self.encoded:
            return json_of_base64, base64.b64encode(self.text.encode()).decode()
        return json.loads, self.text


def parse(data: object) -> Callable[[ModuleType], tuple[Callable[[Any], object], object]]:
    return lambda package: (package.parse_client_context, data)


def from_base64(text: str) -> Callable[[ModuleType], tuple[Callable[[Any], object], object]]:
    return lambda package: (package.ClientContextModel.from_base64, base64.b64encode(text.encode()).decode())


MIXED = {label: mixed(size) for label, size in (("1 KB", 1024), ("64 KB", 64 * 1024), ("1 MB", 1024 * 1024))}
RUNTIME_OBJECT = create_lambda_context(ANDROID, None, 0, "id", "arn", None).client_context

SHAPES = [
    Shape("Android SDK payload", ANDROID, parse(ANDROID), bound=1.10),
    Shape("iOS SDK payload", IOS, parse(IOS), bound=1.10),
    Shape("AgentCore-Gateway-like (string metadata)", GATEWAY, parse(GATEWAY), bound=1.10),
    *(Shape(f"mixed values, {label}", text, parse(text), bound=1.25) for label, text in MIXED.items()),
    Shape("near the base64 limit (string values)", NEAR_LIMIT, parse(NEAR_LIMIT)),
    Shape("mapping form, Android (`dict`)", ANDROID, parse(json.loads(ANDROID)), 2.0, 2.5),
    Shape("mapping form, mixed values 1 KB (`dict`)", MIXED["1 KB"], parse(json.loads(MIXED["1 KB"])), 2.0, 2.5),
    # The runtime's slot object holds client, custom and env only: the baseline is the text of those.
    Shape("attribute object (awslambdaric's, Android)", runtime_kept(ANDROID), parse(RUNTIME_OBJECT), 2.0, 2.5),
    Shape("base64 form, Android (`from_base64`)", ANDROID, from_base64(ANDROID), encoded=True),
    Shape("base64 form, near the limit (`from_base64`)", NEAR_LIMIT, from_base64(NEAR_LIMIT), encoded=True),
    Shape("Cognito identity", COGNITO, lambda package: (package.parse_cognito_identity, COGNITO)),
    # Not the package: the runtime building its whole (unchecked) context object from the same header.
    Shape(
        "reference: awslambdaric `create_lambda_context`, Android",
        ANDROID,
        lambda package: (lambda text: create_lambda_context(text, None, 0, "id", "arn", None), ANDROID),
        target=None,
    ),
]


def batch_timer(function: Callable[[Any], object], argument: object) -> timeit.Timer:
    return timeit.Timer("f(x)", globals={"f": function, "x": argument})


def calls_per_batch(timer: timeit.Timer, seconds: float) -> int:
    """Enough calls for a batch to take about ``seconds`` (at least one)."""
    timer.timeit(3)  # warm-up: a first call may build a validator or fill a cache
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= seconds / 4 or number >= 1_000_000:
            return max(1, round(number * seconds / elapsed)) if elapsed else number
        number *= 4


Batches = tuple[float, float, float, float]  # one ABBA round, seconds per call: baseline twice, candidate twice


def paired_rounds(
    baseline: timeit.Timer, candidates: list[timeit.Timer], number: int, rounds: int
) -> list[list[Batches]]:
    """Each candidate's rounds: ABBA in even rounds, BAAB in odd ones; the candidates take turns going first."""
    timed: list[list[Batches]] = [[] for _ in candidates]
    for round_index in range(rounds):
        shift = round_index % len(candidates)
        for index in [*range(shift, len(candidates)), *range(shift)]:
            candidate = candidates[index]
            if round_index % 2 == 0:
                a1, b1, b2, a2 = (timer.timeit(number) for timer in (baseline, candidate, candidate, baseline))
            else:
                b1, a1, a2, b2 = (timer.timeit(number) for timer in (candidate, baseline, baseline, candidate))
            timed[index].append((a1 / number, a2 / number, b1 / number, b2 / number))
    return timed


def round_ratio(batches: Batches) -> float:
    """A round's ratio: the candidate's two batches over the baseline's two."""
    a1, a2, b1, b2 = batches
    return (b1 + b2) / (a1 + a2)


def fastest(rounds: list[Batches]) -> tuple[float, float]:
    """The fastest baseline batch and the fastest candidate batch of one worker's rounds (seconds per call)."""
    return min(min(a1, a2) for a1, a2, _, _ in rounds), min(min(b1, b2) for _, _, b1, b2 in rounds)


def worker_ratio(rounds: list[Batches]) -> float:
    """One worker's ratio: its fastest candidate batch over its fastest baseline batch.

    Another process on this machine only ever adds time to a batch, so the fastest batch of each side is the one
    least disturbed; the rounds interleave them, so both were found in the same stretch of time.
    """
    baseline, candidate = fastest(rounds)
    return candidate / baseline


@dataclass(frozen=True)
class Summary:
    median: float
    q1: float
    q3: float
    fastest: float

    @classmethod
    def of(cls, values: list[float]) -> Summary:
        q1, _, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else (values[0],) * 3
        return cls(statistics.median(values), q1, q3, min(values))


def rounds_for(seconds_per_round: float, rounds: int, budget: float) -> int:
    """At most ``rounds``, fewer for a shape so slow that they would exceed ``budget`` seconds (at least 5)."""
    return max(5, min(rounds, int(budget / seconds_per_round)))


def measure(shape: Shape, packages: list[ModuleType], rounds: int, budget: float, batch: float) -> dict[str, Any]:
    """One worker's rounds of one shape, as JSON-ready data."""
    baseline = batch_timer(*shape.baseline())
    candidates = [batch_timer(*shape.candidate(package)) for package in packages]
    for candidate in candidates:
        candidate.timeit(3)  # warm-up, as for the baseline in calls_per_batch
    number = calls_per_batch(baseline, batch)
    start = time.perf_counter()
    paired_rounds(baseline, candidates, number, 1)  # warm-up round, which also tells how long a round takes
    timed = paired_rounds(baseline, candidates, number, rounds_for(time.perf_counter() - start, rounds, budget))
    return {"shape": shape.name, "calls per batch": number, "rounds": timed}


def worker(shapes: list[Shape], args: argparse.Namespace) -> None:
    """Run in a fresh interpreter: every shape's rounds, one JSON line per shape on stdout."""
    packages = [lambda_context_types, *(load_checkout(source) for source in args.compare)]
    rounds = math.ceil(args.rounds / args.workers)
    for shape in shapes:
        result = measure(shape, packages, rounds, args.budget / args.workers, args.batch_ms / 1000)
        print(json.dumps(result), flush=True)


def run_workers(args: argparse.Namespace) -> list[list[dict[str, Any]]]:
    """The workers' results, one after the other (never two at once: they would time each other)."""
    results = []
    for index in range(args.workers):
        command = [sys.executable, __file__, *sys.argv[1:], "--worker"]
        output = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
        results.append([json.loads(line) for line in output.splitlines()])
        print(f"worker {index + 1}/{args.workers} done", file=sys.stderr, flush=True)
    return results


def verdict(shape: Shape, median: float) -> str:
    if shape.target is None:
        return "reference"
    if median <= shape.target:
        return "met"
    if shape.bound is not None and median <= shape.bound:
        return f"over {shape.target:.2f}x, within {shape.bound:.2f}x"
    return "**over**"


def size(count: int) -> str:
    return f"{count:,} B" if count < 10_000 else f"{count / 1024:,.0f} KB"


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = "n/a" if not hasattr(os, "getloadavg") else ", ".join(f"{x:.2f}" for x in os.getloadavg())
    awslambdaric = importlib.metadata.version("awslambdaric")
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; load average {load}; "
        f"CPython {platform.python_version()}, pydantic {pydantic.VERSION}, pydantic-core "
        f"{pydantic_core.__version__}, awslambdaric {awslambdaric}"
    )


def checkout_description() -> str:
    def git(*command: str) -> str:
        result = subprocess.run(["git", "-C", str(ROOT), *command], capture_output=True, text=True, check=False)
        return result.stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "lambda_context_types") else ""
    return f"`{git('rev-parse', '--abbrev-ref', 'HEAD')}` at {git('rev-parse', '--short', 'HEAD')}{dirty}"


def target_text(shape: Shape) -> str:
    if shape.target is None:
        return ""
    return f"≤ {shape.target:.2f}x" + (f" (≤ {shape.bound:.2f}x)" if shape.bound else "")


def parse_table(shapes: list[Shape], names: list[str], results: list[list[dict[str, Any]]]) -> list[str]:
    header = ["shape", "JSON", "`json.loads`"]
    for name in names:
        header += [f"{name}: ratio", "workers' range", "per-round median (IQR)"]
    header += ["target (bound)", "verdict"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for index, shape in enumerate(shapes):
        per_worker = [worker[index]["rounds"] for worker in results]
        base = statistics.median(fastest(rounds[0])[0] for rounds in per_worker)
        cells = [shape.name, size(len(shape.text.encode())), f"{base * 1e6:,.2f} µs"]
        medians = []
        for candidate in range(len(names)):
            workers = [worker_ratio(rounds[candidate]) for rounds in per_worker]
            per_round = Summary.of([round_ratio(batches) for rounds in per_worker for batches in rounds[candidate]])
            medians.append(statistics.median(workers))
            cells += [
                f"**{medians[-1]:.3f}x**",
                f"{min(workers):.3f}-{max(workers):.3f}",
                f"{per_round.median:.2f}x ({per_round.q1:.2f}-{per_round.q3:.2f})",
            ]
        cells += [target_text(shape), verdict(shape, medians[0])]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=10, help="fresh interpreters sharing the rounds (default 10)")
    parser.add_argument("--rounds", type=int, default=160, help="ABBA rounds per shape, over all workers (default 160)")
    parser.add_argument("--batch-ms", type=float, default=1.0, help="length of one timed batch (default 1 ms)")
    parser.add_argument("--budget", type=float, default=6.0, help="seconds at most per slow shape (default 6)")
    parser.add_argument("--processes", type=int, default=80, help="fresh interpreters for the cold path (default 80)")
    parser.add_argument("--compare", action="append", default=[], metavar="REV_OR_DIR", help="another checkout")
    parser.add_argument("--only", default="", help="only the shapes whose name contains this text")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold path")
    parser.add_argument("--raw", metavar="FILE", help="also write every worker's timings to FILE (JSON)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    shapes = [shape for shape in SHAPES if args.only.lower() in shape.name.lower()]
    if args.worker:
        worker(shapes, args)
        return

    description = f"Checkout: {checkout_description()}. Machine: {machine()}."
    results = run_workers(args)
    if args.raw:
        Path(args.raw).write_text(json.dumps(results), encoding="utf-8")
    names = ["this checkout", *(f"`{source}`" for source in args.compare)]
    command = " ".join(["uv run python benchmarks/bench_parse.py", *sys.argv[1:]])
    out = [description, "", f"`{command}`", "", *parse_table(shapes, names, results)]
    if not args.no_cold:
        from bench_import import cold_path_table

        out += ["", *cold_path_table(args.processes)]
    print("\n".join(out))


if __name__ == "__main__":
    main()
