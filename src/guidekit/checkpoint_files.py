"""The files commands make, as they stand at each checkpoint.

A checkpoint archive holds the project as a reader has it at that point,
lock files and migrations included, so that a reader can start from it. The
site's build cannot run commands (Read the Docs runs plain sphinx-build), so
the tangle records those files: the committed example holds their final
bytes, and a sibling folder, ``<example>-checkpoints/<checkpoint>/<path>``,
holds each one whose bytes at that checkpoint differ from the final ones
(a lock file before later chapters add dependencies, say). Both are
committed, and ``guide check`` compares both with a fresh tangle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from guidekit.tangle.checkpoints import Snapshot


def store_for(example_root: Path) -> Path:
    """The folder beside the example that holds earlier generated files."""
    return example_root.with_name(f"{example_root.name}-checkpoints")


class Recorder:
    """Reads the generated files at each checkpoint, as the replay reaches it."""

    def __init__(self, snapshots: Iterable[Snapshot]) -> None:
        self._paths = {snapshot.name: snapshot.generated for snapshot in snapshots}
        self.recorded: dict[str, dict[str, bytes]] = {}

    def __call__(self, name: str, root: Path) -> None:
        self.recorded[name] = {
            path: (root / path).read_bytes() for path in self._paths.get(name, ())
        }


def write_store(
    folder: Path, recorded: Mapping[str, Mapping[str, bytes]], final: Path
) -> None:
    """Write into ``folder`` each recorded file whose bytes differ in ``final``."""
    for name, files in recorded.items():
        for path, data in files.items():
            last = final / path
            if last.is_file() and last.read_bytes() == data:
                continue
            target = folder / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)


def generated_bytes(snapshot: Snapshot, example_root: Path) -> dict[str, bytes]:
    """The generated files of ``snapshot``: its stored copy, else the final one.

    A file found in neither (an example not tangled yet) is left out.
    """
    stored = store_for(example_root) / snapshot.name
    found: dict[str, bytes] = {}
    for path in snapshot.generated:
        for candidate in (stored / path, example_root / path):
            if candidate.is_file():
                found[path] = candidate.read_bytes()
                break
    return found
