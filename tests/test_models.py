"""The models and parsers against real payload shapes, broken ones, and hostile input.

Corpus (tests/corpus/), one file per shape, as the producers write them (compact JSON, their key order):

- client-context/android*.json: aws-amplify/aws-sdk-android,
  aws-android-sdk-core/src/main/java/com/amazonaws/mobileconnectors/util/ClientContext.java. getClientInfo() puts
  installation_id, app_version_name, app_version_code (String.valueOf of the int), app_package_name, app_title
  ("Unknown" when there is no label); when the package info cannot be read, ``client`` stays ``{}``.
  getDeviceInfo() puts platform ("Android"), model, make, platform_version, locale. ``custom`` (a string map) and
  ``services`` (``{"mobile_analytics": {"app_id": ...}}``) only appear after putCustomContext/putServiceContext.
- client-context/ios*.json: aws-amplify/aws-sdk-ios, AWSCore/Service/AWSClientContext.m, dictionaryRepresentation:
  top-level ``"version": "1.0"``, always ``custom`` (default ``{}``) and ``services`` (default ``{}``), env with
  ``model_version`` and ``make`` "apple", every missing value "Unknown" and a missing installation id
  "UNKNOWN_INSTALLATION_ID". Note that it fills app_version_name from CFBundleVersion (the build number) and
  app_version_code from CFBundleShortVersionString (the user-visible version): the reverse of Android's meaning.
- client-context/mobile-analytics-spec.json: the Mobile Analytics PutEvents reference's client context header
  (docs.aws.amazon.com/mobileanalytics/latest/ug/PutEvents.html), which names the id ``client.client_id``.
- the others: shapes other producers send or could (nested and numeric ``custom`` values, ``w3c``, explicit nulls,
  Unicode, unknown and capitalised keys, ``{}``).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import decimal
import enum
import json
import math
import re
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pydantic
import pytest
from conftest import same_json
from pydantic_core import from_json

import lambda_context_types
from lambda_context_types import (
    MAX_CLIENT_CONTEXT_BYTES,
    ClientContext,
    ClientContextModel,
    CognitoIdentity,
    CognitoIdentityModel,
    ContextValidationError,
    MobileClient,
    MobileClientModel,
    Problem,
    W3CTraceModel,
    parse_client_context,
    parse_cognito_identity,
)

CORPUS = Path(__file__).parent / "corpus"
PYDANTIC_VERSION = tuple(int(part) for part in pydantic.VERSION.split(".")[:3])
CLIENT_CONTEXTS = sorted((CORPUS / "client-context").glob("*.json"))
IDENTITIES = sorted((CORPUS / "cognito-identity").glob("*.json"))


def paths(error: ContextValidationError) -> list[str]:
    return [problem.path for problem in error.problems]


def client_context_error(data: Any) -> ContextValidationError:
    with pytest.raises(ContextValidationError) as caught:
        parse_client_context(data)
    assert caught.value.what == "client context"
    return caught.value


def identity_error(data: Any) -> ContextValidationError:
    with pytest.raises(ContextValidationError) as caught:
        parse_cognito_identity(data)
    assert caught.value.what == "Cognito identity"
    return caught.value


# --- The corpus: everything a producer sends is accepted and comes back unchanged ---------------------------------


def test_the_corpus_is_there() -> None:
    names = {path.stem for path in CLIENT_CONTEXTS}
    assert {"android", "ios", "ios-unknown", "mobile-analytics-spec", "w3c", "empty", "unicode"} <= names
    assert len(IDENTITIES) >= 3


@pytest.mark.parametrize("path", CLIENT_CONTEXTS, ids=lambda path: path.stem)
def test_client_context_corpus_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = json.loads(text)

    model = parse_client_context(text)

    assert same_json(json.loads(model.to_json())) == same_json(expected)
    assert same_json(model.to_dict()) == same_json(expected)
    assert parse_client_context(text.encode("utf-8")) == model == parse_client_context(bytearray(text, "utf-8"))
    assert same_json(parse_client_context(expected).to_dict()) == same_json(expected)
    assert same_json(ClientContextModel.from_base64(model.to_base64()).to_dict()) == same_json(expected)
    assert model.to_base64() == base64.b64encode(model.to_json().encode("utf-8")).decode("ascii")


@pytest.mark.parametrize("path", IDENTITIES, ids=lambda path: path.stem)
def test_cognito_identity_corpus_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = json.loads(text)

    model = parse_cognito_identity(text)

    assert same_json(json.loads(model.to_json())) == same_json(expected)
    assert same_json(model.to_dict()) == same_json(expected)
    assert same_json(parse_cognito_identity(expected).to_dict()) == same_json(expected)


def test_android_fields() -> None:
    model = parse_client_context((CORPUS / "client-context" / "android.json").read_bytes())

    assert model.client is not None
    assert model.client.installation_id == "2d9a130e-1c3b-40c7-8953-c7c4aea3d6fa"
    assert model.client.app_version_code == "2"
    assert model.client.app_title == "Sample"
    assert model.env == {
        "platform": "Android",
        "model": "Pixel 7",
        "make": "Google",
        "platform_version": "14",
        "locale": "en_US",
    }
    assert model.custom == {"first_name": "John", "last_name": "Doe"}
    assert model.services == {"mobile_analytics": {"app_id": "mobile_analytics_app_id"}}
    assert model.w3c is None


def test_ios_unknown_values_and_extra_keys_are_kept() -> None:
    model = parse_client_context((CORPUS / "client-context" / "ios-unknown.json").read_text())

    assert model.client is not None
    assert model.client.installation_id == "UNKNOWN_INSTALLATION_ID"
    assert model.client.app_title == "Unknown"
    assert model.env is not None
    assert model.env["model_version"] == "Unknown"
    assert model.custom == {}
    assert model.services == {}
    assert model.model_extra == {"version": "1.0"}


def test_mobile_analytics_client_id_is_kept_as_an_unknown_key() -> None:
    model = parse_client_context((CORPUS / "client-context" / "mobile-analytics-spec.json").read_text())

    assert model.client is not None
    assert model.client.installation_id is None
    assert model.client.model_extra == {"client_id": "6f1c2b0e-8a53-4d7e-9c41-2f5b7a9d3e10"}
    assert '"client_id":"6f1c2b0e-8a53-4d7e-9c41-2f5b7a9d3e10"' in model.to_json()


def test_w3c_fields_and_unknown_w3c_keys() -> None:
    model = parse_client_context((CORPUS / "client-context" / "w3c.json").read_text())

    assert model.w3c == W3CTraceModel.model_validate(
        {
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "tracestate": "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
            "baggage": "userId=alice,serverNode=DF%2028",
            "future": {"x": 1},
        }
    )
    assert model.w3c is not None
    assert model.w3c.model_extra == {"future": {"x": 1}}


def test_custom_keeps_numbers_and_nesting_with_their_types() -> None:
    model = parse_client_context((CORPUS / "client-context" / "custom-numbers.json").read_text())

    assert model.custom is not None
    assert model.custom["baz"] == 123
    assert type(model.custom["baz"]) is int
    assert model.custom["big"] == 12345678901234567890123
    assert model.custom["ratio"] == 0.25
    assert model.custom["flag"] is True
    assert model.custom["nothing"] is None
    assert model.custom["list"] == [1, "two", 3.0, [], {}]


def test_absent_keys_are_not_invented_and_explicit_nulls_are_kept() -> None:
    assert parse_client_context("{}").to_json() == "{}"
    assert parse_client_context('{"client": {}}').to_json() == '{"client":{}}'
    assert parse_client_context('{"client": null, "w3c": null}').to_json() == '{"client":null,"w3c":null}'

    model = parse_client_context('{"client": {"app_title": null}, "env": {"model": null}}')

    assert model.to_dict() == {"client": {"app_title": None}, "env": {"model": None}}
    assert model.client is not None
    assert model.client.installation_id is None


def test_capitalised_keys_are_unknown_keys_and_kept() -> None:
    model = parse_client_context((CORPUS / "client-context" / "capital-custom-key.json").read_text())

    assert model.custom == {"a": "b"}
    assert model.model_extra is not None
    assert set(model.model_extra) == {"Custom", "CLIENT"}


def test_unicode_survives_every_form() -> None:
    text = (CORPUS / "client-context" / "unicode.json").read_text(encoding="utf-8")

    model = parse_client_context(text)

    assert model.client is not None
    assert model.client.app_title == "Café Crème ☕ 日本語 😀"
    assert model.custom is not None
    assert model.custom["emoji"] == "😀"
    assert model.env == {"locale": "zh_Hant_TW", "model": "Galaxy Ö"}
    assert ClientContextModel.from_base64(model.to_base64()) == model
    assert model.to_json().encode("utf-8")  # encodable, so it can be sent


# --- The models satisfy the Protocols --------------------------------------------------------------------------------


def test_models_satisfy_the_protocols() -> None:
    model = parse_client_context((CORPUS / "client-context" / "android.json").read_text())
    identity = parse_cognito_identity((CORPUS / "cognito-identity" / "both.json").read_text())

    # Checked by mypy and pyright on this file as well: each assignment needs the model to match its Protocol.
    client_context: ClientContext = model
    client: MobileClient | None = model.client
    cognito: CognitoIdentity = identity

    assert isinstance(client_context, ClientContext)
    assert isinstance(client, MobileClient)
    assert isinstance(cognito, CognitoIdentity)
    assert isinstance(model.custom, Mapping)
    assert identity.cognito_identity_id == "us-east-1:2b7f1c3a-5d4e-4f60-8a9b-0c1d2e3f4a5b"


def test_models_are_frozen() -> None:
    model = parse_client_context('{"client": {"app_title": "x"}}')

    with pytest.raises(ValueError, match="frozen"):
        model.client = None  # type: ignore[misc]
    assert model.client is not None
    with pytest.raises(ValueError, match="frozen"):
        model.client.app_title = "y"  # type: ignore[misc]


def test_public_names_are_exported_lazily() -> None:
    assert lambda_context_types.parse_client_context is parse_client_context
    assert lambda_context_types.MAX_CLIENT_CONTEXT_BYTES == 3583 == MAX_CLIENT_CONTEXT_BYTES
    assert lambda_context_types.MobileClientModel is MobileClientModel


def test_a_model_passes_through_unchanged() -> None:
    model = parse_client_context('{"custom": {"a": 1}}')
    identity = parse_cognito_identity('{"cognitoIdentityId": "x"}')

    assert parse_client_context(model) is model
    assert parse_cognito_identity(identity) is identity


# --- Cognito identity: camelCase on the wire, snake_case in Python -------------------------------------------------


def test_identity_wire_names() -> None:
    identity = parse_cognito_identity('{"cognitoIdentityId": "us-east-1:a", "cognitoIdentityPoolId": "us-east-1:b"}')

    assert identity.cognito_identity_id == "us-east-1:a"
    assert identity.cognito_identity_pool_id == "us-east-1:b"
    assert identity.to_json() == '{"cognitoIdentityId":"us-east-1:a","cognitoIdentityPoolId":"us-east-1:b"}'
    assert CognitoIdentityModel(cognitoIdentityId="us-east-1:a").to_dict() == {"cognitoIdentityId": "us-east-1:a"}


def test_identity_python_names_on_the_wire_are_refused_with_the_wire_name() -> None:
    # The runtime reads only the camelCase keys, so these would arrive as None.
    for data in (
        {"cognito_identity_id": "x"},
        '{"cognito_identity_id": "x"}',
        '{"cognitoIdentityId": null, "cognito_identity_id": "x"}',
    ):
        error = identity_error(data)

        assert paths(error) == ["cognito_identity_id"]
        assert "send it as 'cognitoIdentityId'" in str(error)

    assert paths(identity_error({"cognito_identity_pool_id": "x"})) == ["cognito_identity_pool_id"]


@pytest.mark.parametrize(
    "data",
    ['{"cognito_identity_id": NaN}', {"cognito_identity_id": {1}}, {"cognito_identity_id": math.inf}],
    ids=["JSON NaN", "a set", "infinity"],
)
def test_a_python_name_with_a_bad_value_is_named_first(data: str | dict[str, Any]) -> None:
    name, *value = identity_error(data).problems

    assert name.path == "cognito_identity_id"
    assert "send it as 'cognitoIdentityId'" in name.message
    # The value's own problem follows, except in JSON text on pydantic 2.13 to 2.14.1, which drop a key named like a
    # field before its value is validated (a mapping's values are also checked before the parse).
    dropped = isinstance(data, str) and (2, 13) <= PYDANTIC_VERSION <= (2, 14, 1)
    assert len(value) == (0 if dropped else 1)
    for problem in value:
        assert problem.path == "cognito_identity_id"
        assert "NaN and Infinity" in problem.message or "has no JSON form" in problem.message


def test_a_python_name_is_named_beside_the_other_fields_problems() -> None:
    assert paths(identity_error('{"cognito_identity_id": "x", "cognitoIdentityId": 5}')) == [
        "cognito_identity_id",
        "cognitoIdentityId",
    ]


def test_a_python_name_sent_twice_is_one_problem() -> None:
    assert paths(identity_error('{"cognito_identity_id": "a", "cognito_identity_id": "b"}')) == ["cognito_identity_id"]


class SlotsIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity_id: str | None, pool_id: str | None) -> None:
        self.cognito_identity_id = identity_id
        self.cognito_identity_pool_id = pool_id


def test_identity_from_an_object_with_snake_case_attributes() -> None:
    identity = parse_cognito_identity(SlotsIdentity("us-east-1:a", None))

    assert identity.cognito_identity_id == "us-east-1:a"
    assert identity.to_dict() == {"cognitoIdentityId": "us-east-1:a"}


# --- Objects with attributes ---------------------------------------------------------------------------------------


class FakeClient:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


class FakeClientContext:
    def __init__(self, client: Any = None, custom: Any = None, env: Any = None) -> None:
        self.client = client
        self.custom = custom
        self.env = env


def test_client_context_from_an_object() -> None:
    fake = FakeClientContext(FakeClient(app_title="Notes", installation_id="i"), {"n": 1}, {"platform": "Android"})

    model = parse_client_context(fake)

    assert model.to_dict() == {
        "client": {"installation_id": "i", "app_title": "Notes"},
        "custom": {"n": 1},
        "env": {"platform": "Android"},
    }


def test_client_context_from_an_object_with_mappings_and_models_inside() -> None:
    client = MobileClientModel.model_validate({"app_title": "x", "client_id": "c"})

    assert parse_client_context(FakeClientContext(client=client)).to_dict() == {
        "client": {"app_title": "x", "client_id": "c"}
    }
    assert parse_client_context(FakeClientContext(client={"app_title": "x"})).to_dict() == {
        "client": {"app_title": "x"}
    }


def test_an_object_with_wrong_attribute_types_is_refused_with_paths() -> None:
    error = client_context_error(FakeClientContext(client="x", custom=["a"], env={"os": 1}))

    assert paths(error) == ["client", "custom", "env.os"]


def test_the_whole_lambda_context_is_refused_with_a_hint() -> None:
    class Context:
        client_context = None
        identity = None

    assert "pass context.client_context" in str(client_context_error(Context()))
    assert "pass context.identity" in str(identity_error(Context()))


def test_attributes_that_raise_are_reported() -> None:
    class Exploding:
        @property
        def client(self) -> Any:
            raise RuntimeError("boom")

        custom = None
        env = None

    error = client_context_error(Exploding())

    assert error.problems == (Problem("client", "reading the attribute raised RuntimeError"),)


def test_a_client_object_missing_an_attribute_or_raising_is_read_as_far_as_it_goes() -> None:
    class Partial:
        app_title = "Notes"

    class Raising:
        app_title = "x"

        @property
        def installation_id(self) -> str:
            raise KeyError("installation_id")

        @property
        def app_package_name(self) -> str:
            raise OSError("app_package_name")

    assert parse_client_context(FakeClientContext(client=Partial())).to_dict() == {"client": {"app_title": "Notes"}}
    error = client_context_error(FakeClientContext(client=Raising()))
    assert error.problems == (
        Problem("client.installation_id", "reading the attribute raised KeyError"),
        Problem("client.app_package_name", "reading the attribute raised OSError"),
    )

    class AllRaise:
        def __getattr__(self, name: str) -> str:
            raise RuntimeError(name)

    error = client_context_error(FakeClientContext(client=AllRaise()))
    assert [problem.path for problem in error.problems] == [
        "client.installation_id",
        "client.app_title",
        "client.app_version_name",
        "client.app_version_code",
        "client.app_package_name",
    ]


# --- Broken payloads: one problem per field, with its path ---------------------------------------------------------

BROKEN_JSON: list[tuple[str, list[str]]] = [
    ("[]", [""]),
    ('"client"', [""]),
    ("null", [""]),
    ("42", [""]),
    ("", [""]),
    ("   ", [""]),
    ("{", [""]),
    ('{"client": }', [""]),
    ("{'client': {}}", [""]),
    ('{"a": 1} trailing', [""]),
    ('{"a": NaN}', ["a"]),
    ('{"client": "x"}', ["client"]),
    ('{"client": []}', ["client"]),
    ('{"client": {"app_version_code": 42}}', ["client.app_version_code"]),
    ('{"client": {"installation_id": true}}', ["client.installation_id"]),
    ('{"client": {"app_title": {"en": "Notes"}}}', ["client.app_title"]),
    ('{"client": {"client_id": 1e400}}', ["client.client_id"]),
    ('{"client": {"app_title": ' + "9" * 4300 + "}}", ["client.app_title"]),
    ('{"client": {"app_title": NaN}}', ["client.app_title"]),
    ('{"env": []}', ["env"]),
    ('{"env": {"platform_version": 14}}', ["env.platform_version"]),
    ('{"env": {"a": {"b": "c"}}}', ["env.a"]),
    ('{"custom": "x"}', ["custom"]),
    ('{"custom": [1]}', ["custom"]),
    ('{"custom": {"n": NaN}}', ["custom.n"]),
    ('{"custom": {"tags": [1, 2, Infinity]}}', ["custom.tags[2]"]),
    ('{"custom": {"a.b": -Infinity}}', ['custom["a.b"]']),
    ('{"custom": {"x": [[{"y": 1e999}]]}}', ["custom.x[0][0].y"]),
    ('{"services": {"a": {"b": -Infinity}}}', ["services.a.b"]),
    ('{"services": "mobile_analytics"}', ["services"]),
    ('{"version": NaN}', ["version"]),
    ('{"w3c": "x"}', ["w3c"]),
    ('{"w3c": {"traceparent": 1}}', ["w3c.traceparent"]),
    ('{"w3c": {"other": Infinity}}', ["w3c.other"]),
    (
        '{"client": {"app_title": 1, "installation_id": true}, "env": {"locale": null, "make": 2}, '
        '"custom": {"n": NaN}}',
        ["client.installation_id", "client.app_title", "env.make", "custom.n"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN_JSON, ids=[text[:40] for text, _ in BROKEN_JSON])
def test_broken_json_is_refused_with_each_path(text: str, expected: list[str]) -> None:
    error = client_context_error(text)

    assert paths(error) == expected
    with pytest.raises(ContextValidationError) as from_bytes:
        parse_client_context(text.encode("utf-8"))
    assert from_bytes.value.problems == error.problems


def test_messages_say_what_is_wrong_and_the_fix() -> None:
    error = client_context_error('{"client": {"app_version_code": 42}, "custom": {"n": NaN}}')

    assert str(error) == (
        "invalid client context: 2 problems\n"
        '  client.app_version_code: expected a string or null, got number 42; send it as a string: "42"\n'
        "  custom.n: NaN and Infinity are not JSON, and a number must fit in a 64-bit float; send null or a string"
    )
    assert str(client_context_error("[1, 2]")) == (
        "invalid client context: 1 problem\n  (top level): the client context must be a JSON object ({...}), got array"
    )
    assert "send {} for an empty one" in str(client_context_error(""))


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"\ud800": 1}, ""),
        ({"client": {"\udc00": "x"}}, "client"),
        ({"w3c": {"\ud800": "x"}}, "w3c"),
        ({"env": {"\ud800": "x"}}, "env"),
        ({"custom": {"\ud800": "x"}}, "custom"),
    ],
)
def test_a_lone_surrogate_in_a_key_is_reported_as_a_key(data: Any, path: str) -> None:
    error = client_context_error(data)

    assert paths(error) == [path]
    assert error.problems[0].message.startswith('key string "\\ud')
    assert error.problems[0].message.endswith("contains a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot encode")


def test_an_identity_key_with_a_lone_surrogate_is_reported_as_a_key() -> None:
    error = identity_error({"\ud800": "x"})

    assert error.problems[0].message.startswith('key string "\\ud800"')


@pytest.mark.parametrize("data", ["\ufeff{}", b"\xef\xbb\xbf{}", bytearray(b"\xef\xbb\xbf{}")])
def test_a_byte_order_mark_is_named_with_the_fix(data: str | bytes | bytearray) -> None:
    error = client_context_error(data)

    assert paths(error) == [""]
    assert "byte order mark" in error.problems[0].message
    assert error.problems[0].message.endswith("save without a byte order mark")
    assert "byte order mark" in identity_error(data).problems[0].message


@pytest.mark.parametrize("data", ["", "   ", " \t\r\n", b"", b"\n", bytearray(b" ")])
def test_empty_and_whitespace_text_get_the_empty_text_message(data: str | bytes | bytearray) -> None:
    error = client_context_error(data)

    assert error.problems == (Problem("", "empty text: a client context is a JSON object; send {} for an empty one"),)


def test_the_error_pickles_and_copies_with_its_count() -> None:
    import copy
    import pickle

    error = client_context_error({"custom": {f"k{i}": {i} for i in range(25)}})
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert isinstance(clone, ContextValidationError)
        assert (clone.what, clone.problems, clone.omitted) == (error.what, error.problems, 5)
        assert str(clone) == str(error)


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": "\xff"}',  # not UTF-8
        b"\xef\xbb\xbf{}",  # a byte order mark
        '{"a": "\\ud800"}',  # an escaped lone surrogate
        '{"a": "\\udc00x"}',
        '{"a": "\ud800"}',  # a lone surrogate in the str itself
        bytearray(b'{"a": 1'),
        '{"a": ' + "9" * 5000 + "}",  # past the parser's 4,300 digits
    ],
)
def test_undecodable_text_is_refused_at_the_top_level(data: str | bytes | bytearray) -> None:
    assert paths(client_context_error(data)) == [""]


def parser_depth_limit() -> int:
    """The deepest nesting pydantic-core's JSON parser takes, the top-level value being level 1."""

    def parses(depth: int) -> bool:
        try:
            from_json("[" * depth + "]" * depth)
        except ValueError:
            return False
        return True

    return max(depth for depth in range(150, 300) if parses(depth))


