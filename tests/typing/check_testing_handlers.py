# pyright: strict
"""Static checks of handler types: a handler, decorators around it and a test calling it with the fake."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypedDict, TypeVar

from awslambdaric.lambda_context import LambdaContext as RuntimeContext
from typing_extensions import ParamSpec, assert_type

from lambda_context_types import LambdaContext, LambdaHandler
from lambda_context_types.testing import FakeLambdaContext, LambdaContextFactory, make_lambda_context

E = TypeVar("E")
R = TypeVar("R")
P = ParamSpec("P")


class OrderEvent(TypedDict):
    order_id: str


class OrderResult(TypedDict):
    status: str
    memory_mb: int


def handler(event: OrderEvent, context: LambdaContext) -> OrderResult:
    return {"status": event["order_id"], "memory_mb": int(context.memory_limit_in_mb)}


# A plain function is a LambdaHandler, whatever its parameters are called.
typed: LambdaHandler[OrderEvent, OrderResult] = handler


def lambda_handler(evt: Mapping[str, Any], ctx: LambdaContext) -> None:
    return None


# Events are contravariant and results covariant: a handler of any mapping handles a dict.
wider: LambdaHandler[dict[str, Any], object] = lambda_handler


# A decorator typed with LambdaHandler keeps the event and result types.
def logged(inner: LambdaHandler[E, R]) -> LambdaHandler[E, R]:
    @functools.wraps(inner)
    def wrapper(event: E, context: LambdaContext) -> R:
        context.log(f"request {context.aws_request_id}")
        return inner(event, context)

    return wrapper


# A ParamSpec decorator keeps the whole signature, parameter names included.
def timed(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return func(*args, **kwargs)

    return wrapper


logged_handler = logged(handler)
assert_type(logged_handler, LambdaHandler[OrderEvent, OrderResult])
timed_handler = timed(handler)
timed_handler(evt={"order_id": "o-1"}, context=make_lambda_context())  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[missing-argument, unexpected-keyword]  # ty: ignore[missing-argument, unknown-argument]


@logged
def decorated(event: OrderEvent, context: LambdaContext) -> OrderResult:
    return handler(event, context)


# A test calls every one of them with the fake.
def test_handler(lambda_context: FakeLambdaContext, make_lambda_context: LambdaContextFactory) -> None:
    event: OrderEvent = {"order_id": "o-1"}
    assert_type(handler(event, lambda_context), OrderResult)
    assert_type(logged_handler(event, lambda_context), OrderResult)
    assert_type(timed_handler(event, make_lambda_context(memory_limit_in_mb=256)), OrderResult)
    assert_type(decorated(event, make_lambda_context()), OrderResult)
    assert_type(timed_handler(event=event, context=lambda_context), OrderResult)


# Mistakes a type checker catches.
event: OrderEvent = {"order_id": "o-1"}
handler({"order_id": 1}, make_lambda_context())  # type: ignore[typeddict-item]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-argument-type]
handler(event, {"function_name": "f"})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
decorated(event)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[bad-argument-count]  # ty: ignore[missing-argument]


def needs_runtime_class(event: OrderEvent, context: RuntimeContext) -> OrderResult:
    return {"status": "ok", "memory_mb": int(context.memory_limit_in_mb)}


# Annotated with the runtime's own class, a handler cannot be called with the fake: annotate with the Protocol.
needs_runtime_class(event, make_lambda_context())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
