"""Sphinx configuration of the guide (both languages build from this file)."""

from __future__ import annotations

import os
from pathlib import Path

from guidekit.settings import find_root, load
from guidekit.site.languages import language_roots

SETTINGS = load(find_root(Path(__file__).parent))

project = "Django layout guide"
author = "The guide's authors"
copyright = "2026, the guide's authors"
guide_copyrights = {"en": copyright, "tr": "2026, rehberin yazarları"}

extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "notfound.extension",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "sphinx.ext.graphviz",
    "guidekit.sphinxext",
    "guidekit.site",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "locale", "Thumbs.db", ".DS_Store"]

# Languages: English is the source; translations live in locale/<lang>/.
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False  # one catalogue per document
gettext_location = False  # no source lines in catalogues: they churn on edits
gettext_uuid = False
gettext_allow_fuzzy_translations = False
# Literal blocks stay out of the catalogues: code is the same in every language.
gettext_additional_targets: list[str] = []

# Diagrams are drawn at build time by Graphviz's dot (Debian's graphviz
# package), as SVG: sharp at any zoom, and its text stays text.
graphviz_output_format = "svg"

html_theme = "furo"
html_title = "Django layout guide"
guide_titles = {"en": html_title, "tr": "Django proje düzeni rehberi"}
html_static_path = ["_static"]
html_css_files = ["guide.css"]
html_favicon = "_static/favicon.svg"
# Each language's root URL, from the hosting environment where it has one
# (Read the Docs), else from conf/guide.env; canonical links follow it.
guide_language_roots = language_roots(SETTINGS.languages, SETTINGS.base_url, os.environ)

# URLs of the 404 page, Open Graph and the sitemap follow the language roots;
# guidekit.site fills them in once the language of the build is known.
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}  # no images: they need matplotlib
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
version = ""  # no version segment in sitemap URLs

# Copy only the commands of console blocks, never prompts or output.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
# A blank output line would be copied as a blank line: copy commands only.
copybutton_copy_empty_lines = False
copybutton_line_continuation_character = "\\"

# Checkpoint archives unpack into a folder named like the example.
tangle_archive_folder = Path(SETTINGS.example_root).name
# ...holding the files commands made too (lock files, migrations), from the
# committed example and the earlier checkpoints' copies beside it.
tangle_example_root = str(SETTINGS.example_root)

# What a doctest runs in: the example's own interpreter and settings.
tangle_doctest_command = (
    "uv run --env-file conf/dev/django.env manage.py shell --verbosity 0"
)
# Volatile output, by name; command blocks opt in with :normalize: NAME.
tangle_normalizers = {
    # Test runs, uv and coverage report how long they took.
    "duration": (r"\b\d+(?:\.\d+)?\s?(?:ms|s|µs|m)\b", "<duration>"),
    # Absolute paths of the reader's checkout, up to the project package.
    "project-path": (r"/\S*/(?=twitter/)", "<project>/"),
    # What `uv run` prints when it creates or syncs .venv first (a reader who
    # skipped `uv sync` sees it once).
    "uv-sync": (
        r"^\s*(?:(?:Using CPython|Creating virtual environment|Resolved|Prepared"
        r"|Installed|Uninstalled|Audited|Downloading|Downloaded|Building|Built)\b.*"
        r"|[+-] \S+==\S+)\n",
        "",
    ),
}
nitpicky = True