def test_the_nesting_limit_is_the_json_parsers() -> None:
    assert parser_depth_limit() == 201


def test_nesting_limit_in_json_text() -> None:
    def nested(depth: int) -> str:
        # The top-level object is level 1, the custom object level 2, the innermost list level ``depth``.
        return '{"custom": {"a": ' + "[" * (depth - 2) + "]" * (depth - 2) + "}}"

    assert parse_client_context(nested(201)).to_json()
    assert "nested deeper than 201 levels" in str(client_context_error(nested(202)))
    assert paths(client_context_error("[" * 100_000 + "]" * 100_000)) == [""]
    assert paths(client_context_error('{"a":' * 100_000 + "1" + "}" * 100_000)) == [""]


def test_megabytes_of_data_are_parsed_and_a_huge_report_lists_20_problems_and_counts_the_rest() -> None:
    big = json.dumps({"custom": {f"k{i}": "v" * 100 for i in range(20_000)}})  # about 2.3 MB
    assert len(parse_client_context(big).custom or {}) == 20_000

    bad = {"env": {f"k{i}": i for i in range(100_000)}}
    for data in (json.dumps(bad), bad):
        error = client_context_error(data)
        assert paths(error) == [f"env.k{i}" for i in range(20)]
        assert error.omitted == 99_980
        lines = str(error).splitlines()
        assert lines[0] == "invalid client context: 100,000 problems"
        assert lines[-1] == "  ... and 99,980 more"
        assert len(lines) == 22


