# Stubs for awslambdaric.lambda_context (awslambdaric >= 4.2).
#
# The module has no annotations; the types below are what the runtime really stores when it builds the context in
# awslambdaric.bootstrap.create_lambda_context. Where the code could store None but Lambda never lets it, the stub
# says `str` so that the class satisfies lambda_context_types.LambdaContext. Each member has a docstring (typeshed
# leaves them out, as runtimes carry their own, but awslambdaric has almost none), so that editors show on hover
# what the runtime stores there and why the type says what it says.

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, TypeVar, overload

from _typeshed import Unused

_T = TypeVar("_T")

W3C_ALLOWED_FIELDS: Final[tuple[Literal["traceparent"], Literal["tracestate"], Literal["baggage"]]]
"""The keys of the client context's ``w3c`` object that :meth:`LambdaContext.w3c` returns (string values only)."""

class LambdaContext:
    """The context the Python runtime passes to a handler, built before each invocation by the runtime client.

    Annotate handlers with ``lambda_context_types.LambdaContext``, which this class satisfies, rather than with this
    class: fakes and other runtimes' objects satisfy the Protocol too.
    """

    aws_request_id: str
    """The id of this invocation, from the Runtime API's ``Lambda-Runtime-Aws-Request-Id`` header (always sent)."""
    function_name: str
    """The function's name, copied from ``AWS_LAMBDA_FUNCTION_NAME``.

    The runtime reads it with ``os.environ.get``, so it is None only where the variable is unset, which Lambda never
    does: hence ``str``.
    """
    function_version: str
    """The version being executed (``"$LATEST"`` or a number, as text), copied from ``AWS_LAMBDA_FUNCTION_VERSION``."""
    memory_limit_in_mb: str
    """The memory limit in MB as text (``"128"``, not ``128``): ``AWS_LAMBDA_FUNCTION_MEMORY_SIZE`` copied unconverted.

    Use ``int(context.memory_limit_in_mb)`` to compute with it.
    """
    log_group_name: str | None
    """The CloudWatch Logs group, from ``AWS_LAMBDA_LOG_GROUP_NAME``; None in SnapStart functions, where AWS documents
    the variable as missing."""
    log_stream_name: str | None
    """The CloudWatch Logs stream, from ``AWS_LAMBDA_LOG_STREAM_NAME``; None where the function cannot log to
    CloudWatch (AWS documents it as nullable) and in SnapStart functions."""
    invoked_function_arn: str
    """The ARN the caller invoked, with its alias or version qualifier if it gave one.

    From the ``Lambda-Runtime-Invoked-Function-Arn`` header. The constructor defaults it to None, but the Runtime API
    sends the header with every invocation: hence ``str``.
    """
    tenant_id: str | None
    """The tenant of a tenant-isolated function (header ``Lambda-Runtime-Aws-Tenant-Id``), else None. Since 3.1.0."""
    client_context: ClientContext | None
    """The client context the invoker sent (header ``Lambda-Runtime-Client-Context``, parsed as JSON), else None.

    Always None for asynchronous invocations. Its ``w3c`` key is moved out to :meth:`w3c`.
    """
    identity: CognitoIdentity | None
    """The Amazon Cognito identity of the caller (header ``Lambda-Runtime-Cognito-Identity``).

    Version 4.2 always builds one (both fields None without the header), but AWS documents it as nullable.
    """
    def __init__(
        self,
        invoke_id: str,
        client_context: dict[str, Any] | None,
        cognito_identity: Mapping[str, Any] | None,
        epoch_deadline_time_in_ms: int,
        invoked_function_arn: str | None = None,
        tenant_id: str | None = None,
    ) -> None:
        """Build the context from the parsed ``Lambda-Runtime-Client-Context`` and ``Lambda-Runtime-Cognito-Identity``
        headers (or None) and the deadline in epoch milliseconds. The client context dict loses its ``w3c`` key."""
    def get_remaining_time_in_millis(self) -> int:
        """The milliseconds left before the invocation times out (the deadline minus now), never below 0."""
    def w3c(self) -> dict[str, str]:
        """A new dict of the W3C trace-context fields the invoker sent in the client context's ``w3c`` object.

        Only ``traceparent``, ``tracestate`` and ``baggage``, and only string values. Since 4.2.0.
        """
    def log(self, msg: object) -> None:
        """Write ``str(msg)`` to the function's log stream as one record (the runtime's log sink, else stdout)."""

class CognitoIdentity:
    """The Cognito identity of the caller; the runtime copies the header's camelCase keys to these names."""

    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]
    cognito_identity_id: str | None
    """The identity id (header key ``cognitoIdentityId``), or None when the caller sent none."""
    cognito_identity_pool_id: str | None
    """The identity pool id (header key ``cognitoIdentityPoolId``), or None when the caller sent none."""

class Client:
    """The calling app, as the client context's ``client`` object describes it; each field None when not sent.

    The runtime copies the values unchecked: a field holds whatever JSON the caller sent under its key.
    """

    __slots__ = ["app_package_name", "app_title", "app_version_code", "app_version_name", "installation_id"]
    installation_id: str | None
    """The app installation's id (key ``installation_id``)."""
    app_title: str | None
    """The app's title (key ``app_title``)."""
    app_version_name: str | None
    """The app's version name (key ``app_version_name``)."""
    app_version_code: str | None
    """The app's version code, as text (key ``app_version_code``)."""
    app_package_name: str | None
    """The app's package name or bundle id (key ``app_package_name``)."""

class ClientContext:
    """The client context the invoker sent; keys other than ``client``, ``custom`` and ``env`` are dropped."""

    __slots__ = ["client", "custom", "env"]
    custom: dict[str, Any] | None
    """Whatever the caller sent under ``custom``, or None: an object for every known producer (strings from the
    mobile SDKs; nested objects and numbers from others)."""
    env: dict[str, Any] | None
    """Whatever the caller sent under ``env`` (the device environment from the mobile SDKs), or None."""
    client: Client | None
    """The calling app, built from the ``client`` object, or None when there is none."""

@overload
def make_obj_from_dict(_class: type[_T], _dict: None, fields: Unused = None) -> None:
    """None for no dict."""

@overload
def make_obj_from_dict(_class: type[_T], _dict: Mapping[str, Any], fields: Unused = None) -> _T:
    """A new ``_class()`` with its ``__slots__`` set from ``_dict`` (a missing key becomes None, others are dropped)."""

def set_obj_from_dict(obj: object, _dict: Mapping[str, Any], fields: Iterable[str] | None = None) -> None:
    """Set each of ``fields`` (by default ``obj.__slots__``) on ``obj`` to ``_dict.get(field)``."""
