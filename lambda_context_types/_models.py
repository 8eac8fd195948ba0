"""Pydantic models of the client context and the Cognito identity, and the parsers of their wire forms.

The runtime receives both payloads as JSON text, in the ``Lambda-Runtime-Client-Context`` and
``Lambda-Runtime-Cognito-Identity`` headers; an invoker sends the client context to the Invoke API as standard base64
of that JSON, at most :data:`MAX_CLIENT_CONTEXT_BYTES` long.

Accepted is exactly what round-trips through JSON. Every key a client sent is kept, at every level, and only those, so
``parse_client_context(text).to_json()`` is the same JSON object as ``text``. The fields the runtimes read must be
strings or null (the Go, Java, Rust and .NET runtimes fail on anything else); the free-form parts (``custom``,
``services``, unknown keys) may hold any JSON. Refused, with one problem per field: text that is not JSON or not
UTF-8, a top level that is not an object, NaN and infinities, lone surrogates (a Python ``str`` can hold one, UTF-8
cannot), Python values JSON has no form for (sets, dates, bytes), integers longer than 4,300 digits and nesting deeper
than 201 levels. The last two are the limits of pydantic-core's JSON parser, so whatever is accepted can be parsed back.

Speed: JSON text goes straight to pydantic-core and no Python code runs on success. The free-form values are checked
by a recursive union in pydantic-core (string first, so the usual values cost one comparison); when it fails, the
error path re-reads the text to say which number was NaN or infinite.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import sys
from collections.abc import Collection, Iterator, Mapping
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
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema, from_json
from typing_extensions import Self, TypeAliasType

from ._errors import ContextValidationError, PayloadKind, Problem, format_path, join_path
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

# pydantic-core's JSON parser refuses values nested deeper than this (the top-level object is level 1), and integers
# longer than about 4,300 characters (the exact bound differs between its versions). Python input is held to the
# same limits, so that everything accepted can be written out by to_json() and parsed back.
_MAX_DEPTH: Final = 201
# Integers this small are taken by every JSON parser; a larger one is tried on pydantic-core's.
_SMALL_INT: Final = 2**63

# A failure report is for people: past this many problems, the rest are counted, not listed.
_MAX_PROBLEMS: Final = 20

_CLIENT_CONTEXT: Final = "client context"
_COGNITO_IDENTITY: Final = "Cognito identity"

_Path = tuple[str | int, ...]
_Found = list[tuple[_Path, str]]
_Frame = tuple[Iterator[tuple[Any, Any]], dict[str, Any] | list[Any], _Path, int]

_LONE_SURROGATE: Final = "contains a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot encode"
# The whitespace JSON allows around values.
_JSON_SPACE: Final = " \t\r\n"
_NOT_FINITE: Final = "NaN and Infinity are not JSON, and a number must fit in a 64-bit float; send null or a string"


# --- Python input: copy it as plain JSON data, refusing what JSON cannot carry --------------------------------------


class _Report:
    """The problems of one Python value: the first ones with their paths, the rest only counted."""

    def __init__(self) -> None:
        self.listed: _Found = []
        self.omitted = 0

    def add(self, path: _Path, message: str) -> None:
        if len(self.listed) < _MAX_PROBLEMS:
            self.listed.append((path, message))
        else:
            self.omitted += 1

    def error(self) -> PydanticCustomError:
        """The error raised during validation; its paths are relative to the value."""
        return PydanticCustomError(
            "not_json", "not a JSON value", {"problems": tuple(self.listed), "omitted": self.omitted}
        )


def _parses_back(number: int) -> bool:
    try:
        parsed: object = from_json(int.__repr__(number))  # repr raises past sys.get_int_max_str_digits()
    except ValueError:
        return False
    return parsed == number


def _has_lone_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_Source = Mapping[Any, Any] | list[Any] | tuple[Any, ...]


def _copy_scalar(value: object, path: _Path, problems: _Report) -> tuple[Any, _Source | None]:
    """Convert one value to its plain JSON type; for a container, return an empty copy and the source to fill it."""
    if value is None or value is True or value is False:
        return value, None
    if isinstance(value, str):
        if _has_lone_surrogate(value):
            problems.add(path, _LONE_SURROGATE)
        return str.__str__(value), None  # an exact str, even from a subclass or an enum member
    if isinstance(value, int):
        if not (-_SMALL_INT < value < _SMALL_INT or _parses_back(int(value))):
            problems.add(path, "an integer too long for JSON parsers (over 4,300 digits); send it as a string")
        return int(value), None
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.add(path, _NOT_FINITE)
        return float(value), None
    if isinstance(value, (Mapping, list, tuple)):
        source: _Source = value  # pyright: ignore[reportUnknownVariableType]
        return ({} if isinstance(value, Mapping) else []), source
    problems.add(path, f"{_describe(value)} has no JSON form; convert it to a string, number, array or object")
    return None, None


def _open(stack: list[_Frame], source: _Source, target: Any, path: _Path, level: int, problems: _Report) -> None:
    try:
        items: Iterator[tuple[Any, Any]] = iter(source.items()) if isinstance(source, Mapping) else enumerate(source)
    except Exception as error:  # a user Mapping that fails when read
        problems.add(path, f"reading it raised {type(error).__name__}")
        return
    stack.append((items, target, path, level))


def _json_copy(value: object, level: int) -> Any:
    """Copy a Python value as plain JSON data (dict, list, str, int, float, bool, None), or raise ``not_json``.

    ``level`` is how deep ``value`` sits in the whole payload. The walk keeps its own stack, so 100,000 levels of
    nesting cost a loop, not a RecursionError, and it stops at the parser's depth limit.
    """
    problems = _Report()
    root, source = _copy_scalar(value, (), problems)
    stack: list[_Frame] = []
    if source is not None:
        _open(stack, source, root, (), level, problems)
    while stack:  # past the listed problems the walk goes on counting: the report says how many there are
        items, target, path, depth = stack[-1]
        try:
            item = next(items, None)
        except Exception as error:  # a user Mapping that fails while iterated
            problems.add(path, f"reading it raised {type(error).__name__}")
            item = None
        if item is None:
            stack.pop()
            continue
        key, child = item
        if isinstance(target, dict):
            if not isinstance(key, str):
                problems.add(path, f"key {_describe(key)} is not a string; JSON object keys are strings")
                continue
            if _has_lone_surrogate(key):
                problems.add(path, f"key {_describe(key)} {_LONE_SURROGATE}")
                continue
            key = str.__str__(key)
        child_path = (*path, key)
        if depth + 1 > _MAX_DEPTH:
            problems.add(path, f"nested deeper than {_MAX_DEPTH} levels; flatten the structure")
            stack.pop()
            continue
        converted, source = _copy_scalar(child, child_path, problems)
        if isinstance(target, dict):
            target[key] = converted
        else:
            target.append(converted)
        if source is not None:
            _open(stack, source, converted, child_path, depth + 1, problems)
    if problems.listed:
        raise problems.error()
    return root


class _PythonJson:
    """Run :func:`_json_copy` on Python input; JSON input was already parsed by pydantic-core and skips it."""

    def __init__(self, level: int) -> None:
        self.level = level

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        schema = handler(source)
        level = self.level
        return core_schema.json_or_python_schema(
            json_schema=schema,
            python_schema=core_schema.no_info_before_validator_function(lambda value: _json_copy(value, level), schema),
        )


class _Unicode:
    """A string UTF-8 can encode.

    A Python ``str`` can hold a lone surrogate. A length constraint makes pydantic-core read the string as Unicode,
    which refuses one; JSON input cannot carry one (the parser refuses the escape) and skips the constraint.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.str_schema(strict=True),
            python_schema=core_schema.str_schema(strict=True, max_length=sys.maxsize),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string"}


