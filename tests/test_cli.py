"""The ``lambda-context`` command line: every command on valid, invalid, oversize, missing and hostile input.

Most tests call ``main(argv)`` in-process and read what it printed; a few run the installed script and
``python -m lambda_context_types`` in a subprocess, as a user would.
"""

from __future__ import annotations

import base64
import errno
import importlib
import io
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import fresh_python

from lambda_context_types import ContextValidationError, _cli
from lambda_context_types._cli import MAX_INPUT_BYTES, main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ANDROID = EXAMPLES / "android-client-context.json"
IOS = EXAMPLES / "ios-client-context.json"
IDENTITY = EXAMPLES / "cognito-identity.json"
INVALID = EXAMPLES / "invalid-client-context.json"
OTEL = EXAMPLES / "otel-client-context.json"
BASE64 = EXAMPLES / "client-context.b64"
INVOKE_LIMIT = 3583


class Result(NamedTuple):
    status: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``main`` with the given arguments (and bytes on standard input); check it printed no traceback."""

    def run(*argv: str | Path, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        status = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return Result(status, out, err)

    return run


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def strict_json(text: str) -> Any:
    """Parse ``text`` as RFC 8259 JSON: NaN and Infinity, which Python's json accepts, are refused."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def write(tmp_path: Path, data: bytes | str, name: str = "payload") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def oversize_for_invoke() -> dict[str, Any]:
    """A valid client context whose base64 is a little past the Invoke API's limit."""
    return {"custom": {"note": "x" * 2700}}


# validate ------------------------------------------------------------------------------------------------------------


def test_validate_lays_out_the_android_payload(cli: Cli) -> None:
    result = cli("validate", ANDROID)

    assert result.status == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == f"valid client context (JSON, {ANDROID.stat().st_size:,} bytes)"
    # The models' field order (client, custom, env, then keys they do not declare), whatever order the file has.
    assert lines[1:] == [
        "client:",
        '  installation_id:  "6f1c2b0e-8a53-4d7e-9c41-2f5b7a9d3e10"',
        '  app_title:        "Notes"',
        '  app_version_name: "2.4.1"',
        '  app_version_code: "241"',
        '  app_package_name: "com.example.notes"',
        "custom:",
        '  first_name: "Ada"',
        '  plan:       "pro"',
        "env:",
        '  platform:         "Android"',
        '  model:            "Pixel 8"',
        '  make:             "Google"',
        '  platform_version: "14"',
        '  locale:           "en_US"',
        "services:",
        '  mobile_analytics: {"app_id": "d5f0a7c3b2e14e6f9a8b7c6d5e4f3a2b"}',
    ]


def test_validate_keeps_the_ios_keys_the_runtime_does_not_know(cli: Cli) -> None:
    result = cli("validate", IOS)

    assert result.status == 0
    assert 'version: "1.0"' in result.out.splitlines()
    assert '  model_version:    "iPhone15,2"' in result.out.splitlines()
    assert "custom: {}" in result.out.splitlines()


def test_validate_detects_base64(cli: Cli) -> None:
    result = cli("validate", "--json", BASE64)

    assert result.status == 0
    report = strict_json(result.out)
    assert report["form"] == "base64"
    assert report["payload"] == load(ANDROID)


def test_validate_base64_header_line(cli: Cli) -> None:
    result = cli("validate", BASE64)

    assert result.status == 0
    assert result.out.splitlines()[0] == f"valid client context (base64, {BASE64.stat().st_size:,} bytes)"


def test_validate_identity(cli: Cli) -> None:
    result = cli("validate", "--identity", IDENTITY)

    assert result.status == 0
    assert result.out.splitlines() == [
        f"valid Cognito identity (JSON, {IDENTITY.stat().st_size:,} bytes)",
        'cognitoIdentityId: "us-east-1:2b6c4f1e-7d3a-4e59-8c0b-1a2d3e4f5a6b"',
        'cognitoIdentityPoolId: "us-east-1:9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0"',
    ]


