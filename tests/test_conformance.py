"""Contexts built the way the real runtime builds them satisfy the Protocols, and behave as FACTS.md says.

`awslambdaric.bootstrap.create_lambda_context` is the function the runtime calls with the raw Runtime API headers
before every invocation. If a new awslambdaric changes what it stores, a test here fails and tells us.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from awslambdaric.bootstrap import create_lambda_context
from awslambdaric.lambda_context import LambdaContext as RuntimeContext
from awslambdaric.lambda_runtime_exception import FaultException
from typing_extensions import get_protocol_members

from lambda_context_types import ClientContext, CognitoIdentity, LambdaContext, MobileClient

ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"
IDENTITY_ID = "eu-west-1:2b6c4f1e-7d3a-4e59-8c0b-1a2d3e4f5a6b"
POOL_ID = "eu-west-1:9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0"

# As aws-sdk-android's ClientContext.java writes it.
ANDROID = {
    "client": {
        "installation_id": "6f1c2b0e-8a53-4d7e-9c41-2f5b7a9d3e10",
        "app_version_name": "2.4.1",
        "app_version_code": "241",
        "app_package_name": "com.example.notes",
        "app_title": "Notes",
    },
    "env": {"platform": "Android", "model": "Pixel 8", "make": "Google", "platform_version": "14", "locale": "en_US"},
    "custom": {"plan": "pro"},
    "services": {"mobile_analytics": {"app_id": "d5f0a7c3b2e14e6f9a8b7c6d5e4f3a2b"}},
}

# As aws-sdk-ios's AWSClientContext.m writes it: a version, env.model_version, always custom and services.
IOS = {
    "version": "1.0",
    "client": {
        "installation_id": "UNKNOWN_INSTALLATION_ID",
        "app_package_name": "com.example.notes",
        "app_version_name": "2.4.1",
        "app_version_code": "241",
        "app_title": "Notes",
    },
    "env": {
        "model": "iPhone",
        "model_version": "iPhone15,2",
        "make": "apple",
        "platform": "iOS",
        "platform_version": "17.4",
        "locale": "en_US",
    },
    "custom": {},
    "services": {},
}

COGNITO = {"cognitoIdentityId": IDENTITY_ID, "cognitoIdentityPoolId": POOL_ID}


@pytest.fixture(autouse=True)
def lambda_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variables Lambda sets in every execution environment."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_VERSION", "7")
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
    monkeypatch.setenv("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders")
    monkeypatch.setenv("AWS_LAMBDA_LOG_STREAM_NAME", "2025/01/01/[7]0123456789abcdef0123456789abcdef")


def build(
    client_context: str | None = None, cognito_identity: str | None = None, tenant_id: str | None = None
) -> RuntimeContext:
    """Build a context from header strings, exactly as the runtime's bootstrap does."""
    deadline_ms = int(time.time() * 1000) + 30_000
    return create_lambda_context(client_context, cognito_identity, deadline_ms, "request-1", ARN, tenant_id)


def header(payload: Any) -> str:
    return json.dumps(payload)


def test_an_android_invocation_satisfies_every_protocol() -> None:
    context = build(header(ANDROID), header(COGNITO))

    assert isinstance(context, LambdaContext)
    assert isinstance(context.client_context, ClientContext)
    assert isinstance(context.client_context.client, MobileClient)
    assert isinstance(context.identity, CognitoIdentity)
    client = context.client_context.client
    assert client.installation_id == "6f1c2b0e-8a53-4d7e-9c41-2f5b7a9d3e10"
    assert client.app_title == "Notes"
    assert client.app_version_name == "2.4.1"
    assert client.app_version_code == "241"
    assert client.app_package_name == "com.example.notes"
    assert context.client_context.env == ANDROID["env"]
    assert context.client_context.custom == {"plan": "pro"}


def test_an_ios_invocation_satisfies_every_protocol() -> None:
    context = build(header(IOS))

    assert isinstance(context, LambdaContext)
    assert isinstance(context.client_context, ClientContext)
    assert isinstance(context.client_context.client, MobileClient)
    assert context.client_context.client.installation_id == "UNKNOWN_INSTALLATION_ID"
    assert context.client_context.custom == {}
    assert context.client_context.env is not None
    assert context.client_context.env["model_version"] == "iPhone15,2"


def test_every_member_has_the_type_the_protocol_declares() -> None:
    context = build(header(ANDROID), header(COGNITO), tenant_id="tenant-42")

    assert get_protocol_members(LambdaContext) == {
        "function_name",
        "function_version",
        "invoked_function_arn",
        "memory_limit_in_mb",
        "aws_request_id",
        "log_group_name",
        "log_stream_name",
        "tenant_id",
        "identity",
        "client_context",
        "get_remaining_time_in_millis",
        "log",
    }
    assert context.function_name == "orders"
    assert context.function_version == "7"
    assert context.invoked_function_arn == ARN
    # The memory is the environment variable's text, not a number: the reason the Protocol says `str`.
    assert context.memory_limit_in_mb == "512"
    assert type(context.memory_limit_in_mb) is str
    assert context.aws_request_id == "request-1"
    assert context.log_group_name == "/aws/lambda/orders"
    assert context.log_stream_name == "2025/01/01/[7]0123456789abcdef0123456789abcdef"
    assert context.tenant_id == "tenant-42"
    remaining = context.get_remaining_time_in_millis()
    assert type(remaining) is int
    assert 0 < remaining <= 30_000


