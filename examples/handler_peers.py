"""Handlers typed with lambda_context_types that call aws-lambda-powertools and Mangum (handler_durable.py: the SDK).

Each handler annotates its context with the package's `LambdaContext` (the types the runtime really delivers) and
hands it to a peer through a bridge from `lambda_context_types.interop`, which returns the same object typed as that
peer asks for. Nothing here needs AWS: the idempotency store is kept in memory, as a DynamoDB table would keep it.
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

# powertools types the record handler as a bare Callable, which strict pyright calls partially unknown.
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response  # pyright: ignore[reportUnknownVariableType]
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord
from aws_lambda_powertools.utilities.typing import LambdaContext as PowertoolsContext
from mangum import Mangum
from mangum.types import Receive, Scope, Send

from lambda_context_types import LambdaContext
from lambda_context_types.interop import as_mangum, as_powertools


class MemoryPersistenceLayer(BasePersistenceLayer):
    """An idempotency store in a dict, standing in for `DynamoDBPersistenceLayer` so the example runs offline."""

    @functools.cached_property
    def records(self) -> dict[str, DataRecord]:
        """The stored records, by idempotency key."""
        return {}

    def _get_record(self, idempotency_key: str) -> DataRecord:
        try:
            return self.records[idempotency_key]
        except KeyError:
            raise IdempotencyItemNotFoundError(idempotency_key) from None

    def _put_record(self, data_record: DataRecord) -> None:
        existing = self.records.get(data_record.idempotency_key)
        if existing is not None and not existing.is_expired and not _in_progress_expired(existing):
            raise IdempotencyItemAlreadyExistsError(old_data_record=existing)
        self.records[data_record.idempotency_key] = data_record

    def _update_record(self, data_record: DataRecord) -> None:
        self.records[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self.records.pop(data_record.idempotency_key, None)


def _in_progress_expired(record: DataRecord) -> bool:
    # An in-progress record lapses when the invocation that wrote it would have timed out (from the context).
    expiry_ms = record.in_progress_expiry_timestamp
    return expiry_ms is not None and expiry_ms < time.time() * 1000


# powertools leaves BasePersistenceLayer.__init__ unannotated, which mypy --strict refuses to call.
persistence = MemoryPersistenceLayer()  # type: ignore[no-untyped-call]
idempotency = IdempotencyConfig(event_key_jmespath="order_id")

# --- The REST API resolver -----------------------------------------------------------------------------------------

app = APIGatewayRestResolver()


@app.get("/orders/<order_id>")
def get_order(order_id: str) -> dict[str, str]:
    return {"order_id": order_id, "function": app.lambda_context.function_name}


def api_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, as_powertools(context))


# --- Batch processing ----------------------------------------------------------------------------------------------

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    if json.loads(record.body).get("fail"):
        raise ValueError(f"message {record.message_id} asked to fail")


def batch_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(event, record_handler, processor, context=as_powertools(context))
    return dict(response)


# --- Idempotency: the decorator, and the configuration the function-level utility reads ---------------------------


# `@idempotent` is typed for powertools' context class, so the decorated function takes that type; the handler the
# runtime calls is annotated with the package's Protocol and passes its context through the bridge.
@idempotent(persistence_store=persistence, config=idempotency)
def _charge(event: dict[str, Any], context: PowertoolsContext) -> dict[str, Any]:
    return {"order_id": event["order_id"], "charged_at_ms_left": context.get_remaining_time_in_millis()}


def payment_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    result: dict[str, Any] = _charge(event, as_powertools(context))
    return result


# --- Mangum --------------------------------------------------------------------------------------------------------


async def asgi_app(scope: Scope, receive: Receive, send: Send) -> None:
    # Mangum hands the context on untouched; the scope is untyped, so say what it holds.
    context: LambdaContext = scope["aws.context"]
    body = json.dumps({"path": scope["path"], "memory_mb": int(context.memory_limit_in_mb)}).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


asgi = Mangum(asgi_app, lifespan="off")


def asgi_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return asgi(event, as_mangum(context))
