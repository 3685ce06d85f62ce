"""Keep the site's own controls out of search result snippets.

Sphinx's search shows, under each hit, text it reads from the found page's
``[role=main]``, after removing permalinks, scripts and styles. The language
switcher sits in that element, so every snippet began with "English". Any
element with :data:`NOT_CONTENT` is removed as well: ``searchtools.js`` is
patched after the build (it has no hook), and a changed shape is reported.
"""

from __future__ import annotations

NOT_CONTENT = "guide-not-content"
_REMOVED = '[".headerlink", "script", "style"]'


def skip_not_content(script: str) -> str | None:
    """``searchtools.js`` that also drops ``.guide-not-content``; None if changed."""
    selector = f'".{NOT_CONTENT}"'
    if selector in script:
        return script  # already patched by an earlier build
    if _REMOVED not in script:
        return None
    return script.replace(_REMOVED, f"{_REMOVED[:-1]}, {selector}]", 1)
