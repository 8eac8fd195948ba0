# pyright: strict
"""LambdaHandler[E, R] matches plain handler functions, whatever their parameters are called, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from awslambdaric import lambda_context as runtime
from typing_extensions import assert_type

from lambda_context_types import LambdaContext, LambdaHandler

EventT = TypeVar("EventT")
ResultT = TypeVar("ResultT")


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, str]:
    return {"request": context.aws_request_id}


def terse_handler(evt: object, ctx: LambdaContext) -> None: ...


def no_context(event: dict[str, Any]) -> dict[str, str]:
    return {}


def int_context(event: dict[str, Any], context: int) -> dict[str, str]:
    return {}


def runtime_context(event: dict[str, Any], context: runtime.LambdaContext) -> dict[str, str]:
    return {}


def logged(wrapped: LambdaHandler[EventT, ResultT]) -> LambdaHandler[EventT, ResultT]:
    def wrapper(event: EventT, context: LambdaContext) -> ResultT:
        context.log(f"start {context.aws_request_id}")
        return wrapped(event, context)

    return wrapper


def check_plain_functions_are_handlers(context: LambdaContext) -> None:
    typed: LambdaHandler[dict[str, Any], dict[str, str]] = handler
    assert_type(typed({}, context), dict[str, str])
    # An event parameter typed `object` accepts any event, and names do not matter.
    terse: LambdaHandler[list[int], None] = terse_handler
    as_callable: Callable[[dict[str, Any], LambdaContext], dict[str, str]] = typed
    assert_type(logged(handler), LambdaHandler[dict[str, Any], dict[str, str]])
    del terse, as_callable


def check_wrong_functions_are_not() -> None:
    missing: LambdaHandler[dict[str, Any], dict[str, str]] = no_context  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    wrong_context: LambdaHandler[dict[str, Any], dict[str, str]] = int_context  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    wrong_result: LambdaHandler[dict[str, Any], int] = handler  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    wrong_event: LambdaHandler[str, dict[str, str]] = handler  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    # Annotated with the runtime's class, a handler refuses fakes; annotate with the Protocol instead.
    too_narrow: LambdaHandler[dict[str, Any], dict[str, str]] = runtime_context  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
    handler({}, object())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    del missing, wrong_context, wrong_result, wrong_event, too_narrow
