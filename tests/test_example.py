"""The committed example is exactly what the guide tangles, and it works.

One replay of the whole guide (every file, command and doctest, in order, in
an empty folder, as a reader would) runs once per session; each checkpoint is
reported as its own test.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docker_support import prepare_guide

from guidekit.collector import Guide, read_guide
from guidekit.project import check, run_guide
from guidekit.settings import find_root, load
from guidekit.standins.docker import docker_required, engine_problem
from guidekit.tangle.engine import checkpoint_names
from guidekit.tangle.errors import TangleError

pytestmark = pytest.mark.slow
REPO = find_root(Path(__file__).parent)


@pytest.fixture(scope="session")
def guide() -> Guide:
    return read_guide(load(REPO))


@dataclasses.dataclass
class Replay:
    reached: list[str]
    error: TangleError | None
    skipped: list[str]


def tiers() -> frozenset[str]:
    """PyPI is always reachable here; Docker where an engine answers.

    Under CI=true Docker is required (tests/conftest.py fails the docker
    tests without it), so there the Docker chapters' commands always run.
    """
    return frozenset({"network"} | ({"docker"} if engine_problem() is None else set()))


@pytest.fixture(scope="session")
def replay(guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Replay:
    folder = tmp_path_factory.mktemp("reader")
    reached: list[str] = []
    if "docker" in tiers():
        # The images the guide names (real or stand-ins) and uv's cache mount
        # filled, whatever ran before: the replay builds as the guide says.
        prepare_guide(lambda _message: None)
    try:
        skipped = run_guide(
            guide,
            folder,
            tiers(),
            committed=load(REPO).example_root,
            on_checkpoint=lambda name, _root: reached.append(name),
        )
    except TangleError as error:
        return Replay(reached, error, [])
    return Replay(reached, None, skipped)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "checkpoint" in metafunc.fixturenames:
        names = checkpoint_names(read_guide(load(REPO)).steps)
        metafunc.parametrize("checkpoint", names)


def test_example_matches_the_guide(guide: Guide) -> None:
    _tree, findings = check(guide, load(REPO).example_root)
    assert not findings, "\n".join(str(f) for f in findings)


def test_checkpoint_works(replay: Replay, checkpoint: str) -> None:
    if checkpoint not in replay.reached:
        pytest.fail(f"not reached: the replay stopped at {replay.error}")


def test_no_command_was_skipped_where_docker_is_required(replay: Replay) -> None:
    if engine_problem() is not None and not docker_required():
        pytest.skip("Docker unavailable here: its chapters' commands were not run")
    assert replay.skipped == []
