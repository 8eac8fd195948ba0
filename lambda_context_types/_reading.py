"""Reading a handler's ``context`` defensively, for :func:`~lambda_context_types.trace_context` and
:func:`~lambda_context_types.agentcore.gateway_tool_call`. Not public API.

The readers take whatever a handler was given: the runtime's object, the fake, a test's own stand-in. A string is
copied to a plain ``str`` before it is checked, so that a subclass's methods cannot change what is checked, and an
object that raises while being read gives the package's error, naming where, rather than its own. :func:`shown`
puts a wrong value into a message, cut short, for these readers and for the test fake.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import Any, Final

from ._errors import ContextValidationError, Problem

__all__: list[str] = []

_MISSING: Final = object()


def custom_of(context: object, reader: str) -> Mapping[Any, Any] | None:
    """``context.client_context.custom`` when it is a mapping, else None.

    Raises TypeError when ``context`` has no ``client_context`` attribute (``handler(event, None)`` in a test, say)
    or its client context has no ``custom``; ContextValidationError when reading an attribute raises.
    """
    try:
        client_context: object = getattr(context, "client_context", _MISSING)
        custom: object = None if client_context is None else getattr(client_context, "custom", _MISSING)
    except Exception as error:
        raise unreadable("custom", error) from None
    if client_context is _MISSING:
        raise TypeError(
            f"{reader}() takes a Lambda context (an object with a client_context attribute), "
            f"got {type(context).__name__}"
        )
    if custom is _MISSING:
        raise TypeError(
            f"{reader}() takes a Lambda context: its client_context, a {type(client_context).__name__}, has no "
            "custom attribute (the runtime's ClientContext has client, custom and env)"
        )
    if not isinstance(custom, Mapping):
        return None
    mapping: Mapping[Any, Any] = custom  # pyright: ignore[reportUnknownVariableType]
    return mapping


def plain(value: object) -> object:
    """``value``, a ``str`` subclass copied to a plain ``str``."""
    return str.__str__(value) if isinstance(value, str) else value


def unreadable(path: str, error: Exception) -> ContextValidationError:
    """The error for a value that raised while being read: its own exception is not the package's to pass on."""
    return ContextValidationError("client context", (Problem(path, f"reading it raised {type(error).__name__}"),))


def shown(value: object) -> str:
    """``repr(value)`` for a message, at most about 80 characters per string and 8 items per container.

    A 10 MB string or a million-item list would bury the message, and an object whose ``__repr__`` raises is shown
    by its type (reprlib catches that).
    """
    short = reprlib.Repr()
    short.maxstring = short.maxother = 80
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 8
    return short.repr(value)
