"""Per-call cost of parsing a client context header, as ratios to ``json.loads`` of the same text.

Run: ``uv run python benchmarks/bench_parse.py`` (``--rounds N``, ``--calls N``, ``--variants``).

Everything runs in this one process, in interleaved rounds (each round times every candidate once, in turn), and
the reported figure is the median of the rounds, so that a slow moment of the machine hits all candidates alike.
Candidates, on the same header text:

- ``json.loads``: the baseline, what the runtime itself does with the header.
- ``parse_client_context``: this package, the path a handler would take on every invocation.
- awslambdaric's ``create_lambda_context``: the runtime building its whole context object from the same header.
- msgspec typed decode into ``msgspec.Struct`` classes: a ceiling for typed decoding in Python (it drops unknown
  keys and does not check NaN, so it does less than the models).

Payloads: the Android shape (tests/corpus/client-context/android.json, the one the target is about) and the iOS one
(with its top-level ``version``, an unknown key). Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pydantic
from _variants import write_patched_package

from lambda_context_types import parse_client_context

# awslambdaric has no type information, and the project's stubs cover its lambda_context module only.
create_lambda_context: Callable[..., object] = importlib.import_module("awslambdaric.bootstrap").create_lambda_context

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "client-context"
TARGET = 1.25


class Client(msgspec.Struct):
    installation_id: str | None = None
    app_title: str | None = None
    app_version_name: str | None = None
    app_version_code: str | None = None
    app_package_name: str | None = None


class W3C(msgspec.Struct):
    traceparent: str | None = None
    tracestate: str | None = None
    baggage: str | None = None


class ClientContext(msgspec.Struct):
    client: Client | None = None
    custom: dict[str, Any] | None = None
    env: dict[str, str | None] | None = None
    services: dict[str, Any] | None = None
    w3c: W3C | None = None


def candidates(text: str) -> dict[str, Callable[[], object]]:
    decode = msgspec.json.Decoder(ClientContext).decode
    return {
        "json.loads": lambda: json.loads(text),
        "parse_client_context": lambda: parse_client_context(text),
        "awslambdaric create_lambda_context": lambda: create_lambda_context(text, None, 0, "id", "arn", None),
        "msgspec typed decode": lambda: decode(text),
    }


def measure(functions: dict[str, Callable[[], object]], rounds: int, calls: int) -> dict[str, list[float]]:
    """Nanoseconds per call, one sample per round for each function, rounds interleaved."""
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for function in functions.values():  # warm-up: first-call costs (building validators) are not per-call costs
        for _ in range(100):
            function()
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for name, function in functions.items():
            start = clock()
            for _ in range(calls):
                function()
            samples[name].append((clock() - start) / calls)
    return samples


def report(label: str, text: str, rounds: int, calls: int) -> float:
    samples = measure(candidates(text), rounds, calls)
    base = statistics.median(samples["json.loads"])
    print(f"\n{label}: {len(text.encode())} bytes of JSON, {rounds} rounds of {calls} calls")
    print(f"  {'candidate':36s} {'median':>10s} {'ratio':>7s} {'spread':>17s}")
    for name, values in samples.items():
        median = statistics.median(values)
        quartiles = statistics.quantiles(values, n=4)
        spread = f"{quartiles[0] / base:.2f}-{quartiles[2] / base:.2f}x"
        print(f"  {name:36s} {median / 1000:7.2f} us {median / base:6.2f}x {spread:>17s}")
    return statistics.median(samples["parse_client_context"]) / base


# Patched copies of the package, each timed against json.loads in the same rounds: the choices in _models.py, undone
# one at a time. Each entry: a name and the (old, new) text replacements in _models.py.
_ANY = "_Object = Annotated[Mapping[_Text, Any], _PythonJson(level=2)]"
_TO_JSON = '    def to_json(self) -> str:\n        """The wire JSON (compact UTF-8 text)'
_AFTER_VALIDATOR = """    @model_validator(mode="after")
    def _refuse_non_finite(self) -> Self:
        for container in (self.custom, self.services):
            if container:
                for value in container.values():
                    if value.__class__ is not str and not _all_finite(value):
                        raise ValueError("not finite")
        return self

"""
_ALL_FINITE = """

def _all_finite(value: Any) -> bool:
    kind = value.__class__
    if kind is dict:
        value = value.values()
    elif kind is not list:
        return kind is not float or math.isfinite(value)
    for item in value:
        if item.__class__ is not str and not _all_finite(item):
            return False
    return True
"""
_READ_ONLY = """    @model_validator(mode="after")
    def _read_only(self) -> Self:
        for name in ("custom", "env", "services"):
            value = self.__dict__[name]
            if value is not None:
                self.__dict__[name] = MappingProxyType(value)
        return self

"""
_INLINED = """        try:
            model: ClientContextModel = _validate_client_context_json(data)
        except ValidationError as error:
            raise _convert(error, ClientContextModel, _CLIENT_CONTEXT, data) from None
        return model
"""
_HELPER = """        return _validate_json(ClientContextModel, data, _CLIENT_CONTEXT)
"""
_CONFIG = 'extra="allow", strict=True, '
VARIANTS: dict[str, list[tuple[str, str]]] = {
    "as shipped": [],
    "free-form values Any (no NaN check)": [
        ("_Object = Annotated[Mapping[_Text, _JsonValue], _PythonJson(level=2)]", _ANY)
    ],
    "Any + Python after-validator for NaN": [
        ("_Object = Annotated[Mapping[_Text, _JsonValue], _PythonJson(level=2)]", _ANY + _ALL_FINITE),
        (_TO_JSON, _AFTER_VALIDATOR + _TO_JSON),
    ],
    # What the hot path would cost without its inlining: through the _validate_json helper every other entry uses.
    "through _validate_json (not inlined)": [(_INLINED, _HELPER)],
    # Read-only custom, env and services (the top level of each only; nested values would stay mutable).
    "read-only mappings (shallow MappingProxyType)": [
        ("import base64\n", "import base64\nfrom types import MappingProxyType\n"),
        (_TO_JSON, _READ_ONLY + _TO_JSON),
    ],
    'cache_strings="none"': [(_CONFIG, _CONFIG + 'cache_strings="none", ')],
    'cache_strings="keys"': [(_CONFIG, _CONFIG + 'cache_strings="keys", ')],
    "lax mode (strict=False)": [(_CONFIG, 'extra="allow", ')],
}


