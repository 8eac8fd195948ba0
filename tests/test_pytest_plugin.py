"""The pytest plugin, run the way a user's project runs it: through the pytest11 entry point, with no conftest."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run pytest in-process on the test directory, as a project with the package installed would."""
    # Hypothesis's plugin (in our dev environment, not a dependency) costs about a second per in-process run.
    return pytester.runpytest("-p", "no:hypothesispytest", *args)


def test_the_fixture_works_with_no_import_and_no_conftest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_context(lambda_context):
            assert lambda_context.memory_limit_in_mb == "128"
            assert lambda_context.get_remaining_time_in_millis() == 3000
            assert lambda_context.invoked_function_arn.startswith("arn:aws:lambda:")
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_each_test_gets_a_fresh_context(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        seen = []

        def test_one(lambda_context):
            lambda_context.log("one")
            seen.append(lambda_context)

        def test_two(lambda_context):
            assert lambda_context.logs == []
            assert lambda_context.aws_request_id != seen[0].aws_request_id
        """
    )
    run(pytester).assert_outcomes(passed=2)


def test_a_handler_computing_with_the_memory_fails_as_in_production(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def handler(event, context):
            return {"budget_mb": context.memory_limit_in_mb / 2}

        def test_handler(lambda_context):
            assert handler({}, lambda_context) == {"budget_mb": 64}
        """
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*TypeError: unsupported operand type(s) for /: 'str' and 'int'*"])


def test_the_marker_sets_overrides_and_the_closest_marker_wins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.lambda_context(function_name="orders", timeout=60)

        @pytest.mark.lambda_context(memory_limit_in_mb=1024)
        class TestOrders:
            def test_class_and_module(self, lambda_context):
                assert lambda_context.function_name == "orders"
                assert lambda_context.memory_limit_in_mb == "1024"
                assert lambda_context.get_remaining_time_in_millis() == 60000

            @pytest.mark.lambda_context(memory_limit_in_mb=2048, qualifier="live")
            def test_function_wins(self, lambda_context):
                assert lambda_context.memory_limit_in_mb == "2048"
                assert lambda_context.invoked_function_arn.endswith(":function:orders:live")

        def test_module_only(lambda_context):
            assert lambda_context.memory_limit_in_mb == "128"
            assert lambda_context.log_group_name == "/aws/lambda/orders"
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=3)


def test_the_marker_takes_payloads(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.lambda_context(
            client_context='{"client": {"app_title": "Orders"}, "custom": {"tier": "gold"}}',
            identity={"cognitoIdentityId": "us-east-1:abc"},
        )
        def test_payloads(lambda_context):
            assert lambda_context.client_context.client.app_title == "Orders"
            assert lambda_context.client_context.custom == {"tier": "gold"}
            assert lambda_context.identity.cognito_identity_id == "us-east-1:abc"
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=1)


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.lambda_context(**overrides):*make_lambda_context()*"])


def test_the_fixtures_are_listed_with_their_docs(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--fixtures")
    result.stdout.fnmatch_lines(["lambda_context -- *", "    A fresh fake context*"])
    result.stdout.fnmatch_lines(["make_lambda_context -- *", "    The *make_lambda_context* factory*"])


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("pytest.mark.lambda_context(512)", "*TypeError: @pytest.mark.lambda_context takes keyword arguments only*"),
        ("pytest.mark.lambda_context(memory_size=512)", "*TypeError:*unexpected keyword argument 'memory_size'*"),
        ("pytest.mark.lambda_context(timeout=-1)", "*ValueError: timeout must be above 0*"),
        ("pytest.mark.lambda_context(client_context='[]')", "*ContextValidationError: invalid client context*"),
    ],
)
def test_a_bad_marker_errors_the_test_with_a_clear_message(
    pytester: pytest.Pytester, marker: str, message: str
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @{marker}
        def test_context(lambda_context):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([message])


def test_the_factory_fixture_makes_contexts(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from lambda_context_types.testing import FakeClock, LambdaContextFactory

        def test_factory(make_lambda_context: LambdaContextFactory):
            clock = FakeClock()
            first = make_lambda_context(timeout=10, clock=clock)
            clock.advance(9.5)
            second = make_lambda_context(timeout=10, clock=clock, tenant_id="t-1")
            assert first.get_remaining_time_in_millis() == 500
            assert second.get_remaining_time_in_millis() == 10000
            assert second.tenant_id == "t-1"
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_the_plugin_does_not_import_pydantic(pytester: pytest.Pytester) -> None:
    # In a fresh interpreter, as a user's pytest run starts: only a payload override may bring pydantic in.
    pytester.makepyfile(
        """
        import sys

        def test_no_pydantic(lambda_context, make_lambda_context):
            make_lambda_context(memory_limit_in_mb=256)
            assert "lambda_context_types._pytest_plugin" in sys.modules
            assert "pydantic" not in sys.modules
        """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)
