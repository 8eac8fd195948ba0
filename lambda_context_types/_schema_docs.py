"""JSON Schema descriptions from docstrings, written when a schema is asked for rather than at import.

pydantic's ``use_attribute_docstrings`` reads and parses a model's source when the class is created: about 10 ms for
:class:`~lambda_context_types.agentcore.GatewayToolCall`, paid by every cold start that imports the module, for a
schema most functions never print. The models of ``_models`` and ``agentcore`` both use it. Not public API.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from typing import Any

__all__: list[str] = []


def describe_fields(schema: dict[str, Any], cls: type[Any]) -> None:
    """Fill the schema's descriptions: the model's first docstring paragraph, each field's attribute docstring."""
    if cls.__doc__:
        schema["description"] = plain_text(inspect.cleandoc(cls.__doc__).split("\n\n")[0])
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source shipped: no field descriptions
        return
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {
        node.target.id: plain_text(inspect.cleandoc(following.value.value))
        for node, following in itertools.pairwise(body)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    }
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    for name, field in cls.model_fields.items():
        prop = properties.get(field.alias or name)
        if prop is not None and name in docs:
            prop.setdefault("description", docs[name])


def plain_text(docstring: str) -> str:
    """A docstring without reST markup, as reST shows it: ``x`` becomes x, :class:`~a.B` becomes B (and
    :class:`a.B` stays a.B), line breaks become spaces."""

    def role(match: re.Match[str]) -> str:
        target = match[1]
        return target.rsplit(".", 1)[-1] if target.startswith("~") else target

    text = re.sub(r":[a-z:]+:`([^`]+)`", role, docstring)
    return re.sub(r"``(.+?)``", r"\1", text).replace("\n", " ")
