"""The fake context of lambda_context_types.testing, checked against the real runtime's LambdaContext."""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import botocore.session
import pytest
from conftest import RaisingMapping, RuntimeContextFactory, fresh_python
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_context_types import ContextValidationError, LambdaContext
from lambda_context_types._protocols import MOBILE_CLIENT_FIELDS, W3C_FIELDS
from lambda_context_types.testing import (
    DEFAULT,
    DefaultType,
    FakeClock,
    FakeLambdaContext,
    LambdaContextFactory,
    gateway_client_context,
    make_lambda_context,
)


def test_defaults_are_consistent_and_typed_like_production() -> None:
    context = make_lambda_context()

    assert isinstance(context, LambdaContext)
    assert context.function_name == "my-function"
    assert context.function_version == "$LATEST"
    assert context.invoked_function_arn == "arn:aws:lambda:us-east-1:123456789012:function:my-function"
    assert context.memory_limit_in_mb == "128"
    assert context.log_group_name == "/aws/lambda/my-function"
    assert context.log_stream_name is not None
    match = re.fullmatch(r"(\d{4}/\d{2}/\d{2})/\[\$LATEST\]([0-9a-f]{32})", context.log_stream_name)
    assert match is not None
    # The date is today's in UTC; allow for a test that runs across midnight.
    assert datetime.strptime(match[1], "%Y/%m/%d").replace(tzinfo=timezone.utc) <= datetime.now(timezone.utc)
    assert uuid.UUID(context.aws_request_id).version == 4
    assert context.tenant_id is None
    assert context.client_context is None
    assert context.get_remaining_time_in_millis() == 3000
    assert context.w3c() == {}
    assert context.logs == []


def test_each_context_gets_a_fresh_request_id_and_log_stream() -> None:
    first, second = make_lambda_context(), make_lambda_context()
    assert first.aws_request_id != second.aws_request_id
    assert first.log_stream_name != second.log_stream_name


def test_names_follow_function_name_region_and_account() -> None:
    context = make_lambda_context(function_name="orders_api", region="eu-central-1", account_id="000011112222")
    assert context.invoked_function_arn == "arn:aws:lambda:eu-central-1:000011112222:function:orders_api"
    assert context.log_group_name == "/aws/lambda/orders_api"


def _lambda_regions() -> list[tuple[str, str]]:
    session = botocore.session.get_session()
    return [
        (region, partition)
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("lambda", partition_name=partition)
    ]


# botocore's own list of the regions where Lambda runs, partition by partition.
@pytest.mark.parametrize(("region", "partition"), _lambda_regions())
def test_the_arn_names_the_partition_of_the_region(region: str, partition: str) -> None:
    context = make_lambda_context(region=region, qualifier="live")
    assert context.invoked_function_arn == f"arn:{partition}:lambda:{region}:123456789012:function:my-function:live"


def test_the_regions_the_review_named_have_their_partitions() -> None:
    # Spelled out, in case botocore's list changes.
    assert make_lambda_context(region="cn-north-1").invoked_function_arn.startswith("arn:aws-cn:lambda:cn-north-1:")
    assert make_lambda_context(region="us-gov-west-1").invoked_function_arn.startswith("arn:aws-us-gov:lambda:")
    # A region shape no partition claims (a future region, a local emulator's) keeps the commercial partition.
    assert make_lambda_context(region="xx-future-9").invoked_function_arn.startswith("arn:aws:lambda:xx-future-9:")


def test_an_alias_qualifier_ends_the_arn_and_leaves_the_version() -> None:
    context = make_lambda_context(qualifier="live", function_version="12")
    assert context.invoked_function_arn.endswith(":function:my-function:live")
    assert context.function_version == "12"
    assert context.log_stream_name is not None
    assert "/[12]" in context.log_stream_name


def test_a_version_qualifier_is_the_function_version() -> None:
    context = make_lambda_context(qualifier="7")
    assert context.invoked_function_arn.endswith(":function:my-function:7")
    assert context.function_version == "7"


