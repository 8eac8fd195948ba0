# pyright: strict
"""Test doubles written the obvious ways are accepted as a LambdaContext; ones with the wrong types are not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from typing_extensions import assert_type

from lambda_context_types import ClientContext, CognitoIdentity, LambdaContext, MobileClient


def takes_context(context: LambdaContext) -> None: ...


@dataclass(frozen=True)
class FrozenIdentity:
    cognito_identity_id: str | None = None
    cognito_identity_pool_id: str | None = None


@dataclass(frozen=True)
class FrozenClient:
    installation_id: str | None = None
    app_title: str | None = None
    app_version_name: str | None = None
    app_version_code: str | None = None
    app_package_name: str | None = None


@dataclass(frozen=True)
class FrozenClientContext:
    client: FrozenClient | None = None
    # Narrower than the Protocol's Mapping[str, Any]: read-only members accept that.
    custom: dict[str, str] = field(default_factory=dict[str, str])
    env: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class FrozenContext:
    function_name: str = "orders"
    function_version: str = "$LATEST"
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
    memory_limit_in_mb: str = "128"
    aws_request_id: str = "c6af9ac6-7b61-11e6-9a41-93e812345678"
    log_group_name: str = "/aws/lambda/orders"
    log_stream_name: str = "2025/01/01/[$LATEST]0123456789abcdef"
    tenant_id: str | None = None
    identity: FrozenIdentity | None = None
    client_context: FrozenClientContext | None = None

    def get_remaining_time_in_millis(self) -> int:
        return 3_000

    def log(self, msg: str) -> None:
        print(msg)


class PlainContext:
    """A plain class with instance attributes, the way most hand-written fixtures look."""

    def __init__(self) -> None:
        self.function_name = "orders"
        self.function_version = "$LATEST"
        self.invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
        self.memory_limit_in_mb = "128"
        self.aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"
        self.log_group_name = "/aws/lambda/orders"
        self.log_stream_name: str | None = None
        self.tenant_id: str | None = "tenant-1"
        # pyrefly's strict preset flags these two: it infers `Any | None` for an unannotated `= None` (see below).
        # Narrower than the Protocol: a fake may promise that it never carries an identity or a client context.
        self.identity = None  # pyrefly: ignore[implicit-any-attribute]
        self.client_context = None  # pyrefly: ignore[implicit-any-attribute]

    def get_remaining_time_in_millis(self) -> int:
        return 3_000

    def log(self, msg: object) -> None:
        print(msg)


@dataclass
class IntMemoryContext:
    """Typed like the fake in aws-lambda-powertools' documentation: memory as an int, where the runtime gives a str."""

    function_name: str
    function_version: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    aws_request_id: str
    log_group_name: str
    log_stream_name: str | None
    tenant_id: str | None
    identity: CognitoIdentity | None
    client_context: ClientContext | None

    def get_remaining_time_in_millis(self) -> int:
        return 0

    def log(self, msg: str) -> None: ...


class WithoutLog:
    """Shaped like aws-lambda-powertools' class: no log(), and a static get_remaining_time_in_millis."""

    function_name = "orders"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
    memory_limit_in_mb = "128"
    aws_request_id = "id"
    # pyrefly's strict preset flags each unannotated `= None` (inferred as `Any | None`; see below).
    log_group_name = "/aws/lambda/orders"
    log_stream_name = None  # pyrefly: ignore[implicit-any-attribute]
    tenant_id = None  # pyrefly: ignore[implicit-any-attribute]
    identity = None  # pyrefly: ignore[implicit-any-attribute]
    client_context = None  # pyrefly: ignore[implicit-any-attribute]

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 0


def check_fakes_are_accepted() -> None:
    takes_context(FrozenContext())
    takes_context(FrozenContext(client_context=FrozenClientContext(client=FrozenClient(app_title="Notes"))))
    takes_context(FrozenContext(identity=FrozenIdentity("eu-west-1:1", "eu-west-1:2")))
    takes_context(PlainContext())
    identity: CognitoIdentity = FrozenIdentity()
    client: MobileClient = FrozenClient()
    client_context: ClientContext = FrozenClientContext()
    del identity, client, client_context


def check_narrower_types_survive_on_the_fake() -> None:
    assert_type(FrozenContext().log_stream_name, str)
    # pyrefly and ty infer an unannotated `= None` attribute as `None` joined with an unknown type, so that later
    # assignments may widen it; mypy and pyright infer `None`. pyrefly's strict preset also flags the attributes.
    assert_type(PlainContext().client_context, None)  # pyrefly: ignore[assert-type]  # ty: ignore[type-assertion-failure]


def check_wrong_fakes_are_rejected() -> None:
    takes_context(IntMemoryContext("f", "1", "arn", 128, "id", "g", None, None, None, None))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    takes_context(WithoutLog())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    takes_context(object())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]


def check_frozen_fake_is_frozen(context: FrozenContext) -> None:
    context.function_name = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
