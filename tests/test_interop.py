"""The bridges of lambda_context_types.interop, run against the real peers with the fake and the runtime's own context.

Each peer gets the object a bridge returns and must read from it what it reads on Lambda: powertools' Logger,
Metrics, Tracer, idempotency, REST resolver and batch processing; Mangum with an ASGI app; and a durable function run
by the durable execution SDK's own test runner.
"""

from __future__ import annotations

import importlib
import io
import json
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import pytest
from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics.provider import cold_start
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.typing import LambdaContext as PowertoolsContext
from conftest import RuntimeContextFactory, fresh_python, needs_durable_sdk
from mangum import Mangum
from mangum.types import Receive, Scope, Send

from lambda_context_types import LambdaContext
from lambda_context_types.interop import as_durable, as_mangum, as_powertools, from_durable
from lambda_context_types.testing import make_lambda_context

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PEERS = ("aws_lambda_powertools", "mangum", "aws_durable_execution_sdk_python", "pydantic")


@pytest.fixture(params=["fake", "runtime"])
def context(request: pytest.FixtureRequest, runtime_context: RuntimeContextFactory) -> LambdaContext:
    """The package's fake and a context built by awslambdaric itself, both for a 512 MB function named orders."""
    if request.param == "fake":
        return make_lambda_context(function_name="orders", memory_limit_in_mb=512, timeout=30, tenant_id="tenant-1")
    return runtime_context(tenant_id="tenant-1")


