"""bench_parse.py's shapes timed with pyperf instead: the harness tried beside the paired rounds (BENCHMARKS.md).

Run: ``uv run --group bench python benchmarks/bench_parse_pyperf.py [--fast] [--only TEXT] [-o suite.json]``.

pyperf's own method, unchanged: each benchmark (the baseline of a shape, then its candidate) is calibrated, then
run in its own worker processes (20 by default, ``--fast`` 10), each with a warm-up and 3 values of about 100 ms.
The two sides of a shape are therefore timed one after the other, never interleaved. The ratio printed is the
candidate's median over the baseline's; ``python -m pyperf compare_to a.json b.json`` compares two suites written
with ``-o`` (two checkouts, say) with pyperf's significance test.
"""

from __future__ import annotations

import argparse

import pyperf
from bench_parse import SHAPES, Shape, batch_timer, size

import lambda_context_types


def pass_only(command: list[str], args: argparse.Namespace) -> None:
    command.extend(("--only", args.only))


def main() -> None:
    runner = pyperf.Runner(add_cmdline_args=pass_only)
    runner.argparser.add_argument("--only", default="", help="only the shapes whose name contains this text")
    args = runner.parse_args()
    rows: list[tuple[Shape, pyperf.Benchmark, pyperf.Benchmark]] = []
    for shape in SHAPES:
        if args.only.lower() not in shape.name.lower():
            continue
        sides = []
        for side, (function, argument) in (
            ("baseline", shape.baseline()),
            ("candidate", shape.candidate(lambda_context_types)),
        ):
            # The statement bench_parse.py times; Runner.timeit would do the same but does not return its result.
            timer = batch_timer(function, argument)
            sides.append(runner.bench_time_func(f"{shape.name} [{side}]", timer.timeit))
        if sides[0] is not None and sides[1] is not None:  # None in a worker process
            rows.append((shape, sides[0], sides[1]))
    if rows and not args.worker:
        print("\n| shape | JSON | baseline | ratio of medians | ratio of means | baseline stdev | candidate stdev |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for shape, base, candidate in rows:
            print(
                f"| {shape.name} | {size(len(shape.text.encode()))} | {base.median() * 1e6:,.2f} µs | "
                f"**{candidate.median() / base.median():.3f}x** | {candidate.mean() / base.mean():.3f}x | "
                f"{spread(base)} | {spread(candidate)} |"
            )


def spread(benchmark: pyperf.Benchmark) -> str:
    """The relative standard deviation of a benchmark's values (none with ``--debug-single-value``)."""
    return f"{benchmark.stdev() / benchmark.mean():.1%}" if benchmark.get_nvalue() > 1 else ""


if __name__ == "__main__":
    main()
