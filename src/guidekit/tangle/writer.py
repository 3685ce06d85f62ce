"""Write a tree to disk all at once, or not at all."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from guidekit.tangle.engine import TreeFile

FILE_MODE = 0o644
EXECUTABLE_MODE = 0o755


def write_file(root: Path, path: str, file: TreeFile) -> None:
    """Write one shown file with a fixed mode, whatever the umask."""
    assert file.content is not None
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    # newline="" keeps "\n" on every platform: output is byte-identical.
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(file.content)
    target.chmod(EXECUTABLE_MODE if file.executable else FILE_MODE)


def replace_directory(dest: Path, fill: Callable[[Path], None]) -> None:
    """Build a new ``dest`` with ``fill(tmp)``, then swap it in.

    ``fill`` works in a sibling temporary directory; if it raises, ``dest`` is
    left exactly as it was and the temporary directory is removed.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        fill(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    tmp.chmod(0o755)  # mkdtemp makes 0o700; a checkout has 0o755
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
        dest.rename(old / dest.name)
        tmp.rename(dest)
        shutil.rmtree(old)
    else:
        tmp.rename(dest)
