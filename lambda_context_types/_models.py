"""Pydantic models of the client context and the Cognito identity, and the parsers of their wire forms.

The runtime receives both payloads as JSON text, in the ``Lambda-Runtime-Client-Context`` and
``Lambda-Runtime-Cognito-Identity`` headers; an invoker sends the client context to the Invoke API as standard base64
of that JSON, at most :data:`MAX_CLIENT_CONTEXT_BYTES` long.

Accepted is exactly what round-trips through JSON. Every key a client sent is kept, at every level, and only those, so
``parse_client_context(text).to_json()`` is the same JSON object as ``text``. The fields the runtimes read must be
strings or null (the Go, Java, Rust and .NET runtimes fail on anything else); the free-form parts (``custom``,
``services``, unknown keys) may hold any JSON. Refused, with one problem per field: text that is not JSON or not
UTF-8, a top level that is not an object, NaN and infinities, lone surrogates (a Python ``str`` can hold one, UTF-8
cannot), Python values JSON has no form for (sets, dates, bytes), mapping keys that are not strings, integers longer
than 4,300 digits and nesting deeper than 201 levels. A key sent twice keeps its last value, as the runtime's
``json.loads`` reads it.

One path: every form of input reaches the models as JSON text, through pydantic-core's JSON parser. A mapping or an
object's attributes are written out with pydantic-core's ``to_json`` first, after a check in pydantic-core that they
hold only the exact types JSON has (``_JSON_SHAPE``: to_json alone would write a number key, a set, bytes or a date as
JSON), so the parser's limits (depth, integer length, surrogates) hold for Python input by construction, and what is
accepted round-trips. Anything else, another kind of mapping or a subclass, is copied once, through its own methods.

Speed: on success no Python code runs for the typed fields, nor for free-form parts made of strings (what the mobile
SDKs and AgentCore Gateway send); any other free-form part is taken as parsed and checked in C for NaN and
infinities (see ``_Parsed``). Errors come from the schema, one per field and one per free-form part; only then does
Python code, on the error path alone, re-read the input to name the exact place of each problem. Constructing a model
directly (``ClientContextModel(custom=...)``) checks the Python values against the JSON-value union instead, and
raises pydantic's ``ValidationError``.
"""

from __future__ import annotations

import base64
import binascii
import json
import marshal
import math
import struct
import sys
from collections.abc import Callable, Container, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, TypeVar, cast

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import (
    ErrorDetails,
    SchemaValidator,
    core_schema,
    from_json,
    to_json,
)
from typing_extensions import Self, TypeAliasType, TypeIs

from ._errors import ContextValidationError, PayloadKind, Problem, capped, format_path, join_path
from ._protocols import CLIENT_CONTEXT_FIELDS, MOBILE_CLIENT_FIELDS, ClientContext, CognitoIdentity

__all__ = [
    "MAX_CLIENT_CONTEXT_BYTES",
    "ClientContextModel",
    "CognitoIdentityModel",
    "MobileClientModel",
    "W3CTraceModel",
    "parse_client_context",
    "parse_cognito_identity",
]

MAX_CLIENT_CONTEXT_BYTES: Final = 3583
"""The Invoke API's limit on the ``ClientContext`` parameter: the length of the base64 text, in bytes."""

# Base64 turns every 3 bytes into 4 characters: 895 groups (3,580 characters) is the most that fits in 3,583.
_MAX_JSON_BYTES: Final = MAX_CLIENT_CONTEXT_BYTES // 4 * 3


# --- Field types -----------------------------------------------------------------------------------------------------


class _Unicode:
    """A string UTF-8 can encode.

    A Python ``str`` can hold a lone surrogate. A length constraint makes pydantic-core read the string as Unicode,
    which refuses one; JSON input cannot carry one (the parser refuses the escape) and skips the constraint. Only the
    constructors see Python strings: the parse functions send everything through JSON.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.str_schema(strict=True),
            python_schema=core_schema.str_schema(strict=True, max_length=sys.maxsize),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string"}


_Text = Annotated[str, _Unicode()]

# The error type of a free-form value the schema refuses: from JSON text only NaN or an infinity can cause it.
_NOT_JSON: Final = "not_json"


class _OneError:
    """Report a failing JSON-value union as one error of its own, not one per alternative tried (set on the union)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        schema = handler(source)
        # pydantic takes None out of the union, as a nullable schema around it
        union = cast("dict[str, Any]", schema["schema"] if schema["type"] == "nullable" else schema)
        if union["type"] == "union":  # always
            union["mode"] = "left_to_right"
            union["custom_error_type"] = _NOT_JSON
            union["custom_error_message"] = "not a JSON value"
        return schema


if TYPE_CHECKING:
    _JsonValue = Any
else:
    # Any JSON value, checked in pydantic-core: it refuses NaN and infinities, which Any would let through. Tried
    # left to right, strings first (the usual values). Every alternative that fails costs an error object, so it
    # checks Python input only (the constructors); the parse functions send JSON text, which _Parsed checks another
    # way. Named JsonValue: it is the JSON Schema's $defs entry.
    _JsonValue = TypeAliasType(
        "JsonValue",
        Annotated[
            StrictStr
            | dict[str, "_JsonValue"]
            | list["_JsonValue"]
            | StrictBool
            | StrictInt
            | Annotated[float, AllowInfNan(False), Strict()]
            | None,
            _OneError(),
            WithJsonSchema({}),
        ],
    )


