"""Will a client context arrive intact? What each Lambda runtime does to each key.

A payload that validates can still be damaged on the way to the handler: every runtime decodes the
``Lambda-Runtime-Client-Context`` header into its own types, and they disagree about key case, unknown keys, string
maps and required fields. :func:`check_portability` reports, per runtime, every key path that will be dropped,
moved, turned into text or that makes the invocation fail, plus the Invoke API's own size and invocation-type rules.

Each rule names the source file it was read from (repository, path); "the source" means the version of that file
stored when the rule was written, which for several runtimes is newer than what older deployments run.

This module is loaded lazily by the package; it imports the pydantic models only inside :func:`check_portability`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast, get_args

from ._errors import TOP_LEVEL, ContextValidationError, join_path
from ._protocols import CLIENT_CONTEXT_FIELDS, MOBILE_CLIENT_FIELDS, W3C_FIELDS

if TYPE_CHECKING:
    from ._models import ClientContextModel
    from ._protocols import ClientContext

__all__ = ["RUNTIMES", "Effect", "Finding", "InvocationType", "Runtime", "check_portability"]

Runtime: TypeAlias = Literal["python", "node", "go", "java", "dotnet", "rust"]
"""A Lambda runtime family whose decoding of the client context the report knows."""

RUNTIMES: Final[tuple[Runtime, ...]] = ("python", "node", "go", "java", "dotnet", "rust")
"""Every runtime :func:`check_portability` knows, in report order (the default target set)."""

Effect: TypeAlias = Literal[
    "dropped", "moved", "stringified", "merged", "rounded", "fails", "too large", "not delivered"
]
"""What a runtime or the Invoke API does to a key: the values of :attr:`Finding.effect`."""

InvocationType: TypeAlias = Literal["RequestResponse", "Event", "DryRun"]
"""The Invoke API's ``InvocationType``: only ``RequestResponse`` delivers a client context."""

_INVOCATION_TYPES: Final[tuple[InvocationType, ...]] = get_args(InvocationType)
_LABEL: Final[dict[str, str]] = {
    "python": "The Python runtime",
    "node": "The Node.js runtime",
    "go": "aws-lambda-go",
    "java": "The Java runtime",
    "dotnet": "The .NET runtime",
    "rust": "lambda_runtime (Rust)",
}
_W3C_ACCESSOR: Final[dict[str, str]] = {
    "python": "context.w3c()",
    "node": "context.w3c()",
    "go": "lc.W3C()",
    "java": "context.w3c()",
    "dotnet": "LambdaContext.W3C",
}
# The LambdaContext Protocol has no w3c() (older runtimes and other fakes lack it), so the fix says where it is.
_PYTHON_W3C_FIX: Final = (
    "read them with lambda_context_types.trace_context(context), which calls context.w3c() where the context has it "
    "(the runtime's own from awslambdaric 4.2 on, and lambda_context_types.testing.FakeLambdaContext; the "
    "LambdaContext Protocol does not declare it); runtimes before 4.2 drop 'w3c', so to reach them send the fields "
    "in 'custom', where trace_context() reads them too"
)

# Sources, one per runtime family; the comment beside each rule below names the file inside it.
_SRC_PYTHON: Final = "awslambdaric 4.2.2: awslambdaric/lambda_context.py"
_SRC_NODE: Final = "aws/aws-lambda-nodejs-runtime-interface-client: src/context/context-builder.ts"
_SRC_GO: Final = "aws/aws-lambda-go: lambdacontext/context.go"
_JAVA_API: Final = (
    "aws/aws-lambda-java-libs: aws-lambda-java-runtime-interface-client/src/main/java/com/amazonaws/services/lambda/"
    "runtime/api/client/api/"
)
_SRC_JAVA: Final = _JAVA_API + "LambdaClientContext.java"
_SRC_JAVA_CLIENT: Final = _JAVA_API + "LambdaClientContextClient.java"
_SRC_JAVA_W3C: Final = _JAVA_API + "LambdaContext.java"
_SRC_DOTNET: Final = "aws/aws-lambda-dotnet: Libraries/src/Amazon.Lambda.RuntimeSupport/Context/CognitoClientContext.cs"
_SRC_DOTNET_CLIENT: Final = (
    "aws/aws-lambda-dotnet: Libraries/src/Amazon.Lambda.RuntimeSupport/Context/CognitoClientApplication.cs"
)
_SRC_DOTNET_W3C: Final = "aws/aws-lambda-dotnet: Libraries/src/Amazon.Lambda.RuntimeSupport/Context/W3CTraceContext.cs"
_SRC_RUST: Final = "awslabs/aws-lambda-rust-runtime: lambda-runtime/src/types.rs"
_SRC_INVOKE: Final = "AWS Lambda API Reference: Invoke, request parameter ClientContext"


