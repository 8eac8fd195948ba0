"""Bridges between the package's :class:`~lambda_context_types.LambdaContext` and the context types of its peers.

aws-lambda-powertools, Mangum and the AWS durable execution SDK each declare a context type of their own, and none
of them accepts the package's Protocol (nor the object the runtime really builds, typed by it). Each bridge here takes
a context typed by the package and hands back **the same object**, typed as the peer wants it::

    from lambda_context_types import LambdaContext
    from lambda_context_types.interop import as_powertools

    def handler(event: dict[str, object], context: LambdaContext) -> dict[str, object]:
        return app.resolve(event, as_powertools(context))

A bridge is sound where the peer reads only members that the runtime's object (and
:class:`~lambda_context_types.testing.FakeLambdaContext`) really has, with the types it really has; each docstring
lists what its peer reads, as found in the peer's source, and where the peer's own type says something else. The
result is typed by the peer alone: read members through the package's type, and pass the bridged object only to the
peer.

The peers are imported for type checking only: none is a dependency, and importing this module imports none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, cast

from ._protocols import LambdaContext

if TYPE_CHECKING:
    from aws_durable_execution_sdk_python.context import DurableContext
    from aws_durable_execution_sdk_python.types import LambdaContext as DurableLambdaContext
    from aws_lambda_powertools.utilities.typing import LambdaContext as PowertoolsLambdaContext
    from mangum.types import LambdaContext as MangumLambdaContext

__all__ = ["as_durable", "as_mangum", "as_powertools", "from_durable"]

_MISSING: Final = object()


def as_powertools(context: LambdaContext) -> PowertoolsLambdaContext:
    """``context`` itself, typed as aws-lambda-powertools' ``LambdaContext`` (checked against powertools 3.37).

    Pass the result where powertools asks for its class: ``APIGatewayRestResolver.resolve(event, context)``,
    ``process_partial_response(..., context=context)``, ``IdempotencyConfig.register_lambda_context(context)``, or
    a function decorated with ``@idempotent`` and annotated with powertools' class.

    What powertools reads from the object: the Logger's ``inject_lambda_context`` reads ``function_name``,
    ``memory_limit_in_mb``, ``invoked_function_arn`` and ``aws_request_id``; the Metrics cold-start metric reads
    ``function_name``; idempotency calls ``get_remaining_time_in_millis()``; the event handlers, batch processing
    and the Tracer read nothing and only pass it on (as ``app.lambda_context``, to a record handler that takes a
    ``lambda_context`` parameter, to the handler). Powertools also treats any object with both a ``state`` and a
    ``lambda_context`` attribute as a durable context; the runtime's object and the fake have neither. All of these
    members exist on the runtime's object and on the fake.

    Where powertools' type is wrong: its ``LambdaContext`` is a class, not a Protocol, so nothing but itself (and
    this bridge) satisfies it; ``memory_limit_in_mb`` is declared ``int`` where the runtime stores text such as
    ``"512"`` (the Logger logs it as text); ``log_group_name``, ``log_stream_name``, ``identity`` and
    ``client_context`` are never ``None`` there although they can be; ``log()`` and ``w3c()`` are missing; and
    ``get_remaining_time_in_millis`` is a staticmethod returning 0. So compute with the package's type, never
    with the result.
    """
    return cast("PowertoolsLambdaContext", context)


def as_mangum(context: LambdaContext) -> MangumLambdaContext:
    """``context`` itself, typed as Mangum's ``mangum.types.LambdaContext`` (checked against Mangum 0.22).

    Pass the result to the adapter: ``Mangum(app)(event, as_mangum(context))``.

    What Mangum reads from the object: nothing. It picks its event handler from the event alone and hands the
    context to the ASGI application unchanged, as ``scope["aws.context"]``, where the application should annotate
    it with the package's type.

    Where Mangum's type is wrong: its Protocol declares plain (settable) attributes, so a read-only context such as
    the frozen fake does not satisfy it; ``memory_limit_in_mb`` is declared ``int`` where the runtime stores text;
    ``log_group_name``, ``log_stream_name`` and the identity's and mobile client's fields are never ``None`` there
    although they can be; ``tenant_id``, ``log()`` and ``w3c()`` are missing.
    """
    return cast("MangumLambdaContext", context)


def as_durable(context: LambdaContext) -> DurableLambdaContext:
    """``context`` itself, typed as the durable execution SDK's ``aws_durable_execution_sdk_python.types.LambdaContext``
    (checked against aws-durable-execution-sdk-python 3.0).

    Pass the result to a handler decorated with ``@durable_execution`` when calling it yourself, as a test does:
    ``handler(event, as_durable(make_lambda_context()))``. On Lambda the runtime calls that handler directly.

    What the SDK reads from the object: ``aws_request_id`` (for its instrumentation plugins). It keeps the object,
    unchanged, as ``DurableContext.lambda_context`` for the durable function; read it back with
    :func:`from_durable`. The runtime's object and the fake have ``aws_request_id``, a string.

    Where the SDK's type is wrong: its Protocol declares plain (settable) attributes, so a read-only context such as
    the frozen fake does not satisfy it; ``function_name``, ``function_version``, ``invoked_function_arn`` and
    ``memory_limit_in_mb`` are ``str | None`` where the runtime always has a string, and ``identity`` and
    ``client_context`` are ``Any``; ``w3c()`` is missing.
    """
    return cast("DurableLambdaContext", context)


def from_durable(context: DurableContext) -> LambdaContext:
    """The Lambda context inside a durable execution's context (``context.lambda_context``), typed by the package.

    The durable SDK keeps the object the runtime passed to the ``@durable_execution`` handler, unchanged, and
    hands it on to every child context; on Lambda that is the runtime's own object, which the package's type
    describes. The SDK's test runner passes a stand-in of its own instead, whose ``client_context`` and
    ``identity`` are plain dicts and whose ``memory_limit_in_mb`` is None: that object does not match the package's
    type, so tests should hand the durable handler a real context (see :func:`as_durable`).

    Raises:
        ValueError: ``context`` carries no Lambda context (a ``DurableContext`` built without one).
        TypeError: ``context`` is not a durable context: it has no ``lambda_context`` attribute (the Lambda context
            itself, say, passed where the durable one belongs).
    """
    lambda_context = getattr(context, "lambda_context", _MISSING)
    if lambda_context is _MISSING:
        raise TypeError(
            "from_durable() takes a DurableContext (the second argument of a @durable_execution handler), "
            f"got {type(context).__name__}"
        )
    if lambda_context is None:
        raise ValueError(
            "this DurableContext carries no Lambda context: it was built without one (the SDK's "
            "@durable_execution handler always passes the one it was invoked with)"
        )
    return cast("LambdaContext", lambda_context)
