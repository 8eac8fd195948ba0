"""A fake Lambda ``context`` for tests, built the way the Python runtime builds the real one.

``make_lambda_context()`` returns a :class:`FakeLambdaContext` that satisfies
:class:`~lambda_context_types.LambdaContext` for mypy, pyright and ``isinstance``. Its values are consistent with
each other (the ARN, the log group and the log stream all name the same function) and have the types production
has: ``memory_limit_in_mb`` is ``"128"``, not ``128``, so a handler that computes with it fails in the test as it
would on Lambda.

The remaining time comes from a :class:`FakeClock` that stands still until the test advances it::

    context = make_lambda_context(timeout=3)
    context.clock.advance(2.5)
    assert context.get_remaining_time_in_millis() == 500

Wrong overrides (a negative timeout, an account id that is not 12 digits) are mistakes in the test, so they raise
``ValueError`` or ``TypeError``. Wrong *payloads* (``client_context=``, ``identity=``) raise
:class:`~lambda_context_types.ContextValidationError`, the error the package raises for bad input everywhere.

This module does not import pydantic; that happens on the first validated ``client_context=`` or ``identity=``.
"""

from __future__ import annotations

import enum
import json
import math
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Final, Protocol, TypeAlias, cast

from ._protocols import MOBILE_CLIENT_FIELDS, W3C_FIELDS, ClientContext, CognitoIdentity, MobileClient
from ._reading import shown

__all__ = ["DEFAULT", "DefaultType", "FakeClock", "FakeLambdaContext", "LambdaContextFactory", "make_lambda_context"]

# Lambda's own limits (CreateFunction): memory in whole MB, timeout in seconds.
_MIN_MEMORY_MB: Final = 128
_MAX_MEMORY_MB: Final = 10240
_MAX_TIMEOUT_SECONDS: Final = 900

_FUNCTION_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
_VERSION = re.compile(r"\$LATEST|[0-9]+")
_QUALIFIER = re.compile(r"\$LATEST|[A-Za-z0-9_-]{1,128}")
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-[0-9]+")
_ACCOUNT_ID = re.compile(r"[0-9]{12}")
_MEMORY = re.compile(r"[0-9]+")

# The ARN partition of each region outside the commercial partition "aws", by region prefix (botocore's
# partitions.json has the same list as regular expressions; a test compares the two).
_PARTITIONS: Final = (
    ("cn-", "aws-cn"),
    ("us-gov-", "aws-us-gov"),
    ("us-iso-", "aws-iso"),
    ("us-isob-", "aws-iso-b"),
    ("eu-isoe-", "aws-iso-e"),
    ("us-isof-", "aws-iso-f"),
    ("eusc-", "aws-eusc"),
)


class DefaultType(enum.Enum):
    """The type of :data:`DEFAULT`, to annotate a parameter that passes it on: ``str | DefaultType | None``."""

    DEFAULT = "DEFAULT"
    """The one value of this type; also available as :data:`DEFAULT`."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Final = DefaultType.DEFAULT
"""The default of an argument of :func:`make_lambda_context` for which None means something else.