_Text = Annotated[str, _Unicode()]

if TYPE_CHECKING:
    _JsonValue = Any
else:
    # Any JSON value, checked in pydantic-core. It only refuses NaN and infinities (from JSON text: nothing else
    # reaches it), but Any would let them through; a Python after-validator would cost more than the whole parse.
    # Strings come first: they are the usual values, and need one comparison. Booleans come before the numbers:
    # pydantic-core before 2.23 (pydantic 2.8) let a strict float take `true` and wrote it back as 1.0.
    # Named JsonValue, not _JsonValue: the name is the JSON Schema's $defs entry, which users read.
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
            Field(union_mode="left_to_right"),
            WithJsonSchema({}),
        ],
    )

_Object = Annotated[Mapping[_Text, _JsonValue], _PythonJson(level=2)]
_Extra = Annotated[_JsonValue, _PythonJson(level=2)]
_NestedExtra = Annotated[_JsonValue, _PythonJson(level=3)]


def _describe_fields(schema: dict[str, Any], cls: type[Any]) -> None:
    """Write the JSON Schema's descriptions from the docstrings, as plain text.

    The model's is the first paragraph of its docstring (the rest is about the Python API); each field's is its
    attribute docstring. Done when a schema is asked for, instead of by pydantic's ``use_attribute_docstrings``,
    which reads and parses this module's source for every model at import time (see BENCHMARKS.md).
    """
    import ast
    import inspect
    import itertools
    import textwrap

    if cls.__doc__:
        schema["description"] = _plain_text(inspect.cleandoc(cls.__doc__).split("\n\n")[0])
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source shipped: the schema has no field descriptions
        return
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, following in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = _plain_text(inspect.cleandoc(following.value.value))
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    for name, field in cls.model_fields.items():
        prop = properties.get(field.alias or name)
        if prop is not None and name in docs:
            prop.setdefault("description", docs[name])


