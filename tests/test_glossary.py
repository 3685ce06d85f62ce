"""The glossary is read from its page and checked with Turkish morphology."""

from __future__ import annotations

from pathlib import Path

from guidekit.glossary import Term, read_glossary, turkish_lower, violations

REPO = Path(__file__).resolve().parent.parent


def test_the_page_yields_its_rows() -> None:
    terms = read_glossary(REPO / "docs/glossary.rst")
    assert Term("settings", "ayarlar") in terms
    assert Term("image", "imaj") in terms
    assert Term("migration", "migration") in terms


def test_suffixed_and_softened_forms_count() -> None:
    terms = [Term("dependency", "bağımlılık"), Term("settings", "ayarlar")]
    assert violations(terms, "Add a dependency.", "Bir bağımlılığı ekleyin.") == []
    assert violations(terms, "The settings module", "Ayar modülü") == []


def test_a_different_word_is_reported() -> None:
    terms = [Term("container", "konteyner")]
    assert violations(terms, "Stop the container.", "Kapsayıcıyı durdurun.") == [
        "'container' -> 'konteyner'"
    ]


def test_literals_and_roles_are_not_prose() -> None:
    terms = [Term("settings", "ayarlar")]
    assert (
        violations(
            terms, "Import ``twitter.settings``.", "``twitter.settings``'i alın."
        )
        == []
    )


def test_turkish_case_rules() -> None:
    assert turkish_lower("IŞIK İSTEK") == "ışık istek"


def test_the_release_vocabulary_is_in_the_glossary() -> None:
    # Issue 14, point 4: one rendering each for the words the review found
    # used in several ways.
    terms = {
        term.english: term.turkish for term in read_glossary(REPO / "docs/glossary.rst")
    }
    assert terms["stack"] == "stack"
    assert terms["image build"] == "imaj build'i"
    assert terms["build stage"] == "build aşaması"
    assert terms["deploy"] == terms["deployment"] == "deploy"
    assert terms["checkout"] == "checkout"
    assert terms["commit"] == "commit"
    assert terms["mount"] == "mount"
    assert terms["view"] == "view"
    assert terms["engine"] == "engine"
    assert terms["repository"] == "depo"
    assert terms["third-party"] == "üçüncü taraf"
    assert terms["stand-in"] == "ikame"
    assert terms["minor version"] == terms["minor release"] == "ara sürüm"


def test_a_bare_english_term_in_its_own_sense_is_reported() -> None:
    terms = [Term("deployment", "deploy")]
    assert violations(terms, "Before the deployment.", "Yayına almadan önce.") == [
        "'deployment' -> 'deploy'"
    ]