def test_a_version_qualifier_must_agree_with_function_version() -> None:
    with pytest.raises(ValueError, match="another version"):
        make_lambda_context(qualifier="7", function_version="8")


@pytest.mark.parametrize(("given", "stored"), [(128, "128"), (10240, "10240"), ("512", "512"), (1769, "1769")])
def test_memory_is_stored_as_text_like_the_runtime_does(given: int | str, stored: str) -> None:
    assert make_lambda_context(memory_limit_in_mb=given).memory_limit_in_mb == stored


def test_computing_with_the_memory_fails_as_in_production() -> None:
    context: LambdaContext = make_lambda_context(memory_limit_in_mb=1024)
    with pytest.raises(TypeError):
        context.memory_limit_in_mb / 1024  # type: ignore[operator]
    assert int(context.memory_limit_in_mb) // 1024 == 1


@pytest.mark.parametrize("memory", [127, 10241, 0, -128, "12x", "", " 128"])
def test_memory_outside_lambda_limits_is_refused(memory: int | str) -> None:
    with pytest.raises(ValueError, match="memory_limit_in_mb"):
        make_lambda_context(memory_limit_in_mb=memory)


@pytest.mark.parametrize("memory", [True, 128.0, None])
def test_memory_of_another_type_is_refused(memory: Any) -> None:
    with pytest.raises(TypeError, match="memory_limit_in_mb"):
        make_lambda_context(memory_limit_in_mb=memory)


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"account_id": "12345678901"}, "account_id"),
        ({"account_id": "1234567890123"}, "account_id"),
        ({"account_id": "12345678901a"}, "account_id"),
        ({"function_name": ""}, "function_name"),
        ({"function_name": "a" * 65}, "function_name"),
        ({"function_name": "my:function"}, "function_name"),
        ({"function_version": "latest"}, "function_version"),
        ({"qualifier": "a:b"}, "qualifier"),
        ({"qualifier": ""}, "qualifier"),
        ({"region": "US-EAST-1"}, "region"),
        ({"region": "us-east"}, "region"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": 901}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
    ],
)
def test_values_lambda_would_refuse_raise_value_error(overrides: dict[str, Any], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        make_lambda_context(**overrides)


def test_a_timeout_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError, match="timeout"):
        make_lambda_context(timeout="3")  # type: ignore[arg-type]


_WRONG_TYPES: dict[str, object] = {"int": 5, "float": 1.5, "bytes": b"x", "list": ["x"], "object": object()}
_NAMES = ["function_name", "function_version", "qualifier", "region", "account_id", "aws_request_id"]
_NAMES += ["log_group_name", "log_stream_name", "tenant_id", "clock", "validate", "memory_limit_in_mb", "timeout"]
_RIGHT_TYPES = {("memory_limit_in_mb", "int"), ("timeout", "int"), ("timeout", "float")}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param(name, value, id=f"{name}={kind}")
        for name in _NAMES
        for kind, value in _WRONG_TYPES.items()
        if (name, kind) not in _RIGHT_TYPES
    ],
)
def test_an_argument_of_the_wrong_type_is_a_type_error_naming_it(name: str, value: object) -> None:
    with pytest.raises(TypeError, match=name):
        make_lambda_context(**{name: value})


@pytest.mark.parametrize(("name", "value"), [("tenant_id", DEFAULT), ("aws_request_id", DEFAULT), ("clock", "x")])
def test_what_is_only_right_elsewhere_is_a_type_error(name: str, value: object) -> None:
    with pytest.raises(TypeError, match=name):
        make_lambda_context(**{name: value})


