"""Baseline for the build benchmark: the tangle directives as plain code blocks.

Registers the same directive names, rendering the same highlighted blocks, but
records nothing and tangles nothing, so the difference in build time is the
extension's overhead.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.directives.code import CodeBlock
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from guidekit.sphinxext.language import guess_language


class PlainBlock(CodeBlock):
    """Any tangle block, shown as a code block; every option accepted."""

    required_arguments = 0
    optional_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        **CodeBlock.option_spec,
        **dict.fromkeys(
            [
                "action",
                "region",
                "executable",
                "language",
                "show",
                "needs",
                "creates",
                "normalize",
                "returncode",
                "hide-output",
                "reason",
            ],
            directives.unchanged,
        ),
    }
    arguments: list[str]

    def run(self) -> list[nodes.Node]:
        # Rendered as the real directives render: same caption, same lexer.
        if self.name.endswith("file"):
            path = self.arguments[0]
            self.options["caption"] = path
            self.arguments = [self.options.get("language") or guess_language(path)]
        elif self.name.endswith("command"):
            self.arguments = ["console"]
        return super().run()


class PlainCheckpoint(SphinxDirective):
    """A checkpoint as a bare admonition."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        note = nodes.admonition()
        note += nodes.title("", self.arguments[0])
        return [note]


class PlainDomain(Domain):
    """The ``tangle:`` names, without any state."""

    name = "tangle"
    label = "Tangle"
    directives: ClassVar = {
        "file": PlainBlock,
        "command": PlainBlock,
        "illustration": PlainBlock,
        "checkpoint": PlainCheckpoint,
    }


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the stand-in domain."""
    app.add_domain(PlainDomain)
    app.add_config_value("tangle_normalizers", {}, "env")
    app.add_config_value("tangle_doctest_command", "", "")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
