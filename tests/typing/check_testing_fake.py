# pyright: strict
"""Static checks of lambda_context_types.testing: the fake is a LambdaContext, and mistakes are caught."""

from __future__ import annotations

from typing import Any, Literal, Protocol

from typing_extensions import assert_type

from lambda_context_types import ClientContext, CognitoIdentity, LambdaContext
from lambda_context_types.testing import (
    DEFAULT,
    DefaultType,
    FakeClock,
    FakeLambdaContext,
    LambdaContextFactory,
    make_lambda_context,
)

fake = make_lambda_context(memory_limit_in_mb=512, timeout=30, qualifier="live", clock=FakeClock())
assert_type(fake, FakeLambdaContext)

# The fake is accepted wherever the Protocol is expected.
context: LambdaContext = fake
contexts: list[LambdaContext] = [make_lambda_context(), make_lambda_context(log_stream_name=None, identity=None)]

# Its members have the Protocol's types, or narrower ones.
assert_type(fake.memory_limit_in_mb, str)
assert_type(fake.function_name, str)
assert_type(fake.log_group_name, str | None)
assert_type(fake.log_stream_name, str | None)
assert_type(fake.tenant_id, str | None)
assert_type(fake.identity, CognitoIdentity | None)
assert_type(fake.client_context, ClientContext | None)
assert_type(fake.get_remaining_time_in_millis(), int)
assert_type(fake.w3c(), dict[str, str])
assert_type(fake.logs, list[str])
assert_type(fake.clock, FakeClock)
assert_type(fake.clock.now_ns(), int)
fake.clock.advance(2.5)
fake.log("message")

# Like the runtime's log(self, msg): any object, by position or by keyword, so the fake also satisfies a Protocol
# that declares log(self, msg) (as the durable execution SDK's does). The package's Protocol stays narrower.
fake.log(42)
fake.log(msg={"order": 1})


class LogsByKeyword(Protocol):
    def log(self, msg: str) -> None: ...


keyword_logger: LogsByKeyword = fake


def through_the_protocol(context: LambdaContext) -> None:
    context.log(42)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]


# Every form a payload travels in is accepted.
payload: dict[str, Any] = {"client": {"app_title": "Orders"}}
make_lambda_context(client_context=payload, identity={"cognitoIdentityId": "us-east-1:abc"})
make_lambda_context(client_context='{"custom": {}}', identity=b'{"cognitoIdentityId": "us-east-1:abc"}')
make_lambda_context(client_context=fake.client_context, identity=fake.identity)
make_lambda_context(memory_limit_in_mb="1024", function_version="3", tenant_id="tenant-1")

# The fixture's type is the factory's own: make_lambda_context is LambdaContextFactory.__call__.
factory: LambdaContextFactory = make_lambda_context
assert_type(factory(timeout=1), FakeLambdaContext)


# Being a Protocol, it is satisfied by a function that takes the same keywords, and by no other.
def made_elsewhere(**overrides: Any) -> FakeLambdaContext:
    return make_lambda_context(**overrides)


def made_wrongly(*, timeout: str = "3") -> FakeLambdaContext:
    return make_lambda_context()


elsewhere: LambdaContextFactory = made_elsewhere
wrongly: LambdaContextFactory = made_wrongly  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]

# The default of the arguments where None means "none" can be named, so a wrapper can forward it.
assert_type(DEFAULT, Literal[DefaultType.DEFAULT])


def snapstart_context(identity: CognitoIdentity | DefaultType | None = DEFAULT) -> FakeLambdaContext:
    return make_lambda_context(log_group_name=None, log_stream_name=DEFAULT, identity=identity)


def forwarding_factory(factory: LambdaContextFactory, log_group_name: str | DefaultType | None) -> FakeLambdaContext:
    return factory(log_group_name=log_group_name)


# Mistakes a type checker catches before the test runs.
make_lambda_context(memory_size=128)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[unexpected-keyword]  # ty: ignore[unknown-argument]
make_lambda_context(memory_limit_in_mb=1.5)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
make_lambda_context(timeout="3")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
make_lambda_context(client_context=[1])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
make_lambda_context("my-function")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[bad-argument-count]  # ty: ignore[too-many-positional-arguments]
half = fake.memory_limit_in_mb / 2  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]
fake.function_name = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
factory(memory_size=128)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[unexpected-keyword]  # ty: ignore[unknown-argument]
make_lambda_context(tenant_id=DEFAULT)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
assert_type(int(fake.memory_limit_in_mb) // 2, int)