def _plain_text(docstring: str) -> str:
    """A docstring without its reST markup, for readers of the JSON Schema: ``x`` and :class:`~a.B` become x and B."""
    import re

    def role(match: re.Match[str]) -> str:
        target = match[1]
        return target.rsplit(".", 1)[-1] if target.startswith("~") else target

    text = re.sub(r":[a-z:]+:`([^`]+)`", role, docstring)
    return re.sub(r"``(.+?)``", r"\1", text).replace("\n", " ")


# --- The models ------------------------------------------------------------------------------------------------------

# One configuration for every model. Validators are built at import (defer_build=False): in Lambda that is the init
# phase, done before the first request under provisioned concurrency or SnapStart, and the first parse then takes
# 0.15 ms instead of about 19 ms (building the first validator makes pydantic import its plugin loader). Deferring
# only the models a parse does not need saved about 1.4 ms at import, too little for two settings (BENCHMARKS.md).
_CONFIG: Final = ConfigDict(extra="allow", strict=True, defer_build=False, json_schema_extra=_describe_fields)


class W3CTraceModel(BaseModel, frozen=True):
    """W3C trace context, propagated in the client context's top-level ``w3c`` object.

    The Python runtime (awslambdaric 4.2.0 and later) removes ``w3c`` from the client context and offers its three
    string fields through ``context.w3c()``. Unknown keys are kept.

    Constructing it directly validates too, but raises pydantic's ``ValidationError``; the parse functions raise
    ContextValidationError. Frozen: attributes cannot be reassigned, but the mappings and lists inside are plain
    ``dict`` and ``list`` objects; changing them skips validation.
    """

    model_config: ClassVar[ConfigDict] = _CONFIG

    traceparent: _Text | None = None
    """The W3C ``traceparent`` header value: version, trace id, parent id and flags."""

    tracestate: _Text | None = None
    """The W3C ``tracestate`` header value: vendor-specific trace data."""

    baggage: _Text | None = None
    """The W3C ``baggage`` header value: application key-value pairs propagated with the trace."""

    __pydantic_extra__: dict[str, _NestedExtra] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]


