"""The tooling holds itself to the bar it teaches: ruff and mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TOOLING = ["src", "tests", "benchmarks", "docs/conf.py"]


def run(repo: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", *TOOLING),
        ("ruff", "format", "--check", *TOOLING),
        ("mypy",),  # files and --strict come from pyproject.toml
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tooling_is_clean(repo_root: Path, command: tuple[str, ...]) -> None:
    result = run(repo_root, *command)
    assert result.returncode == 0, result.stdout + result.stderr