@pytest.mark.parametrize("timeout", [10**400, -(10**400), 1e300])
def test_a_huge_timeout_is_a_value_error_not_an_overflow(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout must be above 0"):
        make_lambda_context(timeout=timeout)


def test_a_huge_memory_size_is_a_value_error_that_names_it() -> None:
    with pytest.raises(ValueError, match=r"memory_limit_in_mb.*an int of"):
        make_lambda_context(memory_limit_in_mb=10**5000)
    with pytest.raises(ValueError, match="memory_limit_in_mb must be between"):
        make_lambda_context(memory_limit_in_mb="9" * 5000)
    assert make_lambda_context(memory_limit_in_mb="000512").memory_limit_in_mb == "512"


class _LyingText(str):
    """A str subclass whose methods claim whatever passes a check, and whose repr and format fail."""

    __slots__ = ()

    def startswith(self, *args: object) -> bool:  # type: ignore[override]
        raise RuntimeError("startswith")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("format")

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __str__(self) -> str:
        return "lie"

    def __int__(self) -> int:
        return 128


class _LyingInt(int):
    def __mul__(self, other: object) -> int:  # type: ignore[override]
        return 0

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        return True

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        return True

    def __str__(self) -> str:
        return "lie"


def test_a_str_subclass_is_read_as_its_text() -> None:
    context = make_lambda_context(function_name=_LyingText("orders"), region=_LyingText("cn-north-1"))

    assert type(context.function_name) is str
    assert context.function_name == "orders"
    assert context.invoked_function_arn == "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders"
    with pytest.raises(ValueError, match="region"):
        make_lambda_context(region=_LyingText("not a region"))
    with pytest.raises(ValueError, match="memory_limit_in_mb"):
        make_lambda_context(memory_limit_in_mb=_LyingText("12x"))


def test_an_int_subclass_is_read_as_its_value() -> None:
    context = make_lambda_context(memory_limit_in_mb=_LyingInt(512), timeout=_LyingInt(2))

    assert context.memory_limit_in_mb == "512"
    assert context.get_remaining_time_in_millis() == 2000
    with pytest.raises(ValueError, match="timeout"):
        make_lambda_context(timeout=_LyingInt(901))
    clock = FakeClock()
    clock.advance(_LyingInt(3))
    assert clock.now_ns() == 3_000_000_000


def test_advancing_by_a_sequence_is_a_type_error_at_once() -> None:
    # It once multiplied the tuple by 10**9 before looking at its type: 7.6 GB and 17 s.
    clock = FakeClock()
    started = time.perf_counter()
    for wrong in [(1,), [1], "1", b"1", None, True, Decimal(1)]:
        with pytest.raises(TypeError, match="advance"):
            clock.advance(wrong)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 2
    assert clock.now_ns() == 0


def test_a_realtime_flag_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="realtime"):
        FakeClock(realtime="yes")  # type: ignore[arg-type]


def test_the_fake_checks_what_it_computes_with() -> None:
    fields: dict[str, Any] = {
        "function_name": "f",
        "function_version": "$LATEST",
        "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "memory_limit_in_mb": "128",
        "aws_request_id": "r",
        "log_group_name": None,
        "log_stream_name": None,
        "tenant_id": None,
        "identity": None,
        "client_context": None,
    }
    with pytest.raises(TypeError, match="deadline_ns"):
        FakeLambdaContext(**fields, deadline_ns=1.5)
    with pytest.raises(TypeError, match="clock"):
        FakeLambdaContext(**fields, deadline_ns=1, clock="x")
    context = FakeLambdaContext(**fields, deadline_ns=_LyingInt(2_000_000_000))
    assert type(context.deadline_ns) is int
    assert context.get_remaining_time_in_millis() == 2000


def test_an_unknown_override_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="memory_size"):
        make_lambda_context(memory_size=128)  # type: ignore[call-arg]


def test_remaining_time_counts_down_on_the_clock_and_stops_at_zero() -> None:
    context = make_lambda_context(timeout=3)
    assert context.get_remaining_time_in_millis() == 3000
    context.clock.advance(0.57)
    assert context.get_remaining_time_in_millis() == 2430
    context.clock.advance(2.4299)
    # Whole milliseconds, rounded down as the runtime's integer arithmetic does.
    assert context.get_remaining_time_in_millis() == 0
    context.clock.advance(100)
    assert context.get_remaining_time_in_millis() == 0


