r"""The labels of a DOT source, so that a translation can replace them.

Only quoted labels (``label``, ``xlabel``, ``headlabel``, ``taillabel``) are
text for readers; node names stay as written. In a label, ``\n`` is a line
break (a real one in the message a translator sees) and text between double
backquotes is code, as in reST: drawn in a monospaced face, left out of
spell checks, and a label that is nothing but code is not offered for
translation at all.
"""

from __future__ import annotations

import dataclasses
import re

_LABEL = re.compile(r'\b((?:x|head|tail)?label\s*=\s*)"((?:[^"\\]|\\.)*)"', re.DOTALL)

# Attributes every diagram shares: a transparent background (the page's
# colours show through in light and dark mode), one sans-serif font whose
# metrics Graphviz knows, and sizes that stay readable on a phone.
STYLE = """
  graph [bgcolor=transparent, fontname="DejaVu Sans", fontsize=12, margin=0,
         nodesep=0.3, ranksep=0.35]
  node [shape=box, style=rounded, fontname="DejaVu Sans", fontsize=12,
        margin="0.12,0.06", height=0.3]
  edge [fontname="DejaVu Sans", fontsize=11, arrowsize=0.7]
"""


def unescape(label: str) -> str:
    r"""A DOT label as readers see it: ``\n`` a line break, ``\"`` a quote."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), label)


_CODE = re.compile(r"``(.+?)``", re.DOTALL)
MONOSPACE = "DejaVu Sans Mono"


def is_prose(label: str) -> bool:
    """Whether a label holds words to translate, not only code."""
    return any(char.isalpha() for char in _CODE.sub("", label))


def plain(text: str) -> str:
    """``text`` without the double backquotes around code."""
    return _CODE.sub(r"\1", text)


def _escape_html(text: str) -> str:
    escaped = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
    return escaped.replace("\n", "<br/>")


def html_label(label: str) -> str:
    """A Graphviz HTML-like label: line breaks and code spans as markup."""
    pieces: list[str] = []
    start = 0
    for match in _CODE.finditer(label):
        pieces.append(_escape_html(label[start : match.start()]))
        code = _escape_html(match.group(1))
        pieces.append(f'<font face="{MONOSPACE}">{code}</font>')
        start = match.end()
    pieces.append(_escape_html(label[start:]))
    return "<" + "".join(pieces) + ">"


@dataclasses.dataclass(frozen=True)
class Labelled:
    """A DOT source cut around its labels: ``parts[0] label[0] parts[1] ...``."""

    parts: tuple[str, ...]
    labels: tuple[str, ...]

    def render(self, labels: tuple[str, ...] | None = None) -> str:
        """The source with ``labels`` (default: the original ones) in place.

        Each is written as an HTML-like label (see :func:`html_label`).
        """
        chosen = self.labels if labels is None else labels
        if len(chosen) != len(self.labels):
            raise ValueError(f"expected {len(self.labels)} labels, got {len(chosen)}")
        pieces = [self.parts[0]]
        for label, part in zip(chosen, self.parts[1:], strict=True):
            pieces += [html_label(label), part]
        return "".join(pieces)


def split_labels(source: str) -> Labelled:
    """Cut ``source`` around each quoted label; labels come back unescaped."""
    parts: list[str] = []
    labels: list[str] = []
    start = 0
    for match in _LABEL.finditer(source):
        parts.append(source[start : match.end(1)])
        labels.append(unescape(match.group(2)))
        start = match.end()
    parts.append(source[start:])
    return Labelled(tuple(parts), tuple(labels))


def with_style(source: str) -> str:
    """``source`` with :data:`STYLE` as the first statements of its graph.

    Later statements in the source override these defaults.
    """
    opening = source.find("{")
    if opening < 0:
        raise ValueError("not a DOT graph: no '{' opens its body")
    return source[: opening + 1] + STYLE + source[opening + 1 :]
