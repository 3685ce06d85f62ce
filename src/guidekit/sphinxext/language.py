"""Guess a highlighting language from an example file's name."""

from __future__ import annotations

import fnmatch
import functools
from pathlib import PurePosixPath

from pygments.lexers import get_all_lexers

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
    return _lexer_alias(pure.name)


@functools.cache
def _patterns() -> tuple[tuple[str, str], ...]:
    """(file name pattern, alias) of Pygments' built-in lexers, exact names first.

    Read from Pygments' static table: ``get_lexer_for_filename`` would import
    lexer modules and scan plugin entry points, about 0.2 s per unknown name.
    """
    pairs = [
        (pattern, aliases[0])
        for _name, aliases, patterns, _mimes in get_all_lexers(plugins=False)
        if aliases
        for pattern in patterns
    ]
    exact = [p for p in pairs if not any(c in p[0] for c in "*?[")]
    return tuple(exact + [p for p in pairs if p not in exact])


@functools.cache
def _lexer_alias(filename: str) -> str:
    for pattern, alias in _patterns():
        if fnmatch.fnmatchcase(filename, pattern):
            return str(alias)
    return "text"
