"""The diagrams in a real Chromium: drawn, named, translated, readable on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ViewportSize

from guidekit.diagrams.svg import MIN_TEXT_PX

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGUAGES = ["en", "tr"]
PHONE: ViewportSize = {"width": 375, "height": 812}

# For every diagram of a page: its box, its drawing, its text and the size
# that text is drawn at (SVG user units are scaled to the drawing's width).
MEASURE = """
() => [...document.querySelectorAll("figure.guide-diagram")].map((figure) => {
  const box = figure.querySelector(".guide-diagram-box");
  const svg = box.querySelector("svg");
  const rect = svg.getBoundingClientRect();
  const scale = rect.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll("text")];
  return {
    importGraph: figure.classList.contains("guide-import-graph"),
    role: svg.getAttribute("role"),
    label: svg.getAttribute("aria-label") || "",
    width: rect.width,
    height: rect.height,
    words: texts.map((t) => t.textContent).join(" "),
    smallestPx: Math.min(
      ...texts.map((t) => parseFloat(t.getAttribute("font-size")) * scale)),
    fill: texts.length ? getComputedStyle(texts[0]).fill : "",
    boxScrolls: box.scrollWidth > box.clientWidth,
    boxOverflow: getComputedStyle(box).overflowX,
    boxFocusable: box.tabIndex === 0,
  };
})
"""


def diagram_pages(built_site: Path, language: str) -> list[str]:
    return sorted(
        p.relative_to(built_site / language).as_posix()
        for p in (built_site / language).glob("*.html")
        if 'class="guide-diagram' in p.read_text(encoding="utf-8")
    )


def measure(browser: Browser, url: str, **context: Any) -> tuple[list[Any], list[int]]:
    page = browser.new_context(viewport=PHONE, **context).new_page()
    page.goto(url)
    found = page.evaluate(MEASURE)
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    page.context.close()
    return found, widths


def test_every_diagram_page_is_found(built_site: Path) -> None:
    pages = {language: diagram_pages(built_site, language) for language in LANGUAGES}
    assert len(pages["en"]) >= 4, pages
    assert pages["tr"] == pages["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_diagrams_draw_and_stay_readable_at_phone_width(
    browser: Browser, site_url: str, built_site: Path, language: str
) -> None:
    problems: list[str] = []
    for path in diagram_pages(built_site, language):
        found, (scroll_width, inner_width) = measure(
            browser, f"{site_url}{language}/{path}"
        )
        if scroll_width > inner_width:
            problems.append(f"{path}: page is {scroll_width} px wide")
        for index, d in enumerate(found):
            where = f"{path} #{index}"
            if not (d["width"] > 0 and d["height"] > 0 and d["words"].strip()):
                problems.append(f"{where}: nothing drawn: {d}")
            if d["role"] != "img" or len(d["label"]) < 20:
                problems.append(f"{where}: no text alternative: {d['label']!r}")
            if d["smallestPx"] < MIN_TEXT_PX - 0.1:
                problems.append(f"{where}: text drawn at {d['smallestPx']:.1f} px")
            if d["boxScrolls"] and not (
                d["boxOverflow"] in {"auto", "scroll"} and d["boxFocusable"]
            ):
                problems.append(f"{where}: too wide, and its box does not scroll")
    assert not problems, "\n".join(problems)


def test_the_turkish_diagrams_are_translated(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    untranslated: list[str] = []
    for path in diagram_pages(built_site, "en"):
        english, _ = measure(browser, f"{site_url}en/{path}")
        turkish, _ = measure(browser, f"{site_url}tr/{path}")
        assert len(english) == len(turkish), path
        for index, (en, tr) in enumerate(zip(english, turkish, strict=True)):
            if en["label"] == tr["label"]:
                untranslated.append(f"{path} #{index}: text alternative")
            # An import graph draws package names only; the others have words.
            if not en["importGraph"] and en["words"] == tr["words"]:
                untranslated.append(f"{path} #{index}: labels")
    assert not untranslated, "\n".join(untranslated)


def test_diagram_text_follows_the_dark_theme(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    path = diagram_pages(built_site, "en")[0]
    light, _ = measure(browser, f"{site_url}en/{path}", color_scheme="light")
    dark, _ = measure(browser, f"{site_url}en/{path}", color_scheme="dark")
    assert light[0]["fill"] != dark[0]["fill"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_diagram_pages_pass_axe(
    browser: Browser, site_url: str, built_site: Path, language: str
) -> None:
    found: list[str] = []
    page = browser.new_context(viewport=PHONE).new_page()
    for path in diagram_pages(built_site, language):
        page.goto(f"{site_url}{language}/{path}")
        results = Axe().run(page)
        found += [
            f"{path}: {v['id']} ({v['impact']}): {v['help']}"
            for v in results.response["violations"]
        ]
    page.context.close()
    assert not found, "\n".join(found)
