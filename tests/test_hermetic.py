"""The gate does not move when the package index does.

A tiny guide locks one dependency from a local index; then the index gains a
newer release. A fresh ``uv lock`` takes it (so the index really moved), yet
``guide tangle``, ``guide check`` and ``guide run`` keep the committed pin,
because the guide's ``uv lock`` block reuses the committed lock file.
Offline: the index is served on 127.0.0.1 by ``support.local_index``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.local_index import make_wheel, serve_index

CHAPTER = """\
Dependencies
============

.. tangle:file:: .python-version

   3.13

.. tangle:file:: pyproject.toml

   [project]
   name = "demo"
   version = "0"
   requires-python = ">=3.13"
   dependencies = ["pkg"]

   [tool.uv]
   package = false

.. tangle:command::
   :creates: uv.lock
   :reuses: uv.lock
   :needs: network
   :hide-output:

   $ uv lock

.. tangle:command::
   :needs: network

   $ uv run --quiet --frozen python -c "import pkg; print(pkg.__version__)"
   1.0
"""
UPLOADED = {
    "1.0": datetime(2026, 1, 1, tzinfo=UTC),
    # Later, but a cut-off would not hide it: a late upload looks the same.
    "1.1": datetime(2026, 2, 1, tzinfo=UTC),
}


def guide(repo: Path, env: dict[str, str], *args: str) -> str:
    """Run the ``guide`` CLI in REPO; fail the test with its output on error."""
    result = subprocess.run(
        [sys.executable, "-m", "guidekit.cli", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"guide {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def locked_version(lock: Path) -> str:
    packages = tomllib.loads(lock.read_text())["package"]
    (pkg,) = [package for package in packages if package["name"] == "pkg"]
    return str(pkg["version"])


@pytest.fixture
def index(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A served index holding pkg 1.0 only; add the 1.1 wheel to make it move.

    The server reads the folder at every request; upload times are known
    for both wheels from the start.
    """
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    make_wheel(wheels, "pkg", "1.0")
    times = {f"pkg-{version}-py3-none-any.whl": at for version, at in UPLOADED.items()}
    with serve_index(wheels, times) as url:
        yield url, wheels


def test_a_newer_release_on_the_index_does_not_move_the_gate(
    minirepo: Path,
    tmp_path: Path,
    index: tuple[str, Path],
) -> None:
    url, wheels = index
    (minirepo / "docs/deps.rst").write_text(CHAPTER)
    toc = minirepo / "docs/index.rst"
    toc.write_text(toc.read_text() + "   deps\n")
    env = os.environ | {
        "UV_DEFAULT_INDEX": url,
        "UV_CACHE_DIR": str(tmp_path / "uv-cache"),
        "UV_PYTHON_DOWNLOADS": "never",
    }
    committed = minirepo / "examples/demo/uv.lock"

    guide(minirepo, env, "tangle")  # no lock yet: resolved against the index
    assert locked_version(committed) == "1.0"
    before = committed.read_bytes()

    make_wheel(wheels, "pkg", "1.1")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("pyproject.toml", ".python-version"):
        (fresh / name).write_bytes((minirepo / "examples/demo" / name).read_bytes())
    subprocess.run(["uv", "lock", "--quiet"], cwd=fresh, env=env, check=True)
    assert locked_version(fresh / "uv.lock") == "1.1", "the index did not move"

    assert "matches the guide" in guide(minirepo, env, "check")
    guide(minirepo, env, "tangle")
    assert committed.read_bytes() == before
    # The reader's replay: the shown output (1.0) is compared with what runs.
    guide(minirepo, env, "run", "--tiers", "network")
