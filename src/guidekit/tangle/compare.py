"""Compare a freshly tangled tree with the committed one, file by file."""

from __future__ import annotations

import dataclasses
import enum
import os
from pathlib import Path

from guidekit.tangle.engine import Tree

# Caches that tools leave in a project; never part of the tangle, never orphans.
IGNORED_NAMES = frozenset(
    {
        ".venv",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "node_modules",
        ".coverage",
        "htmlcov",
        "_build",
    }
)
IGNORED_SUFFIXES = (".pyc", ".mo", ".sqlite3")


class Problem(enum.StrEnum):
    """Kinds of difference, worded for a reader of ``guide check`` output."""

    DRIFT = "differs from what the guide writes"
    MODE = "has the wrong executable bit"
    MISSING = "is missing"
    ORPHAN = "is not written by any block (orphan)"


@dataclasses.dataclass(frozen=True)
class Finding:
    """One file that does not match, with the doc locations that own it."""

    problem: Problem
    path: str
    owners: tuple[str, ...]

    def __str__(self) -> str:
        where = f" (written at {', '.join(self.owners)})" if self.owners else ""
        return f"{self.path} {self.problem}{where}"


def ignored(relative: str) -> bool:
    """True for tool caches and build products that no block owns."""
    parts = relative.split("/")
    return bool(IGNORED_NAMES.intersection(parts)) or relative.endswith(
        IGNORED_SUFFIXES
    )


def list_files(root: Path) -> dict[str, Path]:
    """Every regular file under ``root`` by POSIX relative path, minus caches."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_NAMES)
        for name in sorted(filenames):
            full = Path(dirpath) / name
            relative = full.relative_to(root).as_posix()
            if not ignored(relative):
                found[relative] = full
    return found


def _executable(path: Path) -> bool:
    return bool(path.stat().st_mode & 0o100)


def compare(expected_root: Path, actual_root: Path, tree: Tree) -> list[Finding]:
    """Differences between a fresh tangle (``expected_root``) and ``actual_root``."""
    expected = list_files(expected_root)
    actual = list_files(actual_root) if actual_root.exists() else {}
    findings: list[Finding] = []
    for path in sorted(expected.keys() | actual.keys()):
        owners = (
            tuple(str(o) for o in tree.files[path].owners) if path in tree.files else ()
        )
        if path not in actual:
            findings.append(Finding(Problem.MISSING, path, owners))
        elif path not in expected:
            findings.append(Finding(Problem.ORPHAN, path, owners))
        elif expected[path].read_bytes() != actual[path].read_bytes():
            findings.append(Finding(Problem.DRIFT, path, owners))
        elif _executable(expected[path]) != _executable(actual[path]):
            findings.append(Finding(Problem.MODE, path, owners))
    return findings
