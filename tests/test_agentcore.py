"""AgentCore Gateway tool calls and the caller's trace context, read from contexts the real runtime builds.

The gateway headers below are shaped like what the sources show the gateway sending (the developer guide's six keys;
propagated headers from awslabs' header-propagation tutorial); ``runtime_context`` turns each header text into a
context with ``awslambdaric.bootstrap.create_lambda_context``, as the runtime does before calling the handler.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from conftest import RaisingMapping, RuntimeContextFactory, fresh_python
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_context_types import ContextValidationError, LambdaContext, W3CTraceModel, check_portability, trace_context
from lambda_context_types._cli import main
from lambda_context_types._gateway import GATEWAY_KEYS
from lambda_context_types.agentcore import GatewayToolCall, gateway_client_context_schema, gateway_tool_call
from lambda_context_types.testing import gateway_client_context, make_lambda_context

GATEWAY_HEADER = {
    "custom": {
        "bedrockAgentCoreToolName": "LambdaUsingSDK___get_order_tool",
        "bedrockAgentCoreMessageVersion": "1.0",
        "bedrockAgentCoreAwsRequestId": "6f3c1a52-9d4e-4b9a-8f7e-2c1d0e9b8a7f",
        "bedrockAgentCoreMcpMessageId": "3",
        "bedrockAgentCoreGatewayId": "testgwforlambda-vveeifneus",
        "bedrockAgentCoreTargetId": "RQHDN3J002",
        "bedrockAgentCorePropagatedHeaders": {"x-correlation-id": "trace-a1b2c3d4", "x-tenant-id": "tenant-acme"},
        "bedrockAgentCoreIdentity": {"userId": "user-1"},
    }
}
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def header(payload: dict[str, Any]) -> str:
    return json.dumps(payload)


# --- gateway_tool_call -----------------------------------------------------------------------------------------------


def test_a_runtime_context_from_a_gateway_header_gives_the_tool_call(runtime_context: RuntimeContextFactory) -> None:
    call = gateway_tool_call(runtime_context(header(GATEWAY_HEADER)))

    assert call is not None
    assert call.tool_name == "LambdaUsingSDK___get_order_tool"
    assert (call.target, call.tool) == ("LambdaUsingSDK", "get_order_tool")
    assert call.message_version == "1.0"
    assert call.aws_request_id == "6f3c1a52-9d4e-4b9a-8f7e-2c1d0e9b8a7f"
    assert call.mcp_message_id == "3"
    assert call.gateway_id == "testgwforlambda-vveeifneus"
    assert call.target_id == "RQHDN3J002"
    assert call.session_id is None
    assert call.propagated_headers == {"x-correlation-id": "trace-a1b2c3d4", "x-tenant-id": "tenant-acme"}
    assert call.propagated_query_parameters is None
    # An unknown gateway key is kept, and written back as sent.
    assert call.model_extra == {"bedrockAgentCoreIdentity": {"userId": "user-1"}}
    assert call.to_dict() == GATEWAY_HEADER["custom"]


@pytest.mark.parametrize(
    "text",
    [
        None,  # no header: a direct invocation, an asynchronous one
        "",  # an empty header, which the runtime reads as none
        '{"client": {"app_title": "Orders"}, "custom": {"tier": "gold"}, "env": {"platform": "Android"}}',
        '{"custom": null}',
        '{"custom": ["bedrockAgentCoreToolName"]}',
        '{"w3c": {"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}',
    ],
    ids=["absent", "empty", "mobile", "custom-null", "custom-array", "w3c-only"],
)
def test_a_context_without_gateway_keys_gives_none(text: str | None, runtime_context: RuntimeContextFactory) -> None:
    assert gateway_tool_call(runtime_context(text)) is None


@pytest.mark.parametrize(
    ("custom", "path", "message"),
    [
        ({"bedrockAgentCoreToolName": 42}, "custom.bedrockAgentCoreToolName", "expected a string, got 42"),
        ({"bedrockAgentCoreToolName": ""}, "custom.bedrockAgentCoreToolName", "both names non-empty"),
        ({"bedrockAgentCoreToolName": "Orders___"}, "custom.bedrockAgentCoreToolName", 'got "Orders___"'),
        ({"bedrockAgentCoreToolName": "___get"}, "custom.bedrockAgentCoreToolName", "both names non-empty"),
        ({"bedrockAgentCoreGatewayId": "gw-1"}, "custom.bedrockAgentCoreToolName", "missing"),
        (
            {"bedrockAgentCoreToolName": "a___b", "bedrockAgentCoreTargetId": ["T"]},
            "custom.bedrockAgentCoreTargetId",
            'expected a string, got ["T"]',
        ),
        (
            {"bedrockAgentCoreToolName": "a___b", "bedrockAgentCorePropagatedHeaders": {"x-id": 7}},
            "custom.bedrockAgentCorePropagatedHeaders.x-id",
            "expected a string, got 7",
        ),
        (
            {"bedrockAgentCoreToolName": "a___b", "bedrockAgentCorePropagatedHeaders": "x-id: 7"},
            "custom.bedrockAgentCorePropagatedHeaders",
            "expected an object of strings",
        ),
        # The tutorial README's spelling: the runtime never matches it, and the error says the right one.
        ({"bedrockagentcoreToolName": "a___b"}, "custom.bedrockAgentCoreToolName", "sends 'bedrockAgentCoreToolName'"),
    ],
)
def test_a_bad_gateway_header_gives_one_error_naming_the_key(
    custom: dict[str, Any], path: str, message: str, runtime_context: RuntimeContextFactory
) -> None:
    context = runtime_context(header({"custom": custom}))

    with pytest.raises(ContextValidationError) as caught:
        gateway_tool_call(context)

    assert [problem.path for problem in caught.value.problems] == [path]
    assert message in caught.value.problems[0].message
    assert caught.value.what == "client context"


def test_every_bad_key_is_reported_at_once(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header({"custom": {"bedrockAgentCoreToolName": 1, "bedrockAgentCoreGatewayId": 2}}))

    with pytest.raises(ContextValidationError) as caught:
        gateway_tool_call(context)

    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["custom.bedrockAgentCoreToolName", "custom.bedrockAgentCoreGatewayId"]


@pytest.mark.parametrize(
    ("tool_name", "target", "tool"),
    [
        ("LambdaUsingSDK___get_order_tool", "LambdaUsingSDK", "get_order_tool"),
        ("my-target___get_order", "my-target", "get_order"),
        # Target names hold no underscore, so the first ___ splits; the tool keeps the rest.
        ("orders___get___by_id", "orders", "get___by_id"),
        ("orders___get__order", "orders", "get__order"),
        ("get_order", None, "get_order"),  # no prefix
    ],
)
def test_the_tool_name_splits_on_the_first_delimiter(tool_name: str, target: str | None, tool: str) -> None:
    context = make_lambda_context(client_context={"custom": {"bedrockAgentCoreToolName": tool_name}})

    call = gateway_tool_call(context)

    assert call is not None
    assert (call.tool_name, call.target, call.tool) == (tool_name, target, tool)


def test_the_model_is_frozen() -> None:
    call = GatewayToolCall.model_validate({"bedrockAgentCoreToolName": "a___b"})

    with pytest.raises(ValueError, match="frozen"):
        call.tool_name = "c___d"  # type: ignore[misc]


def test_the_model_names_exactly_the_gateway_keys() -> None:
    aliases = {name: field.alias for name, field in GatewayToolCall.model_fields.items()}

    assert aliases == GATEWAY_KEYS


def test_the_schema_describes_the_client_context_the_gateway_sends() -> None:
    schema = gateway_client_context_schema()
    call = schema["$defs"]["GatewayToolCall"]

    assert schema["required"] == ["custom"]
    assert call["required"] == ["bedrockAgentCoreToolName"]
    assert set(call["properties"]) == set(GATEWAY_KEYS.values())
    assert call["additionalProperties"] is True
    assert "description" in call["properties"]["bedrockAgentCoreToolName"]


# --- testing.gateway_client_context ----------------------------------------------------------------------------------


def test_the_factory_builds_what_the_gateway_sends(runtime_context: RuntimeContextFactory) -> None:
    payload = gateway_client_context(target="LambdaUsingSDK", tool="get_order_tool")
    custom = payload["custom"]

    assert set(payload) == {"custom"}
    assert list(custom) == list(GATEWAY_KEYS.values())[:6]
    assert custom["bedrockAgentCoreToolName"] == "LambdaUsingSDK___get_order_tool"
    assert custom["bedrockAgentCoreMessageVersion"] == "1.0"
    assert re.fullmatch(r"[0-9a-f-]{36}", custom["bedrockAgentCoreAwsRequestId"])
    assert re.fullmatch(r"my-gateway-[0-9a-z]{10}", custom["bedrockAgentCoreGatewayId"])
    assert re.fullmatch(r"[0-9A-Z]{10}", custom["bedrockAgentCoreTargetId"])
    # The same call, whether the fake or the real runtime builds the context.
    from_fake = gateway_tool_call(make_lambda_context(client_context=payload))
    from_runtime = gateway_tool_call(runtime_context(json.dumps(payload)))
    assert from_fake is not None
    assert from_fake == from_runtime
    assert (from_fake.target, from_fake.tool) == ("LambdaUsingSDK", "get_order_tool")


def test_the_factory_gives_fresh_ids() -> None:
    first = gateway_client_context(target="a", tool="b")["custom"]
    second = gateway_client_context(target="a", tool="b")["custom"]

    assert first["bedrockAgentCoreAwsRequestId"] != second["bedrockAgentCoreAwsRequestId"]
    assert first["bedrockAgentCoreGatewayId"] != second["bedrockAgentCoreGatewayId"]


def test_overrides_replace_add_and_remove_keys() -> None:
    payload = gateway_client_context(
        target="orders",
        tool="get",
        gateway_id="gw-1",
        propagated_headers={"x-tenant-id": "t1"},
        mcp_message_id=None,
        bedrockAgentCoreIdentity={"userId": "u1"},
    )

    call = gateway_tool_call(make_lambda_context(client_context=payload))

    assert call is not None
    assert call.gateway_id == "gw-1"
    assert call.propagated_headers == {"x-tenant-id": "t1"}
    assert call.mcp_message_id is None
    assert "bedrockAgentCoreMcpMessageId" not in payload["custom"]
    assert call.model_extra == {"bedrockAgentCoreIdentity": {"userId": "u1"}}


def test_an_override_can_build_what_the_gateway_must_not_send() -> None:
    payload = gateway_client_context(target="orders", tool="get", tool_name=7)
    context = make_lambda_context(client_context=payload)

    with pytest.raises(ContextValidationError, match=r"custom\.bedrockAgentCoreToolName: expected a string"):
        gateway_tool_call(context)


@pytest.mark.parametrize("target", ["", "my_target", "a--b", "x" * 101, "bad name"])
def test_the_factory_refuses_a_target_name_the_gateway_refuses(target: str) -> None:
    with pytest.raises(ValueError, match="target must be"):
        gateway_client_context(target=target, tool="get")


def test_the_factory_refuses_an_empty_tool_and_unknown_overrides() -> None:
    with pytest.raises(ValueError, match="tool must be"):
        gateway_client_context(target="orders", tool="")
    with pytest.raises(TypeError, match="'gateway'"):
        gateway_client_context(target="orders", tool="get", gateway="gw-1")


def test_the_factory_and_the_reader_need_no_pydantic_until_validation() -> None:
    code = (
        "import sys\n"
        "from lambda_context_types import trace_context\n"
        "from lambda_context_types.testing import gateway_client_context, make_lambda_context\n"
        "context = make_lambda_context(client_context=gateway_client_context(target='a', tool='b'), validate=False)\n"
        "assert trace_context(context) is None\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pydantic'))\n"
    )
    output = fresh_python(code)
    assert output == "[]"


# --- trace_context ---------------------------------------------------------------------------------------------------


def test_the_trace_comes_from_the_runtimes_w3c(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header({"w3c": {"traceparent": TRACEPARENT, "tracestate": "congo=t61rcWkgMzE"}}))

    trace = trace_context(context)

    assert trace == W3CTraceModel(traceparent=TRACEPARENT, tracestate="congo=t61rcWkgMzE")


def test_the_trace_comes_from_custom_where_opentelemetry_puts_it(runtime_context: RuntimeContextFactory) -> None:
    # What opentelemetry-js-contrib's and opentelemetry-java's AWS SDK instrumentations send on Invoke.
    context = runtime_context(header({"custom": {"traceparent": TRACEPARENT, "tracestate": "rojo=00f067aa0ba902b7"}}))

    trace = trace_context(context)

    assert trace is not None
    assert (trace.traceparent, trace.tracestate, trace.baggage) == (TRACEPARENT, "rojo=00f067aa0ba902b7", None)


def test_the_trace_comes_from_the_fake_the_same_ways() -> None:
    from_w3c = make_lambda_context(client_context={"w3c": {"traceparent": TRACEPARENT, "baggage": "userId=alice"}})
    from_custom = make_lambda_context(client_context={"custom": {"traceparent": TRACEPARENT}})

    assert trace_context(from_w3c) == W3CTraceModel(traceparent=TRACEPARENT, baggage="userId=alice")
    assert trace_context(from_custom) == W3CTraceModel(traceparent=TRACEPARENT)


@pytest.mark.parametrize(
    "text",
    [None, "", '{"custom": {"tier": "gold"}}', '{"w3c": {"traceparent": 5}}', '{"custom": {"traceparent": null}}'],
    ids=["absent", "empty", "no-trace", "w3c-not-a-string", "custom-null"],
)
def test_no_trace_gives_none(text: str | None, runtime_context: RuntimeContextFactory) -> None:
    # The runtime's w3c() keeps only string fields, so a number there is no trace at all.
    assert trace_context(runtime_context(text)) is None
    assert trace_context(make_lambda_context(client_context=text, validate=False)) is None


def test_w3c_wins_and_the_sources_are_not_mixed(runtime_context: RuntimeContextFactory) -> None:
    other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    payload = {"w3c": {"traceparent": TRACEPARENT}, "custom": {"traceparent": other, "tracestate": "congo=1"}}

    assert trace_context(runtime_context(header(payload))) == W3CTraceModel(traceparent=TRACEPARENT)


def test_a_runtime_without_w3c_still_gives_the_trace_in_custom(runtime_context: RuntimeContextFactory) -> None:
    # awslambdaric before 4.2 has no w3c() and drops the top-level w3c key: only custom reaches the handler.
    real = runtime_context(header({"custom": {"traceparent": TRACEPARENT}}))
    names = [name for name in dir(LambdaContext) if not name.startswith("_")]  # the Protocol's members, no w3c
    old = cast("LambdaContext", SimpleNamespace(**{name: getattr(real, name) for name in names}))

    assert not hasattr(old, "w3c")
    assert trace_context(old) == W3CTraceModel(traceparent=TRACEPARENT)


@pytest.mark.parametrize(
    ("traceparent", "message"),
    [
        ("", "not a W3C traceparent"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "not a W3C traceparent"),
        (TRACEPARENT.upper(), "lowercase"),
        ("ff" + TRACEPARENT[2:], "version ff is invalid"),
        (TRACEPARENT + "-01", "exactly four fields"),
        ("00-" + "0" * 32 + TRACEPARENT[35:], "trace id is all zeros"),
        (TRACEPARENT[:36] + "0" * 16 + "-01", "parent id is all zeros"),
        ("01" + TRACEPARENT[2:] + "x", "not a W3C traceparent"),  # a later version: more fields only after a dash
        (" " + TRACEPARENT, "not a W3C traceparent"),
    ],
)
def test_a_malformed_traceparent_is_refused(
    traceparent: str, message: str, runtime_context: RuntimeContextFactory
) -> None:
    for source, path in (("custom", "custom.traceparent"), ("w3c", "w3c.traceparent")):
        context = runtime_context(header({source: {"traceparent": traceparent}}))
        with pytest.raises(ContextValidationError) as caught:
            trace_context(context)
        assert [problem.path for problem in caught.value.problems] == [path]
        assert message in caught.value.problems[0].message


def test_a_later_version_may_append_fields() -> None:
    traceparent = "01" + TRACEPARENT[2:] + "-what-the-future-holds"
    context = make_lambda_context(client_context={"custom": {"traceparent": traceparent}})

    trace = trace_context(context)

    assert trace is not None
    assert trace.traceparent == traceparent


def test_a_trace_field_in_custom_that_is_not_text_is_refused(runtime_context: RuntimeContextFactory) -> None:
    context = runtime_context(header({"custom": {"traceparent": TRACEPARENT, "baggage": {"userId": "alice"}}}))

    with pytest.raises(ContextValidationError, match=r"custom\.baggage: expected a string, got dict"):
        trace_context(context)


# --- the portability report ------------------------------------------------------------------------------------------


def test_the_gateways_string_keys_and_an_injected_trace_reach_every_runtime() -> None:
    payload = gateway_client_context(target="orders", tool="get", session_id="")
    payload["custom"].update(traceparent=TRACEPARENT, tracestate="rojo=00f067aa0ba902b7", baggage="userId=alice")

    assert check_portability(payload) == []


def test_the_gateways_propagation_maps_are_explained_where_a_runtime_cannot_take_them() -> None:
    payload = gateway_client_context(target="orders", tool="get", propagated_query_parameters={"version": "v1"})

    findings = check_portability(payload)

    path = "custom.bedrockAgentCorePropagatedQueryParameters"
    assert [(finding.runtime, finding.path, finding.effect) for finding in findings] == [
        ("go", path, "stringified"),
        ("java", path, "fails"),
        ("dotnet", path, "stringified"),
        ("rust", path, "fails"),
    ]
    for finding in findings:
        assert finding.fix is not None
        assert finding.fix.startswith("the AgentCore Gateway writes this object itself")
    assert "metadataConfiguration" in (findings[1].fix or "")


def test_to_dict_gives_back_the_numbers_the_runtime_read(runtime_context: RuntimeContextFactory) -> None:
    # The runtime reads the header with json.loads, which takes NaN and Infinity: to_dict must not turn them to None.
    text = '{"custom": {"bedrockAgentCoreToolName": "a___b", "bedrockAgentCoreX": [NaN, Infinity, -Infinity]}}'

    call = gateway_tool_call(runtime_context(text))

    assert call is not None
    assert json.dumps(call.to_dict()) == json.dumps(json.loads(text)["custom"])


@pytest.mark.parametrize(
    "key", ["bedrockAgentCoreMessageVersion", "bedrockAgentCoreSomethingNew"], ids=["known key", "unknown key"]
)
def test_a_gateway_key_the_gateway_writes_as_text_keeps_the_usual_fix(key: str) -> None:
    # Only the propagation maps are objects the gateway writes itself; a number under any other bedrockAgentCore
    # key came from elsewhere, and leaving metadataConfiguration off would not change it.
    payload = {"custom": {"bedrockAgentCoreToolName": "orders___get", key: 1}}
    plain = {"custom": {"bedrockAgentCoreToolName": "orders___get", "count": 1}}

    findings = check_portability(payload)

    assert findings
    assert [finding.fix for finding in findings] == [finding.fix for finding in check_portability(plain)]


def test_a_trace_under_capital_custom_is_reported_lost() -> None:
    # What earlier releases of OpenTelemetry's Node.js AWS SDK instrumentation sent.
    findings = check_portability({"Custom": {"traceparent": TRACEPARENT}}, "python")

    (finding,) = findings
    assert (finding.path, finding.effect) == ("Custom", "dropped")
    assert finding.message.endswith("and with it the caller's trace context")
    assert "instrumentation-aws-sdk" in (finding.fix or "")
    # Python never sees it, so trace_context() finds nothing.
    assert trace_context(make_lambda_context(client_context={"Custom": {"traceparent": TRACEPARENT}})) is None


def test_the_w3c_finding_points_at_trace_context() -> None:
    (finding,) = check_portability({"w3c": {"traceparent": TRACEPARENT}}, "python")

    assert finding.effect == "moved"
    assert "lambda_context_types.trace_context(context)" in (finding.fix or "")


# --- the command line ------------------------------------------------------------------------------------------------


@pytest.fixture
def gateway_file(tmp_path: Path) -> Path:
    payload = json.loads(json.dumps(GATEWAY_HEADER))
    payload["custom"]["traceparent"] = TRACEPARENT
    path = tmp_path / "gateway.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def test_validate_shows_the_tool_call_and_the_trace(gateway_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(gateway_file)]) == 0

    out = capsys.readouterr().out
    tail = out.splitlines()[-5:]
    assert tail == [
        "gateway_tool_call:",
        '  target: "LambdaUsingSDK"',
        '  tool:   "get_order_tool"',
        "trace_context:",
        f'  traceparent: "{TRACEPARENT}"',
    ]


def test_validate_json_shows_the_tool_call_and_the_trace(
    gateway_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--json", str(gateway_file)]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["gateway_tool_call"] == {
        "target": "LambdaUsingSDK",
        "tool": "get_order_tool",
        "tool_name": "LambdaUsingSDK___get_order_tool",
        "message_version": "1.0",
        "aws_request_id": "6f3c1a52-9d4e-4b9a-8f7e-2c1d0e9b8a7f",
        "mcp_message_id": "3",
        "gateway_id": "testgwforlambda-vveeifneus",
        "target_id": "RQHDN3J002",
        "propagated_headers": {"x-correlation-id": "trace-a1b2c3d4", "x-tenant-id": "tenant-acme"},
        "bedrockAgentCoreIdentity": {"userId": "user-1"},
    }
    assert report["trace_context"] == {"traceparent": TRACEPARENT}


def test_validate_refuses_what_a_handler_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"custom": {"bedrockAgentCoreToolName": "", "traceparent": "00-x"}}', encoding="utf-8")

    assert main(["validate", str(path)]) == 1

    out = capsys.readouterr().out.splitlines()
    # Both at once, as every bad key of the gateway's is: fixing one must not reveal the other.
    assert out[0] == "invalid client context: 2 problems"
    assert out[1].startswith("  custom.bedrockAgentCoreToolName: expected '<target name>___<tool name>'")
    assert out[2].startswith("  custom.traceparent: not a W3C traceparent")


def test_validate_lists_at_most_20_problems_of_both_readers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 20 bad propagated headers fill the gateway reader's list; the bad traceparent must still be counted.
    headers = {f"h{i}": i for i in range(20)}
    payload = {"custom": {"bedrockAgentCoreToolName": "t___x", "bedrockAgentCorePropagatedHeaders": headers}}
    payload["custom"]["traceparent"] = "00-x"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), encoding="utf-8")

    assert main(["validate", str(path)]) == 1

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "invalid client context: 21 problems"
    assert len([line for line in out if line.startswith("  custom.")]) == 20
    assert out[-1] == "  ... and 1 more"


def test_schema_takes_one_of_identity_and_agentcore(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--identity", "--agentcore"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_schema_agentcore_prints_the_gateways_client_context_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--agentcore"]) == 0

    assert json.loads(capsys.readouterr().out) == gateway_client_context_schema()


# --- properties ------------------------------------------------------------------------------------------------------

target_names = st.from_regex(r"([0-9a-zA-Z]-?){1,20}", fullmatch=True)
tool_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@given(target=target_names, tool=tool_names)
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_target_and_tool_travel_through_the_runtime(
    target: str, tool: str, runtime_context: RuntimeContextFactory
) -> None:
    payload = gateway_client_context(target=target, tool=tool)

    call = gateway_tool_call(runtime_context(json.dumps(payload)))

    assert call is not None
    assert (call.target, call.tool) == (target, tool)
    assert call.to_dict() == payload["custom"]


# --- hostile input: a context, a mapping or a string that misbehaves -------------------------------------------------


class _LyingStr(str):
    """A key or value whose methods raise: what is checked must be the text, not what its methods say."""

    __slots__ = ()

    def lower(self) -> str:
        raise RuntimeError("lower")

    def partition(self, sep: str) -> tuple[str, str, str]:
        raise RuntimeError("partition")

    def __getitem__(self, index: Any) -> str:
        raise RuntimeError("getitem")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def __repr__(self) -> str:
        raise RuntimeError("repr")


def fake_with_custom(custom: object) -> LambdaContext:
    return make_lambda_context(client_context={"custom": custom}, validate=False)


def test_a_lying_key_or_value_is_read_as_its_text() -> None:
    call = gateway_tool_call(fake_with_custom({_LyingStr("bedrockAgentCoreToolName"): _LyingStr("a___b")}))
    trace = trace_context(fake_with_custom({_LyingStr("traceparent"): _LyingStr(TRACEPARENT)}))

    assert call is not None
    assert (call.target, call.tool) == ("a", "b")
    assert trace == W3CTraceModel(traceparent=TRACEPARENT)
    assert type(trace.traceparent) is str


def test_a_lying_miscased_key_is_reported() -> None:
    with pytest.raises(ContextValidationError, match="case-sensitive"):
        gateway_tool_call(fake_with_custom({_LyingStr("bedrockagentcoreToolName"): "a___b"}))


@pytest.mark.parametrize(
    "custom",
    [
        RaisingMapping(),
        {"bedrockAgentCoreToolName": "a___b", "bedrockAgentCorePropagatedHeaders": RaisingMapping()},
    ],
    ids=["custom", "propagated headers"],
)
def test_a_mapping_that_raises_is_a_validation_error(custom: object) -> None:
    with pytest.raises(ContextValidationError, match=r"custom.*reading it raised RuntimeError"):
        gateway_tool_call(fake_with_custom(custom))


def test_a_trace_mapping_that_raises_is_a_validation_error() -> None:
    with pytest.raises(ContextValidationError, match=r"custom.*reading it raised RuntimeError"):
        trace_context(fake_with_custom(RaisingMapping()))


def test_a_w3c_method_that_raises_is_a_validation_error() -> None:
    def w3c() -> dict[str, str]:
        raise RuntimeError("w3c")

    context = SimpleNamespace(client_context=None, w3c=w3c)

    with pytest.raises(ContextValidationError, match=r"w3c.*reading it raised RuntimeError"):
        trace_context(cast("LambdaContext", context))


@pytest.mark.parametrize("reader", [gateway_tool_call, trace_context], ids=["gateway_tool_call", "trace_context"])
@pytest.mark.parametrize("context", [None, object(), {"client_context": None}], ids=["None", "object", "dict"])
def test_something_that_is_not_a_context_is_a_type_error(reader: Callable[[Any], object], context: object) -> None:
    with pytest.raises(TypeError, match=r"takes a Lambda context .*got "):
        reader(context)


@pytest.mark.parametrize("reader", [gateway_tool_call, trace_context], ids=["gateway_tool_call", "trace_context"])
def test_a_client_context_without_custom_is_a_type_error(reader: Callable[[Any], object]) -> None:
    # The durable SDK's test runner passes such a stand-in: its client_context is the header's dict.
    context = SimpleNamespace(client_context={"custom": {"bedrockAgentCoreToolName": "a___b"}})

    with pytest.raises(TypeError, match=r"its client_context, a dict, has no custom attribute"):
        reader(context)


def test_a_client_context_attribute_that_raises_is_a_validation_error() -> None:
    class Context:
        @property
        def client_context(self) -> Any:
            raise ZeroDivisionError

    with pytest.raises(ContextValidationError, match="reading it raised ZeroDivisionError"):
        gateway_tool_call(cast("LambdaContext", Context()))


def test_a_deeply_nested_bad_value_is_refused_with_a_short_message() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]

    with pytest.raises(ContextValidationError, match="expected a string, got a Python list") as caught:
        gateway_tool_call(fake_with_custom({"bedrockAgentCoreToolName": deep}))

    assert len(str(caught.value)) < 300


def test_a_lone_surrogate_in_a_trace_field_is_refused_naming_it() -> None:
    context = fake_with_custom({"traceparent": TRACEPARENT, "tracestate": "congo=\ud800"})

    with pytest.raises(ContextValidationError, match=r"custom\.tracestate: .*lone surrogate"):
        trace_context(context)


def test_past_twenty_problems_the_rest_are_counted_not_listed() -> None:
    # As the models report: a 1 MB header of bad propagated headers must not become a 60,000-line error.
    headers = {f"x-h{i}": i for i in range(60_000)}
    context = fake_with_custom({"bedrockAgentCoreToolName": "a___b", "bedrockAgentCorePropagatedHeaders": headers})

    started = time.perf_counter()
    with pytest.raises(ContextValidationError) as caught:
        gateway_tool_call(context)

    assert time.perf_counter() - started < 10  # linear: about 0.5 s here
    assert len(caught.value.problems) == 20
    assert caught.value.omitted == 59_980
    assert caught.value.problems[0].path == "custom.bedrockAgentCorePropagatedHeaders.x-h0"