def load_example(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """An example module, imported afresh (the idempotency store and the resolver are module state)."""
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module(name)


@pytest.fixture
def examples(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """examples/handler_peers.py: powertools and Mangum."""
    return load_example("handler_peers", monkeypatch)


def test_importing_the_bridges_imports_no_peer() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import lambda_context_types.interop\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    output = fresh_python(code)
    loaded = json.loads(output.replace("'", '"'))
    assert not [name for name in loaded if name.split(".")[0] in PEERS], loaded
    assert {name for name in loaded if name.startswith("lambda_context_types")} == {
        "lambda_context_types",
        "lambda_context_types._errors",
        "lambda_context_types._protocols",
        "lambda_context_types.interop",
    }


def test_the_module_exports_exactly_its_bridges() -> None:
    from lambda_context_types import interop

    defined = {name for name, value in vars(interop).items() if getattr(value, "__module__", None) == interop.__name__}

    assert defined == set(interop.__all__) == {"as_powertools", "as_mangum", "as_durable", "from_durable"}


def test_each_bridge_hands_back_the_same_object(context: LambdaContext) -> None:
    assert as_powertools(context) is context
    assert as_mangum(context) is context
    assert as_durable(context) is context


# The Logger's, Metrics' and Tracer's decorators accept any callable, so the handler keeps the package's annotation
# and needs no bridge; what each reads from the context is the same.
def test_logger_inject_lambda_context_reads_the_context(context: LambdaContext) -> None:
    stream = io.StringIO()
    # powertools configures the stdlib logger of a service once per process: a new name for each test.
    logger = Logger(service=f"orders-{uuid.uuid4().hex}", stream=stream)

    @logger.inject_lambda_context
    def handler(event: dict[str, Any], context: LambdaContext) -> str:
        logger.info("handled")
        return "ok"

    assert handler({}, context) == "ok"

    record = json.loads(stream.getvalue().splitlines()[-1])
    assert record["function_name"] == context.function_name == "orders"
    # powertools declares the memory an int; it logs what the runtime stores, the text "512".
    assert record["function_memory_size"] == context.memory_limit_in_mb == "512"
    assert record["function_arn"] == context.invoked_function_arn
    assert record["function_request_id"] == context.aws_request_id
    assert record["cold_start"] in {True, False}


def test_metrics_cold_start_metric_names_the_function(
    context: LambdaContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cold_start, "is_cold_start", True)
    metrics = Metrics(namespace="Orders", service="orders")

    @metrics.log_metrics(capture_cold_start_metric=True)
    def handler(event: dict[str, Any], context: LambdaContext) -> str:
        metrics.add_metric(name="OrderPlaced", unit="Count", value=1)
        return "ok"

    assert handler({}, context) == "ok"

    blobs = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    (cold,) = [blob for blob in blobs if "ColdStart" in blob]
    assert cold["function_name"] == context.function_name
    assert cold["service"] == "orders"


def test_a_disabled_tracer_passes_the_context_through(context: LambdaContext) -> None:
    tracer = Tracer(service="orders", disabled=True)
    received: list[object] = []

    @tracer.capture_lambda_handler
    def handler(event: dict[str, Any], context: LambdaContext) -> str:
        received.append(context)
        return context.aws_request_id

    assert handler({}, context) == context.aws_request_id
    assert received == [context]


def test_idempotent_reads_the_remaining_time_and_replays(
    examples: ModuleType, context: LambdaContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = {"order_id": "o-1", "amount": 5}
    written: list[Any] = []
    put = examples.persistence._put_record

    def recording_put(data_record: Any) -> None:
        written.append(data_record)
        put(data_record=data_record)

    monkeypatch.setattr(examples.persistence, "_put_record", recording_put)
    started_ms = time.time() * 1000

    first = examples.payment_handler(event, context)
    second = examples.payment_handler(event, context)

    # The second call is answered from the store: the function ran once.
    assert second == first
    assert first["charged_at_ms_left"] == pytest.approx(context.get_remaining_time_in_millis(), abs=1000)
    (stored,) = examples.persistence.records.values()
    assert stored.status == "COMPLETED"
    # The in-progress record lapses where the invocation would time out: now plus the context's remaining time.
    # Each call tries to write its in-progress record first; the second finds the first call's result instead.
    assert [record.status for record in written] == ["INPROGRESS", "INPROGRESS"]
    in_progress = written[0]
    expected_ms = started_ms + context.get_remaining_time_in_millis()
    assert in_progress.in_progress_expiry_timestamp == pytest.approx(expected_ms, abs=2000)


def test_idempotent_function_with_a_registered_context(examples: ModuleType, context: LambdaContext) -> None:
    config = IdempotencyConfig()
    calls: list[str] = []

    @idempotent_function(data_keyword_argument="order", persistence_store=examples.persistence, config=config)
    def charge(order: dict[str, Any]) -> dict[str, Any]:
        calls.append(order["order_id"])
        return {"charged": order["order_id"]}

    config.register_lambda_context(as_powertools(context))

    assert charge(order={"order_id": "o-2"}) == charge(order={"order_id": "o-2"}) == {"charged": "o-2"}
    assert calls == ["o-2"]
    assert config.lambda_context is context


def rest_event(path: str) -> dict[str, Any]:
    """An API Gateway REST (v1) proxy event for a GET of ``path``, as API Gateway sends it."""
    return {
        "resource": "/orders/{order_id}",
        "path": path,
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"order_id": path.rsplit("/", 1)[1]},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/orders/{order_id}",
            "httpMethod": "GET",
            "path": f"/prod{path}",
            "stage": "prod",
            "requestId": "api-request-1",
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "curl/8"},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def test_the_rest_resolver_exposes_the_context_to_routes(examples: ModuleType, context: LambdaContext) -> None:
    response = examples.api_handler(rest_event("/orders/o-3"), context)

    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"order_id": "o-3", "function": context.function_name}
    assert examples.app.lambda_context is context


def sqs_event(*bodies: dict[str, Any]) -> dict[str, Any]:
    """An SQS event with one record per body, message ids "1", "2", ..."""
    records = [
        {
            "messageId": str(number),
            "receiptHandle": f"handle-{number}",
            "body": json.dumps(body),
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1700000000000"},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:orders",
            "awsRegion": "eu-west-1",
        }
        for number, body in enumerate(bodies, start=1)
    ]
    return {"Records": records}


def test_batch_processing_reports_the_failed_record(examples: ModuleType, context: LambdaContext) -> None:
    response = examples.batch_handler(sqs_event({"order_id": "a"}, {"fail": True}), context)

    assert response == {"batchItemFailures": [{"itemIdentifier": "2"}]}


def test_batch_processing_hands_the_context_to_a_record_handler_that_asks(context: LambdaContext) -> None:
    received: list[object] = []

    def record_handler(record: SQSRecord, lambda_context: PowertoolsContext) -> None:
        received.append(lambda_context)

    processor = BatchProcessor(event_type=EventType.SQS)
    response = process_partial_response(sqs_event({}, {}), record_handler, processor, context=as_powertools(context))

    assert response == {"batchItemFailures": []}
    assert received == [context, context]


def http_api_event(path: str) -> dict[str, Any]:
    """An API Gateway HTTP API (v2) event for a GET of ``path``."""
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"host": "orders.example.com", "accept": "application/json"},
        "requestContext": {
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7"},
            "requestId": "api-request-2",
            "stage": "$default",
        },
        "isBase64Encoded": False,
    }


