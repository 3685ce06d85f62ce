"""Write files whole or not at all, and put them back when a step fails."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# What a set of files held: bytes, or None for "did not exist".
type Snapshot = dict[Path, bytes | None]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by a rename, so a reader never sees half a file."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(name).chmod(mode)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def snapshot(paths: list[Path]) -> Snapshot:
    """The current bytes of ``paths``."""
    return {path: path.read_bytes() if path.is_file() else None for path in paths}


def changed(before: Snapshot) -> list[Path]:
    """The paths of ``before`` whose bytes differ now."""
    return [path for path, data in before.items() if snapshot([path])[path] != data]


def restore(before: Snapshot) -> None:
    """Put every path of ``before`` back as it was."""
    for path in changed(before):
        data = before[path]
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        else:
            write_atomically(path, data)
