"""``guide catalogs``: keep the guide's catalogues in step with its English sources.

Sphinx's gettext builder writes one ``.pot`` per document (``gettext_compact``
is off in conf.py); sphinx-intl merges each into ``locale/<lang>/LC_MESSAGES``,
keeping translations, marking changed ones fuzzy and dropping obsolete ones.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from guidekit.build import BuildError, language_options, sphinx_command
from guidekit.settings import Settings


def update_catalogues(settings: Settings, progress: Callable[[str], None]) -> None:
    """Regenerate the templates, then update every translation's catalogues."""
    templates = settings.build_dir / "gettext"
    progress("extracting messages from the English sources")
    extract = subprocess.run(
        sphinx_command(
            settings.docs_dir,
            templates,
            "--fresh-env",  # extraction must see the tooling's current rules
            *language_options(settings, settings.source_language, "gettext"),
            builder="gettext",
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if extract.returncode != 0:
        raise BuildError(extract.stderr.strip() or extract.stdout.strip())
    for language in settings.languages[1:]:
        progress(f"updating the {language} catalogues")
        update = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx_intl",
                "update",
                "--pot-dir",
                str(templates),
                "--locale-dir",
                str(settings.docs_dir / "locale"),
                "--language",
                language,
                "--no-obsolete",
                "--jobs",
                "1",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if update.returncode != 0:
            raise BuildError(update.stderr.strip() or update.stdout.strip())
