"""URL rules between languages, and the theme's Turkish text, on their own."""

from __future__ import annotations

import pytest

from guidekit.site.languages import (
    alternate_links,
    language_roots,
    link_to_language,
    relative_root,
    robots_txt,
    split_roots,
)
from guidekit.site.theme_text import localise_copybutton, localise_page

LOCAL = {"en": "https://guide.example/en/", "tr": "https://guide.example/tr/"}


def test_roots_from_settings() -> None:
    assert language_roots(["en", "tr"], "https://guide.example", {}) == LOCAL


def test_roots_from_read_the_docs() -> None:
    environ = {
        "READTHEDOCS_CANONICAL_URL": "https://guide.readthedocs.io/tr/latest/",
        "READTHEDOCS_LANGUAGE": "tr",
    }
    assert language_roots(["en", "tr"], "https://ignored.example/", environ) == {
        "en": "https://guide.readthedocs.io/en/latest/",
        "tr": "https://guide.readthedocs.io/tr/latest/",
    }


@pytest.mark.parametrize(
    ("roots", "pagename", "expected"),
    [
        (LOCAL, "index", "../tr/index.html"),
        (LOCAL, "docker/production", "../../tr/docker/production.html"),
        (
            {"en": "https://h/en/latest/", "tr": "https://h/tr/latest/"},
            "settings",
            "../../tr/latest/settings.html",
        ),
    ],
)
def test_switcher_links_stay_on_the_same_page(
    roots: dict[str, str], pagename: str, expected: str
) -> None:
    assert link_to_language(pagename, roots, "en", "tr") == expected


def test_relative_root_between_project_sites() -> None:
    assert relative_root(
        "https://o.github.io/repo/en/", "https://o.github.io/repo/tr/"
    ) == ("../tr/")


def test_alternates_cover_every_language_and_x_default() -> None:
    assert alternate_links("settings", LOCAL, "en") == [
        '<link rel="alternate" hreflang="en"'
        ' href="https://guide.example/en/settings.html" />',
        '<link rel="alternate" hreflang="tr"'
        ' href="https://guide.example/tr/settings.html" />',
        '<link rel="alternate" hreflang="x-default"'
        ' href="https://guide.example/en/settings.html" />',
    ]


def test_split_roots() -> None:
    assert split_roots(LOCAL) == ("https://guide.example/", "")
    rtd = {"en": "https://h/en/latest/", "tr": "https://h/tr/latest/"}
    assert split_roots(rtd) == ("https://h/", "latest/")
    with pytest.raises(ValueError, match="do not share one layout"):
        split_roots({"en": "https://a/en/", "tr": "https://b/tr/"})


def test_robots_names_each_sitemap() -> None:
    assert robots_txt(LOCAL) == (
        "User-agent: *\nAllow: /\n\n"
        "Sitemap: https://guide.example/en/sitemap.xml\n"
        "Sitemap: https://guide.example/tr/sitemap.xml\n"
    )


PAGE = (
    '<button class="theme-toggle" aria-label="Toggle Light / Dark / Auto color theme">'
    '<input aria-label="Toggle site navigation sidebar">'
    '<input aria-label="Toggle table of contents sidebar">'
    "<svg><title>Contents</title></svg><svg><title>Light mode</title></svg>"
    "<svg><title>Menu</title></svg><svg><title>Expand</title></svg>"
    "<svg><title>Dark mode</title></svg>"
    "<svg><title>Auto light/dark, in light mode</title></svg>"
    "<svg><title>Auto light/dark, in dark mode</title></svg>"
    'Made with <a href="https://www.sphinx-doc.org/">Sphinx</a> and '
    '<a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>\'s\n'
    '            <a href="https://github.com/pradyunsg/furo">Furo</a>'
)


def test_theme_text_in_turkish() -> None:
    page, missing = localise_page(PAGE, "tr")
    assert missing == []
    assert 'aria-label="Açık, koyu ve otomatik renk teması arasında geç"' in page
    assert "<title>Koyu tema</title>" in page
    assert (
        '\'nin <a href="https://github.com/pradyunsg/furo">Furo</a> temasıyla' in page
    )
    assert "Made with" not in page
    assert localise_page(page, "tr") == (page, [])  # idempotent


def test_theme_changes_are_reported() -> None:
    changed = PAGE.replace("Toggle Light / Dark / Auto color theme", "Switch theme")
    _page, missing = localise_page(changed, "tr")
    assert missing == ['aria-label="Toggle Light / Dark / Auto color theme"']


def test_english_pages_are_untouched() -> None:
    assert localise_page(PAGE, "en") == (PAGE, [])


def test_copybutton_gets_turkish_tooltips() -> None:
    script = "const messages = {\n  'en': {'copy': 'Copy'},\n}\nlet locale = 'en'"
    patched = localise_copybutton(script, "tr")
    assert patched is not None
    assert "'tr': {'copy': 'Kopyala'" in patched
    assert "'copy_success': 'Kopyalandı!'" in patched
    assert localise_copybutton(patched, "tr") == patched
    assert localise_copybutton("var table = {}", "tr") is None
