"""The cross-runtime portability report: every rule with a payload that triggers it and one that does not, the
issue's acceptance examples, and the Python rules checked against the real awslambdaric runtime."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Mapping
from typing import Any, cast

import pytest
from awslambdaric.lambda_context import LambdaContext as RuntimeContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_context_types import RUNTIMES, ContextValidationError, Finding, Runtime, check_portability

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
FULL_CLIENT = {
    "installation_id": "6d9a2b3c-0000-4000-8000-000000000001",
    "app_title": "Notes",
    "app_version_name": "1.4.2",
    "app_version_code": "42",
    "app_package_name": "com.example.notes",
}
CLIENT_FIELDS = tuple(FULL_CLIENT)


def by_runtime(findings: list[Finding]) -> dict[str, set[tuple[str, str]]]:
    result: dict[str, set[tuple[str, str]]] = {}
    for finding in findings:
        result.setdefault(finding.runtime, set()).add((finding.path, finding.effect))
    return result


# --- the "Done when" ----------------------------------------------------------------------------------------


def test_capital_custom_warns_for_python_java_dotnet_and_rust_only() -> None:
    findings = by_runtime(check_portability({"Custom": {"traceparent": TRACEPARENT}}))

    assert set(findings) == {"python", "java", "dotnet", "rust"}
    for runtime in ("python", "java", "dotnet", "rust"):
        assert ("Custom", "dropped") in findings[runtime]


def test_nested_custom_value_warns_for_java_but_not_python_or_node() -> None:
    findings = by_runtime(check_portability({"custom": {"otel": {"traceparent": TRACEPARENT}}}))

    assert ("custom.otel", "fails") in findings["java"]
    assert "python" not in findings
    assert "node" not in findings


def test_app_version_name_warns_for_go() -> None:
    findings = by_runtime(check_portability({"client": {"app_version_name": "1.4.2"}}, ["go"]))

    assert findings == {"go": {("client.app_version_name", "dropped")}}


# --- one rule, one payload that triggers it and one that does not ----------------------------------------------------

W3C = {"traceparent": TRACEPARENT, "baggage": "userId=alice"}

RULES: list[tuple[str, dict[str, Any], str, str, dict[str, Any]]] = [
    # runtime, payload that triggers the rule, path, effect, payload that does not
    ("python", {"Custom": {"a": "b"}}, "Custom", "dropped", {"custom": {"a": "b"}}),
    ("python", {"version": "1.0"}, "version", "dropped", {"custom": {"version": "1.0"}}),
    ("python", {"services": {"analytics": {"app_id": "x"}}}, "services", "dropped", {"custom": {"app_id": "x"}}),
    ("python", {"client": {"client_id": "x"}}, "client.client_id", "dropped", {"client": {"installation_id": "x"}}),
    ("python", {"client": {"appTitle": "x"}}, "client.appTitle", "dropped", {"client": {"app_title": "x"}}),
    ("python", {"w3c": W3C}, "w3c", "moved", {"w3c": {"unknown": "x"}}),
    ("python", {"w3c": {**W3C, "x-other": "1"}}, "w3c.x-other", "dropped", {"w3c": W3C}),
    ("python", {"w3c": {"traceparent": None}}, "w3c.traceparent", "dropped", {"w3c": {"traceparent": TRACEPARENT}}),
    ("python", {"w3c": None}, "w3c", "dropped", {}),
    ("node", {"w3c": W3C}, "w3c", "moved", {"custom": W3C}),
    ("node", {"w3c": {**W3C, "x-other": "1"}}, "w3c.x-other", "dropped", {"custom": {"x-other": "1"}}),
    ("node", {"custom": {"id": 2**53}}, "custom.id", "rounded", {"custom": {"id": 2**53 - 1}}),
    ("node", {"custom": {"ids": [1, -(2**60)]}}, "custom.ids[1]", "rounded", {"custom": {"ids": [1, 2]}}),
    ("go", {"client": {"app_version_name": "1"}}, "client.app_version_name", "dropped", {"client": {"app_title": "t"}}),
    ("go", {"client": {"client_id": "x"}}, "client.client_id", "dropped", {"client": {"INSTALLATION_ID": "x"}}),
    ("go", {"version": "1.0"}, "version", "dropped", {"Custom": {"version": "1.0"}}),
    ("go", {"custom": {"a": "1"}, "Custom": {"b": "2"}}, "Custom", "merged", {"Custom": {"a": "1", "b": "2"}}),
    (
        "go",
        {"client": {"app_title": "a", "App_Title": "b"}},
        "client.App_Title",
        "merged",
        {"client": {"App_Title": "b"}},
    ),
    ("go", {"env": {"locale": None}}, "env.locale", "stringified", {"env": {"locale": "en_US"}}),
    ("go", {"custom": {"n": 1}}, "custom.n", "stringified", {"custom": {"n": "1"}}),
    ("go", {"custom": {"o": {"a": "b"}}}, "custom.o", "stringified", {"custom": {"o": '{"a":"b"}'}}),
    ("go", {"custom": {"n": None}}, "custom.n", "stringified", {"custom": {"n": ""}}),
    ("go", {"w3c": W3C}, "w3c", "moved", {"custom": W3C}),
    ("java", {"Custom": {"a": "b"}}, "Custom", "dropped", {"custom": {"a": "b"}}),
    ("java", {"services": {}}, "services", "dropped", {"custom": {}}),
    ("java", {"client": {"client_id": "x"}}, "client.client_id", "dropped", {"client": {"installation_id": "x"}}),
    ("java", {"custom": {"o": {"a": "b"}}}, "custom.o", "fails", {"custom": {"o": '{"a":"b"}'}}),
    ("java", {"custom": {"l": ["a"]}}, "custom.l", "fails", {"custom": {"l": "a"}}),
    ("java", {"custom": {"n": 5}}, "custom.n", "stringified", {"custom": {"n": "5"}}),
    ("java", {"custom": {"b": True}}, "custom.b", "stringified", {"custom": {"b": None}}),
    ("java", {"w3c": W3C}, "w3c", "moved", {"custom": W3C}),
    ("dotnet", {"Custom": {"a": "b"}}, "Custom", "dropped", {"custom": {"a": "b"}}),
    ("dotnet", {"client": {"client_id": "x"}}, "client.client_id", "dropped", {"client": {"installation_id": "x"}}),
    ("dotnet", {"custom": {"o": {"a": 1}}}, "custom.o", "stringified", {"custom": {"o": '{"a":1}'}}),
    ("dotnet", {"custom": {"b": False}}, "custom.b", "stringified", {"custom": {"b": "False"}}),
    ("dotnet", {"custom": {"z": None}}, "custom.z", "stringified", {"custom": {"z": ""}}),
    ("dotnet", {"env": {"z": None}}, "env.z", "stringified", {"env": {"z": ""}}),
    ("dotnet", {"client": None}, "client", "fails", {"client": {}}),
    ("dotnet", {"custom": None}, "custom", "fails", {"custom": {}}),
    ("dotnet", {"env": None}, "env", "fails", {"env": {}}),
    ("dotnet", {"w3c": W3C}, "w3c", "moved", {"custom": W3C}),
    ("rust", {"Custom": {"a": "b"}}, "Custom", "dropped", {"custom": {"a": "b"}}),
    ("rust", {"env": {"platform": "Android"}}, "env", "dropped", {"environment": {"platform": "Android"}}),
    ("rust", {"w3c": W3C}, "w3c", "dropped", {"custom": W3C}),
    ("rust", {"client": {}}, "client.installation_id", "fails", {"client": FULL_CLIENT}),
    ("rust", {"client": {**FULL_CLIENT, "app_title": None}}, "client.app_title", "fails", {"client": FULL_CLIENT}),
    ("rust", {"client": {**FULL_CLIENT, "appTitle": "t"}}, "client.app_title", "fails", {"client": FULL_CLIENT}),
    ("rust", {"client": {**FULL_CLIENT, "client_id": "x"}}, "client.client_id", "dropped", {"client": FULL_CLIENT}),
    ("rust", {"client": None}, "client", "fails", {}),
    ("rust", {"custom": None}, "custom", "fails", {"custom": {}}),
    ("rust", {"custom": {"n": 1}}, "custom.n", "fails", {"custom": {"n": "1"}}),
    ("rust", {"custom": {"n": None}}, "custom.n", "fails", {"custom": {"n": "null"}}),
    ("rust", {"environment": {"n": None}}, "environment.n", "fails", {"environment": {"n": "x"}}),
]


@pytest.mark.parametrize(
    ("runtime", "trigger", "path", "effect", "clean"),
    RULES,
    ids=[f"{case[0]}-{case[2]}-{case[3]}" for case in RULES],
)
def test_rule(runtime: str, trigger: dict[str, Any], path: str, effect: str, clean: dict[str, Any]) -> None:
    hit = by_runtime(check_portability(trigger)).get(runtime, set())
    miss = by_runtime(check_portability(clean)).get(runtime, set())

    assert (path, effect) in hit
    assert (path, effect) not in miss


def test_rust_accepts_the_camel_case_client_spelling() -> None:
    camel = {
        "installationId": "i",
        "appTitle": "t",
        "appVersionName": "n",
        "appVersionCode": "c",
        "appPackageName": "p",
    }

    assert check_portability({"client": camel}, ["rust"]) == []
    assert {f.path for f in check_portability({"client": camel}, ["python"])} == {f"client.{k}" for k in camel}


def test_a_string_only_custom_map_arrives_intact_everywhere() -> None:
    assert check_portability({"custom": {"tenant": "acme", "trace": TRACEPARENT}}) == []
    assert check_portability({}) == []


def test_the_android_sdk_payload() -> None:
    android = {
        "client": FULL_CLIENT,
        "env": {
            "platform": "Android",
            "model": "Pixel 8",
            "make": "Google",
            "platform_version": "14",
            "locale": "en_US",
        },
        "custom": {"plan": "pro"},
        "services": {"mobile_analytics": {"app_id": "abc"}},
    }
    findings = by_runtime(check_portability(android))

    assert findings["python"] == {("services", "dropped")}
    assert "node" not in findings
    assert findings["go"] == {("services", "dropped"), ("client.app_version_name", "dropped")}
    assert findings["java"] == {("services", "dropped")}
    assert findings["dotnet"] == {("services", "dropped")}
    assert findings["rust"] == {("services", "dropped"), ("env", "dropped")}


def test_messages_are_specific() -> None:
    (custom,) = check_portability({"Custom": {"a": "b"}}, ["python"])
    assert custom.fix == "send it as 'custom'"
    assert "case-sensitive" in custom.message

    (client_id,) = check_portability({"client": {"client_id": "x"}}, ["java"])
    assert client_id.fix == "send it as 'installation_id'"

    (flag,) = check_portability({"custom": {"b": True}}, ["java"])
    assert "'true'" in flag.message
    (flag,) = check_portability({"custom": {"b": True}}, ["dotnet"])
    assert "'True'" in flag.message


@pytest.mark.parametrize("runtime", ["java", "dotnet"])
def test_a_stringified_number_is_not_quoted_as_python_rewrote_it(runtime: Runtime) -> None:
    # Both runtimes keep the literal as it was written, which Python's reading (1E2 -> 100.0) has already lost.
    (number,) = check_portability('{"custom": {"n": 1E2}}', runtime)

    assert number.effect == "stringified"
    assert "as sent" in number.message
    assert "100" not in number.message


def test_the_python_w3c_fix_names_where_w3c_exists() -> None:
    (moved,) = check_portability({"w3c": W3C}, "python")

    assert moved.fix is not None
    assert "awslambdaric 4.2" in moved.fix
    assert "lambda_context_types.testing.FakeLambdaContext" in moved.fix
    assert "Protocol does not declare it" in moved.fix
    # What the fix promises holds: both objects have w3c(), the Protocol does not.
    from lambda_context_types import LambdaContext
    from lambda_context_types.testing import FakeLambdaContext

    assert callable(RuntimeContext.w3c)
    assert callable(FakeLambdaContext.w3c)
    assert not hasattr(LambdaContext, "w3c")


def test_every_finding_names_its_source() -> None:
    payload = {"Custom": {}, "w3c": W3C, "client": {"x": "y"}, "custom": {"n": 1}, "env": {"e": None}}
    findings = check_portability(payload, invocation_type="Event")

    assert {f.runtime for f in findings} == {*RUNTIMES, "invoke"}
    assert all(f.source for f in findings)


# --- the Invoke API -------------------------------------------------------------------------------------------------


def test_size_limit_matches_the_encoder() -> None:
    from lambda_context_types import parse_client_context

    def payload(n: int) -> dict[str, Any]:
        return {"custom": {"blob": "x" * n}}

    # Grow the value until the package's own encoder refuses it; the report must flip at the same byte.
    n = 2600
    while True:
        try:
            parse_client_context(payload(n + 1)).to_base64()
        except ContextValidationError:
            break
        n += 1
    assert check_portability(payload(n)) == []
    (too_large,) = check_portability(payload(n + 1))
    assert (too_large.runtime, too_large.path, too_large.effect) == ("invoke", "", "too large")
    with pytest.raises(ContextValidationError) as refused:
        parse_client_context(payload(n + 1)).to_base64()
    assert too_large.message == refused.value.problems[0].message
    assert "3,583" in too_large.message


@pytest.mark.parametrize("invocation_type", ["Event", "DryRun"])
def test_only_synchronous_invocations_carry_the_context(invocation_type: Any) -> None:
    (finding,) = check_portability({}, invocation_type=invocation_type)

    assert (finding.runtime, finding.effect) == ("invoke", "not delivered")
    assert check_portability({}, invocation_type="RequestResponse") == []


# --- the API --------------------------------------------------------------------------------------------------------


def test_runtimes_filter_and_order() -> None:
    payload = {"Custom": {"a": "b"}, "env": {"a": "b"}}

    order = [f.runtime for f in check_portability(payload, ["rust", "python", "rust"])]
    assert order == ["python", "rust", "rust"]
    assert {f.runtime for f in check_portability(payload, "java")} == {"java"}
    assert check_portability(payload, []) == []


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown runtime 'ruby'"):
        check_portability({}, cast(Any, ["ruby"]))
    with pytest.raises(ValueError, match="unknown invocation type"):
        check_portability({}, invocation_type=cast(Any, "Async"))
    with pytest.raises(ContextValidationError):
        check_portability("[1, 2]")
    with pytest.raises(ContextValidationError):
        check_portability("not json")


def test_accepts_every_input_form() -> None:
    payload = {"Custom": {"a": "b"}}
    text = json.dumps(payload)
    expected = check_portability(payload)

    assert check_portability(text) == expected
    assert check_portability(text.encode()) == expected
    assert check_portability(bytearray(text.encode())) == expected


def test_finding_is_one_readable_line() -> None:
    (finding,) = check_portability({"Custom": {"a": "b"}}, ["python"])

    assert str(finding) == (
        "python: Custom: dropped: The Python runtime matches keys case-sensitively and reads 'custom', "
        "so 'Custom' is ignored (fix: send it as 'custom')"
    )
    (odd,) = check_portability({"bad\nkey": "x"}, ["python"])
    assert "\n" not in str(odd)
    (whole,) = check_portability({}, invocation_type="Event")
    assert str(whole).startswith("invoke: (top level): not delivered: ")


def test_paths_are_written_like_validation_problems() -> None:
    (finding,) = check_portability({"custom": {"a b": 1, "ok": "x"}}, ["java"])
    assert finding.path == 'custom["a b"]'

    with pytest.raises(ContextValidationError) as caught:
        check_portability({"env": {"a b": 1}})
    assert [problem.path for problem in caught.value.problems] == ['env["a b"]']


# --- Go reads keys case-insensitively: which key comes later is the one whose values win ---------------------------


def merged(findings: list[Finding]) -> list[str]:
    return [finding.path for finding in findings if finding.effect == "merged"]


@pytest.mark.parametrize("as_bytes", [False, True])
def test_go_merged_follows_the_order_of_the_text(as_bytes: bool) -> None:
    # The model writes "custom" (a field) before "Custom" (an unknown key); Go decodes in the text's order.
    text = '{"Custom": {"a": "1"}, "custom": {"a": "2"}}'

    (finding,) = [f for f in check_portability(text.encode() if as_bytes else text, "go") if f.effect == "merged"]

    assert finding.path == "custom"
    assert "the later one, 'custom', wins" in finding.message
    assert merged(check_portability('{"custom": {"a": "2"}, "Custom": {"a": "1"}}', "go")) == ["Custom"]


def test_go_merged_inside_client_follows_the_order_of_the_text() -> None:
    assert merged(check_portability('{"client": {"App_Title": "b", "app_title": "a"}}', "go")) == ["client.app_title"]
    assert merged(check_portability('{"client": {"app_title": "a", "App_Title": "b"}}', "go")) == ["client.App_Title"]


def test_go_merged_follows_the_order_of_a_mapping() -> None:
    assert merged(check_portability({"Custom": {"a": "1"}, "custom": {"a": "2"}}, "go")) == ["custom"]
    assert merged(check_portability({"custom": {"a": "2"}, "Custom": {"a": "1"}}, "go")) == ["Custom"]
    assert merged(check_portability({"client": {"App_Title": "b", "app_title": "a"}}, "go")) == ["client.app_title"]


def test_a_mapping_that_fails_on_a_second_read_falls_back_to_the_models_order() -> None:
    class ReadOnce(Mapping[str, Any]):
        def __init__(self, data: dict[str, Any]) -> None:
            self.data = data
            self.reads = 0

        def __getitem__(self, key: str) -> Any:
            return self.data[key]

        def __len__(self) -> int:
            return len(self.data)

        def __iter__(self) -> Iterator[str]:
            self.reads += 1
            if self.reads > 1:
                raise RuntimeError("read twice")
            return iter(self.data)

    payload = ReadOnce({"Custom": {"a": "1"}, "custom": {"a": "2"}})

    # The model writes "custom" first, so "Custom" is the later key.
    assert merged(check_portability(payload, "go")) == ["Custom"]


def test_finding_is_frozen_and_comparable() -> None:
    finding = Finding("go", "client.app_version_name", "dropped", "m", None)

    assert finding == Finding("go", "client.app_version_name", "dropped", "m", None, "")
    with pytest.raises(AttributeError):
        finding.path = "x"  # type: ignore[misc]


# --- the Python rules against the real runtime ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def lambda_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "my-function")
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
    monkeypatch.setenv("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/my-function")
    monkeypatch.setenv("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef")


def runtime_context(payload: Mapping[str, Any]) -> RuntimeContext:
    """What awslambdaric hands the handler for this Lambda-Runtime-Client-Context header."""
    bootstrap: Any = importlib.import_module("awslambdaric.bootstrap")  # untyped; the stubs cover lambda_context only
    create = bootstrap.create_lambda_context
    return cast(RuntimeContext, create(json.dumps(payload), None, 2**42, "request-id", "arn:aws:lambda:fn", None))


_ABSENT = object()


def payload_leaves(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Every key path of the payload at the depth the Python runtime copies values."""
    leaves: dict[str, Any] = {}
    for key, value in payload.items():
        if key in ("client", "w3c") and isinstance(value, dict):
            inner = cast(dict[str, Any], value)
            leaves.update({f"{key}.{name}": item for name, item in inner.items()})
        else:
            leaves[key] = value
    return leaves