def test_the_remaining_time_is_an_int() -> None:
    context = make_lambda_context(timeout=1.5)
    assert type(context.get_remaining_time_in_millis()) is int
    assert context.get_remaining_time_in_millis() == 1500


def test_a_shared_clock_gives_each_context_its_own_deadline() -> None:
    clock = FakeClock()
    first = make_lambda_context(timeout=10, clock=clock)
    clock.advance(4)
    second = make_lambda_context(timeout=10, clock=clock)
    assert first.clock is clock
    assert (first.get_remaining_time_in_millis(), second.get_remaining_time_in_millis()) == (6000, 10000)


@pytest.mark.parametrize("seconds", [-0.001, float("nan"), float("inf"), 1e308])
def test_the_clock_only_moves_forward(seconds: float) -> None:
    clock = FakeClock()
    with pytest.raises(ValueError, match="advance"):
        clock.advance(seconds)
    assert clock.now_ns() == 0


def test_a_realtime_clock_follows_real_time_plus_the_advances() -> None:
    clock = FakeClock(realtime=True)
    before = clock.now_ns()
    clock.advance(5)
    after = clock.now_ns()
    assert after - before >= 5_000_000_000
    context = make_lambda_context(timeout=3, clock=clock)
    assert context.get_remaining_time_in_millis() <= 3000


def test_log_messages_are_kept_in_order() -> None:
    context = make_lambda_context()
    context.log("first")
    context.log("second")
    assert context.logs == ["first", "second"]


def test_log_takes_any_object_by_position_or_keyword_like_the_runtime(runtime_context: RuntimeContextFactory) -> None:
    real = inspect.signature(type(runtime_context()).log)
    fake = inspect.signature(FakeLambdaContext.log)
    assert [(p.name, p.kind) for p in fake.parameters.values()] == [(p.name, p.kind) for p in real.parameters.values()]

    context = make_lambda_context()
    context.log(42)
    context.log(msg={"k": 1})
    assert context.logs == ["42", "{'k': 1}"]


def test_explicit_none_values() -> None:
    context = make_lambda_context(log_group_name=None, log_stream_name=None, identity=None, tenant_id="tenant-7")
    assert context.log_group_name is None
    assert context.log_stream_name is None
    assert context.identity is None
    assert context.tenant_id == "tenant-7"


def test_default_gives_the_same_values_as_leaving_the_argument_out() -> None:
    omitted = make_lambda_context(function_name="orders", aws_request_id="r")
    given = make_lambda_context(
        function_name="orders", aws_request_id="r", log_group_name=DEFAULT, log_stream_name=DEFAULT, identity=DEFAULT
    )
    assert given.log_group_name == omitted.log_group_name == "/aws/lambda/orders"
    assert given.log_stream_name is not None
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}", given.log_stream_name)
    assert given.identity is not None
    assert (given.identity.cognito_identity_id, given.identity.cognito_identity_pool_id) == (None, None)


def test_a_wrapper_can_forward_the_default() -> None:
    def snapstart_context(log_stream_name: str | DefaultType | None = DEFAULT) -> FakeLambdaContext:
        return make_lambda_context(log_group_name=None, log_stream_name=log_stream_name)

    assert snapstart_context().log_stream_name is not None
    assert snapstart_context(None).log_stream_name is None
    assert snapstart_context("s").log_stream_name == "s"
    assert repr(DEFAULT) == "DEFAULT"
    assert "= DEFAULT" in str(inspect.signature(make_lambda_context))


def test_overrides_are_taken_as_given() -> None:
    context = make_lambda_context(
        aws_request_id="req-1", log_group_name="/custom/group", log_stream_name="2024/01/02/[$LATEST]stream"
    )
    assert (context.aws_request_id, context.log_group_name, context.log_stream_name) == (
        "req-1",
        "/custom/group",
        "2024/01/02/[$LATEST]stream",
    )