class _Parsed:
    """A free-form part (``custom``, ``services``, an unknown key's value) as JSON input is validated.

    The JSON-value union checks each value in pydantic-core, but every alternative that fails builds an error, so
    values other than strings cost 2 to 4 times a ``json.loads``. Parsed JSON can hold only one thing the union
    refuses, a number that is not finite. So a part made of strings (what the mobile SDKs and AgentCore Gateway send)
    is matched in pydantic-core by :data:`_STRINGS`, stopping at the first value of another type; any other part is
    taken as parsed and :func:`_refuse_non_finite` checks it once, in C, walking it only when it may hold one. Python
    input (the constructors) is checked by the union, which also refuses what JSON cannot carry.
    """

    def __init__(self, strings: core_schema.CoreSchema, parsed: core_schema.CoreSchema) -> None:
        self.strings = strings
        self.parsed = parsed

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        checked = handler(source)
        fast = core_schema.union_schema(
            [self.strings, core_schema.with_info_after_validator_function(_refuse_non_finite, self.parsed)],
            mode="left_to_right",
            custom_error_type=_NOT_JSON,
            custom_error_message="not a JSON value",
        )
        return core_schema.json_or_python_schema(
            json_schema=fast,
            python_schema=checked,
            metadata={"pydantic_js_functions": [_describes(checked)]},
        )


def _describes(checked: core_schema.CoreSchema) -> Callable[[Any, GetJsonSchemaHandler], JsonSchemaValue]:
    """The JSON Schema of a free-form part: the union's (any JSON value), not the fast path's."""

    def json_schema(_: Any, generate: GetJsonSchemaHandler) -> JsonSchemaValue:
        return generate(checked)

    return json_schema


def _refuse_non_finite(value: Any, info: core_schema.ValidationInfo) -> Any:
    """Return parsed JSON as it is, or raise if it holds NaN or an infinity."""
    if info.context is _WRITTEN_FROM_FINITE:  # the mapping form: _JSON_SHAPE has seen every number
        return value
    # marshal writes each float as its 8 IEEE 754 bytes, little-endian on every platform, in C: 0.1-0.2x of a
    # json.loads of the text, where a walk in Python over every value cost 0.45-0.65x. A non-finite double ends in
    # 0x7f or 0xff (its sign and the top of its exponent), so a one-byte search, the fastest, rules most values out
    # before the 8-byte ones. A string or a number may hold the same bytes: then the walk finds nothing.
    written = marshal.dumps(value)
    if not (
        (b"\x7f" in written and (_BYTES_INF in written or _BYTES_NAN in written))
        or (b"\xff" in written and (_BYTES_MINUS_INF in written or _BYTES_MINUS_NAN in written))
    ):
        return value
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        kind = node.__class__
        if kind is dict:
            stack.extend(node.values())
        elif kind is list:
            stack.extend(node)
        elif kind is float and not math.isfinite(node):
            raise ValueError("not finite")
    return value


# The validation context of text that to_json wrote from numbers _JSON_SHAPE found finite: it holds none that is not.
_WRITTEN_FROM_FINITE: Final = object()

# The parser yields NaN for the literal NaN, and an infinity for Infinity, -Infinity and a number past the largest
# double: these exact values, never another NaN payload (it refuses -NaN; the minus NaN is searched for all the same,
# in case a version does not).
_BYTES_INF, _BYTES_MINUS_INF, _BYTES_NAN, _BYTES_MINUS_NAN = (
    struct.pack("<d", number) for number in (math.inf, -math.inf, math.nan, -math.nan)
)


# Where pydantic-core has fail_fast, a dict stops at its first value that is not a string, instead of checking all.
_FAIL_FAST: Final[dict[str, Any]] = (
    {"fail_fast": True} if "fail_fast" in core_schema.dict_schema.__code__.co_varnames else {}
)
_KEY: Final = core_schema.str_schema(strict=True)
_STRING: Final = core_schema.nullable_schema(_KEY)
_STRINGS: Final = core_schema.nullable_schema(
    core_schema.union_schema(
        [core_schema.str_schema(strict=True), core_schema.dict_schema(_KEY, _STRING, strict=True, **_FAIL_FAST)],
        mode="left_to_right",
    )
)
"""A string, null, or an object of them: the mobile SDKs' ``services`` hold ``{"mobile_analytics": {...}}``."""

_JsonObject = Annotated[
    Mapping[_Text, _JsonValue],
    _Parsed(
        core_schema.dict_schema(_KEY, _STRINGS, strict=True, **_FAIL_FAST),
        core_schema.dict_schema(_KEY, core_schema.any_schema(), strict=True),
    ),
]
_Unknown = Annotated[_JsonValue, _Parsed(_STRINGS, core_schema.any_schema())]


# --- The models ------------------------------------------------------------------------------------------------------


