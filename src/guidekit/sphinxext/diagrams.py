"""Diagrams in a chapter: Graphviz drawings whose words are translated.

``.. diagram::`` holds DOT; its quoted labels, its ``:alt:`` text and its
``:caption:`` go into the chapter's catalogue like any sentence, and the
Turkish build draws the Turkish labels. ``.. import-graph:: PACKAGE`` draws
which packages of the example import which, from the example's code as the
guide tangles it in the same build, so the drawing cannot drift from the code.

Both render as inline SVG (see :mod:`guidekit.diagrams.svg`) in a figure that
scrolls sideways on its own when a phone is too narrow for it.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, render_dot
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.text import TextTranslator

from guidekit.diagrams.dot import Labelled, is_prose, plain, split_labels, with_style
from guidekit.diagrams.imports import (
    ImportGraphError,
    describe,
    graph_source,
    import_graph,
)
from guidekit.diagrams.svg import SvgError, inline_svg
from guidekit.sphinxext.domain import TangleDomain
from guidekit.tangle.engine import tangle
from guidekit.tangle.errors import TangleError

logger = logging.getLogger(__name__)

# The fields each sentence template of an import graph must hold, no others.
TEMPLATE_FIELDS = {
    "alt": frozenset(),
    "edge": frozenset({"importer", "imported"}),
    "alone": frozenset({"package"}),
}


# docutils names node classes in lower case; its classes are untyped (Any).
class diagram(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """A drawing: DOT cut around its labels; its words are ``diagram_text`` children.

    ``parts`` and ``labels`` are what :class:`Labelled` holds. The children
    are never rendered as such: the visitor reads them and draws.
    """


class diagram_text(nodes.Element, addnodes.translatable):  # type: ignore[misc]  # noqa: N801
    """One translatable text of a diagram: ``alt``, a template, ``label:N``.

    One message per node: Sphinx keeps one "translated" flag per node, so a
    node holding several messages would lose some of them.
    """

    def preserve_original_messages(self) -> None:
        self.setdefault("raw", self["text"])

    def extract_original_messages(self) -> list[str]:
        return [self["raw"]]

    def apply_translated_message(
        self, original_message: str, translated_message: str
    ) -> None:
        if self["raw"] == original_message:
            self["text"] = translated_message


def texts_of(node: diagram) -> dict[str, str]:
    """Key -> text (in this build's language) of a diagram's words."""
    return {child["key"]: child["text"] for child in node.findall(diagram_text)}


def _diagram_node(
    directive: SphinxDirective, labelled: Labelled, texts: dict[str, str]
) -> diagram:
    node = diagram()
    node["parts"] = list(labelled.parts)
    node["labels"] = list(labelled.labels)
    directive.set_source_info(node)
    # A label that is only code (``django.py``) is the same in every language.
    words = dict(texts)
    words |= {
        f"label:{index}": label
        for index, label in enumerate(labelled.labels)
        if is_prose(label)
    }
    for key, text in words.items():
        child = diagram_text(key=key, raw=text, text=text)
        directive.set_source_info(child)
        node += child
    return node


def _figure(directive: SphinxDirective, node: diagram) -> nodes.figure:
    """The drawing in a figure, under its caption when it has one."""
    figure = nodes.figure("", node, classes=["guide-diagram"])
    directive.set_source_info(figure)
    caption = directive.options.get("caption", "").strip()
    if caption:
        parsed, messages = directive.state.inline_text(caption, directive.lineno)
        caption_node = nodes.caption(caption, "", *parsed)
        caption_node.extend(messages)
        directive.set_source_info(caption_node)
        figure += caption_node
    return figure


def _required(directive: SphinxDirective, option: str, why: str) -> str:
    """An option's text on one line (as catalogues hold it), never empty."""
    value = " ".join(str(directive.options.get(option, "")).split())
    if not value:
        raise directive.error(f":{option}: is required: {why}")
    return value


class DiagramDirective(SphinxDirective):
    """A Graphviz drawing written in DOT; quoted labels are translated."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "alt": directives.unchanged_required,
        "caption": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        alt = _required(self, "alt", "it is what readers who cannot see it get")
        source = "\n".join(self.content)
        if "{" not in source:
            raise self.error("the content is not a DOT graph: no '{' opens its body")
        node = _diagram_node(self, split_labels(source), {"alt": alt})
        return [_figure(self, node)]


class ImportGraphDirective(SphinxDirective):
    """Which packages of the example import which, drawn from its code.

    The argument is the project package; ``:alt:`` opens the text
    alternative, ``:edge:`` (with ``{importer}`` and ``{imported}``) and
    ``:alone:`` (with ``{package}``) are the sentences that follow it.
    """

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "alt": directives.unchanged_required,
        "edge": directives.unchanged_required,
        "alone": directives.unchanged_required,
        "caption": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        texts = {
            "alt": _required(self, "alt", "it opens the text alternative"),
            "edge": _required(self, "edge", "it says one import in words"),
            "alone": _required(self, "alone", "it names a package with no import"),
        }
        for key, text in texts.items():
            problem = template_problem(text, TEMPLATE_FIELDS[key])
            if problem:
                raise self.error(f":{key}: {problem}")
        node = _diagram_node(self, Labelled(("",), ()), texts)
        node["imports"] = self.arguments[0]
        # The drawing comes from every chapter's code: read this page again
        # on every build, so an edit anywhere shows here.
        self.env.note_reread()
        figure = _figure(self, node)
        figure["classes"].append("guide-import-graph")
        return [figure]


def template_problem(template: str, fields: frozenset[str]) -> str | None:
    """Why ``template`` cannot be filled with exactly ``fields``, or None."""
    try:
        found = {
            name
            for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name is not None  # None: text with no field after it
        }
    except ValueError as error:
        return f"{error} (write a literal brace as {{{{ or }}}})"
    if found != fields:
        wanted = ", ".join(f"{{{name}}}" for name in sorted(fields)) or "no field"
        return f"must hold {wanted}, and holds {', '.join(sorted(found)) or 'none'}"
    return None


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Draw each import graph from the guide's tangle, in this language."""
    graphs = [node for node in doctree.findall(diagram) if "imports" in node]
    if not graphs:
        return
    domain = app.env.get_domain("tangle")
    assert isinstance(domain, TangleDomain)
    try:
        files = tangle(domain.ordered_steps()).snapshot()
    except TangleError:
        return  # the tangle domain reports it
    sources = {path: content for path, (content, _x) in files.items() if content}
    for node in graphs:
        texts = texts_of(node)
        for key, text in texts.items():
            problem = template_problem(text, TEMPLATE_FIELDS[key])
            if problem:
                logger.warning(
                    "the translation of :%s: %s", key, problem, location=node
                )
                return
        try:
            graph = import_graph(sources, node["imports"])
        except ImportGraphError as error:
            logger.warning("import graph: %s", error, location=node)
            return
        node["code"] = graph_source(graph)
        node["description"] = describe(
            graph, texts["alt"], texts["edge"], texts["alone"]
        )


def diagram_source(node: diagram) -> str | None:
    """The DOT a node draws, styled, with this language's labels."""
    if "imports" in node:
        code = node.get("code")
        return with_style(code) if code else None
    labelled = Labelled(tuple(node["parts"]), tuple(node["labels"]))
    texts = texts_of(node)
    labels = tuple(
        texts.get(f"label:{index}", label) for index, label in enumerate(node["labels"])
    )
    return with_style(labelled.render(labels))


def alt_text(node: diagram) -> str:
    """What a reader who cannot see the drawing gets, as plain text."""
    return plain(node.get("description") or texts_of(node)["alt"])


def visit_diagram_html(self: HTML5Translator, node: diagram) -> None:
    """The drawing as inline SVG in a box that scrolls sideways if need be."""
    code = diagram_source(node)
    if code is None:
        raise nodes.SkipNode  # the graph could not be made; a warning said why
    options = {"docname": self.builder.current_docname}
    try:
        _path, written = render_dot(self, code, options, "svg", prefix="diagram")
    except GraphvizError as error:
        logger.warning("diagram: %s", error, location=node)
        raise nodes.SkipNode from None
    if written is None:
        raise nodes.SkipNode  # no dot program; render_dot warned
    try:
        drawn = Path(written).read_text(encoding="utf-8")
        svg = inline_svg(drawn, alt_text(node))
    except SvgError as error:
        logger.warning("diagram: Graphviz wrote %s", error, location=node)
        raise nodes.SkipNode from None
    # Focusable, so that keyboard users can scroll a diagram wider than a phone.
    self.body.append(f'<div class="guide-diagram-box" tabindex="0">{svg}</div>\n')
    raise nodes.SkipNode


def visit_diagram_text(self: TextTranslator, node: diagram) -> None:
    self.add_text(f"[{alt_text(node)}]")
    raise nodes.SkipNode


def skip(self: nodes.NodeVisitor, node: diagram) -> None:
    raise nodes.SkipNode


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))


def register(app: Sphinx) -> None:
    """Graphviz, the node, the two directives, their handler and stylesheet."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(
        diagram,
        html=(visit_diagram_html, None),
        text=(visit_diagram_text, None),
        latex=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("diagram", DiagramDirective)
    app.add_directive("import-graph", ImportGraphDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("builder-inited", _add_static)
    app.add_css_file("guide-diagrams.css")