_Json: TypeAlias = "dict[str, Any] | list[Any] | str | int | float | bool | None"
# A value of the payload as to_dict() gives it. Typed as this union rather than Any so that a plain isinstance check
# narrows it to dict[str, Any] or list[Any] for the type checkers.


@dataclass(frozen=True)
class Finding:
    """One thing a runtime (or the Invoke API) will do to a client context before the handler sees it.

    ``str(finding)`` is one line: ``runtime: path: effect: message (fix: ...)``.
    """

    runtime: Runtime | Literal["invoke"]
    """The runtime that does it, or ``"invoke"`` for a rule of the Lambda Invoke API itself."""

    path: str
    """The dotted key path it applies to (``client.app_version_name``, ``custom.tags``); ``""`` for the whole
    payload."""

    effect: Effect
    """What happens: ``"dropped"`` (never reaches the handler), ``"moved"`` (reaches it through another accessor),
    ``"stringified"`` (arrives as text), ``"merged"`` (shares one field with another key), ``"rounded"`` (a number
    loses precision), ``"fails"`` (the invocation fails), ``"too large"`` or ``"not delivered"`` (the Invoke API)."""

    message: str
    """Why, in one sentence."""

    fix: str | None
    """How to change the payload or the call so that the value arrives, or None when there is no simple fix."""

    source: str = ""
    """The source file the rule was checked against (repository and path, or the AWS document)."""

    def __str__(self) -> str:
        text = f"{self.runtime}: {self.path or TOP_LEVEL}: {self.effect}: {self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        # Keys are caller data and may hold line breaks; the report promises one line per finding.
        return text.replace("\r", "\\r").replace("\n", "\\n")


def check_portability(
    data: str | bytes | bytearray | Mapping[str, Any] | ClientContext,
    runtimes: Runtime | Iterable[Runtime] | None = None,
    *,
    invocation_type: InvocationType = "RequestResponse",
) -> list[Finding]:
    """Report what each runtime, and the Invoke API, will do to this client context.

    ``data`` is anything :func:`~lambda_context_types.parse_client_context` accepts; it is validated first, so an
    invalid payload raises :class:`~lambda_context_types.ContextValidationError`. ``runtimes`` picks the targets: one
    name, several, or all of :data:`RUNTIMES` (the default); ``[]`` leaves only the Invoke API's rules. An unknown
    name or invocation type raises :class:`ValueError`. An empty list means the payload arrives intact everywhere it
    was checked.

    Findings come Invoke API first, then runtime by runtime in :data:`RUNTIMES` order, each in the key order the
    payload was sent in (the JSON text's, or the mapping's; for an object with attributes, the order ``to_json()``
    writes). Paths are written like validation problems' (``custom.tags``, ``custom["a b"]``).
    """
    from ._models import parse_client_context

    targets = _targets(runtimes)
    if invocation_type not in _INVOCATION_TYPES:
        raise ValueError(f"unknown invocation type {invocation_type!r}; use {', '.join(_INVOCATION_TYPES)}")
    return check_parsed(parse_client_context(data), data, targets, invocation_type)


def check_parsed(
    model: ClientContextModel, sent: object, targets: Sequence[Runtime], invocation_type: InvocationType
) -> list[Finding]:
    """The findings of :func:`check_portability` on a payload validated already, so that one parse serves both.

    ``sent`` is what ``model`` was parsed from (JSON text or a mapping; the base64 form decoded). It is read only for
    its key order, and only when a runtime's rules run: the Invoke API's rules do not depend on it.
    """
    findings = [*_size_rule(model), *_invocation_type_rule(invocation_type)]
    if targets:
        payload = _in_sent_order(model.to_dict(), sent)
        for runtime in targets:
            # The Invoke API's findings are about the whole payload, never a gateway or trace key.
            findings += (_about_gateway_and_trace(finding, payload) for finding in _RULES[runtime](payload))
    return findings


