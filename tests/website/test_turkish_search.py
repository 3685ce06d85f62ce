"""Turkish search finds words with İ, I, ı and i, typed in either case.

Builds the tiny guide in Turkish with a paragraph holding such words, serves
it on 127.0.0.1 and queries it in Chromium the way a reader does.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support.sphinx_run import sphinx_build
from support.static_site import serve_folder

from guidekit.site.search_tr import FoldingTurkish

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PARAGRAPH = "İstek gelince ışık yanar; ISI yükselirse İmaj yeniden kurulur."


@pytest.fixture(scope="module")
def turkish_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = tmp_path_factory.mktemp("tr") / "repo"
    source = Path(__file__).resolve().parents[1] / "roots" / "minirepo"
    subprocess.run(["cp", "-r", str(source), str(repo)], check=True)
    conf = repo / "docs/conf.py"
    conf.write_text(conf.read_text() + 'extensions.append("guidekit.site")\n')
    po = repo / "docs/locale/tr/LC_MESSAGES/two.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Greet the world instead."\nmsgstr "{PARAGRAPH}"\n'
    )
    out = repo / "html"
    sphinx_build(repo / "docs", out, "-D", "language=tr", check=True)
    with serve_folder(out) as url:
        yield url


@pytest.mark.parametrize(
    "query",
    [
        "İstek",
        "istek",
        "İSTEK",
        "ISTEK",
        "ışık",
        "IŞIK",
        "işık",
        "ısı",
        "Isı",
        "İmaj",
        "imaj",
        "IMAJ",
    ],
)
def test_query_finds_the_page(page: Page, turkish_site: str, query: str) -> None:
    page.goto(f"{turkish_site}search.html?q={query}")
    page.locator("#search-results li a").first.wait_for(timeout=45_000)
    hrefs = page.locator("#search-results li a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )
    assert any(href.startswith("two.html") for href in hrefs), hrefs


def test_index_and_query_fold_alike() -> None:
    turkish = FoldingTurkish({})
    assert turkish.stem("İSTEK") == turkish.stem("istek") == turkish.stem("İstek")
    assert turkish.stem("IŞIK") == turkish.stem("ışık")
    assert "ı" not in turkish.stem("ısı")
