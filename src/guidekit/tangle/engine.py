"""Apply steps in reading order to an in-memory tree.

The engine never touches a disk: :mod:`guidekit.tangle.writer` does that, so
a bad step is found before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from guidekit.tangle.errors import TangleError
from guidekit.tangle.paths import check_relative, fold
from guidekit.tangle.regions import region_spans, replace_region
from guidekit.tangle.steps import (
    Action,
    CheckpointStep,
    CommandStep,
    FileStep,
    Location,
    Step,
)


@dataclasses.dataclass
class TreeFile:
    """One file of the example as the guide has built it so far."""

    # None while a command makes the file (uv.lock, a migration, ...).
    content: str | None
    executable: bool
    # Every block that wrote the file, in reading order (``guide blame``).
    owners: list[Location]

    @property
    def generated(self) -> bool:
        return self.content is None


@dataclasses.dataclass
class Tree:
    """The example project at one point of the guide."""

    files: dict[str, TreeFile] = dataclasses.field(default_factory=dict)
    checkpoints: list[str] = dataclasses.field(default_factory=list)

    def snapshot(self) -> dict[str, tuple[str | None, bool]]:
        """Path -> (content, executable): what two tangles must agree on."""
        return {p: (f.content, f.executable) for p, f in sorted(self.files.items())}

    def shown(self) -> dict[str, TreeFile]:
        """Files whose content comes from blocks, sorted by path."""
        return {p: f for p, f in sorted(self.files.items()) if not f.generated}


def _folded_clash(mine: list[str], theirs: list[str]) -> tuple[str, str] | None:
    """The first file or folder prefixes that differ but fold to the same name."""
    for depth in range(1, min(len(mine), len(theirs)) + 1):
        a, b = "/".join(mine[:depth]), "/".join(theirs[:depth])
        if a != b:
            return (a, b) if fold(a) == fold(b) else None
    return None


def _with_newline(text: str) -> str:
    # Literal blocks lose their final newline in docutils; files keep one.
    return text if text.endswith("\n") or not text else text + "\n"


class Tangler:
    """Applies steps one at a time; ``tree`` is the state after the last one."""

    def __init__(self) -> None:
        self.tree = Tree()
        self._checkpoint_at: dict[str, Location] = {}
        # Path -> its place in the order files were first written.
        self._order: dict[str, int] = {}
        # Folded prefix (file or folder path) -> exact spelling -> the first
        # file written with that prefix: the collision checks look names up
        # here instead of comparing each new path with every known one.
        self._prefixes: dict[str, dict[str, str]] = {}

    def apply(self, step: Step) -> None:
        """Apply one step or raise :class:`TangleError` naming its location."""
        match step:
            case FileStep():
                self._apply_file(step)
            case CommandStep():
                for path in step.creates:
                    self._generate(path, step.location)
            case CheckpointStep():
                self._checkpoint(step)
            case _:
                pass  # Doctests read the tree; they never change it.

    def _checkpoint(self, step: CheckpointStep) -> None:
        if step.name in self._checkpoint_at:
            first = self._checkpoint_at[step.name]
            raise TangleError(
                step.location, f"checkpoint {step.name!r} already defined at {first}"
            )
        self._checkpoint_at[step.name] = step.location
        self.tree.checkpoints.append(step.name)

    def _clashing(self, path: str) -> list[str]:
        """Known paths that may clash with new ``path``, earliest first.

        A superset of the clashes, at most a few per folder level of ``path``:
        for each prefix of ``path``, the first file under every spelling that
        folds like it, and a known file equal to a proper prefix. The earliest
        file that clashes in any way is among them.
        """
        files = self.tree.files
        parts = path.split("/")
        found: set[str] = set()
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if depth < len(parts) and prefix in files:
                found.add(prefix)  # a file where path needs a folder
            # Other spellings that fold alike; the exact one is a folder of
            # known files when prefix is path itself.
            found.update(self._prefixes.get(fold(prefix), {}).values())
        return sorted(found, key=self._order.__getitem__)

    def _check_new_path(self, path: str, location: Location) -> None:
        files = self.tree.files
        parts = path.split("/")
        for other in self._clashing(path):
            if other.startswith(path + "/") or path.startswith(other + "/"):
                raise TangleError(
                    location, f"{path} and {other} cannot both exist (file vs folder)"
                )
            clash = _folded_clash(parts, other.split("/"))
            if clash is not None:
                mine, theirs = clash
                what = (
                    f"{path} differs only in case or Unicode normalisation from {other}"
                    if (mine, theirs) == (path, other)
                    else f"folder {mine}/ of {path} differs only in case or Unicode"
                    f" normalisation from folder {theirs}/ of {other}"
                )
                raise TangleError(
                    location,
                    f"{what} (written at {files[other].owners[0]}); this breaks on"
                    " macOS and Windows checkouts",
                )

    def _add(self, path: str, file: TreeFile) -> None:
        """Record a new file (its path already checked) and index its prefixes."""
        self.tree.files[path] = file
        self._order[path] = len(self._order)
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            self._prefixes.setdefault(fold(prefix), {}).setdefault(prefix, path)

    def _generate(self, path: str, location: Location) -> None:
        check_relative(path, location)
        existing = self.tree.files.get(path)
        if existing is None:
            self._check_new_path(path, location)
            self._add(path, TreeFile(None, False, [location]))
        else:
            existing.content = None
            existing.owners.append(location)

    def _apply_file(self, step: FileStep) -> None:
        path = check_relative(step.path, step.location)
        try:
            step.content.encode("utf-8")
        except UnicodeEncodeError as error:
            raise TangleError(
                step.location, f"content of {path} is not valid UTF-8 ({error.reason})"
            ) from None
        existing = self.tree.files.get(path)
        if step.action is Action.CREATE:
            if existing is not None:
                raise TangleError(
                    step.location,
                    f"create: {path} already exists (written at"
                    f" {existing.owners[-1]}); use :action: replace",
                )
            self._check_new_path(path, step.location)
            content = _with_newline(step.content)
            region_spans(content, path, step.location)
            self._add(path, TreeFile(content, bool(step.executable), [step.location]))
            return
        if existing is None:
            raise TangleError(
                step.location,
                f"{step.action}: {path} does not exist yet; use :action: create",
            )
        if step.action is Action.REPLACE:
            existing.content = _with_newline(step.content)
        elif existing.content is None:
            raise TangleError(
                step.location,
                f"{step.action}: {path} is made by a command at"
                f" {existing.owners[-1]}; only :action: replace may follow",
            )
        elif step.action is Action.APPEND:
            existing.content += _with_newline(step.content)
        else:
            assert step.region is not None  # the directive requires it
            existing.content = replace_region(
                existing.content,
                step.region,
                _with_newline(step.content),
                path,
                step.location,
            )
        # Every write leaves well-formed regions, so a later edit lands right.
        region_spans(existing.content or "", path, step.location)
        if step.executable is not None:
            existing.executable = step.executable
        existing.owners.append(step.location)


def history(steps: Iterable[Step]) -> Iterator[tuple[Step, Tree]]:
    """Yield each step with the tree *after* it (the same object, mutated)."""
    tangler = Tangler()
    for step in steps:
        tangler.apply(step)
        yield step, tangler.tree


def checkpoint_names(steps: Iterable[Step]) -> list[str]:
    """Checkpoint names in reading order."""
    return [s.name for s in steps if isinstance(s, CheckpointStep)]


def steps_upto(steps: list[Step], upto: str | None) -> list[Step]:
    """The steps up to and including checkpoint ``upto`` (all when None)."""
    if upto is None:
        return list(steps)
    for index, step in enumerate(steps):
        if isinstance(step, CheckpointStep) and step.name == upto:
            return steps[: index + 1]
    known = ", ".join(checkpoint_names(steps)) or "none"
    raise TangleError(None, f"unknown checkpoint {upto!r} (known: {known})")


def tangle(steps: Iterable[Step], upto: str | None = None) -> Tree:
    """Apply ``steps`` (up to checkpoint ``upto``) and return the tree."""
    tangler = Tangler()
    for step in steps_upto(list(steps), upto):
        tangler.apply(step)
    return tangler.tree
