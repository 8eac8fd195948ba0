"""A typed handler that reads the client context and the Cognito identity safely.

Both can be None, and so can every field inside them: the runtime passes on whatever the caller sent. The type
checker insists on each check below; without them the handler would crash on an invocation that carried no client
context (every asynchronous one).
"""

from __future__ import annotations

from typing import Any

from lambda_context_types import LambdaContext


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Greet the caller, naming the app and the Cognito identity when the invocation carried them."""
    app_title = "an unknown app"
    tier = "standard"
    client_context = context.client_context
    if client_context is not None:
        if client_context.client is not None and client_context.client.app_title is not None:
            app_title = client_context.client.app_title
        # custom holds whatever JSON the caller sent: check the type before using a value.
        custom_tier = (client_context.custom or {}).get("tier")
        if isinstance(custom_tier, str):
            tier = custom_tier

    identity_id = context.identity.cognito_identity_id if context.identity is not None else None

    context.log(f"greeting from {app_title} for {identity_id or 'an anonymous caller'}")
    return {
        "message": f"Hello {event.get('name', 'there')}, from {app_title}",
        "tier": tier,
        "identity_id": identity_id,
        # The memory size is text, as on Lambda: convert it before computing.
        "memory_mb": int(context.memory_limit_in_mb),
        "time_left_ms": context.get_remaining_time_in_millis(),
    }
