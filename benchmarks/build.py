"""Benchmark: the bilingual build with and without the tangle extension.

Prints figures; it asserts nothing. Runs the two variants interleaved on the
same docs (A B A B ...) so that the machine's noise hits both alike, and
reports medians and their ratio, then the time of an incremental rebuild after
editing one page.

    uv run python benchmarks/build.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from guidekit.build import sphinx_command
from guidekit.settings import find_root, load

HERE = Path(__file__).resolve().parent


def sphinx(docs: Path, out: Path, language: str, *extra: str) -> float:
    """Seconds for one ``sphinx-build`` run (fails loudly on warnings)."""
    started = time.perf_counter()
    subprocess.run(
        sphinx_command(
            docs,
            out / "html" / language,
            "--doctree-dir",
            str(out / "doctrees" / language),
            "--define",
            f"language={language}",
            *extra,
        ),
        check=True,
        env={**os.environ, "PYTHONPATH": str(HERE)},
    )
    return time.perf_counter() - started


def bilingual(docs: Path, out: Path, languages: tuple[str, ...], *extra: str) -> float:
    """A fresh full build of every language."""
    shutil.rmtree(out, ignore_errors=True)
    return sum(sphinx(docs, out, lang, *extra) for lang in languages)


def plain_extensions(docs: Path) -> str:
    """conf.py's extensions with ours swapped for the plain stand-in."""
    namespace: dict[str, object] = {"__file__": str(docs / "conf.py")}
    exec((docs / "conf.py").read_text(), namespace)  # our own conf.py
    names = namespace["extensions"]
    assert isinstance(names, list)
    swapped = ("plain_directives" if n == "guidekit.sphinxext" else n for n in names)
    return ",".join(swapped)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = load(find_root())
    languages = settings.languages
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as scratch:
        work = Path(scratch)
        docs = work / "docs"
        skip = shutil.ignore_patterns("_build")
        shutil.copytree(settings.docs_dir, docs, ignore=skip)
        # conf.py finds conf/guide.env above itself.
        shutil.copytree(settings.root / "conf", work / "conf")
        plain = ("-D", f"extensions={plain_extensions(docs)}")
        with_tangle: list[float] = []
        without: list[float] = []
        for _ in range(args.rounds):
            with_tangle.append(bilingual(docs, work / "a", languages))
            without.append(bilingual(docs, work / "b", languages, *plain))
        a, b = statistics.median(with_tangle), statistics.median(without)
        runs = f"(median of {args.rounds})"
        print(f"full bilingual build, with tangle:    {a:6.2f} s {runs}")
        print(f"full bilingual build, plain blocks:   {b:6.2f} s {runs}")
        print(f"tangle overhead:                      {100 * (a - b) / b:6.1f} %")
        page = sorted(docs.glob("*.rst"))[-1]
        incremental: list[float] = []
        for round_ in range(args.rounds):
            page.write_text(page.read_text() + f"\n.. edit {round_}\n")
            incremental.append(sphinx(docs, work / "a", languages[0]))
        print(
            f"incremental rebuild after editing {page.name} ({languages[0]}):"
            f" {statistics.median(incremental):5.2f} s (median of {args.rounds})"
        )


if __name__ == "__main__":
    main()
