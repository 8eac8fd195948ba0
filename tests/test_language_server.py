"""What an editor shows: basedpyright's language server, driven over stdio as an editor drives it.

Completion on ``context.`` must list every member of the package's ``LambdaContext`` with its docstring, and hover on
a member of the runtime's own class must show the docstring the bundled awslambdaric stubs give it.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import sys
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from typing_extensions import get_protocol_members

from lambda_context_types import LambdaContext

T = TypeVar("T")

# A language server that does not answer within this many seconds has failed the test (it answers in about one).
TIMEOUT = 60

SERVER = str(Path(sys.executable).parent / "basedpyright-langserver")

HANDLER = """\
from lambda_context_types import LambdaContext


def handler(event: dict[str, object], context: LambdaContext) -> None:
    context.
"""

RUNTIME_HANDLER = """\
from awslambdaric.lambda_context import LambdaContext


def handler(event: dict[str, object], context: LambdaContext) -> int:
    return int(context.memory_limit_in_mb) + context.get_remaining_time_in_millis()
"""


async def answer(request: Awaitable[T]) -> T:
    return await asyncio.wait_for(request, TIMEOUT)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty project folder, strict as a user's would be; documents are opened as unsaved buffers in it."""
    folder = tmp_path_factory.mktemp("lsp_workspace")
    (folder / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}')
    return folder


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[SERVER, "--stdio"],
        # The server finds the environment to analyse through the `python` on PATH, as in an editor's terminal.
        server_env={**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])},
    ),
    scope="module",
)
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    # VS Code's capabilities allow dynamic registration, which the server then asks for; accept it, as VS Code does.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams) -> None:
        return None

    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name=workspace.name)],
    )
    await answer(lsp_client.initialize_session(params))
    yield
    await answer(lsp_client.shutdown_session())


def open_document(client: LanguageClient, path: Path, text: str) -> str:
    """Open an editor buffer holding ``text`` (no file is written) at ``path`` and return its URI."""
    uri = path.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    return uri


def documentation_text(documentation: str | types.MarkupContent | None) -> str:
    if isinstance(documentation, types.MarkupContent):
        return documentation.value
    return documentation or ""


def first_line(docstring: str | None) -> str:
    """The docstring's first line as pyright renders it: reStructuredText ``code`` becomes Markdown `code`."""
    assert docstring, "every Protocol member has a docstring"
    return inspect.cleandoc(docstring).splitlines()[0].replace("``", "`")


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_lists_every_member_with_its_documentation(client: LanguageClient, workspace: Path) -> None:
    uri = open_document(client, workspace / "completion.py", HANDLER)
    line = HANDLER.splitlines().index("    context.")
    params = types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=len("    context.")),
    )

    result = await answer(client.text_document_completion_async(params))

    items = result.items if isinstance(result, types.CompletionList) else result or []
    by_label = {item.label: item for item in items}
    members = get_protocol_members(LambdaContext)
    assert members <= by_label.keys(), sorted(by_label)
    for name in sorted(members):
        item = by_label[name]
        if item.documentation is None:
            # Editors ask for the documentation of the item the cursor is on; pyright sends it then.
            item = await answer(client.completion_item_resolve_async(item))
        expected = first_line(getattr(LambdaContext, name).__doc__)
        assert expected in documentation_text(item.documentation), (name, item.documentation)


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("memory_limit_in_mb", "copied unconverted"),
        ("get_remaining_time_in_millis", "never below 0"),
    ],
)
@pytest.mark.asyncio(loop_scope="module")
async def test_hover_on_the_runtime_class_shows_the_stub_docstring(
    client: LanguageClient, workspace: Path, member: str, expected: str
) -> None:
    uri = open_document(client, workspace / f"hover_{member}.py", RUNTIME_HANDLER)
    (line,) = [number for number, text in enumerate(RUNTIME_HANDLER.splitlines()) if member in text]
    params = types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=RUNTIME_HANDLER.splitlines()[line].index(member) + 1),
    )

    hover = await answer(client.text_document_hover_async(params))

    assert hover is not None
    contents = hover.contents
    text = contents.value if isinstance(contents, types.MarkupContent) else str(contents)
    assert member in text
    assert expected in text, text
