"""Replay the guide on disk: write files, run commands and doctests in order.

This is what a reader does by hand. ``guide tangle`` replays only the commands
that make files (``:creates:``); the tests replay everything.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from guidekit.tangle.engine import Tangler
from guidekit.tangle.errors import TangleError
from guidekit.tangle.paths import check_inside
from guidekit.tangle.served import ServeError, answered, port_taken, serve
from guidekit.tangle.shell import Shell
from guidekit.tangle.steps import (
    CheckpointStep,
    Command,
    CommandStep,
    DoctestStep,
    FileStep,
    Location,
    Step,
)
from guidekit.tangle.writer import write_file

# Runs inside the example's interpreter: the doctest text comes by file so that
# quoting never changes it. Plain stdlib doctest, as Sybil and sphinx.ext.doctest
# use underneath; neither can run in another project's virtualenv.
DOCTEST_BOOTSTRAP = """\
import doctest, os, sys
path, name, line = os.environ["GUIDE_DOCTEST"].rsplit(":", 2)
with open(path, encoding="utf-8") as handle:
    text = handle.read()
test = doctest.DocTestParser().get_doctest(text, {}, name, name, int(line))
runner = doctest.DocTestRunner(optionflags=doctest.REPORT_UDIFF)
runner.run(test)
sys.exit(1 if runner.failures else 0)
"""

# The runner's own environment must not leak into the reader's commands.
_DROPPED_ENV = ("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")


@dataclasses.dataclass(frozen=True)
class ReplayOptions:
    """How much of the guide to replay and with what."""

    # Run every command (tests) or only those that make files (tangle).
    run_all: bool = False
    # Tiers this machine offers, e.g. {"network", "docker"}.
    tiers: frozenset[str] = frozenset()
    normalizers: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    doctest_command: tuple[str, ...] = ("python",)
    extra_env: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # The committed example: where a command's ``:reuses:`` files come from.
    # None resolves them afresh (what ``guide refresh`` wants).
    committed: Path | None = None
    timeout: float = 900.0
    progress: Callable[[str], None] = lambda _message: None
    on_checkpoint: Callable[[str, Path], None] | None = None


def command_env(extra: Mapping[str, str]) -> dict[str, str]:
    """The environment a reader's shell would have, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update({"NO_COLOR": "1", "TERM": "dumb"})
    env.update(extra)
    return env


def normalise(
    text: str, names: tuple[str, ...], table: Mapping[str, tuple[str, str]]
) -> str:
    """Apply the declared patterns ``names`` from ``table`` to ``text``."""
    for name in names:
        pattern, replacement = table[name]
        text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
    return text.rstrip("\n")


