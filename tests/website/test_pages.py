"""Every built page, read as HTML: links, anchors and per-page metadata."""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from guidekit.settings import Settings

pytestmark = pytest.mark.slow


class _Page(html.parser.HTMLParser):
    """Collects ids, links and the head's metadata of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}
        self.canonical = ""
        self.lang = ""
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "meta" and "property" in a:
            self.meta[a["property"]] = a.get("content", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def guide_pages(root: Path, language: str) -> list[Path]:
    """The pages a reader reads (not search, index or 404)."""
    skip = {"search.html", "genindex.html", "404.html"}
    return sorted(
        p
        for p in (root / language).rglob("*.html")
        if p.name not in skip and "_static" not in p.parts
    )


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    parsed = {
        p: parse(p) for p in built_site.rglob("*.html") if "_static" not in p.parts
    }
    broken: list[str] = []
    for page, info in parsed.items():
        for href in info.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            if parts.path.startswith("/"):
                target = built_site / unquote(parts.path).lstrip("/")
            elif parts.path:
                target = Path(posixpath.normpath(page.parent / unquote(parts.path)))
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(built_site)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where} (no such anchor)")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_every_page_has_its_metadata(
    built_site: Path, settings: Settings, language: str
) -> None:
    pages = guide_pages(built_site, language)
    assert len(pages) > 5
    titles: set[str] = set()
    for path in pages:
        page = parse(path)
        name = path.relative_to(built_site / language).as_posix()
        assert page.lang == language, name
        assert set(page.alternates) == {*settings.languages, "x-default"}, name
        assert page.alternates[language] == page.canonical, name
        assert page.canonical.endswith(f"/{language}/{name}"), name
        assert page.meta.get("og:title"), name
        assert page.meta.get("og:description"), name
        assert page.title.strip() and page.title not in titles, name
        titles.add(page.title)


def test_root_files(built_site: Path) -> None:
    assert "hreflang" in (built_site / "index.html").read_text()
    assert "Sitemap:" in (built_site / "robots.txt").read_text()
    index = (built_site / "sitemap.xml").read_text()
    assert "en/sitemap.xml" in index
    assert "tr/sitemap.xml" in index
    for language in ("en", "tr"):
        sitemap = (built_site / language / "sitemap.xml").read_text()
        assert 'hreflang="en"' in sitemap
        assert 'hreflang="tr"' in sitemap


def test_404_links_work_at_any_depth(built_site: Path) -> None:
    page = parse(built_site / "404.html")
    # Same-page anchors aside, every local link must be absolute.
    local = [h for h in page.links if not urlsplit(h).scheme and h[:1] != "#"]
    assert local
    for href in local:
        assert href.startswith("/"), href


ENGLISH_THEME_TEXT = [
    "Skip to content",
    "Back to top",
    "On this page",
    "Toggle Light / Dark / Auto color theme",
    "Made with",
]


def test_turkish_pages_have_turkish_theme_text(built_site: Path) -> None:
    for path in guide_pages(built_site, "tr"):
        page = path.read_text(encoding="utf-8")
        name = path.name
        for english in ENGLISH_THEME_TEXT:
            assert english not in page, f"tr/{name}: {english!r}"
        assert "İçeriğe geç" in page, name
        assert "Başa dön" in page, name
        assert "temasıyla yapıldı" in page, name
    copybutton = (built_site / "tr/_static/copybutton.js").read_text()
    assert "'copy_success': 'Kopyalandı!'" in copybutton


def test_english_pages_keep_the_theme_text(built_site: Path) -> None:
    page = (built_site / "en/index.html").read_text(encoding="utf-8")
    assert "Skip to content" in page
    assert "Made with" in page


# Issue 14: the Turkish edition's interface text.


def test_turkish_404_page(built_site: Path) -> None:
    page = (built_site / "tr/404.html").read_text(encoding="utf-8")
    assert "<h1>Sayfa bulunamadı</h1>" in page
    assert "Page not found" not in page
    assert "Unfortunately" not in page


def test_turkish_permalink_tooltips(built_site: Path) -> None:
    for path in guide_pages(built_site, "tr"):
        page = path.read_text(encoding="utf-8")
        assert 'title="Link to this' not in page, path.name
    settings = (built_site / "tr/settings.html").read_text(encoding="utf-8")
    assert 'title="Bu başlığın bağlantısı"' in settings
    assert 'title="Bu kodun bağlantısı"' in settings


def test_turkish_search_page_text(built_site: Path) -> None:
    page = (built_site / "tr/search.html").read_text(encoding="utf-8")
    assert "Please activate JavaScript" not in page
    assert "Arama işlevini kullanabilmek için lütfen JavaScript'i" in page


def _h1(page: str) -> str:
    match = re.search(r"<h1>(.*?)<a class=\"headerlink\"", page, re.S)
    assert match is not None
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Checkpoint: "), ("tr", "Kontrol noktası: ")]
)
def test_checkpoint_boxes_name_the_chapter(
    built_site: Path, language: str, label: str
) -> None:
    boxes = 0
    for path in guide_pages(built_site, language):
        page = path.read_text(encoding="utf-8")
        for title in re.findall(
            r'tangle-checkpoint.*?<p class="admonition-title">(.*?)</p>', page, re.S
        ):
            boxes += 1
            assert title == label + _h1(page), path.name
    assert boxes > 10


def test_what_changed_pages_name_the_chapter(built_site: Path) -> None:
    chapter = _h1((built_site / "tr/settings.html").read_text(encoding="utf-8"))
    changes = (built_site / "tr/changes/settings.html").read_text(encoding="utf-8")
    assert f"<h1>“{chapter}” bölümünde neler değişti</h1>" in changes


def test_source_link_says_it_is_the_english_source(built_site: Path) -> None:
    page = (built_site / "tr/settings.html").read_text(encoding="utf-8")
    assert 'href="_sources/settings.rst.txt" title="Bu sayfanın İngilizce kaynağı"' in (
        page
    )


# A chapter's own HTML, what a reader on a slow phone waits for before the
# page shows; the split Docker chapters keep under it, and this keeps them so.
PAGE_BUDGET = 100 * 1024


def test_every_page_keeps_to_the_budget(built_site: Path) -> None:
    heavy = {
        page.relative_to(built_site).as_posix(): page.stat().st_size
        for page in built_site.rglob("*.html")
        if "_static" not in page.parts and page.stat().st_size > PAGE_BUDGET
    }
    assert not heavy, f"over {PAGE_BUDGET // 1024} KB of own HTML: {heavy}"
