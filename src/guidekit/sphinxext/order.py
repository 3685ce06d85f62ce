"""The reading order of documents, taken from the toctree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def document_order(root: str, includes: Mapping[str, Sequence[str]]) -> list[str]:
    """Depth-first order of documents reachable from ``root`` via toctrees.

    This is the order of Sphinx's previous/next links, i.e. the order in which
    a reader follows the guide. Each document appears once, at first sight.
    """
    order: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname in seen:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(includes.get(docname, ())))
    return order