class MobileClientModel(BaseModel, frozen=True):
    """The calling application, as the AWS Mobile SDKs describe it: the client context's ``client`` object.

    Satisfies :class:`~lambda_context_types.MobileClient`. Unknown keys, such as the Mobile Analytics spec's
    ``client_id``, are kept.

    Constructing it directly validates too, but raises pydantic's ``ValidationError``; the parse functions raise
    ContextValidationError. Frozen: attributes cannot be reassigned, but the mappings and lists inside are plain
    ``dict`` and ``list`` objects; changing them skips validation.
    """

    model_config: ClassVar[ConfigDict] = _CONFIG

    installation_id: _Text | None = None
    """A unique id of the app installation on the device (the iOS SDK may send ``"UNKNOWN_INSTALLATION_ID"``)."""

    app_title: _Text | None = None
    """The human-readable title of the application."""

    app_version_name: _Text | None = None
    """The version name: the user-visible version on Android (``"1.4.2"``), the build number on iOS."""

    app_version_code: _Text | None = None
    """The version code, as text: the build number on Android (``"42"``), the user-visible version on iOS."""

    app_package_name: _Text | None = None
    """The package name or bundle identifier of the application, such as ``"com.example.app"``."""

    __pydantic_extra__: dict[str, _NestedExtra] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]


class ClientContextModel(BaseModel, frozen=True):
    """A validated client context: what an invoker attached to a synchronous invocation.

    Satisfies :class:`~lambda_context_types.ClientContext`. Build one with :func:`parse_client_context` or
    :meth:`from_base64`; write it with :meth:`to_json` (the runtime header's form) or :meth:`to_base64` (the Invoke
    API's). Unknown keys are kept at every level, and only the keys that were present are written back.

    Constructing it directly (``ClientContextModel(custom={...})``) validates too, but raises pydantic's
    ``ValidationError``; :func:`parse_client_context` and :meth:`from_base64` raise ContextValidationError. Frozen:
    attributes cannot be reassigned, but ``custom``, ``env``, ``services`` and the unknown values are plain ``dict``
    and ``list`` objects; changing them skips validation, so copy them (``to_dict()``) to edit a payload.
    """

    model_config: ClassVar[ConfigDict] = _CONFIG

    client: MobileClientModel | None = None
    """The calling application, or None when absent."""

    custom: _Object | None = None
    """Values set by the calling application, or None when absent: any JSON, though the mobile SDKs send strings."""

    env: Mapping[_Text, _Text | None] | None = None
    """The device environment (``platform``, ``platform_version``, ``model``, ``make``, ``locale``...): strings."""

    services: _Object | None = None
    """Per-service settings the mobile SDKs add, such as ``{"mobile_analytics": {"app_id": "..."}}``."""

    w3c: W3CTraceModel | None = None
    """W3C trace context, or None when absent. The Python runtime removes it from ``context.client_context``."""

    __pydantic_extra__: dict[str, _Extra] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]

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
        if isinstance(data, str):
            if not data.isascii():
                raise _single(_CLIENT_CONTEXT, "not base64: the text has characters outside ASCII")
            raw = data.encode("ascii")
        elif isinstance(data, (bytes, bytearray)):  # pyright: ignore[reportUnnecessaryIsInstance]
            raw = bytes(data)
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


class CognitoIdentityModel(BaseModel, frozen=True):
    """A validated Amazon Cognito identity.

    Satisfies :class:`~lambda_context_types.CognitoIdentity`: snake_case attributes, camelCase on the wire
    (``cognitoIdentityId``, ``cognitoIdentityPoolId``), so construct it with the camelCase names. Unknown keys are
    kept; the snake_case names of the two fields are refused as keys, since the runtime ignores them.

    Constructing it directly validates too, but raises pydantic's ``ValidationError``; the parse functions raise
    ContextValidationError. Frozen: attributes cannot be reassigned, but the mappings and lists inside are plain
    ``dict`` and ``list`` objects; changing them skips validation.
    """

    model_config: ClassVar[ConfigDict] = _CONFIG

    cognito_identity_id: _Text | None = Field(default=None, alias="cognitoIdentityId")
    """The Cognito identity id, ``"<region>:<uuid>"``, or None."""

    cognito_identity_pool_id: _Text | None = Field(default=None, alias="cognitoIdentityPoolId")
    """The id of the identity pool that issued the identity, ``"<region>:<uuid>"``, or None."""

    __pydantic_extra__: dict[str, _Extra] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]

    @model_validator(mode="before")
    @classmethod
    def _refuse_python_names_on_the_wire(cls, data: object) -> object:
        # The runtime reads only the camelCase keys: an identity sent as {"cognito_identity_id": ...} arrives with
        # both fields None. It is a mistake with one fix, not an unknown key to keep.
        sent = _keys(data)
        for name, field in cls.model_fields.items():
            if name in sent:
                raise PydanticCustomError("python_name_on_the_wire", "", {"key": name, "alias": field.alias})
        return data

    def to_json(self) -> str:
        """The wire JSON, with camelCase keys: exactly the keys that were present, unknown ones included."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)

    def to_dict(self) -> dict[str, Any]:
        """The wire JSON as plain Python data, equal to ``json.loads(self.to_json())``."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


