"""Named regions inside example files.

A region is delimited by the ``region NAME`` / ``endregion NAME`` folding
markers that VS Code, PyCharm and others already understand, written in the
file's own comment syntax (``# region apps``, ``{# region head #}``,
``<!-- region head -->``, ``// region x``). The markers stay in the example, so
the reader sees where a later chapter will add code.

A region's body is shown without the markers' indentation (docutils strips
common indentation from directive content anyway) and written back indented
like its opening marker, so a region may sit inside a list or a class.
"""

from __future__ import annotations

import re

from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import Location

_MARKER = re.compile(
    r"^\s*(?:#|//|/\*|<!--|\{#|--|;)\s*(?P<end>end)?region\s+(?P<name>[\w.-]+)"
)


def _markers(lines: list[str], name: str) -> tuple[int | None, int | None]:
    start = end = None
    for index, line in enumerate(lines):
        match = _MARKER.match(line)
        if not match or match["name"] != name:
            continue
        if match["end"] is None and start is None:
            start = index
        elif match["end"] is not None and start is not None and end is None:
            end = index
    return start, end


def region_names(text: str) -> list[str]:
    """Names of the regions opened in ``text``, in order."""
    return [
        m["name"]
        for line in text.splitlines()
        if (m := _MARKER.match(line)) and m["end"] is None
    ]


def replace_region(
    text: str, name: str, body: str, path: str, location: Location
) -> str:
    """Return ``text`` with the lines between region ``name``'s markers replaced."""
    lines = text.splitlines(keepends=True)
    start, end = _markers(lines, name)
    if start is None or end is None:
        known = ", ".join(region_names(text)) or "none"
        raise TangleError(
            location, f"region {name!r} not found in {path} (regions there: {known})"
        )
    marker = lines[start]
    indent = marker[: len(marker) - len(marker.lstrip())]
    indented = "".join(
        indent + line if line.strip() else line
        for line in body.splitlines(keepends=True)
    )
    return "".join([*lines[: start + 1], indented, *lines[end:]])


def region_body(text: str, name: str) -> str | None:
    """The current body of region ``name``, or None when it has no markers."""
    lines = text.splitlines(keepends=True)
    start, end = _markers(lines, name)
    if start is None or end is None:
        return None
    return "".join(lines[start + 1 : end])