def load_variants(directory: Path) -> dict[str, Callable[[str], object]]:
    """Import each patched copy under its own package name and return its parse_client_context."""
    sys.path.insert(0, str(directory))
    parsers: dict[str, Callable[[str], object]] = {}
    for index, (name, changes) in enumerate(VARIANTS.items()):
        package = f"variant_{index}"
        write_patched_package(directory / package, changes, name)
        parsers[name] = importlib.import_module(f"{package}._models").parse_client_context
    return parsers


def report_variants(text: str, rounds: int, calls: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-parse-variants-") as directory:
        parsers = load_variants(Path(directory))
        functions: dict[str, Callable[[], object]] = {"json.loads": lambda: json.loads(text)}
        for name, parse in parsers.items():
            functions[name] = functools.partial(parse, text)
        samples = measure(functions, rounds, calls)
    base = statistics.median(samples["json.loads"])
    print(f"\nVariants of _models.py on the Android payload ({rounds} rounds of {calls} calls):")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"  {name:44s} {median / 1000:7.2f} us {median / base:6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=41, help="interleaved rounds (default 41)")
    parser.add_argument("--calls", type=int, default=2000, help="calls per candidate per round (default 2000)")
    parser.add_argument("--variants", action="store_true", help="also time patched copies of _models.py")
    args = parser.parse_args()

    print(f"python {platform.python_version()} ({sys.implementation.name}), pydantic {pydantic.VERSION}, ", end="")
    print(f"msgspec {msgspec.__version__}, {platform.machine()}")
    ratio = report("Android", (CORPUS / "android.json").read_text(encoding="utf-8").strip(), args.rounds, args.calls)
    report("iOS", (CORPUS / "ios.json").read_text(encoding="utf-8").strip(), args.rounds, args.calls)
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"\nparse_client_context / json.loads on the Android payload: {ratio:.2f}x, {verdict} the {TARGET}x target")
    if args.variants:
        report_variants((CORPUS / "android.json").read_text(encoding="utf-8").strip(), args.rounds, args.calls)


if __name__ == "__main__":
    main()
