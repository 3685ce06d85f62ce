"""The copy button of every command block copies exactly what the tests run.

The build already refuses a block whose copied text differs, computed by
``guidekit.sphinxext.copied``, a port of sphinx-copybutton's script. Here the
real script, in Chromium, is clicked on every command block of the English
site, and the clipboard is compared with the commands the replay runs and
with the port.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from guidekit.settings import Settings
from guidekit.sphinxext.collect import parse_commands
from guidekit.sphinxext.copied import CopyRules, copied_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pages_with_commands(built_site: Path, language: str) -> list[str]:
    return sorted(
        page.relative_to(built_site).as_posix()
        for page in (built_site / language).glob("*.html")
        if "tangle-command" in page.read_text(encoding="utf-8")
    )


def test_every_copied_command_is_what_the_replay_runs(
    browser: Browser, site_url: str, built_site: Path, settings: Settings
) -> None:
    rules = CopyRules.from_values(runpy.run_path(str(settings.docs_dir / "conf.py")))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    checked = 0
    for path in pages_with_commands(built_site, settings.source_language):
        page.goto(f"{site_url}{path}")
        blocks = page.locator("div.tangle-command")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            shown = block.locator("pre").inner_text()
            block.scroll_into_view_if_needed()
            block.hover()
            block.locator("button.copybtn").click()
            copied = page.evaluate("navigator.clipboard.readText()")
            ran = "\n".join(command.line for command in parse_commands(shown))
            where = f"{path}, command block {index + 1}"
            assert copied == ran, where
            assert copied_text(shown, rules) == copied, where
            checked += 1
    context.close()
    assert checked > 40, checked
