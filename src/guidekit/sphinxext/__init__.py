"""Sphinx extension: show the example project's files and commands, and tangle them.

``setup()`` reads as a table of contents: config values, the domain with its
directives, then the event handlers that collect, check and render.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.locale import get_translation
from sphinx.util import logging

from guidekit import __version__
from guidekit.checkpoint_files import generated_bytes
from guidekit.sources import utf8_problem
from guidekit.sphinxext import attributes as attr
from guidekit.sphinxext import diagrams
from guidekit.sphinxext.collect import collect, location_of
from guidekit.sphinxext.diffs import diff_views
from guidekit.sphinxext.domain import TangleDomain
from guidekit.tangle.checkpoints import archive, changes, snapshots
from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import CheckpointStep
from guidekit.tooling_catalogues import compile_catalogues

logger = logging.getLogger(__name__)
_ = get_translation("guidekit")

# Where checkpoint archives and "what changed" pages go in the HTML output.
ARCHIVES = "_checkpoints"
CHANGES = "changes"

# Patterns for volatile output, by name; a command block opts in with
# ``:normalize: NAME ...``. Each is (regex, replacement). conf.py may add more.
DEFAULT_NORMALIZERS: dict[str, tuple[str, str]] = {
    "duration": (r"\b\d+(?:\.\d+)?\s?(?:ms|s|µs|m)\b", "<duration>"),
}


def relative_to_repository(app: Sphinx) -> Callable[[str], str]:
    """Paths in messages are relative to the folder that holds ``docs/``."""
    top = Path(app.srcdir).parent

    def relative(source: str) -> str:
        return Path(os.path.relpath(source, top)).as_posix()

    return relative


def domain_of(env: BuildEnvironment) -> TangleDomain:
    """The tangle domain of ``env``, typed."""
    domain = env.get_domain("tangle")
    assert isinstance(domain, TangleDomain)
    return domain


class UndecodableSourceError(SphinxError):
    """A source file is not UTF-8; docutils would crash on it, so stop first."""

    category = "Source is not UTF-8"


def on_env_before_read_docs(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    """Refuse non-UTF-8 sources with their file:line instead of a traceback."""
    relative = relative_to_repository(app)
    for docname in docnames:
        path = Path(env.doc2path(docname))
        problem = utf8_problem(path, relative(str(path)))
        if problem:
            raise UndecodableSourceError(problem)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record the document's steps; warn about each unclassified literal block."""
    relative = relative_to_repository(app)
    found = collect(doctree, relative)
    domain = domain_of(app.env)
    domain.steps_by_doc[app.env.docname] = found.steps
    domain.diff_wanted[app.env.docname] = [
        str(location_of(node, doctree, relative))
        for node in doctree.findall(nodes.literal_block)
        if node.get(attr.SHOW) == "diff"
    ]
    domain.unclassified[app.env.docname] = [str(where) for where in found.unclassified]


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Tangle the whole guide once: report bad steps, prepare diff views.

    Returns the documents whose diff views changed, so Sphinx rewrites them
    even when their own source did not change.
    """
    domain = domain_of(env)
    for docname in sorted(domain.unclassified):
        for where in domain.unclassified[docname]:
            logger.warning(
                "literal block is not tangled, run or marked illustrative; use"
                " tangle:file, tangle:command, a >>> doctest or tangle:illustration",
                location=where,
                type="tangle",
                subtype="unclassified",
            )
    for docname in domain.unreachable():
        logger.warning(
            "document has tangle blocks but no toctree leads to it",
            location=docname,
            type="tangle",
            subtype="order",
        )
    owner = {key: doc for doc, keys in domain.diff_wanted.items() for key in keys}
    try:
        views = diff_views(domain.ordered_steps(), set(owner))
    except TangleError as error:
        logger.warning(
            error.message,
            location=str(error.location) if error.location else None,
            type="tangle",
            subtype="step",
        )
        return []
    changed = {
        owner[key]
        for key in owner
        if views.get(key) != domain.diffs.get(key) and key in owner
    }
    domain.data["diffs"] = views
    return sorted(changed)


def checkpoint_links(app: Sphinx, docname: str, name: str) -> nodes.paragraph:
    """Links to the checkpoint's archive and to its "what changed" page."""
    up = "../" * docname.count("/")
    archive = nodes.reference(
        "", f"{name}.zip", refuri=f"{up}{ARCHIVES}/{name}.zip", classes=["download"]
    )
    changed = nodes.reference(
        "", _("what changed in this chapter"), refuri=f"{up}{CHANGES}/{name}.html"
    )
    return nodes.paragraph(
        "",
        "",
        nodes.Text(_("The project as it stands here: ")),
        archive,
        nodes.Text(" · "),
        changed,
    )


