"""Hostile input: sizes that would expose a quadratic refusal, and Python objects that lie about themselves.

The size tests assert the outcome and a time budget many times what a linear path needs here, which a quadratic one
cannot meet (the 32,000-value reproducer took 49 s when refusal was quadratic). Memory is measured in a subprocess,
from its peak resident size.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from lambda_context_types import (
    ClientContextModel,
    ContextValidationError,
    parse_client_context,
    parse_cognito_identity,
)

MIB = 1024 * 1024


def refusal(data: Any) -> ContextValidationError:
    with pytest.raises(ContextValidationError) as caught:
        parse_client_context(data)
    return caught.value


def test_32000_nan_values_under_distinct_keys_are_refused_at_once() -> None:
    text = '{"custom":{' + ",".join(f'"k{i}":NaN' for i in range(32000)) + "}}"

    start = time.perf_counter()
    error = refusal(text)
    elapsed = time.perf_counter() - start

    assert [problem.path for problem in error.problems] == [f"custom.k{i}" for i in range(20)]
    assert error.omitted == 32000 - 20
    assert elapsed < 1.5, elapsed


def test_32000_nan_values_in_a_mapping_are_refused_at_once() -> None:
    data = {"custom": {f"k{i}": math.nan for i in range(32000)}, "env": {f"e{i}": i for i in range(32000)}}

    start = time.perf_counter()
    error = refusal(data)
    elapsed = time.perf_counter() - start

    assert error.problems[0].path == "env.e0"  # typed fields first
    assert len(error.problems) + error.omitted == 64000
    assert elapsed < 3, elapsed


def test_100000_number_keys_and_100000_sets_in_a_mapping_are_refused_at_once() -> None:
    # Both fail the type check before to_json (which would write them as JSON), one error each, then the walk.
    data = {"custom": {i: "x" for i in range(100_000)}, "services": {"s": [{1, 2}] * 100_000}}

    start = time.perf_counter()
    error = refusal(data)
    elapsed = time.perf_counter() - start

    assert error.problems[0].message == "key number 0 is not a string; JSON object keys are strings"
    assert len(error.problems) + error.omitted == 200_000
    assert elapsed < 8, elapsed


def nan_array(size: int) -> str:
    head, tail = '{"custom":{"a":[', "]}}"
    count = (size - len(head) - len(tail) + 1) // 4
    return head + ",".join(["NaN"] * count) + tail


PEAK = """
import resource, sys, time
from lambda_context_types import ContextValidationError, parse_client_context
from lambda_context_types._cli import main
start = time.perf_counter()
if sys.argv[1] == "cli":
    code = main(["validate", sys.argv[2]])
else:
    try:
        parse_client_context(open(sys.argv[2], encoding="utf-8").read())
    except ContextValidationError as error:
        code = len(error.problems) + error.omitted
print(code, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, file=sys.stderr)
"""


@pytest.mark.parametrize("how", ["parse", "cli"])
def test_a_mebibyte_of_nan_is_refused_in_bounded_time_and_memory(how: str, tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(nan_array(MIB - 64), encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-c", PEAK, how, str(path)], capture_output=True, text=True, check=False, timeout=120
    )

    code, seconds, peak = done.stderr.split()[-3:]
    if how == "parse":
        assert int(code) == (MIB - 64 - 20) // 4  # every NaN counted, 20 of them listed
    else:
        assert int(code) != 0
        assert "custom.a[0]: NaN and Infinity are not JSON" in done.stdout
    assert float(seconds) < 4, seconds
    assert int(peak) < 500 * MIB, int(peak) / MIB


def test_deep_nesting_and_long_numbers_are_refused_in_linear_time() -> None:
    cases = [
        "[" * 500_000 + "]" * 500_000,
        '{"custom":{"a":' + "[" * 200_000 + "]" * 200_000 + "}}",
        '{"custom":{"a":' + "9" * 500_000 + "}}",
    ]
    for text in cases:
        start = time.perf_counter()
        refusal(text)
        assert time.perf_counter() - start < 1.5


# --- Python objects that lie --------------------------------------------------------------------------------------


class LoudStr(str):
    """A str whose own methods raise: the package must read it through str's."""

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("startswith")

    def strip(self, *args: Any, **kwargs: Any) -> str:
        raise RuntimeError("strip")

    def isascii(self) -> bool:
        return True

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        return b"fine"


