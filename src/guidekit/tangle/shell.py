"""A reader's terminal, one command at a time.

A reader types a chapter's commands into one terminal: a ``cd`` or an
``export`` stays in force for the next block. Each command here runs in a
fresh ``bash``, which starts where the previous one left off (working
directory and environment) and saves where it ends, on exit, even a failing
one. A new chapter starts a new terminal in the project's root folder.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

# Saved on any exit; the reader's command runs under errexit and pipefail so
# that a failure in the middle of a line is not hidden by a later success.
_PROLOGUE = """\
__guide_save() {
  __guide_status=$?
  set +o errexit
  # A folder removed under the shell has no physical path; keep its name.
  pwd -P >"$GUIDE_SHELL_STATE/cwd" 2>/dev/null ||
    printf '%s\n' "$PWD" >"$GUIDE_SHELL_STATE/cwd"
  env -0 >"$GUIDE_SHELL_STATE/env"
  exit "$__guide_status"
}
trap __guide_save EXIT
set -o errexit -o pipefail
"""

# Bash's own bookkeeping and ours: not part of what the reader carries over.
_NOT_CARRIED = frozenset({"GUIDE_SHELL_STATE", "SHLVL", "_", "PWD"})


@dataclasses.dataclass(frozen=True)
class Finished:
    """What one command did: its exit status and its output."""

    returncode: int
    output: str


class Shell:
    """Working directory and environment that carry over between commands."""

    def __init__(self, root: Path, env: Mapping[str, str]) -> None:
        # Resolved, as ``pwd -P`` reports the folder a command leaves.
        self.root = root.resolve()
        self._base = dict(env)
        self.cwd = self.root
        self.env = dict(env)

    def reset(self) -> None:
        """A new terminal, opened in the project's root folder."""
        self.cwd = self.root
        self.env = dict(self._base)

    def where(self) -> str:
        """The working directory as the reader would name it from the root."""
        if self.cwd == self.root:
            return "the project's root folder"
        try:
            return f"{self.cwd.relative_to(self.root).as_posix()}/"
        except ValueError:
            return str(self.cwd)

    def run(self, line: str, timeout: float) -> Finished:
        """Run ``line`` where the last command left off; remember where it ends."""
        if not self.cwd.is_dir():
            raise FileNotFoundError(self.cwd)
        with tempfile.TemporaryDirectory(prefix="guide-shell-") as state:
            result = subprocess.run(
                ["bash", "-c", _PROLOGUE + line],
                cwd=self.cwd,
                env={**self.env, "GUIDE_SHELL_STATE": state},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                timeout=timeout,
                check=False,
            )
            self._restore(Path(state))
        return Finished(result.returncode, result.stdout)

    def _restore(self, state: Path) -> None:
        # A shell killed by a signal saves nothing: it stays where it was.
        cwd, env = state / "cwd", state / "env"
        if cwd.is_file():
            self.cwd = Path(cwd.read_text(errors="surrogateescape").rstrip("\n"))
        if env.is_file():
            pairs = env.read_bytes().decode(errors="surrogateescape").split("\0")
            self.env = {
                name: value
                for name, _, value in (pair.partition("=") for pair in pairs if pair)
                if name not in _NOT_CARRIED
            }