def test_python_input_counts_every_problem_past_the_listed_ones() -> None:
    # The free-form walk of Python values goes on counting after it stops listing.
    error = client_context_error({"custom": {f"k{i}": {i} for i in range(30)}})

    assert len(error.problems) == 20
    assert error.omitted == 10
    assert str(error).splitlines()[0] == "invalid client context: 30 problems"
    assert str(error).splitlines()[-1] == "  ... and 10 more"


def test_a_short_report_omits_nothing() -> None:
    error = client_context_error({"client": {"app_title": 1}})

    assert error.omitted == 0
    assert str(error) == (
        "invalid client context: 1 problem\n"
        '  client.app_title: expected a string or null, got number 1; send it as a string: "1"'
    )


def test_typed_fields_are_reported_before_free_form_values_whatever_the_payload_order() -> None:
    payload = {"zz": float("nan"), "custom": {"a": {1}}, "env": {"b": 2}, "client": {"app_title": 3}}
    text = '{"zz": NaN, "custom": {"a": Infinity}, "env": {"b": 2}, "client": {"app_title": 3}}'

    # Both forms go through one parser and one schema, so they report in one order: the model's fields, then the
    # unknown keys.
    assert paths(client_context_error(payload)) == ["client.app_title", "env.b", "custom.a", "zz"]
    assert paths(client_context_error(text)) == ["client.app_title", "env.b", "custom.a", "zz"]