@pytest.mark.parametrize("text", ["", "   ", "\ufeff{}", "{", '{"a": 1'])
def test_a_str_subclass_whose_methods_raise_gets_the_usual_refusal(text: str) -> None:
    assert refusal(LoudStr(text)).problems == refusal(text).problems


def test_a_str_subclass_cannot_lie_a_lone_surrogate_in() -> None:
    error = refusal({"custom": {"a": LoudStr("\ud800")}, "client": {"app_title": LoudStr("x\udfff")}})

    assert [problem.path for problem in error.problems] == ["client.app_title", "custom.a"]


def test_from_base64_reads_a_str_subclass_as_a_str() -> None:
    with pytest.raises(ContextValidationError, match="characters outside ASCII"):
        ClientContextModel.from_base64(LoudStr("ëëëë"))
    with pytest.raises(ContextValidationError, match="characters outside ASCII"):
        ClientContextModel.from_base64("e30\udc80")


class Lying(int):
    def __int__(self) -> int:
        return 0

    def __float__(self) -> float:
        return 0.0

    def __repr__(self) -> str:
        return "0"


class LyingFloat(float):
    def __float__(self) -> float:
        return 0.0

    def __repr__(self) -> str:
        return "0.0"


def test_number_subclasses_keep_their_values() -> None:
    data = {"custom": {"n": Lying(7), "f": LyingFloat(2.5), "deep": [Lying(8)]}}

    assert parse_client_context(data).to_dict() == {"custom": {"n": 7, "f": 2.5, "deep": [8]}}
    broken = {**data, "custom": {**data["custom"], "bad": {1}}}  # the error path reads them too
    assert [problem.path for problem in refusal(broken).problems] == ["custom.bad"]


class NoneItems(Mapping[str, Any]):
    """A mapping whose items() yields None in the middle, where a sentinel compare would stop reading."""

    def __getitem__(self, key: str) -> Any:
        return {"a": 1, "b": 2}[key]

    def __iter__(self) -> Iterator[str]:
        return iter(["a", "b"])

    def __len__(self) -> int:
        return 2

    def items(self) -> Any:
        return iter([("a", 1), None, ("b", 2)])


class NoneItemsDict(dict[str, Any]):
    def items(self) -> Any:
        return iter([("a", 1), None, ("b", 2)])


@pytest.mark.parametrize("mapping", [NoneItems(), NoneItemsDict(a=1, b=2)], ids=["Mapping", "dict"])
def test_a_mapping_whose_items_yield_none_is_refused_not_truncated(mapping: Mapping[str, Any]) -> None:
    error = refusal({"custom": mapping})

    assert [problem.path for problem in error.problems] == ["custom"]
    assert "not a (key, value) pair" in error.problems[0].message


def test_keys_that_are_not_strings_stay_refused_however_deep() -> None:
    for data in ({"custom": {"a": [{"b": {1: "x"}}]}}, {"custom": {"a": ({True: 1},)}}, {"client": {None: "x"}}):
        assert "is not a string" in refusal(data).problems[0].message


# --- Duplicate keys: the last one wins, as in the runtime's json.loads ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"custom": {"a": 1, "b": 2, "a": 3}}',
        '{"version": "1.0", "version": "2.0"}',
        '{"client": {"client_id": "x", "client_id": "y"}}',
        '{"client": {"app_title": "x", "app_title": "y"}}',
        '{"custom": {"a": 1}, "custom": {"b": 2}}',
    ],
)
def test_a_key_sent_twice_keeps_its_last_value_like_the_runtime(text: str) -> None:
    assert parse_client_context(text).to_dict() == json.loads(text)


