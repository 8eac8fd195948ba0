# pyright: strict
"""Every member of every Protocol has the type the runtime delivers, and the mistakes it permits are caught."""

# The bare expressions below exist to be type checked; this file never runs.
# ruff: noqa: B015, B018

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from typing_extensions import assert_type

from lambda_context_types import ClientContext, CognitoIdentity, LambdaContext, MobileClient


def check_lambda_context(context: LambdaContext) -> None:
    assert_type(context.function_name, str)
    assert_type(context.function_version, str)
    assert_type(context.invoked_function_arn, str)
    assert_type(context.memory_limit_in_mb, str)
    assert_type(context.aws_request_id, str)
    assert_type(context.log_group_name, str | None)
    assert_type(context.log_stream_name, str | None)
    assert_type(context.tenant_id, str | None)
    assert_type(context.identity, CognitoIdentity | None)
    assert_type(context.client_context, ClientContext | None)
    assert_type(context.get_remaining_time_in_millis(), int)
    # ty keeps a bound method's own type, which it deems a strict subtype of the Callable it matches: it asks that
    # such an assert_type be waived by name (its rule assert-type-unspellable-subtype).
    assert_type(context.get_remaining_time_in_millis, Callable[[], int])  # ty: ignore[assert-type-unspellable-subtype]
    assert_type(context.log, Callable[[str], None])  # ty: ignore[assert-type-unspellable-subtype]
    context.log("one record")


def check_cognito_identity(identity: CognitoIdentity) -> None:
    assert_type(identity.cognito_identity_id, str | None)
    assert_type(identity.cognito_identity_pool_id, str | None)


def check_client_context(client_context: ClientContext) -> None:
    assert_type(client_context.client, MobileClient | None)
    assert_type(client_context.custom, Mapping[str, Any] | None)
    assert_type(client_context.env, Mapping[str, Any] | None)


def check_mobile_client(client: MobileClient) -> None:
    assert_type(client.installation_id, str | None)
    assert_type(client.app_title, str | None)
    assert_type(client.app_version_name, str | None)
    assert_type(client.app_version_code, str | None)
    assert_type(client.app_package_name, str | None)


def check_none_checks_narrow(context: LambdaContext) -> None:
    if context.client_context is not None and context.client_context.client is not None:
        assert_type(context.client_context.client.app_title, str | None)
    if context.client_context is not None and context.client_context.custom is not None:
        # Values are whatever JSON arrived; no cast is needed to use them.
        assert_type(context.client_context.custom["tag"], Any)
    if context.identity is not None:
        assert_type(context.identity.cognito_identity_id, str | None)
    if context.tenant_id is not None:
        assert_type(context.tenant_id.upper(), str)
    assert_type(int(context.memory_limit_in_mb) * 1024, int)


def check_optional_members_need_a_none_check(context: LambdaContext) -> None:
    context.client_context.client  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    context.identity.cognito_identity_id  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    context.log_stream_name.split("/")  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    context.tenant_id.upper()  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
    if context.client_context is not None:
        context.client_context.client.app_title  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
        context.client_context.custom["tag"]  # type: ignore[index]  # pyright: ignore[reportOptionalSubscript]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[not-subscriptable]
        context.client_context.env["platform"]  # type: ignore[index]  # pyright: ignore[reportOptionalSubscript]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[not-subscriptable]


def check_memory_is_text(context: LambdaContext) -> None:
    # pyright also reports the statement as unused: a valid `1 + int(...)` would be unused the same way.
    1 + context.memory_limit_in_mb  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnusedExpression]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]
    context.memory_limit_in_mb > 128  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnusedExpression]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]
    megabytes: int = context.memory_limit_in_mb  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    del megabytes


def check_members_are_read_only(context: LambdaContext, client: MobileClient, identity: CognitoIdentity) -> None:
    context.function_name = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    context.client_context = None  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    client.app_title = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    identity.cognito_identity_id = None  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]


def check_custom_is_read_only(client_context: ClientContext) -> None:
    if client_context.custom is not None:
        client_context.custom["tag"] = "x"  # type: ignore[index]  # pyright: ignore[reportIndexIssue]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[invalid-assignment]


def check_unknown_attributes(context: LambdaContext) -> None:
    context.remaining_time  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    context.get_remaining_time_in_ms()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    context.log()  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[bad-argument-count]  # ty: ignore[missing-argument]


def check_isinstance_narrows(value: object) -> None:
    if isinstance(value, LambdaContext):
        assert_type(value, LambdaContext)
