"""The structural contract of the Lambda handler context.

Every member is a read-only property so that the runtime's own classes, frozen dataclasses, plain classes with
attributes and the pydantic models all satisfy these Protocols, including those that declare a narrower type
(``str`` where the Protocol says ``str | None``).

This module imports nothing but :mod:`typing`: it is what ``import lambda_context_types`` loads, and it has to stay
cheap for cold starts. Not even ``from __future__ import annotations``, in this module, ``_errors`` and the package's
``__init__``: importing ``__future__`` costs 0.2-0.3 ms, and in ``_errors`` it made ``typing.NamedTuple`` compile the
annotation strings of ``Problem`` (1.5 ms: the first compile in a process is slow). Without it the import went from
about 2 ms to 0.8 ms (BENCHMARKS.md); tests/test_exports.py holds the import to modules typing has loaded.
"""

from collections.abc import Mapping
from typing import Any, Final, Protocol, TypeVar, runtime_checkable

__all__ = ["ClientContext", "CognitoIdentity", "LambdaContext", "LambdaHandler", "MobileClient"]

EventT_contra = TypeVar("EventT_contra", contravariant=True)
ResultT_co = TypeVar("ResultT_co", covariant=True)

# The keys the Python runtime reads, kept here once for the models and the portability checks (a test compares them
# with the installed awslambdaric). Not public API.
# Mirrors awslambdaric.lambda_context's Client.__slots__: the keys of the client context's "client" object.
MOBILE_CLIENT_FIELDS: Final = (
    "installation_id",
    "app_title",
    "app_version_name",
    "app_version_code",
    "app_package_name",
)
# Mirrors awslambdaric.lambda_context's ClientContext.__slots__: the top-level keys that reach the handler.
CLIENT_CONTEXT_FIELDS: Final = ("client", "custom", "env")
# Mirrors awslambdaric.lambda_context's W3C_ALLOWED_FIELDS, in its order: the "w3c" keys that context.w3c() returns.
W3C_FIELDS: Final = ("traceparent", "tracestate", "baggage")


@runtime_checkable
class CognitoIdentity(Protocol):
    """The Amazon Cognito identity that authorized the invocation (``context.identity``).

    Lambda sends it in the ``Lambda-Runtime-Cognito-Identity`` header as camelCase JSON; the runtime exposes the
    two values under snake_case names. Either can be None.
    """

    @property
    def cognito_identity_id(self) -> str | None:
        """The Cognito identity id, ``"<region>:<uuid>"``, or None when the invocation carried none."""
        ...

    @property
    def cognito_identity_pool_id(self) -> str | None:
        """The id of the Cognito identity pool that issued the identity, ``"<region>:<uuid>"``, or None."""
        ...


@runtime_checkable
class MobileClient(Protocol):
    """The calling application, as the AWS Mobile SDKs describe it (``context.client_context.client``).

    Every field can be None: the runtime copies whatever keys the caller sent and uses None for the rest.
    """

    @property
    def installation_id(self) -> str | None:
        """A unique id of the app installation on the device (the iOS SDK may send ``"UNKNOWN_INSTALLATION_ID"``)."""
        ...

    @property
    def app_title(self) -> str | None:
        """The human-readable title of the application."""
        ...

    @property
    def app_version_name(self) -> str | None:
        """The version name: the user-visible version on Android (``"1.4.2"``), the build number on iOS."""
        ...

    @property
    def app_version_code(self) -> str | None:
        """The version code, as text: the build number on Android (``"42"``), the user-visible version on iOS."""
        ...

    @property
    def app_package_name(self) -> str | None:
        """The package name or bundle identifier of the application, such as ``"com.example.app"``."""
        ...


