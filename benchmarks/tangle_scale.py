"""How the tangle engine's time grows with the size of a guide.

Prints figures and never asserts (a benchmark, not a test):

* engine time for 1,000 / 2,000 / 4,000 / 8,000 files, one ``create`` block
  each, in nested folders, side by side, and the ratio 8,000 / 1,000
  (8 for linear time; the target is 8,000 files in at most 0.5 s);
* a generated guide of 200 pages x 20 blocks (creates, appends, region
  edits, replaces, commands that make files, checkpoints) through
  :func:`guidekit.tangle.tangle`.

Run: ``uv run python benchmarks/tangle_scale.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable

from guidekit.tangle import (
    Action,
    CheckpointStep,
    CommandStep,
    FileStep,
    Location,
    Step,
    tangle,
)
from guidekit.tangle.steps import Command

SIZES = (1_000, 2_000, 4_000, 8_000)


def many_files(count: int) -> list[Step]:
    """One create block per file, 20 files a folder, folders two deep."""
    steps: list[Step] = []
    for index in range(count):
        folder = f"pkg{index // 400}/mod{index // 20}"
        steps.append(
            FileStep(
                Location("docs/big.rst", index + 1),
                f"{folder}/file_{index}.py",
                Action.CREATE,
                f"VALUE = {index}\n",
            )
        )
    return steps


def generated_guide(pages: int, blocks: int) -> list[Step]:
    """``pages`` chapters of ``blocks`` blocks each, as a real guide mixes them."""
    steps: list[Step] = []
    for page in range(pages):
        doc = f"docs/chapter{page:03}.rst"
        folder = f"app{page % 17}/part{page}"
        line = 1
        for block in range(blocks):
            line += 7
            at = Location(doc, line)
            kind = block % 5
            path = f"{folder}/m{block // 5}.py"
            if kind == 0:
                content = (
                    f'"""Module {page}.{block}."""\n'
                    "# region body\npass\n# endregion body\n"
                    "# region tail\n# endregion tail"
                )
                steps.append(FileStep(at, path, Action.CREATE, content))
            elif kind == 1:
                body = "\n".join(f"x{n} = {n}" for n in range(10))
                steps.append(FileStep(at, path, Action.REGION, body, region="body"))
            elif kind == 2:
                steps.append(FileStep(at, path, Action.APPEND, "y = 1"))
            elif kind == 3:
                steps.append(FileStep(at, path, Action.REGION, "z = 2", region="tail"))
            else:
                made = f"{folder}/made{block}.lock"
                steps.append(CommandStep(at, (Command("$ make", ""),), creates=(made,)))
        steps.append(CheckpointStep(Location(doc, line + 7), f"chapter{page:03}"))
    return steps


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    repeat = parser.parse_args().repeat

    print(f"engine time, one create block per file (best of {repeat}):")
    figures: dict[int, float] = {}
    for size in SIZES:
        steps = many_files(size)
        figures[size] = best_of(repeat, functools.partial(tangle, steps))
    print("  " + "  ".join(f"{size:>8,} files" for size in SIZES))
    print("  " + "  ".join(f"{figures[size]:>12.3f} s" for size in SIZES))
    ratio = figures[SIZES[-1]] / figures[SIZES[0]]
    print(f"  ratio {SIZES[-1]:,} / {SIZES[0]:,}: {ratio:.1f} (8.0 is linear)")

    pages, blocks = 200, 20
    steps = generated_guide(pages, blocks)
    seconds = best_of(repeat, lambda: tangle(steps))
    tree = tangle(steps)
    print(
        f"generated guide, {pages} pages x {blocks} blocks ({len(steps):,} steps,"
        f" {len(tree.files):,} files): {seconds:.3f} s"
    )


if __name__ == "__main__":
    main()
