"""Whether this run is one where nothing may skip: the one reading of ``CI``.

CI services set ``CI`` to ``true`` (GitHub), ``True`` (AppVeyor), ``1`` or
``yes``; every gate asks here, so that all of them accept the same spellings.
"""

from __future__ import annotations

import os

TRUTHY = frozenset({"true", "1", "yes", "on"})


def env_flag(name: str) -> bool:
    """Whether environment variable NAME says yes (true, 1, yes or on, any case)."""
    return os.environ.get(name, "").strip().lower() in TRUTHY


def under_ci() -> bool:
    """Whether this is a CI run: tests that would skip must fail instead."""
    return env_flag("CI")


def docker_required() -> bool:
    """Whether a missing Docker engine fails the tests rather than skips them."""
    return under_ci() or env_flag("GUIDE_REQUIRE_DOCKER")
