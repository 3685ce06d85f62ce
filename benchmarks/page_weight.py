"""Benchmark: how heavy each kind of page is, in both languages.

For each page type it prints the page's own HTML size and the bytes a first
visit transfers (HTML, CSS, JS, fonts, images, the search index where the page
loads it), measured in Debian's Chromium over 127.0.0.1 with an empty cache,
and the largest resources, so one can see what dominates.

    uv run python benchmarks/page_weight.py          # builds the site first
    uv run python benchmarks/page_weight.py --no-build
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from playwright.sync_api import Browser, Response, sync_playwright

from guidekit.build import build_site
from guidekit.settings import find_root, load

# The static server lives with the tests, which use it the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.static_site import serve_folder

CHROMIUM = os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def page_types(html_root: Path, language: str) -> dict[str, str]:
    """One representative page per type: start, typical chapter, largest chapter."""
    pages = sorted(
        p
        for p in (html_root / language).glob("*.html")
        if p.name not in {"index.html", "search.html", "genindex.html", "404.html"}
    )
    sizes = sorted(pages, key=lambda p: p.stat().st_size)
    return {
        "start page": f"{language}/index.html",
        "typical chapter (median)": f"{language}/{sizes[len(sizes) // 2].name}",
        "largest chapter": f"{language}/{sizes[-1].name}",
        "search page": f"{language}/search.html",
    }


def measure(base: str, path: str, browser: Browser) -> tuple[int, Counter[str]]:
    """Bytes transferred on a first visit, by resource."""
    context = browser.new_context()
    page = context.new_page()
    sizes: Counter[str] = Counter()

    def record(response: Response) -> None:
        body = response.body() if response.ok else b""
        sizes[response.url.removeprefix(base)] += len(body)

    page.on("response", record)
    page.goto(base + path, wait_until="networkidle")
    context.close()
    return sum(sizes.values()), sizes


def main() -> None:
    """Build (unless told not to), serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    settings = load(find_root())
    if not args.no_build:
        build_site(settings, print)
    root = settings.html_dir()
    with serve_folder(root) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for language in settings.languages:
            for kind, path in page_types(root, language).items():
                own = (root / path).stat().st_size
                total, sizes = measure(base, path, browser)
                top = ", ".join(
                    f"{url} {size / 1024:.0f} KB" for url, size in sizes.most_common(3)
                )
                print(
                    f"{language} {kind:<26} {path:<28} HTML {own / 1024:6.1f} KB"
                    f"  first load {total / 1024:7.1f} KB  largest: {top}"
                )
        browser.close()


if __name__ == "__main__":
    main()
