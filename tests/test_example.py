"""The committed example is exactly what the guide tangles, and it works.

One replay of the whole guide (every file, command and doctest, in order, in
an empty folder, as a reader would) runs once per session; each checkpoint is
reported as its own test.
"""

from __future__ import annotations

import dataclasses
import tempfile
import uuid
from pathlib import Path

import pytest
from support.ci import docker_required
from support.docker.compose import remove_compose_projects
from support.docker.guide_images import prepare_guide
from support.repository import settings_building_in

from guide_standins.docker import engine_problem
from guidekit.collector import Guide, read_guide
from guidekit.project import check, run_guide
from guidekit.settings import Settings
from guidekit.tangle.engine import checkpoint_names
from guidekit.tangle.errors import TangleError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def guide(repo_settings: Settings) -> Guide:
    return read_guide(repo_settings)


@dataclasses.dataclass
class Replay:
    reached: list[str]
    error: TangleError | None
    skipped: list[str]


def tiers() -> frozenset[str]:
    """PyPI is always reachable here; Docker where an engine answers.

    Under CI Docker is required (tests/conftest.py fails the docker
    tests without it), so there the Docker chapters' commands always run.
    """
    return frozenset({"network"} | ({"docker"} if engine_problem() is None else set()))


# The replay's Compose stacks run under project names of their own (the
# variable outranks the files' `name:`), never under a reader's twitter-dev.
REPLAY_PROJECTS = "guide-replay-"


@pytest.fixture(scope="session")
def replay(
    guide: Guide, repo_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Replay:
    folder = tmp_path_factory.mktemp("reader")
    reached: list[str] = []
    env: dict[str, str] = {}
    if "docker" in tiers():
        # The images the guide names (real or stand-ins), whatever ran
        # before: the replay builds as the guide says.
        prepare_guide(lambda _message: None)
        remove_compose_projects(REPLAY_PROJECTS)
        env["COMPOSE_PROJECT_NAME"] = f"{REPLAY_PROJECTS}{uuid.uuid4().hex[:8]}"
    try:
        skipped = run_guide(
            guide,
            folder,
            tiers(),
            committed=repo_settings.example_root,
            on_checkpoint=lambda name, _root: reached.append(name),
            extra_env=env,
        )
    except TangleError as error:
        return Replay(reached, error, [])
    finally:
        if env:
            remove_compose_projects(env["COMPOSE_PROJECT_NAME"])
    return Replay(reached, None, skipped)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "checkpoint" in metafunc.fixturenames:
        # At collection, before any fixture: a build folder of its own.
        with tempfile.TemporaryDirectory(prefix="guide-collect-") as build:
            settings = settings_building_in(Path(build))
            names = checkpoint_names(read_guide(settings).steps)
        metafunc.parametrize("checkpoint", names)


def test_example_matches_the_guide(guide: Guide, repo_settings: Settings) -> None:
    _tree, findings = check(guide, repo_settings.example_root)
    assert not findings, "\n".join(str(f) for f in findings)


def test_checkpoint_works(replay: Replay, guide: Guide, checkpoint: str) -> None:
    if checkpoint in replay.reached:
        return
    if replay.error is None:
        pytest.fail("not reached, though the replay ended without an error")
    # The first checkpoint not reached fails with the replay's error; the
    # later ones point to it.
    names = checkpoint_names(guide.steps)
    first = next(name for name in names if name not in replay.reached)
    if checkpoint == first:
        pytest.fail(f"the replay stopped with an error: {replay.error}")
    pytest.fail(f"not reached: the replay stopped with an error before {first}")


def test_replay_ended_without_an_error(replay: Replay) -> None:
    # An error after the last checkpoint reaches every checkpoint above.
    if replay.error is not None:
        pytest.fail(f"the replay stopped with an error: {replay.error}")


def test_no_command_was_skipped_where_docker_is_required(replay: Replay) -> None:
    if engine_problem() is not None and not docker_required():
        pytest.skip("Docker unavailable here: its chapters' commands were not run")
    assert replay.skipped == []
