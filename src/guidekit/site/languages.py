"""Where each language of the site lives, and links between them.

Pure functions (no Sphinx), so the URL rules are tested on their own. Both
hosting layouts keep one folder per language: ``/en/``, ``/tr/`` on GitHub
Pages and locally, ``/en/latest/``, ``/tr/latest/`` on Read the Docs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit


def language_roots(
    languages: Sequence[str], base_url: str, environ: Mapping[str, str]
) -> dict[str, str]:
    """Absolute root URL of every language's build.

    On Read the Docs the canonical URL of the current build is given
    (``READTHEDOCS_CANONICAL_URL``, e.g. ``https://x.readthedocs.io/tr/latest/``)
    and the other languages differ only in the language segment.
    """
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    current = environ.get("READTHEDOCS_LANGUAGE", "")
    if canonical and current and f"/{current}/" in canonical:
        return {
            lang: canonical.replace(f"/{current}/", f"/{lang}/", 1)
            for lang in languages
        }
    base = base_url.rstrip("/") + "/"
    return {lang: f"{base}{lang}/" for lang in languages}


def relative_root(from_root: str, to_root: str) -> str:
    """The relative URL from one language root to another (``../tr/``)."""
    source = urlsplit(from_root).path or "/"
    target = urlsplit(to_root).path or "/"
    return posixpath.relpath(target, source).rstrip("/") + "/"


def page_file(pagename: str) -> str:
    """The HTML file of a page name (``chapters/x`` -> ``chapters/x.html``)."""
    return f"{pagename}.html"


def link_to_language(
    pagename: str, roots: Mapping[str, str], current: str, to: str
) -> str:
    """A relative link from ``pagename`` in ``current`` to the same page in ``to``.

    Relative, so it works on every host and when the files are opened locally.
    """
    up = "../" * pagename.count("/")
    return up + relative_root(roots[current], roots[to]) + page_file(pagename)


def alternate_links(pagename: str, roots: Mapping[str, str], default: str) -> list[str]:
    """``<link rel="alternate" hreflang>`` tags for every language plus x-default."""
    page = page_file(pagename)
    tags = [
        f'<link rel="alternate" hreflang="{lang}" href="{root}{page}" />'
        for lang, root in roots.items()
    ]
    tags.append(
        f'<link rel="alternate" hreflang="x-default" href="{roots[default]}{page}" />'
    )
    return tags


def split_roots(roots: Mapping[str, str]) -> tuple[str, str]:
    """``(site, suffix)`` with every root equal to ``site + lang + "/" + suffix``.

    ``{"en": "https://h/en/latest/"}`` gives ``("https://h/", "latest/")``; the
    sitemap builds its URLs from these two parts.
    """
    sites = set()
    suffixes = set()
    for lang, root in roots.items():
        site, marker, suffix = root.rpartition(f"/{lang}/")
        if not marker:
            raise ValueError(f"root {root!r} has no /{lang}/ segment")
        sites.add(site + "/")
        suffixes.add(suffix)
    if len(sites) != 1 or len(suffixes) != 1:
        raise ValueError(f"language roots do not share one layout: {dict(roots)}")
    return sites.pop(), suffixes.pop()


def robots_txt(roots: Mapping[str, str]) -> str:
    """robots.txt allowing everything and naming every language's sitemap."""
    sitemaps = "".join(f"Sitemap: {root}sitemap.xml\n" for root in roots.values())
    return f"User-agent: *\nAllow: /\n\n{sitemaps}"