def test_validate_identity_reports_a_wrong_type(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", "--identity", write(tmp_path, '{"cognitoIdentityId": 7, "cognitoIdentityPoolId": null}'))

    assert result.status == 1
    assert result.out.startswith("invalid Cognito identity: 1 problem\n")
    assert "  cognitoIdentityId: " in result.out


def test_invalid_payload_gives_one_line_per_problem_with_its_path(cli: Cli) -> None:
    result = cli("validate", INVALID)

    assert result.status == 1
    assert result.err == ""
    head, *problems = result.out.splitlines()
    assert head == f"invalid client context: {len(problems)} problems"
    paths = [line.strip().split(": ", 1)[0] for line in problems]
    assert all(line.startswith("  ") for line in problems)
    assert set(paths) == {
        "client.installation_id",
        "client.app_title",
        "client.app_version_code",
        "env.screen",
        "custom",
    }


def test_validate_json_report_of_a_valid_payload(cli: Cli) -> None:
    result = cli("validate", "--json", ANDROID)

    assert result.status == 0
    assert strict_json(result.out) == {
        "valid": True,
        "what": "client context",
        "form": "JSON",
        "errors": [],
        "omitted": 0,
        "runtimes": [],
        "findings": [],
        "payload": load(ANDROID),
        "gateway_tool_call": None,
        "trace_context": None,
    }


def test_validate_json_report_of_an_invalid_payload(cli: Cli) -> None:
    result = cli("validate", "--json", INVALID)

    assert result.status == 1
    report = strict_json(result.out)
    assert report["valid"] is False
    assert report["payload"] is None
    assert {error["path"] for error in report["errors"]} >= {"client.installation_id", "custom"}
    assert all(set(error) == {"path", "message"} and error["message"] for error in report["errors"])


def test_validate_json_counts_the_problems_it_does_not_list(cli: Cli, tmp_path: Path) -> None:
    from lambda_context_types import parse_client_context

    text = json.dumps({"env": {f"k{i}": i for i in range(30)}})
    with pytest.raises(ContextValidationError) as caught:
        parse_client_context(text)
    assert caught.value.omitted > 0

    report = strict_json(cli("validate", "--json", write(tmp_path, text)).out)

    assert len(report["errors"]) == len(caught.value.problems)
    assert report["omitted"] == caught.value.omitted
    assert len(report["errors"]) + report["omitted"] == 30


def test_validate_reads_standard_input(cli: Cli) -> None:
    result = cli("validate", "--json", "-", stdin=BASE64.read_bytes())

    assert result.status == 0
    assert strict_json(result.out)["payload"] == load(ANDROID)


def test_validate_refuses_input_past_the_cap_unread(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, b'{"custom": {"a": "' + b"x" * MAX_INPUT_BYTES + b'"}}')

    text = cli("validate", path)
    report = cli("validate", "--json", path)

    assert text.status == report.status == 1
    assert f"{MAX_INPUT_BYTES:,} bytes" in text.out
    assert strict_json(report.out)["errors"][0]["path"] == ""


def test_validate_refuses_endless_standard_input(cli: Cli) -> None:
    result = cli("validate", "-", stdin=b" " * (MAX_INPUT_BYTES + 1))

    assert result.status == 1
    assert f"{MAX_INPUT_BYTES:,} bytes" in result.out


def test_json_past_the_invoke_limit_is_valid_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(oversize_for_invoke()))
    refused = cli("encode", path)
    assert refused.status == 1

    text = cli("validate", path)
    strict = cli("validate", "--strict", path)
    report = strict_json(cli("validate", "--json", path).out)

    assert text.status == 0
    warnings = [line for line in text.out.splitlines() if line.startswith("warning: ")]
    # The same words encode refuses with, as a warning: the payload is valid, it just cannot be sent this way.
    refusal = refused.err.splitlines()[1].removeprefix("  (top level): ")
    assert warnings == [
        f"warning: invoke: (top level): too large: {refusal} (fix: move the data into the event payload)"
    ]
    assert strict.status == 1
    assert strict.out.splitlines()[-1].startswith("--strict: ")
    assert report["valid"] is True
    assert report["runtimes"] == []
    assert [(f["runtime"], f["effect"]) for f in report["findings"]] == [("invoke", "too large")]


