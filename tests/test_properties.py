"""Properties over generated and mutated input.

1. Every accepted payload round-trips losslessly: parse, then ``to_json``/``to_dict``/``to_base64`` and back, gives
   the same JSON object, whichever form it was parsed from.
2. Whatever arrives (random text and bytes, corpus files with bytes flipped or tokens spliced in, parsed corpus
   payloads with a node replaced by anything Python has, random base64), the parsers either return a model that
   can be written out and read back, or raise ContextValidationError, never anything else.

Example counts are kept small so the whole file runs in seconds; the corpus seeds the mutations.
"""

from __future__ import annotations

import base64
import datetime
import json
import marshal
import math
import struct
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import same_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_context_types import (
    ClientContextModel,
    ContextValidationError,
    parse_client_context,
    parse_cognito_identity,
)

CORPUS = Path(__file__).parent / "corpus"
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((CORPUS / "client-context").glob("*.json"))]
IDENTITY_SEEDS = [path.read_text(encoding="utf-8") for path in sorted((CORPUS / "cognito-identity").glob("*.json"))]

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

CLIENT_FIELDS = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]
W3C_FIELDS = ["traceparent", "tracestate", "baggage"]
TOP_FIELDS = ["client", "custom", "env", "services", "w3c"]

# --- Valid payloads ------------------------------------------------------------------------------------------------

text = st.text(max_size=12)  # hypothesis leaves out surrogates by default: every string here is valid Unicode
keys = st.one_of(text, st.sampled_from(["a.b", "", "x y", "[0]", "\u00e9", "model_dump", "__dict__", "_private"]))
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**4000, -(10**4000)]),
    st.floats(allow_nan=False, allow_infinity=False),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, text),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=12,
)
text_or_null = st.one_of(st.none(), text)


def merged(known: dict[str, Any], unknown: dict[str, Any]) -> dict[str, Any]:
    return {**unknown, **known}


