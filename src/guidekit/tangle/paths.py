"""Checks on the paths that blocks name, before anything touches a disk."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import Location


def check_relative(path: str, location: Location) -> str:
    """Return ``path`` if it is a clean POSIX path inside the example root.

    Absolute paths, ``..`` parts, backslashes and redundant parts are refused
    rather than normalised: the caption the reader sees must be the path the
    tangle writes.
    """
    if not path:
        raise TangleError(location, "empty file path")
    if "\\" in path:
        raise TangleError(location, f"path {path!r} uses '\\'; write it with '/'")
    pure = PurePosixPath(path)
    if pure.is_absolute():
        raise TangleError(
            location, f"path {path!r} is absolute; give it relative to the example root"
        )
    if ".." in pure.parts:
        raise TangleError(location, f"path {path!r} contains '..'")
    if str(pure) != path or "." in pure.parts:
        raise TangleError(location, f"path {path!r} is not normalised; write {pure!s}")
    return path


def check_inside(root: Path, path: str, location: Location) -> Path:
    """Return ``root / path``, refusing one that a symlink leads out of ``root``."""
    real_root = root.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(real_root):
        raise TangleError(
            location,
            f"path {path!r} resolves outside the example root through a symlink"
            f" (to {target})",
        )
    return root / path