# --- Entry points ----------------------------------------------------------------------------------------------------


_validate_client_context_json: Final = ClientContextModel.__pydantic_validator__.validate_json


def parse_client_context(data: str | bytes | bytearray | Mapping[str, Any] | ClientContext) -> ClientContextModel:
    """Validate a client context and return it as a :class:`ClientContextModel`.

    ``data`` is the runtime header's JSON text (``str``, or ``bytes`` of UTF-8), the same already parsed (a mapping),
    or any object with the ``client``, ``custom`` and ``env`` attributes, such as ``context.client_context`` (the
    runtime's object has already lost unknown keys and ``w3c``; attributes that are None are left out). A model is
    returned as it is. For the Invoke API's base64 form, use :meth:`ClientContextModel.from_base64`.

    Raises ContextValidationError, with one problem per failing field, for anything else.
    """
    if isinstance(data, (str, bytes, bytearray)):
        # _validate_json, inlined with the validator bound once: a handler takes this path on every invocation, and
        # the call and lookup cost 0.06x of a json.loads (BENCHMARKS.md, the "not inlined" variant).
        try:
            model: ClientContextModel = _validate_client_context_json(data)
        except ValidationError as error:
            raise _convert(error, ClientContextModel, _CLIENT_CONTEXT, data) from None
        return model
    if isinstance(data, ClientContextModel):
        return data
    if isinstance(data, Mapping):
        return _validate_python(ClientContextModel, data, _CLIENT_CONTEXT)
    fields = _read_attributes(data, CLIENT_CONTEXT_FIELDS, _CLIENT_CONTEXT)
    client = fields.get("client")
    if not isinstance(client, (Mapping, MobileClientModel)) and any(
        _has_attribute(client, name) for name in MOBILE_CLIENT_FIELDS
    ):
        # The runtime's Client is a __slots__ object; anything else is left for validation to report.
        fields["client"] = _read_attributes(client, MOBILE_CLIENT_FIELDS, _CLIENT_CONTEXT, "client")
    return _validate_python(ClientContextModel, fields, _CLIENT_CONTEXT)


def parse_cognito_identity(
    data: str | bytes | bytearray | Mapping[str, Any] | CognitoIdentity,
) -> CognitoIdentityModel:
    """Validate a Cognito identity and return it as a :class:`CognitoIdentityModel`.

    ``data`` is the runtime header's JSON text or a mapping, both with the camelCase wire keys, or any object with
    the snake_case ``cognito_identity_id`` and ``cognito_identity_pool_id`` attributes, such as ``context.identity``
    (attributes that are None are left out). A model is returned as it is.

    Raises ContextValidationError, with one problem per failing field, for anything else.
    """
    if isinstance(data, (str, bytes, bytearray)):
        return _validate_json(CognitoIdentityModel, data, _COGNITO_IDENTITY)
    if isinstance(data, CognitoIdentityModel):
        return data
    if isinstance(data, Mapping):
        return _validate_python(CognitoIdentityModel, data, _COGNITO_IDENTITY)
    fields = CognitoIdentityModel.model_fields
    values = _read_attributes(data, tuple(fields), _COGNITO_IDENTITY)
    wire = {fields[name].alias or name: value for name, value in values.items()}
    return _validate_python(CognitoIdentityModel, wire, _COGNITO_IDENTITY)


