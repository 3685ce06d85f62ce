"""A reader can start from any checkpoint's archive and reach the next one.

Each archive of the built site is unpacked into an empty folder, and the next
chapter's blocks are followed there: every file block, and the commands that
make files (``makemigrations``, ``uv lock``), as ``guide tangle`` runs them.
The folder must then equal the next archive, byte for byte, generated files
included. One chapter, the tweet app, is also followed command by command,
as a reader does it, from the archive before it: its tests need the
migrations the archive brings.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest

from guidekit.collector import Guide, read_guide
from guidekit.settings import Settings
from guidekit.sphinxext import ARCHIVES
from guidekit.tangle.compare import compare
from guidekit.tangle.engine import Tree
from guidekit.tangle.replay import ReplayOptions, replay
from guidekit.tangle.steps import CheckpointStep, Step

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def guide(settings: Settings) -> Guide:
    return read_guide(settings)


def checkpoint_names(guide: Guide) -> list[str]:
    return [s.name for s in guide.steps if isinstance(s, CheckpointStep)]


def unpack(built_site: Path, settings: Settings, name: str, into: Path) -> Path:
    """The checkpoint's archive unpacked into ``into``; the project's folder."""
    archive = built_site / settings.source_language / ARCHIVES / f"{name}.zip"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(into)
        # zipfile does not restore modes; a reader's unzip does.
        for info in zipped.infolist():
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                (into / info.filename).chmod(mode)
    return into / settings.example_root.name


def options(guide: Guide, settings: Settings, *, run_all: bool) -> ReplayOptions:
    return ReplayOptions(
        run_all=run_all,
        tiers=frozenset({"network"}),
        normalizers=guide.normalizers,
        doctest_command=guide.doctest_command,
        committed=settings.example_root,
    )


def steps_to(guide: Guide, name: str) -> list[Step]:
    end = next(
        i
        for i, s in enumerate(guide.steps)
        if isinstance(s, CheckpointStep) and s.name == name
    )
    return list(guide.steps[: end + 1])


def test_every_archive_leads_to_the_next(
    built_site: Path, settings: Settings, guide: Guide, tmp_path: Path
) -> None:
    names = checkpoint_names(guide)
    assert len(names) > 10
    for before, after in itertools.pairwise(names):
        folder = unpack(built_site, settings, before, tmp_path / before)
        steps = steps_to(guide, after)
        replay(
            steps,
            folder,
            options(guide, settings, run_all=False),
            start_after=before,
        )
        expected = unpack(built_site, settings, after, tmp_path / f"{after}-archive")
        findings = compare(expected, folder, Tree())
        assert not findings, f"{before} -> {after}: " + "; ".join(map(str, findings))


def test_a_reader_catches_up_from_an_archive_and_runs_the_next_chapter(
    built_site: Path, settings: Settings, guide: Guide, tmp_path: Path
) -> None:
    names = checkpoint_names(guide)
    after = "tweet-app"
    before = names[names.index(after) - 1]
    folder = unpack(built_site, settings, before, tmp_path)
    # Without the archive's migrations the chapter's tests find no tables.
    assert any(folder.glob("twitter/migrations/0001_*.py"))
    replayer = replay(
        steps_to(guide, after),
        folder,
        options(guide, settings, run_all=True),
        start_after=before,
    )
    assert not replayer.skipped, replayer.skipped
