"""Tests of the gateway tool handler, with the client context the gateway sends built by ``gateway_client_context``.

The ``lambda_context`` fixture and marker come from the package's pytest plugin; no MagicMock context.
"""

from __future__ import annotations

import handler_gateway_tools
import pytest

from lambda_context_types.testing import FakeLambdaContext, LambdaContextFactory, gateway_client_context

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.mark.lambda_context(client_context=gateway_client_context(target="OrderTools", tool="get_order"))
def test_the_handler_runs_the_tool_the_gateway_names(lambda_context: FakeLambdaContext) -> None:
    result = handler_gateway_tools.handler({"orderId": "order-1"}, lambda_context)

    assert result == {"found": True, "order": {"orderId": "order-1", "status": "shipped"}}


def test_the_target_name_does_not_matter(make_lambda_context: LambdaContextFactory) -> None:
    payload = gateway_client_context(target="orders-v2", tool="update_order", gateway_id="orders-gw-0123456789")
    context = make_lambda_context(client_context=payload)

    result = handler_gateway_tools.handler({"orderId": "order-1", "status": "returned"}, context)

    assert result["updated"] is True
    assert context.logs == ["update_order from gateway orders-gw-0123456789, trace None"]


def test_the_handler_logs_the_callers_trace(make_lambda_context: LambdaContextFactory) -> None:
    payload = gateway_client_context(target="OrderTools", tool="get_order")
    payload["custom"]["traceparent"] = TRACEPARENT  # where OpenTelemetry's AWS SDK instrumentations put it
    context = make_lambda_context(client_context=payload)

    handler_gateway_tools.handler({"orderId": "order-2"}, context)

    assert context.logs[0].endswith(f"trace {TRACEPARENT}")


def test_an_unknown_tool_fails_the_invocation(make_lambda_context: LambdaContextFactory) -> None:
    context = make_lambda_context(client_context=gateway_client_context(target="OrderTools", tool="delete_order"))

    with pytest.raises(handler_gateway_tools.ToolError, match="unknown tool 'delete_order'"):
        handler_gateway_tools.handler({}, context)


def test_a_direct_invocation_fails(lambda_context: FakeLambdaContext) -> None:
    with pytest.raises(handler_gateway_tools.ToolError, match="no AgentCore Gateway tool call"):
        handler_gateway_tools.handler({}, lambda_context)


def test_a_bad_tool_name_fails_with_the_key_named(make_lambda_context: LambdaContextFactory) -> None:
    # What the gateway should never send, built on purpose: validation is the handler's job here.
    payload = gateway_client_context(target="OrderTools", tool="get_order", tool_name="OrderTools___")
    context = make_lambda_context(client_context=payload)

    with pytest.raises(handler_gateway_tools.ToolError, match=r"custom\.bedrockAgentCoreToolName"):
        handler_gateway_tools.handler({}, context)
