"""The ``exclude-newer`` lines of the docs' pyproject.toml blocks.

Sphinx has already said which blocks write a ``pyproject.toml`` and what
their text is; this module finds each ``exclude-newer`` line of that text in
the source file (reST or MyST) so that it can be moved there, and returns
the guide as the moved sources will read, so the example can be tangled
before any source is written.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path, PurePosixPath

from guidekit.collector import Guide
from guidekit.refresh.edits import EXCLUDE_NEWER, LineEdit, moved_line
from guidekit.refresh.errors import BadInputError
from guidekit.tangle.engine import tangle
from guidekit.tangle.steps import Action, FileStep, Location, Step

PYPROJECT = "pyproject.toml"
# Blocks that give the whole file; region and append blocks add sections.
WHOLE_FILE = frozenset({Action.CREATE, Action.REPLACE})


def is_pyproject(step: Step) -> bool:
    return isinstance(step, FileStep) and PurePosixPath(step.path).name == PYPROJECT


def block_start(source: list[str], content: list[str], where: Location) -> int:
    """The index in ``source`` of the block's first content line.

    The first place after the directive's line where every content line
    follows under one indentation (reST indents, MyST does not).
    """
    # docutils drops trailing blanks; the source may keep some.
    first = content[0].rstrip()
    for start in range(where.line, len(source) - len(content) + 1):
        line = source[start].rstrip()
        indent = line.removesuffix(first)
        if not first or indent == line or indent.strip():
            continue
        if all(
            source[start + i].rstrip() == (indent + line).rstrip()
            for i, line in enumerate(content)
        ):
            return start
    raise BadInputError(f"{where}: cannot find this block's text in {where.doc}")


def _block_edits(step: FileStep, root: Path, value: str) -> list[LineEdit]:
    content = step.content.split("\n")
    hits = [i for i, line in enumerate(content) if EXCLUDE_NEWER.match(line)]
    if not hits:
        if step.action in WHOLE_FILE:
            raise BadInputError(
                f'{step.location}: this {step.path} block has no exclude-newer = "..."'
                " line; add one to its [tool.uv] table"
            )
        return []
    path = root / step.location.doc
    source = path.read_bytes().decode("utf-8").splitlines()
    start = block_start(source, content, step.location)
    return [
        LineEdit(
            path, start + i + 1, source[start + i], moved_line(source[start + i], value)
        )
        for i in hits
    ]


def _moved(step: FileStep, value: str) -> FileStep:
    lines = [
        moved_line(line, value) if EXCLUDE_NEWER.match(line) else line
        for line in step.content.split("\n")
    ]
    return dataclasses.replace(step, content="\n".join(lines))


def _check_tangled(steps: list[Step], value: str) -> None:
    """Each pyproject.toml the example ends with has ``[tool.uv]`` at ``value``."""
    for path, file in tangle(steps).files.items():
        if PurePosixPath(path).name != PYPROJECT or file.content is None:
            continue
        try:
            uv = tomllib.loads(file.content).get("tool", {}).get("uv", {})
        except tomllib.TOMLDecodeError as error:
            raise BadInputError(
                f"{file.owners[-1]}: {path} is not TOML: {error}"
            ) from None
        if uv.get("exclude-newer") != value:
            raise BadInputError(
                f"{file.owners[0]}: {path} as tangled has no exclude-newer in [tool.uv]"
            )


def plan_docs(guide: Guide, root: Path, value: str) -> tuple[list[LineEdit], Guide]:
    """The source lines to move to ``value``, and the guide as it will read.

    Raises :class:`BadInputError` naming ``file:line`` for a whole-file block
    without the line, or a tangled pyproject.toml it would not freeze.
    """
    edits: list[LineEdit] = []
    steps: list[Step] = []
    for step in guide.steps:
        if isinstance(step, FileStep) and is_pyproject(step):
            edits += _block_edits(step, root, value)
            steps.append(_moved(step, value))
        else:
            steps.append(step)
    _check_tangled(steps, value)
    return edits, dataclasses.replace(guide, steps=steps)