def test_identity_broken() -> None:
    assert paths(identity_error('{"cognitoIdentityId": 1}')) == ["cognitoIdentityId"]
    assert paths(identity_error('{"cognitoIdentityPoolId": ["x"], "extra": NaN}')) == [
        "cognitoIdentityPoolId",
        "extra",
    ]
    assert paths(identity_error("[]")) == [""]
    assert paths(identity_error(b"\xff")) == [""]
    assert paths(identity_error({"cognitoIdentityId": b"x"})) == ["cognitoIdentityId"]
    assert paths(identity_error(7)) == [""]


# --- Python input: only what JSON can carry -------------------------------------------------------------------------


class BadMapping(Mapping[str, Any]):
    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("cannot iterate")

    def __len__(self) -> int:
        return 1


class _Size(enum.Enum):
    SMALL = 1


@dataclasses.dataclass
class _Point:
    x: int
    y: int


BROKEN_PYTHON: list[tuple[Any, list[str]]] = [
    ({"custom": {"tags": {"a", "b"}}}, ["custom.tags"]),
    ({"custom": {"when": datetime.datetime(2024, 5, 1)}}, ["custom.when"]),
    ({"custom": {"raw": b"bytes"}}, ["custom.raw"]),
    ({"custom": {"n": math.nan}}, ["custom.n"]),
    ({"custom": {"n": [1, -math.inf]}}, ["custom.n[1]"]),
    ({"services": {"a": {"b": [2.5, math.nan]}}}, ["services.a.b[1]"]),
    ({"custom": {"s": "\udc80"}}, ["custom.s"]),
    ({"custom": {"\ud800": "x"}}, ["custom"]),
    ({"custom": {1: "x"}}, ["custom"]),
    ({"custom": {"a": {(1, 2): "x"}}}, ["custom.a"]),
    ({"custom": {"big": 10**4300}}, ["custom.big"]),
    ({"custom": {"f": print}}, ["custom.f"]),
    ({"custom": BadMapping()}, ["custom"]),
    ({"client": {"app_title": b"Notes"}}, ["client.app_title"]),
    ({"client": {"app_title": "\ud800"}}, ["client.app_title"]),
    ({"client": {"client_id": {1}}}, ["client.client_id"]),
    ({"env": {"os": 1}}, ["env.os"]),
    ({"client": {"app_title": 10**5000}}, ["client.app_title"]),
    ({"client": {"app_title": math.nan}}, ["client.app_title"]),
    ({"env": {2: "x"}}, ["env"]),
    ({"env": {"os": "\udfff"}}, ["env.os"]),
    ({"w3c": {"baggage": 1.5, "other": {1}}}, ["w3c.baggage", "w3c.other"]),
    ({"version": math.inf}, ["version"]),
    ({1: "x"}, [""]),
    # What pydantic-core's to_json, which writes the mapping form, would turn into JSON without a word.
    ({"custom": {"d": decimal.Decimal("1.5")}}, ["custom.d"]),
    ({"custom": {"id": uuid.UUID(int=1)}}, ["custom.id"]),
    ({"custom": {"s": frozenset({1})}}, ["custom.s"]),
    ({"custom": {"b": bytearray(b"x")}}, ["custom.b"]),
    ({"custom": {"t": datetime.timedelta(seconds=1)}}, ["custom.t"]),
    ({"custom": {"e": _Size.SMALL}}, ["custom.e"]),
    ({"custom": {"p": _Point(1, 2)}}, ["custom.p"]),
    ({"custom": {"m": MobileClientModel(app_title="x")}}, ["custom.m"]),
    ({"custom": {None: 1, True: 2, 1.5: 3}}, ["custom", "custom", "custom"]),
    (5, [""]),
    (None, [""]),
    ([1, 2], [""]),
    (BadMapping(), [""]),
]