class _WireModel(BaseModel, frozen=True):
    """What every model shares: unknown keys kept, strict types, the wire JSON written back.

    Constructing a model directly validates too, but raises pydantic's ``ValidationError``; the parse functions raise
    ContextValidationError. Frozen: attributes cannot be reassigned, but the mappings and lists inside are plain
    ``dict`` and ``list`` objects; changing them skips validation, so copy them (``to_dict()``) to edit a payload.
    """

    # frozen=True is a class keyword, not a ConfigDict entry, because type checkers read the keyword (pydantic's
    # dataclass_transform) and then flag assignments to attributes; each model repeats it for the same reason.
    # Validators are built at import (defer_build=False): in Lambda that is the init phase, done before the first
    # request under provisioned concurrency or SnapStart, and the first parse then takes 0.15 ms instead of about
    # 19 ms (building the first validator makes pydantic import its plugin loader). The JSON Schema's descriptions
    # are written when a schema is asked for (_schema_docs), not at import.
    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow",
        strict=True,
        defer_build=False,
        json_schema_extra=lambda schema, cls: _describe_fields(schema, cls),
    )

    __pydantic_extra__: dict[str, _Unknown] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]

    def to_json(self) -> str:
        """The wire JSON (compact UTF-8 text): exactly the keys that were present, unknown ones included.

        It is the same JSON object as the parsed text, not the same text: in each object the declared fields come
        first, in the model's order, then the unknown keys in the order they arrived; numbers are written the way
        Python writes them (``1E2`` becomes ``100.0``); there is no whitespace.
        """
        return self.model_dump_json(by_alias=True, exclude_unset=True)

    def to_dict(self) -> dict[str, Any]:
        """The wire JSON as plain Python data, equal to ``json.loads(self.to_json())``."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class W3CTraceModel(_WireModel, frozen=True):
    """W3C trace context, propagated in the client context's top-level ``w3c`` object.

    The Python runtime (awslambdaric 4.2.0 and later) removes ``w3c`` from the client context and offers its three
    string fields through ``context.w3c()``. Unknown keys are kept.
    """

    traceparent: _Text | None = None
    """The W3C ``traceparent`` header value: version, trace id, parent id and flags."""

    tracestate: _Text | None = None
    """The W3C ``tracestate`` header value: vendor-specific trace data."""

    baggage: _Text | None = None
    """The W3C ``baggage`` header value: application key-value pairs propagated with the trace."""


class MobileClientModel(_WireModel, frozen=True):
    """The calling application, as the AWS Mobile SDKs describe it: the client context's ``client`` object.

    Satisfies :class:`~lambda_context_types.MobileClient`, whose attributes document the fields; each is a string
    or None here (absent or null). Unknown keys, such as the Mobile Analytics spec's ``client_id``, are kept.
    """

    installation_id: _Text | None = None
    """A unique id of the app installation; the iOS SDK sends ``"UNKNOWN_INSTALLATION_ID"`` when it has none."""

    app_title: _Text | None = None
    """The application's title; the Android SDK sends ``"Unknown"`` when the app has no label."""

    app_version_name: _Text | None = None
    """The version name: the user-visible version on Android (``"1.4.2"``), the build number on iOS."""

    app_version_code: _Text | None = None
    """The version code, as text: the build number on Android (``"42"``), the user-visible version on iOS."""

    app_package_name: _Text | None = None
    """The package name or bundle identifier, such as ``"com.example.app"``."""


class ClientContextModel(_WireModel, frozen=True):
    """A validated client context: what an invoker attached to a synchronous invocation.

    Satisfies :class:`~lambda_context_types.ClientContext`. Build one with :func:`parse_client_context` or
    :meth:`from_base64`; write it with :meth:`~lambda_context_types.ClientContextModel.to_json` (the runtime
    header's form) or :meth:`to_base64` (the Invoke API's). Unknown keys are kept at every level, and only the keys
    that were present are written back.
    """

    client: MobileClientModel | None = None
    """The calling application, or None when absent."""

    custom: _JsonObject | None = None
    """Values set by the calling application, or None when absent: any JSON, though the mobile SDKs send strings."""

    env: Mapping[_Text, _Text | None] | None = None
    """The device environment (``platform``, ``model``, ``locale``...): strings or null only, as every runtime reads."""

    services: _JsonObject | None = None
    """Per-service settings the mobile SDKs add, such as ``{"mobile_analytics": {"app_id": "..."}}``."""

    w3c: W3CTraceModel | None = None
    """W3C trace context, or None when absent. The Python runtime removes it from ``context.client_context``."""

    def to_base64(self) -> str:
        """The Invoke API's ``ClientContext`` parameter: standard base64 of the UTF-8 JSON.

        Raises ContextValidationError when the result would be longer than :data:`MAX_CLIENT_CONTEXT_BYTES`.
        """
        raw = self.to_json().encode("utf-8")
        encoded = base64.b64encode(raw)
        if len(encoded) > MAX_CLIENT_CONTEXT_BYTES:
            raise _single(
                _CLIENT_CONTEXT,
                f"the base64 form is {len(encoded):,} bytes, over the Invoke API limit of "
                f"{MAX_CLIENT_CONTEXT_BYTES:,}: the JSON is {len(raw):,} bytes of UTF-8 and may be at most "
                f"{_MAX_JSON_BYTES:,}; shorten or drop values",
            )
        return encoded.decode("ascii")

    @classmethod
    def from_base64(cls, data: str | bytes | bytearray) -> Self:
        """Parse the Invoke API's ``ClientContext`` form: standard base64 of a JSON object.

        Raises ContextValidationError when the text is longer than :data:`MAX_CLIENT_CONTEXT_BYTES`, is not standard
        base64, or does not decode to a valid client context.
        """
        try:
            if isinstance(data, str):
                if not str.isascii(data):
                    raise _single(_CLIENT_CONTEXT, "not base64: the text has characters outside ASCII")
                raw = str.encode(data, "ascii")
            elif isinstance(data, (bytes, bytearray)):  # pyright: ignore[reportUnnecessaryIsInstance]
                raw = bytes(memoryview(data))  # the bytes themselves, whatever a subclass's methods say
            else:
                raise _single(_CLIENT_CONTEXT, f"expected base64 text (str or bytes), got {_describe(data)}")
            if len(raw) > MAX_CLIENT_CONTEXT_BYTES:
                raise _single(
                    _CLIENT_CONTEXT,
                    f"the base64 text is {len(raw):,} bytes, over the Invoke API limit of {MAX_CLIENT_CONTEXT_BYTES:,}",
                )
            try:
                decoded = base64.b64decode(raw, validate=True)
            except (binascii.Error, ValueError):
                raise _single(
                    _CLIENT_CONTEXT,
                    "not standard base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4 characters, no spaces or "
                    "line breaks); encode with base64.b64encode",
                ) from None
            return _validate_json(cls, decoded, _CLIENT_CONTEXT)
        except ContextValidationError:
            raise
        except Exception as error:  # the object's own protocol raised: a __class__ that raises, say
            raise _unreadable(_CLIENT_CONTEXT, error) from None