def test_the_fake_is_read_only_like_the_protocol_says() -> None:
    context = make_lambda_context()
    with pytest.raises(AttributeError):
        context.function_name = "other"  # type: ignore[misc]


def test_a_replaced_copy_has_its_own_logs_and_the_same_clock() -> None:
    original = make_lambda_context(timeout=3)
    original.log("original")
    copy = dataclasses.replace(original, function_name="other")
    copy.log("copy")
    original.clock.advance(1)
    assert (original.logs, copy.logs) == (["original"], ["copy"])
    assert copy.clock is original.clock
    assert copy.get_remaining_time_in_millis() == original.get_remaining_time_in_millis() == 2000


def test_importing_testing_does_not_import_pydantic() -> None:
    code = "import sys, lambda_context_types.testing as t; t.make_lambda_context(); print('pydantic' in sys.modules)"
    output = fresh_python(code)
    assert output == "False"


# ---- client context and identity, compared with the real runtime ----

ANDROID: dict[str, Any] = {
    "client": {
        "installation_id": "b5e2f1a0-0000-4000-8000-000000000001",
        "app_title": "Orders",
        "app_version_name": "1.4.2",
        "app_version_code": "42",
        "app_package_name": "com.example.orders",
    },
    "env": {"platform": "Android", "model": "Pixel 8", "make": "Google", "platform_version": "14", "locale": "en_US"},
    "custom": {"user_tier": "gold"},
    "services": {"mobile_analytics": {"app_id": "abc"}},
}
IOS: dict[str, Any] = {
    "version": "1.0",
    "client": {"installation_id": "UNKNOWN_INSTALLATION_ID", "app_title": "Orders", "client_id": "legacy"},
    "env": {"platform": "iOS", "model_version": "iPhone15,2", "make": "apple"},
    "custom": {},
    "services": {},
}
TRACED: dict[str, Any] = {
    "custom": {"nested": {"a": [1, 2]}, "count": 3},
    "w3c": {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "vendor=1"},
}
EMPTY_CLIENT: dict[str, Any] = {"client": {}}


def runtime_view(context: Any) -> dict[str, Any]:
    """Everything a handler can read from a context's client context, identity and w3c(), as plain data."""
    view: dict[str, Any] = {"w3c": context.w3c()}
    client_context = context.client_context
    if client_context is None:
        view["client_context"] = None
    else:
        client = client_context.client
        view["client_context"] = {
            "custom": client_context.custom,
            "env": client_context.env,
            "client": None if client is None else {name: getattr(client, name) for name in MOBILE_CLIENT_FIELDS},
        }
    identity = context.identity
    view["identity"] = None if identity is None else (identity.cognito_identity_id, identity.cognito_identity_pool_id)
    return view


@pytest.mark.parametrize("payload", [ANDROID, IOS, TRACED, EMPTY_CLIENT], ids=["android", "ios", "w3c", "empty"])
@pytest.mark.parametrize("form", ["str", "bytes", "mapping", "model"])
def test_client_context_reads_as_the_real_runtime_gives_it(
    payload: dict[str, Any], form: str, runtime_context: RuntimeContextFactory
) -> None:
    from lambda_context_types import parse_client_context

    wire = json.dumps(payload)
    real = runtime_context(wire)
    given: Any = {
        "str": wire,
        "bytes": wire.encode(),
        "mapping": payload,
        "model": parse_client_context(wire),
    }[form]

    fake = make_lambda_context(client_context=given)

    assert runtime_view(fake) == runtime_view(real)
    assert "w3c" in payload or fake.w3c() == {}


def test_w3c_returns_a_new_dict_each_time() -> None:
    context = make_lambda_context(client_context=TRACED)
    context.w3c()["traceparent"] = "changed"
    assert context.w3c()["traceparent"] == TRACED["w3c"]["traceparent"]