def reachable(context: RuntimeContext) -> dict[str, Any]:
    """Every key path a handler can read from the runtime's context, with its value."""
    values: dict[str, Any] = {f"w3c.{name}": item for name, item in context.w3c().items()}
    client_context = context.client_context
    if client_context is None:
        return values
    values["custom"] = client_context.custom
    values["env"] = client_context.env
    values["client"] = client_context.client
    if client_context.client is not None:
        for name in CLIENT_FIELDS:
            values[f"client.{name}"] = getattr(client_context.client, name)
    return values


def assert_report_matches_runtime(payload: Mapping[str, Any]) -> None:
    findings = check_portability(payload, ["python"])
    exposed = reachable(runtime_context(payload))
    for path, value in payload_leaves(payload).items():
        lost = exposed.get(path, _ABSENT) != value
        flagged = any(f.effect == "dropped" and (path == f.path or path.startswith(f.path + ".")) for f in findings)
        assert lost == flagged, (path, value, findings)
    assert {f.effect for f in findings} <= {"dropped", "moved"}
    moved = any(f.effect == "moved" for f in findings)
    assert moved == bool(runtime_context(payload).w3c())


@pytest.mark.parametrize(
    "payload",
    [
        {"Custom": {"traceparent": TRACEPARENT}},
        {"custom": {"otel": {"traceparent": TRACEPARENT}, "n": 1, "z": None}},
        {"version": "1.0", "services": {"mobile_analytics": {"app_id": "abc"}}, "environment": {"a": "b"}},
        {"client": {**FULL_CLIENT, "client_id": "old", "appTitle": "camel"}},
        {"client": None, "env": {"platform": "iPhoneOS", "locale": None}, "custom": {}},
        {"w3c": {**W3C, "tracestate": None, "x-other": "y"}, "custom": {"a": "b"}},
        {"w3c": None},
        {},
    ],
)
def test_python_report_matches_the_runtime(payload: dict[str, Any]) -> None:
    assert_report_matches_runtime(payload)