class CognitoIdentityModel(_WireModel, frozen=True):
    """A validated Amazon Cognito identity.

    Satisfies :class:`~lambda_context_types.CognitoIdentity`: snake_case attributes, camelCase on the wire
    (``cognitoIdentityId``, ``cognitoIdentityPoolId``), so construct it with the camelCase names. Unknown keys are
    kept; :func:`parse_cognito_identity` refuses the snake_case names of the two fields as keys, since the runtime
    ignores them.
    """

    cognito_identity_id: _Text | None = Field(default=None, alias="cognitoIdentityId")
    """The identity id, ``"<region>:<uuid>"``: the wire key ``cognitoIdentityId``."""

    cognito_identity_pool_id: _Text | None = Field(default=None, alias="cognitoIdentityPoolId")
    """The identity pool id, ``"<region>:<uuid>"``: the wire key ``cognitoIdentityPoolId``."""


# The Cognito identity's fields by Python name, with their wire keys.
_WIRE_KEY_BY_NAME: Final = {name: field.alias or name for name, field in CognitoIdentityModel.model_fields.items()}
_COGNITO_IDENTITY_FIELDS: Final = tuple(_WIRE_KEY_BY_NAME)


def _wire_order(model: type[BaseModel]) -> dict[str, int]:
    return {field.alias or name: index for index, (name, field) in enumerate(model.model_fields.items())}


def _describe_fields(schema: dict[str, Any], cls: type[Any]) -> None:
    # Imported when a schema is asked for: the step reads the source with ast and inspect, which a parse never needs.
    from ._schema_docs import describe_fields

    describe_fields(schema, cls)


# --- Entry points ----------------------------------------------------------------------------------------------------

_CLIENT_CONTEXT: Final = "client context"
_COGNITO_IDENTITY: Final = "Cognito identity"


_validate_client_context_json: Final = ClientContextModel.__pydantic_validator__.validate_json
# Each payload's wire keys in the model's order: how a report lists the problems inside the free-form parts.
_WIRE_ORDER: Final[dict[str, dict[str, int]]] = {
    _CLIENT_CONTEXT: _wire_order(ClientContextModel),
    _COGNITO_IDENTITY: _wire_order(CognitoIdentityModel),
}


def parse_client_context(data: str | bytes | bytearray | Mapping[str, Any] | ClientContext) -> ClientContextModel:
    """Validate a client context and return it as a :class:`ClientContextModel`.

    ``data`` is the runtime header's JSON text (``str``, or ``bytes`` of UTF-8), the same already parsed (a mapping),
    or any object with the ``client``, ``custom`` and ``env`` attributes, such as ``context.client_context`` (the
    runtime's object has already lost unknown keys and ``w3c``; attributes that are None are left out). A model is
    returned as it is. For the Invoke API's base64 form, use :meth:`ClientContextModel.from_base64`.

    Raises ContextValidationError, with one problem per failing field, for anything else.
    """
    try:
        if isinstance(data, (str, bytes, bytearray)):
            # _validate_json inlined, the validator bound once: a handler may take this path on every invocation, and
            # the call and the lookups cost about 0.06x of a json.loads of the Android payload.
            try:
                model: ClientContextModel = _validate_client_context_json(data)
            except ValidationError as error:
                raise _refusal(error.errors(include_url=False), _CLIENT_CONTEXT, data, None) from None
            return model
        if _is_a(data, ClientContextModel):
            return data
        if isinstance(data, dict) or _is_mapping(data):  # dict first: the ABC's check alone costs 0.04x
            return _validate_python(ClientContextModel, data, _CLIENT_CONTEXT)
        fields = _read_attributes(data, CLIENT_CONTEXT_FIELDS, _CLIENT_CONTEXT)
        if fields is None:
            raise _no_attributes(data, CLIENT_CONTEXT_FIELDS, _CLIENT_CONTEXT, "client_context")
        client = fields.get("client")
        if _is_a(client, MobileClientModel):
            fields["client"] = client.to_dict()
        elif client is not None and not (isinstance(client, dict) or _is_mapping(client)):
            # The runtime's Client is a __slots__ object; anything without its attributes is left for validation to
            # report.
            attributes = _read_attributes(client, MOBILE_CLIENT_FIELDS, _CLIENT_CONTEXT, "client")
            if attributes is not None:
                fields["client"] = attributes
        return _validate_python(ClientContextModel, fields, _CLIENT_CONTEXT)
    except ContextValidationError:
        raise
    except Exception as error:  # the object's own protocol raised: a __class__ or a type's __hash__, say
        raise _unreadable(_CLIENT_CONTEXT, error) from None


