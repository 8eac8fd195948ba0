"""Types, validation and test fakes for the AWS Lambda Python handler ``context``.

The Protocols and the error type are imported eagerly and cost almost nothing. The pydantic models, the parsers and
the portability report load on first use, so a handler that only annotates ``context: LambdaContext`` never imports
pydantic.
"""

# No `from __future__ import annotations`: see _protocols.py.
from typing import TYPE_CHECKING, Any, Final

from ._errors import ContextValidationError, Problem
from ._protocols import ClientContext, CognitoIdentity, LambdaContext, LambdaHandler, MobileClient

__version__ = "0.1.0"
"""The package's version; pyproject.toml reads it from here."""

# The names loaded on first use, each with the module it lives in: the one list of them.
_LAZY: Final = {
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

__all__ = [
    "ClientContext",
    "CognitoIdentity",
    "ContextValidationError",
    "LambdaContext",
    "LambdaHandler",
    "MobileClient",
    "Problem",
]
if TYPE_CHECKING:
    # Type checkers cannot run the line below, so they read the same names, and their types, from the modules' own
    # __all__ (the forms the typing spec lists for __all__); tests/test_exports.py checks that both agree.
    from . import _models, _portability, _trace
    from ._models import *  # noqa: F403
    from ._portability import *  # noqa: F403
    from ._trace import *  # noqa: F403

    __all__ += _models.__all__
    __all__ += _portability.__all__
    __all__ += _trace.__all__
else:
    __all__ += _LAZY


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
