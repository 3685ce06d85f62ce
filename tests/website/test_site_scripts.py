"""The patched browser scripts, on their own (no build, no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import sphinx

from guidekit.site.search_snippets import skip_not_content
from guidekit.site.search_tr import FoldingTurkish
from guidekit.site.translations_js import read_table, translations_js
from guidekit.tooling_catalogues import SOURCE

SHIPPED = Path(sphinx.__file__).parent / "locale/tr/LC_MESSAGES/sphinx.js"
OURS = [SOURCE / "tr/LC_MESSAGES/sphinx.po"]
SUMMARY = "Search finished, found one page matching the search query."


def test_turkish_plural_forms_are_filled_and_numeric() -> None:
    table = read_table(translations_js(SHIPPED.read_text(encoding="utf-8"), OURS))
    messages = table["messages"]
    assert isinstance(messages, dict)
    one, many = messages[SUMMARY]
    assert one and "${resultCount}" in many
    # (n > 1) is a boolean in JavaScript: the index must be a number.
    assert table["plural_expr"] == "+((n > 1))"
    assert all(json.dumps(v) not in ('""', '["", ""]') for v in messages.values())


def test_shipped_table_has_the_bug_we_fix() -> None:
    # If Sphinx ever ships these filled in, this module can go.
    shipped = read_table(SHIPPED.read_text(encoding="utf-8"))
    assert shipped["messages"][SUMMARY] == ["", ""]  # type: ignore[index]


def test_snippets_skip_the_site_controls() -> None:
    script = 'for (const removalQuery of [".headerlink", "script", "style"]) {'
    patched = skip_not_content(script)
    assert patched is not None and '"style", ".guide-not-content"]' in patched
    assert skip_not_content(patched) == patched
    assert skip_not_content("nothing to patch") is None


def test_turkish_letters_fold_on_both_sides() -> None:
    turkish = FoldingTurkish({})
    assert turkish.stem("sağlık") == turkish.stem("saglik") == turkish.stem("SAĞLIK")
    assert turkish.stem("kontrolü") == turkish.stem("kontrolu")
    assert turkish.stem("çöş") == turkish.stem("cos")
    assert '"ş": "s"' in turkish.js_stemmer_code
