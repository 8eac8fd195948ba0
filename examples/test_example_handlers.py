"""Tests of the example handlers, written as a project using lambda-context-types writes them.

The ``lambda_context`` and ``make_lambda_context`` fixtures and the ``lambda_context`` marker come from the package's
pytest plugin: no conftest, no fixture import; lambda_context_types.testing is imported for the annotations only.
"""

from __future__ import annotations

import handler_basic
import handler_validate
import pytest

from lambda_context_types.testing import FakeLambdaContext, LambdaContextFactory

ANDROID_APP = {
    "client": {"app_title": "Orders", "app_version_name": "1.4.2", "app_version_code": "42"},
    "custom": {"tier": "gold"},
    "env": {"platform": "Android"},
}


def test_basic_handler_without_client_context(lambda_context: FakeLambdaContext) -> None:
    result = handler_basic.handler({"name": "Ada"}, lambda_context)

    assert result["message"] == "Hello Ada, from an unknown app"
    assert result["identity_id"] is None
    assert result["memory_mb"] == 128
    assert lambda_context.logs == ["greeting from an unknown app for an anonymous caller"]


@pytest.mark.lambda_context(
    client_context=ANDROID_APP,
    identity={"cognitoIdentityId": "us-east-1:0000-1111", "cognitoIdentityPoolId": "us-east-1:2222-3333"},
    memory_limit_in_mb=512,
)
def test_basic_handler_with_client_context(lambda_context: FakeLambdaContext) -> None:
    result = handler_basic.handler({}, lambda_context)

    assert result["message"] == "Hello there, from Orders"
    assert result["tier"] == "gold"
    assert result["identity_id"] == "us-east-1:0000-1111"
    assert result["memory_mb"] == 512


def test_basic_handler_reports_the_time_left(make_lambda_context: LambdaContextFactory) -> None:
    context = make_lambda_context(timeout=10)
    context.clock.advance(7.5)

    assert handler_basic.handler({}, context)["time_left_ms"] == 2500


def test_basic_handler_without_identity(make_lambda_context: LambdaContextFactory) -> None:
    # The current runtime always builds an identity, but AWS documents it as nullable.
    assert handler_basic.handler({}, make_lambda_context(identity=None))["identity_id"] is None


@pytest.mark.lambda_context(client_context=ANDROID_APP)
def test_validating_handler_accepts_a_valid_client_context(lambda_context: FakeLambdaContext) -> None:
    result = handler_validate.handler({}, lambda_context)

    assert result == {"statusCode": 200, "app": "Orders", "version": "1.4.2", "custom": {"tier": "gold"}}


def test_validating_handler_refuses_what_the_runtime_lets_through(make_lambda_context: LambdaContextFactory) -> None:
    # validate=False builds the client context as the runtime does, unchecked: a number where text belongs.
    context = make_lambda_context(client_context={"client": {"app_version_code": 42}}, validate=False)

    result = handler_validate.handler({}, context)

    assert result["statusCode"] == 400
    assert result["fields"] == ["client.app_version_code"]
    assert context.logs == [result["error"]]


def test_validating_handler_needs_a_client_context(lambda_context: FakeLambdaContext) -> None:
    assert handler_validate.handler({}, lambda_context)["statusCode"] == 400
