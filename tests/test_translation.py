"""The Turkish edition: complete, current, consistent, spelled right."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from guidekit.glossary import prose, read_glossary, violations
from guidekit.settings import Settings, find_root, load
from guidekit.translate import update_catalogues

REPO = find_root(Path(__file__).parent)
LANGUAGE = "tr"
MESSAGES = REPO / "docs" / "locale" / LANGUAGE / "LC_MESSAGES"
WORDLISTS = REPO / "docs" / "locale" / LANGUAGE / "wordlist"


def catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def entries() -> list[tuple[str, Message]]:
    """Every (document, message) of the Turkish catalogues, header excluded."""
    return [
        (po.stem, message)
        for po in sorted(MESSAGES.glob("*.po"))
        for message in catalogue(po)
        if message.id
    ]


def text(value: object) -> str:
    """A message's id or string as one text (plural forms joined)."""
    if isinstance(value, tuple | list):
        return "".join(str(part) for part in value)
    return str(value or "")


def test_every_message_is_translated() -> None:
    for document, message in entries():
        where = f"{document}: {text(message.id)[:100]!r}"
        assert not message.fuzzy, f"fuzzy: {where}"
        assert text(message.string).strip(), f"untranslated: {where}"


def test_no_obsolete_entries() -> None:
    for po in sorted(MESSAGES.glob("*.po")):
        assert "\n#~ " not in po.read_text(encoding="utf-8"), (
            f"obsolete entry in {po.name}"
        )


@pytest.mark.slow
def test_catalogues_match_the_english_sources(tmp_path: Path) -> None:
    """Re-extracting the sources adds, changes and removes nothing."""
    copy = tmp_path / "repo"
    shutil.copytree(
        REPO / "docs", copy / "docs", ignore=shutil.ignore_patterns("_build")
    )
    shutil.copytree(REPO / "conf", copy / "conf")
    settings: Settings = load(copy)
    update_catalogues(settings, lambda _message: None)
    for po in sorted(MESSAGES.glob("*.po")):
        fresh = copy / "docs/locale" / LANGUAGE / "LC_MESSAGES" / po.name
        old = {m.id: text(m.string) for m in catalogue(po) if m.id}
        new = {m.id: (text(m.string), m.fuzzy) for m in catalogue(fresh) if m.id}
        assert set(new) == set(old), f"{po.stem}: run `guide catalogs`"
    assert sorted(
        p.name for p in (copy / "docs/locale/tr/LC_MESSAGES").glob("*.po")
    ) == (sorted(p.name for p in MESSAGES.glob("*.po")))


def test_glossary_terms_are_used_consistently() -> None:
    terms = read_glossary(REPO / "docs" / "glossary.rst")
    assert len(terms) > 15
    for document, message in entries():
        if document == "glossary":
            continue
        wrong = violations(terms, text(message.id), text(message.string))
        assert not wrong, f"{document}: {text(message.id)[:80]!r} should use {wrong}"


def test_suffixes_after_inline_markup_render() -> None:
    # After a closing `` or a role, reST needs whitespace or punctuation:
    # ``uv``'yi renders, ``uv``yi does not.
    for document, message in entries():
        string = text(message.string)
        for markup in re.finditer(r"``.+?``|:\w+:`[^`]*`", string):
            after = string[markup.end() : markup.end() + 1]
            assert not (after.isalnum() or after == "_"), (
                f"{document}: {string[markup.start() : markup.end() + 8]!r} needs an"
                " apostrophe or an escaped space before the suffix"
            )


def test_turkish_spelling() -> None:
    hunspell = shutil.which("hunspell")
    assert hunspell, "hunspell is missing: apt-get install hunspell hunspell-tr"
    words = "\n".join(
        sorted({w for f in WORDLISTS.glob("*.txt") for w in f.read_text().split()})
    )
    personal = Path(REPO / "docs/_build/tr-wordlist.dic")
    personal.parent.mkdir(parents=True, exist_ok=True)
    personal.write_text(words + "\n", encoding="utf-8")
    translated = "\n".join(
        prose(text(message.string))
        for document, message in entries()
        if document != "glossary"
    )
    result = subprocess.run(
        [hunspell, "-d", "tr_TR", "-p", str(personal), "-l"],
        input=translated,
        capture_output=True,
        text=True,
        check=True,
    )
    unknown = sorted(set(result.stdout.split()))
    assert not unknown, f"unknown to hunspell and not in the word lists: {unknown}"
