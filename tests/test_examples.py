"""The examples run, pass their own tests, and agree with the real runtime and botocore.

tests/test_quality.py type-checks them strictly: pyproject.toml lists examples/ for mypy and pyright.
examples/handler_peers.py and handler_durable.py (powertools, Mangum, the durable SDK) run in tests/test_interop.py.
"""

from __future__ import annotations

import base64
import importlib
import io
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.compat import HTTPHeaders
from botocore.response import StreamingBody
from botocore.stub import Stubber
from conftest import RuntimeContextFactory
from mypy_boto3_lambda import LambdaClient
from urllib3.response import HTTPResponse

from lambda_context_types import MAX_CLIENT_CONTEXT_BYTES, ContextValidationError
from lambda_context_types.testing import gateway_client_context, make_lambda_context

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

EXPECTED_CLIENT_CONTEXT = {
    "client": {
        "installation_id": "7f2c1d3e-0000-4000-8000-000000000001",
        "app_title": "Orders",
        "app_version_name": "1.4.2",
        "app_version_code": "42",
        "app_package_name": "com.example.orders",
    },
    "custom": {"user_id": "user-1"},
    "env": {"platform": "backend", "locale": "en_US"},
}


def load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import an example by module name, as the example's own directory on sys.path makes it importable."""
    monkeypatch.setattr(sys, "path", [str(EXAMPLES), *sys.path])
    return importlib.import_module(name)