def test_the_cognito_header_is_camel_case_and_becomes_snake_case_attributes() -> None:
    context = build(cognito_identity=header(COGNITO))

    assert isinstance(context.identity, CognitoIdentity)
    assert context.identity.cognito_identity_id == IDENTITY_ID
    assert context.identity.cognito_identity_pool_id == POOL_ID


def test_a_snake_case_cognito_key_is_silently_ignored() -> None:
    context = build(cognito_identity=header({"cognito_identity_id": IDENTITY_ID}))

    assert context.identity is not None
    assert context.identity.cognito_identity_id is None


@pytest.mark.parametrize("client_context", [None, "", "null"])
def test_without_a_client_context_there_is_none_but_there_is_still_an_identity(client_context: str | None) -> None:
    context = build(client_context)

    assert isinstance(context, LambdaContext)
    assert context.client_context is None
    # The Protocol keeps `identity` Optional as AWS documents it, though this runtime always builds one.
    assert isinstance(context.identity, CognitoIdentity)
    assert context.identity.cognito_identity_id is None
    assert context.identity.cognito_identity_pool_id is None
    assert context.tenant_id is None


def test_an_empty_client_context_object_gives_an_object_with_no_values() -> None:
    context = build("{}")

    assert isinstance(context.client_context, ClientContext)
    assert context.client_context.client is None
    assert context.client_context.custom is None
    assert context.client_context.env is None


def test_unknown_keys_are_dropped_and_capitalised_custom_is_ignored() -> None:
    payload = {"client": {"client_id": "from-the-analytics-spec"}, "Custom": {"traceparent": "00-x"}, "version": "1.0"}
    context = build(header(payload))

    assert isinstance(context.client_context, ClientContext)
    assert context.client_context.custom is None
    assert isinstance(context.client_context.client, MobileClient)
    assert context.client_context.client.installation_id is None
    assert not hasattr(context.client_context.client, "client_id")
    assert not hasattr(context.client_context, "version")
    assert not hasattr(context.client_context, "services")


def test_custom_and_env_values_are_passed_through_as_parsed_json() -> None:
    custom = {"foo": "bar", "baz": 123, "headers": {"x-trace": ["a", "b"]}, "flag": True, "none": None}
    context = build(header({"custom": custom, "env": {"platform": "Android", "api_level": 34}}))

    assert context.client_context is not None
    assert context.client_context.custom == custom
    assert type(context.client_context.custom) is dict
    assert context.client_context.env == {"platform": "Android", "api_level": 34}


def test_w3c_fields_are_taken_out_of_the_client_context() -> None:
    w3c = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": 5, "other": "x"}
    context = build(header({"custom": {"k": "v"}, "w3c": w3c}))

    # Only the allowed keys, and only string values, survive.
    assert context.w3c() == {"traceparent": w3c["traceparent"]}
    assert context.w3c() is not context.w3c()
    assert context.client_context is not None
    assert context.client_context.custom == {"k": "v"}
    assert build().w3c() == {}


@pytest.mark.parametrize(
    "payload",
    [pytest.param([ANDROID], id="top-level array"), pytest.param({"client": "x"}, id="client not an object")],
)
def test_json_of_the_wrong_shape_crashes_the_runtime_with_attribute_error(payload: Any) -> None:
    with pytest.raises(AttributeError):
        build(header(payload))


def test_a_cognito_header_of_the_wrong_shape_crashes_the_runtime_too() -> None:
    with pytest.raises(AttributeError):
        build(cognito_identity=header([COGNITO]))


def test_custom_and_env_that_are_not_objects_are_stored_unchecked() -> None:
    # The one way the runtime's object breaks the Protocol: nothing checks the shape of `custom` and `env`. The SDKs
    # never send this; parse_client_context refuses it.
    context = build(header({"custom": "x", "env": [1]}))

    assert context.client_context is not None
    assert context.client_context.custom == "x"
    assert context.client_context.env == [1]


def test_a_header_that_is_not_json_fails_with_the_unmarshal_error() -> None:
    with pytest.raises(FaultException) as caught:
        build("{not json")

    assert caught.value.exception_type == "Runtime.LambdaContextUnmarshalError"
    assert caught.value.msg.startswith("Unable to parse Client Context JSON: ")


def test_the_remaining_time_is_clamped_at_zero() -> None:
    context = create_lambda_context(None, None, int(time.time() * 1000) - 5_000, "request-1", ARN, None)

    assert context.get_remaining_time_in_millis() == 0


def test_log_writes_the_text_of_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    context = build()

    context.log("one record")
    context.log(42)  # the Protocol asks for a str; the runtime itself takes anything

    assert capsys.readouterr().out == "one record42"


def test_outside_lambda_the_environment_members_are_none(monkeypatch: pytest.MonkeyPatch) -> None:
    # The one place where the runtime stores None for what the Protocol calls `str`: the variables are unset.
    # Lambda always sets them, which is why the Protocol and the bundled stubs say `str`.
    for name in ("NAME", "VERSION", "MEMORY_SIZE"):
        monkeypatch.delenv(f"AWS_LAMBDA_FUNCTION_{name}")
    monkeypatch.delenv("AWS_LAMBDA_LOG_GROUP_NAME")

    context = build()

    assert context.function_name is None
    assert context.function_version is None
    assert context.memory_limit_in_mb is None
    assert context.log_group_name is None
