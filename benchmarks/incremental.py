"""Benchmark: ``guide build`` after a one-line edit in the middle of the guide.

Prints figures; it asserts nothing. Works on a copy of the repository, so the
real one is never touched. After one full build it times, round by round and
interleaved, ``guide build`` (both languages and the tangle, as an author runs
it) after:

- a prose edit: one word added to a paragraph of a middle chapter, in the
  English source and in its Turkish translation;
- a code edit: one comment line changed inside a file block of that chapter
  (the later chapters' diffs change with it).

Per-language times come from the moments ``guide build`` reports each step.

    uv run python benchmarks/incremental.py [--rounds N] [--chapter NAME]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from guidekit.settings import find_root

# Not copied: caches, builds and the virtualenv (the copy uses this one).
IGNORED = shutil.ignore_patterns(".git", ".venv", "_build", "test-artifacts", "*.pyc")
GUIDE = Path(sys.executable).with_name("guide")
STEPS = {
    "tangle": "tangling the example",
    "en": "building the en site",
    "tr": "building the tr site",
}


def timed_build(root: Path) -> dict[str, float]:
    """Seconds per step of one ``guide build`` in ``root``: tangle, en, tr, total.

    ``guide build`` tangles first, then builds each language; a step lasts
    until the next one is announced, the last one until the command ends.
    """
    started = time.perf_counter()
    marks: dict[str, float] = {}
    with subprocess.Popen(
        [str(GUIDE), "build"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            for name, announcement in STEPS.items():
                if announcement in line:
                    marks[name] = time.perf_counter()
    if process.returncode != 0:
        sys.exit(f"guide build failed in {root}")
    ended = time.perf_counter()
    return {
        "tangle": marks["en"] - marks["tangle"],
        "en": marks["tr"] - marks["en"],
        "tr": ended - marks["tr"],
        "total": ended - started,
    }


def toggle(path: Path, old: str, new: str) -> Callable[[], None]:
    """An edit that flips ``path`` between ``old`` and ``new`` on each call."""

    def flip() -> None:
        text = path.read_text(encoding="utf-8")
        # ``new`` may contain ``old``: look for the edited form first.
        text = text.replace(new, old, 1) if new in text else text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return flip


def retranslate(catalogue: Path, old: str, new: str, added: str) -> None:
    """Move the entry whose source holds ``old`` to ``new``; edit its text too."""
    with catalogue.open("rb") as handle:
        messages = read_po(handle)
    (entry,) = [m for m in messages if isinstance(m.id, str) and old in m.id]
    source = str(entry.id)
    messages.delete(source)
    text = str(entry.string)
    text = text.removesuffix(added) if added in text else text + added
    messages.add(source.replace(old, new, 1), text)
    with catalogue.open("wb") as handle:
        write_po(handle, messages, width=76, no_location=True, omit_header=False)


def prose_edit(root: Path, chapter: str) -> Callable[[], None]:
    """Add a word to a paragraph of the chapter, in both languages."""
    source = root / "docs" / f"{chapter}.rst"
    catalogue = root / "docs/locale/tr/LC_MESSAGES" / f"{chapter}.po"
    paragraph = re.search(r"\n\n([A-Z][^\n]*\w)\n", source.read_text(encoding="utf-8"))
    assert paragraph, f"no prose line in {source}"
    line = paragraph[1]
    english = toggle(source, line, line + " indeed")
    edited = False

    def both() -> None:
        nonlocal edited
        english()
        old, new = (line + " indeed", line) if edited else (line, line + " indeed")
        retranslate(catalogue, old, new, " (gerçekten)")
        edited = not edited

    return both


def code_edit(root: Path, chapter: str) -> Callable[[], None]:
    """Change a comment line inside one of the chapter's Python file blocks."""
    source = root / "docs" / f"{chapter}.rst"
    comment = re.search(r"\n(   +# [^\n]+)\n", source.read_text(encoding="utf-8"))
    assert comment, f"no comment line in a block of {source}"
    return toggle(source, comment[1], comment[1] + " (edited)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chapter", default="celery")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guide-incremental-") as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(find_root(Path.cwd()), root, ignore=IGNORED, symlinks=True)
        edits = {
            "prose": prose_edit(root, args.chapter),
            "code": code_edit(root, args.chapter),
        }
        print(f"chapter {args.chapter}; full build first", flush=True)
        full = timed_build(root)
        print(
            f"full build: {full['total']:.1f} s (en {full['en']:.1f}, "
            f"tr {full['tr']:.1f}, tangle {full['tangle']:.1f})"
        )
        results: dict[str, list[dict[str, float]]] = {name: [] for name in edits}
        for _ in range(args.rounds):
            for name, edit in edits.items():
                edit()
                results[name].append(timed_build(root))
        for name, runs in results.items():
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(
                f"{name} edit, median of {len(runs)}: total {median['total']:.2f} s;"
                f" en {median['en']:.2f} s, tr {median['tr']:.2f} s,"
                f" tangle {median['tangle']:.2f} s;"
                f" {median['total'] / full['total']:.0%} of the full build"
            )


if __name__ == "__main__":
    main()
