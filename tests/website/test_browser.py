"""The reader's experience in a real Chromium, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from guidekit.sphinxext.collect import parse_commands

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGUAGES = ["en", "tr"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def page_paths(built_site: Path, language: str) -> list[str]:
    """Site-relative URLs of every page of one language."""
    return sorted(
        p.relative_to(built_site).as_posix()
        for p in (built_site / language).rglob("*.html")
        if "_static" not in p.parts
    )


def longest_chapter(built_site: Path, language: str, holding: str = "") -> str:
    """The heaviest page, or the heaviest whose HTML holds ``holding``."""
    pages = [
        p
        for p in page_paths(built_site, language)
        if "index" not in p and holding in (built_site / p).read_text(encoding="utf-8")
    ]
    return max(pages, key=lambda p: (built_site / p).stat().st_size)


class Watcher:
    """Console errors, page errors and failed or 4xx/5xx requests of a page."""

    def __init__(self, page: Page) -> None:
        self.current = ""
        self.problems: list[str] = []
        page.on("console", lambda m: self._note(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self._note(f"page error: {e}"))
        page.on("requestfailed", lambda r: self._note(f"failed: {r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: self._note(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )

    def _note(self, problem: str) -> None:
        self.problems.append(f"{self.current}: {problem}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_loads_cleanly(
    page: Page, site_url: str, built_site: Path, language: str
) -> None:
    watcher = Watcher(page)
    for path in page_paths(built_site, language):
        watcher.current = path
        # networkidle: every request the page makes has finished, or failed.
        page.goto(site_url + path, wait_until="networkidle")
    assert not watcher.problems, "\n".join(watcher.problems)


def test_root_sends_a_turkish_browser_to_turkish(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.wait_for_url("**/tr/")
    assert page.locator("html").get_attribute("lang") == "tr"
    context.close()


def test_switcher_lands_on_the_same_page(
    page: Page, site_url: str, built_site: Path
) -> None:
    chapter = longest_chapter(built_site, "en").removeprefix("en/")
    page.goto(f"{site_url}en/{chapter}")
    page.click("nav.guide-languages a[hreflang=tr]")
    page.wait_for_url(f"**/tr/{chapter}")
    assert page.locator("html").get_attribute("lang") == "tr"
    page.click("nav.guide-languages a[hreflang=en]")
    page.wait_for_url(f"**/en/{chapter}")
    # The choice is remembered: the root now sends this reader to English.
    page.goto(site_url)
    page.wait_for_url("**/en/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_only_the_commands(
    browser: Browser, site_url: str, built_site: Path, language: str
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    # The heaviest page that shows a command: not every chapter runs one.
    console = longest_chapter(built_site, language, holding="highlight-console")
    page.goto(f"{site_url}{console}")
    block = page.locator("div.highlight-console").first
    expected = "\n".join(
        c.line for c in parse_commands(block.locator("pre").inner_text())
    )
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    assert "$ " not in copied
    tooltip = block.locator("button.copybtn").get_attribute("data-tooltip")
    assert tooltip == {"en": "Copied!", "tr": "Kopyalandı!"}[language]
    context.close()


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "settings"), ("tr", "ayarlar"), ("tr", "AYARLAR"), ("tr", "VARSAYILAN")],
)
def test_search_finds_the_settings_chapter(
    page: Page, site_url: str, language: str, query: str
) -> None:
    page.goto(f"{site_url}{language}/search.html?q={query}")
    page.locator("#search-results li a").first.wait_for(timeout=45_000)
    hrefs = page.locator("#search-results li a").evaluate_all(
        "(links) => links.map((a) => a.href)"
    )
    assert any(href.endswith("/settings.html") for href in hrefs), hrefs


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_width_has_no_horizontal_scroll(
    browser: Browser, site_url: str, built_site: Path, language: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    wide: list[str] = []
    for path in page_paths(built_site, language):
        page.goto(site_url + path)
        width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if width[0] > width[1]:
            wide.append(f"{path}: {width[0]} px > {width[1]} px")
    context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_files_fold_with_their_path_visible(
    page: Page, site_url: str, built_site: Path, language: str
) -> None:
    page.goto(f"{site_url}{longest_chapter(built_site, language)}")
    # A handle, not a locator: the "folded" class goes away on unfolding.
    wrapper = page.locator(".literal-block-wrapper.guide-folded").first.element_handle()
    caption = wrapper.query_selector(".code-block-caption")
    pre = wrapper.query_selector("pre")
    button = wrapper.query_selector("button.guide-fold")
    assert caption is not None and pre is not None and button is not None
    assert caption.is_visible()
    path = caption.inner_text()
    heights = "(pre) => [pre.clientHeight, pre.scrollHeight]"
    shown, full = pre.evaluate(heights)
    assert shown < full
    button.click()
    shown, full = pre.evaluate(heights)
    assert shown == full
    assert caption.inner_text() == path
    assert button.get_attribute("aria-expanded") == "true"
    unfold = {"en": "Show fewer lines", "tr": "Daha az satır göster"}[language]
    assert button.inner_text() == unfold


def test_dark_mode_toggles(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/index.html")
    before = page.evaluate("document.body.dataset.theme")
    page.locator("button.theme-toggle:visible").first.click()
    after = page.evaluate("document.body.dataset.theme")
    assert before != after
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("button.theme-toggle:visible").first.click()
    assert (
        page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    )


def violations(results: Any) -> list[str]:
    """Every rule axe finds broken, whatever its impact."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_accessibility_and_screenshots(
    page: Page, site_url: str, built_site: Path, language: str, width: int
) -> None:
    # Desktop and phone widths: furo shows different controls on each.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    found: list[str] = []
    for name, path in (
        ("start", f"{language}/index.html"),
        ("chapter", longest_chapter(built_site, language)),
    ):
        page.goto(site_url + path)
        found += [f"{path}: {v}" for v in violations(Axe().run(page))]
        page.screenshot(path=ARTIFACTS / f"{language}-{name}-{width}.png")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("language", "query", "summary"),
    [
        ("en", "settings", "Search finished, found "),
        ("tr", "ayarlar", "Arama tamamlandı, aramayla eşleşen "),
    ],
)
def test_search_with_hits_reports_them_cleanly(
    page: Page, site_url: str, language: str, query: str, summary: str
) -> None:
    watcher = Watcher(page)
    watcher.current = f"{language} search {query!r}"
    page.goto(f"{site_url}{language}/search.html?q={query}")
    status = page.locator("#search-results p.search-summary")
    status.filter(has_text=summary).wait_for(timeout=45_000)
    snippets = page.locator("#search-results li p.context")
    snippets.first.wait_for()
    texts = snippets.all_inner_texts()
    # The language switcher is no content: no snippet starts with it.
    assert not any(t.lstrip(". ").startswith(("English", "Türkçe")) for t in texts), (
        texts
    )
    assert not watcher.problems, "\n".join(watcher.problems)