def test_the_client_context_has_only_the_runtime_attributes() -> None:
    context = make_lambda_context(client_context=ANDROID)
    assert context.client_context is not None
    with pytest.raises(AttributeError):
        context.client_context.services  # type: ignore[attr-defined]  # noqa: B018


def test_the_fake_holders_have_exactly_the_runtime_s_attributes(runtime_context: RuntimeContextFactory) -> None:
    def public(holder: object) -> set[str]:
        return {name for name in dir(holder) if not name.startswith("_")}

    real = runtime_context(json.dumps(ANDROID))
    fake = make_lambda_context(client_context=ANDROID)
    assert real.client_context is not None
    assert fake.client_context is not None
    assert public(fake.client_context) == public(real.client_context) == {"client", "custom", "env"}
    assert public(fake.client_context.client) == public(real.client_context.client) == set(MOBILE_CLIENT_FIELDS)
    assert public(fake.identity) == public(real.identity)


def test_the_default_identity_is_the_runtime_s_empty_identity(runtime_context: RuntimeContextFactory) -> None:
    real = runtime_context()
    assert runtime_view(make_lambda_context()) == runtime_view(real)


@pytest.mark.parametrize("form", ["str", "bytes", "mapping", "model"])
def test_identity_reads_as_the_real_runtime_gives_it(form: str, runtime_context: RuntimeContextFactory) -> None:
    from lambda_context_types import parse_cognito_identity

    wire = json.dumps(
        {"cognitoIdentityId": "us-east-1:1111-2222", "cognitoIdentityPoolId": "us-east-1:3333-4444", "extra": 1}
    )
    real = runtime_context(identity=wire)
    given: Any = {
        "str": wire,
        "bytes": wire.encode(),
        "mapping": json.loads(wire),
        "model": parse_cognito_identity(wire),
    }[form]

    fake = make_lambda_context(identity=given)

    assert runtime_view(fake) == runtime_view(real)


@pytest.mark.parametrize("payload", ['{"client": "x"}', "[1]", "not json", '{"custom": []}'])
def test_an_invalid_client_context_raises_the_package_error(payload: str) -> None:
    with pytest.raises(ContextValidationError) as caught:
        make_lambda_context(client_context=payload)
    assert caught.value.what == "client context"


def test_an_invalid_identity_raises_the_package_error() -> None:
    with pytest.raises(ContextValidationError) as caught:
        make_lambda_context(identity='{"cognitoIdentityId": 5}')
    assert caught.value.what == "Cognito identity"


def test_the_fake_can_be_built_directly() -> None:
    context = FakeLambdaContext(
        function_name="f",
        function_version="$LATEST",
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:f",
        memory_limit_in_mb="128",
        aws_request_id="r",
        log_group_name="/aws/lambda/f",
        log_stream_name=None,
        tenant_id=None,
        identity=None,
        client_context=None,
        deadline_ns=1_000_000_000,
    )
    assert isinstance(context, LambdaContext)
    assert context.get_remaining_time_in_millis() == 1000


def test_the_factory_is_the_call_of_its_type() -> None:
    # One signature: the fixture's type and the function are the same object.
    assert make_lambda_context is LambdaContextFactory.__call__
    assert "= 'my-function'" in str(inspect.signature(make_lambda_context))


# ---- validate=False: what the runtime lets through, unchecked ----

LOOSE: dict[str, Any] = {
    "client": {"app_version_code": 42, "app_title": None, "client_id": "dropped"},
    "custom": [1, 2],
    "env": {"memory": 512},
    "Custom": {"ignored": "by Python"},
    "w3c": {"traceparent": 5, "baggage": "k=v", "other": "x"},
}


