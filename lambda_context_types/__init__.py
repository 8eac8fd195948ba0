"""Types, validation and test fakes for the AWS Lambda Python handler ``context``.

The Protocols and the error type are imported eagerly and cost almost nothing. The pydantic models, the parsers and
the portability report load on first use, so a handler that only annotates ``context: LambdaContext`` never imports
pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import ContextValidationError, Problem
from ._protocols import ClientContext, CognitoIdentity, LambdaContext, LambdaHandler, MobileClient

__version__ = "0.1.0"
"""The package's version; pyproject.toml reads it from here."""

if TYPE_CHECKING:
    from ._models import (
        MAX_CLIENT_CONTEXT_BYTES,
        ClientContextModel,
        CognitoIdentityModel,
        MobileClientModel,
        W3CTraceModel,
        parse_client_context,
        parse_cognito_identity,
    )
    from ._portability import RUNTIMES, Effect, Finding, InvocationType, Runtime, check_portability
    from ._trace import trace_context

__all__ = [
    "MAX_CLIENT_CONTEXT_BYTES",
    "RUNTIMES",
    "ClientContext",
    "ClientContextModel",
    "CognitoIdentity",
    "CognitoIdentityModel",
    "ContextValidationError",
    "Effect",
    "Finding",
    "InvocationType",
    "LambdaContext",
    "LambdaHandler",
    "MobileClient",
    "MobileClientModel",
    "Problem",
    "Runtime",
    "W3CTraceModel",
    "check_portability",
    "parse_client_context",
    "parse_cognito_identity",
    "trace_context",
]

_LAZY = {
    "MAX_CLIENT_CONTEXT_BYTES": "._models",
    "ClientContextModel": "._models",
    "CognitoIdentityModel": "._models",
    "MobileClientModel": "._models",
    "W3CTraceModel": "._models",
    "parse_client_context": "._models",
    "parse_cognito_identity": "._models",
    "RUNTIMES": "._portability",
    "Effect": "._portability",
    "Finding": "._portability",
    "InvocationType": "._portability",
    "Runtime": "._portability",
    "check_portability": "._portability",
    "trace_context": "._trace",
}


def __getattr__(name: str) -> Any:
    """Import the pydantic-backed names on first access."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module_name, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