_ModelT = TypeVar("_ModelT", bound=BaseModel)


def _keys(data: object) -> Collection[object]:
    return cast("Mapping[object, object]", data).keys() if isinstance(data, Mapping) else ()


def _validate_json(model: type[_ModelT], data: str | bytes | bytearray, what: PayloadKind) -> _ModelT:
    try:
        result: _ModelT = model.__pydantic_validator__.validate_json(data)
    except ValidationError as error:
        raise _convert(error, model, what, data) from None
    return result


def _validate_python(model: type[_ModelT], data: Mapping[Any, Any], what: PayloadKind) -> _ModelT:
    # Strict validation takes dicts only, so the nested mappings of another kind are copied into dicts first.
    try:
        payload: dict[Any, Any] = dict(data)
        for key in ("client", "w3c", "env"):
            value = payload.get(key)
            if isinstance(value, Mapping) and not isinstance(value, dict):
                payload[key] = dict(value)  # pyright: ignore[reportUnknownArgumentType]
        result: _ModelT = model.__pydantic_validator__.validate_python(payload)
    except ValidationError as error:
        raise _convert(error, model, what, None) from None
    except Exception as error:  # a user Mapping or str subclass that fails while being read
        raise _single(what, f"reading the input raised {type(error).__name__}") from None
    return result