@pytest.mark.parametrize(("data", "expected"), BROKEN_PYTHON, ids=[str(i) for i in range(len(BROKEN_PYTHON))])
def test_broken_python_input_is_refused_with_each_path(data: Any, expected: list[str]) -> None:
    assert paths(client_context_error(data)) == expected


def test_deep_python_nesting_is_refused_without_recursion() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(100_000):
        node["k"] = {}
        node = node["k"]

    error = client_context_error({"custom": deep})

    assert len(error.problems) == 1
    assert error.problems[0].path == "custom" + ".k" * 199
    assert "nested deeper than 201 levels" in error.problems[0].message


def test_python_nesting_limit_matches_the_json_parser() -> None:
    def nested(levels: int) -> dict[str, Any]:
        value: Any = []
        for _ in range(levels - 3):  # the top-level object, custom and the list "a" are three levels
            value = [value]
        return {"custom": {"a": value}}

    at_limit = parse_client_context(nested(201))
    assert parse_client_context(at_limit.to_json()) == at_limit
    assert paths(client_context_error(nested(202))) == ["custom.a" + "[0]" * 198]
    assert paths(client_context_error(json.dumps(nested(202)))) == [""]


def test_python_values_are_copied_as_plain_json() -> None:
    import enum

    class Color(str, enum.Enum):
        RED = "red"

    source: dict[str, Any] = {"custom": {"list": [1, (2, 3)], "color": Color.RED, "flag": True}}

    model = parse_client_context(MappingProxyType(source))
    source["custom"]["list"].append("changed later")

    custom = model.custom
    assert custom is not None
    assert dict(custom) == {"list": [1, [2, 3]], "color": "red", "flag": True}
    assert type(custom["color"]) is str
    assert json.loads(model.to_json()) == model.to_dict()


