"""The pytest plugin: a ``lambda_context`` fixture, a ``make_lambda_context`` factory fixture and a marker.

pytest loads it in every run of every project that has the package installed (the ``pytest11`` entry point), so it
must stay cheap: it imports :mod:`lambda_context_types.testing`, which does not import pydantic.
"""

from __future__ import annotations

from typing import Any

import pytest

from .testing import FakeLambdaContext, LambdaContextFactory, make_lambda_context

__all__ = ["lambda_context", "lambda_context_factory", "pytest_configure"]


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``lambda_context`` marker, so that ``--strict-markers`` accepts it."""
    config.addinivalue_line(
        "markers",
        "lambda_context(**overrides): keyword arguments of lambda_context_types.testing.make_lambda_context() "
        "for the lambda_context fixture",
    )


@pytest.fixture(name="make_lambda_context")
def lambda_context_factory() -> LambdaContextFactory:
    """The :func:`~lambda_context_types.testing.make_lambda_context` factory, to make contexts inside a test.

    Annotate it as :class:`~lambda_context_types.testing.LambdaContextFactory`.
    """
    return make_lambda_context


@pytest.fixture
def lambda_context(request: pytest.FixtureRequest) -> FakeLambdaContext:
    """A fresh fake context for the test, made with the overrides of its ``lambda_context`` markers.

    Markers on the module, the class and the function combine; the closest one wins for a key it sets.
    """
    overrides: dict[str, Any] = {}
    # iter_markers yields the closest marker first; apply the farthest first so the closest wins.
    for marker in reversed(list(request.node.iter_markers("lambda_context"))):
        if marker.args:
            raise TypeError(f"@pytest.mark.lambda_context takes keyword arguments only, got positional {marker.args!r}")
        overrides.update(marker.kwargs)
    return make_lambda_context(**overrides)
