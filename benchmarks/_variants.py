"""Another checkout's package, imported under a name of its own, to time it beside this one in one process."""

from __future__ import annotations

import atexit
import importlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lambda_context_types"
_COPIES = Path(tempfile.mkdtemp(prefix="bench-checkouts-"))
atexit.register(shutil.rmtree, _COPIES, ignore_errors=True)


def copy_checkout(source: str, target: Path) -> None:
    """Write ``source``'s package to ``target``: ``source`` is a checkout's directory or a git revision of this one."""
    directory = Path(source)
    if (directory / PACKAGE.name).is_dir():
        shutil.copytree(directory / PACKAGE.name, target, ignore=shutil.ignore_patterns("__pycache__"))
        return
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", source, PACKAGE.name], capture_output=True, check=False
    )
    if archive.returncode:
        raise SystemExit(f"{source!r} is neither a checkout nor a git revision: {archive.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(unpacked, filter="data")
        shutil.move(Path(unpacked) / PACKAGE.name, target)


def load_checkout(source: str) -> ModuleType:
    """Import ``source``'s package (see copy_checkout) as ``checkout_<n>``; it imports itself relatively."""
    name = f"checkout_{len(list(_COPIES.iterdir()))}"
    copy_checkout(source, _COPIES / name)
    if str(_COPIES) not in sys.path:
        sys.path.insert(0, str(_COPIES))
    return importlib.import_module(name)
