"""Hosting files: valid, linted, and running what the README says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOW = ".github/workflows/pages.yml"
REFRESH = ".github/workflows/refresh.yml"
# The example's own CI, which the guide teaches (docs/ci.rst).
EXAMPLE_CI = "examples/twitter/.github/workflows/ci.yml"
WORKFLOWS = [WORKFLOW, REFRESH, EXAMPLE_CI]
# `uses: owner/name@<40 hex>  # vX.Y.Z`: pinned by commit, the version said.
PINNED = re.compile(r"uses: [\w./-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")


def tool(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Both linters are installed into this environment's bin folder.
    binary = Path(sys.executable).parent / args[0]
    return subprocess.run(
        [str(binary), *args[1:]], cwd=repo, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        *((workflow, "vendor.github-workflows") for workflow in WORKFLOWS),
        (".readthedocs.yaml", "vendor.readthedocs"),
    ],
)
def test_matches_its_schema(repo_root: Path, path: str, schema: str) -> None:
    result = tool(repo_root, "check-jsonschema", "--builtin-schema", schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_workflow_passes_zizmor(repo_root: Path, workflow: str) -> None:
    result = tool(repo_root, "zizmor", "--offline", "--no-progress", workflow)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_workflow_pins_every_action_by_commit(repo_root: Path, workflow: str) -> None:
    lines = (repo_root / workflow).read_text().splitlines()
    uses = [line.strip().removeprefix("- ") for line in lines if "uses:" in line]
    assert uses
    for line in uses:
        assert PINNED.fullmatch(line), line


def test_refresh_workflow_runs_refresh_with_the_same_uv(repo_root: Path) -> None:
    pages = (repo_root / WORKFLOW).read_text()
    refresh = (repo_root / REFRESH).read_text()
    assert "uv run guide refresh" in refresh
    version = re.search(r'UV_VERSION: "(.+)"', pages)
    assert version is not None
    assert f'UV_VERSION: "{version.group(1)}"' in refresh


def test_workflow_runs_the_readme_commands(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text()
    workflow = (repo_root / WORKFLOW).read_text()
    commands = re.search(r"```console\n(.*?)```", readme, re.DOTALL)
    assert commands is not None
    build, test = commands.group(1).split("\n")[:2]
    assert test == "uv run pytest"
    assert f"run: {test}" in workflow
    assert build == "uv run guide build"
    assert build in workflow


def test_read_the_docs_installs_docs_lock(repo_root: Path) -> None:
    config = (repo_root / ".readthedocs.yaml").read_text()
    assert "requirements: docs.lock" in config
    assert "fail_on_warning: true" in config
    assert 'python: "3.13"' in config