def test_the_constructor_checks_python_values_too() -> None:
    with pytest.raises(ValueError, match="not a JSON value"):
        ClientContextModel(custom={"n": math.nan})
    with pytest.raises(ValueError, match="string"):
        MobileClientModel(app_title="\ud800")


@pytest.mark.parametrize(
    "number",
    [10**4000, 10**4300 - 1, -(10**4300 - 1), 10**4300, -(10**4300)],
    ids=["4001 digits", "4300 digits", "minus 4300 digits", "4301 digits", "minus 4301 digits"],
)
def test_long_integers_from_python_are_held_to_the_json_parser(number: int) -> None:
    try:
        parses = from_json(int.__repr__(number)) == number
    except ValueError:  # past the parser's limit, or past sys.get_int_max_str_digits() for repr
        parses = False

    if parses:
        model = parse_client_context({"custom": {"big": number}})
        assert json.loads(model.to_json()) == model.to_dict() == {"custom": {"big": number}}
        assert parse_client_context(model.to_json()) == model
    else:
        assert paths(client_context_error({"custom": {"big": number}})) == ["custom.big"]


def test_the_smallest_float_survives() -> None:
    model = parse_client_context({"custom": {"tiny": 5e-324, "negative_zero": -0.0}})

    assert parse_client_context(model.to_json()) == model
    assert math.copysign(1.0, parse_client_context(model.to_json()).to_dict()["custom"]["negative_zero"]) == -1.0


