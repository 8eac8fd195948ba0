"""The ``lambda-context`` command: validate, encode and decode client contexts, print their JSON Schema.

Exit status: 0 valid, 1 invalid (or, with ``--strict``, a portability finding), 2 usage or I/O error, 70 a bug in
this tool, 130 interrupted. Every failure is reported in a line or a few, never as a traceback.

The models are imported inside the commands that use them (and the portability report imports them only when it
runs), so ``lambda-context --help`` and bad usage never import pydantic.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, TextIO, cast, get_args

from . import __version__
from ._errors import ContextValidationError, PayloadKind, Problem, capped, join_path
from ._portability import RUNTIMES, InvocationType  # no pydantic: _portability imports the models lazily

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._models import ClientContextModel, CognitoIdentityModel, W3CTraceModel
    from ._portability import Finding, Runtime
    from .agentcore import GatewayToolCall

__all__ = ["main"]

PROG: Final = "lambda-context"

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
EXIT_BUG: Final = 70
EXIT_INTERRUPTED: Final = 130

MAX_INPUT_BYTES: Final = 1_048_576
"""Inputs larger than this are refused unread (exit 1). The Invoke API caps a client context at 3,583 bytes of
base64, so a mebibyte is far past any real payload, and stopping there keeps ``- < /dev/zero`` from filling memory."""

_INVOCATION_TYPES: Final[tuple[str, ...]] = get_args(InvocationType)

# Checked against _errors.PayloadKind, the labels ContextValidationError.what carries.
_CLIENT_CONTEXT: Final[PayloadKind] = "client context"
_IDENTITY: Final[PayloadKind] = "Cognito identity"

Form = Literal["JSON", "base64"]
"""The wire form a client context was read in: the runtime header's JSON or the Invoke API's base64."""

# Any alphabet: URL-safe base64 should get a base64 error ("not standard base64"), not a JSON one.
_BASE64_FIRST_BYTES: Final = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
# Bare JSON scalars, and the constants Python's json reads, start with those characters too; they are read as JSON
# that is not an object, which says more than "not base64".
_JSON_SCALAR: Final = re.compile(rb"null|true|false|NaN|-?Infinity|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
# Characters a terminal may act on (escape sequences, line and bidirectional controls), from payload keys and values.
_TERMINAL_CONTROLS: Final = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_IN_LINE: Final = re.compile(f"[\x00-\x1f{_TERMINAL_CONTROLS}]")
# json.dumps already escapes C0 characters inside strings; the newlines it adds for indent are layout.
_UNSAFE_IN_JSON: Final = re.compile(f"[{_TERMINAL_CONTROLS}]")


class _UsageError(Exception):
    """The command line or the input file is unusable: exit status 2, message on standard error."""


class _Validation(NamedTuple):
    """What ``validate`` found, rendered either for people or as JSON."""

    what: PayloadKind
    form: Form
    size: int
    runtimes: tuple[Runtime, ...]
    payload: dict[str, Any] | None
    error: ContextValidationError | None
    findings: Sequence[Finding]
    # What a handler would read from it: the AgentCore Gateway tool call and the caller's trace context.
    read: tuple[GatewayToolCall | None, W3CTraceModel | None] = (None, None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lambda-context`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    Never raises and never prints a traceback: usage errors (argparse's ``SystemExit``), unreadable input, a closed
    output pipe and Ctrl-C all become an exit status, so tests can call it directly.
    """
    try:
        args = _parser().parse_args(argv)
        command = cast("Callable[[argparse.Namespace], int]", args.command)
        stdout: TextIO | None = sys.stdout
        if stdout is None:  # started with `>&-`: Python then has no stream at all, and print() writes nowhere
            raise _UsageError("cannot write the output: standard output is closed")
        status = command(args)
        stdout.flush()  # a closed pipe must fail here, inside the handlers below, not at interpreter exit
        return status
    except SystemExit as exit_:  # argparse: --help exits 0, bad usage 2
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except _UsageError as error:
        _say(sys.stderr, f"{PROG}: error: {error}")
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (`| head`); nobody is left to tell
        _silence_stdout()
        return EXIT_USAGE
    except OSError as error:  # writing the output failed: a full disk, a vanished terminal
        _say(sys.stderr, f"{PROG}: error: cannot write the output: {error.strerror or error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug in this tool still gets one line, with what to do, rather than a traceback
        _say(sys.stderr, f"{PROG}: internal error (a bug, please report it): {type(error).__name__}: {error}")
        return EXIT_BUG


def _parser() -> argparse.ArgumentParser:
    """The argument parser, its help written for the terminal."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Validate, encode and decode AWS Lambda client contexts and Cognito identities.",
        epilog="exit status: 0 valid, 1 invalid, 2 usage or I/O error",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a client context (JSON or base64) or, with --identity, a Cognito identity",
        description="Check a payload and lay out its fields; each problem is reported with its key path. "
        "A client context is read as the Invoke API's base64 when, leading and trailing whitespace aside, it starts "
        "with one of A-Z a-z 0-9 + / - _ and is not a bare JSON null, true, false or number, NaN, Infinity or "
        "-Infinity; as JSON otherwise (a JSON object always is). The Invoke API's size limit is always checked: "
        "past it, a warning.",
        epilog="exit status: 0 valid, 1 invalid (or a warning under --strict), 2 usage or I/O error",
    )
    _add_file_argument(validate)
    validate.add_argument("--identity", action="store_true", help="the payload is a Cognito identity (camelCase JSON)")
    validate.add_argument(
        "--runtime",
        action="append",
        choices=[*RUNTIMES, "all"],
        metavar="NAME",
        help=f"report what this Lambda runtime would drop, rename or fail on: {', '.join(RUNTIMES)} or all; "
        "repeat for several",
    )
    validate.add_argument(
        "--invocation-type",
        choices=_INVOCATION_TYPES,
        metavar="TYPE",
        help=f"report the Invoke API's rules for this invocation type: {', '.join(_INVOCATION_TYPES)} "
        "(RequestResponse when not given)",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on any warning: a portability finding (every runtime, unless --runtime narrows it) or the "
        "Invoke API's size limit",
    )
    validate.add_argument("--json", action="store_true", help="print one JSON object for machines instead")
    validate.set_defaults(command=_validate)

    encode = commands.add_parser(
        "encode",
        help="turn a client context's JSON into the Invoke API's base64",
        description="Validate a client context's JSON and print it as the base64 text for the Invoke API's "
        "ClientContext parameter, refused past 3,583 bytes.",
    )
    _add_file_argument(encode)
    encode.set_defaults(command=_encode)

    decode = commands.add_parser(
        "decode",
        help="turn the Invoke API's base64 into a client context's JSON",
        description="Validate a base64 client context and print its JSON.",
    )
    _add_file_argument(decode)
    decode.set_defaults(command=_decode)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the client context (--identity: the Cognito identity; --agentcore: the "
        "client context an AgentCore Gateway sends)",
        description="Print the JSON Schema of the client context, generated from the pydantic models.",
    )
    which = schema.add_mutually_exclusive_group()
    which.add_argument("--identity", action="store_true", help="the Cognito identity's schema instead")
    which.add_argument(
        "--agentcore", action="store_true", help="the schema of the client context an AgentCore Gateway sends instead"
    )
    schema.set_defaults(command=_schema)
    return parser


def _add_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the payload to read; - for standard input")


# Commands ------------------------------------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    """``validate``: check the payload, lay it out, and warn about what will not arrive intact."""
    identity = cast("bool", args.identity)
    chosen = cast("list[str]", args.runtime or [])
    strict = cast("bool", args.strict)
    invocation_type = cast("InvocationType | None", args.invocation_type)
    portability = bool(chosen) or strict or invocation_type is not None
    if identity and portability:
        raise _UsageError("--runtime, --invocation-type and --strict check client contexts, not --identity")
    every = not chosen or "all" in chosen
    runtimes: tuple[Runtime, ...] = tuple(name for name in RUNTIMES if every or name in chosen) if portability else ()

    data = _read(cast("str", args.file))
    what = _IDENTITY if identity else _CLIENT_CONTEXT
    form: Form = "JSON" if identity else _detect_form(data)
    findings: Sequence[Finding] = ()
    try:
        if identity:
            payload = _identity(data).to_dict()
        else:
            model = _client_context(data, form)
            payload = model.to_dict()
            # Without --runtime, runtimes is empty and only the Invoke API's rules run: the size limit, always.
            findings = _check_portability(model, data, form, runtimes, invocation_type)
        read = (None, None) if identity else _read_as_a_handler(payload)
    except ContextValidationError as error:
        result = _Validation(what, form, len(data), runtimes, None, error, [])
    else:
        result = _Validation(what, form, len(data), runtimes, payload, None, findings, read)

    if cast("bool", args.json):
        _say_json(sys.stdout, _validation_as_json(result))
    else:
        _say(sys.stdout, *_validation_as_text(result, strict=strict))
    if result.error is not None:
        return EXIT_INVALID
    return EXIT_INVALID if strict and result.findings else EXIT_OK


def _encode(args: argparse.Namespace) -> int:
    """``encode``: JSON in, the Invoke API's base64 out."""
    data = _read(cast("str", args.file))
    try:
        text = _client_context(data, "JSON").to_base64()
    except ContextValidationError as error:
        _say(sys.stderr, *str(error).splitlines())
        return EXIT_INVALID
    _say(sys.stdout, text)
    return EXIT_OK


def _decode(args: argparse.Namespace) -> int:
    """``decode``: the Invoke API's base64 in, the client context's JSON out."""
    data = _read(cast("str", args.file))
    try:
        payload = _client_context(data, "base64").to_dict()
    except ContextValidationError as error:
        _say(sys.stderr, *str(error).splitlines())
        return EXIT_INVALID
    _say_json(sys.stdout, payload)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    """``schema``: the JSON Schema the pydantic models generate."""
    from ._models import ClientContextModel, CognitoIdentityModel

    if cast("bool", args.agentcore):
        from .agentcore import gateway_client_context_schema

        _say_json(sys.stdout, gateway_client_context_schema())
        return EXIT_OK
    model = CognitoIdentityModel if cast("bool", args.identity) else ClientContextModel
    _say_json(sys.stdout, model.model_json_schema())
    return EXIT_OK


def _read_as_a_handler(payload: dict[str, Any]) -> tuple[GatewayToolCall | None, W3CTraceModel | None]:
    """The gateway tool call and the trace context a handler would read from this (valid) client context.

    Raises ContextValidationError when the gateway's keys or the traceparent are wrong.
    """
    from . import trace_context
    from .agentcore import gateway_tool_call
    from .testing import make_lambda_context

    # The fake exposes the payload as the runtime would (w3c moved to w3c()); it was validated already.
    context = make_lambda_context(client_context=payload, validate=False)
    # Both readers run, so that one report names every key a handler could not read.
    errors: list[ContextValidationError] = []
    call = trace = None
    try:
        call = gateway_tool_call(context)
    except ContextValidationError as error:
        errors.append(error)
    try:
        trace = trace_context(context)
    except ContextValidationError as error:
        errors.append(error)
    if errors:
        problems = [problem for error in errors for problem in error.problems]
        raise capped(_CLIENT_CONTEXT, problems, sum(error.omitted for error in errors))
    return call, trace


def _read_as_text(read: tuple[GatewayToolCall | None, W3CTraceModel | None]) -> list[str]:
    call, trace = read
    found: dict[str, Any] = {}
    if call is not None:
        found["gateway_tool_call"] = {"target": call.target, "tool": call.tool}
    if trace is not None:
        found["trace_context"] = trace.model_dump(exclude_none=True)
    return _layout(found)


def _read_as_json(read: tuple[GatewayToolCall | None, W3CTraceModel | None]) -> dict[str, Any]:
    call, trace = read
    return {
        "gateway_tool_call": None
        if call is None
        else {"target": call.target, "tool": call.tool, **call.model_dump(mode="json", exclude_none=True)},
        "trace_context": None if trace is None else trace.model_dump(mode="json", exclude_none=True),
    }


# Input ---------------------------------------------------------------------------------------------------------------


def _read(path: str) -> bytes:
    """The bytes of ``path`` (``-``: standard input), at most one more than :data:`MAX_INPUT_BYTES`."""
    try:
        if path == "-":
            stdin: TextIO | None = sys.stdin
            if stdin is None:  # started with `<&-`: Python then has no stream at all
                raise _UsageError("cannot read standard input: it is closed")
            return stdin.buffer.read(MAX_INPUT_BYTES + 1)
        with open(path, "rb") as file:
            return file.read(MAX_INPUT_BYTES + 1)
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL byte, which only main(argv) can pass
        where = "standard input" if path == "-" else repr(path)
        raise _UsageError(f"cannot read {where}: {getattr(error, 'strerror', None) or error}") from None


def _detect_form(data: bytes) -> Form:
    """base64 when the text, leading and trailing whitespace aside, starts with a base64 character and is not a bare
    JSON scalar, NaN, Infinity or -Infinity; JSON otherwise (a JSON object always is). ``--help`` says the same."""
    text = data.strip()
    if text and text[0] in _BASE64_FIRST_BYTES and not _JSON_SCALAR.fullmatch(text):
        return "base64"
    return "JSON"


def _client_context(data: bytes, form: Form) -> ClientContextModel:
    """Parse a client context read in ``form``; every failure is a :class:`ContextValidationError`."""
    _refuse_oversize(data, _CLIENT_CONTEXT)
    from ._models import ClientContextModel, parse_client_context

    if form == "base64":
        return ClientContextModel.from_base64(data.strip())  # a trailing newline is the file's, not the payload's
    return parse_client_context(data)  # unstripped: the models name a byte order mark, and call blank text empty


def _identity(data: bytes) -> CognitoIdentityModel:
    """Parse a Cognito identity's JSON; every failure is a :class:`ContextValidationError`."""
    _refuse_oversize(data, _IDENTITY)
    from ._models import parse_cognito_identity

    return parse_cognito_identity(data)


def _refuse_oversize(data: bytes, what: PayloadKind) -> None:
    if len(data) > MAX_INPUT_BYTES:
        message = f"the input is larger than {MAX_INPUT_BYTES:,} bytes, far beyond any real {what}; not read further"
        raise ContextValidationError(what, (Problem("", message),))


def _check_portability(
    model: ClientContextModel,
    data: bytes,
    form: Form,
    runtimes: tuple[Runtime, ...],
    invocation_type: InvocationType | None,
) -> list[Finding]:
    """The report on the model validated already; the JSON text is passed for the order its keys were sent in."""
    from ._portability import check_parsed

    text = base64.b64decode(data.strip()) if form == "base64" else data
    return check_parsed(model, text, runtimes, invocation_type or "RequestResponse")


# Output --------------------------------------------------------------------------------------------------------------


def _validation_as_text(result: _Validation, *, strict: bool) -> list[str]:
    """The ``validate`` report for people: the fields laid out, or one ``path: message`` line per problem."""
    if result.error is not None:
        return str(result.error).splitlines()
    lines = [f"valid {result.what} ({result.form}, {result.size:,} bytes)"]
    lines += _layout(result.payload or {})
    lines += _read_as_text(result.read)
    if result.runtimes or result.findings:
        lines.append("")
    lines += [f"warning: {finding}" for finding in result.findings]
    if result.runtimes and not result.findings:
        lines.append(f"no portability findings for {', '.join(result.runtimes)}")
    elif strict and result.findings:
        count = len(result.findings)
        lines.append(f"--strict: {count} finding{'s' if count != 1 else ''}, exit status 1")
    return lines


def _validation_as_json(result: _Validation) -> dict[str, Any]:
    """The ``validate --json`` report: the same facts, as one object."""
    from dataclasses import asdict

    problems = result.error.problems if result.error is not None else ()
    return {
        "valid": result.error is None,
        "what": result.what,
        "form": result.form,
        "errors": [{"path": problem.path, "message": problem.message} for problem in problems],
        "omitted": result.error.omitted if result.error is not None else 0,
        "runtimes": list(result.runtimes),
        "findings": [asdict(finding) for finding in result.findings],
        "payload": result.payload,
        **_read_as_json(result.read),
    }


def _layout(payload: Mapping[str, Any]) -> list[str]:
    """Aligned ``key: value`` lines, one indented block per non-empty object; values written as JSON."""
    lines: list[str] = []
    for key, value in payload.items():
        section = _section(value)
        if section:
            width = max(len(_shown_key(name)) for name in section) + 1
            lines.append(f"{_shown_key(key)}:")
            lines += [
                f"  {(_shown_key(name) + ':').ljust(width)} {_json_value(item)}" for name, item in section.items()
            ]
        else:
            lines.append(f"{_shown_key(key)}: {_json_value(value)}")
    return lines


def _section(value: object) -> dict[str, Any] | None:
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _shown_key(key: str) -> str:
    """A key as error paths write it: as is when plain, else quoted (``["a b"]``), so spaces, colons and ``""`` show."""
    return join_path("", key)


def _json_value(value: object) -> str:
    # Compact JSON keeps strings quoted, so "null" the string and null the value read differently.
    return json.dumps(value, ensure_ascii=False)


def _say(stream: TextIO | None, *lines: str) -> None:
    """Write lines for people, with terminal control characters escaped."""
    for line in lines:
        _write(stream, _UNSAFE_IN_LINE.sub(_escape, line))


def _say_json(stream: TextIO, value: object) -> None:
    """Write ``value`` as indented JSON that stays valid whatever the stream can encode."""
    text = json.dumps(value, indent=2, ensure_ascii=not _is_utf8(stream))
    _write(stream, _UNSAFE_IN_JSON.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    # \uXXXX reads the same in a line of text and is a valid escape inside a JSON string.
    return f"\\u{ord(match.group()):04x}"


def _write(stream: TextIO | None, text: str) -> None:
    """Print ``text``, backslash-escaping what the stream cannot encode (an ASCII terminal, a lone surrogate)."""
    if stream is None:  # standard error closed from the start (`2>&-`); print(file=None) would write to stdout
        return
    encoding = _encoding(stream)
    print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def _encoding(stream: TextIO) -> str:
    encoding = cast("str | None", getattr(stream, "encoding", None)) or "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def _is_utf8(stream: TextIO) -> bool:
    return _encoding(stream) == "utf-8"


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so the interpreter's last flush cannot fail on the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no real file behind it (a test's capture): nothing to silence
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
