"""The start page's "How to read this guide" box, and what it promises.

The box must name every caption label the site's chapters use, in each
language; and a "(changes)" block, copied with its real copy button and
applied the way the box shows, must apply to the project of the checkpoint
before it, downloaded from the site as a reader would.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

from .site_pages import classes, reading_order

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGUAGES = ["en", "tr"]
BOX = ".admonition.guide-how-to-read"
# The box's ways of applying a diff: its own command, and the one it offers
# in its stead where Git is missing.
APPLIERS = ["git apply", "patch -p1"]


def caption_labels(language_root: Path) -> dict[str, str]:
    """Every caption label of the site's pages, as a pattern -> one example.

    A region label names its region; the pattern accepts any name, so that
    the box may explain it with one region.
    """
    found: dict[str, str] = {}
    for page in sorted(language_root.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for label in soup.select(".literal-block-wrapper .tangle-action"):
            block = label.find_parent("div", class_="literal-block-wrapper")
            assert isinstance(block, Tag)
            regions = [
                kind.removeprefix("tangle-region-")
                for tag in block.select("div.tangle-file")
                for kind in classes(tag)
                if kind.startswith("tangle-region-")
            ]
            for part in label.get_text().strip().strip("()").split(", "):
                pattern = re.escape(part)
                for region in regions:
                    pattern = pattern.replace(re.escape(region), r"[\w.-]+")
                found.setdefault(pattern, f"{page.name}: ({part})")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_box_explains_every_caption_label(
    page: Page, site_url: str, built_site: Path, language: str
) -> None:
    labels = caption_labels(built_site / language)
    assert len(labels) >= 5, labels  # create has none; the other kinds do
    page.goto(f"{site_url}{language}/index.html")
    box = page.locator(BOX)
    assert box.count() == 1
    assert box.is_visible()
    text = box.inner_text()
    missing = [
        example
        for pattern, example in labels.items()
        if not re.search(rf"\({pattern}\)", text)
    ]
    assert not missing, "the box does not explain:\n" + "\n".join(missing)


@dataclasses.dataclass(frozen=True)
class ChangesBlock:
    """A chapter whose first file block is a diff, and the checkpoint before it."""

    page: Path
    previous_archive: str  # the archive's URL, relative to the page


def first_changes_blocks(language_root: Path) -> list[ChangesBlock]:
    """Chapters that open with a "(changes)" block: it diffs the previous checkpoint."""
    found: list[ChangesBlock] = []
    archive: str | None = None
    for page in reading_order(language_root / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        first = soup.select_one("div.tangle-file")
        if first and archive and "tangle-show-diff" in classes(first):
            found.append(ChangesBlock(page, archive))
        link = soup.select_one(".tangle-checkpoint a.download")
        if link is not None:
            archive = str(link.get("href"))
    return found


def apply_instructions(browser: Browser, url: str) -> tuple[str, str]:
    """The box's command line and the line that ends the pasted text."""
    page = browser.new_page()
    page.goto(url)
    example = page.locator(f"{BOX} div.highlight-console pre", has_text="<<")
    lines = example.inner_text().splitlines()
    page.close()
    command, end = lines[0].removeprefix("$ "), lines[-1].removeprefix("> ")
    assert command.startswith(APPLIERS[0]), command
    return command, end


def copied_text(browser: Browser, url: str) -> str:
    """What the first file block's real copy button puts on the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    block = page.locator("div.tangle-file").first
    block.hover()
    block.locator("button.copybtn").click()
    text: str = page.evaluate("navigator.clipboard.readText()")
    context.close()
    return text


def unpack(url: str, into: Path) -> Path:
    """The checkpoint's archive from the site, unpacked: the project's root."""
    with urllib.request.urlopen(url) as response:
        data = response.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(into)
        (top,) = {name.split("/")[0] for name in archive.namelist()}
    return into / top


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_copied_changes_block_applies_to_the_previous_checkpoint(
    browser: Browser, site_url: str, built_site: Path, tmp_path: Path, language: str
) -> None:
    blocks = first_changes_blocks(built_site / language)
    assert blocks, "no chapter opens with a (changes) block"
    command, end = apply_instructions(browser, f"{site_url}{language}/index.html")
    for number, block in enumerate(blocks):
        url = site_url + block.page.relative_to(built_site).as_posix()
        copied = copied_text(browser, url)
        assert copied.startswith("--- a/"), copied[:200]
        for applier in APPLIERS:
            root = unpack(
                urllib.parse.urljoin(url, block.previous_archive),
                tmp_path / f"{number}-{applier.split()[0]}",
            )
            before = tree(root)
            # As the box says: the command, the pasted text, Enter, the end line.
            script = f"{command.replace(APPLIERS[0], applier)}\n{copied}\n{end}\n"
            result = subprocess.run(
                ["bash", "-c", script],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                start_new_session=True,
            )
            assert result.returncode == 0, (
                f"{block.page.name}: `{applier}` failed on {block.previous_archive}:\n"
                f"{result.stdout}{result.stderr}"
            )
            after = tree(root)
            changed = [path for path in after if after[path] != before.get(path)]
            assert changed, f"{block.page.name}: `{applier}` changed nothing"
            # The check can fail: the same text does not apply twice.
            again = subprocess.run(
                ["bash", "-c", script],
                cwd=root,
                capture_output=True,
                check=False,
                start_new_session=True,  # patch asks /dev/tty; with none it says no
            )
            assert again.returncode != 0, f"{block.page.name}: applied twice"
