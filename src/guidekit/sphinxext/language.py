"""Guess a highlighting language from an example file's name."""

from __future__ import annotations

from pathlib import PurePosixPath

from pygments.lexers import get_lexer_for_filename
from pygments.util import ClassNotFound

# Names Pygments does not know but the example uses; the value is a lexer alias.
_BY_SUFFIX = {
    ".Dockerfile": "docker",
    ".env": "bash",
    ".example": "bash",
    ".html": "html+django",  # the example's HTML files are Django templates
    ".txt": "text",
}
_BY_NAME = {
    ".gitattributes": "text",
    ".gitignore": "text",
    ".dockerignore": "text",
    ".python-version": "text",
}


def guess_language(path: str) -> str:
    """Pygments alias for ``path``, ``text`` when nothing fits."""
    pure = PurePosixPath(path)
    if pure.name in _BY_NAME:
        return _BY_NAME[pure.name]
    if pure.suffix in _BY_SUFFIX:
        return _BY_SUFFIX[pure.suffix]
    try:
        return str(get_lexer_for_filename(pure.name).aliases[0])
    except ClassNotFound:
        return "text"
