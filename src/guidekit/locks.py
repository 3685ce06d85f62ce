"""``docs.lock``: the hash-pinned requirements of the hosted docs build.

It is exported from ``uv.lock``, never edited by hand; a test fails when the
two disagree and prints the command below.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

DOCS_LOCK = "docs.lock"
EXPORT = [
    "uv",
    "export",
    "--frozen",
    "--only-group",
    "docs",
    "--no-emit-project",
    "--format",
    "requirements.txt",
    "--no-header",
]


def export_command(output: str | None = None) -> list[str]:
    """The ``uv export`` call that writes ``docs.lock`` (or prints it)."""
    return [*EXPORT, "--output-file", output] if output else [*EXPORT, "--quiet"]


def exported(root: Path) -> str:
    """What ``docs.lock`` must contain according to ``uv.lock`` now."""
    result = subprocess.run(
        export_command(), cwd=root, capture_output=True, text=True, check=True
    )
    return result.stdout
