"""Turn a document's tagged nodes into tangle steps, in document order.

This runs on the doctree *after* Sphinx's transforms, the i18n one included,
so the steps of a translated build come from what that build really holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from guidekit.sphinxext import attributes as attr
from guidekit.tangle.steps import (
    Action,
    Answer,
    CheckpointStep,
    Command,
    CommandStep,
    DoctestStep,
    FileStep,
    Location,
    Step,
)

PROMPT = "$ "


def parse_commands(text: str) -> tuple[Command, ...]:
    r"""Split console text into commands (``$ `` lines, ``\`` continued) and output."""
    commands: list[Command] = []
    line_parts: list[str] = []
    output: list[str] = []
    continuing = False
    for raw in text.splitlines():
        if continuing:
            line_parts.append(raw)
            continuing = raw.endswith("\\")
        elif raw.startswith(PROMPT):
            if line_parts:
                commands.append(Command("\n".join(line_parts), "\n".join(output)))
            line_parts, output = [raw.removeprefix(PROMPT)], []
            continuing = raw.endswith("\\")
        else:
            output.append(raw)
    if line_parts:
        commands.append(Command("\n".join(line_parts), "\n".join(output)))
    return tuple(commands)


@dataclasses.dataclass
class Collected:
    """What one document contributes: its steps and its unclassified blocks."""

    steps: list[Step] = dataclasses.field(default_factory=list)
    unclassified: list[Location] = dataclasses.field(default_factory=list)


def _is_block(node: nodes.Node) -> bool:
    if isinstance(node, nodes.literal_block | nodes.doctest_block):
        # docutils quotes a broken directive in a literal block of its error
        # message; that error is already reported, the quote is not content.
        return not isinstance(node.parent, nodes.system_message)
    return isinstance(node, nodes.Element) and attr.CHECKPOINT in node


def under_only(node: nodes.Node) -> bool:
    """True inside ``.. only::``: some builders show the block, others do not.

    The example is one tree for every builder, so a block that HTML readers
    may never see (or only they see) cannot write it; the domain refuses it.
    """
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            return True
        parent = parent.parent
    return False


def tangle_blocks(doctree: nodes.document) -> list[nodes.Element]:
    """The blocks the tangle reads (and unclassified ones), in document order."""
    return [n for n in doctree.findall(_is_block) if isinstance(n, nodes.Element)]


def _line(node: nodes.Element) -> int:
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return int(current.line)
        current = current.parent
    return 0


def _file_step(node: nodes.Element, where: Location) -> FileStep:
    executable = node.get(attr.EXECUTABLE)
    return FileStep(
        location=where,
        path=node[attr.PATH],
        action=Action(node[attr.ACTION]),
        content=node.astext(),
        region=node.get(attr.REGION),
        executable=None if executable is None else executable == "yes",
    )


def _command_step(node: nodes.Element, where: Location) -> CommandStep:
    return CommandStep(
        location=where,
        commands=parse_commands(node.astext()),
        needs=frozenset(node[attr.NEEDS]),
        creates=tuple(node[attr.CREATES]),
        reuses=tuple(node.get(attr.REUSES, ())),
        normalize=tuple(node[attr.NORMALIZE]),
        returncode=int(node[attr.RETURNCODE]),
        hide_output=bool(node[attr.HIDE_OUTPUT]),
        serves=tuple(
            Answer(url, int(status), fragment)
            for url, status, fragment in node.get(attr.SERVES, ())
        ),
    )


def location_of(
    node: nodes.Element, doctree: nodes.document, relative: Callable[[str], str]
) -> Location:
    """Where ``node`` stands in the repository, as ``docs/chapter.rst:LINE``."""
    source = node.source or str(doctree.get("source", ""))
    # "path/doc.rst:docstring of x" style sources keep their first part.
    return Location(relative(source.split(":")[0]), _line(node))


def collect(doctree: nodes.document, relative: Callable[[str], str]) -> Collected:
    """Steps and unclassified literal blocks of ``doctree``.

    ``relative`` turns a node's absolute source path into the repository path
    shown in messages (``docs/chapter.rst``).
    """
    found = Collected()
    for node in tangle_blocks(doctree):
        if under_only(node):
            continue  # refused by TangleDomain.process_doc, once
        where = location_of(node, doctree, relative)
        if attr.CHECKPOINT in node:
            found.steps.append(CheckpointStep(where, node[attr.CHECKPOINT]))
        elif isinstance(node, nodes.doctest_block):
            found.steps.append(DoctestStep(where, node.astext() + "\n"))
        elif node.get(attr.KIND) == "file":
            found.steps.append(_file_step(node, where))
        elif node.get(attr.KIND) == "command":
            found.steps.append(_command_step(node, where))
        elif node.get(attr.KIND) != "illustration":
            found.unclassified.append(where)
    return found
