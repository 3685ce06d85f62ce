"""Checks on source files that must happen before docutils reads them."""

from __future__ import annotations

from pathlib import Path

SOURCE_SUFFIXES = (".rst", ".md", ".po")


def utf8_problem(path: Path, shown_as: str) -> str | None:
    """``shown_as:LINE: ...`` when ``path`` is not UTF-8, else None.

    Sphinx crashes with a traceback on such a file; this names the line.
    """
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (
            f"{shown_as}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x});"
            " save the file as UTF-8"
        )
    return None


def undecodable_sources(docs_dir: Path, top: Path) -> list[str]:
    """Problems of every source under ``docs_dir`` (build output excluded)."""
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and "_build" not in path.parts:
            problem = utf8_problem(path, path.relative_to(top).as_posix())
            if problem:
                problems.append(problem)
    return problems
