"""``python -m lambda_context_types``: the ``lambda-context`` command, for when the script is not on ``PATH``."""

from __future__ import annotations

import sys

from ._cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