def test_json_within_the_invoke_limit_has_no_warning(cli: Cli) -> None:
    result = cli("validate", ANDROID)

    assert not [line for line in result.out.splitlines() if line.startswith("warning: ")]
    assert result.out.splitlines()[-1] != ""


def test_a_base64_payload_past_the_invoke_limit_is_invalid(cli: Cli, tmp_path: Path) -> None:
    encoded = base64.b64encode(json.dumps(oversize_for_invoke()).encode())
    assert len(encoded) > INVOKE_LIMIT

    result = cli("validate", write(tmp_path, encoded))

    assert result.status == 1
    assert "3,583" in result.out or "3583" in result.out


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"\x00\x01\x02",
        bytes(range(256)),
        b"\xff\xfe{",
        b'{"client": {"app_title": "\xff"}}',
        b"[" * 100_000,
        b'{"custom": ' * 100_000,
        b'{"custom": {"a": "\\ud800"}}',
        b'{"\\udfff": {"\\ud800": 1}}',
        b'{"custom": {"n": 1e999}}',
        b'{"custom": {"n": NaN}}',
        b"\xef\xbb\xbf{}",
        b"null",
        b"1234",
        b"[]",
        b'"x"',
        b"not base64 at all!",
        b"====",
        b"e30",
        b"e30=\n\n",
        b"eyJjbGllbnQiOiA1fQ==",
        b"-_-_",
        b'{"client": "x"}',
        b'{"a": 1, "a": 2}',
    ],
    ids=repr,
)
@pytest.mark.parametrize("mode", [[], ["--json"], ["--identity"], ["--runtime", "all"]])
def test_validate_never_crashes(cli: Cli, tmp_path: Path, data: bytes, mode: list[str]) -> None:
    result = cli("validate", *mode, write(tmp_path, data))

    assert result.status in (0, 1)
    assert result.err == ""
    if "--json" in mode:
        report = strict_json(result.out)
        assert report["valid"] is (result.status == 0)
        assert report["errors"] or report["valid"]


@pytest.mark.parametrize(
    ("data", "form"),
    [
        (b"e30=", "base64"),
        (b"  \n e30=\n", "base64"),
        (b"-_-_", "base64"),
        (b"+/+/", "base64"),
        (b"{}", "JSON"),
        (b"[]", "JSON"),
        (b'"e30="', "JSON"),
        (b"null", "JSON"),
        (b"true", "JSON"),
        (b"-12.5e3", "JSON"),
        (b"1234", "JSON"),
        (b"NaN", "JSON"),
        (b"Infinity", "JSON"),
        (b" \t-Infinity\n", "JSON"),
        (b"\xef\xbb\xbf{}", "JSON"),
        (b"\xef\xbb\xbfe30=", "JSON"),
    ],
    ids=repr,
)
def test_input_detection(cli: Cli, tmp_path: Path, data: bytes, form: str) -> None:
    assert strict_json(cli("validate", "--json", write(tmp_path, data)).out)["form"] == form


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_json_constant_gets_a_json_error_not_a_base64_one(cli: Cli, tmp_path: Path, constant: str) -> None:
    result = cli("validate", write(tmp_path, f" {constant}\n"))

    assert result.status == 1
    assert "JSON object" in result.out
    assert constant in result.out
    assert "base64" not in result.out