def parse_cognito_identity(
    data: str | bytes | bytearray | Mapping[str, Any] | CognitoIdentity,
) -> CognitoIdentityModel:
    """Validate a Cognito identity and return it as a :class:`CognitoIdentityModel`.

    ``data`` is the runtime header's JSON text or a mapping, both with the camelCase wire keys, or any object with
    the snake_case ``cognito_identity_id`` and ``cognito_identity_pool_id`` attributes, such as ``context.identity``
    (attributes that are None are left out). A model is returned as it is.

    Raises ContextValidationError, with one problem per failing field, for anything else.
    """
    try:
        if isinstance(data, (str, bytes, bytearray)):
            identity = _validate_json(CognitoIdentityModel, data, _COGNITO_IDENTITY)
            # The runtime reads only the camelCase keys: an identity sent as {"cognito_identity_id": ...} arrives
            # with both fields None. It is a mistake with one fix, not an unknown key to keep. Checked here, on what
            # was sent: pydantic 2.13 to 2.14.1 drop a key that is a field's name from the model, and a model
            # validator before validation made every parse turn the text into Python objects first (1.9x a
            # json.loads). One search finds both names; only then is the text read for its keys.
            sent = b"cognito_identity" in data if isinstance(data, (bytes, bytearray)) else "cognito_identity" in data
            if sent:
                _refuse_python_names(_top_level_keys(data))
            return identity
        if _is_a(data, CognitoIdentityModel):
            return data
        if isinstance(data, dict) or _is_mapping(data):
            identity = _validate_python(CognitoIdentityModel, data, _COGNITO_IDENTITY)
            _refuse_python_names(data)
            return identity
        values = _read_attributes(data, _COGNITO_IDENTITY_FIELDS, _COGNITO_IDENTITY)
        if values is None:
            raise _no_attributes(data, _COGNITO_IDENTITY_FIELDS, _COGNITO_IDENTITY, "identity")
        wire = {_WIRE_KEY_BY_NAME[name]: value for name, value in values.items()}
        return _validate_python(CognitoIdentityModel, wire, _COGNITO_IDENTITY)
    except ContextValidationError:
        raise
    except Exception as error:  # the object's own protocol raised: a __class__ or a type's __hash__, say
        raise _unreadable(_COGNITO_IDENTITY, error) from None


# --- Validation: JSON text through pydantic-core, Python input written as JSON first -------------------------------

_ModelT = TypeVar("_ModelT", bound=_WireModel)


def _validate_json(model: type[_ModelT], data: str | bytes | bytearray, what: PayloadKind) -> _ModelT:
    try:
        result: _ModelT = model.__pydantic_validator__.validate_json(data)
    except ValidationError as error:
        raise _refusal(error.errors(include_url=False), what, data, None) from None
    return result


def _validate_python(model: type[_ModelT], data: Mapping[Any, Any], what: PayloadKind) -> _ModelT:
    # One parser for both forms: the mapping is written as JSON and parsed back, so the parser's limits (lone
    # surrogates, long integers, depth) hold for it. pydantic-core's to_json writes it (0.2-0.35x of
    # a json.loads of the text, where the standard library's C encoder took 0.96x), but it would also write sets,
    # bytes, dates, number keys and NaN as JSON, so _JSON_SHAPE first admits only the exact types JSON has and finite
    # numbers; the parse then need not look for NaN in the free-form parts again.
    if isinstance(data, dict) and type(data) is dict:  # exactly a dict: a subclass can say it is one (__class__)
        try:
            _JSON_SHAPE(data)
            written = to_json(data)
            result: _ModelT = model.__pydantic_validator__.validate_json(written, context=_WRITTEN_FROM_FINITE)
        except Exception:  # ValidationError, PydanticSerializationError, or a type whose hash raises: located below
            pass
        else:
            return result
    copy, found = _json_problems(data)
    text = json.dumps(copy, ensure_ascii=False)  # NaN marks each problem, so strict validation fails there
    try:
        checked: _ModelT = model.__pydantic_validator__.validate_json(text)
    except ValidationError as error:
        raise _refusal(error.errors(include_url=False), what, text, found) from None
    if found:  # a problem the schema does not see, such as a key that is not a string
        raise _refusal([], what, text, found)
    return checked  # another kind of mapping, or a subclass: as JSON has them


