"""Shared fixtures: the repository, a throw-away copy of a tiny guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture
def repo_root() -> Path:
    """The real repository (read it, never write to it)."""
    return REPO


@pytest.fixture
def minirepo(tmp_path: Path) -> Path:
    """A fresh copy of ``tests/roots/minirepo``: a repository with a tiny guide."""
    target = tmp_path / "repo"
    shutil.copytree(ROOTS / "minirepo", target)
    return target
