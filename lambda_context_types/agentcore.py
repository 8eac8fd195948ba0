"""Amazon Bedrock AgentCore Gateway tool calls: which MCP tool a Lambda target is asked to run, typed and validated.

An AgentCore Gateway invokes a Lambda target once per MCP ``tools/call``. The event holds only the tool's arguments;
which tool was called, and by which gateway, arrives in the client context::

    call = gateway_tool_call(context)   # None when the invocation did not come from a gateway
    if call is not None and call.tool == "get_order":
        ...

What the gateway sends, and where each fact was read (the sources disagree, see the notes):

- ``context.client_context.custom["bedrockAgentCoreToolName"]``: the tool name as MCP clients see it,
  ``<target name>___<tool name>`` (three underscores). AgentCore developer guide, "Understand how AgentCore Gateway
  tools are named" (gateway-tool-naming) and "AWS Lambda function targets", section "Lambda function input format"
  (gateway-add-target-lambda); aws/agent-toolkit-for-aws issue #60. An older (preview) copy of the naming page
  wrote two underscores; the current page, and every handler in awslabs' amazon-bedrock-agentcore-samples, use
  three. Target names match ``^([0-9a-zA-Z][-]?){1,100}$`` (CreateGatewayTarget), so the first ``___`` ends the
  target's name; handlers that split on the last one (``split("___")[-1]``) break tools whose names hold ``___``.
- ``bedrockAgentCoreMessageVersion`` (``"1.0"``), ``bedrockAgentCoreAwsRequestId``,
  ``bedrockAgentCoreMcpMessageId``, ``bedrockAgentCoreGatewayId`` and ``bedrockAgentCoreTargetId``: the developer
  guide's input-format section lists these six keys, all strings.
- ``bedrockAgentCoreSessionId``: in a gateway invocation logged by a handler in the samples (an empty string there)
  and in the samples' tutorial README; not in the developer guide's list.
- ``bedrockAgentCorePropagatedHeaders`` and ``bedrockAgentCorePropagatedQueryParameters``: objects (name to value)
  that the gateway adds when the target allowlists headers or query parameters (``metadataConfiguration``;
  developer guide "Header propagation with Gateway", awslabs' header-propagation tutorial).
- Other ``bedrockAgentCore…`` keys (a third-party test fixture sends a ``bedrockAgentCoreIdentity`` object) are
  kept as they are, in ``GatewayToolCall.model_extra``.

The casing is ``bedrockAgentCore…`` everywhere the gateway's real output appears (handlers, their tests, logged
invocations). The tutorial README of ``01-transform-lambda-into-mcp-tools`` writes ``bedrockagentcoreToolName``
(and lists an ``EndpointId`` no other source shows); the runtime matches keys exactly, so that spelling never matches
what arrives. :func:`gateway_tool_call` refuses a known key in another casing, naming the right one.

Importing this module imports pydantic (it holds a model); ``import lambda_context_types`` does not import it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar, Final, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ._errors import Problem, capped, format_path
from ._gateway import GATEWAY_KEYS, TOOL_NAME_DELIMITER, is_gateway_key
from ._protocols import LambdaContext
from ._reading import custom_of, plain, unreadable
from ._schema_docs import describe_fields

__all__ = ["GatewayToolCall", "gateway_client_context_schema", "gateway_tool_call"]

# Strict: the gateway sends strings and objects of strings, and nothing is coerced. The schema's descriptions come
# from the docstrings when a schema is asked for (see _schema_docs). An unknown key's NaN or Infinity (json.loads,
# which the runtime reads the header with, takes them) stays a float in to_dict() rather than becoming None.
_CONFIG: Final = ConfigDict(extra="allow", strict=True, json_schema_extra=describe_fields, ser_json_inf_nan="constants")


class GatewayToolCall(BaseModel, frozen=True):
    """One MCP tool call that an AgentCore Gateway forwarded to this Lambda target.

    Read it with :func:`gateway_tool_call`; dispatch on :attr:`tool`. The fields hold the gateway's keys of
    ``context.client_context.custom`` under Python names (construct it with the wire names, ``bedrockAgentCore…``);
    :attr:`target` and :attr:`tool` are the two halves of :attr:`tool_name`. Gateway keys this model does not name
    are kept in ``model_extra``, and :meth:`to_dict` writes every key back as it was sent.
    """

    model_config: ClassVar[ConfigDict] = _CONFIG

    # The aliases are the keys of _gateway.GATEWAY_KEYS (a test compares them): pydantic needs them as literals.
    tool_name: str = Field(alias="bedrockAgentCoreToolName")
    """The tool's name as MCP clients see it, ``<target name>___<tool name>``, as sent
    (``bedrockAgentCoreToolName``)."""

    message_version: str | None = Field(default=None, alias="bedrockAgentCoreMessageVersion")
    """The version of this message format, ``"1.0"`` (``bedrockAgentCoreMessageVersion``)."""

    aws_request_id: str | None = Field(default=None, alias="bedrockAgentCoreAwsRequestId")
    """The id of the gateway's own request (``bedrockAgentCoreAwsRequestId``), not this invocation's
    ``context.aws_request_id``."""

    mcp_message_id: str | None = Field(default=None, alias="bedrockAgentCoreMcpMessageId")
    """The JSON-RPC id of the MCP ``tools/call`` message (``bedrockAgentCoreMcpMessageId``)."""

    gateway_id: str | None = Field(default=None, alias="bedrockAgentCoreGatewayId")
    """The id of the gateway that received the call (``bedrockAgentCoreGatewayId``)."""

    target_id: str | None = Field(default=None, alias="bedrockAgentCoreTargetId")
    """The id of the gateway target that routed the call to this function (``bedrockAgentCoreTargetId``)."""

    session_id: str | None = Field(default=None, alias="bedrockAgentCoreSessionId")
    """The MCP session id (``bedrockAgentCoreSessionId``); seen empty, and not listed by the developer guide."""

    propagated_headers: Mapping[str, str] | None = Field(default=None, alias="bedrockAgentCorePropagatedHeaders")
    """The request headers the target allowlists (``metadataConfiguration.allowedRequestHeaders``), name to value
    (``bedrockAgentCorePropagatedHeaders``); None when the target propagates none."""

    propagated_query_parameters: Mapping[str, str] | None = Field(
        default=None, alias="bedrockAgentCorePropagatedQueryParameters"
    )
    """The query parameters the target allowlists (``metadataConfiguration.allowedQueryParameters``), name to value
    (``bedrockAgentCorePropagatedQueryParameters``); None when the target propagates none."""

    @field_validator("tool_name")
    @classmethod
    def _two_halves(cls, value: str) -> str:
        target, delimiter, tool = value.partition(TOOL_NAME_DELIMITER)
        if not value or (delimiter and not (target and tool)):
            raise PydanticCustomError(
                "tool_name_format",
                "expected '<target name>___<tool name>' with both names non-empty, got {value}",
                {"value": json.dumps(value)},
            )
        return value

    @property
    def target(self) -> str | None:
        """The gateway target's name: :attr:`tool_name` before the first ``___``, or None when it has no prefix."""
        target, delimiter, _ = self.tool_name.partition(TOOL_NAME_DELIMITER)
        return target if delimiter else None

    @property
    def tool(self) -> str:
        """The tool's own name, as the target's tool schema defines it: :attr:`tool_name` without the prefix."""
        _, delimiter, tool = self.tool_name.partition(TOOL_NAME_DELIMITER)
        return tool if delimiter else self.tool_name

    def to_dict(self) -> dict[str, Any]:
        """The gateway's keys as they were sent (wire names, unknown ones included), as plain Python data."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class _GatewayClientContext(BaseModel):
    """The client context an AgentCore Gateway sends a Lambda target: a ``custom`` object holding the gateway's keys.

    The runtime builds ``context.client_context`` from it; ``client`` and ``env`` are absent.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow", strict=True, json_schema_extra=describe_fields, title="GatewayClientContext"
    )

    custom: GatewayToolCall
    """The gateway's keys, beside any other ``custom`` keys."""


