"""``exclude-newer`` in this repository's own ``pyproject.toml``.

The tooling's resolution is frozen by the same date as the example's: the
line is moved where it is, and added to ``[tool.uv]`` where it is missing.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from guidekit.refresh.edits import EXCLUDE_NEWER, LineEdit, moved_line
from guidekit.refresh.errors import BadInputError

TABLE = re.compile(r"^\[tool\.uv\]\s*(#.*)?$")
ANY_TABLE = re.compile(r"^\s*\[")
ADDED = (
    "# Resolve as if it were this moment, like the example; `guide refresh`",
    "# moves it.",
)


@dataclasses.dataclass(frozen=True)
class OwnPlan:
    """The new text of ``pyproject.toml`` and the line that moved or came."""

    path: Path
    text: str
    edit: LineEdit


def _table(lines: list[str], path: Path) -> tuple[int, int]:
    """First and past-the-last line index of the ``[tool.uv]`` table."""
    header = next((i for i, line in enumerate(lines) if TABLE.match(line)), None)
    if header is None:
        raise BadInputError(
            f"{path}: no [tool.uv] table header; add exclude-newer to it by hand"
        )
    end = next(
        (i for i in range(header + 1, len(lines)) if ANY_TABLE.match(lines[i])),
        len(lines),
    )
    return header, end


def plan_own(path: Path, value: str) -> OwnPlan:
    """Move (or add) ``[tool.uv]``'s ``exclude-newer`` to ``value``."""
    text = path.read_bytes().decode("utf-8")
    lines = text.split("\n")
    header, end = _table(lines, path)
    hit = next(
        (i for i in range(header + 1, end) if EXCLUDE_NEWER.match(lines[i])), None
    )
    if hit is not None:
        edit = LineEdit(path, hit + 1, lines[hit], moved_line(lines[hit], value))
        lines[hit] = edit.new
    else:
        # After the table's last key line: a comment above the next table
        # belongs to that table.
        at = max(
            i
            for i in range(header, end)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")
        )
        new = f'exclude-newer = "{value}"'
        lines[at + 1 : at + 1] = [*ADDED, new]
        edit = LineEdit(path, at + 1 + len(ADDED) + 1, None, new)
    new_text = "\n".join(lines)
    try:
        uv = tomllib.loads(new_text).get("tool", {}).get("uv", {})
    except tomllib.TOMLDecodeError as error:
        raise BadInputError(f"{path}: not TOML: {error}") from None
    if uv.get("exclude-newer") != value:
        raise BadInputError(f"{edit.where(path.parent)}: cannot set exclude-newer")
    return OwnPlan(path, new_text, edit)
