"""Diff views: a file block may show the change it makes, not the whole file."""

from __future__ import annotations

import difflib

from guidekit.tangle.engine import Tangler
from guidekit.tangle.steps import FileStep, Step


def unified(path: str, before: str | None, after: str) -> str:
    """A ``git diff``-style unified diff of one file."""
    old = before.splitlines(keepends=True) if before is not None else []
    lines = difflib.unified_diff(
        old,
        after.splitlines(keepends=True),
        "/dev/null" if before is None else f"a/{path}",
        f"b/{path}",
    )
    return "".join(lines).rstrip("\n")


def diff_views(steps: list[Step], wanted: set[str]) -> dict[str, str]:
    """Diffs for the file steps whose location (``str``) is in ``wanted``.

    Applies every step (errors propagate) and snapshots each wanted file just
    before and after its step.
    """
    tangler = Tangler()
    views: dict[str, str] = {}
    for step in steps:
        key = str(step.location)
        before = None
        if isinstance(step, FileStep) and key in wanted:
            current = tangler.tree.files.get(step.path)
            before = current.content if current is not None else None
        tangler.apply(step)
        if isinstance(step, FileStep) and key in wanted:
            after = tangler.tree.files[step.path].content
            assert after is not None
            views[key] = unified(step.path, before, after)
    return views