# --- Base64: the Invoke API form and its limit ----------------------------------------------------------------------


def test_base64_round_trip_and_form() -> None:
    model = parse_client_context('{"custom": {"a": "b"}}')

    assert model.to_base64() == "eyJjdXN0b20iOnsiYSI6ImIifX0="
    assert ClientContextModel.from_base64("eyJjdXN0b20iOnsiYSI6ImIifX0=") == model
    assert ClientContextModel.from_base64(b"eyJjdXN0b20iOnsiYSI6ImIifX0=") == model


def payload_of_json_size(size: int) -> ClientContextModel:
    filler = size - len('{"custom":{"x":""}}')
    return parse_client_context(json.dumps({"custom": {"x": "a" * filler}}, separators=(",", ":")))


def test_base64_limit_both_ways() -> None:
    largest = payload_of_json_size(2685)
    assert len(largest.to_base64()) == 3580
    assert ClientContextModel.from_base64(largest.to_base64()) == largest

    with pytest.raises(ContextValidationError) as caught:
        payload_of_json_size(2686).to_base64()
    assert str(caught.value) == (
        "invalid client context: 1 problem\n"
        "  (top level): the base64 form is 3,584 bytes, over the Invoke API limit of 3,583: the JSON is 2,686 bytes "
        "of UTF-8 and may be at most 2,685; shorten or drop values"
    )

    too_long = base64.b64encode(b'{"custom":{"x":"' + b"a" * 2700 + b'"}}').decode()
    with pytest.raises(ContextValidationError, match=r"is 3,628 bytes, over the Invoke API limit of 3,583"):
        ClientContextModel.from_base64(too_long)