class Replayer:
    """Holds the on-disk project and the in-memory tree side by side."""

    def __init__(self, root: Path, options: ReplayOptions) -> None:
        self.root = root
        self.options = options
        self.tangler = Tangler()
        self.env = command_env(options.extra_env)
        # One terminal per chapter: cd and export carry over between blocks.
        self.shell = Shell(root, self.env)
        # The first block that serves the site: from its chapter on, the site
        # must answer the same way at every checkpoint.
        self.site: CommandStep | None = None
        # Where the reader's shell stood when it served: it is started there.
        self.site_shell: tuple[Path, dict[str, str]] = (self.shell.root, self.env)
        self.skipped: list[Location] = []

    def step(self, step: Step) -> None:
        self.tangler.apply(step)
        match step:
            case FileStep():
                check_inside(self.root, step.path, step.location)
                try:
                    write_file(self.root, step.path, self.tangler.tree.files[step.path])
                except OSError as error:
                    # A command made a folder (or a file) where the block writes.
                    raise TangleError(
                        step.location,
                        f"cannot write {step.path}: {error.strerror or error}"
                        " (did a command make a folder or file in its way?)",
                    ) from None
            case CommandStep():
                self._command_step(step)
            case DoctestStep():
                if self.options.run_all:
                    self._doctest(step)
            case CheckpointStep():
                self.options.progress(f"checkpoint {step.name}")
                self.verify_at(step, "at this checkpoint")
                self._site_answers(step)
                if self.options.on_checkpoint is not None:
                    self.options.on_checkpoint(step.name, self.root)
                # The next chapter opens a new terminal in the project's root.
                self.shell.reset()

    def verify_at(self, step: Step, when: str) -> None:
        """The disk must hold what the guide shows, bytes and executable bit.

        A command may not rewrite a shown file behind the reader's back; this
        runs at every checkpoint and after the last step.
        """
        for path, file in self.tangler.tree.files.items():
            target = self.root / path
            if not target.is_file():
                raise TangleError(step.location, f"{path} is missing {when}")
            if file.content is None:
                continue
            last = f"last written at {file.owners[-1]}"
            if target.read_bytes() != file.content.encode():
                raise TangleError(
                    step.location,
                    f"{path} on disk differs from the guide {when} (a command"
                    f" changed it; {last})",
                )
            if bool(target.stat().st_mode & 0o100) != file.executable:
                shown = "executable" if file.executable else "not executable"
                raise TangleError(
                    step.location,
                    f"{path} on disk has another executable bit than the guide"
                    f" shows ({shown}) {when} (a command changed it; {last})",
                )

    def finish(self, last: Step | None) -> None:
        """Verify the disk after the last step, checkpoint or not."""
        if last is not None and not isinstance(last, CheckpointStep):
            self.verify_at(last, "after the last step")

    def _command_step(self, step: CommandStep) -> None:
        if not (self.options.run_all or step.creates):
            return
        missing = step.needs - self.options.tiers
        if missing:
            if step.creates:
                raise TangleError(
                    step.location,
                    f"needs {', '.join(sorted(missing))} to make"
                    f" {', '.join(step.creates)}, which this run lacks",
                )
            self.skipped.append(step.location)
            return
        if step.creates and self.shell.cwd != self.shell.root:
            # :creates: paths are relative to the root, and ``guide tangle``
            # (which runs only these blocks) always runs them there.
            raise TangleError(
                step.location,
                f"a block with :creates: runs in the project's root folder, but"
                f" the reader's shell is in {self.shell.where()} here",
            )
        self._reuse(step)
        if step.serves:
            self._serve(step)
            return
        for command in step.commands:
            self._run(step, command)
        for path in step.creates:
            if not check_inside(self.root, path, step.location).is_file():
                raise TangleError(step.location, f"the commands did not create {path}")

    def _reuse(self, step: CommandStep) -> None:
        """Put the committed copies of ``:reuses:`` files in place.

        A reader who clones a project has its lock file; ``uv lock`` then keeps
        every version it pins instead of taking what the index serves today.
        """
        if self.options.committed is None:
            return
        for path in step.reuses:
            source = self.options.committed / path
            if source.is_file():
                target = check_inside(self.root, path, step.location)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)

    def _run(self, step: CommandStep, command: Command) -> None:
        self.options.progress(f"$ {command.line}")
        try:
            result = self.shell.run(command.line, self.options.timeout)
        except FileNotFoundError:
            raise TangleError(
                step.location,
                f"`{command.line}` would run in {self.shell.cwd}, which no longer"
                " exists (a command removed the folder the shell stood in)",
            ) from None
        if result.returncode != step.returncode:
            raise TangleError(
                step.location,
                f"`{command.line}` exited {result.returncode}, the guide says"
                f" {step.returncode}; its output:\n{result.output}",
            )
        if step.hide_output:
            return
        table = self.options.normalizers
        expected = normalise(command.output, step.normalize, table)
        actual = normalise(result.output, step.normalize, table)
        if expected != actual:
            diff = "\n".join(
                difflib.unified_diff(
                    expected.splitlines(),
                    actual.splitlines(),
                    "shown in the guide",
                    "printed",
                    lineterm="",
                )
            )
            raise TangleError(
                step.location, f"`{command.line}` printed something else:\n{diff}"
            )

    def _site_answers(self, checkpoint: CheckpointStep) -> None:
        """The site still answers as its first page said, as a reader would see.

        Where a chapter left a server running on the port (a Compose stack),
        that server is asked; otherwise the first page's command is started
        again, from where the reader's shell stood then.
        """
        site = self.site
        if site is None or not self.options.run_all:
            return
        (command,) = site.commands
        self.options.progress(f"the site, as {site.location} serves it")
        try:
            if port_taken(site.serves):
                answered(site.serves, self.options.timeout)
            else:
                cwd, env = self.site_shell
                serve(command.line, site.serves, cwd, env, self.options.timeout)
        except ServeError as error:
            raise TangleError(
                checkpoint.location,
                f"the site no longer answers as {site.location} shows: {error}",
            ) from None

    def _serve(self, step: CommandStep) -> None:
        (command,) = step.commands
        self.options.progress(f"$ {command.line}  (serving, then Ctrl-C)")
        try:
            serve(
                command.line,
                step.serves,
                self.shell.cwd,
                self.shell.env,
                self.options.timeout,
            )
        except ServeError as error:
            raise TangleError(step.location, f"`{command.line}`: {error}") from None
        if self.site is None and not step.needs:
            self.site = step
            self.site_shell = (self.shell.cwd, dict(self.shell.env))

    def _doctest(self, step: DoctestStep) -> None:
        self.options.progress(f"doctest at {step.location}")
        with tempfile.NamedTemporaryFile(
            "w", suffix=".txt", encoding="utf-8", delete=False
        ) as handle:
            handle.write(step.source)
        try:
            where = f"{step.location.doc}:{step.location.line}"
            env = {**self.env, "GUIDE_DOCTEST": f"{handle.name}:{where}"}
            result = subprocess.run(
                [*self.options.doctest_command, "-c", DOCTEST_BOOTSTRAP],
                cwd=self.root,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=self.options.timeout,
                check=False,
            )
        finally:
            Path(handle.name).unlink()
        if result.returncode != 0:
            raise TangleError(
                step.location, f"doctest failed:\n{result.stdout}{result.stderr}"
            )


def replay(
    steps: list[Step],
    root: Path,
    options: ReplayOptions,
    *,
    start_after: str | None = None,
) -> Replayer:
    """Replay ``steps`` into the existing directory ``root``; return the state.

    With ``start_after``, ``root`` already holds that checkpoint's archive (a
    reader caught up from it): the steps up to it are only taken in, the disk
    must equal the guide there, and the replay goes on from the next step.
    """
    replayer = Replayer(root, options)
    if start_after is not None:
        ends = [
            index
            for index, step in enumerate(steps)
            if isinstance(step, CheckpointStep) and step.name == start_after
        ]
        if not ends:
            raise ValueError(f"no checkpoint {start_after!r} among the steps")
        for step in steps[: ends[0] + 1]:
            replayer.tangler.apply(step)
        replayer.verify_at(steps[ends[0]], "in its archive")
        steps = steps[ends[0] + 1 :]
    for step in steps:
        replayer.step(step)
    replayer.finish(steps[-1] if steps else None)
    return replayer
