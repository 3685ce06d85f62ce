"""Run sphinx-build the way the tests do: in a child process, output captured."""

from __future__ import annotations

import subprocess
from pathlib import Path

from guidekit.build import sphinx_command


def sphinx_build(
    source: Path, out: Path, *options: str, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """:func:`guidekit.build.sphinx_command` (HTML) with OPTIONS, run and captured.

    A child process, so that every build starts from a fresh interpreter, as
    the guide's own build does; CHECK raises on a failed build.
    """
    command = sphinx_command(source, out, *options)
    return subprocess.run(command, capture_output=True, text=True, check=check)