@pytest.mark.parametrize(
    "data",
    [
        "not base64!",
        "eyJ9",  # decodes to '{"}': not JSON
        "e30",  # {} without its padding
        "e3 0=",
        "e30=\n",
        "e30-",  # URL-safe alphabet
        "ëëëë",
        b"\xff\xfe",
        "W10=",  # []
    ],
)
def test_bad_base64_is_refused(data: str | bytes) -> None:
    with pytest.raises(ContextValidationError) as caught:
        ClientContextModel.from_base64(data)
    assert paths(caught.value) == [""]


def test_base64_of_a_bad_payload_keeps_the_field_paths() -> None:
    encoded = base64.b64encode(b'{"client": {"app_title": 1}}').decode()

    with pytest.raises(ContextValidationError) as caught:
        ClientContextModel.from_base64(encoded)

    assert paths(caught.value) == ["client.app_title"]


def test_from_base64_refuses_other_types() -> None:
    with pytest.raises(ContextValidationError, match="expected base64 text"):
        ClientContextModel.from_base64(123)  # type: ignore[arg-type]


# --- The JSON Schema has the field descriptions -----------------------------------------------------------------------


def test_json_schema_describes_fields() -> None:
    schema = ClientContextModel.model_json_schema(by_alias=True)
    client = schema["$defs"]["MobileClientModel"]["properties"]

    assert schema["properties"]["custom"]["description"].startswith("Values set by the calling application")
    assert client["app_version_code"]["description"].startswith("The version code, as text")
    assert client["app_title"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert CognitoIdentityModel.model_json_schema(by_alias=True)["properties"]["cognitoIdentityId"]["description"]


def all_descriptions(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():  # pyright: ignore[reportUnknownVariableType]
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from all_descriptions(value)
    elif isinstance(schema, list):
        for item in schema:  # pyright: ignore[reportUnknownVariableType]
            yield from all_descriptions(item)


@pytest.mark.parametrize("model", [ClientContextModel, CognitoIdentityModel])
def test_json_schema_descriptions_are_plain_text(model: type[ClientContextModel | CognitoIdentityModel]) -> None:
    descriptions = list(all_descriptions(model.model_json_schema(by_alias=True)))

    assert len(descriptions) >= 3
    for description in descriptions:
        assert "`" not in description, description
        assert not re.search(r":[a-z]+:", description), description


def test_json_schema_names_are_public_and_model_descriptions_are_the_summary() -> None:
    schema = ClientContextModel.model_json_schema(by_alias=True)

    assert all(not name.startswith("_") for name in schema["$defs"])
    assert schema["$defs"]["JsonValue"] == {}
    assert schema["description"] == "A validated client context: what an invoker attached to a synchronous invocation."
    assert schema["$defs"]["MobileClientModel"]["description"] == (
        "The calling application, as the AWS Mobile SDKs describe it: the client context's client object."
    )
    assert schema["properties"]["services"]["description"] == (
        'Per-service settings the mobile SDKs add, such as {"mobile_analytics": {"app_id": "..."}}.'
    )
    assert json.dumps(schema).count("_JsonValue") == 0
