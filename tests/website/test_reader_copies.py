"""Copying the rendered site block by block rebuilds the example exactly.

A reader copies every block of the English site, in order, into an empty
folder and ends with the committed example project.

Only the built HTML is read: the order comes from the "next" links, file
paths from the captions, what to do with a file from the caption's label
(create, replace, append, region, changes, executable), the text from what
the copy button copies, and commands through the copy button's rules. The
commands that make files (``uv lock``, ``makemigrations``) are run; the others
are run by the replay test, and would only repeat it here. Lock files the
page marks as reused come from the committed example first, as in a clone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from guidekit.settings import Settings
from guidekit.sphinxext.collect import parse_commands
from guidekit.tangle.compare import compare
from guidekit.tangle.engine import Tree
from guidekit.tangle.regions import replace_region
from guidekit.tangle.replay import command_env
from guidekit.tangle.steps import Location

from .site_pages import classes, reading_order

pytestmark = pytest.mark.slow


def caption_path(block: Tag) -> str:
    wrapper = block.find_parent("div", class_="literal-block-wrapper")
    assert wrapper is not None, "a file block without a caption"
    caption = wrapper.select_one(".caption-text")
    assert caption is not None
    for label in caption.select(".tangle-action"):
        label.extract()
    return caption.get_text()


def copied_text(block: Tag) -> str:
    pre = block.select_one("pre")
    assert pre is not None
    return pre.get_text()


def apply_file(folder: Path, block: Tag, where: Location) -> None:
    path = caption_path(block)
    kinds = classes(block)
    text = copied_text(block)
    target = folder / path
    if "tangle-show-diff" in kinds:
        subprocess.run(
            ["patch", "--quiet", "-p1"],
            input=text + "\n",
            text=True,
            cwd=folder,
            check=True,
        )
    elif "tangle-action-append" in kinds:
        target.write_text(target.read_text() + text)
    elif "tangle-action-region" in kinds:
        (region,) = [
            k.removeprefix("tangle-region-")
            for k in kinds
            if k.startswith("tangle-region-")
        ]
        target.write_text(replace_region(target.read_text(), region, text, path, where))
    else:  # create or replace
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    if "tangle-executable-yes" in kinds:
        target.chmod(0o755)
    elif "tangle-executable-no" in kinds:
        target.chmod(0o644)


def test_copying_the_rendered_site_rebuilds_the_example(
    built_site: Path, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / settings.example_root.name
    folder.mkdir()
    env = command_env({})
    files = commands = 0
    for page in reading_order(built_site / settings.source_language / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.tangle-file, div.highlight-console"):
            where = Location(page.name, 0)
            if "tangle-file" in classes(block):
                apply_file(folder, block, where)
                files += 1
            elif "tangle-creates" in classes(block):
                # A reader who cloned the example has its lock files.
                for kind in classes(block):
                    if kind.startswith("tangle-reuses-"):
                        reused = kind.removeprefix("tangle-reuses-")
                        (folder / reused).parent.mkdir(parents=True, exist_ok=True)
                        (folder / reused).write_bytes(
                            (settings.example_root / reused).read_bytes()
                        )
                for command in parse_commands(copied_text(block)):
                    subprocess.run(
                        ["bash", "-o", "errexit", "-o", "pipefail", "-c", command.line],
                        cwd=folder,
                        env=env,
                        check=True,
                        capture_output=True,
                    )
                    commands += 1
    assert files > 20 and commands > 2
    findings = compare(folder, settings.example_root, Tree())
    assert not findings, "\n".join(str(f) for f in findings)
