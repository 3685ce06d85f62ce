"""Per-document tangle state, kept where Sphinx keeps per-document state.

Steps are stored by docname, so incremental and parallel builds stay correct
(``clear_doc``/``merge_domaindata``); the global order comes from the toctree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from guidekit.sphinxext import attributes as attr
from guidekit.sphinxext.collect import location_of, tangle_blocks, under_only
from guidekit.sphinxext.directives import (
    CheckpointDirective,
    CommandDirective,
    FileDirective,
    IllustrationDirective,
)
from guidekit.sphinxext.order import document_order
from guidekit.tangle.steps import Step

logger = logging.getLogger(__name__)

_COLON_FENCE = re.compile(r":{3,}\s*\{")


class TangleDomain(Domain):
    """The ``tangle:`` directives and the steps they recorded."""

    name = "tangle"
    label = "Tangle"
    directives: ClassVar = {
        "file": FileDirective,
        "command": CommandDirective,
        "illustration": IllustrationDirective,
        "checkpoint": CheckpointDirective,
    }
    # steps: docname -> steps; diff_wanted: docname -> locations of diff views;
    # unclassified: docname -> locations of bare literal blocks (re-reported on
    # every build, so an incremental build cannot hide them);
    # diffs: location -> rendered diff (filled after all documents are read).
    initial_data: ClassVar[dict[str, Any]] = {
        "steps": {},
        "unclassified": {},
        "diff_wanted": {},
        "diffs": {},
    }
    data_version = 2

    @property
    def steps_by_doc(self) -> dict[str, list[Step]]:
        steps: dict[str, list[Step]] = self.data["steps"]
        return steps

    @property
    def diff_wanted(self) -> dict[str, list[str]]:
        wanted: dict[str, list[str]] = self.data["diff_wanted"]
        return wanted

    @property
    def unclassified(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = self.data["unclassified"]
        return found

    @property
    def diffs(self) -> dict[str, str]:
        diffs: dict[str, str] = self.data["diffs"]
        return diffs

    def clear_doc(self, docname: str) -> None:
        self.steps_by_doc.pop(docname, None)
        self.diff_wanted.pop(docname, None)
        self.unclassified.pop(docname, None)

    def process_doc(
        self, env: BuildEnvironment, docname: str, document: nodes.document
    ) -> None:
        """Refuse what the tangle would read otherwise than readers see it."""
        top = Path(env.srcdir).parent

        def relative(source: str) -> str:
            return Path(os.path.relpath(source, top)).as_posix()

        if env.doc2path(docname).suffix == ".md":
            self._colon_fences(document, relative)
        for node in tangle_blocks(document):
            if under_only(node) and node.get(attr.KIND) != "illustration":
                logger.warning(
                    "tangle blocks and doctests cannot sit inside `.. only::`:"
                    " the example is one tree for every builder; move the block"
                    " out, or make it a tangle:illustration",
                    location=str(location_of(node, document, relative)),
                    type="tangle",
                    subtype="only",
                )

    def _colon_fences(
        self, document: nodes.document, relative: Callable[[str], str]
    ) -> None:
        # Without MyST's colon_fence extension a ':::' fence is a paragraph of
        # plain text: the block would vanish from the tangle without a word.
        for node in document.findall(nodes.paragraph):
            if _COLON_FENCE.match(node.astext()):
                logger.warning(
                    "a ':::' fence is plain text here; add 'colon_fence' to"
                    " myst_enable_extensions in conf.py, or use a ``` fence",
                    location=str(location_of(node, document, relative)),
                    type="tangle",
                    subtype="myst",
                )

    def merge_domaindata(
        self, docnames: Iterable[str], otherdata: dict[str, Any]
    ) -> None:
        for docname in docnames:
            if docname in otherdata["steps"]:
                self.steps_by_doc[docname] = otherdata["steps"][docname]
            for key in ("diff_wanted", "unclassified"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def reading_order(self) -> list[str]:
        """Documents in toctree order (the order of previous/next links)."""
        return document_order(self.env.config.root_doc, self.env.toctree_includes)

    def ordered_steps(self) -> list[Step]:
        """Every recorded step, in the order a reader meets it."""
        return [
            step
            for docname in self.reading_order()
            for step in self.steps_by_doc.get(docname, [])
        ]

    def unreachable(self) -> list[str]:
        """Documents with steps that no toctree leads to."""
        order = set(self.reading_order())
        return sorted(d for d, s in self.steps_by_doc.items() if s and d not in order)

    def resolve_any_xref(  # noqa: PLR0917 (Sphinx's signature)
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        # The domain has no cross-reference targets.
        return []