@pytest.mark.parametrize("form", ["str", "bytes", "mapping"])
def test_unvalidated_client_context_reads_as_the_real_runtime_gives_it(
    form: str, runtime_context: RuntimeContextFactory
) -> None:
    wire = json.dumps(LOOSE)
    real = runtime_context(wire)
    given: Any = {"str": wire, "bytes": wire.encode(), "mapping": LOOSE}[form]

    fake = make_lambda_context(client_context=given, validate=False)

    assert runtime_view(fake) == runtime_view(real)
    assert fake.w3c() == {"baggage": "k=v"}
    assert "w3c" in LOOSE  # the caller's mapping is left alone


def test_unvalidated_payloads_do_not_import_pydantic() -> None:
    code = (
        "import sys, lambda_context_types.testing as t;"
        "t.make_lambda_context(client_context='{\"custom\": 1}', identity={'cognitoIdentityId': 2}, validate=False);"
        "print('pydantic' in sys.modules)"
    )
    output = fresh_python(code)
    assert output == "False"


@pytest.mark.parametrize("header", ["", "null"])
def test_an_empty_or_null_header_is_no_client_context(header: str, runtime_context: RuntimeContextFactory) -> None:
    real = runtime_context(header)
    fake = make_lambda_context(client_context=header, validate=False)
    assert fake.client_context is None
    assert real.client_context is None


@pytest.mark.parametrize("header", ["[1]", '"text"', '{"client": "x"}', '{"client": [1]}'])
def test_a_shape_the_runtime_crashes_on_is_refused(header: str, runtime_context: RuntimeContextFactory) -> None:
    with pytest.raises(AttributeError):
        runtime_context(header)
    with pytest.raises(ValueError, match="the runtime fails the invocation"):
        make_lambda_context(client_context=header, validate=False)


def test_unvalidated_identity_reads_as_the_real_runtime_gives_it(runtime_context: RuntimeContextFactory) -> None:
    wire = '{"cognitoIdentityId": 5, "cognito_identity_pool_id": "snake case is ignored"}'
    real = runtime_context(identity=wire)
    fake = make_lambda_context(identity=wire, validate=False)
    assert runtime_view(fake) == runtime_view(real)
    with pytest.raises(ValueError, match="the runtime fails the invocation"):
        make_lambda_context(identity="[]", validate=False)


@pytest.mark.parametrize("name", ["client_context", "identity"])
def test_an_unvalidated_payload_of_another_type_is_a_type_error(name: str) -> None:
    with pytest.raises(TypeError, match=name):
        make_lambda_context(**{name: 5}, validate=False)


@pytest.mark.parametrize("name", ["client_context", "identity"])
def test_unvalidated_json_too_deep_for_the_runtime_is_a_value_error(name: str) -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        make_lambda_context(**{name: "[" * 100_000}, validate=False)


def test_unvalidated_json_in_a_str_subclass_is_read_as_its_text(runtime_context: RuntimeContextFactory) -> None:
    wire = json.dumps(ANDROID)
    fake = make_lambda_context(client_context=_LyingText(wire), identity=_LyingText("{}"), validate=False)
    assert runtime_view(fake)["client_context"] == runtime_view(runtime_context(wire))["client_context"]


def test_unvalidated_nested_dict_subclasses_are_read_as_dicts() -> None:
    class Lying(dict[str, Any]):
        def get(self, *args: object) -> Any:
            raise RuntimeError("get")

    payload = {"client": Lying(app_title="Orders"), "w3c": Lying(traceparent="00-1-2-01")}
    fake = make_lambda_context(client_context=payload, validate=False)

    assert fake.client_context is not None
    assert fake.client_context.client is not None
    assert fake.client_context.client.app_title == "Orders"
    assert fake.w3c() == {"traceparent": "00-1-2-01"}


def test_unvalidated_objects_are_used_as_they_are() -> None:
    source = make_lambda_context(client_context=ANDROID, identity={"cognitoIdentityId": "us-east-1:abc"})
    fake = make_lambda_context(client_context=source.client_context, identity=source.identity, validate=False)
    assert fake.client_context is source.client_context
    assert fake.identity is source.identity


# ---- the same, for generated payloads ----