``log_group_name``, ``log_stream_name`` and ``identity`` take it: pass ``DEFAULT`` for the value the function would
pick (in a wrapper that forwards its own arguments, say), None for none at all.
"""

_Payload: TypeAlias = "str | bytes | bytearray | Mapping[str, Any]"


class FakeClock:
    """A monotonic clock for fake contexts that moves only when the test advances it.

    A fake context computes its deadline from this clock when it is made; ``advance()`` brings it closer. Pass
    ``realtime=True`` for a clock that also follows real time, for handlers that poll the remaining time in a loop
    (with a frozen clock such a loop never ends).
    """

    __slots__ = ("_advanced_ns", "_origin_ns", "_realtime")

    def __init__(self, *, realtime: bool = False) -> None:
        if not isinstance(realtime, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"FakeClock(realtime=...) takes True or False, got {_type_name(realtime)}")
        self._advanced_ns = 0
        self._realtime = realtime
        self._origin_ns = time.monotonic_ns()

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` (fractions allowed); it never goes back.

        Raises TypeError for anything but an int or a float, ValueError for a negative, infinite or NaN one.
        """
        exact = _exact_number("FakeClock.advance()", seconds)
        nanoseconds = exact * 1_000_000_000
        # Also false for NaN and for a float that overflows once in nanoseconds; an int of any size is exact.
        if not 0 <= nanoseconds < math.inf:
            raise ValueError(f"FakeClock.advance() takes a finite number of seconds >= 0, got {_shown_number(exact)}")
        self._advanced_ns += round(nanoseconds)

    def now_ns(self) -> int:
        """The clock's reading in nanoseconds: the total advanced, plus the real time elapsed if ``realtime``."""
        if self._realtime:
            return self._advanced_ns + time.monotonic_ns() - self._origin_ns
        return self._advanced_ns

    def __repr__(self) -> str:
        return f"FakeClock(now_ns={self.now_ns()}, realtime={self._realtime})"


# The runtime's holder classes are plain objects with only these attributes, so the fakes have only these too: a
# handler that reads `client_context.services` fails here as it does on Lambda.
@dataclass(frozen=True, slots=True)
class _FakeMobileClient:
    installation_id: str | None
    app_title: str | None
    app_version_name: str | None
    app_version_code: str | None
    app_package_name: str | None


@dataclass(frozen=True, slots=True)
class _FakeClientContext:
    client: MobileClient | None
    custom: Mapping[str, Any] | None
    env: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class _FakeCognitoIdentity:
    cognito_identity_id: str | None
    cognito_identity_pool_id: str | None


