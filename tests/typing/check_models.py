# pyright: strict
"""The models satisfy their Protocols, are read-only for the checkers, and give precise types."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import assert_type

from lambda_context_types import (
    ClientContext,
    ClientContextModel,
    CognitoIdentity,
    CognitoIdentityModel,
    MobileClient,
    MobileClientModel,
    W3CTraceModel,
    parse_client_context,
    parse_cognito_identity,
)


def check_protocols(client_context: ClientContextModel, identity: CognitoIdentityModel) -> None:
    as_client_context: ClientContext = client_context
    as_identity: CognitoIdentity = identity
    if client_context.client is not None:
        as_client: MobileClient = client_context.client
        assert_type(as_client.app_title, str | None)
    assert_type(as_client_context.custom, Mapping[str, Any] | None)
    assert_type(as_identity.cognito_identity_id, str | None)


def check_members(model: ClientContextModel, identity: CognitoIdentityModel) -> None:
    assert_type(model.client, MobileClientModel | None)
    assert_type(model.custom, Mapping[str, Any] | None)
    assert_type(model.env, Mapping[str, str | None] | None)
    assert_type(model.services, Mapping[str, Any] | None)
    assert_type(model.w3c, W3CTraceModel | None)
    assert_type(model.to_json(), str)
    assert_type(model.to_dict(), dict[str, Any])
    assert_type(model.to_base64(), str)
    assert_type(ClientContextModel.from_base64("e30="), ClientContextModel)
    assert_type(identity.cognito_identity_pool_id, str | None)
    assert_type(identity.to_json(), str)


def check_parsers(text: str, data: bytes, mapping: Mapping[str, Any], runtime_object: ClientContext) -> None:
    assert_type(parse_client_context(text), ClientContextModel)
    assert_type(parse_client_context(data), ClientContextModel)
    assert_type(parse_client_context(mapping), ClientContextModel)
    assert_type(parse_client_context(runtime_object), ClientContextModel)
    assert_type(parse_cognito_identity('{"cognitoIdentityId": "x"}'), CognitoIdentityModel)


def check_construction() -> None:
    MobileClientModel(app_title="Orders", app_version_code="42")
    # The wire names: Cognito's camelCase aliases are the constructor's keywords.
    CognitoIdentityModel(cognitoIdentityId="us-east-1:1", cognitoIdentityPoolId="us-east-1:2")


def check_frozen(model: ClientContextModel, client: MobileClientModel, identity: CognitoIdentityModel) -> None:
    model.custom = {}  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    client.app_title = "x"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    identity.cognito_identity_id = "x"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]


def check_refused() -> None:
    MobileClientModel(app_version_code=42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    parse_client_context(42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    if (env := parse_client_context("{}").env) is not None:
        env["platform"] = "x"  # type: ignore[index]  # pyright: ignore[reportIndexIssue]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[invalid-assignment]