_text = st.text(max_size=8)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_client = st.fixed_dictionaries(
    {},
    optional={name: st.none() | _text for name in MOBILE_CLIENT_FIELDS} | {"client_id": _text},
)
_client_context = st.fixed_dictionaries(
    {},
    optional={
        "client": _client,
        "custom": st.dictionaries(_text, _json, max_size=3),
        "env": st.dictionaries(_text, _text, max_size=3),
        "services": st.dictionaries(_text, _json, max_size=2),
        "w3c": st.fixed_dictionaries({}, optional=dict.fromkeys((*W3C_FIELDS, "other"), _text)),
    },
)


# No deadline: the first example pays for importing pydantic and building the models. The runtime_context factory
# keeps no state between calls, so one per test serves every example.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=_client_context, validate=st.booleans())
def test_generated_client_contexts_read_as_the_real_runtime_gives_them(
    runtime_context: RuntimeContextFactory, payload: dict[str, Any], validate: bool
) -> None:
    wire = json.dumps(payload)
    real = runtime_context(wire)
    fake = make_lambda_context(client_context=wire, validate=validate)
    assert runtime_view(fake) == runtime_view(real)


def test_an_advance_of_any_whole_number_of_seconds_is_exact() -> None:
    clock = FakeClock()
    clock.advance(10**30)

    assert clock.now_ns() == 10**39


@pytest.mark.parametrize("name", ["target", "tool"])
def test_a_gateway_target_or_tool_of_another_type_is_a_type_error(name: str) -> None:
    arguments: dict[str, Any] = {"target": "OrderTools", "tool": "get_order", name: 5}
    with pytest.raises(TypeError, match=name):
        gateway_client_context(**arguments)


@pytest.mark.parametrize("name", ["client_context", "identity"])
def test_an_unvalidated_mapping_that_raises_is_a_value_error_naming_it(name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: reading the mapping raised RuntimeError"):
        make_lambda_context(**{name: RaisingMapping()}, validate=False)


@pytest.mark.parametrize("text", ["{", b"\xff", "{} x"], ids=["cut", "not utf-8", "extra"])
@pytest.mark.parametrize("name", ["client_context", "identity"])
def test_unvalidated_text_that_is_not_json_is_a_value_error_naming_it(name: str, text: str | bytes) -> None:
    with pytest.raises(ValueError, match=rf"^{name} is not JSON the runtime can read \(json\.loads: ") as caught:
        make_lambda_context(**{name: text}, validate=False)

    assert type(caught.value) is ValueError  # not JSONDecodeError or UnicodeDecodeError, with their own fields


def test_unvalidated_trace_fields_are_plain_text() -> None:
    class Lying(str):
        __slots__ = ()

        def __repr__(self) -> str:
            raise RuntimeError("repr")

    traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    fake = make_lambda_context(client_context={"w3c": {"traceparent": Lying(traceparent)}}, validate=False)

    assert fake.w3c() == {"traceparent": traceparent}
    assert type(fake.w3c()["traceparent"]) is str


class _Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("repr")


@pytest.mark.parametrize(
    "make",
    [
        lambda: make_lambda_context(function_name="f" * 1_000_000),
        lambda: make_lambda_context(region="x" * 1_000_000),
        lambda: make_lambda_context(memory_limit_in_mb="1" * 1_000_000 + "x"),
        lambda: make_lambda_context(client_context="[" + "1," * 500_000 + "1]", validate=False),
        lambda: make_lambda_context(client_context={"client": [1] * 1_000_000}, validate=False),
        lambda: make_lambda_context(client_context={"client": [_Unprintable()]}, validate=False),
        lambda: gateway_client_context(target="t" * 1_000_000, tool="get"),
    ],
    ids=["function_name", "region", "memory", "json list", "client list", "unprintable", "gateway target"],
)
def test_a_huge_or_unprintable_wrong_value_gives_a_short_message(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match=r"got |fails the invocation on ") as caught:
        make()

    assert len(str(caught.value)) < 300
