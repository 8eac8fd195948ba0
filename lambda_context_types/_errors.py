"""The one exception the package raises for bad input.

Exception tree::

    ValueError
    └── ContextValidationError   every rejected payload: not JSON, bad base64, too large, wrong shape or type

It lives apart from the models so that catching it does not import pydantic. It also holds the key-path spelling
(``client.app_title``, ``custom.tags[2]``, ``custom["a.b"]``) that every report of the package shares.
"""

# No `from __future__ import annotations`: with it, NamedTuple compiles Problem's annotation strings, 1.5 ms of a
# 2 ms import (see _protocols.py).
from collections.abc import Iterable
from typing import Final, Literal, NamedTuple

# join_path, format_path, capped, MAX_PROBLEMS, TOP_LEVEL and PayloadKind are for the package's own modules, not
# part of the public API.
__all__ = ["ContextValidationError", "Problem"]

PayloadKind = Literal["client context", "Cognito identity"]

TOP_LEVEL: Final = "(top level)"
"""How a report names the empty path: the whole payload."""


MAX_PROBLEMS: Final = 20
"""A report is for people: past this many problems, the rest are counted, not listed."""


def join_path(path: str, key: str | int) -> str:
    """Extend a key path by one object key or array index: ``custom`` and ``"tags"`` give ``custom.tags``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    # Keys that would read ambiguously in a dotted path are written as quoted indexes: custom["a.b"], custom[""].
    if not key or not key.isascii() or not key.replace("_", "a").replace("-", "a").isalnum():
        import json  # here, not at the top: this module is part of the 2 ms `import lambda_context_types`

        return f"{path}[{json.dumps(key)}]"
    return f"{path}.{key}" if path else key


def format_path(loc: Iterable[str | int]) -> str:
    """Write a sequence of keys and indexes as one key path; ``""`` for the whole payload."""
    path = ""
    for key in loc:
        path = join_path(path, key)
    return path


class Problem(NamedTuple):
    """One reason a payload was rejected."""

    path: str
    """Where the problem is, as a dotted key path (``client.app_title``, ``custom.tags[2]``); ``""`` for the whole
    payload."""

    message: str
    """What is wrong there, and the fix where there is one."""

    def __str__(self) -> str:
        return f"{self.path or TOP_LEVEL}: {self.message}"


class ContextValidationError(ValueError):
    """A client context or Cognito identity payload was rejected.

    ``str(error)`` is a header line with the number of problems (``invalid client context: 2 problems``), then one
    indented ``path: message`` line per listed problem, and ``... and N more`` when some were not listed.
    ``error.problems`` holds the listed problems as data.
    """

    what: PayloadKind
    """What was being read: ``"client context"`` or ``"Cognito identity"``."""

    problems: tuple[Problem, ...]
    """The problems listed, never empty: first those in typed fields, in the order the model declares them, then
    those inside the free-form parts (``custom``, ``services``, unknown keys). Long reports are cut after 20; see
    :attr:`omitted`."""

    omitted: int
    """How many more problems were found but not listed; ``len(problems) + omitted`` is the true total."""

    def __init__(self, what: PayloadKind, problems: tuple[Problem, ...], omitted: int = 0) -> None:
        if not problems:
            raise TypeError("ContextValidationError needs at least one problem")
        self.what = what
        self.problems = problems
        self.omitted = omitted
        # args mirror the constructor so the error pickles and copies.
        super().__init__(what, problems, omitted)

    def __str__(self) -> str:
        count = len(self.problems) + self.omitted
        lines = [f"invalid {self.what}: {count:,} problem{'s' if count != 1 else ''}"]
        lines += [f"  {problem}" for problem in self.problems]
        if self.omitted:
            lines.append(f"  ... and {self.omitted:,} more")
        return "\n".join(lines)


def capped(what: PayloadKind, problems: Iterable[Problem], omitted: int = 0) -> ContextValidationError:
    """The error listing the first :data:`MAX_PROBLEMS` of ``problems``; the rest are added to ``omitted``."""
    every = tuple(problems)
    return ContextValidationError(what, every[:MAX_PROBLEMS], omitted + max(0, len(every) - MAX_PROBLEMS))
