"""The example project speaks Turkish wherever its users read text."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

from guidekit.settings import find_root, load

EXAMPLE = load(find_root(Path(__file__).parent)).example_root
CATALOGUE = EXAMPLE / "twitter/locale/tr/LC_MESSAGES/django.po"


def test_the_example_catalogue_is_complete() -> None:
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    assert len(messages) >= 10
    for message in messages:
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        assert all(strings), f"untranslated: {message.id!r}"


def marked_strings(path: Path) -> set[str]:
    """The literal first arguments of ``_()`` calls in one module."""
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def test_every_user_facing_string_is_in_the_catalogue() -> None:
    with CATALOGUE.open("rb") as handle:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)}
    marked = set().union(
        *(marked_strings(p) for p in (EXAMPLE / "twitter").rglob("*.py"))
    )
    assert marked
    assert marked <= ids, sorted(marked - ids)
