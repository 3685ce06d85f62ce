"""Placeholders that a reader would have to replace before a command runs.

A command the tests run must run as copied; a lone ``...`` or ``…``, or an
unquoted ``<your-name>``, means the reader has to edit it first, so the page
would promise a command that nobody ran. Inside quotes, ``<title>`` is text
(a pattern for grep, say), not a placeholder.
"""

from __future__ import annotations

import re

_ELLIPSIS = re.compile(r"(?<!\S)(?:\.\.\.|…)(?!\S)")
# Not a redirection: ``<file`` and ``<<EOF`` have no closing bracket.
_ANGLED = re.compile(r"(?<![<\w])<[A-Za-z][\w-]*>(?!\w)")
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")


def find_placeholder(line: str) -> str | None:
    """The first placeholder in a command ``line``, or None."""
    match = _ELLIPSIS.search(line) or _ANGLED.search(_QUOTED.sub(" ", line))
    return match[0] if match else None