def lambda_client() -> LambdaClient:
    # Dummy credentials: requests are signed before the hooks below answer them, and nothing leaves the process.
    return boto3.client(  # pyright: ignore[reportUnknownMemberType]  # only the Lambda stubs are installed
        "lambda", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


def test_the_example_tests_pass_in_a_project_with_no_conftest(pytester: pytest.Pytester) -> None:
    for path in EXAMPLES.glob("*.py"):
        shutil.copy(path, pytester.path / path.name)
    # Hypothesis's plugin (in our dev environment, not a dependency) costs about a second per in-process run.
    result = pytester.runpytest("-p", "no:hypothesispytest", "--strict-markers", "test_example_handlers.py")
    result.assert_outcomes(passed=7)


def test_the_gateway_example_tests_pass_in_a_project_with_no_conftest(pytester: pytest.Pytester) -> None:
    for path in EXAMPLES.glob("*.py"):
        shutil.copy(path, pytester.path / path.name)
    result = pytester.runpytest("-p", "no:hypothesispytest", "--strict-markers", "test_handler_gateway_tools.py")
    result.assert_outcomes(passed=6)


def test_the_gateway_handler_runs_with_the_real_runtime_context(
    monkeypatch: pytest.MonkeyPatch, runtime_context: RuntimeContextFactory
) -> None:
    handler_gateway_tools = load("handler_gateway_tools", monkeypatch)
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    # A gateway's header, with the caller's trace in w3c (which the runtime moves to context.w3c()).
    payload = gateway_client_context(target="OrderTools", tool="update_order", gateway_id="orders-gw-0123456789")
    payload["w3c"] = {"traceparent": traceparent}
    real = runtime_context(json.dumps(payload))
    logged: list[str] = []
    monkeypatch.setattr(real, "log", logged.append)

    result = handler_gateway_tools.handler({"orderId": "order-1", "status": "returned"}, real)

    assert result == {"updated": True, "order": {"orderId": "order-1", "status": "returned"}}
    assert logged == [f"update_order from gateway orders-gw-0123456789, trace {traceparent}"]
    with pytest.raises(handler_gateway_tools.ToolError, match="no AgentCore Gateway tool call"):
        handler_gateway_tools.handler({}, runtime_context('{"client": {"app_title": "Orders"}}'))


def test_the_basic_handler_runs_with_the_real_runtime_context(
    monkeypatch: pytest.MonkeyPatch, runtime_context: RuntimeContextFactory
) -> None:
    handler_basic = load("handler_basic", monkeypatch)
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
    header = json.dumps({"client": {"app_title": "Orders"}, "custom": {"tier": 3}})
    # A deadline already past, so the remaining time is the runtime's floor of 0 whatever the test's speed.
    real = runtime_context(header, '{"cognitoIdentityId": "us-east-1:abc"}', remaining_ms=-1000)

    result = handler_basic.handler({"name": "Ada"}, real)

    # A tier that is not text is ignored, as the handler's type check intends.
    assert result["message"] == "Hello Ada, from Orders"
    assert result["tier"] == "standard"
    assert result["identity_id"] == "us-east-1:abc"
    assert result["memory_mb"] == 256
    assert result["time_left_ms"] == 0


def test_the_validating_handler_reports_bad_fields_of_the_real_runtime_context(
    monkeypatch: pytest.MonkeyPatch, runtime_context: RuntimeContextFactory
) -> None:
    handler_validate = load("handler_validate", monkeypatch)
    real = runtime_context('{"client": {"app_title": ["Orders"]}, "custom": {"k": "v"}}')

    result = handler_validate.handler({}, real)

    assert result["statusCode"] == 400
    assert result["fields"] == ["client.app_title"]


def test_the_invoke_example_sends_the_client_context_it_built(monkeypatch: pytest.MonkeyPatch) -> None:
    invoke = load("invoke_with_client_context", monkeypatch)
    client = lambda_client()
    expected_base64 = invoke.build_client_context("user-1").to_base64()
    body = b'{"name": "Ada"}'
    with Stubber(client) as stubber:
        stubber.add_response(
            "invoke",
            {"StatusCode": 200, "Payload": StreamingBody(io.BytesIO(body), len(body))},
            expected_params={
                "FunctionName": "profile-service",
                "InvocationType": "RequestResponse",
                "ClientContext": expected_base64,
                "Payload": b'{"action": "get-profile"}',
            },
        )

        assert invoke.get_profile(client, "user-1") == {"name": "Ada"}

        stubber.assert_no_pending_responses()
    assert json.loads(base64.b64decode(expected_base64, validate=True)) == EXPECTED_CLIENT_CONTEXT
    assert len(expected_base64.encode()) <= MAX_CLIENT_CONTEXT_BYTES


def test_the_client_context_travels_to_the_handler(
    monkeypatch: pytest.MonkeyPatch, runtime_context: RuntimeContextFactory
) -> None:
    """From to_base64() through botocore's own request to the header, then into the runtime and the handler."""
    invoke = load("invoke_with_client_context", monkeypatch)
    handler_validate = load("handler_validate", monkeypatch)
    sent: list[AWSPreparedRequest] = []

    def answer(request: AWSPreparedRequest, **kwargs: Any) -> AWSResponse:
        sent.append(request)
        raw = HTTPResponse(body=io.BytesIO(b'{"ok": true}'), status=200, preload_content=False)
        return AWSResponse(request.url, 200, HTTPHeaders(), raw)

    client = lambda_client()
    # botocore takes what a before-send handler returns as the HTTP response; the stubs say handlers return None.
    client.meta.events.register("before-send.lambda.Invoke", answer)  # type: ignore[arg-type]

    assert invoke.get_profile(client, "user-1", function_name="profile") == {"ok": True}

    (request,) = sent
    assert request.url.endswith("/functions/profile/invocations")
    header = request.headers["X-Amz-Client-Context"]
    header_text = header.decode() if isinstance(header, bytes) else header
    # What Lambda does with the header: decode it and hand the JSON text to the runtime.
    delivered = base64.b64decode(header_text, validate=True).decode()
    real = runtime_context(delivered)
    expected = {"statusCode": 200, "app": "Orders", "version": "1.4.2", "custom": {"user_id": "user-1"}}
    assert handler_validate.handler({}, real) == expected
    assert handler_validate.handler({}, make_lambda_context(client_context=delivered)) == expected


def test_an_oversize_client_context_is_refused_before_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    invoke = load("invoke_with_client_context", monkeypatch)
    client = lambda_client()
    with Stubber(client) as stubber, pytest.raises(ContextValidationError):
        invoke.get_profile(client, "u" * MAX_CLIENT_CONTEXT_BYTES)
    stubber.assert_no_pending_responses()


def test_a_function_error_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    invoke = load("invoke_with_client_context", monkeypatch)
    client = lambda_client()
    body = b'{"errorMessage": "boom"}'
    with Stubber(client) as stubber:
        stubber.add_response(
            "invoke",
            {"StatusCode": 200, "FunctionError": "Unhandled", "Payload": StreamingBody(io.BytesIO(body), len(body))},
        )
        with pytest.raises(RuntimeError, match="profile-service failed: Unhandled"):
            invoke.get_profile(client, "user-1")
