"""The example's pre-commit hooks pass on the example, and stop a bad commit.

pre-commit needs a Git repository: the tests run on a copy of the committed
example made into one, with the example's own environment, as
docs/quality.rst tells a reader: ``uv run pre-commit install``, then
``uv run pre-commit run --all-files`` or a ``git commit``. The hooks are
local, so nothing is fetched; pre-commit's own cache stays in the test's
folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from guidekit.tangle.compare import IGNORED_NAMES
from guidekit.tangle.replay import command_env

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "twitter"
CHAPTER = REPO / "docs" / "quality.rst"
# A commit by nobody in particular: the machine may have no Git identity.
IDENTITY = ["-c", "user.name=Reader", "-c", "user.email=reader@example.com"]


def hook_names() -> list[str]:
    """The hooks' names, in the order the configuration lists them."""
    config = (EXAMPLE / ".pre-commit-config.yaml").read_text()
    return re.findall(r"^\s+name: (.+)$", config, re.MULTILINE)


def run(
    root: Path, *command: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return command_env({"PRE_COMMIT_HOME": str(home)})


@pytest.fixture(scope="module")
def repository(
    tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]
) -> Path:
    """The committed example as a Git repository with the hook installed."""
    root = tmp_path_factory.mktemp("precommit") / EXAMPLE.name
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(*IGNORED_NAMES))
    for command in (
        ["git", "init", "--quiet"],
        ["git", "add", "--all"],
        ["uv", "run", "pre-commit", "install"],
    ):
        result = run(root, *command, env=environment)
        assert result.returncode == 0, result.stdout + result.stderr
    return root


def commit(
    root: Path, env: dict[str, str], change: Path, text: str
) -> subprocess.CompletedProcess[str]:
    """Try to commit CHANGE written with TEXT; leave the tree as it was."""
    original = change.read_text() if change.exists() else None
    change.write_text(text)
    try:
        run(root, "git", "add", str(change), env=env)
        return run(root, "git", *IDENTITY, "commit", "--quiet", "-m", "try", env=env)
    finally:
        run(root, "git", "reset", "--quiet", env=env)
        if original is None:
            change.unlink()
        else:
            change.write_text(original)


def test_every_hook_passes_on_the_example(
    repository: Path, environment: dict[str, str]
) -> None:
    result = run(
        repository, "uv", "run", "pre-commit", "run", "--all-files", env=environment
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = [line for line in result.stdout.splitlines() if line.endswith("Passed")]
    names = [re.sub(r"\.{3,}Passed$", "", line) for line in passed]
    assert names == hook_names(), output
    # The chapter shows these very lines.
    chapter = CHAPTER.read_text()
    assert all(line in chapter for line in passed), output


def test_a_lint_error_stops_the_commit_and_names_the_file(
    repository: Path, environment: dict[str, str]
) -> None:
    result = commit(
        repository,
        environment,
        repository / "twitter" / "careless.py",
        '"""A module with an unused import."""\n\nimport os\n',
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^ruff check\.+Failed$", output, re.MULTILINE), output
    assert "F401" in output and "twitter/careless.py:3:8" in output, output


def test_a_lock_behind_pyproject_stops_the_commit(
    repository: Path, environment: dict[str, str]
) -> None:
    pyproject = repository / "pyproject.toml"
    text = pyproject.read_text()
    lock = (repository / "uv.lock").read_bytes()
    # The lock records the project's version: a new one needs a new lock.
    assert 'version = "0.1.0"' in text
    result = commit(
        repository,
        environment,
        pyproject,
        text.replace('version = "0.1.0"', 'version = "0.2.0"', 1),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(
        r"^uv\.lock matches pyproject\.toml\.+Failed$", output, re.MULTILINE
    ), output
    # Nothing rewrote the lock on the way: --locked everywhere.
    assert (repository / "uv.lock").read_bytes() == lock
