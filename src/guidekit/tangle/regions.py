"""Named regions inside example files.

A region is delimited by the ``region NAME`` / ``endregion NAME`` folding
markers that VS Code, PyCharm and others already understand, written in the
file's own comment syntax (``# region apps``, ``{# region head #}``,
``<!-- region head -->``, ``// region x``). The markers stay in the example, so
the reader sees where a later chapter will add code.

What counts as a marker line is decided on the text alone, line by line, with
no knowledge of the file's language: a line that, after optional leading
whitespace, starts with a comment opener (``#``, ``//``, ``/*``, ``<!--``,
``{#``, ``--`` or ``;``), optional whitespace, then ``region`` or
``endregion``, whitespace and a name of letters, digits, ``_``, ``.`` or
``-``. A line inside a string literal or a block comment that looks so *is* a
marker line.

Rules, checked every time a block writes a file, so that an edit can never
land in the wrong place:

* region names are unique within a file: each name is opened once and closed
  once, the ``endregion`` after the ``region``; regions may nest but not
  overlap;
* a region block's body contains no marker line at all (it would add a
  second marker or end the region early).

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


def marker_lines(text: str) -> list[tuple[int, bool, str]]:
    """(0-based line, is_end, name) of every marker line of ``text``."""
    return [
        (index, m["end"] is not None, m["name"])
        for index, line in enumerate(text.splitlines())
        if (m := _MARKER.match(line))
    ]


def region_spans(
    text: str, path: str, location: Location
) -> dict[str, tuple[int, int]]:
    """Name -> (opening line, closing line) of ``text``'s regions.

    Raises :class:`TangleError` unless every name is opened once, closed once
    after its opening, and regions nest without overlapping.
    """
    spans: dict[str, tuple[int, int]] = {}
    open_stack: list[tuple[str, int]] = []
    seen: set[str] = set()
    for index, is_end, name in marker_lines(text):
        where = f"{path} line {index + 1}"
        if not is_end:
            if name in seen:
                raise TangleError(
                    location,
                    f"region {name!r} appears twice in {path} (again at line"
                    f" {index + 1}); region names must be unique within a file",
                )
            seen.add(name)
            open_stack.append((name, index))
            continue
        if not open_stack or open_stack[-1][0] != name:
            expected = f"endregion {open_stack[-1][0]}" if open_stack else "none"
            raise TangleError(
                location,
                f"'endregion {name}' at {where} does not close the innermost open"
                f" region (expected: {expected}); regions must nest",
            )
        _, start = open_stack.pop()
        spans[name] = (start, index)
    if open_stack:
        name, start = open_stack[-1]
        raise TangleError(
            location, f"region {name!r} opened at {path} line {start + 1} never ends"
        )
    return spans


def region_names(text: str) -> list[str]:
    """Names of the regions opened in ``text``, in order."""
    return [name for _, is_end, name in marker_lines(text) if not is_end]


def check_body(body: str, name: str, location: Location) -> None:
    """Refuse a region body that holds a marker line."""
    for index, is_end, other in marker_lines(body):
        word = "endregion" if is_end else "region"
        raise TangleError(
            location,
            f"the body of region {name!r} holds a marker line ({word} {other},"
            f" line {index + 1} of the block); a body cannot contain markers",
        )


def replace_region(
    text: str, name: str, body: str, path: str, location: Location
) -> str:
    """Return ``text`` with the lines between region ``name``'s markers replaced."""
    check_body(body, name, location)
    spans = region_spans(text, path, location)
    if name not in spans:
        known = ", ".join(region_names(text)) or "none"
        raise TangleError(
            location, f"region {name!r} not found in {path} (regions there: {known})"
        )
    start, end = spans[name]
    lines = text.splitlines(keepends=True)
    marker = lines[start]
    indent = marker[: len(marker) - len(marker.lstrip())]
    indented = "".join(
        indent + line if line.strip() else line
        for line in body.splitlines(keepends=True)
    )
    return "".join([*lines[: start + 1], indented, *lines[end:]])