def _targets(runtimes: Runtime | Iterable[Runtime] | None) -> list[Runtime]:
    if runtimes is None:
        return list(RUNTIMES)
    # A str is an Iterable[str] too: a single name must not be read as its letters.
    names: list[str] = [runtimes] if isinstance(runtimes, str) else list(runtimes)
    unknown = [name for name in names if name not in RUNTIMES]
    if unknown:
        raise ValueError(f"unknown runtime {unknown[0]!r}; choose from {', '.join(RUNTIMES)}")
    return [runtime for runtime in RUNTIMES if runtime in names]


def _in_sent_order(payload: dict[str, Any], data: object) -> dict[str, Any]:
    """``payload`` with its top-level and ``client`` keys in the order they were sent.

    ``to_dict()`` writes the model's fields first, but Go's rule for two keys that differ only in case depends on
    which one the runtime decodes later.
    """
    top, client_keys = _sent_key_order(data)
    ordered = _reorder(payload, top)
    client: _Json = ordered.get("client")
    if isinstance(client, dict) and client_keys:
        ordered["client"] = _reorder(client, client_keys)
    return ordered


def _sent_key_order(data: object) -> tuple[list[str], list[str]]:
    """The top-level and ``client`` keys of the JSON text or mapping ``data``, in its order; empty when unknown."""
    try:
        # json.loads builds dicts in the order of the text.
        sent = json.loads(data) if isinstance(data, str | bytes | bytearray) else data
        if isinstance(sent, Mapping):
            mapping = cast("Mapping[str, object]", sent)
            client = mapping.get("client")
            client_keys = list(cast("Mapping[str, object]", client)) if isinstance(client, Mapping) else []
            return list(mapping), client_keys
    except Exception:
        # The payload has validated already, so this can only be a user mapping that fails on a second read or text
        # that Python's json reads differently from pydantic's; the order refines the report, the model's will do.
        pass
    return [], []


