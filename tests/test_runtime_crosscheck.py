"""Parsing what the real runtime builds gives the same values as parsing the header it was built from.

``awslambdaric.bootstrap.create_lambda_context`` (4.2.2) turns the two headers into slot objects: it copies the
known keys with ``dict.get`` (absent keys become None), drops every other key, and takes ``w3c`` out of the client
context before that (``context.w3c()`` offers its string fields). Parsing its objects therefore gives the header's
values minus exactly that: unknown keys, ``w3c``, and keys whose value is null (an attribute that is None is left
out, as the runtime cannot tell null from absent).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import RuntimeContextFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_context_types import ContextValidationError, parse_client_context, parse_cognito_identity
from lambda_context_types._protocols import MOBILE_CLIENT_FIELDS, W3C_FIELDS

CORPUS = Path(__file__).parent / "corpus"
CLIENT_CONTEXTS = sorted((CORPUS / "client-context").glob("*.json"))
IDENTITIES = sorted((CORPUS / "cognito-identity").glob("*.json"))


def what_the_runtime_keeps(header: dict[str, Any]) -> dict[str, Any]:
    """The header as the runtime's objects can express it: known keys with non-null values, nothing else."""
    kept = {key: header[key] for key in ("custom", "env") if header.get(key) is not None}
    client = header.get("client")
    if client is not None:
        kept["client"] = {key: client[key] for key in MOBILE_CLIENT_FIELDS if client.get(key) is not None}
    return kept


@pytest.mark.parametrize("path", CLIENT_CONTEXTS, ids=lambda path: path.stem)
def test_runtime_object_and_header_agree(path: Path, runtime_context: RuntimeContextFactory) -> None:
    header = path.read_text(encoding="utf-8")
    context = runtime_context(header)
    assert context.client_context is not None

    from_header = parse_client_context(header)
    from_runtime = parse_client_context(context.client_context)

    assert from_runtime.to_dict() == what_the_runtime_keeps(json.loads(header))
    for name in ("custom", "env"):
        assert getattr(from_runtime, name) == getattr(from_header, name)
    if from_header.client is not None:
        assert from_runtime.client is not None
        for name in MOBILE_CLIENT_FIELDS:
            assert getattr(from_runtime.client, name) == getattr(from_header.client, name)
    # What the runtime drops: w3c (moved to context.w3c()), services and every unknown key.
    assert from_runtime.w3c is None
    assert from_runtime.services is None
    assert not from_runtime.model_extra


@pytest.mark.parametrize("path", CLIENT_CONTEXTS, ids=lambda path: path.stem)
def test_runtime_w3c_matches_the_w3c_model(path: Path, runtime_context: RuntimeContextFactory) -> None:
    header = path.read_text(encoding="utf-8")

    model = parse_client_context(header)
    expected = {} if model.w3c is None else {name: getattr(model.w3c, name) for name in W3C_FIELDS}

    assert runtime_context(header).w3c() == {name: value for name, value in expected.items() if value is not None}


@pytest.mark.parametrize("path", IDENTITIES, ids=lambda path: path.stem)
def test_runtime_identity_and_header_agree(path: Path, runtime_context: RuntimeContextFactory) -> None:
    header = path.read_text(encoding="utf-8")

    from_header = parse_cognito_identity(header)
    identity = runtime_context(None, header).identity
    assert identity is not None
    from_runtime = parse_cognito_identity(identity)

    assert from_runtime.cognito_identity_id == from_header.cognito_identity_id
    assert from_runtime.cognito_identity_pool_id == from_header.cognito_identity_pool_id
    wire = json.loads(header)
    known = {key: wire[key] for key in ("cognitoIdentityId", "cognitoIdentityPoolId") if wire.get(key) is not None}
    assert from_runtime.to_dict() == known


def test_no_headers(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(None, None)

    assert context.client_context is None
    assert context.identity is not None
    assert parse_cognito_identity(context.identity).to_dict() == {}


@pytest.mark.parametrize(
    ("header", "runtime_error"),
    [
        ("[]", "AttributeError"),  # 'list' object has no attribute 'get'
        ('"text"', "AttributeError"),
        ("42", "AttributeError"),
        ('{"client": "x"}', "AttributeError"),
        ('{"client": [1]}', "AttributeError"),
        ("{not json", "FaultException"),  # reported as Runtime.LambdaContextUnmarshalError
    ],
)
def test_headers_the_runtime_fails_on_are_refused(
    header: str, runtime_error: str, runtime_context: RuntimeContextFactory
) -> None:
    with pytest.raises(Exception) as runtime_failure:  # noqa: PT011 - the runtime's own exceptions
        runtime_context(header)
    assert type(runtime_failure.value).__name__ == runtime_error

    with pytest.raises(ContextValidationError):
        parse_client_context(header)


def test_a_null_header_is_no_client_context_for_the_runtime_and_refused_here(
    runtime_context: RuntimeContextFactory,
) -> None:
    assert runtime_context("null").client_context is None

    with pytest.raises(ContextValidationError, match="must be a JSON object"):
        parse_client_context("null")


def test_values_the_runtime_passes_through_unchecked_are_refused(runtime_context: RuntimeContextFactory) -> None:
    # The Python runtime hands a number in a client field to the handler as it is; other runtimes fail on it.
    header = '{"client": {"app_version_code": 42}, "env": {"platform_version": 14}}'
    context = runtime_context(header)
    assert context.client_context is not None
    assert context.client_context.client is not None
    assert json.dumps(context.client_context.client.app_version_code) == "42"

    with pytest.raises(ContextValidationError) as caught:
        parse_client_context(header)
    assert [problem.path for problem in caught.value.problems] == ["client.app_version_code", "env.platform_version"]
    with pytest.raises(ContextValidationError):
        parse_client_context(context.client_context)


text = st.text(max_size=8)
json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False), text
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=8,
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "client": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {}, optional=dict.fromkeys((*MOBILE_CLIENT_FIELDS, "client_id"), st.one_of(st.none(), text))
            ),
        ),
        "custom": st.one_of(st.none(), st.dictionaries(text, json_values, max_size=3)),
        "env": st.one_of(st.none(), st.dictionaries(text, st.one_of(st.none(), text), max_size=3)),
        "services": st.dictionaries(text, json_values, max_size=2),
        "w3c": st.fixed_dictionaries({}, optional=dict.fromkeys((*W3C_FIELDS, "other"), st.one_of(st.none(), text))),
        "version": text,
    },
)


# The fixture only sets the environment and returns the builder, so sharing it between examples is safe.
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=headers)
def test_generated_headers_agree_with_the_runtime(
    header: dict[str, Any], runtime_context: RuntimeContextFactory
) -> None:
    wire = json.dumps(header)
    context = runtime_context(wire)
    assert context.client_context is not None

    assert parse_client_context(context.client_context).to_dict() == what_the_runtime_keeps(header)
    w3c: dict[str, Any] = header.get("w3c") or {}
    assert context.w3c() == {name: w3c[name] for name in W3C_FIELDS if isinstance(w3c.get(name), str)}
    assert parse_client_context(wire).to_dict() == header