def chapter_title(env: BuildEnvironment, docname: str) -> str:
    """A document's title as the reader sees it (translated in a translation)."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def checkpoint_chapters(env: BuildEnvironment) -> dict[str, str]:
    """Checkpoint name -> the document (chapter) that ends with it."""
    return {
        step.name: docname
        for docname, steps in domain_of(env).steps_by_doc.items()
        for step in steps
        if isinstance(step, CheckpointStep)
    }


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in diff views and checkpoint boxes, now that all documents are read."""
    for note in doctree.findall(nodes.admonition):
        if attr.CHECKPOINT not in note:
            continue
        # The box names the chapter as the reader knows it, not the slug
        # (titles are only known once every document is read).
        title = note.next_node(nodes.title)
        if title is not None:
            label = _("Checkpoint: %s") % chapter_title(app.env, docname)
            title.children = [nodes.Text(label)]
        if app.builder.format == "html":
            note.append(checkpoint_links(app, docname, note[attr.CHECKPOINT]))
    diffs = domain_of(app.env).diffs
    relative = relative_to_repository(app)
    for node in doctree.findall(nodes.literal_block):
        if node.get(attr.SHOW) != "diff":
            continue
        text = diffs.get(str(location_of(node, doctree, relative)))
        if text is not None:
            node.children = [nodes.Text(text)]
            node.rawsource = text
            node["language"] = "diff"


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Write each checkpoint's archive; yield its "what changed" page."""
    try:
        found = snapshots(domain_of(app.env).ordered_steps())
    except TangleError:
        return  # already reported by on_env_updated
    chapters = checkpoint_chapters(app.env)
    folder = Path(app.outdir) / ARCHIVES
    configured = app.config.tangle_example_root
    example = Path(app.confdir, configured) if configured else None
    folder.mkdir(parents=True, exist_ok=True)
    previous = None
    for snapshot in found:
        made = generated_bytes(snapshot, example) if example else {}
        (folder / f"{snapshot.name}.zip").write_bytes(
            archive(snapshot, app.config.tangle_archive_folder, made)
        )
        diff = changes(previous, snapshot) or "(no file changed)"
        body = app.builder.highlighter.highlight_block(diff, "diff")  # type: ignore[attr-defined]
        chapter = chapter_title(app.env, chapters.get(snapshot.name, snapshot.name))
        title = _("What changed in the chapter “%s”") % chapter
        summary = _("Every file the guide changed since the previous checkpoint.")
        # Generated pages get no Open Graph tags from sphinxext-opengraph.
        meta = "\n".join(
            f'<meta property="og:{key}" content="{html.escape(str(value))}" />'
            for key, value in (("title", title), ("description", summary))
        )
        yield (
            f"{CHANGES}/{snapshot.name}",
            {
                "title": title,
                "metatags": meta,
                "body": (
                    f"<h1>{html.escape(title)}</h1>\n"
                    f"<p>{html.escape(summary)}</p>\n{body}"
                ),
            },
            "page.html",
        )
        previous = snapshot


def setup(app: Sphinx) -> dict[str, Any]:
    """Register config, the domain, the translations and the handlers."""
    app.add_config_value(
        "tangle_normalizers", DEFAULT_NORMALIZERS, "env", types=frozenset({dict})
    )
    # The command that runs a doctest in the example: it gets ``-c CODE``.
    app.add_config_value("tangle_doctest_command", "python", "", types=frozenset({str}))
    # The folder name inside checkpoint archives (the example's name).
    app.add_config_value(
        "tangle_archive_folder", "example", "html", types=frozenset({str})
    )
    # The committed example (relative to conf.py's folder, or absolute): where
    # the archives take the files commands made. Empty: shown files only.
    app.add_config_value("tangle_example_root", "", "html", types=frozenset({str}))
    app.add_domain(TangleDomain)
    diagrams.register(app)
    locale = compile_catalogues(Path(app.doctreedir) / "guidekit-locale")
    app.add_message_catalog("guidekit", str(locale))
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-collect-pages", on_html_collect_pages)
    return {
        "version": __version__,
        "env_version": TangleDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