def with_extras(known: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with any subset of the known keys and some unknown ones holding any JSON."""
    unknown = st.dictionaries(keys.filter(lambda key: key not in known), json_values, max_size=3)
    return st.builds(merged, st.fixed_dictionaries({}, optional=dict.fromkeys(known, values)), unknown)


clients = with_extras(CLIENT_FIELDS, text_or_null)
w3cs = with_extras(W3C_FIELDS, text_or_null)
objects = st.dictionaries(keys, json_values, max_size=4)
client_contexts = st.builds(
    merged,
    st.fixed_dictionaries(
        {},
        optional={
            "client": st.one_of(st.none(), clients),
            "custom": st.one_of(st.none(), objects),
            "env": st.one_of(st.none(), st.dictionaries(keys, text_or_null, max_size=4)),
            "services": st.one_of(st.none(), objects),
            "w3c": st.one_of(st.none(), w3cs),
        },
    ),
    st.dictionaries(keys.filter(lambda key: key not in TOP_FIELDS), json_values, max_size=3),
)
identities = with_extras(["cognitoIdentityId", "cognitoIdentityPoolId"], text_or_null)
dumps_styles = st.sampled_from([{}, {"ensure_ascii": False}, {"separators": (",", ":")}, {"indent": 2}])


def assert_round_trips(model: ClientContextModel, expected: dict[str, Any]) -> None:
    assert same_json(model.to_dict()) == same_json(expected)
    assert same_json(json.loads(model.to_json())) == same_json(expected)
    again = parse_client_context(model.to_json())
    assert again.to_json() == model.to_json()
    if len(model.to_json().encode("utf-8")) > 2685:
        with pytest.raises(ContextValidationError, match="over the Invoke API limit"):
            model.to_base64()
    else:
        assert ClientContextModel.from_base64(model.to_base64()).to_json() == model.to_json()


@FAST
@given(client_contexts, dumps_styles)
def test_every_valid_payload_round_trips_from_text(payload: dict[str, Any], style: dict[str, Any]) -> None:
    wire = json.dumps(payload, **style)

    model = parse_client_context(wire)

    assert_round_trips(model, payload)
    assert parse_client_context(wire.encode("utf-8")).to_json() == model.to_json()


@FAST
@given(client_contexts)
def test_every_valid_payload_round_trips_from_python(payload: dict[str, Any]) -> None:
    model = parse_client_context(payload)

    assert_round_trips(model, payload)
    assert model.to_json() == parse_client_context(json.dumps(payload)).to_json()


@FAST
@given(identities)
def test_every_valid_identity_round_trips(payload: dict[str, Any]) -> None:
    for data in (json.dumps(payload), payload):
        model = parse_cognito_identity(data)
        assert same_json(model.to_dict()) == same_json(payload)
        assert same_json(json.loads(model.to_json())) == same_json(payload)
        assert parse_cognito_identity(model.to_json()).to_json() == model.to_json()


# --- Hostile input -------------------------------------------------------------------------------------------------


def accepted_or_refused(parse: Callable[[Any], Any], data: Any) -> str:
    """The only outcomes allowed: a model that writes out and reads back, or ContextValidationError."""
    try:
        model = parse(data)
    except ContextValidationError as error:
        refusal = error
    else:
        written = model.to_json()
        assert same_json(json.loads(written)) == same_json(model.to_dict())
        reread = parse_client_context if isinstance(model, ClientContextModel) else parse_cognito_identity
        assert reread(written).to_json() == written
        if isinstance(model, ClientContextModel):
            assert_round_trips(model, model.to_dict())
        return "accepted"
    assert refusal.problems
    assert str(refusal).startswith("invalid ")
    return "refused"


@FAST
@given(st.one_of(st.text(), st.binary(), st.text(alphabet='{}[]",:0123456789.eE-+ \\nultrfasNIy')))
def test_random_text_and_bytes(data: str | bytes) -> None:
    accepted_or_refused(parse_client_context, data)
    accepted_or_refused(parse_cognito_identity, data)


TOKENS = [
    "NaN",
    "-Infinity",
    "1e999",
    "-0.0",
    "9" * 4301,
    "null",
    "true",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    '"',
    "\\",
    "\\ud800",
    "\\udc00",
    "\\u0000",
    "\ud800",
    "\x00",
    "\ufeff",
    "[" * 250,
    '{"a":' * 250,
    "\u00e9",
    "😀",
]


@st.composite
def mutated_texts(draw: st.DrawFn) -> str | bytes:
    """A corpus file with a few edits: a slice cut out, a token spliced in, a character replaced."""
    seed = draw(st.sampled_from(SEEDS + IDENTITY_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(seed)))
        edit = draw(st.sampled_from(["cut", "insert", "replace"]))
        if edit == "cut":
            seed = seed[:at] + seed[at + draw(st.integers(1, 20)) :]
        elif edit == "insert":
            seed = seed[:at] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3))) + seed[at:]
        else:
            seed = seed[:at] + draw(st.characters()) + seed[at + 1 :]
    if draw(st.booleans()):
        return seed.encode("utf-8", "surrogatepass")
    return seed


@FAST
@given(mutated_texts())
def test_mutated_corpus_text(data: str | bytes) -> None:
    accepted_or_refused(parse_client_context, data)
    accepted_or_refused(parse_cognito_identity, data)


def deep(levels: int, container: str) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value] if container == "list" else {"k": value}
    return value


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


python_values = st.one_of(
    json_values,
    st.sampled_from([math.nan, math.inf, -math.inf, 10**4300, -(10**4300), "\ud800", "a\udfffb", b"bytes"]),
    st.sampled_from([Decimal("1.5"), datetime.date(2024, 5, 1), object(), Unprintable(), print, 1j, ...]),
    st.sets(st.integers(), max_size=3),
    st.frozensets(st.integers(), max_size=3),
    st.tuples(st.integers(), text),
    st.dictionaries(st.one_of(st.integers(), st.none(), st.tuples(st.integers()), text), json_values, max_size=3),
    st.builds(deep, st.integers(195, 210), st.sampled_from(["list", "dict"])),
    st.just(deep(100_000, "dict")),
)


@st.composite
def mutated_payloads(draw: st.DrawFn) -> Any:
    """A parsed corpus payload with one node, at any depth, replaced by any Python value."""
    payload: dict[str, Any] = json.loads(draw(st.sampled_from(SEEDS)))
    if draw(st.integers(0, 9)) == 0:
        return draw(python_values)  # the whole payload
    node = payload
    while node:
        if not draw(st.booleans()):
            break
        child: object = node[draw(st.sampled_from(sorted(node)))]
        if not isinstance(child, dict):
            break
        node = cast("dict[str, Any]", child)
    key = draw(st.one_of(st.sampled_from(sorted(node) or ["new"]), keys))
    node[key] = draw(python_values)
    return payload


@FEW
@given(mutated_payloads())
def test_mutated_corpus_payloads(payload: Any) -> None:
    accepted_or_refused(parse_client_context, payload)


class Holder:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


@FEW
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "client": st.one_of(python_values, st.builds(Holder, app_title=python_values)),
            "custom": python_values,
            "env": python_values,
            "cognito_identity_id": python_values,
        },
    )
)
def test_objects_with_attributes(attributes: dict[str, Any]) -> None:
    accepted_or_refused(parse_client_context, Holder(**attributes))
    accepted_or_refused(parse_cognito_identity, Holder(**attributes))


@FAST
@given(
    st.one_of(
        st.text(),
        st.binary(),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", max_size=64),
        mutated_texts().map(
            lambda data: base64.b64encode(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        ),
    )
)
def test_random_base64(data: str | bytes) -> None:
    accepted_or_refused(ClientContextModel.from_base64, data)


# --- Non-finite numbers in free-form values --------------------------------------------------------------------------

# Every spelling of a number JSON text can carry past a double, besides the literals NaN and (-)Infinity.
_too_large = st.sampled_from(["1e309", "-1e400", "1E+999", "0.5e310", "9" * 400 + ".5", "-" + "1" * 320 + "e0"])
_non_finite = st.one_of(st.sampled_from(["NaN", "Infinity", "-Infinity"]), _too_large)
_finite = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr), st.integers().map(str), text.map(json.dumps)
)


@st.composite
def free_form_texts(draw: st.DrawFn) -> tuple[str, bool]:
    """JSON text of ``custom``, arrays and objects of numbers and strings, and whether a number is not finite."""
    bad = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    parts = [draw(_non_finite if is_bad else _finite) for is_bad in bad]
    nested = ",".join(draw(st.sampled_from([f"[{part}]", f'{{"k":{part}}}', part])) for part in parts)
    return '{"custom":{"v":[' + nested + "]}}", any(bad)


@FAST
@given(free_form_texts())
def test_a_non_finite_number_in_a_free_form_value_is_always_refused(case: tuple[str, bool]) -> None:
    # The free-form parts are checked by the bytes marshal writes, not by a walk over every value: never missed.
    data, has_non_finite = case
    if has_non_finite:
        with pytest.raises(ContextValidationError, match="NaN and Infinity are not JSON"):
            parse_client_context(data)
    else:
        assert parse_client_context(data).to_dict() == json.loads(data)


def test_a_value_that_marshals_like_an_infinity_is_kept() -> None:
    # 32,752 * 2**45 is written by marshal as the 15-bit digits 0, 0, 0, 0x7ff0: the bytes of an infinity. The check
    # then walks the value, finds every number finite, and keeps it.
    number = 0x7FF0 << 45
    assert struct.pack("<d", math.inf) in marshal.dumps(number)
    data = json.dumps({"custom": {"n": number, "x": [1.5, "s"]}})
    assert parse_client_context(data).to_dict() == json.loads(data)