def test_a_byte_order_mark_reaches_the_models_message(cli: Cli, tmp_path: Path) -> None:
    from lambda_context_types import parse_client_context

    data = b"\xef\xbb\xbf{}"
    with pytest.raises(ContextValidationError) as caught:
        parse_client_context(data)

    for command in ("validate", "encode"):
        result = cli(command, write(tmp_path, data))
        assert result.status == 1
        assert (result.out or result.err).splitlines() == str(caught.value).splitlines()


@pytest.mark.parametrize("data", [b"", b" ", b"\n\n", b" \t\r\n"], ids=repr)
@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["validate"], "client context"),
        (["validate", "--identity"], "Cognito identity"),
        (["encode"], "client context"),
        (["decode"], "client context"),
    ],
)
def test_blank_input_is_empty(cli: Cli, tmp_path: Path, data: bytes, argv: list[str], what: str) -> None:
    result = cli(*argv, write(tmp_path, data))

    assert result.status == 1
    assert f"(top level): empty text: a {what} is a JSON object" in result.out + result.err


def test_validate_quotes_keys_the_way_error_paths_do(cli: Cli, tmp_path: Path) -> None:
    payload = {"custom": {"a b": "1", "a.b": "2", "": "3", "plain_key-1": "4"}, "x y": "5"}

    result = cli("validate", write(tmp_path, json.dumps(payload)))

    assert result.status == 0
    assert result.out.splitlines()[1:] == [
        "custom:",
        '  ["a b"]:     "1"',
        '  ["a.b"]:     "2"',
        '  [""]:        "3"',
        '  plain_key-1: "4"',
        '["x y"]: "5"',
    ]


def test_validate_escapes_terminal_controls_from_the_payload(cli: Cli, tmp_path: Path) -> None:
    payload = {"custom": {"\x1b[31mred": "\u202eevil\x07", "ok": "caf\u00e9"}}

    result = cli("validate", write(tmp_path, json.dumps(payload)))

    assert result.status == 0
    assert "\x1b" not in result.out
    assert "\u202e" not in result.out
    assert "\x07" not in result.out
    assert "\\u001b[31mred" in result.out
    assert '"caf\u00e9"' in result.out


def test_validate_json_escapes_terminal_controls_and_stays_exact(cli: Cli, tmp_path: Path) -> None:
    payload = {"custom": {"k": "\u009b2J\u202e", "\u2066key": "x"}}

    result = cli("validate", "--json", write(tmp_path, json.dumps(payload)))

    assert result.status == 0
    assert "\u009b" not in result.out
    assert "\u202e" not in result.out
    assert strict_json(result.out)["payload"] == payload


# validate --runtime (the portability report) -------------------------------------------------------------------------


def test_runtime_findings_are_warnings_and_do_not_fail(cli: Cli) -> None:
    result = cli("validate", "--runtime", "python", OTEL)

    assert result.status == 0
    warnings = [line for line in result.out.splitlines() if line.startswith("warning: ")]
    assert warnings
    assert all(line.startswith("warning: python: Custom") for line in warnings)


def test_strict_turns_findings_into_exit_1(cli: Cli) -> None:
    result = cli("validate", "--runtime", "python", "--strict", OTEL)

    assert result.status == 1
    assert result.out.splitlines()[-1].startswith("--strict: ")


def test_strict_alone_checks_every_runtime(cli: Cli) -> None:
    result = cli("validate", "--strict", "--json", OTEL)

    assert result.status == 1
    report = strict_json(result.out)
    assert report["valid"] is True
    assert report["runtimes"] == ["python", "node", "go", "java", "dotnet", "rust"]
    assert {finding["runtime"] for finding in report["findings"]} == {"python", "java", "dotnet", "rust"}


@pytest.mark.parametrize("runtime", ["go", "node"])
def test_runtimes_that_read_capital_custom_report_nothing(cli: Cli, runtime: str) -> None:
    result = cli("validate", "--runtime", runtime, "--strict", OTEL)

    assert result.status == 0
    assert result.out.splitlines()[-1] == f"no portability findings for {runtime}"


