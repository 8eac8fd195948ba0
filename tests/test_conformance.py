"""Contexts built the way the real runtime builds them satisfy the Protocols, and behave as FACTS.md says.

`awslambdaric.bootstrap.create_lambda_context` is the function the runtime calls with the raw Runtime API headers
before every invocation. If a new awslambdaric changes what it stores, a test here fails and tells us.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from conftest import RUNTIME_ARN, RUNTIME_REQUEST_ID, RuntimeContextFactory
from typing_extensions import get_protocol_members

from lambda_context_types import ClientContext, CognitoIdentity, LambdaContext, MobileClient

# awslambdaric ships no type information, and the project's stubs cover its lambda_context module only.
FaultException: type[Exception] = importlib.import_module("awslambdaric.lambda_runtime_exception").FaultException

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


def header(payload: Any) -> str:
    return json.dumps(payload)


def test_an_android_invocation_satisfies_every_protocol(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header(ANDROID), header(COGNITO))

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


def test_an_ios_invocation_satisfies_every_protocol(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header(IOS))

    assert isinstance(context, LambdaContext)
    assert isinstance(context.client_context, ClientContext)
    assert isinstance(context.client_context.client, MobileClient)
    assert context.client_context.client.installation_id == "UNKNOWN_INSTALLATION_ID"
    assert context.client_context.custom == {}
    assert context.client_context.env is not None
    assert context.client_context.env["model_version"] == "iPhone15,2"


def test_every_member_has_the_type_the_protocol_declares(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header(ANDROID), header(COGNITO), tenant_id="tenant-42")

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
    assert context.invoked_function_arn == RUNTIME_ARN
    # The memory is the environment variable's text, not a number: the reason the Protocol says `str`.
    assert context.memory_limit_in_mb == "512"
    assert type(context.memory_limit_in_mb) is str
    assert context.aws_request_id == RUNTIME_REQUEST_ID
    assert context.log_group_name == "/aws/lambda/orders"
    assert context.log_stream_name == "2025/01/01/[7]0123456789abcdef0123456789abcdef"
    assert context.tenant_id == "tenant-42"
    remaining = context.get_remaining_time_in_millis()
    assert type(remaining) is int
    assert 0 < remaining <= 30_000


def test_the_cognito_header_is_camel_case_and_becomes_snake_case_attributes(
    runtime_context: RuntimeContextFactory,
) -> None:
    context = runtime_context(identity=header(COGNITO))

    assert isinstance(context.identity, CognitoIdentity)
    assert context.identity.cognito_identity_id == IDENTITY_ID
    assert context.identity.cognito_identity_pool_id == POOL_ID


def test_a_snake_case_cognito_key_is_silently_ignored(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(identity=header({"cognito_identity_id": IDENTITY_ID}))

    assert context.identity is not None
    assert context.identity.cognito_identity_id is None


@pytest.mark.parametrize("client_context", [None, "", "null"])
def test_without_a_client_context_there_is_none_but_there_is_still_an_identity(
    client_context: str | None, runtime_context: RuntimeContextFactory
) -> None:
    context = runtime_context(client_context)

    assert isinstance(context, LambdaContext)
    assert context.client_context is None
    # The Protocol keeps `identity` Optional as AWS documents it, though this runtime always builds one.
    assert isinstance(context.identity, CognitoIdentity)
    assert context.identity.cognito_identity_id is None
    assert context.identity.cognito_identity_pool_id is None
    assert context.tenant_id is None


def test_an_empty_client_context_object_gives_an_object_with_no_values(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context("{}")

    assert isinstance(context.client_context, ClientContext)
    assert context.client_context.client is None
    assert context.client_context.custom is None
    assert context.client_context.env is None


def test_unknown_keys_are_dropped_and_capitalised_custom_is_ignored(runtime_context: RuntimeContextFactory) -> None:
    payload = {"client": {"client_id": "from-the-analytics-spec"}, "Custom": {"traceparent": "00-x"}, "version": "1.0"}
    context = runtime_context(header(payload))

    assert isinstance(context.client_context, ClientContext)
    assert context.client_context.custom is None
    assert isinstance(context.client_context.client, MobileClient)
    assert context.client_context.client.installation_id is None
    assert not hasattr(context.client_context.client, "client_id")
    assert not hasattr(context.client_context, "version")
    assert not hasattr(context.client_context, "services")


def test_custom_and_env_values_are_passed_through_as_parsed_json(runtime_context: RuntimeContextFactory) -> None:
    custom = {"foo": "bar", "baz": 123, "headers": {"x-trace": ["a", "b"]}, "flag": True, "none": None}
    context = runtime_context(header({"custom": custom, "env": {"platform": "Android", "api_level": 34}}))

    assert context.client_context is not None
    assert context.client_context.custom == custom
    assert type(context.client_context.custom) is dict
    assert context.client_context.env == {"platform": "Android", "api_level": 34}


def test_w3c_fields_are_taken_out_of_the_client_context(runtime_context: RuntimeContextFactory) -> None:
    w3c = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": 5, "other": "x"}
    context = runtime_context(header({"custom": {"k": "v"}, "w3c": w3c}))

    # Only the allowed keys, and only string values, survive.
    assert context.w3c() == {"traceparent": w3c["traceparent"]}
    assert context.w3c() is not context.w3c()
    assert context.client_context is not None
    assert context.client_context.custom == {"k": "v"}
    assert runtime_context().w3c() == {}


@pytest.mark.parametrize(
    "payload",
    [pytest.param([ANDROID], id="top-level array"), pytest.param({"client": "x"}, id="client not an object")],
)
def test_json_of_the_wrong_shape_crashes_the_runtime_with_attribute_error(
    payload: Any, runtime_context: RuntimeContextFactory
) -> None:
    with pytest.raises(AttributeError):
        runtime_context(header(payload))


def test_a_cognito_header_of_the_wrong_shape_crashes_the_runtime_too(runtime_context: RuntimeContextFactory) -> None:
    with pytest.raises(AttributeError):
        runtime_context(identity=header([COGNITO]))


def test_custom_and_env_that_are_not_objects_are_stored_unchecked(runtime_context: RuntimeContextFactory) -> None:
    # The one way the runtime's object breaks the Protocol: nothing checks the shape of `custom` and `env`. The SDKs
    # never send this; parse_client_context refuses it.
    context = runtime_context(header({"custom": "x", "env": [1]}))

    assert context.client_context is not None
    stored: Any = context.client_context  # the stubs describe what the runtime should hold, not this
    assert stored.custom == "x"
    assert stored.env == [1]


def test_a_header_that_is_not_json_fails_with_the_unmarshal_error(runtime_context: RuntimeContextFactory) -> None:
    with pytest.raises(FaultException) as caught:
        runtime_context("{not json")

    fault: Any = caught.value
    assert fault.exception_type == "Runtime.LambdaContextUnmarshalError"
    assert fault.msg.startswith("Unable to parse Client Context JSON: ")


def test_the_remaining_time_is_clamped_at_zero(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(remaining_ms=-5_000)

    assert context.get_remaining_time_in_millis() == 0


def test_log_writes_the_text_of_its_argument(
    capsys: pytest.CaptureFixture[str], runtime_context: RuntimeContextFactory
) -> None:
    context = runtime_context()

    context.log("one record")
    context.log(42)  # the Protocol asks for a str; the runtime itself takes anything

    assert capsys.readouterr().out == "one record42"


def test_outside_lambda_the_environment_members_are_none(
    monkeypatch: pytest.MonkeyPatch, runtime_context: RuntimeContextFactory
) -> None:
    # The one place where the runtime stores None for what the Protocol calls `str`: the variables are unset.
    # Lambda always sets them, which is why the Protocol and the bundled stubs say `str`.
    for name in ("NAME", "VERSION", "MEMORY_SIZE"):
        monkeypatch.delenv(f"AWS_LAMBDA_FUNCTION_{name}")
    monkeypatch.delenv("AWS_LAMBDA_LOG_GROUP_NAME")

    context: Any = runtime_context()  # the stubs say `str`, as Lambda always sets the variables

    assert context.function_name is None
    assert context.function_version is None
    assert context.memory_limit_in_mb is None
    assert context.log_group_name is None


def test_the_field_lists_mirror_the_runtime() -> None:
    from awslambdaric import lambda_context as runtime

    from lambda_context_types._models import MobileClientModel, W3CTraceModel
    from lambda_context_types._protocols import CLIENT_CONTEXT_FIELDS, MOBILE_CLIENT_FIELDS, W3C_FIELDS

    assert set(MOBILE_CLIENT_FIELDS) == set(runtime.Client.__slots__)
    assert set(CLIENT_CONTEXT_FIELDS) == set(runtime.ClientContext.__slots__)
    assert W3C_FIELDS == runtime.W3C_ALLOWED_FIELDS
    assert tuple(MobileClientModel.model_fields) == MOBILE_CLIENT_FIELDS
    assert tuple(W3CTraceModel.model_fields) == W3C_FIELDS