def _reorder(mapping: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    ordered = {key: mapping[key] for key in keys if key in mapping}
    ordered.update((key, value) for key, value in mapping.items() if key not in ordered)
    return ordered


# --- the Invoke API -------------------------------------------------------------------------------------------------


def _size_rule(model: ClientContextModel) -> Iterator[Finding]:
    # API_Invoke.html, ClientContext: "Up to 3,583 bytes of base64-encoded data"; larger values are refused. The
    # encoder enforces the limit, so the report asks it rather than counting again.
    try:
        model.to_base64()
    except ContextValidationError as error:
        message = error.problems[0].message
        fix = "move the data into the event payload"
        yield Finding(runtime="invoke", path="", effect="too large", message=message, fix=fix, source=_SRC_INVOKE)


def _invocation_type_rule(invocation_type: InvocationType) -> Iterator[Finding]:
    # API_Invoke.html and `aws lambda invoke`: "Lambda passes the ClientContext object to your function for
    # synchronous invocations only."
    if invocation_type == "Event":
        message = "Lambda passes the client context to the function for synchronous (RequestResponse) invocations only"
        fix = "invoke with InvocationType=RequestResponse, or put the data into the event payload"
    elif invocation_type == "DryRun":
        message = "a DryRun invocation only checks parameters and permissions; the function does not run"
        fix = "invoke with InvocationType=RequestResponse"
    else:
        return
    yield Finding(runtime="invoke", path="", effect="not delivered", message=message, fix=fix, source=_SRC_INVOKE)


# --- AgentCore Gateway and OpenTelemetry ---------------------------------------------------------------------------
# The gateway's keys (_gateway.GATEWAY_KEYS) and the trace fields OpenTelemetry injects into custom are strings, so
# they reach every runtime intact and get no finding. What can go wrong is said in the words of who sent it: the
# gateway writes its propagation maps itself, and earlier releases of OpenTelemetry's Node.js instrumentation wrote
# "Custom".


def _about_gateway_and_trace(finding: Finding, payload: Mapping[str, _Json]) -> Finding:
    """``finding``, its message or fix rewritten when the key belongs to the AgentCore Gateway or to a trace."""
    from dataclasses import replace

    from ._gateway import GATEWAY_KEYS

    top, _, key = finding.path.partition(".")
    # The only objects the gateway writes; its other keys are strings, so a finding about one of those is about a
    # value someone else sent, and keeps its usual fix.
    maps = (GATEWAY_KEYS["propagated_headers"], GATEWAY_KEYS["propagated_query_parameters"])
    if top == "custom" and key in maps and finding.effect in ("fails", "stringified"):
        # The AgentCore developer guide, "Header propagation with Gateway": the gateway adds these objects when the
        # target allowlists headers or query parameters (metadataConfiguration).
        fix = (
            "leave header and query parameter propagation (metadataConfiguration) off for a target on this runtime"
            if finding.effect == "fails"
            else "decode the JSON text in the function"
        )
        return replace(finding, fix=f"the AgentCore Gateway writes this object itself: {fix}")
    value = payload.get(finding.path)
    if finding.path == "Custom" and isinstance(value, dict) and any(name in value for name in W3C_FIELDS):
        # opentelemetry-js-contrib: plugins/node/opentelemetry-instrumentation-aws-sdk/src/services/lambda.ts (the
        # package's earlier home) wrote "Custom"; packages/instrumentation-aws-sdk/src/services/lambda.ts writes
        # "custom".
        message = f"{finding.message}, and with it the caller's trace context"
        fix = "upgrade the caller's @opentelemetry/instrumentation-aws-sdk, which now writes 'custom'"
        return replace(finding, message=message, fix=fix)
    return finding


# --- shared helpers -------------------------------------------------------------------------------------------------


def _kind(value: _Json) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"


def _a(value: _Json) -> str:
    kind = _kind(value)
    return kind if kind == "null" else ("an " if kind[0] in "aeiou" else "a ") + kind


def _unknown_key(runtime: Runtime, path: str, key: str, known: tuple[str, ...], what: str, source: str) -> Finding:
    """A key the runtime's decoder has no field for: it never reaches the handler."""
    label = _LABEL[runtime]
    twin = next((name for name in known if name.lower() == key.lower()), None)
    if twin is not None:
        message = f"{label} matches keys case-sensitively and reads {twin!r}, so {key!r} is ignored"
        fix = f"send it as {twin!r}"
        return Finding(runtime=runtime, path=path, effect="dropped", message=message, fix=fix, source=source)
    if key == "client_id" and "installation_id" in known:
        message = f"{label} reads the installation id only from 'installation_id' ('client_id' is the old name)"
        fix = "send it as 'installation_id'"
        return Finding(runtime=runtime, path=path, effect="dropped", message=message, fix=fix, source=source)
    message = f"{label} keeps only {', '.join(known)} in {what}, so {key!r} is ignored"
    fix = "put what the function needs under 'custom'"
    return Finding(runtime=runtime, path=path, effect="dropped", message=message, fix=fix, source=source)


def _w3c_rules(runtime: Runtime, value: _Json, source: str, path: str = "w3c") -> Iterator[Finding]:
    """The newest runtimes pop ``w3c`` out of the client context and keep only string trace fields.

    ``path`` is the key as sent (Go also reads ``"W3C"``).
    """
    accessor = _W3C_ACCESSOR[runtime]
    label = _LABEL[runtime]
    if not isinstance(value, dict):
        message = f"{label} removes 'w3c' from the client context and exposes only an object's string fields"
        yield Finding(runtime=runtime, path=path, effect="dropped", message=message, fix=None, source=source)
        return
    if any(isinstance(value.get(name), str) for name in W3C_FIELDS):
        message = f"{label} removes 'w3c' from the client context; its trace fields are read with {accessor}"
        fix = _PYTHON_W3C_FIX if runtime == "python" else f"read them with {accessor}"
        yield Finding(runtime=runtime, path=path, effect="moved", message=message, fix=fix, source=source)
    for key, item in value.items():
        item_path = join_path(path, key)
        if key not in W3C_FIELDS:
            message = f"{accessor} keeps only {', '.join(W3C_FIELDS)}, so {key!r} is ignored"
            fix = "put other values under 'custom'"
            yield Finding(runtime=runtime, path=item_path, effect="dropped", message=message, fix=fix, source=source)
        elif not isinstance(item, str):
            message = f"{accessor} keeps only string values, so {_a(item)} {key} is ignored"
            fix = "send it as a string, or leave it out"
            yield Finding(runtime=runtime, path=item_path, effect="dropped", message=message, fix=fix, source=source)


def _exact_key_rules(
    runtime: Runtime,
    cc: Mapping[str, _Json],
    accessor: str,
    source: str,
    *,
    client_source: str,
    w3c_source: str,
    known_key: Callable[[str, _Json], Iterator[Finding]] | None = None,
) -> Iterator[Finding]:
    """The rules of a runtime whose decoder reads exactly client, custom, env and the five client fields.

    ``w3c`` goes to :func:`_w3c_rules`; every other key that is not one of those names, spelt exactly, is dropped.
    ``known_key`` adds the runtime's own rules for each of client, custom and env, so that the findings stay in the
    payload's key order.
    """
    top = CLIENT_CONTEXT_FIELDS
    for key, value in cc.items():
        if key == "w3c":
            yield from _w3c_rules(runtime, value, w3c_source)
        elif key not in top:
            yield _unknown_key(runtime, join_path("", key), key, top, accessor, source)
        else:
            if key == "client" and isinstance(value, dict):
                for name in value:
                    if name not in MOBILE_CLIENT_FIELDS:
                        path = join_path("client", name)
                        yield _unknown_key(runtime, path, name, MOBILE_CLIENT_FIELDS, "client", client_source)
            if known_key is not None:
                yield from known_key(key, value)


# --- Python ---------------------------------------------------------------------------------------------------------


def _python_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # awslambdaric/lambda_context.py: ClientContext.__slots__ = custom, env, client and Client.__slots__ = the five
    # fields; set_obj_from_dict copies exactly those names with dict.get, so any other key is lost, case-sensitively.
    # custom and env are copied whole, whatever JSON they hold.
    return _exact_key_rules(
        "python",
        cc,
        "context.client_context",
        _SRC_PYTHON,
        client_source=_SRC_PYTHON,
        # lambda_context.py: _extract_and_strip_w3c pops "w3c" and keeps only W3C_ALLOWED_FIELDS string values.
        w3c_source=_SRC_PYTHON,
    )


# --- Node.js --------------------------------------------------------------------------------------------------------

_JS_SAFE_INTEGER: Final = 2**53 - 1


def _node_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # src/context/context-builder.ts: clientContext is the raw JSON.parse result, so every key arrives as sent,
    # except "w3c", which extractAndStripW3c deletes and exposes through context.w3c().
    for key, value in cc.items():
        if key == "w3c":
            yield from _w3c_rules("node", value, _SRC_NODE)
        else:
            yield from _node_numbers(join_path("", key), value)


def _node_numbers(path: str, value: _Json) -> Iterator[Finding]:
    # JSON.parse reads every number as an IEEE double: integers past 2**53 - 1 come back rounded.
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _JS_SAFE_INTEGER:
        message = f"JSON.parse reads numbers as doubles, so {value} loses precision in Node.js"
        fix = "send it as a string"
        yield Finding(runtime="node", path=path, effect="rounded", message=message, fix=fix, source=_SRC_NODE)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _node_numbers(join_path(path, key), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _node_numbers(join_path(path, index), item)


# --- Go -------------------------------------------------------------------------------------------------------------


def _go_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # lambdacontext/context.go: ClientContext.UnmarshalJSON decodes into struct fields tagged "Client", "env" and
    # "custom"; encoding/json matches object keys to field names case-insensitively, so "Custom" fills Custom.
    top = CLIENT_CONTEXT_FIELDS
    seen: dict[str, str] = {}
    for key, value in cc.items():
        folded = key.lower()
        path = join_path("", key)
        if folded == "w3c":
            # lambdacontext/context.go (newest): extractW3CFields reads "w3c" into lc.W3C(), never ClientContext.
            yield from _w3c_rules("go", value, _SRC_GO, path)
            continue
        if folded not in top:
            message = f"aws-lambda-go's ClientContext has fields only for client, custom and env, so {key!r} is ignored"
            fix = "put what the function needs under 'custom'"
            yield Finding(runtime="go", path=path, effect="dropped", message=message, fix=fix, source=_SRC_GO)
            continue
        if folded in seen:
            # encoding/json decodes both keys into the same field in the order of the text: maps and structs are
            # filled twice, and a value set by both keeps the later one's.
            yield _go_merged(path, key, seen[folded])
        seen[folded] = key
        if folded == "client" and isinstance(value, dict):
            yield from _go_client(path, value)
        elif folded == "env" and isinstance(value, dict):
            yield from _go_env(path, value)
        elif folded == "custom" and isinstance(value, dict):
            yield from _go_custom(path, value)


def _go_client(parent: str, client: Mapping[str, Any]) -> Iterator[Finding]:
    # lambdacontext/context.go: ClientApplication has installation_id, app_title, app_version_code and
    # app_package_name; there is no app_version_name. Null leaves a Go string empty, which loses nothing. (A
    # non-string fails json.Unmarshal, but validation refuses one before the report runs.)
    fields = ("installation_id", "app_title", "app_version_code", "app_package_name")
    seen: dict[str, str] = {}
    for key in client:
        path = join_path(parent, key)
        folded = key.lower()
        if folded == "app_version_name":
            message = "aws-lambda-go's ClientApplication has no app_version_name field"
            fix = "if a Go function needs it, send it under 'custom' too"
            yield Finding(runtime="go", path=path, effect="dropped", message=message, fix=fix, source=_SRC_GO)
        elif folded not in fields:
            message = f"aws-lambda-go's ClientApplication has fields only for {', '.join(fields)}"
            fix = (
                "send it as 'installation_id'"
                if folded == "client_id"
                else "put what the function needs under 'custom'"
            )
            yield Finding(runtime="go", path=path, effect="dropped", message=message, fix=fix, source=_SRC_GO)
        elif folded in seen:
            yield _go_merged(path, key, seen[folded])
        seen[folded] = key


def _go_merged(path: str, key: str, earlier: str) -> Finding:
    message = (
        f"Go matches keys case-insensitively, so {earlier!r} and {key!r} fill the same field, and where both set a"
        f" value the later one, {key!r}, wins"
    )
    fix = f"send one key, {key.lower()!r}"
    return Finding(runtime="go", path=path, effect="merged", message=message, fix=fix, source=_SRC_GO)


def _go_env(parent: str, env: Mapping[str, Any]) -> Iterator[Finding]:
    # lambdacontext/context.go: Env is map[string]string, decoded by plain encoding/json, which stores null as "".
    # (A non-string value fails json.Unmarshal, which lambda/invoke_loop.go reports as the invocation's failure, but
    # validation refuses one before the report runs.)
    for key, value in env.items():
        if value is None:
            message = "Env is a map[string]string and encoding/json stores null there as an empty string"
            fix = "leave the key out, or send a string"
            path = join_path(parent, key)
            yield Finding(runtime="go", path=path, effect="stringified", message=message, fix=fix, source=_SRC_GO)


def _go_custom(parent: str, custom: Mapping[str, Any]) -> Iterator[Finding]:
    # lambdacontext/context.go (newest): UnmarshalJSON reads custom as map[string]json.RawMessage and stores a value
    # that does not unmarshal into a string as its raw JSON text; null unmarshals into "" without error. Releases
    # from before that method decode custom as map[string]string and fail on a non-string value instead.
    for key, value in custom.items():
        path = join_path(parent, key)
        if value is None:
            message = "Custom is a map[string]string and null becomes an empty string"
            fix = "leave the key out, or send a string"
            yield Finding(runtime="go", path=path, effect="stringified", message=message, fix=fix, source=_SRC_GO)
        elif not isinstance(value, str):
            message = (
                f"Custom is a map[string]string, so this {_kind(value)} arrives as its JSON text"
                " (older aws-lambda-go releases fail the invocation instead)"
            )
            fix = "send it as a string (JSON-encode it yourself) and decode it in the function"
            yield Finding(runtime="go", path=path, effect="stringified", message=message, fix=fix, source=_SRC_GO)


# --- Java -----------------------------------------------------------------------------------------------------------


def _java_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # LambdaClientContext.java: fields client, custom (Map<String, String>), env (Map<String, String>) and, in the
    # newest client, w3c (Object); EventHandlerLoader.java decodes the header with GsonFactory (plain Gson), which
    # matches field names exactly and ignores unknown keys. A Gson failure fails the invocation.
    return _exact_key_rules(
        "java",
        cc,
        "ClientContext",
        _SRC_JAVA,
        # LambdaClientContextClient.java: the five snake_case String fields, nothing else.
        client_source=_SRC_JAVA_CLIENT,
        # LambdaContext.java (newest): extractAndStripW3c keeps W3C_ALLOWED_FIELDS string values for w3c().
        w3c_source=_SRC_JAVA_W3C,
        known_key=_java_known_key,
    )


def _java_known_key(key: str, value: _Json) -> Iterator[Finding]:
    # LambdaClientContext.java: custom and env are Map<String, String>.
    if key in ("custom", "env") and isinstance(value, dict):
        for name, item in value.items():
            if item is not None and not isinstance(item, str):
                yield from _java_value(join_path(key, name), item, _SRC_JAVA)


def _java_value(path: str, value: _Json, source: str) -> Iterator[Finding]:
    # Gson's String adapter (TypeAdapters.STRING) reads a number as its literal text as sent (1E2 stays "1E2") and a
    # boolean as "true"/"false", but throws JsonSyntaxException ("Expected a string but was BEGIN_OBJECT") for an
    # object or array.
    if isinstance(value, (dict, list)):
        message = f"Gson decodes this field as a String, so {_a(value)} throws JsonSyntaxException"
        fix = "send it as a string (JSON-encode it yourself) and decode it in the function"
        yield Finding(runtime="java", path=path, effect="fails", message=message, fix=fix, source=source)
    else:
        text = repr(str(value).lower()) if isinstance(value, bool) else "of its literal, spelt as sent"
        message = f"Gson decodes this field as a String, so the {_kind(value)} arrives as the text {text}"
        fix = "send it as a string"
        yield Finding(runtime="java", path=path, effect="stringified", message=message, fix=fix, source=source)


# --- .NET -----------------------------------------------------------------------------------------------------------


def _dotnet_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # CognitoClientContext.cs: FromJson reads exactly "client", "custom" and "env" with JsonElement.TryGetProperty
    # (ordinal, case-sensitive). LambdaContext.cs parses it lazily, so its exceptions surface when the handler first
    # reads context.ClientContext.
    return _exact_key_rules(
        "dotnet",
        cc,
        "IClientContext",
        _SRC_DOTNET,
        # CognitoClientApplication.cs: TryGetProperty for the five snake_case names (then GetString(), which would
        # throw for a non-string, but validation refuses one before the report runs).
        client_source=_SRC_DOTNET_CLIENT,
        # W3CTraceContext.cs (newest): FromClientContextJson keeps the allowlisted string fields; IClientContext
        # itself has no w3c member.
        w3c_source=_SRC_DOTNET_W3C,
        known_key=_dotnet_known_key,
    )


def _dotnet_known_key(key: str, value: _Json) -> Iterator[Finding]:
    if value is None:
        # TryGetProperty (client) and EnumerateObject (custom, env) throw InvalidOperationException on a null.
        message = f"a null {key!r} makes the .NET runtime throw InvalidOperationException when ClientContext is read"
        fix = "leave the key out instead of sending null"
        yield Finding(runtime="dotnet", path=key, effect="fails", message=message, fix=fix, source=_SRC_DOTNET)
    elif key != "client" and isinstance(value, dict):
        for name, item in value.items():
            yield from _dotnet_value(join_path(key, name), item)


def _dotnet_value(path: str, value: _Json) -> Iterator[Finding]:
    # CognitoClientContext.cs: GetDictionaryFromJsonData stores JsonElement.ToString(), which (dotnet/runtime
    # System.Text.Json JsonElement.cs) gives "" for null, "True"/"False" for booleans and the raw JSON text as sent
    # (GetRawText: spelling and spacing kept) otherwise.
    if isinstance(value, str):
        return
    if value is None:
        text = "an empty string"
    elif isinstance(value, bool):
        text = f"the text {str(value)!r}"
    else:
        text = "its JSON text, spelt and spaced as sent"
    message = (
        f"the .NET runtime stores JsonElement.ToString() in a string dictionary, so this {_kind(value)} becomes {text}"
    )
    fix = "leave the key out" if value is None else "send it as a string and decode it in the function"
    yield Finding(runtime="dotnet", path=path, effect="stringified", message=message, fix=fix, source=_SRC_DOTNET)


# --- Rust -----------------------------------------------------------------------------------------------------------

_RUST_CLIENT: Final = {
    "installation_id": "installationId",
    "app_title": "appTitle",
    "app_version_name": "appVersionName",
    "app_version_code": "appVersionCode",
    "app_package_name": "appPackageName",
}
_RUST_FAILS: Final = "the Context cannot be built, so the invocation fails and the runtime exits"


def _rust_rules(cc: Mapping[str, _Json]) -> Iterator[Finding]:
    # types.rs: ClientContext { client: ClientApplication, custom: HashMap<String, String>,
    # environment: HashMap<String, String> }, all #[serde(default)] when the key is absent, derived Deserialize
    # without rename (exact, case-sensitive keys; unknown keys ignored). Context::new / TryFrom<HeaderMap> returns the
    # serde_json error and runtime.rs propagates it out of the run loop with `?`.
    top = ("client", "custom", "environment")
    for key, value in cc.items():
        if key == "env":
            message = "lambda_runtime reads the device environment from 'environment', so 'env' is ignored"
            fix = "if a Rust function needs it, send the same map as 'environment' too"
            yield Finding(runtime="rust", path=key, effect="dropped", message=message, fix=fix, source=_SRC_RUST)
        elif key == "w3c":
            message = "lambda_runtime's ClientContext has no w3c field, so the trace fields are ignored"
            fix = "send the trace headers under 'custom'"
            yield Finding(runtime="rust", path=key, effect="dropped", message=message, fix=fix, source=_SRC_RUST)
        elif key not in top:
            yield _unknown_key("rust", join_path("", key), key, top, "ClientContext", _SRC_RUST)
        elif value is None:
            # #[serde(default)] covers a missing key only; null is "invalid type: null, expected ...".
            message = f"serde accepts a missing {key!r} but not null: {_RUST_FAILS}"
            fix = "leave the key out instead of sending null"
            yield Finding(runtime="rust", path=key, effect="fails", message=message, fix=fix, source=_SRC_RUST)
        elif key == "client" and isinstance(value, dict):
            yield from _rust_client(value)
        elif isinstance(value, dict):
            for name, item in value.items():
                if not isinstance(item, str):
                    message = f"{key} is a HashMap<String, String>, so {_a(item)} value fails: {_RUST_FAILS}"
                    fix = "send it as a string"
                    path = join_path(key, name)
                    yield Finding(runtime="rust", path=path, effect="fails", message=message, fix=fix, source=_SRC_RUST)


def _rust_client(client: Mapping[str, Any]) -> Iterator[Finding]:
    # types.rs: ClientApplication is #[serde(rename_all = "camelCase")] with #[serde(alias = "<snake_case>")] on each
    # of the five String fields and no default: each must be present (in one spelling only) and a string.
    for snake, camel in _RUST_CLIENT.items():
        present = [name for name in (snake, camel) if name in client]
        path = join_path("client", present[0] if present else snake)
        if not present:
            message = f"lambda_runtime requires all five client fields and {snake!r} is missing: {_RUST_FAILS}"
            fix = f"send {snake!r} (an empty string will do)"
            yield Finding(runtime="rust", path=path, effect="fails", message=message, fix=fix, source=_SRC_RUST)
        elif len(present) == 2:
            message = f"{snake!r} and its alias {camel!r} are the same serde field, a duplicate: {_RUST_FAILS}"
            fix = f"send only {snake!r}"
            yield Finding(runtime="rust", path=path, effect="fails", message=message, fix=fix, source=_SRC_RUST)
        elif not isinstance(client[present[0]], str):
            message = f"client fields are Rust Strings, so {_a(client[present[0]])} fails: {_RUST_FAILS}"
            fix = "send a string (an empty string will do)"
            yield Finding(runtime="rust", path=path, effect="fails", message=message, fix=fix, source=_SRC_RUST)
    known = (*_RUST_CLIENT, *_RUST_CLIENT.values())
    for name in client:
        if name not in known:
            yield _unknown_key("rust", join_path("client", name), name, tuple(_RUST_CLIENT), "client", _SRC_RUST)


_RULES: Final = {
    "python": _python_rules,
    "node": _node_rules,
    "go": _go_rules,
    "java": _java_rules,
    "dotnet": _dotnet_rules,
    "rust": _rust_rules,
}