def test_runtime_findings_as_json(cli: Cli) -> None:
    result = cli("validate", "--json", "--runtime", "rust", "--runtime", "go", ANDROID)

    assert result.status == 0
    report = strict_json(result.out)
    assert report["runtimes"] == ["go", "rust"]
    assert report["findings"]
    for finding in report["findings"]:
        assert finding["runtime"] in {"go", "rust", "invoke"}
        assert {"runtime", "path", "effect", "message", "fix"} <= set(finding)


def test_runtime_all_means_every_runtime(cli: Cli) -> None:
    result = cli("validate", "--json", "--runtime", "go", "--runtime", "all", ANDROID)

    assert strict_json(result.out)["runtimes"] == ["python", "node", "go", "java", "dotnet", "rust"]


def test_an_event_invocation_does_not_carry_the_client_context(cli: Cli) -> None:
    result = cli("validate", "--json", "--invocation-type", "Event", "--runtime", "node", ANDROID)

    assert result.status == 0
    assert [finding["runtime"] for finding in strict_json(result.out)["findings"]] == ["invoke"]


def test_runtime_and_invocation_type_choices_come_from_the_report(cli: Cli) -> None:
    from lambda_context_types import RUNTIMES

    text = cli("validate", "--help").out

    assert f"{', '.join(RUNTIMES)} or all" in " ".join(text.split())
    assert "RequestResponse, Event, DryRun" in " ".join(text.split())


def test_go_findings_follow_the_order_of_the_file(cli: Cli, tmp_path: Path) -> None:
    # The layout shows the model's order; the report works on the text, where "custom" comes later and wins in Go.
    path = write(tmp_path, '{"Custom": {"a": "1"}, "custom": {"a": "2"}}')
    encoded = write(tmp_path, base64.b64encode(path.read_bytes()), "payload.b64")

    for source in (path, encoded):
        findings = strict_json(cli("validate", "--json", "--runtime", "go", source).out)["findings"]
        assert [(f["path"], f["effect"]) for f in findings] == [("custom", "merged")]


def test_validate_parses_its_input_once(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The portability report runs on the model validate already has; the text is read again only for its key order,
    # and only when a runtime's rules need it.
    from lambda_context_types import _models

    calls: list[str] = []

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            calls.append(name)
            return function(*args)

        return wrapper

    model = _models.ClientContextModel
    monkeypatch.setattr(_models, "parse_client_context", counted("parse", _models.parse_client_context))
    monkeypatch.setattr(model, "from_base64", counted("parse", model.from_base64))
    monkeypatch.setattr(json, "loads", counted("key order", json.loads))
    path = write(tmp_path, '{"custom": {"a": "1"}, "Custom": {"a": "2"}}')
    encoded = write(tmp_path, base64.b64encode(path.read_bytes()), "payload.b64")

    for source in (path, encoded):
        assert cli("validate", "--strict", source).status == 1
        assert calls == ["parse", "key order"]
        calls.clear()
        assert cli("validate", source).status == 0
        assert calls == ["parse"]
        calls.clear()


# usage and I/O errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["validate"],
        ["frobnicate"],
        ["validate", "--bogus", "x"],
        ["validate", "--runtime", "cobol", "x"],
        ["validate", "--invocation-type", "Sometimes", "x"],
        ["schema", "extra"],
        ["encode", "--json", "x"],
    ],
    ids=" ".join,
)
def test_bad_usage_exits_2_with_the_usage_line(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)

    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith("usage: lambda-context")


@pytest.mark.parametrize("flags", [["--runtime", "go"], ["--strict"], ["--invocation-type", "Event"]])
def test_portability_flags_do_not_apply_to_an_identity(cli: Cli, flags: list[str]) -> None:
    result = cli("validate", "--identity", *flags, IDENTITY)

    assert result.status == 2
    assert result.err.startswith("lambda-context: error: ")


