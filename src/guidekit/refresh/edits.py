"""One ``exclude-newer = "..."`` line to change, and applying such changes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from guidekit.refresh.files import write_atomically

# The one spelling the guide uses; anything else is reported, never guessed at.
EXCLUDE_NEWER = re.compile(
    r'^(?P<head>\s*exclude-newer\s*=\s*)"(?P<value>[^"]*)"(?P<tail>\s*(#.*)?)$'
)


def moved_line(line: str, value: str) -> str:
    """``line`` (an ``exclude-newer`` line) with its date replaced by ``value``."""
    match = EXCLUDE_NEWER.match(line)
    assert match is not None, line
    return f'{match["head"]}"{value}"{match["tail"]}'


@dataclasses.dataclass(frozen=True)
class LineEdit:
    """Line ``line`` (1-based) of ``path`` goes from ``old`` to ``new``.

    ``old`` is None for a line that was added (reported, not applied here).
    """

    path: Path
    line: int
    old: str | None
    new: str

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root)}:{self.line}"

    def describe(self, root: Path) -> str:
        """``docs/x.rst:12: 2026-01-01T00:00:00Z -> 2026-02-01T00:00:00Z``."""
        new = EXCLUDE_NEWER.match(self.new)
        old = EXCLUDE_NEWER.match(self.old) if self.old is not None else None
        after = new["value"] if new else self.new.strip()
        before = old["value"] if old else "(added)"
        return f"{self.where(root)}: {before} -> {after}"


def edited_text(text: str, edits: Iterable[LineEdit]) -> str:
    """``text`` with ``edits`` (all of one file) applied; checks each old line."""
    lines = text.splitlines(keepends=True)
    for edit in edits:
        index = edit.line - 1
        current = lines[index].rstrip("\r\n") if index < len(lines) else None
        if edit.old is None or current != edit.old:
            raise ValueError(f"{edit.path}:{edit.line} changed while refreshing")
        ending = lines[index][len(current) :]
        lines[index] = edit.new + ending
    return "".join(lines)


def apply_edits(edits: Iterable[LineEdit]) -> list[Path]:
    """Write every file that ``edits`` touch, each one whole; return them."""
    by_path: dict[Path, list[LineEdit]] = {}
    for edit in edits:
        by_path.setdefault(edit.path, []).append(edit)
    for path, group in by_path.items():
        text = path.read_bytes().decode("utf-8")  # keeps "\r\n" if there is one
        write_atomically(path, edited_text(text, group).encode("utf-8"))
    return list(by_path)