def _read_attributes(obj: object, names: tuple[str, ...], what: PayloadKind, prefix: str = "") -> dict[str, Any]:
    """The named attributes that are set and not None, as a dict: what a JSON producer would have sent."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    present = False
    for name in names:
        try:
            value = getattr(obj, name, _MISSING)
        except Exception as error:  # a property that raises
            problems.append(Problem(join_path(prefix, name), f"reading the attribute raised {type(error).__name__}"))
            continue
        present = present or value is not _MISSING
        if value is not None and value is not _MISSING:
            values[name] = value
    if problems:
        raise ContextValidationError(what, tuple(problems))
    if not present:
        hint = ""
        if what == _CLIENT_CONTEXT and _has_attribute(obj, "client_context"):
            hint = "; pass context.client_context"
        elif what == _COGNITO_IDENTITY and _has_attribute(obj, "identity"):
            hint = "; pass context.identity"
        expected = "JSON text, a mapping or an object with the attributes " + ", ".join(names)
        raise _single(what, f"expected {expected}, got {_describe(obj)}{hint}", prefix)
    return values


_MISSING: Final = object()


def _has_attribute(obj: object, name: str) -> bool:
    try:
        return hasattr(obj, name)
    except Exception:
        return False


# --- Errors ----------------------------------------------------------------------------------------------------------


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
        return f"string {json.dumps(value[:40])}{'...' if len(value) > 40 else ''}"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return f"a Python {type(value).__name__}"


# The free-form parts of the client context, where any JSON value is allowed (and, in every model, unknown keys).
_FREE_FORM: Final = frozenset({"custom", "services"})
_NESTED: Final[dict[str, type[BaseModel]]] = {"client": MobileClientModel, "w3c": W3CTraceModel}


def _free_form_root(model: type[BaseModel], loc: _Path) -> _Path | None:
    """The location of the free-form value an error is inside of, or None for an error in a typed field."""
    if not loc or not isinstance(loc[0], str):
        return None
    key = loc[0]
    names = {field.alias or name: name for name, field in model.model_fields.items()}
    if key not in names:
        return loc[:1]
    if model is ClientContextModel and key in _FREE_FORM:
        return loc[:2] if len(loc) > 1 else None
    nested = _NESTED.get(key) if model is ClientContextModel else None
    if nested is not None:
        inner = _free_form_root(nested, loc[1:])
        return None if inner is None else (key, *inner)
    return None


def _non_finite(value: Any, path: _Path) -> _Found:
    """The paths of the NaN and infinite floats in parsed JSON."""
    found: _Found = []
    stack: list[tuple[Any, _Path]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            stack.extend((item, (*where, key)) for key, item in reversed(node.items()))  # pyright: ignore
        elif isinstance(node, list):
            stack.extend((item, (*where, i)) for i, item in reversed(list(enumerate(node))))  # pyright: ignore
        elif isinstance(node, float) and not math.isfinite(node):
            found.append((where, _NOT_FINITE))
    return found


def _convert(
    error: ValidationError, model: type[BaseModel], what: PayloadKind, text: str | bytes | bytearray | None
) -> ContextValidationError:
    """Turn pydantic's errors into one Problem per failing field, with wire paths and messages that say the fix.

    Problems in the typed fields come first, in the model's field order; those inside the free-form parts follow.
    """
    found: _Found = []
    omitted = 0
    free_form: list[_Path] = []
    for detail in error.errors(include_url=False):
        loc: _Path = detail["loc"]
        kind = detail["type"]
        ctx = detail.get("ctx") or {}
        if kind == "python_name_on_the_wire":
            message = (
                f"the wire key is {ctx['alias']!r}; the runtime ignores {ctx['key']!r} (the Python attribute name)"
            )
            found.append(((ctx["key"],), f"{message}; send it as {ctx['alias']!r}"))
            continue
        if kind == "not_json":
            found.extend(((*loc, *inner), message) for inner, message in ctx["problems"])
            omitted += ctx["omitted"]
            continue
        if kind == "invalid_key" or loc[-1:] == ("[key]",):
            # A key that is not a string, or not Unicode: reported at the object that holds it (Python input only).
            loc = loc[:-2] if loc[-1:] == ("[key]",) else loc[:-1]
            found.append((loc, _key_message(kind, detail["input"])))
            continue
        if kind == "string_unicode" and _is_model(model, loc) and not (text is not None and not loc):
            # A model's unknown key that is not Unicode is reported at the model itself.
            found.append((loc, _key_message(kind, detail["input"])))
            continue
        root = _free_form_root(model, loc)
        if root is not None:
            # The JSON-value union lists every alternative that failed; one problem per value says more.
            if root not in free_form:
                free_form.append(root)
            continue
        found.append((loc, _message(kind, loc, detail["input"], ctx, what, text)))
    if free_form:
        # From JSON text the union can only have failed on NaN or an infinity (any other JSON value passes): the
        # text, valid JSON since it got this far, is read again to find them.
        located = _non_finite(from_json(text), ()) if text is not None else []
        reported = {path for path, _ in found}
        extra = [(path, message) for path, message in located if path not in reported]
        found.extend(extra or [(root, "not a JSON value") for root in free_form])
    # A stable sort: the order within each group is pydantic's (field order, then unknown keys in payload order).
    found.sort(key=lambda item: _free_form_root(model, item[0]) is not None)
    omitted += max(0, len(found) - _MAX_PROBLEMS)
    problems = tuple(Problem(format_path(path), message) for path, message in found[:_MAX_PROBLEMS])
    return ContextValidationError(what, problems, omitted)


def _is_model(model: type[BaseModel], loc: _Path) -> bool:
    """Whether ``loc`` names a model (the payload, or its ``client`` or ``w3c``), not one of its fields."""
    return not loc or (model is ClientContextModel and len(loc) == 1 and loc[0] in _NESTED)


def _key_message(kind: str, key: Any) -> str:
    if kind == "string_unicode":
        return f"key {_describe(key)} {_LONE_SURROGATE}"
    return f"key {_describe(key)} is not a string; JSON object keys are strings"


def _message(
    kind: str, loc: _Path, value: Any, ctx: Mapping[str, Any], what: PayloadKind, text: str | bytes | bytearray | None
) -> str:
    if kind == "json_invalid":
        return _json_message(str(ctx.get("error", "")), what, text)
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
    return f"invalid value {_describe(value)} ({kind})"


def _json_message(detail: str, what: PayloadKind, text: str | bytes | bytearray | None) -> str:
    if isinstance(text, str):
        bom, blank = text.startswith("\ufeff"), not text.strip(_JSON_SPACE)
    elif text is not None:
        bom, blank = text.startswith(b"\xef\xbb\xbf"), not text.strip(_JSON_SPACE.encode("ascii"))
    else:
        bom, blank = False, False
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
