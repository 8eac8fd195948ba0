# pyright: strict
"""Static checks of the AgentCore Gateway tool call, trace_context and the gateway's test factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from awslambdaric.lambda_context import LambdaContext as RuntimeLambdaContext
from typing_extensions import assert_type

from lambda_context_types import LambdaContext, W3CTraceModel, trace_context
from lambda_context_types.agentcore import GatewayToolCall, gateway_client_context_schema, gateway_tool_call
from lambda_context_types.testing import FakeLambdaContext, gateway_client_context, make_lambda_context


def check_reading(context: LambdaContext, runtime: RuntimeLambdaContext, fake: FakeLambdaContext) -> None:
    # Any context: the Protocol, the runtime's own class, the fake.
    assert_type(gateway_tool_call(context), GatewayToolCall | None)
    assert_type(gateway_tool_call(runtime), GatewayToolCall | None)
    assert_type(gateway_tool_call(fake), GatewayToolCall | None)
    assert_type(trace_context(context), W3CTraceModel | None)
    assert_type(trace_context(runtime), W3CTraceModel | None)
    assert_type(trace_context(fake), W3CTraceModel | None)


def check_members(call: GatewayToolCall) -> None:
    assert_type(call.tool_name, str)
    assert_type(call.target, str | None)
    assert_type(call.tool, str)
    assert_type(call.message_version, str | None)
    assert_type(call.aws_request_id, str | None)
    assert_type(call.mcp_message_id, str | None)
    assert_type(call.gateway_id, str | None)
    assert_type(call.target_id, str | None)
    assert_type(call.session_id, str | None)
    assert_type(call.propagated_headers, Mapping[str, str] | None)
    assert_type(call.propagated_query_parameters, Mapping[str, str] | None)
    assert_type(call.to_dict(), dict[str, Any])
    assert_type(gateway_client_context_schema(), dict[str, Any])


def check_dispatch(context: LambdaContext) -> str:
    # The narrowing a handler needs: None first, then the tool's name is a str.
    call = gateway_tool_call(context)
    if call is None:
        return "not a gateway call"
    return call.tool.upper()


def check_factory() -> None:
    payload = gateway_client_context(target="OrderTools", tool="get_order")
    assert_type(payload, dict[str, Any])
    make_lambda_context(client_context=payload)
    gateway_client_context(target="OrderTools", tool="get_order", gateway_id="gw-0123456789", session_id=None)


def check_refused(call: GatewayToolCall, context: LambdaContext) -> None:
    call.tool_name = "a___b"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    call.target = "a"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]  # pyrefly: ignore[read-only]  # ty: ignore[invalid-assignment]
    gateway_tool_call(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    gateway_tool_call(context.client_context)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    trace_context({"traceparent": "00-..."})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    gateway_client_context(target="OrderTools")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[missing-argument]  # ty: ignore[missing-argument]
    gateway_client_context("OrderTools", "get_order")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]  # pyrefly: ignore[unexpected-positional-argument]  # ty: ignore[missing-argument, too-many-positional-arguments]


def check_target_can_be_none(call: GatewayToolCall) -> None:
    # A tool name without the target's prefix has no target: the checkers insist on the None check.
    call.target.upper()  # type: ignore[union-attr]  # pyright: ignore[reportOptionalMemberAccess]  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-union-attribute]