def test_python_examples_against_the_runtime() -> None:
    context = runtime_context({"Custom": {"traceparent": TRACEPARENT}, "env": {"platform": "Android"}})
    assert context.client_context is not None
    assert context.client_context.custom is None
    assert context.client_context.env == {"platform": "Android"}

    context = runtime_context({"client": {"client_id": "old"}})
    assert context.client_context is not None
    assert context.client_context.client is not None
    assert not hasattr(context.client_context.client, "client_id")

    context = runtime_context({"w3c": W3C, "custom": {"a": "b"}})
    assert context.w3c() == W3C
    assert context.client_context is not None
    assert context.client_context.custom == {"a": "b"}


_text = st.text(max_size=8)
_json_leaf = st.none() | st.booleans() | st.integers(-(2**60), 2**60) | _text
_json = st.recursive(_json_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3))
_client_keys = st.sampled_from([*CLIENT_FIELDS, "client_id", "appTitle", "App_Title", "extra"])
_w3c_keys = st.sampled_from(["traceparent", "tracestate", "baggage", "Traceparent", "x-other"])
_payloads = st.fixed_dictionaries(
    {},
    optional={
        "client": st.none() | st.dictionaries(_client_keys, st.none() | _text, max_size=6),
        "custom": st.none() | st.dictionaries(_text, _json, max_size=4),
        "env": st.none() | st.dictionaries(_text, st.none() | _text, max_size=4),
        "w3c": st.none() | st.dictionaries(_w3c_keys, st.none() | _text, max_size=4),
        "version": _text,
        "services": st.dictionaries(_text, _json, max_size=2),
        "Custom": st.dictionaries(_text, _text, max_size=2),
        "Env": st.dictionaries(_text, _text, max_size=2),
        "environment": st.dictionaries(_text, _text, max_size=2),
    },
)


# Hypothesis reruns the test body, not the fixture; the environment it sets is the same for every example.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(_payloads)
def test_python_report_matches_the_runtime_for_generated_payloads(payload: dict[str, Any]) -> None:
    assert_report_matches_runtime(payload)


def test_w3c_findings_name_the_key_as_sent_and_the_file_that_moves_it() -> None:
    traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

    (go,) = check_portability({"W3C": {"traceparent": traceparent}}, "go")
    (java,) = check_portability({"w3c": {"traceparent": traceparent}}, "java")

    assert (go.path, go.effect) == ("W3C", "moved")
    assert (java.effect, java.source.rsplit("/", 1)[-1]) == ("moved", "LambdaContext.java")
