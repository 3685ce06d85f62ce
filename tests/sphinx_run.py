"""Run sphinx-build the way the tests do: in a child process, warnings fatal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def sphinx_build(
    source: Path, out: Path, *extra: str, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx -W -q [EXTRA] SOURCE OUT``, output captured.

    A child process, so that every build starts from a fresh interpreter, as
    the guide's own build does; CHECK raises on a failed build.
    """
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "-q",
        *extra,
        str(source),
        str(out),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=check)
