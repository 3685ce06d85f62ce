"""Read the guide with Sphinx and hand back its steps, in reading order.

This is the only bridge from the CLI to Sphinx: a quiet ``dummy`` build (it
reads and checks, writes no pages) with warnings as errors, then the tangle
domain's ordered steps.
"""

from __future__ import annotations

import dataclasses
import io

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from guidekit.settings import Settings
from guidekit.sphinxext import domain_of
from guidekit.tangle.steps import Step


class GuideError(Exception):
    """Sphinx reported problems in the guide's sources (text holds them all)."""


@dataclasses.dataclass(frozen=True)
class Guide:
    """What the CLI and tests need from a read of the docs."""

    steps: list[Step]
    normalizers: dict[str, tuple[str, str]]
    doctest_command: tuple[str, ...]


def read_guide(settings: Settings, language: str | None = None) -> Guide:
    """Read the docs in ``language`` (the source language by default)."""
    language = language or settings.source_language
    work = settings.build_dir / "tangle" / language
    warnings = io.StringIO()
    nocolor()  # the messages go into text, not to a terminal
    with patch_docutils(settings.docs_dir), docutils_namespace():
        app = Sphinx(
            srcdir=settings.docs_dir,
            confdir=settings.docs_dir,
            outdir=work / "out",
            doctreedir=work / "doctrees",
            buildername="dummy",
            confoverrides={"language": language},
            status=None,
            warning=warnings,
            # Fresh: warnings of unchanged documents must be seen every time.
            freshenv=True,
            warningiserror=False,
        )
        try:
            app.build()
        except SphinxError as error:
            raise GuideError(str(error)) from None
    problems = warnings.getvalue().strip()
    if app.statuscode or problems:
        # Sphinx names sources by absolute path; show them as the repo does.
        raise GuideError(problems.replace(f"{settings.root}/", "") or "Sphinx failed")
    return Guide(
        steps=domain_of(app.env).ordered_steps(),
        normalizers=dict(app.config.tangle_normalizers),
        doctest_command=tuple(app.config.tangle_doctest_command.split()),
    )