def test_mangum_hands_the_context_to_the_asgi_app(examples: ModuleType, context: LambdaContext) -> None:
    response = examples.asgi_handler(http_api_event("/health"), context)

    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"path": "/health", "memory_mb": 512}


def test_mangum_puts_the_same_object_in_the_scope(context: LambdaContext) -> None:
    seen: list[object] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["aws.context"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    assert Mangum(app, lifespan="off")(http_api_event("/"), as_mangum(context))["statusCode"] == 204
    assert seen == [context]


@pytest.fixture
def durable_runner(monkeypatch: pytest.MonkeyPatch, context: LambdaContext) -> Iterator[Any]:
    """The durable SDK's in-process test runner, invoking the example's durable handler with ``context``.

    The runner hands a handler a stand-in context of its own (client context and identity as dicts, no memory); the
    handler here passes the fixture's context instead, as Lambda passes the runtime's.
    """
    from aws_durable_execution_sdk_python_testing import DurableFunctionTestRunner

    example = load_example("handler_durable", monkeypatch)

    def invoke(event: Any, runner_context: object) -> Any:
        return example.durable_handler(event, context)

    with DurableFunctionTestRunner(handler=invoke) as runner:
        yield runner


@needs_durable_sdk
def test_a_durable_function_reads_its_lambda_context(durable_runner: Any, context: LambdaContext) -> None:
    result = durable_runner.run(input=json.dumps({"order_id": "o-4"}), execution_timeout=30)

    assert result.status.value == "SUCCEEDED", result.error
    assert json.loads(result.result) == {"reservation": "o-4 reserved by orders", "tenant": context.tenant_id}
    (step,) = result.operations
    assert step.name == "reserve"


@needs_durable_sdk
def test_from_durable_refuses_a_durable_context_without_a_lambda_context() -> None:
    from aws_durable_execution_sdk_python import DurableContext

    # The SDK's constructor defaults lambda_context to None; building the rest of it needs a live execution state.
    durable = DurableContext.__new__(DurableContext)
    durable.lambda_context = None

    with pytest.raises(ValueError, match="carries no Lambda context"):
        from_durable(durable)


@needs_durable_sdk
def test_the_durable_test_runners_own_context_is_not_a_lambda_context() -> None:
    # Why the runner above gets a real context: the one it builds itself carries dicts where the runtime has objects.
    from aws_durable_execution_sdk_python import DurableContext, durable_execution
    from aws_durable_execution_sdk_python_testing import DurableFunctionTestRunner

    @durable_execution
    def workflow(event: Any, context: DurableContext) -> dict[str, str]:
        inner = from_durable(context)
        return {"client_context": type(inner.client_context).__name__, "memory": repr(inner.memory_limit_in_mb)}

    with DurableFunctionTestRunner(handler=workflow) as runner:
        result = runner.run(input="{}", execution_timeout=30)

    assert json.loads(result.result) == {"client_context": "dict", "memory": "None"}


@pytest.mark.parametrize("context", [None, object(), make_lambda_context()], ids=["None", "object", "a Lambda context"])
def test_from_durable_refuses_what_is_not_a_durable_context(context: object) -> None:
    # A Lambda context passed where the durable one belongs is the likely slip: it has no lambda_context attribute.
    with pytest.raises(TypeError, match=r"from_durable\(\) takes a DurableContext .*got "):
        from_durable(cast("Any", context))
