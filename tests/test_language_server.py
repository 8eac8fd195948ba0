"""What an editor shows: language servers, driven over stdio as an editor drives them.

Completion on ``context.`` must list every member of the package's ``LambdaContext`` with its docstring (under
basedpyright's server, the engine of Pylance, and under pyrefly's; ty's shows `str`'s docstring on a property, an
expected failure), and hover on a member of the runtime's own class must show the docstring the bundled awslambdaric
stubs give it (basedpyright).

The client is a few lines of JSON-RPC over the server's stdin and stdout (the Language Server Protocol's base
protocol), answering the requests the server sends the way VS Code does; every wait has a timeout.
"""

from __future__ import annotations

import inspect
import itertools
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from typing_extensions import get_protocol_members

from lambda_context_types import LambdaContext

# A server that has not answered within this many seconds has failed the test (it answers in a few).
TIMEOUT = 60

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


class LanguageServer:
    """A language server subprocess and the client end of its JSON-RPC connection."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        self.ids = itertools.count(1)
        self.resolves_completions = False
        self.responses: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while (header := stream.readline()) not in (b"\r\n", b""):
                name, _, value = header.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not header:
                return
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:
                self._answer(message)
            elif "id" in message:
                self.responses.put(message)

    def _answer(self, request: dict[str, Any]) -> None:
        # What VS Code answers: no settings beyond the config file; yes to registrations and progress reports.
        if request["method"] == "workspace/configuration":
            result: Any = [None for _ in request["params"]["items"]]
        else:
            result = None
        self._send({"id": request["id"], "result": result})

    def request(self, method: str, params: Any) -> Any:
        request_id = next(self.ids)
        self._send({"id": request_id, "method": method, "params": params})
        while True:
            try:
                response = self.responses.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"the language server did not answer {method} within {TIMEOUT} s")
            if response["id"] == request_id:
                assert "error" not in response, response
                return response["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        """Open an editor buffer holding ``text`` at ``path`` (no file is written) and return its URI."""
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "python", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=TIMEOUT)
        finally:
            self.process.kill()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty project folder, strict as a user's would be."""
    folder = tmp_path_factory.mktemp("lsp_workspace")
    (folder / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}')
    return folder


SERVERS = {
    "basedpyright": ["basedpyright-langserver", "--stdio"],
    "pyrefly": ["pyrefly", "lsp"],
    "ty": ["ty", "server"],
}


def start(name: str, workspace: Path) -> LanguageServer:
    """Start a language server installed beside this interpreter, with ``workspace`` open as VS Code would."""
    scripts = Path(sys.executable).parent
    # The servers find the environment to analyse through the `python` on PATH, as in an editor's terminal.
    env = {**os.environ, "PATH": os.pathsep.join([str(scripts), os.environ.get("PATH", "")])}
    command, *args = SERVERS[name]
    server = LanguageServer([str(scripts / command), *args], env)
    markdown = {"contentFormat": ["markdown", "plaintext"]}
    capabilities = {
        "textDocument": {
            "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
            "hover": markdown,
        },
        "workspace": {"configuration": True, "workspaceFolders": True},
    }
    initialized = server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": workspace.name}],
            "capabilities": capabilities,
        },
    )
    server.notify("initialized", {})
    server.resolves_completions = bool(initialized["capabilities"].get("completionProvider", {}).get("resolveProvider"))
    return server


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[LanguageServer]:
    """basedpyright's language server, the engine of Pylance."""
    server = start("basedpyright", workspace)
    try:
        yield server
    finally:
        server.close()


def text_of(content: Any) -> str:
    """The text of an LSP MarkupContent, MarkedString or list of them."""
    if isinstance(content, list):
        return "\n".join(text_of(part) for part in content)
    if isinstance(content, dict):
        return str(content.get("value", ""))
    return str(content or "")


def completion_documentation(server: LanguageServer, path: Path) -> dict[str, str]:
    """The documentation of each item completion offers on ``context.`` in :data:`HANDLER`."""
    uri = server.open(path, HANDLER)
    line = HANDLER.splitlines().index("    context.")
    position = {"line": line, "character": len("    context.")}

    result = server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})

    documentation = {}
    for item in result["items"] if isinstance(result, dict) else result:
        wanted = item["label"] in get_protocol_members(LambdaContext)
        if wanted and "documentation" not in item and server.resolves_completions:
            # Editors ask for the documentation of the item the cursor is on; pyright sends it then.
            item = server.request("completionItem/resolve", item)
        documentation[item["label"]] = text_of(item.get("documentation"))
    return documentation


def assert_every_member_is_documented(documentation: dict[str, str]) -> None:
    members = get_protocol_members(LambdaContext)
    assert members <= documentation.keys(), sorted(documentation)
    for name in sorted(members):
        docstring = inspect.cleandoc(getattr(LambdaContext, name).__doc__ or "")
        # Servers render reStructuredText ``code`` as Markdown `code`, or leave it; compare the words alone.
        assert words(docstring.splitlines()[0]) in words(documentation[name]), (name, documentation[name])


def words(text: str) -> str:
    return " ".join(re.sub(r"[`\\]", "", text).split())


def test_completion_lists_every_member_with_its_documentation(server: LanguageServer, workspace: Path) -> None:
    assert_every_member_is_documented(completion_documentation(server, workspace / "completion.py"))


@pytest.mark.parametrize(
    "name",
    [
        "pyrefly",
        pytest.param(
            "ty",
            marks=pytest.mark.xfail(
                reason="ty 0.0.104 shows the docstring of `str` on a property that returns one", strict=True
            ),
        ),
    ],
)
def test_other_servers_document_every_member_too(name: str, workspace: Path) -> None:
    server = start(name, workspace)
    try:
        documentation = completion_documentation(server, workspace / f"completion_{name}.py")
    finally:
        server.close()

    assert_every_member_is_documented(documentation)


@pytest.mark.parametrize(
    ("member", "expected"),
    [("memory_limit_in_mb", "copied unconverted"), ("get_remaining_time_in_millis", "never below 0")],
)
def test_hover_on_the_runtime_class_shows_the_stub_docstring(
    server: LanguageServer, workspace: Path, member: str, expected: str
) -> None:
    uri = server.open(workspace / f"hover_{member}.py", RUNTIME_HANDLER)
    (line,) = [number for number, text in enumerate(RUNTIME_HANDLER.splitlines()) if member in text]
    position = {"line": line, "character": RUNTIME_HANDLER.splitlines()[line].index(member) + 1}

    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})

    assert hover is not None
    text = text_of(hover["contents"])
    assert member in text
    assert expected in text, text