@dataclass(frozen=True, eq=False, kw_only=True)
class FakeLambdaContext:
    """A fake handler context for tests; it satisfies :class:`~lambda_context_types.LambdaContext`.

    Make one with :func:`make_lambda_context`, which fills in consistent defaults and checks the values; this
    constructor takes the final values as they are. Beyond the runtime's members it records ``log()`` calls in
    ``logs`` and exposes its ``clock``. A copy made with :func:`dataclasses.replace` starts with empty ``logs`` and
    keeps the ``clock`` (the same object) and the deadline.
    """

    function_name: str
    """The function's name."""
    function_version: str
    """The function version, ``"$LATEST"`` or a number as text."""
    invoked_function_arn: str
    """The ARN the function was invoked with, with the qualifier if there is one."""
    memory_limit_in_mb: str
    """The memory size as the runtime gives it: text such as ``"128"``."""
    aws_request_id: str
    """The id of the invocation request."""
    log_group_name: str | None
    """The CloudWatch Logs group, or None as in a SnapStart function."""
    log_stream_name: str | None
    """The CloudWatch Logs stream, or None as when the function cannot create one or uses SnapStart."""
    tenant_id: str | None
    """The tenant of a tenant-isolated function, or None."""
    identity: CognitoIdentity | None
    """The Cognito identity (an object with None fields when the invocation carried none), or None."""
    client_context: ClientContext | None
    """The client context, with only the attributes the runtime gives it, or None."""
    deadline_ns: int
    """The reading of ``clock`` (:meth:`FakeClock.now_ns`) at which the invocation times out."""
    clock: FakeClock = field(default_factory=FakeClock)
    """The clock the remaining time is measured on; advance it to bring the timeout closer."""
    trace_context: Mapping[str, str] = field(default_factory=dict[str, str])
    """The W3C trace-context fields ``w3c()`` returns."""
    logs: list[str] = field(default_factory=list[str], init=False)
    """Every message passed to ``log()``, in order; each context starts with its own empty list."""

    def __post_init__(self) -> None:
        # The two values the fake computes with are checked here, so that a wrong one fails where it is given.
        if not isinstance(self.clock, FakeClock):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"clock must be a FakeClock, got {_type_name(self.clock)}")
        deadline_ns = self.deadline_ns
        if isinstance(deadline_ns, bool) or not isinstance(deadline_ns, int):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"deadline_ns must be an int, got {_type_name(deadline_ns)}")
        object.__setattr__(self, "deadline_ns", int.__int__(deadline_ns))  # an int subclass's arithmetic aside

    def get_remaining_time_in_millis(self) -> int:
        """The whole milliseconds left before ``deadline_ns`` on ``clock``, never below 0."""
        return max(0, (self.deadline_ns - self.clock.now_ns()) // 1_000_000)

    def log(self, msg: object) -> None:
        """Record ``str(msg)`` in ``logs``, where the runtime would write one log record; nothing is printed.

        Like the runtime's, it takes any object, by position or as ``msg=``.
        """
        self.logs.append(str(msg))

    def w3c(self) -> dict[str, str]:
        """A new dict of the W3C trace-context fields of the client context, like the runtime's (4.2+) ``w3c()``."""
        return dict(self.trace_context)


class LambdaContextFactory(Protocol):
    """The type of :func:`make_lambda_context`, to annotate the ``make_lambda_context`` pytest fixture with.

    :func:`make_lambda_context` is this class's ``__call__``: the signature, its defaults and its documentation are
    written once, here, and an editor shows them on a call through either name. Being a Protocol, it is also
    satisfied by any function with the same keyword-only parameters, such as a wrapper that forwards them.
    """

    # A staticmethod, so that the function itself, looked up on the class, is make_lambda_context; a plain method
    # would need an instance, which a Protocol cannot have. The docstring starts on its own line so that pyright,
    # which shows make_lambda_context's own docstring above this one, still removes the indentation.
    @staticmethod
    def __call__(
        *,
        function_name: str = "my-function",
        function_version: str | None = None,
        qualifier: str | None = None,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        memory_limit_in_mb: int | str = 128,
        timeout: float = 3,
        aws_request_id: str | None = None,
        log_group_name: str | DefaultType | None = DEFAULT,
        log_stream_name: str | DefaultType | None = DEFAULT,
        tenant_id: str | None = None,
        client_context: str | bytes | bytearray | Mapping[str, Any] | ClientContext | None = None,
        identity: str | bytes | bytearray | Mapping[str, Any] | CognitoIdentity | DefaultType | None = DEFAULT,
        clock: FakeClock | None = None,
        validate: bool = True,
    ) -> FakeLambdaContext:
        """
        Make a fake handler context with consistent, production-like values; every argument is optional.

        Args:
            function_name: The function's name (1 to 64 letters, digits, ``-`` or ``_``).
            function_version: ``"$LATEST"`` or a version number as text. Defaults to ``qualifier`` when that is a
                version, else ``"$LATEST"``.
            qualifier: An alias or version to end ``invoked_function_arn`` with (``:<qualifier>``); None for an
                unqualified ARN.
            region: The AWS region in the ARN, whose partition the ARN names too: ``arn:aws-cn:`` for ``cn-north-1``,
                ``arn:aws-us-gov:`` for ``us-gov-west-1``, ``arn:aws:`` for the commercial regions.
            account_id: The 12-digit account id in the ARN.
            memory_limit_in_mb: 128 to 10240; an int is written as the runtime gives it, as text (``"512"``).
            timeout: The function timeout in seconds (above 0, at most 900); ``get_remaining_time_in_millis()``
                counts down from it as ``clock`` advances.
            aws_request_id: The request id; a fresh UUID by default.
            log_group_name: Defaults to ``/aws/lambda/<function_name>`` (also when given :data:`DEFAULT`); None as in a
                SnapStart function, where Lambda does not set it.
            log_stream_name: Defaults to ``YYYY/MM/DD/[<function_version>]<32 hex digits>`` (today, UTC; also when
                given :data:`DEFAULT`); None for a function that cannot create a log stream, or a SnapStart function.
            tenant_id: The tenant of a tenant-isolated function.
            client_context: The client context as the wire JSON (``str`` or ``bytes``), a mapping or a model;
                validated, then exposed as the runtime exposes it (its ``w3c`` key moves to ``w3c()``).
            identity: The Cognito identity as camelCase wire JSON, a mapping or a model; validated. By default (or
                given :data:`DEFAULT`) an identity with None fields, as the runtime builds it; None for no identity
                object at all.
            clock: The clock to count the remaining time on; a new frozen :class:`FakeClock` by default.
            validate: False to build ``client_context`` and ``identity`` from the JSON or mapping exactly as the runtime
                does, unchecked (objects are used as they are), to test how a handler copes with what the runtime lets
                through, such as ``"app_version_code": 42``.

        Raises:
            ValueError: an argument outside what Lambda allows.
            TypeError: an argument of the wrong type (checked before anything is computed with it).
            ContextValidationError: ``client_context`` or ``identity`` is not a valid payload (with ``validate``).
        """
        # Every argument's type is checked, and copied to the built-in type, before anything is computed with it.
        function_name = _text("function_name", function_name)
        function_version = _optional_text("function_version", function_version)
        qualifier = _optional_text("qualifier", qualifier)
        region = _text("region", region)
        account_id = _text("account_id", account_id)
        aws_request_id = _optional_text("aws_request_id", aws_request_id)
        tenant_id = _optional_text("tenant_id", tenant_id)
        if not isinstance(log_group_name, DefaultType):
            log_group_name = _optional_text("log_group_name", log_group_name, "DEFAULT")
        if not isinstance(log_stream_name, DefaultType):
            log_stream_name = _optional_text("log_stream_name", log_stream_name, "DEFAULT")
        if clock is not None and not isinstance(clock, FakeClock):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"clock must be a FakeClock or None, got {_type_name(clock)}")
        if not isinstance(validate, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"validate must be True or False, got {_type_name(validate)}")

        if not _FUNCTION_NAME.fullmatch(function_name):
            raise ValueError(f"function_name must be 1 to 64 letters, digits, '-' or '_', got {shown(function_name)}")
        if qualifier is not None and not _QUALIFIER.fullmatch(qualifier):
            raise ValueError(f"qualifier must be '$LATEST', a version number or an alias name, got {shown(qualifier)}")
        qualifier_is_version = qualifier is not None and _VERSION.fullmatch(qualifier) is not None
        if function_version is None:
            function_version = qualifier if qualifier is not None and qualifier_is_version else "$LATEST"
        elif not _VERSION.fullmatch(function_version):
            raise ValueError(f"function_version must be '$LATEST' or a version number, got {shown(function_version)}")
        elif qualifier_is_version and qualifier != function_version:
            raise ValueError(
                f"qualifier {shown(qualifier)} names another version than function_version {shown(function_version)}"
            )
        if not _REGION.fullmatch(region):
            raise ValueError(f"region must look like 'us-east-1', got {shown(region)}")
        if not _ACCOUNT_ID.fullmatch(account_id):
            raise ValueError(f"account_id must be a string of 12 digits, got {shown(account_id)}")

        memory = _memory_text(memory_limit_in_mb)
        timeout_ns = _timeout_ns(timeout)
        if clock is None:
            clock = FakeClock()

        partition = next((name for prefix, name in _PARTITIONS if region.startswith(prefix)), "aws")
        arn = f"arn:{partition}:lambda:{region}:{account_id}:function:{function_name}"
        if qualifier is not None:
            arn = f"{arn}:{qualifier}"
        if isinstance(log_group_name, DefaultType):
            log_group_name = f"/aws/lambda/{function_name}"
        if isinstance(log_stream_name, DefaultType):
            today = datetime.now(timezone.utc).strftime("%Y/%m/%d")
            log_stream_name = f"{today}/[{function_version}]{uuid.uuid4().hex}"

        fake_client_context, trace_context = _client_context(client_context, validate)
        return FakeLambdaContext(
            function_name=function_name,
            function_version=function_version,
            invoked_function_arn=arn,
            memory_limit_in_mb=memory,
            aws_request_id=str(uuid.uuid4()) if aws_request_id is None else aws_request_id,
            log_group_name=log_group_name,
            log_stream_name=log_stream_name,
            tenant_id=tenant_id,
            identity=_identity(identity, validate),
            client_context=fake_client_context,
            deadline_ns=clock.now_ns() + timeout_ns,
            clock=clock,
            trace_context=trace_context,
        )