def test_help_exits_0(cli: Cli) -> None:
    result = cli("--help")

    assert result.status == 0
    assert all(command in result.out for command in ("validate", "encode", "decode", "schema"))


def test_version_is_the_distribution_version(cli: Cli) -> None:
    from importlib.metadata import version

    result = cli("--version")

    assert result.status == 0
    assert result.out.strip() == f"lambda-context {version('lambda-context-types')}"


@pytest.mark.parametrize("command", ["validate", "encode", "decode"])
def test_missing_file_exits_2(cli: Cli, tmp_path: Path, command: str) -> None:
    result = cli(command, tmp_path / "nope.json")

    assert result.status == 2
    assert result.out == ""
    assert (
        result.err == f"lambda-context: error: cannot read {str(tmp_path / 'nope.json')!r}: No such file or directory\n"
    )


@pytest.mark.parametrize("command", ["validate", "encode", "decode"])
def test_a_directory_exits_2(cli: Cli, tmp_path: Path, command: str) -> None:
    result = cli(command, tmp_path)

    assert result.status == 2
    assert result.err.startswith(f"lambda-context: error: cannot read {str(tmp_path)!r}: ")


class _FailingStream(io.StringIO):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def write(self, s: str, /) -> int:
        raise self.error


def test_a_closed_output_pipe_is_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _FailingStream(BrokenPipeError(errno.EPIPE, "Broken pipe")))

    assert main(["validate", str(ANDROID)]) == 2
    assert capsys.readouterr().err == ""


def test_a_failed_write_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _FailingStream(OSError(errno.ENOSPC, "No space left on device")))

    assert main(["schema"]) == 2
    assert capsys.readouterr().err == "lambda-context: error: cannot write the output: No space left on device\n"


def test_ctrl_c_exits_130(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    class Interrupted(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Interrupted()))

    assert cli("validate", "-").status == 130


def test_a_bug_is_one_line_and_exit_70(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(payload: object) -> list[str]:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(_cli, "_layout", broken)

    result = cli("validate", ANDROID)

    assert result.status == 70
    assert result.err == "lambda-context: internal error (a bug, please report it): RuntimeError: layout exploded\n"


# encode and decode ---------------------------------------------------------------------------------------------------


def test_encode_gives_the_invoke_api_base64(cli: Cli) -> None:
    result = cli("encode", ANDROID)

    assert result.status == 0
    assert result.err == ""
    encoded = result.out.strip()
    assert result.out == encoded + "\n"
    assert json.loads(base64.b64decode(encoded, validate=True)) == load(ANDROID)
    assert len(encoded) <= INVOKE_LIMIT


def test_encode_then_decode_round_trips(cli: Cli) -> None:
    encoded = cli("encode", IOS).out

    result = cli("decode", "-", stdin=encoded.encode())

    assert result.status == 0
    assert json.loads(result.out) == load(IOS)


def test_encoding_is_stable(cli: Cli) -> None:
    first = cli("encode", ANDROID).out
    decoded = cli("decode", "-", stdin=first.encode()).out

    assert cli("encode", "-", stdin=decoded.encode()).out == first


def test_encode_refuses_past_the_invoke_limit_with_limit_and_size(cli: Cli, tmp_path: Path) -> None:
    payload = oversize_for_invoke()
    size = len(base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()))

    result = cli("encode", write(tmp_path, json.dumps(payload)))

    assert result.status == 1
    assert result.out == ""
    assert "3,583" in result.err or "3583" in result.err
    assert f"{size:,}" in result.err or str(size) in result.err


def test_encode_reports_each_problem_on_stderr(cli: Cli) -> None:
    result = cli("encode", INVALID)

    assert result.status == 1
    assert result.out == ""
    assert result.err.startswith("invalid client context: ")
    assert "  client.installation_id: " in result.err


def test_encode_wants_json(cli: Cli) -> None:
    result = cli("encode", BASE64)

    assert result.status == 1
    assert result.out == ""