def _json_shape() -> Callable[[object], object]:
    """A check, in pydantic-core, that a dict holds only exact ``dict``, ``list``, ``tuple`` and JSON scalars, its
    numbers finite.

    Dispatched on ``type()``: a subclass or another kind of mapping is read through its own methods, which may answer
    differently a second time, so it is left to _json_problems, which reads it once. Keys must be ``str``: to_json
    and json.dumps write a number, boolean or null key as a string. A union of the types instead of the dispatch cost
    an error object per alternative tried (twice the time on mixed values), and the walk in Python it replaced
    0.46-0.66x of a json.loads of the Android payload (the dispatch: 0.36-0.52x).
    """
    value = core_schema.definition_reference_schema("json")
    mapping = core_schema.dict_schema(_KEY, value, strict=True)
    dispatch = core_schema.tagged_union_schema(
        {
            # Each branch checks the type again: the tag is looked up by hash, and a metaclass can lie about both.
            str: core_schema.str_schema(strict=True),
            int: core_schema.int_schema(strict=True),
            float: core_schema.float_schema(strict=True, allow_inf_nan=False),
            bool: core_schema.bool_schema(strict=True),
            type(None): core_schema.none_schema(),
            dict: mapping,
            list: core_schema.list_schema(value, strict=True),
            tuple: core_schema.tuple_schema([value], variadic_item_index=0, strict=True),
        },
        discriminator=type,
        ref="json",
    )
    schema = core_schema.definitions_schema(mapping, [dispatch])
    return SchemaValidator(schema).validate_python


_JSON_SHAPE: Final = _json_shape()


def _is_a(value: object, model: type[_ModelT]) -> TypeIs[_ModelT]:
    """Whether a value is an instance of the model, by its type's MRO alone.

    ``isinstance`` asks more: pydantic before 2.12 calls ``hasattr(value, "__pydantic_decorators__")``, which lets a
    ``__getattr__`` that raises leak its exception, and the ABC machinery hashes the type, which a metaclass can make
    raise.
    """
    return type.__subclasscheck__(model, type(value))


def _is_mapping(value: object) -> TypeIs[Mapping[Any, Any]]:
    """``isinstance(value, Mapping)``, False where the check itself raises (the ABC's cache hashes the value's type)."""
    try:
        return isinstance(value, Mapping)
    except Exception:
        return False


def _read_attributes(obj: object, names: tuple[str, ...], what: PayloadKind, prefix: str = "") -> dict[str, Any] | None:
    """The named attributes that are set and not None, as a dict (what a JSON producer would have sent), or None
    when the object has none of them."""
    values: dict[str, Any] = {}
    name = ""  # the one being read, for the report
    try:  # one try around the loop, not one per name: a handler may read context.client_context on every invocation
        for name in names:
            value = getattr(obj, name, None)
            if value is not None:
                values[name] = value
    except Exception as error:  # a property that raises: report it, and any of the rest that raise too
        failed = [(name, error)]
        for later in names[names.index(name) + 1 :]:
            try:
                getattr(obj, later, None)
            except Exception as later_error:
                failed.append((later, later_error))
        raise ContextValidationError(
            what,
            tuple(Problem(join_path(prefix, n), f"reading the attribute raised {type(e).__name__}") for n, e in failed),
        ) from None
    if values or any(_has_attribute(obj, name) for name in names):
        return values
    return None


def _no_attributes(
    obj: object, names: tuple[str, ...], what: PayloadKind, context_attribute: str
) -> ContextValidationError:
    """The error for an object that is neither text, a mapping nor an object with the payload's attributes."""
    hint = f"; pass context.{context_attribute}" if _has_attribute(obj, context_attribute) else ""
    expected = "JSON text, a mapping or an object with the attributes " + ", ".join(names)
    return _single(what, f"expected {expected}, got {_describe(obj)}{hint}")


def _has_attribute(obj: object, name: str) -> bool:
    try:
        return hasattr(obj, name)
    except Exception:
        return False


# --- The error path: name every problem -----------------------------------------------------------------------------

_Path = tuple[str | int, ...]
_Found = list[tuple[_Path, str]]

# pydantic-core's JSON parser refuses values nested deeper than this (the top-level object is level 1), and integers
# longer than about 4,300 characters (the exact bound differs between its versions). _json_problems holds Python
# input to the same limits, so that it can say where the problem is.
_MAX_DEPTH: Final = 201
# Integers this small are taken by every JSON parser; a larger one is tried on pydantic-core's.
_SMALL_INT: Final = 2**63

_LONE_SURROGATE: Final = "contains a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot encode"
_NOT_FINITE: Final = "NaN and Infinity are not JSON, and a number must fit in a 64-bit float; send null or a string"
_TOO_LONG: Final = "an integer too long for JSON parsers (over 4,300 digits); send it as a string"
_TOO_DEEP: Final = f"nested deeper than {_MAX_DEPTH} levels; flatten the structure"
# The whitespace JSON allows around values.
_JSON_SPACE: Final = " \t\r\n"
_NAN: Final = math.nan
_END: Final = object()

_Frame = tuple[Iterator[Any], Any, _Path, int, Any, Any]


def _at(value: Any, path: _Path) -> Any:
    for key in path:
        value = value[key]
    return value


