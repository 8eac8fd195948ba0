"""The one exception the package raises for bad input.

Exception tree::

    ValueError
    └── ContextValidationError   every rejected payload: not JSON, bad base64, too large, wrong shape or type

It lives apart from the models so that catching it does not import pydantic.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ContextValidationError", "Problem"]


class Problem(NamedTuple):
    """One reason a payload was rejected."""

    path: str
    """Where the problem is, as a dotted key path (``client.app_title``, ``custom.tags[2]``); ``""`` for the whole
    payload."""

    message: str
    """What is wrong there, and the fix where there is one."""

    def __str__(self) -> str:
        return f"{self.path or '(top level)'}: {self.message}"


class ContextValidationError(ValueError):
    """A client context or Cognito identity payload was rejected.

    ``str(error)`` is one line per problem, each starting with the key path; ``error.problems`` has the same as data.
    """

    problems: tuple[Problem, ...]
    """Every problem found, in payload order; never empty."""

    what: str
    """What was being read: ``"client context"`` or ``"Cognito identity"``."""

    def __init__(self, what: str, problems: tuple[Problem, ...]) -> None:
        if not problems:
            raise TypeError("ContextValidationError needs at least one problem")
        self.what = what
        self.problems = problems
        # args mirror the constructor so the error pickles and copies.
        super().__init__(what, problems)

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"invalid {self.what}: {count} problem{'s' if count != 1 else ''}"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])