def gateway_client_context_schema() -> dict[str, Any]:
    """The JSON Schema of the client context an AgentCore Gateway sends (``lambda-context schema --agentcore``)."""
    return _GatewayClientContext.model_json_schema(by_alias=True)


def gateway_tool_call(context: LambdaContext) -> GatewayToolCall | None:
    """The gateway tool call this invocation carries, or None when it did not come from an AgentCore Gateway.

    ``context`` is any :class:`~lambda_context_types.LambdaContext`: the runtime's object, the test fake, any object
    with the Protocol's attributes. None when there is no client context, or its ``custom`` holds no
    ``bedrockAgentCore…`` key (a mobile app's client context, say).

    Raises ContextValidationError, one problem per key, when gateway keys are there but wrong: no tool name, a tool
    name that is empty, not a string or has an empty half, a known key in another casing, a non-string id; also
    when ``custom`` raises while being read. Raises TypeError when ``context`` is not a Lambda context (it has no
    ``client_context``, or one without ``custom``).
    """
    custom = custom_of(context, "gateway_tool_call")
    if custom is None:
        return None
    sent: dict[str, Any] = {}
    try:
        for key, value in custom.items():
            name = plain(key)
            if is_gateway_key(name):
                sent[cast("str", name)] = _as_dict(value)
    except Exception as error:  # a mapping of the caller's own that fails while being read
        raise unreadable("custom", error) from None
    if not sent:
        return None
    problems = _miscased(sent)
    call = None
    try:
        call = GatewayToolCall.model_validate(sent)
    except ValidationError as error:
        reported = {problem.path for problem in problems}
        # A key reported as miscased is not reported missing too.
        problems += [
            problem for problem in map(_problem, error.errors(include_url=False)) if problem.path not in reported
        ]
    if problems or call is None:
        raise capped("client context", problems)
    return call


