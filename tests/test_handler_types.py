"""Handlers typed with LambdaHandler, wrapped by a decorator and called with the fake, at run time.

The static side of the same code is tests/typing/check_testing_handlers.py.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from lambda_context_types import LambdaContext, LambdaHandler
from lambda_context_types.testing import make_lambda_context

E = TypeVar("E")
R = TypeVar("R")


def logged(inner: LambdaHandler[E, R]) -> LambdaHandler[E, R]:
    @functools.wraps(inner)
    def wrapper(event: E, context: LambdaContext) -> R:
        context.log(f"start {context.aws_request_id}")
        result = inner(event, context)
        context.log(f"end with {context.get_remaining_time_in_millis()} ms left")
        return result

    return wrapper


@logged
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    # Stop early when less than a second is left, as a batch handler would.
    done: list[Any] = []
    for item in event["items"]:
        if context.get_remaining_time_in_millis() < 1000:
            break
        done.append(item)
    return {"done": done, "memory_mb": int(context.memory_limit_in_mb)}


def test_a_decorated_handler_runs_with_the_fake() -> None:
    context = make_lambda_context(aws_request_id="req-9", memory_limit_in_mb=256, timeout=5)

    result = handler({"items": [1, 2, 3]}, context)

    assert result == {"done": [1, 2, 3], "memory_mb": 256}
    assert context.logs == ["start req-9", "end with 5000 ms left"]
    assert handler.__name__ == "handler"  # type: ignore[attr-defined]


def test_a_handler_sees_the_clock_the_test_advances() -> None:
    context = make_lambda_context(timeout=5)
    context.clock.advance(4.5)

    assert handler({"items": [1, 2, 3]}, context)["done"] == []
