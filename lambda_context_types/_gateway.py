"""The keys an Amazon Bedrock AgentCore Gateway writes into ``client_context.custom``, kept once for every module.

The model (:mod:`lambda_context_types.agentcore`), the test factory (:mod:`lambda_context_types.testing`) and the
portability report all read them from here. This module imports nothing but :mod:`typing`, so the test factory and
the report can use it without importing pydantic. Not public API. Where each key comes from is written in
:mod:`lambda_context_types.agentcore`.
"""

from __future__ import annotations

from typing import Final

__all__: list[str] = []

# Python name -> the key as the gateway sends it, in the order the AgentCore developer guide lists them, then the
# keys other sources show (the session id in a logged invocation; the two propagation maps in awslabs' header
# propagation tutorial).
GATEWAY_KEYS: Final = {
    "tool_name": "bedrockAgentCoreToolName",
    "message_version": "bedrockAgentCoreMessageVersion",
    "aws_request_id": "bedrockAgentCoreAwsRequestId",
    "mcp_message_id": "bedrockAgentCoreMcpMessageId",
    "gateway_id": "bedrockAgentCoreGatewayId",
    "target_id": "bedrockAgentCoreTargetId",
    "session_id": "bedrockAgentCoreSessionId",
    "propagated_headers": "bedrockAgentCorePropagatedHeaders",
    "propagated_query_parameters": "bedrockAgentCorePropagatedQueryParameters",
}

# Every key the gateway writes starts with this; a custom key that starts with it, in any case, is the gateway's.
GATEWAY_PREFIX: Final = "bedrockAgentCore"

# "${target_name}___${tool_name}" (gateway-tool-naming). Target names cannot hold an underscore (the pattern is
# ^([0-9a-zA-Z][-]?){1,100}$), so the first "___" always ends the target's name; a tool's own name may hold "___".
TOOL_NAME_DELIMITER: Final = "___"


def is_gateway_key(key: object) -> bool:
    """Whether a ``custom`` key is one the gateway writes (its prefix in any case: ``bedrockagentcore…`` too)."""
    return isinstance(key, str) and key[: len(GATEWAY_PREFIX)].lower() == GATEWAY_PREFIX.lower()
