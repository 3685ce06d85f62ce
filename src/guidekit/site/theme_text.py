"""Turkish for the interface text that furo and sphinx-copybutton hard-code.

furo's translatable strings come from our ``sphinx`` catalogue (see
``locale/``); these are the ones its templates write as literal English, and
the tooltips sphinx-copybutton keeps in a JavaScript table. Neither project
ships Turkish, and neither offers a hook, so the written pages are patched
after the build. Each replacement names the exact English it expects: when a
theme update changes it, :func:`localise_page` reports the fragment as
missing instead of silently leaving English behind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# English fragment as furo writes it -> the same fragment in Turkish.
THEME_FRAGMENTS: Mapping[str, Mapping[str, str]] = {
    "tr": {
        'aria-label="Toggle site navigation sidebar"': (
            'aria-label="Site gezinme menüsünü aç veya kapat"'
        ),
        'aria-label="Toggle table of contents sidebar"': (
            'aria-label="İçindekiler menüsünü aç veya kapat"'
        ),
        'aria-label="Toggle Light / Dark / Auto color theme"': (
            'aria-label="Açık, koyu ve otomatik renk teması arasında geç"'
        ),
        "<title>Contents</title>": "<title>İçindekiler</title>",
        "<title>Menu</title>": "<title>Menü</title>",
        "<title>Expand</title>": "<title>Genişlet</title>",
        "<title>Light mode</title>": "<title>Açık tema</title>",
        "<title>Dark mode</title>": "<title>Koyu tema</title>",
        "<title>Auto light/dark, in light mode</title>": (
            "<title>Otomatik tema, şu an açık</title>"
        ),
        "<title>Auto light/dark, in dark mode</title>": (
            "<title>Otomatik tema, şu an koyu</title>"
        ),
    }
}

# furo's footer credits Sphinx and Furo in English word order; Turkish puts
# the verb last, so the whole credit is rewritten, links kept.
_FOOTER = re.compile(
    r"Made with\s*(<a href=\"https://www\.sphinx-doc\.org/\">Sphinx</a>) and\s*"
    r"(<a class=\"muted-link\" href=\"https://pradyunsg\.me\">@pradyunsg</a>)'s\s*"
    r"(<a href=\"https://github\.com/pradyunsg/furo\">Furo</a>)"
)
FOOTERS: Mapping[str, str] = {"tr": r"\1 ve \2'nin \3 temasıyla yapıldı."}

# sphinx-copybutton's tooltip table gets a row per language.
COPYBUTTON_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "tr": {
        "copy": "Kopyala",
        "copy_to_clipboard": "Panoya kopyala",
        "copy_success": "Kopyalandı!",
        "copy_failure": "Kopyalanamadı",
    }
}
_COPYBUTTON_TABLE = "const messages = {"


def localise_page(html: str, language: str) -> tuple[str, list[str]]:
    """Translate furo's literal English in one page; return it and what was missing.

    Only fragments the page is expected to contain are reported (a fragment
    already in the target language counts as done, so re-running is harmless).
    """
    missing: list[str] = []
    for english, translated in THEME_FRAGMENTS.get(language, {}).items():
        if english in html:
            html = html.replace(english, translated)
        elif translated not in html:
            missing.append(english)
    footer = FOOTERS.get(language)
    if footer is not None and "Made with" in html:
        html, count = _FOOTER.subn(footer, html)
        if count == 0:
            missing.append("furo's 'Made with' footer")
    return html, missing


def localise_copybutton(script: str, language: str) -> str | None:
    """Add ``language`` to copybutton's tooltip table; None if its shape changed."""
    messages = COPYBUTTON_MESSAGES.get(language)
    if messages is None:
        return script
    if f"'{language}': {{" in script:
        return script  # already added by an earlier build
    if _COPYBUTTON_TABLE not in script:
        return None
    row = ", ".join(f"'{key}': {value!r}" for key, value in messages.items())
    return script.replace(
        _COPYBUTTON_TABLE, f"{_COPYBUTTON_TABLE}\n  '{language}': {{{row}}},", 1
    )
