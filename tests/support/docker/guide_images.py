"""The images a replay of the whole guide needs, made ready beforehand."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from support.docker.compose import Stack
from support.docker.example import copy_example, write_prod_conf


def prepare_guide(progress: Callable[[str], None]) -> None:
    """What the guide's own Docker commands need here, for a replay of it.

    The upstream images the example names, real or stand-ins: a replay then
    runs ``docker compose build`` as written, downloads included.
    """
    with tempfile.TemporaryDirectory(prefix="guide-prepare-") as tmp:
        root = copy_example(Path(tmp))
        write_prod_conf(root)
        for environment in ("dev", "prod"):
            stack = Stack(root, environment)
            stack.write_override()
            stack.prepare_images(progress)
