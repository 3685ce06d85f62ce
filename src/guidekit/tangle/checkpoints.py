"""What a reader can take away at each checkpoint: an archive and a diff.

An archive holds the project exactly as a reader has it at the checkpoint:
the files the guide shows, and the files its commands made so far
(``uv.lock``, migrations), whose bytes the caller supplies (see
:mod:`guidekit.checkpoint_files`). The diff shows the shown files only.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import zipfile
from collections.abc import Iterable, Mapping

from guidekit.tangle.engine import Tangler
from guidekit.tangle.steps import CheckpointStep, Step

# A fixed timestamp keeps archives byte-identical between builds.
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """The shown files at one checkpoint: path -> (content, executable)."""

    name: str
    files: dict[str, tuple[str, bool]]
    # Paths that commands made by this point; their bytes come from outside.
    generated: tuple[str, ...] = ()


def snapshots(steps: Iterable[Step]) -> list[Snapshot]:
    """One snapshot per checkpoint, in reading order."""
    tangler = Tangler()
    found: list[Snapshot] = []
    for step in steps:
        tangler.apply(step)
        if isinstance(step, CheckpointStep):
            files = {
                path: (file.content, file.executable)
                for path, file in tangler.tree.shown().items()
                if file.content is not None
            }
            made = tuple(
                p for p, f in sorted(tangler.tree.files.items()) if f.generated
            )
            found.append(Snapshot(step.name, files, made))
    return found


def archive(
    snapshot: Snapshot, folder: str, generated: Mapping[str, bytes] | None = None
) -> bytes:
    """A deterministic zip of the snapshot, every path under ``folder/``.

    ``generated`` gives the bytes of the files commands made (path -> bytes).
    """
    entries: dict[str, tuple[bytes, bool]] = {
        path: (content.encode("utf-8"), executable)
        for path, (content, executable) in snapshot.files.items()
    }
    entries.update((path, (data, False)) for path, data in (generated or {}).items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path, (data, executable) in sorted(entries.items()):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            zipped.writestr(info, data)
    return buffer.getvalue()


def changes(before: Snapshot | None, after: Snapshot) -> str:
    """A unified diff of every file between two checkpoints."""
    old = before.files if before else {}
    chunks: list[str] = []
    for path in sorted(old.keys() | after.files.keys()):
        a = old.get(path, ("", False))[0]
        b = after.files.get(path, ("", False))[0]
        if a == b:
            continue
        chunks.extend(
            difflib.unified_diff(
                a.splitlines(keepends=True),
                b.splitlines(keepends=True),
                f"a/{path}" if path in old else "/dev/null",
                f"b/{path}" if path in after.files else "/dev/null",
            )
        )
    return "".join(chunks)