def test_decode_prints_the_json(cli: Cli) -> None:
    result = cli("decode", BASE64)

    assert result.status == 0
    assert result.err == ""
    assert json.loads(result.out) == load(ANDROID)


def test_decode_keeps_unicode_readable(cli: Cli, tmp_path: Path) -> None:
    payload = {"client": {"app_title": "Caf\u00e9 \u2615"}}
    path = write(tmp_path, base64.b64encode(json.dumps(payload).encode()))

    result = cli("decode", path)

    assert result.status == 0
    assert "Caf\u00e9 \u2615" in result.out


@pytest.mark.parametrize("data", [b"", b"!!!!", b"e30", b"{}", bytes(range(256)), b"////"], ids=repr)
def test_decode_refuses_what_is_not_base64_json(cli: Cli, tmp_path: Path, data: bytes) -> None:
    result = cli("decode", write(tmp_path, data))

    assert result.status == 1
    assert result.out == ""
    assert result.err.startswith("invalid client context: ")


def test_decode_validates_what_it_decodes(cli: Cli, tmp_path: Path) -> None:
    result = cli("decode", write(tmp_path, base64.b64encode(INVALID.read_bytes())))

    assert result.status == 1
    assert "  custom: " in result.err


# schema --------------------------------------------------------------------------------------------------------------


def test_schema_of_the_client_context(cli: Cli) -> None:
    result = cli("schema")

    assert result.status == 0
    schema = strict_json(result.out)
    assert schema["type"] == "object"
    assert {"client", "custom", "env"} <= set(schema["properties"])


def test_schema_of_the_identity_uses_the_wire_names(cli: Cli) -> None:
    result = cli("schema", "--identity")

    assert result.status == 0
    assert set(strict_json(result.out)["properties"]) >= {"cognitoIdentityId", "cognitoIdentityPoolId"}


# the example payloads ------------------------------------------------------------------------------------------------


def test_examples_are_shaped_like_the_android_sdk() -> None:
    # aws-amplify/aws-sdk-android, aws-android-sdk-lambda/.../mobileconnectors/util/ClientContext.java:
    # getClientInfo and getDeviceInfo.
    payload = load(ANDROID)
    assert list(payload["client"]) == [
        "installation_id",
        "app_version_name",
        "app_version_code",
        "app_package_name",
        "app_title",
    ]
    assert list(payload["env"]) == ["platform", "model", "make", "platform_version", "locale"]
    assert payload["env"]["platform"] == "Android"


def test_examples_are_shaped_like_the_ios_sdk() -> None:
    # aws-amplify/aws-sdk-ios, AWSCore/Service/AWSClientContext.m: dictionaryRepresentation.
    payload = load(IOS)
    assert list(payload) == ["version", "client", "env", "custom", "services"]
    assert set(payload["client"]) == {
        "installation_id",
        "app_package_name",
        "app_version_name",
        "app_version_code",
        "app_title",
    }
    assert set(payload["env"]) == {"model", "model_version", "make", "platform", "platform_version", "locale"}
    assert payload["env"]["make"] == "apple"


@pytest.mark.parametrize("path", [ANDROID, IOS])
def test_the_real_runtime_reads_the_examples(path: Path) -> None:
    payload = load(path)

    bootstrap: Any = importlib.import_module("awslambdaric.bootstrap")  # untyped; only lambda_context has stubs

    context = bootstrap.create_lambda_context(path.read_text(), IDENTITY.read_text(), 0, "id", "arn", None)

    client = context.client_context.client
    assert {name: getattr(client, name) for name in payload["client"]} == payload["client"]
    assert context.client_context.env == payload["env"]
    assert context.identity.cognito_identity_id == load(IDENTITY)["cognitoIdentityId"]


def test_the_base64_example_is_the_android_example() -> None:
    assert json.loads(base64.b64decode(BASE64.read_bytes().strip(), validate=True)) == load(ANDROID)


