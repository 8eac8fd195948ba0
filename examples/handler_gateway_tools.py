"""One Lambda function behind an Amazon Bedrock AgentCore Gateway target that implements two MCP tools.

The gateway sends only the tool's arguments as the event; which tool was called arrives in the client context as
``<target name>___<tool name>``. ``gateway_tool_call`` reads and checks it, and ``call.tool`` is the name the tool
schema gave, without the target's prefix, so the handler dispatches on it and keeps working when the target is
renamed. ``trace_context`` gives the caller's W3C trace, wherever the runtime and the caller put it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lambda_context_types import ContextValidationError, LambdaContext, trace_context
from lambda_context_types.agentcore import gateway_tool_call

ORDERS: dict[str, dict[str, Any]] = {"order-1": {"orderId": "order-1", "status": "shipped"}}


def get_order(arguments: dict[str, Any]) -> dict[str, Any]:
    """The ``get_order`` tool: the order with ``orderId``."""
    order = ORDERS.get(str(arguments.get("orderId")))
    return {"found": False} if order is None else {"found": True, "order": order}


def update_order(arguments: dict[str, Any]) -> dict[str, Any]:
    """The ``update_order`` tool: the order with ``orderId``, its status set (a real tool would store it)."""
    order = ORDERS.get(str(arguments.get("orderId")))
    if order is None:
        return {"updated": False}
    return {"updated": True, "order": {**order, "status": str(arguments.get("status", "pending"))}}


TOOLS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"get_order": get_order, "update_order": update_order}


class ToolError(Exception):
    """The invocation cannot run a tool; raised, it fails the invocation, which the gateway reports to the client."""


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run the tool the gateway names, with the event as its arguments."""
    try:
        call = gateway_tool_call(context)
        trace = trace_context(context)
    except ContextValidationError as error:
        raise ToolError(str(error)) from None
    if call is None:
        raise ToolError("this function is a gateway target: the invocation carried no AgentCore Gateway tool call")
    tool = TOOLS.get(call.tool)
    if tool is None:
        raise ToolError(f"unknown tool {call.tool!r} (called as {call.tool_name!r}); this target has {sorted(TOOLS)}")
    context.log(f"{call.tool} from gateway {call.gateway_id}, trace {trace.traceparent if trace else None}")
    return tool(event)
