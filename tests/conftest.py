"""Shared fixtures: the repository, a throw-away copy of a tiny guide.

The tests never write into the repository: what they build goes under
pytest's temporary folders (``repo_settings`` for the real guide). One
exception is Sphinx's own: reading the Turkish edition compiles each
``docs/locale/tr/LC_MESSAGES/*.po`` into the ``.mo`` beside it (git ignores
them), as every Turkish build does.
"""

from __future__ import annotations

import functools
import multiprocessing
import shutil
from pathlib import Path

import pytest
from support.ci import docker_required
from support.repository import settings_building_in

from guide_standins.docker import engine_problem
from guidekit.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Helper processes start fresh instead of as forks of the test session.

    In-process Sphinx runs start one (sphinx-sitemap's multiprocessing
    Manager). Forked, it inherits every pipe the session holds, Playwright's
    driver's stdin among them: the driver then never sees its input close,
    and the session hangs at exit after the last test passed.
    """
    multiprocessing.set_start_method("spawn", force=True)


ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture
def repo_root() -> Path:
    """The real repository (read it, never write to it)."""
    return REPO


@pytest.fixture(scope="session")
def repo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The repository's settings, building under the session's temporary folder."""
    return settings_building_in(tmp_path_factory.mktemp("build"))


@pytest.fixture
def minirepo(tmp_path: Path) -> Path:
    """A fresh copy of ``tests/roots/minirepo``: a repository with a tiny guide."""
    target = tmp_path / "repo"
    shutil.copytree(ROOTS / "minirepo", target)
    return target


# ---------------------------------------------------------------------------
# Docker gate, for tests marked @pytest.mark.docker (see tests/test_standins.py).
# Without a Docker engine they skip with a one-line reason; where Docker is
# required (CI or GUIDE_REQUIRE_DOCKER says yes: see support/ci.py) they fail
# instead, so that a CI machine that lost its engine cannot pass by skipping.
# Module- or session-scoped fixtures that need Docker must request
# `docker_engine` themselves: they are set up before the autouse gate runs.
# ---------------------------------------------------------------------------


@functools.cache
def _docker_problem() -> str | None:
    # Asked once per session: `docker info` takes a moment.
    return engine_problem()


@pytest.fixture(scope="session")
def docker_engine() -> None:
    """Skip (or, where Docker is required, fail) unless a Docker engine answers."""
    problem = _docker_problem()
    if problem is None:
        return
    if docker_required():
        pytest.fail(
            f"Docker is required here (CI or GUIDE_REQUIRE_DOCKER is set) but "
            f"unavailable: {problem}; run `bash .ci/docker-setup`",
            pytrace=False,
        )
    pytest.skip(f"Docker unavailable: {problem}")


@pytest.fixture(autouse=True)
def _docker_marker_gate(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("docker") is not None:
        request.getfixturevalue("docker_engine")