make_lambda_context: Final = LambdaContextFactory.__call__
"""Make a fake handler context; it is :meth:`LambdaContextFactory.__call__`, documented there with its arguments."""


def _type_name(value: object) -> str:
    # The type's name rather than repr(value): a wrong argument's own __repr__ may fail or mislead.
    return type(value).__name__


def _text(name: str, value: object) -> str:
    """``value`` as a plain ``str``: a subclass is copied, so that its methods cannot change what is checked."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {_type_name(value)}")
    return str.__str__(value)


def _optional_text(name: str, value: object, other: str = "") -> str | None:
    """:func:`_text`, or None; ``other`` names a further value the caller has handled, for the message."""
    if value is None:
        return None
    if not isinstance(value, str):
        also = f", None or {other}" if other else " or None"
        raise TypeError(f"{name} must be a str{also}, got {_type_name(value)}")
    return str.__str__(value)


def _exact_number(name: str, value: object) -> int | float:
    """``value`` as a plain ``int`` or ``float``, so that a subclass cannot change the arithmetic."""
    # bool is an int, but True seconds (or megabytes) is surely a mistake.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} takes an int or a float, got {_type_name(value)}")
    return int.__int__(value) if isinstance(value, int) else float.__float__(value)


def _shown_number(number: int | float) -> str:
    # repr() of an int of more than 4,300 digits raises a ValueError of its own (sys.get_int_max_str_digits()).
    if isinstance(number, int) and number.bit_length() > 1_000:
        return f"an int of {number.bit_length():,} bits"
    return repr(number)


def _memory_text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"memory_limit_in_mb must be an int or a str of digits, got {_type_name(value)}")
    if isinstance(value, str):
        text = str.__str__(value)
        if not _MEMORY.fullmatch(text):
            raise ValueError(f"memory_limit_in_mb must be a whole number of MB, got {shown(text)}")
        given = shown(text)
        # int() refuses text of more than 4,300 digits; past five digits, leading zeros aside, it is too large anyway.
        megabytes = int(text) if len(text.lstrip("0")) <= 5 else None
    else:
        megabytes = int.__int__(value)
        given = _shown_number(megabytes)
    if megabytes is None or not _MIN_MEMORY_MB <= megabytes <= _MAX_MEMORY_MB:
        raise ValueError(f"memory_limit_in_mb must be between {_MIN_MEMORY_MB} and {_MAX_MEMORY_MB} MB, got {given}")
    return str(megabytes)


def _timeout_ns(value: object) -> int:
    seconds = _exact_number("timeout", value)
    # Compared before any arithmetic, so that 10**400 is refused rather than overflowing a float; false for NaN.
    if not 0 < seconds <= _MAX_TIMEOUT_SECONDS:
        raise ValueError(
            f"timeout must be above 0 and at most {_MAX_TIMEOUT_SECONDS} seconds, got {_shown_number(seconds)}"
        )
    return round(seconds * 1_000_000_000)


def _client_context(
    value: _Payload | ClientContext | None, validate: bool
) -> tuple[ClientContext | None, dict[str, str]]:
    if value is None:
        return None, {}
    data: object
    if validate:
        from ._models import parse_client_context

        data = parse_client_context(value).to_dict()
    elif isinstance(value, (str, bytes, bytearray)):
        data = _read_header("client_context", value)
    elif isinstance(value, Mapping):
        # A copy, since "w3c" is taken out of it below.
        data = _read_mapping("client_context", value)
    elif isinstance(value, ClientContext):  # pyright: ignore[reportUnnecessaryIsInstance]
        return value, {}
    else:
        raise TypeError(
            "client_context must be JSON text, a mapping, an object with client, custom and env attributes, or None;"
            f" got {_type_name(value)}"
        )
    if data is None:
        return None, {}
    # From here on, what awslambdaric.lambda_context.LambdaContext does with the parsed header.
    if not isinstance(data, dict):
        raise ValueError(f"client_context must be a JSON object; the runtime fails the invocation on {shown(data)}")
    payload = cast("dict[str, Any]", data)
    raw_w3c = payload.pop("w3c", None)
    trace_context: dict[str, str] = {}
    if isinstance(raw_w3c, dict):
        w3c = cast("dict[str, Any]", raw_w3c)
        # dict.get rather than .get: a mapping's nested dicts may be subclasses, and json.loads never makes one.
        values = {name: dict[str, Any].get(w3c, name) for name in W3C_FIELDS}
        trace_context = {name: str.__str__(value) for name, value in values.items() if isinstance(value, str)}
    client = payload.get("client")
    mobile_client = None
    if isinstance(client, dict):
        client_fields = cast("dict[str, Any]", client)
        mobile_client = _FakeMobileClient(
            **{name: dict[str, Any].get(client_fields, name) for name in MOBILE_CLIENT_FIELDS}
        )
    elif client is not None:
        raise ValueError(
            f"client_context.client must be a JSON object; the runtime fails the invocation on {shown(client)}"
        )
    fake = _FakeClientContext(client=mobile_client, custom=payload.get("custom"), env=payload.get("env"))
    return fake, trace_context


def _identity(value: _Payload | CognitoIdentity | DefaultType | None, validate: bool) -> CognitoIdentity | None:
    if value is None:
        return None
    data: object
    if isinstance(value, DefaultType):
        data = None
    elif validate:
        from ._models import parse_cognito_identity

        model = parse_cognito_identity(value)
        return _FakeCognitoIdentity(model.cognito_identity_id, model.cognito_identity_pool_id)
    elif isinstance(value, (str, bytes, bytearray)):
        data = _read_header("identity", value)
    elif isinstance(value, Mapping):
        data = _read_mapping("identity", value)
    elif isinstance(value, CognitoIdentity):  # pyright: ignore[reportUnnecessaryIsInstance]
        return value
    else:
        raise TypeError(
            "identity must be JSON text, a mapping, an object with cognito_identity_id and cognito_identity_pool_id"
            f" attributes, DEFAULT or None; got {_type_name(value)}"
        )
    # The runtime builds the identity even without the header, and reads only the two camelCase keys.
    if data is None:
        return _FakeCognitoIdentity(None, None)
    if not isinstance(data, Mapping):
        raise ValueError(f"identity must be a JSON object; the runtime fails the invocation on {shown(data)}")
    identity = cast("Mapping[str, Any]", data)
    return _FakeCognitoIdentity(identity.get("cognitoIdentityId"), identity.get("cognitoIdentityPoolId"))


def _read_header(name: str, value: str | bytes | bytearray) -> object:
    """The header as the runtime reads it, with json.loads; None for an empty one, which the runtime skips."""
    # A copy of a subclass, so that its methods (json.loads calls startswith or decode) cannot change what is read.
    text = str.__str__(value) if isinstance(value, str) else bytes(memoryview(value))
    if not text:
        return None
    try:
        return json.loads(text)
    except RecursionError:  # json.loads gives up on deep nesting with RecursionError, not a ValueError
        raise ValueError(f"{name} is nested too deeply for json.loads, which the runtime reads it with") from None
    except ValueError as error:  # JSONDecodeError or UnicodeDecodeError, which name neither the argument nor the fix
        raise ValueError(f"{name} is not JSON the runtime can read (json.loads: {error})") from None


def _read_mapping(name: str, value: Mapping[Any, Any]) -> dict[Any, Any]:
    """A copy of a mapping given as a payload; one of the caller's own that fails while being read is a ValueError."""
    try:
        return dict(value)
    except Exception as error:
        raise ValueError(f"{name}: reading the mapping raised {type(error).__name__}") from None


