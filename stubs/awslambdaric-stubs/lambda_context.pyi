# Stubs for awslambdaric.lambda_context (awslambdaric >= 4.2).
#
# The module has no annotations; the types below are what the runtime really stores when it builds the context in
# awslambdaric.bootstrap.create_lambda_context. Where the code could store None but Lambda never lets it, the stub
# says `str` so that the class satisfies lambda_context_types.LambdaContext; each such choice has a comment.

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, TypeVar, overload

from _typeshed import Unused

_T = TypeVar("_T")

W3C_ALLOWED_FIELDS: Final[tuple[Literal["traceparent"], Literal["tracestate"], Literal["baggage"]]]

class LambdaContext:
    # Header Lambda-Runtime-Aws-Request-Id; the Runtime API sends it with every invocation.
    aws_request_id: str
    # These come from os.environ.get(...): None only where the variable is unset, which Lambda does not do.
    function_name: str
    function_version: str
    # AWS_LAMBDA_FUNCTION_MEMORY_SIZE copied unconverted: "128", not 128.
    memory_limit_in_mb: str
    # AWS documents the variable as missing in SnapStart functions, where this is None.
    log_group_name: str | None
    # AWS documents the stream as possibly null (no CloudWatch logging) and the variable as missing under SnapStart.
    log_stream_name: str | None
    # The constructor defaults it to None, but the Runtime API sends the header with every invocation.
    invoked_function_arn: str
    # Header Lambda-Runtime-Aws-Tenant-Id, sent to tenant-isolated functions only.
    tenant_id: str | None
    # None when the invocation carried no client context (always so for asynchronous invocations).
    client_context: ClientContext | None
    # Version 4.2 always builds one (both fields None without the header), but AWS documents it as nullable.
    identity: CognitoIdentity | None
    # `client_context` and `cognito_identity` are the parsed JSON headers; the first loses its "w3c" key in place.
    def __init__(
        self,
        invoke_id: str,
        client_context: dict[str, Any] | None,
        cognito_identity: Mapping[str, Any] | None,
        epoch_deadline_time_in_ms: int,
        invoked_function_arn: str | None = None,
        tenant_id: str | None = None,
    ) -> None: ...
    def get_remaining_time_in_millis(self) -> int: ...
    def w3c(self) -> dict[str, str]: ...
    def log(self, msg: object) -> None: ...

class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]
    cognito_identity_id: str | None
    cognito_identity_pool_id: str | None

class Client:
    __slots__ = ["app_package_name", "app_title", "app_version_code", "app_version_name", "installation_id"]
    installation_id: str | None
    app_title: str | None
    app_version_name: str | None
    app_version_code: str | None
    app_package_name: str | None

class ClientContext:
    __slots__ = ["client", "custom", "env"]
    # Whatever JSON the caller sent under "custom" and "env"; the mobile SDKs send objects (string values on
    # Android and iOS, but other producers nest objects or send numbers), and anything else is a malformed payload.
    custom: dict[str, Any] | None
    env: dict[str, Any] | None
    client: Client | None

@overload
def make_obj_from_dict(_class: type[_T], _dict: None, fields: Unused = None) -> None: ...
@overload
def make_obj_from_dict(_class: type[_T], _dict: Mapping[str, Any], fields: Unused = None) -> _T: ...
def set_obj_from_dict(obj: object, _dict: Mapping[str, Any], fields: Iterable[str] | None = None) -> None: ...
