"""`lambda_context_types.__all__` is the public surface, every name in it resolves, and the import stays light."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from conftest import fresh_python

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


def test_the_lazy_names_are_the_modules_own_all() -> None:
    # The runtime reads the lazy names from _LAZY; type checkers, under TYPE_CHECKING, from `from .m import *` and
    # `__all__ += m.__all__` for each module. Both must name the same modules, and _LAZY each module's __all__.
    lazy: dict[str, str] = lambda_context_types._LAZY
    source = Path(lambda_context_types.__file__).read_text(encoding="utf-8")
    block = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    )
    star_imported = {
        f".{node.module}" for node in block.body if isinstance(node, ast.ImportFrom) and node.names[0].name == "*"
    }
    added_to_all = {
        f".{node.value.value.id}"
        for node in block.body
        if isinstance(node, ast.AugAssign)
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
    }

    assert star_imported == added_to_all == set(lazy.values())
    for module_name in set(lazy.values()):
        module = importlib.import_module(module_name, "lambda_context_types")
        assert {name for name, home in lazy.items() if home == module_name} == set(module.__all__), module_name


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
    output = fresh_python(code)
    assert output == "[]"


def test_importing_the_package_imports_only_what_typing_has_already_loaded() -> None:
    # __future__ alone costs 0.2-0.3 ms, a third of the import: the eagerly imported modules do without it.
    code = (
        "import sys, typing\n"
        "before = set(sys.modules)\n"
        "import lambda_context_types\n"
        "print(sorted(name for name in set(sys.modules) - before if not name.startswith('lambda_context_types')))\n"
    )
    assert fresh_python(code) == "[]"


def test_the_models_load_on_first_use() -> None:
    code = (
        "import sys\n"
        "import lambda_context_types\n"
        "lambda_context_types.ClientContextModel\n"
        "print('pydantic' in sys.modules)\n"
    )
    output = fresh_python(code)
    assert output == "True"


def test_the_agentcore_module_exports_exactly_its_public_names() -> None:
    from lambda_context_types import agentcore

    exported = {
        name
        for name, value in vars(agentcore).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == agentcore.__name__
    }

    assert exported == set(agentcore.__all__)