# Amazon Bedrock AgentCore Gateway's client context. Added to __all__ here, so that this section stays in one place.
__all__ += ["gateway_client_context"]

# CreateGatewayTarget's pattern for target names. Ids shaped as the service writes them: a gateway's is its name in
# lowercase, a dash and 10 lowercase letters or digits (gateway URLs); a target's, 10 capitals or digits (a logged
# invocation).
_TARGET_NAME = re.compile(r"([0-9a-zA-Z]-?){1,100}")
_LOWER_ID = "abcdefghijklmnopqrstuvwxyz0123456789"
_UPPER_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def gateway_client_context(*, target: str, tool: str, **overrides: Any) -> dict[str, Any]:
    """A client context as an Amazon Bedrock AgentCore Gateway sends it, for ``make_lambda_context(client_context=)``.

    Only ``custom`` is present, holding the gateway's keys: the tool name ``<target>___<tool>``, message version
    ``"1.0"``, and fresh ids shaped like the service's (a UUID request id and MCP message id, a gateway id
    ``my-gateway-<10 characters>``, a 10-character target id). ``overrides`` replace or add keys, by the field names
    of :class:`~lambda_context_types.agentcore.GatewayToolCall` (``gateway_id="gw-1"``,
    ``propagated_headers={"x-tenant-id": "t1"}``) or by wire name (``bedrockAgentCoreIdentity={...}``); None removes
    a key. Without overrides the result validates and :func:`~lambda_context_types.agentcore.gateway_tool_call`
    reads it back; with them it is sent as given, so a test can build what the gateway should never send.

    Raises ValueError for a target name the gateway would refuse (1 to 100 letters, digits and single ``-``) or an
    empty tool name, and TypeError for a target or tool that is not a ``str`` or an override that names no gateway
    key.
    """
    from ._gateway import GATEWAY_KEYS, TOOL_NAME_DELIMITER, is_gateway_key

    target = _text("target", target)
    tool = _text("tool", tool)
    if not _TARGET_NAME.fullmatch(target):
        raise ValueError(
            f"target must be 1 to 100 letters, digits and single '-' (a gateway target name), got {shown(target)}"
        )
    if not tool:
        raise ValueError("tool must be the tool's name, not empty")
    custom: dict[str, Any] = {
        GATEWAY_KEYS["tool_name"]: f"{target}{TOOL_NAME_DELIMITER}{tool}",
        GATEWAY_KEYS["message_version"]: "1.0",
        GATEWAY_KEYS["aws_request_id"]: str(uuid.uuid4()),
        GATEWAY_KEYS["mcp_message_id"]: str(uuid.uuid4()),
        GATEWAY_KEYS["gateway_id"]: f"my-gateway-{_random_id(_LOWER_ID)}",
        GATEWAY_KEYS["target_id"]: _random_id(_UPPER_ID),
    }
    for name, value in overrides.items():
        key = GATEWAY_KEYS.get(name, name)
        if not is_gateway_key(key):
            raise TypeError(
                f"gateway_client_context() got {name!r}; use one of {', '.join(GATEWAY_KEYS)} or a wire name"
            )
        if value is None:
            custom.pop(key, None)
        else:
            custom[key] = value
    return {"custom": custom}


def _random_id(alphabet: str) -> str:
    import secrets

    return "".join(secrets.choice(alphabet) for _ in range(10))
