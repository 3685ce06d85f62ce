"""Plain records of what the guide does, in reading order.

Every record carries the :class:`Location` of the block that made it, so an
error or a ``guide blame`` answer can point the reader to ``file:line``.
The records are frozen dataclasses: they pickle into Sphinx's environment and
round-trip through JSON for the CLI.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


@dataclasses.dataclass(frozen=True, order=True)
class Location:
    """A line in a source document, the path relative to the repository root."""

    doc: str
    line: int

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


class Action(enum.StrEnum):
    """What a file block does to its file."""

    CREATE = "create"
    REPLACE = "replace"
    APPEND = "append"
    REGION = "region"


@dataclasses.dataclass(frozen=True)
class FileStep:
    """A block that shows a file of the example and changes it."""

    location: Location
    path: str
    action: Action
    content: str
    region: str | None = None
    # None keeps the file's current bit; True/False sets it.
    executable: bool | None = None


@dataclasses.dataclass(frozen=True)
class Command:
    """One command line as the reader types it, with the output they will see."""

    line: str
    output: str


@dataclasses.dataclass(frozen=True)
class Answer:
    """What the page says a URL answers: a status and a fragment of the body."""

    url: str
    status: int
    fragment: str = ""

    def __str__(self) -> str:
        shown = f" containing {self.fragment!r}" if self.fragment else ""
        return f"{self.url} answers {self.status}{shown}"


@dataclasses.dataclass(frozen=True)
class CommandStep:
    """A block of shell commands run in the example project at this point."""

    location: Location
    commands: tuple[Command, ...]
    # Tiers the commands need beyond a plain machine, e.g. "docker", "network".
    needs: frozenset[str] = frozenset()
    # Files the commands make (e.g. uv.lock); the tangle owns them through here.
    creates: tuple[str, ...] = ()
    # Of those, the ones a reader's checkout already holds (lock files): the
    # committed copy is put in place first, so the command keeps what it pins.
    reuses: tuple[str, ...] = ()
    # Names of declared normalisation patterns applied to both outputs.
    normalize: tuple[str, ...] = ()
    returncode: int = 0
    # True when the block deliberately shows no output and none is compared.
    hide_output: bool = False
    # A command that runs until stopped: the URLs it serves and their answers.
    serves: tuple[Answer, ...] = ()


@dataclasses.dataclass(frozen=True)
class DoctestStep:
    """An interactive Python session run as a doctest at this point."""

    location: Location
    source: str


@dataclasses.dataclass(frozen=True)
class CheckpointStep:
    """The end of a chapter: the project must work as it stands here."""

    location: Location
    name: str


type Step = FileStep | CommandStep | DoctestStep | CheckpointStep

_KINDS: dict[str, type[Any]] = {
    "file": FileStep,
    "command": CommandStep,
    "doctest": DoctestStep,
    "checkpoint": CheckpointStep,
}


def step_to_json(step: Step) -> dict[str, Any]:
    """Serialise a step as a JSON-ready dict with a ``kind`` key."""
    kind = next(name for name, cls in _KINDS.items() if isinstance(step, cls))
    data = dataclasses.asdict(step)
    data["kind"] = kind
    if isinstance(step, CommandStep):
        data["needs"] = sorted(step.needs)
    return data


def step_from_json(data: dict[str, Any]) -> Step:
    """Rebuild a step written by :func:`step_to_json`."""
    fields = dict(data)
    cls = _KINDS[fields.pop("kind")]
    fields["location"] = Location(**fields["location"])
    if cls is FileStep:
        fields["action"] = Action(fields["action"])
    if cls is CommandStep:
        fields["commands"] = tuple(Command(**c) for c in fields["commands"])
        fields["needs"] = frozenset(fields["needs"])
        fields["creates"] = tuple(fields["creates"])
        fields["reuses"] = tuple(fields.get("reuses", ()))
        fields["normalize"] = tuple(fields["normalize"])
        fields["serves"] = tuple(Answer(**a) for a in fields.get("serves", ()))
    step: Step = cls(**fields)
    return step