# as a user runs it ---------------------------------------------------------------------------------------------------


def _script() -> Path:
    scripts = Path(sysconfig.get_path("scripts"))
    path = scripts / ("lambda-context.exe" if os.name == "nt" else "lambda-context")
    if not path.exists():
        pytest.fail(f"the lambda-context script is not installed in {scripts}")
    return path


def test_the_installed_script(tmp_path: Path) -> None:
    completed = subprocess.run(
        [_script(), "validate", ANDROID], capture_output=True, text=True, check=False, timeout=60
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("valid client context (JSON, ")
    assert completed.stderr == ""


def test_python_dash_m(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "lambda_context_types", "decode", "-"],
        input=BASE64.read_bytes(),
        capture_output=True,
        check=False,
        timeout=60,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == load(ANDROID)


def test_an_ascii_terminal_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    payload = {"client": {"app_title": "Caf\u00e9 \u2615"}}
    path = write(tmp_path, json.dumps(payload, ensure_ascii=False))
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}

    def run(*argv: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "lambda_context_types", *argv, str(path)]
        return subprocess.run(command, capture_output=True, env=env, check=False, timeout=60)

    text, as_json = run("validate"), run("validate", "--json")

    assert text.returncode == as_json.returncode == 0
    assert b"Caf\\xe9 \\u2615" in text.stdout
    assert strict_json(as_json.stdout.decode("ascii"))["payload"] == payload


def test_a_reader_that_goes_away_leaves_no_traceback() -> None:
    process = subprocess.Popen([_script(), "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # before the child has written anything
    stderr = process.stderr.read()
    process.stderr.close()

    assert process.wait(timeout=60) == 2  # the child starts long after the close, so its first write fails
    assert stderr == b""


# A stream closed when the script starts (`<&-`, `>&-`, `2>&-`) is None in Python, not a stream that fails.
posix_shell = pytest.mark.skipif(os.name == "nt", reason="closing a descriptor with the POSIX shell's <&-")


def _sh(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/sh", "-c", command, "sh", str(_script())], capture_output=True, text=True, check=False, timeout=60
    )


@posix_shell
def test_closed_standard_input_exits_2() -> None:
    completed = _sh('"$1" validate - <&-')

    assert completed.returncode == 2
    assert completed.stderr == "lambda-context: error: cannot read standard input: it is closed\n"


@posix_shell
def test_closed_standard_output_exits_2() -> None:
    completed = _sh(f'"$1" validate {ANDROID} >&-')

    assert completed.returncode == 2
    assert completed.stderr == "lambda-context: error: cannot write the output: standard output is closed\n"


@posix_shell
def test_closed_standard_error_keeps_errors_out_of_standard_output() -> None:
    completed = _sh('"$1" validate /nonexistent/payload.json 2>&-')

    assert completed.returncode == 2
    assert completed.stdout == ""


def test_the_script_help_does_not_import_pydantic() -> None:
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    completed = subprocess.run([_script(), "--help"], capture_output=True, text=True, env=env, check=False, timeout=60)

    assert completed.returncode == 0
    assert "lambda_context_types._portability" in completed.stderr  # the import log is really there
    assert "pydantic" not in completed.stderr


def test_help_does_not_import_pydantic() -> None:
    code = (
        "import sys\n"
        "from lambda_context_types._cli import main\n"
        "assert main(['--help']) == 0\n"
        "assert main(['validate', '--bogus']) == 2\n"
        "print('pydantic' in sys.modules)\n"
    )
    output = fresh_python(code)

    assert output.splitlines()[-1] == "False"


def test_a_path_python_cannot_open_is_an_io_error(cli: Cli) -> None:
    # Only main(argv) can pass a NUL byte; open() refuses it with ValueError, not OSError.
    result = cli("validate", "a\x00b")

    assert result.status == 2
    assert "cannot read" in result.err
