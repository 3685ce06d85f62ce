"""The real steps that reach the package index or run the whole suite.

Kept apart so that the tests replace them: the offline tests never re-lock
this repository against PyPI or start the suite from inside the suite.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from guidekit.checkpoint_files import store_for
from guidekit.collector import Guide
from guidekit.locks import DOCS_LOCK, export_command
from guidekit.project import materialise, say
from guidekit.refresh.run import Actions

RELOCK = ["uv", "lock", "--upgrade"]
SUITE = ["uv", "run", "pytest"]


def _run(command: list[str], root: Path) -> None:
    say(f"$ {shlex.join(command)}")
    result = subprocess.run(
        command, cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(
            f"`{shlex.join(command)}` exited {result.returncode}:\n"
            f"{result.stderr.strip() or result.stdout.strip()}"
        )


def relock_repository(root: Path) -> None:
    """``uv lock --upgrade``, then docs.lock exported from the new uv.lock."""
    _run(RELOCK, root)
    _run(export_command(DOCS_LOCK), root)


def tangle_afresh(guide: Guide, dest: Path) -> None:
    """The example, with no committed lock file reused: resolved at the date."""
    materialise(guide, dest, progress=say, committed=None, store=store_for(dest))


def run_suite(root: Path) -> None:
    """``uv run pytest``, its report going straight to the terminal."""
    say(f"$ {shlex.join(SUITE)}")
    status = subprocess.run(SUITE, cwd=root, check=False).returncode
    if status:
        raise RuntimeError(f"`{shlex.join(SUITE)}` exited {status} (report above)")


def real_actions(*, test: bool) -> Actions:
    """What ``guide refresh`` runs; ``test=False`` for ``--no-test``."""
    return Actions(relock_repository, tangle_afresh, run_suite if test else None)
