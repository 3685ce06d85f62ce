"""The repository the tests run in: they read it, and never write into it.

Reading the guide is a Sphinx build, and Sphinx writes (doctrees, the
tooling's compiled catalogues) into the build folder of the settings; so the
tests read the real guide with settings whose build folder is one of theirs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from guidekit.settings import Settings, find_root, load

REPO = find_root(Path(__file__).parent)


def settings_building_in(build_dir: Path) -> Settings:
    """The repository's settings, with Sphinx's build folder moved to BUILD_DIR."""
    return dataclasses.replace(load(REPO), build_dir=build_dir)