class AllRaise:
    """An object every attribute lookup of which raises, pydantic's own names included."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(name)


def test_an_object_whose_every_attribute_raises_is_refused_not_leaked() -> None:
    # pydantic before 2.12 answered isinstance(value, Model) with hasattr(value, "__pydantic_decorators__").
    for parse in (parse_client_context, parse_cognito_identity):
        with pytest.raises(ContextValidationError, match="reading the attribute raised RuntimeError"):
            parse(AllRaise())  # type: ignore[arg-type]  # deliberately not a payload


class LooksLikeStr(type):
    """A metaclass whose classes hash and compare equal to ``str``: a lookup of their instances' type finds str's."""

    def __hash__(cls) -> int:
        return hash(str)

    def __eq__(cls, other: object) -> bool:
        return True


class HashRaises(type):
    def __hash__(cls) -> int:
        raise ZeroDivisionError


@dataclasses.dataclass
class LyingData(metaclass=LooksLikeStr):
    """A dataclass (which to_json would write as an object) holding NaN.

    The docstring is needed: without one, dataclass on Python 3.10 asks inspect for a signature, which the lying
    metaclass makes inspect take for a builtin's and refuse.
    """

    x: float = math.nan


class LyingInfinity(enum.Enum, metaclass=type("LyingEnumMeta", (enum.EnumMeta, LooksLikeStr), {})):
    BIG = math.inf


class Unhashable(metaclass=HashRaises):
    pass


@pytest.mark.parametrize(
    "value", [LyingData(), LyingInfinity.BIG, Unhashable()], ids=["dataclass", "enum", "hash raises"]
)
def test_a_type_that_lies_about_its_hash_is_refused(value: object) -> None:
    # The type check finds a value's branch by hashing its type; each branch checks the type again.
    for parse, payload in ((parse_client_context, {"custom": {"a": value}}), (parse_cognito_identity, {"x": value})):
        with pytest.raises(ContextValidationError) as caught:
            parse(payload)
        assert caught.value.problems[0].path in ("custom.a", "x")


@pytest.mark.parametrize("value", [Unhashable(), LyingData()], ids=["hash raises", "dataclass"])
def test_a_top_level_whose_type_lies_about_its_hash_is_refused(value: object) -> None:
    for parse in (parse_client_context, parse_cognito_identity):
        with pytest.raises(ContextValidationError, match="expected JSON text, a mapping or an object"):
            parse(value)  # type: ignore[arg-type]  # deliberately not a payload


class ClassLiesDict(dict[str, Any]):
    """A dict subclass that says its class is dict, and whose items() differ from what it stores."""

    @property  # type: ignore[misc]  # deliberately hides the real class
    def __class__(self) -> type:  # type: ignore[override]
        return dict

    def items(self) -> Any:
        return iter([("from", "items")])


def test_a_dict_subclass_that_says_it_is_a_dict_is_read_through_its_methods() -> None:
    assert parse_client_context({"custom": ClassLiesDict({"from": "storage"})}).to_dict() == {
        "custom": {"from": "items"}
    }


class ClassRaises:
    """An object whose ``__class__``, which isinstance consults, raises."""

    @property
    def __class__(self) -> type:  # type: ignore[override]  # deliberately broken
        raise ZeroDivisionError


def test_an_object_whose_class_raises_is_refused_wherever_it_is() -> None:
    for parse, payloads in (
        (parse_client_context, (ClassRaises(), {"custom": {"a": ClassRaises()}}, {"custom": [ClassRaises()]})),
        (parse_cognito_identity, (ClassRaises(), {"x": ClassRaises()})),
    ):
        for payload in payloads:
            with pytest.raises(ContextValidationError, match="raised ZeroDivisionError"):
                parse(payload)  # type: ignore[arg-type]  # deliberately not a payload
    with pytest.raises(ContextValidationError):
        ClientContextModel.from_base64(ClassRaises())  # type: ignore[arg-type]
