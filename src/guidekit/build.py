"""Build the site in every language, side by side, plus a root page."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from guidekit.settings import Settings
from guidekit.site.languages import language_roots, robots_txt
from guidekit.sources import undecodable_sources


class BuildError(Exception):
    """A language's Sphinx build failed; the text holds its warnings."""


def language_options(settings: Settings, language: str, purpose: str) -> list[str]:
    """Sphinx options for one language; each purpose keeps its own doctrees."""
    return [
        "--doctree-dir",
        str(settings.build_dir / f"doctrees-{purpose}" / language),
        "--define",
        f"language={language}",
    ]


def sphinx_command(
    source: Path, out: Path, *options: str, builder: str = "html"
) -> list[str]:
    """``sphinx-build`` in a fresh interpreter: every warning reported, then fatal.

    The one form of the command: ``guide build``, ``guide catalogs``, the
    tests and the build benchmark all run it, with their OPTIONS.
    """
    return [
        sys.executable,
        "-m",
        "sphinx",
        "--builder",
        builder,
        "--fail-on-warning",
        "--keep-going",
        "--quiet",
        *options,
        str(source),
        str(out),
    ]


def language_command(
    settings: Settings, language: str, *, fresh: bool = False
) -> list[str]:
    """``sphinx-build`` for one language's HTML, into ``html/<language>/``."""
    # Fresh: reread and rewrite everything (Sphinx cannot see code changes).
    again = ["--fresh-env", "--write-all"] if fresh else []
    return sphinx_command(
        settings.docs_dir,
        settings.html_dir(language),
        *again,
        *language_options(settings, language, "html"),
    )


def build_language(settings: Settings, language: str, *, fresh: bool = False) -> None:
    """Build one language into ``html/<language>/``."""
    result = subprocess.run(
        language_command(settings, language, fresh=fresh),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"{language}: {(result.stderr or result.stdout).strip()}")


def root_page(settings: Settings) -> str:
    """The site root: send a visitor to their language, with plain links.

    Only this page redirects, and only into a language folder, so no loop is
    possible; a language chosen with the switcher (stored by the pages) wins
    over the browser's preference.
    """
    languages = settings.languages
    links = "\n".join(
        f'    <li><a href="{lang}/" hreflang="{lang}" lang="{lang}">'
        f"{html.escape(_NAMES.get(lang, lang))}</a></li>"
        for lang in languages
    )
    supported = ", ".join(f'"{lang}"' for lang in languages)
    return f"""<!DOCTYPE html>
<html lang="{languages[0]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Django layout guide</title>
  <script>
    (function () {{
      var supported = [{supported}];
      var stored = null;
      try {{ stored = localStorage.getItem("guide-language"); }} catch (e) {{}}
      var wanted = (navigator.languages || [navigator.language || ""]).map(
        function (tag) {{ return tag.slice(0, 2).toLowerCase(); }});
      if (stored) {{ wanted.unshift(stored); }}
      for (var i = 0; i < wanted.length; i++) {{
        if (supported.indexOf(wanted[i]) !== -1) {{
          window.location.replace(wanted[i] + "/");
          return;
        }}
      }}
      window.location.replace(supported[0] + "/");
    }})();
  </script>
</head>
<body>
  <ul>
{links}
  </ul>
</body>
</html>
"""


_NAMES = {"en": "English", "tr": "Türkçe"}


def sitemap_index(roots: Mapping[str, str]) -> str:
    """A sitemap index naming every language's own sitemap."""
    entries = "".join(
        f"  <sitemap><loc>{html.escape(root)}sitemap.xml</loc></sitemap>\n"
        for root in roots.values()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def write_site_root(settings: Settings) -> Path:
    """Files a host serves from the site root (GitHub Pages, a local server).

    Read the Docs serves its own root; there each language folder is a root.
    """
    root = settings.html_dir()
    roots = language_roots(settings.languages, settings.base_url, os.environ)
    (root / "index.html").write_text(root_page(settings), encoding="utf-8")
    (root / "robots.txt").write_text(robots_txt(roots), encoding="utf-8")
    (root / "sitemap.xml").write_text(sitemap_index(roots), encoding="utf-8")
    # A host serves /404.html for any missing path; its links are absolute.
    source_404 = settings.html_dir(settings.source_language) / "404.html"
    if source_404.is_file():
        shutil.copyfile(source_404, root / "404.html")
    return root / "index.html"


def build_site(
    settings: Settings, progress: Callable[[str], None], *, fresh: bool = False
) -> Path:
    """Build every language and the root files; return the root page's path."""
    problems = undecodable_sources(settings.docs_dir, settings.root)
    if problems:
        raise BuildError("\n".join(problems))
    for language in settings.languages:
        progress(f"building the {language} site")
        build_language(settings, language, fresh=fresh)
    return write_site_root(settings)
