"""The caller's W3C trace context, wherever this runtime and this caller put it.

Three places, depending on who invoked the function and which runtime runs it:

- ``context.w3c()`` (awslambdaric 4.2.0 and later): the string ``traceparent``, ``tracestate`` and ``baggage`` of
  the client context's top-level ``w3c`` object, which the runtime removes from ``context.client_context``. Older
  runtimes drop the ``w3c`` key altogether (``ClientContext`` keeps only ``client``, ``custom`` and ``env``).
- ``context.client_context.custom``: where OpenTelemetry's AWS SDK instrumentations inject the caller's context on
  ``Invoke`` (Node.js: opentelemetry-js-contrib ``packages/instrumentation-aws-sdk/src/services/lambda.ts``; Java:
  opentelemetry-java-instrumentation ``aws-sdk-2.2`` ``LambdaImpl``), with whatever keys the caller's propagator
  writes (``traceparent`` and ``tracestate`` for W3C, ``baggage`` with the baggage propagator). Both leave the
  client context unchanged when the base64 result would be too long: Node.js when it would pass 3,583 bytes, Java
  already when it would reach 3,583. Earlier Node.js releases wrote ``Custom``, which the Python runtime drops.
- Nowhere: the Python botocore instrumentation (opentelemetry-python-contrib, ``extensions/lmbd.py``) injects into
  the event's ``headers`` object instead, and most invokers send no trace at all.

The ``traceparent`` is checked against W3C Trace Context (``version-traceid-parentid-flags``, lowercase hex, ids not
all zeros, version ``ff`` invalid, version ``00`` exactly 55 characters; a later version may append fields after a
``-``). ``tracestate`` and ``baggage`` are passed on as opaque text, as the specification asks of a receiver that does
not own them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ._errors import ContextValidationError, Problem, join_path
from ._protocols import W3C_FIELDS, LambdaContext
from ._reading import custom_of, plain, shown, unreadable

if TYPE_CHECKING:
    from ._models import W3CTraceModel

__all__ = ["trace_context"]

# W3C Trace Context Level 1, "traceparent Header Field Values" and "Versioning of traceparent".
_TRACEPARENT: Final = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?", re.DOTALL)
_FORMAT: Final = "version-traceid-parentid-flags: 2, 32, 16 and 2 lowercase hex digits joined by '-'"


def trace_context(context: LambdaContext) -> W3CTraceModel | None:
    """The caller's W3C trace context, or None when the invocation carries none.

    Read from ``context.w3c()`` where the runtime has it (awslambdaric 4.2 and later, and
    :class:`~lambda_context_types.testing.FakeLambdaContext`) and it holds a field; else from ``traceparent``,
    ``tracestate`` and ``baggage`` in ``context.client_context.custom``, where OpenTelemetry's AWS SDK
    instrumentations put them. The two sources are never mixed. Works on older runtimes, which have no ``w3c()``.

    Raises ContextValidationError when the chosen source's ``traceparent`` is not a valid W3C ``traceparent``, a
    field is not a string or not valid Unicode, or the source raises while being read. Raises TypeError when
    ``context`` is not a Lambda context (it has no ``client_context``, or one without ``custom``).
    """
    where, fields = _source(context)
    if fields is None:
        return None
    problems = [
        Problem(join_path(where, name), message)
        for name, value in fields.items()
        if (message := _problem(name, value)) is not None
    ]
    if problems:
        raise ContextValidationError("client context", tuple(problems))
    from ._models import W3CTraceModel

    return W3CTraceModel.model_validate(fields)


def _source(context: LambdaContext) -> tuple[str, dict[str, Any] | None]:
    """Where the trace fields are (a key path, for the problems) and the fields that are there."""
    try:
        w3c = getattr(context, "w3c", None)  # not in the Protocol: awslambdaric before 4.2 has no w3c()
        fields = _fields(w3c()) if callable(w3c) else {}
    except Exception as error:  # a stand-in context of the caller's own that fails while being read
        raise unreadable("w3c", error) from None
    if fields:
        return "w3c", fields
    custom = custom_of(context, "trace_context")
    try:
        return "custom", _fields(custom) or None
    except Exception as error:
        raise unreadable("custom", error) from None


def _fields(source: object) -> dict[str, Any]:
    if not isinstance(source, Mapping):
        return {}
    mapping: Mapping[Any, Any] = source  # pyright: ignore[reportUnknownVariableType]
    return {name: plain(value) for name in W3C_FIELDS if (value := mapping.get(name)) is not None}


def _problem(name: str, value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    if not _is_unicode(value):
        # json.loads, which the runtime reads the header with, turns a lone "\ud800" escape into one.
        return "not valid Unicode: it holds a lone surrogate, which no UTF-8 text can carry"
    if name == "traceparent":
        return _traceparent_problem(value)
    return None


def _is_unicode(value: str) -> bool:
    if value.isascii():
        return True
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def _traceparent_problem(value: str) -> str | None:
    """What makes ``value`` an invalid W3C ``traceparent``, or None when it is valid."""
    match = _TRACEPARENT.fullmatch(value)
    if match is None:
        hint = " (the hex digits must be lowercase)" if _TRACEPARENT.fullmatch(value.lower()) else ""
        return (
            f"not a W3C traceparent{hint}: expected {_FORMAT}, such as 00-<trace id>-<parent id>-01, got {shown(value)}"
        )
    version, trace_id, parent_id, _, more = match.groups()
    if version == "ff":
        return f"version ff is invalid in a W3C traceparent, got {shown(value)}"
    if version == "00" and more:
        return f"a version 00 traceparent has exactly four fields (55 characters), got {len(value)}: {shown(value)}"
    if not trace_id.strip("0"):
        return f"the trace id is all zeros, which W3C Trace Context forbids: {shown(value)}"
    if not parent_id.strip("0"):
        return f"the parent id is all zeros, which W3C Trace Context forbids: {shown(value)}"
    return None
