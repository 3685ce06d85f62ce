"""Translation never changes what is tangled; the Turkish build really translates."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.sphinx_run import sphinx_build

from guidekit.collector import read_guide
from guidekit.settings import Settings, load
from guidekit.tangle import tangle


def tangled_in(repo: Path, language: str) -> dict[str, tuple[str | None, bool]]:
    return tangle(read_guide(load(repo), language).steps).snapshot()


def test_turkish_doctrees_tangle_like_english(minirepo: Path) -> None:
    assert tangled_in(minirepo, "tr") == tangled_in(minirepo, "en")


def test_the_turkish_build_is_translated(minirepo: Path) -> None:
    result = sphinx_build(minirepo / "docs", minirepo / "tr", "-D", "language=tr")
    assert result.returncode == 0, result.stderr
    page = (minirepo / "tr/one.html").read_text()
    assert "Birinci bölüm" in page
    assert "Bir betik oluşturun." in page
    assert 'lang="tr"' in page


def test_a_translated_code_block_is_caught(minirepo: Path) -> None:
    # If literal blocks were made translatable and a translator changed one,
    # the Turkish tangle would differ: the equality test must see it.
    conf = minirepo / "docs/conf.py"
    conf.write_text(
        conf.read_text() + 'gettext_additional_targets = ["literal-block"]\n'
    )
    po = minirepo / "docs/locale/tr/LC_MESSAGES/one.po"
    po.write_text(
        po.read_text()
        + '\nmsgid ""\n"def double(value: int) -> int:\\n"\n"    return 2 * value"\n'
        'msgstr ""\n"def ikikat(value: int) -> int:\\n"\n"    return 2 * value"\n'
    )
    english, turkish = tangled_in(minirepo, "en"), tangled_in(minirepo, "tr")
    assert turkish["pkg/calc.py"] != english["pkg/calc.py"]
    assert "def ikikat" in (turkish["pkg/calc.py"][0] or "")


@pytest.mark.slow
def test_the_real_guide_tangles_the_same_in_every_language(
    repo_settings: Settings,
) -> None:
    settings = repo_settings
    english = tangle(read_guide(settings, settings.source_language).steps).snapshot()
    for language in settings.languages[1:]:
        assert tangle(read_guide(settings, language).steps).snapshot() == english
