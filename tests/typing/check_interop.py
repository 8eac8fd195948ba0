# pyright: strict
"""The bridges in lambda_context_types.interop give each peer its own type and erase nothing."""

# The bare expressions below exist to be type checked; this file never runs.
# ruff: noqa: B018

from __future__ import annotations

from typing import Any

from aws_durable_execution_sdk_python import DurableContext, durable_execution
from aws_durable_execution_sdk_python.types import LambdaContext as DurableLambdaContext
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

# powertools types process_partial_response's record handler as a bare Callable, which strict pyright calls unknown.
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response  # pyright: ignore[reportUnknownVariableType]
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer
from aws_lambda_powertools.utilities.typing import LambdaContext as PowertoolsLambdaContext
from awslambdaric.lambda_context import LambdaContext as RuntimeLambdaContext
from mangum import Mangum
from mangum.types import LambdaContext as MangumLambdaContext
from mangum.types import Receive, Scope, Send
from typing_extensions import assert_type

from lambda_context_types import LambdaContext
from lambda_context_types.interop import as_durable, as_mangum, as_powertools, from_durable
from lambda_context_types.testing import FakeLambdaContext


async def asgi_app(scope: Scope, receive: Receive, send: Send) -> None: ...


@durable_execution
def workflow(event: dict[str, Any], context: DurableContext) -> str:
    return from_durable(context).function_name


def check_each_bridge_returns_the_peer_type(
    context: LambdaContext, fake: FakeLambdaContext, runtime: RuntimeLambdaContext, durable: DurableContext
) -> None:
    for source in (context, fake, runtime):
        assert_type(as_powertools(source), PowertoolsLambdaContext)
        assert_type(as_mangum(source), MangumLambdaContext)
        assert_type(as_durable(source), DurableLambdaContext)
    assert_type(from_durable(durable), LambdaContext)
    assert_type(from_durable(durable).memory_limit_in_mb, str)
    assert_type(from_durable(durable).log_group_name, str | None)


def check_the_peers_accept_what_the_bridges_return(
    event: dict[str, Any], context: LambdaContext, persistence: BasePersistenceLayer
) -> None:
    assert_type(APIGatewayRestResolver().resolve(event, as_powertools(context)), dict[str, Any])
    processor = BatchProcessor(event_type=EventType.SQS)
    process_partial_response(event, print, processor, context=as_powertools(context))
    IdempotencyConfig().register_lambda_context(as_powertools(context))
    assert_type(Mangum(asgi_app)(event, as_mangum(context)), dict[str, Any])
    workflow(event, as_durable(context))


def check_idempotent(event: dict[str, Any], context: LambdaContext, persistence: BasePersistenceLayer) -> None:
    # The decorated function takes powertools' class; the handler passes the package's context through the bridge.
    @idempotent(persistence_store=persistence)
    def charge(event: dict[str, Any], context: PowertoolsLambdaContext) -> int:
        return 1

    charge(event, as_powertools(context))
    charge(event, context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]

    # powertools binds the decorator's context type to its own class (or its durable context), not to a Protocol.
    # mypy and pyright reject the decorator (zuban too, as arg-type). ty solves the context type as the intersection
    # of the Protocol and powertools' durable context, so it rejects the call instead. pyrefly 1.4.1 accepts both.
    @idempotent(persistence_store=persistence)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]
    def annotated_with_the_protocol(event: dict[str, Any], context: LambdaContext) -> int:
        return 1

    annotated_with_the_protocol(event, context)  # ty: ignore[invalid-argument-type]


def check_the_peers_reject_the_package_types_without_a_bridge(
    event: dict[str, Any], context: LambdaContext, fake: FakeLambdaContext, runtime: RuntimeLambdaContext
) -> None:
    # powertools' context is a nominal class: no Protocol, fake or runtime object satisfies it.
    APIGatewayRestResolver().resolve(event, context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    APIGatewayRestResolver().resolve(event, runtime)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    IdempotencyConfig().register_lambda_context(fake)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    # Mangum's and the durable SDK's Protocols declare settable attributes (and Mangum's memory is an int).
    Mangum(asgi_app)(event, context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    Mangum(asgi_app)(event, fake)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    workflow(event, context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    workflow(event, fake)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]


def check_the_bridges_erase_no_type(context: LambdaContext, durable: DurableContext) -> None:
    # Only a LambdaContext goes in.
    as_powertools("context")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    as_mangum({"function_name": "orders"})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    as_durable(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    from_durable(context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    # What comes out has the peer's members only, with the peer's types.
    as_powertools(context).log("x")  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    as_mangum(context).tenant_id  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    as_durable(context).w3c()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
    from_durable(durable).memory_limit_in_mb + 1  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnusedExpression]  # pyrefly: ignore[unsupported-operation]  # ty: ignore[unsupported-operator]


def check_where_the_peers_types_differ_from_the_runtime(context: LambdaContext) -> None:
    # Recorded so that a peer release that fixes its types shows up here: the runtime stores text, and can store None.
    assert_type(as_powertools(context).memory_limit_in_mb, int)
    assert_type(as_powertools(context).log_stream_name, str)
    assert_type(as_mangum(context).memory_limit_in_mb, int)
    assert_type(as_durable(context).function_name, str | None)
    assert_type(as_durable(context).client_context, Any | None)
