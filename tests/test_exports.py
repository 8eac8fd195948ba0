"""`lambda_context_types.__all__` is the public surface, every name in it resolves, and the import stays light."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import lambda_context_types


def test_all_lists_exactly_the_public_names() -> None:
    # dir() lists the eager names and, through the module's __dir__, the lazily loaded ones.
    exported = {
        name
        for name in dir(lambda_context_types)
        if not name.startswith("_") and not inspect.ismodule(getattr(lambda_context_types, name))
    }

    assert exported == set(lambda_context_types.__all__)
    assert len(lambda_context_types.__all__) == len(set(lambda_context_types.__all__))


def test_every_name_in_all_resolves_and_belongs_to_the_package() -> None:
    for name in lambda_context_types.__all__:
        value = getattr(lambda_context_types, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("lambda_context_types."), (name, value.__module__)


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchName"):
        lambda_context_types.NoSuchName  # type: ignore[attr-defined]  # noqa: B018


def test_importing_the_protocols_does_not_import_pydantic() -> None:
    # A handler that only annotates `context: LambdaContext` must not pay for pydantic at cold start.
    code = (
        "import sys\n"
        "import lambda_context_types\n"
        "from lambda_context_types import LambdaContext, ContextValidationError\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in {'pydantic', 'pydantic_core'})\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_models_load_on_first_use() -> None:
    code = (
        "import sys\n"
        "import lambda_context_types\n"
        "lambda_context_types.ClientContextModel\n"
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_the_agentcore_module_exports_exactly_its_public_names() -> None:
    from lambda_context_types import agentcore

    exported = {
        name
        for name, value in vars(agentcore).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == agentcore.__name__
    }

    assert exported == set(agentcore.__all__)