@runtime_checkable
class ClientContext(Protocol):
    """The client context an invoker attached to a synchronous invocation (``context.client_context``).

    The mobile SDKs fill ``client`` and ``env``; ``custom`` holds whatever the caller chose to send. The runtime
    passes the values through as parsed JSON, unchecked.
    """

    @property
    def client(self) -> MobileClient | None:
        """The calling application, or None when the client context has no ``client`` key."""
        ...

    @property
    def custom(self) -> Mapping[str, Any] | None:
        """Values set by the calling application, or None when absent.

        Usually strings, but any JSON value can arrive (numbers, nested objects), so check before relying on a type.
        """
        ...

    @property
    def env(self) -> Mapping[str, Any] | None:
        """The device environment (``platform``, ``platform_version``, ``model``, ``make``, ``locale``), or None.

        The mobile SDKs send strings; the Python runtime passes whatever JSON arrived.
        """
        ...


@runtime_checkable
class LambdaContext(Protocol):
    """The ``context`` object a Python Lambda handler receives: ``def handler(event, context: LambdaContext)``.

    Types follow what the Python runtime really stores, not what is convenient: ``memory_limit_in_mb`` is text, and
    ``log_group_name``, ``log_stream_name``, ``tenant_id``, ``identity`` and ``client_context`` can all be None.
    """

    @property
    def function_name(self) -> str:
        """The name of the Lambda function (environment variable ``AWS_LAMBDA_FUNCTION_NAME``)."""
        ...

    @property
    def function_version(self) -> str:
        """The version of the function being executed, such as ``"$LATEST"`` or ``"3"``."""
        ...

    @property
    def invoked_function_arn(self) -> str:
        """The ARN used to invoke the function; it carries the alias or version qualifier if the caller gave one."""
        ...

    @property
    def memory_limit_in_mb(self) -> str:
        """The memory allocated to the function, in MB, written as text: ``"128"``, not ``128``.

        The runtime copies ``AWS_LAMBDA_FUNCTION_MEMORY_SIZE`` unconverted; use ``int(context.memory_limit_in_mb)``
        to compute with it.
        """
        ...

    @property
    def aws_request_id(self) -> str:
        """The id of this invocation request."""
        ...

    @property
    def log_group_name(self) -> str | None:
        """The CloudWatch Logs group of the function, ``"/aws/lambda/<function name>"`` by default.

        None in SnapStart functions, where Lambda does not set ``AWS_LAMBDA_LOG_GROUP_NAME``.
        """
        ...

    @property
    def log_stream_name(self) -> str | None:
        """The CloudWatch Logs stream of this execution environment.

        None when the function cannot create one, and in SnapStart functions.
        """
        ...

    @property
    def tenant_id(self) -> str | None:
        """The tenant this invocation runs for (tenant-isolated functions), or None when there is none."""
        ...

    @property
    def identity(self) -> CognitoIdentity | None:
        """The Amazon Cognito identity that authorized the request, when invoked through the AWS Mobile SDK.

        AWS documents it as nullable; the current Python runtime always builds one, with None fields when absent.
        """
        ...

    @property
    def client_context(self) -> ClientContext | None:
        """The client context sent by the invoker, or None when the invocation carried none (always None for
        asynchronous invocations)."""
        ...

    def get_remaining_time_in_millis(self) -> int:
        """The milliseconds left before the invocation times out, never below 0."""
        ...

    def log(self, msg: str, /) -> None:
        """Write ``str(msg)`` to the function's log stream, as one record."""
        ...


# Not runtime_checkable: isinstance could only check for __call__, and would call any callable a handler.
class LambdaHandler(Protocol[EventT_contra, ResultT_co]):
    """A Lambda handler taking an event of type ``EventT_contra`` and returning ``ResultT_co``.

    Any function ``def handler(event: E, context: LambdaContext) -> R`` matches ``LambdaHandler[E, R]``, whatever its
    parameters are called; use it to type decorators and registries of handlers.
    """

    def __call__(self, event: EventT_contra, context: LambdaContext, /) -> ResultT_co:
        """Handle one invocation."""
        ...
