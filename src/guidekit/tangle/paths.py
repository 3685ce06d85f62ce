"""Checks on the paths that blocks name, before anything touches a disk."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import Location

# Names a Windows checkout cannot hold, whatever the extension (CON.txt too).
_DEVICE = re.compile(r"(?i)(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?")
# Characters Windows refuses in a name; ':' is also macOS's path separator.
_FORBIDDEN = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
# The longest name ext4, APFS and NTFS all take (NTFS counts UTF-16 units).
MAX_NAME_BYTES = 255


def portable_problem(name: str) -> str | None:
    """Why ``name`` (one path component) breaks a checkout somewhere, or None."""
    if _DEVICE.fullmatch(name.rstrip(" ")):
        return "is a reserved device name on Windows"
    if bad := _FORBIDDEN.search(name):
        return f"contains {bad.group()!r}, which Windows or macOS refuse in a name"
    if name.endswith((".", " ")):
        return "ends with a dot or a space, which Windows drops"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"is longer than {MAX_NAME_BYTES} bytes"
    return None


def fold(path: str) -> str:
    """What a case- and normalisation-insensitive disk (macOS, Windows) sees."""
    nfd = unicodedata.normalize("NFD", path)
    return unicodedata.normalize("NFD", nfd.casefold())


def check_relative(path: str, location: Location) -> str:
    """Return ``path`` if it is a clean POSIX path inside the example root.

    Absolute paths, ``..`` parts, backslashes and redundant parts are refused
    rather than normalised: the caption the reader sees must be the path the
    tangle writes. So are names some reader's disk cannot hold (see
    :func:`portable_problem`).
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
    if not pure.parts:
        raise TangleError(location, f"path {path!r} names the example root, not a file")
    if str(pure) != path or "." in pure.parts:
        raise TangleError(location, f"path {path!r} is not normalised; write {pure!s}")
    for name in pure.parts:
        problem = portable_problem(name)
        if problem:
            raise TangleError(location, f"path {path!r}: {name!r} {problem}")
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
