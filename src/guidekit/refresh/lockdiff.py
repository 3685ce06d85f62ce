"""What moved between two versions of a ``uv.lock``."""

from __future__ import annotations

import dataclasses
import tomllib


def versions(lock: bytes | None) -> dict[str, tuple[str, ...]]:
    """Package name -> its locked versions (a forked lock may hold several)."""
    if lock is None:  # no lock file (yet)
        return {}
    found: dict[str, set[str]] = {}
    for package in tomllib.loads(lock.decode("utf-8")).get("package", []):
        found.setdefault(package["name"], set()).add(package.get("version", "?"))
    return {name: tuple(sorted(found[name])) for name in sorted(found)}


@dataclasses.dataclass(frozen=True)
class Move:
    """One package whose locked versions differ; empty means absent."""

    name: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def __str__(self) -> str:
        old, new = ", ".join(self.old), ", ".join(self.new)
        if not self.old:
            return f"{self.name} {new} (new)"
        if not self.new:
            return f"{self.name} {old} (removed)"
        return f"{self.name} {old} -> {new}"


def moves(old: bytes | None, new: bytes | None) -> list[Move]:
    """Every package added, removed or at other versions, by name."""
    before, after = versions(old), versions(new)
    return [
        Move(name, before.get(name, ()), after.get(name, ()))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]