def _json_problems(value: object, path: _Path = ()) -> tuple[Any, _Found]:
    """A plain JSON copy of a Python value, NaN in place of each problem, and the problems with their paths.

    Error path only. The copy lets strict validation report the typed fields and the free-form values in the
    model's order; the paths say where inside them each problem is, which no error of pydantic's says. The walk keeps
    its own stack, so 100,000 levels of nesting cost a loop, not a RecursionError, and it stops at the parser's
    depth limit. Built-in methods are called on the built-in types, so a subclass cannot change what is read.
    """
    found: _Found = []
    holder: list[Any] = [None]
    stack: list[_Frame] = []
    _place(holder, 0, value, path, len(path) + 1, found, stack)
    while stack:  # past the listed problems the walk goes on: the report says how many there are
        items, target, path, level, parent, slot = stack[-1]
        try:
            item: Any = next(items, _END)
        except Exception as error:  # a user Mapping that fails while iterated
            found.append((path, f"reading it raised {type(error).__name__}"))
            parent[slot] = _NAN
            item = _END
        if item is _END:
            stack.pop()
            continue
        if item.__class__ is not tuple or len(item) != 2:
            found.append((path, f"its items() gave {_describe(item)}, not a (key, value) pair"))
            parent[slot] = _NAN
            continue
        key, child = item
        if level + 1 > _MAX_DEPTH:
            found.append((path, _TOO_DEEP))
            parent[slot] = _NAN
            stack.pop()
            continue
        if isinstance(target, dict):
            problem = _key_problem(key)
            if problem:
                found.append((path, problem))
                parent[slot] = _NAN
                continue
            key = str.__str__(key)
            _place(target, key, child, (*path, key), level + 1, found, stack)
        else:
            target.append(None)
            _place(target, len(target) - 1, child, (*path, cast(int, key)), level + 1, found, stack)
    return holder[0], found


def _place(target: Any, slot: Any, value: Any, path: _Path, level: int, found: _Found, stack: list[_Frame]) -> None:
    """Copy one value into ``target[slot]`` as plain JSON, or NaN and a problem; queue a container's items."""
    copied: Any = _NAN
    if value is None or value is True or value is False:
        copied = value
    elif isinstance(value, str):
        if _has_lone_surrogate(value):
            found.append((path, _LONE_SURROGATE))
        else:
            copied = str.__str__(value)  # an exact str, even from a subclass or an enum member
    elif isinstance(value, int):
        number = int.__int__(value)  # the number itself, whatever a subclass's __int__ says
        if -_SMALL_INT < number < _SMALL_INT or _parses_back(number):
            copied = number
        else:
            found.append((path, _TOO_LONG))
    elif isinstance(value, float):
        real = float.__float__(value)
        if math.isfinite(real):
            copied = real
        else:
            found.append((path, _NOT_FINITE))
    elif isinstance(value, (list, tuple)) or _is_mapping(value):
        source = cast(Any, value)  # its items are anything
        try:
            if not isinstance(value, (list, tuple)):
                items: Iterator[Any] = iter(source.items())
                copied = dict[str, Any]()
            else:
                items = cast("Iterator[Any]", enumerate(source))
                copied = list[Any]()
        except Exception as error:  # a user Mapping that fails when read
            found.append((path, f"reading it raised {type(error).__name__}"))
            copied = _NAN
        else:
            stack.append((items, copied, path, level, target, slot))
    else:
        found.append((path, f"{_describe(value)} has no JSON form; convert it to a string, number, array or object"))
    target[slot] = copied


def _key_problem(key: object) -> str:
    if not isinstance(key, str):
        return f"key {_describe(key)} is not a string; JSON object keys are strings"
    if _has_lone_surrogate(key):
        return f"key {_describe(key)} {_LONE_SURROGATE}"
    return ""


def _parses_back(number: int) -> bool:
    try:
        parsed: object = from_json(int.__repr__(number))  # repr raises past sys.get_int_max_str_digits()
    except ValueError:
        return False
    return parsed == number


def _has_lone_surrogate(text: str) -> bool:
    if str.isascii(text):
        return False
    try:
        str.encode(text, "utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refusal(
    errors: list[ErrorDetails], what: PayloadKind, text: str | bytes | bytearray, found: _Found | None
) -> ContextValidationError:
    """Turn pydantic's errors into one Problem per failing field, with wire paths and messages that say the fix.

    ``found`` holds the problems :func:`_json_problems` located in Python input; for JSON text the values the schema
    refused are read again to find them. Each goes in the place of the error it caused. Problems in the typed fields
    come first, in the model's order; those inside the free-form parts (the errors of the JSON-value union) follow.
    """
    if found is None:  # JSON text: the free-form parts refused can only hold NaN or infinities; find them
        refused = [tuple(detail["loc"]) for detail in errors if detail["type"] == _NOT_JSON]
        parsed = from_json(text) if refused else None
        found = [problem for loc in refused for problem in _json_problems(_at(parsed, loc), loc)[1]]
    locs = {tuple(detail["loc"]) for detail in errors}
    deepest = max(map(len, locs), default=0)
    under: dict[_Path, _Found] = {}
    loose: _Found = []
    for path, message in found:  # each problem belongs to the error at its longest prefix
        root = next((path[:n] for n in range(min(len(path), deepest), -1, -1) if path[:n] in locs), None)
        if root is None:
            loose.append((path, message))
        else:
            under.setdefault(root, []).append((path, message))
    typed: _Found = []
    free_form: _Found = []
    if what == _COGNITO_IDENTITY:  # a Python name is wrong whatever else is, so named even where validation stopped
        typed += _python_names(_top_level_keys(text))
    for detail in errors:
        loc: _Path = tuple(detail["loc"])
        if loc in under:
            (free_form if detail["type"] == _NOT_JSON else typed).extend(under.pop(loc))
        elif detail["type"] == _NOT_JSON:  # nothing wrong inside: custom or services is not an object
            typed.append((loc, f"expected a JSON object or null, got {_describe(detail['input'])}"))
        else:
            typed.append((loc, _message(detail, what, text)))
    # In the model's order, unknown keys last: pydantic-core 2.46 to 2.50.0 report an unknown key where it was sent.
    rank = _WIRE_ORDER[what]
    free_form.sort(key=lambda problem: rank.get(str(problem[0][0]) if problem[0] else "", len(rank)))
    # A key sent twice may fail twice (pydantic-core 2.33 validates both): each problem is listed once.
    listed = dict.fromkeys((format_path(path), message) for path, message in typed + loose + free_form)
    return capped(what, (Problem(path, message) for path, message in listed))


