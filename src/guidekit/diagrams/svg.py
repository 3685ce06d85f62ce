"""Graphviz's SVG made fit to sit inside a page.

Inline rather than linked: the text stays text (searchable with the browser's
find, sharp at any zoom), and the page's stylesheet can colour it for dark
mode. Graphviz's element ids and tooltips would repeat from one diagram to
the next on a page, so they go; the drawing is one image to assistive
technology, named by its text alternative.
"""

from __future__ import annotations

import html
import re

# Graphviz measures in points; CSS pixels are 4/3 of a point.
PX_PER_PT = 4 / 3
# The smallest text a diagram may shrink to, in CSS pixels: below it the
# diagram stops shrinking and its box scrolls sideways instead.
MIN_TEXT_PX = 12.0

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>\s*", re.DOTALL)
_ID = re.compile(r'\s+id="[^"]*"')
_OPEN_TAG = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_WIDTH = re.compile(r'\swidth="([\d.]+)pt"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


class SvgError(ValueError):
    """The SVG is not what Graphviz writes (no size in points, no text)."""


def inline_svg(svg: str, label: str) -> str:
    """An ``<svg>`` element for a page, named ``label`` for assistive technology.

    Its CSS width is Graphviz's natural size, allowed to shrink to the column
    but never so far that its smallest text falls below :data:`MIN_TEXT_PX`.
    """
    body = _TITLE.sub("", _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1)))
    body = _ID.sub("", body)
    opening = _OPEN_TAG.search(body)
    if opening is None:
        raise SvgError("no <svg> element")
    width = _WIDTH.search(opening.group())
    sizes = [float(size) for size in _FONT_SIZE.findall(body)]
    if width is None or not sizes:
        raise SvgError("no width in points, or no text")
    natural = float(width.group(1)) * PX_PER_PT
    smallest = min(sizes) * PX_PER_PT  # user units are points here
    minimum = natural * min(1.0, MIN_TEXT_PX / smallest)
    # Keep viewBox and the namespaces; size comes from the style below.
    attributes = re.sub(r'\s(?:width|height)="[^"]*"', "", opening.group()[4:-1])
    tag = (
        f'<svg{attributes} role="img" aria-label="{html.escape(label)}"'
        f' style="width: {natural:.0f}px; min-width: {minimum:.0f}px">'
    )
    return body[: opening.start()] + tag + body[opening.end() :].rstrip() + "\n"
