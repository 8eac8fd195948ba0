"""How far each shape's ratio moves between runs: reads the Markdown tables that the benchmark scripts printed.

Run: ``uv run python benchmarks/compare_runs.py run1.md run2.md run3.md`` (outputs of bench_parse.py or of
bench_parse_pyperf.py). For every shape: the first ratio of its row in each file, their range (largest over
smallest, minus one) and, last, the median and the largest range over all shapes. Prints a Markdown table.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

RATIO = re.compile(r"\*\*([0-9.]+)x\*\*")


def ratios(path: Path) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = RATIO.search(line)
        if match and len(cells) > 1:
            found.setdefault(cells[0], float(match[1]))
    return found


def main() -> None:
    runs = [ratios(Path(name)) for name in sys.argv[1:]]
    if len(runs) < 2:
        raise SystemExit("give two or more files")
    shapes = [shape for shape in runs[0] if all(shape in run for run in runs)]
    print("| shape | " + " | ".join(f"run {index}" for index in range(1, len(runs) + 1)) + " | range |")
    print("|" + " --- |" * (len(runs) + 2))
    ranges = []
    for shape in shapes:
        values = [run[shape] for run in runs]
        ranges.append(max(values) / min(values) - 1)
        cells = " | ".join(f"{value:.3f}x" for value in values)
        print(f"| {shape} | {cells} | {ranges[-1]:.1%} |")
    print(f"\nrange between runs: median {statistics.median(ranges):.1%}, largest {max(ranges):.1%}")


if __name__ == "__main__":
    main()