def _top_level_keys(text: str | bytes | bytearray) -> list[str]:
    try:
        parsed: object = from_json(text)
    except ValueError:
        return []
    return list(cast("dict[str, object]", parsed)) if isinstance(parsed, dict) else []


def _refuse_python_names(keys: Container[object]) -> None:
    """Raise if any of the keys sent is the Python name of a Cognito identity field."""
    named = _python_names(keys)
    if named:
        raise capped(_COGNITO_IDENTITY, (Problem(format_path(path), message) for path, message in named))


def _python_names(keys: Container[object]) -> _Found:
    """A problem for each Cognito identity field whose Python name, not its wire key, is among the keys sent."""
    return [
        (
            (name,),
            f"the wire key is {wire_key!r}; the runtime ignores {name!r} (the Python attribute name); send it as "
            f"{wire_key!r}",
        )
        for name, wire_key in _WIRE_KEY_BY_NAME.items()
        if name in keys
    ]


def _unreadable(what: PayloadKind, error: Exception) -> ContextValidationError:
    return _single(what, f"reading the value raised {type(error).__name__}")


def _single(what: PayloadKind, message: str, path: str = "") -> ContextValidationError:
    return ContextValidationError(what, (Problem(path, message),))


def _describe(value: object) -> str:
    """Name a value the way a JSON user thinks of it: ``number 42``, ``object``, ``a Python set``."""
    if value is None or value is True or value is False:
        return json.dumps(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-Infinity" if value < 0 else "Infinity")
    if isinstance(value, float) or (isinstance(value, int) and -(10**30) < value < 10**30):
        return f"number {float.__repr__(value) if isinstance(value, float) else int.__repr__(value)}"
    if isinstance(value, int):  # repr() of a very long int can raise
        return "a very large number"
    if isinstance(value, str):
        text = str.__str__(value)
        return f"string {json.dumps(text[:40])}{'...' if len(text) > 40 else ''}"
    if _is_mapping(value):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return f"a Python {type(value).__name__}"


def _message(detail: ErrorDetails, what: PayloadKind, text: str | bytes | bytearray) -> str:
    kind, loc, value = detail["type"], detail["loc"], detail["input"]
    if kind == "json_invalid":
        return _json_message(str((detail.get("ctx") or {}).get("error", "")), what, text)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not loc:
            return f"the {what} must be a JSON object ({{...}}), got {_describe(value)}"
        return f"expected a JSON object or null, got {_describe(value)}"
    if kind == "string_type":
        described = _describe(value)
        fix = ""
        if described.startswith("number "):
            fix = f'; send it as a string: "{described.removeprefix("number ")}"'
        return f"expected a string or null, got {described}{fix}"
    if kind == "string_unicode":
        return f"the text {_LONE_SURROGATE}" if not loc else _LONE_SURROGATE
    return f"{detail['msg']} (got {_describe(value)})"  # pydantic's own words, where the package has none better


def _json_message(detail: str, what: PayloadKind, text: str | bytes | bytearray) -> str:
    # The built-in methods of the built-in types: a str subclass's own startswith or strip may raise or lie.
    if isinstance(text, str):
        bom, blank = str.startswith(text, "\ufeff"), not str.strip(text, _JSON_SPACE)
    else:
        raw = bytes(memoryview(text))
        bom, blank = raw.startswith(b"\xef\xbb\xbf"), not raw.strip(_JSON_SPACE.encode("ascii"))
    if bom:
        return (
            "the text starts with a byte order mark (U+FEFF), which JSON does not allow; save without a byte order mark"
        )
    if blank:
        return f"empty text: a {what} is a JSON object; send {{}} for an empty one"
    if "recursion limit" in detail:
        return f"not valid JSON: nested deeper than {_MAX_DEPTH} levels ({detail}); flatten the structure"
    if "number out of range" in detail:
        return f"not valid JSON: a number out of range ({detail}); send long numbers as strings"
    if "unicode code point" in detail:
        return f"not valid UTF-8 ({detail}); encode the text as UTF-8"
    if "surrogate" in detail or "hex escape" in detail:
        return f"not valid JSON ({detail}): a \\u escape of a lone surrogate, which UTF-8 cannot carry"
    return f"not valid JSON ({detail})"
