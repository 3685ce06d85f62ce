"""How the checkpoint archives' total size grows with the number of chapters.

Prints figures and never asserts. Every archive holds the whole project as it
stands at its checkpoint (a reader can start from it), so:

* one archive grows with the project: linear in the chapters before it;
* the total over all archives is the sum of those, which for a project that
  grows by the same amount per chapter is quadratic in the chapters.

Both are measured on generated guides (each chapter adds four 1 KB files and
edits one shared file), side by side, and the real guide's archives are
listed from the last build if there is one.

Run: ``uv run python benchmarks/archives.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

from guidekit.settings import find_root, load
from guidekit.sphinxext import ARCHIVES
from guidekit.tangle import Action, CheckpointStep, FileStep, Location, Step
from guidekit.tangle.checkpoints import archive, snapshots

CHAPTERS = (10, 20, 40, 80)


def text(rng: random.Random, size: int) -> str:
    """Source-like text that compresses about as code does."""
    words = ("def", "return", "self", "value", "import", "class", "name", "for")
    return " ".join(rng.choice(words) for _ in range(size // 6)) + "\n"


def generated_guide(chapters: int) -> list[Step]:
    rng = random.Random(chapters)
    steps: list[Step] = [
        FileStep(Location("c0.rst", 1), "shared.txt", Action.CREATE, "")
    ]
    for number in range(1, chapters + 1):
        where = Location(f"c{number}.rst", 1)
        for index in range(4):
            path = f"app{number}/module{index}.py"
            steps.append(FileStep(where, path, Action.CREATE, text(rng, 1024)))
        steps.append(
            FileStep(where, "shared.txt", Action.APPEND, f"chapter {number}\n")
        )
        steps.append(CheckpointStep(where, f"chapter-{number}"))
    return steps


def main() -> None:
    print("generated guides: archive sizes (zip bytes)")
    print(
        f"  {'chapters':>8}  {'last':>9}  {'total':>11}"
        f"  {'total/n':>9}  {'total/n²':>9}"
    )
    for chapters in CHAPTERS:
        sizes = [
            len(archive(s, "example")) for s in snapshots(generated_guide(chapters))
        ]
        total = sum(sizes)
        print(
            f"  {chapters:>8}  {sizes[-1]:>9,}  {total:>11,}"
            f"  {total / chapters:>9,.0f}  {total / chapters**2:>9,.0f}"
        )
    print(
        "  (a steady total/n² means quadratic total; a steady last/n, linear archives)"
    )
    folder = load(find_root(Path.cwd())).html_dir() / "en" / ARCHIVES
    built = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
    if built:
        total = sum(p.stat().st_size for p in built)
        print(f"the real guide, {len(built)} archives, {total:,} bytes in all:")
        for path in sorted(built, key=lambda p: p.stat().st_size):
            print(f"  {path.stat().st_size:>9,}  {path.name}")


if __name__ == "__main__":
    main()
