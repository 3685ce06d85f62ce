"""Sphinx extension for the published site: languages and theme text.

One place builds what the "Turkish edition" and "hosted site" need alike:
``hreflang`` alternates, the language switcher, Turkish theme strings.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util import logging

from guidekit import __version__
from guidekit.site.languages import (
    alternate_links,
    link_to_language,
    robots_txt,
    split_roots,
)
from guidekit.site.search_snippets import NOT_CONTENT, skip_not_content
from guidekit.site.search_tr import FoldingTurkish
from guidekit.site.theme_text import localise_copybutton, localise_page
from guidekit.site.translations_js import translations_js
from guidekit.tooling_catalogues import SOURCE, compile_catalogues

logger = logging.getLogger(__name__)
_ = get_translation("guidekit")

# How each language offers itself, written in that language.
SWITCH_LABELS = {
    "en": ("English", "Read this page in English"),
    "tr": ("Türkçe", "Bu sayfayı Türkçe okuyun"),
}
# Pages that are not part of the guide's reading order get no alternates.
NO_ALTERNATES = frozenset({"404"})
# sphinx-notfound-page's default title and text, translated by our catalogue.
NOT_FOUND = (
    "Page not found",
    "Unfortunately we couldn't find the content you were looking for.",
)


def _switcher(pagename: str, app: Sphinx) -> str:
    """The language links shown at the top of every page's content."""
    roots = app.config.guide_language_roots
    current = app.config.language
    links = []
    for lang in roots:
        if lang == current:
            continue
        name, label = SWITCH_LABELS.get(lang, (lang, lang))
        href = link_to_language(pagename, roots, current, lang)
        links.append(
            f'<a href="{html.escape(href)}" hreflang="{lang}" lang="{lang}"'
            f' data-guide-language="{lang}" title="{html.escape(label)}">'
            f"{html.escape(name)}</a>"
        )
    return (
        f'<nav class="guide-languages {NOT_CONTENT}" aria-label="'
        + html.escape(_("Language"))
        + '">'
        + " ".join(links)
        + "</nav>"
    )


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add hreflang alternates and the language switcher to a page."""
    roots = app.config.guide_language_roots
    if not roots or pagename in NO_ALTERNATES:
        return
    default = next(iter(roots))
    context["metatags"] = "\n".join(
        [context.get("metatags", ""), *alternate_links(pagename, roots, default)]
    )
    if "body" in context:
        context["body"] = _switcher(pagename, app) + context["body"]


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Translate the theme's and copybutton's hard-coded English in place."""
    if exception is not None or app.builder.format != "html":
        return
    language = app.config.language
    outdir = Path(app.outdir)
    missing: set[str] = set()
    # The fragments are furo's; other themes write other English.
    pages = outdir.rglob("*.html") if app.config.html_theme == "furo" else ()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        localised, gaps = localise_page(text, language)
        missing.update(gaps)
        if localised != text:
            page.write_text(localised, encoding="utf-8")
    for gap in sorted(missing):
        logger.warning(
            "theme text %r not found: the theme changed; update guidekit.site",
            gap,
            type="guide",
            subtype="theme",
        )
    roots = app.config.guide_language_roots
    if roots:
        (outdir / "robots.txt").write_text(robots_txt(roots), encoding="utf-8")
    _patch_static(
        outdir / "_static" / "copybutton.js",
        lambda script: localise_copybutton(script, language),
        "copybutton.js has no message table any more",
    )
    _patch_static(
        outdir / "_static" / "searchtools.js",
        skip_not_content,
        "searchtools.js no longer lists what snippets leave out",
    )
    ours = sorted(SOURCE.glob(f"{language}/LC_MESSAGES/sphinx.po"))
    _patch_static(
        outdir / "_static" / "translations.js",
        lambda script: translations_js(script, ours),
        "translations.js changed shape",
    )


def _patch_static(path: Path, patch: Callable[[str], str | None], problem: str) -> None:
    """Rewrite a copied static file; warn when it no longer has what we patch."""
    if not path.is_file():
        return
    try:
        patched = patch(path.read_text(encoding="utf-8"))
    except ValueError:  # also json's decode errors
        patched = None
    if patched is None:
        logger.warning(
            "%s; update guidekit.site", problem, type="guide", subtype="theme"
        )
    else:
        path.write_text(patched, encoding="utf-8")


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Canonical URLs point into the root of the language being built.

    Done here, not in conf.py: ``-D language=tr`` is applied after conf.py ran.
    """
    titles = config.guide_titles
    if config.language in titles:
        config.html_title = titles[config.language]
        config.ogp_site_name = titles[config.language]
    if config.language in config.guide_copyrights:
        config.copyright = config.guide_copyrights[config.language]
    notfound = getattr(config, "notfound_context", None)  # None: not loaded
    if notfound is not None and notfound.get("title") == NOT_FOUND[0]:
        # sphinx-notfound-page writes its default in English only.
        title, text = (str(_(message)) for message in NOT_FOUND)
        config.notfound_context = {
            "title": title,
            "body": f"<h1>{html.escape(title)}</h1>\n\n<p>{html.escape(text)}</p>",
        }
    roots = config.guide_language_roots
    if not roots or config.language not in roots:
        return
    root = roots[config.language]
    config.html_baseurl = root
    config.ogp_site_url = root
    # The 404 page is served for any missing path: its links must be absolute.
    config.notfound_urls_prefix = urlsplit(root).path
    site, suffix = split_roots(roots)
    config.site_url = site
    config.sitemap_url_scheme = "{lang}" + suffix + "{link}"
    config.sitemap_locales = list(roots)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register config, the theme catalogue, assets and handlers."""
    # language -> absolute root URL of its build (see guidekit.site.languages).
    app.add_config_value("guide_language_roots", {}, "html", types=frozenset({dict}))
    # language -> the site's title in that language (sidebar, <title>, og).
    app.add_config_value("guide_titles", {}, "html", types=frozenset({dict}))
    app.add_config_value("guide_copyrights", {}, "html", types=frozenset({dict}))
    # furo's translatable strings that Sphinx's Turkish catalogue lacks, and
    # the switcher's own words.
    locale = compile_catalogues(Path(app.doctreedir) / "guidekit-locale")
    app.add_message_catalog("sphinx", str(locale))
    app.add_message_catalog("guidekit", str(locale))
    app.add_search_language(FoldingTurkish)
    app.add_css_file("guide-site.css")
    app.add_js_file("guide-site.js")
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
