"""A griffe extension: the package's docstrings use reST roles, which mkdocstrings would print as they are.

``:class:`~lambda_context_types.LambdaContext``` becomes a cross-reference to the API reference entry (shown as
``LambdaContext``, as the ``~`` asks); a target outside the package (``ValueError``, ``dataclasses.replace``) becomes
inline code, since the site has no inventory of the standard library's documentation. ``text::`` before a literal
block loses one colon, as reST itself shows it.
"""

from __future__ import annotations

import builtins
import re
import sys
from typing import Any

import griffe

ROLE = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):`(~?)([\w.]+)`")


def _outside_the_package(target: str) -> bool:
    first = target.split(".")[0]
    return first in sys.stdlib_module_names or hasattr(builtins, first)


def _replace(match: re.Match[str]) -> str:
    short, target = match.groups()
    shown = target.rsplit(".", 1)[-1] if short else target
    if _outside_the_package(target):
        return f"`{shown}`"
    return f"[`{shown}`][{target}]"


class SphinxRoles(griffe.Extension):
    """Rewrite the roles of every docstring when griffe loads it, before mkdocstrings renders it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            text = ROLE.sub(_replace, obj.docstring.value)
            obj.docstring.value = re.sub(r"::$", ":", text, flags=re.MULTILINE)