_WIRE_NAMES: Final = {name.lower(): name for name in GATEWAY_KEYS.values()}


def _miscased(sent: Mapping[str, Any]) -> list[Problem]:
    """A known key spelt in another case (the tutorial README's ``bedrockagentcoreToolName``) never matches."""
    problems: list[Problem] = []
    for key in sent:
        known = _WIRE_NAMES.get(key.lower())
        if known is not None and known != key and known not in sent:
            message = f"the gateway sends {known!r}; keys are case-sensitive, so {key!r} is not that key"
            problems.append(Problem(format_path(("custom", known)), f"{message}: send it as {known!r}"))
    return problems


def _as_dict(value: object) -> object:
    # Strict validation takes only dicts for the two maps; a fake's Mapping of another kind is copied.
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, Mapping) and not isinstance(value, dict):
        mapping: Mapping[Any, Any] = value  # pyright: ignore[reportUnknownVariableType]
        return dict(mapping)
    return value  # pyright: ignore[reportUnknownVariableType]


def _problem(detail: Any) -> Problem:
    loc: tuple[str | int, ...] = detail["loc"]
    kind: str = detail["type"]
    if kind == "missing":
        message = f"missing: a gateway call carries the tool name, '<target name>{TOOL_NAME_DELIMITER}<tool name>'"
    elif kind in ("string_type", "dict_type"):
        expected = "a string" if kind == "string_type" else "an object of strings"
        message = f"expected {expected}, got {_json(detail['input'])}"
    else:
        message = str(detail["msg"])
    return Problem(format_path(("custom", *loc)), message)


def _json(value: object) -> str:
    try:
        text = json.dumps(value)
    except Exception:  # not JSON, nested past the recursion limit, or a mapping that fails: a message must not fail
        return f"a Python {type(value).__name__}"
    return text if len(text) <= 40 else f"{text[:40]}..."
