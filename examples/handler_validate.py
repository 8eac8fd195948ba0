"""A typed handler that validates ``context.client_context`` into a model before using it.

The runtime checks nothing: a caller can send ``"app_version_code": 42`` or a ``custom`` list and the handler finds
out when it crashes. ``parse_client_context`` turns the runtime's object into a ``ClientContextModel`` or raises
``ContextValidationError`` naming every bad field.
"""

from __future__ import annotations

from typing import Any

from lambda_context_types import ContextValidationError, LambdaContext, parse_client_context


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Answer with the calling app's version, or a 400 when the client context is missing or invalid."""
    if context.client_context is None:
        return {"statusCode": 400, "error": "this function needs a client context"}
    try:
        client_context = parse_client_context(context.client_context)
    except ContextValidationError as error:
        # One line per problem, each starting with the key path (client.app_version_code: ...).
        context.log(str(error))
        return {"statusCode": 400, "error": str(error), "fields": [problem.path for problem in error.problems]}

    client = client_context.client
    return {
        "statusCode": 200,
        "app": None if client is None else client.app_title,
        "version": None if client is None else client.app_version_name,
        "custom": dict(client_context.custom or {}),
    }
