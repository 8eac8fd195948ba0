"""A durable function (AWS durable execution SDK) that reads its Lambda context typed by lambda_context_types.

The runtime calls `workflow` with its own context; `from_durable` gives the durable function that context back with
the package's types. `durable_handler` is how a test, or a wrapper, calls it with a context typed by the package.
"""

from __future__ import annotations

from typing import Any

from aws_durable_execution_sdk_python import DurableContext, StepContext, durable_execution

from lambda_context_types import LambdaContext
from lambda_context_types.interop import as_durable, from_durable


@durable_execution
def workflow(event: dict[str, Any], context: DurableContext) -> dict[str, Any]:
    lambda_context = from_durable(context)
    function = lambda_context.function_name

    def reserve(step: StepContext) -> str:
        return f"{event['order_id']} reserved by {function}"

    return {"reservation": context.step(reserve, name="reserve"), "tenant": lambda_context.tenant_id}


def durable_handler(event: dict[str, Any], context: LambdaContext) -> Any:
    """What a test (or a wrapper) does to call the durable handler with a context typed by the package."""
    return workflow(event, as_durable(context))
