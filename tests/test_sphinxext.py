"""The extension inside real Sphinx builds of the tiny guide."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path

from support.sphinx_run import sphinx_build

from guidekit.collector import read_guide
from guidekit.settings import load


def sphinx(repo: Path, out: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return sphinx_build(repo / "docs", repo / out, *extra)


def test_blocks_render_as_captioned_code(minirepo: Path) -> None:
    result = sphinx(minirepo, "html")
    assert result.returncode == 0, result.stderr
    one = (minirepo / "html/one.html").read_text()
    assert (
        '<span class="caption-text">bin/hello.sh<span class="tangle-action">'
        " (executable)</span></span>"
    ) in one
    # The language is guessed from ".sh"; classes tell what the block does.
    assert (
        'class="tangle-file tangle-action-create tangle-show-file'
        " tangle-executable-yes highlight-bash"
    ) in one
    assert '<div class="tangle-command highlight-console' in one
    assert "Checkpoint: Chapter one" in one
    two = (minirepo / "html/two.html").read_text()
    assert '<span class="tangle-action"> (changes)</span>' in two
    assert '<span class="tangle-action"> (append to the file)</span>' in two


def test_diff_view_is_computed_from_the_previous_state(minirepo: Path) -> None:
    assert sphinx(minirepo, "html").returncode == 0
    two = (minirepo / "html/two.html").read_text()
    block = two[two.index("highlight-diff") :]
    text = html.unescape(re.sub(r"<[^>]+>", "", block[: block.index("</pre>")]))
    assert "--- a/bin/hello.sh" in text
    assert "-echo hello" in text
    assert '+echo "hello, world"' in text


def test_editing_an_earlier_chapter_updates_a_later_diff(minirepo: Path) -> None:
    assert sphinx(minirepo, "html").returncode == 0
    one = minirepo / "docs/one.rst"
    one.write_text(one.read_text().replace("echo hello\n", "echo hi\n"))
    assert sphinx(minirepo, "html").returncode == 0
    # two.rst did not change, yet its diff must follow one.rst's new content.
    assert "-echo hi" in (minirepo / "html/two.html").read_text()


def test_unclassified_block_fails_every_build(minirepo: Path) -> None:
    (minirepo / "docs/one.rst").write_text(
        (minirepo / "docs/one.rst").read_text() + "\nUntested::\n\n   rm -rf /\n"
    )
    for _ in range(2):  # the second, incremental build must still fail
        result = sphinx(minirepo, "html")
        assert result.returncode != 0
        assert "docs/one.rst:32: WARNING: literal block is not tangled" in result.stderr


def test_parallel_build_collects_the_same_steps(minirepo: Path) -> None:
    serial = sphinx(minirepo, "serial")
    parallel = sphinx(minirepo, "parallel", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    for name in ("one.html", "two.html"):
        assert (minirepo / "serial" / name).read_text() == (
            minirepo / "parallel" / name
        ).read_text()


def test_steps_come_in_toctree_order(minirepo: Path) -> None:
    guide = read_guide(load(minirepo))
    kinds = [type(step).__name__ for step in guide.steps]
    assert kinds == [
        "FileStep",
        "FileStep",
        "CommandStep",
        "CheckpointStep",
        "FileStep",
        "FileStep",
        "DoctestStep",
        "CommandStep",
        "CommandStep",
        "CheckpointStep",
    ]
    assert [str(step.location) for step in guide.steps][:2] == [
        "docs/one.rst:6",
        "docs/one.rst:16",
    ]


def test_checkpoints_offer_an_archive_and_a_diff_page(minirepo: Path) -> None:
    assert sphinx(minirepo, "html").returncode == 0
    with zipfile.ZipFile(minirepo / "html/_checkpoints/one.zip") as archive:
        assert archive.namelist() == ["example/bin/hello.sh", "example/pkg/calc.py"]
        script = archive.getinfo("example/bin/hello.sh")
        assert script.external_attr >> 16 == 0o100755
        assert archive.read("example/bin/hello.sh").startswith(b"#!/bin/sh\n")
    # Rebuilt archives are byte-identical.
    first = (minirepo / "html/_checkpoints/two.zip").read_bytes()
    assert sphinx(minirepo, "again").returncode == 0
    assert (minirepo / "again/_checkpoints/two.zip").read_bytes() == first
    changes = html.unescape(
        re.sub(r"<[^>]+>", "", (minirepo / "html/changes/two.html").read_text())
    )
    assert "-echo hello" in changes
    assert "+def triple(value: int) -> int:" in changes
    page = (minirepo / "html/two.html").read_text()
    assert 'href="_checkpoints/two.zip"' in page
    assert 'href="changes/two.html"' in page
