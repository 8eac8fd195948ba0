# pyright: strict
"""The runtime's own classes, typed by the bundled awslambdaric stubs, satisfy the Protocols."""

# The bare expressions below exist to be type checked; this file never runs.
# ruff: noqa: B018

from __future__ import annotations

from typing import Any, Literal

from awslambdaric import lambda_context as runtime
from typing_extensions import assert_type

import lambda_context_types as lct


def takes_context(context: lct.LambdaContext) -> None: ...
def takes_client_context(client_context: lct.ClientContext) -> None: ...
def takes_mobile_client(client: lct.MobileClient) -> None: ...
def takes_identity(identity: lct.CognitoIdentity) -> None: ...


def check_members(context: runtime.LambdaContext) -> None:
    assert_type(context.aws_request_id, str)
    assert_type(context.log_group_name, str | None)
    assert_type(context.log_stream_name, str | None)
    assert_type(context.function_name, str)
    assert_type(context.memory_limit_in_mb, str)
    assert_type(context.function_version, str)
    assert_type(context.invoked_function_arn, str)
    assert_type(context.tenant_id, str | None)
    assert_type(context.client_context, runtime.ClientContext | None)
    assert_type(context.identity, runtime.CognitoIdentity | None)
    assert_type(context.get_remaining_time_in_millis(), int)
    assert_type(context.w3c(), dict[str, str])
    context.log("a str, as the Protocol requires")
    context.log(42)  # the runtime writes str(msg), so its own class takes anything


def check_holders(
    identity: runtime.CognitoIdentity, client_context: runtime.ClientContext, client: runtime.Client
) -> None:
    assert_type(identity.cognito_identity_id, str | None)
    assert_type(identity.cognito_identity_pool_id, str | None)
    assert_type(client_context.client, runtime.Client | None)
    assert_type(client_context.custom, dict[str, Any] | None)
    assert_type(client_context.env, dict[str, Any] | None)
    assert_type(client.installation_id, str | None)
    assert_type(client.app_title, str | None)
    assert_type(client.app_version_name, str | None)
    assert_type(client.app_version_code, str | None)
    assert_type(client.app_package_name, str | None)


def check_accepted_where_the_protocols_are_expected(context: runtime.LambdaContext) -> None:
    takes_context(context)
    takes_identity(runtime.CognitoIdentity())
    takes_client_context(runtime.ClientContext())
    takes_mobile_client(runtime.Client())
    if context.client_context is not None:
        takes_client_context(context.client_context)
        if context.client_context.client is not None:
            takes_mobile_client(context.client_context.client)
    if context.identity is not None:
        takes_identity(context.identity)
    annotated: lct.LambdaContext = context
    del annotated


def check_construction() -> None:
    # The arguments create_lambda_context passes: the parsed JSON headers and the deadline in epoch milliseconds.
    context = runtime.LambdaContext("request-id", {"custom": {"k": "v"}}, {"cognitoIdentityId": "x"}, 1_700_000_000_000)
    assert_type(context, runtime.LambdaContext)
    runtime.LambdaContext("request-id", None, None, 0, "arn:aws:lambda:eu-west-1:123456789012:function:f", "tenant")
    runtime.LambdaContext("request-id", None, None, "0")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    runtime.LambdaContext("request-id", None, None)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[missing-argument]  # ty: ignore[missing-argument]


def check_module_helpers() -> None:
    assert_type(runtime.W3C_ALLOWED_FIELDS, tuple[Literal["traceparent"], Literal["tracestate"], Literal["baggage"]])
    assert_type(runtime.make_obj_from_dict(runtime.Client, {"app_title": "Notes"}), runtime.Client)
    assert_type(runtime.make_obj_from_dict(runtime.Client, None), None)
    runtime.set_obj_from_dict(runtime.Client(), {"app_title": "Notes"})
    runtime.set_obj_from_dict(runtime.Client(), {"app_title": "Notes"}, ["app_title"])


def check_mistakes_are_caught(context: runtime.LambdaContext) -> None:
    1 + context.memory_limit_in_mb  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnusedExpression]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]
    context.client_context.client  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    context.identity.cognito_identity_id  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    context.w3c()["traceparent"] + 1  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnusedExpression]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]
    context.services  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]


# The holder classes use __slots__, so the runtime refuses a class that derives from two of them, and so do checkers.
class ClientAndIdentity(runtime.Client, runtime.CognitoIdentity): ...  # type: ignore[misc]  # pyright: ignore[reportGeneralTypeIssues]  # pyrefly: ignore[invalid-inheritance]  # ty: ignore[instance-layout-conflict]
