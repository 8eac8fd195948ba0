# pyright: strict
"""check_portability takes one runtime name or several, and its findings are typed precisely."""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from lambda_context_types import RUNTIMES, Finding, Runtime, check_portability


def check_runtimes(one: Runtime, several: list[Runtime]) -> None:
    assert_type(check_portability('{"custom": {}}'), list[Finding])
    assert_type(check_portability({}, "go"), list[Finding])
    assert_type(check_portability({}, one), list[Finding])
    assert_type(check_portability({}, several), list[Finding])
    assert_type(check_portability({}, ("go", "java")), list[Finding])
    assert_type(check_portability({}, RUNTIMES), list[Finding])
    assert_type(check_portability(b"{}", None, invocation_type="Event"), list[Finding])


def check_finding(finding: Finding) -> None:
    assert_type(finding.runtime, Literal["python", "node", "go", "java", "dotnet", "rust", "invoke"])
    assert_type(
        finding.effect,
        Literal["dropped", "moved", "stringified", "merged", "rounded", "fails", "too large", "not delivered"],
    )
    assert_type(finding.path, str)
    assert_type(finding.fix, str | None)


def check_refused(name: str) -> None:
    check_portability({}, "ruby")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    check_portability({}, name)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    check_portability({}, ["go", "ruby"])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    check_portability({}, invocation_type="Async")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
