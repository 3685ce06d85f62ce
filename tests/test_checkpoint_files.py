"""Checkpoint archives hold the files commands made, as they were at that point.

A chapter after ``two`` makes ``notes.txt`` again with other bytes: the
archive of ``two`` must still hold the first bytes, from the folder of
earlier generated files that the tangle keeps beside the example.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytest_console_scripts import ScriptRunner

THREE = b"""Three
=====

Make the note again.

.. tangle:command::
   :creates: notes.txt

   $ printf 'made again\\n' > notes.txt

.. tangle:checkpoint:: three
"""


def add_chapter_three(repo: Path) -> None:
    (repo / "docs/three.rst").write_bytes(THREE)
    index = repo / "docs/index.rst"
    index.write_text(index.read_text() + "   three\n")


def archive_text(repo: Path, name: str, path: str) -> str:
    archive = repo / "docs/_build/html/en/_checkpoints" / f"{name}.zip"
    with zipfile.ZipFile(archive) as zipped:
        return zipped.read(f"example/{path}").decode()


def test_each_archive_holds_its_own_generated_files(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    add_chapter_three(minirepo)
    result = script_runner.run(["guide", "build"], cwd=minirepo)
    assert result.success, result.stderr
    store = minirepo / "examples/demo-checkpoints"
    assert (store / "two/notes.txt").read_text() == "made by a command\n"
    # Only what differs from the final example is kept.
    assert sorted(p.relative_to(store).as_posix() for p in store.rglob("*.*")) == [
        "two/notes.txt"
    ]
    assert (minirepo / "examples/demo/notes.txt").read_text() == "made again\n"
    assert archive_text(minirepo, "two", "notes.txt") == "made by a command\n"
    assert archive_text(minirepo, "three", "notes.txt") == "made again\n"
    assert script_runner.run(["guide", "check"], cwd=minirepo).success


def test_check_finds_a_stale_earlier_copy(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    add_chapter_three(minirepo)
    assert script_runner.run(["guide", "build"], cwd=minirepo).success
    (minirepo / "examples/demo-checkpoints/two/notes.txt").write_text("edited\n")
    result = script_runner.run(["guide", "check"], cwd=minirepo)
    assert result.returncode == 1
    assert "demo-checkpoints/two/notes.txt differs" in result.stdout
