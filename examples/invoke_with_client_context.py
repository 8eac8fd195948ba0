"""Invoke another function synchronously with a client context built by the model.

``parse_client_context()`` checks the payload (a bad field raises ``ContextValidationError``, the package's one error
for bad input; the model's own constructor would raise pydantic's ``ValidationError`` instead). ``to_base64()`` gives
the Invoke API's form and refuses one over the API's limit of 3,583 bytes with ``ContextValidationError`` too, before
the request is sent. Only ``RequestResponse`` invocations carry a client context: with ``InvocationType="Event"``
Lambda drops it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lambda_context_types import ClientContextModel, parse_client_context

if TYPE_CHECKING:
    from mypy_boto3_lambda import LambdaClient


def build_client_context(user_id: str) -> ClientContextModel:
    """The client context this app sends: who is calling, and the user in ``custom``."""
    return parse_client_context(
        {
            "client": {
                "installation_id": "7f2c1d3e-0000-4000-8000-000000000001",
                "app_title": "Orders",
                "app_version_name": "1.4.2",
                "app_version_code": "42",
                "app_package_name": "com.example.orders",
            },
            "custom": {"user_id": user_id},
            "env": {"platform": "backend", "locale": "en_US"},
        }
    )


def get_profile(lambda_client: LambdaClient, user_id: str, function_name: str = "profile-service") -> dict[str, Any]:
    """Invoke ``function_name`` for ``user_id`` and return the JSON object it answered with."""
    response = lambda_client.invoke(
        FunctionName=function_name,
        InvocationType="RequestResponse",
        ClientContext=build_client_context(user_id).to_base64(),
        Payload=json.dumps({"action": "get-profile"}).encode(),
    )
    # Present only when the function raised; the stubs type the key as always there.
    function_error = response.get("FunctionError")
    if function_error:
        raise RuntimeError(f"{function_name} failed: {function_error}")
    profile: dict[str, Any] = json.loads(response["Payload"].read())
    return profile


def main() -> None:
    """Call the profile service with the default AWS credentials and region."""
    import boto3

    # With boto3-stubs installed for Lambda alone, pyright strict sees the overloads of the other services as unknown.
    lambda_client: LambdaClient = boto3.client("lambda")  # pyright: ignore[reportUnknownMemberType]
    print(get_profile(lambda_client, "user-1"))


if __name__ == "__main__":
    main()