def test_switcher_keeps_the_section(
    page: Page, site_url: str, built_site: Path
) -> None:
    chapter = longest_chapter(built_site, "en").removeprefix("en/")
    page.goto(f"{site_url}en/{chapter}")
    # A section deep in the chapter: the last second-level heading.
    anchor = page.locator("article section section[id]").last.get_attribute("id")
    assert anchor
    page.goto(f"{site_url}en/{chapter}#{anchor}")
    page.click("nav.guide-languages a[hreflang=tr]")
    page.wait_for_url(f"**/tr/{chapter}#{anchor}")
    assert page.locator(f"section[id='{anchor}']").count() == 1
    page.click("nav.guide-languages a[hreflang=en]")
    page.wait_for_url(f"**/en/{chapter}#{anchor}")


def _hits(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}tr/search.html?q={query}")
    page.locator("#search-results p.search-summary").filter(
        has_text="Arama tamamlandı"
    ).wait_for(timeout=45_000)
    hrefs: list[str] = page.locator("#search-results li a").evaluate_all(
        "(links) => links.map((a) => a.pathname)"
    )
    return hrefs


def test_search_without_turkish_letters(page: Page, site_url: str) -> None:
    plain = _hits(page, site_url, "saglik kontrolu")
    typed = _hits(page, site_url, "sağlık kontrolü")
    assert plain, "saglik kontrolu found nothing"
    pages = [h.rsplit("/", 1)[-1] for h in plain]
    assert "docker-healthchecks.html" in pages, pages
    # Typed correctly, the query ranks no worse: the same page comes first.
    assert typed and typed[0] == plain[0], (typed, plain)
