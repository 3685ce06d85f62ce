"""The Turkish edition: complete, current, consistent, spelled right."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from docutils import nodes
from docutils.core import publish_doctree

from guidekit.catalogue_update import update_catalogues
from guidekit.glossary import (
    Term,
    prose,
    read_glossary,
    turkish_lower,
    violations,
)
from guidekit.settings import Settings, find_root, load

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


# English words that are a glossary term in one sense and ordinary English
# in another: (document, start of the English message, term) -> the sense.
OTHER_SENSES = {
    ("gateways", "Production runs both", "view"): "page views: sayfa gösterimleri",
    ("tweet-app", "Mount both sets of URLs", "mount"): "URLs in a URLconf: bağlamak",
    ("websockets", "Consumers and routes live", "mount"): "routes: bağlamak",
    ("project-app", "The project app is the ground", "mount"): "URLs: bağlamak",
    ("ci", "Every check of this guide", "request"): "a pull request stays English",
    ("where", "A stylesheet, script or image", "image"): "a picture: görsel",
}


def test_glossary_terms_are_used_consistently() -> None:
    terms = read_glossary(REPO / "docs" / "glossary.rst")
    assert len(terms) > 15
    for document, message in entries():
        if document == "glossary":
            continue
        msgid = text(message.id)
        wrong = [
            term
            for term in terms
            if violations([term], msgid, text(message.string))
            and not any(
                (document, term.english) == (d, t) and msgid.startswith(start)
                for d, start, t in OTHER_SENSES
            )
        ]
        assert not wrong, f"{document}: {msgid[:80]!r} should use {wrong}"


def avoided() -> list[tuple[Term, list[str]]]:
    """Each glossary term with the renderings its note says to avoid."""
    doctree = publish_doctree(
        (REPO / "docs" / "glossary.rst").read_text(encoding="utf-8"),
        settings_overrides={"report_level": 4, "halt_level": 5},
    )
    rows = []
    for row in doctree.findall(nodes.row):
        if isinstance(row.parent, nodes.thead):
            continue
        english, turkish, note = (e.astext() for e in row.findall(nodes.entry))
        avoid = re.search(r"Avoid:(.*)", " ".join(note.split()))
        if avoid:
            forms = re.findall(r'"([^"]+)"', avoid.group(1))
            rows.append((Term(english.strip(), turkish.strip()), forms))
    return rows


def uses(turkish: str, form: str) -> bool:
    """``turkish`` has ``form`` as a word, bare or with a Turkish suffix."""
    apostrophe = "['\N{RIGHT SINGLE QUOTATION MARK}]?"
    pattern = rf"(?<!\w){re.escape(turkish_lower(form))}{apostrophe}(\w*)"
    return any(
        not match.group(1) or valid_suffix(match.group(1))
        for match in re.finditer(pattern, turkish_lower(prose(turkish)))
    )


def test_avoided_renderings_are_not_used() -> None:
    rules = avoided()
    assert len(rules) >= 10
    for document, message in entries():
        if document == "glossary":
            continue
        for term, forms in rules:
            if term.english_pattern().search(prose(text(message.id))):
                for form in forms:
                    assert not uses(text(message.string), form), (
                        f"{document}: {text(message.id)[:60]!r} uses {form!r}"
                        f" for {term.english!r}; the glossary says {term.turkish!r}"
                    )


def test_avoided_forms_are_found_with_suffixes() -> None:
    assert uses("Her deployment'ta", "deployment")
    assert uses("repodan uzak", "repo")
    assert not uses("bir report", "repo")
    assert uses("Üçüncü parti bir uygulama", "üçüncü parti")


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


# Suffixes written after an apostrophe: ``Django'nun``, ``uv.lock'u``,
# ``DRF'nin``, ``worker'ları``. Hunspell splits such a word at the apostrophe,
# so the suffix alone ("nun", "ları") would reach it as a word and had to be
# added to the word lists, where it also hid real misspellings. Instead the
# spelling test checks the part before the apostrophe with hunspell and the
# part after it against this grammar of Turkish nominal suffixes, in their
# order: plural, possessive, case, the relative "-ki" (which may take a
# plural and a case again), and the copula. Vowel harmony is checked inside
# the suffix; its harmony with the word before the apostrophe follows the
# pronunciation ("Django'nun", "DRF'nin") and is left to the reviewer.
_H = "[ıiuü]"  # the four-way high vowel
_A = "[ae]"  # the two-way low vowel
_PLURAL = f"l{_A}r"
_POSSESSIVE = f"(?:s?{_H}|{_H}?m(?:{_H}z)?|{_H}?n{_H}z)"
_CASE = (
    f"(?:[ny]?{_H}"  # accusative: 'ı, 'yi, (possessive +) 'nı
    f"|[ny]?{_A}"  # dative: 'a, 'ye, (possessive +) 'na
    f"|n?[dt]{_A}n?"  # locative / ablative: 'da, 'ten, 'ndan
    f"|n?{_H}n"  # genitive: 'ın, 'nun
    f"|y?l{_A})"  # with (ile): 'la, 'yle
)
_COPULA = f"(?:y?{_H})?[dt]{_H}r"  # 'dır, 'tir, 'idir
SUFFIX = re.compile(
    f"(?:{_PLURAL})?(?:{_POSSESSIVE})?(?:{_CASE})?"
    f"(?:ki(?:{_PLURAL})?(?:{_POSSESSIVE})?(?:{_CASE})?)?(?:{_COPULA})?"
)
_BACK, _FRONT = set("aıou"), set("eiöü")
_HIGH_AFTER = dict(zip("aıoueiöü", "ııuuiiüü", strict=True))


def harmonious(part: str) -> bool:
    """The vowels of a suffix (without "-ki") follow Turkish vowel harmony."""
    vowels = [c for c in part if c in _BACK | _FRONT]
    for before, vowel in itertools.pairwise(vowels):
        if vowel in "ıiuü" and vowel != _HIGH_AFTER[before]:
            return False
        if (vowel in _BACK) != (before in _BACK):
            return False
    return True


def valid_suffix(suffix: str) -> bool:
    """``suffix`` is a Turkish suffix as written after an apostrophe."""
    lower = turkish_lower(suffix)
    if not lower or not SUFFIX.fullmatch(lower):
        return False
    first, *after_ki = lower.split("ki")
    # "-ki" does not harmonise; what follows it is front ("-dakiler").
    return harmonious(first) and all(harmonious("i" + part) for part in after_ki)


# A word, or nothing when the word was inline markup (``uv.lock``'u) that
# ``prose`` removed, then an apostrophe and the suffix.
_APOSTROPHE_WORD = re.compile(
    r"(\w[\w.-]*|(?<!\w))['\N{RIGHT SINGLE QUOTATION MARK}](\w+)"
)


def split_suffixes(text: str, names: set[str]) -> tuple[str, list[str]]:
    """``text`` with suffixes after apostrophes removed, and the invalid ones.

    A word listed whole in the word lists (a name such as ``Let's``) is left
    out of the check.
    """
    bad: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match.group(0) in names:
            return " "  # a name with an apostrophe, such as Let's
        if not valid_suffix(match.group(2)):
            bad.append(match.group(0))
        return match.group(1)

    return _APOSTROPHE_WORD.sub(replace, text), bad


def wordlist() -> set[str]:
    return {w for f in WORDLISTS.glob("*.txt") for w in f.read_text().split()}


# Entries shorter than three letters that are real words: upper-case
# acronyms and letters used as names (C, N in "N+1", X) are allowed by rule;
# these lower-case ones are names of tools and files.
SHORT_WORDS = {
    "uv": "the package manager",
    "db": "the Compose service",
    "id": "a tweet's id",
    "py": "the end of redis-py",
}


def test_word_lists_hold_words_not_fragments() -> None:
    fragments = sorted(
        word
        for word in wordlist()
        if (len(word) < 3 and not word.isupper() and word not in SHORT_WORDS)
        or valid_suffix(word)
    )
    assert not fragments, f"suffixes or fragments in the word lists: {fragments}"


def test_suffix_grammar() -> None:
    good_ones = ["nun", "nin", "ları", "lerinden", "dakiyle", "nunkidir", "idir"]
    for good in [*good_ones, "larınızı", "unuza", "sinden", "yle", "ten", "ü"]:
        assert valid_suffix(good), good
    for bad in ["lerı", "larinden", "dekılerden", "xyz", "s", "dann", "leriyla"]:
        assert not valid_suffix(bad), bad


def test_turkish_spelling(tmp_path: Path) -> None:
    hunspell = shutil.which("hunspell")
    assert hunspell, "hunspell is missing: apt-get install hunspell hunspell-tr"
    names = wordlist()
    personal = tmp_path / "tr-wordlist.dic"
    personal.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    translated, bad = split_suffixes(
        "\n".join(
            prose(text(message.string))
            for document, message in entries()
            if document != "glossary"
        ),
        names,
    )
    assert not bad, f"not a Turkish suffix after the apostrophe: {sorted(set(bad))}"
    result = subprocess.run(
        [hunspell, "-d", "tr_TR", "-p", str(personal), "-l"],
        input=translated,
        capture_output=True,
        text=True,
        check=True,
    )
    unknown = sorted(set(result.stdout.split()))
    assert not unknown, f"unknown to hunspell and not in the word lists: {unknown}"
